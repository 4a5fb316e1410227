/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-stage.h"

G_BEGIN_DECLS

/* Asks why KOLs are moving to Departed (a churn reason, which must be
 * chosen, and a note) or Declined (a note), then emits "move" with the
 * answer. Cancel or closing moves nothing. */

#define KDX_TYPE_MOVE_DIALOG (kdx_move_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KdxMoveDialog, kdx_move_dialog, KDX, MOVE_DIALOG, AdwMessageDialog)

KdxMoveDialog *kdx_move_dialog_new        (GtkWindow     *parent,
                                           KdxStage       stage,
                                           guint          n_kols,
                                           const char    *name);
KdxStage       kdx_move_dialog_get_stage  (KdxMoveDialog *self);
const char    *kdx_move_dialog_get_reason (KdxMoveDialog *self);

G_END_DECLS
