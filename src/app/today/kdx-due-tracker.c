/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-due-tracker"

#include "config.h"

#include "kdx-clock.h"
#include "kdx-due-preferences.h"
#include "kdx-due-tracker.h"

struct _KdxDueTracker
{
  GObject         parent_instance;

  KdxStore       *store;      /* not owned: the store owns its tracker */
  GSettings      *settings;
  KdxDueSettings *due_settings;
  GPtrArray      *items;      /* NULL until first asked; then the newest answer */
  GHashTable     *due;        /* KOL id (gint64 *) -> KdxDueReason */
  GCancellable   *computing;  /* a worker computing a newer answer */
  gboolean        again;      /* changed again while it computed */
};

G_DEFINE_FINAL_TYPE (KdxDueTracker, kdx_due_tracker, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define TRACKER_KEY "kdx-due-tracker"

static gboolean
is_kol_reason (KdxDueReason reason)
{
  return reason != KDX_DUE_IMPORTANT_DATE && reason != KDX_DUE_FESTIVAL;
}

/* Takes @items (transfer full) as the answer, with @settings. */
static void
take_items (KdxDueTracker  *self,
            GPtrArray      *items,
            KdxDueSettings *settings)
{
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = items;
  g_clear_pointer (&self->due_settings, kdx_due_settings_free);
  self->due_settings = settings;

  g_hash_table_remove_all (self->due);
  for (guint i = 0; i < self->items->len; i++)
    {
      KdxDueItem *item = g_ptr_array_index (self->items, i);
      KdxDueReason reason = kdx_due_item_get_reason (item);
      gint64 id = kdx_due_item_get_id (item);

      if (is_kol_reason (reason) && !g_hash_table_contains (self->due, &id))
        g_hash_table_insert (self->due, g_memdup2 (&id, sizeof id), GINT_TO_POINTER (reason));
    }
}

static GPtrArray *
list_or_nothing (KdxStore             *store,
                 const KdxDueSettings *settings,
                 const GDate          *today)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = kdx_due_list (store, settings, today, NULL, &error);

  if (items != NULL)
    return items;
  /* The views show nothing due rather than stale rows. */
  g_warning ("Cannot list what is due: %s", error->message);
  return g_ptr_array_new_with_free_func (g_object_unref);
}

/* An answer asked for before one is there is computed at once. The
 * window asks for the first one in a worker instead
 * (kdx_due_tracker_request()), after its first frame; later ones come
 * from a worker too (recompute()), so an edit never waits for a whole
 * due list, which takes about a second at 100,000 KOLs. */
static void
ensure_items (KdxDueTracker *self)
{
  GDate today = kdx_clock_today ();
  KdxDueSettings *settings;
  gboolean awaited;

  if (self->items != NULL)
    return;
  /* A first answer still in a worker is computed here instead (that one
   * would only repeat it), and told to those who wait for it. */
  awaited = self->computing != NULL;
  if (awaited)
    {
      g_cancellable_cancel (self->computing);
      g_clear_object (&self->computing);
      self->again = FALSE;
    }
  settings = kdx_due_settings_new_from_gsettings (self->settings);
  take_items (self, list_or_nothing (self->store, settings, &today), settings);
  if (awaited)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

typedef struct
{
  KdxStore       *sibling;   /* opened here: the worker never sees the store */
  KdxDueSettings *settings;
  GDate           today;
} Computation;

static void
computation_free (Computation *computation)
{
  g_clear_object (&computation->sibling);
  g_clear_pointer (&computation->settings, kdx_due_settings_free);
  g_free (computation);
}

/* In the worker, on a connection of its own. */
static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Computation *computation = task_data;

  g_task_return_pointer (task, list_or_nothing (computation->sibling, computation->settings,
                                                &computation->today),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void recompute (KdxDueTracker *self);

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  KdxDueTracker *self = KDX_DUE_TRACKER (source);
  Computation *computation = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GPtrArray *items = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->computing);
  if (items == NULL)
    g_warning ("Cannot list what is due: %s", error->message);
  else
    {
      take_items (self, items, g_steal_pointer (&computation->settings));
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
    }
  if (self->again)
    recompute (self);
}

static void
recompute (KdxDueTracker *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Computation *computation;

  self->again = FALSE;
  if (self->store == NULL)
    return;
  computation = g_new0 (Computation, 1);
  computation->sibling = kdx_store_open_sibling (self->store, &error);
  if (computation->sibling == NULL)
    {
      g_warning ("Cannot list what is due: %s", error->message);
      computation_free (computation);
      return;
    }
  computation->settings = kdx_due_settings_new_from_gsettings (self->settings);
  computation->today = kdx_clock_today ();
  self->computing = g_cancellable_new ();
  task = g_task_new (self, self->computing, computed_cb, NULL);
  g_task_set_task_data (task, computation, (GDestroyNotify) computation_free);
  g_task_run_in_thread (task, compute_thread);
}

/* The store or Preferences changed: a newer answer is on its way; the
 * views keep the last one meanwhile. Changes while a worker computes
 * make one more run after it, not one each. */
static void
invalidate (KdxDueTracker *self)
{
  if (self->items == NULL && self->computing == NULL)
    return;  /* nobody asked yet: the first answer will be fresh */
  if (self->computing != NULL)
    self->again = TRUE;
  else
    recompute (self);
}

gboolean
kdx_due_tracker_has_answer (KdxDueTracker *self)
{
  g_return_val_if_fail (KDX_IS_DUE_TRACKER (self), FALSE);
  return self->items != NULL;
}

void
kdx_due_tracker_request (KdxDueTracker *self)
{
  g_return_if_fail (KDX_IS_DUE_TRACKER (self));

  if (self->items == NULL && self->computing == NULL)
    recompute (self);
}

GPtrArray *
kdx_due_tracker_get_items (KdxDueTracker *self)
{
  g_return_val_if_fail (KDX_IS_DUE_TRACKER (self), NULL);
  ensure_items (self);
  return self->items;
}

/* For what must not be a moment late (the daily reminder): an answer
 * still being computed is computed here and now instead. */
GPtrArray *
kdx_due_tracker_get_fresh_items (KdxDueTracker *self)
{
  g_return_val_if_fail (KDX_IS_DUE_TRACKER (self), NULL);

  if (self->computing != NULL)
    {
      g_cancellable_cancel (self->computing);
      g_clear_object (&self->computing);
      self->again = FALSE;
      g_clear_pointer (&self->items, g_ptr_array_unref);
      ensure_items (self);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
    }
  return kdx_due_tracker_get_items (self);
}

const KdxDueSettings *
kdx_due_tracker_get_settings (KdxDueTracker *self)
{
  g_return_val_if_fail (KDX_IS_DUE_TRACKER (self), NULL);
  ensure_items (self);
  return self->due_settings;
}

gboolean
kdx_due_tracker_is_due (KdxDueTracker *self,
                        gint64         id,
                        KdxDueReason  *reason)
{
  gpointer value;

  g_return_val_if_fail (KDX_IS_DUE_TRACKER (self), FALSE);
  ensure_items (self);
  if (!g_hash_table_lookup_extended (self->due, &id, NULL, &value))
    return FALSE;
  if (reason != NULL)
    *reason = GPOINTER_TO_INT (value);
  return TRUE;
}

GArray *
kdx_due_tracker_dup_due_ids (KdxDueTracker *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (KDX_IS_DUE_TRACKER (self), ids);
  ensure_items (self);
  /* In the order of Today, once each. */
  for (guint i = 0; i < self->items->len; i++)
    {
      KdxDueItem *item = g_ptr_array_index (self->items, i);
      gint64 id = kdx_due_item_get_id (item);
      KdxDueReason reason = kdx_due_item_get_reason (item);
      gpointer first;

      if (is_kol_reason (reason) && g_hash_table_lookup_extended (self->due, &id, NULL, &first)
          && GPOINTER_TO_INT (first) == (int) reason)
        g_array_append_val (ids, id);
    }
  return ids;
}

static void
kdx_due_tracker_finalize (GObject *object)
{
  KdxDueTracker *self = KDX_DUE_TRACKER (object);

  g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->due, g_hash_table_unref);
  g_clear_pointer (&self->due_settings, kdx_due_settings_free);

  G_OBJECT_CLASS (kdx_due_tracker_parent_class)->finalize (object);
}

static void
kdx_due_tracker_class_init (KdxDueTrackerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kdx_due_tracker_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdx_due_tracker_init (KdxDueTracker *self)
{
  self->due = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->settings = g_settings_new (APP_ID);
  /* Preferences apply at once: a new interval shows who is now due. */
  g_signal_connect_swapped (self->settings, "changed", G_CALLBACK (invalidate), self);
}

/* The store goes: a worker still computing for it is told to stop, and
 * nothing starts again (the task may keep the tracker a moment longer). */
static void
detach (KdxDueTracker *self)
{
  g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);
  self->store = NULL;
  g_object_unref (self);
}

KdxDueTracker *
kdx_due_tracker_for_store (KdxStore *store)
{
  KdxDueTracker *self;

  g_return_val_if_fail (KDX_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), TRACKER_KEY);
  if (self != NULL)
    return self;

  self = g_object_new (KDX_TYPE_DUE_TRACKER, NULL);
  self->store = store;
  /* Connected without a reference: the tracker goes with the store. */
  g_signal_connect_swapped (store, "changed", G_CALLBACK (invalidate), self);
  g_object_set_data_full (G_OBJECT (store), TRACKER_KEY, self, (GDestroyNotify) detach);
  return self;
}
