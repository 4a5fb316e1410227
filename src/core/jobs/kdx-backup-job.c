/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-backup-job"

#include "config.h"

#include "kdx-backup-job.h"
#include "kdx-backups.h"
#include "kdx-job.h"

struct _KdxBackupJob
{
  GObject    parent_instance;

  KdxStore  *store;
  guint      keep;
  gboolean   daily;    /* only when a day has passed since the newest */
  gboolean   checked;  /* the store checked the whole file at open */
  gboolean   started;
  char      *path;     /* the backup made; written by the worker, read after it */
};

G_DEFINE_FINAL_TYPE (KdxBackupJob, kdx_backup_job, G_TYPE_OBJECT)

static void
kdx_backup_job_finalize (GObject *object)
{
  KdxBackupJob *self = KDX_BACKUP_JOB (object);

  g_clear_object (&self->store);
  g_free (self->path);

  G_OBJECT_CLASS (kdx_backup_job_parent_class)->finalize (object);
}

static void
kdx_backup_job_class_init (KdxBackupJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kdx_backup_job_finalize;
}

static void
kdx_backup_job_init (KdxBackupJob *self)
{
}

/* In the worker, on a sibling of the job's store. */
static gboolean
backup_thread (GObject       *job,
               KdxStore      *sibling,
               GCancellable  *cancellable,
               GError       **error)
{
  KdxBackupJob *self = KDX_BACKUP_JOB (job);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (self->daily && !kdx_backups_is_due (kdx_store_get_path (sibling), now))
    {
      /* No backup today: still read a file opening did not check. */
      return self->checked || kdx_store_check (sibling, error);
    }

  /* A backup is checked as it is made: a damaged database is not copied,
   * and its store learns of the damage. */
  self->path = kdx_backups_make (sibling, now, self->keep, error);
  return self->path != NULL;
}

/**
 * kdx_backup_job_new:
 * @keep: how many backups to keep; 0 keeps all
 */
KdxBackupJob *
kdx_backup_job_new (KdxStore *store,
                    guint     keep)
{
  KdxBackupJob *self;

  g_return_val_if_fail (KDX_IS_STORE (store), NULL);

  self = g_object_new (KDX_TYPE_BACKUP_JOB, NULL);
  self->store = g_object_ref (store);
  self->keep = keep;
  self->checked = kdx_store_was_checked (store);
  return self;
}

/* Backs up only when the newest backup is a day old (the app's start). */
void
kdx_backup_job_set_daily (KdxBackupJob *self,
                          gboolean      daily)
{
  g_return_if_fail (KDX_IS_BACKUP_JOB (self));
  self->daily = daily;
}

void
kdx_backup_job_run_async (KdxBackupJob        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (KDX_IS_BACKUP_JOB (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  kdx_job_run_async (G_OBJECT (self), self->store, backup_thread, kdx_backup_job_run_async,
                     cancellable, callback, user_data);
}

gboolean
kdx_backup_job_run_finish (KdxBackupJob  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (KDX_IS_BACKUP_JOB (self), FALSE);
  return kdx_job_run_finish (G_OBJECT (self), result, kdx_backup_job_run_async, error);
}

/* The backup made, once finished; NULL when none was due. */
const char *
kdx_backup_job_get_path (KdxBackupJob *self)
{
  g_return_val_if_fail (KDX_IS_BACKUP_JOB (self), NULL);
  return self->path;
}
