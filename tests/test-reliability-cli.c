/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-reliability-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kdx-error.h"
#include "kdx-ods-reader.h"
#include "kdx-xlsx-reader.h"
#include "kdx-test-util.h"
#include "kdx-value.h"

/* Files that once crashed koldex-cli or got a misleading answer
 * (issue 15): each must be refused with its real reason and status 1. */

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
assert_no_kols (const char *database)
{
  g_auto(KdxCliRun) run = { 0 };

  kdx_test_run_cli (&run, database, "list", "--json", NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_cmpstr (g_strstrip (run.out), ==, "[]");
}

/* A 0-byte CSV crashed preview and import with SIGSEGV. */
static void
test_empty_csv (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *path = write_file (dir, "empty.csv", "");
  g_auto(KdxCliRun) run = { 0 };

  kdx_test_run_cli (&run, database, "preview", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "empty.csv: the file is empty"));

  kdx_test_run_cli (&run, database, "import", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "empty.csv: the file is empty"));

  assert_no_kols (database);
}

/* An XML file with a DOCTYPE went on to the CSV reader, which said "no
 * column holds the display name" (status 3). */
static void
test_xml_with_doctype (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *path = write_file (dir, "entities.xml",
                                      "<?xml version=\"1.0\"?>\n"
                                      "<!DOCTYPE koldex [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                                      "<koldex xmlns=\"https://koldex.github.io/ns/koldex/1\" version=\"1\">"
                                      "<kol><display-name>&x;</display-name></kol></koldex>\n");
  g_auto(KdxCliRun) run = { 0 };

  kdx_test_run_cli (&run, database, "import", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "DOCTYPE"));
  g_assert_null (strstr (run.err, "display name"));
}

/* followers=999999999999999999 was stored and printed as
 * "-844674407.-3B": counts are bounded, the limit said, the field named. */
static void
test_huge_count (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = g_build_filename (dir, "cli.db", NULL);
  g_auto(KdxCliRun) run = { 0 };

  kdx_test_run_cli (&run, database, "add", "--display-name", "大V", "followers=125000", NULL);
  kdx_test_assert_cli_ok (&run);

  kdx_test_run_cli (&run, database, "set", "1", "followers=999999999999999999", NULL);
  g_assert_cmpint (run.status, ==, 1);
  kdx_test_assert_has (run.err, "followers");
  kdx_test_assert_has (run.err, "9,007,199,254,740,991");
  kdx_test_run_cli (&run, database, "set", "1", "contact_every_days=99999999999999999999", NULL);
  g_assert_cmpint (run.status, ==, 1);
  kdx_test_assert_has (run.err, "contact_every_days");
  kdx_test_assert_has (run.err, "9,007,199,254,740,991");

  kdx_test_run_cli (&run, database, "show", "1", "--json", NULL);
  kdx_test_assert_has (run.out, "\"followers\": 125000");
  kdx_test_assert_has (run.out, "\"contact_every_days\": 0");

  kdx_test_run_cli (&run, database, "set", "1", "followers=9007199254740991", NULL);
  kdx_test_assert_cli_ok (&run);
}

/* The short form is safe for any value a database could hold. */
static void
test_count_format_extremes (void)
{
  struct { gint64 value; KdxCountStyle style; const char *expected; } cases[] = {
    { G_MAXINT64, KDX_COUNT_STYLE_WESTERN, "9223372037B" },
    { G_MAXINT64, KDX_COUNT_STYLE_CHINESE, "92233720369亿" },
    { 999999999999999999, KDX_COUNT_STYLE_WESTERN, "1000000000B" },
    { G_GINT64_CONSTANT (9007199254740991), KDX_COUNT_STYLE_CHINESE, "90071993亿" },
    { G_MININT64, KDX_COUNT_STYLE_WESTERN, "0" },
    { 8500000, KDX_COUNT_STYLE_WESTERN, "8.5M" },
    { 8530000, KDX_COUNT_STYLE_CHINESE, "853万" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = kdx_value_format_count (cases[i].value, cases[i].style);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
  {
    g_autofree char *text = kdx_value_format_int (G_MININT64);
    g_assert_cmpstr (text, ==, "-9,223,372,036,854,775,808");
  }
}

/* notes=$'bad\xc3(' was stored; every argument is checked, by name. */
static void
test_invalid_utf8_arguments (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = g_build_filename (dir, "cli.db", NULL);
  g_auto(KdxCliRun) run = { 0 };

  kdx_test_run_cli (&run, database, "add", "--display-name", "bad\xff", NULL);
  g_assert_cmpint (run.status, ==, 1);
  kdx_test_assert_has (run.err, "--display-name: the text is not valid UTF-8 (byte 0xFF after “bad”)");
  assert_no_kols (database);

  kdx_test_run_cli (&run, database, "add", "--display-name", "好", "city=\xe4\xb8", NULL);
  g_assert_cmpint (run.status, ==, 1);
  kdx_test_assert_has (run.err, "city: the text is not valid UTF-8");
  assert_no_kols (database);

  kdx_test_run_cli (&run, database, "add", "--display-name", "好", NULL);
  kdx_test_assert_cli_ok (&run);
  kdx_test_run_cli (&run, database, "set", "1", "notes=bad\xc3(", NULL);
  g_assert_cmpint (run.status, ==, 1);
  kdx_test_assert_has (run.err, "notes: the text is not valid UTF-8 (byte 0xC3 after “bad”)");
  kdx_test_run_cli (&run, database, "log", "1", "note", "--note", "\xfe", NULL);
  g_assert_cmpint (run.status, ==, 1);
  kdx_test_assert_has (run.err, "--note: the text is not valid UTF-8");

  kdx_test_run_cli (&run, database, "show", "1", "--json", NULL);
  kdx_test_assert_cli_ok (&run);
  kdx_test_assert_has (run.out, "\"notes\": null");
  kdx_test_assert_has (run.out, "\"events\": []");
}

/* The last guard: a value set as a property, past the parser. */
static void
test_invalid_utf8_store (void)
{
  g_autoptr(KdxStore) store = kdx_test_open_tmp_store ();
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  g_autoptr(GError) error = NULL;
  const char *const tags[] = { "ok", "bad\x80", NULL };

  g_object_set (kol, "display-name", "好", "notes", "bad\xc3(", NULL);
  g_assert_false (kdx_store_add_kol (store, kol, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE);
  kdx_test_assert_has (error->message, "notes");
  g_clear_error (&error);

  g_object_set (kol, "notes", NULL, "tags", tags, NULL);
  g_assert_false (kdx_store_add_kol (store, kol, &error));
  kdx_test_assert_has (error->message, "tags");
  g_assert_cmpint (kdx_test_count_kols (store), ==, 0);
}

static void
assert_import_refused (const char *database,
                       const char *path,
                       const char *first_expected,
                       ...)
{
  g_auto(KdxCliRun) run = { 0 };
  va_list args;

  kdx_test_run_cli (&run, database, "import", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  va_start (args, first_expected);
  for (const char *what = first_expected; what != NULL; what = va_arg (args, const char *))
    kdx_test_assert_has (run.err, what);
  va_end (args);
  assert_no_kols (database);
}

/* A UTF-8 CSV with one stray byte was read as GB18030 (or refused with
 * "choose its encoding"): the line and the byte are named now. */
static void
test_invalid_utf8_csv (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *path = write_file (dir, "stray.csv",
                                      "昵称,城市,简介\n"
                                      "小美,上海,喜欢猫和咖啡\n"
                                      "阿杰,北京,bad\xc3(\n"
                                      "老王,广州,书法爱好者\n");

  assert_import_refused (database, path, "stray.csv", "line 3", "0xC3", "UTF-8", "阿杰,北京,bad", NULL);
}

#define XLSX_RELS \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>" \
  "</Relationships>"
#define XLSX_WORKBOOK \
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" \
  "<sheets><sheet name=\"名单\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define XLSX_WORKBOOK_RELS \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" \
  "</Relationships>"

static void
test_invalid_utf8_xlsx (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *path = g_build_filename (dir, "stray.xlsx", NULL);

  kdx_test_write_zip (path,
                      "_rels/.rels", XLSX_RELS,
                      "xl/workbook.xml", XLSX_WORKBOOK,
                      "xl/_rels/workbook.xml.rels", XLSX_WORKBOOK_RELS,
                      "xl/worksheets/sheet1.xml",
                      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>昵称</t></is></c></row>"
                      "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>小美</t></is></c></row>"
                      "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>bad\xc3(</t></is></c></row>"
                      "</sheetData></worksheet>",
                      NULL);
  assert_import_refused (database, path, "stray.xlsx", "UTF-8", NULL);
}

#define ODS_MIMETYPE "application/vnd.oasis.opendocument.spreadsheet"

static void
test_invalid_utf8_ods (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *path = g_build_filename (dir, "stray.ods", NULL);

  kdx_test_write_zip (path,
                      "mimetype", ODS_MIMETYPE,
                      "content.xml",
                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                      "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                      "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
                      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">"
                      "<office:body><office:spreadsheet><table:table table:name=\"名单\">"
                      "<table:table-row><table:table-cell><text:p>昵称</text:p></table:table-cell></table:table-row>"
                      "<table:table-row><table:table-cell><text:p>小美</text:p></table:table-cell></table:table-row>"
                      "<table:table-row><table:table-cell><text:p>bad\xc3(</text:p></table:table-cell></table:table-row>"
                      "</table:table></office:spreadsheet></office:body></office:document-content>",
                      NULL);
  assert_import_refused (database, path, "stray.ods", "UTF-8", NULL);
}

static void
test_invalid_utf8_xml (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *path = write_file (dir, "stray.xml",
                                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                      "<koldex xmlns=\"https://koldex.github.io/ns/koldex/1\" version=\"1\">"
                                      "<kol><display_name>小美</display_name></kol>"
                                      "<kol><display_name>bad\xc3(</display_name></kol></koldex>\n");

  assert_import_refused (database, path, "stray.xml", "UTF-8", NULL);
}

/* CSV exports wrote =cmd|' /C calc'!A0 and +SUM(…) verbatim: a
 * spreadsheet ran them. Such cells are written behind an apostrophe, and
 * Koldex reads them back as they were. */
static void
test_csv_injection (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = g_build_filename (dir, "a.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "b.db", NULL);
  g_autofree char *path = g_build_filename (dir, "kols.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(KdxCliRun) run = { 0 };
  g_auto(KdxCliRun) back = { 0 };
  const char *const fields[] = { "display_name", "real_name", "city", "bio", "phone", "wechat",
                                 "handle", "notes", "personality", NULL };

  kdx_test_run_cli (&run, database, "add", "--display-name", "=cmd|' /C calc'!A0",
                    "real_name=+SUM(1,2)", "city=@SUM(A1)", "bio==DDE(\"cmd\";\"/C calc\";\"!A0\")",
                    "phone=+86 138 0013 8000", "wechat='=already guarded", "handle=-dash",
                    "notes=-5%", "personality='plain apostrophe", NULL);
  kdx_test_assert_cli_ok (&run);
  kdx_test_run_cli (&run, database, "add", "--display-name", "小美", "phone=13800138000",
                    "notes=喜欢猫", NULL);
  kdx_test_assert_cli_ok (&run);

  kdx_test_run_cli (&run, database, "export", path, NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  kdx_test_assert_has (text, ",\"'=cmd|' /C calc'!A0\",\"'+SUM(1,2)\",");
  kdx_test_assert_has (text, ",\"'@SUM(A1)\",\"'=DDE(\"\"cmd\"\";\"\"/C calc\"\";\"\"!A0\"\")\",");
  kdx_test_assert_has (text, ",\"'+8613800138000\",\"''=already guarded\",");
  kdx_test_assert_has (text, ",\"'-dash\",");
  kdx_test_assert_has (text, ",\"'-5%\",");
  kdx_test_assert_has (text, ",'plain apostrophe,");
  kdx_test_assert_has (text, ",13800138000,");
  /* No cell begins with a formula character, quoted or not. */
  for (const char *p = "=+-@"; *p != '\0'; p++)
    {
      g_autofree char *bare = g_strdup_printf (",%c", *p);
      g_autofree char *quoted = g_strdup_printf (",\"%c", *p);
      kdx_test_assert_lacks (text, bare);
      kdx_test_assert_lacks (text, quoted);
    }

  /* The round trip gives back every value exactly. */
  /* (ID, UID and the times are Koldex's own: not imported as fields.) */
  kdx_test_run_cli (&run, copy, "import", path, "--unmapped", "skip", NULL);
  kdx_test_assert_has (run.out, "2 created");
  g_assert_cmpint (run.status, ==, 0);
  for (const char *id = "1"; id != NULL; id = g_str_equal (id, "1") ? "2" : NULL)
    {
      kdx_test_run_cli (&run, database, "show", id, "--json", NULL);
      kdx_test_run_cli (&back, copy, "show", id, "--json", NULL);
      for (guint i = 0; fields[i] != NULL; i++)
        {
          g_autofree char *key = g_strdup_printf ("\"%s\": ", fields[i]);
          const char *a = strstr (run.out, key);
          const char *b = strstr (back.out, key);
          g_autofree char *line_a = NULL;
          g_autofree char *line_b = NULL;

          g_assert_nonnull (a);
          g_assert_nonnull (b);
          line_a = g_strndup (a, strcspn (a, "\n"));
          line_b = g_strndup (b, strcspn (b, "\n"));
          g_assert_cmpstr (line_b, ==, line_a);
        }
    }
  kdx_test_assert_has (back.out, "\"notes\": \"喜欢猫\"");
  kdx_test_run_cli (&back, copy, "show", "1", "--json", NULL);
  kdx_test_assert_has (back.out, "\"phone\": \"+8613800138000\"");
  kdx_test_assert_has (back.out, "\"notes\": \"-5%\"");
  kdx_test_assert_has (back.out, "\"wechat\": \"'=already guarded\"");
  kdx_test_assert_has (back.out, "\"personality\": \"'plain apostrophe\"");
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* Exports holding phone numbers and WeChat IDs were created 0666 under
 * umask 000: those are 0600 now, the others still follow the umask. */
static void
test_export_modes (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = g_build_filename (dir, "cli.db", NULL);
  const char *const formats[] = { "xml", "xlsx", "csv" };
  g_auto(KdxCliRun) run = { 0 };
  mode_t old_umask;

  kdx_test_run_cli (&run, database, "add", "--display-name", "小美", "phone=13800138000",
                    "wechat=xiaomei_88", NULL);
  kdx_test_assert_cli_ok (&run);

  old_umask = umask (0);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("contact.%s", formats[i]);
      g_autofree char *bare_name = g_strdup_printf ("bare.%s", formats[i]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *bare = g_build_filename (dir, bare_name, NULL);

      /* Over an existing world-readable file too. */
      g_assert_true (g_file_set_contents (path, "old", -1, NULL));
      g_assert_cmpint (g_chmod (path, 0666), ==, 0);
      kdx_test_run_cli (&run, database, "export", path, NULL);
      kdx_test_assert_cli_ok (&run);
      g_assert_cmpuint (mode_of (path), ==, 0600);

      kdx_test_run_cli (&run, database, "export", bare, "--no-contact", NULL);
      kdx_test_assert_cli_ok (&run);
      g_assert_cmpuint (mode_of (bare), ==, 0666);
    }
  umask (022);
  {
    g_autofree char *bare = g_build_filename (dir, "umask.csv", NULL);

    kdx_test_run_cli (&run, database, "export", bare, "--no-contact", NULL);
    kdx_test_assert_cli_ok (&run);
    g_assert_cmpuint (mode_of (bare), ==, 0644);
  }
  umask (old_umask);
  /* Nothing but the exports (and the database, when it is a file here):
   * no temporary file left behind. */
  g_assert_cmpuint (kdx_test_count_entries (dir), ==,
                    7 + g_file_test (database, G_FILE_TEST_EXISTS));
}

/* The XLSX and ODS readers say why whenever they return no reader, as
 * the CSV reader does: an empty zip, no workbook, no sheet. */
static void
test_spreadsheets_without_sheets (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = g_build_filename (dir, "cli.db", NULL);
  struct { const char *name; const char *why; } cases[] = {
    { "empty.xlsx", "damaged zip" },
    { "empty.ods", "damaged zip" },
    { "no-workbook.xlsx", "no part “xl/workbook.xml”" },
    { "no-sheet.xlsx", "the workbook has no worksheet" },
    { "no-content.ods", "no part “content.xml”" },
    { "no-sheet.ods", "the spreadsheet has no sheet" },
  };
  g_autofree char *rels = g_build_filename (dir, "no-workbook.xlsx", NULL);
  g_autofree char *no_sheet = g_build_filename (dir, "no-sheet.xlsx", NULL);
  g_autofree char *no_content = g_build_filename (dir, "no-content.ods", NULL);
  g_autofree char *no_ods_sheet = g_build_filename (dir, "no-sheet.ods", NULL);
  g_autofree char *empty_xlsx = g_build_filename (dir, "empty.xlsx", NULL);
  g_autofree char *empty_ods = g_build_filename (dir, "empty.ods", NULL);

  kdx_test_write_zip (empty_xlsx, NULL, NULL);
  kdx_test_write_zip (empty_ods, NULL, NULL);
  kdx_test_write_zip (rels, "_rels/.rels", XLSX_RELS, NULL);
  kdx_test_write_zip (no_sheet, "_rels/.rels", XLSX_RELS,
                      "xl/workbook.xml",
                      "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets/></workbook>",
                      NULL);
  kdx_test_write_zip (no_content, "mimetype", ODS_MIMETYPE, NULL);
  kdx_test_write_zip (no_ods_sheet, "mimetype", ODS_MIMETYPE,
                      "content.xml",
                      "<?xml version=\"1.0\"?><office:document-content "
                      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\">"
                      "<office:body><office:spreadsheet/></office:body></office:document-content>",
                      NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(KdxTableReader) reader = g_str_has_suffix (path, ".ods")
                                         ? kdx_ods_reader_new (path, &error)
                                         : kdx_xlsx_reader_new (path, &error);
      g_auto(KdxCliRun) run = { 0 };

      g_assert_null (reader);
      g_assert_nonnull (error);
      kdx_test_assert_has (error->message, cases[i].why);

      kdx_test_run_cli (&run, database, "preview", path, NULL);
      g_assert_cmpint (run.status, ==, 1);
      kdx_test_assert_has (run.err, cases[i].name);
      assert_import_refused (database, path, cases[i].name, NULL);
    }
}

/* Hands the whole of @contents to every reader that opens the FIFO at
 * @fifo, until @pid exits; calls @first_open once the first reader has
 * it open. Returns the exit status. */
static int
feed_fifo_until_exit (const char *fifo,
                      const char *contents,
                      GPid        pid,
                      void      (*first_open) (gpointer),
                      gpointer    data)
{
  gboolean opened = FALSE;
  gboolean exited = FALSE;
  int wait_status = 0;

  for (;;)
    {
      int fd;

      if (exited || waitpid (pid, &wait_status, WNOHANG) == pid)
        break;
      /* Without a reader yet, open fails with ENXIO: look again. */
      fd = open (fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
      if (fd < 0)
        {
          g_assert_cmpint (errno, ==, ENXIO);
          g_usleep (1000); /* a poll interval, not a wait for an outcome */
          continue;
        }
      if (!opened)
        {
          opened = TRUE;
          first_open (data);
        }
      g_assert_cmpint (fcntl (fd, F_SETFL, 0), ==, 0);
      for (gsize done = 0, n = strlen (contents); done < n;)
        {
          gssize written = write (fd, contents + done, n - done);
          if (written < 0)
            break; /* the reader read what it wanted and closed (EPIPE) */
          done += written;
        }
      /* Each opening of the FIFO gets the contents once. This end stays
       * open until the reader has taken every byte or has gone (POLLERR):
       * only then is its descriptor surely in /proc, so that the wait
       * below cannot look before the reader's open() has returned and
       * write a second copy into the same reading. */
      for (;;)
        {
          struct pollfd gone = { fd, 0, 0 };
          int unread = 0;

          g_assert_cmpint (ioctl (fd, FIONREAD, &unread), ==, 0);
          if (unread == 0 || (poll (&gone, 1, 0) == 1 && (gone.revents & POLLERR))
              || (exited = waitpid (pid, &wait_status, WNOHANG) == pid))
            break;
          g_usleep (1000); /* a poll interval, not a wait for an outcome */
        }
      close (fd);
      while (!exited && kdx_test_process_has_open (pid, fifo) && !(exited = waitpid (pid, &wait_status, WNOHANG) == pid))
        g_usleep (1000); /* a poll interval, not a wait for an outcome */
    }
  g_assert_true (opened);
  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static void
remove_tree_cb (gpointer data)
{
  kdx_test_remove_tree (data);
  g_assert_false (g_file_test (data, G_FILE_TEST_EXISTS));
}

/* The database's folder removed during an import: the CLI said "20000
 * created" and exit 0, the rows in an unlinked file. The file to import
 * is a FIFO: koldex-cli opens the database before it reads the file, and
 * cannot finish the import before the test has removed the folder. */
static void
test_database_deleted_mid_import (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *db_dir = g_build_filename (dir, "data", NULL);
  g_autofree char *source = g_build_filename (dir, "source.db", NULL);
  g_autofree char *database = g_build_filename (db_dir, "cli.db", NULL);
  g_autofree char *xml = g_build_filename (dir, "kols.xml", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.xml", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(KdxCliRun) run = { 0 };
  void (*old_handler) (int);
  int err_fd;
  GPid pid;

  g_assert_cmpint (g_mkdir (db_dir, 0700), ==, 0);
  kdx_test_run_cli (&run, source, "add", "--display-name", "小美", NULL);
  kdx_test_assert_cli_ok (&run);
  kdx_test_run_cli (&run, source, "add", "--display-name", "阿杰", NULL);
  kdx_test_assert_cli_ok (&run);
  kdx_test_run_cli (&run, source, "export", xml, NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_true (g_file_get_contents (xml, &contents, NULL, NULL));
  /* The database exists before the import, as an operator's does. */
  kdx_test_run_cli (&run, database, "list", NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  g_ptr_array_add (argv, (gpointer) g_getenv ("KOLDEX_CLI"));
  g_ptr_array_add (argv, "--database");
  g_ptr_array_add (argv, database);
  g_ptr_array_add (argv, "import");
  g_ptr_array_add (argv, fifo);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, NULL, &err_fd, &error));
  g_assert_no_error (error);

  old_handler = signal (SIGPIPE, SIG_IGN);
  g_assert_cmpint (feed_fifo_until_exit (fifo, contents, pid, remove_tree_cb, db_dir), ==, 1);
  signal (SIGPIPE, old_handler);
  g_spawn_close_pid (pid);
  {
    g_autoptr(GIOChannel) channel = g_io_channel_unix_new (err_fd);
    g_io_channel_set_close_on_unref (channel, TRUE);
    g_io_channel_read_to_end (channel, &err, NULL, NULL);
  }
  kdx_test_assert_has (err, "cli.db was moved or deleted while importing; nothing was saved there");
  kdx_test_assert_lacks (err, "created");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reliability-cli/empty-csv", test_empty_csv);
  g_test_add_func ("/reliability-cli/xml-with-doctype", test_xml_with_doctype);
  g_test_add_func ("/reliability-cli/huge-count", test_huge_count);
  g_test_add_func ("/reliability-cli/count-format-extremes", test_count_format_extremes);
  g_test_add_func ("/reliability-cli/invalid-utf8/arguments", test_invalid_utf8_arguments);
  g_test_add_func ("/reliability-cli/invalid-utf8/store", test_invalid_utf8_store);
  g_test_add_func ("/reliability-cli/invalid-utf8/csv", test_invalid_utf8_csv);
  g_test_add_func ("/reliability-cli/invalid-utf8/xlsx", test_invalid_utf8_xlsx);
  g_test_add_func ("/reliability-cli/invalid-utf8/ods", test_invalid_utf8_ods);
  g_test_add_func ("/reliability-cli/invalid-utf8/xml", test_invalid_utf8_xml);
  g_test_add_func ("/reliability-cli/csv-injection", test_csv_injection);
  g_test_add_func ("/reliability-cli/export-modes", test_export_modes);
  g_test_add_func ("/reliability-cli/spreadsheets-without-sheets", test_spreadsheets_without_sheets);
  g_test_add_func ("/reliability-cli/database-deleted-mid-import", test_database_deleted_mid_import);

  return g_test_run ();
}
