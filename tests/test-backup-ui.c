/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-backup-ui"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "kdx-backups.h"
#include "kdx-error.h"
#include "kdx-preferences-window.h"
#include "kdx-test-util.h"
#include "kdx-ui-test.h"

/* Preferences › Backups and the damaged database's window (issue 15,
 * items 8 and 12), driven as an operator drives them: Ctrl+, or the
 * damaged page's button, the Backups page's tab, Restore…, the
 * confirmation; then the database holds what was backed up, and the
 * window shows it. */

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* The tab of the Backups page, in the preferences' view switcher: a
 * button that holds the label "Backups" (and an empty badge first). */
static gboolean
is_backups_tab (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && kdx_ui_find_widget (widget, GTK_TYPE_LABEL, "Backups") != NULL;
}

static GtkWindow *
find_dialog (void)
{
  return kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static gboolean
dialog_is_shown (gpointer user_data)
{
  return find_dialog () != NULL;
}

/* Restore… on the only backup listed, then Restore in the confirmation,
 * both clicked; returns the body the confirmation showed. */
static char *
restore_through (GtkWindow *preferences)
{
  GtkWidget *tab = kdx_ui_find_first (GTK_WIDGET (preferences), is_backups_tab, NULL);
  GtkWidget *restore;
  GtkWindow *dialog;
  char *body;

  g_assert_nonnull (tab);
  kdx_ui_click (tab);
  kdx_ui_iterate ();
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (preferences)),
                   ==, "backups");

  restore = kdx_ui_find_first (GTK_WIDGET (preferences), is_button_labelled, "_Restore…");
  g_assert_nonnull (restore);
  kdx_ui_click (restore);
  kdx_ui_wait_until (dialog_is_shown, NULL, 30000);
  dialog = find_dialog ();
  body = g_strdup (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  kdx_ui_click (kdx_ui_find_first (GTK_WIDGET (dialog), is_button_labelled, "_Restore"));
  return body;
}

typedef struct
{
  KdxStore   *store;
  gint64      id;
  const char *name;
  gint64      followers;
  gint64      n_kols;
} Restored;

/* The database holds the backed-up file, and only the files it held. */
static gboolean
holds_backup (gpointer user_data)
{
  Restored *restored = user_data;
  g_autoptr(KdxKol) kol = NULL;

  if (kdx_store_count_kols (restored->store, NULL) != restored->n_kols)
    return FALSE;
  kol = kdx_store_load_kol (restored->store, restored->id, NULL);
  return kol != NULL
         && g_strcmp0 (kdx_kol_get_display_name (kol), restored->name) == 0
         && kdx_kol_get_followers (kol) == restored->followers;
}

/* The replaced database was kept aside, 0600, beside it. */
static gboolean
has_replaced (const char *dir,
              const char *database)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *base = g_path_get_basename (database);
  g_autofree char *prefix = g_strconcat (base, ".replaced-", NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, prefix) && !g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        return kdx_test_file_mode (path) == 0600;
      }
  return FALSE;
}

static void
test_restore_from_preferences (KdxUiFixture  *fixture,
                               gconstpointer  data)
{
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 125000);
  Restored restored = { fixture->store, id, "小美", 125000, 1 };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxKol) kol = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *body = NULL;
  g_autofree char *replaced_prefix = NULL;
  GtkWindow *preferences;

  backup = kdx_backups_make (fixture->store, now, 0, &error);
  g_assert_no_error (error);

  /* Changes after the backup, which the restore takes back. */
  kol = kdx_ui_load_kol (fixture->store, id);
  kdx_kol_set_followers (kol, 5);
  g_assert_true (kdx_store_save_kol (fixture->store, kol, &error));
  g_assert_no_error (error);
  kdx_ui_add_kol (fixture->store, "新人", 10);
  kdx_ui_wait_for_n_kols (fixture, 2, 5000);

  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_comma, GDK_CONTROL_MASK));
  preferences = kdx_ui_find_toplevel (KDX_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);

  body = restore_through (preferences);
  replaced_prefix = g_strconcat (kdx_store_get_path (fixture->store), ".replaced-", NULL);
  kdx_test_assert_has (body, "The current one is kept aside as");
  kdx_test_assert_has (body, replaced_prefix);

  kdx_ui_wait_until (holds_backup, &restored, 30000);
  /* The list shows the restored database, not what it replaced. */
  kdx_ui_wait_for_n_kols (fixture, 1, 5000);
  g_assert_false (kdx_store_is_damaged (fixture->store));
  g_assert_true (has_replaced (fixture->dir, kdx_store_get_path (fixture->store)));
}

static gboolean
has_open_window (gpointer user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (KDX_IS_WINDOW (window) && window != user_data && kdx_window_get_store (KDX_WINDOW (window)) != NULL
          && g_strcmp0 (kdx_store_get_path (kdx_window_get_store (KDX_WINDOW (window))),
                        g_getenv ("KOLDEX_DATABASE")) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A database found damaged at open: the window says so, never a list;
 * its button leads to the Backups page, and a restore there opens the
 * restored database in a window. */
static void
test_damaged_window (KdxUiFixture  *fixture,
                     gconstpointer  data)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *database = g_build_filename (dir, "team.db", NULL);
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxStore) reopened = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *body = NULL;
  GtkWidget *button;
  GtkWindow *preferences;
  KdxWindow *window;
  Restored restored = { NULL, 1, "KOL 0 with a name long enough to fill the pages", 0, 400 };

  store = kdx_store_open (database, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *name = g_strdup_printf ("KOL %u with a name long enough to fill the pages", i);
      kdx_ui_add_kol (store, name, 0);
    }
  backup = kdx_backups_make (store, now, 0, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  kdx_test_flip_middle (database, 512);
  store = kdx_store_open (database, &error);
  g_assert_null (store);
  g_assert_error (error, KDX_ERROR, KDX_ERROR_DAMAGED);

  /* The database the application opens, as --database would say. */
  g_setenv ("KOLDEX_DATABASE", database, TRUE);
  window = kdx_window_new (fixture->application, NULL, error);
  g_clear_error (&error);
  gtk_window_present (GTK_WINDOW (window));
  kdx_ui_iterate ();
  {
    g_autoptr(GPtrArray) texts = kdx_ui_label_texts (GTK_WIDGET (window));
    gboolean says_damaged = FALSE;

    for (guint i = 0; i < texts->len; i++)
      says_damaged |= g_strcmp0 (g_ptr_array_index (texts, i), "The Database Is Damaged") == 0;
    g_assert_true (says_damaged);
  }
  /* No list at all, not half of one. */
  g_assert_null (kdx_ui_find_widget (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW, NULL));

  button = kdx_ui_find_first (GTK_WIDGET (window), is_button_labelled, "_Restore a Backup…");
  g_assert_nonnull (button);
  kdx_ui_click (button);
  preferences = kdx_ui_find_toplevel (KDX_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);

  body = restore_through (preferences);
  kdx_test_assert_has (body, "The current one is kept aside as");

  kdx_ui_wait_until (has_open_window, window, 30000);
  reopened = kdx_store_open (database, &error);
  g_assert_no_error (error);
  restored.store = reopened;
  g_assert_true (holds_backup (&restored));
  g_unsetenv ("KOLDEX_DATABASE");
}

static gboolean
damaged_page_shown (gpointer user_data)
{
  GtkWidget *page = kdx_ui_find_widget (user_data, ADW_TYPE_STATUS_PAGE, "The Database Is Damaged");

  return page != NULL && gtk_widget_get_mapped (page);
}

static gboolean
damaged_page_gone (gpointer user_data)
{
  return !damaged_page_shown (user_data);
}

/* Damage met while the window is open (here by a worker's connection, as
 * the check at start or an export would meet it): the list gives way to
 * the damaged page, nothing can be added; restoring a backup through its
 * button brings the list back with the backed-up files. */
static void
test_damaged_while_open (KdxUiFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(KdxStore) sibling = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *body = NULL;
  GtkWidget *button;
  GtkWindow *preferences;
  Restored restored = { fixture->store, 1, "KOL 0 with a name long enough to fill the pages", 0, 400 };

  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *name = g_strdup_printf ("KOL %u with a name long enough to fill the pages", i);
      kdx_ui_add_kol (fixture->store, name, 0);
    }
  backup = kdx_backups_make (fixture->store, now, 0, &error);
  g_assert_no_error (error);
  kdx_ui_wait_for_n_kols (fixture, 400, 10000);

  /* The files in the database file itself, where the disk damages them
   * (not only in its write-ahead log). */
  {
    sqlite3 *db = NULL;
    g_assert_cmpint (sqlite3_open (kdx_store_get_path (fixture->store), &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  kdx_test_flip_middle (kdx_store_get_path (fixture->store), 512);
  sibling = kdx_store_open_sibling (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_false (kdx_store_check (sibling, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_DAMAGED);
  g_clear_error (&error);
  g_clear_object (&sibling);

  kdx_ui_wait_until (damaged_page_shown, fixture->window, 30000);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (kdx_window_get_list_view (fixture->window))));
  /* Ctrl+N adds nothing to a damaged database. */
  kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_n, GDK_CONTROL_MASK);
  kdx_ui_iterate ();
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 400);

  button = kdx_ui_find_first (GTK_WIDGET (fixture->window), is_button_labelled, "_Restore a Backup…");
  g_assert_nonnull (button);
  kdx_ui_click (button);
  preferences = kdx_ui_find_toplevel (KDX_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  /* A damaged database is not backed up. */
  g_assert_false (gtk_widget_get_sensitive (kdx_ui_find_first (GTK_WIDGET (preferences), is_button_labelled,
                                                               "_Back Up Now")));
  body = restore_through (preferences);
  kdx_test_assert_has (body, "The current one is kept aside as");

  kdx_ui_wait_until (damaged_page_gone, fixture->window, 30000);
  g_assert_false (kdx_store_is_damaged (fixture->store));
  g_assert_true (holds_backup (&restored));
  kdx_ui_wait_for_n_kols (fixture, 400, 10000);
  g_assert_true (has_replaced (fixture->dir, kdx_store_get_path (fixture->store)));
}

int
main (int    argc,
      char **argv)
{
  kdx_ui_test_init (&argc, &argv);

  KDX_UI_ADD ("/backup-ui/restore-from-preferences", test_restore_from_preferences);
  KDX_UI_ADD ("/backup-ui/damaged-while-open", test_damaged_while_open);
  /* Last: the application keeps the store it restored. */
  KDX_UI_ADD ("/backup-ui/damaged-window", test_damaged_window);

  return g_test_run ();
}
