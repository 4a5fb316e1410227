/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-board-column.h"
#include "kdx-store.h"

G_BEGIN_DECLS

/* The lifecycle board: a column per stage; cards are moved by dragging,
 * by Alt+Left/Right or by "Move To", each move dated and undoable. */

#define KDX_TYPE_BOARD_VIEW (kdx_board_view_get_type ())
G_DECLARE_FINAL_TYPE (KdxBoardView, kdx_board_view, KDX, BOARD_VIEW, AdwBin)

GtkWidget      *kdx_board_view_new        (KdxStore          *store);
KdxBoardColumn *kdx_board_view_get_column (KdxBoardView      *self,
                                           KdxStage           stage);
void            kdx_board_view_set_filter (KdxBoardView      *self,
                                           const KdxKolQuery *filter);
void            kdx_board_view_drop       (KdxBoardView      *self,
                                           GArray            *ids,
                                           KdxStage           stage,
                                           gint64             before_id);

G_END_DECLS
