/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-record"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdx-enums.h"
#include "kdx-error.h"
#include "kdx-json-writer.h"
#include "kdx-record.h"

G_DEFINE_ABSTRACT_TYPE (KdxRecord, kdx_record, G_TYPE_OBJECT)

/* Property ids are field indices plus one: PROP_0 stays reserved. */

static gboolean
strv_equal (const char *const *a,
            const char *const *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);
  return g_strv_equal (a, b);
}

static gboolean
bytes_equal (GBytes *a,
             GBytes *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_bytes_equal (a, b);
}

/* NULL and "" are the same "no value" for text fields. */
static const char *
empty_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static gboolean
store_value (KdxRecord      *self,
             const KdxField *field,
             const GValue   *value)
{
  gpointer member = G_STRUCT_MEMBER_P (self, field->offset);

  switch (field->type)
    {
    case KDX_FIELD_INT:
      {
        gint64 *slot = member;
        if (*slot == g_value_get_int64 (value))
          return FALSE;
        *slot = g_value_get_int64 (value);
        return TRUE;
      }
    case KDX_FIELD_BOOL:
      {
        gboolean *slot = member;
        gboolean flag = g_value_get_boolean (value) != FALSE;
        if (*slot == flag)
          return FALSE;
        *slot = flag;
        return TRUE;
      }
    case KDX_FIELD_ENUM:
      {
        int *slot = member;
        if (*slot == g_value_get_enum (value))
          return FALSE;
        *slot = g_value_get_enum (value);
        return TRUE;
      }
    case KDX_FIELD_IMAGE:
      {
        GBytes **slot = member;
        GBytes *bytes = g_value_get_boxed (value);
        if (bytes_equal (*slot, bytes))
          return FALSE;
        g_clear_pointer (slot, g_bytes_unref);
        *slot = bytes != NULL ? g_bytes_ref (bytes) : NULL;
        return TRUE;
      }
    case KDX_FIELD_TAGS:
      {
        char ***slot = member;
        const char *const *tags = g_value_get_boxed (value);
        if (strv_equal ((const char *const *) *slot, tags))
          return FALSE;
        g_strfreev (*slot);
        *slot = tags != NULL && tags[0] != NULL ? g_strdupv ((char **) tags) : NULL;
        return TRUE;
      }
    default:
      {
        char **slot = member;
        const char *text = empty_to_null (g_value_get_string (value));
        if (g_strcmp0 (*slot, text) == 0)
          return FALSE;
        g_free (*slot);
        *slot = g_strdup (text);
        return TRUE;
      }
    }
}

/* The text of @field (text, date, decimal... fields) as the record holds
 * it, without a copy: for the store, which binds every text field of
 * every imported row (issue 16). Valid until the field changes. */
const char *
kdx_record_peek_string (KdxRecord      *self,
                        const KdxField *field)
{
  g_return_val_if_fail (KDX_IS_RECORD (self), NULL);
  g_return_val_if_fail (kdx_field_get_gtype (field) == G_TYPE_STRING, NULL);

  return *(char **) G_STRUCT_MEMBER_P (self, field->offset);
}


/* The value of an INT, BOOL or ENUM field as a number, read without a
 * GValue: the store binds every such field of every imported row. */
gint64
kdx_record_peek_number (KdxRecord      *self,
                        const KdxField *field)
{
  gpointer member = G_STRUCT_MEMBER_P (self, field->offset);

  g_return_val_if_fail (KDX_IS_RECORD (self), 0);

  switch (field->type)
    {
    case KDX_FIELD_INT:
      return *(gint64 *) member;
    case KDX_FIELD_BOOL:
      return *(gboolean *) member ? 1 : 0;
    case KDX_FIELD_ENUM:
      return *(int *) member;
    default:
      g_return_val_if_reached (0);
    }
}

void
kdx_record_get_value (KdxRecord      *self,
                      const KdxField *field,
                      GValue         *value)
{
  gpointer member = G_STRUCT_MEMBER_P (self, field->offset);

  switch (field->type)
    {
    case KDX_FIELD_INT:
      g_value_set_int64 (value, *(gint64 *) member);
      break;
    case KDX_FIELD_BOOL:
      g_value_set_boolean (value, *(gboolean *) member);
      break;
    case KDX_FIELD_ENUM:
      g_value_set_enum (value, *(int *) member);
      break;
    case KDX_FIELD_IMAGE:
    case KDX_FIELD_TAGS:
      g_value_set_boxed (value, *(gpointer *) member);
      break;
    default:
      g_value_set_string (value, *(char **) member);
      break;
    }
}

static void
kdx_record_finalize (GObject *object)
{
  KdxRecord *self = KDX_RECORD (object);
  KdxRecordClass *klass = KDX_RECORD_GET_CLASS (self);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const KdxField *field = &klass->fields[i];
      gpointer member = G_STRUCT_MEMBER_P (self, field->offset);

      switch (field->type)
        {
        case KDX_FIELD_INT:
        case KDX_FIELD_BOOL:
        case KDX_FIELD_ENUM:
          break;
        case KDX_FIELD_IMAGE:
          g_clear_pointer ((GBytes **) member, g_bytes_unref);
          break;
        case KDX_FIELD_TAGS:
          g_clear_pointer ((char ***) member, g_strfreev);
          break;
        default:
          g_clear_pointer ((char **) member, g_free);
          break;
        }
    }

  G_OBJECT_CLASS (kdx_record_parent_class)->finalize (object);
}

static void
kdx_record_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KdxRecordClass *klass = KDX_RECORD_GET_CLASS (object);

  if (prop_id == 0 || prop_id > klass->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  kdx_record_get_value (KDX_RECORD (object), &klass->fields[prop_id - 1], value);
}

static void
kdx_record_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  KdxRecordClass *klass = KDX_RECORD_GET_CLASS (object);

  if (prop_id == 0 || prop_id > klass->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  if (store_value (KDX_RECORD (object), &klass->fields[prop_id - 1], value))
    g_object_notify_by_pspec (object, pspec);
}

static void
kdx_record_class_init (KdxRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdx_record_finalize;
  object_class->get_property = kdx_record_get_property;
  object_class->set_property = kdx_record_set_property;
}

static void
kdx_record_init (KdxRecord *self)
{
}

static GParamSpec *
param_spec_for_field (const KdxField *field)
{
  g_autofree char *dashed = g_strdelimit (g_strdup (field->name), "_", '-');
  const char *name = g_intern_string (dashed);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  switch (field->type)
    {
    case KDX_FIELD_INT:
      return g_param_spec_int64 (name, field->label, NULL, G_MININT64, G_MAXINT64, 0, flags);
    case KDX_FIELD_BOOL:
      return g_param_spec_boolean (name, field->label, NULL, FALSE, flags);
    case KDX_FIELD_ENUM:
      return g_param_spec_enum (name, field->label, NULL, field->enum_type (),
                                kdx_enum_unknown_value (field->enum_type ()), flags);
    case KDX_FIELD_IMAGE:
      return g_param_spec_boxed (name, field->label, NULL, G_TYPE_BYTES, flags);
    case KDX_FIELD_TAGS:
      return g_param_spec_boxed (name, field->label, NULL, G_TYPE_STRV, flags);
    default:
      return g_param_spec_string (name, field->label, NULL, NULL, flags);
    }
}

/**
 * kdx_record_class_install_fields:
 *
 * Installs one property per field. Call from the subclass's class_init
 * with a static table; the table must outlive the class.
 */
void
kdx_record_class_install_fields (KdxRecordClass *klass,
                                 const KdxField *fields,
                                 guint           n_fields)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  klass->fields = fields;
  klass->n_fields = n_fields;

  /* GObject does not inherit these two: each class that installs
   * properties must name its own accessors. */
  object_class->get_property = kdx_record_get_property;
  object_class->set_property = kdx_record_set_property;

  klass->pspecs = g_new0 (GParamSpec *, n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      klass->pspecs[i] = param_spec_for_field (&fields[i]);
      g_object_class_install_property (object_class, i + 1, klass->pspecs[i]);
    }
}

const KdxField *
kdx_record_get_fields (KdxRecord *self,
                       guint     *n_fields)
{
  KdxRecordClass *klass;

  g_return_val_if_fail (KDX_IS_RECORD (self), NULL);

  klass = KDX_RECORD_GET_CLASS (self);
  *n_fields = klass->n_fields;
  return klass->fields;
}

/* The fields of a record class without making an instance. */
const KdxField *
kdx_record_type_get_fields (GType  record_type,
                            guint *n_fields)
{
  g_autoptr(GTypeClass) type_class = NULL;
  KdxRecordClass *klass;

  g_return_val_if_fail (g_type_is_a (record_type, KDX_TYPE_RECORD), NULL);

  /* Classes are never finalized once made, so the table outlives the ref. */
  type_class = g_type_class_ref (record_type);
  klass = KDX_RECORD_CLASS (type_class);
  *n_fields = klass->n_fields;
  return klass->fields;
}

const KdxField *
kdx_record_find_field (KdxRecord  *self,
                       const char *name)
{
  KdxRecordClass *klass;

  g_return_val_if_fail (KDX_IS_RECORD (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* The instance's class, without a class ref: this runs per imported cell. */
  klass = KDX_RECORD_GET_CLASS (self);
  for (guint i = 0; i < klass->n_fields; i++)
    if (g_str_equal (klass->fields[i].name, name))
      return &klass->fields[i];
  return NULL;
}

/* Returns: (nullable): the field @name of records of @record_type */
const KdxField *
kdx_record_type_find_field (GType       record_type,
                            const char *name)
{
  const KdxField *fields;
  guint n_fields;

  g_return_val_if_fail (name != NULL, NULL);

  fields = kdx_record_type_get_fields (record_type, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].name, name))
      return &fields[i];
  return NULL;
}

static GParamSpec *
pspec_for_field (KdxRecord      *self,
                 const KdxField *field)
{
  KdxRecordClass *klass = KDX_RECORD_GET_CLASS (self);

  g_assert (field >= klass->fields && field < klass->fields + klass->n_fields);
  return klass->pspecs[field - klass->fields];
}

void
kdx_record_set_value (KdxRecord      *self,
                      const KdxField *field,
                      const GValue   *value)
{
  g_return_if_fail (KDX_IS_RECORD (self));

  if (store_value (self, field, value))
    g_object_notify_by_pspec (G_OBJECT (self), pspec_for_field (self, field));
}

/**
 * kdx_record_set_from_string:
 *
 * Sets the field called @name from text as a person writes it, after
 * checking and normalising it. Fields only the store writes are refused.
 */
gboolean
kdx_record_set_from_string (KdxRecord   *self,
                            const char  *name,
                            const char  *text,
                            GError     **error)
{
  const KdxField *field;

  g_return_val_if_fail (KDX_IS_RECORD (self), FALSE);

  field = kdx_record_find_field (self, name);
  if (field == NULL)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_UNKNOWN_FIELD,
                   _("%s: no such field"), name);
      return FALSE;
    }
  return kdx_record_set_field_from_string (self, field, text, error);
}

/* kdx_record_set_from_string() for a caller that has looked the field up
 * once already: the importer, per cell. */
gboolean
kdx_record_set_field_from_string (KdxRecord       *self,
                                  const KdxField  *field,
                                  const char      *text,
                                  GError         **error)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_return_val_if_fail (KDX_IS_RECORD (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (field->flags & KDX_FIELD_FLAG_READ_ONLY)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_READ_ONLY_FIELD,
                   _("%s: this field is set by Koldex and cannot be changed"), field->name);
      return FALSE;
    }
  if (!kdx_field_parse (field, text, &value, error))
    return FALSE;

  kdx_record_set_value (self, field, &value);
  return TRUE;
}

char *
kdx_record_get_string (KdxRecord      *self,
                       const KdxField *field)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, kdx_field_get_gtype (field));
  kdx_record_get_value (self, field, &value);
  return kdx_field_to_string (field, &value);
}

/* Copies every field of @source (of the same class) into @self, notifying
 * only what changed: how a view's object learns of a reload or an undo. */
void
kdx_record_assign (KdxRecord *self,
                   KdxRecord *source)
{
  KdxRecordClass *klass;

  g_return_if_fail (KDX_IS_RECORD (self));
  g_return_if_fail (G_OBJECT_TYPE (self) == G_OBJECT_TYPE (source));

  klass = KDX_RECORD_GET_CLASS (self);
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < klass->n_fields; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, kdx_field_get_gtype (&klass->fields[i]));
      kdx_record_get_value (source, &klass->fields[i], &value);
      kdx_record_set_value (self, &klass->fields[i], &value);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
kdx_record_equal (KdxRecord *self,
                  KdxRecord *other)
{
  KdxRecordClass *klass;

  g_return_val_if_fail (KDX_IS_RECORD (self), FALSE);
  g_return_val_if_fail (KDX_IS_RECORD (other), FALSE);

  if (G_OBJECT_TYPE (self) != G_OBJECT_TYPE (other))
    return FALSE;

  klass = KDX_RECORD_GET_CLASS (self);
  for (guint i = 0; i < klass->n_fields; i++)
    {
      g_autofree char *a = kdx_record_get_string (self, &klass->fields[i]);
      g_autofree char *b = kdx_record_get_string (other, &klass->fields[i]);

      if (g_strcmp0 (a, b) != 0)
        return FALSE;
    }

  return TRUE;
}

/* Writes the fields as JSON members of an object the caller has opened:
 * numbers as numbers, booleans as booleans, no value as null. */
void
kdx_record_write_json (KdxRecord     *self,
                       KdxJsonWriter *writer)
{
  KdxRecordClass *klass = KDX_RECORD_GET_CLASS (self);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const KdxField *field = &klass->fields[i];
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, kdx_field_get_gtype (field));
      kdx_record_get_value (self, field, &value);
      kdx_json_writer_member (writer, field->name);
      kdx_field_write_json (field, &value, writer);
    }
}
