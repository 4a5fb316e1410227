/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-made-by"

#include "config.h"

#include <glib/gstdio.h>

#include "kdx-contact-log.h"
#include "kdx-error.h"
#include "kdx-event.h"
#include "kdx-import-sink.h"
#include "kdx-stage-entry.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"
#include "kdx-xml-export.h"
#include "kdx-xml-import.h"

/* Who did what (issue 14, item 5): the operator's name on the events, the
 * stage moves and the imports the store writes, and nothing on what was
 * made before anyone was named. On SQLite, and on PostgreSQL in the pg
 * suite (KOLDEX_TEST_BACKEND=pg: kdx_test_open_store() opens a server
 * database); a read-only file is SQLite's alone. */

static KdxStore *
open_store (char **dir_out)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "who.db", NULL);
  g_autoptr(GError) error = NULL;
  KdxStore *store = kdx_test_open_store (path, &error);

  g_assert_no_error (error);
  if (dir_out != NULL)
    *dir_out = g_steal_pointer (&dir);
  return store;
}

static KdxStageEntry *
last_stage_entry (KdxKol *kol)
{
  GListModel *history = G_LIST_MODEL (kdx_kol_get_stage_history (kol));
  guint n = g_list_model_get_n_items (history);

  g_assert_cmpuint (n, >, 0);
  return g_list_model_get_item (history, n - 1);
}

static void
test_event_and_moves (void)
{
  g_autoptr(KdxStore) store = open_store (NULL);
  g_autoptr(KdxKol) kol = kdx_test_add_named (store, "小美");
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(KdxStageEntry) entry = NULL;
  g_autoptr(KdxEvent) event = NULL;
  g_autoptr(KdxContactLog) log = kdx_contact_log_new (KDX_EVENT_KIND_CALL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 id = kdx_kol_get_id (kol);

  /* Made before anyone was named: no name, never a guessed one. */
  stored = kdx_test_load_kol (store, id);
  entry = last_stage_entry (stored);
  g_assert_null (kdx_stage_entry_get_made_by (entry));
  g_clear_object (&entry);
  g_clear_object (&stored);

  kdx_store_set_operator (store, "  王芳 ");
  g_assert_cmpstr (kdx_store_get_operator (store), ==, "王芳");

  /* A stage move. */
  g_assert_true (kdx_store_move_kol (store, id, KDX_STAGE_NEGOTIATING, NULL, &error));
  g_assert_no_error (error);
  /* A contact logged. */
  g_array_append_val (ids, id);
  log->note = g_strdup ("电话沟通");
  g_assert_true (kdx_contact_log_apply (store, ids, log, NULL, &error));
  g_assert_no_error (error);

  stored = kdx_test_load_kol (store, id);
  entry = last_stage_entry (stored);
  g_assert_cmpint (kdx_stage_entry_get_stage (entry), ==, KDX_STAGE_NEGOTIATING);
  g_assert_cmpstr (kdx_stage_entry_get_made_by (entry), ==, "王芳");
  g_clear_object (&entry);
  entry = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_stage_history (stored)), 0);
  /* The first entry keeps its silence through the saves since. */
  g_assert_null (kdx_stage_entry_get_made_by (entry));
  g_clear_object (&entry);
  event = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_events (stored)), 0);
  g_assert_cmpstr (kdx_event_get_made_by (event), ==, "王芳");

  /* A stage changed in a save of the whole file, by another operator. */
  kdx_store_set_operator (store, "李雷");
  kdx_kol_set_stage (stored, KDX_STAGE_ONBOARDING);
  g_assert_true (kdx_store_save_kol (store, stored, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  g_clear_object (&event);
  stored = kdx_test_load_kol (store, id);
  entry = last_stage_entry (stored);
  g_assert_cmpint (kdx_stage_entry_get_stage (entry), ==, KDX_STAGE_ONBOARDING);
  g_assert_cmpstr (kdx_stage_entry_get_made_by (entry), ==, "李雷");
  /* The event of before is still 王芳's. */
  event = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_events (stored)), 0);
  g_assert_cmpstr (kdx_event_get_made_by (event), ==, "王芳");

  /* No name again: what follows records none. */
  kdx_store_set_operator (store, " ");
  g_assert_null (kdx_store_get_operator (store));
}

static void
test_import (void)
{
  g_autoptr(KdxStore) store = open_store (NULL);
  g_autoptr(KdxImportSink) sink = kdx_import_sink_new (store, KDX_DUPLICATE_MERGE);
  g_autoptr(KdxKol) newcomer = kdx_kol_new ();
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(KdxStageEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  KdxImportRun *run;

  kdx_store_set_operator (store, "王芳");
  kdx_kol_set_display_name (newcomer, "阿杰");
  g_assert_true (kdx_import_sink_begin (sink, "list.csv", &error));
  g_assert_true (kdx_import_sink_take (sink, newcomer, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kdx_import_sink_commit (sink, &error), >, 0);
  g_assert_no_error (error);

  runs = kdx_store_list_imports (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  run = g_ptr_array_index (runs, 0);
  g_assert_cmpstr (run->made_by, ==, "王芳");

  /* The imported KOL's first stage is dated by the importer too. */
  ids = kdx_store_query_ids (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  stored = kdx_test_load_kol (store, g_array_index (ids, gint64, 0));
  entry = last_stage_entry (stored);
  g_assert_cmpstr (kdx_stage_entry_get_made_by (entry), ==, "王芳");
}

/* Koldex XML carries the names, and an import of it keeps them. */
static void
test_xml (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(KdxStore) store = open_store (&dir);
  g_autoptr(KdxStore) other = open_store (NULL);
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(KdxKol) copied = NULL;
  g_autoptr(KdxStageEntry) entry = NULL;
  g_autoptr(KdxXmlImportReport) report = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml_path = g_build_filename (dir, "who.xml", NULL);
  g_autofree char *xml = NULL;

  kdx_store_set_operator (store, "王芳");
  kol = kdx_test_add_named (store, "小美");
  g_assert_true (kdx_xml_export_file (store, xml_path, NULL, 0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (xml_path, &xml, NULL, NULL));
  g_assert_nonnull (strstr (xml, "<made_by>王芳</made_by>"));

  kdx_store_set_operator (other, "李雷");
  g_assert_true (kdx_xml_import_file (other, xml_path, KDX_DUPLICATE_MERGE, NULL, NULL, NULL,
                                      &report, &error));
  g_assert_no_error (error);
  ids = kdx_store_query_ids (other, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  copied = kdx_test_load_kol (other, g_array_index (ids, gint64, 0));
  entry = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_stage_history (copied)), 0);
  g_assert_cmpstr (kdx_stage_entry_get_made_by (entry), ==, "王芳");
}

static void
assert_read_only_refused (GError *error)
{
  g_assert_error (error, KDX_ERROR, KDX_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "Read-only"));
}

/* A file nobody may write (chmod a-w) is opened for reading, even by
 * root; every write is refused before anything changes. */
static void
test_read_only_file (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "ro.db", NULL);
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(KdxKol) added = kdx_kol_new ();
  g_autoptr(KdxContactLog) log = kdx_contact_log_new (KDX_EVENT_KIND_CALL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  gboolean read_only = FALSE;

  store = kdx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (kdx_store_is_read_only (store));
  kol = kdx_test_add_named (store, "小美");
  id = kdx_kol_get_id (kol);
  g_clear_object (&store);

  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  before = kdx_test_read_file (path);
  store = kdx_store_open (path, &error);
  g_assert_no_error (error);
  g_object_get (store, "read-only", &read_only, NULL);
  g_assert_true (read_only);
  g_assert_cmpint (kdx_test_count_kols (store), ==, 1);

  kdx_store_set_operator (store, "王芳");
  g_assert_false (kdx_store_move_kol (store, id, KDX_STAGE_GROWING, NULL, &error));
  assert_read_only_refused (error);
  g_clear_error (&error);
  kdx_kol_set_display_name (added, "阿杰");
  g_assert_false (kdx_store_add_kol (store, added, &error));
  assert_read_only_refused (error);
  g_clear_error (&error);
  g_array_append_val (ids, id);
  g_assert_false (kdx_contact_log_apply (store, ids, log, NULL, &error));
  assert_read_only_refused (error);
  g_clear_error (&error);
  g_assert_false (kdx_store_begin_batch (store, &error));
  assert_read_only_refused (error);
  g_clear_error (&error);
  g_assert_false (kdx_store_delete_kol (store, id, &error));
  assert_read_only_refused (error);
  g_clear_error (&error);
  g_clear_object (&store);

  after = kdx_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  g_chmod (path, 0644);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/made-by/event-and-moves", test_event_and_moves);
  g_test_add_func ("/made-by/import", test_import);
  g_test_add_func ("/made-by/xml", test_xml);
  /* A file's permissions: SQLite's, so not in the pg suite's run. */
  if (g_strcmp0 (g_getenv ("KOLDEX_TEST_BACKEND"), "pg") != 0)
    g_test_add_func ("/made-by/read-only-file", test_read_only_file);
  return g_test_run ();
}
