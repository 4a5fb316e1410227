/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-calendar"

#include "config.h"

#include <stdio.h>

#include "kdx-calendar.h"
#include "kdx-lunar.h"
#include "kdx-value.h"

static const char *const calendar_ids[] = { "gregorian", "chinese" };

const char *
kdx_calendar_to_string (KdxCalendar calendar)
{
  g_return_val_if_fail (calendar < G_N_ELEMENTS (calendar_ids), NULL);

  return calendar_ids[calendar];
}

gboolean
kdx_calendar_from_string (const char  *text,
                          KdxCalendar *calendar)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (calendar_ids); i++)
    {
      if (g_str_equal (text, calendar_ids[i]))
        {
          *calendar = i;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  g_autofree char *iso = kdx_value_parse_date (text);
  guint year, month, day;

  g_date_clear (date, 1);
  if (iso == NULL || sscanf (iso, "%u-%u-%u", &year, &month, &day) != 3)
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/* The same month and day in @year; 29 February is 28 February in a
 * common year. */
static GDate
gregorian_in_year (const GDate *date,
                   guint        year)
{
  GDateMonth month = g_date_get_month (date);
  GDateDay day = MIN (g_date_get_day (date), g_date_get_days_in_month (month, year));
  GDate result;

  g_date_clear (&result, 1);
  g_date_set_dmy (&result, day, month, year);
  return result;
}

/* The day of the lunar year @year with @lunar's month and day: a leap
 * month falls back to the ordinary month, and the 30th of a month that
 * has only 29 days this year to the 29th. Invalid outside the table. */
static GDate
lunar_in_year (const KdxLunarDate *lunar,
               guint               year)
{
  KdxLunarDate wanted = { year, lunar->month, lunar->day, FALSE };
  guint days = kdx_lunar_get_month_days (year, lunar->month, FALSE);
  GDate result;

  g_date_clear (&result, 1);
  if (days == 0)
    return result;
  wanted.day = MIN (wanted.day, days);
  if (!kdx_lunar_to_gregorian (&wanted, &result, NULL))
    g_date_clear (&result, 1);
  return result;
}

/* The first day on or after @on_or_after on which an important date falls
 * (shared/FIELDS.md): @date is the Gregorian day of one occurrence, and the
 * series starts there (a birthday recurs from the birth date on). A date
 * that is not yearly occurs on @date only. A yearly date recurs on the
 * same month and day of its calendar. The result is an invalid GDate
 * (g_date_valid() is FALSE) when there is no such day: a date that is not
 * yearly and has passed, text that is no date, or a Chinese date beyond
 * the years of the lunar table. */
GDate
kdx_date_next_occurrence (const char  *date,
                          gboolean     yearly,
                          KdxCalendar  calendar,
                          const GDate *on_or_after)
{
  GDate first, start, none;
  KdxLunarDate lunar;

  g_date_clear (&none, 1);
  g_return_val_if_fail (on_or_after != NULL && g_date_valid (on_or_after), none);

  if (!parse_date (date, &first))
    return none;
  /* The day itself is an occurrence, even of a leap month's date. */
  if (g_date_compare (&first, on_or_after) >= 0)
    return first;
  if (!yearly)
    return none;

  start = *on_or_after;
  if (calendar == KDX_CALENDAR_GREGORIAN)
    {
      GDate next = gregorian_in_year (&first, g_date_get_year (&start));

      if (g_date_compare (&next, &start) < 0)
        next = gregorian_in_year (&first, g_date_get_year (&start) + 1);
      return next;
    }

  if (!kdx_lunar_from_gregorian (&first, &lunar, NULL))
    return none;
  /* @start lies in the lunar year of its Gregorian year or the one before. */
  for (guint year = g_date_get_year (&start) - 1; year <= g_date_get_year (&start) + 1u; year++)
    {
      GDate next = lunar_in_year (&lunar, year);

      if (g_date_valid (&next) && g_date_compare (&next, &start) >= 0)
        return next;
    }
  return none;
}
