/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-dossier"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdx-channel.h"
#include "kdx-dossier-sections.h"
#include "kdx-dossier.h"
#include "kdx-dossier-values.h"
#include "kdx-enums.h"
#include "kdx-event.h"
#include "kdx-important-date.h"
#include "kdx-stage-entry.h"
#include "kdx-value.h"

/* What a dossier prints for one KOL file, section by section, on the
 * page-flow engine: the header (picture, name, the facts an operator
 * looks for first), personal and contact details, business, channels,
 * cooperation, upkeep, the recent timeline, the stage history and the
 * notes. A section with nothing to say is left out. */

#define AVATAR_SIZE 60.0

static GPtrArray *
stage_history_newest_first (KdxKol *kol)
{
  return kdx_dossier_sorted_newest_first (kdx_kol_get_stage_history (kol));
}

/* The widths of the band's cells: each as wide as its caption or fact
 * on one line, the room left shared out; only when the facts do not fit
 * on one line together do they wrap, each in proportion to its length. */
static void
band_widths (PangoLayout **captions,
             PangoLayout **facts,
             guint         n,
             double        width,
             double        padding,
             double       *widths)
{
  double total = 0;

  for (guint i = 0; i < n; i++)
    {
      int caption_width, fact_width;

      pango_layout_set_width (captions[i], -1);
      pango_layout_set_width (facts[i], -1);
      pango_layout_get_size (captions[i], &caption_width, NULL);
      pango_layout_get_size (facts[i], &fact_width, NULL);
      widths[i] = pango_units_to_double (MAX (caption_width, fact_width)) + padding;
      total += widths[i];
    }
  for (guint i = 0; i < n; i++)
    {
      if (total <= width)
        widths[i] += (width - total) / n;
      else
        widths[i] *= width / total;
      pango_layout_set_width (captions[i], pango_units_from_double (widths[i] - padding));
      pango_layout_set_width (facts[i], pango_units_from_double (widths[i] - padding));
    }
}

static void
add_header (KdxPageFlow *flow,
            KdxKol      *kol,
            GDateTime   *print_time)
{
  static const char *const fact_fields[] = { "platform", "followers", "tier", "stage" };
  double text_x = kdx_page_flow_get_left (flow) + AVATAR_SIZE + 16;
  double text_width = kdx_page_flow_get_right (flow) - text_x;
  double start = kdx_page_flow_get_y (flow);
  double width = kdx_page_flow_get_content_width (flow);
  double widths[5];
  double fact_x = kdx_page_flow_get_left (flow);
  g_autofree char *initials = kdx_kol_get_initials (kol);
  g_autofree char *real_name = kdx_dossier_display_value (KDX_RECORD (kol), "real_name");
  g_autofree char *city = kdx_dossier_display_value (KDX_RECORD (kol), "city");
  g_autofree char *bio = kdx_dossier_display_value (KDX_RECORD (kol), "bio");
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autoptr(GPtrArray) history = stage_history_newest_first (kol);
  char *facts[5] = { NULL };
  const char *captions[5];
  KdxFlowCell caption_cells[5];
  KdxFlowCell fact_cells[5];
  PangoLayout *caption_layouts[5] = { NULL };
  PangoLayout *fact_layouts[5] = { NULL };
  KdxCountStyle count_style = kdx_value_count_style_for_locale ();

  /* Avatar, name, who they are and where. */
  kdx_page_flow_add_picture (flow, AVATAR_SIZE, kdx_kol_get_avatar (kol), initials);

  kdx_page_flow_skip (flow, 2);
  kdx_page_flow_add_text (flow, KDX_TEXT_STYLE_NAME, kdx_kol_get_display_name (kol), text_x, text_width, 0);

  if (real_name != NULL)
    g_string_append (subtitle, real_name);
  if (kdx_kol_get_handle (kol) != NULL)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, kdx_kol_get_handle (kol));
    }
  if (city != NULL)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, city);
    }
  if (subtitle->len > 0)
    {
      kdx_page_flow_skip (flow, 1);
      kdx_page_flow_add_text (flow, KDX_TEXT_STYLE_SUBTITLE, subtitle->str, text_x, text_width, 0);
    }
  /* The bio introduces the person: beside the picture, under the name. */
  if (bio != NULL)
    {
      kdx_page_flow_skip (flow, 4);
      kdx_page_flow_add_text (flow, KDX_TEXT_STYLE_BODY, bio, text_x, text_width, 0);
    }
  kdx_page_flow_set_y (flow, MAX (kdx_page_flow_get_y (flow), start + AVATAR_SIZE) + 10);

  /* The facts an operator looks for first, in a band across the page. */
  for (guint i = 0; i < G_N_ELEMENTS (fact_fields); i++)
    {
      captions[i] = kdx_dossier_field_label (KDX_RECORD (kol), fact_fields[i]);
      facts[i] = kdx_dossier_display_value (KDX_RECORD (kol), fact_fields[i]);
    }
  if (facts[1] != NULL)
    {
      g_free (facts[1]);
      facts[1] = kdx_value_format_count (kdx_kol_get_followers (kol), count_style);
    }
  captions[4] = _("Days in stage");
  if (history->len > 0)
    {
      g_autofree char *at = kdx_dossier_record_string (history->pdata[0], "at");
      gint64 days = kdx_dossier_days_between (at, print_time);

      if (days >= 0)
        facts[4] = kdx_dossier_format_days (days);
    }

  for (guint i = 0; i < 5; i++)
    {
      caption_layouts[i] = kdx_page_flow_make_layout (flow, KDX_TEXT_STYLE_CAPTION, captions[i], width);
      fact_layouts[i] = kdx_page_flow_make_layout (flow, KDX_TEXT_STYLE_FACT,
                                                   facts[i] != NULL ? facts[i] : "—", width);
    }
  band_widths (caption_layouts, fact_layouts, 5, width - 16, 12, widths);
  for (guint i = 0; i < 5; i++)
    {
      double x = fact_x + 8;

      caption_cells[i] = (KdxFlowCell) { caption_layouts[i], x, KDX_TEXT_STYLE_CAPTION };
      fact_cells[i] = (KdxFlowCell) { fact_layouts[i], x, KDX_TEXT_STYLE_FACT };
      fact_x += widths[i];
    }

  kdx_page_flow_begin_band (flow);
  kdx_page_flow_skip (flow, 5);
  kdx_page_flow_add_cells (flow, caption_cells, 5, TRUE, 0, FALSE);
  kdx_page_flow_skip (flow, 1);
  kdx_page_flow_add_cells (flow, fact_cells, 5, TRUE, 0, FALSE);
  kdx_page_flow_skip (flow, 5);
  kdx_page_flow_end_band (flow);
  for (guint i = 0; i < 5; i++)
    {
      g_free (facts[i]);
      g_object_unref (caption_layouts[i]);
      g_object_unref (fact_layouts[i]);
    }
}

/* Adds the named fields that have a value. */
static void
pairs_add_fields (GArray            *pairs,
                  KdxKol            *kol,
                  const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    kdx_flow_pairs_add_take (pairs, kdx_dossier_field_label (KDX_RECORD (kol), names[i]),
                    kdx_dossier_display_value (KDX_RECORD (kol), names[i]));
}

/* Personal and contact details are both short: side by side, each under
 * its heading; either alone fills both columns. */
static void
add_personal_and_contact (KdxPageFlow *flow,
                          KdxKol      *kol,
                          gboolean     include_contact)
{
  static const char *const personal_names[] = { "gender", "birthday", "personality", NULL };
  static const char *const contact_names[] = { "phone", "wechat", "email", "agent", "address", NULL };
  g_autoptr(GArray) personal = kdx_flow_pairs_new ();
  g_autoptr(GArray) contact = kdx_flow_pairs_new ();
  g_autoptr(GArray) none = kdx_flow_pairs_new ();

  pairs_add_fields (personal, kol, personal_names);
  if (include_contact)
    pairs_add_fields (contact, kol, contact_names);

  if (personal->len > 0 && contact->len > 0)
    {
      kdx_page_flow_add_headings (flow, _("Personal"), _("Contact"));
      kdx_page_flow_add_grid (flow, personal, contact);
    }
  else if (personal->len > 0)
    kdx_page_flow_add_field_section (flow, _("Personal"), personal, none);
  else
    kdx_page_flow_add_field_section (flow, _("Contact"), contact, none);
}

static void
add_business (KdxPageFlow *flow,
              KdxKol      *kol)
{
  /* The tier is in the band at the top. */
  static const char *const names[] = {
    "category", "followers", "tags", "fit_score", "content_quality", "activity",
    "fans_portable", "own_account", "fan_quality", NULL
  };
  g_autoptr(GArray) pairs = kdx_flow_pairs_new ();
  g_autoptr(GArray) none = kdx_flow_pairs_new ();

  pairs_add_fields (pairs, kol, names);
  kdx_page_flow_add_field_section (flow, _("Business"), pairs, none);
}

static const char *
url_for_print (const char *url)
{
  if (g_str_has_prefix (url, "https://"))
    return url + strlen ("https://");
  if (g_str_has_prefix (url, "http://"))
    return url + strlen ("http://");
  return url;
}

static void
add_channels (KdxPageFlow *flow,
              KdxKol      *kol)
{
  GListModel *channels = G_LIST_MODEL (kdx_kol_get_channels (kol));
  guint n = g_list_model_get_n_items (channels);
  g_autoptr(KdxChannel) probe = kdx_channel_new ();
  KdxFlowColumn columns[] = {
    /* Room for "WeChat Official Account" and a link under the handle. */
    { kdx_dossier_field_label (KDX_RECORD (probe), "platform"), 0.21, PANGO_ALIGN_LEFT },
    { kdx_dossier_field_label (KDX_RECORD (probe), "handle"), 0.29, PANGO_ALIGN_LEFT },
    { kdx_dossier_field_label (KDX_RECORD (probe), "followers"), 0.13, PANGO_ALIGN_RIGHT },
    { kdx_dossier_field_label (KDX_RECORD (probe), "rank"), 0.08, PANGO_ALIGN_RIGHT },
    { kdx_dossier_field_label (KDX_RECORD (probe), "activity"), 0.11, PANGO_ALIGN_RIGHT },
    { kdx_dossier_field_label (KDX_RECORD (probe), "checked_on"), 0.18, PANGO_ALIGN_RIGHT },
  };

  if (n == 0)
    return;
  kdx_page_flow_add_heading (flow, _("Channels"));

  kdx_page_flow_begin_table (flow, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdxRecord) channel = g_list_model_get_item (channels, i);
      g_autofree char *platform = kdx_dossier_display_value (channel, "platform");
      g_autofree char *handle = kdx_dossier_display_value (channel, "handle");
      g_autofree char *url = kdx_dossier_display_value (channel, "url");
      g_autofree char *followers = kdx_dossier_display_value (channel, "followers");
      g_autofree char *rank = kdx_dossier_display_value (channel, "rank");
      g_autofree char *activity = kdx_dossier_display_value (channel, "activity");
      g_autofree char *checked = kdx_dossier_display_value (channel, "checked_on");
      g_autofree char *handle_markup = NULL;
      char *cells[6] = { NULL };

      /* The link goes under the handle, smaller: it is long and read less.
       * Paper cannot be clicked: the scheme is left out, as print does. */
      if (url != NULL)
        handle_markup = g_markup_printf_escaped ("%s%s<span size=\"smaller\" foreground=\"#5e5c64\">%s</span>",
                                                 handle != NULL ? handle : "",
                                                 handle != NULL ? "\n" : "", url_for_print (url));
      else
        handle_markup = g_markup_escape_text (handle != NULL ? handle : "", -1);

      cells[0] = g_markup_escape_text (platform != NULL ? platform : "", -1);
      cells[1] = g_steal_pointer (&handle_markup);
      cells[2] = g_markup_escape_text (followers != NULL ? followers : "", -1);
      /* Rank 0 means "not ranked". */
      cells[3] = g_markup_escape_text (rank != NULL && g_strcmp0 (rank, "0") != 0 ? rank : "", -1);
      cells[4] = g_markup_escape_text (activity != NULL ? activity : "", -1);
      cells[5] = g_markup_escape_text (checked != NULL ? checked : "", -1);
      kdx_page_flow_add_table_row (flow, (const char *const *) cells);
      for (guint j = 0; j < G_N_ELEMENTS (cells); j++)
        g_free (cells[j]);
    }
  kdx_page_flow_end_table (flow);
}

static void
add_cooperation (KdxPageFlow *flow,
                 KdxKol      *kol)
{
  static const char *const first[] = { "source", "purpose", "plan", NULL };
  static const char *const rest[] = {
    "rules_agreed_on", "owner", "next_follow_up", "contact_every_days", "reapproach_on",
    "churn_reason", NULL
  };
  static const char *const long_names[] = { "incentives", "demands", NULL };
  g_autofree char *fee = kdx_dossier_display_value (KDX_RECORD (kol), "fee");
  g_autofree char *currency = kdx_dossier_display_value (KDX_RECORD (kol), "currency");
  g_autofree char *since = kdx_dossier_display_value (KDX_RECORD (kol), "exclusive_since");
  g_autoptr(GArray) pairs = kdx_flow_pairs_new ();
  g_autoptr(GArray) long_pairs = kdx_flow_pairs_new ();
  gboolean exclusive = FALSE;

  pairs_add_fields (pairs, kol, first);
  if (fee != NULL)
    kdx_flow_pairs_add_take (pairs, kdx_dossier_field_label (KDX_RECORD (kol), "fee"),
                    currency != NULL ? g_strdup_printf ("%s %s", fee, currency) : g_strdup (fee));

  /* Not exclusive is what every candidate is: only the agreement is news. */
  g_object_get (kol, "exclusive", &exclusive, NULL);
  if (exclusive)
    /* Translators: exclusive cooperation, since a date */
    kdx_flow_pairs_add_take (pairs, kdx_dossier_field_label (KDX_RECORD (kol), "exclusive"),
                    since != NULL ? g_strdup_printf (_("Yes, since %s"), since) : g_strdup (_("Yes")));

  pairs_add_fields (pairs, kol, rest);
  pairs_add_fields (long_pairs, kol, long_names);
  kdx_page_flow_add_field_section (flow, _("Cooperation"), pairs, long_pairs);
}

/* "date  what" lines, one per item. */
static void
append_dated_line (GString    *lines,
                   const char *date,
                   const char *what)
{
  if (lines->len > 0)
    g_string_append_c (lines, '\n');
  g_string_append_printf (lines, "%s   %s", date != NULL ? date : "", what != NULL ? what : "");
}

static void
add_upkeep (KdxPageFlow *flow,
            KdxKol      *kol)
{
  g_autoptr(GPtrArray) events = kdx_dossier_sorted_newest_first (kdx_kol_get_events (kol));
  GListModel *dates = G_LIST_MODEL (kdx_kol_get_important_dates (kol));
  guint n_dates = g_list_model_get_n_items (dates);
  g_autoptr(GString) date_lines = g_string_new (NULL);
  g_autoptr(GString) gift_lines = g_string_new (NULL);
  g_autoptr(GArray) none = kdx_flow_pairs_new ();
  g_autoptr(GArray) long_pairs = kdx_flow_pairs_new ();
  static const char *const names[] = { "preferences", NULL };

  pairs_add_fields (long_pairs, kol, names);

  for (guint i = 0; i < n_dates; i++)
    {
      g_autoptr(KdxRecord) date = g_list_model_get_item (dates, i);
      g_autofree char *when = kdx_dossier_display_value (date, "date");
      g_autofree char *label = kdx_dossier_display_value (date, "label");
      gboolean yearly = FALSE;
      int calendar = KDX_CALENDAR_GREGORIAN;
      g_autofree char *text = NULL;

      g_object_get (date, "yearly", &yearly, "calendar", &calendar, NULL);
      if (calendar == KDX_CALENDAR_CHINESE)
        /* Translators: an important date's label, then that it follows the Chinese lunar calendar */
        text = yearly ? g_strdup_printf (_("%s (every year, lunar calendar)"), label != NULL ? label : "")
                      : g_strdup_printf (_("%s (lunar calendar)"), label != NULL ? label : "");
      else
        /* Translators: an important date's label, then that it comes back every year */
        text = yearly ? g_strdup_printf (_("%s (every year)"), label != NULL ? label : "")
                      : g_strdup (label != NULL ? label : "");
      append_dated_line (date_lines, when, text);
    }
  if (date_lines->len > 0)
    kdx_flow_pairs_add_take (long_pairs, _("Important dates"), g_strdup (date_lines->str));

  for (guint i = 0; i < events->len; i++)
    {
      KdxRecord *event = events->pdata[i];
      g_autofree char *kind = kdx_dossier_record_string (event, "kind");
      g_autofree char *at = NULL;
      g_autofree char *summary = NULL;
      g_autofree char *amount = NULL;

      if (g_strcmp0 (kind, "gift") != 0)
        continue;
      at = kdx_dossier_display_value (event, "at");
      summary = kdx_dossier_display_value (event, "summary");
      amount = kdx_dossier_display_value (event, "amount");
      if (amount != NULL)
        {
          g_autofree char *currency = kdx_dossier_display_value (KDX_RECORD (kol), "currency");
          /* Translators: what the gift was, then what it was worth and the currency */
          g_autofree char *worth = g_strdup_printf (_("%s (%s %s)"), summary != NULL ? summary : "",
                                                    amount, currency != NULL ? currency : "");
          g_free (summary);
          summary = g_strstrip (g_steal_pointer (&worth));
        }
      append_dated_line (gift_lines, at, summary);
    }
  if (gift_lines->len > 0)
    kdx_flow_pairs_add_take (long_pairs, _("Gifts"), g_strdup (gift_lines->str));

  kdx_page_flow_add_field_section (flow, _("Upkeep"), none, long_pairs);
}

static void
add_timeline (KdxPageFlow *flow,
              KdxKol      *kol)
{
  g_autoptr(GPtrArray) events = kdx_dossier_sorted_newest_first (kdx_kol_get_events (kol));
  g_autoptr(KdxEvent) probe = kdx_event_new ();
  g_autofree char *currency = kdx_dossier_display_value (KDX_RECORD (kol), "currency");
  g_autofree char *amount_title = NULL;
  gboolean with_channels = FALSE;
  gboolean with_amounts = FALSE;
  gboolean with_makers = FALSE;
  KdxFlowColumn all[] = {
    { kdx_dossier_field_label (KDX_RECORD (probe), "at"), 0.15, PANGO_ALIGN_LEFT },
    { kdx_dossier_field_label (KDX_RECORD (probe), "kind"), 0.13, PANGO_ALIGN_LEFT },
    { kdx_dossier_field_label (KDX_RECORD (probe), "channel"), 0.12, PANGO_ALIGN_LEFT },
    { kdx_dossier_field_label (KDX_RECORD (probe), "summary"), 0.56, PANGO_ALIGN_LEFT },
    { kdx_dossier_field_label (KDX_RECORD (probe), "outcome"), 0.16, PANGO_ALIGN_LEFT },
    { NULL, 0.12, PANGO_ALIGN_RIGHT },
    { kdx_dossier_field_label (KDX_RECORD (probe), "made_by"), 0.12, PANGO_ALIGN_LEFT },
  };
  enum { AT, KIND, CHANNEL, SUMMARY, OUTCOME, AMOUNT, MADE_BY };
  KdxFlowColumn columns[G_N_ELEMENTS (all)];
  guint n_columns = 0;
  guint shown = MIN (events->len, KDX_DOSSIER_RECENT_EVENTS);

  if (events->len == 0)
    return;
  kdx_page_flow_add_heading (flow, _("Recent timeline"));

  /* Channel, amount and "By" columns only when a shown event has one:
   * many timelines are older than these fields (who made an event is
   * known from schema 11 on), and the summary gets the room. */
  for (guint i = 0; i < shown; i++)
    {
      g_autofree char *channel = kdx_dossier_display_value (events->pdata[i], "channel");
      g_autofree char *amount = kdx_dossier_display_value (events->pdata[i], "amount");
      g_autofree char *made_by = kdx_dossier_display_value (events->pdata[i], "made_by");

      with_channels |= channel != NULL;
      with_amounts |= amount != NULL;
      with_makers |= made_by != NULL;
    }
  if (with_channels)
    all[SUMMARY].fraction -= all[CHANNEL].fraction;
  if (with_makers)
    all[SUMMARY].fraction -= all[MADE_BY].fraction;
  if (with_amounts)
    {
      amount_title = currency != NULL
        ? g_strdup_printf ("%s (%s)", kdx_dossier_field_label (KDX_RECORD (probe), "amount"), currency)
        : g_strdup (kdx_dossier_field_label (KDX_RECORD (probe), "amount"));
      all[AMOUNT].title = amount_title;
      all[SUMMARY].fraction -= all[AMOUNT].fraction;
    }
  for (guint c = 0; c < G_N_ELEMENTS (all); c++)
    if ((c != CHANNEL || with_channels) && (c != AMOUNT || with_amounts)
        && (c != MADE_BY || with_makers))
      columns[n_columns++] = all[c];

  kdx_page_flow_begin_table (flow, columns, n_columns);
  for (guint i = 0; i < shown; i++)
    {
      KdxRecord *event = events->pdata[i];
      g_autofree char *at = kdx_dossier_display_value (event, "at");
      g_autofree char *kind = kdx_dossier_display_value (event, "kind");
      g_autofree char *channel = kdx_dossier_display_value (event, "channel");
      g_autofree char *summary = kdx_dossier_display_value (event, "summary");
      g_autofree char *outcome_nick = kdx_dossier_record_string (event, "outcome");
      g_autofree char *outcome = NULL;
      g_autofree char *amount = kdx_dossier_display_value (event, "amount");
      g_autofree char *made_by = kdx_dossier_display_value (event, "made_by");
      const char *cells[G_N_ELEMENTS (all)];
      guint n = 0;

      /* "None" says nothing an empty cell does not. */
      if (g_strcmp0 (outcome_nick, "none") != 0)
        outcome = kdx_dossier_display_value (event, "outcome");

      cells[n++] = at;
      cells[n++] = kind;
      if (with_channels)
        cells[n++] = channel;
      cells[n++] = summary;
      cells[n++] = outcome;
      if (with_amounts)
        cells[n++] = amount;
      if (with_makers)
        cells[n++] = made_by;
      kdx_page_flow_add_table_text_row (flow, cells);
    }
  kdx_page_flow_end_table (flow);

  if (events->len > shown)
    {
      guint older = events->len - shown;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u older event is not shown.",
                                                            "%u older events are not shown.",
                                                            older), older);
      kdx_page_flow_add_note (flow, text);
    }
}

static void
add_stage_history (KdxPageFlow *flow,
                   KdxKol      *kol,
                   GDateTime   *print_time)
{
  g_autoptr(GPtrArray) history = stage_history_newest_first (kol);
  g_autoptr(KdxStageEntry) probe = kdx_stage_entry_new ();
  KdxFlowColumn columns[] = {
    { kdx_dossier_field_label (KDX_RECORD (probe), "at"), 0.15, PANGO_ALIGN_LEFT },
    { kdx_dossier_field_label (KDX_RECORD (probe), "stage"), 0.17, PANGO_ALIGN_LEFT },
    /* Translators: how long a KOL stayed in a stage, a table column */
    { _("Duration"), 0.13, PANGO_ALIGN_RIGHT },
    { kdx_dossier_field_label (KDX_RECORD (probe), "note"), 0.55, PANGO_ALIGN_LEFT },
    { kdx_dossier_field_label (KDX_RECORD (probe), "made_by"), 0.13, PANGO_ALIGN_LEFT },
  };
  enum { NOTE = 3, MADE_BY = 4 };
  gboolean with_makers = FALSE;

  if (history->len == 0)
    return;
  kdx_page_flow_add_heading (flow, _("Stage history"));

  /* "By" only when a move names who made it (schema 11 on), taken from
   * the note's room. */
  for (guint i = 0; i < history->len; i++)
    {
      g_autofree char *made_by = kdx_dossier_display_value (history->pdata[i], "made_by");

      with_makers |= made_by != NULL;
    }
  if (with_makers)
    columns[NOTE].fraction -= columns[MADE_BY].fraction;

  kdx_page_flow_begin_table (flow, columns, with_makers ? G_N_ELEMENTS (columns) : MADE_BY);
  for (guint i = 0; i < history->len; i++)
    {
      KdxRecord *entry = history->pdata[i];
      g_autofree char *at_iso = kdx_dossier_record_string (entry, "at");
      g_autofree char *at = kdx_dossier_display_value (entry, "at");
      g_autofree char *stage = kdx_dossier_display_value (entry, "stage");
      g_autofree char *note = kdx_dossier_display_value (entry, "note");
      g_autofree char *made_by = kdx_dossier_display_value (entry, "made_by");
      g_autofree char *duration = NULL;
      gint64 days;

      /* A stage lasts until the next move; the newest one until today. */
      if (i == 0)
        days = kdx_dossier_days_between (at_iso, print_time);
      else
        {
          g_autofree char *next_iso = kdx_dossier_record_string (history->pdata[i - 1], "at");
          g_autoptr(GDateTime) next = g_date_time_new_from_iso8601 (next_iso, NULL);

          days = next != NULL ? kdx_dossier_days_between (at_iso, next) : -1;
        }
      if (days >= 0)
        duration = kdx_dossier_format_days (days);

      kdx_page_flow_add_table_text_row (flow, (const char *[]) { at, stage, duration, note, made_by });
    }
  kdx_page_flow_end_table (flow);
}

static void
add_notes (KdxPageFlow *flow,
           KdxKol      *kol)
{
  g_autofree char *notes = kdx_dossier_display_value (KDX_RECORD (kol), "notes");

  if (notes == NULL)
    return;
  kdx_page_flow_add_heading (flow, kdx_dossier_field_label (KDX_RECORD (kol), "notes"));
  kdx_page_flow_add_paragraphs (flow, notes);
}

/**
 * kdx_dossier_add_kol:
 * @flow: the flow to lay the file out on
 * @kol: the KOL file
 * @include_contact: whether phone, WeChat, email, agent and address are printed
 * @print_time: when it is printed, counted from for "days in stage"
 *
 * Lays @kol's dossier out as a document of its own, from a new page.
 */
void
kdx_dossier_add_kol (KdxPageFlow *flow,
                     KdxKol      *kol,
                     gboolean     include_contact,
                     GDateTime   *print_time)
{
  g_return_if_fail (KDX_IS_PAGE_FLOW (flow));
  g_return_if_fail (KDX_IS_KOL (kol));
  g_return_if_fail (print_time != NULL);

  kdx_page_flow_begin_document (flow, kdx_kol_get_display_name (kol));
  add_header (flow, kol, print_time);
  add_personal_and_contact (flow, kol, include_contact);
  add_business (flow, kol);
  add_channels (flow, kol);
  add_cooperation (flow, kol);
  add_upkeep (flow, kol);
  add_timeline (flow, kol);
  add_stage_history (flow, kol, print_time);
  add_notes (flow, kol);
  kdx_page_flow_end_document (flow);
}
