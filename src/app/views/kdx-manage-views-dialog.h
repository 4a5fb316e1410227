/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-store.h"

G_BEGIN_DECLS

/* "Manage Views…": the saved views in their order, each renamed in
 * place (its name is an entry; Enter or the check applies), moved up or
 * down, or deleted (a toast offers Undo, which puts it back where it
 * was). Every change is written to the store at once. */

#define KDX_TYPE_MANAGE_VIEWS_DIALOG (kdx_manage_views_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KdxManageViewsDialog, kdx_manage_views_dialog, KDX, MANAGE_VIEWS_DIALOG, AdwWindow)

KdxManageViewsDialog *kdx_manage_views_dialog_present (GtkWindow *parent,
                                                       KdxStore  *store);

G_END_DECLS
