/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-insights-report"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "kdx-chart.h"
#include "kdx-insights-report.h"
#include "kdx-stage-entry.h"
#include "kdx-table-reader.h"
#include "kdx-test-util.h"

/* The Insights charts and "Save Report" (issue 11, items 2 and 3): the
 * PDF read back with pdftotext, the XLSX with Koldex's own reader, the
 * charts drawn on an image and hit-tested. Beijing time, today
 * 2026-03-20. Three KOLs, every time 04:00 UTC:
 *   小美  candidate 01-05, onboarding 02-20 (open: 28.5 days by today's end)
 *   Leo   candidate 01-06, onboarding 01-10, growing 01-20 (onboarding 10)
 *   Coco  candidate 01-07, onboarding 01-11, growing 01-21 (onboarding 10)
 * Onboarding's median is 10; 小美 has been there 28.5 > 20: stuck. */

static void
add_kol (KdxStore   *store,
         const char *name,
         const char *history)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  g_auto(GStrv) moves = g_strsplit (history, " ", -1);
  KdxStage stage = KDX_STAGE_CANDIDATE;

  for (guint i = 0; moves[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (moves[i], "@", 2);
      g_autofree char *at = g_strdup_printf ("%sT04:00:00Z", parts[1]);
      g_autoptr(KdxStageEntry) entry = kdx_stage_entry_new ();

      g_assert_true (kdx_stage_from_string (parts[0], &stage));
      g_object_set (entry, "stage", stage, "at", at, NULL);
      g_list_store_append (kdx_kol_get_stage_history (kol), entry);
      if (i == 0)
        g_object_set (kol, "created-at", at, NULL);
    }
  g_object_set (kol, "display-name", name, "owner", "阿杰", "stage", stage, NULL);
  kdx_test_store_kol (store, kol);
}

static KdxInsights *
compute (KdxTestFolder *fixture,
         gboolean       with_kols)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxInsightsPeriod) period = NULL;
  KdxInsights *insights;
  GDate today;

  if (with_kols)
    {
      add_kol (fixture->store, "小美", "candidate@2026-01-05 onboarding@2026-02-20");
      add_kol (fixture->store, "Leo", "candidate@2026-01-06 onboarding@2026-01-10 growing@2026-01-20");
      add_kol (fixture->store, "Coco", "candidate@2026-01-07 onboarding@2026-01-11 growing@2026-01-21");
    }
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, G_DATE_MARCH, 2026);
  period = kdx_insights_period_new (KDX_INSIGHTS_PERIOD_THIS_QUARTER, &today);
  insights = kdx_insights_compute (fixture->store, period, NULL, NULL, &error);
  g_assert_no_error (error);
  return insights;
}

static char *
write_report (KdxTestFolder           *fixture,
              KdxInsights             *insights,
              const char              *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);
  KdxInsightsReportFormat format;

  g_assert_true (kdx_insights_report_format_for_path (path, &format, &error));
  g_assert_true (kdx_insights_report_write (insights, format, path, &error));
  g_assert_no_error (error);
  return path;
}

/* "Page 1 of N" of the footers: N. */
static guint
footer_pages (const char *text)
{
  const char *found = g_strrstr (text, " of ");
  g_assert_nonnull (found);
  return (guint) g_ascii_strtoull (found + 4, NULL, 10);
}

static void
test_pdf (KdxTestFolder *fixture,
          gconstpointer  data)
{
  g_autoptr(KdxInsights) empty = compute (fixture, FALSE);
  g_autofree char *empty_path = write_report (fixture, empty, "empty.pdf");
  g_autoptr(KdxInsights) insights = compute (fixture, TRUE);
  g_autofree char *path = write_report (fixture, insights, "insights.pdf");
  g_autofree char *text = kdx_test_pdf_text (path);
  g_autofree char *empty_text = kdx_test_pdf_text (empty_path);
  guint n_pages = kdx_test_pdf_n_pages (path);
  const char *const expected[] = {
    "Insights: 2026-01-01 – 2026-03-31", "All KOLs",
    "Funnel", "Outreach", "Pace", "Time in stage", "Churn", "Mix", "Cost",
    "Nobody was approached in this period.", "Success rate by week", "Days in stage (median)",
    "90th percentile days", "Stuck: more than twice the median", "小美", "28.5", "Onboarding",
  };
  GStatBuf st;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    kdx_test_assert_has (text, expected[i]);
  /* Every page is in the file, and the footers count them all. */
  g_assert_cmpuint (n_pages, ==, footer_pages (text));
  g_assert_cmpuint (kdx_test_pdf_n_pages (empty_path), ==, footer_pages (empty_text));
  /* The funnel, its chart and table, opens the first page. */
  {
    g_auto(GStrv) pages = g_strsplit (text, "\f", -1);
    kdx_test_assert_has (pages[0], "Funnel");
    kdx_test_assert_has (pages[0], "Conversion");
  }
  kdx_test_assert_has (empty_text, "Nothing in this period");
  kdx_test_assert_has (empty_text, "No KOL is stuck.");

  /* It names a KOL (stuck): for its owner only. The empty one does not. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (empty_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
}

static void
test_pdf_chinese (KdxTestFolder *fixture,
                  gconstpointer  data)
{
  const char *const expected[] = {
    "洞察", "漏斗", "建联", "节奏", "阶段停留时间", "流失", "构成", "成本", "小美", "第 1 页",
  };

  g_assert_nonnull (g_getenv ("KDX_LOCALEDIR"));
  if (g_test_subprocess ())
    {
      g_autoptr(KdxInsights) insights = compute (fixture, TRUE);
      g_autofree char *path = write_report (fixture, insights, "洞察.pdf");
      g_autofree char *text = kdx_test_pdf_text (path);

      for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
        kdx_test_assert_has (text, expected[i]);
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_setenv ("LANGUAGE", "", TRUE);
  g_test_trap_assert_passed ();
}

static void
test_xlsx (KdxTestFolder *fixture,
           gconstpointer  data)
{
  g_autoptr(KdxInsights) insights = compute (fixture, TRUE);
  g_autofree char *path = write_report (fixture, insights, "insights.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxTableReader) reader = kdx_table_reader_open (path, NULL, &error);
  const char *const *sheets;
  g_autoptr(GPtrArray) head = NULL;
  g_autoptr(GPtrArray) row = NULL;
  guint index, number;
  GStatBuf st;

  g_assert_no_error (error);
  sheets = kdx_table_reader_get_sheets (reader);
  /* One sheet per table, and the stuck KOLs. */
  g_assert_cmpuint (g_strv_length ((char **) sheets), ==, KDX_INSIGHTS_N_CHARTS + 1);
  g_assert_cmpstr (sheets[0], ==, "Funnel");
  g_assert_cmpstr (sheets[KDX_INSIGHTS_N_CHARTS], ==, "Stuck");

  /* The funnel: all three were candidates in Q1, as the chart says. */
  head = kdx_table_reader_next_row (reader, &number, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((KdxCell *) g_ptr_array_index (head, 0))->text, ==, "Stage");
  row = kdx_table_reader_next_row (reader, &number, &error);
  g_assert_cmpstr (((KdxCell *) g_ptr_array_index (row, 0))->text, ==, "Candidate");
  g_assert_cmpstr (((KdxCell *) g_ptr_array_index (row, 1))->text, ==, "3");
  g_clear_pointer (&row, g_ptr_array_unref);

  g_assert_true (kdx_table_reader_find_sheet (reader, "Stuck", &index, &error));
  g_assert_true (kdx_table_reader_select_sheet (reader, index, &error));
  g_clear_pointer (&head, g_ptr_array_unref);
  head = kdx_table_reader_next_row (reader, &number, &error);
  row = kdx_table_reader_next_row (reader, &number, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((KdxCell *) g_ptr_array_index (row, 0))->text, ==, "小美");
  g_assert_cmpstr (((KdxCell *) g_ptr_array_index (row, 3))->text, ==, "28.5");

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_refused (KdxTestFolder *fixture,
              gconstpointer  data)
{
  g_autoptr(KdxInsights) insights = compute (fixture, TRUE);
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "r.pdf", NULL);
  g_autofree char *doc = g_build_filename (fixture->dir, "r.doc", NULL);
  g_autoptr(GError) error = NULL;
  KdxInsightsReportFormat format;

  /* A name the report cannot be: said, with the name. */
  g_assert_false (kdx_insights_report_format_for_path (doc, &format, &error));
  g_assert_nonnull (strstr (error->message, "r.doc"));
  g_clear_error (&error);

  /* A folder that is not there: said, nothing left behind. */
  g_assert_false (kdx_insights_report_write (insights, KDX_INSIGHTS_REPORT_PDF, missing, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "r.pdf"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static gboolean
is_accent (cairo_surface_t *surface,
           int              x,
           int              y)
{
  const guint32 *pixels = (const guint32 *) cairo_image_surface_get_data (surface);
  guint32 pixel = pixels[y * cairo_image_surface_get_stride (surface) / 4 + x];

  /* Pure blue, opaque (ARGB32). */
  return pixel == 0xff0000ff;
}

static void
test_chart_draw_and_hit (KdxTestFolder *fixture,
                         gconstpointer  data)
{
  g_autoptr(KdxInsights) insights = compute (fixture, TRUE);
  KdxInsightsChart *funnel = kdx_insights_get_chart (insights, KDX_INSIGHTS_FUNNEL);
  KdxChartStyle style = { { 0, 0, 1, 1 }, { 0, 0, 0, 1 }, { 1, 1, 1, 1 }, NULL };
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *context;
  double height, row;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 400);
  cr = cairo_create (surface);
  context = pango_cairo_create_context (cr);
  height = kdx_chart_get_height (funnel, context, &style, 400);
  /* Eight steps, one row each. */
  row = height / 8;
  g_assert_cmpfloat (height, >, 8 * 10);
  kdx_chart_draw (funnel, cr, context, &style, 400);
  cairo_surface_flush (surface);

  /* Each row is its step; below the last, nothing. */
  for (int i = 0; i < 8; i++)
    g_assert_cmpint (kdx_chart_hit (funnel, context, &style, 400, 200, row * i + row / 2), ==, i);
  g_assert_cmpint (kdx_chart_hit (funnel, context, &style, 400, 200, height + 1), ==, -1);
  g_assert_cmpint (kdx_chart_hit (funnel, context, &style, 400, -5, row / 2), ==, -1);

  /* Candidate (3 KOLs) is the widest bar, centred: the accent at the
   * middle of its row; Mature (none) has no bar there. */
  g_assert_true (is_accent (surface, 300, (int) (row / 2)));
  g_assert_false (is_accent (surface, 300, (int) (row * 5 + row / 2)));

  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
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
  ADD ("/insights/report/pdf", test_pdf);
  ADD ("/insights/report/pdf-chinese", test_pdf_chinese);
  ADD ("/insights/report/xlsx", test_xlsx);
  ADD ("/insights/report/refused", test_refused);
  ADD ("/insights/chart/draw-and-hit", test_chart_draw_and_hit);
  return g_test_run ();
}
