/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-log-contact"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-app-resources.h"
#include "kdx-clock.h"
#include "kdx-contact-log.h"
#include "kdx-date-picker.h"
#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-log-contact-dialog.h"
#include "kdx-window.h"

/* The choices are rows of pills (GtkFlowBox children named after their
 * value), so arrows move between them, a click picks one and Enter logs:
 * the common case is a kind, an outcome, a follow-up, and Enter. */

struct _KdxLogContactDialog
{
  AdwWindow       parent_instance;

  KdxStore       *store;
  GArray         *ids;
  GSettings      *settings;
  GPtrArray      *channel_values; /* the channel row's values, its order */
  KdxDatePicker  *date_picker;

  AdwWindowTitle *window_title;
  GtkLabel       *error_label;
  GtkFlowBox     *kind_box;
  GtkWidget      *outcome_group;
  GtkFlowBox     *outcome_box;
  AdwComboRow    *channel_row;
  AdwEntryRow    *amount_row;
  AdwEntryRow    *note_row;
  GtkFlowBox     *follow_up_box;
  GtkWidget      *date_group;
  AdwActionRow   *date_row;
};

G_DEFINE_FINAL_TYPE (KdxLogContactDialog, kdx_log_contact_dialog, ADW_TYPE_WINDOW)

/* The follow-up choices; "keep" leaves each KOL's date as it is. */
static const struct
{
  const char *value;
  const char *label;
  int         days; /* from today; -1 for none of them */
} follow_ups[] = {
  { "none", NC_("follow-up", "None"), -1 },
  { "keep", NC_("follow-up", "Keep as is"), -1 },
  { "3-days", NC_("follow-up", "In 3 days"), 3 },
  { "week", NC_("follow-up", "In a week"), 7 },
  { "two-weeks", NC_("follow-up", "In two weeks"), 14 },
  { "date", NC_("follow-up", "A date…"), -1 },
};

/* Personal WeChat and the ways operators reach people first, then a
 * platform's direct messages, then anything else. */
static const char *const first_channels[] = {
  "wechat", "phone", "sms", "email", "group", "in_person", "agent", "forum", NULL
};

/* ---- choices -------------------------------------------------------------------- */

static void
add_choice (GtkFlowBox *box,
            const char *value,
            const char *label)
{
  GtkWidget *text = gtk_label_new (label);
  GtkWidget *child = gtk_flow_box_child_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();

  /* Enter on a pill logs, as Enter in the note does; the box itself
   * would take it (and Space, which still picks) as "activate". */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Return|KP_Enter|ISO_Enter"),
                                                          gtk_named_action_new ("log-contact.log")));
  gtk_widget_add_controller (child, keys);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), text);
  gtk_widget_set_name (child, value);
  gtk_flow_box_append (box, child);
}

static GtkFlowBoxChild *
find_choice (GtkFlowBox *box,
             const char *value)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_name (child), value) == 0)
      return GTK_FLOW_BOX_CHILD (child);
  return NULL;
}

/* The value of the chosen pill, or NULL. */
static const char *
chosen (GtkFlowBox *box)
{
  g_autoptr(GList) selected = gtk_flow_box_get_selected_children (box);

  return selected != NULL ? gtk_widget_get_name (selected->data) : NULL;
}

static void
choose (GtkFlowBox *box,
        const char *value)
{
  GtkFlowBoxChild *child = find_choice (box, value);

  if (child == NULL)
    child = gtk_flow_box_get_child_at_index (box, 0);
  gtk_flow_box_select_child (box, child);
}

/* The keyboard on a row of pills: on the chosen one, or the first. Moved
 * there as Tab moves focus (not grabbed), so the box takes it as its
 * cursor and the arrows go on from there. */
static void
focus_choices (GtkFlowBox *box)
{
  g_autoptr(GList) selected = gtk_flow_box_get_selected_children (box);
  GtkWidget *child = selected != NULL ? selected->data
                                      : GTK_WIDGET (gtk_flow_box_get_child_at_index (box, 0));

  if (child != NULL)
    gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD);
}

/* Alt+K, Alt+O, Alt+F: the labels' mnemonics reach the pills. */
static gboolean
mnemonic_activate_cb (GtkFlowBox *box,
                      gboolean    group_cycling)
{
  focus_choices (box);
  return TRUE;
}

static KdxEventKind
chosen_kind (KdxLogContactDialog *self)
{
  int kind = KDX_EVENT_KIND_OUTREACH;

  kdx_enum_from_string (KDX_TYPE_EVENT_KIND, chosen (self->kind_box), &kind);
  return kind;
}

static const char *
chosen_channel (KdxLogContactDialog *self)
{
  guint position = adw_combo_row_get_selected (self->channel_row);

  if (position >= self->channel_values->len)
    return NULL;
  return g_ptr_array_index (self->channel_values, position);
}

static void
fill_channels (KdxLogContactDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *const *known = kdx_channel_known_values ();

  self->channel_values = g_ptr_array_new ();
  /* No channel: a note, or a contact nobody wants to file by channel. */
  g_ptr_array_add (self->channel_values, (gpointer) "");
  gtk_string_list_append (labels, C_("channel", "Not said"));
  for (guint i = 0; first_channels[i] != NULL; i++)
    g_ptr_array_add (self->channel_values, (gpointer) first_channels[i]);
  for (guint i = 0; known[i] != NULL; i++)
    if (!g_strv_contains (first_channels, known[i]))
      g_ptr_array_add (self->channel_values, (gpointer) known[i]);
  for (guint i = 1; i < self->channel_values->len; i++)
    gtk_string_list_append (labels, kdx_channel_get_label (g_ptr_array_index (self->channel_values, i)));
  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (labels));
}

static void
choose_channel (KdxLogContactDialog *self,
                const char          *value)
{
  for (guint i = 0; i < self->channel_values->len; i++)
    if (g_str_equal (g_ptr_array_index (self->channel_values, i), value))
      {
        adw_combo_row_set_selected (self->channel_row, i);
        return;
      }
}

/* ---- the contact ---------------------------------------------------------------- */

static char *
today_plus (guint days)
{
  /* The app's today, as Today counts it (KOLDEX_TODAY can fix it). */
  GDate today = kdx_clock_today ();

  return kdx_contact_log_date_in (&today, days);
}

/* The contact as the dialog shows it now. */
static KdxContactLog *
read_log (KdxLogContactDialog *self)
{
  KdxContactLog *log = kdx_contact_log_new (chosen_kind (self));
  const char *follow_up = chosen (self->follow_up_box);
  const char *outcome = chosen (self->outcome_box);
  const char *amount = gtk_editable_get_text (GTK_EDITABLE (self->amount_row));
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));
  int value;

  if (log->kind == KDX_EVENT_KIND_OUTREACH && outcome != NULL
      && kdx_enum_from_string (KDX_TYPE_OUTCOME, outcome, &value))
    log->outcome = value;
  if (log->kind != KDX_EVENT_KIND_NOTE && *chosen_channel (self) != '\0')
    log->channel = g_strdup (chosen_channel (self));
  if ((log->kind == KDX_EVENT_KIND_PAYMENT || log->kind == KDX_EVENT_KIND_GIFT) && *amount != '\0')
    log->amount = g_strdup (amount);
  if (*note != '\0')
    log->note = g_steal_pointer (&note);

  for (guint i = 0; i < G_N_ELEMENTS (follow_ups); i++)
    if (g_strcmp0 (follow_up, follow_ups[i].value) == 0)
      {
        if (g_str_equal (follow_ups[i].value, "none"))
          log->follow_up = KDX_FOLLOW_UP_CLEAR;
        else if (g_str_equal (follow_ups[i].value, "date"))
          {
            log->follow_up = KDX_FOLLOW_UP_SET;
            log->next_follow_up = g_strdup (kdx_date_picker_get_value (self->date_picker));
          }
        else if (follow_ups[i].days >= 0)
          {
            log->follow_up = KDX_FOLLOW_UP_SET;
            log->next_follow_up = today_plus (follow_ups[i].days);
          }
      }
  return log;
}

/* Shows what the kind asks for, and allows Log when the contact can be
 * logged as it stands. */
static void
update (KdxLogContactDialog *self)
{
  g_autoptr(KdxContactLog) log = read_log (self);
  g_autoptr(GError) error = NULL;
  gboolean valued = log->kind == KDX_EVENT_KIND_PAYMENT || log->kind == KDX_EVENT_KIND_GIFT;
  gboolean valid = kdx_contact_log_check (log, &error);
  gboolean on_date = g_strcmp0 (chosen (self->follow_up_box), "date") == 0;
  g_autofree char *shown_date = NULL;

  gtk_widget_set_visible (self->outcome_group, log->kind == KDX_EVENT_KIND_OUTREACH);
  gtk_widget_set_visible (GTK_WIDGET (self->amount_row), valued);
  gtk_widget_set_visible (GTK_WIDGET (self->channel_row), log->kind != KDX_EVENT_KIND_NOTE);
  gtk_widget_set_visible (self->date_group, on_date);

  if (log->amount != NULL && error != NULL && g_str_has_prefix (error->message, "amount"))
    gtk_widget_add_css_class (GTK_WIDGET (self->amount_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->amount_row), "error");

  shown_date = kdx_date_picker_format (kdx_date_picker_get_value (self->date_picker), FALSE);
  adw_action_row_set_subtitle (self->date_row, shown_date != NULL ? shown_date : _("Choose a date"));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log-contact.log", valid);
}

/* ---- logging and undo ----------------------------------------------------------- */

typedef struct
{
  KdxStore  *store;
  GPtrArray *before; /* the files as they were */
} Logged;

static void
logged_free (Logged *logged)
{
  g_object_unref (logged->store);
  g_ptr_array_unref (logged->before);
  g_free (logged);
}

static gboolean
undo_log (gpointer   user_data,
          GError   **error)
{
  Logged *logged = user_data;

  return kdx_store_replace_kols (logged->store, logged->before, error);
}

static void
remember (KdxLogContactDialog *self)
{
  g_settings_set_string (self->settings, "log-contact-kind", chosen (self->kind_box));
  g_settings_set_string (self->settings, "log-contact-follow-up", chosen (self->follow_up_box));
  if (chosen_kind (self) != KDX_EVENT_KIND_NOTE)
    g_settings_set_string (self->settings, "log-contact-channel", chosen_channel (self));
}

static void
log_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KdxLogContactDialog *self = KDX_LOG_CONTACT_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(KdxContactLog) log = read_log (self);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  Logged *logged;

  /* What is being typed in the file lands first: Undo must not lose it. */
  if (KDX_IS_WINDOW (parent))
    kdx_kol_editor_flush (kdx_list_view_get_editor (kdx_window_get_list_view (KDX_WINDOW (parent))));

  if (!kdx_contact_log_apply (self->store, self->ids, log, &before, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  remember (self);

  if (KDX_IS_WINDOW (parent))
    {
      if (self->ids->len == 1)
        title = g_strdup (_("Contact logged"));
      else
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Contact logged for %u KOL",
                                              "Contact logged for %u KOLs", self->ids->len),
                                 self->ids->len);
      logged = g_new0 (Logged, 1);
      logged->store = g_object_ref (self->store);
      logged->before = g_steal_pointer (&before);
      kdx_window_offer_undo (KDX_WINDOW (parent), title, 10, undo_log, logged,
                             (GDestroyNotify) logged_free);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
date_picked_cb (KdxLogContactDialog *self)
{
  update (self);
}

/* ---- object --------------------------------------------------------------------- */

static void
kdx_log_contact_dialog_dispose (GObject *object)
{
  KdxLogContactDialog *self = KDX_LOG_CONTACT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_LOG_CONTACT_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kdx_log_contact_dialog_parent_class)->dispose (object);
}

static void
kdx_log_contact_dialog_finalize (GObject *object)
{
  KdxLogContactDialog *self = KDX_LOG_CONTACT_DIALOG (object);

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->channel_values, g_ptr_array_unref);

  G_OBJECT_CLASS (kdx_log_contact_dialog_parent_class)->finalize (object);
}

static void
kdx_log_contact_dialog_class_init (KdxLogContactDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_log_contact_dialog_dispose;
  object_class->finalize = kdx_log_contact_dialog_finalize;

  gtk_widget_class_install_action (widget_class, "log-contact.log", NULL, log_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/kdx-log-contact-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxLogContactDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KdxLogContactDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, KdxLogContactDialog, kind_box);
  gtk_widget_class_bind_template_child (widget_class, KdxLogContactDialog, outcome_group);
  gtk_widget_class_bind_template_child (widget_class, KdxLogContactDialog, outcome_box);
  gtk_widget_class_bind_template_child (widget_class, KdxLogContactDialog, channel_row);
  gtk_widget_class_bind_template_child (widget_class, KdxLogContactDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, KdxLogContactDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, KdxLogContactDialog, follow_up_box);
  gtk_widget_class_bind_template_child (widget_class, KdxLogContactDialog, date_group);
  gtk_widget_class_bind_template_child (widget_class, KdxLogContactDialog, date_row);
}

static void
kdx_log_contact_dialog_init (KdxLogContactDialog *self)
{
  g_autofree char *kind = NULL;
  g_autofree char *channel = NULL;
  g_autofree char *follow_up = NULL;
  g_autofree char *in_a_week = today_plus (7);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);

  for (int i = KDX_EVENT_KIND_OUTREACH; i <= KDX_EVENT_KIND_NOTE; i++)
    add_choice (self->kind_box, kdx_enum_to_string (KDX_TYPE_EVENT_KIND, i),
                kdx_enum_get_label (KDX_TYPE_EVENT_KIND, i));
  for (int i = KDX_OUTCOME_NO_ANSWER; i <= KDX_OUTCOME_AGREED; i++)
    add_choice (self->outcome_box, kdx_enum_to_string (KDX_TYPE_OUTCOME, i),
                kdx_enum_get_label (KDX_TYPE_OUTCOME, i));
  for (guint i = 0; i < G_N_ELEMENTS (follow_ups); i++)
    add_choice (self->follow_up_box, follow_ups[i].value,
                g_dpgettext2 (GETTEXT_PACKAGE, "follow-up", follow_ups[i].label));
  fill_channels (self);

  self->date_picker = KDX_DATE_PICKER (kdx_date_picker_new (FALSE));
  kdx_date_picker_set_value (self->date_picker, in_a_week);
  adw_action_row_add_suffix (self->date_row, GTK_WIDGET (self->date_picker));
  g_signal_connect_swapped (self->date_picker, "picked", G_CALLBACK (date_picked_cb), self);

  /* The last choices, so the common case needs no more. */
  kind = g_settings_get_string (self->settings, "log-contact-kind");
  channel = g_settings_get_string (self->settings, "log-contact-channel");
  follow_up = g_settings_get_string (self->settings, "log-contact-follow-up");
  choose (self->kind_box, kind);
  choose (self->follow_up_box, follow_up);
  choose_channel (self, channel);

  g_signal_connect_swapped (self->kind_box, "selected-children-changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->outcome_box, "selected-children-changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->follow_up_box, "selected-children-changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->channel_row, "notify::selected", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->amount_row, "changed", G_CALLBACK (update), self);
  for (GtkFlowBox **box = (GtkFlowBox *[]) { self->kind_box, self->outcome_box, self->follow_up_box, NULL };
       *box != NULL; box++)
    g_signal_connect (*box, "mnemonic-activate", G_CALLBACK (mnemonic_activate_cb), NULL);
  update (self);
}

KdxLogContactDialog *
kdx_log_contact_dialog_present (GtkWindow *parent,
                                KdxStore  *store,
                                GArray    *ids)
{
  KdxLogContactDialog *self;

  g_return_val_if_fail (KDX_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL && ids->len > 0, NULL);

  self = g_object_new (KDX_TYPE_LOG_CONTACT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  g_array_append_vals (self->ids, ids->data, ids->len);

  if (ids->len == 1)
    {
      g_autoptr(KdxKol) kol = kdx_store_load_kol (store, g_array_index (ids, gint64, 0), NULL);
      g_autofree char *currency = NULL;

      if (kol != NULL)
        {
          g_object_get (kol, "currency", &currency, NULL);
          adw_window_title_set_subtitle (self->window_title, kdx_kol_get_display_name (kol));
        }
      if (currency != NULL && *currency != '\0')
        {
          /* Translators: the amount's title with the KOL's currency, e.g. Amount (CNY) */
          g_autofree char *title = g_strdup_printf (_("_Amount (%s)"), currency);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->amount_row), title);
        }
    }
  else
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Log Contact for %u KOL",
                                                             "Log Contact for %u KOLs", ids->len),
                                                ids->len);
      adw_window_title_set_title (self->window_title, title);
      gtk_window_set_title (GTK_WINDOW (self), title);
    }

  gtk_window_present (GTK_WINDOW (self));
  /* The first choice has the keyboard: arrows pick the kind. */
  focus_choices (self->kind_box);
  return self;
}
