/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kdx-insights.h"

G_BEGIN_DECLS

/* Insights on paper and in files, for the view's buttons: "Save Report…"
 * asks where (a PDF or an Excel workbook, by the chosen type or the
 * name's extension) and writes it with the core's report writers in a
 * worker; "Print" runs the print dialog. What came of it is said in a
 * toast of @widget's window. */

void kdx_insights_save_report  (GtkWidget   *widget,
                                KdxInsights *insights);
void kdx_insights_print_report (GtkWidget   *widget,
                                KdxInsights *insights);

G_END_DECLS
