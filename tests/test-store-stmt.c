/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-stmt"

#include "config.h"

#include "kdx-error.h"
#include "kdx-store-private.h"
#include "kdx-test-util.h"

/* The store's statement layer (kdx-store-stmt.h) and the backend's calls
 * around it, as the store's files use them: through store->backend only,
 * never an engine's own calls, so the same tests hold for every backend
 * (issue 14). Each test works in a temporary table of its own. */

static KdxStmt *
prepare (KdxStore   *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  KdxStmt *stmt = store->backend->prepare (store, sql, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stmt);
  return stmt;
}

static void
exec (KdxStore   *store,
      const char *script)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (store->backend->exec (store, script, &error));
  g_assert_no_error (error);
}

/* Every kind of value goes in and comes back as it was, typed. */
static void
test_bind_and_read (KdxTestFolder *fixture,
                    gconstpointer  data)
{
  KdxStore *store = fixture->store;
  static const guint8 blob[] = { 0, 1, 2, 0xff, 0 };
  g_autoptr(KdxStmt) insert = NULL;
  g_autoptr(KdxStmt) select = NULL;

  exec (store, "CREATE TEMP TABLE t (s TEXT, e TEXT, i INTEGER, d REAL, n TEXT, b BLOB)");
  insert = prepare (store, "INSERT INTO t (s, e, i, d, n, b) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  g_assert_cmpint (kdx_stmt_parameter_count (insert), ==, 6);
  {
    /* Copied at binding: the caller's text may go at once. */
    g_autofree char *text = g_strdup ("小红书达人");
    kdx_stmt_bind_text (insert, 1, text);
  }
  kdx_stmt_bind_text (insert, 2, "");
  kdx_stmt_bind_int64 (insert, 3, G_GINT64_CONSTANT (9007199254740993));
  kdx_stmt_bind_double (insert, 4, 2.5);
  kdx_stmt_bind_null (insert, 5);
  kdx_stmt_bind_blob (insert, 6, blob, sizeof blob);
  g_assert_cmpint (kdx_stmt_step (insert), ==, KDX_STMT_DONE);
  g_assert_cmpint (store->backend->changes (store), ==, 1);

  select = prepare (store, "SELECT s, e, i, d, n, b FROM t");
  g_assert_cmpint (kdx_stmt_column_count (select), ==, 6);
  g_assert_cmpint (kdx_stmt_step (select), ==, KDX_STMT_ROW);
  g_assert_cmpint (kdx_stmt_column_type (select, 0), ==, KDX_STMT_TYPE_TEXT);
  g_assert_cmpstr (kdx_stmt_column_text (select, 0), ==, "小红书达人");
  /* The empty text stays text: only _kdx_store_bind_text() makes it NULL. */
  g_assert_cmpint (kdx_stmt_column_type (select, 1), ==, KDX_STMT_TYPE_TEXT);
  g_assert_cmpstr (kdx_stmt_column_text (select, 1), ==, "");
  g_assert_cmpint (kdx_stmt_column_type (select, 2), ==, KDX_STMT_TYPE_INTEGER);
  g_assert_cmpint (kdx_stmt_column_int64 (select, 2), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpint (kdx_stmt_column_type (select, 3), ==, KDX_STMT_TYPE_FLOAT);
  g_assert_cmpfloat (kdx_stmt_column_double (select, 3), ==, 2.5);
  g_assert_cmpint (kdx_stmt_column_type (select, 4), ==, KDX_STMT_TYPE_NULL);
  g_assert_null (kdx_stmt_column_text (select, 4));
  g_assert_cmpint (kdx_stmt_column_int64 (select, 4), ==, 0);
  g_assert_cmpint (kdx_stmt_column_type (select, 5), ==, KDX_STMT_TYPE_BLOB);
  g_assert_cmpmem (kdx_stmt_column_blob (select, 5), kdx_stmt_column_bytes (select, 5),
                   blob, sizeof blob);
  g_assert_cmpint (kdx_stmt_step (select), ==, KDX_STMT_DONE);

  /* Reset runs it again from the start; cleared bindings are NULL. */
  kdx_stmt_reset (insert);
  kdx_stmt_clear_bindings (insert);
  g_assert_cmpint (kdx_stmt_step (insert), ==, KDX_STMT_DONE);
  kdx_stmt_reset (select);
  g_assert_cmpint (kdx_stmt_step (select), ==, KDX_STMT_ROW);
  g_assert_cmpint (kdx_stmt_step (select), ==, KDX_STMT_ROW);
  g_assert_cmpint (kdx_stmt_column_type (select, 0), ==, KDX_STMT_TYPE_NULL);
  g_assert_cmpint (kdx_stmt_column_type (select, 2), ==, KDX_STMT_TYPE_NULL);
  g_assert_cmpint (kdx_stmt_step (select), ==, KDX_STMT_DONE);
}

/* Named parameters (the Insights queries) are found by name, and a name
 * the statement lacks is 0. */
static void
test_named_parameters (KdxTestFolder *fixture,
                       gconstpointer  data)
{
  g_autoptr(KdxStmt) stmt = prepare (fixture->store, "SELECT :from || '..' || :to, :from");

  g_assert_cmpint (kdx_stmt_parameter_count (stmt), ==, 2);
  g_assert_cmpint (kdx_stmt_parameter_index (stmt, ":from"), ==, 1);
  g_assert_cmpint (kdx_stmt_parameter_index (stmt, ":to"), ==, 2);
  g_assert_cmpint (kdx_stmt_parameter_index (stmt, ":cut"), ==, 0);
  kdx_stmt_bind_text (stmt, kdx_stmt_parameter_index (stmt, ":from"), "2026-01-01");
  kdx_stmt_bind_text (stmt, kdx_stmt_parameter_index (stmt, ":to"), "2026-02-01");
  g_assert_cmpint (kdx_stmt_step (stmt), ==, KDX_STMT_ROW);
  g_assert_cmpstr (kdx_stmt_column_text (stmt, 0), ==, "2026-01-01..2026-02-01");
  g_assert_cmpstr (kdx_stmt_column_text (stmt, 1), ==, "2026-01-01");
}

/* INSERT ... RETURNING id gives each new row's id, the way the store
 * learns a new KOL's, import run's and view's id. */
static void
test_returning_id (KdxTestFolder *fixture,
                   gconstpointer  data)
{
  KdxStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  KdxStmt *stmt;
  gint64 first = 0, second = 0, count = 0;

  exec (store, "CREATE TEMP TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
  stmt = _kdx_store_prepare (store, "INSERT INTO t (name) VALUES (?) RETURNING id", &error);
  g_assert_no_error (error);
  _kdx_store_bind_text (stmt, 1, "a");
  g_assert_true (_kdx_store_step_id (store, stmt, &first, &error));
  g_assert_no_error (error);
  /* The cached statement comes back reset. */
  stmt = _kdx_store_prepare (store, "INSERT INTO t (name) VALUES (?) RETURNING id", &error);
  _kdx_store_bind_text (stmt, 1, "b");
  g_assert_true (_kdx_store_step_id (store, stmt, &second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);
  g_assert_cmpint (second, >, first);

  g_assert_true (_kdx_store_query_int (store, "SELECT count(*) FROM t WHERE name = 'b'", &count, &error));
  g_assert_cmpint (count, ==, 1);

  /* A refused insert says why and writes nothing. */
  stmt = _kdx_store_prepare (store, "INSERT INTO t (name) VALUES (?) RETURNING id", &error);
  _kdx_store_bind_text (stmt, 1, NULL);
  g_assert_false (_kdx_store_step_id (store, stmt, &first, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_DATABASE);
  g_clear_error (&error);
  g_assert_true (_kdx_store_query_int (store, "SELECT count(*) FROM t", &count, &error));
  g_assert_cmpint (count, ==, 2);
}

/* The KOL insert's way to its id: the backend's insert_returning
 * appended, then the row it answers with or last_insert_id(). */
static void
test_insert_id (KdxTestFolder *fixture,
                gconstpointer  data)
{
  KdxStore *store = fixture->store;
  g_autofree char *sql = g_strconcat ("INSERT INTO t (name) VALUES (?)",
                                      store->backend->insert_returning, NULL);
  g_autoptr(GError) error = NULL;
  gint64 ids[2] = { 0, 0 };
  gint64 stored = 0;

  exec (store, "CREATE TEMP TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *name = g_strdup_printf ("kol %u", i);
      KdxStmt *stmt = _kdx_store_prepare (store, sql, &error);
      KdxStmtResult rc;

      g_assert_no_error (error);
      kdx_stmt_bind_text (stmt, 1, name);
      rc = kdx_stmt_step (stmt);
      g_assert_cmpint (rc, !=, KDX_STMT_ERROR);
      ids[i] = rc == KDX_STMT_ROW ? kdx_stmt_column_int64 (stmt, 0)
                                  : store->backend->last_insert_id (store);
      kdx_stmt_reset (stmt);

      g_assert_true (_kdx_store_query_int (store, "SELECT max(id) FROM t", &stored, &error));
      g_assert_cmpint (ids[i], ==, stored);
    }
  g_assert_cmpint (ids[1], >, ids[0]);
}

/* Rows changed, by the last statement and in all, and whether a
 * transaction is open. */
static void
test_changes_and_transactions (KdxTestFolder *fixture,
                               gconstpointer  data)
{
  KdxStore *store = fixture->store;
  g_autoptr(KdxStmt) update = NULL;
  gint64 total;

  exec (store, "CREATE TEMP TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3)");
  g_assert_false (store->backend->in_transaction (store));
  total = store->backend->total_changes (store);

  exec (store, "BEGIN");
  g_assert_true (store->backend->in_transaction (store));
  update = prepare (store, "UPDATE t SET x = x + 1 WHERE x >= ?");
  kdx_stmt_bind_int64 (update, 1, 2);
  g_assert_cmpint (kdx_stmt_step (update), ==, KDX_STMT_DONE);
  g_assert_cmpint (store->backend->changes (store), ==, 2);
  g_assert_cmpint (store->backend->total_changes (store), ==, total + 2);
  exec (store, "COMMIT");
  g_assert_false (store->backend->in_transaction (store));
}

/* A UNIQUE or PRIMARY KEY refusal is told apart from other failures. */
static void
test_last_failure (KdxTestFolder *fixture,
                   gconstpointer  data)
{
  KdxStore *store = fixture->store;
  g_autoptr(KdxStmt) insert = NULL;
  g_autoptr(GError) error = NULL;

  exec (store, "CREATE TEMP TABLE t (id INTEGER PRIMARY KEY, uid TEXT UNIQUE, name TEXT NOT NULL)");
  insert = prepare (store, "INSERT INTO t (id, uid, name) VALUES (?, ?, ?)");
  kdx_stmt_bind_int64 (insert, 1, 1);
  kdx_stmt_bind_text (insert, 2, "u1");
  kdx_stmt_bind_text (insert, 3, "a");
  g_assert_cmpint (kdx_stmt_step (insert), ==, KDX_STMT_DONE);
  kdx_stmt_reset (insert);

  /* The same id. */
  g_assert_cmpint (kdx_stmt_step (insert), ==, KDX_STMT_ERROR);
  g_assert_cmpint (store->backend->last_failure (store), ==, KDX_STORE_FAILURE_UNIQUE);
  kdx_stmt_reset (insert);

  /* Another id, the same uid. */
  kdx_stmt_bind_int64 (insert, 1, 2);
  g_assert_cmpint (kdx_stmt_step (insert), ==, KDX_STMT_ERROR);
  g_assert_cmpint (store->backend->last_failure (store), ==, KDX_STORE_FAILURE_UNIQUE);
  kdx_stmt_reset (insert);

  /* No name: refused, but not as taken. */
  kdx_stmt_bind_text (insert, 2, "u2");
  kdx_stmt_bind_null (insert, 3);
  g_assert_cmpint (kdx_stmt_step (insert), ==, KDX_STMT_ERROR);
  g_assert_cmpint (store->backend->last_failure (store), ==, KDX_STORE_FAILURE_OTHER);
  g_assert_false (_kdx_store_set_error (store, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_DATABASE);
  kdx_stmt_reset (insert);

  /* A statement the engine cannot prepare fails with a message. */
  g_clear_error (&error);
  g_assert_null (store->backend->prepare (store, "SELECT FROM WHERE", FALSE, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_DATABASE);
}

typedef struct
{
  guint calls;
  guint stop_at;
} Interrupt;

static gboolean
interrupt_cb (gpointer data)
{
  Interrupt *interrupt = data;

  return ++interrupt->calls >= interrupt->stop_at;
}

/* set_interrupt() stops a long statement when its function says so (how
 * a search typed further stops the query it replaces), and NULL lets the
 * next one run to its end. */
static void
test_interrupt (KdxTestFolder *fixture,
                gconstpointer  data)
{
  KdxStore *store = fixture->store;
  /* A million rows: long enough to be asked many times, short enough
   * to run to its end when nothing interrupts it. */
  g_autoptr(KdxStmt) stmt = prepare (store, "WITH RECURSIVE c (x) AS (SELECT 1 UNION ALL "
                                            "SELECT x + 1 FROM c WHERE x < 1000000) "
                                            "SELECT count(*) FROM c");
  Interrupt interrupt = { 0, 3 };

  store->backend->set_interrupt (store, interrupt_cb, &interrupt);
  g_assert_cmpint (kdx_stmt_step (stmt), ==, KDX_STMT_ERROR);
  g_assert_cmpuint (interrupt.calls, ==, 3);
  kdx_stmt_reset (stmt);

  store->backend->set_interrupt (store, NULL, NULL);
  g_assert_cmpint (kdx_stmt_step (stmt), ==, KDX_STMT_ROW);
  g_assert_cmpint (kdx_stmt_column_int64 (stmt, 0), ==, 1000000);
  g_assert_cmpuint (interrupt.calls, ==, 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/stmt/bind-and-read", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_bind_and_read, kdx_test_folder_tear_down);
  g_test_add ("/store/stmt/named-parameters", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_named_parameters, kdx_test_folder_tear_down);
  g_test_add ("/store/stmt/returning-id", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_returning_id, kdx_test_folder_tear_down);
  g_test_add ("/store/stmt/insert-id", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_insert_id, kdx_test_folder_tear_down);
  g_test_add ("/store/stmt/changes-and-transactions", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_changes_and_transactions, kdx_test_folder_tear_down);
  g_test_add ("/store/stmt/last-failure", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_last_failure, kdx_test_folder_tear_down);
  g_test_add ("/store/stmt/interrupt", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_interrupt, kdx_test_folder_tear_down);

  return g_test_run ();
}
