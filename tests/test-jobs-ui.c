/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-jobs-ui"

#include "config.h"

#include "kdx-import-assistant.h"
#include "kdx-ui-test.h"

/* Background work as the window sees it: the import assistant's import is
 * one of the running jobs, so closing the window or quitting asks first,
 * and the answer decides what reaches the database. Another connection
 * holds the write lock while the import starts, so it cannot finish
 * before the question is answered, however fast the machine. */

typedef struct
{
  KdxUiFixture       *fixture;
  KdxStore           *other;       /* holds the write lock, in a batch */
  KdxImportAssistant *assistant;
} Importing;

static gboolean
can_import (gpointer user_data)
{
  GtkWidget *button = kdx_ui_find_widget (user_data, GTK_TYPE_BUTTON, "Import");

  return button != NULL && gtk_widget_get_sensitive (button);
}

static gboolean
has_close_question (gpointer user_data)
{
  return kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
shows_report (gpointer user_data)
{
  return g_strcmp0 (kdx_import_assistant_get_page (user_data), "report") == 0;
}

static gboolean
is_gone (gpointer user_data)
{
  return *(gpointer *) user_data == NULL;
}

/* Opens the assistant on a Chinese Excel list and clicks Import while
 * another writer holds the database. */
static void
start_import (KdxUiFixture *fixture,
              Importing    *importing)
{
  g_autofree char *csv = g_build_filename (g_getenv ("KDX_FIXTURES"), "gb18030.csv", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "window.db", NULL);
  g_autoptr(GError) error = NULL;

  importing->fixture = fixture;
  importing->other = kdx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (kdx_store_begin_batch (importing->other, &error));

  importing->assistant = kdx_import_assistant_new (GTK_WINDOW (fixture->window), fixture->store, csv, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (importing->assistant));
  kdx_ui_wait_until (can_import, importing->assistant, 30000);
  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (importing->assistant), GTK_TYPE_BUTTON, "Import"));
  kdx_ui_iterate ();
  g_assert_cmpstr (kdx_import_assistant_get_page (importing->assistant), ==, "progress");
}

/* Answers the question about running work with the button labelled @label. */
static void
answer (const char *label)
{
  GtkWindow *dialog;

  kdx_ui_wait_until (has_close_question, NULL, 30000);
  dialog = kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, label));
  kdx_ui_iterate ();
}

/* Closing the window while the assistant imports asks first; Keep
 * Working leaves the window open, and the import finishes into the
 * database. */
static void
test_close_keeps_working (KdxUiFixture  *fixture,
                          gconstpointer  data)
{
  Importing importing = { 0 };
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;

  start_import (fixture, &importing);

  gtk_window_close (GTK_WINDOW (fixture->window));
  answer ("Keep Working");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));

  /* The other writer lets go: the import goes on and lands. */
  kdx_store_rollback_batch (importing.other);
  kdx_ui_wait_until (shows_report, importing.assistant, 20000);
  kdx_ui_iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 3);
  runs = kdx_store_list_imports (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);

  /* Nothing runs any more: closing now asks nothing. */
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_close (GTK_WINDOW (fixture->window));
  kdx_ui_wait_until (is_gone, &fixture->window, 30000);
  g_assert_null (kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_object_unref (importing.other);
  /* The fixture closes a window of its own at the end. */
  fixture->window = kdx_window_new (fixture->application, fixture->store, NULL);
}

/* Quitting (Ctrl+Q) while the assistant imports asks first too; Stop and
 * Close cancels the import, which is rolled back as a whole, and then the
 * window closes. */
static void
test_quit_stops_import (KdxUiFixture  *fixture,
                        gconstpointer  data)
{
  Importing importing = { 0 };
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;

  start_import (fixture, &importing);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);

  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_q, GDK_CONTROL_MASK));
  answer ("Stop and Close");
  /* Still there while the import stops. */
  g_assert_nonnull (fixture->window);

  kdx_store_rollback_batch (importing.other);
  kdx_ui_wait_until (is_gone, &fixture->window, 20000);
  kdx_ui_wait_until (shows_report, importing.assistant, 30000);

  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 0);
  runs = kdx_store_list_imports (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 0);

  g_object_unref (importing.other);
  fixture->window = kdx_window_new (fixture->application, fixture->store, NULL);
}

int
main (int   argc,
      char *argv[])
{
  kdx_ui_test_init (&argc, &argv);

  KDX_UI_ADD ("/ui/jobs/close-during-assistant-import/keep-working", test_close_keeps_working);
  KDX_UI_ADD ("/ui/jobs/quit-during-assistant-import/stop", test_quit_stops_import);
  return g_test_run ();
}
