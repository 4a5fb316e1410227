/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-insights"

#include "config.h"

#include "kdx-insights-filter.h"

G_DEFINE_BOXED_TYPE (KdxInsightsFilter, kdx_insights_filter,
                     kdx_insights_filter_copy, kdx_insights_filter_free)

KdxInsightsFilter *
kdx_insights_filter_new (void)
{
  KdxInsightsFilter *self = g_new0 (KdxInsightsFilter, 1);

  self->tier = -1;
  self->source = -1;
  return self;
}

KdxInsightsFilter *
kdx_insights_filter_copy (const KdxInsightsFilter *self)
{
  KdxInsightsFilter *copy = g_memdup2 (self, sizeof *self);

  copy->owner = g_strdup (self->owner);
  copy->category = g_strdup (self->category);
  return copy;
}

void
kdx_insights_filter_free (KdxInsightsFilter *self)
{
  g_free (self->owner);
  g_free (self->category);
  g_free (self);
}

gboolean
kdx_insights_filter_equal (const KdxInsightsFilter *self,
                           const KdxInsightsFilter *other)
{
  return g_strcmp0 (self->owner, other->owner) == 0
         && g_strcmp0 (self->category, other->category) == 0
         && self->tier == other->tier && self->source == other->source;
}

/* An empty text is "any", as an empty entry in the view means. */
static void
set_text (char       **field,
          const char  *text)
{
  g_free (*field);
  *field = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

void
kdx_insights_filter_set_owner (KdxInsightsFilter *self,
                               const char        *owner)
{
  set_text (&self->owner, owner);
}

void
kdx_insights_filter_set_category (KdxInsightsFilter *self,
                                  const char        *category)
{
  set_text (&self->category, category);
}
