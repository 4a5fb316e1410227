/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kdx-types.h"

G_BEGIN_DECLS

/* What an import did: how many rows it read and what became of them, and
 * every problem with its row, column, value and reason. */

typedef enum
{
  KDX_IMPORT_CREATED,  /* a new KOL file */
  KDX_IMPORT_MERGED,   /* filled the empty fields of a stored KOL */
  KDX_IMPORT_SKIPPED,  /* a duplicate, left as it was */
  KDX_IMPORT_REJECTED, /* not imported; see the problems */
} KdxImportOutcome;

/* A problem costs a cell (the row was imported without that value) or,
 * when @outcome is KDX_IMPORT_REJECTED, the whole row. */
typedef struct
{
  guint             row;     /* as the spreadsheet numbers it, from 1 */
  char             *column;  /* the header, or "" for the whole row */
  char             *value;
  char             *reason;
  KdxImportOutcome  outcome; /* what became of the row */
} KdxImportProblem;

#define KDX_TYPE_IMPORT_REPORT (kdx_import_report_get_type ())
G_DECLARE_FINAL_TYPE (KdxImportReport, kdx_import_report, KDX, IMPORT_REPORT, GObject)

KdxImportReport        *kdx_import_report_new           (void);
void                    kdx_import_report_set_source    (KdxImportReport  *self,
                                                         const char       *file,
                                                         const char       *format,
                                                         const char       *encoding,
                                                         char              delimiter,
                                                         const char       *sheet);
void                    kdx_import_report_set_dry_run   (KdxImportReport  *self,
                                                         gboolean          dry_run);
gboolean                kdx_import_report_get_dry_run   (KdxImportReport  *self);
void                    kdx_import_report_add_row       (KdxImportReport  *self,
                                                         guint             row,
                                                         KdxImportOutcome  outcome,
                                                         gint64            kol_id);
void                    kdx_import_report_add_problem   (KdxImportReport  *self,
                                                         guint             row,
                                                         const char       *column,
                                                         const char       *value,
                                                         const char       *reason);
guint                   kdx_import_report_get_rows_read (KdxImportReport  *self);
guint                   kdx_import_report_get_count     (KdxImportReport  *self,
                                                         KdxImportOutcome  outcome);
GArray                 *kdx_import_report_get_kol_ids   (KdxImportReport  *self,
                                                         KdxImportOutcome  outcome);
guint                   kdx_import_report_get_n_problems (KdxImportReport *self);
guint                   kdx_import_report_get_n_warned  (KdxImportReport  *self);
const KdxImportProblem *kdx_import_report_get_problem   (KdxImportReport  *self,
                                                         guint             index);
void                    kdx_import_report_write_json    (KdxImportReport  *self,
                                                         KdxJsonWriter    *writer);

void                    kdx_import_report_set_run_id    (KdxImportReport  *self,
                                                         gint64            run_id);
gint64                  kdx_import_report_get_run_id    (KdxImportReport  *self);

G_END_DECLS
