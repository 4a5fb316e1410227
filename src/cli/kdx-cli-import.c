/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kdx-cli-commands.h"
#include "kdx-cli-util.h"
#include "kdx-json-writer.h"
#include "kdx-xml-import.h"
#include "kdx-xml.h"
#include "kdx-column-mapper.h"
#include "kdx-enum-types.h"
#include "kdx-error.h"
#include "kdx-importer.h"
#include "kdx-sheet-chooser.h"
#include "kdx-json-writer.h"
#include "kdx-table-reader.h"

/* preview and import: candidate lists from CSV/TSV/TXT, XLSX and ODS. */

#define EXIT_PARTIAL 3 /* some rows or values left out, the rest imported */

static const char preview_parameters[] = N_("FILE [--sheet NAME|N] [--rows N] [--json]");
static const char preview_summary[] =
  N_("Show how a spreadsheet will be read: its sheets, the header row, the first rows and "
     "which field each column goes to. Changes nothing.");
static const char import_parameters[] =
  N_("FILE [--sheet NAME|N] [--map HEADER=FIELD]… [--on-duplicate skip|merge|new] [--dry-run] [--json]");
static const char import_summary[] =
  N_("Import a candidate list (CSV, TSV, TXT, XLSX or ODS, known by its content). Rows become "
     "Candidates unless a column gives the stage. A value that does not fit its field is left "
     "out and reported; the rest of its row is imported. All rows land in one transaction. Exit "
     "status 0 when everything was imported, 3 when some rows or values were left out and the "
     "rest imported, 1 when nothing was imported (also when no sheet has rows to import).");

/* "," ";" "|" "tab" or "\t". */
static gboolean
parse_delimiter (const char *text,
                 char       *delimiter,
                 int        *status)
{
  if (text == NULL)
    {
      *delimiter = 0;
      return TRUE;
    }
  if (g_ascii_strcasecmp (text, "tab") == 0 || g_str_equal (text, "\\t") || g_str_equal (text, "\t"))
    *delimiter = '\t';
  else if (strlen (text) == 1 && strchr (",;|", text[0]) != NULL)
    *delimiter = text[0];
  else
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a separator: use , ; | or tab"), text);
      *status = kdx_cli_fail (message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
take_file (int          argc,
           char       **argv,
           const char **file,
           int         *status)
{
  if (argc < 2)
    {
      *status = kdx_cli_fail (_("Give the spreadsheet FILE to read"));
      return FALSE;
    }
  if (argc > 2)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argv[2]);
      *status = kdx_cli_fail (message);
      return FALSE;
    }
  *file = argv[1];
  return TRUE;
}

static int
fail_for_file (const char *file,
               GError     *error)
{
  g_autofree char *name = g_filename_display_basename (file);
  g_autofree char *message = g_strdup_printf ("%s: %s", name, error != NULL ? error->message
                                              : _("The command failed for an unknown reason"));

  return kdx_cli_fail (message);
}

/* ---- preview -------------------------------------------------------------- */

static void
write_cells (KdxJsonWriter *writer,
             GPtrArray     *cells,
             guint          width)
{
  kdx_json_writer_begin_array (writer);
  for (guint i = 0; i < MAX (width, cells->len); i++)
    kdx_json_writer_string (writer, i < cells->len ? ((KdxCell *) g_ptr_array_index (cells, i))->text : "");
  kdx_json_writer_end_array (writer);
}

static void
print_cells (GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    {
      g_autofree char *text = g_strdup (((KdxCell *) g_ptr_array_index (cells, i))->text);

      g_strdelimit (text, "\t\r\n", ' ');
      kdx_cli_out ("%s%s", i > 0 ? "\t" : "", text);
    }
  kdx_cli_out ("\n");
}

int
kdx_cli_preview (const char  *database,
                 int          argc,
                 char       **argv)
{
  g_autofree char *sheet = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *delimiter_text = NULL;
  int n_rows = 10;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet,
      N_("The sheet to read, by name or number from 1 (default: the one that looks most like a list)"), N_("NAME|N") },
    { "rows", 0, 0, G_OPTION_ARG_INT, &n_rows,
      N_("How many rows after the header to show (default: 10)"), N_("N") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding,
      N_("The text encoding of a CSV file, such as GB18030, BIG5 or UTF-8 (default: detected)"), N_("ENCODING") },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &delimiter_text,
      N_("The separator of a CSV file: , ; | or tab (default: detected)"), N_("SEPARATOR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON object: format, encoding, delimiter, sheets, sheet, header, rows, mapping"), NULL },
    { NULL }
  };
  KdxTableReaderOptions options = { NULL, 0, NULL };
  g_autoptr(KdxTableReader) reader = NULL;
  g_autoptr(KdxColumnMapper) mapper = kdx_column_mapper_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  g_autofree char *best_sheet = NULL;
  const char *const *sheets;
  const char *file;
  GPtrArray *header_cells;
  guint header;
  guint width;
  int status = 0;

  if (!kdx_cli_parse_options ("preview", _(preview_parameters), _(preview_summary),
                              entries, &argc, &argv, &status))
    return status;
  if (!take_file (argc, argv, &file, &status))
    return status;
  if (n_rows < 0)
    return kdx_cli_fail (_("--rows needs a number from 0"));
  if (!parse_delimiter (delimiter_text, &options.delimiter, &status))
    return status;
  options.encoding = encoding;
  options.sheet = sheet;

  /* Show the sheet the import would read. */
  if (sheet == NULL && (best_sheet = kdx_sheet_chooser_pick (file, &options, &error)) == NULL)
    return fail_for_file (file, error);
  if (sheet == NULL)
    options.sheet = best_sheet;

  if ((reader = kdx_table_reader_open (file, &options, &error)) == NULL)
    return fail_for_file (file, error);

  /* The header may sit below a title row or two; read on until it and
   * the rows to show are in. */
  while (rows->len < KDX_IMPORT_HEADER_SEARCH_ROWS + (guint) n_rows)
    {
      guint number = 0;
      GPtrArray *cells = kdx_table_reader_next_row (reader, &number, &error);

      if (cells == NULL)
        break;
      g_ptr_array_add (rows, cells);
      g_array_append_val (numbers, number);
    }
  if (error != NULL)
    return fail_for_file (file, error);

  sheets = kdx_table_reader_get_sheets (reader);

  if (rows->len > 0)
    {
      header = kdx_column_mapper_find_header (mapper, rows);
      header_cells = g_ptr_array_index (rows, header);
      if (!kdx_column_mapper_set_header (mapper, header_cells, g_array_index (numbers, guint, header), &error))
        return fail_for_file (file, error);
    }
  else
    {
      header = 0;
      header_cells = NULL;
    }
  width = kdx_column_mapper_get_n_columns (mapper);

  if (json)
    {
      g_autoptr(KdxJsonWriter) writer = kdx_json_writer_new (TRUE);
      char delimiter[2] = { kdx_table_reader_get_delimiter (reader), '\0' };

      kdx_json_writer_begin_object (writer);
      kdx_json_writer_member (writer, "format");
      kdx_json_writer_string (writer, kdx_table_reader_get_format (reader));
      kdx_json_writer_member (writer, "encoding");
      if (kdx_table_reader_get_encoding (reader) != NULL)
        kdx_json_writer_string (writer, kdx_table_reader_get_encoding (reader));
      else
        kdx_json_writer_null (writer);
      kdx_json_writer_member (writer, "delimiter");
      if (delimiter[0] != 0)
        kdx_json_writer_string (writer, delimiter);
      else
        kdx_json_writer_null (writer);
      kdx_json_writer_member (writer, "sheets");
      kdx_json_writer_begin_array (writer);
      for (guint i = 0; sheets[i] != NULL; i++)
        kdx_json_writer_string (writer, sheets[i]);
      kdx_json_writer_end_array (writer);
      kdx_json_writer_member (writer, "sheet");
      kdx_json_writer_string (writer, sheets[kdx_table_reader_get_sheet_index (reader)]);
      kdx_json_writer_member (writer, "header_row");
      if (header_cells != NULL)
        kdx_json_writer_int (writer, g_array_index (numbers, guint, header));
      else
        kdx_json_writer_null (writer);
      kdx_json_writer_member (writer, "header");
      kdx_json_writer_begin_array (writer);
      for (guint i = 0; i < width; i++)
        kdx_json_writer_string (writer, kdx_column_mapper_get_header (mapper, i));
      kdx_json_writer_end_array (writer);
      kdx_json_writer_member (writer, "rows");
      kdx_json_writer_begin_array (writer);
      for (guint i = header + 1; i < rows->len && i <= header + (guint) n_rows; i++)
        write_cells (writer, g_ptr_array_index (rows, i), width);
      kdx_json_writer_end_array (writer);
      kdx_json_writer_member (writer, "mapping");
      kdx_json_writer_begin_object (writer);
      for (guint i = 0; i < width; i++)
        {
          const char *field = kdx_column_mapper_get_field (mapper, i);

          kdx_json_writer_member (writer, kdx_column_mapper_get_header (mapper, i));
          if (field != NULL)
            kdx_json_writer_string (writer, field);
          else
            kdx_json_writer_null (writer);
        }
      kdx_json_writer_end_object (writer);
      kdx_json_writer_end_object (writer);
      kdx_cli_out ("%s\n", kdx_json_writer_get_text (writer));
      return 0;
    }

  kdx_cli_out (_("Format: %s\n"), kdx_table_reader_get_format (reader));
  if (kdx_table_reader_get_encoding (reader) != NULL)
    kdx_cli_out (_("Encoding: %s\n"), kdx_table_reader_get_encoding (reader));
  if (kdx_table_reader_get_delimiter (reader) != 0)
    kdx_cli_out (_("Separator: %s\n"),
                 kdx_table_reader_get_delimiter (reader) == '\t' ? "tab"
                 : (char[]) { kdx_table_reader_get_delimiter (reader), '\0' });
  kdx_cli_out (_("Sheet: %s (of %u)\n"), sheets[kdx_table_reader_get_sheet_index (reader)],
               g_strv_length ((char **) sheets));
  kdx_cli_out (_("Columns:\n"));
  for (guint i = 0; i < width; i++)
    {
      const char *field = kdx_column_mapper_get_field (mapper, i);
      g_autofree char *scale = NULL;

      if (kdx_column_mapper_get_scale (mapper, i) > 0)
        {
          g_autofree char *factor = kdx_column_mapper_get_scale_factor (mapper, i);
          scale = g_strdup_printf (_(" (plain numbers × %s)"), factor);
        }
      kdx_cli_out ("  %s → %s%s\n", kdx_column_mapper_get_header (mapper, i),
                   field != NULL ? field : _("(not mapped)"), scale != NULL ? scale : "");
    }
  kdx_cli_out (_("Rows:\n"));
  for (guint i = header + 1; i < rows->len && i <= header + (guint) n_rows; i++)
    {
      kdx_cli_out ("  %u\t", g_array_index (numbers, guint, i));
      print_cells (g_ptr_array_index (rows, i));
    }
  return 0;
}

/* ---- import --------------------------------------------------------------- */

/* A Koldex XML file: files matched by uid are updated, others added or,
 * when they are the same person under another uid, handled by @policy. */
static int
import_xml (KdxStore   *store,
            const char *file,
            int         policy,
            gboolean    json)
{
  g_autoptr(KdxXmlImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = kdx_xml_import_file (store, file, policy, NULL, NULL, NULL, &report, &error);
  /* Rows written into a database whose file has gone are not saved. */
  if (ok && !kdx_store_check_in_place (store, &error))
    return kdx_cli_fail_error (error);

  if (json)
    {
      g_autoptr(KdxJsonWriter) writer = kdx_json_writer_new (TRUE);

      kdx_json_writer_begin_object (writer);
      kdx_json_writer_member (writer, "format");
      kdx_json_writer_string (writer, "koldex-xml");
      kdx_json_writer_member (writer, "imported");
      kdx_json_writer_bool (writer, ok);
#define COUNT(name) \
      kdx_json_writer_member (writer, #name); \
      kdx_json_writer_int (writer, report != NULL ? report->name : 0);
      COUNT (created)
      COUNT (updated)
      COUNT (unchanged)
      COUNT (merged)
      COUNT (skipped)
#undef COUNT
      kdx_json_writer_member (writer, "problems");
      kdx_json_writer_begin_array (writer);
      for (guint i = 0; report != NULL && report->issues != NULL && i < report->issues->len; i++)
        {
          KdxXmlIssue *issue = g_ptr_array_index (report->issues, i);

          kdx_json_writer_begin_object (writer);
          kdx_json_writer_member (writer, "line");
          kdx_json_writer_int (writer, issue->line);
          kdx_json_writer_member (writer, "column");
          kdx_json_writer_int (writer, issue->column);
          kdx_json_writer_member (writer, "reason");
          kdx_json_writer_string (writer, issue->message);
          kdx_json_writer_end_object (writer);
        }
      kdx_json_writer_end_array (writer);
      kdx_json_writer_end_object (writer);
      kdx_cli_out ("%s\n", kdx_json_writer_get_text (writer));
    }

  if (!ok)
    return error != NULL ? kdx_cli_fail_error (error) : kdx_cli_fail (_("The file was not imported"));

  if (!json)
    {
      g_autofree char *name = g_filename_display_basename (file);
      kdx_cli_out (_("%s: %u created, %u updated, %u unchanged, %u merged, %u skipped as duplicates\n"),
                   name, report->created, report->updated, report->unchanged, report->merged, report->skipped);
    }
  return 0;
}

int
kdx_cli_import (const char  *database,
                int          argc,
                char       **argv)
{
  g_autofree char *sheet = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *delimiter_text = NULL;
  g_autofree char *policy_text = NULL;
  g_autofree char *unmapped_text = NULL;
  g_auto(GStrv) maps = NULL;
  gboolean dry_run = FALSE;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet,
      N_("The sheet to import, by name or number from 1 (default: the one that looks most like a list)"), N_("NAME|N") },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps,
      N_("Import the column headed HEADER into FIELD; an empty FIELD skips the column (repeatable)"),
      N_("HEADER=FIELD") },
    { "on-duplicate", 0, 0, G_OPTION_ARG_STRING, &policy_text,
      N_("A row with the phone, WeChat ID or platform and handle of a stored KOL: skip it, "
         "merge it into the stored file (fills empty fields) or add it as new (default: skip)"),
      N_("skip|merge|new") },
    { "unmapped", 0, 0, G_OPTION_ARG_STRING, &unmapped_text,
      N_("Columns that map to no field: add them to the notes, or skip them (default: notes)"),
      N_("notes|skip") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding,
      N_("The text encoding of a CSV file, such as GB18030, BIG5 or UTF-8 (default: detected)"), N_("ENCODING") },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &delimiter_text,
      N_("The separator of a CSV file: , ; | or tab (default: detected)"), N_("SEPARATOR") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Do everything but save: report what the import would do"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the report as a JSON object"), NULL },
    { NULL }
  };
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxImporter) importer = NULL;
  g_autoptr(KdxImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  KdxUnmappedPolicy unmapped = KDX_UNMAPPED_NOTES;
  int policy = KDX_DUPLICATE_SKIP;
  const char *file;
  char delimiter;
  int status = 0;

  if (!kdx_cli_parse_options ("import", _(import_parameters), _(import_summary),
                              entries, &argc, &argv, &status))
    return status;
  if (!take_file (argc, argv, &file, &status))
    return status;
  if (!parse_delimiter (delimiter_text, &delimiter, &status))
    return status;
  if (policy_text != NULL && !kdx_enum_from_string (KDX_TYPE_DUPLICATE_POLICY, policy_text, &policy))
    {
      g_autofree char *message = g_strdup_printf (_("--on-duplicate: “%s” is not one of: skip, merge, new"),
                                                  policy_text);
      return kdx_cli_fail (message);
    }
  if (unmapped_text != NULL)
    {
      if (g_str_equal (unmapped_text, "notes"))
        unmapped = KDX_UNMAPPED_NOTES;
      else if (g_str_equal (unmapped_text, "skip"))
        unmapped = KDX_UNMAPPED_SKIP;
      else
        {
          g_autofree char *message = g_strdup_printf (_("--unmapped: “%s” is not one of: notes, skip"),
                                                      unmapped_text);
          return kdx_cli_fail (message);
        }
    }

  if ((store = kdx_cli_open_store (database, &status)) == NULL)
    return status;

  /* Koldex XML is recognised by its content, whatever the file's name.
   * XML with a DOCTYPE goes to the XML importer too, which refuses it
   * for that reason; the CSV reader would only say it found no names. */
  if (kdx_xml_is_koldex_file (file) || kdx_xml_file_has_doctype (file))
    {
      if (dry_run || maps != NULL || sheet != NULL)
        return kdx_cli_fail (_("--dry-run, --map and --sheet are for spreadsheets; a Koldex XML file "
                               "is imported whole or not at all"));
      return import_xml (store, file, policy, json);
    }

  importer = kdx_importer_new (store);
  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    {
      /* The last "=": a field name never holds one, a header might. */
      char *equals = strrchr (maps[i], '=');

      if (equals == NULL || equals == maps[i])
        {
          g_autofree char *message = g_strdup_printf (_("--map: “%s” is not HEADER=FIELD"), maps[i]);
          return kdx_cli_fail (message);
        }
      *equals = '\0';
      if (!kdx_importer_add_mapping (importer, maps[i], equals + 1, &error))
        {
          g_prefix_error (&error, "--map: ");
          return kdx_cli_fail_error (error);
        }
    }
  kdx_importer_set_sheet (importer, sheet);
  kdx_importer_set_encoding (importer, encoding);
  kdx_importer_set_delimiter (importer, delimiter);
  kdx_importer_set_duplicate_policy (importer, policy);
  kdx_importer_set_unmapped_policy (importer, unmapped);
  kdx_importer_set_dry_run (importer, dry_run);

  if ((report = kdx_importer_run (importer, file, NULL, &error)) == NULL
      || (!dry_run && !kdx_store_check_in_place (store, &error)))
    return kdx_cli_fail_error (error);

  if (json)
    {
      g_autoptr(KdxJsonWriter) writer = kdx_json_writer_new (TRUE);

      kdx_import_report_write_json (report, writer);
      kdx_cli_out ("%s\n", kdx_json_writer_get_text (writer));
    }
  else
    {
      g_autofree char *name = g_filename_display_basename (file);

      kdx_cli_out (_("%s: %u rows read: %u created, %u merged, %u skipped as duplicates, %u rejected\n"),
                   name, kdx_import_report_get_rows_read (report),
                   kdx_import_report_get_count (report, KDX_IMPORT_CREATED),
                   kdx_import_report_get_count (report, KDX_IMPORT_MERGED),
                   kdx_import_report_get_count (report, KDX_IMPORT_SKIPPED),
                   kdx_import_report_get_count (report, KDX_IMPORT_REJECTED));
      if (kdx_import_report_get_n_warned (report) > 0)
        kdx_cli_out (_("%u rows imported without a value that did not fit (below)\n"),
                     kdx_import_report_get_n_warned (report));
      for (guint i = 0; i < kdx_import_report_get_n_problems (report); i++)
        {
          const KdxImportProblem *problem = kdx_import_report_get_problem (report, i);
          g_autofree char *reason = g_strdup (problem->reason);

          g_strdelimit (reason, "\r\n", ' ');
          if (*problem->column != '\0' && problem->outcome != KDX_IMPORT_REJECTED)
            kdx_cli_out (_("Row %u, column %s: “%s” %s (the row was imported without it)\n"),
                         problem->row, problem->column, problem->value, reason);
          else if (*problem->column != '\0')
            kdx_cli_out (_("Row %u, column %s: “%s” %s\n"), problem->row, problem->column,
                         problem->value, reason);
          else
            kdx_cli_out (_("Row %u: %s\n"), problem->row, reason);
        }
      if (dry_run)
        kdx_cli_out (_("Dry run: nothing was saved.\n"));
    }

  /* A value left out is something left out, as much as a row. */
  return kdx_import_report_get_count (report, KDX_IMPORT_REJECTED) > 0
         || kdx_import_report_get_n_problems (report) > 0 ? EXIT_PARTIAL : 0;
}
