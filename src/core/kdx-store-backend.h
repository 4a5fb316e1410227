/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

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
 * One honest limit: statements are still prepared, bound and stepped
 * through SQLite's own calls in the store's files (kdx-store-private.h
 * says which); a PostgreSQL backend brings that layer with it. Callers
 * of kdx-store.h never see any of this. The backup API joins this table
 * when it is written. */

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

  /* Connects @self to the database at @self->path. When it does not exist
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
  /* Brings the schema to its newest version, safe against another
   * Koldex doing the same at the same time. */
  gboolean (*migrate)        (KdxStore  *self,
                              GError   **error);

  /* Whether the database connected is still the one its path names:
   * FALSE when the file was deleted, replaced or moved (its folder
   * removed) since the connection was made, so writes went nowhere the
   * operator will look. */
  gboolean (*is_in_place)    (KdxStore  *self);

  /* Turns the engine's last error into a message an operator can act on. */
  gboolean (*set_error)      (KdxStore  *self,
                              GError   **error);

  /* Appends " AND <KOLs whose search text holds @word>" to @sql, its
   * parameters numbered ?N (each added to @params, owned). */
  void     (*match_word)     (GString           *sql,
                              GPtrArray         *params,
                              const char        *word);
  /* Keeps the search text of KOL @id; unindex_kol() forgets it. */
  gboolean (*index_kol)      (KdxStore            *self,
                              gint64               id,
                              const KdxSearchText *text,
                              GError             **error);
  gboolean (*unindex_kol)    (KdxStore  *self,
                              gint64     id,
                              GError   **error);
} KdxStoreBackend;

extern const KdxStoreBackend kdx_store_sqlite_backend;

G_END_DECLS
