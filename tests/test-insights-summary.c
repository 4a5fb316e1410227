/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-insights-summary"

#include "config.h"

#include <sqlite3.h>

#include "kdx-import-sink.h"
#include "kdx-stage-entry.h"
#include "kdx-store.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* The summaries Insights reads (schema 9: stage_stay) stay equal to what
 * the stage history gives when worked out from scratch, after every kind
 * of write: add, save, move, delete, an import (filled at the end of its
 * batch) and its undo, and after the migration of a database of before.
 * The test reads the tables directly, as a second opinion on the store. */

/* Each stay as worked out here: an entry until the next one. */
static const char from_scratch[] =
  "SELECT kol_id, position, stage, at, lead (at) OVER w, julianday (at),\n"
  "  julianday (lead (at) OVER w)\n"
  "FROM stage_history WINDOW w AS (PARTITION BY kol_id ORDER BY position)";
static const char kept[] =
  "SELECT kol_id, position, stage, at, left_at, at_day, left_day FROM stage_stay";

static gint64
count (sqlite3    *db,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static gint64
count_in (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  gint64 n;

  /* Against PostgreSQL, in the test server's database for @path. */
  if (kdx_test_on_pg ())
    {
      g_autofree char *uri = kdx_test_database_location (path);
      g_autofree char *value = kdx_test_pg_run_sql (uri, sql);

      return g_ascii_strtoll (value, NULL, 10);
    }
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  n = count (db, sql);
  sqlite3_close (db);
  return n;
}

/* The kept stays are exactly the ones from scratch, @n_stays of them. */
static void
assert_summaries (const char *path,
                  gint64      n_stays)
{
  g_autofree char *missing = g_strdup_printf ("SELECT count(*) FROM (%s EXCEPT %s) AS d", from_scratch, kept);
  g_autofree char *extra = g_strdup_printf ("SELECT count(*) FROM (%s EXCEPT %s) AS d", kept, from_scratch);

  g_assert_cmpint (count_in (path, "SELECT count(*) FROM stage_history"), ==, n_stays);
  g_assert_cmpint (count_in (path, "SELECT count(*) FROM stage_stay"), ==, n_stays);
  g_assert_cmpint (count_in (path, missing), ==, 0);
  g_assert_cmpint (count_in (path, extra), ==, 0);
}

static KdxKol *
make_kol (const char *name,
          const char *wechat)
{
  KdxKol *kol = kdx_kol_new ();

  g_object_set (kol, "display-name", name, "wechat", wechat, NULL);
  return kol;
}

static void
append_entry (KdxKol     *kol,
              KdxStage    stage,
              const char *at)
{
  g_autoptr(KdxStageEntry) entry = kdx_stage_entry_new ();

  g_object_set (entry, "stage", stage, "at", at, NULL);
  g_list_store_append (kdx_kol_get_stage_history (kol), entry);
  g_object_set (kol, "stage", stage, NULL);
}

/* A KOL with a history of its own: Candidate, Contacting, Onboarding. */
static KdxKol *
make_kol_with_history (const char *name,
                       const char *wechat)
{
  KdxKol *kol = make_kol (name, wechat);

  append_entry (kol, KDX_STAGE_CANDIDATE, "2025-01-03T08:00:00Z");
  append_entry (kol, KDX_STAGE_CONTACTING, "2025-02-10T09:30:00Z");
  append_entry (kol, KDX_STAGE_ONBOARDING, "2025-03-20T23:15:00Z");
  return kol;
}

static void
test_writes (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "summary.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_test_open_store (path, &error);
  g_autoptr(KdxKol) a = make_kol_with_history ("小美", "xm");
  g_autoptr(KdxKol) b = make_kol ("阿杰", "aj");
  g_autoptr(KdxKol) c = make_kol_with_history ("Leo", "leo");
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id;

  g_assert_no_error (error);
  /* Added: a's and c's three entries, b's one (stamped by the store). */
  g_assert_true (kdx_store_add_kol (store, a, &error));
  g_assert_true (kdx_store_add_kol (store, b, &error));
  g_assert_true (kdx_store_add_kol (store, c, &error));
  g_assert_no_error (error);
  assert_summaries (path, 7);

  /* Moved: a new last stay, and the one before it ends. */
  g_assert_true (kdx_store_move_kol (store, kdx_kol_get_id (b), KDX_STAGE_CONTACTING, "私信", &error));
  id = kdx_kol_get_id (a);
  g_array_append_val (ids, id);
  id = kdx_kol_get_id (c);
  g_array_append_val (ids, id);
  g_assert_true (kdx_store_move_kols (store, ids, KDX_STAGE_GROWING, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_summaries (path, 10);

  /* Saved: the history stays the stored one. */
  stored = kdx_store_load_kol (store, kdx_kol_get_id (a), &error);
  g_assert_no_error (error);
  g_object_set (stored, "city", "上海", NULL);
  g_assert_true (kdx_store_save_kol (store, stored, &error));
  g_assert_no_error (error);
  assert_summaries (path, 10);

  /* Replaced (an Undo) by a file whose history lacks an entry. */
  g_list_store_remove (kdx_kol_get_stage_history (stored), 1);
  g_assert_true (kdx_store_replace_kol (store, stored, &error));
  g_assert_no_error (error);
  assert_summaries (path, 9);

  /* Deleted: its stays go with it. */
  g_assert_true (kdx_store_delete_kol (store, kdx_kol_get_id (c), &error));
  g_assert_no_error (error);
  assert_summaries (path, 5);
}

static void
test_import_and_undo (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "import.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_test_open_store (path, &error);
  g_autoptr(KdxKol) stored = make_kol ("小美", "xm");
  g_autoptr(KdxKol) again = make_kol_with_history ("小美", "xm");
  g_autoptr(KdxKol) newcomer = make_kol_with_history ("阿杰", "aj");
  g_autoptr(KdxImportSink) sink = NULL;
  gint64 run_id;

  g_assert_no_error (error);
  g_assert_true (kdx_store_add_kol (store, stored, &error));
  g_assert_no_error (error);
  assert_summaries (path, 1);

  /* A merge into 小美 and a new KOL, in one streaming batch: the stays
   * of both are filled at its end. */
  sink = kdx_import_sink_new (store, KDX_DUPLICATE_MERGE);
  g_assert_true (kdx_import_sink_begin (sink, "list.csv", &error));
  g_assert_true (kdx_import_sink_take (sink, again, NULL, NULL, &error));
  g_assert_true (kdx_import_sink_take (sink, newcomer, NULL, NULL, &error));
  g_assert_no_error (error);
  run_id = kdx_import_sink_commit (sink, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_id, >, 0);
  /* 小美's one entry, what the merge gave her, the newcomer's three. */
  g_assert_cmpint (count_in (path, "SELECT count(*) FROM stage_history"), >=, 4);
  assert_summaries (path, count_in (path, "SELECT count(*) FROM stage_history"));

  /* Undone: the newcomer's stays go, 小美's are hers of before. */
  g_assert_true (kdx_store_undo_import (store, run_id, &error));
  g_assert_no_error (error);
  assert_summaries (path, 1);
}

/* A database of schema 8, the last before the stays, gets them when it
 * is opened. */
static void
test_migration (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "v6.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_store_open (path, &error);
  g_autoptr(KdxKol) a = make_kol_with_history ("小美", "xm");
  g_autoptr(KdxKol) b = make_kol_with_history ("阿杰", "aj");
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  g_assert_true (kdx_store_add_kol (store, a, &error));
  g_assert_true (kdx_store_add_kol (store, b, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Back to how schema 8 left it (without schema 10's row version,
   * schema 11's made_by, schema 13's digests and schema 15's list facts
   * too). */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE stage_stay; ALTER TABLE kol DROP COLUMN row_version; "
                                     "DROP TABLE kol_digest; DROP TABLE kol_list_facts; "
                                     "ALTER TABLE event DROP COLUMN made_by; "
                                     "ALTER TABLE stage_history DROP COLUMN made_by; "
                                     "ALTER TABLE import_run DROP COLUMN made_by; "
                                     "PRAGMA user_version = 8", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  store = kdx_store_open (path, &error);
  g_assert_no_error (error);
  assert_summaries (path, 6);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/insights/summary/writes", test_writes);
  g_test_add_func ("/insights/summary/import-and-undo", test_import_and_undo);
  g_test_add_func ("/insights/summary/migration", test_migration);
  return g_test_run ();
}
