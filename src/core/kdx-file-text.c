/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-model"

#include "config.h"

#include <string.h>

#include "kdx-file-text.h"

#define N_LISTS 4

struct _KdxFileText
{
  GStringChunk  *chunk;  /* every text of the file, dropped at once */
  KdxRecordText  kol;
  GPtrArray     *tags;   /* NULL-terminated */
  GPtrArray     *items[N_LISTS];   /* KdxRecordText *, in use */
  GPtrArray     *spare[N_LISTS];   /* kept from earlier files */
};

static KdxRecordText *
record_text_new (GType type)
{
  KdxRecordText *record = g_new0 (KdxRecordText, 1);

  record->fields = kdx_record_type_get_fields (type, &record->n_fields);
  record->texts = g_new0 (const char *, record->n_fields);
  return record;
}

static void
record_text_free (KdxRecordText *record)
{
  g_free (record->texts);
  g_free (record);
}

KdxFileText *
kdx_file_text_new (void)
{
  KdxFileText *self = g_new0 (KdxFileText, 1);
  guint n_lists;

  kdx_kol_list_infos (&n_lists);
  g_assert (n_lists == N_LISTS);
  self->chunk = g_string_chunk_new (4096);
  self->kol.fields = kdx_record_type_get_fields (KDX_TYPE_KOL, &self->kol.n_fields);
  self->kol.texts = g_new0 (const char *, self->kol.n_fields);
  self->tags = g_ptr_array_new ();
  g_ptr_array_add (self->tags, NULL);
  for (guint l = 0; l < N_LISTS; l++)
    {
      self->items[l] = g_ptr_array_new_with_free_func ((GDestroyNotify) record_text_free);
      self->spare[l] = g_ptr_array_new_with_free_func ((GDestroyNotify) record_text_free);
    }
  return self;
}

void
kdx_file_text_free (KdxFileText *self)
{
  if (self == NULL)
    return;
  g_string_chunk_free (self->chunk);
  g_free (self->kol.texts);
  g_ptr_array_unref (self->tags);
  for (guint l = 0; l < N_LISTS; l++)
    {
      g_ptr_array_unref (self->items[l]);
      g_ptr_array_unref (self->spare[l]);
    }
  g_free (self);
}

void
kdx_file_text_clear (KdxFileText *self)
{
  g_string_chunk_clear (self->chunk);
  memset (self->kol.texts, 0, self->kol.n_fields * sizeof *self->kol.texts);
  g_ptr_array_set_size (self->tags, 0);
  g_ptr_array_add (self->tags, NULL);
  for (guint l = 0; l < N_LISTS; l++)
    while (self->items[l]->len > 0)
      g_ptr_array_add (self->spare[l], g_ptr_array_steal_index (self->items[l], self->items[l]->len - 1));
}

KdxRecordText *
kdx_file_text_get_kol (KdxFileText *self)
{
  return &self->kol;
}

const char *const *
kdx_file_text_get_tags (KdxFileText *self)
{
  return (const char *const *) self->tags->pdata;
}

void
kdx_file_text_add_tag (KdxFileText *self,
                       const char  *tag)
{
  self->tags->pdata[self->tags->len - 1] = g_string_chunk_insert (self->chunk, tag);
  g_ptr_array_add (self->tags, NULL);
}

guint
kdx_file_text_get_n_items (KdxFileText *self,
                           guint        list)
{
  g_return_val_if_fail (list < N_LISTS, 0);
  return self->items[list]->len;
}

KdxRecordText *
kdx_file_text_get_item (KdxFileText *self,
                        guint        list,
                        guint        index)
{
  g_return_val_if_fail (list < N_LISTS && index < self->items[list]->len, NULL);
  return g_ptr_array_index (self->items[list], index);
}

KdxRecordText *
kdx_file_text_add_item (KdxFileText *self,
                        guint        list)
{
  KdxRecordText *record;

  g_return_val_if_fail (list < N_LISTS, NULL);
  if (self->spare[list]->len > 0)
    {
      record = g_ptr_array_steal_index (self->spare[list], self->spare[list]->len - 1);
      memset (record->texts, 0, record->n_fields * sizeof *record->texts);
    }
  else
    {
      guint n_lists;
      const KdxKolListInfo *infos = kdx_kol_list_infos (&n_lists);

      record = record_text_new (infos[list].item_type ());
    }
  g_ptr_array_add (self->items[list], record);
  return record;
}

void
kdx_file_text_set (KdxFileText   *self,
                   KdxRecordText *record,
                   guint          index,
                   const char    *text,
                   gssize         length)
{
  g_return_if_fail (index < record->n_fields);

  if (text == NULL)
    record->texts[index] = NULL;
  else if (length < 0)
    record->texts[index] = g_string_chunk_insert (self->chunk, text);
  else
    record->texts[index] = g_string_chunk_insert_len (self->chunk, text, length);
}

static void
set_record (KdxFileText   *self,
            KdxRecordText *text,
            KdxRecord     *record)
{
  for (guint i = 0; i < text->n_fields; i++)
    {
      const KdxField *field = &text->fields[i];
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *string = NULL;

      g_value_init (&value, kdx_field_get_gtype (field));
      kdx_record_get_value (record, field, &value);
      if (!kdx_field_value_is_set (field, &value))
        continue;
      if (field->type == KDX_FIELD_TAGS)
        {
          const char *const *tags = g_value_get_boxed (&value);

          for (guint t = 0; tags[t] != NULL; t++)
            kdx_file_text_add_tag (self, tags[t]);
          kdx_file_text_set (self, text, i, "", -1);
          continue;
        }
      string = kdx_field_to_string (field, &value);
      kdx_file_text_set (self, text, i, string, -1);
    }
}

void
kdx_file_text_set_kol (KdxFileText *self,
                       KdxKol      *kol)
{
  guint n_lists;
  const KdxKolListInfo *infos = kdx_kol_list_infos (&n_lists);

  kdx_file_text_clear (self);
  set_record (self, &self->kol, KDX_RECORD (kol));
  for (guint l = 0; l < N_LISTS; l++)
    {
      GListModel *list = G_LIST_MODEL (kdx_kol_get_list (kol, infos[l].name));

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(KdxRecord) item = g_list_model_get_item (list, i);

          set_record (self, kdx_file_text_add_item (self, l), item);
        }
    }
}
