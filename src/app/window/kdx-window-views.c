/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-manage-views-dialog.h"
#include "kdx-saved-view.h"
#include "kdx-views-menu.h"
#include "kdx-window-private.h"

/* Saved views (win.apply-view, win.save-view, win.manage-views): what
 * the list shows (search, filters, sort, columns) under a name, kept in
 * the database. The Views menu in the header bar lists them. */

/* What the list shows now, as a query a view keeps: the filters, the
 * search text and the sort keys; never the ids of "Due for contact",
 * which are today's. */
static KdxKolQuery *
current_query (KdxWindow *self)
{
  KdxKolQuery *query = kdx_filter_popover_get_query (self->filter_popover);
  const KdxKolQuery *shown = kdx_kol_list_get_query (kdx_list_view_get_list (self->list_view));
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_auto(GStrv) sort = kdx_kol_query_get_sort_texts (shown);

  g_clear_pointer (&query->ids, g_array_unref);
  kdx_kol_query_set_search (query, *search != '\0' ? search : NULL);
  for (guint i = 0; sort[i] != NULL; i++)
    kdx_kol_query_add_sort_text (query, sort[i], NULL);
  return query;
}

static void
apply_view_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KdxWindow *self = KDX_WINDOW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GPtrArray) views = NULL;
  g_autoptr(GError) error = NULL;
  KdxSavedView *view = NULL;
  const KdxKolQuery *query;

  if (self->store == NULL)
    return;
  views = kdx_store_list_views (self->store, &error);
  for (guint i = 0; views != NULL && i < views->len; i++)
    if (kdx_saved_view_get_id (g_ptr_array_index (views, i)) == id)
      view = g_ptr_array_index (views, i);
  if (view == NULL)
    {
      _kdx_window_show_toast (self, error != NULL ? error->message : _("That saved view no longer exists"));
      return;
    }

  query = kdx_saved_view_get_query (view);
  kdx_list_view_set_sort (self->list_view, query);
  kdx_list_view_set_columns (self->list_view, kdx_saved_view_get_columns (view));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query->search != NULL ? query->search : "");
  gtk_search_bar_set_search_mode (self->search_bar, query->search != NULL);
  kdx_filter_popover_set_query (self->filter_popover, query);
  /* A view is the list's: from Today, it goes there. */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "today") == 0)
    adw_view_stack_set_visible_child_name (self->view_stack, "list");
}

static void
save_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  KdxWindow        *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(KdxKolQuery) query = NULL;
  g_auto(GStrv) columns = NULL;
  g_autoptr(KdxSavedView) view = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;

  if (!g_str_equal (response, "save") || *name == '\0' || self->store == NULL)
    return;

  query = current_query (self);
  columns = kdx_list_view_get_columns (self->list_view);
  view = kdx_saved_view_new (name, query, (const char *const *) columns);
  if (!kdx_store_add_view (self->store, view, &error))
    {
      _kdx_window_show_toast (self, error->message);
      return;
    }
  saved = g_strdup_printf (_("View “%s” saved"), name);
  _kdx_window_show_toast (self, saved);
}

static void
save_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KdxWindow *self = KDX_WINDOW (widget);

  if (self->store == NULL)
    return;
  _kdx_window_ask_name (self, _("Save View"),
                        _("The search, filters, sort and columns of the list, under a name, for everyone who opens this database."),
                        _("Name"), _("Name, such as My head KOLs in negotiation"), "save", _("_Save"),
                        G_CALLBACK (save_response_cb));
}

static void
manage_views_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KdxWindow *self = KDX_WINDOW (widget);

  if (self->store != NULL)
    kdx_manage_views_dialog_present (GTK_WINDOW (self), self->store);
}

void
_kdx_window_views_init (KdxWindow *self)
{
  self->views_menu = kdx_views_menu_new (self->store);
  gtk_menu_button_set_menu_model (self->views_button, kdx_views_menu_get_model (self->views_menu));
}

void
_kdx_window_class_views_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.apply-view", "x", apply_view_action);
  gtk_widget_class_install_action (widget_class, "win.save-view", NULL, save_view_action);
  gtk_widget_class_install_action (widget_class, "win.manage-views", NULL, manage_views_action);
}
