/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kdx-record.h"

G_BEGIN_DECLS

/* One dated entry of a KOL's timeline (FIELDS.md, `events`). */

#define KDX_TYPE_EVENT (kdx_event_get_type ())
G_DECLARE_FINAL_TYPE (KdxEvent, kdx_event, KDX, EVENT, KdxRecord)

KdxEvent *kdx_event_new (void);
const char *kdx_event_get_made_by (KdxEvent *self);

G_END_DECLS
