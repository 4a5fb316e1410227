/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-pending-edits"

#include "config.h"

#include "kdx-error.h"
#include "kdx-pending-edits.h"

/* How often edits waiting for an import try again. */
#define RETRY_MS 1000

typedef struct
{
  KdxKol     *edited;  /* the editor's copy, holding the user's values */
  KdxKol     *before;  /* the file as the user found it, to tell what they changed in lists */
  GHashTable *names;   /* property and list names the user changed */
} Edit;

struct _KdxPendingEdits
{
  GObject     parent_instance;

  KdxStore   *store;
  GPtrArray  *edits;   /* of Edit, oldest first */
  guint       retry_source;
  gboolean    app_held;
};

G_DEFINE_FINAL_TYPE (KdxPendingEdits, kdx_pending_edits, G_TYPE_OBJECT)

enum { SIGNAL_SAVED, SIGNAL_ERROR, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
edit_free (gpointer data)
{
  Edit *edit = data;

  g_object_unref (edit->edited);
  g_object_unref (edit->before);
  g_hash_table_unref (edit->names);
  g_free (edit);
}

static Edit *
find_edit (KdxPendingEdits *self,
           gint64           id)
{
  for (guint i = 0; i < self->edits->len; i++)
    {
      Edit *edit = g_ptr_array_index (self->edits, i);
      if (kdx_kol_get_id (edit->edited) == id)
        return edit;
    }
  return NULL;
}

/* The stored file with the user's changes on top. */
static gboolean
save_edit (KdxPendingEdits  *self,
           Edit             *edit,
           GError          **error)
{
  g_autoptr(KdxKol) fresh = kdx_store_load_kol (self->store, kdx_kol_get_id (edit->edited), error);
  GHashTableIter iter;
  const char *name;

  if (fresh == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, edit->names);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    {
      GListStore *list = kdx_kol_get_list (fresh, name);

      if (list != NULL)
        kdx_kol_apply_list_edit (list, kdx_kol_get_list (edit->before, name),
                                 kdx_kol_get_list (edit->edited, name));
      else
        {
          g_auto(GValue) value = G_VALUE_INIT;

          g_object_get_property (G_OBJECT (edit->edited), name, &value);
          g_object_set_property (G_OBJECT (fresh), name, &value);
        }
    }
  return kdx_store_save_kol (self->store, fresh, error);
}

static void
hold_app (KdxPendingEdits *self,
          gboolean         hold)
{
  GApplication *app = g_application_get_default ();

  /* Closing the last window must not lose edits still to be saved. */
  if (app == NULL || self->app_held == hold)
    return;
  if (hold)
    g_application_hold (app);
  else
    g_application_release (app);
  self->app_held = hold;
}

/* Returns: whether every edit is done with (saved, or failed and said) */
static gboolean
save_all (KdxPendingEdits *self)
{
  while (self->edits->len > 0)
    {
      g_autoptr(GError) error = NULL;
      Edit *edit = g_ptr_array_index (self->edits, 0);
      gint64 id = kdx_kol_get_id (edit->edited);

      /* Kept and tried again: while an import holds the database, and
       * while a team database's connection is being made again. */
      if (!save_edit (self, edit, &error)
          && (g_error_matches (error, KDX_ERROR, KDX_ERROR_BUSY)
              || g_error_matches (error, KDX_ERROR, KDX_ERROR_CONNECTION_LOST)))
        return FALSE;
      g_ptr_array_remove_index (self->edits, 0);
      if (error != NULL)
        g_signal_emit (self, signals[SIGNAL_ERROR], 0, error->message);
      else
        g_signal_emit (self, signals[SIGNAL_SAVED], 0, id);
    }

  hold_app (self, FALSE);
  return TRUE;
}

static gboolean
retry_cb (gpointer user_data)
{
  KdxPendingEdits *self = user_data;

  if (!save_all (self))
    return G_SOURCE_CONTINUE;
  self->retry_source = 0;
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (KdxPendingEdits *self)
{
  /* The source holds a reference: the edits outlive the editor. */
  if (self->retry_source == 0)
    self->retry_source = g_timeout_add_full (G_PRIORITY_DEFAULT, RETRY_MS, retry_cb,
                                             g_object_ref (self), g_object_unref);
}

/**
 * kdx_pending_edits_add:
 * @before: the file as the user found it
 * @names: (element-type utf8): property names ("display-name") and list
 *   names ("channels") the user changed in @edited
 *
 * Keeps the edit to save once the import has finished; a later edit of
 * the same KOL joins it.
 */
void
kdx_pending_edits_add (KdxPendingEdits *self,
                       KdxKol          *edited,
                       KdxKol          *before,
                       GHashTable      *names)
{
  Edit *edit;
  GHashTableIter iter;
  const char *name;

  g_return_if_fail (KDX_IS_PENDING_EDITS (self));
  g_return_if_fail (KDX_IS_KOL (edited));

  if ((edit = find_edit (self, kdx_kol_get_id (edited))) == NULL)
    {
      edit = g_new0 (Edit, 1);
      edit->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      edit->before = kdx_kol_dup (before);
      g_ptr_array_add (self->edits, edit);
    }
  g_set_object (&edit->edited, edited);
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    g_hash_table_add (edit->names, g_strdup (name));

  hold_app (self, TRUE);
  schedule_retry (self);
}

/* Returns: (nullable) (transfer none): the copy holding the waiting
 * edit of KOL @id, to show instead of what the store has */
KdxKol *
kdx_pending_edits_lookup (KdxPendingEdits *self,
                          gint64           id)
{
  Edit *edit;

  g_return_val_if_fail (KDX_IS_PENDING_EDITS (self), NULL);
  edit = find_edit (self, id);
  return edit != NULL ? edit->edited : NULL;
}

/**
 * kdx_pending_edits_save_now:
 *
 * Saves the waiting edits at once, before the caller goes on (a delete
 * right after must find them saved); what the store still refuses keeps
 * waiting.
 */
void
kdx_pending_edits_save_now (KdxPendingEdits *self)
{
  g_return_if_fail (KDX_IS_PENDING_EDITS (self));

  if (self->edits->len == 0)
    return;
  if (!save_all (self))
    schedule_retry (self);
  else
    g_clear_handle_id (&self->retry_source, g_source_remove);
}

static void
kdx_pending_edits_finalize (GObject *object)
{
  KdxPendingEdits *self = KDX_PENDING_EDITS (object);

  hold_app (self, FALSE);
  g_ptr_array_unref (self->edits);
  g_object_unref (self->store);

  G_OBJECT_CLASS (kdx_pending_edits_parent_class)->finalize (object);
}

static void
kdx_pending_edits_class_init (KdxPendingEditsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kdx_pending_edits_finalize;

  /* KdxPendingEdits::saved: a waiting edit of KOL @id was saved */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* KdxPendingEdits::error: a waiting edit could not be saved, and why */
  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
kdx_pending_edits_init (KdxPendingEdits *self)
{
  self->edits = g_ptr_array_new_with_free_func (edit_free);
}

KdxPendingEdits *
kdx_pending_edits_new (KdxStore *store)
{
  KdxPendingEdits *self;

  g_return_val_if_fail (KDX_IS_STORE (store), NULL);

  self = g_object_new (KDX_TYPE_PENDING_EDITS, NULL);
  self->store = g_object_ref (store);
  return self;
}
