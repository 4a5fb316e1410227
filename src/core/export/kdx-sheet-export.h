/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kdx-export.h"
#include "kdx-types.h"

G_BEGIN_DECLS

/* KOL lists as spreadsheets for people: one row per KOL, the columns
 * chosen, headed by the translated field labels. */

typedef enum
{
  KDX_SHEET_FORMAT_XLSX,
  KDX_SHEET_FORMAT_CSV,
} KdxSheetFormat;

gboolean  kdx_sheet_format_for_path          (const char          *path,
                                              KdxSheetFormat      *format);
char    **kdx_sheet_export_default_columns   (KdxExportFlags       flags);
gboolean  kdx_sheet_export_file              (KdxStore            *store,
                                              const char          *path,
                                              KdxSheetFormat       format,
                                              GArray              *ids,
                                              const char *const   *columns,
                                              KdxExportFlags       flags,
                                              GCancellable        *cancellable,
                                              KdxProgressFunc      progress,
                                              gpointer             user_data,
                                              GError             **error);

G_END_DECLS
