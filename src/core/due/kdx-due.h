/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kdx-due-item.h"
#include "kdx-due-reason.h"
#include "kdx-due-settings.h"
#include "kdx-types.h"

G_BEGIN_DECLS

/* What is due on @today (issue 10, items 2 and 3): the rows of Today.
 *
 * The rules, with @today injected (the rules never read the clock):
 * - follow_up_today / overdue_follow_up: next_follow_up is @today / before.
 * - losing_touch: the KOL's last contact (the newest timeline event that is
 *   not a note, kdx_kol_get_last_contact()) is older than its interval
 *   (kdx_due_settings_get_interval()), i.e. due on last contact + interval.
 *   A KOL never contacted counts from the day it entered its current stage.
 *   Candidates have no cadence yet: nobody has been in touch to lose it
 *   (an imported list of candidates would otherwise flood Today); they come
 *   up through their follow-ups.
 * - growing_quiet: stage growing and no contact for growing_quiet_days
 *   (counted as above).
 * - reapproach: Departed and Declined KOLs are never due for the reasons
 *   above; they are due on and after their reapproach_on date.
 * A KOL appears once among these five, under the first reason that holds
 * (an overdue follow-up is not also listed as losing touch).
 * - important_date: a yearly (Gregorian or Chinese lunar) or one-off
 *   important date, the birthday field (unless an important date already
 *   falls on the same day) and the cooperation anniversary (a year and more
 *   after the first move to Onboarding) that occur from @today to @today +
 *   days_ahead. Departed and Declined KOLs get none of these.
 * - festival: a greeted festival from festival_lead_days ahead to the day
 *   itself, one item with the KOLs to greet (kdx-due-item.h); a festival with
 *   no KOL to greet is left out.
 *
 * Order: by reason in the order of KdxDueReason; within a reason the most
 * urgent first: the most overdue (largest days) for past dates, the
 * soonest for coming dates; ties by name, then id.
 *
 * @owner (nullable) keeps only that operator's KOLs. The store preselects
 * in SQL (kdx_store_query_due()), so 100,000 KOLs take a fraction of a second.
 *
 * Returns: (transfer full) (element-type KdxDueItem): the items, or NULL
 * with @error set. */
GPtrArray *kdx_due_list (KdxStore             *store,
                         const KdxDueSettings *settings,
                         const GDate          *today,
                         const char           *owner,
                         GError              **error);

G_END_DECLS
