/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-startup-lazy"

#include "config.h"

#include <glib/gstdio.h>

#include "kdx-due-tracker.h"
#include "kdx-list-view.h"
#include "kdx-test-util.h"
#include "kdx-ui-test.h"
#include "kdx-window.h"

/* The window's first frame on 20,000 KOLs costs what a screenful costs
 * (issue 16, item 4): the store's own counters, read at the moment of the
 * first frame, show that it read no more than the list's first screen of
 * KOLs and ran no query over every row (no due list, no id of every KOL,
 * no count); the rest comes after, in workers. No timing is asserted. */

#define N_KOLS 20000
/* The list's first screen (kdx-list-view.c reads this many rows at once). */
#define FIRST_SCREEN 100
/* Rows of small tables read whole at start: the saved views (three by
 * default). Every KOL would be N_KOLS. */
#define SMALL_TABLES 10

static char *generated_path;

/* Made once, by the generator the bench uses, and copied per test. */
static const char *
generated_database (void)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *dir = NULL;

  if (generated_path != NULL)
    return generated_path;
  dir = kdx_test_make_tmp_dir ();
  generated_path = g_build_filename (dir, "generated.db", NULL);
  g_ptr_array_add (argv, g_strdup (g_getenv ("KDX_GENERATE")));
  g_ptr_array_add (argv, g_strdup (generated_path));
  g_ptr_array_add (argv, g_strdup_printf ("%d", N_KOLS));
  g_assert_cmpint (kdx_test_run_argv (argv, NULL, &out, &err), ==, 0);
  return generated_path;
}

typedef struct
{
  KdxStore   *store;
  KdxWindow  *window;
  gboolean    painted;
  /* As they were when the first frame was painted. */
  guint64     kols_read;
  guint64     list_rows_read;
  guint64     rows_scanned;
  guint       n_listed;
  gboolean    list_complete;
  gboolean    due_known;
  gboolean    counted;    /* the list's count of every KOL was shown */
  char       *view;
  /* Done by the "operator" right at the first frame: Alt+keyval, a click
   * on the first row. */
  guint       keyval;
  gboolean    select_first;
} Start;

static gboolean
is_label_with (GtkWidget     *widget,
               gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static void
first_frame_cb (GdkFrameClock *clock,
                Start         *start)
{
  KdxKolList *list = kdx_list_view_get_list (kdx_window_get_list_view (start->window));
  AdwViewStack *stack = ADW_VIEW_STACK (kdx_ui_find_widget (GTK_WIDGET (start->window), ADW_TYPE_VIEW_STACK, NULL));

  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, start);
  start->painted = TRUE;
  start->kols_read = kdx_store_get_n_kols_read (start->store);
  start->list_rows_read = kdx_store_get_n_rows_read (start->store);
  start->rows_scanned = kdx_store_get_n_rows_scanned (start->store);
  start->n_listed = g_list_model_get_n_items (G_LIST_MODEL (list));
  start->list_complete = kdx_kol_list_is_complete (list);
  start->due_known = kdx_due_tracker_has_answer (kdx_due_tracker_for_store (start->store));
  start->view = g_strdup (adw_view_stack_get_visible_child_name (stack));
  {
    g_autofree char *count = g_strdup_printf ("%d KOLs", N_KOLS);
    start->counted = kdx_ui_find_first (GTK_WIDGET (start->window), is_label_with, count) != NULL;
  }
  if (start->keyval != 0)
    g_assert_true (kdx_ui_press_key (GTK_WINDOW (start->window), start->keyval, GDK_ALT_MASK));
  if (start->select_first)
    {
      GtkColumnView *view = kdx_list_view_get_column_view (kdx_window_get_list_view (start->window));

      /* What a click on the row does to the view's selection. */
      g_assert_true (gtk_selection_model_select_item (gtk_column_view_get_model (view), 0, TRUE));
    }
}

/* Connected at realize, so before anything the window itself runs after
 * its first frame. */
static void
realized_cb (GtkWidget *window,
             Start     *start)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (first_frame_cb), start);
}

static gboolean
painted (gpointer user_data)
{
  return ((Start *) user_data)->painted;
}

/* A window of its own on a copy of the generated database, as the
 * application opens one, watched from before it exists. */
static void
start_window (KdxUiFixture *fixture,
              Start        *start)
{
  g_autofree char *path = g_build_filename (fixture->dir, "kols.db", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (generated_database ());
  g_autoptr(GFile) to = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  start->store = kdx_store_open (path, &error);
  g_assert_no_error (error);
  kdx_store_watch_scans (start->store);
  g_assert_cmpuint (kdx_store_get_n_kols_read (start->store), ==, 0);

  start->window = kdx_window_new (fixture->application, start->store, NULL);
  g_signal_connect (start->window, "realize", G_CALLBACK (realized_cb), start);
  gtk_window_present (GTK_WINDOW (start->window));
  kdx_ui_wait_until (painted, start, 60000);
}

static void
stop_window (Start *start)
{
  gtk_window_destroy (GTK_WINDOW (start->window));
  kdx_ui_iterate ();
  g_assert_finalize_object (start->store);
  g_free (start->view);
}

static gboolean
list_complete (gpointer user_data)
{
  Start *start = user_data;

  return kdx_kol_list_is_complete (kdx_list_view_get_list (kdx_window_get_list_view (start->window)));
}

static gboolean
due_known (gpointer user_data)
{
  return kdx_due_tracker_has_answer (kdx_due_tracker_for_store (((Start *) user_data)->store));
}

static gboolean
showing_today (gpointer user_data)
{
  Start *start = user_data;
  AdwViewStack *stack = ADW_VIEW_STACK (kdx_ui_find_widget (GTK_WIDGET (start->window), ADW_TYPE_VIEW_STACK, NULL));

  return g_strcmp0 (adw_view_stack_get_visible_child_name (stack), "today") == 0;
}

/* The first frame shows the list's first screen and nothing else was
 * read; then the rest of the list, and what is due, which (the operator
 * having done nothing yet) brings Today forward. */
static void
test_first_frame_reads_a_screen (KdxUiFixture  *fixture,
                                 gconstpointer  data)
{
  Start start = { 0 };
  KdxKolList *list;
  g_autofree char *count = NULL;

  start_window (fixture, &start);

  g_assert_cmpstr (start.view, ==, "list");
  g_assert_cmpuint (start.n_listed, >, 0);
  g_assert_cmpuint (start.n_listed, <=, FIRST_SCREEN);
  g_assert_false (start.list_complete);
  /* The rows the list drew, read as rows (their shown columns, one query),
   * at most its first screen; no KOL file read whole (issue 16, item 4). */
  g_assert_cmpuint (start.list_rows_read, >, 0);
  g_assert_cmpuint (start.list_rows_read, <=, FIRST_SCREEN);
  g_assert_cmpuint (start.kols_read, ==, 0);
  /* Rows stepped through in full scans: the first screen's LIMIT query
   * (one more row than it shows) and the saved views (a few rows); not a
   * due list, not every id, not a count. */
  g_assert_cmpuint (start.rows_scanned, <=, FIRST_SCREEN + 1 + SMALL_TABLES);
  g_assert_false (start.due_known);
  g_assert_false (start.counted);

  /* After the first frame, from workers: every KOL, and what is due. */
  kdx_ui_wait_until (list_complete, &start, 60000);
  list = kdx_list_view_get_list (kdx_window_get_list_view (start.window));
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, kdx_store_count_kols (start.store, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_KOLS);
  /* The count, left out of the first frame, is there now. */
  count = g_strdup_printf ("%d KOLs", N_KOLS);
  g_assert_nonnull (kdx_ui_find_first (GTK_WIDGET (start.window), is_label_with, count));

  kdx_ui_wait_until (due_known, &start, 60000);
  g_assert_cmpuint (kdx_due_tracker_get_items (kdx_due_tracker_for_store (start.store))->len, >, 0);
  kdx_ui_wait_until (showing_today, &start, 60000);
  g_assert_cmpuint (g_list_model_get_n_items (kdx_today_view_get_items (kdx_window_get_today_view (start.window))),
                    ==, kdx_due_tracker_get_items (kdx_due_tracker_for_store (start.store))->len);

  stop_window (&start);
}

/* The view shown once the first due answer (something due) has come,
 * for a window that opened on the list. */
static const char *
view_after_due_answer (Start *start)
{
  AdwViewStack *stack;

  g_assert_cmpstr (start->view, ==, "list");
  kdx_ui_wait_until (due_known, start, 60000);
  g_assert_cmpuint (kdx_due_tracker_get_items (kdx_due_tracker_for_store (start->store))->len, >, 0);
  kdx_ui_iterate ();
  stack = ADW_VIEW_STACK (kdx_ui_find_widget (GTK_WIDGET (start->window), ADW_TYPE_VIEW_STACK, NULL));
  return adw_view_stack_get_visible_child_name (stack);
}

/* An operator who switched views before the due list came keeps the view
 * chosen: Today does not take it over. */
static void
test_operator_keeps_chosen_view (KdxUiFixture  *fixture,
                                 gconstpointer  data)
{
  Start start = { .keyval = GDK_KEY_2 };  /* Alt+2: the board */

  start_window (fixture, &start);
  g_assert_cmpstr (view_after_due_answer (&start), ==, "board");

  stop_window (&start);
}

/* One who opened a KOL's file at once keeps reading it. */
static void
test_operator_keeps_chosen_kol (KdxUiFixture  *fixture,
                                gconstpointer  data)
{
  Start start = { .select_first = TRUE };
  KdxListView *list_view;
  g_autoptr(GArray) selected = NULL;

  start_window (fixture, &start);
  g_assert_cmpstr (view_after_due_answer (&start), ==, "list");
  list_view = kdx_window_get_list_view (start.window);
  selected = kdx_list_view_get_selected_ids (list_view);
  g_assert_cmpuint (selected->len, ==, 1);
  g_assert_cmpint (g_array_index (selected, gint64, 0), ==,
                   kdx_kol_list_get_id (kdx_list_view_get_list (list_view), 0));

  stop_window (&start);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  kdx_ui_test_init (&argc, &argv);

  KDX_UI_ADD ("/startup-lazy/first-frame-reads-a-screen", test_first_frame_reads_a_screen);
  KDX_UI_ADD ("/startup-lazy/operator-keeps-chosen-view", test_operator_keeps_chosen_view);
  KDX_UI_ADD ("/startup-lazy/operator-keeps-chosen-kol", test_operator_keeps_chosen_kol);

  status = g_test_run ();
  if (generated_path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (generated_path);

      kdx_test_remove_database (generated_path);
      g_rmdir (dir);
      g_clear_pointer (&generated_path, g_free);
    }
  return status;
}
