/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include "kdx-store-insights-private.h"

/* The passes over the outreach and the payments (kdx-store-insights.c),
 * KOL by KOL: each KOL counts once under each of its bars, with what its
 * events add there. Most of a pass's time is per event, so per event
 * this does as little as it can: a key of the KOL alone is looked up
 * once per KOL, a key of the event only when it differs from the event
 * before (a KOL's events come in time order, so its month or channel
 * often repeats), and a time's local month is worked out here rather
 * than by the engine (measured on 550,000 outreach events: SQLite's
 * CASE over substr() was half the query's time). */

void
_kdx_store_insights_tally_free (Tally *tally)
{
  g_free (tally->key);
  g_free (tally);
}

Tally *
_kdx_store_insights_tally_of (GHashTable *chart,
                              const char *key)
{
  Tally *tally = g_hash_table_lookup (chart, key);

  if (tally == NULL)
    {
      tally = g_new0 (Tally, 1);
      tally->key = g_strdup (key);
      g_hash_table_insert (chart, tally->key, tally);
    }
  return tally;
}

Tally *
_kdx_store_insights_memo_tally (TallyMemo  *memo,
                                GHashTable *chart,
                                const char *key)
{
  Tally *tally;

  for (guint i = 0; i < TALLY_MEMO_SIZE && memo->tally[i] != NULL; i++)
    if (strcmp (memo->tally[i]->key, key) == 0)
      return memo->tally[i];
  tally = _kdx_store_insights_tally_of (chart, key);
  memo->tally[memo->next] = tally;
  memo->next = (memo->next + 1) % TALLY_MEMO_SIZE;
  return tally;
}

const char *
_kdx_store_insights_intern (GStringChunk  *chunk,
                            const char   **recent,
                            guint         *next,
                            const char    *text)
{
  const char *interned;

  for (guint i = 0; i < TALLY_MEMO_SIZE && recent[i] != NULL; i++)
    if (strcmp (recent[i], text) == 0)
      return recent[i];
  interned = g_string_chunk_insert_const (chunk, text);
  recent[*next] = interned;
  *next = (*next + 1) % TALLY_MEMO_SIZE;
  return interned;
}

void
_kdx_store_insights_kol_rows_init (KolRows *kols)
{
  kols->rows = g_array_new (FALSE, FALSE, sizeof (KolRow));
  kols->texts = g_string_chunk_new (4096);
  kols->more = g_ptr_array_new_with_free_func ((GDestroyNotify) g_string_chunk_free);
}

void
_kdx_store_insights_kol_rows_clear (KolRows *kols)
{
  g_clear_pointer (&kols->rows, g_array_unref);
  g_clear_pointer (&kols->texts, g_string_chunk_free);
  g_clear_pointer (&kols->more, g_ptr_array_unref);
}

void
_kdx_store_insights_kol_rows_append (KolRows *into,
                                     KolRows *from)
{
  g_array_append_vals (into->rows, from->rows->data, from->rows->len);
  g_array_set_size (from->rows, 0);
  /* The rows point into them. */
  g_ptr_array_add (into->more, g_steal_pointer (&from->texts));
  from->texts = g_string_chunk_new (256);
  g_ptr_array_extend_and_steal (into->more, g_steal_pointer (&from->more));
  from->more = g_ptr_array_new_with_free_func ((GDestroyNotify) g_string_chunk_free);
}

/* The KOL counts once under each of its keys, with what it added there. */
void
_kdx_store_insights_flush_kol (GArray *parts)
{
  for (guint i = 0; i < parts->len; i++)
    {
      KolPart *part = &g_array_index (parts, KolPart, i);

      part->chart->count++;
      part->chart->attempts += part->attempts;
      part->chart->agreed += part->agreed;
      part->chart->amount += part->amount;
    }
  g_array_set_size (parts, 0);
}

/* @hint: where this key of the chart went last for the KOL (-1: none),
 * tried first, as a KOL's events often repeat their month or channel. */
void
_kdx_store_insights_add_to_kol (GArray   *parts,
                                int      *hint,
                                Tally    *chart,
                                gint64    attempts,
                                gboolean  agreed,
                                double    amount)
{
  KolPart part = { chart, 0, FALSE, 0.0 };
  KolPart *found = NULL;

  if (*hint >= 0 && g_array_index (parts, KolPart, *hint).chart == chart)
    found = &g_array_index (parts, KolPart, *hint);
  /* A KOL has a handful of keys: a search beats a hash table. */
  for (guint i = 0; i < parts->len && found == NULL; i++)
    if (g_array_index (parts, KolPart, i).chart == chart)
      {
        found = &g_array_index (parts, KolPart, i);
        *hint = (int) i;
      }
  if (found == NULL)
    {
      g_array_append_val (parts, part);
      *hint = (int) parts->len - 1;
      found = &g_array_index (parts, KolPart, *hint);
    }
  found->attempts += attempts;
  found->agreed |= agreed;
  found->amount += amount;
}

/* A local month's text: "2025-03", or what the engine made of a time
 * in another form (LOCAL_MONTH's substr() counts characters). */
#define MONTH_SIZE 32

static gboolean
digits (const char *text,
        guint       from,
        guint       n,
        guint      *value)
{
  *value = 0;
  for (guint i = from; i < from + n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (guint) (text[i] - '0');
    }
  return TRUE;
}

/* The local day of @at, a UTC time as the store writes it
 * ("2025-03-01T02:30:00Z"), @shift minutes off UTC: FALSE for a time in
 * any other form, which the engine then shifts. Offsets stay within 14
 * hours, so the local day is at most one day off. */
gboolean
_kdx_store_insights_local_date (const char *at,
                                gint64      shift,
                                guint      *year_out,
                                guint      *month_out,
                                guint      *day_out)
{
  guint year, mon, day, hour, minute, second;
  gint64 minutes;

  if (strlen (at) != 20 || at[4] != '-' || at[7] != '-' || at[10] != 'T' || at[13] != ':'
      || at[16] != ':' || at[19] != 'Z'
      || !digits (at, 0, 4, &year) || !digits (at, 5, 2, &mon) || !digits (at, 8, 2, &day)
      || !digits (at, 11, 2, &hour) || !digits (at, 14, 2, &minute)
      || !digits (at, 17, 2, &second)
      || mon < 1 || mon > 12 || day < 1 || day > g_date_get_days_in_month (mon, year)
      || hour > 23 || minute > 59 || second > 59 || shift < -24 * 60 || shift > 24 * 60
      || year < 2 || year > 9998)
    return FALSE;
  minutes = hour * 60 + minute + shift;
  if (minutes < 0)
    {
      if (day > 1)
        day--;
      else
        {
          year -= mon == 1 ? 1 : 0;
          mon = mon == 1 ? 12 : mon - 1;
          day = g_date_get_days_in_month (mon, year);
        }
    }
  else if (minutes >= 24 * 60)
    {
      if (day < g_date_get_days_in_month (mon, year))
        day++;
      else
        {
          year += mon == 12 ? 1 : 0;
          mon = mon == 12 ? 1 : mon + 1;
          day = 1;
        }
    }
  *year_out = year;
  *month_out = mon;
  *day_out = day;
  return TRUE;
}

/* The local month ("2025-03") of @at into @month: what LOCAL_MONTH (at)
 * gives, without the engine; FALSE for a time in another form. */
static gboolean
local_month (const char *at,
             gint64      shift,
             char        month[MONTH_SIZE])
{
  guint year, mon, day;

  if (!_kdx_store_insights_local_date (at, shift, &year, &mon, &day))
    return FALSE;
  g_snprintf (month, MONTH_SIZE, "%04u-%02u", year, mon);
  return TRUE;
}

/* The event's own part of a key into @text: the column, or its local
 * month in @month (by the engine, as LOCAL_MONTH, for a time in a form
 * local_month() does not read). */
static gboolean
event_text (KdxStore       *self,
            const KeySpec  *spec,
            KdxStmt        *events,
            const Bounds   *bounds,
            gint64          shift,
            char            month[MONTH_SIZE],
            const char    **text,
            GError        **error)
{
  static const char fallback[] = "SELECT " LOCAL_MONTH ("CAST (:key AS TEXT)");
  const char *at = kdx_stmt_column_text (events, spec->event_column);
  g_autofree char *copy = NULL;
  KdxStmt *stmt;
  int rc;

  *text = at;
  if (!spec->event_month || at == NULL)
    return TRUE;
  *text = month;
  if (local_month (at, shift, month))
    return TRUE;
  /* Binding the text the events' row holds: a copy, as preparing may
   * touch that row's memory. */
  copy = g_strdup (at);
  if ((stmt = _kdx_store_insights_prepare (self, fallback, bounds, copy, error)) == NULL)
    return FALSE;
  if ((rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
    g_strlcpy (month, kdx_stmt_column_text (stmt, 0) != NULL ? kdx_stmt_column_text (stmt, 0) : "", MONTH_SIZE);
  return _kdx_store_insights_finish_rows (self, stmt, rc == KDX_STMT_ROW ? KDX_STMT_DONE : rc, error);
}

/* @event (its part of the key, or NULL) joined to KOL @kol's part, in
 * @buffer when both are there. */
static const char *
key_text (const KeySpec *spec,
          const char    *event,
          const KolRow  *kol,
          GString       *buffer)
{
  const char *kol_key = spec->kol_key >= 0 ? kol->key[spec->kol_key] : NULL;

  if (kol_key == NULL)
    return event;
  if (event == NULL)
    return kol_key;
  g_string_assign (buffer, event);
  g_string_append_c (buffer, '|');
  g_string_append (buffer, kol_key);
  return buffer->str;
}

gboolean
_kdx_store_insights_tally_by_kol (KdxStore       *self,
                                  const char     *event_sql,
                                  const Bounds   *bounds,
                                  const KolRows  *kols,
                                  const KeySpec  *keys,
                                  guint           n_keys,
                                  GHashTable    **charts,
                                  GError        **error)
{
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (KolPart));
  g_autoptr(GString) buffer = g_string_new (NULL);
  Tally *kol_keys[8] = { NULL };
  GString *last_text[8] = { NULL };
  Tally *last_tally[8] = { NULL };
  int hints[8];
  const KolRow *rows = (const KolRow *) kols->rows->data;
  guint n_rows = kols->rows->len, row = 0;
  /* "+480 minutes" (_kdx_insights_period_bounds()) */
  gint64 shift = g_ascii_strtoll (bounds->shift, NULL, 10);
  char month[MONTH_SIZE] = "";
  KdxStmt *events;
  gint64 current = -1;
  gboolean ok = TRUE;
  int rc;

  g_assert (n_keys <= G_N_ELEMENTS (kol_keys));
  for (guint i = 0; i < n_keys; i++)
    {
      charts[i] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) _kdx_store_insights_tally_free);
      last_text[i] = g_string_new (NULL);
    }
  if ((events = _kdx_store_insights_prepare (self, event_sql, bounds, NULL, error)) == NULL)
    ok = FALSE;
  while (ok && (rc = kdx_stmt_step (events)) == KDX_STMT_ROW)
    {
      gint64 id = kdx_stmt_column_int64 (events, 0);
      gint64 attempts = kdx_stmt_column_int64 (events, 1);
      gboolean agreed = kdx_stmt_column_int (events, 2) != 0;
      double amount = kdx_stmt_column_double (events, 3);

      while (row < n_rows && rows[row].id < id)
        row++;
      if (row == n_rows || rows[row].id != id)
        continue; /* a KOL the filter leaves out */
      if (id != current)
        {
          _kdx_store_insights_flush_kol (parts);
          for (guint i = 0; i < n_keys; i++)
            {
              hints[i] = -1;
              kol_keys[i] = keys[i].event_column < 0
                              ? _kdx_store_insights_tally_of (charts[i],
                                                              key_text (&keys[i], NULL, &rows[row], buffer))
                              : NULL;
            }
        }
      current = id;
      for (guint i = 0; i < n_keys && ok; i++)
        {
          Tally *chart = kol_keys[i];

          if (chart == NULL)
            {
              const char *event, *text;

              if (!event_text (self, &keys[i], events, bounds, shift, month, &event, error))
                {
                  ok = FALSE;
                  break;
                }
              text = key_text (&keys[i], event, &rows[row], buffer);
              if (last_tally[i] == NULL || strcmp (text, last_text[i]->str) != 0)
                {
                  last_tally[i] = _kdx_store_insights_tally_of (charts[i], text);
                  g_string_assign (last_text[i], text);
                }
              chart = last_tally[i];
            }
          _kdx_store_insights_add_to_kol (parts, &hints[i], chart, attempts, agreed, amount);
        }
    }
  if (events != NULL && ok)
    ok = _kdx_store_insights_finish_rows (self, events, rc, error);
  else if (events != NULL)
    kdx_stmt_reset (events);
  _kdx_store_insights_flush_kol (parts);
  for (guint i = 0; i < n_keys; i++)
    g_string_free (last_text[i], TRUE);
  return ok;
}
