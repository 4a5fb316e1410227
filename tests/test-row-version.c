/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-row-version"

#include "config.h"

#include "kdx-bulk-edit.h"
#include "kdx-contact-log.h"
#include "kdx-edit-session.h"
#include "kdx-error.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* Several writers on one database (issue 14, item 3): two stores on one
 * database are two connections, as two operators' windows are. Every
 * write raises a KOL's row version; a save of the changed fields only
 * merges onto what the other writer saved, and refuses when both changed
 * the same field. On SQLite here; on PostgreSQL in the pg suite
 * (KOLDEX_TEST_BACKEND=pg). */

typedef struct
{
  char     *dir;
  KdxStore *mine;   /* this operator's connection */
  KdxStore *theirs; /* another operator's, on the same database */
} TwoWriters;

static void
two_writers_set_up (TwoWriters    *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *location = NULL;

  fixture->dir = kdx_test_make_tmp_dir ();
  path = g_build_filename (fixture->dir, "team.db", NULL);
  location = kdx_test_database_location (path);
  fixture->mine = kdx_store_open (location, &error);
  g_assert_no_error (error);
  fixture->theirs = kdx_store_open (location, &error);
  g_assert_no_error (error);
}

static void
two_writers_tear_down (TwoWriters    *fixture,
                       gconstpointer  data)
{
  g_clear_object (&fixture->theirs);
  g_clear_object (&fixture->mine);
  kdx_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gint64
version_of (KdxStore *store,
            gint64    id)
{
  g_autoptr(GError) error = NULL;
  gint64 version = -1;

  g_assert_true (kdx_store_get_kol_version (store, id, &version, &error));
  g_assert_no_error (error);
  return version;
}

/* A KOL added through @store, as an editor opens it: version, then file. */
static gint64
add_base (KdxStore  *store,
          KdxKol   **base,
          gint64    *version)
{
  g_autoptr(KdxKol) kol = kdx_test_add_named (store, "小美");
  gint64 id = kdx_kol_get_id (kol);

  g_object_set (kol, "city", "上海", "phone", "13800000000", NULL);
  g_assert_true (kdx_store_save_kol (store, kol, NULL));
  *version = version_of (store, id);
  *base = kdx_test_load_kol (store, id);
  return id;
}

/* Saves @names of @edited (from @base at @version) through @store. */
static gboolean
save_changes (KdxStore    *store,
              KdxKol      *edited,
              KdxKol      *base,
              gint64       version,
              const char  *first_name,
              GStrv       *conflicts,
              GError     **error)
{
  const char *names[] = { first_name, NULL };

  return kdx_store_save_kol_changes (store, edited, base, version, names, NULL, conflicts, error);
}

/* The other operator saves a new city, from @base at @version. */
static void
theirs_save_city (TwoWriters *fixture,
                  KdxKol     *base,
                  gint64      version)
{
  g_autoptr(KdxKol) theirs = kdx_test_load_kol (fixture->theirs, kdx_kol_get_id (base));
  g_autoptr(GError) error = NULL;

  g_object_set (theirs, "city", "杭州", NULL);
  g_assert_true (save_changes (fixture->theirs, theirs, base, version, "city", NULL, &error));
  g_assert_no_error (error);
}

static void
test_different_fields_merge (TwoWriters    *fixture,
                             gconstpointer  data)
{
  g_autoptr(KdxKol) base = NULL;
  g_autoptr(KdxKol) mine = NULL;
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 version, theirs_version, new_version = 0;
  gint64 id = add_base (fixture->mine, &base, &version);
  const char *names[] = { "phone", NULL };

  /* Both open the same file; the other operator saves the city first. */
  theirs_save_city (fixture, base, version);
  theirs_version = version_of (fixture->theirs, id);
  g_assert_cmpint (theirs_version, >, version);

  /* Then this operator's phone, from the file as it was before. */
  mine = kdx_kol_dup (base);
  g_object_set (mine, "phone", "13900000000", NULL);
  g_assert_true (kdx_store_save_kol_changes (fixture->mine, mine, base, version, names,
                                             &new_version, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (new_version, >, theirs_version);
  /* The saved copy carries the other writer's change too. */
  kdx_test_assert_string (mine, "city", "杭州");

  /* Both survive, as either connection reads them. */
  stored = kdx_test_load_kol (fixture->theirs, id);
  kdx_test_assert_string (stored, "city", "杭州");
  kdx_test_assert_string (stored, "phone", "13900000000");
  g_assert_cmpint (version_of (fixture->theirs, id), ==, new_version);
}

static void
test_same_field_conflicts (TwoWriters    *fixture,
                           gconstpointer  data)
{
  g_autoptr(KdxKol) base = NULL;
  g_autoptr(KdxKol) mine = NULL;
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) conflicts = NULL;
  gint64 version, theirs_version;
  gint64 id = add_base (fixture->mine, &base, &version);
  const char *names[] = { "phone", "city", NULL };

  theirs_save_city (fixture, base, version);
  theirs_version = version_of (fixture->theirs, id);

  /* This operator changed the city too (and the phone): refused whole. */
  mine = kdx_kol_dup (base);
  g_object_set (mine, "city", "北京", "phone", "13900000000", NULL);
  g_assert_false (kdx_store_save_kol_changes (fixture->mine, mine, base, version, names,
                                              NULL, &conflicts, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "小美"));
  g_assert_nonnull (conflicts);
  g_assert_cmpuint (g_strv_length (conflicts), ==, 1);
  g_assert_cmpstr (conflicts[0], ==, "city");
  /* The operator's copy is as it was, to choose from. */
  kdx_test_assert_string (mine, "city", "北京");

  /* Nothing was written: the other writer's city, the old phone. */
  stored = kdx_test_load_kol (fixture->mine, id);
  kdx_test_assert_string (stored, "city", "杭州");
  kdx_test_assert_string (stored, "phone", "13800000000");
  g_assert_cmpint (version_of (fixture->mine, id), ==, theirs_version);

  /* Choosing theirs for the city: saved on the newer version, it goes. */
  g_clear_error (&error);
  g_clear_object (&base);
  base = kdx_test_load_kol (fixture->mine, id);
  g_object_set (mine, "city", "杭州", NULL);
  g_assert_true (kdx_store_save_kol_changes (fixture->mine, mine, base, theirs_version, names,
                                             NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = kdx_test_load_kol (fixture->theirs, id);
  kdx_test_assert_string (stored, "city", "杭州");
  kdx_test_assert_string (stored, "phone", "13900000000");
}

/* Both writers set a field to the same value: nothing to choose between. */
static void
test_same_value_is_no_conflict (TwoWriters    *fixture,
                                gconstpointer  data)
{
  g_autoptr(KdxKol) base = NULL;
  g_autoptr(KdxKol) mine = NULL;
  g_autoptr(GError) error = NULL;
  gint64 version;
  gint64 id = add_base (fixture->mine, &base, &version);

  theirs_save_city (fixture, base, version);

  mine = kdx_kol_dup (base);
  g_object_set (mine, "city", "杭州", NULL);
  g_assert_true (save_changes (fixture->mine, mine, base, version, "city", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version_of (fixture->theirs, id), >, version + 1);
  g_clear_object (&mine);
  mine = kdx_test_load_kol (fixture->theirs, id);
  kdx_test_assert_string (mine, "city", "杭州");
}

static gboolean
raise_fit_score (KdxKol   *kol,
                 gpointer  user_data,
                 GError  **error)
{
  g_object_set (kol, "fit-score", 4, NULL);
  return TRUE;
}

/* The version grows on every kind of write of the file, whichever
 * connection makes it. */
static void
test_every_write_raises (TwoWriters    *fixture,
                         gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_test_add_named (fixture->mine, "阿杰");
  gint64 id = kdx_kol_get_id (kol);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(KdxContactLog) log = kdx_contact_log_new (KDX_EVENT_KIND_OUTREACH);
  g_autoptr(KdxBulkEdit) bulk = kdx_bulk_edit_new ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GError) error = NULL;
  gint64 version = version_of (fixture->theirs, id);
  gint64 last = version;

  g_array_append_val (ids, id);
#define ASSERT_RAISED() G_STMT_START {                      \
    gint64 now_ = version_of (fixture->theirs, id);         \
    g_assert_cmpint (now_, >, last);                        \
    last = now_;                                            \
  } G_STMT_END

  /* A save */
  g_object_set (kol, "city", "成都", NULL);
  g_assert_true (kdx_store_save_kol (fixture->mine, kol, &error));
  g_assert_no_error (error);
  ASSERT_RAISED ();

  /* A move on the list or board, and a place in the board's column */
  g_assert_true (kdx_store_move_kol (fixture->mine, id, KDX_STAGE_CONTACTING, NULL, &error));
  g_assert_no_error (error);
  ASSERT_RAISED ();
  g_assert_true (kdx_store_place_on_board (fixture->mine, ids, KDX_STAGE_CONTACTING, 0, &error));
  g_assert_no_error (error);
  ASSERT_RAISED ();

  /* A logged contact */
  log->channel = g_strdup ("微信");
  log->outcome = KDX_OUTCOME_NO_ANSWER;
  g_assert_true (kdx_contact_log_apply (fixture->mine, ids, log, &before, &error));
  g_assert_no_error (error);
  ASSERT_RAISED ();

  /* A bulk edit, and its undo (what an import's merge and undo write) */
  g_clear_pointer (&before, g_ptr_array_unref);
  g_assert_true (kdx_store_edit_kols (fixture->mine, ids, raise_fit_score, NULL, &before, &error));
  g_assert_no_error (error);
  ASSERT_RAISED ();
  g_assert_true (kdx_store_replace_kols (fixture->mine, before, &error));
  g_assert_no_error (error);
  ASSERT_RAISED ();
  g_assert_true (kdx_bulk_edit_add (bulk, "tier", KDX_BULK_SET, "head", &error));
  g_assert_no_error (error);
  g_clear_pointer (&before, g_ptr_array_unref);
  g_assert_true (kdx_bulk_edit_apply (bulk, fixture->mine, ids, &before, &error));
  g_assert_no_error (error);
  ASSERT_RAISED ();

  /* A save of the changed fields, from the other connection */
  g_clear_object (&kol);
  kol = kdx_test_load_kol (fixture->theirs, id);
  {
    g_autoptr(KdxKol) base = kdx_kol_dup (kol);
    const char *names[] = { "notes", NULL };

    g_object_set (kol, "notes", "下周再联系", NULL);
    g_assert_true (kdx_store_save_kol_changes (fixture->theirs, kol, base, last, names,
                                               NULL, NULL, &error));
    g_assert_no_error (error);
    ASSERT_RAISED ();
  }
#undef ASSERT_RAISED

  /* A deleted file has no version. */
  g_assert_true (kdx_store_delete_kol (fixture->mine, id, &error));
  g_assert_no_error (error);
  g_assert_false (kdx_store_get_kol_version (fixture->theirs, id, &version, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND);
}

static void
error_cb (KdxEditSession *session,
          const char     *message,
          char          **last_error)
{
  g_free (*last_error);
  *last_error = g_strdup (message);
}

/* The editor's save (kdx-edit-session.c) while another operator saves the
 * same file through their own connection, which this one is not told of:
 * only the fields typed here go, and a field both changed is refused,
 * said, and kept in the editor. */
static void
test_editor_saves_changes_only (TwoWriters    *fixture,
                                gconstpointer  data)
{
  g_autoptr(KdxKol) base = NULL;
  g_autoptr(KdxKol) theirs = NULL;
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(KdxEditSession) session = kdx_edit_session_new (fixture->mine);
  g_autoptr(GError) error = NULL;
  g_autofree char *last_error = NULL;
  gint64 version;
  gint64 id = add_base (fixture->mine, &base, &version);

  g_signal_connect (session, "error", G_CALLBACK (error_cb), &last_error);
  g_assert_true (kdx_edit_session_open (session, id, &error));
  g_assert_no_error (error);

  /* The other operator moves the city while this one edits the phone. */
  theirs = kdx_test_load_kol (fixture->theirs, id);
  g_object_set (theirs, "city", "杭州", NULL);
  g_assert_true (kdx_store_save_kol (fixture->theirs, theirs, &error));
  g_assert_no_error (error);

  g_object_set (kdx_edit_session_get_kol (session), "phone", "13900000000", NULL);
  kdx_edit_session_flush (session);
  g_assert_null (last_error);
  stored = kdx_test_load_kol (fixture->theirs, id);
  kdx_test_assert_string (stored, "city", "杭州");
  kdx_test_assert_string (stored, "phone", "13900000000");

  /* Then both change the city: the other's stays, this one is told. */
  g_object_set (theirs, "city", "苏州", NULL);
  g_assert_true (kdx_store_save_kol (fixture->theirs, theirs, &error));
  g_assert_no_error (error);
  g_object_set (kdx_edit_session_get_kol (session), "city", "北京", NULL);
  kdx_edit_session_flush (session);
  g_assert_nonnull (last_error);
  g_assert_nonnull (strstr (last_error, "小美"));
  g_clear_object (&stored);
  stored = kdx_test_load_kol (fixture->theirs, id);
  kdx_test_assert_string (stored, "city", "苏州");
  kdx_test_assert_string (kdx_edit_session_get_kol (session), "city", "北京");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, TwoWriters, NULL, two_writers_set_up, func, two_writers_tear_down)
  ADD ("/row-version/different-fields-merge", test_different_fields_merge);
  ADD ("/row-version/same-field-conflicts", test_same_field_conflicts);
  ADD ("/row-version/same-value-is-no-conflict", test_same_value_is_no_conflict);
  ADD ("/row-version/every-write-raises", test_every_write_raises);
  ADD ("/row-version/editor-saves-changes-only", test_editor_saves_changes_only);
#undef ADD

  return g_test_run ();
}
