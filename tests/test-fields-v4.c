/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-fields-v4"

#include "config.h"

#include <sqlite3.h>

#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-event.h"
#include "kdx-important-date.h"
#include "kdx-json-writer.h"
#include "kdx-kol-query.h"
#include "kdx-kol.h"
#include "kdx-store-schema.h"
#include "kdx-store.h"
#include "kdx-test-util.h"
#include "kdx-column-mapper.h"
#include "kdx-xml-export.h"
#include "kdx-xml-import.h"
#include "kdx-error.h"
#include <string.h>

/* The fields of issue 10 (shared/FIELDS.md): an event's channel and
 * amount, an important date's calendar, a KOL's contact_every_days and
 * reapproach_on, and "unset" for source and purpose; and schema 4, which
 * brings a database of schema 3 to them keeping every file. */

/* ---- schema 3 to 4 ----------------------------------------------------------- */

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
count_rows (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* A database as Koldex wrote it at schema 3: two files with every column,
 * list, tag and avatar filled, the board's order, an import's history,
 * the search index, and a deleted KOL whose id must not come back. */
static void
make_version_3 (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint i = 0; i < 3; i++)
    exec_sql (db, kdx_store_migrations[i]);
  exec_sql (db,
            "PRAGMA user_version = 3;"
            "INSERT INTO kol VALUES (1, '0b7c6f3e-8a1d-4b4e-9f44-2d3c1e5a6b70', '小美 🌸', '王小美',"
            " 'female', '1995-03-08', '上海', '美妆博主', '直爽', '喜欢猫', '+8613800138000',"
            " 'xiaomei_88', 'xm@example.cn', '上海市徐汇区', '李经纪', 'xiaohongshu', '@xiaomei',"
            " 125000, 'beauty', 'waist', 4, 5, 3, '忠实', 'partly', 'xm_official', 'internal',"
            " 'conversion', 'profit_share', '12000.50', 'CNY', 1, '2024-05-01', '流量扶持',"
            " '推荐位', '2024-04-20', 'growing', 'poached', '阿杰', '2026-12-01', '第一行',"
            " '2024-03-01T10:00:00Z', '2024-06-01T08:00:00Z');"
            "INSERT INTO kol (id, uid, display_name, source, purpose, stage, created_at, updated_at)"
            " VALUES (2, '5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6', 'Bob', 'external', 'acquisition',"
            " 'departed', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');"
            "INSERT INTO kol (id, uid, display_name, created_at, updated_at) VALUES"
            " (7, '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d', 'gone', '2024-01-01T00:00:00Z',"
            " '2024-01-01T00:00:00Z');"
            "DELETE FROM kol WHERE id = 7;"
            "INSERT INTO kol_avatar VALUES (1, x'89504e470d0a1a0a');"
            "INSERT INTO kol_tag VALUES (1, 0, '美妆'), (1, 1, '护肤');"
            "INSERT INTO channel VALUES (1, 0, 'bilibili', 'xm_bili', 'https://example.cn', 30000,"
            " 120, 4, '2024-06-01');"
            "INSERT INTO event VALUES (1, 0, '2024-03-01T10:00:00Z', 'outreach', '私信',"
            " 'interested'), (1, 1, '2024-05-20T09:00:00Z', 'gift', '花', 'none');"
            "INSERT INTO important_date VALUES (1, 0, '合作周年', '2024-05-01', 1);"
            "INSERT INTO stage_history VALUES (1, 0, 'candidate', '2024-03-01T10:00:00Z', NULL),"
            " (1, 1, 'growing', '2024-04-01T10:00:00Z', '签约'),"
            " (2, 0, 'departed', '2024-01-01T00:00:00Z', NULL);"
            "INSERT INTO board_order VALUES (1, 2.5), (2, 1.0);"
            "INSERT INTO import_run VALUES (1, 'list.xlsx', '2024-02-01T00:00:00Z', 1, 0, 0, 0, NULL);"
            "INSERT INTO import_change VALUES (1, 2, 'created', NULL);"
            "INSERT INTO kol_fts (rowid, names, handles, tags, notes) VALUES"
            " (1, '小美 🌸 王小美', '@xiaomei xm_bili', '美妆 护肤', '第一行'),"
            " (2, 'Bob', '', '', '');");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_migrate_from_version_3 (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "v3.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxKol) mei = NULL;
  g_autoptr(KdxKol) bob = NULL;
  g_autoptr(KdxKol) added = kdx_kol_new ();
  g_autoptr(KdxEvent) event = NULL;
  g_autoptr(KdxImportantDate) date = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  g_autoptr(GBytes) avatar = NULL;
  g_auto(GStrv) tags = NULL;
  g_autofree char *channel = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *reapproach_on = NULL;
  gint64 every = -1;
  int calendar = -1;
  int source, purpose;

  make_version_3 (path);
  store = kdx_store_open (path, &error);
  g_assert_no_error (error);
  /* Migrated through version 4 up to the newest (7: the plain search
   * text; 8: the enum checks as comparisons; 9: the Insights stays; 10: the
   * row version per KOL; 11: who made each event, move and import; 12:
   * PostgreSQL's, nothing on SQLite; 13: the Insights digests; 14:
   * PostgreSQL's again; 15: the list's facts, made for every KOL; 16:
   * PostgreSQL's again). */
  g_assert_cmpint (count_rows (path, "PRAGMA user_version"), ==, 16);
  g_assert_cmpint (KDX_STORE_SCHEMA_VERSION, ==, 16);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM kol_list_facts"), ==,
                   count_rows (path, "SELECT count(*) FROM kol"));

  /* Every field of the first file, as it was. */
  mei = kdx_store_load_kol (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdx_kol_get_uid (mei), ==, "0b7c6f3e-8a1d-4b4e-9f44-2d3c1e5a6b70");
  g_assert_cmpstr (kdx_kol_get_display_name (mei), ==, "小美 🌸");
  g_object_get (mei, "source", &source, "purpose", &purpose, "tags", &tags, "avatar", &avatar,
                "contact-every-days", &every, "reapproach-on", &reapproach_on, NULL);
  g_assert_cmpint (source, ==, KDX_SOURCE_INTERNAL);
  g_assert_cmpint (purpose, ==, KDX_PURPOSE_CONVERSION);
  g_assert_cmpstrv (tags, ((const char *[]) { "美妆", "护肤", NULL }));
  g_assert_cmpuint (g_bytes_get_size (avatar), ==, 8);
  g_assert_cmpint (every, ==, 0);
  g_assert_null (reapproach_on);
  {
    static const struct { const char *name; const char *value; } expected[] = {
      { "real_name", "王小美" }, { "gender", "female" }, { "birthday", "1995-03-08" },
      { "city", "上海" }, { "bio", "美妆博主" }, { "personality", "直爽" },
      { "preferences", "喜欢猫" }, { "phone", "+8613800138000" }, { "wechat", "xiaomei_88" },
      { "email", "xm@example.cn" }, { "address", "上海市徐汇区" }, { "agent", "李经纪" },
      { "platform", "xiaohongshu" }, { "handle", "@xiaomei" }, { "followers", "125000" },
      { "category", "beauty" }, { "tier", "waist" }, { "fit_score", "4" },
      { "content_quality", "5" }, { "activity", "3" }, { "fan_quality", "忠实" },
      { "fans_portable", "partly" }, { "own_account", "xm_official" }, { "plan", "profit_share" },
      { "fee", "12000.50" }, { "currency", "CNY" }, { "exclusive", "true" },
      { "exclusive_since", "2024-05-01" }, { "incentives", "流量扶持" }, { "demands", "推荐位" },
      { "rules_agreed_on", "2024-04-20" }, { "stage", "growing" }, { "churn_reason", "poached" },
      { "owner", "阿杰" }, { "next_follow_up", "2026-12-01" }, { "notes", "第一行" },
      { "created_at", "2024-03-01T10:00:00Z" }, { "updated_at", "2024-06-01T08:00:00Z" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        const KdxField *field = kdx_record_find_field (KDX_RECORD (mei), expected[i].name);
        g_autofree char *value = kdx_record_get_string (KDX_RECORD (mei), field);

        g_assert_cmpstr (value, ==, expected[i].value);
      }
  }

  /* Its lists, with the new item fields empty or at their default. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_kol_get_channels (mei))), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_kol_get_events (mei))), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_kol_get_stage_history (mei))), ==, 2);
  event = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_events (mei)), 0);
  g_object_get (event, "channel", &channel, "amount", &amount, NULL);
  g_assert_null (channel);
  g_assert_null (amount);
  date = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_important_dates (mei)), 0);
  g_object_get (date, "calendar", &calendar, NULL);
  g_assert_cmpint (calendar, ==, KDX_CALENDAR_GREGORIAN);

  /* The second keeps its old source and purpose: nobody set them to "unset". */
  bob = kdx_store_load_kol (store, 2, &error);
  g_assert_no_error (error);
  g_object_get (bob, "source", &source, "purpose", &purpose, NULL);
  g_assert_cmpint (source, ==, KDX_SOURCE_EXTERNAL);
  g_assert_cmpint (purpose, ==, KDX_PURPOSE_ACQUISITION);

  /* What lives beside the files: the board's order, import history, search. */
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM board_order"), ==, 2);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM import_change"), ==, 1);
  kdx_kol_query_set_search (query, "小美");
  found = kdx_store_query_ids (store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, 1);

  /* Ids are still never reused (7 was deleted), and a new KOL is unset. */
  kdx_kol_set_display_name (added, "新人");
  g_assert_true (kdx_store_add_kol (store, added, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kdx_kol_get_id (added), ==, 8);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM kol WHERE id = 8 AND source = 'unset'"
                                     " AND purpose = 'unset'"), ==, 1);

  /* Foreign keys are on again: deleting a file takes its lists along. */
  g_assert_true (kdx_store_delete_kol (store, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM event WHERE kol_id = 1"), ==, 0);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM board_order WHERE kol_id = 1"), ==, 0);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
}

/* ---- the model ------------------------------------------------------------ */

static void
test_new_kol_is_unset (void)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  const KdxField *source = kdx_record_find_field (KDX_RECORD (kol), "source");
  const KdxField *purpose = kdx_record_find_field (KDX_RECORD (kol), "purpose");
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  text = kdx_record_get_string (KDX_RECORD (kol), source);
  g_assert_cmpstr (text, ==, "unset");
  g_clear_pointer (&text, g_free);
  text = kdx_record_get_string (KDX_RECORD (kol), purpose);
  g_assert_cmpstr (text, ==, "unset");
  g_assert_cmpstr (kdx_enum_get_label (KDX_TYPE_SOURCE, KDX_SOURCE_UNSET), ==, "Not set");
  g_assert_cmpstr (kdx_enum_get_label (KDX_TYPE_PURPOSE, KDX_PURPOSE_UNSET), ==, "Not set");

  /* Unset is no value: empty text gives it, and it is not "set". */
  g_assert_true (kdx_field_parse (source, "", &value, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_value_get_enum (&value), ==, KDX_SOURCE_UNSET);
  g_assert_false (kdx_field_value_is_set (source, &value));
  g_value_unset (&value);
  g_assert_true (kdx_field_parse (source, "external", &value, &error));
  g_assert_true (kdx_field_value_is_set (source, &value));
  g_value_unset (&value);

  /* An enum without "unset" keeps its first value as the empty one. */
  g_assert_cmpint (kdx_enum_unknown_value (KDX_TYPE_GENDER), ==, KDX_GENDER_UNKNOWN);
  g_assert_cmpint (kdx_enum_unknown_value (KDX_TYPE_SOURCE), ==, KDX_SOURCE_UNSET);

  /* Enums offer "unset" first (pickers follow the values' order), yet
   * keep the numbers import-undo snapshots of older Koldex stored. */
  {
    g_autoptr(GEnumClass) klass = g_type_class_ref (KDX_TYPE_PURPOSE);
    g_assert_cmpstr (klass->values[0].value_nick, ==, "unset");
    g_assert_cmpint (KDX_SOURCE_EXTERNAL, ==, 0);
    g_assert_cmpint (KDX_PURPOSE_ACQUISITION, ==, 0);
  }
}

static void
test_new_fields_parse (void)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  g_autoptr(KdxEvent) event = kdx_event_new ();
  g_autoptr(KdxImportantDate) date = kdx_important_date_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 days = -1;
  int calendar = -1;
  static const struct { const char *written; const char *stored; } channels[] = {
    { "电话", "phone" }, { "Phone", "phone" }, { "短信", "sms" }, { "邮件", "email" },
    { "微信群", "group" }, { "论坛", "forum" }, { "当面", "in_person" }, { "In person", "in_person" },
    { "经纪人", "agent" }, { "其他", "other" }, { "微博", "weibo" }, { "小红书", "xiaohongshu" },
    { "b站", "bilibili" }, { "豆瓣小组", "豆瓣小组" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    {
      g_autofree char *stored = NULL;

      g_assert_true (kdx_record_set_from_string (KDX_RECORD (event), "channel", channels[i].written, &error));
      g_assert_no_error (error);
      g_object_get (event, "channel", &stored, NULL);
      g_assert_cmpstr (stored, ==, channels[i].stored);
    }
  g_assert_cmpstr (kdx_channel_get_label ("in_person"), ==, "In person");
  g_assert_cmpstr (kdx_channel_get_label ("weibo"), ==, "Weibo");
  g_assert_cmpstr (kdx_channel_get_label ("豆瓣小组"), ==, "豆瓣小组");
  g_assert_true (g_strv_contains (kdx_channel_known_values (), "agent"));
  g_assert_true (g_strv_contains (kdx_channel_known_values (), "wechat_oa"));

  g_assert_true (kdx_record_set_from_string (KDX_RECORD (event), "amount", "1299.5", &error));
  g_assert_no_error (error);
  text = kdx_record_get_string (KDX_RECORD (event), kdx_record_find_field (KDX_RECORD (event), "amount"));
  g_assert_cmpstr (text, ==, "1299.5");
  g_assert_false (kdx_record_set_from_string (KDX_RECORD (event), "amount", "a lot", &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  g_object_get (date, "calendar", &calendar, NULL);
  g_assert_cmpint (calendar, ==, KDX_CALENDAR_GREGORIAN);
  g_assert_true (kdx_record_set_from_string (KDX_RECORD (date), "calendar", "chinese", &error));
  g_object_get (date, "calendar", &calendar, NULL);
  g_assert_cmpint (calendar, ==, KDX_CALENDAR_CHINESE);
  g_assert_false (kdx_record_set_from_string (KDX_RECORD (date), "calendar", "julian", &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  g_assert_true (kdx_record_set_from_string (KDX_RECORD (kol), "contact_every_days", "21", &error));
  g_assert_no_error (error);
  g_object_get (kol, "contact-every-days", &days, NULL);
  g_assert_cmpint (days, ==, 21);
  g_assert_false (kdx_record_set_from_string (KDX_RECORD (kol), "contact_every_days", "-3", &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_true (kdx_record_set_from_string (KDX_RECORD (kol), "reapproach_on", "2027/3/1", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kdx_kol_get_reapproach_on (kol), ==, "2027-03-01");
}

/* A merge fills "unset", and leaves a chosen source alone. */
static void
test_merge_fills_unset (void)
{
  g_autoptr(KdxKol) mine = kdx_kol_new ();
  g_autoptr(KdxKol) theirs = kdx_kol_new ();
  int source, purpose;

  g_object_set (mine, "display-name", "a", "purpose", KDX_PURPOSE_ACQUISITION, NULL);
  g_object_set (theirs, "display-name", "a", "source", KDX_SOURCE_INTERNAL,
                "purpose", KDX_PURPOSE_CONVERSION, "contact-every-days", (gint64) 7, NULL);
  kdx_kol_merge (mine, theirs);
  g_object_get (mine, "source", &source, "purpose", &purpose, NULL);
  g_assert_cmpint (source, ==, KDX_SOURCE_INTERNAL);
  g_assert_cmpint (purpose, ==, KDX_PURPOSE_ACQUISITION);
  g_assert_cmpint (kdx_kol_get_contact_every_days (mine), ==, 7);
}

static void
test_json (void)
{
  g_autoptr(KdxKol) kol = kdx_test_make_full_kol ();
  g_autoptr(KdxKol) blank = kdx_kol_new ();
  g_autoptr(KdxJsonWriter) writer = kdx_json_writer_new (FALSE);
  g_autofree char *json = NULL;

  kdx_json_writer_begin_array (writer);
  kdx_kol_write_json (kol, writer);
  kdx_kol_write_json (blank, writer);
  kdx_json_writer_end_array (writer);
  json = g_strdup (kdx_json_writer_get_text (writer));
  g_assert_nonnull (strstr (json, "\"contact_every_days\":14"));
  g_assert_nonnull (strstr (json, "\"reapproach_on\":\"2027-03-01\""));
  g_assert_nonnull (strstr (json, "\"channel\":\"weibo\""));
  g_assert_nonnull (strstr (json, "\"amount\":299.00"));
  g_assert_nonnull (strstr (json, "\"calendar\":\"chinese\""));
  g_assert_nonnull (strstr (json, "\"calendar\":\"gregorian\""));
  /* An enum always says its value, "unset" too. */
  g_assert_nonnull (strstr (json, "\"source\":\"unset\""));
  g_assert_nonnull (strstr (json, "\"reapproach_on\":null"));
}

/* ---- XML --------------------------------------------------------------------- */

static char *
export_xml (KdxStore   *store,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (kdx_xml_export_file (store, path, NULL, KDX_EXPORT_FLAGS_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  return text;
}

/* The new fields go out and come back; "unset" is left out and comes
 * back as "unset"; the second export is the same bytes. */
static void
test_xml_round_trip (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *a_db = g_build_filename (dir, "a.db", NULL);
  g_autofree char *b_db = g_build_filename (dir, "b.db", NULL);
  g_autofree char *a_xml = g_build_filename (dir, "a.xml", NULL);
  g_autofree char *b_xml = g_build_filename (dir, "b.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) a = kdx_store_open (a_db, &error);
  g_autoptr(KdxStore) b = kdx_store_open (b_db, &error);
  g_autoptr(KdxKol) full = kdx_test_make_full_kol ();
  g_autoptr(KdxKol) blank = kdx_kol_new ();
  g_autoptr(KdxKol) back = NULL;
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;
  int source;

  g_assert_no_error (error);
  kdx_kol_set_display_name (blank, "Bob");
  kdx_test_store_kol (a, full);
  kdx_test_store_kol (a, blank);
  text_a = export_xml (a, a_xml);
  g_assert_nonnull (strstr (text_a, "<contact_every_days>14</contact_every_days>"));
  g_assert_nonnull (strstr (text_a, "<reapproach_on>2027-03-01</reapproach_on>"));
  g_assert_nonnull (strstr (text_a, "<channel>weibo</channel>"));
  g_assert_nonnull (strstr (text_a, "<amount>299.00</amount>"));
  g_assert_nonnull (strstr (text_a, "<calendar>chinese</calendar>"));
  g_assert_null (strstr (text_a, "unset"));

  g_assert_true (kdx_xml_import_file (b, a_xml, KDX_DUPLICATE_SKIP, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  text_b = export_xml (b, b_xml);
  g_assert_cmpstr (text_a, ==, text_b);

  back = kdx_test_load_kol (b, kdx_kol_get_id (blank));
  g_object_get (back, "source", &source, NULL);
  g_assert_cmpint (source, ==, KDX_SOURCE_UNSET);
}

/* ---- spreadsheet columns ------------------------------------------------------ */

static void
test_column_headers (void)
{
  static const struct { const char *header; const char *field; } headers[] = {
    { "联系周期（天）", "contact_every_days" }, { "聯繫週期", "contact_every_days" },
    { "Contact interval", "contact_every_days" }, { "再次接触", "reapproach_on" },
    { "Re-approach on", "reapproach_on" }, { "再次联系", "reapproach_on" },
  };
  g_autoptr(KdxColumnMapper) mapper = kdx_column_mapper_new ();
  const KdxField *purpose = kdx_record_type_find_field (KDX_TYPE_KOL, "purpose");
  const KdxField *source = kdx_record_type_find_field (KDX_TYPE_KOL, "source");
  const struct { const KdxField **field; const char *text; const char *value; } values[] = {
    { &purpose, "拉新", "acquisition" }, { &purpose, "促活", "activation" },
    { &purpose, "转化", "conversion" }, { &purpose, "未设置", "unset" },
    { &source, "未设置", "unset" }, { &source, "Not set", "unset" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    g_assert_cmpstr (kdx_column_mapper_guess_field (headers[i].header), ==, headers[i].field);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(KdxCell) cell = kdx_cell_new (KDX_CELL_TEXT, values[i].text);
      g_autofree char *normal = kdx_column_mapper_normalize (mapper, *values[i].field, cell);

      g_assert_cmpstr (normal, ==, values[i].value);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fields-v4/migrate/from-version-3", test_migrate_from_version_3);
  g_test_add_func ("/fields-v4/kol/new-is-unset", test_new_kol_is_unset);
  g_test_add_func ("/fields-v4/parse", test_new_fields_parse);
  g_test_add_func ("/fields-v4/merge/fills-unset", test_merge_fills_unset);
  g_test_add_func ("/fields-v4/json", test_json);
  g_test_add_func ("/fields-v4/xml/round-trip", test_xml_round_trip);
  g_test_add_func ("/fields-v4/import/column-headers", test_column_headers);

  return g_test_run ();
}
