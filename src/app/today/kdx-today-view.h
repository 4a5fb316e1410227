/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-store.h"

G_BEGIN_DECLS

/* Today (issue 10, item 3): what is due, in sections, from
 * kdx_due_list() on the app's date (kdx_clock_today()) and Preferences.
 * It reloads when the store changes or Preferences do, so a handled row
 * leaves. Rows are made as they scroll into view (a GtkListView over the
 * items), so a long day costs no more than a short one. */

#define KDX_TYPE_TODAY_VIEW (kdx_today_view_get_type ())
G_DECLARE_FINAL_TYPE (KdxTodayView, kdx_today_view, KDX, TODAY_VIEW, AdwBin)

GtkWidget  *kdx_today_view_new       (KdxStore     *store);
/* (element-type KdxDueItem): what the view shows, in order. */
GListModel *kdx_today_view_get_items (KdxTodayView *self);
void        kdx_today_view_reload    (KdxTodayView *self);

G_END_DECLS
