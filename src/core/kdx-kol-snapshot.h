/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kdx-kol.h"

G_BEGIN_DECLS

/* A KOL file frozen into bytes and back, every field and list included:
 * what an import keeps of a file before merging into it, so the import
 * can be undone. GVariant, so the format is GLib's, fixed and checked. */

GBytes *kdx_kol_snapshot_new  (KdxKol  *kol);
KdxKol *kdx_kol_snapshot_load (GBytes  *bytes,
                               GError **error);

G_END_DECLS
