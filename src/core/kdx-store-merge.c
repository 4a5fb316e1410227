/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include "kdx-error.h"
#include "kdx-stage-entry.h"
#include "kdx-store-private.h"
#include "kdx-value.h"

/* An import's merge (issue 13's duplicate policy) of a row into the
 * stored file it is the same person as, at about the cost of adding a
 * new file (issue 16). It writes what kdx_store_load_kol(),
 * kdx_kol_merge() and kdx_store_save_kol() wrote, row for row, but
 * reads the stored file once (the save read it again), and leaves alone
 * what the merge did not change: a merge fills empty fields and only
 * adds to lists and tags, so when the lists, the tags, the avatar and
 * the fields the search text is made of came out the same, their rows
 * are what the save would have written again. That is most rows of a
 * list imported again (build-aux/bench merges a whole export onto its
 * database): there it comes to one UPDATE of the kol row and the
 * "before" copy for undo. tests/test-import-merge-bulk compares what it
 * writes with digests of the old path. */

/* The fields the search text is made of besides the tags and the
 * channels' handles (kdx-store-record.c, write_search_text()). */
static const char *const searched_fields[] = {
  "display_name", "real_name", "handle", "wechat", "own_account", "category", "notes", "bio",
};

static gboolean
same_bytes (GBytes *a,
            GBytes *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_bytes_equal (a, b);
}

static gboolean
same_tags (const char *const *a,
           const char *const *b)
{
  static const char *const none[] = { NULL };

  return g_strv_equal (a != NULL ? a : none, b != NULL ? b : none);
}

/* Whether the merge left every row but the kol row's as it was: the
 * lists (the stage history is never merged), the tags, the avatar and
 * the search text. */
static gboolean
parts_unchanged (KdxKol *stored,
                 KdxKol *merged)
{
  const char *const lists[] = { "channels", "events", "important_dates" };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (!kdx_kol_lists_equal (kdx_kol_get_list (stored, lists[i]), kdx_kol_get_list (merged, lists[i])))
      return FALSE;
  if (!same_tags (kdx_kol_get_tags (stored), kdx_kol_get_tags (merged)))
    return FALSE;
  if (!same_bytes (kdx_kol_get_avatar (stored), kdx_kol_get_avatar (merged)))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (searched_fields); i++)
    {
      const KdxField *field = kdx_record_find_field (KDX_RECORD (stored), searched_fields[i]);

      if (g_strcmp0 (kdx_record_peek_string (KDX_RECORD (stored), field),
                     kdx_record_peek_string (KDX_RECORD (merged), field)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Whether the stored tags sit at positions 0, 1, 2, ... as a save
 * writes them again: a file written with a tag twice or an empty one
 * has a gap there, which the save closes. */
static gboolean
tags_in_place (KdxStore  *self,
               gint64     id,
               gboolean  *in_place,
               GError   **error)
{
  KdxStmt *stmt;
  int rc;

  stmt = _kdx_store_prepare (self, "SELECT count(*) = coalesce(max(position) + 1, 0) "
                                   "FROM kol_tag WHERE kol_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  kdx_stmt_bind_int64 (stmt, 1, id);
  rc = kdx_stmt_step (stmt);
  if (rc == KDX_STMT_ROW)
    *in_place = kdx_stmt_column_int64 (stmt, 0) != 0;
  kdx_stmt_reset (stmt);
  if (rc != KDX_STMT_ROW)
    return _kdx_store_set_error (self, error);
  return TRUE;
}

/* A save dates the stage when the history does not end on it; a merge
 * keeps the stage, so only a file stored that way needs it. */
static gboolean
stage_dated (KdxKol *kol)
{
  GListModel *history = G_LIST_MODEL (kdx_kol_get_stage_history (kol));
  guint n = g_list_model_get_n_items (history);
  g_autoptr(KdxStageEntry) last = NULL;

  if (n == 0)
    return FALSE;
  last = g_list_model_get_item (history, n - 1);
  return kdx_stage_entry_get_stage (last) == kdx_kol_get_stage (kol);
}

/**
 * kdx_store_merge_import_kol:
 * @run_id: the import's history entry (kdx_store_open_import_run())
 * @id: the stored file @kol is the same person as
 * @kol: the KOL read from the import's input
 *
 * Inside an import's batch: fills @kol's values into the empty fields of
 * stored file @id and adds the list items and tags it lacks
 * (kdx_kol_merge()), saves it, and notes its "before" in the import
 * history for undo. On an error nothing of it was written.
 */
gboolean
kdx_store_merge_import_kol (KdxStore  *self,
                            gint64     run_id,
                            gint64     id,
                            KdxKol    *kol,
                            GError   **error)
{
  g_autoptr(KdxKol) stored = kdx_kol_new ();
  g_autoptr(KdxKol) merged = NULL;
  g_autofree char *now = NULL;
  gboolean in_place = FALSE;
  guint mark;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (KDX_IS_KOL (kol), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);

  if (!_kdx_store_write_begin (self, &mark, error))
    return FALSE;
  if (!_kdx_store_lock_kols (self, &id, 1, error)
      || !_kdx_store_read_kol (self, id, stored, error))
    goto fail;

  merged = kdx_kol_dup (stored);
  kdx_kol_merge (merged, kol);
  if (!_kdx_store_check_required (merged, error))
    goto fail;

  /* What the save would date, or write again otherwise than it is,
   * goes the save's own way. */
  if (!stage_dated (merged))
    {
      _kdx_store_write_rollback (self, mark);
      return kdx_store_save_kol (self, merged, error)
          && kdx_store_add_import_change (self, run_id, id, stored, error);
    }

  now = kdx_value_now ();
  g_object_set (merged, "updated-at", now, NULL);
  if (!_kdx_store_write_kol_row (self, self->kol_update_sql, merged, TRUE, NULL, error))
    goto fail;
  /* Otherwise the parts are written again as the save writes them, and
   * the events among them summarised for Insights (left to the end of
   * the batch when it streams, as every import's does now). */
  if (parts_unchanged (stored, merged) && !tags_in_place (self, id, &in_place, error))
    goto fail;
  if (!in_place && (!_kdx_store_write_parts (self, id, merged, FALSE, error)
                    || !_kdx_store_summarise_kol (self, id, error)))
    goto fail;
  if (!_kdx_store_note_written (self, id, error)
      || !_kdx_store_write_commit (self, error))
    goto fail;

  return kdx_store_add_import_change (self, run_id, id, stored, error);

fail:
  _kdx_store_write_rollback (self, mark);
  return FALSE;
}
