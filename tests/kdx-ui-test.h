/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-store.h"
#include "kdx-window.h"

G_BEGIN_DECLS

/* Shared by the display tests (run under Xvfb, as build-aux/test does).
 * They drive the window as a person would: keys go through the real
 * shortcut controllers, buttons and menu items are activated as widgets,
 * and the outcome is checked in the database. */

typedef struct
{
  char           *dir;
  KdxStore       *store;
  KdxApplication *application;
  KdxWindow      *window;
} KdxUiFixture;

typedef gboolean (*KdxUiCondition) (gpointer user_data);

/* gtk_test_init, adw_init, no animations: call first in main(). */
void        kdx_ui_test_init          (int            *argc,
                                       char         ***argv);
void        kdx_ui_fixture_set_up     (KdxUiFixture   *fixture,
                                       gconstpointer   data);
void        kdx_ui_fixture_tear_down  (KdxUiFixture   *fixture,
                                       gconstpointer   data);

/* Runs what is pending in the main loop, without blocking. */
void        kdx_ui_iterate            (void);
/* Runs the main loop until @condition holds; fails the test after
 * @timeout_ms (a generous bound for a loaded machine, not a delay). */
void        kdx_ui_wait_until         (KdxUiCondition  condition,
                                       gpointer        user_data,
                                       guint           timeout_ms);
/* Lets the main loop run for @ms, for delays that are the behaviour under
 * test (the editor's save-after-typing pause). */
void        kdx_ui_wait_ms            (guint           ms);

gint64      kdx_ui_add_kol            (KdxStore       *store,
                                       const char     *name,
                                       gint64          followers);

/* The newest visible toplevel of @type, or NULL. */
GtkWindow  *kdx_ui_find_toplevel      (GType           type);
/* The first descendant of @root (itself included) of @type, depth first;
 * with @label, only a widget whose label, title or accessible name (as a
 * person reads it, mnemonic underscores removed) is @label. */
GtkWidget  *kdx_ui_find_widget        (GtkWidget      *root,
                                       GType           type,
                                       const char     *label);
/* Same as kdx_ui_find_widget() over every visible toplevel. */
GtkWidget  *kdx_ui_find_anywhere      (GType           type,
                                       const char     *label);
/* The label, title or accessible label of @widget as shown. */
char       *kdx_ui_widget_text        (GtkWidget      *widget);

/* Presses @keyval with @modifiers as the keyboard would reach the focused
 * widget of @window: the shortcut controllers of the focus widget and its
 * ancestors, bubbling up, then the application's accelerators. Returns
 * whether something handled it. */
gboolean    kdx_ui_press_key          (GtkWindow      *window,
                                       guint           keyval,
                                       GdkModifierType modifiers);
/* Types @text into the focused editable (an entry, a search entry, a
 * spin button) at its cursor, as a keyboard would. */
void        kdx_ui_type               (GtkWindow      *window,
                                       const char     *text);
/* Clicks a button, a menu item or a toast's button as a pointer would
 * (the "clicked" signal, which also runs its action). */
void        kdx_ui_click              (GtkWidget      *widget);
/* Clicks the button labelled @label of the toast currently shown in
 * @window (its "Undo"), failing when there is none or it is insensitive. */
void        kdx_ui_click_toast_button (GtkWidget      *window,
                                       const char     *label);

G_END_DECLS
