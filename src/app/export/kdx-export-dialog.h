/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-export-job.h"

G_BEGIN_DECLS

/* Export…: which KOLs (all, what the list shows, the selection), the
 * format (a workbook first, Koldex XML one click away) and whether to
 * leave contact data out. Its "export" response says the choice is made;
 * the getters tell what was chosen. */

#define KDX_TYPE_EXPORT_DIALOG (kdx_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KdxExportDialog, kdx_export_dialog, KDX, EXPORT_DIALOG, AdwMessageDialog)

KdxExportDialog *kdx_export_dialog_new            (GtkWindow       *parent,
                                                   gint64           n_all,
                                                   GArray          *shown_ids,
                                                   GArray          *selected_ids);
GArray          *kdx_export_dialog_get_ids        (KdxExportDialog *self);
KdxExportFormat  kdx_export_dialog_get_format     (KdxExportDialog *self);
const char      *kdx_export_dialog_get_extension  (KdxExportDialog *self);
gboolean         kdx_export_dialog_get_no_contact (KdxExportDialog *self);

G_END_DECLS
