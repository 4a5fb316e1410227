/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "../export/kdx-export.h"
#include "../kdx-store.h"

G_BEGIN_DECLS

/* An export (Koldex XML, XLSX, CSV, dossiers as PDF) run in a worker
 * thread on a connection of its own: kdx_export_job_run_async(), watch
 * "n-done" (notified in the caller's main context), _finish(). A failed
 * or cancelled export leaves no file behind. */

typedef enum
{
  KDX_EXPORT_FORMAT_XML,
  KDX_EXPORT_FORMAT_XLSX,
  KDX_EXPORT_FORMAT_CSV,
  KDX_EXPORT_FORMAT_PDF,
} KdxExportFormat;

#define KDX_TYPE_EXPORT_JOB (kdx_export_job_get_type ())
G_DECLARE_FINAL_TYPE (KdxExportJob, kdx_export_job, KDX, EXPORT_JOB, GObject)

KdxExportJob *kdx_export_job_new        (KdxStore            *store,
                                         KdxExportFormat      format,
                                         const char          *path,
                                         GArray              *ids,
                                         KdxExportFlags       flags);
const char   *kdx_export_job_get_path   (KdxExportJob        *self);
guint         kdx_export_job_get_n_done (KdxExportJob        *self);
guint         kdx_export_job_get_n_kols (KdxExportJob        *self);

void          kdx_export_job_run_async  (KdxExportJob        *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean      kdx_export_job_run_finish (KdxExportJob        *self,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
