/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kdx-kol-list.h"

G_BEGIN_DECLS

/* The ids of the selected rows of a selection model over @list. */
GArray *kdx_selection_get_ids (GtkSelectionModel *selection,
                               KdxKolList        *list);

G_END_DECLS
