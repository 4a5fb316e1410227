/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the app's GResource once. Every widget class with a template
 * calls it in class_init, so a widget works in tests without the app. */
void kdx_app_ensure_resources (void);

G_END_DECLS
