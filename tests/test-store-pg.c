/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-pg"

#include "config.h"

#include <string.h>
#include <libpq-fe.h>

#include "kdx-error.h"
#include "kdx-kol-query.h"
#include "kdx-store-pg-schema.h"
#include "kdx-store-private.h"
#include "kdx-store-schema.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* The PostgreSQL backend (issue 14) against a real server: tests/pg-server
 * starts a throwaway one and sets KOLDEX_TEST_PG_URI (its maintenance
 * database, as a superuser with a password); each test makes a database
 * of its own there. The engine's part of opening is tested through
 * _kdx_store_connect_engine(); the store's own statements run on the
 * server once the statement layer (kdx-store-stmt.h) carries them. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)


static KdxStore *
open_engine (const char  *uri,
             GError     **error)
{
  gboolean created = FALSE;
  KdxStore *store = _kdx_store_connect_engine (&kdx_store_pg_backend, uri, TRUE, &created, error);

  g_assert_false (created);
  return store;
}

static gint64
schema_version (const char *uri)
{
  g_autofree char *version = kdx_test_pg_run_sql (uri, "SELECT schema_version FROM koldex_meta");

  return g_ascii_strtoll (version, NULL, 10);
}

static void
test_migrates_empty (void)
{
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = NULL;
  g_autofree char *tables = NULL;
  g_autofree char *trgm = NULL;
  g_autofree char *sorts = NULL;
  g_autofree char *target = NULL;

  /* The same versions on both engines: 12 is PostgreSQL's own (the
   * list's speed, issue 14 item 8), nothing for SQLite to change, 13 the
   * Insights digests on both (issue 11, item 5), 14 PostgreSQL's own
   * again (autovacuum of kol, the sorts' visibility map), 15 the list's
   * facts on both, and 16 PostgreSQL's (the search text's statistics
   * target); SQLite's 12, 14 and 16 do nothing. */
  g_assert_cmpuint (kdx_store_pg_n_migrations, ==, kdx_store_n_migrations);
  g_assert_cmpuint (kdx_store_n_migrations, ==, KDX_STORE_SCHEMA_VERSION);

  store = open_engine (uri, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (schema_version (uri), ==, kdx_store_pg_n_migrations);
  g_assert_cmpstr ((tables = kdx_test_pg_run_sql (uri, "SELECT string_agg (relname, ',' ORDER BY relname) FROM pg_class"
                                           " WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace")),
                   ==, "board_order,channel,event,import_change,import_run,important_date,kol,kol_avatar,"
                       "kol_digest,kol_list_facts,kol_search,kol_tag,koldex_meta,saved_view,saved_view_seed,stage_history,stage_stay");
  /* Schema 4's columns and constraints, schema 6's indexes. */
  g_free (kdx_test_pg_run_sql (uri, "SELECT contact_every_days, reapproach_on FROM kol"));
  /* Schema 11: who made each event, stage move and import. */
  g_free (kdx_test_pg_run_sql (uri, "SELECT e.made_by, s.made_by, r.made_by"
                                    " FROM event e, stage_history s, import_run r"));
  g_free (kdx_test_pg_run_sql (uri, "SELECT 1 FROM pg_indexes WHERE indexname IN ('event_kind', 'stage_history_stage')"));
  trgm = kdx_test_pg_run_sql (uri, "SELECT indexdef FROM pg_indexes WHERE indexname = 'kol_search_words'");
  g_assert_nonnull (strstr (trgm, "gin_trgm_ops"));
  /* Schema 12: the search text lowered by the server, the trigram index
   * on it, the list's sort orders. */
  g_assert_nonnull (strstr (trgm, "(folded gin_trgm_ops)"));
  g_free (kdx_test_pg_run_sql (uri, "SELECT folded FROM kol_search"));
  g_assert_cmpstr ((sorts = kdx_test_pg_run_sql (uri, "SELECT string_agg (indexname, ',' ORDER BY indexname)"
                                                      " FROM pg_indexes WHERE indexname LIKE 'kol_sort_%'")),
                   ==, "kol_sort_display_name,kol_sort_display_name_desc,kol_sort_followers,kol_sort_followers_desc");
  /* Schema 16: a thousand histogram bounds for the search text. */
  g_assert_cmpstr ((target = kdx_test_pg_run_sql (uri, "SELECT attstattarget FROM pg_attribute"
                                                       " WHERE attrelid = 'kol_search'::regclass AND attname = 'folded'")),
                   ==, "1000");
  g_assert_true (kdx_store_check_in_place (store, NULL));
}

static void
test_reopen_keeps (void)
{
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) first = open_engine (uri, &error);
  g_autoptr(KdxStore) second = NULL;
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  g_free (kdx_test_pg_run_sql (uri, "INSERT INTO kol (uid, display_name, created_at, updated_at)"
                        " VALUES ('u-1', '小美', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')"));
  g_clear_object (&first);

  second = open_engine (uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (schema_version (uri), ==, kdx_store_pg_n_migrations);
  g_assert_cmpstr ((name = kdx_test_pg_run_sql (uri, "SELECT display_name FROM kol WHERE uid = 'u-1'")), ==, "小美");
  /* New KOLs take new ids after the one stored. */
  g_free (kdx_test_pg_run_sql (uri, "INSERT INTO kol (uid, display_name, created_at, updated_at)"
                        " VALUES ('u-2', 'B', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')"));
  g_free (name);
  g_assert_cmpstr ((name = kdx_test_pg_run_sql (uri, "SELECT count(DISTINCT id) FROM kol")), ==, "2");
}

static void
test_newer_schema_refused (void)
{
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = open_engine (uri, &error);
  g_autofree char *newer = g_strdup_printf ("UPDATE koldex_meta SET schema_version = %u",
                                            kdx_store_pg_n_migrations + 1);

  g_assert_no_error (error);
  g_clear_object (&store);
  g_free (kdx_test_pg_run_sql (uri, newer));

  store = open_engine (uri, &error);
  g_assert_null (store);
  g_assert_error (error, KDX_ERROR, KDX_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer Koldex"));
  g_assert_nonnull (strstr (error->message, "update Koldex"));
  /* Left as it was. */
  g_assert_cmpint (schema_version (uri), ==, kdx_store_pg_n_migrations + 1);
}

static void
test_foreign_refused (void)
{
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = NULL;
  g_autofree char *tables = NULL;

  g_free (kdx_test_pg_run_sql (uri, "CREATE TABLE invoices (id INTEGER, total NUMERIC)"));
  store = open_engine (uri, &error);
  g_assert_null (store);
  g_assert_error (error, KDX_ERROR, KDX_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "another program"));
  /* Nothing written: the one table it had, no pg_trgm. */
  g_assert_cmpstr ((tables = kdx_test_pg_run_sql (uri, "SELECT string_agg (relname, ',') FROM pg_class"
                                           " WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace")),
                   ==, "invoices");
  g_free (tables);
  g_assert_cmpstr ((tables = kdx_test_pg_run_sql (uri, "SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")), ==, "0");

  /* A koldex_meta of another application is not ours either. */
  g_clear_error (&error);
  g_free (kdx_test_pg_run_sql (uri, "DROP TABLE invoices; CREATE TABLE koldex_meta (singleton BOOLEAN PRIMARY KEY,"
                        " application_id BIGINT, schema_version INTEGER);"
                        " INSERT INTO koldex_meta VALUES (TRUE, 42, 1)"));
  store = open_engine (uri, &error);
  g_assert_null (store);
  g_assert_error (error, KDX_ERROR, KDX_ERROR_NOT_A_DATABASE);
}

/* The password a URI carries is never in what Koldex shows: not in a
 * refused login's message, not in any other, not in the store's path. */
static void
test_password_never_shown (void)
{
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autofree char *password = NULL;
  g_autofree char *wrong = NULL;
  const char *colon = strchr (uri + strlen ("postgresql://"), ':');
  const char *at = strchr (uri, '@');
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = NULL;
  g_autofree char *in_query = NULL;

  password = g_strndup (colon + 1, at - colon - 1);
  wrong = g_strdup_printf ("%.*s:Wrong-Secret-42%s", (int) (colon - uri), uri, at);

  store = open_engine (wrong, &error);
  g_assert_null (store);
  g_assert_error (error, KDX_ERROR, KDX_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "password authentication failed"));
  g_assert_null (strstr (error->message, "Wrong-Secret-42"));
  g_assert_null (strstr (error->message, password));
  g_assert_nonnull (strstr (error->message, "postgresql://koldex@/"));

  /* Through kdx_store_open(): the URI picks the PostgreSQL backend. */
  g_clear_error (&error);
  g_assert_null (kdx_store_open (wrong, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "Cannot connect to postgresql://koldex@/"));
  g_assert_null (strstr (error->message, "Wrong-Secret-42"));

  /* A password given as a parameter, with the right one: a refusal
   * later (a foreign database) does not show it either. */
  g_clear_error (&error);
  g_free (kdx_test_pg_run_sql (uri, "CREATE TABLE invoices (id INTEGER)"));
  in_query = g_strdup_printf ("postgresql://koldex@/%s&password=%s",
                              strstr (uri, "@/") + 2, password);
  *strchr (in_query + strlen ("postgresql://koldex@/"), '?') = '?';
  store = open_engine (in_query, &error);
  g_assert_null (store);
  g_assert_error (error, KDX_ERROR, KDX_ERROR_NOT_A_DATABASE);
  g_assert_null (strstr (error->message, password));
  g_assert_null (strstr (error->message, "password="));

  /* The path shown has none. */
  g_clear_error (&error);
  g_free (kdx_test_pg_run_sql (uri, "DROP TABLE invoices"));
  store = open_engine (uri, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (kdx_store_get_path (store), password));
  g_assert_true (g_str_has_prefix (kdx_store_get_path (store), "postgresql://koldex@/kdx_test_"));
}

static gpointer
open_in_thread (gpointer uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = open_engine (uri, &error);

  g_assert_no_error (error);
  return NULL;
}

/* Two Koldex opening a new team database at once migrate it once. */
static void
test_concurrent_migration (void)
{
  g_autofree char *uri = kdx_test_pg_make_database ();
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("open", open_in_thread, uri);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_assert_cmpint (schema_version (uri), ==, kdx_store_pg_n_migrations);
}

/* ---- search: what FTS5 finds, pg_trgm finds ------------------------------- */

typedef struct
{
  const char *name;
  const char *tags;   /* one string, as the store joins them */
  const char *notes;
} SearchKol;

static const SearchKol search_kols[] = {
  { "小美美", "美妆 护肤", "上海的美妆博主" },
  { "Tech Wang", "数码", "reviews phones" },
  { "阿杰", "健身", "每天直播健身 美食" },
  { "Lily", "travel", "美妆 and travel vlogs" },
  { "老王", "美食", "北京胡同美食" },
  { "王小二", "books", "读书会组织者" },
};

static const char *const search_words_tried[] = {
  "美妆", "美食", "健身", "王", "小", "TECH", "travel", "读书会", "上海的", "nothing",
};

/* The ids FTS5 finds, in a SQLite store holding the same KOLs. */
static GArray *
sqlite_ids (KdxStore   *store,
            const char *word)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();

  kdx_kol_query_set_search (query, word);
  return kdx_store_query_ids (store, query, NULL);
}

/* The ids the PostgreSQL backend's match finds: its SQL, as the store
 * appends it to a query, run on the server. */
static GArray *
pg_ids (const char *uri,
        const char *word)
{
  g_autoptr(GString) sql = g_string_new ("SELECT id FROM kol WHERE TRUE");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PGconn) conn = PQconnectdb (uri);
  g_autoptr(PGresult) result = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  kdx_store_pg_backend.match_word (sql, params, word, FALSE);
  /* The word is in the statement, quoted (each word's statement is
   * planned once), not a parameter. */
  g_assert_cmpuint (params->len, ==, 0);
  g_assert_null (strchr (sql->str, '?'));
  g_string_append (sql, " ORDER BY id");
  result = PQexec (conn, sql->str);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  for (int i = 0; i < PQntuples (result); i++)
    {
      gint64 id = g_ascii_strtoll (PQgetvalue (result, i, 0), NULL, 10);
      g_array_append_val (ids, id);
    }
  return ids;
}

static void
test_search_like_fts5 (KdxTestFolder *fixture,
                       gconstpointer  data)
{
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autoptr(GError) error = NULL;
  KdxStore *sqlite = fixture->store;
  g_autoptr(KdxStore) pg = NULL;

  pg = open_engine (uri, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (search_kols); i++)
    {
      g_autoptr(KdxKol) kol = kdx_kol_new ();
      g_auto(GStrv) tags = g_strsplit (search_kols[i].tags, " ", -1);
      g_autofree char *insert = NULL;
      g_autofree char *id_text = NULL;
      KdxSearchText text = { search_kols[i].name, "", search_kols[i].tags, search_kols[i].notes };

      kdx_kol_set_display_name (kol, search_kols[i].name);
      g_object_set (kol, "tags", tags, "notes", search_kols[i].notes, NULL);
      g_assert_true (kdx_store_add_kol (sqlite, kol, &error));
      g_assert_no_error (error);

      insert = g_strdup_printf ("INSERT INTO kol (uid, display_name, created_at, updated_at)"
                                " VALUES ('u-%u', 'x', '2024-01-01', '2024-01-01') RETURNING id", i);
      id_text = kdx_test_pg_run_sql (uri, insert);
      /* Both engines gave the same ids, so the answers compare as they are. */
      g_assert_cmpint (g_ascii_strtoll (id_text, NULL, 10), ==, kdx_kol_get_id (kol));
      g_assert_true (kdx_store_pg_backend.index_kol (pg, kdx_kol_get_id (kol), &text, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (search_words_tried); i++)
    {
      g_autoptr(GArray) expected = sqlite_ids (sqlite, search_words_tried[i]);
      g_autoptr(GArray) found = pg_ids (uri, search_words_tried[i]);

      g_test_message ("%s: FTS5 %u, pg_trgm %u", search_words_tried[i], expected->len, found->len);
      g_assert_cmpuint (found->len, ==, expected->len);
      for (guint j = 0; j < found->len; j++)
        g_assert_cmpint (g_array_index (found, gint64, j), ==, g_array_index (expected, gint64, j));
    }

  /* The two-character words found what they should, not nothing. */
  {
    g_autoptr(GArray) beauty = pg_ids (uri, "美妆");
    g_assert_cmpuint (beauty->len, ==, 2);
  }
}

/* ---- the statement layer over libpq (kdx-store-stmt.h) --------------------- */

static KdxStmt *
prepare (KdxStore   *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  KdxStmt *stmt = store->backend->prepare (store, sql, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stmt);
  return stmt;
}

static gboolean
always_stop (gpointer data)
{
  return TRUE;
}

static gboolean
stop_on_third_call (gpointer data)
{
  guint *calls = data;

  return ++*calls >= 3;
}

static void
test_statements (void)
{
  static const guchar image[] = { 0x89, 'P', 'N', 'G', 0x00, 0xff, 0x00, '\\', 'x' };
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = open_engine (uri, &error);
  g_autoptr(KdxStmt) params = NULL;
  g_autoptr(KdxStmt) flags = NULL;
  g_autoptr(KdxStmt) insert = NULL;
  g_autoptr(KdxStmt) avatar = NULL;
  g_autoptr(KdxStmt) read = NULL;
  g_autoptr(KdxStmt) update = NULL;
  gint64 first_id;

  g_assert_no_error (error);

  /* ?N, a plain ? (the one after the highest so far), :name used twice
   * and a :: cast; none of them inside a string literal. */
  params = prepare (store, "SELECT ?2 || '', ?1, 'a ?1 ''q'' :x', :day::text, :day, ?");
  g_assert_cmpint (kdx_stmt_parameter_count (params), ==, 4);
  g_assert_cmpint (kdx_stmt_parameter_index (params, ":day"), ==, 3);
  g_assert_cmpint (kdx_stmt_parameter_index (params, ":other"), ==, 0);
  kdx_stmt_bind_text (params, 1, "one");
  kdx_stmt_bind_text (params, 2, "二");
  kdx_stmt_bind_text (params, 3, "2024-01-02");
  kdx_stmt_bind_null (params, 4);
  g_assert_cmpint (kdx_stmt_step (params), ==, KDX_STMT_ROW);
  g_assert_cmpint (kdx_stmt_column_count (params), ==, 6);
  g_assert_cmpstr (kdx_stmt_column_text (params, 0), ==, "二");
  g_assert_cmpstr (kdx_stmt_column_text (params, 1), ==, "one");
  g_assert_cmpstr (kdx_stmt_column_text (params, 2), ==, "a ?1 'q' :x");
  g_assert_cmpstr (kdx_stmt_column_text (params, 3), ==, "2024-01-02");
  g_assert_cmpstr (kdx_stmt_column_text (params, 4), ==, "2024-01-02");
  g_assert_cmpint (kdx_stmt_column_type (params, 5), ==, KDX_STMT_TYPE_NULL);
  g_assert_null (kdx_stmt_column_text (params, 5));
  g_assert_cmpint (kdx_stmt_step (params), ==, KDX_STMT_DONE);

  /* Booleans read as SQLite's 1 and 0; counts as integers. */
  flags = prepare (store, "SELECT 1 = 1, 2 < 1, count(*), 2.5::float8 FROM kol");
  g_assert_cmpint (kdx_stmt_step (flags), ==, KDX_STMT_ROW);
  g_assert_cmpint (kdx_stmt_column_int64 (flags, 0), ==, 1);
  g_assert_cmpstr (kdx_stmt_column_text (flags, 1), ==, "0");
  g_assert_cmpint (kdx_stmt_column_type (flags, 2), ==, KDX_STMT_TYPE_INTEGER);
  g_assert_cmpint (kdx_stmt_column_int64 (flags, 2), ==, 0);
  g_assert_cmpint (kdx_stmt_column_type (flags, 3), ==, KDX_STMT_TYPE_FLOAT);
  g_assert_cmpfloat (kdx_stmt_column_double (flags, 3), ==, 2.5);
  g_assert_cmpint (kdx_stmt_step (flags), ==, KDX_STMT_DONE);

  /* An id NULL is assigned, as SQLite's INTEGER PRIMARY KEY does, and
   * RETURNING hands it back; each run again gives the next. */
  insert = prepare (store, "INSERT INTO kol (id, uid, display_name, created_at, updated_at)"
                           " VALUES (?1, ?2, ?3, '2024-01-01', '2024-01-01') RETURNING id");
  kdx_stmt_bind_null (insert, 1);
  kdx_stmt_bind_text (insert, 2, "u-1");
  kdx_stmt_bind_text (insert, 3, "小美");
  g_assert_cmpint (kdx_stmt_step (insert), ==, KDX_STMT_ROW);
  first_id = kdx_stmt_column_int64 (insert, 0);
  g_assert_cmpint (first_id, >, 0);
  g_assert_cmpint (store->backend->last_insert_id (store), ==, first_id);
  g_assert_cmpint (kdx_stmt_step (insert), ==, KDX_STMT_DONE);
  g_assert_cmpint (store->backend->changes (store), ==, 1);

  /* The same uid again: a unique violation, told apart. */
  kdx_stmt_reset (insert);
  g_assert_cmpint (kdx_stmt_step (insert), ==, KDX_STMT_ERROR);
  g_assert_cmpint (store->backend->last_failure (store), ==, KDX_STORE_FAILURE_UNIQUE);
  g_assert_false (store->backend->set_error (store, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "duplicate key"));
  g_clear_error (&error);

  /* Bytes, a NUL and a backslash among them, through bytea and back. */
  avatar = prepare (store, "INSERT INTO kol_avatar (kol_id, image) VALUES (?1, ?2)");
  kdx_stmt_bind_int64 (avatar, 1, first_id);
  kdx_stmt_bind_blob (avatar, 2, image, sizeof image);
  g_assert_cmpint (kdx_stmt_step (avatar), ==, KDX_STMT_DONE);
  read = prepare (store, "SELECT image FROM kol_avatar WHERE kol_id = ?");
  kdx_stmt_bind_int64 (read, 1, first_id);
  g_assert_cmpint (kdx_stmt_step (read), ==, KDX_STMT_ROW);
  g_assert_cmpint (kdx_stmt_column_type (read, 0), ==, KDX_STMT_TYPE_BLOB);
  g_assert_cmpuint (kdx_stmt_column_bytes (read, 0), ==, sizeof image);
  g_assert_cmpmem (kdx_stmt_column_blob (read, 0), kdx_stmt_column_bytes (read, 0), image, sizeof image);
  g_assert_cmpint (kdx_stmt_step (read), ==, KDX_STMT_DONE);

  /* Changes of a write; a transaction seen open and closed. */
  g_assert_true (store->backend->exec (store, "BEGIN", &error));
  g_assert_true (store->backend->in_transaction (store));
  update = prepare (store, "UPDATE kol SET city = ?1 WHERE id >= ?2");
  kdx_stmt_bind_text (update, 1, "上海");
  kdx_stmt_bind_int64 (update, 2, 0);
  g_assert_cmpint (kdx_stmt_step (update), ==, KDX_STMT_DONE);
  g_assert_cmpint (store->backend->changes (store), ==, 1);
  g_assert_true (store->backend->exec (store, "ROLLBACK", &error));
  g_assert_no_error (error);
  g_assert_false (store->backend->in_transaction (store));

  /* An interrupt stops a statement before it runs, and one the server
   * is working on (cancelled there: query_canceled). */
  store->backend->set_interrupt (store, always_stop, NULL);
  kdx_stmt_reset (flags);
  g_assert_cmpint (kdx_stmt_step (flags), ==, KDX_STMT_ERROR);
  store->backend->set_interrupt (store, NULL, NULL);
  kdx_stmt_reset (flags);
  g_assert_cmpint (kdx_stmt_step (flags), ==, KDX_STMT_ROW);
  {
    g_autoptr(KdxStmt) slow = prepare (store, "SELECT count(*) FROM pg_sleep (30)");
    guint calls = 0;

    store->backend->set_interrupt (store, stop_on_third_call, &calls);
    g_assert_cmpint (kdx_stmt_step (slow), ==, KDX_STMT_ERROR);
    g_assert_cmpuint (calls, ==, 3);
    store->backend->set_interrupt (store, NULL, NULL);
    /* The connection is free again. */
    kdx_stmt_reset (flags);
    g_assert_cmpint (kdx_stmt_step (flags), ==, KDX_STMT_ROW);
  }

  /* A statement the server refuses is refused at prepare. */
  g_assert_null (store->backend->prepare (store, "SELECT no_such_column FROM kol", FALSE, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "no_such_column"));
}

/* The whole of kdx_store_open() on a server: migrated, the default
 * views written once, a KOL added and read back, a sibling connection. */
static void
test_store_open (void)
{
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_store_open (uri, &error);
  g_autoptr(KdxStore) again = NULL;
  g_autoptr(KdxStore) sibling = NULL;
  g_autoptr(GPtrArray) views = NULL;
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  g_autoptr(KdxKol) loaded = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  views = kdx_store_list_views (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (views->len, ==, 3);

  kdx_kol_set_display_name (kol, "美妆小达人");
  g_object_set (kol, "city", "杭州", "followers", (gint64) 125000, NULL);
  g_assert_true (kdx_store_add_kol (store, kol, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kdx_store_count_kols (store, NULL), ==, 1);

  /* Opened again (the views are not written twice), and from a worker. */
  again = kdx_store_open (uri, &error);
  g_assert_no_error (error);
  g_clear_pointer (&views, g_ptr_array_unref);
  views = kdx_store_list_views (again, &error);
  g_assert_cmpuint (views->len, ==, 3);
  sibling = kdx_store_open_sibling (store, &error);
  g_assert_no_error (error);
  loaded = kdx_store_load_kol (sibling, kdx_kol_get_id (kol), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdx_kol_get_display_name (loaded), ==, "美妆小达人");
  g_assert_cmpint (kdx_kol_get_followers (loaded), ==, 125000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/pg/migrates-empty", test_migrates_empty);
  g_test_add_func ("/store/pg/reopen-keeps", test_reopen_keeps);
  g_test_add_func ("/store/pg/newer-schema-refused", test_newer_schema_refused);
  g_test_add_func ("/store/pg/foreign-refused", test_foreign_refused);
  g_test_add_func ("/store/pg/password-never-shown", test_password_never_shown);
  g_test_add_func ("/store/pg/concurrent-migration", test_concurrent_migration);
  g_test_add_func ("/store/pg/statements", test_statements);
  g_test_add_func ("/store/pg/store-open", test_store_open);
  g_test_add ("/store/pg/search-like-fts5", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_search_like_fts5, kdx_test_folder_tear_down);

  return g_test_run ();
}
