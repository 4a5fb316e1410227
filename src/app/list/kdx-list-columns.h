/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kdx-field.h"

G_BEGIN_DECLS

/* A column of the list for any column of kdx-kol-columns.h that has no
 * cell of its own in kdx-list-view.ui: one ellipsised line of the value
 * as a person reads it (an enum's label, a count, a date), kept up to
 * date as the KOL changes. A right click on the cell calls @menu_pressed
 * (the list's row menu). */

typedef void (*KdxCellMenuFunc) (GtkListItem *item,
                                 int          n_press,
                                 double       x,
                                 double       y,
                                 GtkGesture  *gesture);

GtkColumnViewColumn *kdx_list_column_new  (const KdxField  *column,
                                           KdxCellMenuFunc  menu_pressed);
/* The text of @column for @kol, as the cell shows it. */
char                *kdx_list_column_text (const KdxField  *column,
                                           GObject         *kol);

G_END_DECLS
