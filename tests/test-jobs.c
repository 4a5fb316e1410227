/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-jobs"

#include "config.h"

#include <glib/gstdio.h>

#include "kdx-error.h"
#include "kdx-export-job.h"
#include "kdx-import-job.h"
#include "kdx-store.h"
#include "kdx-test-util.h"

/* The background jobs without a display: an import or export runs in a
 * worker on a connection of its own, reports progress in the caller's
 * main context, tells the store what it committed, and a cancel leaves
 * the database (or the export's folder) as it was. */

typedef struct
{
  char     *dir;
  KdxStore *store;
  guint     n_changed;  /* "changed" emissions of the store */
  gboolean  done;
  gboolean  finished;
  GError   *error;
} Fixture;

static void
changed_cb (KdxStore *store,
            GArray   *ids,
            Fixture  *fixture)
{
  fixture->n_changed++;
}

static void
count_cb (KdxStore *store,
          GArray   *ids,
          guint    *n)
{
  (*n)++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = kdx_test_make_tmp_dir ();
  path = g_build_filename (fixture->dir, "jobs.db", NULL);
  fixture->store = kdx_store_open (path, &error);
  g_assert_no_error (error);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* A finished job's task may be let go by its worker a moment after the
   * callback ran, and with it the job's reference to the store: wait for
   * that, and for what the workers queued in the main context. */
  while (G_OBJECT (fixture->store)->ref_count > 1)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_finalize_object (fixture->store);
  g_clear_error (&fixture->error);
  g_free (fixture->dir);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->finished = kdx_import_job_run_finish (KDX_IMPORT_JOB (source), result, &fixture->error);
  fixture->done = TRUE;
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->finished = kdx_export_job_run_finish (KDX_EXPORT_JOB (source), result, &fixture->error);
  fixture->done = TRUE;
}

static void
wait_done (Fixture *fixture)
{
  while (!fixture->done)
    g_main_context_iteration (NULL, TRUE);
  fixture->done = FALSE;
}

/* A CSV of @n candidates, one a row. */
static char *
write_csv (Fixture *fixture,
           guint    n)
{
  g_autoptr(GString) csv = g_string_new ("昵称,粉丝数\n");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, "list.csv", NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "达人%u,%u\n", i, 1000 + i);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, &error));
  g_assert_no_error (error);
  return path;
}

typedef struct
{
  guint    n_notifies;
  guint    last_n_done;
  double   last_fraction;
  gboolean in_other_thread;
  GThread *main_thread;
} Progress;

static void
progress_cb (GObject    *job,
             GParamSpec *pspec,
             Progress   *progress)
{
  progress->n_notifies++;
  g_object_get (job, "n-done", &progress->last_n_done, NULL);
  if (KDX_IS_IMPORT_JOB (job))
    progress->last_fraction = kdx_import_job_get_fraction (KDX_IMPORT_JOB (job));
  if (g_thread_self () != progress->main_thread)
    progress->in_other_thread = TRUE;
}

/* A spreadsheet import finishes into the database, says so through the
 * store's "changed" before its callback, and reports progress in the main
 * thread up to the last row. */
static void
test_import_finishes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *csv = write_csv (fixture, 500);
  g_autoptr(KdxImportJob) job = kdx_import_job_new (fixture->store, csv);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { .main_thread = g_thread_self () };
  KdxImportReport *report;

  g_signal_connect (job, "notify::n-done", G_CALLBACK (progress_cb), &progress);
  kdx_import_job_run_async (job, NULL, import_done_cb, fixture);
  wait_done (fixture);
  g_assert_no_error (fixture->error);
  g_assert_true (fixture->finished);

  report = kdx_import_job_get_report (job);
  g_assert_nonnull (report);
  g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_CREATED), ==, 500);
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 500);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  runs = kdx_store_list_imports (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpint (kdx_import_job_get_run_id (job), ==, ((KdxImportRun *) g_ptr_array_index (runs, 0))->id);

  /* Progress, in the main thread, ends on the last row. */
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (progress.n_notifies, >, 0);
  g_assert_false (progress.in_other_thread);
  g_assert_cmpuint (progress.last_n_done, ==, 500);
  g_assert_cmpuint (kdx_import_job_get_n_done (job), ==, 500);
  g_assert_cmpfloat (progress.last_fraction, >, 0.99);
}

/* A cancelled import rolls back as a whole. Another connection holds the
 * write lock while it starts, so it is cancelled before it could commit
 * however fast the machine; meanwhile the store's own writes fail at
 * once instead of waiting, and go on after. */
static void
test_import_cancel_rolls_back (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *csv = write_csv (fixture, 200);
  g_autofree char *path = g_build_filename (fixture->dir, "jobs.db", NULL);
  g_autoptr(KdxImportJob) job = kdx_import_job_new (fixture->store, csv);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(KdxStore) other = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  g_autoptr(GError) error = NULL;

  other = kdx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (kdx_store_begin_batch (other, &error));
  kdx_import_job_run_async (job, cancellable, import_done_cb, fixture);
  g_cancellable_cancel (cancellable);
  kdx_store_rollback_batch (other);
  wait_done (fixture);

  g_assert_false (fixture->finished);
  g_assert_error (fixture->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (kdx_import_job_get_report (job));
  g_assert_cmpint (kdx_import_job_get_run_id (job), ==, 0);
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 0);
  runs = kdx_store_list_imports (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 0);

  kdx_kol_set_display_name (kol, "之后");
  g_assert_true (kdx_store_add_kol (fixture->store, kol, &error));
  g_assert_no_error (error);
}

/* A check reads and maps the whole file and writes nothing. */
static void
test_import_check_writes_nothing (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *csv = write_csv (fixture, 30);
  g_autoptr(KdxImportJob) job = kdx_import_job_new (fixture->store, csv);

  kdx_import_job_set_check_only (job, TRUE);
  kdx_import_job_add_mapping (job, "昵称", "display_name");
  kdx_import_job_add_mapping (job, "粉丝数", "followers");
  kdx_import_job_run_async (job, NULL, import_done_cb, fixture);
  wait_done (fixture);
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (kdx_import_report_get_count (kdx_import_job_get_report (job), KDX_IMPORT_CREATED), ==, 30);
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 0);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (fixture->n_changed, ==, 0);
}

/* Koldex XML out of one database and into another, both as jobs; the
 * second store hears of the import, which it can undo. */
static void
test_xml_round_trip (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *xml = g_build_filename (fixture->dir, "kols.xml", NULL);
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autoptr(KdxKol) full = kdx_test_make_full_kol ();
  g_autoptr(KdxExportJob) export = NULL;
  g_autoptr(KdxImportJob) import = NULL;
  g_autoptr(KdxStore) other = NULL;
  g_autoptr(KdxKol) imported = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { .main_thread = g_thread_self () };
  guint other_changed = 0;

  g_assert_true (kdx_store_add_kol (fixture->store, full, &error));
  export = kdx_export_job_new (fixture->store, KDX_EXPORT_FORMAT_XML, xml, NULL, KDX_EXPORT_FLAGS_NONE);
  g_signal_connect (export, "notify::n-done", G_CALLBACK (progress_cb), &progress);
  kdx_export_job_run_async (export, NULL, export_done_cb, fixture);
  wait_done (fixture);
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (kdx_export_job_get_n_kols (export), ==, 1);
  g_assert_true (g_file_test (xml, G_FILE_TEST_EXISTS));
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (progress.last_n_done, ==, 1);
  g_assert_false (progress.in_other_thread);

  other = kdx_store_open (other_path, &error);
  g_assert_no_error (error);
  g_signal_connect (other, "changed", G_CALLBACK (count_cb), &other_changed);
  import = kdx_import_job_new_xml (other, xml);
  kdx_import_job_run_async (import, NULL, import_done_cb, fixture);
  wait_done (fixture);
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (kdx_import_job_get_xml_report (import)->created, ==, 1);
  g_assert_cmpuint (other_changed, ==, 1);
  imported = kdx_store_load_kol (other, kdx_kol_get_id (full), &error);
  g_assert_no_error (error);
  g_assert_true (kdx_kol_equal (imported, full));

  g_assert_cmpint (kdx_import_job_get_run_id (import), >, 0);
  g_assert_true (kdx_store_undo_import (other, kdx_import_job_get_run_id (import), &error));
  g_assert_no_error (error);
  g_assert_cmpint (kdx_store_count_kols (other, NULL), ==, 0);
}

/* A cancelled export leaves no file, finished or half written. */
static void
test_export_cancel_leaves_no_file (Fixture       *fixture,
                                   gconstpointer  data)
{
  static const KdxExportFormat formats[] = {
    KDX_EXPORT_FORMAT_XML, KDX_EXPORT_FORMAT_XLSX, KDX_EXPORT_FORMAT_CSV, KDX_EXPORT_FORMAT_PDF
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(KdxKol) kol = kdx_kol_new ();

      kdx_kol_set_display_name (kol, "达人");
      g_assert_true (kdx_store_add_kol (fixture->store, kol, &error));
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, "out", NULL);
      g_autoptr(KdxExportJob) job = kdx_export_job_new (fixture->store, formats[i], path, NULL,
                                                        KDX_EXPORT_NO_CONTACT);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GDir) listing = NULL;

      g_cancellable_cancel (cancellable);
      kdx_export_job_run_async (job, cancellable, export_done_cb, fixture);
      wait_done (fixture);
      g_assert_false (fixture->finished);
      g_assert_error (fixture->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&fixture->error);

      /* Only the database and its journal are left in the folder. */
      listing = g_dir_open (fixture->dir, 0, &error);
      g_assert_no_error (error);
      for (const char *name; (name = g_dir_read_name (listing)) != NULL;)
        g_assert_true (g_str_has_prefix (name, "jobs.db"));
    }
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/jobs/import/finishes", test_import_finishes);
  ADD ("/jobs/import/cancel-rolls-back", test_import_cancel_rolls_back);
  ADD ("/jobs/import/check-writes-nothing", test_import_check_writes_nothing);
  ADD ("/jobs/xml/round-trip", test_xml_round_trip);
  ADD ("/jobs/export/cancel-leaves-no-file", test_export_cancel_leaves_no_file);
  return g_test_run ();
}
