/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kdx-insights-filter.h"
#include "kdx-insights-period.h"
#include "kdx-insights-targets.h"
#include "kdx-stage.h"
#include "kdx-types.h"

G_BEGIN_DECLS

/* The numbers of the Insights view (issue 11, item 1), every one from SQL
 * aggregates in the store (kdx-store-insights.c): no KOL file is loaded.
 * docs/insights.md defines each number; the view's help shows that text.
 *
 *   g_autoptr(KdxInsights) insights =
 *     kdx_insights_compute (store, period, filter, targets, &error);
 *   for (guint c = 0; c < KDX_INSIGHTS_N_CHARTS; c++)
 *     draw kdx_insights_get_chart (insights, c) (kdx-chart.h)
 *
 * Every section is one or more charts; a chart is a list of bars (a bar
 * is also a funnel step or a slice). Each bar carries a key: hand the
 * chart id and the key to kdx_insights_bar_ids() for exactly the KOLs
 * behind that bar, and show them in the List by setting the KdxKolQuery's
 * `ids` (the list's "only these KOLs" restriction, already in the core)
 * to that array. */

typedef enum
{
  KDX_INSIGHTS_SECTION_FUNNEL,
  KDX_INSIGHTS_SECTION_OUTREACH,
  KDX_INSIGHTS_SECTION_PACE,
  KDX_INSIGHTS_SECTION_TIME_IN_STAGE,
  KDX_INSIGHTS_SECTION_CHURN,
  KDX_INSIGHTS_SECTION_MIX,
  KDX_INSIGHTS_SECTION_COST,
  KDX_INSIGHTS_N_SECTIONS
} KdxInsightsSection;

/* The charts, in the order the view and the report show them. The keys of
 * their bars are given beside each; treat them as opaque. */
typedef enum
{
  KDX_INSIGHTS_FUNNEL,               /* stage nicks: candidate … mature, then declined, departed */
  KDX_INSIGHTS_OUTREACH_OVER_TIME,   /* "YYYY-MM" or the Monday "YYYY-MM-DD" of the week */
  KDX_INSIGHTS_OUTREACH_BY_OWNER,    /* owner, "" for none */
  KDX_INSIGHTS_OUTREACH_BY_CHANNEL,  /* channel value, "" for none */
  KDX_INSIGHTS_OUTREACH_BY_TIER,     /* tier nick */
  KDX_INSIGHTS_PACE_CANDIDATES,      /* "YYYY-MM|category", category "" for none */
  KDX_INSIGHTS_PACE_ONBOARDED,       /* "YYYY-MM|category" */
  KDX_INSIGHTS_TIME_IN_STAGE,        /* stage nick */
  KDX_INSIGHTS_CHURN_BY_REASON,      /* churn reason value or free text, "" for none */
  KDX_INSIGHTS_CHURN_BY_SOURCE,      /* source nick */
  KDX_INSIGHTS_CHURN_BY_TIER,        /* tier nick */
  KDX_INSIGHTS_MIX_TIER,             /* tier nick: head, waist, tail, unrated */
  KDX_INSIGHTS_MIX_PLATFORM,         /* platform value, "" for none */
  KDX_INSIGHTS_MIX_SOURCE,           /* source nick */
  KDX_INSIGHTS_COST_FEES_BY_PLAN,    /* "plan|CUR", CUR "" for none */
  KDX_INSIGHTS_COST_PAYMENTS_BY_PLAN,/* "plan|CUR" */
  KDX_INSIGHTS_COST_PAYMENTS_BY_MONTH,/* "YYYY-MM|CUR" */
  KDX_INSIGHTS_COST_PER_ACTIVE,      /* "CUR" */
  KDX_INSIGHTS_N_CHARTS
} KdxInsightsChartId;

/* How a chart is drawn (kdx-chart.h). */
typedef enum
{
  KDX_INSIGHTS_SHAPE_BARS,    /* horizontal bars from the left, the number beside */
  KDX_INSIGHTS_SHAPE_FUNNEL,  /* centred bars narrowing down, conversions between */
  KDX_INSIGHTS_SHAPE_RATE,    /* bars of a rate 0..1 with the 30-40 % band behind */
  KDX_INSIGHTS_SHAPE_PYRAMID, /* centred bars, head on top */
  KDX_INSIGHTS_SHAPE_TARGET,  /* bars with a mark at each bar's target */
} KdxInsightsShape;

typedef struct
{
  char     *key;          /* selects its KOLs in kdx_insights_bar_ids() */
  char     *label;        /* translated: "Negotiating", "March 2026", "Not recorded" */
  char     *group;        /* a second dimension, or NULL: the month of a pace bar, the
                           * currency of a cost bar */
  double    value;        /* what the bar's length shows (count, rate, days, amount) */
  char     *value_text;   /* written beside the bar, as the table shows it */
  gint64    count;        /* KOLs behind the bar (reached, approached, departed, active,
                           * stays in the stage, paid) */
  gint64    part;         /* outreach: KOLs that agreed; otherwise 0 */
  gint64    attempts;     /* outreach: outreach events; otherwise 0 */
  double    ratio;        /* funnel: conversion from the step before; outreach: success
                           * rate; mix: share of the recorded; NAN when none */
  double    p90;          /* time in stage: 90th percentile days; NAN otherwise */
  gint64    target;       /* pace: the month's target; 0 = none */
  double    sum;          /* cost per active KOL: the payments in that currency */
  gboolean  not_recorded; /* an unset value: counted, left out of ratios */
} KdxInsightsBar;

typedef struct
{
  KdxInsightsChartId  id;
  KdxInsightsSection  section;
  KdxInsightsShape    shape;
  char               *title;        /* translated */
  char               *value_title;  /* the table's head for value_text, translated */
  GPtrArray          *bars;         /* (element-type KdxInsightsBar) */
  gint64              not_recorded; /* mix: KOLs with the field unset, left out of ratios */
} KdxInsightsChart;

/* A KOL in a stage more than twice that stage's median (time in stage). */
typedef struct
{
  gint64    id;
  char     *display_name;
  char     *owner;
  KdxStage  stage;
  double    days;   /* in the stage so far, cut at the period's end */
  double    median; /* the stage's median days */
} KdxInsightsStuck;

typedef struct _KdxInsights KdxInsights;

#define KDX_TYPE_INSIGHTS (kdx_insights_get_type ())

GType        kdx_insights_get_type (void) G_GNUC_CONST;
KdxInsights *kdx_insights_ref      (KdxInsights *self);
void         kdx_insights_unref    (KdxInsights *self);

/* Every section over @period for the KOLs @filter lets through (NULL:
 * all), pace against @targets (NULL: none). Reads the store only; blocks
 * (run it in a worker on kdx_store_open_sibling() for a big database). */
KdxInsights *kdx_insights_compute  (KdxStore                 *store,
                                    const KdxInsightsPeriod  *period,
                                    const KdxInsightsFilter  *filter,
                                    const KdxInsightsTargets *targets,
                                    GError                  **error);

/* The ids (ascending) of exactly the KOLs behind the bar @key of @chart,
 * for the same @period and @filter: the List shows them through
 * KdxKolQuery.ids. Time in stage: the KOLs of the stays counted; cost
 * per active KOL: the active KOLs of that currency. */
GArray      *kdx_insights_bar_ids  (KdxStore                 *store,
                                    const KdxInsightsPeriod  *period,
                                    const KdxInsightsFilter  *filter,
                                    KdxInsightsChartId        chart,
                                    const char               *key,
                                    GError                  **error);

const KdxInsightsPeriod *kdx_insights_get_period (KdxInsights *self);
const KdxInsightsFilter *kdx_insights_get_filter (KdxInsights *self);
KdxInsightsChart *kdx_insights_get_chart        (KdxInsights       *self,
                                                 KdxInsightsChartId chart);
/* A bar by its key, or NULL. */
KdxInsightsBar   *kdx_insights_chart_find_bar   (KdxInsightsChart  *chart,
                                                 const char        *key);
/* Outreach over the whole period. success_rate: agreed / approached, or
 * NAN when nobody was approached. */
void         kdx_insights_get_outreach     (KdxInsights *self,
                                            gint64      *attempts,
                                            gint64      *approached,
                                            gint64      *agreed,
                                            double      *success_rate);
/* Churn: KOLs departed in the period, and the median days from their
 * first move to Onboarding to their departure (NAN when none). */
void         kdx_insights_get_churn        (KdxInsights *self,
                                            gint64      *departed,
                                            double      *median_days);
/* (element-type KdxInsightsStuck), longest first. */
GPtrArray   *kdx_insights_get_stuck        (KdxInsights *self);
/* The table of a chart, as the report, the XLSX sheet, the CLI and the
 * view's accessible table show it: translated column heads, and the
 * cells of one bar (as many as heads). */
GStrv        kdx_insights_chart_get_headings (KdxInsightsChart *chart);
GStrv        kdx_insights_bar_get_cells      (KdxInsightsChart *chart,
                                              KdxInsightsBar   *bar);
/* A translated section title. */
const char  *kdx_insights_section_get_title (KdxInsightsSection section);
/* Whether a list of KOL names is in it (the stuck KOLs): a report of it
 * is written 0600. */
gboolean     kdx_insights_lists_names       (KdxInsights *self);

/* The median and the nearest-rank percentile (0 < @p <= 1) of @n sorted
 * values; NAN when @n is 0 (docs/insights.md). */
double       kdx_insights_median           (const double *sorted,
                                            gsize         n);
double       kdx_insights_percentile       (const double *sorted,
                                            gsize         n,
                                            double        p);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdxInsights, kdx_insights_unref)

G_END_DECLS
