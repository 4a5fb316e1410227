/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KDX_TYPE_PREFERENCES_WINDOW (kdx_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (KdxPreferencesWindow, kdx_preferences_window, KDX, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *kdx_preferences_window_new (GtkWindow *parent);

G_END_DECLS
