/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-fields-cli"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "kdx-test-util.h"

/* koldex-cli and the fields of issue 10: FIELD=VALUE and list items take
 * them, --help lists them, show --json prints them. */

static char *database;

static void
test_help_lists_new_fields (void)
{
  g_auto(KdxCliRun) run = { 0 };
  const char *const expected[] = {
    "contact_every_days", "reapproach_on", "channel", "amount", "calendar", "gregorian, chinese",
    "unset, external, internal", "unset, acquisition, activation, conversion",
    "Known event channels", "in_person",
  };

  kdx_test_run_cli (&run, database, "add", "--help", NULL);
  kdx_test_assert_cli_ok (&run);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (run.out, expected[i]) == NULL)
      g_error ("expected “%s” in: %s", expected[i], run.out);
}

static void
test_set_and_show_json (void)
{
  g_auto(KdxCliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *kol;
  JsonObject *event;
  JsonObject *date;

  kdx_test_run_cli (&run, database, "add", "--display-name", "小美",
                    "contact_every_days=14", "reapproach_on=2027/3/1",
                    "events+=at=2026-11-01T10:00:00Z;kind=gift;channel=当面;amount=299.00",
                    "important_dates+=label=农历生日;date=1995-03-08;calendar=chinese", NULL);
  kdx_test_assert_cli_ok (&run);

  kdx_test_run_cli (&run, database, "show", "1", "--json", NULL);
  kdx_test_assert_cli_ok (&run);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  kol = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (kol, "contact_every_days"), ==, 14);
  g_assert_cmpstr (json_object_get_string_member (kol, "reapproach_on"), ==, "2027-03-01");
  /* A new KOL's source and purpose are unset, and JSON says so. */
  g_assert_cmpstr (json_object_get_string_member (kol, "source"), ==, "unset");
  g_assert_cmpstr (json_object_get_string_member (kol, "purpose"), ==, "unset");

  event = json_array_get_object_element (json_object_get_array_member (kol, "events"), 0);
  g_assert_cmpstr (json_object_get_string_member (event, "channel"), ==, "in_person");
  g_assert_cmpfloat (json_object_get_double_member (event, "amount"), ==, 299.0);
  date = json_array_get_object_element (json_object_get_array_member (kol, "important_dates"), 0);
  g_assert_cmpstr (json_object_get_string_member (date, "calendar"), ==, "chinese");

  /* Set back to unset, and refused where the value does not fit. */
  kdx_test_run_cli (&run, database, "set", "1", "source=internal", NULL);
  kdx_test_assert_cli_ok (&run);
  kdx_test_run_cli (&run, database, "set", "1", "source=unset", NULL);
  kdx_test_assert_cli_ok (&run);
  kdx_test_run_cli (&run, database, "set", "1", "contact_every_days=-1", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "contact_every_days"));
  kdx_test_run_cli (&run, database, "set", "1", "important_dates+=label=x;date=2020-01-01;calendar=julian", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "calendar"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = kdx_test_make_tmp_dir ();
  database = g_build_filename (dir, "cli.db", NULL);

  g_test_add_func ("/fields-v4/cli/help", test_help_lists_new_fields);
  g_test_add_func ("/fields-v4/cli/set-and-show-json", test_set_and_show_json);

  status = g_test_run ();
  g_free (database);
  return status;
}
