/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "kdx-enums.h"
#include "kdx-error.h"
#include "kdx-store-private.h"
#include "kdx-value.h"

/* The KOL record codec: a KOL file to rows (the kol row, its lists, tags,
 * avatar and search text) and back, with the SQL made once from the
 * field tables so columns follow FIELDS.md. */

/* The lists of a KOL file and the tables that hold them. */
static const struct
{
  const char *list;
  const char *table;
} list_tables[] = {
  { "channels", "channel" },
  { "events", "event" },
  { "important_dates", "important_date" },
  { "stage_history", "stage_history" },
};

/* The table of the KOL list @list (a FIELDS.md list name), or NULL. */
const char *
_kdx_store_list_table (const char *list)
{
  for (guint i = 0; i < G_N_ELEMENTS (list_tables); i++)
    if (g_str_equal (list_tables[i].list, list))
      return list_tables[i].table;
  return NULL;
}

/* ---- generic field binding ------------------------------------------------ */

/* Fields kept in the kol table itself; tags and the avatar have tables. */
gboolean
_kdx_store_is_kol_column (const KdxField *field)
{
  return field->type != KDX_FIELD_IMAGE && field->type != KDX_FIELD_TAGS;
}

static gboolean
bind_field (KdxStmt        *stmt,
            int             index,
            KdxRecord      *record,
            const KdxField *field,
            GError        **error)
{
  const char *text;

  /* Straight from the record: no GValue copy per field and row. */
  if (kdx_field_get_gtype (field) == G_TYPE_STRING)
    {
      text = kdx_record_peek_string (record, field);
      /* Text that is not UTF-8 never reaches the database, whichever way
       * it came into the record: kdx_field_parse() refuses it first, with
       * more to say; this is the last guard, for values set as properties. */
      if (!kdx_value_check_utf8 (field->name, text, error))
        return FALSE;
      _kdx_store_bind_text (stmt, index, text);
      return TRUE;
    }

  switch (field->type)
    {
    case KDX_FIELD_INT:
    case KDX_FIELD_BOOL:
      kdx_stmt_bind_int64 (stmt, index, kdx_record_peek_number (record, field));
      break;
    case KDX_FIELD_ENUM:
      _kdx_store_bind_text (stmt, index, kdx_enum_to_string (field->enum_type (),
                                                             (int) kdx_record_peek_number (record, field)));
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

static void
read_field (KdxStmt        *stmt,
            int             column,
            KdxRecord      *record,
            const KdxField *field)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, kdx_field_get_gtype (field));

  switch (field->type)
    {
    case KDX_FIELD_INT:
      g_value_set_int64 (&value, kdx_stmt_column_int64 (stmt, column));
      break;
    case KDX_FIELD_BOOL:
      g_value_set_boolean (&value, kdx_stmt_column_int (stmt, column) != 0);
      break;
    case KDX_FIELD_ENUM:
      {
        int number = 0;
        /* CHECK constraints keep unknown values out; 0 is the fallback. */
        kdx_enum_from_string (field->enum_type (),
                              kdx_stmt_column_text (stmt, column), &number);
        g_value_set_enum (&value, number);
      }
      break;
    default:
      g_value_set_string (&value, kdx_stmt_column_text (stmt, column));
      break;
    }

  kdx_record_set_value (record, field, &value);
}

static const KdxField *
kol_fields (guint *n_fields)
{
  return kdx_record_type_get_fields (KDX_TYPE_KOL, n_fields);
}

static char *
build_kol_sql (const char *kind)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) marks = g_string_new (NULL);
  const KdxField *fields;
  guint n_fields;
  gboolean first = TRUE;

  fields = kol_fields (&n_fields);

  if (g_str_equal (kind, "insert"))
    g_string_append (sql, "INSERT INTO kol (");
  else if (g_str_equal (kind, "update"))
    g_string_append (sql, "UPDATE kol SET ");
  else
    g_string_append (sql, "SELECT ");

  for (guint i = 0; i < n_fields; i++)
    {
      const KdxField *field = &fields[i];

      if (!_kdx_store_is_kol_column (field))
        continue;
      /* An update never rewrites who the KOL is or when it was made. */
      if (g_str_equal (kind, "update")
          && (g_str_equal (field->name, "id") || g_str_equal (field->name, "uid")
              || g_str_equal (field->name, "created_at")))
        continue;

      if (!first)
        {
          g_string_append (sql, ", ");
          g_string_append (marks, ", ");
        }
      first = FALSE;

      g_string_append (sql, field->name);
      if (g_str_equal (kind, "update"))
        g_string_append (sql, " = ?");
      g_string_append_c (marks, '?');
    }

  if (g_str_equal (kind, "insert"))
    g_string_append_printf (sql, ") VALUES (%s)", marks->str);
  else if (g_str_equal (kind, "update"))
    g_string_append (sql, " WHERE id = ?");
  else if (g_str_equal (kind, "scan"))
    g_string_append (sql, " FROM kol ORDER BY id");
  else
    g_string_append (sql, " FROM kol WHERE id = ?");

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static char *
build_list_sql (const char *kind,
                const char *table,
                GType       item_type)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) marks = g_string_new (NULL);
  const KdxField *fields;
  guint n_fields;

  fields = kdx_record_type_get_fields (item_type, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", fields[i].name);
      g_string_append (marks, ", ?");
    }

  if (g_str_equal (kind, "insert"))
    g_string_printf (sql, "INSERT INTO %s (kol_id, position, %s) VALUES (?, ?%s)",
                     table, names->str, marks->str);
  else if (g_str_equal (kind, "scan"))
    g_string_printf (sql, "SELECT %s, kol_id FROM %s ORDER BY kol_id, position",
                     names->str, table);
  else
    g_string_printf (sql, "SELECT %s FROM %s WHERE kol_id = ? ORDER BY position",
                     names->str, table);

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* Makes the SQL that follows the field tables, once per connection. */
void
_kdx_store_build_sql (KdxStore *self)
{
  g_autofree char *insert = build_kol_sql ("insert");

  self->kol_insert_sql = g_strconcat (insert, self->backend->insert_returning, NULL);
  self->kol_update_sql = build_kol_sql ("update");
  self->kol_select_sql = build_kol_sql ("select");
  self->kol_scan_sql = build_kol_sql ("scan");
  for (guint i = 0; i < G_N_ELEMENTS (list_tables); i++)
    {
      g_autoptr(KdxKol) probe = kdx_kol_new ();
      GType item_type = g_list_model_get_item_type (G_LIST_MODEL (kdx_kol_get_list (probe, list_tables[i].list)));

      g_hash_table_insert (self->list_sql, g_strconcat ("insert ", list_tables[i].table, NULL),
                           build_list_sql ("insert", list_tables[i].table, item_type));
      g_hash_table_insert (self->list_sql, g_strconcat ("select ", list_tables[i].table, NULL),
                           build_list_sql ("select", list_tables[i].table, item_type));
      g_hash_table_insert (self->list_sql, g_strconcat ("scan ", list_tables[i].table, NULL),
                           build_list_sql ("scan", list_tables[i].table, item_type));
    }
}

/* ---- writing the parts of a file ------------------------------------------ */

/* Runs @sql (a DELETE of KOL @id's rows) unless @kol is new: a KOL the
 * store has just given its id has no rows to delete, and an import of
 * 100,000 new KOLs saves 700,000 statements (issue 16). */
static gboolean
delete_rows (KdxStore    *self,
             const char  *sql,
             gint64       id,
             gboolean     is_new,
             GError     **error)
{
  KdxStmt *stmt;

  if (is_new)
    return TRUE;
  if ((stmt = _kdx_store_prepare (self, sql, error)) == NULL)
    return FALSE;
  kdx_stmt_bind_int64 (stmt, 1, id);
  return _kdx_store_step_done (self, stmt, error);
}

static gboolean
write_tags (KdxStore  *self,
            gint64     id,
            KdxKol    *kol,
            gboolean   is_new,
            GError   **error)
{
  const char *const *tags = kdx_kol_get_tags (kol);
  KdxStmt *stmt;

  if (!delete_rows (self, "DELETE FROM kol_tag WHERE kol_id = ?", id, is_new, error))
    return FALSE;

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      if (!kdx_value_check_utf8 ("tags", tags[i], error))
        return FALSE;
      /* An empty tag is no tag (INSERT OR IGNORE skipped its NULL). */
      if (*tags[i] == '\0')
        continue;
      /* A tag twice is kept once; ON CONFLICT, unlike SQLite's OR IGNORE,
       * is what PostgreSQL speaks too. */
      stmt = _kdx_store_prepare (self, "INSERT INTO kol_tag (kol_id, position, tag) VALUES (?, ?, ?) "
                                       "ON CONFLICT (kol_id, tag) DO NOTHING", error);
      if (stmt == NULL)
        return FALSE;
      kdx_stmt_bind_int64 (stmt, 1, id);
      kdx_stmt_bind_int64 (stmt, 2, i);
      _kdx_store_bind_text (stmt, 3, tags[i]);
      if (!_kdx_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_avatar (KdxStore  *self,
              gint64     id,
              KdxKol    *kol,
              gboolean   is_new,
              GError   **error)
{
  g_autoptr(GBytes) avatar = NULL;
  KdxStmt *stmt;

  g_object_get (kol, "avatar", &avatar, NULL);

  if (!delete_rows (self, "DELETE FROM kol_avatar WHERE kol_id = ?", id, is_new, error))
    return FALSE;

  if (avatar == NULL)
    return TRUE;

  if ((stmt = _kdx_store_prepare (self, "INSERT INTO kol_avatar (kol_id, image) VALUES (?, ?)", error)) == NULL)
    return FALSE;
  kdx_stmt_bind_int64 (stmt, 1, id);
  kdx_stmt_bind_blob (stmt, 2, g_bytes_get_data (avatar, NULL), g_bytes_get_size (avatar));
  return _kdx_store_step_done (self, stmt, error);
}

static gboolean
insert_list_item (KdxStore   *self,
                  const char *sql,
                  gint64      id,
                  guint       position,
                  KdxRecord  *item,
                  GError    **error)
{
  const KdxField *fields;
  guint n_fields;
  KdxStmt *stmt;

  if ((stmt = _kdx_store_prepare (self, sql, error)) == NULL)
    return FALSE;

  kdx_stmt_bind_int64 (stmt, 1, id);
  kdx_stmt_bind_int64 (stmt, 2, position);
  fields = kdx_record_get_fields (item, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (!bind_field (stmt, i + 3, item, &fields[i], error))
      return FALSE;

  return _kdx_store_step_done (self, stmt, error);
}

static gboolean
write_list (KdxStore   *self,
            const char *table,
            gint64      id,
            GListModel *list,
            gboolean    is_new,
            GError    **error)
{
  guint n = g_list_model_get_n_items (list);
  g_autofree char *key = NULL;
  const char *insert;

  /* No text made for a DELETE a new KOL does not run, nor for an insert
   * of an empty list: both were made per list and row of an import. */
  if (!is_new)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE kol_id = ?", table);

      if (!delete_rows (self, sql, id, is_new, error))
        return FALSE;
    }
  if (n == 0)
    return TRUE;

  key = g_strconcat ("insert ", table, NULL);
  insert = g_hash_table_lookup (self->list_sql, key);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdxRecord) item = g_list_model_get_item (list, i);
      if (!insert_list_item (self, insert, id, i, item, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_kdx_store_append_stage_entry (KdxStore    *self,
                               gint64       id,
                               KdxStage     stage,
                               const char  *at,
                               const char  *note,
                               GError     **error)
{
  KdxStmt *stmt;

  stmt = _kdx_store_prepare (self,
                  "INSERT INTO stage_history (kol_id, position, stage, at, note, made_by) "
                  "VALUES (?1, (SELECT coalesce(max(position) + 1, 0) FROM stage_history "
                  "             WHERE kol_id = ?1), ?2, ?3, ?4, ?5)",
                  error);
  if (stmt == NULL)
    return FALSE;

  kdx_stmt_bind_int64 (stmt, 1, id);
  _kdx_store_bind_text (stmt, 2, kdx_stage_to_string (stage));
  _kdx_store_bind_text (stmt, 3, at);
  _kdx_store_bind_text (stmt, 4, note);
  _kdx_store_bind_text (stmt, 5, self->operator_name);
  return _kdx_store_step_done (self, stmt, error)
      && _kdx_store_summarise_kol (self, id, error);
}

/* @text after the words from @start on in @out, a space between. */
static void
append_words (GString    *out,
              gsize       start,
              const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (out->len > start)
    g_string_append_c (out, ' ');
  g_string_append (out, text);
}

static const char *
peek_text (KdxRecord  *record,
           const char *name)
{
  return kdx_record_peek_string (record, kdx_record_find_field (record, name));
}

/* The search text of one KOL: names, handles (every channel's too), tags
 * with the category, notes with the bio; the backend keeps its index.
 * The four parts share one buffer, each ended by a NUL, and are read
 * without copies: this runs for every row of an import (issue 16). */
static gboolean
write_search_text (KdxStore  *self,
                   gint64     id,
                   KdxKol    *kol,
                   gboolean   is_new,
                   GError   **error)
{
  g_autoptr(GString) out = g_string_sized_new (512);
  GListModel *channels = G_LIST_MODEL (kdx_kol_get_channels (kol));
  const char *const *tag_list = kdx_kol_get_tags (kol);
  gsize starts[4];
  KdxSearchText text;

  starts[0] = 0;
  append_words (out, starts[0], kdx_kol_get_display_name (kol));
  append_words (out, starts[0], kdx_kol_get_real_name (kol));
  g_string_append_c (out, '\0');

  starts[1] = out->len;
  append_words (out, starts[1], kdx_kol_get_handle (kol));
  append_words (out, starts[1], peek_text (KDX_RECORD (kol), "wechat"));
  append_words (out, starts[1], peek_text (KDX_RECORD (kol), "own_account"));
  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(KdxRecord) channel = g_list_model_get_item (channels, i);

      append_words (out, starts[1], peek_text (channel, "handle"));
    }
  g_string_append_c (out, '\0');

  starts[2] = out->len;
  for (guint i = 0; tag_list != NULL && tag_list[i] != NULL; i++)
    append_words (out, starts[2], tag_list[i]);
  append_words (out, starts[2], peek_text (KDX_RECORD (kol), "category"));
  g_string_append_c (out, '\0');

  starts[3] = out->len;
  append_words (out, starts[3], kdx_kol_get_notes (kol));
  append_words (out, starts[3], peek_text (KDX_RECORD (kol), "bio"));

  text.names = out->str + starts[0];
  text.handles = out->str + starts[1];
  text.tags = out->str + starts[2];
  text.notes = out->str + starts[3];
  return (is_new || self->backend->unindex_kol (self, id, error))
      && self->backend->index_kol (self, id, &text, error);
}

/* The search text of KOL @id, which has none yet (a copy's KOLs). */
gboolean
_kdx_store_index_new_kol (KdxStore  *self,
                          gint64     id,
                          KdxKol    *kol,
                          GError   **error)
{
  return write_search_text (self, id, kol, TRUE, error);
}

/* Everything but the kol row and the stage history. @is_new: the store
 * has just given @kol its id, so nothing of it is stored yet. */
gboolean
_kdx_store_write_parts (KdxStore  *self,
                        gint64     id,
                        KdxKol    *kol,
                        gboolean   is_new,
                        GError   **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (list_tables); i++)
    {
      if (g_str_equal (list_tables[i].list, "stage_history"))
        continue;
      if (!write_list (self, list_tables[i].table, id,
                       G_LIST_MODEL (kdx_kol_get_list (kol, list_tables[i].list)), is_new, error))
        return FALSE;
    }

  return write_tags (self, id, kol, is_new, error)
      && write_avatar (self, id, kol, is_new, error)
      && write_search_text (self, id, kol, is_new, error);
}

gboolean
_kdx_store_check_required (KdxKol  *kol,
                           GError **error)
{
  g_autofree char *name = g_strdup (kdx_kol_get_display_name (kol));

  if (name == NULL || *g_strstrip (name) == '\0')
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                   _("display_name: a value is required"));
      return FALSE;
    }
  return TRUE;
}

gboolean
_kdx_store_write_history (KdxStore  *self,
                          gint64     id,
                          KdxKol    *kol,
                          gboolean   is_new,
                          GError   **error)
{
  /* The stays Insights reads are made again from the history written. */
  return write_list (self, "stage_history", id,
                     G_LIST_MODEL (kdx_kol_get_stage_history (kol)), is_new, error)
      && _kdx_store_summarise_kol (self, id, error);
}

gboolean
_kdx_store_write_kol_row (KdxStore    *self,
                          const char  *sql,
                          KdxKol      *kol,
                          gboolean     is_update,
                          gint64      *id,
                          GError     **error)
{
  const KdxField *fields;
  guint n_fields;
  KdxStmt *stmt;
  int index = 1;
  int rc;

  if ((stmt = _kdx_store_prepare (self, sql, error)) == NULL)
    return FALSE;

  fields = kdx_record_get_fields (KDX_RECORD (kol), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *name = fields[i].name;

      if (!_kdx_store_is_kol_column (&fields[i]))
        continue;
      if (is_update && (g_str_equal (name, "id") || g_str_equal (name, "uid")
                        || g_str_equal (name, "created_at")))
        continue;
      if (g_str_equal (name, "id") && kdx_kol_get_id (kol) <= 0)
        kdx_stmt_bind_null (stmt, index++); /* the store picks it */
      else if (!bind_field (stmt, index++, KDX_RECORD (kol), &fields[i], error))
        return FALSE;
    }
  if (is_update)
    kdx_stmt_bind_int64 (stmt, index, kdx_kol_get_id (kol));

  /* An insert tells the new KOL's id as a row (RETURNING id) or after
   * (the backend's insert_returning). */
  rc = kdx_stmt_step (stmt);
  if (rc == KDX_STMT_ROW && id != NULL)
    *id = kdx_stmt_column_int64 (stmt, 0);
  else if (rc == KDX_STMT_DONE && id != NULL)
    *id = self->backend->last_insert_id (self);
  if (rc == KDX_STMT_ERROR)
    {
      int code = self->backend->last_failure (self);

      kdx_stmt_reset (stmt);
      if (code == KDX_STORE_FAILURE_UNIQUE)
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                       _("A KOL with the id %" PRId64 " or the uid %s already exists"),
                       kdx_kol_get_id (kol), kdx_kol_get_uid (kol));
          return FALSE;
        }
      return _kdx_store_set_error (self, error);
    }
  kdx_stmt_reset (stmt);
  return TRUE;
}

/* ---- reading -------------------------------------------------------------- */

static gboolean
read_parts (KdxStore  *self,
            gint64     id,
            KdxKol    *kol,
            GError   **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) avatar = NULL;
  KdxStmt *stmt;
  int rc;

  if ((stmt = _kdx_store_prepare (self, "SELECT tag FROM kol_tag WHERE kol_id = ? ORDER BY position", error)) == NULL)
    return FALSE;
  kdx_stmt_bind_int64 (stmt, 1, id);
  while ((rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
    g_ptr_array_add (tags, g_strdup (kdx_stmt_column_text (stmt, 0)));
  kdx_stmt_reset (stmt);
  if (rc != KDX_STMT_DONE)
    return _kdx_store_set_error (self, error);
  g_ptr_array_add (tags, NULL);
  g_object_set (kol, "tags", tags->pdata, NULL);

  if ((stmt = _kdx_store_prepare (self, "SELECT image FROM kol_avatar WHERE kol_id = ?", error)) == NULL)
    return FALSE;
  kdx_stmt_bind_int64 (stmt, 1, id);
  rc = kdx_stmt_step (stmt);
  if (rc == KDX_STMT_ROW)
    avatar = g_bytes_new (kdx_stmt_column_blob (stmt, 0), kdx_stmt_column_bytes (stmt, 0));
  kdx_stmt_reset (stmt);
  if (rc != KDX_STMT_ROW && rc != KDX_STMT_DONE)
    return _kdx_store_set_error (self, error);
  g_object_set (kol, "avatar", avatar, NULL);

  for (guint l = 0; l < G_N_ELEMENTS (list_tables); l++)
    {
      GListStore *list = kdx_kol_get_list (kol, list_tables[l].list);
      GType item_type = g_list_model_get_item_type (G_LIST_MODEL (list));
      g_autofree char *key = g_strconcat ("select ", list_tables[l].table, NULL);
      const char *sql = g_hash_table_lookup (self->list_sql, key);
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      if ((stmt = _kdx_store_prepare (self, sql, error)) == NULL)
        return FALSE;
      kdx_stmt_bind_int64 (stmt, 1, id);
      while ((rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
        {
          KdxRecord *item = g_object_new (item_type, NULL);
          const KdxField *fields;
          guint n_fields;

          fields = kdx_record_get_fields (item, &n_fields);
          for (guint i = 0; i < n_fields; i++)
            read_field (stmt, i, item, &fields[i]);
          g_ptr_array_add (items, item);
        }
      kdx_stmt_reset (stmt);
      if (rc != KDX_STMT_DONE)
        return _kdx_store_set_error (self, error);

      g_list_store_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)),
                           items->pdata, items->len);
    }

  return TRUE;
}

gboolean
_kdx_store_read_kol (KdxStore  *self,
                     gint64     id,
                     KdxKol    *kol,
                     GError   **error)
{
  const KdxField *fields;
  guint n_fields;
  KdxStmt *stmt;
  int rc;
  int column = 0;

  self->n_kols_read++;
  if ((stmt = _kdx_store_prepare (self, self->kol_select_sql, error)) == NULL)
    return FALSE;
  kdx_stmt_bind_int64 (stmt, 1, id);
  rc = kdx_stmt_step (stmt);
  if (rc == KDX_STMT_DONE)
    {
      kdx_stmt_reset (stmt);
      g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND,
                   _("There is no KOL with id %" PRId64), id);
      return FALSE;
    }
  if (rc != KDX_STMT_ROW)
    {
      kdx_stmt_reset (stmt);
      return _kdx_store_set_error (self, error);
    }

  g_object_freeze_notify (G_OBJECT (kol));
  fields = kdx_record_get_fields (KDX_RECORD (kol), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (_kdx_store_is_kol_column (&fields[i]))
      read_field (stmt, column++, KDX_RECORD (kol), &fields[i]);
  kdx_stmt_reset (stmt);

  if (!read_parts (self, id, kol, error))
    {
      g_object_thaw_notify (G_OBJECT (kol));
      return FALSE;
    }
  g_object_thaw_notify (G_OBJECT (kol));
  return TRUE;
}

/* The stored stage of a KOL, or FALSE with NOT_FOUND. */
gboolean
_kdx_store_read_stage (KdxStore  *self,
                       gint64     id,
                       KdxStage  *stage,
                       GError   **error)
{
  KdxStmt *stmt;
  int rc;

  if ((stmt = _kdx_store_prepare (self, "SELECT stage FROM kol WHERE id = ?", error)) == NULL)
    return FALSE;
  kdx_stmt_bind_int64 (stmt, 1, id);
  rc = kdx_stmt_step (stmt);
  if (rc == KDX_STMT_ROW)
    kdx_stage_from_string (kdx_stmt_column_text (stmt, 0), stage);
  kdx_stmt_reset (stmt);

  if (rc == KDX_STMT_DONE)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND,
                   _("There is no KOL with id %" PRId64), id);
      return FALSE;
    }
  if (rc != KDX_STMT_ROW)
    return _kdx_store_set_error (self, error);
  return TRUE;
}

/* ---- loading a file ------------------------------------------------------- */

KdxKol *
kdx_store_load_kol (KdxStore  *self,
                    gint64     id,
                    GError   **error)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  gboolean own_transaction;
  gboolean ok;

  g_return_val_if_fail (KDX_IS_STORE (self), NULL);

  /* One read transaction for the file's seven statements: the file is
   * read as one state of the database, and the locks are taken once
   * instead of seven times (measured: a third of the time of a load). */
  own_transaction = !self->backend->in_transaction (self);
  if (own_transaction && !_kdx_store_run (self, "BEGIN", error))
    return NULL;
  ok = _kdx_store_read_kol (self, id, kol, error);
  if (own_transaction)
    _kdx_store_run (self, ok ? "COMMIT" : "ROLLBACK", NULL);

  return ok ? g_steal_pointer (&kol) : NULL;
}

/* Reads the stored file into @kol, notifying only what changed: how an
 * object a view shows follows the database. */
gboolean
kdx_store_reload_kol (KdxStore  *self,
                      KdxKol    *kol,
                      GError   **error)
{
  g_autoptr(KdxKol) fresh = NULL;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (KDX_IS_KOL (kol), FALSE);

  fresh = kdx_store_load_kol (self, kdx_kol_get_id (kol), error);
  if (fresh == NULL)
    return FALSE;

  kdx_kol_assign (kol, fresh);
  return TRUE;
}

/* ---- every file, in one pass ---------------------------------------------- */

G_STATIC_ASSERT (G_N_ELEMENTS (list_tables) + 2 == KDX_STORE_N_PART_CURSORS);

/* Opens the scans of every file read side by side: @parts gets one cursor
 * per list table (each item's fields in field order, then its kol_id),
 * then the tags' and the avatars', @kols the kol table's, all by id. */
gboolean
_kdx_store_scan_open (KdxStore        *self,
                      KdxStoreCursor  *parts,
                      KdxStoreCursor  *kols,
                      GError         **error)
{
  guint n_lists;
  const KdxKolListInfo *infos = kdx_kol_list_infos (&n_lists);
  gboolean ok = TRUE;

  for (guint l = 0; l < G_N_ELEMENTS (list_tables) && ok; l++)
    {
      g_autofree char *key = g_strconcat ("scan ", list_tables[l].table, NULL);
      const char *sql = g_hash_table_lookup (self->list_sql, key);
      guint n_fields;

      /* The list tables are in the order of kdx_kol_list_infos(). */
      g_assert (l < n_lists && g_str_equal (infos[l].name, list_tables[l].list));
      kdx_record_type_get_fields (infos[l].item_type (), &n_fields);
      ok = _kdx_store_cursor_open (self, &parts[l], sql, (int) n_fields, error);
    }
  ok = ok && _kdx_store_cursor_open (self, &parts[G_N_ELEMENTS (list_tables)],
                                     "SELECT tag, kol_id FROM kol_tag ORDER BY kol_id, position", 1, error);
  ok = ok && _kdx_store_cursor_open (self, &parts[G_N_ELEMENTS (list_tables) + 1],
                                     "SELECT image, kol_id FROM kol_avatar ORDER BY kol_id", 1, error);
  return ok && _kdx_store_cursor_open (self, kols, self->kol_scan_sql, 0, error);
}

void
_kdx_store_scan_close (KdxStoreCursor *parts,
                       KdxStoreCursor *kols)
{
  for (guint i = 0; i < KDX_STORE_N_PART_CURSORS; i++)
    if (parts[i].stmt != NULL)
      kdx_stmt_reset (parts[i].stmt);
  if (kols->stmt != NULL)
    kdx_stmt_reset (kols->stmt);
}

/* Reads that must see one state of the database take a transaction of
 * their own, unless the caller holds one. */
gboolean
_kdx_store_read_begin (KdxStore  *self,
                       gboolean  *own_transaction,
                       GError   **error)
{
  *own_transaction = !self->backend->in_transaction (self);
  return !*own_transaction || _kdx_store_run (self, "BEGIN", error);
}

gboolean
_kdx_store_read_end (KdxStore *self,
                     gboolean  own_transaction,
                     gboolean  ok)
{
  if (own_transaction)
    _kdx_store_run (self, ok ? "COMMIT" : "ROLLBACK", NULL);
  return ok;
}

gboolean
_kdx_store_cursor_open (KdxStore        *self,
                        KdxStoreCursor  *cursor,
                        const char      *sql,
                        int              id_column,
                        GError         **error)
{
  if ((cursor->stmt = _kdx_store_prepare (self, sql, error)) == NULL)
    return FALSE;
  cursor->id_column = id_column;
  cursor->rc = kdx_stmt_step (cursor->stmt);
  return cursor->rc == KDX_STMT_ROW || cursor->rc == KDX_STMT_DONE || _kdx_store_set_error (self, error);
}

gboolean
_kdx_store_cursor_at (KdxStoreCursor *cursor,
                      gint64          id)
{
  while (cursor->rc == KDX_STMT_ROW && kdx_stmt_column_int64 (cursor->stmt, cursor->id_column) < id)
    cursor->rc = kdx_stmt_step (cursor->stmt);
  return cursor->rc == KDX_STMT_ROW && kdx_stmt_column_int64 (cursor->stmt, cursor->id_column) == id;
}

gboolean
_kdx_store_cursor_next (KdxStore        *self,
                        KdxStoreCursor  *cursor,
                        GError         **error)
{
  cursor->rc = kdx_stmt_step (cursor->stmt);
  return cursor->rc == KDX_STMT_ROW || cursor->rc == KDX_STMT_DONE || _kdx_store_set_error (self, error);
}

static gboolean
scan_parts (KdxStore        *self,
            KdxStoreCursor  *cursors,
            gint64           id,
            KdxKol          *kol,
            GError         **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  KdxStoreCursor *tag = &cursors[G_N_ELEMENTS (list_tables)];
  KdxStoreCursor *avatar = &cursors[G_N_ELEMENTS (list_tables) + 1];

  for (guint l = 0; l < G_N_ELEMENTS (list_tables); l++)
    {
      GListStore *list = kdx_kol_get_list (kol, list_tables[l].list);
      GType item_type = g_list_model_get_item_type (G_LIST_MODEL (list));
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      while (_kdx_store_cursor_at (&cursors[l], id))
        {
          KdxRecord *item = g_object_new (item_type, NULL);
          const KdxField *fields;
          guint n_fields;

          fields = kdx_record_get_fields (item, &n_fields);
          for (guint i = 0; i < n_fields; i++)
            read_field (cursors[l].stmt, i, item, &fields[i]);
          g_ptr_array_add (items, item);
          if (!_kdx_store_cursor_next (self, &cursors[l], error))
            return FALSE;
        }
      g_list_store_splice (list, 0, 0, items->pdata, items->len);
    }

  while (_kdx_store_cursor_at (tag, id))
    {
      g_ptr_array_add (tags, g_strdup (kdx_stmt_column_text (tag->stmt, 0)));
      if (!_kdx_store_cursor_next (self, tag, error))
        return FALSE;
    }
  /* Set as read_parts() sets them, so a file reads the same both ways. */
  g_ptr_array_add (tags, NULL);
  g_object_set (kol, "tags", tags->pdata, NULL);

  if (_kdx_store_cursor_at (avatar, id))
    {
      g_autoptr(GBytes) image = g_bytes_new (kdx_stmt_column_blob (avatar->stmt, 0),
                                             kdx_stmt_column_bytes (avatar->stmt, 0));

      g_object_set (kol, "avatar", image, NULL);
      return _kdx_store_cursor_next (self, avatar, error);
    }
  g_object_set (kol, "avatar", NULL, NULL);
  return TRUE;
}

static gboolean
scan_kols (KdxStore    *self,
           KdxKolFunc   func,
           gpointer     user_data,
           GError     **error)
{
  KdxStoreCursor cursors[KDX_STORE_N_PART_CURSORS] = { { 0 } };
  KdxStoreCursor kols = { 0 };
  guint n_columns = 0;
  const KdxField *fields = kol_fields (&n_columns);
  gboolean ok = _kdx_store_scan_open (self, cursors, &kols, error);

  while (ok && kols.rc == KDX_STMT_ROW)
    {
      g_autoptr(KdxKol) kol = kdx_kol_new ();
      gint64 id = kdx_stmt_column_int64 (kols.stmt, 0);
      int column = 0;

      self->n_kols_read++; /* a whole file, as a load reads it */

      for (guint i = 0; i < n_columns; i++)
        if (_kdx_store_is_kol_column (&fields[i]))
          read_field (kols.stmt, column++, KDX_RECORD (kol), &fields[i]);
      ok = scan_parts (self, cursors, id, kol, error)
        && func (kol, user_data, error)
        && _kdx_store_cursor_next (self, &kols, error);
    }

  _kdx_store_scan_close (cursors, &kols);
  return ok;
}

/**
 * kdx_store_foreach_kol:
 * @func: called with each file, by id; returning FALSE (with its error)
 *   stops the walk
 *
 * Reads every KOL file, in the order of their ids, as one state of the
 * database: one SELECT per table, read side by side, instead of seven
 * statements a file (an export of 100,000 files, issue 16).
 */
gboolean
kdx_store_foreach_kol (KdxStore    *self,
                       KdxKolFunc   func,
                       gpointer     user_data,
                       GError     **error)
{
  gboolean own_transaction;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!_kdx_store_read_begin (self, &own_transaction, error))
    return FALSE;
  return _kdx_store_read_end (self, own_transaction, scan_kols (self, func, user_data, error));
}
