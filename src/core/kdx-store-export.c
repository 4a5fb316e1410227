/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "kdx-enums.h"
#include "kdx-error.h"
#include "kdx-store-private.h"

/* What the exports read (issue 16, item 3), without building a KdxKol:
 * for the spreadsheets the fields a sheet shows, by one SELECT over kol
 * with the tags beside it (loading each file whole cost a transaction
 * and seven statements a row); for the XML export every file as text,
 * one SELECT per table read side by side (GObjects and GValues were a
 * third of its time). */

/* "SELECT kol.id, <one expression per field> FROM kol" */
static char *
build_select (KdxStore              *self,
              const KdxField *const *fields,
              guint                  n_fields)
{
  GString *sql = g_string_new ("SELECT kol.id");

  for (guint i = 0; i < n_fields; i++)
    {
      /* No field of the KOL file depends on the day: any will do. */
      g_autofree char *expr = _kdx_store_column_sql (self, fields[i]->name, "2000-01-01");

      g_return_val_if_fail (expr != NULL, (g_string_free (sql, TRUE), NULL));
      g_string_append_printf (sql, ", %s", expr);
    }
  g_string_append (sql, " FROM kol");
  return g_string_free (sql, FALSE);
}

/* Hands the row @stmt is on to @func. */
static gboolean
pass_row (KdxStmt                *stmt,
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
  ok = func (kdx_stmt_column_int64 (stmt, 0), values, user_data, error);
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
  g_autofree char *select = build_select (self, fields, n_fields);
  g_autofree char *sql = NULL;
  g_autofree GValue *values = g_new0 (GValue, MAX (n_fields, 1));
  KdxStmt *stmt;
  int rc;

  if (select == NULL)
    return FALSE;

  if (ids == NULL)
    {
      /* Every KOL by id, in one statement. */
      sql = g_strconcat (select, " ORDER BY kol.id", NULL);
      if ((stmt = _kdx_store_prepare (self, sql, error)) == NULL)
        return FALSE;
      while ((rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
        if (!pass_row (stmt, fields, n_fields, values, func, user_data, error))
          {
            kdx_stmt_reset (stmt);
            return FALSE;
          }
      kdx_stmt_reset (stmt);
      return rc == KDX_STMT_DONE || _kdx_store_set_error (self, error);
    }

  /* Chosen KOLs in the caller's order: one row each by its key. */
  sql = g_strconcat (select, " WHERE kol.id = ?1", NULL);
  if ((stmt = _kdx_store_prepare (self, sql, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      gboolean ok;

      kdx_stmt_bind_int64 (stmt, 1, id);
      rc = kdx_stmt_step (stmt);
      if (rc == KDX_STMT_ROW)
        ok = pass_row (stmt, fields, n_fields, values, func, user_data, error);
      else if (rc == KDX_STMT_DONE)
        {
          /* The error loading the file gives. */
          g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND,
                       _("There is no KOL with id %" PRId64), id);
          ok = FALSE;
        }
      else
        ok = _kdx_store_set_error (self, error);
      kdx_stmt_reset (stmt);
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

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (fields != NULL || n_fields == 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!_kdx_store_read_begin (self, &own_transaction, error))
    return FALSE;
  return _kdx_store_read_end (self, own_transaction,
                              scan_rows (self, ids, fields, n_fields, func, user_data, error));
}

/* ---- every file as text, for the XML export -------------------------------- */

/* Statement column @column as @field's text in @record, as reading it into
 * a KdxRecord and kdx_field_to_string() would give it; NULL when that
 * field would have no value. */
static void
take_text (KdxFileText    *file,
           KdxRecordText  *record,
           guint           index,
           KdxStmt        *stmt,
           int             column)
{
  const KdxField *field = &record->fields[index];
  const char *text;

  switch (field->type)
    {
    case KDX_FIELD_INT:
      {
        char number[24];

        g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, (gint64) kdx_stmt_column_int64 (stmt, column));
        kdx_file_text_set (file, record, index, number, -1);
      }
      break;
    case KDX_FIELD_BOOL:
      kdx_file_text_set (file, record, index, kdx_stmt_column_int (stmt, column) != 0 ? "true" : "false", -1);
      break;
    case KDX_FIELD_ENUM:
      {
        int number = 0;

        /* CHECK constraints keep unknown values out; 0 is the fallback. */
        kdx_enum_from_string (field->enum_type (), kdx_stmt_column_text (stmt, column), &number);
        if (!kdx_enum_is_unset (field->enum_type (), number))
          kdx_file_text_set (file, record, index, kdx_enum_to_string (field->enum_type (), number), -1);
      }
      break;
    default:
      text = kdx_stmt_column_text (stmt, column);
      if (text != NULL && *text != '\0')
        kdx_file_text_set (file, record, index, text, kdx_stmt_column_bytes (stmt, column));
      break;
    }
}

/* The lists, tags and avatar of KOL @id, from cursors in the order of
 * kdx_kol_list_infos(), then the tags' and the avatar's. */
static gboolean
take_parts (KdxStore        *self,
            KdxStoreCursor  *cursors,
            guint            n_lists,
            gint64           id,
            KdxFileText     *file,
            GError         **error)
{
  KdxRecordText *kol = kdx_file_text_get_kol (file);
  KdxStoreCursor *tag = &cursors[n_lists];
  KdxStoreCursor *avatar = &cursors[n_lists + 1];
  gboolean has_tags = FALSE;

  for (guint l = 0; l < n_lists; l++)
    while (_kdx_store_cursor_at (&cursors[l], id))
      {
        KdxRecordText *item = kdx_file_text_add_item (file, l);

        for (guint i = 0; i < item->n_fields; i++)
          take_text (file, item, i, cursors[l].stmt, i);
        if (!_kdx_store_cursor_next (self, &cursors[l], error))
          return FALSE;
      }

  while (_kdx_store_cursor_at (tag, id))
    {
      kdx_file_text_add_tag (file, kdx_stmt_column_text (tag->stmt, 0));
      has_tags = TRUE;
      if (!_kdx_store_cursor_next (self, tag, error))
        return FALSE;
    }

  for (guint i = 0; i < kol->n_fields; i++)
    {
      const KdxField *field = &kol->fields[i];

      if (field->type == KDX_FIELD_TAGS && has_tags)
        kdx_file_text_set (file, kol, i, "", -1);
      else if (field->type == KDX_FIELD_IMAGE && _kdx_store_cursor_at (avatar, id))
        {
          g_autofree char *base64 = g_base64_encode (kdx_stmt_column_blob (avatar->stmt, 0),
                                                     kdx_stmt_column_bytes (avatar->stmt, 0));

          kdx_file_text_set (file, kol, i, base64, -1);
          if (!_kdx_store_cursor_next (self, avatar, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
scan_texts (KdxStore         *self,
            KdxFileTextFunc   func,
            gpointer          user_data,
            GError          **error)
{
  g_autoptr(KdxFileText) file = kdx_file_text_new ();
  KdxRecordText *kol = kdx_file_text_get_kol (file);
  KdxStoreCursor cursors[KDX_STORE_N_PART_CURSORS] = { { 0 } };
  KdxStoreCursor kols = { 0 };
  gboolean ok = _kdx_store_scan_open (self, cursors, &kols, error);

  while (ok && kols.rc == KDX_STMT_ROW)
    {
      gint64 id = kdx_stmt_column_int64 (kols.stmt, 0);
      int column = 0;

      kdx_file_text_clear (file);
      for (guint i = 0; i < kol->n_fields; i++)
        if (_kdx_store_is_kol_column (&kol->fields[i]))
          take_text (file, kol, i, kols.stmt, column++);
      ok = take_parts (self, cursors, KDX_STORE_N_PART_CURSORS - 2, id, file, error)
        && func (file, user_data, error)
        && _kdx_store_cursor_next (self, &kols, error);
    }

  _kdx_store_scan_close (cursors, &kols);
  return ok;
}

/**
 * kdx_store_foreach_file_text:
 * @func: called with each file as text, by id; the text is valid only
 *   during the call
 *
 * Every KOL file as kdx_store_foreach_kol() reads it (one SELECT per
 * table, side by side, as one state of the database), given as the text
 * of its fields instead of objects: what the XML export writes.
 */
gboolean
kdx_store_foreach_file_text (KdxStore         *self,
                             KdxFileTextFunc   func,
                             gpointer          user_data,
                             GError          **error)
{
  gboolean own_transaction;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!_kdx_store_read_begin (self, &own_transaction, error))
    return FALSE;
  return _kdx_store_read_end (self, own_transaction, scan_texts (self, func, user_data, error));
}
