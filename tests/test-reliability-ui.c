/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-reliability-ui"

#include "config.h"

#include <string.h>

#include "kdx-import-assistant.h"
#include "kdx-ui-test.h"

/* Files the window once misread (issue 15), opened as a person opens
 * them: Import… or a file dropped on the window. */

typedef struct
{
  GtkWidget  *window;
  const char *text;
} ShownText;

static gboolean
window_shows_text (gpointer user_data)
{
  ShownText *check = user_data;
  g_autoptr(GPtrArray) texts = kdx_ui_label_texts (check->window);

  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), check->text) != NULL)
      return TRUE;
  return FALSE;
}

/* An XML file with a DOCTYPE went to the import assistant as if it were
 * a CSV file; the CLI refuses it for the DOCTYPE, and so does the app. */
static void
test_xml_with_doctype (KdxUiFixture  *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "entities.xml", NULL);
  ShownText reason = { GTK_WIDGET (fixture->window), "DOCTYPE" };
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path,
                       "<?xml version=\"1.0\"?>\n"
                       "<!DOCTYPE koldex [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                       "<koldex xmlns=\"https://koldex.github.io/ns/koldex/1\" version=\"1\">"
                       "<kol><display_name>&x;</display_name></kol></koldex>\n",
                       -1, &error);
  g_assert_no_error (error);

  /* What Import… does with the chosen file, and a drop on the window. */
  kdx_window_import_file (fixture->window, path);
  kdx_ui_wait_until (window_shows_text, &reason, 30000);
  kdx_ui_wait_for_no_jobs ();

  g_assert_null (kdx_ui_find_toplevel (KDX_TYPE_IMPORT_ASSISTANT));
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 0);
  reason.text = "display name";
  g_assert_false (window_shows_text (&reason));
}

int
main (int    argc,
      char **argv)
{
  kdx_ui_test_init (&argc, &argv);

  KDX_UI_ADD ("/ui/reliability/xml-with-doctype", test_xml_with_doctype);

  return g_test_run ();
}
