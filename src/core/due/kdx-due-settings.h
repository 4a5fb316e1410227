/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kdx-enums.h"
#include "kdx-festival.h"

G_BEGIN_DECLS

/* What makes a KOL due (issue 10, item 2): the operator's Preferences, as a
 * plain struct so the core, the CLI and the tests need no GSettings. The
 * app fills one from its settings; the CLI uses the defaults. */

#define KDX_TYPE_DUE_SETTINGS (kdx_due_settings_get_type ())

#define KDX_N_TIERS (KDX_TIER_TAIL + 1)

typedef struct
{
  /* Contact interval in days, indexed by KdxTier (KDX_TIER_UNRATED,
   * KDX_TIER_HEAD, ...); 0 = no cadence for that tier. A KOL's own
   * contact_every_days (when > 0) overrides its tier's. */
  guint    interval_days[KDX_N_TIERS];
  /* A growing KOL with no contact for this many days is "growing quiet";
   * 0 = never. */
  guint    growing_quiet_days;
  /* Important dates (and birthdays, cooperation anniversaries) that occur
   * from today to today + days_ahead, both included. */
  guint    days_ahead;
  /* Festivals appear from festival_lead_days before they fall. */
  guint    festival_lead_days;
  /* Which festivals are greeted, indexed by KdxFestival. */
  gboolean festivals[KDX_N_FESTIVALS];
  /* Which tiers are greeted on festivals, indexed by KdxTier. */
  gboolean festival_tiers[KDX_N_TIERS];
} KdxDueSettings;

GType           kdx_due_settings_get_type      (void) G_GNUC_CONST;
/* The defaults: head 14, waist 30, tail 60 days, unrated none; growing
 * quiet after 30 days; important dates 14 days ahead; every festival,
 * a week ahead, for head, waist and tail KOLs (not unrated ones). */
KdxDueSettings *kdx_due_settings_new           (void);
void            kdx_due_settings_init_defaults (KdxDueSettings       *self);
KdxDueSettings *kdx_due_settings_copy          (const KdxDueSettings *self);
void            kdx_due_settings_free          (KdxDueSettings       *self);

/* The interval that applies to a KOL: @contact_every_days when > 0, else
 * its tier's; 0 = none. */
guint           kdx_due_settings_get_interval  (const KdxDueSettings *self,
                                                KdxTier               tier,
                                                gint64                contact_every_days);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdxDueSettings, kdx_due_settings_free)

G_END_DECLS
