/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Makes the cell closures of kdx-list-view.ui (initials_text,
 * avatar_paintable, platform_text, followers_text, tier_text,
 * stage_text, follow_up_classes) known to @widget_class's template. */
void kdx_list_cells_bind_closures (GtkWidgetClass *widget_class);

G_END_DECLS
