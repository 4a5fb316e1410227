/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-insights-digest"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "kdx-bulk-edit.h"
#include "kdx-contact-log.h"
#include "kdx-event.h"
#include "kdx-import-sink.h"
#include "kdx-insights.h"
#include "kdx-kol-query.h"
#include "kdx-stage-entry.h"
#include "kdx-store-digest.h"
#include "kdx-store-insights-private.h"
#include "kdx-store.h"
#include "kdx-test-insights.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"
#include "kdx-xml-export.h"
#include "kdx-xml-import.h"

/* The digests Insights reads on SQLite (schema 13, kdx-store-digest.c:
 * each KOL's stage moves, outreach and payments in one value) stay equal
 * to what the KOL's file, as the store reads it from the history tables,
 * gives when worked out here from scratch, after every kind of write on
 * generated data: add, save, replace (an Undo), move one and several,
 * log a contact on several, edit an event and delete one, a bulk edit,
 * delete, an import that adds, merges and skips and its undo, an XML
 * import, a copy to and from another database, the restore of a backup
 * and the migration of a database of before; on both engines. And the
 * numbers a refresh gives from the digests are the ones it gives from
 * the history, number for number (doubles with ==).
 *
 * After each of those writes too, the list's facts (schema 15,
 * kdx-store-list-facts.c: each KOL's last contact, time in stage,
 * channels and tags, kept beside it) give every KOL's list row what its
 * whole file gives: every KOL has its facts, none is stale. */

#define N_KOLS 150
#define N_EVENTS 1500

typedef struct
{
  int      kind;
  char    *at;
  guint    stage;
  gboolean agreed;
  char    *channel;
  double   amount;
} Expected;

static void
expected_clear (gpointer data)
{
  Expected *record = data;

  g_free (record->at);
  g_free (record->channel);
}

/* SQLite's julianday() of a time as the store writes it: whole
 * milliseconds since noon of 24 November 4714 BC, over a day's. */
static double
julian_day (const char *at)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (at, NULL);

  g_assert_nonnull (time);
  return (double) (g_date_time_to_unix (time) * 1000 + G_GINT64_CONSTANT (210866760000000))
         / 86400000.0;
}

/* @kol's records as its digest must hold them, worked out from the
 * file: the moves in the history's order, the outreach and the
 * payments with an amount (in any order: compared sorted). */
static GArray *
expected_of (KdxKol *kol)
{
  GListModel *history = G_LIST_MODEL (kdx_kol_get_stage_history (kol));
  GListModel *events = G_LIST_MODEL (kdx_kol_get_events (kol));
  GArray *records = g_array_new (FALSE, TRUE, sizeof (Expected));

  g_array_set_clear_func (records, expected_clear);
  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(KdxStageEntry) entry = g_list_model_get_item (history, i);
      Expected record = { KDX_DIGEST_MOVE, g_strdup (kdx_stage_entry_get_at (entry)),
                          kdx_stage_entry_get_stage (entry), FALSE, NULL, 0.0 };

      g_array_append_val (records, record);
    }
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(KdxEvent) event = g_list_model_get_item (events, i);
      g_autofree char *channel = NULL;
      g_autofree char *amount = NULL;
      Expected record = { 0 };
      KdxEventKind kind;
      KdxOutcome outcome;

      g_object_get (event, "kind", &kind, "outcome", &outcome, "at", &record.at,
                    "channel", &channel, "amount", &amount, NULL);
      if (kind == KDX_EVENT_KIND_OUTREACH)
        {
          record.kind = KDX_DIGEST_OUTREACH;
          record.agreed = outcome == KDX_OUTCOME_AGREED;
          record.channel = g_strdup (channel != NULL ? channel : "");
        }
      else if (kind == KDX_EVENT_KIND_PAYMENT && amount != NULL && *amount != '\0')
        {
          record.kind = KDX_DIGEST_PAYMENT;
          record.amount = g_ascii_strtod (amount, NULL);
        }
      else
        {
          g_free (record.at);
          continue;
        }
      g_array_append_val (records, record);
    }
  return records;
}

static int
event_order (gconstpointer a,
             gconstpointer b)
{
  const Expected *x = a, *y = b;
  int by;

  if (x->kind != y->kind)
    return x->kind - y->kind;
  if ((by = strcmp (x->at, y->at)) != 0)
    return by;
  if ((by = g_strcmp0 (x->channel, y->channel)) != 0)
    return by;
  if (x->agreed != y->agreed)
    return x->agreed - y->agreed;
  return (x->amount > y->amount) - (x->amount < y->amount);
}

/* The records a kept digest holds, as Expected. */
static GArray *
kept_of (GBytes *body)
{
  GArray *records = g_array_new (FALSE, TRUE, sizeof (Expected));
  KdxDigestReader reader;
  KdxDigestRecord record;
  gsize size = 0;
  const void *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;

  g_array_set_clear_func (records, expected_clear);
  kdx_digest_reader_init (&reader, data, size);
  while (kdx_digest_reader_next (&reader, &record))
    {
      char text[KDX_DIGEST_TIME_SIZE];
      Expected kept = { record.kind, NULL, 0, FALSE, NULL, 0.0 };

      /* A time the store wrote is kept as its seconds. */
      if (record.at == NULL)
        kdx_digest_format_time (record.seconds, text);
      kept.at = g_strdup (record.at != NULL ? record.at : text);

      /* Only the fields of its kind. */
      if (record.kind == KDX_DIGEST_MOVE)
        kept.stage = record.stage;
      else if (record.kind == KDX_DIGEST_OUTREACH)
        {
          kept.agreed = record.agreed;
          kept.channel = g_strdup (record.channel);
        }
      else
        kept.amount = record.amount;

      if (record.kind == KDX_DIGEST_MOVE)
        {
          /* Its day, as the engine worked it out; PostgreSQL's julianday()
           * (its schema 9) divides seconds where SQLite divides
           * milliseconds, so its last bits may differ. */
          g_assert_true (record.has_day);
          if (kdx_test_on_pg ())
            g_assert_cmpfloat_with_epsilon (record.day, julian_day (kept.at), 1e-9);
          else
            g_assert_cmpfloat (record.day, ==, julian_day (kept.at));
        }
      g_array_append_val (records, kept);
    }
  /* Nothing left over that is not a record. */
  g_assert_true (reader.next == reader.end);
  return records;
}

static void
assert_same_records (const char *what,
                     gint64      id,
                     GArray     *expected,
                     GArray     *kept)
{
  guint n_moves = 0;

  if (expected->len != kept->len)
    g_error ("after %s: KOL %" G_GINT64_FORMAT ": %u records kept, %u in its file", what, id,
             kept->len, expected->len);
  /* The moves first, in the history's order. */
  while (n_moves < expected->len && g_array_index (expected, Expected, n_moves).kind == KDX_DIGEST_MOVE)
    n_moves++;
  for (guint i = 0; i < expected->len; i++)
    {
      if (i >= n_moves)
        break;
      g_assert_cmpint (g_array_index (kept, Expected, i).kind, ==, KDX_DIGEST_MOVE);
      g_assert_cmpstr (g_array_index (kept, Expected, i).at, ==, g_array_index (expected, Expected, i).at);
      g_assert_cmpuint (g_array_index (kept, Expected, i).stage, ==, g_array_index (expected, Expected, i).stage);
    }
  /* The events as a set. */
  g_array_sort (expected, event_order);
  g_array_sort (kept, event_order);
  for (guint i = 0; i < expected->len; i++)
    {
      const Expected *x = &g_array_index (expected, Expected, i), *y = &g_array_index (kept, Expected, i);

      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpstr (x->at, ==, y->at);
      if (x->kind == KDX_DIGEST_MOVE)
        continue;
      g_assert_cmpstr (x->channel, ==, y->channel);
      g_assert_cmpint (x->agreed, ==, y->agreed);
      /* The engine parses the decimal text its own way. */
      g_assert_cmpfloat_with_epsilon (x->amount, y->amount, 1e-9 * MAX (1.0, fabs (x->amount)));
    }
}

static GBytes *
bytes_from_hex (const char *hex)
{
  gsize n = strlen (hex) / 2;
  guint8 *data = g_malloc (n);

  for (gsize i = 0; i < n; i++)
    data[i] = (guint8) (g_ascii_xdigit_value (hex[2 * i]) * 16 + g_ascii_xdigit_value (hex[2 * i + 1]));
  return g_bytes_new_take (data, n);
}

/* The one value of @sql (engine by engine: @sqlite on a file, @pg on a
 * server), run by the test itself on the database at @location. */
static char *
one_value (const char *location,
           const char *sqlite,
           const char *pg)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  if (g_str_has_prefix (location, "postgresql:"))
    return kdx_test_pg_run_sql (location, pg);
  g_assert_cmpint (sqlite3_open_v2 (location, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sqlite, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Every KOL's id, and its kept digest (or none), read from the database
 * at @location by the test itself: "ID:HEX" pairs. */
static GHashTable *
read_kept (const char  *location,
           GArray      *ids)
{
  GHashTable *digests = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                               (GDestroyNotify) g_bytes_unref);
  g_autofree char *kol_ids = NULL, *pairs = NULL;
  g_auto(GStrv) id_texts = NULL, pair_texts = NULL;

  kol_ids = one_value (location, "SELECT group_concat (id, ',') FROM (SELECT id FROM kol ORDER BY id)",
                       "SELECT string_agg (id::text, ',' ORDER BY id) FROM kol");
  pairs = one_value (location, "SELECT group_concat (p, ',') FROM (SELECT kol_id || ':' || hex (body) AS p"
                               " FROM kol_digest ORDER BY kol_id)",
                     "SELECT string_agg (kol_id || ':' || encode (body, 'hex'), ',' ORDER BY kol_id)"
                     " FROM kol_digest");
  id_texts = g_strsplit (kol_ids != NULL ? kol_ids : "", ",", -1);
  for (guint i = 0; id_texts[i] != NULL && *id_texts[i] != '\0'; i++)
    {
      gint64 id = g_ascii_strtoll (id_texts[i], NULL, 10);
      g_array_append_val (ids, id);
    }
  pair_texts = g_strsplit (pairs != NULL ? pairs : "", ",", -1);
  for (guint i = 0; pair_texts[i] != NULL && *pair_texts[i] != '\0'; i++)
    {
      const char *colon = strchr (pair_texts[i], ':');
      gint64 id = g_ascii_strtoll (pair_texts[i], NULL, 10);

      g_assert_nonnull (colon);
      g_hash_table_insert (digests, g_memdup2 (&id, sizeof id), bytes_from_hex (colon + 1));
    }
  return digests;
}

/* The number of @location's KOLs, and of its rows of list facts. */
static void
count_facts (const char *location,
             guint      *n_kols,
             guint      *n_facts)
{
  const char *sql = "SELECT (SELECT count(*) FROM kol) || ',' || (SELECT count(*) FROM kol_list_facts)";
  g_autofree char *counts = one_value (location, sql, sql);
  g_auto(GStrv) parts = NULL;

  parts = g_strsplit (counts, ",", 2);
  *n_kols = (guint) g_ascii_strtoull (parts[0], NULL, 10);
  *n_facts = (guint) g_ascii_strtoull (parts[1], NULL, 10);
}

/* @row, a KOL's list row, shows the last contact, stage time, channels
 * and tags its whole file gives. */
static void
assert_row_shows_file (KdxStore   *store,
                       KdxKol     *row,
                       const char *what)
{
  gint64 id = kdx_kol_get_id (row);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxKol) whole = kdx_store_load_kol (store, id, &error);
  g_autofree char *contact = kdx_kol_get_last_contact (row);
  g_autofree char *whole_contact = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) whole_tags = NULL;

  g_assert_no_error (error);
  whole_contact = kdx_kol_get_last_contact (whole);
  if (g_strcmp0 (contact, whole_contact) != 0
      || g_strcmp0 (kdx_kol_get_stage_since (row), kdx_kol_get_stage_since (whole)) != 0
      || kdx_kol_get_n_channels (row) != kdx_kol_get_n_channels (whole))
    g_error ("after %s: KOL %" G_GINT64_FORMAT "'s list row shows %s, %s, %u channels;"
             " its file %s, %s, %u", what, id, contact, kdx_kol_get_stage_since (row),
             kdx_kol_get_n_channels (row), whole_contact, kdx_kol_get_stage_since (whole),
             kdx_kol_get_n_channels (whole));
  g_object_get (row, "tags", &tags, NULL);
  g_object_get (whole, "tags", &whole_tags, NULL);
  /* No tags: an empty list or none, alike. */
  if (tags == NULL)
    tags = g_new0 (char *, 1);
  if (whole_tags == NULL)
    whole_tags = g_new0 (char *, 1);
  g_assert_true (g_strv_equal ((const char *const *) tags, (const char *const *) whole_tags));
}

/* Every KOL has its list facts, and its list row
 * (kdx_store_load_kol_rows(), and on a team database the first screen's
 * one statement too) shows what its whole file gives. */
static void
assert_list_facts (KdxStore   *store,
                   const char *location,
                   const char *what)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) digests = read_kept (location, ids);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = kdx_store_load_kol_rows (store, (const gint64 *) ids->data, ids->len, &error);
  guint n_kols, n_facts;

  g_test_message ("list facts after: %s", what);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, ids->len);
  count_facts (location, &n_kols, &n_facts);
  g_assert_cmpuint (n_kols, ==, ids->len);
  if (n_facts != n_kols)
    g_error ("after %s: %u KOLs, %u rows of list facts", what, n_kols, n_facts);
  for (guint i = 0; i < rows->len; i++)
    assert_row_shows_file (store, g_ptr_array_index (rows, i), what);
  if (kdx_store_reads_first_rows_at_once (store))
    {
      g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
      g_autoptr(GPtrArray) first = kdx_store_query_first_rows (store, query, 50, 0, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (first->len, ==, MIN (50, ids->len));
      for (guint i = 0; i < first->len; i++)
        assert_row_shows_file (store, g_ptr_array_index (first, i), what);
    }
}

/* Every KOL's kept digest is exactly the one its file gives; no digest
 * is kept for a KOL that has gone or has nothing to count. @what: the
 * write just done, said when it fails. */
static void
assert_digests (KdxStore   *store,
                const char *location,
                const char *what)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) digests = read_kept (location, ids);
  guint with_records = 0;

  g_test_message ("digests after: %s", what);
  g_assert_cmpuint (ids->len, >, 0);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(KdxKol) kol = kdx_store_load_kol (store, id, &error);
      g_autoptr(GArray) expected = NULL;
      g_autoptr(GArray) kept = NULL;

      g_assert_no_error (error);
      expected = expected_of (kol);
      kept = kept_of (g_hash_table_lookup (digests, &id));
      if (expected->len > 0)
        {
          with_records++;
          if (!g_hash_table_contains (digests, &id))
            g_error ("after %s: KOL %" G_GINT64_FORMAT " has no digest", what, id);
        }
      assert_same_records (what, id, expected, kept);
    }
  g_assert_cmpuint (g_hash_table_size (digests), ==, with_records);
  assert_list_facts (store, location, what);
}

/* The refresh from the digests against the one from the history, number
 * for number. */
static void
assert_same_numbers (KdxStore *store)
{
  static const KdxInsightsPeriodKind kinds[] = { KDX_INSIGHTS_PERIOD_ALL_TIME,
                                                 KDX_INSIGHTS_PERIOD_THIS_YEAR,
                                                 KDX_INSIGHTS_PERIOD_THIS_MONTH };
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 31, 12, 2025);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(KdxInsightsPeriod) period = kdx_insights_period_new (kinds[k], &today);
      g_autoptr(GError) error = NULL;
      g_autoptr(KdxInsights) digests = kdx_insights_compute (store, period, NULL, NULL, &error);
      g_autoptr(KdxInsights) history = _kdx_insights_compute_from_history (store, period, NULL, NULL, &error);
      g_assert_no_error (error);
      kdx_test_assert_same_insights (digests, history, TRUE);
    }
}

static void
append_event (KdxKol       *kol,
              KdxEventKind  kind,
              const char   *at,
              KdxOutcome    outcome,
              const char   *channel,
              const char   *amount)
{
  g_autoptr(KdxEvent) event = g_object_new (KDX_TYPE_EVENT, "kind", kind, "at", at, "outcome", outcome,
                                            "channel", channel, "amount", amount, NULL);

  g_list_store_append (kdx_kol_get_events (kol), event);
}

/* A KOL with a history and outreach of its own. */
static KdxKol *
make_kol (const char *name,
          const char *wechat)
{
  KdxKol *kol = kdx_test_kol_with_history (name, "candidate@2025-01-03 contacting@2025-02-10");

  g_object_set (kol, "wechat", wechat, NULL);
  append_event (kol, KDX_EVENT_KIND_OUTREACH, "2025-02-10T09:30:00Z", KDX_OUTCOME_NO_ANSWER, "微信", NULL);
  append_event (kol, KDX_EVENT_KIND_OUTREACH, "2025-02-17T10:00:00Z", KDX_OUTCOME_AGREED, "电话", NULL);
  append_event (kol, KDX_EVENT_KIND_PAYMENT, "2025-03-01T10:00:00Z", KDX_OUTCOME_NONE, NULL, "1200.50");
  return kol;
}

/* The first @n ids of the store, ascending. */
static GArray *
first_ids (const char *location,
           guint       n)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) digests = read_kept (location, ids);

  g_array_set_size (ids, MIN (n, ids->len));
  return ids;
}

static gboolean
set_outcome_cb (KdxKol   *kol,
                gpointer  user_data,
                GError  **error)
{
  GListModel *events = G_LIST_MODEL (kdx_kol_get_events (kol));

  /* Edit the first event, delete the last. */
  if (g_list_model_get_n_items (events) > 0)
    {
      g_autoptr(KdxEvent) first = g_list_model_get_item (events, 0);

      g_object_set (first, "kind", KDX_EVENT_KIND_OUTREACH, "outcome", KDX_OUTCOME_AGREED,
                    "channel", "小红书", NULL);
    }
  if (g_list_model_get_n_items (events) > 1)
    g_list_store_remove (kdx_kol_get_events (kol), g_list_model_get_n_items (events) - 1);
  return TRUE;
}

static char *
open_generated (char      **dir,
                KdxStore  **store)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  *dir = kdx_test_make_tmp_dir ();
  path = kdx_test_generate_database (*dir, N_KOLS, N_EVENTS);
  *store = kdx_store_open (path, &error);
  g_assert_no_error (error);
  /* On the team's engine: copied there (a write of its own, checked). */
  if (kdx_test_on_pg ())
    {
      g_autofree char *uri = kdx_test_pg_make_database ();

      g_assert_true (kdx_store_copy_to (*store, uri, &error));
      g_assert_no_error (error);
      g_clear_object (store);
      *store = kdx_store_open (uri, &error);
      g_assert_no_error (error);
      return g_steal_pointer (&uri);
    }
  return g_steal_pointer (&path);
}

static void
test_every_write (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(KdxStore) store = NULL;
  g_autofree char *location = open_generated (&dir, &store);
  g_autoptr(KdxKol) added = make_kol ("小美", "xm-digest");
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(GArray) ids = first_ids (location, 6);
  g_autoptr(GArray) one = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 id;

  assert_digests (store, location, kdx_test_on_pg () ? "the copy to the server" : "the generator");
  assert_same_numbers (store);

  g_assert_true (kdx_store_add_kol (store, added, &error));
  g_assert_no_error (error);
  assert_digests (store, location, "add");

  /* Saved: an outreach that came back agreed, a payment, a move. */
  stored = kdx_store_load_kol (store, kdx_kol_get_id (added), &error);
  g_assert_no_error (error);
  append_event (stored, KDX_EVENT_KIND_OUTREACH, "2025-03-05T10:00:00Z", KDX_OUTCOME_AGREED, "微信", NULL);
  append_event (stored, KDX_EVENT_KIND_PAYMENT, "2025-04-01T02:00:00Z", KDX_OUTCOME_NONE, NULL, "88");
  g_assert_true (kdx_store_save_kol (store, stored, &error));
  g_assert_no_error (error);
  assert_digests (store, location, "save");

  /* Replaced by the file of before (an Undo). */
  g_assert_true (kdx_store_replace_kol (store, added, &error));
  g_assert_no_error (error);
  assert_digests (store, location, "replace");

  g_assert_true (kdx_store_move_kol (store, kdx_kol_get_id (added), KDX_STAGE_ONBOARDING, NULL, &error));
  g_assert_no_error (error);
  assert_digests (store, location, "move");
  g_assert_true (kdx_store_move_kols (store, ids, KDX_STAGE_DEPARTED, "budget", NULL, &error));
  g_assert_no_error (error);
  assert_digests (store, location, "move of several");

  /* A contact logged on several KOLs at once. */
  {
    g_autoptr(KdxContactLog) log = kdx_contact_log_new (KDX_EVENT_KIND_OUTREACH);

    log->channel = g_strdup ("微信");
    log->outcome = KDX_OUTCOME_AGREED;
    log->at = g_strdup ("2025-06-01T09:30:00Z");
    g_assert_true (kdx_contact_log_apply (store, ids, log, NULL, &error));
    g_assert_no_error (error);
    assert_digests (store, location, "log contact");
  }
  /* An event edited and one deleted, on several KOLs in one edit. */
  g_assert_true (kdx_store_edit_kols (store, ids, set_outcome_cb, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_digests (store, location, "edit and delete events");
  {
    g_autoptr(KdxBulkEdit) edit = kdx_bulk_edit_new ();

    g_assert_true (kdx_bulk_edit_add_text (edit, "tier=head", &error));
    g_assert_true (kdx_bulk_edit_add_text (edit, "owner=小林", &error));
    g_assert_no_error (error);
    g_assert_true (kdx_bulk_edit_apply (edit, store, ids, NULL, &error));
    g_assert_no_error (error);
    assert_digests (store, location, "bulk edit");
  }

  id = g_array_index (ids, gint64, 0);
  g_array_append_val (one, id);
  g_assert_true (kdx_store_delete_kol (store, id, &error));
  g_assert_no_error (error);
  assert_digests (store, location, "delete");
  assert_same_numbers (store);
}

static void
test_imports_and_undo (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(KdxStore) store = NULL;
  g_autofree char *location = open_generated (&dir, &store);
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;
  static const KdxDuplicatePolicy policies[] = { KDX_DUPLICATE_MERGE, KDX_DUPLICATE_SKIP, KDX_DUPLICATE_NEW };

  for (guint p = 0; p < G_N_ELEMENTS (policies); p++)
    {
      g_autoptr(KdxImportSink) sink = kdx_import_sink_new (store, policies[p]);
      g_autoptr(KdxKol) newcomer = make_kol ("阿杰", "aj-digest");
      g_autoptr(GArray) ids = first_ids (location, 1);
      g_autoptr(KdxKol) again = kdx_store_load_kol (store, g_array_index (ids, gint64, 0), &error);
      gint64 run_id;

      g_assert_no_error (error);
      /* A file of a stored KOL with more outreach, and a new KOL. */
      g_object_set (again, "id", (gint64) 0, NULL);
      append_event (again, KDX_EVENT_KIND_OUTREACH, "2025-07-07T07:07:07Z", KDX_OUTCOME_AGREED, "邮件", NULL);
      g_assert_true (kdx_import_sink_begin (sink, "list.csv", &error));
      g_assert_true (kdx_import_sink_take (sink, again, NULL, NULL, &error));
      g_assert_true (kdx_import_sink_take (sink, newcomer, NULL, NULL, &error));
      g_assert_no_error (error);
      run_id = kdx_import_sink_commit (sink, &error);
      g_assert_no_error (error);
      g_assert_cmpint (run_id, >, 0);
      assert_digests (store, location, "import");
      g_assert_true (kdx_store_undo_import (store, run_id, &error));
      g_assert_no_error (error);
      assert_digests (store, location, "undo of an import");
    }

  /* The KOLs written out as XML and read back in as new ones. */
  xml = g_build_filename (dir, "kols.xml", NULL);
  g_assert_true (kdx_xml_export_file (store, xml, NULL, KDX_EXPORT_FLAGS_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(KdxXmlImportReport) report = NULL;

    g_assert_true (kdx_xml_import_file (store, xml, KDX_DUPLICATE_NEW, NULL, NULL, NULL, &report, &error));
    g_assert_no_error (error);
    assert_digests (store, location, "XML import");
    assert_same_numbers (store);
  }
  g_unlink (xml);
}

/* Copied out of the database (from a team's server to a file, or from a
 * file to another), the digests are made there. */
static void
test_copy_and_restore (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(KdxStore) store = NULL;
  g_autofree char *location = open_generated (&dir, &store);
  g_autofree char *copy = NULL;
  g_autoptr(KdxStore) copied = NULL;
  g_autoptr(GError) error = NULL;

  copy = g_build_filename (dir, "copy.db", NULL);
  g_assert_true (kdx_store_copy_to (store, copy, &error));
  g_assert_no_error (error);
  copied = kdx_store_open (copy, &error);
  g_assert_no_error (error);
  assert_digests (copied, copy, "a copy into a file");
  assert_same_numbers (copied);

  /* A backup (files only) of before a change, restored. */
  if (!kdx_test_on_pg ())
    {
      g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
      g_autoptr(GArray) ids = first_ids (copy, 3);

      g_assert_true (kdx_store_backup (copied, backup, &error));
      g_assert_no_error (error);
      g_assert_true (kdx_store_move_kols (copied, ids, KDX_STAGE_DECLINED, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (kdx_store_restore (copied, backup, &error));
      g_assert_no_error (error);
      assert_digests (copied, copy, "restore of a backup");
      g_unlink (backup);
    }
  g_clear_object (&copied);
  kdx_test_remove_database (copy);
}

/* A database of schema 12, from before the digests, gets them when it
 * is opened; on the team's server too. */
static void
test_migration (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(KdxStore) store = NULL;
  g_autofree char *location = open_generated (&dir, &store);
  g_autoptr(GError) error = NULL;

  g_clear_object (&store);
  if (kdx_test_on_pg ())
    {
      g_free (kdx_test_pg_run_sql (location, "DROP TABLE kol_digest"));
      g_free (kdx_test_pg_run_sql (location, "DROP TABLE kol_list_facts"));
      g_free (kdx_test_pg_run_sql (location, "UPDATE koldex_meta SET schema_version = 12"));
    }
  else
    {
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (location, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "DROP TABLE kol_digest; DROP TABLE kol_list_facts; PRAGMA user_version = 12", NULL, NULL, NULL),
                       ==, SQLITE_OK);
      sqlite3_close (db);
    }
  store = kdx_store_open (location, &error);
  g_assert_no_error (error);
  assert_digests (store, location, "the migration to schema 13");
  assert_same_numbers (store);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/insights/digest/every-write", test_every_write);
  g_test_add_func ("/insights/digest/imports-and-undo", test_imports_and_undo);
  g_test_add_func ("/insights/digest/copy-and-restore", test_copy_and_restore);
  g_test_add_func ("/insights/digest/migration", test_migration);
  return g_test_run ();
}
