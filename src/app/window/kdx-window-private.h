/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kdx-connection-banner.h"
#include "kdx-due-tracker.h"
#include "kdx-filter-popover.h"
#include "kdx-insights-view.h"
#include "kdx-today-view.h"
#include "kdx-views-menu.h"
#include "kdx-window.h"

G_BEGIN_DECLS

/* Shared by kdx-window.c (construction, views, state, closing) and
 * kdx-window-actions.c (the win.* actions), as GNOME Text Editor splits
 * its window. Not for other classes: they use kdx-window.h. */

struct _KdxWindow
{
  AdwApplicationWindow  parent_instance;

  KdxStore             *store;
  GSignalGroup         *store_signals; /* the store's "changed": the board's empty state */
  GSettings            *settings;
  KdxListView          *list_view;
  KdxBoardView         *board_view;
  KdxTodayView         *today_view;
  KdxInsightsView      *insights_view;
  KdxFilterPopover     *filter_popover;
  KdxUndoToasts        *undo_toasts;   /* every Undo toast of the window */
  KdxViewsMenu         *views_menu;    /* the saved views (kdx-window-views.c) */
  GtkMenuButton        *views_button;

  AdwHeaderBar         *header_bar;
  GtkWidget            *my_kols_button;   /* kdx-window-who.c */
  GtkWidget            *read_only_banner; /* shown on a read-only connection */

  AdwToastOverlay      *toast_overlay;
  GMenu                *primary_menu;
  AdwViewSwitcherTitle *switcher_title;
  KdxConnectionBanner  *connection_banner; /* a team database's server gone: retrying */
  GtkWidget            *team_status;   /* the team database, in the header when wide */
  GtkLabel             *team_label;
  guint                 team_status_idle;  /* shows or hides team_status after a layout */
  GtkToggleButton      *search_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkMenuButton        *filter_button;
  GtkLabel             *filter_label;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  AdwStatusPage        *error_page;
  AdwStatusPage        *damaged_page;  /* the database is damaged: restore a backup */
  GtkWidget            *back_button;
  GtkWidget            *board_empty_page;
  GtkStack             *board_stack;   /* the board, or its empty state */
  KdxDueTracker        *due_tracker;   /* not owned: the store's */
  gulong                first_due_handler; /* until the first due answer */
  gboolean              start_view_kept;   /* nothing done since the start: Today may take over */
  gboolean              stopping;      /* asked to close: the running work is stopping */
  gboolean              closing;       /* the running work was stopped: close now */
};

void _kdx_window_class_actions_init (GtkWidgetClass *widget_class);
void _kdx_window_class_views_init   (GtkWidgetClass *widget_class);
void _kdx_window_views_init         (KdxWindow      *self);
/* kdx-window-who.c: the operator, My KOLs, a read-only connection */
void _kdx_window_who_init           (KdxWindow      *self);
void _kdx_window_narrow_to_mine     (KdxWindow      *self,
                                     KdxKolQuery    *query);
void _kdx_window_lock_writes        (KdxWindow      *self);
void _kdx_window_filters_changed    (KdxWindow      *self);
void _kdx_window_show_toast         (KdxWindow      *self,
                                     const char     *message);
void _kdx_window_open_kol           (KdxWindow      *self,
                                     gint64          id);
void _kdx_window_ask_name           (KdxWindow      *self,
                                     const char     *heading,
                                     const char     *body,
                                     const char     *accessible_name,
                                     const char     *placeholder,
                                     const char     *response,
                                     const char     *response_label,
                                     GCallback       response_cb);

G_END_DECLS
