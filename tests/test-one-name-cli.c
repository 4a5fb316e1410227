/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-one-name-cli"

#include "config.h"

#include "kdx-event.h"
#include "kdx-test-util.h"

/* koldex-cli writes as the operator's one name (issue 14, items 3 and 5):
 * run before the app after the two names of Preferences became one, it
 * merges them as the app does (the owner name kept) and stamps that name;
 * --operator and KOLDEX_OPERATOR still come first. The app's settings are
 * a keyfile in a folder of the test's own, so that two processes share
 * them, as a desktop session's dconf would. */

static char *
keyfile_path (const char *config_home)
{
  return g_build_filename (config_home, "glib-2.0", "settings", "keyfile", NULL);
}

/* Settings from before the names were one, for the CLI's processes. */
static char *
settings_with_two_names (KdxTestFolder *fixture)
{
  g_autofree char *config_home = g_build_filename (fixture->dir, "config", NULL);
  g_autofree char *path = keyfile_path (config_home);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path,
                                      "[io/github/koldex/Koldex]\n"
                                      "default-owner='王芳'\n"
                                      "operator-name='Fang W.'\n"
                                      "contact-every-head=uint32 10\n",
                                      -1, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&config_home);
}

/* koldex-cli log ID note; the made_by of the newest event of @kol. */
static char *
log_note (KdxTestFolder *fixture,
          KdxKol        *kol,
          const char    *operator_option)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, kdx_kol_get_id (kol));
  g_auto(KdxCliRun) run = { 0 };
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(KdxEvent) event = NULL;
  GListModel *events;

  if (operator_option != NULL)
    kdx_test_run_cli (&run, fixture->db_path, "--operator", operator_option, "log", id, "note", NULL);
  else
    kdx_test_run_cli (&run, fixture->db_path, "log", id, "note", NULL);
  kdx_test_assert_cli_ok (&run);
  stored = kdx_test_load_kol (fixture->store, kdx_kol_get_id (kol));
  events = G_LIST_MODEL (kdx_kol_get_events (stored));
  g_assert_cmpuint (g_list_model_get_n_items (events), >, 0);
  event = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);
  return g_strdup (kdx_event_get_made_by (event));
}

static void
test_cli_merges_and_writes_as_one_name (KdxTestFolder *fixture,
                                        gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_test_add_named_kol (fixture, "小美", KDX_STAGE_CONTACTING);
  g_autofree char *config_home = settings_with_two_names (fixture);
  g_autofree char *path = keyfile_path (config_home);
  g_autofree char *backend = g_strdup (g_getenv ("GSETTINGS_BACKEND"));
  g_autofree char *made_by = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  g_unsetenv ("KOLDEX_OPERATOR");

  /* The owner name, and the settings say so from now on. */
  made_by = log_note (fixture, kol, NULL);
  g_assert_cmpstr (made_by, ==, "王芳");
  g_assert_true (g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  after = g_key_file_get_string (keyfile, "io/github/koldex/Koldex", "operator-name", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, "'王芳'");
  g_assert_false (g_key_file_has_key (keyfile, "io/github/koldex/Koldex", "default-owner", NULL));
  g_clear_pointer (&after, g_free);
  after = g_key_file_get_string (keyfile, "io/github/koldex/Koldex", "contact-every-head", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, "uint32 10");

  /* Again: the same name, nothing left to merge. */
  g_clear_pointer (&made_by, g_free);
  made_by = log_note (fixture, kol, NULL);
  g_assert_cmpstr (made_by, ==, "王芳");

  /* KOLDEX_OPERATOR, then --operator, come first. */
  g_setenv ("KOLDEX_OPERATOR", "李雷", TRUE);
  g_clear_pointer (&made_by, g_free);
  made_by = log_note (fixture, kol, NULL);
  g_assert_cmpstr (made_by, ==, "李雷");
  g_clear_pointer (&made_by, g_free);
  made_by = log_note (fixture, kol, "赵六");
  g_assert_cmpstr (made_by, ==, "赵六");

  g_unsetenv ("KOLDEX_OPERATOR");
  g_unsetenv ("XDG_CONFIG_HOME");
  if (backend != NULL)
    g_setenv ("GSETTINGS_BACKEND", backend, TRUE);
  else
    g_unsetenv ("GSETTINGS_BACKEND");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/one-name/merges-and-writes-as-one-name", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_cli_merges_and_writes_as_one_name, kdx_test_folder_tear_down);

  return g_test_run ();
}
