/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-import-report.h"

G_BEGIN_DECLS

/* The import assistant's last page: what an import did (or why it did
 * not), the problems row by row, and Copy / Save as CSV for them. */

#define KDX_TYPE_IMPORT_REPORT_VIEW (kdx_import_report_view_get_type ())
G_DECLARE_FINAL_TYPE (KdxImportReportView, kdx_import_report_view, KDX, IMPORT_REPORT_VIEW, GtkBox)

void  kdx_import_report_view_show_report  (KdxImportReportView    *self,
                                           KdxImportReport        *report);
void  kdx_import_report_view_show_failure (KdxImportReportView    *self,
                                           const char             *title,
                                           const char             *summary,
                                           const char             *text);
char *kdx_import_report_view_get_text     (KdxImportReportView    *self);

/* One problem as a person reads it ("Row 3, column 粉丝数: …"). */
char *kdx_import_problem_text             (const KdxImportProblem *problem);

G_END_DECLS
