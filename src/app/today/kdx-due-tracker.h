/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kdx-due.h"
#include "kdx-store.h"

G_BEGIN_DECLS

/* What is due today in one store, for every view that shows it: Today's
 * rows, the list's "Due" filter, the board cards' badge. One
 * kdx_due_list() per change, however many views ask: the tracker follows
 * the store's "changed" and Preferences, computes the new answer in a
 * worker on a sibling connection (the views keep the last one meanwhile),
 * and says "changed" when it has it. The first answer comes from a worker
 * too when asked for with kdx_due_tracker_request() (the window does after
 * its first frame: at 100,000 KOLs a due list takes about a second); a
 * getter asked before then computes it at once. */

#define KDX_TYPE_DUE_TRACKER (kdx_due_tracker_get_type ())
G_DECLARE_FINAL_TYPE (KdxDueTracker, kdx_due_tracker, KDX, DUE_TRACKER, GObject)

/* The store's tracker, made on first use and kept with the store. */
KdxDueTracker        *kdx_due_tracker_for_store    (KdxStore      *store);

/* Whether an answer is there, so that the getters below do not compute. */
gboolean              kdx_due_tracker_has_answer   (KdxDueTracker *self);
/* Starts the first answer in a worker, unless there is one or one is on
 * its way; "changed" says when it is there. */
void                  kdx_due_tracker_request      (KdxDueTracker *self);

/* (element-type KdxDueItem) (transfer none): everything due, in order. */
GPtrArray            *kdx_due_tracker_get_items    (KdxDueTracker *self);
/* The same, never behind a change still being computed (for the reminder). */
GPtrArray            *kdx_due_tracker_get_fresh_items (KdxDueTracker *self);
const KdxDueSettings *kdx_due_tracker_get_settings (KdxDueTracker *self);
/* Whether KOL @id is due itself (a follow-up, cadence, re-approach; not
 * a coming date or festival), and why. */
gboolean              kdx_due_tracker_is_due       (KdxDueTracker *self,
                                                    gint64         id,
                                                    KdxDueReason  *reason);
/* (element-type gint64) (transfer full): the KOLs due themselves. */
GArray               *kdx_due_tracker_dup_due_ids  (KdxDueTracker *self);

G_END_DECLS
