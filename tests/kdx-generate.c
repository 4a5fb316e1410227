/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-generate"

#include "config.h"

#include <stdlib.h>

#include "kdx-channel.h"
#include "kdx-enums.h"
#include "kdx-event.h"
#include "kdx-stage-entry.h"
#include "kdx-store.h"

/* kdx-generate DATABASE COUNT [EVENTS]: fills a database with COUNT
 * plausible KOL files (names, platforms, followers, stages, tags, a
 * channel and an event each), for looking at the app and measuring it at
 * scale. The same COUNT gives the same files: the random generator is
 * seeded.
 *
 * With EVENTS, the files also get a lifecycle for Insights (issue 11): a
 * dated stage history along the main path (or out through Declined or
 * Departed, with a churn reason), source, plan, fee and currency, and
 * EVENTS timeline events in all (outreach with channels and outcomes,
 * payments with amounts, calls, messages), every one dated. Lifecycles
 * start over three years (2023-2025) and end by 2025-12-31, the day
 * build-aux/bench measures from, so this month, this year and all time
 * each hold their share of a real spread. All in the one batch
 * transaction, through the store's prepared statements.
 *
 * Without EVENTS the first event is dated too (spread over the same three
 * years by the KOL's number), not left for the store to stamp "now". */

static const char *const surnames[] = { "小", "阿", "大", "老", "Mia", "Leo", "Coco", "Tom" };
static const char *const names[] = {
  "美", "强", "雪", "杰", "琳", "峰", "萌", "Chen", "Wang", "月", "晨", "宇",
};
static const char *const topics[] = {
  "美妆", "健身", "数码", "美食", "旅行", "育儿", "读书", "游戏", "穿搭", "宠物",
};
static const char *const owners[] = { "阿杰", "Lily", "王姐", "小林", NULL };
static const char *const event_channels[] = { "wechat", "phone", "weibo", "xiaohongshu", "email",
                                              "group", NULL };
static const char *const churn_reasons[] = { "outgrew_platform", "poached", "lost_interest",
                                             "conflict", "inactive", NULL };

/* The days from 2023-01-01 to 2025-12-31, the last day anything happens. */
#define N_DAYS 1095

/* "2023-01-01T04:00:00Z" plus @day days and @minute minutes. */
static char *
day_time (int day,
          int minute)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (2023, 1, 1, 4, 0, 0);
  g_autoptr(GDateTime) at = g_date_time_add_minutes (start, day * 24 * 60 + minute);

  return g_date_time_format (at, "%Y-%m-%dT%H:%M:%SZ");
}

static void
add_move (KdxKol   *kol,
          KdxStage  stage,
          int       day)
{
  g_autoptr(KdxStageEntry) entry = kdx_stage_entry_new ();
  g_autofree char *at = day_time (day, 0);

  g_object_set (entry, "stage", stage, "at", at, NULL);
  g_list_store_append (kdx_kol_get_stage_history (kol), entry);
}

/* A lifecycle ending in @stage and @n_events events besides @first (the
 * first approach, dated here). Each move comes 1-59 days after the one
 * before; the whole lifecycle fits between 2023-01-01 and 2025-12-31, and
 * the events fall between its start and half a year past its last move
 * (or the end of 2025). */
static void
add_lifecycle (KdxKol   *kol,
               GRand    *rand,
               KdxStage  stage,
               KdxEvent *first,
               guint     n_events)
{
  KdxStage last_main = stage <= KDX_STAGE_MATURE ? stage
                       : stage == KDX_STAGE_DECLINED ? KDX_STAGE_CONTACTING
                                                     : KDX_STAGE_MATURE;
  KdxStage moves[KDX_N_STAGES + 2];
  int gaps[KDX_N_STAGES + 2];
  guint n_moves = 0;
  int length = 0, first_day, day, last_day;
  g_autofree char *created = NULL;
  g_autofree char *approached = NULL;

  for (KdxStage s = KDX_STAGE_CANDIDATE; s <= last_main; s++)
    moves[n_moves++] = s;
  if (stage == KDX_STAGE_DECLINING || stage == KDX_STAGE_DEPARTED)
    moves[n_moves++] = KDX_STAGE_DECLINING;
  if (stage == KDX_STAGE_DEPARTED || stage == KDX_STAGE_DECLINED)
    moves[n_moves++] = stage;
  for (guint m = 1; m < n_moves; m++)
    length += gaps[m] = g_rand_int_range (rand, 1, 60);

  first_day = g_rand_int_range (rand, 0, N_DAYS - length);
  created = day_time (first_day, 0);
  g_object_set (kol, "created-at", created, NULL);
  day = first_day;
  for (guint m = 0; m < n_moves; m++)
    {
      day += m > 0 ? gaps[m] : 0;
      add_move (kol, moves[m], day);
    }
  last_day = MIN (first_day + length + 180, N_DAYS - 1);
  if (stage == KDX_STAGE_DEPARTED)
    g_object_set (kol, "churn-reason",
                  churn_reasons[g_rand_int_range (rand, 0, G_N_ELEMENTS (churn_reasons) - 1)], NULL);

  g_object_set (kol,
                "source", g_rand_int_range (rand, 0, 3),
                "plan", g_rand_int_range (rand, 0, 5),
                "fee", g_rand_boolean (rand) ? "2000" : "500",
                "currency", g_rand_int_range (rand, 0, 10) == 0 ? "USD" : "CNY",
                NULL);

  /* The first approach: on the day the KOL became a candidate. */
  approached = day_time (first_day, g_rand_int_range (rand, 60, 12 * 60));
  g_object_set (first, "at", approached, "channel", "wechat",
                "outcome", g_rand_int_range (rand, 1, 5), NULL);

  for (guint e = 0; e < n_events; e++)
    {
      g_autoptr(KdxEvent) event = kdx_event_new ();
      g_autofree char *at = NULL;
      int kind = g_rand_int_range (rand, 0, 10);

      day = g_rand_int_range (rand, first_day, last_day + 1);
      at = day_time (day, g_rand_int_range (rand, 0, 20 * 60));
      if (kind < 5)
        g_object_set (event, "kind", KDX_EVENT_KIND_OUTREACH,
                      "channel", event_channels[g_rand_int_range (rand, 0, G_N_ELEMENTS (event_channels) - 1)],
                      "outcome", g_rand_int_range (rand, 1, 5), NULL);
      else if (kind < 7)
        g_object_set (event, "kind", KDX_EVENT_KIND_PAYMENT, "amount", "300", NULL);
      else
        g_object_set (event, "kind", kind == 7 ? KDX_EVENT_KIND_CALL : KDX_EVENT_KIND_MESSAGE,
                      "channel", "wechat", NULL);
      g_object_set (event, "at", at, NULL);
      g_list_store_append (kdx_kol_get_events (kol), event);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GRand) life = NULL;
  long n_events = 0;
  const char *const *platforms = kdx_platform_known_values ();
  guint n_platforms = g_strv_length ((char **) platforms);
  long count;

  if ((argc != 3 && argc != 4) || (count = strtol (argv[2], NULL, 10)) <= 0
      || (argc == 4 && (n_events = strtol (argv[3], NULL, 10)) < count))
    {
      g_printerr ("usage: kdx-generate DATABASE COUNT [EVENTS (at least COUNT)]\n");
      return 1;
    }

  store = kdx_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("kdx-generate: %s\n", error->message);
      return 1;
    }

  rand = g_rand_new_with_seed (count);
  /* A generator of its own, so the files without EVENTS stay as they were. */
  life = g_rand_new_with_seed (count + 1);
  if (!kdx_store_begin_batch (store, &error))
    {
      g_printerr ("kdx-generate: %s\n", error->message);
      return 1;
    }

  for (long i = 0; i < count; i++)
    {
      g_autoptr(KdxKol) kol = kdx_kol_new ();
      g_autoptr(KdxChannel) channel = kdx_channel_new ();
      g_autoptr(KdxEvent) event = kdx_event_new ();
      g_autofree char *name = NULL;
      g_autofree char *handle = NULL;
      g_autofree char *follow_up = NULL;
      const char *tags[3] = { NULL, NULL, NULL };
      const char *topic = topics[g_rand_int_range (rand, 0, G_N_ELEMENTS (topics))];
      gint64 followers = (gint64) (g_rand_double (rand) * g_rand_double (rand) * 5000000);

      name = g_strdup_printf ("%s%s%s %ld", surnames[g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames))],
                              names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))], topic, i + 1);
      handle = g_strdup_printf ("kol_%ld", i + 1);
      follow_up = g_strdup_printf ("2026-%02d-%02d", g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
      tags[0] = topic;
      tags[1] = topics[g_rand_int_range (rand, 0, G_N_ELEMENTS (topics))];

      g_object_set (kol,
                    "display-name", name,
                    "platform", platforms[g_rand_int_range (rand, 0, n_platforms)],
                    "handle", handle,
                    "followers", followers,
                    "category", topic,
                    "tags", tags,
                    "tier", followers > 1000000 ? KDX_TIER_HEAD : followers > 100000 ? KDX_TIER_WAIST : KDX_TIER_TAIL,
                    "stage", g_rand_int_range (rand, 0, KDX_N_STAGES),
                    "owner", owners[g_rand_int_range (rand, 0, G_N_ELEMENTS (owners))],
                    "next-follow-up", follow_up,
                    "notes", "由 kdx-generate 生成",
                    NULL);
      g_object_set (channel, "platform", "bilibili", "handle", handle, "followers", followers / 3, NULL);
      g_list_store_append (kdx_kol_get_channels (kol), channel);
      g_object_set (event, "kind", KDX_EVENT_KIND_OUTREACH, "summary", "第一次私信", NULL);
      g_list_store_append (kdx_kol_get_events (kol), event);
      /* EVENTS in all: the first event above, the rest spread evenly. */
      if (n_events > 0)
        add_lifecycle (kol, life, kdx_kol_get_stage (kol), event,
                       (guint) ((n_events * (i + 1)) / count - (n_events * i) / count) - 1);
      else
        {
          /* Dated without drawing from @rand, so the files stay as they were. */
          g_autofree char *at = day_time ((int) ((i * 7919) % N_DAYS), 9 * 60);
          g_object_set (event, "at", at, NULL);
        }

      if (!kdx_store_add_kol (store, kol, &error))
        {
          g_printerr ("kdx-generate: %s\n", error->message);
          kdx_store_rollback_batch (store);
          return 1;
        }
    }

  if (!kdx_store_commit_batch (store, &error))
    {
      g_printerr ("kdx-generate: %s\n", error->message);
      return 1;
    }
  return 0;
}
