/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-merge-bulk"

#include "config.h"

#include <string.h>

#include "kdx-channel.h"
#include "kdx-event.h"
#include "kdx-import-sink.h"
#include "kdx-importer.h"
#include "kdx-kol-snapshot.h"
#include "kdx-important-date.h"
#include "kdx-store.h"
#include "kdx-test-digest.h"
#include "kdx-test-util.h"

/* Issue 16, item 6: a merge import onto a database that already holds
 * the KOLs got a path of its own, as fast as a fresh import (each stored
 * file read once, only what the merge changed written, the search text
 * indexed in bulk). What it writes must not change: a list is imported,
 * a changed version of it merged onto the database (values for empty
 * fields, others that must be kept, new tags, new rows, rows matching by
 * phone, WeChat ID or handle, one file merged twice), and full files
 * are merged with new channels, events and dates through the sink; the
 * database after each merge and after its undo is compared with digests
 * taken on the merge path as it was before that rewrite. */

#define N_ROWS 3000

/* What differs between two runs of the same import: random uids, the
 * clock (the stays Insights reads are dated by it), the temporary
 * folder, the saved views a new database starts with, and the "before"
 * copies (dated too; their undo is compared instead). */
static const char *const skipped_columns[] = {
  "*.uid", "*.created_at", "*.updated_at", "stage_history.at", "import_run.at",
  "import_run.undone_at", "import_run.file", "import_change.before",
  "saved_view.*", "saved_view_seed.*", "stage_stay.*",
  /* Each KOL's digest for Insights (schema 13, after these digests):
   * worked out from stage_history and event, digested here, and checked
   * equal to them by test-insights-digest; dated by the clock too. */
  "kol_digest.*",
  /* What the list shows of each KOL's parts (schema 15, after these
   * digests too): worked out from stage_history, event, channel and
   * kol_tag, digested here, and checked equal to them after every kind
   * of write by test-list-facts; it holds the stage's time, the clock's. */
  "kol_list_facts.*", NULL
};

/* Taken on the merge path before its rewrite (kdx_store_load_kol(),
 * kdx_kol_merge() and kdx_store_save_kol() per row). */
#define CSV_BEFORE_DIGEST "304bb0d09d82ba5fbb63d301bf05c01dc77b5170945f5592c6591b1a37b2a458"
#define CSV_MERGED_DIGEST "8f424f48a373543cdbd7baba630b497bd1058df78145bf0d016b6a3ff36a17b6"
#define CSV_UNDONE_DIGEST "d4053fca0925851d9d4e68087a4d56772719cf5ef9ea630884c7180b3fedc425"
#define FILES_BEFORE_DIGEST "6c45462c08a080d4c8f6b1d414cf3e4ad377e70020586b0b7695bdbdfeccf282"
#define FILES_MERGED_DIGEST "c9cdc7011b7906c1b5e38c5d855679a5559c2b28739e1896a9f804fa7601d06c"
#define FILES_UNDONE_DIGEST "2d903dd7d4eb55d4949bd61b9d76b39f070d7268a01ea727dc8bb5619c2c5a46"

static const char *const names[] = { "小美", "阿杰", "美妆达人", "Tech Guru", "旅行家", "读书会", "穿搭🌸", "数码, 评测" };
static const char *const platforms[] = { "微博", "抖音", "小红书", "B站", "weibo", "" };
static const char *const cities[] = { "北京", "上海", "", "成都", "" };
static const char *const categories[] = { "美妆", "健身", "", "旅行", "读书" };
static const char *const tag_lists[] = { "美妆,护肤", "健身；减脂", "", "旅行、摄影", "读书,读书,知识" };
static const char *const more_tags[] = { "护肤,新品", "", "探店", "减脂,健身", "成长" };
static const char *const tiers[] = { "头部", "", "尾部", "腰部", "" };
static const char *const stages[] = { "候选", "联系中", "", "合作中", "婉拒" };

/* Row @i of the list; @changed: the second version of it. Each person
 * is known by a phone (i % 3 == 0), a WeChat ID (i % 3 == 1) or a handle
 * on a platform (i % 3 == 2); the second version fills what the first
 * left empty, differs where the stored value must stay, adds tags, and
 * brings people the first never had (i >= N_ROWS). */
static void
append_row (GString  *out,
            guint     i,
            gboolean  changed)
{
  g_autofree char *name = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *wechat = NULL;
  g_autofree char *handle = NULL;
  g_autofree char *followers = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *tags = NULL;
  const char *platform = i % 3 == 2 ? "小红书" : platforms[i % G_N_ELEMENTS (platforms)];

  if (i % 173 == 7)
    name = g_strdup (""); /* rejected, both times */
  else if (changed && i % 5 == 0)
    name = g_strdup_printf ("新名字%u", i); /* the stored name stays */
  else
    name = g_strdup_printf ("%s%u", names[i % G_N_ELEMENTS (names)], i);
  phone = i % 3 == 0 ? g_strdup_printf ("139%08u", i) : g_strdup ("");
  wechat = i % 3 == 1 ? g_strdup_printf ("wx_%u", i) : g_strdup ("");
  handle = i % 3 == 2 || (changed && i % 2 == 0) ? g_strdup_printf ("kol_%u", i) : g_strdup ("");
  if (!changed && i % 4 == 0)
    followers = g_strdup ("");
  else
    followers = g_strdup_printf ("%u.%u万", i % 300, changed ? 7 : 1);
  if (changed && i % 7 == 0)
    notes = g_strdup_printf ("第二次导入 \"%u\"\n另起一行", i);
  else
    notes = g_strdup (i % 11 == 0 ? "老备注" : "");
  if (changed)
    tags = g_strdup (more_tags[i % G_N_ELEMENTS (more_tags)]);
  else
    tags = g_strdup (tag_lists[i % G_N_ELEMENTS (tag_lists)]);

  kdx_test_append_csv_field (out, name, FALSE);
  kdx_test_append_csv_field (out, changed || i % 2 == 0 ? platform : "", FALSE);
  kdx_test_append_csv_field (out, handle, FALSE);
  kdx_test_append_csv_field (out, followers, FALSE);
  kdx_test_append_csv_field (out, phone, FALSE);
  kdx_test_append_csv_field (out, wechat, FALSE);
  kdx_test_append_csv_field (out, cities[(i + (changed ? 2 : 0)) % G_N_ELEMENTS (cities)], FALSE);
  kdx_test_append_csv_field (out, categories[(i + (changed ? 1 : 0)) % G_N_ELEMENTS (categories)], FALSE);
  kdx_test_append_csv_field (out, tags, FALSE);
  kdx_test_append_csv_field (out, stages[(i + (changed ? 1 : 0)) % G_N_ELEMENTS (stages)], FALSE);
  kdx_test_append_csv_field (out, tiers[(i + (changed ? 3 : 0)) % G_N_ELEMENTS (tiers)], FALSE);
  kdx_test_append_csv_field (out, notes, TRUE);
}

static char *
write_csv (const char *dir,
           const char *name,
           gboolean    changed)
{
  g_autoptr(GString) csv = g_string_new ("昵称,平台,账号,粉丝数,手机,微信,城市,领域,标签,阶段,层级,备注\n");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  for (guint i = 0; i < N_ROWS; i++)
    {
      append_row (csv, i, changed);
      /* The same person twice in the second version: merged twice. */
      if (changed && i % 401 == 3)
        append_row (csv, i + 1, changed);
    }
  if (changed)
    for (guint i = N_ROWS; i < N_ROWS + N_ROWS / 10; i++)
      {
        append_row (csv, i, changed);
        /* A person this import adds, then merges into. */
        if (i % 50 == 0)
          append_row (csv, i, changed);
      }
  g_file_set_contents (path, csv->str, (gssize) csv->len, &error);
  g_assert_no_error (error);
  return path;
}

static void
assert_digest (const char *db_path,
               const char *what,
               const char *expected)
{
  g_autofree char *digest = kdx_test_database_digest (db_path, skipped_columns);

  g_test_message ("digest %s of %s: %s", what, db_path, digest);
  g_assert_cmpstr (digest, ==, expected);
}

static KdxImportReport *
import_csv (const char         *db_path,
            const char         *csv,
            KdxDuplicatePolicy  policy)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_store_open (db_path, &error);
  g_autoptr(KdxImporter) importer = NULL;
  KdxImportReport *report;

  g_assert_no_error (error);
  importer = kdx_importer_new (store);
  kdx_importer_set_duplicate_policy (importer, policy);
  report = kdx_importer_run (importer, csv, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
undo_import (const char *db_path,
             gint64      run_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_store_open (db_path, &error);

  g_assert_no_error (error);
  g_assert_true (kdx_store_undo_import (store, run_id, &error));
  g_assert_no_error (error);
}

static void
test_merge_csv (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *db_path = g_build_filename (dir, "kols.db", NULL);
  g_autofree char *first = write_csv (dir, "first.csv", FALSE);
  g_autofree char *second = write_csv (dir, "second.csv", TRUE);
  g_autoptr(KdxImportReport) created = NULL;
  g_autoptr(KdxImportReport) merged = NULL;

  created = import_csv (db_path, first, KDX_DUPLICATE_SKIP);
  g_assert_cmpuint (kdx_import_report_get_count (created, KDX_IMPORT_CREATED), >, N_ROWS * 9 / 10);
  assert_digest (db_path, "before", CSV_BEFORE_DIGEST);

  merged = import_csv (db_path, second, KDX_DUPLICATE_MERGE);
  g_assert_cmpuint (kdx_import_report_get_count (merged, KDX_IMPORT_MERGED), >, N_ROWS * 3 / 4);
  g_assert_cmpuint (kdx_import_report_get_count (merged, KDX_IMPORT_CREATED), >, N_ROWS / 20);
  g_assert_cmpuint (kdx_import_report_get_count (merged, KDX_IMPORT_REJECTED), >, 0);
  assert_digest (db_path, "merged", CSV_MERGED_DIGEST);

  undo_import (db_path, kdx_import_report_get_run_id (merged));
  assert_digest (db_path, "undone", CSV_UNDONE_DIGEST);
  kdx_test_remove_tree (dir);
}

/* Full file @i as stored: every list filled, told apart by @i. */
static KdxKol *
make_file (guint    i,
           gboolean changed)
{
  KdxKol *kol = kdx_test_make_full_kol ();
  g_autofree char *name = g_strdup_printf ("完整档案 %u", i);
  g_autofree char *phone = g_strdup_printf ("+86 137%08u", i);

  g_object_set (kol, "display-name", name, "phone", phone, "wechat", NULL, "handle", name, NULL);
  if (!changed)
    {
      /* Empty fields for the merge to fill. */
      if (i % 2 == 0)
        g_object_set (kol, "avatar", NULL, "city", NULL, "fee", NULL, NULL);
      if (i % 3 == 0)
        g_object_set (kol, "tier", KDX_TIER_UNRATED, "followers", (gint64) 0, NULL);
      return kol;
    }

  g_object_set (kol, "stage", KDX_STAGE_MATURE, "city", "杭州", "bio", "另一份简介",
                "followers", (gint64) 7777, NULL);
  if (i % 4 != 1)
    {
      g_autoptr(KdxChannel) channel = kdx_channel_new ();
      g_autoptr(KdxEvent) event = kdx_event_new ();
      g_autoptr(KdxImportantDate) date = kdx_important_date_new ();
      g_autofree char *at = g_strdup_printf ("2025-01-%02uT08:00:00Z", 1 + i % 28);
      const char *tags[] = { "美妆", "新标签", NULL };

      g_object_set (channel, "platform", "douyin", "handle", name, "followers", (gint64) i, NULL);
      g_list_store_append (kdx_kol_get_channels (kol), channel);
      g_object_set (event, "at", at, "kind", KDX_EVENT_KIND_CALL, "summary", "又聊了一次", NULL);
      g_list_store_append (kdx_kol_get_events (kol), event);
      g_object_set (date, "label", "签约日", "date", "2025-02-01", "yearly", FALSE, NULL);
      g_list_store_append (kdx_kol_get_important_dates (kol), date);
      g_object_set (kol, "tags", tags, NULL);
    }
  return kol;
}

/* Full files merged through the sink, as the XML import of files
 * without uids merges them: lists grow by the items they lacked. */
static void
test_merge_files (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *db_path = g_build_filename (dir, "kols.db", NULL);
  g_autoptr(GError) error = NULL;
  gint64 run_id;

  {
    g_autoptr(KdxStore) store = kdx_store_open (db_path, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < 40; i++)
      {
        g_autoptr(KdxKol) kol = make_file (i, FALSE);
        kdx_test_store_kol (store, kol);
      }
  }
  assert_digest (db_path, "before", FILES_BEFORE_DIGEST);

  {
    g_autoptr(KdxStore) store = kdx_store_open (db_path, &error);
    g_autoptr(KdxImportSink) sink = NULL;

    g_assert_no_error (error);
    sink = kdx_import_sink_new (store, KDX_DUPLICATE_MERGE);
    g_assert_true (kdx_import_sink_begin (sink, "files.xml", &error));
    g_assert_no_error (error);
    /* Each file twice, the second time with nothing new. */
    for (guint round = 0; round < 2; round++)
      for (guint i = 0; i < 44; i++)
        {
          g_autoptr(KdxKol) kol = make_file (i, TRUE);
          KdxImportAction action;
          gint64 id = 0;

          g_assert_true (kdx_import_sink_take (sink, kol, &action, &id, &error));
          g_assert_no_error (error);
          g_assert_cmpint (action, ==, i < 40 || round == 1 ? KDX_IMPORT_ACTION_MERGED : KDX_IMPORT_ACTION_CREATED);
          g_assert_cmpint (id, >, 0);
        }
    g_assert_cmpuint (kdx_import_sink_get_count (sink, KDX_IMPORT_ACTION_MERGED), ==, 84);
    run_id = kdx_import_sink_commit (sink, &error);
    g_assert_no_error (error);
    g_assert_cmpint (run_id, >, 0);
  }
  assert_digest (db_path, "merged", FILES_MERGED_DIGEST);

  undo_import (db_path, run_id);
  assert_digest (db_path, "undone", FILES_UNDONE_DIGEST);
  kdx_test_remove_tree (dir);
}

/* The undo copy of @kol, written in GVariant's form by hand: GVariant
 * reads it as the same value in normal form (the one way GVariant
 * itself writes that value), and it loads back as the same file. */
static void
assert_snapshot_round_trip (KdxKol *kol)
{
  g_autoptr(GBytes) bytes = kdx_kol_snapshot_new (kol);
  g_autoptr(GVariant) value = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("(a{sv}a{saa{sv}})"),
                                                                            bytes, FALSE));
  g_autoptr(GVariant) normal = g_variant_get_normal_form (value);
  g_autoptr(GBytes) written = g_variant_get_data_as_bytes (normal);
  g_autoptr(KdxKol) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_variant_is_normal_form (value));
  g_assert_true (g_bytes_equal (bytes, written));
  loaded = kdx_kol_snapshot_load (bytes, &error);
  g_assert_no_error (error);
  g_assert_true (kdx_kol_equal (loaded, kol));
}

static void
test_snapshot (void)
{
  g_autoptr(KdxKol) full = kdx_test_make_full_kol ();
  g_autoptr(KdxKol) bare = kdx_kol_new ();
  g_autoptr(KdxKol) big = kdx_test_make_full_kol ();
  g_autoptr(KdxKol) huge = kdx_test_make_full_kol ();
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  g_auto(GStrv) many_tags = NULL;
  g_autoptr(GString) bio = g_string_new (NULL);

  assert_snapshot_round_trip (full);
  kdx_kol_set_display_name (bare, "小");
  assert_snapshot_round_trip (bare);

  /* Ends of two bytes (a container over 255 bytes) and of four (over
   * 65,535), in the tags, the fields and the lists. */
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *tag = g_strdup_printf ("标签%u", i);

      g_strv_builder_add (tags, tag);
    }
  many_tags = g_strv_builder_end (tags);
  g_object_set (big, "tags", many_tags, NULL);
  assert_snapshot_round_trip (big);
  while (bio->len < 70000)
    g_string_append (bio, "很长的简介 ");
  g_object_set (huge, "bio", bio->str, NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(KdxEvent) event = kdx_event_new ();

      g_object_set (event, "at", "2025-01-01T08:00:00Z", "kind", KDX_EVENT_KIND_NOTE, "summary", bio->str, NULL);
      g_list_store_append (kdx_kol_get_events (huge), event);
    }
  assert_snapshot_round_trip (huge);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/merge-bulk/csv", test_merge_csv);
  g_test_add_func ("/import/merge-bulk/files", test_merge_files);
  g_test_add_func ("/import/merge-bulk/snapshot", test_snapshot);

  return g_test_run ();
}
