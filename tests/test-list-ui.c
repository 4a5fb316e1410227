/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-list-ui"

#include "config.h"

#include "kdx-event.h"
#include "kdx-log-contact-dialog.h"
#include "kdx-ui-test.h"

/* The list as a person uses it: its row menu, its count, its narrow
 * form and its empty state. Actions go through the real widgets; the
 * database tells what happened. */

static KdxListView *
list_view_of (KdxUiFixture *fixture)
{
  return kdx_window_get_list_view (fixture->window);
}

static GtkWidget *
column_view_of (KdxUiFixture *fixture)
{
  return GTK_WIDGET (kdx_list_view_get_column_view (list_view_of (fixture)));
}

/* The stored file of the list's first row. */
static KdxKol *
first_row_kol (KdxUiFixture *fixture)
{
  gint64 id = kdx_kol_list_get_id (kdx_list_view_get_list (list_view_of (fixture)), 0);

  return kdx_ui_load_kol (fixture->store, id);
}

/* The row menu a key (Menu, Shift+F10) opens over the selected row. */
static GtkWidget *
open_row_menu (KdxUiFixture   *fixture,
               guint           keyval,
               GdkModifierType modifiers)
{
  return kdx_ui_open_menu (GTK_WINDOW (fixture->window), GTK_WIDGET (list_view_of (fixture)), keyval, modifiers);
}

/* ---- Last Contact follows the timeline ------------------------------------------ */

static gboolean
row_shows_day (gpointer user_data)
{
  KdxUiFixture *fixture = user_data;

  return kdx_ui_find_widget (column_view_of (fixture), GTK_TYPE_LABEL, "2026-01-15") != NULL;
}

static void
test_last_contact_follows_timeline (KdxUiFixture  *fixture,
                                    gconstpointer  data)
{
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 125000);
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(KdxEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  kdx_ui_iterate ();
  g_assert_false (row_shows_day (fixture));

  /* What the editor's timeline dialog does: append, then save the file. */
  kol = kdx_ui_load_kol (fixture->store, id);
  event = g_object_new (KDX_TYPE_EVENT, "at", "2026-01-15T10:00:00Z", "kind", KDX_EVENT_KIND_CALL,
                        "summary", "电话聊合作", NULL);
  g_list_store_append (kdx_kol_get_events (kol), event);
  g_assert_true (kdx_store_save_kol (fixture->store, kol, &error));
  g_assert_no_error (error);

  kdx_ui_wait_until (row_shows_day, fixture, 30000);
}

/* ---- the row menu --------------------------------------------------------------- */

static gboolean
has_one_event (gpointer user_data)
{
  KdxUiFixture *fixture = user_data;
  g_autoptr(KdxKol) kol = first_row_kol (fixture);

  return g_list_model_get_n_items (G_LIST_MODEL (kdx_kol_get_events (kol))) == 1;
}

/* The row menu's Log Contact opens the Log Contact dialog (it opened the
 * timeline's generic item dialog before issue 10); Enter logs what it
 * remembers, a call here. */
static void
test_row_menu_log_contact (KdxUiFixture  *fixture,
                           gconstpointer  data)
{
  GtkWidget *popover;
  GtkWindow *dialog;
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 125000);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(KdxEvent) event = NULL;
  int kind;

  g_settings_set_string (settings, "log-contact-kind", "call");
  kdx_ui_iterate ();
  kdx_ui_select_row (fixture, 0);
  popover = open_row_menu (fixture, GDK_KEY_Menu, 0);
  kdx_ui_click_menu_item (popover, "Log Contact…");

  dialog = kdx_ui_find_toplevel (KDX_TYPE_LOG_CONTACT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_Return, 0));
  kdx_ui_wait_until (has_one_event, fixture, 30000);

  kol = kdx_ui_load_kol (fixture->store, id);
  event = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_events (kol)), 0);
  g_object_get (event, "kind", &kind, NULL);
  g_assert_cmpint (kind, ==, KDX_EVENT_KIND_CALL);
}

static gboolean
is_growing (gpointer user_data)
{
  KdxUiFixture *fixture = user_data;
  g_autoptr(KdxKol) kol = first_row_kol (fixture);

  return kdx_kol_get_stage (kol) == KDX_STAGE_GROWING;
}

static gboolean
is_candidate (gpointer user_data)
{
  KdxUiFixture *fixture = user_data;
  g_autoptr(KdxKol) kol = first_row_kol (fixture);

  return kdx_kol_get_stage (kol) == KDX_STAGE_CANDIDATE
         && g_list_model_get_n_items (G_LIST_MODEL (kdx_kol_get_stage_history (kol))) == 1;
}

static void
test_row_menu_move_to (KdxUiFixture  *fixture,
                       gconstpointer  data)
{
  GtkWidget *popover;

  kdx_ui_add_kol (fixture->store, "小美", 125000);
  kdx_ui_iterate ();
  kdx_ui_select_row (fixture, 0);
  popover = open_row_menu (fixture, GDK_KEY_F10, GDK_SHIFT_MASK);
  kdx_ui_click_menu_item (popover, "Move To");
  kdx_ui_click_menu_item (popover, "Growing");
  kdx_ui_wait_until (is_growing, fixture, 30000);

  /* The move from the list is undone from its toast, as on the board. */
  kdx_ui_click_toast_button (GTK_WIDGET (fixture->window), "Undo");
  kdx_ui_wait_until (is_candidate, fixture, 30000);
}

static void
test_row_menu_delete (KdxUiFixture  *fixture,
                      gconstpointer  data)
{
  GtkWidget *popover;

  kdx_ui_add_kol (fixture->store, "小美", 125000);
  kdx_ui_iterate ();
  kdx_ui_select_row (fixture, 0);
  popover = open_row_menu (fixture, GDK_KEY_Menu, 0);
  kdx_ui_click_menu_item (popover, "Delete");
  kdx_ui_wait_for_n_kols (fixture, 0, 5000);
}

/* ---- the count and the sort ----------------------------------------------------- */

static gboolean
is_at_top (gpointer user_data)
{
  return gtk_adjustment_get_value (user_data) == 0;
}

static void
test_count_and_resort (KdxUiFixture  *fixture,
                       gconstpointer  data)
{
  GtkWidget *list = GTK_WIDGET (list_view_of (fixture));
  GtkColumnView *view = GTK_COLUMN_VIEW (column_view_of (fixture));
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GtkColumnViewColumn) name = g_list_model_get_item (columns, 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (kdx_store_begin_batch (fixture->store, &error));
  for (guint i = 0; i < 63; i++)
    {
      g_autofree char *who = i == 7 ? g_strdup ("小美") : g_strdup_printf ("达人 %02u", i);
      kdx_ui_add_kol (fixture->store, who, i == 7 ? 1000 : 100 + i);
    }
  g_assert_true (kdx_store_commit_batch (fixture->store, &error));
  kdx_ui_iterate ();
  g_assert_nonnull (kdx_ui_find_widget (list, GTK_TYPE_LABEL, "63 KOLs"));

  gtk_editable_set_text (GTK_EDITABLE (kdx_window_get_search_entry (fixture->window)), "小美");
  /* After the search entry's own typing pause: */
  kdx_ui_wait_for_n_items (kdx_ui_list_of (fixture), 1);
  kdx_ui_iterate ();
  g_assert_nonnull (kdx_ui_find_widget (list, GTK_TYPE_LABEL, "1 of 63 KOLs"));
  gtk_editable_set_text (GTK_EDITABLE (kdx_window_get_search_entry (fixture->window)), "");
  kdx_ui_wait_for_n_items (kdx_ui_list_of (fixture), 63);
  kdx_ui_iterate ();

  /* Scrolled down, a click on a header shows the new order's top. */
  gtk_adjustment_set_value (vadjustment, (gtk_adjustment_get_upper (vadjustment)
                                          - gtk_adjustment_get_page_size (vadjustment)) / 2);
  kdx_ui_iterate ();
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0);
  gtk_column_view_sort_by_column (view, name, GTK_SORT_DESCENDING);
  kdx_ui_wait_until (is_at_top, vadjustment, 30000);
}

/* ---- empty ---------------------------------------------------------------------- */

static void
test_one_empty_state (KdxUiFixture  *fixture,
                      gconstpointer  data)
{
  GtkWidget *list = GTK_WIDGET (list_view_of (fixture));
  GtkWidget *empty = kdx_ui_find_widget (list, ADW_TYPE_STATUS_PAGE, "No KOLs Yet");
  GtkWidget *none = kdx_ui_find_widget (list, ADW_TYPE_STATUS_PAGE, "No KOL Selected");
  GtkWidget *board = GTK_WIDGET (kdx_window_get_board_view (fixture->window));
  GtkWidget *board_empty;

  g_assert_nonnull (empty);
  g_assert_true (gtk_widget_get_mapped (empty));
  /* Not a second empty state beside it. */
  g_assert_false (gtk_widget_get_mapped (none));
  g_assert_nonnull (kdx_ui_find_widget (empty, GTK_TYPE_BUTTON, "Add KOL"));
  g_assert_nonnull (kdx_ui_find_widget (empty, GTK_TYPE_BUTTON, "Import a List…"));
  g_assert_true (gtk_widget_is_sensitive (kdx_ui_find_widget (empty, GTK_TYPE_BUTTON, "Import a List…")));

  /* The board says it is empty, and stops saying so with a KOL. */
  kdx_window_show_view (fixture->window, "board");
  kdx_ui_iterate ();
  board_empty = kdx_ui_find_anywhere (ADW_TYPE_STATUS_PAGE, "The Board Is Empty");
  g_assert_nonnull (board_empty);
  g_assert_true (gtk_widget_get_mapped (board_empty));
  g_assert_false (gtk_widget_get_mapped (board));

  kdx_ui_add_kol (fixture->store, "小美", 125000);
  kdx_ui_iterate ();
  g_assert_true (gtk_widget_get_mapped (board));
  g_assert_false (gtk_widget_get_mapped (board_empty));
  kdx_window_show_view (fixture->window, "list");
  kdx_ui_iterate ();
  g_assert_false (gtk_widget_get_mapped (empty));
}

/* ---- narrow --------------------------------------------------------------------- */

static gboolean
is_folded (gpointer user_data)
{
  KdxUiFixture *fixture = user_data;
  AdwLeaflet *leaflet = ADW_LEAFLET (kdx_ui_find_widget (GTK_WIDGET (list_view_of (fixture)),
                                                         ADW_TYPE_LEAFLET, NULL));

  return adw_leaflet_get_folded (leaflet);
}

static const char *
leaflet_page (KdxUiFixture *fixture)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (kdx_ui_find_widget (GTK_WIDGET (list_view_of (fixture)),
                                                         ADW_TYPE_LEAFLET, NULL));

  return adw_leaflet_get_visible_child_name (leaflet);
}

static void
make_narrow (KdxUiFixture *fixture)
{
  kdx_ui_wait_until (is_folded, fixture, 30000);
}

/* A window that opens narrow, as a phone-sized one does: the window
 * takes its size from the settings. */
static void
narrow_set_up (KdxUiFixture  *fixture,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_int (settings, "window-width", 380);
  g_settings_set_int (settings, "window-height", 700);
  /* Animations stay off, as for people who turn them off: the view
   * switcher bar once warned then (kdx-window.ui says why). */
  kdx_ui_fixture_set_up (fixture, data);
}

static void
narrow_tear_down (KdxUiFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  kdx_ui_fixture_tear_down (fixture, data);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
test_narrow_search_shows_results (KdxUiFixture  *fixture,
                                  gconstpointer  data)
{
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 125000);

  kdx_ui_add_kol (fixture->store, "阿峰", 5000);
  kdx_ui_iterate ();
  make_narrow (fixture);

  kdx_list_view_select_id (list_view_of (fixture), id, TRUE);
  kdx_ui_iterate ();
  g_assert_cmpstr (leaflet_page (fixture), ==, "file");

  /* Typing anywhere starts a search, as a person would. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  kdx_ui_iterate ();
  kdx_ui_type (GTK_WINDOW (fixture->window), "阿峰");
  kdx_ui_wait_for_n_items (G_LIST_MODEL (kdx_list_view_get_list (list_view_of (fixture))), 1);
  kdx_ui_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_list_view_get_list (list_view_of (fixture)))), ==, 1);
  g_assert_cmpstr (leaflet_page (fixture), ==, "list");
}

/* The one-line list: a GtkListView of its own, not the one inside the
 * column view. */
static gboolean
is_compact_list (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LIST_VIEW (widget) && GTK_IS_SCROLLED_WINDOW (gtk_widget_get_parent (widget));
}

/* The header bar's Back: an icon, named for screen readers. */
static gboolean
is_back_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "go-previous-symbolic") == 0;
}

static void
test_narrow_compact_list_and_back (KdxUiFixture  *fixture,
                                   gconstpointer  data)
{
  GtkWidget *list = GTK_WIDGET (list_view_of (fixture));
  GtkWidget *compact;
  GtkWidget *back;
  g_autoptr(GArray) ids = NULL;

  kdx_ui_add_kol (fixture->store, "小美", 125000);
  kdx_ui_iterate ();
  make_narrow (fixture);

  /* One-line rows, not the clipped table. */
  compact = kdx_ui_find_first (list, is_compact_list, NULL);
  g_assert_nonnull (compact);
  g_assert_true (gtk_widget_get_mapped (compact));
  g_assert_false (gtk_widget_get_mapped (column_view_of (fixture)));

  /* Choosing a row opens the file; Back in the header bar returns. */
  g_signal_emit_by_name (compact, "activate", 0);
  kdx_ui_iterate ();
  g_assert_cmpstr (leaflet_page (fixture), ==, "file");
  ids = kdx_list_view_get_selected_ids (KDX_LIST_VIEW (list));
  g_assert_cmpuint (ids->len, ==, 1);

  back = kdx_ui_find_first (kdx_ui_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_HEADER_BAR, NULL),
                            is_back_button, NULL);
  g_assert_nonnull (back);
  g_assert_true (gtk_widget_get_mapped (back));
  kdx_ui_click (back);
  g_assert_cmpstr (leaflet_page (fixture), ==, "list");
  g_assert_false (gtk_widget_get_visible (back));
}

int
main (int    argc,
      char **argv)
{
  kdx_ui_test_init (&argc, &argv);

  KDX_UI_ADD ("/ui/list/last-contact-follows-timeline", test_last_contact_follows_timeline);
  KDX_UI_ADD ("/ui/list/row-menu/log-contact", test_row_menu_log_contact);
  KDX_UI_ADD ("/ui/list/row-menu/move-to", test_row_menu_move_to);
  KDX_UI_ADD ("/ui/list/row-menu/delete", test_row_menu_delete);
  KDX_UI_ADD ("/ui/list/count-and-resort", test_count_and_resort);
  KDX_UI_ADD ("/ui/list/one-empty-state", test_one_empty_state);
#define ADD_NARROW(path, func) \
  g_test_add (path, KdxUiFixture, NULL, narrow_set_up, func, narrow_tear_down)
  ADD_NARROW ("/ui/list/narrow/search-shows-results", test_narrow_search_shows_results);
  ADD_NARROW ("/ui/list/narrow/compact-list-and-back", test_narrow_compact_list_and_back);
#undef ADD_NARROW

  return g_test_run ();
}
