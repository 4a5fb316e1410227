/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Every import and export running in the background, wherever it was
 * started (the window's transfers, the import assistant), so that closing
 * a window or quitting asks first and can stop them all cleanly: an
 * import is rolled back as a whole, an export leaves no file. A job is
 * known by its GCancellable, added when it starts and removed when its
 * end has been handled. */

/* What a job does, for the questions asked while it runs. */
typedef enum
{
  KDX_JOB_KIND_OTHER,
  KDX_JOB_KIND_IMPORT,
  KDX_JOB_KIND_EXPORT,
  KDX_JOB_KIND_BACKUP,
} KdxJobKind;

#define KDX_TYPE_JOB_REGISTRY (kdx_job_registry_get_type ())
G_DECLARE_FINAL_TYPE (KdxJobRegistry, kdx_job_registry, KDX, JOB_REGISTRY, GObject)

KdxJobRegistry *kdx_job_registry_get_default    (void);
void            kdx_job_registry_add            (KdxJobRegistry      *self,
                                                 GCancellable        *cancellable);
void            kdx_job_registry_add_kind       (KdxJobRegistry      *self,
                                                 GCancellable        *cancellable,
                                                 KdxJobKind           kind);
char           *kdx_job_registry_describe       (KdxJobRegistry      *self);
void            kdx_job_registry_remove         (KdxJobRegistry      *self,
                                                 GCancellable        *cancellable);
guint           kdx_job_registry_get_n_running  (KdxJobRegistry      *self);
void            kdx_job_registry_stop_all_async (KdxJobRegistry      *self,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean        kdx_job_registry_stop_all_finish (KdxJobRegistry     *self,
                                                  GAsyncResult       *result,
                                                  GError            **error);

G_END_DECLS
