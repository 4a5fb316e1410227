/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-due.h"
#include "kdx-store.h"

G_BEGIN_DECLS

/* One row of Today: a KOL (or a festival with the KOLs to greet), why it
 * is there, and its buttons: Log Contact (the window action
 * `win.log-contact-for`, with the KOL ids as "ax") and Open (`win.open-kol`,
 * "x"). The first row of a section also shows the section's title. */

#define KDX_TYPE_TODAY_ROW (kdx_today_row_get_type ())
G_DECLARE_FINAL_TYPE (KdxTodayRow, kdx_today_row, KDX, TODAY_ROW, GtkBox)

GtkWidget *kdx_today_row_new       (void);
void       kdx_today_row_set_item  (KdxTodayRow          *self,
                                    KdxStore             *store,
                                    const KdxDueSettings *settings,
                                    KdxDueItem           *item,
                                    const char           *header);

/* Why @item is in Today, in a sentence: "Follow-up was due 3 days ago". */
char      *kdx_today_row_describe  (KdxStore             *store,
                                    const KdxDueSettings *settings,
                                    KdxDueItem           *item);

G_END_DECLS
