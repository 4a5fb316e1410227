/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-record.h"

G_BEGIN_DECLS

/* Rows to enter an important date by the Chinese lunar calendar: a lunar
 * month (正月 … 腊月), a day (初一 … 三十) and a year. Shown while the
 * record's calendar is `chinese`; the record keeps the Gregorian day of
 * that occurrence in `date` (FIELDS.md), and the group says when it next
 * comes. It follows a date typed in the Gregorian row, and emits
 * "date-set" after it wrote `date` itself, so that row can show it. */

#define KDX_TYPE_LUNAR_DATE_EDITOR (kdx_lunar_date_editor_get_type ())
G_DECLARE_FINAL_TYPE (KdxLunarDateEditor, kdx_lunar_date_editor, KDX, LUNAR_DATE_EDITOR, AdwPreferencesGroup)

GtkWidget *kdx_lunar_date_editor_new (KdxRecord   *record,
                                      const GDate *today);

G_END_DECLS
