/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-due"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdx-due-reason.h"

typedef struct
{
  const char *id;
  const char *label;
} Reason;

/* In the order of KdxDueReason: Today's sections. */
static const Reason reasons[] = {
  { "overdue_follow_up", N_("Overdue follow-ups") },
  { "follow_up_today", N_("Follow-ups due today") },
  { "losing_touch", N_("Losing touch") },
  { "growing_quiet", N_("Growing KOLs gone quiet") },
  { "reapproach", N_("Time to re-approach") },
  { "important_date", N_("Important dates") },
  { "festival", N_("Festivals to greet on") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (reasons) == KDX_N_DUE_REASONS);

const char *
kdx_due_reason_to_string (KdxDueReason reason)
{
  g_return_val_if_fail ((guint) reason < KDX_N_DUE_REASONS, NULL);

  return reasons[reason].id;
}

gboolean
kdx_due_reason_from_string (const char   *text,
                            KdxDueReason *reason)
{
  for (guint i = 0; text != NULL && i < KDX_N_DUE_REASONS; i++)
    {
      if (g_str_equal (text, reasons[i].id))
        {
          *reason = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
kdx_due_reason_get_label (KdxDueReason reason)
{
  g_return_val_if_fail ((guint) reason < KDX_N_DUE_REASONS, NULL);

  return _(reasons[reason].label);
}
