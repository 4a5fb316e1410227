/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-open"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "kdx-error.h"
#include "kdx-store-schema.h"
#include "kdx-store.h"
#include "kdx-test-util.h"

/* Opening a database file: where it goes, what is refused and left
 * untouched, and the migrations that bring an older file up to date. The
 * store's writes and queries are in test-store.c. */

static void
test_default_path_permissions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = NULL;
  g_autofree char *path = kdx_store_default_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  GStatBuf st;

  g_unsetenv ("KOLDEX_DATABASE");
  /* The test's own XDG_DATA_HOME (G_TEST_OPTION_ISOLATE_DIRS). */
  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  store = kdx_store_open (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdx_store_get_path (store), ==, path);

  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_environment_path (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "from-env.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = NULL;
  GStatBuf st;

  g_setenv ("KOLDEX_DATABASE", path, TRUE);
  store = kdx_store_open (NULL, &error);
  g_unsetenv ("KOLDEX_DATABASE");
  g_assert_no_error (error);
  g_assert_cmpstr (kdx_store_get_path (store), ==, path);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_missing_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_store_open ("/nonexistent-koldex/dir/k.db", &error);

  g_assert_null (store);
  g_assert_error (error, KDX_ERROR, KDX_ERROR_FOLDER);
  g_assert_nonnull (strstr (error->message, "/nonexistent-koldex/dir"));
  g_assert_false (g_file_test ("/nonexistent-koldex", G_FILE_TEST_EXISTS));
}

static void
test_read_only_folder (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "k.db", NULL);

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KdxStore) store = NULL;

      kdx_test_drop_root (NULL);
      store = kdx_store_open (g_getenv ("KDX_TEST_PATH"), &error);
      g_assert_null (store);
      g_assert_error (error, KDX_ERROR, KDX_ERROR_FOLDER);
      g_printerr ("%s\n", error->message);
      return;
    }

  g_chmod (dir, 0555);
  g_setenv ("KDX_TEST_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*read-only*");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_chmod (dir, 0755);
  g_rmdir (dir);
}

static void
assert_refused_untouched (const char *path,
                          int         code,
                          const char *in_message)
{
  g_autoptr(GBytes) before = kdx_test_read_file (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_store_open (path, &error);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  g_assert_null (store);
  g_assert_error (error, KDX_ERROR, code);
  g_assert_nonnull (strstr (error->message, in_message));
  g_assert_null (strchr (error->message, '\n'));

  after = kdx_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_not_a_database (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *other = g_build_filename (dir, "other.sqlite", NULL);
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (path, "这不是数据库 — just some notes that are long enough to look like a header\n", -1, NULL));
  assert_refused_untouched (path, KDX_ERROR_NOT_A_DATABASE, "not a Koldex database");

  /* Another program's SQLite file is refused too, not "migrated". */
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('a')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused_untouched (other, KDX_ERROR_NOT_A_DATABASE, "another program");
}

static void
test_newer_schema (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "future.db", NULL);
  g_autoptr(GError) error = NULL;
  KdxStore *store;
  sqlite3 *db = NULL;

  store = kdx_store_open (path, &error);
  g_assert_no_error (error);
  g_object_unref (kdx_test_add_named (store, "旧的"));
  g_assert_finalize_object (store);

  /* What a later Koldex would leave behind. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused_untouched (path, KDX_ERROR_NEWER_SCHEMA, "newer Koldex");
}

/* Another program holds the database locked while Koldex opens it: the
 * open waits for it like every later statement does, instead of failing
 * at once in the identity check (issue 15, item 10). */
static gpointer
release_lock_later (gpointer data)
{
  sqlite3 *db = data;

  g_usleep (500 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return NULL;
}

static void
test_open_waits_for_lock (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "locked.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GThread) holder = NULL;
  KdxStore *store;
  sqlite3 *db = NULL;

  store = kdx_store_open (path, &error);
  g_assert_no_error (error);
  g_object_unref (kdx_test_add_named (store, "锁住"));
  g_assert_finalize_object (store);

  /* A rollback journal, so that an exclusive lock keeps readers out too
   * (in WAL mode readers never wait). */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; BEGIN EXCLUSIVE",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  holder = g_thread_new ("lock-holder", release_lock_later, db);

  store = kdx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kdx_store_count_kols (store, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  g_thread_join (g_steal_pointer (&holder));
}

static void
test_migrate_empty_file (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  store = kdx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kdx_store_count_kols (store, &error), ==, 0);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, KDX_STORE_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* Opening again is a no-op migration. */
  store = kdx_store_open (path, &error);
  g_assert_no_error (error);
}

/* A database written by the first release keeps its KOLs when it is
 * brought up to date. */
static void
test_migrate_from_version_1 (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "v1.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, kdx_store_migrations[0], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA user_version = 1;"
                                 "INSERT INTO kol (uid, display_name, created_at, updated_at) VALUES "
                                 "('0b7c6f3e-8a1d-4b4e-9f44-2d3c1e5a6b70', '老用户', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = kdx_store_open (path, &error);
  g_assert_no_error (error);
  kol = kdx_store_load_kol (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdx_kol_get_display_name (kol), ==, "老用户");
  g_assert_true (kdx_store_place_on_board (store, none, KDX_STAGE_CANDIDATE, 0, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/open/default-path-permissions", test_default_path_permissions);
  g_test_add_func ("/store/open/environment-path", test_environment_path);
  g_test_add_func ("/store/open/missing-folder", test_missing_folder);
  g_test_add_func ("/store/open/read-only-folder", test_read_only_folder);
  g_test_add_func ("/store/open/not-a-database", test_not_a_database);
  g_test_add_func ("/store/open/newer-schema", test_newer_schema);
  g_test_add_func ("/store/open/waits-for-lock", test_open_waits_for_lock);
  g_test_add_func ("/store/migrate/empty-file", test_migrate_empty_file);
  g_test_add_func ("/store/migrate/from-version-1", test_migrate_from_version_1);

  return g_test_run ();
}
