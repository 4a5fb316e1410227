/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-due-preferences"

#include "config.h"

#include "kdx-due-preferences.h"
#include "kdx-enum-types.h"

static const struct
{
  KdxTier     tier;
  const char *key;
} interval_keys[] = {
  { KDX_TIER_HEAD, "contact-every-head" },
  { KDX_TIER_WAIST, "contact-every-waist" },
  { KDX_TIER_TAIL, "contact-every-tail" },
  { KDX_TIER_UNRATED, "contact-every-unrated" },
};

const char *
kdx_due_preferences_interval_key (KdxTier tier)
{
  for (guint i = 0; i < G_N_ELEMENTS (interval_keys); i++)
    if (interval_keys[i].tier == tier)
      return interval_keys[i].key;
  g_return_val_if_reached (NULL);
}

KdxDueSettings *
kdx_due_settings_new_from_gsettings (GSettings *settings)
{
  KdxDueSettings *due = kdx_due_settings_new ();
  g_auto(GStrv) festivals = NULL;
  g_auto(GStrv) tiers = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), due);

  for (guint i = 0; i < G_N_ELEMENTS (interval_keys); i++)
    due->interval_days[interval_keys[i].tier] = g_settings_get_uint (settings, interval_keys[i].key);
  due->days_ahead = g_settings_get_uint (settings, "important-days-ahead");

  /* Lists of ids: an id Koldex no longer knows is passed over. */
  festivals = g_settings_get_strv (settings, "greeted-festivals");
  for (guint i = 0; i < KDX_N_FESTIVALS; i++)
    due->festivals[i] = FALSE;
  for (guint i = 0; festivals[i] != NULL; i++)
    {
      KdxFestival festival;

      if (kdx_festival_from_string (festivals[i], &festival))
        due->festivals[festival] = TRUE;
    }

  tiers = g_settings_get_strv (settings, "greeted-tiers");
  for (guint i = 0; i < KDX_N_TIERS; i++)
    due->festival_tiers[i] = FALSE;
  for (guint i = 0; tiers[i] != NULL; i++)
    {
      int tier;

      if (kdx_enum_from_string (KDX_TYPE_TIER, tiers[i], &tier))
        due->festival_tiers[tier] = TRUE;
    }

  return due;
}
