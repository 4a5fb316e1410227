/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-preferences-window"

#include "config.h"

#include "kdx-app-resources.h"
#include "kdx-preferences-window.h"

struct _KdxPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  AdwEntryRow          *owner_row;
};

G_DEFINE_FINAL_TYPE (KdxPreferencesWindow, kdx_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
kdx_preferences_window_dispose (GObject *object)
{
  KdxPreferencesWindow *self = KDX_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kdx_preferences_window_parent_class)->dispose (object);
}

static void
kdx_preferences_window_class_init (KdxPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_preferences_window_dispose;

  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/app/kdx-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxPreferencesWindow, owner_row);
}

static void
kdx_preferences_window_init (KdxPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Saved as typed: preferences have no Apply button in GNOME. */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "default-owner", self->owner_row, "text", G_SETTINGS_BIND_DEFAULT);
}

GtkWidget *
kdx_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (KDX_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
}
