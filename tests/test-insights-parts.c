/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "kdx-insights.h"
#include "kdx-store-insights-private.h"
#include "kdx-test-insights.h"
#include "kdx-test-util.h"

/* A refresh split in parts of the KOLs, each on a connection and thread
 * of its own (issue 11, item 5: the wait on the clock), gives exactly
 * the numbers of one part: every bar (its key, place, counts, amounts,
 * texts), time in stage's medians and 90th percentiles, the stuck KOLs,
 * the totals and the churn median, on the generator's data, for each
 * kind of period, with and without a filter, in 2, 3 and 7 parts. And a
 * writer holding the lock leaves a refresh its numbers (it is then done
 * in one part). The charts of the one pass over the KOLs (the mix, the
 * fees, the pace, the churn: read beside the KOL rows since the
 * onboarded and the departed were folded into it) count exactly the
 * KOLs of their drill-downs, and the churn median is that of the days
 * the store's SQL gives. */

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

static KdxInsights *
compute (KdxStore                *store,
         const KdxInsightsPeriod *period,
         const KdxInsightsFilter *filter,
         guint                    n_parts)
{
  g_autoptr(GError) error = NULL;
  KdxInsights *insights = _kdx_insights_compute_in (store, period, filter, NULL, n_parts, &error);

  g_assert_no_error (error);
  g_assert_nonnull (insights);
  return insights;
}

/* Every bar of @id counts the KOLs its drill-down lists, in the
 * chart's order. */
static void
assert_bars_match_drill_down (KdxStore                *store,
                              const KdxInsightsPeriod *period,
                              const KdxInsightsFilter *filter,
                              KdxInsights             *insights,
                              KdxInsightsChartId       id)
{
  KdxInsightsChart *chart = kdx_insights_get_chart (insights, id);

  for (guint i = 0; i < chart->bars->len; i++)
    {
      KdxInsightsBar *bar = g_ptr_array_index (chart->bars, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = kdx_insights_bar_ids (store, period, filter, id, bar->key, &error);

      g_assert_no_error (error);
      if (bar->count != (gint64) ids->len)
        g_error ("chart %d, bar %s: %" G_GINT64_FORMAT " KOLs counted, %u listed",
                 id, bar->key, bar->count, ids->len);
      if (i > 0 && (id == KDX_INSIGHTS_CHURN_BY_REASON || id == KDX_INSIGHTS_MIX_PLATFORM))
        g_assert_cmpint (((KdxInsightsBar *) g_ptr_array_index (chart->bars, i - 1))->count, >=,
                         bar->count);
      else if (i > 0 && id != KDX_INSIGHTS_CHURN_BY_TIER && id != KDX_INSIGHTS_MIX_TIER)
        g_assert_cmpstr (((KdxInsightsBar *) g_ptr_array_index (chart->bars, i - 1))->key, <,
                         bar->key);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The churn median of all time, from the days between each departed
 * KOL's last departure and its first move to Onboarding before it. */
static double
churn_median_of_sql (const char *path)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT julianday (d.at) - julianday ((SELECT min (o.at) FROM stage_history o"
    "  WHERE o.kol_id = d.kol_id AND o.stage = 'onboarding' AND o.at <= d.at)) AS days"
    " FROM (SELECT kol_id, max (at) AS at FROM stage_history WHERE stage = 'departed'"
    "       GROUP BY kol_id) d WHERE days IS NOT NULL",
    -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double value = sqlite3_column_double (stmt, 0);
      g_array_append_val (days, value);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (days->len, >, 0);
  g_array_sort (days, compare_doubles);
  return kdx_insights_median ((double *) days->data, days->len);
}

static void
test_kol_pass_matches_drill_down (Fixture       *fixture,
                                  gconstpointer  data)
{
  static const KdxInsightsPeriodKind kinds[] = {
    KDX_INSIGHTS_PERIOD_ALL_TIME, KDX_INSIGHTS_PERIOD_THIS_YEAR, KDX_INSIGHTS_PERIOD_THIS_MONTH,
  };
  static const KdxInsightsChartId charts[] = {
    KDX_INSIGHTS_PACE_CANDIDATES, KDX_INSIGHTS_PACE_ONBOARDED, KDX_INSIGHTS_CHURN_BY_REASON,
    KDX_INSIGHTS_CHURN_BY_SOURCE, KDX_INSIGHTS_CHURN_BY_TIER, KDX_INSIGHTS_MIX_TIER,
    KDX_INSIGHTS_MIX_PLATFORM, KDX_INSIGHTS_MIX_SOURCE, KDX_INSIGHTS_COST_FEES_BY_PLAN,
  };
  g_autoptr(KdxInsightsFilter) head = kdx_insights_filter_new ();
  const KdxInsightsFilter *filters[] = { NULL, head };
  GDate today;

  head->tier = KDX_TIER_HEAD;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 31, 12, 2025);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
      {
        g_autoptr(KdxInsightsPeriod) period = kdx_insights_period_new (kinds[k], &today);
        g_autoptr(KdxInsights) insights = compute (fixture->store, period, filters[f], 1);

        for (guint c = 0; c < G_N_ELEMENTS (charts); c++)
          assert_bars_match_drill_down (fixture->store, period, filters[f], insights, charts[c]);
        if (kinds[k] == KDX_INSIGHTS_PERIOD_ALL_TIME && filters[f] == NULL)
          {
            gint64 departed;
            double median;

            kdx_insights_get_churn (insights, &departed, &median);
            g_assert_cmpint (departed, >, 0);
            g_assert_cmpfloat (median, ==, churn_median_of_sql (fixture->path));
            /* Not empty: KOLs were onboarded. */
            g_assert_cmpuint (kdx_insights_get_chart (insights, KDX_INSIGHTS_PACE_ONBOARDED)->bars->len,
                              >, 0);
          }
      }
}

static void
test_parts_give_the_same (Fixture       *fixture,
                          gconstpointer  data)
{
  static const KdxInsightsPeriodKind kinds[] = {
    KDX_INSIGHTS_PERIOD_ALL_TIME, KDX_INSIGHTS_PERIOD_THIS_YEAR,
    KDX_INSIGHTS_PERIOD_THIS_QUARTER, KDX_INSIGHTS_PERIOD_THIS_MONTH,
  };
  static const guint n_parts[] = { 2, 3, 7 };
  g_autoptr(KdxInsightsFilter) head = kdx_insights_filter_new ();
  const KdxInsightsFilter *filters[] = { NULL, head };
  gint64 approached = 0;
  GDate today;

  head->tier = KDX_TIER_HEAD;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 31, 12, 2025);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
      {
        g_autoptr(KdxInsightsPeriod) period = kdx_insights_period_new (kinds[k], &today);
        g_autoptr(KdxInsights) whole = compute (fixture->store, period, filters[f], 1);

        for (guint n = 0; n < G_N_ELEMENTS (n_parts); n++)
          {
            g_autoptr(KdxInsights) parts = compute (fixture->store, period, filters[f],
                                                    n_parts[n]);
            kdx_test_assert_same_insights (whole, parts, FALSE);
          }
        if (kinds[k] == KDX_INSIGHTS_PERIOD_ALL_TIME && filters[f] == NULL)
          {
            kdx_insights_get_outreach (whole, NULL, &approached, NULL, NULL);
            /* Not an empty comparison: KOLs were approached, some stuck. */
            g_assert_cmpint (approached, >, N_KOLS / 4);
            g_assert_cmpuint (kdx_insights_get_stuck (whole)->len, >, 0);
          }
      }
}

/* Another connection (another Koldex) holds the write lock: the refresh
 * does not wait for it, and gives the same numbers in one part. Then,
 * the lock let go, the KOL it added is counted. */
static void
test_writer_holding_the_lock (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) writer = kdx_store_open (fixture->path, &error);
  g_autoptr(KdxInsightsPeriod) period = NULL;
  g_autoptr(KdxInsights) before = NULL;
  g_autoptr(KdxInsights) during = NULL;
  g_autoptr(KdxInsights) after = NULL;
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  GDate today;

  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 31, 12, 2025);
  period = kdx_insights_period_new (KDX_INSIGHTS_PERIOD_ALL_TIME, &today);
  before = compute (fixture->store, period, NULL, 1);

  g_assert_true (kdx_store_begin_batch (writer, &error));
  g_assert_no_error (error);
  g_object_set (kol, "display-name", "新人", "stage", KDX_STAGE_ONBOARDING, NULL);
  g_assert_true (kdx_store_add_kol (writer, kol, &error));
  g_assert_no_error (error);
  during = compute (fixture->store, period, NULL, 3);
  kdx_test_assert_same_insights (before, during, FALSE);
  g_assert_true (kdx_store_commit_batch (writer, &error));
  g_assert_no_error (error);

  after = compute (fixture->store, period, NULL, 3);
  {
    KdxInsightsChart *x = kdx_insights_get_chart (before, KDX_INSIGHTS_COST_PER_ACTIVE);
    KdxInsightsChart *y = kdx_insights_get_chart (after, KDX_INSIGHTS_COST_PER_ACTIVE);
    gint64 active_before = 0, active_after = 0;

    for (guint i = 0; i < x->bars->len; i++)
      active_before += ((KdxInsightsBar *) g_ptr_array_index (x->bars, i))->count;
    for (guint i = 0; i < y->bars->len; i++)
      active_after += ((KdxInsightsBar *) g_ptr_array_index (y->bars, i))->count;
    g_assert_cmpint (active_after, ==, active_before + 1);
  }
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/insights-parts/same-numbers", Fixture, NULL,
              fixture_set_up, test_parts_give_the_same, fixture_tear_down);
  g_test_add ("/insights-parts/kol-pass-matches-drill-down", Fixture, NULL,
              fixture_set_up, test_kol_pass_matches_drill_down, fixture_tear_down);
  g_test_add ("/insights-parts/writer-holding-the-lock", Fixture, NULL,
              fixture_set_up, test_writer_holding_the_lock, fixture_tear_down);
  return g_test_run ();
}
