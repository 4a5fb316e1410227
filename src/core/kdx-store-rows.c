/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include "kdx-kol.h"
#include "kdx-store-private.h"

/* The list's rows (issue 16, item 4): a screenful of KOLs as the list
 * shows them, from ONE query, where a whole file costs eight statements
 * each. A row holds every field of the kol table, its tags and avatar,
 * and instead of its timeline, channels and history only the three
 * facts the list derives from them (kdx_kol_set_row_summary()). Whoever
 * edits a KOL loads its whole file by id. */

#define ROW_AVATAR_SQL "(SELECT image FROM kol_avatar WHERE kol_avatar.kol_id = kol.id)"

/* The select list of a list row ("SELECT kol.id, ..."), over a row of
 * kol with its list facts beside it (KDX_STORE_LIST_FACTS_JOIN,
 * kdx-store-list-facts.c); @fields gets the KOL fields it reads, in
 * their order from column KDX_STORE_ROW_FIRST_FIELD on. */
char *
_kdx_store_row_select (KdxStore  *self,
                       GPtrArray *fields)
{
  g_autoptr(GString) select = g_string_new ("SELECT kol.id, kol_list_facts.last_contact, "
                                            "kol_list_facts.stage_since, " ROW_AVATAR_SQL
                                            ", kol_list_facts.channel_count");
  const KdxField *kol_fields;
  guint n_kol_fields;

  kol_fields = kdx_record_type_get_fields (KDX_TYPE_KOL, &n_kol_fields);
  for (guint i = 0; i < n_kol_fields; i++)
    {
      const KdxField *field = &kol_fields[i];

      if (_kdx_store_is_kol_column (field))
        g_string_append_printf (select, ", kol.%s", field->name);
      else if (field->type == KDX_FIELD_TAGS)
        g_string_append (select, ", kol_list_facts.tags");
      else
        continue;
      g_ptr_array_add (fields, (gpointer) field);
    }
  return g_string_free (g_steal_pointer (&select), FALSE);
}

/* The list row of the current row of a statement of _kdx_store_row_select(). */
KdxKol *
_kdx_store_read_row (KdxStmt   *stmt,
                     GPtrArray *fields)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  const void *image = kdx_stmt_column_blob (stmt, 3);

  for (guint i = 0; i < fields->len; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      _kdx_store_read_value (stmt, i + KDX_STORE_ROW_FIRST_FIELD, g_ptr_array_index (fields, i), &value);
      kdx_record_set_value (KDX_RECORD (kol), g_ptr_array_index (fields, i), &value);
    }
  if (image != NULL)
    {
      g_autoptr(GBytes) avatar = g_bytes_new (image, kdx_stmt_column_bytes (stmt, 3));
      g_object_set (kol, "avatar", avatar, NULL);
    }
  kdx_kol_set_row_summary (kol, TRUE, kdx_stmt_column_text (stmt, 1),
                           kdx_stmt_column_text (stmt, 2),
                           (guint) kdx_stmt_column_int64 (stmt, 4));
  return g_steal_pointer (&kol);
}

GPtrArray *
kdx_store_load_kol_rows (KdxStore      *self,
                         const gint64  *ids,
                         guint          n_ids,
                         GError       **error)
{
  g_autoptr(GPtrArray) kols = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autofree char *select = NULL;
  g_autoptr(GString) sql = NULL;
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  g_autoptr(KdxStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (KDX_IS_STORE (self), NULL);

  if (n_ids == 0)
    return g_steal_pointer (&kols);

  select = _kdx_store_row_select (self, fields);
  sql = g_string_new (select);
  g_string_append (sql, " FROM kol" KDX_STORE_LIST_FACTS_JOIN " WHERE TRUE");

  query->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (query->ids, ids, n_ids);
  stmt = _kdx_store_prepare_query (self, sql->str, query, FALSE, NULL, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
    g_ptr_array_add (kols, _kdx_store_read_row (stmt, fields));
  if (rc != KDX_STMT_DONE)
    {
      _kdx_store_set_error (self, error);
      return NULL;
    }
  self->n_rows_read += kols->len;
  return g_steal_pointer (&kols);
}

guint64
kdx_store_get_n_rows_read (KdxStore *self)
{
  g_return_val_if_fail (KDX_IS_STORE (self), 0);
  return self->n_rows_read;
}
