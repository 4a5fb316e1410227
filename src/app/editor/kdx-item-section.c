/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-item-section"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-app-resources.h"
#include "kdx-item-row.h"
#include "kdx-item-section.h"
#include "kdx-kol.h"
#include "kdx-record-dialog.h"
#include "kdx-stage-entry.h"
#include "kdx-store.h"

struct _KdxItemSection
{
  AdwPreferencesGroup  parent_instance;

  char                *list_name;
  gboolean             read_only;     /* the stage history: written by stage moves only */
  gboolean             locked;        /* a read-only connection: shown, never changed */
  GWeakRef             store;         /* who adds an item: its made_by (kdx_item_section_set_store) */
  GListStore          *model;
  GSignalGroup        *model_signals; /* the model's "items-changed" */
  GPtrArray           *rows;          /* the rows this section added: items, or the empty state */

  GtkWidget           *add_button;
};

G_DEFINE_FINAL_TYPE (KdxItemSection, kdx_item_section, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_LIST_NAME,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a list's section says; NULL where it says nothing. */
typedef struct
{
  const char *list;
  const char *empty_title; /* an empty list says so, and offers to add */
  const char *empty_add;
  const char *add_title;
  const char *edit_title;
} ListTexts;

static const ListTexts list_texts[] = {
  { "channels", N_("No channels yet"), N_("Add Channel"), N_("Add Channel"), N_("Edit Channel") },
  { "events", N_("Nothing in the timeline yet"), N_("Add to Timeline"), N_("Add to Timeline"), N_("Edit Timeline Entry") },
  { "important_dates", NULL, NULL, N_("Add Important Date"), N_("Edit Important Date") },
};

static const ListTexts *
texts_of (KdxItemSection *self)
{
  static const ListTexts none = { NULL, NULL, NULL, NULL, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (list_texts); i++)
    if (g_strcmp0 (list_texts[i].list, self->list_name) == 0)
      return &list_texts[i];
  return &none;
}

/* ---- order ------------------------------------------------------------------------ */

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  GPtrArray *times = user_data;
  const char *ta = g_ptr_array_index (times, *(const guint *) a);
  const char *tb = g_ptr_array_index (times, *(const guint *) b);
  int by_time = g_strcmp0 (tb, ta);

  /* Same time: the later entry first, as it was recorded later. */
  return by_time != 0 ? by_time : (int) *(const guint *) b - (int) *(const guint *) a;
}

/* Positions in display order: timelines newest first by their time
 * (events are often logged after the fact), other lists as they are. */
static GArray *
display_order (GListModel *items,
               gboolean    newest_first)
{
  guint n = g_list_model_get_n_items (items);
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);
      char *at = NULL;

      if (newest_first)
        g_object_get (item, "at", &at, NULL);
      g_ptr_array_add (times, at);
      g_array_append_val (order, i);
    }
  if (newest_first)
    g_array_sort_with_data (order, compare_newest_first, times);
  return order;
}

/* ---- adding and editing ------------------------------------------------------------ */

/* An item dialog edits a copy. The item it came from is found again by
 * what it held when the dialog opened, not by its position then: the
 * store may have reloaded the file meanwhile (an import, another view),
 * and a position would then name another item or none. */
typedef struct
{
  KdxItemSection *section;
  KdxRecord      *original; /* a copy of the item as it was opened; NULL for a new item */
} ItemEdit;

static void
item_edit_free (ItemEdit *edit)
{
  g_object_unref (edit->section);
  g_clear_object (&edit->original);
  g_free (edit);
}

static guint
find_item (GListModel *items,
           KdxRecord  *original)
{
  guint n = g_list_model_get_n_items (items);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdxRecord) item = g_list_model_get_item (items, i);

      if (kdx_record_equal (item, original))
        return i;
    }
  return G_MAXUINT;
}

static void
item_done_cb (KdxRecordDialog *dialog,
              ItemEdit        *edit)
{
  KdxItemSection *self = edit->section;
  KdxRecord *record = kdx_record_dialog_get_record (dialog);
  guint position = G_MAXUINT;

  if (self->model == NULL)
    return;

  if (edit->original != NULL)
    position = find_item (G_LIST_MODEL (self->model), edit->original);
  /* An item removed meanwhile comes back as edited: the user's edit is
   * not lost. */
  if (position == G_MAXUINT)
    g_list_store_append (self->model, record);
  else
    g_list_store_splice (self->model, position, 1, (gpointer *) &record, 1);
}

/* @position: the item to edit, or G_MAXUINT to add one */
static void
edit_item (KdxItemSection *self,
           guint           position)
{
  GType item_type = g_list_model_get_item_type (G_LIST_MODEL (self->model));
  g_autoptr(KdxRecord) record = g_object_new (item_type, NULL);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const ListTexts *texts = texts_of (self);
  KdxRecordDialog *dialog;
  ItemEdit *edit;

  edit = g_new0 (ItemEdit, 1);
  edit->section = g_object_ref (self);
  if (position != G_MAXUINT)
    {
      g_autoptr(KdxRecord) current = g_list_model_get_item (G_LIST_MODEL (self->model), position);

      kdx_record_assign (record, current);
      edit->original = g_object_new (item_type, NULL);
      kdx_record_assign (edit->original, current);
    }
  else
    {
      g_autoptr(KdxStore) store = g_weak_ref_get (&self->store);

      /* A new event is the operator's (schema 11's made_by). */
      if (store != NULL)
        kdx_store_stamp_made_by (store, record);
    }

  dialog = kdx_record_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  _(position == G_MAXUINT ? texts->add_title : texts->edit_title),
                                  position == G_MAXUINT ? _("_Add") : _("_Done"),
                                  record);
  g_signal_connect_data (dialog, "done", G_CALLBACK (item_done_cb), edit,
                         (GClosureNotify) item_edit_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
row_activated_cb (KdxItemSection *self,
                  KdxItemRow     *row)
{
  if (self->model != NULL)
    edit_item (self, kdx_item_row_get_position (row));
}

static void
row_remove_cb (KdxItemSection *self,
               KdxItemRow     *row)
{
  if (self->model != NULL)
    g_list_store_remove (self->model, kdx_item_row_get_position (row));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  kdx_item_section_add_item (KDX_ITEM_SECTION (widget));
}

/* ---- rows --------------------------------------------------------------------------- */

static void
add_row (KdxItemSection *self,
         GtkWidget      *row)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
}

static void
clear_rows (KdxItemSection *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static GtkWidget *
empty_row (KdxItemSection *self)
{
  const ListTexts *texts = texts_of (self);
  GtkWidget *row;
  GtkWidget *add;

  if (texts->empty_title == NULL)
    return NULL;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(texts->empty_title));
  gtk_widget_set_name (row, "empty");
  add = gtk_button_new_with_label (_(texts->empty_add));
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "section.add");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), add);
  return row;
}

static void
rebuild (KdxItemSection *self)
{
  g_autoptr(GArray) order = NULL;
  GListModel *items;
  guint n;

  clear_rows (self);
  if (self->model == NULL)
    return;

  items = G_LIST_MODEL (self->model);
  n = g_list_model_get_n_items (items);
  if (n == 0 && !self->read_only && !self->locked)
    {
      GtkWidget *row = empty_row (self);

      if (row != NULL)
        add_row (self, row);
      return;
    }

  order = display_order (items, g_str_equal (self->list_name, "events") || self->read_only);
  for (guint i = 0; i < n; i++)
    {
      guint position = g_array_index (order, guint, i);
      g_autoptr(KdxRecord) item = g_list_model_get_item (items, position);
      g_autoptr(KdxStageEntry) next = NULL;
      GtkWidget *row;

      /* Newest first: the stage shown above this one followed it. */
      if (self->read_only && i > 0)
        next = g_list_model_get_item (items, g_array_index (order, guint, i - 1));
      row = kdx_item_row_new (item, position,
                              next != NULL ? kdx_stage_entry_get_at (next) : NULL,
                              self->read_only || self->locked);
      if (!self->read_only && !self->locked)
        {
          g_signal_connect_swapped (row, "activated", G_CALLBACK (row_activated_cb), self);
          g_signal_connect_swapped (row, "remove", G_CALLBACK (row_remove_cb), self);
        }
      add_row (self, row);
    }
}

static void
title_changed_cb (KdxItemSection *self)
{
  const char *title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (self));
  g_autofree char *label = g_strdup_printf (_("Add to %s"), title);

  gtk_widget_set_tooltip_text (self->add_button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
}

/* ---- object ------------------------------------------------------------------------- */

static void
kdx_item_section_constructed (GObject *object)
{
  KdxItemSection *self = KDX_ITEM_SECTION (object);
  const KdxKolListInfo *infos;
  guint n_infos;

  G_OBJECT_CLASS (kdx_item_section_parent_class)->constructed (object);

  infos = kdx_kol_list_infos (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    if (g_strcmp0 (infos[i].name, self->list_name) == 0)
      self->read_only = infos[i].read_only;
  gtk_widget_set_visible (self->add_button, !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "section.add", !self->read_only);
}

static void
kdx_item_section_dispose (GObject *object)
{
  KdxItemSection *self = KDX_ITEM_SECTION (object);

  if (self->model_signals != NULL)
    g_signal_group_set_target (self->model_signals, NULL);
  g_clear_object (&self->model_signals);
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_ITEM_SECTION);

  G_OBJECT_CLASS (kdx_item_section_parent_class)->dispose (object);
}

static void
kdx_item_section_finalize (GObject *object)
{
  KdxItemSection *self = KDX_ITEM_SECTION (object);

  g_free (self->list_name);
  g_ptr_array_unref (self->rows);

  g_weak_ref_clear (&self->store);
  G_OBJECT_CLASS (kdx_item_section_parent_class)->finalize (object);
}

static void
kdx_item_section_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KdxItemSection *self = KDX_ITEM_SECTION (object);

  switch (prop_id)
    {
    case PROP_LIST_NAME:
      g_value_set_string (value, self->list_name);
      break;
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_item_section_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KdxItemSection *self = KDX_ITEM_SECTION (object);

  switch (prop_id)
    {
    case PROP_LIST_NAME:
      self->list_name = g_value_dup_string (value);
      break;
    case PROP_MODEL:
      kdx_item_section_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_item_section_class_init (KdxItemSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kdx_item_section_constructed;
  object_class->dispose = kdx_item_section_dispose;
  object_class->finalize = kdx_item_section_finalize;
  object_class->get_property = kdx_item_section_get_property;
  object_class->set_property = kdx_item_section_set_property;

  /* KdxItemSection:list-name: which list of the file, by its FIELDS.md name */
  properties[PROP_LIST_NAME] =
    g_param_spec_string ("list-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* KdxItemSection:model: the list shown, followed as it changes; NULL shows nothing */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/kdx-item-section.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxItemSection, add_button);

  gtk_widget_class_install_action (widget_class, "section.add", NULL, add_action);
}

static void
kdx_item_section_init (KdxItemSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();

  self->model_signals = g_signal_group_new (G_TYPE_LIST_STORE);
  g_signal_group_connect_swapped (self->model_signals, "items-changed", G_CALLBACK (rebuild), self);
  g_signal_connect (self, "notify::title", G_CALLBACK (title_changed_cb), NULL);
}

GtkWidget *
kdx_item_section_new (const char *list_name,
                      const char *title,
                      const char *description)
{
  return g_object_new (KDX_TYPE_ITEM_SECTION,
                       "list-name", list_name,
                       "title", title,
                       "description", description,
                       NULL);
}

const char *
kdx_item_section_get_list_name (KdxItemSection *self)
{
  g_return_val_if_fail (KDX_IS_ITEM_SECTION (self), NULL);
  return self->list_name;
}

GListStore *
kdx_item_section_get_model (KdxItemSection *self)
{
  g_return_val_if_fail (KDX_IS_ITEM_SECTION (self), NULL);
  return self->model;
}

void
kdx_item_section_set_model (KdxItemSection *self,
                            GListStore     *model)
{
  g_return_if_fail (KDX_IS_ITEM_SECTION (self));

  if (!g_set_object (&self->model, model))
    return;
  g_signal_group_set_target (self->model_signals, model);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * kdx_item_section_add_item:
 *
 * Opens the dialog that adds an item to the list; nothing for a list
 * only Koldex writes, or when no file is shown.
 */
void
kdx_item_section_add_item (KdxItemSection *self)
{
  g_return_if_fail (KDX_IS_ITEM_SECTION (self));

  if (self->model != NULL && !self->read_only && !self->locked)
    edit_item (self, G_MAXUINT);
}

/**
 * kdx_item_section_set_store:
 *
 * The store whose operator makes the items added here (held weakly: the
 * editor owns both).
 */
void
kdx_item_section_set_store (KdxItemSection *self,
                            KdxStore       *store)
{
  g_return_if_fail (KDX_IS_ITEM_SECTION (self));
  g_weak_ref_set (&self->store, store);
}

/**
 * kdx_item_section_set_locked:
 *
 * Shows the list without a way to change it (a read-only connection):
 * no Add button, rows that open no dialog and offer no Remove.
 */
void
kdx_item_section_set_locked (KdxItemSection *self,
                             gboolean        locked)
{
  g_return_if_fail (KDX_IS_ITEM_SECTION (self));

  if (self->locked == locked)
    return;
  self->locked = locked;
  gtk_widget_set_visible (self->add_button, !self->read_only && !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "section.add", !self->read_only && !locked);
  rebuild (self);
}
