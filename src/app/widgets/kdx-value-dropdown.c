/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-value-dropdown"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-value-dropdown.h"

const char *
kdx_value_dropdown_get (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  if (gtk_drop_down_get_selected (dropdown) == 0 || item == NULL)
    return NULL;
  return gtk_string_object_get_string (item);
}

void
kdx_value_dropdown_fill (GtkDropDown  *dropdown,
                         char        **values)
{
  g_autofree char *current = g_strdup (kdx_value_dropdown_get (dropdown));
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (model, _("Any"));
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      gtk_string_list_append (model, values[i]);
      if (g_strcmp0 (values[i], current) == 0)
        selected = i + 1;
    }
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, selected);
}
