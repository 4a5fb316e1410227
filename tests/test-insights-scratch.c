/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-insights-scratch"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "kdx-insights.h"
#include "kdx-store.h"
#include "kdx-store-insights-private.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* Insights worked out the fast way (issue 11, item 5) against the same
 * worked out here from scratch on the file.
 *
 * The local month of each outreach and payment is worked out in C, not by
 * the engine (kdx-store-insights-tally.c: issue 11, item 5): the bars by
 * month must still be those of the engine's own shift, worked out here
 * from scratch with SQLite's strftime(), in time zones on both sides of
 * UTC and a quarter of an hour off, for times on every side of a month's
 * and a year's turn (a leap day's too), and for times the store did not
 * write itself (no "T", no "Z", fractions of a second), which the engine
 * still shifts. */

#define N_KOLS 200
#define N_EVENTS 2000

/* Times near a turn, each given to some of the outreach and payments. */
static const char *const edge_times[] = {
  "2025-02-28T23:30:00Z", "2025-03-01T00:10:00Z", "2025-03-01T13:59:00Z",
  "2025-03-01T14:00:00Z", "2025-03-02T23:59:59Z", "2025-03-31T10:00:00Z",
  "2025-03-31T16:00:00Z", "2025-12-31T10:15:00Z", "2025-12-31T15:59:59Z",
  "2025-12-31T16:00:00Z", "2026-01-01T00:00:00Z", "2026-01-01T09:00:00Z",
  "2024-02-29T20:00:00Z", "2024-02-28T23:00:00Z", "2024-03-01T03:00:00Z",
  "2025-06-30T23:59:00Z", "2025-07-01T00:00:00Z", "2025-04-30T12:00:00Z",
  /* not as the store writes them: shifted by the engine */
  "2025-03-01 00:30:00", "2025-05-31T23:30:00.500Z", "2025-08-01T02:00:00+00:00",
};

static const char *const zones[] = {
  "UTC", "Asia/Shanghai", "America/Los_Angeles", "Pacific/Kiritimati",
  "Pacific/Pago_Pago", "Asia/Kathmandu",
};

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Every tenth outreach and payment moved to a time near a turn. The
 * times are written behind the store's back, which the digests it keeps
 * of each history for Insights (schema 13) cannot see: the file is
 * handed back as one of schema 12, from before the digests, so opening
 * it makes them from the history as it now is (a file edited by another
 * program would be stale the same way in any derived table). */
static char *
make_database (char **dir)
{
  g_autofree char *path = NULL;
  sqlite3 *db = NULL;

  *dir = kdx_test_make_tmp_dir ();
  path = kdx_test_generate_database (*dir, N_KOLS, N_EVENTS);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec (db, "BEGIN");
  for (guint i = 0; i < G_N_ELEMENTS (edge_times); i++)
    {
      g_autofree char *sql = g_strdup_printf (
        "UPDATE event SET at = '%s' WHERE kind IN ('outreach', 'payment')"
        " AND rowid %% 10 = 0 AND (rowid / 10) %% %u = %u",
        edge_times[i], (guint) G_N_ELEMENTS (edge_times), i);
      exec (db, sql);
    }
  exec (db, "DROP TABLE kol_digest; DROP TABLE kol_list_facts; PRAGMA user_version = 12");
  exec (db, "COMMIT");
  sqlite3_close (db);
  return g_steal_pointer (&path);
}

/* The store's shift for a period ending on @day: the offset in force at
 * its noon (_kdx_insights_period_bounds()), as a strftime() modifier. */
static char *
shift_on (const GDate *day)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) noon = g_date_time_new (local, g_date_get_year (day), g_date_get_month (day),
                                               g_date_get_day (day), 12, 0, 0);

  return g_strdup_printf ("%+" G_GINT64_FORMAT " minutes",
                          g_date_time_get_utc_offset (noon) / G_TIME_SPAN_MINUTE);
}

/* @sql's rows of a key and a number, from scratch on the file. */
static GHashTable *
numbers_by_key (const char *path,
                const char *sql,
                const char *shift)
{
  GHashTable *numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, shift, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (numbers, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_memdup2 (&(double) { sqlite3_column_double (stmt, 1) }, sizeof (double)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return numbers;
}

/* Each bar of @chart holds the number @field (attempts or amount) that
 * @expected gives for its key, and no key is missing. */
static void
assert_bars (KdxInsights        *insights,
             KdxInsightsChartId  id,
             GHashTable         *expected,
             gboolean            amounts,
             const char         *zone)
{
  KdxInsightsChart *chart = kdx_insights_get_chart (insights, id);

  g_assert_cmpuint (chart->bars->len, ==, g_hash_table_size (expected));
  for (guint i = 0; i < chart->bars->len; i++)
    {
      KdxInsightsBar *bar = g_ptr_array_index (chart->bars, i);
      double *number = g_hash_table_lookup (expected, bar->key);

      if (number == NULL)
        g_error ("%s, chart %d: bar %s is not a month of the data", zone, id, bar->key);
      if (amounts)
        g_assert_cmpfloat_with_epsilon (bar->value, *number, 1e-6);
      else
        g_assert_cmpint (bar->attempts, ==, (gint64) *number);
    }
}

/* Every bar counts the KOLs its drill-down (the engine's pairs query)
 * lists. */
static void
assert_drill_downs (KdxStore                *store,
                    const KdxInsightsPeriod *period,
                    KdxInsights             *insights,
                    KdxInsightsChartId       id)
{
  KdxInsightsChart *chart = kdx_insights_get_chart (insights, id);

  for (guint i = 0; i < chart->bars->len; i++)
    {
      KdxInsightsBar *bar = g_ptr_array_index (chart->bars, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = kdx_insights_bar_ids (store, period, NULL, id, bar->key, &error);

      g_assert_no_error (error);
      g_assert_cmpint (bar->count, ==, (gint64) ids->len);
    }
}

static void
test_months_as_the_engine (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_database (&dir);
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  store = kdx_store_open (path, &error);
  g_assert_no_error (error);
  if (kdx_test_on_pg ())
    {
      g_autofree char *uri = kdx_test_pg_make_database ();

      g_assert_true (kdx_store_copy_to (store, uri, &error));
      g_assert_no_error (error);
      g_clear_object (&store);
      store = kdx_store_open (uri, &error);
      g_assert_no_error (error);
    }
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, 1, 2026);
  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(KdxInsightsPeriod) period = NULL;
      g_autoptr(KdxInsights) insights = NULL;
      g_autoptr(GHashTable) outreach = NULL;
      g_autoptr(GHashTable) payments = NULL;
      g_autofree char *shift = NULL;

      /* The store's local time zone (GLib notices TZ change). */
      g_setenv ("TZ", zones[z], TRUE);
      shift = shift_on (&today);
      period = kdx_insights_period_new (KDX_INSIGHTS_PERIOD_ALL_TIME, &today);
      insights = kdx_insights_compute (store, period, NULL, NULL, &error);
      g_assert_no_error (error);

      outreach = numbers_by_key (path,
                                 "SELECT strftime ('%Y-%m', at, ?1), count(*) FROM event"
                                 " WHERE kind = 'outreach' GROUP BY 1",
                                 shift);
      payments = numbers_by_key (path,
                                 "SELECT strftime ('%Y-%m', e.at, ?1) || '|' || coalesce (k.currency, ''),"
                                 "  sum (CAST (e.amount AS REAL))"
                                 " FROM event e JOIN kol k ON k.id = e.kol_id"
                                 " WHERE e.kind = 'payment' AND coalesce (e.amount, '') <> ''"
                                 " GROUP BY 1",
                                 shift);
      /* Not an empty comparison: the times near a turn are in. */
      g_assert_cmpuint (g_hash_table_size (outreach), >=, 12);
      g_assert_true (g_hash_table_contains (outreach, "2024-02") || g_hash_table_contains (outreach, "2024-03"));
      assert_bars (insights, KDX_INSIGHTS_OUTREACH_OVER_TIME, outreach, FALSE, zones[z]);
      assert_bars (insights, KDX_INSIGHTS_COST_PAYMENTS_BY_MONTH, payments, TRUE, zones[z]);
      assert_drill_downs (store, period, insights, KDX_INSIGHTS_OUTREACH_OVER_TIME);
      assert_drill_downs (store, period, insights, KDX_INSIGHTS_COST_PAYMENTS_BY_MONTH);
    }
  g_clear_object (&store);
  kdx_test_remove_database (path);
  g_rmdir (dir);
}

/* The stuck KOLs are named from the KOLs the refresh's parts read, not
 * from a pass of their own: each has the name and owner its row holds
 * (an owner left empty as none: NULL), whatever the parts. */
static void
test_stuck_named_as_the_file (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  guint without_owner = 0;
  GDate today;

  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  dir = kdx_test_make_tmp_dir ();
  path = kdx_test_generate_database (dir, N_KOLS, N_EVENTS);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* Some owners gone, so that none is read as none. */
  exec (db, "UPDATE kol SET owner = NULL WHERE id % 3 = 0");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT display_name, owner FROM kol WHERE id = ?", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  store = kdx_store_open (path, &error);
  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 31, 12, 2025);
  for (guint parts = 1; parts <= 3; parts += 2)
    {
      g_autoptr(KdxInsightsPeriod) period = kdx_insights_period_new (KDX_INSIGHTS_PERIOD_ALL_TIME, &today);
      g_autoptr(KdxInsights) insights = _kdx_insights_compute_in (store, period, NULL, NULL, parts, &error);
      GPtrArray *stuck;

      g_assert_no_error (error);
      stuck = kdx_insights_get_stuck (insights);
      /* Not an empty comparison. */
      g_assert_cmpuint (stuck->len, >=, 10);
      for (guint i = 0; i < stuck->len; i++)
        {
          KdxInsightsStuck *one = g_ptr_array_index (stuck, i);

          sqlite3_bind_int64 (stmt, 1, one->id);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          g_assert_cmpstr (one->display_name, ==, (const char *) sqlite3_column_text (stmt, 0));
          g_assert_cmpstr (one->owner, ==, (const char *) sqlite3_column_text (stmt, 1));
          without_owner += one->owner == NULL;
          sqlite3_reset (stmt);
        }
    }
  g_assert_cmpuint (without_owner, >, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_clear_object (&store);
  kdx_test_remove_database (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/insights-scratch/months-as-the-engine", test_months_as_the_engine);
  /* On SQLite: the parts are SQLite's. */
  if (!kdx_test_on_pg ())
    g_test_add_func ("/insights-scratch/stuck-named-as-the-file", test_stuck_named_as_the_file);
  return g_test_run ();
}
