/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-damaged"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "kdx-backups.h"
#include "kdx-error.h"
#include "kdx-importer.h"
#include "kdx-test-util.h"

/* A damaged database in the core (issue 15, item 8): opening says so;
 * once any connection meets the damage the store writes nothing more
 * (add, set, move, delete, import) for the rest of the session; a backup
 * restored into the open store brings it back. The CLI side, on a
 * 20,000-KOL file, is in test-backup.c. */

/* A 2,000-KOL database from kdx-generate, made once, copied per test. */
static char *
make_database (const char *dir)
{
  static char *template_path = NULL;
  g_autofree char *path = g_build_filename (dir, "team.db", NULL);
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) error = NULL;

  if (template_path == NULL)
    {
      g_autofree char *template_dir = kdx_test_make_tmp_dir ();
      g_autofree char *out = NULL;

      template_path = g_build_filename (template_dir, "template.db", NULL);
      out = kdx_test_run_tool (g_getenv ("KDX_GENERATE"), template_path, "2000", NULL);
    }
  source = g_file_new_for_path (template_path);
  target = g_file_new_for_path (path);
  g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* Flips 512 bytes in the middle, and makes sure SQLite sees damage. */
static void
damage (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  kdx_test_flip_middle (path, 512);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  rc = sqlite3_step (stmt);
  g_assert_true (rc != SQLITE_ROW || g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
assert_damaged_error (GError     *error,
                      const char *database)
{
  g_autofree char *folder = g_path_get_dirname (database);
  g_autofree char *backups = g_build_filename (folder, "backups", NULL);

  g_assert_error (error, KDX_ERROR, KDX_ERROR_DAMAGED);
  kdx_test_assert_has (error->message, database);
  kdx_test_assert_has (error->message, "is damaged");
  kdx_test_assert_has (error->message, "koldex-cli restore");
  kdx_test_assert_has (error->message, backups);
}

/* Opening a damaged file is refused at once, and leaves it as it was. */
static void
test_open_refused (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = make_database (dir);
  g_autofree char *wal = g_strconcat (database, "-wal", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(GError) error = NULL;

  damage (database);
  before = kdx_test_read_file (database);

  store = kdx_store_open (database, &error);
  g_assert_null (store);
  assert_damaged_error (error, database);

  after = kdx_test_read_file (database);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  guint *n_notified = user_data;

  (*n_notified)++;
}

/* A worker's connection meets the damage: the store it came from hears
 * of it, and refuses every write from then on. */
static void
test_refuses_writes (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = make_database (dir);
  g_autofree char *csv = kdx_test_fixture ("gb18030.csv");
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxStore) sibling = NULL;
  g_autoptr(KdxStore) second = NULL;
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(KdxKol) fresh = kdx_kol_new ();
  g_autoptr(KdxImporter) importer = NULL;
  g_autoptr(KdxImportReport) report = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 one = 1;
  guint n_notified = 0;

  store = kdx_store_open (database, &error);
  g_assert_no_error (error);
  g_assert_true (kdx_store_was_checked (store));
  g_signal_connect (store, "notify::damaged", G_CALLBACK (notify_cb), &n_notified);
  kol = kdx_test_load_kol (store, 1);

  damage (database);
  before = kdx_test_read_file (database);

  sibling = kdx_store_open_sibling (store, &error);
  g_assert_no_error (error);
  g_assert_false (kdx_store_check (sibling, &error));
  assert_damaged_error (error, database);
  g_clear_error (&error);
  g_assert_true (kdx_store_is_damaged (sibling));
  g_assert_true (kdx_store_is_damaged (store));
  while (n_notified == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_notified, ==, 1);

  /* add */
  kdx_kol_set_display_name (fresh, "新人");
  g_assert_false (kdx_store_add_kol (store, fresh, &error));
  assert_damaged_error (error, database);
  g_clear_error (&error);
  /* set */
  g_object_set (kol, "notes", "改过了", NULL);
  g_assert_false (kdx_store_save_kol (store, kol, &error));
  assert_damaged_error (error, database);
  g_clear_error (&error);
  /* move, one and many */
  g_assert_false (kdx_store_move_kol (store, 1, KDX_STAGE_MATURE, NULL, &error));
  assert_damaged_error (error, database);
  g_clear_error (&error);
  g_array_append_val (ids, one);
  g_assert_false (kdx_store_move_kols (store, ids, KDX_STAGE_MATURE, NULL, NULL, &error));
  assert_damaged_error (error, database);
  g_clear_error (&error);
  /* delete, one and many */
  g_assert_false (kdx_store_delete_kol (store, 1, &error));
  assert_damaged_error (error, database);
  g_clear_error (&error);
  g_assert_false (kdx_store_delete_kols (store, ids, NULL, &error));
  assert_damaged_error (error, database);
  g_clear_error (&error);
  /* import: a batch, and the importer as the app and CLI run it */
  g_assert_false (kdx_store_begin_batch (store, &error));
  assert_damaged_error (error, database);
  g_clear_error (&error);
  importer = kdx_importer_new (store);
  report = kdx_importer_run (importer, csv, NULL, &error);
  g_assert_null (report);
  assert_damaged_error (error, database);
  g_clear_error (&error);
  /* no more workers on it, nor a backup of it */
  second = kdx_store_open_sibling (store, &error);
  g_assert_null (second);
  assert_damaged_error (error, database);
  g_clear_error (&error);

  after = kdx_test_read_file (database);
  g_assert_true (g_bytes_equal (before, after));
}

/* A backup restored into the open, damaged store: the store is sound
 * again and writes; the damaged file is kept aside as it was. */
static void
test_restore_while_open (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = make_database (dir);
  g_autofree char *backup = g_build_filename (dir, "before.koldex-backup", NULL);
  g_autofree char *replaced = NULL;
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxStore) restored = NULL;
  g_autoptr(KdxStore) sibling = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 3, 1, 9, 0, 0);
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GError) error = NULL;

  store = kdx_store_open (database, &error);
  g_assert_no_error (error);
  g_assert_true (kdx_store_backup (store, backup, &error));
  g_assert_no_error (error);

  damage (database);
  damaged = kdx_test_read_file (database);
  /* A new connection reads the file (the store's own has it cached). */
  sibling = kdx_store_open_sibling (store, &error);
  g_assert_no_error (error);
  g_assert_false (kdx_store_check (sibling, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_DAMAGED);
  g_clear_error (&error);
  g_clear_object (&sibling);
  g_assert_true (kdx_store_is_damaged (store));

  restored = kdx_backups_restore (database, store, backup, now, &replaced, &error);
  g_assert_no_error (error);
  g_assert_true (restored == store);
  g_assert_false (kdx_store_is_damaged (store));
  sibling = kdx_store_open_sibling (store, &error);
  g_assert_no_error (error);
  g_assert_true (kdx_store_check (sibling, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kdx_test_count_kols (store), ==, 2000);
  g_object_unref (kdx_test_add_named (store, "after the restore"));
  g_assert_cmpint (kdx_test_count_kols (store), ==, 2001);

  g_assert_nonnull (replaced);
  kept = kdx_test_read_file (replaced);
  g_assert_true (g_bytes_equal (kept, damaged));
  g_assert_cmpuint (kdx_test_file_mode (replaced), ==, 0600);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/damaged/open-refused", test_open_refused);
  g_test_add_func ("/damaged/refuses-writes", test_refuses_writes);
  g_test_add_func ("/damaged/restore-while-open", test_restore_while_open);

  return g_test_run ();
}
