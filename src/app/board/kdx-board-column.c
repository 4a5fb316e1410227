/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-board-column"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-app-resources.h"
#include "kdx-selection-ids.h"
#include "kdx-board-card.h"
#include "kdx-board-column.h"
#include "kdx-value.h"

/* A column's cards: store --(filter + this stage + the column's sort)-->
 * KdxKolList --> GtkMultiSelection --> GtkListView of KdxBoardCards. Only
 * the visible cards are built, so a column of 10,000 scrolls like one of
 * ten. Cards are dragged as text "koldex-ids:1,2,3" to the board view,
 * which does the moving. */

#define COLUMN_WIDTH 280
#define FOLDED_WIDTH 150
#define FOLDED_CHARS 14

struct _KdxBoardColumn
{
  GtkWidget          parent_instance;

  KdxStore          *store;
  KdxStage           stage;
  KdxKolList        *list;
  GtkMultiSelection *selection;
  KdxKolQuery       *filter;
  char              *sort;
  gboolean           folded;
  gulong             store_handler;
  gint64             focus_id;        /* the card to focus once it is built */
  guint              focus_tick;
  guint              focus_frames;
  GSimpleActionGroup *actions;

  GtkWidget         *box;
  GtkLabel          *title_label;
  GtkLabel          *stats_label;
  GtkToggleButton   *fold_button;
  GtkWidget         *sort_button;
  GtkWidget         *scroller;
  GtkListView       *list_view;
};

G_DEFINE_FINAL_TYPE (KdxBoardColumn, kdx_board_column, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FOLDED,
  PROP_SORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_stats (KdxBoardColumn *self)
{
  g_autoptr(KdxKolQuery) query = NULL;
  g_autofree char *count_text = NULL;
  g_autofree char *followers_text = NULL;
  g_autofree char *stats = NULL;
  g_autofree char *accessible = NULL;
  gint64 count = 0, followers = 0;

  if (self->list == NULL)
    return;
  query = kdx_kol_query_copy (kdx_kol_list_get_query (self->list));
  kdx_store_query_stats (self->store, query, &count, &followers, NULL);
  count_text = kdx_value_format_int (count);
  followers_text = kdx_value_format_count (followers, kdx_value_count_style_for_locale ());
  if (self->folded)
    {
      /* Narrow: the count and the followers on a line each, never cut. */
      g_autofree char *kols = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s KOL", "%s KOLs", count), count_text);
      /* Translators: the summed followers of a folded board column */
      g_autofree char *fans = g_strdup_printf (_("%s followers"), followers_text);
      stats = g_strdup_printf ("%s\n%s", kols, fans);
    }
  else
    /* Translators: a board column's count of KOLs and their summed followers */
    stats = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s KOL · %s followers",
                                          "%s KOLs · %s followers", count),
                             count_text, followers_text);
  gtk_label_set_text (self->stats_label, stats);

  accessible = g_strdup_printf ("%s, %s", kdx_stage_get_label (self->stage), stats);
  g_strdelimit (accessible, "\n", ' ');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
apply_query (KdxBoardColumn *self)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_copy (self->filter);

  /* The column is its stage, whatever the filter says about stages. */
  query->stages = 1u << self->stage;
  kdx_kol_query_set_sort (query, self->sort,
                          g_str_equal (self->sort, "followers"));
  kdx_kol_list_set_query (self->list, query);
  update_stats (self);
}

static void
store_changed_cb (KdxBoardColumn *self)
{
  update_stats (self);
}

/* ---- cards ---------------------------------------------------------------------- */

static GArray *
drag_ids (KdxBoardColumn *self,
          GtkListItem    *item)
{
  GArray *ids;
  KdxKol *kol = gtk_list_item_get_item (item);

  /* A selected card takes the column's whole selection along. */
  if (gtk_list_item_get_selected (item))
    return kdx_board_column_get_selected_ids (self);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (kol != NULL)
    {
      gint64 id = kdx_kol_get_id (kol);
      g_array_append_val (ids, id);
    }
  return ids;
}

static char *
ids_to_text (GArray *ids)
{
  g_autoptr(GString) text = g_string_new ("koldex-ids:");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkListItem   *item)
{
  KdxBoardColumn *self = g_object_get_data (G_OBJECT (source), "kdx-column");
  g_autoptr(GArray) ids = drag_ids (self, item);
  g_autofree char *text = NULL;

  if (ids->len == 0)
    return NULL;
  text = ids_to_text (ids);
  return gdk_content_provider_new_typed (G_TYPE_STRING, text);
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               GtkListItem   *item)
{
  GtkWidget *card = gtk_list_item_get_child (item);
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (card);

  gtk_drag_source_set_icon (source, icon, 20, 20);
}

/* Dropped on a card: the dragged cards go in front of it (or behind it,
 * on its lower half), in this stage. */
static gboolean
card_drop_cb (GtkDropTarget *target,
              const GValue  *value,
              double         x,
              double         y,
              GtkListItem   *item)
{
  KdxBoardColumn *self = g_object_get_data (G_OBJECT (target), "kdx-column");
  GtkWidget *card = gtk_list_item_get_child (item);
  KdxKol *kol = gtk_list_item_get_item (item);
  gint64 before = 0;
  guint position = gtk_list_item_get_position (item);

  if (kol == NULL)
    return FALSE;

  if (y < gtk_widget_get_height (card) / 2.0)
    before = kdx_kol_get_id (kol);
  else if (position + 1 < g_list_model_get_n_items (G_LIST_MODEL (self->list)))
    before = kdx_kol_list_get_id (self->list, position + 1);

  return gtk_widget_activate_action (GTK_WIDGET (self), "board.drop", "(sux)",
                                     g_value_get_string (value), (guint32) self->stage, before);
}

/* Dropped anywhere else in the column: at its end. */
static gboolean
column_drop_cb (GtkDropTarget  *target,
                const GValue   *value,
                double          x,
                double          y,
                KdxBoardColumn *self)
{
  return gtk_widget_activate_action (GTK_WIDGET (self), "board.drop", "(sux)",
                                     g_value_get_string (value), (guint32) self->stage, (gint64) 0);
}

static void
setup_card_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               KdxBoardColumn           *self)
{
  GtkWidget *card = kdx_board_card_new ();

  kdx_board_card_set_tracker (KDX_BOARD_CARD (card), kdx_due_tracker_for_store (self->store));
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_object_set_data (G_OBJECT (source), "kdx-column", self);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), item);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), item);
  /* A read-only connection moves nothing: its cards do not lift. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (source),
                                              kdx_store_is_read_only (self->store)
                                              ? GTK_PHASE_NONE : GTK_PHASE_BUBBLE);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (source));

  g_object_set_data (G_OBJECT (target), "kdx-column", self);
  g_signal_connect (target, "drop", G_CALLBACK (card_drop_cb), item);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (target));

  gtk_list_item_set_child (item, card);
}

static void
bind_card_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              KdxBoardColumn           *self)
{
  kdx_board_card_set_kol (KDX_BOARD_CARD (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
}

static void
unbind_card_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                KdxBoardColumn           *self)
{
  kdx_board_card_set_kol (KDX_BOARD_CARD (gtk_list_item_get_child (item)), NULL);
}

static void
activate_cb (GtkListView    *view,
             guint           position,
             KdxBoardColumn *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "board.open", "x",
                              kdx_kol_list_get_id (self->list, position));
}

/* ---- actions -------------------------------------------------------------------- */

static void
sort_action_cb (GSimpleAction  *action,
                GVariant       *parameter,
                KdxBoardColumn *self)
{
  kdx_board_column_set_sort (self, g_variant_get_string (parameter, NULL));
}

static void
fold_toggled_cb (KdxBoardColumn *self)
{
  kdx_board_column_set_folded (self, gtk_toggle_button_get_active (self->fold_button));
}

/* ---- object --------------------------------------------------------------------- */

static void
kdx_board_column_dispose (GObject *object)
{
  KdxBoardColumn *self = KDX_BOARD_COLUMN (object);

  g_clear_signal_handler (&self->store_handler, self->store);
  if (self->focus_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->focus_tick);
  self->focus_tick = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_BOARD_COLUMN);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (kdx_board_column_parent_class)->dispose (object);
}

static void
kdx_board_column_finalize (GObject *object)
{
  KdxBoardColumn *self = KDX_BOARD_COLUMN (object);

  g_clear_pointer (&self->filter, kdx_kol_query_free);
  g_free (self->sort);

  G_OBJECT_CLASS (kdx_board_column_parent_class)->finalize (object);
}

static void
kdx_board_column_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KdxBoardColumn *self = KDX_BOARD_COLUMN (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    case PROP_SORT:
      g_value_set_string (value, self->sort);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_board_column_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KdxBoardColumn *self = KDX_BOARD_COLUMN (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      kdx_board_column_set_folded (self, g_value_get_boolean (value));
      break;
    case PROP_SORT:
      kdx_board_column_set_sort (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_board_column_class_init (KdxBoardColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_board_column_dispose;
  object_class->finalize = kdx_board_column_finalize;
  object_class->get_property = kdx_board_column_get_property;
  object_class->set_property = kdx_board_column_set_property;

  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL, "board",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/kdx-board-column.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxBoardColumn, box);
  gtk_widget_class_bind_template_child (widget_class, KdxBoardColumn, title_label);
  gtk_widget_class_bind_template_child (widget_class, KdxBoardColumn, stats_label);
  gtk_widget_class_bind_template_child (widget_class, KdxBoardColumn, fold_button);
  gtk_widget_class_bind_template_child (widget_class, KdxBoardColumn, sort_button);
  gtk_widget_class_bind_template_child (widget_class, KdxBoardColumn, scroller);
  gtk_widget_class_bind_template_child (widget_class, KdxBoardColumn, list_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kdxboardcolumn");
}

static void
kdx_board_column_init (KdxBoardColumn *self)
{
  g_autoptr(GSimpleAction) sort = NULL;
  GSimpleActionGroup *group = g_simple_action_group_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->filter = kdx_kol_query_new ();
  self->sort = g_strdup ("board");

  sort = g_simple_action_new_stateful ("sort", G_VARIANT_TYPE_STRING, g_variant_new_string ("board"));
  g_signal_connect (sort, "activate", G_CALLBACK (sort_action_cb), self);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (sort));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "column", G_ACTION_GROUP (group));
  self->actions = group;

  g_signal_connect_swapped (self->fold_button, "toggled", G_CALLBACK (fold_toggled_cb), self);
  gtk_widget_set_size_request (GTK_WIDGET (self), COLUMN_WIDTH, -1);
}

GtkWidget *
kdx_board_column_new (KdxStore *store,
                      KdxStage  stage)
{
  KdxBoardColumn *self = g_object_new (KDX_TYPE_BOARD_COLUMN, NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  g_autofree char *fold_label = NULL;

  self->store = g_object_ref (store);
  self->stage = stage;
  self->list = kdx_kol_list_new (store);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->list)));

  gtk_label_set_text (self->title_label, kdx_stage_get_label (stage));
  /* Translators: %s is a stage, such as Departed */
  fold_label = g_strdup_printf (_("Fold %s"), kdx_stage_get_label (stage));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->fold_button), fold_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->fold_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  fold_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sort_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Order Cards"), -1);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_card_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_card_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_card_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->list_view, "activate", G_CALLBACK (activate_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kdx_stage_get_label (stage), -1);

  g_signal_connect (target, "drop", G_CALLBACK (column_drop_cb), self);
  gtk_widget_add_controller (self->scroller, GTK_EVENT_CONTROLLER (target));

  self->store_handler = g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);
  apply_query (self);
  return GTK_WIDGET (self);
}

KdxStage
kdx_board_column_get_stage (KdxBoardColumn *self)
{
  g_return_val_if_fail (KDX_IS_BOARD_COLUMN (self), KDX_STAGE_CANDIDATE);
  return self->stage;
}

KdxKolList *
kdx_board_column_get_list (KdxBoardColumn *self)
{
  g_return_val_if_fail (KDX_IS_BOARD_COLUMN (self), NULL);
  return self->list;
}

void
kdx_board_column_set_filter (KdxBoardColumn    *self,
                             const KdxKolQuery *filter)
{
  g_return_if_fail (KDX_IS_BOARD_COLUMN (self));

  kdx_kol_query_free (self->filter);
  self->filter = filter != NULL ? kdx_kol_query_copy (filter) : kdx_kol_query_new ();
  apply_query (self);
}

/**
 * kdx_board_column_set_sort:
 * @sort: "board" (the manual order), "followers", "stage_since" or
 *   "next_follow_up"
 */
void
kdx_board_column_set_sort (KdxBoardColumn *self,
                           const char     *sort)
{
  static const char *const sorts[] = { "board", "followers", "stage_since", "next_follow_up", NULL };
  GAction *action;

  g_return_if_fail (KDX_IS_BOARD_COLUMN (self));

  if (sort == NULL || !g_strv_contains (sorts, sort))
    sort = "board";
  if (g_strcmp0 (self->sort, sort) == 0)
    return;

  g_free (self->sort);
  self->sort = g_strdup (sort);
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "sort");
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (sort));
  apply_query (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

const char *
kdx_board_column_get_sort (KdxBoardColumn *self)
{
  g_return_val_if_fail (KDX_IS_BOARD_COLUMN (self), NULL);
  return self->sort;
}

void
kdx_board_column_set_folded (KdxBoardColumn *self,
                             gboolean        folded)
{
  g_autofree char *label = NULL;

  g_return_if_fail (KDX_IS_BOARD_COLUMN (self));

  folded = !!folded;
  if (self->folded == folded)
    return;

  self->folded = folded;
  gtk_toggle_button_set_active (self->fold_button, folded);
  gtk_widget_set_visible (self->scroller, !folded);
  gtk_widget_set_visible (self->sort_button, !folded);
  gtk_widget_set_size_request (GTK_WIDGET (self), folded ? FOLDED_WIDTH : COLUMN_WIDTH, -1);
  gtk_button_set_icon_name (GTK_BUTTON (self->fold_button), folded ? "pan-end-symbolic" : "pan-start-symbolic");
  label = g_strdup_printf (folded ? _("Unfold %s") : _("Fold %s"), kdx_stage_get_label (self->stage));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->fold_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->fold_button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  /* Narrow when folded, yet never cut: the name wraps, the counts take a
   * line each. */
  gtk_label_set_wrap (self->title_label, folded);
  gtk_label_set_max_width_chars (self->title_label, folded ? FOLDED_CHARS : -1);
  gtk_label_set_ellipsize (self->title_label, folded ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (self->stats_label, folded ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  update_stats (self);
  if (folded)
    gtk_widget_add_css_class (GTK_WIDGET (self), "folded");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "folded");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}

gboolean
kdx_board_column_get_folded (KdxBoardColumn *self)
{
  g_return_val_if_fail (KDX_IS_BOARD_COLUMN (self), FALSE);
  return self->folded;
}

GArray *
kdx_board_column_get_selected_ids (KdxBoardColumn *self)
{
  return kdx_selection_get_ids (GTK_SELECTION_MODEL (self->selection), self->list);
}

/* The card showing @id, if it is built (visible). */
GtkWidget *
kdx_board_column_get_card (KdxBoardColumn *self,
                           gint64          id)
{
  g_return_val_if_fail (KDX_IS_BOARD_COLUMN (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *card = gtk_widget_get_first_child (row);

      if (KDX_IS_BOARD_CARD (card) && kdx_board_card_get_kol (KDX_BOARD_CARD (card)) != NULL
          && kdx_kol_get_id (kdx_board_card_get_kol (KDX_BOARD_CARD (card))) == id)
        return card;
    }
  return NULL;
}

/* Scrolls to the card of @id and gives it the focus. */
static gboolean
try_focus (KdxBoardColumn *self)
{
  GtkWidget *card;
  guint position;

  if (!kdx_kol_list_find (self->list, self->focus_id, &position))
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  card = kdx_board_column_get_card (self, self->focus_id);
  return card != NULL && gtk_widget_grab_focus (card);
}

static gboolean
focus_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  KdxBoardColumn *self = KDX_BOARD_COLUMN (widget);

  /* A card not built after a second of frames is not coming. */
  if (try_focus (self) || ++self->focus_frames > 60)
    {
      self->focus_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/**
 * kdx_board_column_focus_kol:
 *
 * Gives the keyboard focus to the card of @id, scrolled into view: after a
 * move the focus follows the card into its new column, so a second
 * Alt+Right moves the same KOL again. A new card may be built only when
 * the column next lays out, so this waits for it. On a folded column the
 * fold button takes the focus, never another card.
 */
void
kdx_board_column_focus_kol (KdxBoardColumn *self,
                            gint64          id)
{
  g_return_if_fail (KDX_IS_BOARD_COLUMN (self));

  if (self->folded)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->fold_button));
      return;
    }

  self->focus_id = id;
  self->focus_frames = 0;
  if (try_focus (self))
    return;
  if (self->focus_tick == 0)
    self->focus_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), focus_tick_cb, NULL, NULL);
}
