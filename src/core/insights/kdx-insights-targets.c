/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-insights"

#include "config.h"

#include "kdx-insights-targets.h"

typedef struct
{
  guint candidates;
  guint onboarded;
} Target;

struct _KdxInsightsTargets
{
  Target      fallback;     /* categories not listed */
  GHashTable *per_category; /* category -> Target */
};

G_DEFINE_BOXED_TYPE (KdxInsightsTargets, kdx_insights_targets,
                     kdx_insights_targets_copy, kdx_insights_targets_free)

KdxInsightsTargets *
kdx_insights_targets_new (void)
{
  KdxInsightsTargets *self = g_new0 (KdxInsightsTargets, 1);

  self->per_category = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

KdxInsightsTargets *
kdx_insights_targets_copy (const KdxInsightsTargets *self)
{
  KdxInsightsTargets *copy = kdx_insights_targets_new ();
  GHashTableIter iter;
  gpointer key, value;

  copy->fallback = self->fallback;
  g_hash_table_iter_init (&iter, self->per_category);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->per_category, g_strdup (key), g_memdup2 (value, sizeof (Target)));
  return copy;
}

void
kdx_insights_targets_free (KdxInsightsTargets *self)
{
  g_hash_table_unref (self->per_category);
  g_free (self);
}

void
kdx_insights_targets_set (KdxInsightsTargets *self,
                          const char         *category,
                          guint               candidates,
                          guint               onboarded)
{
  Target target = { candidates, onboarded };

  if (category == NULL)
    self->fallback = target;
  else
    g_hash_table_insert (self->per_category, g_strdup (category),
                         g_memdup2 (&target, sizeof target));
}

static const Target *
lookup (const KdxInsightsTargets *self,
        const char               *category)
{
  const Target *target = NULL;

  if (category != NULL && *category != '\0')
    target = g_hash_table_lookup (self->per_category, category);
  return target != NULL ? target : &self->fallback;
}

guint
kdx_insights_targets_get_candidates (const KdxInsightsTargets *self,
                                     const char               *category)
{
  return lookup (self, category)->candidates;
}

guint
kdx_insights_targets_get_onboarded (const KdxInsightsTargets *self,
                                    const char               *category)
{
  return lookup (self, category)->onboarded;
}
