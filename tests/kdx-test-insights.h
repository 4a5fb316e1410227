/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "kdx-insights.h"

G_BEGIN_DECLS

/* Two refreshes of the same data, number for number: every chart's bars
 * (keys, labels, counts, values), the stuck KOLs, outreach and churn.
 * @exact: doubles equal to the bit; otherwise sums may differ in their
 * last bits, as amounts added in another order do. */
void kdx_test_assert_same_insights (KdxInsights *a,
                                    KdxInsights *b,
                                    gboolean     exact);

G_END_DECLS
