/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kdx-due-settings.h"

G_BEGIN_DECLS

/* The operator's Preferences (the app's GSettings) as the core's rules of
 * what is due. What Preferences do not offer keeps the core's default. */
KdxDueSettings *kdx_due_settings_new_from_gsettings (GSettings *settings);

/* The key of a tier's contact interval, in days ("contact-every-head"). */
const char     *kdx_due_preferences_interval_key    (KdxTier    tier);

G_END_DECLS
