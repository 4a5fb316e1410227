/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-libreoffice"

#include "config.h"

#include <glib/gstdio.h>

#include "kdx-channel.h"
#include "kdx-export.h"
#include "kdx-import-report.h"
#include "kdx-importer.h"
#include "kdx-sheet-export.h"
#include "kdx-store.h"
#include "kdx-test-util.h"

/* Koldex and the office suite operators really use, both ways: what
 * Koldex writes opens in LibreOffice with the same cells, and what
 * LibreOffice writes imports into Koldex. LibreOffice runs headless with
 * a profile of its own in the test's folder. */

static char *
run_soffice (const char *dir,
             const char *format,
             const char *input)
{
  g_autofree char *profile = g_strconcat ("-env:UserInstallation=file://", dir, "/lo-profile", NULL);
  g_autofree char *basename = g_path_get_basename (input);
  g_autofree char *stem = g_strndup (basename, strrchr (basename, '.') - basename);
  g_autofree char *filter = g_str_equal (format, "csv")
    /* UTF-8 (76), comma separated, quoted text, formatted as shown */
    ? g_strdup ("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false")
    : g_strdup (format);
  /* A CSV is read as UTF-8 with commas, as Koldex and the test write it. */
  const char *infilter = g_str_has_suffix (input, ".csv") ? "--infilter=CSV:44,34,76,1" : "--norestore";
  const char *argv[] = { "soffice", profile, "--headless", "--norestore", infilter, "--convert-to", filter,
                         "--outdir", dir, input, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("soffice failed: %s %s", out, err);

  return g_strdup_printf ("%s/%s.%s", dir, stem, format);
}

static KdxStore *
open_store (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  KdxStore *store = kdx_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
test_xlsx_export_opens (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *xlsx = g_build_filename (dir, "kols.xlsx", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  g_autoptr(KdxStore) store = open_store (dir, "export.db");
  g_autoptr(KdxKol) kol = kdx_test_make_full_kol ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) columns = NULL;
  const char *wanted[] = { "display_name", "followers", "birthday", "platform", "city", "notes", NULL };

  g_assert_true (kdx_store_add_kol (store, kol, &error));
  columns = g_strdupv ((char **) wanted);
  g_assert_true (kdx_sheet_export_file (store, xlsx, KDX_SHEET_FORMAT_XLSX, NULL,
                                        (const char *const *) columns, KDX_EXPORT_FLAGS_NONE,
                                        NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  csv = run_soffice (dir, "csv", xlsx);
  g_assert_true (g_file_get_contents (csv, &text, NULL, &error));

  /* The cells as LibreOffice reads them: the name in Chinese, the count
   * as a number (shown with its grouping), the birthday as a date. */
  g_assert_nonnull (strstr (text, "小美 🌸"));
  g_assert_nonnull (strstr (text, "125,000") != NULL ? strstr (text, "125,000") : strstr (text, "125000"));
  g_assert_nonnull (strstr (text, "1995-03-08"));
  g_assert_nonnull (strstr (text, "xiaohongshu"));
  g_assert_nonnull (strstr (text, "上海"));
  g_assert_nonnull (strstr (text, "第一行\n第二行"));
}

static void
test_libreoffice_files_import (void)
{
  static const char *const formats[] = { "xlsx", "ods", NULL };
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *csv = g_build_filename (dir, "候选名单.csv", NULL);
  g_autoptr(GError) error = NULL;

  /* What an operator types into LibreOffice Calc, saved as CSV first. */
  g_assert_true (g_file_set_contents (csv,
                                      "昵称,粉丝数,平台,微信号,生日,备注\n"
                                      "小美,12.5万,小红书,xiaomei_88,1995/3/8,\"第一行\n第二行\"\n"
                                      "Tech Tom,45k,YouTube,tom_t,2001-12-24,\n",
                                      -1, NULL));

  for (guint i = 0; formats[i] != NULL; i++)
    {
      g_autofree char *sheet = run_soffice (dir, formats[i], csv);
      g_autofree char *db = g_strdup_printf ("%s.db", formats[i]);
      g_autoptr(KdxStore) store = open_store (dir, db);
      g_autoptr(KdxImporter) importer = kdx_importer_new (store);
      g_autoptr(KdxImportReport) report = NULL;
      GArray *ids;
      g_autoptr(KdxKol) first = NULL;
      g_autoptr(KdxKol) second = NULL;
      g_autofree char *wechat = NULL;
      g_autofree char *birthday = NULL;

      report = kdx_importer_run (importer, sheet, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_CREATED), ==, 2);
      g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_REJECTED), ==, 0);

      ids = kdx_import_report_get_kol_ids (report, KDX_IMPORT_CREATED);
      first = kdx_store_load_kol (store, g_array_index (ids, gint64, 0), &error);
      second = kdx_store_load_kol (store, g_array_index (ids, gint64, 1), &error);
      g_assert_no_error (error);

      g_object_get (first, "wechat", &wechat, "birthday", &birthday, NULL);
      g_assert_cmpstr (kdx_kol_get_display_name (first), ==, "小美");
      g_assert_cmpint (kdx_kol_get_followers (first), ==, 125000);
      g_assert_cmpstr (kdx_kol_get_platform (first), ==, "xiaohongshu");
      g_assert_cmpstr (wechat, ==, "xiaomei_88");
      g_assert_cmpstr (birthday, ==, "1995-03-08");
      g_assert_nonnull (strstr (kdx_kol_get_notes (first), "第一行\n第二行"));
      g_assert_cmpstr (kdx_kol_get_display_name (second), ==, "Tech Tom");
      g_assert_cmpint (kdx_kol_get_followers (second), ==, 45000);
      g_assert_cmpstr (kdx_kol_get_platform (second), ==, "youtube");
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/office/xlsx-export-opens-in-libreoffice", test_xlsx_export_opens);
  g_test_add_func ("/office/libreoffice-files-import", test_libreoffice_files_import);

  return g_test_run ();
}
