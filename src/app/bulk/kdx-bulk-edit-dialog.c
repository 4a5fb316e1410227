/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-bulk-edit"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-app-resources.h"
#include "kdx-bulk-change-group.h"
#include "kdx-error.h"
#include "kdx-bulk-edit-dialog.h"
#include "kdx-window.h"

/* The preview reads every file the edit would change, after a short idle
 * so typing a value does not read them once per key. It lists the first
 * MAX_PREVIEW_ROWS KOLs that change and counts the rest. */
#define MAX_PREVIEW_ROWS 100

struct _KdxBulkEditDialog
{
  AdwWindow            parent_instance;

  KdxStore            *store;
  GArray              *ids;
  guint                preview_source;

  AdwWindowTitle      *window_title;
  GtkLabel            *error_label;
  GtkBox              *changes_box;
  AdwPreferencesGroup *preview_group;
  GtkListBox          *preview_list;
};

G_DEFINE_FINAL_TYPE (KdxBulkEditDialog, kdx_bulk_edit_dialog, ADW_TYPE_WINDOW)

static GPtrArray *
groups_of (KdxBulkEditDialog *self)
{
  GPtrArray *groups = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->changes_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (KDX_IS_BULK_CHANGE_GROUP (child))
      g_ptr_array_add (groups, child);
  return groups;
}

static void
show_error (KdxBulkEditDialog *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* The core's edit of every change, or NULL with the error saying which
 * change does not do. */
static KdxBulkEdit *
make_edit (KdxBulkEditDialog *self,
           GError           **error)
{
  g_autoptr(GPtrArray) groups = groups_of (self);
  g_autoptr(KdxBulkEdit) edit = kdx_bulk_edit_new ();

  for (guint i = 0; i < groups->len; i++)
    if (!kdx_bulk_change_group_add_to (g_ptr_array_index (groups, i), edit, error))
      return NULL;
  return g_steal_pointer (&edit);
}

static void
clear_preview (KdxBulkEditDialog *self)
{
  for (GtkWidget *row; (row = gtk_widget_get_first_child (GTK_WIDGET (self->preview_list))) != NULL;)
    gtk_list_box_remove (self->preview_list, row);
}

static void
add_preview_row (KdxBulkEditDialog *self,
                 const char        *title,
                 const char        *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_append (self->preview_list, row);
}

/* One row per KOL that changes: "Owner: — → 李娜; Tier: — → Head". */
static void
fill_preview (KdxBulkEditDialog *self,
              KdxBulkPreview    *preview)
{
  g_autoptr(GString) what = g_string_new (NULL);
  guint n_rows = 0;

  for (guint i = 0; i < preview->changes->len && n_rows < MAX_PREVIEW_ROWS; i++)
    {
      KdxBulkChange *change = g_ptr_array_index (preview->changes, i);
      KdxBulkChange *next = i + 1 < preview->changes->len ? g_ptr_array_index (preview->changes, i + 1) : NULL;
      g_autofree char *before = kdx_bulk_describe_value (change->field, change->before);
      g_autofree char *after = kdx_bulk_describe_value (change->field, change->after);

      if (what->len > 0)
        g_string_append (what, "; ");
      /* Translators: a field, its value before and after a bulk edit */
      g_string_append_printf (what, _("%s: %s → %s"), kdx_field_get_label (change->field), before, after);
      if (next == NULL || next->id != change->id)
        {
          add_preview_row (self, change->display_name, what->str);
          g_string_truncate (what, 0);
          n_rows++;
        }
    }
  if (preview->n_kols > n_rows)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more KOL",
                                                            "and %u more KOLs",
                                                            preview->n_kols - n_rows),
                                               preview->n_kols - n_rows);
      add_preview_row (self, more, NULL);
    }
}

static gboolean
preview_cb (gpointer user_data)
{
  KdxBulkEditDialog *self = user_data;
  g_autoptr(KdxBulkEdit) edit = NULL;
  g_autoptr(KdxBulkPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  self->preview_source = 0;
  clear_preview (self);
  edit = make_edit (self, &error);
  if (edit != NULL && kdx_bulk_edit_is_empty (edit))
    g_set_error_literal (&error, KDX_ERROR, KDX_ERROR_INVALID_VALUE, _("Choose a field to change"));
  else if (edit != NULL)
    preview = kdx_bulk_edit_preview (edit, self->store, self->ids, &error);
  if (preview == NULL)
    {
      adw_preferences_group_set_description (self->preview_group, error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "bulk-edit.apply", FALSE);
      return G_SOURCE_REMOVE;
    }

  fill_preview (self, preview);
  /* Translators: a bulk edit's preview: how many of the chosen KOLs change */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u KOL changes",
                                          "%u of %u KOLs change", self->ids->len),
                             preview->n_kols, self->ids->len);
  adw_preferences_group_set_description (self->preview_group, summary);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bulk-edit.apply", preview->n_kols > 0);
  return G_SOURCE_REMOVE;
}

static void
queue_preview (KdxBulkEditDialog *self)
{
  show_error (self, NULL);
  if (self->preview_source == 0)
    self->preview_source = g_timeout_add (150, preview_cb, self);
}

/* ---- changes ------------------------------------------------------------------- */

static void remove_change_cb (KdxBulkChangeGroup *change, KdxBulkEditDialog *self);

static void
add_change (KdxBulkEditDialog *self,
            const char        *field)
{
  GtkWidget *change = kdx_bulk_change_group_new ();

  if (field != NULL)
    kdx_bulk_change_group_set_field (KDX_BULK_CHANGE_GROUP (change), field);
  g_signal_connect_swapped (change, "changed", G_CALLBACK (queue_preview), self);
  g_signal_connect (change, "remove", G_CALLBACK (remove_change_cb), self);
  gtk_box_append (self->changes_box, change);
  queue_preview (self);
}

static void
remove_change_cb (KdxBulkChangeGroup *change,
                  KdxBulkEditDialog *self)
{
  gtk_box_remove (self->changes_box, GTK_WIDGET (change));
  queue_preview (self);
}

/* The fields operators set on many KOLs at once most, in order: a new
 * change starts on the first of them no other change has yet. */
static const char *const usual_fields[] = {
  "owner", "tier", "tags", "category", "source", "purpose", "plan", "next_follow_up", NULL
};

static void
add_change_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KdxBulkEditDialog *self = KDX_BULK_EDIT_DIALOG (widget);
  g_autoptr(GPtrArray) groups = groups_of (self);
  const char *field = NULL;

  for (guint i = 0; usual_fields[i] != NULL && field == NULL; i++)
    {
      gboolean taken = FALSE;

      for (guint j = 0; j < groups->len; j++)
        taken |= g_str_equal (kdx_bulk_change_group_get_field (g_ptr_array_index (groups, j))->name,
                              usual_fields[i]);
      if (!taken)
        field = usual_fields[i];
    }
  add_change (self, field);
}

/* ---- apply --------------------------------------------------------------------- */

typedef struct
{
  KdxStore  *store;
  GPtrArray *before; /* the files as they were */
} Edited;

static void
edited_free (Edited *edited)
{
  g_object_unref (edited->store);
  g_ptr_array_unref (edited->before);
  g_free (edited);
}

static gboolean
undo_edit (gpointer   user_data,
           GError   **error)
{
  Edited *edited = user_data;

  return kdx_store_replace_kols (edited->store, edited->before, error);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KdxBulkEditDialog *self = KDX_BULK_EDIT_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(KdxBulkEdit) edit = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  Edited *edited;

  edit = make_edit (self, &error);
  if (edit == NULL)
    {
      show_error (self, error->message);
      return;
    }
  if (kdx_bulk_edit_is_empty (edit))
    return;

  /* What is being typed in the open file lands first: Undo must not lose it. */
  if (KDX_IS_WINDOW (parent))
    kdx_kol_editor_flush (kdx_list_view_get_editor (kdx_window_get_list_view (KDX_WINDOW (parent))));

  if (!kdx_bulk_edit_apply (edit, self->store, self->ids, &before, &error))
    {
      show_error (self, error->message);
      return;
    }

  if (KDX_IS_WINDOW (parent) && before->len > 0)
    {
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Edited %u KOL", "Edited %u KOLs",
                                            before->len), before->len);
      edited = g_new0 (Edited, 1);
      edited->store = g_object_ref (self->store);
      edited->before = g_steal_pointer (&before);
      kdx_window_offer_undo (KDX_WINDOW (parent), title, 10, undo_edit, edited,
                             (GDestroyNotify) edited_free);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- object -------------------------------------------------------------------- */

static void
kdx_bulk_edit_dialog_dispose (GObject *object)
{
  KdxBulkEditDialog *self = KDX_BULK_EDIT_DIALOG (object);

  g_clear_handle_id (&self->preview_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_BULK_EDIT_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kdx_bulk_edit_dialog_parent_class)->dispose (object);
}

static void
kdx_bulk_edit_dialog_finalize (GObject *object)
{
  KdxBulkEditDialog *self = KDX_BULK_EDIT_DIALOG (object);

  g_clear_pointer (&self->ids, g_array_unref);

  G_OBJECT_CLASS (kdx_bulk_edit_dialog_parent_class)->finalize (object);
}

static void
kdx_bulk_edit_dialog_class_init (KdxBulkEditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_bulk_edit_dialog_dispose;
  object_class->finalize = kdx_bulk_edit_dialog_finalize;

  gtk_widget_class_install_action (widget_class, "bulk-edit.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "bulk-edit.add-change", NULL, add_change_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/kdx-bulk-edit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxBulkEditDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KdxBulkEditDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, KdxBulkEditDialog, changes_box);
  gtk_widget_class_bind_template_child (widget_class, KdxBulkEditDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, KdxBulkEditDialog, preview_list);
}

static void
kdx_bulk_edit_dialog_init (KdxBulkEditDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bulk-edit.apply", FALSE);
}

KdxBulkEditDialog *
kdx_bulk_edit_dialog_present (GtkWindow *parent,
                              KdxStore  *store,
                              GArray    *ids)
{
  KdxBulkEditDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (KDX_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL && ids->len > 0, NULL);

  self = g_object_new (KDX_TYPE_BULK_EDIT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  g_array_append_vals (self->ids, ids->data, ids->len);

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Edit %u KOL", "Edit %u KOLs", ids->len),
                           ids->len);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  add_change (self, usual_fields[0]);

  gtk_window_present (GTK_WINDOW (self));
  return self;
}
