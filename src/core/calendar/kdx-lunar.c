/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-lunar"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdx-error.h"
#include "kdx-lunar-table.h"
#include "kdx-lunar.h"

/* Days are counted as GDate's Julian days (1 = 1 January of the year 1), so
 * a lunar year is its first day plus the lengths of its months. */

static const char *const chinese_months[] = {
  "正月", "二月", "三月", "四月", "五月", "六月",
  "七月", "八月", "九月", "十月", "冬月", "腊月",
};

static const char *const chinese_days[] = {
  "初一", "初二", "初三", "初四", "初五", "初六", "初七", "初八", "初九", "初十",
  "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
  "廿一", "廿二", "廿三", "廿四", "廿五", "廿六", "廿七", "廿八", "廿九", "三十",
};

static const KdxLunarYearData *
find_year (guint year)
{
  guint first = kdx_lunar_years[0].year;

  if (year < first || year - first >= kdx_lunar_n_years)
    return NULL;
  return &kdx_lunar_years[year - first];
}

static guint32
year_start (const KdxLunarYearData *data)
{
  GDate start;

  g_date_clear (&start, 1);
  g_date_set_dmy (&start, data->new_year_day, data->new_year_month, data->year);
  return g_date_get_julian (&start);
}

static guint
n_months (const KdxLunarYearData *data)
{
  return data->leap_month != 0 ? 13 : 12;
}

static guint
month_length (const KdxLunarYearData *data,
              guint                   index)
{
  return data->lengths[index] == '1' ? 30 : 29;
}

static guint
year_length (const KdxLunarYearData *data)
{
  guint days = 0;

  for (guint i = 0; i < n_months (data); i++)
    days += month_length (data, i);
  return days;
}

/* Where a month is in its year's list: a leap month and every month after
 * it sit one place later than their number says. */
static int
month_index (const KdxLunarYearData *data,
             guint                   month,
             gboolean                is_leap)
{
  guint leap = data->leap_month;

  if (month < 1 || month > 12 || (is_leap && month != leap))
    return -1;
  if (leap != 0 && (month > leap || is_leap))
    return month;
  return month - 1;
}

static char *
format_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static void
set_julian (GDate   *date,
            guint32  julian)
{
  g_date_clear (date, 1);
  g_date_set_julian (date, julian);
}

static void
set_outside_error (const GDate  *date,
                   GError      **error)
{
  const KdxLunarYearData *last = &kdx_lunar_years[kdx_lunar_n_years - 1];
  GDate first_day, last_day;
  g_autofree char *text = format_iso (date);
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;

  set_julian (&first_day, year_start (&kdx_lunar_years[0]));
  set_julian (&last_day, year_start (last) + year_length (last) - 1);
  first_text = format_iso (&first_day);
  last_text = format_iso (&last_day);
  g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
               /* Translators: a date, then the first and last days Koldex can convert */
               _("%s is outside the Chinese calendar Koldex knows (%s to %s)"),
               text, first_text, last_text);
}

gboolean
kdx_lunar_from_gregorian (const GDate   *date,
                          KdxLunarDate  *lunar,
                          GError       **error)
{
  const KdxLunarYearData *data;
  guint32 julian;
  guint offset;
  guint leap;

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (lunar != NULL, FALSE);

  /* A lunar year starts in its Gregorian year's January or February, so a
   * day belongs to the lunar year of its own Gregorian year or the one
   * before. */
  julian = g_date_get_julian (date);
  data = find_year (g_date_get_year (date));
  if (data == NULL && g_date_get_year (date) > kdx_lunar_years[0].year)
    data = &kdx_lunar_years[kdx_lunar_n_years - 1];
  if (data != NULL && julian < year_start (data))
    data = find_year (data->year - 1);
  if (data == NULL || julian >= year_start (data) + year_length (data))
    {
      set_outside_error (date, error);
      return FALSE;
    }

  offset = julian - year_start (data);
  leap = data->leap_month;
  for (guint i = 0; i < n_months (data); i++)
    {
      if (offset < month_length (data, i))
        {
          lunar->year = data->year;
          lunar->month = (leap == 0 || i < leap) ? i + 1 : i;
          lunar->is_leap = leap != 0 && i == leap;
          lunar->day = offset + 1;
          return TRUE;
        }
      offset -= month_length (data, i);
    }
  g_assert_not_reached ();
}

gboolean
kdx_lunar_to_gregorian (const KdxLunarDate  *lunar,
                        GDate               *date,
                        GError             **error)
{
  const KdxLunarYearData *data;
  guint32 julian;
  int index;

  g_return_val_if_fail (lunar != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);
  g_return_val_if_fail (lunar->month >= 1 && lunar->month <= 12, FALSE);
  g_return_val_if_fail (lunar->day >= 1 && lunar->day <= 30, FALSE);

  data = find_year (lunar->year);
  if (data == NULL)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                   _("Koldex knows the Chinese calendar of the years %u to %u, not of %u"),
                   kdx_lunar_years[0].year, kdx_lunar_years[kdx_lunar_n_years - 1].year,
                   lunar->year);
      return FALSE;
    }
  index = month_index (data, lunar->month, lunar->is_leap);
  if (index < 0)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                   _("The lunar year %u has no leap month %u"), lunar->year, lunar->month);
      return FALSE;
    }
  if (lunar->day > month_length (data, index))
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                   _("Month %u of the lunar year %u has 29 days, not 30"), lunar->month,
                   lunar->year);
      return FALSE;
    }

  julian = year_start (data) + lunar->day - 1;
  for (int i = 0; i < index; i++)
    julian += month_length (data, i);
  set_julian (date, julian);
  return TRUE;
}

int
kdx_lunar_get_leap_month (guint year)
{
  const KdxLunarYearData *data = find_year (year);

  return data != NULL ? data->leap_month : -1;
}

guint
kdx_lunar_get_month_days (guint    year,
                          guint    month,
                          gboolean is_leap)
{
  const KdxLunarYearData *data = find_year (year);
  int index;

  if (data == NULL)
    return 0;
  index = month_index (data, month, is_leap);
  return index >= 0 ? month_length (data, index) : 0;
}

/* English ordinals for the twelve months: 1st, 2nd, 3rd, 4th ... 12th. */
static const char *
ordinal_suffix (guint n)
{
  if (n % 100 >= 11 && n % 100 <= 13)
    return "th";
  switch (n % 10)
    {
    case 1:
      return "st";
    case 2:
      return "nd";
    case 3:
      return "rd";
    default:
      return "th";
    }
}

char *
kdx_lunar_month_name (guint         month,
                      gboolean      is_leap,
                      KdxLunarNames names)
{
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);

  if (names == KDX_LUNAR_NAMES_CHINESE)
    return g_strconcat (is_leap ? "闰" : "", chinese_months[month - 1], NULL);
  return g_strdup_printf ("%s%u%s month", is_leap ? "leap " : "", month, ordinal_suffix (month));
}

char *
kdx_lunar_day_name (guint         day,
                    KdxLunarNames names)
{
  g_return_val_if_fail (day >= 1 && day <= 30, NULL);

  if (names == KDX_LUNAR_NAMES_CHINESE)
    return g_strdup (chinese_days[day - 1]);
  return g_strdup_printf ("day %u", day);
}

/* "闰四月初一" or "leap 4th month, day 1": a month and day without the
 * year, as a recurring date is named. */
char *
kdx_lunar_date_format (const KdxLunarDate *lunar,
                       KdxLunarNames       names)
{
  g_autofree char *month = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (lunar != NULL, NULL);

  month = kdx_lunar_month_name (lunar->month, lunar->is_leap, names);
  day = kdx_lunar_day_name (lunar->day, names);
  if (month == NULL || day == NULL)
    return NULL;
  return g_strconcat (month, names == KDX_LUNAR_NAMES_CHINESE ? "" : ", ", day, NULL);
}
