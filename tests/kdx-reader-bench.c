/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-reader-bench"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/resource.h>

#include "kdx-table-reader.h"

/* kdx-reader-bench FILE...: reads every row of each spreadsheet through
 * its KdxTableReader alone (no mapper, no store) and prints
 * "FILE ROWS CELLS CPU-SECONDS WALL-SECONDS SHA256", so the reading of an
 * import can be told apart from the writing (issue 16, item 2). CPU time
 * too, because the shared machine stretches the clock. The digest covers
 * every row number, cell type and text: two builds of a reader that give
 * the same digest read the file the same. */

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      g_printerr ("usage: kdx-reader-bench FILE...\n");
      return 1;
    }

  for (int a = 1; a < argc; a++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KdxTableReader) reader = NULL;
      GPtrArray *cells;
      guint64 n_rows = 0, n_cells = 0;
      guint row;
      g_autoptr(GChecksum) digest = g_checksum_new (G_CHECKSUM_SHA256);
      double cpu = cpu_seconds ();
      gint64 wall = g_get_monotonic_time ();

      if ((reader = kdx_table_reader_open (argv[a], NULL, &error)) == NULL)
        {
          g_printerr ("%s: %s\n", argv[a], error->message);
          return 1;
        }
      while ((cells = kdx_table_reader_next_row (reader, &row, &error)) != NULL)
        {
          n_rows++;
          n_cells += cells->len;
          g_checksum_update (digest, (const guchar *) &row, sizeof row);
          for (guint i = 0; i < cells->len; i++)
            {
              const KdxCell *cell = g_ptr_array_index (cells, i);
              guint8 type = cell->type;

              g_checksum_update (digest, &type, 1);
              g_checksum_update (digest, (const guchar *) cell->text, strlen (cell->text) + 1);
            }
          g_ptr_array_unref (cells);
        }
      if (error != NULL)
        {
          g_printerr ("%s: %s\n", argv[a], error->message);
          return 1;
        }
      g_print ("%s %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %.2f %.2f %s\n", argv[a], n_rows,
               n_cells, cpu_seconds () - cpu, (g_get_monotonic_time () - wall) / 1e6,
               g_checksum_get_string (digest));
    }
  return 0;
}
