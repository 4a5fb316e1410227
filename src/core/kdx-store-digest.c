/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include "kdx-stage.h"
#include "kdx-store-digest.h"
#include "kdx-store-private.h"

/* Each KOL's digest (issue 11, item 5): the stage moves, outreach and
 * payments of its history that Insights counts, in one value of
 * `kol_digest` (format: kdx-store-digest.h), so a refresh reads 100,000
 * rows instead of a million events and half a million moves, and works
 * each KOL out in C beside its row (kdx-store-insights-digest.c).
 *
 * Like the stays (kdx-store-summaries.c), a digest is derived, never
 * edited: made again from the history tables whenever a KOL's history
 * is written, through the same hooks (_kdx_store_summarise_kol(), and
 * _kdx_store_summarise_import_run() at the end of an import's streaming
 * batch), gone with its KOL (ON DELETE CASCADE), made for every KOL by
 * the migration to schema 13 and after a copy between databases. A KOL
 * with nothing to count has no row. */

/* The KOLs a statement covers, by KdxDigestSet; ?1 is the argument. */
static const char *const digest_sets[] = {
  [KDX_DIGEST_ONE_KOL] = "kol_id = ?1",
  [KDX_DIGEST_IMPORT_RUN] = "kol_id IN (SELECT kol_id FROM import_change WHERE run_id = ?1)",
  [KDX_DIGEST_EVERY_KOL] = "kol_id >= ?1",
};

/* @format with the set's condition where its "%s" is. */
static KdxStmt *
prepare_for (KdxStore      *self,
             const char    *format,
             KdxDigestSet   set,
             gint64         arg,
             GError       **error)
{
  const char *hole = strstr (format, "%s");
  g_autofree char *head = g_strndup (format, hole - format);
  g_autofree char *sql = g_strconcat (head, digest_sets[set], hole + 2, NULL);
  KdxStmt *stmt = _kdx_store_prepare (self, sql, error);

  if (stmt != NULL)
    kdx_stmt_bind_int64 (stmt, 1, set == KDX_DIGEST_EVERY_KOL ? G_MININT64 : arg);
  return stmt;
}

static void
append_double (GByteArray *body,
               double      value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  bits = GUINT64_TO_LE (bits);
  g_byte_array_append (body, (const guint8 *) &bits, sizeof bits);
}

static void
append_text (GByteArray *body,
             const char *text)
{
  if (text == NULL)
    text = "";
  g_byte_array_append (body, (const guint8 *) text, strlen (text) + 1);
}

/* A stage's name as its number, exactly as the engine compares it. */
static guint8
stage_code (const char *name)
{
  for (guint s = 0; name != NULL && s < KDX_N_STAGES; s++)
    if (g_str_equal (name, kdx_stage_to_string (s)))
      return (guint8) s;
  return KDX_DIGEST_NO_STAGE;
}

/* The moves of KOL @id: stage, at, julianday (at). */
static void
append_moves (GByteArray *body,
              KdxStmt    *moves,
              int        *rc,
              gint64      id)
{
  for (; *rc == KDX_STMT_ROW && kdx_stmt_column_int64 (moves, 0) == id; *rc = kdx_stmt_step (moves))
    {
      gboolean has_day = kdx_stmt_column_type (moves, 3) != KDX_STMT_TYPE_NULL;
      guint8 head[3] = { KDX_DIGEST_MOVE, stage_code (kdx_stmt_column_text (moves, 1)), has_day };

      g_byte_array_append (body, head, sizeof head);
      append_double (body, has_day ? kdx_stmt_column_double (moves, 3) : 0.0);
      append_text (body, kdx_stmt_column_text (moves, 2));
    }
}

/* The outreach and payments of KOL @id: payment, at, agreed, channel,
 * amount. */
static void
append_events (GByteArray *body,
               KdxStmt    *events,
               int        *rc,
               gint64      id)
{
  for (; *rc == KDX_STMT_ROW && kdx_stmt_column_int64 (events, 0) == id; *rc = kdx_stmt_step (events))
    {
      if (kdx_stmt_column_int (events, 1))
        {
          guint8 tag = KDX_DIGEST_PAYMENT;

          g_byte_array_append (body, &tag, 1);
          append_double (body, kdx_stmt_column_double (events, 5));
          append_text (body, kdx_stmt_column_text (events, 2));
        }
      else
        {
          guint8 head[2] = { KDX_DIGEST_OUTREACH, kdx_stmt_column_int (events, 3) != 0 };

          g_byte_array_append (body, head, sizeof head);
          append_text (body, kdx_stmt_column_text (events, 2));
          append_text (body, kdx_stmt_column_text (events, 4));
        }
    }
}

gboolean
_kdx_store_digest_kols (KdxStore      *self,
                        KdxDigestSet   set,
                        gint64         arg,
                        GError       **error)
{
  KdxStmt *clear, *moves = NULL, *events = NULL, *insert;
  g_autoptr(GByteArray) body = g_byte_array_new ();
  int moves_rc, events_rc;
  gboolean ok = TRUE;

  if ((clear = prepare_for (self, "DELETE FROM kol_digest WHERE %s", set, arg, error)) == NULL
      || !_kdx_store_step_done (self, clear, error)
      || (insert = _kdx_store_prepare (self, "INSERT INTO kol_digest (kol_id, body) VALUES (?1, ?2)",
                                       error)) == NULL)
    return FALSE;
  /* Two streams in KOL order, walked side by side. */
  if ((moves = prepare_for (self,
                            "SELECT kol_id, stage, at, julianday (at) FROM stage_history\n"
                            "WHERE %s ORDER BY kol_id, position", set, arg, error)) == NULL
      || (events = prepare_for (self,
                                "SELECT kol_id, CASE WHEN kind = 'payment' THEN 1 ELSE 0 END, at,\n"
                                "  CASE WHEN outcome = 'agreed' THEN 1 ELSE 0 END, coalesce (channel, ''),\n"
                                "  CAST (nullif (amount, '') AS DOUBLE PRECISION)\n"
                                "FROM event WHERE %s AND (kind = 'outreach'\n"
                                "  OR (kind = 'payment' AND coalesce (amount, '') <> ''))\n"
                                "ORDER BY kol_id, at, channel, outcome, amount", set, arg, error)) == NULL)
    {
      if (moves != NULL)
        kdx_stmt_reset (moves);
      return FALSE;
    }
  moves_rc = kdx_stmt_step (moves);
  events_rc = kdx_stmt_step (events);
  while (ok && (moves_rc == KDX_STMT_ROW || events_rc == KDX_STMT_ROW))
    {
      gint64 id = moves_rc != KDX_STMT_ROW ? kdx_stmt_column_int64 (events, 0)
                  : events_rc != KDX_STMT_ROW ? kdx_stmt_column_int64 (moves, 0)
                  : MIN (kdx_stmt_column_int64 (moves, 0), kdx_stmt_column_int64 (events, 0));

      g_byte_array_set_size (body, 0);
      append_moves (body, moves, &moves_rc, id);
      append_events (body, events, &events_rc, id);
      kdx_stmt_bind_int64 (insert, 1, id);
      kdx_stmt_bind_blob (insert, 2, body->data, body->len);
      ok = _kdx_store_step_done (self, insert, error);
    }
  if (ok && ((moves_rc != KDX_STMT_DONE && moves_rc != KDX_STMT_ROW)
             || (events_rc != KDX_STMT_DONE && events_rc != KDX_STMT_ROW)))
    ok = _kdx_store_set_error (self, error);
  kdx_stmt_reset (moves);
  kdx_stmt_reset (events);
  return ok;
}

gboolean
_kdx_store_migrated_to (KdxStore  *self,
                        gint64     version,
                        GError   **error)
{
  if (version == KDX_STORE_DIGEST_SCHEMA)
    return _kdx_store_digest_kols (self, KDX_DIGEST_EVERY_KOL, 0, error);
  return TRUE;
}

void
kdx_digest_reader_init (KdxDigestReader *reader,
                        const void      *body,
                        gsize            size)
{
  reader->next = body;
  reader->end = body != NULL ? (const guint8 *) body + size : NULL;
}

static gboolean
read_double (KdxDigestReader *reader,
             double          *value)
{
  guint64 bits;

  if (reader->end - reader->next < (gssize) sizeof bits)
    return FALSE;
  memcpy (&bits, reader->next, sizeof bits);
  bits = GUINT64_FROM_LE (bits);
  memcpy (value, &bits, sizeof bits);
  reader->next += sizeof bits;
  return TRUE;
}

static gboolean
read_text (KdxDigestReader  *reader,
           const char      **text)
{
  const guint8 *nul = memchr (reader->next, '\0', reader->end - reader->next);

  if (nul == NULL)
    return FALSE;
  *text = (const char *) reader->next;
  reader->next = nul + 1;
  return TRUE;
}

gboolean
kdx_digest_reader_next (KdxDigestReader *reader,
                        KdxDigestRecord *record)
{
  if (reader->next == NULL || reader->next >= reader->end)
    return FALSE;
  record->kind = *reader->next++;
  switch (record->kind)
    {
    case KDX_DIGEST_MOVE:
      if (reader->end - reader->next < 2)
        return FALSE;
      record->stage = reader->next[0];
      record->has_day = reader->next[1] != 0;
      reader->next += 2;
      return read_double (reader, &record->day) && read_text (reader, &record->at);
    case KDX_DIGEST_OUTREACH:
      if (reader->end - reader->next < 1)
        return FALSE;
      record->agreed = *reader->next++ != 0;
      return read_text (reader, &record->at) && read_text (reader, &record->channel);
    case KDX_DIGEST_PAYMENT:
      return read_double (reader, &record->amount) && read_text (reader, &record->at);
    default:
      return FALSE;
    }
}
