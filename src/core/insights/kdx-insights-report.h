/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kdx-insights.h"
#include "kdx-page-flow.h"

G_BEGIN_DECLS

/* "Save Report" (issue 11, item 3): Insights as a PDF (A4 landscape,
 * every chart with its table, laid out with KdxPageFlow) or as an XLSX
 * workbook (one sheet per table). A report that lists KOL names (the
 * stuck KOLs) is written 0600. The file is written whole or not at all. */

typedef enum
{
  KDX_INSIGHTS_REPORT_PDF,
  KDX_INSIGHTS_REPORT_XLSX,
} KdxInsightsReportFormat;

/* The format from @path's extension (.pdf, .xlsx); FALSE with @error
 * naming the file when it is neither. */
gboolean kdx_insights_report_format_for_path (const char              *path,
                                              KdxInsightsReportFormat *format,
                                              GError                 **error);
gboolean kdx_insights_report_write           (KdxInsights             *insights,
                                              KdxInsightsReportFormat  format,
                                              const char              *path,
                                              GError                 **error);

/* The PDF's pages laid out with @context on pages of @width x @height
 * points, for the print dialog (GtkPrintOperation) to draw the same pages
 * with kdx_page_flow_draw_page(). */
KdxPageFlow *kdx_insights_report_lay_out     (KdxInsights             *insights,
                                              PangoContext            *context,
                                              double                   width,
                                              double                   height);

G_END_DECLS
