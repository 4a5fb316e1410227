/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-insights"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdx-error.h"
#include "kdx-insights-period.h"
#include "kdx-insights-private.h"

struct _KdxInsightsPeriod
{
  KdxInsightsPeriodKind kind;
  GDate                 from;  /* invalid (cleared) when open at the start */
  GDate                 to;
  GDate                 today;
};

G_DEFINE_BOXED_TYPE (KdxInsightsPeriod, kdx_insights_period,
                     kdx_insights_period_copy, kdx_insights_period_free)

KdxInsightsPeriod *
kdx_insights_period_new (KdxInsightsPeriodKind  kind,
                         const GDate           *today)
{
  KdxInsightsPeriod *self;
  GDateYear year;
  GDateMonth month;

  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);
  g_return_val_if_fail (kind != KDX_INSIGHTS_PERIOD_RANGE, NULL);

  self = g_new0 (KdxInsightsPeriod, 1);
  self->kind = kind;
  self->today = *today;
  self->to = *today;
  year = g_date_get_year (today);
  month = g_date_get_month (today);
  g_date_clear (&self->from, 1);

  switch (kind)
    {
    case KDX_INSIGHTS_PERIOD_THIS_MONTH:
      g_date_set_dmy (&self->from, 1, month, year);
      g_date_set_dmy (&self->to, g_date_get_days_in_month (month, year), month, year);
      break;
    case KDX_INSIGHTS_PERIOD_LAST_MONTH:
      g_date_set_dmy (&self->from, 1, month, year);
      g_date_subtract_months (&self->from, 1);
      self->to = self->from;
      g_date_set_day (&self->to, g_date_get_days_in_month (g_date_get_month (&self->from),
                                                           g_date_get_year (&self->from)));
      break;
    case KDX_INSIGHTS_PERIOD_THIS_QUARTER:
      {
        GDateMonth first = (GDateMonth) (((month - 1) / 3) * 3 + 1);
        g_date_set_dmy (&self->from, 1, first, year);
        g_date_set_dmy (&self->to, g_date_get_days_in_month (first + 2, year), first + 2, year);
      }
      break;
    case KDX_INSIGHTS_PERIOD_THIS_YEAR:
      g_date_set_dmy (&self->from, 1, G_DATE_JANUARY, year);
      g_date_set_dmy (&self->to, 31, G_DATE_DECEMBER, year);
      break;
    case KDX_INSIGHTS_PERIOD_ALL_TIME:
    case KDX_INSIGHTS_PERIOD_RANGE:
    default:
      break;
    }
  return self;
}

KdxInsightsPeriod *
kdx_insights_period_new_range (const GDate  *from,
                               const GDate  *to,
                               const GDate  *today,
                               GError      **error)
{
  KdxInsightsPeriod *self;

  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (from != NULL && to != NULL && g_date_compare (to, from) < 0)
    {
      char a[16], b[16];
      g_date_strftime (a, sizeof a, "%Y-%m-%d", from);
      g_date_strftime (b, sizeof b, "%Y-%m-%d", to);
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                   _("The period ends (%s) before it begins (%s)"), b, a);
      return NULL;
    }

  self = g_new0 (KdxInsightsPeriod, 1);
  self->kind = KDX_INSIGHTS_PERIOD_RANGE;
  self->today = *today;
  g_date_clear (&self->from, 1);
  if (from != NULL)
    self->from = *from;
  self->to = to != NULL ? *to : *today;
  return self;
}

KdxInsightsPeriod *
kdx_insights_period_copy (const KdxInsightsPeriod *self)
{
  return g_memdup2 (self, sizeof *self);
}

void
kdx_insights_period_free (KdxInsightsPeriod *self)
{
  g_free (self);
}

KdxInsightsPeriodKind
kdx_insights_period_get_kind (const KdxInsightsPeriod *self)
{
  return self->kind;
}

gboolean
kdx_insights_period_get_from (const KdxInsightsPeriod *self,
                              GDate                   *from)
{
  if (!g_date_valid (&self->from))
    return FALSE;
  *from = self->from;
  return TRUE;
}

void
kdx_insights_period_get_to (const KdxInsightsPeriod *self,
                            GDate                   *to)
{
  *to = self->to;
}

void
kdx_insights_period_get_today (const KdxInsightsPeriod *self,
                               GDate                   *today)
{
  *today = self->today;
}

gboolean
kdx_insights_period_by_week (const KdxInsightsPeriod *self)
{
  if (!g_date_valid (&self->from))
    return FALSE;
  return g_date_days_between (&self->from, &self->to) < 92;
}

static char *
iso_day (const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

char *
kdx_insights_period_get_label (const KdxInsightsPeriod *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = iso_day (&self->to);

  if (self->kind == KDX_INSIGHTS_PERIOD_ALL_TIME)
    return g_strdup (_("All time"));
  if (!g_date_valid (&self->from))
    /* Translators: a period open at the start; %s is its last day */
    return g_strdup_printf (_("Up to %s"), to);
  from = iso_day (&self->from);
  /* Translators: a period from one day to another, both included */
  return g_strdup_printf (_("%s – %s"), from, to);
}

/* Local midnight of @date as the store's UTC text ("YYYY-MM-DDTHH:MM:SSZ"),
 * @days_after days later. */
static char *
utc_midnight (const GDate *date,
              int          days_after)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) midnight = g_date_time_new (local, g_date_get_year (date),
                                                   g_date_get_month (date),
                                                   g_date_get_day (date), 0, 0, 0);
  g_autoptr(GDateTime) later = g_date_time_add_days (midnight, days_after);
  g_autoptr(GDateTime) utc = g_date_time_to_utc (later);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

void
_kdx_insights_period_bounds (const KdxInsightsPeriod *self,
                             char                   **from_utc,
                             char                   **to_utc,
                             char                   **cut_utc,
                             char                   **local_shift)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) end = NULL;
  gint64 offset;

  *from_utc = g_date_valid (&self->from) ? utc_midnight (&self->from, 0) : NULL;
  *to_utc = utc_midnight (&self->to, 1);
  *cut_utc = utc_midnight (g_date_compare (&self->today, &self->to) < 0 ? &self->today : &self->to, 1);
  /* Months and weeks are local: SQLite shifts each UTC time by the
   * offset in force at the period's end. */
  end = g_date_time_new (local, g_date_get_year (&self->to), g_date_get_month (&self->to),
                         g_date_get_day (&self->to), 12, 0, 0);
  offset = g_date_time_get_utc_offset (end) / G_TIME_SPAN_MINUTE;
  *local_shift = g_strdup_printf ("%+" G_GINT64_FORMAT " minutes", offset);
}
