/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-search-bench"

#include "config.h"

#include <locale.h>

#include "kdx-bench-median.h"
#include "kdx-kol-list.h"
#include "kdx-store.h"

/* kdx-search-bench DATABASE WORD...: times search as you type in the
 * app's list model, from the keystroke (kdx_kol_list_search()) to the
 * first screen of rows being in the model, with the whole list then
 * filled in by the worker; and, for comparison, the same query the way
 * the list answered it before (kdx_kol_list_set_query(): every id
 * first). Five runs each, the median printed in milliseconds, one line
 * a word: "WORD FIRST-SCREEN WHOLE-LIST HITS". For build-aux/bench
 * (issue 16, item 5: the first screen within 16 ms at 100,000 KOLs). */

#define RUNS 5
#define FIRST_SCREEN 50

static void
wait_complete (KdxKolList *list)
{
  while (!kdx_kol_list_is_complete (list))
    g_main_context_iteration (NULL, TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxKolList) list = NULL;
  g_autoptr(KdxKolQuery) empty = kdx_kol_query_new ();

  setlocale (LC_ALL, "");
  if (argc < 3)
    {
      g_printerr ("usage: kdx-search-bench DATABASE WORD...\n");
      return 1;
    }
  if ((store = kdx_store_open (argv[1], &error)) == NULL)
    {
      g_printerr ("kdx-search-bench: %s\n", error->message);
      return 1;
    }
  list = kdx_kol_list_new (store);

  for (int w = 2; w < argc; w++)
    {
      g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
      double first[RUNS], whole[RUNS];
      guint hits = 0;

      kdx_kol_query_set_search (query, argv[w]);
      for (int run = 0; run < RUNS; run++)
        {
          gint64 start;

          kdx_kol_list_set_query (list, empty);
          start = g_get_monotonic_time ();
          kdx_kol_list_search (list, query, FIRST_SCREEN);
          first[run] = (g_get_monotonic_time () - start) / 1000.0;
          wait_complete (list);
          hits = g_list_model_get_n_items (G_LIST_MODEL (list));

          kdx_kol_list_set_query (list, empty);
          start = g_get_monotonic_time ();
          kdx_kol_list_set_query (list, query);
          whole[run] = (g_get_monotonic_time () - start) / 1000.0;
        }
      g_print ("%s %.1f %.1f %u\n", argv[w], kdx_bench_median (first, RUNS), kdx_bench_median (whole, RUNS), hits);
    }
  return 0;
}
