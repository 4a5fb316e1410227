/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>

#include "kdx-autoptr.h"
#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-kol-snapshot.h"
#include "kdx-error.h"
#include "kdx-stage-entry.h"
#include "kdx-store-schema.h"
#include "kdx-store.h"
#include "kdx-value.h"

/* The time of the newest event that was contact with the KOL; kept in
 * step with kdx_kol_get_last_contact(). */
#define LAST_CONTACT_SQL \
  "(SELECT max(at) FROM event WHERE event.kol_id = kol.id " \
  "AND kind IN ('outreach', 'call', 'message', 'meeting', 'gift'))"

/* How long a write waits for another connection's transaction. */
#define BUSY_TIMEOUT_MS 10000

struct _KdxStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* SQL text -> sqlite3_stmt, prepared once */
  GArray     *changed_ids;  /* ids touched by the open transaction */
  gboolean    in_batch;
  guint       write_depth;  /* writes open inside each other */
  int         writes_held;  /* siblings in a batch (atomic: they run in workers) */
  GWeakRef    origin;       /* for a sibling: the store it was opened from */
  GMainContext *context;    /* where "changed" is emitted: the opener's thread */
  int         change_queued; /* a sibling's "changed" waits in context (atomic) */

  /* SQL made once from the field tables, so columns follow FIELDS.md. */
  char       *kol_insert_sql;
  char       *kol_update_sql;
  char       *kol_select_sql;
  GHashTable *list_sql;     /* "insert TABLE" / "select TABLE" -> SQL */
};

G_DEFINE_FINAL_TYPE (KdxStore, kdx_store, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

/* ---- statements and errors ------------------------------------------------ */

static gboolean
set_db_error (KdxStore  *self,
              GError   **error)
{
  int code = sqlite3_extended_errcode (self->db);

  if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
    g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_A_DATABASE,
                 _("%s is not a Koldex database, or it is damaged"), self->path);
  else if ((code & 0xff) == SQLITE_READONLY)
    g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                 _("Cannot write to %s: the file or its folder is read-only"), self->path);
  else if ((code & 0xff) == SQLITE_FULL)
    g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                 _("Cannot write to %s: the disk is full"), self->path);
  else if ((code & 0xff) == SQLITE_BUSY)
    g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                 _("%s is busy: another program kept it locked too long"), self->path);
  else
    g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                 _("Database error in %s: %s"), self->path, sqlite3_errmsg (self->db));
  return FALSE;
}

/* A cached statement, reset and with no bindings left from its last use. */
static sqlite3_stmt *
prepare (KdxStore    *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        {
          set_db_error (self, error);
          return NULL;
        }
      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
    }

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

/* Runs a statement that returns no rows. */
static gboolean
step_done (KdxStore      *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_db_error (self, error);
  return TRUE;
}

static gboolean
run (KdxStore    *self,
     const char  *sql,
     GError     **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);

  return stmt != NULL && step_done (self, stmt, error);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* ---- transactions --------------------------------------------------------- */

/* While an import writes through its own connection it holds SQLite's
 * write lock; a write here would wait for the busy timeout (seconds of
 * frozen window) and then fail. It fails at once instead, saying why. */
static gboolean
check_writes_held (KdxStore  *self,
                   GError   **error)
{
  if (g_atomic_int_get (&self->writes_held) == 0)
    return TRUE;
  g_set_error (error, KDX_ERROR, KDX_ERROR_BUSY,
               _("An import is writing to this database; try again when it has finished"));
  return FALSE;
}

/* A write is a transaction of its own, or inside a batch or another write
 * a savepoint, so a failed part rolls back alone and the rest goes on. */
static gboolean
write_begin (KdxStore  *self,
             guint     *mark,
             GError   **error)
{
  gboolean nested = self->in_batch || self->write_depth > 0;

  if (!nested && !check_writes_held (self, error))
    return FALSE;

  *mark = self->changed_ids->len;
  if (!run (self, nested ? "SAVEPOINT kdx_write" : "BEGIN IMMEDIATE", error))
    return FALSE;
  self->write_depth++;
  return TRUE;
}

/* A sibling tells the store it was opened from; see "siblings" below. */
static void sibling_batch_began (KdxStore *self);
static void sibling_batch_ended (KdxStore *self);
static void sibling_committed   (KdxStore *self);

static void
emit_changed (KdxStore *self)
{
  g_autoptr(GArray) ids = NULL;

  if (self->changed_ids->len == 0)
    return;

  ids = g_steal_pointer (&self->changed_ids);
  self->changed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, ids);
  sibling_committed (self);
}

static gboolean
write_commit (KdxStore  *self,
              GError   **error)
{
  gboolean nested = self->in_batch || self->write_depth > 1;

  if (!run (self, nested ? "RELEASE kdx_write" : "COMMIT", error))
    return FALSE;
  self->write_depth--;
  if (!nested)
    emit_changed (self);
  return TRUE;
}

/* After a failed write_begin nothing is open: callers only roll back
 * what began. */
static void
write_rollback (KdxStore *self,
                guint     mark)
{
  gboolean nested = self->in_batch || self->write_depth > 1;

  if (nested)
    {
      run (self, "ROLLBACK TO kdx_write", NULL);
      run (self, "RELEASE kdx_write", NULL);
    }
  else
    run (self, "ROLLBACK", NULL);

  self->write_depth--;
  g_array_set_size (self->changed_ids, mark);
}

static void
note_changed (KdxStore *self,
              gint64    id)
{
  g_array_append_val (self->changed_ids, id);
}

/* ---- generic field binding ------------------------------------------------ */

/* Fields kept in the kol table itself; tags and the avatar have tables. */
static gboolean
is_kol_column (const KdxField *field)
{
  return field->type != KDX_FIELD_IMAGE && field->type != KDX_FIELD_TAGS;
}

static void
bind_field (sqlite3_stmt   *stmt,
            int             index,
            KdxRecord      *record,
            const KdxField *field)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, kdx_field_get_gtype (field));
  kdx_record_get_value (record, field, &value);

  switch (field->type)
    {
    case KDX_FIELD_INT:
      sqlite3_bind_int64 (stmt, index, g_value_get_int64 (&value));
      break;
    case KDX_FIELD_BOOL:
      sqlite3_bind_int (stmt, index, g_value_get_boolean (&value) ? 1 : 0);
      break;
    case KDX_FIELD_ENUM:
      bind_text (stmt, index, kdx_enum_to_string (field->enum_type (), g_value_get_enum (&value)));
      break;
    default:
      bind_text (stmt, index, g_value_get_string (&value));
      break;
    }
}

static void
read_field (sqlite3_stmt   *stmt,
            int             column,
            KdxRecord      *record,
            const KdxField *field)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, kdx_field_get_gtype (field));

  switch (field->type)
    {
    case KDX_FIELD_INT:
      g_value_set_int64 (&value, sqlite3_column_int64 (stmt, column));
      break;
    case KDX_FIELD_BOOL:
      g_value_set_boolean (&value, sqlite3_column_int (stmt, column) != 0);
      break;
    case KDX_FIELD_ENUM:
      {
        int number = 0;
        /* CHECK constraints keep unknown values out; 0 is the fallback. */
        kdx_enum_from_string (field->enum_type (),
                              (const char *) sqlite3_column_text (stmt, column), &number);
        g_value_set_enum (&value, number);
      }
      break;
    default:
      g_value_set_string (&value, (const char *) sqlite3_column_text (stmt, column));
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

      if (!is_kol_column (field))
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
  else
    g_string_printf (sql, "SELECT %s FROM %s WHERE kol_id = ? ORDER BY position",
                     names->str, table);

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* ---- writing the parts of a file ------------------------------------------ */

static gboolean
write_tags (KdxStore  *self,
            gint64     id,
            KdxKol    *kol,
            GError   **error)
{
  const char *const *tags = kdx_kol_get_tags (kol);
  sqlite3_stmt *stmt;

  if ((stmt = prepare (self, "DELETE FROM kol_tag WHERE kol_id = ?", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      stmt = prepare (self, "INSERT OR IGNORE INTO kol_tag (kol_id, position, tag) VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      bind_text (stmt, 3, tags[i]);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_avatar (KdxStore  *self,
              gint64     id,
              KdxKol    *kol,
              GError   **error)
{
  g_autoptr(GBytes) avatar = NULL;
  sqlite3_stmt *stmt;

  g_object_get (kol, "avatar", &avatar, NULL);

  if ((stmt = prepare (self, "DELETE FROM kol_avatar WHERE kol_id = ?", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (avatar == NULL)
    return TRUE;

  if ((stmt = prepare (self, "INSERT INTO kol_avatar (kol_id, image) VALUES (?, ?)", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_blob64 (stmt, 2, g_bytes_get_data (avatar, NULL),
                       g_bytes_get_size (avatar), SQLITE_TRANSIENT);
  return step_done (self, stmt, error);
}

static gboolean
insert_list_item (KdxStore   *self,
                  const char *table,
                  gint64      id,
                  guint       position,
                  KdxRecord  *item,
                  GError    **error)
{
  g_autofree char *key = g_strconcat ("insert ", table, NULL);
  const char *sql = g_hash_table_lookup (self->list_sql, key);
  const KdxField *fields;
  guint n_fields;
  sqlite3_stmt *stmt;

  if ((stmt = prepare (self, sql, error)) == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, position);
  fields = kdx_record_get_fields (item, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    bind_field (stmt, i + 3, item, &fields[i]);

  return step_done (self, stmt, error);
}

static gboolean
write_list (KdxStore   *self,
            const char *table,
            gint64      id,
            GListModel *list,
            GError    **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE kol_id = ?", table);
  sqlite3_stmt *stmt;
  guint n = g_list_model_get_n_items (list);

  if ((stmt = prepare (self, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdxRecord) item = g_list_model_get_item (list, i);
      if (!insert_list_item (self, table, id, i, item, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
append_stage_entry (KdxStore    *self,
                    gint64       id,
                    KdxStage     stage,
                    const char  *at,
                    const char  *note,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = prepare (self,
                  "INSERT INTO stage_history (kol_id, position, stage, at, note) "
                  "VALUES (?1, (SELECT coalesce(max(position) + 1, 0) FROM stage_history "
                  "             WHERE kol_id = ?1), ?2, ?3, ?4)",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, kdx_stage_to_string (stage));
  bind_text (stmt, 3, at);
  bind_text (stmt, 4, note);
  return step_done (self, stmt, error);
}

static void
append_words (GString    *out,
              const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, text);
}

/* The search row of one KOL: names, handles (every channel's too), tags
 * with the category, notes with the bio. */
static gboolean
write_fts (KdxStore  *self,
           gint64     id,
           KdxKol    *kol,
           GError   **error)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) handles = g_string_new (NULL);
  g_autoptr(GString) tags = g_string_new (NULL);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *wechat = NULL;
  g_autofree char *own_account = NULL;
  g_autofree char *category = NULL;
  g_autofree char *bio = NULL;
  GListModel *channels = G_LIST_MODEL (kdx_kol_get_channels (kol));
  const char *const *tag_list = kdx_kol_get_tags (kol);
  sqlite3_stmt *stmt;

  g_object_get (kol, "wechat", &wechat, "own-account", &own_account,
                "category", &category, "bio", &bio, NULL);

  append_words (names, kdx_kol_get_display_name (kol));
  append_words (names, kdx_kol_get_real_name (kol));
  append_words (handles, kdx_kol_get_handle (kol));
  append_words (handles, wechat);
  append_words (handles, own_account);
  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(KdxRecord) channel = g_list_model_get_item (channels, i);
      g_autofree char *handle = NULL;

      g_object_get (channel, "handle", &handle, NULL);
      append_words (handles, handle);
    }
  for (guint i = 0; tag_list != NULL && tag_list[i] != NULL; i++)
    append_words (tags, tag_list[i]);
  append_words (tags, category);
  append_words (notes, kdx_kol_get_notes (kol));
  append_words (notes, bio);

  if ((stmt = prepare (self, "DELETE FROM kol_fts WHERE rowid = ?", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, error))
    return FALSE;

  stmt = prepare (self, "INSERT INTO kol_fts (rowid, names, handles, tags, notes) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, names->str);
  bind_text (stmt, 3, handles->str);
  bind_text (stmt, 4, tags->str);
  bind_text (stmt, 5, notes->str);
  return step_done (self, stmt, error);
}

/* Everything but the kol row and the stage history. */
static gboolean
write_parts (KdxStore  *self,
             gint64     id,
             KdxKol    *kol,
             GError   **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (list_tables); i++)
    {
      if (g_str_equal (list_tables[i].list, "stage_history"))
        continue;
      if (!write_list (self, list_tables[i].table, id,
                       G_LIST_MODEL (kdx_kol_get_list (kol, list_tables[i].list)), error))
        return FALSE;
    }

  return write_tags (self, id, kol, error)
      && write_avatar (self, id, kol, error)
      && write_fts (self, id, kol, error);
}

static gboolean
check_required (KdxKol  *kol,
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

/* ---- reading -------------------------------------------------------------- */

static gboolean
read_parts (KdxStore  *self,
            gint64     id,
            KdxKol    *kol,
            GError   **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) avatar = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = prepare (self, "SELECT tag FROM kol_tag WHERE kol_id = ? ORDER BY position", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tags, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_db_error (self, error);
  g_ptr_array_add (tags, NULL);
  g_object_set (kol, "tags", tags->pdata, NULL);

  if ((stmt = prepare (self, "SELECT image FROM kol_avatar WHERE kol_id = ?", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    avatar = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_db_error (self, error);
  g_object_set (kol, "avatar", avatar, NULL);

  for (guint l = 0; l < G_N_ELEMENTS (list_tables); l++)
    {
      GListStore *list = kdx_kol_get_list (kol, list_tables[l].list);
      GType item_type = g_list_model_get_item_type (G_LIST_MODEL (list));
      g_autofree char *key = g_strconcat ("select ", list_tables[l].table, NULL);
      const char *sql = g_hash_table_lookup (self->list_sql, key);
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      if ((stmt = prepare (self, sql, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          KdxRecord *item = g_object_new (item_type, NULL);
          const KdxField *fields;
          guint n_fields;

          fields = kdx_record_get_fields (item, &n_fields);
          for (guint i = 0; i < n_fields; i++)
            read_field (stmt, i, item, &fields[i]);
          g_ptr_array_add (items, item);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return set_db_error (self, error);

      g_list_store_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)),
                           items->pdata, items->len);
    }

  return TRUE;
}

static gboolean
read_kol (KdxStore  *self,
          gint64     id,
          KdxKol    *kol,
          GError   **error)
{
  const KdxField *fields;
  guint n_fields;
  sqlite3_stmt *stmt;
  int rc;
  int column = 0;

  if ((stmt = prepare (self, self->kol_select_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND,
                   _("There is no KOL with id %" PRId64), id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return set_db_error (self, error);
    }

  g_object_freeze_notify (G_OBJECT (kol));
  fields = kdx_record_get_fields (KDX_RECORD (kol), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (is_kol_column (&fields[i]))
      read_field (stmt, column++, KDX_RECORD (kol), &fields[i]);
  sqlite3_reset (stmt);

  if (!read_parts (self, id, kol, error))
    {
      g_object_thaw_notify (G_OBJECT (kol));
      return FALSE;
    }
  g_object_thaw_notify (G_OBJECT (kol));
  return TRUE;
}

/* The stored stage of a KOL, or FALSE with NOT_FOUND. */
static gboolean
read_stage (KdxStore  *self,
            gint64     id,
            KdxStage  *stage,
            GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = prepare (self, "SELECT stage FROM kol WHERE id = ?", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    kdx_stage_from_string ((const char *) sqlite3_column_text (stmt, 0), stage);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND,
                   _("There is no KOL with id %" PRId64), id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return set_db_error (self, error);
  return TRUE;
}

/* ---- object --------------------------------------------------------------- */

static void
kdx_store_finalize (GObject *object)
{
  KdxStore *self = KDX_STORE (object);

  /* Statements first: sqlite3_close refuses while any is alive. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->in_batch)
    sibling_batch_ended (self);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_pointer (&self->changed_ids, g_array_unref);
  g_weak_ref_clear (&self->origin);
  g_main_context_unref (self->context);
  g_free (self->path);
  g_free (self->kol_insert_sql);
  g_free (self->kol_update_sql);
  g_free (self->kol_select_sql);
  g_clear_pointer (&self->list_sql, g_hash_table_unref);

  G_OBJECT_CLASS (kdx_store_parent_class)->finalize (object);
}

static void
kdx_store_class_init (KdxStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdx_store_finalize;

  /**
   * KdxStore::changed:
   * @ids: (element-type gint64): the KOLs added, saved, moved or deleted
   *
   * Emitted after a write commits; within a batch, once, when it commits.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ARRAY);
}

static void
kdx_store_init (KdxStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  self->changed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->list_sql = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_weak_ref_init (&self->origin, NULL);
  self->context = g_main_context_ref_thread_default ();
}

/* ---- opening -------------------------------------------------------------- */

char *
kdx_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "koldex", "koldex.db", NULL);
}

/* --database PATH, else KOLDEX_DATABASE, else the default. */
char *
kdx_store_resolve_path (const char *path)
{
  const char *env = g_getenv ("KOLDEX_DATABASE");

  if (path != NULL && *path != '\0')
    return g_strdup (path);
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return kdx_store_default_path ();
}

static gboolean
query_int (KdxStore    *self,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return set_db_error (self, error);
  return TRUE;
}

/* Refuses files that are not ours before anything is written to them. */
static gboolean
check_identity (KdxStore  *self,
                gint64    *version,
                GError   **error)
{
  gint64 application_id = 0;
  gint64 n_tables = 0;

  if (!query_int (self, "PRAGMA user_version", version, error)
      || !query_int (self, "PRAGMA application_id", &application_id, error)
      || !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_tables, error))
    return FALSE;

  if ((*version == 0 && n_tables > 0)
      || (*version > 0 && application_id != KDX_STORE_APPLICATION_ID))
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_A_DATABASE,
                   _("%s is an SQLite database of another program, not a Koldex database"),
                   self->path);
      return FALSE;
    }

  if (*version > KDX_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_NEWER_SCHEMA,
                   _("%s was written by a newer Koldex (schema %" PRId64
                     ", this Koldex knows up to %d); update Koldex to open it"),
                   self->path, *version, KDX_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  return TRUE;
}

static gboolean
migrate (KdxStore  *self,
         GError   **error)
{
  for (;;)
    {
      g_autofree char *set_version = NULL;
      gint64 version = 0;
      char *errmsg = NULL;

      if (!run (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      /* Read again inside the lock: another Koldex may have migrated. */
      if (!query_int (self, "PRAGMA user_version", &version, error))
        {
          run (self, "ROLLBACK", NULL);
          return FALSE;
        }
      if (version >= (gint64) kdx_store_n_migrations)
        return run (self, "COMMIT", error);

      g_debug ("Migrating %s from schema %" G_GINT64_FORMAT, self->path, version);

      /* Migrations are fixed, parameterless scripts of several statements. */
      set_version = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, version + 1);
      if (sqlite3_exec (self->db, kdx_store_migrations[version], NULL, NULL, &errmsg) != SQLITE_OK
          || sqlite3_exec (self->db, set_version, NULL, NULL, &errmsg) != SQLITE_OK)
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                       _("Could not update %s to schema %" PRId64 ": %s"),
                       self->path, version + 1, errmsg);
          sqlite3_free (errmsg);
          run (self, "ROLLBACK", NULL);
          return FALSE;
        }

      if (!run (self, "COMMIT", error))
        return FALSE;
    }
}

/* Makes the default folder (0700) and checks a named one. */
static gboolean
prepare_folder (const char  *path,
                gboolean     is_default,
                GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (is_default && g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, KDX_ERROR, KDX_ERROR_FOLDER,
                   _("Cannot create the folder %s: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_FOLDER,
                   _("The folder %s does not exist"), folder);
      return FALSE;
    }

  return TRUE;
}

/* A new database file is made 0600 before SQLite sees it; SQLite gives
 * its -wal and -shm files the same mode. */
static gboolean
create_file (const char  *path,
             GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd;

  if (access (folder, W_OK | X_OK) != 0)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_FOLDER,
                   _("Cannot create %s: the folder %s is read-only"), path, folder);
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, KDX_ERROR, KDX_ERROR_FOLDER,
                   _("Cannot create %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
configure (KdxStore  *self,
           GError   **error)
{
  g_autofree char *mode = NULL;
  sqlite3_stmt *stmt;
  int rc;

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);

  if (!run (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;
  if (!run (self, "PRAGMA synchronous = NORMAL", error))
    return FALSE;
  /* An import writes many pages in one transaction; with SQLite's 2 MB
   * default they spill to the WAL page by page (measured: ~56 writes a KOL). */
  if (!run (self, "PRAGMA cache_size = -32768", error))
    return FALSE;

  /* journal_mode answers with a row, the mode now in force. */
  if ((stmt = prepare (self, "PRAGMA journal_mode = WAL", error)) == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return set_db_error (self, error);
  if (g_ascii_strcasecmp (mode, "wal") != 0)
    g_debug ("%s stays in %s journal mode", self->path, mode);

  return TRUE;
}

/* Opens a connection to the existing database at @path, checks that it is
 * ours, configures it and brings its schema up to date. Never creates the
 * file: kdx_store_open() does that before, a sibling must find it. */
static KdxStore *
connect_store (const char  *path,
               GError     **error)
{
  g_autoptr(KdxStore) self = g_object_new (KDX_TYPE_STORE, NULL);
  gint64 version = 0;
  int rc;

  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                   _("Cannot open %s: %s"), self->path,
                   self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  if (!check_identity (self, &version, error))
    return NULL;

  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                   _("Cannot write to %s: the file is read-only"), self->path);
      return NULL;
    }

  if (!configure (self, error) || !migrate (self, error))
    return NULL;

  self->kol_insert_sql = build_kol_sql ("insert");
  self->kol_update_sql = build_kol_sql ("update");
  self->kol_select_sql = build_kol_sql ("select");
  for (guint i = 0; i < G_N_ELEMENTS (list_tables); i++)
    {
      g_autoptr(KdxKol) probe = kdx_kol_new ();
      GType item_type = g_list_model_get_item_type (G_LIST_MODEL (kdx_kol_get_list (probe, list_tables[i].list)));

      g_hash_table_insert (self->list_sql, g_strconcat ("insert ", list_tables[i].table, NULL),
                           build_list_sql ("insert", list_tables[i].table, item_type));
      g_hash_table_insert (self->list_sql, g_strconcat ("select ", list_tables[i].table, NULL),
                           build_list_sql ("select", list_tables[i].table, item_type));
    }

  g_debug ("Opened %s", self->path);
  return g_steal_pointer (&self);
}

/**
 * kdx_store_open:
 * @path: (nullable): the database file; %NULL for KOLDEX_DATABASE or the default
 *
 * Opens the database, creating it (file 0600; the default folder 0700) when
 * it does not exist, and brings its schema up to date. A file that is not a
 * Koldex database, or one from a newer Koldex, is refused and left untouched.
 */
KdxStore *
kdx_store_open (const char  *path,
                GError     **error)
{
  g_autofree char *resolved = kdx_store_resolve_path (path);
  g_autofree char *default_path = kdx_store_default_path ();
  KdxStore *self;
  gboolean created = FALSE;

  if (!prepare_folder (resolved, g_str_equal (resolved, default_path), error))
    return NULL;

  if (g_file_test (resolved, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_A_DATABASE,
                   _("%s is a folder, not a Koldex database"), resolved);
      return NULL;
    }

  if (!g_file_test (resolved, G_FILE_TEST_EXISTS))
    {
      if (!create_file (resolved, error))
        return NULL;
      created = TRUE;
    }

  self = connect_store (resolved, error);

  /* Leave no trace of a database this call made and could not finish. */
  if (self == NULL && created)
    g_unlink (resolved);
  return self;
}

/* ---- siblings -------------------------------------------------------------------- */

/* A sibling is a second connection for a worker (an import, an export).
 * Its writes are the opener's business too: while it holds SQLite's write
 * lock (a batch: a whole import) the opener's writes fail at once with
 * %KDX_ERROR_BUSY instead of freezing its thread for the busy timeout, and
 * what it commits is announced by the opener's "changed", in the opener's
 * thread. This is the only place that knows; nothing above the store does. */

/* Raised before BEGIN IMMEDIATE, so that an opener's write cannot slip in
 * between and wait for the lock the sibling is about to take. */
static void
sibling_batch_began (KdxStore *self)
{
  g_autoptr(KdxStore) origin = g_weak_ref_get (&self->origin);

  if (origin != NULL)
    g_atomic_int_inc (&origin->writes_held);
}

static void
sibling_batch_ended (KdxStore *self)
{
  g_autoptr(KdxStore) origin = g_weak_ref_get (&self->origin);

  if (origin != NULL)
    g_atomic_int_add (&origin->writes_held, -1);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

/* In the opener's thread, for any number of commits queued meanwhile. */
static gboolean
emit_external_change_cb (gpointer user_data)
{
  g_autoptr(KdxStore) origin = g_weak_ref_get (user_data);
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (origin == NULL)
    return G_SOURCE_REMOVE;
  g_atomic_int_set (&origin->change_queued, FALSE);
  /* No ids: "look again at everything", the sibling may have changed any file. */
  g_signal_emit (origin, signals[SIGNAL_CHANGED], 0, none);
  return G_SOURCE_REMOVE;
}

/* The queued emission holds the opener weakly: a store that is let go
 * while a worker's news waits is not kept alive by it. */
static void
sibling_committed (KdxStore *self)
{
  g_autoptr(KdxStore) origin = g_weak_ref_get (&self->origin);
  g_autoptr(GSource) source = NULL;
  GWeakRef *ref;

  if (origin == NULL || !g_atomic_int_compare_and_exchange (&origin->change_queued, FALSE, TRUE))
    return;
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, origin);
  /* An idle, never g_main_context_invoke(), which may run it in the worker. */
  source = g_idle_source_new ();
  /* As a GTask's completion: what a job committed is heard before it ends. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_external_change_cb, ref, (GDestroyNotify) weak_ref_free);
  g_source_attach (source, origin->context);
}

/**
 * kdx_store_open_sibling:
 *
 * Opens another connection to the database @self has open, for a worker
 * thread: the worker's writes do not wait on the thread that owns @self,
 * and nothing above the store needs to know where the database lives.
 * While the sibling is in a batch, writes through @self fail at once with
 * %KDX_ERROR_BUSY; after each of its commits @self emits "changed" (with
 * no ids) in the thread that opened @self.
 */
KdxStore *
kdx_store_open_sibling (KdxStore  *self,
                        GError   **error)
{
  KdxStore *sibling;

  g_return_val_if_fail (KDX_IS_STORE (self), NULL);

  sibling = connect_store (self->path, error);
  if (sibling != NULL)
    g_weak_ref_set (&sibling->origin, self);
  return sibling;
}

const char *
kdx_store_get_path (KdxStore *self)
{
  g_return_val_if_fail (KDX_IS_STORE (self), NULL);
  return self->path;
}

/* ---- writes --------------------------------------------------------------- */

/* Appends a history entry to @kol when its stage is not the newest one in
 * its history (or it has none): how every stage change gets its date. */
static void
stamp_stage (KdxKol     *kol,
             const char *at,
             const char *note)
{
  GListStore *history = kdx_kol_get_stage_history (kol);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (history));
  g_autoptr(KdxStageEntry) last = NULL;
  g_autoptr(KdxStageEntry) entry = NULL;

  if (n > 0)
    {
      last = g_list_model_get_item (G_LIST_MODEL (history), n - 1);
      if (kdx_stage_entry_get_stage (last) == kdx_kol_get_stage (kol))
        return;
    }

  entry = kdx_stage_entry_new ();
  g_object_set (entry, "stage", kdx_kol_get_stage (kol), "at", at, "note", note, NULL);
  g_list_store_append (history, entry);
}

static gboolean
write_history (KdxStore  *self,
               gint64     id,
               KdxKol    *kol,
               GError   **error)
{
  return write_list (self, "stage_history", id,
                     G_LIST_MODEL (kdx_kol_get_stage_history (kol)), error);
}

static gboolean
write_kol_row (KdxStore    *self,
               const char  *sql,
               KdxKol      *kol,
               gboolean     is_update,
               GError     **error)
{
  const KdxField *fields;
  guint n_fields;
  sqlite3_stmt *stmt;
  int index = 1;

  if ((stmt = prepare (self, sql, error)) == NULL)
    return FALSE;

  fields = kdx_record_get_fields (KDX_RECORD (kol), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *name = fields[i].name;

      if (!is_kol_column (&fields[i]))
        continue;
      if (is_update && (g_str_equal (name, "id") || g_str_equal (name, "uid")
                        || g_str_equal (name, "created_at")))
        continue;
      if (g_str_equal (name, "id") && kdx_kol_get_id (kol) <= 0)
        sqlite3_bind_null (stmt, index++); /* the store picks it */
      else
        bind_field (stmt, index++, KDX_RECORD (kol), &fields[i]);
    }
  if (is_update)
    sqlite3_bind_int64 (stmt, index, kdx_kol_get_id (kol));

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      int code = sqlite3_extended_errcode (self->db);

      sqlite3_reset (stmt);
      if (code == SQLITE_CONSTRAINT_PRIMARYKEY || code == SQLITE_CONSTRAINT_UNIQUE)
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                       _("A KOL with the id %" PRId64 " or the uid %s already exists"),
                       kdx_kol_get_id (kol), kdx_kol_get_uid (kol));
          return FALSE;
        }
      return set_db_error (self, error);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * kdx_store_add_kol:
 *
 * Stores a new KOL file. The store assigns the id (unless @kol has one,
 * as when an undo restores a deleted file), the uid and the times it does
 * not have yet, and dates its stage. On success @kol carries them.
 */
gboolean
kdx_store_add_kol (KdxStore  *self,
                   KdxKol    *kol,
                   GError   **error)
{
  g_autofree char *now = kdx_value_now ();
  g_autoptr(KdxKol) staged = NULL;
  gint64 id;
  guint mark;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (KDX_IS_KOL (kol), FALSE);

  if (!check_required (kol, error))
    return FALSE;

  /* Work on a copy so that @kol changes only once the write commits. */
  staged = kdx_kol_dup (kol);
  if (kdx_kol_get_uid (staged) == NULL)
    {
      g_autofree char *uid = g_uuid_string_random ();
      g_object_set (staged, "uid", uid, NULL);
    }
  if (kdx_kol_get_created_at (staged) == NULL)
    g_object_set (staged, "created-at", now, NULL);
  if (kdx_kol_get_updated_at (staged) == NULL)
    g_object_set (staged, "updated-at", now, NULL);
  stamp_stage (staged, kdx_kol_get_created_at (staged), NULL);

  if (!write_begin (self, &mark, error))
    return FALSE;

  if (!write_kol_row (self, self->kol_insert_sql, staged, FALSE, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);
  if (!write_parts (self, id, staged, error) || !write_history (self, id, staged, error))
    goto fail;

  note_changed (self, id);
  if (!write_commit (self, error))
    goto fail;

  g_object_set (staged, "id", id, NULL);
  kdx_kol_assign (kol, staged);
  return TRUE;

fail:
  write_rollback (self, mark);
  return FALSE;
}

/**
 * kdx_store_save_kol:
 *
 * Writes the whole file over the stored one. A changed stage is dated in
 * the stage history; the history itself is the store's to write.
 */
gboolean
kdx_store_save_kol (KdxStore  *self,
                    KdxKol    *kol,
                    GError   **error)
{
  g_autofree char *now = kdx_value_now ();
  g_autoptr(KdxKol) staged = NULL;
  g_autoptr(KdxKol) stored = NULL;
  gint64 id;
  guint mark;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (KDX_IS_KOL (kol), FALSE);

  id = kdx_kol_get_id (kol);
  if (id <= 0)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND,
                   _("This KOL has not been added to the database yet"));
      return FALSE;
    }
  if (!check_required (kol, error))
    return FALSE;

  if (!write_begin (self, &mark, error))
    return FALSE;

  /* The history comes from the database, not from the caller's copy. */
  stored = kdx_kol_new ();
  if (!read_kol (self, id, stored, error))
    goto fail;

  staged = kdx_kol_dup (kol);
  g_object_set (staged, "updated-at", now, NULL);
  kdx_kol_copy_list (kdx_kol_get_stage_history (staged), kdx_kol_get_stage_history (stored));
  stamp_stage (staged, now, NULL);

  if (!write_kol_row (self, self->kol_update_sql, staged, TRUE, error)
      || !write_parts (self, id, staged, error)
      || !write_history (self, id, staged, error))
    goto fail;

  note_changed (self, id);
  if (!write_commit (self, error))
    goto fail;

  kdx_kol_assign (kol, staged);
  return TRUE;

fail:
  write_rollback (self, mark);
  return FALSE;
}

/**
 * kdx_store_move_kol:
 * @note: (nullable): why, in the operator's words
 *
 * Moves a KOL to @stage and dates the move in its stage history. Moving
 * to the stage it is in changes nothing.
 */
gboolean
kdx_store_move_kol (KdxStore    *self,
                    gint64       id,
                    KdxStage     stage,
                    const char  *note,
                    GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (ids, id);
  return kdx_store_move_kols (self, ids, stage, NULL, note, error);
}

/**
 * kdx_store_move_kols:
 * @churn_reason: (nullable): for a move to Departed: why the KOL left
 * @note: (nullable): why, in the operator's words, kept in the history
 *
 * Moves several KOLs to @stage in one transaction (cards dragged
 * together), each move dated in its history. KOLs already there are
 * left alone; an unknown id fails the whole move.
 */
gboolean
kdx_store_move_kols (KdxStore    *self,
                     GArray      *ids,
                     KdxStage     stage,
                     const char  *churn_reason,
                     const char  *note,
                     GError     **error)
{
  g_autofree char *now = kdx_value_now ();
  sqlite3_stmt *stmt;
  guint mark;
  guint moved = 0;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (stage < KDX_N_STAGES, FALSE);

  if (!write_begin (self, &mark, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      KdxStage current = KDX_STAGE_CANDIDATE;

      if (!read_stage (self, id, &current, error))
        goto fail;
      if (current == stage)
        continue;

      stmt = prepare (self,
                      "UPDATE kol SET stage = ?, updated_at = ?, "
                      "churn_reason = coalesce(?, churn_reason) WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      bind_text (stmt, 1, kdx_stage_to_string (stage));
      bind_text (stmt, 2, now);
      bind_text (stmt, 3, churn_reason);
      sqlite3_bind_int64 (stmt, 4, id);
      if (!step_done (self, stmt, error)
          || !append_stage_entry (self, id, stage, now, note, error))
        goto fail;

      note_changed (self, id);
      moved++;
    }

  if (moved == 0)
    {
      write_rollback (self, mark);
      return TRUE;
    }
  if (!write_commit (self, error))
    goto fail;
  return TRUE;

fail:
  write_rollback (self, mark);
  return FALSE;
}

/**
 * kdx_store_replace_kol:
 *
 * Writes @kol exactly as it is, stage history and times included: how an
 * undo puts back the file it saved before a change.
 */
gboolean
kdx_store_replace_kol (KdxStore  *self,
                       KdxKol    *kol,
                       GError   **error)
{
  gint64 id;
  guint mark;
  KdxStage current;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (KDX_IS_KOL (kol), FALSE);

  id = kdx_kol_get_id (kol);
  if (!check_required (kol, error))
    return FALSE;
  if (!write_begin (self, &mark, error))
    return FALSE;

  if (!read_stage (self, id, &current, error)
      || !write_kol_row (self, self->kol_update_sql, kol, TRUE, error)
      || !write_parts (self, id, kol, error)
      || !write_history (self, id, kol, error))
    goto fail;

  note_changed (self, id);
  if (!write_commit (self, error))
    goto fail;
  return TRUE;

fail:
  write_rollback (self, mark);
  return FALSE;
}

/**
 * kdx_store_place_on_board:
 * @before_id: the card to put them in front of, or 0 for the column's end
 *
 * Puts @ids, in their order, at a place in @stage's manual order (the
 * board's "board" sort). The column's order is written afresh, so ranks
 * never run out of room between two cards.
 */
gboolean
kdx_store_place_on_board (KdxStore     *self,
                          GArray       *ids,
                          KdxStage      stage,
                          gint64        before_id,
                          GError      **error)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  g_autoptr(GArray) column = NULL;
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) moving = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  guint mark;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);

  query->stages = 1u << stage;
  kdx_kol_query_set_sort (query, "board", FALSE);

  if (!write_begin (self, &mark, error))
    return FALSE;
  if ((column = kdx_store_query_ids (self, query, error)) == NULL)
    goto fail;

  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (moving, &g_array_index (ids, gint64, i));

  for (guint i = 0; i < column->len; i++)
    {
      gint64 id = g_array_index (column, gint64, i);

      if (id == before_id)
        g_array_append_vals (order, ids->data, ids->len);
      if (!g_hash_table_contains (moving, &id))
        g_array_append_val (order, id);
    }
  if (before_id == 0 || order->len < column->len)
    g_array_append_vals (order, ids->data, ids->len);

  for (guint i = 0; i < order->len; i++)
    {
      stmt = prepare (self, "INSERT OR REPLACE INTO board_order (kol_id, rank) VALUES (?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, g_array_index (order, gint64, i));
      sqlite3_bind_double (stmt, 2, i);
      if (!step_done (self, stmt, error))
        goto fail;
    }

  for (guint i = 0; i < ids->len; i++)
    note_changed (self, g_array_index (ids, gint64, i));
  if (!write_commit (self, error))
    goto fail;
  return TRUE;

fail:
  write_rollback (self, mark);
  return FALSE;
}

gboolean
kdx_store_delete_kol (KdxStore  *self,
                      gint64     id,
                      GError   **error)
{
  sqlite3_stmt *stmt;
  guint mark;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);

  if (!write_begin (self, &mark, error))
    return FALSE;

  if ((stmt = prepare (self, "DELETE FROM kol WHERE id = ?", error)) == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND,
                   _("There is no KOL with id %" PRId64), id);
      goto fail;
    }

  if ((stmt = prepare (self, "DELETE FROM kol_fts WHERE rowid = ?", error)) == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, error))
    goto fail;

  note_changed (self, id);
  if (!write_commit (self, error))
    goto fail;
  return TRUE;

fail:
  write_rollback (self, mark);
  return FALSE;
}

/**
 * kdx_store_delete_kols:
 * @ids: (element-type gint64): the KOLs to delete
 * @deleted_out: (out) (optional) (element-type KdxKol): the whole files as
 *   they were, history and timeline included, for kdx_store_restore_kols()
 *
 * Deletes @ids in one transaction: all of them, or, when one is unknown
 * or a write fails, none.
 */
gboolean
kdx_store_delete_kols (KdxStore   *self,
                       GArray     *ids,
                       GPtrArray **deleted_out,
                       GError    **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  guint mark;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  if (!write_begin (self, &mark, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      /* Read inside the transaction: what is saved is what is deleted. */
      if (deleted_out != NULL)
        {
          g_autoptr(KdxKol) kol = kdx_kol_new ();

          if (!read_kol (self, id, kol, error))
            goto fail;
          g_ptr_array_add (files, g_steal_pointer (&kol));
        }
      if (!kdx_store_delete_kol (self, id, error))
        goto fail;
    }

  if (!write_commit (self, error))
    goto fail;
  if (deleted_out != NULL)
    *deleted_out = g_steal_pointer (&files);
  return TRUE;

fail:
  write_rollback (self, mark);
  return FALSE;
}

/**
 * kdx_store_restore_kols:
 * @files: (element-type KdxKol): files kdx_store_delete_kols() gave back
 *
 * Puts deleted files back with their ids, uids and histories, in one
 * transaction: all of them or none. How a delete is undone.
 */
gboolean
kdx_store_restore_kols (KdxStore   *self,
                        GPtrArray  *files,
                        GError    **error)
{
  guint mark;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (files != NULL, FALSE);

  if (!write_begin (self, &mark, error))
    return FALSE;

  for (guint i = 0; i < files->len; i++)
    if (!kdx_store_add_kol (self, g_ptr_array_index (files, i), error))
      goto fail;

  if (!write_commit (self, error))
    goto fail;
  return TRUE;

fail:
  write_rollback (self, mark);
  return FALSE;
}

/**
 * kdx_store_replace_kols:
 * @files: (element-type KdxKol): files as they were saved before a change
 *
 * kdx_store_replace_kol() for each of @files, in one transaction: all of
 * them or none. How a move of several cards is undone.
 */
gboolean
kdx_store_replace_kols (KdxStore   *self,
                        GPtrArray  *files,
                        GError    **error)
{
  guint mark;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (files != NULL, FALSE);

  if (!write_begin (self, &mark, error))
    return FALSE;

  for (guint i = 0; i < files->len; i++)
    if (!kdx_store_replace_kol (self, g_ptr_array_index (files, i), error))
      goto fail;

  if (!write_commit (self, error))
    goto fail;
  return TRUE;

fail:
  write_rollback (self, mark);
  return FALSE;
}

/* ---- reads ---------------------------------------------------------------- */

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
  own_transaction = sqlite3_get_autocommit (self->db) != 0;
  if (own_transaction && !run (self, "BEGIN", error))
    return NULL;
  ok = read_kol (self, id, kol, error);
  if (own_transaction)
    run (self, ok ? "COMMIT" : "ROLLBACK", NULL);

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

/* ---- batches -------------------------------------------------------------- */

/**
 * kdx_store_begin_batch:
 *
 * Makes the writes until kdx_store_commit_batch() one transaction: an
 * importer's many KOLs land together or, after kdx_store_rollback_batch(),
 * not at all. A write that fails inside the batch undoes only itself.
 */
gboolean
kdx_store_begin_batch (KdxStore  *self,
                       GError   **error)
{
  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_batch, FALSE);

  if (!check_writes_held (self, error))
    return FALSE;
  sibling_batch_began (self);
  if (!run (self, "BEGIN IMMEDIATE", error))
    {
      sibling_batch_ended (self);
      return FALSE;
    }
  self->in_batch = TRUE;
  return TRUE;
}

gboolean
kdx_store_commit_batch (KdxStore  *self,
                        GError   **error)
{
  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);

  if (!run (self, "COMMIT", error))
    {
      kdx_store_rollback_batch (self);
      return FALSE;
    }
  self->in_batch = FALSE;
  sibling_batch_ended (self);
  emit_changed (self);
  return TRUE;
}

void
kdx_store_rollback_batch (KdxStore *self)
{
  g_return_if_fail (KDX_IS_STORE (self));
  g_return_if_fail (self->in_batch);

  run (self, "ROLLBACK", NULL);
  self->in_batch = FALSE;
  sibling_batch_ended (self);
  g_array_set_size (self->changed_ids, 0);
}

gboolean
kdx_store_in_batch (KdxStore *self)
{
  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  return self->in_batch;
}

/* ---- queries -------------------------------------------------------------- */

/* Columns a view may sort by: the scalar fields of the kol table. */
gboolean
kdx_store_is_sort_field (const char *field)
{
  const KdxField *fields;
  guint n_fields;

  if (field == NULL)
    return FALSE;

  fields = kol_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].name, field))
      return is_kol_column (&fields[i]);
  return FALSE;
}

/* "quoted" for FTS5, so words are phrases and never query syntax. */
static char *
fts_phrase (const char *word)
{
  g_autoptr(GString) out = g_string_new ("\"");

  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
like_pattern (const char *word)
{
  g_autoptr(GString) out = g_string_new ("%");

  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '%');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Keeps @value (owned) as the next parameter and returns its number. */
static guint
add_param (GPtrArray *params,
           char      *value)
{
  g_ptr_array_add (params, value);
  return params->len;
}

static void
add_enum_set (GString    *where,
              GPtrArray  *params,
              const char *column,
              GType       enum_type,
              guint       bits)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  gboolean first = TRUE;

  g_string_append_printf (where, " AND %s IN (", column);
  for (guint i = 0; i < klass->n_values; i++)
    {
      if (!(bits & (1u << klass->values[i].value)))
        continue;
      g_string_append_printf (where, "%s?%u", first ? "" : ", ",
                              add_param (params, g_strdup (klass->values[i].value_nick)));
      first = FALSE;
    }
  if (first)
    g_string_append (where, "NULL"); /* no valid bit: nothing matches */
  g_string_append_c (where, ')');
}

/* The WHERE conditions of @query, appended to @sql with their
 * parameters: shared by the id list and the counts. */
static void
append_where (GString           *sql,
              GPtrArray         *params,
              const KdxKolQuery *query)
{
  if (query != NULL && query->search != NULL)
    {
      g_autoptr(GString) text = g_string_new (query->search);
      g_auto(GStrv) words = NULL;

      /* The ideographic space separates words too. */
      g_string_replace (text, "\u3000", " ", 0);
      words = g_strsplit_set (text->str, " \t\n", -1);

      for (guint i = 0; words[i] != NULL; i++)
        {
          g_autofree char *word = g_strdup (words[i]);
          guint n;

          if (*g_strstrip (word) == '\0')
            continue;
          /* Trigrams need three characters; shorter words (two-character
           * Chinese names are common) scan the index's text instead. */
          if (g_utf8_strlen (word, -1) >= 3)
            {
              n = add_param (params, fts_phrase (word));
              g_string_append_printf (sql, " AND id IN (SELECT rowid FROM kol_fts WHERE kol_fts MATCH ?%u)", n);
            }
          else
            {
              n = add_param (params, like_pattern (word));
              g_string_append_printf (sql, " AND id IN (SELECT rowid FROM kol_fts WHERE "
                                           "names LIKE ?%1$u ESCAPE '\\' OR handles LIKE ?%1$u ESCAPE '\\' OR "
                                           "tags LIKE ?%1$u ESCAPE '\\' OR notes LIKE ?%1$u ESCAPE '\\')", n);
            }
        }
    }

  if (query != NULL && query->stages != 0)
    add_enum_set (sql, params, "stage", kdx_stage_get_type (), query->stages);
  if (query != NULL && query->tiers != 0)
    add_enum_set (sql, params, "tier", kdx_tier_get_type (), query->tiers);

  for (guint i = 0; query != NULL && query->tags != NULL && query->tags[i] != NULL; i++)
    g_string_append_printf (sql, " AND EXISTS (SELECT 1 FROM kol_tag WHERE kol_tag.kol_id = kol.id AND tag = ?%u)",
                            add_param (params, g_strdup (query->tags[i])));
  if (query != NULL && query->owner != NULL)
    g_string_append_printf (sql, " AND owner = ?%u", add_param (params, g_strdup (query->owner)));
  if (query != NULL && query->category != NULL)
    g_string_append_printf (sql, " AND category = ?%u", add_param (params, g_strdup (query->category)));

}

/* Sorts that are not plain columns. */
#define STAGE_SINCE_SQL "(SELECT max(at) FROM stage_history WHERE stage_history.kol_id = kol.id)"
#define BOARD_RANK_SQL "(SELECT rank FROM board_order WHERE board_order.kol_id = kol.id)"

static void
append_order (GString           *sql,
              const KdxKolQuery *query)
{
  const char *computed = NULL;

  if (query != NULL && g_strcmp0 (query->sort_field, "last_contact") == 0)
    computed = LAST_CONTACT_SQL;   /* the newest timeline entry that was contact */
  else if (query != NULL && g_strcmp0 (query->sort_field, "stage_since") == 0)
    computed = STAGE_SINCE_SQL;    /* when the KOL entered its stage */
  else if (query != NULL && g_strcmp0 (query->sort_field, "board") == 0)
    computed = BOARD_RANK_SQL;     /* the order cards were dragged into */

  if (computed != NULL)
    g_string_append_printf (sql, " ORDER BY (%s IS NULL), %s %s, id",
                            computed, computed, query->descending ? "DESC" : "ASC");
  else if (query != NULL && kdx_store_is_sort_field (query->sort_field))
    {
      /* The name is one of our own columns, checked above, never user text.
       * Empty values go last whichever the direction. */
      g_string_append_printf (sql, " ORDER BY (%s IS NULL), %s %s, id",
                              query->sort_field, query->sort_field,
                              query->descending ? "DESC" : "ASC");
    }
  else
    g_string_append (sql, " ORDER BY id");
}

static sqlite3_stmt *
prepare_query (KdxStore           *self,
               const char         *select,
               const KdxKolQuery  *query,
               gboolean            ordered,
               GError            **error)
{
  g_autoptr(GString) sql = g_string_new (select);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  append_where (sql, params, query);
  if (ordered)
    append_order (sql, query);

  if (sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (self, error);
      return NULL;
    }
  for (guint i = 0; i < params->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (params, i), -1, SQLITE_TRANSIENT);
  return stmt;
}

/**
 * kdx_store_query_ids:
 *
 * The ids of the KOLs @query selects, in its order: only ids, so a view
 * over 100,000 KOLs builds objects just for the rows it shows.
 *
 * Returns: (transfer full) (element-type gint64):
 */
GArray *
kdx_store_query_ids (KdxStore           *self,
                     const KdxKolQuery  *query,
                     GError            **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (KDX_IS_STORE (self), NULL);

  stmt = prepare_query (self, "SELECT id FROM kol WHERE 1", query, TRUE, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

gint64
kdx_store_count_kols (KdxStore  *self,
                      GError   **error)
{
  gint64 count = -1;

  g_return_val_if_fail (KDX_IS_STORE (self), -1);

  if (!query_int (self, "SELECT count(*) FROM kol", &count, error))
    return -1;
  return count;
}

/**
 * kdx_store_list_values:
 * @field: "owner", "category" or "tags"
 *
 * The distinct values in use, sorted: what a filter offers to pick from.
 *
 * Returns: (transfer full): a %NULL-terminated array
 */
char **
kdx_store_list_values (KdxStore    *self,
                       const char  *field,
                       GError     **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  const char *sql;
  int rc;

  g_return_val_if_fail (KDX_IS_STORE (self), NULL);

  if (g_strcmp0 (field, "owner") == 0)
    sql = "SELECT DISTINCT owner FROM kol WHERE owner IS NOT NULL ORDER BY owner";
  else if (g_strcmp0 (field, "category") == 0)
    sql = "SELECT DISTINCT category FROM kol WHERE category IS NOT NULL ORDER BY category";
  else if (g_strcmp0 (field, "tags") == 0)
    sql = "SELECT DISTINCT tag FROM kol_tag ORDER BY tag";
  else
    g_return_val_if_reached (NULL);

  if ((stmt = prepare (self, sql, error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (values, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      return NULL;
    }

  g_ptr_array_add (values, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&values), FALSE);
}

static gint64
query_id (KdxStore    *self,
          const char  *sql,
          const char  *first,
          const char  *second,
          GError     **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  bind_text (stmt, 1, first);
  if (second != NULL)
    bind_text (stmt, 2, second);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      return -1;
    }
  return id;
}

/**
 * kdx_store_find_duplicate:
 *
 * The stored KOL that @kol is the same person as, by what identifies a
 * KOL in practice: the same phone, the same WeChat ID, or the same handle
 * on the same platform. The oldest match wins.
 *
 * Returns: its id, 0 when there is none, -1 on error
 */
gint64
kdx_store_find_duplicate (KdxStore  *self,
                          KdxKol    *kol,
                          GError   **error)
{
  g_autofree char *phone = NULL;
  g_autofree char *wechat = NULL;
  const char *platform;
  const char *handle;
  gint64 id = 0;

  g_return_val_if_fail (KDX_IS_STORE (self), -1);
  g_return_val_if_fail (KDX_IS_KOL (kol), -1);

  g_object_get (kol, "phone", &phone, "wechat", &wechat, NULL);
  platform = kdx_kol_get_platform (kol);
  handle = kdx_kol_get_handle (kol);

  if (phone != NULL)
    id = query_id (self, "SELECT id FROM kol WHERE phone = ? ORDER BY id LIMIT 1", phone, NULL, error);
  if (id == 0 && wechat != NULL)
    id = query_id (self, "SELECT id FROM kol WHERE wechat = ? ORDER BY id LIMIT 1", wechat, NULL, error);
  if (id == 0 && platform != NULL && handle != NULL)
    id = query_id (self, "SELECT id FROM kol WHERE platform = ? AND handle = ? ORDER BY id LIMIT 1",
                   platform, handle, error);
  return id;
}

/* The stored KOL with this uid (XML import matches files by it). */
gint64
kdx_store_find_uid (KdxStore    *self,
                    const char  *uid,
                    GError     **error)
{
  g_return_val_if_fail (KDX_IS_STORE (self), -1);

  if (uid == NULL)
    return 0;
  return query_id (self, "SELECT id FROM kol WHERE uid = ?", uid, NULL, error);
}

/**
 * kdx_store_query_stats:
 *
 * How many KOLs @query selects and their followers summed: a board
 * column's header.
 */
gboolean
kdx_store_query_stats (KdxStore           *self,
                       const KdxKolQuery  *query,
                       gint64             *count,
                       gint64             *followers,
                       GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);

  stmt = prepare_query (self, "SELECT count(*), coalesce(sum(followers), 0) FROM kol WHERE 1",
                        query, FALSE, error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return set_db_error (self, error);
  *count = sqlite3_column_int64 (stmt, 0);
  *followers = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

/* ---- imports -------------------------------------------------------------- */

void
kdx_import_run_free (KdxImportRun *run)
{
  if (run == NULL)
    return;
  g_free (run->file);
  g_free (run->at);
  g_free (run->undone_at);
  g_free (run);
}

/**
 * kdx_store_open_import_run:
 *
 * Starts the history entry of an import, inside the import's own batch,
 * so that it lands (or not) with the import itself. The import notes
 * each change as it makes it (kdx_store_add_import_change()), so a big
 * import holds no copies of what it changed, and ends with
 * kdx_store_close_import_run(). Each is one statement, atomic on its
 * own inside the batch: no savepoint is needed around it.
 *
 * Returns: the import's id, or 0 on error
 */
gint64
kdx_store_open_import_run (KdxStore    *self,
                           const char  *file,
                           GError     **error)
{
  g_autofree char *now = kdx_value_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KDX_IS_STORE (self), 0);
  g_return_val_if_fail (self->in_batch, 0);

  stmt = prepare (self, "INSERT INTO import_run (file, at, created, merged, skipped, rejected) "
                        "VALUES (?, ?, 0, 0, 0, 0)", error);
  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, file);
  bind_text (stmt, 2, now);
  if (!step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

/**
 * kdx_store_add_import_change:
 * @before: (nullable): the file as it was before the import changed it,
 *   or %NULL for the KOL @kol_id the import created
 *
 * Notes one change of import @run_id, for its undo.
 */
gboolean
kdx_store_add_import_change (KdxStore  *self,
                             gint64     run_id,
                             gint64     kol_id,
                             KdxKol    *before,
                             GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);
  g_return_val_if_fail (before == NULL || KDX_IS_KOL (before), FALSE);

  stmt = prepare (self, "INSERT INTO import_change (run_id, kol_id, kind, before) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int64 (stmt, 2, kol_id);
  sqlite3_bind_text (stmt, 3, before != NULL ? "merged" : "created", -1, SQLITE_STATIC);
  if (before != NULL)
    {
      g_autoptr(GBytes) snapshot = kdx_kol_snapshot_new (before);

      /* Copied by SQLite, so the snapshot may go at the end of this block. */
      sqlite3_bind_blob64 (stmt, 4, g_bytes_get_data (snapshot, NULL), g_bytes_get_size (snapshot),
                           SQLITE_TRANSIENT);
    }
  else
    sqlite3_bind_null (stmt, 4);
  return step_done (self, stmt, error);
}

/**
 * kdx_store_close_import_run:
 *
 * Ends the history entry of import @run_id with what it counted.
 */
gboolean
kdx_store_close_import_run (KdxStore  *self,
                            gint64     run_id,
                            guint      created,
                            guint      merged,
                            guint      skipped,
                            guint      rejected,
                            GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);

  stmt = prepare (self, "UPDATE import_run SET created = ?, merged = ?, skipped = ?, rejected = ? "
                        "WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, created);
  sqlite3_bind_int (stmt, 2, merged);
  sqlite3_bind_int (stmt, 3, skipped);
  sqlite3_bind_int (stmt, 4, rejected);
  sqlite3_bind_int64 (stmt, 5, run_id);
  return step_done (self, stmt, error);
}

/**
 * kdx_store_record_import:
 * @created_ids: (element-type gint64): the KOLs the import added
 * @merged_before: (element-type KdxKol): the files it merged into, as
 *   they were before
 *
 * Notes what an import did at once, inside the import's own batch.
 *
 * Returns: the import's id, or 0 on error
 */
gint64
kdx_store_record_import (KdxStore    *self,
                         const char  *file,
                         GArray      *created_ids,
                         GPtrArray   *merged_before,
                         guint        skipped,
                         guint        rejected,
                         GError     **error)
{
  gint64 run_id;
  guint mark;

  g_return_val_if_fail (KDX_IS_STORE (self), 0);

  if (!write_begin (self, &mark, error))
    return 0;
  if ((run_id = kdx_store_open_import_run (self, file, error)) == 0)
    goto fail;
  for (guint i = 0; i < created_ids->len; i++)
    if (!kdx_store_add_import_change (self, run_id, g_array_index (created_ids, gint64, i), NULL, error))
      goto fail;
  for (guint i = 0; i < merged_before->len; i++)
    {
      KdxKol *before = g_ptr_array_index (merged_before, i);

      if (!kdx_store_add_import_change (self, run_id, kdx_kol_get_id (before), before, error))
        goto fail;
    }
  if (!kdx_store_close_import_run (self, run_id, created_ids->len, merged_before->len,
                                   skipped, rejected, error))
    goto fail;
  if (!write_commit (self, error))
    goto fail;
  return run_id;

fail:
  write_rollback (self, mark);
  return 0;
}

/**
 * kdx_store_list_imports:
 *
 * Returns: (transfer full) (element-type KdxImportRun): newest first
 */
GPtrArray *
kdx_store_list_imports (KdxStore  *self,
                        GError   **error)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) kdx_import_run_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KDX_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT id, file, at, created, merged, skipped, rejected, undone_at "
                        "FROM import_run ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KdxImportRun *run = g_new0 (KdxImportRun, 1);

      run->id = sqlite3_column_int64 (stmt, 0);
      run->file = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      run->at = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      run->created = sqlite3_column_int (stmt, 3);
      run->merged = sqlite3_column_int (stmt, 4);
      run->skipped = sqlite3_column_int (stmt, 5);
      run->rejected = sqlite3_column_int (stmt, 6);
      run->undone_at = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      g_ptr_array_add (runs, run);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&runs);
}

/**
 * kdx_store_undo_import:
 *
 * Takes an import back as a whole, in one transaction: the KOLs it
 * created are deleted (those deleted since are passed over) and the files
 * it merged into are written back as they were before it. Whatever was
 * changed in those files since is lost with it, as the operator asked.
 */
gboolean
kdx_store_undo_import (KdxStore  *self,
                       gint64     run_id,
                       GError   **error)
{
  g_autofree char *now = kdx_value_now ();
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) kol_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) befores = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  sqlite3_stmt *stmt;
  gboolean undone = FALSE;
  gboolean found = FALSE;
  guint mark;
  int rc;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);

  if (!write_begin (self, &mark, error))
    return FALSE;

  if ((stmt = prepare (self, "SELECT undone_at IS NOT NULL FROM import_run WHERE id = ?", error)) == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, run_id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      found = TRUE;
      undone = sqlite3_column_int (stmt, 0) != 0;
    }
  sqlite3_reset (stmt);
  if (!found || undone)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND,
                   undone ? _("Import %" PRId64 " was undone already") : _("There is no import %" PRId64),
                   run_id);
      goto fail;
    }

  /* Newest change first: a file merged into twice by one import gets its
   * oldest copy, the one from before the import, last. */
  if ((stmt = prepare (self, "SELECT kol_id, kind, before FROM import_change WHERE run_id = ? ORDER BY rowid DESC", error)) == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, run_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 kol_id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (kol_ids, kol_id);
      g_ptr_array_add (kinds, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (befores, g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      goto fail;
    }

  for (guint i = 0; i < kol_ids->len; i++)
    {
      gint64 kol_id = g_array_index (kol_ids, gint64, i);
      KdxStage stage;
      g_autoptr(GError) missing = NULL;

      /* A KOL deleted since the import has nothing left to undo. */
      if (!read_stage (self, kol_id, &stage, &missing))
        {
          if (g_error_matches (missing, KDX_ERROR, KDX_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&missing));
          goto fail;
        }

      if (g_str_equal (g_ptr_array_index (kinds, i), "created"))
        {
          if (!kdx_store_delete_kol (self, kol_id, error))
            goto fail;
        }
      else
        {
          g_autoptr(KdxKol) before = kdx_kol_snapshot_load (g_ptr_array_index (befores, i), error);
          if (before == NULL || !kdx_store_replace_kol (self, before, error))
            goto fail;
        }
    }

  if ((stmt = prepare (self, "UPDATE import_run SET undone_at = ? WHERE id = ?", error)) == NULL)
    goto fail;
  bind_text (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, run_id);
  if (!step_done (self, stmt, error))
    goto fail;

  if (!write_commit (self, error))
    goto fail;
  return TRUE;

fail:
  write_rollback (self, mark);
  return FALSE;
}
