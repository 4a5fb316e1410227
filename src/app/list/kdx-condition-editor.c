/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-condition-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kdx-condition-editor.h"
#include "kdx-field-row.h"
#include "kdx-kol-columns.h"
#include "kdx-kol.h"
#include "kdx-record.h"

struct _KdxConditionEditor
{
  GtkBox          parent_instance;

  const KdxField *field;
  const KdxConditionOp *ops;   /* of the field, as the operator drop-down lists them */
  guint           n_ops;
  KdxKol         *scratch;     /* the value, when the file's own row edits it */
  GtkDropDown    *field_dropdown;
  GtkDropDown    *op_dropdown;
  GtkListBox     *value_box;   /* holds the value's row */
  GtkWidget      *value_row;
  GtkWidget      *days_spin;   /* "within N days" */
  GtkWidget      *text_entry;  /* a derived column's value */
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (KdxConditionEditor, kdx_condition_editor, GTK_TYPE_BOX)

enum {
  SIGNAL_ADD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static KdxConditionOp
chosen_op (KdxConditionEditor *self)
{
  guint position = gtk_drop_down_get_selected (self->op_dropdown);

  return position < self->n_ops ? self->ops[position] : KDX_CONDITION_IS;
}

static gboolean
takes_days (KdxConditionOp op)
{
  return op == KDX_CONDITION_WITHIN_DAYS || op == KDX_CONDITION_NOT_WITHIN_DAYS;
}

/* One value editor at a time: the field's row, a number of days, or an
 * entry for what the file does not hold (last contact, channels...). */
static void
update_value (KdxConditionEditor *self)
{
  KdxConditionOp op = chosen_op (self);
  gboolean has_value = kdx_condition_op_has_value (op);
  gboolean days = takes_days (op);
  gboolean own_row = self->value_row != NULL && !days;

  gtk_widget_set_visible (GTK_WIDGET (self->value_box), has_value && own_row);
  gtk_widget_set_visible (self->days_spin, has_value && days);
  gtk_widget_set_visible (self->text_entry, has_value && !days && !own_row);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
op_selected_cb (KdxConditionEditor *self)
{
  update_value (self);
}

static void
field_selected_cb (KdxConditionEditor *self)
{
  guint n_columns = 0;
  const KdxField *const *columns = kdx_kol_column_list (&n_columns);
  guint position = gtk_drop_down_get_selected (self->field_dropdown);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  if (position >= n_columns)
    return;
  self->field = columns[position];
  self->ops = kdx_condition_ops_for (self->field, &self->n_ops);
  for (guint i = 0; i < self->n_ops; i++)
    gtk_string_list_append (labels, kdx_condition_op_get_label (self->ops[i]));
  gtk_drop_down_set_model (self->op_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->op_dropdown, 0);

  if (self->value_row != NULL)
    gtk_list_box_remove (self->value_box, self->value_row);
  self->value_row = NULL;
  g_clear_object (&self->scratch);
  if (!kdx_kol_column_is_derived (self->field))
    {
      self->scratch = kdx_kol_new ();
      self->value_row = kdx_field_row_new (KDX_RECORD (self->scratch), self->field);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->value_row), _("Value"));
      gtk_list_box_append (self->value_box, self->value_row);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->text_entry), "");
  update_value (self);
}

static void
add_clicked_cb (KdxConditionEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxCondition) condition = kdx_condition_editor_build (self, &error);

  if (condition == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_ADD], 0, condition);
}

static void
kdx_condition_editor_dispose (GObject *object)
{
  KdxConditionEditor *self = KDX_CONDITION_EDITOR (object);

  g_clear_object (&self->scratch);

  G_OBJECT_CLASS (kdx_condition_editor_parent_class)->dispose (object);
}

static void
kdx_condition_editor_class_init (KdxConditionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdx_condition_editor_dispose;

  signals[SIGNAL_ADD] =
    g_signal_new ("add", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, KDX_TYPE_CONDITION);
}

static GtkDropDown *
new_dropdown (const char *accessible_name)
{
  GtkWidget *dropdown = gtk_drop_down_new (NULL, NULL);

  gtk_drop_down_set_expression (GTK_DROP_DOWN (dropdown),
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  return GTK_DROP_DOWN (dropdown);
}

static void
kdx_condition_editor_init (KdxConditionEditor *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint n_columns = 0;
  const KdxField *const *columns = kdx_kol_column_list (&n_columns);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Condition"));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);

  for (guint i = 0; i < n_columns; i++)
    gtk_string_list_append (labels, kdx_field_get_label (columns[i]));
  self->field_dropdown = new_dropdown (_("Field"));
  gtk_drop_down_set_enable_search (self->field_dropdown, TRUE);
  gtk_drop_down_set_model (self->field_dropdown, G_LIST_MODEL (labels));
  gtk_widget_set_name (GTK_WIDGET (self->field_dropdown), "condition-field");
  gtk_widget_set_hexpand (GTK_WIDGET (self->field_dropdown), TRUE);
  self->op_dropdown = new_dropdown (_("Operator"));
  gtk_widget_set_name (GTK_WIDGET (self->op_dropdown), "condition-operator");
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->field_dropdown));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->op_dropdown));
  gtk_box_append (GTK_BOX (self), row);

  self->value_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->value_box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->value_box), "boxed-list");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->value_box));

  self->days_spin = gtk_spin_button_new_with_range (1, 3650, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->days_spin), 30);
  gtk_widget_set_name (self->days_spin, "condition-days");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->days_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Days"), -1);
  gtk_box_append (GTK_BOX (self), self->days_spin);

  self->text_entry = gtk_entry_new ();
  gtk_widget_set_name (self->text_entry, "condition-value");
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->text_entry), _("Value"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Value"), -1);
  g_signal_connect_swapped (self->text_entry, "activate", G_CALLBACK (add_clicked_cb), self);
  gtk_box_append (GTK_BOX (self), self->text_entry);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->error_label));

  gtk_widget_set_halign (add, GTK_ALIGN_END);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (add_clicked_cb), self);
  gtk_box_append (GTK_BOX (self), add);

  g_signal_connect_swapped (self->op_dropdown, "notify::selected", G_CALLBACK (op_selected_cb), self);
  g_signal_connect_swapped (self->field_dropdown, "notify::selected", G_CALLBACK (field_selected_cb), self);
  field_selected_cb (self);
  /* The list starts with id and uid, which nobody filters on by hand; the
   * fit is what operators choose by first. */
  kdx_condition_editor_set_field (self, "fit_score");
}

GtkWidget *
kdx_condition_editor_new (void)
{
  return g_object_new (KDX_TYPE_CONDITION_EDITOR, NULL);
}

void
kdx_condition_editor_set_field (KdxConditionEditor *self,
                                const char         *name)
{
  guint n_columns = 0;
  const KdxField *const *columns = kdx_kol_column_list (&n_columns);

  g_return_if_fail (KDX_IS_CONDITION_EDITOR (self));

  for (guint i = 0; i < n_columns; i++)
    if (g_str_equal (columns[i]->name, name))
      gtk_drop_down_set_selected (self->field_dropdown, i);
}

void
kdx_condition_editor_set_op (KdxConditionEditor *self,
                             KdxConditionOp      op)
{
  g_return_if_fail (KDX_IS_CONDITION_EDITOR (self));

  for (guint i = 0; i < self->n_ops; i++)
    if (self->ops[i] == op)
      gtk_drop_down_set_selected (self->op_dropdown, i);
}

KdxCondition *
kdx_condition_editor_build (KdxConditionEditor *self,
                            GError            **error)
{
  KdxConditionOp op;
  g_autofree char *value = NULL;

  g_return_val_if_fail (KDX_IS_CONDITION_EDITOR (self), NULL);

  op = chosen_op (self);
  if (takes_days (op))
    value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->days_spin)));
  else if (!kdx_condition_op_has_value (op))
    value = NULL;
  else if (self->value_row != NULL)
    {
      /* Text typed a moment ago counts; a bad one is said on the row. */
      if (!kdx_field_row_is_valid (self->value_row))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* Translators: %s is a field's name, such as Followers */
                       _("%s: the value is not valid"), kdx_field_get_label (self->field));
          return NULL;
        }
      value = kdx_record_get_string (KDX_RECORD (self->scratch), self->field);
    }
  else
    value = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->text_entry)));

  return kdx_condition_new (self->field->name, op, value, error);
}
