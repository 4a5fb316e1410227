/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-mapper"

#include "config.h"

#include "kdx-column-mapper.h"
#include "kdx-field.h"
#include "kdx-fuzz-util.h"
#include "kdx-kol.h"
#include "kdx-record.h"
#include "kdx-value.h"

/* The column mapper and the value parsers (kdx-value.c) on any text. The
 * input is a sheet: lines of tab-separated cells, the header row among the
 * first. A cell's first character may give its type as a reader would: #
 * a number, ! a boolean, @ a date; otherwise it is text. Every cell also
 * goes through each parser of kdx-value.c and every field kind of a KOL
 * (kdx_field_parse), and what a parser accepts must read back the same. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static KdxCell *
make_cell (const char *text)
{
  switch (text[0])
    {
    case '#':
      return kdx_cell_new (KDX_CELL_NUMBER, text + 1);
    case '!':
      return kdx_cell_new (KDX_CELL_BOOL, text + 1);
    case '@':
      return kdx_cell_new (KDX_CELL_DATE, text + 1);
    case '\0':
      return kdx_cell_new (KDX_CELL_EMPTY, "");
    default:
      return kdx_cell_new (KDX_CELL_TEXT, text);
    }
}

static void
check_count (const char *text)
{
  gint64 count;

  if (kdx_value_parse_count (text, &count))
    {
      g_autofree char *western = kdx_value_format_count (count, KDX_COUNT_STYLE_WESTERN);
      g_autofree char *chinese = kdx_value_format_count (count, KDX_COUNT_STYLE_CHINESE);
      g_autofree char *exact = kdx_value_format_int (count);
      gint64 again;

      if (count < 0)
        g_error ("'%s' parsed as a negative count %" G_GINT64_FORMAT, text, count);
      if (!kdx_value_parse_count (exact, &again) || again != count)
        g_error ("count %" G_GINT64_FORMAT " does not read back from '%s'", count, exact);
      if (!g_utf8_validate (western, -1, NULL) || !g_utf8_validate (chinese, -1, NULL))
        g_error ("count %" G_GINT64_FORMAT ": not UTF-8", count);
    }
}

static void
check_parsers (const char *text)
{
  gint64 number;
  gboolean flag;
  g_autofree char *date = kdx_value_parse_date (text);
  g_autofree char *explained = kdx_value_explain_date (text);
  g_autofree char *datetime = kdx_value_parse_datetime (text);
  g_autofree char *decimal = kdx_value_parse_decimal (text);
  g_autofree char *phone = kdx_value_normalize_phone (text);

  check_count (text);
  if (kdx_value_parse_int (text, &number))
    g_free (kdx_value_format_int (number));
  (void) kdx_value_parse_bool (text, &flag);
  (void) kdx_value_is_email (text);
  if (explained != NULL && !g_utf8_validate (explained, -1, NULL))
    g_error ("'%s' explained as a date: not UTF-8", text);
  if (phone != NULL && !g_utf8_validate (phone, -1, NULL))
    g_error ("'%s' as a phone number: not UTF-8", text);

  /* What a parser accepts is its own canonical form. */
  if (date != NULL)
    {
      g_autofree char *again = kdx_value_parse_date (date);
      if (g_strcmp0 (again, date) != 0)
        g_error ("date '%s' reads back as '%s'", date, again);
    }
  if (datetime != NULL)
    {
      g_autofree char *again = kdx_value_parse_datetime (datetime);
      if (g_strcmp0 (again, datetime) != 0)
        g_error ("datetime '%s' reads back as '%s'", datetime, again);
    }
  if (decimal != NULL)
    {
      g_autofree char *again = kdx_value_parse_decimal (decimal);
      if (g_strcmp0 (again, decimal) != 0)
        g_error ("decimal '%s' reads back as '%s'", decimal, again);
      for (guint exponent = 0; exponent <= 8; exponent += 4)
        g_free (kdx_value_scale_decimal (decimal, exponent));
    }
  for (guint exponent = 0; exponent <= 8; exponent += 4)
    g_free (kdx_value_scale_decimal (text, exponent));
}

/* Every field of a KOL: a value it accepts prints, and that text parses
 * to what it printed. */
static void
check_fields (const char *text)
{
  guint n_fields = 0;
  const KdxField *fields = kdx_record_type_get_fields (KDX_TYPE_KOL, &n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_autoptr(GError) error = NULL;

      if (!kdx_field_parse (&fields[i], text, &value, &error))
        {
          kdx_fuzz_check_result (NULL, error, fields[i].name);
          continue;
        }
      if (G_IS_VALUE (&value) && kdx_field_value_is_set (&fields[i], &value))
        {
          g_autofree char *printed = kdx_field_to_string (&fields[i], &value);
          g_auto(GValue) again = G_VALUE_INIT;
          g_autoptr(GError) again_error = NULL;

          if (printed != NULL && !g_utf8_validate (printed, -1, NULL))
            g_error ("field %s: the value prints as invalid UTF-8", fields[i].name);
          if (printed != NULL && fields[i].type != KDX_FIELD_IMAGE
              && !kdx_field_parse (&fields[i], printed, &again, &again_error))
            g_error ("field %s: '%s' does not read back: %s", fields[i].name, printed,
                     again_error->message);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(KdxColumnMapper) mapper = kdx_column_mapper_new ();
  g_autoptr(KdxImportReport) report = kdx_import_report_new ();
  g_autoptr(GError) error = NULL;
  guint header;

  /* Cells come out of the readers as UTF-8, and only so. */
  if (!g_utf8_validate (text, -1, NULL))
    return -1;

  lines = g_strsplit (text, "\n", 200);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], "\t", 64);
      GPtrArray *row = g_ptr_array_new_with_free_func ((GDestroyNotify) kdx_cell_free);

      for (guint j = 0; cells[j] != NULL; j++)
        {
          g_ptr_array_add (row, make_cell (cells[j]));
          check_parsers (cells[j]);
          check_fields (cells[j]);
        }
      g_ptr_array_add (rows, row);
    }

  kdx_column_mapper_set_date_1904 (mapper, size % 2 == 1);
  kdx_column_mapper_set_unmapped_policy (mapper, size % 3 == 0 ? KDX_UNMAPPED_SKIP
                                                               : KDX_UNMAPPED_NOTES);
  header = kdx_column_mapper_find_header (mapper, rows);
  if (rows->len == 0)
    return 0; /* an empty sheet has no header: the importer stops before */
  if (header >= rows->len)
    g_error ("header row %u of %u", header, rows->len);
  if (!kdx_column_mapper_set_header (mapper, g_ptr_array_index (rows, header), header + 1, &error))
    {
      kdx_fuzz_check_result (NULL, error, "set_header");
      return 0;
    }
  for (guint i = 0; i < kdx_column_mapper_get_n_columns (mapper); i++)
    {
      g_free (kdx_column_mapper_get_scale_factor (mapper, i));
      (void) kdx_column_mapper_get_header (mapper, i);
      (void) kdx_column_mapper_get_field (mapper, i);
    }
  for (guint i = header + 1; i < rows->len; i++)
    {
      g_autoptr(KdxKol) kol = kdx_column_mapper_make_kol (mapper, g_ptr_array_index (rows, i),
                                                          i + 1, report);
      /* A row the mapper turns down is in the report instead. */
      (void) kol;
    }
  return 0;
}
