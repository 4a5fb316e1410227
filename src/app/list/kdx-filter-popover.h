/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kdx-store.h"

G_BEGIN_DECLS

/* Narrows the list by stage, tier, category, tags and owner, and by any
 * number of conditions on any field ("Add Condition", ANDed); "changed"
 * when a choice changes. The values offered are those in use. */

#define KDX_TYPE_FILTER_POPOVER (kdx_filter_popover_get_type ())
G_DECLARE_FINAL_TYPE (KdxFilterPopover, kdx_filter_popover, KDX, FILTER_POPOVER, GtkPopover)

GtkWidget   *kdx_filter_popover_new       (KdxStore         *store);
KdxKolQuery *kdx_filter_popover_get_query (KdxFilterPopover *self);
guint        kdx_filter_popover_count     (KdxFilterPopover *self);
void         kdx_filter_popover_clear     (KdxFilterPopover *self);
/* Shows @query's filters (its search, sort and ids aside) as the
 * choices, then emits "changed" once: a saved view, a chip removed. */
void         kdx_filter_popover_set_query (KdxFilterPopover  *self,
                                           const KdxKolQuery *query);
void         kdx_filter_popover_clear_due (KdxFilterPopover  *self);

G_END_DECLS
