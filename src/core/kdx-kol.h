/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kdx-enums.h"
#include "kdx-record.h"
#include "kdx-stage.h"

G_BEGIN_DECLS

/* A KOL file: every field of shared/FIELDS.md as a property, and its
 * lists (channels, timeline events, important dates, stage history) as
 * GListStores of records. */

#define KDX_TYPE_KOL (kdx_kol_get_type ())
G_DECLARE_FINAL_TYPE (KdxKol, kdx_kol, KDX, KOL, KdxRecord)

KdxKol     *kdx_kol_new                (void);
KdxKol     *kdx_kol_dup                (KdxKol     *self);
void        kdx_kol_assign             (KdxKol     *self,
                                        KdxKol     *source);
gboolean    kdx_kol_equal              (KdxKol     *self,
                                        KdxKol     *other);

gint64      kdx_kol_get_id             (KdxKol     *self);
const char *kdx_kol_get_uid            (KdxKol     *self);
const char *kdx_kol_get_display_name   (KdxKol     *self);
void        kdx_kol_set_display_name   (KdxKol     *self,
                                        const char *display_name);
const char *kdx_kol_get_real_name      (KdxKol     *self);
const char *kdx_kol_get_platform       (KdxKol     *self);
const char *kdx_kol_get_handle         (KdxKol     *self);
gint64      kdx_kol_get_followers      (KdxKol     *self);
void        kdx_kol_set_followers      (KdxKol     *self,
                                        gint64      followers);
const char *const *kdx_kol_get_tags    (KdxKol     *self);
KdxStage    kdx_kol_get_stage          (KdxKol     *self);
void        kdx_kol_set_stage          (KdxKol     *self,
                                        KdxStage    stage);
const char *kdx_kol_get_owner          (KdxKol     *self);
const char *kdx_kol_get_notes          (KdxKol     *self);
const char *kdx_kol_get_next_follow_up (KdxKol     *self);
gint64      kdx_kol_get_contact_every_days (KdxKol *self);
const char *kdx_kol_get_reapproach_on  (KdxKol     *self);
KdxTier     kdx_kol_get_tier           (KdxKol     *self);
GBytes     *kdx_kol_get_avatar         (KdxKol     *self);
char       *kdx_kol_get_last_contact   (KdxKol     *self);
char       *kdx_kol_get_initials       (KdxKol     *self);
const char *kdx_kol_get_stage_since    (KdxKol     *self);
int         kdx_kol_get_days_in_stage  (KdxKol     *self,
                                        GDateTime  *now);
const char *kdx_kol_get_created_at     (KdxKol     *self);
const char *kdx_kol_get_updated_at     (KdxKol     *self);

guint       kdx_kol_get_n_channels      (KdxKol    *self);
gboolean    kdx_kol_is_row              (KdxKol    *self);
void        kdx_kol_set_row_summary     (KdxKol    *self,
                                         gboolean   is_row,
                                         const char *last_contact,
                                         const char *stage_since,
                                         guint      n_channels);
GListStore *kdx_kol_get_channels        (KdxKol    *self);
GListStore *kdx_kol_get_events          (KdxKol    *self);
GListStore *kdx_kol_get_important_dates (KdxKol    *self);
GListStore *kdx_kol_get_stage_history   (KdxKol    *self);

/* The four lists by their FIELDS.md names, for generic code (JSON, CLI). */
typedef struct
{
  const char *name;
  GType     (*item_type) (void);
  gboolean    read_only; /* stage_history is written by stage moves only */
} KdxKolListInfo;

const KdxKolListInfo *kdx_kol_list_infos (guint      *n_lists);
GListStore           *kdx_kol_get_list   (KdxKol     *self,
                                          const char *name);

void        kdx_kol_merge               (KdxKol        *self,
                                         KdxKol        *other);
void        kdx_kol_copy_list           (GListStore    *to,
                                         GListStore    *from);
gboolean    kdx_kol_lists_equal         (GListStore    *a,
                                         GListStore    *b);
void        kdx_kol_apply_list_edit     (GListStore    *stored,
                                         GListStore    *before,
                                         GListStore    *after);
void        kdx_kol_write_json          (KdxKol        *self,
                                         KdxJsonWriter *writer);

G_END_DECLS
