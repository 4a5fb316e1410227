/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A spreadsheet as the importer sees it: named sheets, and in a sheet rows
 * of typed cells. One reader per format (CSV/TSV/TXT, XLSX, ODS) behind
 * this interface; kdx_table_reader_open() picks it from the content. */

/* Limits against hostile files. Real candidate lists stay far below them;
 * a file beyond one fails with KDX_ERROR_FILE_LIMIT instead of eating all
 * memory. Rows and columns are Excel's own maximum. */
#define KDX_TABLE_MAX_ROWS       1048576
#define KDX_TABLE_MAX_COLUMNS    16384
#define KDX_TABLE_MAX_CELL_BYTES (1024 * 1024)
#define KDX_TABLE_MAX_PART_BYTES ((gint64) 256 * 1024 * 1024) /* unpacked zip member, or a text file */
#define KDX_TABLE_MAX_ZIP_ENTRIES 10000

typedef enum
{
  KDX_CELL_EMPTY,
  KDX_CELL_TEXT,
  KDX_CELL_NUMBER,
  KDX_CELL_BOOL,
  KDX_CELL_DATE,
} KdxCellType;

/* text is never NULL: "" for an empty cell, the shortest exact form of a
 * number ("125000", "0.5"), "true"/"false", and for a date the ISO form
 * "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS" or "HH:MM:SS". */
typedef struct
{
  KdxCellType type;
  char       *text;
} KdxCell;

KdxCell *kdx_cell_new  (KdxCellType  type,
                        const char  *text);
KdxCell *kdx_cell_take (KdxCellType  type,
                        char        *text);
void     kdx_cell_free (KdxCell     *cell);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdxCell, kdx_cell_free)

char    *kdx_cell_format_number (double   number);
char    *kdx_cell_format_serial (double   serial,
                                 gboolean date_1904);

typedef struct
{
  const char *encoding;  /* text files: NULL to detect */
  char        delimiter; /* text files: 0 to sniff , ; tab | */
  const char *sheet;     /* NULL for the first; a name or a number from 1 */
} KdxTableReaderOptions;

#define KDX_TYPE_TABLE_READER (kdx_table_reader_get_type ())
G_DECLARE_INTERFACE (KdxTableReader, kdx_table_reader, KDX, TABLE_READER, GObject)

struct _KdxTableReaderInterface
{
  GTypeInterface parent_iface;

  const char        *(*get_format)      (KdxTableReader  *self);
  const char        *(*get_encoding)    (KdxTableReader  *self);
  char               (*get_delimiter)   (KdxTableReader  *self);
  gboolean           (*get_date_1904)   (KdxTableReader  *self);
  const char *const *(*get_sheets)      (KdxTableReader  *self);
  guint              (*get_sheet_index) (KdxTableReader  *self);
  gboolean           (*select_sheet)    (KdxTableReader  *self,
                                         guint            index,
                                         GError         **error);
  GPtrArray         *(*next_row)        (KdxTableReader  *self,
                                         guint           *row_number,
                                         GError         **error);
  double             (*get_progress)    (KdxTableReader  *self);
};

KdxTableReader    *kdx_table_reader_open            (const char                   *path,
                                                     const KdxTableReaderOptions  *options,
                                                     GError                      **error);
const char        *kdx_table_reader_get_format      (KdxTableReader  *self);
const char        *kdx_table_reader_get_encoding    (KdxTableReader  *self);
char               kdx_table_reader_get_delimiter   (KdxTableReader  *self);
gboolean           kdx_table_reader_get_date_1904   (KdxTableReader  *self);
const char *const *kdx_table_reader_get_sheets      (KdxTableReader  *self);
guint              kdx_table_reader_get_sheet_index (KdxTableReader  *self);
gboolean           kdx_table_reader_select_sheet    (KdxTableReader  *self,
                                                     guint            index,
                                                     GError         **error);
gboolean           kdx_table_reader_find_sheet      (KdxTableReader  *self,
                                                     const char      *sheet,
                                                     guint           *index,
                                                     GError         **error);
GPtrArray         *kdx_table_reader_next_row        (KdxTableReader  *self,
                                                     guint           *row_number,
                                                     GError         **error);
double             kdx_table_reader_get_progress    (KdxTableReader  *self);

G_END_DECLS
