/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-record-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-app-resources.h"
#include "kdx-clock.h"
#include "kdx-important-date.h"
#include "kdx-lunar-date-editor.h"
#include "kdx-field-row.h"
#include "kdx-record-dialog.h"

struct _KdxRecordDialog
{
  AdwWindow            parent_instance;

  KdxRecord           *record;
  GPtrArray           *rows;

  AdwWindowTitle      *window_title;
  GtkButton           *done_button;
  AdwPreferencesPage  *page;
  AdwPreferencesGroup *group;
  AdwToastOverlay     *toast_overlay;
};

G_DEFINE_FINAL_TYPE (KdxRecordDialog, kdx_record_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Every row valid and every required field given: then the record may go
 * into the file. Otherwise the first problem is said in a toast. */
gboolean
kdx_record_dialog_finish (KdxRecordDialog *self)
{
  const KdxField *fields;
  guint n_fields;

  g_return_val_if_fail (KDX_IS_RECORD_DIALOG (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (!kdx_field_row_is_valid (row))
        {
          gtk_widget_grab_focus (row);
          adw_toast_overlay_add_toast (self->toast_overlay,
                                       adw_toast_new (_("Correct the fields marked in red first")));
          return FALSE;
        }
    }

  fields = kdx_record_get_fields (self->record, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *value = kdx_record_get_string (self->record, &fields[i]);

      if ((fields[i].flags & KDX_FIELD_FLAG_REQUIRED) && *value == '\0')
        {
          g_autofree char *message = g_strdup_printf (_("%s is required"),
                                                      kdx_field_get_label (&fields[i]));
          /* Labels are ours and hold no markup. */
          gtk_widget_grab_focus (g_ptr_array_index (self->rows, i));
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
          return FALSE;
        }
    }

  g_signal_emit (self, signals[SIGNAL_DONE], 0);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

/* The Add (or Done) button is offered only for a record that would be
 * taken: every row valid, every required field given. A row's title
 * changes whenever its validity does (it then says why), and every value
 * taken is a notify on the record: both lead here. */
static void
update_done_button (KdxRecordDialog *self)
{
  const KdxField *fields;
  guint n_fields;
  gboolean ready = TRUE;

  for (guint i = 0; ready && i < self->rows->len; i++)
    ready = kdx_field_row_peek_valid (g_ptr_array_index (self->rows, i));

  fields = kdx_record_get_fields (self->record, &n_fields);
  for (guint i = 0; ready && i < n_fields; i++)
    {
      g_autofree char *value = kdx_record_get_string (self->record, &fields[i]);

      if ((fields[i].flags & KDX_FIELD_FLAG_REQUIRED) && *value == '\0')
        ready = FALSE;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->done_button), ready);
}

/* The lunar rows wrote the date: its Gregorian row shows it. */
static void
lunar_date_set_cb (KdxRecordDialog *self)
{
  const KdxField *fields;
  guint n_fields;

  fields = kdx_record_get_fields (self->record, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].name, "date"))
      kdx_field_row_refresh (g_ptr_array_index (self->rows, i));
}

/* An important date may follow the lunar calendar: then it is entered as
 * a lunar month and day, below the other rows. */
static void
add_lunar_rows (KdxRecordDialog *self)
{
  GDate today = kdx_clock_today ();
  GtkWidget *lunar = kdx_lunar_date_editor_new (self->record, &today);

  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (lunar));
  /* Tall enough to show when the date comes next without scrolling. */
  gtk_window_set_default_size (GTK_WINDOW (self), -1, 780);
  g_signal_connect_object (lunar, "date-set", G_CALLBACK (lunar_date_set_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
done_clicked_cb (KdxRecordDialog *self)
{
  kdx_record_dialog_finish (self);
}

static void
kdx_record_dialog_dispose (GObject *object)
{
  KdxRecordDialog *self = KDX_RECORD_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_RECORD_DIALOG);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (kdx_record_dialog_parent_class)->dispose (object);
}

static void
kdx_record_dialog_class_init (KdxRecordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_record_dialog_dispose;

  signals[SIGNAL_DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/kdx-record-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxRecordDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KdxRecordDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, KdxRecordDialog, page);
  gtk_widget_class_bind_template_child (widget_class, KdxRecordDialog, group);
  gtk_widget_class_bind_template_child (widget_class, KdxRecordDialog, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, done_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kdx_record_dialog_init (KdxRecordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

KdxRecordDialog *
kdx_record_dialog_new (GtkWindow  *parent,
                       const char *title,
                       const char *done_label,
                       KdxRecord  *record)
{
  KdxRecordDialog *self;
  const KdxField *fields;
  guint n_fields;

  g_return_val_if_fail (KDX_IS_RECORD (record), NULL);

  self = g_object_new (KDX_TYPE_RECORD_DIALOG, "transient-for", parent, "title", title, NULL);
  self->record = g_object_ref (record);
  adw_window_title_set_title (self->window_title, title);
  gtk_button_set_label (self->done_button, done_label);

  fields = kdx_record_get_fields (record, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      GtkWidget *row;

      /* What only Koldex writes (who made an event) is not offered. */
      if (fields[i].flags & KDX_FIELD_FLAG_READ_ONLY)
        continue;
      row = kdx_field_row_new (record, &fields[i]);
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
      g_signal_connect_object (row, "notify::title", G_CALLBACK (update_done_button),
                               self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (record, "notify", G_CALLBACK (update_done_button),
                           self, G_CONNECT_SWAPPED);
  if (KDX_IS_IMPORTANT_DATE (record))
    add_lunar_rows (self);
  update_done_button (self);

  return self;
}

KdxRecord *
kdx_record_dialog_get_record (KdxRecordDialog *self)
{
  g_return_val_if_fail (KDX_IS_RECORD_DIALOG (self), NULL);
  return self->record;
}
