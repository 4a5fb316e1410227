/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-enum-checks"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "kdx-store.h"
#include "kdx-test-util.h"

/* Issue 16: the enum CHECK constraints of kol and event must not make
 * SQLite build a temporary b-tree on every write (what `col IN (...)` of
 * more than two values does in SQLite 3.40), and must refuse exactly what
 * they refused before. Read through SQLite's own EXPLAIN, so these tests
 * speak SQL to the file the store made. */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxKol) kol = kdx_test_make_full_kol ();
  g_autoptr(GError) error = NULL;

  fixture->dir = kdx_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "kols.db", NULL);
  store = kdx_store_open (fixture->path, &error);
  g_assert_no_error (error);
  /* A file with an event, so event's checks are tried on a real row. */
  kdx_test_store_kol (store, kol);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kdx_test_remove_database (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static sqlite3 *
open_db (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  return db;
}

/* How many temporary b-trees the program of @sql opens. */
static guint
count_ephemeral_tables (sqlite3    *db,
                        const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN ", sql, NULL);
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (g_str_equal ((const char *) sqlite3_column_text (stmt, 1), "OpenEphemeral"))
      n++;
  sqlite3_finalize (stmt);
  return n;
}

static void
test_writes_without_temp_tables (Fixture       *fixture,
                                 gconstpointer  data)
{
  sqlite3 *db = open_db (fixture->path);

  g_assert_cmpuint (count_ephemeral_tables (db,
                      "INSERT INTO kol (uid, display_name, created_at, updated_at) "
                      "VALUES ('u', '小美', 't', 't')"), ==, 0);
  g_assert_cmpuint (count_ephemeral_tables (db,
                      "UPDATE kol SET gender = ?, tier = ?, fans_portable = ?, source = ?, "
                      "purpose = ?, plan = ?, stage = ? WHERE id = 1"), ==, 0);
  g_assert_cmpuint (count_ephemeral_tables (db,
                      "INSERT INTO event (kol_id, position, at, kind, outcome) "
                      "VALUES (1, 99, 't', 'note', 'none')"), ==, 0);
  g_assert_cmpuint (count_ephemeral_tables (db,
                      "UPDATE event SET kind = ?, outcome = ? WHERE kol_id = 1"), ==, 0);
  sqlite3_close (db);
}

/* Every value of each checked column is taken, anything else refused,
 * as the IN lists did. */
static const struct
{
  const char *table;
  const char *column;
  const char *values[10];
} checked[] = {
  { "kol", "gender", { "unknown", "female", "male", "other" } },
  { "kol", "tier", { "unrated", "head", "waist", "tail" } },
  { "kol", "fans_portable", { "unknown", "yes", "partly", "no" } },
  { "kol", "source", { "unset", "external", "internal" } },
  { "kol", "purpose", { "unset", "acquisition", "activation", "conversion" } },
  { "kol", "plan", { "none", "buyout", "profit_share", "free", "other" } },
  { "kol", "stage", { "candidate", "contacting", "negotiating", "onboarding", "growing",
                      "mature", "declining", "departed", "declined" } },
  { "event", "kind", { "outreach", "call", "message", "meeting", "gift", "payment",
                       "content", "note" } },
  { "event", "outcome", { "none", "no_answer", "refused", "interested", "agreed" } },
};

static int
set_value (sqlite3    *db,
           const char *table,
           const char *column,
           const char *value)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE %s = 1",
                                          table, column,
                                          g_str_equal (table, "kol") ? "id" : "kol_id");
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc;
}

static void
test_checks_refuse_as_before (Fixture       *fixture,
                              gconstpointer  data)
{
  sqlite3 *db = open_db (fixture->path);
  static const char *const wrong[] = { "bogus", "", "Head", "unknown ", NULL };

  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (checked); i++)
    {
      for (guint j = 0; checked[i].values[j] != NULL; j++)
        g_assert_cmpint (set_value (db, checked[i].table, checked[i].column, checked[i].values[j]),
                         ==, SQLITE_DONE);
      for (guint j = 0; j < G_N_ELEMENTS (wrong) - 1; j++)
        {
          g_assert_cmpint (set_value (db, checked[i].table, checked[i].column, wrong[j]),
                           ==, SQLITE_CONSTRAINT);
          g_assert_nonnull (g_strstr_len (sqlite3_errmsg (db), -1, "CHECK constraint failed"));
        }
    }
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/enum-checks/no-temp-tables", Fixture, NULL,
              fixture_set_up, test_writes_without_temp_tables, fixture_tear_down);
  g_test_add ("/store/enum-checks/refuse-as-before", Fixture, NULL,
              fixture_set_up, test_checks_refuse_as_before, fixture_tear_down);

  return g_test_run ();
}
