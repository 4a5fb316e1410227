/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-selection-ids"

#include "config.h"

#include "kdx-selection-ids.h"

GArray *
kdx_selection_get_ids (GtkSelectionModel *selection,
                       KdxKolList        *list)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = kdx_kol_list_get_id (list, position);
      g_array_append_val (ids, id);
    }
  return ids;
}
