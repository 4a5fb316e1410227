/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include "kdx-store-sqlite-private.h"

/* The SQLite backend's statement layer (kdx-store-stmt.h): a KdxStmt is
 * a sqlite3_stmt behind one indirect call, nothing more, so the import
 * path runs at sqlite3's own speed. Also what the backend answers about
 * the connection's statements: changes, transactions, interrupts, the
 * kind of the last failure. */

typedef struct
{
  KdxStmt       parent;
  sqlite3_stmt *raw;
} SqliteStmt;

#define RAW(stmt) (((SqliteStmt *) (stmt))->raw)

/* ---- binding -------------------------------------------------------------- */

static void
stmt_bind_text (KdxStmt    *stmt,
                int         index,
                const char *value)
{
  if (value != NULL)
    sqlite3_bind_text (RAW (stmt), index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (RAW (stmt), index);
}

static void
stmt_bind_int64 (KdxStmt *stmt,
                 int      index,
                 gint64   value)
{
  sqlite3_bind_int64 (RAW (stmt), index, value);
}

static void
stmt_bind_double (KdxStmt *stmt,
                  int      index,
                  double   value)
{
  sqlite3_bind_double (RAW (stmt), index, value);
}

static void
stmt_bind_null (KdxStmt *stmt,
                int      index)
{
  sqlite3_bind_null (RAW (stmt), index);
}

static void
stmt_bind_blob (KdxStmt    *stmt,
                int         index,
                const void *data,
                gsize       size)
{
  sqlite3_bind_blob64 (RAW (stmt), index, data, size, SQLITE_TRANSIENT);
}

static int
stmt_parameter_count (KdxStmt *stmt)
{
  return sqlite3_bind_parameter_count (RAW (stmt));
}

static int
stmt_parameter_index (KdxStmt    *stmt,
                      const char *name)
{
  return sqlite3_bind_parameter_index (RAW (stmt), name);
}

/* ---- running -------------------------------------------------------------- */

static KdxStmtResult
stmt_step (KdxStmt *stmt)
{
  switch (sqlite3_step (RAW (stmt)))
    {
    case SQLITE_ROW:
      return KDX_STMT_ROW;
    case SQLITE_DONE:
      return KDX_STMT_DONE;
    default:
      return KDX_STMT_ERROR;
    }
}

static void
stmt_reset (KdxStmt *stmt)
{
  sqlite3_reset (RAW (stmt));
}

static void
stmt_clear_bindings (KdxStmt *stmt)
{
  sqlite3_clear_bindings (RAW (stmt));
}

/* ---- reading -------------------------------------------------------------- */

static int
stmt_column_count (KdxStmt *stmt)
{
  return sqlite3_column_count (RAW (stmt));
}

static KdxStmtType
stmt_column_type (KdxStmt *stmt,
                  int      column)
{
  switch (sqlite3_column_type (RAW (stmt), column))
    {
    case SQLITE_INTEGER:
      return KDX_STMT_TYPE_INTEGER;
    case SQLITE_FLOAT:
      return KDX_STMT_TYPE_FLOAT;
    case SQLITE_TEXT:
      return KDX_STMT_TYPE_TEXT;
    case SQLITE_BLOB:
      return KDX_STMT_TYPE_BLOB;
    default:
      return KDX_STMT_TYPE_NULL;
    }
}

static const char *
stmt_column_text (KdxStmt *stmt,
                  int      column)
{
  return (const char *) sqlite3_column_text (RAW (stmt), column);
}

static gint64
stmt_column_int64 (KdxStmt *stmt,
                   int      column)
{
  return sqlite3_column_int64 (RAW (stmt), column);
}

static double
stmt_column_double (KdxStmt *stmt,
                    int      column)
{
  return sqlite3_column_double (RAW (stmt), column);
}

static const void *
stmt_column_blob (KdxStmt *stmt,
                  int      column)
{
  return sqlite3_column_blob (RAW (stmt), column);
}

static gsize
stmt_column_bytes (KdxStmt *stmt,
                   int      column)
{
  return sqlite3_column_bytes (RAW (stmt), column);
}

static void
stmt_finalize (KdxStmt *stmt)
{
  sqlite3_finalize (RAW (stmt));
  g_free (stmt);
}

static const KdxStmtClass sqlite_stmt_class = {
  .bind_text = stmt_bind_text,
  .bind_int64 = stmt_bind_int64,
  .bind_double = stmt_bind_double,
  .bind_null = stmt_bind_null,
  .bind_blob = stmt_bind_blob,
  .parameter_count = stmt_parameter_count,
  .parameter_index = stmt_parameter_index,
  .step = stmt_step,
  .reset = stmt_reset,
  .clear_bindings = stmt_clear_bindings,
  .column_count = stmt_column_count,
  .column_type = stmt_column_type,
  .column_text = stmt_column_text,
  .column_int64 = stmt_column_int64,
  .column_double = stmt_column_double,
  .column_blob = stmt_column_blob,
  .column_bytes = stmt_column_bytes,
  .finalize = stmt_finalize,
};

/* ---- the backend's calls -------------------------------------------------- */

KdxStmt *
_kdx_store_sqlite_prepare (KdxStore    *self,
                           const char  *sql,
                           gboolean     cached,
                           GError     **error)
{
  sqlite3_stmt *raw = NULL;
  SqliteStmt *stmt;

  /* A cached statement lives for the session: SQLite then keeps it out
   * of its lookaside memory, meant for short-lived ones. */
  if (sqlite3_prepare_v3 (self->db, sql, -1, cached ? SQLITE_PREPARE_PERSISTENT : 0,
                          &raw, NULL) != SQLITE_OK)
    {
      _kdx_store_set_error (self, error);
      return NULL;
    }
  stmt = g_new0 (SqliteStmt, 1);
  stmt->parent.klass = &sqlite_stmt_class;
  stmt->raw = raw;
  return &stmt->parent;
}

gboolean
_kdx_store_sqlite_exec (KdxStore    *self,
                        const char  *script,
                        GError     **error)
{
  if (sqlite3_exec (self->db, script, NULL, NULL, NULL) != SQLITE_OK)
    return _kdx_store_set_error (self, error);
  return TRUE;
}

gint64
_kdx_store_sqlite_last_insert_id (KdxStore *self)
{
  return sqlite3_last_insert_rowid (self->db);
}

gint64
_kdx_store_sqlite_changes (KdxStore *self)
{
  return sqlite3_changes64 (self->db);
}

gint64
_kdx_store_sqlite_total_changes (KdxStore *self)
{
  return sqlite3_total_changes64 (self->db);
}

gboolean
_kdx_store_sqlite_in_transaction (KdxStore *self)
{
  return sqlite3_get_autocommit (self->db) == 0;
}

void
_kdx_store_sqlite_set_interrupt (KdxStore             *self,
                                 KdxStoreInterruptFunc func,
                                 gpointer              data)
{
  /* gboolean (*) (gpointer) is SQLite's int (*) (void *). */
  sqlite3_progress_handler (self->db, func != NULL ? 1000 : 0, func, data);
}

KdxStoreFailure
_kdx_store_sqlite_last_failure (KdxStore *self)
{
  int code = sqlite3_extended_errcode (self->db);

  if (code == SQLITE_CONSTRAINT_PRIMARYKEY || code == SQLITE_CONSTRAINT_UNIQUE)
    return KDX_STORE_FAILURE_UNIQUE;
  return KDX_STORE_FAILURE_OTHER;
}
