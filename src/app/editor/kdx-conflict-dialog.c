/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-conflict-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kdx-app-resources.h"
#include "kdx-conflict-dialog.h"
#include "kdx-date-picker.h"
#include "kdx-enums.h"
#include "kdx-value.h"

struct _KdxConflictDialog
{
  AdwMessageDialog  parent_instance;

  GStrv             fields;  /* FIELDS.md names, in the order shown */
  GPtrArray        *theirs;  /* per field, its "Theirs" toggle */
  GPtrArray        *mine;    /* per field, its "Mine" toggle */

  GtkListBox       *field_list;
};

G_DEFINE_FINAL_TYPE (KdxConflictDialog, kdx_conflict_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The dialog's width where its window is at least WIDE_PARENT wide. */
#define WIDE_PARENT 720
#define WIDE_WIDTH  480

/* A value as the editor's row shows it, or "empty". */
static char *
shown_value (KdxKol         *kol,
             const KdxField *field)
{
  g_autofree char *text = kdx_record_get_string (KDX_RECORD (kol), field);
  g_auto(GValue) value = G_VALUE_INIT;

  if (text == NULL || *text == '\0')
    return g_strdup (C_("value", "Empty"));

  g_value_init (&value, kdx_field_get_gtype (field));
  kdx_record_get_value (KDX_RECORD (kol), field, &value);
  switch (field->type)
    {
    case KDX_FIELD_ENUM:
      return g_strdup (kdx_enum_get_label (field->enum_type (), g_value_get_enum (&value)));
    case KDX_FIELD_BOOL:
      return g_strdup (g_value_get_boolean (&value) ? _("Yes") : _("No"));
    case KDX_FIELD_DATE:
    case KDX_FIELD_DATETIME:
      return kdx_date_picker_format (text, field->type == KDX_FIELD_DATETIME);
    case KDX_FIELD_INT:
      if (field->check == KDX_FIELD_CHECK_COUNT)
        return kdx_value_format_count (g_value_get_int64 (&value), kdx_value_count_style_for_locale ());
      return g_steal_pointer (&text);
    case KDX_FIELD_IMAGE:
      return g_strdup (_("A picture"));
    case KDX_FIELD_TEXT:
    case KDX_FIELD_DECIMAL:
    case KDX_FIELD_TAGS:
    default:
      return g_steal_pointer (&text);
    }
}

static void
update_save (KdxConflictDialog *self)
{
  gboolean all_chosen = TRUE;

  for (guint i = 0; i < self->theirs->len; i++)
    all_chosen &= gtk_toggle_button_get_active (g_ptr_array_index (self->theirs, i))
               || gtk_toggle_button_get_active (g_ptr_array_index (self->mine, i));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save", all_chosen);
}

static void
choose_all (KdxConflictDialog *self,
            GPtrArray         *toggles)
{
  for (guint i = 0; i < toggles->len; i++)
    gtk_toggle_button_set_active (g_ptr_array_index (toggles, i), TRUE);
}

static void
keep_all_theirs_cb (KdxConflictDialog *self)
{
  choose_all (self, self->theirs);
}

static void
keep_all_mine_cb (KdxConflictDialog *self)
{
  choose_all (self, self->mine);
}

static GtkWidget *
new_toggle (const char *name,
            const char *label,
            const char *description)
{
  GtkWidget *toggle = gtk_toggle_button_new_with_label (label);

  gtk_widget_set_name (toggle, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
  return toggle;
}

/* Who made the newest change @kol records (a stage move or a timeline
 * event: their made_by, schema 11), and when (@at). The kol row does not
 * say who saved it last: that would take a column of its own (a schema
 * change), so this is the latest change Koldex can name. NULL when no
 * entry names anyone (everything made before schema 11). */
static const char *
latest_maker (KdxKol      *kol,
              const char **at)
{
  static const char *const lists[] = { "stage_history", "events" };
  const char *who = NULL;

  *at = NULL;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      GListModel *items = G_LIST_MODEL (kdx_kol_get_list (kol, lists[l]));

      for (guint i = 0; i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr(KdxRecord) item = g_list_model_get_item (items, i);
          const char *made_by = kdx_record_peek_string (item, kdx_record_find_field (item, "made_by"));
          const char *item_at = kdx_record_peek_string (item, kdx_record_find_field (item, "at"));

          /* Times are stored as ISO 8601 UTC, so they sort as text. They
           * go by the second: of two entries in one second the later in
           * its list is the newer (a KOL added and moved at once). */
          if (made_by != NULL && *made_by != '\0' && item_at != NULL
              && (*at == NULL || strcmp (item_at, *at) >= 0))
            {
              who = made_by;
              *at = item_at;
            }
        }
    }
  return who;
}

/* When @value (a stored time) was, as the date picker shows it, with
 * no-break spaces: a narrow dialog wrapped the Chinese "2026年11月30日
 * 08:24" between the date and the time, which reads as two facts. */
static char *
format_when (const char *value)
{
  g_autofree char *shown = kdx_date_picker_format (value, TRUE);
  g_auto(GStrv) parts = g_strsplit (shown, " ", -1);

  return g_strjoinv ("\u00a0", parts);
}

/* One field: their value, mine, and the choice. When and by whom theirs
 * was saved is the same for every field: the body says it once, where it
 * has the dialog's width (in a row beside the choice a narrow dialog
 * broke "2026年11月30日 08:24" and a name across lines). */
static void
add_field (KdxConflictDialog *self,
           const KdxField    *field,
           KdxKol            *mine,
           KdxKol            *theirs)
{
  g_autofree char *their_value = shown_value (theirs, field);
  g_autofree char *my_value = shown_value (mine, field);
  g_autofree char *their_line = NULL;
  g_autofree char *my_line = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *choice = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *theirs_toggle, *mine_toggle;

  /* Translators: %s: the value another operator saved */
  their_line = g_strdup_printf (_("Theirs: %s"), their_value);
  /* Translators: %s: the value this operator typed */
  my_line = g_strdup_printf (_("Mine: %s"), my_value);
  subtitle = g_strdup_printf ("%s\n%s", their_line, my_line);

  gtk_widget_set_name (row, field->name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kdx_field_get_label (field));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  theirs_toggle = new_toggle ("theirs", C_("conflict", "Theirs"), their_line);
  mine_toggle = new_toggle ("mine", C_("conflict", "Mine"), my_line);
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (mine_toggle), GTK_TOGGLE_BUTTON (theirs_toggle));
  g_signal_connect_swapped (theirs_toggle, "toggled", G_CALLBACK (update_save), self);
  g_signal_connect_swapped (mine_toggle, "toggled", G_CALLBACK (update_save), self);
  gtk_box_append (GTK_BOX (choice), theirs_toggle);
  gtk_box_append (GTK_BOX (choice), mine_toggle);
  gtk_widget_add_css_class (choice, "linked");
  gtk_widget_set_valign (choice, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), choice);

  g_ptr_array_add (self->theirs, theirs_toggle);
  g_ptr_array_add (self->mine, mine_toggle);
  gtk_list_box_append (self->field_list, row);
}

static void
kdx_conflict_dialog_finalize (GObject *object)
{
  KdxConflictDialog *self = KDX_CONFLICT_DIALOG (object);

  g_strfreev (self->fields);
  g_ptr_array_unref (self->theirs);
  g_ptr_array_unref (self->mine);

  G_OBJECT_CLASS (kdx_conflict_dialog_parent_class)->finalize (object);
}

static void
kdx_conflict_dialog_class_init (KdxConflictDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = kdx_conflict_dialog_finalize;

  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/kdx-conflict-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxConflictDialog, field_list);
  gtk_widget_class_bind_template_callback (widget_class, keep_all_theirs_cb);
  gtk_widget_class_bind_template_callback (widget_class, keep_all_mine_cb);
}

static void
kdx_conflict_dialog_init (KdxConflictDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->theirs = g_ptr_array_new ();
  self->mine = g_ptr_array_new ();
}

/**
 * kdx_conflict_dialog_new:
 * @mine: the file as the operator edited it
 * @theirs: the file as stored now (kdx_store_load_kol_with_version())
 * @fields: the fields both changed (FIELDS.md names)
 */
KdxConflictDialog *
kdx_conflict_dialog_new (GtkWindow          *parent,
                         KdxKol             *mine,
                         KdxKol             *theirs,
                         const char * const *fields)
{
  KdxConflictDialog *self;
  g_autofree char *saved_at = NULL;
  g_autofree char *body = NULL;
  const char *updated_at;
  const char *maker_at = NULL;
  const char *maker;
  g_autofree char *who = NULL;

  g_return_val_if_fail (KDX_IS_KOL (mine), NULL);
  g_return_val_if_fail (KDX_IS_KOL (theirs), NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  self = g_object_new (KDX_TYPE_CONFLICT_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->fields = g_strdupv ((GStrv) fields);
  /* A message dialog keeps to about 372 px, which wrapped the heading
   * and the body into many short lines; where the window has the room,
   * the fields and the choices get more. */
  if (parent != NULL && gtk_widget_get_width (GTK_WIDGET (parent)) >= WIDE_PARENT)
    gtk_window_set_default_size (GTK_WINDOW (self), WIDE_WIDTH, -1);

  updated_at = kdx_kol_get_updated_at (theirs);
  if (updated_at != NULL)
    saved_at = format_when (updated_at);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: %s: a KOL's name */
                                       "While you were editing “%s”, someone else saved another value "
                                       "in the same field. Nothing of yours is saved yet: choose which "
                                       "value to keep.",
                                       "While you were editing “%s”, someone else saved other values "
                                       "in the same fields. Nothing of yours is saved yet: choose which "
                                       "value to keep for each.",
                                       g_strv_length ((GStrv) fields)),
                          kdx_kol_get_display_name (theirs));

  /* The save itself made the newest entry (a move saved with the file):
   * its maker saved it. Otherwise the save is nobody's on record, and
   * the latest change that is names its maker apart. */
  maker = latest_maker (theirs, &maker_at);
  if (maker != NULL && g_strcmp0 (maker_at, updated_at) == 0 && saved_at != NULL)
    /* Translators: a name, then when that operator saved the values shown as theirs */
    who = g_strdup_printf (_("Theirs: saved by %s, %s."), maker, saved_at);
  else
    {
      g_autofree char *when_saved = NULL;
      g_autofree char *known = NULL;

      if (saved_at != NULL)
        /* Translators: when another operator saved the values shown as theirs */
        when_saved = g_strdup_printf (_("Theirs: saved %s."), saved_at);
      if (maker != NULL)
        {
          g_autofree char *when = format_when (maker_at);

          /* Translators: a name, then when that operator made the change */
          known = g_strdup_printf (_("Who saved it is not recorded. The latest change on record was "
                                     "made by %s, %s."), maker, when);
        }
      if (when_saved != NULL || known != NULL)
        who = g_strjoin ("\n", when_saved != NULL ? when_saved : known,
                         when_saved != NULL ? known : NULL, NULL);
    }
  if (who != NULL)
    {
      g_autofree char *alone = g_steal_pointer (&body);

      body = g_strdup_printf ("%s\n\n%s", alone, who);
    }
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      const KdxField *field = kdx_record_find_field (KDX_RECORD (theirs), fields[i]);

      if (field != NULL)
        add_field (self, field, mine, theirs);
    }
  update_save (self);
  return self;
}

/* Returns: (transfer full): the fields of the conflict, as given */
GStrv
kdx_conflict_dialog_get_fields (KdxConflictDialog *self)
{
  g_return_val_if_fail (KDX_IS_CONFLICT_DIALOG (self), NULL);
  return g_strdupv (self->fields);
}

/* Returns: (transfer full): the fields whose stored value the operator keeps */
GStrv
kdx_conflict_dialog_get_theirs (KdxConflictDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint shown = 0;

  g_return_val_if_fail (KDX_IS_CONFLICT_DIALOG (self), NULL);

  for (guint i = 0; self->fields[i] != NULL; i++)
    {
      const KdxField *field = kdx_record_type_find_field (KDX_TYPE_KOL, self->fields[i]);

      if (field == NULL)
        continue;
      if (gtk_toggle_button_get_active (g_ptr_array_index (self->theirs, shown)))
        g_strv_builder_add (builder, self->fields[i]);
      shown++;
    }
  return g_strv_builder_end (builder);
}
