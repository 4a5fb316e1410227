/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-stats-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "kdx-enum-types.h"
#include "kdx-event.h"
#include "kdx-stage-entry.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* koldex-cli stats (issue 11, item 4) as an operator runs it, in Beijing
 * time with KOLDEX_TODAY=2026-03-20. Every stored time is 04:00 UTC (noon
 * local), so whole days apart; stays still open are cut at the end of
 * today (03-20T16:00Z), half a day on.
 *
 *   1 小美  阿杰  candidate 01-05, contacting 01-10, negotiating 01-20,
 *               onboarding 02-01 (now); outreach 01-10 wechat refused,
 *               01-15 wechat agreed
 *   2 Leo   Lily  candidate 01-08, contacting 01-12, declined 01-30;
 *               outreach 01-12 phone refused
 *   3 Coco  阿杰  candidate 2025-12-01, onboarding 2025-12-10, departed
 *               02-10 (poached)
 */

static char *dir;
static char *database;

static void
add_kol (KdxStore   *store,
         const char *name,
         const char *owner,
         const char *history,
         const char *churn_reason,
         const char *outreach)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  g_auto(GStrv) moves = g_strsplit (history, " ", -1);
  g_auto(GStrv) attempts = g_strsplit (outreach, " ", -1);
  KdxStage stage = KDX_STAGE_CANDIDATE;

  for (guint i = 0; moves[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (moves[i], "@", 2);
      g_autofree char *at = g_strdup_printf ("%sT04:00:00Z", parts[1]);
      g_autoptr(KdxStageEntry) entry = kdx_stage_entry_new ();

      g_assert_true (kdx_stage_from_string (parts[0], &stage));
      g_object_set (entry, "stage", stage, "at", at, NULL);
      g_list_store_append (kdx_kol_get_stage_history (kol), entry);
    }
  /* "day:channel:outcome" each */
  for (guint i = 0; attempts[i] != NULL && *attempts[i] != '\0'; i++)
    {
      g_auto(GStrv) parts = g_strsplit (attempts[i], ":", 3);
      g_autofree char *at = g_strdup_printf ("%sT04:00:00Z", parts[0]);
      g_autoptr(KdxEvent) event = kdx_event_new ();
      int outcome;

      g_assert_true (kdx_enum_from_string (KDX_TYPE_OUTCOME, parts[2], &outcome));
      g_object_set (event, "kind", KDX_EVENT_KIND_OUTREACH, "at", at, "channel", parts[1],
                    "outcome", outcome, NULL);
      g_list_store_append (kdx_kol_get_events (kol), event);
    }
  g_object_set (kol, "display-name", name, "owner", owner, "stage", stage,
                "churn-reason", churn_reason, NULL);
  kdx_test_store_kol (store, kol);
}

static void
make_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_test_open_store (database, &error);

  g_assert_no_error (error);
  add_kol (store, "小美", "阿杰",
           "candidate@2026-01-05 contacting@2026-01-10 negotiating@2026-01-20 "
           "onboarding@2026-02-01", NULL,
           "2026-01-10:wechat:refused 2026-01-15:wechat:agreed");
  add_kol (store, "Leo", "Lily", "candidate@2026-01-08 contacting@2026-01-12 declined@2026-01-30",
           NULL, "2026-01-12:phone:refused");
  add_kol (store, "Coco", "阿杰", "candidate@2025-12-01 onboarding@2025-12-10 departed@2026-02-10",
           "poached", "");
}

static JsonObject *
stats_json (JsonParser *parser,
            const char *arg1,
            const char *arg2,
            const char *arg3,
            const char *arg4)
{
  g_auto(KdxCliRun) run = { 0 };
  g_autoptr(GError) error = NULL;

  kdx_test_run_cli (&run, database, "stats", "--json", arg1, arg2, arg3, arg4, NULL);
  kdx_test_assert_cli_ok (&run);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static JsonObject *
element (JsonArray *array,
         guint      index)
{
  return json_array_get_object_element (array, index);
}

static void
test_json_shape (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *stats = stats_json (parser, "--from", "2026-01-01", "--to", "2026-03-31");
  static const char *const funnel_order[] = { "candidate", "contacting", "negotiating",
                                              "onboarding", "growing", "mature", "declined",
                                              "departed" };
  /* In Q1: 小美 went as far as Onboarding, Leo Contacting; Coco moved on
   * the main path only in 2025. Declined Leo, departed Coco. */
  static const gint64 reached[] = { 2, 2, 1, 1, 0, 0, 1, 1 };
  static const char *const stages[] = { "candidate", "contacting", "negotiating", "onboarding",
                                        "growing", "mature", "declining" };
  /* Stays overlapping Q1: candidate 小美 5, Leo 4 -> 4.5; contacting 小美
   * 10, Leo 18 -> 14; negotiating 小美 12; onboarding 小美 47.5 (02-01 to
   * 03-20T16:00Z: 28 + 19 + 0.5, open), Coco 62 (2025-12-10 to 02-10:
   * 21 + 31 + 10) -> 54.75; none in the others: null. */
  static const double medians[] = { 4.5, 14, 12, 54.75, NAN, NAN, NAN };
  JsonArray *funnel = json_object_get_array_member (stats, "funnel");
  JsonObject *outreach = json_object_get_object_member (stats, "outreach");
  JsonArray *churn = json_object_get_array_member (stats, "churn");
  JsonArray *days = json_object_get_array_member (stats, "days_in_stage");

  g_assert_cmpuint (json_array_get_length (funnel), ==, 8);
  for (guint i = 0; i < 8; i++)
    {
      g_assert_cmpstr (json_object_get_string_member (element (funnel, i), "stage"), ==,
                       funnel_order[i]);
      g_assert_cmpint (json_object_get_int_member (element (funnel, i), "reached"), ==, reached[i]);
    }

  /* Three attempts on two KOLs; 小美 agreed: 1/2. */
  g_assert_cmpint (json_object_get_int_member (outreach, "attempts"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (outreach, "approached"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (outreach, "agreed"), ==, 1);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (outreach, "success_rate"), 0.5,
                                  1e-9);

  g_assert_cmpuint (json_array_get_length (churn), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (element (churn, 0), "reason"), ==, "poached");
  g_assert_cmpint (json_object_get_int_member (element (churn, 0), "count"), ==, 1);

  g_assert_cmpuint (json_array_get_length (days), ==, G_N_ELEMENTS (stages));
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      JsonObject *row = element (days, i);

      g_assert_cmpstr (json_object_get_string_member (row, "stage"), ==, stages[i]);
      if (isnan (medians[i]))
        g_assert_true (json_object_get_null_member (row, "median_days"));
      else
        g_assert_cmpfloat_with_epsilon (json_object_get_double_member (row, "median_days"),
                                        medians[i], 1e-6);
    }
}

static void
test_owner_and_nobody_approached (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) nobody_parser = json_parser_new ();
  JsonObject *stats = stats_json (parser, "--owner", "阿杰", "--period", "this-quarter");
  JsonObject *nobody = stats_json (nobody_parser, "--owner", "nobody", NULL, NULL);
  JsonObject *outreach = json_object_get_object_member (stats, "outreach");

  /* 阿杰: 小美 only approached, and agreed: 1/1. */
  g_assert_cmpint (json_object_get_int_member (outreach, "approached"), ==, 1);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (outreach, "success_rate"), 1.0,
                                  1e-9);
  g_assert_cmpstr (json_object_get_string_member (stats, "from"), ==, "2026-01-01");
  g_assert_cmpstr (json_object_get_string_member (stats, "to"), ==, "2026-03-31");

  /* Nobody approached: the rate is null, not 0 or NaN. */
  outreach = json_object_get_object_member (nobody, "outreach");
  g_assert_cmpint (json_object_get_int_member (outreach, "approached"), ==, 0);
  g_assert_true (json_object_get_null_member (outreach, "success_rate"));
}

static void
test_text_table (void)
{
  g_auto(KdxCliRun) run = { 0 };

  kdx_test_run_cli (&run, database, "stats", "--from", "2026-01-01", "--to", "2026-03-31", NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_nonnull (strstr (run.out, "Success rate 50 %: 1 of 2 approached agreed, 3 attempts"));
  g_assert_nonnull (strstr (run.out, "Funnel"));
  g_assert_nonnull (strstr (run.out, "Poached"));
}

static void
test_report (void)
{
  g_auto(KdxCliRun) run = { 0 };
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "report.xlsx", NULL);
  g_autofree char *bad = g_build_filename (dir, "report.doc", NULL);
  GStatBuf st;

  kdx_test_run_cli (&run, database, "stats", "--period", "this-year", "--report", pdf, NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 1000);
  kdx_test_run_cli (&run, database, "stats", "--report", xlsx, NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_cmpint (g_stat (xlsx, &st), ==, 0);

  /* A name that is neither: refused, nothing written. */
  kdx_test_run_cli (&run, database, "stats", "--report", bad, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "report.doc"));
  g_assert_nonnull (strstr (run.err, ".pdf or .xlsx"));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}

static void
test_bad_arguments (void)
{
  g_auto(KdxCliRun) run = { 0 };

  kdx_test_run_cli (&run, database, "stats", "--from", "2026-13-01", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "2026-13-01"));

  kdx_test_run_cli (&run, database, "stats", "--from", "2026-03-10", "--to", "2026-03-01", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "before it begins"));

  kdx_test_run_cli (&run, database, "stats", "--period", "fortnight", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "fortnight"));

  kdx_test_run_cli (&run, database, "stats", "--tier", "giant", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "giant"));
}

int
main (int   argc,
      char **argv)
{
  int status;

  /* The CLI runs in Beijing time on a pinned day, as the fixture assumes. */
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_setenv ("KOLDEX_TODAY", "2026-03-20", TRUE);
  g_test_init (&argc, &argv, NULL);

  dir = kdx_test_make_tmp_dir ();
  database = g_build_filename (dir, "stats.db", NULL);
  make_database ();

  g_test_add_func ("/stats/cli/json-shape", test_json_shape);
  g_test_add_func ("/stats/cli/owner-and-nobody-approached", test_owner_and_nobody_approached);
  g_test_add_func ("/stats/cli/text-table", test_text_table);
  g_test_add_func ("/stats/cli/report", test_report);
  g_test_add_func ("/stats/cli/bad-arguments", test_bad_arguments);
  status = g_test_run ();

  kdx_test_remove_tree (dir);
  g_free (database);
  g_free (dir);
  return status;
}
