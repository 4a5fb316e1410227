/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-faults"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "kdx-test-util.h"

/* Faults a database meets in an operator's week (issue 15, item 16):
 * the program killed mid-import, a full disk, another program holding
 * the lock. Each leaves the database whole and as it was, or says why.
 * The database is checked with SQLite itself, as test-cli does. */

#define BIG_ROWS 20000
#define SEED_KOLS 2

static char *
write_big_csv (const char *dir)
{
  g_autoptr(GString) text = g_string_new ("昵称,粉丝数,手机\n");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "big.csv", NULL);

  for (guint i = 0; i < BIG_ROWS; i++)
    g_string_append_printf (text, "达人%u,%u,139%08u\n", i, 1000 + i, i);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  return path;
}

static void
make_seed_database (const char *database)
{
  g_auto(KdxCliRun) run = { 0 };

  kdx_test_run_cli (&run, database, "add", "--display-name", "小美", "phone=13800138000", NULL);
  kdx_test_assert_cli_ok (&run);
  kdx_test_run_cli (&run, database, "add", "--display-name", "阿杰", NULL);
  kdx_test_assert_cli_ok (&run);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* The database passes integrity_check; returns how many KOLs it holds. */
static gint64
check_whole (const char *database)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (database, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  n = query_int (db, "SELECT count(*) FROM kol");
  /* Nothing dangles: no tag of a KOL that is not there. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM kol_tag WHERE kol_id NOT IN (SELECT id FROM kol)"), ==, 0);
  sqlite3_close (db);
  return n;
}

static GPid
spawn_cli (const char *database,
           const char *first_arg,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  va_list args;
  GPid pid;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KOLDEX_CLI"));
  g_ptr_array_add (argv, "--database");
  g_ptr_array_add (argv, (gpointer) database);
  g_ptr_array_add (argv, (gpointer) first_arg);
  va_start (args, first_arg);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_async (NULL, (char **) argv->pdata, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL
                                | G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size : -1;
}

/* SIGKILL at a random moment of a large import, five times: every time
 * the database is whole and holds the KOLs of before or of after. The
 * marker is the write-ahead log growing: the import is writing. */
static void
test_sigkill_during_import (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *csv = write_big_csv (dir);
  g_autofree char *database = g_build_filename (dir, "kill.db", NULL);
  g_autofree char *wal = g_strconcat (database, "-wal", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  gint64 expected = SEED_KOLS;

  make_seed_database (database);

  for (guint trial = 0; trial < 5; trial++)
    {
      guint delay_ms = g_rand_int_range (rand, 0, 400);
      GPid pid = spawn_cli (database, "import", csv, "--on-duplicate", "new", NULL);
      gboolean exited = FALSE;
      int status = 0;
      gint64 n;

      while (file_size (wal) <= 0 && !(exited = waitpid (pid, &status, WNOHANG) == pid))
        g_usleep (1000); /* a poll interval, not a wait for an outcome */
      if (!exited)
        {
          /* The moment of the kill: the randomness under test. */
          g_usleep (delay_ms * G_TIME_SPAN_MILLISECOND);
          g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
          g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
        }
      g_spawn_close_pid (pid);
      g_test_message ("trial %u: killed %u ms after the import began writing; %s", trial, delay_ms,
                      WIFSIGNALED (status) ? "killed" : "it had ended");

      n = check_whole (database);
      if (n != expected)
        g_assert_cmpint (n, ==, expected + BIG_ROWS); /* it finished first */
      expected = n;
    }
}

/* A full disk: a small tmpfs in a mount namespace of the test's own. The
 * import fails with "the disk is full", exit 1, and the database (copied
 * out of the namespace before it goes) is whole and as it was. */
static void
test_disk_full (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *csv = write_big_csv (dir);
  g_autofree char *seed = g_build_filename (dir, "seed.db", NULL);
  g_autofree char *small = g_build_filename (dir, "small", NULL);
  g_autofree char *after = g_build_filename (dir, "after.db", NULL);
  g_autofree char *err_path = g_build_filename (dir, "err.txt", NULL);
  g_autofree char *status_path = g_build_filename (dir, "status.txt", NULL);
  g_autofree char *script = NULL;
  g_autofree char *err = NULL;
  g_autofree char *status = NULL;
  g_autofree char *quoted_cli = g_shell_quote (g_getenv ("KOLDEX_CLI"));
  g_autofree char *quoted_dir = g_shell_quote (dir);
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  make_seed_database (seed);
  g_assert_cmpint (g_mkdir (small, 0700), ==, 0);

  /* The seed fits; 20,000 more KOLs do not. */
  script = g_strdup_printf ("set -e; cd %s; mount -t tmpfs -o size=%" G_GOFFSET_FORMAT " tmpfs small; "
                            "cp seed.db small/; "
                            "set +e; %s --database small/seed.db import big.csv 2> err.txt; echo $? > status.txt; "
                            "cp small/seed.db after.db",
                            quoted_dir, file_size (seed) + 64 * 1024, quoted_cli);
  {
    const char *argv[] = { "unshare", "--map-root-user", "--mount", "sh", "-c", script, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                                 &wait_status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));

  g_assert_true (g_file_get_contents (status_path, &status, NULL, NULL));
  g_assert_cmpstr (g_strstrip (status), ==, "1");
  g_assert_true (g_file_get_contents (err_path, &err, NULL, NULL));
  kdx_test_assert_has (err, "the disk is full");
  g_assert_cmpint (check_whole (after), ==, SEED_KOLS);
}

/* Another program holds the database locked while koldex-cli opens it,
 * then lets go: the open waits and succeeds. The test lets go once the
 * CLI has the file open: it cannot get further while the lock is held. */
static void
test_lock_released_while_opening (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = g_build_filename (dir, "locked.db", NULL);
  sqlite3 *db = NULL;
  int status = 0;
  GPid pid;

  make_seed_database (database);
  /* A rollback journal, so that the exclusive lock keeps readers out too. */
  g_assert_cmpint (sqlite3_open (database, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; BEGIN EXCLUSIVE",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  pid = spawn_cli (database, "add", "--display-name", "等一下", NULL);
  while (!kdx_test_process_has_open (pid, database))
    {
      g_assert_cmpint (waitpid (pid, &status, WNOHANG), ==, 0); /* must not give up */
      g_usleep (1000); /* a poll interval, not a wait for an outcome */
    }
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpint (check_whole (database), ==, SEED_KOLS + 1);
}

/* Held past the busy timeout: a clear message, exit 1, nothing written. */
static void
test_lock_held_too_long (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = g_build_filename (dir, "locked.db", NULL);
  g_auto(KdxCliRun) run = { 0 };
  sqlite3 *db = NULL;

  make_seed_database (database);
  g_assert_cmpint (sqlite3_open (database, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; BEGIN EXCLUSIVE",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  kdx_test_run_cli (&run, database, "add", "--display-name", "等不及", NULL);
  g_assert_cmpint (run.status, ==, 1);
  kdx_test_assert_has (run.err, "locked.db");
  kdx_test_assert_has (run.err, "locked");

  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (check_whole (database), ==, SEED_KOLS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/faults/sigkill-during-import", test_sigkill_during_import);
  g_test_add_func ("/faults/disk-full", test_disk_full);
  g_test_add_func ("/faults/lock-released-while-opening", test_lock_released_while_opening);
  g_test_add_func ("/faults/lock-held-too-long", test_lock_held_too_long);

  return g_test_run ();
}
