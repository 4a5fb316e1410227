/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-ods-parts"

#include "config.h"

#include "kdx-fuzz-util.h"

/* The ODS reader's XML on its own: the input is content.xml (and, after a
 * NUL, the mimetype member); the harness zips it into a valid ODS
 * container with a manifest, and opens it as the import does, through
 * kdx_table_reader_open, which tells ODS from XLSX and text. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char *const names[] = {
  "mimetype",
  "content.xml",
  "META-INF/manifest.xml",
};

static const char *const defaults[] = {
  "application/vnd.oasis.opendocument.spreadsheet",
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
  "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
  "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">"
  "<office:body><office:spreadsheet><table:table table:name=\"名单\">"
  "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>昵称</text:p></table:table-cell></table:table-row>"
  "</table:table></office:spreadsheet></office:body></office:document-content>",
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">"
  "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>"
  "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
  "</manifest:manifest>",
};

G_STATIC_ASSERT (G_N_ELEMENTS (names) == G_N_ELEMENTS (defaults));

static KdxTableReader *
open_table (const char  *path,
            GError     **error)
{
  KdxTableReaderOptions options = { NULL, 0, NULL };

  return kdx_table_reader_open (path, &options, error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) given = kdx_fuzz_split_parts (data, size);
  GBytes *parts[G_N_ELEMENTS (names)];
  const char *path;

  /* content.xml first in the input, the mimetype after it. */
  parts[0] = given->len > 1 ? g_bytes_ref (g_ptr_array_index (given, 1))
                            : g_bytes_new_static (defaults[0], strlen (defaults[0]));
  /* An empty input stands for the small valid sheet, a start for the
   * fuzzer. */
  parts[1] = size > 0 ? g_bytes_ref (g_ptr_array_index (given, 0))
                      : g_bytes_new_static (defaults[1], strlen (defaults[1]));
  parts[2] = g_bytes_new_static (defaults[2], strlen (defaults[2]));

  path = kdx_fuzz_write_input ((const uint8_t *) "", 0, ".ods");
  kdx_fuzz_write_zip (path, names, parts, G_N_ELEMENTS (names));
  kdx_fuzz_read_table (open_table, path);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    g_bytes_unref (parts[i]);
  return 0;
}
