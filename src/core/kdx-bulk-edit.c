/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-bulk-edit"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdx-bulk-edit.h"
#include "kdx-error.h"
#include "kdx-kol.h"
#include "kdx-record.h"

typedef struct
{
  const KdxField *field;
  KdxBulkOp       op;
  GValue          value; /* the field's type; for tag additions and removals a GStrv */
} Change;

struct _KdxBulkEdit
{
  GPtrArray *changes; /* (element-type Change), applied in order */
};

static void
change_free (Change *change)
{
  g_value_unset (&change->value);
  g_free (change);
}

KdxBulkEdit *
kdx_bulk_edit_new (void)
{
  KdxBulkEdit *self = g_new0 (KdxBulkEdit, 1);

  self->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  return self;
}

void
kdx_bulk_edit_free (KdxBulkEdit *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->changes);
  g_free (self);
}

void
kdx_bulk_preview_free (KdxBulkPreview *preview)
{
  if (preview == NULL)
    return;
  g_ptr_array_unref (preview->changes);
  g_free (preview);
}

static void
bulk_change_free (KdxBulkChange *change)
{
  g_free (change->display_name);
  g_free (change->before);
  g_free (change->after);
  g_free (change);
}

gboolean
kdx_bulk_edit_field_is_editable (const KdxField *field)
{
  return !(field->flags & KDX_FIELD_FLAG_READ_ONLY)
         && field->type != KDX_FIELD_IMAGE
         && !g_str_equal (field->name, "stage");
}

const KdxField *const *
kdx_bulk_edit_list_fields (guint *n_fields)
{
  static GPtrArray *list = NULL;

  if (g_once_init_enter (&list))
    {
      GPtrArray *built = g_ptr_array_new ();
      guint n;
      const KdxField *fields = kdx_record_type_get_fields (KDX_TYPE_KOL, &n);

      for (guint i = 0; i < n; i++)
        if (kdx_bulk_edit_field_is_editable (&fields[i]))
          g_ptr_array_add (built, (gpointer) &fields[i]);
      g_once_init_leave (&list, built);
    }
  *n_fields = list->len;
  return (const KdxField *const *) list->pdata;
}

gboolean
kdx_bulk_edit_add (KdxBulkEdit  *self,
                   const char   *name,
                   KdxBulkOp     op,
                   const char   *value,
                   GError      **error)
{
  const KdxField *field = kdx_record_type_find_field (KDX_TYPE_KOL, name);
  g_autofree Change *change = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (field == NULL)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_UNKNOWN_FIELD,
                   _("Unknown field “%s” (the fields are listed in koldex-cli fields)"), name);
      return FALSE;
    }
  if (g_str_equal (field->name, "stage"))
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_READ_ONLY_FIELD,
                   _("stage is not changed here: Move To (koldex-cli move) dates the move and asks why a KOL leaves"));
      return FALSE;
    }
  if (!kdx_bulk_edit_field_is_editable (field))
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_READ_ONLY_FIELD,
                   _("%s cannot be set on many KOLs at once"), field->name);
      return FALSE;
    }
  if ((op == KDX_BULK_ADD_TAGS || op == KDX_BULK_REMOVE_TAGS) && field->type != KDX_FIELD_TAGS)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                   _("%s is not a list: only tags can be added or removed"), field->name);
      return FALSE;
    }

  change = g_new0 (Change, 1);
  change->field = field;
  change->op = op;
  if (!kdx_field_parse (field, op == KDX_BULK_CLEAR ? "" : value, &change->value, error))
    return FALSE;
  if ((op == KDX_BULK_ADD_TAGS || op == KDX_BULK_REMOVE_TAGS) && !kdx_field_value_is_set (field, &change->value))
    {
      g_value_unset (&change->value);
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                   _("%s: name the tags to add or remove"), field->name);
      return FALSE;
    }

  /* Setting or clearing a field again replaces what was asked before. */
  if (op == KDX_BULK_SET || op == KDX_BULK_CLEAR)
    for (guint i = self->changes->len; i > 0; i--)
      if (((Change *) g_ptr_array_index (self->changes, i - 1))->field == field)
        g_ptr_array_remove_index (self->changes, i - 1);

  g_ptr_array_add (self->changes, g_steal_pointer (&change));
  return TRUE;
}

gboolean
kdx_bulk_edit_add_text (KdxBulkEdit  *self,
                        const char   *text,
                        GError      **error)
{
  const char *eq = strchr (text, '=');
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  KdxBulkOp op = KDX_BULK_SET;
  gsize len;

  if (eq == NULL || eq == text)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                   _("“%s” is not FIELD=VALUE (tags+=TAG adds tags, tags-=TAG removes them)"), text);
      return FALSE;
    }
  len = eq - text;
  if (text[len - 1] == '+' || text[len - 1] == '-')
    {
      op = text[len - 1] == '+' ? KDX_BULK_ADD_TAGS : KDX_BULK_REMOVE_TAGS;
      len--;
    }
  name = g_strstrip (g_strndup (text, len));
  value = g_strstrip (g_strdup (eq + 1));
  if (op == KDX_BULK_SET && *value == '\0')
    op = KDX_BULK_CLEAR;
  return kdx_bulk_edit_add (self, name, op, eq + 1, error);
}

gboolean
kdx_bulk_edit_is_empty (const KdxBulkEdit *self)
{
  return self->changes->len == 0;
}

guint
kdx_bulk_edit_get_n_changes (const KdxBulkEdit *self)
{
  return self->changes->len;
}

/* @tags with @more added (in their order, each once) or removed. */
static char **
edit_tags (const char *const *tags,
           const char *const *more,
           gboolean           add)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    if (add || !g_strv_contains (more, tags[i]))
      g_ptr_array_add (result, g_strdup (tags[i]));
  for (guint i = 0; add && more[i] != NULL; i++)
    if (tags == NULL || !g_strv_contains (tags, more[i]))
      g_ptr_array_add (result, g_strdup (more[i]));
  g_ptr_array_add (result, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&result), FALSE);
}

static void
apply_changes (const KdxBulkEdit *self,
               KdxKol            *kol)
{
  for (guint i = 0; i < self->changes->len; i++)
    {
      Change *change = g_ptr_array_index (self->changes, i);

      if (change->op == KDX_BULK_ADD_TAGS || change->op == KDX_BULK_REMOVE_TAGS)
        {
          g_auto(GValue) tags = G_VALUE_INIT;

          g_value_init (&tags, G_TYPE_STRV);
          kdx_record_get_value (KDX_RECORD (kol), change->field, &tags);
          g_value_take_boxed (&tags, edit_tags (g_value_get_boxed (&tags), g_value_get_boxed (&change->value),
                                                change->op == KDX_BULK_ADD_TAGS));
          kdx_record_set_value (KDX_RECORD (kol), change->field, &tags);
        }
      else
        kdx_record_set_value (KDX_RECORD (kol), change->field, &change->value);
    }
}

static gboolean
edit_cb (KdxKol    *kol,
         gpointer   user_data,
         GError   **error)
{
  apply_changes (user_data, kol);
  return TRUE;
}

/* The fields the edit touches, each once, in the order first asked. */
static GPtrArray *
touched_fields (const KdxBulkEdit *self)
{
  GPtrArray *fields = g_ptr_array_new ();

  for (guint i = 0; i < self->changes->len; i++)
    {
      Change *change = g_ptr_array_index (self->changes, i);
      if (!g_ptr_array_find (fields, change->field, NULL))
        g_ptr_array_add (fields, (gpointer) change->field);
    }
  return fields;
}

KdxBulkPreview *
kdx_bulk_edit_preview (const KdxBulkEdit  *self,
                       KdxStore           *store,
                       GArray             *ids,
                       GError            **error)
{
  g_autoptr(GPtrArray) fields = touched_fields (self);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) bulk_change_free);
  KdxBulkPreview *preview;
  guint n_kols = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (KDX_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(KdxKol) kol = kdx_store_load_kol (store, g_array_index (ids, gint64, i), error);
      g_autoptr(KdxKol) edited = NULL;
      gboolean changed = FALSE;

      if (kol == NULL)
        return NULL;
      edited = kdx_kol_dup (kol);
      apply_changes (self, edited);

      for (guint j = 0; j < fields->len; j++)
        {
          const KdxField *field = g_ptr_array_index (fields, j);
          g_autofree char *before = kdx_record_get_string (KDX_RECORD (kol), field);
          g_autofree char *after = kdx_record_get_string (KDX_RECORD (edited), field);
          KdxBulkChange *change;

          if (g_strcmp0 (before, after) == 0)
            continue;
          change = g_new0 (KdxBulkChange, 1);
          change->id = kdx_kol_get_id (kol);
          change->display_name = g_strdup (kdx_kol_get_display_name (kol));
          change->field = field;
          change->before = g_steal_pointer (&before);
          change->after = g_steal_pointer (&after);
          g_ptr_array_add (changes, change);
          changed = TRUE;
        }
      n_kols += changed;
    }

  preview = g_new0 (KdxBulkPreview, 1);
  preview->n_kols = n_kols;
  preview->changes = g_steal_pointer (&changes);
  return preview;
}

gboolean
kdx_bulk_edit_apply (const KdxBulkEdit  *self,
                     KdxStore           *store,
                     GArray             *ids,
                     GPtrArray         **before_out,
                     GError            **error)
{
  g_autoptr(KdxBulkPreview) preview = NULL;
  g_autoptr(GArray) changing = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) before = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (KDX_IS_STORE (store), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  /* Only the files that change are written (and come back on Undo). */
  if ((preview = kdx_bulk_edit_preview (self, store, ids, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < preview->changes->len; i++)
    {
      KdxBulkChange *change = g_ptr_array_index (preview->changes, i);
      if (changing->len == 0 || g_array_index (changing, gint64, changing->len - 1) != change->id)
        g_array_append_val (changing, change->id);
    }

  if (changing->len > 0
      && !kdx_store_edit_kols (store, changing, edit_cb, (gpointer) self, &before, error))
    return FALSE;

  if (before_out != NULL)
    *before_out = before != NULL ? g_steal_pointer (&before) : g_ptr_array_new_with_free_func (g_object_unref);
  return TRUE;
}
