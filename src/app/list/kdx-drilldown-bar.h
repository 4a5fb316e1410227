/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kdx-kol-query.h"

G_BEGIN_DECLS

/* The bar above the list when it shows a set of KOLs picked elsewhere
 * (a bar of an Insights chart): "Showing 12 KOLs from Insights:
 * Negotiating", and a button that shows every KOL again. It holds the
 * ids; the list view reads them into its query. */

#define KDX_TYPE_DRILLDOWN_BAR (kdx_drilldown_bar_get_type ())
G_DECLARE_FINAL_TYPE (KdxDrilldownBar, kdx_drilldown_bar, KDX, DRILLDOWN_BAR, GtkWidget)

GtkWidget    *kdx_drilldown_bar_new       (void);
/* Shows @ids (element-type gint64; copied) under @title; NULL ids hides
 * the bar. Emits "changed". */
void          kdx_drilldown_bar_set_ids   (KdxDrilldownBar *self,
                                           const char      *title,
                                           GArray          *ids);
/* (nullable) (transfer none): the ids shown, or NULL when the bar is off. */
GArray       *kdx_drilldown_bar_get_ids   (KdxDrilldownBar *self);
/* Narrows @query to the KOLs picked, within any ids it already has. */
void          kdx_drilldown_bar_restrict  (KdxDrilldownBar *self,
                                           KdxKolQuery     *query);
const char   *kdx_drilldown_bar_get_title (KdxDrilldownBar *self);
void          kdx_drilldown_bar_clear     (KdxDrilldownBar *self);

G_END_DECLS
