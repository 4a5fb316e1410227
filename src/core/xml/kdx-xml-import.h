/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kdx-enums.h"
#include "../export/kdx-export.h"
#include "kdx-types.h"

G_BEGIN_DECLS

/* One problem found in a file: where, and the whole message
 * ("kols.xml:12:7: followers: “12x” is not a count …"). */
typedef struct
{
  guint  line;
  guint  column;
  char  *message;
} KdxXmlIssue;

/* What an import did, KOL by KOL. */
typedef struct
{
  guint      created;   /* new files (no stored KOL with their uid) */
  guint      updated;   /* stored files with the same uid, rewritten */
  guint      unchanged; /* stored files with the same uid and the same content */
  guint      merged;    /* the same person under another uid, merged (KDX_DUPLICATE_MERGE) */
  guint      skipped;   /* the same person under another uid, left alone (KDX_DUPLICATE_SKIP) */
  GPtrArray *issues;    /* of KdxXmlIssue; any issue means nothing was imported */
  gint64     run_id;    /* the import's entry in the import history, to undo it */
} KdxXmlImportReport;

void     kdx_xml_import_report_free (KdxXmlImportReport  *report);

gboolean kdx_xml_import_file        (KdxStore            *store,
                                     const char          *path,
                                     KdxDuplicatePolicy   policy,
                                     GCancellable        *cancellable,
                                     KdxProgressFunc      progress,
                                     gpointer             user_data,
                                     KdxXmlImportReport **report,
                                     GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdxXmlImportReport, kdx_xml_import_report_free)

G_END_DECLS
