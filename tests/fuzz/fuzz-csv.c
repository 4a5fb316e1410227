/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-csv"

#include "config.h"

#include "kdx-csv-reader.h"
#include "kdx-fuzz-util.h"

/* The CSV reader on any bytes: encoding detection (UTF-8, UTF-16 with and
 * without a BOM, GB18030, Big5), the delimiter sniffed, quoting, line ends;
 * and its decoder and sniffer on their own. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static KdxTableReader *
open_csv (const char  *path,
          GError     **error)
{
  return kdx_csv_reader_new (path, NULL, 0, error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *path = kdx_fuzz_write_input (data, size, ".csv");
  /* A declared encoding, as the import assistant lets the user choose. */
  static const char *const encodings[] = { "GB18030", "UTF-16LE", "BIG5", "UTF-8" };

  kdx_fuzz_read_table (open_csv, path);

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *used = NULL;
      g_autofree char *text = kdx_csv_decode ((const char *) data, size, encodings[i], &used, &error);

      kdx_fuzz_check_result (text, error, encodings[i]);
      if (text != NULL)
        {
          if (!g_utf8_validate (text, -1, NULL))
            g_error ("decoded from %s: not UTF-8", encodings[i]);
          (void) kdx_csv_sniff_delimiter (text, strlen (text));
        }
    }
  return 0;
}
