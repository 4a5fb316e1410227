/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include "kdx-store-digest.h"
#include "kdx-store-insights-private.h"

/* The sections of Insights from the KOLs' digests (issue 11, item 5): on
 * SQLite a refresh reads each KOL row once with its digest
 * (kdx-store-digest.c) and works out here what the history queries of
 * kdx-store-insights.c, -funnel.c and -tally.c give, KOL by KOL, with the
 * same comparisons: times compared as the text the store wrote (as the
 * engine compares them), days subtracted from the same julianday()
 * values, amounts added in the same order (the event index's), local
 * months and weeks worked out as the engine's (the engine asked for a
 * time in another form). A stepped SQLite row costs about what a KOL's
 * whole digest costs to read here: 100,000 rows instead of 1.5 million. */

/* A period's bound: its text, and its seconds when it is a time as the
 * store writes them ("", before every time, as the fewest seconds). */
static void
set_bound (DigestBound *bound,
           const char  *text)
{
  bound->text = text;
  bound->seconds = G_MININT64;
  bound->canonical = *text == '\0' || kdx_digest_seconds_of (text, &bound->seconds);
}

static const char *
text_of (const KdxDigestRecord *record,
         char                   text[KDX_DIGEST_TIME_SIZE])
{
  if (record->at != NULL)
    return record->at;
  kdx_digest_format_time (record->seconds, text);
  return text;
}

/* A record's time against a bound, as the engine compares their texts. */
static int
time_vs_bound (const KdxDigestRecord *record,
               const DigestBound     *bound)
{
  char text[KDX_DIGEST_TIME_SIZE];

  if (record->at == NULL && bound->canonical)
    return (record->seconds > bound->seconds) - (record->seconds < bound->seconds);
  return strcmp (text_of (record, text), bound->text);
}

static int
time_vs_time (const KdxDigestRecord *a,
              const KdxDigestRecord *b)
{
  char x[KDX_DIGEST_TIME_SIZE], y[KDX_DIGEST_TIME_SIZE];

  if (a->at == NULL && b->at == NULL)
    return (a->seconds > b->seconds) - (a->seconds < b->seconds);
  return strcmp (text_of (a, x), text_of (b, y));
}

gboolean
_kdx_store_insights_digest_begin (DigestPass    *pass,
                                  KdxStore      *self,
                                  const Bounds  *bounds,
                                  InsightsPart  *part,
                                  GError       **error)
{
  KdxStmt *stmt;
  int rc;

  memset (pass, 0, sizeof *pass);
  pass->store = self;
  pass->bounds = bounds;
  pass->part = part;
  /* "+480 minutes" (_kdx_insights_period_bounds()) */
  pass->shift = g_ascii_strtoll (bounds->shift, NULL, 10);
  pass->from = bounds->from != NULL ? bounds->from : "";
  set_bound (&pass->from_bound, pass->from);
  set_bound (&pass->to_bound, bounds->to);
  set_bound (&pass->cut_bound, bounds->cut);
  pass->cut_after_from = strcmp (bounds->cut, pass->from) > 0;
  for (guint i = 0; i < DIGEST_N_OUTREACH; i++)
    pass->outreach[i] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                               (GDestroyNotify) _kdx_store_insights_tally_free);
  for (guint i = 0; i < DIGEST_N_PAYMENTS; i++)
    pass->payments[i] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                               (GDestroyNotify) _kdx_store_insights_tally_free);
  pass->kol_parts = g_array_new (FALSE, FALSE, sizeof (KolPart));
  pass->records = g_array_new (FALSE, FALSE, sizeof (KdxDigestRecord));
  pass->buffer = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (pass->row_texts); i++)
    pass->row_texts[i] = g_string_new (NULL);

  /* Where an open stay ends, as the stays' query counts it. */
  if ((stmt = _kdx_store_insights_prepare (self, "SELECT julianday (:cut)", bounds, NULL, error)) == NULL)
    return FALSE;
  if ((rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
    {
      pass->has_cut_day = kdx_stmt_column_type (stmt, 0) != KDX_STMT_TYPE_NULL;
      pass->cut_day = kdx_stmt_column_double (stmt, 0);
      rc = KDX_STMT_DONE;
    }
  return _kdx_store_insights_finish_rows (self, stmt, rc, error);
}

void
_kdx_store_insights_digest_clear (DigestPass *pass)
{
  for (guint i = 0; i < DIGEST_N_OUTREACH; i++)
    g_clear_pointer (&pass->outreach[i], g_hash_table_unref);
  for (guint i = 0; i < DIGEST_N_PAYMENTS; i++)
    g_clear_pointer (&pass->payments[i], g_hash_table_unref);
  g_clear_pointer (&pass->kol_parts, g_array_unref);
  g_clear_pointer (&pass->records, g_array_unref);
  if (pass->buffer != NULL)
    g_string_free (g_steal_pointer (&pass->buffer), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (pass->row_texts); i++)
    if (pass->row_texts[i] != NULL)
      g_string_free (g_steal_pointer (&pass->row_texts[i]), TRUE);
}

/* @at's local month ("2025-03", by_week FALSE) or the Monday of its
 * local week ("2025-03-03") into @key: what LOCAL_MONTH and LOCAL_WEEK
 * give, worked out here for a time as the store writes it, by the
 * engine for any other. */
static gboolean
local_key_text (DigestPass  *pass,
           const char  *at,
           gboolean     by_week,
           char         key[DIGEST_KEY_SIZE],
           GError     **error)
{
  static const char month_sql[] = "SELECT " LOCAL_MONTH ("CAST (:key AS TEXT)");
  static const char week_sql[] = "SELECT " LOCAL_WEEK ("CAST (:key AS TEXT)");
  guint year, month, day;
  KdxStmt *stmt;
  int rc;

  /* LOCAL_MONTH's own shortcut: between the 3rd and the 26th, a time is
   * in its month in every zone (the characters counted as bytes while
   * they are ASCII). */
  if (!by_week && strnlen (at, 10) == 10 && memcmp (at + 8, "03", 2) >= 0
      && memcmp (at + 8, "26", 2) <= 0)
    {
      gboolean ascii = TRUE;

      for (guint i = 0; i < 10; i++)
        ascii = ascii && (guchar) at[i] < 0x80;
      if (ascii)
        {
          memcpy (key, at, 7);
          key[7] = '\0';
          return TRUE;
        }
    }
  if (_kdx_store_insights_local_date (at, pass->shift, &year, &month, &day))
    {
      if (by_week)
        {
          GDate date;

          g_date_clear (&date, 1);
          g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
          /* Back to Monday: date (t, shift, '-6 days', 'weekday 1'). */
          g_date_subtract_days (&date, g_date_get_weekday (&date) - G_DATE_MONDAY);
          kdx_digest_format_date (g_date_get_year (&date), g_date_get_month (&date),
                                  g_date_get_day (&date), key);
        }
      else
        kdx_digest_format_date (year, month, 0, key);
      return TRUE;
    }
  if ((stmt = _kdx_store_insights_prepare (pass->store, by_week ? week_sql : month_sql,
                                           pass->bounds, at, error)) == NULL)
    return FALSE;
  key[0] = '\0';
  if ((rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
    {
      if (kdx_stmt_column_text (stmt, 0) != NULL)
        g_strlcpy (key, kdx_stmt_column_text (stmt, 0), DIGEST_KEY_SIZE);
      rc = KDX_STMT_DONE;
    }
  return _kdx_store_insights_finish_rows (pass->store, stmt, rc, error);
}

/* local_key_text() of a record's time: worked out from its seconds. */
static gboolean
local_key (DigestPass            *pass,
           const KdxDigestRecord *record,
           gboolean               by_week,
           char                   key[DIGEST_KEY_SIZE],
           GError               **error)
{
  char text[KDX_DIGEST_TIME_SIZE];
  gint64 local, days;
  guint year, month, day;

  if (record->at != NULL || pass->shift < -24 * 60 || pass->shift > 24 * 60)
    return local_key_text (pass, text_of (record, text), by_week, key, error);
  local = record->seconds + pass->shift * 60;
  days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  /* Back to Monday (1970-01-01 was a Thursday). */
  if (by_week)
    days -= ((days % 7) + 7 + 3) % 7;
  kdx_digest_civil_date (days, &year, &month, &day);
  kdx_digest_format_date (year, month, by_week ? day : 0, key);
  return TRUE;
}

/* @chart's tally of @text, the one of the event before when the text
 * repeats (a KOL's events often share their month or channel). */
static Tally *
tally_of (DigestPass *pass,
          guint       slot,
          GHashTable *chart,
          const char *text)
{
  if (pass->last_tally[slot] == NULL || strcmp (text, pass->last_text[slot]) != 0
      || strlen (text) >= DIGEST_KEY_SIZE)
    {
      pass->last_tally[slot] = _kdx_store_insights_tally_of (chart, text);
      g_strlcpy (pass->last_text[slot], text, DIGEST_KEY_SIZE);
    }
  return pass->last_tally[slot];
}

/* A stay as STAYS in kdx-store-insights.c counts it: from @move to
 * @next (NULL: still in it), if it overlaps the period, cut where the
 * period ends (or today). */
static void
count_stay (DigestPass            *pass,
            gint64                 id,
            const KdxDigestRecord *move,
            const KdxDigestRecord *next)
{
  gboolean has_end_day;
  double end_day, days;

  if (move->stage >= KDX_N_STAGES || move->stage == KDX_STAGE_DEPARTED
      || move->stage == KDX_STAGE_DECLINED || time_vs_bound (move, &pass->cut_bound) >= 0
      || (next != NULL ? time_vs_bound (next, &pass->from_bound) <= 0 : !pass->cut_after_from))
    return;
  if (next != NULL && time_vs_bound (next, &pass->cut_bound) < 0)
    {
      has_end_day = next->has_day;
      end_day = next->day;
    }
  else
    {
      has_end_day = pass->has_cut_day;
      end_day = pass->cut_day;
    }
  /* A NULL day reads as 0, as the query's row did. */
  days = has_end_day && move->has_day ? end_day - move->day : 0.0;
  g_array_append_val (pass->part->stays[move->stage], days);
  if (next == NULL || time_vs_bound (next, &pass->cut_bound) >= 0)
    {
      double kol = (double) id;

      g_array_append_val (pass->part->open[move->stage], days);
      g_array_append_val (pass->part->open[move->stage], kol);
    }
}

static gboolean
in_period (DigestPass            *pass,
           const KdxDigestRecord *record)
{
  return time_vs_bound (record, &pass->from_bound) >= 0 && time_vs_bound (record, &pass->to_bound) < 0;
}

static gboolean
text_in_period (DigestPass *pass,
                const char *at)
{
  return strcmp (at, pass->from) >= 0 && strcmp (at, pass->bounds->to) < 0;
}

/* The moves: funnel, stays, first onboarding and departure. */
static gboolean
count_moves (DigestPass            *pass,
             const KolRow          *row,
             const KdxDigestRecord *records,
             guint                  n_moves,
             DigestKol             *kol,
             GError               **error)
{
  const KdxDigestRecord *onboarded = NULL, *departed = NULL, *before = NULL;
  guint funnel = 0;

  for (guint i = 0; i < n_moves; i++)
    {
      const KdxDigestRecord *move = &records[i];

      count_stay (pass, row->id, move, i + 1 < n_moves ? &records[i + 1] : NULL);
      if (move->stage == KDX_STAGE_ONBOARDING
          && (onboarded == NULL || time_vs_time (move, onboarded) < 0))
        onboarded = move;
      if (!in_period (pass, move))
        continue;
      if (move->stage <= KDX_STAGE_MATURE)
        funnel = MAX (funnel & FUNNEL_STEP_MASK, move->stage + 1) | (funnel & ~FUNNEL_STEP_MASK);
      else if (move->stage == KDX_STAGE_DECLINED)
        funnel |= FUNNEL_DECLINED;
      else if (move->stage == KDX_STAGE_DEPARTED)
        {
          funnel |= FUNNEL_DEPARTED;
          if (departed == NULL || time_vs_time (move, departed) > 0)
            departed = move;
        }
    }
  for (guint step = 0; step < (funnel & FUNNEL_STEP_MASK); step++)
    pass->funnel[step]++;
  pass->funnel[6] += (funnel & FUNNEL_DECLINED) != 0;
  pass->funnel[7] += (funnel & FUNNEL_DEPARTED) != 0;

  /* The pace of onboarding: the first move to Onboarding, in the period. */
  if (onboarded != NULL && in_period (pass, onboarded))
    {
      if (!local_key (pass, onboarded, FALSE, pass->onboarded, error))
        return FALSE;
      kol->onboarded_month = pass->onboarded;
    }
  /* Churn: the last departure in the period, and the days since the
   * first onboarding before it. */
  if (departed == NULL)
    return TRUE;
  kol->departed = TRUE;
  for (guint i = 0; i < n_moves; i++)
    if (records[i].stage == KDX_STAGE_ONBOARDING && time_vs_time (&records[i], departed) <= 0
        && (before == NULL || time_vs_time (&records[i], before) < 0))
      before = &records[i];
  if (before != NULL && before->has_day && departed->has_day)
    {
      kol->has_churn_days = TRUE;
      kol->churn_days = departed->day - before->day;
    }
  return TRUE;
}

/* The tally of a local month ("2025-03") in @chart, from a table by
 * month rather than a hash of the text (a KOL's outreach moves from
 * month to month); other keys by their text. */
static Tally *
month_tally (DigestPass *pass,
             GHashTable *chart,
             const char *key)
{
  guint year, month, index;

  if (strlen (key) != 7 || key[4] != '-' || !g_ascii_isdigit (key[0]) || !g_ascii_isdigit (key[1])
      || !g_ascii_isdigit (key[2]) || !g_ascii_isdigit (key[3]) || !g_ascii_isdigit (key[5])
      || !g_ascii_isdigit (key[6]))
    return _kdx_store_insights_tally_of (chart, key);
  year = (guint) g_ascii_digit_value (key[0]) * 1000 + (guint) g_ascii_digit_value (key[1]) * 100
         + (guint) g_ascii_digit_value (key[2]) * 10 + (guint) g_ascii_digit_value (key[3]);
  month = (guint) g_ascii_digit_value (key[5]) * 10 + (guint) g_ascii_digit_value (key[6]);
  if (year < DIGEST_FIRST_YEAR || year >= DIGEST_FIRST_YEAR + DIGEST_N_YEARS || month < 1 || month > 12)
    return _kdx_store_insights_tally_of (chart, key);
  index = (year - DIGEST_FIRST_YEAR) * 12 + month - 1;
  if (pass->months[index] == NULL)
    pass->months[index] = _kdx_store_insights_tally_of (chart, key);
  return pass->months[index];
}

/* What a KOL adds under a key that is its own (its owner, tier, plan,
 * currency): the same for each of its events, so added up once. */
typedef struct
{
  gint64   attempts;
  gboolean agreed;
  double   amount;
} KolTotal;

static void
add_total (TallyMemo      *memo,
           GHashTable     *chart,
           const char     *key,
           const KolTotal *total)
{
  Tally *tally = _kdx_store_insights_memo_tally (memo, chart, key);

  tally->count++;
  tally->attempts += total->attempts;
  tally->agreed += total->agreed;
  tally->amount += total->amount;
}

/* The outreach and payments in the period, each KOL once under each of
 * its keys, with what its events add there (_kdx_store_insights_tally_by_kol()'s
 * numbers: amounts added in the same order). */
static gboolean
count_events (DigestPass            *pass,
              const KolRow          *row,
              const KdxDigestRecord *records,
              guint                  n_records,
              GError               **error)
{
  enum { TIME, CHANNEL, MONTH, N_HINTS };
  KolTotal outreach = { 0, FALSE, 0.0 }, payments = { 0, FALSE, 0.0 };
  int hints[N_HINTS] = { -1, -1, -1 };
  char key[DIGEST_KEY_SIZE];
  const char *currency = row->key[KOL_CURRENCY];
  gboolean by_week = pass->bounds->by_week;

  for (guint i = 0; i < n_records; i++)
    {
      const KdxDigestRecord *event = &records[i];

      if (!in_period (pass, event))
        continue;
      if (!local_key (pass, event, event->kind == KDX_DIGEST_OUTREACH && by_week, key, error))
        return FALSE;
      if (event->kind == KDX_DIGEST_OUTREACH)
        {
          Tally *time = by_week ? tally_of (pass, DIGEST_TIME, pass->outreach[DIGEST_TIME], key)
                                : month_tally (pass, pass->outreach[DIGEST_TIME], key);
          Tally *channel = tally_of (pass, DIGEST_CHANNEL, pass->outreach[DIGEST_CHANNEL], event->channel);

          _kdx_store_insights_add_to_kol (pass->kol_parts, &hints[TIME], time, 1, event->agreed, 0.0);
          _kdx_store_insights_add_to_kol (pass->kol_parts, &hints[CHANNEL], channel, 1,
                                          event->agreed, 0.0);
          outreach.attempts++;
          outreach.agreed |= event->agreed;
        }
      else if (event->kind == KDX_DIGEST_PAYMENT)
        {
          guint slot = DIGEST_N_OUTREACH + DIGEST_MONTH;
          Tally *by_month;

          g_string_assign (pass->buffer, key);
          g_string_append_c (pass->buffer, '|');
          g_string_append (pass->buffer, currency);
          by_month = tally_of (pass, slot, pass->payments[DIGEST_MONTH], pass->buffer->str);
          _kdx_store_insights_add_to_kol (pass->kol_parts, &hints[MONTH], by_month, 0, FALSE,
                                          event->amount);
          payments.attempts++;
          payments.amount += event->amount;
        }
    }
  _kdx_store_insights_flush_kol (pass->kol_parts);
  if (outreach.attempts > 0)
    {
      add_total (&pass->memos[DIGEST_OWNER], pass->outreach[DIGEST_OWNER], row->key[KOL_OWNER], &outreach);
      add_total (&pass->memos[DIGEST_TIER], pass->outreach[DIGEST_TIER], row->key[KOL_TIER], &outreach);
    }
  if (payments.attempts > 0)
    {
      /* Payments have no attempts in their charts: counted here only. */
      payments.attempts = 0;
      add_total (&pass->memos[DIGEST_N_OUTREACH + DIGEST_PLAN], pass->payments[DIGEST_PLAN],
                 row->key[KOL_PLAN], &payments);
      add_total (&pass->memos[DIGEST_N_OUTREACH + DIGEST_CURRENCY], pass->payments[DIGEST_CURRENCY],
                 currency, &payments);
    }
  return TRUE;
}

gboolean
_kdx_store_insights_digest_kol (DigestPass    *pass,
                                const KolRow  *row,
                                const void    *body,
                                gsize          size,
                                DigestKol     *kol,
                                GError       **error)
{
  KdxDigestReader reader;
  const KdxDigestRecord *records;
  guint n_moves = 0, n = 0;

  memset (kol, 0, sizeof *kol);
  kdx_digest_reader_init (&reader, body, size);
  /* The array's length is its room, grown as needed (an append per
   * record was a tenth of the pass). */
  for (;; n++)
    {
      if (n == pass->records->len)
        g_array_set_size (pass->records, MAX (64, 2 * n));
      if (!kdx_digest_reader_next (&reader, &g_array_index (pass->records, KdxDigestRecord, n)))
        break;
    }
  records = (const KdxDigestRecord *) pass->records->data;
  /* The moves come first. */
  while (n_moves < n && records[n_moves].kind == KDX_DIGEST_MOVE)
    n_moves++;
  return count_moves (pass, row, records, n_moves, kol, error)
         && count_events (pass, row, records + n_moves, n - n_moves, error);
}

/* KOL_PASS (kdx-store-insights.c) without its expressions. */
const char _kdx_store_insights_lean_kol_sql[] =
  "SELECT k.tier, k.platform, k.source, k.plan, k.currency, k.fee,\n"
  "  CAST (nullif (k.fee, '') AS DOUBLE PRECISION), k.stage, k.created_at, k.id, k.category,\n"
  "  k.churn_reason, k.owner, k.display_name\n"
  "FROM kol k WHERE TRUE" IN_PART ("k.id") FILTER " ORDER BY k.id";

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static const char *
joined (GString    *out,
        const char *a,
        const char *b)
{
  g_string_assign (out, a);
  g_string_append_c (out, '|');
  g_string_append (out, b);
  return out->str;
}

gboolean
_kdx_store_insights_read_lean_kol (DigestPass  *pass,
                                   KdxStmt     *stmt,
                                   KolFields   *kol,
                                   GError     **error)
{
  const char *fee = kdx_stmt_column_text (stmt, 5);
  const char *stage = or_empty (kdx_stmt_column_text (stmt, 7));
  const char *created = kdx_stmt_column_text (stmt, 8);
  const char *currency = or_empty (kdx_stmt_column_text (stmt, 4));
  const char *category = or_empty (kdx_stmt_column_text (stmt, 10));
  const char *owner = kdx_stmt_column_text (stmt, 12);
  char month[DIGEST_KEY_SIZE];

  kol->text[KOL_FIELD_TIER] = kdx_stmt_column_text (stmt, 0);
  kol->text[KOL_FIELD_PLATFORM] = or_empty (kdx_stmt_column_text (stmt, 1));
  kol->text[KOL_FIELD_SOURCE] = kdx_stmt_column_text (stmt, 2);
  kol->text[KOL_FIELD_PLAN] = joined (pass->row_texts[0], or_empty (kdx_stmt_column_text (stmt, 3)),
                                      currency);
  kol->text[KOL_FIELD_CURRENCY] = currency;
  kol->text[KOL_FIELD_CANDIDATE] = NULL;
  kol->text[KOL_FIELD_CATEGORY] = category;
  kol->text[KOL_FIELD_REASON] = or_empty (kdx_stmt_column_text (stmt, 11));
  kol->text[KOL_FIELD_OWNER_KEY] = or_empty (owner);
  kol->text[KOL_FIELD_NAME] = kdx_stmt_column_text (stmt, 13);
  kol->text[KOL_FIELD_OWNER] = owner;
  kol->id = kdx_stmt_column_int64 (stmt, 9);
  kol->has_fee = fee != NULL && *fee != '\0';
  kol->fee = kdx_stmt_column_double (stmt, 6);
  /* ACTIVE: working with them now. */
  kol->active = g_str_equal (stage, "onboarding") || g_str_equal (stage, "growing")
                || g_str_equal (stage, "mature") || g_str_equal (stage, "declining");
  if (created != NULL && text_in_period (pass, created))
    {
      if (!local_key_text (pass, created, FALSE, month, error))
        return FALSE;
      kol->text[KOL_FIELD_CANDIDATE] = joined (pass->row_texts[1], month, category);
    }
  return TRUE;
}
