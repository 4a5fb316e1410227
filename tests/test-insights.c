/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-insights"

#include "config.h"

#include <math.h>

#include "kdx-error.h"
#include "kdx-event.h"
#include "kdx-insights.h"
#include "kdx-stage-entry.h"
#include "kdx-test-util.h"

/* Insights (issue 11) on a fixture small enough to work out by hand. Every
 * expected number is derived in the comment beside it. The tests run in
 * Beijing time (UTC+8, set in main); every stored time is 04:00 UTC, noon
 * of the same local day, so whole days apart. "Today" is 2026-03-20:
 * stays still open are cut at the end of today, 2026-03-20T16:00Z, which
 * makes them x.5 days long.
 *
 * The seven KOLs (history: stage and day; events: day, kind, channel,
 * outcome, amount):
 *
 *   A Ann  li,   head,    beauty,  internal, weibo,  CNY, buyout 1000
 *          candidate 01-05, contacting 01-10, negotiating 01-20,
 *          onboarding 02-01, growing 02-11 (now growing)
 *          outreach 01-10 wechat refused, 01-15 wechat agreed;
 *          payment 02-15 500, 03-02 300
 *   B Bo   li,   waist,   beauty,  unset,    douyin, CNY, profit_share 200
 *          candidate 01-08, contacting 01-12, negotiating 02-01,
 *          onboarding 02-21 (now onboarding)
 *          outreach 01-12 phone no_answer, 01-19 phone agreed; payment 03-05 100
 *   C Cai  wang, tail,    fitness, unset,    -,      USD, buyout 50
 *          candidate 01-10, contacting 01-20, onboarding 02-05, growing 02-15,
 *          departed 03-10 (poached)
 *          outreach 01-20 email agreed; payment 02-20 40
 *   D Dee  wang, unrated, fitness, external, -,      USD, none
 *          candidate 01-15, contacting 02-01, declined 02-10
 *          outreach 02-01 email refused, 02-05 wechat refused
 *   E Eve  li,   head,    beauty,  internal, weibo,  USD, buyout 2000
 *          candidate 2025-10-01, contacting 2025-10-05, negotiating 2025-10-15,
 *          onboarding 2025-11-01, growing 2025-11-11, mature 2025-12-01
 *          payment 01-20 1000
 *   F Fan  -,    waist,   -,       external, -,      CNY, free
 *          candidate 02-20, contacting 03-01
 *          outreach 03-01 wechat interested
 *   G Gus  wang, head,    games,   internal, -,      CNY, profit_share 300
 *          candidate 2025-06-01, onboarding 2025-07-01, growing 2025-08-01,
 *          departed 02-20 (lost_interest)
 *
 * Days without a year are in 2026. Each file was created on its first
 * history day. */

typedef struct
{
  KdxTestFolder  folder;
  gint64         a, b, c, d, e, f, g;
} Fixture;

static KdxKol *
make_kol (const char *name,
          const char *owner,
          KdxTier     tier,
          const char *category,
          KdxSource   source,
          const char *platform,
          const char *currency,
          KdxPlan     plan,
          const char *fee,
          const char *history)
{
  KdxKol *kol = kdx_kol_new ();
  g_auto(GStrv) moves = g_strsplit (history, " ", -1);
  KdxStage stage = KDX_STAGE_CANDIDATE;

  for (guint i = 0; moves[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (moves[i], "@", 2);
      g_autofree char *at = g_strdup_printf ("%sT04:00:00Z", parts[1]);
      g_autoptr(KdxStageEntry) entry = kdx_stage_entry_new ();

      g_assert_true (kdx_stage_from_string (parts[0], &stage));
      g_object_set (entry, "stage", stage, "at", at, NULL);
      g_list_store_append (kdx_kol_get_stage_history (kol), entry);
      if (i == 0)
        g_object_set (kol, "created-at", at, NULL);
    }
  g_object_set (kol, "display-name", name, "owner", owner, "tier", tier, "category", category,
                "source", source, "platform", platform, "currency", currency, "plan", plan,
                "fee", fee, "stage", stage, NULL);
  return kol;
}

static void
add_event (KdxKol       *kol,
           const char   *day,
           KdxEventKind  kind,
           const char   *channel,
           KdxOutcome    outcome,
           const char   *amount)
{
  g_autoptr(KdxEvent) event = kdx_event_new ();
  g_autofree char *at = g_strdup_printf ("%sT04:00:00Z", day);

  g_object_set (event, "kind", kind, "at", at, "channel", channel, "outcome", outcome,
                "amount", amount, NULL);
  g_list_store_append (kdx_kol_get_events (kol), event);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  KdxStore *store;
  g_autoptr(KdxKol) a = NULL, b = NULL, c = NULL, d = NULL, e = NULL, f = NULL, g = NULL;

  kdx_test_folder_set_up (&fixture->folder, data);
  store = fixture->folder.store;

  a = make_kol ("Ann", "li", KDX_TIER_HEAD, "beauty", KDX_SOURCE_INTERNAL, "weibo", "CNY",
                KDX_PLAN_BUYOUT, "1000",
                "candidate@2026-01-05 contacting@2026-01-10 negotiating@2026-01-20 "
                "onboarding@2026-02-01 growing@2026-02-11");
  add_event (a, "2026-01-10", KDX_EVENT_KIND_OUTREACH, "wechat", KDX_OUTCOME_REFUSED, NULL);
  add_event (a, "2026-01-15", KDX_EVENT_KIND_OUTREACH, "wechat", KDX_OUTCOME_AGREED, NULL);
  add_event (a, "2026-02-15", KDX_EVENT_KIND_PAYMENT, NULL, KDX_OUTCOME_NONE, "500");
  add_event (a, "2026-03-02", KDX_EVENT_KIND_PAYMENT, NULL, KDX_OUTCOME_NONE, "300");
  fixture->a = kdx_test_store_kol (store, a);

  b = make_kol ("Bo", "li", KDX_TIER_WAIST, "beauty", KDX_SOURCE_UNSET, "douyin", "CNY",
                KDX_PLAN_PROFIT_SHARE, "200",
                "candidate@2026-01-08 contacting@2026-01-12 negotiating@2026-02-01 "
                "onboarding@2026-02-21");
  add_event (b, "2026-01-12", KDX_EVENT_KIND_OUTREACH, "phone", KDX_OUTCOME_NO_ANSWER, NULL);
  add_event (b, "2026-01-19", KDX_EVENT_KIND_OUTREACH, "phone", KDX_OUTCOME_AGREED, NULL);
  add_event (b, "2026-03-05", KDX_EVENT_KIND_PAYMENT, NULL, KDX_OUTCOME_NONE, "100");
  fixture->b = kdx_test_store_kol (store, b);

  c = make_kol ("Cai", "wang", KDX_TIER_TAIL, "fitness", KDX_SOURCE_UNSET, NULL, "USD",
                KDX_PLAN_BUYOUT, "50",
                "candidate@2026-01-10 contacting@2026-01-20 onboarding@2026-02-05 "
                "growing@2026-02-15 departed@2026-03-10");
  g_object_set (c, "churn-reason", "poached", NULL);
  add_event (c, "2026-01-20", KDX_EVENT_KIND_OUTREACH, "email", KDX_OUTCOME_AGREED, NULL);
  add_event (c, "2026-02-20", KDX_EVENT_KIND_PAYMENT, NULL, KDX_OUTCOME_NONE, "40");
  fixture->c = kdx_test_store_kol (store, c);

  d = make_kol ("Dee", "wang", KDX_TIER_UNRATED, "fitness", KDX_SOURCE_EXTERNAL, NULL, "USD",
                KDX_PLAN_NONE, NULL,
                "candidate@2026-01-15 contacting@2026-02-01 declined@2026-02-10");
  add_event (d, "2026-02-01", KDX_EVENT_KIND_OUTREACH, "email", KDX_OUTCOME_REFUSED, NULL);
  add_event (d, "2026-02-05", KDX_EVENT_KIND_OUTREACH, "wechat", KDX_OUTCOME_REFUSED, NULL);
  fixture->d = kdx_test_store_kol (store, d);

  e = make_kol ("Eve", "li", KDX_TIER_HEAD, "beauty", KDX_SOURCE_INTERNAL, "weibo", "USD",
                KDX_PLAN_BUYOUT, "2000",
                "candidate@2025-10-01 contacting@2025-10-05 negotiating@2025-10-15 "
                "onboarding@2025-11-01 growing@2025-11-11 mature@2025-12-01");
  add_event (e, "2026-01-20", KDX_EVENT_KIND_PAYMENT, NULL, KDX_OUTCOME_NONE, "1000");
  fixture->e = kdx_test_store_kol (store, e);

  f = make_kol ("Fan", NULL, KDX_TIER_WAIST, NULL, KDX_SOURCE_EXTERNAL, NULL, "CNY",
                KDX_PLAN_FREE, NULL, "candidate@2026-02-20 contacting@2026-03-01");
  add_event (f, "2026-03-01", KDX_EVENT_KIND_OUTREACH, "wechat", KDX_OUTCOME_INTERESTED, NULL);
  fixture->f = kdx_test_store_kol (store, f);

  g = make_kol ("Gus", "wang", KDX_TIER_HEAD, "games", KDX_SOURCE_INTERNAL, NULL, "CNY",
                KDX_PLAN_PROFIT_SHARE, "300",
                "candidate@2025-06-01 onboarding@2025-07-01 growing@2025-08-01 "
                "departed@2026-02-20");
  g_object_set (g, "churn-reason", "lost_interest", NULL);
  fixture->g = kdx_test_store_kol (store, g);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kdx_test_folder_tear_down (&fixture->folder, data);
}

static void
today (GDate *date)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, 20, G_DATE_MARCH, 2026);
}

static KdxInsightsPeriod *
quarter (void)
{
  GDate day;

  today (&day);
  return kdx_insights_period_new (KDX_INSIGHTS_PERIOD_THIS_QUARTER, &day);
}

static KdxInsights *
compute (Fixture                  *fixture,
         const KdxInsightsPeriod  *period,
         const KdxInsightsFilter  *filter,
         const KdxInsightsTargets *targets)
{
  g_autoptr(GError) error = NULL;
  KdxInsights *insights = kdx_insights_compute (fixture->folder.store, period, filter, targets,
                                                &error);

  g_assert_no_error (error);
  g_assert_nonnull (insights);
  return insights;
}

static KdxInsightsBar *
bar (KdxInsights        *insights,
     KdxInsightsChartId  chart,
     const char         *key)
{
  KdxInsightsBar *found = kdx_insights_chart_find_bar (kdx_insights_get_chart (insights, chart),
                                                       key);
  if (found == NULL)
    g_error ("chart %d has no bar '%s'", chart, key);
  return found;
}

static guint
n_bars (KdxInsights        *insights,
        KdxInsightsChartId  chart)
{
  return kdx_insights_get_chart (insights, chart)->bars->len;
}

/* The ids behind a bar, as "1,3,5" to compare at a glance. */
static char *
ids_of (Fixture                 *fixture,
        const KdxInsightsPeriod *period,
        const KdxInsightsFilter *filter,
        KdxInsightsChartId       chart,
        const char              *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = kdx_insights_bar_ids (fixture->folder.store, period, filter, chart, key,
                                                &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
id_list (gint64 first,
         ...)
{
  g_autoptr(GString) text = g_string_new (NULL);
  va_list args;

  va_start (args, first);
  for (gint64 id = first; id > 0; id = va_arg (args, gint64))
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, text->len > 0 ? "," : "", id);
  va_end (args);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

#define assert_ids(fixture, period, filter, chart, key, ...) \
  G_STMT_START { \
    g_autofree char *got_ = ids_of (fixture, period, filter, chart, key); \
    g_autofree char *want_ = id_list (__VA_ARGS__, (gint64) 0); \
    g_assert_cmpstr (got_, ==, want_); \
  } G_STMT_END

static void
test_period (void)
{
  GDate day, from, to;
  g_autoptr(KdxInsightsPeriod) month = NULL;
  g_autoptr(KdxInsightsPeriod) last = NULL;
  g_autoptr(KdxInsightsPeriod) year = NULL;
  g_autoptr(KdxInsightsPeriod) all = NULL;
  g_autoptr(KdxInsightsPeriod) backwards = NULL;
  g_autoptr(GError) error = NULL;

  today (&day);
  month = kdx_insights_period_new (KDX_INSIGHTS_PERIOD_THIS_MONTH, &day);
  g_assert_true (kdx_insights_period_get_from (month, &from));
  kdx_insights_period_get_to (month, &to);
  g_assert_cmpint (g_date_get_day (&from), ==, 1);
  g_assert_cmpint (g_date_get_day (&to), ==, 31);
  g_assert_true (kdx_insights_period_by_week (month));

  /* Last month of 2026-03-20: February 2026, 28 days. */
  last = kdx_insights_period_new (KDX_INSIGHTS_PERIOD_LAST_MONTH, &day);
  g_assert_true (kdx_insights_period_get_from (last, &from));
  kdx_insights_period_get_to (last, &to);
  g_assert_cmpint (g_date_get_month (&from), ==, 2);
  g_assert_cmpint (g_date_get_day (&to), ==, 28);

  year = kdx_insights_period_new (KDX_INSIGHTS_PERIOD_THIS_YEAR, &day);
  g_assert_false (kdx_insights_period_by_week (year));

  /* All time has no start and ends today. */
  all = kdx_insights_period_new (KDX_INSIGHTS_PERIOD_ALL_TIME, &day);
  g_assert_false (kdx_insights_period_get_from (all, &from));
  kdx_insights_period_get_to (all, &to);
  g_assert_cmpint (g_date_compare (&to, &day), ==, 0);

  /* Two dates the wrong way round: refused, saying both. */
  g_date_set_dmy (&from, 10, G_DATE_MARCH, 2026);
  g_date_set_dmy (&to, 1, G_DATE_MARCH, 2026);
  backwards = kdx_insights_period_new_range (&from, &to, &day, &error);
  g_assert_null (backwards);
  g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "2026-03-01"));
  g_assert_nonnull (strstr (error->message, "2026-03-10"));
}

static void
test_median_percentile (void)
{
  const double odd[] = { 4, 5, 9, 10, 17 };
  const double even[] = { 12, 20 };

  /* The middle one; of two, their mean. */
  g_assert_cmpfloat (kdx_insights_median (odd, 5), ==, 9);
  g_assert_cmpfloat (kdx_insights_median (even, 2), ==, 16);
  g_assert_true (isnan (kdx_insights_median (NULL, 0)));
  /* Nearest rank: ceil (0.9 × 5) = 5th, ceil (0.9 × 2) = 2nd,
   * ceil (0.5 × 5) = 3rd. */
  g_assert_cmpfloat (kdx_insights_percentile (odd, 5, 0.9), ==, 17);
  g_assert_cmpfloat (kdx_insights_percentile (even, 2, 0.9), ==, 20);
  g_assert_cmpfloat (kdx_insights_percentile (odd, 5, 0.5), ==, 9);
}

static void
test_funnel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KdxInsightsPeriod) period = quarter ();
  g_autoptr(KdxInsights) insights = compute (fixture, period, NULL, NULL);
  KdxInsightsChart *chart = kdx_insights_get_chart (insights, KDX_INSIGHTS_FUNNEL);
  static const char *const order[] = { "candidate", "contacting", "negotiating", "onboarding",
                                       "growing", "mature", "declined", "departed" };

  /* Main path first, then the side exits, every step shown. */
  g_assert_cmpuint (chart->bars->len, ==, 8);
  for (guint i = 0; i < 8; i++)
    g_assert_cmpstr (((KdxInsightsBar *) g_ptr_array_index (chart->bars, i))->key, ==, order[i]);

  /* The furthest main-path step each KOL entered in Q1: A growing, B
   * onboarding, C growing (its Departed is no main-path step), D and F
   * contacting; E and G entered nothing on the main path in Q1. */
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_FUNNEL, "candidate")->count, ==, 5);   /* ABCDF */
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_FUNNEL, "contacting")->count, ==, 5);  /* ABCDF */
  /* C skipped Negotiating but entered a later step: it reached it. */
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_FUNNEL, "negotiating")->count, ==, 3); /* ABC */
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_FUNNEL, "onboarding")->count, ==, 3);  /* ABC */
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_FUNNEL, "growing")->count, ==, 2);     /* AC */
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_FUNNEL, "mature")->count, ==, 0);
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_FUNNEL, "declined")->count, ==, 1);    /* D */
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_FUNNEL, "departed")->count, ==, 2);    /* C G */

  /* Conversions between neighbours: none into the first step, 5/5,
   * 3/5, 3/3, 2/3, 0/2; none for the side exits. */
  g_assert_true (isnan (bar (insights, KDX_INSIGHTS_FUNNEL, "candidate")->ratio));
  g_assert_cmpfloat_with_epsilon (bar (insights, KDX_INSIGHTS_FUNNEL, "contacting")->ratio, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (bar (insights, KDX_INSIGHTS_FUNNEL, "negotiating")->ratio, 0.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (bar (insights, KDX_INSIGHTS_FUNNEL, "onboarding")->ratio, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (bar (insights, KDX_INSIGHTS_FUNNEL, "growing")->ratio, 2.0 / 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (bar (insights, KDX_INSIGHTS_FUNNEL, "mature")->ratio, 0.0, 1e-9);
  g_assert_true (isnan (bar (insights, KDX_INSIGHTS_FUNNEL, "declined")->ratio));
  g_assert_true (isnan (bar (insights, KDX_INSIGHTS_FUNNEL, "departed")->ratio));
}

static void
test_outreach (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(KdxInsightsPeriod) period = quarter ();
  g_autoptr(KdxInsights) insights = compute (fixture, period, NULL, NULL);
  gint64 attempts, approached, agreed;
  double rate;
  KdxInsightsBar *b;

  /* Q1 outreach: A 2, B 2, C 1, D 2, F 1 = 8 attempts; 5 KOLs approached;
   * A, B and C agreed: 3/5 = 0.6. */
  kdx_insights_get_outreach (insights, &attempts, &approached, &agreed, &rate);
  g_assert_cmpint (attempts, ==, 8);
  g_assert_cmpint (approached, ==, 5);
  g_assert_cmpint (agreed, ==, 3);
  g_assert_cmpfloat_with_epsilon (rate, 0.6, 1e-9);

  /* By owner: li A, B (4 attempts, both agreed); wang C, D (3 attempts,
   * C agreed); no owner F (1 attempt). */
  b = bar (insights, KDX_INSIGHTS_OUTREACH_BY_OWNER, "li");
  g_assert_cmpint (b->attempts, ==, 4);
  g_assert_cmpint (b->count, ==, 2);
  g_assert_cmpint (b->part, ==, 2);
  g_assert_cmpfloat_with_epsilon (b->ratio, 1.0, 1e-9);
  b = bar (insights, KDX_INSIGHTS_OUTREACH_BY_OWNER, "wang");
  g_assert_cmpint (b->attempts, ==, 3);
  g_assert_cmpint (b->count, ==, 2);
  g_assert_cmpint (b->part, ==, 1);
  g_assert_cmpfloat_with_epsilon (b->ratio, 0.5, 1e-9);
  b = bar (insights, KDX_INSIGHTS_OUTREACH_BY_OWNER, "");
  g_assert_cmpint (b->count, ==, 1);
  g_assert_cmpfloat_with_epsilon (b->ratio, 0.0, 1e-9);
  g_assert_true (b->not_recorded);
  g_assert_cmpstr (b->label, ==, "Not recorded");

  /* By channel: wechat A (2, agreed), D (1), F (1): 4 attempts, 1/3;
   * phone B (2, agreed): 1/1; email C (agreed), D: 1/2. */
  b = bar (insights, KDX_INSIGHTS_OUTREACH_BY_CHANNEL, "wechat");
  g_assert_cmpint (b->attempts, ==, 4);
  g_assert_cmpint (b->count, ==, 3);
  g_assert_cmpint (b->part, ==, 1);
  g_assert_cmpfloat_with_epsilon (b->ratio, 1.0 / 3.0, 1e-9);
  g_assert_cmpstr (b->value_text, ==, "33 % (1/3)");
  b = bar (insights, KDX_INSIGHTS_OUTREACH_BY_CHANNEL, "phone");
  g_assert_cmpint (b->attempts, ==, 2);
  g_assert_cmpfloat_with_epsilon (b->ratio, 1.0, 1e-9);
  b = bar (insights, KDX_INSIGHTS_OUTREACH_BY_CHANNEL, "email");
  g_assert_cmpint (b->count, ==, 2);
  g_assert_cmpfloat_with_epsilon (b->ratio, 0.5, 1e-9);
  g_assert_cmpuint (n_bars (insights, KDX_INSIGHTS_OUTREACH_BY_CHANNEL), ==, 3);

  /* By tier: head A 1/1; waist B agreed, F not: 1/2; tail C 1/1;
   * unrated D 0/1. Head first. */
  g_assert_cmpfloat_with_epsilon (bar (insights, KDX_INSIGHTS_OUTREACH_BY_TIER, "head")->ratio, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (bar (insights, KDX_INSIGHTS_OUTREACH_BY_TIER, "waist")->ratio, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (bar (insights, KDX_INSIGHTS_OUTREACH_BY_TIER, "tail")->ratio, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (bar (insights, KDX_INSIGHTS_OUTREACH_BY_TIER, "unrated")->ratio, 0.0, 1e-9);
  g_assert_cmpstr (((KdxInsightsBar *) g_ptr_array_index (
                      kdx_insights_get_chart (insights, KDX_INSIGHTS_OUTREACH_BY_TIER)->bars, 0))->key,
                   ==, "head");
}

static void
test_outreach_over_time (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KdxInsightsPeriod) period = quarter ();
  g_autoptr(KdxInsights) weekly = compute (fixture, period, NULL, NULL);
  g_autoptr(KdxInsightsPeriod) year = NULL;
  g_autoptr(KdxInsights) monthly = NULL;
  KdxInsightsBar *b;
  GDate day;

  /* Q1 is 90 days: counted by week, each keyed by its Monday.
   * 01-10 (Sat) is in the week of 01-05: A refused, 0/1.
   * 01-12 (Mon) B no answer, 01-15 A agreed: week of 01-12, 1/2.
   * 01-19 B agreed, 01-20 C agreed: week of 01-19, 2/2.
   * 02-01 (Sun) D refused: week of 01-26. 02-05 D: week of 02-02.
   * 03-01 (Sun) F: week of 02-23. Six weeks, in order. */
  g_assert_cmpuint (n_bars (weekly, KDX_INSIGHTS_OUTREACH_OVER_TIME), ==, 6);
  b = bar (weekly, KDX_INSIGHTS_OUTREACH_OVER_TIME, "2026-01-05");
  g_assert_cmpint (b->count, ==, 1);
  g_assert_cmpint (b->part, ==, 0);
  b = bar (weekly, KDX_INSIGHTS_OUTREACH_OVER_TIME, "2026-01-12");
  g_assert_cmpint (b->count, ==, 2);
  g_assert_cmpint (b->part, ==, 1);
  b = bar (weekly, KDX_INSIGHTS_OUTREACH_OVER_TIME, "2026-01-19");
  g_assert_cmpfloat_with_epsilon (b->ratio, 1.0, 1e-9);
  bar (weekly, KDX_INSIGHTS_OUTREACH_OVER_TIME, "2026-01-26");
  bar (weekly, KDX_INSIGHTS_OUTREACH_OVER_TIME, "2026-02-02");
  bar (weekly, KDX_INSIGHTS_OUTREACH_OVER_TIME, "2026-02-23");

  /* This year is longer: by month. January A, B, C approached, all agreed,
   * 5 attempts; February D (2 attempts), 0/1; March F, 0/1. */
  today (&day);
  year = kdx_insights_period_new (KDX_INSIGHTS_PERIOD_THIS_YEAR, &day);
  monthly = compute (fixture, year, NULL, NULL);
  g_assert_cmpuint (n_bars (monthly, KDX_INSIGHTS_OUTREACH_OVER_TIME), ==, 3);
  b = bar (monthly, KDX_INSIGHTS_OUTREACH_OVER_TIME, "2026-01");
  g_assert_cmpint (b->attempts, ==, 5);
  g_assert_cmpint (b->count, ==, 3);
  g_assert_cmpint (b->part, ==, 3);
  g_assert_cmpstr (b->label, ==, "January 2026");
  b = bar (monthly, KDX_INSIGHTS_OUTREACH_OVER_TIME, "2026-02");
  g_assert_cmpint (b->attempts, ==, 2);
  g_assert_cmpfloat_with_epsilon (b->ratio, 0.0, 1e-9);
  g_assert_cmpint (bar (monthly, KDX_INSIGHTS_OUTREACH_OVER_TIME, "2026-03")->count, ==, 1);
}

static void
test_pace (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(KdxInsightsPeriod) period = quarter ();
  g_autoptr(KdxInsightsTargets) targets = kdx_insights_targets_new ();
  g_autoptr(KdxInsights) insights = NULL;
  KdxInsightsBar *b;

  /* Two new candidates and one onboarded a month by default; beauty
   * wants three onboarded. */
  kdx_insights_targets_set (targets, NULL, 2, 1);
  kdx_insights_targets_set (targets, "beauty", 2, 3);
  insights = compute (fixture, period, NULL, targets);

  /* New candidates (files created) in Q1: A 01-05, B 01-08 beauty; C
   * 01-10, D 01-15 fitness; F 02-20 no category. E and G are older. */
  g_assert_cmpuint (n_bars (insights, KDX_INSIGHTS_PACE_CANDIDATES), ==, 3);
  b = bar (insights, KDX_INSIGHTS_PACE_CANDIDATES, "2026-01|beauty");
  g_assert_cmpint (b->count, ==, 2);
  g_assert_cmpint (b->target, ==, 2);
  g_assert_cmpstr (b->value_text, ==, "2 / 2");
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_PACE_CANDIDATES, "2026-01|fitness")->count, ==, 2);
  b = bar (insights, KDX_INSIGHTS_PACE_CANDIDATES, "2026-02|");
  g_assert_cmpint (b->count, ==, 1);
  g_assert_cmpstr (b->label, ==, "Not recorded");
  g_assert_cmpstr (b->group, ==, "February 2026");

  /* First moves to Onboarding in Q1: A 02-01, B 02-21 beauty (against
   * 3); C 02-05 fitness (against the default 1). */
  g_assert_cmpuint (n_bars (insights, KDX_INSIGHTS_PACE_ONBOARDED), ==, 2);
  b = bar (insights, KDX_INSIGHTS_PACE_ONBOARDED, "2026-02|beauty");
  g_assert_cmpint (b->count, ==, 2);
  g_assert_cmpint (b->target, ==, 3);
  g_assert_cmpstr (b->value_text, ==, "2 / 3");
  b = bar (insights, KDX_INSIGHTS_PACE_ONBOARDED, "2026-02|fitness");
  g_assert_cmpint (b->count, ==, 1);
  g_assert_cmpint (b->target, ==, 1);
}

static void
test_time_in_stage (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KdxInsightsPeriod) period = quarter ();
  g_autoptr(KdxInsights) insights = compute (fixture, period, NULL, NULL);
  GPtrArray *stuck;
  KdxInsightsBar *b;
  KdxInsightsStuck *s;

  /* Stays overlapping Q1, in days; open ones are cut at the end of today
   * (03-20T16:00Z), half a day after the 04:00Z entries:
   *   candidate   A 5, B 4, C 10, D 17, F 9    sorted 4 5 9 10 17
   *   contacting  A 10, B 20, C 16, D 9, F 19.5 (open)  9 10 16 19.5 20
   *   negotiating A 12, B 20                    12 20
   *   onboarding  A 10, C 10, B 27.5 (open since 02-21)
   *   growing     A 37.5 (open since 02-11), C 23, G 203 (2025-08-01 to
   *               02-20: Aug..Jan 184, then 19)
   *   mature      E 109.5 (open since 2025-12-01: 31+31+28+19, +0.5)
   * Median: the middle one (of two, the mean); 90th percentile: the
   * ceil (0.9 n)-th. */
  b = bar (insights, KDX_INSIGHTS_TIME_IN_STAGE, "candidate");
  g_assert_cmpint (b->count, ==, 5);
  g_assert_cmpfloat_with_epsilon (b->value, 9.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (b->p90, 17.0, 1e-6);
  b = bar (insights, KDX_INSIGHTS_TIME_IN_STAGE, "contacting");
  g_assert_cmpfloat_with_epsilon (b->value, 16.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (b->p90, 20.0, 1e-6);
  b = bar (insights, KDX_INSIGHTS_TIME_IN_STAGE, "negotiating");
  g_assert_cmpfloat_with_epsilon (b->value, 16.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (b->p90, 20.0, 1e-6);
  b = bar (insights, KDX_INSIGHTS_TIME_IN_STAGE, "onboarding");
  g_assert_cmpint (b->count, ==, 3);
  g_assert_cmpfloat_with_epsilon (b->value, 10.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (b->p90, 27.5, 1e-6);
  b = bar (insights, KDX_INSIGHTS_TIME_IN_STAGE, "growing");
  g_assert_cmpfloat_with_epsilon (b->value, 37.5, 1e-6);
  g_assert_cmpfloat_with_epsilon (b->p90, 203.0, 1e-6);
  b = bar (insights, KDX_INSIGHTS_TIME_IN_STAGE, "mature");
  g_assert_cmpfloat_with_epsilon (b->value, 109.5, 1e-6);
  b = bar (insights, KDX_INSIGHTS_TIME_IN_STAGE, "declining");
  g_assert_cmpint (b->count, ==, 0);
  g_assert_true (isnan (b->value));

  /* Stuck: a stay still open beyond twice its median. B, onboarding
   * 27.5 > 2 × 10. Not F (19.5 < 32), A (37.5 < 75), E (109.5 < 219). */
  stuck = kdx_insights_get_stuck (insights);
  g_assert_cmpuint (stuck->len, ==, 1);
  s = g_ptr_array_index (stuck, 0);
  g_assert_cmpint (s->id, ==, fixture->b);
  g_assert_cmpstr (s->display_name, ==, "Bo");
  g_assert_cmpint (s->stage, ==, KDX_STAGE_ONBOARDING);
  g_assert_cmpfloat_with_epsilon (s->days, 27.5, 1e-6);
  g_assert_cmpfloat_with_epsilon (s->median, 10.0, 1e-6);
  g_assert_true (kdx_insights_lists_names (insights));
}

static void
test_period_cuts_a_stay (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KdxInsightsPeriod) january = NULL;
  g_autoptr(KdxInsightsPeriod) march = NULL;
  g_autoptr(KdxInsights) insights = NULL;
  g_autoptr(KdxInsights) in_march = NULL;
  GDate day, from, to;
  KdxInsightsBar *b;

  today (&day);
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, 2026);
  g_date_set_dmy (&to, 31, G_DATE_JANUARY, 2026);
  january = kdx_insights_period_new_range (&from, &to, &day, NULL);
  insights = compute (fixture, january, NULL, NULL);

  /* A entered Negotiating 01-20 and left 02-01: the January period ends
   * inside that stay, so it counts cut at the end of 01-31 local
   * (01-31T16:00Z): 11.5 days, and is still open then. B entered
   * Negotiating only in February. */
  b = bar (insights, KDX_INSIGHTS_TIME_IN_STAGE, "negotiating");
  g_assert_cmpint (b->count, ==, 1);
  g_assert_cmpfloat_with_epsilon (b->value, 11.5, 1e-6);
  assert_ids (fixture, january, NULL, KDX_INSIGHTS_TIME_IN_STAGE, "negotiating", fixture->a);

  /* The January funnel: A went as far as Negotiating, B and C Contacting,
   * D Candidate (its Contacting was 02-01). */
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_FUNNEL, "candidate")->count, ==, 4);
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_FUNNEL, "contacting")->count, ==, 3);
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_FUNNEL, "negotiating")->count, ==, 1);
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_FUNNEL, "onboarding")->count, ==, 0);

  /* March starts inside A's Growing (since 02-11): the stay counts in
   * March, from its entry, 37.5 days; so do C's (02-15 to 03-10, 23) and
   * G's ended 02-20 does not. Median of 23 and 37.5: 30.25. */
  march = kdx_insights_period_new (KDX_INSIGHTS_PERIOD_THIS_MONTH, &day);
  in_march = compute (fixture, march, NULL, NULL);
  b = bar (in_march, KDX_INSIGHTS_TIME_IN_STAGE, "growing");
  g_assert_cmpint (b->count, ==, 2);
  g_assert_cmpfloat_with_epsilon (b->value, 30.25, 1e-6);
  /* And the March funnel sees only what moved in March: F contacting 03-01,
   * C departed 03-10; not E, mature since December. */
  g_assert_cmpint (bar (in_march, KDX_INSIGHTS_FUNNEL, "candidate")->count, ==, 1);
  g_assert_cmpint (bar (in_march, KDX_INSIGHTS_FUNNEL, "contacting")->count, ==, 1);
  g_assert_cmpint (bar (in_march, KDX_INSIGHTS_FUNNEL, "mature")->count, ==, 0);
  g_assert_cmpint (bar (in_march, KDX_INSIGHTS_FUNNEL, "departed")->count, ==, 1);
}

static void
test_churn (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(KdxInsightsPeriod) period = quarter ();
  g_autoptr(KdxInsights) insights = compute (fixture, period, NULL, NULL);
  gint64 departed;
  double median;

  /* Departed in Q1: C 03-10 (poached, source unset, tail) and G 02-20
   * (lost interest, internal, head). */
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_CHURN_BY_REASON, "poached")->count, ==, 1);
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_CHURN_BY_REASON, "lost_interest")->count, ==, 1);
  g_assert_cmpuint (n_bars (insights, KDX_INSIGHTS_CHURN_BY_REASON), ==, 2);
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_CHURN_BY_SOURCE, "internal")->count, ==, 1);
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_CHURN_BY_SOURCE, "unset")->count, ==, 1);
  g_assert_true (bar (insights, KDX_INSIGHTS_CHURN_BY_SOURCE, "unset")->not_recorded);
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_CHURN_BY_TIER, "head")->count, ==, 1);
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_CHURN_BY_TIER, "tail")->count, ==, 1);

  /* Onboarding to departure: C 02-05 to 03-10 = 23 + 10 = 33 days;
   * G 2025-07-01 to 02-20 = 215 (July..January) + 19 = 234 days.
   * Median (33 + 234) / 2 = 133.5. */
  kdx_insights_get_churn (insights, &departed, &median);
  g_assert_cmpint (departed, ==, 2);
  g_assert_cmpfloat_with_epsilon (median, 133.5, 1e-6);
}

static void
test_mix (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(KdxInsightsPeriod) period = quarter ();
  g_autoptr(KdxInsights) insights = compute (fixture, period, NULL, NULL);
  KdxInsightsChart *source;
  KdxInsightsBar *b;

  /* Active now (Onboarding to Declining): A growing, B onboarding, E
   * mature. Tiers: head A E, waist B; shares 2/3 and 1/3. */
  g_assert_cmpuint (n_bars (insights, KDX_INSIGHTS_MIX_TIER), ==, 2);
  b = bar (insights, KDX_INSIGHTS_MIX_TIER, "head");
  g_assert_cmpint (b->count, ==, 2);
  g_assert_cmpfloat_with_epsilon (b->ratio, 2.0 / 3.0, 1e-9);
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_MIX_TIER, "waist")->count, ==, 1);
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_MIX_PLATFORM, "weibo")->count, ==, 2);
  g_assert_cmpint (bar (insights, KDX_INSIGHTS_MIX_PLATFORM, "douyin")->count, ==, 1);

  /* Sources: internal A E; B not recorded, counted but left out of the
   * ratio: internal is 2 of the 2 recorded. */
  source = kdx_insights_get_chart (insights, KDX_INSIGHTS_MIX_SOURCE);
  g_assert_cmpint (source->not_recorded, ==, 1);
  b = bar (insights, KDX_INSIGHTS_MIX_SOURCE, "internal");
  g_assert_cmpint (b->count, ==, 2);
  g_assert_cmpfloat_with_epsilon (b->ratio, 1.0, 1e-9);
  b = bar (insights, KDX_INSIGHTS_MIX_SOURCE, "unset");
  g_assert_cmpint (b->count, ==, 1);
  g_assert_true (isnan (b->ratio));
  g_assert_cmpstr (b->label, ==, "Not recorded");
}

static void
test_cost (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(KdxInsightsPeriod) period = quarter ();
  g_autoptr(KdxInsights) insights = compute (fixture, period, NULL, NULL);
  KdxInsightsBar *b;

  /* Fees of the active KOLs (A, B, E), per plan and currency, never one
   * sum across currencies: buyout CNY A 1000; buyout USD E 2000;
   * profit-share CNY B 200. */
  g_assert_cmpuint (n_bars (insights, KDX_INSIGHTS_COST_FEES_BY_PLAN), ==, 3);
  b = bar (insights, KDX_INSIGHTS_COST_FEES_BY_PLAN, "buyout|CNY");
  g_assert_cmpfloat_with_epsilon (b->value, 1000.0, 1e-9);
  g_assert_cmpstr (b->value_text, ==, "1000.00 CNY");
  g_assert_cmpfloat_with_epsilon (bar (insights, KDX_INSIGHTS_COST_FEES_BY_PLAN, "buyout|USD")->value, 2000.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (bar (insights, KDX_INSIGHTS_COST_FEES_BY_PLAN, "profit_share|CNY")->value, 200.0, 1e-9);

  /* Payments in Q1: A 500 + 300 CNY (buyout); B 100 CNY (profit share);
   * C 40 USD and E 1000 USD (buyout). */
  b = bar (insights, KDX_INSIGHTS_COST_PAYMENTS_BY_PLAN, "buyout|CNY");
  g_assert_cmpfloat_with_epsilon (b->value, 800.0, 1e-9);
  g_assert_cmpint (b->count, ==, 1);
  b = bar (insights, KDX_INSIGHTS_COST_PAYMENTS_BY_PLAN, "buyout|USD");
  g_assert_cmpfloat_with_epsilon (b->value, 1040.0, 1e-9);
  g_assert_cmpint (b->count, ==, 2);
  g_assert_cmpfloat_with_epsilon (bar (insights, KDX_INSIGHTS_COST_PAYMENTS_BY_PLAN, "profit_share|CNY")->value, 100.0, 1e-9);

  /* By month: January E 1000 USD; February A 500 CNY, C 40 USD; March A
   * 300 + B 100 = 400 CNY. */
  g_assert_cmpuint (n_bars (insights, KDX_INSIGHTS_COST_PAYMENTS_BY_MONTH), ==, 4);
  g_assert_cmpfloat_with_epsilon (bar (insights, KDX_INSIGHTS_COST_PAYMENTS_BY_MONTH, "2026-01|USD")->value, 1000.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (bar (insights, KDX_INSIGHTS_COST_PAYMENTS_BY_MONTH, "2026-02|CNY")->value, 500.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (bar (insights, KDX_INSIGHTS_COST_PAYMENTS_BY_MONTH, "2026-02|USD")->value, 40.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (bar (insights, KDX_INSIGHTS_COST_PAYMENTS_BY_MONTH, "2026-03|CNY")->value, 400.0, 1e-9);

  /* Per active KOL: CNY 900 paid / A B = 450; USD 1040 / E = 1040. */
  b = bar (insights, KDX_INSIGHTS_COST_PER_ACTIVE, "CNY");
  g_assert_cmpint (b->count, ==, 2);
  g_assert_cmpfloat_with_epsilon (b->sum, 900.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (b->value, 450.0, 1e-9);
  b = bar (insights, KDX_INSIGHTS_COST_PER_ACTIVE, "USD");
  g_assert_cmpint (b->count, ==, 1);
  g_assert_cmpfloat_with_epsilon (b->value, 1040.0, 1e-9);
}

static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KdxInsightsPeriod) period = quarter ();
  g_autoptr(KdxInsightsFilter) li = kdx_insights_filter_new ();
  g_autoptr(KdxInsightsFilter) fitness = kdx_insights_filter_new ();
  g_autoptr(KdxInsightsFilter) head = kdx_insights_filter_new ();
  g_autoptr(KdxInsights) of_li = NULL;
  g_autoptr(KdxInsights) of_fitness = NULL;
  g_autoptr(KdxInsights) of_head = NULL;
  gint64 approached, agreed, departed;

  /* li: A, B, E. Funnel candidates A B; outreach 2 approached, 2 agreed. */
  kdx_insights_filter_set_owner (li, "li");
  of_li = compute (fixture, period, li, NULL);
  g_assert_cmpint (bar (of_li, KDX_INSIGHTS_FUNNEL, "candidate")->count, ==, 2);
  kdx_insights_get_outreach (of_li, NULL, &approached, &agreed, NULL);
  g_assert_cmpint (approached, ==, 2);
  g_assert_cmpint (agreed, ==, 2);

  /* fitness: C, D. Declined D, departed C. */
  kdx_insights_filter_set_category (fitness, "fitness");
  of_fitness = compute (fixture, period, fitness, NULL);
  g_assert_cmpint (bar (of_fitness, KDX_INSIGHTS_FUNNEL, "declined")->count, ==, 1);
  g_assert_cmpint (bar (of_fitness, KDX_INSIGHTS_FUNNEL, "departed")->count, ==, 1);

  /* head: A, E, G. Departed G only. */
  head->tier = KDX_TIER_HEAD;
  of_head = compute (fixture, period, head, NULL);
  kdx_insights_get_churn (of_head, &departed, NULL);
  g_assert_cmpint (departed, ==, 1);
  assert_ids (fixture, period, head, KDX_INSIGHTS_MIX_TIER, "head", fixture->a, fixture->e);
}

static void
test_drill_down (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KdxInsightsPeriod) period = quarter ();

  /* Exactly the KOLs behind a bar, worked out above. */
  assert_ids (fixture, period, NULL, KDX_INSIGHTS_FUNNEL, "negotiating",
              fixture->a, fixture->b, fixture->c);
  assert_ids (fixture, period, NULL, KDX_INSIGHTS_FUNNEL, "departed", fixture->c, fixture->g);
  assert_ids (fixture, period, NULL, KDX_INSIGHTS_OUTREACH_BY_CHANNEL, "wechat",
              fixture->a, fixture->d, fixture->f);
  assert_ids (fixture, period, NULL, KDX_INSIGHTS_OUTREACH_BY_OWNER, "", fixture->f);
  assert_ids (fixture, period, NULL, KDX_INSIGHTS_OUTREACH_OVER_TIME, "2026-01-19",
              fixture->b, fixture->c);
  assert_ids (fixture, period, NULL, KDX_INSIGHTS_PACE_ONBOARDED, "2026-02|beauty",
              fixture->a, fixture->b);
  assert_ids (fixture, period, NULL, KDX_INSIGHTS_TIME_IN_STAGE, "onboarding",
              fixture->a, fixture->b, fixture->c);
  assert_ids (fixture, period, NULL, KDX_INSIGHTS_CHURN_BY_REASON, "poached", fixture->c);
  assert_ids (fixture, period, NULL, KDX_INSIGHTS_MIX_SOURCE, "unset", fixture->b);
  assert_ids (fixture, period, NULL, KDX_INSIGHTS_COST_PAYMENTS_BY_PLAN, "buyout|USD",
              fixture->c, fixture->e);
  assert_ids (fixture, period, NULL, KDX_INSIGHTS_COST_PER_ACTIVE, "CNY", fixture->a, fixture->b);
}


int
main (int    argc,
      char **argv)
{
  /* Beijing time, whatever the machine's: local days are what count. */
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/insights/period", test_period);
  g_test_add_func ("/insights/median-percentile", test_median_percentile);
  ADD ("/insights/funnel", test_funnel);
  ADD ("/insights/outreach", test_outreach);
  ADD ("/insights/outreach-by-week-and-month", test_outreach_over_time);
  ADD ("/insights/pace", test_pace);
  ADD ("/insights/time-in-stage", test_time_in_stage);
  ADD ("/insights/period-cuts-a-stay", test_period_cuts_a_stay);
  ADD ("/insights/churn", test_churn);
  ADD ("/insights/mix", test_mix);
  ADD ("/insights/cost", test_cost);
  ADD ("/insights/filter", test_filter);
  ADD ("/insights/drill-down", test_drill_down);

  return g_test_run ();
}
