/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-transfer"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-dossier.h"
#include "kdx-export-dialog.h"
#include "kdx-export-job.h"
#include "kdx-import-assistant.h"
#include "kdx-import-job.h"
#include "kdx-job-registry.h"
#include "kdx-transfer.h"
#include "kdx-value.h"
#include "kdx-window.h"
#include "kdx-xml.h"

/* ---- running a job ---------------------------------------------------------------- */

/* One import or export under way: the core job does the work in its
 * thread; here it gets a toast with progress and Cancel, a place in the
 * job registry (so closing the window asks first), and a task that tells
 * the caller of the _async function how it ended. */
typedef struct
{
  GTask           *task;        /* source: the store; read by kdx_transfer_finish() */
  AdwToastOverlay *toasts;
  AdwToast        *toast;
  GCancellable    *cancellable;
} Transfer;

static void
show_message (AdwToastOverlay *toasts,
              const char      *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast;

  if (toasts == NULL)
    return;
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (toasts, toast);
}

typedef struct
{
  GtkWidget *window;   /* owns the offer, so outlives it */
  gint64     run_id;
} ImportUndo;

static gboolean
undo_import (gpointer   user_data,
             GError   **error)
{
  ImportUndo *undo = user_data;

  /* The window's own action: it saves what is being typed first and says
   * what happened. */
  gtk_widget_activate_action (undo->window, "win.undo-import", "x", undo->run_id);
  return TRUE;
}

/* Right after an import: what it did, with Undo, until dismissed; through
 * the window's one place for Undo. */
static void
show_undo_toast (AdwToastOverlay *toasts,
                 const char      *summary,
                 gint64           run_id)
{
  GtkRoot *root = toasts != NULL ? gtk_widget_get_root (GTK_WIDGET (toasts)) : NULL;
  ImportUndo *undo;

  if (!KDX_IS_WINDOW (root))
    {
      show_message (toasts, summary);
      return;
    }
  undo = g_new0 (ImportUndo, 1);
  undo->window = GTK_WIDGET (root);
  undo->run_id = run_id;
  kdx_window_offer_undo (KDX_WINDOW (root), summary, 0, undo_import, undo, g_free);
}

static void
progress_cb (GObject    *job,
             GParamSpec *pspec,
             AdwToast   *toast)
{
  guint n_done;
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;

  g_object_get (job, "n-done", &n_done, NULL);
  count = kdx_value_format_int (n_done);
  title = g_strdup_printf (KDX_IS_IMPORT_JOB (job)
                           ? g_dngettext (GETTEXT_PACKAGE, "Importing… %s KOL so far",
                                          "Importing… %s KOLs so far", n_done)
                           : g_dngettext (GETTEXT_PACKAGE, "Exporting… %s KOL so far",
                                          "Exporting… %s KOLs so far", n_done),
                           count);
  adw_toast_set_title (toast, title);
}

static Transfer *
transfer_start (KdxStore           *store,
                GObject            *job,
                AdwToastOverlay    *toasts,
                GAsyncReadyCallback callback,
                gpointer            user_data)
{
  Transfer *transfer = g_new0 (Transfer, 1);
  gboolean import = KDX_IS_IMPORT_JOB (job);

  transfer->task = g_task_new (store, NULL, callback, user_data);
  g_task_set_source_tag (transfer->task, transfer_start);
  transfer->toasts = toasts != NULL ? g_object_ref (toasts) : NULL;
  transfer->cancellable = g_cancellable_new ();

  /* A toast is a plain GObject: this is the transfer's one reference. */
  transfer->toast = adw_toast_new (import ? _("Importing…") : _("Exporting…"));
  adw_toast_set_timeout (transfer->toast, 0);
  adw_toast_set_button_label (transfer->toast, _("_Cancel"));
  g_signal_connect_object (transfer->toast, "button-clicked", G_CALLBACK (g_cancellable_cancel),
                           transfer->cancellable, G_CONNECT_SWAPPED);
  g_signal_connect_object (job, "notify::n-done", G_CALLBACK (progress_cb), transfer->toast, 0);
  if (toasts != NULL)
    adw_toast_overlay_add_toast (toasts, g_object_ref (transfer->toast));

  kdx_job_registry_add_kind (kdx_job_registry_get_default (), transfer->cancellable,
                             import ? KDX_JOB_KIND_IMPORT : KDX_JOB_KIND_EXPORT);
  return transfer;
}

/* @error: (nullable): why it did not finish; %NULL when it did */
static void
transfer_end (Transfer   *transfer,
              GObject    *job,
              GError     *error,
              const char *summary,
              gint64      run_id)
{
  gboolean import = KDX_IS_IMPORT_JOB (job);

  g_signal_handlers_disconnect_by_data (job, transfer->toast);
  adw_toast_dismiss (transfer->toast);
  if (error == NULL && run_id > 0)
    show_undo_toast (transfer->toasts, summary, run_id);
  else if (error == NULL)
    show_message (transfer->toasts, summary);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_message (transfer->toasts, import ? _("Import cancelled: nothing was imported")
                                           : _("Export cancelled"));
  else
    show_message (transfer->toasts, error->message);

  kdx_job_registry_remove (kdx_job_registry_get_default (), transfer->cancellable);
  if (error != NULL)
    g_task_return_error (transfer->task, g_error_copy (error));
  else
    g_task_return_boolean (transfer->task, TRUE);

  g_object_unref (transfer->task);
  g_clear_object (&transfer->toasts);
  g_object_unref (transfer->toast);
  g_object_unref (transfer->cancellable);
  g_free (transfer);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  KdxExportJob *job = KDX_EXPORT_JOB (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  if (kdx_export_job_run_finish (job, result, &error))
    {
      g_autofree char *name = g_path_get_basename (kdx_export_job_get_path (job));
      guint n = kdx_export_job_get_n_kols (job);

      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u KOL to %s",
                                              "Exported %u KOLs to %s", n), n, name);
    }
  transfer_end (user_data, source, error, summary, 0);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  KdxImportJob *job = KDX_IMPORT_JOB (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  gint64 run_id = 0;

  if (kdx_import_job_run_finish (job, result, &error))
    {
      KdxXmlImportReport *report = kdx_import_job_get_xml_report (job);
      g_autofree char *name = g_path_get_basename (kdx_import_job_get_path (job));

      summary = g_strdup_printf (_("Imported %s: %u new, %u updated, %u merged, %u unchanged"),
                                 name, report->created, report->updated, report->merged,
                                 report->unchanged);
      /* Undo is offered for an import that changed something. */
      if (report->created + report->updated + report->merged > 0)
        run_id = kdx_import_job_get_run_id (job);
    }
  transfer_end (user_data, source, error, summary, run_id);
}

static void
start_export (KdxStore           *store,
              GArray             *ids,
              KdxExportFormat     format,
              gboolean            no_contact,
              const char         *path,
              AdwToastOverlay    *toasts,
              GAsyncReadyCallback callback,
              gpointer            user_data)
{
  g_autoptr(KdxExportJob) job = kdx_export_job_new (store, format, path, ids,
                                                    no_contact ? KDX_EXPORT_NO_CONTACT : KDX_EXPORT_FLAGS_NONE);
  Transfer *transfer = transfer_start (store, G_OBJECT (job), toasts, callback, user_data);

  kdx_export_job_run_async (job, transfer->cancellable, export_done_cb, transfer);
}

void
kdx_transfer_export_async (KdxStore           *store,
                           GArray             *ids,
                           KdxTransferFormat   format,
                           gboolean            no_contact,
                           const char         *path,
                           AdwToastOverlay    *toasts,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  static const KdxExportFormat formats[] = {
    [KDX_TRANSFER_XML] = KDX_EXPORT_FORMAT_XML,
    [KDX_TRANSFER_XLSX] = KDX_EXPORT_FORMAT_XLSX,
    [KDX_TRANSFER_CSV] = KDX_EXPORT_FORMAT_CSV,
    [KDX_TRANSFER_PDF] = KDX_EXPORT_FORMAT_PDF,
  };

  start_export (store, ids, formats[format], no_contact, path, toasts, callback, user_data);
}

void
kdx_transfer_import_async (KdxStore           *store,
                           const char         *path,
                           AdwToastOverlay    *toasts,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr(KdxImportJob) job = kdx_import_job_new_xml (store, path);
  Transfer *transfer = transfer_start (store, G_OBJECT (job), toasts, callback, user_data);

  kdx_import_job_run_async (job, transfer->cancellable, import_done_cb, transfer);
}

/* For the callback of the _async functions: whether the work finished. */
gboolean
kdx_transfer_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == transfer_start, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * kdx_transfer_get_n_running:
 *
 * Returns: how many imports and exports are running, the assistant's too
 */
guint
kdx_transfer_get_n_running (void)
{
  return kdx_job_registry_get_n_running (kdx_job_registry_get_default ());
}

/* ---- export dialog --------------------------------------------------------------- */

/* What the export dialog chose, until the file chooser has answered. */
typedef struct
{
  KdxStore        *store;
  AdwToastOverlay *toasts;
  GArray          *ids;       /* NULL: every KOL */
  KdxExportFormat  format;
  char            *extension;
  gboolean         no_contact;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_clear_object (&request->store);
  g_clear_object (&request->toasts);
  g_clear_pointer (&request->ids, g_array_unref);
  g_free (request->extension);
  g_free (request);
}

static void
export_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            ExportRequest   *request)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *with_extension = NULL;

      /* The format is chosen in the dialog; the name follows it. */
      if (!g_str_has_suffix (path, request->extension))
        with_extension = g_strconcat (path, ".", request->extension, NULL);
      start_export (request->store, request->ids, request->format, request->no_contact,
                    with_extension != NULL ? with_extension : path, request->toasts, NULL, NULL);
    }
  export_request_free (request);
  g_object_unref (chooser);
}

static void
export_response_cb (KdxExportDialog *dialog,
                    const char      *response,
                    ExportRequest   *request)
{
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  GArray *ids;

  if (!g_str_equal (response, "export"))
    {
      export_request_free (request);
      return;
    }

  ids = kdx_export_dialog_get_ids (dialog);
  request->ids = ids != NULL ? g_array_ref (ids) : NULL;
  request->format = kdx_export_dialog_get_format (dialog);
  request->extension = g_strdup (kdx_export_dialog_get_extension (dialog));
  request->no_contact = kdx_export_dialog_get_no_contact (dialog);

  chooser = gtk_file_chooser_native_new (_("Export KOLs"),
                                         gtk_window_get_transient_for (GTK_WINDOW (dialog)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = g_strconcat ("KOLs.", request->extension, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_chooser_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
kdx_transfer_show_export_dialog (GtkWindow       *parent,
                                 KdxStore        *store,
                                 GArray          *shown_ids,
                                 GArray          *selected_ids,
                                 AdwToastOverlay *toasts)
{
  KdxExportDialog *dialog = kdx_export_dialog_new (parent, kdx_store_count_kols (store, NULL),
                                                   shown_ids, selected_ids);
  ExportRequest *request = g_new0 (ExportRequest, 1);

  request->store = g_object_ref (store);
  request->toasts = toasts != NULL ? g_object_ref (toasts) : NULL;
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), request);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- import --------------------------------------------------------------------- */

typedef struct
{
  GtkWindow       *parent;
  KdxStore        *store;
  AdwToastOverlay *toasts;
} ImportRequest;

/* Right after a spreadsheet import: a toast with Undo on the window. */
static void
assistant_imported_cb (KdxImportAssistant *assistant,
                       gint64              run_id,
                       const char         *summary,
                       AdwToastOverlay    *toasts)
{
  show_undo_toast (toasts, summary, run_id);
}

/**
 * kdx_transfer_import_file:
 *
 * Koldex XML imports straight away; a spreadsheet opens the import
 * assistant; anything else is said to be unreadable, and why.
 */
void
kdx_transfer_import_file (GtkWindow       *parent,
                          KdxStore        *store,
                          const char      *path,
                          AdwToastOverlay *toasts)
{
  g_autoptr(GError) error = NULL;
  KdxImportAssistant *assistant;

  /* XML with a DOCTYPE goes to the XML importer too, which refuses it for
   * that reason, as koldex-cli does; the assistant would read it as CSV. */
  if (kdx_xml_is_koldex_file (path) || kdx_xml_file_has_doctype (path))
    {
      kdx_transfer_import_async (store, path, toasts, NULL, NULL);
      return;
    }

  assistant = kdx_import_assistant_new (parent, store, path, &error);
  if (assistant == NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *message = g_strdup_printf (_("Cannot import %s: %s"), name, error->message);
      show_message (toasts, message);
      return;
    }
  if (toasts != NULL)
    g_signal_connect_object (assistant, "imported", G_CALLBACK (assistant_imported_cb), toasts, 0);
  gtk_window_present (GTK_WINDOW (assistant));
}

static void
import_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            ImportRequest   *request)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      kdx_transfer_import_file (request->parent, request->store, path, request->toasts);
    }

  g_clear_object (&request->parent);
  g_object_unref (request->store);
  g_clear_object (&request->toasts);
  g_free (request);
  g_object_unref (chooser);
}

void
kdx_transfer_choose_import (GtkWindow       *parent,
                            KdxStore        *store,
                            AdwToastOverlay *toasts)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  ImportRequest *request = g_new0 (ImportRequest, 1);

  request->parent = parent != NULL ? g_object_ref (parent) : NULL;
  request->store = g_object_ref (store);
  request->toasts = toasts != NULL ? g_object_ref (toasts) : NULL;

  gtk_file_filter_set_name (filter, _("Spreadsheets and Koldex XML"));
  for (const char *const *suffix = (const char *const[]) { "csv", "tsv", "txt", "xlsx", "ods", "xml", NULL };
       *suffix != NULL; suffix++)
    gtk_file_filter_add_suffix (filter, *suffix);
  chooser = gtk_file_chooser_native_new (_("Import KOL Files"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_chooser_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- printing -------------------------------------------------------------------- */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                KdxDossier        *dossier)
{
  g_autoptr(GObject) pango = G_OBJECT (gtk_print_context_create_pango_context (context));
  guint n_pages = kdx_dossier_layout (dossier, PANGO_CONTEXT (pango),
                                      gtk_print_context_get_width (context),
                                      gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, n_pages);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              KdxDossier        *dossier)
{
  kdx_dossier_draw_page (dossier, gtk_print_context_get_cairo_context (context), page);
}

static GtkPrintOperation *
new_print_operation (KdxStore  *store,
                     GArray    *ids,
                     GError   **error)
{
  g_autoptr(GPtrArray) kols = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  GtkPrintOperation *operation;
  KdxDossier *dossier;

  for (guint i = 0; i < ids->len; i++)
    {
      KdxKol *kol = kdx_store_load_kol (store, g_array_index (ids, gint64, i), error);
      if (kol == NULL)
        return NULL;
      g_ptr_array_add (kols, kol);
    }

  dossier = kdx_dossier_new (kols);
  paper = gtk_paper_size_new (kdx_dossier_get_paper (dossier) == KDX_PAPER_LETTER
                              ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);

  operation = gtk_print_operation_new ();
  /* The dossier draws its own margins, in points. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, _("KOL dossiers"));
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), dossier);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), dossier);
  g_object_set_data_full (G_OBJECT (operation), "kdx-dossier", dossier, g_object_unref);
  return operation;
}

/* Print… (Ctrl+P): the print dialog with its preview; "Print to File"
 * there makes a PDF too. */
void
kdx_transfer_print (GtkWindow       *parent,
                    KdxStore        *store,
                    GArray          *ids,
                    AdwToastOverlay *toasts)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (ids->len == 0)
    return;
  operation = new_print_operation (store, ids, &error);
  if (operation == NULL
      || gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error)
         == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_message (toasts, error->message);
}

/* The print path, straight to a PDF: what the print dialog's "Print to
 * File" does, without the dialog. */
gboolean
kdx_transfer_print_to_pdf (GtkWindow   *parent,
                           KdxStore    *store,
                           GArray      *ids,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = new_print_operation (store, ids, error);

  if (operation == NULL)
    return FALSE;
  gtk_print_operation_set_export_filename (operation, path);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}
