/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-pace-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-pace-preferences.h"

#define KEY "pace-targets"

/* One category's row: its two spin buttons write its entry of the key,
 * leaving every other category's as it is. */
typedef struct
{
  GSettings     *settings;
  char          *category;  /* "" for every other category */
  GtkSpinButton *candidates;
  GtkSpinButton *onboarded;
} PaceRow;

static void
pace_row_free (gpointer data)
{
  PaceRow *row = data;

  g_object_unref (row->settings);
  g_free (row->category);
  g_free (row);
}

static gboolean
lookup (GSettings  *settings,
        const char *category,
        guint32    *candidates,
        guint32    *onboarded)
{
  g_autoptr(GVariant) map = g_settings_get_value (settings, KEY);
  g_autoptr(GVariant) entry = g_variant_lookup_value (map, category, G_VARIANT_TYPE ("(uu)"));

  *candidates = *onboarded = 0;
  if (entry == NULL)
    return FALSE;
  g_variant_get (entry, "(uu)", candidates, onboarded);
  return TRUE;
}

static void
spin_changed_cb (GtkSpinButton *spin,
                 PaceRow       *row)
{
  g_autoptr(GVariant) map = g_settings_get_value (row->settings, KEY);
  GVariantBuilder builder;
  GVariantIter iter;
  const char *category;
  guint32 candidates, onboarded;
  guint32 new_candidates = gtk_spin_button_get_value_as_int (row->candidates);
  guint32 new_onboarded = gtk_spin_button_get_value_as_int (row->onboarded);
  guint32 old_candidates, old_onboarded;

  lookup (row->settings, row->category, &old_candidates, &old_onboarded);
  if (old_candidates == new_candidates && old_onboarded == new_onboarded)
    return;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{s(uu)}"));
  g_variant_iter_init (&iter, map);
  while (g_variant_iter_next (&iter, "{&s(uu)}", &category, &candidates, &onboarded))
    if (!g_str_equal (category, row->category))
      g_variant_builder_add (&builder, "{s(uu)}", category, candidates, onboarded);
  /* No target at all is no entry: the key stays as short as what was set. */
  if (new_candidates > 0 || new_onboarded > 0)
    g_variant_builder_add (&builder, "{s(uu)}", row->category, new_candidates, new_onboarded);
  g_settings_set_value (row->settings, KEY, g_variant_builder_end (&builder));
}

static GtkSpinButton *
target_spin_new (const char *accessible_label,
                 guint32     value)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 10000, 1);

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_tooltip_text (spin, accessible_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return GTK_SPIN_BUTTON (spin);
}

static void
add_row (AdwPreferencesGroup *group,
         GSettings           *settings,
         const char          *category,
         const char          *title)
{
  GtkWidget *row = adw_action_row_new ();
  PaceRow *pace = g_new0 (PaceRow, 1);
  guint32 candidates, onboarded;

  pace->settings = g_object_ref (settings);
  pace->category = g_strdup (category);
  lookup (settings, category, &candidates, &onboarded);
  pace->candidates = target_spin_new (_("New candidates a month"), candidates);
  pace->onboarded = target_spin_new (_("Newly onboarded a month"), onboarded);
  gtk_widget_set_name (GTK_WIDGET (pace->candidates), "pace-candidates");
  gtk_widget_set_name (GTK_WIDGET (pace->onboarded), "pace-onboarded");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Candidates, onboarded a month"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (pace->candidates));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (pace->onboarded));
  g_signal_connect (pace->candidates, "value-changed", G_CALLBACK (spin_changed_cb), pace);
  g_signal_connect (pace->onboarded, "value-changed", G_CALLBACK (spin_changed_cb), pace);
  /* The row's data lives as long as the row. */
  g_object_set_data_full (G_OBJECT (row), "kdx-pace-row", pace, pace_row_free);
  adw_preferences_group_add (group, row);
}

void
kdx_pace_preferences_fill (AdwPreferencesGroup *group,
                           GSettings           *settings,
                           KdxStore            *store)
{
  g_auto(GStrv) in_use = store != NULL ? kdx_store_list_values (store, "category", NULL) : NULL;
  g_autoptr(GVariant) map = g_settings_get_value (settings, KEY);
  g_autoptr(GPtrArray) categories = g_ptr_array_new ();
  GVariantIter iter;
  const char *category;

  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));

  /* The categories in use, and any set before that no KOL has now. */
  for (guint i = 0; in_use != NULL && in_use[i] != NULL; i++)
    g_ptr_array_add (categories, in_use[i]);
  g_variant_iter_init (&iter, map);
  while (g_variant_iter_next (&iter, "{&s@(uu)}", &category, NULL))
    if (*category != '\0' && !g_ptr_array_find_with_equal_func (categories, category, g_str_equal, NULL))
      g_ptr_array_add (categories, (char *) category);

  for (guint i = 0; i < categories->len; i++)
    add_row (group, settings, g_ptr_array_index (categories, i), g_ptr_array_index (categories, i));
  add_row (group, settings, "", categories->len > 0 ? _("Every Other Category") : _("Every Category"));
}
