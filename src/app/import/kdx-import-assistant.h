/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-store.h"

G_BEGIN_DECLS

/* Imports a candidate list from a spreadsheet: shows the file as Koldex
 * reads it, lets the operator choose the sheet, encoding, separator,
 * what each column is and what to do with duplicates, then imports in a
 * worker thread with progress and Cancel, and shows the report. */

#define KDX_TYPE_IMPORT_ASSISTANT (kdx_import_assistant_get_type ())
G_DECLARE_FINAL_TYPE (KdxImportAssistant, kdx_import_assistant, KDX, IMPORT_ASSISTANT, AdwWindow)

KdxImportAssistant *kdx_import_assistant_new         (GtkWindow          *parent,
                                                      KdxStore           *store,
                                                      const char         *path,
                                                      GError            **error);
void                kdx_import_assistant_run         (KdxImportAssistant *self);
const char         *kdx_import_assistant_get_page    (KdxImportAssistant *self);
char               *kdx_import_assistant_get_report  (KdxImportAssistant *self);
GtkWidget          *kdx_import_assistant_get_column_row (KdxImportAssistant *self,
                                                         const char         *header);

G_END_DECLS
