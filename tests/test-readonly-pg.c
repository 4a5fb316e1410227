/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-readonly-pg"

#include "config.h"

#include <string.h>

#include "kdx-contact-log.h"
#include "kdx-error.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* A manager's connection (issue 14, item 5): a PostgreSQL role that may
 * only SELECT opens the team database, reads every KOL, and every write,
 * through the store or koldex-cli, is refused with the read-only message
 * and leaves the database as it was. Inside tests/pg-server. */

/* Everything a write could change, as text, read as the administrator. */
static char *
database_state (const char *uri)
{
  return kdx_test_pg_run_sql (uri,
                              "SELECT (SELECT string_agg (id || ':' || display_name || ':' || stage || ':'"
                              " || row_version, ',' ORDER BY id) FROM kol)"
                              " || '|' || (SELECT count(*) FROM event)"
                              " || '|' || (SELECT count(*) FROM stage_history)"
                              " || '|' || (SELECT count(*) FROM import_run)"
                              " || '|' || (SELECT count(*) FROM saved_view)");
}

static void
assert_refused (GError *error)
{
  g_assert_error (error, KDX_ERROR, KDX_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "Read-only: your database role can view but not change KOLs."));
}

static void
test_select_only_role (void)
{
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autofree char *reader_uri = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *name = NULL;
  g_autoptr(KdxStore) admin = NULL;
  g_autoptr(KdxStore) reader = NULL;
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(KdxKol) added = kdx_kol_new ();
  g_autoptr(KdxKol) loaded = NULL;
  g_autoptr(KdxContactLog) log = kdx_contact_log_new (KDX_EVENT_KIND_CALL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_auto(KdxCliRun) run = { 0 };
  gboolean read_only = FALSE;
  gint64 id;

  /* The administrator makes the tables and a KOL; the writer may write. */
  admin = kdx_store_open (uri, &error);
  g_assert_no_error (error);
  g_assert_false (kdx_store_is_read_only (admin));
  kol = kdx_test_add_named (admin, "小美");
  id = kdx_kol_get_id (kol);
  reader_uri = kdx_test_pg_make_reader (uri);
  before = database_state (uri);

  reader = kdx_store_open (reader_uri, &error);
  g_assert_no_error (error);
  g_object_get (reader, "read-only", &read_only, NULL);
  g_assert_true (read_only);
  loaded = kdx_test_load_kol (reader, id);
  g_assert_cmpstr (kdx_kol_get_display_name (loaded), ==, "小美");

  kdx_store_set_operator (reader, "经理");
  g_assert_false (kdx_store_move_kol (reader, id, KDX_STAGE_GROWING, NULL, &error));
  assert_refused (error);
  g_clear_error (&error);
  g_object_set (loaded, "notes", "改了", NULL);
  g_assert_false (kdx_store_save_kol (reader, loaded, &error));
  assert_refused (error);
  g_clear_error (&error);
  kdx_kol_set_display_name (added, "阿杰");
  g_assert_false (kdx_store_add_kol (reader, added, &error));
  assert_refused (error);
  g_clear_error (&error);
  g_array_append_val (ids, id);
  g_assert_false (kdx_contact_log_apply (reader, ids, log, NULL, &error));
  assert_refused (error);
  g_clear_error (&error);
  g_assert_false (kdx_store_begin_batch (reader, &error));
  assert_refused (error);
  g_clear_error (&error);

  /* koldex-cli: reads, and refuses a write with the message and status 1. */
  name = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  kdx_test_run_cli (&run, reader_uri, "show", name, NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_nonnull (strstr (run.out, "小美"));
  kdx_test_run_cli (&run, reader_uri, "move", name, "growing", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Read-only: your database role can view but not change KOLs."));
  kdx_test_run_cli (&run, reader_uri, "add", "display_name=阿杰", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Read-only"));
  kdx_test_run_cli (&run, reader_uri, "log", name, "call", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Read-only"));

  g_clear_object (&reader);
  after = database_state (uri);
  g_assert_cmpstr (after, ==, before);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/read-only/pg/select-only-role", test_select_only_role);
  return g_test_run ();
}
