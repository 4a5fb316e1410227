/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Chinese lunar calendar (农历), from a table of the lunar years 1900 to
 * 2100: every Gregorian day from 1900-01-31 to 2101-01-28, so all of 1901 to
 * 2100. Days outside it are an error (KDX_ERROR_INVALID_VALUE) that says
 * which days Koldex knows. */

typedef struct
{
  guint    year;    /* named by the Gregorian year in which its 正月初一 falls */
  guint    month;   /* 1 (正月) to 12 (腊月) */
  guint    day;     /* 1 (初一) to 30 (三十) */
  gboolean is_leap; /* a leap month (闰月), after the ordinary month @month */
} KdxLunarDate;

/* How lunar months and days are named: in Chinese (闰四月初一), whatever
 * the language of the interface, or in English (leap 4th month, day 1). */
typedef enum
{
  KDX_LUNAR_NAMES_CHINESE,
  KDX_LUNAR_NAMES_ENGLISH,
} KdxLunarNames;

gboolean kdx_lunar_from_gregorian  (const GDate        *date,
                                    KdxLunarDate       *lunar,
                                    GError            **error);
gboolean kdx_lunar_to_gregorian    (const KdxLunarDate *lunar,
                                    GDate              *date,
                                    GError            **error);

/* The leap month of a lunar year (0 = none; -1 outside the table) and the
 * length of one of its months (29 or 30; 0 when there is no such month). */
int      kdx_lunar_get_leap_month  (guint               year);
guint    kdx_lunar_get_month_days  (guint               year,
                                    guint               month,
                                    gboolean            is_leap);

char    *kdx_lunar_month_name      (guint               month,
                                    gboolean            is_leap,
                                    KdxLunarNames       names);
char    *kdx_lunar_day_name        (guint               day,
                                    KdxLunarNames       names);
char    *kdx_lunar_date_format     (const KdxLunarDate *lunar,
                                    KdxLunarNames       names);

G_END_DECLS
