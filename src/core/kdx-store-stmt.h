/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A prepared statement of the store's backend (kdx-store-backend.h): the
 * one way the store's files run SQL, so the same files run on SQLite and
 * on PostgreSQL. The engine's own calls (sqlite3_*, PQ*) live only in
 * the backend's files.
 *
 * The SQL the store hands to prepare() numbers its parameters ?1, ?2, ...
 * (a plain ? is the one after the previous), or names them :name (the
 * insights queries; parameter_index() finds them). A PostgreSQL backend
 * rewrites both to $N when it prepares. Inserts that need the new row's
 * id say "RETURNING id" and read it as the statement's one row, but for
 * the KOL insert on the import's hot path (the backend's
 * insert_returning and last_insert_id(), kdx-store-backend.h).
 *
 * A backend's statement is a struct that starts with a KdxStmt (its class
 * of functions) and holds what the engine needs after it. Each call is
 * one indirect call: the import path binds and steps hundreds of
 * thousands of times, so nothing here allocates or looks anything up.
 *
 * Indexes of parameters start at 1, of columns at 0 (as SQLite's do). */

typedef struct _KdxStmt      KdxStmt;
typedef struct _KdxStmtClass KdxStmtClass;

/* What a step did. After ERROR, the store's backend->set_error() says
 * why (and backend->last_failure() what kind of failure it was). */
typedef enum
{
  KDX_STMT_ROW,    /* a row is ready for the column_*() calls */
  KDX_STMT_DONE,   /* the statement has run to its end */
  KDX_STMT_ERROR,
} KdxStmtResult;

/* The type of a column's value in the current row. */
typedef enum
{
  KDX_STMT_TYPE_NULL,
  KDX_STMT_TYPE_INTEGER,
  KDX_STMT_TYPE_FLOAT,
  KDX_STMT_TYPE_TEXT,
  KDX_STMT_TYPE_BLOB,
} KdxStmtType;

struct _KdxStmtClass
{
  /* Binding: the value is copied (the caller's may go away at once);
   * a NULL @value of bind_text() binds NULL. */
  void          (*bind_text)       (KdxStmt    *stmt,
                                    int         index,
                                    const char *value);
  void          (*bind_int64)      (KdxStmt    *stmt,
                                    int         index,
                                    gint64      value);
  void          (*bind_double)     (KdxStmt    *stmt,
                                    int         index,
                                    double      value);
  void          (*bind_null)       (KdxStmt    *stmt,
                                    int         index);
  void          (*bind_blob)       (KdxStmt    *stmt,
                                    int         index,
                                    const void *data,
                                    gsize       size);
  /* The highest parameter index of the statement. */
  int           (*parameter_count) (KdxStmt    *stmt);
  /* The index of the parameter named @name (":from"), or 0 when the
   * statement has none of that name. */
  int           (*parameter_index) (KdxStmt    *stmt,
                                    const char *name);

  /* Runs the statement to its next row, or to its end. */
  KdxStmtResult (*step)            (KdxStmt    *stmt);
  /* Makes the statement ready to run again from the start, keeping its
   * bindings; ends what an unfinished run holds (a read's snapshot). */
  void          (*reset)           (KdxStmt    *stmt);
  /* Sets every parameter back to NULL. */
  void          (*clear_bindings)  (KdxStmt    *stmt);

  /* The current row (after step() said ROW). Text and blobs stay valid
   * until the next step(), reset() or finalize(); text is UTF-8, NULL
   * for a NULL value; a NULL reads as 0 from the number calls. */
  int           (*column_count)    (KdxStmt    *stmt);
  KdxStmtType   (*column_type)     (KdxStmt    *stmt,
                                    int         column);
  const char   *(*column_text)     (KdxStmt    *stmt,
                                    int         column);
  gint64        (*column_int64)    (KdxStmt    *stmt,
                                    int         column);
  double        (*column_double)   (KdxStmt    *stmt,
                                    int         column);
  /* A blob's bytes (NULL when empty or NULL) and its size in bytes. */
  const void   *(*column_blob)     (KdxStmt    *stmt,
                                    int         column);
  gsize         (*column_bytes)    (KdxStmt    *stmt,
                                    int         column);

  /* Frees the statement and everything the engine holds for it. */
  void          (*finalize)        (KdxStmt    *stmt);
};

struct _KdxStmt
{
  const KdxStmtClass *klass;
};

/* The wrappers the store's files call, one per function of the class. */

static inline void
kdx_stmt_bind_text (KdxStmt    *stmt,
                    int         index,
                    const char *value)
{
  stmt->klass->bind_text (stmt, index, value);
}

static inline void
kdx_stmt_bind_int64 (KdxStmt *stmt,
                     int      index,
                     gint64   value)
{
  stmt->klass->bind_int64 (stmt, index, value);
}

static inline void
kdx_stmt_bind_double (KdxStmt *stmt,
                      int      index,
                      double   value)
{
  stmt->klass->bind_double (stmt, index, value);
}

static inline void
kdx_stmt_bind_null (KdxStmt *stmt,
                    int      index)
{
  stmt->klass->bind_null (stmt, index);
}

static inline void
kdx_stmt_bind_blob (KdxStmt    *stmt,
                    int         index,
                    const void *data,
                    gsize       size)
{
  stmt->klass->bind_blob (stmt, index, data, size);
}

static inline int
kdx_stmt_parameter_count (KdxStmt *stmt)
{
  return stmt->klass->parameter_count (stmt);
}

static inline int
kdx_stmt_parameter_index (KdxStmt    *stmt,
                          const char *name)
{
  return stmt->klass->parameter_index (stmt, name);
}

static inline KdxStmtResult
kdx_stmt_step (KdxStmt *stmt)
{
  return stmt->klass->step (stmt);
}

static inline void
kdx_stmt_reset (KdxStmt *stmt)
{
  stmt->klass->reset (stmt);
}

static inline void
kdx_stmt_clear_bindings (KdxStmt *stmt)
{
  stmt->klass->clear_bindings (stmt);
}

static inline int
kdx_stmt_column_count (KdxStmt *stmt)
{
  return stmt->klass->column_count (stmt);
}

static inline KdxStmtType
kdx_stmt_column_type (KdxStmt *stmt,
                      int      column)
{
  return stmt->klass->column_type (stmt, column);
}

static inline const char *
kdx_stmt_column_text (KdxStmt *stmt,
                      int      column)
{
  return stmt->klass->column_text (stmt, column);
}

static inline gint64
kdx_stmt_column_int64 (KdxStmt *stmt,
                       int      column)
{
  return stmt->klass->column_int64 (stmt, column);
}

/* For flags and small counts the store keeps in an int. */
static inline int
kdx_stmt_column_int (KdxStmt *stmt,
                     int      column)
{
  return (int) stmt->klass->column_int64 (stmt, column);
}

static inline double
kdx_stmt_column_double (KdxStmt *stmt,
                        int      column)
{
  return stmt->klass->column_double (stmt, column);
}

static inline const void *
kdx_stmt_column_blob (KdxStmt *stmt,
                      int      column)
{
  return stmt->klass->column_blob (stmt, column);
}

static inline gsize
kdx_stmt_column_bytes (KdxStmt *stmt,
                       int      column)
{
  return stmt->klass->column_bytes (stmt, column);
}

static inline void
kdx_stmt_finalize (KdxStmt *stmt)
{
  if (stmt != NULL)
    stmt->klass->finalize (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdxStmt, kdx_stmt_finalize)

G_END_DECLS
