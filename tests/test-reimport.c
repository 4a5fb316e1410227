/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-reimport"

#include "config.h"

#include "kdx-export.h"
#include "kdx-import-report.h"
#include "kdx-importer.h"
#include "kdx-sheet-export.h"
#include "kdx-error.h"
#include "kdx-store.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* A spreadsheet Koldex exports imports back through the spreadsheet
 * importer with the same values: the headers it writes are ones the
 * column mapper knows, and the values are ones its parsers read. */

static void
check_reimport (gconstpointer data)
{
  KdxSheetFormat format = GPOINTER_TO_INT (data);
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *from_path = g_build_filename (dir, "from.db", NULL);
  g_autofree char *to_path = g_build_filename (dir, "to.db", NULL);
  g_autofree char *sheet = g_build_filename (dir, format == KDX_SHEET_FORMAT_XLSX ? "kols.xlsx" : "kols.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) from = kdx_test_open_store (from_path, &error);
  g_autoptr(KdxStore) to = kdx_test_open_store (to_path, &error);
  g_autoptr(KdxKol) original = kdx_test_make_full_kol ();
  g_autoptr(KdxImporter) importer = NULL;
  g_autoptr(KdxImportReport) report = NULL;
  g_autoptr(KdxKol) copy = NULL;
  g_auto(GStrv) columns = kdx_sheet_export_default_columns (KDX_EXPORT_FLAGS_NONE);
  const KdxField *fields;
  guint n_fields;
  GArray *ids;

  g_assert_no_error (error);
  g_assert_true (kdx_store_add_kol (from, original, &error));
  g_assert_true (kdx_sheet_export_file (from, sheet, format, NULL, (const char *const *) columns,
                                        KDX_EXPORT_FLAGS_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  importer = kdx_importer_new (to);
  kdx_importer_set_unmapped_policy (importer, KDX_UNMAPPED_SKIP);
  report = kdx_importer_run (importer, sheet, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < kdx_import_report_get_n_problems (report); i++)
    {
      const KdxImportProblem *problem = kdx_import_report_get_problem (report, i);
      g_printerr ("row %u column %s: %s %s\n", problem->row, problem->column, problem->value, problem->reason);
    }
  g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_CREATED), ==, 1);
  g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_REJECTED), ==, 0);

  ids = kdx_import_report_get_kol_ids (report, KDX_IMPORT_CREATED);
  copy = kdx_store_load_kol (to, g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);

  /* Every exported column reads back as the value it was. */
  fields = kdx_record_get_fields (KDX_RECORD (original), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *want = NULL;
      g_autofree char *got = NULL;

      if (!g_strv_contains ((const char *const *) columns, fields[i].name))
        continue;
      /* Who the file is and when it was written belong to each database. */
      if (g_str_equal (fields[i].name, "id") || g_str_equal (fields[i].name, "uid")
          || g_str_equal (fields[i].name, "created_at") || g_str_equal (fields[i].name, "updated_at"))
        continue;
      want = kdx_record_get_string (KDX_RECORD (original), &fields[i]);
      got = kdx_record_get_string (KDX_RECORD (copy), &fields[i]);
      /* An amount is a number cell in XLSX: 12000.50 comes back as the
       * same number, written 12000.5. */
      if (fields[i].type == KDX_FIELD_DECIMAL && g_ascii_strtod (want, NULL) == g_ascii_strtod (got, NULL))
        continue;
      if (g_strcmp0 (want, got) != 0)
        g_error ("%s: exported “%s”, imported “%s”", fields[i].name, want, got);
    }
}

/* An import undone as a whole: what it created goes, what it merged
 * into comes back as it was; the history says so. */
static void
test_undo_import (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (dir, "undo.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "list.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_test_open_store (db, &error);
  g_autoptr(KdxKol) stored = kdx_kol_new ();
  g_autoptr(KdxKol) before = NULL;
  g_autoptr(KdxKol) merged = NULL;
  g_autoptr(KdxKol) after = NULL;
  g_autoptr(KdxImporter) importer = NULL;
  g_autoptr(KdxImportReport) report = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *city = NULL;
  KdxImportRun *run;
  gint64 run_id;

  g_assert_no_error (error);
  g_object_set (stored, "display-name", "小美", "wechat", "xiaomei_88", NULL);
  g_assert_true (kdx_store_add_kol (store, stored, &error));
  before = kdx_store_load_kol (store, kdx_kol_get_id (stored), &error);

  g_assert_true (g_file_set_contents (csv,
                                      "昵称,微信号,城市,粉丝数\n"
                                      "小美,xiaomei_88,上海,12.5万\n"
                                      "阿杰,ajie,北京,1.2w\n"
                                      "老王,laowang,广州,3000\n", -1, NULL));
  importer = kdx_importer_new (store);
  kdx_importer_set_duplicate_policy (importer, KDX_DUPLICATE_MERGE);
  report = kdx_importer_run (importer, csv, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_CREATED), ==, 2);
  g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_MERGED), ==, 1);
  g_assert_cmpint (kdx_import_report_get_run_id (report), >, 0);
  g_assert_cmpint (kdx_store_count_kols (store, NULL), ==, 3);
  merged = kdx_store_load_kol (store, kdx_kol_get_id (stored), &error);
  g_object_get (merged, "city", &city, NULL);
  g_assert_cmpstr (city, ==, "上海");

  runs = kdx_store_list_imports (store, &error);
  g_assert_cmpuint (runs->len, ==, 1);
  run = g_ptr_array_index (runs, 0);
  g_assert_cmpint (run->id, ==, kdx_import_report_get_run_id (report));
  g_assert_cmpuint (run->created, ==, 2);
  g_assert_cmpuint (run->merged, ==, 1);
  g_assert_null (run->undone_at);
  g_assert_true (g_str_has_suffix (run->file, "list.csv"));

  run_id = run->id;
  g_assert_true (kdx_store_undo_import (store, run_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kdx_store_count_kols (store, NULL), ==, 1);
  after = kdx_store_load_kol (store, kdx_kol_get_id (stored), &error);
  g_assert_true (kdx_kol_equal (after, before));

  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = kdx_store_list_imports (store, &error);
  g_assert_nonnull (((KdxImportRun *) g_ptr_array_index (runs, 0))->undone_at);
  g_assert_false (kdx_store_undo_import (store, run_id, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND);
}

/* One import merging twice into the same file, undone: the file comes
 * back as it was before the import, not as it was between the rows. */
static void
test_undo_double_merge (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (dir, "double.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "twice.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_test_open_store (db, &error);
  g_autoptr(KdxKol) stored = kdx_kol_new ();
  g_autoptr(KdxKol) before = NULL;
  g_autoptr(KdxKol) after = NULL;
  g_autoptr(KdxImporter) importer = NULL;
  g_autoptr(KdxImportReport) report = NULL;
  const char *tags[] = { "美妆, 护肤", " padded ", NULL };

  g_object_set (stored, "display-name", "小美", "phone", "13800138000",
                "tags", tags, "bio", "  indented\n  second line\n", NULL);
  g_assert_true (kdx_store_add_kol (store, stored, &error));
  before = kdx_store_load_kol (store, kdx_kol_get_id (stored), &error);

  g_assert_true (g_file_set_contents (csv,
                                      "昵称,手机,城市,备注\n"
                                      "小美,13800138000,上海,\n"
                                      "小美,13800138000,,第二行填的\n", -1, NULL));
  importer = kdx_importer_new (store);
  kdx_importer_set_duplicate_policy (importer, KDX_DUPLICATE_MERGE);
  report = kdx_importer_run (importer, csv, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_MERGED), ==, 2);

  g_assert_true (kdx_store_undo_import (store, kdx_import_report_get_run_id (report), &error));
  g_assert_no_error (error);
  after = kdx_store_load_kol (store, kdx_kol_get_id (stored), &error);
  /* Tags with commas and text with spaces survive the saved copy as they were. */
  g_assert_true (kdx_kol_equal (after, before));
  g_assert_cmpstr (kdx_kol_get_tags (after)[0], ==, "美妆, 护肤");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/reimport/csv", GINT_TO_POINTER (KDX_SHEET_FORMAT_CSV), check_reimport);
  g_test_add_data_func ("/reimport/xlsx", GINT_TO_POINTER (KDX_SHEET_FORMAT_XLSX), check_reimport);
  g_test_add_func ("/import/undo", test_undo_import);
  g_test_add_func ("/import/undo-double-merge", test_undo_double_merge);

  return g_test_run ();
}
