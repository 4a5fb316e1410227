/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kdx-chart.h"
#include "kdx-insights.h"

G_BEGIN_DECLS

/* One Insights chart on screen: a drawing area that asks the core to
 * draw it (kdx_chart_draw()) in the theme's accent, foreground and
 * background colours, redrawn when the style (dark mode) changes; as tall
 * as the chart needs at its width; a click on a bar says "bar-activated"
 * with the bar's index. Its accessible description reads the numbers. */

#define KDX_TYPE_CHART_AREA (kdx_chart_area_get_type ())
G_DECLARE_FINAL_TYPE (KdxChartArea, kdx_chart_area, KDX, CHART_AREA, GtkDrawingArea)

GtkWidget        *kdx_chart_area_new       (void);
/* Shows @chart of @insights (kept alive while shown); NULL for none. */
void              kdx_chart_area_set_chart (KdxChartArea      *self,
                                            KdxInsights       *insights,
                                            KdxInsightsChartId chart);
KdxInsightsChart *kdx_chart_area_get_chart (KdxChartArea      *self);
/* The bar at @x, @y of the widget, or -1. */
int               kdx_chart_area_hit       (KdxChartArea      *self,
                                            double             x,
                                            double             y);
/* The chart style of @widget's theme: accent, foreground, background. */
void              kdx_chart_style_for_widget (GtkWidget       *widget,
                                              KdxChartStyle   *style);

G_END_DECLS
