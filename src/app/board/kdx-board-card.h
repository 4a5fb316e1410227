/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-due-tracker.h"
#include "kdx-kol.h"

G_BEGIN_DECLS

/* One KOL on the board: who, where, how big, how long in this stage, and
 * when to follow up. Shows a KdxKol and follows its changes. */

#define KDX_TYPE_BOARD_CARD (kdx_board_card_get_type ())
G_DECLARE_FINAL_TYPE (KdxBoardCard, kdx_board_card, KDX, BOARD_CARD, GtkWidget)

GtkWidget *kdx_board_card_new     (void);
void       kdx_board_card_set_kol (KdxBoardCard *self,
                                   KdxKol       *kol);
KdxKol    *kdx_board_card_get_kol (KdxBoardCard *self);
GArray    *kdx_board_card_get_ids (KdxBoardCard *self);
void       kdx_board_card_set_tracker (KdxBoardCard  *self,
                                       KdxDueTracker *tracker);

G_END_DECLS
