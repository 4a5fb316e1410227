/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-row-shortcuts"

#include "config.h"

#include <glib/gstdio.h>

#include "kdx-csv-reader.h"
#include "kdx-enum-types.h"
#include "kdx-kol.h"
#include "kdx-record.h"
#include "kdx-store.h"
#include "kdx-table-reader.h"
#include "kdx-test-util.h"
#include "kdx-value.h"

/* Issue 16, item 1 once more: what an import does per row, written out
 * by hand instead of through printf, sscanf, GValues and GUuid, must give
 * exactly what the general way gives. */

/* A YYYY-MM-DD date is read digit by digit; every other form still goes
 * through sscanf(). Both give the same. */
static void
test_dates (void)
{
  static const struct { const char *text; const char *iso; } cases[] = {
    { "2024-03-01", "2024-03-01" },
    { "  2024-03-01\n", "2024-03-01" },
    { "0596-01-01", "0596-01-01" },   /* how Koldex writes the year 596 */
    { "0001-01-01", "0001-01-01" },
    { "9999-12-31", "9999-12-31" },
    { "2024-02-29", "2024-02-29" },
    { "2023-02-29", NULL },
    { "2024-13-01", NULL },
    { "2024-00-10", NULL },
    { "0000-01-01", NULL },
    { "2024-3-1", "2024-03-01" },
    { "2024/03/01", "2024-03-01" },
    { "01.03.2024", "2024-03-01" },
    { "2024年3月1日", "2024-03-01" },
    { "596年1月1日", "0596-01-01" },
    { "2024-03-01x", NULL },
    { "20240301", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = kdx_value_parse_date (cases[i].text);

      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpstr (iso, ==, cases[i].iso);
    }
}

/* A time is written as the printf it replaced wrote it. */
static void
test_datetimes (void)
{
  static const int times[][6] = {
    { 2026, 11, 30, 2, 5, 9 }, { 1, 1, 1, 0, 0, 0 }, { 596, 2, 29, 23, 59, 59 },
    { 9999, 12, 31, 23, 59, 59 }, { 2024, 10, 1, 12, 30, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GDateTime) at = g_date_time_new_utc (times[i][0], times[i][1], times[i][2],
                                                     times[i][3], times[i][4], times[i][5]);
      g_autofree char *written = kdx_value_format_datetime (at);
      g_autofree char *expected = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                                                   times[i][0], times[i][1], times[i][2],
                                                   times[i][3], times[i][4], times[i][5]);

      g_assert_cmpstr (written, ==, expected);
      /* And it reads back as the same time. */
      {
        g_autofree char *read = kdx_value_parse_datetime (written);
        g_assert_cmpstr (read, ==, written);
      }
    }
}

/* A number, flag or enum read from the record without a GValue is the
 * value the property holds. */
static void
test_peek_number (void)
{
  g_autoptr(KdxKol) kol = kdx_test_make_full_kol ();
  const KdxField *fields;
  guint n_fields, checked = 0;

  fields = kdx_record_get_fields (KDX_RECORD (kol), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      gint64 expected;

      if (fields[i].type != KDX_FIELD_INT && fields[i].type != KDX_FIELD_BOOL
          && fields[i].type != KDX_FIELD_ENUM)
        continue;
      g_value_init (&value, kdx_field_get_gtype (&fields[i]));
      kdx_record_get_value (KDX_RECORD (kol), &fields[i], &value);
      if (fields[i].type == KDX_FIELD_INT)
        expected = g_value_get_int64 (&value);
      else if (fields[i].type == KDX_FIELD_BOOL)
        expected = g_value_get_boolean (&value) ? 1 : 0;
      else
        expected = g_value_get_enum (&value);
      g_test_message ("%s", fields[i].name);
      g_assert_cmpint (kdx_record_peek_number (KDX_RECORD (kol), &fields[i]), ==, expected);
      checked++;
    }
  /* The full KOL sets some of each kind, not only zeros. */
  g_assert_cmpint (kdx_record_peek_number (KDX_RECORD (kol), kdx_record_find_field (KDX_RECORD (kol), "tier")),
                   ==, kdx_kol_get_tier (kol));
  g_assert_cmpuint (checked, >=, 3);
}

/* The uid the store gives a new KOL is a random version 4 UUID, as
 * g_uuid_string_random() made it, and two are never the same. */
static void
test_new_uids (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "uids.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_store_open (path, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < 64; i++)
    {
      g_autofree char *name = g_strdup_printf ("KOL %u", i);
      g_autoptr(KdxKol) kol = kdx_test_add_named (store, name);
      const char *uid = kdx_kol_get_uid (kol);

      g_assert_nonnull (uid);
      g_assert_true (g_uuid_string_is_valid (uid));
      g_assert_cmpuint (strlen (uid), ==, 36);
      g_assert_cmpint (uid[14], ==, '4');
      g_assert_nonnull (strchr ("89ab", uid[19]));
      for (const char *p = uid; *p != '\0'; p++)
        g_assert_true (*p == '-' || g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f'));
      g_assert_true (g_hash_table_add (seen, g_strdup (uid)));
    }

  g_assert_finalize_object (g_steal_pointer (&store));
  kdx_test_remove_database (path);
  g_rmdir (dir);
}

/* An unquoted field is copied in one go up to its separator: a quote
 * inside it is a character, a line ends it in any of the three ways,
 * and empty fields stay empty. */
static void
test_csv_fields (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "fields.csv", NULL);
  static const char text[] =
    "Display name,Notes,City\r\n"
    "Ann 5\"7,said \"hi\",\r\n"
    "\"Bo, Jr\",,上海\n"
    "Cy,x\"\"y,'=1\r"
    "Di,last,end";
  static const char *const expected[][3] = {
    { "Display name", "Notes", "City" },
    { "Ann 5\"7", "said \"hi\"", NULL },
    { "Bo, Jr", NULL, "上海" },
    { "Cy", "x\"\"y", "=1" },
    { "Di", "last", "end" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxTableReader) reader = NULL;
  guint rows = 0;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  reader = kdx_csv_reader_new (path, "UTF-8", ',', &error);
  g_assert_no_error (error);

  for (;;)
    {
      guint number = 0;
      g_autoptr(GPtrArray) cells = kdx_table_reader_next_row (reader, &number, &error);

      g_assert_no_error (error);
      if (cells == NULL)
        break;
      g_assert_cmpuint (rows, <, G_N_ELEMENTS (expected));
      g_assert_cmpuint (cells->len, ==, 3);
      for (guint i = 0; i < 3; i++)
        {
          const KdxCell *cell = g_ptr_array_index (cells, i);

          if (expected[rows][i] == NULL)
            g_assert_cmpint (cell->type, ==, KDX_CELL_EMPTY);
          else
            g_assert_cmpstr (cell->text, ==, expected[rows][i]);
        }
      rows++;
    }
  g_assert_cmpuint (rows, ==, G_N_ELEMENTS (expected));

  g_clear_object (&reader);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-row-shortcuts/dates", test_dates);
  g_test_add_func ("/import-row-shortcuts/datetimes", test_datetimes);
  g_test_add_func ("/import-row-shortcuts/peek-number", test_peek_number);
  g_test_add_func ("/import-row-shortcuts/new-uids", test_new_uids);
  g_test_add_func ("/import-row-shortcuts/csv-fields", test_csv_fields);

  return g_test_run ();
}
