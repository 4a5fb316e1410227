/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-xml-import-digest"

#include "config.h"

#include "kdx-store.h"
#include "kdx-test-digest.h"
#include "kdx-test-util.h"
#include "kdx-xml-export.h"
#include "kdx-xml-import.h"

/* Issue 16 rewrites the Koldex XML import for speed; what it writes must
 * not change. 20,000 KOL files made by tests/kdx-generate (its path in
 * KDX_GENERATE), with lifecycles, channels and timelines, and beside them
 * a few whole files (important dates, avatars, every field), are exported
 * to Koldex XML and imported: into an empty database (the file's ids
 * kept), and into one that already holds other KOLs, by the merge policy
 * (ids numbered by the database, the same people merged). The database's
 * content is compared with digests taken on the import as it was before
 * the rewrite. A digest that changes means the import now writes
 * something else: the test log names each table's rows and digest. */

#define N_KOLS "20000"
#define N_EVENTS "60000"

/* What differs between two runs: random uids, the clock (the stage
 * history of a whole file is dated when it is stored; test-xml checks
 * that an import keeps the dates a file gives), the folder the file was
 * read from, and what a new database is given before any
 * import (its saved views) or works out from what is digested here (the
 * search text once more, the stays of the stage history). */
static const char *const skipped_columns[] = {
  "*.uid", "*.created_at", "*.updated_at", "stage_history.at", "import_run.at", "import_run.file",
  "import_change.before", "saved_view.*", "saved_view_seed.*", "kol_search.*",
  "stage_stay.*",
  /* Who made each event, stage move and import (schema 11, issue 14,
   * merged after these digests were taken): NULL here, as no operator is
   * named, yet one more value per row to the digest; tests/test-made-by.c
   * checks what it records. */
  "event.made_by", "stage_history.made_by", "import_run.made_by",
  /* Each KOL's digest for Insights (schema 13, after these digests
   * too): worked out from stage_history and event, digested here, and
   * checked equal to them by test-insights-digest; it holds the moves'
   * times, the clock's. */
  "kol_digest.*",
  /* What the list shows of each KOL's parts (schema 15, after these
   * digests too): worked out from stage_history, event, channel and
   * kol_tag, digested here, and checked equal to them after every kind
   * of write by test-list-facts; it holds the stage's time, the clock's. */
  "kol_list_facts.*", NULL
};

/* Taken on the XML import as it was before issue 16's rewrite of it
 * (commit "tests: a digest of what a 20,000-KOL XML import writes"). */
#define EMPTY_DIGEST "f58bd2241c4608615741fe810c3e9cddff3790177904155f08ad8e0d7c4ba428"
#define MERGE_DIGEST "e0394a4d473e15c4a2e4d1833072f15b5b7c6e24556e03d80b5cc379ca78b672"

static void
generate (const char *path,
          const char *n_kols,
          const char *n_events)
{
  const char *program = g_getenv ("KDX_GENERATE");
  const char *argv[] = { program, path, n_kols, n_events, NULL }; /* EVENTS may be left out */
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_nonnull (program);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* The generated files, twenty whole ones (every other with an avatar),
 * written out as Koldex XML at @xml_path. */
static void
make_xml (const char *dir,
          const char *xml_path)
{
  g_autofree char *db_path = g_build_filename (dir, "generated.db", NULL);
  g_autoptr(GBytes) avatar = g_bytes_new_static ("\x89PNG\r\n\x1a\n\0\0pixels", 16);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = NULL;

  generate (db_path, N_KOLS, N_EVENTS);
  store = kdx_store_open (db_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(KdxKol) kol = kdx_test_make_full_kol ();
      g_autofree char *name = g_strdup_printf ("完整档案 %u", i);
      g_autofree char *phone = g_strdup_printf ("+86 139%08u", i);

      g_object_set (kol, "display-name", name, "phone", phone, "handle", name,
                    "avatar", i % 2 == 0 ? avatar : NULL, NULL);
      kdx_test_store_kol (store, kol);
    }
  kdx_xml_export_file (store, xml_path, NULL, KDX_EXPORT_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
import_xml (const char         *db_path,
            const char         *xml_path,
            KdxDuplicatePolicy  policy)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_store_open (db_path, &error);
  g_autoptr(KdxXmlImportReport) report = NULL;

  g_assert_no_error (error);
  g_assert_true (kdx_xml_import_file (store, xml_path, policy, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_test_message ("created %u, updated %u, unchanged %u, merged %u, skipped %u",
                  report->created, report->updated, report->unchanged, report->merged,
                  report->skipped);
  g_assert_cmpuint (report->created + report->merged, >=, 20000);
}

static void
assert_digest (const char *db_path,
               const char *expected)
{
  g_autofree char *digest = kdx_test_database_digest (db_path, skipped_columns);

  g_test_message ("digest of %s: %s", db_path, digest);
  g_assert_cmpstr (digest, ==, expected);
}

static void
test_digest_empty (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *xml_path = g_build_filename (dir, "all.xml", NULL);
  g_autofree char *db_path = g_build_filename (dir, "imported.db", NULL);

  make_xml (dir, xml_path);
  import_xml (db_path, xml_path, KDX_DUPLICATE_SKIP);
  assert_digest (db_path, EMPTY_DIGEST);
  kdx_test_remove_tree (dir);
}

/* Into a database of 3,000 other generated KOLs: the generator repeats
 * its names and handles, so some of the file's KOLs are the same people
 * as stored ones, and are merged into them. */
static void
test_digest_merge (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *xml_path = g_build_filename (dir, "all.xml", NULL);
  g_autofree char *db_path = g_build_filename (dir, "stored.db", NULL);

  make_xml (dir, xml_path);
  generate (db_path, "3000", NULL);
  import_xml (db_path, xml_path, KDX_DUPLICATE_MERGE);
  assert_digest (db_path, MERGE_DIGEST);
  kdx_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xml/import-digest/empty", test_digest_empty);
  g_test_add_func ("/xml/import-digest/merge", test_digest_merge);

  return g_test_run ();
}
