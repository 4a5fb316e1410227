/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kdx-table-reader.h"

G_BEGIN_DECLS

/* Workbooks often open on a notes or instructions sheet and keep the list
 * on another one. The assistant and koldex-cli both start on the sheet
 * this picks, so the same file imports the same way from either. */

char *kdx_sheet_chooser_pick (const char                   *path,
                              const KdxTableReaderOptions  *options,
                              GError                      **error);

G_END_DECLS
