/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include "kdx-store-private.h"

/* What the list shows of each KOL's parts, kept beside the KOL
 * (`kol_list_facts`, schema 15): its last contact, when it entered its
 * stage, how many channels it has and its tags, as the list's rows
 * (kdx-store-rows.c) read them.
 *
 * A screen of rows read these four with a lookup each in four tables,
 * per KOL; it now reads one row per KOL here. Measured with 100,000 KOLs
 * as the bench opens the list (tests/kdx-backend-bench, median of 15),
 * the first screen went from 0.92 to 0.67 ms on SQLite and from 1.29 to
 * 0.88 ms on a team database, where each lookup is a subquery the
 * server's executor runs per row.
 *
 * Like the digests (kdx-store-digest.c), the facts are derived, never
 * edited: made again from the KOL's history, events, channels and tags
 * whenever they are written, through the same hooks
 * (_kdx_store_summarise_kol() after every write of a KOL's parts, and
 * _kdx_store_summarise_import_run() at the end of an import's streaming
 * batch), gone with their KOL (ON DELETE CASCADE), made for every KOL by
 * the migration and after a copy between databases. Every KOL has its
 * row. The expressions are the ones the list read before, so the values
 * are the same to the byte (test-insights-digest checks them against
 * the whole files after every kind of write, on both engines). */

/* The newest entry of the KOL's current stage, as
 * kdx_kol_get_stage_since() finds it in a whole file. */
#define STAGE_SINCE_SQL \
  "(SELECT max(at) FROM stage_history WHERE stage_history.kol_id = kol.id " \
  "AND stage_history.stage = kol.stage)"
#define CHANNEL_COUNT_SQL "(SELECT count(*) FROM channel WHERE channel.kol_id = kol.id)"

/* The KOLs of a set (as the digests'), by kol's id; ?1 is the argument. */
static const char *const kol_sets[] = {
  [KDX_DIGEST_ONE_KOL] = "kol.id = ?1",
  [KDX_DIGEST_IMPORT_RUN] = "kol.id IN (SELECT kol_id FROM import_change WHERE run_id = ?1)",
  [KDX_DIGEST_EVERY_KOL] = "kol.id >= ?1",
};

gboolean
_kdx_store_list_facts_kols (KdxStore      *self,
                            KdxDigestSet   set,
                            gint64         arg,
                            GError       **error)
{
  g_autofree char *sql = NULL;
  KdxStmt *stmt;

  /* One statement on either engine: an upsert, so a KOL's row is
   * replaced where it has one and made where it has none. */
  sql = g_strdup_printf ("INSERT INTO kol_list_facts (kol_id, last_contact, stage_since, channel_count, tags)\n"
                         "SELECT kol.id, " KDX_STORE_LAST_CONTACT_SQL ", " STAGE_SINCE_SQL ",\n"
                         "  " CHANNEL_COUNT_SQL ", %s\n"
                         "FROM kol WHERE %s\n"
                         "ON CONFLICT (kol_id) DO UPDATE SET last_contact = excluded.last_contact,\n"
                         "  stage_since = excluded.stage_since, channel_count = excluded.channel_count,\n"
                         "  tags = excluded.tags",
                         self->backend->tags_in_order_sql, kol_sets[set]);
  if ((stmt = _kdx_store_prepare (self, sql, error)) == NULL)
    return FALSE;
  kdx_stmt_bind_int64 (stmt, 1, set == KDX_DIGEST_EVERY_KOL ? G_MININT64 : arg);
  return _kdx_store_step_done (self, stmt, error);
}
