/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kdx-due-reason.h"
#include "kdx-enums.h"
#include "kdx-stage.h"

G_BEGIN_DECLS

/* One row of Today: a KOL (or a festival) and why it is there. Read-only
 * properties, all set at construction by kdx_due_list():
 *
 *   id            the KOL's id; 0 for a festival
 *   display-name  the KOL's name; for a festival, the festival's name
 *   reason        KdxDueReason (an int property; kdx_due_item_get_reason_id
 *                 gives the string id)
 *   date          YYYY-MM-DD: the follow-up date (overdue, today), the last
 *                 contact's day (losing touch, growing quiet; the day the KOL
 *                 entered its stage when never contacted), the re-approach
 *                 date, or the next occurrence of the important date or
 *                 festival; all local days
 *   days          days past @date for past dates (positive), days until
 *                 @date for coming dates, 0 for today
 *   label         the important date's label ("Birthday", "Cooperation
 *                 anniversary" or the operator's own) or the festival's
 *                 name; NULL for the other reasons
 *   festival      the festival's string id (kdx-festival.h); NULL otherwise
 *   stage, tier   the KOL's (KdxStage, KdxTier); a festival has
 *                 KDX_STAGE_CANDIDATE and KDX_TIER_UNRATED
 *   owner         the KOL's owner, may be NULL; NULL for a festival
 *
 * A festival is one item whose kol_ids are the KOLs to greet: those in an
 * active stage (onboarding, growing, mature, declining) and a greeted tier
 * (and of the owner, when the list was asked for one owner). */

#define KDX_TYPE_DUE_ITEM (kdx_due_item_get_type ())
G_DECLARE_FINAL_TYPE (KdxDueItem, kdx_due_item, KDX, DUE_ITEM, GObject)

gint64        kdx_due_item_get_id           (KdxDueItem *self);
const char   *kdx_due_item_get_display_name (KdxDueItem *self);
KdxDueReason  kdx_due_item_get_reason       (KdxDueItem *self);
const char   *kdx_due_item_get_reason_id    (KdxDueItem *self);
const char   *kdx_due_item_get_date         (KdxDueItem *self);
int           kdx_due_item_get_days         (KdxDueItem *self);
const char   *kdx_due_item_get_label        (KdxDueItem *self);
const char   *kdx_due_item_get_festival     (KdxDueItem *self);
KdxStage      kdx_due_item_get_stage        (KdxDueItem *self);
KdxTier       kdx_due_item_get_tier         (KdxDueItem *self);
const char   *kdx_due_item_get_owner        (KdxDueItem *self);
/* (element-type gint64): the KOLs to greet on a festival, in id order;
 * an empty array for every other item. */
GArray       *kdx_due_item_get_kol_ids      (KdxDueItem *self);

G_END_DECLS
