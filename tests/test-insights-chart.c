/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-insights-chart"

#include "config.h"

#include <pango/pangocairo.h>

#include "kdx-chart.h"
#include "kdx-event.h"
#include "kdx-store.h"
#include "kdx-test-util.h"

/* The success-rate charts' scale (issue 11, item 3): "0 %", the 30-40 %
 * band's name and "100 %" are written above the rows, and at any width,
 * from a phone's to a wide window's, none of them overlaps another or
 * leaves the chart. */

static KdxInsights *
outreach_insights (KdxStore *store)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  g_autoptr(KdxEvent) event = kdx_event_new ();
  g_autoptr(KdxInsightsPeriod) period = NULL;
  g_autoptr(GError) error = NULL;
  KdxInsights *insights;
  GDate today;

  g_object_set (kol, "display-name", "小美", NULL);
  g_object_set (event, "kind", KDX_EVENT_KIND_OUTREACH, "at", "2025-06-10T04:00:00Z",
                "channel", "wechat", "outcome", KDX_OUTCOME_AGREED, NULL);
  g_list_store_append (kdx_kol_get_events (kol), event);
  g_assert_true (kdx_store_add_kol (store, kol, &error));
  g_assert_no_error (error);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 31, 12, 2025);
  period = kdx_insights_period_new (KDX_INSIGHTS_PERIOD_THIS_YEAR, &today);
  insights = kdx_insights_compute (store, period, NULL, NULL, &error);
  g_assert_no_error (error);
  return insights;
}

static void
test_scale_never_overlaps (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "chart.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_store_open (path, &error);
  g_autoptr(KdxInsights) insights = NULL;
  g_autoptr(GObject) context_object = G_OBJECT (pango_font_map_create_context (pango_cairo_font_map_get_default ()));
  PangoContext *context = PANGO_CONTEXT (context_object);
  KdxChartStyle style = { { 0.2, 0.5, 0.9, 1 }, { 0, 0, 0, 1 }, { 1, 1, 1, 1 }, NULL };
  KdxInsightsChart *channel, *funnel;
  KdxChartLabel labels[KDX_CHART_N_SCALE_LABELS];

  g_assert_no_error (error);
  insights = outreach_insights (store);
  channel = kdx_insights_get_chart (insights, KDX_INSIGHTS_OUTREACH_BY_CHANNEL);
  funnel = kdx_insights_get_chart (insights, KDX_INSIGHTS_FUNNEL);
  g_assert_cmpuint (channel->bars->len, ==, 1);

  /* Only a success rate has a scale. */
  g_assert_false (kdx_chart_get_scale (funnel, context, &style, 600, labels));

  for (double width = 160; width <= 1400; width += 7)
    {
      double right = 0.0;

      g_assert_true (kdx_chart_get_scale (channel, context, &style, width, labels));
      g_assert_true (labels[KDX_CHART_SCALE_ZERO].shown);
      /* From a narrow window's card up, the band is named. */
      if (width >= 300)
        g_assert_true (labels[KDX_CHART_SCALE_BAND].shown);
      if (width >= 500)
        g_assert_true (labels[KDX_CHART_SCALE_FULL].shown);
      for (guint i = 0; i < KDX_CHART_N_SCALE_LABELS; i++)
        {
          if (!labels[i].shown)
            continue;
          g_assert_cmpfloat (labels[i].x, >=, right);
          g_assert_cmpfloat (labels[i].x + labels[i].width, <=, width);
          right = labels[i].x + labels[i].width;
        }
      /* The scale takes room above the rows: the bar is hit below it only. */
      g_assert_cmpint (kdx_chart_hit (channel, context, &style, width, 1, 1), ==, -1);
      g_assert_cmpint (kdx_chart_hit (channel, context, &style, width, 1,
                                      kdx_chart_get_height (channel, context, &style, width) - 1),
                       ==, 0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/insights/chart/scale-never-overlaps", test_scale_never_overlaps);
  return g_test_run ();
}
