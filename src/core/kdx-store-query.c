/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-kol-columns.h"
#include "kdx-store-private.h"

/* What views ask: ids in a filtered, sorted order (only ids, so a view
 * over 100,000 KOLs builds objects just for the rows it shows), counts,
 * the values a filter offers, and the lookups an import matches by. */

/* ---- queries -------------------------------------------------------------- */

/* The start of the statement a list's ids come from, its filters and
 * order appended: one text for the ids, the first ids and their plan. */
#define IDS_SELECT "SELECT id FROM kol WHERE TRUE"

/* Sorts that are no column (kdx-store-conditions.c says how). */
static const char *const computed_sorts[] = { "stage_since", "board" };

/* What a view may sort by: every column of kdx-kol-columns.h but the
 * tags (the scalar fields, the last contact, days in stage, number of
 * channels), and the computed sorts (the stage entry, the board's order). */
gboolean
kdx_store_is_sort_field (const char *field)
{
  const KdxField *column;

  if (field == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (computed_sorts); i++)
    if (g_str_equal (field, computed_sorts[i]))
      return TRUE;

  column = kdx_kol_column_find (field);
  return column != NULL && kdx_kol_column_can_sort (column);
}

/* Keeps @value (owned) as the next parameter and returns its number. */
static guint
add_param (GPtrArray *params,
           char      *value)
{
  g_ptr_array_add (params, value);
  return params->len;
}

static void
add_enum_set (GString    *where,
              GPtrArray  *params,
              const char *column,
              GType       enum_type,
              guint       bits)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  gboolean first = TRUE;

  g_string_append_printf (where, " AND %s IN (", column);
  for (guint i = 0; i < klass->n_values; i++)
    {
      if (!(bits & (1u << klass->values[i].value)))
        continue;
      g_string_append_printf (where, "%s?%u", first ? "" : ", ",
                              add_param (params, g_strdup (klass->values[i].value_nick)));
      first = FALSE;
    }
  if (first)
    g_string_append (where, "NULL"); /* no valid bit: nothing matches */
  g_string_append_c (where, ')');
}

/* "%word%" for LIKE and ILIKE ... ESCAPE '\', its own %, _ and \ taken
 * literally: both backends' match_word() search with it. */
char *
_kdx_store_like_pattern (const char *word)
{
  g_autoptr(GString) out = g_string_new ("%");

  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '%');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The WHERE conditions of @query, appended to @sql with their
 * parameters: shared by the id list and the counts. */
static gboolean
append_where (KdxStore          *self,
              GString           *sql,
              GPtrArray         *params,
              const KdxKolQuery *query,
              gboolean           early_stop,
              GError           **error)
{
  if (query != NULL && query->search != NULL)
    {
      g_autoptr(GString) text = g_string_new (query->search);
      g_auto(GStrv) words = NULL;

      /* The ideographic space separates words too. */
      g_string_replace (text, "\u3000", " ", 0);
      words = g_strsplit_set (text->str, " \t\n", -1);

      for (guint i = 0; words[i] != NULL; i++)
        {
          g_autofree char *word = g_strdup (words[i]);

          if (*g_strstrip (word) == '\0')
            continue;
          self->backend->match_word (sql, params, word, early_stop);
        }
    }

  if (query != NULL && query->stages != 0)
    add_enum_set (sql, params, "stage", kdx_stage_get_type (), query->stages);
  if (query != NULL && query->tiers != 0)
    add_enum_set (sql, params, "tier", kdx_tier_get_type (), query->tiers);

  for (guint i = 0; query != NULL && query->tags != NULL && query->tags[i] != NULL; i++)
    g_string_append_printf (sql, " AND EXISTS (SELECT 1 FROM kol_tag WHERE kol_tag.kol_id = kol.id AND tag = ?%u)",
                            add_param (params, g_strdup (query->tags[i])));
  if (query != NULL && query->owner != NULL)
    g_string_append_printf (sql, " AND owner = ?%u", add_param (params, g_strdup (query->owner)));
  if (query != NULL && query->category != NULL)
    g_string_append_printf (sql, " AND category = ?%u", add_param (params, g_strdup (query->category)));
  if (query != NULL && query->ids != NULL)
    {
      /* Numbers we hold, never text a user typed: written into the
       * statement, one list however long (the list's "Due" filter). */
      if (query->ids->len == 0)
        g_string_append (sql, " AND FALSE"); /* PostgreSQL refuses "IN ()" */
      else if (self->backend->ids_as_array)
        {
          g_autoptr(GString) array = g_string_new ("{");

          for (guint i = 0; i < query->ids->len; i++)
            g_string_append_printf (array, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                                    g_array_index (query->ids, gint64, i));
          g_string_append_c (array, '}');
          g_string_append_printf (sql, " AND id = ANY (CAST(?%u AS BIGINT[]))",
                                  add_param (params, g_string_free (g_steal_pointer (&array), FALSE)));
        }
      else
        {
          g_string_append (sql, " AND id IN (");
          for (guint i = 0; i < query->ids->len; i++)
            g_string_append_printf (sql, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                                    g_array_index (query->ids, gint64, i));
          g_string_append_c (sql, ')');
        }
    }

  /* Any field as a filter (kdx-store-conditions.c). */
  return _kdx_store_append_conditions (self, sql, params, query, error);
}

static KdxStmt *
prepare_query (KdxStore           *self,
               const char         *select,
               const KdxKolQuery  *query,
               gboolean            ordered,
               gboolean            early_stop,
               const char         *tail,
               GError            **error)
{
  g_autoptr(GString) sql = g_string_new (select);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  KdxStmt *stmt = NULL;

  if (!append_where (self, sql, params, query, early_stop, error))
    return NULL;
  if (ordered)
    _kdx_store_append_order (self, sql, query);
  if (tail != NULL)
    g_string_append (sql, tail);

  if ((stmt = self->backend->prepare (self, sql->str, FALSE, NULL)) == NULL)
    {
      _kdx_store_set_error (self, error);
      return NULL;
    }
  for (guint i = 0; i < params->len; i++)
    kdx_stmt_bind_text (stmt, i + 1, g_ptr_array_index (params, i));
  return stmt;
}

KdxStmt *
_kdx_store_prepare_query (KdxStore           *self,
                          const char         *select,
                          const KdxKolQuery  *query,
                          gboolean            ordered,
                          const char         *tail,
                          GError            **error)
{
  return prepare_query (self, select, query, ordered, FALSE, tail, error);
}

/* What stops a query early: a cancellable, or a budget of virtual
 * machine steps (counted, not timed, so the same query always stops at
 * the same row). */
typedef struct
{
  GCancellable *cancellable;
  guint         budget;   /* in thousands of steps; 0 = none */
  guint         spent;
  gboolean      over;
} StopWhen;

/* Asked every 1,000 virtual machine steps: non-zero interrupts. */
static int
stop_cb (void *data)
{
  StopWhen *stop = data;

  if (stop->budget > 0 && ++stop->spent >= stop->budget)
    stop->over = TRUE;
  return stop->over || g_cancellable_is_cancelled (stop->cancellable);
}

static GArray *
step_ids (KdxStore      *self,
          KdxStmt       *stmt,
          StopWhen      *stop,
          GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  /* A search typed further stops the query it replaces at once, rather
   * than when it has scanned every KOL. */
  if (stop->cancellable != NULL || stop->budget > 0)
    self->backend->set_interrupt (self, stop_cb, stop);
  while ((rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
    {
      gint64 id = kdx_stmt_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  self->backend->set_interrupt (self, NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (stop->cancellable, error))
    return NULL;
  if (rc != KDX_STMT_DONE && !stop->over)
    {
      _kdx_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Whether @query's rows come in id order, the order kol is stored in. */
static gboolean
ordered_by_id (const KdxKolQuery *query)
{
  return query == NULL
         || ((query->sort_field == NULL || g_str_equal (query->sort_field, "id"))
             && (query->then_by == NULL || query->then_by->len == 0));
}

/**
 * kdx_store_query_first_ids:
 * @limit: how many ids at most
 * @budget: thousands of SQLite steps the query may take; 0 = no limit
 * @whole: (out) (optional): whether these are all the ids @query selects
 *
 * The first ids kdx_store_query_ids() gives for @query, in the same
 * order: at most @limit, and fewer when the budget ran out first (so a
 * rare word does not scan every KOL here: the caller fetches the rest
 * elsewhere). The first screen of a search: in id order SQLite stops
 * at the limit, so a common word costs a screenful, not a scan.
 *
 * Returns: (transfer full) (element-type gint64):
 */
GArray *
kdx_store_query_first_ids (KdxStore           *self,
                           const KdxKolQuery  *query,
                           guint               limit,
                           guint               budget,
                           gboolean           *whole,
                           GError            **error)
{
  g_autoptr(KdxStmt) stmt = NULL;
  g_autofree char *tail = NULL;
  StopWhen stop = { NULL, budget, 0, FALSE };
  GArray *ids;

  g_return_val_if_fail (KDX_IS_STORE (self), NULL);

  tail = g_strdup_printf (" LIMIT %u", limit + 1);
  stmt = prepare_query (self, IDS_SELECT, query, TRUE,
                        ordered_by_id (query), tail, error);
  if (stmt == NULL)
    return NULL;
  /* One more than asked: had it come, the limit cut the list short. */
  ids = step_ids (self, stmt, &stop, error);
  if (ids == NULL)
    return NULL;
  if (whole != NULL)
    *whole = !stop.over && ids->len <= limit;
  if (ids->len > limit)
    g_array_set_size (ids, limit);
  return ids;
}

/**
 * kdx_store_reads_first_rows_at_once:
 *
 * Whether a list's first screen is best read with
 * kdx_store_query_first_rows() (one statement) than with
 * kdx_store_query_first_ids() and kdx_store_load_kol_rows() (two): on a
 * team database, where each statement is a round trip to the server.
 */
gboolean
kdx_store_reads_first_rows_at_once (KdxStore *self)
{
  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  return self->backend->first_rows_at_once;
}

/**
 * kdx_store_query_first_rows:
 * @limit: how many rows at most
 * @budget: as kdx_store_query_first_ids()'s
 * @whole: (out) (optional): whether these are all the KOLs @query selects
 *
 * The list rows (kdx_store_load_kol_rows()) of the ids
 * kdx_store_query_first_ids() gives, in their order, from one statement:
 * the first ids are a subquery whose order the rows keep (WITH
 * ORDINALITY). A statement stopped by the budget answers no row on a
 * server (it sends its rows when it ends): none, and not @whole.
 *
 * Returns: (transfer full) (element-type KdxKol):
 */
GPtrArray *
kdx_store_query_first_rows (KdxStore           *self,
                            const KdxKolQuery  *query,
                            guint               limit,
                            guint               budget,
                            gboolean           *whole,
                            GError            **error)
{
  g_autoptr(GPtrArray) kols = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(KdxStmt) stmt = NULL;
  g_autofree char *select = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  StopWhen stop = { NULL, budget, 0, FALSE };
  int rc;

  g_return_val_if_fail (KDX_IS_STORE (self), NULL);

  select = _kdx_store_row_select (self, fields);
  /* The inner kol is the query's (its filters and order name their
   * columns bare or as kol.x); the outer one, joined, is the rows'. */
  before = g_strdup_printf ("%s FROM unnest (ARRAY (SELECT id FROM kol WHERE TRUE", select);
  after = g_strdup_printf (" LIMIT %u)) WITH ORDINALITY AS first_screen (id, n)"
                           " JOIN kol ON kol.id = first_screen.id" KDX_STORE_LIST_FACTS_JOIN
                           " ORDER BY first_screen.n",
                           limit + 1);
  stmt = prepare_query (self, before, query, TRUE, ordered_by_id (query), after, error);
  if (stmt == NULL)
    return NULL;

  if (budget > 0)
    self->backend->set_interrupt (self, stop_cb, &stop);
  while ((rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
    g_ptr_array_add (kols, _kdx_store_read_row (stmt, fields));
  self->backend->set_interrupt (self, NULL, NULL);
  if (rc != KDX_STMT_DONE && !stop.over)
    {
      _kdx_store_set_error (self, error);
      return NULL;
    }

  /* One more than asked: had it come, the limit cut the list short. */
  if (whole != NULL)
    *whole = !stop.over && kols->len <= limit;
  if (kols->len > limit)
    g_ptr_array_set_size (kols, limit);
  self->n_rows_read += kols->len;
  return g_steal_pointer (&kols);
}

/**
 * kdx_store_query_ids_cancellable:
 *
 * kdx_store_query_ids() that stops, with %G_IO_ERROR_CANCELLED, as
 * soon as @cancellable is cancelled (from any thread).
 *
 * Returns: (transfer full) (element-type gint64):
 */
GArray *
kdx_store_query_ids_cancellable (KdxStore           *self,
                                 const KdxKolQuery  *query,
                                 GCancellable       *cancellable,
                                 GError            **error)
{
  g_autoptr(KdxStmt) stmt = NULL;
  StopWhen stop = { cancellable, 0, 0, FALSE };

  g_return_val_if_fail (KDX_IS_STORE (self), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  stmt = _kdx_store_prepare_query (self, IDS_SELECT, query, TRUE, NULL, error);
  if (stmt == NULL)
    return NULL;
  return step_ids (self, stmt, &stop, error);
}

/**
 * kdx_store_explain_query_ids:
 *
 * How the engine runs the statement kdx_store_query_ids() sends for
 * @query, its very text: the plan, a line per step (SQLite's EXPLAIN
 * QUERY PLAN; PostgreSQL's EXPLAIN ANALYZE, which runs the statement,
 * so the plan says what it read). For checking that a list's order is
 * read from an index, not sorted on every click (issue 14, item 8).
 *
 * Returns: (transfer full): the plan's lines, each ending in "\n"
 */
char *
kdx_store_explain_query_ids (KdxStore           *self,
                             const KdxKolQuery  *query,
                             GError            **error)
{
  g_autofree char *select = NULL;
  g_autoptr(KdxStmt) stmt = NULL;
  g_autoptr(GString) plan = g_string_new (NULL);
  int rc;

  g_return_val_if_fail (KDX_IS_STORE (self), NULL);

  select = g_strconcat (self->backend->explain, IDS_SELECT, NULL);
  if ((stmt = _kdx_store_prepare_query (self, select, query, TRUE, NULL, error)) == NULL)
    return NULL;
  while ((rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
    g_string_append_printf (plan, "%s\n", kdx_stmt_column_text (stmt, kdx_stmt_column_count (stmt) - 1));
  if (rc != KDX_STMT_DONE)
    {
      _kdx_store_set_error (self, error);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&plan), FALSE);
}

/**
 * kdx_store_query_ids:
 *
 * The ids of the KOLs @query selects, in its order: only ids, so a view
 * over 100,000 KOLs builds objects just for the rows it shows.
 *
 * Returns: (transfer full) (element-type gint64):
 */
GArray *
kdx_store_query_ids (KdxStore           *self,
                     const KdxKolQuery  *query,
                     GError            **error)
{
  return kdx_store_query_ids_cancellable (self, query, NULL, error);
}

gint64
kdx_store_count_kols (KdxStore  *self,
                      GError   **error)
{
  gint64 count = -1;

  g_return_val_if_fail (KDX_IS_STORE (self), -1);

  if (!_kdx_store_query_int (self, "SELECT count(*) FROM kol", &count, error))
    return -1;
  return count;
}

/**
 * kdx_store_list_values:
 * @field: "owner", "category" or "tags"
 *
 * The distinct values in use, sorted: what a filter offers to pick from.
 *
 * Returns: (transfer full): a %NULL-terminated array
 */
char **
kdx_store_list_values (KdxStore    *self,
                       const char  *field,
                       GError     **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  KdxStmt *stmt;
  const char *sql;
  int rc;

  g_return_val_if_fail (KDX_IS_STORE (self), NULL);

  if (g_strcmp0 (field, "owner") == 0)
    sql = "SELECT DISTINCT owner FROM kol WHERE owner IS NOT NULL ORDER BY owner";
  else if (g_strcmp0 (field, "category") == 0)
    sql = "SELECT DISTINCT category FROM kol WHERE category IS NOT NULL ORDER BY category";
  else if (g_strcmp0 (field, "tags") == 0)
    sql = "SELECT DISTINCT tag FROM kol_tag ORDER BY tag";
  else
    g_return_val_if_reached (NULL);

  if ((stmt = _kdx_store_prepare (self, sql, error)) == NULL)
    return NULL;
  while ((rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
    g_ptr_array_add (values, g_strdup (kdx_stmt_column_text (stmt, 0)));
  kdx_stmt_reset (stmt);
  if (rc != KDX_STMT_DONE)
    {
      _kdx_store_set_error (self, error);
      return NULL;
    }

  g_ptr_array_add (values, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&values), FALSE);
}

static gint64
query_id (KdxStore    *self,
          const char  *sql,
          const char  *first,
          const char  *second,
          GError     **error)
{
  KdxStmt *stmt = _kdx_store_prepare (self, sql, error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  _kdx_store_bind_text (stmt, 1, first);
  if (second != NULL)
    _kdx_store_bind_text (stmt, 2, second);
  rc = kdx_stmt_step (stmt);
  if (rc == KDX_STMT_ROW)
    id = kdx_stmt_column_int64 (stmt, 0);
  kdx_stmt_reset (stmt);
  if (rc != KDX_STMT_ROW && rc != KDX_STMT_DONE)
    {
      _kdx_store_set_error (self, error);
      return -1;
    }
  return id;
}

/**
 * kdx_store_find_duplicate:
 *
 * The stored KOL that @kol is the same person as, by what identifies a
 * KOL in practice: the same phone, the same WeChat ID, or the same handle
 * on the same platform. The oldest match wins.
 *
 * Returns: its id, 0 when there is none, -1 on error
 */
gint64
kdx_store_find_duplicate (KdxStore  *self,
                          KdxKol    *kol,
                          GError   **error)
{
  g_autofree char *phone = NULL;
  g_autofree char *wechat = NULL;
  const char *platform;
  const char *handle;
  gint64 id = 0;

  g_return_val_if_fail (KDX_IS_STORE (self), -1);
  g_return_val_if_fail (KDX_IS_KOL (kol), -1);

  g_object_get (kol, "phone", &phone, "wechat", &wechat, NULL);
  platform = kdx_kol_get_platform (kol);
  handle = kdx_kol_get_handle (kol);

  if (phone != NULL)
    id = query_id (self, "SELECT id FROM kol WHERE phone = ? ORDER BY id LIMIT 1", phone, NULL, error);
  if (id == 0 && wechat != NULL)
    id = query_id (self, "SELECT id FROM kol WHERE wechat = ? ORDER BY id LIMIT 1", wechat, NULL, error);
  if (id == 0 && platform != NULL && handle != NULL)
    id = query_id (self, "SELECT id FROM kol WHERE platform = ? AND handle = ? ORDER BY id LIMIT 1",
                   platform, handle, error);
  return id;
}

/* The stored KOL with this uid (XML import matches files by it). */
gint64
kdx_store_find_uid (KdxStore    *self,
                    const char  *uid,
                    GError     **error)
{
  g_return_val_if_fail (KDX_IS_STORE (self), -1);

  if (uid == NULL)
    return 0;
  return query_id (self, "SELECT id FROM kol WHERE uid = ?", uid, NULL, error);
}

/**
 * kdx_store_query_stats:
 *
 * How many KOLs @query selects and their followers summed: a board
 * column's header.
 */
gboolean
kdx_store_query_stats (KdxStore           *self,
                       const KdxKolQuery  *query,
                       gint64             *count,
                       gint64             *followers,
                       GError            **error)
{
  g_autoptr(KdxStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);

  stmt = _kdx_store_prepare_query (self, "SELECT count(*), coalesce(sum(followers), 0) FROM kol WHERE TRUE",
                        query, FALSE, NULL, error);
  if (stmt == NULL)
    return FALSE;

  rc = kdx_stmt_step (stmt);
  if (rc != KDX_STMT_ROW)
    return _kdx_store_set_error (self, error);
  *count = kdx_stmt_column_int64 (stmt, 0);
  *followers = kdx_stmt_column_int64 (stmt, 1);
  return TRUE;
}
