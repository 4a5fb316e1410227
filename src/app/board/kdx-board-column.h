/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-kol-list.h"
#include "kdx-store.h"

G_BEGIN_DECLS

/* One stage of the board: its header (stage, count, followers, sort,
 * fold) and its cards in a virtualised list over the store. */

#define KDX_TYPE_BOARD_COLUMN (kdx_board_column_get_type ())
G_DECLARE_FINAL_TYPE (KdxBoardColumn, kdx_board_column, KDX, BOARD_COLUMN, GtkWidget)

GtkWidget  *kdx_board_column_new              (KdxStore          *store,
                                               KdxStage           stage);
KdxStage    kdx_board_column_get_stage        (KdxBoardColumn    *self);
KdxKolList *kdx_board_column_get_list         (KdxBoardColumn    *self);
void        kdx_board_column_set_filter       (KdxBoardColumn    *self,
                                               const KdxKolQuery *filter);
void        kdx_board_column_set_sort         (KdxBoardColumn    *self,
                                               const char        *sort);
const char *kdx_board_column_get_sort         (KdxBoardColumn    *self);
void        kdx_board_column_set_folded       (KdxBoardColumn    *self,
                                               gboolean           folded);
gboolean    kdx_board_column_get_folded       (KdxBoardColumn    *self);
GArray     *kdx_board_column_get_selected_ids (KdxBoardColumn    *self);
GtkWidget  *kdx_board_column_get_card         (KdxBoardColumn    *self,
                                               gint64             id);
void        kdx_board_column_focus_kol        (KdxBoardColumn    *self,
                                               gint64             id);

G_END_DECLS
