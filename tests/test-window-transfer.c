/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window-transfer"

#include "config.h"

#include <glib/gstdio.h>
#include "kdx-import-assistant.h"
#include "kdx-import-history.h"
#include "kdx-test-util.h"
#include "kdx-transfer.h"
#include "kdx-ui-test.h"
#include "kdx-window.h"

/* Moving files in and out through the window: export and import, print
 * to PDF, closing while that works, and the import assistant. */

static void
transfer_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (kdx_transfer_finish (result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
wait_for (gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}

/* Finished or cancelled, either is fine: the test looks at the window. */
static void
transfer_ended_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!kdx_transfer_finish (result, &error))
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *(gboolean *) user_data = TRUE;
}

static gboolean
has_temporary_file (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, ".all.xml."))
      return TRUE;
  return FALSE;
}

/* Closing the window while an export runs asks first; Keep Working lets
 * it finish, Stop and Close cancels it, waits, and leaves no file half
 * written behind. */
static void
test_close_while_working (KdxUiFixture  *fixture,
                          gconstpointer  data)
{
  g_autofree char *xml = g_build_filename (fixture->dir, "all.xml", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "closing.db", NULL);
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  KdxWindow *window;
  AdwToastOverlay *toasts;
  AdwMessageDialog *dialog;
  gboolean done = FALSE;

  store = kdx_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 50; i++)
    kdx_ui_add_kol (store, "达人", i);
  window = kdx_window_new (NULL, store, NULL);
  toasts = ADW_TOAST_OVERLAY (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)));
  gtk_window_present (GTK_WINDOW (window));
  kdx_ui_iterate ();

  /* The job counts as running until its end is handled in the main loop. */
  kdx_transfer_export_async (store, NULL, KDX_TRANSFER_XML, FALSE, xml, toasts, transfer_ended_cb, &done);
  g_assert_cmpuint (kdx_transfer_get_n_running (), ==, 1);
  gtk_window_close (GTK_WINDOW (window));
  dialog = ADW_MESSAGE_DIALOG (kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  adw_message_dialog_response (dialog, "keep");
  wait_for (&done);
  kdx_ui_iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (g_file_test (xml, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (kdx_transfer_get_n_running (), ==, 0);

  g_unlink (xml);
  done = FALSE;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  kdx_transfer_export_async (store, NULL, KDX_TRANSFER_XML, FALSE, xml, toasts, transfer_ended_cb, &done);
  gtk_window_close (GTK_WINDOW (window));
  dialog = ADW_MESSAGE_DIALOG (kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "stop");
  wait_for (&done);
  while (window != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (kdx_transfer_get_n_running (), ==, 0);
  g_assert_false (has_temporary_file (fixture->dir));
}

/* Export from one database and import into another, through the
 * window's worker-thread path; the other window's list follows. */
static void
test_export_import_round_trip (KdxUiFixture  *fixture,
                               gconstpointer  data)
{
  g_autofree char *xml = g_build_filename (fixture->dir, "kols.xml", NULL);
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autoptr(KdxKol) full = kdx_test_make_full_kol ();
  g_autoptr(KdxStore) other = NULL;
  g_autoptr(KdxKol) imported = NULL;
  g_autoptr(GError) error = NULL;
  AdwToastOverlay *toasts = ADW_TOAST_OVERLAY (adw_application_window_get_content (ADW_APPLICATION_WINDOW (fixture->window)));
  KdxWindow *other_window;
  gboolean done = FALSE;

  g_assert_true (kdx_store_add_kol (fixture->store, full, &error));
  kdx_transfer_export_async (fixture->store, NULL, KDX_TRANSFER_XML, FALSE, xml, toasts,
                             transfer_done_cb, &done);
  wait_for (&done);
  g_assert_true (g_file_test (xml, G_FILE_TEST_EXISTS));

  other = kdx_store_open (other_path, &error);
  g_assert_no_error (error);
  other_window = kdx_window_new (NULL, other, NULL);
  gtk_window_present (GTK_WINDOW (other_window));
  kdx_ui_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_list_view_get_list (kdx_window_get_list_view (other_window)))), ==, 0);

  done = FALSE;
  kdx_transfer_import_async (other, xml, NULL, transfer_done_cb, &done);
  wait_for (&done);
  kdx_ui_iterate ();

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_list_view_get_list (kdx_window_get_list_view (other_window)))), ==, 1);
  imported = kdx_ui_load_kol (other, kdx_kol_get_id (full));
  g_assert_true (kdx_kol_equal (imported, full));

  /* The XML import is in the import history, and its Undo (the toast's
   * action) takes it back as a whole. */
  {
    g_autoptr(GPtrArray) runs = kdx_store_list_imports (other, &error);
    KdxImportRun *run;

    g_assert_no_error (error);
    g_assert_cmpuint (runs->len, ==, 1);
    run = g_ptr_array_index (runs, 0);
    g_assert_cmpstr (run->file, ==, xml);
    g_assert_cmpint (run->created, ==, 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (other_window), "win.undo-import",
                                               "x", run->id));
    kdx_ui_iterate ();
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_list_view_get_list (kdx_window_get_list_view (other_window)))), ==, 0);
  gtk_window_destroy (GTK_WINDOW (other_window));
  kdx_ui_iterate ();
}

static void
test_print_to_pdf (KdxUiFixture  *fixture,
                   gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "dossiers.pdf", NULL);
  g_autoptr(KdxKol) full = kdx_test_make_full_kol ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  gint64 id;
  int status;

  g_assert_true (kdx_store_add_kol (fixture->store, full, &error));
  id = kdx_kol_get_id (full);
  g_array_append_val (ids, id);

  g_assert_true (kdx_transfer_print_to_pdf (GTK_WINDOW (fixture->window), fixture->store, ids, pdf, &error));
  g_assert_no_error (error);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "王小美"));
  g_assert_nonnull (strstr (text, "xm_bili"));
}

/* The import assistant on a GB18030 list from Chinese Excel: the columns
 * guessed, one changed by the operator (and remembered), the import run
 * in its worker thread, the report, and the list following. */
static void
test_import_assistant (KdxUiFixture  *fixture,
                       gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (g_getenv ("KDX_FIXTURES"), "gb18030.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxImportAssistant) again = NULL;
  g_autofree char *report = NULL;
  KdxImportAssistant *assistant;
  GtkWidget *row;
  guint notes_selected;

  assistant = kdx_import_assistant_new (GTK_WINDOW (fixture->window), fixture->store, csv, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (assistant));
  kdx_ui_iterate ();
  g_assert_cmpstr (kdx_import_assistant_get_page (assistant), ==, "setup");

  /* The title row above the header is passed over; headers are mapped. */
  row = kdx_import_assistant_get_column_row (assistant, "粉丝数");
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (ADW_COMBO_ROW (row))), ==, "Followers");
  row = kdx_import_assistant_get_column_row (assistant, "备注");
  notes_selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));
  g_assert_cmpuint (notes_selected, >, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0); /* don't import */

  kdx_import_assistant_run (assistant);
  while (g_strcmp0 (kdx_import_assistant_get_page (assistant), "report") != 0)
    g_main_context_iteration (NULL, TRUE);
  kdx_ui_iterate ();

  report = kdx_import_assistant_get_report (assistant);
  g_assert_nonnull (strstr (report, "new KOLs"));
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), >=, 2);
  g_assert_cmpuint (g_list_model_get_n_items (kdx_ui_list_of (fixture)), ==, kdx_store_count_kols (fixture->store, NULL));
  {
    g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
    g_autoptr(GArray) ids = NULL;
    g_autoptr(KdxKol) kol = NULL;

    kdx_kol_query_set_search (query, "小美");
    ids = kdx_store_query_ids (fixture->store, query, &error);
    g_assert_cmpuint (ids->len, ==, 1);
    kol = kdx_ui_load_kol (fixture->store, g_array_index (ids, gint64, 0));
    g_assert_cmpint (kdx_kol_get_followers (kol), ==, 125000);
    g_assert_cmpstr (kdx_kol_get_platform (kol), ==, "xiaohongshu");
    /* The operator left the notes column out. */
    g_assert_null (kdx_kol_get_notes (kol));
  }
  gtk_window_destroy (GTK_WINDOW (assistant));

  /* The same headers again: the operator's choice is offered again. */
  again = g_object_ref (kdx_import_assistant_new (GTK_WINDOW (fixture->window), fixture->store, csv, &error));
  g_assert_no_error (error);
  row = kdx_import_assistant_get_column_row (again, "备注");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (again));

  /* Undo (the toast's button, or the history's): the import goes as a whole. */
  {
    g_autoptr(GPtrArray) runs = kdx_store_list_imports (fixture->store, &error);
    gint64 run_id;

    g_assert_cmpuint (runs->len, ==, 1);
    run_id = ((KdxImportRun *) g_ptr_array_index (runs, runs->len - 1))->id;
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo-import", "x", run_id));
    kdx_ui_iterate ();
    g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (kdx_ui_list_of (fixture)), ==, 0);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.import-history", NULL));
    kdx_ui_iterate ();
    g_assert_nonnull (kdx_ui_find_toplevel (KDX_TYPE_IMPORT_HISTORY));
  }

  /* Changing an option rebuilds the rows and keeps the other choices. */
  {
    KdxImportAssistant *third = kdx_import_assistant_new (GTK_WINDOW (fixture->window), fixture->store, csv, &error);
    g_autoptr(GPtrArray) runs = NULL;

    g_assert_no_error (error);
    gtk_window_present (GTK_WINDOW (third));
    kdx_ui_iterate ();
    adw_combo_row_set_selected (ADW_COMBO_ROW (kdx_ui_find_widget (GTK_WIDGET (third), ADW_TYPE_PREFERENCES_ROW, "Encoding")), 2); /* GB18030 */
    kdx_ui_iterate ();
    g_assert_nonnull (kdx_import_assistant_get_column_row (third, "粉丝数"));
    adw_combo_row_set_selected (ADW_COMBO_ROW (kdx_ui_find_widget (GTK_WIDGET (third), ADW_TYPE_PREFERENCES_ROW, "Separator")), 1); /* comma */
    kdx_ui_iterate ();
    g_assert_nonnull (kdx_import_assistant_get_column_row (third, "粉丝数"));

    /* Closed while importing: the import is cancelled and rolls back.
     * Another writer holds the database meanwhile, so the import cannot
     * commit before the window goes, however fast the machine: without
     * it a three-row import could finish first and the test flaked. */
    {
      g_autofree char *path = g_build_filename (fixture->dir, "window.db", NULL);
      g_autoptr(KdxStore) other = kdx_store_open (path, &error);

      g_assert_no_error (error);
      g_assert_true (kdx_store_begin_batch (other, &error));
      kdx_import_assistant_run (third);
      gtk_window_destroy (GTK_WINDOW (third));
      kdx_ui_iterate ();
      kdx_store_rollback_batch (other);
    }
    /* The cancelled job has rolled back and gone. */
    kdx_ui_wait_for_no_jobs ();
    g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 0);
    runs = kdx_store_list_imports (fixture->store, &error);
    g_assert_cmpuint (runs->len, ==, 1);
  }

  /* What is not a spreadsheet is refused with the reason. */
  g_assert_null (kdx_import_assistant_new (GTK_WINDOW (fixture->window), fixture->store,
                                           "/nonexistent/名单.xlsx", &error));
  g_assert_nonnull (error);
}
int
main (int    argc,
      char **argv)
{
  kdx_ui_test_init (&argc, &argv);

  KDX_UI_ADD ("/ui/transfer/export-import-round-trip", test_export_import_round_trip);
  KDX_UI_ADD ("/ui/transfer/print-to-pdf", test_print_to_pdf);
  KDX_UI_ADD ("/ui/transfer/close-while-working", test_close_while_working);
  KDX_UI_ADD ("/ui/import/assistant", test_import_assistant);

  return g_test_run ();
}
