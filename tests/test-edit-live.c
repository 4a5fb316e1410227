/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-edit-live"

#include "config.h"

#include "kdx-edit-session.h"
#include "kdx-error.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* Two operators editing one file on a team database (issue 14, items 3
 * and 4): two stores on one PostgreSQL database, each with the editor's
 * session (kdx-edit-session.c), as two windows have. What one saves
 * reaches the other's open file through LISTEN/NOTIFY: the fields the
 * other is not changing or in take it, the others keep the operator's
 * value, and a save of a field both changed is a conflict the operator
 * settles field by field. Nothing is timed: the main context runs until
 * the news arrives, for at most 30 s (a failure, not a measure). */

typedef struct
{
  KdxStore       *mine;
  KdxStore       *theirs;
  KdxEditSession *my_session;
  KdxEditSession *their_session;
  GStrv           conflict;   /* the fields of the last "conflict" of my_session */
  guint           n_merged;   /* "merged" of my_session */
  guint           n_errors;
} Fixture;

static void
conflict_cb (KdxEditSession     *session,
             const char * const *fields,
             Fixture            *fixture)
{
  g_strfreev (fixture->conflict);
  fixture->conflict = g_strdupv ((GStrv) fields);
}

static void
merged_cb (KdxEditSession     *session,
           const char * const *names,
           Fixture            *fixture)
{
  fixture->n_merged++;
}

static void
error_cb (KdxEditSession *session,
          const char     *message,
          Fixture        *fixture)
{
  g_test_message ("session error: %s", message);
  fixture->n_errors++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autoptr(GError) error = NULL;

  fixture->mine = kdx_store_open (uri, &error);
  g_assert_no_error (error);
  fixture->theirs = kdx_store_open (uri, &error);
  g_assert_no_error (error);
  fixture->my_session = kdx_edit_session_new (fixture->mine);
  fixture->their_session = kdx_edit_session_new (fixture->theirs);
  /* Saved when the test says so (flush), as after a pause in typing. */
  kdx_edit_session_set_save_delay (fixture->my_session, 600000);
  kdx_edit_session_set_save_delay (fixture->their_session, 600000);
  g_signal_connect (fixture->my_session, "conflict", G_CALLBACK (conflict_cb), fixture);
  g_signal_connect (fixture->my_session, "merged", G_CALLBACK (merged_cb), fixture);
  g_signal_connect (fixture->my_session, "error", G_CALLBACK (error_cb), fixture);
  g_signal_connect (fixture->their_session, "error", G_CALLBACK (error_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->my_session);
  g_assert_finalize_object (fixture->their_session);
  g_clear_object (&fixture->theirs);
  g_clear_object (&fixture->mine);
  g_strfreev (fixture->conflict);
  g_assert_cmpuint (fixture->n_errors, ==, 0);
}

static gboolean
give_up_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (Fixture *fixture);

/* Runs the main context until @condition holds; fails after 30 s. */
static void
wait_until (Fixture   *fixture,
            Condition  condition)
{
  gboolean given_up = FALSE;
  guint timeout = g_timeout_add_seconds (30, give_up_cb, &given_up);

  while (!condition (fixture) && !given_up)
    g_main_context_iteration (NULL, TRUE);
  if (!given_up)
    g_source_remove (timeout);
  g_assert_true (condition (fixture));
}

static char *
string_of (KdxKol     *kol,
           const char *property)
{
  char *value = NULL;

  g_object_get (kol, property, &value, NULL);
  return value;
}

static gboolean
is (KdxKol     *kol,
    const char *property,
    const char *expected)
{
  g_autofree char *value = string_of (kol, property);

  return g_strcmp0 (value, expected) == 0;
}

static void
assert_stored (KdxStore   *store,
               gint64      id,
               const char *property,
               const char *expected)
{
  g_autoptr(KdxKol) stored = kdx_test_load_kol (store, id);
  g_autofree char *value = string_of (stored, property);

  g_assert_cmpstr (value, ==, expected);
}

/* A file both open, with a city, a phone and a handle. */
static gint64
add_shared (Fixture *fixture)
{
  g_autoptr(KdxKol) kol = kdx_test_add_named (fixture->theirs, "小美");
  g_autoptr(GError) error = NULL;
  gint64 id = kdx_kol_get_id (kol);

  g_object_set (kol, "city", "上海", "phone", "13800000000", "handle", "xiaomei", NULL);
  g_assert_true (kdx_store_save_kol (fixture->theirs, kol, &error));
  g_assert_no_error (error);
  g_assert_true (kdx_edit_session_open (fixture->my_session, id, &error));
  g_assert_no_error (error);
  g_assert_true (kdx_edit_session_open (fixture->their_session, id, &error));
  g_assert_no_error (error);
  return id;
}

static gboolean
mine_shows_their_handle (Fixture *fixture)
{
  return is (kdx_edit_session_get_kol (fixture->my_session), "handle", "xm_weibo");
}

static gboolean
theirs_shows_my_city (Fixture *fixture)
{
  return is (kdx_edit_session_get_kol (fixture->their_session), "city", "成都");
}

/* Different fields edited at once by two operators: both are saved, and
 * each open file then shows the other's. */
static void
test_different_fields_survive (Fixture       *fixture,
                               gconstpointer  data)
{
  gint64 id = add_shared (fixture);

  g_object_set (kdx_edit_session_get_kol (fixture->my_session), "city", "成都", NULL);
  g_object_set (kdx_edit_session_get_kol (fixture->their_session), "handle", "xm_weibo", NULL);
  kdx_edit_session_flush (fixture->their_session);
  kdx_edit_session_flush (fixture->my_session);
  g_assert_null (fixture->conflict);

  assert_stored (fixture->mine, id, "city", "成都");
  assert_stored (fixture->mine, id, "handle", "xm_weibo");
  wait_until (fixture, mine_shows_their_handle);
  wait_until (fixture, theirs_shows_my_city);
  g_assert_false (kdx_edit_session_is_changed (fixture->my_session, "handle"));
}

static gboolean
conflict_said (Fixture *fixture)
{
  return fixture->conflict != NULL;
}

static gboolean
mine_heard_theirs (Fixture *fixture)
{
  return fixture->n_merged > 0;
}

/* Both change the city and the phone: the save is refused as a conflict
 * naming both, nothing of mine saved and my values kept; keeping mine for
 * the city and theirs for the phone saves exactly that. */
static void
test_same_field_settled_per_field (Fixture       *fixture,
                                   gconstpointer  data)
{
  gint64 id = add_shared (fixture);
  KdxKol *my_copy = kdx_edit_session_get_kol (fixture->my_session);
  g_autoptr(KdxKol) theirs = NULL;
  g_autoptr(GError) error = NULL;
  const char *keep_theirs[] = { "phone", NULL };
  gint64 version = 0;

  g_object_set (my_copy, "city", "成都", "phone", "13911111111", NULL);
  g_object_set (kdx_edit_session_get_kol (fixture->their_session),
                "city", "杭州", "phone", "13722222222", "handle", "xm_weibo", NULL);
  kdx_edit_session_flush (fixture->their_session);

  /* Their save reaches my open file: the handle, which I did not touch,
   * comes; my city and phone stay mine. */
  wait_until (fixture, mine_heard_theirs);
  g_assert_true (is (my_copy, "handle", "xm_weibo"));
  g_assert_true (is (my_copy, "city", "成都"));
  g_assert_true (is (my_copy, "phone", "13911111111"));

  kdx_edit_session_flush (fixture->my_session);
  wait_until (fixture, conflict_said);
  g_assert_cmpuint (g_strv_length (fixture->conflict), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) fixture->conflict, "city"));
  g_assert_true (g_strv_contains ((const char * const *) fixture->conflict, "phone"));
  assert_stored (fixture->mine, id, "city", "杭州");
  assert_stored (fixture->mine, id, "phone", "13722222222");
  g_assert_true (kdx_edit_session_is_changed (fixture->my_session, "city"));
  g_assert_true (is (my_copy, "city", "成都"));

  theirs = kdx_store_load_kol_with_version (fixture->mine, id, &version, &error);
  g_assert_no_error (error);
  g_assert_true (is (theirs, "city", "杭州"));
  g_assert_true (kdx_edit_session_resolve (fixture->my_session, theirs, version,
                                           (const char * const *) fixture->conflict, keep_theirs));
  assert_stored (fixture->mine, id, "city", "成都");
  assert_stored (fixture->mine, id, "phone", "13722222222");
  assert_stored (fixture->mine, id, "handle", "xm_weibo");
  g_assert_true (is (my_copy, "phone", "13722222222"));
  g_assert_false (kdx_edit_session_is_changed (fixture->my_session, "city"));
  g_assert_false (kdx_edit_session_is_changed (fixture->my_session, "phone"));
}

static gboolean
mine_shows_their_real_name (Fixture *fixture)
{
  return is (kdx_edit_session_get_kol (fixture->my_session), "real-name", "王小美");
}

/* The field I am in keeps what I see while the other's value for it
 * waits; leaving it unchanged shows theirs. A field I changed keeps my
 * value, and its save is then checked against theirs. */
static void
test_field_in_use_kept (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 id = add_shared (fixture);
  KdxKol *my_copy = kdx_edit_session_get_kol (fixture->my_session);
  KdxKol *their_copy = kdx_edit_session_get_kol (fixture->their_session);

  kdx_edit_session_hold (fixture->my_session, "real_name", TRUE);
  g_object_set (my_copy, "city", "成都", NULL);
  g_object_set (their_copy, "real-name", "王小美", "handle", "xm_weibo", "city", "杭州", NULL);
  kdx_edit_session_flush (fixture->their_session);

  wait_until (fixture, mine_shows_their_handle);
  g_assert_true (is (my_copy, "real-name", NULL));
  g_assert_true (is (my_copy, "city", "成都"));

  kdx_edit_session_hold (fixture->my_session, "real_name", FALSE);
  g_assert_true (mine_shows_their_real_name (fixture));
  g_assert_false (kdx_edit_session_is_changed (fixture->my_session, "real-name"));

  /* My city, based on 上海, meets their 杭州: not saved unseen. */
  kdx_edit_session_flush (fixture->my_session);
  wait_until (fixture, conflict_said);
  g_assert_cmpstr (fixture->conflict[0], ==, "city");
  g_assert_null (fixture->conflict[1]);
  assert_stored (fixture->mine, id, "city", "杭州");
  assert_stored (fixture->mine, id, "real-name", "王小美");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/edit-live/different-fields-survive", test_different_fields_survive);
  ADD ("/edit-live/same-field-settled-per-field", test_same_field_settled_per_field);
  ADD ("/edit-live/field-in-use-kept", test_field_in_use_kept);
#undef ADD

  return g_test_run ();
}
