/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-due"

#include "config.h"

#include "kdx-due.h"
#include "kdx-event.h"
#include "kdx-important-date.h"
#include "kdx-stage-entry.h"
#include "kdx-test-util.h"

/* What is due (issue 10, items 2 and 3), on fixed days: the rules never
 * read the clock. Times are stored in UTC and the rules work on local
 * days; the tests run in Beijing time (set in main), so a contact at
 * 04:00 UTC is noon of the same day. */

/* A KOL in @stage since @since (a datetime), as an operator left it. */
static KdxKol *
make_kol (const char *name,
          KdxStage    stage,
          KdxTier     tier,
          const char *since)
{
  KdxKol *kol = kdx_kol_new ();
  g_autoptr(KdxStageEntry) entry = kdx_stage_entry_new ();

  g_object_set (kol, "display-name", name, "stage", stage, "tier", tier, NULL);
  g_object_set (entry, "stage", stage, "at", since, NULL);
  g_list_store_append (kdx_kol_get_stage_history (kol), entry);
  return kol;
}

static void
add_event (KdxKol       *kol,
           KdxEventKind  kind,
           const char   *at)
{
  g_autoptr(KdxEvent) event = kdx_event_new ();

  g_object_set (event, "kind", kind, "at", at, NULL);
  g_list_store_append (kdx_kol_get_events (kol), event);
}

static void
add_date (KdxKol      *kol,
          const char  *label,
          const char  *date,
          gboolean     yearly,
          KdxCalendar  calendar)
{
  g_autoptr(KdxImportantDate) item = g_object_new (KDX_TYPE_IMPORTANT_DATE, NULL);

  g_object_set (item, "label", label, "date", date, "yearly", yearly, "calendar", calendar, NULL);
  g_list_store_append (kdx_kol_get_important_dates (kol), item);
}

/* A mature head KOL last called at @call (NULL: never). */
static gint64
add_contacted (KdxTestFolder *fixture,
               const char    *name,
               KdxTier        tier,
               const char    *call)
{
  g_autoptr(KdxKol) kol = make_kol (name, KDX_STAGE_MATURE, tier, "2024-01-01T04:00:00Z");

  if (call != NULL)
    add_event (kol, KDX_EVENT_KIND_CALL, call);
  return kdx_test_store_kol (fixture->store, kol);
}

/* What is due on @day (YYYY-MM-DD). */
static GPtrArray *
due_on (KdxTestFolder        *fixture,
        const char           *day,
        const KdxDueSettings *settings,
        const char           *owner)
{
  g_autoptr(KdxDueSettings) defaults = kdx_due_settings_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *items;
  GDate today;

  /* Without settings: the defaults, but no festival (Lantern and the others
   * would join the tests of other rules); test_festivals() has its own. */
  for (guint f = 0; f < KDX_N_FESTIVALS; f++)
    defaults->festivals[f] = FALSE;

  g_date_clear (&today, 1);
  g_date_set_parse (&today, day);
  g_assert_true (g_date_valid (&today));
  items = kdx_due_list (fixture->store, settings != NULL ? settings : defaults, &today, owner, &error);
  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

/* The item of @id (0: a festival) with @reason, or NULL. */
static KdxDueItem *
find (GPtrArray    *items,
      gint64        id,
      KdxDueReason  reason)
{
  for (guint i = 0; i < items->len; i++)
    {
      KdxDueItem *item = g_ptr_array_index (items, i);

      if (kdx_due_item_get_id (item) == id && kdx_due_item_get_reason (item) == reason)
        return item;
    }
  return NULL;
}

static void
assert_item (KdxDueItem *item,
             const char *date,
             int         days)
{
  g_assert_nonnull (item);
  g_assert_cmpstr (kdx_due_item_get_date (item), ==, date);
  g_assert_cmpint (kdx_due_item_get_days (item), ==, days);
}

static guint
count_kol (GPtrArray *items,
           gint64     id)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    n += kdx_due_item_get_id (g_ptr_array_index (items, i)) == id;
  return n;
}

static void
test_reason_ids (void)
{
  static const char *const ids[] = {
    "overdue_follow_up", "follow_up_today", "losing_touch", "growing_quiet",
    "reapproach", "important_date", "festival",
  };

  g_assert_cmpuint (G_N_ELEMENTS (ids), ==, KDX_N_DUE_REASONS);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      KdxDueReason reason;

      g_assert_cmpstr (kdx_due_reason_to_string (i), ==, ids[i]);
      g_assert_true (kdx_due_reason_from_string (ids[i], &reason));
      g_assert_cmpint (reason, ==, i);
      g_assert_nonnull (kdx_due_reason_get_label (i));
    }
  g_assert_false (kdx_due_reason_from_string ("later", &(KdxDueReason) { 0 }));
}

/* Head 14, waist 30, tail 60 days, unrated none; a KOL's own interval
 * wins; due on the day the interval has passed, longest first. */
static void
test_cadence_per_tier (KdxTestFolder *fixture,
                       gconstpointer  data)
{
  gint64 head_due = add_contacted (fixture, "头部到期", KDX_TIER_HEAD, "2026-02-15T04:00:00Z");
  gint64 head_fresh = add_contacted (fixture, "头部未到", KDX_TIER_HEAD, "2026-02-16T04:00:00Z");
  gint64 waist_due = add_contacted (fixture, "腰部到期", KDX_TIER_WAIST, "2026-01-30T04:00:00Z");
  gint64 waist_fresh = add_contacted (fixture, "腰部未到", KDX_TIER_WAIST, "2026-01-31T04:00:00Z");
  gint64 tail_due = add_contacted (fixture, "尾部到期", KDX_TIER_TAIL, "2025-12-31T04:00:00Z");
  gint64 tail_fresh = add_contacted (fixture, "尾部未到", KDX_TIER_TAIL, "2026-01-01T04:00:00Z");
  gint64 unrated = add_contacted (fixture, "未评级", KDX_TIER_UNRATED, "2024-01-01T04:00:00Z");
  gint64 own_due, own_fresh;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) no_head = NULL;
  g_autoptr(KdxDueSettings) settings = kdx_due_settings_new ();

  {
    g_autoptr(KdxKol) often = make_kol ("每周联系", KDX_STAGE_MATURE, KDX_TIER_UNRATED, "2024-01-01T04:00:00Z");
    g_autoptr(KdxKol) seldom = make_kol ("两月一次", KDX_STAGE_MATURE, KDX_TIER_HEAD, "2024-01-01T04:00:00Z");

    g_object_set (often, "contact-every-days", (gint64) 7, NULL);
    add_event (often, KDX_EVENT_KIND_MESSAGE, "2026-02-20T04:00:00Z");
    g_object_set (seldom, "contact-every-days", (gint64) 60, NULL);
    add_event (seldom, KDX_EVENT_KIND_MEETING, "2026-01-15T04:00:00Z");
    own_due = kdx_test_store_kol (fixture->store, often);
    own_fresh = kdx_test_store_kol (fixture->store, seldom);
  }

  items = due_on (fixture, "2026-03-01", NULL, NULL);
  assert_item (find (items, head_due, KDX_DUE_LOSING_TOUCH), "2026-02-15", 14);
  assert_item (find (items, waist_due, KDX_DUE_LOSING_TOUCH), "2026-01-30", 30);
  assert_item (find (items, tail_due, KDX_DUE_LOSING_TOUCH), "2025-12-31", 60);
  assert_item (find (items, own_due, KDX_DUE_LOSING_TOUCH), "2026-02-20", 9);
  g_assert_cmpuint (count_kol (items, head_fresh), ==, 0);
  g_assert_cmpuint (count_kol (items, waist_fresh), ==, 0);
  g_assert_cmpuint (count_kol (items, tail_fresh), ==, 0);
  g_assert_cmpuint (count_kol (items, unrated), ==, 0);
  g_assert_cmpuint (count_kol (items, own_fresh), ==, 0);

  /* Longest since contact first. */
  g_assert_cmpuint (items->len, ==, 4);
  g_assert_cmpint (kdx_due_item_get_id (g_ptr_array_index (items, 0)), ==, tail_due);
  g_assert_cmpint (kdx_due_item_get_id (g_ptr_array_index (items, 1)), ==, waist_due);
  g_assert_cmpint (kdx_due_item_get_id (g_ptr_array_index (items, 2)), ==, head_due);
  g_assert_cmpint (kdx_due_item_get_id (g_ptr_array_index (items, 3)), ==, own_due);
  g_assert_cmpint (kdx_due_item_get_stage (g_ptr_array_index (items, 0)), ==, KDX_STAGE_MATURE);
  g_assert_cmpint (kdx_due_item_get_tier (g_ptr_array_index (items, 0)), ==, KDX_TIER_TAIL);
  g_assert_null (kdx_due_item_get_label (g_ptr_array_index (items, 0)));

  /* 0 = no cadence for that tier. */
  settings->interval_days[KDX_TIER_HEAD] = 0;
  no_head = due_on (fixture, "2026-03-01", settings, NULL);
  g_assert_null (find (no_head, head_due, KDX_DUE_LOSING_TOUCH));
  g_assert_nonnull (find (no_head, waist_due, KDX_DUE_LOSING_TOUCH));
}

/* A follow-up today or past is due, the most overdue first; a KOL shows
 * once, under its first reason. */
static void
test_follow_ups (KdxTestFolder *fixture,
                 gconstpointer  data)
{
  g_autoptr(KdxKol) today = make_kol ("今天", KDX_STAGE_CONTACTING, KDX_TIER_TAIL, "2026-02-28T04:00:00Z");
  g_autoptr(KdxKol) late = make_kol ("晚了三天", KDX_STAGE_NEGOTIATING, KDX_TIER_WAIST, "2026-02-28T04:00:00Z");
  g_autoptr(KdxKol) later = make_kol ("晚了十天", KDX_STAGE_CANDIDATE, KDX_TIER_UNRATED, "2026-02-28T04:00:00Z");
  g_autoptr(KdxKol) coming = make_kol ("明天", KDX_STAGE_MATURE, KDX_TIER_HEAD, "2026-02-28T04:00:00Z");
  g_autoptr(KdxKol) both = make_kol ("两个理由", KDX_STAGE_MATURE, KDX_TIER_HEAD, "2024-02-28T04:00:00Z");
  g_autoptr(GPtrArray) items = NULL;

  g_object_set (today, "next-follow-up", "2026-03-01", NULL);
  g_object_set (late, "next-follow-up", "2026-02-26", NULL);
  g_object_set (later, "next-follow-up", "2026-02-19", NULL);
  g_object_set (coming, "next-follow-up", "2026-03-02", NULL);
  g_object_set (both, "next-follow-up", "2026-02-27", NULL); /* and never contacted in two years */
  kdx_test_store_kol (fixture->store, today);
  kdx_test_store_kol (fixture->store, late);
  kdx_test_store_kol (fixture->store, later);
  kdx_test_store_kol (fixture->store, coming);
  kdx_test_store_kol (fixture->store, both);

  items = due_on (fixture, "2026-03-01", NULL, NULL);
  g_assert_cmpuint (items->len, ==, 4);
  /* Sections in order, the most overdue first. */
  g_assert_true (g_ptr_array_index (items, 0) == find (items, kdx_kol_get_id (later), KDX_DUE_OVERDUE_FOLLOW_UP));
  g_assert_true (g_ptr_array_index (items, 1) == find (items, kdx_kol_get_id (late), KDX_DUE_OVERDUE_FOLLOW_UP));
  g_assert_true (g_ptr_array_index (items, 2) == find (items, kdx_kol_get_id (both), KDX_DUE_OVERDUE_FOLLOW_UP));
  g_assert_true (g_ptr_array_index (items, 3) == find (items, kdx_kol_get_id (today), KDX_DUE_FOLLOW_UP_TODAY));
  assert_item (g_ptr_array_index (items, 0), "2026-02-19", 10);
  assert_item (g_ptr_array_index (items, 1), "2026-02-26", 3);
  assert_item (g_ptr_array_index (items, 3), "2026-03-01", 0);
  g_assert_cmpuint (count_kol (items, kdx_kol_get_id (both)), ==, 1);
  g_assert_cmpuint (count_kol (items, kdx_kol_get_id (coming)), ==, 0);
  g_assert_cmpstr (kdx_due_item_get_reason_id (g_ptr_array_index (items, 3)), ==, "follow_up_today");
}

/* Departed and Declined KOLs are never due, except on and after their
 * re-approach date. */
static void
test_departed_reapproach (KdxTestFolder *fixture,
                          gconstpointer  data)
{
  g_autoptr(KdxKol) gone = make_kol ("走了", KDX_STAGE_DEPARTED, KDX_TIER_HEAD, "2025-01-01T04:00:00Z");
  g_autoptr(KdxKol) back = make_kol ("再试", KDX_STAGE_DECLINED, KDX_TIER_HEAD, "2025-01-01T04:00:00Z");
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) on = NULL;
  g_autoptr(GPtrArray) after = NULL;

  /* An overdue follow-up and no contact for a year do not make them due. */
  g_object_set (gone, "next-follow-up", "2025-06-01", NULL);
  add_event (gone, KDX_EVENT_KIND_CALL, "2025-01-01T04:00:00Z");
  g_object_set (back, "next-follow-up", "2025-06-01", "reapproach-on", "2026-03-10", NULL);
  kdx_test_store_kol (fixture->store, gone);
  kdx_test_store_kol (fixture->store, back);

  before = due_on (fixture, "2026-03-09", NULL, NULL);
  g_assert_cmpuint (before->len, ==, 0);
  on = due_on (fixture, "2026-03-10", NULL, NULL);
  g_assert_cmpuint (on->len, ==, 1);
  assert_item (find (on, kdx_kol_get_id (back), KDX_DUE_REAPPROACH), "2026-03-10", 0);
  after = due_on (fixture, "2026-03-15", NULL, NULL);
  g_assert_cmpuint (after->len, ==, 1);
  assert_item (find (after, kdx_kol_get_id (back), KDX_DUE_REAPPROACH), "2026-03-10", 5);
}

/* Growing KOLs quiet for 30 days; never contacted counts from the stage
 * entry; candidates have no cadence. */
static void
test_growing_quiet (KdxTestFolder *fixture,
                    gconstpointer  data)
{
  g_autoptr(KdxKol) quiet = make_kol ("安静", KDX_STAGE_GROWING, KDX_TIER_UNRATED, "2025-06-01T04:00:00Z");
  g_autoptr(KdxKol) busy = make_kol ("常联系", KDX_STAGE_GROWING, KDX_TIER_UNRATED, "2025-06-01T04:00:00Z");
  g_autoptr(KdxKol) never = make_kol ("从未联系", KDX_STAGE_GROWING, KDX_TIER_UNRATED, "2026-01-20T04:00:00Z");
  g_autoptr(KdxKol) candidate = make_kol ("候选", KDX_STAGE_CANDIDATE, KDX_TIER_HEAD, "2024-01-01T04:00:00Z");
  g_autoptr(KdxKol) mature = make_kol ("成熟", KDX_STAGE_MATURE, KDX_TIER_UNRATED, "2024-01-01T04:00:00Z");
  g_autoptr(GPtrArray) items = NULL;

  add_event (quiet, KDX_EVENT_KIND_CALL, "2026-01-30T04:00:00Z");  /* 30 days */
  add_event (busy, KDX_EVENT_KIND_CALL, "2026-01-31T04:00:00Z");   /* 29 days */
  add_event (mature, KDX_EVENT_KIND_CALL, "2025-01-01T04:00:00Z"); /* unrated: no cadence */
  kdx_test_store_kol (fixture->store, quiet);
  kdx_test_store_kol (fixture->store, busy);
  kdx_test_store_kol (fixture->store, never);
  kdx_test_store_kol (fixture->store, candidate);
  kdx_test_store_kol (fixture->store, mature);

  items = due_on (fixture, "2026-03-01", NULL, NULL);
  g_assert_cmpuint (items->len, ==, 2);
  assert_item (g_ptr_array_index (items, 0), "2026-01-20", 40);
  g_assert_cmpint (kdx_due_item_get_id (g_ptr_array_index (items, 0)), ==, kdx_kol_get_id (never));
  assert_item (find (items, kdx_kol_get_id (quiet), KDX_DUE_GROWING_QUIET), "2026-01-30", 30);
}

/* Every event but a note is contact: a note does not reset the cadence,
 * a payment does; the list's cell and sort follow the same rule. */
static void
test_note_is_not_contact (KdxTestFolder *fixture,
                          gconstpointer  data)
{
  g_autoptr(KdxKol) noted = make_kol ("只写了笔记", KDX_STAGE_MATURE, KDX_TIER_HEAD, "2024-01-01T04:00:00Z");
  g_autoptr(KdxKol) paid = make_kol ("付了款", KDX_STAGE_MATURE, KDX_TIER_HEAD, "2024-01-01T04:00:00Z");
  g_autoptr(KdxKol) silent = make_kol ("没有记录", KDX_STAGE_CANDIDATE, KDX_TIER_HEAD, "2024-01-01T04:00:00Z");
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *noted_last = NULL;
  g_autofree char *paid_last = NULL;

  add_event (noted, KDX_EVENT_KIND_CALL, "2026-02-01T04:00:00Z");
  add_event (noted, KDX_EVENT_KIND_NOTE, "2026-02-28T04:00:00Z");
  add_event (paid, KDX_EVENT_KIND_CALL, "2026-01-01T04:00:00Z");
  add_event (paid, KDX_EVENT_KIND_PAYMENT, "2026-02-27T04:00:00Z");
  kdx_test_store_kol (fixture->store, silent);
  kdx_test_store_kol (fixture->store, noted);
  kdx_test_store_kol (fixture->store, paid);

  noted_last = kdx_kol_get_last_contact (noted);
  paid_last = kdx_kol_get_last_contact (paid);
  g_assert_cmpstr (noted_last, ==, "2026-02-01T04:00:00Z");
  g_assert_cmpstr (paid_last, ==, "2026-02-27T04:00:00Z");

  items = due_on (fixture, "2026-03-01", NULL, NULL);
  g_assert_cmpuint (items->len, ==, 1);
  assert_item (find (items, kdx_kol_get_id (noted), KDX_DUE_LOSING_TOUCH), "2026-02-01", 28);

  /* Newest contact first, by the same rule; none last either way. */
  kdx_kol_query_set_sort (query, "last_contact", TRUE);
  ids = kdx_store_query_ids (fixture->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, kdx_kol_get_id (paid));
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, kdx_kol_get_id (noted));
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, kdx_kol_get_id (silent));
  g_clear_pointer (&ids, g_array_unref);
  kdx_kol_query_set_sort (query, "last_contact", FALSE);
  ids = kdx_store_query_ids (fixture->store, query, &error);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, kdx_kol_get_id (noted));
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, kdx_kol_get_id (paid));
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, kdx_kol_get_id (silent));
}

/* Next Follow-up sorts by date, empty last in both directions. */
static void
test_sort_next_follow_up (KdxTestFolder *fixture,
                          gconstpointer  data)
{
  g_autoptr(KdxKol) none = make_kol ("无", KDX_STAGE_MATURE, KDX_TIER_HEAD, "2024-01-01T04:00:00Z");
  g_autoptr(KdxKol) march = make_kol ("三月", KDX_STAGE_MATURE, KDX_TIER_HEAD, "2024-01-01T04:00:00Z");
  g_autoptr(KdxKol) january = make_kol ("一月", KDX_STAGE_MATURE, KDX_TIER_HEAD, "2024-01-01T04:00:00Z");
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  g_autoptr(GArray) up = NULL;
  g_autoptr(GArray) down = NULL;

  g_object_set (march, "next-follow-up", "2026-03-02", NULL);
  g_object_set (january, "next-follow-up", "2026-01-15", NULL);
  kdx_test_store_kol (fixture->store, none);
  kdx_test_store_kol (fixture->store, march);
  kdx_test_store_kol (fixture->store, january);

  g_assert_true (kdx_store_is_sort_field ("next_follow_up"));
  g_assert_true (kdx_store_is_sort_field ("last_contact"));
  kdx_kol_query_set_sort (query, "next_follow_up", FALSE);
  up = kdx_store_query_ids (fixture->store, query, NULL);
  g_assert_cmpint (g_array_index (up, gint64, 0), ==, kdx_kol_get_id (january));
  g_assert_cmpint (g_array_index (up, gint64, 1), ==, kdx_kol_get_id (march));
  g_assert_cmpint (g_array_index (up, gint64, 2), ==, kdx_kol_get_id (none));
  kdx_kol_query_set_sort (query, "next_follow_up", TRUE);
  down = kdx_store_query_ids (fixture->store, query, NULL);
  g_assert_cmpint (g_array_index (down, gint64, 0), ==, kdx_kol_get_id (march));
  g_assert_cmpint (g_array_index (down, gint64, 1), ==, kdx_kol_get_id (january));
  g_assert_cmpint (g_array_index (down, gint64, 2), ==, kdx_kol_get_id (none));
}

/* Yearly dates on 29 February come on 28 February in a common year and on
 * the 29th in a leap year; the birthday field and the window's edge. */
static void
test_important_dates_leap (KdxTestFolder *fixture,
                           gconstpointer  data)
{
  g_autoptr(KdxKol) leap = make_kol ("闰日", KDX_STAGE_MATURE, KDX_TIER_UNRATED, "2024-01-01T04:00:00Z");
  g_autoptr(KdxKol) born = make_kol ("生日", KDX_STAGE_CANDIDATE, KDX_TIER_UNRATED, "2024-01-01T04:00:00Z");
  g_autoptr(KdxKol) twice = make_kol ("两次记录", KDX_STAGE_MATURE, KDX_TIER_UNRATED, "2024-01-01T04:00:00Z");
  g_autoptr(KdxKol) gone = make_kol ("已离开", KDX_STAGE_DEPARTED, KDX_TIER_UNRATED, "2024-01-01T04:00:00Z");
  g_autoptr(GPtrArray) common = NULL;
  g_autoptr(GPtrArray) leap_year = NULL;
  g_autoptr(GPtrArray) edge = NULL;
  KdxDueItem *item;

  add_date (leap, "入行纪念日", "2000-02-29", TRUE, KDX_CALENDAR_GREGORIAN);
  add_date (leap, "一次性活动", "2027-03-01", FALSE, KDX_CALENDAR_GREGORIAN);
  g_object_set (born, "birthday", "1995-03-06", NULL);
  /* The birthday also kept among the important dates shows once. */
  g_object_set (twice, "birthday", "1990-03-03", NULL);
  add_date (twice, "生日", "1990-03-03", TRUE, KDX_CALENDAR_GREGORIAN);
  g_object_set (gone, "birthday", "1990-02-25", NULL);
  kdx_test_store_kol (fixture->store, leap);
  kdx_test_store_kol (fixture->store, born);
  kdx_test_store_kol (fixture->store, twice);
  kdx_test_store_kol (fixture->store, gone);

  common = due_on (fixture, "2027-02-20", NULL, NULL);
  assert_item (find (common, kdx_kol_get_id (leap), KDX_DUE_IMPORTANT_DATE), "2027-02-28", 8);
  g_assert_cmpuint (count_kol (common, kdx_kol_get_id (twice)), ==, 1);
  item = find (common, kdx_kol_get_id (twice), KDX_DUE_IMPORTANT_DATE);
  assert_item (item, "2027-03-03", 11);
  g_assert_cmpstr (kdx_due_item_get_label (item), ==, "生日");
  item = find (common, kdx_kol_get_id (born), KDX_DUE_IMPORTANT_DATE);
  assert_item (item, "2027-03-06", 14);
  g_assert_cmpstr (kdx_due_item_get_label (item), ==, "Birthday");
  g_assert_cmpuint (count_kol (common, kdx_kol_get_id (gone)), ==, 0);
  /* Soonest first, the one-off date among them. */
  g_assert_cmpuint (common->len, ==, 4);
  g_assert_cmpstr (kdx_due_item_get_date (g_ptr_array_index (common, 0)), ==, "2027-02-28");
  g_assert_cmpstr (kdx_due_item_get_date (g_ptr_array_index (common, 1)), ==, "2027-03-01");
  g_assert_cmpstr (kdx_due_item_get_label (g_ptr_array_index (common, 1)), ==, "一次性活动");
  g_assert_cmpstr (kdx_due_item_get_date (g_ptr_array_index (common, 3)), ==, "2027-03-06");

  leap_year = due_on (fixture, "2028-02-20", NULL, NULL);
  assert_item (find (leap_year, kdx_kol_get_id (leap), KDX_DUE_IMPORTANT_DATE), "2028-02-29", 9);
  g_assert_cmpuint (count_kol (leap_year, kdx_kol_get_id (leap)), ==, 1); /* the one-off has passed */

  /* 15 days ahead is outside the default window of 14. */
  edge = due_on (fixture, "2027-02-19", NULL, NULL);
  g_assert_null (find (edge, kdx_kol_get_id (born), KDX_DUE_IMPORTANT_DATE));
  assert_item (find (edge, kdx_kol_get_id (leap), KDX_DUE_IMPORTANT_DATE), "2027-02-28", 9);
}

/* A lunar birthday recurs on its lunar month and day: 八月十五 (the day of
 * 2025-10-06) falls on 2026-09-25. */
static void
test_lunar_birthday (KdxTestFolder *fixture,
                     gconstpointer  data)
{
  g_autoptr(KdxKol) kol = make_kol ("农历生日", KDX_STAGE_GROWING, KDX_TIER_HEAD, "2026-09-01T04:00:00Z");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) spring = NULL;
  KdxDueItem *item;

  add_event (kol, KDX_EVENT_KIND_CALL, "2026-09-10T04:00:00Z");
  add_date (kol, "农历生日", "2025-10-06", TRUE, KDX_CALENDAR_CHINESE);
  add_date (kol, "正月初一入行", "2025-01-29", TRUE, KDX_CALENDAR_CHINESE);
  kdx_test_store_kol (fixture->store, kol);

  items = due_on (fixture, "2026-09-20", NULL, NULL);
  item = find (items, kdx_kol_get_id (kol), KDX_DUE_IMPORTANT_DATE);
  assert_item (item, "2026-09-25", 5);
  g_assert_cmpstr (kdx_due_item_get_label (item), ==, "农历生日");
  g_assert_cmpuint (count_kol (items, kdx_kol_get_id (kol)), ==, 1);

  spring = due_on (fixture, "2027-02-01", NULL, NULL);
  assert_item (find (spring, kdx_kol_get_id (kol), KDX_DUE_IMPORTANT_DATE), "2027-02-06", 5);
}

/* The cooperation anniversary: a year and more after the first move to
 * Onboarding. */
static void
test_cooperation_anniversary (KdxTestFolder *fixture,
                              gconstpointer  data)
{
  g_autoptr(KdxKol) kol = make_kol ("老朋友", KDX_STAGE_CONTACTING, KDX_TIER_UNRATED, "2023-12-01T04:00:00Z");
  g_autoptr(KdxKol) fresh = make_kol ("新朋友", KDX_STAGE_ONBOARDING, KDX_TIER_UNRATED, "2026-03-05T04:00:00Z");
  g_autoptr(GPtrArray) items = NULL;
  KdxDueItem *item;
  const struct { KdxStage stage; const char *at; } moves[] = {
    { KDX_STAGE_ONBOARDING, "2024-03-04T20:00:00Z" }, /* 2024-03-05 in Beijing */
    { KDX_STAGE_GROWING, "2024-06-01T04:00:00Z" },
    { KDX_STAGE_ONBOARDING, "2025-03-01T04:00:00Z" }, /* not the first */
    { KDX_STAGE_MATURE, "2025-06-01T04:00:00Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      g_autoptr(KdxStageEntry) entry = kdx_stage_entry_new ();

      g_object_set (entry, "stage", moves[i].stage, "at", moves[i].at, NULL);
      g_list_store_append (kdx_kol_get_stage_history (kol), entry);
    }
  g_object_set (kol, "stage", KDX_STAGE_MATURE, NULL);
  add_event (kol, KDX_EVENT_KIND_CALL, "2026-02-28T04:00:00Z");
  kdx_test_store_kol (fixture->store, kol);
  kdx_test_store_kol (fixture->store, fresh);

  items = due_on (fixture, "2026-03-01", NULL, NULL);
  item = find (items, kdx_kol_get_id (kol), KDX_DUE_IMPORTANT_DATE);
  assert_item (item, "2026-03-05", 4);
  g_assert_cmpstr (kdx_due_item_get_label (item), ==, "Cooperation anniversary");
  g_assert_cmpuint (count_kol (items, kdx_kol_get_id (fresh)), ==, 0);
  g_assert_cmpuint (items->len, ==, 1);
}

/* Festivals come a week ahead, one item with the KOLs to greet: active
 * stages, greeted tiers, the owner's when asked. */
static void
test_festivals (KdxTestFolder *fixture,
                gconstpointer  data)
{
  g_autoptr(KdxKol) head = make_kol ("头部", KDX_STAGE_GROWING, KDX_TIER_HEAD, "2026-09-01T04:00:00Z");
  g_autoptr(KdxKol) tail = make_kol ("尾部", KDX_STAGE_DECLINING, KDX_TIER_TAIL, "2026-09-01T04:00:00Z");
  g_autoptr(KdxKol) unrated = make_kol ("未评级", KDX_STAGE_MATURE, KDX_TIER_UNRATED, "2026-09-01T04:00:00Z");
  g_autoptr(KdxKol) candidate = make_kol ("候选", KDX_STAGE_CANDIDATE, KDX_TIER_HEAD, "2026-09-01T04:00:00Z");
  g_autoptr(KdxKol) gone = make_kol ("离开", KDX_STAGE_DEPARTED, KDX_TIER_HEAD, "2026-09-01T04:00:00Z");
  g_autoptr(KdxDueSettings) settings = kdx_due_settings_new ();
  g_autoptr(KdxDueSettings) no_tier = kdx_due_settings_new ();
  g_autoptr(GPtrArray) early = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) week = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) off = NULL;
  KdxDueItem *item;
  GArray *ids;

  g_object_set (head, "owner", "阿杰", NULL);
  g_object_set (tail, "owner", "Lily", NULL);
  for (KdxKol **k = (KdxKol *[]) { head, tail, unrated, candidate, gone, NULL }; *k != NULL; k++)
    {
      add_event (*k, KDX_EVENT_KIND_CALL, "2026-09-10T04:00:00Z");
      kdx_test_store_kol (fixture->store, *k);
    }

  /* Mid-Autumn is on 2026-09-25: not yet eight days ahead. */
  early = due_on (fixture, "2026-09-17", settings, NULL);
  g_assert_cmpuint (early->len, ==, 0);

  week = due_on (fixture, "2026-09-18", settings, NULL);
  g_assert_cmpuint (week->len, ==, 1);
  item = g_ptr_array_index (week, 0);
  g_assert_cmpint (kdx_due_item_get_id (item), ==, 0);
  g_assert_cmpstr (kdx_due_item_get_reason_id (item), ==, "festival");
  g_assert_cmpstr (kdx_due_item_get_festival (item), ==, "mid_autumn");
  g_assert_cmpstr (kdx_due_item_get_label (item), ==, "Mid-Autumn Festival");
  assert_item (item, "2026-09-25", 7);
  ids = kdx_due_item_get_kol_ids (item);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, kdx_kol_get_id (head));
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, kdx_kol_get_id (tail));

  mine = due_on (fixture, "2026-09-18", settings, "Lily");
  ids = kdx_due_item_get_kol_ids (g_ptr_array_index (mine, 0));
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, kdx_kol_get_id (tail));

  /* A festival switched off, or no tier greeted, shows nothing. */
  for (guint t = 0; t < KDX_N_TIERS; t++)
    no_tier->festival_tiers[t] = FALSE;
  none = due_on (fixture, "2026-09-18", no_tier, NULL);
  g_assert_cmpuint (none->len, ==, 0);
  settings->festivals[KDX_FESTIVAL_MID_AUTUMN] = FALSE;
  off = due_on (fixture, "2026-09-18", settings, NULL);
  g_assert_cmpuint (off->len, ==, 0);
}

/* Only the owner's KOLs, when asked. */
static void
test_owner_filter (KdxTestFolder *fixture,
                   gconstpointer  data)
{
  g_autoptr(KdxKol) mine = make_kol ("我的", KDX_STAGE_CONTACTING, KDX_TIER_TAIL, "2026-02-01T04:00:00Z");
  g_autoptr(KdxKol) theirs = make_kol ("别人的", KDX_STAGE_CONTACTING, KDX_TIER_TAIL, "2026-02-01T04:00:00Z");
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) jie = NULL;

  g_object_set (mine, "owner", "阿杰", "next-follow-up", "2026-02-20", "birthday", "1990-03-05", NULL);
  g_object_set (theirs, "owner", "Lily", "next-follow-up", "2026-02-21", "birthday", "1990-03-05", NULL);
  kdx_test_store_kol (fixture->store, mine);
  kdx_test_store_kol (fixture->store, theirs);

  all = due_on (fixture, "2026-03-01", NULL, NULL);
  g_assert_cmpuint (all->len, ==, 4);
  jie = due_on (fixture, "2026-03-01", NULL, "阿杰");
  g_assert_cmpuint (jie->len, ==, 2);
  for (guint i = 0; i < jie->len; i++)
    {
      g_assert_cmpint (kdx_due_item_get_id (g_ptr_array_index (jie, i)), ==, kdx_kol_get_id (mine));
      g_assert_cmpstr (kdx_due_item_get_owner (g_ptr_array_index (jie, i)), ==, "阿杰");
    }
}

static void
test_settings (void)
{
  g_autoptr(KdxDueSettings) settings = kdx_due_settings_new ();
  g_autoptr(KdxDueSettings) copy = NULL;

  g_assert_cmpuint (settings->interval_days[KDX_TIER_HEAD], ==, 14);
  g_assert_cmpuint (settings->interval_days[KDX_TIER_WAIST], ==, 30);
  g_assert_cmpuint (settings->interval_days[KDX_TIER_TAIL], ==, 60);
  g_assert_cmpuint (settings->interval_days[KDX_TIER_UNRATED], ==, 0);
  g_assert_cmpuint (settings->growing_quiet_days, ==, 30);
  g_assert_cmpuint (settings->days_ahead, ==, 14);
  g_assert_cmpuint (settings->festival_lead_days, ==, 7);
  g_assert_cmpuint (kdx_due_settings_get_interval (settings, KDX_TIER_TAIL, 0), ==, 60);
  g_assert_cmpuint (kdx_due_settings_get_interval (settings, KDX_TIER_TAIL, 5), ==, 5);
  settings->interval_days[KDX_TIER_HEAD] = 3;
  copy = g_boxed_copy (KDX_TYPE_DUE_SETTINGS, settings);
  g_assert_cmpuint (copy->interval_days[KDX_TIER_HEAD], ==, 3);
}

int
main (int    argc,
      char **argv)
{
  /* Beijing time, whatever the machine's: local days are what count. */
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, KdxTestFolder, NULL, kdx_test_folder_set_up, func, kdx_test_folder_tear_down)

  g_test_add_func ("/due/reason-ids", test_reason_ids);
  g_test_add_func ("/due/settings", test_settings);
  ADD ("/due/cadence-per-tier", test_cadence_per_tier);
  ADD ("/due/follow-ups", test_follow_ups);
  ADD ("/due/departed-reapproach", test_departed_reapproach);
  ADD ("/due/growing-quiet", test_growing_quiet);
  ADD ("/due/note-is-not-contact", test_note_is_not_contact);
  ADD ("/due/sort-next-follow-up", test_sort_next_follow_up);
  ADD ("/due/important-dates-leap", test_important_dates_leap);
  ADD ("/due/lunar-birthday", test_lunar_birthday);
  ADD ("/due/cooperation-anniversary", test_cooperation_anniversary);
  ADD ("/due/festivals", test_festivals);
  ADD ("/due/owner-filter", test_owner_filter);
#undef ADD

  return g_test_run ();
}
