/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "kdx-store-stmt.h"
#include "kdx-store.h"

G_BEGIN_DECLS

/* What a database engine does its own way, behind the store's one API.
 *
 * Everything else in the store (the KOL record codec, queries, writes,
 * import history, transactions) is plain SQL that SQLite and PostgreSQL
 * both speak. What differs is here: how a database is found, made and
 * protected (a file 0600 in a 0700 folder, or a server), how the store
 * knows it is Koldex's and how old its schema is (SQLite's application_id
 * and user_version, or a table), how a connection is tuned (pragmas, or
 * session settings), how writes take the lock at once, how errors read,
 * and full-text search (FTS5 with trigrams, or tsvector and pg_trgm).
 *
 * Statements are prepared, bound and stepped through the backend too
 * (prepare() and KdxStmt, kdx-store-stmt.h), so the store's files hold
 * SQL and no engine call. Callers of kdx-store.h never see any of this.
 * Backups and restores are the engine's own too (SQLite's online backup
 * API; pg_dump for a server). */

/* What kind of failure the last statement that failed met, where the
 * store answers differently from "the database said no". */
typedef enum
{
  KDX_STORE_FAILURE_OTHER,
  /* A UNIQUE or PRIMARY KEY constraint refused the row (a KOL's id or
   * uid taken). */
  KDX_STORE_FAILURE_UNIQUE,
} KdxStoreFailure;

/* Asked now and then while a statement runs: TRUE interrupts it (the
 * step then says ERROR). */
typedef gboolean (*KdxStoreInterruptFunc) (gpointer data);

/* The words of a KOL file that search looks in, column by column. */
typedef struct
{
  const char *names;    /* display and real name */
  const char *handles;  /* handle, WeChat, own account, every channel's handle */
  const char *tags;     /* tags and the category */
  const char *notes;    /* notes and the bio */
} KdxSearchText;

typedef struct
{
  const char *name;

  /* Starts a write transaction that holds the write lock from the start,
   * so two writers never both read and then fail to upgrade. */
  const char *begin_write_sql;

  /* SQL the two engines spell differently, written into statements:
   * a KOL's tags in their order joined by the unit separator (never in a
   * tag), as one expression over a row of kol (SQLite 3.40 has no
   * string_agg(), PostgreSQL no group_concat()); and the LIMIT that
   * limits nothing, before an OFFSET (SQLite "-1", PostgreSQL "ALL"). */
  const char *tags_in_order_sql;
  /* The same for many KOLs at once: a SELECT of (kol_id, tags), one row
   * per KOL with tags, of the kol_tag rows where "%s" (a condition on
   * kol_id) holds. */
  const char *tags_by_kol_sql;
  const char *no_limit;
  /* A UTC time's local month ("2025-03") and the Monday of its local
   * week ("2025-03-10"), for Insights: the time's column stands where
   * "%s" is, shifted by the parameter :shift ("+480 minutes"). SQLite
   * shifts with date modifiers (strftime(), date()), PostgreSQL with an
   * interval (to_char(), date_trunc()). */
  const char *local_month_sql;
  const char *local_week_sql;
  /* What follows a text sort key so that text sorts by its bytes, as
   * SQLite's BINARY collation does, whatever locale the server was made
   * with: the list's order is the same on both engines, and PostgreSQL
   * compares with memcmp() instead of the locale's strcoll() (SQLite:
   * ""; PostgreSQL: " COLLATE \"C\""). */
  const char *byte_order_collation;
  /* What turns a statement into its plan, a row per line with the
   * line last (kdx_store_explain_query_ids()): SQLite's "EXPLAIN QUERY
   * PLAN ", PostgreSQL's "EXPLAIN (ANALYZE, BUFFERS) ", which runs it
   * and so says how many table rows an index-only scan still read. */
  const char *explain;

  /* Whether each KOL an import streams into its batch takes a savepoint
   * of its own. PostgreSQL needs one: there a refused statement aborts
   * the whole transaction, so the first rejected row would end the
   * import. SQLite takes none: a refused statement changes nothing, and
   * a savepoint per KOL was most of a big import's time (issue 16). */
  gboolean    import_savepoints;
  /* How an import's changes are read for its undo, newest first: by
   * insertion where the engine keeps it ("rowid DESC": runs noted before
   * an import merges into a file twice it holds two copies of it), else
   * any order (PostgreSQL, which notes a KOL's first change only). */
  const char *import_change_order;
  /* Whether an import notes only a KOL's first change (the file as it
   * was before the import, all its undo needs): where the engine keeps
   * no order of insertion (PostgreSQL). SQLite notes every change, as
   * it always has, so its import history stays what it was. */
  gboolean    import_first_change_only;
  /* Whether a file read to be written back is locked before it is read
   * (PostgreSQL: READ COMMITTED reads take no lock, so another writer's
   * commit between the read and the write would be overwritten, and two
   * writers locking the same KOLs in other orders deadlock). SQLite's
   * write transaction already holds the whole file. */
  gboolean    lock_before_rewrite;
  /* Whether a reading worker's sibling (kdx_store_borrow_reader()) is
   * kept open for the next worker: where a connection costs a round
   * trip, a backend forked and a login (PostgreSQL, about 27 ms a
   * search), not where it is a file opened in the process (SQLite). */
  gboolean    keep_reader;
  /* Run on a reader when it is opened (kdx_store_borrow_reader()), or
   * NULL. PostgreSQL: plan each run for its own values. The reader's
   * statements stay prepared, and after five runs the server may plan
   * one for any value; a search's best plan depends on the word (a
   * common word: every text in id order, 0.45 s for 100,000 hits; the
   * same plan made blind: 0.8 s). */
  const char *reader_setup;
  /* Whether a query's list of ids (a screen's rows, the "Due" filter)
   * is one parameter, an array (PostgreSQL: the statement's text stays
   * the same from screen to screen, so it stays prepared and planned),
   * rather than numbers written into the statement (SQLite, which
   * prepares in the process and has no arrays). */
  gboolean    ids_as_array;
  /* Whether the list's first screen is read in one statement, its
   * first ids and their rows together (kdx_store_query_first_rows()),
   * rather than the ids and then the rows: where each statement is a
   * round trip to a server (PostgreSQL), not a call in the process. */
  gboolean    first_rows_at_once;

  /* Whether @location (a path or a URI, as the operator gave it) names
   * a database of this engine. */
  gboolean (*handles)        (const char *location);
  /* @location as it may be shown: with any password left out. */
  char    *(*display_name)   (const char *location);

  /* Connects @self to the database at @self->location. When it does not exist
   * and @may_create, makes it (with the engine's protection) and says so
   * in @created; a sibling connection never makes one. */
  gboolean (*connect)        (KdxStore  *self,
                              gboolean   may_create,
                              gboolean  *created,
                              GError   **error);
  void     (*disconnect)     (KdxStore  *self);
  /* Removes the database that connect() made, when opening failed later. */
  void     (*discard)        (const char *path);

  /* Refuses a database that is not Koldex's, is from a newer Koldex, or
   * cannot be written, before anything is written to it. */
  gboolean (*check_identity) (KdxStore  *self,
                              GError   **error);
  /* Tunes the connection for Koldex's work (foreign keys, caching, ...). */
  gboolean (*configure)      (KdxStore  *self,
                              GError   **error);
  /* Says an import streams through the connection (TRUE) or has ended:
   * a hint to keep memory small meanwhile (SQLite: a small page cache). */
  void     (*set_streaming)  (KdxStore  *self,
                              gboolean   streaming);
  /* Inside an import's batch: when the database holds no KOL yet, drops
   * the indexes the import does not read, for restore_indexes() to build
   * once at the end (sorting every row once, instead of updating each
   * index row by row). A rollback brings them back by itself. */
  gboolean (*defer_indexes)  (KdxStore  *self,
                              GError   **error);
  gboolean (*restore_indexes) (KdxStore *self,
                               GError  **error);
  /* Brings the schema to its newest version, safe against another
   * Koldex doing the same at the same time. */
  gboolean (*migrate)        (KdxStore  *self,
                              GError   **error);

  /* Reads the whole database through, structure only, and says whether
   * it is damaged (SQLite: PRAGMA quick_check), before anything is
   * written to it. @at_open: only when that is quick (a small file);
   * says in @checked whether it ran. */
  gboolean (*check_health)   (KdxStore  *self,
                              gboolean   at_open,
                              gboolean  *checked,
                              GError   **error);
  /* Copies the database, as one moment of it, into a new file at @path
   * (0600) that stands alone, and verifies the copy. */
  gboolean (*backup_to)      (KdxStore   *self,
                              const char *path,
                              GError    **error);
  /* Replaces the whole database with the backup at @path in one step
   * that every connection sees; the caller migrates afterwards. */
  gboolean (*restore_from)   (KdxStore   *self,
                              const char *path,
                              GError    **error);
  /* Reads a backup without changing it: refuses one that is not
   * Koldex's, is newer than this Koldex or (when @verify: every page is
   * read) is damaged; says its schema version and how many KOLs it holds. */
  gboolean (*inspect_backup) (const char *path,
                              gboolean    verify,
                              gint64     *schema,
                              gint64     *n_kols,
                              GError    **error);
  /* Whether the database connected is still the one its path names:
   * FALSE when the file was deleted, replaced or moved (its folder
   * removed) since the connection was made, so writes went nowhere the
   * operator will look. */
  gboolean (*is_in_place)    (KdxStore  *self);
  /* Whether the connection may only read: the role lacks UPDATE on kol,
   * or the file is write-protected. Asked once, at connect. */
  gboolean (*is_read_only)   (KdxStore  *self,
                              gboolean  *read_only,
                              GError   **error);

  /* Starts adding the rows this connection steps through in full table
   * scans to @self->n_rows_scanned (kdx_store_watch_scans(), for tests
   * that prove a view reads only what it shows). NULL: the engine cannot
   * count them, and nothing is counted. */
  void     (*watch_scans)    (KdxStore  *self);

  /* ---- live changes from other connections (issue 14, item 4) ---- */

  /* Starts hearing what other connections to the database commit: from
   * then on, in @self->context, @self emits "changed" with the KOLs
   * another store wrote (no ids: reload everything); never for what
   * @self or a sibling of it wrote, which it announced already. NULL:
   * the engine cannot tell. */
  gboolean (*listen)         (KdxStore  *self,
                              GError   **error);
  /* After the connection was lost (the store's "connected" is FALSE):
   * tries again now instead of after the pause. NULL: the engine's
   * database is a file, never lost this way. */
  void     (*reconnect)      (KdxStore  *self);
  /* Inside the outermost write transaction, just before its COMMIT:
   * tells the listeners the KOLs @ids are about to change, so that they
   * hear it when, and only if, the transaction commits. NULL: nobody
   * can listen. */
  gboolean (*announce)       (KdxStore  *self,
                              GArray    *ids,
                              GError   **error);

  /* Turns the engine's last error into a message an operator can act on. */
  gboolean (*set_error)      (KdxStore  *self,
                              GError   **error);
  /* What kind of failure the last failed statement met. */
  KdxStoreFailure (*last_failure) (KdxStore *self);

  /* ---- the statement layer (kdx-store-stmt.h) ---- */

  /* Prepares one statement of @sql (parameters ?N or :name). @cached:
   * the store keeps it for the session and runs it again and again (a
   * hint: SQLite then plans it for long use). NULL and set_error() on
   * failure. */
  KdxStmt *(*prepare)        (KdxStore    *self,
                              const char  *sql,
                              gboolean     cached,
                              GError     **error);
  /* Runs a script of statements separated by ';', without parameters or
   * rows (schema changes). */
  gboolean (*exec)           (KdxStore    *self,
                              const char  *script,
                              GError     **error);
  /* How the store learns a new KOL's id, on the import's hot path: it
   * appends @insert_returning to the KOL insert; when that makes the
   * insert answer with a row (" RETURNING id": PostgreSQL) the row is
   * the id, else last_insert_id() tells it after the step (SQLite, ""
   * here: there RETURNING made each insert keep a statement journal, half
   * again an import's time). Other inserts that need their id (once per
   * import, per saved view) say RETURNING id, which both speak.
   * last_insert_id(): the id the last INSERT on this connection made
   * (PostgreSQL: lastval()). */
  const char *insert_returning;
  gint64   (*last_insert_id) (KdxStore  *self);
  /* Rows inserted, changed or deleted by the last statement that ran to
   * its end, and by every statement since the connection was made. */
  gint64   (*changes)        (KdxStore  *self);
  gint64   (*total_changes)  (KdxStore  *self);
  /* Whether a transaction is open on the connection (BEGIN without its
   * COMMIT or ROLLBACK yet). */
  gboolean (*in_transaction) (KdxStore  *self);
  /* Calls @func now and then while statements run, until called again
   * with NULL; TRUE from @func interrupts the statement. SQLite asks
   * every 1,000 virtual machine steps (so a budget counted in calls
   * stops a query at the same row each time); another engine may ask at
   * its own pace. */
  void     (*set_interrupt)  (KdxStore             *self,
                              KdxStoreInterruptFunc func,
                              gpointer              data);

  /* Appends " AND <KOLs whose search text holds @word>" to @sql, its
   * parameters numbered ?N (each added to @params, owned). @early_stop:
   * the rows are read in id order and only the first few are wanted, so
   * the test should be per row (the engine stops at the LIMIT) rather
   * than one set built of every match first. */
  void     (*match_word)     (GString           *sql,
                              GPtrArray         *params,
                              const char        *word,
                              gboolean           early_stop);
  /* Keeps the search text of KOL @id, which has none yet (the store
   * calls unindex_kol() first for a stored KOL); unindex_kol() forgets it. */
  gboolean (*index_kol)      (KdxStore            *self,
                              gint64               id,
                              const KdxSearchText *text,
                              GError             **error);
  gboolean (*unindex_kol)    (KdxStore  *self,
                              gint64     id,
                              GError   **error);
  /* Inside an import's batch: index_kol() may keep the texts aside
   * (unindex_kol() forgets a kept one too) for index_kept() to index in
   * one pass when the import ends, before it commits; a rollback drops
   * them with the rest. An engine whose index costs the same either way
   * leaves index_kol() writing row by row and both do nothing. */
  gboolean (*keep_index)     (KdxStore  *self,
                              GError   **error);
  gboolean (*index_kept)     (KdxStore  *self,
                              GError   **error);
  /* After rows were written with the ids they had elsewhere (a copy,
   * kdx-store-copy.c): makes the next id the engine assigns follow the
   * highest one. NULL when the engine does so by itself (SQLite's
   * AUTOINCREMENT counter follows any id inserted). */
  gboolean (*follow_ids)     (KdxStore  *self,
                              GError   **error);
  /* Inside an import's batch: sends what the engine holds back of its
   * writes (a team database's COPY buffers), so that what the database
   * would refuse is refused now; a dry run asks before it rolls back.
   * NULL when every write reaches the database as it is made (SQLite). */
  gboolean (*send_held)      (KdxStore  *self,
                              GError   **error);
} KdxStoreBackend;

extern const KdxStoreBackend kdx_store_sqlite_backend;
extern const KdxStoreBackend kdx_store_pg_backend;

G_END_DECLS
