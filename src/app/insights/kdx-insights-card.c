/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-insights-card"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-chart-area.h"
#include "kdx-insights-card.h"

struct _KdxInsightsCard
{
  AdwBin             parent_instance;

  KdxInsightsChartId chart_id;
  KdxInsights       *insights;

  GtkLabel          *title;
  GtkToggleButton   *table_button;
  GtkStack          *stack;
  KdxChartArea      *area;
  GtkListBox        *table;
  GtkLabel          *note;
};

G_DEFINE_FINAL_TYPE (KdxInsightsCard, kdx_insights_card, ADW_TYPE_BIN)

enum {
  SIGNAL_DRILL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
bar_activated_cb (KdxInsightsCard *self,
                  int              bar)
{
  g_signal_emit (self, signals[SIGNAL_DRILL], 0, bar);
}

static void
row_activated_cb (KdxInsightsCard *self,
                  GtkListBoxRow   *row)
{
  g_signal_emit (self, signals[SIGNAL_DRILL], 0, gtk_list_box_row_get_index (row));
}

static void
table_toggled_cb (KdxInsightsCard *self)
{
  gtk_stack_set_visible_child_name (self->stack,
                                    gtk_toggle_button_get_active (self->table_button) ? "table" : "chart");
}

static GtkWidget *
cell_new (const char *text,
          gboolean    number)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1 : 0);
  gtk_label_set_wrap (GTK_LABEL (label), !number);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  else
    gtk_widget_set_hexpand (label, TRUE);
  return label;
}

/* A row of the table: the bar's name (with its month or currency), its
 * number as the chart writes it, and how many KOLs a click shows. */
static GtkWidget *
table_row_new (KdxInsightsBar *bar)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *name = bar->group != NULL
                          /* Translators: a bar of a chart in its group: "2026-03 · Beauty" */
                          ? g_strdup_printf (C_("chart bar", "%s · %s"), bar->group, bar->label)
                          : g_strdup (bar->label);
  g_autofree char *kols = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u KOL", "%u KOLs", bar->count),
                                           (guint) bar->count);
  /* Translators: a table row read out: "Negotiating: 5, 5 KOLs" */
  g_autofree char *spoken = g_strdup_printf (_("%s: %s, %s"), name, bar->value_text, kols);
  GtkWidget *kols_label = cell_new (kols, TRUE);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_box_append (GTK_BOX (box), cell_new (name, FALSE));
  gtk_box_append (GTK_BOX (box), cell_new (bar->value_text, TRUE));
  gtk_widget_add_css_class (kols_label, "dim-label");
  gtk_box_append (GTK_BOX (box), kols_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* Only a bar with KOLs behind it opens the List. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), bar->count > 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  if (bar->count > 0)
    gtk_widget_set_tooltip_text (row, _("Show these KOLs in the List"));
  return row;
}

static void
update (KdxInsightsCard *self)
{
  KdxInsightsChart *chart = self->insights != NULL ? kdx_insights_get_chart (self->insights, self->chart_id) : NULL;
  GtkWidget *child;

  kdx_chart_area_set_chart (self->area, self->insights, self->chart_id);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_list_box_remove (self->table, child);
  if (chart == NULL)
    return;

  gtk_label_set_text (self->title, chart->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table), GTK_ACCESSIBLE_PROPERTY_LABEL, chart->title, -1);
  for (guint i = 0; i < chart->bars->len; i++)
    gtk_list_box_append (self->table, table_row_new (g_ptr_array_index (chart->bars, i)));

  if (chart->bars->len == 0)
    {
      gtk_label_set_text (self->note, _("No numbers for this period"));
      gtk_widget_set_visible (GTK_WIDGET (self->note), TRUE);
    }
  else if (chart->not_recorded > 0)
    {
      g_autofree char *note =
        /* Translators: below a chart of shares */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u KOL not recorded, left out of the shares",
                                      "%u KOLs not recorded, left out of the shares",
                                      chart->not_recorded),
                         (guint) chart->not_recorded);
      gtk_label_set_text (self->note, note);
      gtk_widget_set_visible (GTK_WIDGET (self->note), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->note), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->stack), chart->bars->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->table_button), chart->bars->len > 0);
}

static void
kdx_insights_card_dispose (GObject *object)
{
  KdxInsightsCard *self = KDX_INSIGHTS_CARD (object);

  g_clear_pointer (&self->insights, kdx_insights_unref);

  G_OBJECT_CLASS (kdx_insights_card_parent_class)->dispose (object);
}

static void
kdx_insights_card_class_init (KdxInsightsCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdx_insights_card_dispose;

  signals[SIGNAL_DRILL] =
    g_signal_new ("drill", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
kdx_insights_card_init (KdxInsightsCard *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 9);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "kdx-insights-card");

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_wrap (self->title, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->title));

  self->table_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  gtk_button_set_icon_name (GTK_BUTTON (self->table_button), "view-list-symbolic");
  gtk_widget_set_valign (GTK_WIDGET (self->table_button), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self->table_button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->table_button), _("Show the Numbers as a Table"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show the Numbers as a Table"), -1);
  g_signal_connect_swapped (self->table_button, "toggled", G_CALLBACK (table_toggled_cb), self);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->table_button));
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  self->area = KDX_CHART_AREA (kdx_chart_area_new ());
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->area), _("Click a bar to see its KOLs in the List"));
  g_signal_connect_swapped (self->area, "bar-activated", G_CALLBACK (bar_activated_cb), self);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->area), "chart");

  self->table = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->table, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->table), "boxed-list");
  g_signal_connect_swapped (self->table, "row-activated", G_CALLBACK (row_activated_cb), self);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->table), "table");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  self->note = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->note, 0);
  gtk_label_set_wrap (self->note, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->note), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->note), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->note), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->note));

  adw_bin_set_child (ADW_BIN (self), box);
}

GtkWidget *
kdx_insights_card_new (KdxInsightsChartId chart)
{
  KdxInsightsCard *self = g_object_new (KDX_TYPE_INSIGHTS_CARD, NULL);

  self->chart_id = chart;
  return GTK_WIDGET (self);
}

KdxInsightsChartId
kdx_insights_card_get_chart_id (KdxInsightsCard *self)
{
  g_return_val_if_fail (KDX_IS_INSIGHTS_CARD (self), 0);
  return self->chart_id;
}

void
kdx_insights_card_set_insights (KdxInsightsCard *self,
                                KdxInsights     *insights)
{
  g_return_if_fail (KDX_IS_INSIGHTS_CARD (self));

  if (insights != NULL)
    kdx_insights_ref (insights);
  g_clear_pointer (&self->insights, kdx_insights_unref);
  self->insights = insights;
  update (self);
}

void
kdx_insights_card_show_table (KdxInsightsCard *self,
                              gboolean         table)
{
  g_return_if_fail (KDX_IS_INSIGHTS_CARD (self));
  gtk_toggle_button_set_active (self->table_button, table);
}

GtkListBox *
kdx_insights_card_get_table (KdxInsightsCard *self)
{
  g_return_val_if_fail (KDX_IS_INSIGHTS_CARD (self), NULL);
  return self->table;
}

GtkWidget *
kdx_insights_card_get_area (KdxInsightsCard *self)
{
  g_return_val_if_fail (KDX_IS_INSIGHTS_CARD (self), NULL);
  return GTK_WIDGET (self->area);
}
