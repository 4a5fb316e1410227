/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-bulk"

#include "config.h"

#include <string.h>

#include "kdx-importer.h"
#include "kdx-store.h"
#include "kdx-test-digest.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* An import into an empty database drops the indexes it does not read
 * and builds them once at the end (issue 16). Whatever way the import
 * ends, the database has every index it had before. */

/* The indexes of a database nothing was imported into. */
static char *
fresh_indexes (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "fresh.db", NULL);
  g_autoptr(GError) error = NULL;
  char *names;

  g_clear_object (&(KdxStore *){ kdx_test_open_store (path, &error) });
  g_assert_no_error (error);
  names = kdx_test_database_indexes (path);
  kdx_test_remove_tree (dir);
  return names;
}

static KdxImportReport *
import_into (KdxTestFolder *fixture,
             gboolean       dry_run,
             GError       **error)
{
  g_autofree char *csv = kdx_test_fixture ("utf8-bom.csv");
  g_autoptr(KdxImporter) importer = kdx_importer_new (fixture->store);

  kdx_importer_set_dry_run (importer, dry_run);
  return kdx_importer_run (importer, csv, NULL, error);
}

/* One import of the fixture, committed or a dry run (rolled back):
 * afterwards the database has every index a fresh one has. */
static void
test_indexes_after (KdxTestFolder *fixture,
                    gconstpointer  data)
{
  gboolean dry_run = GPOINTER_TO_INT (data);
  g_autofree char *expected = fresh_indexes ();
  g_autoptr(KdxImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  report = import_into (fixture, dry_run, &error);
  g_assert_no_error (error);
  if (dry_run)
    g_assert_cmpint (kdx_test_count_kols (fixture->store), ==, 0);
  else
    g_assert_cmpint (kdx_test_count_kols (fixture->store), >, 0);

  names = kdx_test_database_indexes (fixture->db_path);
  g_assert_cmpstr (names, ==, expected);
  g_assert_true (strstr (names, "kol_display_name\n") != NULL);
}

/* A second import, into a database that has KOLs now, keeps its
 * indexes all along and finds the first one's KOLs as duplicates. */
static void
test_second_import (KdxTestFolder *fixture,
                    gconstpointer  data)
{
  g_autofree char *expected = fresh_indexes ();
  g_autoptr(KdxImportReport) first = NULL;
  g_autoptr(KdxImportReport) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  gint64 n_kols;

  first = import_into (fixture, FALSE, &error);
  g_assert_no_error (error);
  n_kols = kdx_test_count_kols (fixture->store);
  second = import_into (fixture, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kdx_test_count_kols (fixture->store), ==, n_kols);
  g_assert_cmpuint (kdx_import_report_get_count (second, KDX_IMPORT_SKIPPED), ==, n_kols);

  names = kdx_test_database_indexes (fixture->db_path);
  g_assert_cmpstr (names, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/import/bulk/indexes-after-commit", KdxTestFolder, GINT_TO_POINTER (FALSE),
              kdx_test_folder_set_up, test_indexes_after, kdx_test_folder_tear_down);
  g_test_add ("/import/bulk/indexes-after-dry-run", KdxTestFolder, GINT_TO_POINTER (TRUE),
              kdx_test_folder_set_up, test_indexes_after, kdx_test_folder_tear_down);
  g_test_add ("/import/bulk/second-import", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_second_import, kdx_test_folder_tear_down);

  return g_test_run ();
}
