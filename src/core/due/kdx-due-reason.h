/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Why something is in Today. The order is the order of Today's sections
 * and of kdx_due_list(); the string ids are stable (`koldex-cli due
 * --json` prints them). */
typedef enum
{
  KDX_DUE_OVERDUE_FOLLOW_UP, /* "overdue_follow_up": next_follow_up before today */
  KDX_DUE_FOLLOW_UP_TODAY,   /* "follow_up_today":   next_follow_up is today */
  KDX_DUE_LOSING_TOUCH,      /* "losing_touch":      last contact older than the interval */
  KDX_DUE_GROWING_QUIET,     /* "growing_quiet":     growing, no contact in growing_quiet_days */
  KDX_DUE_REAPPROACH,        /* "reapproach":        Departed/Declined, reapproach_on reached */
  KDX_DUE_IMPORTANT_DATE,    /* "important_date":    a date, birthday or anniversary coming */
  KDX_DUE_FESTIVAL,          /* "festival":          a greeted festival coming */
} KdxDueReason;

#define KDX_N_DUE_REASONS (KDX_DUE_FESTIVAL + 1)

const char *kdx_due_reason_to_string   (KdxDueReason  reason);
gboolean    kdx_due_reason_from_string (const char   *text,
                                        KdxDueReason *reason);
/* The section's title, translated: "Overdue follow-ups", 逾期跟进. */
const char *kdx_due_reason_get_label   (KdxDueReason  reason);

G_END_DECLS
