/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-keys"

#include "config.h"

#include "kdx-ui-test.h"

/* The keyboard and the toasts, as a person uses them: keys go through the
 * real shortcuts (kdx-ui-test.c), the database tells what happened. */

static void
test_ctrl_n_adds_a_kol (KdxUiFixture  *fixture,
                        gconstpointer  data)
{
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 0);
  kdx_ui_add_kol_by_keyboard (fixture, "小美");
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 1);
}

static void
test_delete_key_and_toast_undo (KdxUiFixture  *fixture,
                                gconstpointer  data)
{
  kdx_ui_add_kol (fixture->store, "小美", 125000);
  kdx_ui_iterate ();
  kdx_ui_select_row (fixture, 0);

  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_Delete, 0));
  kdx_ui_wait_for_n_kols (fixture, 0, 5000);
  kdx_ui_click_toast_button (GTK_WIDGET (fixture->window), "Undo");
  kdx_ui_wait_for_n_kols (fixture, 1, 5000);
}

int
main (int    argc,
      char **argv)
{
  kdx_ui_test_init (&argc, &argv);

  KDX_UI_ADD ("/ui/keys/ctrl-n-adds-a-kol", test_ctrl_n_adds_a_kol);
  KDX_UI_ADD ("/ui/keys/delete-and-toast-undo", test_delete_key_and_toast_undo);

  return g_test_run ();
}
