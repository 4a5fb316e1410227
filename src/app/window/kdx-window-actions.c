/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-board-card.h"
#include "kdx-board-column.h"
#include "kdx-bulk-edit-dialog.h"
#include "kdx-import-history.h"
#include "kdx-log-contact-dialog.h"
#include "kdx-preferences-window.h"
#include "kdx-transfer.h"
#include "kdx-window-private.h"

/* The window's actions (win.*): add, search, delete and undo, import,
 * export, print. The window's state and views are in kdx-window.c. */

/* ---- search ------------------------------------------------------------------------ */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KdxWindow *self = KDX_WINDOW (widget);
  gboolean on = !gtk_search_bar_get_search_mode (self->search_bar);

  gtk_search_bar_set_search_mode (self->search_bar, on);
  if (on)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ---- add ------------------------------------------------------------------------ */

static void
add_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 KdxWindow        *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  /* Yours to follow up: the operator's name, the one My KOLs matches. */
  const char *owner = kdx_store_get_operator (self->store);
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "add") || *name == '\0')
    return;

  kol = kdx_kol_new ();
  kdx_kol_set_display_name (kol, name);
  if (owner != NULL && *owner != '\0')
    g_object_set (kol, "owner", owner, NULL);

  if (!kdx_store_add_kol (self->store, kol, &error))
    {
      _kdx_window_show_toast (self, error->message);
      return;
    }

  /* Show the new file, even where the search or filters would hide it. */
  _kdx_window_open_kol (self, kdx_kol_get_id (kol));
}

static void
name_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, g_object_get_data (G_OBJECT (dialog), "kdx-response"),
                                           *name != '\0');
}

/**
 * _kdx_window_ask_name:
 * @accessible_name: the entry's name (its placeholder says more)
 * @response: the id of the button that takes the name (enabled once a
 *   name is typed; Enter presses it)
 *
 * A dialog asking for one name (Add KOL, Save View): its "response"
 * goes to @response_cb with @self; the entry is the extra child.
 */
void
_kdx_window_ask_name (KdxWindow  *self,
                      const char *heading,
                      const char *body,
                      const char *accessible_name,
                      const char *placeholder,
                      const char *response,
                      const char *response_label,
                      GCallback   response_cb)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), response, FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "kdx-response", g_strdup (response), g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (name_changed_cb), dialog);
  g_signal_connect (dialog, "response", response_cb, self);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
add_kol_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KdxWindow *self = KDX_WINDOW (widget);

  if (self->store == NULL)
    return;
  _kdx_window_ask_name (self, _("Add KOL"),
                        _("Start with the name people know the KOL by; fill in the rest of the file afterwards."),
                        _("Display name"), _("Display name"), "add", _("_Add"),
                        G_CALLBACK (add_response_cb));
}

/* ---- delete and undo ------------------------------------------------------------ */

typedef struct
{
  KdxWindow *window;   /* owns the undo toasts, so outlives the offer */
  GPtrArray *files;    /* whole files, timeline and history included */
} Deleted;

static void
deleted_free (Deleted *deleted)
{
  g_ptr_array_unref (deleted->files);
  g_free (deleted);
}

static gboolean
undo_delete (gpointer   user_data,
             GError   **error)
{
  Deleted *deleted = user_data;
  KdxWindow *self = deleted->window;

  /* The same ids, uids and histories: the files come back as they were. */
  if (!kdx_store_restore_kols (self->store, deleted->files, error))
    return FALSE;

  if (deleted->files->len > 0)
    kdx_list_view_select_id (self->list_view, kdx_kol_get_id (g_ptr_array_index (deleted->files, 0)), FALSE);
  return TRUE;
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KdxWindow *self = KDX_WINDOW (widget);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  Deleted *deleted;

  if (self->list_view == NULL)
    return;
  ids = kdx_list_view_get_selected_ids (self->list_view);
  if (ids->len == 0)
    return;

  /* What is about to be typed away must land first. */
  kdx_kol_editor_flush (kdx_list_view_get_editor (self->list_view));

  /* Whole files, timeline and history included, so Undo restores them. */
  if (!kdx_store_delete_kols (self->store, ids, &files, &error))
    {
      _kdx_window_show_toast (self, error->message);
      return;
    }

  if (files->len == 1)
    title = g_strdup_printf (_("“%s” deleted"), kdx_kol_get_display_name (g_ptr_array_index (files, 0)));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u KOL deleted", "%u KOLs deleted",
                                          files->len), files->len);

  deleted = g_new0 (Deleted, 1);
  deleted->window = self;
  deleted->files = g_steal_pointer (&files);
  kdx_window_offer_undo (self, title, 10, undo_delete, deleted, (GDestroyNotify) deleted_free);
}

/* The button of every Undo toast (kdx-undo-toasts.c). */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KdxWindow *self = KDX_WINDOW (widget);

  /* What is being typed lands before files are put back over it. */
  if (self->list_view != NULL)
    kdx_kol_editor_flush (kdx_list_view_get_editor (self->list_view));
  if (self->undo_toasts != NULL)
    kdx_undo_toasts_undo (self->undo_toasts, g_variant_get_uint64 (parameter));
}

/* ---- log contact ---------------------------------------------------------------- */

/* What a shortcut acts on: the focused board card's KOL (with @with_column,
 * its column's selection when the card is part of it), or else the list's
 * selection (the open file is the list's selection). */
static GArray *
focused_ids (KdxWindow *self,
             gboolean   with_column)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *card = focus != NULL ? gtk_widget_get_ancestor (focus, KDX_TYPE_BOARD_CARD) : NULL;
  GArray *ids;
  gint64 id;

  if (card == NULL || kdx_board_card_get_kol (KDX_BOARD_CARD (card)) == NULL)
    return kdx_list_view_get_selected_ids (self->list_view);
  if (with_column)
    return kdx_board_card_get_ids (KDX_BOARD_CARD (card));
  id = kdx_kol_get_id (kdx_board_card_get_kol (KDX_BOARD_CARD (card)));
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (ids, id);
  return ids;
}

/* The ids of an "ax" action's parameter. */
static GArray *
parameter_ids (GVariant *parameter)
{
  gsize n = 0;
  const gint64 *values = g_variant_get_fixed_array (parameter, &n, sizeof (gint64));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_vals (ids, values, n);
  return ids;
}

/* Ctrl+L: the focused board card's KOL, or else the list's selection. */
static void
log_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KdxWindow *self = KDX_WINDOW (widget);
  g_autoptr(GArray) ids = NULL;

  if (self->store == NULL)
    return;
  ids = focused_ids (self, FALSE);
  if (ids->len == 0)
    _kdx_window_show_toast (self, _("Select the KOLs to log a contact with"));
  else
    kdx_log_contact_dialog_present (GTK_WINDOW (self), self->store, ids);
}

/* win.log-contact-for(ax): for the KOLs named, from a menu model. */
static void
log_contact_for_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KdxWindow *self = KDX_WINDOW (widget);
  g_autoptr(GArray) ids = parameter_ids (parameter);

  if (self->store != NULL && ids->len > 0)
    kdx_log_contact_dialog_present (GTK_WINDOW (self), self->store, ids);
}

/* ---- bulk edit ------------------------------------------------------------------ */

/* Ctrl+Shift+E: the focused board card's column selection (the card
 * alone when it is not part of it), or else the list's selection. */
static void
bulk_edit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KdxWindow *self = KDX_WINDOW (widget);
  g_autoptr(GArray) ids = NULL;

  if (self->store == NULL)
    return;
  ids = focused_ids (self, TRUE);
  if (ids->len == 0)
    _kdx_window_show_toast (self, _("Select the KOLs to edit"));
  else
    kdx_bulk_edit_dialog_present (GTK_WINDOW (self), self->store, ids);
}

/* win.bulk-edit-for(ax): for the KOLs named, from a menu model. */
static void
bulk_edit_for_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KdxWindow *self = KDX_WINDOW (widget);
  g_autoptr(GArray) ids = parameter_ids (parameter);

  if (self->store != NULL && ids->len > 0)
    kdx_bulk_edit_dialog_present (GTK_WINDOW (self), self->store, ids);
}

/* ---- import, export, print ------------------------------------------------------ */

static GArray *
shown_ids (KdxWindow *self)
{
  KdxKolList *list = kdx_list_view_get_list (self->list_view);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      gint64 id = kdx_kol_list_get_id (list, i);
      g_array_append_val (ids, id);
    }
  return ids;
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KdxWindow *self = KDX_WINDOW (widget);
  g_autoptr(GArray) shown = NULL;
  g_autoptr(GArray) selected = NULL;

  if (self->store == NULL)
    return;
  kdx_kol_editor_flush (kdx_list_view_get_editor (self->list_view));
  shown = shown_ids (self);
  selected = kdx_list_view_get_selected_ids (self->list_view);
  kdx_transfer_show_export_dialog (GTK_WINDOW (self), self->store, shown, selected, self->toast_overlay);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KdxWindow *self = KDX_WINDOW (widget);

  if (self->store != NULL)
    kdx_transfer_choose_import (GTK_WINDOW (self), self->store, self->toast_overlay);
}

static void
undo_import_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KdxWindow *self = KDX_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  kdx_kol_editor_flush (kdx_list_view_get_editor (self->list_view));
  if (!kdx_store_undo_import (self->store, g_variant_get_int64 (parameter), &error))
    _kdx_window_show_toast (self, error->message);
  else
    _kdx_window_show_toast (self, _("Import undone"));
}

static void
import_history_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KdxWindow *self = KDX_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (kdx_import_history_new (GTK_WINDOW (self), self->store)));
}

/* The selection, or when nothing is selected, what the list shows. */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KdxWindow *self = KDX_WINDOW (widget);
  g_autoptr(GArray) ids = NULL;

  if (self->store == NULL)
    return;
  kdx_kol_editor_flush (kdx_list_view_get_editor (self->list_view));
  ids = kdx_list_view_get_selected_ids (self->list_view);
  if (ids->len == 0)
    {
      g_array_unref (ids);
      ids = shown_ids (self);
    }
  if (ids->len == 0)
    {
      _kdx_window_show_toast (self, _("There is no KOL to print"));
      return;
    }
  kdx_transfer_print (GTK_WINDOW (self), self->store, ids, self->toast_overlay);
}

/* ---- today -------------------------------------------------------------------- */

/* Open a KOL's file from anywhere (Today's rows): the list shows it. */
static void
open_kol_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  _kdx_window_open_kol (KDX_WINDOW (widget), g_variant_get_int64 (parameter));
}

/* The damaged database's way out: Preferences, on its Backups page, for
 * this window's database. */
static void
show_backups_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkWidget *preferences = kdx_preferences_window_new (GTK_WINDOW (widget));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "backups");
  gtk_window_present (GTK_WINDOW (preferences));
}

/* ---- views ---------------------------------------------------------------------- */

/* win.show-view('list' | 'board' | 'today' | 'insights'): Alt+1 to Alt+4. */
static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KdxWindow *self = KDX_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (self->store != NULL && adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

void
_kdx_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.add-kol", NULL, add_kol_action);
  gtk_widget_class_install_action (widget_class, "win.show-backups", NULL, show_backups_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "win.undo", "t", undo_action);
  gtk_widget_class_install_action (widget_class, "win.log-contact", NULL, log_contact_action);
  gtk_widget_class_install_action (widget_class, "win.log-contact-for", "ax", log_contact_for_action);
  gtk_widget_class_install_action (widget_class, "win.bulk-edit", NULL, bulk_edit_action);
  gtk_widget_class_install_action (widget_class, "win.bulk-edit-for", "ax", bulk_edit_for_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.undo-import", "x", undo_import_action);
  gtk_widget_class_install_action (widget_class, "win.import-history", NULL, import_history_action);
  gtk_widget_class_install_action (widget_class, "win.open-kol", "x", open_kol_action);
}
