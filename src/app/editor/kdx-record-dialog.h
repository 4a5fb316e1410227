/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-record.h"

G_BEGIN_DECLS

/* A dialog to add or edit one item of a KOL file's lists (a channel, a
 * timeline event, an important date). It edits the record it is given;
 * "done" says the record is complete and valid. */

#define KDX_TYPE_RECORD_DIALOG (kdx_record_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KdxRecordDialog, kdx_record_dialog, KDX, RECORD_DIALOG, AdwWindow)

KdxRecordDialog *kdx_record_dialog_new        (GtkWindow       *parent,
                                               const char      *title,
                                               const char      *done_label,
                                               KdxRecord       *record);
KdxRecord       *kdx_record_dialog_get_record (KdxRecordDialog *self);
gboolean         kdx_record_dialog_finish     (KdxRecordDialog *self);

G_END_DECLS
