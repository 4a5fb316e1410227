/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <libsecret/secret.h>

#include "kdx-kol-editor.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"
#include "kdx-team-ui-test.h"

/* Preferences › Team Database (issue 14, items 1 and 6), driven as an
 * operator drives it: the address and the password typed into the page,
 * Connect clicked; then the window on the team database, the password in
 * the keyring (tests/with-keyring gives the program one of its own) and
 * nowhere in the settings; the server stopped and started again under
 * an edit; the copy offered for a new team database, and taken. Run
 * inside tests/pg-server, on a display of its own. */

/* ---- connecting ------------------------------------------------------------- */

static void
assert_settings_lack (const char *secret)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      kdx_test_assert_lacks (text, secret);
    }
}

static void
test_connect (KdxTeamFixture *fixture,
              gconstpointer   data)
{
  static const SecretSchema schema = {
    "org.koldex.TeamDatabase", SECRET_SCHEMA_NONE,
    { { "host", SECRET_SCHEMA_ATTRIBUTE_STRING }, { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING }, { "dbname", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 } },
  };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(KdxStore) second = NULL;
  g_autoptr(KdxStore) keyring_store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *database = NULL;
  g_autofree char *host = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *subtitle = NULL;
  KdxUiFixture on_team = { 0 };
  GtkWidget *title;

  kdx_team_connect_through_page (fixture);
  on_team.window = kdx_team_wait_for_window_on (fixture->address);
  on_team.store = kdx_window_get_store (on_team.window);
  g_assert_true (on_team.store != fixture->local);

  /* The window says where it is. */
  g_assert_true (kdx_store_get_server (fixture->address, &database, &host));
  title = kdx_ui_find_widget (GTK_WIDGET (on_team.window), ADW_TYPE_VIEW_SWITCHER_TITLE, NULL);
  subtitle = g_strdup_printf ("Team database: %s on this computer", database);
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (ADW_VIEW_SWITCHER_TITLE (title)), ==, subtitle);
  /* Wide, where the view switcher hides that subtitle, the header says it. */
  if (!adw_view_switcher_title_get_title_visible (ADW_VIEW_SWITCHER_TITLE (title)))
    {
      g_autoptr(GPtrArray) texts = kdx_ui_label_texts (GTK_WIDGET (on_team.window));

      g_assert_true (g_ptr_array_find_with_equal_func (texts, subtitle, g_str_equal, NULL));
    }

  /* A KOL added in that window lands on the server. */
  kdx_ui_add_kol_by_keyboard (&on_team, "团队小美");
  second = kdx_team_open_second_store (fixture->uri);
  ids = kdx_store_query_ids (second, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  kol = kdx_store_load_kol (second, g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdx_kol_get_display_name (kol), ==, "团队小美");
  g_assert_cmpint (kdx_store_count_kols (fixture->local, NULL), ==, 0);

  /* The password is in the keyring, keyed by the server and account ... */
  kept = secret_password_lookup_sync (&schema, NULL, &error,
                                      "host", host, "port", "5432", "user", "koldex",
                                      "dbname", database, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, fixture->password);
  /* ... where opening the address without it finds it ... */
  keyring_store = kdx_team_open_second_store (fixture->address);
  g_assert_cmpint (kdx_store_count_kols (keyring_store, NULL), ==, 1);
  /* ... and the settings keep the address alone. */
  g_assert_cmpstr (g_settings_get_string (settings, "database"), ==, fixture->address);
  assert_settings_lack (fixture->password);
}

/* A wrong password: said on the page, never shown, nothing switched. */
static gboolean
status_says (gpointer preferences)
{
  g_autoptr(GPtrArray) texts = kdx_ui_label_texts (GTK_WIDGET (preferences));

  for (guint i = 0; i < texts->len; i++)
    if (strstr (texts->pdata[i], "Cannot connect to") != NULL)
      return TRUE;
  return FALSE;
}

static void
test_wrong_password (KdxTeamFixture *fixture,
                     gconstpointer   data)
{
  GtkWindow *preferences = kdx_team_open_page (fixture);
  g_autoptr(GPtrArray) texts = NULL;

  kdx_team_type_into (preferences, "address", fixture->address);
  kdx_team_type_into (preferences, "password", "not-the-password-42");
  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (preferences), GTK_TYPE_BUTTON, "Connect"));
  kdx_ui_wait_until (status_says, preferences, 60000);

  texts = kdx_ui_label_texts (GTK_WIDGET (preferences));
  for (guint i = 0; i < texts->len; i++)
    kdx_test_assert_lacks (texts->pdata[i], "not-the-password-42");
  g_assert_true (kdx_window_get_store (fixture->window) == fixture->local);
}

/* ---- losing the server ---------------------------------------------------------- */

static gboolean
editor_shows_city (gpointer editor)
{
  GtkWidget *row = kdx_kol_editor_get_row (editor, "city");

  return row != NULL && g_str_equal (gtk_editable_get_text (GTK_EDITABLE (row)), "杭州");
}

static void
test_connection_lost (KdxTeamFixture *fixture,
                      gconstpointer   data)
{
  KdxUiFixture on_team = { 0 };
  KdxTeamStoredCity check = { fixture->uri, 0, "杭州" };
  KdxKolEditor *editor;
  GtkWidget *row;
  gint64 id;

  kdx_team_connect_through_page (fixture);
  on_team.window = kdx_team_wait_for_window_on (fixture->address);
  on_team.store = kdx_window_get_store (on_team.window);
  id = kdx_ui_add_kol (on_team.store, "小丽", 1000);
  check.id = id;
  editor = kdx_ui_open_kol (&on_team, id);
  g_assert_false (kdx_team_banner_shown (on_team.window));

  /* The server goes: the window says so. */
  kdx_test_pg_control ("stop");
  kdx_ui_wait_until (kdx_team_banner_shown, on_team.window, 60000);

  /* The operator edits meanwhile; the save cannot go yet. */
  row = kdx_kol_editor_get_row (editor, "city");
  g_assert_true (gtk_widget_grab_focus (row));
  kdx_ui_iterate ();
  kdx_ui_type (GTK_WINDOW (on_team.window), "杭州");
  kdx_ui_wait_for_text (GTK_EDITABLE (row), "杭州");
  gtk_widget_grab_focus (kdx_kol_editor_get_row (editor, "personality"));

  /* It comes back: the edit is saved, the banner gone. */
  kdx_test_pg_control ("start");
  kdx_ui_wait_until (kdx_team_banner_hidden, on_team.window, 60000);
  kdx_ui_wait_until (kdx_team_city_stored, &check, 60000);
  /* The file shown is the one saved, the edit in it (its rows made
   * again for the file read back). */
  kdx_ui_wait_until (editor_shows_city, editor, 30000);
  g_assert_cmpint (kdx_kol_editor_get_id (editor), ==, id);
}

/* ---- moving to the team ------------------------------------------------------------ */

static void
test_copy_offered (KdxTeamFixture *fixture,
                   gconstpointer   data)
{
  static const char *const names[] = { "小美", "阿强", "Lily" };
  g_autoptr(KdxStore) second = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    kdx_ui_add_kol (fixture->local, names[i], 1000 * (i + 1));

  kdx_team_connect_through_page (fixture);
  kdx_ui_wait_until ((KdxUiCondition) kdx_ui_find_toplevel, (gpointer) ADW_TYPE_MESSAGE_DIALOG, 60000);
  dialog = kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Copy your 3 KOLs to the team database?");
  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Copy"));

  kdx_team_wait_for_window_on (fixture->address);
  second = kdx_team_open_second_store (fixture->uri);
  ids = kdx_store_query_ids (second, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(KdxKol) kol = kdx_store_load_kol (second, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      g_assert_true (g_strv_contains (names, kdx_kol_get_display_name (kol)));
    }
  /* The local database stays as it was. */
  g_assert_cmpint (kdx_store_count_kols (fixture->local, NULL), ==, G_N_ELEMENTS (names));
}

int
main (int   argc,
      char *argv[])
{
  kdx_ui_test_init (&argc, &argv);

  g_test_add ("/team-database/connect", KdxTeamFixture, NULL, kdx_team_fixture_set_up, test_connect, kdx_team_fixture_tear_down);
  g_test_add ("/team-database/wrong-password", KdxTeamFixture, NULL, kdx_team_fixture_set_up, test_wrong_password,
              kdx_team_fixture_tear_down);
  g_test_add ("/team-database/connection-lost", KdxTeamFixture, NULL, kdx_team_fixture_set_up, test_connection_lost,
              kdx_team_fixture_tear_down);
  g_test_add ("/team-database/copy-offered", KdxTeamFixture, NULL, kdx_team_fixture_set_up, test_copy_offered,
              kdx_team_fixture_tear_down);
  return g_test_run ();
}
