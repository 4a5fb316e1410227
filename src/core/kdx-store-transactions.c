/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdx-error.h"
#include "kdx-store-private.h"

/* The statement layer (prepared once, reset on each use) and how writes
 * become transactions: each write its own, or a savepoint inside a batch
 * or another write, and "changed" once the outermost commits. */

/* ---- statements and errors ------------------------------------------------ */

/* The engine's last error, as a message an operator can act on. */
gboolean
_kdx_store_set_error (KdxStore  *self,
                      GError   **error)
{
  return self->backend->set_error (self, error);
}

/* A cached statement, reset and with no bindings left from its last use. */
KdxStmt *
_kdx_store_prepare (KdxStore    *self,
                    const char  *sql,
                    GError     **error)
{
  KdxStmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      if ((stmt = self->backend->prepare (self, sql, TRUE, NULL)) == NULL)
        {
          _kdx_store_set_error (self, error);
          return NULL;
        }
      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
    }

  kdx_stmt_reset (stmt);
  kdx_stmt_clear_bindings (stmt);
  return stmt;
}

/* Runs a statement that returns no rows. */
gboolean
_kdx_store_step_done (KdxStore      *self,
                      KdxStmt       *stmt,
                      GError       **error)
{
  int rc = kdx_stmt_step (stmt);

  kdx_stmt_reset (stmt);
  if (rc != KDX_STMT_DONE)
    return _kdx_store_set_error (self, error);
  return TRUE;
}

/* Runs an INSERT ... RETURNING id (which SQLite and PostgreSQL both
 * speak; no engine's last-insert-id call) and says the new row's id. */
gboolean
_kdx_store_step_id (KdxStore    *self,
                    KdxStmt     *stmt,
                    gint64      *id,
                    GError     **error)
{
  int rc = kdx_stmt_step (stmt);

  if (rc == KDX_STMT_ROW)
    *id = kdx_stmt_column_int64 (stmt, 0);
  kdx_stmt_reset (stmt);
  if (rc != KDX_STMT_ROW)
    return _kdx_store_set_error (self, error);
  return TRUE;
}

gboolean
_kdx_store_run (KdxStore    *self,
                const char  *sql,
                GError     **error)
{
  KdxStmt *stmt = _kdx_store_prepare (self, sql, error);

  return stmt != NULL && _kdx_store_step_done (self, stmt, error);
}

void
_kdx_store_bind_text (KdxStmt    *stmt,
                      int         index,
                      const char *text)
{
  if (text != NULL && *text != '\0')
    kdx_stmt_bind_text (stmt, index, text);
  else
    kdx_stmt_bind_null (stmt, index);
}

/* The one integer a statement answers with. */
gboolean
_kdx_store_query_int (KdxStore    *self,
                      const char  *sql,
                      gint64      *value,
                      GError     **error)
{
  KdxStmt *stmt = _kdx_store_prepare (self, sql, error);

  /* Read as an insert's new id is: the first column of the one row. */
  return stmt != NULL && _kdx_store_step_id (self, stmt, value, error);
}

/* ---- transactions --------------------------------------------------------- */

/* While an import writes through its own connection it holds SQLite's
 * write lock; a write here would wait for the busy timeout (seconds of
 * frozen window) and then fail. It fails at once instead, saying why. */
static gboolean
check_writes_held (KdxStore  *self,
                   GError   **error)
{
  /* Nothing is written into a file known to be damaged. */
  if (kdx_store_is_damaged (self))
    return _kdx_store_damaged_error (self, error);
  if (g_atomic_int_get (&self->writes_held) == 0)
    return TRUE;
  g_set_error (error, KDX_ERROR, KDX_ERROR_BUSY,
               _("An import is writing to this database; try again when it has finished"));
  return FALSE;
}

/* An import's write of one KOL, straight in its batch: no savepoint.
 * A savepoint per KOL copied every page the KOL touched to a statement
 * journal in a temporary file and made FTS5 flush a tiny segment at each
 * release: most of a 100,000-row import's time (issue 16). It is not
 * needed: what an import's write refuses (no name, a uid taken) is
 * refused by a check or by the first INSERT, which changes nothing when
 * it fails; a failure after that is the database's own, and ends the
 * import. Should a write still fail after changing rows, the batch is
 * broken and will not commit (kdx_store_commit_batch()). An engine where
 * a refused statement aborts the transaction (PostgreSQL) keeps its
 * savepoint per KOL (the backend's import_savepoints). */
static gboolean
is_bulk_write (KdxStore *self,
               guint     depth)
{
  return self->in_batch && self->streaming && depth == 0
         && !self->backend->import_savepoints;
}

/* A write is a transaction of its own, or inside a batch or another write
 * a savepoint, so a failed part rolls back alone and the rest goes on
 * (an import's writes aside, above). */
gboolean
_kdx_store_write_begin (KdxStore  *self,
                        guint     *mark,
                        GError   **error)
{
  gboolean nested = self->in_batch || self->write_depth > 0;

  if (kdx_store_is_damaged (self))
    return _kdx_store_damaged_error (self, error);
  if (self->read_only)
    return kdx_store_read_only_error (self, error);
  if (!nested && !check_writes_held (self, error))
    return FALSE;

  *mark = self->changed_ids->len;
  if (is_bulk_write (self, self->write_depth))
    {
      self->bulk_mark = self->backend->total_changes (self);
      self->write_depth++;
      return TRUE;
    }
  if (!_kdx_store_run (self, nested ? "SAVEPOINT kdx_write" : self->backend->begin_write_sql, error))
    return FALSE;
  self->write_depth++;
  return TRUE;
}

/* Other connections hear of the commit with it (kdx-store-backend.h's
 * announce(), before COMMIT): a write that never commits tells no one. */
static gboolean
announce_changes (KdxStore  *self,
                  GError   **error)
{
  if (self->backend->announce == NULL || self->changed_ids->len == 0)
    return TRUE;
  return self->backend->announce (self, self->changed_ids, error);
}

static void
emit_changed (KdxStore *self)
{
  g_autoptr(GArray) ids = NULL;

  if (self->changed_ids->len == 0)
    return;

  ids = g_steal_pointer (&self->changed_ids);
  self->changed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  _kdx_store_emit (self, ids);
  _kdx_store_sibling_committed (self);
}

gboolean
_kdx_store_write_commit (KdxStore  *self,
                         GError   **error)
{
  gboolean nested = self->in_batch || self->write_depth > 1;

  if (is_bulk_write (self, self->write_depth - 1))
    {
      self->write_depth--;
      return TRUE;
    }
  if (!nested && !announce_changes (self, error))
    return FALSE;
  if (!_kdx_store_run (self, nested ? "RELEASE kdx_write" : "COMMIT", error))
    return FALSE;
  self->write_depth--;
  if (!nested)
    emit_changed (self);
  return TRUE;
}

/* After a failed write_begin nothing is open: callers only roll back
 * what began. */
void
_kdx_store_write_rollback (KdxStore *self,
                           guint     mark)
{
  gboolean nested = self->in_batch || self->write_depth > 1;

  if (is_bulk_write (self, self->write_depth - 1))
    {
      if (self->backend->total_changes (self) != self->bulk_mark)
        self->batch_broken = TRUE;
    }
  else if (nested)
    {
      _kdx_store_run (self, "ROLLBACK TO kdx_write", NULL);
      _kdx_store_run (self, "RELEASE kdx_write", NULL);
    }
  else
    _kdx_store_run (self, "ROLLBACK", NULL);

  self->write_depth--;
  g_array_set_size (self->changed_ids, mark);
}

void
_kdx_store_note_changed (KdxStore *self,
                         gint64    id)
{
  g_array_append_val (self->changed_ids, id);
}

/* A write of an existing KOL file raises its row version (issue 14,
 * item 3): a save based on an older version then knows that another
 * writer, on another connection, came in between. */
gboolean
_kdx_store_note_written (KdxStore  *self,
                         gint64     id,
                         GError   **error)
{
  KdxStmt *stmt = _kdx_store_prepare (self, "UPDATE kol SET row_version = row_version + 1 "
                                            "WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  kdx_stmt_bind_int64 (stmt, 1, id);
  if (!_kdx_store_step_done (self, stmt, error))
    return FALSE;
  _kdx_store_note_changed (self, id);
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

  if (self->read_only)
    return kdx_store_read_only_error (self, error);
  if (!check_writes_held (self, error))
    return FALSE;
  _kdx_store_sibling_batch_began (self);
  if (!_kdx_store_run (self, self->backend->begin_write_sql, error))
    {
      _kdx_store_sibling_batch_ended (self);
      return FALSE;
    }
  self->in_batch = TRUE;
  self->batch_broken = FALSE;
  return TRUE;
}

gboolean
kdx_store_commit_batch (KdxStore  *self,
                        GError   **error)
{
  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);

  if (self->batch_broken)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                   _("A write failed part-way through a KOL file; nothing was saved"));
      kdx_store_rollback_batch (self);
      return FALSE;
    }
  /* An import that kept its search texts for its end indexes them now
   * (kdx_store_close_import_run() has, unless it never ran); then the
   * other operators hear of the changes, with the commit. */
  if (!self->backend->index_kept (self, error)
      || !announce_changes (self, error)
      || !_kdx_store_run (self, "COMMIT", error))
    {
      kdx_store_rollback_batch (self);
      return FALSE;
    }
  self->in_batch = FALSE;
  _kdx_store_sibling_batch_ended (self);
  emit_changed (self);
  return TRUE;
}

void
kdx_store_rollback_batch (KdxStore *self)
{
  g_return_if_fail (KDX_IS_STORE (self));
  g_return_if_fail (self->in_batch);

  _kdx_store_run (self, "ROLLBACK", NULL);
  /* The rollback has brought back any index an import dropped. */
  g_ptr_array_set_size (self->deferred_indexes, 0);
  /* And dropped the search texts an import kept for its end. */
  self->index_kept = FALSE;
  self->in_batch = FALSE;
  _kdx_store_sibling_batch_ended (self);
  g_array_set_size (self->changed_ids, 0);
}

gboolean
kdx_store_in_batch (KdxStore *self)
{
  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  return self->in_batch;
}

/**
 * kdx_store_check_in_place:
 *
 * Whether the database is still the one at its path. When its folder was
 * removed or the file deleted or replaced while the store wrote (a long
 * import), the writes went into a file no one will open again: the
 * caller must not report them as saved.
 */
gboolean
kdx_store_check_in_place (KdxStore  *self,
                          GError   **error)
{
  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);

  if (self->backend->is_in_place (self))
    return TRUE;
  g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
               _("The database %s was moved or deleted while importing; nothing was saved there"),
               self->path);
  return FALSE;
}
