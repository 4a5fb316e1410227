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
typedef gboolean (*KdxUiWidgetTest) (GtkWidget     *widget,
                                     gconstpointer  data);

/* gtk_test_init, adw_init, no animations: call first in main(). Without
 * a display it prints a TAP plan that skips the whole program and exits. */
void        kdx_ui_test_init          (int            *argc,
                                       char         ***argv);
void        kdx_ui_fixture_set_up     (KdxUiFixture   *fixture,
                                       gconstpointer   data);
/* The fixture's set-up on the database at @location (a file's path or
 * a postgresql:// URI on tests/pg-server's server) instead of a new file: for a test that made it first. */
void        kdx_ui_fixture_set_up_at  (KdxUiFixture   *fixture,
                                       const char     *location);
void        kdx_ui_fixture_tear_down  (KdxUiFixture   *fixture,
                                       gconstpointer   data);

/* The one application of the test program, registered (its accelerators
 * installed), never unique: for a program with a fixture of its own. */
KdxApplication *kdx_ui_application   (void);
/* Presents @window and runs the main loop until it is on the screen. */
void        kdx_ui_present_and_wait   (GtkWindow      *window);

/* Adds a test of @func on a fresh KdxUiFixture: what main() does for
 * every display test. */
#define KDX_UI_ADD(path, func) \
  g_test_add (path, KdxUiFixture, NULL, kdx_ui_fixture_set_up, func, kdx_ui_fixture_tear_down)

/* Runs what is pending in the main loop, without blocking. */
void        kdx_ui_iterate            (void);
/* Runs the main loop until @condition holds; fails the test after
 * @timeout_ms (a generous bound for a loaded machine, not a delay). */
void        kdx_ui_wait_until         (KdxUiCondition  condition,
                                       gpointer        user_data,
                                       guint           timeout_ms);
/* The same, saying on failure which condition of which line did not hold
 * (a flake under load then names itself): what kdx_ui_wait_until() calls. */
void        kdx_ui_wait_until_at      (KdxUiCondition  condition,
                                       gpointer        user_data,
                                       guint           timeout_ms,
                                       const char     *what,
                                       const char     *where);
#define kdx_ui_wait_until(condition, user_data, timeout_ms) \
  kdx_ui_wait_until_at ((condition), (user_data), (timeout_ms), #condition, G_STRLOC)
/* Lets the main loop run for @ms. Never to wait for an outcome (issue 15:
 * a fixed 700 ms flaked under load): wait for the condition instead with
 * kdx_ui_wait_until() or the kdx_ui_wait_for_*() helpers. No test uses it. */
void        kdx_ui_wait_ms            (guint           ms);

gint64      kdx_ui_add_kol            (KdxStore       *store,
                                       const char     *name,
                                       gint64          followers);
/* Stores @kol as it is (with its lists) and returns its new id. */
gint64      kdx_ui_store_kol          (KdxStore       *store,
                                       KdxKol         *kol);
/* The file of @id as stored now, failing the test when it cannot be read. */
KdxKol     *kdx_ui_load_kol           (KdxStore       *store,
                                       gint64          id);
/* The string property @property of the stored file of @id (NULL if unset). */
char       *kdx_ui_stored_string      (KdxStore       *store,
                                       gint64          id,
                                       const char     *property);
/* Runs the main loop until the stored file of @id has @field (a field of
 * the KOL file, as text: "125000", "contacting") equal to @expected (NULL:
 * unset): the editor's delayed save, an Undo or an import has landed. */
void        kdx_ui_wait_for_stored    (KdxStore       *store,
                                       gint64          id,
                                       const char     *field,
                                       const char     *expected);
/* Runs the main loop until @model holds @n items. */
void        kdx_ui_wait_for_n_items   (GListModel     *model,
                                       guint           n);
/* Runs the main loop until @editable shows @text: a focus change has
 * reached the row (its handlers run when the window gets the event,
 * which on a loaded machine is not at once). */
void        kdx_ui_wait_for_text      (GtkEditable    *editable,
                                       const char     *text);
/* Runs the main loop until no background job (import, export) runs. */
void        kdx_ui_wait_for_no_jobs   (void);
/* Runs the main loop until the store holds exactly @n KOLs: a delete, an
 * Undo or an import has reached the database. */
void        kdx_ui_wait_for_n_kols    (KdxUiFixture   *fixture,
                                       int             n,
                                       guint           timeout_ms);

/* Selects the file of @id in the list, as a click on its row does, and
 * checks that the editor shows it. */
KdxKolEditor *kdx_ui_open_kol         (KdxUiFixture   *fixture,
                                       gint64          id);
/* The window's list of KOLs, the model its rows show. */
GListModel *kdx_ui_list_of            (KdxUiFixture   *fixture);
/* Selects the list's row at @position alone and gives the list the
 * keyboard focus, so that keys act on that row. */
void        kdx_ui_select_row         (KdxUiFixture   *fixture,
                                       guint           position);

/* The newest visible toplevel of @type, or NULL. */
GtkWindow  *kdx_ui_find_toplevel      (GType           type);
/* The first widget of @type below @root whose tooltip is @tooltip (an
 * icon button, told apart as a person tells it), or NULL. */
GtkWidget  *kdx_ui_find_with_tooltip  (GtkWidget      *root,
                                       GType           type,
                                       const char     *tooltip);
/* The card of KOL @id on @fixture's board, the board shown and the card
 * given the focus, as a click or Tab would. */
GtkWidget  *kdx_ui_focus_card         (KdxUiFixture   *fixture,
                                       KdxStage        stage,
                                       gint64          id);
/* Runs the main loop until a toplevel of @type is on the screen (mapped,
 * laid out) and returns it. */
GtkWindow  *kdx_ui_wait_for_toplevel  (GType           type);
/* The first descendant of @root (itself included) of @type, depth first;
 * with @label, only a widget whose label, title or accessible name (as a
 * person reads it, mnemonic underscores removed) is @label. */
GtkWidget  *kdx_ui_find_widget        (GtkWidget      *root,
                                       GType           type,
                                       const char     *label);

/* The first descendant of @root (itself included), depth first, that
 * passes @test: for what a person tells widgets apart by other than a
 * label (a tooltip, an icon, a stack's pages). */
GtkWidget  *kdx_ui_find_first         (GtkWidget      *root,
                                       KdxUiWidgetTest test,
                                       gconstpointer   data);
/* The first descendant of @root (itself included) whose widget name is
 * @name (field rows and dialog rows are named after their field). */
GtkWidget  *kdx_ui_find_named         (GtkWidget      *root,
                                       const char     *name);
/* Every label's text under @root as shown (markup applied), in order. */
GPtrArray  *kdx_ui_label_texts        (GtkWidget      *root);
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
/* Adds a KOL as a person does: Ctrl+N, @name typed into the dialog,
 * Enter; returns once the store holds one KOL more. */
void        kdx_ui_add_kol_by_keyboard (KdxUiFixture  *fixture,
                                        const char    *name);
/* Presses @keyval with @modifiers in @window (Menu, Shift+F10) and
 * returns the menu it opened under @owner, checked to be shown. */
GtkWidget  *kdx_ui_open_menu          (GtkWindow      *window,
                                       GtkWidget      *owner,
                                       guint           keyval,
                                       GdkModifierType modifiers);
/* Clicks the item labelled @label of @menu (a popover menu, or a menu
 * button's), failing with its name when there is none. */
void        kdx_ui_click_menu_item    (GtkWidget      *menu,
                                       const char     *label);
/* Clicks the button labelled @label of the toast currently shown in
 * @window (its "Undo"), failing when there is none or it is insensitive. */
void        kdx_ui_click_toast_button (GtkWidget      *window,
                                       const char     *label);

/* Whether KOL @id's list @list (e.g. "channels") holds @n items in the
 * store, as a condition for kdx_ui_wait_until(). */
typedef struct
{
  KdxUiFixture *fixture;
  gint64        id;
  const char   *list;
  guint         n;
} KdxUiStoredList;

gboolean    kdx_ui_stored_list_has_n  (gpointer        stored_list);

/* Whether the Today view of @fixture's window lists KOL @id for @reason
 * (a KdxDueReason), and the same as a condition for kdx_ui_wait_until(). */
typedef struct
{
  KdxUiFixture *fixture;
  gint64        id;
  int           reason;
} KdxUiInToday;

gboolean    kdx_ui_in_today           (gpointer        in_today);
gboolean    kdx_ui_not_in_today       (gpointer        in_today);

G_END_DECLS
