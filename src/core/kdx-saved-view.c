/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-saved-view"

#include "config.h"

#include "kdx-saved-view.h"

struct _KdxSavedView
{
  GObject      parent_instance;

  gint64       id;       /* 0 until stored */
  char        *name;
  guint        position;
  KdxKolQuery *query;
  char       **columns;
};

G_DEFINE_FINAL_TYPE (KdxSavedView, kdx_saved_view, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A view keeps what a person chose, never the ids of a selection or the
 * day it was saved on. */
static KdxKolQuery *
copy_for_view (const KdxKolQuery *query)
{
  KdxKolQuery *copy = query != NULL ? kdx_kol_query_copy (query) : kdx_kol_query_new ();

  g_clear_pointer (&copy->ids, g_array_unref);
  g_clear_pointer (&copy->today, g_free);
  return copy;
}

static void
kdx_saved_view_finalize (GObject *object)
{
  KdxSavedView *self = KDX_SAVED_VIEW (object);

  g_free (self->name);
  g_clear_pointer (&self->query, kdx_kol_query_free);
  g_strfreev (self->columns);

  G_OBJECT_CLASS (kdx_saved_view_parent_class)->finalize (object);
}

static void
kdx_saved_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KdxSavedView *self = KDX_SAVED_VIEW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_saved_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KdxSavedView *self = KDX_SAVED_VIEW (object);

  switch (prop_id)
    {
    case PROP_NAME:
      kdx_saved_view_set_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_saved_view_class_init (KdxSavedViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdx_saved_view_finalize;
  object_class->get_property = kdx_saved_view_get_property;
  object_class->set_property = kdx_saved_view_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdx_saved_view_init (KdxSavedView *self)
{
  self->query = kdx_kol_query_new ();
  self->columns = g_new0 (char *, 1);
}

KdxSavedView *
kdx_saved_view_new (const char        *name,
                    const KdxKolQuery *query,
                    const char *const *columns)
{
  KdxSavedView *self = g_object_new (KDX_TYPE_SAVED_VIEW, "name", name, NULL);

  kdx_saved_view_set_query (self, query);
  kdx_saved_view_set_columns (self, columns);
  return self;
}

gint64
kdx_saved_view_get_id (KdxSavedView *self)
{
  g_return_val_if_fail (KDX_IS_SAVED_VIEW (self), 0);
  return self->id;
}

const char *
kdx_saved_view_get_name (KdxSavedView *self)
{
  g_return_val_if_fail (KDX_IS_SAVED_VIEW (self), NULL);
  return self->name;
}

void
kdx_saved_view_set_name (KdxSavedView *self,
                         const char   *name)
{
  g_return_if_fail (KDX_IS_SAVED_VIEW (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

guint
kdx_saved_view_get_position (KdxSavedView *self)
{
  g_return_val_if_fail (KDX_IS_SAVED_VIEW (self), 0);
  return self->position;
}

const KdxKolQuery *
kdx_saved_view_get_query (KdxSavedView *self)
{
  g_return_val_if_fail (KDX_IS_SAVED_VIEW (self), NULL);
  return self->query;
}

void
kdx_saved_view_set_query (KdxSavedView      *self,
                          const KdxKolQuery *query)
{
  g_return_if_fail (KDX_IS_SAVED_VIEW (self));

  g_clear_pointer (&self->query, kdx_kol_query_free);
  self->query = copy_for_view (query);
}

const char *const *
kdx_saved_view_get_columns (KdxSavedView *self)
{
  g_return_val_if_fail (KDX_IS_SAVED_VIEW (self), NULL);
  return (const char *const *) self->columns;
}

void
kdx_saved_view_set_columns (KdxSavedView      *self,
                            const char *const *columns)
{
  g_return_if_fail (KDX_IS_SAVED_VIEW (self));

  g_strfreev (self->columns);
  self->columns = columns != NULL ? g_strdupv ((char **) columns) : g_new0 (char *, 1);
}

void
_kdx_saved_view_set_id (KdxSavedView *self,
                        gint64        id)
{
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

void
_kdx_saved_view_set_position (KdxSavedView *self,
                              guint         position)
{
  if (self->position == position)
    return;
  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}
