/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-error.h"
#include "kdx-store-private.h"

/* Saved views (issue 17, item 4): rows of saved_view (schema version 5).
 * A view's query is kept as text people could read in the database:
 * enum values comma-separated, tags and conditions one a line (in the
 * text form of kdx-condition.h), sort keys as "-followers". */

#define VIEW_COLUMNS "id, name, position, search, stages, tiers, tags, owner, category, " \
                     "conditions, sort, columns"

/* ---- the query as text and back ------------------------------------------ */

static char *
enum_bits_to_text (GType enum_type,
                   guint bits)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    if (bits & (1u << klass->values[i].value))
      g_string_append_printf (text, "%s%s", text->len > 0 ? "," : "", klass->values[i].value_nick);
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static guint
enum_bits_from_text (GType       enum_type,
                     const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  guint bits = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      int value;
      if (*parts[i] != '\0' && kdx_enum_from_string (enum_type, parts[i], &value))
        bits |= 1u << value;
    }
  return bits;
}

static char *
join_or_null (char      **parts,
              const char *separator)
{
  if (parts == NULL || parts[0] == NULL)
    return NULL;
  return g_strjoinv (separator, parts);
}

static char **
split_or_empty (const char *text,
                const char *separator)
{
  if (text == NULL || *text == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (text, separator, -1);
}

static char *
conditions_to_text (const KdxKolQuery *query)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; query->conditions != NULL && i < query->conditions->len; i++)
    {
      g_autofree char *one = kdx_condition_to_string (g_ptr_array_index (query->conditions, i));
      g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", one);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
bind_view (KdxStmt      *stmt,
           KdxSavedView *view)
{
  const KdxKolQuery *query = kdx_saved_view_get_query (view);
  g_autofree char *stages = enum_bits_to_text (KDX_TYPE_STAGE, query->stages);
  g_autofree char *tiers = enum_bits_to_text (KDX_TYPE_TIER, query->tiers);
  g_autofree char *tags = join_or_null (query->tags, "\n");
  g_autofree char *conditions = conditions_to_text (query);
  g_auto(GStrv) sort_texts = kdx_kol_query_get_sort_texts (query);
  g_autofree char *sort = join_or_null (sort_texts, ",");
  g_autofree char *columns = join_or_null ((char **) kdx_saved_view_get_columns (view), ",");

  /* ?1 name, then the query; the statements number the rest. */
  _kdx_store_bind_text (stmt, 1, kdx_saved_view_get_name (view));
  _kdx_store_bind_text (stmt, 2, query->search);
  _kdx_store_bind_text (stmt, 3, stages);
  _kdx_store_bind_text (stmt, 4, tiers);
  _kdx_store_bind_text (stmt, 5, tags);
  _kdx_store_bind_text (stmt, 6, query->owner);
  _kdx_store_bind_text (stmt, 7, query->category);
  _kdx_store_bind_text (stmt, 8, conditions);
  _kdx_store_bind_text (stmt, 9, sort);
  _kdx_store_bind_text (stmt, 10, columns);
}

static const char *
column_text (KdxStmt *stmt,
             int      index)
{
  return kdx_stmt_column_text (stmt, index);
}

/* A view from a row of VIEW_COLUMNS. A condition or sort key this Koldex
 * cannot read (a field a later one removed) is left out of the query, not
 * a reason to lose the whole view. */
static KdxSavedView *
read_view (KdxStmt *stmt)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  g_auto(GStrv) tags = split_or_empty (column_text (stmt, 6), "\n");
  g_auto(GStrv) conditions = split_or_empty (column_text (stmt, 9), "\n");
  g_auto(GStrv) sort = split_or_empty (column_text (stmt, 10), ",");
  g_auto(GStrv) columns = split_or_empty (column_text (stmt, 11), ",");
  KdxSavedView *view;

  kdx_kol_query_set_search (query, column_text (stmt, 3));
  query->stages = enum_bits_from_text (KDX_TYPE_STAGE, column_text (stmt, 4));
  query->tiers = enum_bits_from_text (KDX_TYPE_TIER, column_text (stmt, 5));
  if (tags[0] != NULL)
    query->tags = g_steal_pointer (&tags);
  query->owner = g_strdup (column_text (stmt, 7));
  query->category = g_strdup (column_text (stmt, 8));
  for (guint i = 0; conditions[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      KdxCondition *condition = kdx_condition_parse (conditions[i], &error);

      if (condition != NULL)
        kdx_kol_query_add_condition (query, condition);
      else
        g_debug ("View %s: %s", column_text (stmt, 1), error->message);
    }
  for (guint i = 0; sort[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!kdx_kol_query_add_sort_text (query, sort[i], &error))
        g_debug ("View %s: %s", column_text (stmt, 1), error->message);
    }

  view = kdx_saved_view_new (column_text (stmt, 1), query, (const char *const *) columns);
  _kdx_saved_view_set_id (view, kdx_stmt_column_int64 (stmt, 0));
  _kdx_saved_view_set_position (view, (guint) kdx_stmt_column_int64 (stmt, 2));
  return view;
}

/* ---- reading -------------------------------------------------------------- */

GPtrArray *
kdx_store_list_views (KdxStore  *self,
                      GError   **error)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new_with_free_func (g_object_unref);
  KdxStmt *stmt;
  int rc;

  g_return_val_if_fail (KDX_IS_STORE (self), NULL);

  stmt = _kdx_store_prepare (self, "SELECT " VIEW_COLUMNS " FROM saved_view ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
    g_ptr_array_add (views, read_view (stmt));
  kdx_stmt_reset (stmt);
  if (rc != KDX_STMT_DONE)
    {
      _kdx_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&views);
}

static KdxSavedView *
find_view_by (KdxStore    *self,
              const char  *sql,
              const char  *name,
              gint64       id,
              GError     **error)
{
  KdxStmt *stmt = _kdx_store_prepare (self, sql, error);
  KdxSavedView *view = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (name != NULL)
    _kdx_store_bind_text (stmt, 1, name);
  else
    kdx_stmt_bind_int64 (stmt, 1, id);
  rc = kdx_stmt_step (stmt);
  if (rc == KDX_STMT_ROW)
    view = read_view (stmt);
  kdx_stmt_reset (stmt);
  if (rc != KDX_STMT_ROW && rc != KDX_STMT_DONE)
    {
      _kdx_store_set_error (self, error);
      return NULL;
    }
  if (view == NULL && name != NULL)
    g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND, _("There is no saved view named “%s”"), name);
  else if (view == NULL)
    g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND,
                 _("There is no saved view with id %" PRId64), id);
  return view;
}

KdxSavedView *
kdx_store_find_view (KdxStore    *self,
                     const char  *name,
                     GError     **error)
{
  g_return_val_if_fail (KDX_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return find_view_by (self, "SELECT " VIEW_COLUMNS " FROM saved_view WHERE name = ?", name, 0, error);
}

/* ---- writing -------------------------------------------------------------- */

/* Names are not empty and not taken by another view (@id: the view being
 * written, 0 for a new one). */
static gboolean
check_name (KdxStore    *self,
            const char  *name,
            gint64       id,
            GError     **error)
{
  KdxStmt *stmt;
  gboolean taken;
  int rc;

  if (name == NULL || *name == '\0')
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE, _("A saved view needs a name"));
      return FALSE;
    }
  stmt = _kdx_store_prepare (self, "SELECT 1 FROM saved_view WHERE name = ? AND id <> ?", error);
  if (stmt == NULL)
    return FALSE;
  _kdx_store_bind_text (stmt, 1, name);
  kdx_stmt_bind_int64 (stmt, 2, id);
  rc = kdx_stmt_step (stmt);
  taken = rc == KDX_STMT_ROW;
  kdx_stmt_reset (stmt);
  if (rc != KDX_STMT_ROW && rc != KDX_STMT_DONE)
    return _kdx_store_set_error (self, error);
  if (taken)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                   _("There is already a saved view named “%s”"), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_with_ints (KdxStore    *self,
               const char  *sql,
               gint64       first,
               gint64       second,
               GError     **error)
{
  KdxStmt *stmt = _kdx_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  /* ?1 and, when the statement has one, ?2. */
  kdx_stmt_bind_int64 (stmt, 1, first);
  if (kdx_stmt_parameter_count (stmt) >= 2)
    kdx_stmt_bind_int64 (stmt, 2, second);
  return _kdx_store_step_done (self, stmt, error);
}

static gint64
view_position (KdxStore  *self,
               gint64     id,
               GError   **error)
{
  g_autoptr(KdxSavedView) view = find_view_by (self, "SELECT " VIEW_COLUMNS " FROM saved_view WHERE id = ?",
                                               NULL, id, error);
  return view != NULL ? (gint64) kdx_saved_view_get_position (view) : -1;
}

/* Writes a new view, or one coming back with its id, in the open write. */
static gboolean
insert_view (KdxStore      *self,
             KdxSavedView  *view,
             GError       **error)
{
  gint64 id = kdx_saved_view_get_id (view);
  gint64 count = 0;
  gint64 position;
  KdxStmt *stmt;

  if (!check_name (self, kdx_saved_view_get_name (view), id, error)
      || !_kdx_store_query_int (self, "SELECT count(*) FROM saved_view", &count, error))
    return FALSE;

  position = id > 0 ? MIN ((gint64) kdx_saved_view_get_position (view), count) : count;
  if (id > 0 && !run_with_ints (self, "UPDATE saved_view SET position = position + 1 "
                                      "WHERE position >= ?1", position, 0, error))
    return FALSE;

  stmt = _kdx_store_prepare (self, "INSERT INTO saved_view (name, search, stages, tiers, tags, owner, "
                                   "category, conditions, sort, columns, position, id) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", error);
  if (stmt == NULL)
    return FALSE;
  bind_view (stmt, view);
  kdx_stmt_bind_int64 (stmt, 11, position);
  if (id > 0)
    kdx_stmt_bind_int64 (stmt, 12, id);
  else
    kdx_stmt_bind_null (stmt, 12);
  if (!_kdx_store_step_id (self, stmt, &id, error))
    return FALSE;

  _kdx_saved_view_set_id (view, id);
  _kdx_saved_view_set_position (view, (guint) position);
  return TRUE;
}

/* Ends a write of views begun at @mark: commits when @ok (and tells
 * listeners), else rolls back; the one way every view write ends. */
static gboolean
end_write (KdxStore  *self,
           gboolean   ok,
           guint      mark,
           GError   **error)
{
  if (ok && _kdx_store_write_commit (self, error))
    {
      _kdx_store_emit_views_changed (self);
      return TRUE;
    }
  _kdx_store_write_rollback (self, mark);
  return FALSE;
}

gboolean
kdx_store_add_view (KdxStore      *self,
                    KdxSavedView  *view,
                    GError       **error)
{
  guint mark;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (KDX_IS_SAVED_VIEW (view), FALSE);

  if (!_kdx_store_write_begin (self, &mark, error))
    return FALSE;
  return end_write (self, insert_view (self, view, error), mark, error);
}

gboolean
kdx_store_save_view (KdxStore      *self,
                     KdxSavedView  *view,
                     GError       **error)
{
  gint64 id = kdx_saved_view_get_id (view);
  KdxStmt *stmt = NULL;
  gboolean ok;
  guint mark;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (KDX_IS_SAVED_VIEW (view), FALSE);

  if (!_kdx_store_write_begin (self, &mark, error))
    return FALSE;
  ok = view_position (self, id, error) >= 0
       && check_name (self, kdx_saved_view_get_name (view), id, error)
       && (stmt = _kdx_store_prepare (self, "UPDATE saved_view SET name = ?, search = ?, stages = ?, "
                                            "tiers = ?, tags = ?, owner = ?, category = ?, conditions = ?, "
                                            "sort = ?, columns = ? WHERE id = ?", error)) != NULL;
  if (ok)
    {
      bind_view (stmt, view);
      kdx_stmt_bind_int64 (stmt, 11, id);
      ok = _kdx_store_step_done (self, stmt, error);
    }
  return end_write (self, ok, mark, error);
}

gboolean
kdx_store_rename_view (KdxStore    *self,
                       gint64       id,
                       const char  *name,
                       GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  KdxStmt *stmt = NULL;
  gboolean ok;
  guint mark;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);

  if (!_kdx_store_write_begin (self, &mark, error))
    return FALSE;
  ok = view_position (self, id, error) >= 0
       && check_name (self, trimmed, id, error)
       && (stmt = _kdx_store_prepare (self, "UPDATE saved_view SET name = ? WHERE id = ?", error)) != NULL;
  if (ok)
    {
      _kdx_store_bind_text (stmt, 1, trimmed);
      kdx_stmt_bind_int64 (stmt, 2, id);
      ok = _kdx_store_step_done (self, stmt, error);
    }
  return end_write (self, ok, mark, error);
}

gboolean
kdx_store_move_view (KdxStore  *self,
                     gint64     id,
                     guint      position,
                     GError   **error)
{
  gint64 from;
  gint64 count = 0;
  gint64 to;
  gboolean ok;
  guint mark;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);

  if (!_kdx_store_write_begin (self, &mark, error))
    return FALSE;
  ok = (from = view_position (self, id, error)) >= 0
       && _kdx_store_query_int (self, "SELECT count(*) FROM saved_view", &count, error);
  if (ok)
    {
      to = MIN ((gint64) position, count - 1);
      /* The views between close up; then this one takes its place. */
      if (to < from)
        ok = run_with_ints (self, "UPDATE saved_view SET position = position + 1 "
                                  "WHERE position >= ?1 AND position < ?2", to, from, error);
      else if (to > from)
        ok = run_with_ints (self, "UPDATE saved_view SET position = position - 1 "
                                  "WHERE position > ?2 AND position <= ?1", to, from, error);
      ok = ok && run_with_ints (self, "UPDATE saved_view SET position = ?1 WHERE id = ?2", to, id, error);
    }
  return end_write (self, ok, mark, error);
}

gboolean
kdx_store_delete_view (KdxStore      *self,
                       gint64         id,
                       KdxSavedView **deleted_out,
                       GError       **error)
{
  g_autoptr(KdxSavedView) view = NULL;
  gboolean ok;
  guint mark;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);

  if (!_kdx_store_write_begin (self, &mark, error))
    return FALSE;
  view = find_view_by (self, "SELECT " VIEW_COLUMNS " FROM saved_view WHERE id = ?", NULL, id, error);
  ok = view != NULL
       && run_with_ints (self, "DELETE FROM saved_view WHERE id = ?1", id, 0, error)
       && run_with_ints (self, "UPDATE saved_view SET position = position - 1 WHERE position > ?1",
                         kdx_saved_view_get_position (view), 0, error);
  if (!end_write (self, ok, mark, error))
    return FALSE;
  if (deleted_out != NULL)
    *deleted_out = g_steal_pointer (&view);
  return TRUE;
}

/* ---- the defaults --------------------------------------------------------- */

typedef struct
{
  const char *name;       /* untranslated; written in the operator's language */
  guint       stages;
  guint       tiers;
  const char *conditions; /* one a line */
  const char *sort;
  const char *columns;
} DefaultView;

static const DefaultView default_views[] = {
  { N_("Head KOLs in negotiation"), 1u << KDX_STAGE_NEGOTIATING, 1u << KDX_TIER_HEAD, NULL,
    "-followers", "display_name,platform,followers,fit_score,owner,next_follow_up,last_contact" },
  { N_("Own-grown, fit ≥ 4, not contacted in 30 days"), 0, 0,
    "source=internal\nfit_score>=4\nlast_contact !within 30",
    "last_contact", "display_name,stage,tier,fit_score,owner,last_contact" },
  { N_("Follow-up due this week"), 0, 0, "next_follow_up<=+7d",
    "next_follow_up", "display_name,stage,tier,owner,next_follow_up,last_contact" },
};

static gboolean
add_default_views (KdxStore  *self,
                   GError   **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (default_views); i++)
    {
      const DefaultView *d = &default_views[i];
      g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
      g_auto(GStrv) conditions = split_or_empty (d->conditions, "\n");
      g_auto(GStrv) columns = split_or_empty (d->columns, ",");
      g_autoptr(KdxSavedView) view = NULL;

      query->stages = d->stages;
      query->tiers = d->tiers;
      for (guint j = 0; conditions[j] != NULL; j++)
        {
          KdxCondition *condition = kdx_condition_parse (conditions[j], error);
          if (condition == NULL)
            return FALSE;
          kdx_kol_query_add_condition (query, condition);
        }
      if (!kdx_kol_query_add_sort_text (query, d->sort, error))
        return FALSE;

      view = kdx_saved_view_new (_(d->name), query, (const char *const *) columns);
      if (!insert_view (self, view, error))
        return FALSE;
    }
  return TRUE;
}

/* Once per database: the first open after migration 5 writes the default
 * views, named in the language of whoever opened it, and consumes the
 * request, so views the operator deleted never come back. Opens of a
 * database that was seeded take no write lock. */
gboolean
_kdx_store_seed_views (KdxStore  *self,
                       GError   **error)
{
  gint64 pending = 0;
  guint mark;

  if (!_kdx_store_query_int (self, "SELECT count(*) FROM saved_view_seed", &pending, error))
    return FALSE;
  /* A reader cannot write them: whoever may write first seeds them. */
  if (pending == 0 || self->read_only)
    return TRUE;

  if (!_kdx_store_write_begin (self, &mark, error))
    return FALSE;
  /* Again inside the lock: another Koldex may have seeded meanwhile. */
  if (!_kdx_store_query_int (self, "SELECT count(*) FROM saved_view_seed", &pending, error))
    goto fail;
  if (pending > 0
      && (!add_default_views (self, error)
          || !_kdx_store_run (self, "DELETE FROM saved_view_seed", error)))
    goto fail;
  if (!_kdx_store_write_commit (self, error))
    goto fail;
  return TRUE;

fail:
  _kdx_store_write_rollback (self, mark);
  return FALSE;
}
