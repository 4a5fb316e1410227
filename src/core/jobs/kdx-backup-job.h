/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "../kdx-store.h"

G_BEGIN_DECLS

/* A backup in the background (kdx-backups.c), on a worker's own
 * connection: the app's daily one when it starts, and Preferences' Back
 * Up Now. When the database was too large to check at open, the worker
 * checks it first; damage found marks the store damaged. */

#define KDX_TYPE_BACKUP_JOB (kdx_backup_job_get_type ())
G_DECLARE_FINAL_TYPE (KdxBackupJob, kdx_backup_job, KDX, BACKUP_JOB, GObject)

KdxBackupJob *kdx_backup_job_new        (KdxStore            *store,
                                         guint                keep);
void          kdx_backup_job_set_daily  (KdxBackupJob        *self,
                                         gboolean             daily);
void          kdx_backup_job_run_async  (KdxBackupJob        *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean      kdx_backup_job_run_finish (KdxBackupJob        *self,
                                         GAsyncResult        *result,
                                         GError             **error);
const char   *kdx_backup_job_get_path   (KdxBackupJob        *self);

G_END_DECLS
