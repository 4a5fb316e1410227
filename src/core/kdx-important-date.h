/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kdx-record.h"

G_BEGIN_DECLS

/* A date to remember for a KOL (FIELDS.md, `important_dates`). */

#define KDX_TYPE_IMPORTANT_DATE (kdx_important_date_get_type ())
G_DECLARE_FINAL_TYPE (KdxImportantDate, kdx_important_date, KDX, IMPORTANT_DATE, KdxRecord)

KdxImportantDate *kdx_important_date_new (void);

G_END_DECLS
