/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kdx-insights-filter.h"
#include "kdx-store.h"

G_BEGIN_DECLS

/* The popover of Insights' filter button: an owner, a tier, a category
 * and a source to count alone (each "Any" by default). The owners and
 * categories in use are read when it opens. Says "changed". */

#define KDX_TYPE_INSIGHTS_FILTERS (kdx_insights_filters_get_type ())
G_DECLARE_FINAL_TYPE (KdxInsightsFilters, kdx_insights_filters, KDX, INSIGHTS_FILTERS, GtkPopover)

KdxInsightsFilters *kdx_insights_filters_new        (KdxStore           *store);
/* (transfer full): the filter chosen. */
KdxInsightsFilter  *kdx_insights_filters_get_filter (KdxInsightsFilters *self);
/* How many of the four are set. */
guint               kdx_insights_filters_count      (KdxInsightsFilters *self);

G_END_DECLS
