/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-sink"

#include "config.h"

#include "kdx-error.h"
#include "kdx-export.h"
#include "kdx-import-sink.h"
#include "kdx-importer.h"
#include "kdx-sheet-export.h"
#include "kdx-store.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"
#include "kdx-xml-export.h"
#include "kdx-xml-import.h"

/* The one duplicate and undo policy of every import (KdxImportSink), on
 * its own and as the spreadsheet and XML importers both apply it. */

typedef struct
{
  char     *dir;
  KdxStore *store;
  gint64    stored_id; /* 小美, WeChat xiaomei_88, no city */
  KdxKol   *before;    /* 小美 as stored before any import */
} Fixture;

static KdxStore *
open_store (Fixture    *fixture,
            const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  KdxStore *store = kdx_test_open_store (path, &error);

  g_assert_no_error (error);
  return store;
}

static KdxKol *
make_kol (const char *name,
          const char *wechat,
          const char *city)
{
  KdxKol *kol = kdx_kol_new ();

  g_object_set (kol, "display-name", name, "wechat", wechat, "city", city, NULL);
  return kol;
}

/* A store holding 小美, as the target of every import below. */
static void
add_stored (Fixture  *fixture,
            KdxStore *store)
{
  g_autoptr(KdxKol) stored = make_kol ("小美", "xiaomei_88", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (kdx_store_add_kol (store, stored, &error));
  g_assert_no_error (error);
  g_assert_true (fixture->stored_id == 0 || fixture->stored_id == kdx_kol_get_id (stored));
  fixture->stored_id = kdx_kol_get_id (stored);
  if (fixture->before == NULL)
    fixture->before = kdx_store_load_kol (store, fixture->stored_id, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = kdx_test_make_tmp_dir ();
  fixture->store = open_store (fixture, "target.db");
  add_stored (fixture, fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->before);
  g_assert_finalize_object (fixture->store);
  g_free (fixture->dir);
}

static KdxImportRun *
newest_run (KdxStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = kdx_store_list_imports (store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, >, 0);
  return g_ptr_array_steal_index (runs, 0);
}

/* Undone, @store holds 小美 alone, as she was (@before). */
static void
assert_undo_restores (Fixture  *fixture,
                      KdxStore *store,
                      gint64    run_id,
                      KdxKol   *before)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxKol) after = NULL;

  g_assert_true (kdx_store_undo_import (store, run_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kdx_store_count_kols (store, NULL), ==, 1);
  after = kdx_store_load_kol (store, fixture->stored_id, &error);
  g_assert_no_error (error);
  g_assert_true (kdx_kol_equal (after, before));
}

/* Each policy, on a duplicate and a newcomer: what the sink says it did,
 * what the store holds, what the history notes and what undo restores. */
static void
test_policies (Fixture       *fixture,
               gconstpointer  data)
{
  KdxDuplicatePolicy policy = GPOINTER_TO_INT (data);
  g_autoptr(KdxImportSink) sink = kdx_import_sink_new (fixture->store, policy);
  g_autoptr(KdxKol) again = make_kol ("小美", "xiaomei_88", "上海");
  g_autoptr(KdxKol) newcomer = make_kol ("阿杰", "ajie", "北京");
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(KdxImportRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;
  KdxImportAction action;
  gint64 id = 0;
  gint64 run_id;

  g_assert_true (kdx_import_sink_begin (sink, "list.csv", &error));
  g_assert_no_error (error);
  g_assert_true (kdx_store_in_batch (fixture->store));

  g_assert_true (kdx_import_sink_take (sink, again, &action, &id, &error));
  g_assert_no_error (error);
  switch (policy)
    {
    case KDX_DUPLICATE_SKIP:
      g_assert_cmpint (action, ==, KDX_IMPORT_ACTION_SKIPPED);
      g_assert_cmpint (id, ==, fixture->stored_id);
      break;
    case KDX_DUPLICATE_MERGE:
      g_assert_cmpint (action, ==, KDX_IMPORT_ACTION_MERGED);
      g_assert_cmpint (id, ==, fixture->stored_id);
      break;
    case KDX_DUPLICATE_NEW:
    default:
      g_assert_cmpint (action, ==, KDX_IMPORT_ACTION_CREATED);
      g_assert_cmpint (id, !=, fixture->stored_id);
      break;
    }

  g_assert_true (kdx_import_sink_take (sink, newcomer, &action, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (action, ==, KDX_IMPORT_ACTION_CREATED);
  g_assert_cmpint (id, ==, kdx_kol_get_id (newcomer));
  kdx_import_sink_reject (sink);

  run_id = kdx_import_sink_commit (sink, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_id, >, 0);
  g_assert_false (kdx_store_in_batch (fixture->store));

  stored = kdx_store_load_kol (fixture->store, fixture->stored_id, &error);
  g_assert_no_error (error);
  g_object_get (stored, "city", &city, NULL);
  g_assert_cmpstr (city, ==, policy == KDX_DUPLICATE_MERGE ? "上海" : NULL);
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, policy == KDX_DUPLICATE_NEW ? 3 : 2);

  run = newest_run (fixture->store);
  g_assert_cmpint (run->id, ==, run_id);
  g_assert_cmpstr (run->file, ==, "list.csv");
  g_assert_cmpuint (run->created, ==, kdx_import_sink_get_count (sink, KDX_IMPORT_ACTION_CREATED));
  g_assert_cmpuint (run->created, ==, policy == KDX_DUPLICATE_NEW ? 2 : 1);
  g_assert_cmpuint (run->merged, ==, policy == KDX_DUPLICATE_MERGE ? 1 : 0);
  g_assert_cmpuint (run->skipped, ==, policy == KDX_DUPLICATE_SKIP ? 1 : 0);
  g_assert_cmpuint (run->rejected, ==, 1);

  assert_undo_restores (fixture, fixture->store, run_id, fixture->before);
}

/* A KOL the store refuses leaves nothing behind, in the store or in the
 * history, and the import goes on; a failure is not a database error. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KdxImportSink) sink = kdx_import_sink_new (fixture->store, KDX_DUPLICATE_MERGE);
  g_autoptr(KdxKol) clash = make_kol ("阿杰", "ajie", NULL);
  g_autoptr(KdxKol) newcomer = make_kol ("老王", "laowang", NULL);
  g_autoptr(KdxImportRun) run = NULL;
  g_autoptr(GError) error = NULL;
  gint64 run_id;

  /* Another KOL's id: the store will not add it. */
  g_object_set (clash, "id", fixture->stored_id, NULL);

  g_assert_true (kdx_import_sink_begin (sink, "clash.csv", &error));
  g_assert_false (kdx_import_sink_take (sink, clash, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, KDX_ERROR, KDX_ERROR_DATABASE));
  g_clear_error (&error);
  kdx_import_sink_reject (sink);
  g_assert_true (kdx_import_sink_take (sink, newcomer, NULL, NULL, &error));
  g_assert_no_error (error);
  run_id = kdx_import_sink_commit (sink, &error);
  g_assert_no_error (error);

  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 2);
  run = newest_run (fixture->store);
  g_assert_cmpuint (run->created, ==, 1);
  g_assert_cmpuint (run->merged, ==, 0);
  g_assert_cmpuint (run->rejected, ==, 1);
  assert_undo_restores (fixture, fixture->store, run_id, fixture->before);
}

/* A sink given up on (a cancel, a failure, dropped) takes everything
 * back, its history entry too, and never leaves the store in a batch. */
static void
test_rollback (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(KdxImportSink) sink = kdx_import_sink_new (fixture->store, KDX_DUPLICATE_MERGE);
  g_autoptr(KdxKol) again = make_kol ("小美", "xiaomei_88", "上海");
  g_autoptr(KdxKol) newcomer = make_kol ("阿杰", "ajie", "北京");
  g_autoptr(KdxKol) after = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (kdx_import_sink_begin (sink, "list.csv", &error));
      g_assert_true (kdx_import_sink_take (sink, again, NULL, NULL, &error));
      g_assert_true (kdx_import_sink_take (sink, newcomer, NULL, NULL, &error));
      g_assert_no_error (error);
      g_object_set (newcomer, "id", (gint64) 0, NULL);
      if (i == 0)
        kdx_import_sink_rollback (sink);
      else
        g_clear_object (&sink); /* dropped with the batch open */
      g_assert_false (kdx_store_in_batch (fixture->store));
    }

  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 1);
  after = kdx_store_load_kol (fixture->store, fixture->stored_id, &error);
  g_assert_true (kdx_kol_equal (after, fixture->before));
  runs = kdx_store_list_imports (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 0);
}

/* The same people arriving as a spreadsheet and as Koldex XML (other
 * uids, so matched as the same person, not by uid) meet the same policy:
 * the same outcome, the same history, the same undo. */
static void
test_both_importers (Fixture       *fixture,
                     gconstpointer  data)
{
  KdxDuplicatePolicy policy = GPOINTER_TO_INT (data);
  g_autoptr(KdxStore) outside = open_store (fixture, "outside.db");
  g_autoptr(KdxStore) by_xml = open_store (fixture, "by-xml.db");
  g_autoptr(KdxKol) again = make_kol ("小美", "xiaomei_88", "上海");
  g_autoptr(KdxKol) newcomer = make_kol ("阿杰", "ajie", "北京");
  g_autofree char *csv = g_build_filename (fixture->dir, "list.csv", NULL);
  g_autofree char *xml = g_build_filename (fixture->dir, "list.xml", NULL);
  g_auto(GStrv) columns = kdx_sheet_export_default_columns (KDX_EXPORT_FLAGS_NONE);
  g_autoptr(KdxImporter) importer = kdx_importer_new (fixture->store);
  g_autoptr(KdxImportReport) sheet_report = NULL;
  g_autoptr(KdxXmlImportReport) xml_report = NULL;
  g_autoptr(KdxImportRun) sheet_run = NULL;
  g_autoptr(KdxImportRun) xml_run = NULL;
  g_autoptr(KdxKol) xml_before = NULL;
  g_autoptr(GError) error = NULL;

  /* The same 小美 in a second store (same id: both stores are new). */
  add_stored (fixture, by_xml);
  xml_before = kdx_store_load_kol (by_xml, fixture->stored_id, &error);
  g_assert_no_error (error);

  g_assert_true (kdx_store_add_kol (outside, again, &error));
  g_assert_true (kdx_store_add_kol (outside, newcomer, &error));
  g_assert_true (kdx_sheet_export_file (outside, csv, KDX_SHEET_FORMAT_CSV, NULL,
                                        (const char *const *) columns, KDX_EXPORT_FLAGS_NONE,
                                        NULL, NULL, NULL, &error));
  g_assert_true (kdx_xml_export_file (outside, xml, NULL, KDX_EXPORT_FLAGS_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  kdx_importer_set_unmapped_policy (importer, KDX_UNMAPPED_SKIP);
  kdx_importer_set_duplicate_policy (importer, policy);
  sheet_report = kdx_importer_run (importer, csv, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kdx_xml_import_file (by_xml, xml, policy, NULL, NULL, NULL, &xml_report, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (kdx_import_report_get_count (sheet_report, KDX_IMPORT_CREATED), ==, xml_report->created);
  g_assert_cmpuint (kdx_import_report_get_count (sheet_report, KDX_IMPORT_MERGED), ==, xml_report->merged);
  g_assert_cmpuint (kdx_import_report_get_count (sheet_report, KDX_IMPORT_SKIPPED), ==, xml_report->skipped);
  g_assert_cmpuint (xml_report->created, ==, policy == KDX_DUPLICATE_NEW ? 2 : 1);
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, kdx_store_count_kols (by_xml, NULL));

  sheet_run = newest_run (fixture->store);
  xml_run = newest_run (by_xml);
  g_assert_cmpint (sheet_run->id, ==, kdx_import_report_get_run_id (sheet_report));
  g_assert_cmpint (xml_run->id, ==, xml_report->run_id);
  g_assert_cmpuint (sheet_run->created, ==, xml_run->created);
  g_assert_cmpuint (sheet_run->merged, ==, xml_run->merged);
  g_assert_cmpuint (sheet_run->skipped, ==, xml_run->skipped);
  g_assert_cmpuint (sheet_run->rejected, ==, xml_run->rejected);

  assert_undo_restores (fixture, fixture->store, sheet_run->id, fixture->before);
  assert_undo_restores (fixture, by_xml, xml_run->id, xml_before);
}

int
main (int    argc,
      char **argv)
{
  static const struct { const char *name; KdxDuplicatePolicy policy; } policies[] = {
    { "skip", KDX_DUPLICATE_SKIP },
    { "merge", KDX_DUPLICATE_MERGE },
    { "new", KDX_DUPLICATE_NEW },
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (policies); i++)
    {
      g_autofree char *sink_path = g_strdup_printf ("/import/sink/policy/%s", policies[i].name);
      g_autofree char *both_path = g_strdup_printf ("/import/sink/both-importers/%s", policies[i].name);

      g_test_add (sink_path, Fixture, GINT_TO_POINTER (policies[i].policy),
                  fixture_set_up, test_policies, fixture_tear_down);
      g_test_add (both_path, Fixture, GINT_TO_POINTER (policies[i].policy),
                  fixture_set_up, test_both_importers, fixture_tear_down);
    }
  g_test_add ("/import/sink/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/import/sink/rollback", Fixture, NULL, fixture_set_up, test_rollback, fixture_tear_down);

  return g_test_run ();
}
