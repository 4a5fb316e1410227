/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kdx-store.h"

G_BEGIN_DECLS

/* The window's Views menu: the store's saved views in their order (each
 * "win.apply-view" with its id), then "Save View…" and "Manage Views…".
 * Rebuilt whenever the store's views change, so a view saved, renamed,
 * moved or deleted shows at once. */

#define KDX_TYPE_VIEWS_MENU (kdx_views_menu_get_type ())
G_DECLARE_FINAL_TYPE (KdxViewsMenu, kdx_views_menu, KDX, VIEWS_MENU, GObject)

KdxViewsMenu *kdx_views_menu_new       (KdxStore     *store);
GMenuModel   *kdx_views_menu_get_model (KdxViewsMenu *self);

G_END_DECLS
