/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-job-registry"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-job-registry.h"

struct _KdxJobRegistry
{
  GObject    parent_instance;

  GPtrArray *running;  /* of GCancellable */
  GArray    *kinds;    /* of KdxJobKind, one per running job */
  GPtrArray *stopping; /* of GTask: kdx_job_registry_stop_all_async() calls waiting */
};

G_DEFINE_FINAL_TYPE (KdxJobRegistry, kdx_job_registry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kdx_job_registry_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KdxJobRegistry *self = KDX_JOB_REGISTRY (object);

  switch (prop_id)
    {
    case PROP_N_RUNNING:
      g_value_set_uint (value, self->running->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_job_registry_finalize (GObject *object)
{
  KdxJobRegistry *self = KDX_JOB_REGISTRY (object);

  g_ptr_array_unref (self->running);
  g_array_unref (self->kinds);
  g_ptr_array_unref (self->stopping);

  G_OBJECT_CLASS (kdx_job_registry_parent_class)->finalize (object);
}

static void
kdx_job_registry_class_init (KdxJobRegistryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = kdx_job_registry_get_property;
  object_class->finalize = kdx_job_registry_finalize;

  properties[PROP_N_RUNNING] =
    g_param_spec_uint ("n-running", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdx_job_registry_init (KdxJobRegistry *self)
{
  self->running = g_ptr_array_new_with_free_func (g_object_unref);
  self->kinds = g_array_new (FALSE, FALSE, sizeof (KdxJobKind));
  self->stopping = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * kdx_job_registry_get_default:
 *
 * Returns: (transfer none): the application's one registry. Jobs outlive
 *   the window that started them (a transfer, an assistant), so it is not
 *   a window's.
 */
KdxJobRegistry *
kdx_job_registry_get_default (void)
{
  static KdxJobRegistry *registry;

  if (registry == NULL)
    registry = g_object_new (KDX_TYPE_JOB_REGISTRY, NULL);
  return registry;
}

void
kdx_job_registry_add (KdxJobRegistry *self,
                      GCancellable   *cancellable)
{
  kdx_job_registry_add_kind (self, cancellable, KDX_JOB_KIND_OTHER);
}

/* A job that says what it does: an import, an export, a backup. */
void
kdx_job_registry_add_kind (KdxJobRegistry *self,
                           GCancellable   *cancellable,
                           KdxJobKind      kind)
{
  g_return_if_fail (KDX_IS_JOB_REGISTRY (self));
  g_return_if_fail (G_IS_CANCELLABLE (cancellable));

  g_ptr_array_add (self->running, g_object_ref (cancellable));
  g_array_append_val (self->kinds, kind);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RUNNING]);
}

/**
 * kdx_job_registry_describe:
 *
 * Returns: (transfer full) (nullable): what is running, as a dialog's
 *   heading names it ("An Import Is Running"), or %NULL when nothing is
 */
char *
kdx_job_registry_describe (KdxJobRegistry *self)
{
  KdxJobKind kind;

  g_return_val_if_fail (KDX_IS_JOB_REGISTRY (self), NULL);

  if (self->running->len == 0)
    return NULL;
  if (self->running->len > 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Job Is Running", "%u Jobs Are Running",
                                         self->running->len),
                            self->running->len);
  kind = g_array_index (self->kinds, KdxJobKind, 0);
  switch (kind)
    {
    case KDX_JOB_KIND_IMPORT:
      return g_strdup (_("An Import Is Running"));
    case KDX_JOB_KIND_EXPORT:
      return g_strdup (_("An Export Is Running"));
    case KDX_JOB_KIND_BACKUP:
      return g_strdup (_("A Backup Is Running"));
    case KDX_JOB_KIND_OTHER:
    default:
      return g_strdup (_("Work Is Running"));
    }
}

/* Once the job's end has been handled: the last one tells who waits. */
void
kdx_job_registry_remove (KdxJobRegistry *self,
                         GCancellable   *cancellable)
{
  g_autoptr(GPtrArray) told = NULL;

  g_return_if_fail (KDX_IS_JOB_REGISTRY (self));
  g_return_if_fail (g_ptr_array_find (self->running, cancellable, NULL));

  {
    guint index = 0;

    g_ptr_array_find (self->running, cancellable, &index);
    g_ptr_array_remove_index (self->running, index);
    g_array_remove_index (self->kinds, index);
  }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RUNNING]);
  if (self->running->len > 0)
    return;
  told = g_steal_pointer (&self->stopping);
  self->stopping = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < told->len; i++)
    g_task_return_boolean (g_ptr_array_index (told, i), TRUE);
}

guint
kdx_job_registry_get_n_running (KdxJobRegistry *self)
{
  g_return_val_if_fail (KDX_IS_JOB_REGISTRY (self), 0);
  return self->running->len;
}

/**
 * kdx_job_registry_stop_all_async:
 *
 * Cancels every running job; @callback runs once none runs any more
 * (after the main loop turns, even if none was running).
 */
void
kdx_job_registry_stop_all_async (KdxJobRegistry      *self,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) running = NULL;

  g_return_if_fail (KDX_IS_JOB_REGISTRY (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, kdx_job_registry_stop_all_async);
  if (self->running->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_ptr_array_add (self->stopping, g_object_ref (task));
  /* A copy: a job may end, and leave the list, as it is cancelled. */
  running = g_ptr_array_copy (self->running, (GCopyFunc) g_object_ref, NULL);
  g_ptr_array_set_free_func (running, g_object_unref);
  for (guint i = 0; i < running->len; i++)
    g_cancellable_cancel (g_ptr_array_index (running, i));
}

gboolean
kdx_job_registry_stop_all_finish (KdxJobRegistry  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
