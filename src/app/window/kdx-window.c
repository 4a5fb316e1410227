/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-app-resources.h"
#include "kdx-board-view.h"
#include "kdx-error.h"
#include "kdx-job-registry.h"
#include "kdx-list-view.h"
#include "kdx-transfer.h"
#include "kdx-filter-chips.h"
#include "kdx-window-private.h"

/* The main window: header bar (Add, the view switcher, Search, the main
 * menu), a search bar with the filters, and the views. The list view is
 * the first; the board and others join the view stack in their issues. */

G_DEFINE_FINAL_TYPE (KdxWindow, kdx_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_kdx_window_show_toast (KdxWindow  *self,
                        const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * kdx_window_show_toast:
 *
 * Says @message (plain text) in the window for a while: what happened
 * elsewhere, such as Preferences connecting the team database.
 */
void
kdx_window_show_toast (KdxWindow  *self,
                       const char *message)
{
  g_return_if_fail (KDX_IS_WINDOW (self));
  _kdx_window_show_toast (self, message);
}

/**
 * kdx_window_describe_database:
 * @location: a database's path, or a team database's URI (no password)
 *
 * Where a window is connected, as the operator reads it: "Team
 * database: koldex on db.example.com", or the file's path.
 */
char *
kdx_window_describe_database (const char *location)
{
  g_autofree char *database = NULL;
  g_autofree char *host = NULL;

  if (!kdx_store_get_server (location, &database, &host))
    return g_strdup (location);
  /* A Unix socket's folder: the server runs on this computer. */
  if (g_path_is_absolute (host))
    /* Translators: the window's subtitle; %s is the database's name */
    return g_strdup_printf (_("Team database: %s on this computer"), database);
  /* Translators: the window's subtitle: the database's name, the server */
  return g_strdup_printf (_("Team database: %s on %s"), database, host);
}

/* ---- search and filters --------------------------------------------------------- */

/* The board shows what the list shows: the same search and filters. */
static void
update_board_filter (KdxWindow *self)
{
  g_autoptr(KdxKolQuery) filter = NULL;
  const char *search;

  if (self->board_view == NULL || self->filter_popover == NULL)
    return;

  filter = kdx_filter_popover_get_query (self->filter_popover);
  _kdx_window_narrow_to_mine (self, filter);
  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  kdx_kol_query_set_search (filter, *search != '\0' ? search : NULL);
  kdx_board_view_set_filter (self->board_view, filter);
}

static void
search_changed_cb (KdxWindow *self)
{
  self->start_view_kept = FALSE;
  if (self->list_view != NULL)
    kdx_list_view_set_search (self->list_view, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_board_filter (self);
}

static void
stop_search_cb (KdxWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/* Shows KOL @id in the list view, selected and open, even where the
 * search or filters would hide it. */
void
_kdx_window_open_kol (KdxWindow *self,
                      gint64     id)
{
  if (!kdx_kol_list_find (kdx_list_view_get_list (self->list_view), id, NULL))
    {
      stop_search_cb (self);
      kdx_filter_popover_clear (self->filter_popover);
      g_settings_set_boolean (self->settings, "my-kols", FALSE);
    }
  adw_view_stack_set_visible_child_name (self->view_stack, "list");
  kdx_list_view_select_id (self->list_view, id, TRUE);
}

void
_kdx_window_filters_changed (KdxWindow *self)
{
  g_autoptr(KdxKolQuery) filter = kdx_filter_popover_get_query (self->filter_popover);
  guint count = kdx_filter_popover_count (self->filter_popover);

  _kdx_window_narrow_to_mine (self, filter);
  kdx_list_view_set_filter (self->list_view, filter);
  update_board_filter (self);

  if (count == 0)
    gtk_label_set_text_with_mnemonic (self->filter_label, _("_Filters"));
  else
    {
      /* Translators: the filter button with how many filters are on */
      g_autofree char *label = g_strdup_printf (_("_Filters (%u)"), count);
      gtk_label_set_text_with_mnemonic (self->filter_label, label);
    }
  if (count > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
}

/**
 * kdx_window_offer_undo:
 * @title: what was done, as plain text
 * @timeout: seconds the toast stays; 0 until dismissed
 * @undo: puts it back, when the toast's Undo is clicked
 * @destroy: frees @user_data when the offer ends
 *
 * Shows a toast with Undo: the one way every change offers its undo.
 */
void
kdx_window_offer_undo (KdxWindow      *self,
                       const char     *title,
                       guint           timeout,
                       KdxUndoFunc     undo,
                       gpointer        user_data,
                       GDestroyNotify  destroy)
{
  g_return_if_fail (KDX_IS_WINDOW (self));

  if (self->undo_toasts == NULL)
    {
      if (destroy != NULL)
        destroy (user_data);
      return;
    }
  kdx_undo_toasts_offer (self->undo_toasts, title, timeout, undo, user_data, destroy);
}

/* A file dropped on the window is imported, as with Import…. */
static gboolean
file_dropped_cb (GtkDropTarget *target,
                 const GValue  *value,
                 double         x,
                 double         y,
                 KdxWindow     *self)
{
  GFile *file = g_value_get_object (value);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path == NULL || self->store == NULL)
    return FALSE;
  kdx_transfer_import_file (GTK_WINDOW (self), self->store, path, self->toast_overlay);
  return TRUE;
}

void
kdx_window_import_file (KdxWindow  *self,
                        const char *path)
{
  g_return_if_fail (KDX_IS_WINDOW (self));

  if (self->store != NULL)
    kdx_transfer_import_file (GTK_WINDOW (self), self->store, path, self->toast_overlay);
}

static void
editor_error_cb (KdxWindow  *self,
                 const char *message)
{
  _kdx_window_show_toast (self, message);
}

/* ---- narrow: Back, and the board's empty state --------------------------------- */

static void
update_back_button (KdxWindow *self)
{
  gboolean on_list = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "list") == 0;

  gtk_widget_set_visible (self->back_button,
                          on_list && kdx_list_view_get_showing_file (self->list_view));
}

static void
back_clicked_cb (KdxWindow *self)
{
  if (self->list_view != NULL)
    kdx_list_view_show_list (self->list_view);
}

static void
update_board_state (KdxWindow *self)
{
  if (self->board_view == NULL)
    return;
  gtk_stack_set_visible_child_name (self->board_stack,
                                    kdx_store_count_kols (self->store, NULL) == 0 ? "empty" : "board");
}

static void
board_toast_cb (KdxWindow *self,
                AdwToast  *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

/* A bar of an Insights chart: the List, with just its KOLs. */
static void
insights_show_kols_cb (KdxWindow  *self,
                       const char *title,
                       GArray     *ids)
{
  kdx_window_show_kols (self, title, ids);
}

static void
insights_toast_cb (KdxWindow *self,
                   AdwToast  *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

/* Double-click or Enter on a card: the file, in the list view. */
static void
board_open_kol_cb (KdxWindow *self,
                   gint64     id)
{
  _kdx_window_open_kol (self, id);
}

/* The board is built the first time it is shown (or asked for): at
 * 100,000 KOLs, building it hidden behind the list was 29 % of the time
 * to the window's first frame, and its cards a fifth of the memory
 * (issue 16). */
static void
ensure_board_view (KdxWindow *self)
{
  if (self->board_view != NULL || self->store == NULL)
    return;

  self->board_view = KDX_BOARD_VIEW (kdx_board_view_new (self->store));
  gtk_stack_add_named (self->board_stack, GTK_WIDGET (self->board_view), "board");
  g_signal_connect_swapped (self->board_view, "toast", G_CALLBACK (board_toast_cb), self);
  g_signal_connect_swapped (self->board_view, "open-kol", G_CALLBACK (board_open_kol_cb), self);
  update_board_filter (self);
  update_board_state (self);
}

/* ---- the first view -------------------------------------------------------------- */

/* The day starts with what is due, when something is. Known at once when
 * the store's tracker has an answer (a second window); else the window
 * opens where the operator left off, the tracker's worker starts after
 * the first frame, and its first answer brings Today forward, unless the
 * operator has done something meanwhile (switched views, searched,
 * selected or changed a KOL). */
static void
first_due_answer_cb (KdxWindow *self)
{
  g_clear_signal_handler (&self->first_due_handler, self->due_tracker);
  if (self->start_view_kept && kdx_due_tracker_get_items (self->due_tracker)->len > 0)
    adw_view_stack_set_visible_child_name (self->view_stack, "today");
  self->start_view_kept = FALSE;
}

static void
start_view_left_cb (KdxWindow *self)
{
  self->start_view_kept = FALSE;
}

/* What waits for the first frame (issue 16): the list's ids past its
 * first screen, and what is due. */
static void
after_first_frame (KdxWindow *self)
{
  kdx_kol_list_fetch_rest (kdx_list_view_get_list (self->list_view));
  kdx_due_tracker_request (self->due_tracker);
}

static void
first_frame_cb (GdkFrameClock *clock,
                KdxWindow     *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
  after_first_frame (self);
}

/* Once the window has shown itself. */
static void
mapped_cb (KdxWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_signal_handlers_disconnect_by_func (self, mapped_cb, self);
  if (clock == NULL)
    after_first_frame (self);
  else
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_frame_cb), self, 0);
}

static void
choose_first_view (KdxWindow *self)
{
  g_autofree char *last_view = g_settings_get_string (self->settings, "last-view");

  self->due_tracker = kdx_due_tracker_for_store (self->store);
  if (kdx_due_tracker_has_answer (self->due_tracker)
      && kdx_due_tracker_get_items (self->due_tracker)->len > 0)
    adw_view_stack_set_visible_child_name (self->view_stack, "today");
  else if (adw_view_stack_get_child_by_name (self->view_stack, last_view) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, last_view);

  if (!kdx_due_tracker_has_answer (self->due_tracker))
    {
      self->start_view_kept = TRUE;
      self->first_due_handler = g_signal_connect_swapped (self->due_tracker, "changed",
                                                          G_CALLBACK (first_due_answer_cb), self);
      g_signal_connect_swapped (self->view_stack, "notify::visible-child", G_CALLBACK (start_view_left_cb), self);
      g_signal_connect_object (gtk_column_view_get_model (kdx_list_view_get_column_view (self->list_view)),
                               "selection-changed", G_CALLBACK (start_view_left_cb), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_swapped (self, "map", G_CALLBACK (mapped_cb), self);
}

static void
visible_view_cb (KdxWindow *self)
{
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "board") == 0)
    ensure_board_view (self);
}

/* ---- window state --------------------------------------------------------------- */

static void
save_window_state (KdxWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  if (adw_view_stack_get_visible_child_name (self->view_stack) != NULL)
    g_settings_set_string (self->settings, "last-view",
                           adw_view_stack_get_visible_child_name (self->view_stack));
}

/* Every import and export stopped: the window closes as asked. */
static void
work_stopped_cb (GObject      *registry,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KdxWindow) self = user_data;

  kdx_job_registry_stop_all_finish (KDX_JOB_REGISTRY (registry), result, NULL);
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   KdxWindow        *self)
{
  if (g_str_equal (response, "stop") && !self->stopping)
    {
      self->stopping = TRUE;
      kdx_job_registry_stop_all_async (kdx_job_registry_get_default (), work_stopped_cb,
                                       g_object_ref (self));
    }
}

/* Closing would kill the thread of a running import or export: ask, and
 * stop it cleanly first. */
static void
ask_to_stop_work (KdxWindow *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Stop the Running Work?"),
                                   _("An import or export is still running. Closing stops it: an "
                                     "import is taken back as a whole, and an export leaves no file."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Working"),
                                    "stop", _("_Stop and Close"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "stop",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
kdx_window_close_request (GtkWindow *window)
{
  KdxWindow *self = KDX_WINDOW (window);

  if (!self->closing && kdx_job_registry_get_n_running (kdx_job_registry_get_default ()) > 0)
    {
      /* Closing again while it stops changes nothing. */
      if (!self->stopping)
        ask_to_stop_work (self);
      return TRUE;
    }

  if (self->list_view != NULL)
    kdx_kol_editor_flush (kdx_list_view_get_editor (self->list_view));
  save_window_state (self);

  return GTK_WINDOW_CLASS (kdx_window_parent_class)->close_request (window);
}

static void
build_views (KdxWindow *self)
{
  AdwViewStackPage *page;

  self->list_view = KDX_LIST_VIEW (kdx_list_view_new (self->store));
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->list_view), "list", _("List"));
  adw_view_stack_page_set_icon_name (page, "view-list-symbolic");
  g_signal_connect_swapped (kdx_list_view_get_editor (self->list_view), "error",
                            G_CALLBACK (editor_error_cb), self);

  g_signal_connect_swapped (self->list_view, "notify::showing-file", G_CALLBACK (update_back_button), self);
  /* "Edit N KOLs…" heads the window's menu while several are selected. */
  g_menu_prepend_section (self->primary_menu, NULL, kdx_list_view_get_bulk_menu (self->list_view));
  g_signal_connect_swapped (self->view_stack, "notify::visible-child", G_CALLBACK (update_back_button), self);

  /* The board itself comes when it is first shown (ensure_board_view). */
  self->board_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->board_stack, self->board_empty_page, "empty");
  g_signal_group_set_target (self->store_signals, self->store);
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->board_stack), "board", _("Board"));
  adw_view_stack_page_set_icon_name (page, "view-grid-symbolic");
  g_signal_connect_swapped (self->view_stack, "notify::visible-child", G_CALLBACK (visible_view_cb), self);

  self->filter_popover = KDX_FILTER_POPOVER (kdx_filter_popover_new (self->store));
  gtk_menu_button_set_popover (self->filter_button, GTK_WIDGET (self->filter_popover));
  g_signal_connect_swapped (self->filter_popover, "changed", G_CALLBACK (_kdx_window_filters_changed), self);
  /* The filters on show as chips under the search bar, over list and board. */
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->search_bar))),
                              kdx_filter_chips_new (self->filter_popover), GTK_WIDGET (self->search_bar));

  self->today_view = KDX_TODAY_VIEW (kdx_today_view_new (self->store));
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->today_view), "today", _("Today"));
  adw_view_stack_page_set_icon_name (page, "alarm-symbolic");

  self->insights_view = KDX_INSIGHTS_VIEW (kdx_insights_view_new (self->store));
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->insights_view), "insights",
                                    C_("view", "Insights"));
  adw_view_stack_page_set_icon_name (page, "kdx-insights-symbolic");
  g_signal_connect_swapped (self->insights_view, "show-kols", G_CALLBACK (insights_show_kols_cb), self);
  g_signal_connect_swapped (self->insights_view, "toast", G_CALLBACK (insights_toast_cb), self);

  choose_first_view (self);
}

/* What works on the database; off without one, or while it is damaged. */
static void
set_views_enabled (KdxWindow *self,
                   gboolean   enabled)
{
  static const char *const actions[] = { "win.add-kol", "win.search", "win.import", "win.export", "win.print" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], enabled);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), enabled);
  _kdx_window_lock_writes (self);
}

/* Damage seen in this session (by any statement, or the check at start):
 * the views give way to what happened and the way back, never a list
 * that shows half of the file; a restored backup brings them back. */
static void
store_damaged_cb (KdxWindow *self)
{
  gboolean damaged = kdx_store_is_damaged (self->store);

  if (damaged)
    {
      g_autoptr(GError) error = NULL;

      kdx_store_damage_error (self->store, &error);
      adw_status_page_set_description (self->damaged_page, error->message);
    }
  set_views_enabled (self, !damaged);
  gtk_stack_set_visible_child_name (self->main_stack, damaged ? "damaged" : "views");
}

/* ---- object --------------------------------------------------------------------- */

/* Beside Add, where the database is, while the view switcher hides the
 * subtitle that says it. */
static gboolean
show_team_status (gpointer user_data)
{
  KdxWindow *self = user_data;

  self->team_status_idle = 0;
  gtk_widget_set_visible (self->team_status,
                          !adw_view_switcher_title_get_title_visible (self->switcher_title));
  return G_SOURCE_REMOVE;
}

/* The switcher's title turns visible while the header is laid out, when
 * the window narrows: showing a widget then leaves it to be drawn before
 * it has a size (GTK warns), so it is shown or hidden just after. */
static void
title_visible_cb (KdxWindow *self)
{
  if (self->team_status_idle == 0)
    self->team_status_idle = g_idle_add (show_team_status, self);
}

static void
kdx_window_constructed (GObject *object)
{
  KdxWindow *self = KDX_WINDOW (object);

  G_OBJECT_CLASS (kdx_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (self->store == NULL)
    {
      set_views_enabled (self, FALSE);
      return;
    }

  {
    g_autofree char *where = kdx_window_describe_database (kdx_store_get_path (self->store));

    adw_view_switcher_title_set_subtitle (self->switcher_title, where);
    /* Wide, the view switcher hides the subtitle: a team database is
     * said beside Add instead (a file is the operator's own). */
    if (kdx_store_get_server (kdx_store_get_path (self->store), NULL, NULL))
      {
        gtk_label_set_text (self->team_label, where);
        gtk_widget_set_tooltip_text (self->team_status, where);
        g_signal_connect_object (self->switcher_title, "notify::title-visible",
                                 G_CALLBACK (title_visible_cb), self, G_CONNECT_SWAPPED);
        show_team_status (self);
      }
  }
  kdx_connection_banner_set_store (self->connection_banner, self->store);
  build_views (self);
  _kdx_window_views_init (self);
  _kdx_window_who_init (self);
  if (kdx_store_is_damaged (self->store))
    store_damaged_cb (self);
}

static void
kdx_window_dispose (GObject *object)
{
  KdxWindow *self = KDX_WINDOW (object);

  g_clear_signal_handler (&self->first_due_handler, self->due_tracker);
  g_clear_handle_id (&self->team_status_idle, g_source_remove);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  /* Before the toasts go: the offers' data dies with no handler left. */
  if (self->undo_toasts != NULL)
    g_object_run_dispose (G_OBJECT (self->undo_toasts));
  g_clear_object (&self->undo_toasts);
  g_clear_object (&self->views_menu);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kdx_window_parent_class)->dispose (object);
}

static void
kdx_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KdxWindow *self = KDX_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  KdxWindow *self = KDX_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_window_class_init (KdxWindowClass *klass)
{
  g_type_ensure (KDX_TYPE_CONNECTION_BANNER);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = kdx_window_constructed;
  object_class->dispose = kdx_window_dispose;
  object_class->get_property = kdx_window_get_property;
  object_class->set_property = kdx_window_set_property;
  window_class->close_request = kdx_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KDX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/kdx-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, connection_banner);
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, team_status);
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, team_label);
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, views_button);
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, filter_label);
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, damaged_page);
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, board_empty_page);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  _kdx_window_class_actions_init (widget_class);
  _kdx_window_class_views_init (widget_class);
}

static void
kdx_window_init (KdxWindow *self)
{
  static gsize icons_added = 0;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The window's content is found, not bound, like an AdwBin's child
   * (see kdx-kol-editor.c). */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_application_window_get_content (ADW_APPLICATION_WINDOW (self)));
  self->undo_toasts = kdx_undo_toasts_new (self->toast_overlay);
  self->settings = g_settings_new (APP_ID);
  self->store_signals = g_signal_group_new (KDX_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed", G_CALLBACK (update_board_state), self);
  g_signal_group_connect_swapped (self->store_signals, "changed", G_CALLBACK (start_view_left_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "notify::damaged", G_CALLBACK (store_damaged_cb), self);

  if (g_once_init_enter (&icons_added))
    {
      gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self))),
                                        RESOURCE_BASE "/icons");
      g_once_init_leave (&icons_added, 1);
    }

  {
    GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
    g_signal_connect (drop, "drop", G_CALLBACK (file_dropped_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }

  /* Typing anywhere in the window starts a search. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/**
 * kdx_window_new:
 * @store: (nullable): the open database, or %NULL when it could not be opened
 * @open_error: (nullable): why it could not, shown in the window
 */
KdxWindow *
kdx_window_new (KdxApplication *application,
                KdxStore       *store,
                const GError   *open_error)
{
  KdxWindow *self = g_object_new (KDX_TYPE_WINDOW,
                                  "application", application,
                                  "store", store,
                                  NULL);

  if (store == NULL && g_error_matches (open_error, KDX_ERROR, KDX_ERROR_DAMAGED))
    {
      adw_status_page_set_description (self->damaged_page, open_error->message);
      gtk_stack_set_visible_child_name (self->main_stack, "damaged");
    }
  else if (store == NULL)
    {
      adw_status_page_set_description (self->error_page,
                                       open_error != NULL ? open_error->message : NULL);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
    }

  return self;
}

KdxStore *
kdx_window_get_store (KdxWindow *self)
{
  g_return_val_if_fail (KDX_IS_WINDOW (self), NULL);
  return self->store;
}

KdxListView *
kdx_window_get_list_view (KdxWindow *self)
{
  g_return_val_if_fail (KDX_IS_WINDOW (self), NULL);
  return self->list_view;
}

/* "list", "board", "today" or "insights" */
void
kdx_window_show_view (KdxWindow  *self,
                      const char *name)
{
  g_return_if_fail (KDX_IS_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

KdxBoardView *
kdx_window_get_board_view (KdxWindow *self)
{
  g_return_val_if_fail (KDX_IS_WINDOW (self), NULL);
  ensure_board_view (self);
  return self->board_view;
}

KdxTodayView *
kdx_window_get_today_view (KdxWindow *self)
{
  g_return_val_if_fail (KDX_IS_WINDOW (self), NULL);
  return self->today_view;
}

GtkSearchEntry *
kdx_window_get_search_entry (KdxWindow *self)
{
  g_return_val_if_fail (KDX_IS_WINDOW (self), NULL);
  return self->search_entry;
}

GtkWidget *
kdx_window_get_insights_view (KdxWindow *self)
{
  g_return_val_if_fail (KDX_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->insights_view);
}

/**
 * kdx_window_show_kols:
 * @title: what the KOLs are, for the bar above the list
 * @ids: (element-type gint64): exactly the KOLs to show
 *
 * The List with just these KOLs: the search and filters that would hide
 * some of them are cleared first, so it shows exactly @ids.
 */
void
kdx_window_show_kols (KdxWindow  *self,
                      const char *title,
                      GArray     *ids)
{
  g_return_if_fail (KDX_IS_WINDOW (self));
  g_return_if_fail (ids != NULL);

  if (self->list_view == NULL)
    return;
  stop_search_cb (self);
  kdx_filter_popover_clear (self->filter_popover);
  kdx_list_view_show_only (self->list_view, title, ids);
  kdx_list_view_show_list (self->list_view);
  adw_view_stack_set_visible_child_name (self->view_stack, "list");
}
