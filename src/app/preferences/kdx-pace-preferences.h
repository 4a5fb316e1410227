/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-store.h"

G_BEGIN_DECLS

/* Preferences' "Pace Targets" (Insights): for every category in use
 * (from @store, when there is one) and for every other category, how many
 * new candidates and newly onboarded KOLs a month the team aims for,
 * saved as typed in the "pace-targets" key. */
void kdx_pace_preferences_fill (AdwPreferencesGroup *group,
                                GSettings           *settings,
                                KdxStore            *store);

G_END_DECLS
