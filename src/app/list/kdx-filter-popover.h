/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kdx-store.h"

G_BEGIN_DECLS

/* Narrows the list by stage, tier, category, tags and owner; "changed"
 * when a choice changes. The values offered are those in use. */

#define KDX_TYPE_FILTER_POPOVER (kdx_filter_popover_get_type ())
G_DECLARE_FINAL_TYPE (KdxFilterPopover, kdx_filter_popover, KDX, FILTER_POPOVER, GtkPopover)

GtkWidget   *kdx_filter_popover_new       (KdxStore         *store);
KdxKolQuery *kdx_filter_popover_get_query (KdxFilterPopover *self);
guint        kdx_filter_popover_count     (KdxFilterPopover *self);
void         kdx_filter_popover_clear     (KdxFilterPopover *self);

G_END_DECLS
