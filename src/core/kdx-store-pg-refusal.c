/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "kdx-store-pg-private.h"

/* What the server refused of an import's COPY (kdx-store-pg-bulk.c),
 * traced back to the input: the row, the field, the value, and why.
 *
 * An import's rows reach the server thousands at a time, some KOLs after
 * they were checked. When the server refuses one (a uid another operator
 * committed meanwhile, a value its column or check refuses that the C
 * checks let through), its error names the COPY's line (PG_DIAG_CONTEXT:
 * "COPY kol, line 12[, column x: …]"), and the column (PG_DIAG_COLUMN_NAME,
 * the context, the unique key in the detail, the constraint or index
 * name). Each buffer keeps the input's row of each of its lines (one int
 * a line), so the line is the input's row; the value is read back from
 * the line itself. The import still fails whole: the transaction is
 * aborted, and rolls back.
 *
 * One check is made here before sending: a value longer than a btree
 * index entry can hold (2,704 bytes with its header, after compression,
 * which text such as Chinese names hardly gets) is refused by the server
 * at the COPY, or, into an empty database whose indexes are built at the
 * import's end, by CREATE INDEX with no line at all. So a value of an
 * indexed column is refused when it is longer than INDEXED_MAX bytes,
 * as the row is buffered, naming its row. SQLite has no such limit. */

/* Bytes of an indexed value: under the server's 2,704 with room for
 * the entry's header and the other columns of the index. */
#define INDEXED_MAX 2000

/* Shown of a refused value at most (characters). */
#define SHOWN_MAX 40

/* The server's btree indexes on text the store writes (kdx-store-pg-schema.c):
 * each table's columns that one index holds together. */
static const struct
{
  const char *table;
  const char *columns[KDX_PG_MAX_INDEXED_COLUMNS + 1];
} indexed[] = {
  { "kol", { "display_name" } },
  { "kol", { "owner" } },
  { "kol", { "phone" } },
  { "kol", { "wechat" } },
  { "kol", { "platform", "handle" } },
  { "kol_tag", { "tag" } },
  { "event", { "channel", "amount" } },
};

/* The canonical name (shared/FIELDS.md) of @table's @column. */
static char *
field_name (const char *table,
            const char *column)
{
  static const struct
  {
    const char *table;
    const char *list;
  } lists[] = {
    { "channel", "channels" },
    { "event", "events" },
    { "important_date", "important_dates" },
    { "stage_history", "stage_history" },
  };

  if (g_str_equal (table, "kol"))
    return g_strdup (column);
  if (g_str_equal (table, "kol_tag"))
    return g_strdup ("tags");
  if (g_str_equal (table, "kol_avatar"))
    return g_strdup ("avatar");
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (g_str_equal (table, lists[i].table))
      return column != NULL ? g_strdup_printf ("%s.%s", lists[i].list, column) : g_strdup (lists[i].list);
  return column != NULL ? g_strdup_printf ("%s.%s", table, column) : g_strdup (table);
}

/* @value as shown in a message: one line, at most SHOWN_MAX characters. */
static char *
shown (const char *value)
{
  g_autoptr(GString) out = g_string_new (NULL);
  glong n = 0;

  for (const char *p = value; *p != '\0' && n < SHOWN_MAX; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\r' || c == '\t')
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  if (g_utf8_strlen (value, -1) > SHOWN_MAX)
    g_string_append (out, "…");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
column_index (const KdxPgCopy *copy,
              const char      *name)
{
  for (int c = 0; c < copy->n_columns; c++)
    if (g_str_equal (copy->names[c], name))
      return c;
  return -1;
}

/* The values of line @line (from 1) of @rows, COPY's escapes undone;
 * NULL for \N. NULL when there is no such line. */
static GPtrArray *
read_line (const GString *rows,
           gsize          line)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  const char *p = rows->str;
  const char *end = rows->str + rows->len;
  GString *value = NULL;

  for (gsize n = 1; n < line && p < end; p++)
    if (*p == '\n')
      n++;
  if (p >= end)
    return NULL;
  for (value = g_string_new (NULL);; p++)
    {
      if (p >= end || *p == '\n' || *p == '\t')
        {
          gboolean null = g_str_equal (value->str, "\\N");

          g_ptr_array_add (values, null ? NULL : g_strdup (value->str));
          g_string_truncate (value, 0);
          if (p >= end || *p == '\n')
            break;
          continue;
        }
      if (*p == '\\' && p + 1 < end && p[1] != 'N')
        {
          p++;
          g_string_append_c (value, *p == 'n' ? '\n' : *p == 'r' ? '\r' : *p == 't' ? '\t' : *p);
          continue;
        }
      g_string_append_c (value, *p);
    }
  g_string_free (value, TRUE);
  return g_steal_pointer (&values);
}

/* The COPY line the context names ("COPY kol, line 12, column x: …"),
 * and the column when it names one; 0 when none. */
static gsize
context_line (const char  *context,
              char       **column)
{
  const char *p = context != NULL ? strstr (context, "COPY ") : NULL;
  char *end;
  gsize line;

  if (p == NULL || (p = strstr (p, ", line ")) == NULL)
    return 0;
  line = (gsize) strtoull (p + strlen (", line "), &end, 10);
  if (g_str_has_prefix (end, ", column "))
    {
      const char *start = end + strlen (", column ");
      const char *stop = strchr (start, ':');

      if (stop != NULL)
        *column = g_strndup (start, stop - start);
    }
  return line;
}

/* The column a unique violation's detail names: "Key (uid)=(…) already exists." */
static char *
key_column (const char *detail)
{
  const char *p = detail != NULL ? strstr (detail, "Key (") : NULL;
  const char *stop;

  if (p == NULL || (stop = strstr (p, ")=(")) == NULL)
    return NULL;
  p += strlen ("Key (");
  if (memchr (p, ',', stop - p) != NULL)
    return NULL;
  return g_strndup (p, stop - p);
}

/* The column of @copy that @name (a constraint's or an index's) is
 * about: the longest value among the columns @name names, or of all. */
static int
named_column (const KdxPgCopy *copy,
              GPtrArray       *values,
              const char      *name)
{
  int best = -1;

  for (guint pass = 0; pass < 2 && best < 0; pass++)
    for (int c = 0; c < copy->n_columns; c++)
      {
        const char *value = c < (int) values->len ? values->pdata[c] : NULL;

        if (value == NULL || (pass == 0 && (name == NULL || strstr (name, copy->names[c]) == NULL)))
          continue;
        if (best < 0 || strlen (value) > strlen (values->pdata[best]))
          best = c;
      }
  return best;
}

static char *
reason_of (const char *state,
           const char *field,
           const char *constraint,
           const char *message)
{
  if (g_str_equal (state, "23505"))
    {
      if (g_strcmp0 (field, "uid") == 0)
        return g_strdup (_("is already the uid of another KOL: another operator saved one with it while the import ran"));
      return g_strdup (_("is already another KOL's: another operator saved it while the import ran"));
    }
  /* A row of a list or tags whose KOL is gone: deleted by another
   * operator after the import read it to merge into. */
  if (g_str_equal (state, "23503"))
    return g_strdup (_("belongs to a KOL another operator deleted while the import ran"));
  if (g_str_equal (state, "22003"))
    return g_strdup (_("is out of the range the team database keeps"));
  if (g_str_equal (state, "23502"))
    return g_strdup (_("is missing, and the team database requires it"));
  if (g_str_equal (state, "23514") && constraint != NULL)
    /* Translators: %s is the name of a check in the database */
    return g_strdup_printf (_("is not allowed by the team database (its check “%s”)"), constraint);
  if (g_str_equal (state, "54000"))
    /* Translators: %s is the server's own message, in English */
    return g_strdup_printf (_("is too long for the team database (%s)"), message);
  /* Translators: %s is the server's own message, in English */
  return g_strdup_printf (_("was refused by the team database: %s"), message);
}

/**
 * _kdx_store_pg_explain_refusal:
 * @copy: the statement whose COPY the server refused
 * @rows: the COPY's lines, as sent
 * @sources: the input's row of each line (guint)
 * @result: the server's answer
 *
 * Keeps what the server refused as the store's refusal: the input's
 * row, the field, the value and why (kdx_store_get_refusal()), which
 * pg_set_error() then says.
 */
void
_kdx_store_pg_explain_refusal (KdxStore        *self,
                               const KdxPgCopy *copy,
                               const GString   *rows,
                               GArray          *sources,
                               PGresult        *result)
{
  const char *state = PQresultErrorField (result, PG_DIAG_SQLSTATE);
  const char *constraint = PQresultErrorField (result, PG_DIAG_CONSTRAINT_NAME);
  const char *named = PQresultErrorField (result, PG_DIAG_COLUMN_NAME);
  g_autofree char *message = _kdx_store_pg_clean_message (self, PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY));
  g_autofree char *column = NULL;
  g_autoptr(GPtrArray) values = NULL;
  gsize line;
  guint row = 0;
  int c = -1;

  line = context_line (PQresultErrorField (result, PG_DIAG_CONTEXT), &column);
  if (line == 0 || state == NULL)
    return;
  if (line <= sources->len)
    row = g_array_index (sources, guint, line - 1);
  values = read_line (rows, line);

  if (named != NULL)
    c = column_index (copy, named);
  if (c < 0 && column != NULL)
    c = column_index (copy, column);
  if (c < 0 && g_str_equal (state, "23505"))
    {
      g_autofree char *key = key_column (PQresultErrorField (result, PG_DIAG_MESSAGE_DETAIL));

      c = key != NULL ? column_index (copy, key) : -1;
    }
  /* A foreign key names the KOL's id, which is no field of the input. */
  if (g_str_equal (state, "23503"))
    c = -2;
  if (c == -1 && values != NULL && (constraint != NULL || g_str_equal (state, "54000")))
    c = named_column (copy, values, constraint != NULL ? constraint : message);
  /* A tag's row holds nothing else of the input's. */
  if (c == -1 && g_str_equal (copy->table, "kol_tag"))
    c = column_index (copy, "tag");

  {
    g_autofree char *field = field_name (copy->table, c >= 0 ? copy->names[c] : NULL);
    const char *value = c >= 0 && values != NULL && c < (int) values->len ? values->pdata[c] : NULL;
    char *reason = reason_of (state, field, constraint, message);

    _kdx_store_set_refusal (self, row, g_steal_pointer (&field), value != NULL ? shown (value) : NULL, reason);
  }
  KDX_PG (self)->refused = TRUE;
  g_debug ("%s: COPY %s refused line %" G_GSIZE_FORMAT " (input row %u): %s",
           self->path, copy->table, line, row, message);
}

/* The columns of @copy's table that the server's btree indexes hold
 * (the table above), by their place in @copy, once per statement: a
 * row's check is then a few strlen(). */
void
_kdx_store_pg_find_indexed (KdxPgCopy *copy)
{
  copy->n_indexed = 0;
  for (guint i = 0; i < G_N_ELEMENTS (indexed) && copy->n_indexed < KDX_PG_MAX_INDEXED; i++)
    {
      int *columns = copy->indexed[copy->n_indexed];
      int n = 0;

      if (!g_str_equal (indexed[i].table, copy->table))
        continue;
      for (guint k = 0; k < KDX_PG_MAX_INDEXED_COLUMNS && indexed[i].columns[k] != NULL; k++)
        {
          int c = column_index (copy, indexed[i].columns[k]);

          if (c >= 0)
            columns[n++] = c;
        }
      if (n == 0)
        continue;
      if (n < KDX_PG_MAX_INDEXED_COLUMNS)
        columns[n] = -1;
      copy->n_indexed++;
    }
}

/**
 * _kdx_store_pg_refuse_too_long:
 *
 * Before a row of @copy is buffered: whether a value of an indexed
 * column is longer than the server's index could hold (see the top of
 * this file). If so, the store's refusal names the row and the field,
 * and it says TRUE.
 */
gboolean
_kdx_store_pg_refuse_too_long (KdxStore        *self,
                               const KdxPgCopy *copy,
                               char *const     *values,
                               const int       *formats)
{
  for (int i = 0; i < copy->n_indexed; i++)
    {
      gsize total = 0;
      gsize most = 0;
      int longest = -1;

      for (int k = 0; k < KDX_PG_MAX_INDEXED_COLUMNS && copy->indexed[i][k] >= 0; k++)
        {
          int c = copy->indexed[i][k];
          int p = copy->params[c] - 1;
          gsize length;

          if (values[p] == NULL || formats[p] != 0)
            continue;
          length = strlen (values[p]);
          total += length;
          if (longest < 0 || length > most)
            {
              longest = c;
              most = length;
            }
        }
      if (total > INDEXED_MAX)
        {
          g_autofree char *bytes = g_strdup_printf ("%" G_GSIZE_FORMAT, total);
          g_autofree char *limit = g_strdup_printf ("%d", INDEXED_MAX);

          _kdx_store_set_refusal (self, self->import_row, field_name (copy->table, copy->names[longest]),
                                  shown (values[copy->params[longest] - 1]),
                                  /* Translators: the value's length in bytes, then the most a team database keeps */
                                  g_strdup_printf (_("is too long for a team database: %s bytes, where it indexes at most %s"),
                                                   bytes, limit));
          KDX_PG (self)->refused = TRUE;
          return TRUE;
        }
    }
  return FALSE;
}
