/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kdx-enums.h"
#include "kdx-store.h"

G_BEGIN_DECLS

/* Where every import puts its KOLs, one at a time: the one duplicate and
 * undo policy that the spreadsheet and the XML importers share. */

/* What became of one KOL taken in. */
typedef enum
{
  KDX_IMPORT_ACTION_CREATED,   /* added as a new file */
  KDX_IMPORT_ACTION_UPDATED,   /* the stored file with its uid, rewritten */
  KDX_IMPORT_ACTION_UNCHANGED, /* the stored file with its uid, already the same */
  KDX_IMPORT_ACTION_MERGED,    /* the same person as a stored file: filled its empty fields */
  KDX_IMPORT_ACTION_SKIPPED,   /* the same person as a stored file: left it alone */
} KdxImportAction;

#define KDX_IMPORT_N_ACTIONS (KDX_IMPORT_ACTION_SKIPPED + 1)

#define KDX_TYPE_IMPORT_SINK (kdx_import_sink_get_type ())
G_DECLARE_FINAL_TYPE (KdxImportSink, kdx_import_sink, KDX, IMPORT_SINK, GObject)

KdxImportSink *kdx_import_sink_new                 (KdxStore            *store,
                                                    KdxDuplicatePolicy   policy);
void           kdx_import_sink_set_contact_omitted (KdxImportSink       *self,
                                                    gboolean             omitted);
gboolean       kdx_import_sink_begin               (KdxImportSink       *self,
                                                    const char          *file,
                                                    GError             **error);
gboolean       kdx_import_sink_take                (KdxImportSink       *self,
                                                    KdxKol              *kol,
                                                    KdxImportAction     *action,
                                                    gint64              *kol_id,
                                                    GError             **error);
void           kdx_import_sink_reject              (KdxImportSink       *self);
void           kdx_import_sink_set_row             (KdxImportSink       *self,
                                                    guint                row);
const KdxStoreRefusal *kdx_import_sink_get_refusal (KdxImportSink       *self);
guint          kdx_import_sink_get_count           (KdxImportSink       *self,
                                                    KdxImportAction      action);
gint64         kdx_import_sink_commit              (KdxImportSink       *self,
                                                    GError             **error);
void           kdx_import_sink_rollback            (KdxImportSink       *self);
gboolean       kdx_import_sink_rehearse            (KdxImportSink       *self,
                                                    GError             **error);

G_END_DECLS
