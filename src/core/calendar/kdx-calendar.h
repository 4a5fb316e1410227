/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "kdx-enums.h"

G_BEGIN_DECLS

/* KdxCalendar (kdx-enums.h, with the other enums of the field table) is
 * the calendar an important date follows (FIELDS.md, `important_dates`,
 * field `calendar`): its string id is the value stored and exported. */

const char *kdx_calendar_to_string   (KdxCalendar  calendar);
gboolean    kdx_calendar_from_string (const char  *text,
                                      KdxCalendar *calendar);

GDate       kdx_date_next_occurrence (const char  *date,
                                      gboolean     yearly,
                                      KdxCalendar  calendar,
                                      const GDate *on_or_after);

G_END_DECLS
