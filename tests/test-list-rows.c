/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-list-rows"

#include "config.h"

#include "kdx-event.h"
#include "kdx-kol-list.h"
#include "kdx-record.h"
#include "kdx-test-util.h"

/* The list's rows (issue 16, item 4): a screenful of KOLs read in one
 * query with what the list shows, not a whole file each. A row must show
 * exactly what the whole file shows, and follow its changes. */

/* Fails unless @row shows every field and derived fact as @file does. */
static void
assert_row_shows_file (KdxKol *row,
                       KdxKol *file)
{
  const KdxField *fields;
  guint n_fields;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *row_contact = kdx_kol_get_last_contact (row);
  g_autofree char *file_contact = kdx_kol_get_last_contact (file);

  g_assert_true (kdx_kol_is_row (row));
  g_assert_false (kdx_kol_is_row (file));
  fields = kdx_record_type_get_fields (KDX_TYPE_KOL, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *row_text = kdx_record_get_string (KDX_RECORD (row), &fields[i]);
      g_autofree char *file_text = kdx_record_get_string (KDX_RECORD (file), &fields[i]);

      g_test_message ("%s", fields[i].name);
      g_assert_cmpstr (row_text, ==, file_text);
    }
  g_assert_true ((kdx_kol_get_avatar (row) == NULL) == (kdx_kol_get_avatar (file) == NULL));
  if (kdx_kol_get_avatar (file) != NULL)
    g_assert_true (g_bytes_equal (kdx_kol_get_avatar (row), kdx_kol_get_avatar (file)));
  g_assert_cmpstr (row_contact, ==, file_contact);
  g_assert_cmpstr (kdx_kol_get_stage_since (row), ==, kdx_kol_get_stage_since (file));
  g_assert_cmpuint (kdx_kol_get_n_channels (row), ==, kdx_kol_get_n_channels (file));
  g_assert_cmpint (kdx_kol_get_days_in_stage (row, now), ==, kdx_kol_get_days_in_stage (file, now));
}

static void
test_rows_show_what_files_show (KdxTestFolder *fixture,
                                gconstpointer  data)
{
  g_autoptr(KdxKol) full = kdx_test_add_full_kol (fixture);
  g_autoptr(KdxKol) moved = kdx_test_kol_with_history ("阿雪", "candidate@2026-03-02 contacting@2026-03-05");
  g_autoptr(KdxKol) plain = kdx_test_add_named_kol (fixture, "Leo", KDX_STAGE_CANDIDATE);
  g_autoptr(KdxKol) stored_moved = kdx_test_add_kol (fixture, moved);
  gint64 ids[] = { kdx_kol_get_id (full), kdx_kol_get_id (stored_moved), 999999, kdx_kol_get_id (plain) };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint64 files_read = kdx_store_get_n_kols_read (fixture->store);
  guint64 rows_read = kdx_store_get_n_rows_read (fixture->store);

  rows = kdx_store_load_kol_rows (fixture->store, ids, G_N_ELEMENTS (ids), &error);
  g_assert_no_error (error);
  /* The id that names no KOL is left out; nothing was read whole. */
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpuint (kdx_store_get_n_kols_read (fixture->store), ==, files_read);
  g_assert_cmpuint (kdx_store_get_n_rows_read (fixture->store), ==, rows_read + 3);

  for (guint i = 0; i < rows->len; i++)
    {
      KdxKol *row = g_ptr_array_index (rows, i);
      g_autoptr(KdxKol) file = kdx_test_load_kol (fixture->store, kdx_kol_get_id (row));

      assert_row_shows_file (row, file);
    }
}

static void
test_list_reads_rows_and_follows_changes (KdxTestFolder *fixture,
                                          gconstpointer  data)
{
  g_autoptr(KdxKolList) list = NULL;
  g_autoptr(KdxKol) item = NULL;
  g_autoptr(KdxKol) neighbour = NULL;
  g_autoptr(KdxKol) file = NULL;
  g_autoptr(KdxEvent) event = kdx_event_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  guint64 files_read, rows_read;
  guint position;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("KOL %03u", i);
      g_autoptr(KdxKol) kol = kdx_test_add_named_kol (fixture, name, KDX_STAGE_GROWING);
    }
  list = kdx_kol_list_new (fixture->store);
  kdx_kol_list_set_read_rows (list, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 200);

  files_read = kdx_store_get_n_kols_read (fixture->store);
  rows_read = kdx_store_get_n_rows_read (fixture->store);
  item = g_list_model_get_item (G_LIST_MODEL (list), 100);
  g_assert_true (kdx_kol_is_row (item));
  /* One query read the row and its neighbours, both ways, no whole file. */
  g_assert_cmpuint (kdx_store_get_n_rows_read (fixture->store), >, rows_read + 1);
  g_assert_cmpuint (kdx_store_get_n_rows_read (fixture->store), <=, rows_read + 64);
  rows_read = kdx_store_get_n_rows_read (fixture->store);
  neighbour = g_list_model_get_item (G_LIST_MODEL (list), 99);
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), 101));
  g_assert_cmpuint (kdx_store_get_n_rows_read (fixture->store), ==, rows_read);
  g_assert_cmpuint (kdx_store_get_n_kols_read (fixture->store), ==, files_read);

  /* An edit to the whole file (a new name, a contact logged) shows in the
   * row the list handed out, read again as a row. */
  file = kdx_test_load_kol (fixture->store, kdx_kol_get_id (item));
  kdx_kol_set_display_name (file, "KOL 100 改名");
  g_object_set (event, "at", "2026-11-01T09:00:00Z", "kind", KDX_EVENT_KIND_CALL, NULL);
  g_list_store_append (kdx_kol_get_events (file), event);
  files_read = kdx_store_get_n_kols_read (fixture->store);
  g_assert_true (kdx_store_save_kol (fixture->store, file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kdx_kol_get_display_name (item), ==, "KOL 100 改名");
  last = kdx_kol_get_last_contact (item);
  g_assert_cmpstr (last, ==, "2026-11-01T09:00:00Z");
  g_assert_true (kdx_kol_is_row (item));
  g_assert_true (kdx_kol_list_find (list, kdx_kol_get_id (item), &position));
  /* The save reads the stored file once (for what it replaces); the
   * list read none. */
  g_assert_cmpuint (kdx_store_get_n_kols_read (fixture->store), ==, files_read + 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/list-rows/show-what-files-show", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_rows_show_what_files_show, kdx_test_folder_tear_down);
  g_test_add ("/list-rows/list-reads-rows-and-follows-changes", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_list_reads_rows_and_follows_changes, kdx_test_folder_tear_down);

  return g_test_run ();
}
