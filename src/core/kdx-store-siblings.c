/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include "kdx-error.h"
#include "kdx-store-private.h"

/* A sibling is a second connection for a worker (an import, an export:
 * kdx_store_open_sibling()). Its writes are the opener's business too:
 * while it holds the write lock (a batch: a whole import) the opener's
 * writes fail at once with %KDX_ERROR_BUSY instead of freezing its thread
 * for the busy timeout, and what it commits is announced by the opener's
 * "changed", in the opener's thread. This is the only place that knows;
 * nothing above the store does. */

/* Raised before the batch takes the lock, so that an opener's write
 * cannot slip in between and wait for the lock the sibling is taking. */
void
_kdx_store_sibling_batch_began (KdxStore *self)
{
  g_autoptr(KdxStore) origin = g_weak_ref_get (&self->origin);

  if (origin != NULL)
    g_atomic_int_inc (&origin->writes_held);
}

void
_kdx_store_sibling_batch_ended (KdxStore *self)
{
  g_autoptr(KdxStore) origin = g_weak_ref_get (&self->origin);

  if (origin != NULL)
    g_atomic_int_add (&origin->writes_held, -1);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

/* In the opener's thread, for any number of commits queued meanwhile. */
static gboolean
emit_external_change_cb (gpointer user_data)
{
  g_autoptr(KdxStore) origin = g_weak_ref_get (user_data);
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (origin == NULL)
    return G_SOURCE_REMOVE;
  g_atomic_int_set (&origin->change_queued, FALSE);
  /* No ids: "look again at everything", the sibling may have changed any file. */
  _kdx_store_emit (origin, none);
  return G_SOURCE_REMOVE;
}

/* The queued emission holds the opener weakly: a store that is let go
 * while a worker's news waits is not kept alive by it. */
void
_kdx_store_sibling_committed (KdxStore *self)
{
  g_autoptr(KdxStore) origin = g_weak_ref_get (&self->origin);
  g_autoptr(GSource) source = NULL;
  GWeakRef *ref;

  if (origin == NULL || !g_atomic_int_compare_and_exchange (&origin->change_queued, FALSE, TRUE))
    return;
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, origin);
  /* An idle, never g_main_context_invoke(), which may run it in the worker. */
  source = g_idle_source_new ();
  /* As a GTask's completion: what a job committed is heard before it ends. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_external_change_cb, ref, (GDestroyNotify) weak_ref_free);
  g_source_attach (source, origin->context);
}

/* ---- a reader kept for the next worker -------------------------------------- */

/**
 * kdx_store_borrow_reader:
 *
 * A sibling for a worker that only reads: the one kept from the last
 * such worker when the backend keeps one (keep_reader: a server's
 * connection costs a backend forked and a login, about 27 ms, on every
 * search typed), else a new one. Used by one worker at a time: give it
 * back with kdx_store_give_back_reader() when done.
 */
KdxStore *
kdx_store_borrow_reader (KdxStore  *self,
                         GError   **error)
{
  KdxStore *reader;

  g_return_val_if_fail (KDX_IS_STORE (self), NULL);

  g_mutex_lock (&self->reader_lock);
  reader = g_steal_pointer (&self->idle_reader);
  g_mutex_unlock (&self->reader_lock);
  if (reader != NULL && !kdx_store_is_damaged (self))
    return reader;
  g_clear_object (&reader);
  if ((reader = kdx_store_open_sibling (self, error)) == NULL)
    return NULL;
  if (self->backend->reader_setup != NULL && !self->backend->exec (reader, self->backend->reader_setup, error))
    g_clear_object (&reader);
  return reader;
}

/* Kept for the next worker when the backend keeps one and none is kept
 * yet (two workers at once, a search typed further while the last one
 * stops: the second's is closed); else closed, in this thread. */
void
kdx_store_give_back_reader (KdxStore *self,
                            KdxStore *reader)
{
  g_return_if_fail (KDX_IS_STORE (self));
  g_return_if_fail (KDX_IS_STORE (reader));

  if (self->backend->keep_reader && !reader->in_batch && !kdx_store_is_damaged (reader))
    {
      g_mutex_lock (&self->reader_lock);
      if (self->idle_reader == NULL)
        self->idle_reader = g_steal_pointer (&reader);
      g_mutex_unlock (&self->reader_lock);
    }
  g_clear_object (&reader);
}

/**
 * kdx_store_query_ids_in_worker:
 *
 * kdx_store_query_ids_cancellable() on a borrowed reader, for a worker
 * thread. A kept reader whose server went away since (restarted, the
 * network back) fails with %KDX_ERROR_CONNECTION_LOST: it is closed and
 * the query runs once more on a new connection, so the worker's
 * connection comes back with the server, as the operator's store's does
 * (kdx-store-pg-reconnect.c). A reader that lost its connection is never
 * kept.
 *
 * Returns: (transfer full) (element-type gint64):
 */
GArray *
kdx_store_query_ids_in_worker (KdxStore           *self,
                               const KdxKolQuery  *query,
                               GCancellable       *cancellable,
                               GError            **error)
{
  g_return_val_if_fail (KDX_IS_STORE (self), NULL);

  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      KdxStore *reader = kdx_store_borrow_reader (self, error);
      GArray *ids;

      if (reader == NULL)
        return NULL;
      ids = kdx_store_query_ids_cancellable (reader, query, cancellable, &local_error);
      if (ids != NULL)
        {
          kdx_store_give_back_reader (self, reader);
          return ids;
        }
      if (!g_error_matches (local_error, KDX_ERROR, KDX_ERROR_CONNECTION_LOST))
        {
          kdx_store_give_back_reader (self, reader);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_object_unref (reader);
      if (attempt == 1)
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return NULL;
}
