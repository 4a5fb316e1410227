/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <string.h>

#include "kdx-store-pg-private.h"

/* An import's rows sent to PostgreSQL with COPY (issue 14, item 8).
 *
 * Statement by statement, an import of 100,000 KOLs made some 800,000
 * round trips to the server, each a parse-free but still whole
 * execution of an INSERT with its own trigger, constraint and WAL work:
 * 17 times SQLite's import by the clock. Inside an import's batch
 * (from keep_index() to the end of the streaming) the statement layer
 * hands each plain INSERT of parameters here instead of running it:
 * its row is written into a buffer of its table in COPY's text format,
 * and the buffers go to the server with COPY ... FROM STDIN, the kol
 * table's first (the others refer to it),
 *
 *   - before any other statement runs (a SELECT, an UPDATE, a DELETE,
 *     a savepoint: whatever it reads or writes sees every row before
 *     it, in order, as if each had run alone);
 *   - when they hold a few megabytes (memory stays small);
 *   - when the import ends (index_kept()).
 *
 * A statement whose name says ROLLBACK drops the buffers instead: what
 * it takes back is exactly what was buffered since the savepoint or
 * BEGIN it returns to, which flushed the buffers when it ran.
 *
 * The store's code is the same on both engines: it still binds and steps
 * the same statements. Two of them answer here without the server: the
 * KOL insert's RETURNING id, from ids taken from the kol sequence a
 * block at a time, and INSERT ... ON CONFLICT (key) DO NOTHING (a tag
 * twice), by remembering the keys buffered since the last flush (a new
 * KOL's rows can only conflict with each other: the store deletes a
 * stored KOL's rows before writing them again, and that DELETE flushed).
 *
 * What the server would refuse is refused in C first, row by row (the
 * required name, text that is not UTF-8, values the field parsers
 * checked): so an import has no savepoint per KOL (import_savepoints is
 * FALSE), and a failure the server still finds at a flush is the
 * database's own and ends the import, as on SQLite. */

/* Blocks of KOL ids taken at once: small first (an import of ten rows
 * takes ten and a few), growing to this. */
#define FIRST_ID_BLOCK 16
#define LAST_ID_BLOCK 4096

/* The buffers are sent when they hold this much: 4 MB, or for tests
 * KOLDEX_PG_COPY_BYTES (read when an import begins), so that a refusal
 * of a row beyond the first buffer sent can be made with a small file. */
#define FLUSH_BYTES (4 * 1024 * 1024)

/* The new KOLs buffered, by the values a lookup finds them by. */
typedef struct
{
  char       *key;           /* KdxPgCopy.lookup_key */
  char      **names;
  GHashTable *ids;           /* the values, tab-separated -> the first id */
} Lookup;

typedef struct
{
  const KdxPgCopy *copy;     /* the first statement that wrote to the table */
  GString         *rows;
  GArray          *sources;  /* the input's row of each line (guint), for a refusal */
  GHashTable      *keys;     /* ON CONFLICT keys buffered, or NULL */
} BulkTable;

struct _KdxPgBulk
{
  GPtrArray  *tables;        /* BulkTable, in order of first use */
  KdxPgCopy  *search;        /* the insert of a search text */
  gsize       bytes;
  gsize       flush_bytes;   /* FLUSH_BYTES, or KOLDEX_PG_COPY_BYTES */
  GArray     *ids;           /* KOL ids taken from the sequence, not used yet */
  guint       next_id;
  guint       block;
  GPtrArray  *lookups;       /* Lookup, each by a lookup the import ran */
};

/* ---- the buffers ---------------------------------------------------------------- */

static void lookup_free (gpointer data);

static void
bulk_table_free (gpointer data)
{
  BulkTable *table = data;

  g_string_free (table->rows, TRUE);
  g_array_unref (table->sources);
  g_clear_pointer (&table->keys, g_hash_table_unref);
  g_free (table);
}

static BulkTable *
find_table (KdxPgBulk       *bulk,
            const KdxPgCopy *copy)
{
  BulkTable *table;

  for (guint i = 0; i < bulk->tables->len; i++)
    {
      table = bulk->tables->pdata[i];
      /* Two inserts into one table name the same columns in the same
       * order (the store builds them from one field table); another
       * column list gets a buffer of its own. */
      if (table->copy == copy || g_str_equal (table->copy->copy_sql, copy->copy_sql))
        return table;
    }
  table = g_new0 (BulkTable, 1);
  table->copy = copy;
  table->rows = g_string_sized_new (64 * 1024);
  table->sources = g_array_new (FALSE, FALSE, sizeof (guint));
  if (copy->n_key_columns > 0)
    table->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_ptr_array_add (bulk->tables, table);
  return table;
}

/* COPY's text format: backslash escapes, \N for NULL. */
static void
append_text (GString    *out,
             const char *value,
             int         length)
{
  for (int i = 0; i < length; i++)
    {
      char c = value[i];

      switch (c)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          g_string_append_c (out, c);
        }
    }
}

/* A blob as bytea's hex input, its backslash escaped for COPY. */
static void
append_bytes (GString     *out,
              const guchar *value,
              int          length)
{
  static const char hex[] = "0123456789abcdef";

  g_string_append (out, "\\\\x");
  for (int i = 0; i < length; i++)
    {
      g_string_append_c (out, hex[value[i] >> 4]);
      g_string_append_c (out, hex[value[i] & 0x0f]);
    }
}

static void
append_value (GString    *out,
              const char *value,
              int         length,
              int         format)
{
  if (value == NULL)
    g_string_append (out, "\\N");
  else if (format == 1)
    append_bytes (out, (const guchar *) value, length);
  else
    append_text (out, value, (int) strlen (value));
}

/* The next KOL id, from the block taken from the kol sequence. */
static gboolean
next_kol_id (KdxStore *self,
             gint64   *id)
{
  KdxPgConnection *pg = KDX_PG (self);
  KdxPgBulk *bulk = pg->bulk;

  if (bulk->next_id >= bulk->ids->len)
    {
      g_autofree char *count = g_strdup_printf ("%u", bulk->block);
      const char *values[] = { count };
      g_autoptr(PGresult) result = NULL;

      /* With the lock any write of kol takes, so that give_back_ids()
       * can tell that no other writer is taking ids meanwhile. */
      result = PQexecParams (pg->conn, "LOCK TABLE kol IN ROW EXCLUSIVE MODE", 0, NULL, NULL, NULL, NULL, 0);
      if (!_kdx_store_pg_result_ok (self, result, PGRES_COMMAND_OK))
        return FALSE;
      g_clear_pointer (&result, PQclear);
      result = PQexecParams (pg->conn,
                             "SELECT nextval (pg_get_serial_sequence ('kol', 'id'))"
                             " FROM generate_series (1, $1::integer)",
                             1, NULL, values, NULL, NULL, 0);
      if (!_kdx_store_pg_result_ok (self, result, PGRES_TUPLES_OK))
        return FALSE;
      g_array_set_size (bulk->ids, 0);
      for (int i = 0; i < PQntuples (result); i++)
        {
          gint64 value = g_ascii_strtoll (PQgetvalue (result, i, 0), NULL, 10);
          g_array_append_val (bulk->ids, value);
        }
      bulk->next_id = 0;
      bulk->block = MIN (bulk->block * 2, LAST_ID_BLOCK);
    }
  *id = g_array_index (bulk->ids, gint64, bulk->next_id++);
  return TRUE;
}

/* The answer of an INSERT ... RETURNING id, as the server would give it. */
static PGresult *
id_result (KdxStore *self,
           gint64    id)
{
  PGresAttDesc column = { .name = (char *) "id", .typid = 20 /* int8 */, .typlen = 8,
                          .atttypmod = -1 };
  char text[32];
  PGresult *result = PQmakeEmptyPGresult (KDX_PG (self)->conn, PGRES_TUPLES_OK);

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, id);
  if (result == NULL || !PQsetResultAttrs (result, 1, &column)
      || !PQsetvalue (result, 0, 0, text, (int) strlen (text)))
    g_clear_pointer (&result, PQclear);
  return result;
}

/* ---- the backend's calls ----------------------------------------------------- */

gboolean
_kdx_store_pg_bulk_active (KdxStore *self)
{
  return KDX_PG (self) != NULL && KDX_PG (self)->bulk != NULL;
}

/* From here on an import's inserts are buffered (keep_index()). */
void
_kdx_store_pg_bulk_begin (KdxStore *self)
{
  KdxPgConnection *pg = KDX_PG (self);
  const char *flush_bytes = g_getenv ("KOLDEX_PG_COPY_BYTES");

  if (pg->bulk != NULL)
    return;
  pg->refused = FALSE;
  pg->bulk = g_new0 (KdxPgBulk, 1);
  pg->bulk->flush_bytes = flush_bytes != NULL && g_ascii_strtoull (flush_bytes, NULL, 10) > 0
                          ? g_ascii_strtoull (flush_bytes, NULL, 10) : FLUSH_BYTES;
  pg->bulk->tables = g_ptr_array_new_with_free_func (bulk_table_free);
  pg->bulk->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  pg->bulk->block = FIRST_ID_BLOCK;
  pg->bulk->lookups = g_ptr_array_new_with_free_func (lookup_free);
  pg->bulk->search = _kdx_store_pg_copy_new ("INSERT INTO kol_search (kol_id, words) VALUES ($1, $2)");
}

/* Forgets the rows buffered: a rollback takes them back with the rest,
 * or they were sent (and lookups find them on the server). */
static void
discard (KdxPgBulk *bulk)
{
  g_ptr_array_set_size (bulk->tables, 0);
  bulk->bytes = 0;
  for (guint i = 0; i < bulk->lookups->len; i++)
    g_hash_table_remove_all (((Lookup *) bulk->lookups->pdata[i])->ids);
}

static void
lookup_free (gpointer data)
{
  Lookup *lookup = data;

  g_free (lookup->key);
  g_strfreev (lookup->names);
  g_hash_table_unref (lookup->ids);
  g_free (lookup);
}

static Lookup *
find_lookup (KdxPgBulk       *bulk,
             const KdxPgCopy *copy)
{
  for (guint i = 0; i < bulk->lookups->len; i++)
    {
      Lookup *lookup = bulk->lookups->pdata[i];

      if (g_str_equal (lookup->key, copy->lookup_key))
        return lookup;
    }
  return NULL;
}

/* Notes a new KOL's row (@values in the order of @copy's columns) under
 * every lookup's values; the first of the same values keeps them, as the
 * lookup's ORDER BY id would. */
static void
note_kol (KdxPgBulk       *bulk,
          const KdxPgCopy *copy,
          char *const     *values,
          const int       *lengths,
          const int       *formats,
          gint64           id)
{
  for (guint l = 0; l < bulk->lookups->len; l++)
    {
      Lookup *lookup = bulk->lookups->pdata[l];
      g_autoptr(GString) key = g_string_new (NULL);
      gboolean complete = TRUE;

      for (guint n = 0; lookup->names[n] != NULL && complete; n++)
        {
          int c = copy->names != NULL ? (int) g_strv_length (copy->names) : 0;
          int p = -1;

          while (c-- > 0)
            if (g_str_equal (copy->names[c], lookup->names[n]))
              p = copy->params[c] - 1;
          if (p < 0 || values[p] == NULL)
            complete = FALSE;
          else
            {
              append_value (key, values[p], lengths[p], formats[p]);
              g_string_append_c (key, '\t');
            }
        }
      if (complete && !g_hash_table_contains (lookup->ids, key->str))
        g_hash_table_insert (lookup->ids, g_string_free (g_steal_pointer (&key), FALSE),
                             g_memdup2 (&id, sizeof id));
    }
}

/* The import has ended (committed, or rolled back): nothing more is
 * buffered; what was and is not sent yet is dropped. */
void
_kdx_store_pg_bulk_end (KdxStore *self)
{
  KdxPgConnection *pg = KDX_PG (self);

  if (pg == NULL || pg->bulk == NULL)
    return;
  pg->refused = FALSE;
  g_ptr_array_unref (pg->bulk->tables);
  g_array_unref (pg->bulk->ids);
  _kdx_store_pg_copy_free (pg->bulk->search);
  g_ptr_array_unref (pg->bulk->lookups);
  g_clear_pointer (&pg->bulk, g_free);
}

static gboolean
send_table (KdxStore  *self,
            BulkTable *table)
{
  PGconn *conn = KDX_PG (self)->conn;
  g_autoptr(PGresult) started = NULL;
  g_autoptr(PGresult) result = NULL;
  PGresult *more;

  if (table->rows->len == 0)
    return TRUE;
  started = PQexec (conn, table->copy->copy_sql);
  if (!_kdx_store_pg_result_ok (self, started, PGRES_COPY_IN))
    return FALSE;
  if (PQputCopyData (conn, table->rows->str, (int) table->rows->len) != 1)
    PQputCopyEnd (conn, "the connection failed");
  else
    PQputCopyEnd (conn, NULL);
  result = PQgetResult (conn);
  while ((more = PQgetResult (conn)) != NULL)
    PQclear (more);
  /* Refused: which row of the input, which field, before the lines go. */
  if (result != NULL && PQresultStatus (result) == PGRES_FATAL_ERROR)
    _kdx_store_pg_explain_refusal (self, table->copy, table->rows, table->sources, result);
  g_string_truncate (table->rows, 0);
  g_array_set_size (table->sources, 0);
  if (table->keys != NULL)
    g_hash_table_remove_all (table->keys);
  return _kdx_store_pg_result_ok (self, result, PGRES_COMMAND_OK);
}

/**
 * _kdx_store_pg_bulk_flush:
 *
 * Sends every row buffered, the kol table's first. On failure the
 * server's error is kept for pg_set_error(), the rest is dropped (the
 * transaction is aborted anyway), and it says FALSE.
 */
gboolean
_kdx_store_pg_bulk_flush (KdxStore *self)
{
  KdxPgBulk *bulk = KDX_PG (self)->bulk;
  gboolean ok = TRUE;

  if (bulk == NULL || bulk->bytes == 0)
    return TRUE;
  for (guint pass = 0; pass < 2 && ok; pass++)
    for (guint i = 0; i < bulk->tables->len && ok; i++)
      {
        BulkTable *table = bulk->tables->pdata[i];

        if (g_str_equal (table->copy->table, "kol") == (pass == 0))
          ok = send_table (self, table);
      }
  discard (bulk);
  return ok;
}

/* A KOL written with an id of its own (an undo puts a file back, an
 * importer was handed one): refused here, as the server's primary key
 * would refuse it at the flush, ending the import, when the id is taken.
 * Rare, so asked of the server, after what is buffered is sent. */
static gboolean
check_id_free (KdxStore   *self,
               const char *id,
               gboolean   *failed)
{
  KdxPgConnection *pg = KDX_PG (self);
  const char *values[] = { id };
  g_autoptr(PGresult) result = NULL;

  if (!_kdx_store_pg_bulk_flush (self))
    {
      *failed = TRUE;
      return FALSE;
    }
  result = PQexecParams (pg->conn, "SELECT EXISTS (SELECT 1 FROM kol WHERE id = $1::bigint)",
                         1, NULL, values, NULL, NULL, 0);
  if (!_kdx_store_pg_result_ok (self, result, PGRES_TUPLES_OK))
    {
      *failed = TRUE;
      return FALSE;
    }
  if (*PQgetvalue (result, 0, 0) == 't')
    {
      g_strlcpy (pg->state, "23505", sizeof pg->state); /* unique_violation */
      *failed = TRUE;
      return FALSE;
    }
  return TRUE;
}

/* At the import's end, the ids of its last block it did not use go
 * back to the sequence, so the next KOL added follows the import's last
 * as on SQLite (an import of three rows into an empty database leaves
 * the next id at 4, not 17). Only when no other writer holds kol at that
 * moment (the lock, not waited for): another's ids may follow ours, and
 * then the sequence stays where it is (ids are unique, not gapless). The
 * lock is the import's until it commits, a short while. */
static gboolean
give_back_ids (KdxStore *self)
{
  KdxPgConnection *pg = KDX_PG (self);
  KdxPgBulk *bulk = pg->bulk;
  g_autofree char *last = NULL;
  g_autofree char *value = NULL;
  const char *called;
  g_autoptr(PGresult) result = NULL;

  if (bulk->next_id >= bulk->ids->len)
    return TRUE;
  last = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (bulk->ids, gint64, bulk->ids->len - 1));
  if (bulk->next_id > 0)
    value = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (bulk->ids, gint64, bulk->next_id - 1));
  else
    value = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (bulk->ids, gint64, 0));
  called = bulk->next_id > 0 ? "true" : "false";
  g_array_set_size (bulk->ids, 0);
  bulk->next_id = 0;

  result = PQexec (pg->conn, "SAVEPOINT kdx_ids; LOCK TABLE kol IN SHARE ROW EXCLUSIVE MODE NOWAIT");
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      g_clear_pointer (&result, PQclear);
      result = PQexec (pg->conn, "ROLLBACK TO kdx_ids; RELEASE kdx_ids");
      return _kdx_store_pg_result_ok (self, result, PGRES_COMMAND_OK);
    }
  g_clear_pointer (&result, PQclear);
  {
    const char *values[] = { value, called, last };

    result = PQexecParams (pg->conn,
                           "SELECT setval (pg_get_serial_sequence ('kol', 'id'), $1::bigint, $2::boolean)"
                           " WHERE pg_sequence_last_value (pg_get_serial_sequence ('kol', 'id')::regclass)"
                           " = $3::bigint",
                           3, NULL, values, NULL, NULL, 0);
  }
  if (!_kdx_store_pg_result_ok (self, result, PGRES_TUPLES_OK))
    return FALSE;
  g_clear_pointer (&result, PQclear);
  result = PQexec (pg->conn, "RELEASE kdx_ids");
  return _kdx_store_pg_result_ok (self, result, PGRES_COMMAND_OK);
}

/* The import's end, before its indexes are built and it commits: every
 * row sent, the ids not used given back. */
gboolean
_kdx_store_pg_bulk_finish (KdxStore *self)
{
  if (KDX_PG (self)->bulk == NULL)
    return TRUE;
  return _kdx_store_pg_bulk_flush (self) && give_back_ids (self);
}

/**
 * _kdx_store_pg_bulk_run:
 * @copy: (nullable): what _kdx_store_pg_copy_new() made of the statement
 * @result: (out): the statement's answer when it was buffered
 *
 * The statement layer asks before it runs a statement while an import
 * buffers: an insert of @copy's kind is buffered here and answered in
 * @result (TRUE); a ROLLBACK drops the buffers and any other statement
 * has them sent first, and then runs (FALSE, @result NULL); FALSE with
 * @result NULL and the server's error kept when sending failed, and
 * @failed says so.
 */
gboolean
_kdx_store_pg_bulk_run (KdxStore         *self,
                        const KdxPgCopy  *copy,
                        char *const      *values,
                        const int        *lengths,
                        const int        *formats,
                        PGresult        **result,
                        gboolean         *failed)
{
  KdxPgConnection *pg = KDX_PG (self);
  KdxPgBulk *bulk = pg->bulk;
  BulkTable *table;
  gsize start;
  gint64 id = 0;

  *result = NULL;
  *failed = FALSE;
  /* A lookup reads the server as it is, the rows buffered aside: an
   * import's search for a duplicate, each row, sends nothing. The
   * first of its kind in an import has what is buffered sent first,
   * so it misses nothing noted before it was known. */
  if (copy != NULL && copy->lookup)
    {
      if (find_lookup (bulk, copy) == NULL)
        {
          Lookup *lookup = g_new0 (Lookup, 1);

          lookup->key = g_strdup (copy->lookup_key);
          lookup->names = g_strdupv (copy->names);
          lookup->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          *failed = !_kdx_store_pg_bulk_flush (self);
          g_ptr_array_add (bulk->lookups, lookup);
        }
      return FALSE;
    }
  if (copy != NULL && copy->rollback)
    {
      discard (bulk);
      return FALSE;
    }
  if (copy == NULL)
    {
      *failed = !_kdx_store_pg_bulk_flush (self);
      return FALSE;
    }

  if (copy->returns_id && copy->id_column >= 0 && values[copy->params[copy->id_column] - 1] != NULL
      && !check_id_free (self, values[copy->params[copy->id_column] - 1], failed))
    return FALSE;

  table = find_table (bulk, copy);
  if (table->keys != NULL)
    {
      g_autoptr(GString) key = g_string_new (NULL);

      for (int k = 0; k < copy->n_key_columns; k++)
        {
          int p = copy->params[copy->key_columns[k]] - 1;
          append_value (key, values[p], lengths[p], formats[p]);
          g_string_append_c (key, '\t');
        }
      if (g_hash_table_contains (table->keys, key->str))
        {
          /* Done, and nothing changed: as the server's DO NOTHING. */
          *result = PQmakeEmptyPGresult (pg->conn, PGRES_COMMAND_OK);
          return *result != NULL;
        }
      g_hash_table_add (table->keys, g_string_free (g_steal_pointer (&key), FALSE));
    }

  /* What the server's index would refuse at the COPY, or at its
   * building when the import ends: refused now, by this row. */
  if (_kdx_store_pg_refuse_too_long (self, copy, values, formats))
    {
      *failed = TRUE;
      return FALSE;
    }

  start = table->rows->len;
  for (int c = 0; c < copy->n_columns; c++)
    {
      int p = copy->params[c] - 1;

      if (c > 0)
        g_string_append_c (table->rows, '\t');
      if (c == copy->id_column && values[p] == NULL && copy->returns_id)
        {
          if (!next_kol_id (self, &id))
            {
              g_string_truncate (table->rows, start);
              *failed = TRUE;
              return FALSE;
            }
          g_string_append_printf (table->rows, "%" G_GINT64_FORMAT, id);
        }
      else
        {
          if (c == copy->id_column)
            id = g_ascii_strtoll (values[p], NULL, 10);
          append_value (table->rows, values[p], lengths[p], formats[p]);
        }
    }
  g_string_append_c (table->rows, '\n');
  g_array_append_val (table->sources, self->import_row);
  bulk->bytes += table->rows->len - start;
  if (g_str_equal (copy->table, "kol"))
    note_kol (bulk, copy, values, lengths, formats, id);
  /* One row written, as the server would count it (an import's writes
   * tell a failure half-way through a KOL by the count). */
  pg->total_changes++;

  if (copy->returns_id)
    {
      pg->last_insert_id = id;
      *result = id_result (self, id);
    }
  else
    *result = PQmakeEmptyPGresult (pg->conn, PGRES_COMMAND_OK);
  if (*result == NULL)
    return FALSE;

  /* Sent now and then, so a big import needs no more memory than a small. */
  if (bulk->bytes >= bulk->flush_bytes && !_kdx_store_pg_bulk_flush (self))
    {
      g_clear_pointer (result, PQclear);
      *failed = TRUE;
      return FALSE;
    }
  return TRUE;
}

/**
 * _kdx_store_pg_bulk_answer:
 * @result: (inout): what the server answered a statement
 *
 * After a lookup (a KOL by uid, a duplicate) ran on the server: when it
 * found none there, the first new KOL buffered with the same values, as
 * if it were stored. The server's KOLs come first: their ids are lower.
 */
void
_kdx_store_pg_bulk_answer (KdxStore         *self,
                           const KdxPgCopy  *copy,
                           char *const      *values,
                           const int        *lengths,
                           const int        *formats,
                           PGresult        **result)
{
  KdxPgBulk *bulk = KDX_PG (self)->bulk;
  g_autoptr(GString) key = NULL;
  Lookup *lookup;
  gint64 *id;
  PGresult *found;

  if (bulk == NULL || copy == NULL || !copy->lookup || *result == NULL
      || PQresultStatus (*result) != PGRES_TUPLES_OK || PQntuples (*result) > 0
      || (lookup = find_lookup (bulk, copy)) == NULL)
    return;
  key = g_string_new (NULL);
  for (int n = 0; n < copy->n_columns; n++)
    {
      int p = copy->params[n] - 1;

      if (values[p] == NULL)
        return;
      append_value (key, values[p], lengths[p], formats[p]);
      g_string_append_c (key, '\t');
    }
  if ((id = g_hash_table_lookup (lookup->ids, key->str)) == NULL
      || (found = id_result (self, *id)) == NULL)
    return;
  PQclear (*result);
  *result = found;
}

/* The search text of a new KOL into kol_search's buffer. */
gboolean
_kdx_store_pg_bulk_index (KdxStore   *self,
                          gint64      id,
                          const char *words)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  char *values[] = { id_text, (char *) words };
  int lengths[] = { 0, 0 };
  int formats[] = { 0, 0 };
  g_autoptr(PGresult) result = NULL;
  gboolean failed = FALSE;

  return _kdx_store_pg_bulk_run (self, KDX_PG (self)->bulk->search, values, lengths, formats,
                                 &result, &failed);
}
