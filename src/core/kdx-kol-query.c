/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-kol-query"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdx-error.h"
#include "kdx-kol-columns.h"
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
  for (guint i = 0; self->conditions != NULL && i < self->conditions->len; i++)
    kdx_kol_query_add_condition (copy, kdx_condition_copy (g_ptr_array_index (self->conditions, i)));
  for (guint i = 0; self->then_by != NULL && i < self->then_by->len; i++)
    {
      KdxSortKey *key = g_ptr_array_index (self->then_by, i);
      kdx_kol_query_add_sort (copy, key->field, key->descending);
    }
  copy->today = g_strdup (self->today);
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
  g_clear_pointer (&self->conditions, g_ptr_array_unref);
  g_clear_pointer (&self->then_by, g_ptr_array_unref);
  g_free (self->today);
  g_free (self);
}

static void
sort_key_free (KdxSortKey *key)
{
  g_free (key->field);
  g_free (key);
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

static gboolean
conditions_equal (GPtrArray *a,
                  GPtrArray *b)
{
  guint n_a = a != NULL ? a->len : 0;
  guint n_b = b != NULL ? b->len : 0;

  if (n_a != n_b)
    return FALSE;
  for (guint i = 0; i < n_a; i++)
    if (!kdx_condition_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

static gboolean
sort_keys_equal (GPtrArray *a,
                 GPtrArray *b)
{
  guint n_a = a != NULL ? a->len : 0;
  guint n_b = b != NULL ? b->len : 0;

  if (n_a != n_b)
    return FALSE;
  for (guint i = 0; i < n_a; i++)
    {
      KdxSortKey *x = g_ptr_array_index (a, i);
      KdxSortKey *y = g_ptr_array_index (b, i);
      if (g_strcmp0 (x->field, y->field) != 0 || x->descending != y->descending)
        return FALSE;
    }
  return TRUE;
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
      && self->descending == other->descending
      && conditions_equal (self->conditions, other->conditions)
      && sort_keys_equal (self->then_by, other->then_by)
      && g_strcmp0 (self->today, other->today) == 0;
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
  g_clear_pointer (&self->then_by, g_ptr_array_unref);
}

void
kdx_kol_query_add_condition (KdxKolQuery  *self,
                             KdxCondition *condition)
{
  g_return_if_fail (condition != NULL);

  if (self->conditions == NULL)
    self->conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) kdx_condition_free);
  g_ptr_array_add (self->conditions, condition);
}

void
kdx_kol_query_clear_conditions (KdxKolQuery *self)
{
  g_clear_pointer (&self->conditions, g_ptr_array_unref);
}

void
kdx_kol_query_add_sort (KdxKolQuery *self,
                        const char  *field,
                        gboolean     descending)
{
  KdxSortKey *key;

  g_return_if_fail (field != NULL);

  if (self->sort_field == NULL)
    {
      self->sort_field = g_strdup (field);
      self->descending = descending;
      return;
    }
  if (self->then_by == NULL)
    self->then_by = g_ptr_array_new_with_free_func ((GDestroyNotify) sort_key_free);
  key = g_new0 (KdxSortKey, 1);
  key->field = g_strdup (field);
  key->descending = descending;
  g_ptr_array_add (self->then_by, key);
}

gboolean
kdx_kol_query_add_sort_text (KdxKolQuery  *self,
                             const char   *text,
                             GError      **error)
{
  gboolean descending = text[0] == '-';
  const char *name = text + (text[0] == '-' || text[0] == '+' ? 1 : 0);
  const KdxField *column = kdx_kol_column_lookup (name, error);

  if (column == NULL)
    return FALSE;
  if (!kdx_kol_column_can_sort (column))
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                   _("%s: a list of values cannot be sorted by"), column->name);
      return FALSE;
    }
  kdx_kol_query_add_sort (self, column->name, descending);
  return TRUE;
}

guint
kdx_kol_query_get_n_sort_keys (const KdxKolQuery *self)
{
  if (self->sort_field == NULL)
    return 0;
  return 1 + (self->then_by != NULL ? self->then_by->len : 0);
}

char **
kdx_kol_query_get_sort_texts (const KdxKolQuery *self)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  if (self->sort_field != NULL)
    g_ptr_array_add (texts, g_strconcat (self->descending ? "-" : "", self->sort_field, NULL));
  for (guint i = 0; self->then_by != NULL && i < self->then_by->len; i++)
    {
      KdxSortKey *key = g_ptr_array_index (self->then_by, i);
      g_ptr_array_add (texts, g_strconcat (key->descending ? "-" : "", key->field, NULL));
    }
  g_ptr_array_add (texts, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&texts), FALSE);
}

void
kdx_kol_query_set_today (KdxKolQuery *self,
                         const char  *today)
{
  g_free (self->today);
  self->today = g_strdup (today);
}
