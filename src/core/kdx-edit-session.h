/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kdx-kol.h"
#include "kdx-store.h"

G_BEGIN_DECLS

/* One KOL file being edited, without the widgets: the copy the user
 * changes, the file as it was shown, and which fields and lists the user
 * changed since the last save. A change is saved a moment later; when the
 * store changed the file meanwhile (an import, a move on the board), only
 * the user's changes go, on top of the file as stored. An editor is a
 * view on it. */

#define KDX_TYPE_EDIT_SESSION (kdx_edit_session_get_type ())
G_DECLARE_FINAL_TYPE (KdxEditSession, kdx_edit_session, KDX, EDIT_SESSION, GObject)

KdxEditSession *kdx_edit_session_new          (KdxStore        *store);
gboolean        kdx_edit_session_open         (KdxEditSession  *self,
                                               gint64           id,
                                               GError         **error);
KdxKol         *kdx_edit_session_get_kol      (KdxEditSession  *self);
gint64          kdx_edit_session_get_id       (KdxEditSession  *self);
KdxKol         *kdx_edit_session_get_original (KdxEditSession  *self);
gboolean        kdx_edit_session_is_changed   (KdxEditSession  *self,
                                               const char      *name);
gboolean        kdx_edit_session_get_stale    (KdxEditSession  *self);
guint           kdx_edit_session_get_save_delay (KdxEditSession *self);
void            kdx_edit_session_set_save_delay (KdxEditSession *self,
                                                 guint           delay_ms);
void            kdx_edit_session_flush        (KdxEditSession  *self);
void            kdx_edit_session_hold         (KdxEditSession  *self,
                                               const char      *field,
                                               gboolean         held);
gboolean        kdx_edit_session_resolve      (KdxEditSession     *self,
                                               KdxKol             *theirs,
                                               gint64              version,
                                               const char * const *conflicts,
                                               const char * const *keep_theirs);

G_END_DECLS
