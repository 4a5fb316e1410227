/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-app-resources.h"
#include "kdx-enum-types.h"
#include "kdx-value.h"
#include "kdx-window.h"

/* The main window. Until the list and board views arrive it shows what
 * the database holds: the empty state, the programme by stage, or why
 * the database could not be opened. */

struct _KdxWindow
{
  AdwApplicationWindow  parent_instance;

  KdxStore             *store;
  gulong                changed_handler;

  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  GtkLabel             *total_label;
  GtkListBox           *stage_list;
  GtkLabel             *stage_counts[KDX_N_STAGES];
};

G_DEFINE_FINAL_TYPE (KdxWindow, kdx_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
build_stage_rows (KdxWindow *self)
{
  for (guint stage = 0; stage < KDX_N_STAGES; stage++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *count = gtk_label_new ("0");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kdx_stage_get_label (stage));
      gtk_widget_add_css_class (count, "numeric");
      gtk_widget_add_css_class (count, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
      gtk_list_box_append (self->stage_list, row);
      self->stage_counts[stage] = GTK_LABEL (count);
    }
}

static void
update_counts (KdxWindow *self)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *total_number = NULL;
  gint64 total;

  total = kdx_store_count_kols (self->store, &error);
  if (total < 0)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  if (total == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  for (guint stage = 0; stage < KDX_N_STAGES; stage++)
    {
      g_autoptr(GArray) ids = NULL;
      g_autofree char *count = NULL;

      query->stages = 1u << stage;
      ids = kdx_store_query_ids (self->store, query, NULL);
      count = kdx_value_format_int (ids != NULL ? ids->len : 0);
      gtk_label_set_text (self->stage_counts[stage], count);
    }

  total_number = kdx_value_format_int (total);
  /* Translators: %s is a number of KOLs, digits grouped, such as 1,250 */
  total_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s KOL", "%s KOLs", total),
                                total_number);
  gtk_label_set_text (self->total_label, total_text);
  gtk_stack_set_visible_child_name (self->stack, "overview");
}

static void
store_changed_cb (KdxWindow *self,
                  GArray    *ids,
                  KdxStore  *store)
{
  update_counts (self);
}

static void
kdx_window_constructed (GObject *object)
{
  KdxWindow *self = KDX_WINDOW (object);

  G_OBJECT_CLASS (kdx_window_parent_class)->constructed (object);

  if (self->store == NULL)
    return;

  adw_window_title_set_subtitle (self->window_title, kdx_store_get_path (self->store));
  self->changed_handler = g_signal_connect_swapped (self->store, "changed",
                                                    G_CALLBACK (store_changed_cb), self);
  update_counts (self);
}

static void
kdx_window_dispose (GObject *object)
{
  KdxWindow *self = KDX_WINDOW (object);

  g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_WINDOW);

  G_OBJECT_CLASS (kdx_window_parent_class)->dispose (object);
}

static void
kdx_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KdxWindow *self = KDX_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  KdxWindow *self = KDX_WINDOW (object);

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
kdx_window_class_init (KdxWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kdx_window_constructed;
  object_class->dispose = kdx_window_dispose;
  object_class->get_property = kdx_window_get_property;
  object_class->set_property = kdx_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KDX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/kdx-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, total_label);
  gtk_widget_class_bind_template_child (widget_class, KdxWindow, stage_list);
}

static void
kdx_window_init (KdxWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_stage_rows (self);
}

/**
 * kdx_window_new:
 * @store: (nullable): the open database, or %NULL when it could not be opened
 * @open_error: (nullable): why it could not, shown in the window
 */
KdxWindow *
kdx_window_new (KdxApplication *application,
                KdxStore       *store,
                const GError   *open_error)
{
  KdxWindow *self = g_object_new (KDX_TYPE_WINDOW,
                                  "application", application,
                                  "store", store,
                                  NULL);

  if (store == NULL)
    {
      adw_status_page_set_description (self->error_page,
                                       open_error != NULL ? open_error->message : NULL);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }

  return self;
}

KdxStore *
kdx_window_get_store (KdxWindow *self)
{
  g_return_val_if_fail (KDX_IS_WINDOW (self), NULL);
  return self->store;
}
