/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The festivals operators greet KOLs on. The string ids are stable: they
 * name the festivals in settings and in `koldex-cli due --json`. */
typedef enum
{
  KDX_FESTIVAL_SPRING_FESTIVAL, /* 春节, 正月初一 */
  KDX_FESTIVAL_LANTERN,         /* 元宵节, 正月十五 */
  KDX_FESTIVAL_DRAGON_BOAT,     /* 端午节, 五月初五 */
  KDX_FESTIVAL_QIXI,            /* 七夕, 七月初七 */
  KDX_FESTIVAL_MID_AUTUMN,      /* 中秋节, 八月十五 */
  KDX_FESTIVAL_NATIONAL_DAY,    /* 国庆节, 10-01 */
  KDX_FESTIVAL_NEW_YEAR,        /* 元旦, 01-01 */
  KDX_FESTIVAL_CHRISTMAS,       /* 圣诞节, 12-25 */
} KdxFestival;

#define KDX_N_FESTIVALS (KDX_FESTIVAL_CHRISTMAS + 1)

const char *kdx_festival_to_string   (KdxFestival  festival);
gboolean    kdx_festival_from_string (const char  *text,
                                      KdxFestival *festival);
const char *kdx_festival_get_label   (KdxFestival  festival);

gboolean    kdx_festival_get_date    (KdxFestival  festival,
                                      guint        year,
                                      GDate       *date,
                                      GError     **error);
GDate       kdx_festival_next        (KdxFestival  festival,
                                      const GDate *on_or_after);

G_END_DECLS
