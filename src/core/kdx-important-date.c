/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-important-date"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-important-date.h"

struct _KdxImportantDate
{
  KdxRecord  parent_instance;

  char      *label;
  char      *date;
  gboolean   yearly;
  int        calendar;
};

G_DEFINE_FINAL_TYPE (KdxImportantDate, kdx_important_date, KDX_TYPE_RECORD)

static const KdxField important_date_fields[] = {
  { "label", KDX_FIELD_TEXT, KDX_FIELD_FLAG_REQUIRED, KDX_FIELD_CHECK_NONE, NULL,
    G_STRUCT_OFFSET (KdxImportantDate, label), N_("Label") },
  { "date", KDX_FIELD_DATE, KDX_FIELD_FLAG_REQUIRED, KDX_FIELD_CHECK_NONE, NULL,
    G_STRUCT_OFFSET (KdxImportantDate, date), N_("Date") },
  { "yearly", KDX_FIELD_BOOL, 0, KDX_FIELD_CHECK_NONE, NULL,
    G_STRUCT_OFFSET (KdxImportantDate, yearly), N_("Every year") },
  /* With "chinese", date is one occurrence and the lunar month and day recur. */
  { "calendar", KDX_FIELD_ENUM, 0, KDX_FIELD_CHECK_NONE, kdx_calendar_get_type,
    G_STRUCT_OFFSET (KdxImportantDate, calendar), N_("Calendar") },
};

static void
kdx_important_date_class_init (KdxImportantDateClass *klass)
{
  kdx_record_class_install_fields (KDX_RECORD_CLASS (klass),
                                   important_date_fields,
                                   G_N_ELEMENTS (important_date_fields));
}

static void
kdx_important_date_init (KdxImportantDate *self)
{
  self->yearly = TRUE; /* birthdays and anniversaries come back */
}

KdxImportantDate *
kdx_important_date_new (void)
{
  return g_object_new (KDX_TYPE_IMPORTANT_DATE, NULL);
}
