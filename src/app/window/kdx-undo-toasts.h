/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The one place every Undo goes through: a toast whose button is the
 * window action "win.undo" (so it works wherever the toast is shown),
 * targeted at the offer it belongs to. The window owns one. */

#define KDX_TYPE_UNDO_TOASTS (kdx_undo_toasts_get_type ())
G_DECLARE_FINAL_TYPE (KdxUndoToasts, kdx_undo_toasts, KDX, UNDO_TOASTS, GObject)

/* Puts back what an action changed; @error is shown in a toast. */
typedef gboolean (*KdxUndoFunc) (gpointer   user_data,
                                 GError   **error);

KdxUndoToasts *kdx_undo_toasts_new   (AdwToastOverlay *overlay);
void           kdx_undo_toasts_offer (KdxUndoToasts   *self,
                                      const char      *title,
                                      guint            timeout,
                                      KdxUndoFunc      undo,
                                      gpointer         user_data,
                                      GDestroyNotify   destroy);
gboolean       kdx_undo_toasts_undo  (KdxUndoToasts   *self,
                                      guint64          offer_id);

G_END_DECLS
