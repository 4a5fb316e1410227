/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-pg-first-screen"

#include "config.h"

#include "kdx-kol-list.h"
#include "kdx-store.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* The list's first screen on a team database (issue 14, item 8): its
 * ids and their rows come from ONE statement, one round trip to the
 * server, where they took two; the rows are the ones, in the order, that
 * the ids and the rows read apart give. Seen from the server: the
 * statements it ran for the database (pg_stat_statements, which
 * tests/pg-server loads for this test: KOLDEX_TEST_PG_PRELOAD). */

#define FIRST_SCREEN 20
#define N_KOLS 60

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
  /* Once Koldex has made its tables: a new database must be empty. */
  g_free (kdx_test_pg_run_sql (fixture->uri, "CREATE EXTENSION pg_stat_statements"));

  /* Every second a 美妆 KOL, with followers in no order of their ids and
   * a channel, tags and a contact on some, so the rows have what the
   * list derives from other tables. */
  for (guint i = 0; i < N_KOLS; i++)
    {
      g_autoptr(KdxKol) kol = kdx_test_make_full_kol ();
      g_autofree char *name = g_strdup_printf (i % 2 == 0 ? "美妆达人%u" : "育儿妈妈%u", i);
      g_autofree char *uid = g_strdup_printf ("first-screen-%u", i);

      g_object_set (kol, "display-name", name, "uid", uid, "followers", (gint64) ((i * 7919) % 1000),
                    NULL);
      kdx_test_store_kol (fixture->store, kol);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  g_free (fixture->uri);
}

static void
forget_statements (Fixture *fixture)
{
  g_free (kdx_test_pg_run_sql (fixture->uri, "SELECT pg_stat_statements_reset ()"));
}

/* How many statements the server ran for the database since
 * forget_statements(), the test's own questions left out. */
static guint
statements_run (Fixture *fixture)
{
  g_autofree char *calls = kdx_test_pg_run_sql (fixture->uri,
    "SELECT coalesce (sum (calls), 0) FROM pg_stat_statements"
    " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database ())"
    " AND query NOT LIKE '%pg_stat_statements%'");

  return (guint) g_ascii_strtoull (calls, NULL, 10);
}

/* The rows a view shows, read as it reads them. */
static void
read_first_screen (KdxKolList *list)
{
  guint n = MIN (g_list_model_get_n_items (G_LIST_MODEL (list)), FIRST_SCREEN);

  for (guint i = 0; i < n; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
}

/* The first screen is what the query's ids and their rows, read apart,
 * give: the same KOLs in the same order, the same values. */
static void
assert_first_screen (Fixture           *fixture,
                     KdxKolList        *list,
                     const KdxKolQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = kdx_store_query_ids (fixture->store, query, &error);
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, FIRST_SCREEN);
  rows = kdx_store_load_kol_rows (fixture->store, (const gint64 *) ids->data, FIRST_SCREEN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, FIRST_SCREEN);

  for (guint i = 0; i < FIRST_SCREEN; i++)
    {
      g_autoptr(KdxKol) shown = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *shown_contact = kdx_kol_get_last_contact (shown);
      KdxKol *read = NULL;
      g_autofree char *read_contact = NULL;

      g_assert_cmpint (kdx_kol_get_id (shown), ==, g_array_index (ids, gint64, i));
      for (guint j = 0; j < rows->len && read == NULL; j++)
        if (kdx_kol_get_id (g_ptr_array_index (rows, j)) == kdx_kol_get_id (shown))
          read = g_ptr_array_index (rows, j);
      g_assert_nonnull (read);
      read_contact = kdx_kol_get_last_contact (read);
      g_assert_cmpstr (kdx_kol_get_display_name (shown), ==, kdx_kol_get_display_name (read));
      g_assert_cmpint (kdx_kol_get_followers (shown), ==, kdx_kol_get_followers (read));
      g_assert_true (g_strv_equal (kdx_kol_get_tags (shown), kdx_kol_get_tags (read)));
      g_assert_cmpstr (shown_contact, ==, read_contact);
      g_assert_cmpstr (kdx_kol_get_stage_since (shown), ==, kdx_kol_get_stage_since (read));
      g_assert_cmpuint (kdx_kol_get_n_channels (shown), ==, kdx_kol_get_n_channels (read));
    }
}

static gboolean
list_complete (gpointer list)
{
  return kdx_kol_list_is_complete (list);
}

/* The list opening as the window has it: its first screen is one
 * statement, and the rest still ends with every KOL. */
static void
test_opening (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KdxKolList) list = NULL;
  g_autoptr(KdxKolQuery) everything = kdx_kol_query_new ();

  forget_statements (fixture);
  list = kdx_kol_list_new_first_rows (fixture->store, FIRST_SCREEN);
  read_first_screen (list);
  g_assert_cmpuint (statements_run (fixture), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, FIRST_SCREEN);
  g_assert_false (kdx_kol_list_is_complete (list));
  assert_first_screen (fixture, list, everything);

  kdx_kol_list_fetch_rest (list);
  kdx_test_wait_until (list_complete, list, 60);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_KOLS);
}

/* A search typed, sorted by followers, most first: one statement for the
 * first screen and one for the rest (the worker's), its count exact. */
static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KdxKolList) list = kdx_kol_list_new_first_rows (fixture->store, FIRST_SCREEN);
  g_autoptr(KdxKolQuery) warm = kdx_kol_query_new ();
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  g_autoptr(GError) error = NULL;

  /* A first search makes the worker's connection, kept for the next. */
  kdx_kol_query_set_search (warm, "育儿");
  kdx_kol_list_search (list, warm, FIRST_SCREEN);
  kdx_test_wait_until (list_complete, list, 60);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_KOLS / 2);

  g_assert_true (kdx_kol_query_add_sort_text (query, "-followers", &error));
  g_assert_no_error (error);
  kdx_kol_query_set_search (query, "达人");
  forget_statements (fixture);
  kdx_kol_list_search (list, query, FIRST_SCREEN);
  read_first_screen (list);
  kdx_test_wait_until (list_complete, list, 60);
  g_assert_cmpuint (statements_run (fixture), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_KOLS / 2);
  assert_first_screen (fixture, list, query);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-pg/first-screen/opening", Fixture, NULL,
              fixture_set_up, test_opening, fixture_tear_down);
  g_test_add ("/store-pg/first-screen/search", Fixture, NULL,
              fixture_set_up, test_search, fixture_tear_down);
  return g_test_run ();
}
