/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of src/core/insights and kdx-store-insights.c. */

#include "kdx-insights.h"

G_BEGIN_DECLS

/* The period as the store compares it: the UTC texts of the local
 * midnights that begin it (NULL when open) and end it (exclusive), the
 * end of the earlier of its last day and today (where stays still open
 * are cut), and the SQLite date modifier ("+480 minutes") that makes a
 * UTC time local. */
void  _kdx_insights_period_bounds (const KdxInsightsPeriod *self,
                                   char                   **from_utc,
                                   char                   **to_utc,
                                   char                   **cut_utc,
                                   char                   **local_shift);

/* kdx-insights.c: building the result */
KdxInsights      *_kdx_insights_new      (const KdxInsightsPeriod *period,
                                          const KdxInsightsFilter *filter);
KdxInsightsBar   *_kdx_insights_add_bar  (KdxInsights             *self,
                                          KdxInsightsChartId       chart,
                                          const char              *key);
void              _kdx_insights_set_outreach (KdxInsights         *self,
                                              gint64               attempts,
                                              gint64               approached,
                                              gint64               agreed);
void              _kdx_insights_set_churn (KdxInsights            *self,
                                           gint64                  departed,
                                           double                  median_days);
void              _kdx_insights_add_stuck (KdxInsights            *self,
                                           KdxInsightsStuck       *stuck);
/* Labels, texts and ratios of every bar, once all are in. */
void              _kdx_insights_finish   (KdxInsights             *self,
                                          const KdxInsightsTargets *targets);
void              kdx_insights_stuck_free (KdxInsightsStuck       *stuck);
/* kdx_insights_median() and kdx_insights_percentile (…, 0.9) of @values
 * unsorted, picked out without sorting them; reorders @values. */
void              _kdx_insights_median_and_p90 (double          *values,
                                                gsize            n,
                                                double          *median,
                                                double          *p90);

G_END_DECLS
