/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kdx-table-reader.h"

G_BEGIN_DECLS

/* CSV, TSV and Excel's "Unicode text": one sheet, rows of text cells. */

#define KDX_TYPE_CSV_READER (kdx_csv_reader_get_type ())
G_DECLARE_FINAL_TYPE (KdxCsvReader, kdx_csv_reader, KDX, CSV_READER, GObject)

KdxTableReader *kdx_csv_reader_new        (const char  *path,
                                           const char  *encoding,
                                           char         delimiter,
                                           GError     **error);
char           *kdx_csv_decode            (const char  *data,
                                           gsize        length,
                                           const char  *encoding,
                                           char       **used_encoding,
                                           GError     **error);
char            kdx_csv_sniff_delimiter   (const char  *text,
                                           gsize        length);

G_END_DECLS
