/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-readers"

#include "config.h"

#include "kdx-csv-reader.h"
#include "kdx-enums.h"
#include "kdx-error.h"
#include "kdx-store.h"
#include "kdx-table-reader.h"
#include "kdx-test-util.h"
#include "kdx-xlsx-reader.h"

/* Reading candidate lists: the fixtures in tests/import (written by
 * tests/import/make-fixtures.py) hold the same three candidates in every
 * encoding and format (CSV and text, XLSX, ODS); each import is read back
 * through the store. */

static KdxKol *
load_created (KdxStore        *store,
              KdxImportReport *report,
              guint            index)
{
  GArray *ids = kdx_import_report_get_kol_ids (report, KDX_IMPORT_CREATED);
  g_autoptr(GError) error = NULL;
  KdxKol *kol;

  g_assert_cmpuint (index, <, ids->len);
  kol = kdx_store_load_kol (store, g_array_index (ids, gint64, index), &error);
  g_assert_no_error (error);
  return kol;
}

typedef enum
{
  HAS_REAL_NAME = 1 << 0,
  HAS_WECHAT    = 1 << 1,
  HAS_PLATFORM  = 1 << 2,
  HAS_PHONE     = 1 << 3,
  HAS_NOTES     = 1 << 4,
  HAS_FOLLOWERS = 1 << 5,
  HAS_ALL       = 0x3f,
} Columns;

/* The three candidates every fixture holds (see make-fixtures.py). */
static void
assert_candidates (KdxStore        *store,
                   KdxImportReport *report,
                   Columns          columns,
                   gboolean         traditional)
{
  g_autoptr(KdxKol) mei = NULL;
  g_autoptr(KdxKol) jie = NULL;
  g_autoptr(KdxKol) wang = NULL;

  g_assert_cmpuint (kdx_import_report_get_rows_read (report), ==, 3);
  g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_CREATED), ==, 3);
  g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_REJECTED), ==, 0);
  g_assert_cmpuint (kdx_import_report_get_n_problems (report), ==, 0);
  g_assert_cmpint (kdx_test_count_kols (store), ==, 3);

  mei = load_created (store, report, 0);
  jie = load_created (store, report, 1);
  wang = load_created (store, report, 2);

  g_assert_cmpstr (kdx_kol_get_display_name (mei), ==, "小美");
  g_assert_cmpstr (kdx_kol_get_display_name (jie), ==, "阿杰");
  g_assert_cmpstr (kdx_kol_get_display_name (wang), ==, "老王");

  for (KdxKol **kol = (KdxKol *[]) { mei, jie, wang, NULL }; *kol != NULL; kol++)
    g_assert_cmpint (kdx_kol_get_stage (*kol), ==, KDX_STAGE_CANDIDATE);

  kdx_test_assert_string (mei, "birthday", "1995-03-08");
  kdx_test_assert_string (jie, "birthday", "1990-07-15");
  kdx_test_assert_string (wang, "birthday", "1988-02-01");

  if (columns & HAS_FOLLOWERS)
    {
      g_assert_cmpint (kdx_kol_get_followers (mei), ==, 125000);
      g_assert_cmpint (kdx_kol_get_followers (jie), ==, 12000);
      g_assert_cmpint (kdx_kol_get_followers (wang), ==, 3000);
    }
  if (columns & HAS_REAL_NAME)
    {
      kdx_test_assert_string (mei, "real-name", "王小美");
      kdx_test_assert_string (jie, "real-name", "李杰");
      kdx_test_assert_string (wang, "real-name", NULL);
    }
  if (columns & HAS_PLATFORM)
    {
      g_assert_cmpstr (kdx_kol_get_platform (mei), ==, "xiaohongshu");
      g_assert_cmpstr (kdx_kol_get_platform (jie), ==, "weibo");
      g_assert_cmpstr (kdx_kol_get_platform (wang), ==, "bilibili");
    }
  if (columns & HAS_WECHAT)
    {
      kdx_test_assert_string (mei, "wechat", "xiaomei_88");
      kdx_test_assert_string (jie, "wechat", "ajie");
      kdx_test_assert_string (wang, "wechat", NULL);
    }
  if (columns & HAS_PHONE)
    {
      kdx_test_assert_string (mei, "phone", "13800138000");
      kdx_test_assert_string (jie, "phone", "+8613900000001");
      kdx_test_assert_string (wang, "phone", "13700000002");
    }
  if (columns & HAS_NOTES)
    {
      kdx_test_assert_string (mei, "notes", traditional ? "喜歡貓\n不喝咖啡" : "喜欢猫\n不喝咖啡");
      kdx_test_assert_string (jie, "notes", "He said \"hi\", ok");
    }
}

static void
check_fixture (const char *name,
               const char *sheet,
               Columns     columns,
               gboolean    traditional)
{
  g_autoptr(KdxStore) store = kdx_test_open_tmp_store ();
  g_autoptr(KdxImportReport) report = kdx_test_import_file (store, name, sheet);

  assert_candidates (store, report, columns, traditional);
}

/* ---- text files ----------------------------------------------------------- */

static void
test_csv_utf8_bom (void)
{
  check_fixture ("utf8-bom.csv", NULL, HAS_ALL, FALSE);
}

static void
test_csv_gb18030 (void)
{
  g_autoptr(KdxStore) store = kdx_test_open_tmp_store ();
  g_autoptr(KdxImportReport) report = kdx_test_import_file (store, "gb18030.csv", NULL);
  g_autofree char *path = kdx_test_fixture ("gb18030.csv");
  g_autoptr(KdxTableReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  /* The title row above the header is passed over. */
  assert_candidates (store, report, HAS_ALL, FALSE);

  reader = kdx_table_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdx_table_reader_get_encoding (reader), ==, "GB18030");
  g_assert_cmpint (kdx_table_reader_get_delimiter (reader), ==, ',');
}

/* A 0-byte file: the reader returned nothing and said nothing, and the
 * CLI crashed on the missing error (issue 15). */
static void
test_csv_empty (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "empty.csv", NULL);
  g_autoptr(KdxTableReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  reader = kdx_table_reader_open (path, NULL, &error);
  g_assert_null (reader);
  g_assert_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE);
  g_assert_cmpstr (error->message, ==, "the file is empty");

  /* Decoding nothing is an empty text, whatever the buffer's address. */
  text = kdx_csv_decode (NULL, 0, NULL, &encoding, NULL);
  g_assert_cmpstr (text, ==, "");
  g_assert_cmpstr (encoding, ==, "UTF-8");
}

static void
test_csv_big5 (void)
{
  g_autofree char *path = kdx_test_fixture ("big5.csv");
  g_autoptr(KdxTableReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  check_fixture ("big5.csv", NULL, HAS_ALL, TRUE);

  reader = kdx_table_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (kdx_table_reader_get_encoding (reader), "BIG5"));
}

static void
test_csv_utf16le_tabs (void)
{
  g_autofree char *path = kdx_test_fixture ("utf16le-tabs.txt");
  g_autoptr(KdxTableReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  check_fixture ("utf16le-tabs.txt", NULL, HAS_ALL, FALSE);

  reader = kdx_table_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdx_table_reader_get_encoding (reader), ==, "UTF-16LE");
  g_assert_cmpint (kdx_table_reader_get_delimiter (reader), ==, '\t');
}

static void
test_csv_semicolon (void)
{
  g_autofree char *path = kdx_test_fixture ("semicolon.csv");
  g_autoptr(KdxTableReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  check_fixture ("semicolon.csv", NULL, HAS_ALL, FALSE);

  reader = kdx_table_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kdx_table_reader_get_delimiter (reader), ==, ';');
}

static void
test_csv_cr_only (void)
{
  check_fixture ("cr-only.csv", NULL, HAS_ALL, FALSE);
}

/* Quotes, separators and all three line ends inside and between fields. */
static void
test_csv_quoting (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "quoting.csv", NULL);
  g_autoptr(KdxTableReader) reader = NULL;
  g_autoptr(GPtrArray) row = NULL;
  g_autoptr(GError) error = NULL;
  guint number = 0;
  const char *text = "a,b,c\r\n"
                     "\"x, y\",\"say \"\"hi\"\"\",\"1\r\n2\n3\"\n"
                     "\n"
                     ",,\r"
                     "last,,\"\"";

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  reader = kdx_table_reader_open (path, NULL, &error);
  g_assert_no_error (error);

  row = kdx_table_reader_next_row (reader, &number, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (number, ==, 1);
  g_clear_pointer (&row, g_ptr_array_unref);

  row = kdx_table_reader_next_row (reader, &number, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (number, ==, 2);
  g_assert_cmpuint (row->len, ==, 3);
  g_assert_cmpstr (((KdxCell *) row->pdata[0])->text, ==, "x, y");
  g_assert_cmpstr (((KdxCell *) row->pdata[1])->text, ==, "say \"hi\"");
  g_assert_cmpstr (((KdxCell *) row->pdata[2])->text, ==, "1\r\n2\n3");
  g_clear_pointer (&row, g_ptr_array_unref);

  /* The empty line and the row of empty cells are passed over, but counted. */
  row = kdx_table_reader_next_row (reader, &number, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (number, ==, 5);
  g_assert_cmpstr (((KdxCell *) row->pdata[0])->text, ==, "last");
  g_assert_cmpint (((KdxCell *) row->pdata[2])->type, ==, KDX_CELL_EMPTY);
  g_clear_pointer (&row, g_ptr_array_unref);

  g_assert_null (kdx_table_reader_next_row (reader, &number, &error));
  g_assert_no_error (error);
}

/* The user's encoding wins over detection. */
static void
test_csv_encoding_override (void)
{
  g_autofree char *path = kdx_test_fixture ("gb18030.csv");
  KdxTableReaderOptions options = { "UTF-8", 0, NULL };
  g_autoptr(KdxTableReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  reader = kdx_table_reader_open (path, &options, &error);
  g_assert_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_assert_null (reader);
  g_clear_error (&error);

  options.encoding = "GBK";
  options.delimiter = ';';
  reader = kdx_table_reader_open (path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdx_table_reader_get_encoding (reader), ==, "GB18030");
  g_assert_cmpint (kdx_table_reader_get_delimiter (reader), ==, ';');
}

/* ---- XLSX ----------------------------------------------------------------- */

static void
test_xlsx_excel (void)
{
  g_autofree char *path = kdx_test_fixture ("excel.xlsx");
  g_autoptr(KdxTableReader) reader = NULL;
  g_autoptr(GPtrArray) row = NULL;
  g_autoptr(GError) error = NULL;
  const char *const *sheets;
  guint number = 0;

  check_fixture ("excel.xlsx", "候选名单", HAS_ALL, FALSE);
  check_fixture ("excel.xlsx", "2", HAS_ALL, FALSE);

  /* Sheets in the workbook's order, whatever their parts are called. */
  reader = kdx_table_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdx_table_reader_get_format (reader), ==, "xlsx");
  sheets = kdx_table_reader_get_sheets (reader);
  g_assert_cmpuint (g_strv_length ((char **) sheets), ==, 2);
  g_assert_cmpstr (sheets[0], ==, "说明");
  g_assert_cmpstr (sheets[1], ==, "候选名单");

  row = kdx_table_reader_next_row (reader, &number, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((KdxCell *) row->pdata[0])->text, ==, "这是说明页");
  g_clear_pointer (&row, g_ptr_array_unref);

  kdx_table_reader_select_sheet (reader, 1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&row, g_ptr_array_unref);
  row = kdx_table_reader_next_row (reader, &number, &error);
  g_clear_pointer (&row, g_ptr_array_unref);
  row = kdx_table_reader_next_row (reader, &number, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (number, ==, 2);
  /* Rich-text runs joined, the phonetic guide left out. */
  g_assert_cmpint (((KdxCell *) row->pdata[0])->type, ==, KDX_CELL_TEXT);
  g_assert_cmpstr (((KdxCell *) row->pdata[0])->text, ==, "小美");
  g_assert_cmpint (((KdxCell *) row->pdata[2])->type, ==, KDX_CELL_NUMBER);
  g_assert_cmpstr (((KdxCell *) row->pdata[2])->text, ==, "125000");
  g_assert_cmpstr (((KdxCell *) row->pdata[5])->text, ==, "13800138000");
  g_assert_cmpint (((KdxCell *) row->pdata[6])->type, ==, KDX_CELL_DATE);
  g_assert_cmpstr (((KdxCell *) row->pdata[6])->text, ==, "1995-03-08");
  /* _x000D_ is the carriage return Excel keeps. */
  g_assert_cmpstr (((KdxCell *) row->pdata[7])->text, ==, "喜欢猫\r\n不喝咖啡");
  g_clear_pointer (&row, g_ptr_array_unref);

  /* Row 4 is missing from the sheet: the next row is row 5. */
  row = kdx_table_reader_next_row (reader, &number, &error);
  g_clear_pointer (&row, g_ptr_array_unref);
  row = kdx_table_reader_next_row (reader, &number, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (number, ==, 5);
  g_assert_cmpint (((KdxCell *) row->pdata[1])->type, ==, KDX_CELL_EMPTY);
  g_assert_cmpstr (((KdxCell *) row->pdata[5])->text, ==, "13700000002"); /* an inline string */
  g_assert_cmpint (((KdxCell *) row->pdata[6])->type, ==, KDX_CELL_DATE); /* CJK built-in 31 */
  g_clear_pointer (&row, g_ptr_array_unref);
  g_assert_null (kdx_table_reader_next_row (reader, &number, &error));
  g_assert_no_error (error);
}

static void
test_xlsx_wps (void)
{
  g_autoptr(KdxStore) store = kdx_test_open_tmp_store ();
  g_autoptr(KdxImportReport) report = kdx_test_import_file (store, "wps.xlsx", NULL);
  g_autoptr(KdxKol) mei = NULL;
  g_autoptr(KdxKol) jie = NULL;
  gboolean exclusive = FALSE;

  /* Cells and rows without r, absolute targets, formula strings, 年月日 dates. */
  assert_candidates (store, report, HAS_PLATFORM | HAS_PHONE | HAS_NOTES | HAS_FOLLOWERS, FALSE);
  mei = load_created (store, report, 0);
  jie = load_created (store, report, 1);
  g_object_get (mei, "exclusive", &exclusive, NULL);
  g_assert_true (exclusive);
  g_object_get (jie, "exclusive", &exclusive, NULL);
  g_assert_false (exclusive);
}

static void
test_xlsx_libreoffice (void)
{
  check_fixture ("libreoffice.xlsx", NULL, HAS_PLATFORM | HAS_PHONE | HAS_NOTES | HAS_FOLLOWERS, FALSE);
}

static void
test_xlsx_1904 (void)
{
  check_fixture ("date1904.xlsx", NULL, 0, FALSE);
}

static void
test_xlsx_formats (void)
{
  g_autofree char *lf = NULL;

  /* Date serials: Lotus's leap day, the 1904 system, times. */
  g_assert_cmpstr (lf = kdx_cell_format_serial (1, FALSE), ==, "1900-01-01");
  g_clear_pointer (&lf, g_free);
  g_assert_cmpstr (lf = kdx_cell_format_serial (59, FALSE), ==, "1900-02-28");
  g_clear_pointer (&lf, g_free);
  g_assert_cmpstr (lf = kdx_cell_format_serial (61, FALSE), ==, "1900-03-01");
  g_clear_pointer (&lf, g_free);
  g_assert_cmpstr (lf = kdx_cell_format_serial (45352, FALSE), ==, "2024-03-01");
  g_clear_pointer (&lf, g_free);
  g_assert_cmpstr (lf = kdx_cell_format_serial (45352.75, FALSE), ==, "2024-03-01 18:00:00");
  g_clear_pointer (&lf, g_free);
  g_assert_cmpstr (lf = kdx_cell_format_serial (0, TRUE), ==, "1904-01-01");
  g_clear_pointer (&lf, g_free);
  g_assert_cmpstr (lf = kdx_cell_format_serial (43890, TRUE), ==, "2024-03-01");
  g_clear_pointer (&lf, g_free);
  g_assert_cmpstr (lf = kdx_cell_format_serial (0.5, FALSE), ==, "12:00:00");
  g_clear_pointer (&lf, g_free);
  g_assert_null (kdx_cell_format_serial (-1, FALSE));

  g_assert_cmpstr (lf = kdx_cell_format_number (0.1), ==, "0.1");
  g_clear_pointer (&lf, g_free);
  g_assert_cmpstr (lf = kdx_cell_format_number (13800138000.0), ==, "13800138000");
  g_clear_pointer (&lf, g_free);

  /* Number formats that are dates, and ones that only look a bit like it. */
  for (const char *const *code = (const char *const[]) {
         "yyyy/m/d;@", "yyyy\"年\"m\"月\"d\"日\"", "YYYY\\-MM\\-DD", "[$-804]aaaa", "[h]:mm:ss",
         "m/d/yy h:mm", "[DBNum1][$-804]yyyy\"年\"m\"月\"d\"日\"", "e/m/d", NULL };
       *code != NULL; code++)
    if (!kdx_xlsx_format_is_date (*code))
      g_error ("“%s” is a date format", *code);
  for (const char *const *code = (const char *const[]) {
         "General", "0.00", "#,##0", "0.00E+00", "\"day\"0", "[Red]0.00", "0%", "@",
         "#,##0_);[Red](#,##0)", NULL };
       *code != NULL; code++)
    if (kdx_xlsx_format_is_date (*code))
      g_error ("“%s” is not a date format", *code);

  g_assert_cmpstr (lf = kdx_xlsx_unescape ("a_x000D_b_x005F_x0041_c_x4E2D_"), ==, "a\rb_x0041_c中");
  g_clear_pointer (&lf, g_free);
}

/* ---- ODS ------------------------------------------------------------------ */

static void
test_ods_libreoffice (void)
{
  g_autoptr(KdxStore) store = kdx_test_open_tmp_store ();
  g_autoptr(KdxImportReport) report = kdx_test_import_file (store, "libreoffice.ods", NULL);
  g_autofree char *path = kdx_test_fixture ("libreoffice.ods");
  g_autoptr(KdxTableReader) reader = NULL;
  g_autoptr(KdxKol) wang = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *row;
  guint numbers[4] = { 0 };
  guint n_rows = 0;
  guint number;

  assert_candidates (store, report, HAS_ALL, FALSE);
  /* Paragraphs, line breaks and tabs; the covered cell's text is not the name's. */
  wang = load_created (store, report, 2);
  kdx_test_assert_string (wang, "notes", "第一行\n第二行\t完");

  reader = kdx_table_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdx_table_reader_get_format (reader), ==, "ods");
  g_assert_cmpuint (g_strv_length ((char **) kdx_table_reader_get_sheets (reader)), ==, 2);
  g_assert_cmpstr (kdx_table_reader_get_sheets (reader)[0], ==, "候选名单");

  /* Repeated empty rows are counted, never materialised; trailing empty
   * cells and the million-row padding are dropped. */
  while ((row = kdx_table_reader_next_row (reader, &number, &error)) != NULL)
    {
      g_assert_cmpuint (n_rows, <, G_N_ELEMENTS (numbers));
      g_assert_cmpuint (row->len, <=, 8);
      if (n_rows == 3)
        {
          g_assert_cmpstr (((KdxCell *) row->pdata[0])->text, ==, "老王");
          g_assert_cmpint (((KdxCell *) row->pdata[1])->type, ==, KDX_CELL_EMPTY);
          g_assert_cmpint (((KdxCell *) row->pdata[2])->type, ==, KDX_CELL_NUMBER);
          g_assert_cmpint (((KdxCell *) row->pdata[6])->type, ==, KDX_CELL_DATE);
        }
      numbers[n_rows++] = number;
      g_ptr_array_unref (row);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 4);
  g_assert_cmpuint (numbers[0], ==, 1);
  g_assert_cmpuint (numbers[2], ==, 3);
  g_assert_cmpuint (numbers[3], ==, 6);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/csv/utf8-bom", test_csv_utf8_bom);
  g_test_add_func ("/import/csv/gb18030", test_csv_gb18030);
  g_test_add_func ("/import/csv/big5", test_csv_big5);
  g_test_add_func ("/import/csv/empty", test_csv_empty);
  g_test_add_func ("/import/csv/utf16le-tabs", test_csv_utf16le_tabs);
  g_test_add_func ("/import/csv/semicolon", test_csv_semicolon);
  g_test_add_func ("/import/csv/cr-only", test_csv_cr_only);
  g_test_add_func ("/import/csv/quoting", test_csv_quoting);
  g_test_add_func ("/import/csv/encoding-override", test_csv_encoding_override);
  g_test_add_func ("/import/xlsx/excel", test_xlsx_excel);
  g_test_add_func ("/import/xlsx/wps", test_xlsx_wps);
  g_test_add_func ("/import/xlsx/libreoffice", test_xlsx_libreoffice);
  g_test_add_func ("/import/xlsx/1904", test_xlsx_1904);
  g_test_add_func ("/import/xlsx/formats", test_xlsx_formats);
  g_test_add_func ("/import/ods/libreoffice", test_ods_libreoffice);

  return g_test_run ();
}
