/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-kol-editor.h"
#include "kdx-kol-list.h"
#include "kdx-store.h"

G_BEGIN_DECLS

/* The List view: every KOL the query selects, in a column view the store
 * sorts, and the selected KOL's file beside it (or, on a narrow window,
 * on a page of its own, and the list shrinks to one-line rows). */

#define KDX_TYPE_LIST_VIEW (kdx_list_view_get_type ())
G_DECLARE_FINAL_TYPE (KdxListView, kdx_list_view, KDX, LIST_VIEW, AdwBin)

GtkWidget    *kdx_list_view_new            (KdxStore     *store);
KdxKolList   *kdx_list_view_get_list       (KdxListView  *self);
KdxKolEditor *kdx_list_view_get_editor     (KdxListView  *self);
GMenuModel    *kdx_list_view_get_bulk_menu    (KdxListView       *self);
GtkColumnView *kdx_list_view_get_column_view (KdxListView *self);
void          kdx_list_view_set_search     (KdxListView  *self,
                                            const char   *search);
void          kdx_list_view_set_filter     (KdxListView  *self,
                                            const KdxKolQuery *filter);
GArray       *kdx_list_view_get_selected_ids (KdxListView *self);
char        **kdx_list_view_get_columns    (KdxListView  *self);
void          kdx_list_view_set_columns    (KdxListView  *self,
                                            const char *const *columns);
void          kdx_list_view_set_sort       (KdxListView  *self,
                                            const KdxKolQuery *sort);
void          kdx_list_view_select_id      (KdxListView  *self,
                                            gint64        id,
                                            gboolean      show_file);
gboolean      kdx_list_view_get_showing_file (KdxListView *self);
void          kdx_list_view_show_list      (KdxListView  *self);
void          kdx_list_view_show_only      (KdxListView  *self,
                                            const char   *title,
                                            GArray       *ids);

G_END_DECLS
