/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-store.h"

G_BEGIN_DECLS

/* The KOL file: every field, grouped as operators think of them, edited
 * in place and saved as soon as it is valid. */

#define KDX_TYPE_KOL_EDITOR (kdx_kol_editor_get_type ())
G_DECLARE_FINAL_TYPE (KdxKolEditor, kdx_kol_editor, KDX, KOL_EDITOR, AdwBin)

GtkWidget *kdx_kol_editor_new      (KdxStore     *store);
gboolean   kdx_kol_editor_show_kol (KdxKolEditor *self,
                                    gint64        id,
                                    GError      **error);
gint64     kdx_kol_editor_get_id   (KdxKolEditor *self);
KdxKol    *kdx_kol_editor_get_kol  (KdxKolEditor *self);
void       kdx_kol_editor_flush    (KdxKolEditor *self);
GtkWidget *kdx_kol_editor_get_row  (KdxKolEditor *self,
                                    const char   *field);
void       kdx_kol_editor_focus_name (KdxKolEditor *self);

G_END_DECLS
