/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-bulk-change"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-bulk-change-group.h"
#include "kdx-enums.h"
#include "kdx-error.h"
#include "kdx-field-row.h"
#include "kdx-kol.h"
#include "kdx-record.h"

/* The rows: Field (a combo of what kdx_bulk_edit_list_fields() offers),
 * Change (the operations that make sense for the field) and the value
 * row, made again for each field. */

struct _KdxBulkChangeGroup
{
  AdwPreferencesGroup parent_instance;

  KdxKol             *scratch;   /* the value, as the editor row sets it */
  const KdxField     *field;
  AdwComboRow        *field_row;
  AdwComboRow        *op_row;
  GtkWidget          *value_row;
  gulong              notify_handler;
};

G_DEFINE_FINAL_TYPE (KdxBulkChangeGroup, kdx_bulk_change_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SIGNAL_CHANGED,
  SIGNAL_REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Operations by field type, in the order the Change row lists them. */
static const KdxBulkOp value_ops[] = { KDX_BULK_SET, KDX_BULK_CLEAR };
static const KdxBulkOp tags_ops[] = { KDX_BULK_ADD_TAGS, KDX_BULK_REMOVE_TAGS,
                                      KDX_BULK_SET, KDX_BULK_CLEAR };

static const KdxBulkOp *
ops_of (const KdxField *field,
        guint          *n_ops)
{
  if (field->type == KDX_FIELD_TAGS)
    {
      *n_ops = G_N_ELEMENTS (tags_ops);
      return tags_ops;
    }
  *n_ops = G_N_ELEMENTS (value_ops);
  return value_ops;
}

static const char *
op_label (KdxBulkOp op)
{
  switch (op)
    {
    case KDX_BULK_CLEAR:
      return _("Clear");
    case KDX_BULK_ADD_TAGS:
      return _("Add tags");
    case KDX_BULK_REMOVE_TAGS:
      return _("Remove tags");
    case KDX_BULK_SET:
    default:
      return _("Set to");
    }
}

static void
emit_changed (KdxBulkChangeGroup *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
update_value_row (KdxBulkChangeGroup *self)
{
  gtk_widget_set_visible (self->value_row, kdx_bulk_change_group_get_op (self) != KDX_BULK_CLEAR);
}

static void
op_selected_cb (KdxBulkChangeGroup *self)
{
  update_value_row (self);
  emit_changed (self);
}

/* A new field starts from an empty value in its own editor row. */
static void
field_selected_cb (KdxBulkChangeGroup *self)
{
  guint n_fields = 0;
  const KdxField *const *fields = kdx_bulk_edit_list_fields (&n_fields);
  guint position = adw_combo_row_get_selected (self->field_row);
  g_autoptr(GtkStringList) ops = gtk_string_list_new (NULL);
  const KdxBulkOp *list;
  guint n_ops;

  if (position >= n_fields)
    return;
  self->field = fields[position];

  if (self->value_row != NULL)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->value_row);
  g_clear_signal_handler (&self->notify_handler, self->scratch);
  g_clear_object (&self->scratch);
  self->scratch = kdx_kol_new ();
  self->value_row = kdx_field_row_new (KDX_RECORD (self->scratch), self->field);
  /* The group is titled by its field; the Remove button sits beside it. */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), kdx_field_get_label (self->field));
  /* Enter in a typed value applies, as the dialog's default button. */
  if (ADW_IS_ENTRY_ROW (self->value_row))
    adw_entry_row_set_activates_default (ADW_ENTRY_ROW (self->value_row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->value_row);
  self->notify_handler = g_signal_connect_swapped (self->scratch, "notify",
                                                   G_CALLBACK (emit_changed), self);

  list = ops_of (self->field, &n_ops);
  for (guint i = 0; i < n_ops; i++)
    gtk_string_list_append (ops, op_label (list[i]));
  g_signal_handlers_block_by_func (self->op_row, op_selected_cb, self);
  adw_combo_row_set_model (self->op_row, G_LIST_MODEL (ops));
  adw_combo_row_set_selected (self->op_row, 0);
  g_signal_handlers_unblock_by_func (self->op_row, op_selected_cb, self);

  update_value_row (self);
  emit_changed (self);
}

static void
remove_clicked_cb (KdxBulkChangeGroup *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE], 0);
}

static void
kdx_bulk_change_group_dispose (GObject *object)
{
  KdxBulkChangeGroup *self = KDX_BULK_CHANGE_GROUP (object);

  g_clear_signal_handler (&self->notify_handler, self->scratch);
  g_clear_object (&self->scratch);

  G_OBJECT_CLASS (kdx_bulk_change_group_parent_class)->dispose (object);
}

static void
kdx_bulk_change_group_class_init (KdxBulkChangeGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdx_bulk_change_group_dispose;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The change's Remove button: the dialog takes it away. */
  signals[SIGNAL_REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdx_bulk_change_group_init (KdxBulkChangeGroup *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  guint n_fields = 0;
  const KdxField *const *fields = kdx_bulk_edit_list_fields (&n_fields);

  for (guint i = 0; i < n_fields; i++)
    gtk_string_list_append (labels, kdx_field_get_label (fields[i]));

  gtk_widget_set_tooltip_text (remove, _("Remove This Change"));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect_swapped (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), remove);

  self->field_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->field_row), _("Field"));
  adw_combo_row_set_model (self->field_row, G_LIST_MODEL (labels));
  gtk_widget_set_name (GTK_WIDGET (self->field_row), "field");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->field_row));

  self->op_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->op_row), _("Change"));
  gtk_widget_set_name (GTK_WIDGET (self->op_row), "operation");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->op_row));

  g_signal_connect_swapped (self->op_row, "notify::selected", G_CALLBACK (op_selected_cb), self);
  g_signal_connect_swapped (self->field_row, "notify::selected", G_CALLBACK (field_selected_cb), self);
  field_selected_cb (self);
}

GtkWidget *
kdx_bulk_change_group_new (void)
{
  return g_object_new (KDX_TYPE_BULK_CHANGE_GROUP, NULL);
}

const KdxField *
kdx_bulk_change_group_get_field (KdxBulkChangeGroup *self)
{
  g_return_val_if_fail (KDX_IS_BULK_CHANGE_GROUP (self), NULL);
  return self->field;
}

int
kdx_bulk_change_group_field_position (const char *name)
{
  guint n_fields = 0;
  const KdxField *const *fields = kdx_bulk_edit_list_fields (&n_fields);

  for (guint i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i]->name, name))
      return i;
  return -1;
}

/* Chooses the field as its Field row would. */
void
kdx_bulk_change_group_set_field (KdxBulkChangeGroup *self,
                                 const char         *name)
{
  int position = kdx_bulk_change_group_field_position (name);

  g_return_if_fail (KDX_IS_BULK_CHANGE_GROUP (self));

  if (position >= 0)
    adw_combo_row_set_selected (self->field_row, position);
}

KdxBulkOp
kdx_bulk_change_group_get_op (KdxBulkChangeGroup *self)
{
  const KdxBulkOp *list;
  guint n_ops, position;

  g_return_val_if_fail (KDX_IS_BULK_CHANGE_GROUP (self), KDX_BULK_SET);

  list = ops_of (self->field, &n_ops);
  position = adw_combo_row_get_selected (self->op_row);
  return position < n_ops ? list[position] : KDX_BULK_SET;
}

gboolean
kdx_bulk_change_group_add_to (KdxBulkChangeGroup *self,
                              KdxBulkEdit        *edit,
                              GError            **error)
{
  KdxBulkOp op;
  g_autofree char *value = NULL;

  g_return_val_if_fail (KDX_IS_BULK_CHANGE_GROUP (self), FALSE);

  op = kdx_bulk_change_group_get_op (self);
  if (op != KDX_BULK_CLEAR)
    {
      /* Text typed a moment ago counts. */
      if (!kdx_field_row_is_valid (self->value_row))
        {
          /* Translators: %s is a field's name, such as Owner */
          g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                       _("%s: the value is not valid"), kdx_field_get_label (self->field));
          return FALSE;
        }
      value = kdx_record_get_string (KDX_RECORD (self->scratch), self->field);
      if ((op == KDX_BULK_ADD_TAGS || op == KDX_BULK_REMOVE_TAGS) && (value == NULL || *value == '\0'))
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                       _("%s: type the tags to add or remove"), kdx_field_get_label (self->field));
          return FALSE;
        }
    }
  return kdx_bulk_edit_add (edit, self->field->name, op, value, error);
}

char *
kdx_bulk_describe_value (const KdxField *field,
                         const char     *text)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (text == NULL || *text == '\0'
      || !kdx_field_parse (field, text, &value, NULL) || !kdx_field_value_is_set (field, &value))
    return g_strdup ("—");
  if (field->type == KDX_FIELD_ENUM)
    return g_strdup (kdx_enum_get_label (field->enum_type (), g_value_get_enum (&value)));
  if (field->type == KDX_FIELD_BOOL)
    return g_strdup (g_value_get_boolean (&value) ? _("Yes") : _("No"));
  return g_strdup (text);
}
