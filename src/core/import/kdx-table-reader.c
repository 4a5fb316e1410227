/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdx-csv-reader.h"
#include "kdx-error.h"
#include "kdx-import-zip.h"
#include "kdx-ods-reader.h"
#include "kdx-table-reader.h"
#include "kdx-xlsx-reader.h"

G_DEFINE_INTERFACE (KdxTableReader, kdx_table_reader, G_TYPE_OBJECT)

static const char *
default_get_encoding (KdxTableReader *self)
{
  return NULL;
}

static char
default_get_delimiter (KdxTableReader *self)
{
  return 0;
}

static gboolean
default_get_date_1904 (KdxTableReader *self)
{
  return FALSE;
}

static void
kdx_table_reader_default_init (KdxTableReaderInterface *iface)
{
  iface->get_encoding = default_get_encoding;
  iface->get_delimiter = default_get_delimiter;
  iface->get_date_1904 = default_get_date_1904;
}

/* ---- cells ---------------------------------------------------------------- */

KdxCell *
kdx_cell_take (KdxCellType  type,
               char        *text)
{
  KdxCell *cell = g_new0 (KdxCell, 1);

  cell->type = type;
  cell->text = text != NULL ? text : g_strdup ("");
  return cell;
}

KdxCell *
kdx_cell_new (KdxCellType  type,
              const char  *text)
{
  return kdx_cell_take (type, g_strdup (text));
}

void
kdx_cell_free (KdxCell *cell)
{
  if (cell == NULL)
    return;
  g_free (cell->text);
  g_free (cell);
}

/* The shortest text that reads back as the same double, as a spreadsheet
 * shows a number in General format: 125000, 0.1, 13800138000. */
char *
kdx_cell_format_number (double number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Whole numbers, phone numbers among them, without an exponent. */
  if (number > -1e15 && number < 1e15 && number == (double) (gint64) number)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) number);
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      /* g_ascii_formatd takes no precision argument: build the format. */
      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, number);
      if (g_ascii_strtod (buffer, NULL) == number)
        break;
    }
  return g_strdup (buffer);
}

/* A spreadsheet date serial as ISO text. In the 1900 system day 1 is
 * 1900-01-01 and day 60 is Lotus's 1900-02-29, which never was; in the
 * 1904 system (old Mac Excel) day 0 is 1904-01-01. The fraction is the
 * time of day. Returns NULL for a serial no calendar can hold. */
char *
kdx_cell_format_serial (double   serial,
                        gboolean date_1904)
{
  g_autoptr(GDate) date = NULL;
  gint64 days;
  gint64 seconds;
  char iso[16];

  if (!(serial >= 0 && serial < 2958466)) /* 9999-12-31 and NaN */
    return NULL;

  seconds = (gint64) (serial * 86400.0 + 0.5);
  days = seconds / 86400;
  seconds %= 86400;

  if (!date_1904 && days == 0)
    {
      if (seconds == 0)
        return NULL;
      return g_strdup_printf ("%02d:%02d:%02d", (int) (seconds / 3600),
                              (int) (seconds / 60 % 60), (int) (seconds % 60));
    }

  if (date_1904)
    {
      date = g_date_new_dmy (1, G_DATE_JANUARY, 1904);
    }
  else
    {
      date = g_date_new_dmy (31, G_DATE_DECEMBER, 1899);
      if (days >= 60)
        days--; /* skip the day that never was */
    }
  g_date_add_days (date, (guint) days);
  g_date_strftime (iso, sizeof iso, "%Y-%m-%d", date);

  if (seconds == 0)
    return g_strdup (iso);
  return g_strdup_printf ("%s %02d:%02d:%02d", iso, (int) (seconds / 3600),
                          (int) (seconds / 60 % 60), (int) (seconds % 60));
}

/* ---- the factory ---------------------------------------------------------- */

static gboolean
has_entry (GPtrArray  *entries,
           const char *name)
{
  for (guint i = 0; i < entries->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (entries, i), name) == 0)
      return TRUE;
  return FALSE;
}

static KdxTableReader *
open_zip (const char                   *path,
          const KdxTableReaderOptions  *options,
          GError                      **error)
{
  g_autoptr(GPtrArray) entries = kdx_zip_list_entries (path, error);

  if (entries == NULL)
    return NULL;

  if (has_entry (entries, "xl/workbook.xml"))
    return kdx_xlsx_reader_new (path, error);

  if (has_entry (entries, "mimetype") || has_entry (entries, "content.xml"))
    {
      g_autoptr(GBytes) mimetype = NULL;

      if (has_entry (entries, "mimetype"))
        {
          g_autofree char *type = NULL;
          gsize size;
          const char *data;

          if ((mimetype = kdx_zip_read_entry (path, "mimetype", 1024, error)) == NULL)
            return NULL;
          /* An empty member has no data at all (NULL): it says no more
           * than a missing one, and content.xml decides. */
          data = g_bytes_get_data (mimetype, &size);
          type = g_strstrip (g_strndup (size > 0 ? data : "", size));
          if (*type != '\0'
              && !g_str_equal (type, "application/vnd.oasis.opendocument.spreadsheet")
              && !g_str_equal (type, "application/vnd.oasis.opendocument.spreadsheet-template"))
            {
              g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
                           _("the file is an OpenDocument file of type %s, not a spreadsheet"),
                           g_utf8_validate (type, -1, NULL) ? type : "?");
              return NULL;
            }
        }
      return kdx_ods_reader_new (path, error);
    }

  g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
               _("the file is a zip archive but not an XLSX or ODS spreadsheet"));
  return NULL;
}

/**
 * kdx_table_reader_open:
 * @options: (nullable): encoding, delimiter and sheet
 *
 * Opens a spreadsheet by what it holds, whatever its name says: a zip
 * with xl/workbook.xml is XLSX, one with an OpenDocument spreadsheet
 * mimetype is ODS, anything else must be text (CSV, TSV, TXT).
 */
KdxTableReader *
kdx_table_reader_open (const char                   *path,
                       const KdxTableReaderOptions  *options,
                       GError                      **error)
{
  static const KdxTableReaderOptions no_options = { NULL, 0, NULL };
  g_autoptr(KdxTableReader) reader = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFile) file = NULL;
  guchar magic[8] = { 0 };
  gsize n_read = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (options == NULL)
    options = &no_options;

  file = g_file_new_for_path (path);
  if ((stream = g_file_read (file, NULL, error)) == NULL)
    return NULL;
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), magic, sizeof magic, &n_read, NULL, error))
    return NULL;
  g_input_stream_close (G_INPUT_STREAM (stream), NULL, NULL);

  if (n_read >= 4 && memcmp (magic, "PK\x03\x04", 4) == 0)
    reader = open_zip (path, options, error);
  else if (n_read >= 4 && memcmp (magic, "PK\x05\x06", 4) == 0)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
                   _("the file is an empty zip archive, not a spreadsheet"));
      return NULL;
    }
  else if (n_read == 8 && memcmp (magic, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
                   _("the file is an old Excel 97–2003 workbook (.xls) or an encrypted one; "
                     "save it as .xlsx or CSV and import that"));
      return NULL;
    }
  else
    reader = kdx_csv_reader_new (path, options->encoding, options->delimiter, error);

  if (reader == NULL)
    return NULL;

  if (options->sheet != NULL)
    {
      guint index;

      if (!kdx_table_reader_find_sheet (reader, options->sheet, &index, error))
        return NULL;
      if (index != 0 && !kdx_table_reader_select_sheet (reader, index, error))
        return NULL;
    }

  return g_steal_pointer (&reader);
}

/* ---- the interface -------------------------------------------------------- */

/* "csv", "xlsx" or "ods". */
const char *
kdx_table_reader_get_format (KdxTableReader *self)
{
  g_return_val_if_fail (KDX_IS_TABLE_READER (self), NULL);
  return KDX_TABLE_READER_GET_IFACE (self)->get_format (self);
}

/* The text encoding of a text file ("UTF-8", "GB18030", ...), else NULL. */
const char *
kdx_table_reader_get_encoding (KdxTableReader *self)
{
  g_return_val_if_fail (KDX_IS_TABLE_READER (self), NULL);
  return KDX_TABLE_READER_GET_IFACE (self)->get_encoding (self);
}

/* The field separator of a text file, else 0. */
char
kdx_table_reader_get_delimiter (KdxTableReader *self)
{
  g_return_val_if_fail (KDX_IS_TABLE_READER (self), 0);
  return KDX_TABLE_READER_GET_IFACE (self)->get_delimiter (self);
}

/* Whether date serials count from 1904 (old Mac workbooks). */
gboolean
kdx_table_reader_get_date_1904 (KdxTableReader *self)
{
  g_return_val_if_fail (KDX_IS_TABLE_READER (self), FALSE);
  return KDX_TABLE_READER_GET_IFACE (self)->get_date_1904 (self);
}

const char *const *
kdx_table_reader_get_sheets (KdxTableReader *self)
{
  g_return_val_if_fail (KDX_IS_TABLE_READER (self), NULL);
  return KDX_TABLE_READER_GET_IFACE (self)->get_sheets (self);
}

guint
kdx_table_reader_get_sheet_index (KdxTableReader *self)
{
  g_return_val_if_fail (KDX_IS_TABLE_READER (self), 0);
  return KDX_TABLE_READER_GET_IFACE (self)->get_sheet_index (self);
}

/* Starts reading the sheet at @index (from 0) from its first row. */
gboolean
kdx_table_reader_select_sheet (KdxTableReader  *self,
                               guint            index,
                               GError         **error)
{
  g_return_val_if_fail (KDX_IS_TABLE_READER (self), FALSE);
  g_return_val_if_fail (index < g_strv_length ((char **) kdx_table_reader_get_sheets (self)), FALSE);
  return KDX_TABLE_READER_GET_IFACE (self)->select_sheet (self, index, error);
}

/* A sheet by name, or by number from 1 as people count sheets. A name
 * wins over a number, so a sheet called "2" is found by its name. */
gboolean
kdx_table_reader_find_sheet (KdxTableReader  *self,
                             const char      *sheet,
                             guint           *index,
                             GError         **error)
{
  const char *const *sheets;
  guint n_sheets;
  guint64 number;

  g_return_val_if_fail (KDX_IS_TABLE_READER (self), FALSE);

  sheets = kdx_table_reader_get_sheets (self);
  n_sheets = g_strv_length ((char **) sheets);
  for (guint i = 0; i < n_sheets; i++)
    if (g_str_equal (sheets[i], sheet))
      {
        *index = i;
        return TRUE;
      }
  if (g_ascii_string_to_unsigned (sheet, 10, 1, n_sheets, &number, NULL))
    {
      *index = number - 1;
      return TRUE;
    }

  {
    g_autofree char *names = g_strjoinv (", ", (char **) sheets);
    g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND,
                 _("there is no sheet “%s”; the sheets are: %s"), sheet, names);
  }
  return FALSE;
}

/**
 * kdx_table_reader_next_row:
 * @row_number: (out): the row's number as the spreadsheet shows it, from 1
 *
 * The next row that has a value in it; empty rows are passed over, but
 * still counted in @row_number.
 *
 * Returns: (transfer full) (element-type KdxCell): the cells from the
 *   first column on, or NULL at the end of the sheet or on error
 */
GPtrArray *
kdx_table_reader_next_row (KdxTableReader  *self,
                           guint           *row_number,
                           GError         **error)
{
  guint ignored;

  g_return_val_if_fail (KDX_IS_TABLE_READER (self), NULL);
  return KDX_TABLE_READER_GET_IFACE (self)->next_row (self, row_number != NULL ? row_number : &ignored,
                                                      error);
}

/* How far through the sheet reading is, from 0 to 1. */
double
kdx_table_reader_get_progress (KdxTableReader *self)
{
  g_return_val_if_fail (KDX_IS_TABLE_READER (self), 0.0);
  return KDX_TABLE_READER_GET_IFACE (self)->get_progress (self);
}
