/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include "kdx-enum-types.h"
#include "kdx-store-insights-private.h"

void
_kdx_store_insights_bounds_clear (Bounds *bounds)
{
  g_free (bounds->from);
  g_free (bounds->to);
  g_free (bounds->cut);
  g_free (bounds->shift);
}


void
_kdx_store_insights_bounds_init (Bounds                  *bounds,
                                 const KdxInsightsPeriod *period,
                                 const KdxInsightsFilter *filter)
{
  memset (bounds, 0, sizeof *bounds);
  bounds->lo = G_MININT64;
  bounds->hi = G_MAXINT64;
  _kdx_insights_period_bounds (period, &bounds->from, &bounds->to, &bounds->cut,
                               &bounds->shift);
  bounds->by_week = kdx_insights_period_by_week (period);
  if (filter == NULL)
    return;
  bounds->owner = filter->owner;
  bounds->category = filter->category;
  if (filter->tier >= 0)
    bounds->tier = kdx_enum_to_string (KDX_TYPE_TIER, filter->tier);
  if (filter->source >= 0)
    bounds->source = kdx_enum_to_string (KDX_TYPE_SOURCE, filter->source);
}

/* Whether any filter is set: without one, queries need not look up the
 * KOL row of every event or stay. */
gboolean
_kdx_store_insights_bounds_filtered (const Bounds *bounds)
{
  return bounds->owner != NULL || bounds->tier != NULL || bounds->category != NULL
         || bounds->source != NULL;
}

static void
bind_named (KdxStmt    *stmt,
            const char *name,
            const char *value)
{
  int index = kdx_stmt_parameter_index (stmt, name);

  if (index > 0)
    _kdx_store_bind_text (stmt, index, value);
}

/* Writes @format into @out with the column @column where its "%s" is. */
static void
append_with_column (GString    *out,
                    const char *format,
                    const char *column,
                    gsize       column_length)
{
  const char *hole = strstr (format, "%s");

  g_assert (hole != NULL);
  g_string_append_len (out, format, hole - format);
  g_string_append_len (out, column, column_length);
  g_string_append (out, hole + 2);
}

/* @sql in the engine's own words: each kdx_local_month (COLUMN) and
 * kdx_local_week (COLUMN) replaced by the backend's expression. */
static char *
in_dialect (KdxStore   *self,
            const char *sql)
{
  static const char month[] = "kdx_local_month (", week[] = "kdx_local_week (";
  g_autoptr(GString) out = g_string_new (NULL);
  const char *rest = sql;
  const char *at;

  while ((at = strstr (rest, "kdx_local_")) != NULL)
    {
      gboolean is_month = g_str_has_prefix (at, month);
      const char *column = at + (is_month ? strlen (month) : strlen (week));
      const char *end = column;
      int depth = 0;

      /* The column may itself call a function ("min (at)"): its end is
       * the parenthesis that closes kdx_local_month's own. */
      for (; *end != '\0' && (*end != ')' || depth > 0); end++)
        depth += *end == '(' ? 1 : *end == ')' ? -1 : 0;

      g_assert (is_month || g_str_has_prefix (at, week));
      g_assert (*end == ')');
      g_string_append_len (out, rest, at - rest);
      append_with_column (out,
                          is_month ? self->backend->local_month_sql
                                   : self->backend->local_week_sql,
                          column, end - column);
      rest = end + 1;
    }
  g_string_append (out, rest);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

KdxStmt *
_kdx_store_insights_prepare (KdxStore      *self,
                             const char    *sql,
                             const Bounds  *bounds,
                             const char    *key,
                             GError       **error)
{
  g_autofree char *spoken = in_dialect (self, sql);
  KdxStmt *stmt = _kdx_store_prepare (self, spoken, error);

  if (stmt == NULL)
    return NULL;
  {
    int index = kdx_stmt_parameter_index (stmt, ":from");
    if (index > 0)
      kdx_stmt_bind_text (stmt, index, bounds->from != NULL ? bounds->from : "");
  }
  bind_named (stmt, ":to", bounds->to);
  {
    int lo = kdx_stmt_parameter_index (stmt, ":lo");
    int hi = kdx_stmt_parameter_index (stmt, ":hi");
    if (lo > 0)
      kdx_stmt_bind_int64 (stmt, lo, bounds->lo);
    if (hi > 0)
      kdx_stmt_bind_int64 (stmt, hi, bounds->hi);
  }
  bind_named (stmt, ":cut", bounds->cut);
  bind_named (stmt, ":shift", bounds->shift);
  bind_named (stmt, ":owner", bounds->owner);
  bind_named (stmt, ":tier", bounds->tier);
  bind_named (stmt, ":category", bounds->category);
  bind_named (stmt, ":source", bounds->source);
  if (key != NULL)
    {
      int index = kdx_stmt_parameter_index (stmt, ":key");
      /* The empty key ("not recorded") is a value here, not NULL. */
      kdx_stmt_bind_text (stmt, index, key);
    }
  return stmt;
}

gboolean
_kdx_store_insights_finish_rows (KdxStore      *self,
                                 KdxStmt       *stmt,
                                 int            rc,
                                 GError       **error)
{
  kdx_stmt_reset (stmt);
  if (rc != KDX_STMT_DONE)
    return _kdx_store_set_error (self, error);
  return TRUE;
}
