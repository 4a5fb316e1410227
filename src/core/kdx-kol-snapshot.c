/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-kol-snapshot"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "kdx-error.h"
#include "kdx-kol-snapshot.h"

/* (a{sv} a{saa{sv}}): the fields by name with their typed values, and
 * each list by name as its items' fields. Typed, not as text: text would
 * go back through the parsers, which trim and split (tags on commas). */
#define SNAPSHOT_TYPE "(a{sv}a{saa{sv}})"

/* The snapshot is written straight in GVariant's serialised form
 * (normal form, host byte order, as g_variant_get_data() gives it),
 * without building a GVariant per field and value: that tree, its
 * serialisation and its unrefs were most of what a merge import spent
 * per file it changed (issue 16). kdx_kol_snapshot_load() refuses bytes
 * that are not in normal form, so anything but GVariant's own bytes
 * would fail every undo; tests/test-import-merge-bulk checks both.
 *
 * The rules used (GVariant's serialisation format): a value starts
 * aligned to its type's alignment within its container (8 for a variant,
 * a dict entry of a variant, an int64, and a container of those; 4 for
 * an int32; 1 for strings, booleans and bytes); a string is its bytes
 * and a NUL; a variant is its value, a NUL and its type string; an array
 * of variable-size items is the items, then each item's end; a tuple or
 * dict entry is its members, then the end of every variable-size member
 * but the last, last first. Ends are offsets from the container's start,
 * little integers of the one size (1, 2, 4 or 8 bytes) that the
 * container's whole size, ends included, fits in. */

static const guint8 zeros[8];

/* Pads @out to @alignment from @start, where the container began. */
static void
align_to (GByteArray *out,
          gsize       start,
          gsize       alignment)
{
  gsize misaligned = (out->len - start) % alignment;

  if (misaligned != 0)
    g_byte_array_append (out, zeros, alignment - misaligned);
}

/* Ends the container that began at @start with its @n_ends ends. */
static void
append_ends (GByteArray  *out,
             gsize        start,
             const gsize *ends,
             gsize        n_ends)
{
  gsize body = out->len - start;
  guint width;

  if (n_ends == 0)
    return;
  if (body + n_ends <= G_MAXUINT8)
    width = 1;
  else if (body + 2 * n_ends <= G_MAXUINT16)
    width = 2;
  else if (body + 4 * n_ends <= G_MAXUINT32)
    width = 4;
  else
    width = 8;
  for (gsize i = 0; i < n_ends; i++)
    {
      guint64 end = GUINT64_TO_LE ((guint64) ends[i]);

      g_byte_array_append (out, (const guint8 *) &end, width);
    }
}

static void
append_string (GByteArray *out,
               const char *text)
{
  if (text == NULL)
    text = "";
  g_byte_array_append (out, (const guint8 *) text, strlen (text) + 1);
}

/* The value of @field in @record as a variant's content and type. */
static void
append_variant (GByteArray     *out,
                KdxRecord      *record,
                const KdxField *field)
{
  gsize start = out->len;
  const char *type;

  switch (field->type)
    {
    case KDX_FIELD_INT:
      {
        gint64 number = kdx_record_peek_number (record, field);

        g_byte_array_append (out, (const guint8 *) &number, sizeof number);
        type = "x";
      }
      break;
    case KDX_FIELD_BOOL:
      {
        guint8 flag = kdx_record_peek_number (record, field) != 0;

        g_byte_array_append (out, &flag, 1);
        type = "b";
      }
      break;
    case KDX_FIELD_ENUM:
      {
        gint32 number = (gint32) kdx_record_peek_number (record, field);

        g_byte_array_append (out, (const guint8 *) &number, sizeof number);
        type = "i";
      }
      break;
    case KDX_FIELD_IMAGE:
      {
        g_auto(GValue) value = G_VALUE_INIT;
        GBytes *bytes;

        g_value_init (&value, kdx_field_get_gtype (field));
        kdx_record_get_value (record, field, &value);
        /* An empty array is "no picture"; a picture is never empty. */
        if ((bytes = g_value_get_boxed (&value)) != NULL)
          g_byte_array_append (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
        type = "ay";
      }
      break;
    case KDX_FIELD_TAGS:
      {
        g_auto(GValue) value = G_VALUE_INIT;
        const char *const *tags;
        g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (gsize));

        g_value_init (&value, kdx_field_get_gtype (field));
        kdx_record_get_value (record, field, &value);
        tags = g_value_get_boxed (&value);
        for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
          {
            gsize end;

            append_string (out, tags[i]);
            end = out->len - start;
            g_array_append_val (ends, end);
          }
        append_ends (out, start, (const gsize *) (gpointer) ends->data, ends->len);
        type = "as";
      }
      break;
    default:
      append_string (out, kdx_record_peek_string (record, field));
      type = "s";
      break;
    }
  g_byte_array_append (out, zeros, 1);
  g_byte_array_append (out, (const guint8 *) type, strlen (type));
}

/* a{sv}: every field of @record by name, from @out's end on (aligned). */
static void
append_record (GByteArray *out,
               KdxRecord  *record)
{
  const KdxField *fields;
  guint n_fields;
  g_autofree gsize *ends = NULL;
  gsize start;

  align_to (out, 0, 8);
  start = out->len;
  fields = kdx_record_get_fields (record, &n_fields);
  ends = g_new (gsize, n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      gsize entry, key_end;

      align_to (out, start, 8);
      entry = out->len;
      append_string (out, fields[i].name);
      key_end = out->len - entry;
      align_to (out, entry, 8);
      append_variant (out, record, &fields[i]);
      append_ends (out, entry, &key_end, 1);
      ends[i] = out->len - start;
    }
  append_ends (out, start, ends, n_fields);
}

GBytes *
kdx_kol_snapshot_new (KdxKol *kol)
{
  GByteArray *out;
  const KdxKolListInfo *infos;
  guint n_infos;
  g_autofree gsize *list_ends = NULL;
  gsize fields_end, lists;

  g_return_val_if_fail (KDX_IS_KOL (kol), NULL);

  out = g_byte_array_sized_new (4096);
  append_record (out, KDX_RECORD (kol));
  fields_end = out->len;

  /* a{saa{sv}}: each list by name, its items' fields. */
  align_to (out, 0, 8);
  lists = out->len;
  infos = kdx_kol_list_infos (&n_infos);
  list_ends = g_new (gsize, n_infos);
  for (guint l = 0; l < n_infos; l++)
    {
      GListModel *list = G_LIST_MODEL (kdx_kol_get_list (kol, infos[l].name));
      guint n_items = g_list_model_get_n_items (list);
      g_autofree gsize *item_ends = g_new (gsize, n_items + 1);
      gsize entry, key_end, items;

      align_to (out, lists, 8);
      entry = out->len;
      append_string (out, infos[l].name);
      key_end = out->len - entry;
      align_to (out, entry, 8);
      items = out->len;
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(KdxRecord) item = g_list_model_get_item (list, i);

          append_record (out, item);
          item_ends[i] = out->len - items;
        }
      append_ends (out, items, item_ends, n_items);
      append_ends (out, entry, &key_end, 1);
      list_ends[l] = out->len - lists;
    }
  append_ends (out, lists, list_ends, n_infos);

  /* The tuple: the end of its first member. */
  append_ends (out, 0, &fields_end, 1);
  return g_byte_array_free_to_bytes (out);
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
