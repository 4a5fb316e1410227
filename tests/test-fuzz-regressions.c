/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-fuzz-regressions"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "kdx-store.h"
#include "kdx-table-reader.h"
#include "kdx-test-util.h"
#include "kdx-value.h"
#include "kdx-xml-import.h"

/* Every input a fuzzer of tests/fuzz found a fault with (issue 15), kept
 * in tests/fuzz/regressions/ and fed here through the same public API
 * the CLI and the import assistant use: spreadsheets through
 * kdx_table_reader_open and every row of every sheet, Koldex XML through
 * kdx_xml_import_file into a fresh database, values (values-*.txt, a
 * value a line) through the parsers of kdx-value.c. Each must keep the promises
 * the fuzzers check (a reader that returns nothing says why; cells and
 * messages are UTF-8; a refused file leaves the database as it was; no
 * warning or critical), and what the file should give is written below. */

typedef struct
{
  const char *file;
  const char *first_cell; /* opens, and its first row starts with this */
  const char *error_part; /* refused, with this in the message */
} Expectation;

static const Expectation expectations[] = {
  /* An ODS whose mimetype member is empty: g_strndup (NULL, 0) made the
   * type NULL and g_strstrip () failed a critical. content.xml decides. */
  { "ods-empty-mimetype.ods", "Name", NULL },
  /* libxml2 quotes the namespace it read, invalid UTF-8 and all; the
   * message went into the error and the report as it was. */
  { "xml-namespace-not-utf8.xml", NULL, "is not a valid URI" },
  /* An <si> inside an <si> in the shared strings: the outer one's text
   * was overwritten and leaked (the leak fails this case under valgrind
   * and under build-aux/test --sanitize). The inner string is the first. */
  { "xlsx-shared-string-nested.xlsx", "Name", NULL },
  /* "596年1月1日" was taken as the date 0596-01-01, and that, Koldex's own
   * way of writing it, was then refused: such a birthday could not come
   * back from an export. Every value here must read back as itself. */
  { "values-year-before-1000.txt", NULL, NULL },
  /* A count of 18 nines is taken, and formatting it as "1000000000亿"
   * multiplied it by ten first: signed overflow (UBSan in fuzz-mapper;
   * the same fault as issue 15's item 3, fixed the same way). */
  { "values-count-overflow.txt", NULL, NULL },
  /* Mostly ASCII with one F6 BD 96 9D sequence (beyond U+10FFFF):
   * uchardet said UTF-8, iconv's UTF-8 passed the sequence through, and a
   * cell that was not UTF-8 reached the mapper (fuzz-csv on the merged
   * main). Refused: it is neither UTF-8 nor what Koldex falls back to. */
  { "csv-utf8-beyond-unicode.csv", NULL, "text (choose its encoding)" },
};

static const char *
regressions_dir (void)
{
  const char *dir = g_getenv ("KDX_FUZZ_REGRESSIONS");

  g_assert_nonnull (dir);
  return dir;
}

static const Expectation *
find_expectation (const char *file)
{
  for (guint i = 0; i < G_N_ELEMENTS (expectations); i++)
    if (g_str_equal (expectations[i].file, file))
      return &expectations[i];
  g_error ("%s has no expectation in test-fuzz-regressions.c: say what it should give", file);
  return NULL;
}

static void
assert_message (const char        *message,
                const Expectation *expected)
{
  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  g_assert_true (g_utf8_validate (message, -1, NULL));
  if (expected->error_part != NULL)
    g_assert_nonnull (strstr (message, expected->error_part));
}

static void
check_spreadsheet (const char        *path,
                   const Expectation *expected)
{
  KdxTableReaderOptions options = { NULL, 0, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxTableReader) reader = kdx_table_reader_open (path, &options, &error);
  const char *const *sheets;
  gboolean first = TRUE;

  if (reader == NULL)
    {
      g_assert_nonnull (error);
      g_assert_nonnull (expected->error_part);
      assert_message (error->message, expected);
      return;
    }
  g_assert_no_error (error);
  g_assert_null (expected->error_part);

  sheets = kdx_table_reader_get_sheets (reader);
  for (guint i = 0; sheets == NULL || i < MAX (g_strv_length ((char **) sheets), 1); i++)
    {
      GPtrArray *row;
      guint row_number;

      if (i > 0)
        g_assert_true (kdx_table_reader_select_sheet (reader, i, &error));
      while ((row = kdx_table_reader_next_row (reader, &row_number, &error)) != NULL)
        {
          for (guint j = 0; j < row->len; j++)
            {
              KdxCell *cell = g_ptr_array_index (row, j);
              g_assert_true (g_utf8_validate (cell->text, -1, NULL));
            }
          if (first)
            {
              g_assert_cmpuint (row->len, >, 0);
              g_assert_cmpstr (((KdxCell *) g_ptr_array_index (row, 0))->text, ==, expected->first_cell);
              first = FALSE;
            }
          g_ptr_array_unref (row);
        }
      if (error != NULL)
        assert_message (error->message, &(Expectation) { NULL, NULL, NULL });
      g_clear_error (&error);
      if (sheets == NULL)
        break;
    }
  g_assert_false (first);
}

static void
check_xml (const char        *path,
           const Expectation *expected)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = g_build_filename (dir, "fuzz.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_store_open (database, &error);
  g_autoptr(KdxXmlImportReport) report = NULL;
  gboolean ok;

  g_assert_no_error (error);
  ok = kdx_xml_import_file (store, path, KDX_DUPLICATE_SKIP, NULL, NULL, NULL, &report, &error);
  if (expected->error_part == NULL)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpint (kdx_test_count_kols (store), ==, report->created);
    }
  else
    {
      g_assert_false (ok);
      g_assert_nonnull (error);
      assert_message (error->message, expected);
      g_assert_nonnull (report);
      for (guint i = 0; i < report->issues->len; i++)
        {
          KdxXmlIssue *issue = g_ptr_array_index (report->issues, i);
          g_assert_true (g_utf8_validate (issue->message, -1, NULL));
        }
      g_assert_cmpint (kdx_test_count_kols (store), ==, 0);
    }
  g_clear_object (&store);
  kdx_test_remove_database (database);
  g_rmdir (dir);
}

/* What a parser accepts is its own canonical form, and reads back so. */
static void
check_values (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n_values = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *date = kdx_value_parse_date (lines[i]);
      g_autofree char *datetime = kdx_value_parse_datetime (lines[i]);
      g_autofree char *decimal = kdx_value_parse_decimal (lines[i]);
      gint64 count;

      if (date != NULL)
        {
          g_autofree char *again = kdx_value_parse_date (date);
          g_assert_cmpstr (again, ==, date);
          n_values++;
        }
      if (datetime != NULL)
        {
          g_autofree char *again = kdx_value_parse_datetime (datetime);
          g_assert_cmpstr (again, ==, datetime);
        }
      if (decimal != NULL)
        {
          g_autofree char *again = kdx_value_parse_decimal (decimal);
          g_assert_cmpstr (again, ==, decimal);
        }
      if (kdx_value_parse_count (lines[i], &count))
        {
          g_autofree char *exact = kdx_value_format_int (count);
          g_autofree char *western = kdx_value_format_count (count, KDX_COUNT_STYLE_WESTERN);
          g_autofree char *chinese = kdx_value_format_count (count, KDX_COUNT_STYLE_CHINESE);
          gint64 again = -1;

          g_assert_cmpint (count, >=, 0);
          g_assert_true (kdx_value_parse_count (exact, &again));
          g_assert_cmpint (again, ==, count);
          /* Approximate, but never negative or garbled. */
          g_assert_null (strchr (western, '-'));
          g_assert_null (strchr (chinese, '-'));
          n_values++;
        }
    }
  g_assert_cmpuint (n_values, >, 0);
}

static void
test_regression (gconstpointer data)
{
  const char *file = data;
  const Expectation *expected = find_expectation (file);
  g_autofree char *path = g_build_filename (regressions_dir (), file, NULL);

  if (g_str_has_prefix (file, "values-"))
    check_values (path);
  else if (g_str_has_suffix (file, ".xml"))
    check_xml (path, expected);
  else
    check_spreadsheet (path, expected);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *name;

  g_test_init (&argc, &argv, NULL);

  dir = g_dir_open (regressions_dir (), 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (files, g_strdup (name));
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  /* Every file of the folder is a test case: a file without an
   * expectation fails its case, so none is forgotten. */
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *test_path = g_strconcat ("/fuzz/regressions/", (char *) files->pdata[i], NULL);
      g_test_add_data_func (test_path, files->pdata[i], test_regression);
    }
  return g_test_run ();
}
