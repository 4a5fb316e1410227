/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-views-menu"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-saved-view.h"
#include "kdx-views-menu.h"

struct _KdxViewsMenu
{
  GObject   parent_instance;

  KdxStore *store;
  GMenu    *menu;
  GMenu    *views;  /* the first section: one item per view */
};

G_DEFINE_FINAL_TYPE (KdxViewsMenu, kdx_views_menu, G_TYPE_OBJECT)

static void
views_changed_cb (KdxViewsMenu *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) views = kdx_store_list_views (self->store, &error);

  g_menu_remove_all (self->views);
  if (views == NULL)
    {
      g_warning ("Cannot list the saved views: %s", error->message);
      return;
    }
  for (guint i = 0; i < views->len; i++)
    {
      KdxSavedView *view = g_ptr_array_index (views, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (kdx_saved_view_get_name (view), NULL);

      g_menu_item_set_action_and_target_value (item, "win.apply-view",
                                               g_variant_new_int64 (kdx_saved_view_get_id (view)));
      g_menu_append_item (self->views, item);
    }
}

static void
kdx_views_menu_dispose (GObject *object)
{
  KdxViewsMenu *self = KDX_VIEWS_MENU (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->views);
  g_clear_object (&self->menu);

  G_OBJECT_CLASS (kdx_views_menu_parent_class)->dispose (object);
}

static void
kdx_views_menu_class_init (KdxViewsMenuClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kdx_views_menu_dispose;
}

static void
kdx_views_menu_init (KdxViewsMenu *self)
{
  g_autoptr(GMenu) actions = g_menu_new ();

  self->menu = g_menu_new ();
  self->views = g_menu_new ();
  g_menu_append (actions, _("_Save View…"), "win.save-view");
  g_menu_append (actions, _("_Manage Views…"), "win.manage-views");
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->views));
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (actions));
}

KdxViewsMenu *
kdx_views_menu_new (KdxStore *store)
{
  KdxViewsMenu *self = g_object_new (KDX_TYPE_VIEWS_MENU, NULL);

  self->store = g_object_ref (store);
  g_signal_connect_swapped (store, "views-changed", G_CALLBACK (views_changed_cb), self);
  views_changed_cb (self);
  return self;
}

GMenuModel *
kdx_views_menu_get_model (KdxViewsMenu *self)
{
  g_return_val_if_fail (KDX_IS_VIEWS_MENU (self), NULL);
  return G_MENU_MODEL (self->menu);
}
