/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Today's date as the app sees it: the local date, or the day in the
 * environment variable KOLDEX_TODAY (YYYY-MM-DD), read once, so tests and
 * screenshots fix the day instead of following the real clock. */
GDate kdx_clock_today (void);

G_END_DECLS
