/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-edit-session"

#include "config.h"

#include <glib/gstdio.h>

#include "kdx-channel.h"
#include "kdx-edit-session.h"
#include "kdx-enums.h"
#include "kdx-stage.h"
#include "kdx-store.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* The editor's save logic without a display: the delayed save, saving
 * only the user's changes on top of the stored file, edits that wait
 * while the store is busy, and following the store's changes. */

typedef struct
{
  char           *dir;
  char           *path;
  KdxStore       *store;
  KdxEditSession *session;
  guint           n_saved;
  guint           n_errors;
  guint           n_kol_notifies;
  guint           n_stale_notifies;
} Fixture;

static void
saved_cb (KdxEditSession *session,
          Fixture        *fixture)
{
  fixture->n_saved++;
}

static void
error_cb (KdxEditSession *session,
          const char     *message,
          Fixture        *fixture)
{
  g_test_message ("error: %s", message);
  fixture->n_errors++;
}

static void
kol_notify_cb (KdxEditSession *session,
               GParamSpec     *pspec,
               Fixture        *fixture)
{
  fixture->n_kol_notifies++;
}

static void
stale_notify_cb (KdxEditSession *session,
                 GParamSpec     *pspec,
                 Fixture        *fixture)
{
  fixture->n_stale_notifies++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = kdx_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "session.db", NULL);
  fixture->store = kdx_test_open_store (fixture->path, &error);
  g_assert_no_error (error);
  fixture->session = kdx_edit_session_new (fixture->store);
  /* Short, so the tests do not wait; still a delay, not a direct save. */
  kdx_edit_session_set_save_delay (fixture->session, 50);
  g_signal_connect (fixture->session, "saved", G_CALLBACK (saved_cb), fixture);
  g_signal_connect (fixture->session, "error", G_CALLBACK (error_cb), fixture);
  g_signal_connect (fixture->session, "notify::kol", G_CALLBACK (kol_notify_cb), fixture);
  g_signal_connect (fixture->session, "notify::stale", G_CALLBACK (stale_notify_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_cmpuint (fixture->n_errors, ==, 0);
  g_assert_finalize_object (fixture->session);
  g_assert_finalize_object (fixture->store);
  kdx_test_remove_database (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gint64
add_kol (Fixture    *fixture,
         const char *name)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();

  kdx_kol_set_display_name (kol, name);
  return kdx_test_store_kol (fixture->store, kol);
}

static char *
stored_string (Fixture    *fixture,
               gint64      id,
               const char *property)
{
  g_autoptr(KdxKol) kol = kdx_test_load_kol (fixture->store, id);
  char *value = NULL;

  g_object_get (kol, property, &value, NULL);
  return value;
}

/* Returns: (transfer full): the city in @kol, for asserts */
static char *
city_of (KdxKol *kol)
{
  char *city = NULL;

  g_object_get (kol, "city", &city, NULL);
  return city;
}

static guint
n_channels (KdxKol *kol)
{
  return g_list_model_get_n_items (G_LIST_MODEL (kdx_kol_get_list (kol, "channels")));
}

/* A channel on @platform, as the user or an import adds one. */
static void
add_channel (KdxKol     *kol,
             const char *platform)
{
  g_autoptr(KdxChannel) channel = g_object_new (KDX_TYPE_CHANNEL, "platform", platform, NULL);

  g_list_store_append (kdx_kol_get_list (kol, "channels"), channel);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @n_saved reaches @count (or five seconds pass). */
static void
wait_for_saves (Fixture *fixture,
                guint    count)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (5, timeout_cb, &timed_out);

  while (fixture->n_saved < count && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  g_assert_cmpuint (fixture->n_saved, ==, count);
}

/* Runs what is ready now (idle reloads), without waiting for timers. */
static void
run_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_delayed_save (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 id = add_kol (fixture, "甲");
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;

  g_assert_true (kdx_edit_session_open (fixture->session, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kdx_edit_session_get_id (fixture->session), ==, id);
  g_assert_cmpuint (fixture->n_kol_notifies, ==, 1);

  g_object_set (kdx_edit_session_get_kol (fixture->session), "city", "成都", NULL);
  g_assert_true (kdx_edit_session_is_changed (fixture->session, "city"));
  g_assert_false (kdx_edit_session_is_changed (fixture->session, "handle"));
  /* Not at once: typing goes on. */
  city = stored_string (fixture, id, "city");
  g_assert_null (city);

  wait_for_saves (fixture, 1);
  g_clear_pointer (&city, g_free);
  city = stored_string (fixture, id, "city");
  g_assert_cmpstr (city, ==, "成都");
  g_assert_false (kdx_edit_session_is_changed (fixture->session, "city"));
  {
    g_autofree char *shown = city_of (kdx_edit_session_get_original (fixture->session));
    g_assert_cmpstr (shown, ==, "成都");
  }
  /* Our own save does not replace the copy being edited. */
  g_assert_cmpuint (fixture->n_kol_notifies, ==, 1);
  g_assert_false (kdx_edit_session_get_stale (fixture->session));

  /* Flushing saves at once. */
  g_object_set (kdx_edit_session_get_kol (fixture->session), "handle", "jia_01", NULL);
  kdx_edit_session_flush (fixture->session);
  g_assert_cmpuint (fixture->n_saved, ==, 2);
  g_clear_pointer (&city, g_free);
  city = stored_string (fixture, id, "handle");
  g_assert_cmpstr (city, ==, "jia_01");
}

/* A move on the board while the user types: the move is shown at once
 * in the copy, which keeps the user's field; the user's field then goes
 * on top of the stored file. (Until issue 14 the copy was marked stale
 * and the edit saved without a check, replacing the copy after: another
 * writer's change to the same field was overwritten unseen.) */
static void
test_change_saved_on_top (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 id = add_kol (fixture, "甲");
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;
  KdxKol *copy;

  g_assert_true (kdx_edit_session_open (fixture->session, id, NULL));
  copy = kdx_edit_session_get_kol (fixture->session);
  g_object_set (copy, "city", "成都", NULL);
  g_assert_true (kdx_store_move_kol (fixture->store, id, KDX_STAGE_CONTACTING, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (kdx_edit_session_get_stale (fixture->session));
  g_assert_true (kdx_edit_session_get_kol (fixture->session) == copy);
  g_assert_cmpint (kdx_kol_get_stage (copy), ==, KDX_STAGE_CONTACTING);
  g_assert_true (kdx_edit_session_is_changed (fixture->session, "city"));
  g_assert_false (kdx_edit_session_is_changed (fixture->session, "stage"));

  wait_for_saves (fixture, 1);
  stored = kdx_test_load_kol (fixture->store, id);
  g_object_get (stored, "city", &city, NULL);
  g_assert_cmpstr (city, ==, "成都");
  g_assert_cmpint (kdx_kol_get_stage (stored), ==, KDX_STAGE_CONTACTING);

  /* The copy stays the one being edited, the file as saved. */
  run_pending ();
  g_assert_cmpuint (fixture->n_kol_notifies, ==, 1);
  g_assert_true (kdx_kol_equal (kdx_edit_session_get_kol (fixture->session), stored));
  g_assert_false (kdx_edit_session_get_stale (fixture->session));
}

/* With nothing unsaved, a change elsewhere is shown at once; a delete
 * leaves nothing to edit. */
static void
test_follows_store (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 id = add_kol (fixture, "甲");
  g_autoptr(KdxKol) elsewhere = kdx_test_load_kol (fixture->store, id);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  KdxKol *first_copy;

  g_assert_true (kdx_edit_session_open (fixture->session, id, NULL));
  first_copy = kdx_edit_session_get_kol (fixture->session);

  kdx_kol_set_followers (elsewhere, 12345);
  g_assert_true (kdx_store_save_kol (fixture->store, elsewhere, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_kol_notifies, ==, 2);
  g_assert_true (kdx_edit_session_get_kol (fixture->session) != first_copy);
  g_assert_cmpint (kdx_kol_get_followers (kdx_edit_session_get_kol (fixture->session)), ==, 12345);
  g_assert_false (kdx_edit_session_get_stale (fixture->session));
  /* Nothing the user did: nothing to save. */
  g_assert_false (kdx_edit_session_is_changed (fixture->session, "followers"));

  g_array_append_val (ids, id);
  g_assert_true (kdx_store_delete_kols (fixture->store, ids, &files, &error));
  g_assert_no_error (error);
  g_assert_null (kdx_edit_session_get_kol (fixture->session));
  g_assert_cmpint (kdx_edit_session_get_id (fixture->session), ==, 0);
  g_assert_cmpuint (fixture->n_saved, ==, 0);
}

/* While an import writes through its own connection, edits wait, also
 * those of a KOL the user has moved away from; they are saved once it has
 * finished, on top of what the import changed. */
static void
test_edit_waits_while_busy (Fixture       *fixture,
                            gconstpointer  data)
{
  gint64 first = add_kol (fixture, "甲");
  gint64 second = add_kol (fixture, "乙");
  g_autoptr(KdxStore) import = NULL;
  g_autoptr(KdxKol) imported = NULL;
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;

  g_assert_true (kdx_edit_session_open (fixture->session, first, NULL));
  /* An import: a connection of the store's own, in one batch. */
  import = kdx_store_open_sibling (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_true (kdx_store_begin_batch (import, &error));
  g_object_set (kdx_edit_session_get_kol (fixture->session), "city", "成都", NULL);
  kdx_edit_session_flush (fixture->session);
  g_assert_cmpuint (fixture->n_saved, ==, 0);
  city = stored_string (fixture, first, "city");
  g_assert_null (city);

  /* The import changes the same file and commits; a second one starts
   * before the session hears of the first, so edits go on waiting. */
  imported = kdx_test_load_kol (import, first);
  kdx_kol_set_followers (imported, 999999);
  g_assert_true (kdx_store_save_kol (import, imported, &error));
  g_assert_no_error (error);
  g_assert_true (kdx_store_commit_batch (import, &error));
  g_assert_true (kdx_store_begin_batch (import, &error));
  run_pending ();
  /* The copy keeps the edit, and knows the store has moved on. */
  g_assert_true (kdx_edit_session_get_stale (fixture->session));
  {
    g_autofree char *shown = city_of (kdx_edit_session_get_kol (fixture->session));
    g_assert_cmpstr (shown, ==, "成都");
  }

  g_assert_true (kdx_edit_session_open (fixture->session, second, NULL));
  g_assert_false (kdx_edit_session_get_stale (fixture->session));
  g_object_set (kdx_edit_session_get_kol (fixture->session), "city", "重庆", NULL);
  kdx_edit_session_flush (fixture->session);

  /* Back on the first file: its waiting edit is shown, a second joins it. */
  g_assert_true (kdx_edit_session_open (fixture->session, first, NULL));
  {
    g_autofree char *shown = city_of (kdx_edit_session_get_kol (fixture->session));
    g_assert_cmpstr (shown, ==, "成都");
  }
  g_object_set (kdx_edit_session_get_kol (fixture->session), "handle", "jia_01", NULL);
  kdx_edit_session_flush (fixture->session);
  g_assert_cmpuint (fixture->n_saved, ==, 0);

  g_assert_true (kdx_store_commit_batch (import, &error));
  run_pending ();
  kdx_edit_session_flush (fixture->session);
  /* The first file's edit is the one shown: the session says it saved. */
  g_assert_cmpuint (fixture->n_saved, ==, 1);
  stored = kdx_test_load_kol (fixture->store, first);
  g_clear_pointer (&city, g_free);
  g_object_get (stored, "city", &city, NULL);
  g_assert_cmpstr (city, ==, "成都");
  g_assert_cmpstr (kdx_kol_get_handle (stored), ==, "jia_01");
  g_assert_cmpint (kdx_kol_get_followers (stored), ==, 999999);
  g_clear_pointer (&city, g_free);
  city = stored_string (fixture, second, "city");
  g_assert_cmpstr (city, ==, "重庆");

  /* Then the copy shows the file as saved, the import's change included. */
  run_pending ();
  g_assert_cmpint (kdx_kol_get_followers (kdx_edit_session_get_kol (fixture->session)), ==, 999999);
  g_assert_false (kdx_edit_session_get_stale (fixture->session));
  g_assert_finalize_object (g_steal_pointer (&import));
}

/* A list edited while the same list changed elsewhere: both stay. */
static void
test_list_edit_merged (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 id = add_kol (fixture, "甲");
  g_autoptr(KdxKol) elsewhere = kdx_test_load_kol (fixture->store, id);
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (kdx_edit_session_open (fixture->session, id, NULL));
  add_channel (kdx_edit_session_get_kol (fixture->session), "bilibili");
  g_assert_true (kdx_edit_session_is_changed (fixture->session, "channels"));

  add_channel (elsewhere, "douyin");
  g_assert_true (kdx_store_save_kol (fixture->store, elsewhere, &error));
  g_assert_no_error (error);
  /* The list being edited stays the user's until it is saved. */
  g_assert_cmpuint (n_channels (kdx_edit_session_get_kol (fixture->session)), ==, 1);

  kdx_edit_session_flush (fixture->session);
  g_assert_cmpuint (fixture->n_saved, ==, 1);
  stored = kdx_test_load_kol (fixture->store, id);
  g_assert_cmpuint (n_channels (stored), ==, 2);
  run_pending ();
  g_assert_cmpuint (n_channels (kdx_edit_session_get_kol (fixture->session)), ==, 2);
}

/* A session going away saves what waits, as the editor closing does. */
static void
test_dispose_saves (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "dispose.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_test_open_store (path, &error);
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  g_autoptr(KdxKol) stored = NULL;
  KdxEditSession *session;
  gint64 id;

  g_assert_no_error (error);
  kdx_kol_set_display_name (kol, "甲");
  id = kdx_test_store_kol (store, kol);
  session = kdx_edit_session_new (store);
  g_assert_true (kdx_edit_session_open (session, id, NULL));
  g_object_set (kdx_edit_session_get_kol (session), "handle", "jia_01", NULL);
  /* Not saved yet: the delay has not passed. */
  g_assert_true (kdx_edit_session_is_changed (session, "handle"));
  g_assert_finalize_object (session);

  stored = kdx_test_load_kol (store, id);
  g_assert_cmpstr (kdx_kol_get_handle (stored), ==, "jia_01");
  g_clear_object (&store);
  kdx_test_remove_database (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/edit-session/delayed-save", test_delayed_save);
  ADD ("/edit-session/change-saved-on-top", test_change_saved_on_top);
  ADD ("/edit-session/follows-store", test_follows_store);
  ADD ("/edit-session/edit-waits-while-busy", test_edit_waits_while_busy);
  ADD ("/edit-session/list-edit-merged", test_list_edit_merged);
#undef ADD
  g_test_add_func ("/edit-session/dispose-saves", test_dispose_saves);

  return g_test_run ();
}
