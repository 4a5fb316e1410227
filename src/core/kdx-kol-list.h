/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kdx-kol-query.h"
#include "kdx-store.h"

G_BEGIN_DECLS

#define KDX_TYPE_KOL_LIST (kdx_kol_list_get_type ())
G_DECLARE_FINAL_TYPE (KdxKolList, kdx_kol_list, KDX, KOL_LIST, GObject)

KdxKolList        *kdx_kol_list_new          (KdxStore          *store);
KdxKolList        *kdx_kol_list_new_first_screen (KdxStore      *store,
                                                  guint          first_n);
KdxKolList        *kdx_kol_list_new_first_rows (KdxStore       *store,
                                                guint           first_n);
KdxStore          *kdx_kol_list_get_store    (KdxKolList        *self);
const KdxKolQuery *kdx_kol_list_get_query    (KdxKolList        *self);
void               kdx_kol_list_set_query    (KdxKolList        *self,
                                              const KdxKolQuery *query);
gint64             kdx_kol_list_get_id       (KdxKolList        *self,
                                              guint              position);
gboolean           kdx_kol_list_find         (KdxKolList        *self,
                                              gint64             id,
                                              guint             *position);
guint              kdx_kol_list_get_n_loaded (KdxKolList        *self);
void               kdx_kol_list_set_read_rows (KdxKolList       *self,
                                               gboolean          read_rows);
void               kdx_kol_list_search       (KdxKolList        *self,
                                              const KdxKolQuery *query,
                                              guint              first_n);
gboolean           kdx_kol_list_is_complete  (KdxKolList        *self);
void               kdx_kol_list_fetch_rest   (KdxKolList        *self);

G_END_DECLS
