/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-list-columns"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-enums.h"
#include "kdx-kol-columns.h"
#include "kdx-kol.h"
#include "kdx-list-columns.h"
#include "kdx-record.h"
#include "kdx-value.h"

char *
kdx_list_column_text (const KdxField *column,
                      GObject        *object)
{
  KdxKol *kol = KDX_KOL (object);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *text = NULL;

  if (g_str_equal (column->name, "channel_count"))
    {
      guint n = kdx_kol_get_n_channels (kol);
      return n > 0 ? g_strdup_printf ("%u", n) : g_strdup ("");
    }
  if (g_str_equal (column->name, "days_in_stage"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      return g_strdup_printf ("%d", kdx_kol_get_days_in_stage (kol, now));
    }
  if (kdx_kol_column_is_derived (column))
    return g_strdup ("");

  g_value_init (&value, kdx_field_get_gtype (column));
  kdx_record_get_value (KDX_RECORD (kol), column, &value);
  if (!kdx_field_value_is_set (column, &value))
    return g_strdup ("");
  switch (column->type)
    {
    case KDX_FIELD_ENUM:
      return g_strdup (kdx_enum_get_label (column->enum_type (), g_value_get_enum (&value)));
    case KDX_FIELD_BOOL:
      return g_strdup (g_value_get_boolean (&value) ? _("Yes") : _("No"));
    case KDX_FIELD_INT:
      if (column->check == KDX_FIELD_CHECK_COUNT)
        return g_value_get_int64 (&value) > 0
               ? kdx_value_format_count (g_value_get_int64 (&value), kdx_value_count_style_for_locale ())
               : g_strdup ("");
      /* 0 is "not rated" for a score, "the tier's" for an interval. */
      return g_value_get_int64 (&value) > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (&value))
                                            : g_strdup ("");
    default:
      text = kdx_record_get_string (KDX_RECORD (kol), column);
      if (text != NULL && column->check == KDX_FIELD_CHECK_PLATFORM)
        return g_strdup (kdx_platform_get_label (text));
      /* One line: a bio's or a note's first line is what fits. */
      if (text != NULL)
        g_strdelimit (text, "\n\r", ' ');
      return g_steal_pointer (&text);
    }
}

static void
update_cell (GtkListItem *item)
{
  const KdxField *column = g_object_get_data (G_OBJECT (item), "kdx-column");
  GObject *kol = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = kol != NULL ? kdx_list_column_text (column, kol) : NULL;

  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          const KdxField           *column)
{
  GtkWidget *label = gtk_label_new (NULL);
  GtkGesture *click = gtk_gesture_click_new ();
  KdxCellMenuFunc menu_pressed = g_object_get_data (G_OBJECT (factory), "kdx-menu-pressed");

  gtk_label_set_xalign (GTK_LABEL (label), column->type == KDX_FIELD_INT ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (column->type == KDX_FIELD_INT || column->type == KDX_FIELD_DECIMAL || column->type == KDX_FIELD_DATE)
    gtk_widget_add_css_class (label, "numeric");
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (menu_pressed), item);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (click));
  g_object_set_data (G_OBJECT (item), "kdx-column", (gpointer) column);
  gtk_list_item_set_child (item, label);
}

/* The cell follows the KOL while it shows it: an edit in the file shows
 * in the list at once. */
static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  GObject *kol = gtk_list_item_get_item (item);

  update_cell (item);
  if (kol != NULL)
    g_signal_connect_object (kol, "notify", G_CALLBACK (update_cell), item, G_CONNECT_SWAPPED);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  GObject *kol = gtk_list_item_get_item (item);

  if (kol != NULL)
    g_signal_handlers_disconnect_by_func (kol, update_cell, item);
}

GtkColumnViewColumn *
kdx_list_column_new (const KdxField  *column,
                     KdxCellMenuFunc  menu_pressed)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "kdx-menu-pressed", menu_pressed);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), (gpointer) column);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  view_column = gtk_column_view_column_new (kdx_field_get_label (column), factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_fixed_width (view_column, column->type == KDX_FIELD_TEXT ? 120 : 90);
  return view_column;
}
