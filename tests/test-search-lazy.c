/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "kdx-kol-list.h"
#include "kdx-test-util.h"

/* Search as you type (issue 16, item 5): the first screen from a LIMIT
 * query, the rest from a worker, each keystroke cancelling the last. The
 * model must end exactly where kdx_kol_list_set_query() ends, and show a
 * prefix of it meanwhile, whatever the search, filters and sort. */

#define N_KOLS 5000
#define FIRST_SCREEN 50

typedef struct
{
  char     *dir;
  char     *path;
  KdxStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *count = g_strdup_printf ("%d", N_KOLS);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  fixture->dir = kdx_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "kols.db", NULL);

  /* The generator the bench fills its 100,000 KOLs with. */
  g_ptr_array_add (argv, g_strdup (g_getenv ("KDX_GENERATE")));
  g_ptr_array_add (argv, g_strdup (fixture->path));
  g_ptr_array_add (argv, g_strdup (count));
  g_assert_cmpint (kdx_test_run_argv (argv, NULL, &out, &err), ==, 0);

  fixture->store = kdx_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  kdx_test_remove_database (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static KdxKolQuery *
make_query (const char *search,
            const char *sort,
            const char *condition)
{
  KdxKolQuery *query = kdx_kol_query_new ();
  g_autoptr(GError) error = NULL;

  kdx_kol_query_set_search (query, search);
  if (sort != NULL)
    {
      kdx_kol_query_add_sort_text (query, sort, &error);
      g_assert_no_error (error);
    }
  if (condition != NULL)
    {
      KdxCondition *parsed = kdx_condition_parse (condition, &error);

      g_assert_no_error (error);
      kdx_kol_query_add_condition (query, parsed);
    }
  return query;
}

static GArray *
model_ids (KdxKolList *list)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      gint64 id = kdx_kol_list_get_id (list, i);
      g_array_append_val (ids, id);
    }
  return ids;
}

static void
assert_prefix (GArray *ids,
               GArray *of)
{
  g_assert_cmpuint (ids->len, <=, of->len);
  g_assert_cmpmem (ids->data, ids->len * sizeof (gint64), of->data, ids->len * sizeof (gint64));
}

static void
assert_same (GArray *ids,
             GArray *expected)
{
  g_assert_cmpmem (ids->data, ids->len * sizeof (gint64),
                   expected->data, expected->len * sizeof (gint64));
}

/* Until every worker the list started has called back: each holds the
 * list until then. A count of references, not a time. */
static void
wait_all_fetches (KdxKolList *list)
{
  while (!kdx_kol_list_is_complete (list) || G_OBJECT (list)->ref_count > 1)
    g_main_context_iteration (NULL, TRUE);
}

static const struct { const char *search, *sort, *condition; } queries[] = {
  { "美妆", NULL, NULL },                /* common two-character word */
  { "育儿 旅行", NULL, NULL },            /* two words */
  { "阿雪", NULL, NULL },                /* rarer */
  { "ko", NULL, NULL },                  /* Latin prefix: everyone */
  { "To", NULL, NULL },
  { "kol_12", NULL, NULL },              /* trigram full-text */
  { "美", NULL, NULL },
  { "zzz", NULL, NULL },                 /* nothing */
  { "美妆", "-followers", NULL },         /* another order */
  { "美妆", "-id", NULL },
  { "美食", "display_name", "tier=head" },
  { "Leo", NULL, "followers>=50000" },
};

static void
test_same_ids (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(KdxKolList) list = kdx_kol_list_new (fixture->store);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(KdxKolQuery) query = make_query (queries[q].search, queries[q].sort,
                                                 queries[q].condition);
      g_autoptr(KdxKolQuery) empty = kdx_kol_query_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) expected = kdx_store_query_ids (fixture->store, query, &error);
      g_autoptr(GArray) first = NULL;
      g_autoptr(GArray) screen = NULL;
      g_autoptr(GArray) whole = NULL;
      gboolean all = FALSE;

      g_assert_no_error (error);
      g_test_message ("search %s", queries[q].search);

      /* The store's first screen, without a budget: exactly the head. */
      first = kdx_store_query_first_ids (fixture->store, query, FIRST_SCREEN, 0, &all, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (first->len, ==, MIN (FIRST_SCREEN, expected->len));
      assert_prefix (first, expected);
      g_assert_cmpint (all, ==, expected->len <= FIRST_SCREEN);

      kdx_kol_list_set_query (list, empty);
      kdx_kol_list_search (list, query, FIRST_SCREEN);
      screen = model_ids (list);
      g_assert_cmpuint (screen->len, <=, FIRST_SCREEN);
      assert_prefix (screen, expected);
      if (kdx_kol_list_is_complete (list))
        assert_same (screen, expected);

      wait_all_fetches (list);
      whole = model_ids (list);
      assert_same (whole, expected);
      g_assert_true (kdx_kol_query_equal (kdx_kol_list_get_query (list), query));
    }
}

/* Keystrokes faster than the worker: the model ends on the last query,
 * whatever order the cancelled workers call back in. */
static void
test_keystroke_cancels (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char *const typed[] = { "美", "美妆", "k", "ko", "kol", "kol_1", "美妆" };
  g_autoptr(KdxKolList) list = kdx_kol_list_new (fixture->store);
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GArray) whole = NULL;
  g_autoptr(KdxKolQuery) last = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(KdxKolQuery) query = make_query (typed[i], NULL, NULL);
      kdx_kol_list_search (list, query, FIRST_SCREEN);
    }
  last = make_query ("美妆", NULL, NULL);
  expected = kdx_store_query_ids (fixture->store, last, NULL);
  g_assert_cmpuint (expected->len, >, FIRST_SCREEN);

  wait_all_fetches (list);
  whole = model_ids (list);
  assert_same (whole, expected);
  g_assert_true (kdx_kol_list_is_complete (list));

  /* A keystroke back to a query whose own fetch is still running. */
  {
    g_autoptr(KdxKolQuery) other = make_query ("ko", NULL, NULL);
    g_autoptr(GArray) again = NULL;

    kdx_kol_list_search (list, other, FIRST_SCREEN);
    kdx_kol_list_search (list, last, FIRST_SCREEN);
    wait_all_fetches (list);
    again = model_ids (list);
    assert_same (again, expected);
  }
}

/* A change while the rest is being fetched: the list refreshes whole
 * and the fetch, now stale, is dropped. */
static void
test_change_while_fetching (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KdxKolList) list = kdx_kol_list_new (fixture->store);
  g_autoptr(KdxKolQuery) query = make_query ("美妆", NULL, NULL);
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GArray) whole = NULL;

  kdx_kol_list_search (list, query, FIRST_SCREEN);
  g_assert_false (kdx_kol_list_is_complete (list));

  g_object_set (kol, "display-name", "新来的美妆博主", NULL);
  kdx_test_store_kol (fixture->store, kol);
  g_assert_true (kdx_kol_list_is_complete (list));

  wait_all_fetches (list);
  expected = kdx_store_query_ids (fixture->store, query, NULL);
  whole = model_ids (list);
  assert_same (whole, expected);
  g_assert_cmpint (g_array_index (whole, gint64, whole->len - 1), ==, kdx_kol_get_id (kol));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/search-lazy/same-ids", Fixture, NULL,
              fixture_set_up, test_same_ids, fixture_tear_down);
  g_test_add ("/search-lazy/keystroke-cancels", Fixture, NULL,
              fixture_set_up, test_keystroke_cancels, fixture_tear_down);
  g_test_add ("/search-lazy/change-while-fetching", Fixture, NULL,
              fixture_set_up, test_change_while_fetching, fixture_tear_down);
  return g_test_run ();
}
