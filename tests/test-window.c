/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <glib/gstdio.h>

#include "kdx-application.h"
#include "kdx-error.h"
#include "kdx-test-util.h"
#include "kdx-window.h"

/* Display tests: run under Xvfb (build-aux/test does). */

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The window's own stack: the one with the "empty" page (menus have
 * stacks of their own). */
static GtkStack *
find_page_stack (GtkWidget *root)
{
  if (GTK_IS_STACK (root) && gtk_stack_get_child_by_name (GTK_STACK (root), "empty") != NULL)
    return GTK_STACK (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = find_page_stack (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
visible_page (KdxWindow *window)
{
  GtkStack *stack = find_page_stack (GTK_WIDGET (window));

  return gtk_stack_get_visible_child_name (stack);
}

static AdwStatusPage *
visible_status_page (KdxWindow *window)
{
  GtkStack *stack = find_page_stack (GTK_WIDGET (window));

  return ADW_STATUS_PAGE (gtk_stack_get_visible_child (stack));
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static KdxStore *
open_store (char **dir)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  KdxStore *store;

  *dir = kdx_test_make_tmp_dir ();
  path = g_build_filename (*dir, "window.db", NULL);
  store = kdx_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

static void
test_empty_state (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(KdxStore) store = open_store (&dir);
  KdxWindow *window = kdx_window_new (NULL, store, NULL);

  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  g_assert_cmpstr (visible_page (window), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (visible_status_page (window)), ==, "No KOLs Yet");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_overview_follows_store (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(KdxStore) store = open_store (&dir);
  g_autoptr(KdxKol) a = kdx_kol_new ();
  g_autoptr(KdxKol) b = kdx_kol_new ();
  g_autoptr(GError) error = NULL;
  KdxWindow *window = kdx_window_new (NULL, store, NULL);
  GtkLabel *title;

  gtk_window_present (GTK_WINDOW (window));
  kdx_kol_set_display_name (a, "小美");
  kdx_kol_set_display_name (b, "阿强");
  g_assert_true (kdx_store_add_kol (store, a, &error));
  g_assert_true (kdx_store_add_kol (store, b, &error));
  g_assert_true (kdx_store_move_kol (store, kdx_kol_get_id (b), KDX_STAGE_MATURE, NULL, &error));
  iterate ();

  g_assert_cmpstr (visible_page (window), ==, "overview");
  title = GTK_LABEL (find_widget (gtk_stack_get_visible_child (find_page_stack (GTK_WIDGET (window))),
                                  GTK_TYPE_LABEL));
  g_assert_cmpstr (gtk_label_get_text (title), ==, "2 KOLs");

  g_assert_true (kdx_store_delete_kol (store, kdx_kol_get_id (a), &error));
  g_assert_true (kdx_store_delete_kol (store, kdx_kol_get_id (b), &error));
  iterate ();
  g_assert_cmpstr (visible_page (window), ==, "empty");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_open_error (void)
{
  g_autoptr(GError) error = g_error_new (KDX_ERROR, KDX_ERROR_NEWER_SCHEMA,
                                         "x.db was written by a newer Koldex");
  KdxWindow *window = kdx_window_new (NULL, NULL, error);

  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  g_assert_cmpstr (visible_page (window), ==, "error");
  g_assert_cmpstr (adw_status_page_get_description (visible_status_page (window)), ==,
                   "x.db was written by a newer Koldex");
  gtk_window_destroy (GTK_WINDOW (window));
}

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
  GListModel *toplevels = gtk_window_get_toplevels ();
  gboolean found_about = FALSE;

  g_assert_true (KDX_IS_WINDOW (window));
  g_assert_cmpstr (kdx_store_get_path (kdx_window_get_store (KDX_WINDOW (window))), ==, check->path);
  g_assert_true (g_file_test (check->path, G_FILE_TEST_EXISTS));

  g_action_group_activate_action (G_ACTION_GROUP (check->app), "about", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
      if (ADW_IS_ABOUT_WINDOW (toplevel))
        {
          g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (toplevel)), ==, "Koldex");
          found_about = TRUE;
          gtk_window_destroy (GTK_WINDOW (toplevel));
        }
    }
  g_assert_true (found_about);

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
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/window/empty-state", test_empty_state);
  g_test_add_func ("/ui/window/overview-follows-store", test_overview_follows_store);
  g_test_add_func ("/ui/window/open-error", test_open_error);
  g_test_add_func ("/ui/application/database-option", test_application_database_option);

  return g_test_run ();
}
