/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-field-row"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-date-picker.h"
#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-field-row.h"
#include "kdx-value.h"

/* What a row remembers: its record and field, and whether the text it
 * shows is a value the record holds. A field row is one of the small
 * classes below, one per libadwaita row it is built on, each holding this
 * state as a field (tests and callers see the libadwaita row). */
typedef struct
{
  KdxRecord      *record; /* weak: the record outlives its editor's rows */
  const KdxField *field;
  gboolean        valid;
  gboolean        updating; /* the row is being filled from the record */
  gboolean        editing;  /* the focus is in the row */
  char           *reason;
  GtkWidget      *row;
  GtkWidget      *editor;   /* the switch or text view, for rows that are not the editor */
  GtkWidget      *picker;   /* a date's calendar button */
  guint           apply_source;
} RowState;

static void record_gone_cb (gpointer data, GObject *where_the_object_was);

/* From dispose: the row may be disposed more than once. */
static void
row_state_clear (RowState *state)
{
  g_clear_handle_id (&state->apply_source, g_source_remove);
  if (state->record != NULL)
    g_object_weak_unref (G_OBJECT (state->record), record_gone_cb, state);
  state->record = NULL;
  g_clear_pointer (&state->reason, g_free);
}

#define DEFINE_FIELD_ROW(TypeName, type_name, TYPE_NAME, ParentName, PARENT_TYPE)        \
  G_DECLARE_FINAL_TYPE (TypeName, type_name, KDX, TYPE_NAME, ParentName)                \
  struct _##TypeName                                                                    \
  {                                                                                     \
    ParentName parent_instance;                                                         \
    RowState   state;                                                                   \
  };                                                                                    \
  G_DEFINE_FINAL_TYPE (TypeName, type_name, PARENT_TYPE)                                \
  static void                                                                           \
  type_name##_dispose (GObject *object)                                                 \
  {                                                                                     \
    row_state_clear (&((TypeName *) object)->state);                                    \
    G_OBJECT_CLASS (type_name##_parent_class)->dispose (object);                        \
  }                                                                                     \
  static void                                                                           \
  type_name##_class_init (TypeName##Class *klass)                                       \
  {                                                                                     \
    G_OBJECT_CLASS (klass)->dispose = type_name##_dispose;                              \
  }                                                                                     \
  static void                                                                           \
  type_name##_init (TypeName *self)                                                     \
  {                                                                                     \
  }

DEFINE_FIELD_ROW (KdxFieldEntryRow, kdx_field_entry_row, FIELD_ENTRY_ROW, AdwEntryRow, ADW_TYPE_ENTRY_ROW)
DEFINE_FIELD_ROW (KdxFieldComboRow, kdx_field_combo_row, FIELD_COMBO_ROW, AdwComboRow, ADW_TYPE_COMBO_ROW)
DEFINE_FIELD_ROW (KdxFieldSwitchRow, kdx_field_switch_row, FIELD_SWITCH_ROW, AdwActionRow, ADW_TYPE_ACTION_ROW)
DEFINE_FIELD_ROW (KdxFieldTextRow, kdx_field_text_row, FIELD_TEXT_ROW, AdwPreferencesRow, ADW_TYPE_PREFERENCES_ROW)

/* Returns: (nullable): the state of a field row; NULL for another widget */
static RowState *
get_state (GtkWidget *row)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (row, kdx_field_entry_row_get_type ()))
    return &((KdxFieldEntryRow *) row)->state;
  if (G_TYPE_CHECK_INSTANCE_TYPE (row, kdx_field_combo_row_get_type ()))
    return &((KdxFieldComboRow *) row)->state;
  if (G_TYPE_CHECK_INSTANCE_TYPE (row, kdx_field_switch_row_get_type ()))
    return &((KdxFieldSwitchRow *) row)->state;
  if (G_TYPE_CHECK_INSTANCE_TYPE (row, kdx_field_text_row_get_type ()))
    return &((KdxFieldTextRow *) row)->state;
  return NULL;
}

/* Long free text: edited in a text area rather than one line. */
gboolean
kdx_field_is_multiline (const KdxField *field)
{
  static const char *const multiline[] = {
    "bio", "personality", "preferences", "address", "fan_quality", "incentives",
    "demands", "notes", "summary", NULL
  };

  return field->type == KDX_FIELD_TEXT && g_strv_contains (multiline, field->name);
}

static gboolean
is_date (const KdxField *field)
{
  return field->type == KDX_FIELD_DATE || field->type == KDX_FIELD_DATETIME;
}

/* Stars read faster than digits for a 0-5 score; 0 means "not rated". */
static const char *const score_labels[] = {
  N_("Not rated"), "★", "★★", "★★★", "★★★★", "★★★★★", NULL
};

static void
mark (GtkWidget  *row,
      const char *reason)
{
  RowState *state = get_state (row);
  const char *label = kdx_field_get_label (state->field);

  state->valid = reason == NULL;
  g_free (state->reason);
  state->reason = g_strdup (reason);

  if (reason != NULL)
    {
      /* Translators: a field's name, then why what was typed is refused */
      g_autofree char *text = g_strdup_printf (_("%s: %s"), label, reason);
      g_autofree char *title = g_markup_escape_text (text, -1); /* titles are markup */

      gtk_widget_add_css_class (row, "error");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/* The error text without the "field: “value”" the parser puts first,
 * since the row already shows both. */
static const char *
reason_of (GError     *error,
           const char *text)
{
  const char *message = error->message;
  g_autofree char *prefix = g_strdup_printf ("“%s” ", text);
  const char *found = strstr (message, prefix);

  if (found != NULL)
    return found + strlen (prefix);
  found = strstr (message, ": ");
  return found != NULL ? found + 2 : message;
}

static void
apply_text (GtkWidget  *row,
            const char *text)
{
  RowState *state = get_state (row);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  if (state->updating || state->record == NULL)
    return;

  if (is_date (state->field))
    {
      /* Dates may be typed as they are shown, in the locale's form. */
      g_autofree char *parsed = kdx_date_picker_parse (text, state->field->type == KDX_FIELD_DATETIME);

      if (parsed != NULL)
        {
          mark (row, NULL);
          g_value_init (&value, G_TYPE_STRING);
          g_value_take_string (&value, g_steal_pointer (&parsed));
          kdx_record_set_value (state->record, state->field, &value);
          return;
        }
    }

  if (!kdx_field_parse (state->field, text, &value, &error))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (text));
      mark (row, reason_of (error, trimmed));
      return;
    }

  mark (row, NULL);
  kdx_record_set_value (state->record, state->field, &value);
}

static gboolean
apply_idle_cb (gpointer user_data)
{
  RowState *state = user_data;
  GtkWidget *row = state->row;
  GtkWidget *editor = state->editor;

  state->apply_source = 0;
  if (GTK_IS_TEXT_VIEW (editor))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      apply_text (row, text);
    }
  else
    apply_text (row, gtk_editable_get_text (GTK_EDITABLE (row)));
  return G_SOURCE_REMOVE;
}

/* Replacing a selection is a deletion and an insertion, two "changed" in
 * one go; the empty text between them must not be taken for the value.
 * So the text is read once things are quiet. */
static void
text_changed_cb (GtkWidget *row)
{
  RowState *state = get_state (row);

  if (state->updating || state->apply_source != 0)
    return;
  state->apply_source = g_idle_add (apply_idle_cb, state);
}

static void
combo_selected_cb (AdwComboRow *combo,
                   GParamSpec  *pspec,
                   GtkWidget   *row)
{
  RowState *state = get_state (row);
  guint selected = adw_combo_row_get_selected (combo);
  g_auto(GValue) value = G_VALUE_INIT;

  if (state->updating || state->record == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  g_value_init (&value, kdx_field_get_gtype (state->field));
  if (state->field->type == KDX_FIELD_ENUM)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (state->field->enum_type ());
      g_value_set_enum (&value, klass->values[selected].value);
    }
  else if (state->field->type == KDX_FIELD_INT)
    g_value_set_int64 (&value, selected);
  else
    {
      /* A churn reason: the first item is "none". */
      const char *const *known = kdx_churn_reason_known_values ();
      g_value_set_string (&value, selected == 0 ? NULL : known[selected - 1]);
    }
  kdx_record_set_value (state->record, state->field, &value);
}

static void
switch_active_cb (GtkSwitch  *toggle,
                  GParamSpec *pspec,
                  GtkWidget  *row)
{
  RowState *state = get_state (row);
  g_auto(GValue) value = G_VALUE_INIT;

  if (state->updating || state->record == NULL)
    return;

  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, gtk_switch_get_active (toggle));
  kdx_record_set_value (state->record, state->field, &value);
}

/* The text a row shows for the stored value: labels for known platforms,
 * dates in the locale's form, counts as people write them (12.5万, 8.5M;
 * every digit while the row is being edited, and nothing for 0: a count
 * nobody entered is unknown), the canonical text otherwise. */
static char *
display_text (RowState *state)
{
  g_autofree char *text = kdx_record_get_string (state->record, state->field);

  if (state->field->check == KDX_FIELD_CHECK_PLATFORM && *text != '\0')
    return g_strdup (kdx_platform_get_label (text));
  if (state->field->check == KDX_FIELD_CHECK_CHANNEL && *text != '\0')
    return g_strdup (kdx_channel_get_label (text));
  /* 0 days is "the tier's interval": shown as nothing, like an unknown count. */
  if (state->field->check == KDX_FIELD_CHECK_DAYS && g_str_equal (text, "0"))
    return g_strdup ("");
  if (is_date (state->field))
    return kdx_date_picker_format (text, state->field->type == KDX_FIELD_DATETIME);
  if (state->field->check == KDX_FIELD_CHECK_COUNT)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      gint64 count;

      g_value_init (&value, G_TYPE_INT64);
      kdx_record_get_value (state->record, state->field, &value);
      count = g_value_get_int64 (&value);
      if (count == 0)
        return g_strdup ("");
      if (state->editing)
        return kdx_value_format_int (count);
      return kdx_value_format_count (count, kdx_value_count_style_for_locale ());
    }
  return g_steal_pointer (&text);
}

/**
 * kdx_field_row_refresh:
 *
 * Shows the record's current value again, dropping any invalid text.
 */
void
kdx_field_row_refresh (GtkWidget *row)
{
  RowState *state = get_state (row);
  g_autofree char *text = NULL;
  GtkWidget *editor;

  if (state == NULL || state->record == NULL)
    return;

  state->updating = TRUE;
  text = display_text (state);
  editor = state->editor;

  if (GTK_IS_TEXT_VIEW (editor))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
      GtkTextIter start, end;
      g_autofree char *current = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      current = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (g_strcmp0 (current, text) != 0)
        gtk_text_buffer_set_text (buffer, text, -1);
    }
  else if (GTK_IS_SWITCH (editor))
    gtk_switch_set_active (GTK_SWITCH (editor), g_str_equal (text, "true"));
  else if (ADW_IS_COMBO_ROW (row))
    {
      g_auto(GValue) value = G_VALUE_INIT;
      guint selected = 0;

      g_value_init (&value, kdx_field_get_gtype (state->field));
      kdx_record_get_value (state->record, state->field, &value);
      if (state->field->type == KDX_FIELD_ENUM)
        {
          g_autoptr(GEnumClass) klass = g_type_class_ref (state->field->enum_type ());
          for (guint i = 0; i < klass->n_values; i++)
            if (klass->values[i].value == g_value_get_enum (&value))
              selected = i;
        }
      else if (state->field->type == KDX_FIELD_INT)
        selected = CLAMP (g_value_get_int64 (&value), 0, 5);
      else
        {
          const char *const *known = kdx_churn_reason_known_values ();
          for (guint i = 0; known[i] != NULL; i++)
            if (g_strcmp0 (known[i], g_value_get_string (&value)) == 0)
              selected = i + 1;
        }
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
    }
  else if (GTK_IS_EDITABLE (row))
    {
      GtkWidget *picker = state->picker;

      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) != 0)
        gtk_editable_set_text (GTK_EDITABLE (row), text);
      if (picker != NULL)
        {
          g_autofree char *value = kdx_record_get_string (state->record, state->field);
          kdx_date_picker_set_value (KDX_DATE_PICKER (picker), value);
        }
    }

  mark (row, NULL);
  state->updating = FALSE;
}

/* A day picked in the calendar goes into the record as it is. */
static void
date_picked_cb (KdxDatePicker *picker,
                const char    *picked,
                GtkWidget     *row)
{
  RowState *state = get_state (row);
  g_auto(GValue) value = G_VALUE_INIT;

  if (state->record == NULL)
    return;
  g_clear_handle_id (&state->apply_source, g_source_remove);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, picked);
  kdx_record_set_value (state->record, state->field, &value);
  kdx_field_row_refresh (row);
}

/* A count shows every digit while it is edited, and its short form
 * otherwise (see display_text()). Invalid text stays as typed. */
static void
count_focus_changed (GtkWidget *row,
                     gboolean   editing)
{
  RowState *state = get_state (row);

  /* Told by the signal: the row's focus flags are not yet up to date
   * while it runs. */
  state->editing = editing;
  if (state->apply_source != 0)
    {
      g_clear_handle_id (&state->apply_source, g_source_remove);
      apply_idle_cb (state);
    }
  if (state->valid)
    kdx_field_row_refresh (row);
}

static void
count_focus_enter_cb (GtkEventControllerFocus *controller,
                      GtkWidget               *row)
{
  count_focus_changed (row, TRUE);
}

static void
count_focus_leave_cb (GtkEventControllerFocus *controller,
                      GtkWidget               *row)
{
  count_focus_changed (row, FALSE);
}

static GtkWidget *
new_combo_row (const char *const *labels,
               gboolean           translate)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GtkWidget *row = g_object_new (kdx_field_combo_row_get_type (), NULL);

  for (guint i = 0; labels[i] != NULL; i++)
    gtk_string_list_append (model, translate ? _(labels[i]) : labels[i]);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  return row;
}

static GtkWidget *
new_enum_row (GType enum_type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; i < klass->n_values; i++)
    g_ptr_array_add (labels, (gpointer) kdx_enum_get_label (enum_type, klass->values[i].value));
  g_ptr_array_add (labels, NULL);
  return new_combo_row ((const char *const *) labels->pdata, FALSE);
}

static GtkWidget *
new_churn_row (void)
{
  const char *const *known = kdx_churn_reason_known_values ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  g_ptr_array_add (labels, (gpointer) C_("churn reason", "None"));
  for (guint i = 0; known[i] != NULL; i++)
    g_ptr_array_add (labels, (gpointer) kdx_churn_reason_get_label (known[i]));
  g_ptr_array_add (labels, NULL);
  return new_combo_row ((const char *const *) labels->pdata, FALSE);
}

static void
channel_chosen_cb (GtkListBox    *list,
                   GtkListBoxRow *choice,
                   GtkWidget     *row)
{
  RowState *state = get_state (row);
  /* The choices are the known channels, in their order. */
  const char *channel = kdx_channel_known_values ()[gtk_list_box_row_get_index (choice)];
  g_auto(GValue) value = G_VALUE_INIT;

  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_POPOVER)));
  if (state->record == NULL)
    return;
  g_clear_handle_id (&state->apply_source, g_source_remove);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, channel);
  kdx_record_set_value (state->record, state->field, &value);
  kdx_field_row_refresh (row);
}

/* The known channels to pick from; the entry still takes any other text,
 * as a platform's does. */
static GtkWidget *
new_channel_menu (GtkWidget *row)
{
  const char *const *known = kdx_channel_known_values ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  for (guint i = 0; known[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (kdx_channel_get_label (known[i]));
      GtkWidget *choice = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (choice), label);
      gtk_list_box_append (GTK_LIST_BOX (list), choice);
    }
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (list), TRUE);
  g_signal_connect (list, "row-activated", G_CALLBACK (channel_chosen_cb), row);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);

  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "pan-down-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose a channel"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a channel"), -1);
  return button;
}

/* A titled text area in a list row, for notes and other long text. */
static GtkWidget *
new_text_area_row (const KdxField *field,
                   GtkWidget     **text_view)
{
  GtkWidget *row = g_object_new (kdx_field_text_row_get_type (), NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "caption");
  gtk_widget_add_css_class (title, "dim-label");
  g_object_bind_property (row, "title", title, "label", G_BINDING_SYNC_CREATE);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_size_request (view, -1, 48);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 2);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 2);
  gtk_widget_add_css_class (view, "inline");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kdx_field_get_label (field), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE, -1);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), view);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  *text_view = view;
  return row;
}

static void
record_gone_cb (gpointer  data,
                GObject  *where_the_object_was)
{
  RowState *state = data;

  state->record = NULL;
}

GtkWidget *
kdx_field_row_new (KdxRecord      *record,
                   const KdxField *field)
{
  RowState *state;
  GtkWidget *row;
  GtkWidget *editor = NULL;
  GtkWidget *picker = NULL;

  g_return_val_if_fail (KDX_IS_RECORD (record), NULL);

  if (field->type == KDX_FIELD_ENUM)
    row = new_enum_row (field->enum_type ());
  else if (field->type == KDX_FIELD_INT && field->check == KDX_FIELD_CHECK_SCORE)
    row = new_combo_row (score_labels, TRUE);
  else if (field->check == KDX_FIELD_CHECK_CHURN_REASON)
    row = new_churn_row ();
  else if (field->type == KDX_FIELD_BOOL)
    {
      row = g_object_new (kdx_field_switch_row_get_type (), NULL);
      editor = gtk_switch_new ();
      gtk_widget_set_valign (editor, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), editor);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), editor);
    }
  else if (kdx_field_is_multiline (field))
    row = new_text_area_row (field, &editor);
  else
    {
      row = g_object_new (kdx_field_entry_row_get_type (), NULL);
      if (is_date (field))
        {
          picker = kdx_date_picker_new (field->type == KDX_FIELD_DATETIME);

          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), picker);
          g_signal_connect (picker, "picked", G_CALLBACK (date_picked_cb), row);
        }
      if (field->type == KDX_FIELD_DATE)
        gtk_widget_set_tooltip_text (row, _("A date such as 2024-03-01"));
      else if (field->type == KDX_FIELD_DATETIME)
        gtk_widget_set_tooltip_text (row, _("A date and time such as 2024-03-01 14:30"));
      else if (field->type == KDX_FIELD_TAGS)
        gtk_widget_set_tooltip_text (row, _("Separate tags with commas"));
      else if (field->check == KDX_FIELD_CHECK_COUNT)
        {
          GtkEventController *focus = gtk_event_controller_focus_new ();

          g_signal_connect (focus, "enter", G_CALLBACK (count_focus_enter_cb), row);
          g_signal_connect (focus, "leave", G_CALLBACK (count_focus_leave_cb), row);
          gtk_widget_add_controller (row, focus);
          gtk_widget_set_tooltip_text (row, _("Such as 3000, 45k or 12.5万"));
        }
      else if (field->check == KDX_FIELD_CHECK_PLATFORM)
        gtk_widget_set_tooltip_text (row, _("Weibo, Douyin, Xiaohongshu, Bilibili… or any other name"));
      else if (field->check == KDX_FIELD_CHECK_CHANNEL)
        {
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), new_channel_menu (row));
          gtk_widget_set_tooltip_text (row, _("Phone, a group, Weibo… or any other way"));
        }
      else if (field->check == KDX_FIELD_CHECK_DAYS)
        gtk_widget_set_tooltip_text (row, _("Days between contacts; empty uses the tier's interval"));
    }

  state = get_state (row);
  state->record = record;
  state->field = field;
  state->valid = TRUE;
  state->editor = editor;
  state->picker = picker;
  g_object_weak_ref (G_OBJECT (record), record_gone_cb, state);
  gtk_widget_set_name (row, field->name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kdx_field_get_label (field));
  state->row = row;
  kdx_field_row_refresh (row);

  if (GTK_IS_TEXT_VIEW (editor))
    g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor)), "changed",
                              G_CALLBACK (text_changed_cb), row);
  else if (GTK_IS_SWITCH (editor))
    g_signal_connect (editor, "notify::active", G_CALLBACK (switch_active_cb), row);
  else if (ADW_IS_COMBO_ROW (row))
    g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), row);
  else
    g_signal_connect (row, "changed", G_CALLBACK (text_changed_cb), NULL);

  return row;
}

gboolean
kdx_field_row_is_valid (GtkWidget *row)
{
  RowState *state = get_state (row);

  /* Text typed a moment ago counts. */
  if (state != NULL && state->apply_source != 0)
    {
      g_clear_handle_id (&state->apply_source, g_source_remove);
      apply_idle_cb (state);
    }

  return state == NULL || state->valid;
}

/**
 * kdx_field_row_peek_valid:
 *
 * Whether the row's text was taken, as last checked: unlike
 * kdx_field_row_is_valid() it does not read text typed a moment ago.
 */
gboolean
kdx_field_row_peek_valid (GtkWidget *row)
{
  RowState *state = get_state (row);

  return state == NULL || state->valid;
}
