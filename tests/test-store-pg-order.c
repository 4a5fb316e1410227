/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-pg-order"

#include "config.h"

#include "kdx-kol.h"
#include "kdx-kol-query.h"
#include "kdx-store.h"
#include "kdx-test-pg.h"
#include "kdx-test-util.h"

/* The list sorts text the same way on both engines, whatever locale a
 * team's server was made with: by the text's bytes (code points), as
 * SQLite's BINARY collation does. A server made with a language's
 * collation ("a" beside "A", "Á" beside "A") must not reorder the list
 * when a team moves its file there (issue 14: everything works the same
 * on both). */

static const char *const names[] = { "b", "张三", "B", "Á", "a", "Z", "ab", NULL };
/* In code point order: capitals, small letters, Latin-1, CJK. */
static const char *const by_bytes[] = { "B", "Z", "a", "ab", "b", "Á", "张三", NULL };

static void
assert_sorted_by_bytes (KdxStore *store)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(KdxKol) kol = kdx_kol_new ();

      kdx_kol_set_display_name (kol, names[i]);
      g_assert_true (kdx_store_add_kol (store, kol, &error));
      g_assert_no_error (error);
    }

  kdx_kol_query_set_sort (query, "display_name", FALSE);
  ids = kdx_store_query_ids (store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, g_strv_length ((char **) by_bytes));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(KdxKol) kol = kdx_store_load_kol (store, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      g_assert_cmpstr (kdx_kol_get_display_name (kol), ==, by_bytes[i]);
    }
}

/* SQLite: the reference. */
static void
test_file_sorts_by_bytes (void)
{
  g_autofree char *dir = kdx_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "order.db", NULL);
  g_autoptr(GError) error = NULL;
  KdxStore *store = kdx_store_open (path, &error);

  g_assert_no_error (error);
  assert_sorted_by_bytes (store);
  g_assert_finalize_object (store);
  kdx_test_remove_tree (dir);
}

/* A team database made with ICU's English collation, where "a" < "B"
 * and "Á" sits by "A": the same order as the file. */
static void
test_server_with_language_collation_sorts_by_bytes (void)
{
  g_autofree char *uri = kdx_test_pg_make_database_with ("TEMPLATE template0"
                                                         " LOCALE_PROVIDER icu ICU_LOCALE 'en' LOCALE 'C.UTF-8'");
  g_autofree char *provider = NULL;
  g_autoptr(GError) error = NULL;
  KdxStore *store;

  /* The server really compares as English does here. */
  provider = kdx_test_pg_run_sql (uri, "SELECT ('a' < 'B')::text");
  g_assert_cmpstr (provider, ==, "true");

  store = kdx_store_open (uri, &error);
  g_assert_no_error (error);
  assert_sorted_by_bytes (store);
  g_assert_finalize_object (store);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/order/file-sorts-by-bytes", test_file_sorts_by_bytes);
  g_test_add_func ("/store/order/server-with-language-collation-sorts-by-bytes",
                   test_server_with_language_collation_sorts_by_bytes);

  return g_test_run ();
}
