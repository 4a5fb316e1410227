/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-board-card"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-app-resources.h"
#include "kdx-avatar-text.h"
#include "kdx-board-card.h"
#include "kdx-board-column.h"
#include "kdx-clock.h"
#include "kdx-due-tracker.h"
#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-value.h"

struct _KdxBoardCard
{
  GtkWidget  parent_instance;

  KdxKol    *kol;
  KdxDueTracker *tracker;  /* whether the KOL is due: the badge */

  GtkWidget *box;
  AdwAvatar *avatar;
  GtkLabel  *name_label;
  GtkLabel  *meta_label;
  GtkLabel  *days_label;
  GtkLabel  *follow_up_label;
  GtkLabel  *due_label;
  GtkWidget *menu;   /* the context menu, kept: see show_menu() */
};

G_DEFINE_FINAL_TYPE (KdxBoardCard, kdx_board_card, GTK_TYPE_WIDGET)

static void
refresh (KdxBoardCard *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate app_today = kdx_clock_today ();  /* as Today counts: KOLDEX_TODAY in tests */
  char today[16];
  g_autoptr(GPtrArray) facts = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *days = NULL;
  g_autofree char *follow_up = NULL;
  g_autofree char *accessible = NULL;
  const char *platform;
  const char *next;
  const char *owner;
  KdxDueReason reason;
  gboolean due;
  KdxTier tier;
  int n_days;

  if (self->kol == NULL)
    return;

  g_date_strftime (today, sizeof today, "%Y-%m-%d", &app_today);

  /* Due as Today says it: a follow-up, cadence, a re-approach date. */
  due = self->tracker != NULL && kdx_due_tracker_is_due (self->tracker, kdx_kol_get_id (self->kol), &reason);
  gtk_widget_set_visible (GTK_WIDGET (self->due_label), due);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->due_label), due ? kdx_due_reason_get_label (reason) : NULL);

  gtk_label_set_text (self->name_label, kdx_kol_get_display_name (self->kol));
  kdx_avatar_show (self->avatar, self->kol);

  platform = kdx_kol_get_platform (self->kol);
  tier = kdx_kol_get_tier (self->kol);
  /* Platform · followers · tier, each only when known: "Unrated" or a
   * count of 0 (not counted yet) on every new card says nothing. */
  facts = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (facts, g_strdup (platform != NULL ? kdx_platform_get_label (platform) : _("No platform")));
  if (kdx_kol_get_followers (self->kol) > 0)
    g_ptr_array_add (facts, kdx_value_format_count (kdx_kol_get_followers (self->kol),
                                                    kdx_value_count_style_for_locale ()));
  if (tier != KDX_TIER_UNRATED)
    g_ptr_array_add (facts, g_strdup (kdx_enum_get_label (KDX_TYPE_TIER, tier)));
  g_ptr_array_add (facts, NULL);
  /* Translators: what separates the facts on a board card (platform, followers, tier) */
  meta = g_strjoinv (_(" · "), (char **) facts->pdata);
  gtk_label_set_text (self->meta_label, meta);

  n_days = kdx_kol_get_days_in_stage (self->kol, now);
  days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day in %s", "%d days in %s", n_days),
                          n_days, kdx_stage_get_label (kdx_kol_get_stage (self->kol)));
  gtk_label_set_text (self->days_label, days);

  next = kdx_kol_get_next_follow_up (self->kol);
  owner = kdx_kol_get_owner (self->kol);
  if (next != NULL && owner != NULL)
    /* Translators: the next follow-up date, then who follows up */
    follow_up = g_strdup_printf (_("Follow up %s · %s"), next, owner);
  else if (next != NULL)
    follow_up = g_strdup_printf (_("Follow up %s"), next);
  else
    follow_up = g_strdup (owner != NULL ? owner : "");
  gtk_label_set_text (self->follow_up_label, follow_up);
  gtk_widget_set_visible (GTK_WIDGET (self->follow_up_label), *follow_up != '\0');

  /* Overdue: the day has passed and nobody moved the date. */
  if (next != NULL && strcmp (next, today) < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->follow_up_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->follow_up_label), "error");

  /* What a screen reader says for the card: all of it, in one line. */
  accessible = g_strdup_printf ("%s, %s, %s%s%s%s%s", kdx_kol_get_display_name (self->kol), meta, days,
                                *follow_up != '\0' ? ", " : "", follow_up,
                                next != NULL && strcmp (next, today) < 0 ? _(", overdue") : "",
                                due ? _(", due for contact") : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
kol_notify_cb (KdxBoardCard *self)
{
  refresh (self);
}

/* ---- keyboard and menu ---------------------------------------------------------- */

static void
move_to (KdxBoardCard *self,
         int           stage)
{
  if (self->kol == NULL || stage < 0 || stage >= KDX_N_STAGES)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "board.move", "(xs)",
                              kdx_kol_get_id (self->kol), kdx_stage_to_string (stage));
}

static void
move_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KdxBoardCard *self = KDX_BOARD_CARD (widget);

  if (self->kol != NULL)
    move_to (self, kdx_kol_get_stage (self->kol) + 1);
}

static void
move_previous_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KdxBoardCard *self = KDX_BOARD_CARD (widget);

  if (self->kol != NULL)
    move_to (self, (int) kdx_kol_get_stage (self->kol) - 1);
}

static void
move_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KdxStage stage;

  if (kdx_stage_from_string (g_variant_get_string (parameter, NULL), &stage))
    move_to (KDX_BOARD_CARD (widget), stage);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KdxBoardCard *self = KDX_BOARD_CARD (widget);

  if (self->kol != NULL)
    gtk_widget_activate_action (widget, "board.open", "x", kdx_kol_get_id (self->kol));
}

/* The menu stays parented to the card while it is closed: a chosen item
 * closes the menu before its action runs, and an unparented menu would
 * no longer reach the card's actions. */
static void
show_menu (KdxBoardCard *self,
           double        x,
           double        y)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) stages = g_menu_new ();
  g_autoptr(GMenuItem) log_contact = NULL;
  g_autoptr(GArray) selected = NULL;
  gint64 id;
  GdkRectangle target = { 0, 0, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)) };

  if (self->kol == NULL)
    return;

  g_menu_append (menu, _("_Open File"), "card.open");
  /* The window's Log Contact, for this card's KOL (kdx-log-contact-dialog.h). */
  id = kdx_kol_get_id (self->kol);
  log_contact = g_menu_item_new (_("_Log Contact…"), NULL);
  g_menu_item_set_action_and_target_value (log_contact, "win.log-contact-for",
                                           g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, &id, 1,
                                                                      sizeof (gint64)));
  g_menu_append_item (menu, log_contact);
  /* Several selected cards, this one among them: edit them at once. */
  selected = kdx_board_card_get_ids (self);
  if (selected->len > 1)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Edit %u KOL…",
                                                             "_Edit %u KOLs…", selected->len),
                                                selected->len);
      g_autoptr(GMenuItem) bulk_edit = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (bulk_edit, "win.bulk-edit-for",
                                               g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, selected->data,
                                                                          selected->len, sizeof (gint64)));
      g_menu_append_item (menu, bulk_edit);
    }
  for (guint i = 0; i < KDX_N_STAGES; i++)
    if (i != kdx_kol_get_stage (self->kol))
      {
        g_autofree char *action = g_strdup_printf ("card.move-to::%s", kdx_stage_to_string (i));
        g_menu_append (stages, kdx_stage_get_label (i), action);
      }
  g_menu_append_submenu (menu, _("_Move To"), G_MENU_MODEL (stages));

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), G_MENU_MODEL (menu));
  if (x >= 0)
    target = (GdkRectangle) { x, y, 1, 1 };
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &target);
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_menu (KDX_BOARD_CARD (widget), -1, -1);
}

static void
secondary_click_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    KdxBoardCard    *self)
{
  show_menu (self, x, y);
}

static void
kdx_board_card_dispose (GObject *object)
{
  KdxBoardCard *self = KDX_BOARD_CARD (object);

  kdx_board_card_set_kol (self, NULL);
  if (self->tracker != NULL)
    g_signal_handlers_disconnect_by_data (self->tracker, self);
  g_clear_object (&self->tracker);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_BOARD_CARD);

  G_OBJECT_CLASS (kdx_board_card_parent_class)->dispose (object);
}

static void
kdx_board_card_class_init (KdxBoardCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_board_card_dispose;

  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/kdx-board-card.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxBoardCard, box);
  gtk_widget_class_bind_template_child (widget_class, KdxBoardCard, avatar);
  gtk_widget_class_bind_template_child (widget_class, KdxBoardCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, KdxBoardCard, meta_label);
  gtk_widget_class_bind_template_child (widget_class, KdxBoardCard, days_label);
  gtk_widget_class_bind_template_child (widget_class, KdxBoardCard, follow_up_label);
  gtk_widget_class_bind_template_child (widget_class, KdxBoardCard, due_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kdxboardcard");

  /* Keyboard moves (listed in the shortcuts window) and the context menu. */
  gtk_widget_class_install_action (widget_class, "card.move-next", NULL, move_next_action);
  gtk_widget_class_install_action (widget_class, "card.move-previous", NULL, move_previous_action);
  gtk_widget_class_install_action (widget_class, "card.move-to", "s", move_to_action);
  gtk_widget_class_install_action (widget_class, "card.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "card.menu", NULL, menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "card.move-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "card.move-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "card.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "card.menu", NULL);
}

static void
kdx_board_card_init (KdxBoardCard *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (secondary_click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
kdx_board_card_new (void)
{
  return g_object_new (KDX_TYPE_BOARD_CARD, NULL);
}

void
kdx_board_card_set_kol (KdxBoardCard *self,
                        KdxKol       *kol)
{
  g_return_if_fail (KDX_IS_BOARD_CARD (self));

  if (self->kol == kol)
    return;

  if (self->kol != NULL)
    g_signal_handlers_disconnect_by_data (self->kol, self);
  g_set_object (&self->kol, kol);
  if (self->kol != NULL)
    g_signal_connect_swapped (self->kol, "notify", G_CALLBACK (kol_notify_cb), self);
  refresh (self);
}

/* Whose answer the badge shows; set once, when the card is made. */
void
kdx_board_card_set_tracker (KdxBoardCard  *self,
                            KdxDueTracker *tracker)
{
  g_return_if_fail (KDX_IS_BOARD_CARD (self));
  g_return_if_fail (self->tracker == NULL);

  self->tracker = g_object_ref (tracker);
  g_signal_connect_swapped (tracker, "changed", G_CALLBACK (refresh), self);
  refresh (self);
}

KdxKol *
kdx_board_card_get_kol (KdxBoardCard *self)
{
  g_return_val_if_fail (KDX_IS_BOARD_CARD (self), NULL);
  return self->kol;
}

/**
 * kdx_board_card_get_ids:
 *
 * The KOLs an action on this card is for: its column's selection when the
 * card is part of it, else the card's KOL alone.
 */
GArray *
kdx_board_card_get_ids (KdxBoardCard *self)
{
  GtkWidget *column = gtk_widget_get_ancestor (GTK_WIDGET (self), KDX_TYPE_BOARD_COLUMN);
  GArray *ids = NULL;
  gint64 id;

  g_return_val_if_fail (KDX_IS_BOARD_CARD (self), NULL);

  if (self->kol == NULL)
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  id = kdx_kol_get_id (self->kol);
  if (column != NULL)
    {
      ids = kdx_board_column_get_selected_ids (KDX_BOARD_COLUMN (column));
      for (guint i = 0; i < ids->len; i++)
        if (g_array_index (ids, gint64, i) == id)
          return ids;
      g_array_set_size (ids, 0);
    }
  else
    ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (ids, id);
  return ids;
}
