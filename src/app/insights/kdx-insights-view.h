/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-insights-tracker.h"
#include "kdx-store.h"

G_BEGIN_DECLS

/* Insights: the programme's numbers over a period (the funnel, outreach,
 * pace, time in stage, churn, mix, cost), each chart a card with its
 * table; a click on a bar says "show-kols" with exactly the KOLs behind
 * it, for the window to show in the List. The numbers come from a
 * KdxInsightsTracker, in a worker. */

#define KDX_TYPE_INSIGHTS_VIEW (kdx_insights_view_get_type ())
G_DECLARE_FINAL_TYPE (KdxInsightsView, kdx_insights_view, KDX, INSIGHTS_VIEW, AdwBin)

GtkWidget          *kdx_insights_view_new         (KdxStore           *store);
KdxInsightsTracker *kdx_insights_view_get_tracker (KdxInsightsView    *self);
/* The card of @chart (for tests and the report). */
GtkWidget          *kdx_insights_view_get_card    (KdxInsightsView    *self,
                                                   KdxInsightsChartId  chart);

G_END_DECLS
