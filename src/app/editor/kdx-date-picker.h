/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A calendar button for a date or date-time field: it opens a GtkCalendar
 * in a popover (and a time entry for a date-time) and says which value the
 * user picked. Values are the store's text (FIELDS.md): YYYY-MM-DD for a
 * date, ISO 8601 UTC for a date-time; people see them in their locale's
 * format and in local time, and may type them that way too. */

#define KDX_TYPE_DATE_PICKER (kdx_date_picker_get_type ())
G_DECLARE_FINAL_TYPE (KdxDatePicker, kdx_date_picker, KDX, DATE_PICKER, GtkWidget)

GtkWidget  *kdx_date_picker_new         (gboolean       with_time);
const char *kdx_date_picker_get_value   (KdxDatePicker *self);
void        kdx_date_picker_set_value   (KdxDatePicker *self,
                                         const char    *value);
GtkCalendar *kdx_date_picker_get_calendar (KdxDatePicker *self);
void        kdx_date_picker_popup       (KdxDatePicker *self);

char       *kdx_date_picker_format      (const char    *value,
                                         gboolean       with_time);
char       *kdx_date_picker_parse       (const char    *text,
                                         gboolean       with_time);

G_END_DECLS
