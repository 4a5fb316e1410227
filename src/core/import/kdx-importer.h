/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kdx-column-mapper.h"
#include "kdx-enums.h"
#include "kdx-import-report.h"
#include "kdx-store.h"

G_BEGIN_DECLS

/* Imports a candidate list into the store as one transaction: every row
 * lands, or after a cancel, a file error or a dry run, none does. Runs
 * in the calling thread; the app wraps kdx_importer_run() in a GTask. */

/* @fraction is how far through the sheet reading is, from 0 to 1. */
typedef void (*KdxImportProgressFunc) (guint    rows_done,
                                       double   fraction,
                                       gpointer user_data);

#define KDX_TYPE_IMPORTER (kdx_importer_get_type ())
G_DECLARE_FINAL_TYPE (KdxImporter, kdx_importer, KDX, IMPORTER, GObject)

KdxImporter     *kdx_importer_new                  (KdxStore              *store);
void             kdx_importer_set_sheet            (KdxImporter           *self,
                                                    const char            *sheet);
void             kdx_importer_set_encoding         (KdxImporter           *self,
                                                    const char            *encoding);
void             kdx_importer_set_delimiter        (KdxImporter           *self,
                                                    char                   delimiter);
gboolean         kdx_importer_add_mapping          (KdxImporter           *self,
                                                    const char            *header,
                                                    const char            *field,
                                                    GError               **error);
void             kdx_importer_set_duplicate_policy (KdxImporter           *self,
                                                    KdxDuplicatePolicy     policy);
void             kdx_importer_set_unmapped_policy  (KdxImporter           *self,
                                                    KdxUnmappedPolicy      policy);
void             kdx_importer_set_dry_run          (KdxImporter           *self,
                                                    gboolean               dry_run);
void             kdx_importer_set_progress_func    (KdxImporter           *self,
                                                    KdxImportProgressFunc  func,
                                                    gpointer               user_data,
                                                    GDestroyNotify         destroy);
KdxImportReport *kdx_importer_run                  (KdxImporter           *self,
                                                    const char            *path,
                                                    GCancellable          *cancellable,
                                                    GError               **error);
KdxImportReport *kdx_importer_check                (KdxImporter           *self,
                                                    const char            *path,
                                                    GCancellable          *cancellable,
                                                    GError               **error);

G_END_DECLS
