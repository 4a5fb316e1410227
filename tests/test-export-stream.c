/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export-stream"

#include "config.h"

#include "kdx-export.h"
#include "kdx-store.h"
#include "kdx-test-util.h"
#include "kdx-xml-export.h"

/* An export of every file reads each table once, side by side
 * (kdx_store_foreach_kol, issue 16), instead of every file by its id.
 * Both ways must write the same bytes. */

static gboolean
count_kol (KdxKol    *kol,
           gpointer   user_data,
           GError   **error)
{
  GArray *ids = user_data;
  gint64 id = kdx_kol_get_id (kol);

  g_array_append_val (ids, id);
  return TRUE;
}

static void
test_same_as_by_id (KdxTestFolder *fixture,
                    gconstpointer  data)
{
  g_autofree char *walked = g_build_filename (fixture->dir, "walked.xml", NULL);
  g_autofree char *by_id = g_build_filename (fixture->dir, "by-id.xml", NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GBytes) walked_bytes = NULL;
  g_autoptr(GBytes) by_id_bytes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 gone;

  /* Full files with every list, plain ones with none, and a gap in the
   * ids where a file was deleted. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(KdxKol) full = kdx_test_add_full_kol (fixture);
      g_autoptr(KdxKol) plain = kdx_test_add_named_kol (fixture, "小美", KDX_STAGE_CANDIDATE);
    }
  {
    g_autoptr(KdxKol) deleted = kdx_test_add_named_kol (fixture, "阿杰", KDX_STAGE_GROWING);
    gone = kdx_kol_get_id (deleted);
  }
  g_assert_true (kdx_store_delete_kol (fixture->store, gone, &error));
  g_assert_no_error (error);
  g_object_unref (kdx_test_add_full_kol (fixture));

  g_assert_true (kdx_store_foreach_kol (fixture->store, count_kol, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 7);

  g_assert_true (kdx_xml_export_file (fixture->store, walked, NULL, KDX_EXPORT_FLAGS_NONE,
                                      NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kdx_xml_export_file (fixture->store, by_id, ids, KDX_EXPORT_FLAGS_NONE,
                                      NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  walked_bytes = kdx_test_read_file (walked);
  by_id_bytes = kdx_test_read_file (by_id);
  g_assert_cmpuint (g_bytes_get_size (walked_bytes), >, 1000);
  g_assert_true (g_bytes_equal (walked_bytes, by_id_bytes));
}

/* A walk stops at the first file its function refuses, with its error. */
static gboolean
refuse_second (KdxKol    *kol,
               gpointer   user_data,
               GError   **error)
{
  guint *n = user_data;

  if (++*n < 2)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stop");
  return FALSE;
}

static void
test_stops (KdxTestFolder *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (guint i = 0; i < 3; i++)
    g_object_unref (kdx_test_add_full_kol (fixture));
  g_assert_false (kdx_store_foreach_kol (fixture->store, refuse_second, &n, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n, ==, 2);

  /* The store is usable afterwards: no statement or transaction left open. */
  g_object_unref (kdx_test_add_full_kol (fixture));
  g_assert_cmpint (kdx_test_count_kols (fixture->store), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/export/stream/same-as-by-id", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_same_as_by_id, kdx_test_folder_tear_down);
  g_test_add ("/export/stream/stops", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_stops, kdx_test_folder_tear_down);

  return g_test_run ();
}
