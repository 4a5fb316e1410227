/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-undo-toasts"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-undo-toasts.h"

/* An offer lives as long as its toast is offered: the toast's "dismissed"
 * (its timeout, its button, or a newer offer) ends it. One Undo is offered
 * at a time, the newest: an older one brought back after it would put a
 * file back over a later change. Every handler on a toast is this
 * object's and goes with it, so nothing runs on a freed view or window. */

typedef struct
{
  KdxUndoToasts  *owner;
  guint64         id;
  AdwToast       *toast;
  gulong          dismissed_handler;
  KdxUndoFunc     undo;
  gpointer        user_data;
  GDestroyNotify  destroy;
} Offer;

struct _KdxUndoToasts
{
  GObject          parent_instance;

  AdwToastOverlay *overlay;
  GHashTable      *offers;   /* id -> Offer */
  guint64          last_id;
};

G_DEFINE_FINAL_TYPE (KdxUndoToasts, kdx_undo_toasts, G_TYPE_OBJECT)

static void
offer_free (Offer *offer)
{
  g_clear_signal_handler (&offer->dismissed_handler, offer->toast);
  g_clear_object (&offer->toast);
  if (offer->destroy != NULL)
    offer->destroy (offer->user_data);
  g_free (offer);
}

static void
toast_dismissed_cb (AdwToast *toast,
                    Offer    *offer)
{
  g_hash_table_remove (offer->owner->offers, &offer->id);
}

static void
show_error (KdxUndoToasts *self,
            const char    *message)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (self->overlay == NULL)
    return;
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->overlay, toast);
}

static void
kdx_undo_toasts_dispose (GObject *object)
{
  KdxUndoToasts *self = KDX_UNDO_TOASTS (object);

  if (self->offers != NULL)
    g_hash_table_remove_all (self->offers);
  g_clear_object (&self->overlay);

  G_OBJECT_CLASS (kdx_undo_toasts_parent_class)->dispose (object);
}

static void
kdx_undo_toasts_finalize (GObject *object)
{
  KdxUndoToasts *self = KDX_UNDO_TOASTS (object);

  g_clear_pointer (&self->offers, g_hash_table_unref);

  G_OBJECT_CLASS (kdx_undo_toasts_parent_class)->finalize (object);
}

static void
kdx_undo_toasts_class_init (KdxUndoToastsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdx_undo_toasts_dispose;
  object_class->finalize = kdx_undo_toasts_finalize;
}

static void
kdx_undo_toasts_init (KdxUndoToasts *self)
{
  self->offers = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) offer_free);
}

KdxUndoToasts *
kdx_undo_toasts_new (AdwToastOverlay *overlay)
{
  KdxUndoToasts *self;

  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), NULL);

  self = g_object_new (KDX_TYPE_UNDO_TOASTS, NULL);
  self->overlay = g_object_ref (overlay);
  return self;
}

/**
 * kdx_undo_toasts_offer:
 * @title: what was done, as plain text
 * @timeout: seconds the toast stays; 0 until dismissed
 * @undo: puts it back; called at most once
 * @destroy: frees @user_data when the offer ends, undone or not
 */
void
kdx_undo_toasts_offer (KdxUndoToasts  *self,
                       const char     *title,
                       guint           timeout,
                       KdxUndoFunc     undo,
                       gpointer        user_data,
                       GDestroyNotify  destroy)
{
  g_autofree char *escaped = NULL;
  g_autoptr(GList) older = NULL;
  Offer *offer;

  g_return_if_fail (KDX_IS_UNDO_TOASTS (self));
  g_return_if_fail (undo != NULL);

  /* The older offers end first (dismissing one removes it). */
  older = g_hash_table_get_values (self->offers);
  for (GList *l = older; l != NULL; l = l->next)
    adw_toast_dismiss (((Offer *) l->data)->toast);
  g_hash_table_remove_all (self->offers);

  offer = g_new0 (Offer, 1);
  offer->owner = self;
  offer->id = ++self->last_id;
  offer->undo = undo;
  offer->user_data = user_data;
  offer->destroy = destroy;

  /* Toast titles are markup. */
  escaped = g_markup_escape_text (title, -1);
  offer->toast = adw_toast_new (escaped);
  adw_toast_set_button_label (offer->toast, _("_Undo"));
  adw_toast_set_action_name (offer->toast, "win.undo");
  adw_toast_set_action_target_value (offer->toast, g_variant_new_uint64 (offer->id));
  adw_toast_set_timeout (offer->toast, timeout);
  adw_toast_set_priority (offer->toast, ADW_TOAST_PRIORITY_HIGH);
  offer->dismissed_handler = g_signal_connect (offer->toast, "dismissed", G_CALLBACK (toast_dismissed_cb), offer);
  g_hash_table_insert (self->offers, &offer->id, offer);

  adw_toast_overlay_add_toast (self->overlay, g_object_ref (offer->toast));
}

/**
 * kdx_undo_toasts_undo:
 * @offer_id: the target of the toast's "win.undo"
 *
 * Returns: whether the offer was still there and its undo succeeded
 */
gboolean
kdx_undo_toasts_undo (KdxUndoToasts *self,
                      guint64        offer_id)
{
  g_autoptr(GError) error = NULL;
  Offer *offer;
  gboolean done;

  g_return_val_if_fail (KDX_IS_UNDO_TOASTS (self), FALSE);

  offer = g_hash_table_lookup (self->offers, &offer_id);
  if (offer == NULL)
    return FALSE;

  /* Taken out first: an undo runs once, even if it offers something new. */
  g_hash_table_steal (self->offers, &offer_id);
  done = offer->undo (offer->user_data, &error);
  if (!done && error != NULL)
    show_error (self, error->message);
  adw_toast_dismiss (offer->toast);
  offer_free (offer);
  return done;
}
