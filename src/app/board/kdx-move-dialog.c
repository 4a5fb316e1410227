/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-move-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-move-dialog.h"

struct _KdxMoveDialog
{
  AdwMessageDialog  parent_instance;

  KdxStage          stage;
  GPtrArray        *reasons; /* a GtkCheckButton per known churn reason, Departed only */

  GtkListBox       *reason_list;
  GtkEditable      *note;
};

G_DEFINE_FINAL_TYPE (KdxMoveDialog, kdx_move_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_STAGE,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_MOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
reason_toggled_cb (GtkCheckButton *button,
                   KdxMoveDialog  *self)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "move",
                                           kdx_move_dialog_get_reason (self) != NULL);
  /* The button turned off says so too: the one turned on tells. */
  if (gtk_check_button_get_active (button))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
}

/* The churn reasons as radio rows, none chosen: a reason nobody picked is
 * never recorded by a quick Enter. Move waits for one. */
static void
add_reasons (KdxMoveDialog *self)
{
  const char *const *known = kdx_churn_reason_known_values ();
  GtkCheckButton *group = NULL;

  self->reasons = g_ptr_array_new ();
  for (guint i = 0; known[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kdx_churn_reason_get_label (known[i]));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect (check, "toggled", G_CALLBACK (reason_toggled_cb), self);
      g_ptr_array_add (self->reasons, check);
      gtk_list_box_append (self->reason_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->reason_list), TRUE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "move", FALSE);
}

static void
kdx_move_dialog_response (AdwMessageDialog *dialog,
                          const char       *response)
{
  KdxMoveDialog *self = KDX_MOVE_DIALOG (dialog);
  const char *reason = kdx_move_dialog_get_reason (self);
  g_autofree char *note = NULL;

  if (ADW_MESSAGE_DIALOG_CLASS (kdx_move_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (kdx_move_dialog_parent_class)->response (dialog, response);

  if (!g_str_equal (response, "move"))
    return;
  /* Nobody chose why: nothing is recorded (Move is disabled until then). */
  if (self->reasons != NULL && reason == NULL)
    return;

  note = g_strstrip (g_strdup (gtk_editable_get_text (self->note)));
  g_signal_emit (self, signals[SIGNAL_MOVE], 0, reason, *note != '\0' ? note : NULL);
}

/* The note has the focus: Enter there chooses nothing (a focused reason
 * row would take Enter as its choice). After the parent's map, which
 * gives the focus to the first widget that takes it. */
static void
kdx_move_dialog_map (GtkWidget *widget)
{
  KdxMoveDialog *self = KDX_MOVE_DIALOG (widget);

  GTK_WIDGET_CLASS (kdx_move_dialog_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->note));
}

static void
kdx_move_dialog_constructed (GObject *object)
{
  KdxMoveDialog *self = KDX_MOVE_DIALOG (object);

  G_OBJECT_CLASS (kdx_move_dialog_parent_class)->constructed (object);

  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               self->stage == KDX_STAGE_DEPARTED
                               ? _("Record why they left: it shows what to change, and who may come back.")
                               : _("A note on why they said no helps the next try."));
  if (self->stage == KDX_STAGE_DEPARTED)
    add_reasons (self);
}

static void
kdx_move_dialog_dispose (GObject *object)
{
  KdxMoveDialog *self = KDX_MOVE_DIALOG (object);

  /* The buttons go with the template. */
  g_clear_pointer (&self->reasons, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_MOVE_DIALOG);

  G_OBJECT_CLASS (kdx_move_dialog_parent_class)->dispose (object);
}

static void
kdx_move_dialog_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KdxMoveDialog *self = KDX_MOVE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      g_value_set_enum (value, self->stage);
      break;
    case PROP_REASON:
      g_value_set_string (value, kdx_move_dialog_get_reason (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_move_dialog_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KdxMoveDialog *self = KDX_MOVE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      self->stage = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_move_dialog_class_init (KdxMoveDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->constructed = kdx_move_dialog_constructed;
  object_class->dispose = kdx_move_dialog_dispose;
  object_class->get_property = kdx_move_dialog_get_property;
  object_class->set_property = kdx_move_dialog_set_property;
  widget_class->map = kdx_move_dialog_map;
  dialog_class->response = kdx_move_dialog_response;

  properties[PROP_STAGE] =
    g_param_spec_enum ("stage", NULL, NULL, KDX_TYPE_STAGE, KDX_STAGE_DEPARTED,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The churn reason chosen, NULL until one is (and for Declined). */
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KdxMoveDialog::move:
   * @reason: (nullable): the churn reason chosen (Departed)
   * @note: (nullable): the note, trimmed; NULL when empty
   *
   * Move was chosen, with what the operator answered.
   */
  signals[SIGNAL_MOVE] =
    g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/koldex/Koldex/app/kdx-move-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxMoveDialog, reason_list);
  gtk_widget_class_bind_template_child (widget_class, KdxMoveDialog, note);
}

static void
kdx_move_dialog_init (KdxMoveDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kdx_move_dialog_new:
 * @stage: %KDX_STAGE_DEPARTED or %KDX_STAGE_DECLINED
 * @n_kols: how many KOLs move
 * @name: (nullable): the display name of the one KOL that moves
 *
 * "Why is 小美 leaving?", named when it is one KOL, counted otherwise.
 */
KdxMoveDialog *
kdx_move_dialog_new (GtkWindow  *parent,
                     KdxStage    stage,
                     guint       n_kols,
                     const char *name)
{
  KdxMoveDialog *self;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (stage == KDX_STAGE_DEPARTED || stage == KDX_STAGE_DECLINED, NULL);

  if (name != NULL)
    heading = g_strdup_printf (stage == KDX_STAGE_DEPARTED ? _("Why is %s leaving?") : _("Why did %s say no?"),
                               name);
  else if (stage == KDX_STAGE_DEPARTED)
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Why is %u KOL leaving?", "Why are %u KOLs leaving?",
                                            n_kols), n_kols);
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Why did %u KOL say no?", "Why did %u KOLs say no?",
                                            n_kols), n_kols);

  self = g_object_new (KDX_TYPE_MOVE_DIALOG,
                       "transient-for", parent,
                       "stage", stage,
                       NULL);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  return self;
}

KdxStage
kdx_move_dialog_get_stage (KdxMoveDialog *self)
{
  g_return_val_if_fail (KDX_IS_MOVE_DIALOG (self), KDX_STAGE_DEPARTED);
  return self->stage;
}

/* The churn reason chosen (its nick), or NULL when none is. */
const char *
kdx_move_dialog_get_reason (KdxMoveDialog *self)
{
  g_return_val_if_fail (KDX_IS_MOVE_DIALOG (self), NULL);

  if (self->reasons == NULL)
    return NULL;
  for (guint i = 0; i < self->reasons->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->reasons, i)))
      return kdx_churn_reason_known_values ()[i];
  return NULL;
}
