/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-job"

#include "config.h"

#include "kdx-job.h"

typedef struct
{
  KdxStore   *store;  /* the job's store: the worker opens a sibling of it */
  KdxJobFunc  func;
} JobRun;

static void
job_run_free (JobRun *run)
{
  g_clear_object (&run->store);
  g_free (run);
}

/* The reference taken in the worker ends with the idle source. */
static void
unref_owner (gpointer user_data)
{
  KdxJobProgress *self = user_data;

  g_object_unref (self->owner);
}

/* In the main context. */
static gboolean
notify_progress_cb (gpointer user_data)
{
  KdxJobProgress *self = user_data;
  GObject *owner = self->owner;

  g_mutex_lock (&self->lock);
  self->queued = FALSE;
  g_mutex_unlock (&self->lock);

  g_object_freeze_notify (owner);
  for (guint i = 0; self->pspecs[i] != NULL; i++)
    g_object_notify_by_pspec (owner, self->pspecs[i]);
  g_object_thaw_notify (owner);
  return G_SOURCE_REMOVE;
}

void
kdx_job_progress_init (KdxJobProgress  *self,
                       GObject         *owner,
                       GParamSpec     **pspecs)
{
  g_mutex_init (&self->lock);
  self->owner = owner;
  self->pspecs = pspecs;
  self->context = g_main_context_ref_thread_default ();
}

void
kdx_job_progress_clear (KdxJobProgress *self)
{
  g_mutex_clear (&self->lock);
  g_clear_pointer (&self->context, g_main_context_unref);
}

/* From the worker. The owner is kept alive by the running task, and
 * reffed again for the notify, which may run after the task ended. */
void
kdx_job_progress_set (KdxJobProgress *self,
                      guint           n_done,
                      double          fraction)
{
  gboolean queue;

  g_mutex_lock (&self->lock);
  self->n_done = n_done;
  self->fraction = CLAMP (fraction, 0.0, 1.0);
  queue = !self->queued;
  self->queued = TRUE;
  g_mutex_unlock (&self->lock);

  if (queue)
    {
      /* Never g_main_context_invoke(): from a worker whose thread-default
       * context is the caller's, it may run the notify right here. */
      g_autoptr(GSource) source = g_idle_source_new ();

      /* As the task's completion, so the last progress comes before it. */
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_object_ref (self->owner);
      g_source_set_callback (source, notify_progress_cb, self, unref_owner);
      g_source_attach (source, self->context);
    }
}

guint
kdx_job_progress_get_n_done (KdxJobProgress *self)
{
  guint n_done;

  g_mutex_lock (&self->lock);
  n_done = self->n_done;
  g_mutex_unlock (&self->lock);
  return n_done;
}

double
kdx_job_progress_get_fraction (KdxJobProgress *self)
{
  double fraction;

  g_mutex_lock (&self->lock);
  fraction = self->fraction;
  g_mutex_unlock (&self->lock);
  return fraction;
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  JobRun *run = task_data;
  g_autoptr(KdxStore) sibling = NULL;
  g_autoptr(GError) error = NULL;

  /* Its own connection: the worker never touches the caller's, and the
   * store hears of what it commits. */
  if (run->store != NULL && (sibling = kdx_store_open_sibling (run->store, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!run->func (G_OBJECT (source), sibling, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * kdx_job_run_async:
 * @store: (nullable): the store whose sibling @func works on
 *
 * Runs @func in a worker thread. The task holds @job until it has ended,
 * and @callback runs in the caller's main context after every "changed"
 * the sibling's commits caused there.
 */
void
kdx_job_run_async (GObject             *job,
                   KdxStore            *store,
                   KdxJobFunc           func,
                   gpointer             source_tag,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (job, cancellable, callback, user_data);
  JobRun *run = g_new0 (JobRun, 1);

  run->store = store != NULL ? g_object_ref (store) : NULL;
  run->func = func;
  g_task_set_source_tag (task, source_tag);
  /* The worker's own answer, even when a cancel came after it finished:
   * an import that committed must not be reported as cancelled. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, run, (GDestroyNotify) job_run_free);
  g_task_run_in_thread (task, run_thread);
}

gboolean
kdx_job_run_finish (GObject       *job,
                    GAsyncResult  *result,
                    gpointer       source_tag,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, job), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
