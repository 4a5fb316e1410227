/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A dropdown of the values in use of a field (owners, categories) after
 * "Any", as the list's filters and Insights' filters offer them. */

/* Refills @dropdown with "Any" and @values, keeping the value chosen when
 * it is still among them (else "Any"). */
void        kdx_value_dropdown_fill (GtkDropDown  *dropdown,
                                     char        **values);
/* (nullable): the value chosen, or NULL for "Any". */
const char *kdx_value_dropdown_get  (GtkDropDown  *dropdown);

G_END_DECLS
