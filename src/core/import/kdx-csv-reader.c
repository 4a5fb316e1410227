/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-import"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>
#include <uchardet.h>

#include "kdx-csv-reader.h"
#include "kdx-value.h"
#include "kdx-error.h"

/* The whole file is decoded to UTF-8 up front: encoding detection wants
 * to see all of it anyway, and the size is capped before reading. */

struct _KdxCsvReader
{
  GObject  parent_instance;

  char    *sheets[2]; /* the file's name without its extension */
  char    *encoding;
  char     delimiter;
  char    *text;
  gsize    length;
  gsize    start;     /* after a "sep=" line */
  gsize    pos;
  guint    row;
};

static void kdx_csv_reader_iface_init (KdxTableReaderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdxCsvReader, kdx_csv_reader, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KDX_TYPE_TABLE_READER,
                                                      kdx_csv_reader_iface_init))

/* ---- encodings ------------------------------------------------------------ */

static char *
convert (const char  *data,
         gsize        length,
         const char  *encoding,
         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize written = 0;
  char *text = g_convert (data, length, "UTF-8", encoding, NULL, &written, &local_error);

  if (text == NULL)
    {
      if (g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
        g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
                     _("Koldex does not know the text encoding “%s”"), encoding);
      else
        g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
                     _("the file is not %s text (choose its encoding)"), encoding);
      return NULL;
    }
  /* iconv reads "UTF-8" as the old 31-bit form and passes a sequence
   * beyond U+10FFFF (F5-F7 lead bytes) through as it came: what uchardet
   * called UTF-8 must still be valid UTF-8 after the conversion. */
  if (!g_utf8_validate (text, written, NULL))
    {
      g_free (text);
      g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
                   _("the file is not %s text (choose its encoding)"), encoding);
      return NULL;
    }
  /* A NUL inside text means a binary file read as text. */
  if (memchr (text, '\0', written) != NULL)
    {
      g_free (text);
      g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
                   _("the file is neither text (CSV) nor a spreadsheet (XLSX, ODS)"));
      return NULL;
    }
  return text;
}

/* UTF-16 without a byte order mark shows as a NUL in every other byte of
 * mostly-ASCII text (the header names and digits). */
static const char *
guess_utf16 (const guchar *data,
             gsize         length)
{
  gsize n = MIN (length, 4096) & ~(gsize) 1;
  gsize even = 0, odd = 0;

  for (gsize i = 0; i < n; i += 2)
    {
      even += data[i] == 0;
      odd += data[i + 1] == 0;
    }
  if (n >= 4 && odd > n / 8 && even == 0)
    return "UTF-16LE";
  if (n >= 4 && even > n / 8 && odd == 0)
    return "UTF-16BE";
  return NULL;
}

static gboolean
looks_binary (const guchar *data,
              gsize         length)
{
  gsize n = MIN (length, 64 * 1024);
  gsize controls = 0;

  for (gsize i = 0; i < n; i++)
    {
      if (data[i] == 0)
        return TRUE;
      if (data[i] < 0x20 && data[i] != '\t' && data[i] != '\n' && data[i] != '\r' && data[i] != '\f')
        controls++;
    }
  return controls * 100 > n;
}

/* Names uchardet gives that iconv spells differently or that have a
 * superset Windows really writes. */
static const char *
charset_for_iconv (const char *detected)
{
  if (g_ascii_strcasecmp (detected, "BIG5") == 0)
    return "BIG5-HKSCS"; /* Hong Kong's characters; a superset of Big5 */
  if (g_ascii_strcasecmp (detected, "GB2312") == 0 || g_ascii_strcasecmp (detected, "GBK") == 0
      || g_ascii_strcasecmp (detected, "HZ-GB-2312") == 0)
    return "GB18030";
  return detected;
}

/* UTF-8 text with a few stray bytes (a cell pasted from elsewhere) is
 * still UTF-8: read in any other encoding it would turn into plausible
 * nonsense and be stored. Returns the offset of the first stray byte, or
 * -1 when the text is not mostly UTF-8 (or is all of it). */
static gssize
find_stray_byte (const char *data,
                 gsize       length)
{
  const char *p = data;
  const char *end = data + length;
  gssize first = -1;
  guint good = 0;
  guint bad = 0;

  while (p < end)
    {
      const char *stop = NULL;

      if (g_utf8_validate (p, end - p, &stop))
        stop = end;
      for (const char *q = p; q < stop; q = g_utf8_next_char (q))
        if ((guchar) *q >= 0x80)
          good++;
      if (stop == end)
        break;
      if (first < 0)
        first = stop - data;
      bad++;
      p = stop + 1;
    }
  /* Text in GB18030 or Big5 is mostly invalid as UTF-8 (a chance pair
   * here and there); UTF-8 with a stray byte is almost all valid. */
  return bad > 0 && good >= 8 * bad ? first : -1;
}

/* Which line (from 1) @offset is on, and the valid text before it there. */
static void
explain_stray_byte (const char  *data,
                    gsize        offset,
                    GError     **error)
{
  const char *line = data;
  guint number = 1;
  g_autofree char *before = NULL;

  for (const char *p = data; p < data + offset; p++)
    if (*p == '\n')
      {
        number++;
        line = p + 1;
      }
  before = g_strndup (line, data + offset - line);
  g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
               /* Translators: a line number, a byte in hex, the text before it */
               _("line %u: byte 0x%02X is not UTF-8, though the rest of the file is "
                 "(after “%s”); correct that cell, or choose the file's encoding"),
               number, (guchar) data[offset], before);
}

/**
 * kdx_csv_decode:
 * @encoding: (nullable): the encoding the user chose, or NULL to detect it
 * @used_encoding: (out): the encoding the text was read in
 *
 * Text as Excel and friends save it: a byte order mark says UTF-8 or
 * UTF-16; text that is valid UTF-8 is UTF-8; anything else is what
 * uchardet recognises, and GB18030 (Excel on Chinese Windows) when it
 * cannot tell.
 *
 * Returns: the text in UTF-8, without the byte order mark
 */
char *
kdx_csv_decode (const char  *data,
                gsize        length,
                const char  *encoding,
                char       **used_encoding,
                GError     **error)
{
  const guchar *bytes = (const guchar *) data;
  const char *bom_encoding = NULL;
  gsize bom = 0;
  char *text;

  /* An empty buffer may be NULL, which memchr and g_strndup refuse. */
  if (length == 0)
    {
      *used_encoding = g_ascii_strup (encoding != NULL ? charset_for_iconv (encoding) : "UTF-8", -1);
      return g_strdup ("");
    }

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    { bom_encoding = "UTF-8"; bom = 3; }
  else if (length >= 2 && memcmp (data, "\xff\xfe", 2) == 0)
    { bom_encoding = "UTF-16LE"; bom = 2; }
  else if (length >= 2 && memcmp (data, "\xfe\xff", 2) == 0)
    { bom_encoding = "UTF-16BE"; bom = 2; }

  if (encoding == NULL)
    encoding = bom_encoding;
  else
    encoding = charset_for_iconv (encoding);
  if (encoding != NULL && bom_encoding != NULL && g_ascii_strcasecmp (encoding, bom_encoding) == 0)
    {
      data += bom;
      length -= bom;
      bytes += bom;
    }
  if (encoding == NULL)
    encoding = guess_utf16 (bytes, length);

  if (encoding == NULL)
    {
      if (looks_binary (bytes, length))
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
                       _("the file is neither text (CSV) nor a spreadsheet (XLSX, ODS)"));
          return NULL;
        }
      if (g_utf8_validate (data, length, NULL))
        encoding = "UTF-8";
      else
        {
          gssize stray = find_stray_byte (data, length);

          if (stray >= 0)
            {
              explain_stray_byte (data, stray, error);
              return NULL;
            }
        }
    }

  if (encoding == NULL)
    {
      uchardet_t detector = uchardet_new ();
      g_autofree char *detected = NULL;

      uchardet_handle_data (detector, data, length);
      uchardet_data_end (detector);
      detected = g_strdup (uchardet_get_charset (detector));
      uchardet_delete (detector);
      g_debug ("uchardet says “%s”", detected);

      if (detected != NULL && *detected != '\0'
          && (text = convert (data, length, charset_for_iconv (detected), NULL)) != NULL)
        {
          *used_encoding = g_ascii_strup (charset_for_iconv (detected), -1);
          return text;
        }
      encoding = "GB18030";
    }

  if (g_ascii_strcasecmp (encoding, "UTF-8") == 0)
    {
      gssize stray = find_stray_byte (data, length);

      if (stray >= 0 && memchr (data, '\0', length) == NULL)
        {
          explain_stray_byte (data, stray, error);
          return NULL;
        }
      if (!g_utf8_validate (data, length, NULL) || memchr (data, '\0', length) != NULL)
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
                       _("the file is not %s text (choose its encoding)"), "UTF-8");
          return NULL;
        }
      text = g_strndup (data, length);
    }
  else if ((text = convert (data, length, encoding, error)) == NULL)
    return NULL;

  /* A BOM under an encoding the user chose, or from a UTF-16 guess. */
  if (g_str_has_prefix (text, "\xef\xbb\xbf"))
    memmove (text, text + 3, strlen (text + 3) + 1);

  *used_encoding = g_ascii_strup (encoding, -1);
  return text;
}

/* ---- records -------------------------------------------------------------- */

static gboolean
check_cell (GString  *field,
            guint     row,
            guint     column,
            GError  **error)
{
  if (field->len > KDX_TABLE_MAX_CELL_BYTES)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_FILE_LIMIT,
                   _("row %u, column %u: the cell holds more than %d KB of text "
                     "(an unclosed quote?)"),
                   row, column, KDX_TABLE_MAX_CELL_BYTES / 1024);
      return FALSE;
    }
  return TRUE;
}

/* One record as RFC 4180 has it, read leniently as Excel does: quotes
 * start a quoted field only at its start, "" inside is one quote, and a
 * quoted field may hold separators and line breaks. Lines end in CRLF, LF
 * or CR (old Mac Excel). @fields may be NULL to only count them.
 * Returns 1 for a record, 0 at the end, -1 on error. */
static int
parse_record (const char  *text,
              gsize        length,
              gsize       *pos,
              char         delimiter,
              guint        row,
              GPtrArray   *fields,
              guint       *n_fields,
              GError     **error)
{
  g_autoptr(GString) field = g_string_new (NULL);
  gsize p = *pos;
  gboolean in_quotes = FALSE;
  guint n = 0;

  if (p >= length)
    return 0;

  if (text[p] == '"')
    {
      in_quotes = TRUE;
      p++;
    }

  for (;;)
    {
      gboolean end_field = FALSE;
      gboolean end_record = FALSE;

      if (p >= length)
        end_field = end_record = TRUE;
      else if (in_quotes)
        {
          /* Copy up to the next quote in one go. */
          const char *quote = memchr (text + p, '"', length - p);
          gsize span = quote != NULL ? (gsize) (quote - (text + p)) : length - p;

          if (fields != NULL || span > 0)
            g_string_append_len (field, text + p, span);
          p += span;
          if (p < length)
            {
              if (p + 1 < length && text[p + 1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                }
              else
                {
                  in_quotes = FALSE;
                  p++;
                }
            }
        }
      else if (text[p] == delimiter)
        {
          end_field = TRUE;
          p++;
        }
      else if (text[p] == '\r' || text[p] == '\n')
        {
          if (text[p] == '\r' && p + 1 < length && text[p + 1] == '\n')
            p++;
          p++;
          end_field = end_record = TRUE;
        }
      else
        {
          /* Copy up to the next separator or line break in one go: a
           * quote here is only a character (issue 16: byte by byte, this
           * was most of the reader's time). */
          gsize end = p + 1;

          while (end < length && text[end] != delimiter && text[end] != '\r' && text[end] != '\n')
            end++;
          g_string_append_len (field, text + p, end - p);
          p = end;
        }

      if (!check_cell (field, row, n + 1, error))
        return -1;

      if (end_field)
        {
          n++;
          if (n > KDX_TABLE_MAX_COLUMNS)
            {
              g_set_error (error, KDX_ERROR, KDX_ERROR_FILE_LIMIT,
                           _("row %u has more than %d columns"), row, KDX_TABLE_MAX_COLUMNS);
              return -1;
            }
          if (fields != NULL)
            {
              KdxCellType type = field->len > 0 ? KDX_CELL_TEXT : KDX_CELL_EMPTY;

              /* Koldex's CSV export guards formula-like cells with one
               * apostrophe (kdx_value_csv_needs_guard()); it is taken off
               * again here, so a round trip gives back the very value. */
              if (field->str[0] == '\'' && kdx_value_csv_needs_guard (field->str))
                g_string_erase (field, 0, 1);
              /* One copy of the text, and the buffer kept for the next. */
              g_ptr_array_add (fields, kdx_cell_take (type, g_strndup (field->str, field->len)));
            }
          g_string_truncate (field, 0);

          if (end_record)
            break;
          if (p < length && text[p] == '"')
            {
              in_quotes = TRUE;
              p++;
            }
        }
    }

  *pos = p;
  if (n_fields != NULL)
    *n_fields = n;
  return 1;
}

/* The separator that splits the first records into the same number of
 * fields most often: Excel writes , or ; by locale, tab for "Unicode
 * text", and some systems |. */
char
kdx_csv_sniff_delimiter (const char *text,
                         gsize       length)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  gsize sample = MIN (length, 64 * 1024);
  char best = ',';
  guint best_agree = 0;
  guint best_fields = 1;

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
      gsize pos = 0;
      guint mode = 0, mode_count = 0;

      for (guint row = 1; row <= 50; row++)
        {
          guint n_fields = 0;
          guint seen;

          if (parse_record (text, sample, &pos, candidates[c], row, NULL, &n_fields, NULL) != 1)
            break;
          if (n_fields < 2)
            continue;
          seen = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (n_fields))) + 1;
          g_hash_table_insert (counts, GUINT_TO_POINTER (n_fields), GUINT_TO_POINTER (seen));
          if (seen > mode_count || (seen == mode_count && n_fields > mode))
            {
              mode = n_fields;
              mode_count = seen;
            }
        }

      if (mode_count > best_agree || (mode_count == best_agree && mode > best_fields))
        {
          best = candidates[c];
          best_agree = mode_count;
          best_fields = mode;
        }
    }
  return best;
}

/* ---- KdxTableReader ------------------------------------------------------- */

static const char *
kdx_csv_reader_get_format (KdxTableReader *reader)
{
  return "csv";
}

static const char *
kdx_csv_reader_get_encoding (KdxTableReader *reader)
{
  return KDX_CSV_READER (reader)->encoding;
}

static char
kdx_csv_reader_get_delimiter (KdxTableReader *reader)
{
  return KDX_CSV_READER (reader)->delimiter;
}

static const char *const *
kdx_csv_reader_get_sheets (KdxTableReader *reader)
{
  return (const char *const *) KDX_CSV_READER (reader)->sheets;
}

static guint
kdx_csv_reader_get_sheet_index (KdxTableReader *reader)
{
  return 0;
}

static gboolean
kdx_csv_reader_select_sheet (KdxTableReader  *reader,
                             guint            index,
                             GError         **error)
{
  KdxCsvReader *self = KDX_CSV_READER (reader);

  self->pos = self->start;
  self->row = 0;
  return TRUE;
}

static GPtrArray *
kdx_csv_reader_next_row (KdxTableReader  *reader,
                         guint           *row_number,
                         GError         **error)
{
  KdxCsvReader *self = KDX_CSV_READER (reader);

  for (;;)
    {
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func ((GDestroyNotify) kdx_cell_free);
      int rc;

      if (self->row >= KDX_TABLE_MAX_ROWS && self->pos < self->length)
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_FILE_LIMIT,
                       _("the file has more than %d rows"), KDX_TABLE_MAX_ROWS);
          return NULL;
        }

      rc = parse_record (self->text, self->length, &self->pos, self->delimiter,
                         self->row + 1, cells, NULL, error);
      if (rc <= 0)
        return NULL;
      self->row++;

      for (guint i = 0; i < cells->len; i++)
        if (((KdxCell *) g_ptr_array_index (cells, i))->type != KDX_CELL_EMPTY)
          {
            *row_number = self->row;
            return g_steal_pointer (&cells);
          }
    }
}

static double
kdx_csv_reader_get_progress (KdxTableReader *reader)
{
  KdxCsvReader *self = KDX_CSV_READER (reader);

  return self->length > 0 ? (double) self->pos / (double) self->length : 1.0;
}

static void
kdx_csv_reader_iface_init (KdxTableReaderInterface *iface)
{
  iface->get_format = kdx_csv_reader_get_format;
  iface->get_encoding = kdx_csv_reader_get_encoding;
  iface->get_delimiter = kdx_csv_reader_get_delimiter;
  iface->get_sheets = kdx_csv_reader_get_sheets;
  iface->get_sheet_index = kdx_csv_reader_get_sheet_index;
  iface->select_sheet = kdx_csv_reader_select_sheet;
  iface->next_row = kdx_csv_reader_next_row;
  iface->get_progress = kdx_csv_reader_get_progress;
}

static void
kdx_csv_reader_finalize (GObject *object)
{
  KdxCsvReader *self = KDX_CSV_READER (object);

  g_free (self->sheets[0]);
  g_free (self->encoding);
  g_free (self->text);

  G_OBJECT_CLASS (kdx_csv_reader_parent_class)->finalize (object);
}

static void
kdx_csv_reader_class_init (KdxCsvReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kdx_csv_reader_finalize;
}

static void
kdx_csv_reader_init (KdxCsvReader *self)
{
}

/**
 * kdx_csv_reader_new:
 * @encoding: (nullable): NULL to detect it
 * @delimiter: 0 to sniff it
 */
KdxTableReader *
kdx_csv_reader_new (const char  *path,
                    const char  *encoding,
                    char         delimiter,
                    GError     **error)
{
  g_autoptr(KdxCsvReader) self = g_object_new (KDX_TYPE_CSV_READER, NULL);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  char *dot;

  if ((mapped = g_mapped_file_new (path, FALSE, error)) == NULL)
    return NULL;
  /* Nothing to read is an answer the user must get, not an empty table
   * (callers name the file: "FILE: the file is empty"). */
  if (g_mapped_file_get_length (mapped) == 0)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE, _("the file is empty"));
      return NULL;
    }
  if ((gint64) g_mapped_file_get_length (mapped) > KDX_TABLE_MAX_PART_BYTES)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_FILE_LIMIT,
                   _("the file is larger than %" PRId64 " MB, the most Koldex reads"),
                   KDX_TABLE_MAX_PART_BYTES / (1024 * 1024));
      return NULL;
    }

  self->text = kdx_csv_decode (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped),
                               encoding, &self->encoding, error);
  if (self->text == NULL)
    return NULL;
  self->length = strlen (self->text);

  /* Excel's own hint on the first line: "sep=;". */
  if (g_ascii_strncasecmp (self->text, "sep=", 4) == 0 && self->length >= 5
      && (self->length == 5 || self->text[5] == '\r' || self->text[5] == '\n'))
    {
      if (delimiter == 0)
        delimiter = self->text[4];
      self->start = 5;
      if (self->start < self->length && self->text[self->start] == '\r')
        self->start++;
      if (self->start < self->length && self->text[self->start] == '\n')
        self->start++;
    }
  self->pos = self->start;

  if (delimiter == 0)
    delimiter = kdx_csv_sniff_delimiter (self->text + self->start, self->length - self->start);
  self->delimiter = delimiter;

  dot = strrchr (basename, '.');
  if (dot != NULL && dot != basename)
    *dot = '\0';
  self->sheets[0] = g_steal_pointer (&basename);

  return KDX_TABLE_READER (g_steal_pointer (&self));
}
