/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kdx-conflict-dialog.h"
#include "kdx-kol-editor.h"
#include "kdx-event.h"
#include "kdx-test-util.h"
#include "kdx-ui-test.h"

/* The conflict dialog says who saved "Theirs" as far as Koldex knows it
 * (issue 14, items 3 and 5). The kol row does not record who saved it;
 * the stage moves and timeline events do (made_by). So a save that moved
 * the KOL is its mover's, named beside the value; any other save is
 * nobody's on record, and the dialog names who made the latest change
 * that is, and when. Two operators on one file: the window's store, and
 * a second store of the test's own with its operator's name. */

typedef struct
{
  KdxUiFixture  ui;
  KdxStore     *other;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  kdx_ui_fixture_set_up (&fixture->ui, data);
  fixture->other = kdx_store_open (kdx_store_get_path (fixture->ui.store), &error);
  g_assert_no_error (error);
  kdx_store_set_operator (fixture->other, "王小明");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->other);
  kdx_ui_fixture_tear_down (&fixture->ui, data);
}

static gboolean
conflict_shown (gpointer user_data)
{
  return kdx_ui_find_toplevel (KDX_TYPE_CONFLICT_DIALOG) != NULL;
}

/* The city typed in the window's editor while the other operator's
 * @save runs; leaving the row saves it and meets theirs. */
static GtkWindow *
conflict_over_city (Fixture  *fixture,
                    gint64    id,
                    void    (*save) (Fixture *fixture, gint64 id))
{
  KdxKolEditor *editor = kdx_ui_open_kol (&fixture->ui, id);
  GtkWidget *row = kdx_kol_editor_get_row (editor, "city");

  g_assert_true (gtk_widget_grab_focus (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "成都");
  save (fixture, id);
  kdx_kol_editor_focus_name (editor);
  kdx_ui_wait_until (conflict_shown, NULL, 30000);
  return kdx_ui_find_toplevel (KDX_TYPE_CONFLICT_DIALOG);
}

static gboolean
conflict_gone (gpointer user_data)
{
  return !conflict_shown (user_data);
}

static char *
dialog_text (GtkWindow *dialog)
{
  g_autoptr(GPtrArray) texts = kdx_ui_label_texts (GTK_WIDGET (dialog));

  g_ptr_array_add (texts, NULL);
  return g_strjoinv ("\n", (char **) texts->pdata);
}

/* Theirs chosen for every field and saved: the database keeps theirs. */
static void
keep_theirs (Fixture   *fixture,
             GtkWindow *dialog,
             gint64     id)
{
  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Keep All Theirs"));
  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Save Choices"));
  kdx_ui_wait_until (conflict_gone, NULL, 30000);
}

static void
city_and_move (Fixture *fixture,
               gint64   id)
{
  g_autoptr(KdxKol) kol = kdx_test_load_kol (fixture->other, id);
  g_autoptr(GError) error = NULL;

  g_object_set (kol, "city", "杭州", "stage", KDX_STAGE_CONTACTING, NULL);
  g_assert_true (kdx_store_save_kol (fixture->other, kol, &error));
  g_assert_no_error (error);
}

/* Their save moved the KOL: it is theirs, by name. */
static void
test_saved_with_a_move (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 id = kdx_ui_add_kol (fixture->ui.store, "小美", 1000);
  GtkWindow *dialog = conflict_over_city (fixture, id, city_and_move);
  g_autofree char *text = dialog_text (dialog);

  kdx_test_assert_has (text, "Theirs: 杭州\n");
  kdx_test_assert_has (text, "Theirs: saved by 王小明, ");
  kdx_test_assert_lacks (text, "not recorded");
  keep_theirs (fixture, dialog, id);
  kdx_ui_wait_for_stored (fixture->ui.store, id, "city", "杭州");
}

/* A contact 王小明 logged earlier, on record, then the city saved by
 * someone whose name Koldex does not know. */
static void
contact_then_city (Fixture *fixture,
                   gint64   id)
{
  g_autoptr(KdxKol) kol = kdx_test_load_kol (fixture->other, id);
  g_autoptr(KdxEvent) call = kdx_event_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (call, "at", "2026-11-02T01:30:00Z", "kind", KDX_EVENT_KIND_CALL, "made-by", "王小明", NULL);
  g_list_store_append (kdx_kol_get_events (kol), call);
  g_object_set (kol, "city", "杭州", NULL);
  kdx_store_set_operator (fixture->other, NULL);
  g_assert_true (kdx_store_save_kol (fixture->other, kol, &error));
  g_assert_no_error (error);
}

/* Their save was only the city: nobody's on record; the call before it
 * is, and is named as the latest change known (the file made with a
 * dated history that names nobody, so the call is the newest entry). */
static void
test_latest_change_on_record (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_test_kol_with_history ("阿强", "candidate@2026-10-01");
  gint64 id = kdx_ui_store_kol (fixture->ui.store, kol);
  GtkWindow *dialog = conflict_over_city (fixture, id, contact_then_city);
  g_autofree char *text = dialog_text (dialog);

  kdx_test_assert_has (text, "Theirs: 杭州\n");
  kdx_test_assert_has (text, "Theirs: saved ");
  kdx_test_assert_lacks (text, "saved by 王小明");
  kdx_test_assert_has (text, "Who saved it is not recorded. The latest change on record was made by 王小明, ");
  keep_theirs (fixture, dialog, id);
  kdx_ui_wait_for_stored (fixture->ui.store, id, "city", "杭州");
}

int
main (int   argc,
      char *argv[])
{
  kdx_ui_test_init (&argc, &argv);

  g_test_add ("/conflict-who/saved-with-a-move", Fixture, NULL, fixture_set_up, test_saved_with_a_move,
              fixture_tear_down);
  g_test_add ("/conflict-who/latest-change-on-record", Fixture, NULL, fixture_set_up,
              test_latest_change_on_record, fixture_tear_down);
  return g_test_run ();
}
