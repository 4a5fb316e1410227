/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-record.h"

G_BEGIN_DECLS

/* One item of a KOL file's lists (a channel, a timeline entry, an
 * important date, a stage of its history), said as a title and a
 * subtitle; activating it edits the item, its trash button removes it. */

#define KDX_TYPE_ITEM_ROW (kdx_item_row_get_type ())
G_DECLARE_FINAL_TYPE (KdxItemRow, kdx_item_row, KDX, ITEM_ROW, AdwActionRow)

GtkWidget  *kdx_item_row_new          (KdxRecord  *item,
                                       guint       position,
                                       const char *next_at,
                                       gboolean    read_only);
KdxRecord  *kdx_item_row_get_item     (KdxItemRow *self);
void        kdx_item_row_set_item     (KdxItemRow *self,
                                       KdxRecord  *item);
guint       kdx_item_row_get_position (KdxItemRow *self);
const char *kdx_item_row_get_next_at  (KdxItemRow *self);
void        kdx_item_row_set_next_at  (KdxItemRow *self,
                                       const char *next_at);
gboolean    kdx_item_row_get_read_only (KdxItemRow *self);

G_END_DECLS
