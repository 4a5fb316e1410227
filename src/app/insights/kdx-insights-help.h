/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* "What the Numbers Mean": how Insights counts, section by section (the
 * text of docs/insights.md, translated), in a window over @widget's. */
void kdx_insights_help_present (GtkWidget *widget);

G_END_DECLS
