/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-kol.h"

G_BEGIN_DECLS

/* A save refused because another operator changed the same fields of the
 * file meanwhile (issue 14, item 3): each field with their value (as the
 * database holds it, and when it was saved) and the operator's, and a
 * choice per field. "save" once every field has its choice; "cancel"
 * keeps the operator's values in the editor, unsaved. Nothing is chosen
 * for the operator. */

#define KDX_TYPE_CONFLICT_DIALOG (kdx_conflict_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KdxConflictDialog, kdx_conflict_dialog, KDX, CONFLICT_DIALOG, AdwMessageDialog)

KdxConflictDialog *kdx_conflict_dialog_new        (GtkWindow          *parent,
                                                   KdxKol             *mine,
                                                   KdxKol             *theirs,
                                                   const char * const *fields);
GStrv              kdx_conflict_dialog_get_fields (KdxConflictDialog  *self);
GStrv              kdx_conflict_dialog_get_theirs (KdxConflictDialog  *self);

G_END_DECLS
