/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-store.h"

G_BEGIN_DECLS

/* A section of the KOL editor showing one of the file's lists (channels,
 * timeline, important dates, stage history): a row per item, newest first
 * for timelines, an empty state that offers to add, and the dialogs that
 * add and edit items. It follows the list it is given; the editor puts
 * the section's own field rows above the items. */

#define KDX_TYPE_ITEM_SECTION (kdx_item_section_get_type ())
G_DECLARE_FINAL_TYPE (KdxItemSection, kdx_item_section, KDX, ITEM_SECTION, AdwPreferencesGroup)

GtkWidget  *kdx_item_section_new           (const char     *list_name,
                                            const char     *title,
                                            const char     *description);
const char *kdx_item_section_get_list_name (KdxItemSection *self);
GListStore *kdx_item_section_get_model     (KdxItemSection *self);
void        kdx_item_section_set_model     (KdxItemSection *self,
                                            GListStore     *model);
void        kdx_item_section_add_item      (KdxItemSection *self);
void        kdx_item_section_set_store     (KdxItemSection *self,
                                            KdxStore       *store);
void        kdx_item_section_set_locked    (KdxItemSection *self,
                                            gboolean        locked);

G_END_DECLS
