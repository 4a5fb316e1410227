/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-team-switch"

#include "config.h"

#include "kdx-team-switch.h"

/* Each step is one GTask in a worker thread on its own connections: the
 * probe and the open make their own, the copy reads the local database
 * through a sibling of the window's store (opened here, in the caller's
 * thread, as kdx_store_open_sibling() wants). */

static void
probe_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  gboolean empty = FALSE;

  if (!kdx_store_probe_empty (task_data, &empty, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, empty);
}

void
kdx_team_probe_async (const char          *location,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, kdx_team_probe_async);
  g_task_set_task_data (task, g_strdup (location), g_free);
  g_task_run_in_thread (task, probe_thread);
}

gboolean
kdx_team_probe_finish (GAsyncResult  *result,
                       gboolean      *empty,
                       GError       **error)
{
  gssize answer = g_task_propagate_int (G_TASK (result), error);

  if (answer < 0)
    return FALSE;
  *empty = answer != 0;
  return TRUE;
}

typedef struct
{
  KdxStore *sibling;
  char     *location;
} CopyData;

static void
copy_data_free (gpointer data)
{
  CopyData *copy = data;

  g_clear_object (&copy->sibling);
  g_free (copy->location);
  g_free (copy);
}

static void
copy_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CopyData *copy = task_data;
  GError *error = NULL;

  if (!kdx_store_copy_to (copy->sibling, copy->location, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
kdx_team_copy_async (KdxStore            *source,
                     const char          *location,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  GError *error = NULL;
  CopyData *copy;

  g_task_set_source_tag (task, kdx_team_copy_async);
  copy = g_new0 (CopyData, 1);
  copy->location = g_strdup (location);
  g_task_set_task_data (task, copy, copy_data_free);
  if ((copy->sibling = kdx_store_open_sibling (source, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, copy_thread);
}

gboolean
kdx_team_copy_finish (GAsyncResult  *result,
                      GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  KdxStore *store = kdx_store_open (task_data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/* The store's live updates and its reconnecting belong to the thread
 * that opened it: the worker has no context of its own pushed, so it is
 * the main context, where the store is then used. */
void
kdx_team_open_async (const char          *location,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, kdx_team_open_async);
  g_task_set_task_data (task, g_strdup (location), g_free);
  g_task_run_in_thread (task, open_thread);
}

KdxStore *
kdx_team_open_finish (GAsyncResult  *result,
                      GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
