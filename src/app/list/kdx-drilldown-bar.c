/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-drilldown-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-drilldown-bar.h"

struct _KdxDrilldownBar
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkLabel  *label;
  GArray    *ids;    /* NULL: the bar is off */
  char      *title;
};

G_DEFINE_FINAL_TYPE (KdxDrilldownBar, kdx_drilldown_bar, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_all_clicked_cb (KdxDrilldownBar *self)
{
  kdx_drilldown_bar_clear (self);
}

static void
kdx_drilldown_bar_dispose (GObject *object)
{
  KdxDrilldownBar *self = KDX_DRILLDOWN_BAR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (kdx_drilldown_bar_parent_class)->dispose (object);
}

static void
kdx_drilldown_bar_class_init (KdxDrilldownBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_drilldown_bar_dispose;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kdxdrilldownbar");
}

static void
kdx_drilldown_bar_init (KdxDrilldownBar *self)
{
  GtkWidget *button;

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_xalign (self->label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->label));

  button = gtk_button_new_with_mnemonic (_("Show _All"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Show every KOL again"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (show_all_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->box), button);

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
kdx_drilldown_bar_new (void)
{
  return g_object_new (KDX_TYPE_DRILLDOWN_BAR, NULL);
}

void
kdx_drilldown_bar_set_ids (KdxDrilldownBar *self,
                           const char      *title,
                           GArray          *ids)
{
  g_return_if_fail (KDX_IS_DRILLDOWN_BAR (self));

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->title, g_free);
  if (ids != NULL)
    {
      g_autofree char *text = NULL;

      self->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
      g_array_append_vals (self->ids, ids->data, ids->len);
      self->title = g_strdup (title != NULL ? title : "");
      /* Translators: above the list after a click on an Insights chart:
       * "Showing 12 KOLs from Insights: Negotiating" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Showing %u KOL from Insights: %s",
                                           "Showing %u KOLs from Insights: %s", ids->len),
                              ids->len, self->title);
      gtk_label_set_text (self->label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), self->ids != NULL);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

GArray *
kdx_drilldown_bar_get_ids (KdxDrilldownBar *self)
{
  g_return_val_if_fail (KDX_IS_DRILLDOWN_BAR (self), NULL);
  return self->ids;
}

const char *
kdx_drilldown_bar_get_title (KdxDrilldownBar *self)
{
  g_return_val_if_fail (KDX_IS_DRILLDOWN_BAR (self), NULL);
  return self->title;
}

void
kdx_drilldown_bar_clear (KdxDrilldownBar *self)
{
  g_return_if_fail (KDX_IS_DRILLDOWN_BAR (self));

  if (self->ids != NULL)
    kdx_drilldown_bar_set_ids (self, NULL, NULL);
}

/* The KOLs picked in Insights, within what the filters select (the "Due"
 * filter also restricts by ids: both hold). */
void
kdx_drilldown_bar_restrict (KdxDrilldownBar *self,
                            KdxKolQuery     *query)
{
  GArray *picked = self->ids;
  g_autoptr(GHashTable) allowed = NULL;
  GArray *both;

  if (picked == NULL)
    return;
  if (query->ids == NULL)
    {
      query->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), picked->len);
      g_array_append_vals (query->ids, picked->data, picked->len);
      return;
    }
  allowed = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < query->ids->len; i++)
    g_hash_table_add (allowed, &g_array_index (query->ids, gint64, i));
  both = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < picked->len; i++)
    if (g_hash_table_contains (allowed, &g_array_index (picked, gint64, i)))
      g_array_append_val (both, g_array_index (picked, gint64, i));
  g_array_unref (query->ids);
  query->ids = both;
}
