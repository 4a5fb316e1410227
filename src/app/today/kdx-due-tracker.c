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
  GPtrArray      *items;      /* NULL until asked, and after a change */
  GHashTable     *due;        /* KOL id (gint64 *) -> KdxDueReason */
  guint           notify_id;
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

/* Asked for after a change: computed once, then kept. */
static void
ensure_items (KdxDueTracker *self)
{
  g_autoptr(GError) error = NULL;
  GDate today = kdx_clock_today ();

  if (self->items != NULL)
    return;

  g_clear_pointer (&self->due_settings, kdx_due_settings_free);
  self->due_settings = kdx_due_settings_new_from_gsettings (self->settings);
  self->items = kdx_due_list (self->store, self->due_settings, &today, NULL, &error);
  if (self->items == NULL)
    {
      /* The views show nothing due rather than stale rows. */
      g_warning ("Cannot list what is due: %s", error->message);
      self->items = g_ptr_array_new_with_free_func (g_object_unref);
    }

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

static gboolean
notify_idle_cb (gpointer user_data)
{
  KdxDueTracker *self = user_data;

  self->notify_id = 0;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
invalidate (KdxDueTracker *self)
{
  g_clear_pointer (&self->items, g_ptr_array_unref);
  if (self->notify_id == 0)
    self->notify_id = g_idle_add (notify_idle_cb, self);
}

GPtrArray *
kdx_due_tracker_get_items (KdxDueTracker *self)
{
  g_return_val_if_fail (KDX_IS_DUE_TRACKER (self), NULL);
  ensure_items (self);
  return self->items;
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

  g_clear_handle_id (&self->notify_id, g_source_remove);
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
  g_object_set_data_full (G_OBJECT (store), TRACKER_KEY, self, g_object_unref);
  return self;
}
