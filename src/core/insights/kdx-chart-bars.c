/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "kdx-chart.h"

/* Every Insights chart is a column of rows, one per bar: the label on the
 * left, the bar, and its number written just beyond the bar's end. The
 * shapes differ in where a bar starts (funnel and pyramid are centred),
 * what lies behind (the 30-40 % band of a success rate) and what is
 * marked on it (a pace target). Measuring, drawing and hit-testing walk
 * the same geometry (Geometry), so a click lands on the row drawn there. */

#define BAND_LOW  0.30
#define BAND_HIGH 0.40

typedef struct
{
  double row_height;
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
  geometry->row_height = ceil (line + geometry->pad * 1.5);
  /* Labels take what they need, up to two fifths; long ones are cut. */
  geometry->label_width = MIN (ceil (labels), floor (width * 0.4));
  geometry->bar_left = geometry->label_width + geometry->pad;
  geometry->text_width = ceil (numbers) + geometry->pad;
  geometry->bar_width = MAX (0.0, width - geometry->bar_left);
  geometry->scale = chart->shape == KDX_INSIGHTS_SHAPE_RATE ? MAX (1.0, max_value)
                    : max_value > 0.0 ? max_value : 1.0;
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
  return geometry.row_height * MAX (1u, chart->bars->len);
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

void
kdx_chart_draw (KdxInsightsChart    *chart,
                cairo_t             *cr,
                PangoContext        *context,
                const KdxChartStyle *style,
                double               width)
{
  kdx_chart_draw_rows (chart, cr, context, style, width, 0, chart->bars->len);
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
  thickness = g.row_height - g.pad;

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
      show_text (cr, context, style, label, 0, y, g.label_width, g.row_height);

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
          cairo_line_to (cr, mark, y + g.row_height - g.pad / 4.0);
          cairo_stroke (cr);
        }

      set_color (cr, &style->foreground, 1.0);
      show_text (cr, context, style, text, x + length + g.pad / 2.0, y, 0, g.row_height);
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
  row = (int) floor (y / g.row_height);
  return row < (int) chart->bars->len ? row : -1;
}
