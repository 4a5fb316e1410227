/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the store's files, and by nothing else:
 *   kdx-store.c               the object, its "changed" signal, opening
 *   kdx-store-transactions.c  statements, writes as transactions, batches
 *   kdx-store-record.c        a KOL file to rows and back (the codec)
 *   kdx-store-writes.c        add, save, move, replace, delete
 *   kdx-store-query.c         ids, counts and lookups for views
 *   kdx-store-imports.c       import history and its undo
 *   kdx-store-due.c           what Today needs: KOLs and dates that may be due
 *   kdx-store-conditions.c    conditions and sort keys of a query as SQL
 *   kdx-store-columns.c       column values of many rows in one query
 *   kdx-store-views.c         saved views
 *   kdx-store-copy.c          a whole database into an empty one
 *   kdx-store-siblings.c      what a worker's connection tells its opener
 *   kdx-store-sqlite.c        the SQLite backend (kdx-store-backend.h)
 *   kdx-store-sqlite-stmt.c   its statements (kdx-store-stmt.h)
 *   kdx-store-pg.c            the PostgreSQL backend (libpq)
 *   kdx-store-pg-stmt.c       its statements
 *   kdx-store-pg-live.c       other operators' commits, heard
 *   kdx-store-pg-secret.c     its password in the keyring
 *   kdx-store-pg-reconnect.c  a lost connection made again
 *   kdx-store-versions.c      row versions: saves of the changed fields only
 *   kdx-store-schema.c        the migrations
 *   kdx-store-pg-schema.c     the same migrations in PostgreSQL's dialect
 *   kdx-store-backup.c        SQLite's online backup: backups, restores, damage */

#include "kdx-field.h"
#include "kdx-store-backend.h"
#include "kdx-store.h"

G_BEGIN_DECLS

/* The time of the newest timeline event that was contact with the KOL:
 * every kind but a note (issue 10, item 1). The list's sort and Today's
 * cadence both use it; kept in step with kdx_kol_get_last_contact(). */
#define KDX_STORE_LAST_CONTACT_SQL \
  "(SELECT max(at) FROM event WHERE event.kol_id = kol.id AND kind <> 'note')"

struct _KdxStore
{
  GObject     parent_instance;

  const KdxStoreBackend *backend;
  void       *db;       /* the engine's connection: only its backend reads it */
  /* Where the database is, as shown to people: a file's path, or a
   * server's URI with any password left out (every message, every log
   * line and kdx_store_get_path() use it). */
  char       *path;
  /* What connect() is given: the path, or the URI as the operator gave
   * it, password included, for siblings to connect with. Never shown. */
  char       *location;
  GHashTable *statements;   /* SQL text -> KdxStmt, prepared once */
  GArray     *changed_ids;  /* ids touched by the open transaction */
  gboolean    in_batch;
  guint       write_depth;  /* writes open inside each other */
  /* An import streams into a batch: its writes take no savepoint (see
   * _kdx_store_write_begin); a write that fails after changing rows
   * breaks the batch, which then never commits. */
  gboolean    streaming;
  gboolean    batch_broken;
  gint64      bulk_mark;    /* rows changed when the open write began */
  GPtrArray  *deferred_indexes; /* CREATE INDEX statements an import will run */
  gboolean    index_kept;   /* index_kol() keeps the texts for index_kept() */
  /* The KOLs the open import run noted a change of (gint64 ids): a
   * second change of one KOL is not noted, its undo needs the oldest
   * copy only (kdx_store_add_import_change()). */
  GHashTable *import_noted;
  /* The input row the import's next writes come from
   * (kdx_store_set_import_row()), and what the database refused of an
   * import once its rows reached it (kdx_store_get_refusal()). */
  guint       import_row;
  KdxStoreRefusal *refusal;
  int         writes_held;  /* siblings in a batch (atomic: they run in workers) */
  GWeakRef    origin;       /* for a sibling: the store it was opened from */
  /* A reading worker's sibling kept between workers (keep_reader):
   * kdx_store_borrow_reader() takes it, give_back_reader() returns it. */
  GMutex      reader_lock;
  KdxStore   *idle_reader;
  GMainContext *context;    /* where "changed" is emitted: the opener's thread */
  int         change_queued; /* a sibling's "changed" waits in context (atomic) */
  int         damaged;      /* the engine found the file damaged: no more writes (atomic) */
  gboolean    disconnected; /* a team database's server went away: reconnecting */
  gboolean    checked;      /* the whole file was checked for damage (at open, or since) */
  gboolean    read_only;    /* the role or the file allows reading only (set at connect) */
  char       *operator_name; /* who writes: recorded on events, stage moves, imports */

  /* SQL made once from the field tables, so columns follow FIELDS.md. */
  char       *kol_insert_sql;
  char       *kol_update_sql;
  char       *kol_select_sql;
  char       *kol_scan_sql;   /* every kol row, by id */
  GHashTable *list_sql;     /* "insert TABLE" / "select TABLE" -> SQL */
  guint64     n_kols_read;  /* whole files read (kdx_store_get_n_kols_read()) */
  guint64     n_rows_read;  /* list rows read (kdx_store_get_n_rows_read()) */
  guint64     n_rows_scanned; /* kdx_store_watch_scans(), kdx-store-scans.c */
};

/* kdx-store.c */
const KdxStoreBackend *_kdx_store_pick_backend (const char *location);
/* Opening as far as the engine goes (connect, identity, tuning,
 * migrations), for kdx_store_open() and the engine's own tests. */
KdxStore     *_kdx_store_connect_engine      (const KdxStoreBackend *backend,
                                              const char    *location,
                                              gboolean       may_create,
                                              gboolean      *created,
                                              GError       **error);
void          _kdx_store_emit                (KdxStore      *self,
                                              GArray        *ids);
void          _kdx_store_notify_damaged      (KdxStore      *self);
/* In the store's context: "connected" changes (a backend's reconnect) */
void          _kdx_store_set_connected       (KdxStore      *self,
                                              gboolean       connected);

/* kdx-store-imports.c: a refusal traced back to the import's input,
 * kept for kdx_store_get_refusal() (takes @field, @value, @reason) */
void          _kdx_store_set_refusal         (KdxStore      *self,
                                              guint          row,
                                              char          *field,
                                              char          *value,
                                              char          *reason);
void          _kdx_store_clear_refusal       (KdxStore      *self);

/* kdx-store-backup.c: damage, once seen, refuses writes for the session */
void          _kdx_store_mark_damaged        (KdxStore      *self);
gboolean      _kdx_store_damaged_error       (KdxStore      *self,
                                              GError       **error);
gboolean      _kdx_store_sqlite_create_file  (const char    *path,
                                              GError       **error);
gboolean      _kdx_store_sqlite_check_health (KdxStore      *self,
                                              gboolean       at_open,
                                              gboolean      *checked,
                                              GError       **error);
gboolean      _kdx_store_sqlite_backup_to    (KdxStore      *self,
                                              const char    *path,
                                              GError       **error);
gboolean      _kdx_store_sqlite_restore_from (KdxStore      *self,
                                              const char    *path,
                                              GError       **error);
gboolean      _kdx_store_sqlite_inspect_backup (const char  *path,
                                                gboolean     verify,
                                                gint64      *schema,
                                                gint64      *n_kols,
                                                GError     **error);

void          _kdx_store_emit_views_changed  (KdxStore      *self);

/* kdx-store-views.c: the default views, once per database */
gboolean      _kdx_store_seed_views          (KdxStore      *self,
                                              GError       **error);

/* kdx-store-query.c: @select (ending in "WHERE TRUE") + the query's filters,
 * its ORDER BY when @ordered, then @tail (a LIMIT of ours, or NULL);
 * bound, ready to step; owned by the caller. */
KdxStmt      *_kdx_store_prepare_query       (KdxStore          *self,
                                              const char        *select,
                                              const KdxKolQuery *query,
                                              gboolean           ordered,
                                              const char        *tail,
                                              GError           **error);

/* kdx-store-rows.c: a list row's select list ("SELECT kol.id, ...",
 * over a row of kol; the KOL fields it reads added to @fields, from
 * column KDX_STORE_ROW_FIRST_FIELD on), and the row a statement of it
 * stands on. */
#define KDX_STORE_ROW_FIRST_FIELD 5
char         *_kdx_store_row_select          (KdxStore          *self,
                                              GPtrArray         *fields);
KdxKol       *_kdx_store_read_row            (KdxStmt           *stmt,
                                              GPtrArray         *fields);

/* kdx-store-query.c: "%word%" for LIKE/ILIKE ... ESCAPE '\' (search) */
char         *_kdx_store_like_pattern        (const char        *word);

/* kdx-store-conditions.c: a query's WHERE and ORDER BY beyond the plain
 * filters; @params get the values (owned), numbered ?N in order. */
gboolean      _kdx_store_append_conditions   (KdxStore          *self,
                                              GString           *sql,
                                              GPtrArray         *params,
                                              const KdxKolQuery *query,
                                              GError           **error);
void          _kdx_store_append_order        (KdxStore          *self,
                                              GString           *sql,
                                              const KdxKolQuery *query);
/* The query's day as YYYY-MM-DD, checked (so it may be written into a
 * statement); the local date when it gives none or a malformed one. */
char         *_kdx_store_query_today         (const KdxKolQuery *query);
/* The SQL expression of a column (kdx-kol-columns.h) over a row of kol,
 * with the query's day for days_in_stage; NULL for an unknown one. */
char         *_kdx_store_column_sql          (KdxStore          *self,
                                              const char        *column,
                                              const char        *today);
/* kdx-store-record.c: a table read in kol_id order beside the kol table
 * (kdx_store_foreach_kol, the XML export): its rows of the KOL at hand
 * are taken as the kol scan reaches it. */
typedef struct
{
  KdxStmt *stmt;
  int           id_column;  /* where the row's kol_id is */
  int           rc;         /* of the last step: KDX_STMT_ROW while rows are left */
} KdxStoreCursor;

gboolean      _kdx_store_cursor_open         (KdxStore          *self,
                                              KdxStoreCursor    *cursor,
                                              const char        *sql,
                                              int                id_column,
                                              GError           **error);
/* Whether the cursor is on a row of KOL @id, after skipping rows of
 * KOLs before it. */
gboolean      _kdx_store_cursor_at           (KdxStoreCursor    *cursor,
                                              gint64             id);
gboolean      _kdx_store_cursor_next         (KdxStore          *self,
                                              KdxStoreCursor    *cursor,
                                              GError           **error);
/* The list tables in kdx_kol_list_infos() order, the tags, the avatars */
#define KDX_STORE_N_PART_CURSORS 6
gboolean      _kdx_store_scan_open           (KdxStore          *self,
                                              KdxStoreCursor    *parts,
                                              KdxStoreCursor    *kols,
                                              GError           **error);
void          _kdx_store_scan_close          (KdxStoreCursor    *parts,
                                              KdxStoreCursor    *kols);
gboolean      _kdx_store_read_begin          (KdxStore          *self,
                                              gboolean          *own_transaction,
                                              GError           **error);
/* Commits or rolls back what _kdx_store_read_begin() began; returns @ok. */
gboolean      _kdx_store_read_end            (KdxStore          *self,
                                              gboolean           own_transaction,
                                              gboolean           ok);

/* kdx-store-columns.c: statement column @index as @column's GValue */
void          _kdx_store_read_value          (KdxStmt           *stmt,
                                              int                index,
                                              const KdxField    *column,
                                              GValue            *value);

/* kdx-store-siblings.c: a worker's connection tells its opener */
void          _kdx_store_sibling_batch_began (KdxStore      *self);
void          _kdx_store_sibling_batch_ended (KdxStore      *self);
void          _kdx_store_sibling_committed   (KdxStore      *self);

/* kdx-store-transactions.c: the statement layer */
gboolean      _kdx_store_set_error           (KdxStore      *self,
                                              GError       **error);
KdxStmt      *_kdx_store_prepare             (KdxStore      *self,
                                              const char    *sql,
                                              GError       **error);
gboolean      _kdx_store_step_done           (KdxStore      *self,
                                              KdxStmt       *stmt,
                                              GError       **error);
gboolean      _kdx_store_step_id             (KdxStore      *self,
                                              KdxStmt       *stmt,
                                              gint64        *id,
                                              GError       **error);
gboolean      _kdx_store_run                 (KdxStore      *self,
                                              const char    *sql,
                                              GError       **error);
gboolean      _kdx_store_query_int           (KdxStore      *self,
                                              const char    *sql,
                                              gint64        *value,
                                              GError       **error);
void          _kdx_store_bind_text           (KdxStmt       *stmt,
                                              int            index,
                                              const char    *text);

/* kdx-store-transactions.c: every write is one transaction */
gboolean      _kdx_store_write_begin         (KdxStore      *self,
                                              guint         *mark,
                                              GError       **error);
gboolean      _kdx_store_write_commit        (KdxStore      *self,
                                              GError       **error);
void          _kdx_store_write_rollback      (KdxStore      *self,
                                              guint          mark);
void          _kdx_store_note_changed        (KdxStore      *self,
                                              gint64         id);
gboolean      _kdx_store_note_written        (KdxStore      *self,
                                              gint64         id,
                                              GError       **error);
/* kdx-store-versions.c: the KOLs a write is about to read and rewrite,
 * locked in ascending id order (where the backend needs it) */
gboolean      _kdx_store_lock_kols           (KdxStore      *self,
                                              const gint64  *ids,
                                              guint          n_ids,
                                              GError       **error);

/* kdx-store-record.c: the KOL record codec */
void          _kdx_store_build_sql           (KdxStore      *self);
gboolean      _kdx_store_is_kol_column       (const KdxField *field);
gboolean      _kdx_store_check_required      (KdxKol        *kol,
                                              GError       **error);
gboolean      _kdx_store_write_kol_row       (KdxStore      *self,
                                              const char    *sql,
                                              KdxKol        *kol,
                                              gboolean       is_update,
                                              gint64        *id,
                                              GError       **error);
gboolean      _kdx_store_write_parts         (KdxStore      *self,
                                              gint64         id,
                                              KdxKol        *kol,
                                              gboolean       is_new,
                                              GError       **error);
gboolean      _kdx_store_write_history       (KdxStore      *self,
                                              gint64         id,
                                              KdxKol        *kol,
                                              gboolean       is_new,
                                              GError       **error);
gboolean      _kdx_store_append_stage_entry  (KdxStore      *self,
                                              gint64         id,
                                              KdxStage       stage,
                                              const char    *at,
                                              const char    *note,
                                              GError       **error);
const char   *_kdx_store_list_table          (const char    *list);
gboolean      _kdx_store_index_new_kol       (KdxStore      *self,
                                              gint64         id,
                                              KdxKol        *kol,
                                              GError       **error);
gboolean      _kdx_store_read_kol            (KdxStore      *self,
                                              gint64         id,
                                              KdxKol        *kol,
                                              GError       **error);
gboolean      _kdx_store_read_stage          (KdxStore      *self,
                                              gint64         id,
                                              KdxStage      *stage,
                                              GError       **error);

/* kdx-store-summaries.c: what Insights reads, kept in step with the files */
gboolean      _kdx_store_summarise_kol       (KdxStore      *self,
                                              gint64         id,
                                              GError       **error);
gboolean      _kdx_store_summarise_import_run (KdxStore     *self,
                                              gint64         run_id,
                                              GError       **error);

/* kdx-store-digest.c: each KOL's digest of its history for Insights */
typedef enum
{
  KDX_DIGEST_ONE_KOL,     /* @arg: the KOL's id */
  KDX_DIGEST_IMPORT_RUN,  /* @arg: the run's id: its KOLs */
  KDX_DIGEST_EVERY_KOL,   /* @arg: unused */
} KdxDigestSet;

char         *_kdx_store_kol_set_sql         (KdxDigestSet   set,
                                              const char    *column);
void          _kdx_store_bind_kol_set        (KdxStmt       *stmt,
                                              KdxDigestSet   set,
                                              gint64         arg);
gboolean      _kdx_store_digest_kols         (KdxStore      *self,
                                              KdxDigestSet   set,
                                              gint64         arg,
                                              GError       **error);
/* kdx-store-list-facts.c: what the list shows of each KOL's parts, kept */
#define KDX_STORE_LIST_FACTS_SCHEMA 15
/* The join that puts them beside a row of kol, for the list's rows. */
#define KDX_STORE_LIST_FACTS_JOIN " LEFT JOIN kol_list_facts ON kol_list_facts.kol_id = kol.id"
gboolean      _kdx_store_list_facts_kols     (KdxStore      *self,
                                              KdxDigestSet   set,
                                              gint64         arg,
                                              GError       **error);

/* What a migration to @version leaves to C, after its SQL. */
gboolean      _kdx_store_migrated_to         (KdxStore      *self,
                                              gint64         version,
                                              GError       **error);

G_END_DECLS
