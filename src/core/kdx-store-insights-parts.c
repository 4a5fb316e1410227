/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <math.h>

#include "kdx-store-insights-private.h"

/* A refresh split in parts (issue 11, item 5: the operator waits for
 * the clock, not for the processor's time): every number of Insights is
 * made of KOLs, each counted once under each of its bars, so the KOLs
 * split in ranges of ids give bars that add up. Each range is gathered
 * by a thread on a connection of its own (a sibling of the store), then
 * the bars are added together and what does not add (medians and
 * percentiles of stays and departures) is worked out from all the
 * numbers the parts kept. The parts read the same snapshot of the
 * database: while they begin their read transactions the store holds
 * the write lock, so nothing is committed in between; if another writer
 * has the lock, the refresh is done in one part, as before, rather than
 * waiting. Only on SQLite; PostgreSQL refreshes in one part. */

/* Fewer KOLs than this are refreshed in one part: a connection opened
 * costs more than it saves. */
#define PART_MIN_KOLS 20000
#define MAX_PARTS 8

typedef struct
{
  Bounds        bounds;   /* the refresh's, with this part's ids */
  InsightsPart  part;
  KdxStore     *sibling;  /* a connection of the part's own, closed by it */
  GError       *error;
  gboolean      ok;
  /* Shared by all parts: how many have begun reading (or failed to). */
  GMutex       *mutex;
  GCond        *cond;
  guint        *begun;
} Part;

static void
part_begun (Part *part)
{
  g_mutex_lock (part->mutex);
  (*part->begun)++;
  g_cond_broadcast (part->cond);
  g_mutex_unlock (part->mutex);
}

/* In the part's thread: a read transaction on its connection,
 * begun (its snapshot taken by a first read) before the others may
 * commit, then the part's bars; then the connection is closed here,
 * beside the other parts (closing one, its page cache freed, took 5 ms
 * that the refresh waited for after the parts). */
static gpointer
part_thread (gpointer data)
{
  Part *part = data;
  gint64 any;

  part->ok = _kdx_store_run (part->sibling, "BEGIN", &part->error)
             && _kdx_store_query_int (part->sibling, "SELECT count(*) FROM (SELECT 1 FROM kol LIMIT 1)",
                                      &any, &part->error);
  part_begun (part);
  part->ok = part->ok && _kdx_store_insights_gather (part->sibling, &part->bounds, &part->part,
                                                     &part->error);
  _kdx_store_run (part->sibling, "ROLLBACK", NULL);
  g_clear_object (&part->sibling);
  return NULL;
}

/* How a chart's bars are ordered, as each section gives them. */
typedef enum
{
  ORDER_AS_GIVEN,   /* the funnel's steps, time in stage's stages: fixed */
  ORDER_BY_KEY,
  ORDER_BY_COUNT,   /* most first, then by key */
  ORDER_BY_TIER,    /* head, waist, tail, the rest */
} BarOrder;

static const BarOrder chart_order[KDX_INSIGHTS_N_CHARTS] = {
  [KDX_INSIGHTS_FUNNEL] = ORDER_AS_GIVEN,
  [KDX_INSIGHTS_OUTREACH_OVER_TIME] = ORDER_BY_KEY,
  [KDX_INSIGHTS_OUTREACH_BY_OWNER] = ORDER_BY_COUNT,
  [KDX_INSIGHTS_OUTREACH_BY_CHANNEL] = ORDER_BY_COUNT,
  [KDX_INSIGHTS_OUTREACH_BY_TIER] = ORDER_BY_TIER,
  [KDX_INSIGHTS_PACE_CANDIDATES] = ORDER_BY_KEY,
  [KDX_INSIGHTS_PACE_ONBOARDED] = ORDER_BY_KEY,
  [KDX_INSIGHTS_TIME_IN_STAGE] = ORDER_AS_GIVEN,
  [KDX_INSIGHTS_CHURN_BY_REASON] = ORDER_BY_COUNT,
  [KDX_INSIGHTS_CHURN_BY_SOURCE] = ORDER_BY_KEY,
  [KDX_INSIGHTS_CHURN_BY_TIER] = ORDER_BY_TIER,
  [KDX_INSIGHTS_MIX_TIER] = ORDER_BY_TIER,
  [KDX_INSIGHTS_MIX_PLATFORM] = ORDER_BY_COUNT,
  [KDX_INSIGHTS_MIX_SOURCE] = ORDER_BY_KEY,
  [KDX_INSIGHTS_COST_FEES_BY_PLAN] = ORDER_BY_KEY,
  [KDX_INSIGHTS_COST_PAYMENTS_BY_PLAN] = ORDER_BY_KEY,
  [KDX_INSIGHTS_COST_PAYMENTS_BY_MONTH] = ORDER_BY_KEY,
  [KDX_INSIGHTS_COST_PER_ACTIVE] = ORDER_BY_KEY,
};

static int
bar_by_key (gconstpointer a,
            gconstpointer b)
{
  return strcmp ((*(KdxInsightsBar *const *) a)->key, (*(KdxInsightsBar *const *) b)->key);
}

static int
bar_by_count (gconstpointer a,
              gconstpointer b)
{
  const KdxInsightsBar *x = *(KdxInsightsBar *const *) a, *y = *(KdxInsightsBar *const *) b;

  return x->count != y->count ? (x->count < y->count ? 1 : -1) : strcmp (x->key, y->key);
}

static int
bar_by_tier (gconstpointer a,
             gconstpointer b)
{
  const KdxInsightsBar *x = *(KdxInsightsBar *const *) a, *y = *(KdxInsightsBar *const *) b;
  int rank = _kdx_store_insights_tier_rank (x->key) - _kdx_store_insights_tier_rank (y->key);

  return rank != 0 ? rank : strcmp (x->key, y->key);
}

/* @from's bars added to @into's, key by key: counts, attempts, agreed
 * KOLs and amounts add up over KOLs of different parts. */
static void
add_bars (KdxInsights        *into,
          KdxInsights        *from,
          KdxInsightsChartId  chart)
{
  KdxInsightsChart *target = kdx_insights_get_chart (into, chart);
  KdxInsightsChart *source = kdx_insights_get_chart (from, chart);
  g_autoptr(GHashTable) bars = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < target->bars->len; i++)
    {
      KdxInsightsBar *bar = g_ptr_array_index (target->bars, i);
      g_hash_table_insert (bars, bar->key, bar);
    }
  for (guint i = 0; i < source->bars->len; i++)
    {
      KdxInsightsBar *bar = g_ptr_array_index (source->bars, i);
      KdxInsightsBar *sum = g_hash_table_lookup (bars, bar->key);

      if (sum == NULL)
        {
          sum = _kdx_insights_add_bar (into, chart, bar->key);
          g_hash_table_insert (bars, sum->key, sum);
        }
      sum->count += bar->count;
      sum->attempts += bar->attempts;
      sum->part += bar->part;
      sum->value += bar->value;
      sum->sum += bar->sum;
    }
}

/* The parts' bars added up into the first part's, and the numbers kept
 * for medians put together. */
static void
merge_parts (Part  *parts,
             guint  n_parts)
{
  InsightsPart *first = &parts[0].part;

  for (guint p = 1; p < n_parts; p++)
    {
      InsightsPart *part = &parts[p].part;

      for (guint c = 0; c < KDX_INSIGHTS_N_CHARTS; c++)
        if (c != KDX_INSIGHTS_TIME_IN_STAGE)
          add_bars (first->insights, part->insights, c);
      for (guint s = 0; s < KDX_N_STAGES; s++)
        {
          g_array_append_vals (first->stays[s], part->stays[s]->data, part->stays[s]->len);
          g_array_append_vals (first->open[s], part->open[s]->data, part->open[s]->len);
        }
      g_array_append_vals (first->churn_days, part->churn_days->data, part->churn_days->len);
      /* The parts' KOLs in ascending ranges: appended, still in id order. */
      _kdx_store_insights_kol_rows_append (&first->kols, &part->kols);
    }
  for (guint c = 0; c < KDX_INSIGHTS_N_CHARTS; c++)
    {
      GPtrArray *bars = kdx_insights_get_chart (first->insights, c)->bars;

      if (chart_order[c] == ORDER_BY_KEY)
        g_ptr_array_sort (bars, bar_by_key);
      else if (chart_order[c] == ORDER_BY_COUNT)
        g_ptr_array_sort (bars, bar_by_count);
      else if (chart_order[c] == ORDER_BY_TIER)
        g_ptr_array_sort (bars, bar_by_tier);
    }
  /* Cost per active KOL is a ratio: of the sums. */
  {
    GPtrArray *bars = kdx_insights_get_chart (first->insights, KDX_INSIGHTS_COST_PER_ACTIVE)->bars;

    for (guint i = 0; i < bars->len; i++)
      {
        KdxInsightsBar *bar = g_ptr_array_index (bars, i);
        bar->value = bar->count > 0 ? bar->sum / (double) bar->count : NAN;
      }
  }
}

/* In one part, on @store's own connection, in one read transaction. */
static KdxInsights *
compute_whole (KdxStore                 *store,
               const Bounds             *bounds,
               const KdxInsightsPeriod  *period,
               const KdxInsightsFilter  *filter,
               const KdxInsightsTargets *targets,
               GError                  **error)
{
  InsightsPart part;
  gboolean ok;
  KdxInsights *insights = NULL;

  _kdx_store_insights_part_init (&part, period, filter);
  /* One read transaction: every number sees the same database, even
   * while another connection writes. */
  if (!_kdx_store_run (store, "BEGIN", error))
    {
      _kdx_store_insights_part_clear (&part);
      return NULL;
    }
  ok = _kdx_store_insights_gather (store, bounds, &part, error)
       && _kdx_store_insights_conclude (store, &part, targets, error);
  _kdx_store_run (store, ok ? "COMMIT" : "ROLLBACK", NULL);
  if (ok)
    insights = g_steal_pointer (&part.insights);
  _kdx_store_insights_part_clear (&part);
  return insights;
}

/* The write lock, if no one has it: FALSE at once, never waiting. (A
 * pragma that sets the timeout answers with it, hence query_int.) */
static gboolean
try_write_lock (KdxStore *store)
{
  gint64 timeout = 0, set;
  g_autofree char *restore = NULL;
  gboolean locked;

  if (!_kdx_store_query_int (store, "PRAGMA busy_timeout", &timeout, NULL)
      || !_kdx_store_query_int (store, "PRAGMA busy_timeout = 0", &set, NULL))
    return FALSE;
  locked = _kdx_store_run (store, "BEGIN IMMEDIATE", NULL);
  restore = g_strdup_printf ("PRAGMA busy_timeout = %" G_GINT64_FORMAT, timeout);
  if (!_kdx_store_query_int (store, restore, &set, NULL))
    g_warning ("Cannot set the busy timeout back to %" G_GINT64_FORMAT " ms", timeout);
  return locked;
}

/* @store holds the write lock (let go here); @siblings, @n_parts
 * connections, are taken (each closed by its part). */
static KdxInsights *
compute_in_parts (KdxStore                 *store,
                  KdxStore                **siblings,
                  guint                     n_parts,
                  const Bounds             *bounds,
                  const KdxInsightsPeriod  *period,
                  const KdxInsightsFilter  *filter,
                  const KdxInsightsTargets *targets,
                  gint64                    lo,
                  gint64                    hi,
                  GError                  **error)
{
  Part parts[MAX_PARTS] = { { { 0 } } };
  GThread *threads[MAX_PARTS] = { NULL };
  GMutex mutex;
  GCond cond;
  guint begun = 0;
  gint64 width = (hi - lo) / n_parts + 1;
  KdxInsights *insights = NULL;
  gboolean ok = TRUE;

  g_mutex_init (&mutex);
  g_cond_init (&cond);
  for (guint p = 0; p < n_parts; p++)
    {
      Part *part = &parts[p];

      part->sibling = g_steal_pointer (&siblings[p]);
      part->bounds = *bounds;
      part->bounds.lo = p == 0 ? G_MININT64 : lo + width * p;
      part->bounds.hi = p + 1 == n_parts ? G_MAXINT64 : lo + width * (p + 1) - 1;
      part->mutex = &mutex;
      part->cond = &cond;
      part->begun = &begun;
      _kdx_store_insights_part_init (&part->part, period, filter);
      threads[p] = g_thread_new ("kdx-insights-part", part_thread, part);
    }
  /* Every part has its snapshot: writers may go on. */
  g_mutex_lock (&mutex);
  while (begun < n_parts)
    g_cond_wait (&cond, &mutex);
  g_mutex_unlock (&mutex);
  _kdx_store_run (store, "ROLLBACK", NULL);

  for (guint p = 0; p < n_parts; p++)
    {
      g_thread_join (threads[p]);
      if (!parts[p].ok && ok)
        {
          ok = FALSE;
          g_propagate_error (error, g_steal_pointer (&parts[p].error));
        }
    }
  if (ok)
    {
      merge_parts (parts, n_parts);
      /* The stuck KOLs are named from the KOLs the parts read. */
      if (_kdx_store_insights_conclude (store, &parts[0].part, targets, error))
        insights = g_steal_pointer (&parts[0].part.insights);
    }
  for (guint p = 0; p < n_parts; p++)
    {
      g_clear_error (&parts[p].error);
      _kdx_store_insights_part_clear (&parts[p].part);
    }
  g_mutex_clear (&mutex);
  g_cond_clear (&cond);
  return insights;
}

/* How many parts for @n_kols KOLs: one per processor, none with too
 * few KOLs apiece. */
static guint
parts_for (gint64 n_kols)
{
  guint n = MIN ((guint) g_get_num_processors (), MAX_PARTS);

  return (guint) CLAMP (MIN ((gint64) n, n_kols / PART_MIN_KOLS), 1, MAX_PARTS);
}

KdxInsights *
_kdx_insights_compute_in (KdxStore                 *store,
                          const KdxInsightsPeriod  *period,
                          const KdxInsightsFilter  *filter,
                          const KdxInsightsTargets *targets,
                          guint                     n_parts,
                          GError                  **error)
{
  g_auto(Bounds) bounds;
  KdxStore *siblings[MAX_PARTS] = { NULL };
  KdxInsights *insights = NULL;
  gint64 lo = 0, hi = -1, n_kols = 0;
  guint n = 0;

  g_return_val_if_fail (KDX_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  _kdx_store_insights_bounds_init (&bounds, period, filter);
  /* A shared snapshot is SQLite's write lock (see above). */
  if (n_parts != 1 && g_str_equal (store->backend->name, "SQLite") && !kdx_store_in_batch (store)
      && _kdx_store_query_int (store, "SELECT count(*) FROM kol", &n_kols, NULL))
    n = n_parts > 0 ? MIN (n_parts, MAX_PARTS) : parts_for (n_kols);
  /* The connections first: opening one reads the schema. */
  for (guint p = 0; n > 1 && p < n; p++)
    if ((siblings[p] = kdx_store_open_sibling (store, NULL)) == NULL)
      n = 0;
  if (n > 1 && try_write_lock (store))
    {
      g_debug ("Insights in %u parts", n);
      if (_kdx_store_query_int (store, "SELECT coalesce (min (id), 0) FROM kol", &lo, error)
          && _kdx_store_query_int (store, "SELECT coalesce (max (id), 0) FROM kol", &hi, error))
        insights = compute_in_parts (store, siblings, n, &bounds, period, filter, targets, lo, hi,
                                     error);
      else
        _kdx_store_run (store, "ROLLBACK", NULL);
    }
  else
    insights = compute_whole (store, &bounds, period, filter, targets, error);
  for (guint p = 0; p < MAX_PARTS; p++)
    g_clear_object (&siblings[p]);
  return insights;
}

KdxInsights *
_kdx_insights_compute_from_history (KdxStore                 *store,
                                    const KdxInsightsPeriod  *period,
                                    const KdxInsightsFilter  *filter,
                                    const KdxInsightsTargets *targets,
                                    GError                  **error)
{
  g_auto(Bounds) bounds;

  g_return_val_if_fail (KDX_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  _kdx_store_insights_bounds_init (&bounds, period, filter);
  bounds.from_history = TRUE;
  return compute_whole (store, &bounds, period, filter, targets, error);
}

KdxInsights *
kdx_insights_compute (KdxStore                 *store,
                      const KdxInsightsPeriod  *period,
                      const KdxInsightsFilter  *filter,
                      const KdxInsightsTargets *targets,
                      GError                  **error)
{
  return _kdx_insights_compute_in (store, period, filter, targets, 0, error);
}
