/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-xml"

#include "config.h"

#include <glib/gstdio.h>

#include "kdx-fuzz-util.h"
#include "kdx-store.h"
#include "kdx-xml-import.h"

/* The Koldex XML importer on any bytes, into a real database (a file in
 * the harness's own folder, started afresh now and then so it stays
 * small). A file it refuses must leave the database as it was; one it
 * takes must be counted. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define INPUTS_PER_DATABASE 2000

static KdxStore *store;
static guint n_inputs;

static void
reopen_store (const char *input)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (input);
  g_autofree char *database = g_build_filename (dir, "fuzz.db", NULL);
  g_autofree char *wal = g_strconcat (database, "-wal", NULL);
  g_autofree char *shm = g_strconcat (database, "-shm", NULL);

  g_clear_object (&store);
  g_unlink (database);
  g_unlink (wal);
  g_unlink (shm);
  if ((store = kdx_store_open (database, &error)) == NULL)
    g_error ("cannot open %s: %s", database, error->message);
}

static gint64
count_kols (void)
{
  g_autoptr(GError) error = NULL;
  gint64 count = kdx_store_count_kols (store, &error);

  if (error != NULL)
    g_error ("cannot count the KOLs: %s", error->message);
  return count;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *path = kdx_fuzz_write_input (data, size, ".xml");
  g_autoptr(KdxXmlImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  KdxDuplicatePolicy policy = size % 3 == 0 ? KDX_DUPLICATE_MERGE
                              : size % 3 == 1 ? KDX_DUPLICATE_SKIP
                                              : KDX_DUPLICATE_NEW;
  gint64 before;

  if (n_inputs++ % INPUTS_PER_DATABASE == 0)
    reopen_store (path);
  before = count_kols ();

  if (!kdx_xml_import_file (store, path, policy, NULL, NULL, NULL, &report, &error))
    {
      /* Refused, for a reason given either way, and nothing written. */
      if (error == NULL && (report == NULL || report->issues == NULL || report->issues->len == 0))
        g_error ("the import failed and said neither why nor where");
      if (error != NULL)
        kdx_fuzz_check_result (NULL, error, "kdx_xml_import_file");
      for (guint i = 0; report != NULL && report->issues != NULL && i < report->issues->len; i++)
        {
          KdxXmlIssue *issue = g_ptr_array_index (report->issues, i);

          if (issue->message == NULL || !g_utf8_validate (issue->message, -1, NULL))
            g_error ("issue %u: no message, or not UTF-8", i);
        }
      if (count_kols () != before)
        g_error ("a refused file changed the database");
      return 0;
    }
  if (report == NULL)
    g_error ("an import without a report");
  if (count_kols () != before + report->created)
    g_error ("%u created, but the database went from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
             report->created, before, count_kols ());
  return 0;
}
