/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-digest"

#include "config.h"

#include <string.h>

#include "kdx-importer.h"
#include "kdx-store.h"
#include "kdx-test-digest.h"
#include "kdx-test-util.h"
#include "kdx-xml-export.h"
#include "kdx-xml-import.h"

/* Issue 16 rewrites the import path for speed; what it writes must not
 * change. A generated 20,000-row candidate list (and the Koldex XML of
 * the database it makes) is imported, and the database's content is
 * compared with digests taken on the code before that rewrite. A digest
 * that changes means an import now writes something else: find out
 * what (the test log names each table's rows and digest) before
 * believing a new one. */

#define N_ROWS 20000

/* What differs between two runs of the same import: random uids, the
 * clock, and the temporary folder the file was read from. */
static const char *const skipped_columns[] = {
  "*.uid", "*.created_at", "*.updated_at", "stage_history.at", "import_run.at",
  "import_run.file", "import_change.before",
  /* The saved views every new database starts with (schema 5, issue 17,
   * after these digests were taken): made when the database is, written
   * by no import. */
  "saved_view.*", "saved_view_seed.*",
  /* The search text once more in one column (schema 7, after these
   * digests were taken): the text of kol_fts, which is digested, joined
   * (tests/test-search-short.c checks what it finds). */
  "kol_search.*",
  /* The stays Insights reads (schema 9, after these digests too): worked
   * out from stage_history, which counts here, and checked equal to it
   * by test-insights-summary; their times are the clock's, as
   * stage_history.at is. */
  "stage_stay.*",
  /* The row version per KOL (schema 10, issue 14, after these digests
   * too): a count of the writes of each file, not what they wrote;
   * tests/test-row-version.c checks that every write raises it. */
  "kol.row_version",
  /* Who made each event, stage move and import (schema 11, issue 14,
   * after these digests too): a column of NULLs here, as no operator is
   * named, yet one more value per row to the digest;
   * tests/test-made-by.c checks what it records. */
  "event.made_by", "stage_history.made_by", "import_run.made_by",
  /* Each KOL's digest of its history for Insights (schema 13, after
   * these digests too): worked out from stage_history and event, which
   * count here, and checked equal to them after every kind of write by
   * test-insights-digest; it holds the stage moves' times, the clock's. */
  "kol_digest.*",
  /* What the list shows of each KOL's parts (schema 15, after these
   * digests too): worked out from stage_history, event, channel and
   * kol_tag, digested here, and checked equal to them after every kind
   * of write by test-list-facts; it holds the stage's time, the clock's. */
  "kol_list_facts.*", NULL
};

/* Taken on the import path as it was before issue 16 (commit "tests: a
 * digest of what a 20,000-row import writes"). */
#define CSV_DIGEST "bfc3b357c588b0a32c45a2a2134f0e1aac9b3ae17b6bd0f6ee43bf1e8dc43243"
#define MERGE_DIGEST "63f1ffeb47a90b9d2b314154c2d6e78d51856c341c383b1a0ad5acc59d06bdae"
#define XML_DIGEST "79b50c579807a8b1868ec1cf198a7d009fdea3c7fed842f771ba5aad40d1b196"

static const char *const names[] = {
  "小美", "阿杰", "美妆达人", "健身教练", "Tech Guru", "旅行家", "读书会", "宝妈日记",
  "游戏主播", "吃货小王", "Emma", "李老师", "穿搭🌸", "摄影\"阿光\"", "数码, 评测",
};
static const char *const platforms[] = {
  "微博", "抖音", "小红书", "知乎", "B站", "公众号", "快手", "weibo", "YouTube", "自有社区", "",
};
static const char *const cities[] = { "北京", "上海", "广州", "深圳", "成都", "杭州", "", "Hong Kong" };
static const char *const categories[] = { "美妆", "健身", "科技", "美食", "旅行", "母婴", "读书", "游戏", "" };
static const char *const tag_lists[] = {
  "美妆,护肤", "健身；减脂", "科技/数码", "美食 探店", "旅行、摄影", "", "母婴|育儿", "读书,知识,成长",
};
static const char *const genders[] = { "女", "男", "", "female", "其他", "未知" };
static const char *const stages[] = { "候选", "联系中", "洽谈中", "", "合作中", "成熟", "已流失", "婉拒" };
static const char *const tiers[] = { "头部", "腰部", "尾部", "", "head", "未评级" };

/* Row @i of the list: every value a function of @i alone. Every 97th row
 * repeats an earlier row's phone (a duplicate, skipped), every 211th has
 * no name (rejected), every 131st an unreadable follower count (a
 * problem the report names). */
static void
append_row (GString *out,
            guint    i)
{
  g_autofree char *name = NULL;
  g_autofree char *handle = NULL;
  g_autofree char *followers = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *wechat = NULL;
  g_autofree char *birthday = NULL;
  g_autofree char *notes = NULL;
  guint month = 1 + i % 12, day = 1 + i % 28;

  name = i % 211 == 5 ? g_strdup ("") : g_strdup_printf ("%s%u", names[i % G_N_ELEMENTS (names)], i);
  handle = g_strdup_printf ("kol_%u", i * 7 % 100003);
  /* Followers and dates as operators write them. */
  if (i % 131 == 3)
    followers = g_strdup ("很多");
  else
    switch (i % 6)
      {
      case 0: followers = g_strdup_printf ("%u", i * 13 % 50000); break;
      case 1: followers = g_strdup_printf ("%u.%u万", i % 300, i % 10); break;
      case 2: followers = g_strdup_printf ("%u.%uw", i % 300, i % 10); break;
      case 3: followers = g_strdup_printf ("%uk", i % 900); break;
      case 4: followers = g_strdup_printf ("%u,%03u", 1 + i % 900, i % 1000); break;
      default: followers = g_strdup (""); break;
      }
  phone = i % 5 == 0 ? g_strdup ("")
        : g_strdup_printf ("138%08u", i % 97 == 50 ? i - 40 : i);
  wechat = i % 3 == 0 ? g_strdup_printf ("wx_%u", i) : g_strdup ("");
  switch (i % 4)
    {
    case 0: birthday = g_strdup_printf ("2024-%02u-%02u", month, day); break;
    case 1: birthday = g_strdup_printf ("2024/%u/%u", month, day); break;
    case 2: birthday = g_strdup_printf ("%02u.%02u.1990", day, month); break;
    default: birthday = g_strdup (""); break;
    }
  notes = i % 17 == 0 ? g_strdup_printf ("第一行\n第二行 \"%u\", <ok> & 🌸", i) : g_strdup ("");

  kdx_test_append_csv_field (out, name, FALSE);
  kdx_test_append_csv_field (out, i % 4 == 0 ? "王小明" : "", FALSE);
  kdx_test_append_csv_field (out, genders[i % G_N_ELEMENTS (genders)], FALSE);
  kdx_test_append_csv_field (out, platforms[i % G_N_ELEMENTS (platforms)], FALSE);
  kdx_test_append_csv_field (out, handle, FALSE);
  kdx_test_append_csv_field (out, followers, FALSE);
  kdx_test_append_csv_field (out, phone, FALSE);
  kdx_test_append_csv_field (out, wechat, FALSE);
  kdx_test_append_csv_field (out, cities[i % G_N_ELEMENTS (cities)], FALSE);
  kdx_test_append_csv_field (out, categories[i % G_N_ELEMENTS (categories)], FALSE);
  kdx_test_append_csv_field (out, tag_lists[i % G_N_ELEMENTS (tag_lists)], FALSE);
  kdx_test_append_csv_field (out, stages[i % G_N_ELEMENTS (stages)], FALSE);
  kdx_test_append_csv_field (out, tiers[i % G_N_ELEMENTS (tiers)], FALSE);
  kdx_test_append_csv_field (out, birthday, FALSE);
  kdx_test_append_csv_field (out, notes, TRUE);
}

static char *
write_csv (const char *dir)
{
  g_autoptr(GString) csv = g_string_new ("昵称,真实姓名,性别,平台,账号,粉丝数,手机,微信,城市,领域,标签,阶段,层级,生日,备注\n");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "candidates.csv", NULL);

  for (guint i = 0; i < N_ROWS; i++)
    append_row (csv, i);
  g_file_set_contents (path, csv->str, (gssize) csv->len, &error);
  g_assert_no_error (error);
  return path;
}

static void
assert_digest (const char *db_path,
               const char *expected)
{
  g_autofree char *digest = kdx_test_database_digest (db_path, skipped_columns);

  g_test_message ("digest of %s: %s", db_path, digest);
  g_assert_cmpstr (digest, ==, expected);
}

/* The CSV into an empty database, by the importer's defaults (duplicates
 * skipped), then a handful of full KOL files beside them, so the XML
 * below carries every list a file can hold. */
static void
import_csv (const char *dir,
            const char *db_path)
{
  g_autofree char *csv = write_csv (dir);
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxImporter) importer = NULL;
  g_autoptr(KdxImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  store = kdx_store_open (db_path, &error);
  g_assert_no_error (error);
  importer = kdx_importer_new (store);
  report = kdx_importer_run (importer, csv, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (kdx_test_count_kols (store), >, N_ROWS * 9 / 10);
  g_assert_cmpuint (kdx_test_count_kols (store), <, N_ROWS);
}

static void
add_full_kols (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_store_open (db_path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(KdxKol) kol = kdx_test_make_full_kol ();
      g_autofree char *name = g_strdup_printf ("完整档案 %u", i);
      g_autofree char *phone = g_strdup_printf ("+86 139%08u", i);

      g_object_set (kol, "display-name", name, "phone", phone, "wechat", NULL,
                    "handle", name, NULL);
      kdx_test_store_kol (store, kol);
    }
}

static void
test_digest_csv (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *db_path = g_build_filename (dir, "csv.db", NULL);

  import_csv (dir, db_path);
  assert_digest (db_path, CSV_DIGEST);
  kdx_test_remove_tree (dir);
}

/* The same list again by the merge policy: every row is a duplicate now,
 * and its values fill what the stored file lacks (the rows whose phone
 * repeats an earlier one's bring a name and a handle of their own). */
static void
test_digest_merge (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *db_path = g_build_filename (dir, "csv.db", NULL);
  g_autofree char *csv = NULL;

  import_csv (dir, db_path);
  csv = g_build_filename (dir, "candidates.csv", NULL);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(KdxStore) store = kdx_store_open (db_path, &error);
    g_autoptr(KdxImporter) importer = kdx_importer_new (store);
    g_autoptr(KdxImportReport) report = NULL;

    g_assert_no_error (error);
    kdx_importer_set_duplicate_policy (importer, KDX_DUPLICATE_MERGE);
    report = kdx_importer_run (importer, csv, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_MERGED), >, N_ROWS * 9 / 10);
  }
  assert_digest (db_path, MERGE_DIGEST);
  kdx_test_remove_tree (dir);
}

static void
test_digest_xml (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *db_path = g_build_filename (dir, "csv.db", NULL);
  g_autofree char *xml_path = g_build_filename (dir, "all.xml", NULL);
  g_autofree char *xml_db_path = g_build_filename (dir, "xml.db", NULL);
  g_autoptr(KdxXmlImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_kols;

  import_csv (dir, db_path);
  add_full_kols (db_path);
  {
    g_autoptr(KdxStore) store = kdx_store_open (db_path, &error);

    g_assert_no_error (error);
    n_kols = kdx_test_count_kols (store);
    kdx_xml_export_file (store, xml_path, NULL, KDX_EXPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(KdxStore) store = kdx_store_open (xml_db_path, &error);

    g_assert_no_error (error);
    kdx_xml_import_file (store, xml_path, KDX_DUPLICATE_SKIP, NULL, NULL, NULL, &report, &error);
    g_assert_no_error (error);
    g_assert_cmpint (kdx_test_count_kols (store), ==, n_kols);
  }
  assert_digest (xml_db_path, XML_DIGEST);
  kdx_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/digest/csv", test_digest_csv);
  g_test_add_func ("/import/digest/merge", test_digest_merge);
  g_test_add_func ("/import/digest/xml", test_digest_xml);

  return g_test_run ();
}
