/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-test"

#include "config.h"

#include <sqlite3.h>

#include "kdx-test-digest.h"
#include "kdx-test-pg.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static gboolean
is_skipped (const char *const *skip,
            const char        *table,
            const char        *column)
{
  g_autofree char *own = g_strdup_printf ("%s.%s", table, column);
  g_autofree char *any = g_strdup_printf ("*.%s", column);
  g_autofree char *whole = g_strdup_printf ("%s.*", table);

  return skip != NULL
      && (g_strv_contains (skip, own) || g_strv_contains (skip, any)
          || g_strv_contains (skip, whole));
}

/* " WHERE name NOT IN (...)": sqlite_sequence's rows of the tables
 * skipped whole ("TABLE.*"), which count no more than the tables do. */
static char *
sequence_filter (const char *const *skip)
{
  g_autoptr(GString) filter = g_string_new (NULL);

  for (guint i = 0; skip != NULL && skip[i] != NULL; i++)
    if (g_str_has_suffix (skip[i], ".*"))
      {
        g_autofree char *table = g_strndup (skip[i], strlen (skip[i]) - 2);
        g_autofree char *quoted = g_strdup_printf ("'%s'", table);  /* names of our own tables: no quotes in them */

        g_string_append_printf (filter, "%s%s", filter->len == 0 ? " WHERE name NOT IN (" : ", ", quoted);
      }
  if (filter->len > 0)
    g_string_append_c (filter, ')');
  return g_string_free (g_steal_pointer (&filter), FALSE);
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  return stmt;
}

/* The columns of @table that count, as a select list; NULL for none. */
static char *
column_list (sqlite3           *db,
             const char        *table,
             const char *const *skip)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info('%s') ORDER BY cid", table);
  g_autoptr(sqlite3_stmt) stmt = prepare (db, sql);
  g_autoptr(GString) list = g_string_new (NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *column = (const char *) sqlite3_column_text (stmt, 0);

      if (is_skipped (skip, table, column))
        continue;
      g_string_append_printf (list, "%s\"%s\"", list->len > 0 ? ", " : "", column);
    }
  return list->len > 0 ? g_string_free (g_steal_pointer (&list), FALSE) : NULL;
}

static void
add_value (GChecksum    *sum,
           sqlite3_stmt *stmt,
           int           column)
{
  int type = sqlite3_column_type (stmt, column);
  guchar tag = (guchar) type;
  guint64 size;

  g_checksum_update (sum, &tag, 1);
  if (type == SQLITE_NULL)
    return;
  /* Integers and reals as their text, so the sum does not depend on the
   * byte order; text and blobs with their length, so values cannot run
   * into each other. */
  size = (guint64) sqlite3_column_bytes (stmt, column);
  if (type == SQLITE_BLOB)
    g_checksum_update (sum, sqlite3_column_blob (stmt, column), (gssize) size);
  else
    g_checksum_update (sum, sqlite3_column_text (stmt, column), (gssize) size);
  g_checksum_update (sum, (const guchar *) &size, sizeof size);
}

char *
kdx_test_database_digest (const char        *path,
                          const char *const *skip)
{
  g_autoptr(GChecksum) all = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(sqlite3_stmt) tables = NULL;
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("%s: %s", path, sqlite3_errmsg (db));

  /* The FTS5 table itself, not the shadow tables that hold its index:
   * their bytes depend on how the index was built (row by row, merged,
   * rebuilt), what the index finds does not. */
  tables = prepare (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                        "AND name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\' "
                        "AND name NOT IN (SELECT name || '_data' FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL%' "
                        "  UNION SELECT name || '_idx' FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL%' "
                        "  UNION SELECT name || '_content' FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL%' "
                        "  UNION SELECT name || '_docsize' FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL%' "
                        "  UNION SELECT name || '_config' FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL%') "
                        "ORDER BY name");
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *columns = column_list (db, table, skip);
      g_autoptr(GChecksum) own = g_checksum_new (G_CHECKSUM_SHA256);
      g_autoptr(sqlite3_stmt) rows = NULL;
      g_autofree char *sql = NULL;
      guint n_rows = 0;
      int n_columns;

      if (columns == NULL)
        continue;
      /* A full-text table has its rowid as its only key. */
      sql = g_str_has_suffix (table, "_fts")
          ? g_strdup_printf ("SELECT rowid, %s FROM \"%s\" ORDER BY 1", columns, table)
          : g_strdup_printf ("SELECT %s FROM \"%s\"", columns, table);
      if (g_str_equal (table, "sqlite_sequence"))
        {
          g_autofree char *filter = sequence_filter (skip);
          g_autofree char *all_rows = g_steal_pointer (&sql);

          sql = g_strconcat (all_rows, filter, NULL);
        }
      rows = prepare (db, sql);
      n_columns = sqlite3_column_count (rows);
      if (!g_str_has_suffix (table, "_fts"))
        {
          /* Ordered by every column, so the order the rows were written
           * in does not count. */
          g_autoptr(GString) ordered = g_string_new (sql);

          g_string_append (ordered, " ORDER BY ");
          for (int i = 1; i <= n_columns; i++)
            g_string_append_printf (ordered, "%s%d", i > 1 ? ", " : "", i);
          g_clear_pointer (&rows, sqlite3_finalize);
          rows = prepare (db, ordered->str);
        }

      g_checksum_update (own, (const guchar *) table, -1);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int i = 0; i < n_columns; i++)
            add_value (own, rows, i);
          n_rows++;
        }
      g_test_message ("%s (%s): %u rows, %s", table, columns, n_rows, g_checksum_get_string (own));
      g_checksum_update (all, (const guchar *) g_checksum_get_string (own), -1);
    }

  g_clear_pointer (&tables, sqlite3_finalize);
  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (all));
}

char *
kdx_test_database_indexes (const char *path)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = NULL;

  /* Against PostgreSQL, the test server's database for @path. */
  if (kdx_test_on_pg ())
    {
      g_autofree char *uri = kdx_test_database_location (path);

      return kdx_test_pg_index_names (uri);
    }
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("%s: %s", path, sqlite3_errmsg (db));
  stmt = prepare (db, "SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (names, "%s\n", (const char *) sqlite3_column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&names), FALSE);
}
