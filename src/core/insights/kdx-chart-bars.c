/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "kdx-chart.h"

/* Every Insights chart is a column of rows, one per bar: the label on the
 * left, the bar, and its number written just beyond the bar's end. When
 * that leaves the bars too little room (a narrow window), each label
 * gets a line of its own above its bar, and the bar the whole width. The
 * shapes differ in where a bar starts (funnel and pyramid are centred),
 * what lies behind (the 30-40 % band of a success rate) and what is
 * marked on it (a pace target). Measuring, drawing and hit-testing walk
 * the same geometry (Geometry), so a click lands on the row drawn there. */

#define BAND_LOW  0.30
#define BAND_HIGH 0.40

typedef struct
{
  double row_height;
  double line;       /* one line of text */
  double bar_row;    /* the height of the bar's line in a row */
  double bar_top;    /* where it starts in the row: below the label when stacked */
  gboolean stacked;
  double label_width;
  double bar_left;   /* where the bar area starts */
  double bar_width;  /* its width, the numbers beyond it included */
  double text_width; /* room kept for the widest number */
  double pad;
  double scale;      /* value of a full-width bar */
} Geometry;

static PangoLayout *
make_layout (PangoContext        *context,
             const KdxChartStyle *style,
             const char          *text)
{
  PangoLayout *layout = pango_layout_new (context);

  if (style->font != NULL)
    pango_layout_set_font_description (layout, style->font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* The text written beside a bar: its number, and the ratio a person
 * reads with it (a funnel step's conversion, a mix slice's share). */
static char *
bar_text (KdxInsightsChart *chart,
          KdxInsightsBar   *bar)
{
  if ((chart->shape == KDX_INSIGHTS_SHAPE_FUNNEL || chart->section == KDX_INSIGHTS_SECTION_MIX)
      && !isnan (bar->ratio))
    /* Translators: a count, then a percentage: "12 · 60 %" */
    return g_strdup_printf (_("%s · %.0f %%"), bar->value_text, bar->ratio * 100.0);
  return g_strdup (bar->value_text);
}

static char *
bar_label (KdxInsightsChart *chart,
           KdxInsightsBar   *bar)
{
  if (bar->group != NULL)
    /* Translators: a bar's two labels, "February 2026 · beauty", "Buyout · CNY" */
    return chart->section == KDX_INSIGHTS_SECTION_PACE
             ? g_strdup_printf (_("%s · %s"), bar->group, bar->label)
             : g_strdup_printf (_("%s · %s"), bar->label, bar->group);
  return g_strdup (bar->label);
}

static double
text_width (PangoContext        *context,
            const KdxChartStyle *style,
            const char          *text,
            double              *height)
{
  g_autoptr(PangoLayout) layout = make_layout (context, style, text);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  if (height != NULL)
    *height = MAX (*height, (double) h / PANGO_SCALE);
  return (double) w / PANGO_SCALE;
}

static void
measure (KdxInsightsChart    *chart,
         PangoContext        *context,
         const KdxChartStyle *style,
         double               width,
         Geometry            *geometry)
{
  double line = 0.0, labels = 0.0, numbers = 0.0, max_value = 0.0;

  text_width (context, style, "Ag国", &line);
  for (guint i = 0; i < chart->bars->len; i++)
    {
      KdxInsightsBar *bar = g_ptr_array_index (chart->bars, i);
      g_autofree char *label = bar_label (chart, bar);
      g_autofree char *text = bar_text (chart, bar);

      labels = MAX (labels, text_width (context, style, label, &line));
      numbers = MAX (numbers, text_width (context, style, text, &line));
      if (!isnan (bar->value))
        max_value = MAX (max_value, bar->value);
      if (chart->shape == KDX_INSIGHTS_SHAPE_TARGET)
        max_value = MAX (max_value, (double) bar->target);
    }
  geometry->pad = ceil (line * 0.4);
  geometry->line = ceil (line);
  geometry->bar_row = ceil (line + geometry->pad * 1.5);
  /* Labels take what they need, up to two fifths; long ones are cut. */
  geometry->label_width = MIN (ceil (labels), floor (width * 0.4));
  geometry->bar_left = geometry->label_width + geometry->pad;
  geometry->text_width = ceil (numbers) + geometry->pad;
  geometry->bar_width = MAX (0.0, width - geometry->bar_left);
  /* Bars shorter than a third of the width say little: the labels go
   * above them instead, uncut. */
  geometry->stacked = labels > 0.0 && geometry->bar_width - geometry->text_width < width * 0.3;
  if (geometry->stacked)
    {
      geometry->label_width = width;
      geometry->bar_left = 0.0;
      geometry->bar_width = width;
    }
  geometry->bar_top = geometry->stacked ? geometry->line : 0.0;
  geometry->row_height = geometry->bar_top + geometry->bar_row;
  geometry->scale = chart->shape == KDX_INSIGHTS_SHAPE_RATE ? MAX (1.0, max_value)
                    : max_value > 0.0 ? max_value : 1.0;
}

/* A success-rate chart has a scale above its rows: "0 %" where the bars
 * start, the reference band named over the band, "100 %" at the end. */
static double
scale_height (KdxInsightsChart *chart,
              const Geometry   *geometry)
{
  if (chart->shape != KDX_INSIGHTS_SHAPE_RATE || chart->bars->len == 0)
    return 0.0;
  return geometry->line + geometry->pad;
}

double
kdx_chart_get_height (KdxInsightsChart    *chart,
                      PangoContext        *context,
                      const KdxChartStyle *style,
                      double               width)
{
  Geometry geometry;

  measure (chart, context, style, width, &geometry);
  /* An empty chart still has a row to say so. */
  return scale_height (chart, &geometry) + geometry.row_height * MAX (1u, chart->bars->len);
}

static void
set_color (cairo_t             *cr,
           const KdxChartColor *color,
           double               alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
show_text (cairo_t             *cr,
           PangoContext        *context,
           const KdxChartStyle *style,
           const char          *text,
           double               x,
           double               y,
           double               max_width,
           double               row_height)
{
  g_autoptr(PangoLayout) layout = make_layout (context, style, text);
  int w, h;

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, x, y + (row_height - (double) h / PANGO_SCALE) / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static double
layout_width (PangoContext        *context,
              const KdxChartStyle *style,
              const char          *text)
{
  return text_width (context, style, text, NULL);
}

/* The scale's texts: "0 %", the band's name, "100 %". */
static void
scale_texts (char **texts)
{
  /* Translators: a percentage on a chart's scale; keep %.0f and the %% */
  texts[KDX_CHART_SCALE_ZERO] = g_strdup_printf (_("%.0f %%"), 0.0);
  /* Translators: the name of the band drawn behind success rates: "Good:
   * 30–40 %"; keep both %.0f and the %% */
  texts[KDX_CHART_SCALE_BAND] = g_strdup_printf (_("Good: %.0f–%.0f %%"), BAND_LOW * 100.0,
                                                 BAND_HIGH * 100.0);
  texts[KDX_CHART_SCALE_FULL] = g_strdup_printf (_("%.0f %%"), 100.0);
}

/* Where the scale's labels go. They never overlap: the band's name is
 * centred over the band, moved right of "0 %" when the band lies too
 * near the start (a narrow chart) and left of the chart's end, and
 * "100 %" gives way to it. */
static void
place_scale (KdxInsightsChart    *chart,
             PangoContext        *context,
             const KdxChartStyle *style,
             double               width,
             const Geometry      *g,
             char               **texts,
             KdxChartLabel       *labels)
{
  double room = MAX (0.0, g->bar_width - g->text_width);
  double band_left = g->bar_left + room * BAND_LOW / g->scale;
  double band_width = room * (BAND_HIGH - BAND_LOW) / g->scale;
  double end = g->bar_left + room / g->scale;
  KdxChartLabel *zero = &labels[KDX_CHART_SCALE_ZERO];
  KdxChartLabel *band = &labels[KDX_CHART_SCALE_BAND];
  KdxChartLabel *full = &labels[KDX_CHART_SCALE_FULL];

  for (guint i = 0; i < KDX_CHART_N_SCALE_LABELS; i++)
    labels[i].width = layout_width (context, style, texts[i]);
  zero->x = g->bar_left;
  zero->shown = TRUE;
  band->x = MIN (MAX (band_left + band_width / 2.0 - band->width / 2.0,
                      zero->x + zero->width + g->pad),
                 width - band->width);
  band->shown = band->x >= zero->x + zero->width + g->pad;
  full->x = end - full->width;
  full->shown = full->x >= (band->shown ? band->x + band->width : zero->x + zero->width) + g->pad;
}

/* The scale of a success rate (scale_height()) and the band behind it. */
static void
draw_scale (KdxInsightsChart    *chart,
            cairo_t             *cr,
            PangoContext        *context,
            const KdxChartStyle *style,
            double               width,
            const Geometry      *g,
            double               height)
{
  char *texts[KDX_CHART_N_SCALE_LABELS];
  KdxChartLabel labels[KDX_CHART_N_SCALE_LABELS];
  double room = MAX (0.0, g->bar_width - g->text_width);

  set_color (cr, &style->accent, 0.15);
  cairo_rectangle (cr, g->bar_left + room * BAND_LOW / g->scale, 0,
                   room * (BAND_HIGH - BAND_LOW) / g->scale, height);
  cairo_fill (cr);

  scale_texts (texts);
  place_scale (chart, context, style, width, g, texts, labels);
  set_color (cr, &style->foreground, 0.6);
  for (guint i = 0; i < KDX_CHART_N_SCALE_LABELS; i++)
    {
      if (labels[i].shown)
        show_text (cr, context, style, texts[i], labels[i].x, 0, 0, g->line);
      g_free (texts[i]);
    }
}

gboolean
kdx_chart_get_scale (KdxInsightsChart    *chart,
                     PangoContext        *context,
                     const KdxChartStyle *style,
                     double               width,
                     KdxChartLabel       *labels)
{
  char *texts[KDX_CHART_N_SCALE_LABELS];
  Geometry g;

  measure (chart, context, style, width, &g);
  if (scale_height (chart, &g) <= 0.0)
    return FALSE;
  scale_texts (texts);
  place_scale (chart, context, style, width, &g, texts, labels);
  for (guint i = 0; i < KDX_CHART_N_SCALE_LABELS; i++)
    g_free (texts[i]);
  return TRUE;
}

double
kdx_chart_get_scale_height (KdxInsightsChart    *chart,
                            PangoContext        *context,
                            const KdxChartStyle *style,
                            double               width)
{
  Geometry g;

  measure (chart, context, style, width, &g);
  return scale_height (chart, &g);
}

double
kdx_chart_draw_scale (KdxInsightsChart    *chart,
                      cairo_t             *cr,
                      PangoContext        *context,
                      const KdxChartStyle *style,
                      double               width)
{
  Geometry g;
  double top;

  measure (chart, context, style, width, &g);
  if ((top = scale_height (chart, &g)) > 0.0)
    {
      cairo_save (cr);
      draw_scale (chart, cr, context, style, width, &g, top);
      cairo_restore (cr);
    }
  return top;
}

void
kdx_chart_draw (KdxInsightsChart    *chart,
                cairo_t             *cr,
                PangoContext        *context,
                const KdxChartStyle *style,
                double               width)
{
  double top = kdx_chart_draw_scale (chart, cr, context, style, width);

  cairo_save (cr);
  cairo_translate (cr, 0, top);
  kdx_chart_draw_rows (chart, cr, context, style, width, 0, chart->bars->len);
  cairo_restore (cr);
}

double
kdx_chart_get_row_height (KdxInsightsChart    *chart,
                          PangoContext        *context,
                          const KdxChartStyle *style,
                          double               width)
{
  Geometry geometry;

  measure (chart, context, style, width, &geometry);
  return geometry.row_height;
}

void
kdx_chart_draw_rows (KdxInsightsChart    *chart,
                     cairo_t             *cr,
                     PangoContext        *context,
                     const KdxChartStyle *style,
                     double               width,
                     guint                first,
                     guint                n_rows)
{
  Geometry g;
  double room, thickness;
  guint end = MIN (chart->bars->len, first + n_rows);

  measure (chart, context, style, width, &g);
  room = MAX (0.0, g.bar_width - g.text_width);
  thickness = g.bar_row - g.pad;

  cairo_save (cr);
  if (chart->bars->len == 0)
    {
      set_color (cr, &style->foreground, 0.6);
      show_text (cr, context, style, _("Nothing in this period"), 0, 0, width, g.row_height);
      cairo_restore (cr);
      return;
    }

  /* The success rate a good programme reaches, behind every bar. */
  if (chart->shape == KDX_INSIGHTS_SHAPE_RATE)
    {
      set_color (cr, &style->accent, 0.15);
      cairo_rectangle (cr, g.bar_left + room * BAND_LOW / g.scale, 0,
                       room * (BAND_HIGH - BAND_LOW) / g.scale,
                       g.row_height * (end - MIN (first, end)));
      cairo_fill (cr);
    }

  for (guint i = first; i < end; i++)
    {
      KdxInsightsBar *bar = g_ptr_array_index (chart->bars, i);
      g_autofree char *label = bar_label (chart, bar);
      g_autofree char *text = bar_text (chart, bar);
      double y = g.row_height * (i - first);
      double value = isnan (bar->value) ? 0.0 : bar->value;
      double length = room * value / g.scale;
      gboolean centred = chart->shape == KDX_INSIGHTS_SHAPE_FUNNEL
                         || chart->shape == KDX_INSIGHTS_SHAPE_PYRAMID;
      double x = centred ? g.bar_left + (room - length) / 2.0 : g.bar_left;

      set_color (cr, &style->foreground, 1.0);
      show_text (cr, context, style, label, 0, y, g.label_width,
                 g.stacked ? g.line : g.row_height);
      y += g.bar_top;

      /* Unset values are counted but greyed: they are not part of a ratio. */
      if (bar->not_recorded)
        set_color (cr, &style->foreground, 0.35);
      else
        set_color (cr, &style->accent, 1.0);
      if (length > 0.0)
        {
          cairo_rectangle (cr, x, y + g.pad / 2.0, MAX (1.0, length), thickness);
          cairo_fill (cr);
        }

      if (chart->shape == KDX_INSIGHTS_SHAPE_TARGET && bar->target > 0)
        {
          double mark = g.bar_left + room * (double) bar->target / g.scale;
          set_color (cr, &style->foreground, 1.0);
          cairo_set_line_width (cr, 2.0);
          cairo_move_to (cr, mark, y + g.pad / 4.0);
          cairo_line_to (cr, mark, y + g.bar_row - g.pad / 4.0);
          cairo_stroke (cr);
        }

      set_color (cr, &style->foreground, 1.0);
      show_text (cr, context, style, text, x + length + g.pad / 2.0, y, 0, g.bar_row);
    }
  cairo_restore (cr);
}

int
kdx_chart_hit (KdxInsightsChart    *chart,
               PangoContext        *context,
               const KdxChartStyle *style,
               double               width,
               double               x,
               double               y)
{
  Geometry g;
  int row;

  if (x < 0 || x > width || y < 0)
    return -1;
  measure (chart, context, style, width, &g);
  y -= scale_height (chart, &g);
  if (y < 0)
    return -1;
  row = (int) floor (y / g.row_height);
  return row < (int) chart->bars->len ? row : -1;
}
