/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the PostgreSQL backend's own files, and by nothing else:
 *   kdx-store-pg.c       the backend (kdx-store-backend.h)
 *   kdx-store-pg-stmt.c  its statement layer (kdx-store-stmt.h)
 *   kdx-store-pg-live.c  other operators' commits, heard (LISTEN/NOTIFY)
 *   kdx-store-pg-secret.c  the password kept in the keyring (libsecret)
 *   kdx-store-pg-reconnect.c  a lost connection, found and made again
 *   kdx-store-pg-bulk.c  an import's rows sent with COPY
 *   kdx-store-pg-copy.c  what a statement is to that COPY
 *   kdx-store-pg-refusal.c  what the server refused of it, by the input's row
 * The only files of the store that include libpq-fe.h. */

#include <libpq-fe.h>

#include "kdx-store-private.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* kdx-store-pg-bulk.c: what a statement is to an import's COPY, and the
 * rows an import has buffered. */
typedef struct _KdxPgBulk KdxPgBulk;

#define KDX_PG_MAX_INDEXED 6
#define KDX_PG_MAX_INDEXED_COLUMNS 2

/* What a prepared statement is to the bulk writer (kdx-store-pg-copy.c). */
struct _KdxPgCopy
{
  char      *table;
  char      *copy_sql;       /* COPY table (columns) FROM STDIN */
  int        n_columns;
  int       *params;         /* each column's parameter index (1-based) */
  int        id_column;      /* the column "id", or -1 */
  gboolean   returns_id;     /* RETURNING id */
  int       *key_columns;    /* ON CONFLICT (...) DO NOTHING: the key's columns */
  int        n_key_columns;
  gboolean   rollback;       /* not an insert: a ROLLBACK (TO ...) */
  char     **names;          /* the columns' names */
  /* Not an insert: SELECT id FROM kol WHERE a = $1 [AND b = $2 ...]
   * [ORDER BY id LIMIT 1], how an import finds a KOL by uid or a
   * duplicate; @names are a, b, ..., @params their parameters. */
  gboolean   lookup;
  char      *lookup_key;     /* "a,b", the lookup's name among the bulk's */
  /* The server's btree indexes on the table's text (kdx-store-pg-refusal.c):
   * each one's columns, -1 after the last, found once. */
  int        indexed[KDX_PG_MAX_INDEXED][KDX_PG_MAX_INDEXED_COLUMNS];
  int        n_indexed;
};
typedef struct _KdxPgCopy KdxPgCopy;

/* What the store's void *db is for this backend: the connection and
 * what libpq does not keep for us between calls. */
typedef struct
{
  PGconn               *conn;
  char                  state[6];      /* SQLSTATE of the last failure, "" for none */
  gint64                changes;       /* rows of the last statement run to its end */
  gint64                total_changes;
  gint64                last_insert_id; /* of the last INSERT ... RETURNING id */
  guint                 n_prepared;    /* names server-side statements kdx_1, kdx_2, ... */
  /* A list query's statements, prepared on the server and kept after
   * use, by their text ($N parameters): one asked again (a search, a
   * sort) runs without being prepared and deallocated again, two round
   * trips of its three; the least recently used go past a number
   * (kdx-store-pg-stmt.c). */
  GHashTable           *kept;          /* text -> its kept statement */
  GQueue                kept_order;    /* of them, most recently used first */
  KdxStoreInterruptFunc interrupt;
  gpointer              interrupt_data;
  /* Hearing other operators' commits (kdx-store-pg-live.c): a second
   * connection that only LISTENs, so no query on the first ever reads
   * a notification off the socket before the source sees it. */
  PGconn               *listener;
  GSource              *listen_source;
  /* The password from the keyring when the URI has none (never shown;
   * wiped when the connection closes). */
  char                 *password;
  /* A lost connection being made again (kdx-store-pg-reconnect.c):
   * only the operator's store (the one that listens) does so. */
  gboolean              follows;       /* listens, so reconnects when lost */
  gboolean              reconnecting;
  guint                 lost_idle;     /* the loss, handled in the store's context */
  GSource              *retry_source;  /* the next attempt, after a pause */
  GSource              *poll_source;   /* an attempt under way, waiting on its socket */
  guint                 retry_ms;      /* the pause before the next attempt */
  /* An import's rows, buffered for COPY while it runs (kdx-store-pg-bulk.c). */
  KdxPgBulk            *bulk;
  /* The server refused the import's rows (or the C check before it did):
   * the store's refusal says what, and every error says so until the
   * import ends (kdx-store-pg-refusal.c). */
  gboolean              refused;
} KdxPgConnection;

#define KDX_PG(store) ((KdxPgConnection *) (store)->db)

/* kdx-store-pg.c */
gboolean        _kdx_store_pg_result_ok        (KdxStore             *self,
                                                PGresult             *result,
                                                ExecStatusType        expected);
/* A message from libpq or the server, first line only, with the
 * password blotted out. */
char           *_kdx_store_pg_clean_message    (KdxStore             *self,
                                                const char           *message);

/* A new connection to @self's database (the password from the URI, or
 * from the keyring); NULL only when out of memory. */
PGconn         *_kdx_store_pg_connect_db       (KdxStore             *self);

/* kdx-store-pg-secret.c */
char           *_kdx_store_pg_saved_password   (const char           *location);
void            _kdx_store_pg_free_password    (char                 *password);

/* kdx-store-pg-reconnect.c: called wherever a statement or the listener
 * finds the server gone (any thread; acted on in the store's context) */
void            _kdx_store_pg_connection_lost  (KdxStore             *self);
void            _kdx_store_pg_reconnect        (KdxStore             *self);
void            _kdx_store_pg_stop_reconnecting (KdxStore            *self);

/* kdx-store-pg-live.c: other operators' commits, heard (LISTEN/NOTIFY) */
gboolean        _kdx_store_pg_listen           (KdxStore             *self,
                                                GError              **error);
void            _kdx_store_pg_stop_listening   (KdxStore             *self);
gboolean        _kdx_store_pg_announce         (KdxStore             *self,
                                                GArray               *ids,
                                                GError              **error);

/* kdx-store-pg-stmt.c */
/* The server forgot the kept statements with its session (a reconnect),
 * or the connection closes. */
void            _kdx_store_pg_forget_kept      (KdxStore             *self);
void            _kdx_store_pg_release_kept     (KdxStore             *self,
                                                const char           *sql,
                                                const char           *name);
KdxStmt        *_kdx_store_pg_prepare          (KdxStore             *self,
                                                const char           *sql,
                                                gboolean              cached,
                                                GError              **error);
gboolean        _kdx_store_pg_exec             (KdxStore             *self,
                                                const char           *script,
                                                GError              **error);
gint64          _kdx_store_pg_changes          (KdxStore             *self);
gint64          _kdx_store_pg_last_insert_id   (KdxStore             *self);
gint64          _kdx_store_pg_total_changes    (KdxStore             *self);
gboolean        _kdx_store_pg_in_transaction   (KdxStore             *self);
void            _kdx_store_pg_set_interrupt    (KdxStore             *self,
                                                KdxStoreInterruptFunc func,
                                                gpointer              data);
KdxStoreFailure _kdx_store_pg_last_failure     (KdxStore             *self);
/* @sql with its ?N, ? and :name parameters as $N (outside string
 * literals, quoted names and comments); @names gets each :name at its
 * index - 1 (NULL for unnamed ones); the highest index in @n_params. */
char           *_kdx_store_pg_rewrite_params   (const char           *sql,
                                                GPtrArray            *names,
                                                int                  *n_params);

/* kdx-store-pg-copy.c: what a statement is to an import's COPY */
KdxPgCopy      *_kdx_store_pg_copy_new         (const char           *sql);
void            _kdx_store_pg_copy_free        (KdxPgCopy            *copy);

/* kdx-store-pg-bulk.c: an import's rows sent with COPY (issue 14, item 8) */
gboolean        _kdx_store_pg_bulk_active      (KdxStore             *self);
void            _kdx_store_pg_bulk_begin       (KdxStore             *self);
void            _kdx_store_pg_bulk_end         (KdxStore             *self);
gboolean        _kdx_store_pg_bulk_flush       (KdxStore             *self);
gboolean        _kdx_store_pg_bulk_finish      (KdxStore             *self);
gboolean        _kdx_store_pg_bulk_run         (KdxStore             *self,
                                                const KdxPgCopy      *copy,
                                                char *const          *values,
                                                const int            *lengths,
                                                const int            *formats,
                                                PGresult            **result,
                                                gboolean             *failed);
void            _kdx_store_pg_bulk_answer      (KdxStore             *self,
                                                const KdxPgCopy      *copy,
                                                char *const          *values,
                                                const int            *lengths,
                                                const int            *formats,
                                                PGresult            **result);
gboolean        _kdx_store_pg_bulk_index       (KdxStore             *self,
                                                gint64                id,
                                                const char           *words);

/* kdx-store-pg-refusal.c: what the server refused of a COPY, by the input's row */
void            _kdx_store_pg_explain_refusal  (KdxStore             *self,
                                                const KdxPgCopy      *copy,
                                                const GString        *rows,
                                                GArray               *sources,
                                                PGresult             *result);
void            _kdx_store_pg_find_indexed     (KdxPgCopy            *copy);
gboolean        _kdx_store_pg_refuse_too_long  (KdxStore             *self,
                                                const KdxPgCopy      *copy,
                                                char *const          *values,
                                                const int            *formats);

G_END_DECLS
