/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-cli"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "kdx-test-util.h"

/* koldex-cli preview and import, run as a user runs them. */

static char *database;

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("KDX_FIXTURES"), name, NULL);
}

static void
use_new_database (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();

  g_free (database);
  database = g_build_filename (dir, "cli.db", NULL);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static guint
count_listed (void)
{
  g_auto(KdxCliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  kdx_test_run_cli (&run, database, "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  return json_array_get_length (json_node_get_array (root));
}

static void
test_preview (void)
{
  g_autofree char *path = fixture ("gb18030.csv");
  g_auto(KdxCliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *rows;
  JsonObject *mapping;

  use_new_database ();
  kdx_test_run_cli (&run, database, "preview", path, "--rows", "2", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  root = parse_json (run.out);
  object = json_node_get_object (root);

  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "csv");
  g_assert_cmpstr (json_object_get_string_member (object, "encoding"), ==, "GB18030");
  g_assert_cmpstr (json_object_get_string_member (object, "delimiter"), ==, ",");
  g_assert_cmpstr (json_object_get_string_member (object, "sheet"), ==, "gb18030");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "sheets")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "header"), 2), ==, "粉丝数");
  rows = json_object_get_array_member (object, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (rows, 0), 0), ==, "小美");
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (rows, 0), 7), ==, "喜欢猫\n不喝咖啡");
  mapping = json_object_get_object_member (object, "mapping");
  g_assert_cmpstr (json_object_get_string_member (mapping, "粉丝数"), ==, "followers");
  g_assert_cmpstr (json_object_get_string_member (mapping, "昵称"), ==, "display_name");

  /* Preview touches no database. */
  g_assert_false (g_file_test (database, G_FILE_TEST_EXISTS));
}

static void
test_preview_sheet (void)
{
  g_autofree char *path = fixture ("excel.xlsx");
  g_auto(KdxCliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  use_new_database ();
  kdx_test_run_cli (&run, database, "preview", path, "--sheet", "候选名单", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "xlsx");
  g_assert_true (json_object_get_null_member (object, "encoding"));
  g_assert_cmpstr (json_object_get_string_member (object, "sheet"), ==, "候选名单");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "sheets"), 0), ==, "说明");

  kdx_test_run_cli (&run, database, "preview", path, "--sheet", "没有", "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "没有"));
  g_assert_nonnull (strstr (run.err, "候选名单"));
}

static void
test_import (void)
{
  g_autofree char *path = fixture ("libreoffice.ods");
  g_auto(KdxCliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) shown = NULL;
  JsonObject *object;

  use_new_database ();
  kdx_test_run_cli (&run, database, "import", path, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "rows_read"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object, "created"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object, "rejected"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "ods");

  kdx_test_run_cli (&run, database, "show", "1", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  shown = parse_json (run.out);
  object = json_node_get_object (shown);
  g_assert_cmpstr (json_object_get_string_member (object, "display_name"), ==, "小美");
  g_assert_cmpint (json_object_get_int_member (object, "followers"), ==, 125000);
  g_assert_cmpstr (json_object_get_string_member (object, "platform"), ==, "xiaohongshu");
  g_assert_cmpstr (json_object_get_string_member (object, "birthday"), ==, "1995-03-08");
  g_assert_cmpstr (json_object_get_string_member (object, "stage"), ==, "candidate");
}

static void
test_import_partial (void)
{
  g_autofree char *path = fixture ("bad-rows.csv");
  g_auto(KdxCliRun) run = { 0 };

  use_new_database ();
  kdx_test_run_cli (&run, database, "import", path, NULL);
  /* Values were left out, though only the row without a name was. */
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.out, "5 created"));
  g_assert_nonnull (strstr (run.out, "1 rejected"));
  g_assert_nonnull (strstr (run.out, "3 rows imported without a value"));
  g_assert_nonnull (strstr (run.out, "Row 3, column 粉丝数: “很多”"));
  g_assert_nonnull (strstr (run.out, "Row 5, column 生日: “2000-13-45” does not exist: there is no month 13"));
  g_assert_nonnull (strstr (run.out, "Row 7, column 生日: “1990-02-30” does not exist: February 1990 has no day 30 "
                                     "(the row was imported without it)"));
  g_assert_null (strstr (run.out, "YYYY-MM-DD"));
  g_assert_cmpuint (count_listed (), ==, 5);
}

/* Only a bad cell: the row is imported, and the exit status still says
 * that something was left out. */
static void
test_import_bad_cell_only (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "leap.csv", NULL);
  g_auto(KdxCliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonObject *problem;

  g_assert_true (g_file_set_contents (path, "昵称,生日,城市\n闰日,1990-02-30,成都\n", -1, NULL));
  use_new_database ();
  kdx_test_run_cli (&run, database, "import", path, "--json", NULL);
  g_assert_cmpint (run.status, ==, 3);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "created"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "rejected"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "warned"), ==, 1);
  problem = json_array_get_object_element (json_object_get_array_member (object, "problems"), 0);
  g_assert_cmpint (json_object_get_int_member (problem, "row"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (problem, "column"), ==, "生日");
  g_assert_cmpstr (json_object_get_string_member (problem, "value"), ==, "1990-02-30");
  g_assert_cmpstr (json_object_get_string_member (problem, "reason"), ==,
                   "does not exist: February 1990 has no day 30");
  g_assert_cmpstr (json_object_get_string_member (problem, "row_outcome"), ==, "created");
  g_assert_cmpuint (count_listed (), ==, 1);
}

/* The list on the second sheet, after an instructions sheet, in a file
 * LibreOffice wrote: import reads the sheet the assistant would. */
static void
test_import_best_sheet (void)
{
  g_autofree char *path = fixture ("instructions-first.xlsx");
  g_autofree char *template = fixture ("template-only.xlsx");
  g_auto(KdxCliRun) run = { 0 };

  use_new_database ();
  kdx_test_run_cli (&run, database, "preview", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Sheet: 候选名单 (of 2)"));

  kdx_test_run_cli (&run, database, "import", path, NULL);
  /* 阿杰's birthday (1990-02-30) is left out: 3, not 0. */
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.out, "3 rows read: 3 created"));
  g_assert_cmpuint (count_listed (), ==, 3);

  /* The same template, not filled in: nothing to import is an error
   * that names the sheets looked at. */
  kdx_test_run_cli (&run, database, "import", template, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“说明”"));
  g_assert_nonnull (strstr (run.err, "“候选名单”"));
  g_assert_cmpuint (count_listed (), ==, 3);

  /* Asked for by name, the instructions sheet is no list either. */
  kdx_test_run_cli (&run, database, "import", path, "--sheet", "说明", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“说明”"));
  g_assert_cmpuint (count_listed (), ==, 3);
}

static void
test_import_failure (void)
{
  g_autofree char *path = fixture ("truncated.xlsx");
  g_auto(KdxCliRun) run = { 0 };

  use_new_database ();
  kdx_test_run_cli (&run, database, "import", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "koldex-cli: truncated.xlsx: "));
  g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpuint (count_listed (), ==, 0);

  /* Bad options change nothing either. */
  kdx_test_run_cli (&run, database, "import", path, "--on-duplicate", "maybe", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "maybe"));
  kdx_test_run_cli (&run, database, "import", path, "--map", "昵称=no_such_field", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no_such_field"));
}

static void
test_import_dry_run_and_policies (void)
{
  g_autofree char *path = fixture ("utf8-bom.csv");
  g_autoptr(JsonNode) root = NULL;
  g_auto(KdxCliRun) run = { 0 };
  JsonObject *object;

  use_new_database ();
  kdx_test_run_cli (&run, database, "import", path, "--dry-run", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_true (json_object_get_boolean_member (object, "dry_run"));
  g_assert_cmpint (json_object_get_int_member (object, "created"), ==, 3);
  g_assert_cmpuint (count_listed (), ==, 0);

  kdx_test_run_cli (&run, database, "import", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_listed (), ==, 3);

  kdx_test_run_cli (&run, database, "import", path, "--on-duplicate", "skip", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "3 skipped"));
  g_assert_cmpuint (count_listed (), ==, 3);

  kdx_test_run_cli (&run, database, "import", path, "--on-duplicate", "merge", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "3 merged"));
  g_assert_cmpuint (count_listed (), ==, 3);

  kdx_test_run_cli (&run, database, "import", path, "--on-duplicate", "new",
                    "--map", "备注=", "--map", "手机=wechat", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_listed (), ==, 6);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/cli/preview", test_preview);
  g_test_add_func ("/import/cli/preview-sheet", test_preview_sheet);
  g_test_add_func ("/import/cli/import", test_import);
  g_test_add_func ("/import/cli/partial", test_import_partial);
  g_test_add_func ("/import/cli/bad-cell-only", test_import_bad_cell_only);
  g_test_add_func ("/import/cli/best-sheet", test_import_best_sheet);
  g_test_add_func ("/import/cli/failure", test_import_failure);
  g_test_add_func ("/import/cli/dry-run-and-policies", test_import_dry_run_and_policies);

  return g_test_run ();
}
