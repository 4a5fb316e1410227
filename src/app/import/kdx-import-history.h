/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-store.h"

G_BEGIN_DECLS

/* Every spreadsheet import, newest first, each with Undo while it stands. */

#define KDX_TYPE_IMPORT_HISTORY (kdx_import_history_get_type ())
G_DECLARE_FINAL_TYPE (KdxImportHistory, kdx_import_history, KDX, IMPORT_HISTORY, AdwWindow)

GtkWidget *kdx_import_history_new (GtkWindow *parent,
                                   KdxStore  *store);

G_END_DECLS
