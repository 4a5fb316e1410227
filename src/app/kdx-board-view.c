/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-board-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-board-view.h"
#include "kdx-enums.h"

struct _KdxBoardView
{
  AdwBin          parent_instance;

  KdxStore       *store;
  GSettings      *settings;
  KdxBoardColumn *columns[KDX_N_STAGES];
  GPtrArray      *undo_files;  /* the files as they were before the last move */
  AdwToast       *undo_toast;
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
  g_autoptr(AdwToast) toast = g_object_ref_sink (adw_toast_new (escaped));

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

static void
undo_toast_dismissed_cb (AdwToast     *toast,
                         KdxBoardView *self)
{
  if (self->undo_toast == toast)
    self->undo_toast = NULL;
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

  g_clear_pointer (&self->undo_files, g_ptr_array_unref);
  self->undo_files = g_steal_pointer (&before);

  if (self->undo_files->len == 1)
    {
      g_autofree char *name = g_markup_escape_text (kdx_kol_get_display_name (g_ptr_array_index (self->undo_files, 0)), -1);
      /* Translators: “name” moved to a stage */
      title = g_strdup_printf (_("“%s” moved to %s"), name, kdx_stage_get_label (stage));
    }
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u KOL moved to %s", "%u KOLs moved to %s",
                                          self->undo_files->len),
                             self->undo_files->len, kdx_stage_get_label (stage));

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  self->undo_toast = adw_toast_new (title);
  adw_toast_set_button_label (self->undo_toast, _("_Undo"));
  adw_toast_set_action_name (self->undo_toast, "board.undo-move");
  adw_toast_set_priority (self->undo_toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect (self->undo_toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb), self);
  show_toast (self, self->undo_toast);
}

typedef struct
{
  KdxBoardView *view;
  GArray       *ids;
  KdxStage      stage;
  GtkDropDown  *reason;
  GtkEditable  *note;
} MoveRequest;

static void
move_request_free (MoveRequest *request)
{
  g_object_unref (request->view);
  g_array_unref (request->ids);
  g_free (request);
}

static void
move_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  MoveRequest      *request)
{
  g_autofree char *note = NULL;
  const char *reason = NULL;

  if (!g_str_equal (response, "move"))
    return;

  note = g_strstrip (g_strdup (gtk_editable_get_text (request->note)));
  if (request->reason != NULL)
    reason = kdx_churn_reason_known_values ()[gtk_drop_down_get_selected (request->reason)];
  move (request->view, request->ids, request->stage, reason, *note != '\0' ? note : NULL);
}

/* Departing and declining are asked about: why, in a word or two. */
static void
ask_and_move (KdxBoardView *self,
              GArray       *ids,
              KdxStage      stage)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  MoveRequest *request = g_new0 (MoveRequest, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *note = gtk_entry_new ();
  GtkWidget *dialog;
  g_autofree char *heading = NULL;

  request->view = g_object_ref (self);
  request->ids = g_array_ref (ids);
  request->stage = stage;

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Move %u KOL to %s?", "Move %u KOLs to %s?", ids->len),
                             ids->len, kdx_stage_get_label (stage));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   stage == KDX_STAGE_DEPARTED
                                   ? _("Record why they left: it shows what to change, and who may come back.")
                                   : _("A note on why they said no helps the next try."));

  if (stage == KDX_STAGE_DEPARTED)
    {
      const char *const *known = kdx_churn_reason_known_values ();
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      GtkWidget *reason;

      for (guint i = 0; known[i] != NULL; i++)
        g_ptr_array_add (labels, (gpointer) kdx_churn_reason_get_label (known[i]));
      g_ptr_array_add (labels, NULL);
      reason = gtk_drop_down_new_from_strings ((const char *const *) labels->pdata);
      gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Churn reason"), -1);
      gtk_box_append (GTK_BOX (box), reason);
      request->reason = GTK_DROP_DOWN (reason);
    }

  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("Note (optional)"));
  gtk_entry_set_activates_default (GTK_ENTRY (note), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (note), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"), -1);
  gtk_box_append (GTK_BOX (box), note);
  request->note = GTK_EDITABLE (note);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "move", _("_Move"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move",
                                              stage == KDX_STAGE_DEPARTED ? ADW_RESPONSE_DESTRUCTIVE
                                                                          : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "move");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (move_response_cb), request,
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

static void
undo_move_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KdxBoardView *self = KDX_BOARD_VIEW (widget);
  g_autoptr(GPtrArray) files = g_steal_pointer (&self->undo_files);
  g_autoptr(GError) error = NULL;

  if (files == NULL)
    return;

  if (!kdx_store_begin_batch (self->store, &error))
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < files->len; i++)
    if (!kdx_store_replace_kol (self->store, g_ptr_array_index (files, i), &error))
      {
        kdx_store_rollback_batch (self->store);
        show_error (self, error->message);
        return;
      }
  if (!kdx_store_commit_batch (self->store, &error))
    show_error (self, error->message);
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

  g_clear_pointer (&self->undo_files, g_ptr_array_unref);
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
  gtk_widget_class_install_action (widget_class, "board.undo-move", NULL, undo_move_action);
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
  g_auto(GStrv) folded = g_settings_get_strv (self->settings, "board-folded");
  g_autoptr(GVariant) sorts = g_settings_get_value (self->settings, "board-sorts");

  self->store = g_object_ref (store);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  adw_bin_set_child (ADW_BIN (self), scroller);

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
