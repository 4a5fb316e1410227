/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-list-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-app-resources.h"
#include "kdx-board-view.h"
#include "kdx-drilldown-bar.h"
#include "kdx-event.h"
#include "kdx-window.h"
#include "kdx-selection-ids.h"
#include "kdx-enums.h"
#include "kdx-column-chooser.h"
#include "kdx-kol-columns.h"
#include "kdx-last-contact-label.h"
#include "kdx-list-cells.h"
#include "kdx-list-columns.h"
#include "kdx-list-view.h"

/* The model pipeline:
 *
 *   KdxStore --(KdxKolQuery: search, filters, sort; all in SQL)--> KdxKolList
 *     --> GtkMultiSelection --> GtkColumnView (wide) / GtkListView (narrow)
 *
 * Nothing between the store and the view filters or sorts: a click on a
 * column header is read back from the view's sorter and becomes the
 * query's ORDER BY, so 100,000 KOLs are never sorted in memory. */

struct _KdxListView
{
  AdwBin             parent_instance;

  KdxStore          *store;
  KdxKolList        *list;
  GtkMultiSelection *selection;
  KdxKolEditor      *editor;
  KdxKolQuery       *filter;      /* filters from the popover */
  char              *search;
  GHashTable        *column_fields; /* GtkColumnViewColumn -> sort field */
  GHashTable        *columns;       /* column name -> GtkColumnViewColumn (a ref), made when first shown */
  GSettings         *settings;      /* the columns shown and their widths */
  KdxColumnChooser  *chooser;
  GtkMenuButton     *columns_button;
  const char        *probed_field;  /* set by a column sorter when called */
  gulong             store_handler;
  GtkWidget         *row_popover;   /* kept for the view's life: see show_row_menu() */

  GtkStack          *content_stack;
  KdxDrilldownBar   *drilldown_bar; /* KOLs picked in Insights, or off */
  AdwLeaflet        *leaflet;
  GtkStack          *table_stack;
  GtkColumnView     *column_view;
  GtkListView       *compact_view;
  GtkLabel          *count_label;
  GtkStack          *file_stack;
  GtkBox            *file_box;
  AdwStatusPage     *many_page;
  GMenuModel        *row_menu;
  GMenu             *move_menu;
  GMenu             *bulk_section; /* "Edit N KOLs…" while several are selected */
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *platform_column;
  GtkColumnViewColumn *followers_column;
  GtkColumnViewColumn *tier_column;
  GtkColumnViewColumn *stage_column;
  GtkColumnViewColumn *owner_column;
  GtkColumnViewColumn *last_contact_column;
  GtkColumnViewColumn *follow_up_column;
};

G_DEFINE_FINAL_TYPE (KdxListView, kdx_list_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SHOWING_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- sorting ------------------------------------------------------------------- */

/* GTK 4.8 has no gtk_column_view_scroll_to(); the list inside it has
 * the "list.scroll-to-item" action that does the same. */
static void
scroll_to (KdxListView *self,
           guint        position)
{
  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->list)))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
  if (gtk_list_view_get_model (self->compact_view) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->compact_view), "list.scroll-to-item", "u", position);
}

static int
probe_sort_cb (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GtkColumnViewColumn *column = user_data;
  KdxListView *self = g_object_get_data (G_OBJECT (column), "kdx-list-view");

  if (self->probed_field == NULL)
    self->probed_field = g_hash_table_lookup (self->column_fields, column);
  return GTK_ORDERING_SMALLER;
}

/* GTK 4.8 cannot say which column sorts. Compare two items once: the
 * first column sorter called is the primary one, and since ours says
 * "smaller", a "larger" from the view's sorter means descending. */
static void
view_sorter_changed_cb (GtkSorter       *sorter,
                        GtkSorterChange  change,
                        KdxListView     *self)
{
  g_autoptr(KdxKol) a = kdx_kol_new ();
  g_autoptr(KdxKol) b = kdx_kol_new ();
  g_autoptr(KdxKolQuery) query = NULL;
  GtkOrdering order;

  self->probed_field = NULL;
  order = gtk_sorter_compare (sorter, a, b);

  query = kdx_kol_query_copy (kdx_kol_list_get_query (self->list));
  kdx_kol_query_set_sort (query, self->probed_field, order == GTK_ORDERING_LARGER);
  kdx_kol_list_set_query (self->list, query);
  /* A new order starts at its top, not wherever the old one was. */
  scroll_to (self, 0);
}

static void
set_column_sort (KdxListView         *self,
                 GtkColumnViewColumn *column,
                 const char          *field)
{
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (probe_sort_cb, column, NULL));

  g_object_set_data (G_OBJECT (column), "kdx-list-view", self);
  g_hash_table_insert (self->column_fields, column, (gpointer) field);
  gtk_column_view_column_set_sorter (column, sorter);
}

/* ---- columns ------------------------------------------------------------------- */

static void cell_menu_pressed_cb (GtkListItem *item, int n_press, double x, double y, GtkGesture *gesture);

/* Every column's header menu offers the column chooser. */
static GMenuModel *
header_menu (void)
{
  static GMenu *menu = NULL;

  if (menu == NULL)
    {
      menu = g_menu_new ();
      g_menu_append (menu, _("_Columns…"), "list.choose-columns");
    }
  return G_MENU_MODEL (menu);
}

static void
width_changed_cb (GtkColumnViewColumn *column,
                  GParamSpec          *pspec,
                  KdxListView         *self)
{
  const char *name = g_object_get_data (G_OBJECT (column), "kdx-column-name");
  g_autoptr(GVariant) widths = g_settings_get_value (self->settings, "list-column-widths");
  g_autoptr(GVariantDict) dict = g_variant_dict_new (widths);

  g_variant_dict_insert (dict, name, "i", gtk_column_view_column_get_fixed_width (column));
  g_settings_set_value (self->settings, "list-column-widths", g_variant_dict_end (dict));
}

/* A column the view knows by name: sorts through the store (when its
 * column can sort), remembers its width, offers the chooser. */
static void
add_known_column (KdxListView         *self,
                  GtkColumnViewColumn *column,
                  const char          *name)
{
  const KdxField *field = kdx_kol_column_find (name);

  g_object_set_data (G_OBJECT (column), "kdx-column-name", (gpointer) field->name);
  g_hash_table_insert (self->columns, (gpointer) field->name, g_object_ref (column));
  if (kdx_kol_column_can_sort (field))
    set_column_sort (self, column, field->name);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_header_menu (column, header_menu ());
}

static GtkColumnViewColumn *
column_named (KdxListView *self,
              const char  *name)
{
  GtkColumnViewColumn *column = g_hash_table_lookup (self->columns, name);
  const KdxField *field = kdx_kol_column_find (name);

  if (column == NULL && field != NULL)
    {
      g_autoptr(GtkColumnViewColumn) made = kdx_list_column_new (field, (KdxCellMenuFunc) cell_menu_pressed_cb);

      add_known_column (self, made, field->name);
      column = made;
    }
  return column;
}

/* Puts the columns named in the view, in that order (the name always
 * first), with the widths remembered; keeps the sort as it was. */
static void
show_columns (KdxListView       *self,
              const char *const *names)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  GtkSorter *view_sorter = gtk_column_view_get_sorter (self->column_view);
  g_autoptr(GVariant) widths = g_settings_get_value (self->settings, "list-column-widths");
  const KdxKolQuery *query = kdx_kol_list_get_query (self->list);
  GtkColumnViewColumn *sorted = NULL;

  g_signal_handlers_block_by_func (view_sorter, view_sorter_changed_cb, self);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      g_signal_handlers_disconnect_by_func (column, width_changed_cb, self);
      gtk_column_view_remove_column (self->column_view, column);
    }
  gtk_column_view_append_column (self->column_view, self->name_column);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      GtkColumnViewColumn *column = column_named (self, names[i]);
      int width;

      if (column == NULL || column == self->name_column)
        continue;
      if (g_variant_lookup (widths, names[i], "i", &width) && width > 0)
        gtk_column_view_column_set_fixed_width (column, width);
      gtk_column_view_append_column (self->column_view, column);
      g_signal_connect (column, "notify::fixed-width", G_CALLBACK (width_changed_cb), self);
    }

  /* The header shows the store's sort where its column shows. */
  if (query->sort_field != NULL)
    sorted = g_hash_table_lookup (self->columns, query->sort_field);
  if (sorted != NULL && gtk_column_view_column_get_column_view (sorted) == self->column_view)
    gtk_column_view_sort_by_column (self->column_view, sorted,
                                    query->descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  else
    gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
  g_signal_handlers_unblock_by_func (view_sorter, view_sorter_changed_cb, self);
}

static void
chooser_changed_cb (KdxListView *self)
{
  g_auto(GStrv) names = kdx_column_chooser_get_columns (self->chooser);

  show_columns (self, (const char *const *) names);
  g_settings_set_strv (self->settings, "list-columns", (const char *const *) names);
}

static void
chooser_show_cb (KdxListView *self)
{
  g_auto(GStrv) names = kdx_list_view_get_columns (self);

  kdx_column_chooser_set_columns (self->chooser, (const char *const *) names);
}

static void
choose_columns_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KdxListView *self = KDX_LIST_VIEW (widget);

  gtk_menu_button_popup (self->columns_button);
}

/* ---- states -------------------------------------------------------------------- */

/* One state at a time: the KOLs, or a page saying why there are none. */
static void
update_list_state (KdxListView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  g_autofree char *count = NULL;
  const char *page = "list";
  guint total;

  /* The window's first screen: the rest, and with it the count, come
   * after the first frame (counting 100,000 KOLs reads them all). */
  if (!kdx_kol_list_is_complete (self->list) && self->search == NULL)
    {
      gtk_stack_set_visible_child_name (self->content_stack, page);
      gtk_label_set_text (self->count_label, "");
      return;
    }
  total = kdx_store_count_kols (self->store, NULL);

  /* While a search's rest is fetched, none found yet is not "no results". */
  if (n == 0 && kdx_kol_list_is_complete (self->list))
    page = total == 0 ? "empty" : "no-results";
  gtk_stack_set_visible_child_name (self->content_stack, page);

  if (!kdx_kol_list_is_complete (self->list))
    /* Translators: the count of a search still being fetched, of all KOLs */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… of %u KOL", "… of %u KOLs", total),
                             total);
  else if (n < total)
    /* Translators: how many KOLs a search or filter shows, of all */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u KOL", "%u of %u KOLs", total),
                             n, total);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u KOL", "%u KOLs", total), total);
  gtk_label_set_text (self->count_label, count);
}

GArray *
kdx_list_view_get_selected_ids (KdxListView *self)
{
  return kdx_selection_get_ids (GTK_SELECTION_MODEL (self->selection), self->list);
}

/* The row menu (and the window's) offer "Edit N KOLs…" with the number
 * that will change, only while there are several: one KOL is edited in
 * its file. */
static void
update_bulk_section (KdxListView *self,
                     guint        n_selected)
{
  g_autofree char *label = NULL;

  if (g_menu_model_get_n_items (G_MENU_MODEL (self->bulk_section)) > 0)
    g_menu_remove_all (self->bulk_section);
  if (n_selected < 2)
    return;
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Edit %u KOL…", "_Edit %u KOLs…", n_selected),
                           n_selected);
  g_menu_append (self->bulk_section, label, "win.bulk-edit");
}

static void
update_file_state (KdxListView *self)
{
  g_autoptr(GArray) ids = kdx_list_view_get_selected_ids (self);
  g_autoptr(GError) error = NULL;

  if (ids->len == 1)
    {
      update_bulk_section (self, ids->len);
      if (!kdx_kol_editor_show_kol (self->editor, g_array_index (ids, gint64, 0), &error))
        g_warning ("Cannot show KOL: %s", error->message);
      gtk_stack_set_visible_child_name (self->file_stack, "file");
      return;
    }

  kdx_kol_editor_show_kol (self->editor, 0, NULL);
  update_bulk_section (self, ids->len);
  if (ids->len == 0)
    gtk_stack_set_visible_child_name (self->file_stack, "none");
  else
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u KOL Selected",
                                                             "%u KOLs Selected", ids->len),
                                                ids->len);
      adw_status_page_set_title (self->many_page, title);
      gtk_stack_set_visible_child_name (self->file_stack, "many");
    }
}

static void
selection_changed_cb (KdxListView *self)
{
  update_file_state (self);
}

static void
items_changed_cb (KdxListView *self)
{
  update_list_state (self);
  update_file_state (self);
}

static void
row_activated_cb (KdxListView *self,
                  guint        position)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* The one-line rows get the list when they are first shown, not before:
 * a list view builds a row for every item it holds (up to 200), shown
 * or not, and the window's first frame is wide (issue 16, item 4). */
static void
attach_compact_rows (KdxListView *self)
{
  if (self->selection == NULL || !adw_leaflet_get_folded (self->leaflet)
      || gtk_list_view_get_model (self->compact_view) != NULL)
    return;
  gtk_list_view_set_model (self->compact_view, GTK_SELECTION_MODEL (self->selection));
}

/* Narrow, the file takes the whole page and the list shrinks to one-line
 * rows: a table clipped to 360 pixels shows nothing useful. */
static void
leaflet_changed_cb (KdxListView *self)
{
  attach_compact_rows (self);
  gtk_stack_set_visible_child_name (self->table_stack,
                                    adw_leaflet_get_folded (self->leaflet) ? "compact" : "table");
  /* Narrow rows have no columns to choose. */
  gtk_widget_set_visible (GTK_WIDGET (self->columns_button), !adw_leaflet_get_folded (self->leaflet));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWING_FILE]);
}

/* ---- the row menu --------------------------------------------------------------- */

/* The popover lives as long as the view and is only popped up and down:
 * one that goes away when it closes goes before its chosen item runs. */
static void
show_row_menu (KdxListView *self,
               GtkWidget   *widget,
               double       x,
               double       y)
{
  GdkRectangle rect = { 0, 0, 1, 1 };
  double sx, sy;

  if (!gtk_widget_translate_coordinates (widget, GTK_WIDGET (self), x, y, &sx, &sy))
    return;
  rect.x = (int) sx;
  rect.y = (int) sy;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->row_popover));
}

/* A right click on a row that is not selected selects it alone, as in
 * Files: the menu acts on what is selected. */
static void
cell_menu_pressed_cb (GtkListItem *item,
                      int          n_press,
                      double       x,
                      double       y,
                      GtkGesture  *gesture)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  KdxListView *self = KDX_LIST_VIEW (gtk_widget_get_ancestor (cell, KDX_TYPE_LIST_VIEW));
  guint position = gtk_list_item_get_position (item);

  if (self == NULL || position == GTK_INVALID_LIST_POSITION)
    return;
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  show_row_menu (self, cell, x, y);
}

/* The Menu key or Shift+F10: the menu of the selected rows, beside the
 * focused one. */
static void
show_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KdxListView *self = KDX_LIST_VIEW (widget);
  g_autoptr(GArray) ids = kdx_list_view_get_selected_ids (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  graphene_rect_t bounds;

  if (ids->len == 0)
    return;
  if (focus != NULL && gtk_widget_is_ancestor (focus, widget)
      && gtk_widget_compute_bounds (focus, focus, &bounds))
    show_row_menu (self, focus, bounds.size.width / 2, bounds.size.height / 2);
  else
    show_row_menu (self, widget, gtk_widget_get_width (widget) / 2.0, 24);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KdxListView *self = KDX_LIST_VIEW (widget);
  g_autoptr(GArray) ids = kdx_list_view_get_selected_ids (self);

  if (ids->len != 1)
    return;
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  gtk_widget_grab_focus (GTK_WIDGET (self->editor));
}

/* A move from the list is the board's move: dated, asking why for
 * Departed and Declined, and undoable. */
static void
move_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KdxListView *self = KDX_LIST_VIEW (widget);
  g_autoptr(GArray) ids = kdx_list_view_get_selected_ids (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  KdxStage stage = g_variant_get_int32 (parameter);

  if (ids->len == 0 || !KDX_IS_WINDOW (root) || stage < 0 || stage >= KDX_N_STAGES)
    return;
  kdx_kol_editor_flush (self->editor);
  kdx_board_view_drop (kdx_window_get_board_view (KDX_WINDOW (root)), ids, stage, 0);
}

/* Every sort key of @from, in order, replaces those of @to. */
static void
copy_sort (KdxKolQuery       *to,
           const KdxKolQuery *from)
{
  g_auto(GStrv) keys = kdx_kol_query_get_sort_texts (from);

  kdx_kol_query_set_sort (to, NULL, FALSE);
  for (guint i = 0; keys[i] != NULL; i++)
    kdx_kol_query_add_sort_text (to, keys[i], NULL);
}


/* Rows a search shows at once, the rest following (issue 16): a screen. */
#define SEARCH_FIRST_SCREEN 100

static void
apply_query_typed (KdxListView *self,
                   gboolean     typed)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_copy (self->filter);
  const KdxKolQuery *current = kdx_kol_list_get_query (self->list);

  kdx_kol_query_set_search (query, self->search);
  copy_sort (query, current);
  kdx_drilldown_bar_restrict (self->drilldown_bar, query);
  if (typed)
    kdx_kol_list_search (self->list, query, SEARCH_FIRST_SCREEN);
  else
    kdx_kol_list_set_query (self->list, query);
  update_list_state (self);
  /* Narrow, a search typed over an open file is for the results. */
  kdx_list_view_show_list (self);
}

static void
apply_query (KdxListView *self)
{
  apply_query_typed (self, FALSE);
}

static void
drilldown_changed_cb (KdxListView *self)
{
  apply_query (self);
}

/* ---- object -------------------------------------------------------------------- */

static void
kdx_list_view_dispose (GObject *object)
{
  KdxListView *self = KDX_LIST_VIEW (object);

  if (self->editor != NULL)
    kdx_kol_editor_flush (self->editor);
  g_clear_signal_handler (&self->store_handler, self->store);
  g_clear_pointer (&self->row_popover, gtk_widget_unparent);
  /* The column view goes after the list; its columns going re-sort. */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_LIST_VIEW);
  g_clear_object (&self->selection);
  /* A search's worker may hold the list past this view. */
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->columns, g_hash_table_unref);

  G_OBJECT_CLASS (kdx_list_view_parent_class)->dispose (object);
}

static void
kdx_list_view_finalize (GObject *object)
{
  KdxListView *self = KDX_LIST_VIEW (object);

  g_clear_pointer (&self->filter, kdx_kol_query_free);
  g_clear_pointer (&self->column_fields, g_hash_table_unref);
  g_free (self->search);

  G_OBJECT_CLASS (kdx_list_view_parent_class)->finalize (object);
}

static void
kdx_list_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KdxListView *self = KDX_LIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOWING_FILE:
      g_value_set_boolean (value, kdx_list_view_get_showing_file (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_list_view_class_init (KdxListViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_list_view_dispose;
  object_class->finalize = kdx_list_view_finalize;
  object_class->get_property = kdx_list_view_get_property;

  /* Narrow, with the file on the whole page: the window shows Back. */
  properties[PROP_SHOWING_FILE] =
    g_param_spec_boolean ("showing-file", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "list.show-menu", NULL, show_menu_action);
  gtk_widget_class_install_action (widget_class, "list.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "list.choose-columns", NULL, choose_columns_action);
  gtk_widget_class_install_action (widget_class, "list.move-to", "i", move_to_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "list.show-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "list.show-menu", NULL);

  g_type_ensure (KDX_TYPE_KOL);
  g_type_ensure (KDX_TYPE_LAST_CONTACT_LABEL);
  kdx_app_ensure_resources ();
  g_type_ensure (KDX_TYPE_DRILLDOWN_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/kdx-list-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxListView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, drilldown_bar);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, table_stack);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, column_view);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, compact_view);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, count_label);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, columns_button);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, row_menu);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, move_menu);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, bulk_section);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, file_stack);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, file_box);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, many_page);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, name_column);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, platform_column);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, followers_column);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, tier_column);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, stage_column);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, owner_column);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, last_contact_column);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, follow_up_column);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, drilldown_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, cell_menu_pressed_cb);
  kdx_list_cells_bind_closures (widget_class);
}

static void
kdx_list_view_init (KdxListView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = kdx_kol_query_new ();
  self->column_fields = g_hash_table_new (NULL, NULL);
  self->columns = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_object_bind_property (self->leaflet, "folded", self->column_view, "single-click-activate",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (leaflet_changed_cb), self);
  g_signal_connect_swapped (self->leaflet, "notify::visible-child", G_CALLBACK (leaflet_changed_cb), self);
  leaflet_changed_cb (self);

  for (KdxStage stage = 0; stage < KDX_N_STAGES; stage++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (kdx_stage_get_label (stage), NULL);
      g_menu_item_set_action_and_target_value (item, "list.move-to", g_variant_new_int32 (stage));
      g_menu_append_item (self->move_menu, item);
    }
  self->row_popover = gtk_popover_menu_new_from_model (self->row_menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->row_popover), FALSE);
  gtk_widget_set_halign (self->row_popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->row_popover, GTK_WIDGET (self));
}

/* No row of the list is shorter: every table row has the name column
 * (it cannot be hidden), whose avatar is 28 pixels tall (33 with the
 * row's padding); the one-line rows of the narrow list are taller. */
#define SHORTEST_ROW_PX 28

/* The rows the window's first frame may show: the tallest monitor filled
 * with the shortest rows. Every row the list holds at its first frame is
 * built, and its KOL read, so fewer is cheaper (27 % less CPU to the
 * first frame at 100,000 KOLs for 34 rows than for 100; 29 rows for an
 * 800-pixel screen rather than 34 once the shortest row was measured). */
static guint
screenful_of_rows (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  GListModel *monitors = display != NULL ? gdk_display_get_monitors (display) : NULL;
  int tallest = 0;

  for (guint i = 0; monitors != NULL && i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      tallest = MAX (tallest, geometry.height);
    }
  if (tallest <= 0)
    return SEARCH_FIRST_SCREEN;
  return MIN (tallest / SHORTEST_ROW_PX + 1, SEARCH_FIRST_SCREEN);
}

GtkWidget *
kdx_list_view_new (KdxStore *store)
{
  KdxListView *self;
  GtkSorter *view_sorter;

  g_return_val_if_fail (KDX_IS_STORE (store), NULL);

  self = g_object_new (KDX_TYPE_LIST_VIEW, NULL);
  self->store = g_object_ref (store);
  /* A read-only connection moves no KOL to another stage. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.move-to", !kdx_store_is_read_only (store));
  /* A screenful before the first frame, the rest from a worker. The
   * rows show columns, never a timeline: a screenful in one query (on a
   * team database, with its ids). */
  self->list = kdx_kol_list_new_first_rows (store, screenful_of_rows ());
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->list)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  attach_compact_rows (self);

  self->editor = KDX_KOL_EDITOR (kdx_kol_editor_new (store));
  gtk_widget_set_vexpand (GTK_WIDGET (self->editor), TRUE);
  gtk_box_append (self->file_box, GTK_WIDGET (self->editor));

  add_known_column (self, self->name_column, "display_name");
  add_known_column (self, self->platform_column, "platform");
  add_known_column (self, self->followers_column, "followers");
  add_known_column (self, self->tier_column, "tier");
  add_known_column (self, self->stage_column, "stage");
  add_known_column (self, self->owner_column, "owner");
  add_known_column (self, self->last_contact_column, "last_contact");
  add_known_column (self, self->follow_up_column, "next_follow_up");
  view_sorter = gtk_column_view_get_sorter (self->column_view);
  g_signal_connect (view_sorter, "changed", G_CALLBACK (view_sorter_changed_cb), self);
  /* The columns the operator chose last time, in that order and width. */
  self->settings = g_settings_new (APP_ID);
  {
    g_auto(GStrv) shown = g_settings_get_strv (self->settings, "list-columns");
    show_columns (self, (const char *const *) shown);
  }
  self->chooser = KDX_COLUMN_CHOOSER (kdx_column_chooser_new ());
  gtk_menu_button_set_popover (self->columns_button, GTK_WIDGET (self->chooser));
  g_signal_connect_swapped (self->chooser, "changed", G_CALLBACK (chooser_changed_cb), self);
  g_signal_connect_swapped (self->chooser, "show", G_CALLBACK (chooser_show_cb), self);

  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->list, "items-changed", G_CALLBACK (items_changed_cb), self);
  g_signal_connect_swapped (self->list, "notify::complete", G_CALLBACK (update_list_state), self);
  /* The count of all KOLs changes where the list may not ("8 of 63"). */
  self->store_handler = g_signal_connect_swapped (store, "changed", G_CALLBACK (update_list_state), self);
  update_list_state (self);
  update_file_state (self);

  return GTK_WIDGET (self);
}

KdxKolList *
kdx_list_view_get_list (KdxListView *self)
{
  g_return_val_if_fail (KDX_IS_LIST_VIEW (self), NULL);
  return self->list;
}

KdxKolEditor *
kdx_list_view_get_editor (KdxListView *self)
{
  g_return_val_if_fail (KDX_IS_LIST_VIEW (self), NULL);
  return self->editor;
}

/* "Edit N KOLs…" while several KOLs are selected, else empty: a section
 * for the window's menu. */
GMenuModel *
kdx_list_view_get_bulk_menu (KdxListView *self)
{
  g_return_val_if_fail (KDX_IS_LIST_VIEW (self), NULL);
  return G_MENU_MODEL (self->bulk_section);
}

GtkColumnView *
kdx_list_view_get_column_view (KdxListView *self)
{
  g_return_val_if_fail (KDX_IS_LIST_VIEW (self), NULL);
  return self->column_view;
}

void
kdx_list_view_set_search (KdxListView *self,
                          const char  *search)
{
  g_return_if_fail (KDX_IS_LIST_VIEW (self));

  g_free (self->search);
  self->search = search != NULL && *search != '\0' ? g_strdup (search) : NULL;
  apply_query_typed (self, TRUE);
}

void
kdx_list_view_set_filter (KdxListView       *self,
                          const KdxKolQuery *filter)
{
  g_return_if_fail (KDX_IS_LIST_VIEW (self));

  kdx_kol_query_free (self->filter);
  self->filter = filter != NULL ? kdx_kol_query_copy (filter) : kdx_kol_query_new ();
  apply_query (self);
}

/**
 * kdx_list_view_select_id:
 * @show_file: on a narrow window, go to the file's page
 *
 * Selects the KOL (alone) and scrolls it into view.
 */
void
kdx_list_view_select_id (KdxListView *self,
                         gint64       id,
                         gboolean     show_file)
{
  guint position;

  g_return_if_fail (KDX_IS_LIST_VIEW (self));

  if (!kdx_kol_list_find (self->list, id, &position))
    return;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  scroll_to (self, position);
  if (show_file)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Narrow, with the file on the whole page (the window's Back goes back). */
gboolean
kdx_list_view_get_showing_file (KdxListView *self)
{
  g_return_val_if_fail (KDX_IS_LIST_VIEW (self), FALSE);

  return adw_leaflet_get_folded (self->leaflet)
         && g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "file") == 0;
}

/* Narrow, back from the file to the list; wide, both show anyway. */
void
kdx_list_view_show_list (KdxListView *self)
{
  g_return_if_fail (KDX_IS_LIST_VIEW (self));

  if (kdx_list_view_get_showing_file (self))
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

/**
 * kdx_list_view_show_only:
 * @title: what the KOLs are, as the bar says it ("Negotiating")
 * @ids: (element-type gint64) (nullable): the KOLs to show; NULL shows all
 *
 * Shows just these KOLs, under a bar that names them and shows all again.
 */
void
kdx_list_view_show_only (KdxListView *self,
                         const char  *title,
                         GArray      *ids)
{
  g_return_if_fail (KDX_IS_LIST_VIEW (self));
  kdx_drilldown_bar_set_ids (self->drilldown_bar, title, ids);
}

/* The columns shown, in order (names of kdx-kol-columns.h). */
char **
kdx_list_view_get_columns (KdxListView *self)
{
  GListModel *columns;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_return_val_if_fail (KDX_IS_LIST_VIEW (self), NULL);

  columns = gtk_column_view_get_columns (self->column_view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GObject) column = g_list_model_get_item (columns, i);
      g_strv_builder_add (names, g_object_get_data (column, "kdx-column-name"));
    }
  return g_strv_builder_end (names);
}

/* Shows @columns (empty or NULL: the defaults) and remembers them. */
void
kdx_list_view_set_columns (KdxListView       *self,
                           const char *const *columns)
{
  g_auto(GStrv) defaults = NULL;

  g_return_if_fail (KDX_IS_LIST_VIEW (self));

  if (columns == NULL || columns[0] == NULL)
    {
      g_autoptr(GVariant) value = g_settings_get_default_value (self->settings, "list-columns");
      defaults = g_variant_dup_strv (value, NULL);
      columns = (const char *const *) defaults;
    }
  show_columns (self, columns);
  g_settings_set_strv (self->settings, "list-columns", columns);
}

/* Sorts by every sort key of @sort (its filters aside), as a saved view
 * does. */
void
kdx_list_view_set_sort (KdxListView       *self,
                        const KdxKolQuery *sort)
{
  g_autoptr(KdxKolQuery) query = NULL;
  g_auto(GStrv) names = NULL;

  g_return_if_fail (KDX_IS_LIST_VIEW (self));

  query = kdx_kol_query_copy (kdx_kol_list_get_query (self->list));
  copy_sort (query, sort);
  kdx_kol_list_set_query (self->list, query);
  /* The header's arrow follows. */
  names = kdx_list_view_get_columns (self);
  show_columns (self, (const char *const *) names);
  scroll_to (self, 0);
}
