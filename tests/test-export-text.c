/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export-text"

#include "config.h"

#include "kdx-export.h"
#include "kdx-store.h"
#include "kdx-test-util.h"
#include "kdx-xml-export.h"

/* The XML export of every file reads it as text straight from the
 * store's SELECTs (kdx_store_foreach_file_text, issue 16, item 3): no
 * KOL file is read whole into a KdxKol, which the store counts
 * (kdx_store_get_n_kols_read, kdx_store_foreach_kol included). */

static void
test_no_objects (KdxTestFolder *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "all.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint64 n_read;

  for (guint i = 0; i < 4; i++)
    g_object_unref (kdx_test_add_full_kol (fixture));

  n_read = kdx_store_get_n_kols_read (fixture->store);
  g_assert_true (kdx_xml_export_file (fixture->store, path, NULL, KDX_EXPORT_FLAGS_NONE,
                                      NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kdx_store_get_n_kols_read (fixture->store), ==, n_read);

  /* And the files are in it, lists and all. */
  bytes = kdx_test_read_file (path);
  kdx_test_assert_has (g_bytes_get_data (bytes, NULL), "<channel>");
  kdx_test_assert_has (g_bytes_get_data (bytes, NULL), "<event>");
  kdx_test_assert_has (g_bytes_get_data (bytes, NULL), "<avatar>");
}

static gboolean
stop_at_second (KdxFileText  *file,
                gpointer      user_data,
                GError      **error)
{
  guint *n = user_data;

  if (++*n < 2)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stop");
  return FALSE;
}

/* A walk stops at the first file its function refuses, and leaves the
 * store usable. */
static void
test_stops (KdxTestFolder *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (guint i = 0; i < 3; i++)
    g_object_unref (kdx_test_add_full_kol (fixture));
  g_assert_false (kdx_store_foreach_file_text (fixture->store, stop_at_second, &n, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n, ==, 2);

  g_object_unref (kdx_test_add_full_kol (fixture));
  g_assert_cmpint (kdx_test_count_kols (fixture->store), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/export/text/no-objects", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_no_objects, kdx_test_folder_tear_down);
  g_test_add ("/export/text/stops", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_stops, kdx_test_folder_tear_down);

  return g_test_run ();
}
