/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the Insights files of the store, and by nothing else:
 *   kdx-store-insights.c         the sections and the drill-down
 *   kdx-store-insights-bounds.c  a period and a filter bound to a query
 *   kdx-store-insights-funnel.c  the funnel, counted in one pass */

#include "kdx-insights-private.h"
#include "kdx-store-private.h"

G_BEGIN_DECLS

/* The filter of KdxInsightsFilter, on the KOL row k. (Cast: PostgreSQL
 * cannot tell a parameter's type from "IS NULL" alone.) */
#define FILTER \
  " AND (CAST (:owner AS TEXT) IS NULL OR k.owner = :owner)" \
  " AND (CAST (:tier AS TEXT) IS NULL OR k.tier = :tier)" \
  " AND (CAST (:category AS TEXT) IS NULL OR k.category = :category)" \
  " AND (CAST (:source AS TEXT) IS NULL OR k.source = :source)"

/* A UTC time inside the period (its local midnights). An open start is
 * bound as "" (before every time), not NULL, so both bounds can use an
 * index on the time. */
#define IN_PERIOD(column) \
  " AND " column " >= :from AND " column " < :to"

/* A period and a filter as the values their queries bind (:from, :to,
 * :cut, :shift, :owner, :tier, :category, :source). */
typedef struct
{
  char       *from;
  char       *to;
  char       *cut;
  char       *shift;
  const char *owner;
  const char *tier;
  const char *category;
  const char *source;
  gboolean    by_week;
} Bounds;

void      _kdx_store_insights_bounds_init     (Bounds                  *bounds,
                                               const KdxInsightsPeriod *period,
                                               const KdxInsightsFilter *filter);
void      _kdx_store_insights_bounds_clear    (Bounds                  *bounds);
gboolean  _kdx_store_insights_bounds_filtered (const Bounds            *bounds);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Bounds, _kdx_store_insights_bounds_clear)

/* @sql prepared (cached) with @bounds bound to the parameters it names,
 * and @key to :key when given. */
KdxStmt  *_kdx_store_insights_prepare         (KdxStore                *self,
                                               const char              *sql,
                                               const Bounds            *bounds,
                                               const char              *key,
                                               GError                 **error);
/* Resets @stmt after its last step @rc; FALSE with the error unless the
 * rows ended well. */
gboolean  _kdx_store_insights_finish_rows     (KdxStore                *self,
                                               KdxStmt                 *stmt,
                                               int                      rc,
                                               GError                 **error);
/* The funnel's bars: each KOL counted once at every step up to its
 * furthest one in the period, and once per side exit. */
gboolean  _kdx_store_insights_add_funnel      (KdxStore                *self,
                                               KdxInsights             *insights,
                                               const Bounds            *bounds,
                                               GError                 **error);

G_END_DECLS
