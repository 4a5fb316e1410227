/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "kdx-insights.h"

G_BEGIN_DECLS

/* Charts of Insights drawn with Cairo and Pango (issue 11, item 2), the
 * same for the app's GtkDrawingArea and the PDF report. The caller gives
 * the colours (the app: the GTK theme's accent, foreground and background,
 * so dark mode follows) and the font; text is laid out with Pango, so
 * Chinese labels render. Every bar has its number written beside it.
 *
 * A chart is as wide as it is given and as tall as its bars need
 * (kdx_chart_get_height()); kdx_chart_hit() says which bar lies at a point,
 * for clicking through to the List. */

typedef struct
{
  double red, green, blue, alpha;
} KdxChartColor;

typedef struct
{
  KdxChartColor               accent;     /* bars */
  KdxChartColor               foreground; /* text, axis */
  KdxChartColor               background; /* behind, and text on bars */
  const PangoFontDescription *font;       /* NULL: the context's font */
} KdxChartStyle;

/* The height @chart needs at @width, in the units of the cairo context. */
double kdx_chart_get_height (KdxInsightsChart    *chart,
                             PangoContext        *context,
                             const KdxChartStyle *style,
                             double               width);
/* Draws @chart with its top-left corner at the origin of @cr, its text
 * laid out in @context (the widget's, or pango_cairo_create_context()). */
void   kdx_chart_draw       (KdxInsightsChart    *chart,
                             cairo_t             *cr,
                             PangoContext        *context,
                             const KdxChartStyle *style,
                             double               width);
/* Rows @first to @first + @n_rows - 1 only, the first at the origin, on the
 * scale of the whole chart: a long chart split over pages. */
void   kdx_chart_draw_rows  (KdxInsightsChart    *chart,
                             cairo_t             *cr,
                             PangoContext        *context,
                             const KdxChartStyle *style,
                             double               width,
                             guint                first,
                             guint                n_rows);
/* A success rate's scale alone ("0 %", the band's name, "100 %"), at the
 * origin: above each piece of a chart split over pages, so every page's
 * rows can be read. Returns its height; 0, drawing nothing, for a chart
 * without one (every shape but a success rate, or no bars). */
double kdx_chart_draw_scale (KdxInsightsChart    *chart,
                             cairo_t             *cr,
                             PangoContext        *context,
                             const KdxChartStyle *style,
                             double               width);
double kdx_chart_get_scale_height (KdxInsightsChart    *chart,
                                   PangoContext        *context,
                                   const KdxChartStyle *style,
                                   double               width);
double kdx_chart_get_row_height (KdxInsightsChart    *chart,
                                 PangoContext        *context,
                                 const KdxChartStyle *style,
                                 double               width);
/* The index of the bar (row) at @x, @y, or -1. */
int    kdx_chart_hit        (KdxInsightsChart    *chart,
                             PangoContext        *context,
                             const KdxChartStyle *style,
                             double               width,
                             double               x,
                             double               y);

/* The labels of a success rate's scale, above its rows. */
typedef enum
{
  KDX_CHART_SCALE_ZERO, /* "0 %", where the bars start */
  KDX_CHART_SCALE_BAND, /* the reference band's name, over the band */
  KDX_CHART_SCALE_FULL, /* "100 %" */
  KDX_CHART_N_SCALE_LABELS
} KdxChartScaleLabel;

typedef struct
{
  double   x;      /* left edge, from the chart's */
  double   width;
  gboolean shown;  /* FALSE: left out for want of room */
} KdxChartLabel;

/* Where kdx_chart_draw() writes the scale's labels at @width
 * (@labels: KDX_CHART_N_SCALE_LABELS of them); FALSE for a chart
 * without a scale (every shape but a success rate). */
gboolean kdx_chart_get_scale (KdxInsightsChart    *chart,
                              PangoContext        *context,
                              const KdxChartStyle *style,
                              double               width,
                              KdxChartLabel       *labels);

G_END_DECLS
