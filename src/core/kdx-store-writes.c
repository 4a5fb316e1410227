/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "kdx-error.h"
#include "kdx-stage-entry.h"
#include "kdx-store-private.h"
#include "kdx-value.h"

/* The store's writes of KOL files: each one transaction (a savepoint
 * inside a batch), "changed" with the ids it touched once it commits. */

/* ---- writes --------------------------------------------------------------- */

/* Appends a history entry to @kol when its stage is not the newest one in
 * its history (or it has none): how every stage change gets its date. */
static void
stamp_stage (KdxStore   *self,
             KdxKol     *kol,
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
  kdx_store_stamp_made_by (self, KDX_RECORD (entry));
  g_list_store_append (history, entry);
}

/* A random (version 4) UUID, as g_uuid_string_random() makes one, but
 * written out by hand: its printf was a hundredth of an import. */
static char *
random_uid (void)
{
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[16];
  char *uid = g_malloc (37);
  char *out = uid;

  for (guint i = 0; i < 16; i += 4)
    {
      guint32 r = g_random_int ();
      memcpy (bytes + i, &r, sizeof r);
    }
  bytes[6] = (bytes[6] & 0x0f) | 0x40; /* version 4 */
  bytes[8] = (bytes[8] & 0x3f) | 0x80; /* the RFC 4122 variant */
  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *out++ = '-';
      *out++ = hex[bytes[i] >> 4];
      *out++ = hex[bytes[i] & 0x0f];
    }
  *out = '\0';
  return uid;
}

/**
 * kdx_store_add_kol:
 *
 * Stores a new KOL file. The store assigns the id (unless @kol has one,
 * as when an undo restores a deleted file), the uid and the times it does
 * not have yet, and dates its stage. On success @kol carries them.
 * Inside an import's batch (kdx_store_set_streaming()) @kol is stamped
 * in place instead of through a copy, failure or not: an importer drops
 * a KOL the store refused, and the two copies of every new KOL were a
 * tenth of an import's time (issue 16).
 */
gboolean
kdx_store_add_kol (KdxStore  *self,
                   KdxKol    *kol,
                   GError   **error)
{
  g_autofree char *now = NULL;
  g_autoptr(KdxKol) staged = NULL;
  gboolean is_new;
  gint64 id;
  guint mark;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (KDX_IS_KOL (kol), FALSE);

  if (!_kdx_store_check_required (kol, error))
    return FALSE;
  /* An id the store picks was never used (AUTOINCREMENT): no rows of it
   * anywhere. One given (an undo putting a file back) may have some. */
  is_new = kdx_kol_get_id (kol) <= 0;

  /* Work on a copy so that @kol changes only once the write commits. */
  staged = self->in_batch && self->streaming ? g_object_ref (kol) : kdx_kol_dup (kol);
  if (kdx_kol_get_uid (staged) == NULL)
    {
      g_autofree char *uid = random_uid ();
      g_object_set (staged, "uid", uid, NULL);
    }
  /* The clock read only when a time is missing: an import's rows
   * usually bring both. */
  if (kdx_kol_get_created_at (staged) == NULL || kdx_kol_get_updated_at (staged) == NULL)
    now = kdx_value_now ();
  if (kdx_kol_get_created_at (staged) == NULL)
    g_object_set (staged, "created-at", now, NULL);
  if (kdx_kol_get_updated_at (staged) == NULL)
    g_object_set (staged, "updated-at", now, NULL);
  stamp_stage (self, staged, kdx_kol_get_created_at (staged), NULL);

  if (!_kdx_store_write_begin (self, &mark, error))
    return FALSE;

  if (!_kdx_store_write_kol_row (self, self->kol_insert_sql, staged, FALSE, &id, error))
    goto fail;
  if (!_kdx_store_write_parts (self, id, staged, is_new, error)
      || !_kdx_store_write_history (self, id, staged, is_new, error))
    goto fail;

  _kdx_store_note_changed (self, id);
  if (!_kdx_store_write_commit (self, error))
    goto fail;

  g_object_set (staged, "id", id, NULL);
  if (staged != kol)
    kdx_kol_assign (kol, staged);
  return TRUE;

fail:
  _kdx_store_write_rollback (self, mark);
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
  if (!_kdx_store_check_required (kol, error))
    return FALSE;

  if (!_kdx_store_write_begin (self, &mark, error))
    return FALSE;
  if (!_kdx_store_lock_kols (self, &id, 1, error))
    goto fail;

  /* The history comes from the database, not from the caller's copy. */
  stored = kdx_kol_new ();
  if (!_kdx_store_read_kol (self, id, stored, error))
    goto fail;

  staged = kdx_kol_dup (kol);
  g_object_set (staged, "updated-at", now, NULL);
  kdx_kol_copy_list (kdx_kol_get_stage_history (staged), kdx_kol_get_stage_history (stored));
  stamp_stage (self, staged, now, NULL);

  if (!_kdx_store_write_kol_row (self, self->kol_update_sql, staged, TRUE, NULL, error)
      || !_kdx_store_write_parts (self, id, staged, FALSE, error)
      || !_kdx_store_write_history (self, id, staged, FALSE, error)
      || !_kdx_store_note_written (self, id, error))
    goto fail;

  if (!_kdx_store_write_commit (self, error))
    goto fail;

  kdx_kol_assign (kol, staged);
  return TRUE;

fail:
  _kdx_store_write_rollback (self, mark);
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
  KdxStmt *stmt;
  guint mark;
  guint moved = 0;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (stage < KDX_N_STAGES, FALSE);

  if (!_kdx_store_write_begin (self, &mark, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      KdxStage current = KDX_STAGE_CANDIDATE;

      if (!_kdx_store_read_stage (self, id, &current, error))
        goto fail;
      if (current == stage)
        continue;

      stmt = _kdx_store_prepare (self,
                      "UPDATE kol SET stage = ?, updated_at = ?, "
                      "churn_reason = coalesce(?, churn_reason) WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      _kdx_store_bind_text (stmt, 1, kdx_stage_to_string (stage));
      _kdx_store_bind_text (stmt, 2, now);
      _kdx_store_bind_text (stmt, 3, churn_reason);
      kdx_stmt_bind_int64 (stmt, 4, id);
      if (!_kdx_store_step_done (self, stmt, error)
          || !_kdx_store_append_stage_entry (self, id, stage, now, note, error)
          || !_kdx_store_note_written (self, id, error))
        goto fail;

      moved++;
    }

  if (moved == 0)
    {
      _kdx_store_write_rollback (self, mark);
      return TRUE;
    }
  if (!_kdx_store_write_commit (self, error))
    goto fail;
  return TRUE;

fail:
  _kdx_store_write_rollback (self, mark);
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
  if (!_kdx_store_check_required (kol, error))
    return FALSE;
  if (!_kdx_store_write_begin (self, &mark, error))
    return FALSE;

  if (!_kdx_store_read_stage (self, id, &current, error)
      || !_kdx_store_write_kol_row (self, self->kol_update_sql, kol, TRUE, NULL, error)
      || !_kdx_store_write_parts (self, id, kol, FALSE, error)
      || !_kdx_store_write_history (self, id, kol, FALSE, error)
      || !_kdx_store_note_written (self, id, error))
    goto fail;

  if (!_kdx_store_write_commit (self, error))
    goto fail;
  return TRUE;

fail:
  _kdx_store_write_rollback (self, mark);
  return FALSE;
}

/**
 * kdx_store_edit_kols:
 * @ids: (element-type gint64): the KOLs to change
 * @edit: changes each file as read inside the transaction
 * @before_out: (out) (optional) (element-type KdxKol): the files as they
 *   were, for kdx_store_replace_kols() (an Undo)
 *
 * Reads each of @ids, lets @edit change it and saves it, all in one
 * transaction: every file changes, or, when an id is unknown, @edit fails
 * or a write fails, none. Reading inside the transaction means what Undo
 * puts back is exactly what was changed.
 */
gboolean
kdx_store_edit_kols (KdxStore       *self,
                     GArray         *ids,
                     KdxKolEditFunc  edit,
                     gpointer        user_data,
                     GPtrArray     **before_out,
                     GError        **error)
{
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  guint mark;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);

  if (!_kdx_store_write_begin (self, &mark, error))
    return FALSE;
  if (!_kdx_store_lock_kols (self, (const gint64 *) ids->data, ids->len, error))
    goto fail;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(KdxKol) kol = kdx_kol_new ();

      if (!_kdx_store_read_kol (self, g_array_index (ids, gint64, i), kol, error))
        goto fail;
      g_ptr_array_add (before, kdx_kol_dup (kol));
      if (!edit (kol, user_data, error) || !kdx_store_save_kol (self, kol, error))
        goto fail;
    }

  if (!_kdx_store_write_commit (self, error))
    goto fail;
  if (before_out != NULL)
    *before_out = g_steal_pointer (&before);
  return TRUE;

fail:
  _kdx_store_write_rollback (self, mark);
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
  KdxStmt *stmt;
  guint mark;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);

  query->stages = 1u << stage;
  kdx_kol_query_set_sort (query, "board", FALSE);

  if (!_kdx_store_write_begin (self, &mark, error))
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
      stmt = _kdx_store_prepare (self, "INSERT INTO board_order (kol_id, rank) VALUES (?, ?) "
                                       "ON CONFLICT (kol_id) DO UPDATE SET rank = excluded.rank", error);
      if (stmt == NULL)
        goto fail;
      kdx_stmt_bind_int64 (stmt, 1, g_array_index (order, gint64, i));
      kdx_stmt_bind_double (stmt, 2, i);
      if (!_kdx_store_step_done (self, stmt, error))
        goto fail;
    }

  for (guint i = 0; i < ids->len; i++)
    if (!_kdx_store_note_written (self, g_array_index (ids, gint64, i), error))
      goto fail;
  if (!_kdx_store_write_commit (self, error))
    goto fail;
  return TRUE;

fail:
  _kdx_store_write_rollback (self, mark);
  return FALSE;
}

gboolean
kdx_store_delete_kol (KdxStore  *self,
                      gint64     id,
                      GError   **error)
{
  KdxStmt *stmt;
  guint mark;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);

  if (!_kdx_store_write_begin (self, &mark, error))
    return FALSE;

  if ((stmt = _kdx_store_prepare (self, "DELETE FROM kol WHERE id = ?", error)) == NULL)
    goto fail;
  kdx_stmt_bind_int64 (stmt, 1, id);
  if (!_kdx_store_step_done (self, stmt, error))
    goto fail;
  if (self->backend->changes (self) == 0)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND,
                   _("There is no KOL with id %" PRId64), id);
      goto fail;
    }

  if (!self->backend->unindex_kol (self, id, error))
    goto fail;

  _kdx_store_note_changed (self, id);
  if (!_kdx_store_write_commit (self, error))
    goto fail;
  return TRUE;

fail:
  _kdx_store_write_rollback (self, mark);
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

  if (!_kdx_store_write_begin (self, &mark, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      /* Read inside the transaction: what is saved is what is deleted. */
      if (deleted_out != NULL)
        {
          g_autoptr(KdxKol) kol = kdx_kol_new ();

          if (!_kdx_store_read_kol (self, id, kol, error))
            goto fail;
          g_ptr_array_add (files, g_steal_pointer (&kol));
        }
      if (!kdx_store_delete_kol (self, id, error))
        goto fail;
    }

  if (!_kdx_store_write_commit (self, error))
    goto fail;
  if (deleted_out != NULL)
    *deleted_out = g_steal_pointer (&files);
  return TRUE;

fail:
  _kdx_store_write_rollback (self, mark);
  return FALSE;
}

/* Writes each of @files with @write_file, in one transaction: all of them
 * or none. */
static gboolean
write_each (KdxStore   *self,
            GPtrArray  *files,
            gboolean  (*write_file) (KdxStore *, KdxKol *, GError **),
            GError    **error)
{
  guint mark;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (files != NULL, FALSE);

  if (!_kdx_store_write_begin (self, &mark, error))
    return FALSE;

  for (guint i = 0; i < files->len; i++)
    if (!write_file (self, g_ptr_array_index (files, i), error))
      {
        _kdx_store_write_rollback (self, mark);
        return FALSE;
      }

  if (!_kdx_store_write_commit (self, error))
    {
      _kdx_store_write_rollback (self, mark);
      return FALSE;
    }
  return TRUE;
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
  return write_each (self, files, kdx_store_add_kol, error);
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
  return write_each (self, files, kdx_store_replace_kol, error);
}
