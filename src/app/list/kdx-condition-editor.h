/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kdx-condition.h"

G_BEGIN_DECLS

/* "Add condition" of the filter popover: a column (any field of the file,
 * last contact, days in stage, channels), an operator valid for its type
 * (kdx_condition_ops_for()) and a value in a typed editor (the file's own
 * row for a field of the file: a combo for an enum, a date picker for a
 * date; a number of days for "within"). Its Add button emits "add" with
 * the checked condition; a value that does not do is said under it. */

#define KDX_TYPE_CONDITION_EDITOR (kdx_condition_editor_get_type ())
G_DECLARE_FINAL_TYPE (KdxConditionEditor, kdx_condition_editor, KDX, CONDITION_EDITOR, GtkBox)

GtkWidget *kdx_condition_editor_new       (void);
/* Chooses the column and the operator as their drop-downs would. */
void       kdx_condition_editor_set_field (KdxConditionEditor *self,
                                           const char         *name);
void       kdx_condition_editor_set_op    (KdxConditionEditor *self,
                                           KdxConditionOp      op);
/* The condition the editor holds now, or NULL with the error. */
KdxCondition *kdx_condition_editor_build  (KdxConditionEditor *self,
                                           GError            **error);

G_END_DECLS
