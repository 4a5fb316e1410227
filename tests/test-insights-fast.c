/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "kdx-insights.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* Insights counted in C rather than by grouping each chart's pairs query
 * (issue 11, item 5): every bar must still hold exactly the KOLs its
 * drill-down lists, which the pairs queries give, on the generator's data
 * (the bench's), for each kind of period, with and without a filter. */

#define N_KOLS 400
#define N_EVENTS 4000

typedef struct
{
  char     *dir;
  char     *path;
  KdxStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = kdx_test_make_tmp_dir ();
  fixture->path = kdx_test_generate_database (fixture->dir, N_KOLS, N_EVENTS);
  fixture->store = kdx_store_open (fixture->path, &error);
  g_assert_no_error (error);
  /* Against PostgreSQL (KOLDEX_TEST_BACKEND=pg), Insights are computed on
   * a copy of the generated file on the test server, and the file itself
   * stays to compare with. */
  if (kdx_test_on_pg ())
    {
      g_autofree char *uri = kdx_test_pg_make_database ();

      g_assert_true (kdx_store_copy_to (fixture->store, uri, &error));
      g_assert_no_error (error);
      g_clear_object (&fixture->store);
      fixture->store = kdx_store_open (uri, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  kdx_test_remove_database (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Every bar of @chart counts the KOLs of its drill-down; returns how many
 * KOLs the chart's bars hold in all. */
static gint64
assert_chart_matches_drill_down (KdxStore                *store,
                                 const KdxInsightsPeriod *period,
                                 const KdxInsightsFilter *filter,
                                 KdxInsights             *insights,
                                 KdxInsightsChartId       id)
{
  KdxInsightsChart *chart = kdx_insights_get_chart (insights, id);
  gint64 total = 0;

  for (guint i = 0; i < chart->bars->len; i++)
    {
      KdxInsightsBar *bar = g_ptr_array_index (chart->bars, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = kdx_insights_bar_ids (store, period, filter, id, bar->key, &error);

      g_assert_no_error (error);
      if (bar->count != (gint64) ids->len)
        g_error ("chart %d, bar %s: %" G_GINT64_FORMAT " KOLs counted, %u listed",
                 id, bar->key, bar->count, ids->len);
      total += bar->count;
    }
  return total;
}

static void
test_funnel_matches_drill_down (Fixture       *fixture,
                                gconstpointer  data)
{
  static const KdxInsightsPeriodKind kinds[] = {
    KDX_INSIGHTS_PERIOD_ALL_TIME, KDX_INSIGHTS_PERIOD_THIS_YEAR,
    KDX_INSIGHTS_PERIOD_THIS_QUARTER, KDX_INSIGHTS_PERIOD_THIS_MONTH,
  };
  g_autoptr(KdxInsightsFilter) head = kdx_insights_filter_new ();
  const KdxInsightsFilter *filters[] = { NULL, head };
  gint64 reached_all_time = 0;
  GDate today;

  head->tier = KDX_TIER_HEAD;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 31, 12, 2025);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
      {
        g_autoptr(KdxInsightsPeriod) period = kdx_insights_period_new (kinds[k], &today);
        g_autoptr(GError) error = NULL;
        g_autoptr(KdxInsights) insights =
          kdx_insights_compute (fixture->store, period, filters[f], NULL, &error);
        KdxInsightsChart *funnel;
        gint64 total;

        g_assert_no_error (error);
        funnel = kdx_insights_get_chart (insights, KDX_INSIGHTS_FUNNEL);
        /* Every step is shown, reached or not. */
        g_assert_cmpuint (funnel->bars->len, ==, 8);
        total = assert_chart_matches_drill_down (fixture->store, period, filters[f], insights,
                                                 KDX_INSIGHTS_FUNNEL);
        /* Each step no wider than the one before it. */
        for (guint i = 1; i < 6; i++)
          g_assert_cmpint (((KdxInsightsBar *) g_ptr_array_index (funnel->bars, i))->count, <=,
                           ((KdxInsightsBar *) g_ptr_array_index (funnel->bars, i - 1))->count);
        if (kinds[k] == KDX_INSIGHTS_PERIOD_ALL_TIME && filters[f] == NULL)
          reached_all_time = total;
      }
  /* The generated KOLs did move: the comparison was not of empty charts. */
  g_assert_cmpint (reached_all_time, >=, N_KOLS);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median and 90th percentile of each stage's stays, picked out
 * without sorting, are those of the stays sorted, read here straight
 * from the stays the store keeps, all time up to 31 December 2025 in
 * Beijing time (its end: 2025-12-31T16:00:00Z). */
static void
test_time_in_stage_matches_sorted (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(KdxInsightsPeriod) period = NULL;
  g_autoptr(KdxInsights) insights = NULL;
  g_autoptr(GError) error = NULL;
  KdxInsightsChart *chart;
  sqlite3 *db;
  GDate today;
  guint checked = 0;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 31, 12, 2025);
  period = kdx_insights_period_new (KDX_INSIGHTS_PERIOD_ALL_TIME, &today);
  insights = kdx_insights_compute (fixture->store, period, NULL, NULL, &error);
  g_assert_no_error (error);
  chart = kdx_insights_get_chart (insights, KDX_INSIGHTS_TIME_IN_STAGE);

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < chart->bars->len; i++)
    {
      KdxInsightsBar *bar = g_ptr_array_index (chart->bars, i);
      g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (double));
      sqlite3_stmt *stmt;

      g_assert_cmpint (sqlite3_prepare_v2 (db,
        "SELECT CASE WHEN left_at IS NOT NULL AND left_at < '2025-12-31T16:00:00Z'"
        "  THEN julianday (left_at) ELSE julianday ('2025-12-31T16:00:00Z') END - julianday (at)"
        " FROM stage_stay WHERE stage = ? AND at < '2025-12-31T16:00:00Z'",
        -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, bar->key, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          double value = sqlite3_column_double (stmt, 0);
          g_array_append_val (days, value);
        }
      sqlite3_finalize (stmt);
      g_array_sort (days, compare_doubles);

      g_assert_cmpint (bar->count, ==, days->len);
      if (days->len == 0)
        continue;
      g_assert_cmpfloat_with_epsilon (bar->value,
                                      kdx_insights_median ((double *) days->data, days->len),
                                      1e-6);
      g_assert_cmpfloat_with_epsilon (bar->p90,
                                      kdx_insights_percentile ((double *) days->data,
                                                               days->len, 0.9),
                                      1e-6);
      checked++;
    }
  sqlite3_close (db);
  /* Candidates, contacting and the rest: not an empty comparison. */
  g_assert_cmpuint (checked, >=, 5);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/insights-fast/funnel-matches-drill-down", Fixture, NULL,
              fixture_set_up, test_funnel_matches_drill_down, fixture_tear_down);
  g_test_add ("/insights-fast/time-in-stage-matches-sorted", Fixture, NULL,
              fixture_set_up, test_time_in_stage_matches_sorted, fixture_tear_down);
  return g_test_run ();
}
