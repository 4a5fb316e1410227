/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Chinese lunar calendar as data, one entry per lunar year from the
 * first to the last in order (kdx-lunar-table.c, written by
 * build-aux/make-lunar-table). Only kdx-lunar.c and the tests read it. */

typedef struct
{
  guint16    year;          /* the lunar year, named by the Gregorian year it starts in */
  guint8     new_year_month; /* the Gregorian month and day of 正月初一 */
  guint8     new_year_day;
  guint8     leap_month;    /* 0 = none; else the leap month follows this month */
  const char lengths[14];   /* each month in order, leap month in place: '1' = 30 days, '0' = 29 */
} KdxLunarYearData;

extern const KdxLunarYearData kdx_lunar_years[];
extern const guint            kdx_lunar_n_years;

G_END_DECLS
