/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kdx-record.h"

G_BEGIN_DECLS

/* Private to the dossier: how kdx-dossier-sections.c reads a KOL file. */

char       *kdx_dossier_display_value       (KdxRecord  *record,
                                             const char *name);
const char *kdx_dossier_field_label         (KdxRecord  *record,
                                             const char *name);
char       *kdx_dossier_record_string       (gpointer    record,
                                             const char *name);
char       *kdx_dossier_format_date         (const char *iso);
char       *kdx_dossier_format_days         (gint64      days);
gint64      kdx_dossier_days_between        (const char *from_iso,
                                             GDateTime  *to);
GPtrArray  *kdx_dossier_sorted_newest_first (GListStore *store);

G_END_DECLS
