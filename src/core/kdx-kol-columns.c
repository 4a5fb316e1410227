/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-kol-columns"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdx-error.h"
#include "kdx-kol-columns.h"
#include "kdx-kol.h"

/* Facts the store works out from a file rather than keeps: no offset,
 * read-only, never written. */
static const KdxField derived_columns[] = {
  { "last_contact", KDX_FIELD_DATETIME, KDX_FIELD_FLAG_READ_ONLY, KDX_FIELD_CHECK_NONE, NULL, 0,
    N_("Last contact") },
  { "days_in_stage", KDX_FIELD_INT, KDX_FIELD_FLAG_READ_ONLY, KDX_FIELD_CHECK_DAYS, NULL, 0,
    N_("Days in stage") },
  { "channel_count", KDX_FIELD_INT, KDX_FIELD_FLAG_READ_ONLY, KDX_FIELD_CHECK_COUNT, NULL, 0,
    N_("Channels") },
};

/* Built once: the KOL's fields but the avatar, then the derived ones. */
static const KdxField *const *
columns (guint *n_columns)
{
  static GPtrArray *list = NULL;

  if (g_once_init_enter (&list))
    {
      GPtrArray *built = g_ptr_array_new ();
      guint n_fields;
      const KdxField *fields = kdx_record_type_get_fields (KDX_TYPE_KOL, &n_fields);

      for (guint i = 0; i < n_fields; i++)
        if (fields[i].type != KDX_FIELD_IMAGE)
          g_ptr_array_add (built, (gpointer) &fields[i]);
      for (guint i = 0; i < G_N_ELEMENTS (derived_columns); i++)
        g_ptr_array_add (built, (gpointer) &derived_columns[i]);
      g_once_init_leave (&list, built);
    }

  *n_columns = list->len;
  return (const KdxField *const *) list->pdata;
}

const KdxField *const *
kdx_kol_column_list (guint *n_columns)
{
  return columns (n_columns);
}

const KdxField *
kdx_kol_column_find (const char *name)
{
  guint n;
  const KdxField *const *list = columns (&n);

  if (name == NULL)
    return NULL;
  for (guint i = 0; i < n; i++)
    if (g_str_equal (list[i]->name, name))
      return list[i];
  return NULL;
}

const KdxField *
kdx_kol_column_lookup (const char  *name,
                       GError     **error)
{
  const KdxField *column = kdx_kol_column_find (name);

  if (column == NULL)
    {
      g_autoptr(GString) known = g_string_new (NULL);
      guint n;
      const KdxField *const *list = columns (&n);

      for (guint i = 0; i < n; i++)
        g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", list[i]->name);
      g_set_error (error, KDX_ERROR, KDX_ERROR_UNKNOWN_FIELD,
                   _("Unknown field “%s”; the fields are: %s"), name != NULL ? name : "", known->str);
    }
  return column;
}

gboolean
kdx_kol_column_is_derived (const KdxField *column)
{
  return column >= derived_columns && column < derived_columns + G_N_ELEMENTS (derived_columns);
}

gboolean
kdx_kol_column_can_sort (const KdxField *column)
{
  return column->type != KDX_FIELD_TAGS && column->type != KDX_FIELD_IMAGE;
}

void
kdx_kol_row_free (KdxKolRow *row)
{
  if (row == NULL)
    return;
  for (guint i = 0; i < row->n_values; i++)
    g_value_unset (&row->values[i]);
  g_free (row->values);
  g_free (row);
}

char *
kdx_kol_row_to_string (const KdxKolRow *row,
                       const KdxField  *column,
                       guint            index)
{
  g_return_val_if_fail (index < row->n_values, NULL);

  return kdx_field_to_string (column, &row->values[index]);
}
