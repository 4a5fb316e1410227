/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-kol-list"

#include "config.h"

#include "kdx-error.h"
#include "kdx-kol-list.h"

/* KdxKolList is a GListModel of KdxKol over the store.
 *
 *   store --(query: filter + sort in SQL)--> ids --(get_item, lazily)--> KdxKol
 *
 * It holds only the ordered ids of what the query selects (8 bytes a
 * KOL); a KdxKol is loaded when a view asks for its row and is shared,
 * through a weak cache, while anything holds it. When the store reports a
 * change, the ids are queried again, items-changed covers the span that
 * differs, and loaded objects of changed KOLs are reloaded in place, so
 * views bound to their properties follow without rebuilding rows.
 *
 * Search as you type (kdx_kol_list_search()) shows the first screen at
 * once and the rest later: the first ids come from a LIMIT query with a
 * step budget in this thread, the whole list from a worker on a sibling
 * connection (kdx_store_query_ids_in_worker(): kept between searches on
 * a server). Each call cancels the fetch before it, and a fetch that
 * ends after a newer one began is dropped by its generation, so the
 * model always ends on the newest query. "complete" is FALSE meanwhile
 * (the count is not known yet). */

/* Rows read around the one a view asks for, in one query: a screenful
 * and more, both ways, so a scroll in either direction finds them. */
#define ROW_BATCH 64

/* Above this many rows replaced, a change is reported in two steps. */
#define BIG_CHANGE 256

struct _KdxKolList
{
  GObject      parent_instance;

  KdxStore    *store;
  KdxKolQuery *query;
  GArray      *ids;     /* gint64, in the query's order */
  GHashTable  *loaded;  /* id -> KdxKol, weak */
  gulong       changed_handler;

  GCancellable *fetching;   /* the worker filling in the rest, if any */
  guint         generation; /* bumped by every new query */
  gboolean      complete;   /* whether ids holds every row of the query */
  guint         first_screen; /* at construction: rows read at once, the rest later; 0 = all */

  gboolean      read_rows;  /* items are list rows (kdx_store_load_kol_rows()), not whole files */
  GPtrArray    *batch;      /* the rows read with the last one asked for, held until the view takes them */
};

static void kdx_kol_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdxKolList, kdx_kol_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, kdx_kol_list_model_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_QUERY,
  PROP_N_ITEMS,
  PROP_COMPLETE,
  PROP_FIRST_SCREEN,
  PROP_READ_ROWS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
loaded_gone_cb (gpointer  data,
                GObject  *where_the_object_was)
{
  KdxKolList *self = data;
  GHashTableIter iter;
  gpointer value;

  /* The id cannot be read from a finalized object; find it by address. */
  g_hash_table_iter_init (&iter, self->loaded);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer) where_the_object_was)
      {
        g_hash_table_iter_remove (&iter);
        return;
      }
}

static GArray *
query_ids (KdxKolList *self)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = kdx_store_query_ids (self->store, self->query, &error);

  if (ids == NULL)
    {
      g_warning ("Could not list KOLs: %s", error->message);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  return ids;
}

/* Swaps in the new ids and reports the one span where they differ. */
static void
replace_ids (KdxKolList *self,
             GArray     *ids)
{
  guint old_n = self->ids->len;
  guint new_n = ids->len;
  guint prefix = 0;
  guint suffix = 0;
  guint removed, added;
  g_autoptr(GArray) old = self->ids;

  while (prefix < old_n && prefix < new_n
         && g_array_index (old, gint64, prefix) == g_array_index (ids, gint64, prefix))
    prefix++;
  while (suffix < old_n - prefix && suffix < new_n - prefix
         && g_array_index (old, gint64, old_n - 1 - suffix)
            == g_array_index (ids, gint64, new_n - 1 - suffix))
    suffix++;

  removed = old_n - prefix - suffix;
  added = new_n - prefix - suffix;
  if (removed > BIG_CHANGE && added > BIG_CHANGE)
    {
      /* GTK 4.8's list views look up every added item to reuse rows when
       * items are replaced in one go: for a resort of 100,000 KOLs that
       * is 100,000 loads. Removed, then added, they look up none. The
       * in-between list (the kept prefix and suffix) is owned by
       * self->ids while the view looks at it. */
      self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_vals (self->ids, old->data, prefix);
      g_array_append_vals (self->ids, &g_array_index (old, gint64, old_n - suffix), suffix);
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, 0);
      g_array_unref (self->ids);
      self->ids = g_array_ref (ids);
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, 0, added);
    }
  else
    {
      self->ids = g_array_ref (ids);
      if (removed > 0 || added > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
    }
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
set_complete (KdxKolList *self,
              gboolean    complete)
{
  if (self->complete == complete)
    return;
  self->complete = complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

/* Whatever fetch runs answers a query that is no longer ours. */
static void
stop_fetching (KdxKolList *self)
{
  self->generation++;
  if (self->fetching != NULL)
    g_cancellable_cancel (self->fetching);
  g_clear_object (&self->fetching);
}

static void
refresh (KdxKolList *self)
{
  g_autoptr(GArray) ids = NULL;

  stop_fetching (self);
  ids = query_ids (self);
  replace_ids (self, ids);
  set_complete (self, TRUE);
}

/* Reads @ids again as rows and assigns them onto the loaded objects, so
 * views bound to them follow; a KOL that is gone is left to the refresh
 * that drops its row. */
static void
reload_rows (KdxKolList *self,
             GArray     *ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = kdx_store_load_kol_rows (self->store, (const gint64 *) ids->data,
                                                       ids->len, &error);

  if (rows == NULL)
    {
      g_warning ("Could not reload KOLs: %s", error->message);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      KdxKol *row = g_ptr_array_index (rows, i);
      gint64 id = kdx_kol_get_id (row);
      KdxKol *kol = g_hash_table_lookup (self->loaded, &id);

      if (kol != NULL)
        kdx_kol_assign (kol, row);
    }
}

static void
store_changed_cb (KdxKolList *self,
                  GArray     *changed,
                  KdxStore   *store)
{
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) held_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* The loaded KOLs to read again (no ids: anything may have changed),
   * held meanwhile: a notify handler may drop another one. */
  if (changed->len == 0)
    {
      g_autoptr(GList) loaded = g_hash_table_get_values (self->loaded);

      for (GList *l = loaded; l != NULL; l = l->next)
        g_ptr_array_add (held, g_object_ref (l->data));
    }
  for (guint i = 0; i < changed->len; i++)
    {
      gint64 id = g_array_index (changed, gint64, i);
      KdxKol *kol = g_hash_table_lookup (self->loaded, &id);

      if (kol != NULL)
        g_ptr_array_add (held, g_object_ref (kol));
    }

  for (guint i = 0; i < held->len; i++)
    {
      KdxKol *kol = g_ptr_array_index (held, i);
      gint64 id = kdx_kol_get_id (kol);
      g_autoptr(GError) error = NULL;

      if (self->read_rows)
        g_array_append_val (held_ids, id);
      else if (!kdx_store_reload_kol (self->store, kol, &error)
               && !g_error_matches (error, KDX_ERROR, KDX_ERROR_NOT_FOUND))
        g_warning ("Could not reload KOL %" G_GINT64_FORMAT ": %s", id, error->message);
    }
  if (held_ids->len > 0)
    reload_rows (self, held_ids);

  refresh (self);
}

static GType
kdx_kol_list_get_item_type (GListModel *model)
{
  return KDX_TYPE_KOL;
}

static guint
kdx_kol_list_get_n_items (GListModel *model)
{
  return KDX_KOL_LIST (model)->ids->len;
}

static void
remember_loaded (KdxKolList *self,
                 KdxKol     *kol)
{
  gint64 id = kdx_kol_get_id (kol);

  g_hash_table_insert (self->loaded, g_memdup2 (&id, sizeof id), kol);
  g_object_weak_ref (G_OBJECT (kol), loaded_gone_cb, self);
}

/* The rows around @position not loaded yet, in one query; held in
 * self->batch until the next batch, so the view finds its neighbours
 * loaded when it asks for them. */
static void
read_rows_around (KdxKolList *self,
                  guint       position)
{
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint from = position > ROW_BATCH / 2 ? position - ROW_BATCH / 2 : 0;
  guint to = MIN (self->ids->len, from + ROW_BATCH);

  for (guint i = from; i < to; i++)
    {
      gint64 id = g_array_index (self->ids, gint64, i);

      if (!g_hash_table_contains (self->loaded, &id))
        g_array_append_val (wanted, id);
    }
  rows = kdx_store_load_kol_rows (self->store, (const gint64 *) wanted->data, wanted->len, &error);
  if (rows == NULL)
    {
      g_warning ("Could not read KOLs: %s", error->message);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    remember_loaded (self, g_ptr_array_index (rows, i));
  g_clear_pointer (&self->batch, g_ptr_array_unref);
  self->batch = g_steal_pointer (&rows);
}

static gpointer
kdx_kol_list_get_item (GListModel *model,
                       guint       position)
{
  KdxKolList *self = KDX_KOL_LIST (model);
  g_autoptr(GError) error = NULL;
  KdxKol *kol;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  kol = g_hash_table_lookup (self->loaded, &id);
  if (kol != NULL)
    return g_object_ref (kol);

  if (self->read_rows)
    {
      read_rows_around (self, position);
      kol = g_hash_table_lookup (self->loaded, &id);
      if (kol != NULL)
        return g_object_ref (kol);
    }

  kol = kdx_store_load_kol (self->store, id, &error);
  if (kol == NULL)
    {
      /* Only another program deleting it this instant gets here; the
       * next change refresh drops the row. */
      g_warning ("Could not load KOL %" G_GINT64_FORMAT ": %s", id, error->message);
      kol = kdx_kol_new ();
      g_object_set (kol, "id", id, NULL);
      return kol;
    }

  g_hash_table_insert (self->loaded, g_memdup2 (&id, sizeof id), kol);
  g_object_weak_ref (G_OBJECT (kol), loaded_gone_cb, self);
  return kol;
}

static void
kdx_kol_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = kdx_kol_list_get_item_type;
  iface->get_n_items = kdx_kol_list_get_n_items;
  iface->get_item = kdx_kol_list_get_item;
}

static void show_first_then_fetch (KdxKolList *self,
                                   guint       first_n,
                                   gboolean    fetch_now);

static void
kdx_kol_list_constructed (GObject *object)
{
  KdxKolList *self = KDX_KOL_LIST (object);

  G_OBJECT_CLASS (kdx_kol_list_parent_class)->constructed (object);

  self->changed_handler = g_signal_connect_swapped (self->store, "changed",
                                                    G_CALLBACK (store_changed_cb), self);
  if (self->first_screen > 0)
    show_first_then_fetch (self, self->first_screen, FALSE);
  else
    {
      g_array_unref (self->ids);
      self->ids = query_ids (self);
    }
}

static void
kdx_kol_list_dispose (GObject *object)
{
  KdxKolList *self = KDX_KOL_LIST (object);
  GHashTableIter iter;
  gpointer value;

  stop_fetching (self);
  g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->batch, g_ptr_array_unref);

  g_hash_table_iter_init (&iter, self->loaded);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_object_weak_unref (value, loaded_gone_cb, self);
      g_hash_table_iter_remove (&iter);
    }

  G_OBJECT_CLASS (kdx_kol_list_parent_class)->dispose (object);
}

static void
kdx_kol_list_finalize (GObject *object)
{
  KdxKolList *self = KDX_KOL_LIST (object);

  g_clear_pointer (&self->query, kdx_kol_query_free);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->loaded, g_hash_table_unref);

  G_OBJECT_CLASS (kdx_kol_list_parent_class)->finalize (object);
}

static void
kdx_kol_list_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KdxKolList *self = KDX_KOL_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_QUERY:
      g_value_set_boxed (value, self->query);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_kol_list_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KdxKolList *self = KDX_KOL_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_QUERY:
      kdx_kol_list_set_query (self, g_value_get_boxed (value));
      break;
    case PROP_FIRST_SCREEN:
      self->first_screen = g_value_get_uint (value);
      break;
    case PROP_READ_ROWS:
      self->read_rows = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_kol_list_class_init (KdxKolListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = kdx_kol_list_constructed;
  object_class->dispose = kdx_kol_list_dispose;
  object_class->finalize = kdx_kol_list_finalize;
  object_class->get_property = kdx_kol_list_get_property;
  object_class->set_property = kdx_kol_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KDX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] =
    g_param_spec_boxed ("query", NULL, NULL, KDX_TYPE_KOL_QUERY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_FIRST_SCREEN] =
    g_param_spec_uint ("first-screen", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* At construction too, so that the first screen is read as rows. */
  properties[PROP_READ_ROWS] =
    g_param_spec_boolean ("read-rows", NULL, NULL, FALSE,
                          G_PARAM_WRITABLE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdx_kol_list_init (KdxKolList *self)
{
  self->query = kdx_kol_query_new ();
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->loaded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->complete = TRUE;
}

KdxKolList *
kdx_kol_list_new (KdxStore *store)
{
  g_return_val_if_fail (KDX_IS_STORE (store), NULL);

  return g_object_new (KDX_TYPE_KOL_LIST, "store", store, NULL);
}

/**
 * kdx_kol_list_new_first_screen:
 * @first_n: how many rows to read at once (a screenful)
 *
 * A list whose first @first_n rows are there on return and whose rest
 * arrives from a worker once kdx_kol_list_fetch_rest() is called
 * ("complete" turns TRUE), as a search's does: a window opening on
 * 100,000 KOLs reads a screenful before its first frame, not every id.
 */
KdxKolList *
kdx_kol_list_new_first_screen (KdxStore *store,
                               guint     first_n)
{
  g_return_val_if_fail (KDX_IS_STORE (store), NULL);

  return g_object_new (KDX_TYPE_KOL_LIST, "store", store, "first-screen", first_n, NULL);
}

/**
 * kdx_kol_list_new_first_rows:
 * @first_n: how many rows to read at once (a screenful)
 *
 * kdx_kol_list_new_first_screen() whose items are list rows
 * (kdx_kol_list_set_read_rows()) from the start: on a team database its
 * first screen's ids and rows come in one statement.
 */
KdxKolList *
kdx_kol_list_new_first_rows (KdxStore *store,
                             guint     first_n)
{
  g_return_val_if_fail (KDX_IS_STORE (store), NULL);

  return g_object_new (KDX_TYPE_KOL_LIST, "store", store, "read-rows", TRUE,
                       "first-screen", first_n, NULL);
}

KdxStore *
kdx_kol_list_get_store (KdxKolList *self)
{
  g_return_val_if_fail (KDX_IS_KOL_LIST (self), NULL);
  return self->store;
}

const KdxKolQuery *
kdx_kol_list_get_query (KdxKolList *self)
{
  g_return_val_if_fail (KDX_IS_KOL_LIST (self), NULL);
  return self->query;
}

/* Filters and sorts anew; rows the old and new order share stay put. */
void
kdx_kol_list_set_query (KdxKolList        *self,
                        const KdxKolQuery *query)
{
  g_return_if_fail (KDX_IS_KOL_LIST (self));

  if (query == NULL)
    {
      g_autoptr(KdxKolQuery) empty = kdx_kol_query_new ();
      kdx_kol_list_set_query (self, empty);
      return;
    }
  if (kdx_kol_query_equal (self->query, query))
    return;

  kdx_kol_query_free (self->query);
  self->query = kdx_kol_query_copy (query);
  if (self->store != NULL)
    refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

gint64
kdx_kol_list_get_id (KdxKolList *self,
                     guint       position)
{
  g_return_val_if_fail (KDX_IS_KOL_LIST (self), 0);
  g_return_val_if_fail (position < self->ids->len, 0);

  return g_array_index (self->ids, gint64, position);
}

gboolean
kdx_kol_list_find (KdxKolList *self,
                   gint64      id,
                   guint      *position)
{
  g_return_val_if_fail (KDX_IS_KOL_LIST (self), FALSE);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      {
        if (position != NULL)
          *position = i;
        return TRUE;
      }
  return FALSE;
}

/* How many KOL objects the list has built and are still alive. */
/**
 * kdx_kol_list_set_read_rows:
 *
 * Whether the items are list rows (kdx_store_load_kol_rows(): a
 * screenful read in one query, for showing) instead of whole files (for
 * views that show a KOL's timeline or channels). Set it before any item
 * is asked for; whoever edits a KOL loads its whole file by id.
 */
void
kdx_kol_list_set_read_rows (KdxKolList *self,
                            gboolean    read_rows)
{
  g_return_if_fail (KDX_IS_KOL_LIST (self));
  self->read_rows = read_rows;
}

guint
kdx_kol_list_get_n_loaded (KdxKolList *self)
{
  g_return_val_if_fail (KDX_IS_KOL_LIST (self), 0);
  return g_hash_table_size (self->loaded);
}

/* ---- search as you type ------------------------------------------------------ */

typedef struct
{
  KdxStore    *store;
  KdxKolQuery *query;
  guint        generation;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->store);
  g_clear_pointer (&fetch->query, kdx_kol_query_free);
  g_free (fetch);
}

static void
fetch_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Fetch *fetch = task_data;
  g_autoptr(GError) error = NULL;
  GArray *ids;

  /* Its own connection: the window's stays free for the rows it draws.
   * On a server the connection is kept for the next search (made again
   * when the server comes back); on a file it is opened for this one. */
  ids = kdx_store_query_ids_in_worker (fetch->store, fetch->query, cancellable, &error);
  if (ids == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

static void
fetch_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      data)
{
  /* Held by the task until here, and let go here: in this thread. */
  g_autoptr(KdxKolList) self = data;
  Fetch *fetch = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_task_propagate_pointer (G_TASK (result), &error);

  g_clear_object (&fetch->store);

  /* A newer query (or a change refresh) has taken over. */
  if (fetch->generation != self->generation)
    return;
  g_clear_object (&self->fetching);
  if (ids == NULL)
    {
      g_warning ("Could not list KOLs: %s", error->message);
      ids = query_ids (self);
    }
  replace_ids (self, ids);
  set_complete (self, TRUE);
}

/**
 * kdx_kol_list_search:
 * @first_n: how many rows to show at once (a screenful)
 *
 * kdx_kol_list_set_query() for a search being typed: the first @first_n
 * rows are there on return, the rest arrive from a worker ("complete"
 * turns TRUE). A call cancels the one before it.
 */
void
kdx_kol_list_search (KdxKolList        *self,
                     const KdxKolQuery *query,
                     guint              first_n)
{
  g_return_if_fail (KDX_IS_KOL_LIST (self));
  g_return_if_fail (query != NULL);

  if (kdx_kol_query_equal (self->query, query) && self->fetching == NULL)
    return;

  stop_fetching (self);
  kdx_kol_query_free (self->query);
  self->query = kdx_kol_query_copy (query);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
  show_first_then_fetch (self, first_n, TRUE);
}

/* The worker that fills in the rest of the current query. */
static void
start_fetching (KdxKolList *self)
{
  g_autoptr(GTask) task = NULL;
  Fetch *fetch;

  self->fetching = g_cancellable_new ();
  fetch = g_new0 (Fetch, 1);
  fetch->store = g_object_ref (self->store);
  fetch->query = kdx_kol_query_copy (self->query);
  fetch->generation = self->generation;
  task = g_task_new (NULL, self->fetching, fetch_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, kdx_kol_list_search);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);
  /* Cancelled or not, the callback runs: it sees the generation. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, fetch_thread);
}

/* The first rows of the query and their ids, from one statement (a
 * team database: kdx_store_reads_first_rows_at_once()); the rows are
 * held as a batch of read_rows_around() is, so the view finds them
 * loaded. A KOL loaded already keeps its object, as it does there. */
static GArray *
read_first_rows (KdxKolList *self,
                 guint       first_n,
                 guint       budget,
                 gboolean   *whole,
                 GError    **error)
{
  g_autoptr(GPtrArray) rows = kdx_store_query_first_rows (self->store, self->query, first_n,
                                                          budget, whole, error);
  GArray *ids;

  if (rows == NULL)
    return NULL;
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      KdxKol *row = g_ptr_array_index (rows, i);
      gint64 id = kdx_kol_get_id (row);
      KdxKol *loaded = g_hash_table_lookup (self->loaded, &id);

      g_array_append_val (ids, id);
      /* The batch holds the loaded object, not the new row: the old
       * batch that may be all that holds it goes next. */
      if (loaded != NULL)
        {
          g_ptr_array_index (rows, i) = g_object_ref (loaded);
          g_object_unref (row);
        }
      else
        remember_loaded (self, row);
    }
  g_clear_pointer (&self->batch, g_ptr_array_unref);
  self->batch = g_steal_pointer (&rows);
  return ids;
}

/* The first @first_n rows of the query now, the rest from a worker,
 * started now or by kdx_kol_list_fetch_rest(). */
static void
show_first_then_fetch (KdxKolList *self,
                       guint       first_n,
                       gboolean    fetch_now)
{
  /* Thousands of SQLite steps the first screen may take in this thread:
   * a few ms on the project's machine, what a rare word's scan stops
   * at (the rows found so far are still the right first rows). */
  const guint budget = 60;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) first = NULL;
  gboolean whole = FALSE;

  if (self->read_rows && kdx_store_reads_first_rows_at_once (self->store))
    first = read_first_rows (self, first_n, budget, &whole, &error);
  else
    first = kdx_store_query_first_ids (self->store, self->query, first_n, budget, &whole, &error);
  if (first == NULL)
    {
      g_warning ("Could not list KOLs: %s", error->message);
      refresh (self);
      return;
    }
  replace_ids (self, first);
  if (whole)
    {
      set_complete (self, TRUE);
      return;
    }

  set_complete (self, FALSE);
  if (fetch_now)
    start_fetching (self);
}

/**
 * kdx_kol_list_fetch_rest:
 *
 * Starts the worker that brings the rest of a list made by
 * kdx_kol_list_new_first_screen() (a window calls it after its first
 * frame, so that the rest and the rows it brings never delay that
 * frame). Nothing when the list is complete or already fetching.
 */
void
kdx_kol_list_fetch_rest (KdxKolList *self)
{
  g_return_if_fail (KDX_IS_KOL_LIST (self));

  if (!self->complete && self->fetching == NULL)
    start_fetching (self);
}

/* Whether the model holds every row of its query (FALSE while a search's
 * rest is being fetched: its count is not known yet). */
gboolean
kdx_kol_list_is_complete (KdxKolList *self)
{
  g_return_val_if_fail (KDX_IS_KOL_LIST (self), TRUE);
  return self->complete;
}
