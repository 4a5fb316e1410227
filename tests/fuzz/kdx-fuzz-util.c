/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-fuzz"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "kdx-fuzz-util.h"
#include "kdx-kol.h"

/* A row cap keeps each input fast: a hostile file of a million rows tells
 * the fuzzer nothing that its first thousands do not. */
#define MAX_ROWS_PER_SHEET 5000

static char *input_dir;

/* A warning or a critical is a bug found, as in the test suite. GLib
 * stops a fatal message with SIGTRAP, which libFuzzer does not catch (it
 * would keep no input): abort() instead, which it does. */
static void
log_cb (const char     *domain,
        GLogLevelFlags  level,
        const char     *message,
        gpointer        user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL))
    {
      /* Not through GLib's own handler: it would trap first. */
      fprintf (stderr, "%s: %s\n", domain != NULL ? domain : "(no domain)", message);
      abort ();
    }
  g_log_default_handler (domain, level, message, user_data);
}

int LLVMFuzzerInitialize (int *argc, char ***argv);

/* libFuzzer calls it once, before the first input. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_log_set_default_handler (log_cb, NULL);
  /* The readers read files: each process writes its inputs into a
   * folder of its own (in memory where there is /dev/shm). */
  input_dir = g_strdup_printf ("%s/koldex-fuzz-%d",
                               g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm"
                                                                            : g_get_tmp_dir (),
                               (int) getpid ());
  if (g_mkdir_with_parents (input_dir, 0700) != 0)
    g_error ("cannot make %s", input_dir);
  g_type_ensure (KDX_TYPE_KOL);
  return 0;
}

const char *
kdx_fuzz_write_input (const uint8_t *data,
                      size_t         size,
                      const char    *suffix)
{
  static char *path;
  g_autoptr(GError) error = NULL;

  g_free (path);
  path = g_strdup_printf ("%s/input%s", input_dir, suffix);
  if (!g_file_set_contents (path, (const char *) data, size, &error))
    g_error ("cannot write %s: %s", path, error->message);
  return path;
}

/* Issue 15's first crash: a reader returned NULL and no error, and the
 * CLI dereferenced the missing error. */
void
kdx_fuzz_check_result (gconstpointer  result,
                       GError        *error,
                       const char    *what)
{
  if (result == NULL && error == NULL)
    g_error ("%s returned nothing and no error", what);
  if (result == NULL && (error->message == NULL || *error->message == '\0'))
    g_error ("%s failed with an empty message", what);
  if (error != NULL && !g_utf8_validate (error->message, -1, NULL))
    g_error ("%s: the error message is not UTF-8", what);
}

static void
drain_sheet (KdxTableReader *reader)
{
  for (guint n = 0; n < MAX_ROWS_PER_SHEET; n++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) row = NULL;
      guint row_number = 0;

      row = kdx_table_reader_next_row (reader, &row_number, &error);
      if (row == NULL)
        {
          if (error != NULL)
            kdx_fuzz_check_result (NULL, error, "next_row");
          return;
        }
      if (row->len > KDX_TABLE_MAX_COLUMNS)
        g_error ("a row of %u cells, over the limit", row->len);
      for (guint i = 0; i < row->len; i++)
        {
          KdxCell *cell = g_ptr_array_index (row, i);

          if (cell == NULL || cell->text == NULL)
            g_error ("row %u, cell %u: no text", row_number, i);
          if (!g_utf8_validate (cell->text, -1, NULL))
            g_error ("row %u, cell %u: not UTF-8", row_number, i);
        }
      (void) kdx_table_reader_get_progress (reader);
    }
}

/* Every sheet, every row (up to the cap), as the importer would. */
void
kdx_fuzz_drain_reader (KdxTableReader *reader)
{
  const char *const *sheets = kdx_table_reader_get_sheets (reader);
  guint n_sheets = sheets != NULL ? g_strv_length ((char **) sheets) : 0;

  (void) kdx_table_reader_get_format (reader);
  (void) kdx_table_reader_get_encoding (reader);
  (void) kdx_table_reader_get_delimiter (reader);
  (void) kdx_table_reader_get_date_1904 (reader);

  drain_sheet (reader);
  for (guint i = 0; i < n_sheets && i < 8; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!g_utf8_validate (sheets[i], -1, NULL))
        g_error ("sheet %u: its name is not UTF-8", i);
      if (!kdx_table_reader_select_sheet (reader, i, &error))
        {
          kdx_fuzz_check_result (NULL, error, "select_sheet");
          continue;
        }
      drain_sheet (reader);
    }
}

void
kdx_fuzz_read_table (KdxTableReader *(*open) (const char  *path,
                                              GError     **error),
                     const char      *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxTableReader) reader = open (path, &error);

  kdx_fuzz_check_result (reader, error, path);
  if (reader != NULL)
    kdx_fuzz_drain_reader (reader);
}

/* Splits an input at KDX_FUZZ_PART_SEPARATOR into GBytes. */
GPtrArray *
kdx_fuzz_split_parts (const uint8_t *data,
                      size_t         size)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  size_t start = 0;

  for (size_t i = 0; i <= size; i++)
    if (i == size || data[i] == KDX_FUZZ_PART_SEPARATOR)
      {
        g_ptr_array_add (parts, g_bytes_new (data + start, i - start));
        start = i + 1;
      }
  return parts;
}

/* A valid zip container of these members, as Excel or LibreOffice would
 * write it (deflated; the first member stored, as ODS wants its
 * mimetype). */
void
kdx_fuzz_write_zip (const char          *path,
                    const char *const   *names,
                    GBytes *const       *contents,
                    guint                n_entries)
{
  struct archive *zip = archive_write_new ();

  if (archive_write_set_format_zip (zip) != ARCHIVE_OK
      || archive_write_open_filename (zip, path) != ARCHIVE_OK)
    g_error ("cannot write %s: %s", path, archive_error_string (zip));

  for (guint i = 0; i < n_entries; i++)
    {
      struct archive_entry *entry = archive_entry_new ();
      gsize length = 0;
      gconstpointer bytes = g_bytes_get_data (contents[i], &length);

      if (i == 0)
        archive_write_zip_set_compression_store (zip);
      else
        archive_write_zip_set_compression_deflate (zip);
      archive_entry_set_pathname (entry, names[i]);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, length);
      if (archive_write_header (zip, entry) != ARCHIVE_OK
          || (length > 0 && archive_write_data (zip, bytes, length) != (la_ssize_t) length))
        g_error ("cannot write %s into %s: %s", names[i], path, archive_error_string (zip));
      archive_entry_free (entry);
    }
  if (archive_write_close (zip) != ARCHIVE_OK)
    g_error ("cannot finish %s: %s", path, archive_error_string (zip));
  archive_write_free (zip);
}
