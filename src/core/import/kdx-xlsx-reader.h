/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kdx-table-reader.h"

G_BEGIN_DECLS

/* Office Open XML workbooks as Excel, WPS and LibreOffice write them,
 * read as a stream: sheets from workbook.xml and its relationships. */

#define KDX_TYPE_XLSX_READER (kdx_xlsx_reader_get_type ())
G_DECLARE_FINAL_TYPE (KdxXlsxReader, kdx_xlsx_reader, KDX, XLSX_READER, GObject)

KdxTableReader *kdx_xlsx_reader_new            (const char  *path,
                                                GError     **error);
gboolean        kdx_xlsx_format_is_date        (const char  *format_code);
char           *kdx_xlsx_unescape              (const char  *text);

G_END_DECLS
