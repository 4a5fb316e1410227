/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kdx-import-report.h"
#include "kdx-kol-columns.h"
#include "kdx-kol.h"
#include "kdx-store.h"

G_BEGIN_DECLS

/* A KOL file with every field and every list filled, Chinese, emoji,
 * newlines and XML specials included. */
KdxKol   *kdx_test_make_full_kol        (void);
GBytes   *kdx_test_tiny_png             (void);
char     *kdx_test_make_tmp_dir         (void);
GBytes   *kdx_test_read_file            (const char *path);
void      kdx_test_drop_root            (gpointer    user_data);
gboolean  kdx_test_is_root              (void);
void      kdx_test_add_args             (GPtrArray            *argv,
                                         const char           *first,
                                         va_list               args);
int       kdx_test_run_argv             (GPtrArray            *argv,
                                         GSpawnChildSetupFunc  setup,
                                         char                **out,
                                         char                **err);
/* A database of @n_kols generated KOLs with @n_events events in @dir
 * ("kols.db"), made by tests/kdx-generate ($KDX_GENERATE); its path. */
char     *kdx_test_generate_database    (const char           *dir,
                                         guint                 n_kols,
                                         guint                 n_events);

/* What one run of koldex-cli left: its exit status and what it printed. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} KdxCliRun;

void      kdx_cli_run_clear             (KdxCliRun            *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KdxCliRun, kdx_cli_run_clear)

/* Runs koldex-cli ($KOLDEX_CLI) as a user runs it, in a process of its
 * own: with --database @database (none when NULL), then @first_arg and
 * what follows it up to NULL. @run is cleared first, so one KdxCliRun
 * serves every call of a test. */
void      kdx_test_run_cli              (KdxCliRun            *run,
                                         const char           *database,
                                         const char           *first_arg,
                                         ...) G_GNUC_NULL_TERMINATED;
/* A run that succeeded and said nothing on standard error. */
void      kdx_test_assert_cli_ok        (KdxCliRun            *run);
/* The same as the unprivileged user "nobody" when the test runs as root,
 * for what root would be allowed anyway (writing in a read-only folder). */
void      kdx_test_run_cli_as_nobody    (KdxCliRun            *run,
                                         const char           *database,
                                         const char           *first_arg,
                                         ...) G_GNUC_NULL_TERMINATED;

/* Runs the default main context until @condition (@data) holds, and
 * fails the test when it does not within @seconds: a wait for work in
 * another thread or process, never a measure. */
typedef gboolean (*KdxTestCondition) (gpointer data);
void      kdx_test_wait_until           (KdxTestCondition      condition,
                                         gpointer              data,
                                         guint                 seconds);

/* Store helpers that assert: for tests with or without a display. */
gint64    kdx_test_store_kol            (KdxStore   *store,
                                         KdxKol     *kol);
KdxKol   *kdx_test_load_kol             (KdxStore   *store,
                                         gint64      id);
void      kdx_test_remove_database      (const char *path);
gint64    kdx_test_count_kols           (KdxStore   *store);
/* Adds a new file named @name to @store; returns it, id set. */
KdxKol   *kdx_test_add_named            (KdxStore   *store,
                                         const char *name);
/* A new, unstored file named @name with a dated stage history, written
 * "candidate@2026-03-02 contacting@2026-03-05": each move at 04:00 UTC
 * (the same local day from UTC-4 to UTC+19), the file created on the
 * first day, its stage the last one. */
KdxKol   *kdx_test_kol_with_history     (const char *name,
                                         const char *history);
/* Fails unless the string property @property of @kol is @expected. */
void      kdx_test_assert_string        (KdxKol     *kol,
                                         const char *property,
                                         const char *expected);

/* Spreadsheet import, on the fixtures of tests/import ($KDX_FIXTURES). */
char     *kdx_test_fixture              (const char *name);
/* A new, empty store in a folder of its own. */
KdxStore *kdx_test_open_tmp_store       (void);
/* Imports the fixture @name (from its sheet @sheet, or the best one when
 * NULL) into @store with the importer's defaults; it must succeed. */
KdxImportReport *kdx_test_import_file   (KdxStore   *store,
                                         const char *name,
                                         const char *sheet);

/* A store of its own in a fresh folder; tear-down removes the folder
 * with all that a test wrote there. For g_test_add(). */
typedef struct
{
  char     *dir;
  char     *db_path;
  KdxStore *store;
  /* What the store was opened with: db_path, or a database on the test
   * server (KOLDEX_TEST_BACKEND=pg); tests reopen it by this. */
  char     *location;
} KdxTestFolder;

void      kdx_test_folder_set_up        (KdxTestFolder *fixture,
                                         gconstpointer  data);
void      kdx_test_folder_tear_down     (KdxTestFolder *fixture,
                                         gconstpointer  data);
void      kdx_test_remove_tree          (const char    *path);
guint     kdx_test_count_entries        (const char    *dir_path);
/* Adds @kol to the folder's store; returns the file as stored. */
KdxKol   *kdx_test_add_kol              (KdxTestFolder *fixture,
                                         KdxKol        *kol);
KdxKol   *kdx_test_add_full_kol         (KdxTestFolder *fixture);
KdxKol   *kdx_test_add_named_kol        (KdxTestFolder *fixture,
                                         const char    *name,
                                         KdxStage       stage);

/* Runs a program on PATH, @first and what follows up to NULL; it must
 * succeed. Returns what it printed. */
char     *kdx_test_run_tool             (const char    *first,
                                         ...) G_GNUC_NULL_TERMINATED;
/* The text of a PDF (pdftotext), pages separated by form feeds. */
char     *kdx_test_pdf_text             (const char    *path);
guint     kdx_test_pdf_n_pages          (const char    *path);
/* Fail, showing @text, unless it holds @what / when it does. */
void      kdx_test_assert_has           (const char    *text,
                                         const char    *what);
void      kdx_test_assert_lacks         (const char    *text,
                                         const char    *what);

/* Fails unless @rows (of kdx_store_query_rows(), whose first @n_keys
 * values are @keys) come in the order the store promises: by each key
 * (numbers and enums by value, decimals as numbers, text byte by byte,
 * @descending per key), empty values last, ties by id. */
void      kdx_test_assert_rows_sorted   (GPtrArray             *rows,
                                         const KdxField *const *keys,
                                         const gboolean        *descending,
                                         guint                  n_keys);
/* Damages a file as a failing disk would: inverts @n_bytes in its middle. */
void      kdx_test_flip_middle          (const char    *path,
                                         gsize          n_bytes);
/* The permission bits of @path (0600, 0700, ...). */
guint     kdx_test_file_mode            (const char    *path);
/* Writes a zip at @path: entry names and their text, in pairs, up to NULL
 * (an empty zip: kdx_test_write_zip (path, NULL, NULL)). For XLSX and ODS files built by hand. */
void      kdx_test_write_zip            (const char    *path,
                                         const char    *first_entry,
                                         ...) G_GNUC_NULL_TERMINATED;
/* Whether the process @pid has the file @path open (Linux: /proc/PID/fd):
 * a child blocked on it (a FIFO, a locked database) has. */
gboolean  kdx_test_process_has_open     (GPid           pid,
                                         const char    *path);
/* One CSV field of a generated file, quoted when it has to be. */
void      kdx_test_append_csv_field     (GString       *out,
                                         const char    *text,
                                         gboolean       last);
/* For a test that checks translated text: the environment's locale and
 * the build's translations (KDX_LOCALEDIR, when set), before g_test_init(). */
void      kdx_test_use_build_translations (void);
/* Runs the current test again in a subprocess with LANGUAGE=@language
 * (there g_test_subprocess() is TRUE), and asserts that it passed. */
void      kdx_test_trap_in_language     (const char    *language);

G_END_DECLS
