/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-insights-scale"

#include "config.h"

#include "kdx-event.h"
#include "kdx-insights.h"
#include "kdx-test-util.h"

/* The faster Insights refresh (issue 11, item 5) gives the numbers the
 * charts' own queries give: the passes that tally all four outreach
 * charts and the three payment ones against each bar's drill-down (the
 * pairs query of its chart),
 * on seeded random histories, and the local month that skips strftime()
 * away from a month's turn against times right at it. */

static const char *const owners[] = { "li", "wang", "阿杰", NULL };
static const char *const channels[] = { "wechat", "phone", "email", NULL };

static void
add_outreach (KdxKol     *kol,
              const char *at,
              const char *channel,
              KdxOutcome  outcome)
{
  g_autoptr(KdxEvent) event = kdx_event_new ();

  g_object_set (event, "kind", KDX_EVENT_KIND_OUTREACH, "at", at, "channel", channel,
                "outcome", outcome, NULL);
  g_list_store_append (kdx_kol_get_events (kol), event);
}

/* 60 KOLs, 0-9 attempts each over 2025, some at a month's turn, and 0-2
 * payments in CNY or USD; returns how many attempts fall in 2025 (all). */
static guint
fill (KdxStore *store)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  guint n_attempts = 0;

  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(KdxKol) kol = kdx_kol_new ();
      g_autofree char *name = g_strdup_printf ("KOL %u", i);
      guint n = g_rand_int_range (rand, 0, 10);

      g_object_set (kol, "display-name", name,
                    "owner", owners[g_rand_int_range (rand, 0, 4)],
                    "currency", g_rand_boolean (rand) ? "CNY" : "USD",
                    "plan", g_rand_int_range (rand, 0, 5),
                    "stage", g_rand_int_range (rand, 0, KDX_N_STAGES),
                    "tier", g_rand_int_range (rand, 0, 4),
                    "created-at", "2025-01-01T00:00:00Z", NULL);
      for (guint e = 0; e < n; e++)
        {
          /* Days 1, 2 and 27-31 often, at any hour: the turns of months. */
          int day = g_rand_boolean (rand) ? g_rand_int_range (rand, 1, 29)
                                          : (int[]) { 1, 2, 27, 28 }[g_rand_int_range (rand, 0, 4)];
          g_autofree char *at = g_strdup_printf ("2025-%02d-%02dT%02d:30:00Z",
                                                 g_rand_int_range (rand, 1, 13), day,
                                                 g_rand_int_range (rand, 0, 24));

          add_outreach (kol, at, channels[g_rand_int_range (rand, 0, 4)],
                        g_rand_int_range (rand, 1, 5));
          n_attempts++;
        }
      for (guint e = g_rand_int_range (rand, 0, 3); e > 0; e--)
        {
          g_autoptr(KdxEvent) payment = kdx_event_new ();
          g_autofree char *at = g_strdup_printf ("2025-%02d-%02dT%02d:00:00Z",
                                                 g_rand_int_range (rand, 1, 13),
                                                 g_rand_int_range (rand, 1, 29),
                                                 g_rand_int_range (rand, 0, 24));

          g_object_set (payment, "kind", KDX_EVENT_KIND_PAYMENT, "at", at, "amount", "250", NULL);
          g_list_store_append (kdx_kol_get_events (kol), payment);
        }
      kdx_test_store_kol (store, kol);
    }
  return n_attempts;
}

static void
assert_bars_match_drill_down (KdxStore                *store,
                              const KdxInsightsPeriod *period,
                              KdxInsights             *insights,
                              KdxInsightsChartId       id)
{
  KdxInsightsChart *chart = kdx_insights_get_chart (insights, id);

  g_assert_cmpuint (chart->bars->len, >, 0);
  for (guint i = 0; i < chart->bars->len; i++)
    {
      KdxInsightsBar *bar = g_ptr_array_index (chart->bars, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = kdx_insights_bar_ids (store, period, NULL, id, bar->key, &error);

      g_assert_no_error (error);
      g_assert_cmpint (bar->count, ==, ids->len);
      if (id == KDX_INSIGHTS_COST_PER_ACTIVE)
        continue;
      if (id == KDX_INSIGHTS_COST_PAYMENTS_BY_PLAN || id == KDX_INSIGHTS_COST_PAYMENTS_BY_MONTH)
        {
          /* 250 a payment: a whole number of payments, at least one a KOL. */
          g_assert_cmpfloat (bar->value, ==, 250.0 * (double) ((gint64) bar->value / 250));
          g_assert_cmpfloat (bar->value, >=, 250.0 * (double) bar->count);
          continue;
        }
      g_assert_cmpint (bar->part, <=, bar->count);
      g_assert_cmpint (bar->attempts, >=, bar->count);
    }
}

static void
test_one_pass_matches_drill_down (KdxTestFolder *fixture,
                                  gconstpointer  data)
{
  static const KdxInsightsChartId charts[] = {
    KDX_INSIGHTS_OUTREACH_OVER_TIME, KDX_INSIGHTS_OUTREACH_BY_OWNER,
    KDX_INSIGHTS_OUTREACH_BY_CHANNEL, KDX_INSIGHTS_OUTREACH_BY_TIER,
    KDX_INSIGHTS_COST_PAYMENTS_BY_PLAN, KDX_INSIGHTS_COST_PAYMENTS_BY_MONTH,
    KDX_INSIGHTS_COST_PER_ACTIVE,
  };
  guint n_attempts = fill (fixture->store);
  GDate today, from, to;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 31, 12, 2025);
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 1, 3, 2025);
  g_date_clear (&to, 1);
  g_date_set_dmy (&to, 30, 4, 2025);
  for (guint p = 0; p < 2; p++)
    {
      g_autoptr(GError) error = NULL;
      /* All of 2025 by month; March-April by week. */
      g_autoptr(KdxInsightsPeriod) period =
        p == 0 ? kdx_insights_period_new (KDX_INSIGHTS_PERIOD_THIS_YEAR, &today)
               : kdx_insights_period_new_range (&from, &to, &today, &error);
      g_autoptr(KdxInsights) insights = NULL;
      gint64 attempts = 0;

      g_assert_no_error (error);
      insights = kdx_insights_compute (fixture->store, period, NULL, NULL, &error);
      g_assert_no_error (error);
      for (guint c = 0; c < G_N_ELEMENTS (charts); c++)
        assert_bars_match_drill_down (fixture->store, period, insights, charts[c]);
      if (p == 0)
        {
          KdxInsightsChart *owners_chart =
            kdx_insights_get_chart (insights, KDX_INSIGHTS_OUTREACH_BY_OWNER);

          /* Each attempt counted once, under its KOL's owner. */
          for (guint i = 0; i < owners_chart->bars->len; i++)
            attempts += ((KdxInsightsBar *) g_ptr_array_index (owners_chart->bars, i))->attempts;
          g_assert_cmpint (attempts, ==, n_attempts);
        }
    }
}

/* In Beijing time (UTC+8): 2025-03-31T20:00Z is 1 April, 2025-05-01T03:00Z
 * is 1 May, 2025-06-15T23:00Z is 16 June (still June, the fast path). */
static void
test_local_month_at_the_turn (KdxTestFolder *fixture,
                              gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  g_autoptr(KdxInsightsPeriod) period = NULL;
  g_autoptr(KdxInsights) insights = NULL;
  g_autoptr(GError) error = NULL;
  KdxInsightsChart *chart;
  GDate today;

  g_object_set (kol, "display-name", "Ann", "created-at", "2025-01-01T00:00:00Z", NULL);
  add_outreach (kol, "2025-03-31T20:00:00Z", "wechat", KDX_OUTCOME_REFUSED);
  add_outreach (kol, "2025-05-01T03:00:00Z", "wechat", KDX_OUTCOME_AGREED);
  add_outreach (kol, "2025-06-15T23:00:00Z", "wechat", KDX_OUTCOME_REFUSED);
  kdx_test_store_kol (fixture->store, kol);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 31, 12, 2025);
  period = kdx_insights_period_new (KDX_INSIGHTS_PERIOD_THIS_YEAR, &today);
  insights = kdx_insights_compute (fixture->store, period, NULL, NULL, &error);
  g_assert_no_error (error);
  chart = kdx_insights_get_chart (insights, KDX_INSIGHTS_OUTREACH_OVER_TIME);
  g_assert_cmpuint (chart->bars->len, ==, 3);
  g_assert_cmpstr (((KdxInsightsBar *) g_ptr_array_index (chart->bars, 0))->key, ==, "2025-04");
  g_assert_cmpstr (((KdxInsightsBar *) g_ptr_array_index (chart->bars, 1))->key, ==, "2025-05");
  g_assert_cmpint (((KdxInsightsBar *) g_ptr_array_index (chart->bars, 1))->part, ==, 1);
  g_assert_cmpstr (((KdxInsightsBar *) g_ptr_array_index (chart->bars, 2))->key, ==, "2025-06");
}

int
main (int    argc,
      char **argv)
{
  /* Beijing time, whatever the machine's: local months are what count. */
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/insights-scale/one-pass-matches-drill-down", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_one_pass_matches_drill_down, kdx_test_folder_tear_down);
  g_test_add ("/insights-scale/local-month-at-the-turn", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_local_month_at_the_turn, kdx_test_folder_tear_down);
  return g_test_run ();
}
