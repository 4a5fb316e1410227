/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-kol.h"

G_BEGIN_DECLS

/* One change of a bulk edit: a field, what to do with it (set, clear;
 * add, remove or replace tags) and the value, typed in the field's own
 * editor row (the file's: a combo for an enum, a date picker for a date).
 * The value lives in a scratch KdxKol the editor row writes into. Emits
 * "changed" when the field, the operation or the value changes. */

#define KDX_TYPE_BULK_CHANGE (kdx_bulk_change_get_type ())
G_DECLARE_FINAL_TYPE (KdxBulkChange, kdx_bulk_change, KDX, BULK_CHANGE, AdwPreferencesGroup)

typedef enum
{
  KDX_BULK_OP_SET,
  KDX_BULK_OP_CLEAR,
  KDX_BULK_OP_ADD_TAGS,
  KDX_BULK_OP_REMOVE_TAGS,
} KdxBulkOp;

const char *const *kdx_bulk_change_fields     (void);

GtkWidget      *kdx_bulk_change_new           (void);
const KdxField *kdx_bulk_change_get_field     (KdxBulkChange *self);
void            kdx_bulk_change_set_field     (KdxBulkChange *self,
                                               const char    *name);
KdxBulkOp       kdx_bulk_change_get_op        (KdxBulkChange *self);
gboolean        kdx_bulk_change_is_valid      (KdxBulkChange *self);
gboolean        kdx_bulk_change_apply         (KdxBulkChange *self,
                                               KdxKol        *kol);
char           *kdx_bulk_change_describe_value (const KdxField *field,
                                                KdxKol         *kol);

G_END_DECLS
