/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-board-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-board-view.h"
#include "kdx-enums.h"
#include "kdx-move-dialog.h"
#include "kdx-window.h"

#define WHEEL_STEP 96.0

struct _KdxBoardView
{
  AdwBin          parent_instance;

  KdxStore       *store;
  GSettings      *settings;
  KdxBoardColumn *columns[KDX_N_STAGES];
  GtkScrolledWindow *scroller;
  GtkWidget      *columns_box;
};

G_DEFINE_FINAL_TYPE (KdxBoardView, kdx_board_view, ADW_TYPE_BIN)

enum {
  SIGNAL_OPEN_KOL,
  SIGNAL_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_toast (KdxBoardView *self,
            AdwToast     *toast)
{
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, toast);
}

static void
show_error (KdxBoardView *self,
            const char   *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  g_autoptr(AdwToast) toast = adw_toast_new (escaped);

  show_toast (self, toast);
}

static GArray *
parse_ids (const char *text)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) parts = NULL;

  if (text == NULL || !g_str_has_prefix (text, "koldex-ids:"))
    return ids;

  parts = g_strsplit (text + strlen ("koldex-ids:"), ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 id;
      if (g_ascii_string_to_unsigned (parts[i], 10, 1, G_MAXINT64, &id, NULL))
        {
          gint64 value = id;
          g_array_append_val (ids, value);
        }
    }
  return ids;
}

/* ---- moving --------------------------------------------------------------------- */

/* What Undo needs after a move: the files as they were before it. It
 * holds no view, so it may outlive the board. */
typedef struct
{
  KdxStore  *store;
  GPtrArray *files;
} MoveUndo;

static void
move_undo_free (MoveUndo *undo)
{
  g_object_unref (undo->store);
  g_ptr_array_unref (undo->files);
  g_free (undo);
}

static gboolean
undo_move (gpointer   user_data,
           GError   **error)
{
  MoveUndo *undo = user_data;

  return kdx_store_replace_kols (undo->store, undo->files, error);
}

static void
move (KdxBoardView *self,
      GArray       *ids,
      KdxStage      stage,
      const char   *churn_reason,
      const char   *note)
{
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkRoot *root;
  MoveUndo *undo;

  /* Whole files, so Undo puts back stage, history and churn reason. */
  for (guint i = 0; i < ids->len; i++)
    {
      KdxKol *kol = kdx_store_load_kol (self->store, g_array_index (ids, gint64, i), &error);
      if (kol == NULL)
        {
          show_error (self, error->message);
          return;
        }
      if (kdx_kol_get_stage (kol) != stage)
        g_ptr_array_add (before, kol);
      else
        g_object_unref (kol);
    }
  if (before->len == 0)
    return;

  if (!kdx_store_move_kols (self->store, ids, stage, churn_reason, note, &error))
    {
      show_error (self, error->message);
      return;
    }

  /* The keyboard stays with the card it moved (when the board is shown:
   * the list's Move To must not send the focus to a hidden board). */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    kdx_board_column_focus_kol (self->columns[stage], g_array_index (ids, gint64, 0));

  if (before->len == 1)
    /* Translators: “name” moved to a stage */
    title = g_strdup_printf (_("“%s” moved to %s"), kdx_kol_get_display_name (g_ptr_array_index (before, 0)),
                             kdx_stage_get_label (stage));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u KOL moved to %s", "%u KOLs moved to %s",
                                          before->len),
                             before->len, kdx_stage_get_label (stage));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (!KDX_IS_WINDOW (root))
    return;
  undo = g_new0 (MoveUndo, 1);
  undo->store = g_object_ref (self->store);
  undo->files = g_steal_pointer (&before);
  kdx_window_offer_undo (KDX_WINDOW (root), title, 5, undo_move, undo, (GDestroyNotify) move_undo_free);
}

/* What a move waits for while its dialog asks why. */
typedef struct
{
  KdxBoardView *view;
  GArray       *ids;
} MoveRequest;

static void
move_request_free (MoveRequest *request)
{
  g_object_unref (request->view);
  g_array_unref (request->ids);
  g_free (request);
}

static void
move_dialog_move_cb (KdxMoveDialog *dialog,
                     const char    *reason,
                     const char    *note,
                     MoveRequest   *request)
{
  move (request->view, request->ids, kdx_move_dialog_get_stage (dialog), reason, note);
}

/* Departing and declining are asked about: why, in a word or two. */
static void
ask_and_move (KdxBoardView *self,
              GArray       *ids,
              KdxStage      stage)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  MoveRequest *request = g_new0 (MoveRequest, 1);
  g_autoptr(KdxKol) kol = NULL;
  KdxMoveDialog *dialog;

  /* One KOL is named in the question. */
  if (ids->len == 1)
    kol = kdx_store_load_kol (self->store, g_array_index (ids, gint64, 0), NULL);
  dialog = kdx_move_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, stage, ids->len,
                                kol != NULL ? kdx_kol_get_display_name (kol) : NULL);

  request->view = g_object_ref (self);
  request->ids = g_array_ref (ids);
  g_signal_connect_data (dialog, "move", G_CALLBACK (move_dialog_move_cb), request,
                         (GClosureNotify) move_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
all_in_stage (KdxBoardView *self,
              GArray       *ids,
              KdxStage      stage)
{
  KdxKolList *list = kdx_board_column_get_list (self->columns[stage]);

  for (guint i = 0; i < ids->len; i++)
    if (!kdx_kol_list_find (list, g_array_index (ids, gint64, i), NULL))
      return FALSE;
  return TRUE;
}

/**
 * kdx_board_view_drop:
 * @before_id: the card the dropped ones go in front of; 0 for the end
 *
 * What a drop does: cards from another column move to @stage (asking
 * about Departed and Declined); cards of this column take a new place
 * in its manual order, which the column then shows.
 */
void
kdx_board_view_drop (KdxBoardView *self,
                     GArray       *ids,
                     KdxStage      stage,
                     gint64        before_id)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KDX_IS_BOARD_VIEW (self));
  g_return_if_fail (stage < KDX_N_STAGES);

  if (ids->len == 0)
    return;

  if (all_in_stage (self, ids, stage))
    {
      if (!kdx_store_place_on_board (self->store, ids, stage, before_id, &error))
        show_error (self, error->message);
      kdx_board_column_set_sort (self->columns[stage], "board");
      return;
    }

  if (stage == KDX_STAGE_DEPARTED || stage == KDX_STAGE_DECLINED)
    ask_and_move (self, ids, stage);
  else
    move (self, ids, stage, NULL, NULL);
}

/* ---- actions -------------------------------------------------------------------- */

static void
drop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  const char *text;
  guint32 stage;
  gint64 before;
  g_autoptr(GArray) ids = NULL;

  g_variant_get (parameter, "(&sux)", &text, &stage, &before);
  ids = parse_ids (text);
  if (stage < KDX_N_STAGES)
    kdx_board_view_drop (KDX_BOARD_VIEW (widget), ids, stage, before);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *stage_text;
  KdxStage stage;
  gint64 id;

  g_variant_get (parameter, "(x&s)", &id, &stage_text);
  if (!kdx_stage_from_string (stage_text, &stage))
    return;
  g_array_append_val (ids, id);
  kdx_board_view_drop (KDX_BOARD_VIEW (widget), ids, stage, 0);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_OPEN_KOL], 0, g_variant_get_int64 (parameter));
}

/* ---- getting around ------------------------------------------------------------ */

/* The column of @stage at the left edge, and the keyboard in it: the
 * board is wider than most windows, and a narrow one shows one column. */
static void
jump_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KdxBoardView *self = KDX_BOARD_VIEW (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->scroller);
  KdxBoardColumn *column;
  KdxKolList *list;
  graphene_point_t at;
  KdxStage stage;

  if (!kdx_stage_from_string (g_variant_get_string (parameter, NULL), &stage))
    return;
  column = self->columns[stage];
  list = kdx_board_column_get_list (column);

  if (g_list_model_get_n_items (G_LIST_MODEL (list)) > 0)
    kdx_board_column_focus_kol (column, kdx_kol_list_get_id (list, 0));
  else
    gtk_widget_child_focus (GTK_WIDGET (column), GTK_DIR_TAB_FORWARD);
  /* After the focus, which scrolls only as far as it must. */
  if (gtk_widget_compute_point (GTK_WIDGET (column), self->columns_box, &GRAPHENE_POINT_INIT (0, 0), &at))
    gtk_adjustment_set_value (adjustment, at.x - gtk_widget_get_margin_start (self->columns_box));
}

/* Sideways over the cards too: a column's own scroller takes only up and
 * down, so Shift+wheel and a touchpad's sideways swipe are caught on the
 * way down to it and scroll the board. */
static gboolean
board_scroll_cb (GtkEventControllerScroll *controller,
                 double                    dx,
                 double                    dy,
                 KdxBoardView             *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->scroller);
  double delta;

  if (state & GDK_SHIFT_MASK)
    delta = dy != 0 ? dy : dx;
  else if (ABS (dx) > ABS (dy))
    delta = dx;
  else
    return GDK_EVENT_PROPAGATE;

  /* A wheel click is a step: a third of a column; a touchpad gives pixels. */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    delta *= WHEEL_STEP;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + delta);
  return GDK_EVENT_STOP;
}

static GtkWidget *
jump_button (void)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *content = adw_button_content_new ();

  for (guint i = 0; i < KDX_N_STAGES; i++)
    {
      g_autofree char *action = g_strdup_printf ("board.jump-to::%s", kdx_stage_to_string (i));
      g_menu_append (menu, kdx_stage_get_label (i), action);
    }
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "view-grid-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Go to Stage"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), content);
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
  gtk_widget_set_tooltip_text (button, _("Show a stage's column"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_start (button, 12);
  gtk_widget_set_margin_top (button, 6);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

/* ---- state ---------------------------------------------------------------------- */

static void
column_folded_cb (KdxBoardColumn *column,
                  GParamSpec     *pspec,
                  KdxBoardView   *self)
{
  g_autoptr(GStrvBuilder) folded = g_strv_builder_new ();
  g_auto(GStrv) value = NULL;

  for (guint i = 0; i < KDX_N_STAGES; i++)
    if (kdx_board_column_get_folded (self->columns[i]))
      g_strv_builder_add (folded, kdx_stage_to_string (i));
  value = g_strv_builder_end (folded);
  g_settings_set_strv (self->settings, "board-folded", (const char *const *) value);
}

static void
column_sort_cb (KdxBoardColumn *column,
                GParamSpec     *pspec,
                KdxBoardView   *self)
{
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a{ss}"));

  for (guint i = 0; i < KDX_N_STAGES; i++)
    g_variant_builder_add (builder, "{ss}", kdx_stage_to_string (i),
                           kdx_board_column_get_sort (self->columns[i]));
  g_settings_set_value (self->settings, "board-sorts", g_variant_builder_end (builder));
}

static void
kdx_board_view_dispose (GObject *object)
{
  KdxBoardView *self = KDX_BOARD_VIEW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kdx_board_view_parent_class)->dispose (object);
}

static void
kdx_board_view_class_init (KdxBoardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_board_view_dispose;

  /**
   * KdxBoardView::open-kol:
   * @id: the KOL whose file to show
   */
  signals[SIGNAL_OPEN_KOL] =
    g_signal_new ("open-kol", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * KdxBoardView::toast:
   * @toast: a message for the window to show
   */
  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_install_action (widget_class, "board.drop", "(sux)", drop_action);
  gtk_widget_class_install_action (widget_class, "board.move", "(xs)", move_action);
  gtk_widget_class_install_action (widget_class, "board.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "board.jump-to", "s", jump_to_action);
}

static void
kdx_board_view_init (KdxBoardView *self)
{
  self->settings = g_settings_new (APP_ID);
}

GtkWidget *
kdx_board_view_new (KdxStore *store)
{
  KdxBoardView *self = g_object_new (KDX_TYPE_BOARD_VIEW, NULL);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_auto(GStrv) folded = g_settings_get_strv (self->settings, "board-folded");
  g_autoptr(GVariant) sorts = g_settings_get_value (self->settings, "board-sorts");

  self->store = g_object_ref (store);
  /* A read-only connection: no card is moved, dropped or placed. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.drop", !kdx_store_is_read_only (store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.move", !kdx_store_is_read_only (store));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_widget_set_vexpand (scroller, TRUE);
  self->scroller = GTK_SCROLLED_WINDOW (scroller);
  self->columns_box = box;

  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (board_scroll_cb), self);
  gtk_widget_add_controller (scroller, scroll);

  gtk_box_append (GTK_BOX (content), jump_button ());
  gtk_box_append (GTK_BOX (content), scroller);
  adw_bin_set_child (ADW_BIN (self), content);

  for (guint i = 0; i < KDX_N_STAGES; i++)
    {
      const char *sort = NULL;

      self->columns[i] = KDX_BOARD_COLUMN (kdx_board_column_new (store, i));
      g_variant_lookup (sorts, kdx_stage_to_string (i), "&s", &sort);
      kdx_board_column_set_sort (self->columns[i], sort);
      kdx_board_column_set_folded (self->columns[i],
                                   g_strv_contains ((const char *const *) folded, kdx_stage_to_string (i)));
      g_signal_connect (self->columns[i], "notify::folded", G_CALLBACK (column_folded_cb), self);
      g_signal_connect (self->columns[i], "notify::sort", G_CALLBACK (column_sort_cb), self);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->columns[i]));
    }

  return GTK_WIDGET (self);
}

KdxBoardColumn *
kdx_board_view_get_column (KdxBoardView *self,
                           KdxStage      stage)
{
  g_return_val_if_fail (KDX_IS_BOARD_VIEW (self), NULL);
  g_return_val_if_fail (stage < KDX_N_STAGES, NULL);
  return self->columns[stage];
}

/* The list's search and filters apply to the board too. */
void
kdx_board_view_set_filter (KdxBoardView      *self,
                           const KdxKolQuery *filter)
{
  g_return_if_fail (KDX_IS_BOARD_VIEW (self));

  for (guint i = 0; i < KDX_N_STAGES; i++)
    kdx_board_column_set_filter (self->columns[i], filter);
}
