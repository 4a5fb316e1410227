/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-pg-sort-plan"

#include "config.h"

#include <string.h>

#include "kdx-kol-query.h"
#include "kdx-store.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* A click on the list's name or followers header on a team database
 * (issue 14, item 8): the statement the list sends for the new order
 * (kdx_store_explain_query_ids(): its very text, EXPLAIN ANALYZE'd) is
 * read from an index in that order, schema 12's kol_sort_*, with no
 * Sort over the table and, once the table is vacuumed, no table page
 * read (an index-only scan: 20 ms for 100,000 KOLs where reading each
 * KOL's page took 250-450 ms). And its order is SQLite's, ties, Chinese
 * names and all, on the KOLs copied from a file, ids kept: at this size
 * the server reads the index, where a small table is sorted instead. */

#define N_KOLS 3000

/* Names that tie, Chinese ones, capitals before small letters. */
static const char *const names[] = { "张三", "李四", "Leo", "leo", "阿雪", "Ángel", "王五", "Bo", NULL };

static const char *const sorts[] = { "display_name", "-display_name", "followers", "-followers", NULL };

typedef struct
{
  char     *dir;
  KdxStore *file;   /* the reference: SQLite */
  KdxStore *team;   /* the same KOLs copied to a server */
  char     *uri;
} Fixture;

static void
fill_file (KdxStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kdx_store_begin_batch (store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < N_KOLS; i++)
    {
      g_autoptr(KdxKol) kol = kdx_kol_new ();
      g_autofree char *name = g_strdup_printf ("%s%u", names[i % (G_N_ELEMENTS (names) - 1)], i % 97);

      kdx_kol_set_display_name (kol, name);
      /* Few values, out of id order: many ties, broken by id. */
      g_object_set (kol, "followers", (gint64) ((i * 7919) % 211), NULL);
      g_assert_true (kdx_store_add_kol (store, kol, &error));
      g_assert_no_error (error);
    }
  g_assert_true (kdx_store_commit_batch (store, &error));
  g_assert_no_error (error);
}

/* @create: what the server's database is made with after its name
 * (NULL: nothing), so a team database with a language's collation is
 * one too. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *create = data;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = kdx_test_make_tmp_dir ();
  path = g_build_filename (fixture->dir, "kols.db", NULL);
  fixture->file = kdx_store_open (path, &error);
  g_assert_no_error (error);
  fill_file (fixture->file);

  fixture->uri = kdx_test_pg_make_database_with (create != NULL ? create : "");
  /* tests/pg-server commits asynchronously (fsync is off anyway): a
   * commit not yet flushed leaves its rows without the hint that lets
   * VACUUM mark their pages all-visible. A server as teams run it
   * commits synchronously: so does this database. */
  g_free (kdx_test_pg_run_sql (fixture->uri,
                               "DO $$ BEGIN EXECUTE format ('ALTER DATABASE %I SET synchronous_commit = on',"
                               " current_database ()); END $$"));
  g_assert_true (kdx_store_copy_to (fixture->file, fixture->uri, &error));
  g_assert_no_error (error);
  /* What autovacuum does within its minute after a copy or an import:
   * the planner's statistics and the visibility map. */
  g_free (kdx_test_pg_run_sql (fixture->uri, "VACUUM ANALYZE"));
  fixture->team = kdx_store_open (fixture->uri, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->team);
  g_assert_finalize_object (fixture->file);
  kdx_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->uri);
}

static void
assert_index_only_scan (const char *sort,
                        const char *plan)
{
  g_test_message ("%s:\n%s", sort, plan);
  /* In the order of one of the list's own indexes ... */
  g_assert_nonnull (strstr (plan, "Index Only Scan"));
  g_assert_nonnull (strstr (plan, " using kol_sort_"));
  /* ... not sorted again, and no KOL's page read: the visibility map
   * answered for every row. */
  g_assert_null (strstr (plan, "Sort Key"));
  g_assert_nonnull (strstr (plan, "Heap Fetches: 0\n"));
}

static void
test_sorts_read_the_index (Fixture       *fixture,
                           gconstpointer  data)
{
  for (guint i = 0; sorts[i] != NULL; i++)
    {
      g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *plan = NULL;
      g_autoptr(GArray) on_file = NULL;
      g_autoptr(GArray) on_team = NULL;

      g_assert_true (kdx_kol_query_add_sort_text (query, sorts[i], &error));
      g_assert_no_error (error);
      plan = kdx_store_explain_query_ids (fixture->team, query, &error);
      g_assert_no_error (error);
      assert_index_only_scan (sorts[i], plan);
      /* The same function explains on a file too, in SQLite's words. */
      g_clear_pointer (&plan, g_free);
      plan = kdx_store_explain_query_ids (fixture->file, query, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (plan, "kol"));

      /* The index's order is the file's, tie for tie. */
      on_file = kdx_store_query_ids (fixture->file, query, &error);
      g_assert_no_error (error);
      on_team = kdx_store_query_ids (fixture->team, query, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (on_file->len, ==, N_KOLS);
      g_assert_cmpuint (on_team->len, ==, N_KOLS);
      g_assert_cmpmem (on_file->data, on_file->len * sizeof (gint64),
                       on_team->data, on_team->len * sizeof (gint64));
    }
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
kol_autovacuumed (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *count = kdx_test_pg_run_sql (fixture->uri,
    "SELECT autovacuum_count FROM pg_stat_user_tables WHERE relname = 'kol'");

  return g_ascii_strtoull (count, NULL, 10) > 0;
}

/* A team at work: operators' saves clear the visibility map of the
 * pages they touch, and autovacuum sets it again (migration 14: once a
 * hundredth of the KOLs changed, where PostgreSQL's defaults wait for
 * a fifth, weeks of edits) so the sorts read no KOL's page again. */
static void
test_edits_vacuumed_soon (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = NULL;
  guint wake;

  /* This test's own server looks for work every second, not minute. */
  g_free (kdx_test_pg_run_sql (fixture->uri, "ALTER SYSTEM SET autovacuum_naptime = 1"));
  g_free (kdx_test_pg_run_sql (fixture->uri, "SELECT pg_reload_conf ()"));

  /* A twentieth of the KOLs saved: past a hundredth, short of a fifth. */
  for (gint64 id = 1; id <= N_KOLS / 20; id++)
    {
      g_autoptr(KdxKol) kol = kdx_store_load_kol (fixture->team, id, &error);

      g_assert_no_error (error);
      g_object_set (kol, "city", "杭州", NULL);
      g_assert_true (kdx_store_save_kol (fixture->team, kol, &error));
      g_assert_no_error (error);
    }

  wake = g_timeout_add (100, wake_cb, NULL);
  kdx_test_wait_until (kol_autovacuumed, fixture, 60);
  g_source_remove (wake);

  kdx_kol_query_set_sort (query, "followers", TRUE);
  plan = kdx_store_explain_query_ids (fixture->team, query, &error);
  g_assert_no_error (error);
  assert_index_only_scan ("-followers, after the edits", plan);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/pg/sort-plan/index-only", Fixture, NULL,
              fixture_set_up, test_sorts_read_the_index, fixture_tear_down);
  /* The indexes name the byte order (COLLATE "C"), not the database's:
   * a server made with ICU's English collation reads them the same. */
  g_test_add ("/store/pg/sort-plan/index-only-language-collation", Fixture,
              "TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en' LOCALE 'C.UTF-8'",
              fixture_set_up, test_sorts_read_the_index, fixture_tear_down);

  g_test_add ("/store/pg/sort-plan/edits-vacuumed-soon", Fixture, NULL,
              fixture_set_up, test_edits_vacuumed_soon, fixture_tear_down);

  return g_test_run ();
}
