/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-model"

#include "config.h"

#include "kdx-channel.h"
#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-error.h"
#include "kdx-event.h"
#include "kdx-json-writer.h"
#include "kdx-kol.h"
#include "kdx-stage-entry.h"
#include "kdx-value.h"

/* Every field of shared/FIELDS.md, in its order. */
static const char *const fields_md[] = {
  "id", "uid", "display_name", "real_name", "gender", "birthday", "city", "bio",
  "personality", "preferences", "avatar", "phone", "wechat", "email", "address",
  "agent", "platform", "handle", "followers", "category", "tags", "tier",
  "fit_score", "content_quality", "activity", "fan_quality", "fans_portable",
  "own_account", "source", "purpose", "plan", "fee", "currency", "exclusive",
  "exclusive_since", "incentives", "demands", "rules_agreed_on", "stage",
  "churn_reason", "owner", "next_follow_up", "contact_every_days", "reapproach_on", "notes", "created_at", "updated_at",
  NULL
};

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  GHashTable *counts = user_data;
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name));

  g_hash_table_insert (counts, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static guint
notified (GHashTable *counts,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static void
test_fields_match_fields_md (void)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  const KdxField *fields;
  guint n_fields;

  fields = kdx_record_get_fields (KDX_RECORD (kol), &n_fields);
  g_assert_cmpuint (n_fields, ==, g_strv_length ((char **) fields_md));
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *property = g_strdelimit (g_strdup (fields_md[i]), "_", '-');

      g_assert_cmpstr (fields[i].name, ==, fields_md[i]);
      g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (kol), property));
    }
}

static void
test_notify_only_on_change (void)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  KdxKol *kol = kdx_kol_new ();
  const char *tags[] = { "美妆", "护肤", NULL };

  g_signal_connect (kol, "notify", G_CALLBACK (count_notify_cb), counts);

  kdx_kol_set_display_name (kol, "小美");
  kdx_kol_set_display_name (kol, "小美");
  g_assert_cmpuint (notified (counts, "display-name"), ==, 1);
  g_assert_cmpstr (kdx_kol_get_display_name (kol), ==, "小美");

  kdx_kol_set_followers (kol, 125000);
  kdx_kol_set_followers (kol, 125000);
  g_assert_cmpuint (notified (counts, "followers"), ==, 1);

  kdx_kol_set_stage (kol, KDX_STAGE_GROWING);
  kdx_kol_set_stage (kol, KDX_STAGE_GROWING);
  g_assert_cmpuint (notified (counts, "stage"), ==, 1);

  g_object_set (kol, "tags", tags, NULL);
  g_object_set (kol, "tags", tags, NULL);
  g_assert_cmpuint (notified (counts, "tags"), ==, 1);

  g_object_set (kol, "exclusive", TRUE, NULL);
  g_object_set (kol, "exclusive", TRUE, NULL);
  g_assert_cmpuint (notified (counts, "exclusive"), ==, 1);

  /* "" and NULL are both "no value": no notification between them. */
  g_object_set (kol, "city", NULL, NULL);
  g_object_set (kol, "city", "", NULL);
  g_assert_cmpuint (notified (counts, "city"), ==, 0);

  g_assert_cmpuint (notified (counts, "notes"), ==, 0);

  g_assert_finalize_object (kol);
}

static void
test_set_from_string (void)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *fee = NULL;
  g_autofree char *birthday = NULL;
  const char *const *tags;
  int gender;

  g_assert_true (kdx_record_set_from_string (KDX_RECORD (kol), "followers", "12.5万", &error));
  g_assert_no_error (error);
  g_assert_cmpint (kdx_kol_get_followers (kol), ==, 125000);

  g_assert_true (kdx_record_set_from_string (KDX_RECORD (kol), "phone", "+86 138-0013-8000", &error));
  g_assert_true (kdx_record_set_from_string (KDX_RECORD (kol), "fee", "12,000.50", &error));
  g_assert_true (kdx_record_set_from_string (KDX_RECORD (kol), "birthday", "1995/3/8", &error));
  g_assert_true (kdx_record_set_from_string (KDX_RECORD (kol), "gender", "female", &error));
  g_assert_true (kdx_record_set_from_string (KDX_RECORD (kol), "platform", "小红书", &error));
  g_assert_true (kdx_record_set_from_string (KDX_RECORD (kol), "tags", "美妆，护肤、美妆;旅行", &error));
  g_assert_no_error (error);

  g_object_get (kol, "phone", &phone, "fee", &fee, "birthday", &birthday, "gender", &gender, NULL);
  g_assert_cmpstr (phone, ==, "+8613800138000");
  g_assert_cmpstr (fee, ==, "12000.50");
  g_assert_cmpstr (birthday, ==, "1995-03-08");
  g_assert_cmpint (gender, ==, KDX_GENDER_FEMALE);
  g_assert_cmpstr (kdx_kol_get_platform (kol), ==, "xiaohongshu");
  tags = kdx_kol_get_tags (kol);
  g_assert_cmpuint (g_strv_length ((char **) tags), ==, 3);
  g_assert_cmpstr (tags[0], ==, "美妆");
  g_assert_cmpstr (tags[2], ==, "旅行");

  /* Free text stays as written where the field allows it. */
  g_assert_true (kdx_record_set_from_string (KDX_RECORD (kol), "platform", "豆瓣", &error));
  g_assert_cmpstr (kdx_kol_get_platform (kol), ==, "豆瓣");
}

typedef struct
{
  const char *field;
  const char *value;
  int         code;
  const char *in_message;
} BadValue;

static void
test_bad_values (void)
{
  static const BadValue cases[] = {
    { "followers", "-3", KDX_ERROR_INVALID_VALUE, "negative" },
    { "followers", "12.5x", KDX_ERROR_INVALID_VALUE, "12.5x" },
    /* Written as a date, but the day does not exist: say that. */
    { "birthday", "2023-02-29", KDX_ERROR_INVALID_VALUE, "February 2023 has no day 29" },
    { "birthday", "next spring", KDX_ERROR_INVALID_VALUE, "YYYY-MM-DD" },
    { "email", "not an email", KDX_ERROR_INVALID_VALUE, "email" },
    { "phone", "call me", KDX_ERROR_INVALID_VALUE, "phone" },
    { "gender", "robot", KDX_ERROR_INVALID_VALUE, "unknown, female, male, other" },
    { "stage", "lost", KDX_ERROR_INVALID_VALUE, "candidate" },
    { "fit_score", "6", KDX_ERROR_INVALID_VALUE, "0 to 5" },
    { "fee", "12k", KDX_ERROR_INVALID_VALUE, "amount" },
    { "currency", "RMB1", KDX_ERROR_INVALID_VALUE, "currency" },
    { "exclusive", "maybe", KDX_ERROR_INVALID_VALUE, "true or false" },
    { "display_name", "  ", KDX_ERROR_INVALID_VALUE, "required" },
    { "avatar", "/nonexistent/face.png", KDX_ERROR_INVALID_VALUE, "face.png" },
    { "fame", "1", KDX_ERROR_UNKNOWN_FIELD, "fame" },
    { "id", "7", KDX_ERROR_READ_ONLY_FIELD, "id" },
    { "created_at", "2024-01-01T00:00:00Z", KDX_ERROR_READ_ONLY_FIELD, "created_at" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KdxKol) kol = kdx_kol_new ();
      g_autoptr(KdxKol) before = NULL;
      g_autoptr(GError) error = NULL;

      kdx_kol_set_display_name (kol, "before");
      before = kdx_kol_dup (kol);

      g_assert_false (kdx_record_set_from_string (KDX_RECORD (kol), cases[i].field,
                                                  cases[i].value, &error));
      g_assert_error (error, KDX_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].in_message));
      g_assert_null (strchr (error->message, '\n'));
      /* A refused value changes nothing. */
      g_assert_true (kdx_kol_equal (kol, before));
    }
}

static void
test_count_parser (void)
{
  static const struct { const char *text; gint64 count; } good[] = {
    { "3000", 3000 }, { "125,000", 125000 }, { "45k", 45000 }, { "45K", 45000 },
    { "1.2M", 1200000 }, { "12.5万", 125000 }, { "1.2w", 12000 }, { "3亿", 300000000 },
    { " 8 ", 8 }, { "10万+", 100000 }, { "1.25k", 1250 }, { "1234.0", 1234 },
  };
  /* 12.5 without a unit is no count of people: likely 12.5万. */
  static const char *const bad[] = { "", "abc", "1.2.3", "万", "12x", "--3", "12.5", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 count = -1;
      g_assert_true (kdx_value_parse_count (good[i].text, &count));
      g_assert_cmpint (count, ==, good[i].count);
    }
  for (guint i = 0; bad[i] != NULL; i++)
    {
      gint64 count;
      g_assert_false (kdx_value_parse_count (bad[i], &count));
    }
}

/* Amounts in a column headed in 万 are scaled on their digits. */
static void
test_scale_decimal (void)
{
  static const struct { const char *text; guint exponent; const char *scaled; } cases[] = {
    { "12.5", 4, "125000" },
    { "1,234.5", 3, "1234500" },
    { "1.23456", 4, "12345.6" },
    { "0.05", 4, "500" },
    { "0.00001", 4, "0.1" },
    { "7", 0, "7" },
    { "007.50", 1, "75.0" },
    { "3", 8, "300000000" },
  };
  static const char *const refused[] = { "12.5万", "abc", "", "-3", "1.2.3" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *scaled = kdx_value_scale_decimal (cases[i].text, cases[i].exponent);
      g_assert_cmpstr (scaled, ==, cases[i].scaled);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    g_assert_null (kdx_value_scale_decimal (refused[i], 4));
}

static GListStore *
channels (const char *first,
          ...)
{
  GListStore *list = g_list_store_new (KDX_TYPE_CHANNEL);
  va_list args;

  va_start (args, first);
  for (const char *handle = first; handle != NULL; handle = va_arg (args, const char *))
    {
      g_autoptr(KdxChannel) channel = kdx_channel_new ();
      g_object_set (channel, "platform", "bilibili", "handle", handle, NULL);
      g_list_store_append (list, channel);
    }
  va_end (args);
  return list;
}

static char *
handles (GListStore *list)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(KdxChannel) channel = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *handle = NULL;

      g_object_get (channel, "handle", &handle, NULL);
      g_string_append_printf (out, "%s%s", i > 0 ? "," : "", handle);
    }
  return g_string_free (out, FALSE);
}

/* The user removed b and changed c to c2; meanwhile d was added: the
 * user's edit goes on top, d stays. */
static void
test_apply_list_edit (void)
{
  g_autoptr(GListStore) before = channels ("a", "b", "c", NULL);
  g_autoptr(GListStore) after = channels ("a", "c2", "e", NULL);
  g_autoptr(GListStore) stored = channels ("a", "b", "c", "d", NULL);
  g_autofree char *result = NULL;

  kdx_kol_apply_list_edit (stored, before, after);
  result = handles (stored);
  g_assert_cmpstr (result, ==, "a,d,c2,e");

  /* Applying it again changes nothing. */
  kdx_kol_apply_list_edit (stored, before, after);
  g_clear_pointer (&result, g_free);
  result = handles (stored);
  g_assert_cmpstr (result, ==, "a,d,c2,e");
}

static void
test_date_parser (void)
{
  static const struct { const char *text; const char *iso; } cases[] = {
    { "2024-03-01", "2024-03-01" }, { "2024/3/1", "2024-03-01" },
    { "01.03.2024", "2024-03-01" }, { "2024年3月1日", "2024-03-01" },
    { "2024-02-29", "2024-02-29" }, { "2023-02-29", NULL }, { "3/1/24", NULL },
    { "yesterday", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = kdx_value_parse_date (cases[i].text);
      g_assert_cmpstr (iso, ==, cases[i].iso);
    }
}

static void
count_items_changed_cb (GListModel *list,
                        guint       position,
                        guint       removed,
                        guint       added,
                        guint      *count)
{
  (*count)++;
}

static void
test_format_int (void)
{
  static const struct { gint64 value; const char *text; } cases[] = {
    { 0, "0" }, { 999, "999" }, { 1000, "1,000" }, { 100000, "100,000" },
    { 1234567, "1,234,567" }, { -4500, "-4,500" }, { G_MININT64, "-9,223,372,036,854,775,808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = kdx_value_format_int (cases[i].value);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_format_count (void)
{
  static const struct { gint64 value; const char *western; const char *chinese; } cases[] = {
    { 0, "0", "0" }, { 999, "999", "999" }, { 3000, "3K", "3000" }, { 45000, "45K", "4.5万" },
    { 125000, "125K", "12.5万" }, { 1200000, "1.2M", "120万" }, { 9999, "10K", "9999" },
    { 12345678, "12.3M", "1235万" }, { 350000000, "350M", "3.5亿" }, { 2500000000, "2.5B", "25亿" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *western = kdx_value_format_count (cases[i].value, KDX_COUNT_STYLE_WESTERN);
      g_autofree char *chinese = kdx_value_format_count (cases[i].value, KDX_COUNT_STYLE_CHINESE);
      gint64 back;

      g_assert_cmpstr (western, ==, cases[i].western);
      g_assert_cmpstr (chinese, ==, cases[i].chinese);
      /* What Koldex writes, Koldex reads. */
      g_assert_true (kdx_value_parse_count (chinese, &back));
    }
}

static void
test_lists_and_dup (void)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  g_autoptr(KdxKol) copy = NULL;
  g_autoptr(KdxChannel) channel = kdx_channel_new ();
  g_autoptr(KdxEvent) event = kdx_event_new ();
  g_autoptr(KdxChannel) copied_channel = NULL;
  guint items_changed = 0;

  g_object_set (channel, "platform", "bilibili", "handle", "xm", "followers", (gint64) 3000, NULL);
  g_list_store_append (kdx_kol_get_channels (kol), channel);
  g_object_set (event, "kind", KDX_EVENT_KIND_CALL, "summary", "第一次通话", NULL);
  g_list_store_append (kdx_kol_get_events (kol), event);
  kdx_kol_set_display_name (kol, "小美");

  copy = kdx_kol_dup (kol);
  g_assert_true (kdx_kol_equal (kol, copy));

  /* The copy is deep: changing its channel leaves the original alone. */
  copied_channel = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_channels (copy)), 0);
  g_assert_true (copied_channel != channel);
  g_object_set (copied_channel, "handle", "other", NULL);
  g_assert_false (kdx_kol_equal (kol, copy));

  g_signal_connect (kdx_kol_get_channels (kol), "items-changed",
                    G_CALLBACK (count_items_changed_cb), &items_changed);
  kdx_kol_assign (kol, copy);
  g_assert_cmpuint (items_changed, ==, 1);
  g_assert_true (kdx_kol_equal (kol, copy));
}

static void
test_initials_and_last_contact (void)
{
  static const struct { const char *name; const char *initials; } names[] = {
    { "小美 🌸", "小美" }, { "Tech Tom", "TT" }, { "mia", "M" }, { "🌸", "" }, { "阿强 Chen", "阿强" },
  };
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  g_autoptr(KdxEvent) call = kdx_event_new ();
  g_autoptr(KdxEvent) note = kdx_event_new ();
  g_autofree char *none = NULL;
  g_autofree char *last = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *initials = NULL;

      kdx_kol_set_display_name (kol, names[i].name);
      initials = kdx_kol_get_initials (kol);
      g_assert_cmpstr (initials, ==, names[i].initials);
    }

  none = kdx_kol_get_last_contact (kol);
  g_assert_null (none);

  /* A note written later is not contact. */
  g_object_set (call, "kind", KDX_EVENT_KIND_CALL, "at", "2024-03-01T10:00:00Z", NULL);
  g_object_set (note, "kind", KDX_EVENT_KIND_NOTE, "at", "2024-05-01T10:00:00Z", NULL);
  g_list_store_append (kdx_kol_get_events (kol), call);
  g_list_store_append (kdx_kol_get_events (kol), note);
  last = kdx_kol_get_last_contact (kol);
  g_assert_cmpstr (last, ==, "2024-03-01T10:00:00Z");
}

static void
test_enum_labels (void)
{
  g_assert_cmpstr (kdx_stage_to_string (KDX_STAGE_DECLINED), ==, "declined");
  g_assert_cmpstr (kdx_stage_get_label (KDX_STAGE_CANDIDATE), ==, "Candidate");
  g_assert_cmpstr (kdx_enum_to_string (KDX_TYPE_PLAN, KDX_PLAN_PROFIT_SHARE), ==, "profit_share");
  g_assert_cmpstr (kdx_enum_to_string (KDX_TYPE_OUTCOME, KDX_OUTCOME_NO_ANSWER), ==, "no_answer");
  g_assert_cmpstr (kdx_enum_get_label (KDX_TYPE_TIER, KDX_TIER_WAIST), ==, "Waist");
  g_assert_cmpstr (kdx_platform_normalize ("B站"), ==, "bilibili");
  g_assert_cmpstr (kdx_platform_normalize ("Weibo"), ==, "weibo");
  g_assert_cmpstr (kdx_platform_normalize ("抖音"), ==, "douyin");
  g_assert_null (kdx_platform_normalize ("豆瓣"));
  g_assert_cmpstr (kdx_churn_reason_get_label ("poached"), ==, "Poached");
}

static void
test_json_writer (void)
{
  g_autoptr(KdxJsonWriter) writer = kdx_json_writer_new (FALSE);

  kdx_json_writer_begin_object (writer);
  kdx_json_writer_member (writer, "name");
  kdx_json_writer_string (writer, "小\"美\"\n\t\x01");
  kdx_json_writer_member (writer, "list");
  kdx_json_writer_begin_array (writer);
  kdx_json_writer_int (writer, -5);
  kdx_json_writer_raw_number (writer, "12.50");
  kdx_json_writer_bool (writer, TRUE);
  kdx_json_writer_null (writer);
  kdx_json_writer_end_array (writer);
  kdx_json_writer_member (writer, "empty");
  kdx_json_writer_begin_object (writer);
  kdx_json_writer_end_object (writer);
  kdx_json_writer_end_object (writer);

  g_assert_cmpstr (kdx_json_writer_get_text (writer), ==,
                   "{\"name\":\"小\\\"美\\\"\\n\\t\\u0001\",\"list\":[-5,12.50,true,null],\"empty\":{}}");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/kol/fields-match-fields-md", test_fields_match_fields_md);
  g_test_add_func ("/model/kol/notify-only-on-change", test_notify_only_on_change);
  g_test_add_func ("/model/kol/set-from-string", test_set_from_string);
  g_test_add_func ("/model/kol/bad-values", test_bad_values);
  g_test_add_func ("/model/kol/lists-and-dup", test_lists_and_dup);
  g_test_add_func ("/model/kol/apply-list-edit", test_apply_list_edit);
  g_test_add_func ("/model/kol/initials-and-last-contact", test_initials_and_last_contact);
  g_test_add_func ("/model/value/count", test_count_parser);
  g_test_add_func ("/model/value/scale-decimal", test_scale_decimal);
  g_test_add_func ("/model/value/date", test_date_parser);
  g_test_add_func ("/model/value/format-int", test_format_int);
  g_test_add_func ("/model/value/format-count", test_format_count);
  g_test_add_func ("/model/enums/labels", test_enum_labels);
  g_test_add_func ("/model/json-writer", test_json_writer);

  return g_test_run ();
}
