/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include "kdx-calendar.h"
#include "kdx-enum-types.h"
#include "kdx-store-private.h"

/* What Today asks the store (issue 10, item 3): the few KOLs and dates that
 * may be due on a day, chosen in SQL so that 100,000 KOL files are never
 * loaded. The store only preselects, with a day of slack where a UTC time
 * meets a local day; kdx_due_list() applies the rules exactly. */

void
kdx_due_kol_free (KdxDueKol *row)
{
  g_free (row->display_name);
  g_free (row->owner);
  g_free (row->next_follow_up);
  g_free (row->reapproach_on);
  g_free (row->last_contact);
  g_free (row->stage_since);
  g_free (row);
}

void
kdx_due_date_free (KdxDueDate *row)
{
  g_free (row->display_name);
  g_free (row->owner);
  g_free (row->label);
  g_free (row->date);
  g_free (row);
}

static char *
column_dup (KdxStmt *stmt,
            int      column)
{
  return g_strdup (kdx_stmt_column_text (stmt, column));
}

static int
enum_column (KdxStmt *stmt,
             int      column,
             GType    type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  const char *nick = kdx_stmt_column_text (stmt, column);
  GEnumValue *value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  return value != NULL ? value->value : 0;
}

/* Steps @stmt to its end, handing each row to @read; the store's error
 * when the step fails. */
static gboolean
read_rows (KdxStore      *self,
           KdxStmt       *stmt,
           GPtrArray     *rows,
           gpointer     (*read) (KdxStmt *stmt),
           GError       **error)
{
  int rc;

  while ((rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
    g_ptr_array_add (rows, read (stmt));
  kdx_stmt_reset (stmt);
  if (rc != KDX_STMT_DONE)
    return _kdx_store_set_error (self, error);
  return TRUE;
}

/* The KOLs whose contact rules may hold. Each KOL's last contact and stage
 * entry are computed once (MATERIALIZED), by the same index seeks the
 * list's sort uses (event_at, the stage history's key). A KOL is kept when
 * its follow-up is today or past, its re-approach date came (Departed,
 * Declined), or the day it was last in touch (its stage entry when never)
 * lies at most one day after today minus its interval: one day of slack,
 * as a UTC time may be the next or previous local day. Days are counted
 * with julianday(), which PostgreSQL has too (its schema 9). An
 * optional parameter is tested as CAST (?N AS TEXT) IS NULL: PostgreSQL
 * cannot tell the type of a parameter that is only tested for NULL. */
static const char due_kols_sql[] =
  "WITH k AS MATERIALIZED (\n"
  "  SELECT id, display_name, stage, tier, owner, next_follow_up, reapproach_on,\n"
  "    contact_every_days, " KDX_STORE_LAST_CONTACT_SQL " AS last_contact,\n"
  "    coalesce ((SELECT max(at) FROM stage_history WHERE stage_history.kol_id = kol.id),\n"
  "      created_at) AS stage_since,\n"
  "    CASE WHEN contact_every_days > 0 THEN contact_every_days\n"
  "      ELSE CASE tier WHEN 'unrated' THEN ?2 WHEN 'head' THEN ?3\n"
  "                     WHEN 'waist' THEN ?4 WHEN 'tail' THEN ?5 ELSE 0 END END AS every\n"
  "  FROM kol WHERE CAST (?7 AS TEXT) IS NULL OR owner = ?7\n"
  ")\n"
  "SELECT id, display_name, stage, tier, owner, next_follow_up, reapproach_on,\n"
  "  contact_every_days, last_contact, stage_since FROM k\n"
  "WHERE CASE WHEN stage IN ('departed', 'declined') THEN reapproach_on <= ?1\n"
  "  ELSE next_follow_up <= ?1\n"
  "    OR (stage <> 'candidate' AND every > 0\n"
  "        AND julianday (substr (coalesce (last_contact, stage_since), 1, 10))\n"
  "            < julianday (?1) + (2 - every))\n"
  "    OR (stage = 'growing' AND ?6 > 0\n"
  "        AND julianday (substr (coalesce (last_contact, stage_since), 1, 10))\n"
  "            < julianday (?1) + (2 - ?6))\n"
  "  END";

static gpointer
read_due_kol (KdxStmt *stmt)
{
  KdxDueKol *row = g_new0 (KdxDueKol, 1);

  row->id = kdx_stmt_column_int64 (stmt, 0);
  row->display_name = column_dup (stmt, 1);
  row->stage = enum_column (stmt, 2, KDX_TYPE_STAGE);
  row->tier = enum_column (stmt, 3, KDX_TYPE_TIER);
  row->owner = column_dup (stmt, 4);
  row->next_follow_up = column_dup (stmt, 5);
  row->reapproach_on = column_dup (stmt, 6);
  row->contact_every_days = kdx_stmt_column_int64 (stmt, 7);
  row->last_contact = column_dup (stmt, 8);
  row->stage_since = column_dup (stmt, 9);
  return row;
}

/**
 * kdx_store_query_due_kols:
 * @today: YYYY-MM-DD
 * @interval_days: the contact interval per tier, indexed by KdxTier (4)
 * @growing_quiet_days: 0 = never
 * @owner: (nullable): only this operator's KOLs
 *
 * The KOLs that may be due on @today for a follow-up, their cadence,
 * growing quiet or a re-approach: a superset, in no particular order.
 *
 * Returns: (transfer full) (element-type KdxDueKol):
 */
GPtrArray *
kdx_store_query_due_kols (KdxStore     *self,
                          const char   *today,
                          const guint  *interval_days,
                          guint         growing_quiet_days,
                          const char   *owner,
                          GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) kdx_due_kol_free);
  KdxStmt *stmt;

  g_return_val_if_fail (KDX_IS_STORE (self), NULL);
  g_return_val_if_fail (today != NULL && interval_days != NULL, NULL);

  if ((stmt = _kdx_store_prepare (self, due_kols_sql, error)) == NULL)
    return NULL;
  kdx_stmt_bind_text (stmt, 1, today);
  kdx_stmt_bind_int64 (stmt, 2, interval_days[KDX_TIER_UNRATED]);
  kdx_stmt_bind_int64 (stmt, 3, interval_days[KDX_TIER_HEAD]);
  kdx_stmt_bind_int64 (stmt, 4, interval_days[KDX_TIER_WAIST]);
  kdx_stmt_bind_int64 (stmt, 5, interval_days[KDX_TIER_TAIL]);
  kdx_stmt_bind_int64 (stmt, 6, growing_quiet_days);
  _kdx_store_bind_text (stmt, 7, owner);

  if (!read_rows (self, stmt, rows, read_due_kol, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* Coming dates of KOLs that are not Departed or Declined. Yearly Gregorian
 * dates are chosen by their month and day (?3, a JSON array of "MM-DD":
 * the days of the window, with "02-29" when 28 February is in it in a
 * common year, and a day more on each side for anniversaries, which are
 * UTC times); NULL when the window spans a whole year. One-off dates by
 * their day. Lunar dates move every year, so all of them come back: they
 * are few, and kdx_date_next_occurrence() decides. */
static const char due_dates_sql[] =
  "SELECT kol.id, display_name, stage, tier, owner, 0, label, date, yearly, calendar\n"
  "  FROM important_date JOIN kol ON kol.id = important_date.kol_id\n"
  "  WHERE stage NOT IN ('departed', 'declined') AND (CAST (?4 AS TEXT) IS NULL OR owner = ?4)\n"
  "    AND (calendar = 'chinese'\n"
  "         OR (yearly = 0 AND date BETWEEN ?1 AND ?2)\n"
  "         OR (yearly = 1 AND (CAST (?3 AS TEXT) IS NULL\n"
  "             OR ?3 LIKE '%\"' || substr (date, 6, 5) || '\"%')))\n"
  "UNION ALL\n"
  "SELECT id, display_name, stage, tier, owner, 1, NULL, birthday, 1, 'gregorian'\n"
  "  FROM kol WHERE birthday IS NOT NULL AND stage NOT IN ('departed', 'declined')\n"
  "    AND (CAST (?4 AS TEXT) IS NULL OR owner = ?4)\n"
  "    AND (CAST (?3 AS TEXT) IS NULL OR ?3 LIKE '%\"' || substr (birthday, 6, 5) || '\"%')\n"
  "UNION ALL\n"
  "SELECT kol.id, display_name, kol.stage, tier, owner, 2, NULL, first.at, 1, 'gregorian'\n"
  "  FROM (SELECT kol_id, min (at) AS at FROM stage_history\n"
  "        WHERE stage = 'onboarding' GROUP BY kol_id) AS first\n"
  "  JOIN kol ON kol.id = first.kol_id\n"
  "  WHERE kol.stage NOT IN ('departed', 'declined') AND (CAST (?4 AS TEXT) IS NULL OR owner = ?4)\n"
  "    AND (CAST (?5 AS TEXT) IS NULL OR ?5 LIKE '%\"' || substr (first.at, 6, 5) || '\"%')";

static gpointer
read_due_date (KdxStmt *stmt)
{
  KdxDueDate *row = g_new0 (KdxDueDate, 1);
  KdxCalendar calendar = KDX_CALENDAR_GREGORIAN;

  row->id = kdx_stmt_column_int64 (stmt, 0);
  row->display_name = column_dup (stmt, 1);
  row->stage = enum_column (stmt, 2, KDX_TYPE_STAGE);
  row->tier = enum_column (stmt, 3, KDX_TYPE_TIER);
  row->owner = column_dup (stmt, 4);
  row->kind = kdx_stmt_column_int (stmt, 5);
  row->label = column_dup (stmt, 6);
  row->date = column_dup (stmt, 7);
  row->yearly = kdx_stmt_column_int (stmt, 8) != 0;
  kdx_calendar_from_string (kdx_stmt_column_text (stmt, 9), &calendar);
  row->calendar = calendar;
  return row;
}

/* The "MM-DD" of each day from @first to @last (a JSON array), or NULL
 * when they cover the whole year. The statement looks for a date's
 * "\"MM-DD\"" in it with LIKE, which both engines speak (SQLite's
 * json_each() is not PostgreSQL's). */
static char *
month_days_json (const GDate *first,
                 const GDate *last)
{
  g_autoptr(GString) json = g_string_new ("[");
  GDate day = *first;

  if (g_date_days_between (first, last) >= 366)
    return NULL;

  for (; g_date_compare (&day, last) <= 0; g_date_add_days (&day, 1))
    {
      guint month = g_date_get_month (&day);
      guint mday = g_date_get_day (&day);

      g_string_append_printf (json, "%s\"%02u-%02u\"", json->len > 1 ? "," : "", month, mday);
      /* 29 February recurs on 28 February in a common year. */
      if (month == 2 && mday == 28 && !g_date_is_leap_year (g_date_get_year (&day)))
        g_string_append (json, ",\"02-29\"");
    }
  g_string_append_c (json, ']');
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static char *
iso_day (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/**
 * kdx_store_query_due_dates:
 * @today: YYYY-MM-DD
 * @days_ahead: the window is @today to @today + @days_ahead
 * @owner: (nullable): only this operator's KOLs
 *
 * The important dates, birthdays and cooperation starts (first move to
 * Onboarding) that may occur in the window: a superset, in no order.
 *
 * Returns: (transfer full) (element-type KdxDueDate):
 */
GPtrArray *
kdx_store_query_due_dates (KdxStore     *self,
                           const char   *today,
                           guint         days_ahead,
                           const char   *owner,
                           GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) kdx_due_date_free);
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;
  g_autofree char *days = NULL;
  g_autofree char *wide_days = NULL;
  GDate first, last;
  KdxStmt *stmt;

  g_return_val_if_fail (KDX_IS_STORE (self), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  g_date_clear (&first, 1);
  g_date_set_parse (&first, today);
  g_return_val_if_fail (g_date_valid (&first), NULL);
  last = first;
  g_date_add_days (&last, MIN (days_ahead, 3660));
  first_day = iso_day (&first);
  last_day = iso_day (&last);
  days = month_days_json (&first, &last);
  g_date_subtract_days (&first, 1);
  g_date_add_days (&last, 1);
  wide_days = month_days_json (&first, &last);

  if ((stmt = _kdx_store_prepare (self, due_dates_sql, error)) == NULL)
    return NULL;
  kdx_stmt_bind_text (stmt, 1, first_day);
  kdx_stmt_bind_text (stmt, 2, last_day);
  _kdx_store_bind_text (stmt, 3, days);
  _kdx_store_bind_text (stmt, 4, owner);
  _kdx_store_bind_text (stmt, 5, wide_days);

  if (!read_rows (self, stmt, rows, read_due_date, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/**
 * kdx_store_query_greeted:
 * @tiers: bit (1 << KdxTier) per greeted tier
 * @owner: (nullable): only this operator's KOLs
 *
 * The KOLs to greet on a festival: in an active stage (Onboarding,
 * Growing, Mature, Declining) and a greeted tier, in id order.
 *
 * Returns: (transfer full) (element-type gint64):
 */
GArray *
kdx_store_query_greeted (KdxStore    *self,
                         guint        tiers,
                         const char  *owner,
                         GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  KdxStmt *stmt;
  int rc;

  g_return_val_if_fail (KDX_IS_STORE (self), NULL);

  stmt = _kdx_store_prepare (self,
                             "SELECT id FROM kol\n"
                             "WHERE stage IN ('onboarding', 'growing', 'mature', 'declining')\n"
                             "  AND (CAST (?1 AS INTEGER)\n"
                             "       & (1 << CAST (CASE tier WHEN 'unrated' THEN ?2 WHEN 'head' THEN ?3\n"
                             "                     WHEN 'waist' THEN ?4 ELSE ?5 END AS INTEGER))) <> 0\n"
                             "  AND (CAST (?6 AS TEXT) IS NULL OR owner = ?6)\n"
                             "ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  kdx_stmt_bind_int64 (stmt, 1, tiers);
  kdx_stmt_bind_int64 (stmt, 2, KDX_TIER_UNRATED);
  kdx_stmt_bind_int64 (stmt, 3, KDX_TIER_HEAD);
  kdx_stmt_bind_int64 (stmt, 4, KDX_TIER_WAIST);
  kdx_stmt_bind_int64 (stmt, 5, KDX_TIER_TAIL);
  _kdx_store_bind_text (stmt, 6, owner);

  while ((rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
    {
      gint64 id = kdx_stmt_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  kdx_stmt_reset (stmt);
  if (rc != KDX_STMT_DONE)
    {
      _kdx_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}
