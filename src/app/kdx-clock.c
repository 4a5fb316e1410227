/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-clock"

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "kdx-clock.h"

GDate
kdx_clock_today (void)
{
  static GDate fixed;
  static gsize checked = 0;
  GDate today;

  if (g_once_init_enter (&checked))
    {
      const char *text = g_getenv ("KOLDEX_TODAY");

      g_date_clear (&fixed, 1);
      if (text != NULL && *text != '\0')
        {
          int year, month, day;

          if (sscanf (text, "%4d-%2d-%2d", &year, &month, &day) == 3
              && g_date_valid_dmy (day, month, year))
            g_date_set_dmy (&fixed, day, month, year);
          else
            g_warning ("KOLDEX_TODAY=%s is not a date like 2026-03-01; using the real date", text);
        }
      g_once_init_leave (&checked, 1);
    }

  if (g_date_valid (&fixed))
    return fixed;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  return today;
}
