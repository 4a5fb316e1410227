/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-today-ui"

#include "config.h"

#include "kdx-ui-test.h"

#include "kdx-due.h"
#include "kdx-event.h"
#include "kdx-filter-popover.h"
#include "kdx-kol.h"
#include "kdx-preferences-window.h"
#include "kdx-record-dialog.h"
#include "kdx-reminder.h"
#include "kdx-today-view.h"

/* Today, its Preferences and the lunar date editor, driven as an operator
 * drives them. The day is fixed (KOLDEX_TODAY, set in main()), so nothing
 * here follows the real clock. */

#define TODAY "2026-03-10"

/* A KOL from FIELD=VALUE pairs, stored. */
static gint64
store_kol (KdxStore   *store,
           const char *name,
           ...)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  const char *field;
  va_list args;

  kdx_kol_set_display_name (kol, name);
  va_start (args, name);
  while ((field = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      g_autoptr(GError) error = NULL;

      g_assert_true (kdx_record_set_from_string (KDX_RECORD (kol), field, value, &error));
      g_assert_no_error (error);
    }
  va_end (args);
  return kdx_ui_store_kol (store, kol);
}

static void
add_contact (KdxStore   *store,
             gint64      id,
             const char *at)
{
  g_autoptr(KdxKol) kol = kdx_ui_load_kol (store, id);
  g_autoptr(KdxEvent) event = kdx_event_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (kdx_record_set_from_string (KDX_RECORD (event), "at", at, &error));
  g_assert_true (kdx_record_set_from_string (KDX_RECORD (event), "kind", "message", &error));
  g_assert_no_error (error);
  g_list_store_append (kdx_kol_get_list (kol, "events"), event);
  g_assert_true (kdx_store_save_kol (store, kol, &error));
  g_assert_no_error (error);
}

static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) texts = kdx_ui_label_texts (root);

  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), text))
      return TRUE;
  return FALSE;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} ShowsText;

static gboolean
shows_text_cb (gpointer user_data)
{
  ShowsText *check = user_data;

  return shows_text (check->root, check->text);
}

/* An overdue follow-up is in "Overdue" and says since when; it leaves once
 * its follow-up is moved to a later day. Open shows its file in the list. */
static void
test_overdue_leaves_when_moved (KdxUiFixture  *fixture,
                                gconstpointer  data)
{
  GtkWidget *today = GTK_WIDGET (kdx_window_get_today_view (fixture->window));
  gint64 id = store_kol (fixture->store, "小美", "next_follow_up", "2026-03-07", NULL);
  KdxUiInToday check = { fixture, id, KDX_DUE_OVERDUE_FOLLOW_UP };
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *open;

  kdx_window_show_view (fixture->window, "today");
  kdx_ui_wait_until (kdx_ui_in_today, &check, 30000);
  {
    ShowsText shown = { today, "Follow-up was due 3 days ago" };
    kdx_ui_wait_until (shows_text_cb, &shown, 30000);
  }
  g_assert_true (shows_text (today, "小美"));

  /* Open: the list shows the KOL's file. */
  open = kdx_ui_find_named (today, "open-kol");
  g_assert_nonnull (open);
  kdx_ui_click (open);
  kdx_ui_iterate ();
  {
    g_autoptr(GArray) selected = kdx_list_view_get_selected_ids (kdx_window_get_list_view (fixture->window));

    g_assert_cmpuint (selected->len, ==, 1);
    g_assert_cmpint (g_array_index (selected, gint64, 0), ==, id);
  }

  kol = kdx_ui_load_kol (fixture->store, id);
  g_object_set (kol, "next-follow-up", "2026-03-20", NULL);
  g_assert_true (kdx_store_save_kol (fixture->store, kol, &error));
  g_assert_no_error (error);
  kdx_ui_wait_until (kdx_ui_not_in_today, &check, 30000);
}

/* A mature KOL last messaged 37 days ago, unrated: no interval by default,
 * so not due. Preferences give unrated KOLs 30 days: it is losing touch. */
static void
test_preferences_interval_brings_losing_touch (KdxUiFixture  *fixture,
                                              gconstpointer  data)
{
  gint64 id = store_kol (fixture->store, "阿杰", "stage", "mature", NULL);
  KdxUiInToday check = { fixture, id, KDX_DUE_LOSING_TOUCH };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWindow *preferences;
  GtkWidget *spin;

  add_contact (fixture->store, id, "2026-02-01T10:00:00Z");
  kdx_ui_iterate ();
  g_assert_false (kdx_ui_in_today (&check));

  kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_comma, GDK_CONTROL_MASK);
  preferences = kdx_ui_find_toplevel (KDX_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  spin = kdx_ui_find_named (GTK_WIDGET (preferences), "contact-every-unrated");
  g_assert_nonnull (spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 30);
  kdx_ui_wait_until (kdx_ui_in_today, &check, 30000);
  g_assert_cmpuint (g_settings_get_uint (settings, "contact-every-unrated"), ==, 30);
  {
    ShowsText shown = { GTK_WIDGET (kdx_window_get_today_view (fixture->window)),
                        "No contact for 37 days (every 30)" };
    kdx_window_show_view (fixture->window, "today");
    kdx_ui_wait_until (shows_text_cb, &shown, 30000);
  }

  gtk_window_destroy (preferences);
  g_settings_reset (settings, "contact-every-unrated");
  kdx_ui_wait_until (kdx_ui_not_in_today, &check, 30000);
}

static gboolean
is_button_with_tooltip (GtkWidget     *widget,
                        gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

/* 八月十五 of 2026 is stored as 2026-09-25, by the lunar calendar; the
 * editor says when it comes next. */
static void
test_lunar_editor_stores_gregorian_day (KdxUiFixture  *fixture,
                                        gconstpointer  data)
{
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 1000);
  KdxKolEditor *editor = kdx_ui_open_kol (fixture, id);
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(KdxRecord) date = NULL;
  g_autofree char *text = NULL;
  GtkWidget *calendar, *month, *day, *year;
  GtkWindow *dialog;
  int kind;

  kdx_ui_click (kdx_ui_find_first (GTK_WIDGET (editor), is_button_with_tooltip, "Add to Upkeep"));
  dialog = kdx_ui_find_toplevel (KDX_TYPE_RECORD_DIALOG);
  g_assert_nonnull (dialog);

  month = kdx_ui_find_named (GTK_WIDGET (dialog), "lunar-month");
  g_assert_nonnull (month);
  /* Gregorian dates have no lunar rows. */
  g_assert_false (gtk_widget_is_visible (month));

  gtk_editable_set_text (GTK_EDITABLE (kdx_ui_find_named (GTK_WIDGET (dialog), "label")), "农历生日");
  calendar = kdx_ui_find_named (GTK_WIDGET (dialog), "calendar");
  adw_combo_row_set_selected (ADW_COMBO_ROW (calendar), KDX_CALENDAR_CHINESE);
  kdx_ui_iterate ();
  g_assert_true (gtk_widget_is_visible (month));

  day = kdx_ui_find_named (GTK_WIDGET (dialog), "lunar-day");
  year = kdx_ui_find_named (GTK_WIDGET (dialog), "lunar-year");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (year), 2026);
  adw_combo_row_set_selected (ADW_COMBO_ROW (month), 7);  /* 八月 */
  adw_combo_row_set_selected (ADW_COMBO_ROW (day), 14);   /* 十五 */
  kdx_ui_iterate ();
  /* The Gregorian row shows what will be stored, and when it comes. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (kdx_ui_find_named (GTK_WIDGET (dialog), "date"))),
                   ==, "09/25/2026");  /* en_US, as every display test runs */
  g_assert_true (shows_text (GTK_WIDGET (dialog), "2026-09-25, in 199 days"));

  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Add"));
  {
    KdxUiStoredList check = { fixture, id, "important_dates", 1 };
    kdx_ui_wait_until (kdx_ui_stored_list_has_n, &check, 30000);
  }
  stored = kdx_ui_load_kol (fixture->store, id);
  date = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_list (stored, "important_dates")), 0);
  g_object_get (date, "date", &text, "calendar", &kind, NULL);
  g_assert_cmpstr (text, ==, "2026-09-25");
  g_assert_cmpint (kind, ==, KDX_CALENDAR_CHINESE);
}

static gboolean
is_mapped_status_page (GtkWidget     *widget,
                       gconstpointer  title)
{
  return ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0;
}

static gboolean
empty_day_shown (gpointer today)
{
  return kdx_ui_find_first (today, is_mapped_status_page, "Nothing Due Today") != NULL;
}

/* Nothing due: Today says so, and the window starts where it was left
 * (the list); with something due, a new window starts in Today. */
static void
test_empty_day (KdxUiFixture  *fixture,
                gconstpointer  data)
{
  KdxTodayView *today = kdx_window_get_today_view (fixture->window);
  GtkWidget *status;
  KdxWindow *second;
  AdwViewStack *stack;

  kdx_ui_add_kol (fixture->store, "大卫", 1000);
  kdx_window_show_view (fixture->window, "today");
  /* Today, first shown, looks in the background (issue 16: never before
   * the window's first frame), then says the day is empty. */
  kdx_ui_wait_until (empty_day_shown, today, 30000);
  g_assert_cmpuint (g_list_model_get_n_items (kdx_today_view_get_items (today)), ==, 0);
  status = kdx_ui_find_first (GTK_WIDGET (today), is_mapped_status_page, "Nothing Due Today");
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_mapped (status));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "Nothing Due Today");

  /* Once Today knows of it (it computes in the background). */
  {
    KdxUiInToday check = { fixture, 0, KDX_DUE_FOLLOW_UP_TODAY };

    check.id = store_kol (fixture->store, "小美", "next_follow_up", TODAY, NULL);
    kdx_ui_wait_until (kdx_ui_in_today, &check, 30000);
  }
  second = kdx_window_new (fixture->application, fixture->store, NULL);
  stack = ADW_VIEW_STACK (kdx_ui_find_widget (GTK_WIDGET (second), ADW_TYPE_VIEW_STACK, NULL));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "today");
  gtk_window_destroy (GTK_WINDOW (second));
}

/* ---- a notification server on the test's session bus ---------------------------- */

/* What org.freedesktop.Notifications was sent, so the test sees the
 * notification a person would see: GLib's own backend delivers it. */
typedef struct
{
  char    *summary;
  char    *body;
  gboolean owned;
} Notifications;

static const char notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "<arg type='u' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "</interface></node>";

static void
notifications_method_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *path,
                         const char            *interface,
                         const char            *method,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  Notifications *seen = user_data;

  if (g_str_equal (method, "Notify"))
    {
      g_clear_pointer (&seen->summary, g_free);
      g_clear_pointer (&seen->body, g_free);
      g_variant_get (parameters, "(&su&sss@as@a{sv}i)", NULL, NULL, NULL,
                     &seen->summary, &seen->body, NULL, NULL, NULL);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", 1));
    }
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  ((Notifications *) user_data)->owned = TRUE;
}

static gboolean
is_owned (gpointer user_data)
{
  return ((Notifications *) user_data)->owned;
}

static gboolean
has_body (gpointer user_data)
{
  return ((Notifications *) user_data)->body != NULL;
}

static const GDBusInterfaceVTable notifications_vtable = { notifications_method_cb, NULL, NULL, { 0 } };

/* The reminder counts what is due, once a day; its action shows Today. */
static void
test_reminder_says_what_is_due (KdxUiFixture  *fixture,
                                gconstpointer  data)
{
  g_autoptr(KdxReminder) reminder = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  Notifications seen = { NULL, NULL, FALSE };
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  AdwViewStack *stack;
  guint object_id, name_id;

  object_id = g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications",
                                                 node->interfaces[0], &notifications_vtable,
                                                 &seen, NULL, NULL);
  name_id = g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                          name_acquired_cb, NULL, &seen, NULL);
  kdx_ui_wait_until (is_owned, &seen, 30000);

  store_kol (fixture->store, "小美", "next_follow_up", "2026-03-01", NULL);
  store_kol (fixture->store, "阿杰", "next_follow_up", TODAY, NULL);
  store_kol (fixture->store, "大卫", "birthday", "1990-03-15", NULL);

  reminder = kdx_reminder_new (G_APPLICATION (fixture->application), fixture->store);
  text = kdx_reminder_check (reminder);
  g_assert_cmpstr (text, ==, "2 follow-ups due; 1 important date coming up");
  kdx_ui_wait_until (has_body, &seen, 30000);
  g_assert_cmpstr (seen.summary, ==, "Due Today");
  g_assert_cmpstr (seen.body, ==, text);
  /* Once a day. */
  again = kdx_reminder_check (reminder);
  g_assert_null (again);

  kdx_window_show_view (fixture->window, "list");
  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "show-today", NULL);
  kdx_ui_iterate ();
  stack = ADW_VIEW_STACK (kdx_ui_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK, NULL));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "today");

  g_bus_unown_name (name_id);
  g_dbus_connection_unregister_object (bus, object_id);
  g_free (seen.summary);
  g_free (seen.body);
}

static gboolean
list_has_n (gpointer user_data)
{
  KdxUiFixture *fixture = ((gpointer *) user_data)[0];
  guint n = GPOINTER_TO_UINT (((gpointer *) user_data)[1]);

  return g_list_model_get_n_items (kdx_ui_list_of (fixture)) == n;
}

static void
move_follow_up (KdxStore   *store,
                gint64      id,
                const char *day)
{
  g_autoptr(KdxKol) kol = kdx_ui_load_kol (store, id);
  g_autoptr(GError) error = NULL;

  g_object_set (kol, "next-follow-up", day, NULL);
  g_assert_true (kdx_store_save_kol (store, kol, &error));
  g_assert_no_error (error);
}

/* The list's "Due for contact" filter keeps the KOLs Today lists as due,
 * and lets one go once it is handled. */
static void
test_due_filter (KdxUiFixture  *fixture,
                 gconstpointer  data)
{
  gint64 due = store_kol (fixture->store, "小美", "next_follow_up", "2026-03-01", NULL);
  GtkWidget *popover, *check;

  store_kol (fixture->store, "阿杰", "next_follow_up", "2026-04-01", NULL);
  kdx_window_show_view (fixture->window, "list");
  {
    gpointer check_n[] = { fixture, GUINT_TO_POINTER (2) };
    kdx_ui_wait_until (list_has_n, check_n, 30000);
  }

  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_f, GDK_CONTROL_MASK));
  popover = kdx_ui_find_widget (GTK_WIDGET (fixture->window), KDX_TYPE_FILTER_POPOVER, NULL);
  g_assert_nonnull (popover);
  gtk_popover_popup (GTK_POPOVER (popover));
  kdx_ui_iterate ();
  check = kdx_ui_find_named (popover, "due-filter");
  g_assert_nonnull (check);
  gtk_widget_activate (check);
  {
    gpointer check_n[] = { fixture, GUINT_TO_POINTER (1) };
    kdx_ui_wait_until (list_has_n, check_n, 30000);
  }
  {
    g_autoptr(KdxKol) shown = g_list_model_get_item (kdx_ui_list_of (fixture), 0);
    g_assert_cmpint (kdx_kol_get_id (shown), ==, due);
  }

  move_follow_up (fixture->store, due, "2026-03-20");
  {
    gpointer check_n[] = { fixture, GUINT_TO_POINTER (0) };
    kdx_ui_wait_until (list_has_n, check_n, 30000);
  }
  gtk_popover_popdown (GTK_POPOVER (popover));
}

typedef struct
{
  GtkWidget *root;
  gboolean   visible;
} BadgeShown;

static gboolean
badge_is (gpointer user_data)
{
  BadgeShown *check = user_data;
  GtkWidget *badge = kdx_ui_find_widget (check->root, GTK_TYPE_LABEL, "Due");

  return badge != NULL && gtk_widget_get_visible (badge) == check->visible;
}

/* A due KOL's card carries a "Due" badge, gone once it is handled. */
static void
test_board_card_due_badge (KdxUiFixture  *fixture,
                           gconstpointer  data)
{
  gint64 id = store_kol (fixture->store, "小美", "next_follow_up", "2026-03-01", NULL);
  GtkWidget *board = GTK_WIDGET (kdx_window_get_board_view (fixture->window));
  BadgeShown check = { board, TRUE };

  kdx_window_show_view (fixture->window, "board");
  kdx_ui_wait_until (badge_is, &check, 30000);

  move_follow_up (fixture->store, id, "2026-03-20");
  check.visible = FALSE;
  kdx_ui_wait_until (badge_is, &check, 30000);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("KOLDEX_TODAY", TODAY, TRUE);
  kdx_ui_test_init (&argc, &argv);

  KDX_UI_ADD ("/ui/today/overdue-leaves-when-moved", test_overdue_leaves_when_moved);
  KDX_UI_ADD ("/ui/today/preferences-interval-brings-losing-touch", test_preferences_interval_brings_losing_touch);
  KDX_UI_ADD ("/ui/today/lunar-editor-stores-gregorian-day", test_lunar_editor_stores_gregorian_day);
  KDX_UI_ADD ("/ui/today/empty-day", test_empty_day);
  KDX_UI_ADD ("/ui/today/reminder-says-what-is-due", test_reminder_says_what_is_due);
  KDX_UI_ADD ("/ui/today/list-due-filter", test_due_filter);
  KDX_UI_ADD ("/ui/today/board-card-due-badge", test_board_card_due_badge);

  return g_test_run ();
}
