/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kdx-enums.h"

G_BEGIN_DECLS

/* Which KOLs Insights counts (issue 11, item 1): an owner, a tier, a
 * category, a source; each unset field lets every KOL through. Every
 * number and every drill-down list applies the same filter. */

typedef struct _KdxInsightsFilter KdxInsightsFilter;

struct _KdxInsightsFilter
{
  char *owner;    /* exact owner; NULL = any */
  int   tier;     /* a KdxTier; -1 = any */
  char *category; /* exact category; NULL = any */
  int   source;   /* a KdxSource; -1 = any */
};

#define KDX_TYPE_INSIGHTS_FILTER (kdx_insights_filter_get_type ())

GType              kdx_insights_filter_get_type (void) G_GNUC_CONST;
/* A filter that lets every KOL through. */
KdxInsightsFilter *kdx_insights_filter_new      (void);
KdxInsightsFilter *kdx_insights_filter_copy     (const KdxInsightsFilter *self);
void               kdx_insights_filter_free     (KdxInsightsFilter       *self);
gboolean           kdx_insights_filter_equal    (const KdxInsightsFilter *self,
                                                 const KdxInsightsFilter *other);
void               kdx_insights_filter_set_owner    (KdxInsightsFilter *self,
                                                     const char        *owner);
void               kdx_insights_filter_set_category (KdxInsightsFilter *self,
                                                     const char        *category);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdxInsightsFilter, kdx_insights_filter_free)

G_END_DECLS
