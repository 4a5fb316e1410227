/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <string.h>

#include "kdx-column-mapper.h"
#include "kdx-enums.h"
#include "kdx-error.h"
#include "kdx-importer.h"
#include "kdx-json-writer.h"
#include "kdx-sheet-chooser.h"
#include "kdx-store.h"
#include "kdx-table-reader.h"
#include "kdx-test-util.h"

/* Importing candidate lists: how columns map to fields, what the report
 * says, duplicates, the transaction, and files made to do harm. The
 * readers of each format are in test-import-readers.c. */

/* ---- the mapper ----------------------------------------------------------- */

static void
test_mapper_headers (void)
{
  static const struct { const char *header; const char *field; } cases[] = {
    { "昵称", "display_name" }, { "名字", "display_name" }, { "姓名", "display_name" },
    { "暱稱", "display_name" }, { "Name", "display_name" }, { " Nickname ", "display_name" },
    { "真实姓名", "real_name" }, { "真實姓名", "real_name" },
    { "粉丝", "followers" }, { "粉丝数", "followers" }, { "粉丝量", "followers" },
    { "粉絲數", "followers" }, { "Followers", "followers" }, { "粉丝数（万）", "followers" },
    { "微信", "wechat" }, { "微信号", "wechat" }, { "WeChat ID", "wechat" },
    { "电话", "phone" }, { "手机", "phone" }, { "手机号", "phone" }, { "手機號碼", "phone" },
    { "Phone", "phone" }, { "平台", "platform" }, { "平臺", "platform" },
    { "账号", "handle" }, { "ID", "handle" }, { "帳號", "handle" },
    { "城市", "city" }, { "领域", "category" }, { "类别", "category" }, { "類別", "category" },
    { "生日", "birthday" }, { "备注", "notes" }, { "備註", "notes" }, { "Notes", "notes" },
    { "display_name", "display_name" }, { "next_follow_up", "next_follow_up" },
    { "*手机号:", "phone" }, { "ＷｅＣｈａｔ", "wechat" }, { "阶段", "stage" },
    { "星座", NULL }, { "", NULL }, { "created_at", NULL }, { "avatar", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (kdx_column_mapper_guess_field (cases[i].header), ==, cases[i].field);
}

static GPtrArray *
text_row (const char *first,
          ...)
{
  GPtrArray *row = g_ptr_array_new_with_free_func ((GDestroyNotify) kdx_cell_free);
  va_list args;

  va_start (args, first);
  for (const char *text = first; text != NULL; text = va_arg (args, const char *))
    g_ptr_array_add (row, kdx_cell_new (*text != '\0' ? KDX_CELL_TEXT : KDX_CELL_EMPTY, text));
  va_end (args);
  return row;
}

static void
test_mapper_values (void)
{
  g_autoptr(KdxColumnMapper) mapper = kdx_column_mapper_new ();
  g_autoptr(KdxImportReport) report = kdx_import_report_new ();
  g_autoptr(GPtrArray) header = text_row ("昵称", "生日", "性别", "阶段", "手机", "星座", "备注", NULL);
  g_autoptr(GPtrArray) row = text_row ("小美", "45352", "女", "洽谈中", "１３８００１３８０００", "双鱼", "第一行\r\n第二行", NULL);
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(GError) error = NULL;

  kdx_column_mapper_set_header (mapper, header, 1, &error);
  g_assert_no_error (error);
  g_assert_null (kdx_column_mapper_get_field (mapper, 5));

  kol = kdx_column_mapper_make_kol (mapper, row, 2, report);
  g_assert_nonnull (kol);
  kdx_test_assert_string (kol, "birthday", "2024-03-01"); /* a serial typed into a CSV */
  kdx_test_assert_string (kol, "phone", "13800138000");    /* full-width digits */
  kdx_test_assert_string (kol, "notes", "第一行\n第二行\n星座: 双鱼");
  g_assert_cmpint (kdx_kol_get_stage (kol), ==, KDX_STAGE_NEGOTIATING);
  {
    KdxGender gender;
    g_object_get (kol, "gender", &gender, NULL);
    g_assert_cmpint (gender, ==, KDX_GENDER_FEMALE);
  }
  g_clear_object (&kol);

  /* Unmapped columns skipped, and a column mapped away by the user. */
  kdx_column_mapper_set_unmapped_policy (mapper, KDX_UNMAPPED_SKIP);
  kdx_column_mapper_add_override (mapper, "备注", "", &error);
  g_assert_no_error (error);
  kdx_column_mapper_set_header (mapper, header, 1, &error);
  g_assert_no_error (error);
  kol = kdx_column_mapper_make_kol (mapper, row, 2, report);
  kdx_test_assert_string (kol, "notes", NULL);

  /* Overrides are checked: unknown and read-only fields, missing headers. */
  g_assert_false (kdx_column_mapper_add_override (mapper, "x", "no_such_field", &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_UNKNOWN_FIELD);
  g_clear_error (&error);
  g_assert_false (kdx_column_mapper_add_override (mapper, "x", "created_at", &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_READ_ONLY_FIELD);
  g_clear_error (&error);
  kdx_column_mapper_add_override (mapper, "不存在的列", "city", &error);
  g_assert_no_error (error);
  g_assert_false (kdx_column_mapper_set_header (mapper, header, 1, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "不存在的列"));
}

/* A unit in the header scales the column's plain numbers: 12.5 under
 * 粉丝数（万） is 125,000 followers; a value with a unit of its own is
 * read as written, and other columns are left alone. */
static void
test_mapper_header_units (void)
{
  static const struct { const char *followers; const char *fee; guint scale; } headers[] = {
    { "粉丝数（万）", "报价（万元）", 4 },
    { "粉絲數(萬人)", "報價【萬元】", 4 },
    { "Followers (k)", "Fee (in thousands)", 3 },
    { "Followers [M]", "Fee (unit: 万)", 6 },
    { "粉丝数（人）", "报价（元）", 0 },
  };
  static const gint64 followers[] = { 125000, 125000, 12500, 12500000, 0 };
  static const char *const fees[] = { "3000", "3000", "300", "3000", "0.3" };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autoptr(KdxColumnMapper) mapper = kdx_column_mapper_new ();
      g_autoptr(KdxImportReport) report = kdx_import_report_new ();
      g_autoptr(GPtrArray) header = text_row ("昵称", headers[i].followers, headers[i].fee, "城市 (省)", NULL);
      g_autoptr(GPtrArray) row = text_row ("小美", "12.5", "0.3", "12", NULL);
      g_autoptr(GPtrArray) own_unit = text_row ("小红", "3万", "1,000", "", NULL);
      g_autoptr(KdxKol) kol = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s | %s", headers[i].followers, headers[i].fee);
      kdx_column_mapper_set_header (mapper, header, 1, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (kdx_column_mapper_get_field (mapper, 1), ==, "followers");
      g_assert_cmpstr (kdx_column_mapper_get_field (mapper, 2), ==, "fee");
      g_assert_cmpuint (kdx_column_mapper_get_scale (mapper, 1), ==, headers[i].scale);
      g_assert_cmpuint (kdx_column_mapper_get_scale (mapper, 3), ==, 0);

      if (headers[i].scale == 0)
        {
          /* Without a unit, 12.5 followers is refused, with the reason;
           * the rest of the row still makes a file. */
          g_autoptr(KdxKol) fresh = kdx_kol_new ();

          kol = kdx_column_mapper_make_kol (mapper, row, 2, report);
          g_assert_nonnull (kol);
          g_assert_cmpint (kdx_kol_get_followers (kol), ==, kdx_kol_get_followers (fresh));
          kdx_test_assert_string (kol, "city", "12");
          g_assert_cmpuint (kdx_import_report_get_n_problems (report), ==, 1);
          continue;
        }
      kol = kdx_column_mapper_make_kol (mapper, row, 2, report);
      g_assert_nonnull (kol);
      g_assert_cmpint (kdx_kol_get_followers (kol), ==, followers[i]);
      kdx_test_assert_string (kol, "fee", fees[i]);
      kdx_test_assert_string (kol, "city", "12");
      g_clear_object (&kol);

      kol = kdx_column_mapper_make_kol (mapper, own_unit, 3, report);
      g_assert_nonnull (kol);
      g_assert_cmpint (kdx_kol_get_followers (kol), ==, 30000);
    }

  /* Not units: a letter after a slash (per month), brackets that say
   * something else, and a unit on a column that is not a number. */
  {
    g_autoptr(KdxColumnMapper) mapper = kdx_column_mapper_new ();
    g_autoptr(KdxImportReport) report = kdx_import_report_new ();
    g_autoptr(GPtrArray) header = text_row ("昵称", "Fee/m", "Handle (ID)", "Platform (抖音/小红书)",
                                            "Notes (m)", "粉丝数/万", NULL);
    g_autoptr(GPtrArray) row = text_row ("小美", "2.5", "a1", "抖音", "1.8", "3.5", NULL);
    g_autoptr(KdxKol) kol = NULL;
    g_autoptr(GError) error = NULL;

    kdx_column_mapper_add_override (mapper, "Fee/m", "fee", &error);
    g_assert_no_error (error);
    kdx_column_mapper_set_header (mapper, header, 1, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < 5; i++)
      g_assert_cmpuint (kdx_column_mapper_get_scale (mapper, i), ==, 0);
    g_assert_cmpstr (kdx_column_mapper_get_field (mapper, 5), ==, "followers");
    g_assert_cmpuint (kdx_column_mapper_get_scale (mapper, 5), ==, 4);
    kol = kdx_column_mapper_make_kol (mapper, row, 2, report);
    g_assert_nonnull (kol);
    kdx_test_assert_string (kol, "fee", "2.5");
    kdx_test_assert_string (kol, "notes", "1.8");
    g_assert_cmpint (kdx_kol_get_followers (kol), ==, 35000);
  }
}

/* ---- the importer --------------------------------------------------------- */

/* A value that does not fit costs that cell, not the row: the row is
 * imported without it and the cell reported. Only a row without a name
 * is left out. A day that does not exist says so, instead of asking for
 * the YYYY-MM-DD it already is. */
static void
test_report_bad_rows (void)
{
  g_autoptr(KdxStore) store = kdx_test_open_tmp_store ();
  g_autoptr(KdxImportReport) report = kdx_test_import_file (store, "bad-rows.csv", NULL);
  g_autoptr(KdxJsonWriter) writer = kdx_json_writer_new (FALSE);
  g_autoptr(KdxKol) bad_count = NULL;
  g_autoptr(KdxKol) bad_day = NULL;
  GArray *created;
  const KdxImportProblem *problem;

  g_assert_cmpuint (kdx_import_report_get_rows_read (report), ==, 6);
  g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_CREATED), ==, 5);
  g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_REJECTED), ==, 1);
  g_assert_cmpuint (kdx_import_report_get_n_warned (report), ==, 3);
  g_assert_cmpint (kdx_test_count_kols (store), ==, 5);
  g_assert_cmpuint (kdx_import_report_get_n_problems (report), ==, 4);

  problem = kdx_import_report_get_problem (report, 0);
  g_assert_cmpuint (problem->row, ==, 3);
  g_assert_cmpstr (problem->column, ==, "粉丝数");
  g_assert_cmpstr (problem->value, ==, "很多");
  g_assert_nonnull (strstr (problem->reason, "count"));
  g_assert_cmpint (problem->outcome, ==, KDX_IMPORT_CREATED);

  problem = kdx_import_report_get_problem (report, 1);
  g_assert_cmpuint (problem->row, ==, 4);
  g_assert_cmpstr (problem->column, ==, "昵称");
  g_assert_nonnull (strstr (problem->reason, "display name"));
  g_assert_cmpint (problem->outcome, ==, KDX_IMPORT_REJECTED);

  problem = kdx_import_report_get_problem (report, 2);
  g_assert_cmpuint (problem->row, ==, 5);
  g_assert_cmpstr (problem->column, ==, "生日");
  g_assert_cmpstr (problem->value, ==, "2000-13-45");
  g_assert_cmpstr (problem->reason, ==, "does not exist: there is no month 13");
  g_assert_cmpint (problem->outcome, ==, KDX_IMPORT_CREATED);

  problem = kdx_import_report_get_problem (report, 3);
  g_assert_cmpuint (problem->row, ==, 7);
  g_assert_cmpstr (problem->column, ==, "生日");
  g_assert_cmpstr (problem->value, ==, "1990-02-30");
  g_assert_cmpstr (problem->reason, ==, "does not exist: February 1990 has no day 30");
  g_assert_cmpint (problem->outcome, ==, KDX_IMPORT_CREATED);

  /* The rows landed with everything else they held. */
  created = kdx_import_report_get_kol_ids (report, KDX_IMPORT_CREATED);
  g_assert_cmpuint (created->len, ==, 5);
  bad_count = kdx_store_load_kol (store, g_array_index (created, gint64, 1), NULL);
  kdx_test_assert_string (bad_count, "display-name", "坏数");
  kdx_test_assert_string (bad_count, "birthday", "2000-01-01");
  kdx_test_assert_string (bad_count, "city", "北京");
  bad_day = kdx_store_load_kol (store, g_array_index (created, gint64, 4), NULL);
  kdx_test_assert_string (bad_day, "display-name", "闰日");
  kdx_test_assert_string (bad_day, "city", "成都");
  g_assert_cmpint (kdx_kol_get_followers (bad_day), ==, 100);
  kdx_test_assert_string (bad_day, "birthday", NULL);

  kdx_import_report_write_json (report, writer);
  g_assert_nonnull (strstr (kdx_json_writer_get_text (writer), "\"rejected\":1"));
  g_assert_nonnull (strstr (kdx_json_writer_get_text (writer), "\"warned\":3"));
  g_assert_nonnull (strstr (kdx_json_writer_get_text (writer), "\"row\":5"));
  g_assert_nonnull (strstr (kdx_json_writer_get_text (writer), "\"row_outcome\":\"created\""));
}

/* The list on the second sheet, after an instructions sheet: the importer
 * picks it as the assistant does; a file with no rows is an error that
 * names the sheets. */
static void
test_best_sheet (void)
{
  g_autoptr(KdxStore) store = kdx_test_open_tmp_store ();
  g_autofree char *path = kdx_test_fixture ("instructions-first.xlsx");
  g_autofree char *template = kdx_test_fixture ("template-only.xlsx");
  g_autofree char *best = NULL;
  g_autoptr(KdxImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  best = kdx_sheet_chooser_pick (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (best, ==, "候选名单");

  report = kdx_test_import_file (store, "instructions-first.xlsx", NULL);
  g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_CREATED), ==, 3);
  g_assert_cmpuint (kdx_import_report_get_n_warned (report), ==, 1);
  g_assert_cmpint (kdx_test_count_kols (store), ==, 3);

  /* Asked for, the instructions sheet is read, and has no list. */
  {
    g_autoptr(KdxImporter) importer = kdx_importer_new (store);
    g_autoptr(KdxImportReport) none = NULL;

    kdx_importer_set_sheet (importer, "说明");
    none = kdx_importer_run (importer, path, NULL, &error);
    g_assert_null (none);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "“说明”"));
    g_clear_error (&error);
  }

  /* Nothing under the header anywhere: every sheet is named. */
  {
    g_autoptr(KdxImporter) importer = kdx_importer_new (store);
    g_autoptr(KdxImportReport) none = kdx_importer_run (importer, template, NULL, &error);

    g_assert_null (none);
    g_assert_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "“说明”"));
    g_assert_nonnull (strstr (error->message, "“候选名单”"));
  }
  g_assert_cmpint (kdx_test_count_kols (store), ==, 3);
}

/* ---- known values, from many threads ------------------------------------- */

#define N_RACERS 8

static gint racers_waiting;
static gint racers_short;

static gpointer
race_known_values (gpointer expected)
{
  /* All start together, so the first use of the cache is contended. */
  g_atomic_int_dec_and_test (&racers_waiting);
  while (g_atomic_int_get (&racers_waiting) > 0)
    ;
  if (g_strv_length ((char **) kdx_churn_reason_known_values ()) != GPOINTER_TO_UINT (expected)
      || kdx_platform_known_values ()[0] == NULL)
    g_atomic_int_inc (&racers_short);
  return NULL;
}

/* An import worker reads the known values while the main thread may too:
 * before, the first caller filled the cache as a second one, seeing its
 * first entry set, returned it half written. Each run is a fresh process,
 * since only the first use can race. */
static void
test_known_values_threads (void)
{
  if (g_test_subprocess ())
    {
      GThread *threads[N_RACERS];
      /* Counted by the parent, where nothing raced. */
      guint expected = atoi (g_getenv ("KDX_EXPECTED_REASONS"));

      g_assert_cmpuint (expected, >, 1);
      racers_waiting = N_RACERS;
      for (guint i = 0; i < N_RACERS; i++)
        threads[i] = g_thread_new ("racer", race_known_values, GUINT_TO_POINTER (expected));
      for (guint i = 0; i < N_RACERS; i++)
        g_thread_join (threads[i]);
      g_assert_cmpint (racers_short, ==, 0);
      return;
    }

  {
    g_autofree char *expected = g_strdup_printf ("%u", g_strv_length ((char **) kdx_churn_reason_known_values ()));

    g_setenv ("KDX_EXPECTED_REASONS", expected, TRUE);
    for (guint run = 0; run < 50; run++)
      {
        g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
        g_test_trap_assert_passed ();
      }
  }
}

static KdxKol *
add_existing (KdxStore *store)
{
  g_autoptr(GError) error = NULL;
  KdxKol *kol = kdx_kol_new ();

  g_object_set (kol, "display-name", "美美", "phone", "13800138000", "city", "上海", NULL);
  kdx_store_add_kol (store, kol, &error);
  g_assert_no_error (error);
  return kol;
}

static KdxImportReport *
import_with_policy (KdxStore           *store,
                    const char         *name,
                    KdxDuplicatePolicy  policy,
                    gboolean            dry_run)
{
  g_autofree char *path = kdx_test_fixture (name);
  g_autoptr(KdxImporter) importer = kdx_importer_new (store);
  g_autoptr(GError) error = NULL;
  KdxImportReport *report;

  kdx_importer_set_duplicate_policy (importer, policy);
  kdx_importer_set_dry_run (importer, dry_run);
  report = kdx_importer_run (importer, path, NULL, &error);
  g_assert_no_error (error);
  return report;
}

static void
test_duplicates_skip (void)
{
  g_autoptr(KdxStore) store = kdx_test_open_tmp_store ();
  g_autoptr(KdxKol) existing = add_existing (store);
  g_autoptr(KdxImportReport) report = import_with_policy (store, "utf8-bom.csv", KDX_DUPLICATE_SKIP, FALSE);
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_SKIPPED), ==, 1);
  g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_CREATED), ==, 2);
  g_assert_cmpint (kdx_test_count_kols (store), ==, 3);
  stored = kdx_store_load_kol (store, kdx_kol_get_id (existing), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdx_kol_get_display_name (stored), ==, "美美");
  g_assert_cmpint (kdx_kol_get_followers (stored), ==, 0);

  /* Importing the same list again finds every row (phone, WeChat or handle). */
  g_clear_object (&report);
  report = import_with_policy (store, "utf8-bom.csv", KDX_DUPLICATE_SKIP, FALSE);
  g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_SKIPPED), ==, 3);
  g_assert_cmpint (kdx_test_count_kols (store), ==, 3);
}

static void
test_duplicates_merge (void)
{
  g_autoptr(KdxStore) store = kdx_test_open_tmp_store ();
  g_autoptr(KdxKol) existing = add_existing (store);
  g_autoptr(KdxImportReport) report = import_with_policy (store, "utf8-bom.csv", KDX_DUPLICATE_MERGE, FALSE);
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_MERGED), ==, 1);
  g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_CREATED), ==, 2);
  g_assert_cmpint (kdx_test_count_kols (store), ==, 3);
  stored = kdx_store_load_kol (store, kdx_kol_get_id (existing), &error);
  g_assert_no_error (error);
  /* What was known stays; what was empty is filled. */
  g_assert_cmpstr (kdx_kol_get_display_name (stored), ==, "美美");
  kdx_test_assert_string (stored, "city", "上海");
  g_assert_cmpint (kdx_kol_get_followers (stored), ==, 125000);
  kdx_test_assert_string (stored, "wechat", "xiaomei_88");
  kdx_test_assert_string (stored, "birthday", "1995-03-08");
}

static void
test_duplicates_new (void)
{
  g_autoptr(KdxStore) store = kdx_test_open_tmp_store ();
  g_autoptr(KdxKol) existing = add_existing (store);
  g_autoptr(KdxImportReport) report = import_with_policy (store, "utf8-bom.csv", KDX_DUPLICATE_NEW, FALSE);

  g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_CREATED), ==, 3);
  g_assert_cmpint (kdx_test_count_kols (store), ==, 4);
}

static void
test_dry_run (void)
{
  g_autoptr(KdxStore) store = kdx_test_open_tmp_store ();
  g_autoptr(KdxKol) existing = add_existing (store);
  g_autoptr(KdxImportReport) report = import_with_policy (store, "utf8-bom.csv", KDX_DUPLICATE_MERGE, TRUE);
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(GError) error = NULL;

  /* The report says what would happen; nothing happened. */
  g_assert_true (kdx_import_report_get_dry_run (report));
  g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_MERGED), ==, 1);
  g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_CREATED), ==, 2);
  g_assert_cmpint (kdx_test_count_kols (store), ==, 1);
  stored = kdx_store_load_kol (store, kdx_kol_get_id (existing), &error);
  g_assert_no_error (error);
  g_assert_true (kdx_kol_equal (stored, existing));
  g_assert_false (kdx_store_in_batch (store));
}

static char *
write_many_rows (guint       n_rows,
                 const char *last_row)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  char *path = g_build_filename (dir, "many.csv", NULL);
  g_autoptr(GString) text = g_string_new ("昵称,粉丝数,备注\n");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text, "达人%u,%u万,第%u行\n", i, i, i);
  if (last_row != NULL)
    g_string_append (text, last_row);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  return path;
}

static void
cancel_cb (guint    rows_done,
           double   fraction,
           gpointer user_data)
{
  g_assert_cmpfloat (fraction, >, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
  g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autoptr(KdxStore) store = kdx_test_open_tmp_store ();
  g_autoptr(KdxKol) existing = add_existing (store);
  g_autofree char *path = write_many_rows (300, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(KdxImporter) importer = kdx_importer_new (store);
  g_autoptr(KdxImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  kdx_importer_set_progress_func (importer, cancel_cb, cancellable, NULL);
  report = kdx_importer_run (importer, path, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_assert_cmpint (kdx_test_count_kols (store), ==, 1);
  g_assert_false (kdx_store_in_batch (store));

  /* The store still works after the rollback. */
  g_clear_error (&error);
  kdx_importer_set_progress_func (importer, NULL, NULL, NULL);
  report = kdx_importer_run (importer, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kdx_test_count_kols (store), ==, 301);
}

/* A file that breaks after 200 good rows: nothing of it stays. */
static void
test_failure_half_way (void)
{
  g_autoptr(KdxStore) store = kdx_test_open_tmp_store ();
  g_autoptr(KdxKol) existing = add_existing (store);
  g_autoptr(GString) huge = g_string_new ("巨人,1,\"");
  g_autofree char *path = NULL;
  g_autoptr(KdxImporter) importer = kdx_importer_new (store);
  g_autoptr(KdxImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  /* An unclosed quote: the rest of the file, 2 MB, is one cell. */
  for (guint i = 0; i < 2 * 1024 * 1024 / 8; i++)
    g_string_append (huge, "abcdefg\n");
  path = write_many_rows (200, huge->str);

  report = kdx_importer_run (importer, path, NULL, &error);
  g_assert_error (error, KDX_ERROR, KDX_ERROR_FILE_LIMIT);
  g_assert_nonnull (strstr (error->message, "many.csv"));
  g_assert_nonnull (strstr (error->message, "row 202"));
  g_assert_null (report);
  g_assert_cmpint (kdx_test_count_kols (store), ==, 1);
  g_assert_false (kdx_store_in_batch (store));
}

/* ---- hostile files -------------------------------------------------------- */

static void
assert_import_fails (const char *path,
                     int         code,
                     const char *words)
{
  g_autoptr(KdxStore) store = kdx_test_open_tmp_store ();
  g_autoptr(KdxImporter) importer = kdx_importer_new (store);
  g_autoptr(KdxImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = kdx_importer_run (importer, path, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, KDX_ERROR, code);
  if (strstr (error->message, words) == NULL)
    g_error ("expected “%s” in: %s", words, error->message);
  g_assert_cmpint (kdx_test_count_kols (store), ==, 0);
}

static void
test_hostile_truncated (void)
{
  g_autofree char *path = kdx_test_fixture ("truncated.xlsx");

  assert_import_fails (path, KDX_ERROR_UNREADABLE_FILE, "damaged");
}

static void
test_hostile_random_bytes (void)
{
  g_autofree char *path = kdx_test_fixture ("random-bytes.xlsx");

  assert_import_fails (path, KDX_ERROR_UNREADABLE_FILE, "neither text");
}

static void
write_entry (struct archive *archive,
             const char     *name,
             const char     *head,
             gint64          filler,
             const char     *tail)
{
  g_autoptr(GBytes) block = NULL;
  struct archive_entry *entry = archive_entry_new ();
  static char spaces[64 * 1024];
  gint64 size = strlen (head) + filler + strlen (tail);

  memset (spaces, 'A', sizeof spaces);
  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, size);
  g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
  archive_write_data (archive, head, strlen (head));
  for (gint64 left = filler; left > 0; left -= sizeof spaces)
    archive_write_data (archive, spaces, MIN ((gint64) sizeof spaces, left));
  archive_write_data (archive, tail, strlen (tail));
  archive_entry_free (entry);
}

/* A workbook whose one inline string is @cell_bytes of "A". */
static char *
write_bomb (gint64 cell_bytes)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  char *path = g_build_filename (dir, "bomb.xlsx", NULL);
  struct archive *archive = archive_write_new ();

  archive_write_set_format_zip (archive);
  archive_write_zip_set_compression_deflate (archive);
  g_assert_cmpint (archive_write_open_filename (archive, path), ==, ARCHIVE_OK);
  write_entry (archive, "_rels/.rels",
               "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
               "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
               "</Relationships>", 0, "");
  write_entry (archive, "xl/workbook.xml",
               "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
               "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
               "<sheets><sheet name=\"炸弹\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>", 0, "");
  write_entry (archive, "xl/_rels/workbook.xml.rels",
               "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
               "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
               "</Relationships>", 0, "");
  write_entry (archive, "xl/worksheets/sheet1.xml",
               "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
               "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>昵称</t></is></c></row>"
               "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>",
               cell_bytes, "</t></is></c></row></sheetData></worksheet>");
  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);
  return path;
}

static void
test_hostile_zip_bomb (void)
{
  /* 300 MB that pack into a few hundred KB: refused before unpacking. */
  g_autofree char *path = write_bomb ((gint64) 300 * 1024 * 1024);

  assert_import_fails (path, KDX_ERROR_FILE_LIMIT, "unpacks to more than");
}

static void
test_hostile_huge_cell (void)
{
  g_autofree char *xlsx = write_bomb (3 * 1024 * 1024);
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *csv = g_build_filename (dir, "huge.csv", NULL);
  g_autoptr(GString) text = g_string_new ("昵称,备注\n小美,");
  g_autoptr(GError) error = NULL;

  assert_import_fails (xlsx, KDX_ERROR_FILE_LIMIT, "more than 1024 KB");

  for (guint i = 0; i < 3 * 1024 * 1024 / 8; i++)
    g_string_append (text, "abcdefgh");
  g_file_set_contents (csv, text->str, text->len, &error);
  g_assert_no_error (error);
  assert_import_fails (csv, KDX_ERROR_FILE_LIMIT, "row 2, column 2");
}

static void
test_hostile_not_a_spreadsheet (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *xls = g_build_filename (dir, "old.xlsx", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (xls, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest of an old workbook", 31, &error);
  g_assert_no_error (error);
  assert_import_fails (xls, KDX_ERROR_UNREADABLE_FILE, ".xls");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/mapper/headers", test_mapper_headers);
  g_test_add_func ("/import/mapper/values", test_mapper_values);
  g_test_add_func ("/import/mapper/header-units", test_mapper_header_units);
  g_test_add_func ("/import/report/bad-rows", test_report_bad_rows);
  g_test_add_func ("/import/sheet/best", test_best_sheet);
  g_test_add_func ("/import/known-values/threads", test_known_values_threads);
  g_test_add_func ("/import/duplicates/skip", test_duplicates_skip);
  g_test_add_func ("/import/duplicates/merge", test_duplicates_merge);
  g_test_add_func ("/import/duplicates/new", test_duplicates_new);
  g_test_add_func ("/import/transaction/dry-run", test_dry_run);
  g_test_add_func ("/import/transaction/cancel", test_cancel);
  g_test_add_func ("/import/transaction/failure-half-way", test_failure_half_way);
  g_test_add_func ("/import/hostile/truncated-zip", test_hostile_truncated);
  g_test_add_func ("/import/hostile/random-bytes", test_hostile_random_bytes);
  g_test_add_func ("/import/hostile/zip-bomb", test_hostile_zip_bomb);
  g_test_add_func ("/import/hostile/huge-cell", test_hostile_huge_cell);
  g_test_add_func ("/import/hostile/old-xls", test_hostile_not_a_spreadsheet);

  return g_test_run ();
}
