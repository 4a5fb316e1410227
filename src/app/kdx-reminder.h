/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kdx-store.h"

G_BEGIN_DECLS

/* Reminders (issue 10, item 5): a notification of what is due, when
 * Koldex starts and at the first check of each later day; its action is
 * `app.show-today`. With the preference "run-in-background" on, it holds
 * the application so Koldex stays alive without a window and keeps
 * checking. */

#define KDX_TYPE_REMINDER (kdx_reminder_get_type ())
G_DECLARE_FINAL_TYPE (KdxReminder, kdx_reminder, KDX, REMINDER, GObject)

KdxReminder *kdx_reminder_new              (GApplication *application,
                                            KdxStore     *store);
/* Checks now: notifies when the day changed since the last check (or on
 * the first) and something is due. Returns the notification's text, or
 * NULL when nothing was sent. */
char        *kdx_reminder_check            (KdxReminder  *self);
void         kdx_reminder_check_when_ready (KdxReminder  *self);
/* Lets go of the application (Quit means quit, background or not). */
void         kdx_reminder_release          (KdxReminder  *self);

/* "3 follow-ups due; 2 important dates coming up", or NULL for nothing. */
char        *kdx_reminder_summarize        (GPtrArray    *items);

G_END_DECLS
