/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kdx-enums.h"
#include "kdx-store.h"

G_BEGIN_DECLS

/* One contact with one or many KOLs, as the operator logs it (the Log
 * Contact dialog, `koldex-cli log`): a timeline event for each KOL and,
 * when asked, their next follow-up. */

typedef enum
{
  KDX_FOLLOW_UP_KEEP,  /* leave each KOL's next follow-up as it is */
  KDX_FOLLOW_UP_CLEAR, /* no next follow-up */
  KDX_FOLLOW_UP_SET,   /* next_follow_up = the log's date */
} KdxFollowUpChange;

typedef struct
{
  KdxEventKind      kind;
  char             *channel;        /* FIELDS.md enum+text, or NULL */
  KdxOutcome        outcome;        /* outreach only */
  char             *amount;         /* decimal, payments and gifts only, or NULL */
  char             *note;           /* the event's summary, or NULL */
  char             *at;             /* ISO 8601 UTC, or NULL for now */
  KdxFollowUpChange follow_up;
  char             *next_follow_up; /* YYYY-MM-DD, with KDX_FOLLOW_UP_SET */
} KdxContactLog;

KdxContactLog *kdx_contact_log_new   (KdxEventKind         kind);
void           kdx_contact_log_free  (KdxContactLog       *log);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdxContactLog, kdx_contact_log_free)

gboolean       kdx_contact_log_check (const KdxContactLog *log,
                                      GError             **error);
gboolean       kdx_contact_log_apply (KdxStore            *store,
                                      GArray              *ids,
                                      const KdxContactLog *log,
                                      GPtrArray          **before_out,
                                      GError             **error);

char          *kdx_contact_log_date_in (const GDate       *today,
                                        guint              days);
char          *kdx_contact_log_parse_next (const char      *text,
                                           const GDate     *today);

G_END_DECLS
