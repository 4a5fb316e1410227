/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kdx-store-pg-private.h"

/* What the bulk writer (kdx-store-pg-bulk.c) makes of a statement the
 * store prepares, read once from its SQL as the server runs it ($N
 * parameters): a row of COPY (a plain INSERT of parameters), a lookup of
 * a KOL by its values (how an import finds one by uid or a duplicate), a
 * ROLLBACK, or nothing it knows, which has the buffers sent before it
 * runs. The store writes its SQL one way (kdx-store-record.c builds the
 * inserts from the field tables), so a few shapes are all there is. */

static const char *
skip_space (const char *p)
{
  while (g_ascii_isspace (*p))
    p++;
  return p;
}

/* @p at @word (any case) followed by a space, bracket or the end? */
static const char *
skip_word (const char *p,
           const char *word)
{
  gsize n = strlen (word);

  p = skip_space (p);
  if (g_ascii_strncasecmp (p, word, n) != 0 || g_ascii_isalnum (p[n]) || p[n] == '_')
    return NULL;
  return p + n;
}

static const char *
read_name (const char  *p,
           char       **name)
{
  const char *start;

  p = skip_space (p);
  start = p;
  while (g_ascii_isalnum (*p) || *p == '_')
    p++;
  if (p == start)
    return NULL;
  *name = g_strndup (start, p - start);
  return p;
}

/* "(a, b, c)": the names, or NULL. */
static const char *
read_names (const char  *p,
            GPtrArray   *names)
{
  p = skip_space (p);
  if (*p++ != '(')
    return NULL;
  for (;;)
    {
      char *name = NULL;

      if ((p = read_name (p, &name)) == NULL)
        return NULL;
      g_ptr_array_add (names, name);
      p = skip_space (p);
      if (*p == ')')
        return p + 1;
      if (*p++ != ',')
        return NULL;
    }
}

/* "($1, $2, ...)": each a parameter, or NULL. */
static const char *
read_params (const char *p,
             GArray     *params)
{
  p = skip_space (p);
  if (*p++ != '(')
    return NULL;
  for (;;)
    {
      char *end;
      int index;

      p = skip_space (p);
      if (*p++ != '$' || !g_ascii_isdigit (*p))
        return NULL;
      index = (int) strtol (p, &end, 10);
      g_array_append_val (params, index);
      p = skip_space (end);
      if (*p == ')')
        return p + 1;
      if (*p++ != ',')
        return NULL;
    }
}

static int
find_name (GPtrArray  *names,
           const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (names->pdata[i], name))
      return (int) i;
  return -1;
}

/* "SELECT id FROM kol WHERE a = $1 AND b = $2 [ORDER BY id LIMIT 1]", or NULL. */
static KdxPgCopy *
lookup_new (const char *sql)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) params = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *column = NULL;
  g_autofree char *table = NULL;
  const char *p;
  KdxPgCopy *copy;

  if ((p = skip_word (sql, "SELECT")) == NULL || (p = read_name (p, &column)) == NULL
      || !g_str_equal (column, "id") || (p = skip_word (p, "FROM")) == NULL
      || (p = read_name (p, &table)) == NULL || !g_str_equal (table, "kol")
      || (p = skip_word (p, "WHERE")) == NULL)
    return NULL;
  for (;;)
    {
      char *name = NULL;
      char *end;
      int index;

      if ((p = read_name (p, &name)) == NULL)
        return NULL;
      g_ptr_array_add (names, name);
      p = skip_space (p);
      if (*p++ != '=')
        return NULL;
      p = skip_space (p);
      if (*p++ != '$' || !g_ascii_isdigit (*p))
        return NULL;
      index = (int) strtol (p, &end, 10);
      g_array_append_val (params, index);
      p = end;
      if ((end = (char *) skip_word (p, "AND")) == NULL)
        break;
      p = end;
    }
  if (skip_word (p, "ORDER") != NULL)
    {
      g_autofree char *by = NULL;
      g_autofree char *limit = NULL;

      if ((p = skip_word (skip_word (p, "ORDER"), "BY")) == NULL || (p = read_name (p, &by)) == NULL
          || !g_str_equal (by, "id") || (p = skip_word (p, "LIMIT")) == NULL
          || (p = read_name (p, &limit)) == NULL || !g_str_equal (limit, "1"))
        return NULL;
    }
  if (*skip_space (p) != '\0')
    return NULL;

  copy = g_new0 (KdxPgCopy, 1);
  copy->lookup = TRUE;
  copy->n_columns = (int) names->len;
  copy->params = g_memdup2 (params->data, sizeof (int) * params->len);
  g_ptr_array_add (names, NULL);
  copy->names = (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
  copy->lookup_key = g_strjoinv (",", copy->names);
  return copy;
}

/**
 * _kdx_store_pg_copy_new:
 * @sql: a statement as the server runs it ($N parameters)
 *
 * What the bulk writer makes of @sql: a row of COPY, when it is
 * "INSERT INTO t (columns) VALUES ($a, $b, ...)" with nothing but
 * parameters, optionally followed by "RETURNING id" (with an id column)
 * or "ON CONFLICT (columns) DO NOTHING"; a ROLLBACK; or NULL, any other
 * statement, which has the buffers sent before it runs.
 */
KdxPgCopy *
_kdx_store_pg_copy_new (const char *sql)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) params = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *table = NULL;
  g_autoptr(GString) copy_sql = NULL;
  const char *p;
  const char *rest;
  KdxPgCopy *copy;
  gboolean returns_id = FALSE;

  if (skip_word (sql, "ROLLBACK") != NULL)
    {
      copy = g_new0 (KdxPgCopy, 1);
      copy->rollback = TRUE;
      return copy;
    }

  if ((copy = lookup_new (sql)) != NULL)
    return copy;
  if ((p = skip_word (sql, "INSERT")) == NULL || (p = skip_word (p, "INTO")) == NULL
      || (p = read_name (p, &table)) == NULL || (p = read_names (p, names)) == NULL
      || (p = skip_word (p, "VALUES")) == NULL || (p = read_params (p, params)) == NULL
      || params->len != names->len)
    return NULL;

  p = skip_space (p);
  if ((rest = skip_word (p, "RETURNING")) != NULL)
    {
      g_autofree char *what = NULL;

      if ((rest = read_name (rest, &what)) == NULL || !g_str_equal (what, "id")
          || find_name (names, "id") < 0)
        return NULL;
      returns_id = TRUE;
      p = skip_space (rest);
    }
  else if ((rest = skip_word (p, "ON")) != NULL)
    {
      if ((rest = skip_word (rest, "CONFLICT")) == NULL || (rest = read_names (rest, keys)) == NULL
          || (rest = skip_word (rest, "DO")) == NULL || (rest = skip_word (rest, "NOTHING")) == NULL)
        return NULL;
      for (guint i = 0; i < keys->len; i++)
        if (find_name (names, keys->pdata[i]) < 0)
          return NULL;
      p = skip_space (rest);
    }
  if (*p == ';')
    p = skip_space (p + 1);
  if (*p != '\0')
    return NULL;

  copy = g_new0 (KdxPgCopy, 1);
  copy->table = g_steal_pointer (&table);
  copy->n_columns = (int) names->len;
  copy->params = g_memdup2 (params->data, sizeof (int) * params->len);
  copy->id_column = find_name (names, "id");
  copy->returns_id = returns_id;
  copy->names = g_new0 (char *, names->len + 1);
  for (guint i = 0; i < names->len; i++)
    copy->names[i] = g_strdup (names->pdata[i]);
  copy->n_key_columns = (int) keys->len;
  copy->key_columns = g_new0 (int, keys->len + 1);
  for (guint i = 0; i < keys->len; i++)
    copy->key_columns[i] = find_name (names, keys->pdata[i]);
  copy_sql = g_string_new ("COPY ");
  g_string_append_printf (copy_sql, "%s (", copy->table);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (copy_sql, "%s%s", i > 0 ? ", " : "", (char *) names->pdata[i]);
  g_string_append (copy_sql, ") FROM STDIN");
  copy->copy_sql = g_string_free (g_steal_pointer (&copy_sql), FALSE);
  _kdx_store_pg_find_indexed (copy);
  return copy;
}

void
_kdx_store_pg_copy_free (KdxPgCopy *copy)
{
  if (copy == NULL)
    return;
  g_free (copy->table);
  g_free (copy->copy_sql);
  g_free (copy->params);
  g_free (copy->key_columns);
  g_strfreev (copy->names);
  g_free (copy->lookup_key);
  g_free (copy);
}
