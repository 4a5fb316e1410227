/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-insights-bench"

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "kdx-insights.h"
#include "kdx-store.h"

/* kdx-insights-bench DATABASE YYYY-MM-DD: times a full Insights refresh
 * (every section, kdx_insights_compute()) over all time, this year and
 * this month of the given day, as the view does on a change. Each is run
 * three times on an open store (the app keeps one open); the best run is
 * printed, in wall-clock and CPU milliseconds, since the machine is
 * shared. For build-aux/bench (issue 11, item 5: under 200 ms). */

int
main (int    argc,
      char **argv)
{
  static const struct { KdxInsightsPeriodKind kind; const char *name; } periods[] = {
    { KDX_INSIGHTS_PERIOD_ALL_TIME, "all time" },
    { KDX_INSIGHTS_PERIOD_THIS_YEAR, "this year" },
    { KDX_INSIGHTS_PERIOD_THIS_MONTH, "this month" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = NULL;
  GDate today;
  guint year, month, day;

  if (argc != 3 || sscanf (argv[2], "%4u-%2u-%2u", &year, &month, &day) != 3
      || !g_date_valid_dmy (day, month, year))
    {
      g_printerr ("usage: kdx-insights-bench DATABASE YYYY-MM-DD\n");
      return 1;
    }
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, day, month, year);
  if ((store = kdx_store_open (argv[1], &error)) == NULL)
    {
      g_printerr ("kdx-insights-bench: %s\n", error->message);
      return 1;
    }

  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    {
      g_autoptr(KdxInsightsPeriod) period = kdx_insights_period_new (periods[p].kind, &today);
      double best_wall = G_MAXDOUBLE, best_cpu = G_MAXDOUBLE;

      for (int run = 0; run < 3; run++)
        {
          gint64 start = g_get_monotonic_time ();
          clock_t cpu = clock ();
          g_autoptr(KdxInsights) insights = kdx_insights_compute (store, period, NULL, NULL,
                                                                  &error);
          if (insights == NULL)
            {
              g_printerr ("kdx-insights-bench: %s\n", error->message);
              return 1;
            }
          best_wall = MIN (best_wall, (g_get_monotonic_time () - start) / 1000.0);
          best_cpu = MIN (best_cpu, (clock () - cpu) * 1000.0 / CLOCKS_PER_SEC);
        }
      g_print ("%s %.0f %.0f\n", periods[p].name, best_wall, best_cpu);
    }
  return 0;
}
