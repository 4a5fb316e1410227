/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-xml"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/wait.h>

#include "kdx-error.h"
#include "kdx-event.h"
#include "kdx-stage-entry.h"
#include "kdx-store.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"
#include "kdx-xml-export.h"
#include "kdx-xml-import.h"
#include "kdx-xml.h"

/* Each test works in a folder of its own: databases and files. */
typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = kdx_test_make_tmp_dir ();
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static KdxStore *
open_store (Fixture    *fixture,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_in (fixture, name);
  /* Against PostgreSQL, the one database for this path, which
   * koldex-cli gets too. */
  KdxStore *store = kdx_test_open_store (path, &error);

  g_assert_no_error (error);
  return store;
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = path_in (fixture, name);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static gint64
count_kols (KdxStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 n = kdx_store_count_kols (store, &error);

  g_assert_no_error (error);
  return n;
}

static gint64
add_kol (KdxStore *store,
         KdxKol   *kol)
{
  g_autoptr(GError) error = NULL;

  kdx_store_add_kol (store, kol, &error);
  g_assert_no_error (error);
  return kdx_kol_get_id (kol);
}

static void
export_all (KdxStore       *store,
            const char     *path,
            KdxExportFlags  flags)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kdx_xml_export_file (store, path, NULL, flags, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static KdxXmlImportReport *
import_ok (KdxStore           *store,
           const char         *path,
           KdxDuplicatePolicy  policy)
{
  g_autoptr(GError) error = NULL;
  KdxXmlImportReport *report = NULL;

  if (!kdx_xml_import_file (store, path, policy, NULL, NULL, NULL, &report, &error))
    g_error ("import failed: %s", error->message);
  g_assert_cmpuint (report->issues->len, ==, 0);
  return report;
}

/* Imports a file that must be refused; returns the error message. */
static char *
import_refused (KdxStore   *store,
                const char *path,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxXmlImportReport) report = NULL;
  gboolean ok;

  ok = kdx_xml_import_file (store, path, KDX_DUPLICATE_SKIP, NULL, NULL, NULL, &report, &error);
  g_assert_false (ok);
  g_assert_error (error, KDX_ERROR, code);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->created + report->updated + report->merged, ==, 0);
  return g_strdup (error->message);
}

/* Two KOLs: every field and list filled (Chinese, emoji, newlines, XML
 * specials), with a stage history of three moves; and a sparse one. */
static void
fill_store (KdxStore *store)
{
  g_autoptr(KdxKol) full = kdx_test_make_full_kol ();
  g_autoptr(KdxKol) sparse = kdx_kol_new ();
  g_autoptr(KdxEvent) event = kdx_event_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_object_set (event, "at", "2024-03-02T08:30:00Z", "kind", KDX_EVENT_KIND_NOTE,
                "summary", "  leading spaces\r\nand CRLF ]]> & \"quotes\" 'apos' \t tab", NULL);
  g_list_store_append (kdx_kol_get_events (full), event);
  id = add_kol (store, full);
  kdx_store_move_kol (store, id, KDX_STAGE_MATURE, "续约 <成功> & 🎉", &error);
  g_assert_no_error (error);

  g_object_set (sparse, "display-name", "Bob", "currency", NULL, NULL);
  add_kol (store, sparse);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KdxStore) first = open_store (fixture, "first.db");
  g_autoptr(KdxStore) second = NULL;
  g_autoptr(KdxXmlImportReport) report = NULL;
  g_autofree char *a = path_in (fixture, "a.xml");
  g_autofree char *b = path_in (fixture, "b.xml");
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;

  fill_store (first);
  export_all (first, a, KDX_EXPORT_FLAGS_NONE);

  second = open_store (fixture, "second.db");
  report = import_ok (second, a, KDX_DUPLICATE_SKIP);
  g_assert_cmpuint (report->created, ==, 2);
  g_assert_cmpuint (report->updated + report->merged + report->skipped + report->unchanged, ==, 0);
  export_all (second, b, KDX_EXPORT_FLAGS_NONE);

  text_a = read_text (a);
  text_b = read_text (b);
  g_assert_cmpstr (text_a, ==, text_b);

  /* What the bytes hold: the format's frame and escaped specials. */
  g_assert_true (g_str_has_prefix (text_a, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                           "<koldex xmlns=\"" KDX_XML_NAMESPACE "\" version=\"1\">\n"
                                           "  <kol>\n    <id>1</id>\n"));
  g_assert_nonnull (strstr (text_a, "<display_name>小美 🌸</display_name>"));
  g_assert_nonnull (strstr (text_a, "<tag>护肤 &amp; &lt;测评&gt;</tag>"));
  g_assert_nonnull (strstr (text_a, "<bio>美妆博主\n第二行 &quot;引号&quot; &amp; &lt;标签&gt;</bio>"));
  g_assert_nonnull (strstr (text_a, "CRLF ]]&gt; &amp;"));
  g_assert_nonnull (strstr (text_a, "&#13;\n"));
  g_assert_nonnull (strstr (text_a, "<avatar>iVBORw0KGgo"));
  g_assert_nonnull (strstr (text_a, "<note>续约 &lt;成功&gt; &amp; 🎉</note>"));
  /* Bob has no currency: the element is left out, and stays out. */
  g_assert_null (strstr (strstr (text_a, "<currency>") + 1, "<currency>"));

  /* And the files themselves, not just their text. */
  for (gint64 id = 1; id <= 2; id++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KdxKol) x = kdx_store_load_kol (first, id, &error);
      g_autoptr(KdxKol) y = kdx_store_load_kol (second, id, &error);

      g_assert_no_error (error);
      g_assert_true (kdx_kol_equal (x, y));
    }
}

static void
test_schema (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KdxStore) store = open_store (fixture, "k.db");
  g_autoptr(GBytes) compiled = kdx_xml_get_schema ();
  g_autoptr(GBytes) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_in (fixture, "k.xml");
  g_autofree char *bad = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *xsd = g_getenv ("KOLDEX_XSD");
  int status = -1;

  g_assert_nonnull (xsd);
  source = kdx_test_read_file (xsd);
  g_assert_nonnull (source);
  g_assert_true (g_bytes_equal (compiled, source));

  fill_store (store);
  export_all (store, path, KDX_EXPORT_FLAGS_NONE);
  {
    const char *argv[] = { "xmllint", "--noout", "--nonet", "--schema", xsd, path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                  &out, &err, &status, &error);
    g_assert_no_error (error);
    if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
      g_error ("xmllint: %s", err);
    g_assert_nonnull (strstr (err, "validates"));
  }

  /* The schema is not a rubber stamp. */
  bad = write_file (fixture, "bad.xml",
                    "<koldex xmlns=\"" KDX_XML_NAMESPACE "\" version=\"1\">"
                    "<kol><display_name>x</display_name><followers>many</followers></kol></koldex>");
  {
    const char *argv[] = { "xmllint", "--noout", "--nonet", "--schema", xsd, bad, NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                  &out, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), !=, 0);
  }
}

static void
test_update_by_uid (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KdxStore) team = open_store (fixture, "team.db");
  g_autoptr(KdxStore) mine = open_store (fixture, "mine.db");
  g_autoptr(KdxKol) other = kdx_kol_new ();
  g_autoptr(KdxKol) theirs = NULL;
  g_autoptr(KdxKol) before = NULL;
  g_autoptr(KdxKol) after = NULL;
  g_autoptr(KdxXmlImportReport) report = NULL;
  g_autoptr(KdxXmlImportReport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = path_in (fixture, "first.xml");
  g_autofree char *second = path_in (fixture, "second.xml");
  gint64 mine_id;

  fill_store (team);
  export_all (team, first, KDX_EXPORT_FLAGS_NONE);

  /* "mine" already has a KOL, so it numbers the imported ones itself. */
  g_object_set (other, "display-name", "Someone else", NULL);
  add_kol (mine, other);
  g_clear_pointer (&report, kdx_xml_import_report_free);
  report = import_ok (mine, first, KDX_DUPLICATE_SKIP);
  g_assert_cmpuint (report->created, ==, 2);
  g_assert_cmpint (count_kols (mine), ==, 3);
  theirs = kdx_store_load_kol (team, 1, &error);
  g_assert_no_error (error);
  mine_id = kdx_store_find_uid (mine, kdx_kol_get_uid (theirs), &error);
  g_assert_no_error (error);
  g_clear_object (&theirs);
  g_assert_cmpint (mine_id, ==, 2);
  before = kdx_store_load_kol (mine, mine_id, &error);
  g_assert_no_error (error);

  /* The team changes the file and moves the KOL on; then exports again. */
  theirs = kdx_store_load_kol (team, 1, &error);
  g_assert_no_error (error);
  kdx_kol_set_followers (theirs, 200000);
  kdx_store_save_kol (team, theirs, &error);
  g_assert_no_error (error);
  kdx_store_move_kol (team, 1, KDX_STAGE_DECLINING, "less active", &error);
  g_assert_no_error (error);
  g_clear_object (&theirs);
  theirs = kdx_store_load_kol (team, 1, &error);
  export_all (team, second, KDX_EXPORT_FLAGS_NONE);

  again = import_ok (mine, second, KDX_DUPLICATE_SKIP);
  g_assert_cmpuint (again->updated, ==, 1);
  g_assert_cmpuint (again->unchanged, ==, 1);
  g_assert_cmpuint (again->created, ==, 0);
  g_assert_cmpint (count_kols (mine), ==, 3);

  /* Kept: the local id and creation time. From the file: the rest,
   * stage history and update time included. */
  after = kdx_store_load_kol (mine, mine_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kdx_kol_get_followers (after), ==, 200000);
  g_assert_cmpint (kdx_kol_get_stage (after), ==, KDX_STAGE_DECLINING);
  g_assert_cmpstr (kdx_kol_get_created_at (after), ==, kdx_kol_get_created_at (before));
  g_assert_cmpstr (kdx_kol_get_updated_at (after), ==, kdx_kol_get_updated_at (theirs));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdx_kol_get_stage_history (after))), ==, 3);
  g_object_set (after, "id", (gint64) 1, NULL);
  g_assert_true (kdx_kol_equal (after, theirs));

  /* Both imports are in the history and undo as a whole, newest first:
   * the update puts the file back exactly, the first removes its KOLs. */
  {
    g_autoptr(GPtrArray) runs = kdx_store_list_imports (mine, &error);
    KdxImportRun *newest;

    g_assert_no_error (error);
    g_assert_cmpuint (runs->len, ==, 2);
    newest = g_ptr_array_index (runs, 0);
    g_assert_cmpint (newest->id, ==, again->run_id);
    g_assert_cmpstr (newest->file, ==, second);
    g_assert_cmpint (newest->created, ==, 0);
    g_assert_cmpint (newest->merged, ==, 1);
  }
  g_assert_true (kdx_store_undo_import (mine, again->run_id, &error));
  g_assert_no_error (error);
  g_clear_object (&after);
  after = kdx_store_load_kol (mine, mine_id, &error);
  g_assert_no_error (error);
  g_assert_true (kdx_kol_equal (after, before));
  g_assert_true (kdx_store_undo_import (mine, report->run_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_kols (mine), ==, 1);
}

static void
test_no_contact (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KdxStore) store = open_store (fixture, "k.db");
  g_autoptr(KdxStore) outside = open_store (fixture, "outside.db");
  g_autoptr(KdxXmlImportReport) report = NULL;
  g_autoptr(KdxXmlImportReport) back = NULL;
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(KdxKol) shared = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_in (fixture, "shared.xml");
  g_autofree char *text = NULL;
  const char *contact[] = { "phone", "wechat", "email", "address", "agent" };

  fill_store (store);
  export_all (store, path, KDX_EXPORT_NO_CONTACT);
  text = read_text (path);
  g_assert_nonnull (strstr (text, "version=\"1\" contact=\"false\">"));
  for (guint i = 0; i < G_N_ELEMENTS (contact); i++)
    {
      g_autofree char *tag = g_strdup_printf ("<%s>", contact[i]);
      g_assert_null (strstr (text, tag));
    }
  g_assert_nonnull (strstr (text, "<display_name>小美 🌸</display_name>"));

  /* Outside the team the file has no contact data... */
  report = import_ok (outside, path, KDX_DUPLICATE_SKIP);
  g_assert_cmpuint (report->created, ==, 2);
  shared = kdx_store_load_kol (outside, 1, &error);
  g_assert_no_error (error);
  {
    g_autofree char *phone = NULL;
    g_object_get (shared, "phone", &phone, NULL);
    g_assert_null (phone);
  }

  /* ...and coming back, it does not wipe the team's. */
  back = import_ok (store, path, KDX_DUPLICATE_SKIP);
  g_assert_cmpuint (back->unchanged, ==, 2);
  kol = kdx_store_load_kol (store, 1, &error);
  g_assert_no_error (error);
  {
    g_autofree char *phone = NULL;
    g_object_get (kol, "phone", &phone, NULL);
    g_assert_cmpstr (phone, ==, "+8613800138000");
  }
}

static void
test_duplicate_policy (Fixture       *fixture,
                       gconstpointer  data)
{
  const KdxDuplicatePolicy policies[] = { KDX_DUPLICATE_SKIP, KDX_DUPLICATE_MERGE, KDX_DUPLICATE_NEW };

  for (guint p = 0; p < G_N_ELEMENTS (policies); p++)
    {
      g_autofree char *db = g_strdup_printf ("p%u.db", p);
      g_autofree char *name = g_strdup_printf ("p%u.xml", p);
      g_autoptr(KdxStore) store = open_store (fixture, db);
      g_autoptr(KdxKol) same = kdx_kol_new ();
      g_autoptr(KdxKol) stored = NULL;
      g_autoptr(KdxXmlImportReport) report = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      g_autofree char *city = NULL;

      /* The same person (same phone) under another uid. */
      g_object_set (same, "display-name", "小美", "phone", "+8613800138000", NULL);
      add_kol (store, same);

      path = write_file (fixture, name,
                         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<koldex xmlns=\"" KDX_XML_NAMESPACE "\" version=\"1\">\n"
                         "  <kol>\n"
                         "    <uid>0b9c1f7e-5f5a-4a43-9c3e-1f1d2f3a4b5c</uid>\n"
                         "    <display_name>小美 🌸</display_name>\n"
                         "    <city>上海</city>\n"
                         "    <phone>+86 138 0013 8000</phone>\n"
                         "  </kol>\n"
                         "</koldex>\n");
      report = import_ok (store, path, policies[p]);
      stored = kdx_store_load_kol (store, 1, &error);
      g_assert_no_error (error);
      g_object_get (stored, "city", &city, NULL);

      switch (policies[p])
        {
        case KDX_DUPLICATE_SKIP:
          g_assert_cmpuint (report->skipped, ==, 1);
          g_assert_cmpint (count_kols (store), ==, 1);
          g_assert_null (city);
          break;
        case KDX_DUPLICATE_MERGE:
          g_assert_cmpuint (report->merged, ==, 1);
          g_assert_cmpint (count_kols (store), ==, 1);
          g_assert_cmpstr (city, ==, "上海");
          g_assert_cmpstr (kdx_kol_get_display_name (stored), ==, "小美");
          break;
        case KDX_DUPLICATE_NEW:
        default:
          g_assert_cmpuint (report->created, ==, 1);
          g_assert_cmpint (count_kols (store), ==, 2);
          g_assert_null (city);
          break;
        }
    }
}

static const char xxe[] =
  "<?xml version=\"1.0\"?>\n"
  "<!DOCTYPE koldex [\n"
  "  <!ENTITY secret SYSTEM \"file:///etc/passwd\">\n"
  "]>\n"
  "<koldex xmlns=\"" KDX_XML_NAMESPACE "\" version=\"1\">\n"
  "  <kol><display_name>&secret;</display_name></kol>\n"
  "</koldex>\n";

static const char billion_laughs[] =
  "<?xml version=\"1.0\"?>\n"
  "<!-- a comment first, to be sure the scan reads past it -->\n"
  "<!DOCTYPE lolz [\n"
  " <!ENTITY lol \"lol\">\n"
  " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
  " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
  " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
  " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
  " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
  " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
  " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
  " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
  " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
  "]>\n"
  "<koldex xmlns=\"" KDX_XML_NAMESPACE "\" version=\"1\">\n"
  "  <kol><display_name>&lol9;</display_name></kol>\n"
  "</koldex>\n";

static void
test_refuse_doctype (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KdxStore) store = open_store (fixture, "k.db");
  const char *files[] = { xxe, billion_laughs };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *name = g_strdup_printf ("evil%u.xml", i);
      g_autofree char *path = write_file (fixture, name, files[i]);
      g_autofree char *message = import_refused (store, path, KDX_ERROR_INVALID_XML);

      g_assert_true (g_str_has_prefix (message, path));
      g_assert_nonnull (strstr (message, "document type declaration (<!DOCTYPE …>)"));
      g_assert_false (kdx_xml_is_koldex_file (path));
      g_assert_true (kdx_xml_file_has_doctype (path));
      g_assert_cmpint (count_kols (store), ==, 0);
    }
}

/* Nothing or next to nothing: refused with a clear reason. The scan
 * once compared a NULL buffer (memcmp (NULL, …, 0), which UBSan reports;
 * an ordinary build cannot see that, so this checks the answers). */
static void
test_tiny_input (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KdxStore) store = open_store (fixture, "k.db");
  const char *files[] = { "", "<", "\xef\xbb", "\xef\xbb\xbf", "  \n" };

  g_assert_cmpint (kdx_xml_scan_prolog (NULL, 0, NULL), ==, KDX_XML_PROLOG_INCOMPLETE);
  g_assert_cmpint (kdx_xml_scan_prolog ("\xef", 1, NULL), ==, KDX_XML_PROLOG_INCOMPLETE);
  g_assert_cmpint (kdx_xml_scan_prolog ("x", 1, NULL), ==, KDX_XML_PROLOG_NOT_XML);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *name = g_strdup_printf ("tiny%u.xml", i);
      g_autofree char *path = write_file (fixture, name, files[i]);
      g_autofree char *message = import_refused (store, path, KDX_ERROR_INVALID_XML);

      g_assert_nonnull (strstr (message, "not a Koldex XML file (it is empty or has no root element)"));
      g_assert_false (kdx_xml_is_koldex_file (path));
      g_assert_false (kdx_xml_file_has_doctype (path));
    }
  g_assert_cmpint (count_kols (store), ==, 0);
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KdxStore) source = open_store (fixture, "source.db");
  g_autoptr(KdxStore) target = open_store (fixture, "target.db");
  g_autoptr(KdxKol) kept = kdx_kol_new ();
  g_autoptr(KdxKol) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) import_error = NULL;
  g_autoptr(KdxXmlImportReport) report = NULL;
  g_autofree char *full = path_in (fixture, "full.xml");
  g_autofree char *text = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *path = NULL;
  KdxXmlIssue *issue;

  fill_store (source);
  export_all (source, full, KDX_EXPORT_FLAGS_NONE);
  text = read_text (full);
  /* Cut inside the second KOL: the first one is whole and valid. */
  cut = g_strndup (text, strstr (text, "<display_name>Bob") - text + 8);
  path = write_file (fixture, "cut.xml", cut);

  g_object_set (kept, "display-name", "Kept", NULL);
  add_kol (target, kept);

  g_assert_false (kdx_xml_import_file (target, path, KDX_DUPLICATE_SKIP, NULL, NULL, NULL,
                                       &report, &import_error));
  g_assert_error (import_error, KDX_ERROR, KDX_ERROR_INVALID_XML);
  g_assert_cmpuint (report->issues->len, >, 0);
  for (guint i = 0; i < report->issues->len; i++)
    g_test_message ("%s", ((KdxXmlIssue *) g_ptr_array_index (report->issues, i))->message);
  issue = g_ptr_array_index (report->issues, 0);
  g_assert_cmpuint (issue->line, >, 1);
  g_assert_cmpuint (issue->column, >, 1);
  {
    g_autofree char *where = g_strdup_printf ("%s:%u:%u: ", path, issue->line, issue->column);
    g_assert_true (g_str_has_prefix (issue->message, where));
    g_assert_true (g_str_has_prefix (import_error->message, where));
  }

  g_assert_cmpint (count_kols (target), ==, 1);
  after = kdx_store_load_kol (target, 1, &error);
  g_assert_no_error (error);
  g_assert_true (kdx_kol_equal (after, kept));
}

static void
test_invalid_value (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KdxStore) store = open_store (fixture, "k.db");
  g_autoptr(KdxXmlImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *schema_bad = NULL;
  g_autofree char *value_bad = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *message = NULL;
  g_autofree char *expected = NULL;
  KdxXmlIssue *issue;

  /* The first KOL is fine, the second has a count the schema refuses. */
  schema_bad = write_file (fixture, "schema.xml",
                           "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                           "<koldex xmlns=\"" KDX_XML_NAMESPACE "\" version=\"1\">\n"
                           "  <kol><display_name>Good</display_name></kol>\n"
                           "  <kol>\n"
                           "    <display_name>Bad</display_name>\n"
                           "    <followers>12x</followers>\n"
                           "  </kol>\n"
                           "</koldex>\n");
  g_assert_false (kdx_xml_import_file (store, schema_bad, KDX_DUPLICATE_SKIP, NULL, NULL, NULL,
                                       &report, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_XML);
  issue = g_ptr_array_index (report->issues, 0);
  g_assert_cmpuint (issue->line, ==, 6);
  g_assert_cmpuint (issue->column, ==, 5);
  g_assert_nonnull (strstr (issue->message, "followers"));
  g_assert_nonnull (strstr (issue->message, "12x"));
  g_assert_cmpint (count_kols (store), ==, 0);
  g_clear_pointer (&report, kdx_xml_import_report_free);
  g_clear_error (&error);

  /* Valid for the schema, but not a value Koldex takes. */
  value_bad = write_file (fixture, "value.xml",
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<koldex xmlns=\"" KDX_XML_NAMESPACE "\" version=\"1\">\n"
                          "  <kol><display_name>Good</display_name></kol>\n"
                          "  <kol>\n"
                          "    <display_name>Bad</display_name>\n"
                          "      <email>not-an-address</email>\n"
                          "  </kol>\n"
                          "</koldex>\n");
  message = import_refused (store, value_bad, KDX_ERROR_INVALID_XML);
  expected = g_strdup_printf ("%s:6:7: email: “not-an-address” is not an email address", value_bad);
  g_assert_cmpstr (message, ==, expected);
  g_assert_cmpint (count_kols (store), ==, 0);

  newer = write_file (fixture, "newer.xml",
                      "<koldex xmlns=\"" KDX_XML_NAMESPACE "\" version=\"2\"><kol/></koldex>");
  g_clear_pointer (&message, g_free);
  message = import_refused (store, newer, KDX_ERROR_INVALID_XML);
  g_assert_nonnull (strstr (message, "newer Koldex (format version 2)"));
}

static void
count_progress_cb (guint    n_done,
                   gpointer user_data)
{
  GArray *calls = user_data;

  g_array_append_val (calls, n_done);
}

static void
cancel_progress_cb (guint    n_done,
                    gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_progress_cancel (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KdxStore) source = open_store (fixture, "source.db");
  g_autoptr(KdxStore) target = open_store (fixture, "target.db");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GArray) calls = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(KdxXmlImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_in (fixture, "k.xml");
  g_autofree char *cancelled_path = path_in (fixture, "cancelled.xml");

  fill_store (source);
  g_assert_true (kdx_xml_export_file (source, path, NULL, KDX_EXPORT_FLAGS_NONE, NULL,
                                      count_progress_cb, calls, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls->len, ==, 2);
  g_assert_cmpuint (g_array_index (calls, guint, 1), ==, 2);

  /* Cancelled after the first KOL: the batch rolls back. */
  g_assert_false (kdx_xml_import_file (target, path, KDX_DUPLICATE_SKIP, cancellable,
                                       cancel_progress_cb, cancellable, &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count_kols (target), ==, 0);
  g_clear_error (&error);

  g_array_set_size (calls, 0);
  g_clear_pointer (&report, kdx_xml_import_report_free);
  g_assert_true (kdx_xml_import_file (target, path, KDX_DUPLICATE_SKIP, NULL,
                                      count_progress_cb, calls, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls->len, ==, 2);
  g_assert_cmpint (count_kols (target), ==, 2);

  /* A cancelled export leaves no file, not even a temporary one. */
  g_cancellable_reset (cancellable);
  g_cancellable_cancel (cancellable);
  g_assert_false (kdx_xml_export_file (source, cancelled_path, NULL, KDX_EXPORT_FLAGS_NONE,
                                       cancellable, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (cancelled_path, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, ".cancelled.xml"));
  }
}

static void
test_sniff (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(KdxStore) store = open_store (fixture, "k.db");
  g_autofree char *export = path_in (fixture, "k.xml");
  g_autofree char *prefixed = NULL;
  g_autofree char *other = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *missing = path_in (fixture, "missing.xml");

  fill_store (store);
  export_all (store, export, KDX_EXPORT_FLAGS_NONE);
  g_assert_true (kdx_xml_is_koldex_file (export));

  prefixed = write_file (fixture, "prefixed.xml",
                         "\xEF\xBB\xBF<?xml version='1.0'?>\n<!-- exported -->\n"
                         "<k:koldex xmlns:k='" KDX_XML_NAMESPACE "' version='1'/>");
  g_assert_true (kdx_xml_is_koldex_file (prefixed));
  other = write_file (fixture, "other.xml", "<?xml version=\"1.0\"?><koldex version=\"1\"/>");
  g_assert_false (kdx_xml_is_koldex_file (other));
  csv = write_file (fixture, "k.csv", "display_name\n<koldex>\n");
  g_assert_false (kdx_xml_is_koldex_file (csv));
  g_assert_false (kdx_xml_is_koldex_file (missing));
}

/* ---- koldex-cli export ---------------------------------------------------- */

static void
test_cli_export (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *db = path_in (fixture, "k.db");
  g_autofree char *path = path_in (fixture, "out.xml");
  g_autofree char *wrong = path_in (fixture, "out.txt");
  g_autofree char *text = NULL;
  g_auto(KdxCliRun) run = { 0 };

  {
    g_autoptr(KdxStore) store = open_store (fixture, "k.db");
    g_autoptr(GError) error = NULL;

    fill_store (store);
    kdx_store_move_kol (store, 2, KDX_STAGE_CONTACTING, NULL, &error);
    g_assert_no_error (error);
  }

  kdx_test_run_cli (&run, db, "export", path, "--ids", "2,1", "--no-contact", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  text = read_text (path);
  g_assert_true (kdx_xml_is_koldex_file (path));
  g_assert_nonnull (strstr (text, "contact=\"false\""));
  g_assert_null (strstr (text, "<phone>"));
  g_assert_true (strstr (text, "<id>2</id>") < strstr (text, "<id>1</id>"));
  g_clear_pointer (&text, g_free);

  kdx_test_run_cli (&run, db, "export", path, "--stage", "contacting", NULL);
  g_assert_cmpint (run.status, ==, 0);
  text = read_text (path);
  g_assert_nonnull (strstr (text, "<display_name>Bob</display_name>"));
  g_assert_null (strstr (text, "<id>1</id>"));

  /* Failures: one line, status 1, no file. */
  kdx_test_run_cli (&run, db, "export", wrong, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "koldex-cli: "));
  g_assert_nonnull (strstr (run.err, ".xml, .xlsx or .csv"));
  g_assert_cmpint (strchr (run.err, '\n') - run.err, ==, strlen (run.err) - 1);
  g_assert_false (g_file_test (wrong, G_FILE_TEST_EXISTS));

  g_unlink (path);
  kdx_test_run_cli (&run, db, "export", path, "--ids", "1,99", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "99"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  kdx_test_run_cli (&run, db, "export", path, "--stage", "famous", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "famous"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  /* tests/meson.build runs this program twice: in the core suite, and
   * in the cli suite given koldex-cli and the XSD of the source tree. */
  if (g_getenv ("KOLDEX_CLI") != NULL && g_getenv ("KOLDEX_XSD") != NULL)
    {
      ADD ("/xml/schema", test_schema);
      ADD ("/xml/cli/export", test_cli_export);
    }
  else
    {
      ADD ("/xml/round-trip", test_round_trip);
      ADD ("/xml/update-by-uid", test_update_by_uid);
      ADD ("/xml/no-contact", test_no_contact);
      ADD ("/xml/duplicate-policy", test_duplicate_policy);
      ADD ("/xml/refuse-doctype", test_refuse_doctype);
      ADD ("/xml/truncated", test_truncated);
      ADD ("/xml/tiny-input", test_tiny_input);
      ADD ("/xml/invalid-value", test_invalid_value);
      ADD ("/xml/progress-cancel", test_progress_cancel);
      ADD ("/xml/sniff", test_sniff);
    }

#undef ADD

  return g_test_run ();
}
