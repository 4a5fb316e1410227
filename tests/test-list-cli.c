/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-list-cli"

#include "config.h"

#include <json-glib/json-glib.h>

#include "kdx-test-util.h"

/* koldex-cli set ID… FIELD=VALUE… and list --where/--sort/--columns/
 * --view/--json, and views (issue 17, item 5), as a user runs them;
 * changes are checked in the database, errors name what is wrong and
 * change nothing. */

static void
set (KdxKol     *kol,
     const char *field,
     const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kdx_record_set_from_string (KDX_RECORD (kol), field, text, &error));
  g_assert_no_error (error);
}

/* Ids 1-4: 小美 (head, negotiating, 125000, fit 5, 美妆), 阿杰 (waist,
 * candidate, 3000, fit 4, 科技), Anna (tail, growing, 45000, fit 2,
 * 美妆个护, owner Lin), 老王 (head, negotiating, 500, fit 4, 美妆). */
static void
add_fixture (KdxTestFolder *fixture)
{
  static const struct {
    const char *name, *tier, *followers, *fit, *tags, *owner;
    KdxStage stage;
  } rows[] = {
    { "小美", "head", "125000", "5", "美妆", NULL, KDX_STAGE_NEGOTIATING },
    { "阿杰", "waist", "3000", "4", "科技", NULL, KDX_STAGE_CANDIDATE },
    { "Anna", "tail", "45000", "2", "美妆个护", "Lin", KDX_STAGE_GROWING },
    { "老王", "head", "500", "4", "美妆", NULL, KDX_STAGE_NEGOTIATING },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(KdxKol) kol = kdx_kol_new ();
      g_autoptr(KdxKol) stored = NULL;

      set (kol, "display_name", rows[i].name);
      set (kol, "tier", rows[i].tier);
      set (kol, "followers", rows[i].followers);
      set (kol, "fit_score", rows[i].fit);
      set (kol, "tags", rows[i].tags);
      if (rows[i].owner != NULL)
        set (kol, "owner", rows[i].owner);
      kdx_kol_set_stage (kol, rows[i].stage);
      stored = kdx_test_add_kol (fixture, kol);
      g_assert_cmpint (kdx_kol_get_id (stored), ==, i + 1);
    }
}

static void
assert_owner (KdxTestFolder *fixture,
              gint64         id,
              const char    *owner)
{
  g_autoptr(KdxKol) kol = kdx_test_load_kol (fixture->store, id);

  g_assert_cmpstr (kdx_kol_get_owner (kol), ==, owner);
}

static void
test_set_many (KdxTestFolder *fixture,
               gconstpointer  data)
{
  g_auto(KdxCliRun) run = { 0 };
  g_autoptr(KdxKol) jie = NULL;

  add_fixture (fixture);
  kdx_test_run_cli (&run, fixture->db_path, "set", "1", "2", "3", "owner=小林", "tier=waist",
                    "tags+=新人", "tags-=美妆", NULL);
  kdx_test_assert_cli_ok (&run);
  for (gint64 id = 1; id <= 3; id++)
    {
      g_autoptr(KdxKol) kol = kdx_test_load_kol (fixture->store, id);

      g_assert_cmpstr (kdx_kol_get_owner (kol), ==, "小林");
      g_assert_cmpint (kdx_kol_get_tier (kol), ==, KDX_TIER_WAIST);
      g_assert_true (g_strv_contains (kdx_kol_get_tags (kol), "新人"));
      g_assert_false (g_strv_contains (kdx_kol_get_tags (kol), "美妆"));
    }
  assert_owner (fixture, 4, NULL);

  /* FIELD= clears, on all of them. */
  kdx_test_run_cli (&run, fixture->db_path, "set", "2", "3", "owner=", NULL);
  kdx_test_assert_cli_ok (&run);
  assert_owner (fixture, 2, NULL);
  assert_owner (fixture, 3, NULL);
  assert_owner (fixture, 1, "小林");

  /* One id keeps what only a single file takes: its stage. */
  kdx_test_run_cli (&run, fixture->db_path, "set", "2", "stage=contacting", NULL);
  kdx_test_assert_cli_ok (&run);
  jie = kdx_test_load_kol (fixture->store, 2);
  g_assert_cmpint (kdx_kol_get_stage (jie), ==, KDX_STAGE_CONTACTING);
}

typedef struct
{
  const char *args[6];
  const char *says[2];
} BadRun;

static void
test_set_errors_change_nothing (KdxTestFolder *fixture,
                                gconstpointer  data)
{
  static const BadRun bad[] = {
    { { "set", "1", "2", "99", "owner=x", NULL }, { "99", NULL } },
    { { "set", "1", "2", "fit_score=9", NULL }, { "fit_score", "“9”" } },
    { { "set", "1", "2", "owner=x", "tier=vip", NULL }, { "tier", "vip" } },
    { { "set", "1", "2", "fans=3", NULL }, { "fans", NULL } },
    { { "set", "1", "2", "stage=growing", NULL }, { "stage", "move" } },
    { { "set", "1", "x2", "owner=x", NULL }, { "x2", NULL } },
    { { "set", "1", "2", NULL }, { "FIELD=VALUE", NULL } },
  };

  add_fixture (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(KdxCliRun) run = { 0 };
      const char *const *a = bad[i].args;

      kdx_test_run_cli (&run, fixture->db_path, a[0], a[1], a[2], a[3], a[4], a[5], NULL);
      g_test_message ("%s %s %s %s: %s", a[0], a[1], a[2], a[3], run.err);
      g_assert_cmpint (run.status, ==, 1);
      for (guint j = 0; j < G_N_ELEMENTS (bad[i].says) && bad[i].says[j] != NULL; j++)
        kdx_test_assert_has (run.err, bad[i].says[j]);
      assert_owner (fixture, 1, NULL);
      assert_owner (fixture, 2, NULL);
    }
}

static void
test_list_where_sort_columns (KdxTestFolder *fixture,
                              gconstpointer  data)
{
  g_auto(KdxCliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonObject *first;

  add_fixture (fixture);

  kdx_test_run_cli (&run, fixture->db_path, "list", "--where", "fit_score>=4", "--where", "tags~美妆",
                    "--sort", "-followers", "--columns", "id,display_name,followers,tier", NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_cmpstr (run.out, ==,
                   "id\tdisplay_name\tfollowers\ttier\n"
                   "1\t小美\t125000\thead\n"
                   "4\t老王\t500\thead\n");

  /* Several keys: tier (in its order), then fewer followers first. */
  kdx_test_run_cli (&run, fixture->db_path, "list", "--sort", "tier", "--sort", "followers",
                    "--columns", "id", NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_cmpstr (run.out, ==, "id\n4\n1\n2\n3\n");

  /* owner= is empty; the plain list keeps its columns. */
  kdx_test_run_cli (&run, fixture->db_path, "list", "--where", "owner=", "--where", "tier!=head", NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_cmpstr (run.out, ==, "2\tcandidate\t3000\t-\t阿杰\n");

  /* JSON objects with exactly the keys asked for, typed. */
  kdx_test_run_cli (&run, fixture->db_path, "list", "--where", "tier=head", "--columns",
                    "id,display_name,tags,fit_score,last_contact", "--json", NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  first = json_array_get_object_element (array, 0);
  g_assert_cmpuint (json_object_get_size (first), ==, 5);
  g_assert_cmpint (json_object_get_int_member (first, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "display_name"), ==, "小美");
  g_assert_cmpint (json_object_get_int_member (first, "fit_score"), ==, 5);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (first, "tags"), 0), ==, "美妆");
  g_assert_true (json_object_get_null_member (first, "last_contact"));
}

static void
test_list_errors (KdxTestFolder *fixture,
                  gconstpointer  data)
{
  static const BadRun bad[] = {
    { { "list", "--where", "fans>=3", NULL }, { "fans", NULL } },
    { { "list", "--where", "fit_score>=high", NULL }, { "fit_score", "high" } },
    { { "list", "--where", "tier=vip", NULL }, { "vip", "head" } },
    { { "list", "--where", "fit_score~4", NULL }, { "fit_score", "contains" } },
    { { "list", "--where", "tier", NULL }, { "FIELD OP VALUE", NULL } },
    { { "list", "--sort", "-fans", NULL }, { "fans", NULL } },
    { { "list", "--columns", "id,fans", NULL }, { "fans", NULL } },
    { { "list", "--view", "没有", NULL }, { "没有", NULL } },
  };

  add_fixture (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(KdxCliRun) run = { 0 };
      const char *const *a = bad[i].args;

      kdx_test_run_cli (&run, fixture->db_path, a[0], a[1], a[2], NULL);
      g_test_message ("%s %s %s: %s", a[0], a[1], a[2], run.err);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      for (guint j = 0; j < G_N_ELEMENTS (bad[i].says) && bad[i].says[j] != NULL; j++)
        kdx_test_assert_has (run.err, bad[i].says[j]);
    }
}

static void
test_views (KdxTestFolder *fixture,
            gconstpointer  data)
{
  g_auto(KdxCliRun) run = { 0 };

  add_fixture (fixture);
  kdx_test_run_cli (&run, fixture->db_path, "views", NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_cmpstr (run.out, ==,
                   "Head KOLs in negotiation\tstage=negotiating; tier=head\t-followers\n"
                   "Own-grown, fit ≥ 4, not contacted in 30 days\tsource=internal; fit_score>=4; "
                   "last_contact !within 30\tlast_contact\n"
                   "Follow-up due this week\tnext_follow_up<=+7d\tnext_follow_up\n");

  /* A view with its columns, and with more conditions on top. */
  kdx_test_run_cli (&run, fixture->db_path, "list", "--view", "Head KOLs in negotiation",
                    "--columns", "id,followers", NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_cmpstr (run.out, ==, "id\tfollowers\n1\t125000\n4\t500\n");
  kdx_test_run_cli (&run, fixture->db_path, "list", "--view", "Head KOLs in negotiation",
                    "--where", "followers<=1000", NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_cmpstr (run.out, ==,
                   "display_name\tplatform\tfollowers\tfit_score\towner\tnext_follow_up\tlast_contact\n"
                   "老王\t-\t500\t4\t-\t-\t-\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("KOLDEX_TODAY", "2025-06-15", TRUE);

  g_test_add ("/list-cli/set-many", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_set_many, kdx_test_folder_tear_down);
  g_test_add ("/list-cli/set-errors-change-nothing", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_set_errors_change_nothing, kdx_test_folder_tear_down);
  g_test_add ("/list-cli/where-sort-columns", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_list_where_sort_columns, kdx_test_folder_tear_down);
  g_test_add ("/list-cli/errors", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_list_errors, kdx_test_folder_tear_down);
  g_test_add ("/list-cli/views", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_views, kdx_test_folder_tear_down);

  return g_test_run ();
}
