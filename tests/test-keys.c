/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-keys"

#include "config.h"

#include "kdx-ui-test.h"

/* The keyboard and the toasts, as a person uses them: keys go through the
 * real shortcuts (kdx-ui-test.c), the database tells what happened. */

static gboolean
has_n_kols (gpointer user_data)
{
  KdxUiFixture *fixture = user_data;

  return kdx_store_count_kols (fixture->store, NULL) == 1;
}

static void
test_ctrl_n_adds_a_kol (KdxUiFixture  *fixture,
                        gconstpointer  data)
{
  GtkWindow *dialog;

  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 0);
  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_n, GDK_CONTROL_MASK));
  kdx_ui_iterate ();
  dialog = kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  kdx_ui_type (dialog, "小美");
  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_Return, 0));
  kdx_ui_wait_until (has_n_kols, fixture, 5000);
}

static gboolean
has_no_kols (gpointer user_data)
{
  KdxUiFixture *fixture = user_data;

  return kdx_store_count_kols (fixture->store, NULL) == 0;
}

static void
test_delete_key_and_toast_undo (KdxUiFixture  *fixture,
                                gconstpointer  data)
{
  GtkWidget *view;

  kdx_ui_add_kol (fixture->store, "小美", 125000);
  kdx_ui_iterate ();
  view = kdx_ui_find_widget (GTK_WIDGET (kdx_window_get_list_view (fixture->window)), GTK_TYPE_COLUMN_VIEW, NULL);
  g_assert_nonnull (view);
  gtk_selection_model_select_item (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)), 0, TRUE);
  gtk_widget_grab_focus (view);
  kdx_ui_iterate ();

  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_Delete, 0));
  kdx_ui_wait_until (has_no_kols, fixture, 5000);
  kdx_ui_click_toast_button (GTK_WIDGET (fixture->window), "Undo");
  kdx_ui_wait_until (has_n_kols, fixture, 5000);
}

int
main (int    argc,
      char **argv)
{
  kdx_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, KdxUiFixture, NULL, kdx_ui_fixture_set_up, func, kdx_ui_fixture_tear_down)
  ADD ("/ui/keys/ctrl-n-adds-a-kol", test_ctrl_n_adds_a_kol);
  ADD ("/ui/keys/delete-and-toast-undo", test_delete_key_and_toast_undo);
#undef ADD

  return g_test_run ();
}
