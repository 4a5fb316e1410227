/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-bulk-edit.h"

G_BEGIN_DECLS

/* One change of "Edit N KOLs…": a field, what to do with it (set, clear;
 * add or remove tags) and the value, typed in the field's own editor row
 * (the file's: a combo for an enum, a date picker for a date). The value
 * lives in a scratch KdxKol the editor row writes into, and goes into the
 * core's KdxBulkEdit as the field's text. Emits "changed" when the field,
 * the operation or the value changes, "remove" for its Remove button. */

#define KDX_TYPE_BULK_CHANGE_GROUP (kdx_bulk_change_group_get_type ())
G_DECLARE_FINAL_TYPE (KdxBulkChangeGroup, kdx_bulk_change_group, KDX, BULK_CHANGE_GROUP, AdwPreferencesGroup)

GtkWidget      *kdx_bulk_change_group_new       (void);
const KdxField *kdx_bulk_change_group_get_field (KdxBulkChangeGroup *self);
void            kdx_bulk_change_group_set_field (KdxBulkChangeGroup *self,
                                                 const char         *name);
/* The position of @name in the Field row's list, or -1. */
int             kdx_bulk_change_group_field_position (const char    *name);
KdxBulkOp       kdx_bulk_change_group_get_op    (KdxBulkChangeGroup *self);
/* Adds the change to @edit; the error names the field and says why the
 * value does not do (not valid, or no tags to add or remove). */
gboolean        kdx_bulk_change_group_add_to    (KdxBulkChangeGroup *self,
                                                 KdxBulkEdit        *edit,
                                                 GError            **error);

/* A field's canonical text (kdx_field_to_string()) as a person reads it:
 * an enum's label, Yes or No, "—" for none. */
char           *kdx_bulk_describe_value         (const KdxField     *field,
                                                 const char         *text);

G_END_DECLS
