/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-festival"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdx-festival.h"
#include "kdx-lunar.h"

typedef struct
{
  const char *id;
  const char *label;
  gboolean    lunar; /* the month and day are of the Chinese calendar */
  guint       month;
  guint       day;
} Festival;

/* In the order of KdxFestival. */
static const Festival festivals[] = {
  { "spring_festival", NC_("festival", "Spring Festival"), TRUE, 1, 1 },
  { "lantern", NC_("festival", "Lantern Festival"), TRUE, 1, 15 },
  { "dragon_boat", NC_("festival", "Dragon Boat Festival"), TRUE, 5, 5 },
  { "qixi", NC_("festival", "Qixi Festival"), TRUE, 7, 7 },
  { "mid_autumn", NC_("festival", "Mid-Autumn Festival"), TRUE, 8, 15 },
  { "national_day", NC_("festival", "National Day"), FALSE, 10, 1 },
  { "new_year", NC_("festival", "New Year’s Day"), FALSE, 1, 1 },
  { "christmas", NC_("festival", "Christmas"), FALSE, 12, 25 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (festivals) == KDX_N_FESTIVALS);

const char *
kdx_festival_to_string (KdxFestival festival)
{
  g_return_val_if_fail (festival < KDX_N_FESTIVALS, NULL);

  return festivals[festival].id;
}

gboolean
kdx_festival_from_string (const char  *text,
                          KdxFestival *festival)
{
  for (guint i = 0; text != NULL && i < KDX_N_FESTIVALS; i++)
    {
      if (g_str_equal (text, festivals[i].id))
        {
          *festival = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* The translated name: 春节, Spring Festival. */
const char *
kdx_festival_get_label (KdxFestival festival)
{
  g_return_val_if_fail (festival < KDX_N_FESTIVALS, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "festival", festivals[festival].label);
}

/* The day of @festival in the Gregorian year @year. The lunar festivals of
 * the lunar year @year all fall in the Gregorian year @year (正月初一 is
 * never before 21 January), so that is the year looked up. Fails outside
 * the years of the lunar table. */
gboolean
kdx_festival_get_date (KdxFestival   festival,
                       guint         year,
                       GDate        *date,
                       GError      **error)
{
  const Festival *f;

  g_return_val_if_fail (festival < KDX_N_FESTIVALS, FALSE);
  g_return_val_if_fail (year >= 1 && year <= 9999, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  f = &festivals[festival];
  if (f->lunar)
    {
      KdxLunarDate lunar = { year, f->month, f->day, FALSE };

      return kdx_lunar_to_gregorian (&lunar, date, error);
    }
  g_date_clear (date, 1);
  g_date_set_dmy (date, f->day, f->month, year);
  return TRUE;
}

/* The first day of @festival on or after @on_or_after; an invalid GDate
 * beyond the lunar table. */
GDate
kdx_festival_next (KdxFestival  festival,
                   const GDate *on_or_after)
{
  GDate date;

  g_date_clear (&date, 1);
  g_return_val_if_fail (on_or_after != NULL && g_date_valid (on_or_after), date);

  for (guint year = g_date_get_year (on_or_after); year <= g_date_get_year (on_or_after) + 1u; year++)
    {
      if (kdx_festival_get_date (festival, year, &date, NULL) && g_date_compare (&date, on_or_after) >= 0)
        return date;
    }
  g_date_clear (&date, 1);
  return date;
}
