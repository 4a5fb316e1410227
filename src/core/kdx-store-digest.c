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

/* The KOLs of @set, as a condition on @column (their ids); ?1 is the
 * argument (_kdx_store_bind_kol_set()). */
char *
_kdx_store_kol_set_sql (KdxDigestSet  set,
                        const char   *column)
{
  switch (set)
    {
    case KDX_DIGEST_ONE_KOL:
      return g_strdup_printf ("%s = ?1", column);
    case KDX_DIGEST_IMPORT_RUN:
      return g_strdup_printf ("%s IN (SELECT kol_id FROM import_change WHERE run_id = ?1)", column);
    case KDX_DIGEST_EVERY_KOL:
    default:
      return g_strdup_printf ("%s >= ?1", column);
    }
}

/* Binds ?1 of a statement over the KOLs of @set. */
void
_kdx_store_bind_kol_set (KdxStmt      *stmt,
                         KdxDigestSet  set,
                         gint64        arg)
{
  kdx_stmt_bind_int64 (stmt, 1, set == KDX_DIGEST_EVERY_KOL ? G_MININT64 : arg);
}

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
  g_autofree char *condition = _kdx_store_kol_set_sql (set, "kol_id");
  g_autofree char *sql = g_strconcat (head, condition, hole + 2, NULL);
  KdxStmt *stmt = _kdx_store_prepare (self, sql, error);

  if (stmt != NULL)
    _kdx_store_bind_kol_set (stmt, set, arg);
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

/* The tag of a record of @kind whose time is @text, and the seconds to
 * write (when the tag says none is a text). */
static guint8
tag_of (guint8      kind,
        const char *text,
        gint64     *seconds)
{
  if (text != NULL && kdx_digest_seconds_of (text, seconds))
    return kind;
  return kind | KDX_DIGEST_TEXT_TIME;
}

static void
append_time (GByteArray *body,
             guint8      tag,
             const char *text,
             gint64      seconds)
{
  if (tag & KDX_DIGEST_TEXT_TIME)
    {
      append_text (body, text);
      return;
    }
  seconds = GINT64_TO_LE (seconds);
  g_byte_array_append (body, (const guint8 *) &seconds, sizeof seconds);
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
      const char *at = kdx_stmt_column_text (moves, 2);
      gint64 seconds = 0;
      guint8 head[2] = { tag_of (KDX_DIGEST_MOVE, at, &seconds), stage_code (kdx_stmt_column_text (moves, 1)) };

      g_byte_array_append (body, head, sizeof head);
      append_time (body, head[0], at, seconds);
      if (head[0] & KDX_DIGEST_TEXT_TIME)
        {
          guint8 has_day = kdx_stmt_column_type (moves, 3) != KDX_STMT_TYPE_NULL;

          g_byte_array_append (body, &has_day, 1);
          append_double (body, has_day ? kdx_stmt_column_double (moves, 3) : 0.0);
        }
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
      const char *at = kdx_stmt_column_text (events, 2);
      gint64 seconds = 0;

      if (kdx_stmt_column_int (events, 1))
        {
          guint8 tag = tag_of (KDX_DIGEST_PAYMENT, at, &seconds);

          g_byte_array_append (body, &tag, 1);
          append_double (body, kdx_stmt_column_double (events, 5));
          append_time (body, tag, at, seconds);
        }
      else
        {
          guint8 head[2] = { tag_of (KDX_DIGEST_OUTREACH, at, &seconds), kdx_stmt_column_int (events, 3) != 0 };

          g_byte_array_append (body, head, sizeof head);
          append_time (body, head[0], at, seconds);
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
  if (version == KDX_STORE_LIST_FACTS_SCHEMA)
    return _kdx_store_list_facts_kols (self, KDX_DIGEST_EVERY_KOL, 0, error);
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

static gboolean
read_time (KdxDigestReader *reader,
           guint8           tag,
           KdxDigestRecord *record)
{
  guint64 bits;

  record->at = NULL;
  if (tag & KDX_DIGEST_TEXT_TIME)
    return read_text (reader, &record->at);
  if (reader->end - reader->next < (gssize) sizeof bits)
    return FALSE;
  memcpy (&bits, reader->next, sizeof bits);
  record->seconds = (gint64) GUINT64_FROM_LE (bits);
  reader->next += sizeof bits;
  return TRUE;
}

gboolean
kdx_digest_reader_next (KdxDigestReader *reader,
                        KdxDigestRecord *record)
{
  guint8 tag;

  if (reader->next == NULL || reader->next >= reader->end)
    return FALSE;
  tag = *reader->next++;
  record->kind = tag & ~KDX_DIGEST_TEXT_TIME;
  switch (record->kind)
    {
    case KDX_DIGEST_MOVE:
      if (reader->end - reader->next < 1)
        return FALSE;
      record->stage = *reader->next++;
      if (!read_time (reader, tag, record))
        return FALSE;
      if (record->at == NULL)
        {
          record->has_day = TRUE;
          record->day = kdx_digest_julian_day (record->seconds);
          return TRUE;
        }
      if (reader->end - reader->next < 1)
        return FALSE;
      record->has_day = *reader->next++ != 0;
      return read_double (reader, &record->day);
    case KDX_DIGEST_OUTREACH:
      if (reader->end - reader->next < 1)
        return FALSE;
      record->agreed = *reader->next++ != 0;
      return read_time (reader, tag, record) && read_text (reader, &record->channel);
    case KDX_DIGEST_PAYMENT:
      return read_double (reader, &record->amount) && read_time (reader, tag, record);
    default:
      return FALSE;
    }
}

/* Days from 1970-01-01 to a civil date, and back (the proleptic
 * Gregorian calendar's arithmetic, as SQLite's dates count). */
static gint64
days_from_civil (gint64 year,
                 guint  month,
                 guint  day)
{
  gint64 era, yoe, doy, doe;

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  yoe = year - era * 400;
  doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void
kdx_digest_civil_date (gint64  days,
                       guint  *year,
                       guint  *month,
                       guint  *day)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  guint m = (guint) (mp < 10 ? mp + 3 : mp - 9);

  *day = (guint) (doy - (153 * mp + 2) / 5 + 1);
  *month = m;
  *year = (guint) (yoe + era * 400 + (m <= 2));
}

static gboolean
digits (const char *text,
        guint       n,
        guint      *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (guint) (text[i] - '0');
    }
  return TRUE;
}

gboolean
kdx_digest_seconds_of (const char *text,
                       gint64     *seconds)
{
  guint year, month, day, hour, minute, second;

  if (strlen (text) != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T'
      || text[13] != ':' || text[16] != ':' || text[19] != 'Z'
      || !digits (text, 4, &year) || !digits (text + 5, 2, &month) || !digits (text + 8, 2, &day)
      || !digits (text + 11, 2, &hour) || !digits (text + 14, 2, &minute)
      || !digits (text + 17, 2, &second)
      || year < 2 || year > 9998 || month < 1 || month > 12 || day < 1
      || day > g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year)
      || hour > 23 || minute > 59 || second > 59)
    return FALSE;
  *seconds = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return TRUE;
}

static void
write_digits (char  *out,
              guint  value,
              guint  n)
{
  for (guint i = n; i > 0; i--, value /= 10)
    out[i - 1] = (char) ('0' + value % 10);
}

void
kdx_digest_format_date (guint year,
                        guint month,
                        guint day,
                        char *text)
{
  write_digits (text, year, 4);
  text[4] = '-';
  write_digits (text + 5, month, 2);
  text[7] = '\0';
  if (day == 0)
    return;
  text[7] = '-';
  write_digits (text + 8, day, 2);
  text[10] = '\0';
}

void
kdx_digest_format_time (gint64 seconds,
                        char   text[KDX_DIGEST_TIME_SIZE])
{
  gint64 days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  gint64 in_day = seconds - days * 86400;
  guint year, month, day;

  kdx_digest_civil_date (days, &year, &month, &day);
  kdx_digest_format_date (year, month, day, text);
  text[10] = 'T';
  write_digits (text + 11, (guint) (in_day / 3600), 2);
  text[13] = ':';
  write_digits (text + 14, (guint) (in_day / 60 % 60), 2);
  text[16] = ':';
  write_digits (text + 17, (guint) (in_day % 60), 2);
  text[19] = 'Z';
  text[20] = '\0';
}

double
kdx_digest_julian_day (gint64 seconds)
{
  return (double) (seconds * 1000 + G_GINT64_CONSTANT (210866760000000)) / 86400000.0;
}
