/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-one-name-ui"

#include "config.h"

#include <string.h>

#include "kdx-board-column.h"
#include "kdx-board-view.h"
#include "kdx-conflict-dialog.h"
#include "kdx-kol-editor.h"
#include "kdx-event.h"
#include "kdx-log-contact-dialog.h"
#include "kdx-operator.h"
#include "kdx-preferences-window.h"
#include "kdx-stage-entry.h"
#include "kdx-test-util.h"
#include "kdx-ui-test.h"

/* One name for the operator (issue 14, items 3 and 5): Preferences ›
 * General has one row for it, and that name is the Owner of the KOLs the
 * operator adds, what My KOLs matches, and the made_by of what they log
 * and move, all read back from the database. An operator who had set the
 * two names of older versions keeps the owner name, under which their
 * KOLs are filed, and nothing else changes. */

#define APP_ID "io.github.koldex.Koldex"

/* GSETTINGS_BACKEND=memory lives as long as the program: each case
 * starts from the defaults. */
static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

static void
set_up (KdxUiFixture  *fixture,
        gconstpointer  data)
{
  reset_settings ();
  kdx_ui_fixture_set_up (fixture, data);
}

static gboolean
operator_is (gpointer user_data)
{
  KdxUiFixture *fixture = user_data;

  return g_strcmp0 (kdx_store_get_operator (fixture->store), "王芳") == 0;
}

static gboolean
is_shown_entry_row (GtkWidget     *widget,
                    gconstpointer  data)
{
  return ADW_IS_ENTRY_ROW (widget) && gtk_widget_get_mapped (widget);
}

static void
count_shown_entry_rows (GtkWidget *widget,
                        guint     *n)
{
  if (is_shown_entry_row (widget, NULL))
    (*n)++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_shown_entry_rows (child, n);
}

static gboolean
is_main_menu_button (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget))
      && gtk_widget_get_mapped (widget);
}

static gboolean
preferences_shown (gpointer user_data)
{
  GtkWindow *preferences = kdx_ui_find_toplevel (KDX_TYPE_PREFERENCES_WINDOW);

  return preferences != NULL && kdx_ui_find_first (GTK_WIDGET (preferences), is_shown_entry_row, NULL) != NULL;
}

static gboolean
preferences_gone (gpointer user_data)
{
  return kdx_ui_find_toplevel (KDX_TYPE_PREFERENCES_WINDOW) == NULL;
}

/* Preferences through the main menu (F10, as the keyboard opens it). */
static GtkWindow *
open_preferences (KdxUiFixture *fixture)
{
  GtkWidget *menu_button = kdx_ui_find_first (GTK_WIDGET (fixture->window), is_main_menu_button, NULL);
  GtkWidget *menu;

  g_assert_nonnull (menu_button);
  menu = kdx_ui_open_menu (GTK_WINDOW (fixture->window), menu_button, GDK_KEY_F10, 0);
  kdx_ui_click_menu_item (menu, "Preferences");
  kdx_ui_wait_until (preferences_shown, NULL, 30000);
  return kdx_ui_find_toplevel (KDX_TYPE_PREFERENCES_WINDOW);
}

static gint64
add_owned (KdxStore   *store,
           const char *name,
           const char *owner)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();

  kdx_kol_set_display_name (kol, name);
  g_object_set (kol, "owner", owner, NULL);
  return kdx_ui_store_kol (store, kol);
}

/* The one KOL named @name in the database. */
static KdxKol *
stored_kol_named (KdxUiFixture *fixture,
                  const char   *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = kdx_store_query_ids (fixture->store, NULL, &error);
  KdxKol *found = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(KdxKol) kol = kdx_ui_load_kol (fixture->store, g_array_index (ids, gint64, i));

      if (g_strcmp0 (kdx_kol_get_display_name (kol), name) == 0)
        {
          g_assert_null (found);
          found = g_steal_pointer (&kol);
        }
    }
  g_assert_nonnull (found);
  return found;
}

/* Logs a contact for KOL @id from its card's menu, the dialog's
 * defaults, Enter. */
static void
log_contact_on_card (KdxUiFixture *fixture,
                     gint64        id)
{
  GtkWidget *card = kdx_ui_focus_card (fixture, KDX_STAGE_CANDIDATE, id);
  GtkWidget *menu = kdx_ui_open_menu (GTK_WINDOW (fixture->window), card, GDK_KEY_F10, GDK_SHIFT_MASK);
  KdxUiStoredList logged = { fixture, id, "events", 1 };
  GtkWindow *dialog;

  kdx_ui_click_menu_item (menu, "Log Contact…");
  dialog = kdx_ui_wait_for_toplevel (KDX_TYPE_LOG_CONTACT_DIALOG);
  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_Return, 0));
  kdx_ui_wait_until (kdx_ui_stored_list_has_n, &logged, 30000);
}

static GtkWidget *
my_kols_toggle (KdxUiFixture *fixture)
{
  return kdx_ui_find_with_tooltip (GTK_WIDGET (fixture->window), GTK_TYPE_TOGGLE_BUTTON, "Show Only My KOLs");
}

/* My KOLs clicked on the list: exactly the KOL @mine. */
static void
assert_my_kols_shows (KdxUiFixture *fixture,
                      gint64        mine)
{
  GListModel *list = kdx_ui_list_of (fixture);
  GtkWidget *toggle;
  g_autoptr(KdxKol) shown = NULL;

  kdx_window_show_view (fixture->window, "list");
  kdx_ui_iterate ();
  toggle = my_kols_toggle (fixture);
  g_assert_nonnull (toggle);
  g_assert_true (gtk_widget_get_mapped (toggle));
  kdx_ui_click (toggle);
  kdx_ui_wait_for_n_items (list, 1);
  shown = g_list_model_get_item (list, 0);
  g_assert_cmpint (kdx_kol_get_id (shown), ==, mine);
}

/* The name typed once in Preferences' one row is the new KOL's Owner,
 * the made_by of its contact and of its move, and My KOLs finds it. */
static void
test_typed_once (KdxUiFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWindow *preferences = open_preferences (fixture);
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(KdxKol) moved_kol = NULL;
  g_autoptr(KdxEvent) event = NULL;
  g_autoptr(KdxStageEntry) entry = NULL;
  g_autofree char *stored = NULL;
  gint64 id;
  GListModel *history;
  GtkWidget *row;
  guint n_rows = 0;

  /* One name, one row: nothing else on General asks for a name. */
  count_shown_entry_rows (GTK_WIDGET (preferences), &n_rows);
  g_assert_cmpuint (n_rows, ==, 1);
  row = kdx_ui_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, "Your Name");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (row));
  g_assert_true (gtk_widget_grab_focus (row));
  kdx_ui_type (preferences, "王芳");
  kdx_ui_wait_until (operator_is, fixture, 30000);
  stored = g_settings_get_string (settings, "operator-name");
  g_assert_cmpstr (stored, ==, "王芳");
  g_assert_true (kdx_ui_press_key (preferences, GDK_KEY_Escape, 0));
  kdx_ui_wait_until (preferences_gone, NULL, 30000);

  /* Added with Ctrl+N: the operator's to follow up. */
  add_owned (fixture->store, "李四", "李雷");
  kdx_ui_add_kol_by_keyboard (fixture, "小美");
  kol = stored_kol_named (fixture, "小美");
  id = kdx_kol_get_id (kol);
  g_assert_cmpstr (kdx_kol_get_owner (kol), ==, "王芳");
  history = G_LIST_MODEL (kdx_kol_get_stage_history (kol));
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);
  entry = g_list_model_get_item (history, 0);
  g_assert_cmpstr (kdx_stage_entry_get_made_by (entry), ==, "王芳");
  g_clear_object (&entry);

  /* A contact logged from its card, then the card moved with Alt+Right. */
  log_contact_on_card (fixture, id);
  kdx_ui_focus_card (fixture, KDX_STAGE_CANDIDATE, id);
  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_Right, GDK_ALT_MASK));
  kdx_ui_wait_for_stored (fixture->store, id, "stage", "contacting");

  moved_kol = kdx_ui_load_kol (fixture->store, id);
  event = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_events (moved_kol)), 0);
  g_assert_cmpstr (kdx_event_get_made_by (event), ==, "王芳");
  history = G_LIST_MODEL (kdx_kol_get_stage_history (moved_kol));
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
  entry = g_list_model_get_item (history, 1);
  g_assert_cmpint (kdx_stage_entry_get_stage (entry), ==, KDX_STAGE_CONTACTING);
  g_assert_cmpstr (kdx_stage_entry_get_made_by (entry), ==, "王芳");
  g_assert_cmpstr (kdx_kol_get_owner (moved_kol), ==, "王芳");

  assert_my_kols_shows (fixture, id);
}

/* Nothing typed: the login's full name is the name everywhere, so a KOL
 * added is found by My KOLs and says who added it. */
static void
test_login_name_by_default (KdxUiFixture  *fixture,
                            gconstpointer  data)
{
  g_autofree char *login = kdx_operator_login_name ();
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(KdxStageEntry) entry = NULL;

  g_assert_cmpstr (kdx_store_get_operator (fixture->store), ==, login);
  add_owned (fixture->store, "李四", "李雷");
  kdx_ui_add_kol_by_keyboard (fixture, "小美");
  kol = stored_kol_named (fixture, "小美");
  g_assert_cmpstr (kdx_kol_get_owner (kol), ==, login);
  entry = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_stage_history (kol)), 0);
  g_assert_cmpstr (kdx_stage_entry_get_made_by (entry), ==, login);
  assert_my_kols_shows (fixture, kdx_kol_get_id (kol));
}

/* Settings from before the names were one, as @data gives them: the
 * owner of new KOLs and the operator name (NULL: never set), and two
 * other settings that must stay as they are. Then the window starts. */
static void
set_up_old_names (KdxUiFixture  *fixture,
                  gconstpointer  data)
{
  const char *const *names = data;
  g_autoptr(GSettings) settings = NULL;

  reset_settings ();
  settings = g_settings_new (APP_ID);
  if (names[0] != NULL)
    g_settings_set_string (settings, "default-owner", names[0]);
  if (names[1] != NULL)
    g_settings_set_string (settings, "operator-name", names[1]);
  g_settings_set_uint (settings, "contact-every-head", 10);
  g_settings_set_string (settings, "log-contact-channel", "phone");
  kdx_ui_fixture_set_up (fixture, NULL);
}

static const char *const two_names[] = { "王芳", "Fang W." };
static const char *const operator_name_only[] = { NULL, "王芳" };

/* The owner of new KOLs "王芳", the operator name "Fang W.": the one name
 * is 王芳 (their KOLs are filed under it), the old key is empty, and no
 * other setting moved. */
static void
test_two_names_merged (KdxUiFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *name = g_settings_get_string (settings, "operator-name");
  g_autofree char *old = g_settings_get_string (settings, "default-owner");
  g_autofree char *channel = g_settings_get_string (settings, "log-contact-channel");
  g_autoptr(KdxKol) kol = NULL;
  GtkWindow *preferences;
  GtkWidget *row;
  gint64 mine;

  g_assert_cmpstr (name, ==, "王芳");
  g_assert_cmpstr (old, ==, "");
  g_assert_cmpuint (g_settings_get_uint (settings, "contact-every-head"), ==, 10);
  g_assert_cmpstr (channel, ==, "phone");
  g_assert_cmpstr (kdx_store_get_operator (fixture->store), ==, "王芳");

  /* Preferences shows that one name. */
  preferences = open_preferences (fixture);
  row = kdx_ui_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, "Your Name");
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "王芳");
  gtk_window_destroy (preferences);
  kdx_ui_iterate ();

  /* The KOLs filed under it are the operator's, and a new one joins them. */
  mine = add_owned (fixture->store, "阿杰", "王芳");
  add_owned (fixture->store, "Jack", "Fang W.");
  kdx_ui_add_kol_by_keyboard (fixture, "小美");
  kol = stored_kol_named (fixture, "小美");
  g_assert_cmpstr (kdx_kol_get_owner (kol), ==, "王芳");
  kdx_window_show_view (fixture->window, "list");
  kdx_ui_iterate ();
  kdx_ui_click (my_kols_toggle (fixture));
  kdx_ui_wait_for_n_items (kdx_ui_list_of (fixture), 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(KdxKol) shown = g_list_model_get_item (kdx_ui_list_of (fixture), i);

      g_assert_true (kdx_kol_get_id (shown) == mine || kdx_kol_get_id (shown) == kdx_kol_get_id (kol));
    }
}

/* Only the operator name was set: it stays. */
static void
test_operator_name_kept (KdxUiFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *name = g_settings_get_string (settings, "operator-name");
  g_autoptr(KdxKol) kol = NULL;

  g_assert_cmpstr (name, ==, "王芳");
  g_assert_cmpstr (kdx_store_get_operator (fixture->store), ==, "王芳");
  kdx_ui_add_kol_by_keyboard (fixture, "小美");
  kol = stored_kol_named (fixture, "小美");
  g_assert_cmpstr (kdx_kol_get_owner (kol), ==, "王芳");
}

/* The conflict dialog's "saved by …": said once, in the body, where it
 * has the dialog's width (in a wide window, wide enough for the heading), the date and the time held together; the row
 * beside the choice holds just the two values (there a narrow dialog
 * broke "2026年11月30日 08:24" and the name across lines). Two operators
 * on one file: the window's 王芳, typed as the one name, and a second
 * store's 王小明. */
static void
test_conflict_names_who_and_when (KdxUiFixture  *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) other = kdx_store_open (kdx_store_get_path (fixture->store), &error);
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 1000);
  g_autoptr(KdxKol) theirs = NULL;
  KdxKolEditor *editor;
  GtkWidget *row;
  GtkWindow *dialog;
  GtkWidget *heading;
  const char *body;
  const char *when;
  const char *end;

  g_assert_no_error (error);
  g_settings_set_string (settings, "operator-name", "王芳");
  kdx_ui_wait_until (operator_is, fixture, 30000);
  kdx_store_set_operator (other, "王小明");

  editor = kdx_ui_open_kol (fixture, id);
  row = kdx_kol_editor_get_row (editor, "city");
  g_assert_true (gtk_widget_grab_focus (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "成都");
  theirs = kdx_ui_load_kol (other, id);
  g_object_set (theirs, "city", "杭州", "stage", KDX_STAGE_CONTACTING, NULL);
  g_assert_true (kdx_store_save_kol (other, theirs, &error));
  g_assert_no_error (error);
  kdx_kol_editor_focus_name (editor);
  dialog = kdx_ui_wait_for_toplevel (KDX_TYPE_CONFLICT_DIALOG);

  /* In a wide window the dialog takes the room to say its heading on one
   * line (libadwaita's own width broke it after "This"). */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), >=, 720);
  heading = kdx_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "Someone Else Changed This File");
  g_assert_nonnull (heading);
  g_assert_true (gtk_widget_get_mapped (heading));
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (heading))), ==, 1);

  /* The row: the two values, beside the choice. */
  row = kdx_ui_find_named (GTK_WIDGET (dialog), "city");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Theirs: 杭州\nMine: 成都");
  /* The body, the dialog's width: who saved theirs, and when. */
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  when = strstr (body, "\n\nTheirs: saved by 王小明, ");
  g_assert_nonnull (when);
  when += strlen ("\n\nTheirs: saved by 王小明, ");
  end = strchr (when, '.');
  g_assert_nonnull (end);
  g_assert_cmpstr (end, ==, ".");
  /* The time is there, joined to the date. */
  g_assert_nonnull (g_strstr_len (when, end - when, ":"));
  g_assert_null (g_strstr_len (when, end - when, " "));
  g_assert_nonnull (g_strstr_len (when, end - when, "\u00a0"));

  /* Mine kept: the database has the city 王芳 typed. */
  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Keep All Mine"));
  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Save Choices"));
  kdx_ui_wait_for_stored (fixture->store, id, "city", "成都");
}

/* The merge itself, as koldex-cli runs it too: once only, so a name
 * chosen afterwards is never undone, and spaces are no name. */
static void
test_merge_once (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *name = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *login = kdx_operator_login_name ();

  reset_settings ();
  settings = g_settings_new (APP_ID);
  g_assert_false (kdx_operator_merge_names (settings));
  resolved = kdx_operator_from_settings (settings);
  g_assert_cmpstr (resolved, ==, login);

  g_settings_set_string (settings, "default-owner", "  ");
  g_settings_set_string (settings, "operator-name", "Fang W.");
  g_assert_false (kdx_operator_merge_names (settings));
  name = g_settings_get_string (settings, "operator-name");
  g_assert_cmpstr (name, ==, "Fang W.");
  g_clear_pointer (&name, g_free);

  g_settings_set_string (settings, "default-owner", " 王芳 ");
  g_assert_true (kdx_operator_merge_names (settings));
  g_clear_pointer (&resolved, g_free);
  resolved = kdx_operator_from_settings (settings);
  g_assert_cmpstr (resolved, ==, "王芳");

  g_settings_set_string (settings, "operator-name", "李雷");
  g_assert_false (kdx_operator_merge_names (settings));
  name = g_settings_get_string (settings, "operator-name");
  g_assert_cmpstr (name, ==, "李雷");
}

int
main (int    argc,
      char **argv)
{
  kdx_ui_test_init (&argc, &argv);

  g_test_add ("/ui/one-name/typed-once", KdxUiFixture, NULL,
              set_up, test_typed_once, kdx_ui_fixture_tear_down);
  g_test_add ("/ui/one-name/login-name-by-default", KdxUiFixture, NULL,
              set_up, test_login_name_by_default, kdx_ui_fixture_tear_down);
  g_test_add ("/ui/one-name/two-names-merged", KdxUiFixture, two_names,
              set_up_old_names, test_two_names_merged, kdx_ui_fixture_tear_down);
  g_test_add ("/ui/one-name/operator-name-kept", KdxUiFixture, operator_name_only,
              set_up_old_names, test_operator_name_kept, kdx_ui_fixture_tear_down);

  g_test_add ("/ui/one-name/conflict-names-who-and-when", KdxUiFixture, NULL,
              set_up, test_conflict_names_who_and_when, kdx_ui_fixture_tear_down);
  g_test_add_func ("/ui/one-name/merge-once", test_merge_once);

  return g_test_run ();
}
