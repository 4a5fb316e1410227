/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-kol-snapshot"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdx-error.h"
#include "kdx-kol-snapshot.h"

/* (a{ss} a{saa{ss}}): the fields by name as canonical text, and each
 * list by name as its items' fields. */
#define SNAPSHOT_TYPE "(a{ss}a{saa{ss}})"

static GVariant *
record_to_variant (KdxRecord *record)
{
  GVariantBuilder builder;
  const KdxField *fields;
  guint n_fields;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  fields = kdx_record_get_fields (record, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *text = kdx_record_get_string (record, &fields[i]);
      g_variant_builder_add (&builder, "{ss}", fields[i].name, text);
    }
  return g_variant_builder_end (&builder);
}

GBytes *
kdx_kol_snapshot_new (KdxKol *kol)
{
  GVariantBuilder lists;
  const KdxKolListInfo *infos;
  guint n_infos;
  g_autoptr(GVariant) snapshot = NULL;

  g_return_val_if_fail (KDX_IS_KOL (kol), NULL);

  g_variant_builder_init (&lists, G_VARIANT_TYPE ("a{saa{ss}}"));
  infos = kdx_kol_list_infos (&n_infos);
  for (guint l = 0; l < n_infos; l++)
    {
      GListModel *list = G_LIST_MODEL (kdx_kol_get_list (kol, infos[l].name));
      GVariantBuilder items;

      g_variant_builder_init (&items, G_VARIANT_TYPE ("aa{ss}"));
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(KdxRecord) item = g_list_model_get_item (list, i);
          g_variant_builder_add_value (&items, record_to_variant (item));
        }
      g_variant_builder_add (&lists, "{s@aa{ss}}", infos[l].name, g_variant_builder_end (&items));
    }

  snapshot = g_variant_ref_sink (g_variant_new ("(@a{ss}@a{saa{ss}})",
                                                record_to_variant (KDX_RECORD (kol)),
                                                g_variant_builder_end (&lists)));
  return g_variant_get_data_as_bytes (snapshot);
}

/* Sets every field from its canonical text, the ones only the store
 * writes included: this is the store's own copy coming back. */
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
      g_auto(GValue) value = G_VALUE_INIT;
      const char *text = NULL;

      if (!g_variant_lookup (values, fields[i].name, "&s", &text))
        continue;
      if (fields[i].type == KDX_FIELD_IMAGE)
        {
          gsize length = 0;
          guchar *data = *text != '\0' ? g_base64_decode (text, &length) : NULL;
          g_autoptr(GBytes) bytes = data != NULL ? g_bytes_new_take (data, length) : NULL;

          g_value_init (&value, G_TYPE_BYTES);
          g_value_set_boxed (&value, bytes);
        }
      else if (!kdx_field_parse (&fields[i], text, &value, error))
        return FALSE;
      kdx_record_set_value (record, &fields[i], &value);
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

  g_variant_get (snapshot, "(@a{ss}@a{saa{ss}})", &fields, &lists);
  if (!fill_record (KDX_RECORD (kol), fields, error))
    return NULL;

  infos = kdx_kol_list_infos (&n_infos);
  for (guint l = 0; l < n_infos; l++)
    {
      g_autoptr(GVariant) items = g_variant_lookup_value (lists, infos[l].name, G_VARIANT_TYPE ("aa{ss}"));
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
