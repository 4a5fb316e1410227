/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include "kdx-enums.h"
#include "kdx-error.h"
#include "kdx-kol-columns.h"
#include "kdx-store-private.h"

/* Column values of many rows in one query (issue 17, item 2): what the
 * CLI's `list --columns` prints and the list's visible rows show, read
 * without building a KdxKol, so a list over 100,000 KOLs reads only the
 * rows it shows. */

/* One value of @column from statement column @index, typed as
 * kdx_field_get_gtype() says (the spreadsheet export reads its rows with
 * it too). */
void
_kdx_store_read_value (KdxStmt        *stmt,
            int             index,
            const KdxField *column,
            GValue         *value)
{
  const char *text = kdx_stmt_column_text (stmt, index);

  g_value_init (value, kdx_field_get_gtype (column));
  switch (column->type)
    {
    case KDX_FIELD_INT:
      g_value_set_int64 (value, kdx_stmt_column_int64 (stmt, index));
      break;
    case KDX_FIELD_BOOL:
      g_value_set_boolean (value, kdx_stmt_column_int (stmt, index) != 0);
      break;
    case KDX_FIELD_ENUM:
      {
        int number = kdx_enum_unknown_value (column->enum_type ());
        if (text != NULL)
          kdx_enum_from_string (column->enum_type (), text, &number);
        g_value_set_enum (value, number);
        break;
      }
    case KDX_FIELD_TAGS:
      g_value_take_boxed (value, text != NULL ? g_strsplit (text, "\x1f", -1) : g_new0 (char *, 1));
      break;
    default:
      g_value_set_string (value, text);
      break;
    }
}

GPtrArray *
kdx_store_query_rows (KdxStore           *self,
                      const KdxKolQuery  *query,
                      const char *const  *columns,
                      guint               offset,
                      guint               limit,
                      GError            **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) kdx_kol_row_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GString) select = g_string_new ("SELECT kol.id");
  g_autoptr(KdxStmt) stmt = NULL;
  g_autofree char *tail = NULL;
  g_autofree char *today = _kdx_store_query_today (query);
  int rc;

  g_return_val_if_fail (KDX_IS_STORE (self), NULL);
  g_return_val_if_fail (columns != NULL, NULL);

  for (guint i = 0; columns[i] != NULL; i++)
    {
      const KdxField *column = kdx_kol_column_lookup (columns[i], error);
      g_autofree char *expr = NULL;

      if (column == NULL)
        return NULL;
      expr = _kdx_store_column_sql (self, column->name, today);
      g_ptr_array_add (fields, (gpointer) column);
      g_string_append_printf (select, ", %s", expr);
    }
  g_string_append (select, " FROM kol WHERE TRUE");

  /* Our own numbers, never text: written into the statement. */
  if (limit > 0)
    tail = g_strdup_printf (" LIMIT %u OFFSET %u", limit, offset);
  else if (offset > 0)
    tail = g_strdup_printf (" LIMIT %s OFFSET %u", self->backend->no_limit, offset);

  stmt = _kdx_store_prepare_query (self, select->str, query, TRUE, tail, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
    {
      KdxKolRow *row = g_new0 (KdxKolRow, 1);

      row->id = kdx_stmt_column_int64 (stmt, 0);
      row->n_values = fields->len;
      row->values = g_new0 (GValue, fields->len);
      for (guint i = 0; i < fields->len; i++)
        _kdx_store_read_value (stmt, i + 1, g_ptr_array_index (fields, i), &row->values[i]);
      g_ptr_array_add (rows, row);
    }
  if (rc != KDX_STMT_DONE)
    {
      _kdx_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

guint64
kdx_store_get_n_kols_read (KdxStore *self)
{
  g_return_val_if_fail (KDX_IS_STORE (self), 0);
  return self->n_kols_read;
}
