/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <glib/gstdio.h>

#include "kdx-enums.h"
#include "kdx-error.h"
#include "kdx-stage-entry.h"
#include "kdx-store.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

typedef struct
{
  char     *dir;
  char     *path;
  char     *location; /* path, or a database on the test server */
  KdxStore *store;
  GArray   *changes; /* every id of every "changed" emission */
  guint     n_signals;
} Fixture;

static void
changed_cb (KdxStore *store,
            GArray   *ids,
            Fixture  *fixture)
{
  fixture->n_signals++;
  g_array_append_vals (fixture->changes, ids->data, ids->len);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = kdx_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->location = kdx_test_database_location (fixture->path);
  fixture->store = kdx_store_open (fixture->location, &error);
  g_assert_no_error (error);
  fixture->changes = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

  g_assert_finalize_object (fixture->store);
  g_array_unref (fixture->changes);
  g_unlink (fixture->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->location);
  g_free (fixture->dir);
}

/* ---- writes ----------------------------------------------------------------- */

static void
test_add_load_every_field (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_test_make_full_kol ();
  g_autoptr(KdxKol) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStageEntry) entry = NULL;

  g_assert_true (kdx_store_add_kol (fixture->store, kol, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kdx_kol_get_id (kol), >, 0);
  g_assert_true (g_uuid_string_is_valid (kdx_kol_get_uid (kol)));
  g_assert_nonnull (kdx_kol_get_created_at (kol));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_kol_get_stage_history (kol))), ==, 1);
  entry = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_stage_history (kol)), 0);
  g_assert_cmpint (kdx_stage_entry_get_stage (entry), ==, KDX_STAGE_GROWING);

  loaded = kdx_store_load_kol (fixture->store, kdx_kol_get_id (kol), &error);
  g_assert_no_error (error);
  g_assert_true (kdx_kol_equal (kol, loaded));

  g_assert_cmpuint (fixture->n_signals, ==, 1);
  g_assert_cmpint (g_array_index (fixture->changes, gint64, 0), ==, kdx_kol_get_id (kol));
}

static void
test_save (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_test_make_full_kol ();
  g_autoptr(KdxKol) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (kdx_store_add_kol (fixture->store, kol, &error));
  g_object_set (kol, "notes", "改过了", "followers", (gint64) 7, "tags", NULL, "avatar", NULL, NULL);
  g_list_store_remove_all (kdx_kol_get_channels (kol));
  g_assert_true (kdx_store_save_kol (fixture->store, kol, &error));
  g_assert_no_error (error);

  loaded = kdx_store_load_kol (fixture->store, kdx_kol_get_id (kol), &error);
  g_assert_true (kdx_kol_equal (kol, loaded));
  g_assert_cmpstr (kdx_kol_get_notes (loaded), ==, "改过了");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_kol_get_channels (loaded))), ==, 0);
  g_assert_null (kdx_kol_get_tags (loaded));
  g_assert_cmpuint (fixture->n_signals, ==, 2);
}

static void
test_invalid_write_changes_nothing (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_test_add_named (fixture->store, "小美");
  g_autoptr(KdxKol) nameless = kdx_kol_new ();
  g_autoptr(KdxKol) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (kdx_store_add_kol (fixture->store, nameless, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE);
  g_assert_cmpint (kdx_kol_get_id (nameless), ==, 0);
  g_clear_error (&error);

  g_object_set (kol, "display-name", NULL, NULL);
  g_assert_false (kdx_store_save_kol (fixture->store, kol, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  loaded = kdx_store_load_kol (fixture->store, kdx_kol_get_id (kol), &error);
  g_assert_cmpstr (kdx_kol_get_display_name (loaded), ==, "小美");
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 1);
  g_assert_cmpuint (fixture->n_signals, ==, 1);

  /* Saving or moving what is not there. */
  g_object_set (loaded, "id", (gint64) 999, NULL);
  g_assert_false (kdx_store_save_kol (fixture->store, loaded, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (kdx_store_move_kol (fixture->store, 999, KDX_STAGE_MATURE, NULL, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (kdx_store_delete_kol (fixture->store, 999, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND);
  g_assert_cmpuint (fixture->n_signals, ==, 1);
}

static void
test_move_records_history (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_test_add_named (fixture->store, "阿强");
  g_autoptr(KdxKol) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStageEntry) second = NULL;
  g_autoptr(KdxStageEntry) third = NULL;
  GListModel *history;
  gint64 id = kdx_kol_get_id (kol);

  g_assert_true (kdx_store_move_kol (fixture->store, id, KDX_STAGE_CONTACTING, "发了私信", &error));
  g_assert_true (kdx_store_move_kol (fixture->store, id, KDX_STAGE_DECLINED, NULL, &error));
  /* Moving to where it is records nothing. */
  g_assert_true (kdx_store_move_kol (fixture->store, id, KDX_STAGE_DECLINED, "again", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_signals, ==, 3);

  loaded = kdx_store_load_kol (fixture->store, id, &error);
  g_assert_cmpint (kdx_kol_get_stage (loaded), ==, KDX_STAGE_DECLINED);
  history = G_LIST_MODEL (kdx_kol_get_stage_history (loaded));
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 3);
  second = g_list_model_get_item (history, 1);
  third = g_list_model_get_item (history, 2);
  g_assert_cmpint (kdx_stage_entry_get_stage (second), ==, KDX_STAGE_CONTACTING);
  g_assert_cmpstr (kdx_stage_entry_get_note (second), ==, "发了私信");
  g_assert_cmpint (kdx_stage_entry_get_stage (third), ==, KDX_STAGE_DECLINED);
  g_assert_null (kdx_stage_entry_get_note (third));
  g_assert_true (g_str_has_suffix (kdx_stage_entry_get_at (third), "Z"));

  /* A stage changed through save is dated as well. */
  kdx_kol_set_stage (loaded, KDX_STAGE_CANDIDATE);
  g_assert_true (kdx_store_save_kol (fixture->store, loaded, &error));
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 4);
}

static void
test_delete_and_restore (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_test_make_full_kol ();
  g_autoptr(KdxKol) saved = NULL;
  g_autoptr(KdxKol) restored = NULL;
  g_autoptr(KdxKol) other = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (kdx_store_add_kol (fixture->store, kol, &error));
  g_assert_true (kdx_store_move_kol (fixture->store, kdx_kol_get_id (kol), KDX_STAGE_MATURE, "升级", &error));
  g_assert_true (kdx_store_reload_kol (fixture->store, kol, &error));
  id = kdx_kol_get_id (kol);
  saved = kdx_kol_dup (kol);

  g_assert_true (kdx_store_delete_kol (fixture->store, id, &error));
  g_assert_null (kdx_store_load_kol (fixture->store, id, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Ids are never reused, so an undo can put the file back as it was. */
  other = kdx_test_add_named (fixture->store, "新人");
  g_assert_cmpint (kdx_kol_get_id (other), >, id);

  g_assert_true (kdx_store_add_kol (fixture->store, saved, &error));
  g_assert_no_error (error);
  restored = kdx_store_load_kol (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (kdx_kol_equal (restored, kol));

  /* The same file cannot be added twice. */
  g_assert_false (kdx_store_add_kol (fixture->store, saved, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE);
}

static void
test_batch (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxKol) first = NULL;
  g_autoptr(KdxKol) twin = NULL;

  g_assert_true (kdx_store_begin_batch (fixture->store, &error));
  for (guint i = 0; i < 3; i++)
    g_object_unref (kdx_test_add_named (fixture->store, "批量"));
  kdx_store_rollback_batch (fixture->store);
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 0);
  g_assert_cmpuint (fixture->n_signals, ==, 0);

  g_assert_true (kdx_store_begin_batch (fixture->store, &error));
  first = kdx_test_add_named (fixture->store, "一");
  /* A failing write inside a batch undoes itself only. */
  twin = kdx_kol_dup (first);
  g_assert_false (kdx_store_add_kol (fixture->store, twin, &error));
  g_clear_error (&error);
  g_object_unref (kdx_test_add_named (fixture->store, "二"));
  g_assert_cmpuint (fixture->n_signals, ==, 0);
  g_assert_true (kdx_store_commit_batch (fixture->store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 2);
  g_assert_cmpuint (fixture->n_signals, ==, 1);
  g_assert_cmpuint (fixture->changes->len, ==, 2);
}

/* While an import holds the write lock (a sibling connection in a batch),
 * writes through the store it came from fail at once, say why and change
 * nothing; afterwards they go on as before, and what the sibling
 * committed is announced by the store's own "changed". */
static void
test_writes_held (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxKol) kept = kdx_test_add_named (fixture->store, "留");
  g_autoptr(KdxKol) waiting = kdx_kol_new ();
  g_autoptr(KdxKol) imported = kdx_kol_new ();
  g_autoptr(KdxStore) import = kdx_store_open_sibling (fixture->store, &error);
  guint signals_before = fixture->n_signals;

  g_assert_no_error (error);
  kdx_kol_set_display_name (waiting, "等");
  kdx_kol_set_display_name (imported, "导");
  g_assert_true (kdx_store_begin_batch (import, &error));
  g_assert_true (kdx_store_add_kol (import, imported, &error));

  g_assert_false (kdx_store_add_kol (fixture->store, waiting, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "import"));
  g_clear_error (&error);

  kdx_kol_set_display_name (kept, "改");
  g_assert_false (kdx_store_save_kol (fixture->store, kept, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_BUSY);
  g_clear_error (&error);

  g_assert_false (kdx_store_begin_batch (fixture->store, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_false (kdx_store_in_batch (fixture->store));

  /* Reads go on, and see the database as it was. */
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 1);
  g_assert_cmpuint (fixture->n_signals, ==, signals_before);

  /* Rolled back: writes go on, and there is nothing to announce. */
  kdx_store_rollback_batch (import);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (fixture->n_signals, ==, signals_before);
  g_assert_true (kdx_store_add_kol (fixture->store, waiting, &error));
  g_assert_no_error (error);
  g_assert_true (kdx_store_save_kol (fixture->store, kept, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 2);
  g_assert_true (kdx_store_begin_batch (fixture->store, &error));
  kdx_store_rollback_batch (fixture->store);

  /* Committed: the store says so itself, with no ids ("look again at
   * everything"), once, in its own main context. */
  signals_before = fixture->n_signals;
  g_array_set_size (fixture->changes, 0);
  g_clear_object (&imported);
  imported = kdx_kol_new ();
  kdx_kol_set_display_name (imported, "导");
  g_assert_true (kdx_store_begin_batch (import, &error));
  g_assert_true (kdx_store_add_kol (import, imported, &error));
  g_assert_true (kdx_store_commit_batch (import, &error));
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (fixture->n_signals, ==, signals_before + 1);
  g_assert_cmpuint (fixture->changes->len, ==, 0);
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 3);
  g_assert_true (kdx_store_save_kol (fixture->store, kept, &error));
  g_assert_no_error (error);
}

/* Several files go in one transaction, come back as they were, and an
 * unknown id or a file already there changes nothing at all. */
static void
test_delete_restore_many (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KdxKol) full = kdx_test_make_full_kol ();
  g_autoptr(KdxKol) plain = kdx_test_add_named (fixture->store, "乙");
  g_autoptr(KdxKol) kept = kdx_test_add_named (fixture->store, "丙");
  g_autoptr(KdxKol) reloaded = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) twins = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  gint64 missing = 999;
  guint signals_before;

  g_assert_true (kdx_store_add_kol (fixture->store, full, &error));
  g_assert_true (kdx_store_move_kol (fixture->store, kdx_kol_get_id (full), KDX_STAGE_MATURE, "升级", &error));
  g_assert_true (kdx_store_reload_kol (fixture->store, full, &error));
  g_array_append_vals (ids, &(gint64) { kdx_kol_get_id (full) }, 1);
  g_array_append_vals (ids, &(gint64) { kdx_kol_get_id (plain) }, 1);

  /* One unknown id: nothing is deleted, and no one is told otherwise. */
  g_array_append_val (ids, missing);
  signals_before = fixture->n_signals;
  g_assert_false (kdx_store_delete_kols (fixture->store, ids, &files, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (files);
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 3);
  g_assert_cmpuint (fixture->n_signals, ==, signals_before);
  g_array_set_size (ids, 2);

  /* Two deleted together: one "changed" with both, the whole files back. */
  g_array_set_size (fixture->changes, 0);
  g_assert_true (kdx_store_delete_kols (fixture->store, ids, &files, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_signals, ==, signals_before + 1);
  g_assert_cmpuint (fixture->changes->len, ==, 2);
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 1);
  g_assert_cmpuint (files->len, ==, 2);
  g_assert_true (kdx_kol_equal (g_ptr_array_index (files, 0), full));
  g_assert_true (kdx_kol_equal (g_ptr_array_index (files, 1), plain));

  /* A restore that meets a file already there puts back none. */
  g_ptr_array_add (twins, kdx_kol_dup (g_ptr_array_index (files, 0)));
  g_ptr_array_add (twins, kdx_kol_dup (kept));
  signals_before = fixture->n_signals;
  g_assert_false (kdx_store_restore_kols (fixture->store, twins, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 1);
  g_assert_cmpuint (fixture->n_signals, ==, signals_before);

  /* Undo of the delete: same ids, uids and histories, in one transaction. */
  g_assert_true (kdx_store_restore_kols (fixture->store, files, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_signals, ==, signals_before + 1);
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 3);
  reloaded = kdx_store_load_kol (fixture->store, kdx_kol_get_id (full), &error);
  g_assert_no_error (error);
  g_assert_true (kdx_kol_equal (reloaded, full));
}

/* The undo of a move of several cards: every saved file written back in
 * one transaction, or, when one cannot be, none. */
static void
test_replace_many (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KdxKol) a = kdx_test_add_named (fixture->store, "甲");
  g_autoptr(KdxKol) b = kdx_test_add_named (fixture->store, "乙");
  g_autoptr(KdxKol) gone = kdx_kol_new ();
  g_autoptr(KdxKol) now_a = NULL;
  g_autoptr(KdxKol) now_b = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint signals_before;

  g_array_append_vals (ids, &(gint64) { kdx_kol_get_id (a) }, 1);
  g_array_append_vals (ids, &(gint64) { kdx_kol_get_id (b) }, 1);
  g_ptr_array_add (files, kdx_store_load_kol (fixture->store, kdx_kol_get_id (a), &error));
  g_ptr_array_add (files, kdx_store_load_kol (fixture->store, kdx_kol_get_id (b), &error));
  g_assert_no_error (error);
  g_assert_true (kdx_store_move_kols (fixture->store, ids, KDX_STAGE_MATURE, NULL, "升级", &error));

  /* A file that is no longer there fails the whole undo. */
  kdx_kol_set_display_name (gone, "无");
  g_object_set (gone, "id", (gint64) 999, NULL);
  g_ptr_array_add (files, g_object_ref (gone));
  signals_before = fixture->n_signals;
  g_assert_false (kdx_store_replace_kols (fixture->store, files, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (fixture->n_signals, ==, signals_before);
  now_a = kdx_store_load_kol (fixture->store, kdx_kol_get_id (a), &error);
  g_assert_cmpint (kdx_kol_get_stage (now_a), ==, KDX_STAGE_MATURE);
  g_clear_object (&now_a);

  g_ptr_array_remove_index (files, 2);
  g_array_set_size (fixture->changes, 0);
  g_assert_true (kdx_store_replace_kols (fixture->store, files, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_signals, ==, signals_before + 1);
  g_assert_cmpuint (fixture->changes->len, ==, 2);
  now_a = kdx_store_load_kol (fixture->store, kdx_kol_get_id (a), &error);
  now_b = kdx_store_load_kol (fixture->store, kdx_kol_get_id (b), &error);
  g_assert_true (kdx_kol_equal (now_a, g_ptr_array_index (files, 0)));
  g_assert_true (kdx_kol_equal (now_b, g_ptr_array_index (files, 1)));
}

/* ---- queries ---------------------------------------------------------------- */

static GArray *
query (KdxStore          *store,
       const KdxKolQuery *q)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = kdx_store_query_ids (store, q, &error);

  g_assert_no_error (error);
  return ids;
}

static void
test_query (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(KdxKol) full = kdx_test_make_full_kol ();
  g_autoptr(KdxKol) a = kdx_test_add_named (fixture->store, "小红书达人");
  g_autoptr(KdxKol) b = kdx_test_add_named (fixture->store, "Tech Tom");
  g_autoptr(KdxKolQuery) q = kdx_kol_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  const char *tags[] = { "美妆", NULL };

  g_assert_true (kdx_store_add_kol (fixture->store, full, &error));
  g_object_set (b, "followers", (gint64) 999999, "owner", "阿杰", NULL);
  g_assert_true (kdx_store_save_kol (fixture->store, b, &error));

#define ASSERT_IDS(q, n, first_id) \
  G_STMT_START { \
    g_autoptr(GArray) got = query (fixture->store, q); \
    g_assert_cmpuint (got->len, ==, n); \
    if (n > 0) g_assert_cmpint (g_array_index (got, gint64, 0), ==, first_id); \
  } G_STMT_END

  ASSERT_IDS (q, 3, kdx_kol_get_id (a));

  kdx_kol_query_set_search (q, "小红");          /* two characters: scanned */
  ASSERT_IDS (q, 1, kdx_kol_get_id (a));
  kdx_kol_query_set_search (q, "红书达");        /* three: the trigram index */
  ASSERT_IDS (q, 1, kdx_kol_get_id (a));
  kdx_kol_query_set_search (q, "tech");          /* case does not matter */
  ASSERT_IDS (q, 1, kdx_kol_get_id (b));
  kdx_kol_query_set_search (q, "xm_bili");       /* a channel's handle */
  ASSERT_IDS (q, 1, kdx_kol_get_id (full));
  kdx_kol_query_set_search (q, "测评");          /* a tag */
  ASSERT_IDS (q, 1, kdx_kol_get_id (full));
  kdx_kol_query_set_search (q, "第二行");        /* the notes */
  ASSERT_IDS (q, 1, kdx_kol_get_id (full));
  kdx_kol_query_set_search (q, "小美　上海 \"");  /* ideographic space, quote */
  ASSERT_IDS (q, 0, 0);
  kdx_kol_query_set_search (q, "100%_");
  ASSERT_IDS (q, 0, 0);
  kdx_kol_query_set_search (q, NULL);

  q->stages = 1u << KDX_STAGE_GROWING;
  ASSERT_IDS (q, 1, kdx_kol_get_id (full));
  q->stages = (1u << KDX_STAGE_GROWING) | (1u << KDX_STAGE_CANDIDATE);
  ASSERT_IDS (q, 3, kdx_kol_get_id (a));
  q->stages = 0;

  q->tiers = 1u << KDX_TIER_WAIST;
  ASSERT_IDS (q, 1, kdx_kol_get_id (full));
  q->tiers = 0;

  q->tags = g_strdupv ((char **) tags);
  ASSERT_IDS (q, 1, kdx_kol_get_id (full));
  g_clear_pointer (&q->tags, g_strfreev);

  q->owner = g_strdup ("阿杰");
  ASSERT_IDS (q, 2, kdx_kol_get_id (b));
  g_clear_pointer (&q->owner, g_free);

  /* Only the KOLs named (the list's "Due" filter); none named, none. */
  q->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ASSERT_IDS (q, 0, 0);
  {
    gint64 wanted[] = { kdx_kol_get_id (full), kdx_kol_get_id (b) };
    g_autoptr(KdxKolQuery) copy = NULL;

    g_array_append_vals (q->ids, wanted, G_N_ELEMENTS (wanted));
    ASSERT_IDS (q, 2, kdx_kol_get_id (b));
    copy = kdx_kol_query_copy (q);
    g_assert_true (kdx_kol_query_equal (copy, q));
    g_array_set_size (copy->ids, 1);
    g_assert_false (kdx_kol_query_equal (copy, q));
  }
  g_clear_pointer (&q->ids, g_array_unref);

  kdx_kol_query_set_sort (q, "followers", TRUE);
  ids = query (fixture->store, q);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, kdx_kol_get_id (b));
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, kdx_kol_get_id (full));
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, kdx_kol_get_id (a));

  /* The full file has a contact in its timeline; the others none, last. */
  kdx_kol_query_set_sort (q, "last_contact", TRUE);
  ASSERT_IDS (q, 3, kdx_kol_get_id (full));

  {
    g_auto(GStrv) owners = kdx_store_list_values (fixture->store, "owner", &error);
    g_auto(GStrv) all_tags = kdx_store_list_values (fixture->store, "tags", &error);
    g_auto(GStrv) categories = kdx_store_list_values (fixture->store, "category", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (owners), ==, 1);
    g_assert_cmpstr (owners[0], ==, "阿杰");
    g_assert_cmpuint (g_strv_length (all_tags), ==, 2);
    g_assert_cmpuint (g_strv_length (categories), ==, 1);
  }

  /* Only known columns sort; anything else falls back to the id order. */
  kdx_kol_query_set_sort (q, "followers; DROP TABLE kol", FALSE);
  ASSERT_IDS (q, 3, kdx_kol_get_id (a));
  g_assert_false (kdx_store_is_sort_field ("tags"));
#undef ASSERT_IDS
}

static void
test_duplicates_and_merge (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KdxKol) stored = kdx_test_make_full_kol ();
  g_autoptr(KdxKol) by_phone = kdx_kol_new ();
  g_autoptr(KdxKol) by_wechat = kdx_kol_new ();
  g_autoptr(KdxKol) by_handle = kdx_kol_new ();
  g_autoptr(KdxKol) stranger = kdx_kol_new ();
  g_autoptr(KdxKol) sparse = kdx_kol_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;
  const char *tags[] = { "美妆", "新标签", NULL };

  g_assert_true (kdx_store_add_kol (fixture->store, stored, &error));
  g_object_set (by_phone, "display-name", "a", "phone", "+8613800138000", NULL);
  g_object_set (by_wechat, "display-name", "b", "wechat", "xiaomei_88", NULL);
  g_object_set (by_handle, "display-name", "c", "platform", "xiaohongshu", "handle", "@xiaomei", NULL);
  g_object_set (stranger, "display-name", "d", "platform", "weibo", "handle", "@xiaomei", NULL);

  g_assert_cmpint (kdx_store_find_duplicate (fixture->store, by_phone, &error), ==, kdx_kol_get_id (stored));
  g_assert_cmpint (kdx_store_find_duplicate (fixture->store, by_wechat, &error), ==, kdx_kol_get_id (stored));
  g_assert_cmpint (kdx_store_find_duplicate (fixture->store, by_handle, &error), ==, kdx_kol_get_id (stored));
  g_assert_cmpint (kdx_store_find_duplicate (fixture->store, stranger, &error), ==, 0);
  g_assert_cmpint (kdx_store_find_uid (fixture->store, kdx_kol_get_uid (stored), &error), ==, kdx_kol_get_id (stored));
  g_assert_no_error (error);

  /* Merging keeps what is known and fills what is not. */
  g_object_set (sparse, "display-name", "小美", "city", "上海", "tags", tags, NULL);
  g_object_set (stored, "city", NULL, NULL);
  kdx_kol_merge (stored, sparse);
  g_object_get (stored, "city", &city, NULL);
  g_assert_cmpstr (kdx_kol_get_display_name (stored), ==, "小美 🌸");
  g_assert_cmpstr (city, ==, "上海");
  g_assert_cmpuint (g_strv_length ((char **) kdx_kol_get_tags (stored)), ==, 3);
  g_assert_cmpint (kdx_kol_get_stage (stored), ==, KDX_STAGE_GROWING);
}

static void
test_board_moves (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KdxKol) a = kdx_test_add_named (fixture->store, "甲");
  g_autoptr(KdxKol) b = kdx_test_add_named (fixture->store, "乙");
  g_autoptr(KdxKol) c = kdx_test_add_named (fixture->store, "丙");
  g_autoptr(KdxKol) before = NULL;
  g_autoptr(KdxKol) after = NULL;
  g_autoptr(KdxKol) restored = NULL;
  g_autoptr(KdxKolQuery) q = kdx_kol_query_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStageEntry) last = NULL;
  g_autofree char *reason = NULL;
  gint64 count = 0, followers = 0;
  gint64 id_a = kdx_kol_get_id (a), id_b = kdx_kol_get_id (b), id_c = kdx_kol_get_id (c);
  guint signals_before;

  kdx_kol_set_followers (a, 100);
  kdx_kol_set_followers (b, 20);
  g_assert_true (kdx_store_save_kol (fixture->store, a, &error));
  g_assert_true (kdx_store_save_kol (fixture->store, b, &error));
  before = kdx_store_load_kol (fixture->store, id_a, &error);

  /* Two cards dragged to Departed together, with why they left. */
  g_array_append_val (ids, id_a);
  g_array_append_val (ids, id_b);
  signals_before = fixture->n_signals;
  g_assert_true (kdx_store_move_kols (fixture->store, ids, KDX_STAGE_DEPARTED, "poached", "被对手挖走", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_signals, ==, signals_before + 1);

  after = kdx_store_load_kol (fixture->store, id_a, &error);
  g_object_get (after, "churn-reason", &reason, NULL);
  g_assert_cmpint (kdx_kol_get_stage (after), ==, KDX_STAGE_DEPARTED);
  g_assert_cmpstr (reason, ==, "poached");
  last = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_stage_history (after)), 1);
  g_assert_cmpint (kdx_stage_entry_get_stage (last), ==, KDX_STAGE_DEPARTED);
  g_assert_cmpstr (kdx_stage_entry_get_note (last), ==, "被对手挖走");
  g_assert_cmpstr (kdx_kol_get_stage_since (after), ==, kdx_stage_entry_get_at (last));

  q->stages = 1u << KDX_STAGE_DEPARTED;
  g_assert_true (kdx_store_query_stats (fixture->store, q, &count, &followers, &error));
  g_assert_cmpint (count, ==, 2);
  g_assert_cmpint (followers, ==, 120);

  /* Undo writes the saved file back exactly: no extra history entry. */
  g_assert_true (kdx_store_replace_kol (fixture->store, before, &error));
  restored = kdx_store_load_kol (fixture->store, id_a, &error);
  g_assert_true (kdx_kol_equal (restored, before));

  /* Manual order within a column. */
  g_array_set_size (ids, 0);
  g_array_append_val (ids, id_c);
  g_assert_true (kdx_store_place_on_board (fixture->store, ids, KDX_STAGE_CANDIDATE, id_a, &error));
  q->stages = 1u << KDX_STAGE_CANDIDATE;
  kdx_kol_query_set_sort (q, "board", FALSE);
  order = query (fixture->store, q);
  g_assert_cmpuint (order->len, ==, 2);
  g_assert_cmpint (g_array_index (order, gint64, 0), ==, id_c);
  g_assert_cmpint (g_array_index (order, gint64, 1), ==, id_a);

  g_assert_false (kdx_store_move_kol (fixture->store, 999, KDX_STAGE_MATURE, NULL, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND);
}

/* ---- two connections -------------------------------------------------------- */

typedef struct
{
  const char *path;
  guint       n;
  const char *prefix;
} WriterData;

static gpointer
writer_thread (gpointer user_data)
{
  WriterData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_store_open (data->path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < data->n; i++)
    {
      g_autoptr(KdxKol) kol = kdx_kol_new ();
      g_autofree char *name = g_strdup_printf ("%s %u", data->prefix, i);

      kdx_kol_set_display_name (kol, name);
      g_assert_true (kdx_store_add_kol (store, kol, &error));
      g_assert_no_error (error);
      g_assert_true (kdx_store_move_kol (store, kdx_kol_get_id (kol), KDX_STAGE_CONTACTING, NULL, &error));
      g_assert_no_error (error);
    }
  return NULL;
}

/* A worker writes through a sibling connection while the main one reads;
 * the sibling never makes a database that is not there. */
static gpointer
sibling_writer_thread (gpointer user_data)
{
  KdxStore *sibling = user_data;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(KdxKol) kol = kdx_kol_new ();

      kdx_kol_set_display_name (kol, "工作线程");
      g_assert_true (kdx_store_add_kol (sibling, kol, &error));
      g_assert_no_error (error);
    }
  return sibling;
}

static void
test_sibling (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) sibling = kdx_store_open_sibling (fixture->store, &error);
  g_autoptr(KdxKol) kol = kdx_test_add_named (fixture->store, "主");
  g_autoptr(KdxKol) seen = NULL;
  g_autofree char *moved = g_strconcat (fixture->path, ".moved", NULL);
  KdxStore *orphan;
  GThread *worker;

  g_assert_no_error (error);
  g_assert_true (sibling != fixture->store);
  g_assert_cmpstr (kdx_store_get_path (sibling), ==, kdx_store_get_path (fixture->store));

  /* Each sees what the other committed. */
  seen = kdx_store_load_kol (sibling, kdx_kol_get_id (kol), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdx_kol_get_display_name (seen), ==, "主");

  worker = g_thread_new ("sibling-writer", sibling_writer_thread, g_object_ref (sibling));
  for (guint i = 0; i < 20; i++)
    g_assert_cmpint (kdx_store_count_kols (fixture->store, &error), >=, 1);
  g_object_unref (g_thread_join (worker));
  g_assert_no_error (error);
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 51);

  /* Gone from its place: a sibling fails rather than start an empty one. */
  g_assert_finalize_object (g_steal_pointer (&sibling));
  g_assert_cmpint (g_rename (fixture->path, moved), ==, 0);
  orphan = kdx_store_open_sibling (fixture->store, &error);
  g_assert_null (orphan);
  g_assert_error (error, KDX_ERROR, KDX_ERROR_DATABASE);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_rename (moved, fixture->path), ==, 0);
}

static void
test_two_connections (Fixture       *fixture,
                      gconstpointer  data)
{
  WriterData one = { fixture->location, 150, "甲" };
  WriterData two = { fixture->location, 150, "乙" };
  GThread *a = g_thread_new ("writer-a", writer_thread, &one);
  GThread *b = g_thread_new ("writer-b", writer_thread, &two);
  g_autoptr(KdxKolQuery) q = kdx_kol_query_new ();
  g_autoptr(GArray) ids = NULL;

  g_thread_join (a);
  g_thread_join (b);

  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 300);
  q->stages = 1u << KDX_STAGE_CONTACTING;
  ids = query (fixture->store, q);
  g_assert_cmpuint (ids->len, ==, 300);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/kol/add-load-every-field", test_add_load_every_field);
  ADD ("/store/kol/save", test_save);
  ADD ("/store/kol/invalid-write-changes-nothing", test_invalid_write_changes_nothing);
  ADD ("/store/kol/move-records-history", test_move_records_history);
  ADD ("/store/kol/delete-and-restore", test_delete_and_restore);
  ADD ("/store/kol/delete-restore-many", test_delete_restore_many);
  ADD ("/store/kol/replace-many", test_replace_many);
  ADD ("/store/batch", test_batch);
  ADD ("/store/writes-held", test_writes_held);
  ADD ("/store/duplicates-and-merge", test_duplicates_and_merge);
  ADD ("/store/board-moves", test_board_moves);
  ADD ("/store/query", test_query);
  ADD ("/store/two-connections", test_two_connections);
  ADD ("/store/sibling", test_sibling);
#undef ADD

  return g_test_run ();
}
