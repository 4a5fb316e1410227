/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-pg-worker"

#include "config.h"

#include <string.h>

#include "kdx-kol-list.h"
#include "kdx-store.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* The worker connection of a search on a team database (issue 14, item
 * 8): the rest of a search typed comes from a worker on a connection of
 * its own, which is kept between searches (a new one cost a backend
 * forked and a login, about 27 ms a search) and made again when the
 * server comes back after going away. Seen from the server: which
 * backend ran the worker's statement (pg_stat_activity keeps each
 * backend's last statement), and how many backends the database has. */

#define FIRST_SCREEN 5
#define N_BEAUTY 40
#define N_PARENTING 20

typedef struct
{
  char     *uri;
  KdxStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = kdx_test_pg_open_new_store (&fixture->uri);

  /* More hits than a first screen, so that each search has a rest. */
  for (guint i = 0; i < N_BEAUTY + N_PARENTING; i++)
    {
      g_autofree char *name = g_strdup_printf (i < N_BEAUTY ? "美妆达人%u" : "育儿妈妈%u", i);

      g_object_unref (kdx_test_add_named (fixture->store, name));
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  g_free (fixture->uri);
}

static gboolean
list_complete (gpointer list)
{
  return kdx_kol_list_is_complete (list);
}

/* A search typed into @list: its first screen at once, the rest from the
 * worker; waits for the rest and checks the count. */
static void
search (KdxKolList *list,
        const char *word,
        guint       hits)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();

  kdx_kol_query_set_search (query, word);
  kdx_kol_list_search (list, query, FIRST_SCREEN);
  /* The worker runs only when the first screen is not the whole list. */
  g_assert_false (kdx_kol_list_is_complete (list));
  kdx_test_wait_until (list_complete, list, 60);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, hits);
}

/* The backends whose last statement was the worker's (the whole list of
 * a search: no LIMIT, which the first screen's has), their pids joined
 * by commas; "" for none. */
static char *
worker_backends (Fixture *fixture)
{
  char *pids = kdx_test_pg_run_sql (fixture->uri,
                                    "SELECT coalesce (string_agg (pid::text, ',' ORDER BY pid), '')"
                                    " FROM pg_stat_activity"
                                    " WHERE datname = current_database () AND pid <> pg_backend_pid ()"
                                    " AND query LIKE 'SELECT id FROM kol WHERE TRUE%'"
                                    " AND query NOT LIKE '%LIMIT%'");

  return pids != NULL ? pids : g_strdup ("");
}

static guint
n_backends (Fixture *fixture)
{
  g_autofree char *n = kdx_test_pg_run_sql (fixture->uri,
                                            "SELECT count(*) FROM pg_stat_activity"
                                            " WHERE datname = current_database () AND pid <> pg_backend_pid ()");

  return (guint) g_ascii_strtoull (n, NULL, 10);
}

/* Five searches, one worker's connection: the same backend ran each
 * one's rest, and the database has the same backends after each (the
 * store's, its listener's and the worker's). Before, each search opened
 * a connection of its own and closed it. */
static void
test_reused (Fixture       *fixture,
             gconstpointer  data)
{
  static const char *const words[] = { "美妆", "育儿", "美妆达人", "妈妈", "美妆" };
  static const guint hits[] = { N_BEAUTY, N_PARENTING, N_BEAUTY, N_PARENTING, N_BEAUTY };
  g_autoptr(KdxKolList) list = kdx_kol_list_new (fixture->store);
  g_autofree char *first = NULL;
  guint backends = 0;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *pids = NULL;

      search (list, words[i], hits[i]);
      pids = worker_backends (fixture);
      if (i == 0)
        {
          /* One backend, still there after the search. */
          g_assert_cmpstr (pids, !=, "");
          g_assert_null (strchr (pids, ','));
          first = g_steal_pointer (&pids);
          backends = n_backends (fixture);
          continue;
        }
      g_assert_cmpstr (pids, ==, first);
      g_assert_cmpuint (n_backends (fixture), ==, backends);
    }
}

static gboolean
store_disconnected (gpointer store)
{
  return !kdx_store_is_connected (store);
}

static gboolean
store_connected (gpointer store)
{
  return kdx_store_is_connected (store);
}

/* The server goes away and comes back: the kept worker's connection is
 * dead, and the next search's rest still arrives, whole, from a
 * connection made again (a worker that failed would warn, and the list
 * fall back to the store's own connection). */
static void
test_server_restarted (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KdxKolList) list = kdx_kol_list_new (fixture->store);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  search (list, "美妆", N_BEAUTY);
  before = worker_backends (fixture);
  g_assert_cmpstr (before, !=, "");

  kdx_test_pg_control ("stop");
  kdx_test_wait_until (store_disconnected, fixture->store, 60);
  kdx_test_pg_control ("start");
  kdx_test_wait_until (store_connected, fixture->store, 60);

  search (list, "育儿", N_PARENTING);
  search (list, "美妆达人", N_BEAUTY);
  after = worker_backends (fixture);
  g_assert_cmpstr (after, !=, "");
  g_assert_null (strchr (after, ','));
  g_assert_cmpstr (after, !=, before);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/pg-worker/reused", Fixture, NULL, fixture_set_up, test_reused, fixture_tear_down);
  g_test_add ("/store/pg-worker/server-restarted", Fixture, NULL, fixture_set_up,
              test_server_restarted, fixture_tear_down);
  return g_test_run ();
}
