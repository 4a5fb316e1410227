/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-import-report-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-app-resources.h"
#include "kdx-import-report-view.h"

struct _KdxImportReportView
{
  GtkBox      parent_instance;

  char       *report_text;     /* the summary, then the problems one per line */
  char       *report_csv;

  GtkLabel   *report_title;
  GtkLabel   *report_summary;
  GtkWidget  *problems;        /* the list's scrolled window */
  GtkListBox *report_list;
};

G_DEFINE_FINAL_TYPE (KdxImportReportView, kdx_import_report_view, GTK_TYPE_BOX)

static char *
csv_quote (const char *text)
{
  g_autoptr(GString) out = g_string_new ("\"");

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* One problem as a person reads it. */
char *
kdx_import_problem_text (const KdxImportProblem *problem)
{
  if (problem->column != NULL && *problem->column != '\0')
    return g_strdup_printf (_("Row %u, column %s: “%s” %s"), problem->row, problem->column,
                            problem->value, problem->reason);
  return g_strdup_printf (_("Row %u: %s"), problem->row, problem->reason);
}

static void
clear_report_list (KdxImportReportView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->report_list))) != NULL)
    gtk_list_box_remove (self->report_list, child);
}

/* A row of the report: where (row and column), what (the value) and why,
 * and whether the row came in without it. All of it the user's text. */
static GtkWidget *
problem_row (const KdxImportProblem *problem)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *where = NULL;
  g_autofree char *what = NULL;
  const char *effect = problem->outcome == KDX_IMPORT_REJECTED ? _("The row was not imported.")
                       : problem->outcome == KDX_IMPORT_SKIPPED ? _("The row was skipped as already stored.")
                       : _("The row was imported without this value.");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (problem->column != NULL && *problem->column != '\0')
    /* Translators: a row and a column of the spreadsheet */
    where = g_strdup_printf (_("Row %u · %s"), problem->row, problem->column);
  else
    where = g_strdup_printf (_("Row %u"), problem->row);
  if (problem->value != NULL && *problem->value != '\0')
    /* Translators: the value, why it does not fit, what became of the row */
    what = g_strdup_printf (_("“%s” %s. %s"), problem->value, problem->reason, effect);
  else
    what = g_strdup_printf (_("%s. %s"), problem->reason, effect);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), where);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), what);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), problem->outcome == KDX_IMPORT_REJECTED
                                                      ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  return row;
}

static void
copy_report_cb (KdxImportReportView *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                          self->report_text != NULL ? self->report_text : "");
}

static void
save_response_cb (GtkNativeDialog    *chooser,
                  int                 response,
                  KdxImportReportView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (!g_file_replace_contents (file, self->report_csv, strlen (self->report_csv), NULL, FALSE,
                                    G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
        gtk_label_set_text (self->report_summary, error->message);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
save_report_cb (KdxImportReportView *self)
{
  GtkFileChooserNative *chooser;

  if (self->report_csv == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Save the Report"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("import-report.csv"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
kdx_import_report_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KDX_TYPE_IMPORT_REPORT_VIEW);

  G_OBJECT_CLASS (kdx_import_report_view_parent_class)->dispose (object);
}

static void
kdx_import_report_view_finalize (GObject *object)
{
  KdxImportReportView *self = KDX_IMPORT_REPORT_VIEW (object);

  g_free (self->report_text);
  g_free (self->report_csv);

  G_OBJECT_CLASS (kdx_import_report_view_parent_class)->finalize (object);
}

static void
kdx_import_report_view_class_init (KdxImportReportViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_import_report_view_dispose;
  object_class->finalize = kdx_import_report_view_finalize;

  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/kdx-import-report-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxImportReportView, report_title);
  gtk_widget_class_bind_template_child (widget_class, KdxImportReportView, report_summary);
  gtk_widget_class_bind_template_child (widget_class, KdxImportReportView, problems);
  gtk_widget_class_bind_template_child (widget_class, KdxImportReportView, report_list);
  gtk_widget_class_bind_template_callback (widget_class, copy_report_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_report_cb);
}

static void
kdx_import_report_view_init (KdxImportReportView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kdx_import_report_view_show_failure:
 * @summary: what it means for the user ("The database is as it was before.")
 * @text: the error itself, which Copy Report copies
 *
 * Shows that nothing was imported.
 */
void
kdx_import_report_view_show_failure (KdxImportReportView *self,
                                     const char          *title,
                                     const char          *summary,
                                     const char          *text)
{
  g_return_if_fail (KDX_IS_IMPORT_REPORT_VIEW (self));

  gtk_label_set_text (self->report_title, title);
  gtk_label_set_text (self->report_summary, summary);
  clear_report_list (self);
  gtk_widget_set_visible (self->problems, FALSE);
  g_free (self->report_text);
  self->report_text = g_strdup (text);
  g_clear_pointer (&self->report_csv, g_free);
}

/* What Copy Report copies. */
char *
kdx_import_report_view_get_text (KdxImportReportView *self)
{
  g_return_val_if_fail (KDX_IS_IMPORT_REPORT_VIEW (self), NULL);
  return g_strdup (self->report_text);
}

/**
 * kdx_import_report_view_show_report:
 *
 * Shows what @report says an import did, and its problems.
 */
void
kdx_import_report_view_show_report (KdxImportReportView *self,
                                    KdxImportReport     *report)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) csv = g_string_new ("\xEF\xBB\xBF");
  g_autofree char *summary = NULL;
  guint created = kdx_import_report_get_count (report, KDX_IMPORT_CREATED);
  guint rejected = kdx_import_report_get_count (report, KDX_IMPORT_REJECTED);
  guint warned = kdx_import_report_get_n_warned (report);

  clear_report_list (self);
  g_string_append_printf (csv, "%s,%s,%s,%s\r\n", _("Row"), _("Column"), _("Value"), _("Reason"));
  for (guint i = 0; i < kdx_import_report_get_n_problems (report); i++)
    {
      const KdxImportProblem *problem = kdx_import_report_get_problem (report, i);
      g_autofree char *line = kdx_import_problem_text (problem);
      g_autofree char *column = csv_quote (problem->column);
      g_autofree char *value = csv_quote (problem->value);
      g_autofree char *reason = csv_quote (problem->reason);

      g_string_append_printf (text, "%s\n", line);
      g_string_append_printf (csv, "%u,%s,%s,%s\r\n", problem->row, column, value, reason);
      gtk_list_box_append (self->report_list, problem_row (problem));
    }
  gtk_widget_set_visible (self->problems, kdx_import_report_get_n_problems (report) > 0);

  gtk_label_set_text (self->report_title,
                      rejected > 0 ? _("Imported, Except Some Rows")
                      : warned > 0 ? _("Imported, Except Some Values")
                      : _("Import Complete"));
  summary = g_strdup_printf (_("%u rows read: %u new KOLs, %u merged into stored files, "
                               "%u skipped as already stored, %u not imported"),
                             kdx_import_report_get_rows_read (report), created,
                             kdx_import_report_get_count (report, KDX_IMPORT_MERGED),
                             kdx_import_report_get_count (report, KDX_IMPORT_SKIPPED), rejected);
  if (warned > 0)
    {
      g_autofree char *values = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u row was imported without a value that did not fit",
                                                              "%u rows were imported without a value that did not fit",
                                                              warned), warned);
      /* Translators: two sentences: the counts of the import, then
       * how many rows were imported without a value. */
      g_autofree char *both = g_strdup_printf (_("%s. %s."), summary, values);

      g_free (summary);
      summary = g_steal_pointer (&both);
    }
  gtk_label_set_text (self->report_summary, summary);

  g_free (self->report_text);
  self->report_text = g_strdup_printf ("%s\n%s", summary, text->str);
  g_free (self->report_csv);
  self->report_csv = g_string_free (g_steal_pointer (&csv), FALSE);
}
