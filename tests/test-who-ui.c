/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-who-ui"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kdx-board-column.h"
#include "kdx-board-view.h"
#include "kdx-list-view.h"
#include "kdx-event.h"
#include "kdx-preferences-window.h"
#include "kdx-record-dialog.h"
#include "kdx-stage-entry.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"
#include "kdx-ui-test.h"

/* Who did what in the window (issue 14, item 5), as a person does it: the
 * operator's name typed into Preferences and a card moved with its key
 * (the database records the name, the file's history shows it), the My
 * KOLs toggle clicked (the list and the board show exactly the KOLs the
 * database says the operator owns), and a read-only database (a file
 * nobody may write; in the pg suite, a role that may only SELECT): the
 * banner says so and nothing offers to change a KOL. */

#define APP_ID "io.github.koldex.Koldex"

/* GSETTINGS_BACKEND=memory lives as long as the program: each case
 * starts from the defaults. */
static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "operator-name");
  g_settings_reset (settings, "default-owner");
  g_settings_reset (settings, "my-kols");
}

static void
set_up (KdxUiFixture  *fixture,
        gconstpointer  data)
{
  reset_settings ();
  kdx_ui_fixture_set_up (fixture, data);
}

static gint64
add_owned (KdxStore   *store,
           const char *name,
           const char *owner,
           KdxStage    stage)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();

  kdx_kol_set_display_name (kol, name);
  g_object_set (kol, "owner", owner, "stage", stage, NULL);
  return kdx_test_store_kol (store, kol);
}

static gboolean
operator_is (gpointer user_data)
{
  KdxUiFixture *fixture = user_data;

  return g_strcmp0 (kdx_store_get_operator (fixture->store), "王芳") == 0;
}

typedef struct
{
  KdxUiFixture *fixture;
  gint64        id;
  KdxStage      stage;
} Expected;

static gboolean
kol_is_in_stage (gpointer user_data)
{
  Expected *expected = user_data;
  g_autoptr(KdxKol) kol = kdx_ui_load_kol (expected->fixture->store, expected->id);

  return kdx_kol_get_stage (kol) == expected->stage;
}

static gboolean
strv_has_substring (GPtrArray  *texts,
                    const char *needle)
{
  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

/* Preferences › General › Your Name, typed; then a card moved on the
 * board with Alt+Right: the move is 王芳's in the database and in the
 * file's history. */
static void
test_name_recorded_and_shown (KdxUiFixture  *fixture,
                              gconstpointer  data)
{
  gint64 id = add_owned (fixture->store, "小美", NULL, KDX_STAGE_CANDIDATE);
  Expected moved = { fixture, id, KDX_STAGE_CONTACTING };
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(KdxStageEntry) entry = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  GtkWindow *preferences;
  GtkWidget *row;
  g_autoptr(KdxEvent) event = NULL;
  KdxKolEditor *editor;
  GtkWindow *dialog;
  guint n;

  /* The login's name until the operator chooses one. */
  g_assert_nonnull (kdx_store_get_operator (fixture->store));

  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_comma, GDK_CONTROL_MASK));
  preferences = kdx_ui_find_toplevel (KDX_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  row = kdx_ui_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, "Your Name");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_grab_focus (row));
  kdx_ui_type (preferences, "王芳");
  kdx_ui_wait_until (operator_is, fixture, 30000);
  gtk_window_destroy (preferences);
  kdx_ui_iterate ();

  kdx_ui_focus_card (fixture, KDX_STAGE_CANDIDATE, id);
  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_Right, GDK_ALT_MASK));
  kdx_ui_wait_until (kol_is_in_stage, &moved, 30000);

  kol = kdx_ui_load_kol (fixture->store, id);
  n = g_list_model_get_n_items (G_LIST_MODEL (kdx_kol_get_stage_history (kol)));
  g_assert_cmpuint (n, ==, 2);
  entry = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_stage_history (kol)), n - 1);
  g_assert_cmpstr (kdx_stage_entry_get_made_by (entry), ==, "王芳");
  g_clear_object (&entry);
  /* Made before a name was chosen here: the test's login name, stamped
   * when the KOL was added through the window's store. */
  entry = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_stage_history (kol)), 0);
  g_assert_cmpstr (kdx_stage_entry_get_made_by (entry), !=, "王芳");

  /* The file's history says who moved it. */
  editor = kdx_ui_open_kol (fixture, id);
  texts = kdx_ui_label_texts (GTK_WIDGET (editor));
  g_assert_true (strv_has_substring (texts, "by 王芳"));

  /* An event added in the file (a note, now: the dialog's defaults) is
   * 王芳's too; the dialog does not offer to change who made it. */
  kdx_ui_click (kdx_ui_find_with_tooltip (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "Add to Timeline"));
  dialog = kdx_ui_find_toplevel (KDX_TYPE_RECORD_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_null (kdx_ui_find_named (GTK_WIDGET (dialog), "made_by"));
  kdx_ui_iterate ();
  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Add"));
  {
    KdxUiStoredList check = { fixture, id, "events", 1 };
    kdx_ui_wait_until (kdx_ui_stored_list_has_n, &check, 30000);
  }
  g_clear_object (&kol);
  kol = kdx_ui_load_kol (fixture->store, id);
  event = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_events (kol)), 0);
  g_assert_cmpstr (kdx_event_get_made_by (event), ==, "王芳");
}

/* What the database says the operator owns, read file by file. */
static GArray *
owned_ids (KdxStore   *store,
           const char *owner,
           int         stage)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = kdx_store_query_ids (store, NULL, &error);
  GArray *owned = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      g_autoptr(KdxKol) kol = kdx_test_load_kol (store, g_array_index (all, gint64, i));

      if (g_strcmp0 (kdx_kol_get_owner (kol), owner) == 0
          && (stage < 0 || kdx_kol_get_stage (kol) == (KdxStage) stage))
        g_array_append_val (owned, g_array_index (all, gint64, i));
    }
  return owned;
}

static void
assert_same_ids (GListModel *model,
                 GArray     *expected)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected->len);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KdxKol) kol = g_list_model_get_item (model, i);
      gboolean found = FALSE;

      for (guint j = 0; j < expected->len; j++)
        found |= g_array_index (expected, gint64, j) == kdx_kol_get_id (kol);
      g_assert_true (found);
    }
}

/* The header bar's toggle, told apart by its tooltip (it is an icon). */
static GtkWidget *
my_kols_toggle (KdxUiFixture *fixture)
{
  return kdx_ui_find_with_tooltip (GTK_WIDGET (fixture->window), GTK_TYPE_TOGGLE_BUTTON, "Show Only My KOLs");
}

static void
test_my_kols (KdxUiFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GArray) mine = NULL;
  GtkWidget *toggle;
  GListModel *list = kdx_ui_list_of (fixture);

  g_settings_set_string (settings, "operator-name", "王芳");
  add_owned (fixture->store, "小美", "王芳", KDX_STAGE_CANDIDATE);
  add_owned (fixture->store, "阿杰", "王芳", KDX_STAGE_NEGOTIATING);
  add_owned (fixture->store, "大卫", "王芳", KDX_STAGE_CANDIDATE);
  add_owned (fixture->store, "李四", "李雷", KDX_STAGE_CANDIDATE);
  add_owned (fixture->store, "张三", "李雷", KDX_STAGE_NEGOTIATING);
  add_owned (fixture->store, "无主", NULL, KDX_STAGE_CANDIDATE);
  kdx_ui_wait_for_n_items (list, 6);

  toggle = my_kols_toggle (fixture);
  g_assert_nonnull (toggle);
  g_assert_true (gtk_widget_get_mapped (toggle));
  kdx_ui_click (toggle);
  g_assert_true (g_settings_get_boolean (settings, "my-kols"));

  mine = owned_ids (fixture->store, "王芳", -1);
  g_assert_cmpuint (mine->len, ==, 3);
  kdx_ui_wait_for_n_items (list, mine->len);
  assert_same_ids (list, mine);
  g_assert_nonnull (kdx_ui_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, "3 of 6 KOLs"));

  /* The board's columns: the operator's KOLs of each stage, no other. */
  kdx_window_show_view (fixture->window, "board");
  kdx_ui_iterate ();
  g_assert_true (gtk_widget_get_mapped (toggle));
  for (KdxStage stage = 0; stage < KDX_N_STAGES; stage++)
    {
      KdxBoardColumn *column = kdx_board_view_get_column (kdx_window_get_board_view (fixture->window), stage);
      g_autoptr(GArray) expected = owned_ids (fixture->store, "王芳", stage);
      GListModel *cards = G_LIST_MODEL (kdx_board_column_get_list (column));

      kdx_ui_wait_for_n_items (cards, expected->len);
      assert_same_ids (cards, expected);
    }

  /* Off again: everyone. */
  kdx_ui_click (toggle);
  g_assert_false (g_settings_get_boolean (settings, "my-kols"));
  kdx_ui_wait_for_n_items (list, 6);
  kdx_ui_wait_for_n_items (G_LIST_MODEL (kdx_board_column_get_list (
    kdx_board_view_get_column (kdx_window_get_board_view (fixture->window), KDX_STAGE_CANDIDATE))), 4);
}

/* An operator who named themselves only as the owner of new KOLs (the
 * setting older than the one name) finds those KOLs under My KOLs, and
 * their moves carry that name: the window moved it into the one name when
 * it started. */
static void
set_up_new_kols_owner (KdxUiFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = NULL;

  reset_settings ();
  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "default-owner", "王芳");
  kdx_ui_fixture_set_up (fixture, data);
}

static void
test_my_kols_by_new_kols_owner (KdxUiFixture  *fixture,
                                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GArray) mine = NULL;
  g_autofree char *operator_name = NULL;
  GListModel *list = kdx_ui_list_of (fixture);
  GtkWidget *toggle;

  operator_name = g_settings_get_string (settings, "operator-name");
  g_assert_cmpstr (operator_name, ==, "王芳");
  add_owned (fixture->store, "小美", "王芳", KDX_STAGE_CANDIDATE);
  add_owned (fixture->store, "李四", "李雷", KDX_STAGE_CANDIDATE);
  kdx_ui_wait_for_n_items (list, 2);
  g_assert_cmpstr (kdx_store_get_operator (fixture->store), ==, "王芳");

  toggle = my_kols_toggle (fixture);
  g_assert_nonnull (toggle);
  kdx_ui_click (toggle);
  mine = owned_ids (fixture->store, "王芳", -1);
  g_assert_cmpuint (mine->len, ==, 1);
  kdx_ui_wait_for_n_items (list, 1);
  assert_same_ids (list, mine);
}

/* ---- read-only ------------------------------------------------------------------ */

static gboolean
is_add_kol_button (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.add-kol") == 0;
}

/* The banner, and nothing in the window that would write: the Add button
 * off, Ctrl+N and the board's move key doing nothing, the editor's rows
 * not editable. The database is checked unchanged by the caller. */
static void
check_read_only_window (KdxUiFixture *fixture,
                        gint64        id,
                        const char   *message)
{
  GtkWidget *banner = kdx_ui_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, message);
  GtkWidget *add = kdx_ui_find_first (GTK_WIDGET (fixture->window), is_add_kol_button, NULL);
  GtkWidget *row;
  KdxKolEditor *editor;
  g_autoptr(KdxKol) kol = NULL;
  gint64 n_kols = kdx_test_count_kols (fixture->store);

  g_assert_true (kdx_store_is_read_only (fixture->store));
  g_assert_nonnull (banner);
  g_assert_true (gtk_widget_get_mapped (banner));
  g_assert_nonnull (add);
  g_assert_false (gtk_widget_is_sensitive (add));

  kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_n, GDK_CONTROL_MASK);
  kdx_ui_iterate ();
  g_assert_null (kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpint (kdx_test_count_kols (fixture->store), ==, n_kols);

  kdx_ui_focus_card (fixture, KDX_STAGE_CANDIDATE, id);
  kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_Right, GDK_ALT_MASK);
  kdx_ui_iterate ();
  kol = kdx_ui_load_kol (fixture->store, id);
  g_assert_cmpint (kdx_kol_get_stage (kol), ==, KDX_STAGE_CANDIDATE);

  editor = kdx_ui_open_kol (fixture, id);
  row = kdx_kol_editor_get_row (editor, "display_name");
  g_assert_nonnull (row);
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (row)));
  row = kdx_kol_editor_get_row (editor, "tier");
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_is_sensitive (row));
}

static void
test_read_only_file (void)
{
  KdxUiFixture fixture = { 0 };
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ro.db", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  {
    g_autoptr(KdxStore) store = kdx_store_open (path, &error);

    g_assert_no_error (error);
    id = add_owned (store, "小美", "王芳", KDX_STAGE_CANDIDATE);
  }
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  before = kdx_test_read_file (path);

  reset_settings ();
  kdx_ui_fixture_set_up_at (&fixture, path);
  check_read_only_window (&fixture, id,
                          "Read-only: this database file can be viewed but not changed. "
                          "Ask your administrator for write access.");
  kdx_ui_fixture_tear_down (&fixture, NULL);

  after = kdx_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  g_chmod (path, 0644);
}

/* In the pg suite: a role that may only SELECT, made here as README tells
 * an administrator. */
static void
test_read_only_role (void)
{
  KdxUiFixture fixture = { 0 };
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autofree char *reader_uri = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  const char *state_sql = "SELECT string_agg (id || ':' || stage || ':' || row_version, ',' ORDER BY id)"
                          " || '|' || (SELECT count(*) FROM stage_history) FROM kol";
  gint64 id;

  {
    g_autoptr(KdxStore) store = kdx_store_open (uri, &error);

    g_assert_no_error (error);
    id = add_owned (store, "小美", "王芳", KDX_STAGE_CANDIDATE);
  }
  reader_uri = kdx_test_pg_make_reader (uri);
  before = kdx_test_pg_run_sql (uri, state_sql);

  reset_settings ();
  kdx_ui_fixture_set_up_at (&fixture, reader_uri);
  check_read_only_window (&fixture, id,
                          "Read-only: your database role can view but not change KOLs. "
                          "Ask your administrator for write access.");
  kdx_ui_fixture_tear_down (&fixture, NULL);

  after = kdx_test_pg_run_sql (uri, state_sql);
  g_assert_cmpstr (after, ==, before);
}

int
main (int    argc,
      char **argv)
{
  kdx_ui_test_init (&argc, &argv);

  g_test_add ("/who/name-recorded-and-shown", KdxUiFixture, NULL,
              set_up, test_name_recorded_and_shown, kdx_ui_fixture_tear_down);
  g_test_add ("/who/my-kols", KdxUiFixture, NULL, set_up, test_my_kols, kdx_ui_fixture_tear_down);
  g_test_add ("/who/my-kols-by-new-kols-owner", KdxUiFixture, NULL, set_up_new_kols_owner, test_my_kols_by_new_kols_owner,
              kdx_ui_fixture_tear_down);
  g_test_add_func ("/who/read-only-file", test_read_only_file);
  /* Only inside tests/pg-server (the pg suite runs this case alone). */
  if (g_getenv ("KOLDEX_TEST_PG_URI") != NULL)
    g_test_add_func ("/who/read-only-role", test_read_only_role);
  return g_test_run ();
}
