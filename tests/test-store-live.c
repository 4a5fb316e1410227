/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-live"

#include "config.h"

#include "kdx-kol-list.h"
#include "kdx-store.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* Live changes on a team database (issue 14, item 4): two stores on one
 * PostgreSQL database, as two operators' windows. What one commits, the
 * other announces with "changed" (the KOLs' ids; none for "everything")
 * without being asked; what a store writes itself it announces once.
 * Nothing is timed: the main context is iterated until the news arrives,
 * for at most 30 s (a failure, not a measure). */

/* Every "changed" a store emitted: one GArray of ids each. */
typedef struct
{
  GPtrArray *heard;
} Ear;

static void
changed_cb (KdxStore *store,
            GArray   *ids,
            Ear      *ear)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);

  g_array_append_vals (copy, ids->data, ids->len);
  g_ptr_array_add (ear->heard, copy);
}

static void
ear_init (Ear      *ear,
          KdxStore *store)
{
  ear->heard = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_signal_connect (store, "changed", G_CALLBACK (changed_cb), ear);
}

static void
ear_clear (Ear *ear)
{
  g_clear_pointer (&ear->heard, g_ptr_array_unref);
}

static gboolean
heard_id (Ear    *ear,
          gint64  id)
{
  for (guint i = 0; i < ear->heard->len; i++)
    {
      GArray *ids = g_ptr_array_index (ear->heard, i);

      for (guint j = 0; j < ids->len; j++)
        if (g_array_index (ids, gint64, j) == id)
          return TRUE;
    }
  return FALSE;
}

static gboolean
heard_everything (Ear *ear)
{
  for (guint i = 0; i < ear->heard->len; i++)
    if (((GArray *) g_ptr_array_index (ear->heard, i))->len == 0)
      return TRUE;
  return FALSE;
}

typedef gboolean (*Condition) (gpointer data);

static gboolean
give_up_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context until @condition holds; fails after 30 s. */
static void
wait_until (Condition condition,
            gpointer  data)
{
  gboolean given_up = FALSE;
  guint timeout = g_timeout_add_seconds (30, give_up_cb, &given_up);

  while (!condition (data) && !given_up)
    g_main_context_iteration (NULL, TRUE);
  if (!given_up)
    g_source_remove (timeout);
  g_assert_true (condition (data));
}

typedef struct
{
  Ear    *ear;
  gint64  id;
} Awaited;

static gboolean
awaited_heard (gpointer data)
{
  Awaited *awaited = data;

  return heard_id (awaited->ear, awaited->id);
}

static void
wait_for_id (Ear    *ear,
             gint64  id)
{
  Awaited awaited = { ear, id };

  wait_until (awaited_heard, &awaited);
}

static gboolean
everything_heard (gpointer data)
{
  return heard_everything (data);
}

static KdxStore *
open_store (const char *uri)
{
  g_autoptr(GError) error = NULL;
  KdxStore *store = kdx_store_open (uri, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

typedef struct
{
  Ear   *ear;
  guint  n;
} Count;

static gboolean
count_reached (gpointer data)
{
  Count *count = data;

  return count->ear->heard->len >= count->n;
}

/* Waits for the @n-th "changed" of @ear; says its ids are just @id. */
static void
wait_for_nth (Ear    *ear,
              guint   n,
              gint64  id)
{
  Count count = { ear, n };
  GArray *ids;

  wait_until (count_reached, &count);
  ids = g_ptr_array_index (ear->heard, n - 1);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, id);
}

/* An add, a save, a move and a delete through one store each reach the
 * other with the KOL's id; the writer hears each of its own writes once. */
static void
test_writes_heard (void)
{
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autoptr(KdxStore) mine = open_store (uri);
  g_autoptr(KdxStore) theirs = open_store (uri);
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(KdxKol) fence = NULL;
  g_autoptr(GError) error = NULL;
  Ear my_ear, their_ear;
  gint64 id;

  ear_init (&my_ear, mine);
  ear_init (&their_ear, theirs);

  kol = kdx_test_add_named (mine, "小红书达人");
  id = kdx_kol_get_id (kol);
  g_assert_cmpuint (my_ear.heard->len, ==, 1);
  wait_for_nth (&their_ear, 1, id);
  /* What the other store reads now is what was committed. */
  g_clear_object (&kol);
  kol = kdx_test_load_kol (theirs, id);
  g_assert_cmpstr (kdx_kol_get_display_name (kol), ==, "小红书达人");

  g_object_set (kol, "city", "成都", NULL);
  g_assert_true (kdx_store_save_kol (theirs, kol, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (their_ear.heard->len, ==, 2);
  wait_for_nth (&my_ear, 2, id);
  g_clear_object (&kol);
  kol = kdx_test_load_kol (mine, id);
  kdx_test_assert_string (kol, "city", "成都");

  g_assert_true (kdx_store_move_kol (mine, id, KDX_STAGE_CONTACTING, NULL, &error));
  g_assert_no_error (error);
  wait_for_nth (&their_ear, 3, id);

  g_assert_true (kdx_store_delete_kol (mine, id, &error));
  g_assert_no_error (error);
  wait_for_nth (&their_ear, 4, id);
  g_assert_cmpint (kdx_store_count_kols (theirs, NULL), ==, 0);

  /* Notifications arrive in commit order: once the other store's later
   * write is heard here, any echo of this store's own writes would have
   * been heard before it. There was none: its add, the other's save,
   * its move and delete, and now the other's fence, each heard once. */
  fence = kdx_test_add_named (theirs, "fence");
  wait_for_nth (&my_ear, 5, kdx_kol_get_id (fence));
  g_assert_cmpuint (my_ear.heard->len, ==, 5);
  g_assert_cmpuint (their_ear.heard->len, ==, 5);

  ear_clear (&my_ear);
  ear_clear (&their_ear);
}

/* More KOLs than PostgreSQL's 8,000-byte payload can name: the other
 * store hears "everything" (no ids), and reloads. */
static void
test_many_heard_as_everything (void)
{
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autoptr(KdxStore) mine = open_store (uri);
  g_autoptr(KdxStore) theirs = open_store (uri);
  g_autoptr(GError) error = NULL;
  Ear their_ear;

  ear_init (&their_ear, theirs);
  g_assert_true (kdx_store_begin_batch (mine, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(KdxKol) kol = kdx_kol_new ();
      g_autofree char *name = g_strdup_printf ("达人 %u", i);

      kdx_kol_set_display_name (kol, name);
      g_assert_true (kdx_store_add_kol (mine, kol, &error));
      g_assert_no_error (error);
    }
  g_assert_true (kdx_store_commit_batch (mine, &error));
  g_assert_no_error (error);

  wait_until (everything_heard, &their_ear);
  g_assert_cmpint (kdx_store_count_kols (theirs, NULL), ==, 2000);
  ear_clear (&their_ear);
}

/* A write that never commits tells no one: a batch rolled back is not
 * heard, the next commit is, and alone. */
static void
test_rollback_silent (void)
{
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autoptr(KdxStore) mine = open_store (uri);
  g_autoptr(KdxStore) theirs = open_store (uri);
  g_autoptr(KdxKol) dropped = kdx_kol_new ();
  g_autoptr(KdxKol) kept = NULL;
  g_autoptr(GError) error = NULL;
  Ear their_ear;

  ear_init (&their_ear, theirs);
  g_assert_true (kdx_store_begin_batch (mine, &error));
  kdx_kol_set_display_name (dropped, "never saved");
  g_assert_true (kdx_store_add_kol (mine, dropped, &error));
  g_assert_no_error (error);
  kdx_store_rollback_batch (mine);

  kept = kdx_test_add_named (mine, "kept");
  wait_for_id (&their_ear, kdx_kol_get_id (kept));
  g_assert_cmpuint (their_ear.heard->len, ==, 1);
  g_assert_false (heard_everything (&their_ear));
  ear_clear (&their_ear);
}

/* A worker's sibling writes for its opener: the opener hears it once
 * (its own "everything", as on SQLite), the other store by the id. */
static void
test_sibling_heard_once (void)
{
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autoptr(KdxStore) mine = open_store (uri);
  g_autoptr(KdxStore) theirs = open_store (uri);
  g_autoptr(KdxStore) sibling = NULL;
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(KdxKol) fence = NULL;
  g_autoptr(GError) error = NULL;
  Ear my_ear, their_ear;

  sibling = kdx_store_open_sibling (mine, &error);
  g_assert_no_error (error);
  ear_init (&my_ear, mine);
  ear_init (&their_ear, theirs);

  kol = kdx_test_add_named (sibling, "from a worker");
  wait_for_id (&their_ear, kdx_kol_get_id (kol));
  fence = kdx_test_add_named (theirs, "fence");
  wait_for_id (&my_ear, kdx_kol_get_id (fence));
  /* The sibling's "everything", then the other store's fence: no echo
   * of the sibling's write by its id. */
  g_assert_cmpuint (my_ear.heard->len, ==, 2);
  g_assert_true (heard_everything (&my_ear));
  g_assert_false (heard_id (&my_ear, kdx_kol_get_id (kol)));

  ear_clear (&my_ear);
  ear_clear (&their_ear);
}

static gboolean
list_shows (gpointer data)
{
  KdxKolList *list = data;
  gint64 *wanted = g_object_get_data (G_OBJECT (list), "wanted");

  return g_list_model_get_n_items (G_LIST_MODEL (list)) == 1
         && kdx_kol_list_get_id (list, 0) == *wanted;
}

/* The other operator's list model shows a KOL added here, unasked. */
static void
test_list_follows (void)
{
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autoptr(KdxStore) mine = open_store (uri);
  g_autoptr(KdxStore) theirs = open_store (uri);
  g_autoptr(KdxKolList) list = kdx_kol_list_new (theirs);
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(KdxKol) shown = NULL;
  gint64 id;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  kol = kdx_test_add_named (mine, "新来的达人");
  id = kdx_kol_get_id (kol);
  g_object_set_data (G_OBJECT (list), "wanted", &id);
  wait_until (list_shows, list);
  shown = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (kdx_kol_get_display_name (shown), ==, "新来的达人");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/live/writes-heard", test_writes_heard);
  g_test_add_func ("/store/live/many-heard-as-everything", test_many_heard_as_everything);
  g_test_add_func ("/store/live/rollback-silent", test_rollback_silent);
  g_test_add_func ("/store/live/sibling-heard-once", test_sibling_heard_once);
  g_test_add_func ("/store/live/list-follows", test_list_follows);

  return g_test_run ();
}
