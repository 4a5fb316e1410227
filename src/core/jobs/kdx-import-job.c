/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-import-job"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "../kdx-error.h"
#include "kdx-import-job.h"
#include "../import/kdx-importer.h"
#include "kdx-job.h"

struct _KdxImportJob
{
  GObject             parent_instance;

  KdxStore           *store;
  char               *path;
  gboolean            xml;
  gboolean            check_only;   /* the forecast: read and map, no store */
  gboolean            started;

  char               *sheet;
  char               *encoding;
  char                delimiter;
  KdxDuplicatePolicy  policy;
  KdxUnmappedPolicy   unmapped;
  GPtrArray          *headers;      /* mapped to fields, in the same order */
  GPtrArray          *fields;

  KdxJobProgress      progress;

  /* Written by the worker, read after _finish. */
  KdxImportReport    *report;
  KdxXmlImportReport *xml_report;
};

G_DEFINE_FINAL_TYPE (KdxImportJob, kdx_import_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_DONE,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GParamSpec *progress_pspecs[3];

static void
sheet_progress_cb (guint    rows_done,
                   double   fraction,
                   gpointer user_data)
{
  KdxImportJob *self = user_data;

  kdx_job_progress_set (&self->progress, rows_done, fraction);
}

static void
xml_progress_cb (guint    n_done,
                 gpointer user_data)
{
  KdxImportJob *self = user_data;

  /* An XML file says nothing of its length up front. */
  kdx_job_progress_set (&self->progress, n_done, 0);
}

static gboolean
import_sheet (KdxImportJob  *self,
              KdxStore      *store,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(KdxImporter) importer = kdx_importer_new (store);

  kdx_importer_set_sheet (importer, self->sheet);
  kdx_importer_set_encoding (importer, self->encoding);
  kdx_importer_set_delimiter (importer, self->delimiter);
  kdx_importer_set_duplicate_policy (importer, self->policy);
  kdx_importer_set_unmapped_policy (importer, self->unmapped);
  kdx_importer_set_progress_func (importer, sheet_progress_cb, self, NULL);
  for (guint i = 0; i < self->headers->len; i++)
    if (!kdx_importer_add_mapping (importer, g_ptr_array_index (self->headers, i),
                                   g_ptr_array_index (self->fields, i), error))
      return FALSE;

  self->report = self->check_only ? kdx_importer_check (importer, self->path, cancellable, error)
                                  : kdx_importer_run (importer, self->path, cancellable, error);
  return self->report != NULL;
}

static gboolean
import_xml (KdxImportJob  *self,
            KdxStore      *store,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (kdx_xml_import_file (store, self->path, self->policy, cancellable, xml_progress_cb, self,
                           &self->xml_report, &local_error))
    return TRUE;

  /* A file with problems fails with the first of them. */
  if (local_error == NULL && self->xml_report != NULL && self->xml_report->issues->len > 0)
    g_set_error_literal (&local_error, KDX_ERROR, KDX_ERROR_INVALID_XML,
                         ((KdxXmlIssue *) g_ptr_array_index (self->xml_report->issues, 0))->message);
  else if (local_error == NULL)
    {
      g_autofree char *name = g_filename_display_basename (self->path);
      g_set_error (&local_error, KDX_ERROR, KDX_ERROR_DATABASE, _("%s could not be imported"), name);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* In the worker, on @store, a sibling of self->store (NULL for a check). */
static gboolean
import_thread (GObject       *job,
               KdxStore      *store,
               GCancellable  *cancellable,
               GError       **error)
{
  KdxImportJob *self = KDX_IMPORT_JOB (job);
  gboolean ok = self->xml ? import_xml (self, store, cancellable, error)
                          : import_sheet (self, store, cancellable, error);

  /* Rows written into a database whose file has gone are not saved:
   * the job fails rather than report them. */
  return ok && (store == NULL || self->check_only || kdx_store_check_in_place (store, error));
}

static void
kdx_import_job_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KdxImportJob *self = KDX_IMPORT_JOB (object);

  switch (prop_id)
    {
    case PROP_N_DONE:
      g_value_set_uint (value, kdx_import_job_get_n_done (self));
      break;
    case PROP_FRACTION:
      g_value_set_double (value, kdx_import_job_get_fraction (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_import_job_finalize (GObject *object)
{
  KdxImportJob *self = KDX_IMPORT_JOB (object);

  g_clear_object (&self->store);
  g_free (self->path);
  g_free (self->sheet);
  g_free (self->encoding);
  g_ptr_array_unref (self->headers);
  g_ptr_array_unref (self->fields);
  kdx_job_progress_clear (&self->progress);
  g_clear_object (&self->report);
  g_clear_pointer (&self->xml_report, kdx_xml_import_report_free);

  G_OBJECT_CLASS (kdx_import_job_parent_class)->finalize (object);
}

static void
kdx_import_job_class_init (KdxImportJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = kdx_import_job_get_property;
  object_class->finalize = kdx_import_job_finalize;

  /* Rows read (a spreadsheet) or KOLs done (XML) so far. */
  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* How far through the file, 0 to 1; stays 0 where that is not known. */
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  progress_pspecs[0] = properties[PROP_N_DONE];
  progress_pspecs[1] = properties[PROP_FRACTION];
}

static void
kdx_import_job_init (KdxImportJob *self)
{
  self->headers = g_ptr_array_new_with_free_func (g_free);
  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->policy = KDX_DUPLICATE_SKIP;
  kdx_job_progress_init (&self->progress, G_OBJECT (self), progress_pspecs);
}

/**
 * kdx_import_job_new:
 *
 * An import of the spreadsheet (CSV, TSV, XLSX, ODS) at @path into @store.
 */
KdxImportJob *
kdx_import_job_new (KdxStore   *store,
                    const char *path)
{
  KdxImportJob *self;

  g_return_val_if_fail (KDX_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (KDX_TYPE_IMPORT_JOB, NULL);
  self->store = g_object_ref (store);
  self->path = g_strdup (path);
  return self;
}

/**
 * kdx_import_job_new_xml:
 *
 * An import of the Koldex XML file at @path into @store; the same person
 * under another uid is merged unless another policy is set.
 */
KdxImportJob *
kdx_import_job_new_xml (KdxStore   *store,
                        const char *path)
{
  KdxImportJob *self = kdx_import_job_new (store, path);

  self->xml = TRUE;
  self->policy = KDX_DUPLICATE_MERGE;
  return self;
}

void
kdx_import_job_set_sheet (KdxImportJob *self,
                          const char   *sheet)
{
  g_return_if_fail (KDX_IS_IMPORT_JOB (self));
  g_return_if_fail (!self->started);
  g_free (self->sheet);
  self->sheet = g_strdup (sheet);
}

void
kdx_import_job_set_encoding (KdxImportJob *self,
                             const char   *encoding)
{
  g_return_if_fail (KDX_IS_IMPORT_JOB (self));
  g_return_if_fail (!self->started);
  g_free (self->encoding);
  self->encoding = g_strdup (encoding);
}

void
kdx_import_job_set_delimiter (KdxImportJob *self,
                              char          delimiter)
{
  g_return_if_fail (KDX_IS_IMPORT_JOB (self));
  g_return_if_fail (!self->started);
  self->delimiter = delimiter;
}

/* Checked when the job runs: a field that does not exist fails the run. */
void
kdx_import_job_add_mapping (KdxImportJob *self,
                            const char   *header,
                            const char   *field)
{
  g_return_if_fail (KDX_IS_IMPORT_JOB (self));
  g_return_if_fail (!self->started);
  g_ptr_array_add (self->headers, g_strdup (header));
  g_ptr_array_add (self->fields, g_strdup (field));
}

void
kdx_import_job_set_unmapped_policy (KdxImportJob      *self,
                                    KdxUnmappedPolicy  policy)
{
  g_return_if_fail (KDX_IS_IMPORT_JOB (self));
  g_return_if_fail (!self->started);
  self->unmapped = policy;
}

/* A forecast: reads and maps the whole file, says what an import would
 * do, and writes nothing (no connection is opened). */
void
kdx_import_job_set_check_only (KdxImportJob *self,
                               gboolean      check_only)
{
  g_return_if_fail (KDX_IS_IMPORT_JOB (self));
  g_return_if_fail (!self->started);
  g_return_if_fail (!self->xml);
  self->check_only = check_only;
}

void
kdx_import_job_set_duplicate_policy (KdxImportJob       *self,
                                     KdxDuplicatePolicy  policy)
{
  g_return_if_fail (KDX_IS_IMPORT_JOB (self));
  g_return_if_fail (!self->started);
  self->policy = policy;
}

const char *
kdx_import_job_get_path (KdxImportJob *self)
{
  g_return_val_if_fail (KDX_IS_IMPORT_JOB (self), NULL);
  return self->path;
}

guint
kdx_import_job_get_n_done (KdxImportJob *self)
{
  g_return_val_if_fail (KDX_IS_IMPORT_JOB (self), 0);
  return kdx_job_progress_get_n_done (&self->progress);
}

double
kdx_import_job_get_fraction (KdxImportJob *self)
{
  g_return_val_if_fail (KDX_IS_IMPORT_JOB (self), 0);
  return kdx_job_progress_get_fraction (&self->progress);
}

/**
 * kdx_import_job_run_async:
 *
 * Runs the import in a worker thread; a job runs once.
 */
void
kdx_import_job_run_async (KdxImportJob        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (KDX_IS_IMPORT_JOB (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  kdx_job_run_async (G_OBJECT (self), self->check_only ? NULL : self->store, import_thread,
                     kdx_import_job_run_async, cancellable, callback, user_data);
}

gboolean
kdx_import_job_run_finish (KdxImportJob  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (KDX_IS_IMPORT_JOB (self), FALSE);
  return kdx_job_run_finish (G_OBJECT (self), result, kdx_import_job_run_async, error);
}

/**
 * kdx_import_job_get_report:
 *
 * Returns: (transfer none) (nullable): what a spreadsheet import did, or
 *   would do (a check); %NULL before it finished or when it failed
 */
KdxImportReport *
kdx_import_job_get_report (KdxImportJob *self)
{
  g_return_val_if_fail (KDX_IS_IMPORT_JOB (self), NULL);
  return self->report;
}

/**
 * kdx_import_job_get_xml_report:
 *
 * Returns: (transfer none) (nullable): what an XML import did, its
 *   problems when it failed on them
 */
KdxXmlImportReport *
kdx_import_job_get_xml_report (KdxImportJob *self)
{
  g_return_val_if_fail (KDX_IS_IMPORT_JOB (self), NULL);
  return self->xml_report;
}

/**
 * kdx_import_job_get_run_id:
 *
 * Returns: the import's entry in the import history, to undo it; 0 when
 *   it did not finish or was a check
 */
gint64
kdx_import_job_get_run_id (KdxImportJob *self)
{
  g_return_val_if_fail (KDX_IS_IMPORT_JOB (self), 0);
  if (self->report != NULL)
    return kdx_import_report_get_run_id (self->report);
  return self->xml_report != NULL ? self->xml_report->run_id : 0;
}
