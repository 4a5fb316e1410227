/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-list-first-rows-ui"

#include "config.h"

#include "kdx-kol-list.h"
#include "kdx-list-view.h"
#include "kdx-test-util.h"
#include "kdx-ui-test.h"
#include "kdx-window.h"

/* What the list builds for the window's first frame (issue 16, item 4):
 * the rows that fill the view and no more, and none of the narrow
 * window's one-line rows while the window is wide; they are built when
 * the window first narrows, and show the same KOLs. */

#define N_KOLS 80

static KdxListView *
list_view_of (KdxUiFixture *fixture)
{
  return kdx_window_get_list_view (fixture->window);
}

/* The one-line list: a GtkListView of its own, not the one inside the
 * column view. */
static gboolean
is_compact_list (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LIST_VIEW (widget) && GTK_IS_SCROLLED_WINDOW (gtk_widget_get_parent (widget));
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static gboolean
is_folded (gpointer user_data)
{
  KdxUiFixture *fixture = user_data;
  AdwLeaflet *leaflet = ADW_LEAFLET (kdx_ui_find_widget (GTK_WIDGET (list_view_of (fixture)),
                                                         ADW_TYPE_LEAFLET, NULL));

  return adw_leaflet_get_folded (leaflet);
}

static gboolean
has_label (GtkWidget     *widget,
           gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
compact_shows_first_kol (gpointer user_data)
{
  KdxUiFixture *fixture = user_data;
  GtkWidget *compact = kdx_ui_find_first (GTK_WIDGET (list_view_of (fixture)), is_compact_list, NULL);

  return gtk_widget_get_mapped (compact) && kdx_ui_find_first (compact, has_label, "KOL 0") != NULL;
}

/* Wide, the one-line list holds nothing; narrowed, it shows the KOLs,
 * and a row chosen there is the KOL the file shows. */
static void
test_narrow_rows_built_when_shown (KdxUiFixture  *fixture,
                                   gconstpointer  data)
{
  GtkWidget *compact;
  GtkColumnView *table = kdx_list_view_get_column_view (list_view_of (fixture));
  g_autoptr(GArray) selected = NULL;
  gint64 first = 0;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("KOL %u", i);
      gint64 id = kdx_ui_add_kol (fixture->store, name, 1000 * (i + 1));

      if (i == 0)
        first = id;
    }
  kdx_ui_wait_for_n_items (G_LIST_MODEL (kdx_list_view_get_list (list_view_of (fixture))), 5);
  kdx_ui_iterate ();

  compact = kdx_ui_find_first (GTK_WIDGET (list_view_of (fixture)), is_compact_list, NULL);
  g_assert_nonnull (compact);
  g_assert_false (is_folded (fixture));
  g_assert_nonnull (kdx_ui_find_first (GTK_WIDGET (table), has_label, "KOL 0"));
  g_assert_null (gtk_list_view_get_model (GTK_LIST_VIEW (compact)));
  g_assert_cmpuint (count_children (compact), ==, 0);

  /* The operator makes the window narrow. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 380, 700);
  kdx_ui_wait_until (is_folded, fixture, 30000);
  kdx_ui_wait_until (compact_shows_first_kol, fixture, 30000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (compact)))),
                    ==, 5);

  /* Chosen in the one-line list, the same selection the table had. */
  kdx_list_view_select_id (list_view_of (fixture), first, TRUE);
  kdx_ui_iterate ();
  g_assert_true (gtk_selection_model_is_selected (gtk_list_view_get_model (GTK_LIST_VIEW (compact)), 0));
  selected = kdx_list_view_get_selected_ids (list_view_of (fixture));
  g_assert_cmpuint (selected->len, ==, 1);
  g_assert_cmpint (g_array_index (selected, gint64, 0), ==, first);
  {
    g_autofree char *stored = kdx_ui_stored_string (fixture->store, first, "display-name");
    g_assert_cmpstr (stored, ==, "KOL 0");
  }
}

typedef struct
{
  KdxWindow *window;
  gboolean   painted;
  guint      n_listed;
  double     content_height;
  double     view_height;
} FirstFrame;

static void
first_frame_cb (GdkFrameClock *clock,
                FirstFrame    *frame)
{
  KdxListView *list_view = kdx_window_get_list_view (frame->window);
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (kdx_list_view_get_column_view (list_view)),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, frame);
  frame->painted = TRUE;
  frame->n_listed = g_list_model_get_n_items (G_LIST_MODEL (kdx_list_view_get_list (list_view)));
  frame->content_height = gtk_adjustment_get_upper (adjustment);
  frame->view_height = gtk_adjustment_get_page_size (adjustment);
}

static void
realized_cb (GtkWidget  *window,
             FirstFrame *frame)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (first_frame_cb), frame);
}

static gboolean
painted (gpointer user_data)
{
  return ((FirstFrame *) user_data)->painted;
}

static gboolean
list_complete (gpointer user_data)
{
  FirstFrame *frame = user_data;

  return kdx_kol_list_is_complete (kdx_list_view_get_list (kdx_window_get_list_view (frame->window)));
}

/* A window opened on more KOLs than fit: at its first frame the list holds
 * fewer than all of them, yet enough rows to fill the view, maximized on
 * the tallest monitor as much as at its own size; the rest after. */
static void
test_first_screen_fills_the_view (KdxUiFixture  *fixture,
                                  gconstpointer  data)
{
  FirstFrame frame = { 0 };

  for (guint i = 0; i < N_KOLS; i++)
    {
      g_autofree char *name = g_strdup_printf ("KOL %u", i);
      kdx_ui_add_kol (fixture->store, name, 1000 * (i + 1));
    }

  frame.window = kdx_window_new (fixture->application, fixture->store, NULL);
  g_signal_connect (frame.window, "realize", G_CALLBACK (realized_cb), &frame);
  gtk_window_maximize (GTK_WINDOW (frame.window));
  gtk_window_present (GTK_WINDOW (frame.window));
  kdx_ui_wait_until (painted, &frame, 30000);

  g_assert_cmpuint (frame.n_listed, >, 0);
  g_assert_cmpuint (frame.n_listed, <, N_KOLS);
  g_assert_cmpfloat (frame.view_height, >, 0);
  /* Rows below the last one shown: the view is filled. */
  g_assert_cmpfloat (frame.content_height, >=, frame.view_height);

  kdx_ui_wait_until (list_complete, &frame, 30000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_list_view_get_list (kdx_window_get_list_view (frame.window)))),
                    ==, kdx_store_count_kols (fixture->store, NULL));
  gtk_window_destroy (GTK_WINDOW (frame.window));
  kdx_ui_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  kdx_ui_test_init (&argc, &argv);

  KDX_UI_ADD ("/list-first-rows/narrow-rows-built-when-shown", test_narrow_rows_built_when_shown);
  KDX_UI_ADD ("/list-first-rows/first-screen-fills-the-view", test_first_screen_fills_the_view);

  return g_test_run ();
}
