/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-app-resources.h"
#include "kdx-export-dialog.h"
#include "kdx-value.h"

struct _KdxExportDialog
{
  AdwMessageDialog  parent_instance;

  /* The choices of the KOLs drop-down, in its order: NULL is every KOL. */
  GPtrArray        *choices;

  GtkDropDown      *which;
  GtkStringList    *which_labels;
  GtkDropDown      *format;
  GtkCheckButton   *no_contact;
};

G_DEFINE_FINAL_TYPE (KdxExportDialog, kdx_export_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* As the template lists them: the workbook people open first, Koldex XML
 * (for another Koldex) one click away. */
static const struct
{
  KdxExportFormat  format;
  const char      *extension;
} formats[] = {
  { KDX_EXPORT_FORMAT_XLSX, "xlsx" },
  { KDX_EXPORT_FORMAT_XML, "xml" },
  { KDX_EXPORT_FORMAT_CSV, "csv" },
  { KDX_EXPORT_FORMAT_PDF, "pdf" },
};

/* The free func of the choices, which hold NULL for every KOL. */
static void
ids_unref (gpointer ids)
{
  if (ids != NULL)
    g_array_unref (ids);
}

static void
add_choice (KdxExportDialog *self,
            GArray          *ids,
            const char      *label)
{
  g_ptr_array_add (self->choices, ids != NULL ? g_array_ref (ids) : NULL);
  gtk_string_list_append (self->which_labels, label);
}

static void
kdx_export_dialog_finalize (GObject *object)
{
  KdxExportDialog *self = KDX_EXPORT_DIALOG (object);

  g_ptr_array_unref (self->choices);

  G_OBJECT_CLASS (kdx_export_dialog_parent_class)->finalize (object);
}

static void
kdx_export_dialog_class_init (KdxExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kdx_export_dialog_finalize;

  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/kdx-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxExportDialog, which);
  gtk_widget_class_bind_template_child (widget_class, KdxExportDialog, which_labels);
  gtk_widget_class_bind_template_child (widget_class, KdxExportDialog, format);
  gtk_widget_class_bind_template_child (widget_class, KdxExportDialog, no_contact);
}

static void
kdx_export_dialog_init (KdxExportDialog *self)
{
  self->choices = g_ptr_array_new_with_free_func (ids_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kdx_export_dialog_new:
 * @n_all: how many KOLs the database holds
 * @shown_ids: (nullable): what the list shows; offered when not empty
 * @selected_ids: (nullable): the selection; offered when not empty
 */
KdxExportDialog *
kdx_export_dialog_new (GtkWindow *parent,
                       gint64     n_all,
                       GArray    *shown_ids,
                       GArray    *selected_ids)
{
  KdxExportDialog *self = g_object_new (KDX_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  g_autofree char *all_count = kdx_value_format_int (MAX (n_all, 0));
  g_autofree char *all_label = g_strdup_printf (_("All KOLs (%s)"), all_count);

  add_choice (self, NULL, all_label);
  if (shown_ids != NULL && shown_ids->len > 0)
    {
      g_autofree char *count = kdx_value_format_int (shown_ids->len);
      g_autofree char *label = g_strdup_printf (_("What the list shows (%s)"), count);
      add_choice (self, shown_ids, label);
    }
  if (selected_ids != NULL && selected_ids->len > 0)
    {
      g_autofree char *count = kdx_value_format_int (selected_ids->len);
      g_autofree char *label = g_strdup_printf (_("The selected KOLs (%s)"), count);
      add_choice (self, selected_ids, label);
    }
  return self;
}

/**
 * kdx_export_dialog_get_ids:
 *
 * Returns: (transfer none) (nullable): the KOLs chosen; %NULL for all
 */
GArray *
kdx_export_dialog_get_ids (KdxExportDialog *self)
{
  g_return_val_if_fail (KDX_IS_EXPORT_DIALOG (self), NULL);
  return g_ptr_array_index (self->choices, gtk_drop_down_get_selected (self->which));
}

KdxExportFormat
kdx_export_dialog_get_format (KdxExportDialog *self)
{
  g_return_val_if_fail (KDX_IS_EXPORT_DIALOG (self), KDX_EXPORT_FORMAT_XLSX);
  return formats[gtk_drop_down_get_selected (self->format)].format;
}

/* The file name's extension for the format chosen. */
const char *
kdx_export_dialog_get_extension (KdxExportDialog *self)
{
  g_return_val_if_fail (KDX_IS_EXPORT_DIALOG (self), NULL);
  return formats[gtk_drop_down_get_selected (self->format)].extension;
}

gboolean
kdx_export_dialog_get_no_contact (KdxExportDialog *self)
{
  g_return_val_if_fail (KDX_IS_EXPORT_DIALOG (self), FALSE);
  return gtk_check_button_get_active (self->no_contact);
}
