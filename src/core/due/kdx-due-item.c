/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-due"

#include "config.h"

#include "kdx-due-item.h"
#include "kdx-due-private.h"
#include "kdx-enum-types.h"
#include "kdx-stage.h"

struct _KdxDueItem
{
  GObject       parent_instance;

  gint64        id;
  char         *display_name;
  KdxDueReason  reason;
  char         *date;
  int           days;
  char         *label;
  char         *festival;
  KdxStage      stage;
  KdxTier       tier;
  char         *owner;
  GArray       *kol_ids;
};

G_DEFINE_FINAL_TYPE (KdxDueItem, kdx_due_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DISPLAY_NAME,
  PROP_REASON,
  PROP_DATE,
  PROP_DAYS,
  PROP_LABEL,
  PROP_FESTIVAL,
  PROP_STAGE,
  PROP_TIER,
  PROP_OWNER,
  PROP_KOL_IDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kdx_due_item_finalize (GObject *object)
{
  KdxDueItem *self = KDX_DUE_ITEM (object);

  g_free (self->display_name);
  g_free (self->date);
  g_free (self->label);
  g_free (self->festival);
  g_free (self->owner);
  g_clear_pointer (&self->kol_ids, g_array_unref);

  G_OBJECT_CLASS (kdx_due_item_parent_class)->finalize (object);
}

static void
kdx_due_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KdxDueItem *self = KDX_DUE_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_DISPLAY_NAME: g_value_set_string (value, self->display_name); break;
    case PROP_REASON: g_value_set_int (value, self->reason); break;
    case PROP_DATE: g_value_set_string (value, self->date); break;
    case PROP_DAYS: g_value_set_int (value, self->days); break;
    case PROP_LABEL: g_value_set_string (value, self->label); break;
    case PROP_FESTIVAL: g_value_set_string (value, self->festival); break;
    case PROP_STAGE: g_value_set_enum (value, self->stage); break;
    case PROP_TIER: g_value_set_enum (value, self->tier); break;
    case PROP_OWNER: g_value_set_string (value, self->owner); break;
    case PROP_KOL_IDS: g_value_set_boxed (value, self->kol_ids); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_due_item_class_init (KdxDueItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kdx_due_item_finalize;
  object_class->get_property = kdx_due_item_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  properties[PROP_REASON] = g_param_spec_int ("reason", NULL, NULL, 0, KDX_N_DUE_REASONS - 1, 0, flags);
  properties[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, flags);
  properties[PROP_DAYS] = g_param_spec_int ("days", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_FESTIVAL] = g_param_spec_string ("festival", NULL, NULL, NULL, flags);
  properties[PROP_STAGE] = g_param_spec_enum ("stage", NULL, NULL, KDX_TYPE_STAGE, KDX_STAGE_CANDIDATE, flags);
  properties[PROP_TIER] = g_param_spec_enum ("tier", NULL, NULL, KDX_TYPE_TIER, KDX_TIER_UNRATED, flags);
  properties[PROP_OWNER] = g_param_spec_string ("owner", NULL, NULL, NULL, flags);
  properties[PROP_KOL_IDS] = g_param_spec_boxed ("kol-ids", NULL, NULL, G_TYPE_ARRAY, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdx_due_item_init (KdxDueItem *self)
{
  self->kol_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* Made by kdx_due_list() only, so the properties need no setters: the
 * item is a fact about one day, never edited. Takes @kol_ids when given. */
KdxDueItem *
_kdx_due_item_new (const KdxDueItemFields *fields,
                   GArray                 *kol_ids)
{
  KdxDueItem *self = g_object_new (KDX_TYPE_DUE_ITEM, NULL);

  self->id = fields->id;
  self->display_name = g_strdup (fields->display_name);
  self->reason = fields->reason;
  self->date = g_strdup (fields->date);
  self->days = fields->days;
  self->label = g_strdup (fields->label);
  self->festival = g_strdup (fields->festival);
  self->stage = fields->stage;
  self->tier = fields->tier;
  self->owner = g_strdup (fields->owner);
  if (kol_ids != NULL)
    {
      g_array_unref (self->kol_ids);
      self->kol_ids = kol_ids;
    }
  return self;
}

gint64
kdx_due_item_get_id (KdxDueItem *self)
{
  g_return_val_if_fail (KDX_IS_DUE_ITEM (self), 0);
  return self->id;
}

const char *
kdx_due_item_get_display_name (KdxDueItem *self)
{
  g_return_val_if_fail (KDX_IS_DUE_ITEM (self), NULL);
  return self->display_name;
}

KdxDueReason
kdx_due_item_get_reason (KdxDueItem *self)
{
  g_return_val_if_fail (KDX_IS_DUE_ITEM (self), 0);
  return self->reason;
}

const char *
kdx_due_item_get_reason_id (KdxDueItem *self)
{
  g_return_val_if_fail (KDX_IS_DUE_ITEM (self), NULL);
  return kdx_due_reason_to_string (self->reason);
}

const char *
kdx_due_item_get_date (KdxDueItem *self)
{
  g_return_val_if_fail (KDX_IS_DUE_ITEM (self), NULL);
  return self->date;
}

int
kdx_due_item_get_days (KdxDueItem *self)
{
  g_return_val_if_fail (KDX_IS_DUE_ITEM (self), 0);
  return self->days;
}

const char *
kdx_due_item_get_label (KdxDueItem *self)
{
  g_return_val_if_fail (KDX_IS_DUE_ITEM (self), NULL);
  return self->label;
}

const char *
kdx_due_item_get_festival (KdxDueItem *self)
{
  g_return_val_if_fail (KDX_IS_DUE_ITEM (self), NULL);
  return self->festival;
}

KdxStage
kdx_due_item_get_stage (KdxDueItem *self)
{
  g_return_val_if_fail (KDX_IS_DUE_ITEM (self), 0);
  return self->stage;
}

KdxTier
kdx_due_item_get_tier (KdxDueItem *self)
{
  g_return_val_if_fail (KDX_IS_DUE_ITEM (self), 0);
  return self->tier;
}

const char *
kdx_due_item_get_owner (KdxDueItem *self)
{
  g_return_val_if_fail (KDX_IS_DUE_ITEM (self), NULL);
  return self->owner;
}

GArray *
kdx_due_item_get_kol_ids (KdxDueItem *self)
{
  g_return_val_if_fail (KDX_IS_DUE_ITEM (self), NULL);
  return self->kol_ids;
}
