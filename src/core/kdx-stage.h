/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The lifecycle, in board order. Declined sits last: it is the side exit
 * for candidates who said no, not a step after Departed. */
typedef enum
{
  KDX_STAGE_CANDIDATE,
  KDX_STAGE_CONTACTING,
  KDX_STAGE_NEGOTIATING,
  KDX_STAGE_ONBOARDING,
  KDX_STAGE_GROWING,
  KDX_STAGE_MATURE,
  KDX_STAGE_DECLINING,
  KDX_STAGE_DEPARTED,
  KDX_STAGE_DECLINED,
} KdxStage;

#define KDX_N_STAGES (KDX_STAGE_DECLINED + 1)

const char *kdx_stage_to_string   (KdxStage    stage);
gboolean    kdx_stage_from_string (const char *text,
                                   KdxStage   *stage);
const char *kdx_stage_get_label   (KdxStage    stage);

G_END_DECLS
