/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-pg-bulk-import"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "kdx-error.h"
#include "kdx-importer.h"
#include "kdx-kol-query.h"
#include "kdx-kol-snapshot.h"
#include "kdx-stage-entry.h"
#include "kdx-store.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* An import into PostgreSQL sends its rows with COPY (issue 14, item 8;
 * src/core/kdx-store-pg-bulk.c): no statement, no savepoint per row. What
 * it writes must be what SQLite's import of the same file writes; a row
 * the store refuses is still reported by row and field while the rest
 * lands; a file that fails part-way leaves the database exactly as it
 * was; and an import's undo still gives back what was there before. */

#define N_ROWS 300
#define BAD_ROW 150         /* no name, and followers that are no number */

/* Rows the importer numbers as the spreadsheet does: the header is 1. */
#define SHEET_ROW(i) ((i) + 2)

/* A candidate list with what COPY must carry exactly (newlines, tabs,
 * backslashes, quotes, Chinese), duplicates inside the file and of the
 * KOLs seed() stores, a tag twice in a row, and one bad row. With
 * @huge_row, that row holds a cell the reader refuses, and the whole
 * import fails there; @refused_row carries the tag 拒绝. */
static char *
write_csv_refusing (const char *dir,
                    int         huge_row,
                    int         refused_row)
{
  g_autoptr(GString) csv = g_string_new ("昵称,粉丝数,手机,平台,账号,标签,备注\n");
  g_autofree char *path = g_build_filename (dir, "kols.csv", NULL);
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < N_ROWS; i++)
    {
      /* Every seventh row is the person of three rows before (by phone),
       * row 5 a stored KOL (by phone), row 40 another (by handle). */
      int person = i % 7 == 6 ? i - 3 : i;
      g_autofree char *phone = i == 5 ? g_strdup ("13800000001")
                                      : g_strdup_printf ("139%08d", person);
      const char *handle = i == 40 ? "stored_handle" : NULL;
      g_autofree char *own_handle = g_strdup_printf ("h_%d", i);

      if (i == huge_row)
        {
          g_string_append (csv, "巨大,1000,,微博,huge,,\"");
          for (int k = 0; k < 1100 * 1024 / 8; k++)
            g_string_append (csv, "xxxxxxxx");
          g_string_append (csv, "\"\n");
          continue;
        }
      if (i == BAD_ROW)
        {
          g_string_append_printf (csv, ",很多,%s,微博,%s,美妆,坏行\n", phone, own_handle);
          continue;
        }
      if (i == refused_row)
        {
          g_string_append_printf (csv, "拒绝者,100,%s,微博,%s,拒绝,\n", phone, own_handle);
          continue;
        }
      g_string_append_printf (csv, "博主%d,%d.5万,%s,微博,%s,\"美妆、育儿、美妆\",\"第一行\n"
                                   "第二行 \\n\t制表 \\\\ 反斜杠 \"\"引号\"\" %d\"\n",
                              i, i, phone, handle != NULL ? handle : own_handle, i);
    }
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static char *
write_csv (const char *dir,
           int         huge_row)
{
  return write_csv_refusing (dir, huge_row, -1);
}

/* Three stored KOLs, the same on every database: two the file matches. */
static void
seed (KdxStore *store)
{
  static const char *const names[] = { "阿雪", "Leo", "老王" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(KdxKol) kol = kdx_kol_new ();
      g_autoptr(GError) error = NULL;

      g_object_set (kol, "display-name", names[i], "platform", "微博", NULL);
      if (i == 0)
        g_object_set (kol, "phone", "13800000001", NULL);
      if (i == 1)
        g_object_set (kol, "handle", "stored_handle", "city", "上海", NULL);
      g_assert_true (kdx_store_add_kol (store, kol, &error));
      g_assert_no_error (error);
    }
}

/* Every KOL file, in id order, as bytes; with @same_clock, what the
 * clock and chance put in (uids, times, the stage history's dates)
 * left out, so two databases written at other moments compare. */
typedef struct
{
  GString  *out;
  gboolean  same_clock;
} Files;

static gboolean
append_file_cb (KdxKol    *kol,
                gpointer   data,
                GError   **error)
{
  Files *files = data;
  GListModel *history = G_LIST_MODEL (kdx_kol_get_stage_history (kol));
  g_autoptr(GBytes) bytes = NULL;

  if (files->same_clock)
    {
      g_object_set (kol, "uid", "-", "created-at", "-", "updated-at", "-", NULL);
      for (guint i = 0; i < g_list_model_get_n_items (history); i++)
        {
          g_autoptr(KdxStageEntry) entry = g_list_model_get_item (history, i);
          g_object_set (entry, "at", "-", NULL);
        }
    }
  bytes = kdx_kol_snapshot_new (kol);
  g_string_append_printf (files->out, "%" G_GINT64_FORMAT ":%" G_GSIZE_FORMAT ":",
                          kdx_kol_get_id (kol), g_bytes_get_size (bytes));
  g_string_append_len (files->out, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes));
  return TRUE;
}

static GBytes *
files_of (KdxStore *store,
          gboolean  same_clock)
{
  Files files = { g_string_new (NULL), same_clock };
  g_autoptr(GError) error = NULL;

  g_assert_true (kdx_store_foreach_kol (store, append_file_cb, &files, &error));
  g_assert_no_error (error);
  return g_string_free_to_bytes (files.out);
}

static KdxImportReport *
import (KdxStore            *store,
        const char          *csv,
        KdxDuplicatePolicy   policy,
        GError             **error)
{
  g_autoptr(KdxImporter) importer = kdx_importer_new (store);

  kdx_importer_set_duplicate_policy (importer, policy);
  return kdx_importer_run (importer, csv, NULL, error);
}

static guint
count_search (KdxStore   *store,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  KdxKolQuery *query = kdx_kol_query_new ();
  g_autoptr(GArray) ids = NULL;

  kdx_kol_query_set_search (query, text);
  ids = kdx_store_query_ids (store, query, &error);
  kdx_kol_query_free (query);
  g_assert_no_error (error);
  return ids->len;
}

/* The bad row's two problems, each by its column: the followers left
 * out, the row refused for its missing name. */
static void
assert_bad_row_reported (KdxImportReport *report)
{
  gboolean followers = FALSE;
  gboolean name = FALSE;

  for (guint i = 0; i < kdx_import_report_get_n_problems (report); i++)
    {
      const KdxImportProblem *problem = kdx_import_report_get_problem (report, i);

      if (problem->row != SHEET_ROW (BAD_ROW))
        continue;
      if (g_strcmp0 (problem->column, "粉丝数") == 0 && g_strcmp0 (problem->value, "很多") == 0)
        followers = TRUE;
      if (problem->outcome == KDX_IMPORT_REJECTED && g_strcmp0 (problem->column, "昵称") == 0)
        name = TRUE;
    }
  g_assert_true (followers);
  g_assert_true (name);
  g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_REJECTED), ==, 1);
}

/* The highest id of the KOLs an import created. */
static gint64
last_id (KdxImportReport *report)
{
  GArray *ids = kdx_import_report_get_kol_ids (report, KDX_IMPORT_CREATED);
  gint64 last = 0;

  for (guint i = 0; i < ids->len; i++)
    last = MAX (last, g_array_index (ids, gint64, i));
  return last;
}

/* The same file into a new SQLite file and a new PostgreSQL database,
 * each seeded alike, under each duplicate policy: the same report, the
 * same files, the same search. */
static void
test_same_as_sqlite (void)
{
  static const KdxDuplicatePolicy policies[] = { KDX_DUPLICATE_SKIP, KDX_DUPLICATE_MERGE, KDX_DUPLICATE_NEW };
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *csv = write_csv (dir, -1);

  for (guint p = 0; p < G_N_ELEMENTS (policies); p++)
    {
      g_autofree char *file = g_strdup_printf ("%s/kols-%u.db", dir, p);
      g_autofree char *uri = kdx_test_pg_make_database ();
      g_autoptr(KdxStore) sqlite = NULL;
      g_autoptr(KdxStore) pg = NULL;
      g_autoptr(KdxImportReport) on_sqlite = NULL;
      g_autoptr(KdxImportReport) on_pg = NULL;
      g_autoptr(GBytes) files_sqlite = NULL;
      g_autoptr(GBytes) files_pg = NULL;
      g_autoptr(GError) error = NULL;

      sqlite = kdx_store_open (file, &error);
      g_assert_no_error (error);
      pg = kdx_store_open (uri, &error);
      g_assert_no_error (error);
      seed (sqlite);
      seed (pg);

      on_sqlite = import (sqlite, csv, policies[p], &error);
      g_assert_no_error (error);
      on_pg = import (pg, csv, policies[p], &error);
      g_assert_no_error (error);

      assert_bad_row_reported (on_pg);
      for (KdxImportOutcome o = KDX_IMPORT_CREATED; o <= KDX_IMPORT_REJECTED; o++)
        g_assert_cmpuint (kdx_import_report_get_count (on_pg, o), ==,
                          kdx_import_report_get_count (on_sqlite, o));
      g_assert_cmpuint (kdx_import_report_get_count (on_pg, KDX_IMPORT_CREATED), >, 0);
      if (policies[p] != KDX_DUPLICATE_NEW)
        g_assert_cmpuint (kdx_import_report_get_count (on_pg, policies[p] == KDX_DUPLICATE_SKIP
                                                              ? KDX_IMPORT_SKIPPED : KDX_IMPORT_MERGED), >, 0);

      files_sqlite = files_of (sqlite, TRUE);
      files_pg = files_of (pg, TRUE);
      g_assert_true (g_bytes_equal (files_pg, files_sqlite));

      g_assert_cmpuint (count_search (pg, "博主12"), ==, count_search (sqlite, "博主12"));
      g_assert_cmpuint (count_search (pg, "博主12"), >, 0);
      g_assert_cmpuint (count_search (pg, "反斜杠"), ==, count_search (sqlite, "反斜杠"));

      /* And the next KOL added after the import follows its last: the
       * ids the import took and did not use went back. */
      {
        g_autoptr(KdxKol) next_sqlite = kdx_kol_new ();
        g_autoptr(KdxKol) next_pg = kdx_kol_new ();

        g_object_set (next_sqlite, "display-name", "后来", NULL);
        g_object_set (next_pg, "display-name", "后来", NULL);
        g_assert_true (kdx_store_add_kol (sqlite, next_sqlite, &error));
        g_assert_no_error (error);
        g_assert_true (kdx_store_add_kol (pg, next_pg, &error));
        g_assert_no_error (error);
        g_assert_cmpint (kdx_kol_get_id (next_sqlite), ==, last_id (on_sqlite) + 1);
        g_assert_cmpint (kdx_kol_get_id (next_pg), ==, kdx_kol_get_id (next_sqlite));
      }
    }
}

/* A file that fails in the middle (a cell the reader refuses) fails the
 * whole import with its row and column, and the database is as it was:
 * seeded, and empty (where the import drops indexes to build them at
 * its end). */
static void
test_bad_file_changes_nothing (void)
{
  static const KdxDuplicatePolicy policies[] = { KDX_DUPLICATE_NEW, KDX_DUPLICATE_SKIP };
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *csv = write_csv (dir, BAD_ROW + 20);
  g_autofree char *expected = g_strdup_printf ("row %d, column 7", SHEET_ROW (BAD_ROW + 20));

  for (guint seeded = 0; seeded < 2; seeded++)
    for (guint p = 0; p < G_N_ELEMENTS (policies); p++)
      {
        g_autofree char *uri = kdx_test_pg_make_database ();
        g_autoptr(KdxStore) store = NULL;
        g_autoptr(KdxImportReport) report = NULL;
        g_autoptr(GBytes) before = NULL;
        g_autoptr(GBytes) after = NULL;
        g_autofree char *indexes_before = NULL;
        g_autofree char *indexes_after = NULL;
        g_autoptr(GError) error = NULL;

        store = kdx_store_open (uri, &error);
        g_assert_no_error (error);
        if (seeded)
          seed (store);
        before = kdx_test_database_snapshot (uri);
        indexes_before = kdx_test_pg_index_names (uri);

        report = import (store, csv, policies[p], &error);
        g_assert_null (report);
        g_assert_error (error, KDX_ERROR, KDX_ERROR_FILE_LIMIT);
        g_assert_nonnull (strstr (error->message, expected));

        after = kdx_test_database_snapshot (uri);
        indexes_after = kdx_test_pg_index_names (uri);
        g_assert_true (g_bytes_equal (after, before));
        g_assert_cmpstr (indexes_after, ==, indexes_before);
        g_assert_false (kdx_store_in_batch (store));

        /* The store goes on writing as before. */
        seed (store);
        g_assert_cmpint (kdx_store_count_kols (store, NULL), ==, seeded ? 6 : 3);
      }
}

/* What the server refuses when the rows reach it (here a trigger of the
 * test's, in the middle of the file) fails the import with the server's
 * reason, and the database is as it was; the store writes on. */
static void
test_server_refusal_changes_nothing (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  /* A row that is nobody's duplicate, so the skip policy writes it. */
  g_autofree char *csv = write_csv_refusing (dir, -1, BAD_ROW + 11);
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxImportReport) report = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  store = kdx_store_open (uri, &error);
  g_assert_no_error (error);
  seed (store);
  g_free (kdx_test_pg_run_sql (uri, "CREATE FUNCTION kdx_test_refuse () RETURNS trigger LANGUAGE plpgsql AS $$"
                                    " BEGIN IF NEW.tag = '拒绝' THEN RAISE EXCEPTION 'tag refused by the test';"
                                    " END IF; RETURN NEW; END $$;"
                                    " CREATE TRIGGER kdx_test_refuse BEFORE INSERT ON kol_tag"
                                    " FOR EACH ROW EXECUTE FUNCTION kdx_test_refuse ()"));
  before = kdx_test_database_snapshot (uri);

  report = import (store, csv, KDX_DUPLICATE_SKIP, &error);
  g_assert_null (report);
  g_assert_error (error, KDX_ERROR, KDX_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "tag refused by the test"));
  after = kdx_test_database_snapshot (uri);
  g_assert_true (g_bytes_equal (after, before));
  g_assert_false (kdx_store_in_batch (store));

  seed (store);
  g_assert_cmpint (kdx_store_count_kols (store, NULL), ==, 6);
}

/* An import (merging into stored files and adding new ones) and its
 * undo: every file as it was. */
static void
test_undo (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *csv = write_csv (dir, -1);
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxImportReport) report = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) imported = NULL;
  g_autoptr(GBytes) undone = NULL;
  g_autoptr(GError) error = NULL;

  store = kdx_store_open (uri, &error);
  g_assert_no_error (error);
  seed (store);
  before = files_of (store, FALSE);

  report = import (store, csv, KDX_DUPLICATE_MERGE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_MERGED), >, 0);
  imported = files_of (store, FALSE);
  g_assert_false (g_bytes_equal (imported, before));
  g_assert_cmpuint (count_search (store, "博主"), >, 0);

  g_assert_true (kdx_store_undo_import (store, kdx_import_report_get_run_id (report), &error));
  g_assert_no_error (error);
  undone = files_of (store, FALSE);
  g_assert_true (g_bytes_equal (undone, before));
  g_assert_cmpuint (count_search (store, "博主"), ==, 0);
}

/* The server's connections to the database at @uri but the asking one. */
static gint64
count_connections (const char *uri)
{
  g_autofree char *count = kdx_test_pg_run_sql (uri, "SELECT count (*) FROM pg_stat_activity"
                                                     " WHERE datname = current_database ()"
                                                     " AND pid <> pg_backend_pid ()");

  return g_ascii_strtoll (count, NULL, 10);
}

/* A koldex-cli command (each of the bench's ten writers' writes is one)
 * opens its store with kdx_store_open_once(): one connection to the
 * server, not a second that only listens for other operators' commits,
 * which a command never hears. */
static void
test_open_once (void)
{
  /* A database each: a closed store's server process may linger. */
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autofree char *other_uri = kdx_test_pg_make_database ();
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(KdxStore) followed = kdx_store_open (other_uri, &error);
    g_assert_no_error (error);
    g_assert_cmpint (count_connections (other_uri), ==, 2);
  }
  {
    g_autoptr(KdxStore) once = kdx_store_open_once (uri, &error);
    g_assert_no_error (error);
    g_assert_cmpint (count_connections (uri), ==, 1);
    /* It writes as any store does. */
    seed (once);
    g_assert_cmpint (kdx_store_count_kols (once, NULL), ==, 3);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/pg/bulk-import/same-as-sqlite", test_same_as_sqlite);
  g_test_add_func ("/store/pg/bulk-import/bad-file-changes-nothing", test_bad_file_changes_nothing);
  g_test_add_func ("/store/pg/bulk-import/server-refusal-changes-nothing",
                   test_server_refusal_changes_nothing);
  g_test_add_func ("/store/pg/bulk-import/undo", test_undo);
  g_test_add_func ("/store/pg/open-once", test_open_once);

  return g_test_run ();
}
