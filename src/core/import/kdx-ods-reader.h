/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kdx-table-reader.h"

G_BEGIN_DECLS

/* OpenDocument spreadsheets (LibreOffice, WPS), read as a stream from
 * content.xml. */

#define KDX_TYPE_ODS_READER (kdx_ods_reader_get_type ())
G_DECLARE_FINAL_TYPE (KdxOdsReader, kdx_ods_reader, KDX, ODS_READER, GObject)

KdxTableReader *kdx_ods_reader_new (const char  *path,
                                    GError     **error);

G_END_DECLS
