/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-backup"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "kdx-backups.h"
#include "kdx-error.h"
#include "kdx-store-schema.h"
#include "kdx-test-util.h"

/* Backups and restores (issue 15, item 12), through koldex-cli as an
 * operator runs it and through the core the app uses: a restored
 * database is the one that was backed up, every field and all history;
 * what is not a sound Koldex backup is refused with nothing changed;
 * backups rotate and are private. */

/* Everything the store holds, as a user can get it out: the full XML
 * export (every field, channels, events, important dates, stage history,
 * avatars) and the import history. */
static char *
dump_database (const char *dir,
               const char *database)
{
  g_autofree char *xml_path = g_build_filename (dir, "dump.xml", NULL);
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(GPtrArray) imports = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  g_auto(KdxCliRun) run = { 0 };
  GString *dump;

  g_unlink (xml_path);
  kdx_test_run_cli (&run, database, "export", xml_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_file_get_contents (xml_path, &xml, NULL, &error);
  g_assert_no_error (error);
  dump = g_string_new (xml);

  store = kdx_store_open (database, &error);
  g_assert_no_error (error);
  imports = kdx_store_list_imports (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < imports->len; i++)
    {
      KdxImportRun *import = g_ptr_array_index (imports, i);
      g_string_append_printf (dump, "\nimport %" G_GINT64_FORMAT " %s %s %u %u %u %u %s",
                              import->id, import->file, import->at, import->created,
                              import->merged, import->skipped, import->rejected,
                              import->undone_at != NULL ? import->undone_at : "-");
    }
  return g_string_free (dump, FALSE);
}

static char *
fixture_path (const char *name)
{
  return g_build_filename (g_getenv ("KDX_FIXTURES"), name, NULL);
}

/* A database with a full file (avatar, channels, events, important dates),
 * a move through the stages, and an import with its history, one undone. */
static void
fill_database (const char *database)
{
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxKol) full = kdx_test_make_full_kol ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) imports = NULL;
  g_autofree char *gb18030 = fixture_path ("gb18030.csv");
  g_autofree char *big5 = fixture_path ("big5.csv");
  g_auto(KdxCliRun) run = { 0 };

  store = kdx_store_open (database, &error);
  g_assert_no_error (error);
  kdx_test_store_kol (store, full);
  g_assert_true (kdx_store_move_kol (store, kdx_kol_get_id (full), KDX_STAGE_ONBOARDING, "签约了", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  kdx_test_run_cli (&run, database, "import", gb18030, NULL);
  g_assert_cmpint (run.status, ==, 0);
  kdx_test_run_cli (&run, database, "import", big5, NULL);
  g_assert_cmpint (run.status, ==, 0);

  store = kdx_store_open (database, &error);
  g_assert_no_error (error);
  imports = kdx_store_list_imports (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imports->len, ==, 2);
  g_assert_true (kdx_store_undo_import (store, ((KdxImportRun *) g_ptr_array_index (imports, 0))->id, &error));
  g_assert_no_error (error);
}

/* The path koldex-cli printed, without its newline. */
static char *
printed_path (KdxCliRun *run)
{
  kdx_test_assert_cli_ok (run);
  return g_strdup (g_strstrip (run->out));
}

static void
test_restore_everything (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = g_build_filename (dir, "team.db", NULL);
  g_autofree char *folder = g_build_filename (dir, "backups", NULL);
  g_autofree char *excel = fixture_path ("excel.xlsx");
  g_autofree char *before = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *after = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *kept_line = NULL;
  g_auto(KdxCliRun) run = { 0 };
  gint64 n_kept = 0;
  gint64 n_changed = 0;

  fill_database (database);
  before = dump_database (dir, database);
  kdx_test_assert_has (before, "签约了");
  kdx_test_assert_has (before, "<avatar");

  kdx_test_run_cli (&run, database, "backup", NULL);
  backup = printed_path (&run);
  g_assert_true (g_str_has_prefix (backup, folder));
  g_assert_true (g_str_has_suffix (backup, KDX_BACKUP_SUFFIX));
  g_assert_cmpuint (kdx_test_file_mode (folder), ==, 0700);
  g_assert_cmpuint (kdx_test_file_mode (backup), ==, 0600);

  /* Changes of every kind, which the restore must take back. */
  kdx_test_run_cli (&run, database, "set", "1", "notes=改过了", "followers=5", NULL);
  kdx_test_assert_cli_ok (&run);
  kdx_test_run_cli (&run, database, "move", "1", "mature", "--note", "later", NULL);
  kdx_test_assert_cli_ok (&run);
  kdx_test_run_cli (&run, database, "add", "--display-name", "新人", NULL);
  kdx_test_assert_cli_ok (&run);
  kdx_test_run_cli (&run, database, "delete", "2", NULL);
  kdx_test_assert_cli_ok (&run);
  kdx_test_run_cli (&run, database, "import", excel, NULL);
  g_assert_cmpint (run.status, ==, 0);
  changed = dump_database (dir, database);
  g_assert_cmpstr (changed, !=, before);
  {
    g_autoptr(KdxStore) store = kdx_store_open (database, NULL);
    n_changed = kdx_test_count_kols (store);
  }

  kdx_test_run_cli (&run, database, "restore", backup, NULL);
  kdx_test_assert_cli_ok (&run);
  kdx_test_assert_has (run.out, "Restored");
  kept_line = g_strdup (strstr (run.out, "kept as "));
  g_assert_nonnull (kept_line);
  replaced = g_strdup (g_strstrip (kept_line + strlen ("kept as ")));
  g_assert_true (g_str_has_prefix (replaced, database));
  kdx_test_assert_has (replaced, ".replaced-");

  after = dump_database (dir, database);
  g_assert_cmpstr (after, ==, before);

  /* The replaced database is kept, whole, and as private. */
  g_assert_cmpuint (kdx_test_file_mode (replaced), ==, 0600);
  g_assert_true (kdx_store_inspect_backup (replaced, TRUE, NULL, &n_kept, NULL));
  g_assert_cmpint (n_kept, ==, n_changed);
}

/* What is not a sound backup of this Koldex is refused, saying why; the
 * database stays byte for byte as it was and nothing is set aside. */
static void
assert_restore_refused (const char *dir,
                        const char *database,
                        const char *backup,
                        const char *reason)
{
  g_autoptr(GBytes) before = kdx_test_read_file (database);
  g_autoptr(GBytes) after = NULL;
  g_auto(KdxCliRun) run = { 0 };
  guint n_entries = kdx_test_count_entries (dir);

  kdx_test_run_cli (&run, database, "restore", backup, NULL);
  g_assert_cmpint (run.status, ==, 1);
  kdx_test_assert_has (run.err, reason);
  kdx_test_assert_has (run.err, backup);

  after = kdx_test_read_file (database);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (kdx_test_count_entries (dir), ==, n_entries);
}

static void
test_restore_refuses (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = g_build_filename (dir, "team.db", NULL);
  g_autofree char *other_dir = kdx_test_make_tmp_dir ();
  g_autofree char *notes = g_build_filename (other_dir, "notes.koldex-backup", NULL);
  g_autofree char *damaged = g_build_filename (other_dir, "damaged.koldex-backup", NULL);
  g_autofree char *newer = g_build_filename (other_dir, "newer.koldex-backup", NULL);
  g_autofree char *missing = g_build_filename (other_dir, "missing.koldex-backup", NULL);
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  store = kdx_store_open (database, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("KOL %u with a name long enough to fill pages", i);
      g_object_unref (kdx_test_add_named (store, name));
    }
  g_assert_true (kdx_store_backup (store, damaged, &error));
  g_assert_no_error (error);
  g_assert_true (kdx_store_backup (store, newer, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_true (g_file_set_contents (notes, "这不是数据库, just notes long enough to have a header\n", -1, NULL));
  assert_restore_refused (dir, database, notes, "is not a Koldex database");

  kdx_test_flip_middle (damaged, 512);
  assert_restore_refused (dir, database, damaged, "is damaged");

  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_restore_refused (dir, database, newer, "newer Koldex");

  assert_restore_refused (dir, database, missing, "There is no backup file");
}

/* A backup from an older Koldex (schema 1) is migrated as it is restored. */
static void
test_restore_older_schema (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = g_build_filename (dir, "team.db", NULL);
  g_autofree char *old = g_build_filename (dir, "v1.koldex-backup", NULL);
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(KdxCliRun) run = { 0 };
  gint64 schema = 0;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (old, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, kdx_store_migrations[0], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA user_version = 1;"
                                 "INSERT INTO kol (uid, display_name, created_at, updated_at) VALUES "
                                 "('0b7c6f3e-8a1d-4b4e-9f44-2d3c1e5a6b70', '老用户', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = kdx_store_open (database, &error);
  g_assert_no_error (error);
  g_object_unref (kdx_test_add_named (store, "今天的"));
  g_clear_object (&store);

  kdx_test_run_cli (&run, database, "restore", old, NULL);
  kdx_test_assert_cli_ok (&run);

  g_assert_true (kdx_store_inspect_backup (database, TRUE, &schema, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (schema, ==, KDX_STORE_SCHEMA_VERSION);
  store = kdx_store_open (database, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kdx_test_count_kols (store), ==, 1);
  kol = kdx_test_load_kol (store, 1);
  kdx_test_assert_string (kol, "display-name", "老用户");
}

static GDateTime *
day (int d,
     int hour)
{
  return g_date_time_new_local (2026, 3, d, hour, 0, 0);
}

/* One a day, the number kept: the oldest go, the newest stay; a backup
 * is due a day after the newest. */
static void
test_rotation (KdxTestFolder *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GDateTime) next_day = NULL;

  for (int d = 1; d <= 5; d++)
    {
      g_autoptr(GDateTime) now = day (d, 9);
      g_autofree char *path = NULL;

      g_assert_true (kdx_backups_is_due (fixture->db_path, now));
      path = kdx_backups_make (fixture->store, now, 3, &error);
      g_assert_no_error (error);
      g_assert_nonnull (path);
      g_object_unref (kdx_test_add_named (fixture->store, "one more"));
    }

  backups = kdx_backups_list (fixture->db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      KdxBackupInfo *info = g_ptr_array_index (backups, i);
      g_autoptr(GDateTime) expected = day (5 - i, 9);

      g_assert_true (g_date_time_equal (info->made, expected));
      /* One KOL was added after each backup. */
      g_assert_cmpint (info->n_kols, ==, 4 - i);
      g_assert_cmpuint (info->size, >, 0);
      g_assert_null (info->problem);
    }

  later = day (6, 8);
  next_day = day (6, 9);
  g_assert_false (kdx_backups_is_due (fixture->db_path, later));
  g_assert_true (kdx_backups_is_due (fixture->db_path, next_day));
}

/* The first backup of a database with none is due at once. */
static void
test_first_backup_due (KdxTestFolder *fixture,
                       gconstpointer  data)
{
  g_autoptr(GDateTime) now = day (1, 9);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (kdx_backups_is_due (fixture->db_path, now));
  backups = kdx_backups_list (fixture->db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 0);
}

/* The corrupted-file fault test (issues 15, items 8 and 16): 512 bytes
 * flipped in the middle of a 20,000-KOL file. Every command is refused
 * with one message that says what to do, status 1, and the file stays
 * byte for byte as it was; restoring the backup made before brings it
 * back, and keeps the damaged file aside as it was. */
static void
test_damaged_file (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = g_build_filename (dir, "team.db", NULL);
  g_autofree char *wal = g_strconcat (database, "-wal", NULL);
  g_autofree char *folder = g_build_filename (dir, "backups", NULL);
  g_autofree char *csv = fixture_path ("gb18030.csv");
  g_autofree char *generated = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *replaced = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(KdxCliRun) run = { 0 };
  const char *const commands[][5] = {
    { "list", NULL },
    { "add", "--display-name", "新人", NULL },
    { "set", "1", "notes=改过了", NULL },
    { "import", csv, NULL },
    { "move", "1", "mature", NULL },
    { "delete", "1", NULL },
    { "backup", NULL },
  };

  generated = kdx_test_run_tool (g_getenv ("KDX_GENERATE"), database, "20000", NULL);
  kdx_test_run_cli (&run, database, "backup", NULL);
  backup = printed_path (&run);

  kdx_test_flip_middle (database, 512);
  damaged = kdx_test_read_file (database);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(GBytes) after = NULL;

      kdx_test_run_cli (&run, database, commands[i][0], commands[i][1], commands[i][2],
                        commands[i][3], NULL);
      g_test_message ("koldex-cli %s: %s", commands[i][0], run.err);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      kdx_test_assert_has (run.err, database);
      kdx_test_assert_has (run.err, "is damaged");
      kdx_test_assert_has (run.err, "koldex-cli restore");
      kdx_test_assert_has (run.err, folder);
      /* One line. */
      g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);

      after = kdx_test_read_file (database);
      g_assert_true (g_bytes_equal (after, damaged));
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    }

  kdx_test_run_cli (&run, database, "restore", backup, NULL);
  kdx_test_assert_cli_ok (&run);
  replaced = g_strdup (g_strstrip (strstr (run.out, "kept as ") + strlen ("kept as ")));
  {
    g_autoptr(GBytes) kept = kdx_test_read_file (replaced);
    g_assert_true (g_bytes_equal (kept, damaged));
  }

  store = kdx_store_open (database, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kdx_test_count_kols (store), ==, 20000);
  g_object_unref (kdx_test_add_named (store, "after the restore"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backup/cli/restore-everything", test_restore_everything);
  g_test_add_func ("/backup/cli/restore-refuses", test_restore_refuses);
  g_test_add_func ("/backup/cli/restore-older-schema", test_restore_older_schema);
  g_test_add_func ("/backup/cli/damaged-file", test_damaged_file);
  g_test_add ("/backup/rotation", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_rotation, kdx_test_folder_tear_down);
  g_test_add ("/backup/first-is-due", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_first_backup_due, kdx_test_folder_tear_down);

  return g_test_run ();
}
