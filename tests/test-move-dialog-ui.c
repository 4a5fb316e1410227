/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-move-dialog-ui"

#include "config.h"

#include "kdx-move-dialog.h"
#include "kdx-stage-entry.h"
#include "kdx-ui-test.h"

/* The board's question when KOLs move to Declined or Departed
 * (KdxMoveDialog), answered with the keyboard; the database tells what
 * was recorded. test-board-ui.c covers choosing a churn reason. */

typedef struct
{
  KdxUiFixture *fixture;
  gint64        id;
  KdxStage      stage;
} Expected;

static gboolean
kol_is_in_stage (gpointer user_data)
{
  Expected *expected = user_data;
  g_autoptr(KdxKol) kol = kdx_ui_load_kol (expected->fixture->store, expected->id);

  return kdx_kol_get_stage (kol) == expected->stage;
}

/* @id dropped on @stage's column, as a drag from another column does;
 * returns the dialog that asks why. */
static GtkWindow *
drop_on (KdxUiFixture *fixture,
         gint64        id,
         KdxStage      stage)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkWindow *dialog;

  g_array_append_val (ids, id);
  kdx_window_show_view (fixture->window, "board");
  kdx_ui_iterate ();
  kdx_board_view_drop (kdx_window_get_board_view (fixture->window), ids, stage, 0);
  kdx_ui_iterate ();
  dialog = kdx_ui_find_toplevel (KDX_TYPE_MOVE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpint (kdx_move_dialog_get_stage (KDX_MOVE_DIALOG (dialog)), ==, stage);
  return dialog;
}

/* Declined asks for a note only: it has the focus, and Enter moves with
 * it, trimmed, and with no churn reason. */
static void
test_declined_note (KdxUiFixture  *fixture,
                    gconstpointer  data)
{
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 125000);
  Expected declined = { fixture, id, KDX_STAGE_DECLINED };
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(KdxStageEntry) last = NULL;
  g_autofree char *reason = NULL;
  GtkWindow *dialog = drop_on (fixture, id, KDX_STAGE_DECLINED);
  GtkWidget *focus;
  guint n_entries;

  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Why did 小美 say no?");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "move"));
  g_assert_null (kdx_ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Poached"));
  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY));

  kdx_ui_type (dialog, "  预算谈不拢 ");
  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_Return, 0));
  kdx_ui_wait_until (kol_is_in_stage, &declined, 30000);

  kol = kdx_ui_load_kol (fixture->store, id);
  g_object_get (kol, "churn-reason", &reason, NULL);
  g_assert_null (reason);
  n_entries = g_list_model_get_n_items (G_LIST_MODEL (kdx_kol_get_stage_history (kol)));
  last = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_stage_history (kol)), n_entries - 1);
  g_assert_cmpint (kdx_stage_entry_get_stage (last), ==, KDX_STAGE_DECLINED);
  g_assert_cmpstr (kdx_stage_entry_get_note (last), ==, "预算谈不拢");
}

/* Escape is Cancel: a reason chosen and a note typed, nothing moves. */
static void
test_escape_moves_nothing (KdxUiFixture  *fixture,
                           gconstpointer  data)
{
  gint64 id = kdx_ui_add_kol (fixture->store, "阿强", 5);
  g_autoptr(KdxKol) kol = NULL;
  g_autofree char *reason = NULL;
  GtkWindow *dialog = drop_on (fixture, id, KDX_STAGE_DEPARTED);
  GtkWidget *row = kdx_ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Poached");

  g_assert_nonnull (row);
  g_assert_null (kdx_move_dialog_get_reason (KDX_MOVE_DIALOG (dialog)));
  adw_action_row_activate (ADW_ACTION_ROW (row));
  g_assert_cmpstr (kdx_move_dialog_get_reason (KDX_MOVE_DIALOG (dialog)), ==, "poached");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "move"));

  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_Escape, 0));
  kdx_ui_iterate ();
  g_assert_null (kdx_ui_find_toplevel (KDX_TYPE_MOVE_DIALOG));

  kol = kdx_ui_load_kol (fixture->store, id);
  g_object_get (kol, "churn-reason", &reason, NULL);
  g_assert_cmpint (kdx_kol_get_stage (kol), ==, KDX_STAGE_CANDIDATE);
  g_assert_null (reason);
}

int
main (int    argc,
      char **argv)
{
  kdx_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, KdxUiFixture, NULL, kdx_ui_fixture_set_up, func, kdx_ui_fixture_tear_down)
  ADD ("/ui/move-dialog/declined-note", test_declined_note);
  ADD ("/ui/move-dialog/escape-moves-nothing", test_escape_moves_nothing);
#undef ADD

  return g_test_run ();
}
