/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-test"

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <libpq-fe.h>

#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* Test databases on the throwaway server of tests/pg-server (issue 14). */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

const char *
kdx_test_pg_server_uri (void)
{
  const char *uri = g_getenv ("KOLDEX_TEST_PG_URI");

  if (uri == NULL || *uri == '\0')
    g_error ("KOLDEX_TEST_PG_URI is not set: run the test inside tests/pg-server");
  return uri;
}

char *
kdx_test_pg_run_sql (const char *uri,
                     const char *sql)
{
  g_autoptr(PGconn) conn = PQconnectdb (uri);
  g_autoptr(PGresult) result = NULL;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) > 0 && !PQgetisnull (result, 0, 0))
    return g_strdup (PQgetvalue (result, 0, 0));
  return NULL;
}

char *
kdx_test_pg_make_reader (const char *uri)
{
  static int counter;
  const char *at = strstr (uri, "@/");
  g_autofree char *role = g_strdup_printf ("kdx_reader_%d_%d", (int) getpid (),
                                           g_atomic_int_add (&counter, 1));
  g_autofree char *create = g_strdup_printf ("CREATE ROLE %s LOGIN PASSWORD 'reader-secret'", role);
  g_autofree char *grant = g_strdup_printf ("GRANT SELECT ON ALL TABLES IN SCHEMA public TO %s", role);

  g_assert_nonnull (at);
  g_free (kdx_test_pg_run_sql (uri, create));
  g_free (kdx_test_pg_run_sql (uri, grant));
  return g_strdup_printf ("postgresql://%s:reader-secret%s", role, at);
}

char *
kdx_test_pg_make_database (void)
{
  return kdx_test_pg_make_database_with ("");
}

/* A new database made with @options after its name ("TEMPLATE template0
 * LOCALE_PROVIDER icu ..."): its URI. */
char *
kdx_test_pg_make_database_with (const char *options)
{
  static int counter;
  const char *uri = kdx_test_pg_server_uri ();
  const char *slash = strstr (uri, "@/");
  g_autofree char *name = g_strdup_printf ("kdx_test_%d_%d", (int) getpid (), g_atomic_int_add (&counter, 1));
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s %s", name, options);

  g_assert_nonnull (slash);
  g_free (kdx_test_pg_run_sql (uri, create));
  return g_strdup_printf ("%.*s@/%s%s", (int) (slash - uri), uri, name, strchr (slash, '?'));
}

KdxStore *
kdx_test_pg_open_new_store (char **uri)
{
  g_autoptr(GError) error = NULL;
  KdxStore *store;

  *uri = kdx_test_pg_make_database ();
  store = kdx_store_open (*uri, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}


gboolean
kdx_test_on_pg (void)
{
  return g_strcmp0 (g_getenv ("KOLDEX_TEST_BACKEND"), "pg") == 0;
}

char *
kdx_test_database_location (const char *path)
{
  static GHashTable *databases;
  static GMutex lock;
  g_autoptr(GMutexLocker) locker = NULL;
  const char *uri;

  if (!kdx_test_on_pg () || g_str_has_prefix (path, "postgres"))
    return g_strdup (path);
  locker = g_mutex_locker_new (&lock);
  if (databases == NULL)
    databases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if ((uri = g_hash_table_lookup (databases, path)) == NULL)
    {
      char *made = kdx_test_pg_make_database ();

      g_hash_table_insert (databases, g_strdup (path), made);
      uri = made;
    }
  return g_strdup (uri);
}

KdxStore *
kdx_test_open_store (const char *path,
                     GError    **error)
{
  g_autofree char *location = kdx_test_database_location (path);

  return kdx_store_open (location, error);
}

GBytes *
kdx_test_database_snapshot (const char *path)
{
  g_autofree char *uri = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(PGresult) tables = NULL;
  g_autoptr(GString) rows = g_string_new (NULL);

  if (!kdx_test_on_pg ())
    return kdx_test_read_file (path);
  uri = kdx_test_database_location (path);
  conn = PQconnectdb (uri);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  tables = PQexec (conn, "SELECT quote_ident (table_name) FROM information_schema.tables"
                         " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                         " ORDER BY table_name");
  g_assert_cmpint (PQresultStatus (tables), ==, PGRES_TUPLES_OK);
  for (int i = 0; i < PQntuples (tables); i++)
    {
      const char *table = PQgetvalue (tables, i, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT string_agg (r::text, E'\\n' ORDER BY r::text)"
                                              " FROM %s r", table);
      g_autoptr(PGresult) result = PQexec (conn, sql);

      g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
      g_string_append_printf (rows, "%s:\n%s\n", table, PQgetvalue (result, 0, 0));
    }
  return g_string_free_to_bytes (g_steal_pointer (&rows));
}

char *
kdx_test_pg_index_names (const char *uri)
{
  return kdx_test_pg_run_sql (uri, "SELECT coalesce (string_agg (indexname || E'\\n', ''"
                                   " ORDER BY indexname), '') FROM pg_indexes"
                                   " WHERE schemaname = current_schema ()");
}

void
kdx_test_pg_control (const char *what)
{
  g_autoptr(GError) error = NULL;
  const char *control = g_getenv ("KOLDEX_TEST_PG_CONTROL");
  const char *argv[] = { control, what, NULL };
  int status = 0;

  g_assert_nonnull (control);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}
