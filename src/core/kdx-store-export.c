/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "kdx-error.h"
#include "kdx-store-private.h"

/* Rows for the spreadsheet exports (issue 16, item 3): the fields a sheet
 * shows, read by one SELECT over kol with the tags beside it, without
 * building a KdxKol: loading each file whole cost a transaction and seven
 * statements a row. */

/* "SELECT kol.id, <one expression per field> FROM kol" */
static char *
build_select (const KdxField *const *fields,
              guint                  n_fields)
{
  GString *sql = g_string_new ("SELECT kol.id");

  for (guint i = 0; i < n_fields; i++)
    {
      /* No field of the KOL file depends on the day: any will do. */
      g_autofree char *expr = _kdx_store_column_sql (fields[i]->name, "2000-01-01");

      g_return_val_if_fail (expr != NULL, (g_string_free (sql, TRUE), NULL));
      g_string_append_printf (sql, ", %s", expr);
    }
  g_string_append (sql, " FROM kol");
  return g_string_free (sql, FALSE);
}

/* Hands the row @stmt is on to @func. */
static gboolean
pass_row (sqlite3_stmt           *stmt,
          const KdxField *const  *fields,
          guint                   n_fields,
          GValue                 *values,
          KdxStoreRowFunc         func,
          gpointer                user_data,
          GError                **error)
{
  gboolean ok;

  for (guint i = 0; i < n_fields; i++)
    _kdx_store_read_value (stmt, i + 1, fields[i], &values[i]);
  ok = func (sqlite3_column_int64 (stmt, 0), values, user_data, error);
  for (guint i = 0; i < n_fields; i++)
    g_value_unset (&values[i]);
  return ok;
}

static gboolean
scan_rows (KdxStore               *self,
           GArray                 *ids,
           const KdxField *const  *fields,
           guint                   n_fields,
           KdxStoreRowFunc         func,
           gpointer                user_data,
           GError                **error)
{
  g_autofree char *select = build_select (fields, n_fields);
  g_autofree char *sql = NULL;
  g_autofree GValue *values = g_new0 (GValue, MAX (n_fields, 1));
  sqlite3_stmt *stmt;
  int rc;

  if (select == NULL)
    return FALSE;

  if (ids == NULL)
    {
      /* Every KOL by id, in one statement. */
      sql = g_strconcat (select, " ORDER BY kol.id", NULL);
      if ((stmt = _kdx_store_prepare (self, sql, error)) == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        if (!pass_row (stmt, fields, n_fields, values, func, user_data, error))
          {
            sqlite3_reset (stmt);
            return FALSE;
          }
      sqlite3_reset (stmt);
      return rc == SQLITE_DONE || _kdx_store_set_error (self, error);
    }

  /* Chosen KOLs in the caller's order: one row each by its key. */
  sql = g_strconcat (select, " WHERE kol.id = ?1", NULL);
  if ((stmt = _kdx_store_prepare (self, sql, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      gboolean ok;

      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        ok = pass_row (stmt, fields, n_fields, values, func, user_data, error);
      else if (rc == SQLITE_DONE)
        {
          /* The error loading the file gives. */
          g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND,
                       _("There is no KOL with id %" PRId64), id);
          ok = FALSE;
        }
      else
        ok = _kdx_store_set_error (self, error);
      sqlite3_reset (stmt);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/**
 * kdx_store_foreach_row:
 * @ids: (nullable): these KOLs, in this order; %NULL for all, by id
 * @fields: fields of the KOL file (not its picture)
 * @func: called with each KOL's values of @fields
 *
 * Reads the values a spreadsheet shows of many KOLs as one state of the
 * database, without loading whole files. A KOL of @ids that is not there
 * fails as kdx_store_load_kol() does (%KDX_ERROR_NOT_FOUND).
 */
gboolean
kdx_store_foreach_row (KdxStore              *self,
                       GArray                *ids,
                       const KdxField *const *fields,
                       guint                  n_fields,
                       KdxStoreRowFunc        func,
                       gpointer               user_data,
                       GError               **error)
{
  gboolean own_transaction;
  gboolean ok;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (fields != NULL || n_fields == 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  own_transaction = sqlite3_get_autocommit (self->db) != 0;
  if (own_transaction && !_kdx_store_run (self, "BEGIN", error))
    return FALSE;
  ok = scan_rows (self, ids, fields, n_fields, func, user_data, error);
  if (own_transaction)
    _kdx_store_run (self, ok ? "COMMIT" : "ROLLBACK", NULL);
  return ok;
}
