/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-pg-copy-refusal"

#include "config.h"

#include <string.h>

#include "kdx-error.h"
#include "kdx-importer.h"
#include "kdx-store.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"
#include "kdx-xml-export.h"
#include "kdx-xml-import.h"

/* An import into a team database sends its rows with COPY, thousands at
 * a time, some KOLs after it checked them (src/core/kdx-store-pg-bulk.c).
 * What the server still refuses then must be said as any bad input is:
 * which file, which row, which field, why, with the database left exactly
 * as it was and no trace in the import history
 * (src/core/kdx-store-pg-refusal.c). Each refusal found, on a row K that
 * is not the first:
 *
 *   - a value too long for the server's index (display_name): refused in
 *     C as the row is buffered (the library and koldex-cli);
 *   - contact_every_days past a 32-bit integer: the field's parser
 *     refuses it as on SQLite (a spreadsheet's row is imported without
 *     it; a Koldex XML file is refused at its line);
 *   - a uid another operator committed after the import checked row K;
 *   - whatever else the server refuses (a trigger of the test's), in a
 *     COPY after the first. */

#define N_ROWS 60
#define ROW_K 41             /* 0-based among the data rows */
#define SHEET_ROW(i) ((i) + 2) /* the header is row 1 */

/* Small buffers: row K is sent in a COPY of its own, after the first. */
#define SMALL_COPY "2048"

static void
seed (KdxStore *store)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();

  g_object_set (kol, "display-name", "老王", "platform", "微博", NULL);
  kdx_test_store_kol (store, kol);
}

/* A candidate list of N_ROWS; row K's cell in @column is @value. */
static char *
write_csv (const char *dir,
           const char *column,
           const char *value)
{
  static const char *const headers[] = { "昵称", "粉丝数", "标签", "contact_every_days" };
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *path = g_build_filename (dir, "kols.csv", NULL);
  g_autoptr(GError) error = NULL;

  for (guint h = 0; h < G_N_ELEMENTS (headers); h++)
    kdx_test_append_csv_field (csv, headers[h], h + 1 == G_N_ELEMENTS (headers));
  for (int i = 0; i < N_ROWS; i++)
    {
      g_autofree char *name = g_strdup_printf ("博主%d", i);
      g_autofree char *followers = g_strdup_printf ("%d", 1000 + i);
      const char *cells[] = { name, followers, "美妆、育儿", "7" };

      for (guint h = 0; h < G_N_ELEMENTS (headers); h++)
        {
          const char *cell = i == ROW_K && g_str_equal (headers[h], column) ? value : cells[h];

          kdx_test_append_csv_field (csv, cell, h + 1 == G_N_ELEMENTS (headers));
        }
    }
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* Text no compression makes short: CJK characters from a fixed sequence. */
static char *
long_name (guint n_chars)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint32 x = 12345;

  for (guint i = 0; i < n_chars; i++)
    {
      x = x * 1103515245 + 12345;
      g_string_append_unichar (text, 0x4e00 + (x >> 8) % 0x5000);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

typedef struct
{
  char      *uri;
  KdxStore  *store;
  GBytes    *before;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = kdx_test_pg_open_new_store (&fixture->uri);
  /* A database with a KOL: its indexes stay during an import. */
  seed (fixture->store);
  fixture->before = kdx_test_database_snapshot (fixture->uri);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_unsetenv ("KOLDEX_PG_COPY_BYTES");
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->before, g_bytes_unref);
  g_free (fixture->uri);
}

/* The failed import left every table as it was, no history, and the
 * store writes on. */
static void
assert_unchanged (Fixture *fixture)
{
  g_autoptr(GBytes) after = kdx_test_database_snapshot (fixture->uri);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_bytes_equal (after, fixture->before));
  g_assert_false (kdx_store_in_batch (fixture->store));
  runs = kdx_store_list_imports (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 0);
  /* The store writes on; what it holds then is the next import's "before". */
  seed (fixture->store);
  g_bytes_unref (fixture->before);
  fixture->before = kdx_test_database_snapshot (fixture->uri);
}

static void
assert_says (const GError *error,
             const char   *expected)
{
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
}

static KdxImportReport *
import_csv (KdxStore    *store,
            const char  *csv,
            GError     **error)
{
  g_autoptr(KdxImporter) importer = kdx_importer_new (store);

  kdx_importer_set_duplicate_policy (importer, KDX_DUPLICATE_NEW);
  return kdx_importer_run (importer, csv, NULL, error);
}

/* The import of @csv fails whole, saying @expected; nothing changed. */
static void
assert_import_refused (Fixture    *fixture,
                       const char *csv,
                       const char *expected)
{
  g_autoptr(KdxImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = import_csv (fixture->store, csv, &error);
  g_assert_null (report);
  g_assert_error (error, KDX_ERROR, KDX_ERROR_DATABASE);
  assert_says (error, expected);
  assert_unchanged (fixture);
}

/* koldex-cli's import of @csv fails with exit status 1, saying
 * @expected on standard error and nothing else; nothing changed. */
static void
assert_cli_refuses (Fixture    *fixture,
                    const char *csv,
                    const char *expected)
{
  g_auto(KdxCliRun) run = { 0 };

  kdx_test_run_cli (&run, fixture->uri, "import", csv, NULL);
  g_assert_cmpint (run.status, ==, 1);
  if (strstr (run.err, expected) == NULL)
    g_error ("“%s” does not say “%s”", run.err, expected);
  g_assert_cmpstr (run.out, ==, "");
  assert_unchanged (fixture);
}

/* A display name longer than the server's index holds: refused as row K
 * is buffered, by its row and field, not by the server some rows later
 * ("index row size … exceeds btree version 4 maximum 2704"); from the
 * library, then from koldex-cli (its message and exit status). */
static void
test_too_long (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *name = long_name (1000);
  g_autofree char *csv = write_csv (dir, "昵称", name);
  g_autofree char *shown = g_utf8_substring (name, 0, 40);
  g_autofree char *expected = g_strdup_printf ("kols.csv: row %d, field display_name: “%s…” is too long for a team "
                                               "database: 3000 bytes, where it indexes at most 2000",
                                               SHEET_ROW (ROW_K), shown);

  assert_import_refused (fixture, csv, expected);
  assert_cli_refuses (fixture, csv, expected);
}

/* contact_every_days is INTEGER on the server: from a spreadsheet its
 * parser refuses a number past it, as on SQLite, and the row is
 * imported without it, the same on both engines. */
static void
test_days_from_sheet (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *csv = write_csv (dir, "contact_every_days", "3000000000");
  g_autofree char *file = g_build_filename (dir, "kols.db", NULL);
  g_autoptr(KdxStore) sqlite = NULL;
  g_autoptr(GError) error = NULL;

  sqlite = kdx_store_open (file, &error);
  g_assert_no_error (error);
  for (guint engine = 0; engine < 2; engine++)
    {
      g_autoptr(KdxImportReport) report = import_csv (engine == 0 ? sqlite : fixture->store, csv, &error);
      const KdxImportProblem *problem;

      g_assert_no_error (error);
      g_assert_cmpuint (kdx_import_report_get_count (report, KDX_IMPORT_CREATED), ==, N_ROWS);
      g_assert_cmpuint (kdx_import_report_get_n_problems (report), ==, 1);
      problem = kdx_import_report_get_problem (report, 0);
      g_assert_cmpuint (problem->row, ==, SHEET_ROW (ROW_K));
      g_assert_cmpstr (problem->column, ==, "contact_every_days");
      g_assert_cmpstr (problem->value, ==, "3000000000");
      g_assert_nonnull (strstr (problem->reason, "2,147,483,647"));
    }
}

/* A Koldex XML file of N_ROWS KOLs, each contact_every_days 7, from an
 * SQLite file in @dir; the line of each <kol> in @lines. */
static char *
write_xml (const char  *dir,
           GArray     **lines,
           char       **uid_k)
{
  g_autofree char *file = g_build_filename (dir, "source.db", NULL);
  g_autofree char *path = g_build_filename (dir, "kols.xml", NULL);
  g_autoptr(KdxStore) store = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  guint line = 1;

  store = kdx_store_open (file, &error);
  g_assert_no_error (error);
  for (int i = 0; i < N_ROWS; i++)
    {
      g_autoptr(KdxKol) kol = kdx_kol_new ();
      g_autofree char *name = g_strdup_printf ("博主%d", i);

      g_object_set (kol, "display-name", name, "contact-every-days", (gint64) 7,
                    "tags", (const char *const[]) { "美妆", NULL }, NULL);
      kdx_test_store_kol (store, kol);
      if (i == ROW_K)
        *uid_k = g_strdup (kdx_kol_get_uid (kol));
    }
  g_assert_true (kdx_xml_export_file (store, path, NULL, KDX_EXPORT_FLAGS_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  *lines = g_array_new (FALSE, FALSE, sizeof (guint));
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        line++;
      else if (g_str_has_prefix (p, "<kol>"))
        g_array_append_val (*lines, line);
    }
  g_assert_cmpuint ((*lines)->len, ==, N_ROWS);
  return g_steal_pointer (&path);
}

static guint
count_lines (const char *text,
             const char *end)
{
  guint n = 0;

  for (const char *p = text; p < end; p++)
    if (*p == '\n')
      n++;
  return n;
}

/* Row K's contact_every_days in the XML file made past a 32-bit
 * integer; the line it is on. */
static guint
spoil_days (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GString) spoilt = NULL;
  g_autoptr(GError) error = NULL;
  const char *p;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  p = text;
  for (int i = 0; i <= ROW_K; i++)
    p = strstr (p + 1, "<contact_every_days>7<");
  g_assert_nonnull (p);
  spoilt = g_string_new_len (text, p - text);
  g_string_append (spoilt, "<contact_every_days>3000000000<");
  g_string_append (spoilt, p + strlen ("<contact_every_days>7<"));
  g_assert_true (g_file_set_contents (path, spoilt->str, (gssize) spoilt->len, &error));
  return 1 + count_lines (text, p);
}

/* From Koldex XML too the field's parser refuses it, by its line, in the
 * words SQLite's import gives, before the server would ("value out of
 * range for type integer" at some later COPY). */
static void
test_days_from_xml (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autoptr(GArray) lines = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *xml = write_xml (dir, &lines, &uid);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  guint line = spoil_days (xml);

  g_assert_cmpuint (line, >, g_array_index (lines, guint, ROW_K));
  g_assert_cmpuint (line, <, g_array_index (lines, guint, ROW_K + 1));
  expected = g_strdup_printf ("kols.xml:%u:", line);
  g_assert_false (kdx_xml_import_file (fixture->store, xml, KDX_DUPLICATE_NEW, NULL, NULL, NULL, NULL, &error));
  assert_says (error, expected);
  assert_says (error, "contact_every_days: “3000000000” is too large; Koldex keeps whole numbers up to 2,147,483,647");
  assert_unchanged (fixture);

  /* What SQLite says of the same file. */
  {
    g_autofree char *file = g_build_filename (dir, "kols.db", NULL);
    g_autoptr(KdxStore) sqlite = kdx_store_open (file, NULL);
    g_autoptr(GError) sqlite_error = NULL;

    g_assert_false (kdx_xml_import_file (sqlite, xml, KDX_DUPLICATE_NEW, NULL, NULL, NULL, NULL, &sqlite_error));
    g_assert_nonnull (sqlite_error);
    g_assert_cmpstr (sqlite_error->message, ==, error->message);
  }
}

typedef struct
{
  Fixture    *fixture;
  const char *uid;
  guint       done;
} Race;

/* After row K was checked (its uid found nowhere) and buffered, another
 * operator commits a KOL with that uid. */
static void
race_progress_cb (guint    n_done,
                  gpointer data)
{
  Race *race = data;
  g_autofree char *insert = NULL;

  if (n_done != ROW_K + 1)
    return;
  insert = g_strdup_printf ("SET lock_timeout = '60s';"
                            " INSERT INTO kol (uid, display_name, created_at, updated_at)"
                            " VALUES ('%s', '抢先', '2024-05-01T08:00:00Z', '2024-05-01T08:00:00Z')",
                            race->uid);
  g_free (kdx_test_pg_run_sql (race->fixture->uri, insert));
  /* What the database holds now is what the import must leave. */
  g_bytes_unref (race->fixture->before);
  race->fixture->before = kdx_test_database_snapshot (race->fixture->uri);
  race->done++;
}

static void
test_uid_committed_meanwhile (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autoptr(GArray) lines = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *xml = write_xml (dir, &lines, &uid);
  g_autofree char *expected = NULL;
  g_autofree char *says = NULL;
  Race race = { fixture, NULL, 0 };
  g_autoptr(GError) error = NULL;

  race.uid = uid;
  expected = g_strdup_printf ("kols.xml:%u:", g_array_index (lines, guint, ROW_K));
  says = g_strdup_printf ("uid: “%s” is already the uid of another KOL", uid);
  g_assert_false (kdx_xml_import_file (fixture->store, xml, KDX_DUPLICATE_NEW, NULL,
                                       race_progress_cb, &race, NULL, &error));
  g_assert_cmpuint (race.done, ==, 1);
  assert_says (error, expected);
  assert_says (error, says);
  assert_unchanged (fixture);
}

/* The server's own rule (a trigger of the test's): tag 拒绝 refused. */
static void
add_refusing_trigger (Fixture *fixture)
{
  g_free (kdx_test_pg_run_sql (fixture->uri,
                               "CREATE FUNCTION kdx_test_refuse () RETURNS trigger LANGUAGE plpgsql AS $$"
                               " BEGIN IF NEW.tag = '拒绝' THEN RAISE EXCEPTION 'tag refused by the test';"
                               " END IF; RETURN NEW; END $$;"
                               " CREATE TRIGGER kdx_test_refuse BEFORE INSERT ON kol_tag"
                               " FOR EACH ROW EXECUTE FUNCTION kdx_test_refuse ()"));
  g_bytes_unref (fixture->before);
  fixture->before = kdx_test_database_snapshot (fixture->uri);
  g_setenv ("KOLDEX_PG_COPY_BYTES", SMALL_COPY, TRUE);
}

#define REFUSED_TAG "field tags: “拒绝” was refused by the team database: tag refused by the test"

/* Whatever else the server refuses (here the test's trigger on tags),
 * in a COPY after the first: by row K and the field, with the server's
 * reason; from the library, then from koldex-cli (which inherits
 * KOLDEX_PG_COPY_BYTES). */
static void
test_server_refuses (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *csv = write_csv (dir, "标签", "拒绝");
  g_autofree char *expected = g_strdup_printf ("kols.csv: row %d, " REFUSED_TAG, SHEET_ROW (ROW_K));
  g_autofree char *line = g_strconcat (expected, "\n", NULL);

  add_refusing_trigger (fixture);
  assert_import_refused (fixture, csv, expected);
  assert_cli_refuses (fixture, csv, line);
}

/* A dry run says what the import would: its last rows reach the server
 * before it rolls back, so the refusal is found, by its row. */
static void
test_dry_run_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *csv = write_csv (dir, "标签", "拒绝");
  g_autofree char *expected = g_strdup_printf ("kols.csv: row %d, " REFUSED_TAG, SHEET_ROW (ROW_K));
  g_autoptr(KdxImporter) importer = kdx_importer_new (fixture->store);
  g_autoptr(KdxImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(KdxCliRun) run = { 0 };

  add_refusing_trigger (fixture);
  /* Every row in the last buffer, which only the end of an import sends. */
  g_unsetenv ("KOLDEX_PG_COPY_BYTES");
  kdx_importer_set_dry_run (importer, TRUE);
  report = kdx_importer_run (importer, csv, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, KDX_ERROR, KDX_ERROR_DATABASE);
  assert_says (error, expected);
  assert_unchanged (fixture);

  kdx_test_run_cli (&run, fixture->uri, "import", csv, "--dry-run", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, expected));
  assert_unchanged (fixture);
}

/* In Chinese (po/zh_CN.po, the build's translations). */
static void
test_server_refuses_chinese (Fixture       *fixture,
                             gconstpointer  data)
{
  g_assert_nonnull (g_getenv ("KDX_LOCALEDIR"));
  if (g_test_subprocess ())
    {
      g_autofree char *dir = kdx_test_make_tmp_dir ();
      g_autofree char *csv = write_csv (dir, "标签", "拒绝");
      g_autofree char *expected = g_strdup_printf ("kols.csv: 第 %d 行，字段 tags：“拒绝”被团队数据库拒绝："
                                                   "tag refused by the test", SHEET_ROW (ROW_K));

      add_refusing_trigger (fixture);
      assert_import_refused (fixture, csv, expected);
      return;
    }
  kdx_test_trap_in_language ("zh_CN");
}

int
main (int    argc,
      char **argv)
{
  /* The Chinese case reads the translations of the build. */
  kdx_test_use_build_translations ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/pg/copy-refusal/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("too-long", test_too_long);
  ADD ("days-from-sheet", test_days_from_sheet);
  ADD ("days-from-xml", test_days_from_xml);
  ADD ("uid-committed-meanwhile", test_uid_committed_meanwhile);
  ADD ("server-refuses", test_server_refuses);
  ADD ("server-refuses-chinese", test_server_refuses_chinese);
  ADD ("dry-run-refused", test_dry_run_refused);
#undef ADD

  return g_test_run ();
}
