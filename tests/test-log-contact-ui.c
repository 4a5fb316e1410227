/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-log-contact-ui"

#include "config.h"

#include "kdx-board-card.h"
#include "kdx-due.h"
#include "kdx-event.h"
#include "kdx-log-contact-dialog.h"
#include "kdx-ui-test.h"

/* Log Contact as an operator uses it: keys and clicks on the real
 * widgets, the outcome read from the database. */

static char *
date_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* A KOL whose follow-up is overdue by @days. */
static gint64
add_overdue (KdxUiFixture *fixture,
             const char   *name,
             int           days)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  g_autofree char *due = date_from_today (-days);

  g_object_set (kol, "display-name", name, "stage", KDX_STAGE_CONTACTING, "next-follow-up", due, NULL);
  return kdx_ui_store_kol (fixture->store, kol);
}

static guint
n_events (KdxUiFixture *fixture,
          gint64        id)
{
  g_autoptr(KdxKol) kol = kdx_ui_load_kol (fixture->store, id);

  return g_list_model_get_n_items (G_LIST_MODEL (kdx_kol_get_events (kol)));
}

typedef struct
{
  KdxUiFixture *fixture;
  gint64        ids[2];
  guint         n_ids;
  guint         n_events;
} Waiting;

static gboolean
have_n_events (gpointer user_data)
{
  Waiting *waiting = user_data;

  for (guint i = 0; i < waiting->n_ids; i++)
    if (n_events (waiting->fixture, waiting->ids[i]) != waiting->n_events)
      return FALSE;
  return TRUE;
}

/* Shown and laid out: arrows move between choices by where they are. */
static gboolean
dialog_shown (gpointer user_data)
{
  GtkWindow *dialog = kdx_ui_find_toplevel (KDX_TYPE_LOG_CONTACT_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog))
    && gtk_widget_get_width (GTK_WIDGET (dialog)) > 0;
}

static GtkWindow *
wait_for_dialog (void)
{
  kdx_ui_wait_until (dialog_shown, NULL, 30000);
  return kdx_ui_find_toplevel (KDX_TYPE_LOG_CONTACT_DIALOG);
}

/* The name (the value) of the focused choice of the dialog. */
static const char *
focused_choice (GtkWindow *dialog)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (dialog));

  g_assert_true (GTK_IS_FLOW_BOX_CHILD (focus));
  return gtk_widget_get_name (focus);
}

static void
assert_event (KdxKol     *kol,
              KdxEventKind kind,
              const char *channel,
              KdxOutcome  outcome)
{
  GListModel *events = G_LIST_MODEL (kdx_kol_get_events (kol));
  g_autoptr(KdxEvent) event = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);
  g_autofree char *stored_channel = NULL;
  int stored_kind, stored_outcome;

  g_object_get (event, "kind", &stored_kind, "channel", &stored_channel, "outcome", &stored_outcome, NULL);
  g_assert_cmpint (stored_kind, ==, kind);
  g_assert_cmpstr (stored_channel, ==, channel);
  g_assert_cmpint (stored_outcome, ==, outcome);
}

static gboolean
card_of (GtkWidget     *widget,
         gconstpointer  data)
{
  KdxKol *kol;

  if (!KDX_IS_BOARD_CARD (widget))
    return FALSE;
  kol = kdx_board_card_get_kol (KDX_BOARD_CARD (widget));
  return kol != NULL && kdx_kol_get_id (kol) == *(const gint64 *) data;
}

static gboolean
is_window_title (GtkWidget     *widget,
                 gconstpointer  data)
{
  return ADW_IS_WINDOW_TITLE (widget);
}

/* The acceptance: two selected KOLs, the keyboard alone, both
 * leave "overdue", and Undo brings them back exactly. */
static void
test_two_selected_by_keyboard (KdxUiFixture  *fixture,
                               gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);
  GtkWindow *dialog;
  g_autoptr(KdxKol) mei_before = NULL;
  g_autoptr(KdxKol) jie_before = NULL;
  g_autofree char *today = date_from_today (0);
  g_autofree char *in_3_days = date_from_today (3);
  Waiting waiting = { fixture, { 0, 0 }, 2, 1 };
  KdxUiInToday overdue[2];

  waiting.ids[0] = add_overdue (fixture, "小美", 2);
  waiting.ids[1] = add_overdue (fixture, "阿杰", 5);
  /* Both start in Today's Overdue. */
  for (guint i = 0; i < 2; i++)
    {
      overdue[i] = (KdxUiInToday) { fixture, waiting.ids[i], KDX_DUE_OVERDUE_FOLLOW_UP };
      kdx_ui_wait_until (kdx_ui_in_today, &overdue[i], 30000);
    }
  mei_before = kdx_ui_load_kol (fixture->store, waiting.ids[0]);
  jie_before = kdx_ui_load_kol (fixture->store, waiting.ids[1]);
  kdx_ui_iterate ();

  /* Both rows selected (Ctrl+A), then Ctrl+L. */
  kdx_ui_select_row (fixture, 0);
  g_assert_true (kdx_ui_press_key (window, GDK_KEY_a, GDK_CONTROL_MASK));
  g_assert_true (kdx_ui_press_key (window, GDK_KEY_l, GDK_CONTROL_MASK));
  dialog = wait_for_dialog ();
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Log Contact for 2 KOLs");

  /* The first choice has the keyboard: the kind remembered (outreach). */
  g_assert_cmpstr (focused_choice (dialog), ==, "outreach");
  /* Arrows pick: Right is a call, Left back to outreach. */
  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_Right, 0));
  g_assert_cmpstr (focused_choice (dialog), ==, "call");
  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_Left, 0));
  g_assert_cmpstr (focused_choice (dialog), ==, "outreach");

  /* Alt+O: the outcome; Space picks the first, "no answer". */
  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_o, GDK_ALT_MASK));
  g_assert_cmpstr (focused_choice (dialog), ==, "no_answer");
  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_space, 0));
  /* Alt+F: the next follow-up, on the one remembered ("in a week");
   * Left to "in 3 days"; Enter logs. */
  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_f, GDK_ALT_MASK));
  g_assert_cmpstr (focused_choice (dialog), ==, "week");
  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_Left, 0));
  g_assert_cmpstr (focused_choice (dialog), ==, "3-days");
  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_Return, 0));
  kdx_ui_wait_until (have_n_events, &waiting, 30000);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(KdxKol) kol = kdx_ui_load_kol (fixture->store, waiting.ids[i]);

      assert_event (kol, KDX_EVENT_KIND_OUTREACH, "wechat", KDX_OUTCOME_NO_ANSWER);
      /* No longer overdue: the next follow-up is past today. */
      g_assert_cmpstr (kdx_kol_get_next_follow_up (kol), ==, in_3_days);
      g_assert_cmpstr (kdx_kol_get_next_follow_up (kol), >, today);
      /* And Today no longer lists it under Overdue. */
      kdx_ui_wait_until (kdx_ui_not_in_today, &overdue[i], 30000);
    }

  /* Undo, from the toast: both files exactly as they were, both back in
   * Overdue. */
  kdx_ui_click_toast_button (GTK_WIDGET (fixture->window), "Undo");
  waiting.n_events = 0;
  kdx_ui_wait_until (have_n_events, &waiting, 30000);
  for (guint i = 0; i < 2; i++)
    kdx_ui_wait_until (kdx_ui_in_today, &overdue[i], 30000);
  {
    g_autoptr(KdxKol) mei = kdx_ui_load_kol (fixture->store, waiting.ids[0]);
    g_autoptr(KdxKol) jie = kdx_ui_load_kol (fixture->store, waiting.ids[1]);

    g_assert_true (kdx_kol_equal (mei, mei_before));
    g_assert_true (kdx_kol_equal (jie, jie_before));
  }
}

/* From the KOL file's button: a payment with its amount, typed, and
 * Enter in the amount; the next dialog remembers the kind. */
static void
test_payment_from_file (KdxUiFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  KdxKolEditor *editor;
  GtkWindow *dialog;
  GtkWidget *button;
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(KdxEvent) event = NULL;
  g_autofree char *amount = NULL;
  Waiting waiting = { fixture, { 0, 0 }, 1, 1 };
  int kind;

  g_object_set (kol, "display-name", "小美", "currency", "CNY", NULL);
  waiting.ids[0] = kdx_ui_store_kol (fixture->store, kol);
  kdx_ui_iterate ();
  editor = kdx_ui_open_kol (fixture, waiting.ids[0]);

  button = kdx_ui_find_widget (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "Log Contact…");
  kdx_ui_click (button);
  dialog = wait_for_dialog ();
  g_assert_nonnull (kdx_ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Amount (CNY)"));

  /* Payment is the sixth kind: five times Right. */
  for (guint i = 0; i < 5; i++)
    g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_Right, 0));
  g_assert_cmpstr (focused_choice (dialog), ==, "payment");
  gtk_widget_grab_focus (kdx_ui_find_named (GTK_WIDGET (dialog), "amount"));
  kdx_ui_type (dialog, "1,200");
  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_Return, 0));
  kdx_ui_wait_until (have_n_events, &waiting, 30000);

  stored = kdx_ui_load_kol (fixture->store, waiting.ids[0]);
  event = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_events (stored)), 0);
  g_object_get (event, "kind", &kind, "amount", &amount, NULL);
  g_assert_cmpint (kind, ==, KDX_EVENT_KIND_PAYMENT);
  g_assert_cmpstr (amount, ==, "1200");

  /* The next contact starts where this one left off. */
  kdx_ui_click (button);
  dialog = wait_for_dialog ();
  g_assert_cmpstr (focused_choice (dialog), ==, "payment");
  gtk_window_close (dialog);
}

/* The board card's menu logs for that card's KOL. */
static void
test_board_card_menu (KdxUiFixture  *fixture,
                      gconstpointer  data)
{
  gint64 id = add_overdue (fixture, "阿杰", 1);
  GtkWidget *card;
  GtkWidget *menu;

  kdx_window_show_view (fixture->window, "board");
  kdx_ui_iterate ();
  card = kdx_ui_find_first (GTK_WIDGET (fixture->window), (KdxUiWidgetTest) card_of, &id);
  g_assert_nonnull (card);
  gtk_widget_grab_focus (card);
  menu = kdx_ui_open_menu (GTK_WINDOW (fixture->window), card, GDK_KEY_F10, GDK_SHIFT_MASK);
  kdx_ui_click_menu_item (menu, "Log Contact…");
  g_assert_nonnull (wait_for_dialog ());
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (kdx_ui_find_first (
                     GTK_WIDGET (kdx_ui_find_toplevel (KDX_TYPE_LOG_CONTACT_DIALOG)),
                     (KdxUiWidgetTest) is_window_title, NULL))), ==, "阿杰");
}

int
main (int    argc,
      char **argv)
{
  kdx_ui_test_init (&argc, &argv);

  KDX_UI_ADD ("/ui/log-contact/two-selected-by-keyboard", test_two_selected_by_keyboard);
  KDX_UI_ADD ("/ui/log-contact/payment-from-file", test_payment_from_file);
  KDX_UI_ADD ("/ui/log-contact/board-card-menu", test_board_card_menu);

  return g_test_run ();
}
