/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include "kdx-store-private.h"
#include "kdx-store-schema.h"

/* What the store keeps beside the KOL files so Insights (issue 11, item 5)
 * reads few, cheap rows: `stage_stay` (schema 9), one row per stage
 * history entry with the time it ended (the next entry's) and both times
 * as Julian days, so time in stage needs neither a window over every
 * move nor two julianday() per stay at each refresh.
 *
 * The rows are derived, never edited: whenever a KOL's history is
 * written they are made again from it, in the same transaction. An
 * import's streaming batch leaves them to its end and fills them for all
 * its KOLs in one INSERT … SELECT (_kdx_store_summarise_import_run()).
 * A deleted KOL's rows go with it (ON DELETE CASCADE). The migration to
 * schema 9 fills them for a database of before, with the same SELECT. */

/* Inside an import's streaming batch, the batch fills them at its end. */
static gboolean
left_to_the_batch (KdxStore *self)
{
  return self->in_batch && self->streaming;
}

static gboolean
run_for (KdxStore    *self,
         const char  *sql,
         gint64       id,
         GError     **error)
{
  KdxStmt *stmt = _kdx_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  kdx_stmt_bind_int64 (stmt, 1, id);
  return _kdx_store_step_done (self, stmt, error);
}

/* KOL @id's stays, from its stage history as just written, its digest
 * (kdx-store-digest.c) from its history and events, and its list facts
 * (kdx-store-list-facts.c) from those, its channels and tags: every
 * write of any comes here. */
gboolean
_kdx_store_summarise_kol (KdxStore  *self,
                          gint64     id,
                          GError   **error)
{
  if (left_to_the_batch (self))
    return TRUE;
  return run_for (self, "DELETE FROM stage_stay WHERE kol_id = ?1", id, error)
      && run_for (self, KDX_STORE_STAYS_INSERT ("kol_id = ?1"), id, error)
      && _kdx_store_digest_kols (self, KDX_DIGEST_ONE_KOL, id, error)
      && _kdx_store_list_facts_kols (self, KDX_DIGEST_ONE_KOL, id, error);
}

/* The stays, digests and list facts of every KOL import @run_id created
 * or changed, at its end. */
gboolean
_kdx_store_summarise_import_run (KdxStore  *self,
                                 gint64     run_id,
                                 GError   **error)
{
  return run_for (self,
                  "DELETE FROM stage_stay WHERE kol_id IN\n"
                  "  (SELECT kol_id FROM import_change WHERE run_id = ?1)",
                  run_id, error)
      && run_for (self,
                  KDX_STORE_STAYS_INSERT ("kol_id IN (SELECT kol_id FROM import_change WHERE run_id = ?1)"),
                  run_id, error)
      && _kdx_store_digest_kols (self, KDX_DIGEST_IMPORT_RUN, run_id, error)
      && _kdx_store_list_facts_kols (self, KDX_DIGEST_IMPORT_RUN, run_id, error);
}
