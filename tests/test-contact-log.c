/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-contact-log"

#include "config.h"

#include "kdx-contact-log.h"
#include "kdx-enums.h"
#include "kdx-error.h"
#include "kdx-event.h"
#include "kdx-test-util.h"

/* Logging a contact (kdx-contact-log.c): one event on every KOL, the
 * next follow-up, one transaction, and the files as they were for Undo. */

static KdxEvent *
newest_event (KdxKol *kol)
{
  GListModel *events = G_LIST_MODEL (kdx_kol_get_events (kol));
  guint n = g_list_model_get_n_items (events);

  g_assert_cmpuint (n, >, 0);
  return g_list_model_get_item (events, n - 1);
}

static guint
n_events (KdxKol *kol)
{
  return g_list_model_get_n_items (G_LIST_MODEL (kdx_kol_get_events (kol)));
}

static GArray *
ids_of (KdxKol *first,
        ...)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  va_list args;

  va_start (args, first);
  for (KdxKol *kol = first; kol != NULL; kol = va_arg (args, KdxKol *))
    {
      gint64 id = kdx_kol_get_id (kol);
      g_array_append_val (ids, id);
    }
  va_end (args);
  return ids;
}

static void
test_outreach_on_two (KdxTestFolder *fixture,
                      gconstpointer  data)
{
  g_autoptr(KdxKol) mei = kdx_test_add_named_kol (fixture, "小美", KDX_STAGE_CONTACTING);
  g_autoptr(KdxKol) jie = kdx_test_add_named_kol (fixture, "阿杰", KDX_STAGE_CANDIDATE);
  g_autoptr(GArray) ids = ids_of (mei, jie, NULL);
  g_autoptr(KdxContactLog) log = kdx_contact_log_new (KDX_EVENT_KIND_OUTREACH);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GError) error = NULL;

  log->channel = g_strdup ("微信");
  log->outcome = KDX_OUTCOME_NO_ANSWER;
  log->note = g_strdup ("发了合作邀请");
  log->at = g_strdup ("2026-03-01T09:30:00Z");
  log->follow_up = KDX_FOLLOW_UP_SET;
  log->next_follow_up = g_strdup ("2026-03-04");

  g_assert_true (kdx_contact_log_apply (fixture->store, ids, log, &before, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 2);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(KdxKol) stored = kdx_test_load_kol (fixture->store, g_array_index (ids, gint64, i));
      g_autoptr(KdxEvent) event = newest_event (stored);
      g_autofree char *at = NULL, *channel = NULL, *summary = NULL, *amount = NULL;
      int kind, outcome;

      g_object_get (event, "at", &at, "kind", &kind, "channel", &channel, "summary", &summary,
                    "outcome", &outcome, "amount", &amount, NULL);
      g_assert_cmpstr (at, ==, "2026-03-01T09:30:00Z");
      g_assert_cmpint (kind, ==, KDX_EVENT_KIND_OUTREACH);
      /* Personal WeChat, not the Official Account platform. */
      g_assert_cmpstr (channel, ==, "wechat");
      g_assert_cmpstr (summary, ==, "发了合作邀请");
      g_assert_cmpint (outcome, ==, KDX_OUTCOME_NO_ANSWER);
      g_assert_null (amount);
      g_assert_cmpuint (n_events (stored), ==, 1);
      g_assert_cmpstr (kdx_kol_get_next_follow_up (stored), ==, "2026-03-04");

      /* What Undo gets is the file before the contact, exactly. */
      g_assert_cmpint (kdx_kol_get_id (g_ptr_array_index (before, i)), ==, kdx_kol_get_id (stored));
      g_assert_cmpuint (n_events (g_ptr_array_index (before, i)), ==, 0);
    }

  /* Undo puts both files back as they were. */
  g_assert_true (kdx_store_replace_kols (fixture->store, before, &error));
  g_assert_no_error (error);
  {
    g_autoptr(KdxKol) mei_back = kdx_test_load_kol (fixture->store, kdx_kol_get_id (mei));
    g_autoptr(KdxKol) jie_back = kdx_test_load_kol (fixture->store, kdx_kol_get_id (jie));

    g_assert_true (kdx_kol_equal (mei_back, mei));
    g_assert_true (kdx_kol_equal (jie_back, jie));
  }
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_unknown_id_changes_nothing (KdxTestFolder *fixture,
                                 gconstpointer  data)
{
  g_autoptr(KdxKol) mei = kdx_test_add_named_kol (fixture, "小美", KDX_STAGE_GROWING);
  g_autoptr(KdxKol) jie = kdx_test_add_named_kol (fixture, "阿杰", KDX_STAGE_MATURE);
  g_autoptr(GArray) ids = ids_of (mei, jie, NULL);
  g_autoptr(KdxContactLog) log = kdx_contact_log_new (KDX_EVENT_KIND_CALL);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxKol) mei_after = NULL;
  g_autoptr(KdxKol) jie_after = NULL;
  gint64 unknown = 9999;
  guint changed = 0;

  /* The unknown id comes last: the two before it were already written
   * inside the transaction, and must be rolled back with it. */
  g_array_append_val (ids, unknown);
  log->follow_up = KDX_FOLLOW_UP_SET;
  log->next_follow_up = g_strdup ("2026-05-01");
  g_signal_connect_swapped (fixture->store, "changed", G_CALLBACK (count_cb), &changed);

  g_assert_false (kdx_contact_log_apply (fixture->store, ids, log, &before, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND);
  g_assert_null (before);
  g_assert_cmpuint (changed, ==, 0);

  mei_after = kdx_test_load_kol (fixture->store, kdx_kol_get_id (mei));
  jie_after = kdx_test_load_kol (fixture->store, kdx_kol_get_id (jie));
  g_assert_true (kdx_kol_equal (mei_after, mei));
  g_assert_true (kdx_kol_equal (jie_after, jie));
}

static void
test_payment_amount_and_clear (KdxTestFolder *fixture,
                               gconstpointer  data)
{
  g_autoptr(KdxKol) mei = kdx_test_add_named_kol (fixture, "小美", KDX_STAGE_GROWING);
  g_autoptr(GArray) ids = ids_of (mei, NULL);
  g_autoptr(KdxContactLog) log = kdx_contact_log_new (KDX_EVENT_KIND_PAYMENT);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(KdxEvent) event = NULL;
  g_autofree char *amount = NULL;

  g_object_set (mei, "next-follow-up", "2026-01-10", NULL);
  g_assert_true (kdx_store_save_kol (fixture->store, mei, &error));

  log->amount = g_strdup ("1,200.50");
  log->follow_up = KDX_FOLLOW_UP_CLEAR;
  g_assert_true (kdx_contact_log_apply (fixture->store, ids, log, NULL, &error));
  g_assert_no_error (error);

  stored = kdx_test_load_kol (fixture->store, kdx_kol_get_id (mei));
  event = newest_event (stored);
  g_object_get (event, "amount", &amount, NULL);
  g_assert_cmpstr (amount, ==, "1200.50");
  g_assert_null (kdx_kol_get_next_follow_up (stored));
}

static void
test_keep_follow_up (KdxTestFolder *fixture,
                     gconstpointer  data)
{
  g_autoptr(KdxKol) mei = kdx_test_add_named_kol (fixture, "小美", KDX_STAGE_GROWING);
  g_autoptr(GArray) ids = ids_of (mei, NULL);
  g_autoptr(KdxContactLog) log = kdx_contact_log_new (KDX_EVENT_KIND_NOTE);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxKol) stored = NULL;

  g_object_set (mei, "next-follow-up", "2026-01-10", NULL);
  g_assert_true (kdx_store_save_kol (fixture->store, mei, &error));

  log->note = g_strdup ("喜欢猫");
  g_assert_true (kdx_contact_log_apply (fixture->store, ids, log, NULL, &error));
  g_assert_no_error (error);
  stored = kdx_test_load_kol (fixture->store, kdx_kol_get_id (mei));
  g_assert_cmpstr (kdx_kol_get_next_follow_up (stored), ==, "2026-01-10");
  g_assert_cmpuint (n_events (stored), ==, 1);
}

/* Values that do not fit are refused before anything is written. */
static void
test_wrong_values (KdxTestFolder *fixture,
                   gconstpointer  data)
{
  g_autoptr(KdxKol) mei = kdx_test_add_named_kol (fixture, "小美", KDX_STAGE_GROWING);
  g_autoptr(GArray) ids = ids_of (mei, NULL);
  g_autoptr(KdxKol) stored = NULL;
  struct { KdxEventKind kind; KdxOutcome outcome; const char *amount; const char *at;
           const char *next; const char *says; } cases[] = {
    { KDX_EVENT_KIND_CALL, KDX_OUTCOME_AGREED, NULL, NULL, NULL, "outcome" },
    { KDX_EVENT_KIND_MESSAGE, KDX_OUTCOME_NONE, "100", NULL, NULL, "amount" },
    { KDX_EVENT_KIND_GIFT, KDX_OUTCOME_NONE, "a lot", NULL, NULL, "amount" },
    { KDX_EVENT_KIND_CALL, KDX_OUTCOME_NONE, NULL, "yesterday", NULL, "at" },
    { KDX_EVENT_KIND_CALL, KDX_OUTCOME_NONE, NULL, NULL, "2026-02-30", "next_follow_up" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KdxContactLog) log = kdx_contact_log_new (cases[i].kind);
      g_autoptr(GError) error = NULL;

      log->outcome = cases[i].outcome;
      log->amount = g_strdup (cases[i].amount);
      log->at = g_strdup (cases[i].at);
      if (cases[i].next != NULL)
        {
          log->follow_up = KDX_FOLLOW_UP_SET;
          log->next_follow_up = g_strdup (cases[i].next);
        }
      g_assert_false (kdx_contact_log_apply (fixture->store, ids, log, NULL, &error));
      g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE);
      g_assert_true (g_str_has_prefix (error->message, cases[i].says));
    }

  stored = kdx_test_load_kol (fixture->store, kdx_kol_get_id (mei));
  g_assert_true (kdx_kol_equal (stored, mei));
}

static void
test_next_dates (void)
{
  GDate today;
  struct { const char *text; const char *date; } cases[] = {
    { "+3d", "2024-03-01" }, { "+1w", "2024-03-05" }, { "+2W", "2024-03-12" },
    { "+0d", "2024-02-27" }, { "2026-12-01", "2026-12-01" }, { "2026/3/1", "2026-03-01" },
    { "+3", NULL }, { "+xd", NULL }, { "+3m", NULL }, { "soon", NULL }, { "+-1d", NULL },
  };

  /* A leap year: 27 February + 3 days is 1 March only by way of the 29th. */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 27, G_DATE_FEBRUARY, 2024);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = kdx_contact_log_parse_next (cases[i].text, &today);
      g_assert_cmpstr (date, ==, cases[i].date);
    }
}

static void
test_channel_wechat (void)
{
  /* As an event's channel, 微信 is personal WeChat; as a KOL's platform
   * it stays the Official Account, as before. */
  g_assert_cmpstr (kdx_channel_normalize ("微信"), ==, "wechat");
  g_assert_cmpstr (kdx_channel_normalize ("WeChat"), ==, "wechat");
  g_assert_cmpstr (kdx_channel_normalize ("公众号"), ==, "wechat_oa");
  g_assert_cmpstr (kdx_platform_normalize ("微信"), ==, "wechat_oa");
  g_assert_cmpstr (kdx_channel_get_label ("wechat"), ==, "WeChat");
  g_assert_true (g_strv_contains (kdx_channel_known_values (), "wechat"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, KdxTestFolder, NULL, kdx_test_folder_set_up, func, kdx_test_folder_tear_down)
  ADD ("/contact-log/outreach-on-two", test_outreach_on_two);
  ADD ("/contact-log/unknown-id-changes-nothing", test_unknown_id_changes_nothing);
  ADD ("/contact-log/payment-amount-and-clear", test_payment_amount_and_clear);
  ADD ("/contact-log/keep-follow-up", test_keep_follow_up);
  ADD ("/contact-log/wrong-values", test_wrong_values);
#undef ADD
  g_test_add_func ("/contact-log/next-dates", test_next_dates);
  g_test_add_func ("/contact-log/channel-wechat", test_channel_wechat);

  return g_test_run ();
}
