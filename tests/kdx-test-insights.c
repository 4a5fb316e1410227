/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "kdx-test-insights.h"

static void
assert_same_double (double   a,
                    double   b,
                    gboolean exact)
{
  if (isnan (a))
    g_assert_true (isnan (b));
  else if (exact)
    g_assert_cmpfloat (a, ==, b);
  else
    g_assert_cmpfloat_with_epsilon (a, b, 1e-9 * MAX (1.0, fabs (a)));
}

void
kdx_test_assert_same_insights (KdxInsights *a,
                               KdxInsights *b,
                               gboolean     exact)
{
  gint64 a1, a2, b1, b2, c1, c2;
  double r1, r2, m1, m2;
  GPtrArray *stuck1 = kdx_insights_get_stuck (a), *stuck2 = kdx_insights_get_stuck (b);

  for (guint c = 0; c < KDX_INSIGHTS_N_CHARTS; c++)
    {
      KdxInsightsChart *x = kdx_insights_get_chart (a, c);
      KdxInsightsChart *y = kdx_insights_get_chart (b, c);

      g_assert_cmpuint (x->bars->len, ==, y->bars->len);
      g_assert_cmpint (x->not_recorded, ==, y->not_recorded);
      for (guint i = 0; i < x->bars->len; i++)
        {
          KdxInsightsBar *p = g_ptr_array_index (x->bars, i);
          KdxInsightsBar *q = g_ptr_array_index (y->bars, i);

          g_assert_cmpstr (p->key, ==, q->key);
          g_assert_cmpstr (p->label, ==, q->label);
          g_assert_cmpstr (p->group, ==, q->group);
          g_assert_cmpstr (p->value_text, ==, q->value_text);
          g_assert_cmpint (p->count, ==, q->count);
          g_assert_cmpint (p->attempts, ==, q->attempts);
          g_assert_cmpint (p->part, ==, q->part);
          g_assert_cmpint (p->target, ==, q->target);
          assert_same_double (p->value, q->value, exact);
          assert_same_double (p->sum, q->sum, exact);
          assert_same_double (p->ratio, q->ratio, exact);
          assert_same_double (p->p90, q->p90, exact);
        }
    }
  g_assert_cmpuint (stuck1->len, ==, stuck2->len);
  for (guint i = 0; i < stuck1->len; i++)
    {
      KdxInsightsStuck *p = g_ptr_array_index (stuck1, i), *q = g_ptr_array_index (stuck2, i);

      g_assert_cmpint (p->id, ==, q->id);
      g_assert_cmpstr (p->display_name, ==, q->display_name);
      g_assert_cmpstr (p->owner, ==, q->owner);
      g_assert_cmpint (p->stage, ==, q->stage);
      g_assert_cmpfloat (p->days, ==, q->days);
      g_assert_cmpfloat (p->median, ==, q->median);
    }
  kdx_insights_get_outreach (a, &a1, &b1, &c1, &r1);
  kdx_insights_get_outreach (b, &a2, &b2, &c2, &r2);
  g_assert_cmpint (a1, ==, a2);
  g_assert_cmpint (b1, ==, b2);
  g_assert_cmpint (c1, ==, c2);
  assert_same_double (r1, r2, exact);
  kdx_insights_get_churn (a, &a1, &m1);
  kdx_insights_get_churn (b, &a2, &m2);
  g_assert_cmpint (a1, ==, a2);
  assert_same_double (m1, m2, exact);
}
