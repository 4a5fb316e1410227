/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-import-history"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-import-history.h"

struct _KdxImportHistory
{
  AdwWindow            parent_instance;

  KdxStore            *store;
  AdwToastOverlay     *toasts;
  AdwPreferencesGroup *group;
  GPtrArray           *rows;
};

G_DEFINE_FINAL_TYPE (KdxImportHistory, kdx_import_history, ADW_TYPE_WINDOW)

static void refill (KdxImportHistory *self);

static char *
local_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso != NULL ? iso : "");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* What an Undo button of a row undoes. */
typedef struct
{
  KdxImportHistory *self;
  gint64            run_id;
} UndoTarget;

static void
undo_clicked_cb (GtkButton  *button,
                 UndoTarget *target)
{
  KdxImportHistory *self = target->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;

  if (!kdx_store_undo_import (self->store, target->run_id, &error))
    {
      escaped = g_markup_escape_text (error->message, -1);
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (escaped));
      return;
    }
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Import undone")));
  refill (self);
}

static void
refill (KdxImportHistory *self)
{
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  runs = kdx_store_list_imports (self->store, &error);
  if (runs == NULL || runs->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     runs == NULL ? error->message : _("No spreadsheet has been imported yet"));
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
      return;
    }

  for (guint i = 0; i < runs->len; i++)
    {
      KdxImportRun *run = g_ptr_array_index (runs, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *name = g_filename_display_basename (run->file);
      g_autofree char *title = g_markup_escape_text (name, -1);
      g_autofree char *when = local_time (run->at);
      g_autofree char *subtitle = NULL;

      /* Translators: when, then what an import did */
      subtitle = g_strdup_printf (_("%s · %u new, %u merged, %u skipped, %u not imported"),
                                  when, run->created, run->merged, run->skipped, run->rejected);
      if (run->made_by != NULL)
        {
          /* Translators: an import's summary, then who imported */
          g_autofree char *with_who = g_strdup_printf (_("%s · by %s"), subtitle, run->made_by);

          g_free (subtitle);
          subtitle = g_steal_pointer (&with_who);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      if (run->undone_at != NULL)
        {
          g_autofree char *undone = local_time (run->undone_at);
          g_autofree char *label = g_strdup_printf (_("Undone %s"), undone);
          GtkWidget *status = gtk_label_new (label);

          gtk_widget_add_css_class (status, "dim-label");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
        }
      else if (run->created + run->merged > 0)
        {
          GtkWidget *undo = gtk_button_new_with_mnemonic (_("_Undo"));
          g_autofree char *label = g_strdup_printf (_("Undo the import of %s"), name);
          UndoTarget *target = g_new (UndoTarget, 1);

          /* The button lives in a row of this window: it never outlives it. */
          target->self = self;
          target->run_id = run->id;
          gtk_widget_set_valign (undo, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (undo), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
          g_signal_connect_data (undo, "clicked", G_CALLBACK (undo_clicked_cb), target,
                                 (GClosureNotify) g_free, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), undo);
        }

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
kdx_import_history_dispose (GObject *object)
{
  KdxImportHistory *self = KDX_IMPORT_HISTORY (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_IMPORT_HISTORY);

  G_OBJECT_CLASS (kdx_import_history_parent_class)->dispose (object);
}

static void
kdx_import_history_class_init (KdxImportHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_import_history_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/koldex/Koldex/app/kdx-import-history.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxImportHistory, toasts);
  gtk_widget_class_bind_template_child (widget_class, KdxImportHistory, group);
}

static void
kdx_import_history_init (KdxImportHistory *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kdx_import_history_new (GtkWindow *parent,
                        KdxStore  *store)
{
  KdxImportHistory *self = g_object_new (KDX_TYPE_IMPORT_HISTORY, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  refill (self);
  return GTK_WIDGET (self);
}
