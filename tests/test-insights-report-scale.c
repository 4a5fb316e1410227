/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-insights-report-scale"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "kdx-insights-report.h"
#include "kdx-test-util.h"

/* The PDF report draws a success rate's scale ("0 %", "Good: 30–40 %",
 * "100 %") above its rows as the on-screen chart does, and again above
 * every piece of a chart split over pages. Sixty KOLs, each with its own
 * owner and one outreach attempt: the chart by owner has sixty rows, more
 * than an A4 landscape page holds. The other three success-rate charts
 * (by week, by channel, by tier) have one row each. */

#define N_OWNERS 60

static void
add_kols (KdxStore *store)
{
  for (guint i = 0; i < N_OWNERS; i++)
    {
      g_autoptr(KdxKol) kol = kdx_test_make_full_kol ();
      g_autofree char *name = g_strdup_printf ("KOL %u", i);
      g_autofree char *owner = g_strdup_printf ("Owner %02u", i);

      g_object_set (kol, "display-name", name, "owner", owner, NULL);
      kdx_test_store_kol (store, kol);
    }
}

static char *
report_text (KdxTestFolder *fixture,
             const char    *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxInsightsPeriod) period = NULL;
  g_autoptr(KdxInsights) insights = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  GDate today;

  add_kols (fixture->store);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, G_DATE_MARCH, 2026);
  period = kdx_insights_period_new (KDX_INSIGHTS_PERIOD_ALL_TIME, &today);
  insights = kdx_insights_compute (fixture->store, period, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kdx_insights_report_write (insights, KDX_INSIGHTS_REPORT_PDF, path, &error));
  g_assert_no_error (error);
  return kdx_test_pdf_text (path);
}

static guint
count_of (const char *text,
          const char *part)
{
  guint n = 0;

  for (const char *at = strstr (text, part); at != NULL; at = strstr (at + 1, part))
    n++;
  return n;
}

/* Four charts, one split in two or more pieces: at least five scales,
 * each with its three labels. */
static void
assert_scales (const char *text,
               const char *band,
               const char *zero,
               const char *full)
{
  guint bands = count_of (text, band);

  g_assert_cmpuint (bands, >=, 5);
  g_assert_cmpuint (count_of (text, zero), >=, bands);
  g_assert_cmpuint (count_of (text, full), >=, bands);
}

static void
test_scale (KdxTestFolder *fixture,
            gconstpointer  data)
{
  g_autofree char *text = report_text (fixture, "insights.pdf");

  kdx_test_assert_has (text, "Success rate by owner");
  assert_scales (text, "Good: 30–40 %", "0 %", "100 %");
}

static void
test_scale_chinese (KdxTestFolder *fixture,
                    gconstpointer  data)
{
  g_assert_nonnull (g_getenv ("KDX_LOCALEDIR"));
  if (g_test_subprocess ())
    {
      g_autofree char *text = report_text (fixture, "洞察.pdf");

      assert_scales (text, "良好：30–40 %", "0 %", "100 %");
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_setenv ("LANGUAGE", "", TRUE);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  if (g_getenv ("KDX_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KDX_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
    }
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, KdxTestFolder, NULL, kdx_test_folder_set_up, func, kdx_test_folder_tear_down)
  ADD ("/insights/report/scale", test_scale);
  ADD ("/insights/report/scale-chinese", test_scale_chinese);
  return g_test_run ();
}
