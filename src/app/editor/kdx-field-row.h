/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-record.h"

G_BEGIN_DECLS

/* Makes the editing row for one field of a record: an entry, a combo, a
 * switch or a text area by the field's type. A row checks what is typed
 * with the field's own parser; a valid value goes into the record at once
 * (and the row emits nothing itself: watch the record's notify), an
 * invalid one is marked on the row with the reason and is not stored. */

GtkWidget *kdx_field_row_new       (KdxRecord      *record,
                                    const KdxField *field);
gboolean   kdx_field_row_is_valid  (GtkWidget      *row);
gboolean   kdx_field_row_peek_valid (GtkWidget     *row);
void       kdx_field_row_refresh   (GtkWidget      *row);
gboolean   kdx_field_is_multiline  (const KdxField *field);

G_END_DECLS
