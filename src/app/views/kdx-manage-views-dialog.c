/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-manage-views"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-manage-views-dialog.h"
#include "kdx-saved-view.h"

struct _KdxManageViewsDialog
{
  AdwWindow            parent_instance;

  KdxStore            *store;
  AdwToastOverlay     *toasts;
  AdwPreferencesGroup *group;
  GPtrArray           *rows;     /* the group's rows, to take them out again */
  KdxSavedView        *deleted;  /* the view the Undo toast would put back */
};

G_DEFINE_FINAL_TYPE (KdxManageViewsDialog, kdx_manage_views_dialog, ADW_TYPE_WINDOW)

static void
show_error (KdxManageViewsDialog *self,
            const GError         *error)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
}

static gint64
row_view_id (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);

  return GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "kdx-view-id"));
}

static void
rename_cb (AdwEntryRow          *row,
           KdxManageViewsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (!kdx_store_rename_view (self->store, row_view_id (GTK_WIDGET (row)), name, &error))
    show_error (self, error);
}

/* Enter renames as the apply button does. The row shows that button only
 * for text typed while its window is the active one; text put there
 * otherwise (an assistive technology, an input method, a window that lost
 * the focus) is applied by Enter too. The same name again is no rename. */
static void
entry_activated_cb (AdwEntryRow          *row,
                    KdxManageViewsDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (g_strcmp0 (name, gtk_widget_get_name (GTK_WIDGET (row))) != 0)
    rename_cb (row, self);
}

static void
move_by (KdxManageViewsDialog *self,
         GtkWidget            *button,
         int                   step)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *row = gtk_widget_get_ancestor (button, ADW_TYPE_PREFERENCES_ROW);
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "kdx-view-position"));

  if ((int) position + step < 0)
    return;
  if (!kdx_store_move_view (self->store, row_view_id (button), position + step, &error))
    show_error (self, error);
}

static void
up_cb (GtkButton            *button,
       KdxManageViewsDialog *self)
{
  move_by (self, GTK_WIDGET (button), -1);
}

static void
down_cb (GtkButton            *button,
         KdxManageViewsDialog *self)
{
  move_by (self, GTK_WIDGET (button), 1);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KdxManageViewsDialog *self = KDX_MANAGE_VIEWS_DIALOG (widget);
  g_autoptr(KdxSavedView) view = g_steal_pointer (&self->deleted);
  g_autoptr(GError) error = NULL;

  /* It comes back with its id, where it was. */
  if (view != NULL && !kdx_store_add_view (self->store, view, &error))
    show_error (self, error);
}

static void
delete_cb (GtkButton            *button,
           KdxManageViewsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxSavedView) deleted = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (!kdx_store_delete_view (self->store, row_view_id (GTK_WIDGET (button)), &deleted, &error))
    {
      show_error (self, error);
      return;
    }
  title = g_strdup_printf (_("“%s” deleted"), kdx_saved_view_get_name (deleted));
  g_set_object (&self->deleted, deleted);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "views.undo-delete");
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static GtkWidget *
row_button (const char           *icon,
            const char           *tooltip,
            gboolean              sensitive,
            GCallback             callback,
            KdxManageViewsDialog *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_set_sensitive (button, sensitive);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static void
views_changed_cb (KdxManageViewsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) views = kdx_store_list_views (self->store, &error);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  if (views == NULL)
    {
      show_error (self, error);
      return;
    }

  for (guint i = 0; i < views->len; i++)
    {
      KdxSavedView *view = g_ptr_array_index (views, i);
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Name"));
      gtk_editable_set_text (GTK_EDITABLE (row), kdx_saved_view_get_name (view));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "kdx-view-id", GSIZE_TO_POINTER (kdx_saved_view_get_id (view)));
      g_object_set_data (G_OBJECT (row), "kdx-view-position", GUINT_TO_POINTER (i));
      gtk_widget_set_name (row, kdx_saved_view_get_name (view));
      g_signal_connect (row, "apply", G_CALLBACK (rename_cb), self);
      g_signal_connect (row, "entry-activated", G_CALLBACK (entry_activated_cb), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                                row_button ("go-up-symbolic", _("Move Up"), i > 0, G_CALLBACK (up_cb), self));
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                                row_button ("go-down-symbolic", _("Move Down"), i + 1 < views->len,
                                            G_CALLBACK (down_cb), self));
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                                row_button ("user-trash-symbolic", _("Delete View"), TRUE,
                                            G_CALLBACK (delete_cb), self));
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
  adw_preferences_group_set_description (self->group,
                                         views->len == 0 ? _("No saved views. Filter and sort the list, then choose Save View… in the Views menu.")
                                                         : NULL);
}

static void
kdx_manage_views_dialog_dispose (GObject *object)
{
  KdxManageViewsDialog *self = KDX_MANAGE_VIEWS_DIALOG (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->deleted);

  G_OBJECT_CLASS (kdx_manage_views_dialog_parent_class)->dispose (object);
}

static void
kdx_manage_views_dialog_finalize (GObject *object)
{
  KdxManageViewsDialog *self = KDX_MANAGE_VIEWS_DIALOG (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (kdx_manage_views_dialog_parent_class)->finalize (object);
}

static void
kdx_manage_views_dialog_class_init (KdxManageViewsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_manage_views_dialog_dispose;
  object_class->finalize = kdx_manage_views_dialog_finalize;
  gtk_widget_class_install_action (widget_class, "views.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kdx_manage_views_dialog_init (KdxManageViewsDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();

  self->rows = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Saved Views"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 460);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, -1);
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->group);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, page);
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);
}

KdxManageViewsDialog *
kdx_manage_views_dialog_present (GtkWindow *parent,
                                 KdxStore  *store)
{
  KdxManageViewsDialog *self = g_object_new (KDX_TYPE_MANAGE_VIEWS_DIALOG, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  g_signal_connect_swapped (store, "views-changed", G_CALLBACK (views_changed_cb), self);
  views_changed_cb (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
