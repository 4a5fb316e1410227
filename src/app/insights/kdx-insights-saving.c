/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-insights-saving"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kdx-insights-report.h"
#include "kdx-insights-saving.h"
#include "kdx-job-registry.h"

static void
show_toast (GtkWidget  *widget,
            const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", message);
      return;
    }
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* ---- Save Report… ------------------------------------------------------------------ */

typedef struct
{
  GtkWidget               *widget;     /* for the toast; a weak pointer */
  KdxInsights             *insights;
  KdxInsightsReportFormat  format;
  char                    *path;
  GCancellable            *cancellable; /* known to the job registry while it runs */
} Saving;

static void
saving_free (Saving *saving)
{
  g_clear_weak_pointer (&saving->widget);
  g_clear_pointer (&saving->insights, kdx_insights_unref);
  g_clear_object (&saving->cancellable);
  g_free (saving->path);
  g_free (saving);
}

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Saving *saving = task_data;
  GError *error = NULL;

  if (kdx_insights_report_write (saving->insights, saving->format, saving->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Saving *saving = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  kdx_job_registry_remove (kdx_job_registry_get_default (), saving->cancellable);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    message = g_strdup (error->message);
  else
    {
      g_autofree char *name = g_filename_display_basename (saving->path);

      /* Translators: after Save Report: "Report saved as Insights.pdf" */
      message = g_strdup_printf (_("Report saved as %s"), name);
    }
  if (saving->widget != NULL)
    show_toast (saving->widget, message);
}

static void
start_writing (GtkWidget               *widget,
               KdxInsights             *insights,
               KdxInsightsReportFormat  format,
               const char              *path)
{
  g_autoptr(GTask) task = NULL;
  Saving *saving = g_new0 (Saving, 1);

  g_set_weak_pointer (&saving->widget, widget);
  saving->insights = kdx_insights_ref (insights);
  saving->format = format;
  saving->path = g_strdup (path);
  saving->cancellable = g_cancellable_new ();
  /* Closing the window while it writes waits for the file. */
  kdx_job_registry_add_kind (kdx_job_registry_get_default (), saving->cancellable, KDX_JOB_KIND_EXPORT);

  task = g_task_new (NULL, saving->cancellable, written_cb, NULL);
  g_task_set_source_tag (task, start_writing);
  g_task_set_task_data (task, saving, (GDestroyNotify) saving_free);
  g_task_run_in_thread (task, write_thread);
}

typedef struct
{
  GtkWidget   *widget;    /* a weak pointer */
  KdxInsights *insights;
  GtkFileFilter *pdf_filter;
} Asking;

static void
asking_free (Asking *asking)
{
  g_clear_weak_pointer (&asking->widget);
  g_clear_pointer (&asking->insights, kdx_insights_unref);
  g_clear_object (&asking->pdf_filter);
  g_free (asking);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     Asking          *asking)
{
  if (response == GTK_RESPONSE_ACCEPT && asking->widget != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      KdxInsightsReportFormat format;

      /* A name without .pdf or .xlsx gets the extension of the type chosen. */
      if (!kdx_insights_report_format_for_path (path, &format, NULL))
        {
          gboolean pdf = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser)) == asking->pdf_filter;
          char *with_extension = g_strconcat (path, pdf ? ".pdf" : ".xlsx", NULL);

          g_free (path);
          path = with_extension;
          format = pdf ? KDX_INSIGHTS_REPORT_PDF : KDX_INSIGHTS_REPORT_XLSX;
        }
      start_writing (asking->widget, asking->insights, format, path);
    }
  asking_free (asking);
  g_object_unref (chooser);
}

static GtkFileFilter *
filter_new (const char *name,
            const char *pattern,
            const char *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_add_mime_type (filter, mime_type);
  return filter;
}

void
kdx_insights_save_report (GtkWidget   *widget,
                          KdxInsights *insights)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) xlsx_filter = NULL;
  g_autofree char *period = kdx_insights_period_get_label (kdx_insights_get_period (insights));
  g_autofree char *name = NULL;
  Asking *asking = g_new0 (Asking, 1);

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (insights != NULL);

  g_set_weak_pointer (&asking->widget, widget);
  asking->insights = kdx_insights_ref (insights);

  chooser = gtk_file_chooser_native_new (_("Save Report"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  asking->pdf_filter = filter_new (_("PDF Document"), "*.pdf", "application/pdf");
  xlsx_filter = filter_new (_("Excel Workbook"), "*.xlsx",
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), asking->pdf_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), xlsx_filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), asking->pdf_filter);
  /* Translators: the report's suggested file name: "Insights March 2026.pdf" */
  name = g_strdup_printf (_("Insights %s.pdf"), period);
  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), asking);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- Print ------------------------------------------------------------------------ */

/* The pages of the PDF report, laid out again on the printer's paper. */
static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                KdxInsights       *insights)
{
  g_autoptr(GObject) pango = G_OBJECT (gtk_print_context_create_pango_context (context));
  KdxPageFlow *flow = kdx_insights_report_lay_out (insights, PANGO_CONTEXT (pango),
                                                   gtk_print_context_get_width (context),
                                                   gtk_print_context_get_height (context));

  g_object_set_data_full (G_OBJECT (operation), "kdx-page-flow", flow, g_object_unref);
  gtk_print_operation_set_n_pages (operation, kdx_page_flow_get_n_pages (flow));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              KdxInsights       *insights)
{
  KdxPageFlow *flow = g_object_get_data (G_OBJECT (operation), "kdx-page-flow");

  kdx_page_flow_draw_page (flow, gtk_print_context_get_cairo_context (context), page);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               GtkWidget               *widget)
{
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;
  gtk_print_operation_get_error (operation, &error);
  if (error != NULL)
    show_toast (widget, error->message);
  g_object_set_data (G_OBJECT (operation), "kdx-error-shown", GINT_TO_POINTER (TRUE));
}

void
kdx_insights_print_report (GtkWidget   *widget,
                           KdxInsights *insights)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (insights != NULL);

  /* A4 landscape, as the PDF report; the pages draw their own margins. */
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, _("Insights report"));
  g_signal_connect_data (operation, "begin-print", G_CALLBACK (begin_print_cb),
                         kdx_insights_ref (insights), (GClosureNotify) kdx_insights_unref, 0);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), insights);
  /* No nested main loop: the window keeps drawing while the dialog is up. */
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_data (operation, "done", G_CALLBACK (print_done_cb),
                         g_object_ref (widget), (GClosureNotify) g_object_unref, 0);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR
      && g_object_get_data (G_OBJECT (operation), "kdx-error-shown") == NULL)
    show_toast (widget, error->message);
}
