/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include "kdx-store-insights-private.h"

/* The funnel's moves in one read of the stage index (stage, kol_id, at),
 * which holds every column asked for: each KOL's moves within the period
 * into a step of the main path or a side exit. */
#define FUNNEL_MOVES(join, filter) \
  "SELECT h.kol_id, h.stage FROM stage_history h" join "\n" \
  "WHERE h.stage IN ('candidate', 'contacting', 'negotiating', 'onboarding', 'growing',\n" \
  "  'mature', 'declined', 'departed')" IN_PERIOD ("h.at") IN_PART ("h.kol_id") filter
static const char funnel_moves[] = FUNNEL_MOVES (" JOIN kol k ON k.id = h.kol_id", FILTER);
/* Without a filter, no KOL row is looked up. */
static const char funnel_moves_unfiltered[] = FUNNEL_MOVES ("", "");


static const char *const steps[] = { "candidate", "contacting", "negotiating", "onboarding",
                                     "growing", "mature", "declined", "departed" };

/* Each KOL counts once at every step up to its furthest one and once per
 * side exit: the same numbers as grouping funnel_pairs by key, without
 * SQLite joining every KOL to six steps and sorting the pairs. */
gboolean
_kdx_store_insights_add_funnel (KdxStore      *self,
                                KdxInsights   *insights,
                                const Bounds  *bounds,
                                GError       **error)
{
  g_autoptr(GHashTable) kols = g_hash_table_new (g_direct_hash, g_direct_equal);
  gint64 counts[G_N_ELEMENTS (steps)] = { 0 };
  char last_stage[16] = "";
  guint bits = 0;
  GHashTableIter iter;
  gpointer value;
  KdxStmt *stmt;
  int rc;

  if ((stmt = _kdx_store_insights_prepare (self, _kdx_store_insights_bounds_filtered (bounds) ? funnel_moves : funnel_moves_unfiltered,
                       bounds, NULL, error)) == NULL)
    return FALSE;
  while ((rc = kdx_stmt_step (stmt)) == KDX_STMT_ROW)
    {
      gpointer id = GSIZE_TO_POINTER ((gsize) kdx_stmt_column_int64 (stmt, 0));
      const char *stage = kdx_stmt_column_text (stmt, 1);
      guint kol;

      /* The index gives the moves stage by stage: the stage's text is
       * read into its bit only when it changes. */
      if (strcmp (stage, last_stage) != 0)
        {
          KdxStage value_of = KDX_STAGE_CANDIDATE;

          g_strlcpy (last_stage, stage, sizeof last_stage);
          kdx_stage_from_string (stage, &value_of);
          bits = value_of == KDX_STAGE_DECLINED ? FUNNEL_DECLINED
                 : value_of == KDX_STAGE_DEPARTED ? FUNNEL_DEPARTED
                 : (guint) value_of + 1;
        }
      kol = GPOINTER_TO_UINT (g_hash_table_lookup (kols, id));
      if (bits & FUNNEL_STEP_MASK)
        kol = MAX (kol & FUNNEL_STEP_MASK, bits) | (kol & ~FUNNEL_STEP_MASK);
      else
        kol |= bits;
      g_hash_table_insert (kols, id, GUINT_TO_POINTER (kol));
    }
  if (!_kdx_store_insights_finish_rows (self, stmt, rc, error))
    return FALSE;

  g_hash_table_iter_init (&iter, kols);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      guint kol = GPOINTER_TO_UINT (value);

      for (guint step = 0; step < (kol & FUNNEL_STEP_MASK); step++)
        counts[step]++;
      counts[6] += (kol & FUNNEL_DECLINED) != 0;
      counts[7] += (kol & FUNNEL_DEPARTED) != 0;
    }
  _kdx_store_insights_funnel_bars (insights, counts);
  return TRUE;
}

void
_kdx_store_insights_funnel_bars (KdxInsights  *insights,
                                 const gint64 *counts)
{
  /* Every step is shown, reached by none or not. */
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    _kdx_insights_add_bar (insights, KDX_INSIGHTS_FUNNEL, steps[i])->count = counts[i];
}
