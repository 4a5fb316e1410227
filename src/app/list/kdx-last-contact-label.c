/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-last-contact-label"

#include "config.h"

#include "kdx-last-contact-label.h"

/* Last contact is derived from the timeline, not a property of its own:
 * a property binding on the KOL would miss a timeline edit (the store
 * reloads a KOL's fields before its lists, and an edit within the same
 * second leaves updated-at as it was). So the label follows the
 * timeline's own items-changed, which every reload emits. */

struct _KdxLastContactLabel
{
  GtkWidget     parent_instance;

  KdxKol       *kol;
  GSignalGroup *events_signals;
  GtkLabel     *label;
};

G_DEFINE_FINAL_TYPE (KdxLastContactLabel, kdx_last_contact_label, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KOL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_text (KdxLastContactLabel *self)
{
  g_autofree char *last = self->kol != NULL ? kdx_kol_get_last_contact (self->kol) : NULL;
  g_autofree char *day = last != NULL ? g_strndup (last, 10) : NULL;

  gtk_label_set_text (self->label, day != NULL ? day : "");
}

static void
kdx_last_contact_label_dispose (GObject *object)
{
  KdxLastContactLabel *self = KDX_LAST_CONTACT_LABEL (object);

  g_signal_group_set_target (self->events_signals, NULL);
  g_clear_object (&self->kol);
  if (self->label != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->label));
      self->label = NULL;
    }

  G_OBJECT_CLASS (kdx_last_contact_label_parent_class)->dispose (object);
}

static void
kdx_last_contact_label_finalize (GObject *object)
{
  KdxLastContactLabel *self = KDX_LAST_CONTACT_LABEL (object);

  g_clear_object (&self->events_signals);

  G_OBJECT_CLASS (kdx_last_contact_label_parent_class)->finalize (object);
}

static void
kdx_last_contact_label_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  KdxLastContactLabel *self = KDX_LAST_CONTACT_LABEL (object);

  switch (prop_id)
    {
    case PROP_KOL:
      g_value_set_object (value, self->kol);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_last_contact_label_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  KdxLastContactLabel *self = KDX_LAST_CONTACT_LABEL (object);

  switch (prop_id)
    {
    case PROP_KOL:
      kdx_last_contact_label_set_kol (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_last_contact_label_class_init (KdxLastContactLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_last_contact_label_dispose;
  object_class->finalize = kdx_last_contact_label_finalize;
  object_class->get_property = kdx_last_contact_label_get_property;
  object_class->set_property = kdx_last_contact_label_set_property;

  properties[PROP_KOL] =
    g_param_spec_object ("kol", NULL, NULL, KDX_TYPE_KOL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kdx_last_contact_label_init (KdxLastContactLabel *self)
{
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "numeric");
  gtk_widget_set_parent (GTK_WIDGET (self->label), GTK_WIDGET (self));

  self->events_signals = g_signal_group_new (G_TYPE_LIST_STORE);
  g_signal_group_connect_swapped (self->events_signals, "items-changed",
                                  G_CALLBACK (update_text), self);
}

GtkWidget *
kdx_last_contact_label_new (void)
{
  return g_object_new (KDX_TYPE_LAST_CONTACT_LABEL, NULL);
}

KdxKol *
kdx_last_contact_label_get_kol (KdxLastContactLabel *self)
{
  g_return_val_if_fail (KDX_IS_LAST_CONTACT_LABEL (self), NULL);
  return self->kol;
}

void
kdx_last_contact_label_set_kol (KdxLastContactLabel *self,
                                KdxKol              *kol)
{
  g_return_if_fail (KDX_IS_LAST_CONTACT_LABEL (self));
  g_return_if_fail (kol == NULL || KDX_IS_KOL (kol));

  if (!g_set_object (&self->kol, kol))
    return;
  g_signal_group_set_target (self->events_signals,
                             kol != NULL ? kdx_kol_get_events (kol) : NULL);
  update_text (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KOL]);
}

const char *
kdx_last_contact_label_get_text (KdxLastContactLabel *self)
{
  g_return_val_if_fail (KDX_IS_LAST_CONTACT_LABEL (self), NULL);
  return gtk_label_get_text (self->label);
}
