/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-filter-chips"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-filter-chips.h"

struct _KdxFilterChips
{
  GtkWidget         parent_instance;

  KdxFilterPopover *popover;
  GtkWidget        *box;      /* a flow box of chips */
};

G_DEFINE_FINAL_TYPE (KdxFilterChips, kdx_filter_chips, GTK_TYPE_WIDGET)

/* What a chip takes off. */
typedef enum
{
  CHIP_DUE,
  CHIP_STAGES,
  CHIP_TIERS,
  CHIP_CATEGORY,
  CHIP_OWNER,
  CHIP_TAG,
  CHIP_CONDITION,
} ChipKind;

typedef struct
{
  ChipKind kind;
  char    *tag;        /* CHIP_TAG */
  guint    index;      /* CHIP_CONDITION */
} Chip;

static void
chip_free (Chip *chip)
{
  g_free (chip->tag);
  g_free (chip);
}

static void
remove_clicked_cb (GtkButton      *button,
                   KdxFilterChips *self)
{
  Chip *chip = g_object_get_data (G_OBJECT (button), "kdx-chip");
  g_autoptr(KdxKolQuery) query = kdx_filter_popover_get_query (self->popover);

  switch (chip->kind)
    {
    case CHIP_DUE:
      kdx_filter_popover_clear_due (self->popover);
      return;
    case CHIP_STAGES:
      query->stages = 0;
      break;
    case CHIP_TIERS:
      query->tiers = 0;
      break;
    case CHIP_CATEGORY:
      g_clear_pointer (&query->category, g_free);
      break;
    case CHIP_OWNER:
      g_clear_pointer (&query->owner, g_free);
      break;
    case CHIP_TAG:
      {
        g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();

        for (guint i = 0; query->tags != NULL && query->tags[i] != NULL; i++)
          if (!g_str_equal (query->tags[i], chip->tag))
            g_strv_builder_add (tags, query->tags[i]);
        g_strfreev (query->tags);
        query->tags = g_strv_builder_end (tags);
      }
      break;
    case CHIP_CONDITION:
      g_ptr_array_remove_index (query->conditions, chip->index);
      break;
    default:
      g_assert_not_reached ();
    }
  kdx_filter_popover_set_query (self->popover, query);
}

static void
add_chip (KdxFilterChips *self,
          const char     *text,
          Chip           *chip)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (text);
  /* Translators: the accessible name of a filter chip's button */
  g_autofree char *name = g_strdup_printf (_("Remove filter: %s"), text);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_box_append (GTK_BOX (content), label);
  gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name ("window-close-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "filter-chip");
  /* A chip is as wide as its text, also where the flow box has room. */
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, _("Remove this filter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "kdx-chip", chip, (GDestroyNotify) chip_free);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  gtk_flow_box_append (GTK_FLOW_BOX (self->box), button);
}

static Chip *
chip_new (ChipKind kind)
{
  Chip *chip = g_new0 (Chip, 1);

  chip->kind = kind;
  return chip;
}

/* "Stage: Candidate, Contacting" */
static char *
set_text (const char *title,
          GType       enum_type,
          guint       bits,
          guint       n)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    if (bits & (1u << i))
      {
        if (text->len > 0)
          /* Translators: between the values of one filter chip */
          g_string_append (text, _(", "));
        /* The stage is no GEnum of its own (kdx-stage.h): 0 means it. */
        g_string_append (text, enum_type == 0 ? kdx_stage_get_label (i)
                                              : kdx_enum_get_label (enum_type, i));
      }
  /* Translators: a filter chip: a field, then the values wanted */
  return g_strdup_printf (_("%s: %s"), title, text->str);
}

static void
changed_cb (KdxFilterChips *self)
{
  g_autoptr(KdxKolQuery) query = kdx_filter_popover_get_query (self->popover);

  for (GtkWidget *child; (child = gtk_widget_get_first_child (self->box)) != NULL;)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->box), child);

  if (query->ids != NULL)
    add_chip (self, _("Due for contact"), chip_new (CHIP_DUE));
  if (query->stages != 0)
    {
      g_autofree char *text = set_text (_("Stage"), 0, query->stages, KDX_N_STAGES);
      add_chip (self, text, chip_new (CHIP_STAGES));
    }
  if (query->tiers != 0)
    {
      g_autofree char *text = set_text (_("Tier"), KDX_TYPE_TIER, query->tiers, 4);
      add_chip (self, text, chip_new (CHIP_TIERS));
    }
  if (query->category != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%s: %s"), _("Category"), query->category);
      add_chip (self, text, chip_new (CHIP_CATEGORY));
    }
  if (query->owner != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%s: %s"), _("Owner"), query->owner);
      add_chip (self, text, chip_new (CHIP_OWNER));
    }
  for (guint i = 0; query->tags != NULL && query->tags[i] != NULL; i++)
    {
      /* Translators: a filter chip: KOLs with this tag */
      g_autofree char *text = g_strdup_printf (_("Tag: %s"), query->tags[i]);
      Chip *chip = chip_new (CHIP_TAG);

      chip->tag = g_strdup (query->tags[i]);
      add_chip (self, text, chip);
    }
  for (guint i = 0; query->conditions != NULL && i < query->conditions->len; i++)
    {
      g_autofree char *text = kdx_condition_describe (g_ptr_array_index (query->conditions, i));
      Chip *chip = chip_new (CHIP_CONDITION);

      chip->index = i;
      add_chip (self, text, chip);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), gtk_widget_get_first_child (self->box) != NULL);
}

static void
kdx_filter_chips_dispose (GObject *object)
{
  KdxFilterChips *self = KDX_FILTER_CHIPS (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->popover);

  G_OBJECT_CLASS (kdx_filter_chips_parent_class)->dispose (object);
}

static void
kdx_filter_chips_class_init (KdxFilterChipsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_filter_chips_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "filterchips");
}

static void
kdx_filter_chips_init (KdxFilterChips *self)
{
  self->box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->box), 20);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->box), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->box), 6);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
kdx_filter_chips_new (KdxFilterPopover *popover)
{
  KdxFilterChips *self = g_object_new (KDX_TYPE_FILTER_CHIPS, NULL);

  self->popover = g_object_ref (popover);
  g_signal_connect_object (popover, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  changed_cb (self);
  return GTK_WIDGET (self);
}
