/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-views"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "kdx-condition.h"
#include "kdx-error.h"
#include "kdx-test-util.h"

/* Saved views (issue 17, item 4): in the database, so they survive
 * closing it; made, renamed, reordered and deleted; three useful ones on
 * a new database, once. */

static char *
names_of (KdxStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) views = kdx_store_list_views (store, &error);
  g_autoptr(GString) names = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < views->len; i++)
    {
      KdxSavedView *view = g_ptr_array_index (views, i);

      g_assert_cmpuint (kdx_saved_view_get_position (view), ==, i);
      g_string_append_printf (names, "%s%s", i > 0 ? " | " : "", kdx_saved_view_get_name (view));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
count_cb (KdxStore *store,
          guint    *count)
{
  (*count)++;
}

static void
test_defaults (KdxTestFolder *fixture,
               gconstpointer  data)
{
  g_autofree char *names = names_of (fixture->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxSavedView) head = NULL;
  g_autoptr(KdxSavedView) own = NULL;
  g_autoptr(KdxSavedView) due = NULL;
  g_autofree char *after_reopen = NULL;
  const KdxKolQuery *query;
  g_auto(GStrv) sort = NULL;

  g_assert_cmpstr (names, ==, "Head KOLs in negotiation | Own-grown, fit ≥ 4, not contacted in 30 days"
                              " | Follow-up due this week");

  head = kdx_store_find_view (fixture->store, "Head KOLs in negotiation", &error);
  g_assert_no_error (error);
  query = kdx_saved_view_get_query (head);
  g_assert_cmpuint (query->stages, ==, 1u << KDX_STAGE_NEGOTIATING);
  g_assert_cmpuint (query->tiers, ==, 1u << KDX_TIER_HEAD);
  sort = kdx_kol_query_get_sort_texts (query);
  g_assert_cmpstrv (sort, ((const char *[]) { "-followers", NULL }));

  own = kdx_store_find_view (fixture->store, "Own-grown, fit ≥ 4, not contacted in 30 days", &error);
  g_assert_no_error (error);
  query = kdx_saved_view_get_query (own);
  g_assert_cmpuint (query->conditions->len, ==, 3);
  {
    g_autofree char *third = kdx_condition_to_string (g_ptr_array_index (query->conditions, 2));
    g_assert_cmpstr (third, ==, "last_contact !within 30");
  }
  g_assert_cmpstr (kdx_saved_view_get_columns (own)[0], ==, "display_name");

  /* Deleted defaults stay deleted: they are written once per database. */
  due = kdx_store_find_view (fixture->store, "Follow-up due this week", &error);
  g_assert_no_error (error);
  g_assert_true (kdx_store_delete_view (fixture->store, kdx_saved_view_get_id (due), NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->store);
  fixture->store = kdx_store_open (fixture->location, &error);
  g_assert_no_error (error);
  after_reopen = names_of (fixture->store);
  g_assert_cmpstr (after_reopen, ==, "Head KOLs in negotiation | Own-grown, fit ≥ 4, not contacted in 30 days");
}

static void
test_crud_survives_reopen (KdxTestFolder *fixture,
                           gconstpointer  data)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  g_autoptr(KdxSavedView) view = NULL;
  g_autoptr(KdxSavedView) other = NULL;
  g_autoptr(KdxSavedView) loaded = NULL;
  g_autoptr(KdxSavedView) deleted = NULL;
  g_autoptr(GError) error = NULL;
  const char *columns[] = { "display_name", "fit_score", "last_contact", NULL };
  g_autofree char *names = NULL;
  g_auto(GStrv) sort = NULL;
  guint changes = 0;
  gulong handler;

  handler = g_signal_connect (fixture->store, "views-changed", G_CALLBACK (count_cb), &changes);

  kdx_kol_query_set_search (query, "小红书");
  query->stages = (1u << KDX_STAGE_GROWING) | (1u << KDX_STAGE_MATURE);
  query->tags = g_strdupv ((char *[]) { "美妆", "护肤", NULL });
  query->owner = g_strdup ("小林");
  query->category = g_strdup ("beauty");
  kdx_kol_query_add_condition (query, kdx_condition_parse ("fit_score>=4", NULL));
  kdx_kol_query_add_condition (query, kdx_condition_parse ("next_follow_up<=+7d", NULL));
  kdx_kol_query_add_sort (query, "last_contact", FALSE);
  kdx_kol_query_add_sort (query, "followers", TRUE);
  query->ids = g_array_new (FALSE, FALSE, sizeof (gint64)); /* a selection is never saved */
  kdx_kol_query_set_today (query, "2025-01-01");             /* nor the day */

  view = kdx_saved_view_new ("我的美妆", query, columns);
  g_assert_true (kdx_store_add_view (fixture->store, view, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kdx_saved_view_get_id (view), >, 0);
  g_assert_cmpuint (kdx_saved_view_get_position (view), ==, 3);
  g_assert_cmpuint (changes, ==, 1);

  /* Names are unique and not empty. */
  other = kdx_saved_view_new ("我的美妆", NULL, NULL);
  g_assert_false (kdx_store_add_view (fixture->store, other, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE);
  kdx_test_assert_has (error->message, "我的美妆");
  g_clear_error (&error);
  g_assert_false (kdx_store_rename_view (fixture->store, kdx_saved_view_get_id (view), "  ", &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpuint (changes, ==, 1);

  /* Everything comes back after closing and opening the database. */
  g_signal_handler_disconnect (fixture->store, handler);
  g_clear_object (&fixture->store);
  fixture->store = kdx_store_open (fixture->location, &error);
  g_assert_no_error (error);
  loaded = kdx_store_find_view (fixture->store, "我的美妆", &error);
  g_assert_no_error (error);
  g_assert_cmpint (kdx_saved_view_get_id (loaded), ==, kdx_saved_view_get_id (view));
  g_assert_cmpstrv (kdx_saved_view_get_columns (loaded), columns);
  g_assert_null (kdx_saved_view_get_query (loaded)->ids);
  g_assert_null (kdx_saved_view_get_query (loaded)->today);
  g_assert_true (kdx_kol_query_equal (kdx_saved_view_get_query (loaded), kdx_saved_view_get_query (view)));
  sort = kdx_kol_query_get_sort_texts (kdx_saved_view_get_query (loaded));
  g_assert_cmpstrv (sort, ((const char *[]) { "last_contact", "-followers", NULL }));
  g_assert_cmpstr (kdx_saved_view_get_query (loaded)->search, ==, "小红书");

  /* Rename, save a changed query, reorder. */
  g_assert_true (kdx_store_rename_view (fixture->store, kdx_saved_view_get_id (loaded), " 美妆 A ", &error));
  g_assert_no_error (error);
  g_free (query->owner);
  query->owner = g_strdup ("Lily");
  kdx_saved_view_set_query (loaded, query);
  kdx_saved_view_set_name (loaded, "美妆 A");
  g_assert_true (kdx_store_save_view (fixture->store, loaded, &error));
  g_assert_no_error (error);
  g_assert_true (kdx_store_move_view (fixture->store, kdx_saved_view_get_id (loaded), 0, &error));
  g_assert_no_error (error);
  names = names_of (fixture->store);
  g_assert_cmpstr (names, ==, "美妆 A | Head KOLs in negotiation | Own-grown, fit ≥ 4, not contacted in 30 days"
                              " | Follow-up due this week");
  g_clear_pointer (&names, g_free);

  /* Past the end means last; a middle place moves the others down. */
  g_assert_true (kdx_store_move_view (fixture->store, kdx_saved_view_get_id (loaded), 99, &error));
  g_assert_true (kdx_store_move_view (fixture->store, kdx_saved_view_get_id (loaded), 1, &error));
  g_assert_no_error (error);
  names = names_of (fixture->store);
  g_assert_cmpstr (names, ==, "Head KOLs in negotiation | 美妆 A | Own-grown, fit ≥ 4, not contacted in 30 days"
                              " | Follow-up due this week");
  g_clear_pointer (&names, g_free);

  /* Delete, and Undo brings it back at its place with its id. */
  g_assert_true (kdx_store_delete_view (fixture->store, kdx_saved_view_get_id (loaded), &deleted, &error));
  g_assert_no_error (error);
  names = names_of (fixture->store);
  g_assert_cmpstr (names, ==, "Head KOLs in negotiation | Own-grown, fit ≥ 4, not contacted in 30 days"
                              " | Follow-up due this week");
  g_clear_pointer (&names, g_free);
  g_assert_true (kdx_store_add_view (fixture->store, deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kdx_saved_view_get_id (deleted), ==, kdx_saved_view_get_id (loaded));
  g_clear_object (&fixture->store);
  fixture->store = kdx_store_open (fixture->location, &error);
  g_assert_no_error (error);
  names = names_of (fixture->store);
  g_assert_cmpstr (names, ==, "Head KOLs in negotiation | 美妆 A | Own-grown, fit ≥ 4, not contacted in 30 days"
                              " | Follow-up due this week");
  g_clear_object (&loaded);
  loaded = kdx_store_find_view (fixture->store, "美妆 A", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdx_saved_view_get_query (loaded)->owner, ==, "Lily");

  /* Unknown names and ids are errors that name them. */
  g_assert_null (kdx_store_find_view (fixture->store, "没有", &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND);
  kdx_test_assert_has (error->message, "没有");
  g_clear_error (&error);
  g_assert_false (kdx_store_move_view (fixture->store, 4242, 0, &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND);
  kdx_test_assert_has (error->message, "4242");
}

/* The defaults are named in the language of whoever opened the new
 * database, and the names stay what they were written as. */
static void
test_defaults_in_chinese (void)
{
  /* tests/meson.build points it at the build's translations. */
  g_assert_nonnull (g_getenv ("KDX_LOCALEDIR"));
  if (g_test_subprocess ())
    {
      KdxTestFolder folder = { 0 };
      g_autofree char *names = NULL;

      kdx_test_folder_set_up (&folder, NULL);
      names = names_of (folder.store);
      g_assert_cmpstr (names, ==, "洽谈中的头部 KOL | 自有培养、契合度 ≥ 4、30 天未联系 | 本周需跟进");
      kdx_test_folder_tear_down (&folder, NULL);
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_setenv ("LANGUAGE", "", TRUE);
  g_test_trap_assert_passed ();
}

/* A saved view's query runs as it was made: conditions and sort. */
static void
test_view_query_runs (KdxTestFolder *fixture,
                      gconstpointer  data)
{
  g_autoptr(KdxKol) a = kdx_test_add_named_kol (fixture, "A", KDX_STAGE_NEGOTIATING);
  g_autoptr(KdxKol) b = kdx_test_add_named_kol (fixture, "B", KDX_STAGE_NEGOTIATING);
  g_autoptr(KdxKol) c = kdx_test_add_named_kol (fixture, "C", KDX_STAGE_GROWING);
  g_autoptr(KdxSavedView) head = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  for (KdxKol **k = (KdxKol *[]) { a, b, c, NULL }; *k != NULL; k++)
    {
      g_assert_true (kdx_record_set_from_string (KDX_RECORD (*k), "tier", "head", &error));
      g_assert_true (kdx_record_set_from_string (KDX_RECORD (*k), "followers", *k == a ? "10" : "20", &error));
      g_assert_true (kdx_store_save_kol (fixture->store, *k, &error));
      g_assert_no_error (error);
    }

  head = kdx_store_find_view (fixture->store, "Head KOLs in negotiation", &error);
  g_assert_no_error (error);
  ids = kdx_store_query_ids (fixture->store, kdx_saved_view_get_query (head), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, kdx_kol_get_id (b)); /* more followers first */
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, kdx_kol_get_id (a));
}

int
main (int    argc,
      char **argv)
{
  /* The Chinese test reads the translations of the build. */
  setlocale (LC_ALL, "");
  if (g_getenv ("KDX_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KDX_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
    }
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/views/defaults", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_defaults, kdx_test_folder_tear_down);
  g_test_add ("/views/crud-survives-reopen", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_crud_survives_reopen, kdx_test_folder_tear_down);
  g_test_add_func ("/views/defaults-in-chinese", test_defaults_in_chinese);
  g_test_add ("/views/query-runs", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_view_query_runs, kdx_test_folder_tear_down);

  return g_test_run ();
}
