/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "kdx-error.h"
#include "kdx-store-private.h"

/* The store's object and how it is opened; what it does lives in the
 * kdx-store-*.c files listed in kdx-store-private.h. */

G_DEFINE_FINAL_TYPE (KdxStore, kdx_store, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  SIGNAL_VIEWS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_DAMAGED,
  PROP_READ_ONLY,
  PROP_OPERATOR,
  PROP_CONNECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- object --------------------------------------------------------------- */

static void
kdx_store_finalize (GObject *object)
{
  KdxStore *self = KDX_STORE (object);

  /* The kept reader's connection closes with the store it serves. */
  g_clear_object (&self->idle_reader);
  g_mutex_clear (&self->reader_lock);
  /* Statements first: a connection does not close while any is alive. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->in_batch)
    _kdx_store_sibling_batch_ended (self);
  if (self->backend != NULL)
    self->backend->disconnect (self);
  g_clear_pointer (&self->changed_ids, g_array_unref);
  g_clear_pointer (&self->deferred_indexes, g_ptr_array_unref);
  g_clear_pointer (&self->import_noted, g_hash_table_unref);
  _kdx_store_clear_refusal (self);
  g_weak_ref_clear (&self->origin);
  g_main_context_unref (self->context);
  g_free (self->path);
  g_free (self->location);
  g_free (self->operator_name);
  g_free (self->kol_insert_sql);
  g_free (self->kol_update_sql);
  g_free (self->kol_select_sql);
  g_free (self->kol_scan_sql);
  g_clear_pointer (&self->list_sql, g_hash_table_unref);

  G_OBJECT_CLASS (kdx_store_parent_class)->finalize (object);
}

static void
kdx_store_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KdxStore *self = KDX_STORE (object);

  switch (prop_id)
    {
    case PROP_DAMAGED:
      g_value_set_boolean (value, kdx_store_is_damaged (self));
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_OPERATOR:
      g_value_set_string (value, self->operator_name);
      break;
    case PROP_CONNECTED:
      g_value_set_boolean (value, kdx_store_is_connected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_store_class_init (KdxStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdx_store_finalize;
  object_class->get_property = kdx_store_get_property;

  /**
   * KdxStore:damaged:
   *
   * The database was found damaged: writes are refused until a backup
   * is restored. Notified in the thread that opened the store.
   */
  properties[PROP_DAMAGED] =
    g_param_spec_boolean ("damaged", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * KdxStore:read-only:
   *
   * The connection may only read (a role that may only SELECT, a
   * write-protected file), found when the store was opened: every write
   * fails with %KDX_ERROR_READ_ONLY before it changes anything.
   */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * KdxStore:operator:
   *
   * The name of the operator who writes through this store, recorded on
   * the events, stage moves and imports it writes (kdx_store_set_operator()).
   */
  properties[PROP_OPERATOR] =
    g_param_spec_string ("operator", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * KdxStore:connected:
   *
   * FALSE while a team database's server cannot be reached: the store
   * reconnects by itself (kdx_store_reconnect() tries at once), and
   * reads and writes meanwhile fail with %KDX_ERROR_CONNECTION_LOST.
   * Always TRUE for a file. Notified in the thread that opened the store.
   */
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KdxStore::changed:
   * @ids: (element-type gint64): the KOLs added, saved, moved or deleted
   *
   * Emitted after a write commits; within a batch, once, when it commits.
   * On a team database also when another operator's store commits (no
   * ids: anything may have changed), in the thread that opened the store.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ARRAY);

  /**
   * KdxStore::views-changed:
   *
   * Emitted after a saved view was added, saved, renamed, moved or
   * deleted through this store.
   */
  signals[SIGNAL_VIEWS_CHANGED] =
    g_signal_new ("views-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

/* The statement cache's key: SQL texts differ in their length, their
 * start or their end, so those are hashed instead of every byte. The
 * KOL INSERT is 600 bytes, looked up for every imported row (issue 16);
 * the equality check still compares the whole text. */
static guint
sql_hash (gconstpointer key)
{
  const char *sql = key;
  gsize length = strlen (sql);
  guint hash = (guint) length;

  for (gsize i = 0; i < MIN (length, 48); i++)
    hash = hash * 33 + (guchar) sql[i];
  for (gsize i = length > 48 ? MAX (length - 48, 48) : length; i < length; i++)
    hash = hash * 33 + (guchar) sql[i];
  return hash;
}

static void
kdx_store_init (KdxStore *self)
{
  self->statements = g_hash_table_new_full (sql_hash, g_str_equal, g_free,
                                            (GDestroyNotify) kdx_stmt_finalize);
  self->changed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->deferred_indexes = g_ptr_array_new_with_free_func (g_free);
  self->import_noted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->list_sql = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_weak_ref_init (&self->origin, NULL);
  g_mutex_init (&self->reader_lock);
  self->context = g_main_context_ref_thread_default ();
}

/* Tells listeners which KOLs a committed write touched; no ids means
 * "anything may have changed". */
void
_kdx_store_emit (KdxStore *self,
                 GArray   *ids)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, ids);
}

void
_kdx_store_emit_views_changed (KdxStore *self)
{
  g_signal_emit (self, signals[SIGNAL_VIEWS_CHANGED], 0);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static gboolean
notify_damaged_cb (gpointer user_data)
{
  g_autoptr(KdxStore) self = g_weak_ref_get (user_data);

  if (self != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAMAGED]);
  return G_SOURCE_REMOVE;
}

/* In the thread that opened the store, whichever thread found the damage
 * (a worker's sibling tells its opener from the worker). Weakly: a store
 * that failed to open because it is damaged must close, not wait for a
 * main loop that may never run (the CLI's). */
void
_kdx_store_notify_damaged (KdxStore *self)
{
  g_autoptr(GSource) source = g_idle_source_new ();
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, notify_damaged_cb, ref, (GDestroyNotify) weak_ref_free);
  g_source_attach (source, self->context);
}

void
_kdx_store_set_connected (KdxStore *self,
                          gboolean  connected)
{
  if (self->disconnected == !connected)
    return;
  self->disconnected = !connected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

/**
 * kdx_store_is_connected:
 *
 * Whether the database can be reached: FALSE while a team database's
 * server is gone and the store tries to reconnect.
 */
gboolean
kdx_store_is_connected (KdxStore *self)
{
  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  return !self->disconnected;
}

/**
 * kdx_store_reconnect:
 *
 * While not connected: tries to reconnect now rather than after the
 * pause (the operator's Retry). Does nothing otherwise.
 */
void
kdx_store_reconnect (KdxStore *self)
{
  g_return_if_fail (KDX_IS_STORE (self));
  if (self->disconnected && self->backend->reconnect != NULL)
    self->backend->reconnect (self);
}

/* ---- opening -------------------------------------------------------------- */

char *
kdx_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "koldex", "koldex.db", NULL);
}

/* --database PATH, else KOLDEX_DATABASE, else the default. */
char *
kdx_store_resolve_path (const char *path)
{
  const char *env = g_getenv ("KOLDEX_DATABASE");

  if (path != NULL && *path != '\0')
    return g_strdup (path);
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return kdx_store_default_path ();
}

/* The engine that keeps the database @location names: a server for a
 * postgresql:// or postgres:// URI, a file for anything else. */
const KdxStoreBackend *
_kdx_store_pick_backend (const char *location)
{
  if (kdx_store_pg_backend.handles (location))
    return &kdx_store_pg_backend;
  return &kdx_store_sqlite_backend;
}

/* Connects to the database at @location, checks that it is ours,
 * configures the connection and brings the schema up to date: what the
 * engine does, before the store writes anything of its own. Makes the
 * database only when @may_create (and says so in @created): a sibling
 * must find it. */
KdxStore *
_kdx_store_connect_engine (const KdxStoreBackend  *backend,
                           const char             *location,
                           gboolean                may_create,
                           gboolean               *created,
                           GError                **error)
{
  g_autoptr(KdxStore) self = g_object_new (KDX_TYPE_STORE, NULL);

  self->location = g_strdup (location);
  self->path = backend->display_name (location);
  self->backend = backend;  /* disconnects in finalize, even half-connected */
  if (!backend->connect (self, may_create, created, error))
    return NULL;

  /* The whole file is checked when the operator opens it (not for each
   * worker's sibling): damage is said at once, before anything is
   * written to it, instead of as a half-shown list later. */
  if (!backend->check_identity (self, error)
      || (may_create && !*created && !backend->check_health (self, TRUE, &self->checked, error))
      || !backend->configure (self, error)
      || !backend->migrate (self, error)
      || !backend->is_read_only (self, &self->read_only, error))
    return NULL;
  return g_steal_pointer (&self);
}

static KdxStore *
connect_store (const KdxStoreBackend  *backend,
               const char             *location,
               gboolean                may_create,
               gboolean               *created,
               GError                **error)
{
  g_autoptr(KdxStore) self = _kdx_store_connect_engine (backend, location, may_create, created, error);

  if (self == NULL || !_kdx_store_seed_views (self, error))
    return NULL;

  _kdx_store_build_sql (self);
  g_debug ("Opened %s (%s)", self->path, backend->name);
  return g_steal_pointer (&self);
}

/**
 * kdx_store_open:
 * @path: (nullable): the database file, or a team database's
 *   `postgresql://` (or `postgres://`) URI; %NULL for KOLDEX_DATABASE or
 *   the default
 *
 * Opens the database, creating it (file 0600; the default folder 0700) when
 * it does not exist, and brings its schema up to date. A file that is not a
 * Koldex database, or one from a newer Koldex, is refused and left untouched.
 * A server's database is never created: its administrator makes it, empty,
 * and Koldex makes its tables when it first opens it.
 */
static KdxStore *
open_store (const char  *path,
            gboolean     follow,
            GError     **error)
{
  g_autofree char *resolved = kdx_store_resolve_path (path);
  const KdxStoreBackend *backend = _kdx_store_pick_backend (resolved);
  KdxStore *self;
  gboolean created = FALSE;

  self = connect_store (backend, resolved, TRUE, &created, error);
  /* The operator's store follows what other operators commit (a worker's
   * sibling need not: its opener hears it). */
  if (self != NULL && follow && backend->listen != NULL && !backend->listen (self, error))
    g_clear_object (&self);

  /* Leave no trace of a database this call made and could not finish. */
  if (self == NULL && created)
    backend->discard (resolved);
  return self;
}

KdxStore *
kdx_store_open (const char  *path,
                GError     **error)
{
  return open_store (path, TRUE, error);
}

/**
 * kdx_store_open_once:
 *
 * Opens the database as kdx_store_open() does, for a command that does
 * its work and ends (koldex-cli): the store does not follow what other
 * connections commit, so it never emits "changed" for them nor makes a
 * lost connection again. On a server that is one connection instead of
 * two, a login and a server process fewer per command (issue 14, item
 * 8: ten writers, each write a koldex-cli process).
 */
KdxStore *
kdx_store_open_once (const char  *path,
                     GError     **error)
{
  return open_store (path, FALSE, error);
}

/**
 * kdx_store_open_sibling:
 *
 * Opens another connection to the database @self has open, for a worker
 * thread: the worker's writes do not wait on the thread that owns @self,
 * and nothing above the store needs to know where the database lives.
 * While the sibling is in a batch, writes through @self fail at once with
 * %KDX_ERROR_BUSY; after each of its commits @self emits "changed" (with
 * no ids) in the thread that opened @self (kdx-store-siblings.c).
 */
KdxStore *
kdx_store_open_sibling (KdxStore  *self,
                        GError   **error)
{
  KdxStore *sibling;

  g_return_val_if_fail (KDX_IS_STORE (self), NULL);

  if (kdx_store_is_damaged (self))
    {
      _kdx_store_damaged_error (self, error);
      return NULL;
    }
  sibling = connect_store (self->backend, self->location, FALSE, NULL, error);
  if (sibling != NULL)
    {
      g_weak_ref_set (&sibling->origin, self);
      /* A worker writes for the operator who started it. */
      sibling->operator_name = g_strdup (self->operator_name);
    }
  return sibling;
}

const char *
kdx_store_get_path (KdxStore *self)
{
  g_return_val_if_fail (KDX_IS_STORE (self), NULL);
  return self->path;
}

/**
 * kdx_store_set_operator:
 * @name: (nullable): the operator's name as people know it; %NULL or ""
 *   (only spaces too) records no name
 *
 * Says who makes the writes that follow: the events and stage moves the
 * store dates (kdx_store_stamp_made_by()) and the import runs it begins
 * record @name as `made_by`. Siblings opened later inherit it.
 */
void
kdx_store_set_operator (KdxStore   *self,
                        const char *name)
{
  g_autofree char *clean = NULL;

  g_return_if_fail (KDX_IS_STORE (self));

  clean = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (*clean == '\0' || !g_utf8_validate (clean, -1, NULL))
    g_clear_pointer (&clean, g_free);
  if (g_strcmp0 (clean, self->operator_name) == 0)
    return;
  g_free (self->operator_name);
  self->operator_name = g_steal_pointer (&clean);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATOR]);
}

const char *
kdx_store_get_operator (KdxStore *self)
{
  g_return_val_if_fail (KDX_IS_STORE (self), NULL);
  return self->operator_name;
}

/**
 * kdx_store_stamp_made_by:
 * @item: a new timeline event or stage entry, about to be written
 *
 * Records the operator as who made @item (its `made_by`), when it has no
 * name yet: a file's older items keep theirs, or none.
 */
void
kdx_store_stamp_made_by (KdxStore  *self,
                         KdxRecord *item)
{
  const KdxField *field;

  g_return_if_fail (KDX_IS_STORE (self));
  g_return_if_fail (KDX_IS_RECORD (item));

  field = kdx_record_find_field (item, "made_by");
  if (field == NULL || self->operator_name == NULL
      || kdx_record_peek_string (item, field) != NULL)
    return;
  g_object_set (item, "made-by", self->operator_name, NULL);
}

gboolean
kdx_store_is_read_only (KdxStore *self)
{
  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  return self->read_only;
}

/**
 * kdx_store_read_only_error:
 *
 * Sets @error to what a read-only connection says to a write, for the
 * window's banner and the CLI alike; returns %FALSE.
 */
gboolean
kdx_store_read_only_error (KdxStore  *self,
                           GError   **error)
{
  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  /* A team database's role, or a file's permissions: each says which. */
  if (self->backend == &kdx_store_pg_backend)
    g_set_error_literal (error, KDX_ERROR, KDX_ERROR_READ_ONLY,
                         _("Read-only: your database role can view but not change KOLs. "
                           "Ask your administrator for write access."));
  else
    g_set_error_literal (error, KDX_ERROR, KDX_ERROR_READ_ONLY,
                         _("Read-only: this database file can be viewed but not changed. "
                           "Ask your administrator for write access."));
  return FALSE;
}

/**
 * kdx_store_set_single_pass:
 *
 * Says that what follows reads many rows once each and the store is then
 * closed (a koldex-cli command): the backend keeps a small cache instead
 * of a page of memory for every page read, as an import does. Only a
 * hint about memory: reads and writes work the same.
 */
void
kdx_store_set_single_pass (KdxStore *self,
                           gboolean  single_pass)
{
  g_return_if_fail (KDX_IS_STORE (self));
  self->backend->set_streaming (self, single_pass);
}

