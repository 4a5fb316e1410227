/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-store.h"

G_BEGIN_DECLS

/* Log Contact: what kind of contact, through which channel, what came of
 * it, a note, and when to follow up, for one KOL or many at once. The
 * last kind, channel and follow-up choice are remembered, so the common
 * case is three clicks and Enter. Logging writes through
 * kdx_contact_log_apply(); in a KdxWindow, a toast offers Undo. */

#define KDX_TYPE_LOG_CONTACT_DIALOG (kdx_log_contact_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KdxLogContactDialog, kdx_log_contact_dialog, KDX, LOG_CONTACT_DIALOG, AdwWindow)

/**
 * kdx_log_contact_dialog_present:
 * @parent: the window to log from; when it is a KdxWindow, its file
 *   editor's pending edits are saved first and its toast offers Undo
 * @store: where the KOLs are
 * @ids: (element-type gint64): the KOLs the contact was with (one or
 *   more; the dialog keeps its own copy)
 *
 * Opens the dialog for @ids: what the Today view, the list, the board
 * card and the KOL file call. The window action "win.log-contact-for"
 * (parameter "ax", the ids) does the same from a menu model; the action
 * "win.log-contact" (Ctrl+L) takes the focused card or the list's
 * selection.
 */
KdxLogContactDialog *kdx_log_contact_dialog_present (GtkWindow *parent,
                                                     KdxStore  *store,
                                                     GArray    *ids);

G_END_DECLS
