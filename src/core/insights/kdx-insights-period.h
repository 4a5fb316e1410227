/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The stretch of time Insights looks at (issue 11, item 1): this month,
 * last month, this quarter, this year, all time, or two dates. A period
 * is always worked out from a given "today", never from the clock, so the
 * app (KOLDEX_TODAY), the CLI and the tests agree on it.
 *
 * Days are local days; both ends are included. The store compares its
 * UTC times against the local midnights that bound the period. */

typedef enum
{
  KDX_INSIGHTS_PERIOD_THIS_MONTH,
  KDX_INSIGHTS_PERIOD_LAST_MONTH,
  KDX_INSIGHTS_PERIOD_THIS_QUARTER,
  KDX_INSIGHTS_PERIOD_THIS_YEAR,
  KDX_INSIGHTS_PERIOD_ALL_TIME,
  KDX_INSIGHTS_PERIOD_RANGE, /* two dates */
} KdxInsightsPeriodKind;

typedef struct _KdxInsightsPeriod KdxInsightsPeriod;

#define KDX_TYPE_INSIGHTS_PERIOD (kdx_insights_period_get_type ())

GType              kdx_insights_period_get_type  (void) G_GNUC_CONST;

/* @kind is not KDX_INSIGHTS_PERIOD_RANGE. */
KdxInsightsPeriod *kdx_insights_period_new       (KdxInsightsPeriodKind    kind,
                                                  const GDate             *today);
/* From @from to @to, both included; either may be NULL (open: from the
 * first record, up to @today). Returns NULL with @error when @to lies
 * before @from. */
KdxInsightsPeriod *kdx_insights_period_new_range (const GDate             *from,
                                                  const GDate             *to,
                                                  const GDate             *today,
                                                  GError                 **error);
KdxInsightsPeriod *kdx_insights_period_copy      (const KdxInsightsPeriod *self);
void               kdx_insights_period_free      (KdxInsightsPeriod       *self);

KdxInsightsPeriodKind kdx_insights_period_get_kind (const KdxInsightsPeriod *self);
/* The first day, or FALSE when the period is open at the start (all time). */
gboolean           kdx_insights_period_get_from  (const KdxInsightsPeriod *self,
                                                  GDate                   *from);
/* The last day (for all time and open ranges: today). */
void               kdx_insights_period_get_to    (const KdxInsightsPeriod *self,
                                                  GDate                   *to);
void               kdx_insights_period_get_today (const KdxInsightsPeriod *self,
                                                  GDate                   *today);
/* TRUE when the outreach over time is counted by week (periods up to 92
 * days), FALSE when by month. */
gboolean           kdx_insights_period_by_week   (const KdxInsightsPeriod *self);
/* "March 2026", "2026-01-01 – 2026-03-31", "All time": translated. */
char              *kdx_insights_period_get_label (const KdxInsightsPeriod *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdxInsightsPeriod, kdx_insights_period_free)

G_END_DECLS
