/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-date-picker"

#include "config.h"

#include <glib/gi18n.h>
#include <langinfo.h>
#include <stdio.h>

#include "kdx-date-picker.h"
#include "kdx-value.h"

struct _KdxDatePicker
{
  GtkWidget    parent_instance;

  gboolean     with_time;
  char        *value;    /* the store's text, or NULL */
  gboolean     updating; /* the calendar is being set from the value */

  GtkWidget   *button;
  GtkCalendar *calendar;
  GtkEntry    *time_entry; /* NULL for a date */
};

G_DEFINE_FINAL_TYPE (KdxDatePicker, kdx_date_picker, GTK_TYPE_WIDGET)

enum {
  SIGNAL_PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- text as people write it --------------------------------------------------- */

/* The locale's way of writing a day, with the year in full: a birthday in
 * "02/15/90" could be 1990 or 2090. */
static char *
date_format (void)
{
  g_autoptr(GString) format = g_string_new (nl_langinfo (D_FMT));

  if (format->len == 0)
    g_string_assign (format, "%Y-%m-%d");
  g_string_replace (format, "%y", "%Y", 0);
  return g_string_free (g_steal_pointer (&format), FALSE);
}

/* A value as a local date and time: days are no moment and stay as they
 * are, moments are shown where the user lives. */
static GDateTime *
value_to_local (const char *value,
                gboolean    with_time)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) utc = NULL;

  if (value == NULL || *value == '\0')
    return NULL;
  if (!with_time)
    {
      g_autofree char *midnight = g_strconcat (value, "T00:00:00", NULL);
      return g_date_time_new_from_iso8601 (midnight, local);
    }
  utc = g_date_time_new_from_iso8601 (value, NULL);
  return utc != NULL ? g_date_time_to_local (utc) : NULL;
}

/**
 * kdx_date_picker_format:
 * @value: a date (YYYY-MM-DD) or date-time (ISO 8601) as stored
 *
 * Returns: the value as the user's locale writes it ("11/29/2026 15:45",
 * "2026年11月29日 15:45"), in local time; the value itself when it is not
 * one; "" for none.
 */
char *
kdx_date_picker_format (const char *value,
                        gboolean    with_time)
{
  g_autoptr(GDateTime) local = value_to_local (value, with_time);
  g_autofree char *format = NULL;

  if (local == NULL)
    return g_strdup (value != NULL ? value : "");
  format = date_format ();
  if (with_time)
    {
      g_autofree char *with_clock = g_strconcat (format, " %H:%M", NULL);
      return g_date_time_format (local, with_clock);
    }
  return g_date_time_format (local, format);
}

/* The order of day, month and year in the locale's format. */
static void
date_order (int *day_index,
            int *month_index,
            int *year_index)
{
  g_autofree char *format = date_format ();
  int index = 0;

  *day_index = 2, *month_index = 1, *year_index = 0;
  for (const char *p = format; *p != '\0'; p++)
    {
      if (*p != '%' || p[1] == '\0')
        continue;
      p++;
      while (*p == '-' || *p == '_' || *p == '0')
        p++;
      if (*p == 'd' || *p == 'e')
        *day_index = index++;
      else if (*p == 'm')
        *month_index = index++;
      else if (*p == 'Y')
        *year_index = index++;
    }
}

/* Text written the locale's way, as kdx_date_picker_format() shows it:
 * the numbers in it, in the locale's order, then hours and minutes. */
static char *
parse_localized (const char *text,
                 gboolean    with_time)
{
  int numbers[6] = { 0, };
  guint n = 0;
  int day_index, month_index, year_index;
  int hour = 0, minute = 0, second = 0;
  int year, month, day;
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) moment = NULL;

  for (const char *p = text; *p != '\0';)
    {
      if (!g_ascii_isdigit (*p))
        {
          p++;
          continue;
        }
      if (n == G_N_ELEMENTS (numbers))
        return NULL;
      numbers[n] = 0;
      while (g_ascii_isdigit (*p))
        {
          if (numbers[n] > 99999)
            return NULL;
          numbers[n] = numbers[n] * 10 + (*p++ - '0');
        }
      n++;
    }

  if (n != 3 && !(with_time && (n == 5 || n == 6)))
    return NULL;
  date_order (&day_index, &month_index, &year_index);
  if (day_index > 2 || month_index > 2 || year_index > 2)
    return NULL;
  year = numbers[year_index];
  month = numbers[month_index];
  day = numbers[day_index];
  if (year < 1 || year > 9999 || !g_date_valid_dmy (day, month, year))
    return NULL;
  if (!with_time)
    return g_strdup_printf ("%04d-%02d-%02d", year, month, day);

  if (n >= 5)
    {
      hour = numbers[3];
      minute = numbers[4];
      second = n == 6 ? numbers[5] : 0;
    }
  if (hour > 23 || minute > 59 || second > 59)
    return NULL;
  local = g_time_zone_new_local ();
  moment = g_date_time_new (local, year, month, day, hour, minute, second);
  return moment != NULL ? kdx_value_format_datetime (moment) : NULL;
}

/**
 * kdx_date_picker_parse:
 *
 * Reads a date or date-time as people type it: every form the importer
 * knows (2024-03-01, 2024/3/1, 2024年3月1日, "2024-03-01 14:30"), and the
 * locale's own form that kdx_date_picker_format() shows.
 *
 * Returns: the store's text, or NULL when @text is no such value.
 */
char *
kdx_date_picker_parse (const char *text,
                       gboolean    with_time)
{
  char *known;

  if (text == NULL)
    return NULL;
  known = with_time ? kdx_value_parse_datetime (text) : kdx_value_parse_date (text);
  return known != NULL ? known : parse_localized (text, with_time);
}

/* ---- the popover ------------------------------------------------------------- */

/* "14:30" as hours and minutes. */
static gboolean
parse_clock (const char *text,
             int        *hour,
             int        *minute)
{
  char tail = 0;

  return text != NULL
    && sscanf (text, "%d:%d%c", hour, minute, &tail) == 2
    && *hour >= 0 && *hour <= 23 && *minute >= 0 && *minute <= 59;
}

static void
pick (KdxDatePicker *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *value = NULL;

  if (!self->with_time)
    value = g_date_time_format (day, "%Y-%m-%d");
  else
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();
      g_autoptr(GDateTime) moment = NULL;
      int hour, minute;

      if (!parse_clock (gtk_editable_get_text (GTK_EDITABLE (self->time_entry)), &hour, &minute))
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->time_entry), "error");
          return;
        }
      gtk_widget_remove_css_class (GTK_WIDGET (self->time_entry), "error");
      moment = g_date_time_new (local, g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day), hour, minute, 0);
      value = kdx_value_format_datetime (moment);
    }

  g_free (self->value);
  self->value = g_steal_pointer (&value);
  g_signal_emit (self, signals[SIGNAL_PICKED], 0, self->value);
}

static void
day_selected_cb (KdxDatePicker *self)
{
  if (self->updating)
    return;
  pick (self);
  /* A date is complete with its day; a date-time still has its time. */
  if (!self->with_time)
    gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
}

static void
time_activate_cb (KdxDatePicker *self)
{
  pick (self);
  if (gtk_widget_has_css_class (GTK_WIDGET (self->time_entry), "error"))
    return;
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
}

/* The popover opens on the day shown, or on today for no value. */
static void
popover_show_cb (KdxDatePicker *self)
{
  g_autoptr(GDateTime) shown = value_to_local (self->value, self->with_time);

  if (shown == NULL)
    shown = g_date_time_new_now_local ();
  self->updating = TRUE;
  gtk_calendar_select_day (self->calendar, shown);
  self->updating = FALSE;
  if (self->time_entry != NULL)
    {
      g_autofree char *clock = g_date_time_format (shown, "%H:%M");
      gtk_editable_set_text (GTK_EDITABLE (self->time_entry), clock);
      gtk_widget_remove_css_class (GTK_WIDGET (self->time_entry), "error");
    }
}

static GtkWidget *
build_popover (KdxDatePicker *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar));

  if (self->with_time)
    {
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *label = gtk_label_new_with_mnemonic (_("_Time"));
      GtkWidget *set = gtk_button_new_with_mnemonic (_("_Set"));

      self->time_entry = GTK_ENTRY (gtk_entry_new ());
      gtk_editable_set_width_chars (GTK_EDITABLE (self->time_entry), 6);
      gtk_entry_set_placeholder_text (self->time_entry, "14:30");
      gtk_widget_set_hexpand (GTK_WIDGET (self->time_entry), TRUE);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->time_entry));
      g_signal_connect_swapped (self->time_entry, "activate", G_CALLBACK (time_activate_cb), self);
      g_signal_connect_swapped (set, "clicked", G_CALLBACK (time_activate_cb), self);
      gtk_widget_add_css_class (set, "suggested-action");
      gtk_box_append (GTK_BOX (line), label);
      gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->time_entry));
      gtk_box_append (GTK_BOX (line), set);
      gtk_box_append (GTK_BOX (box), line);
    }

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (popover_show_cb), self);
  return popover;
}

/* ---- object ------------------------------------------------------------------- */

static void
kdx_date_picker_dispose (GObject *object)
{
  KdxDatePicker *self = KDX_DATE_PICKER (object);

  g_clear_pointer (&self->button, gtk_widget_unparent);

  G_OBJECT_CLASS (kdx_date_picker_parent_class)->dispose (object);
}

static void
kdx_date_picker_finalize (GObject *object)
{
  KdxDatePicker *self = KDX_DATE_PICKER (object);

  g_free (self->value);

  G_OBJECT_CLASS (kdx_date_picker_parent_class)->finalize (object);
}

static void
kdx_date_picker_class_init (KdxDatePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_date_picker_dispose;
  object_class->finalize = kdx_date_picker_finalize;

  /**
   * KdxDatePicker::picked:
   * @value: what the user chose, as the store writes it
   */
  signals[SIGNAL_PICKED] =
    g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kdx_date_picker_init (KdxDatePicker *self)
{
  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
}

GtkWidget *
kdx_date_picker_new (gboolean with_time)
{
  KdxDatePicker *self = g_object_new (KDX_TYPE_DATE_PICKER, NULL);
  const char *label = with_time ? _("Choose a Date and Time") : _("Choose a Date");

  self->with_time = with_time;
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), build_popover (self));
  gtk_widget_set_tooltip_text (self->button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return GTK_WIDGET (self);
}

const char *
kdx_date_picker_get_value (KdxDatePicker *self)
{
  g_return_val_if_fail (KDX_IS_DATE_PICKER (self), NULL);
  return self->value;
}

/* The value the popover opens on; picking nothing changes nothing. */
void
kdx_date_picker_set_value (KdxDatePicker *self,
                           const char    *value)
{
  g_return_if_fail (KDX_IS_DATE_PICKER (self));

  if (value != NULL && *value == '\0')
    value = NULL;
  g_free (self->value);
  self->value = g_strdup (value);
}

GtkCalendar *
kdx_date_picker_get_calendar (KdxDatePicker *self)
{
  g_return_val_if_fail (KDX_IS_DATE_PICKER (self), NULL);
  return self->calendar;
}

void
kdx_date_picker_popup (KdxDatePicker *self)
{
  g_return_if_fail (KDX_IS_DATE_PICKER (self));
  gtk_menu_button_popup (GTK_MENU_BUTTON (self->button));
}
