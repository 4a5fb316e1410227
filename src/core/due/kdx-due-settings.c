/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-due"

#include "config.h"

#include "kdx-due-settings.h"

G_DEFINE_BOXED_TYPE (KdxDueSettings, kdx_due_settings,
                     kdx_due_settings_copy, kdx_due_settings_free)

void
kdx_due_settings_init_defaults (KdxDueSettings *self)
{
  g_return_if_fail (self != NULL);

  memset (self, 0, sizeof *self);
  /* Head KOLs matter most and drift fastest; unrated ones are mostly
   * candidates nobody has judged yet, so they get no cadence. */
  self->interval_days[KDX_TIER_HEAD] = 14;
  self->interval_days[KDX_TIER_WAIST] = 30;
  self->interval_days[KDX_TIER_TAIL] = 60;
  self->interval_days[KDX_TIER_UNRATED] = 0;
  self->growing_quiet_days = 30;
  self->days_ahead = 14;
  self->festival_lead_days = 7;
  for (guint i = 0; i < KDX_N_FESTIVALS; i++)
    self->festivals[i] = TRUE;
  self->festival_tiers[KDX_TIER_HEAD] = TRUE;
  self->festival_tiers[KDX_TIER_WAIST] = TRUE;
  self->festival_tiers[KDX_TIER_TAIL] = TRUE;
}

KdxDueSettings *
kdx_due_settings_new (void)
{
  KdxDueSettings *self = g_new0 (KdxDueSettings, 1);

  kdx_due_settings_init_defaults (self);
  return self;
}

KdxDueSettings *
kdx_due_settings_copy (const KdxDueSettings *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_memdup2 (self, sizeof *self);
}

void
kdx_due_settings_free (KdxDueSettings *self)
{
  g_free (self);
}

guint
kdx_due_settings_get_interval (const KdxDueSettings *self,
                               KdxTier               tier,
                               gint64                contact_every_days)
{
  g_return_val_if_fail (self != NULL, 0);

  if (contact_every_days > 0)
    return (guint) MIN (contact_every_days, G_MAXUINT);
  if ((guint) tier >= KDX_N_TIERS)
    return 0;
  return self->interval_days[tier];
}
