/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-shot-scene"

#include "config.h"

#include <fcntl.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <sys/stat.h>

#include "kdx-conflict-dialog.h"
#include "kdx-event.h"
#include "kdx-kol-editor.h"
#include "kdx-preferences-window.h"
#include "kdx-test-util.h"
#include "kdx-transfer.h"
#include "kdx-ui-test.h"

/* Not a test: puts one of the screens no test looks at on the display and
 * holds it there, for /work/shared/tools/shot to photograph, in whatever
 * language LANGUAGE asks for and the colours ADW_DEBUG_COLOR_SCHEME asks
 * for. The scenes are made the way the display tests make them, through
 * the real widgets:
 *
 *   kdx-shot-scene SCENE [WIDTH HEIGHT]
 *
 *   preferences      Preferences › General, a name typed into Your Name
 *   conflict-move    the conflict dialog, theirs saved with a stage move
 *   conflict-record  the conflict dialog, theirs not on record, the
 *                    latest change on record named
 *   import-running   Preferences › Team Database, Connect pressed while
 *                    an import runs: "An Import Is Running"
 *   kol-file         a KOL's file open in the editor, with a picture
 *
 * WIDTH HEIGHT (default 1280 800) size the window and cap the dialogs,
 * as a person would on a narrow screen. Runs until it is killed. Needs
 * GSETTINGS_SCHEMA_DIR (and GSETTINGS_BACKEND=memory to leave the
 * session's settings alone); the translations are read where the build
 * installs them (meson install). */

static int width = 1280;
static int height = 800;

/* A toplevel of @type, waited for, no larger than the screen. */
static GtkWindow *
wait_for_toplevel (GType type)
{
  GtkWindow *window;
  int w, h;

  window = kdx_ui_wait_for_toplevel (type);
  gtk_window_get_default_size (window, &w, &h);
  if (w > width || h > height || w <= 0 || h <= 0)
    gtk_window_set_default_size (window, w > 0 ? MIN (w, width) : -1, h > 0 ? MIN (h, height) : -1);
  return window;
}

static void
open_window (KdxUiFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = kdx_test_make_tmp_dir ();
  path = g_build_filename (fixture->dir, "shot.db", NULL);
  fixture->store = kdx_store_open (path, &error);
  g_assert_no_error (error);
  fixture->application = g_object_ref (kdx_ui_application ());
  fixture->window = kdx_window_new (fixture->application, fixture->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  kdx_ui_present_and_wait (GTK_WINDOW (fixture->window));
}

static GtkWindow *
open_preferences (KdxUiFixture *fixture)
{
  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_comma, GDK_CONTROL_MASK));
  return wait_for_toplevel (KDX_TYPE_PREFERENCES_WINDOW);
}

static void
scene_preferences (KdxUiFixture *fixture)
{
  GtkWindow *preferences = open_preferences (fixture);
  GtkWidget *row = kdx_ui_find_named (GTK_WIDGET (preferences), "operator_row");

  if (row == NULL)
    row = kdx_ui_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, NULL);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_grab_focus (row));
  kdx_ui_type (preferences, "王芳");
}

/* ---- the conflict dialog, as tests/test-conflict-who-ui.c makes it ---- */

static void
city_and_move (KdxStore *other,
               gint64    id)
{
  g_autoptr(KdxKol) kol = kdx_test_load_kol (other, id);
  g_autoptr(GError) error = NULL;

  g_object_set (kol, "city", "杭州", "stage", KDX_STAGE_CONTACTING, NULL);
  g_assert_true (kdx_store_save_kol (other, kol, &error));
  g_assert_no_error (error);
}

static void
contact_then_city (KdxStore *other,
                   gint64    id)
{
  g_autoptr(KdxKol) kol = kdx_test_load_kol (other, id);
  g_autoptr(KdxEvent) call = kdx_event_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (call, "at", "2026-11-02T01:30:00Z", "kind", KDX_EVENT_KIND_CALL, "made-by", "王小明", NULL);
  g_list_store_append (kdx_kol_get_events (kol), call);
  g_object_set (kol, "city", "杭州", NULL);
  kdx_store_set_operator (other, NULL);
  g_assert_true (kdx_store_save_kol (other, kol, &error));
  g_assert_no_error (error);
}

static void
scene_conflict (KdxUiFixture *fixture,
                gboolean      with_move)
{
  g_autoptr(GError) error = NULL;
  KdxStore *other = kdx_store_open (kdx_store_get_path (fixture->store), &error);
  g_autoptr(KdxKol) kol = kdx_test_kol_with_history ("阿强", "candidate@2026-10-01");
  gint64 id;
  KdxKolEditor *editor;
  GtkWidget *row;

  g_assert_no_error (error);
  kdx_store_set_operator (other, "王小明");
  g_object_set (kol, "city", "北京", NULL);
  id = kdx_ui_store_kol (fixture->store, kol);
  editor = kdx_ui_open_kol (fixture, id);
  row = kdx_kol_editor_get_row (editor, "city");
  g_assert_true (gtk_widget_grab_focus (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "成都");
  if (with_move)
    city_and_move (other, id);
  else
    contact_then_city (other, id);
  kdx_kol_editor_focus_name (editor);
  wait_for_toplevel (KDX_TYPE_CONFLICT_DIALOG);
  /* Kept for the life of the program: the dialog may read through it. */
}

/* ---- a KOL's file, as the editor's tests open it ---- */

static void
scene_kol_file (KdxUiFixture *fixture)
{
  g_autoptr(KdxKol) kol = kdx_test_kol_with_history ("阿强", "candidate@2026-10-01 contacting@2026-10-20");

  g_autoptr(GBytes) avatar = kdx_test_tiny_png ();

  g_object_set (kol, "city", "北京", "platform", "xiaohongshu", "handle", "aqiang", "avatar", avatar, NULL);
  kdx_ui_open_kol (fixture, kdx_ui_store_kol (fixture->store, kol));
}

/* ---- Connect while an import runs, as tests/test-team-offer-ui.c ---- */

static gboolean
is_connect_button (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static void
scene_import_running (KdxUiFixture *fixture)
{
  g_autofree char *fifo = g_build_filename (fixture->dir, "list.xml", NULL);
  GtkWindow *preferences;
  GtkWidget *row;

  /* An import reading a pipe nobody writes: it runs until the end. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  kdx_transfer_import_async (fixture->store, fifo, NULL, NULL, NULL);
  preferences = open_preferences (fixture);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "team");
  kdx_ui_iterate ();
  row = kdx_ui_find_named (GTK_WIDGET (preferences), "address");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_grab_focus (row));
  kdx_ui_type (preferences, "postgresql://wangfang@db.example.com/koldex");
  kdx_ui_click (kdx_ui_find_first (GTK_WIDGET (preferences), is_connect_button,
                                   g_dgettext (GETTEXT_PACKAGE, "_Connect")));
  wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

int
main (int    argc,
      char **argv)
{
  KdxUiFixture fixture = { 0 };
  const char *scene;

  kdx_ui_test_init (&argc, &argv);
  /* kdx_ui_test_init() chose English messages for the tests; a shot
   * takes the language it is given. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (argc != 2 && argc != 4)
    g_error ("usage: kdx-shot-scene SCENE [WIDTH HEIGHT]");
  scene = argv[1];
  if (argc == 4)
    {
      width = atoi (argv[2]);
      height = atoi (argv[3]);
    }

  open_window (&fixture);
  if (g_str_equal (scene, "preferences"))
    scene_preferences (&fixture);
  else if (g_str_equal (scene, "conflict-move"))
    scene_conflict (&fixture, TRUE);
  else if (g_str_equal (scene, "conflict-record"))
    scene_conflict (&fixture, FALSE);
  else if (g_str_equal (scene, "import-running"))
    scene_import_running (&fixture);
  else if (g_str_equal (scene, "kol-file"))
    scene_kol_file (&fixture);
  else
    g_error ("no scene “%s”", scene);

  g_print ("shown: %s\n", scene);
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}
