/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-store.h"

G_BEGIN_DECLS

/* "Edit N KOLs…": one or more changes (a field, an operation, a value),
 * a preview of what each KOL's file would become, then Apply: one
 * transaction through kdx_store_edit_kols(); in a KdxWindow a toast
 * offers one Undo that puts every file back. */

#define KDX_TYPE_BULK_EDIT_DIALOG (kdx_bulk_edit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KdxBulkEditDialog, kdx_bulk_edit_dialog, KDX, BULK_EDIT_DIALOG, AdwWindow)

/**
 * kdx_bulk_edit_dialog_present:
 * @parent: the window editing; when it is a KdxWindow, its open file's
 *   pending edits are saved first and its toast offers Undo
 * @ids: (element-type gint64): the KOLs to edit (the dialog copies them)
 */
KdxBulkEditDialog *kdx_bulk_edit_dialog_present (GtkWindow *parent,
                                                 KdxStore  *store,
                                                 GArray    *ids);

G_END_DECLS
