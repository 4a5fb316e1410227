/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

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
