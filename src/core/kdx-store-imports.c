/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "kdx-error.h"
#include "kdx-kol-snapshot.h"
#include "kdx-store-private.h"
#include "kdx-value.h"

/* Import history: what each import created and what it merged into (the
 * file as it was before), written as the import goes, so that the import
 * can be listed and undone as a whole. */

/* ---- imports -------------------------------------------------------------- */

/* ---- what the database refused, by the input's row ------------------------- */

/**
 * kdx_store_set_import_row:
 * @row: the input's row (a spreadsheet's) or line (an XML file's) the
 *   import's next writes come from; 0 for none
 *
 * A team database refuses an import's rows only when they reach it, in
 * a COPY of many (kdx-store-pg-bulk.c), some KOLs later: the store notes
 * this number with each row it buffers, so that the refusal names the
 * row of the input it came from (kdx_store_get_refusal()).
 */
void
kdx_store_set_import_row (KdxStore *self,
                          guint     row)
{
  g_return_if_fail (KDX_IS_STORE (self));
  self->import_row = row;
}

/**
 * kdx_store_send_import_rows:
 *
 * Inside an import's batch: has every row written so far reach the
 * database, where an engine holds them back (a team database's COPY
 * buffers), so that what it would refuse is refused now, by row
 * (kdx_store_get_refusal()). A dry run asks before it rolls back, so it
 * says what the import would.
 */
gboolean
kdx_store_send_import_rows (KdxStore  *self,
                            GError   **error)
{
  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);

  return self->backend->send_held == NULL || self->backend->send_held (self, error);
}

/**
 * kdx_store_get_refusal:
 *
 * Returns: (nullable): what the database refused of the open or last
 *   import when its rows reached it, by the input's row and field; NULL
 *   when the import failed otherwise (or did not)
 */
const KdxStoreRefusal *
kdx_store_get_refusal (KdxStore *self)
{
  g_return_val_if_fail (KDX_IS_STORE (self), NULL);
  return self->refusal;
}

/**
 * kdx_store_refusal_describe:
 *
 * The refusal as an import's sentence, without its place: "uid: “…” is
 * already …", as a field's value is refused ("FIELD: “VALUE” WHY").
 *
 * Returns: (transfer full): the text
 */
char *
kdx_store_refusal_describe (const KdxStoreRefusal *refusal)
{
  g_return_val_if_fail (refusal != NULL, NULL);

  if (refusal->field != NULL && refusal->value != NULL)
    /* Translators: field name, the value given, then why it does not fit */
    return g_strdup_printf (_("%s: “%s” %s"), refusal->field, refusal->value, refusal->reason);
  if (refusal->field != NULL)
    /* Translators: a field's name, then what was refused */
    return g_strdup_printf (_("%s: %s"), refusal->field, refusal->reason);
  return g_strdup (refusal->reason);
}

void
_kdx_store_set_refusal (KdxStore *self,
                        guint     row,
                        char     *field,
                        char     *value,
                        char     *reason)
{
  _kdx_store_clear_refusal (self);
  self->refusal = g_new0 (KdxStoreRefusal, 1);
  self->refusal->row = row;
  self->refusal->field = field;
  self->refusal->value = value;
  self->refusal->reason = reason;
}

void
_kdx_store_clear_refusal (KdxStore *self)
{
  if (self->refusal == NULL)
    return;
  g_free (self->refusal->field);
  g_free (self->refusal->value);
  g_free (self->refusal->reason);
  g_clear_pointer (&self->refusal, g_free);
}


void
kdx_import_run_free (KdxImportRun *run)
{
  if (run == NULL)
    return;
  g_free (run->file);
  g_free (run->at);
  g_free (run->undone_at);
  g_free (run->made_by);
  g_free (run);
}

/**
 * kdx_store_set_streaming:
 *
 * Says that an import is streaming its input through the store (from
 * before its batch to after it ends) or has finished, so the backend can
 * keep memory flat meanwhile, and the writes inside its batch take no
 * savepoint of their own (see _kdx_store_write_begin()). Nothing fails.
 */
void
kdx_store_set_streaming (KdxStore *self,
                         gboolean  streaming)
{
  g_return_if_fail (KDX_IS_STORE (self));

  self->streaming = !!streaming;
  self->backend->set_streaming (self, streaming);
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
  KdxStmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (KDX_IS_STORE (self), 0);
  g_return_val_if_fail (self->in_batch, 0);

  _kdx_store_clear_refusal (self);
  self->import_row = 0;
  /* Into an empty database, the indexes are built once at the end. */
  if (!self->backend->defer_indexes (self, error))
    return 0;
  /* And the search index filled in one pass at the end. */
  if (!self->backend->keep_index (self, error))
    return 0;
  stmt = _kdx_store_prepare (self, "INSERT INTO import_run (file, at, created, merged, skipped, rejected, made_by) "
                        "VALUES (?, ?, 0, 0, 0, 0, ?) RETURNING id", error);
  if (stmt == NULL)
    return 0;
  _kdx_store_bind_text (stmt, 1, file);
  _kdx_store_bind_text (stmt, 2, now);
  _kdx_store_bind_text (stmt, 3, self->operator_name);
  if (!_kdx_store_step_id (self, stmt, &id, error))
    return 0;
  /* A rolled-back run's id may come again: forget what it noted. */
  g_hash_table_remove_all (self->import_noted);
  return id;
}

/**
 * kdx_store_add_import_change:
 * @before: (nullable): the file as it was before the import changed it,
 *   or %NULL for the KOL @kol_id the import created
 *
 * Notes one change of import @run_id, for its undo. Where the engine
 * keeps no order of insertion (PostgreSQL), a KOL's first change only:
 * when one import merges into a file twice (or merges into a file it
 * created), undoing it brings back the file as it was before the import,
 * so the later copies are never read. SQLite notes each, in order (rowid).
 */
gboolean
kdx_store_add_import_change (KdxStore  *self,
                             gint64     run_id,
                             gint64     kol_id,
                             KdxKol    *before,
                             GError   **error)
{
  KdxStmt *stmt;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);
  g_return_val_if_fail (before == NULL || KDX_IS_KOL (before), FALSE);

  if (self->backend->import_first_change_only
      && g_hash_table_contains (self->import_noted, &kol_id))
    return TRUE;
  stmt = _kdx_store_prepare (self, "INSERT INTO import_change (run_id, kol_id, kind, before) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  kdx_stmt_bind_int64 (stmt, 1, run_id);
  kdx_stmt_bind_int64 (stmt, 2, kol_id);
  kdx_stmt_bind_text (stmt, 3, before != NULL ? "merged" : "created");
  if (before != NULL)
    {
      g_autoptr(GBytes) snapshot = kdx_kol_snapshot_new (before);

      /* Copied by SQLite, so the snapshot may go at the end of this block. */
      kdx_stmt_bind_blob (stmt, 4, g_bytes_get_data (snapshot, NULL), g_bytes_get_size (snapshot));
    }
  else
    kdx_stmt_bind_null (stmt, 4);
  if (!_kdx_store_step_done (self, stmt, error))
    return FALSE;
  g_hash_table_add (self->import_noted, g_memdup2 (&kol_id, sizeof kol_id));
  return TRUE;
}

/**
 * kdx_store_close_import_run:
 *
 * Ends the history entry of import @run_id with what it counted, and
 * builds the indexes (the search index among them) that
 * kdx_store_open_import_run() left for the end.
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
  KdxStmt *stmt;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);

  if (!self->backend->index_kept (self, error)
      || !self->backend->restore_indexes (self, error))
    return FALSE;
  /* A streaming batch left the Insights summaries of its KOLs to here. */
  if (self->streaming && !_kdx_store_summarise_import_run (self, run_id, error))
    return FALSE;
  stmt = _kdx_store_prepare (self, "UPDATE import_run SET created = ?, merged = ?, skipped = ?, rejected = ? "
                        "WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  kdx_stmt_bind_int64 (stmt, 1, created);
  kdx_stmt_bind_int64 (stmt, 2, merged);
  kdx_stmt_bind_int64 (stmt, 3, skipped);
  kdx_stmt_bind_int64 (stmt, 4, rejected);
  kdx_stmt_bind_int64 (stmt, 5, run_id);
  return _kdx_store_step_done (self, stmt, error);
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

  if (!_kdx_store_write_begin (self, &mark, error))
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
  if (!_kdx_store_write_commit (self, error))
    goto fail;
  return run_id;

fail:
  _kdx_store_write_rollback (self, mark);
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
  KdxStmt *stmt;
  int rc;

  g_return_val_if_fail (KDX_IS_STORE (self), NULL);

  stmt = _kdx_store_prepare (self, "SELECT id, file, at, created, merged, skipped, rejected, undone_at, made_by "
                        "FROM import_run ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
    {
      KdxImportRun *run = g_new0 (KdxImportRun, 1);

      run->id = kdx_stmt_column_int64 (stmt, 0);
      run->file = g_strdup (kdx_stmt_column_text (stmt, 1));
      run->at = g_strdup (kdx_stmt_column_text (stmt, 2));
      run->created = kdx_stmt_column_int (stmt, 3);
      run->merged = kdx_stmt_column_int (stmt, 4);
      run->skipped = kdx_stmt_column_int (stmt, 5);
      run->rejected = kdx_stmt_column_int (stmt, 6);
      run->undone_at = g_strdup (kdx_stmt_column_text (stmt, 7));
      run->made_by = g_strdup (kdx_stmt_column_text (stmt, 8));
      g_ptr_array_add (runs, run);
    }
  kdx_stmt_reset (stmt);
  if (rc != KDX_STMT_DONE)
    {
      _kdx_store_set_error (self, error);
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
  g_autofree char *sql = NULL;
  KdxStmt *stmt;
  gboolean undone = FALSE;
  gboolean found = FALSE;
  guint mark;
  int rc;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);

  if (!_kdx_store_write_begin (self, &mark, error))
    return FALSE;

  if ((stmt = _kdx_store_prepare (self, "SELECT undone_at IS NOT NULL FROM import_run WHERE id = ?", error)) == NULL)
    goto fail;
  kdx_stmt_bind_int64 (stmt, 1, run_id);
  if ((rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
    {
      found = TRUE;
      undone = kdx_stmt_column_int (stmt, 0) != 0;
    }
  kdx_stmt_reset (stmt);
  if (!found || undone)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND,
                   undone ? _("Import %" PRId64 " was undone already") : _("There is no import %" PRId64),
                   run_id);
      goto fail;
    }

  /* Newest change first: a file merged into twice by one import gets its
   * oldest copy, the one from before the import, last (on SQLite; on
   * PostgreSQL only the first change of a KOL is noted). */
  sql = g_strdup_printf ("SELECT kol_id, kind, before FROM import_change WHERE run_id = ? ORDER BY %s",
                         self->backend->import_change_order);
  if ((stmt = _kdx_store_prepare (self, sql, error)) == NULL)
    goto fail;
  kdx_stmt_bind_int64 (stmt, 1, run_id);
  while ((rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
    {
      gint64 kol_id = kdx_stmt_column_int64 (stmt, 0);

      g_array_append_val (kol_ids, kol_id);
      g_ptr_array_add (kinds, g_strdup (kdx_stmt_column_text (stmt, 1)));
      g_ptr_array_add (befores, g_bytes_new (kdx_stmt_column_blob (stmt, 2), kdx_stmt_column_bytes (stmt, 2)));
    }
  kdx_stmt_reset (stmt);
  if (rc != KDX_STMT_DONE)
    {
      _kdx_store_set_error (self, error);
      goto fail;
    }

  for (guint i = 0; i < kol_ids->len; i++)
    {
      gint64 kol_id = g_array_index (kol_ids, gint64, i);
      KdxStage stage;
      g_autoptr(GError) missing = NULL;

      /* A KOL deleted since the import has nothing left to undo. */
      if (!_kdx_store_read_stage (self, kol_id, &stage, &missing))
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

  if ((stmt = _kdx_store_prepare (self, "UPDATE import_run SET undone_at = ? WHERE id = ?", error)) == NULL)
    goto fail;
  _kdx_store_bind_text (stmt, 1, now);
  kdx_stmt_bind_int64 (stmt, 2, run_id);
  if (!_kdx_store_step_done (self, stmt, error))
    goto fail;

  if (!_kdx_store_write_commit (self, error))
    goto fail;
  return TRUE;

fail:
  _kdx_store_write_rollback (self, mark);
  return FALSE;
}
