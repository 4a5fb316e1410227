/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kdx-store.h"

G_BEGIN_DECLS

/* Edits a KdxEditSession could not save because an import held the
 * database. Each is kept as the fields and lists the user changed, and
 * applied to the file as the store holds it once the import has
 * finished, so neither the user's edit nor the import's change is lost.
 * They outlive the session (and the window) until they are saved. */

#define KDX_TYPE_PENDING_EDITS (kdx_pending_edits_get_type ())
G_DECLARE_FINAL_TYPE (KdxPendingEdits, kdx_pending_edits, KDX, PENDING_EDITS, GObject)

KdxPendingEdits *kdx_pending_edits_new       (KdxStore        *store);
void             kdx_pending_edits_add       (KdxPendingEdits *self,
                                              KdxKol          *edited,
                                              KdxKol          *before,
                                              GHashTable      *names);
KdxKol          *kdx_pending_edits_lookup    (KdxPendingEdits *self,
                                              gint64           id);
void             kdx_pending_edits_save_now  (KdxPendingEdits *self);

G_END_DECLS
