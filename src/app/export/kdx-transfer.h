/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-store.h"

G_BEGIN_DECLS

/* Moving KOL files in and out of Koldex from the window: export (Koldex
 * XML, XLSX, CSV, dossiers as PDF), import (Koldex XML) and printing.
 * Long work is a core job (KdxImportJob, KdxExportJob) with progress and
 * Cancel on a toast, known to the job registry; nothing here blocks the
 * window. */

typedef enum
{
  KDX_TRANSFER_XML,
  KDX_TRANSFER_XLSX,
  KDX_TRANSFER_CSV,
  KDX_TRANSFER_PDF,
} KdxTransferFormat;

void     kdx_transfer_show_export_dialog (GtkWindow          *parent,
                                          KdxStore           *store,
                                          GArray             *shown_ids,
                                          GArray             *selected_ids,
                                          AdwToastOverlay    *toasts);
void     kdx_transfer_import_file        (GtkWindow          *parent,
                                          KdxStore           *store,
                                          const char         *path,
                                          AdwToastOverlay    *toasts);
void     kdx_transfer_choose_import      (GtkWindow          *parent,
                                          KdxStore           *store,
                                          AdwToastOverlay    *toasts);
void     kdx_transfer_print              (GtkWindow          *parent,
                                          KdxStore           *store,
                                          GArray             *ids,
                                          AdwToastOverlay    *toasts);

/* The same work without dialogs: what the dialogs run, and what tests call. */
void     kdx_transfer_export_async       (KdxStore           *store,
                                          GArray             *ids,
                                          KdxTransferFormat   format,
                                          gboolean            no_contact,
                                          const char         *path,
                                          AdwToastOverlay    *toasts,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
void     kdx_transfer_import_async       (KdxStore           *store,
                                          const char         *path,
                                          AdwToastOverlay    *toasts,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
gboolean kdx_transfer_finish             (GAsyncResult       *result,
                                          GError            **error);

guint    kdx_transfer_get_n_running      (void);
gboolean kdx_transfer_print_to_pdf       (GtkWindow          *parent,
                                          KdxStore           *store,
                                          GArray             *ids,
                                          const char         *path,
                                          GError            **error);

G_END_DECLS
