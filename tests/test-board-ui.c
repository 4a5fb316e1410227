/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-board-ui"

#include "config.h"

#include "kdx-board-card.h"
#include "kdx-transfer.h"
#include "kdx-ui-test.h"

/* The board as a person uses it: keys through the real shortcuts, the
 * card's menu items and the toasts' Undo as widgets; the database tells
 * what happened (kdx-ui-test.c). */

static KdxStage
stage_of (KdxUiFixture *fixture,
          gint64        id)
{
  g_autoptr(KdxKol) kol = kdx_ui_load_kol (fixture->store, id);

  return kdx_kol_get_stage (kol);
}

static KdxBoardColumn *
column (KdxUiFixture *fixture,
        KdxStage      stage)
{
  return kdx_board_view_get_column (kdx_window_get_board_view (fixture->window), stage);
}

/* The board shown, and the card of @id in @stage given the focus, as a
 * click or Tab would. */
static GtkWidget *
focus_card (KdxUiFixture *fixture,
            KdxStage      stage,
            gint64        id)
{
  GtkWidget *card;

  kdx_window_show_view (fixture->window, "board");
  kdx_ui_iterate ();
  card = kdx_board_column_get_card (column (fixture, stage), id);
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_grab_focus (card));
  return card;
}

typedef struct
{
  KdxUiFixture *fixture;
  gint64        id;
  KdxStage      stage;
} Expected;

static gboolean
card_has_focus (gpointer user_data)
{
  Expected *expected = user_data;
  GtkWidget *card = kdx_board_column_get_card (column (expected->fixture, expected->stage), expected->id);

  return card != NULL && gtk_root_get_focus (GTK_ROOT (expected->fixture->window)) == card;
}

static gboolean
kol_is_in_stage (gpointer user_data)
{
  Expected *expected = user_data;

  return stage_of (expected->fixture, expected->id) == expected->stage;
}

/* The progress toasts ("Importing…", "Exporting…") the app made and has
 * not freed: this program's adw_toast_new() is the one the app's code
 * links to (an executable's symbol comes before a shared library's), so
 * it can watch them go. */
static guint n_progress_toasts;

static void
progress_toast_finalized_cb (gpointer  user_data,
                             GObject  *where_the_object_was)
{
  n_progress_toasts--;
}

AdwToast *
adw_toast_new (const char *title)
{
  AdwToast *toast = g_object_new (ADW_TYPE_TOAST, "title", title, NULL);

  if (g_str_has_prefix (title, "Importing") || g_str_has_prefix (title, "Exporting"))
    {
      n_progress_toasts++;
      g_object_weak_ref (G_OBJECT (toast), progress_toast_finalized_cb, NULL);
    }
  return toast;
}

/* ---- the card's menu ------------------------------------------------------------ */

static void
test_card_menu_move_to (KdxUiFixture  *fixture,
                        gconstpointer  data)
{
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 125000);
  GtkWidget *card = focus_card (fixture, KDX_STAGE_CANDIDATE, id);
  GtkWidget *menu = kdx_ui_open_menu (GTK_WINDOW (fixture->window), card, GDK_KEY_F10, GDK_SHIFT_MASK);

  /* Move To ▸ Negotiating, through the submenu. */
  kdx_ui_click_menu_item (menu, "Move To");
  kdx_ui_click_menu_item (menu, "Negotiating");
  g_assert_false (gtk_widget_get_visible (menu));
  g_assert_cmpint (stage_of (fixture, id), ==, KDX_STAGE_NEGOTIATING);
}

static void
test_card_menu_open_file (KdxUiFixture  *fixture,
                          gconstpointer  data)
{
  gint64 other = kdx_ui_add_kol (fixture->store, "阿强", 5);
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 125000);
  GtkWidget *card = focus_card (fixture, KDX_STAGE_CANDIDATE, id);
  GtkWidget *menu = kdx_ui_open_menu (GTK_WINDOW (fixture->window), card, GDK_KEY_Menu, 0);
  AdwViewStack *views = ADW_VIEW_STACK (kdx_ui_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK, NULL));
  KdxKolEditor *editor = kdx_list_view_get_editor (kdx_window_get_list_view (fixture->window));

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "board");
  kdx_ui_click_menu_item (menu, "Open File");
  kdx_ui_iterate ();

  /* The file of that KOL, not of another, in the list view. */
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "list");
  g_assert_nonnull (kdx_kol_editor_get_kol (editor));
  g_assert_cmpint (kdx_kol_get_id (kdx_kol_editor_get_kol (editor)), ==, id);
  g_assert_cmpint (kdx_kol_get_id (kdx_kol_editor_get_kol (editor)), !=, other);
}

/* ---- moving with the keyboard, and Undo ---------------------------------------- */

static void
test_alt_right_and_toast_undo (KdxUiFixture  *fixture,
                               gconstpointer  data)
{
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 125000);
  g_autoptr(KdxKol) before = kdx_ui_load_kol (fixture->store, id);
  g_autoptr(KdxKol) restored = NULL;
  Expected back = { fixture, id, KDX_STAGE_CANDIDATE };

  focus_card (fixture, KDX_STAGE_CANDIDATE, id);
  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_Right, GDK_ALT_MASK));
  kdx_ui_iterate ();
  g_assert_cmpint (stage_of (fixture, id), ==, KDX_STAGE_CONTACTING);

  /* The toast's own button, in the window's overlay. */
  kdx_ui_click_toast_button (GTK_WIDGET (fixture->window), "Undo");
  kdx_ui_wait_until (kol_is_in_stage, &back, 30000);
  restored = kdx_ui_load_kol (fixture->store, id);
  g_assert_true (kdx_kol_equal (before, restored));
}

/* Alt+Right twice moves the same KOL two stages: the focus follows the
 * card into its new column, not to the next card of the old one. */
static void
test_focus_follows_the_moved_card (KdxUiFixture  *fixture,
                                   gconstpointer  data)
{
  gint64 first = kdx_ui_add_kol (fixture->store, "小美", 125000);
  gint64 second = kdx_ui_add_kol (fixture->store, "阿强", 5);
  Expected in_contacting = { fixture, first, KDX_STAGE_CONTACTING };
  Expected in_negotiating = { fixture, first, KDX_STAGE_NEGOTIATING };

  focus_card (fixture, KDX_STAGE_CANDIDATE, first);
  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_Right, GDK_ALT_MASK));
  kdx_ui_wait_until (card_has_focus, &in_contacting, 30000);

  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_Right, GDK_ALT_MASK));
  kdx_ui_wait_until (card_has_focus, &in_negotiating, 30000);
  g_assert_cmpint (stage_of (fixture, first), ==, KDX_STAGE_NEGOTIATING);
  g_assert_cmpint (stage_of (fixture, second), ==, KDX_STAGE_CANDIDATE);
}

/* ---- the Departed dialog -------------------------------------------------------- */

static void
test_departed_asks_and_enter_records_nothing (KdxUiFixture  *fixture,
                                              gconstpointer  data)
{
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 125000);
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  Expected departed = { fixture, id, KDX_STAGE_DEPARTED };
  GtkWindow *dialog;
  GtkWidget *row;

  g_assert_true (kdx_store_move_kol (fixture->store, id, KDX_STAGE_DECLINING, NULL, &error));
  g_assert_no_error (error);
  /* Unfolded, so the card can be seen (and focused) where it goes. */
  kdx_board_column_set_folded (column (fixture, KDX_STAGE_DEPARTED), FALSE);
  focus_card (fixture, KDX_STAGE_DECLINING, id);
  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_Right, GDK_ALT_MASK));
  kdx_ui_iterate ();

  dialog = kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  /* It names who is leaving. */
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Why is 小美 leaving?");

  /* Enter at once, and again: nobody chose a reason, so nothing is
   * recorded, and no reason gets chosen. */
  kdx_ui_press_key (dialog, GDK_KEY_Return, 0);
  kdx_ui_iterate ();
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "move"));
  kdx_ui_press_key (dialog, GDK_KEY_Return, 0);
  kdx_ui_iterate ();
  g_assert_cmpint (stage_of (fixture, id), ==, KDX_STAGE_DECLINING);
  reason = kdx_ui_stored_string (fixture->store, id, "churn-reason");
  g_assert_null (reason);
  g_assert_true (kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == dialog);

  /* A reason chosen, then Enter: moved, with that reason. */
  row = kdx_ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Poached");
  g_assert_nonnull (row);
  adw_action_row_activate (ADW_ACTION_ROW (row));
  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_Return, 0));
  kdx_ui_wait_until (kol_is_in_stage, &departed, 30000);
  reason = kdx_ui_stored_string (fixture->store, id, "churn-reason");
  g_assert_cmpstr (reason, ==, "poached");

  /* The focus followed the card, past the dialog. */
  kdx_ui_wait_until (card_has_focus, &departed, 30000);
}

/* Into a folded column the card cannot be seen: the focus goes to that
 * column's fold button, never to another card or to the header bar. */
static void
test_focus_after_move_into_folded_column (KdxUiFixture  *fixture,
                                          gconstpointer  data)
{
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 125000);
  gint64 other = kdx_ui_add_kol (fixture->store, "阿强", 5);
  g_autoptr(GError) error = NULL;
  Expected departed = { fixture, id, KDX_STAGE_DEPARTED };
  KdxBoardColumn *folded = column (fixture, KDX_STAGE_DEPARTED);
  GtkWindow *dialog;
  GtkWidget *focus;

  g_assert_true (kdx_store_move_kol (fixture->store, id, KDX_STAGE_DECLINING, NULL, &error));
  g_assert_true (kdx_store_move_kol (fixture->store, other, KDX_STAGE_DECLINING, NULL, &error));
  kdx_board_column_set_folded (folded, TRUE);
  focus_card (fixture, KDX_STAGE_DECLINING, id);
  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_Right, GDK_ALT_MASK));
  kdx_ui_iterate ();
  dialog = kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_action_row_activate (ADW_ACTION_ROW (kdx_ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Other")));
  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_Return, 0));
  kdx_ui_wait_until (kol_is_in_stage, &departed, 30000);
  kdx_ui_iterate ();

  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (folded)));
  g_assert_true (GTK_IS_TOGGLE_BUTTON (focus));
}

static void
test_several_named_by_count (KdxUiFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 a = kdx_ui_add_kol (fixture->store, "甲", 1);
  gint64 b = kdx_ui_add_kol (fixture->store, "乙", 2);
  GtkWindow *dialog;

  g_array_append_val (ids, a);
  g_array_append_val (ids, b);
  kdx_window_show_view (fixture->window, "board");
  kdx_board_view_drop (kdx_window_get_board_view (fixture->window), ids, KDX_STAGE_DEPARTED, 0);
  kdx_ui_iterate ();
  dialog = kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Why are 2 KOLs leaving?");
  gtk_window_destroy (dialog);
  kdx_ui_iterate ();
  g_assert_cmpint (stage_of (fixture, a), ==, KDX_STAGE_CANDIDATE);
}

/* ---- reading and getting around the board ------------------------------------- */

static gboolean
card_says (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (card_says (child, text))
      return TRUE;
  return FALSE;
}

/* The tier shows only when it is set. */
static void
test_card_shows_tier_only_when_set (KdxUiFixture  *fixture,
                                    gconstpointer  data)
{
  gint64 unrated = kdx_ui_add_kol (fixture->store, "小美", 125000);
  gint64 rated = kdx_ui_add_kol (fixture->store, "阿强", 5);
  g_autoptr(KdxKol) kol = kdx_ui_load_kol (fixture->store, rated);
  g_autoptr(GError) error = NULL;

  g_object_set (kol, "tier", KDX_TIER_HEAD, NULL);
  g_assert_true (kdx_store_replace_kol (fixture->store, kol, &error));
  g_assert_no_error (error);
  kdx_window_show_view (fixture->window, "board");
  kdx_ui_iterate ();

  g_assert_false (card_says (kdx_board_column_get_card (column (fixture, KDX_STAGE_CANDIDATE), unrated), "Unrated"));
  g_assert_true (card_says (kdx_board_column_get_card (column (fixture, KDX_STAGE_CANDIDATE), rated), "Head"));
  /* Followers not counted yet (0) say nothing either. */
  {
    gint64 uncounted = kdx_ui_add_kol (fixture->store, "新人", 0);

    kdx_ui_iterate ();
    g_assert_true (card_says (kdx_board_column_get_card (column (fixture, KDX_STAGE_CANDIDATE), uncounted), "No platform"));
    g_assert_false (card_says (kdx_board_column_get_card (column (fixture, KDX_STAGE_CANDIDATE), uncounted), " · 0"));
  }
}

static gboolean
board_is_wider (gpointer user_data)
{
  return gtk_adjustment_get_upper (user_data) > gtk_adjustment_get_page_size (user_data);
}

/* "Go to Stage" brings a column into view, its first card focused. */
static void
test_go_to_stage (KdxUiFixture  *fixture,
                  gconstpointer  data)
{
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 125000);
  g_autoptr(GError) error = NULL;
  Expected growing = { fixture, id, KDX_STAGE_GROWING };
  GtkWidget *board = GTK_WIDGET (kdx_window_get_board_view (fixture->window));
  GtkWidget *button;
  GtkAdjustment *adjustment;

  g_assert_true (kdx_store_move_kol (fixture->store, id, KDX_STAGE_GROWING, NULL, &error));
  kdx_window_show_view (fixture->window, "board");
  kdx_ui_iterate ();
  adjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (column (fixture, KDX_STAGE_CANDIDATE)),
                                                                                                GTK_TYPE_SCROLLED_WINDOW)));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  /* Laid out: the board is wider than the window. */
  kdx_ui_wait_until (board_is_wider, adjustment, 30000);

  button = kdx_ui_find_widget (board, GTK_TYPE_MENU_BUTTON, NULL);
  g_assert_nonnull (button);
  kdx_ui_click (kdx_ui_find_widget (button, GTK_TYPE_TOGGLE_BUTTON, NULL));
  kdx_ui_click_menu_item (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))), "Growing");
  kdx_ui_wait_until (card_has_focus, &growing, 30000);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
}

/* ---- Undo of a delete and of an import, through the same toasts ---------------- */

static void
test_delete_toast_undo_restores_the_file (KdxUiFixture  *fixture,
                                          gconstpointer  data)
{
  gint64 id = kdx_ui_add_kol (fixture->store, "小美 & <朋友>", 125000);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxKol) before = NULL;
  g_autoptr(KdxKol) restored = NULL;

  g_assert_true (kdx_store_move_kol (fixture->store, id, KDX_STAGE_GROWING, "签约", &error));
  before = kdx_ui_load_kol (fixture->store, id);
  kdx_ui_open_kol (fixture, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete", NULL));
  kdx_ui_wait_for_n_kols (fixture, 0, 5000);

  kdx_ui_click_toast_button (GTK_WIDGET (fixture->window), "Undo");
  kdx_ui_wait_for_n_kols (fixture, 1, 5000);
  restored = kdx_ui_load_kol (fixture->store, id);
  g_assert_true (kdx_kol_equal (before, restored));
}

/* A newer Undo replaces the older one: the move's toast does not bring
 * back the delete's, and the move is what its Undo undoes. */
static void
test_newest_undo_wins (KdxUiFixture  *fixture,
                       gconstpointer  data)
{
  gint64 gone = kdx_ui_add_kol (fixture->store, "甲", 1);
  gint64 moved = kdx_ui_add_kol (fixture->store, "乙", 2);
  Expected back = { fixture, moved, KDX_STAGE_CANDIDATE };

  kdx_ui_open_kol (fixture, gone);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete", NULL));
  kdx_ui_iterate ();
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 1);

  focus_card (fixture, KDX_STAGE_CANDIDATE, moved);
  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_Right, GDK_ALT_MASK));
  kdx_ui_iterate ();
  kdx_ui_click_toast_button (GTK_WIDGET (fixture->window), "Undo");
  kdx_ui_wait_until (kol_is_in_stage, &back, 30000);
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 1);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kdx_transfer_finish (result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer user_data)
{
  return *(gboolean *) user_data;
}

static gboolean
no_progress_toasts (gpointer user_data)
{
  return n_progress_toasts == 0;
}

/* An import's Undo goes through the window's one place too; the progress
 * toasts of an export and an import are freed when their work is done
 * (one leaked per import or export). */
static void
test_import_toast_undo (KdxUiFixture  *fixture,
                        gconstpointer  data)
{
  g_autofree char *xml = g_build_filename (fixture->dir, "list.xml", NULL);
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 125000);
  AdwToastOverlay *toasts = ADW_TOAST_OVERLAY (kdx_ui_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_TOAST_OVERLAY, NULL));
  g_autoptr(GError) error = NULL;
  gboolean exported = FALSE;

  kdx_transfer_export_async (fixture->store, NULL, KDX_TRANSFER_XML, FALSE, xml, toasts, export_done_cb, &exported);
  g_assert_cmpuint (n_progress_toasts, ==, 1);
  kdx_ui_wait_until (is_true, &exported, 20000);
  kdx_ui_wait_until (no_progress_toasts, NULL, 30000);

  g_assert_true (kdx_store_delete_kol (fixture->store, id, &error));
  g_assert_no_error (error);
  kdx_window_import_file (fixture->window, xml);
  kdx_ui_wait_for_n_kols (fixture, 1, 20000);
  kdx_ui_wait_until (no_progress_toasts, NULL, 30000);

  kdx_ui_click_toast_button (GTK_WIDGET (fixture->window), "Undo");
  kdx_ui_wait_for_n_kols (fixture, 0, 5000);
}

int
main (int    argc,
      char **argv)
{
  kdx_ui_test_init (&argc, &argv);

  KDX_UI_ADD ("/ui/board/card-menu/move-to", test_card_menu_move_to);
  KDX_UI_ADD ("/ui/board/card-menu/open-file", test_card_menu_open_file);
  KDX_UI_ADD ("/ui/board/keys/alt-right-and-toast-undo", test_alt_right_and_toast_undo);
  KDX_UI_ADD ("/ui/board/keys/focus-follows-the-moved-card", test_focus_follows_the_moved_card);
  KDX_UI_ADD ("/ui/board/departed/enter-records-nothing", test_departed_asks_and_enter_records_nothing);
  KDX_UI_ADD ("/ui/board/departed/focus-into-folded-column", test_focus_after_move_into_folded_column);
  KDX_UI_ADD ("/ui/board/departed/several-named-by-count", test_several_named_by_count);
  KDX_UI_ADD ("/ui/board/card/tier-only-when-set", test_card_shows_tier_only_when_set);
  KDX_UI_ADD ("/ui/board/go-to-stage", test_go_to_stage);
  KDX_UI_ADD ("/ui/undo/delete-toast", test_delete_toast_undo_restores_the_file);
  KDX_UI_ADD ("/ui/undo/newest-wins", test_newest_undo_wins);
  KDX_UI_ADD ("/ui/undo/import-toast", test_import_toast_undo);

  return g_test_run ();
}
