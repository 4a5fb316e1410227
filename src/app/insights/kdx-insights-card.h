/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-insights.h"

G_BEGIN_DECLS

/* One chart of Insights as a card: its title, the chart (KdxChartArea),
 * and the same numbers as a table (a list of rows a screen reader reads
 * and a keyboard walks; a button switches between the two). A click on a
 * bar or Enter on a row says "drill" with the bar's index: the view shows
 * those KOLs in the List. */

#define KDX_TYPE_INSIGHTS_CARD (kdx_insights_card_get_type ())
G_DECLARE_FINAL_TYPE (KdxInsightsCard, kdx_insights_card, KDX, INSIGHTS_CARD, AdwBin)

GtkWidget         *kdx_insights_card_new        (KdxInsightsChartId chart);
KdxInsightsChartId kdx_insights_card_get_chart_id (KdxInsightsCard *self);
void               kdx_insights_card_set_insights (KdxInsightsCard *self,
                                                   KdxInsights     *insights);
/* Shows the numbers as a table (TRUE) or as the chart. */
void               kdx_insights_card_show_table (KdxInsightsCard *self,
                                                 gboolean         table);
GtkListBox        *kdx_insights_card_get_table  (KdxInsightsCard *self);
GtkWidget         *kdx_insights_card_get_area   (KdxInsightsCard *self);

G_END_DECLS
