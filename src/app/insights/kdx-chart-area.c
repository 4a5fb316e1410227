/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-chart-area"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kdx-chart-area.h"

struct _KdxChartArea
{
  GtkDrawingArea    parent_instance;

  KdxInsights      *insights;
  KdxInsightsChart *chart;   /* owned by insights */
};

G_DEFINE_FINAL_TYPE (KdxChartArea, kdx_chart_area, GTK_TYPE_DRAWING_AREA)

enum {
  SIGNAL_BAR_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static KdxChartColor
color_from_rgba (const GdkRGBA *rgba)
{
  return (KdxChartColor) { rgba->red, rgba->green, rgba->blue, rgba->alpha };
}

/* The named colours of libadwaita's stylesheet (light, dark and high
 * contrast alike): what the theme calls the accent and a card's
 * background. GTK 4.8 has no other way to read them. */
void
kdx_chart_style_for_widget (GtkWidget     *widget,
                            KdxChartStyle *style)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA accent = { 0.21, 0.52, 0.89, 1.0 };
  GdkRGBA foreground;
  GdkRGBA background = { 1, 1, 1, 1 };

  gtk_style_context_lookup_color (context, "accent_color", &accent);
  gtk_style_context_lookup_color (context, "card_bg_color", &background);
  gtk_style_context_get_color (context, &foreground);
  G_GNUC_END_IGNORE_DEPRECATIONS

  style->accent = color_from_rgba (&accent);
  style->foreground = color_from_rgba (&foreground);
  style->background = color_from_rgba (&background);
  style->font = NULL;
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  KdxChartArea *self = KDX_CHART_AREA (area);
  KdxChartStyle style;

  if (self->chart == NULL)
    return;
  kdx_chart_style_for_widget (GTK_WIDGET (self), &style);
  kdx_chart_draw (self->chart, cr, gtk_widget_get_pango_context (GTK_WIDGET (self)), &style, width);
}

int
kdx_chart_area_hit (KdxChartArea *self,
                    double        x,
                    double        y)
{
  KdxChartStyle style;

  g_return_val_if_fail (KDX_IS_CHART_AREA (self), -1);

  if (self->chart == NULL)
    return -1;
  kdx_chart_style_for_widget (GTK_WIDGET (self), &style);
  return kdx_chart_hit (self->chart, gtk_widget_get_pango_context (GTK_WIDGET (self)), &style,
                        gtk_widget_get_width (GTK_WIDGET (self)), x, y);
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             KdxChartArea    *self)
{
  int bar = kdx_chart_area_hit (self, x, y);

  if (bar >= 0)
    g_signal_emit (self, signals[SIGNAL_BAR_ACTIVATED], 0, bar);
}

/* A hand over what can be clicked through to the List. */
static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           KdxChartArea             *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   kdx_chart_area_hit (self, x, y) >= 0 ? "pointer" : NULL);
}

/* The numbers, for a screen reader: "Negotiating: 5; Onboarding: 3 …". */
static void
update_description (KdxChartArea *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; self->chart != NULL && i < self->chart->bars->len; i++)
    {
      KdxInsightsBar *bar = g_ptr_array_index (self->chart->bars, i);

      if (text->len > 0)
        g_string_append (text, "; ");
      if (bar->group != NULL)
        g_string_append_printf (text, "%s, ", bar->group);
      /* Translators: a bar of a chart read out: "Negotiating: 5" */
      g_string_append_printf (text, _("%s: %s"), bar->label, bar->value_text);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->chart != NULL ? self->chart->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
}

static void
style_changed_cb (KdxChartArea *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static GtkSizeRequestMode
kdx_chart_area_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* As tall as the chart needs at the width it is given. */
static void
kdx_chart_area_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  KdxChartArea *self = KDX_CHART_AREA (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 420;
      return;
    }
  if (self->chart == NULL)
    {
      *minimum = *natural = 0;
      return;
    }
  {
    KdxChartStyle style;
    double height;

    kdx_chart_style_for_widget (widget, &style);
    height = kdx_chart_get_height (self->chart, gtk_widget_get_pango_context (widget), &style,
                                   for_size > 0 ? for_size : 420);
    *minimum = *natural = (int) ceil (height);
  }
}

static void
kdx_chart_area_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (kdx_chart_area_parent_class)->css_changed (widget, change);
  /* The font may have changed with the colours. */
  gtk_widget_queue_resize (widget);
}

static void
kdx_chart_area_dispose (GObject *object)
{
  KdxChartArea *self = KDX_CHART_AREA (object);

  self->chart = NULL;
  g_clear_pointer (&self->insights, kdx_insights_unref);

  G_OBJECT_CLASS (kdx_chart_area_parent_class)->dispose (object);
}

static void
kdx_chart_area_class_init (KdxChartAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_chart_area_dispose;
  widget_class->get_request_mode = kdx_chart_area_get_request_mode;
  widget_class->measure = kdx_chart_area_measure;
  widget_class->css_changed = kdx_chart_area_css_changed;

  signals[SIGNAL_BAR_ACTIVATED] =
    g_signal_new ("bar-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kdx_chart_area_init (KdxChartArea *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  AdwStyleManager *manager = adw_style_manager_get_default ();

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_cb, NULL, NULL);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  /* Dark mode and high contrast change the colours under the chart. */
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (style_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
kdx_chart_area_new (void)
{
  return g_object_new (KDX_TYPE_CHART_AREA, NULL);
}

void
kdx_chart_area_set_chart (KdxChartArea      *self,
                          KdxInsights       *insights,
                          KdxInsightsChartId chart)
{
  g_return_if_fail (KDX_IS_CHART_AREA (self));

  if (insights != NULL)
    kdx_insights_ref (insights);
  g_clear_pointer (&self->insights, kdx_insights_unref);
  self->insights = insights;
  self->chart = insights != NULL ? kdx_insights_get_chart (insights, chart) : NULL;
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

KdxInsightsChart *
kdx_chart_area_get_chart (KdxChartArea *self)
{
  g_return_val_if_fail (KDX_IS_CHART_AREA (self), NULL);
  return self->chart;
}
