/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-insights"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-insights-private.h"

/* The result of kdx_insights_compute(): plain numbers the store's
 * aggregates gave (kdx-store-insights.c), with the labels and texts a
 * person reads added here, once. Immutable once made, so the app may hand
 * it from a worker to the main thread and share it. */

struct _KdxInsights
{
  KdxInsightsPeriod *period;
  KdxInsightsFilter *filter;
  KdxInsightsChart  *charts[KDX_INSIGHTS_N_CHARTS];
  gint64             attempts;
  gint64             approached;
  gint64             agreed;
  gint64             departed;
  double             churn_median;
  GPtrArray         *stuck;
};

G_DEFINE_BOXED_TYPE (KdxInsights, kdx_insights, kdx_insights_ref, kdx_insights_unref)

typedef struct
{
  KdxInsightsSection section;
  KdxInsightsShape   shape;
  const char        *title;
  const char        *value_title;
  const char        *key_title;
} ChartInfo;

static const ChartInfo chart_info[KDX_INSIGHTS_N_CHARTS] = {
  [KDX_INSIGHTS_FUNNEL] = { KDX_INSIGHTS_SECTION_FUNNEL, KDX_INSIGHTS_SHAPE_FUNNEL,
                            N_("Funnel"), N_("Reached"), N_("Stage") },
  [KDX_INSIGHTS_OUTREACH_OVER_TIME] = { KDX_INSIGHTS_SECTION_OUTREACH, KDX_INSIGHTS_SHAPE_RATE,
                                        N_("Success rate over time"), N_("Success rate"),
                                        N_("From") },
  [KDX_INSIGHTS_OUTREACH_BY_OWNER] = { KDX_INSIGHTS_SECTION_OUTREACH, KDX_INSIGHTS_SHAPE_RATE,
                                       N_("Success rate by owner"), N_("Success rate"),
                                       N_("Owner") },
  [KDX_INSIGHTS_OUTREACH_BY_CHANNEL] = { KDX_INSIGHTS_SECTION_OUTREACH, KDX_INSIGHTS_SHAPE_RATE,
                                         N_("Success rate by channel"), N_("Success rate"),
                                         N_("Channel") },
  [KDX_INSIGHTS_OUTREACH_BY_TIER] = { KDX_INSIGHTS_SECTION_OUTREACH, KDX_INSIGHTS_SHAPE_RATE,
                                      N_("Success rate by tier"), N_("Success rate"),
                                      N_("Tier") },
  [KDX_INSIGHTS_PACE_CANDIDATES] = { KDX_INSIGHTS_SECTION_PACE, KDX_INSIGHTS_SHAPE_TARGET,
                                     N_("New candidates per month"), N_("New"),
                                     N_("Category") },
  [KDX_INSIGHTS_PACE_ONBOARDED] = { KDX_INSIGHTS_SECTION_PACE, KDX_INSIGHTS_SHAPE_TARGET,
                                    N_("Newly onboarded per month"), N_("New"),
                                    N_("Category") },
  [KDX_INSIGHTS_TIME_IN_STAGE] = { KDX_INSIGHTS_SECTION_TIME_IN_STAGE, KDX_INSIGHTS_SHAPE_BARS,
                                   N_("Days in stage (median)"), N_("Median days"),
                                   N_("Stage") },
  [KDX_INSIGHTS_CHURN_BY_REASON] = { KDX_INSIGHTS_SECTION_CHURN, KDX_INSIGHTS_SHAPE_BARS,
                                     N_("Departed by reason"), N_("Departed"),
                                     N_("Reason") },
  [KDX_INSIGHTS_CHURN_BY_SOURCE] = { KDX_INSIGHTS_SECTION_CHURN, KDX_INSIGHTS_SHAPE_BARS,
                                     N_("Departed by source"), N_("Departed"),
                                     N_("Source") },
  [KDX_INSIGHTS_CHURN_BY_TIER] = { KDX_INSIGHTS_SECTION_CHURN, KDX_INSIGHTS_SHAPE_BARS,
                                   N_("Departed by tier"), N_("Departed"), N_("Tier") },
  [KDX_INSIGHTS_MIX_TIER] = { KDX_INSIGHTS_SECTION_MIX, KDX_INSIGHTS_SHAPE_PYRAMID,
                              N_("Active KOLs by tier"), N_("Active KOLs"), N_("Tier") },
  [KDX_INSIGHTS_MIX_PLATFORM] = { KDX_INSIGHTS_SECTION_MIX, KDX_INSIGHTS_SHAPE_BARS,
                                  N_("Active KOLs by platform"), N_("Active KOLs"),
                                  N_("Platform") },
  [KDX_INSIGHTS_MIX_SOURCE] = { KDX_INSIGHTS_SECTION_MIX, KDX_INSIGHTS_SHAPE_BARS,
                                N_("Active KOLs by source"), N_("Active KOLs"),
                                N_("Source") },
  [KDX_INSIGHTS_COST_FEES_BY_PLAN] = { KDX_INSIGHTS_SECTION_COST, KDX_INSIGHTS_SHAPE_BARS,
                                       N_("Fees of active KOLs by plan"), N_("Fees"),
                                       N_("Plan") },
  [KDX_INSIGHTS_COST_PAYMENTS_BY_PLAN] = { KDX_INSIGHTS_SECTION_COST, KDX_INSIGHTS_SHAPE_BARS,
                                           N_("Payments by plan"), N_("Payments"),
                                           N_("Plan") },
  [KDX_INSIGHTS_COST_PAYMENTS_BY_MONTH] = { KDX_INSIGHTS_SECTION_COST, KDX_INSIGHTS_SHAPE_BARS,
                                            N_("Payments by month"), N_("Payments"),
                                            N_("Month") },
  [KDX_INSIGHTS_COST_PER_ACTIVE] = { KDX_INSIGHTS_SECTION_COST, KDX_INSIGHTS_SHAPE_BARS,
                                     N_("Payments per active KOL"), N_("Per active KOL"),
                                     N_("Currency") },
};

static void
bar_free (KdxInsightsBar *bar)
{
  g_free (bar->key);
  g_free (bar->label);
  g_free (bar->group);
  g_free (bar->value_text);
  g_free (bar);
}

static void
chart_free (KdxInsightsChart *chart)
{
  if (chart == NULL)
    return;
  g_free (chart->title);
  g_free (chart->value_title);
  g_ptr_array_unref (chart->bars);
  g_free (chart);
}

void
kdx_insights_stuck_free (KdxInsightsStuck *stuck)
{
  g_free (stuck->display_name);
  g_free (stuck->owner);
  g_free (stuck);
}

static void
insights_clear (KdxInsights *self)
{
  kdx_insights_period_free (self->period);
  kdx_insights_filter_free (self->filter);
  for (guint c = 0; c < KDX_INSIGHTS_N_CHARTS; c++)
    chart_free (self->charts[c]);
  g_ptr_array_unref (self->stuck);
}

KdxInsights *
kdx_insights_ref (KdxInsights *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
kdx_insights_unref (KdxInsights *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) insights_clear);
}

KdxInsights *
_kdx_insights_new (const KdxInsightsPeriod *period,
                   const KdxInsightsFilter *filter)
{
  KdxInsights *self = g_atomic_rc_box_new0 (KdxInsights);

  self->period = kdx_insights_period_copy (period);
  self->filter = filter != NULL ? kdx_insights_filter_copy (filter) : kdx_insights_filter_new ();
  self->churn_median = NAN;
  self->stuck = g_ptr_array_new_with_free_func ((GDestroyNotify) kdx_insights_stuck_free);
  for (guint c = 0; c < KDX_INSIGHTS_N_CHARTS; c++)
    {
      KdxInsightsChart *chart = g_new0 (KdxInsightsChart, 1);

      chart->id = c;
      chart->section = chart_info[c].section;
      chart->shape = chart_info[c].shape;
      chart->title = g_strdup (_(chart_info[c].title));
      chart->value_title = g_strdup (_(chart_info[c].value_title));
      chart->bars = g_ptr_array_new_with_free_func ((GDestroyNotify) bar_free);
      self->charts[c] = chart;
    }
  if (kdx_insights_period_by_week (period))
    {
      g_free (self->charts[KDX_INSIGHTS_OUTREACH_OVER_TIME]->title);
      self->charts[KDX_INSIGHTS_OUTREACH_OVER_TIME]->title
        = g_strdup (_("Success rate by week"));
    }
  else
    {
      g_free (self->charts[KDX_INSIGHTS_OUTREACH_OVER_TIME]->title);
      self->charts[KDX_INSIGHTS_OUTREACH_OVER_TIME]->title
        = g_strdup (_("Success rate by month"));
    }
  return self;
}

KdxInsightsBar *
_kdx_insights_add_bar (KdxInsights        *self,
                       KdxInsightsChartId  chart,
                       const char         *key)
{
  KdxInsightsBar *bar = g_new0 (KdxInsightsBar, 1);

  bar->key = g_strdup (key != NULL ? key : "");
  bar->ratio = NAN;
  bar->p90 = NAN;
  g_ptr_array_add (self->charts[chart]->bars, bar);
  return bar;
}

void
_kdx_insights_set_outreach (KdxInsights *self,
                            gint64       attempts,
                            gint64       approached,
                            gint64       agreed)
{
  self->attempts = attempts;
  self->approached = approached;
  self->agreed = agreed;
}

void
_kdx_insights_set_churn (KdxInsights *self,
                         gint64       departed,
                         double       median_days)
{
  self->departed = departed;
  self->churn_median = median_days;
}

void
_kdx_insights_add_stuck (KdxInsights      *self,
                         KdxInsightsStuck *stuck)
{
  g_ptr_array_add (self->stuck, stuck);
}

/* "2026-03" as "March 2026" (in Chinese "2026年3月"). */
static char *
month_label (const char *month)
{
  int year = 0, number = 0;
  g_autoptr(GDateTime) first = NULL;

  if (sscanf (month, "%d-%d", &year, &number) != 2 || number < 1 || number > 12)
    return g_strdup (month);
  first = g_date_time_new_utc (year, number, 1, 0, 0, 0);
  /* Translators: a month and its year, in g_date_time_format() codes:
   * "February 1990"; in Chinese "%Y年%-m月" */
  return g_date_time_format (first, _("%B %Y"));
}

/* Splits "first|second" keys. */
static char *
key_part (const char *key,
          guint       index)
{
  g_auto(GStrv) parts = g_strsplit (key, "|", 2);

  return g_strdup (g_strv_length (parts) > index ? parts[index] : "");
}

static char *
enum_label (GType       type,
            const char *nick)
{
  int value;

  if (kdx_enum_from_string (type, nick, &value))
    {
      if (kdx_enum_is_unset (type, value))
        return g_strdup (_("Not recorded"));
      return g_strdup (kdx_enum_get_label (type, value));
    }
  return g_strdup (nick);
}

static char *
text_label (const char *text,
            const char *(*known_label) (const char *))
{
  const char *label;

  if (text == NULL || *text == '\0')
    return g_strdup (_("Not recorded"));
  label = known_label != NULL ? known_label (text) : NULL;
  return g_strdup (label != NULL ? label : text);
}

static char *
currency_label (const char *currency)
{
  /* Translators: an amount's currency was never set */
  return g_strdup (currency != NULL && *currency != '\0' ? currency : _("No currency"));
}

static char *
format_money (double      amount,
              const char *currency)
{
  if (isnan (amount))
    return g_strdup ("—");
  if (currency == NULL || *currency == '\0')
    return g_strdup_printf ("%.2f", amount);
  return g_strdup_printf ("%.2f %s", amount, currency);
}

static char *
format_rate (double ratio)
{
  if (isnan (ratio))
    return g_strdup ("—");
  /* Translators: a percentage; keep %.0f and the %% */
  return g_strdup_printf (_("%.0f %%"), ratio * 100.0);
}

static char *
format_days (double days)
{
  if (isnan (days))
    return g_strdup ("—");
  return g_strdup_printf ("%.1f", days);
}

static void
label_bar (KdxInsights    *self,
           KdxInsightsChartId chart,
           KdxInsightsBar *bar)
{
  g_autofree char *first = key_part (bar->key, 0);
  g_autofree char *second = key_part (bar->key, 1);

  switch (chart)
    {
    case KDX_INSIGHTS_FUNNEL:
    case KDX_INSIGHTS_TIME_IN_STAGE:
      bar->label = enum_label (KDX_TYPE_STAGE, bar->key);
      break;
    case KDX_INSIGHTS_OUTREACH_OVER_TIME:
      bar->label = strlen (bar->key) == 7 ? month_label (bar->key) : g_strdup (bar->key);
      break;
    case KDX_INSIGHTS_OUTREACH_BY_OWNER:
      bar->label = text_label (bar->key, NULL);
      bar->not_recorded = *bar->key == '\0';
      break;
    case KDX_INSIGHTS_OUTREACH_BY_CHANNEL:
      bar->label = text_label (bar->key, kdx_channel_get_label);
      bar->not_recorded = *bar->key == '\0';
      break;
    case KDX_INSIGHTS_OUTREACH_BY_TIER:
    case KDX_INSIGHTS_CHURN_BY_TIER:
    case KDX_INSIGHTS_MIX_TIER:
      bar->label = enum_label (KDX_TYPE_TIER, bar->key);
      bar->not_recorded = g_str_equal (bar->key, "unrated");
      break;
    case KDX_INSIGHTS_PACE_CANDIDATES:
    case KDX_INSIGHTS_PACE_ONBOARDED:
      bar->group = month_label (first);
      bar->label = text_label (second, NULL);
      break;
    case KDX_INSIGHTS_CHURN_BY_REASON:
      bar->label = text_label (bar->key, kdx_churn_reason_get_label);
      bar->not_recorded = *bar->key == '\0';
      break;
    case KDX_INSIGHTS_CHURN_BY_SOURCE:
    case KDX_INSIGHTS_MIX_SOURCE:
      bar->label = enum_label (KDX_TYPE_SOURCE, bar->key);
      bar->not_recorded = g_str_equal (bar->key, "unset");
      break;
    case KDX_INSIGHTS_MIX_PLATFORM:
      bar->label = text_label (bar->key, kdx_platform_get_label);
      bar->not_recorded = *bar->key == '\0';
      break;
    case KDX_INSIGHTS_COST_FEES_BY_PLAN:
    case KDX_INSIGHTS_COST_PAYMENTS_BY_PLAN:
      bar->label = enum_label (KDX_TYPE_PLAN, first);
      bar->group = currency_label (second);
      break;
    case KDX_INSIGHTS_COST_PAYMENTS_BY_MONTH:
      bar->label = month_label (first);
      bar->group = currency_label (second);
      break;
    case KDX_INSIGHTS_COST_PER_ACTIVE:
      bar->label = currency_label (bar->key);
      break;
    case KDX_INSIGHTS_N_CHARTS:
    default:
      g_assert_not_reached ();
    }
}

/* Shares of the recorded values: the unset ones are counted on their own
 * and left out (issue 11: "Not recorded", left out of ratios). */
static void
finish_shares (KdxInsightsChart *chart)
{
  gint64 recorded = 0;

  for (guint i = 0; i < chart->bars->len; i++)
    {
      KdxInsightsBar *bar = g_ptr_array_index (chart->bars, i);
      if (bar->not_recorded)
        chart->not_recorded += bar->count;
      else
        recorded += bar->count;
    }
  for (guint i = 0; i < chart->bars->len; i++)
    {
      KdxInsightsBar *bar = g_ptr_array_index (chart->bars, i);
      if (!bar->not_recorded && recorded > 0)
        bar->ratio = (double) bar->count / (double) recorded;
    }
}

static void
finish_bar (KdxInsights              *self,
            KdxInsightsChart         *chart,
            KdxInsightsBar           *bar,
            KdxInsightsBar           *previous,
            const KdxInsightsTargets *targets)
{
  g_autofree char *second = key_part (bar->key, 1);
  g_autofree char *currency = NULL;

  label_bar (self, chart->id, bar);
  switch (chart->section)
    {
    case KDX_INSIGHTS_SECTION_FUNNEL:
      bar->value = bar->count;
      /* Conversion along the main path only; the side exits stand alone. */
      if (previous != NULL && previous->count > 0
          && !g_str_equal (bar->key, "declined") && !g_str_equal (bar->key, "departed"))
        bar->ratio = (double) bar->count / (double) previous->count;
      bar->value_text = g_strdup_printf ("%" G_GINT64_FORMAT, bar->count);
      break;
    case KDX_INSIGHTS_SECTION_OUTREACH:
      bar->ratio = bar->count > 0 ? (double) bar->part / (double) bar->count : NAN;
      bar->value = isnan (bar->ratio) ? 0.0 : bar->ratio;
      {
        g_autofree char *rate = format_rate (bar->ratio);
        bar->value_text = g_strdup_printf ("%s (%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT ")",
                                           rate, bar->part, bar->count);
      }
      break;
    case KDX_INSIGHTS_SECTION_PACE:
      if (targets != NULL)
        bar->target = chart->id == KDX_INSIGHTS_PACE_CANDIDATES
                        ? kdx_insights_targets_get_candidates (targets, second)
                        : kdx_insights_targets_get_onboarded (targets, second);
      bar->value = bar->count;
      if (bar->target > 0)
        bar->value_text = g_strdup_printf ("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT,
                                           bar->count, bar->target);
      else
        bar->value_text = g_strdup_printf ("%" G_GINT64_FORMAT, bar->count);
      break;
    case KDX_INSIGHTS_SECTION_TIME_IN_STAGE:
      bar->value_text = format_days (bar->value);
      break;
    case KDX_INSIGHTS_SECTION_CHURN:
      bar->value = bar->count;
      bar->value_text = g_strdup_printf ("%" G_GINT64_FORMAT, bar->count);
      break;
    case KDX_INSIGHTS_SECTION_MIX:
      bar->value = bar->count;
      bar->value_text = g_strdup_printf ("%" G_GINT64_FORMAT, bar->count);
      break;
    case KDX_INSIGHTS_SECTION_COST:
      currency = chart->id == KDX_INSIGHTS_COST_PER_ACTIVE ? g_strdup (bar->key)
                                                           : g_strdup (second);
      bar->value_text = format_money (bar->value, currency);
      break;
    case KDX_INSIGHTS_N_SECTIONS:
    default:
      g_assert_not_reached ();
    }
}

void
_kdx_insights_finish (KdxInsights              *self,
                      const KdxInsightsTargets *targets)
{
  for (guint c = 0; c < KDX_INSIGHTS_N_CHARTS; c++)
    {
      KdxInsightsChart *chart = self->charts[c];
      KdxInsightsBar *previous = NULL;

      for (guint i = 0; i < chart->bars->len; i++)
        {
          KdxInsightsBar *bar = g_ptr_array_index (chart->bars, i);
          finish_bar (self, chart, bar, previous, targets);
          previous = bar;
        }
      if (chart->section == KDX_INSIGHTS_SECTION_MIX)
        finish_shares (chart);
    }
}

const KdxInsightsPeriod *
kdx_insights_get_period (KdxInsights *self)
{
  return self->period;
}

const KdxInsightsFilter *
kdx_insights_get_filter (KdxInsights *self)
{
  return self->filter;
}

KdxInsightsChart *
kdx_insights_get_chart (KdxInsights        *self,
                        KdxInsightsChartId  chart)
{
  g_return_val_if_fail (chart < KDX_INSIGHTS_N_CHARTS, NULL);
  return self->charts[chart];
}

KdxInsightsBar *
kdx_insights_chart_find_bar (KdxInsightsChart *chart,
                             const char       *key)
{
  for (guint i = 0; i < chart->bars->len; i++)
    {
      KdxInsightsBar *bar = g_ptr_array_index (chart->bars, i);
      if (g_str_equal (bar->key, key))
        return bar;
    }
  return NULL;
}

void
kdx_insights_get_outreach (KdxInsights *self,
                           gint64      *attempts,
                           gint64      *approached,
                           gint64      *agreed,
                           double      *success_rate)
{
  if (attempts != NULL)
    *attempts = self->attempts;
  if (approached != NULL)
    *approached = self->approached;
  if (agreed != NULL)
    *agreed = self->agreed;
  if (success_rate != NULL)
    *success_rate = self->approached > 0 ? (double) self->agreed / (double) self->approached
                                         : NAN;
}

void
kdx_insights_get_churn (KdxInsights *self,
                        gint64      *departed,
                        double      *median_days)
{
  if (departed != NULL)
    *departed = self->departed;
  if (median_days != NULL)
    *median_days = self->churn_median;
}

GPtrArray *
kdx_insights_get_stuck (KdxInsights *self)
{
  return self->stuck;
}

gboolean
kdx_insights_lists_names (KdxInsights *self)
{
  return self->stuck->len > 0;
}

const char *
kdx_insights_section_get_title (KdxInsightsSection section)
{
  static const char *const titles[KDX_INSIGHTS_N_SECTIONS] = {
    N_("Funnel"), N_("Outreach"), N_("Pace"), N_("Time in stage"),
    N_("Churn"), N_("Mix"), N_("Cost"),
  };

  g_return_val_if_fail (section < KDX_INSIGHTS_N_SECTIONS, NULL);
  return _(titles[section]);
}

GStrv
kdx_insights_chart_get_headings (KdxInsightsChart *chart)
{
  g_autoptr(GStrvBuilder) heads = g_strv_builder_new ();
  const ChartInfo *info = &chart_info[chart->id];

  switch (chart->section)
    {
    case KDX_INSIGHTS_SECTION_FUNNEL:
      g_strv_builder_add_many (heads, _(info->key_title), _("Reached"), _("Conversion"), NULL);
      break;
    case KDX_INSIGHTS_SECTION_OUTREACH:
      g_strv_builder_add_many (heads, _(info->key_title), _("Attempts"), _("Approached"),
                               _("Agreed"), _("Success rate"), NULL);
      break;
    case KDX_INSIGHTS_SECTION_PACE:
      g_strv_builder_add_many (heads, _("Month"), _(info->key_title), _("New"), _("Target"),
                               NULL);
      break;
    case KDX_INSIGHTS_SECTION_TIME_IN_STAGE:
      g_strv_builder_add_many (heads, _(info->key_title), _("Stays"), _("Median days"),
                               _("90th percentile days"), NULL);
      break;
    case KDX_INSIGHTS_SECTION_CHURN:
      g_strv_builder_add_many (heads, _(info->key_title), _("Departed"), NULL);
      break;
    case KDX_INSIGHTS_SECTION_MIX:
      g_strv_builder_add_many (heads, _(info->key_title), _("Active KOLs"), _("Share"), NULL);
      break;
    case KDX_INSIGHTS_SECTION_COST:
      if (chart->id == KDX_INSIGHTS_COST_PER_ACTIVE)
        g_strv_builder_add_many (heads, _(info->key_title), _("Active KOLs"), _("Payments"),
                                 _("Per active KOL"), NULL);
      else
        g_strv_builder_add_many (heads, _(info->key_title), _("Currency"),
                                 chart->id == KDX_INSIGHTS_COST_FEES_BY_PLAN ? _("KOLs")
                                                                             : _("KOLs paid"),
                                 _(info->value_title), NULL);
      break;
    case KDX_INSIGHTS_N_SECTIONS:
    default:
      g_assert_not_reached ();
    }
  return g_strv_builder_end (heads);
}

/* g_strv_builder_take() is newer than GLib 2.74. */
static void
add_owned (GStrvBuilder *builder,
           char         *text)
{
  g_strv_builder_add (builder, text);
  g_free (text);
}

static char *
count_text (gint64 count)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, count);
}

GStrv
kdx_insights_bar_get_cells (KdxInsightsChart *chart,
                            KdxInsightsBar   *bar)
{
  g_autoptr(GStrvBuilder) cells = g_strv_builder_new ();

  switch (chart->section)
    {
    case KDX_INSIGHTS_SECTION_FUNNEL:
      g_strv_builder_add (cells, bar->label);
      add_owned (cells, count_text (bar->count));
      add_owned (cells, format_rate (bar->ratio));
      break;
    case KDX_INSIGHTS_SECTION_OUTREACH:
      g_strv_builder_add (cells, bar->label);
      add_owned (cells, count_text (bar->attempts));
      add_owned (cells, count_text (bar->count));
      add_owned (cells, count_text (bar->part));
      add_owned (cells, format_rate (bar->ratio));
      break;
    case KDX_INSIGHTS_SECTION_PACE:
      g_strv_builder_add (cells, bar->group);
      g_strv_builder_add (cells, bar->label);
      add_owned (cells, count_text (bar->count));
      add_owned (cells, bar->target > 0 ? count_text (bar->target) : g_strdup ("—"));
      break;
    case KDX_INSIGHTS_SECTION_TIME_IN_STAGE:
      g_strv_builder_add (cells, bar->label);
      add_owned (cells, count_text (bar->count));
      add_owned (cells, format_days (bar->value));
      add_owned (cells, format_days (bar->p90));
      break;
    case KDX_INSIGHTS_SECTION_CHURN:
      g_strv_builder_add (cells, bar->label);
      add_owned (cells, count_text (bar->count));
      break;
    case KDX_INSIGHTS_SECTION_MIX:
      g_strv_builder_add (cells, bar->label);
      add_owned (cells, count_text (bar->count));
      add_owned (cells, format_rate (bar->ratio));
      break;
    case KDX_INSIGHTS_SECTION_COST:
      g_strv_builder_add (cells, bar->label);
      if (chart->id == KDX_INSIGHTS_COST_PER_ACTIVE)
        {
          add_owned (cells, count_text (bar->count));
          add_owned (cells, format_money (bar->sum, bar->key));
        }
      else
        {
          g_strv_builder_add (cells, bar->group);
          add_owned (cells, count_text (bar->count));
        }
      g_strv_builder_add (cells, bar->value_text);
      break;
    case KDX_INSIGHTS_N_SECTIONS:
    default:
      g_assert_not_reached ();
    }
  return g_strv_builder_end (cells);
}

double
kdx_insights_median (const double *sorted,
                     gsize         n)
{
  if (n == 0)
    return NAN;
  if (n % 2 == 1)
    return sorted[n / 2];
  return (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
}

double
kdx_insights_percentile (const double *sorted,
                         gsize         n,
                         double        p)
{
  gsize rank;

  if (n == 0)
    return NAN;
  /* Nearest rank: the smallest value with at least p of all at or below. */
  rank = (gsize) ceil (p * (double) n - 1e-9);
  return sorted[CLAMP (rank, 1, n) - 1];
}

/* The @k-th smallest of @values (from 0), found by partitioning them in
 * place (Hoare's selection): afterwards none before @k is larger and none
 * after it smaller. Linear on average, where sorting every stay of a
 * stage was most of time in stage's cost (kdx-store-insights.c). */
static double
nth_smallest (double *values,
              gssize  n,
              gssize  k)
{
  gssize lo = 0, hi = n - 1;

  while (lo < hi)
    {
      double pivot = values[lo + (hi - lo) / 2];
      gssize i = lo, j = hi;

      while (i <= j)
        {
          while (values[i] < pivot)
            i++;
          while (values[j] > pivot)
            j--;
          if (i <= j)
            {
              double swap = values[i];
              values[i++] = values[j];
              values[j--] = swap;
            }
        }
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        return values[k];
    }
  return values[k];
}

/* The median and the 90th percentile of @values, as kdx_insights_median()
 * and kdx_insights_percentile() have them of the sorted values, without
 * sorting them: the same ranks, picked out. Reorders @values. */
void
_kdx_insights_median_and_p90 (double *values,
                              gsize   n,
                              double *median,
                              double *p90)
{
  gsize rank;

  if (n == 0)
    {
      *median = *p90 = NAN;
      return;
    }
  if (n % 2 == 1)
    *median = nth_smallest (values, n, n / 2);
  else
    {
      double lower = nth_smallest (values, n, n / 2 - 1);
      double upper = values[n / 2];

      /* Everything after the lower middle is at least it: the upper
       * middle is the least of them. */
      for (gsize i = n / 2 + 1; i < n; i++)
        upper = MIN (upper, values[i]);
      *median = (lower + upper) / 2.0;
    }
  rank = (gsize) ceil (0.9 * (double) n - 1e-9);
  *p90 = nth_smallest (values, n, CLAMP (rank, 1, n) - 1);
}
