/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "kdx-insights.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* Insights give the same numbers on both engines (issue 14, item 7): a
 * file the generator filled and its copy on the test server, every
 * chart, bar for bar, and the stuck KOLs, for each kind of period, with
 * and without a filter. The local months and weeks are each engine's own
 * SQL (the backend's local_month_sql, local_week_sql), so a time near a
 * month's turn or a week's must land in the same bar on both. Runs in the
 * pg suite only: it needs the server. */

#define N_KOLS 400
#define N_EVENTS 4000

static gboolean
same_double (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || fabs (a - b) < 1e-6;
}

static void
assert_same_bar (KdxInsightsChartId    chart,
                 const KdxInsightsBar *file,
                 const KdxInsightsBar *server)
{
  g_assert_cmpstr (server->key, ==, file->key);
  g_assert_cmpstr (server->value_text, ==, file->value_text);
  if (server->count != file->count || server->part != file->part
      || server->attempts != file->attempts || !same_double (server->value, file->value)
      || !same_double (server->p90, file->p90) || !same_double (server->ratio, file->ratio))
    g_error ("chart %d, bar %s: the server counts %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
             "/%" G_GINT64_FORMAT " (%g), the file %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
             "/%" G_GINT64_FORMAT " (%g)",
             chart, file->key, server->count, server->part, server->attempts, server->value,
             file->count, file->part, file->attempts, file->value);
}

/* Compares every chart; returns how many bars counted any KOL. */
static guint
assert_same_insights (KdxInsights *file,
                      KdxInsights *server)
{
  GPtrArray *file_stuck = kdx_insights_get_stuck (file);
  GPtrArray *server_stuck = kdx_insights_get_stuck (server);
  guint counted = 0;

  for (guint c = 0; c < KDX_INSIGHTS_N_CHARTS; c++)
    {
      KdxInsightsChart *a = kdx_insights_get_chart (file, c);
      KdxInsightsChart *b = kdx_insights_get_chart (server, c);

      g_assert_cmpuint (b->bars->len, ==, a->bars->len);
      g_assert_cmpint (b->not_recorded, ==, a->not_recorded);
      for (guint i = 0; i < a->bars->len; i++)
        {
          KdxInsightsBar *bar = g_ptr_array_index (a->bars, i);

          assert_same_bar (c, bar, g_ptr_array_index (b->bars, i));
          counted += bar->count > 0;
        }
    }
  g_assert_cmpuint (server_stuck->len, ==, file_stuck->len);
  for (guint i = 0; i < file_stuck->len; i++)
    {
      KdxInsightsStuck *a = g_ptr_array_index (file_stuck, i);
      KdxInsightsStuck *b = g_ptr_array_index (server_stuck, i);

      g_assert_cmpint (b->id, ==, a->id);
      g_assert_cmpint (b->stage, ==, a->stage);
      g_assert_true (same_double (b->days, a->days));
    }
  return counted;
}

static void
test_same_numbers (void)
{
  static const KdxInsightsPeriodKind kinds[] = {
    KDX_INSIGHTS_PERIOD_ALL_TIME, KDX_INSIGHTS_PERIOD_THIS_YEAR,
    KDX_INSIGHTS_PERIOD_THIS_QUARTER, KDX_INSIGHTS_PERIOD_THIS_MONTH,
    KDX_INSIGHTS_PERIOD_LAST_MONTH,
  };
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = kdx_test_generate_database (dir, N_KOLS, N_EVENTS);
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autoptr(KdxInsightsFilter) head = kdx_insights_filter_new ();
  const KdxInsightsFilter *filters[] = { NULL, head };
  g_autoptr(KdxStore) file = NULL;
  g_autoptr(KdxStore) server = NULL;
  g_autoptr(GError) error = NULL;
  guint counted = 0;
  GDate today;

  file = kdx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (kdx_store_copy_to (file, uri, &error));
  g_assert_no_error (error);
  server = kdx_store_open (uri, &error);
  g_assert_no_error (error);

  head->tier = KDX_TIER_HEAD;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 31, 12, 2025);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
      {
        g_autoptr(KdxInsightsPeriod) period = kdx_insights_period_new (kinds[k], &today);
        g_autoptr(KdxInsights) on_file = kdx_insights_compute (file, period, filters[f], NULL, &error);
        g_autoptr(KdxInsights) on_server = NULL;

        g_assert_no_error (error);
        on_server = kdx_insights_compute (server, period, filters[f], NULL, &error);
        g_assert_no_error (error);
        counted += assert_same_insights (on_file, on_server);
      }
  /* Not a comparison of empty charts: the generated KOLs moved, were
   * approached and paid. */
  g_assert_cmpuint (counted, >=, 100);

  g_clear_object (&file);
  kdx_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/insights/engines/same-numbers", test_same_numbers);
  return g_test_run ();
}
