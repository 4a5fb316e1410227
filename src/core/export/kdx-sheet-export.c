/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "kdx-error.h"
#include "kdx-kol.h"
#include "kdx-sheet-export.h"
#include "kdx-store.h"
#include "kdx-value.h"
#include "../xml/kdx-xml.h"

/* XLSX cells are typed, so a spreadsheet can sum followers and sort by
 * date: counts, scores and fees are numbers, dates and date-times real
 * dates (times shown in local time), yes/no real booleans. CSV has no
 * types: every value is its canonical text (shared/FIELDS.md), so a CSV
 * export reads back into Koldex as it was. */

#define XLSX_MAX_STRING 32767 /* characters in one cell, Excel's limit */
#define MIN_WIDTH 6.0
#define MAX_WIDTH 50.0

typedef struct
{
  KdxSheetFormat     format;
  const KdxField   **columns;
  guint              n_columns;
  double            *widths;    /* XLSX: widest value per column, in character cells */

  KdxExportTarget   *target;    /* CSV */
  GString           *line;

  lxw_workbook      *workbook;  /* XLSX */
  lxw_worksheet     *sheet;
  lxw_format        *header_format;
  lxw_format        *date_format;
  lxw_format        *datetime_format;
  lxw_format        *count_format;
  lxw_format        *money_format;
  lxw_error          lxw_error;
} Sheet;

gboolean
kdx_sheet_format_for_path (const char     *path,
                           KdxSheetFormat *format)
{
  g_autofree char *folded = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (folded, ".xlsx"))
    *format = KDX_SHEET_FORMAT_XLSX;
  else if (g_str_has_suffix (folded, ".csv"))
    *format = KDX_SHEET_FORMAT_CSV;
  else
    return FALSE;
  return TRUE;
}

/**
 * kdx_sheet_export_default_columns:
 *
 * Every field of the KOL file that fits in a cell, in the order of
 * shared/FIELDS.md: all but the avatar (and the contact fields with
 * %KDX_EXPORT_NO_CONTACT).
 *
 * Returns: (transfer full): field names
 */
char **
kdx_sheet_export_default_columns (KdxExportFlags flags)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const KdxField *fields;
  guint n_fields;

  fields = kdx_record_type_get_fields (KDX_TYPE_KOL, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].type != KDX_FIELD_IMAGE && kdx_export_includes_field (&fields[i], flags))
      g_strv_builder_add (builder, fields[i].name);
  return g_strv_builder_end (builder);
}

static gboolean
resolve_columns (Sheet              *sheet,
                 const char *const  *names,
                 KdxExportFlags      flags,
                 GError            **error)
{
  g_auto(GStrv) defaults = NULL;
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();

  if (names == NULL)
    names = (const char *const *) (defaults = kdx_sheet_export_default_columns (flags));

  for (guint i = 0; names[i] != NULL; i++)
    {
      const KdxField *field = kdx_record_type_find_field (KDX_TYPE_KOL, names[i]);

      if (field == NULL)
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_UNKNOWN_FIELD,
                       _("%s: no such field"), names[i]);
          return FALSE;
        }
      if (field->type == KDX_FIELD_IMAGE)
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                       _("%s: a picture cannot be a spreadsheet column"), names[i]);
          return FALSE;
        }
      if (kdx_export_includes_field (field, flags))
        g_ptr_array_add (columns, (gpointer) field);
    }

  if (columns->len == 0)
    {
      g_set_error_literal (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                           _("No columns to export"));
      return FALSE;
    }

  sheet->n_columns = columns->len;
  sheet->columns = (const KdxField **) g_ptr_array_free (g_steal_pointer (&columns), FALSE);
  sheet->widths = g_new0 (double, sheet->n_columns);
  return TRUE;
}

/* How wide text looks: CJK characters and emoji take two cells. */
static double
display_width (const char *text)
{
  double widest = 0;
  double width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        {
          widest = MAX (widest, width);
          width = 0;
        }
      else
        width += g_unichar_iswide (c) ? 2 : 1;
    }
  return MAX (widest, width);
}

static void
note_width (Sheet  *sheet,
            guint   column,
            double  width)
{
  sheet->widths[column] = MAX (sheet->widths[column], width);
}

/* ---- CSV ------------------------------------------------------------------ */

/* RFC 4180: quoted when it holds a comma, a quote or a line break, with
 * quotes doubled. A value a spreadsheet would run as a formula (=, +, -,
 * @, tab or CR first: CSV injection, OWASP's rule) gets an apostrophe in
 * front and quotes, so Excel and Calc show it as text; Koldex's CSV
 * reader takes the apostrophe off again. */
static void
csv_append (GString    *line,
            const char *text)
{
  gboolean guard = kdx_value_csv_needs_guard (text);

  if (!guard && strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (line, text);
      return;
    }

  g_string_append_c (line, '"');
  if (guard)
    g_string_append_c (line, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static gboolean
csv_end_line (Sheet   *sheet,
              GError **error)
{
  g_string_append (sheet->line, "\r\n");
  if (!kdx_export_target_write (sheet->target, sheet->line->str, sheet->line->len, error))
    return FALSE;
  g_string_truncate (sheet->line, 0);
  return TRUE;
}

static gboolean
csv_write_row (Sheet        *sheet,
               const GValue *values,
               GError      **error)
{
  for (guint c = 0; c < sheet->n_columns; c++)
    {
      g_autofree char *text = kdx_field_to_string (sheet->columns[c], &values[c]);

      if (c > 0)
        g_string_append_c (sheet->line, ',');
      csv_append (sheet->line, text);
    }
  return csv_end_line (sheet, error);
}

/* ---- XLSX ----------------------------------------------------------------- */

static gboolean
xlsx_check (Sheet      *sheet,
            lxw_error   result)
{
  if (result != LXW_NO_ERROR && sheet->lxw_error == LXW_NO_ERROR)
    sheet->lxw_error = result;
  return result == LXW_NO_ERROR;
}

static void
xlsx_write_text (Sheet      *sheet,
                 lxw_row_t   row,
                 guint       column,
                 const char *text,
                 lxw_format *format)
{
  g_autofree char *clean = kdx_xml_sanitize_text (text);

  if (g_utf8_strlen (clean, -1) > XLSX_MAX_STRING)
    *g_utf8_offset_to_pointer (clean, XLSX_MAX_STRING) = '\0';
  note_width (sheet, column, display_width (clean));
  xlsx_check (sheet, worksheet_write_string (sheet->sheet, row, column, clean, format));
}

static gboolean
parse_date (const char   *text,
            lxw_datetime *datetime)
{
  int year, month, day;

  /* Excel's dates start in 1900; earlier ones stay text. */
  if (sscanf (text, "%4d-%2d-%2d", &year, &month, &day) != 3 || year < 1900)
    return FALSE;
  *datetime = (lxw_datetime) { year, month, day, 0, 0, 0 };
  return TRUE;
}

static gboolean
parse_datetime (const char   *text,
                lxw_datetime *datetime)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (text, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return FALSE;
  local = g_date_time_to_local (utc);
  if (g_date_time_get_year (local) < 1900)
    return FALSE;
  *datetime = (lxw_datetime) {
    g_date_time_get_year (local), g_date_time_get_month (local),
    g_date_time_get_day_of_month (local), g_date_time_get_hour (local),
    g_date_time_get_minute (local), g_date_time_get_second (local)
  };
  return TRUE;
}

static void
xlsx_write_row (Sheet        *sheet,
                lxw_row_t     row,
                const GValue *values)
{
  for (guint c = 0; c < sheet->n_columns; c++)
    {
      const KdxField *field = sheet->columns[c];
      const GValue *value = &values[c];
      g_autofree char *text = NULL;
      lxw_datetime datetime;

      if (!kdx_field_value_is_set (field, value))
        continue;
      text = kdx_field_to_string (field, value);

      switch (field->type)
        {
        case KDX_FIELD_INT:
          {
            /* Counts get thousands separators; ids and scores do not. */
            gboolean count = field->check == KDX_FIELD_CHECK_COUNT;
            g_autofree char *shown = count ? kdx_value_format_int (g_value_get_int64 (value))
                                           : g_strdup (text);

            note_width (sheet, c, display_width (shown));
            xlsx_check (sheet, worksheet_write_number (sheet->sheet, row, c,
                                                       (double) g_value_get_int64 (value),
                                                       count ? sheet->count_format : NULL));
          }
          break;

        case KDX_FIELD_DECIMAL:
          note_width (sheet, c, display_width (text) + 4);
          xlsx_check (sheet, worksheet_write_number (sheet->sheet, row, c,
                                                     g_ascii_strtod (text, NULL),
                                                     sheet->money_format));
          break;

        case KDX_FIELD_BOOL:
          note_width (sheet, c, 5);
          xlsx_check (sheet, worksheet_write_boolean (sheet->sheet, row, c,
                                                      g_value_get_boolean (value), NULL));
          break;

        case KDX_FIELD_DATE:
          if (parse_date (text, &datetime))
            {
              note_width (sheet, c, 10);
              xlsx_check (sheet, worksheet_write_datetime (sheet->sheet, row, c, &datetime,
                                                           sheet->date_format));
            }
          else
            xlsx_write_text (sheet, row, c, text, NULL);
          break;

        case KDX_FIELD_DATETIME:
          if (parse_datetime (text, &datetime))
            {
              note_width (sheet, c, 16);
              xlsx_check (sheet, worksheet_write_datetime (sheet->sheet, row, c, &datetime,
                                                           sheet->datetime_format));
            }
          else
            xlsx_write_text (sheet, row, c, text, NULL);
          break;

        default:
          xlsx_write_text (sheet, row, c, text, NULL);
          break;
        }
    }
}

static gboolean
xlsx_open (Sheet       *sheet,
           const char  *temp_path)
{
  /* Rows go straight to disk: 100,000 KOLs do not sit in memory. */
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };

  sheet->workbook = workbook_new_opt (temp_path, &options);
  if (sheet->workbook == NULL)
    return FALSE;
  sheet->sheet = workbook_add_worksheet (sheet->workbook, NULL);

  sheet->header_format = workbook_add_format (sheet->workbook);
  format_set_bold (sheet->header_format);
  sheet->date_format = workbook_add_format (sheet->workbook);
  format_set_num_format (sheet->date_format, "yyyy-mm-dd");
  sheet->datetime_format = workbook_add_format (sheet->workbook);
  format_set_num_format (sheet->datetime_format, "yyyy-mm-dd hh:mm");
  sheet->count_format = workbook_add_format (sheet->workbook);
  format_set_num_format (sheet->count_format, "#,##0");
  sheet->money_format = workbook_add_format (sheet->workbook);
  format_set_num_format (sheet->money_format, "#,##0.00");

  worksheet_freeze_panes (sheet->sheet, 1, 0);
  return TRUE;
}

static gboolean
xlsx_close (Sheet       *sheet,
            const char  *path,
            lxw_row_t    n_rows,
            GError     **error)
{
  lxw_error result;

  for (guint c = 0; c < sheet->n_columns; c++)
    worksheet_set_column (sheet->sheet, c, c,
                          CLAMP (sheet->widths[c] + 2, MIN_WIDTH, MAX_WIDTH), NULL);
  if (sheet->n_columns > 0)
    worksheet_autofilter (sheet->sheet, 0, 0, n_rows, sheet->n_columns - 1);

  result = workbook_close (g_steal_pointer (&sheet->workbook));
  xlsx_check (sheet, result);
  if (sheet->lxw_error != LXW_NO_ERROR)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: a file name, then libxlsxwriter's reason */
                   _("Cannot write %s: %s"), display, lxw_strerror (sheet->lxw_error));
      return FALSE;
    }
  return TRUE;
}

/* ---- rows ----------------------------------------------------------------- */

/* The rows as kdx_store_foreach_row() reads them: one SELECT, no KOL
 * files built (issue 16, item 3). */
typedef struct
{
  Sheet           *sheet;
  GCancellable    *cancellable;
  KdxProgressFunc  progress;
  gpointer         user_data;
  guint            n_done;
} Walk;

static gboolean
write_row (gint64         id,
           const GValue  *values,
           gpointer       data,
           GError       **error)
{
  Walk *walk = data;

  if (g_cancellable_set_error_if_cancelled (walk->cancellable, error))
    return FALSE;
  if (walk->sheet->format == KDX_SHEET_FORMAT_CSV)
    {
      if (!csv_write_row (walk->sheet, values, error))
        return FALSE;
    }
  else
    xlsx_write_row (walk->sheet, walk->n_done + 1, values);

  walk->n_done++;
  if (walk->progress != NULL)
    walk->progress (walk->n_done, walk->user_data);
  return TRUE;
}

/* ---- public --------------------------------------------------------------- */

static void
sheet_clear (Sheet *sheet)
{
  /* An unfinished workbook is closed to free it; its file is the
   * target's temporary one, removed with the target. */
  if (sheet->workbook != NULL)
    workbook_close (g_steal_pointer (&sheet->workbook));
  g_clear_pointer (&sheet->columns, g_free);
  g_clear_pointer (&sheet->widths, g_free);
  if (sheet->line != NULL)
    g_string_free (g_steal_pointer (&sheet->line), TRUE);
}

/**
 * kdx_sheet_export_file:
 * @ids: (nullable): the KOLs, one row each in this order; %NULL for all, by id
 * @columns: (nullable): field names of the KOL file, one column each in
 *   this order; %NULL for kdx_sheet_export_default_columns()
 * @flags: %KDX_EXPORT_NO_CONTACT drops the contact columns, even when
 *   @columns names them
 *
 * Writes an XLSX workbook (a bold, frozen header row; typed cells; column
 * widths that fit the values) or a CSV file (UTF-8 with a byte order
 * mark, which Excel on Chinese Windows needs to read it as UTF-8; quoted
 * as RFC 4180 says). The file appears only when the export succeeds.
 */
gboolean
kdx_sheet_export_file (KdxStore           *store,
                       const char         *path,
                       KdxSheetFormat      format,
                       GArray             *ids,
                       const char *const  *columns,
                       KdxExportFlags      flags,
                       GCancellable       *cancellable,
                       KdxProgressFunc     progress,
                       gpointer            user_data,
                       GError            **error)
{
  g_autoptr(KdxExportTarget) target = NULL;
  Sheet sheet = { .format = format };
  lxw_row_t n_rows = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (KDX_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!resolve_columns (&sheet, columns, flags, error))
    goto out;
  if ((target = kdx_export_target_open (path,
                                        kdx_export_columns_hold_contact (sheet.columns, sheet.n_columns),
                                        error)) == NULL)
    goto out;

  if (format == KDX_SHEET_FORMAT_CSV)
    {
      sheet.target = target;
      sheet.line = g_string_new ("\xEF\xBB\xBF");
      for (guint c = 0; c < sheet.n_columns; c++)
        {
          if (c > 0)
            g_string_append_c (sheet.line, ',');
          csv_append (sheet.line, kdx_field_get_label (sheet.columns[c]));
        }
      if (!csv_end_line (&sheet, error))
        goto out;
    }
  else
    {
      if (!xlsx_open (&sheet, kdx_export_target_get_temp_path (target)))
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Cannot write %s"), display);
          goto out;
        }
      for (guint c = 0; c < sheet.n_columns; c++)
        {
          const char *label = kdx_field_get_label (sheet.columns[c]);

          note_width (&sheet, c, display_width (label));
          xlsx_check (&sheet, worksheet_write_string (sheet.sheet, 0, c, label,
                                                      sheet.header_format));
        }
    }

  {
    Walk walk = { &sheet, cancellable, progress, user_data, 0 };

    if (!kdx_store_foreach_row (store, ids, sheet.columns, sheet.n_columns, write_row, &walk, error))
      goto out;
    n_rows = walk.n_done;
  }

  if (format == KDX_SHEET_FORMAT_XLSX && !xlsx_close (&sheet, path, n_rows, error))
    goto out;

  ok = kdx_export_target_commit (target, error);

out:
  sheet_clear (&sheet);
  return ok;
}
