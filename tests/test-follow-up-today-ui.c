/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-follow-up-today-ui"

#include "config.h"

#include "kdx-ui-test.h"

#include "kdx-kol.h"
#include "kdx-log-contact-dialog.h"

/* Follow-ups count from the app's today (KOLDEX_TODAY here, as Today and
 * the due list read it), not from the wall clock's: the list's overdue
 * mark and the Log Contact dialog's "in 3 days". */

#define TODAY "2026-03-10"

static gint64
store_follow_up (KdxStore   *store,
                 const char *name,
                 const char *day)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  g_autoptr(GError) error = NULL;

  kdx_kol_set_display_name (kol, name);
  g_assert_true (kdx_record_set_from_string (KDX_RECORD (kol), "next_follow_up", day, &error));
  g_assert_no_error (error);
  return kdx_ui_store_kol (store, kol);
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget)
      && gtk_widget_get_mapped (widget)
      && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} ShownLabel;

static gboolean
label_shown (gpointer user_data)
{
  ShownLabel *check = user_data;

  return kdx_ui_find_first (check->root, is_label_with_text, check->text) != NULL;
}

static GtkWidget *
wait_for_label (GtkWidget  *root,
                const char *text)
{
  ShownLabel check = { root, text };

  kdx_ui_wait_until (label_shown, &check, 20000);
  return kdx_ui_find_first (root, is_label_with_text, text);
}

/* Yesterday is overdue; a day after today is not, although the wall clock
 * (long past March 2026) has passed both. */
static void
test_overdue_follows_app_today (KdxUiFixture  *fixture,
                                gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  GtkWidget *yesterday;
  GtkWidget *later;

  store_follow_up (fixture->store, "昨天", "2026-03-09");
  store_follow_up (fixture->store, "下周", "2026-03-17");
  kdx_ui_wait_for_n_kols (fixture, 2, 20000);

  /* Something is due, so the window may open on Today: go to the list as
   * an operator does. */
  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_1, GDK_ALT_MASK));

  yesterday = wait_for_label (root, "2026-03-09");
  later = wait_for_label (root, "2026-03-17");
  g_assert_true (gtk_widget_has_css_class (yesterday, "error"));
  g_assert_false (gtk_widget_has_css_class (later, "error"));
}

static gboolean
dialog_shown (gpointer user_data)
{
  GtkWindow *dialog = kdx_ui_find_toplevel (KDX_TYPE_LOG_CONTACT_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog))
    && gtk_widget_get_width (GTK_WIDGET (dialog)) > 0;
}

typedef struct
{
  KdxStore   *store;
  gint64      id;
  const char *expected;
} StoredFollowUp;

static gboolean
follow_up_stored (gpointer user_data)
{
  StoredFollowUp *check = user_data;
  g_autoptr(KdxKol) kol = kdx_ui_load_kol (check->store, check->id);

  return g_strcmp0 (kdx_kol_get_next_follow_up (kol), check->expected) == 0;
}

/* Logging a contact with "in 3 days" sets the follow-up three days after
 * the app's today. */
static void
test_log_contact_counts_from_app_today (KdxUiFixture  *fixture,
                                        gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);
  GtkWindow *dialog;
  gint64 id = store_follow_up (fixture->store, "小美", "2026-03-09");
  StoredFollowUp stored = { fixture->store, id, "2026-03-13" };

  kdx_ui_wait_for_n_kols (fixture, 1, 20000);
  g_assert_true (kdx_ui_press_key (window, GDK_KEY_1, GDK_ALT_MASK));
  kdx_ui_select_row (fixture, 0);
  g_assert_true (kdx_ui_press_key (window, GDK_KEY_l, GDK_CONTROL_MASK));
  kdx_ui_wait_until (dialog_shown, NULL, 30000);
  dialog = kdx_ui_find_toplevel (KDX_TYPE_LOG_CONTACT_DIALOG);

  /* Alt+F: the follow-up choices, on "in a week"; Left is "in 3 days". */
  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_f, GDK_ALT_MASK));
  g_assert_cmpstr (gtk_widget_get_name (gtk_root_get_focus (GTK_ROOT (dialog))), ==, "week");
  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_Left, 0));
  g_assert_cmpstr (gtk_widget_get_name (gtk_root_get_focus (GTK_ROOT (dialog))), ==, "3-days");
  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_Return, 0));

  kdx_ui_wait_until (follow_up_stored, &stored, 30000);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("KOLDEX_TODAY", TODAY, TRUE);
  kdx_ui_test_init (&argc, &argv);

  KDX_UI_ADD ("/ui/list/overdue-follows-app-today", test_overdue_follows_app_today);
  KDX_UI_ADD ("/ui/log-contact/follow-up-counts-from-app-today", test_log_contact_counts_from_app_today);

  return g_test_run ();
}
