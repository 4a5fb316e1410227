/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-list-scale"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "kdx-condition.h"
#include "kdx-kol-columns.h"
#include "kdx-test-util.h"

/* Sorting by every column at 100,000 KOLs stays in SQL (issue 17,
 * acceptance): a screenful of rows from the middle of any order comes in
 * one query with its column values, and no KOL file is read or built
 * (GOBJECT_DEBUG=instance-count, set in tests/meson.build, lets GObject
 * count KdxKol instances; the store counts the files it reads).
 *
 * The 100,000 rows are written with SQL straight into the database the
 * store made, as an old Koldex's data would sit there: a test of reading,
 * not of writing (test-bulk-edit and the import tests write). */

#define N_KOLS 100000
#define TODAY "2025-06-15"

static const char fill_sql[] =
  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)\n"
  "INSERT INTO kol (id, uid, display_name, real_name, gender, birthday, city, platform, handle,\n"
  "  followers, category, tier, fit_score, content_quality, activity, fans_portable, source,\n"
  "  purpose, plan, fee, currency, exclusive, exclusive_since, stage, owner, next_follow_up,\n"
  "  contact_every_days, reapproach_on, notes, created_at, updated_at)\n"
  "SELECT i, printf('%08x-0000-4000-8000-%012x', i, i), 'KOL ' || (i * 7919 % 100000),\n"
  "  CASE WHEN i % 3 = 0 THEN '真名' || (i % 977) END,\n"
  "  CASE i % 4 WHEN 0 THEN 'female' WHEN 1 THEN 'male' WHEN 2 THEN 'other' ELSE 'unknown' END,\n"
  "  CASE WHEN i % 2 = 0 THEN date('1980-01-01', '+' || (i % 9000) || ' days') END,\n"
  "  CASE WHEN i % 5 <> 0 THEN '城市' || (i % 31) END,\n"
  "  CASE i % 3 WHEN 0 THEN 'weibo' WHEN 1 THEN 'bilibili' ELSE 'xiaohongshu' END, 'h' || i,\n"
  "  (i * 104729) % 5000000, CASE WHEN i % 4 <> 0 THEN 'cat' || (i % 9) END,\n"
  "  CASE i % 4 WHEN 0 THEN 'head' WHEN 1 THEN 'waist' WHEN 2 THEN 'tail' ELSE 'unrated' END,\n"
  "  i % 6, (i / 7) % 6, (i / 11) % 6,\n"
  "  CASE i % 3 WHEN 0 THEN 'yes' WHEN 1 THEN 'no' ELSE 'unknown' END,\n"
  "  CASE i % 3 WHEN 0 THEN 'internal' WHEN 1 THEN 'external' ELSE 'unset' END,\n"
  "  CASE i % 4 WHEN 0 THEN 'acquisition' WHEN 1 THEN 'activation' WHEN 2 THEN 'conversion' ELSE 'unset' END,\n"
  "  CASE i % 5 WHEN 0 THEN 'buyout' WHEN 1 THEN 'profit_share' WHEN 2 THEN 'free' WHEN 3 THEN 'other' ELSE 'none' END,\n"
  "  CASE WHEN i % 2 = 0 THEN (i % 20000) || '.50' END, 'CNY', i % 2,\n"
  "  CASE WHEN i % 2 = 1 THEN date('2020-01-01', '+' || (i % 1500) || ' days') END,\n"
  "  CASE i % 9 WHEN 0 THEN 'candidate' WHEN 1 THEN 'contacting' WHEN 2 THEN 'negotiating'\n"
  "    WHEN 3 THEN 'onboarding' WHEN 4 THEN 'growing' WHEN 5 THEN 'mature' WHEN 6 THEN 'declining'\n"
  "    WHEN 7 THEN 'departed' ELSE 'declined' END,\n"
  "  CASE WHEN i % 5 <> 0 THEN 'owner' || (i % 7) END,\n"
  "  CASE WHEN i % 3 <> 0 THEN date('2025-01-01', '+' || (i % 400) || ' days') END,\n"
  "  i % 30, CASE WHEN i % 10 = 7 THEN date('2025-09-01', '+' || (i % 90) || ' days') END,\n"
  "  CASE WHEN i % 6 = 0 THEN 'note ' || i END,\n"
  "  strftime('%Y-%m-%dT%H:%M:%SZ', '2024-01-01', '+' || (i % 500) || ' days'),\n"
  "  strftime('%Y-%m-%dT%H:%M:%SZ', '2025-01-01', '+' || (i % 160) || ' days')\n"
  "FROM n;\n"
  "INSERT INTO stage_history (kol_id, position, stage, at, note)\n"
  "  SELECT id, 0, stage, strftime('%Y-%m-%dT%H:%M:%SZ', '2025-01-01', '+' || (id % 160) || ' days'), NULL FROM kol;\n"
  "INSERT INTO event (kol_id, position, at, kind, outcome)\n"
  "  SELECT id, 0, strftime('%Y-%m-%dT%H:%M:%SZ', '2025-01-01', '+' || (id % 150) || ' days'),\n"
  "    CASE WHEN id % 9 = 0 THEN 'note' ELSE 'message' END, 'none' FROM kol WHERE id % 3 = 0;\n"
  "INSERT INTO channel (kol_id, position, platform, followers)\n"
  "  SELECT id, 0, 'weibo', id % 1000 FROM kol WHERE id % 4 = 0;\n"
  "INSERT INTO channel (kol_id, position, platform, followers)\n"
  "  SELECT id, 1, 'douyin', id % 500 FROM kol WHERE id % 8 = 0;\n"
  "INSERT INTO kol_tag (kol_id, position, tag)\n"
  "  SELECT id, 0, 'tag' || (id % 13) FROM kol WHERE id % 5 = 0;\n";

typedef struct
{
  char     *dir;
  char     *path;
  KdxStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  fixture->dir = kdx_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "scale.db", NULL);

  /* The store makes the database; the rows go in behind its back. */
  fixture->store = kdx_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->store);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, fill_sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("filling the database: %s", message);
  sqlite3_close (db);

  fixture->store = kdx_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kdx_store_count_kols (fixture->store, &error), ==, N_KOLS);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  kdx_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* -1, 0 or 1: the order of two non-empty values of @column. */
static int
compare_values (const KdxField *column,
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
is_empty (const GValue *value)
{
  return G_VALUE_HOLDS_STRING (value) && g_value_get_string (value) == NULL;
}

/* Rows 50,000 to 50,049 of @query, sorted by @keys (@n_keys of them,
 * each descending or not): in order, ties by id, and read without a KOL
 * file. */
static void
check_window (Fixture               *fixture,
              KdxKolQuery           *query,
              const KdxField *const *keys,
              const gboolean        *descending,
              guint                  n_keys)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  for (guint k = 0; k < n_keys; k++)
    g_ptr_array_add (names, (gpointer) keys[k]->name);
  g_ptr_array_add (names, (gpointer) "display_name");
  g_ptr_array_add (names, NULL);

  rows = kdx_store_query_rows (fixture->store, query, (const char *const *) names->pdata, 50000, 50, &error);
  g_assert_no_error (error);
  g_test_message ("%s%s: %.0f ms", descending[0] ? "-" : "", keys[0]->name,
                  (g_get_monotonic_time () - started) / 1000.0);
  g_assert_cmpuint (rows->len, ==, 50);

  for (guint r = 1; r < rows->len; r++)
    {
      KdxKolRow *prev = g_ptr_array_index (rows, r - 1);
      KdxKolRow *row = g_ptr_array_index (rows, r);
      int order = 0;

      /* The first key that tells them apart decides; empty values last. */
      for (guint k = 0; k < n_keys && order == 0; k++)
        {
          gboolean prev_empty = is_empty (&prev->values[k]);
          gboolean empty = is_empty (&row->values[k]);

          if (prev_empty || empty)
            order = prev_empty - empty;
          else
            order = compare_values (keys[k], &prev->values[k], &row->values[k]) * (descending[k] ? -1 : 1);
        }
      g_assert_cmpint (order, <=, 0);
      if (order == 0)
        g_assert_cmpint (prev->id, <, row->id);
    }

  /* Nothing but the 50 rows' values was built. */
  g_assert_cmpuint (kdx_store_get_n_kols_read (fixture->store), ==, 0);
  g_assert_cmpint (g_type_get_instance_count (KDX_TYPE_KOL), ==, 0);
}

static void
test_every_column (Fixture       *fixture,
                   gconstpointer  data)
{
  guint n_columns;
  const KdxField *const *columns = kdx_kol_column_list (&n_columns);
  guint n_sorted = 0;

  /* GObject counts instances only when asked to, before it starts. */
  g_assert_cmpstr (g_getenv ("GOBJECT_DEBUG"), ==, "instance-count");

  for (guint i = 0; i < n_columns; i++)
    for (int descending = 0; descending <= 1; descending++)
      {
        g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();

        if (!kdx_kol_column_can_sort (columns[i]))
          continue;
        kdx_kol_query_set_today (query, TODAY);
        kdx_kol_query_add_sort (query, columns[i]->name, descending);
        check_window (fixture, query, &columns[i], (gboolean[]) { descending }, 1);
        n_sorted++;
      }
  g_assert_cmpuint (n_sorted, ==, 2 * (n_columns - 1)); /* all but the tags */
}

/* Conditions and several keys at that scale, the same way. */
static void
test_conditions_and_keys (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  g_autoptr(GError) error = NULL;
  gint64 count = 0, followers = 0;

  kdx_kol_query_set_today (query, TODAY);
  kdx_kol_query_add_condition (query, kdx_condition_parse ("source!=internal", &error));
  kdx_kol_query_add_condition (query, kdx_condition_parse ("last_contact !within 30", &error));
  g_assert_no_error (error);
  g_assert_true (kdx_store_query_stats (fixture->store, query, &count, &followers, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count, >, 50050);

  kdx_kol_query_add_sort (query, "tier", FALSE);
  kdx_kol_query_add_sort (query, "followers", TRUE);
  check_window (fixture, query,
                (const KdxField *[]) { kdx_kol_column_find ("tier"), kdx_kol_column_find ("followers") },
                (gboolean[]) { FALSE, TRUE }, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/list-scale/sort-every-column", Fixture, NULL,
              fixture_set_up, test_every_column, fixture_tear_down);
  g_test_add ("/list-scale/conditions-and-keys", Fixture, NULL,
              fixture_set_up, test_conditions_and_keys, fixture_tear_down);

  return g_test_run ();
}
