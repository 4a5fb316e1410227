/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kdx-insights.h"
#include "kdx-store.h"

G_BEGIN_DECLS

/* The numbers the Insights view shows, kept up to date without blocking a
 * frame: every change of the store, the period, the filter or the pace
 * targets (Preferences) computes a new KdxInsights in a worker, on a
 * sibling connection; the view keeps the last answer meanwhile. Changes
 * while a worker runs make one more run after it, not one each. While
 * nobody looks (the view is not shown) changes only mark the answer
 * stale, so 100,000 KOLs are not counted again for every edit in the
 * List. */

#define KDX_TYPE_INSIGHTS_TRACKER (kdx_insights_tracker_get_type ())
G_DECLARE_FINAL_TYPE (KdxInsightsTracker, kdx_insights_tracker, KDX, INSIGHTS_TRACKER, GObject)

KdxInsightsTracker      *kdx_insights_tracker_new          (KdxStore                *store);
void                     kdx_insights_tracker_set_period   (KdxInsightsTracker      *self,
                                                            const KdxInsightsPeriod *period);
const KdxInsightsPeriod *kdx_insights_tracker_get_period   (KdxInsightsTracker      *self);
void                     kdx_insights_tracker_set_filter   (KdxInsightsTracker      *self,
                                                            const KdxInsightsFilter *filter);
const KdxInsightsFilter *kdx_insights_tracker_get_filter   (KdxInsightsTracker      *self);
/* Whether someone looks: when it turns TRUE, a stale answer is renewed. */
void                     kdx_insights_tracker_set_active   (KdxInsightsTracker      *self,
                                                            gboolean                 active);
/* (nullable) (transfer none): the newest answer, NULL before the first. */
KdxInsights             *kdx_insights_tracker_get_insights (KdxInsightsTracker      *self);
/* (nullable): why the last computation failed, for the view to say. */
const char              *kdx_insights_tracker_get_error    (KdxInsightsTracker      *self);
/* Whether a newer answer is being computed. */
gboolean                 kdx_insights_tracker_get_busy     (KdxInsightsTracker      *self);
/* The targets from Preferences, as the core takes them. */
KdxInsightsTargets      *kdx_insights_targets_from_settings (GSettings              *settings);

G_END_DECLS
