/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdx-error.h"
#include "kdx-kol-columns.h"
#include "kdx-store-private.h"

/* Conditions and sort keys of a query as SQL (issue 17). Every column of
 * kdx-kol-columns.h has one SQL expression over a row of kol; a condition
 * compares it with bound parameters, a sort key orders by it. Names in
 * the SQL come from our own field tables, never from what a user typed;
 * values are always parameters. */

/* Sorts that are no column (the board's order, the stage entry). */
#define STAGE_SINCE_SQL "(SELECT max(at) FROM stage_history WHERE stage_history.kol_id = kol.id)"
#define BOARD_RANK_SQL "(SELECT rank FROM board_order WHERE board_order.kol_id = kol.id)"
#define CHANNEL_COUNT_SQL "(SELECT count(*) FROM channel WHERE channel.kol_id = kol.id)"

/* The query's day, checked to be YYYY-MM-DD so that it may be written
 * into a statement; the local date when the query gives none. */
char *
_kdx_store_query_today (const KdxKolQuery *query)
{
  const char *today = query != NULL ? query->today : NULL;

  if (today != NULL && strlen (today) == 10 && g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", today, 0, 0))
    return g_strdup (today);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    return g_date_time_format (now, "%Y-%m-%d");
  }
}

char *
_kdx_store_column_sql (KdxStore   *self,
                       const char *column,
                       const char *today)
{
  const KdxField *field = kdx_kol_column_find (column);

  if (field == NULL)
    return NULL;
  if (g_str_equal (column, "last_contact"))
    return g_strdup (KDX_STORE_LAST_CONTACT_SQL);
  if (g_str_equal (column, "channel_count"))
    return g_strdup (CHANNEL_COUNT_SQL);
  if (g_str_equal (column, "days_in_stage"))
    /* Whole days from the day the KOL entered its stage (else was made). */
    return g_strdup_printf ("CAST(julianday('%s') - julianday(substr(coalesce(%s, kol.created_at), 1, 10)) AS INTEGER)",
                            today, STAGE_SINCE_SQL);
  if (field->type == KDX_FIELD_TAGS)
    return g_strdup (self->backend->tags_in_order_sql);
  return g_strdup_printf ("kol.%s", field->name);
}

/* Keeps @value (owned) as the next parameter and returns its number. */
static guint
param (GPtrArray *params,
       char      *value)
{
  g_ptr_array_add (params, value);
  return params->len;
}

static char *
empty_sql (const KdxField *field,
           const char     *expr)
{
  switch (field->type)
    {
    case KDX_FIELD_ENUM:
      return g_strdup_printf ("%s = '%s'", expr,
                              kdx_enum_to_string (field->enum_type (),
                                                  kdx_enum_unknown_value (field->enum_type ())));
    case KDX_FIELD_TAGS:
      return g_strdup ("NOT EXISTS (SELECT 1 FROM kol_tag WHERE kol_tag.kol_id = kol.id)");
    case KDX_FIELD_INT:
    case KDX_FIELD_BOOL:
      return g_strdup ("FALSE"); /* always a value */
    default:
      return g_strdup_printf ("(%s IS NULL OR %s = '')", expr, expr);
    }
}

static gboolean
append_condition (KdxStore           *self,
                  GString            *sql,
                  GPtrArray          *params,
                  const KdxCondition *condition,
                  const char         *today,
                  GError            **error)
{
  const KdxField *field = kdx_condition_get_field (condition);
  KdxConditionOp op = kdx_condition_get_op (condition);
  const char *value = kdx_condition_get_value (condition);
  g_autofree char *expr = _kdx_store_column_sql (self, field->name, today);
  g_autofree char *empty = empty_sql (field, expr);
  g_autofree char *date_expr = NULL;
  g_autofree char *date = NULL;
  gboolean is_date = field->type == KDX_FIELD_DATE || field->type == KDX_FIELD_DATETIME;

  if (op == KDX_CONDITION_EMPTY)
    {
      g_string_append_printf (sql, " AND %s", empty);
      return TRUE;
    }
  if (op == KDX_CONDITION_NOT_EMPTY)
    {
      g_string_append_printf (sql, " AND NOT %s", empty);
      return TRUE;
    }

  if (field->type == KDX_FIELD_TAGS)
    {
      const char *has = op == KDX_CONDITION_IS_NOT ? "NOT EXISTS" : "EXISTS";
      gboolean contains = op == KDX_CONDITION_CONTAINS;
      guint p = param (params, contains ? _kdx_store_like_pattern (value) : g_strdup (value));
      g_autofree char *test = contains
                              ? g_strdup_printf ("lower(tag) LIKE lower(?%u) ESCAPE '\\'", p)
                              : g_strdup_printf ("tag = ?%u", p);

      g_string_append_printf (sql, " AND %s (SELECT 1 FROM kol_tag WHERE kol_tag.kol_id = kol.id AND %s)",
                              has, test);
      return TRUE;
    }

  if (is_date)
    {
      /* A date-time compares by its (UTC) day. */
      date_expr = field->type == KDX_FIELD_DATETIME ? g_strdup_printf ("substr(%s, 1, 10)", expr)
                                                     : g_strdup (expr);
      if (op == KDX_CONDITION_WITHIN_DAYS || op == KDX_CONDITION_NOT_WITHIN_DAYS)
        {
          g_autofree char *back = g_strdup_printf ("-%sd", value);
          g_autofree char *ahead = g_strdup_printf ("+%sd", value);
          g_autofree char *from = kdx_condition_resolve_date (back, today);
          g_autofree char *to = kdx_condition_resolve_date (ahead, today);
          guint p_from = param (params, g_steal_pointer (&from));
          guint p_to = param (params, g_steal_pointer (&to));

          if (op == KDX_CONDITION_WITHIN_DAYS)
            g_string_append_printf (sql, " AND %s BETWEEN ?%u AND ?%u", date_expr, p_from, p_to);
          else
            g_string_append_printf (sql, " AND (%s OR %s NOT BETWEEN ?%u AND ?%u)",
                                    empty, date_expr, p_from, p_to);
          return TRUE;
        }
      date = kdx_condition_resolve_date (value, today);
      if (date == NULL)
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                       _("%s: “%s” is not a date"), field->name, value);
          return FALSE;
        }
    }

  {
    guint p;
    const char *lhs = expr;
    const char *cast = NULL; /* how the parameter is read: as text, or CAST(... AS cast) */

    if (is_date)
      {
        lhs = date_expr;
        p = param (params, g_steal_pointer (&date));
      }
    else if (field->type == KDX_FIELD_BOOL)
      p = param (params, g_strdup (g_str_equal (value, "true") ? "1" : "0"));
    else if (op == KDX_CONDITION_CONTAINS)
      p = param (params, _kdx_store_like_pattern (value));
    else
      p = param (params, g_strdup (value));

    if (field->type == KDX_FIELD_INT || field->type == KDX_FIELD_BOOL)
      cast = "INTEGER";
    else if (field->type == KDX_FIELD_DECIMAL && op != KDX_CONDITION_CONTAINS)
      {
        /* Decimals are exact text: compare them as numbers. */
        g_autofree char *number = g_strdup_printf ("CAST(%s AS DOUBLE PRECISION)", expr);
        g_free (expr);
        expr = g_steal_pointer (&number);
        lhs = expr;
        cast = "DOUBLE PRECISION";
      }

    {
      g_autofree char *rhs = cast != NULL ? g_strdup_printf ("CAST(?%u AS %s)", p, cast)
                                          : g_strdup_printf ("?%u", p);

      switch (op)
        {
        case KDX_CONDITION_IS:
          g_string_append_printf (sql, " AND %s = %s", lhs, rhs);
          break;
        case KDX_CONDITION_IS_NOT:
          /* "is not X" includes the empty ones. */
          g_string_append_printf (sql, " AND (%s OR %s <> %s)", empty, lhs, rhs);
          break;
        case KDX_CONDITION_CONTAINS:
          /* Both engines' LIKE, the parameter a pattern with its own
           * wildcards escaped (SQLite's instr() is PostgreSQL's strpos()). */
          g_string_append_printf (sql, " AND lower(%s) LIKE lower(%s) ESCAPE '\\'", lhs, rhs);
          break;
        case KDX_CONDITION_AT_LEAST:
          g_string_append_printf (sql, " AND NOT %s AND %s >= %s", empty, lhs, rhs);
          break;
        case KDX_CONDITION_AT_MOST:
          g_string_append_printf (sql, " AND NOT %s AND %s <= %s", empty, lhs, rhs);
          break;
        case KDX_CONDITION_BEFORE:
          g_string_append_printf (sql, " AND NOT %s AND %s < %s", empty, lhs, rhs);
          break;
        case KDX_CONDITION_AFTER:
          g_string_append_printf (sql, " AND NOT %s AND %s > %s", empty, lhs, rhs);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  }
  return TRUE;
}

gboolean
_kdx_store_append_conditions (KdxStore           *self,
                              GString            *sql,
                              GPtrArray          *params,
                              const KdxKolQuery  *query,
                              GError            **error)
{
  g_autofree char *today = NULL;

  if (query == NULL || query->conditions == NULL || query->conditions->len == 0)
    return TRUE;

  today = _kdx_store_query_today (query);
  for (guint i = 0; i < query->conditions->len; i++)
    if (!append_condition (self, sql, params, g_ptr_array_index (query->conditions, i), today, error))
      return FALSE;
  return TRUE;
}

/* An enum sorts in its own order (Candidate before Contacting), not by
 * the spelling of its stored values. */
static char *
sort_expr (KdxStore   *self,
           const char *name,
           const char *today)
{
  const KdxField *field = kdx_kol_column_find (name);

  if (g_strcmp0 (name, "stage_since") == 0)
    return g_strdup (STAGE_SINCE_SQL);  /* when the KOL entered its stage */
  if (g_strcmp0 (name, "board") == 0)
    return g_strdup (BOARD_RANK_SQL);   /* the order cards were dragged into */
  if (field == NULL || !kdx_kol_column_can_sort (field))
    return NULL;

  if (field->type == KDX_FIELD_ENUM)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (field->enum_type ());
      g_autoptr(GString) cases = g_string_new ("(CASE kol.");

      g_string_append (cases, field->name);
      for (guint i = 0; i < klass->n_values; i++)
        g_string_append_printf (cases, " WHEN '%s' THEN %d", klass->values[i].value_nick,
                                klass->values[i].value);
      g_string_append (cases, " END)");
      return g_string_free (g_steal_pointer (&cases), FALSE);
    }
  if (field->type == KDX_FIELD_DECIMAL)
    return g_strdup_printf ("CAST(nullif(kol.%s, '') AS DOUBLE PRECISION)", field->name);
  if (field->type == KDX_FIELD_TEXT)
    {
      g_autofree char *column = _kdx_store_column_sql (self, name, today);

      return g_strconcat (column, self->backend->byte_order_collation, NULL);
    }
  return _kdx_store_column_sql (self, name, today);
}

static void
append_key (KdxStore   *self,
            GString    *sql,
            const char *field,
            gboolean    descending,
            const char *today,
            gboolean   *first)
{
  g_autofree char *expr = sort_expr (self, field, today);

  if (expr == NULL)
    return;
  /* Empty values go last whichever the direction. */
  g_string_append_printf (sql, "%s(%s IS NULL), %s %s", *first ? " ORDER BY " : ", ",
                          expr, expr, descending ? "DESC" : "ASC");
  *first = FALSE;
}

void
_kdx_store_append_order (KdxStore          *self,
                         GString           *sql,
                         const KdxKolQuery *query)
{
  g_autofree char *today = _kdx_store_query_today (query);
  gboolean first = TRUE;

  if (query != NULL && query->sort_field != NULL)
    append_key (self, sql, query->sort_field, query->descending, today, &first);
  for (guint i = 0; query != NULL && query->then_by != NULL && i < query->then_by->len; i++)
    {
      KdxSortKey *key = g_ptr_array_index (query->then_by, i);
      append_key (self, sql, key->field, key->descending, today, &first);
    }
  /* Ties broken by id: the order is stable. */
  g_string_append (sql, first ? " ORDER BY kol.id" : ", kol.id");
}
