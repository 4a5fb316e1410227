/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <string.h>

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
 * row. The values are the ones the list's subqueries gave before, to
 * the byte (test-insights-digest checks them against the whole files
 * after every kind of write, on both engines). */

gboolean
_kdx_store_list_facts_kols (KdxStore      *self,
                            KdxDigestSet   set,
                            gint64         arg,
                            GError       **error)
{
  g_autofree char *parts = _kdx_store_kol_set_sql (set, "kol_id");
  g_autofree char *kols = _kdx_store_kol_set_sql (set, "kol.id");
  const char *hole = strstr (self->backend->tags_by_kol_sql, "%s");
  g_autofree char *head = g_strndup (self->backend->tags_by_kol_sql, hole - self->backend->tags_by_kol_sql);
  g_autofree char *tags = g_strconcat (head, parts, hole + 2, NULL);
  g_autofree char *sql = NULL;
  KdxStmt *stmt;

  /* Each fact grouped over the set's rows of its table, and joined: an
   * import's 100,000 new KOLs took 1.5 s on a team database this way
   * (hash joins, with no statistics yet), 2.6 s with four subqueries per
   * KOL; one KOL is four index lookups either way. An upsert, so a
   * KOL's row is replaced where it has one and made where it has none;
   * the values are the list rows' of before (the newest contact that is
   * not a note, the newest entry of the current stage, as
   * kdx_kol_get_stage_since() finds them in a whole file). */
  sql = g_strdup_printf ("INSERT INTO kol_list_facts (kol_id, last_contact, stage_since, channel_count, tags)\n"
                         "SELECT kol.id, contact.at, since.at, coalesce (channels.n, 0), tagged.tags FROM kol\n"
                         "LEFT JOIN (SELECT kol_id, max (at) AS at FROM event WHERE kind <> 'note' AND %s\n"
                         "           GROUP BY kol_id) AS contact ON contact.kol_id = kol.id\n"
                         "LEFT JOIN (SELECT kol_id, stage, max (at) AS at FROM stage_history WHERE %s\n"
                         "           GROUP BY kol_id, stage) AS since\n"
                         "  ON since.kol_id = kol.id AND since.stage = kol.stage\n"
                         "LEFT JOIN (SELECT kol_id, count (*) AS n FROM channel WHERE %s\n"
                         "           GROUP BY kol_id) AS channels ON channels.kol_id = kol.id\n"
                         "LEFT JOIN (%s) AS tagged ON tagged.kol_id = kol.id\n"
                         "WHERE %s\n"
                         "ON CONFLICT (kol_id) DO UPDATE SET last_contact = excluded.last_contact,\n"
                         "  stage_since = excluded.stage_since, channel_count = excluded.channel_count,\n"
                         "  tags = excluded.tags",
                         parts, parts, parts, tags, kols);
  if ((stmt = _kdx_store_prepare (self, sql, error)) == NULL)
    return FALSE;
  _kdx_store_bind_kol_set (stmt, set, arg);
  return _kdx_store_step_done (self, stmt, error);
}
