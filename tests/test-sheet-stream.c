/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sheet-stream"

#include "config.h"

#include "kdx-error.h"
#include "kdx-sheet-export.h"
#include "kdx-store.h"
#include "kdx-table-reader.h"
#include "kdx-test-util.h"

/* The spreadsheet exports read their rows with one SELECT
 * (kdx_store_foreach_row, issue 16, item 3) instead of loading every
 * KOL file whole; the values are those of the files. */

/* Full files, plain ones, and a gap in the ids where one was deleted;
 * returns the ids left, in order. */
static GArray *
add_kols (KdxTestFolder *fixture)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 gone;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(KdxKol) full = kdx_test_add_full_kol (fixture);
      g_autoptr(KdxKol) plain = kdx_test_add_named_kol (fixture, "小美", KDX_STAGE_CANDIDATE);
      gint64 id;

      id = kdx_kol_get_id (full);
      g_array_append_val (ids, id);
      id = kdx_kol_get_id (plain);
      g_array_append_val (ids, id);
    }
  {
    g_autoptr(KdxKol) deleted = kdx_test_add_named_kol (fixture, "阿杰", KDX_STAGE_GROWING);
    gone = kdx_kol_get_id (deleted);
  }
  g_assert_true (kdx_store_delete_kol (fixture->store, gone, &error));
  g_assert_no_error (error);
  {
    g_autoptr(KdxKol) last = kdx_test_add_full_kol (fixture);
    gint64 id = kdx_kol_get_id (last);

    g_array_append_val (ids, id);
  }
  return g_steal_pointer (&ids);
}

static char *
export_csv (KdxTestFolder *fixture,
            const char    *name,
            GArray        *ids)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (kdx_sheet_export_file (fixture->store, path, KDX_SHEET_FORMAT_CSV, ids, NULL,
                                        KDX_EXPORT_FLAGS_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* Every row of the CSV at @path holds, column by column, the text of
 * the stored file whose id is in the same place of @ids. */
static void
assert_rows_are_files (KdxTestFolder *fixture,
                       const char    *path,
                       GArray        *ids)
{
  g_auto(GStrv) columns = kdx_sheet_export_default_columns (KDX_EXPORT_FLAGS_NONE);
  g_autoptr(KdxTableReader) reader = NULL;
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GError) error = NULL;
  guint row;

  reader = kdx_table_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  header = kdx_table_reader_next_row (reader, &row, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (header->len, ==, g_strv_length (columns));

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GPtrArray) cells = kdx_table_reader_next_row (reader, &row, &error);
      g_autoptr(KdxKol) kol = kdx_store_load_kol (fixture->store, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      g_assert_nonnull (cells);
      g_assert_nonnull (kol);
      for (guint c = 0; columns[c] != NULL; c++)
        {
          const KdxField *field = kdx_record_find_field (KDX_RECORD (kol), columns[c]);
          g_autofree char *expected = kdx_record_get_string (KDX_RECORD (kol), field);
          const char *got = c < cells->len ? ((KdxCell *) g_ptr_array_index (cells, c))->text : "";

          g_assert_cmpstr (got, ==, expected);
        }
    }
  g_assert_null (kdx_table_reader_next_row (reader, &row, &error));
  g_assert_no_error (error);
}

static void
test_no_whole_files (KdxTestFolder *fixture,
                     gconstpointer  data)
{
  g_autoptr(GArray) ids = add_kols (fixture);
  g_autoptr(GArray) reversed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *xlsx = g_build_filename (fixture->dir, "all.xlsx", NULL);
  g_autofree char *all = NULL;
  g_autofree char *by_id = NULL;
  g_autofree char *backwards = NULL;
  g_autoptr(GBytes) all_bytes = NULL;
  g_autoptr(GBytes) by_id_bytes = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n_read;

  for (guint i = ids->len; i > 0; i--)
    g_array_append_val (reversed, g_array_index (ids, gint64, i - 1));

  n_read = kdx_store_get_n_kols_read (fixture->store);
  all = export_csv (fixture, "all.csv", NULL);
  by_id = export_csv (fixture, "by-id.csv", ids);
  backwards = export_csv (fixture, "backwards.csv", reversed);
  g_assert_true (kdx_sheet_export_file (fixture->store, xlsx, KDX_SHEET_FORMAT_XLSX, NULL, NULL,
                                        KDX_EXPORT_FLAGS_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kdx_store_get_n_kols_read (fixture->store), ==, n_read);

  /* Everyone is everyone by id, and each row is its file. */
  all_bytes = kdx_test_read_file (all);
  by_id_bytes = kdx_test_read_file (by_id);
  g_assert_true (g_bytes_equal (all_bytes, by_id_bytes));
  assert_rows_are_files (fixture, all, ids);
  assert_rows_are_files (fixture, backwards, reversed);
}

/* An id that is not there fails the export as loading it would, and
 * leaves no file. */
static void
test_missing_id (KdxTestFolder *fixture,
                 gconstpointer  data)
{
  g_autoptr(GArray) ids = add_kols (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "gone.csv", NULL);
  g_autoptr(GError) error = NULL;
  gint64 missing = 999999;
  guint n_entries = kdx_test_count_entries (fixture->dir);

  g_array_insert_val (ids, 1, missing);
  g_assert_false (kdx_sheet_export_file (fixture->store, path, KDX_SHEET_FORMAT_CSV, ids, NULL,
                                         KDX_EXPORT_FLAGS_NONE, NULL, NULL, NULL, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (kdx_test_count_entries (fixture->dir), ==, n_entries); /* no temporary one */
}

static gboolean
refuse_second (gint64         id,
               const GValue  *values,
               gpointer       user_data,
               GError       **error)
{
  guint *n = user_data;

  if (++*n < 2)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stop");
  return FALSE;
}

/* A walk stops at the first row its function refuses, and leaves the
 * store as it found it. */
static void
test_stops (KdxTestFolder *fixture,
            gconstpointer  data)
{
  g_autoptr(GArray) ids = add_kols (fixture);
  const KdxField *fields[] = { kdx_record_type_find_field (KDX_TYPE_KOL, "display_name"),
                               kdx_record_type_find_field (KDX_TYPE_KOL, "tags") };
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_false (kdx_store_foreach_row (fixture->store, NULL, fields, G_N_ELEMENTS (fields),
                                         refuse_second, &n, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n, ==, 2);

  g_object_unref (kdx_test_add_full_kol (fixture));
  g_assert_cmpint (kdx_test_count_kols (fixture->store), ==, ids->len + 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/export/sheet-stream/no-whole-files", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_no_whole_files, kdx_test_folder_tear_down);
  g_test_add ("/export/sheet-stream/missing-id", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_missing_id, kdx_test_folder_tear_down);
  g_test_add ("/export/sheet-stream/stops", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_stops, kdx_test_folder_tear_down);

  return g_test_run ();
}
