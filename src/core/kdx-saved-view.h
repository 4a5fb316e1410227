/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kdx-kol-query.h"

G_BEGIN_DECLS

/* A saved view (issue 17, item 4): a name, its place in the window's
 * list of views, and what the list showed: the query (search text,
 * stage, tier, tag, owner and category filters, conditions, sort keys;
 * never ids or a day) and the columns, by name (kdx-kol-columns.h).
 * Views live in the database (kdx_store_add_view() and the others in
 * kdx-store.h), so they travel with it. */

#define KDX_TYPE_SAVED_VIEW (kdx_saved_view_get_type ())
G_DECLARE_FINAL_TYPE (KdxSavedView, kdx_saved_view, KDX, SAVED_VIEW, GObject)

KdxSavedView      *kdx_saved_view_new          (const char        *name,
                                                const KdxKolQuery *query,
                                                const char *const *columns);
gint64             kdx_saved_view_get_id       (KdxSavedView      *self);
const char        *kdx_saved_view_get_name     (KdxSavedView      *self);
void               kdx_saved_view_set_name     (KdxSavedView      *self,
                                                const char        *name);
guint              kdx_saved_view_get_position (KdxSavedView      *self);
/* (transfer none) never NULL; its ids and today are always NULL. */
const KdxKolQuery *kdx_saved_view_get_query    (KdxSavedView      *self);
void               kdx_saved_view_set_query    (KdxSavedView      *self,
                                                const KdxKolQuery *query);
/* (transfer none) NULL-terminated; empty = the list's default columns. */
const char *const *kdx_saved_view_get_columns  (KdxSavedView      *self);
void               kdx_saved_view_set_columns  (KdxSavedView      *self,
                                                const char *const *columns);

/* Only the store sets these. */
void               _kdx_saved_view_set_id       (KdxSavedView     *self,
                                                 gint64            id);
void               _kdx_saved_view_set_position (KdxSavedView     *self,
                                                 guint             position);

G_END_DECLS
