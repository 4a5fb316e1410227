/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-bulk-change"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-bulk-change.h"
#include "kdx-enums.h"
#include "kdx-field-row.h"
#include "kdx-record.h"

/* The rows: Field (a combo), Change (a combo of the operations that make
 * sense for the field) and the value row, made again for each field. */

struct _KdxBulkChange
{
  AdwPreferencesGroup parent_instance;

  KdxKol             *scratch;   /* the value, as the editor row sets it */
  const KdxField     *field;
  AdwComboRow        *field_row;
  AdwComboRow        *op_row;
  GtkWidget          *value_row;
  gulong              notify_handler;
};

G_DEFINE_FINAL_TYPE (KdxBulkChange, kdx_bulk_change, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SIGNAL_CHANGED,
  SIGNAL_REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What makes sense to set on many KOLs at once: not what names one
 * person (names, handles, contact data, notes) nor what only the store
 * or a move writes (stage, dates of creation). */
static const char *const bulk_fields[] = {
  "owner", "tier", "tags", "category", "source", "purpose", "plan", "next_follow_up",
  "platform", "city", "gender", "fit_score", "content_quality", "activity", "fans_portable",
  "fee", "currency", "exclusive", "exclusive_since", "rules_agreed_on",
  "contact_every_days", "reapproach_on", NULL
};

const char *const *
kdx_bulk_change_fields (void)
{
  return bulk_fields;
}

/* Operations by field type, in the order the Change row lists them. */
static const KdxBulkOp value_ops[] = { KDX_BULK_OP_SET, KDX_BULK_OP_CLEAR };
static const KdxBulkOp tags_ops[] = { KDX_BULK_OP_ADD_TAGS, KDX_BULK_OP_REMOVE_TAGS,
                                      KDX_BULK_OP_SET, KDX_BULK_OP_CLEAR };

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
    case KDX_BULK_OP_CLEAR:
      return _("Clear");
    case KDX_BULK_OP_ADD_TAGS:
      return _("Add tags");
    case KDX_BULK_OP_REMOVE_TAGS:
      return _("Remove tags");
    case KDX_BULK_OP_SET:
    default:
      return _("Set to");
    }
}

static void
emit_changed (KdxBulkChange *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
update_value_row (KdxBulkChange *self)
{
  gtk_widget_set_visible (self->value_row, kdx_bulk_change_get_op (self) != KDX_BULK_OP_CLEAR);
}

static void
op_selected_cb (KdxBulkChange *self)
{
  update_value_row (self);
  emit_changed (self);
}

/* A new field starts from an empty value in its own editor row. */
static void
field_selected_cb (KdxBulkChange *self)
{
  guint position = adw_combo_row_get_selected (self->field_row);
  g_autoptr(GtkStringList) ops = gtk_string_list_new (NULL);
  const KdxBulkOp *list;
  guint n_ops;

  if (position >= g_strv_length ((char **) bulk_fields))
    return;
  self->field = kdx_record_type_find_field (KDX_TYPE_KOL, bulk_fields[position]);

  if (self->value_row != NULL)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->value_row);
  g_clear_signal_handler (&self->notify_handler, self->scratch);
  g_clear_object (&self->scratch);
  self->scratch = kdx_kol_new ();
  self->value_row = kdx_field_row_new (KDX_RECORD (self->scratch), self->field);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->value_row), _("Value"));
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
remove_clicked_cb (KdxBulkChange *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE], 0);
}

static void
kdx_bulk_change_dispose (GObject *object)
{
  KdxBulkChange *self = KDX_BULK_CHANGE (object);

  g_clear_signal_handler (&self->notify_handler, self->scratch);
  g_clear_object (&self->scratch);

  G_OBJECT_CLASS (kdx_bulk_change_parent_class)->dispose (object);
}

static void
kdx_bulk_change_class_init (KdxBulkChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdx_bulk_change_dispose;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The change's Remove button: the dialog takes it away. */
  signals[SIGNAL_REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdx_bulk_change_init (KdxBulkChange *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  for (guint i = 0; bulk_fields[i] != NULL; i++)
    gtk_string_list_append (labels,
                            kdx_field_get_label (kdx_record_type_find_field (KDX_TYPE_KOL, bulk_fields[i])));

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
kdx_bulk_change_new (void)
{
  return g_object_new (KDX_TYPE_BULK_CHANGE, NULL);
}

const KdxField *
kdx_bulk_change_get_field (KdxBulkChange *self)
{
  g_return_val_if_fail (KDX_IS_BULK_CHANGE (self), NULL);
  return self->field;
}

/* Chooses the field as its Field row would. */
void
kdx_bulk_change_set_field (KdxBulkChange *self,
                           const char    *name)
{
  g_return_if_fail (KDX_IS_BULK_CHANGE (self));

  for (guint i = 0; bulk_fields[i] != NULL; i++)
    if (g_str_equal (bulk_fields[i], name))
      adw_combo_row_set_selected (self->field_row, i);
}

KdxBulkOp
kdx_bulk_change_get_op (KdxBulkChange *self)
{
  const KdxBulkOp *list;
  guint n_ops, position;

  g_return_val_if_fail (KDX_IS_BULK_CHANGE (self), KDX_BULK_OP_SET);

  list = ops_of (self->field, &n_ops);
  position = adw_combo_row_get_selected (self->op_row);
  return position < n_ops ? list[position] : KDX_BULK_OP_SET;
}

/* Whether what is typed is a value of the field (text typed a moment ago
 * counts); adding or removing no tag at all is no change. */
gboolean
kdx_bulk_change_is_valid (KdxBulkChange *self)
{
  KdxBulkOp op;

  g_return_val_if_fail (KDX_IS_BULK_CHANGE (self), FALSE);

  op = kdx_bulk_change_get_op (self);
  if (op == KDX_BULK_OP_CLEAR)
    return TRUE;
  if (!kdx_field_row_is_valid (self->value_row))
    return FALSE;
  if (op == KDX_BULK_OP_ADD_TAGS || op == KDX_BULK_OP_REMOVE_TAGS)
    {
      const char *const *tags = kdx_kol_get_tags (self->scratch);
      return tags != NULL && tags[0] != NULL;
    }
  return TRUE;
}

static char **
edit_tags (const char *const *tags,
           const char *const *given,
           gboolean           add)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    if (add || given == NULL || !g_strv_contains (given, tags[i]))
      g_strv_builder_add (builder, tags[i]);
  for (guint i = 0; add && given != NULL && given[i] != NULL; i++)
    if (tags == NULL || !g_strv_contains (tags, given[i]))
      g_strv_builder_add (builder, given[i]);
  return g_strv_builder_end (builder);
}

/* Makes the change on @kol; returns whether the field's value changed. */
gboolean
kdx_bulk_change_apply (KdxBulkChange *self,
                       KdxKol        *kol)
{
  g_auto(GValue) after = G_VALUE_INIT;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  KdxBulkOp op;

  g_return_val_if_fail (KDX_IS_BULK_CHANGE (self), FALSE);

  op = kdx_bulk_change_get_op (self);
  old_text = kdx_record_get_string (KDX_RECORD (kol), self->field);
  if (op == KDX_BULK_OP_CLEAR)
    {
      if (!kdx_field_parse (self->field, "", &after, NULL))
        return FALSE;
    }
  else if (op == KDX_BULK_OP_SET)
    {
      g_value_init (&after, kdx_field_get_gtype (self->field));
      kdx_record_get_value (KDX_RECORD (self->scratch), self->field, &after);
    }
  else
    {
      g_auto(GStrv) tags = edit_tags (kdx_kol_get_tags (kol), kdx_kol_get_tags (self->scratch),
                                      op == KDX_BULK_OP_ADD_TAGS);

      g_value_init (&after, G_TYPE_STRV);
      g_value_set_boxed (&after, tags);
    }
  kdx_record_set_value (KDX_RECORD (kol), self->field, &after);
  new_text = kdx_record_get_string (KDX_RECORD (kol), self->field);
  return g_strcmp0 (old_text, new_text) != 0;
}

/* The field's value on @kol as a person reads it; "—" for none. */
char *
kdx_bulk_change_describe_value (const KdxField *field,
                                KdxKol         *kol)
{
  g_autofree char *text = kdx_record_get_string (KDX_RECORD (kol), field);
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, kdx_field_get_gtype (field));
  kdx_record_get_value (KDX_RECORD (kol), field, &value);
  if (!kdx_field_value_is_set (field, &value) || text == NULL || *text == '\0')
    return g_strdup ("—");
  if (field->type == KDX_FIELD_ENUM)
    return g_strdup (kdx_enum_get_label (field->enum_type (), g_value_get_enum (&value)));
  if (field->type == KDX_FIELD_BOOL)
    return g_strdup (g_value_get_boolean (&value) ? _("Yes") : _("No"));
  return g_steal_pointer (&text);
}
