/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "../kdx-store.h"

G_BEGIN_DECLS

/* What the import and export jobs share, so that there is one way of
 * running store work in the background: a GTask thread on a sibling
 * connection (the store hands it out and hears of its writes), and
 * progress that reaches the caller's main context as property notifies.
 * Internal to the jobs; callers use KdxImportJob and KdxExportJob. */

/* Progress written by a worker and read in the main context. Notifies are
 * coalesced: a worker reporting every row queues at most one at a time. */
typedef struct
{
  GMutex        lock;
  guint         n_done;
  double        fraction;
  gboolean      queued;
  GObject      *owner;     /* not a reference: the running task holds one */
  GParamSpec  **pspecs;    /* notified together, NULL-terminated */
  GMainContext *context;
} KdxJobProgress;

void     kdx_job_progress_init   (KdxJobProgress  *self,
                                  GObject         *owner,
                                  GParamSpec     **pspecs);
void     kdx_job_progress_clear  (KdxJobProgress  *self);
void     kdx_job_progress_set    (KdxJobProgress  *self,
                                  guint            n_done,
                                  double           fraction);
guint    kdx_job_progress_get_n_done   (KdxJobProgress *self);
double   kdx_job_progress_get_fraction (KdxJobProgress *self);

/* Runs in the worker. @store is a sibling of the job's store, or NULL
 * when the job was started without one (work that needs no database). */
typedef gboolean (*KdxJobFunc) (GObject       *job,
                                KdxStore      *store,
                                GCancellable  *cancellable,
                                GError       **error);

void     kdx_job_run_async  (GObject             *job,
                             KdxStore            *store,
                             KdxJobFunc           func,
                             gpointer             source_tag,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);
gboolean kdx_job_run_finish (GObject             *job,
                             GAsyncResult        *result,
                             gpointer             source_tag,
                             GError             **error);

G_END_DECLS
