/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-copy-fidelity"

#include "config.h"

#include <string.h>

#include "kdx-json-writer.h"
#include "kdx-kol-columns.h"
#include "kdx-kol-query.h"
#include "kdx-kol.h"
#include "kdx-stage-entry.h"
#include "kdx-store.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* A copied KOL is the KOL it was copied from (issue 14, item 6; the
 * "0 days in stage" seen on board cards after `koldex-cli copy --to`):
 * a file of generated KOLs, with moves and contacts made by a named
 * operator at other times of day than the generator's, copied to the
 * team database of tests/pg-server and from there into a new file. At
 * each end, for every KOL, under the same ids: the whole file as JSON
 * (every field, created and updated times, the stage history with who
 * made each move, the timeline), its row version, and its days in stage
 * as the board card counts them (the whole file, the list's row) and as
 * the list's column counts them in SQL. The test runs in UTC+8 (TZ in
 * tests/meson.build), where a local day is not a UTC day. */

#define TODAY "2026-11-30"

static char *
kol_json (KdxKol *kol)
{
  g_autoptr(KdxJsonWriter) writer = kdx_json_writer_new (TRUE);

  kdx_kol_write_json (kol, writer);
  return g_strdup (kdx_json_writer_get_text (writer));
}

/* What one KOL is, at one end, as text to compare. */
static char *
describe_kol (KdxStore  *store,
              gint64     id,
              GDateTime *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *json = NULL;
  gint64 version = 0;
  KdxKol *row;

  kol = kdx_store_load_kol_with_version (store, id, &version, &error);
  g_assert_no_error (error);
  json = kol_json (kol);
  rows = kdx_store_load_kol_rows (store, &id, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  return g_strdup_printf ("%s\nversion %" G_GINT64_FORMAT "\nstage since %s / row %s\n"
                          "days in stage %d / row %d\n",
                          json, version, kdx_kol_get_stage_since (kol),
                          kdx_kol_get_stage_since (row), kdx_kol_get_days_in_stage (kol, now),
                          kdx_kol_get_days_in_stage (row, now));
}

/* Every KOL's id with its days in stage as the list's column says it. */
static char *
days_column (KdxStore *store)
{
  static const char *const columns[] = { "days_in_stage", "created_at", "updated_at", NULL };
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GString *text = g_string_new (NULL);

  kdx_kol_query_set_today (query, TODAY);
  rows = kdx_store_query_rows (store, query, columns, 0, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      KdxKolRow *row = g_ptr_array_index (rows, i);

      g_string_append_printf (text, "%" G_GINT64_FORMAT, row->id);
      for (guint c = 0; columns[c] != NULL; c++)
        {
          g_autofree char *value = kdx_kol_row_to_string (row, kdx_kol_column_find (columns[c]), c);
          g_string_append_printf (text, " %s", value != NULL ? value : "-");
        }
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static GPtrArray *
describe_all (KdxStore  *store,
              GDateTime *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = kdx_store_query_ids (store, NULL, &error);
  GPtrArray *all = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (all, describe_kol (store, g_array_index (ids, gint64, i), now));
  g_ptr_array_add (all, days_column (store));
  return all;
}

static void
assert_same (GPtrArray *expected,
             GPtrArray *found)
{
  g_assert_cmpuint (found->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (found->pdata[i], ==, expected->pdata[i]);
}

/* Generated KOLs, and what an operator does to them in the app: moves
 * and contacts stamped now (not at the generator's 04:00 UTC), by name,
 * saves that raise the row version. */
static KdxStore *
make_source (const char *dir)
{
  g_autofree char *path = kdx_test_generate_database (dir, 120, 360);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_store_open (path, &error);
  g_autoptr(KdxKol) kol = NULL;

  g_assert_no_error (error);
  kdx_store_set_operator (store, "王小明");
  g_assert_true (kdx_store_move_kol (store, 3, KDX_STAGE_NEGOTIATING, "谈合作", &error));
  g_assert_no_error (error);
  g_assert_true (kdx_store_move_kol (store, 3, KDX_STAGE_ONBOARDING, NULL, &error));
  g_assert_no_error (error);
  kol = kdx_store_load_kol (store, 8, &error);
  g_assert_no_error (error);
  g_object_set (kol, "city", "杭州", "notes", "第一行\n第二行", NULL);
  g_assert_true (kdx_store_save_kol (store, kol, &error));
  g_assert_true (kdx_store_save_kol (store, kol, &error));
  g_assert_no_error (error);
  g_clear_object (&kol);

  /* A KOL whose history the generator did not write: moves at 23:30
   * UTC, the next local day in UTC+8. */
  kol = kdx_test_kol_with_history ("晚上搬的", "candidate@2026-09-01 contacting@2026-10-15");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(KdxStageEntry) entry = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_stage_history (kol)), i);

      g_object_set (entry, "at", i == 0 ? "2026-09-01T23:30:00Z" : "2026-10-15T23:30:00Z", "made-by", "李四", NULL);
    }
  kdx_test_store_kol (store, kol);
  return g_steal_pointer (&store);
}

static void
test_every_field (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autofree char *back_path = g_build_filename (dir, "back.db", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (TODAY "T10:00:00+08:00", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) source = make_source (dir);
  g_autoptr(KdxStore) team = NULL;
  g_autoptr(KdxStore) back = NULL;
  g_autoptr(GPtrArray) expected = describe_all (source, now);
  g_autoptr(GPtrArray) on_team = NULL;
  g_autoptr(GPtrArray) in_back = NULL;

  /* Not every KOL entered its stage today. */
  g_assert_null (strstr (expected->pdata[0], "days in stage 0 "));

  g_assert_true (kdx_store_copy_to (source, uri, &error));
  g_assert_no_error (error);
  team = kdx_store_open (uri, &error);
  g_assert_no_error (error);
  on_team = describe_all (team, now);
  assert_same (expected, on_team);

  g_assert_true (kdx_store_copy_to (team, back_path, &error));
  g_assert_no_error (error);
  back = kdx_store_open (back_path, &error);
  g_assert_no_error (error);
  in_back = describe_all (back, now);
  assert_same (expected, in_back);

  g_clear_object (&back);
  kdx_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/copy/every-field", test_every_field);

  return g_test_run ();
}
