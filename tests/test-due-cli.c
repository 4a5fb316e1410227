/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-due-cli"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "kdx-test-util.h"

/* koldex-cli due (issue 10, item 6) as an operator runs it, on fixed days
 * (--on): the JSON shape of the issue, the human text grouped by reason,
 * the owner filter, the window of --days. */

static char *database;

/* The KOLs every test sees, added once through the CLI. */
static void
add_kols (void)
{
  g_auto(KdxCliRun) run = { 0 };

  /* 1: follow-up overdue since 2026-02-20, a lunar birthday on 八月十五. */
  kdx_test_run_cli (&run, database, "add", "--display-name", "小美", "stage=mature", "tier=head",
                    "owner=阿杰", "next_follow_up=2026-02-20",
                    "events+=at=2026-02-25T04:00:00Z;kind=call",
                    "important_dates+=label=农历生日;date=2025-10-06;calendar=chinese", NULL);
  kdx_test_assert_cli_ok (&run);
  /* 2: a waist KOL last called 40 days before 2026-03-01; a note since. */
  kdx_test_run_cli (&run, database, "add", "--display-name", "阿强", "stage=growing", "tier=waist",
                    "owner=Lily", "events+=at=2026-01-20T04:00:00Z;kind=call",
                    "events+=at=2026-02-28T04:00:00Z;kind=note;summary=只是记一笔", NULL);
  kdx_test_assert_cli_ok (&run);
  /* 3: departed, to re-approach on 2026-03-01. */
  kdx_test_run_cli (&run, database, "add", "--display-name", "Coco", "stage=departed", "tier=head",
                    "owner=阿杰", "reapproach_on=2026-03-01", "next_follow_up=2026-01-01", NULL);
  kdx_test_assert_cli_ok (&run);
  /* 4: follow-up today, birthday on 2026-03-05. */
  kdx_test_run_cli (&run, database, "add", "--display-name", "Leo", "stage=contacting",
                    "next_follow_up=2026-03-01", "birthday=1992-03-05", NULL);
  kdx_test_assert_cli_ok (&run);
}

static JsonArray *
due_json (JsonParser *parser,
          const char *first_arg,
          ...)
{
  g_auto(KdxCliRun) run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  /* kdx_test_run_cli takes a fixed list; the calls below give at most four. */
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  while (args->len < 4)
    g_ptr_array_add (args, NULL);

  kdx_test_run_cli (&run, database, "due", "--json", args->pdata[0], args->pdata[1],
                    args->pdata[2], args->pdata[3], NULL);
  kdx_test_assert_cli_ok (&run);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  return json_node_get_array (json_parser_get_root (parser));
}

static void
assert_entry (JsonArray  *items,
              guint       index,
              gint64      id,
              const char *reason,
              const char *date,
              gint64      days,
              const char *label)
{
  JsonObject *item;
  g_autoptr(GList) members = NULL;

  g_assert_cmpuint (index, <, json_array_get_length (items));
  item = json_array_get_object_element (items, index);
  g_assert_cmpint (json_object_get_int_member (item, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (item, "reason"), ==, reason);
  g_assert_cmpstr (json_object_get_string_member (item, "date"), ==, date);
  g_assert_cmpint (json_object_get_int_member (item, "days"), ==, days);
  g_assert_true (json_object_has_member (item, "display_name"));
  /* Exactly the keys of the issue: label only for dates and festivals. */
  members = json_object_get_members (item);
  g_assert_cmpuint (g_list_length (members), ==, label != NULL ? 6 : 5);
  if (label != NULL)
    g_assert_cmpstr (json_object_get_string_member (item, "label"), ==, label);
}

static void
test_json_shape (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *items = due_json (parser, "--on", "2026-03-01", NULL);

  /* Sections in order; a note is no contact, so 阿强's last call counts. */
  g_assert_cmpuint (json_array_get_length (items), ==, 6);
  assert_entry (items, 0, 1, "overdue_follow_up", "2026-02-20", 9, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "display_name"),
                   ==, "小美");
  assert_entry (items, 1, 4, "follow_up_today", "2026-03-01", 0, NULL);
  assert_entry (items, 2, 2, "losing_touch", "2026-01-20", 40, NULL);
  assert_entry (items, 3, 3, "reapproach", "2026-03-01", 0, NULL);
  assert_entry (items, 4, 4, "important_date", "2026-03-05", 4, "Birthday");
  /* 元宵 (正月十五) is on 2026-03-03, less than a week ahead. */
  assert_entry (items, 5, 0, "festival", "2026-03-03", 2, "Lantern Festival");
}

static void
test_lunar_and_festival (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *items = due_json (parser, "--on", "2026-09-20", "--days", "5", NULL);
  guint n = json_array_get_length (items);

  /* 八月十五 of 2026 is 2026-09-25: 小美's lunar birthday and Mid-Autumn,
   * greeted for her (mature, head) and 阿强 (growing, waist). */
  assert_entry (items, n - 2, 1, "important_date", "2026-09-25", 5, "农历生日");
  assert_entry (items, n - 1, 0, "festival", "2026-09-25", 5, "Mid-Autumn Festival");
}

static void
test_owner_and_days (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) narrow_parser = json_parser_new ();
  JsonArray *items = due_json (parser, "--on", "2026-03-01", "--owner", "阿杰", NULL);
  JsonArray *narrow = due_json (narrow_parser, "--on", "2026-03-01", "--days", "3", NULL);

  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  assert_entry (items, 0, 1, "overdue_follow_up", "2026-02-20", 9, NULL);
  assert_entry (items, 1, 3, "reapproach", "2026-03-01", 0, NULL);
  assert_entry (items, 2, 0, "festival", "2026-03-03", 2, "Lantern Festival");
  /* The birthday four days on is outside three days; 元宵 in two is not. */
  g_assert_cmpuint (json_array_get_length (narrow), ==, 5);
  assert_entry (narrow, 4, 0, "festival", "2026-03-03", 2, "Lantern Festival");
}

static void
test_text_grouped_by_reason (void)
{
  g_auto(KdxCliRun) run = { 0 };
  const char *sections[] = {
    "Overdue follow-ups\n", "Follow-ups due today\n", "Losing touch\n",
    "Time to re-approach\n", "Important dates\n", "Festivals to greet on\n",
  };
  const char *at = NULL;

  kdx_test_run_cli (&run, database, "due", "--on", "2026-03-01", NULL);
  kdx_test_assert_cli_ok (&run);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      const char *found = strstr (run.out, sections[i]);

      if (found == NULL || found < at)
        g_error ("expected “%s” after the sections before it in:\n%s", sections[i], run.out);
      at = found;
    }
  kdx_test_assert_has (run.out, "小美\tfollow-up on 2026-02-20, 9 days overdue");
  kdx_test_assert_has (run.out, "阿强\tlast contact 2026-01-20, 40 days ago");
  kdx_test_assert_has (run.out, "Leo\tBirthday on 2026-03-05, in 4 days");
  kdx_test_assert_has (run.out, "Lantern Festival on 2026-03-03, in 2 days: 2 KOLs to greet");

  kdx_test_run_cli (&run, database, "due", "--on", "2026-03-01", "--owner", "nobody", NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_cmpstr (run.out, ==, "Nothing is due on 2026-03-01.\n");

  kdx_test_run_cli (&run, database, "due", "--help", NULL);
  kdx_test_assert_cli_ok (&run);
  kdx_test_assert_has (run.out, "default Preferences");
}

static void
test_bad_arguments (void)
{
  g_auto(KdxCliRun) run = { 0 };

  kdx_test_run_cli (&run, database, "due", "--on", "2026-02-30", NULL);
  g_assert_cmpint (run.status, ==, 1);
  kdx_test_assert_has (run.err, "2026-02-30");
  kdx_test_run_cli (&run, database, "due", "--days", "-2", NULL);
  g_assert_cmpint (run.status, ==, 1);
  kdx_test_run_cli (&run, database, "due", "tomorrow", NULL);
  g_assert_cmpint (run.status, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  /* koldex-cli runs in Beijing time, whatever the machine's. */
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  dir = kdx_test_make_tmp_dir ();
  database = g_build_filename (dir, "due.db", NULL);
  add_kols ();

  g_test_add_func ("/due/cli/json-shape", test_json_shape);
  g_test_add_func ("/due/cli/lunar-and-festival", test_lunar_and_festival);
  g_test_add_func ("/due/cli/owner-and-days", test_owner_and_days);
  g_test_add_func ("/due/cli/text-grouped-by-reason", test_text_grouped_by_reason);
  g_test_add_func ("/due/cli/bad-arguments", test_bad_arguments);

  status = g_test_run ();
  g_free (database);
  return status;
}
