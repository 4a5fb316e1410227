/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-insights-tracker"

#include "config.h"

#include "kdx-clock.h"
#include "kdx-insights-tracker.h"

struct _KdxInsightsTracker
{
  GObject            parent_instance;

  KdxStore          *store;
  GSettings         *settings;
  KdxInsightsPeriod *period;
  KdxInsightsFilter *filter;
  KdxInsights       *insights;  /* the newest answer, or NULL */
  char              *error;     /* why the last run failed, or NULL */
  GCancellable      *computing; /* a worker computing a newer answer */
  gboolean           again;     /* asked again while it computed */
  gboolean           stale;     /* changed while nobody looked */
  gboolean           active;
};

G_DEFINE_FINAL_TYPE (KdxInsightsTracker, kdx_insights_tracker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "pace-targets": category -> (candidates, onboarded) a month; the
 * category "" is the default for every other one. */
KdxInsightsTargets *
kdx_insights_targets_from_settings (GSettings *settings)
{
  KdxInsightsTargets *targets = kdx_insights_targets_new ();
  g_autoptr(GVariant) map = g_settings_get_value (settings, "pace-targets");
  GVariantIter iter;
  const char *category;
  guint32 candidates, onboarded;

  g_variant_iter_init (&iter, map);
  while (g_variant_iter_next (&iter, "{&s(uu)}", &category, &candidates, &onboarded))
    kdx_insights_targets_set (targets, *category != '\0' ? category : NULL, candidates, onboarded);
  return targets;
}

typedef struct
{
  KdxStore           *sibling;  /* opened here: the worker never sees the store */
  KdxInsightsPeriod  *period;
  KdxInsightsFilter  *filter;
  KdxInsightsTargets *targets;
} Computation;

static void
computation_free (Computation *computation)
{
  g_clear_object (&computation->sibling);
  g_clear_pointer (&computation->period, kdx_insights_period_free);
  g_clear_pointer (&computation->filter, kdx_insights_filter_free);
  g_clear_pointer (&computation->targets, kdx_insights_targets_free);
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
  GError *error = NULL;
  KdxInsights *insights = kdx_insights_compute (computation->sibling, computation->period,
                                                computation->filter, computation->targets,
                                                &error);

  if (insights == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, insights, (GDestroyNotify) kdx_insights_unref);
}

static void recompute (KdxInsightsTracker *self);

static void
set_computing (KdxInsightsTracker *self,
               GCancellable       *computing)
{
  gboolean was_busy = self->computing != NULL;

  g_clear_object (&self->computing);
  self->computing = computing;
  if (was_busy != (computing != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  KdxInsightsTracker *self = KDX_INSIGHTS_TRACKER (source);
  g_autoptr(GError) error = NULL;
  KdxInsights *insights = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Shown even when already behind (the next run follows at once): a
   * store that changes all the time still gets its numbers on screen. */
  g_clear_pointer (&self->error, g_free);
  if (insights == NULL)
    {
      g_warning ("Cannot compute Insights: %s", error->message);
      self->error = g_strdup (error->message);
    }
  else
    {
      g_clear_pointer (&self->insights, kdx_insights_unref);
      self->insights = insights;
    }
  set_computing (self, NULL);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  if (self->again)
    recompute (self);
}

static void
recompute (KdxInsightsTracker *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Computation *computation;

  self->again = FALSE;
  self->stale = FALSE;
  if (self->store == NULL)
    return;

  computation = g_new0 (Computation, 1);
  computation->sibling = kdx_store_open_sibling (self->store, &error);
  if (computation->sibling == NULL)
    {
      computation_free (computation);
      g_clear_pointer (&self->error, g_free);
      self->error = g_strdup (error->message);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
      return;
    }
  computation->period = kdx_insights_period_copy (self->period);
  computation->filter = kdx_insights_filter_copy (self->filter);
  computation->targets = kdx_insights_targets_from_settings (self->settings);

  set_computing (self, g_cancellable_new ());
  task = g_task_new (self, self->computing, computed_cb, NULL);
  g_task_set_source_tag (task, recompute);
  g_task_set_task_data (task, computation, (GDestroyNotify) computation_free);
  g_task_run_in_thread (task, compute_thread);
}

/* Something the numbers depend on changed. */
static void
invalidate (KdxInsightsTracker *self)
{
  if (!self->active)
    self->stale = TRUE;
  else if (self->computing != NULL)
    self->again = TRUE;
  else
    recompute (self);
}

static void
settings_changed_cb (KdxInsightsTracker *self,
                     const char         *key)
{
  if (g_str_equal (key, "pace-targets"))
    invalidate (self);
}

static void
kdx_insights_tracker_dispose (GObject *object)
{
  KdxInsightsTracker *self = KDX_INSIGHTS_TRACKER (object);

  g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kdx_insights_tracker_parent_class)->dispose (object);
}

static void
kdx_insights_tracker_finalize (GObject *object)
{
  KdxInsightsTracker *self = KDX_INSIGHTS_TRACKER (object);

  g_clear_pointer (&self->period, kdx_insights_period_free);
  g_clear_pointer (&self->filter, kdx_insights_filter_free);
  g_clear_pointer (&self->insights, kdx_insights_unref);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (kdx_insights_tracker_parent_class)->finalize (object);
}

static void
kdx_insights_tracker_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KdxInsightsTracker *self = KDX_INSIGHTS_TRACKER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->computing != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_insights_tracker_class_init (KdxInsightsTrackerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdx_insights_tracker_dispose;
  object_class->finalize = kdx_insights_tracker_finalize;
  object_class->get_property = kdx_insights_tracker_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdx_insights_tracker_init (KdxInsightsTracker *self)
{
  GDate today = kdx_clock_today ();

  self->period = kdx_insights_period_new (KDX_INSIGHTS_PERIOD_THIS_MONTH, &today);
  self->filter = kdx_insights_filter_new ();
  self->stale = TRUE;
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_swapped (self->settings, "changed", G_CALLBACK (settings_changed_cb), self);
}

KdxInsightsTracker *
kdx_insights_tracker_new (KdxStore *store)
{
  KdxInsightsTracker *self;

  g_return_val_if_fail (KDX_IS_STORE (store), NULL);

  self = g_object_new (KDX_TYPE_INSIGHTS_TRACKER, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_swapped (store, "changed", G_CALLBACK (invalidate), self);
  return self;
}

void
kdx_insights_tracker_set_period (KdxInsightsTracker      *self,
                                 const KdxInsightsPeriod *period)
{
  g_return_if_fail (KDX_IS_INSIGHTS_TRACKER (self));
  g_return_if_fail (period != NULL);

  kdx_insights_period_free (self->period);
  self->period = kdx_insights_period_copy (period);
  invalidate (self);
}

const KdxInsightsPeriod *
kdx_insights_tracker_get_period (KdxInsightsTracker *self)
{
  g_return_val_if_fail (KDX_IS_INSIGHTS_TRACKER (self), NULL);
  return self->period;
}

void
kdx_insights_tracker_set_filter (KdxInsightsTracker      *self,
                                 const KdxInsightsFilter *filter)
{
  g_return_if_fail (KDX_IS_INSIGHTS_TRACKER (self));
  g_return_if_fail (filter != NULL);

  if (kdx_insights_filter_equal (self->filter, filter))
    return;
  kdx_insights_filter_free (self->filter);
  self->filter = kdx_insights_filter_copy (filter);
  invalidate (self);
}

const KdxInsightsFilter *
kdx_insights_tracker_get_filter (KdxInsightsTracker *self)
{
  g_return_val_if_fail (KDX_IS_INSIGHTS_TRACKER (self), NULL);
  return self->filter;
}

void
kdx_insights_tracker_set_active (KdxInsightsTracker *self,
                                 gboolean            active)
{
  g_return_if_fail (KDX_IS_INSIGHTS_TRACKER (self));

  self->active = active;
  if (active && self->stale)
    invalidate (self);
}

KdxInsights *
kdx_insights_tracker_get_insights (KdxInsightsTracker *self)
{
  g_return_val_if_fail (KDX_IS_INSIGHTS_TRACKER (self), NULL);
  return self->insights;
}

const char *
kdx_insights_tracker_get_error (KdxInsightsTracker *self)
{
  g_return_val_if_fail (KDX_IS_INSIGHTS_TRACKER (self), NULL);
  return self->error;
}

gboolean
kdx_insights_tracker_get_busy (KdxInsightsTracker *self)
{
  g_return_val_if_fail (KDX_IS_INSIGHTS_TRACKER (self), FALSE);
  return self->computing != NULL;
}
