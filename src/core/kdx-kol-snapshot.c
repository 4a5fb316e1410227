/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-kol-snapshot"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdx-error.h"
#include "kdx-kol-snapshot.h"

/* (a{sv} a{saa{sv}}): the fields by name with their typed values, and
 * each list by name as its items' fields. Typed, not as text: text would
 * go back through the parsers, which trim and split (tags on commas). */
#define SNAPSHOT_TYPE "(a{sv}a{saa{sv}})"

static GVariant *
value_to_variant (const KdxField *field,
                  const GValue   *value)
{
  switch (field->type)
    {
    case KDX_FIELD_INT:
      return g_variant_new_int64 (g_value_get_int64 (value));
    case KDX_FIELD_BOOL:
      return g_variant_new_boolean (g_value_get_boolean (value));
    case KDX_FIELD_ENUM:
      return g_variant_new_int32 (g_value_get_enum (value));
    case KDX_FIELD_IMAGE:
      {
        GBytes *bytes = g_value_get_boxed (value);
        /* An empty array is "no picture"; a picture is never empty. */
        return bytes != NULL ? g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, bytes, TRUE)
                             : g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, NULL, 0, 1);
      }
    case KDX_FIELD_TAGS:
      {
        const char *const *tags = g_value_get_boxed (value);
        return g_variant_new_strv (tags, tags != NULL ? -1 : 0);
      }
    default:
      return g_variant_new_string (g_value_get_string (value) != NULL ? g_value_get_string (value) : "");
    }
}

/* Built from constructors, not a GVariantBuilder with "{sv}": parsing
 * that format for every field was most of a merge import's snapshot of
 * each file it changed (issue 16); the value, and so its bytes, are the
 * same. Text is read without a GValue copy. */
static GVariant *
record_to_variant (KdxRecord *record)
{
  const KdxField *fields;
  guint n_fields;
  g_autofree GVariant **entries = NULL;

  fields = kdx_record_get_fields (record, &n_fields);
  entries = g_new (GVariant *, n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      GVariant *value;

      if (kdx_field_get_gtype (&fields[i]) == G_TYPE_STRING)
        {
          const char *text = kdx_record_peek_string (record, &fields[i]);

          value = g_variant_new_string (text != NULL ? text : "");
        }
      else
        {
          g_auto(GValue) boxed = G_VALUE_INIT;

          g_value_init (&boxed, kdx_field_get_gtype (&fields[i]));
          kdx_record_get_value (record, &fields[i], &boxed);
          value = value_to_variant (&fields[i], &boxed);
        }
      entries[i] = g_variant_new_dict_entry (g_variant_new_string (fields[i].name),
                                             g_variant_new_variant (value));
    }
  return g_variant_new_array (G_VARIANT_TYPE ("{sv}"), entries, n_fields);
}

GBytes *
kdx_kol_snapshot_new (KdxKol *kol)
{
  GVariantBuilder lists;
  const KdxKolListInfo *infos;
  guint n_infos;
  g_autoptr(GVariant) snapshot = NULL;

  g_return_val_if_fail (KDX_IS_KOL (kol), NULL);

  g_variant_builder_init (&lists, G_VARIANT_TYPE ("a{saa{sv}}"));
  infos = kdx_kol_list_infos (&n_infos);
  for (guint l = 0; l < n_infos; l++)
    {
      GListModel *list = G_LIST_MODEL (kdx_kol_get_list (kol, infos[l].name));
      GVariantBuilder items;

      g_variant_builder_init (&items, G_VARIANT_TYPE ("aa{sv}"));
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(KdxRecord) item = g_list_model_get_item (list, i);
          g_variant_builder_add_value (&items, record_to_variant (item));
        }
      g_variant_builder_add (&lists, "{s@aa{sv}}", infos[l].name, g_variant_builder_end (&items));
    }

  snapshot = g_variant_ref_sink (g_variant_new ("(@a{sv}@a{saa{sv}})",
                                                record_to_variant (KDX_RECORD (kol)),
                                                g_variant_builder_end (&lists)));
  return g_variant_get_data_as_bytes (snapshot);
}

/* Sets every field as it was, the ones only the store writes included:
 * this is the store's own copy coming back. */
static gboolean
fill_record (KdxRecord  *record,
             GVariant   *values,
             GError    **error)
{
  const KdxField *fields;
  guint n_fields;

  fields = kdx_record_get_fields (record, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const KdxField *field = &fields[i];
      g_auto(GValue) value = G_VALUE_INIT;
      g_autoptr(GVariant) stored = g_variant_lookup_value (values, field->name, NULL);

      if (stored == NULL)
        continue;

      g_value_init (&value, kdx_field_get_gtype (field));
      if (field->type == KDX_FIELD_INT && g_variant_is_of_type (stored, G_VARIANT_TYPE_INT64))
        g_value_set_int64 (&value, g_variant_get_int64 (stored));
      else if (field->type == KDX_FIELD_BOOL && g_variant_is_of_type (stored, G_VARIANT_TYPE_BOOLEAN))
        g_value_set_boolean (&value, g_variant_get_boolean (stored));
      else if (field->type == KDX_FIELD_ENUM && g_variant_is_of_type (stored, G_VARIANT_TYPE_INT32))
        g_value_set_enum (&value, g_variant_get_int32 (stored));
      else if (field->type == KDX_FIELD_IMAGE && g_variant_is_of_type (stored, G_VARIANT_TYPE_BYTESTRING))
        {
          g_autoptr(GBytes) bytes = g_variant_get_data_as_bytes (stored);

          g_value_set_boxed (&value, g_bytes_get_size (bytes) > 0 ? bytes : NULL);
        }
      else if (field->type == KDX_FIELD_TAGS && g_variant_is_of_type (stored, G_VARIANT_TYPE_STRING_ARRAY))
        {
          g_autofree const char **tags = g_variant_get_strv (stored, NULL);
          g_value_set_boxed (&value, tags);
        }
      else if (g_variant_is_of_type (stored, G_VARIANT_TYPE_STRING)
               && kdx_field_get_gtype (field) == G_TYPE_STRING)
        g_value_set_string (&value, g_variant_get_string (stored, NULL));
      else
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                       _("A saved copy of a KOL file is damaged (%s)"), field->name);
          return FALSE;
        }
      kdx_record_set_value (record, field, &value);
    }
  return TRUE;
}

KdxKol *
kdx_kol_snapshot_load (GBytes  *bytes,
                       GError **error)
{
  g_autoptr(GVariant) snapshot = NULL;
  g_autoptr(GVariant) fields = NULL;
  g_autoptr(GVariant) lists = NULL;
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  const KdxKolListInfo *infos;
  guint n_infos;

  snapshot = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (SNAPSHOT_TYPE), bytes, FALSE));
  if (!g_variant_is_normal_form (snapshot))
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE, _("A saved copy of a KOL file is damaged"));
      return NULL;
    }

  g_variant_get (snapshot, "(@a{sv}@a{saa{sv}})", &fields, &lists);
  if (!fill_record (KDX_RECORD (kol), fields, error))
    return NULL;

  infos = kdx_kol_list_infos (&n_infos);
  for (guint l = 0; l < n_infos; l++)
    {
      g_autoptr(GVariant) items = g_variant_lookup_value (lists, infos[l].name, G_VARIANT_TYPE ("aa{sv}"));
      GListStore *list = kdx_kol_get_list (kol, infos[l].name);

      g_list_store_remove_all (list);
      for (gsize i = 0; items != NULL && i < g_variant_n_children (items); i++)
        {
          g_autoptr(GVariant) values = g_variant_get_child_value (items, i);
          g_autoptr(KdxRecord) item = g_object_new (infos[l].item_type (), NULL);

          if (!fill_record (item, values, error))
            return NULL;
          g_list_store_append (list, item);
        }
    }

  return g_steal_pointer (&kol);
}
