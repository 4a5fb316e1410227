/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-today-view"

#include "config.h"

#include <string.h>


#include "kdx-app-resources.h"
#include "kdx-clock.h"
#include "kdx-due-tracker.h"
#include "kdx-today-row.h"
#include "kdx-today-view.h"

struct _KdxTodayView
{
  AdwBin          parent_instance;

  KdxStore       *store;
  KdxDueTracker  *tracker;
  GListStore     *items;
  guint           counts[KDX_N_DUE_REASONS];  /* items per section */

  GtkStack       *stack;   /* the list, or the empty day */
  GtkListView    *list_view;
};

G_DEFINE_FINAL_TYPE (KdxTodayView, kdx_today_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
kdx_today_view_reload (KdxTodayView *self)
{
  GPtrArray *items;

  g_return_if_fail (KDX_IS_TODAY_VIEW (self));

  items = kdx_due_tracker_get_items (self->tracker);
  memset (self->counts, 0, sizeof self->counts);
  for (guint i = 0; i < items->len; i++)
    self->counts[kdx_due_item_get_reason (g_ptr_array_index (items, i))]++;

  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "list" : "empty");
}

/* The first item of a section carries the section's title. */
static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             KdxTodayView             *self)
{
  KdxDueItem *item = gtk_list_item_get_item (list_item);
  guint position = gtk_list_item_get_position (list_item);
  KdxDueReason reason = kdx_due_item_get_reason (item);
  g_autofree char *header = NULL;
  gboolean first = TRUE;

  if (position > 0)
    {
      g_autoptr(KdxDueItem) previous = g_list_model_get_item (G_LIST_MODEL (self->items), position - 1);

      first = kdx_due_item_get_reason (previous) != reason;
    }
  if (first)
    header = g_strdup_printf ("%s · %u", kdx_due_reason_get_label (reason), self->counts[reason]);

  kdx_today_row_set_item (KDX_TODAY_ROW (gtk_list_item_get_child (list_item)),
                          self->store, kdx_due_tracker_get_settings (self->tracker), item, header);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              KdxTodayView             *self)
{
  gtk_list_item_set_child (list_item, kdx_today_row_new ());
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
kdx_today_view_constructed (GObject *object)
{
  KdxTodayView *self = KDX_TODAY_VIEW (object);

  G_OBJECT_CLASS (kdx_today_view_parent_class)->constructed (object);

  /* A handled row leaves: the tracker follows the store and Preferences. */
  self->tracker = g_object_ref (kdx_due_tracker_for_store (self->store));
  g_signal_connect_object (self->tracker, "changed", G_CALLBACK (kdx_today_view_reload), self, G_CONNECT_SWAPPED);
  /* Without an answer yet, the view says it is looking (the "computing"
   * page, the stack's first) until the tracker's worker has one: a due
   * list over 100,000 KOLs would hold up the window's first frame. */
  if (kdx_due_tracker_has_answer (self->tracker))
    kdx_today_view_reload (self);
}

/* Shown before anyone asked: ask now. */
static void
kdx_today_view_map (GtkWidget *widget)
{
  KdxTodayView *self = KDX_TODAY_VIEW (widget);

  GTK_WIDGET_CLASS (kdx_today_view_parent_class)->map (widget);
  kdx_due_tracker_request (self->tracker);
}

static void
kdx_today_view_dispose (GObject *object)
{
  KdxTodayView *self = KDX_TODAY_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_TODAY_VIEW);
  g_clear_object (&self->items);
  g_clear_object (&self->tracker);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kdx_today_view_parent_class)->dispose (object);
}

static void
kdx_today_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KdxTodayView *self = KDX_TODAY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_today_view_class_init (KdxTodayViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kdx_today_view_constructed;
  object_class->dispose = kdx_today_view_dispose;
  object_class->set_property = kdx_today_view_set_property;
  widget_class->map = kdx_today_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KDX_TYPE_STORE,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/kdx-today-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxTodayView, list_view);
}

static void
kdx_today_view_init (KdxTodayView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a bound template child: AdwBin unparents its child itself. */
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));

  self->items = g_list_store_new (KDX_TYPE_DUE_ITEM);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->items)))));
}

GtkWidget *
kdx_today_view_new (KdxStore *store)
{
  g_return_val_if_fail (KDX_IS_STORE (store), NULL);
  return g_object_new (KDX_TYPE_TODAY_VIEW, "store", store, NULL);
}

GListModel *
kdx_today_view_get_items (KdxTodayView *self)
{
  g_return_val_if_fail (KDX_IS_TODAY_VIEW (self), NULL);
  return G_LIST_MODEL (self->items);
}
