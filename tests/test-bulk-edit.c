/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-bulk-edit"

#include "config.h"

#include <sqlite3.h>

#include "kdx-bulk-edit.h"
#include "kdx-condition.h"
#include "kdx-error.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* The same change on many KOLs (issue 17, item 1): 1,000 files in one
 * transaction and one Undo, a preview that leaves out what stays, and a
 * failure anywhere that leaves every file as it was. */

static void
count_changed_cb (KdxStore *store,
                  GArray   *ids,
                  guint    *counts)
{
  counts[0]++;           /* commits */
  counts[1] = ids->len;  /* KOLs in the last one */
}

/* @n KOLs "KOL 1".. with tags 旧 (and 新人 on every tenth), in one batch. */
static GArray *
add_many (KdxStore *store,
          guint     n)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  g_assert_true (kdx_store_begin_batch (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdxKol) kol = kdx_kol_new ();
      g_autofree char *name = g_strdup_printf ("KOL %u", i + 1);
      gint64 id;

      kdx_kol_set_display_name (kol, name);
      g_assert_true (kdx_record_set_from_string (KDX_RECORD (kol), "tags",
                                                 i % 10 == 0 ? "旧, 新人" : "旧", &error));
      g_assert_true (kdx_store_add_kol (store, kol, &error));
      g_assert_no_error (error);
      id = kdx_kol_get_id (kol);
      g_array_append_val (ids, id);
    }
  g_assert_true (kdx_store_commit_batch (store, &error));
  return ids;
}

static gint64
count_where (KdxStore   *store,
             const char *condition)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  kdx_kol_query_add_condition (query, kdx_condition_parse (condition, &error));
  g_assert_no_error (error);
  ids = kdx_store_query_ids (store, query, &error);
  g_assert_no_error (error);
  return ids->len;
}

static void
test_thousand_one_undo (KdxTestFolder *fixture,
                        gconstpointer  data)
{
  g_autoptr(GArray) ids = add_many (fixture->store, 1000);
  g_autoptr(KdxBulkEdit) edit = kdx_bulk_edit_new ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxKol) first = NULL;
  g_autoptr(KdxKol) tenth = NULL;
  guint counts[2] = { 0, 0 };
  gulong handler;

  g_assert_true (kdx_bulk_edit_add_text (edit, "owner=小林", &error));
  g_assert_true (kdx_bulk_edit_add_text (edit, "tier=head", &error));
  g_assert_true (kdx_bulk_edit_add_text (edit, "tags+=新人", &error));
  g_assert_true (kdx_bulk_edit_add_text (edit, "tags-=旧", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kdx_bulk_edit_get_n_changes (edit), ==, 4);

  handler = g_signal_connect (fixture->store, "changed", G_CALLBACK (count_changed_cb), counts);
  g_assert_true (kdx_bulk_edit_apply (edit, fixture->store, ids, &before, &error));
  g_assert_no_error (error);

  /* One commit carried all 1,000. */
  g_assert_cmpuint (counts[0], ==, 1);
  g_assert_cmpuint (counts[1], ==, 1000);
  g_assert_cmpuint (before->len, ==, 1000);
  g_assert_cmpint (count_where (fixture->store, "owner=小林"), ==, 1000);
  g_assert_cmpint (count_where (fixture->store, "tier=head"), ==, 1000);
  g_assert_cmpint (count_where (fixture->store, "tags=新人"), ==, 1000);
  g_assert_cmpint (count_where (fixture->store, "tags=旧"), ==, 0);
  tenth = kdx_test_load_kol (fixture->store, g_array_index (ids, gint64, 10));
  g_assert_cmpstrv (kdx_kol_get_tags (tenth), ((const char *[]) { "新人", NULL }));
  g_clear_object (&tenth);

  /* One Undo puts every file back, in one commit too. */
  g_assert_true (kdx_store_replace_kols (fixture->store, before, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts[0], ==, 2);
  g_assert_cmpint (count_where (fixture->store, "owner="), ==, 1000);
  g_assert_cmpint (count_where (fixture->store, "tier="), ==, 1000);
  g_assert_cmpint (count_where (fixture->store, "tags=旧"), ==, 1000);
  g_assert_cmpint (count_where (fixture->store, "tags=新人"), ==, 100);
  first = kdx_test_load_kol (fixture->store, g_array_index (ids, gint64, 0));
  g_assert_true (kdx_record_equal (KDX_RECORD (first), g_ptr_array_index (before, 0)));
  tenth = kdx_test_load_kol (fixture->store, g_array_index (ids, gint64, 10));
  g_assert_cmpstrv (kdx_kol_get_tags (tenth), ((const char *[]) { "旧", "新人", NULL }));

  g_signal_handler_disconnect (fixture->store, handler);
}

static void
test_preview (KdxTestFolder *fixture,
              gconstpointer  data)
{
  g_autoptr(KdxKol) mei = kdx_test_add_named_kol (fixture, "小美", KDX_STAGE_CANDIDATE);
  g_autoptr(KdxKol) jie = kdx_test_add_named_kol (fixture, "阿杰", KDX_STAGE_CANDIDATE);
  g_autoptr(KdxKol) anna = kdx_test_add_named_kol (fixture, "Anna", KDX_STAGE_CANDIDATE);
  g_autoptr(KdxBulkEdit) edit = kdx_bulk_edit_new ();
  g_autoptr(KdxBulkPreview) preview = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 id;
  KdxBulkChange *change;
  guint64 n_read;

  /* 阿杰 has the owner and the tier already: nothing changes for him. */
  g_assert_true (kdx_record_set_from_string (KDX_RECORD (jie), "owner", "Lily", &error));
  g_assert_true (kdx_record_set_from_string (KDX_RECORD (jie), "tier", "waist", &error));
  g_assert_true (kdx_store_save_kol (fixture->store, jie, &error));
  g_assert_true (kdx_record_set_from_string (KDX_RECORD (anna), "owner", "Lily", &error));
  g_assert_true (kdx_store_save_kol (fixture->store, anna, &error));
  g_assert_no_error (error);

  id = kdx_kol_get_id (mei), g_array_append_val (ids, id);
  id = kdx_kol_get_id (jie), g_array_append_val (ids, id);
  id = kdx_kol_get_id (anna), g_array_append_val (ids, id);

  g_assert_true (kdx_bulk_edit_add (edit, "owner", KDX_BULK_SET, "Lily", &error));
  g_assert_true (kdx_bulk_edit_add (edit, "tier", KDX_BULK_SET, "waist", &error));
  g_assert_no_error (error);

  n_read = kdx_store_get_n_kols_read (fixture->store);
  preview = kdx_bulk_edit_preview (edit, fixture->store, ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->n_kols, ==, 2);
  g_assert_cmpuint (preview->changes->len, ==, 3); /* 小美 owner and tier, Anna tier */

  change = g_ptr_array_index (preview->changes, 0);
  g_assert_cmpint (change->id, ==, kdx_kol_get_id (mei));
  g_assert_cmpstr (change->display_name, ==, "小美");
  g_assert_cmpstr (change->field->name, ==, "owner");
  g_assert_cmpstr (change->before, ==, "");
  g_assert_cmpstr (change->after, ==, "Lily");
  change = g_ptr_array_index (preview->changes, 1);
  g_assert_cmpstr (change->field->name, ==, "tier");
  g_assert_cmpstr (change->before, ==, "unrated");
  g_assert_cmpstr (change->after, ==, "waist");
  change = g_ptr_array_index (preview->changes, 2);
  g_assert_cmpint (change->id, ==, kdx_kol_get_id (anna));
  g_assert_cmpstr (change->field->name, ==, "tier");

  /* A preview writes nothing. */
  g_assert_cmpint (count_where (fixture->store, "tier=waist"), ==, 1);
  g_assert_cmpuint (kdx_store_get_n_kols_read (fixture->store), ==, n_read + 3);

  /* Applied, only the two that change are written and come back on Undo. */
  {
    g_autoptr(GPtrArray) before = NULL;
    g_autoptr(KdxKol) jie_after = NULL;

    g_assert_true (kdx_bulk_edit_apply (edit, fixture->store, ids, &before, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (before->len, ==, 2);
    jie_after = kdx_test_load_kol (fixture->store, kdx_kol_get_id (jie));
    g_assert_cmpstr (kdx_kol_get_updated_at (jie_after), ==, kdx_kol_get_updated_at (jie));
    g_assert_cmpint (count_where (fixture->store, "tier=waist"), ==, 3);
  }
}

/* A failure on the 500th of 1,000 files leaves all 1,000 as they were. */
static void
test_failure_rolls_back (KdxTestFolder *fixture,
                         gconstpointer  data)
{
  g_autoptr(GArray) ids = add_many (fixture->store, 1000);
  g_autoptr(KdxBulkEdit) edit = kdx_bulk_edit_new ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) with_unknown = NULL;
  sqlite3 *db = NULL;

  g_assert_true (kdx_bulk_edit_add_text (edit, "owner=小林", &error));
  g_assert_true (kdx_bulk_edit_add_text (edit, "next_follow_up=2025/7/1", &error));
  g_assert_no_error (error);

  /* An id that does not exist: refused, naming it, before any write. */
  with_unknown = g_array_copy (ids);
  g_array_append_val (with_unknown, (gint64) { 99999 });
  g_assert_false (kdx_bulk_edit_apply (edit, fixture->store, with_unknown, &before, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND);
  kdx_test_assert_has (error->message, "99999");
  g_assert_null (before);
  g_assert_cmpint (count_where (fixture->store, "owner="), ==, 1000);
  g_clear_error (&error);

  /* A write the database refuses half-way (a trigger stands in for a
   * full disk): the 499 before it are rolled back too. */
  if (g_str_has_prefix (fixture->location, "postgres"))
    g_free (kdx_test_pg_run_sql (fixture->location,
                                 "CREATE FUNCTION refuse_500 () RETURNS trigger LANGUAGE plpgsql AS "
                                 "'BEGIN RAISE EXCEPTION ''refused''; END';"
                                 "CREATE TRIGGER refuse_500 BEFORE UPDATE ON kol FOR EACH ROW "
                                 "WHEN (NEW.id = 500) EXECUTE FUNCTION refuse_500 ()"));
  else
    {
      g_assert_cmpint (sqlite3_open (fixture->db_path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER refuse_500 BEFORE UPDATE ON kol WHEN NEW.id = 500 "
                                         "BEGIN SELECT RAISE(ABORT, 'refused'); END;", NULL, NULL, NULL),
                       ==, SQLITE_OK);
      sqlite3_close (db);
    }

  g_assert_false (kdx_bulk_edit_apply (edit, fixture->store, ids, &before, &error));
  g_assert_nonnull (error);
  g_assert_null (before);
  g_assert_cmpint (count_where (fixture->store, "owner="), ==, 1000);
  g_assert_cmpint (count_where (fixture->store, "next_follow_up="), ==, 1000);
}

typedef struct
{
  const char *text;
  int         code;
  const char *says;
} BadChange;

static const BadChange bad_changes[] = {
  { "stage=growing", KDX_ERROR_READ_ONLY_FIELD, "Move To" },
  { "uid=x", KDX_ERROR_READ_ONLY_FIELD, "uid" },
  { "avatar=/tmp/a.png", KDX_ERROR_READ_ONLY_FIELD, "avatar" },
  { "fans=3", KDX_ERROR_UNKNOWN_FIELD, "fans" },
  { "fit_score=9", KDX_ERROR_INVALID_VALUE, "fit_score" },
  { "fit_score=9", KDX_ERROR_INVALID_VALUE, "“9”" },
  { "tier=vip", KDX_ERROR_INVALID_VALUE, "vip" },
  { "owner+=x", KDX_ERROR_INVALID_VALUE, "only tags" },
  { "tags+=", KDX_ERROR_INVALID_VALUE, "tags" },
  { "display_name=", KDX_ERROR_INVALID_VALUE, "display_name" },
  { "owner", KDX_ERROR_INVALID_VALUE, "FIELD=VALUE" },
};

static void
test_refusals (void)
{
  g_autoptr(KdxBulkEdit) edit = kdx_bulk_edit_new ();
  guint n_fields;
  const KdxField *const *fields = kdx_bulk_edit_list_fields (&n_fields);

  for (guint i = 0; i < G_N_ELEMENTS (bad_changes); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (kdx_bulk_edit_add_text (edit, bad_changes[i].text, &error));
      g_test_message ("%s: %s", bad_changes[i].text, error->message);
      g_assert_error (error, KDX_ERROR, bad_changes[i].code);
      kdx_test_assert_has (error->message, bad_changes[i].says);
    }
  g_assert_true (kdx_bulk_edit_is_empty (edit));

  /* The dialog offers every writable field but the stage. */
  g_assert_cmpuint (n_fields, >, 30);
  for (guint i = 0; i < n_fields; i++)
    {
      g_assert_cmpstr (fields[i]->name, !=, "stage");
      g_assert_cmpstr (fields[i]->name, !=, "id");
      g_assert_cmpstr (fields[i]->name, !=, "avatar");
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/bulk-edit/thousand-one-undo", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_thousand_one_undo, kdx_test_folder_tear_down);
  g_test_add ("/bulk-edit/preview", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_preview, kdx_test_folder_tear_down);
  g_test_add ("/bulk-edit/failure-rolls-back", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_failure_rolls_back, kdx_test_folder_tear_down);
  g_test_add_func ("/bulk-edit/refusals", test_refusals);

  return g_test_run ();
}
