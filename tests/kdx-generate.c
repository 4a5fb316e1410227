/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-generate"

#include "config.h"

#include <stdlib.h>

#include "kdx-channel.h"
#include "kdx-enums.h"
#include "kdx-event.h"
#include "kdx-store.h"

/* kdx-generate DATABASE COUNT: fills a database with COUNT plausible KOL
 * files (names, platforms, followers, stages, tags, a channel and an
 * event each), for looking at the app and measuring it at scale. The
 * same COUNT gives the same files: the random generator is seeded. */

static const char *const surnames[] = { "小", "阿", "大", "老", "Mia", "Leo", "Coco", "Tom" };
static const char *const names[] = {
  "美", "强", "雪", "杰", "琳", "峰", "萌", "Chen", "Wang", "月", "晨", "宇",
};
static const char *const topics[] = {
  "美妆", "健身", "数码", "美食", "旅行", "育儿", "读书", "游戏", "穿搭", "宠物",
};
static const char *const owners[] = { "阿杰", "Lily", "王姐", "小林", NULL };

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(GRand) rand = NULL;
  const char *const *platforms = kdx_platform_known_values ();
  guint n_platforms = g_strv_length ((char **) platforms);
  long count;

  if (argc != 3 || (count = strtol (argv[2], NULL, 10)) <= 0)
    {
      g_printerr ("usage: kdx-generate DATABASE COUNT\n");
      return 1;
    }

  store = kdx_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("kdx-generate: %s\n", error->message);
      return 1;
    }

  rand = g_rand_new_with_seed (count);
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
