/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-due"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "kdx-calendar.h"
#include "kdx-due-private.h"
#include "kdx-due.h"
#include "kdx-store.h"

/* The rules of what is due (kdx-due.h), on the store's preselection: the
 * store chooses the few rows that may be due in SQL, this file decides on
 * local days. */

/* "YYYY-MM-DD" (the start of a date or a datetime) as a day. */
static gboolean
parse_day (const char *text,
           GDate      *date)
{
  guint year, month, day;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u", &year, &month, &day) != 3
      || !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/* The local day of an ISO 8601 time (stored in UTC): a contact logged at
 * 23:30 in Beijing is that day's, though it is the day before in UTC. */
static gboolean
local_day (const char *datetime,
           GDate      *date)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  int year, month, day;

  if (datetime == NULL)
    return FALSE;
  if (strlen (datetime) <= 10)
    return parse_day (datetime, date);
  utc = g_date_time_new_from_iso8601 (datetime, NULL);
  if (utc == NULL)
    return parse_day (datetime, date);
  local = g_date_time_to_local (utc);
  g_date_time_get_ymd (local, &year, &month, &day);
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static char *
iso_day (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/* Adds an item for @kol about @date; @days is counted from @date to @today
 * for past dates and from @today to @date for coming ones. */
static void
add_kol_item (GPtrArray    *items,
              KdxDueReason  reason,
              gint64        id,
              const char   *display_name,
              KdxStage      stage,
              KdxTier       tier,
              const char   *owner,
              const GDate  *date,
              const GDate  *today,
              const char   *label)
{
  g_autofree char *day = iso_day (date);
  KdxDueItemFields fields = {
    .id = id,
    .display_name = display_name,
    .reason = reason,
    .date = day,
    .days = ABS (g_date_days_between (today, date)),
    .label = label,
    .stage = stage,
    .tier = tier,
    .owner = owner,
  };

  g_ptr_array_add (items, _kdx_due_item_new (&fields, NULL));
}

/* The first contact reason that holds for @kol, as kdx-due.h lists them. */
static void
add_contact_item (GPtrArray            *items,
                  const KdxDueKol      *kol,
                  const KdxDueSettings *settings,
                  const GDate          *today)
{
  GDate date, since;
  guint interval;
  int quiet;

#define ADD(reason, day) \
  add_kol_item (items, reason, kol->id, kol->display_name, kol->stage, \
                kol->tier, kol->owner, day, today, NULL)

  if (kol->stage == KDX_STAGE_DEPARTED || kol->stage == KDX_STAGE_DECLINED)
    {
      if (parse_day (kol->reapproach_on, &date) && g_date_compare (&date, today) <= 0)
        ADD (KDX_DUE_REAPPROACH, &date);
      return;
    }

  if (parse_day (kol->next_follow_up, &date))
    {
      int cmp = g_date_compare (&date, today);

      if (cmp < 0)
        {
          ADD (KDX_DUE_OVERDUE_FOLLOW_UP, &date);
          return;
        }
      if (cmp == 0)
        {
          ADD (KDX_DUE_FOLLOW_UP_TODAY, &date);
          return;
        }
    }

  /* Nobody has been in touch with a candidate yet, so there is no touch
   * to lose; a KOL never contacted counts from its stage entry. */
  if (kol->stage == KDX_STAGE_CANDIDATE
      || !local_day (kol->last_contact != NULL ? kol->last_contact : kol->stage_since, &since))
    return;
  quiet = g_date_days_between (&since, today);

  interval = kdx_due_settings_get_interval (settings, kol->tier, kol->contact_every_days);
  if (interval > 0 && quiet >= (int) interval)
    ADD (KDX_DUE_LOSING_TOUCH, &since);
  else if (kol->stage == KDX_STAGE_GROWING && settings->growing_quiet_days > 0
           && quiet >= (int) settings->growing_quiet_days)
    ADD (KDX_DUE_GROWING_QUIET, &since);
#undef ADD
}

/* When @row occurs next in the window, or an invalid date. */
static GDate
date_in_window (const KdxDueDate     *row,
                const KdxDueSettings *settings,
                const GDate          *today)
{
  GDate next, start;

  g_date_clear (&next, 1);
  if (row->kind == KDX_DUE_DATE_ANNIVERSARY)
    {
      g_autofree char *day = NULL;

      /* A cooperation starts on the local day of its first move to
       * Onboarding, and has its first anniversary a year on. */
      if (!local_day (row->date, &start))
        return next;
      day = iso_day (&start);
      next = kdx_date_next_occurrence (day, TRUE, KDX_CALENDAR_GREGORIAN, today);
      if (g_date_valid (&next) && g_date_get_year (&next) <= g_date_get_year (&start))
        g_date_clear (&next, 1);
    }
  else
    next = kdx_date_next_occurrence (row->date, row->yearly, row->calendar, today);

  if (g_date_valid (&next) && g_date_days_between (today, &next) > (int) settings->days_ahead)
    g_date_clear (&next, 1);
  return next;
}

static const char *
date_label (const KdxDueDate *row)
{
  switch (row->kind)
    {
    case KDX_DUE_DATE_BIRTHDAY:
      return _("Birthday");
    case KDX_DUE_DATE_ANNIVERSARY:
      return _("Cooperation anniversary");
    case KDX_DUE_DATE_IMPORTANT:
    default:
      return row->label;
    }
}

static gboolean
add_date_items (GPtrArray            *items,
                KdxStore             *store,
                const KdxDueSettings *settings,
                const GDate          *today,
                const char           *today_text,
                const char           *owner,
                GError              **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  rows = kdx_store_query_due_dates (store, today_text, settings->days_ahead, owner, error);
  if (rows == NULL)
    return FALSE;

  /* The important dates first, so that a birthday the operator also keeps
   * among them (FIELDS.md: "also listed among important dates") shows once. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < rows->len; i++)
      {
        const KdxDueDate *row = g_ptr_array_index (rows, i);
        gboolean important = row->kind == KDX_DUE_DATE_IMPORTANT;
        g_autofree char *day = NULL;
        g_autofree char *key = NULL;
        GDate next;

        if (important != (pass == 0))
          continue;
        next = date_in_window (row, settings, today);
        if (!g_date_valid (&next))
          continue;
        day = iso_day (&next);
        key = g_strdup_printf ("%" G_GINT64_FORMAT " %s", row->id, day);
        if (important)
          g_hash_table_add (seen, g_steal_pointer (&key));
        else if (row->kind == KDX_DUE_DATE_BIRTHDAY && g_hash_table_contains (seen, key))
          continue;

        add_kol_item (items, KDX_DUE_IMPORTANT_DATE, row->id, row->display_name,
                      row->stage, row->tier, row->owner, &next, today, date_label (row));
      }
  return TRUE;
}

static gboolean
add_festival_items (GPtrArray            *items,
                    KdxStore             *store,
                    const KdxDueSettings *settings,
                    const GDate          *today,
                    const char           *owner,
                    GError              **error)
{
  g_autoptr(GArray) greeted = NULL;
  guint tiers = 0;

  for (guint t = 0; t < KDX_N_TIERS; t++)
    if (settings->festival_tiers[t])
      tiers |= 1u << t;
  if (tiers == 0)
    return TRUE;

  for (guint f = 0; f < KDX_N_FESTIVALS; f++)
    {
      g_autofree char *day = NULL;
      GDate next;

      if (!settings->festivals[f])
        continue;
      next = kdx_festival_next (f, today);
      if (!g_date_valid (&next)
          || g_date_days_between (today, &next) > (int) settings->festival_lead_days)
        continue;

      /* The same KOLs are greeted on every festival: asked once. */
      if (greeted == NULL && (greeted = kdx_store_query_greeted (store, tiers, owner, error)) == NULL)
        return FALSE;
      if (greeted->len == 0)
        return TRUE;

      day = iso_day (&next);
      {
        KdxDueItemFields fields = {
          .display_name = kdx_festival_get_label (f),
          .reason = KDX_DUE_FESTIVAL,
          .date = day,
          .days = g_date_days_between (today, &next),
          .label = kdx_festival_get_label (f),
          .festival = kdx_festival_to_string (f),
          .stage = KDX_STAGE_CANDIDATE,
          .tier = KDX_TIER_UNRATED,
        };
        GArray *ids = g_array_copy (greeted);

        g_ptr_array_add (items, _kdx_due_item_new (&fields, ids));
      }
    }
  return TRUE;
}

/* Sections in reason order; in a section the most urgent first: the
 * longest past for past dates, the soonest for coming ones. */
static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  KdxDueItem *x = *(KdxDueItem **) a;
  KdxDueItem *y = *(KdxDueItem **) b;
  KdxDueReason reason = kdx_due_item_get_reason (x);
  int cmp;

  if (reason != kdx_due_item_get_reason (y))
    return reason < kdx_due_item_get_reason (y) ? -1 : 1;

  cmp = kdx_due_item_get_days (x) - kdx_due_item_get_days (y);
  if (reason != KDX_DUE_IMPORTANT_DATE && reason != KDX_DUE_FESTIVAL)
    cmp = -cmp;
  if (cmp != 0)
    return cmp;
  if ((cmp = g_strcmp0 (kdx_due_item_get_display_name (x), kdx_due_item_get_display_name (y))) != 0)
    return cmp;
  return (kdx_due_item_get_id (x) > kdx_due_item_get_id (y)) - (kdx_due_item_get_id (x) < kdx_due_item_get_id (y));
}

GPtrArray *
kdx_due_list (KdxStore             *store,
              const KdxDueSettings *settings,
              const GDate          *today,
              const char           *owner,
              GError              **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) kols = NULL;
  g_autofree char *today_text = NULL;

  g_return_val_if_fail (KDX_IS_STORE (store), NULL);
  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  today_text = iso_day (today);
  kols = kdx_store_query_due_kols (store, today_text, settings->interval_days,
                                   settings->growing_quiet_days, owner, error);
  if (kols == NULL)
    return NULL;
  for (guint i = 0; i < kols->len; i++)
    add_contact_item (items, g_ptr_array_index (kols, i), settings, today);

  if (!add_date_items (items, store, settings, today, today_text, owner, error)
      || !add_festival_items (items, store, settings, today, owner, error))
    return NULL;

  g_ptr_array_sort (items, compare_items);
  return g_steal_pointer (&items);
}
