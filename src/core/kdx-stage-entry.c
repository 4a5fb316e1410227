/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-stage-entry"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdx-enum-types.h"
#include "kdx-stage-entry.h"
#include "kdx-value.h"

struct _KdxStageEntry
{
  KdxRecord  parent_instance;

  int        stage;
  char      *at;
  char      *note;
  char      *made_by;
};

G_DEFINE_FINAL_TYPE (KdxStageEntry, kdx_stage_entry, KDX_TYPE_RECORD)

static const KdxField stage_entry_fields[] = {
  { "stage", KDX_FIELD_ENUM, 0, KDX_FIELD_CHECK_NONE, kdx_stage_get_type,
    G_STRUCT_OFFSET (KdxStageEntry, stage), N_("Stage") },
  { "at", KDX_FIELD_DATETIME, KDX_FIELD_FLAG_REQUIRED, KDX_FIELD_CHECK_NONE, NULL,
    G_STRUCT_OFFSET (KdxStageEntry, at), N_("When") },
  { "note", KDX_FIELD_TEXT, 0, KDX_FIELD_CHECK_NONE, NULL,
    G_STRUCT_OFFSET (KdxStageEntry, note), N_("Note") },
  /* Who logged it (schema 11): the store stamps the operator's name on
   * what it dates as new (kdx_store_stamp_made_by()); empty before. */
  { "made_by", KDX_FIELD_TEXT, KDX_FIELD_FLAG_READ_ONLY, KDX_FIELD_CHECK_NONE, NULL,
    G_STRUCT_OFFSET (KdxStageEntry, made_by), N_("By") },
};

static void
kdx_stage_entry_class_init (KdxStageEntryClass *klass)
{
  kdx_record_class_install_fields (KDX_RECORD_CLASS (klass),
                                   stage_entry_fields,
                                   G_N_ELEMENTS (stage_entry_fields));
}

static void
kdx_stage_entry_init (KdxStageEntry *self)
{
  self->at = kdx_value_now ();
}

KdxStageEntry *
kdx_stage_entry_new (void)
{
  return g_object_new (KDX_TYPE_STAGE_ENTRY, NULL);
}

KdxStage
kdx_stage_entry_get_stage (KdxStageEntry *self)
{
  g_return_val_if_fail (KDX_IS_STAGE_ENTRY (self), KDX_STAGE_CANDIDATE);
  return self->stage;
}

const char *
kdx_stage_entry_get_at (KdxStageEntry *self)
{
  g_return_val_if_fail (KDX_IS_STAGE_ENTRY (self), NULL);
  return self->at;
}

const char *
kdx_stage_entry_get_note (KdxStageEntry *self)
{
  g_return_val_if_fail (KDX_IS_STAGE_ENTRY (self), NULL);
  return self->note;
}

/* Who made it, or NULL when it was made before Koldex recorded names. */
const char *
kdx_stage_entry_get_made_by (KdxStageEntry *self)
{
  g_return_val_if_fail (KDX_IS_STAGE_ENTRY (self), NULL);
  return self->made_by;
}
