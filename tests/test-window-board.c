/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window-board"

#include "config.h"

#include "kdx-stage-entry.h"
#include "kdx-ui-test.h"
#include "kdx-window.h"

/* The board in the window, as a person uses it: a card moved by keyboard
 * and undone, a card dropped on the departed column. */

static void
test_board_keyboard_move_and_undo (KdxUiFixture  *fixture,
                                   gconstpointer  data)
{
  KdxBoardView *board = kdx_window_get_board_view (fixture->window);
  KdxBoardColumn *candidates = kdx_board_view_get_column (board, KDX_STAGE_CANDIDATE);
  KdxBoardColumn *contacting = kdx_board_view_get_column (board, KDX_STAGE_CONTACTING);
  g_autoptr(KdxKol) before = NULL;
  g_autoptr(KdxKol) moved = NULL;
  g_autoptr(KdxKol) restored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *card;
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 125000);

  kdx_window_show_view (fixture->window, "board");
  kdx_ui_iterate ();
  before = kdx_ui_load_kol (fixture->store, id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_board_column_get_list (candidates))), ==, 1);

  /* Alt+Right on the focused card is card.move-next. */
  card = kdx_board_column_get_card (candidates, id);
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_activate_action (card, "card.move-next", NULL));
  kdx_ui_iterate ();

  moved = kdx_ui_load_kol (fixture->store, id);
  g_assert_cmpint (kdx_kol_get_stage (moved), ==, KDX_STAGE_CONTACTING);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_kol_get_stage_history (moved))), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_board_column_get_list (candidates))), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_board_column_get_list (contacting))), ==, 1);

  /* Undo (the toast's button, in the window's overlay) puts the file back
   * exactly. This activated "board.undo-move" on the board before, which
   * the toast itself could not reach. */
  kdx_ui_click_toast_button (GTK_WIDGET (fixture->window), "Undo");
  kdx_ui_iterate ();
  restored = kdx_ui_load_kol (fixture->store, id);
  g_assert_true (kdx_kol_equal (before, restored));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_board_column_get_list (candidates))), ==, 1);
}

static void
test_board_drop_to_departed (KdxUiFixture  *fixture,
                             gconstpointer  data)
{
  KdxBoardView *board = kdx_window_get_board_view (fixture->window);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(KdxKol) moved = NULL;
  g_autoptr(KdxStageEntry) last = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *box;
  gint64 a = kdx_ui_add_kol (fixture->store, "甲", 1);
  gint64 b = kdx_ui_add_kol (fixture->store, "乙", 2);
  gint64 c = kdx_ui_add_kol (fixture->store, "丙", 3);

  kdx_ui_iterate ();
  g_array_append_val (ids, a);
  g_array_append_val (ids, b);

  /* What a drop of two cards on Departed does: it asks why. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kdx_board_view_get_column (board, KDX_STAGE_DEPARTED)),
                                             "board.drop", "(sux)", "koldex-ids:1,2",
                                             (guint32) KDX_STAGE_DEPARTED, (gint64) 0));
  kdx_ui_iterate ();
  dialog = ADW_MESSAGE_DIALOG (kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  box = adw_message_dialog_get_extra_child (dialog);
  adw_action_row_activate (ADW_ACTION_ROW (kdx_ui_find_widget (box, ADW_TYPE_ACTION_ROW, "Poached")));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_last_child (box)), "对手出价更高");
  adw_message_dialog_response (dialog, "move");
  kdx_ui_iterate ();

  moved = kdx_ui_load_kol (fixture->store, b);
  g_object_get (moved, "churn-reason", &reason, NULL);
  g_assert_cmpint (kdx_kol_get_stage (moved), ==, KDX_STAGE_DEPARTED);
  g_assert_cmpstr (reason, ==, "poached");
  last = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_stage_history (moved)), 1);
  g_assert_cmpstr (kdx_stage_entry_get_note (last), ==, "对手出价更高");

  /* A drop within a column is the manual order. */
  g_array_set_size (ids, 0);
  g_array_append_val (ids, c);
  g_array_append_val (ids, a);
  kdx_board_view_drop (board, ids, KDX_STAGE_DEPARTED, b);
  kdx_ui_iterate ();
  {
    KdxKolList *departed = kdx_board_column_get_list (kdx_board_view_get_column (board, KDX_STAGE_DEPARTED));
    /* c is still a candidate, so this drop is a move and asks again. */
    dialog = ADW_MESSAGE_DIALOG (kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (dialog);
    /* Departed is moved to only with a reason chosen. */
    adw_action_row_activate (ADW_ACTION_ROW (kdx_ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Other")));
    adw_message_dialog_response (dialog, "move");
    kdx_ui_iterate ();
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (departed)), ==, 3);
  }
  g_array_set_size (ids, 0);
  g_array_append_val (ids, b);
  kdx_board_view_drop (board, ids, KDX_STAGE_DEPARTED, a);
  kdx_ui_iterate ();
  {
    KdxKolList *departed = kdx_board_column_get_list (kdx_board_view_get_column (board, KDX_STAGE_DEPARTED));
    guint pos_a, pos_b;
    g_assert_cmpstr (kdx_board_column_get_sort (kdx_board_view_get_column (board, KDX_STAGE_DEPARTED)), ==, "board");
    g_assert_true (kdx_kol_list_find (departed, a, &pos_a));
    g_assert_true (kdx_kol_list_find (departed, b, &pos_b));
    g_assert_cmpuint (pos_b + 1, ==, pos_a);
  }
}

int
main (int    argc,
      char **argv)
{
  kdx_ui_test_init (&argc, &argv);

  KDX_UI_ADD ("/ui/board/keyboard-move-and-undo", test_board_keyboard_move_and_undo);
  KDX_UI_ADD ("/ui/board/drop-to-departed", test_board_drop_to_departed);

  return g_test_run ();
}
