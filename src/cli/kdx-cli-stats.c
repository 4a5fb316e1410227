/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "kdx-cli-commands.h"
#include "kdx-cli-util.h"
#include "kdx-enum-types.h"
#include "kdx-insights-report.h"
#include "kdx-insights.h"
#include "kdx-json-writer.h"

/* koldex-cli stats [--from DATE] [--to DATE] [--period NAME] [--owner NAME]
 *                  [--tier T] [--category C] [--source S] [--target N]
 *                  [--json] [--report FILE.pdf|FILE.xlsx]
 *
 * The numbers of the Insights view (issue 11, item 4). "Today" is the
 * clock's, or KOLDEX_TODAY (YYYY-MM-DD) as in the app. Without a period
 * or dates: all time. */

static void
get_today (GDate *today)
{
  g_autoptr(GDateTime) now = NULL;
  int y, m, d;

  if (kdx_cli_parse_day (g_getenv ("KOLDEX_TODAY"), today))
    return;
  now = g_date_time_new_now_local ();
  g_date_time_get_ymd (now, &y, &m, &d);
  g_date_clear (today, 1);
  g_date_set_dmy (today, d, m, y);
}

static void
json_number (KdxJsonWriter *writer,
             double         value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    kdx_json_writer_null (writer);
  else
    kdx_json_writer_raw_number (writer, g_ascii_formatd (text, sizeof text, "%.10g", value));
}

static void
json_day (KdxJsonWriter *writer,
          const GDate   *date)
{
  char text[16];

  if (date == NULL)
    {
      kdx_json_writer_null (writer);
      return;
    }
  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  kdx_json_writer_string (writer, text);
}

/* "first|second" keys, as the store makes them. */
static char *
key_part (const char *key,
          guint       index)
{
  g_auto(GStrv) parts = g_strsplit (key, "|", 2);

  return g_strdup (g_strv_length (parts) > index ? parts[index] : "");
}

/* One JSON array per chart: the key's parts under their names, then the
 * numbers that chart has. */
static void
json_chart (KdxJsonWriter      *writer,
            KdxInsights        *insights,
            KdxInsightsChartId  id,
            const char         *first,
            const char         *second)
{
  KdxInsightsChart *chart = kdx_insights_get_chart (insights, id);

  kdx_json_writer_begin_array (writer);
  for (guint i = 0; i < chart->bars->len; i++)
    {
      KdxInsightsBar *bar = g_ptr_array_index (chart->bars, i);
      g_autofree char *a = second != NULL ? key_part (bar->key, 0) : g_strdup (bar->key);
      g_autofree char *b = second != NULL ? key_part (bar->key, 1) : NULL;

      kdx_json_writer_begin_object (writer);
      kdx_json_writer_member (writer, first);
      kdx_json_writer_string (writer, a);
      if (second != NULL)
        {
          kdx_json_writer_member (writer, second);
          kdx_json_writer_string (writer, b);
        }
      switch (chart->section)
        {
        case KDX_INSIGHTS_SECTION_FUNNEL:
          kdx_json_writer_member (writer, "reached");
          kdx_json_writer_int (writer, bar->count);
          kdx_json_writer_member (writer, "conversion");
          json_number (writer, bar->ratio);
          break;
        case KDX_INSIGHTS_SECTION_OUTREACH:
          kdx_json_writer_member (writer, "attempts");
          kdx_json_writer_int (writer, bar->attempts);
          kdx_json_writer_member (writer, "approached");
          kdx_json_writer_int (writer, bar->count);
          kdx_json_writer_member (writer, "agreed");
          kdx_json_writer_int (writer, bar->part);
          kdx_json_writer_member (writer, "success_rate");
          json_number (writer, bar->ratio);
          break;
        case KDX_INSIGHTS_SECTION_PACE:
          kdx_json_writer_member (writer, "count");
          kdx_json_writer_int (writer, bar->count);
          kdx_json_writer_member (writer, "target");
          kdx_json_writer_int (writer, bar->target);
          break;
        case KDX_INSIGHTS_SECTION_TIME_IN_STAGE:
          kdx_json_writer_member (writer, "median_days");
          json_number (writer, bar->value);
          kdx_json_writer_member (writer, "p90_days");
          json_number (writer, bar->p90);
          kdx_json_writer_member (writer, "stays");
          kdx_json_writer_int (writer, bar->count);
          break;
        case KDX_INSIGHTS_SECTION_CHURN:
          kdx_json_writer_member (writer, "count");
          kdx_json_writer_int (writer, bar->count);
          break;
        case KDX_INSIGHTS_SECTION_MIX:
          kdx_json_writer_member (writer, "count");
          kdx_json_writer_int (writer, bar->count);
          kdx_json_writer_member (writer, "share");
          json_number (writer, bar->ratio);
          break;
        case KDX_INSIGHTS_SECTION_COST:
          if (id == KDX_INSIGHTS_COST_PER_ACTIVE)
            {
              kdx_json_writer_member (writer, "active");
              kdx_json_writer_int (writer, bar->count);
              kdx_json_writer_member (writer, "payments");
              json_number (writer, bar->sum);
              kdx_json_writer_member (writer, "per_kol");
              json_number (writer, bar->value);
            }
          else
            {
              kdx_json_writer_member (writer, "kols");
              kdx_json_writer_int (writer, bar->count);
              kdx_json_writer_member (writer, "amount");
              json_number (writer, bar->value);
            }
          break;
        case KDX_INSIGHTS_N_SECTIONS:
        default:
          g_assert_not_reached ();
        }
      kdx_json_writer_end_object (writer);
    }
  kdx_json_writer_end_array (writer);
}

static void
print_json (KdxInsights *insights)
{
  g_autoptr(KdxJsonWriter) writer = kdx_json_writer_new (TRUE);
  const KdxInsightsPeriod *period = kdx_insights_get_period (insights);
  GPtrArray *stuck = kdx_insights_get_stuck (insights);
  gint64 attempts, approached, agreed, departed;
  double rate, churn_median;
  GDate from, to;
  gboolean has_from = kdx_insights_period_get_from (period, &from);

  kdx_insights_period_get_to (period, &to);
  kdx_insights_get_outreach (insights, &attempts, &approached, &agreed, &rate);
  kdx_insights_get_churn (insights, &departed, &churn_median);

  kdx_json_writer_begin_object (writer);
  kdx_json_writer_member (writer, "from");
  json_day (writer, has_from ? &from : NULL);
  kdx_json_writer_member (writer, "to");
  json_day (writer, &to);

  kdx_json_writer_member (writer, "funnel");
  json_chart (writer, insights, KDX_INSIGHTS_FUNNEL, "stage", NULL);

  kdx_json_writer_member (writer, "outreach");
  kdx_json_writer_begin_object (writer);
  kdx_json_writer_member (writer, "attempts");
  kdx_json_writer_int (writer, attempts);
  kdx_json_writer_member (writer, "approached");
  kdx_json_writer_int (writer, approached);
  kdx_json_writer_member (writer, "agreed");
  kdx_json_writer_int (writer, agreed);
  kdx_json_writer_member (writer, "success_rate");
  json_number (writer, rate);
  kdx_json_writer_member (writer, kdx_insights_period_by_week (period) ? "by_week" : "by_month");
  json_chart (writer, insights, KDX_INSIGHTS_OUTREACH_OVER_TIME,
              kdx_insights_period_by_week (period) ? "week" : "month", NULL);
  kdx_json_writer_member (writer, "by_owner");
  json_chart (writer, insights, KDX_INSIGHTS_OUTREACH_BY_OWNER, "owner", NULL);
  kdx_json_writer_member (writer, "by_channel");
  json_chart (writer, insights, KDX_INSIGHTS_OUTREACH_BY_CHANNEL, "channel", NULL);
  kdx_json_writer_member (writer, "by_tier");
  json_chart (writer, insights, KDX_INSIGHTS_OUTREACH_BY_TIER, "tier", NULL);
  kdx_json_writer_end_object (writer);

  kdx_json_writer_member (writer, "pace");
  kdx_json_writer_begin_object (writer);
  kdx_json_writer_member (writer, "candidates");
  json_chart (writer, insights, KDX_INSIGHTS_PACE_CANDIDATES, "month", "category");
  kdx_json_writer_member (writer, "onboarded");
  json_chart (writer, insights, KDX_INSIGHTS_PACE_ONBOARDED, "month", "category");
  kdx_json_writer_end_object (writer);

  kdx_json_writer_member (writer, "days_in_stage");
  json_chart (writer, insights, KDX_INSIGHTS_TIME_IN_STAGE, "stage", NULL);
  kdx_json_writer_member (writer, "stuck");
  kdx_json_writer_begin_array (writer);
  for (guint i = 0; i < stuck->len; i++)
    {
      KdxInsightsStuck *s = g_ptr_array_index (stuck, i);

      kdx_json_writer_begin_object (writer);
      kdx_json_writer_member (writer, "id");
      kdx_json_writer_int (writer, s->id);
      kdx_json_writer_member (writer, "display_name");
      kdx_json_writer_string (writer, s->display_name);
      kdx_json_writer_member (writer, "stage");
      kdx_json_writer_string (writer, kdx_stage_to_string (s->stage));
      kdx_json_writer_member (writer, "days");
      json_number (writer, s->days);
      kdx_json_writer_end_object (writer);
    }
  kdx_json_writer_end_array (writer);

  kdx_json_writer_member (writer, "churn");
  json_chart (writer, insights, KDX_INSIGHTS_CHURN_BY_REASON, "reason", NULL);
  kdx_json_writer_member (writer, "churn_by_source");
  json_chart (writer, insights, KDX_INSIGHTS_CHURN_BY_SOURCE, "source", NULL);
  kdx_json_writer_member (writer, "churn_by_tier");
  json_chart (writer, insights, KDX_INSIGHTS_CHURN_BY_TIER, "tier", NULL);
  kdx_json_writer_member (writer, "departed");
  kdx_json_writer_int (writer, departed);
  kdx_json_writer_member (writer, "median_days_onboarding_to_departure");
  json_number (writer, churn_median);

  kdx_json_writer_member (writer, "mix");
  kdx_json_writer_begin_object (writer);
  kdx_json_writer_member (writer, "tier");
  json_chart (writer, insights, KDX_INSIGHTS_MIX_TIER, "tier", NULL);
  kdx_json_writer_member (writer, "platform");
  json_chart (writer, insights, KDX_INSIGHTS_MIX_PLATFORM, "platform", NULL);
  kdx_json_writer_member (writer, "source");
  json_chart (writer, insights, KDX_INSIGHTS_MIX_SOURCE, "source", NULL);
  kdx_json_writer_end_object (writer);

  kdx_json_writer_member (writer, "cost");
  kdx_json_writer_begin_object (writer);
  kdx_json_writer_member (writer, "fees_by_plan");
  json_chart (writer, insights, KDX_INSIGHTS_COST_FEES_BY_PLAN, "plan", "currency");
  kdx_json_writer_member (writer, "payments_by_plan");
  json_chart (writer, insights, KDX_INSIGHTS_COST_PAYMENTS_BY_PLAN, "plan", "currency");
  kdx_json_writer_member (writer, "payments_by_month");
  json_chart (writer, insights, KDX_INSIGHTS_COST_PAYMENTS_BY_MONTH, "month", "currency");
  kdx_json_writer_member (writer, "per_active_kol");
  json_chart (writer, insights, KDX_INSIGHTS_COST_PER_ACTIVE, "currency", NULL);
  kdx_json_writer_end_object (writer);

  kdx_json_writer_end_object (writer);
  kdx_cli_out ("%s\n", kdx_json_writer_get_text (writer));
}

/* Display width: Chinese characters take two columns of a terminal. */
static glong
text_width (const char *text)
{
  glong width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

static void
print_table (GStrv      heads,
             GPtrArray *rows)
{
  guint n = g_strv_length (heads);
  g_autofree glong *widths = g_new0 (glong, n);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint c = 0; c < n; c++)
    widths[c] = text_width (heads[c]);
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (rows, r);
      for (guint c = 0; c < n && cells[c] != NULL; c++)
        widths[c] = MAX (widths[c], text_width (cells[c]));
    }
  for (guint r = 0; r <= rows->len; r++)
    {
      GStrv cells = r == 0 ? heads : g_ptr_array_index (rows, r - 1);

      g_string_assign (line, "  ");
      for (guint c = 0; c < n && cells[c] != NULL; c++)
        {
          glong pad = widths[c] - text_width (cells[c]);
          /* Names left, numbers right. */
          if (c > 0)
            for (glong i = 0; i < pad; i++)
              g_string_append_c (line, ' ');
          g_string_append (line, cells[c]);
          if (c == 0)
            for (glong i = 0; i < pad; i++)
              g_string_append_c (line, ' ');
          g_string_append (line, "  ");
        }
      kdx_cli_out ("%s\n", g_strchomp (line->str));
    }
}

static void
print_text (KdxInsights *insights)
{
  g_autofree char *period = kdx_insights_period_get_label (kdx_insights_get_period (insights));
  GPtrArray *stuck = kdx_insights_get_stuck (insights);
  gint64 attempts, approached, agreed, departed;
  double rate, churn_median;

  kdx_insights_get_outreach (insights, &attempts, &approached, &agreed, &rate);
  kdx_insights_get_churn (insights, &departed, &churn_median);
  kdx_cli_out (_("Insights: %s\n"), period);

  for (guint s = 0; s < KDX_INSIGHTS_N_SECTIONS; s++)
    {
      kdx_cli_out ("\n== %s ==\n", kdx_insights_section_get_title (s));
      if (s == KDX_INSIGHTS_SECTION_OUTREACH)
        {
          if (approached > 0)
            /* Translators: the success rate, KOLs agreed, approached, attempts */
            kdx_cli_out (_("Success rate %.0f %%: %d of %d approached agreed, %d attempts\n"),
                         rate * 100.0, (int) agreed, (int) approached, (int) attempts);
          else
            kdx_cli_out (_("Nobody was approached in this period.\n"));
        }
      if (s == KDX_INSIGHTS_SECTION_CHURN && !isnan (churn_median))
        kdx_cli_out (_("%d departed, median %.1f days from onboarding\n"), (int) departed,
                     churn_median);
      for (guint c = 0; c < KDX_INSIGHTS_N_CHARTS; c++)
        {
          KdxInsightsChart *chart = kdx_insights_get_chart (insights, c);
          g_auto(GStrv) heads = NULL;
          g_autoptr(GPtrArray) rows = NULL;

          if (chart->section != s || chart->bars->len == 0)
            continue;
          heads = kdx_insights_chart_get_headings (chart);
          rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
          for (guint i = 0; i < chart->bars->len; i++)
            g_ptr_array_add (rows, kdx_insights_bar_get_cells (chart,
                                                               g_ptr_array_index (chart->bars, i)));
          kdx_cli_out ("%s\n", chart->title);
          print_table (heads, rows);
        }
      if (s == KDX_INSIGHTS_SECTION_TIME_IN_STAGE)
        for (guint i = 0; i < stuck->len; i++)
          {
            KdxInsightsStuck *k = g_ptr_array_index (stuck, i);
            kdx_cli_out (_("Stuck: %d\t%s\t%s, %.1f days (median %.1f)\n"), (int) k->id, k->display_name, kdx_stage_get_label (k->stage), k->days,
                         k->median);
          }
    }
}

static gboolean
parse_enum_option (GType       type,
                   const char *option,
                   const char *text,
                   int        *value)
{
  if (text == NULL)
    return TRUE;
  if (kdx_enum_from_string (type, text, value))
    return TRUE;
  {
    g_autofree char *values = kdx_enum_list_values (type);
    g_autofree char *message = g_strdup_printf (_("%s “%s” is not one of %s"), option, text,
                                                values);
    kdx_cli_fail (message);
  }
  return FALSE;
}

static gboolean
parse_period (const char          *text,
              KdxInsightsPeriodKind *kind)
{
  static const char *const names[] = { "this-month", "last-month", "this-quarter",
                                       "this-year", "all" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (text, names[i]))
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

int
kdx_cli_stats (const char  *database,
               int          argc,
               char       **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *tier = NULL;
  g_autofree char *category = NULL;
  g_autofree char *source = NULL;
  g_autofree char *report = NULL;
  int target = 0;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The period's first day (YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The period's last day (YYYY-MM-DD); by default today"), N_("DATE") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_text,
      N_("this-month, last-month, this-quarter, this-year or all (the default)"), N_("NAME") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, N_("Only the KOLs of this operator"), N_("NAME") },
    { "tier", 0, 0, G_OPTION_ARG_STRING, &tier, N_("Only KOLs of this tier"), N_("TIER") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("Only KOLs of this category"), N_("CATEGORY") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Only KOLs of this source"), N_("SOURCE") },
    { "target", 0, 0, G_OPTION_ARG_INT, &target,
      N_("Pace target: newly onboarded KOLs a month, per category (by default none)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { "report", 0, 0, G_OPTION_ARG_FILENAME, &report,
      N_("Save the report as FILE.pdf or FILE.xlsx"), N_("FILE") },
    { NULL }
  };
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxInsightsPeriod) period = NULL;
  g_autoptr(KdxInsightsFilter) filter = kdx_insights_filter_new ();
  g_autoptr(KdxInsightsTargets) targets = kdx_insights_targets_new ();
  g_autoptr(KdxInsights) insights = NULL;
  g_autoptr(GError) error = NULL;
  KdxInsightsReportFormat format = KDX_INSIGHTS_REPORT_PDF;
  int status = 0;
  GDate today, from, to;

  if (!kdx_cli_parse_options ("stats", _("[--from DATE] [--to DATE] [--owner NAME] [--json]"),
                              _("The numbers of Insights: the funnel, outreach success rate, pace, "
                                "days in stage, churn, mix and cost, over all time, a period or "
                                "two dates, as tables, JSON or a report. docs/insights.md defines "
                                "them. Today is the clock's, or KOLDEX_TODAY=YYYY-MM-DD."),
                              entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argv[1]);
      return kdx_cli_fail (message);
    }

  get_today (&today);
  if (from_text != NULL && !kdx_cli_parse_day (from_text, &from))
    {
      g_autofree char *message = g_strdup_printf (_("--from “%s” is not a date; write it as YYYY-MM-DD"), from_text);
      return kdx_cli_fail (message);
    }
  if (to_text != NULL && !kdx_cli_parse_day (to_text, &to))
    {
      g_autofree char *message = g_strdup_printf (_("--to “%s” is not a date; write it as YYYY-MM-DD"), to_text);
      return kdx_cli_fail (message);
    }
  if (period_text != NULL)
    {
      KdxInsightsPeriodKind kind;

      if (from_text != NULL || to_text != NULL)
        return kdx_cli_fail (_("Give either --period or --from and --to, not both"));
      if (!parse_period (period_text, &kind))
        {
          g_autofree char *message = g_strdup_printf (
            _("--period “%s” is not one of this-month, last-month, this-quarter, this-year, all"),
            period_text);
          return kdx_cli_fail (message);
        }
      period = kdx_insights_period_new (kind, &today);
    }
  else if (from_text != NULL || to_text != NULL)
    {
      period = kdx_insights_period_new_range (from_text != NULL ? &from : NULL,
                                              to_text != NULL ? &to : NULL, &today, &error);
      if (period == NULL)
        return kdx_cli_fail_error (error);
    }
  else
    period = kdx_insights_period_new (KDX_INSIGHTS_PERIOD_ALL_TIME, &today);

  kdx_insights_filter_set_owner (filter, owner);
  kdx_insights_filter_set_category (filter, category);
  if (!parse_enum_option (KDX_TYPE_TIER, "--tier", tier, &filter->tier)
      || !parse_enum_option (KDX_TYPE_SOURCE, "--source", source, &filter->source))
    return 1; /* said by parse_enum_option(), as kdx_cli_fail() does */
  if (target < 0)
    return kdx_cli_fail (_("--target takes a number of KOLs, 0 or more"));
  kdx_insights_targets_set (targets, NULL, 0, target);
  if (report != NULL && !kdx_insights_report_format_for_path (report, &format, &error))
    return kdx_cli_fail_error (error);

  if ((store = kdx_cli_open_store (database, &status)) == NULL)
    return status;
  if ((insights = kdx_insights_compute (store, period, filter, targets, &error)) == NULL)
    return kdx_cli_fail_error (error);

  if (report != NULL)
    {
      if (!kdx_insights_report_write (insights, format, report, &error))
        return kdx_cli_fail_error (error);
      return 0;
    }
  if (json)
    print_json (insights);
  else
    print_text (insights);
  return 0;
}
