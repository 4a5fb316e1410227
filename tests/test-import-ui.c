/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-ui"

#include "config.h"

#include <string.h>

#include "kdx-import-assistant.h"
#include "kdx-kol-query.h"
#include "kdx-table-reader.h"
#include "kdx-ui-test.h"

/* Import and export as a person goes through them: the export dialog,
 * the import assistant and its report, driven through their widgets;
 * the database (or the file written) tells what happened. */

/* ---- export ---------------------------------------------------------------- */

static gboolean
has_file_chooser (gpointer user_data)
{
  return kdx_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static gboolean
file_is_read_back (gpointer user_data)
{
  g_autoptr(KdxTableReader) reader = kdx_table_reader_open (user_data, NULL, NULL);

  return reader != NULL;
}

static gboolean
xml_is_whole (gpointer user_data)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (user_data, &contents, NULL, NULL) && strstr (contents, "</koldex>") != NULL;
}

static char *
drop_down_text (GtkDropDown *drop_down)
{
  GObject *item = gtk_drop_down_get_selected_item (drop_down);

  return g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
}

/* Saves through the export dialog, as the file chooser's Export would. */
static void
export_through_dialog (KdxUiFixture *fixture,
                       guint         format_position,
                       const char   *expected_format,
                       const char   *name)
{
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  GtkWindow *dialog;
  GtkWidget *format;
  GtkWindow *chooser;
  g_autofree char *shown = NULL;

  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_e, GDK_CONTROL_MASK));
  kdx_ui_iterate ();
  dialog = kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  /* The drop-down under the heading "Format". */
  format = kdx_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "Format");
  g_assert_nonnull (format);
  format = gtk_widget_get_next_sibling (format);
  g_assert_true (GTK_IS_DROP_DOWN (format));
  if (format_position != G_MAXUINT)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (format), format_position);
  shown = drop_down_text (GTK_DROP_DOWN (format));
  g_assert_cmpstr (shown, ==, expected_format);

  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Export…"));
  kdx_ui_wait_until (has_file_chooser, NULL, 30000);
  chooser = kdx_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
}

/* People open a workbook: it is what Export offers first, and Koldex XML
 * is the next choice. */
static void
test_export_defaults_to_xlsx (KdxUiFixture  *fixture,
                              gconstpointer  data)
{
  g_autofree char *xlsx = g_build_filename (fixture->dir, "kols.xlsx", NULL);
  g_autofree char *xml = g_build_filename (fixture->dir, "kols.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(KdxTableReader) reader = NULL;
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GPtrArray) row = NULL;
  const char *found = NULL;
  guint number;

  kdx_ui_add_kol (fixture->store, "小美", 125000);
  kdx_ui_iterate ();

  /* As the dialog opens, untouched. */
  export_through_dialog (fixture, G_MAXUINT, "Excel workbook (.xlsx)", "kols");
  kdx_ui_wait_until (file_is_read_back, xlsx, 30000);
  reader = kdx_table_reader_open (xlsx, NULL, NULL);
  g_assert_cmpstr (kdx_table_reader_get_format (reader), ==, "xlsx");
  header = kdx_table_reader_next_row (reader, &number, NULL);
  row = kdx_table_reader_next_row (reader, &number, NULL);
  g_assert_nonnull (row);
  g_assert_nonnull (header);
  for (guint i = 0; i < row->len; i++)
    if (g_str_equal (((KdxCell *) g_ptr_array_index (row, i))->text, "小美"))
      found = ((KdxCell *) g_ptr_array_index (row, i))->text;
  g_assert_cmpstr (found, ==, "小美");

  /* One click away: the second choice. */
  export_through_dialog (fixture, 1, "Koldex XML: every field, for another Koldex", "kols");
  kdx_ui_wait_until (xml_is_whole, xml, 30000);
  g_assert_true (g_file_get_contents (xml, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<display_name>小美</display_name>"));
}

/* ---- the import assistant ---------------------------------------------------- */

static char *
fixture_path (const char *name)
{
  return g_build_filename (g_getenv ("KDX_FIXTURES"), name, NULL);
}

static void
assert_shows_text (GtkWidget  *root,
                   const char *text)
{
  g_autoptr(GPtrArray) texts = kdx_ui_label_texts (root);
  gboolean found = FALSE;

  for (guint i = 0; i < texts->len; i++)
    {
      const char *shown = g_ptr_array_index (texts, i);

      g_assert_null (strstr (shown, "&amp;"));
      g_assert_null (strstr (shown, "&lt;"));
      found |= g_str_equal (shown, text);
    }
  g_assert_true (found);
}

static KdxImportAssistant *
open_assistant (KdxUiFixture *fixture,
                const char   *name)
{
  g_autofree char *path = fixture_path (name);

  /* As a file dropped on the window, or chosen with Import…. */
  kdx_window_import_file (fixture->window, path);
  kdx_ui_iterate ();
  return KDX_IMPORT_ASSISTANT (kdx_ui_find_toplevel (KDX_TYPE_IMPORT_ASSISTANT));
}

/* Headers and sheet names are the user's text: "&" and "<" show as
 * written, not as "&amp;" and "&lt;". */
static void
test_assistant_shows_user_text (KdxUiFixture  *fixture,
                                gconstpointer  data)
{
  KdxImportAssistant *assistant = open_assistant (fixture, "markup-chars.xlsx");
  GtkWidget *row;

  g_assert_nonnull (assistant);
  row = kdx_import_assistant_get_column_row (assistant, "粉丝 & 互动");
  g_assert_nonnull (row);
  assert_shows_text (row, "粉丝 & 互动");
  assert_shows_text (kdx_import_assistant_get_column_row (assistant, "<备注>"), "<备注>");
  row = kdx_ui_find_widget (GTK_WIDGET (assistant), ADW_TYPE_COMBO_ROW, "Sheet");
  g_assert_nonnull (row);
  assert_shows_text (row, "候选 <名单>");
  gtk_window_destroy (GTK_WINDOW (assistant));
}

typedef struct
{
  KdxImportAssistant *assistant;
  const char         *title;
} Forecast;

static gboolean
forecast_says (gpointer user_data)
{
  Forecast *forecast = user_data;

  return kdx_ui_find_widget (GTK_WIDGET (forecast->assistant), ADW_TYPE_ACTION_ROW, forecast->title) != NULL;
}

static gboolean
shows_report (gpointer user_data)
{
  return g_strcmp0 (kdx_import_assistant_get_page (user_data), "report") == 0;
}

static KdxKol *
find_kol (KdxStore   *store,
          const char *name)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  g_autoptr(GArray) ids = kdx_store_query_ids (store, query, NULL);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(KdxKol) kol = kdx_store_load_kol (store, g_array_index (ids, gint64, i), NULL);

      if (g_strcmp0 (kdx_kol_get_display_name (kol), name) == 0)
        return g_steal_pointer (&kol);
    }
  return NULL;
}

/* The list on the second sheet of a LibreOffice workbook, 阿杰 with a
 * birthday that does not exist and already stored: the assistant starts
 * on the list, says what will happen before Import, skips the stored KOL
 * as koldex-cli does, imports the others whole but that one value, and
 * lists the problem by row and column. */
static void
test_assistant_forecast_and_report (KdxUiFixture  *fixture,
                                    gconstpointer  data)
{
  g_autoptr(KdxKol) stored = kdx_kol_new ();
  g_autoptr(KdxKol) xiaomei = NULL;
  g_autoptr(KdxKol) ajie = NULL;
  KdxImportAssistant *assistant;
  Forecast forecast;
  GtkWidget *widget;
  GtkWidget *problem;
  g_autofree char *subtitle = NULL;

  g_object_set (stored, "display-name", "阿杰", "wechat", "ajie", NULL);
  kdx_ui_store_kol (fixture->store, stored);

  assistant = open_assistant (fixture, "instructions-first.xlsx");
  g_assert_nonnull (assistant);
  widget = kdx_ui_find_widget (GTK_WIDGET (assistant), ADW_TYPE_COMBO_ROW, "Sheet");
  g_assert_nonnull (widget);
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (ADW_COMBO_ROW (widget))), ==, "候选名单");

  forecast.assistant = assistant;
  forecast.title = "3 rows will be imported, 1 has problems";
  kdx_ui_wait_until (forecast_says, &forecast, 30000);
  widget = kdx_ui_find_widget (GTK_WIDGET (assistant), ADW_TYPE_ACTION_ROW, forecast.title);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), "February 1990 has no day 30"));

  /* Skip is the default, as in koldex-cli. */
  widget = kdx_ui_find_widget (GTK_WIDGET (assistant), ADW_TYPE_ACTION_ROW, "Skip Them");
  g_assert_nonnull (widget);
  widget = kdx_ui_find_widget (widget, GTK_TYPE_CHECK_BUTTON, NULL);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (widget)));

  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (assistant), GTK_TYPE_BUTTON, "Import"));
  kdx_ui_wait_until (shows_report, assistant, 30000);

  /* The database: two new files, the stored one as it was. */
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 3);
  ajie = find_kol (fixture->store, "阿杰");
  g_assert_cmpint (kdx_kol_get_id (ajie), ==, kdx_kol_get_id (stored));
  g_object_get (ajie, "city", &subtitle, NULL);
  g_assert_null (subtitle);
  xiaomei = find_kol (fixture->store, "小美");
  g_assert_nonnull (xiaomei);
  g_assert_cmpint (kdx_kol_get_followers (xiaomei), ==, 125000);

  /* The report: a row per problem, with its row, column, value and why. */
  problem = kdx_ui_find_widget (GTK_WIDGET (assistant), ADW_TYPE_ACTION_ROW, "Row 3 · 生日");
  g_assert_nonnull (problem);
  g_assert_true (GTK_IS_LIST_BOX (gtk_widget_get_parent (problem)));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (problem)), ==,
                   "“1990-02-30” does not exist: February 1990 has no day 30. "
                   "The row was skipped as already stored.");
  gtk_window_destroy (GTK_WINDOW (assistant));
}

/* A bad day in a new KOL's row: imported without it, and said so. */
static void
test_assistant_imports_row_without_bad_value (KdxUiFixture  *fixture,
                                              gconstpointer  data)
{
  g_autoptr(KdxKol) ajie = NULL;
  g_autofree char *birthday = NULL;
  g_autofree char *city = NULL;
  KdxImportAssistant *assistant = open_assistant (fixture, "instructions-first.xlsx");
  Forecast forecast = { assistant, "3 rows will be imported, 1 has problems" };
  GtkWidget *problem;

  kdx_ui_wait_until (forecast_says, &forecast, 30000);
  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (assistant), GTK_TYPE_BUTTON, "Import"));
  kdx_ui_wait_until (shows_report, assistant, 30000);

  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 3);
  ajie = find_kol (fixture->store, "阿杰");
  g_assert_nonnull (ajie);
  g_object_get (ajie, "birthday", &birthday, "city", &city, NULL);
  g_assert_null (birthday);
  g_assert_cmpstr (city, ==, "北京");
  g_assert_cmpint (kdx_kol_get_followers (ajie), ==, 12000);

  problem = kdx_ui_find_widget (GTK_WIDGET (assistant), ADW_TYPE_ACTION_ROW, "Row 3 · 生日");
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (problem)),
                            "The row was imported without this value."));
  g_assert_nonnull (kdx_ui_find_widget (GTK_WIDGET (assistant), GTK_TYPE_LABEL, "Imported, Except Some Values"));
  gtk_window_destroy (GTK_WINDOW (assistant));
}

/* A CSV's encoding and separator are detected unless chosen. */
static void
test_assistant_detects_automatically (KdxUiFixture  *fixture,
                                      gconstpointer  data)
{
  KdxImportAssistant *assistant = open_assistant (fixture, "gb18030.csv");
  GtkWidget *row;

  g_assert_nonnull (assistant);
  row = kdx_ui_find_widget (GTK_WIDGET (assistant), ADW_TYPE_COMBO_ROW, "Encoding");
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (ADW_COMBO_ROW (row))), ==,
                   "Detect automatically");
  row = kdx_ui_find_widget (GTK_WIDGET (assistant), ADW_TYPE_COMBO_ROW, "Separator");
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (ADW_COMBO_ROW (row))), ==,
                   "Detect automatically");
  gtk_window_destroy (GTK_WINDOW (assistant));
}

int
main (int    argc,
      char **argv)
{
  kdx_ui_test_init (&argc, &argv);

  KDX_UI_ADD ("/ui/transfer/export-defaults-to-xlsx", test_export_defaults_to_xlsx);
  KDX_UI_ADD ("/ui/import/assistant-shows-user-text", test_assistant_shows_user_text);
  KDX_UI_ADD ("/ui/import/assistant-forecast-and-report", test_assistant_forecast_and_report);
  KDX_UI_ADD ("/ui/import/assistant-row-without-bad-value", test_assistant_imports_row_without_bad_value);
  KDX_UI_ADD ("/ui/import/assistant-detects-automatically", test_assistant_detects_automatically);

  return g_test_run ();
}
