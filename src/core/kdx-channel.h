/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kdx-record.h"

G_BEGIN_DECLS

/* One platform where a KOL is present (FIELDS.md, `channels`). */

#define KDX_TYPE_CHANNEL (kdx_channel_get_type ())
G_DECLARE_FINAL_TYPE (KdxChannel, kdx_channel, KDX, CHANNEL, KdxRecord)

KdxChannel *kdx_channel_new (void);

G_END_DECLS
