/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-calendar"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>

#include "kdx-calendar.h"
#include "kdx-error.h"
#include "kdx-festival.h"
#include "kdx-lunar-table.h"
#include "kdx-lunar.h"

/* The Chinese lunar calendar, the recurrence of important dates and the
 * festivals, all on fixed dates: nothing here reads the clock. */

static GDate
date_from_iso (const char *iso)
{
  guint year, month, day;
  GDate date;

  g_assert_cmpint (sscanf (iso, "%u-%u-%u", &year, &month, &day), ==, 3);
  g_assert_true (g_date_valid_dmy (day, month, year));
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return date;
}

static char *
iso_from_date (const GDate *date)
{
  if (!g_date_valid (date))
    return g_strdup ("(none)");
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* That the Gregorian day @iso is @month/@day (leap or not) of the lunar
 * year @year, in both directions. */
static void
assert_lunar (const char *iso,
              guint       year,
              guint       month,
              gboolean    is_leap,
              guint       day)
{
  g_autoptr(GError) error = NULL;
  GDate gregorian = date_from_iso (iso);
  KdxLunarDate wanted = { year, month, day, is_leap };
  KdxLunarDate lunar = { 0 };
  GDate back;
  g_autofree char *back_iso = NULL;

  g_test_message ("%s is %u-%s%u-%u", iso, year, is_leap ? "leap " : "", month, day);
  g_assert_true (kdx_lunar_from_gregorian (&gregorian, &lunar, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lunar.year, ==, year);
  g_assert_cmpuint (lunar.month, ==, month);
  g_assert_cmpint (lunar.is_leap, ==, is_leap);
  g_assert_cmpuint (lunar.day, ==, day);

  g_assert_true (kdx_lunar_to_gregorian (&wanted, &back, &error));
  g_assert_no_error (error);
  back_iso = iso_from_date (&back);
  g_assert_cmpstr (back_iso, ==, iso);
}

static void
assert_next (const char  *date,
             gboolean     yearly,
             KdxCalendar  calendar,
             const char  *on_or_after,
             const char  *expected)
{
  GDate from = date_from_iso (on_or_after);
  GDate next = kdx_date_next_occurrence (date, yearly, calendar, &from);
  g_autofree char *next_iso = iso_from_date (&next);

  g_test_message ("%s (%s%s) on or after %s", date, yearly ? "yearly, " : "",
                  kdx_calendar_to_string (calendar), on_or_after);
  g_assert_cmpstr (next_iso, ==, expected != NULL ? expected : "(none)");
}

/* 正月初一 and 八月十五 of the issue, with the two years Debian's ICU gets
 * wrong (it says 2027-02-07 and 2030-02-02). */
static void
test_known_new_years (void)
{
  assert_lunar ("2025-01-29", 2025, 1, FALSE, 1);
  assert_lunar ("2026-02-17", 2026, 1, FALSE, 1);
  assert_lunar ("2027-02-06", 2027, 1, FALSE, 1);
  assert_lunar ("2030-02-03", 2030, 1, FALSE, 1);
  assert_lunar ("2025-10-06", 2025, 8, FALSE, 15);
  assert_lunar ("2026-09-25", 2026, 8, FALSE, 15);
}

/* Days read from the Hong Kong Observatory's Gregorian-Lunar Calendar
 * Conversion Tables (https://www.hko.gov.hk/en/gts/time/conversion.htm;
 * the text tables are .../gts/time/calendar/text/files/T<YEAR>e.txt), an
 * independent publication, not the source of our table. */
static void
test_hong_kong_observatory (void)
{
  /* T1923e.txt: 1923/01/16 is day 30, 1923/01/17 starts the 12th lunar
   * month, 1923/02/16 the 1st, 1923/03/17 the 2nd. */
  assert_lunar ("1923-01-16", 1922, 11, FALSE, 30);
  assert_lunar ("1923-01-17", 1922, 12, FALSE, 1);
  assert_lunar ("1923-02-15", 1922, 12, FALSE, 30);
  assert_lunar ("1923-02-16", 1923, 1, FALSE, 1);
  assert_lunar ("1923-03-17", 1923, 2, FALSE, 1);
  /* T1978e.txt: 12th month 1978/01/09, 1st month 1978/02/07, 1978/03/08 is
   * day 30, 2nd month 1978/03/09. */
  assert_lunar ("1978-01-09", 1977, 12, FALSE, 1);
  assert_lunar ("1978-02-07", 1978, 1, FALSE, 1);
  assert_lunar ("1978-03-08", 1978, 1, FALSE, 30);
  assert_lunar ("1978-03-09", 1978, 2, FALSE, 1);
  /* T1988e.txt: 12th month 1988/01/19, 1st month 1988/02/17, 2nd month
   * 1988/03/18 after a 1988/03/17 that is day 30. */
  assert_lunar ("1988-01-19", 1987, 12, FALSE, 1);
  assert_lunar ("1988-02-17", 1988, 1, FALSE, 1);
  assert_lunar ("1988-03-17", 1988, 1, FALSE, 30);
  assert_lunar ("1988-03-18", 1988, 2, FALSE, 1);
  /* T2009e.txt: 2009/01/25 is day 30, 1st month 2009/01/26, 2nd month
   * 2009/02/25. */
  assert_lunar ("2009-01-25", 2008, 12, FALSE, 30);
  assert_lunar ("2009-01-26", 2009, 1, FALSE, 1);
  assert_lunar ("2009-02-25", 2009, 2, FALSE, 1);
  /* The 2013 table, as the Observatory's blog "Which day is the Tuen Ng
   * Festival for this year (2013)?" quotes it: the 5th month begins on
   * 8 June (some folk calendars say 9 June). */
  assert_lunar ("2013-06-08", 2013, 5, FALSE, 1);
  /* The 2014 table: a leap 9th month from 24 October. */
  assert_lunar ("2014-09-24", 2014, 9, FALSE, 1);
  assert_lunar ("2014-10-24", 2014, 9, TRUE, 1);
  /* The 2020 table: 1st month 25 January, 4th month 23 April, a leap 4th
   * month from 23 May, 8th month 17 September. */
  assert_lunar ("2020-01-25", 2020, 1, FALSE, 1);
  assert_lunar ("2020-04-23", 2020, 4, FALSE, 1);
  assert_lunar ("2020-05-23", 2020, 4, TRUE, 1);
  assert_lunar ("2020-09-17", 2020, 8, FALSE, 1);
  /* The 2028 table: 1st month 26 January, 2nd month 25 February. */
  assert_lunar ("2028-01-26", 2028, 1, FALSE, 1);
  assert_lunar ("2028-02-25", 2028, 2, FALSE, 1);
}

/* The table against facts that hold for any true Chinese calendar,
 * whatever its source. */
static void
test_table_is_consistent (void)
{
  guint n_leap_years = 0;
  guint last_leap_year = 0;

  g_assert_cmpuint (kdx_lunar_n_years, ==, 2100 - 1900 + 1);
  for (guint i = 0; i < kdx_lunar_n_years; i++)
    {
      const KdxLunarYearData *data = &kdx_lunar_years[i];
      guint n_months = strlen (data->lengths);
      guint days = 0;
      GDate start;

      g_test_message ("lunar year %u", data->year);
      g_assert_cmpuint (data->year, ==, 1900 + i);

      /* 正月初一 is the second new moon after the winter solstice: between
       * 21 January and 20 February. */
      g_assert_true (g_date_valid_dmy (data->new_year_day, data->new_year_month, data->year));
      g_assert_cmpuint (data->new_year_month * 100 + data->new_year_day, >=, 121);
      g_assert_cmpuint (data->new_year_month * 100 + data->new_year_day, <=, 220);

      /* 12 months, or 13 with a leap month; each of 29 or 30 days. */
      g_assert_cmpuint (data->leap_month, <=, 12);
      g_assert_cmpuint (n_months, ==, data->leap_month != 0 ? 13 : 12);
      for (guint m = 0; m < n_months; m++)
        {
          g_assert_true (data->lengths[m] == '0' || data->lengths[m] == '1');
          days += data->lengths[m] == '1' ? 30 : 29;
        }
      if (data->leap_month != 0)
        g_assert_true (days >= 383 && days <= 385);
      else
        g_assert_true (days >= 353 && days <= 355);

      /* Each year ends the day before the next begins. */
      g_date_clear (&start, 1);
      g_date_set_dmy (&start, data->new_year_day, data->new_year_month, data->year);
      if (i + 1 < kdx_lunar_n_years)
        {
          const KdxLunarYearData *next = &kdx_lunar_years[i + 1];
          GDate next_start;

          g_date_clear (&next_start, 1);
          g_date_set_dmy (&next_start, next->new_year_day, next->new_year_month, next->year);
          g_assert_cmpint (g_date_days_between (&start, &next_start), ==, days);
        }

      /* Leap months come every second or third year. */
      if (data->leap_month != 0)
        {
          if (last_leap_year != 0)
            g_assert_true (data->year - last_leap_year == 2 || data->year - last_leap_year == 3);
          last_leap_year = data->year;
          n_leap_years++;
        }
    }
  /* Seven leap years in nineteen (the Metonic cycle): 74.05 in 201 years. */
  g_assert_cmpuint (n_leap_years, >=, 73);
  g_assert_cmpuint (n_leap_years, <=, 75);
}

/* Every day of the table converts to lunar and back to itself, the lunar
 * days of a month run from 1 without a gap, and the leap months the days
 * land in are those of the table. */
static void
test_every_day_round_trips (void)
{
  GDate day = date_from_iso ("1900-01-31");
  GDate end = date_from_iso ("2101-01-29");
  KdxLunarDate previous = { 0 };

  while (g_date_compare (&day, &end) < 0)
    {
      g_autoptr(GError) error = NULL;
      KdxLunarDate lunar;
      GDate back;

      if (!kdx_lunar_from_gregorian (&day, &lunar, &error))
        g_error ("%u-%u-%u: %s", g_date_get_year (&day), g_date_get_month (&day),
                 g_date_get_day (&day), error->message);
      g_assert_true (kdx_lunar_to_gregorian (&lunar, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_date_compare (&back, &day), ==, 0);

      if (lunar.day == 1)
        g_assert_true (previous.day == 0 || previous.day == 29 || previous.day == 30);
      else
        g_assert_cmpuint (lunar.day, ==, previous.day + 1);
      if (lunar.is_leap)
        g_assert_cmpint (kdx_lunar_get_leap_month (lunar.year), ==, lunar.month);
      g_assert_cmpuint (lunar.day, <=, kdx_lunar_get_month_days (lunar.year, lunar.month, lunar.is_leap));

      previous = lunar;
      g_date_add_days (&day, 1);
    }
}

/* The table's ends: every Gregorian day of 1901 to 2100 converts (January
 * 1901 still belongs to the lunar year 1900); the days before and after
 * are a clear error. */
static void
test_range_ends (void)
{
  g_autoptr(GError) error = NULL;
  KdxLunarDate lunar;
  GDate day;

  assert_lunar ("1900-01-31", 1900, 1, FALSE, 1);
  assert_lunar ("1901-01-01", 1900, 11, FALSE, 11);
  assert_lunar ("1901-02-19", 1901, 1, FALSE, 1);
  assert_lunar ("2100-02-09", 2100, 1, FALSE, 1);
  assert_lunar ("2100-12-31", 2100, 12, FALSE, 1);
  assert_lunar ("2101-01-28", 2100, 12, FALSE, 29);

  day = date_from_iso ("1900-01-30");
  g_assert_false (kdx_lunar_from_gregorian (&day, &lunar, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "1900-01-30 is outside the Chinese calendar Koldex knows (1900-01-31 to 2101-01-28)");
  g_clear_error (&error);

  day = date_from_iso ("2101-01-29");
  g_assert_false (kdx_lunar_from_gregorian (&day, &lunar, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "2101-01-29 is outside the Chinese calendar Koldex knows (1900-01-31 to 2101-01-28)");
  g_clear_error (&error);

  day = date_from_iso ("1850-06-01");
  g_assert_false (kdx_lunar_from_gregorian (&day, &lunar, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  g_assert_false (kdx_lunar_to_gregorian (&(KdxLunarDate) { 2101, 1, 1, FALSE }, &day, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "Koldex knows the Chinese calendar of the years 1900 to 2100, not of 2101");
  g_clear_error (&error);
  g_assert_false (kdx_lunar_to_gregorian (&(KdxLunarDate) { 1899, 12, 1, FALSE }, &day, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  g_assert_cmpint (kdx_lunar_get_leap_month (1899), ==, -1);
  g_assert_cmpint (kdx_lunar_get_leap_month (2101), ==, -1);
  g_assert_cmpuint (kdx_lunar_get_month_days (2101, 1, FALSE), ==, 0);
}

/* A leap month exists only in its year, and a short month has no 30th. */
static void
test_invalid_lunar_days (void)
{
  g_autoptr(GError) error = NULL;
  GDate day;

  g_assert_cmpint (kdx_lunar_get_leap_month (2025), ==, 6);
  g_assert_cmpint (kdx_lunar_get_leap_month (2026), ==, 0);
  g_assert_cmpint (kdx_lunar_get_leap_month (2033), ==, 11);
  g_assert_cmpuint (kdx_lunar_get_month_days (2025, 6, TRUE), ==, 29);
  g_assert_cmpuint (kdx_lunar_get_month_days (2025, 5, TRUE), ==, 0);

  g_assert_false (kdx_lunar_to_gregorian (&(KdxLunarDate) { 2026, 6, 1, TRUE }, &day, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "The lunar year 2026 has no leap month 6");
  g_clear_error (&error);

  /* 二月 of 2025 has 29 days (二月初一 is 2025-02-28, 三月初一 2025-03-29). */
  assert_lunar ("2025-02-28", 2025, 2, FALSE, 1);
  assert_lunar ("2025-03-29", 2025, 3, FALSE, 1);
  g_assert_false (kdx_lunar_to_gregorian (&(KdxLunarDate) { 2025, 2, 30, FALSE }, &day, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "Month 2 of the lunar year 2025 has 29 days, not 30");
}

static void
test_gregorian_recurrence (void)
{
  /* A yearly date on its month and day; the day itself counts. */
  assert_next ("1990-05-01", TRUE, KDX_CALENDAR_GREGORIAN, "2025-01-01", "2025-05-01");
  assert_next ("1990-05-01", TRUE, KDX_CALENDAR_GREGORIAN, "2025-05-01", "2025-05-01");
  assert_next ("1990-05-01", TRUE, KDX_CALENDAR_GREGORIAN, "2025-05-02", "2026-05-01");
  assert_next ("1990-12-31", TRUE, KDX_CALENDAR_GREGORIAN, "2025-12-31", "2025-12-31");
  assert_next ("1990-01-01", TRUE, KDX_CALENDAR_GREGORIAN, "2025-12-31", "2026-01-01");
  /* 29 February is 28 February in a common year, and itself in a leap
   * year (2100 is none: a century not divisible by 400). */
  assert_next ("1992-02-29", TRUE, KDX_CALENDAR_GREGORIAN, "2025-01-01", "2025-02-28");
  assert_next ("1992-02-29", TRUE, KDX_CALENDAR_GREGORIAN, "2025-03-01", "2026-02-28");
  assert_next ("1992-02-29", TRUE, KDX_CALENDAR_GREGORIAN, "2027-03-01", "2028-02-29");
  assert_next ("1992-02-29", TRUE, KDX_CALENDAR_GREGORIAN, "2028-02-29", "2028-02-29");
  assert_next ("1992-02-29", TRUE, KDX_CALENDAR_GREGORIAN, "2100-01-01", "2100-02-28");
  assert_next ("1992-02-29", TRUE, KDX_CALENDAR_GREGORIAN, "2000-01-01", "2000-02-29");
  /* A series starts on its date: nothing recurs before it. */
  assert_next ("2024-06-01", TRUE, KDX_CALENDAR_GREGORIAN, "2020-01-01", "2024-06-01");
  /* A date that is not yearly occurs once. */
  assert_next ("2025-06-01", FALSE, KDX_CALENDAR_GREGORIAN, "2025-01-01", "2025-06-01");
  assert_next ("2025-06-01", FALSE, KDX_CALENDAR_GREGORIAN, "2025-06-01", "2025-06-01");
  assert_next ("2025-06-01", FALSE, KDX_CALENDAR_GREGORIAN, "2025-06-02", NULL);
  /* Text that is no date has no occurrence. */
  assert_next ("", TRUE, KDX_CALENDAR_GREGORIAN, "2025-01-01", NULL);
  assert_next ("2025-02-30", TRUE, KDX_CALENDAR_GREGORIAN, "2025-01-01", NULL);
  assert_next (NULL, TRUE, KDX_CALENDAR_CHINESE, "2025-01-01", NULL);
}

static void
test_chinese_recurrence (void)
{
  /* Born on 1990-10-03, 八月十五 (Mid-Autumn 1990): the lunar birthday is
   * Mid-Autumn every year. */
  assert_next ("1990-10-03", TRUE, KDX_CALENDAR_CHINESE, "2025-01-01", "2025-10-06");
  assert_next ("1990-10-03", TRUE, KDX_CALENDAR_CHINESE, "2025-10-06", "2025-10-06");
  assert_next ("1990-10-03", TRUE, KDX_CALENDAR_CHINESE, "2025-10-07", "2026-09-25");
  /* 正月初一 (2025-01-29) recurs on the Spring Festivals; a day in January
   * looks at the lunar year that began the year before. */
  assert_next ("2025-01-29", TRUE, KDX_CALENDAR_CHINESE, "2026-01-01", "2026-02-17");
  assert_next ("2025-01-29", TRUE, KDX_CALENDAR_CHINESE, "2026-02-18", "2027-02-06");
  assert_next ("2025-01-29", TRUE, KDX_CALENDAR_CHINESE, "2029-03-01", "2030-02-03");
  /* 腊月廿九 of 2025 (2026-02-16) falls in January or February. */
  assert_next ("2026-02-16", TRUE, KDX_CALENDAR_CHINESE, "2026-03-01", "2027-02-05");
  /* A leap-month date: 闰六月初一 of 2025 (2025-07-25) is itself the first
   * occurrence, then falls back to 六月初一 (2026-07-14). The same for
   * 闰四月初一 of 2020 (2020-05-23; 四月初一 of 2021 is 2021-05-12). */
  assert_lunar ("2025-07-25", 2025, 6, TRUE, 1);
  assert_next ("2025-07-25", TRUE, KDX_CALENDAR_CHINESE, "2025-07-01", "2025-07-25");
  assert_next ("2025-07-25", TRUE, KDX_CALENDAR_CHINESE, "2025-07-26", "2026-07-14");
  assert_next ("2020-05-23", TRUE, KDX_CALENDAR_CHINESE, "2020-06-01", "2021-05-12");
  /* The 30th of a month that is short in the year asked: 二月三十 of 2024
   * (2024-04-08) is 二月廿九 in 2025 (2025-03-28), 二月三十 again in 2027
   * (二月 of 2027 has 30 days: 三月初一 is 2027-04-07). */
  assert_lunar ("2024-04-08", 2024, 2, FALSE, 30);
  assert_next ("2024-04-08", TRUE, KDX_CALENDAR_CHINESE, "2025-01-01", "2025-03-28");
  assert_lunar ("2027-04-06", 2027, 2, FALSE, 30);
  assert_next ("2024-04-08", TRUE, KDX_CALENDAR_CHINESE, "2027-01-01", "2027-04-06");
  /* Once only, as a Gregorian date is. */
  assert_next ("1990-10-03", FALSE, KDX_CALENDAR_CHINESE, "2025-01-01", NULL);
  assert_next ("2025-10-06", FALSE, KDX_CALENDAR_CHINESE, "2025-01-01", "2025-10-06");
  /* Beyond the table, no answer rather than a wrong one. */
  assert_next ("1990-10-03", TRUE, KDX_CALENDAR_CHINESE, "2100-10-01", NULL);
  assert_next ("1850-10-03", TRUE, KDX_CALENDAR_CHINESE, "2025-01-01", NULL);
}

static void
test_festivals (void)
{
  static const struct
  {
    KdxFestival festival;
    const char *id;
    const char *label;
    const char *in_2025;
    const char *in_2026;
  } festivals[] = {
    /* The lunar ones as the State Council's holiday notices and the
     * Hong Kong Observatory's tables give them. */
    { KDX_FESTIVAL_SPRING_FESTIVAL, "spring_festival", "Spring Festival", "2025-01-29", "2026-02-17" },
    { KDX_FESTIVAL_LANTERN, "lantern", "Lantern Festival", "2025-02-12", "2026-03-03" },
    { KDX_FESTIVAL_DRAGON_BOAT, "dragon_boat", "Dragon Boat Festival", "2025-05-31", "2026-06-19" },
    { KDX_FESTIVAL_QIXI, "qixi", "Qixi Festival", "2025-08-29", "2026-08-19" },
    { KDX_FESTIVAL_MID_AUTUMN, "mid_autumn", "Mid-Autumn Festival", "2025-10-06", "2026-09-25" },
    { KDX_FESTIVAL_NATIONAL_DAY, "national_day", "National Day", "2025-10-01", "2026-10-01" },
    { KDX_FESTIVAL_NEW_YEAR, "new_year", "New Year’s Day", "2025-01-01", "2026-01-01" },
    { KDX_FESTIVAL_CHRISTMAS, "christmas", "Christmas", "2025-12-25", "2026-12-25" },
  };

  g_assert_cmpuint (G_N_ELEMENTS (festivals), ==, KDX_N_FESTIVALS);
  for (guint i = 0; i < G_N_ELEMENTS (festivals); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *in_2025 = NULL;
      g_autofree char *in_2026 = NULL;
      g_autofree char *after_2025 = NULL;
      KdxFestival parsed;
      GDate date, from, next;

      g_assert_cmpstr (kdx_festival_to_string (festivals[i].festival), ==, festivals[i].id);
      g_assert_true (kdx_festival_from_string (festivals[i].id, &parsed));
      g_assert_cmpint (parsed, ==, festivals[i].festival);
      g_assert_cmpstr (kdx_festival_get_label (festivals[i].festival), ==, festivals[i].label);

      g_assert_true (kdx_festival_get_date (festivals[i].festival, 2025, &date, &error));
      g_assert_no_error (error);
      in_2025 = iso_from_date (&date);
      g_assert_cmpstr (in_2025, ==, festivals[i].in_2025);
      g_assert_true (kdx_festival_get_date (festivals[i].festival, 2026, &date, &error));
      g_assert_no_error (error);
      in_2026 = iso_from_date (&date);
      g_assert_cmpstr (in_2026, ==, festivals[i].in_2026);

      /* The next one: on its day itself, else the next year's. */
      from = date_from_iso (festivals[i].in_2025);
      next = kdx_festival_next (festivals[i].festival, &from);
      g_assert_cmpint (g_date_compare (&next, &from), ==, 0);
      g_date_add_days (&from, 1);
      next = kdx_festival_next (festivals[i].festival, &from);
      after_2025 = iso_from_date (&next);
      g_assert_cmpstr (after_2025, ==, festivals[i].in_2026);
    }
  g_assert_false (kdx_festival_from_string ("easter", &(KdxFestival) { 0 }));
  g_assert_false (kdx_festival_from_string (NULL, &(KdxFestival) { 0 }));
}

/* The lunar festivals stop where the table does; the Gregorian ones
 * don't need it. */
static void
test_festivals_beyond_table (void)
{
  g_autoptr(GError) error = NULL;
  GDate date, from = date_from_iso ("2100-03-01"), next;
  g_autofree char *christmas = NULL;

  g_assert_false (kdx_festival_get_date (KDX_FESTIVAL_MID_AUTUMN, 2101, &date, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE);
  next = kdx_festival_next (KDX_FESTIVAL_SPRING_FESTIVAL, &from);
  g_assert_false (g_date_valid (&next));
  next = kdx_festival_next (KDX_FESTIVAL_CHRISTMAS, &from);
  christmas = iso_from_date (&next);
  g_assert_cmpstr (christmas, ==, "2100-12-25");
}

/* Festival labels in Chinese, with the translations of the build. */
static void
test_festival_labels_chinese (void)
{
  static const char *const labels[] = {
    "春节", "元宵节", "端午节", "七夕", "中秋节", "国庆节", "元旦", "圣诞节",
  };

  /* tests/meson.build points it at the build's translations. */
  g_assert_nonnull (g_getenv ("KDX_LOCALEDIR"));
  if (g_test_subprocess ())
    {
      for (guint i = 0; i < KDX_N_FESTIVALS; i++)
        g_assert_cmpstr (kdx_festival_get_label (i), ==, labels[i]);
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_setenv ("LANGUAGE", "", TRUE);
  g_test_trap_assert_passed ();
}

static void
test_names (void)
{
  static const struct
  {
    KdxLunarDate date;
    const char  *chinese;
    const char  *english;
  } dates[] = {
    { { 2025, 1, 1, FALSE }, "正月初一", "1st month, day 1" },
    { { 2025, 1, 15, FALSE }, "正月十五", "1st month, day 15" },
    { { 2025, 2, 10, FALSE }, "二月初十", "2nd month, day 10" },
    { { 2025, 3, 20, FALSE }, "三月二十", "3rd month, day 20" },
    { { 2020, 4, 1, TRUE }, "闰四月初一", "leap 4th month, day 1" },
    { { 2025, 8, 15, FALSE }, "八月十五", "8th month, day 15" },
    { { 2025, 10, 11, FALSE }, "十月十一", "10th month, day 11" },
    { { 2025, 11, 21, FALSE }, "冬月廿一", "11th month, day 21" },
    { { 2025, 12, 30, FALSE }, "腊月三十", "12th month, day 30" },
  };
  static const char *const months[] = {
    "正月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "冬月", "腊月",
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *chinese = kdx_lunar_date_format (&dates[i].date, KDX_LUNAR_NAMES_CHINESE);
      g_autofree char *english = kdx_lunar_date_format (&dates[i].date, KDX_LUNAR_NAMES_ENGLISH);

      g_assert_cmpstr (chinese, ==, dates[i].chinese);
      g_assert_cmpstr (english, ==, dates[i].english);
    }
  for (guint m = 1; m <= 12; m++)
    {
      g_autofree char *name = kdx_lunar_month_name (m, FALSE, KDX_LUNAR_NAMES_CHINESE);
      g_autofree char *leap = kdx_lunar_month_name (m, TRUE, KDX_LUNAR_NAMES_CHINESE);
      g_autofree char *expected_leap = g_strconcat ("闰", months[m - 1], NULL);

      g_assert_cmpstr (name, ==, months[m - 1]);
      g_assert_cmpstr (leap, ==, expected_leap);
    }
  /* Thirty distinct day names, 初一 to 三十. */
  {
    g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    g_autofree char *first = kdx_lunar_day_name (1, KDX_LUNAR_NAMES_CHINESE);
    g_autofree char *last = kdx_lunar_day_name (30, KDX_LUNAR_NAMES_CHINESE);
    g_autofree char *english = kdx_lunar_day_name (29, KDX_LUNAR_NAMES_ENGLISH);

    for (guint d = 1; d <= 30; d++)
      g_hash_table_add (seen, kdx_lunar_day_name (d, KDX_LUNAR_NAMES_CHINESE));
    g_assert_cmpuint (g_hash_table_size (seen), ==, 30);
    g_assert_cmpstr (first, ==, "初一");
    g_assert_cmpstr (last, ==, "三十");
    g_assert_cmpstr (english, ==, "day 29");
  }
}

static void
test_calendar_ids (void)
{
  KdxCalendar calendar = KDX_CALENDAR_GREGORIAN;

  g_assert_cmpstr (kdx_calendar_to_string (KDX_CALENDAR_GREGORIAN), ==, "gregorian");
  g_assert_cmpstr (kdx_calendar_to_string (KDX_CALENDAR_CHINESE), ==, "chinese");
  g_assert_true (kdx_calendar_from_string ("chinese", &calendar));
  g_assert_cmpint (calendar, ==, KDX_CALENDAR_CHINESE);
  g_assert_true (kdx_calendar_from_string ("gregorian", &calendar));
  g_assert_cmpint (calendar, ==, KDX_CALENDAR_GREGORIAN);
  g_assert_false (kdx_calendar_from_string ("lunar", &calendar));
  g_assert_false (kdx_calendar_from_string (NULL, &calendar));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  if (g_getenv ("KDX_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KDX_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
    }
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calendar/lunar/known-new-years", test_known_new_years);
  g_test_add_func ("/calendar/lunar/hong-kong-observatory", test_hong_kong_observatory);
  g_test_add_func ("/calendar/lunar/table-is-consistent", test_table_is_consistent);
  g_test_add_func ("/calendar/lunar/every-day-round-trips", test_every_day_round_trips);
  g_test_add_func ("/calendar/lunar/range-ends", test_range_ends);
  g_test_add_func ("/calendar/lunar/invalid-days", test_invalid_lunar_days);
  g_test_add_func ("/calendar/lunar/names", test_names);
  g_test_add_func ("/calendar/next-occurrence/gregorian", test_gregorian_recurrence);
  g_test_add_func ("/calendar/next-occurrence/chinese", test_chinese_recurrence);
  g_test_add_func ("/calendar/festivals/dates", test_festivals);
  g_test_add_func ("/calendar/festivals/beyond-table", test_festivals_beyond_table);
  g_test_add_func ("/calendar/festivals/chinese-labels", test_festival_labels_chinese);
  g_test_add_func ("/calendar/ids", test_calendar_ids);

  return g_test_run ();
}
