/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-insights-filters"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-insights-filters.h"
#include "kdx-value-dropdown.h"

struct _KdxInsightsFilters
{
  GtkPopover   parent_instance;

  KdxStore    *store;
  GtkDropDown *owner_dropdown;
  GtkDropDown *tier_dropdown;
  GtkDropDown *category_dropdown;
  GtkDropDown *source_dropdown;
  gboolean     refreshing;  /* refilling the lists: not the user's choice */
};

G_DEFINE_FINAL_TYPE (KdxInsightsFilters, kdx_insights_filters, GTK_TYPE_POPOVER)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The dropdowns' items after "Any", in order. */
static const KdxTier tiers[] = { KDX_TIER_HEAD, KDX_TIER_WAIST, KDX_TIER_TAIL, KDX_TIER_UNRATED };
static const KdxSource sources[] = { KDX_SOURCE_EXTERNAL, KDX_SOURCE_INTERNAL, KDX_SOURCE_UNSET };

static void
emit_changed (KdxInsightsFilters *self)
{
  if (!self->refreshing)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static GtkDropDown *
add_dropdown (KdxInsightsFilters *self,
              GtkGrid            *grid,
              int                 row,
              const char         *title)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (title);
  GtkWidget *dropdown = gtk_drop_down_new (NULL, NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), dropdown);
  gtk_widget_set_hexpand (dropdown, TRUE);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, dropdown, 1, row, 1, 1);
  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (emit_changed), self);
  return GTK_DROP_DOWN (dropdown);
}

static GtkStringList *
any_list (void)
{
  GtkStringList *model = gtk_string_list_new (NULL);

  gtk_string_list_append (model, _("Any"));
  return model;
}

/* The owners and categories in use may have changed since last time. */
static void
refresh_values (KdxInsightsFilters *self)
{
  g_auto(GStrv) owners = kdx_store_list_values (self->store, "owner", NULL);
  g_auto(GStrv) categories = kdx_store_list_values (self->store, "category", NULL);

  self->refreshing = TRUE;
  kdx_value_dropdown_fill (self->owner_dropdown, owners);
  kdx_value_dropdown_fill (self->category_dropdown, categories);
  self->refreshing = FALSE;
}

static void
clear_clicked_cb (KdxInsightsFilters *self)
{
  self->refreshing = TRUE;
  gtk_drop_down_set_selected (self->owner_dropdown, 0);
  gtk_drop_down_set_selected (self->tier_dropdown, 0);
  gtk_drop_down_set_selected (self->category_dropdown, 0);
  gtk_drop_down_set_selected (self->source_dropdown, 0);
  self->refreshing = FALSE;
  emit_changed (self);
}

static void
kdx_insights_filters_show (GtkWidget *widget)
{
  refresh_values (KDX_INSIGHTS_FILTERS (widget));
  GTK_WIDGET_CLASS (kdx_insights_filters_parent_class)->show (widget);
}

static void
kdx_insights_filters_dispose (GObject *object)
{
  KdxInsightsFilters *self = KDX_INSIGHTS_FILTERS (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (kdx_insights_filters_parent_class)->dispose (object);
}

static void
kdx_insights_filters_class_init (KdxInsightsFiltersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_insights_filters_dispose;
  widget_class->show = kdx_insights_filters_show;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdx_insights_filters_init (KdxInsightsFilters *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Clear Filters"));
  g_autoptr(GtkStringList) tier_model = any_list ();
  g_autoptr(GtkStringList) source_model = any_list ();

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);

  self->refreshing = TRUE;
  self->owner_dropdown = add_dropdown (self, grid, 0, _("_Owner"));
  self->tier_dropdown = add_dropdown (self, grid, 1, _("_Tier"));
  self->category_dropdown = add_dropdown (self, grid, 2, _("_Category"));
  self->source_dropdown = add_dropdown (self, grid, 3, _("_Source"));
  for (guint i = 0; i < G_N_ELEMENTS (tiers); i++)
    gtk_string_list_append (tier_model, kdx_enum_get_label (KDX_TYPE_TIER, tiers[i]));
  gtk_drop_down_set_model (self->tier_dropdown, G_LIST_MODEL (tier_model));
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    gtk_string_list_append (source_model, sources[i] == KDX_SOURCE_UNSET
                                          ? C_("source", "Not recorded")
                                          : kdx_enum_get_label (KDX_TYPE_SOURCE, sources[i]));
  gtk_drop_down_set_model (self->source_dropdown, G_LIST_MODEL (source_model));
  self->refreshing = FALSE;

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (grid));
  gtk_widget_set_halign (clear, GTK_ALIGN_END);
  g_signal_connect_swapped (clear, "clicked", G_CALLBACK (clear_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), clear);
  gtk_popover_set_child (GTK_POPOVER (self), box);
}

KdxInsightsFilters *
kdx_insights_filters_new (KdxStore *store)
{
  KdxInsightsFilters *self;

  g_return_val_if_fail (KDX_IS_STORE (store), NULL);

  self = g_object_new (KDX_TYPE_INSIGHTS_FILTERS, NULL);
  self->store = g_object_ref (store);
  return self;
}

KdxInsightsFilter *
kdx_insights_filters_get_filter (KdxInsightsFilters *self)
{
  KdxInsightsFilter *filter = kdx_insights_filter_new ();
  guint tier = gtk_drop_down_get_selected (self->tier_dropdown);
  guint source = gtk_drop_down_get_selected (self->source_dropdown);

  kdx_insights_filter_set_owner (filter, kdx_value_dropdown_get (self->owner_dropdown));
  kdx_insights_filter_set_category (filter, kdx_value_dropdown_get (self->category_dropdown));
  if (tier > 0 && tier <= G_N_ELEMENTS (tiers))
    filter->tier = tiers[tier - 1];
  if (source > 0 && source <= G_N_ELEMENTS (sources))
    filter->source = sources[source - 1];
  return filter;
}

guint
kdx_insights_filters_count (KdxInsightsFilters *self)
{
  return (gtk_drop_down_get_selected (self->owner_dropdown) > 0)
         + (gtk_drop_down_get_selected (self->tier_dropdown) > 0)
         + (gtk_drop_down_get_selected (self->category_dropdown) > 0)
         + (gtk_drop_down_get_selected (self->source_dropdown) > 0);
}
