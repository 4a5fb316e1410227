/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-transfer"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-dossier.h"
#include "kdx-error.h"
#include "kdx-export.h"
#include "kdx-import-assistant.h"
#include "kdx-sheet-export.h"
#include "kdx-transfer.h"
#include "kdx-value.h"
#include "kdx-window.h"
#include "kdx-xml-export.h"
#include "kdx-xml-import.h"
#include "kdx-xml.h"

/* ---- work in a thread ------------------------------------------------------------ */

typedef struct
{
  char              *database;   /* the worker opens its own connection */
  GArray            *ids;        /* NULL: every KOL */
  KdxTransferFormat  format;
  gboolean           no_contact;
  gboolean           import;
  char              *path;
  AdwToast          *toast;      /* progress, with Cancel */
  guint              n_done;
  char              *summary;    /* what the finished work says */
  gint64             run_id;     /* an import that changed something, to undo */
  gboolean           finished;
  GError            *error;      /* why it did not finish */
} Job;

static void
job_free (Job *job)
{
  g_free (job->database);
  g_clear_pointer (&job->ids, g_array_unref);
  g_free (job->path);
  g_clear_object (&job->toast);
  g_free (job->summary);
  g_clear_error (&job->error);
  g_free (job);
}

typedef struct
{
  AdwToast *toast;
  guint     n_done;
  gboolean  import;
} Progress;

static gboolean
show_progress_cb (gpointer user_data)
{
  Progress *progress = user_data;
  g_autofree char *count = kdx_value_format_int (progress->n_done);
  g_autofree char *title = g_strdup_printf (progress->import
                                              ? g_dngettext (GETTEXT_PACKAGE, "Importing… %s KOL so far",
                                                             "Importing… %s KOLs so far", progress->n_done)
                                              : g_dngettext (GETTEXT_PACKAGE, "Exporting… %s KOL so far",
                                                             "Exporting… %s KOLs so far", progress->n_done),
                                            count);

  adw_toast_set_title (progress->toast, title);
  g_object_unref (progress->toast);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

/* Called in the worker: the toast is updated in the main context. */
static void
progress_cb (guint    n_done,
             gpointer user_data)
{
  Job *job = user_data;
  Progress *progress;

  /* Every 200 is often enough for the eye and cheap for the main loop. */
  if (n_done - job->n_done < 200 && n_done != 0)
    return;
  job->n_done = n_done;

  progress = g_new0 (Progress, 1);
  progress->toast = g_object_ref (job->toast);
  progress->n_done = n_done;
  progress->import = job->import;
  g_main_context_invoke (NULL, show_progress_cb, progress);
}

static gboolean
write_dossiers (KdxStore      *store,
                Job           *job,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GArray) ids = job->ids != NULL ? g_array_ref (job->ids) : kdx_export_all_ids (store, error);
  g_autoptr(GPtrArray) kols = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KdxDossier) dossier = NULL;

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      KdxKol *kol = kdx_store_load_kol (store, g_array_index (ids, gint64, i), error);
      if (kol == NULL)
        return FALSE;
      g_ptr_array_add (kols, kol);
      progress_cb (i + 1, job);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }

  dossier = kdx_dossier_new (kols);
  kdx_dossier_set_include_contact (dossier, !job->no_contact);
  return kdx_dossier_write_pdf (dossier, job->path, cancellable, error);
}

static void
run_job (GTask        *task,
         gpointer      source,
         gpointer      task_data,
         GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_store_open (job->database, &error);
  g_autofree char *name = g_path_get_basename (job->path);
  KdxExportFlags flags = job->no_contact ? KDX_EXPORT_NO_CONTACT : KDX_EXPORT_FLAGS_NONE;
  gboolean ok = FALSE;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (job->import)
    {
      g_autoptr(KdxXmlImportReport) report = NULL;

      ok = kdx_xml_import_file (store, job->path, KDX_DUPLICATE_MERGE, cancellable,
                                progress_cb, job, &report, &error);
      if (ok)
        {
          job->summary = g_strdup_printf (_("Imported %s: %u new, %u updated, %u merged, %u unchanged"),
                                          name, report->created, report->updated, report->merged,
                                          report->unchanged);
          if (report->created + report->updated + report->merged > 0)
            job->run_id = report->run_id;
        }
      else if (report != NULL && report->issues != NULL && report->issues->len > 0 && error == NULL)
        g_set_error_literal (&error, KDX_ERROR, KDX_ERROR_INVALID_XML,
                             ((KdxXmlIssue *) g_ptr_array_index (report->issues, 0))->message);
    }
  else
    {
      guint n = job->ids != NULL ? job->ids->len : (guint) MAX (kdx_store_count_kols (store, NULL), 0);

      switch (job->format)
        {
        case KDX_TRANSFER_XML:
          ok = kdx_xml_export_file (store, job->path, job->ids, flags, cancellable, progress_cb, job, &error);
          break;
        case KDX_TRANSFER_XLSX:
        case KDX_TRANSFER_CSV:
          {
            g_auto(GStrv) columns = kdx_sheet_export_default_columns (flags);
            ok = kdx_sheet_export_file (store, job->path,
                                        job->format == KDX_TRANSFER_XLSX ? KDX_SHEET_FORMAT_XLSX : KDX_SHEET_FORMAT_CSV,
                                        job->ids, (const char *const *) columns, flags, cancellable,
                                        progress_cb, job, &error);
          }
          break;
        case KDX_TRANSFER_PDF:
          ok = write_dossiers (store, job, cancellable, &error);
          break;
        default:
          g_assert_not_reached ();
        }
      if (ok)
        job->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u KOL to %s",
                                                     "Exported %u KOLs to %s", n), n, name);
    }

  if (!ok)
    {
      if (error == NULL)
        g_set_error (&error, KDX_ERROR, KDX_ERROR_DATABASE,
                     job->import ? _("%s could not be imported") : _("%s could not be exported"), name);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

typedef struct
{
  KdxStore           *store;
  AdwToastOverlay    *toasts;
  GAsyncReadyCallback callback;
  gpointer            user_data;
} Done;

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

/* ---- what is running ------------------------------------------------------------ */

/* The cancellables of the jobs still running, and who waits for the last
 * to end: closing the window stops them first, so that no half-written
 * temporary file or half-done import is left to a killed thread. */
typedef struct
{
  KdxTransferIdleFunc func;
  gpointer            user_data;
} Waiter;

static GPtrArray *running;
static GPtrArray *waiters;  /* of Waiter, told when nothing runs any more */

static void
job_started (GCancellable *cancellable)
{
  if (running == NULL)
    running = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (running, g_object_ref (cancellable));
}

static void
job_ended (GCancellable *cancellable)
{
  g_autoptr(GPtrArray) told = NULL;

  g_ptr_array_remove (running, cancellable);
  if (running->len > 0 || waiters == NULL)
    return;
  told = g_steal_pointer (&waiters);
  for (guint i = 0; i < told->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (told, i);
      waiter->func (waiter->user_data);
    }
}

/**
 * kdx_transfer_get_n_running:
 *
 * Returns: how many imports and exports are running
 */
guint
kdx_transfer_get_n_running (void)
{
  return running != NULL ? running->len : 0;
}

/**
 * kdx_transfer_stop_all:
 * @func: called once nothing runs any more, at once if nothing does
 *
 * Cancels every running import and export: an import is rolled back as
 * a whole, an export removes its unfinished file.
 */
void
kdx_transfer_stop_all (KdxTransferIdleFunc func,
                       gpointer            user_data)
{
  Waiter *waiter;

  if (kdx_transfer_get_n_running () == 0)
    {
      func (user_data);
      return;
    }
  if (waiters == NULL)
    waiters = g_ptr_array_new_with_free_func (g_free);
  waiter = g_new (Waiter, 1);
  waiter->func = func;
  waiter->user_data = user_data;
  g_ptr_array_add (waiters, waiter);
  for (guint i = 0; i < running->len; i++)
    g_cancellable_cancel (g_ptr_array_index (running, i));
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Done *done = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  adw_toast_dismiss (job->toast);
  /* Dropped here, in the main thread: the task (and with it the job) may
   * be freed in the worker, which must not touch GTK objects. */
  g_clear_object (&job->toast);

  if (job->import)
    kdx_store_release_writes (done->store);
  job->finished = g_task_propagate_boolean (G_TASK (result), &error);
  if (!job->finished)
    {
      job->error = g_error_copy (error);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (done->toasts, error->message);
      else
        show_message (done->toasts, job->import ? _("Import cancelled: nothing was imported")
                                                : _("Export cancelled"));
    }
  else
    {
      /* The worker wrote through its own connection: look again. */
      if (job->import)
        kdx_store_notify_external_change (done->store);
      if (job->run_id > 0)
        show_undo_toast (done->toasts, job->summary, job->run_id);
      else
        show_message (done->toasts, job->summary);
    }

  if (done->callback != NULL)
    done->callback (G_OBJECT (done->store), result, done->user_data);
  g_object_unref (done->store);
  g_clear_object (&done->toasts);
  g_free (done);
  job_ended (g_task_get_cancellable (G_TASK (result)));
}

static void
start_job (KdxStore           *store,
           Job                *job,
           AdwToastOverlay    *toasts,
           GAsyncReadyCallback callback,
           gpointer            user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GTask) task = NULL;
  Done *done = g_new0 (Done, 1);

  done->store = g_object_ref (store);
  done->toasts = toasts != NULL ? g_object_ref (toasts) : NULL;
  done->callback = callback;
  done->user_data = user_data;

  job->database = g_strdup (kdx_store_get_path (store));
  /* A toast is a plain GObject: this is the job's one reference. */
  job->toast = adw_toast_new (job->import ? _("Importing…") : _("Exporting…"));
  adw_toast_set_timeout (job->toast, 0);
  adw_toast_set_button_label (job->toast, _("_Cancel"));
  g_signal_connect_object (job->toast, "button-clicked", G_CALLBACK (g_cancellable_cancel),
                           cancellable, G_CONNECT_SWAPPED);
  if (toasts != NULL)
    adw_toast_overlay_add_toast (toasts, g_object_ref (job->toast));

  /* An import holds the write lock for its whole transaction. */
  if (job->import)
    kdx_store_hold_writes (store);
  job_started (cancellable);
  task = g_task_new (NULL, cancellable, job_done_cb, done);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_job);
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
  Job *job = g_new0 (Job, 1);

  job->ids = ids != NULL ? g_array_ref (ids) : NULL;
  job->format = format;
  job->no_contact = no_contact;
  job->path = g_strdup (path);
  start_job (store, job, toasts, callback, user_data);
}

void
kdx_transfer_import_async (KdxStore           *store,
                           const char         *path,
                           AdwToastOverlay    *toasts,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  Job *job = g_new0 (Job, 1);

  job->import = TRUE;
  job->path = g_strdup (path);
  start_job (store, job, toasts, callback, user_data);
}

/* For the callback of the _async functions: whether the work finished. */
gboolean
kdx_transfer_finish (GAsyncResult  *result,
                     GError       **error)
{
  Job *job = g_task_get_task_data (G_TASK (result));

  if (!job->finished && job->error != NULL)
    g_propagate_error (error, g_error_copy (job->error));
  return job->finished;
}

/* ---- export dialog --------------------------------------------------------------- */

typedef struct
{
  GtkWindow       *parent;
  KdxStore        *store;
  AdwToastOverlay *toasts;
  GArray          *choices[3]; /* all (NULL), shown, selected */
  GtkDropDown     *which;
  GtkDropDown     *format;
  GtkCheckButton  *no_contact;
  KdxTransferFormat chosen_format;
  GArray          *chosen_ids;
  gboolean         chosen_no_contact;
  GtkFileChooserNative *chooser;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_clear_object (&request->parent);
  g_clear_object (&request->store);
  g_clear_object (&request->toasts);
  for (guint i = 0; i < G_N_ELEMENTS (request->choices); i++)
    g_clear_pointer (&request->choices[i], g_array_unref);
  g_clear_pointer (&request->chosen_ids, g_array_unref);
  g_clear_object (&request->chooser);
  g_free (request);
}

static const char *const format_extensions[] = { "xml", "xlsx", "csv", "pdf" };

/* As the dialog offers them: the workbook people open first, Koldex XML
 * (for another Koldex) one click away. */
static const KdxTransferFormat export_formats[] = {
  KDX_TRANSFER_XLSX, KDX_TRANSFER_XML, KDX_TRANSFER_CSV, KDX_TRANSFER_PDF
};

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
      const char *extension = format_extensions[request->chosen_format];

      /* The format is chosen in the dialog; the name follows it. */
      if (!g_str_has_suffix (path, extension))
        with_extension = g_strconcat (path, ".", extension, NULL);
      kdx_transfer_export_async (request->store, request->chosen_ids, request->chosen_format,
                                 request->chosen_no_contact, with_extension != NULL ? with_extension : path,
                                 request->toasts, NULL, NULL);
    }
  export_request_free (request);
}

static void
export_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ExportRequest    *request)
{
  static const char *const names[] = { "KOLs.xml", "KOLs.xlsx", "KOLs.csv", "KOLs.pdf" };
  guint which;

  if (!g_str_equal (response, "export"))
    {
      export_request_free (request);
      return;
    }

  which = gtk_drop_down_get_selected (request->which);
  /* The drop-down lists only the choices there are; map back. */
  for (guint i = 0, seen = 0; i < G_N_ELEMENTS (request->choices); i++)
    {
      if (i > 0 && (request->choices[i] == NULL || request->choices[i]->len == 0))
        continue;
      if (seen++ == which)
        request->chosen_ids = request->choices[i] != NULL ? g_array_ref (request->choices[i]) : NULL;
    }
  request->chosen_format = export_formats[gtk_drop_down_get_selected (request->format)];
  request->chosen_no_contact = gtk_check_button_get_active (request->no_contact);

  request->chooser = gtk_file_chooser_native_new (_("Export KOLs"), request->parent,
                                                  GTK_FILE_CHOOSER_ACTION_SAVE,
                                                  _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (request->chooser), names[request->chosen_format]);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (request->chooser), TRUE);
  g_signal_connect (request->chooser, "response", G_CALLBACK (export_chooser_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (request->chooser));
}

static GtkWidget *
labelled (const char *label,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (label);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return box;
}

void
kdx_transfer_show_export_dialog (GtkWindow       *parent,
                                 KdxStore        *store,
                                 GArray          *shown_ids,
                                 GArray          *selected_ids,
                                 AdwToastOverlay *toasts)
{
  ExportRequest *request = g_new0 (ExportRequest, 1);
  g_autoptr(GtkStringList) which = gtk_string_list_new (NULL);
  /* In the order of export_formats. */
  const char *const formats[] = {
    _("Excel workbook (.xlsx)"),
    _("Koldex XML: every field, for another Koldex"),
    _("CSV for any spreadsheet (.csv)"),
    _("Dossiers to print (PDF)"),
    NULL
  };
  g_autofree char *all_count = kdx_value_format_int (MAX (kdx_store_count_kols (store, NULL), 0));
  g_autofree char *all_label = g_strdup_printf (_("All KOLs (%s)"), all_count);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *dialog;

  request->parent = g_object_ref (parent);
  request->store = g_object_ref (store);
  request->toasts = toasts != NULL ? g_object_ref (toasts) : NULL;
  request->choices[1] = shown_ids != NULL ? g_array_ref (shown_ids) : NULL;
  request->choices[2] = selected_ids != NULL ? g_array_ref (selected_ids) : NULL;

  gtk_string_list_append (which, all_label);
  if (shown_ids != NULL && shown_ids->len > 0)
    {
      g_autofree char *count = kdx_value_format_int (shown_ids->len);
      g_autofree char *label = g_strdup_printf (_("What the list shows (%s)"), count);
      gtk_string_list_append (which, label);
    }
  if (selected_ids != NULL && selected_ids->len > 0)
    {
      g_autofree char *count = kdx_value_format_int (selected_ids->len);
      g_autofree char *label = g_strdup_printf (_("The selected KOLs (%s)"), count);
      gtk_string_list_append (which, label);
    }

  request->which = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (which)), NULL));
  request->format = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (formats));
  request->no_contact = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (
    _("_Leave out contact data (phone, WeChat, email, address, agent)")));
  gtk_box_append (GTK_BOX (box), labelled (_("KOLs"), GTK_WIDGET (request->which)));
  gtk_box_append (GTK_BOX (box), labelled (_("Format"), GTK_WIDGET (request->format)));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (request->no_contact));

  dialog = adw_message_dialog_new (parent, _("Export KOLs"),
                                   _("A workbook opens in any spreadsheet. Koldex XML keeps every field and reads back into Koldex."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Export…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
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

  if (kdx_xml_is_koldex_file (path))
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
