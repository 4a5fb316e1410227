/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-lunar-date-editor"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "kdx-calendar.h"
#include "kdx-lunar-date-editor.h"
#include "kdx-lunar.h"

struct _KdxLunarDateEditor
{
  AdwPreferencesGroup  parent_instance;

  KdxRecord           *record;
  GDate                today;
  gboolean             updating;  /* the rows are being set from the record */

  AdwComboRow         *month_row;
  AdwComboRow         *day_row;
  GtkSpinButton       *year_spin;
  AdwActionRow        *next_row;
};

G_DEFINE_FINAL_TYPE (KdxLunarDateEditor, kdx_lunar_date_editor, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SIGNAL_DATE_SET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The lunar calendar's table covers these lunar years whole. */
#define FIRST_YEAR 1901
#define LAST_YEAR 2099

static KdxCalendar
record_calendar (KdxLunarDateEditor *self)
{
  int calendar = KDX_CALENDAR_GREGORIAN;

  g_object_get (self->record, "calendar", &calendar, NULL);
  return calendar;
}

static gboolean
record_date (KdxLunarDateEditor *self,
             GDate              *date)
{
  g_autofree char *text = NULL;

  g_object_get (self->record, "date", &text, NULL);
  int year, month, day;

  g_date_clear (date, 1);
  if (text != NULL && sscanf (text, "%4d-%2d-%2d", &year, &month, &day) == 3
      && g_date_valid_dmy (day, month, year))
    g_date_set_dmy (date, day, month, year);
  return g_date_valid (date);
}

/* "Next: 2027-09-15, in 290 days": what the operator most wants to check
 * after entering a lunar date. */
static void
update_next (KdxLunarDateEditor *self)
{
  g_autofree char *text = NULL;
  g_autofree char *subtitle = NULL;
  gboolean yearly = TRUE;
  GDate next;
  char day[16];
  int days;

  g_object_get (self->record, "date", &text, "yearly", &yearly, NULL);
  next = kdx_date_next_occurrence (text, yearly, KDX_CALENDAR_CHINESE, &self->today);
  if (!g_date_valid (&next))
    {
      adw_action_row_set_subtitle (self->next_row, yearly ? _("Choose a month and a day")
                                                          : _("Not again: the date has passed"));
      return;
    }

  g_date_strftime (day, sizeof day, "%Y-%m-%d", &next);
  days = g_date_days_between (&self->today, &next);
  if (days == 0)
    subtitle = g_strdup_printf (_("%s, today"), day);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, in %d day", "%s, in %d days", days),
                                day, days);
  adw_action_row_set_subtitle (self->next_row, subtitle);
}

/* The record's date, shown as a lunar month, day and year. */
static void
show_record (KdxLunarDateEditor *self)
{
  KdxLunarDate lunar = { 0 };
  GDate date;

  gtk_widget_set_visible (GTK_WIDGET (self), record_calendar (self) == KDX_CALENDAR_CHINESE);

  self->updating = TRUE;
  if (record_date (self, &date) && kdx_lunar_from_gregorian (&date, &lunar, NULL))
    {
      adw_combo_row_set_selected (self->month_row, lunar.month - 1);
      adw_combo_row_set_selected (self->day_row, lunar.day - 1);
      gtk_spin_button_set_value (self->year_spin, lunar.year);
    }
  else
    {
      /* No date yet: nothing looks chosen that is not ("Choose a month
       * and a day" says what to do), so 正月初一 is never stored unseen. */
      adw_combo_row_set_selected (self->month_row, GTK_INVALID_LIST_POSITION);
      adw_combo_row_set_selected (self->day_row, GTK_INVALID_LIST_POSITION);
    }
  self->updating = FALSE;
  update_next (self);
}

/* The month, day and year chosen, as the Gregorian day of that occurrence.
 * The 30th of a month that has 29 days this year is its 29th, as the date
 * recurs (kdx_date_next_occurrence). */
static void
write_record (KdxLunarDateEditor *self)
{
  KdxLunarDate lunar = { 0 };
  g_autoptr(GError) error = NULL;
  char text[16];
  GDate date;

  if (self->updating)
    return;
  /* A month and a day, both, before there is a date. */
  if (adw_combo_row_get_selected (self->month_row) == GTK_INVALID_LIST_POSITION
      || adw_combo_row_get_selected (self->day_row) == GTK_INVALID_LIST_POSITION)
    return;

  lunar.year = gtk_spin_button_get_value_as_int (self->year_spin);
  lunar.month = adw_combo_row_get_selected (self->month_row) + 1;
  lunar.day = MIN (adw_combo_row_get_selected (self->day_row) + 1,
                   kdx_lunar_get_month_days (lunar.year, lunar.month, FALSE));

  if (!kdx_lunar_to_gregorian (&lunar, &date, &error))
    {
      adw_action_row_set_subtitle (self->next_row, error->message);
      return;
    }

  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  self->updating = TRUE;
  g_object_set (self->record, "date", text, NULL);
  self->updating = FALSE;
  update_next (self);
  g_signal_emit (self, signals[SIGNAL_DATE_SET], 0);
}

static void
record_notify_cb (KdxLunarDateEditor *self,
                  GParamSpec         *pspec)
{
  if (self->updating)
    return;
  if (g_str_equal (pspec->name, "calendar") || g_str_equal (pspec->name, "date")
      || g_str_equal (pspec->name, "yearly"))
    show_record (self);
}

static GListModel *
names_model (guint          n,
             gboolean       months)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *name = months ? kdx_lunar_month_name (i, FALSE, KDX_LUNAR_NAMES_CHINESE)
                                     : kdx_lunar_day_name (i, KDX_LUNAR_NAMES_CHINESE);
      gtk_string_list_append (list, name);
    }
  return G_LIST_MODEL (list);
}

static void
kdx_lunar_date_editor_dispose (GObject *object)
{
  KdxLunarDateEditor *self = KDX_LUNAR_DATE_EDITOR (object);

  g_clear_object (&self->record);

  G_OBJECT_CLASS (kdx_lunar_date_editor_parent_class)->dispose (object);
}

static void
kdx_lunar_date_editor_class_init (KdxLunarDateEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdx_lunar_date_editor_dispose;

  signals[SIGNAL_DATE_SET] =
    g_signal_new ("date-set", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdx_lunar_date_editor_init (KdxLunarDateEditor *self)
{
  g_autoptr(GListModel) months = names_model (12, TRUE);
  g_autoptr(GListModel) days = names_model (30, FALSE);
  GtkWidget *year_row = adw_action_row_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Lunar Date"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("The date comes back each year on this lunar month and day"));

  self->month_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->month_row), _("Lunar Month"));
  adw_combo_row_set_model (self->month_row, months);
  gtk_widget_set_name (GTK_WIDGET (self->month_row), "lunar-month");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->month_row));

  self->day_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->day_row), _("Lunar Day"));
  adw_combo_row_set_model (self->day_row, days);
  gtk_widget_set_name (GTK_WIDGET (self->day_row), "lunar-day");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->day_row));

  /* The year of the occurrence entered, e.g. the year of birth. */
  self->year_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (FIRST_YEAR, LAST_YEAR, 1));
  gtk_spin_button_set_numeric (self->year_spin, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->year_spin), GTK_ALIGN_CENTER);
  gtk_widget_set_name (GTK_WIDGET (self->year_spin), "lunar-year");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (year_row), _("Year"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (year_row), _("Of the day entered, such as the year of birth"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (year_row), GTK_WIDGET (self->year_spin));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (year_row), GTK_WIDGET (self->year_spin));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), year_row);

  self->next_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->next_row), _("Next"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->next_row));

  g_signal_connect_swapped (self->month_row, "notify::selected", G_CALLBACK (write_record), self);
  g_signal_connect_swapped (self->day_row, "notify::selected", G_CALLBACK (write_record), self);
  g_signal_connect_swapped (self->year_spin, "value-changed", G_CALLBACK (write_record), self);
}

GtkWidget *
kdx_lunar_date_editor_new (KdxRecord   *record,
                           const GDate *today)
{
  KdxLunarDateEditor *self;

  g_return_val_if_fail (KDX_IS_RECORD (record), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  self = g_object_new (KDX_TYPE_LUNAR_DATE_EDITOR, NULL);
  self->record = g_object_ref (record);
  self->today = *today;
  self->updating = TRUE;
  gtk_spin_button_set_value (self->year_spin, CLAMP (g_date_get_year (today), FIRST_YEAR, LAST_YEAR));
  self->updating = FALSE;
  g_signal_connect_object (record, "notify", G_CALLBACK (record_notify_cb), self, G_CONNECT_SWAPPED);
  show_record (self);
  return GTK_WIDGET (self);
}
