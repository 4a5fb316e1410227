/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kdx-import-assistant.h"
#include "kdx-kol-editor.h"
#include "kdx-preferences-window.h"
#include "kdx-team-ui-test.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"
#include "kdx-transfer.h"
#include "xml/kdx-xml-export.h"

/* The buttons of Preferences › Team Database that no other test pressed
 * (issue 14, items 1 and 6), pressed as an operator presses them, inside
 * tests/pg-server on a display of its own:
 * - the connection banner's Retry, with the store's own pause between
 *   attempts made longer than the test (KOLDEX_RECONNECT_PAUSE_MS in
 *   tests/meson.build), so only Retry can bring the connection back;
 * - "Start Empty" in the copy offered for a new team database;
 * - Connect while an import runs: Cancel, Wait and Switch Anyway. */

/* ---- Retry ------------------------------------------------------------------------ */

static gboolean
store_connected (gpointer store)
{
  return kdx_store_is_connected (store);
}

static void
test_retry (KdxTeamFixture *fixture,
            gconstpointer   data)
{
  KdxUiFixture on_team = { 0 };
  KdxTeamStoredCity check = { fixture->uri, 0, "成都" };
  KdxKolEditor *editor;
  GtkWidget *row;
  GtkWidget *retry;

  /* The pause is longer than any wait of this test. */
  g_assert_cmpuint (g_ascii_strtoull (g_getenv ("KOLDEX_RECONNECT_PAUSE_MS"), NULL, 10), >=, 600000);

  kdx_team_connect_through_page (fixture);
  on_team.window = kdx_team_wait_for_window_on (fixture->address);
  on_team.store = kdx_window_get_store (on_team.window);
  check.id = kdx_ui_add_kol (on_team.store, "小芳", 2000);
  editor = kdx_ui_open_kol (&on_team, check.id);

  /* The server goes: the banner says so. */
  kdx_test_pg_control ("stop");
  kdx_ui_wait_until (kdx_team_banner_shown, on_team.window, 60000);
  g_assert_false (kdx_store_is_connected (on_team.store));

  /* An edit meanwhile, which cannot be saved yet. */
  row = kdx_kol_editor_get_row (editor, "city");
  g_assert_true (gtk_widget_grab_focus (row));
  kdx_ui_iterate ();
  kdx_ui_type (GTK_WINDOW (on_team.window), "成都");
  kdx_ui_wait_for_text (GTK_EDITABLE (row), "成都");
  gtk_widget_grab_focus (kdx_kol_editor_get_row (editor, "personality"));

  /* The server is back; the store waits out its pause until Retry. */
  kdx_test_pg_control ("start");
  g_assert_false (kdx_store_is_connected (on_team.store));
  retry = kdx_ui_find_widget (kdx_team_banner_revealer (on_team.window), GTK_TYPE_BUTTON, "Retry");
  g_assert_nonnull (retry);
  g_assert_true (gtk_widget_is_sensitive (retry));
  kdx_ui_click (retry);

  kdx_ui_wait_until (store_connected, on_team.store, 60000);
  kdx_ui_wait_until (kdx_team_banner_hidden, on_team.window, 60000);
  kdx_ui_wait_until (kdx_team_city_stored, &check, 60000);
}

/* ---- Start Empty ------------------------------------------------------------------ */

static void
test_start_empty (KdxTeamFixture *fixture,
                  gconstpointer   data)
{
  static const char *const names[] = { "小美", "阿强", "Lily" };
  g_autoptr(KdxStore) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) local_before = NULL;
  g_autoptr(GBytes) local_after = NULL;
  g_autoptr(GPtrArray) imports = NULL;
  GtkWindow *dialog;
  KdxWindow *on_team;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    kdx_ui_add_kol (fixture->local, names[i], 1000 * (i + 1));
  local_before = kdx_test_database_snapshot (fixture->local_path);

  kdx_team_connect_through_page (fixture);
  kdx_ui_wait_until ((KdxUiCondition) kdx_ui_find_toplevel, (gpointer) ADW_TYPE_MESSAGE_DIALOG, 60000);
  dialog = kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Copy your 3 KOLs to the team database?");
  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Start Empty"));

  /* The window is on the team database, which holds nothing of here. */
  on_team = kdx_team_wait_for_window_on (fixture->address);
  g_assert_cmpint (kdx_store_count_kols (kdx_window_get_store (on_team), NULL), ==, 0);
  second = kdx_team_open_second_store (fixture->uri);
  g_assert_cmpint (kdx_store_count_kols (second, NULL), ==, 0);
  imports = kdx_store_list_imports (second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imports->len, ==, 0);

  /* And the database on this computer is as it was, byte for byte. */
  g_assert_cmpint (kdx_store_count_kols (fixture->local, NULL), ==, G_N_ELEMENTS (names));
  local_after = kdx_test_database_snapshot (fixture->local_path);
  g_assert_true (g_bytes_equal (local_after, local_before));
}

/* ---- Connect while an import runs ---------------------------------------------- */

/* An XML import into the local database (the app's own, as opening a
 * Koldex file starts it) from a named pipe: it runs, waiting for the
 * file, until the test writes three KOLs into the pipe. */
typedef struct
{
  char    *fifo;
  GBytes  *xml;
  GThread *writer;
} Importing;

static gboolean
has_question (gpointer user_data)
{
  return kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
has_no_question (gpointer user_data)
{
  return !has_question (user_data);
}

/* Three KOLs as Koldex XML, exported from a database of their own. */
static GBytes *
three_kols_xml (const char *dir)
{
  static const char *const names[] = { "小美", "阿强", "Lily" };
  g_autofree char *db = g_build_filename (dir, "three.db", NULL);
  g_autofree char *path = g_build_filename (dir, "three.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_store_open (db, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    kdx_ui_add_kol (store, names[i], 1000 * (i + 1));
  g_assert_true (kdx_xml_export_file (store, path, NULL, KDX_EXPORT_FLAGS_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return kdx_test_read_file (path);
}

static void
start_import (KdxTeamFixture *fixture,
              Importing      *importing)
{
  importing->xml = three_kols_xml (fixture->dir);
  importing->fifo = g_build_filename (fixture->dir, "list.xml", NULL);
  g_assert_cmpint (mkfifo (importing->fifo, 0600), ==, 0);
  kdx_transfer_import_async (fixture->local, importing->fifo, NULL, NULL, NULL);
}

static gpointer
feed_thread (gpointer user_data)
{
  Importing *importing = user_data;
  gsize size = 0;
  const char *data = g_bytes_get_data (importing->xml, &size);
  int fd = open (importing->fifo, O_WRONLY);

  g_assert_cmpint (fd, >=, 0);
  while (size > 0)
    {
      gssize n = write (fd, data, size);

      g_assert_cmpint (n, >, 0);
      data += n;
      size -= n;
    }
  close (fd);
  return NULL;
}

/* The file arrives in the pipe: the import goes on (or, stopped, ends). */
static void
feed_import (Importing *importing)
{
  importing->writer = g_thread_new ("feed", feed_thread, importing);
}

static void
importing_clear (Importing *importing)
{
  g_thread_join (importing->writer);
  g_bytes_unref (importing->xml);
  g_free (importing->fifo);
}

/* The question asked, its heading checked, answered with @label. */
static void
answer (const char *heading,
        const char *label)
{
  GtkWindow *dialog;

  kdx_ui_wait_until (has_question, NULL, 30000);
  dialog = kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, label));
  kdx_ui_wait_until (has_no_question, NULL, 30000);
}

static void
assert_imports (KdxStore *store,
                guint     n_runs,
                gint64    n_kols)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = kdx_store_list_imports (store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, n_runs);
  g_assert_cmpint (kdx_store_count_kols (store, NULL), ==, n_kols);
}

/* Cancel keeps the window where it is and the import going; Wait
 * connects once the import has landed in the local database. */
static void
test_busy_cancel_then_wait (KdxTeamFixture *fixture,
                            gconstpointer   data)
{
  Importing importing = { 0 };
  g_autoptr(KdxStore) second = NULL;
  GtkWindow *preferences;

  start_import (fixture, &importing);
  kdx_team_connect_through_page (fixture);
  answer ("An Import Is Running", "Cancel");
  g_assert_true (kdx_window_get_store (fixture->window) == fixture->local);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));

  /* Connect again, and wait this time: nothing switches yet. */
  preferences = kdx_ui_find_toplevel (KDX_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (preferences), GTK_TYPE_BUTTON, "Connect"));
  answer ("An Import Is Running", "Wait");
  g_assert_true (kdx_window_get_store (fixture->window) == fixture->local);
  assert_imports (fixture->local, 0, 0);

  /* The import lands; then the team database, empty, offers the copy. */
  feed_import (&importing);
  answer ("Copy your 3 KOLs to the team database?", "Start Empty");
  kdx_team_wait_for_window_on (fixture->address);
  assert_imports (fixture->local, 1, 3);
  second = kdx_team_open_second_store (fixture->uri);
  assert_imports (second, 0, 0);
  importing_clear (&importing);
}

/* Switch Anyway stops the import, taken back as a whole, then connects. */
static void
test_busy_switch_anyway (KdxTeamFixture *fixture,
                         gconstpointer   data)
{
  Importing importing = { 0 };
  g_autoptr(KdxStore) second = NULL;

  start_import (fixture, &importing);
  kdx_team_connect_through_page (fixture);
  answer ("An Import Is Running", "Switch Anyway");
  feed_import (&importing);

  kdx_team_wait_for_window_on (fixture->address);
  assert_imports (fixture->local, 0, 0);
  second = kdx_team_open_second_store (fixture->uri);
  assert_imports (second, 0, 0);
  importing_clear (&importing);
}

/* What was open over the window goes with it: the import assistant on
 * the local database, left behind, pointed at a window that was gone
 * (destroying it later crashed). */
static void
test_switch_closes_assistant (KdxTeamFixture *fixture,
                              gconstpointer   data)
{
  g_autofree char *csv = g_build_filename (g_getenv ("KDX_FIXTURES"), "gb18030.csv", NULL);
  g_autoptr(GError) error = NULL;
  KdxImportAssistant *assistant;

  assistant = kdx_import_assistant_new (GTK_WINDOW (fixture->window), fixture->local, csv, &error);
  g_assert_no_error (error);
  g_object_add_weak_pointer (G_OBJECT (assistant), (gpointer *) &assistant);
  gtk_window_present (GTK_WINDOW (assistant));
  kdx_ui_iterate ();

  kdx_team_connect_through_page (fixture);
  kdx_team_wait_for_window_on (fixture->address);
  kdx_ui_iterate ();
  g_assert_null (assistant);
  g_assert_null (kdx_ui_find_toplevel (KDX_TYPE_IMPORT_ASSISTANT));
  assert_imports (fixture->local, 0, 0);
}

int
main (int   argc,
      char *argv[])
{
  kdx_ui_test_init (&argc, &argv);

  g_test_add ("/team-offer/retry", KdxTeamFixture, NULL, kdx_team_fixture_set_up, test_retry,
              kdx_team_fixture_tear_down);
  g_test_add ("/team-offer/start-empty", KdxTeamFixture, NULL, kdx_team_fixture_set_up,
              test_start_empty, kdx_team_fixture_tear_down);
  g_test_add ("/team-offer/busy/cancel-then-wait", KdxTeamFixture, NULL, kdx_team_fixture_set_up,
              test_busy_cancel_then_wait, kdx_team_fixture_tear_down);
  g_test_add ("/team-offer/busy/switch-anyway", KdxTeamFixture, NULL, kdx_team_fixture_set_up,
              test_busy_switch_anyway, kdx_team_fixture_tear_down);
  g_test_add ("/team-offer/switch-closes-assistant", KdxTeamFixture, NULL, kdx_team_fixture_set_up,
              test_switch_closes_assistant, kdx_team_fixture_tear_down);
  return g_test_run ();
}
