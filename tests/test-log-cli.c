/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-log-cli"

#include "config.h"

#include <string.h>

#include "kdx-event.h"
#include "kdx-test-util.h"

/* koldex-cli log ID… KIND: a contact on several KOLs at once, checked in
 * the database; a wrong argument says which and why, and changes nothing. */

static KdxEvent *
only_event (KdxKol *kol)
{
  GListModel *events = G_LIST_MODEL (kdx_kol_get_events (kol));

  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 1);
  return g_list_model_get_item (events, 0);
}

static void
test_log_two (KdxTestFolder *fixture,
              gconstpointer  data)
{
  g_autoptr(KdxKol) mei = kdx_test_add_named_kol (fixture, "小美", KDX_STAGE_CONTACTING);
  g_autoptr(KdxKol) jie = kdx_test_add_named_kol (fixture, "阿杰", KDX_STAGE_CANDIDATE);
  g_autofree char *mei_id = g_strdup_printf ("%" G_GINT64_FORMAT, kdx_kol_get_id (mei));
  g_autofree char *jie_id = g_strdup_printf ("%" G_GINT64_FORMAT, kdx_kol_get_id (jie));
  g_auto(KdxCliRun) run = { 0 };
  KdxKol *files[2];

  kdx_test_run_cli (&run, fixture->db_path, "log", mei_id, jie_id, "outreach",
                    "--channel", "微信", "--outcome", "interested", "--note", "聊了合作",
                    "--next", "2026/12/1", "--at", "2026-11-20T08:00:00Z", NULL);
  kdx_test_assert_cli_ok (&run);
  kdx_test_assert_has (run.out, "小美");
  kdx_test_assert_has (run.out, "阿杰");

  files[0] = kdx_test_load_kol (fixture->store, kdx_kol_get_id (mei));
  files[1] = kdx_test_load_kol (fixture->store, kdx_kol_get_id (jie));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(KdxEvent) event = only_event (files[i]);
      g_autofree char *at = NULL, *channel = NULL, *summary = NULL;
      int kind, outcome;

      g_object_get (event, "at", &at, "kind", &kind, "channel", &channel,
                    "summary", &summary, "outcome", &outcome, NULL);
      g_assert_cmpstr (at, ==, "2026-11-20T08:00:00Z");
      g_assert_cmpint (kind, ==, KDX_EVENT_KIND_OUTREACH);
      g_assert_cmpstr (channel, ==, "wechat");
      g_assert_cmpstr (summary, ==, "聊了合作");
      g_assert_cmpint (outcome, ==, KDX_OUTCOME_INTERESTED);
      g_assert_cmpstr (kdx_kol_get_next_follow_up (files[i]), ==, "2026-12-01");
      g_object_unref (files[i]);
    }
}

static void
test_gift_and_next_in_days (KdxTestFolder *fixture,
                            gconstpointer  data)
{
  g_autoptr(KdxKol) mei = kdx_test_add_named_kol (fixture, "小美", KDX_STAGE_GROWING);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, kdx_kol_get_id (mei));
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autofree char *expected = NULL;
  g_auto(KdxCliRun) run = { 0 };
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(KdxEvent) event = NULL;
  g_autofree char *amount = NULL;

  kdx_test_run_cli (&run, fixture->db_path, "log", id, "gift", "--amount", "299",
                    "--next", "+2w", NULL);
  /* The date the CLI counted from is today's, taken around the run. */
  now = g_date_time_new_now_local ();
  later = g_date_time_add_days (now, 14);
  expected = g_date_time_format (later, "%Y-%m-%d");
  kdx_test_assert_cli_ok (&run);

  stored = kdx_test_load_kol (fixture->store, kdx_kol_get_id (mei));
  event = only_event (stored);
  g_object_get (event, "amount", &amount, NULL);
  g_assert_cmpstr (amount, ==, "299");
  g_assert_cmpstr (kdx_kol_get_next_follow_up (stored), ==, expected);

  /* --next none clears it; without --next it stays. */
  kdx_test_run_cli (&run, fixture->db_path, "log", id, "note", "--note", "喜欢猫", NULL);
  kdx_test_assert_cli_ok (&run);
  g_clear_object (&stored);
  stored = kdx_test_load_kol (fixture->store, kdx_kol_get_id (mei));
  g_assert_cmpstr (kdx_kol_get_next_follow_up (stored), ==, expected);
  kdx_test_run_cli (&run, fixture->db_path, "log", id, "call", "--next", "none", NULL);
  kdx_test_assert_cli_ok (&run);
  g_clear_object (&stored);
  stored = kdx_test_load_kol (fixture->store, kdx_kol_get_id (mei));
  g_assert_null (kdx_kol_get_next_follow_up (stored));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_kol_get_events (stored))), ==, 3);
}

static void
test_bad_arguments (KdxTestFolder *fixture,
                    gconstpointer  data)
{
  g_autoptr(KdxKol) mei = kdx_test_add_named_kol (fixture, "小美", KDX_STAGE_CONTACTING);
  g_autoptr(KdxKol) jie = kdx_test_add_named_kol (fixture, "阿杰", KDX_STAGE_CANDIDATE);
  g_autofree char *mei_id = g_strdup_printf ("%" G_GINT64_FORMAT, kdx_kol_get_id (mei));
  g_autofree char *jie_id = g_strdup_printf ("%" G_GINT64_FORMAT, kdx_kol_get_id (jie));
  const struct { const char *args[6]; const char *says; } cases[] = {
    { { mei_id, jie_id, "999", "call" }, "999" },
    { { mei_id, "calls" }, "“calls” is not one of: outreach, call" },
    { { mei_id, "call", "--amount", "5" }, "--amount: only a payment or a gift" },
    { { mei_id, "gift", "--amount", "a lot" }, "--amount: “a lot”" },
    { { mei_id, "call", "--outcome", "agreed" }, "--outcome: only outreach" },
    { { mei_id, "outreach", "--outcome", "maybe" }, "--outcome: “maybe” is not one of" },
    { { mei_id, "call", "--next", "tomorrow" }, "--next: “tomorrow” is not a date" },
    { { mei_id, "call", "--next", "2026-02-30" }, "--next" },
    { { mei_id, "call", "--at", "noon" }, "--at" },
    { { "xm", "call" }, "“xm” is not a KOL id" },
    { { "call" }, "Give the KOL ids and the kind" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(KdxCliRun) run = { 0 };
      g_autoptr(KdxKol) mei_after = NULL;
      g_autoptr(KdxKol) jie_after = NULL;
      const char *const *a = cases[i].args;

      kdx_test_run_cli (&run, fixture->db_path, "log", a[0], a[1], a[2], a[3], a[4], a[5], NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      kdx_test_assert_has (run.err, cases[i].says);
      /* One line says it all. */
      g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);

      mei_after = kdx_test_load_kol (fixture->store, kdx_kol_get_id (mei));
      jie_after = kdx_test_load_kol (fixture->store, kdx_kol_get_id (jie));
      g_assert_true (kdx_kol_equal (mei_after, mei));
      g_assert_true (kdx_kol_equal (jie_after, jie));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, KdxTestFolder, NULL, kdx_test_folder_set_up, func, kdx_test_folder_tear_down)
  ADD ("/cli/log/two-kols", test_log_two);
  ADD ("/cli/log/gift-and-next-in-days", test_gift_and_next_in_days);
  ADD ("/cli/log/bad-arguments", test_bad_arguments);
#undef ADD

  return g_test_run ();
}
