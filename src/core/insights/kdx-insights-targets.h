/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The monthly intake targets the pace section is drawn against (issue
 * 11, item 1): how many new candidates and how many newly onboarded KOLs a
 * month, per category, with a default for categories not listed. The app
 * keeps them in GSettings; the CLI takes the defaults or an option. A
 * target of 0 means "no target". */

typedef struct _KdxInsightsTargets KdxInsightsTargets;

#define KDX_TYPE_INSIGHTS_TARGETS (kdx_insights_targets_get_type ())

GType               kdx_insights_targets_get_type (void) G_GNUC_CONST;
/* No targets at all. */
KdxInsightsTargets *kdx_insights_targets_new      (void);
KdxInsightsTargets *kdx_insights_targets_copy     (const KdxInsightsTargets *self);
void                kdx_insights_targets_free     (KdxInsightsTargets       *self);
/* @category NULL sets the default for every category not set on its own
 * (and for KOLs without a category). */
void                kdx_insights_targets_set      (KdxInsightsTargets       *self,
                                                   const char               *category,
                                                   guint                     candidates,
                                                   guint                     onboarded);
guint               kdx_insights_targets_get_candidates (const KdxInsightsTargets *self,
                                                         const char               *category);
guint               kdx_insights_targets_get_onboarded  (const KdxInsightsTargets *self,
                                                         const char               *category);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdxInsightsTargets, kdx_insights_targets_free)

G_END_DECLS
