/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The list's column chooser: every column of kdx-kol-columns.h (each
 * scalar field of the file, tags, last contact, days in stage, channels)
 * with a check box, shown ones first in their order, each movable up and
 * down. "changed" when a box or the order changes; the name column always
 * shows. */

#define KDX_TYPE_COLUMN_CHOOSER (kdx_column_chooser_get_type ())
G_DECLARE_FINAL_TYPE (KdxColumnChooser, kdx_column_chooser, KDX, COLUMN_CHOOSER, GtkPopover)

GtkWidget  *kdx_column_chooser_new         (void);
void        kdx_column_chooser_set_columns (KdxColumnChooser  *self,
                                            const char *const *columns);
/* (transfer full) the shown columns, in order */
char      **kdx_column_chooser_get_columns (KdxColumnChooser  *self);
/* Shows or hides @name as its check box does. */
void        kdx_column_chooser_set_shown   (KdxColumnChooser  *self,
                                            const char        *name,
                                            gboolean           shown);

G_END_DECLS
