/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kdx-filter-popover.h"

G_BEGIN_DECLS

/* The filters on, as removable chips above the list ("Stage: Candidate ×",
 * "Fit score ≥ 4 ×"): a click on a chip takes that filter off. Follows
 * one KdxFilterPopover; hidden while no filter is on. */

#define KDX_TYPE_FILTER_CHIPS (kdx_filter_chips_get_type ())
G_DECLARE_FINAL_TYPE (KdxFilterChips, kdx_filter_chips, KDX, FILTER_CHIPS, GtkWidget)

GtkWidget *kdx_filter_chips_new (KdxFilterPopover *popover);

G_END_DECLS
