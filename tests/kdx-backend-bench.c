/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-backend-bench"

#include "config.h"

#include <locale.h>

#include "kdx-bench-median.h"
#include "kdx-kol-list.h"
#include "kdx-store.h"

/* kdx-backend-bench DATABASE SORT-FIELD... -- WORD...: times what a
 * window does with the list on one store, so that build-aux/bench can
 * set PostgreSQL beside SQLite on the same KOLs (issue 14, item 8):
 *
 *   open  FIRST WHOLE N     the list opening as the window has it: a
 *                           screenful of rows read (the first frame),
 *                           then the rest of the ids and so the count
 *   search WORD FIRST WHOLE HITS
 *                           a search typed: its first screen of rows,
 *                           then every hit
 *   sort FIELD FIRST N      a column header clicked: the whole list in
 *                           the new order and its first screen of rows
 *
 * Milliseconds by the clock (the server's work is in another process),
 * to the hundredth, each the median of fifteen runs in this process on
 * one open store, the way the window keeps its store open. A first
 * screen takes about a millisecond on either engine: the median of five,
 * printed to a tenth, moved its ratio by ±0.15 from run to run. */

#define RUNS 15
#define FIRST_SCREEN 50

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
wait_complete (KdxKolList *list)
{
  while (!kdx_kol_list_is_complete (list))
    g_main_context_iteration (NULL, TRUE);
}

/* The rows a screen shows, read as the view reads them. */
static void
read_first_screen (KdxKolList *list)
{
  guint n = MIN (g_list_model_get_n_items (G_LIST_MODEL (list)), FIRST_SCREEN);

  for (guint i = 0; i < n; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
}

/* A list as the window makes it, before anything is timed on it. */
static KdxKolList *
new_window_list (KdxStore *store)
{
  return kdx_kol_list_new_first_rows (store, FIRST_SCREEN);
}

static void
time_open (KdxStore *store)
{
  double first[RUNS], whole[RUNS];
  guint n = 0;

  for (int run = 0; run < RUNS; run++)
    {
      g_autoptr(KdxKolList) list = NULL;
      gint64 start = g_get_monotonic_time ();

      list = new_window_list (store);
      read_first_screen (list);
      first[run] = ms_since (start);
      kdx_kol_list_fetch_rest (list);
      wait_complete (list);
      n = g_list_model_get_n_items (G_LIST_MODEL (list));
      whole[run] = ms_since (start);
    }
  g_print ("open %.2f %.2f %u\n", kdx_bench_median (first, RUNS), kdx_bench_median (whole, RUNS), n);
}

static void
time_search (KdxStore   *store,
             const char *word)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  double first[RUNS], whole[RUNS];
  guint hits = 0;

  kdx_kol_query_set_search (query, word);
  for (int run = 0; run < RUNS; run++)
    {
      g_autoptr(KdxKolList) list = new_window_list (store);
      gint64 start = g_get_monotonic_time ();

      kdx_kol_list_search (list, query, FIRST_SCREEN);
      read_first_screen (list);
      first[run] = ms_since (start);
      wait_complete (list);
      hits = g_list_model_get_n_items (G_LIST_MODEL (list));
      whole[run] = ms_since (start);
    }
  g_print ("search %s %.2f %.2f %u\n", word, kdx_bench_median (first, RUNS), kdx_bench_median (whole, RUNS), hits);
}

static gboolean
time_sort (KdxStore   *store,
           const char *field)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  g_autoptr(GError) error = NULL;
  double first[RUNS];
  guint n = 0;

  if (!kdx_kol_query_add_sort_text (query, field, &error))
    {
      g_printerr ("kdx-backend-bench: %s\n", error->message);
      return FALSE;
    }
  for (int run = 0; run < RUNS; run++)
    {
      g_autoptr(KdxKolList) list = new_window_list (store);
      gint64 start = g_get_monotonic_time ();

      /* What the list view does when its sorter changes. */
      kdx_kol_list_set_query (list, query);
      read_first_screen (list);
      first[run] = ms_since (start);
      n = g_list_model_get_n_items (G_LIST_MODEL (list));
    }
  g_print ("sort %s %.2f %u\n", field, kdx_bench_median (first, RUNS), n);
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = NULL;
  int words = 2;

  setlocale (LC_ALL, "");
  while (words < argc && !g_str_equal (argv[words], "--"))
    words++;
  if (argc < 2 || words >= argc)
    {
      g_printerr ("usage: kdx-backend-bench DATABASE SORT-FIELD... -- WORD...\n");
      return 1;
    }
  if ((store = kdx_store_open (argv[1], &error)) == NULL)
    {
      g_printerr ("kdx-backend-bench: %s\n", error->message);
      return 1;
    }

  time_open (store);
  for (int i = words + 1; i < argc; i++)
    time_search (store, argv[i]);
  for (int i = 2; i < words; i++)
    if (!time_sort (store, argv[i]))
      return 1;
  return 0;
}
