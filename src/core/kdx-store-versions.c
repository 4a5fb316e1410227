/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "kdx-error.h"
#include "kdx-record.h"
#include "kdx-store-private.h"

/* Several writers on one database (issue 14, item 3). Every KOL row has a
 * version that each write of the file raises (_kdx_store_note_written()).
 * An editor reads a file with its version, and saves only the fields the
 * operator changed, saying which and the version they were based on: the
 * store merges them onto the file as it is now, and refuses when another
 * writer changed one of the same fields in between, so that nothing is
 * silently overwritten. */

/* The row version of KOL @id by @sql ("… WHERE id = ?", one column). */
static gboolean
read_version (KdxStore    *self,
              const char  *sql,
              gint64       id,
              gint64      *version,
              GError     **error)
{
  KdxStmt *stmt = _kdx_store_prepare (self, sql, error);
  KdxStmtResult rc;

  if (stmt == NULL)
    return FALSE;
  kdx_stmt_bind_int64 (stmt, 1, id);
  rc = kdx_stmt_step (stmt);
  if (rc == KDX_STMT_ROW)
    *version = kdx_stmt_column_int64 (stmt, 0);
  kdx_stmt_reset (stmt);
  if (rc == KDX_STMT_ERROR)
    return _kdx_store_set_error (self, error);
  if (rc != KDX_STMT_ROW)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND,
                   _("There is no KOL with id %" PRId64), id);
      return FALSE;
    }
  return TRUE;
}

/* Takes the row's lock for the rest of the transaction (PostgreSQL's row
 * lock; SQLite's write lock is the whole file's already) and reads the
 * version another writer may just have committed. */
static gboolean
lock_version (KdxStore  *self,
              gint64     id,
              gint64    *version,
              GError   **error)
{
  return read_version (self, "UPDATE kol SET row_version = row_version "
                             "WHERE id = ? RETURNING row_version", id, version, error);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Locks @ids for the rest of the transaction before they are read to be
 * written back, so that what another writer commits meanwhile waits and
 * is then read, not overwritten; in ascending order, so that two writers
 * of the same KOLs named in other orders wait for each other instead of
 * deadlocking (ten writers, build-aux/bench). SQLite's write transaction
 * holds the whole file already. */
gboolean
_kdx_store_lock_kols (KdxStore      *self,
                      const gint64  *ids,
                      guint          n_ids,
                      GError       **error)
{
  g_autofree gint64 *sorted = NULL;

  if (!self->backend->lock_before_rewrite)
    return TRUE;
  sorted = g_memdup2 (ids, n_ids * sizeof *ids);
  qsort (sorted, n_ids, sizeof *sorted, compare_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      gint64 version;

      if (i > 0 && sorted[i] == sorted[i - 1])
        continue;
      if (!lock_version (self, sorted[i], &version, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * kdx_store_get_kol_version:
 *
 * The row version of KOL @id: read it before loading the file an editor
 * shows, and pass it to kdx_store_save_kol_changes().
 */
gboolean
kdx_store_get_kol_version (KdxStore  *self,
                           gint64     id,
                           gint64    *version,
                           GError   **error)
{
  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (version != NULL, FALSE);

  return read_version (self, "SELECT row_version FROM kol WHERE id = ?", id, version, error);
}

/**
 * kdx_store_load_kol_with_version:
 * @version: (out): the row version the file returned is at
 *
 * The file of KOL @id as stored now, with its row version, the two
 * matching: what a conflict is settled against (the editor shows these
 * values as the other writer's, and saves the operator's choice from
 * this version). Read without a lock: the version is read before and
 * after the file, and the file read again when a write came between;
 * under a storm of writes the last read is returned with the version
 * read before it, which is safe (a save from it checks every field).
 */
KdxKol *
kdx_store_load_kol_with_version (KdxStore  *self,
                                 gint64     id,
                                 gint64    *version,
                                 GError   **error)
{
  g_return_val_if_fail (KDX_IS_STORE (self), NULL);
  g_return_val_if_fail (version != NULL, NULL);

  for (guint tries = 1;; tries++)
    {
      g_autoptr(KdxKol) kol = NULL;
      gint64 after = 0;

      if (!kdx_store_get_kol_version (self, id, version, error)
          || (kol = kdx_store_load_kol (self, id, error)) == NULL
          || !kdx_store_get_kol_version (self, id, &after, error))
        return NULL;
      if (after == *version || tries == 8)
        return g_steal_pointer (&kol);
    }
}

/* Whether field @field has the same value in @a and @b. */
static gboolean
same_value (const KdxField *field,
            KdxKol         *a,
            KdxKol         *b)
{
  g_auto(GValue) value_a = G_VALUE_INIT;
  g_auto(GValue) value_b = G_VALUE_INIT;
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;

  g_value_init (&value_a, kdx_field_get_gtype (field));
  g_value_init (&value_b, kdx_field_get_gtype (field));
  kdx_record_get_value (KDX_RECORD (a), field, &value_a);
  kdx_record_get_value (KDX_RECORD (b), field, &value_b);
  text_a = kdx_field_to_string (field, &value_a);
  text_b = kdx_field_to_string (field, &value_b);
  return g_strcmp0 (text_a, text_b) == 0;
}

/* @name as FIELDS.md spells it: a property name ("display-name") too. */
static char *
field_name (const char *name)
{
  return g_strdelimit (g_strdup (name), "-", '_');
}

/* Puts the operator's changes of @kol (from @base) onto @stored, or says
 * which of them another writer changed too (both when @check). */
static gboolean
merge_changes (KdxKol             *stored,
               KdxKol             *kol,
               KdxKol             *base,
               const char * const *names,
               gboolean            check,
               GPtrArray          *conflicts,
               GError            **error)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = field_name (names[i]);
      GListStore *list = kdx_kol_get_list (stored, name);
      const KdxField *field;
      g_auto(GValue) value = G_VALUE_INIT;

      /* Lists merge item by item; their history is the store's. */
      if (list != NULL)
        {
          if (!g_str_equal (name, "stage_history"))
            kdx_kol_apply_list_edit (list, kdx_kol_get_list (base, name),
                                     kdx_kol_get_list (kol, name));
          continue;
        }

      field = kdx_record_find_field (KDX_RECORD (stored), name);
      if (field == NULL)
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_UNKNOWN_FIELD,
                       _("“%s” is not a field of a KOL file"), names[i]);
          return FALSE;
        }
      if (field->flags & KDX_FIELD_FLAG_READ_ONLY)
        continue;
      /* Changed by the other writer as well, and not to the same value. */
      if (check && !same_value (field, stored, base) && !same_value (field, stored, kol))
        {
          g_ptr_array_add (conflicts, g_strdup (field->name));
          continue;
        }
      g_value_init (&value, kdx_field_get_gtype (field));
      kdx_record_get_value (KDX_RECORD (kol), field, &value);
      kdx_record_set_value (KDX_RECORD (stored), field, &value);
    }
  return TRUE;
}

static void
set_conflict_error (KdxKol     *stored,
                    GPtrArray  *conflicts,
                    GError    **error)
{
  g_autoptr(GString) labels = g_string_new (NULL);

  for (guint i = 0; i < conflicts->len; i++)
    {
      const KdxField *field = kdx_record_find_field (KDX_RECORD (stored),
                                                     g_ptr_array_index (conflicts, i));
      if (labels->len > 0)
        /* Translators: between the names of fields in a list */
        g_string_append (labels, _(", "));
      g_string_append (labels, kdx_field_get_label (field));
    }
  g_set_error (error, KDX_ERROR, KDX_ERROR_CONFLICT,
               /* Translators: %s: a KOL's name; %s: the fields, e.g. "Phone, City" */
               g_dngettext (GETTEXT_PACKAGE,
                            "Someone else changed this field of “%s” while you were editing: %s. "
                            "Nothing was saved; choose whose value to keep",
                            "Someone else changed these fields of “%s” while you were editing: %s. "
                            "Nothing was saved; choose whose values to keep",
                            conflicts->len),
               kdx_kol_get_display_name (stored), labels->str);
}

/**
 * kdx_store_save_kol_changes:
 * @kol: the file as the operator edited it
 * @base: the file the operator began from
 * @base_version: the row version @base was read at (kdx_store_get_kol_version())
 * @names: the fields and lists (FIELDS.md or property names) the operator changed
 * @new_version: (out) (optional): the row version after the save
 * @conflicts: (out) (optional) (transfer full): on KDX_ERROR_CONFLICT,
 *   the FIELDS.md names of the fields both writers changed
 *
 * Saves only @names of @kol onto the file as stored now, in one
 * transaction. When another writer saved the file since @base_version,
 * its changes to other fields are kept; when it changed one of @names
 * too (to another value), nothing is saved and the error is
 * KDX_ERROR_CONFLICT, naming the fields. On success @kol is the file as
 * saved, the other writer's changes included.
 */
gboolean
kdx_store_save_kol_changes (KdxStore            *self,
                            KdxKol              *kol,
                            KdxKol              *base,
                            gint64               base_version,
                            const char * const  *names,
                            gint64              *new_version,
                            GStrv               *conflicts,
                            GError             **error)
{
  g_autoptr(KdxKol) stored = kdx_kol_new ();
  g_autoptr(GPtrArray) clashes = g_ptr_array_new_with_free_func (g_free);
  gint64 id, version = 0;
  guint mark;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (KDX_IS_KOL (kol), FALSE);
  g_return_val_if_fail (KDX_IS_KOL (base), FALSE);
  g_return_val_if_fail (names != NULL, FALSE);

  id = kdx_kol_get_id (kol);
  if (!_kdx_store_write_begin (self, &mark, error))
    return FALSE;

  if (!lock_version (self, id, &version, error)
      || !_kdx_store_read_kol (self, id, stored, error)
      || !merge_changes (stored, kol, base, names, version != base_version, clashes, error))
    goto fail;

  if (clashes->len > 0)
    {
      set_conflict_error (stored, clashes, error);
      if (conflicts != NULL)
        {
          g_ptr_array_add (clashes, NULL);
          *conflicts = (GStrv) g_ptr_array_steal (clashes, NULL);
        }
      goto fail;
    }

  /* The nested save raises the version once and dates a stage change. */
  if (!kdx_store_save_kol (self, stored, error)
      || !lock_version (self, id, &version, error)
      || !_kdx_store_write_commit (self, error))
    goto fail;

  kdx_kol_assign (kol, stored);
  if (new_version != NULL)
    *new_version = version;
  return TRUE;

fail:
  _kdx_store_write_rollback (self, mark);
  return FALSE;
}
