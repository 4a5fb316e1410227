/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-ui"

#include "config.h"

#include <string.h>

#include "kdx-import-assistant.h"
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
  kdx_ui_wait_until (has_file_chooser, NULL, 5000);
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
  kdx_ui_wait_until (file_is_read_back, xlsx, 10000);
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
  kdx_ui_wait_until (xml_is_whole, xml, 10000);
  g_assert_true (g_file_get_contents (xml, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<display_name>小美</display_name>"));
}

int
main (int    argc,
      char **argv)
{
  kdx_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, KdxUiFixture, NULL, kdx_ui_fixture_set_up, func, kdx_ui_fixture_tear_down)
  ADD ("/ui/transfer/export-defaults-to-xlsx", test_export_defaults_to_xlsx);
#undef ADD

  return g_test_run ();
}
