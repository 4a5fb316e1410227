/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-test"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kdx-channel.h"
#include "kdx-enums.h"
#include "kdx-event.h"
#include "kdx-important-date.h"
#include "kdx-stage-entry.h"
#include "kdx-importer.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* A 1x1 PNG. */
static const guchar tiny_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
  0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
  0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
  0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
  0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00,
  0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

GBytes *
kdx_test_tiny_png (void)
{
  return g_bytes_new_static (tiny_png, sizeof tiny_png);
}

KdxKol *
kdx_test_make_full_kol (void)
{
  KdxKol *kol = kdx_kol_new ();
  g_autoptr(GBytes) avatar = kdx_test_tiny_png ();
  g_autoptr(KdxChannel) channel = kdx_channel_new ();
  g_autoptr(KdxEvent) event = kdx_event_new ();
  g_autoptr(KdxImportantDate) date = kdx_important_date_new ();
  g_autoptr(KdxImportantDate) lunar = kdx_important_date_new ();
  const char *tags[] = { "美妆", "护肤 & <测评>", NULL };

  g_object_set (kol,
                "display-name", "小美 🌸",
                "real-name", "王小美",
                "gender", KDX_GENDER_FEMALE,
                "birthday", "1995-03-08",
                "city", "上海",
                "bio", "美妆博主\n第二行 \"引号\" & <标签>",
                "personality", "直爽",
                "preferences", "喜欢猫；不喝咖啡",
                "avatar", avatar,
                "phone", "+8613800138000",
                "wechat", "xiaomei_88",
                "email", "xm@example.cn",
                "address", "上海市徐汇区某路 1 号",
                "agent", "李经纪 139 0000 0000",
                "platform", "xiaohongshu",
                "handle", "@xiaomei",
                "followers", (gint64) 125000,
                "category", "beauty",
                "tags", tags,
                "tier", KDX_TIER_WAIST,
                "fit-score", (gint64) 4,
                "content-quality", (gint64) 5,
                "activity", (gint64) 3,
                "fan-quality", "忠实，女性为主",
                "fans-portable", KDX_FANS_PORTABLE_PARTLY,
                "own-account", "xm_official",
                "source", KDX_SOURCE_INTERNAL,
                "purpose", KDX_PURPOSE_CONVERSION,
                "plan", KDX_PLAN_PROFIT_SHARE,
                "fee", "12000.50",
                "currency", "CNY",
                "exclusive", TRUE,
                "exclusive-since", "2024-05-01",
                "incentives", "流量扶持",
                "demands", "每月一次推荐位",
                "rules-agreed-on", "2024-04-20",
                "stage", KDX_STAGE_GROWING,
                "churn-reason", "poached",
                "owner", "阿杰",
                "next-follow-up", "2026-12-01",
                "contact-every-days", (gint64) 14,
                "reapproach-on", "2027-03-01",
                "notes", "第一行\n第二行",
                NULL);

  g_object_set (channel, "platform", "bilibili", "handle", "xm_bili", "url", "https://example.cn/xm?a=1&b=2",
                "followers", (gint64) 30000, "rank", (gint64) 120, "activity", (gint64) 4,
                "checked-on", "2024-06-01", NULL);
  g_list_store_append (kdx_kol_get_channels (kol), channel);

  g_object_set (event, "at", "2024-03-01T10:00:00Z", "kind", KDX_EVENT_KIND_OUTREACH,
                "channel", "weibo", "summary", "私信 <第一次>", "outcome", KDX_OUTCOME_INTERESTED,
                "amount", "299.00", NULL);
  g_list_store_append (kdx_kol_get_events (kol), event);

  g_object_set (date, "label", "合作周年", "date", "2024-05-01", "yearly", TRUE, NULL);
  g_list_store_append (kdx_kol_get_important_dates (kol), date);
  g_object_set (lunar, "label", "农历生日", "date", "1995-03-08", "yearly", TRUE,
                "calendar", KDX_CALENDAR_CHINESE, NULL);
  g_list_store_append (kdx_kol_get_important_dates (kol), lunar);

  return kol;
}

char *
kdx_test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("koldex-test-XXXXXX", &error);

  g_assert_no_error (error);
  /* Reachable by the unprivileged user some tests switch to. */
  g_chmod (dir, 0755);
  return dir;
}

GBytes *
kdx_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    return NULL;
  return g_bytes_new_take (contents, length);
}

gboolean
kdx_test_is_root (void)
{
  return getuid () == 0;
}

/* Root writes anywhere, so read-only folders are tested as "nobody". */
void
kdx_test_drop_root (gpointer user_data)
{
  if (getuid () == 0)
    {
      if (setgid (65534) != 0 || setuid (65534) != 0)
        _exit (99);
    }
}

/* Appends @first and what follows it, up to NULL, to @argv. */
void
kdx_test_add_args (GPtrArray  *argv,
                   const char *first,
                   va_list     args)
{
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
}

/**
 * kdx_test_run_argv:
 * @argv: the program and its arguments; a NULL is added to it
 * @out: (nullable): its standard output; captured and dropped when NULL,
 *   so it never mixes with the test's own output
 * @err: (nullable): its standard error, likewise
 *
 * Runs a program to its end; it must exit normally.
 *
 * Returns: its exit status
 */
int
kdx_test_run_argv (GPtrArray            *argv,
                   GSpawnChildSetupFunc  setup,
                   char                **out,
                   char                **err)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *captured_out = NULL;
  g_autofree char *captured_err = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, setup, NULL,
                &captured_out, &captured_err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  if (out != NULL)
    *out = g_steal_pointer (&captured_out);
  if (err != NULL)
    *err = g_steal_pointer (&captured_err);
  return WEXITSTATUS (wait_status);
}

void
kdx_cli_run_clear (KdxCliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  run->status = 0;
}

/* "nobody" may not reach the build folder (a checkout under /root is
 * 0700), so it runs a copy of the program from a folder it can read. */
static const char *
cli_for_nobody (void)
{
  static char *copy = NULL;

  if (copy == NULL)
    {
      g_autofree char *dir = kdx_test_make_tmp_dir ();
      g_autoptr(GFile) source = g_file_new_for_path (g_getenv ("KOLDEX_CLI"));
      g_autoptr(GFile) target = NULL;
      g_autoptr(GError) error = NULL;

      copy = g_build_filename (dir, "koldex-cli", NULL);
      target = g_file_new_for_path (copy);
      g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_chmod (copy, 0755);
    }
  return copy;
}

static void
run_cli (KdxCliRun  *run,
         gboolean    as_nobody,
         const char *database,
         const char *first_arg,
         va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *cli = g_getenv ("KOLDEX_CLI");
  /* Against PostgreSQL, the database the test names by this path. */
  g_autofree char *location = database != NULL ? kdx_test_database_location (database) : NULL;

  g_assert_nonnull (cli);
  kdx_cli_run_clear (run);
  g_ptr_array_add (argv, (char *) (as_nobody ? cli_for_nobody () : cli));
  if (location != NULL)
    {
      g_ptr_array_add (argv, "--database");
      g_ptr_array_add (argv, location);
    }
  kdx_test_add_args (argv, first_arg, args);
  run->status = kdx_test_run_argv (argv, as_nobody ? kdx_test_drop_root : NULL,
                                   &run->out, &run->err);
}

void
kdx_test_run_cli (KdxCliRun  *run,
                  const char *database,
                  const char *first_arg,
                  ...)
{
  va_list args;

  va_start (args, first_arg);
  run_cli (run, FALSE, database, first_arg, args);
  va_end (args);
}

void
kdx_test_run_cli_as_nobody (KdxCliRun  *run,
                            const char *database,
                            const char *first_arg,
                            ...)
{
  va_list args;

  va_start (args, first_arg);
  run_cli (run, TRUE, database, first_arg, args);
  va_end (args);
}

void
kdx_test_assert_cli_ok (KdxCliRun *run)
{
  if (run->status != 0)
    g_error ("koldex-cli failed (%d): %s", run->status, run->err);
  g_assert_cmpstr (run->err, ==, "");
}

/* Adds @kol to @store; returns its new id. */
static gboolean
give_up_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
kdx_test_wait_until (KdxTestCondition condition,
                     gpointer         data,
                     guint            seconds)
{
  gboolean given_up = FALSE;
  guint timeout = g_timeout_add_seconds (seconds, give_up_cb, &given_up);

  while (!condition (data) && !given_up)
    g_main_context_iteration (NULL, TRUE);
  if (!given_up)
    g_source_remove (timeout);
  g_assert_true (condition (data));
}

gint64
kdx_test_store_kol (KdxStore *store,
                    KdxKol   *kol)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kdx_store_add_kol (store, kol, &error));
  g_assert_no_error (error);
  return kdx_kol_get_id (kol);
}

/* Returns: (transfer full): KOL @id as @store holds it; it must be there */
KdxKol *
kdx_test_load_kol (KdxStore *store,
                   gint64    id)
{
  g_autoptr(GError) error = NULL;
  KdxKol *kol = kdx_store_load_kol (store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (kol);
  return kol;
}

/* Removes a closed database with its write-ahead log and shared memory. */
void
kdx_test_remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

gint64
kdx_test_count_kols (KdxStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 n = kdx_store_count_kols (store, &error);

  g_assert_no_error (error);
  return n;
}

KdxKol *
kdx_test_add_named (KdxStore   *store,
                    const char *name)
{
  g_autoptr(GError) error = NULL;
  KdxKol *kol = kdx_kol_new ();

  kdx_kol_set_display_name (kol, name);
  g_assert_true (kdx_store_add_kol (store, kol, &error));
  g_assert_no_error (error);
  return kol;
}

void
kdx_test_assert_string (KdxKol     *kol,
                        const char *property,
                        const char *expected)
{
  g_autofree char *value = NULL;

  g_object_get (kol, property, &value, NULL);
  g_assert_cmpstr (value, ==, expected);
}

char *
kdx_test_fixture (const char *name)
{
  const char *dir = g_getenv ("KDX_FIXTURES");

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

KdxStore *
kdx_test_open_tmp_store (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "import.db", NULL);
  g_autoptr(GError) error = NULL;
  /* On the test server instead, against PostgreSQL (issue 14). */
  KdxStore *store = kdx_test_open_store (path, &error);

  g_assert_no_error (error);
  return store;
}

KdxImportReport *
kdx_test_import_file (KdxStore   *store,
                      const char *name,
                      const char *sheet)
{
  g_autofree char *path = kdx_test_fixture (name);
  g_autoptr(KdxImporter) importer = kdx_importer_new (store);
  g_autoptr(GError) error = NULL;
  KdxImportReport *report;

  kdx_importer_set_sheet (importer, sheet);
  report = kdx_importer_run (importer, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

void
kdx_test_folder_set_up (KdxTestFolder *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = kdx_test_make_tmp_dir ();
  fixture->db_path = g_build_filename (fixture->dir, "test.db", NULL);
  /* A database on the test server instead, when the suite runs against
   * PostgreSQL (issue 14), the one koldex-cli gets for db_path too. */
  fixture->location = kdx_test_database_location (fixture->db_path);
  fixture->store = kdx_store_open (fixture->location, &error);
  g_assert_no_error (error);
}

/* Removes @path, a folder with all in it or a file. */
void
kdx_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          kdx_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

void
kdx_test_folder_tear_down (KdxTestFolder *fixture,
                           gconstpointer  data)
{
  g_clear_object (&fixture->store);
  kdx_test_remove_tree (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->location);
  g_free (fixture->dir);
}

KdxKol *
kdx_test_add_kol (KdxTestFolder *fixture,
                  KdxKol        *kol)
{
  g_autoptr(GError) error = NULL;
  KdxKol *loaded;

  g_assert_true (kdx_store_add_kol (fixture->store, kol, &error));
  g_assert_no_error (error);
  loaded = kdx_store_load_kol (fixture->store, kdx_kol_get_id (kol), &error);
  g_assert_no_error (error);
  return loaded;
}

KdxKol *
kdx_test_add_full_kol (KdxTestFolder *fixture)
{
  g_autoptr(KdxKol) kol = kdx_test_make_full_kol ();

  return kdx_test_add_kol (fixture, kol);
}

KdxKol *
kdx_test_add_named_kol (KdxTestFolder *fixture,
                        const char    *name,
                        KdxStage       stage)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();

  kdx_kol_set_display_name (kol, name);
  kdx_kol_set_stage (kol, stage);
  return kdx_test_add_kol (fixture, kol);
}

char *
kdx_test_run_tool (const char *first,
                   ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int wait_status = 0;
  va_list args;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, &error))
    g_error ("%s failed: %s", first, err);
  return out;
}

char *
kdx_test_pdf_text (const char *path)
{
  return kdx_test_run_tool ("pdftotext", "-enc", "UTF-8", path, "-", NULL);
}

guint
kdx_test_pdf_n_pages (const char *path)
{
  g_autofree char *info = kdx_test_run_tool ("pdfinfo", path, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("^Pages:\\s+(\\d+)$", G_REGEX_MULTILINE, 0, NULL);
  g_autofree char *number = NULL;

  g_assert_true (g_regex_match (regex, info, 0, &match));
  number = g_match_info_fetch (match, 1);
  return (guint) g_ascii_strtoull (number, NULL, 10);
}

void
kdx_test_assert_has (const char *text,
                     const char *what)
{
  if (strstr (text, what) == NULL)
    g_error ("expected “%s” in the PDF text:\n%s", what, text);
}

void
kdx_test_assert_lacks (const char *text,
                       const char *what)
{
  if (strstr (text, what) != NULL)
    g_error ("did not expect “%s” in the PDF text", what);
}

guint
kdx_test_count_entries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* -1, 0 or 1: the order of two non-empty values of @column. */
static int
compare_column_values (const KdxField *column,
                       const GValue   *a,
                       const GValue   *b)
{
  if (G_VALUE_HOLDS_INT64 (a))
    return (g_value_get_int64 (a) > g_value_get_int64 (b)) - (g_value_get_int64 (a) < g_value_get_int64 (b));
  if (G_VALUE_HOLDS_BOOLEAN (a))
    return g_value_get_boolean (a) - g_value_get_boolean (b);
  if (G_VALUE_HOLDS_ENUM (a))
    return (g_value_get_enum (a) > g_value_get_enum (b)) - (g_value_get_enum (a) < g_value_get_enum (b));
  if (column->type == KDX_FIELD_DECIMAL)
    {
      double x = g_ascii_strtod (g_value_get_string (a), NULL);
      double y = g_ascii_strtod (g_value_get_string (b), NULL);
      return (x > y) - (x < y);
    }
  return strcmp (g_value_get_string (a), g_value_get_string (b));
}

static gboolean
value_is_empty (const GValue *value)
{
  return G_VALUE_HOLDS_STRING (value) && g_value_get_string (value) == NULL;
}

void
kdx_test_assert_rows_sorted (GPtrArray             *rows,
                             const KdxField *const *keys,
                             const gboolean        *descending,
                             guint                  n_keys)
{
  for (guint r = 1; r < rows->len; r++)
    {
      KdxKolRow *prev = g_ptr_array_index (rows, r - 1);
      KdxKolRow *row = g_ptr_array_index (rows, r);
      int order = 0;

      /* The first key that tells them apart decides; empty values last. */
      for (guint k = 0; k < n_keys && order == 0; k++)
        {
          gboolean prev_empty = value_is_empty (&prev->values[k]);
          gboolean empty = value_is_empty (&row->values[k]);

          if (prev_empty || empty)
            order = prev_empty - empty;
          else
            order = compare_column_values (keys[k], &prev->values[k], &row->values[k])
                    * (descending[k] ? -1 : 1);
        }
      if (order > 0 || (order == 0 && prev->id >= row->id))
        g_error ("sorted by %s%s: %" G_GINT64_FORMAT " comes before %" G_GINT64_FORMAT,
                 descending[0] ? "-" : "", keys[0]->name, prev->id, row->id);
    }
}

/* In place, so the file keeps its inode and mode. */
void
kdx_test_flip_middle (const char *path,
                      gsize       n_bytes)
{
  g_autofree guchar *bytes = g_malloc (n_bytes);
  FILE *file = g_fopen (path, "r+b");
  long middle;

  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, 0, SEEK_END), ==, 0);
  middle = (ftell (file) - (long) n_bytes) / 2;
  g_assert_cmpint (middle, >, 0);
  g_assert_cmpint (fseek (file, middle, SEEK_SET), ==, 0);
  g_assert_cmpuint (fread (bytes, 1, n_bytes, file), ==, n_bytes);
  for (gsize i = 0; i < n_bytes; i++)
    bytes[i] = ~bytes[i];
  g_assert_cmpint (fseek (file, middle, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (bytes, 1, n_bytes, file), ==, n_bytes);
  g_assert_cmpint (fclose (file), ==, 0);
}

guint
kdx_test_file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

KdxKol *
kdx_test_kol_with_history (const char *name,
                           const char *history)
{
  KdxKol *kol = kdx_kol_new ();
  g_auto(GStrv) moves = g_strsplit (history, " ", -1);
  KdxStage stage = KDX_STAGE_CANDIDATE;

  for (guint i = 0; moves[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (moves[i], "@", 2);
      g_autofree char *at = g_strdup_printf ("%sT04:00:00Z", parts[1]);
      g_autoptr(KdxStageEntry) entry = kdx_stage_entry_new ();

      g_assert_true (kdx_stage_from_string (parts[0], &stage));
      g_object_set (entry, "stage", stage, "at", at, NULL);
      g_list_store_append (kdx_kol_get_stage_history (kol), entry);
      if (i == 0)
        g_object_set (kol, "created-at", at, NULL);
    }
  g_object_set (kol, "display-name", name, "stage", stage, NULL);
  return kol;
}

/* A zip (an XLSX or ODS to be) at @path holding @first_entry with its
 * contents, then more name and contents pairs up to NULL; no entries
 * makes an empty zip. */
void
kdx_test_write_zip (const char *path,
                    const char *first_entry,
                    ...)
{
  struct archive *archive = archive_write_new ();
  va_list args;

  archive_write_set_format_zip (archive);
  g_assert_cmpint (archive_write_open_filename (archive, path), ==, ARCHIVE_OK);
  va_start (args, first_entry);
  for (const char *name = first_entry; name != NULL; name = va_arg (args, const char *))
    {
      const char *contents = va_arg (args, const char *);
      struct archive_entry *entry = archive_entry_new ();

      archive_entry_set_pathname (entry, name);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, strlen (contents));
      g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (archive, contents, strlen (contents)), ==, (la_ssize_t) strlen (contents));
      archive_entry_free (entry);
    }
  va_end (args);
  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);
}

/* Whether process @pid has @path open (Linux: /proc/PID/fd). */
gboolean
kdx_test_process_has_open (GPid        pid,
                           const char *path)
{
  g_autofree char *fds = g_strdup_printf ("/proc/%d/fd", (int) pid);
  g_autoptr(GDir) dir = g_dir_open (fds, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link = g_build_filename (fds, name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (g_strcmp0 (target, path) == 0)
        return TRUE;
    }
  return FALSE;
}

char *
kdx_test_generate_database (const char *dir,
                            guint       n_kols,
                            guint       n_events)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  char *path = g_build_filename (dir, "kols.db", NULL);

  g_assert_nonnull (g_getenv ("KDX_GENERATE"));
  g_ptr_array_add (argv, g_strdup (g_getenv ("KDX_GENERATE")));
  g_ptr_array_add (argv, g_strdup (path));
  g_ptr_array_add (argv, g_strdup_printf ("%u", n_kols));
  g_ptr_array_add (argv, g_strdup_printf ("%u", n_events));
  if (kdx_test_run_argv (argv, NULL, &out, &err) != 0)
    g_error ("kdx-generate failed: %s", err);
  return path;
}

/* One CSV field, quoted when it has to be, then a comma, or a line
 * break after the row's @last. */
void
kdx_test_append_csv_field (GString    *out,
                           const char *text,
                           gboolean    last)
{
  if (strpbrk (text, ",\"\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
  g_string_append_c (out, last ? '\n' : ',');
}

void
kdx_test_use_build_translations (void)
{
  setlocale (LC_ALL, "");
  if (g_getenv ("KDX_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KDX_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
    }
}

void
kdx_test_trap_in_language (const char *language)
{
  g_autofree char *was = g_strdup (g_getenv ("LANGUAGE"));

  g_setenv ("LANGUAGE", language, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (was != NULL)
    g_setenv ("LANGUAGE", was, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  g_test_trap_assert_passed ();
}
