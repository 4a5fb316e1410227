/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-export-job"

#include "config.h"

#include "../dossier/kdx-dossier.h"
#include "kdx-export-job.h"
#include "kdx-job.h"
#include "../export/kdx-sheet-export.h"
#include "../xml/kdx-xml-export.h"

struct _KdxExportJob
{
  GObject          parent_instance;

  KdxStore        *store;
  KdxExportFormat  format;
  char            *path;
  GArray          *ids;     /* NULL: every KOL */
  KdxExportFlags   flags;
  gboolean         started;
  guint            n_kols;  /* how many the file holds, once written */

  KdxJobProgress   progress;
};

G_DEFINE_FINAL_TYPE (KdxExportJob, kdx_export_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GParamSpec *progress_pspecs[2];

static void
progress_cb (guint    n_done,
             gpointer user_data)
{
  KdxExportJob *self = user_data;
  guint n = self->n_kols > 0 ? self->n_kols : 1;

  kdx_job_progress_set (&self->progress, n_done, (double) n_done / n);
}

static gboolean
write_dossiers (KdxExportJob  *self,
                KdxStore      *store,
                GArray        *ids,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GPtrArray) kols = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KdxDossier) dossier = NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      KdxKol *kol = kdx_store_load_kol (store, g_array_index (ids, gint64, i), error);
      if (kol == NULL)
        return FALSE;
      g_ptr_array_add (kols, kol);
      progress_cb (i + 1, self);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }

  dossier = kdx_dossier_new (kols);
  kdx_dossier_set_include_contact (dossier, !(self->flags & KDX_EXPORT_NO_CONTACT));
  return kdx_dossier_write_pdf (dossier, self->path, cancellable, error);
}

/* In the worker, on @store, a sibling of self->store. */
static gboolean
export_thread (GObject       *job,
               KdxStore      *store,
               GCancellable  *cancellable,
               GError       **error)
{
  KdxExportJob *self = KDX_EXPORT_JOB (job);
  g_autoptr(GArray) ids = self->ids != NULL ? g_array_ref (self->ids) : kdx_export_all_ids (store, error);

  if (ids == NULL)
    return FALSE;
  self->n_kols = ids->len;

  /* The writers are given NULL for everyone, so they read each table in
   * one pass; the ids above only count the KOLs for the progress. */
  switch (self->format)
    {
    case KDX_EXPORT_FORMAT_XML:
      return kdx_xml_export_file (store, self->path, self->ids, self->flags, cancellable,
                                  progress_cb, self, error);
    case KDX_EXPORT_FORMAT_XLSX:
    case KDX_EXPORT_FORMAT_CSV:
      {
        g_auto(GStrv) columns = kdx_sheet_export_default_columns (self->flags);

        return kdx_sheet_export_file (store, self->path,
                                      self->format == KDX_EXPORT_FORMAT_XLSX ? KDX_SHEET_FORMAT_XLSX
                                                                             : KDX_SHEET_FORMAT_CSV,
                                      self->ids, (const char *const *) columns, self->flags, cancellable,
                                      progress_cb, self, error);
      }
    case KDX_EXPORT_FORMAT_PDF:
      return write_dossiers (self, store, ids, cancellable, error);
    default:
      g_assert_not_reached ();
    }
}

static void
kdx_export_job_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KdxExportJob *self = KDX_EXPORT_JOB (object);

  switch (prop_id)
    {
    case PROP_N_DONE:
      g_value_set_uint (value, kdx_export_job_get_n_done (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_export_job_finalize (GObject *object)
{
  KdxExportJob *self = KDX_EXPORT_JOB (object);

  g_clear_object (&self->store);
  g_free (self->path);
  g_clear_pointer (&self->ids, g_array_unref);
  kdx_job_progress_clear (&self->progress);

  G_OBJECT_CLASS (kdx_export_job_parent_class)->finalize (object);
}

static void
kdx_export_job_class_init (KdxExportJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = kdx_export_job_get_property;
  object_class->finalize = kdx_export_job_finalize;

  /* KOLs written so far. */
  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  progress_pspecs[0] = properties[PROP_N_DONE];
}

static void
kdx_export_job_init (KdxExportJob *self)
{
  kdx_job_progress_init (&self->progress, G_OBJECT (self), progress_pspecs);
}

/**
 * kdx_export_job_new:
 * @ids: (nullable): the KOLs to export, in this order; %NULL for all
 * @flags: %KDX_EXPORT_NO_CONTACT leaves the contact fields out
 */
KdxExportJob *
kdx_export_job_new (KdxStore        *store,
                    KdxExportFormat  format,
                    const char      *path,
                    GArray          *ids,
                    KdxExportFlags   flags)
{
  KdxExportJob *self;

  g_return_val_if_fail (KDX_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (KDX_TYPE_EXPORT_JOB, NULL);
  self->store = g_object_ref (store);
  self->format = format;
  self->path = g_strdup (path);
  self->ids = ids != NULL ? g_array_ref (ids) : NULL;
  self->flags = flags;
  return self;
}

const char *
kdx_export_job_get_path (KdxExportJob *self)
{
  g_return_val_if_fail (KDX_IS_EXPORT_JOB (self), NULL);
  return self->path;
}

guint
kdx_export_job_get_n_done (KdxExportJob *self)
{
  g_return_val_if_fail (KDX_IS_EXPORT_JOB (self), 0);
  return kdx_job_progress_get_n_done (&self->progress);
}

/* After a finished run: how many KOLs the file holds. */
guint
kdx_export_job_get_n_kols (KdxExportJob *self)
{
  g_return_val_if_fail (KDX_IS_EXPORT_JOB (self), 0);
  return self->n_kols;
}

void
kdx_export_job_run_async (KdxExportJob        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (KDX_IS_EXPORT_JOB (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  kdx_job_run_async (G_OBJECT (self), self->store, export_thread, kdx_export_job_run_async,
                     cancellable, callback, user_data);
}

gboolean
kdx_export_job_run_finish (KdxExportJob  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (KDX_IS_EXPORT_JOB (self), FALSE);
  return kdx_job_run_finish (G_OBJECT (self), result, kdx_export_job_run_async, error);
}
