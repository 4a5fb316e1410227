/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-kol-query"

#include "config.h"

#include <string.h>

#include "kdx-kol-query.h"

G_DEFINE_BOXED_TYPE (KdxKolQuery, kdx_kol_query, kdx_kol_query_copy, kdx_kol_query_free)

KdxKolQuery *
kdx_kol_query_new (void)
{
  return g_new0 (KdxKolQuery, 1);
}

KdxKolQuery *
kdx_kol_query_copy (const KdxKolQuery *self)
{
  KdxKolQuery *copy = kdx_kol_query_new ();

  copy->search = g_strdup (self->search);
  copy->stages = self->stages;
  copy->tiers = self->tiers;
  copy->tags = g_strdupv (self->tags);
  copy->owner = g_strdup (self->owner);
  copy->category = g_strdup (self->category);
  if (self->ids != NULL)
    {
      copy->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->ids->len);
      g_array_append_vals (copy->ids, self->ids->data, self->ids->len);
    }
  copy->sort_field = g_strdup (self->sort_field);
  copy->descending = self->descending;
  return copy;
}

void
kdx_kol_query_free (KdxKolQuery *self)
{
  if (self == NULL)
    return;
  g_free (self->search);
  g_strfreev (self->tags);
  g_free (self->owner);
  g_free (self->category);
  g_clear_pointer (&self->ids, g_array_unref);
  g_free (self->sort_field);
  g_free (self);
}

static gboolean
ids_equal (GArray *a,
           GArray *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->len == b->len && memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0;
}

static gboolean
tags_equal (char **a,
            char **b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);
  return g_strv_equal ((const char *const *) a, (const char *const *) b);
}

gboolean
kdx_kol_query_equal (const KdxKolQuery *self,
                     const KdxKolQuery *other)
{
  return g_strcmp0 (self->search, other->search) == 0
      && self->stages == other->stages
      && self->tiers == other->tiers
      && tags_equal (self->tags, other->tags)
      && g_strcmp0 (self->owner, other->owner) == 0
      && g_strcmp0 (self->category, other->category) == 0
      && ids_equal (self->ids, other->ids)
      && g_strcmp0 (self->sort_field, other->sort_field) == 0
      && self->descending == other->descending;
}

void
kdx_kol_query_set_search (KdxKolQuery *self,
                          const char  *search)
{
  g_free (self->search);
  self->search = g_strdup (search);
}

void
kdx_kol_query_set_sort (KdxKolQuery *self,
                        const char  *field,
                        gboolean     descending)
{
  g_free (self->sort_field);
  self->sort_field = g_strdup (field);
  self->descending = descending;
}
