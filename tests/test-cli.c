/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* koldex-cli as a user runs it: a separate process, its output read back. */

static char *database; /* the database every call of a test uses */

/* Status 1 and exactly one line on stderr that says @what. */
static void
assert_one_line_error (KdxCliRun  *run,
                       const char *what)
{
  g_assert_cmpint (run->status, ==, 1);
  g_assert_true (g_str_has_prefix (run->err, "koldex-cli: "));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_null (strchr (run->err, '\n') + 1 == run->err + strlen (run->err) ? NULL : "two lines");
  if (strstr (run->err, what) == NULL)
    g_error ("expected “%s” in: %s", what, run->err);
  g_assert_cmpstr (run->out, ==, "");
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

static void
use_new_database (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();

  g_free (database);
  database = g_build_filename (dir, "cli.db", NULL);
}

static gint64
add_kol (const char *name)
{
  g_auto(KdxCliRun) run = { 0 };

  kdx_test_run_cli (&run, database, "add", "--display-name", name, NULL);
  kdx_test_assert_cli_ok (&run);
  return g_ascii_strtoll (run.out, NULL, 10);
}

static JsonObject *
show_json (gint64 id, JsonNode **root)
{
  g_auto(KdxCliRun) run = { 0 };
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  kdx_test_run_cli (&run, database, "show", id_text, "--json", NULL);
  kdx_test_assert_cli_ok (&run);
  *root = parse_json (run.out);
  return json_node_get_object (*root);
}

/* ---- help --------------------------------------------------------------------- */

static void
test_help (void)
{
  static const char *const commands[] = { "add", "set", "move", "show", "list", "delete", NULL };
  g_auto(KdxCliRun) run = { 0 };

  use_new_database ();
  kdx_test_run_cli (&run, database, "--help", NULL);
  kdx_test_assert_cli_ok (&run);
  for (guint i = 0; commands[i] != NULL; i++)
    g_assert_nonnull (strstr (run.out, commands[i]));
  g_assert_nonnull (strstr (run.out, "--database PATH"));
  g_assert_nonnull (strstr (run.out, "KOLDEX_DATABASE"));

  for (guint i = 0; commands[i] != NULL; i++)
    {
      g_auto(KdxCliRun) command_run = { 0 };

      kdx_test_run_cli (&command_run, database, commands[i], "--help", NULL);
      kdx_test_assert_cli_ok (&command_run);
      g_assert_nonnull (strstr (command_run.out, commands[i]));
    }

  kdx_test_run_cli (&run, database, "add", "--help", NULL);
  for (const char *const *field = (const char *const[]) { "display_name", "churn_reason",
                                                          "next_follow_up", "channels",
                                                          "important_dates", "checked_on",
                                                          "profit_share", NULL };
       *field != NULL; field++)
    g_assert_nonnull (strstr (run.out, *field));

  /* Nothing was created by asking for help. */
  g_assert_false (g_file_test (database, G_FILE_TEST_EXISTS));
}

/* ---- round trip --------------------------------------------------------------- */

static void
assert_member_string (JsonObject *object,
                      const char *name,
                      const char *expected)
{
  g_assert_true (json_object_has_member (object, name));
  g_assert_cmpstr (json_object_get_string_member (object, name), ==, expected);
}

static void
assert_member_int (JsonObject *object,
                   const char *name,
                   gint64      expected)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (node), ==, expected);
}

static void
test_round_trip_every_field (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *png_path = NULL;
  g_autofree char *avatar_arg = NULL;
  g_autoptr(GBytes) png = kdx_test_tiny_png ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) root2 = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autofree char *avatar_b64 = NULL;
  g_auto(KdxCliRun) run = { 0 };
  JsonObject *kol;
  JsonArray *array;
  JsonObject *item;
  gint64 id;

  use_new_database ();
  dir = g_path_get_dirname (database);
  png_path = g_build_filename (dir, "头像.png", NULL);
  g_assert_true (g_file_set_contents (png_path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL));
  avatar_arg = g_strconcat ("avatar=", png_path, NULL);

  kdx_test_run_cli (&run, database, "add", "--display-name", "小美 🌸",
                    "real_name=王小美", "gender=female", "birthday=1995-03-08", "city=上海",
                    "bio=美妆博主\n第二行 \"引号\" & <标签>", "personality=直爽", "preferences=喜欢猫；不喝咖啡",
                    avatar_arg, "phone=+86 138 0013 8000", "wechat=xiaomei_88", "email=xm@example.cn",
                    "address=上海市徐汇区某路 1 号", "agent=李经纪", "platform=小红书", "handle=@xiaomei",
                    "followers=12.5万", "category=beauty", "tags=美妆, 护肤", "tier=waist", "fit_score=4",
                    "content_quality=5", "activity=3", "fan_quality=忠实", "fans_portable=partly",
                    "own_account=xm_official", "source=internal", "purpose=conversion", "plan=profit_share",
                    "fee=12000.50", "currency=cny", "exclusive=true", "exclusive_since=2024-05-01",
                    "incentives=流量扶持", "demands=推荐位", "rules_agreed_on=2024-04-20", "stage=growing",
                    "churn_reason=poached", "owner=阿杰", "next_follow_up=2026-12-01", "notes=第一行\n第二行",
                    "channels+=platform=bilibili;handle=xm_bili;url=https://example.cn/x?a=1&b=2;followers=3w;rank=120;activity=4;checked_on=2024-06-01",
                    "events+=at=2024-03-01T10:00:00Z;kind=outreach;summary=私信\\;第一次;outcome=interested",
                    "important_dates+=label=合作周年;date=2024-05-01;yearly=true",
                    NULL);
  kdx_test_assert_cli_ok (&run);
  id = g_ascii_strtoll (run.out, NULL, 10);
  g_assert_cmpint (id, ==, 1);

  kol = show_json (id, &root);
  assert_member_int (kol, "id", 1);
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (kol, "uid")));
  assert_member_string (kol, "display_name", "小美 🌸");
  assert_member_string (kol, "real_name", "王小美");
  assert_member_string (kol, "gender", "female");
  assert_member_string (kol, "birthday", "1995-03-08");
  assert_member_string (kol, "city", "上海");
  assert_member_string (kol, "bio", "美妆博主\n第二行 \"引号\" & <标签>");
  assert_member_string (kol, "personality", "直爽");
  assert_member_string (kol, "preferences", "喜欢猫；不喝咖啡");
  avatar_b64 = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  assert_member_string (kol, "avatar", avatar_b64);
  assert_member_string (kol, "phone", "+8613800138000");
  assert_member_string (kol, "wechat", "xiaomei_88");
  assert_member_string (kol, "email", "xm@example.cn");
  assert_member_string (kol, "address", "上海市徐汇区某路 1 号");
  assert_member_string (kol, "agent", "李经纪");
  assert_member_string (kol, "platform", "xiaohongshu");
  assert_member_string (kol, "handle", "@xiaomei");
  assert_member_int (kol, "followers", 125000);
  assert_member_string (kol, "category", "beauty");
  array = json_object_get_array_member (kol, "tags");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "护肤");
  assert_member_string (kol, "tier", "waist");
  assert_member_int (kol, "fit_score", 4);
  assert_member_int (kol, "content_quality", 5);
  assert_member_int (kol, "activity", 3);
  assert_member_string (kol, "fan_quality", "忠实");
  assert_member_string (kol, "fans_portable", "partly");
  assert_member_string (kol, "own_account", "xm_official");
  assert_member_string (kol, "source", "internal");
  assert_member_string (kol, "purpose", "conversion");
  assert_member_string (kol, "plan", "profit_share");
  g_assert_cmpfloat (json_object_get_double_member (kol, "fee"), ==, 12000.50);
  assert_member_string (kol, "currency", "CNY");
  g_assert_true (json_object_get_boolean_member (kol, "exclusive"));
  assert_member_string (kol, "exclusive_since", "2024-05-01");
  assert_member_string (kol, "incentives", "流量扶持");
  assert_member_string (kol, "demands", "推荐位");
  assert_member_string (kol, "rules_agreed_on", "2024-04-20");
  assert_member_string (kol, "stage", "growing");
  assert_member_string (kol, "churn_reason", "poached");
  assert_member_string (kol, "owner", "阿杰");
  assert_member_string (kol, "next_follow_up", "2026-12-01");
  assert_member_string (kol, "notes", "第一行\n第二行");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (kol, "created_at"), "Z"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (kol, "updated_at"), "Z"));

  array = json_object_get_array_member (kol, "channels");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  item = json_array_get_object_element (array, 0);
  assert_member_string (item, "platform", "bilibili");
  assert_member_string (item, "url", "https://example.cn/x?a=1&b=2");
  assert_member_int (item, "followers", 30000);
  assert_member_int (item, "rank", 120);
  assert_member_int (item, "activity", 4);
  assert_member_string (item, "checked_on", "2024-06-01");

  array = json_object_get_array_member (kol, "events");
  item = json_array_get_object_element (array, 0);
  assert_member_string (item, "at", "2024-03-01T10:00:00Z");
  assert_member_string (item, "kind", "outreach");
  assert_member_string (item, "summary", "私信;第一次");
  assert_member_string (item, "outcome", "interested");

  array = json_object_get_array_member (kol, "important_dates");
  item = json_array_get_object_element (array, 0);
  assert_member_string (item, "label", "合作周年");
  assert_member_string (item, "date", "2024-05-01");
  g_assert_true (json_object_get_boolean_member (item, "yearly"));

  array = json_object_get_array_member (kol, "stage_history");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  assert_member_string (json_array_get_object_element (array, 0), "stage", "growing");

  /* set: change, clear, and edit the lists. */
  kdx_test_run_cli (&run, database, "set", "1", "city=北京", "real_name=", "followers=45k",
                    "tags=", "channels-=1", "events+=kind=call;summary=回电", "important_dates=", NULL);
  kdx_test_assert_cli_ok (&run);
  kol = show_json (id, &root2);
  assert_member_string (kol, "city", "北京");
  g_assert_true (json_node_is_null (json_object_get_member (kol, "real_name")));
  assert_member_int (kol, "followers", 45000);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (kol, "tags")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (kol, "channels")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (kol, "events")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (kol, "important_dates")), ==, 0);
  g_clear_pointer (&root2, json_node_unref);

  /* move: the stage, and a dated history entry with its note. */
  kdx_test_run_cli (&run, database, "move", "1", "departed", "--note", "被挖走了", NULL);
  kdx_test_assert_cli_ok (&run);
  kol = show_json (id, &root2);
  assert_member_string (kol, "stage", "departed");
  array = json_object_get_array_member (kol, "stage_history");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  item = json_array_get_object_element (array, 1);
  assert_member_string (item, "stage", "departed");
  assert_member_string (item, "note", "被挖走了");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (item, "at"), "Z"));

  /* list --json: an array of the same objects. */
  add_kol ("Tech Tom");
  kdx_test_run_cli (&run, database, "list", "--json", NULL);
  kdx_test_assert_cli_ok (&run);
  listed = parse_json (run.out);
  array = json_node_get_array (listed);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  assert_member_string (json_array_get_object_element (array, 0), "display_name", "小美 🌸");
  g_assert_true (json_object_has_member (json_array_get_object_element (array, 1), "stage_history"));

  /* show without --json is for people, and still has every field. */
  kdx_test_run_cli (&run, database, "show", "1", NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_nonnull (strstr (run.out, "小美 🌸"));
  g_assert_nonnull (strstr (run.out, "被挖走了"));

  /* delete */
  kdx_test_run_cli (&run, database, "delete", "1", NULL);
  kdx_test_assert_cli_ok (&run);
  kdx_test_run_cli (&run, database, "show", "1", NULL);
  assert_one_line_error (&run, "no KOL with id 1");
}

static void
test_list_filters (void)
{
  g_auto(KdxCliRun) run = { 0 };

  use_new_database ();
  add_kol ("小红书达人");
  add_kol ("Tech Tom");
  kdx_test_run_cli (&run, database, "move", "2", "negotiating", NULL);
  kdx_test_assert_cli_ok (&run);

  kdx_test_run_cli (&run, database, "list", "--stage", "negotiating", NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_true (g_str_has_prefix (run.out, "2\tnegotiating\t"));
  g_assert_null (strstr (run.out, "小红书达人"));

  kdx_test_run_cli (&run, database, "list", "--search", "小红", NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_true (g_str_has_prefix (run.out, "1\tcandidate\t"));
  g_assert_null (strstr (run.out, "Tom"));

  kdx_test_run_cli (&run, database, "list", "--search", "nobody", "--json", NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_cmpstr (g_strstrip (run.out), ==, "[]");
}

/* ---- errors ------------------------------------------------------------------- */

static GBytes *
snapshot (void)
{
  return kdx_test_database_snapshot (database);
}

typedef struct
{
  const char *args[6];
  const char *what;
} BadCall;

static void
test_bad_input (void)
{
  static const BadCall calls[] = {
    { { "set", "1", "fame=1" }, "fame: no such field" },
    { { "set", "1", "birthday=2024-13-01" }, "birthday: “2024-13-01” does not exist: there is no month 13" },
    { { "set", "1", "followers=-5" }, "followers: “-5” is negative" },
    { { "set", "1", "email=nobody" }, "email: “nobody” is not an email address" },
    { { "set", "1", "id=5" }, "id: this field is set by Koldex" },
    { { "set", "1", "stage_history+=stage=mature" }, "stage_history: this list is kept by Koldex" },
    { { "set", "1", "channels+=handle=x" }, "channels.platform: a value is required" },
    { { "set", "1", "channels-=3" }, "channels: “3” is not an item number" },
    { { "set", "1", "notes" }, "“notes” is not FIELD=VALUE" },
    { { "set", "1" }, "FIELD=VALUE" },
    { { "set", "9", "city=x" }, "no KOL with id 9" },
    { { "move", "1", "famous" }, "“famous” is not a stage" },
    { { "move", "1" }, "stage to move to" },
    { { "move", "abc", "mature" }, "“abc” is not a KOL id" },
    { { "show" }, "KOL id is missing" },
    { { "delete", "9" }, "no KOL with id 9" },
    { { "list", "--stage", "famous" }, "“famous” is not a stage" },
    { { "list", "--colour" }, "--colour" },
    { { "add", "city=上海" }, "display name" },
    { { "add", "--display-name", "x", "tier=legend" }, "tier: “legend” is not one of: unrated, head, waist, tail" },
    { { "add", "--display-name", "  " }, "display_name: a value is required" },
    { { "fly" }, "Unknown command “fly”" },
  };
  g_autoptr(GBytes) before = NULL;

  use_new_database ();
  add_kol ("小美");
  before = snapshot ();

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_auto(KdxCliRun) run = { 0 };
      g_autoptr(GBytes) after = NULL;
      const char *const *a = calls[i].args;

      kdx_test_run_cli (&run, database, a[0], a[1], a[2], a[3], a[4], a[5], NULL);
      assert_one_line_error (&run, calls[i].what);

      after = snapshot ();
      g_assert_true (g_bytes_equal (before, after));
    }
}

static void
test_bad_database (void)
{
  g_auto(KdxCliRun) run = { 0 };
  g_autofree char *dir = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autofree char *newer_version = g_strdup_printf ("PRAGMA user_version = %d", KDX_STORE_SCHEMA_VERSION + 1);
  g_autoptr(GBytes) after = NULL;
  sqlite3 *db = NULL;

  /* A missing folder. */
  g_free (database);
  database = g_strdup ("/nonexistent-koldex/k.db");
  kdx_test_run_cli (&run, database, "list", NULL);
  assert_one_line_error (&run, "/nonexistent-koldex does not exist");

  /* A read-only folder (as an ordinary user: root may write anywhere). */
  use_new_database ();
  dir = g_path_get_dirname (database);
  g_chmod (dir, 0555);
  kdx_test_run_cli_as_nobody (&run, database, "add", "--display-name", "x", NULL);
  assert_one_line_error (&run, "read-only");
  g_assert_false (g_file_test (database, G_FILE_TEST_EXISTS));
  g_chmod (dir, 0755);

  /* A file that is not a database. */
  g_assert_true (g_file_set_contents (database, "name,followers\n小美,12.5万\n", -1, NULL));
  before = snapshot ();
  kdx_test_run_cli (&run, database, "add", "--display-name", "x", NULL);
  assert_one_line_error (&run, "is not a Koldex database");
  after = snapshot ();
  g_assert_true (g_bytes_equal (before, after));
  g_clear_pointer (&before, g_bytes_unref);
  g_clear_pointer (&after, g_bytes_unref);

  /* A database from a newer Koldex. */
  use_new_database ();
  add_kol ("小美");
  g_assert_cmpint (sqlite3_open (database, &db), ==, SQLITE_OK);
  /* One past this Koldex's newest schema, whatever that is. */
  g_assert_cmpint (sqlite3_exec (db, newer_version, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = snapshot ();
  kdx_test_run_cli (&run, database, "list", NULL);
  assert_one_line_error (&run, "newer Koldex");
  after = snapshot ();
  g_assert_true (g_bytes_equal (before, after));
}

/* koldex-cli import takes Koldex XML too, recognised by its content. */
static void
test_import_recognises_xml (void)
{
  g_auto(KdxCliRun) run = { 0 };
  g_autofree char *dir = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *first = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *kol;

  use_new_database ();
  dir = g_path_get_dirname (database);
  /* A name that says nothing: the content decides. */
  xml = g_build_filename (dir, "backup.dat", NULL);
  add_kol ("小美");
  kdx_test_run_cli (&run, database, "export", xml, NULL);
  /* The exporter decides by extension; write XML, then rename. */
  if (run.status != 0)
    {
      g_autofree char *real = g_strconcat (xml, ".xml", NULL);
      kdx_test_run_cli (&run, database, "export", real, NULL);
      kdx_test_assert_cli_ok (&run);
      g_assert_cmpint (g_rename (real, xml), ==, 0);
    }

  first = g_strdup (database);
  use_new_database ();
  kdx_test_run_cli (&run, database, "import", xml, NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_nonnull (strstr (run.out, "1 created"));

  kol = show_json (1, &root);
  assert_member_string (kol, "display_name", "小美");

  /* The same file again updates nothing and adds nothing. */
  kdx_test_run_cli (&run, database, "import", xml, "--json", NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_nonnull (strstr (run.out, "\"unchanged\": 1"));

  kdx_test_run_cli (&run, database, "import", xml, "--dry-run", NULL);
  assert_one_line_error (&run, "spreadsheets");
}

/* JSON and names stay UTF-8 in a C locale (a bare machine has no LANG). */
static void
test_utf8_in_c_locale (void)
{
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LC_ALL", "C", TRUE);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("KOLDEX_CLI"), "--database", NULL, "list", "--json", NULL };
  g_autofree char *location = NULL;
  int status = 0;

  use_new_database ();
  add_kol ("小美 🌸");
  location = kdx_test_database_location (database);
  argv[2] = location;
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "\"小美 🌸\""));
  g_assert_true (g_utf8_validate (out, -1, NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (g_getenv ("KOLDEX_CLI"));

  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/round-trip-every-field", test_round_trip_every_field);
  g_test_add_func ("/cli/list-filters", test_list_filters);
  g_test_add_func ("/cli/bad-input", test_bad_input);
  g_test_add_func ("/cli/bad-database", test_bad_database);
  g_test_add_func ("/cli/utf8-in-c-locale", test_utf8_in_c_locale);
  g_test_add_func ("/cli/import-recognises-xml", test_import_recognises_xml);

  return g_test_run ();
}
