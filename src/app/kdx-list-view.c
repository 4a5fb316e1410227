/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-list-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-app-resources.h"
#include "kdx-selection-ids.h"
#include "kdx-avatar-text.h"
#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-list-view.h"
#include "kdx-value.h"

/* The model pipeline:
 *
 *   KdxStore --(KdxKolQuery: search, filters, sort; all in SQL)--> KdxKolList
 *     --> GtkMultiSelection --> GtkColumnView
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
  const char        *probed_field;  /* set by a column sorter when called */
  gulong             store_handler;

  AdwLeaflet        *leaflet;
  GtkStack          *list_stack;
  GtkColumnView     *column_view;
  GtkStack          *file_stack;
  GtkBox            *file_box;
  AdwStatusPage     *many_page;
  GtkRevealer       *back_revealer;
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

/* ---- cell closures ------------------------------------------------------------- */

static char *
initials_text (gpointer    this,
               const char *display_name)
{
  return kdx_avatar_text (display_name);
}

static GdkPaintable *
avatar_paintable (gpointer  this,
                  GBytes   *avatar)
{
  if (avatar == NULL)
    return NULL;
  return GDK_PAINTABLE (gdk_texture_new_from_bytes (avatar, NULL));
}

static char *
platform_text (gpointer    this,
               const char *platform)
{
  return g_strdup (platform != NULL ? kdx_platform_get_label (platform) : "");
}

static char *
followers_text (gpointer this,
                gint64   followers)
{
  return kdx_value_format_count (followers, kdx_value_count_style_for_locale ());
}

static char *
tier_text (gpointer this,
           KdxTier  tier)
{
  return g_strdup (tier == KDX_TIER_UNRATED ? "" : kdx_enum_get_label (KDX_TYPE_TIER, tier));
}

static char *
stage_text (gpointer this,
            KdxStage stage)
{
  return g_strdup (kdx_stage_get_label (stage));
}

/* Re-evaluated when updated-at changes, i.e. after any save. */
static char *
last_contact_text (gpointer    this,
                   KdxKol     *kol,
                   const char *updated_at)
{
  g_autofree char *last = NULL;

  if (kol == NULL || (last = kdx_kol_get_last_contact (kol)) == NULL)
    return g_strdup ("");
  return g_strndup (last, 10);
}

static char **
follow_up_classes (gpointer    this,
                   const char *next_follow_up)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, "numeric");
  /* Overdue: the day has passed and nobody moved the date. */
  if (next_follow_up != NULL && strcmp (next_follow_up, today) < 0)
    g_strv_builder_add (builder, "error");
  return g_strv_builder_end (builder);
}

/* ---- sorting ------------------------------------------------------------------- */

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

/* ---- states -------------------------------------------------------------------- */

static void
update_list_state (KdxListView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  const char *page = "list";

  if (n == 0)
    page = kdx_store_count_kols (self->store, NULL) == 0 ? "empty" : "no-results";
  gtk_stack_set_visible_child_name (self->list_stack, page);
}

GArray *
kdx_list_view_get_selected_ids (KdxListView *self)
{
  return kdx_selection_get_ids (GTK_SELECTION_MODEL (self->selection), self->list);
}

static void
update_file_state (KdxListView *self)
{
  g_autoptr(GArray) ids = kdx_list_view_get_selected_ids (self);
  g_autoptr(GError) error = NULL;

  if (ids->len == 1)
    {
      if (!kdx_kol_editor_show_kol (self->editor, g_array_index (ids, gint64, 0), &error))
        g_warning ("Cannot show KOL: %s", error->message);
      gtk_stack_set_visible_child_name (self->file_stack, "file");
      return;
    }

  kdx_kol_editor_show_kol (self->editor, 0, NULL);
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

static void
back_clicked_cb (KdxListView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
apply_query (KdxListView *self)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_copy (self->filter);
  const KdxKolQuery *current = kdx_kol_list_get_query (self->list);

  kdx_kol_query_set_search (query, self->search);
  kdx_kol_query_set_sort (query, current->sort_field, current->descending);
  kdx_kol_list_set_query (self->list, query);
  update_list_state (self);
}

/* ---- object -------------------------------------------------------------------- */

static void
kdx_list_view_dispose (GObject *object)
{
  KdxListView *self = KDX_LIST_VIEW (object);

  if (self->editor != NULL)
    kdx_kol_editor_flush (self->editor);
  g_clear_signal_handler (&self->store_handler, self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_LIST_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->store);

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
kdx_list_view_class_init (KdxListViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_list_view_dispose;
  object_class->finalize = kdx_list_view_finalize;

  g_type_ensure (KDX_TYPE_KOL);
  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/kdx-list-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxListView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, column_view);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, file_stack);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, file_box);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, many_page);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, back_revealer);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, name_column);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, platform_column);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, followers_column);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, tier_column);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, stage_column);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, owner_column);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, last_contact_column);
  gtk_widget_class_bind_template_child (widget_class, KdxListView, follow_up_column);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, initials_text);
  gtk_widget_class_bind_template_callback (widget_class, avatar_paintable);
  gtk_widget_class_bind_template_callback (widget_class, platform_text);
  gtk_widget_class_bind_template_callback (widget_class, followers_text);
  gtk_widget_class_bind_template_callback (widget_class, tier_text);
  gtk_widget_class_bind_template_callback (widget_class, stage_text);
  gtk_widget_class_bind_template_callback (widget_class, last_contact_text);
  gtk_widget_class_bind_template_callback (widget_class, follow_up_classes);
}

static void
kdx_list_view_init (KdxListView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The bin's child is found, not bound: GTK 4.8 unparents bound
   * template children behind AdwBin's back, which AdwBin's dispose then
   * unparents again. */
  self->leaflet = ADW_LEAFLET (adw_bin_get_child (ADW_BIN (self)));

  self->filter = kdx_kol_query_new ();
  self->column_fields = g_hash_table_new (NULL, NULL);
  g_object_bind_property (self->leaflet, "folded", self->back_revealer, "reveal-child",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->leaflet, "folded", self->column_view, "single-click-activate",
                          G_BINDING_SYNC_CREATE);
}

GtkWidget *
kdx_list_view_new (KdxStore *store)
{
  KdxListView *self;
  GtkSorter *view_sorter;

  g_return_val_if_fail (KDX_IS_STORE (store), NULL);

  self = g_object_new (KDX_TYPE_LIST_VIEW, NULL);
  self->store = g_object_ref (store);
  self->list = kdx_kol_list_new (store);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->list)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  self->editor = KDX_KOL_EDITOR (kdx_kol_editor_new (store));
  gtk_widget_set_vexpand (GTK_WIDGET (self->editor), TRUE);
  gtk_box_append (self->file_box, GTK_WIDGET (self->editor));

  set_column_sort (self, self->name_column, "display_name");
  set_column_sort (self, self->platform_column, "platform");
  set_column_sort (self, self->followers_column, "followers");
  set_column_sort (self, self->tier_column, "tier");
  set_column_sort (self, self->stage_column, "stage");
  set_column_sort (self, self->owner_column, "owner");
  set_column_sort (self, self->last_contact_column, "last_contact");
  set_column_sort (self, self->follow_up_column, "next_follow_up");
  view_sorter = gtk_column_view_get_sorter (self->column_view);
  g_signal_connect (view_sorter, "changed", G_CALLBACK (view_sorter_changed_cb), self);

  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->list, "items-changed", G_CALLBACK (items_changed_cb), self);
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
  apply_query (self);
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
  /* GTK 4.8 has no gtk_column_view_scroll_to(); the list inside it has
   * the "list.scroll-to-item" action that does the same. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
  if (show_file)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}
