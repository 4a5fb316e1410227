/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-filter-popover"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kdx-condition-editor.h"
#include "kdx-due-tracker.h"
#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-filter-popover.h"
#include "kdx-value-dropdown.h"

struct _KdxFilterPopover
{
  GtkPopover      parent_instance;

  KdxStore       *store;
  GtkCheckButton *due_check;   /* only what Today lists as due */
  GtkCheckButton *stage_checks[KDX_N_STAGES];
  GtkCheckButton *tier_checks[4];
  GtkDropDown    *category_dropdown;
  GtkDropDown    *owner_dropdown;
  GtkFlowBox     *tags_box;
  GtkWidget      *tags_empty;
  GHashTable     *tag_checks;  /* tag -> GtkCheckButton */
  GPtrArray      *conditions;  /* (element-type KdxCondition) ANDed */
  GtkListBox     *conditions_list;
  GtkRevealer    *editor_revealer;
  KdxConditionEditor *condition_editor;
  gboolean        refreshing;
};

G_DEFINE_FINAL_TYPE (KdxFilterPopover, kdx_filter_popover, GTK_TYPE_POPOVER)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (KdxFilterPopover *self)
{
  if (!self->refreshing)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void show_conditions (KdxFilterPopover *self);

/* Who is due changes with the file: a KOL logged leaves a "Due" list. */
static void
due_changed_cb (KdxFilterPopover *self)
{
  if (gtk_check_button_get_active (self->due_check))
    emit_changed (self);
}

static GtkWidget *
section_title (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
flow_box (void)
{
  GtkWidget *box = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 3);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (box), 2);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (box), TRUE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 6);
  return box;
}

static GtkCheckButton *
add_check (GtkFlowBox       *box,
           const char       *label,
           KdxFilterPopover *self)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);

  g_signal_connect_swapped (check, "toggled", G_CALLBACK (emit_changed), self);
  gtk_flow_box_append (box, check);
  return GTK_CHECK_BUTTON (check);
}

/* A drop-down whose first item is "Any". */
static GtkDropDown *
value_dropdown (const char       *accessible_name,
                KdxFilterPopover *self)
{
  const char *const any[] = { _("Any"), NULL };
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (any);

  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
  gtk_drop_down_set_expression (GTK_DROP_DOWN (dropdown),
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (emit_changed), self);
  return GTK_DROP_DOWN (dropdown);
}

/* ---- conditions ------------------------------------------------------------------ */

static void
remove_condition_cb (GtkButton        *button,
                     KdxFilterPopover *self)
{
  KdxCondition *condition = g_object_get_data (G_OBJECT (button), "kdx-condition");

  g_ptr_array_remove (self->conditions, condition);
  show_conditions (self);
  emit_changed (self);
}

/* One row per condition, as its chip reads, with a Remove button. */
static void
show_conditions (KdxFilterPopover *self)
{
  for (GtkWidget *row; (row = gtk_widget_get_first_child (GTK_WIDGET (self->conditions_list))) != NULL;)
    gtk_list_box_remove (self->conditions_list, row);
  for (guint i = 0; i < self->conditions->len; i++)
    {
      KdxCondition *condition = g_ptr_array_index (self->conditions, i);
      g_autofree char *text = kdx_condition_describe (condition);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove Condition"));
      g_object_set_data (G_OBJECT (remove), "kdx-condition", condition);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_condition_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->conditions_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->conditions_list), self->conditions->len > 0);
}

static void
condition_added_cb (KdxFilterPopover *self,
                    KdxCondition     *condition)
{
  for (guint i = 0; i < self->conditions->len; i++)
    if (kdx_condition_equal (g_ptr_array_index (self->conditions, i), condition))
      return;
  g_ptr_array_add (self->conditions, kdx_condition_copy (condition));
  gtk_revealer_set_reveal_child (self->editor_revealer, FALSE);
  show_conditions (self);
  emit_changed (self);
}

static void
add_condition_toggled_cb (KdxFilterPopover *self,
                          GtkToggleButton  *button)
{
  gtk_revealer_set_reveal_child (self->editor_revealer, gtk_toggle_button_get_active (button));
}

/* The owners, categories and tags in use may have changed since last time. */
static void
refresh_values (KdxFilterPopover *self)
{
  g_auto(GStrv) categories = kdx_store_list_values (self->store, "category", NULL);
  g_auto(GStrv) owners = kdx_store_list_values (self->store, "owner", NULL);
  g_auto(GStrv) tags = kdx_store_list_values (self->store, "tags", NULL);
  g_autoptr(GPtrArray) checked = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  self->refreshing = TRUE;
  kdx_value_dropdown_fill (self->category_dropdown, categories);
  kdx_value_dropdown_fill (self->owner_dropdown, owners);

  g_hash_table_iter_init (&iter, self->tag_checks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (gtk_check_button_get_active (value))
      g_ptr_array_add (checked, g_strdup (key));
  /* gtk_flow_box_remove_all() is GTK 4.12. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL;)
    gtk_flow_box_remove (self->tags_box, child);
  g_hash_table_remove_all (self->tag_checks);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      GtkCheckButton *check = add_check (self->tags_box, tags[i], self);

      if (g_ptr_array_find_with_equal_func (checked, tags[i], g_str_equal, NULL))
        gtk_check_button_set_active (check, TRUE);
      g_hash_table_insert (self->tag_checks, g_strdup (tags[i]), check);
    }
  gtk_widget_set_visible (self->tags_empty, tags == NULL || tags[0] == NULL);
  self->refreshing = FALSE;
}

static void
kdx_filter_popover_show (GtkWidget *widget)
{
  refresh_values (KDX_FILTER_POPOVER (widget));
  GTK_WIDGET_CLASS (kdx_filter_popover_parent_class)->show (widget);
}

static void
kdx_filter_popover_dispose (GObject *object)
{
  KdxFilterPopover *self = KDX_FILTER_POPOVER (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (kdx_filter_popover_parent_class)->dispose (object);
}

static void
kdx_filter_popover_finalize (GObject *object)
{
  KdxFilterPopover *self = KDX_FILTER_POPOVER (object);

  g_clear_pointer (&self->tag_checks, g_hash_table_unref);
  g_clear_pointer (&self->conditions, g_ptr_array_unref);

  G_OBJECT_CLASS (kdx_filter_popover_parent_class)->finalize (object);
}

static void
kdx_filter_popover_class_init (KdxFilterPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_filter_popover_dispose;
  object_class->finalize = kdx_filter_popover_finalize;
  widget_class->show = kdx_filter_popover_show;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdx_filter_popover_init (KdxFilterPopover *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *stages = flow_box ();
  GtkWidget *tiers = flow_box ();
  GtkWidget *values = gtk_grid_new ();
  GtkWidget *tags_scroller = gtk_scrolled_window_new ();
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Clear Filters"));
  GtkWidget *add_condition;
  GtkWidget *scroller;
  GtkWidget *label;

  self->tag_checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  /* Translators: a filter: only the KOLs due for contact today */
  self->due_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Due for contact")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->due_check),
                               _("Follow-ups due, KOLs losing touch and re-approach dates reached, as in Today"));
  gtk_widget_set_name (GTK_WIDGET (self->due_check), "due-filter");
  g_signal_connect_swapped (self->due_check, "toggled", G_CALLBACK (emit_changed), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->due_check));

  gtk_box_append (GTK_BOX (box), section_title (_("Stage")));
  for (guint i = 0; i < KDX_N_STAGES; i++)
    self->stage_checks[i] = add_check (GTK_FLOW_BOX (stages), kdx_stage_get_label (i), self);
  gtk_box_append (GTK_BOX (box), stages);

  gtk_box_append (GTK_BOX (box), section_title (_("Tier")));
  for (guint i = 0; i < G_N_ELEMENTS (self->tier_checks); i++)
    self->tier_checks[i] = add_check (GTK_FLOW_BOX (tiers), kdx_enum_get_label (KDX_TYPE_TIER, i), self);
  gtk_box_append (GTK_BOX (box), tiers);

  gtk_grid_set_row_spacing (GTK_GRID (values), 6);
  gtk_grid_set_column_spacing (GTK_GRID (values), 12);
  self->category_dropdown = value_dropdown (_("Category"), self);
  self->owner_dropdown = value_dropdown (_("Owner"), self);
  label = section_title (_("Category"));
  gtk_grid_attach (GTK_GRID (values), label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (values), GTK_WIDGET (self->category_dropdown), 1, 0, 1, 1);
  label = section_title (_("Owner"));
  gtk_grid_attach (GTK_GRID (values), label, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (values), GTK_WIDGET (self->owner_dropdown), 1, 1, 1, 1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->category_dropdown), TRUE);
  gtk_box_append (GTK_BOX (box), values);

  gtk_box_append (GTK_BOX (box), section_title (_("Tags")));
  self->tags_box = GTK_FLOW_BOX (flow_box ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (tags_scroller), GTK_WIDGET (self->tags_box));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (tags_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (tags_scroller), 160);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (tags_scroller), TRUE);
  gtk_box_append (GTK_BOX (box), tags_scroller);
  self->tags_empty = gtk_label_new (_("No tags in use yet"));
  gtk_widget_add_css_class (self->tags_empty, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (self->tags_empty), 0);
  gtk_box_append (GTK_BOX (box), self->tags_empty);

  /* Any field: the conditions on, then "Add Condition" opening an editor. */
  gtk_box_append (GTK_BOX (box), section_title (_("Conditions")));
  self->conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) kdx_condition_free);
  self->conditions_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->conditions_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->conditions_list), "boxed-list");
  gtk_widget_set_visible (GTK_WIDGET (self->conditions_list), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->conditions_list));
  add_condition = gtk_toggle_button_new_with_mnemonic (_("Add Co_ndition…"));
  gtk_widget_set_halign (add_condition, GTK_ALIGN_START);
  g_signal_connect_swapped (add_condition, "toggled", G_CALLBACK (add_condition_toggled_cb), self);
  gtk_box_append (GTK_BOX (box), add_condition);
  self->editor_revealer = GTK_REVEALER (gtk_revealer_new ());
  self->condition_editor = KDX_CONDITION_EDITOR (kdx_condition_editor_new ());
  g_signal_connect_swapped (self->condition_editor, "add", G_CALLBACK (condition_added_cb), self);
  g_object_bind_property (self->editor_revealer, "reveal-child", add_condition, "active",
                          G_BINDING_DEFAULT);
  gtk_revealer_set_child (self->editor_revealer, GTK_WIDGET (self->condition_editor));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->editor_revealer));

  gtk_widget_set_margin_top (clear, 6);
  g_signal_connect_swapped (clear, "clicked", G_CALLBACK (kdx_filter_popover_clear), self);
  gtk_box_append (GTK_BOX (box), clear);

  /* With conditions and their editor open the choices outgrow a window:
   * they scroll, the popover stays on screen. */
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 560);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_popover_set_child (GTK_POPOVER (self), scroller);
}

GtkWidget *
kdx_filter_popover_new (KdxStore *store)
{
  KdxFilterPopover *self = g_object_new (KDX_TYPE_FILTER_POPOVER, NULL);

  self->store = g_object_ref (store);
  g_signal_connect_object (kdx_due_tracker_for_store (store), "changed",
                           G_CALLBACK (due_changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

KdxKolQuery *
kdx_filter_popover_get_query (KdxFilterPopover *self)
{
  KdxKolQuery *query = kdx_kol_query_new ();
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (KDX_IS_FILTER_POPOVER (self), query);

  for (guint i = 0; i < KDX_N_STAGES; i++)
    if (gtk_check_button_get_active (self->stage_checks[i]))
      query->stages |= 1u << i;
  for (guint i = 0; i < G_N_ELEMENTS (self->tier_checks); i++)
    if (gtk_check_button_get_active (self->tier_checks[i]))
      query->tiers |= 1u << i;
  query->category = g_strdup (kdx_value_dropdown_get (self->category_dropdown));
  query->owner = g_strdup (kdx_value_dropdown_get (self->owner_dropdown));
  if (gtk_check_button_get_active (self->due_check))
    query->ids = kdx_due_tracker_dup_due_ids (kdx_due_tracker_for_store (self->store));

  g_hash_table_iter_init (&iter, self->tag_checks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (gtk_check_button_get_active (value))
      g_strv_builder_add (tags, key);
  query->tags = g_strv_builder_end (tags);
  if (query->tags[0] == NULL)
    g_clear_pointer (&query->tags, g_strfreev);
  for (guint i = 0; i < self->conditions->len; i++)
    kdx_kol_query_add_condition (query, kdx_condition_copy (g_ptr_array_index (self->conditions, i)));

  return query;
}

/* How many kinds of filter are on: for the button's label. */
guint
kdx_filter_popover_count (KdxFilterPopover *self)
{
  g_autoptr(KdxKolQuery) query = kdx_filter_popover_get_query (self);

  return (query->stages != 0) + (query->tiers != 0) + (query->category != NULL)
       + (query->owner != NULL) + (query->tags != NULL) + (query->ids != NULL)
       + (query->conditions != NULL ? query->conditions->len : 0);
}

void
kdx_filter_popover_clear (KdxFilterPopover *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (KDX_IS_FILTER_POPOVER (self));

  self->refreshing = TRUE;
  gtk_check_button_set_active (self->due_check, FALSE);
  for (guint i = 0; i < KDX_N_STAGES; i++)
    gtk_check_button_set_active (self->stage_checks[i], FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (self->tier_checks); i++)
    gtk_check_button_set_active (self->tier_checks[i], FALSE);
  gtk_drop_down_set_selected (self->category_dropdown, 0);
  gtk_drop_down_set_selected (self->owner_dropdown, 0);
  g_hash_table_iter_init (&iter, self->tag_checks);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    gtk_check_button_set_active (value, FALSE);
  g_ptr_array_set_size (self->conditions, 0);
  show_conditions (self);
  self->refreshing = FALSE;
  emit_changed (self);
}

static void
select_value (GtkDropDown *dropdown,
              const char  *value)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  gtk_drop_down_set_selected (dropdown, 0);
  for (guint i = 1; value != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), value) == 0)
        gtk_drop_down_set_selected (dropdown, i);
    }
}

void
kdx_filter_popover_set_query (KdxFilterPopover  *self,
                              const KdxKolQuery *query)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (KDX_IS_FILTER_POPOVER (self));

  refresh_values (self);
  self->refreshing = TRUE;
  /* "Due for contact" is a list of ids of today, never part of a query
   * kept for later; it stays as the operator set it. */
  for (guint i = 0; i < KDX_N_STAGES; i++)
    gtk_check_button_set_active (self->stage_checks[i], (query->stages & (1u << i)) != 0);
  for (guint i = 0; i < G_N_ELEMENTS (self->tier_checks); i++)
    gtk_check_button_set_active (self->tier_checks[i], (query->tiers & (1u << i)) != 0);
  select_value (self->category_dropdown, query->category);
  select_value (self->owner_dropdown, query->owner);
  g_hash_table_iter_init (&iter, self->tag_checks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    gtk_check_button_set_active (value, query->tags != NULL && g_strv_contains ((const char *const *) query->tags, key));
  g_ptr_array_set_size (self->conditions, 0);
  for (guint i = 0; query->conditions != NULL && i < query->conditions->len; i++)
    g_ptr_array_add (self->conditions, kdx_condition_copy (g_ptr_array_index (query->conditions, i)));
  show_conditions (self);
  self->refreshing = FALSE;
  emit_changed (self);
}

/* Stops "Due for contact": its chip's Remove. */
void
kdx_filter_popover_clear_due (KdxFilterPopover *self)
{
  g_return_if_fail (KDX_IS_FILTER_POPOVER (self));
  gtk_check_button_set_active (self->due_check, FALSE);
}
