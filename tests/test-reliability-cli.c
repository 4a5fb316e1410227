/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-reliability-cli"

#include "config.h"

#include <string.h>

#include "kdx-test-util.h"

/* Files that once crashed koldex-cli or got a misleading answer
 * (issue 15): each must be refused with its real reason and status 1. */

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* A 0-byte CSV crashed preview and import with SIGSEGV. */
static void
test_empty_csv (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *path = write_file (dir, "empty.csv", "");
  g_auto(KdxCliRun) run = { 0 };

  kdx_test_run_cli (&run, database, "preview", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "empty.csv: the file is empty"));

  kdx_test_run_cli (&run, database, "import", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "empty.csv: the file is empty"));

  kdx_test_run_cli (&run, database, "list", "--json", NULL);
  kdx_test_assert_cli_ok (&run);
  g_assert_cmpstr (g_strstrip (run.out), ==, "[]");
}

/* An XML file with a DOCTYPE went on to the CSV reader, which said "no
 * column holds the display name" (status 3). */
static void
test_xml_with_doctype (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *path = write_file (dir, "entities.xml",
                                      "<?xml version=\"1.0\"?>\n"
                                      "<!DOCTYPE koldex [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                                      "<koldex xmlns=\"https://koldex.github.io/ns/koldex/1\" version=\"1\">"
                                      "<kol><display-name>&x;</display-name></kol></koldex>\n");
  g_auto(KdxCliRun) run = { 0 };

  kdx_test_run_cli (&run, database, "import", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "DOCTYPE"));
  g_assert_null (strstr (run.err, "display name"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reliability-cli/empty-csv", test_empty_csv);
  g_test_add_func ("/reliability-cli/xml-with-doctype", test_xml_with_doctype);

  return g_test_run ();
}
