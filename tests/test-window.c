/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window"

#include "config.h"


#include "kdx-application.h"
#include "kdx-error.h"
#include "kdx-field-row.h"
#include "kdx-record-dialog.h"
#include "kdx-stage-entry.h"
#include "kdx-test-util.h"
#include "kdx-ui-test.h"
#include "kdx-channel.h"
#include "kdx-window.h"

/* Display tests: run under Xvfb (build-aux/test does). They drive the
 * window as a person would, through its actions, dialogs and rows. */

static gboolean
is_stack_with_page (GtkWidget     *widget,
                    gconstpointer  page)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), page) != NULL;
}

static const char *
visible_page_of_stack_with (KdxWindow  *window,
                            const char *page)
{
  GtkWidget *stack = kdx_ui_find_first (GTK_WIDGET (window), is_stack_with_page, page);

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* ---- states --------------------------------------------------------------------- */

static void
test_empty_state (KdxUiFixture  *fixture,
                  gconstpointer  data)
{
  g_assert_cmpstr (visible_page_of_stack_with (fixture->window, "no-results"), ==, "empty");

  kdx_ui_add_kol (fixture->store, "小美", 10);
  kdx_ui_iterate ();
  g_assert_cmpstr (visible_page_of_stack_with (fixture->window, "no-results"), ==, "list");
}

static void
test_open_error (void)
{
  g_autoptr(GError) error = g_error_new (KDX_ERROR, KDX_ERROR_NEWER_SCHEMA,
                                         "x.db was written by a newer Koldex");
  KdxWindow *window = kdx_window_new (NULL, NULL, error);
  GtkWidget *stack;
  AdwStatusPage *page;

  gtk_window_present (GTK_WINDOW (window));
  kdx_ui_iterate ();
  stack = kdx_ui_find_first (GTK_WIDGET (window), is_stack_with_page, "views");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "error");
  page = ADW_STATUS_PAGE (gtk_stack_get_visible_child (GTK_STACK (stack)));
  g_assert_cmpstr (adw_status_page_get_description (page), ==, "x.db was written by a newer Koldex");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-kol", NULL)
                  && kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- create and edit ------------------------------------------------------------ */

static gboolean
list_shows_saved_name (gpointer list)
{
  g_autoptr(KdxKol) shown = g_list_model_get_item (list, 0);

  return g_strcmp0 (kdx_kol_get_display_name (shown), "小美美 🌸") == 0;
}

static void
test_create_and_edit (KdxUiFixture  *fixture,
                      gconstpointer  data)
{
  KdxListView *list_view = kdx_window_get_list_view (fixture->window);
  KdxKolEditor *editor = kdx_list_view_get_editor (list_view);
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  GtkWidget *row;
  g_autoptr(KdxKol) shown = NULL;
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;
  gint64 id;

  /* Ctrl+N's action opens the dialog; the name is all it asks. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-kol", NULL));
  kdx_ui_iterate ();
  dialog = ADW_MESSAGE_DIALOG (kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gtk_editable_set_text (entry, "小美");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  adw_message_dialog_response (dialog, "add");
  kdx_ui_iterate ();

  g_assert_cmpuint (g_list_model_get_n_items (kdx_ui_list_of (fixture)), ==, 1);
  id = kdx_kol_list_get_id (KDX_KOL_LIST (kdx_ui_list_of (fixture)), 0);
  g_assert_cmpint (kdx_kol_editor_get_id (editor), ==, id);

  /* Edit in place: Chinese text, no Save button. */
  row = kdx_kol_editor_get_row (editor, "display_name");
  gtk_editable_set_text (GTK_EDITABLE (row), "小美美 🌸");
  row = kdx_kol_editor_get_row (editor, "city");
  gtk_editable_set_text (GTK_EDITABLE (row), "上海");
  row = kdx_kol_editor_get_row (editor, "followers");
  gtk_editable_set_text (GTK_EDITABLE (row), "12.5万");
  kdx_ui_wait_until (list_shows_saved_name, kdx_ui_list_of (fixture), 30000);

  /* The list follows: its object for the row was reloaded in place. */
  shown = g_list_model_get_item (kdx_ui_list_of (fixture), 0);
  g_assert_cmpstr (kdx_kol_get_display_name (shown), ==, "小美美 🌸");
  g_assert_cmpint (kdx_kol_get_followers (shown), ==, 125000);
  stored = kdx_ui_load_kol (fixture->store, id);
  g_object_get (stored, "city", &city, NULL);
  g_assert_cmpstr (city, ==, "上海");

  /* Invalid input is marked with the reason and not saved. */
  row = kdx_kol_editor_get_row (editor, "followers");
  gtk_editable_set_text (GTK_EDITABLE (row), "-5");
  row = kdx_kol_editor_get_row (editor, "email");
  gtk_editable_set_text (GTK_EDITABLE (row), "not an email");
  /* The editor's save now, not after its pause: it must not land. */
  kdx_kol_editor_flush (editor);
  kdx_ui_iterate ();
  g_assert_false (kdx_field_row_is_valid (row));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "email"));
  g_assert_false (kdx_field_row_is_valid (kdx_kol_editor_get_row (editor, "followers")));
  g_clear_object (&stored);
  stored = kdx_ui_load_kol (fixture->store, id);
  g_assert_cmpint (kdx_kol_get_followers (stored), ==, 125000);

  /* The stage changed here is dated in the history. */
  row = kdx_kol_editor_get_row (editor, "stage");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), KDX_STAGE_CONTACTING);
  kdx_ui_wait_for_stored (fixture->store, id, "stage", "contacting");
  g_clear_object (&stored);
  stored = kdx_ui_load_kol (fixture->store, id);
  g_assert_cmpint (kdx_kol_get_stage (stored), ==, KDX_STAGE_CONTACTING);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_kol_get_stage_history (stored))), ==, 2);
}

static void
count_error_cb (KdxKolEditor *editor,
                const char   *message,
                guint        *n_errors)
{
  (*n_errors)++;
}

/* While an import writes, edits wait quietly, also those of a KOL the
 * editor has moved away from, and are saved once it has finished: on top
 * of what the import changed in the same files, not over it. */
static void
test_edit_waits_for_import (KdxUiFixture  *fixture,
                            gconstpointer  data)
{
  KdxListView *list_view = kdx_window_get_list_view (fixture->window);
  KdxKolEditor *editor = kdx_list_view_get_editor (list_view);
  gint64 first = kdx_ui_add_kol (fixture->store, "甲", 1);
  gint64 second = kdx_ui_add_kol (fixture->store, "乙", 2);
  g_autoptr(KdxStore) import = NULL;
  g_autoptr(KdxKol) imported = NULL;
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;
  guint n_errors = 0;

  g_signal_connect (editor, "error", G_CALLBACK (count_error_cb), &n_errors);
  kdx_ui_open_kol (fixture, first);

  /* An import: a connection of the store's own, in one batch. */
  import = kdx_store_open_sibling (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_true (kdx_store_begin_batch (import, &error));
  gtk_editable_set_text (GTK_EDITABLE (kdx_kol_editor_get_row (editor, "city")), "成都");
  /* The editor's save now, not after its pause: it must not land. */
  kdx_kol_editor_flush (editor);
  kdx_ui_iterate ();
  city = kdx_ui_stored_string (fixture->store, first, "city");
  g_assert_null (city);

  /* The import changes the same file and commits; a second one starts
   * before the window hears of the first, so edits go on waiting. */
  imported = kdx_ui_load_kol (import, first);
  kdx_kol_set_followers (imported, 999999);
  g_assert_true (kdx_store_save_kol (import, imported, &error));
  g_assert_no_error (error);
  g_assert_true (kdx_store_commit_batch (import, &error));
  g_assert_true (kdx_store_begin_batch (import, &error));
  kdx_ui_iterate ();
  /* The copy on screen keeps the edit. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (kdx_kol_editor_get_row (editor, "city"))), ==, "成都");

  kdx_list_view_select_id (list_view, second, FALSE);
  kdx_ui_iterate ();
  g_assert_cmpint (kdx_kol_editor_get_id (editor), ==, second);
  gtk_editable_set_text (GTK_EDITABLE (kdx_kol_editor_get_row (editor, "city")), "重庆");
  /* The editor's save now, not after its pause: it must not land. */
  kdx_kol_editor_flush (editor);
  kdx_ui_iterate ();

  /* Back on the first file, its waiting edit is shown, and a second one joins it. */
  kdx_list_view_select_id (list_view, first, FALSE);
  kdx_ui_iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (kdx_kol_editor_get_row (editor, "city"))), ==, "成都");
  gtk_editable_set_text (GTK_EDITABLE (kdx_kol_editor_get_row (editor, "handle")), "jia_01");
  /* The editor's save now, not after its pause: it must not land. */
  kdx_kol_editor_flush (editor);
  kdx_ui_iterate ();
  g_clear_pointer (&city, g_free);
  city = kdx_ui_stored_string (fixture->store, second, "city");
  g_assert_null (city);

  g_assert_true (kdx_store_commit_batch (import, &error));
  kdx_ui_wait_for_stored (fixture->store, first, "handle", "jia_01");
  kdx_ui_wait_for_stored (fixture->store, second, "city", "重庆");
  stored = kdx_ui_load_kol (fixture->store, first);
  g_clear_pointer (&city, g_free);
  g_object_get (stored, "city", &city, NULL);
  g_assert_cmpstr (city, ==, "成都");
  g_assert_cmpstr (kdx_kol_get_handle (stored), ==, "jia_01");
  g_assert_cmpint (kdx_kol_get_followers (stored), ==, 999999);
  g_clear_pointer (&city, g_free);
  city = kdx_ui_stored_string (fixture->store, second, "city");
  g_assert_cmpstr (city, ==, "重庆");
  g_assert_cmpuint (n_errors, ==, 0);

  /* The editor shows the file as saved, the import's change included. */
  kdx_ui_iterate ();
  g_assert_cmpint (kdx_kol_get_followers (kdx_kol_editor_get_kol (editor)), ==, 999999);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (kdx_kol_editor_get_row (editor, "handle"))), ==, "jia_01");
  g_signal_handlers_disconnect_by_data (editor, &n_errors);
}

/* A change elsewhere (a move on the board, another program) while the
 * user is typing in the same file survives the editor's save. */
static void
test_edit_keeps_other_changes (KdxUiFixture  *fixture,
                               gconstpointer  data)
{
  KdxListView *list_view = kdx_window_get_list_view (fixture->window);
  KdxKolEditor *editor = kdx_list_view_get_editor (list_view);
  gint64 id = kdx_ui_add_kol (fixture->store, "甲", 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxKol) stored = NULL;
  g_autofree char *city = NULL;

  kdx_ui_open_kol (fixture, id);
  gtk_editable_set_text (GTK_EDITABLE (kdx_kol_editor_get_row (editor, "city")), "成都");
  kdx_ui_iterate ();
  /* Before the editor's delayed save: */
  g_assert_true (kdx_store_move_kol (fixture->store, id, KDX_STAGE_CONTACTING, NULL, &error));
  g_assert_no_error (error);
  kdx_ui_wait_for_stored (fixture->store, id, "city", "成都");

  stored = kdx_ui_load_kol (fixture->store, id);
  g_object_get (stored, "city", &city, NULL);
  g_assert_cmpstr (city, ==, "成都");
  g_assert_cmpint (kdx_kol_get_stage (stored), ==, KDX_STAGE_CONTACTING);
  kdx_ui_iterate ();
  g_assert_cmpint (kdx_kol_get_stage (kdx_kol_editor_get_kol (editor)), ==, KDX_STAGE_CONTACTING);

  /* Typed, changed elsewhere, then deleted at once: the delete saves the
   * edit first, so Undo brings the file back with it. */
  gtk_editable_set_text (GTK_EDITABLE (kdx_kol_editor_get_row (editor, "city")), "重庆");
  kdx_ui_iterate ();
  g_assert_true (kdx_store_move_kol (fixture->store, id, KDX_STAGE_NEGOTIATING, NULL, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete", NULL));
  kdx_ui_iterate ();
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 0);
  /* The toast's Undo, as a person clicks it. */
  kdx_ui_click_toast_button (GTK_WIDGET (fixture->window), "Undo");
  kdx_ui_wait_for_stored (fixture->store, id, "city", "重庆");
  g_clear_object (&stored);
  g_clear_pointer (&city, g_free);
  stored = kdx_ui_load_kol (fixture->store, id);
  g_object_get (stored, "city", &city, NULL);
  g_assert_cmpstr (city, ==, "重庆");
  g_assert_cmpint (kdx_kol_get_stage (stored), ==, KDX_STAGE_NEGOTIATING);
}

static void
add_channel (KdxKol     *kol,
             const char *platform,
             const char *handle)
{
  g_autoptr(KdxChannel) channel = kdx_channel_new ();

  g_object_set (channel, "platform", platform, "handle", handle, NULL);
  g_list_store_append (kdx_kol_get_list (kol, "channels"), channel);
}

/* A list edited while an import adds to the same list: both stay. */
static void
test_list_edit_waits_for_import (KdxUiFixture  *fixture,
                                 gconstpointer  data)
{
  KdxListView *list_view = kdx_window_get_list_view (fixture->window);
  KdxKolEditor *editor = kdx_list_view_get_editor (list_view);
  gint64 id = kdx_ui_add_kol (fixture->store, "甲", 1);
  g_autoptr(KdxStore) import = NULL;
  g_autoptr(KdxKol) imported = NULL;
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(GError) error = NULL;

  kdx_ui_open_kol (fixture, id);

  import = kdx_store_open_sibling (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_true (kdx_store_begin_batch (import, &error));
  add_channel (kdx_kol_editor_get_kol (editor), "bilibili", "jia_b");
  /* The editor's save now, not after its pause: it must not land. */
  kdx_kol_editor_flush (editor);
  kdx_ui_iterate ();

  imported = kdx_ui_load_kol (import, id);
  add_channel (imported, "douyin", "jia_dy");
  kdx_kol_set_followers (imported, 777);
  g_assert_true (kdx_store_save_kol (import, imported, &error));
  g_assert_no_error (error);

  g_assert_true (kdx_store_commit_batch (import, &error));
  {
    KdxUiStoredList two_channels = { fixture, id, "channels", 2 };

    kdx_ui_wait_for_stored (fixture->store, id, "followers", "777");
    kdx_ui_wait_until (kdx_ui_stored_list_has_n, &two_channels, 30000);
  }
  stored = kdx_ui_load_kol (fixture->store, id);
  g_assert_cmpint (kdx_kol_get_followers (stored), ==, 777);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_kol_get_list (stored, "channels"))), ==, 2);
}

/* ---- search and sort ------------------------------------------------------------ */

static void
test_search_narrows (KdxUiFixture  *fixture,
                     gconstpointer  data)
{
  GtkSearchEntry *entry = kdx_window_get_search_entry (fixture->window);

  kdx_ui_add_kol (fixture->store, "小红书达人", 1);
  kdx_ui_add_kol (fixture->store, "Tech Tom", 2);
  kdx_ui_add_kol (fixture->store, "美食小王", 3);
  kdx_ui_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (kdx_ui_list_of (fixture)), ==, 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  gtk_editable_set_text (GTK_EDITABLE (entry), "小");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (kdx_ui_list_of (fixture)), ==, 2);

  gtk_editable_set_text (GTK_EDITABLE (entry), "小红书");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (kdx_ui_list_of (fixture)), ==, 1);

  gtk_editable_set_text (GTK_EDITABLE (entry), "nobody");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (kdx_ui_list_of (fixture)), ==, 0);
  g_assert_cmpstr (visible_page_of_stack_with (fixture->window, "no-results"), ==, "no-results");

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (kdx_ui_list_of (fixture)), ==, 3);
}

static GtkColumnViewColumn *
column_titled (GtkColumnView *view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  return NULL;
}

static void
test_sort_by_followers (KdxUiFixture  *fixture,
                        gconstpointer  data)
{
  GtkColumnView *view = kdx_list_view_get_column_view (kdx_window_get_list_view (fixture->window));
  KdxKolList *list = KDX_KOL_LIST (kdx_ui_list_of (fixture));
  GtkColumnViewColumn *followers = column_titled (view, "Followers");
  gint64 small = kdx_ui_add_kol (fixture->store, "小号", 100);
  gint64 big = kdx_ui_add_kol (fixture->store, "大号", 1000000);
  gint64 mid = kdx_ui_add_kol (fixture->store, "中号", 5000);
  gint64 biggest;

  g_assert_nonnull (followers);
  gtk_column_view_sort_by_column (view, followers, GTK_SORT_DESCENDING);
  kdx_ui_iterate ();
  g_assert_cmpstr (kdx_kol_list_get_query (list)->sort_field, ==, "followers");
  g_assert_cmpint (kdx_kol_list_get_id (list, 0), ==, big);
  g_assert_cmpint (kdx_kol_list_get_id (list, 1), ==, mid);
  g_assert_cmpint (kdx_kol_list_get_id (list, 2), ==, small);

  gtk_column_view_sort_by_column (view, followers, GTK_SORT_ASCENDING);
  kdx_ui_iterate ();
  g_assert_cmpint (kdx_kol_list_get_id (list, 0), ==, small);
  g_assert_cmpint (kdx_kol_list_get_id (list, 2), ==, big);

  /* A new KOL lands where the order puts it: last, ascending by
   * followers, after the biggest one so far. (Comparing position 3 with
   * another id held in any order.) */
  biggest = kdx_ui_add_kol (fixture->store, "更大", 9000000);
  kdx_ui_iterate ();
  g_assert_cmpint (kdx_kol_list_get_id (list, 2), ==, big);
  g_assert_cmpint (kdx_kol_list_get_id (list, 3), ==, biggest);
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  kdx_ui_iterate ();
  g_assert_null (kdx_kol_list_get_query (list)->sort_field);
  g_assert_cmpint (kdx_kol_list_get_id (list, 0), ==, small);
}

/* ---- delete and undo ------------------------------------------------------------ */

static void
test_delete_and_undo (KdxUiFixture  *fixture,
                      gconstpointer  data)
{
  KdxListView *list_view = kdx_window_get_list_view (fixture->window);
  g_autoptr(KdxKol) full = kdx_test_make_full_kol ();
  g_autoptr(KdxKol) before = NULL;
  g_autoptr(KdxKol) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 other;

  g_assert_true (kdx_store_add_kol (fixture->store, full, &error));
  g_assert_true (kdx_store_move_kol (fixture->store, kdx_kol_get_id (full), KDX_STAGE_MATURE, "升级", &error));
  other = kdx_ui_add_kol (fixture->store, "阿强", 5);
  before = kdx_ui_load_kol (fixture->store, kdx_kol_get_id (full));
  kdx_ui_iterate ();

  /* Delete two at once. */
  kdx_list_view_select_id (list_view, kdx_kol_get_id (full), FALSE);
  {
    GtkColumnView *view = kdx_list_view_get_column_view (list_view);
    GtkSelectionModel *selection = gtk_column_view_get_model (view);
    guint position;

    g_assert_true (kdx_kol_list_find (kdx_list_view_get_list (list_view), other, &position));
    gtk_selection_model_select_item (selection, position, FALSE);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete", NULL));
  kdx_ui_iterate ();
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (kdx_ui_list_of (fixture)), ==, 0);

  /* The toast's Undo, as a person clicks it. */
  kdx_ui_click_toast_button (GTK_WIDGET (fixture->window), "Undo");
  kdx_ui_iterate ();
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (kdx_ui_list_of (fixture)), ==, 2);

  /* The whole file came back: timeline, history, every field, the same id. */
  after = kdx_ui_load_kol (fixture->store, kdx_kol_get_id (full));
  g_assert_true (kdx_kol_equal (before, after));
}

/* A channel added through its dialog lands in the file; one without a
 * platform is refused by the dialog. */
static void
test_add_channel (KdxUiFixture  *fixture,
                  gconstpointer  data)
{
  KdxListView *list_view = kdx_window_get_list_view (fixture->window);
  KdxKolEditor *editor = kdx_list_view_get_editor (list_view);
  KdxRecordDialog *dialog;
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(KdxRecord) channel = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *platform = NULL;
  gint64 followers = 0;
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 1);

  kdx_ui_open_kol (fixture, id);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-item", "s", "channels"));
  kdx_ui_iterate ();
  dialog = KDX_RECORD_DIALOG (kdx_ui_find_toplevel (KDX_TYPE_RECORD_DIALOG));
  g_assert_nonnull (dialog);

  gtk_editable_set_text (GTK_EDITABLE (kdx_ui_find_named (GTK_WIDGET (dialog), "followers")), "3w");
  kdx_ui_iterate ();
  g_assert_false (kdx_record_dialog_finish (dialog)); /* no platform yet */

  gtk_editable_set_text (GTK_EDITABLE (kdx_ui_find_named (GTK_WIDGET (dialog), "platform")), "B站");
  gtk_editable_set_text (GTK_EDITABLE (kdx_ui_find_named (GTK_WIDGET (dialog), "handle")), "xm_bili");
  g_assert_true (kdx_record_dialog_finish (dialog));
  {
    KdxUiStoredList one_channel = { fixture, id, "channels", 1 };

    kdx_ui_wait_until (kdx_ui_stored_list_has_n, &one_channel, 30000);
  }

  stored = kdx_ui_load_kol (fixture->store, id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_kol_get_channels (stored))), ==, 1);
  channel = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_channels (stored)), 0);
  g_object_get (channel, "platform", &platform, "followers", &followers, NULL);
  g_assert_cmpstr (platform, ==, "bilibili");
  g_assert_cmpint (followers, ==, 30000);
}

/* A big database opens with only the visible rows built. */
static void
test_big_list_is_lazy (KdxUiFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kdx_store_begin_batch (fixture->store, &error));
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *name = g_strdup_printf ("达人 %u", i);
      kdx_ui_add_kol (fixture->store, name, i);
    }
  g_assert_true (kdx_store_commit_batch (fixture->store, &error));
  kdx_ui_iterate ();

  g_assert_cmpuint (g_list_model_get_n_items (kdx_ui_list_of (fixture)), ==, 5000);
  g_assert_cmpuint (kdx_kol_list_get_n_loaded (KDX_KOL_LIST (kdx_ui_list_of (fixture))), <, 400);
}


/* Edits and additions elsewhere keep the selection and the rows around it. */
static void
test_selection_survives_changes (KdxUiFixture  *fixture,
                                 gconstpointer  data)
{
  KdxListView *list_view = kdx_window_get_list_view (fixture->window);
  GtkSelectionModel *selection = gtk_column_view_get_model (kdx_list_view_get_column_view (list_view));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) selected = NULL;
  gint64 ids[5];

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *name = g_strdup_printf ("达人 %u", i);
      ids[i] = kdx_ui_add_kol (fixture->store, name, i);
    }
  kdx_ui_iterate ();
  kdx_list_view_select_id (list_view, ids[2], FALSE);

  kdx_ui_add_kol (fixture->store, "新来的", 99);
  g_assert_true (kdx_store_move_kol (fixture->store, ids[3], KDX_STAGE_GROWING, NULL, &error));
  g_assert_true (kdx_store_delete_kol (fixture->store, ids[0], &error));
  kdx_ui_iterate ();

  selected = kdx_list_view_get_selected_ids (list_view);
  g_assert_cmpuint (selected->len, ==, 1);
  g_assert_cmpint (g_array_index (selected, gint64, 0), ==, ids[2]);
  g_assert_true (gtk_selection_model_is_selected (selection, 1));
  g_assert_cmpint (kdx_kol_editor_get_id (kdx_list_view_get_editor (list_view)), ==, ids[2]);
}

static void
test_remembers_size (KdxUiFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 640);
  gtk_window_close (GTK_WINDOW (fixture->window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_cmpstr (g_settings_get_string (settings, "last-view"), ==, "list");

  /* A window made afterwards starts at that size. */
  fixture->window = kdx_window_new (NULL, fixture->store, NULL);
  {
    int width, height;
    gtk_window_get_default_size (GTK_WINDOW (fixture->window), &width, &height);
    g_assert_cmpint (width, ==, 900);
    g_assert_cmpint (height, ==, 640);
  }
}

/* ---- the application ------------------------------------------------------------ */

typedef struct
{
  KdxApplication *app;
  gboolean        checked;
  char           *path;
} AppCheck;

static gboolean
check_app_cb (gpointer user_data)
{
  AppCheck *check = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (check->app));
  GtkWindow *about;

  g_assert_true (KDX_IS_WINDOW (window));
  g_assert_cmpstr (kdx_store_get_path (kdx_window_get_store (KDX_WINDOW (window))), ==, check->path);
  g_assert_true (g_file_test (check->path, G_FILE_TEST_EXISTS));

  g_action_group_activate_action (G_ACTION_GROUP (check->app), "about", NULL);
  about = kdx_ui_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Koldex");
  gtk_window_destroy (about);

  g_action_group_activate_action (G_ACTION_GROUP (check->app), "preferences", NULL);
  g_assert_nonnull (kdx_ui_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW));
  gtk_window_destroy (kdx_ui_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW));

  /* Every accelerator names an action that exists. */
  {
    g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (check->app));
    for (guint i = 0; actions[i] != NULL; i++)
      {
        g_autofree char *name = NULL;
        g_autoptr(GVariant) target = NULL;
        g_assert_true (g_action_parse_detailed_name (actions[i], &name, &target, NULL));
        if (g_str_has_prefix (name, "app."))
          g_assert_true (g_action_group_has_action (G_ACTION_GROUP (check->app), name + 4));
      }
  }

  check->checked = TRUE;
  g_application_quit (G_APPLICATION (check->app));
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             AppCheck     *check)
{
  g_idle_add (check_app_cb, check);
}

static void
test_application_database_option (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "app.db", NULL);
  g_autoptr(KdxApplication) app = kdx_application_new ();
  AppCheck check = { app, FALSE, path };
  char *argv[] = { "koldex", "--database", path, NULL };

  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), &check);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
  g_assert_true (check.checked);
}

int
main (int    argc,
      char **argv)
{
  kdx_ui_test_init (&argc, &argv);

  /* First: it runs an application of its own, which cannot register
   * while the fixture's shared one (kdx-ui-test.c) holds the same path
   * on the bus, and the shared one lives as long as the program. */
  g_test_add_func ("/ui/application/database-option", test_application_database_option);
  KDX_UI_ADD ("/ui/window/empty-state", test_empty_state);
  KDX_UI_ADD ("/ui/window/create-and-edit", test_create_and_edit);
  KDX_UI_ADD ("/ui/window/edit-waits-for-import", test_edit_waits_for_import);
  KDX_UI_ADD ("/ui/window/edit-keeps-other-changes", test_edit_keeps_other_changes);
  KDX_UI_ADD ("/ui/window/list-edit-waits-for-import", test_list_edit_waits_for_import);
  KDX_UI_ADD ("/ui/window/search-narrows", test_search_narrows);
  KDX_UI_ADD ("/ui/window/sort-by-followers", test_sort_by_followers);
  KDX_UI_ADD ("/ui/window/delete-and-undo", test_delete_and_undo);
  KDX_UI_ADD ("/ui/window/selection-survives-changes", test_selection_survives_changes);
  KDX_UI_ADD ("/ui/window/add-channel", test_add_channel);
  KDX_UI_ADD ("/ui/window/big-list-is-lazy", test_big_list_is_lazy);
  KDX_UI_ADD ("/ui/window/remembers-size", test_remembers_size);
  g_test_add_func ("/ui/window/open-error", test_open_error);

  return g_test_run ();
}
