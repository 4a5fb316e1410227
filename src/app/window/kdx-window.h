/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-application.h"
#include "kdx-board-view.h"
#include "kdx-list-view.h"
#include "kdx-store.h"
#include "kdx-today-view.h"
#include "kdx-undo-toasts.h"

G_BEGIN_DECLS

#define KDX_TYPE_WINDOW (kdx_window_get_type ())
G_DECLARE_FINAL_TYPE (KdxWindow, kdx_window, KDX, WINDOW, AdwApplicationWindow)

KdxWindow *kdx_window_new       (KdxApplication *application,
                                 KdxStore       *store,
                                 const GError   *open_error);
KdxStore       *kdx_window_get_store        (KdxWindow      *self);
KdxListView    *kdx_window_get_list_view    (KdxWindow      *self);
KdxBoardView   *kdx_window_get_board_view   (KdxWindow      *self);
KdxTodayView   *kdx_window_get_today_view   (KdxWindow      *self);
void            kdx_window_show_view        (KdxWindow      *self,
                                             const char     *name);
void            kdx_window_import_file      (KdxWindow      *self,
                                             const char     *path);
GtkSearchEntry *kdx_window_get_search_entry (KdxWindow      *self);
GtkWidget      *kdx_window_get_insights_view (KdxWindow     *self);
void            kdx_window_show_kols        (KdxWindow      *self,
                                             const char     *title,
                                             GArray         *ids);
void            kdx_window_offer_undo       (KdxWindow      *self,
                                             const char     *title,
                                             guint           timeout,
                                             KdxUndoFunc     undo,
                                             gpointer        user_data,
                                             GDestroyNotify  destroy);

void            kdx_window_show_toast       (KdxWindow      *self,
                                             const char     *message);
char           *kdx_window_describe_database (const char    *location);

G_END_DECLS
