/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-connection-banner"

#include "config.h"

#include "kdx-app-resources.h"
#include "kdx-connection-banner.h"

/* The window's banner while a team database cannot be reached (issue 14,
 * item 1): shown while the store's "connected" is FALSE, with Retry to
 * try at once rather than after the store's pause. Edits made meanwhile
 * wait in the editor's pending edits and are saved when it comes back.
 * libadwaita 1.2 has no AdwBanner (1.3), so this is one of our own, in
 * the same place and the same colours. */

struct _KdxConnectionBanner
{
  GtkWidget     parent_instance;

  GSignalGroup *store_signals;
  GtkRevealer  *revealer;
};

G_DEFINE_FINAL_TYPE (KdxConnectionBanner, kdx_connection_banner, GTK_TYPE_WIDGET)

static KdxStore *
banner_store (KdxConnectionBanner *self)
{
  return g_signal_group_dup_target (self->store_signals);
}

static void
connected_cb (KdxConnectionBanner *self)
{
  g_autoptr(KdxStore) store = banner_store (self);

  gtk_revealer_set_reveal_child (self->revealer, store != NULL && !kdx_store_is_connected (store));
}

static void
retry_clicked_cb (KdxConnectionBanner *self)
{
  g_autoptr(KdxStore) store = banner_store (self);

  if (store != NULL)
    kdx_store_reconnect (store);
}

void
kdx_connection_banner_set_store (KdxConnectionBanner *self,
                                 KdxStore            *store)
{
  g_return_if_fail (KDX_IS_CONNECTION_BANNER (self));

  g_signal_group_set_target (self->store_signals, store);
  connected_cb (self);
}

static void
kdx_connection_banner_dispose (GObject *object)
{
  KdxConnectionBanner *self = KDX_CONNECTION_BANNER (object);

  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_CONNECTION_BANNER);

  G_OBJECT_CLASS (kdx_connection_banner_parent_class)->dispose (object);
}

static void
kdx_connection_banner_class_init (KdxConnectionBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_connection_banner_dispose;

  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/app/kdx-connection-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxConnectionBanner, revealer);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kdxconnectionbanner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kdx_connection_banner_init (KdxConnectionBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->store_signals = g_signal_group_new (KDX_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "notify::connected",
                                  G_CALLBACK (connected_cb), self);
}
