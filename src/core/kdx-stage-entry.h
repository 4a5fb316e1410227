/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kdx-record.h"
#include "kdx-stage.h"

G_BEGIN_DECLS

/* One move in the lifecycle (FIELDS.md, `stage_history`). */

#define KDX_TYPE_STAGE_ENTRY (kdx_stage_entry_get_type ())
G_DECLARE_FINAL_TYPE (KdxStageEntry, kdx_stage_entry, KDX, STAGE_ENTRY, KdxRecord)

KdxStageEntry *kdx_stage_entry_new       (void);
KdxStage       kdx_stage_entry_get_stage (KdxStageEntry *self);
const char    *kdx_stage_entry_get_at    (KdxStageEntry *self);
const char    *kdx_stage_entry_get_note  (KdxStageEntry *self);
const char *kdx_stage_entry_get_made_by (KdxStageEntry *self);

G_END_DECLS
