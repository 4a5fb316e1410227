/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <math.h>

#include "kdx-enum-types.h"
#include "kdx-store-insights-private.h"

/* Insights (issue 11): every number is an SQL aggregate over the rows of
 * the store; no KOL file is loaded. Each chart is one "pairs" query that
 * yields a key (its bar) and a KOL id, with what the bar adds up; the
 * chart's numbers are that query grouped by key, and a bar's drill-down
 * is the same query's ids for one key. So a bar and the KOLs the List
 * shows for it can never disagree. Medians and percentiles come from a
 * sorted list of durations, one number per stay (docs/insights.md). */




/* Working with them now: neither a prospect nor gone. */
#define ACTIVE "k.stage IN ('onboarding', 'growing', 'mature', 'declining')"

/* A KOL reached a step of the main path when, within the period, its
 * history entered that step or a later one. */
#define FUNNEL(join, filter) \
  "SELECT s.column2 AS key, r.kol_id AS kol_id FROM (\n" \
  "  SELECT h.kol_id AS kol_id, max (CASE h.stage WHEN 'candidate' THEN 0\n" \
  "    WHEN 'contacting' THEN 1 WHEN 'negotiating' THEN 2 WHEN 'onboarding' THEN 3\n" \
  "    WHEN 'growing' THEN 4 WHEN 'mature' THEN 5 END) AS step\n" \
  "  FROM stage_history h" join "\n" \
  "  WHERE TRUE" IN_PERIOD ("h.at") filter " GROUP BY h.kol_id) r\n" \
  "JOIN (VALUES (0, 'candidate'), (1, 'contacting'), (2, 'negotiating'),\n" \
  "  (3, 'onboarding'), (4, 'growing'), (5, 'mature')) s ON s.column1 <= r.step\n" \
  "UNION ALL\n" \
  "SELECT DISTINCT h.stage, h.kol_id FROM stage_history h" join "\n" \
  "WHERE h.stage IN ('declined', 'departed')" IN_PERIOD ("h.at") filter
static const char funnel_pairs[] = FUNNEL (" JOIN kol k ON k.id = h.kol_id", FILTER);

/* Each KOL approached under a key, with its attempts and whether any of
 * them came back "agreed". */
#define OUTREACH_PAIRS(key) \
  "SELECT " key " AS key, e.kol_id AS kol_id, count(*) AS attempts,\n" \
  "  max (CASE WHEN e.outcome = 'agreed' THEN 1 ELSE 0 END) AS agreed\n" \
  "FROM event e JOIN kol k ON k.id = e.kol_id\n" \
  "WHERE e.kind = 'outreach'" IN_PERIOD ("e.at") FILTER " GROUP BY 1, 2"

static const char pace_candidates_pairs[] =
  "SELECT " LOCAL_MONTH ("k.created_at") " || '|' || coalesce (k.category, '') AS key,\n"
  "  k.id AS kol_id FROM kol k WHERE TRUE" IN_PERIOD ("k.created_at") FILTER;

static const char pace_onboarded_pairs[] =
  "SELECT " LOCAL_MONTH ("o.at") " || '|' || coalesce (k.category, '') AS key,\n"
  "  k.id AS kol_id\n"
  "FROM (SELECT kol_id, min (at) AS at FROM stage_history WHERE stage = 'onboarding'\n"
  "      GROUP BY kol_id) o JOIN kol k ON k.id = o.kol_id\n"
  "WHERE TRUE" IN_PERIOD ("o.at") FILTER;

/* Every stay in a stage that overlaps the period: from its entry to the
 * next move, cut where the period ends (or today, when that is earlier)
 * if it lasts beyond. The end states have no stays. The stays and their
 * times as Julian days are kept by the store (schema 9, stage_stay); the
 * cut compares the times as text, as the days were always counted. */
#define STAYS(join, filter) \
  "SELECT s.stage AS key, s.kol_id AS kol_id,\n" \
  "  CASE WHEN coalesce (s.left_at, :cut) < :cut THEN s.left_day ELSE julianday (:cut) END\n" \
  "    - s.at_day AS days,\n" \
  "  (s.left_at IS NULL OR s.left_at >= :cut) AS open\n" \
  "FROM stage_stay s" join "\n" \
  "WHERE s.stage NOT IN ('departed', 'declined') AND s.at < :cut\n" \
  "  AND coalesce (s.left_at, :cut) > :from" IN_PART ("s.kol_id") filter
static const char stay_pairs[] = STAYS (" JOIN kol k ON k.id = s.kol_id", FILTER);
/* Without a filter, no KOL row is looked up. */
static const char stay_pairs_unfiltered[] = STAYS ("", "");

/* KOLs whose history entered Departed within the period (the last time). */
#define CHURN_PAIRS(key) \
  "SELECT " key " AS key, d.kol_id AS kol_id, d.at AS at\n" \
  "FROM (SELECT kol_id, max (at) AS at FROM stage_history h\n" \
  "      WHERE h.stage = 'departed'" IN_PERIOD ("h.at") " GROUP BY kol_id) d\n" \
  "JOIN kol k ON k.id = d.kol_id WHERE TRUE" FILTER

#define MIX_PAIRS(key) \
  "SELECT " key " AS key, k.id AS kol_id FROM kol k WHERE " ACTIVE FILTER

static const char fees_pairs[] =
  "SELECT k.plan || '|' || coalesce (k.currency, '') AS key, k.id AS kol_id,\n"
  "  CAST (k.fee AS DOUBLE PRECISION) AS amount\n"
  "FROM kol k WHERE " ACTIVE " AND coalesce (k.fee, '') <> ''" FILTER;

#define PAYMENT_PAIRS(key) \
  "SELECT " key " AS key, e.kol_id AS kol_id, CAST (e.amount AS DOUBLE PRECISION) AS amount\n" \
  "FROM event e JOIN kol k ON k.id = e.kol_id\n" \
  "WHERE e.kind = 'payment' AND coalesce (e.amount, '') <> ''" IN_PERIOD ("e.at") FILTER

static const char *const pairs_sql[KDX_INSIGHTS_N_CHARTS] = {
  [KDX_INSIGHTS_FUNNEL] = funnel_pairs,
  [KDX_INSIGHTS_OUTREACH_OVER_TIME] = NULL, /* by week or by month: week_pairs, month_pairs */
  [KDX_INSIGHTS_OUTREACH_BY_OWNER] = OUTREACH_PAIRS ("coalesce (k.owner, '')"),
  [KDX_INSIGHTS_OUTREACH_BY_CHANNEL] = OUTREACH_PAIRS ("coalesce (e.channel, '')"),
  [KDX_INSIGHTS_OUTREACH_BY_TIER] = OUTREACH_PAIRS ("k.tier"),
  [KDX_INSIGHTS_PACE_CANDIDATES] = pace_candidates_pairs,
  [KDX_INSIGHTS_PACE_ONBOARDED] = pace_onboarded_pairs,
  [KDX_INSIGHTS_TIME_IN_STAGE] = stay_pairs,
  [KDX_INSIGHTS_CHURN_BY_REASON] = CHURN_PAIRS ("coalesce (k.churn_reason, '')"),
  [KDX_INSIGHTS_CHURN_BY_SOURCE] = CHURN_PAIRS ("k.source"),
  [KDX_INSIGHTS_CHURN_BY_TIER] = CHURN_PAIRS ("k.tier"),
  [KDX_INSIGHTS_MIX_TIER] = MIX_PAIRS ("k.tier"),
  [KDX_INSIGHTS_MIX_PLATFORM] = MIX_PAIRS ("coalesce (k.platform, '')"),
  [KDX_INSIGHTS_MIX_SOURCE] = MIX_PAIRS ("k.source"),
  [KDX_INSIGHTS_COST_FEES_BY_PLAN] = fees_pairs,
  [KDX_INSIGHTS_COST_PAYMENTS_BY_PLAN] =
    PAYMENT_PAIRS ("k.plan || '|' || coalesce (k.currency, '')"),
  [KDX_INSIGHTS_COST_PAYMENTS_BY_MONTH] =
    PAYMENT_PAIRS (LOCAL_MONTH ("e.at") " || '|' || coalesce (k.currency, '')"),
  /* The active KOLs of each currency; the payments come from payments_by_currency. */
  [KDX_INSIGHTS_COST_PER_ACTIVE] = MIX_PAIRS ("coalesce (k.currency, '')"),
};

static const char week_pairs[] = OUTREACH_PAIRS (LOCAL_WEEK ("e.at"));
static const char month_pairs[] = OUTREACH_PAIRS (LOCAL_MONTH ("e.at"));

/* What every query binds: the period and the filter. */
static const char *
chart_pairs (KdxInsightsChartId  chart,
             const Bounds       *bounds)
{
  if (chart == KDX_INSIGHTS_OUTREACH_OVER_TIME)
    return bounds->by_week ? week_pairs : month_pairs;
  return pairs_sql[chart];
}


/* All four outreach charts in one pass over the period's outreach, KOL
 * by KOL (the event_kind index gives them in that order): each KOL adds
 * one to the bar of its owner and tier and of every channel and week or
 * month it was approached in, with its attempts there, and counts as
 * agreed where one of those attempts came back "agreed". The same
 * numbers as grouping each chart's pairs query, without four passes. */

static void
tally_add (GHashTable *tallies,
           const char *key,
           gint64      count,
           gint64      attempts,
           gint64      agreed,
           double      amount)
{
  Tally *tally = g_hash_table_lookup (tallies, key);

  if (tally == NULL)
    {
      tally = g_new0 (Tally, 1);
      tally->key = g_strdup (key);
      g_hash_table_insert (tallies, tally->key, tally);
    }
  tally->count += count;
  tally->attempts += attempts;
  tally->agreed = count > 0 ? tally->agreed + agreed : MAX (tally->agreed, agreed);
  tally->amount += amount;
}

int
_kdx_store_insights_tier_rank (const char *tier)
{
  return g_str_equal (tier, "head") ? 0 : g_str_equal (tier, "waist") ? 1
         : g_str_equal (tier, "tail") ? 2 : 3;
}

static int
tally_by_key (gconstpointer a,
              gconstpointer b)
{
  return strcmp ((*(Tally *const *) a)->key, (*(Tally *const *) b)->key);
}

static int
tally_by_tier (gconstpointer a,
               gconstpointer b)
{
  return _kdx_store_insights_tier_rank ((*(Tally *const *) a)->key)
         - _kdx_store_insights_tier_rank ((*(Tally *const *) b)->key);
}

static int
tally_by_count (gconstpointer a,
                gconstpointer b)
{
  const Tally *x = *(Tally *const *) a, *y = *(Tally *const *) b;

  return x->count != y->count ? (x->count < y->count ? 1 : -1) : strcmp (x->key, y->key);
}

static void
tally_to_bars (KdxInsights        *insights,
               KdxInsightsChartId  chart,
               GHashTable         *tallies,
               GCompareFunc        order)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (g_hash_table_size (tallies));
  GHashTableIter iter;
  gpointer tally;

  g_hash_table_iter_init (&iter, tallies);
  while (g_hash_table_iter_next (&iter, NULL, &tally))
    g_ptr_array_add (sorted, tally);
  g_ptr_array_sort (sorted, order);
  for (guint i = 0; i < sorted->len; i++)
    {
      Tally *tally = g_ptr_array_index (sorted, i);
      KdxInsightsBar *bar = _kdx_insights_add_bar (insights, chart, tally->key);

      bar->count = tally->count;
      bar->attempts = tally->attempts;
      bar->part = tally->agreed;
      bar->value = tally->amount;
    }
}

static void
unref_tables (GHashTable **tables,
              guint        n)
{
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&tables[i], g_hash_table_unref);
}

static gboolean
add_outreach_charts (KdxStore      *self,
                     KdxInsights   *insights,
                     const Bounds  *bounds,
                     const KolRows *kols,
                     GError       **error)
{
  enum { TIME, OWNER, CHANNEL, TIER, N_KEYS };
  /* By month, the time itself: its month is worked out beside. */
  const KeySpec keys[N_KEYS] = {
    [TIME] = { 4, !bounds->by_week, -1 }, [OWNER] = { -1, FALSE, KOL_OWNER },
    [CHANNEL] = { 5, FALSE, -1 }, [TIER] = { -1, FALSE, KOL_TIER },
  };
  g_autofree char *sql = g_strdup_printf (
    "SELECT e.kol_id, 1, e.outcome = 'agreed', 0, %s, coalesce (e.channel, '')\n"
    "FROM event e WHERE e.kind = 'outreach'" IN_PERIOD ("e.at") IN_PART ("e.kol_id")
    " ORDER BY e.kol_id",
    bounds->by_week ? LOCAL_WEEK ("e.at") : "e.at");
  GHashTable *charts[N_KEYS] = { NULL };
  gboolean ok = _kdx_store_insights_tally_by_kol (self, sql, bounds, kols, keys, N_KEYS, charts, error);

  if (ok)
    {
      tally_to_bars (insights, KDX_INSIGHTS_OUTREACH_OVER_TIME, charts[TIME], tally_by_key);
      tally_to_bars (insights, KDX_INSIGHTS_OUTREACH_BY_OWNER, charts[OWNER], tally_by_count);
      tally_to_bars (insights, KDX_INSIGHTS_OUTREACH_BY_CHANNEL, charts[CHANNEL], tally_by_count);
      tally_to_bars (insights, KDX_INSIGHTS_OUTREACH_BY_TIER, charts[TIER], tally_by_tier);
    }
  unref_tables (charts, N_KEYS);
  return ok;
}

/* Every KOL has one tier and one source, so the tiers' outreach and the
 * sources' departures add up to the whole period's: passes saved. */
static void
set_totals (KdxInsights *insights)
{
  KdxInsightsChart *tiers = kdx_insights_get_chart (insights, KDX_INSIGHTS_OUTREACH_BY_TIER);
  KdxInsightsChart *sources = kdx_insights_get_chart (insights, KDX_INSIGHTS_CHURN_BY_SOURCE);
  gint64 attempts = 0, approached = 0, agreed = 0, departed = 0;
  double median;

  for (guint i = 0; i < tiers->bars->len; i++)
    {
      KdxInsightsBar *bar = g_ptr_array_index (tiers->bars, i);
      attempts += bar->attempts;
      approached += bar->count;
      agreed += bar->part;
    }
  _kdx_insights_set_outreach (insights, attempts, approached, agreed);
  for (guint i = 0; i < sources->bars->len; i++)
    departed += ((KdxInsightsBar *) g_ptr_array_index (sources->bars, i))->count;
  kdx_insights_get_churn (insights, NULL, &median);
  _kdx_insights_set_churn (insights, departed, median);
}

/* A stay that has outlasted twice its stage's median, its KOL's name and
 * owner still to be read. */
typedef struct
{
  gint64   id;
  KdxStage stage;
  double   days;
  double   median;
} StuckStay;

static int
stuck_stay_by_id (gconstpointer a,
                  gconstpointer b)
{
  gint64 x = ((const StuckStay *) a)->id, y = ((const StuckStay *) b)->id;

  return (x > y) - (x < y);
}

static void
add_stuck (KdxInsights     *insights,
           const StuckStay *stay,
           const KolRow    *kol)
{
  KdxInsightsStuck *stuck = g_new0 (KdxInsightsStuck, 1);

  stuck->id = stay->id;
  stuck->display_name = g_strdup (kol->display_name);
  stuck->owner = g_strdup (kol->owner);
  stuck->stage = stay->stage;
  stuck->days = stay->days;
  stuck->median = stay->median;
  _kdx_insights_add_stuck (insights, stuck);
}

/* The stuck KOLs with their names and owners, from the KOLs the parts
 * read (every stay's KOL is among them, the filter being the same): one
 * walk beside the stays sorted by id. There may be tens of thousands over
 * all time at 100,000 KOLs; reading their names here, after the parts,
 * was a pass over every KOL row that nothing ran beside. */
static void
add_stuck_kols (KdxInsights   *insights,
                GArray        *stays,
                const KolRows *kols)
{
  const KolRow *rows = (const KolRow *) kols->rows->data;
  guint row = 0;
  gboolean sorted = TRUE;

  /* A stage's stays come in KOL order from the passes over the digests
   * (sorting them was a tenth of a refresh's time after its parts). */
  for (guint i = 1; i < stays->len && sorted; i++)
    sorted = g_array_index (stays, StuckStay, i - 1).id <= g_array_index (stays, StuckStay, i).id;
  if (!sorted)
    g_array_sort (stays, stuck_stay_by_id);
  for (guint i = 0; i < stays->len; i++)
    {
      const StuckStay *stay = &g_array_index (stays, StuckStay, i);

      while (row < kols->rows->len && rows[row].id < stay->id)
        row++;
      if (row < kols->rows->len && rows[row].id == stay->id)
        add_stuck (insights, stay, &rows[row]);
    }
}

static int
stuck_longest_first (gconstpointer a,
                     gconstpointer b)
{
  const KdxInsightsStuck *x = *(KdxInsightsStuck *const *) a;
  const KdxInsightsStuck *y = *(KdxInsightsStuck *const *) b;

  return x->days < y->days ? 1 : x->days > y->days ? -1 : (x->id > y->id) - (x->id < y->id);
}

/* Time in stage, first half: the days of every stay of the part's KOLs,
 * stage by stage, and of the open ones which KOL it is. */
static gboolean
gather_stays (KdxStore      *self,
              const Bounds  *bounds,
              InsightsPart  *part,
              GError       **error)
{
  /* Ranked later, stage by stage: cheaper than SQLite sorting every stay. */
  g_autofree char *sql = g_strdup_printf ("SELECT key, days, open, kol_id FROM (%s) AS pairs",
                                          _kdx_store_insights_bounds_filtered (bounds) ? stay_pairs
                                                                   : stay_pairs_unfiltered);
  const char *names[KDX_N_STAGES];
  KdxStmt *stmt = _kdx_store_insights_prepare (self, sql, bounds, NULL, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  for (guint s = 0; s < KDX_N_STAGES; s++)
    names[s] = kdx_stage_to_string (s);
  while ((rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
    {
      const char *text = kdx_stmt_column_text (stmt, 0);
      double days = kdx_stmt_column_double (stmt, 1);
      guint stage = 0;

      /* A few short names compared beat an enum lookup per stay. */
      while (stage < KDX_N_STAGES && strcmp (text, names[stage]) != 0)
        stage++;
      if (stage == KDX_N_STAGES)
        continue;
      g_array_append_val (part->stays[stage], days);
      if (kdx_stmt_column_int (stmt, 2))
        {
          double id = (double) kdx_stmt_column_int64 (stmt, 3);
          g_array_append_val (part->open[stage], days);
          g_array_append_val (part->open[stage], id);
        }
    }
  return _kdx_store_insights_finish_rows (self, stmt, rc, error);
}

/* Time in stage, second half, once every KOL's stays are in: each
 * stage's median and 90th percentile; the open stays beyond twice the
 * median are the stuck KOLs. */
static gboolean
conclude_time_in_stage (KdxStore      *self,
                        InsightsPart  *part,
                        GError       **error)
{
  g_autoptr(GArray) stuck = g_array_new (FALSE, FALSE, sizeof (StuckStay));

  for (guint s = 0; s < KDX_N_STAGES; s++)
    {
      gsize n = part->stays[s]->len;
      GArray *open = part->open[s];
      KdxInsightsBar *bar;

      if (s == KDX_STAGE_DEPARTED || s == KDX_STAGE_DECLINED)
        continue;
      bar = _kdx_insights_add_bar (part->insights, KDX_INSIGHTS_TIME_IN_STAGE,
                                   kdx_stage_to_string (s));
      bar->count = n;
      _kdx_insights_median_and_p90 ((double *) part->stays[s]->data, n, &bar->value, &bar->p90);
      g_array_set_size (stuck, 0);
      for (guint i = 0; n > 0 && i + 1 < open->len; i += 2)
        {
          StuckStay stay = { (gint64) g_array_index (open, double, i + 1), s,
                             g_array_index (open, double, i), bar->value };

          if (stay.days > 2.0 * bar->value)
            g_array_append_val (stuck, stay);
        }
      add_stuck_kols (part->insights, stuck, &part->kols);
    }
  g_ptr_array_sort (kdx_insights_get_stuck (part->insights), stuck_longest_first);
  return TRUE;
}

static int
double_ascending (gconstpointer a,
                  gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Payments per active KOL, per currency (never summed across
 * currencies): @currencies, the active KOLs of each currency (tallies
 * from add_active_charts(), added to here), and @payments (the period's
 * payments by currency). */
static gboolean
add_cost_per_active (KdxInsights   *insights,
                     GHashTable    *currencies,
                     GHashTable    *payments)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, payments);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    tally_add (currencies, ((Tally *) value)->key, 0, 0, 0, ((Tally *) value)->amount);

  g_hash_table_iter_init (&iter, currencies);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (sorted, value);
  g_ptr_array_sort (sorted, tally_by_key);
  for (guint i = 0; i < sorted->len; i++)
    {
      Tally *tally = g_ptr_array_index (sorted, i);
      KdxInsightsBar *bar = _kdx_insights_add_bar (insights, KDX_INSIGHTS_COST_PER_ACTIVE,
                                                   tally->key);
      bar->count = tally->count;
      bar->sum = tally->amount;
      bar->value = bar->count > 0 ? bar->sum / (double) bar->count : NAN;
    }
  return TRUE;
}

/* Beside the pass over the KOLs (add_kol_charts()), in KOL id order:
 * each KOL's first move to Onboarding, with its local month when that
 * lies in the period (the pace of onboarding: pace_onboarded_pairs)... */
static const char onboarded_stream[] =
  "SELECT kol_id, CASE WHEN TRUE" IN_PERIOD ("min (at)") " THEN " LOCAL_MONTH ("min (at)") " END\n"
  "FROM stage_history WHERE stage = 'onboarding'" IN_PART ("kol_id") "\n"
  "GROUP BY kol_id ORDER BY kol_id";

/* ...and each KOL's last move to Departed in the period (CHURN_PAIRS),
 * with the days since its first move to Onboarding before it (NULL:
 * never onboarded), for the churn median. Both read the stage index
 * alone, in its order: no sort. */
static const char departed_stream[] =
  "SELECT h.kol_id, julianday (max (h.at)) - julianday ((SELECT min (o.at) FROM stage_history o\n"
  "    WHERE o.kol_id = h.kol_id AND o.stage = 'onboarding' AND o.at <= max (h.at)))\n"
  "FROM stage_history h WHERE h.stage = 'departed'" IN_PERIOD ("h.at") IN_PART ("h.kol_id") "\n"
  "GROUP BY h.kol_id ORDER BY h.kol_id";

/* Steps @stream (rows of a KOL id, ascending) up to KOL @id: TRUE when
 * its current row is that KOL's. */
static gboolean
stream_reaches (KdxStmt *stream,
                int     *rc,
                gint64   id)
{
  while (*rc == KDX_STMT_ROW && kdx_stmt_column_int64 (stream, 0) < id)
    *rc = kdx_stmt_step (stream);
  return *rc == KDX_STMT_ROW && kdx_stmt_column_int64 (stream, 0) == id;
}

/* The charts of the KOLs, in one pass over them in id order (the KOL
 * row read once, for every chart that needs it): the new candidates of
 * the period (created in it) and the newly onboarded (beside it,
 * onboarded_stream) by month and category; the departed (beside it,
 * departed_stream) by reason, source and tier, with the days for the
 * churn median into @part; and of the active KOLs the mix by tier,
 * platform and source, the fees by plan and currency, and the number of
 * each currency (@actives, for cost per active KOL). The same numbers as
 * grouping each chart's pairs query, one KOL a row. Each KOL's keys go
 * into @kols for the passes over the events. */
static void
reset_streams (KdxStmt *onboarded,
               KdxStmt *departed,
               KdxStmt *digests)
{
  if (onboarded != NULL)
    kdx_stmt_reset (onboarded);
  if (departed != NULL)
    kdx_stmt_reset (departed);
  if (digests != NULL)
    kdx_stmt_reset (digests);
}

#define KOL_PASS \
    "SELECT k.tier, coalesce (k.platform, ''), k.source, k.plan || '|' || coalesce (k.currency, ''),\n" \
    "  coalesce (k.fee, '') <> '', CAST (nullif (k.fee, '') AS DOUBLE PRECISION), coalesce (k.currency, ''),\n" \
    "  " ACTIVE ", CASE WHEN TRUE" IN_PERIOD ("k.created_at") " THEN\n" \
    "    " LOCAL_MONTH ("k.created_at") " || '|' || coalesce (k.category, '') END,\n" \
    "  k.id, coalesce (k.category, ''), coalesce (k.churn_reason, ''), coalesce (k.owner, ''),\n" \
    "  k.display_name, k.owner\n" \
    "FROM kol k WHERE TRUE" IN_PART ("k.id") FILTER " ORDER BY k.id"

/* A row of KOL_PASS as the fields the charts need. */
static void
read_kol_row (KdxStmt  *stmt,
              KolFields *kol)
{
  static const int columns[KOL_N_FIELDS] = {
    [KOL_FIELD_TIER] = 0, [KOL_FIELD_PLATFORM] = 1, [KOL_FIELD_SOURCE] = 2,
    [KOL_FIELD_PLAN] = 3, [KOL_FIELD_CURRENCY] = 6, [KOL_FIELD_CANDIDATE] = 8,
    [KOL_FIELD_CATEGORY] = 10, [KOL_FIELD_REASON] = 11, [KOL_FIELD_OWNER_KEY] = 12,
    [KOL_FIELD_NAME] = 13, [KOL_FIELD_OWNER] = 14,
  };

  for (guint i = 0; i < KOL_N_FIELDS; i++)
    kol->text[i] = kdx_stmt_column_text (stmt, columns[i]);
  kol->id = kdx_stmt_column_int64 (stmt, 9);
  kol->has_fee = kdx_stmt_column_int (stmt, 4);
  kol->fee = kdx_stmt_column_double (stmt, 5);
  kol->active = kdx_stmt_column_int (stmt, 7);
}

/* With @digest (SQLite), each KOL's digest is read beside its row and
 * counted there (kdx-store-insights-digest.c): its onboarding and
 * departure for these charts, and the funnel, outreach, stays and
 * payments into @digest; and the row is read as its plain columns,
 * the keys joined in C (the engine's concatenations were most of the
 * pass's time). */
static gboolean
add_kol_charts (KdxStore      *self,
                KdxInsights   *insights,
                const Bounds  *bounds,
                InsightsPart  *part,
                GHashTable    *actives,
                KolRows       *kols,
                DigestPass    *digest,
                GError       **error)
{
  enum { TIER, PLATFORM, SOURCE, FEES, CANDIDATES, ONBOARDED, REASON, CHURN_SOURCE,
         CHURN_TIER, N_CHARTS };
  static const char history_sql[] = KOL_PASS;
  /* Beside it, in the same order: a walk, cheaper than a join's seek
   * into the digests for every KOL. */
  static const char digests_stream[] =
    "SELECT kol_id, body FROM kol_digest WHERE TRUE" IN_PART ("kol_id") " ORDER BY kol_id";
  /* The fields that are the KOL's keys in kols. */
  static const int kol_fields[KOL_N_KEYS] = {
    [KOL_OWNER] = KOL_FIELD_OWNER_KEY, [KOL_TIER] = KOL_FIELD_TIER, [KOL_PLAN] = KOL_FIELD_PLAN,
    [KOL_CURRENCY] = KOL_FIELD_CURRENCY,
  };
  GHashTable *charts[N_CHARTS];
  /* Memos of the charts keyed by one of a few texts, and of the keys. */
  TallyMemo memos[N_CHARTS + 1] = { { { NULL }, 0 } };
  const char *recent[KOL_N_KEYS][TALLY_MEMO_SIZE] = { { NULL } };
  guint next[KOL_N_KEYS] = { 0 };
  g_autoptr(GString) key = g_string_new (NULL);
  KdxStmt *stmt, *onboarded = NULL, *departed = NULL, *digests = NULL;
  gboolean ok;
  int rc, onboarded_rc = KDX_STMT_DONE, departed_rc = KDX_STMT_DONE, digests_rc = KDX_STMT_DONE;

  for (guint i = 0; i < N_CHARTS; i++)
    charts[i] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) _kdx_store_insights_tally_free);
  if ((digest == NULL
       && ((onboarded = _kdx_store_insights_prepare (self, onboarded_stream, bounds, NULL, error)) == NULL
           || (departed = _kdx_store_insights_prepare (self, departed_stream, bounds, NULL, error)) == NULL))
      || (digest != NULL
          && (digests = _kdx_store_insights_prepare (self, digests_stream, bounds, NULL, error)) == NULL)
      || (stmt = _kdx_store_insights_prepare (self, digest != NULL ? _kdx_store_insights_lean_kol_sql
                                                                   : history_sql,
                                              bounds, NULL, error)) == NULL)
    {
      reset_streams (onboarded, departed, digests);
      unref_tables (charts, N_CHARTS);
      return FALSE;
    }
  if (digest == NULL)
    {
      onboarded_rc = kdx_stmt_step (onboarded);
      departed_rc = kdx_stmt_step (departed);
    }
  else
    digests_rc = kdx_stmt_step (digests);
  ok = TRUE;
  while (ok && (rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
    {
      KolFields kol;
      KolRow row = { 0, { NULL }, NULL, NULL };
      DigestKol facts = { NULL, FALSE, FALSE, 0.0 };

      if (digest != NULL)
        ok = _kdx_store_insights_read_lean_kol (digest, stmt, &kol, error);
      else
        read_kol_row (stmt, &kol);
      if (!ok)
        break;
      row.id = kol.id;
      for (guint k = 0; k < KOL_N_KEYS; k++)
        {
          const char *text = kol.text[kol_fields[k]];
          row.key[k] = text != NULL ? _kdx_store_insights_intern (kols->texts, recent[k], &next[k], text)
                                    : NULL;
        }
      /* The names, for the stuck KOLs (add_stuck_kols()). */
      row.display_name = g_string_chunk_insert (kols->texts, kol.text[KOL_FIELD_NAME]);
      row.owner = kol.text[KOL_FIELD_OWNER] != NULL
                    ? g_string_chunk_insert (kols->texts, kol.text[KOL_FIELD_OWNER]) : NULL;
      g_array_append_val (kols->rows, row);

      if (digest != NULL)
        {
          gboolean has = stream_reaches (digests, &digests_rc, kol.id);

          ok = _kdx_store_insights_digest_kol (digest, &row,
                                               has ? kdx_stmt_column_blob (digests, 1) : NULL,
                                               has ? kdx_stmt_column_bytes (digests, 1) : 0,
                                               &facts, error);
          if (!ok)
            break;
        }
      else
        {
          if (stream_reaches (onboarded, &onboarded_rc, kol.id)
              && kdx_stmt_column_type (onboarded, 1) != KDX_STMT_TYPE_NULL)
            facts.onboarded_month = kdx_stmt_column_text (onboarded, 1);
          if ((facts.departed = stream_reaches (departed, &departed_rc, kol.id))
              && kdx_stmt_column_type (departed, 1) != KDX_STMT_TYPE_NULL)
            {
              facts.has_churn_days = TRUE;
              facts.churn_days = kdx_stmt_column_double (departed, 1);
            }
        }
      /* Created within the period: a new candidate of its month. */
      if (kol.text[KOL_FIELD_CANDIDATE] != NULL)
        _kdx_store_insights_tally_of (charts[CANDIDATES], kol.text[KOL_FIELD_CANDIDATE])->count++;
      if (facts.onboarded_month != NULL)
        {
          g_string_assign (key, facts.onboarded_month);
          g_string_append_c (key, '|');
          g_string_append (key, kol.text[KOL_FIELD_CATEGORY]);
          _kdx_store_insights_tally_of (charts[ONBOARDED], key->str)->count++;
        }
      if (facts.departed)
        {
          _kdx_store_insights_memo_tally (&memos[REASON], charts[REASON], kol.text[KOL_FIELD_REASON])->count++;
          _kdx_store_insights_memo_tally (&memos[CHURN_SOURCE], charts[CHURN_SOURCE],
                                          kol.text[KOL_FIELD_SOURCE])->count++;
          _kdx_store_insights_memo_tally (&memos[CHURN_TIER], charts[CHURN_TIER],
                                          kol.text[KOL_FIELD_TIER])->count++;
          if (facts.has_churn_days)
            g_array_append_val (part->churn_days, facts.churn_days);
        }
      if (!kol.active)
        continue;
      for (guint i = TIER; i <= SOURCE; i++)
        {
          static const int fields[] = { [TIER] = KOL_FIELD_TIER, [PLATFORM] = KOL_FIELD_PLATFORM,
                                        [SOURCE] = KOL_FIELD_SOURCE };

          _kdx_store_insights_memo_tally (&memos[i], charts[i], kol.text[fields[i]])->count++;
        }
      if (kol.has_fee)
        {
          Tally *fees = _kdx_store_insights_memo_tally (&memos[FEES], charts[FEES], kol.text[KOL_FIELD_PLAN]);

          fees->count++;
          fees->amount += kol.fee;
        }
      _kdx_store_insights_memo_tally (&memos[N_CHARTS], actives, kol.text[KOL_FIELD_CURRENCY])->count++;
    }
  if (ok)
    ok = _kdx_store_insights_finish_rows (self, stmt, rc, error);
  else
    kdx_stmt_reset (stmt);
  if (ok && ((onboarded_rc != KDX_STMT_ROW && onboarded_rc != KDX_STMT_DONE)
             || (departed_rc != KDX_STMT_ROW && departed_rc != KDX_STMT_DONE)
             || (digests_rc != KDX_STMT_ROW && digests_rc != KDX_STMT_DONE)))
    ok = _kdx_store_set_error (self, error);
  reset_streams (onboarded, departed, digests);
  if (ok)
    {
      tally_to_bars (insights, KDX_INSIGHTS_MIX_TIER, charts[TIER], tally_by_tier);
      tally_to_bars (insights, KDX_INSIGHTS_MIX_PLATFORM, charts[PLATFORM], tally_by_count);
      tally_to_bars (insights, KDX_INSIGHTS_MIX_SOURCE, charts[SOURCE], tally_by_key);
      tally_to_bars (insights, KDX_INSIGHTS_COST_FEES_BY_PLAN, charts[FEES], tally_by_key);
      tally_to_bars (insights, KDX_INSIGHTS_PACE_CANDIDATES, charts[CANDIDATES], tally_by_key);
      tally_to_bars (insights, KDX_INSIGHTS_PACE_ONBOARDED, charts[ONBOARDED], tally_by_key);
      tally_to_bars (insights, KDX_INSIGHTS_CHURN_BY_REASON, charts[REASON], tally_by_count);
      tally_to_bars (insights, KDX_INSIGHTS_CHURN_BY_SOURCE, charts[CHURN_SOURCE], tally_by_key);
      tally_to_bars (insights, KDX_INSIGHTS_CHURN_BY_TIER, charts[CHURN_TIER], tally_by_tier);
    }
  unref_tables (charts, N_CHARTS);
  return ok;
}

/* The payment charts (by plan, by month) and cost per active KOL in one
 * pass over the period's payments, KOL by KOL, as the outreach charts:
 * each KOL counts once under each of its keys, with its amounts there. */
static gboolean
add_payment_charts (KdxStore      *self,
                    KdxInsights   *insights,
                    const Bounds  *bounds,
                    GHashTable    *actives,
                    const KolRows *kols,
                    GError       **error)
{
  enum { PLAN, MONTH, CURRENCY, N_KEYS };
  static const KeySpec keys[N_KEYS] = {
    [PLAN] = { -1, FALSE, KOL_PLAN }, [MONTH] = { 4, TRUE, KOL_CURRENCY },
    [CURRENCY] = { -1, FALSE, KOL_CURRENCY },
  };
  GHashTable *charts[N_KEYS] = { NULL };
  gboolean ok = _kdx_store_insights_tally_by_kol (self,
                              "SELECT e.kol_id, 0, 0, CAST (e.amount AS DOUBLE PRECISION), e.at\n"
                              "FROM event e\n"
                              "WHERE e.kind = 'payment' AND coalesce (e.amount, '') <> ''"
                              IN_PERIOD ("e.at") IN_PART ("e.kol_id") " ORDER BY e.kol_id",
                              bounds, kols, keys, N_KEYS, charts, error);

  if (ok)
    {
      tally_to_bars (insights, KDX_INSIGHTS_COST_PAYMENTS_BY_PLAN, charts[PLAN], tally_by_key);
      tally_to_bars (insights, KDX_INSIGHTS_COST_PAYMENTS_BY_MONTH, charts[MONTH], tally_by_key);
      add_cost_per_active (insights, actives, charts[CURRENCY]);
    }
  unref_tables (charts, N_KEYS);
  return ok;
}

/* The charts a digest pass counted (DigestPass), as their own passes
 * over the history give them. */
static void
add_digest_charts (KdxInsights *insights,
                   DigestPass  *digest,
                   GHashTable  *actives)
{
  _kdx_store_insights_funnel_bars (insights, digest->funnel);
  tally_to_bars (insights, KDX_INSIGHTS_OUTREACH_OVER_TIME, digest->outreach[DIGEST_TIME], tally_by_key);
  tally_to_bars (insights, KDX_INSIGHTS_OUTREACH_BY_OWNER, digest->outreach[DIGEST_OWNER], tally_by_count);
  tally_to_bars (insights, KDX_INSIGHTS_OUTREACH_BY_CHANNEL, digest->outreach[DIGEST_CHANNEL], tally_by_count);
  tally_to_bars (insights, KDX_INSIGHTS_OUTREACH_BY_TIER, digest->outreach[DIGEST_TIER], tally_by_tier);
  tally_to_bars (insights, KDX_INSIGHTS_COST_PAYMENTS_BY_PLAN, digest->payments[DIGEST_PLAN], tally_by_key);
  tally_to_bars (insights, KDX_INSIGHTS_COST_PAYMENTS_BY_MONTH, digest->payments[DIGEST_MONTH], tally_by_key);
  add_cost_per_active (insights, actives, digest->payments[DIGEST_CURRENCY]);
}

void
_kdx_store_insights_part_init (InsightsPart            *part,
                               const KdxInsightsPeriod *period,
                               const KdxInsightsFilter *filter)
{
  part->insights = _kdx_insights_new (period, filter);
  for (guint s = 0; s < KDX_N_STAGES; s++)
    {
      part->stays[s] = g_array_new (FALSE, FALSE, sizeof (double));
      part->open[s] = g_array_new (FALSE, FALSE, sizeof (double));
    }
  part->churn_days = g_array_new (FALSE, FALSE, sizeof (double));
  _kdx_store_insights_kol_rows_init (&part->kols);
}

void
_kdx_store_insights_part_clear (InsightsPart *part)
{
  g_clear_pointer (&part->insights, kdx_insights_unref);
  for (guint s = 0; s < KDX_N_STAGES; s++)
    {
      g_clear_pointer (&part->stays[s], g_array_unref);
      g_clear_pointer (&part->open[s], g_array_unref);
    }
  g_clear_pointer (&part->churn_days, g_array_unref);
  _kdx_store_insights_kol_rows_clear (&part->kols);
}

gboolean
_kdx_store_insights_gather (KdxStore      *self,
                            const Bounds  *bounds,
                            InsightsPart  *part,
                            GError       **error)
{
  KdxInsights *insights = part->insights;
  g_autoptr(GHashTable) actives = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) _kdx_store_insights_tally_free);

  /* SQLite: one pass over the KOLs and their digests. */
  if (g_str_equal (self->backend->name, "SQLite") && !bounds->from_history)
    {
      DigestPass digest;
      gboolean ok = _kdx_store_insights_digest_begin (&digest, self, bounds, part, error)
                    && add_kol_charts (self, insights, bounds, part, actives, &part->kols, &digest,
                                       error);

      if (ok)
        add_digest_charts (insights, &digest, actives);
      _kdx_store_insights_digest_clear (&digest);
      return ok;
    }
  /* The pass over the KOLs first: it reads the keys the others need. */
  return add_kol_charts (self, insights, bounds, part, actives, &part->kols, NULL, error)
         && _kdx_store_insights_add_funnel (self, insights, bounds, error)
         && add_outreach_charts (self, insights, bounds, &part->kols, error)
         && gather_stays (self, bounds, part, error)
         && add_payment_charts (self, insights, bounds, actives, &part->kols, error);
}

gboolean
_kdx_store_insights_conclude (KdxStore                 *self,
                              InsightsPart             *part,
                              const KdxInsightsTargets *targets,
                              GError                  **error)
{
  GArray *days = part->churn_days;

  if (!conclude_time_in_stage (self, part, error))
    return FALSE;
  g_array_sort (days, double_ascending);
  /* How many departed is added up with the other totals (set_totals()). */
  _kdx_insights_set_churn (part->insights, 0,
                           kdx_insights_median ((const double *) days->data, days->len));
  set_totals (part->insights);
  _kdx_insights_finish (part->insights, targets);
  return TRUE;
}

GArray *
kdx_insights_bar_ids (KdxStore                *store,
                      const KdxInsightsPeriod *period,
                      const KdxInsightsFilter *filter,
                      KdxInsightsChartId       chart,
                      const char              *key,
                      GError                 **error)
{
  g_auto(Bounds) bounds;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *sql = NULL;
  KdxStmt *stmt;
  int rc;

  g_return_val_if_fail (KDX_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (chart < KDX_INSIGHTS_N_CHARTS, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  _kdx_store_insights_bounds_init (&bounds, period, filter);
  sql = g_strdup_printf ("SELECT DISTINCT kol_id FROM (%s) AS pairs WHERE key = :key ORDER BY kol_id",
                         chart_pairs (chart, &bounds));
  if ((stmt = _kdx_store_insights_prepare (store, sql, &bounds, key, error)) == NULL)
    return NULL;
  while ((rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
    {
      gint64 id = kdx_stmt_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (!_kdx_store_insights_finish_rows (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&ids);
}
