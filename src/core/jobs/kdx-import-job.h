/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "../kdx-enums.h"
#include "../import/kdx-column-mapper.h"
#include "../import/kdx-import-report.h"
#include "../kdx-store.h"
#include "../xml/kdx-xml-import.h"

G_BEGIN_DECLS

/* An import (a spreadsheet through KdxImporter, or Koldex XML) run in a
 * worker thread on a connection of its own, as GNOME Text Editor loads a
 * document: configure, kdx_import_job_run_async(), watch "n-done" and
 * "fraction" (notified in the caller's main context), _finish(). A cancel
 * rolls the import back as a whole. While it writes, writes through
 * @store fail at once with KDX_ERROR_BUSY; when it commits, @store emits
 * "changed" before the callback runs. */

#define KDX_TYPE_IMPORT_JOB (kdx_import_job_get_type ())
G_DECLARE_FINAL_TYPE (KdxImportJob, kdx_import_job, KDX, IMPORT_JOB, GObject)

KdxImportJob       *kdx_import_job_new                  (KdxStore            *store,
                                                         const char          *path);
KdxImportJob       *kdx_import_job_new_xml              (KdxStore            *store,
                                                         const char          *path);

/* Spreadsheets only: as the KdxImporter setters of the same name. */
void                kdx_import_job_set_sheet            (KdxImportJob        *self,
                                                         const char          *sheet);
void                kdx_import_job_set_encoding         (KdxImportJob        *self,
                                                         const char          *encoding);
void                kdx_import_job_set_delimiter        (KdxImportJob        *self,
                                                         char                 delimiter);
void                kdx_import_job_add_mapping          (KdxImportJob        *self,
                                                         const char          *header,
                                                         const char          *field);
void                kdx_import_job_set_unmapped_policy  (KdxImportJob        *self,
                                                         KdxUnmappedPolicy    policy);
void                kdx_import_job_set_check_only       (KdxImportJob        *self,
                                                         gboolean             check_only);

void                kdx_import_job_set_duplicate_policy (KdxImportJob        *self,
                                                         KdxDuplicatePolicy   policy);
const char         *kdx_import_job_get_path             (KdxImportJob        *self);
guint               kdx_import_job_get_n_done           (KdxImportJob        *self);
double              kdx_import_job_get_fraction         (KdxImportJob        *self);

void                kdx_import_job_run_async            (KdxImportJob        *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            kdx_import_job_run_finish           (KdxImportJob        *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* After a finished run: what it did. */
KdxImportReport    *kdx_import_job_get_report           (KdxImportJob        *self);
KdxXmlImportReport *kdx_import_job_get_xml_report       (KdxImportJob        *self);
gint64              kdx_import_job_get_run_id           (KdxImportJob        *self);

G_END_DECLS
