/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "kdx-store-pg-private.h"

/* The PostgreSQL backend's statement layer (kdx-store-stmt.h) over libpq.
 *
 * prepare() rewrites the store's ?N, ? and :name parameters to $N and
 * prepares the statement on the server once per connection and text
 * (PQprepare, named kdx_N, kept for the session), so a bad statement
 * fails there, as SQLite's does. Parameters travel as
 * text, blobs as binary; the server infers their types from where they
 * stand. step() runs the statement (PQexecPrepared) at its first call and
 * then hands its rows out one at a time.
 *
 * The whole result is fetched at once, not in libpq's single-row mode:
 * the store reads one statement's rows while it runs others on the same
 * connection (a KOL's lists while walking the KOLs), and a connection in
 * single-row mode runs nothing else until the rows are all read.
 *
 * Values read as SQLite's would: a boolean is 1 or 0, a bytea its bytes. */

/* PostgreSQL's type oids (catalog/pg_type_d.h, stable across versions). */
#define BOOLOID    16
#define BYTEAOID   17
#define INT8OID    20
#define INT2OID    21
#define INT4OID    23
#define OIDOID     26
#define FLOAT4OID  700
#define FLOAT8OID  701
#define NUMERICOID 1700

/* The interrupt function is asked before a statement runs, every so many
 * milliseconds while the server works on it (then PQcancel() stops it),
 * and every so many rows read: SQLite asks it every 1,000 virtual machine
 * steps. So a budget counted in calls is a budget of time here. */
#define INTERRUPT_CHECK_MS 10
#define ROWS_PER_INTERRUPT_CHECK 1000

typedef struct
{
  KdxStmt     parent;
  KdxStore   *store;       /* not a reference: statements die before their store */
  char       *name;        /* the server's name of the prepared statement */
  char       *kept_sql;    /* its text, when kept by the connection (not deallocated here) */
  GPtrArray  *names;       /* :name of each parameter, NULL for ?N */
  int         n_params;
  char      **values;      /* each parameter's text (or bytes), NULL for NULL */
  int        *lengths;
  int        *formats;     /* 0 text, 1 binary (blobs) */
  PGresult   *result;      /* of the run in progress, NULL before it */
  int         row;         /* the row handed out, -1 before the first */
  guchar    **blobs;       /* a bytea column of the current row, unescaped */
  size_t     *blob_sizes;
  KdxPgCopy  *copy;        /* what an import's COPY makes of it (kdx-store-pg-bulk.c) */
} PgStmt;

#define PG_STMT(stmt) ((PgStmt *) (stmt))

/* ---- parameters ------------------------------------------------------------ */

static void
set_value (PgStmt     *self,
           int         index,
           char       *value,
           int         length,
           int         format)
{
  if (index < 1 || index > self->n_params)
    {
      g_free (value);
      return;
    }
  g_free (self->values[index - 1]);
  self->values[index - 1] = value;
  self->lengths[index - 1] = length;
  self->formats[index - 1] = format;
}

static void
stmt_bind_text (KdxStmt    *stmt,
                int         index,
                const char *value)
{
  set_value (PG_STMT (stmt), index, g_strdup (value), 0, 0);
}

static void
stmt_bind_int64 (KdxStmt *stmt,
                 int      index,
                 gint64   value)
{
  set_value (PG_STMT (stmt), index, g_strdup_printf ("%" G_GINT64_FORMAT, value), 0, 0);
}

static void
stmt_bind_double (KdxStmt *stmt,
                  int      index,
                  double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  set_value (PG_STMT (stmt), index, g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value)), 0, 0);
}

static void
stmt_bind_null (KdxStmt *stmt,
                int      index)
{
  set_value (PG_STMT (stmt), index, NULL, 0, 0);
}

/* Binary, so the bytes need no escaping; an empty blob is not NULL. */
static void
stmt_bind_blob (KdxStmt    *stmt,
                int         index,
                const void *data,
                gsize       size)
{
  set_value (PG_STMT (stmt), index, size > 0 ? g_memdup2 (data, size) : g_strdup (""), (int) size, 1);
}

static int
stmt_parameter_count (KdxStmt *stmt)
{
  return PG_STMT (stmt)->n_params;
}

static int
stmt_parameter_index (KdxStmt    *stmt,
                      const char *name)
{
  PgStmt *self = PG_STMT (stmt);

  for (guint i = 0; i < self->names->len; i++)
    if (g_strcmp0 (self->names->pdata[i], name) == 0)
      return (int) i + 1;
  return 0;
}

/* ---- running ---------------------------------------------------------------- */

static void
clear_row (PgStmt *self)
{
  if (self->result == NULL)
    return;
  for (int i = 0; i < PQnfields (self->result); i++)
    g_clear_pointer (&self->blobs[i], PQfreemem);
}

static void
stmt_reset (KdxStmt *stmt)
{
  PgStmt *self = PG_STMT (stmt);

  clear_row (self);
  g_clear_pointer (&self->blobs, g_free);
  g_clear_pointer (&self->blob_sizes, g_free);
  g_clear_pointer (&self->result, PQclear);
  self->row = -1;
}

static gboolean
interrupted (KdxPgConnection *pg)
{
  return pg->interrupt != NULL && pg->interrupt (pg->interrupt_data);
}

/* Says why a step failed when it was stopped rather than refused. */
static KdxStmtResult
stop (KdxPgConnection *pg)
{
  g_strlcpy (pg->state, "57014", sizeof pg->state); /* query_canceled */
  return KDX_STMT_ERROR;
}

/* Runs the statement while asking the interrupt function now and then;
 * when it says stop, the server is asked to cancel, and the statement
 * fails with query_canceled. */
static PGresult *
exec_interruptible (PgStmt *self)
{
  KdxPgConnection *pg = KDX_PG (self->store);
  PGresult *result = NULL;
  PGresult *next;
  gboolean cancelled = FALSE;

  if (!PQsendQueryPrepared (pg->conn, self->name, self->n_params,
                            (const char *const *) self->values,
                            self->lengths, self->formats, 0))
    return NULL;
  while (PQisBusy (pg->conn))
    {
      struct pollfd fd = { .fd = PQsocket (pg->conn), .events = POLLIN };

      poll (&fd, 1, INTERRUPT_CHECK_MS);
      if (!PQconsumeInput (pg->conn))
        break;
      if (!cancelled && PQisBusy (pg->conn) && interrupted (pg))
        {
          PGcancel *cancel = PQgetCancel (pg->conn);
          char message[256];

          if (cancel != NULL)
            {
              PQcancel (cancel, message, sizeof message);
              PQfreeCancel (cancel);
            }
          cancelled = TRUE;
        }
    }
  /* One statement, one result; read to the end so the connection is free. */
  while ((next = PQgetResult (pg->conn)) != NULL)
    {
      if (result == NULL)
        result = next;
      else
        PQclear (next);
    }
  return result;
}

static KdxStmtResult
run (PgStmt *self)
{
  KdxPgConnection *pg = KDX_PG (self->store);
  ExecStatusType status;

  if (interrupted (pg))
    return stop (pg);
  /* While an import buffers its rows, an insert is answered there and
   * anything else runs once they are sent (kdx-store-pg-bulk.c). */
  if (pg->bulk != NULL)
    {
      gboolean failed = FALSE;

      if (!_kdx_store_pg_bulk_run (self->store, self->copy, self->values, self->lengths,
                                   self->formats, &self->result, &failed) && failed)
        return KDX_STMT_ERROR;
    }
  if (self->result != NULL)
    ;
  else if (pg->interrupt != NULL)
    self->result = exec_interruptible (self);
  else
    self->result = PQexecPrepared (pg->conn, self->name, self->n_params,
                                   (const char *const *) self->values,
                                   self->lengths, self->formats, 0);
  status = self->result != NULL ? PQresultStatus (self->result) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    {
      _kdx_store_pg_result_ok (self->store, self->result, PGRES_COMMAND_OK);
      g_clear_pointer (&self->result, PQclear);
      return KDX_STMT_ERROR;
    }
  if (pg->bulk != NULL)
    _kdx_store_pg_bulk_answer (self->store, self->copy, self->values, self->lengths,
                               self->formats, &self->result);
  pg->state[0] = '\0';
  self->blobs = g_new0 (guchar *, PQnfields (self->result) + 1);
  self->blob_sizes = g_new0 (size_t, PQnfields (self->result) + 1);
  self->row = -1;
  return KDX_STMT_ROW;
}

static KdxStmtResult
stmt_step (KdxStmt *stmt)
{
  PgStmt *self = PG_STMT (stmt);
  KdxPgConnection *pg = KDX_PG (self->store);
  const char *tuples;

  /* After DONE, a step runs the statement again, as SQLite's does. */
  if (self->result == NULL && run (self) == KDX_STMT_ERROR)
    return KDX_STMT_ERROR;

  clear_row (self);
  if (++self->row < PQntuples (self->result))
    {
      if (self->row == 0 && g_str_has_prefix (PQcmdStatus (self->result), "INSERT")
          && PQfnumber (self->result, "id") == 0)
        pg->last_insert_id = g_ascii_strtoll (PQgetvalue (self->result, 0, 0), NULL, 10);
      if (self->row > 0 && self->row % ROWS_PER_INTERRUPT_CHECK == 0 && interrupted (pg))
        return stop (pg);
      return KDX_STMT_ROW;
    }

  tuples = PQcmdTuples (self->result);
  pg->changes = *tuples != '\0' ? g_ascii_strtoll (tuples, NULL, 10) : 0;
  /* Only writes count, as sqlite3_changes() counts. */
  if (g_str_has_prefix (PQcmdStatus (self->result), "SELECT"))
    pg->changes = 0;
  pg->total_changes += pg->changes;
  stmt_reset (stmt);
  return KDX_STMT_DONE;
}

static void
stmt_clear_bindings (KdxStmt *stmt)
{
  PgStmt *self = PG_STMT (stmt);

  for (int i = 0; i < self->n_params; i++)
    {
      g_clear_pointer (&self->values[i], g_free);
      self->lengths[i] = 0;
      self->formats[i] = 0;
    }
}

/* ---- reading ------------------------------------------------------------------ */

static gboolean
has_value (PgStmt *self,
           int     column)
{
  return self->result != NULL && self->row >= 0 && self->row < PQntuples (self->result)
         && column >= 0 && column < PQnfields (self->result)
         && !PQgetisnull (self->result, self->row, column);
}

static int
stmt_column_count (KdxStmt *stmt)
{
  PgStmt *self = PG_STMT (stmt);

  return self->result != NULL ? PQnfields (self->result) : 0;
}

static KdxStmtType
stmt_column_type (KdxStmt *stmt,
                  int      column)
{
  PgStmt *self = PG_STMT (stmt);

  if (!has_value (self, column))
    return KDX_STMT_TYPE_NULL;
  switch (PQftype (self->result, column))
    {
    case BOOLOID:
    case INT2OID:
    case INT4OID:
    case INT8OID:
    case OIDOID:
      return KDX_STMT_TYPE_INTEGER;
    case FLOAT4OID:
    case FLOAT8OID:
    case NUMERICOID:
      return KDX_STMT_TYPE_FLOAT;
    case BYTEAOID:
      return KDX_STMT_TYPE_BLOB;
    default:
      return KDX_STMT_TYPE_TEXT;
    }
}

static const char *
stmt_column_text (KdxStmt *stmt,
                  int      column)
{
  PgStmt *self = PG_STMT (stmt);
  const char *value;

  if (!has_value (self, column))
    return NULL;
  value = PQgetvalue (self->result, self->row, column);
  if (PQftype (self->result, column) == BOOLOID)
    return *value == 't' ? "1" : "0";
  return value;
}

static gint64
stmt_column_int64 (KdxStmt *stmt,
                   int      column)
{
  const char *text = stmt_column_text (stmt, column);

  if (text == NULL)
    return 0;
  /* A float or numeric column read as an integer is truncated, as SQLite does. */
  if (strpbrk (text, ".eE") != NULL)
    return (gint64) g_ascii_strtod (text, NULL);
  return g_ascii_strtoll (text, NULL, 10);
}

static double
stmt_column_double (KdxStmt *stmt,
                    int      column)
{
  const char *text = stmt_column_text (stmt, column);

  return text != NULL ? g_ascii_strtod (text, NULL) : 0.0;
}

static const void *
stmt_column_blob (KdxStmt *stmt,
                  int      column)
{
  PgStmt *self = PG_STMT (stmt);

  if (!has_value (self, column))
    return NULL;
  if (PQftype (self->result, column) != BYTEAOID)
    return PQgetvalue (self->result, self->row, column);
  if (self->blobs[column] == NULL)
    self->blobs[column] = PQunescapeBytea ((const guchar *) PQgetvalue (self->result, self->row, column),
                                           &self->blob_sizes[column]);
  return self->blob_sizes[column] > 0 ? self->blobs[column] : NULL;
}

static gsize
stmt_column_bytes (KdxStmt *stmt,
                   int      column)
{
  PgStmt *self = PG_STMT (stmt);

  if (!has_value (self, column))
    return 0;
  if (PQftype (self->result, column) != BYTEAOID)
    return PQgetlength (self->result, self->row, column);
  stmt_column_blob (stmt, column);
  return self->blob_sizes[column];
}

static void
stmt_finalize (KdxStmt *stmt)
{
  PgStmt *self = PG_STMT (stmt);
  KdxPgConnection *pg = KDX_PG (self->store);

  stmt_reset (stmt);
  stmt_clear_bindings (stmt);
  /* A kept statement stays for the next one of its text. Another is
   * forgotten by the server with the session anyway; inside a failed
   * transaction DEALLOCATE is refused, and that is harmless. */
  if (self->kept_sql != NULL)
    _kdx_store_pg_release_kept (self->store, self->kept_sql, self->name);
  else if (pg != NULL && pg->conn != NULL && PQstatus (pg->conn) == CONNECTION_OK
      && PQtransactionStatus (pg->conn) == PQTRANS_IDLE)
    {
      g_autofree char *deallocate = g_strdup_printf ("DEALLOCATE %s", self->name);
      PQclear (PQexec (pg->conn, deallocate));
    }
  _kdx_store_pg_copy_free (self->copy);
  g_free (self->name);
  g_free (self->kept_sql);
  g_ptr_array_unref (self->names);
  g_free (self->values);
  g_free (self->lengths);
  g_free (self->formats);
  g_free (self);
}

static const KdxStmtClass pg_stmt_class = {
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

/* ---- rewriting parameters ------------------------------------------------------ */

static const char *
skip_quoted (const char *p,
             char        quote)
{
  /* A doubled quote is the quote itself, inside. */
  for (p++; *p != '\0'; p++)
    if (*p == quote)
      {
        if (p[1] != quote)
          return p + 1;
        p++;
      }
  return p;
}

static int
name_index (GPtrArray  *names,
            const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (names->pdata[i], name) == 0)
      return (int) i + 1;
  return 0;
}

char *
_kdx_store_pg_rewrite_params (const char *sql,
                              GPtrArray  *names,
                              int        *n_params)
{
  g_autoptr(GString) out = g_string_sized_new (strlen (sql) + 16);
  int highest = 0;

  for (const char *p = sql; *p != '\0';)
    {
      if (*p == '\'' || *p == '"')
        {
          const char *end = skip_quoted (p, *p);
          g_string_append_len (out, p, end - p);
          p = end;
        }
      else if (p[0] == '-' && p[1] == '-')
        {
          const char *end = p + strcspn (p, "\n");
          g_string_append_len (out, p, end - p);
          p = end;
        }
      else if (p[0] == ':' && p[1] == ':')
        {
          /* A cast, not a parameter. */
          g_string_append (out, "::");
          p += 2;
        }
      else if (*p == '?')
        {
          int index;

          p++;
          if (g_ascii_isdigit (*p))
            {
              char *end;
              index = (int) strtol (p, &end, 10);
              p = end;
            }
          else
            index = highest + 1;
          highest = MAX (highest, index);
          while (names->len < (guint) highest)
            g_ptr_array_add (names, NULL);
          g_string_append_printf (out, "$%d", index);
        }
      else if (*p == ':' && (g_ascii_isalpha (p[1]) || p[1] == '_'))
        {
          const char *start = p;
          g_autofree char *name = NULL;
          int index;

          for (p++; g_ascii_isalnum (*p) || *p == '_'; p++)
            ;
          name = g_strndup (start, p - start);
          if ((index = name_index (names, name)) == 0)
            {
              while (names->len < (guint) highest)
                g_ptr_array_add (names, NULL);
              g_ptr_array_add (names, g_steal_pointer (&name));
              index = highest = (int) names->len;
            }
          g_string_append_printf (out, "$%d", index);
        }
      else
        g_string_append_c (out, *p++);
    }
  *n_params = highest;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- the backend's calls ----------------------------------------------------- */

/* How many of a list query's statements a connection keeps prepared
 * when no statement uses them. A list query's text changes with the
 * query's shape (words searched, conditions, sort keys), and the rows of
 * a screen write their ids into theirs: kept, those would pile up on the
 * server; the least recently used go past this many. */
#define MAX_KEPT_IDLE 64

typedef struct
{
  char  *sql;
  char  *name;
  guint  users;   /* statements made from it and not finalized yet */
  GList  link;    /* in kept_order */
} Kept;

static void
kept_free (Kept *kept)
{
  g_free (kept->sql);
  g_free (kept->name);
  g_free (kept);
}

void
_kdx_store_pg_forget_kept (KdxStore *self)
{
  KdxPgConnection *pg = KDX_PG (self);

  if (pg == NULL || pg->kept == NULL)
    return;
  /* Not one DEALLOCATE: the server forgets them with the session. The
   * queue's links are the statements' own, freed with them. */
  g_clear_pointer (&pg->kept, g_hash_table_unref);
  g_queue_init (&pg->kept_order);
}

/* Deallocates the least recently used that no statement uses, until no
 * more than MAX_KEPT_IDLE are left over. */
static void
evict_kept (KdxStore *self)
{
  KdxPgConnection *pg = KDX_PG (self);
  GList *link = pg->kept_order.tail;

  while (link != NULL && g_hash_table_size (pg->kept) > MAX_KEPT_IDLE)
    {
      Kept *kept = link->data;
      GList *before = link->prev;

      if (kept->users == 0)
        {
          g_autofree char *deallocate = g_strdup_printf ("DEALLOCATE %s", kept->name);

          /* Refused inside a failed transaction: the server keeps it
           * then until the session ends, under a name never used again. */
          if (PQstatus (pg->conn) == CONNECTION_OK && PQtransactionStatus (pg->conn) == PQTRANS_IDLE)
            PQclear (PQexec (pg->conn, deallocate));
          g_queue_unlink (&pg->kept_order, link);
          g_hash_table_remove (pg->kept, kept->sql);
        }
      link = before;
    }
}

/* A statement made from a kept one is finalized: that one may go now. */
void
_kdx_store_pg_release_kept (KdxStore   *self,
                            const char *sql,
                            const char *name)
{
  KdxPgConnection *pg = KDX_PG (self);
  Kept *kept;

  /* Forgotten meanwhile (the connection was made again): nothing to do. */
  if (pg == NULL || pg->kept == NULL || (kept = g_hash_table_lookup (pg->kept, sql)) == NULL
      || !g_str_equal (kept->name, name))
    return;
  kept->users--;
  evict_kept (self);
}

/* The name of the server's statement of @rewritten: a kept one (most
 * recently used now), or one prepared now and kept when @keep. */
static char *
prepare_on_server (KdxStore    *self,
                   const char  *rewritten,
                   gboolean     keep,
                   gboolean    *kept_now)
{
  KdxPgConnection *pg = KDX_PG (self);
  g_autoptr(PGresult) result = NULL;
  g_autofree char *name = NULL;
  Kept *kept;

  *kept_now = FALSE;
  if (keep && pg->kept != NULL && (kept = g_hash_table_lookup (pg->kept, rewritten)) != NULL)
    {
      g_queue_unlink (&pg->kept_order, &kept->link);
      g_queue_push_head_link (&pg->kept_order, &kept->link);
      kept->users++;
      *kept_now = TRUE;
      return g_strdup (kept->name);
    }

  name = g_strdup_printf ("kdx_%u", ++pg->n_prepared);
  result = PQprepare (pg->conn, name, rewritten, 0, NULL);
  if (!_kdx_store_pg_result_ok (self, result, PGRES_COMMAND_OK))
    return NULL;
  if (keep)
    {
      if (pg->kept == NULL)
        pg->kept = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) kept_free);
      kept = g_new0 (Kept, 1);
      kept->sql = g_strdup (rewritten);
      kept->name = g_strdup (name);
      kept->users = 1;
      kept->link.data = kept;
      g_hash_table_insert (pg->kept, kept->sql, kept);
      g_queue_push_head_link (&pg->kept_order, &kept->link);
      *kept_now = TRUE;
    }
  return g_steal_pointer (&name);
}

/* Prepared on the server once per connection. A statement the store
 * caches (@cached) lives as long as the connection anyway. One prepared
 * for one use (a list query, kdx-store-query.c) is kept after it by its
 * text, since the next keystroke, sort or screen asks the same again:
 * a prepare and a DEALLOCATE were two round trips of the three it took.
 * The client's statement is made anew each time (its parameters, its
 * result); the server's is shared. */
KdxStmt *
_kdx_store_pg_prepare (KdxStore    *self,
                       const char  *sql,
                       gboolean     cached,
                       GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *rewritten = NULL;
  g_autofree char *name = NULL;
  gboolean kept = FALSE;
  PgStmt *stmt;
  int n_params = 0;

  rewritten = _kdx_store_pg_rewrite_params (sql, names, &n_params);
  if ((name = prepare_on_server (self, rewritten, !cached, &kept)) == NULL)
    {
      g_debug ("PostgreSQL could not prepare: %s", rewritten);
      _kdx_store_set_error (self, error);
      return NULL;
    }

  stmt = g_new0 (PgStmt, 1);
  stmt->parent.klass = &pg_stmt_class;
  stmt->store = self;
  /* What an import's COPY makes of it, read before a kept one takes the text. */
  stmt->copy = _kdx_store_pg_copy_new (rewritten);
  stmt->kept_sql = kept ? g_steal_pointer (&rewritten) : NULL;
  stmt->name = g_steal_pointer (&name);
  stmt->names = g_steal_pointer (&names);
  stmt->n_params = n_params;
  stmt->values = g_new0 (char *, n_params + 1);
  stmt->lengths = g_new0 (int, n_params + 1);
  stmt->formats = g_new0 (int, n_params + 1);
  stmt->row = -1;
  return &stmt->parent;
}

gboolean
_kdx_store_pg_exec (KdxStore    *self,
                    const char  *script,
                    GError     **error)
{
  g_autoptr(PGresult) result = NULL;
  gboolean has_rows;

  /* An import's buffered rows first, as before any statement. */
  if (!_kdx_store_pg_bulk_flush (self))
    return _kdx_store_set_error (self, error);
  result = PQexec (KDX_PG (self)->conn, script);
  has_rows = result != NULL && PQresultStatus (result) == PGRES_TUPLES_OK;

  if (!_kdx_store_pg_result_ok (self, result, has_rows ? PGRES_TUPLES_OK : PGRES_COMMAND_OK))
    return _kdx_store_set_error (self, error);
  return TRUE;
}

gint64
_kdx_store_pg_changes (KdxStore *self)
{
  return KDX_PG (self)->changes;
}

/* The id the last INSERT ... RETURNING id on this connection answered
 * with (kept by step()); 0 before any. The store asks only when its
 * insert says no RETURNING, which this backend's always says
 * (insert_returning), so no round trip (lastval()) is spent on it. */
gint64
_kdx_store_pg_last_insert_id (KdxStore *self)
{
  return KDX_PG (self)->last_insert_id;
}

gint64
_kdx_store_pg_total_changes (KdxStore *self)
{
  return KDX_PG (self)->total_changes;
}

gboolean
_kdx_store_pg_in_transaction (KdxStore *self)
{
  PGTransactionStatusType status = PQtransactionStatus (KDX_PG (self)->conn);

  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

void
_kdx_store_pg_set_interrupt (KdxStore             *self,
                             KdxStoreInterruptFunc func,
                             gpointer              data)
{
  KDX_PG (self)->interrupt = func;
  KDX_PG (self)->interrupt_data = data;
}

KdxStoreFailure
_kdx_store_pg_last_failure (KdxStore *self)
{
  /* unique_violation: a primary key or a UNIQUE constraint. Not one
   * of rows an import sent before (a refusal): that is not the KOL
   * being written, and ends the import. */
  if (g_str_equal (KDX_PG (self)->state, "23505") && !KDX_PG (self)->refused)
    return KDX_STORE_FAILURE_UNIQUE;
  return KDX_STORE_FAILURE_OTHER;
}
