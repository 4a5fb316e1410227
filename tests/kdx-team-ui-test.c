/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kdx-connection-banner.h"
#include "kdx-preferences-window.h"
#include "kdx-team-ui-test.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* "postgresql://koldex:SECRET@/db?host=…" into the address an operator
 * types and the password they type apart. */
static void
split_uri (KdxTeamFixture *fixture)
{
  const char *colon = strstr (fixture->uri, "koldex:");
  const char *at = strchr (fixture->uri, '@');

  g_assert_nonnull (colon);
  g_assert_nonnull (at);
  colon += strlen ("koldex");
  fixture->password = g_strndup (colon + 1, at - colon - 1);
  fixture->address = g_strdup_printf ("%.*s%s", (int) (colon - fixture->uri), fixture->uri, at);
}

void
kdx_team_fixture_set_up (KdxTeamFixture *fixture,
                         gconstpointer   data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = kdx_test_make_tmp_dir ();
  fixture->local_path = g_build_filename (fixture->dir, "local.db", NULL);
  fixture->local = kdx_store_open (fixture->local_path, &error);
  g_assert_no_error (error);
  fixture->uri = kdx_test_pg_make_database ();
  split_uri (fixture);
  fixture->application = g_object_ref (kdx_ui_application ());
  fixture->window = kdx_window_new (fixture->application, fixture->local, NULL);
  kdx_ui_present_and_wait (GTK_WINDOW (fixture->window));
}

void
kdx_team_fixture_tear_down (KdxTeamFixture *fixture,
                            gconstpointer   data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i - 1);
      gtk_window_destroy (toplevel);
    }
  kdx_ui_iterate ();
  g_clear_object (&fixture->application);
  g_clear_object (&fixture->local);
  kdx_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->local_path);
  g_free (fixture->uri);
  g_free (fixture->address);
  g_free (fixture->password);
}

GtkWindow *
kdx_team_open_page (KdxTeamFixture *fixture)
{
  GtkWindow *preferences;

  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_comma, GDK_CONTROL_MASK));
  kdx_ui_iterate ();
  preferences = kdx_ui_find_toplevel (KDX_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  /* The page's tab, as clicked. */
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "team");
  kdx_ui_iterate ();
  return preferences;
}

void
kdx_team_type_into (GtkWindow  *window,
                    const char *row_name,
                    const char *text)
{
  GtkWidget *row = kdx_ui_find_named (GTK_WIDGET (window), row_name);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_grab_focus (row));
  kdx_ui_iterate ();
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  kdx_ui_type (window, text);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, text);
}

void
kdx_team_connect_through_page (KdxTeamFixture *fixture)
{
  GtkWindow *preferences = kdx_team_open_page (fixture);

  kdx_team_type_into (preferences, "address", fixture->address);
  kdx_team_type_into (preferences, "password", fixture->password);
  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (preferences), GTK_TYPE_BUTTON, "Connect"));
}

typedef struct
{
  const char *path;
  KdxWindow  *found;
} WindowOn;

/* A window on the database at @path (its location as shown). */
static gboolean
window_is_on (gpointer user_data)
{
  WindowOn *on = user_data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  on->found = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (KDX_IS_WINDOW (toplevel) && kdx_window_get_store (KDX_WINDOW (toplevel)) != NULL
          && g_str_equal (kdx_store_get_path (kdx_window_get_store (KDX_WINDOW (toplevel))), on->path)
          && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        on->found = KDX_WINDOW (toplevel);
    }
  return on->found != NULL;
}

KdxWindow *
kdx_team_wait_for_window_on (const char *path)
{
  WindowOn on = { path, NULL };

  kdx_ui_wait_until (window_is_on, &on, 60000);
  return on.found;
}

KdxStore *
kdx_team_open_second_store (const char *uri)
{
  g_autoptr(GError) error = NULL;
  KdxStore *store = kdx_store_open (uri, &error);

  g_assert_no_error (error);
  return store;
}

GtkWidget *
kdx_team_banner_revealer (KdxWindow *window)
{
  GtkWidget *banner = kdx_ui_find_widget (GTK_WIDGET (window), KDX_TYPE_CONNECTION_BANNER, NULL);

  g_assert_nonnull (banner);
  return kdx_ui_find_widget (banner, GTK_TYPE_REVEALER, NULL);
}

gboolean
kdx_team_banner_shown (gpointer window)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (kdx_team_banner_revealer (window)));
}

gboolean
kdx_team_banner_hidden (gpointer window)
{
  return !kdx_team_banner_shown (window);
}

gboolean
kdx_team_city_stored (gpointer stored_city)
{
  KdxTeamStoredCity *check = stored_city;
  g_autoptr(KdxStore) store = kdx_store_open (check->uri, NULL);
  g_autoptr(KdxKol) kol = NULL;
  g_autofree char *city = NULL;

  if (store == NULL || (kol = kdx_store_load_kol (store, check->id, NULL)) == NULL)
    return FALSE;
  g_object_get (kol, "city", &city, NULL);
  return g_strcmp0 (city, check->city) == 0;
}
