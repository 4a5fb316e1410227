/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-startup-ui"

#include "config.h"

#include "kdx-board-column.h"
#include "kdx-board-view.h"
#include "kdx-ui-test.h"
#include "kdx-window.h"

/* What the window builds before its first frame (issue 16): only what is
 * shown. The board, hidden behind the list, comes when a person first
 * switches to it, and shows the KOLs then. */

/* The view switcher's button for @data ("Board"), as shown: its label is
 * a property of its own, not a GtkButton's. */
static gboolean
is_switcher_button (GtkWidget     *widget,
                    gconstpointer  data)
{
  g_autofree char *label = NULL;

  if (!GTK_IS_TOGGLE_BUTTON (widget) || !gtk_widget_get_mapped (widget)
      || g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "label") == NULL)
    return FALSE;
  g_object_get (widget, "label", &label, NULL);
  return g_strcmp0 (label, data) == 0;
}

static gboolean
board_in_window (gpointer user_data)
{
  return kdx_ui_find_widget (user_data, KDX_TYPE_BOARD_VIEW, NULL) != NULL;
}

static void
test_board_built_when_shown (KdxUiFixture  *fixture,
                             gconstpointer  data)
{
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 125000);
  GtkWidget *switch_button;
  KdxBoardView *board;
  KdxBoardColumn *candidates;

  kdx_window_show_view (fixture->window, "list");
  kdx_ui_iterate ();
  g_assert_false (board_in_window (fixture->window));

  /* The view switcher's "Board", as a person clicks it. */
  switch_button = kdx_ui_find_first (GTK_WIDGET (fixture->window), is_switcher_button, "Board");
  g_assert_nonnull (switch_button);
  kdx_ui_click (switch_button);
  kdx_ui_wait_until (board_in_window, fixture->window, 30000);

  board = KDX_BOARD_VIEW (kdx_ui_find_widget (GTK_WIDGET (fixture->window), KDX_TYPE_BOARD_VIEW, NULL));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (board)));
  g_assert_true (kdx_window_get_board_view (fixture->window) == board);
  candidates = kdx_board_view_get_column (board, KDX_STAGE_CANDIDATE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_board_column_get_list (candidates))), ==, 1);
  g_assert_nonnull (kdx_board_column_get_card (candidates, id));
}

/* A board built late follows the search typed before it existed. */
static void
test_board_follows_earlier_search (KdxUiFixture  *fixture,
                                   gconstpointer  data)
{
  KdxBoardColumn *candidates;

  kdx_ui_add_kol (fixture->store, "小美", 125000);
  kdx_ui_add_kol (fixture->store, "阿杰", 3000);
  kdx_window_show_view (fixture->window, "list");
  kdx_ui_iterate ();
  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_f, GDK_CONTROL_MASK));
  kdx_ui_type (GTK_WINDOW (fixture->window), "阿杰");
  kdx_ui_iterate ();
  g_assert_false (board_in_window (fixture->window));

  kdx_ui_click (kdx_ui_find_first (GTK_WIDGET (fixture->window), is_switcher_button, "Board"));
  kdx_ui_wait_until (board_in_window, fixture->window, 30000);
  candidates = kdx_board_view_get_column (kdx_window_get_board_view (fixture->window), KDX_STAGE_CANDIDATE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_board_column_get_list (candidates))), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  kdx_ui_test_init (&argc, &argv);

  KDX_UI_ADD ("/startup/board-built-when-shown", test_board_built_when_shown);
  KDX_UI_ADD ("/startup/board-follows-earlier-search", test_board_follows_earlier_search);

  return g_test_run ();
}
