/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-cli"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "kdx-cli-commands.h"
#include "kdx-cli-util.h"
#include "kdx-due.h"
#include "kdx-json-writer.h"

/* koldex-cli due [--days N] [--on DATE] [--owner NAME] [--json]
 *
 * The CLI has no Preferences (they live in the app's GSettings): it uses
 * the default intervals of kdx_due_settings_init_defaults(), as --help
 * says. --days N widens (or narrows) the window of important dates and of
 * festivals alike. */

static void
print_json (GPtrArray *items)
{
  g_autoptr(KdxJsonWriter) writer = kdx_json_writer_new (TRUE);

  kdx_json_writer_begin_array (writer);
  for (guint i = 0; i < items->len; i++)
    {
      KdxDueItem *item = g_ptr_array_index (items, i);
      KdxDueReason reason = kdx_due_item_get_reason (item);

      kdx_json_writer_begin_object (writer);
      kdx_json_writer_member (writer, "id");
      kdx_json_writer_int (writer, kdx_due_item_get_id (item));
      kdx_json_writer_member (writer, "display_name");
      kdx_json_writer_string (writer, kdx_due_item_get_display_name (item));
      kdx_json_writer_member (writer, "reason");
      kdx_json_writer_string (writer, kdx_due_item_get_reason_id (item));
      kdx_json_writer_member (writer, "date");
      kdx_json_writer_string (writer, kdx_due_item_get_date (item));
      kdx_json_writer_member (writer, "days");
      kdx_json_writer_int (writer, kdx_due_item_get_days (item));
      if (reason == KDX_DUE_IMPORTANT_DATE || reason == KDX_DUE_FESTIVAL)
        {
          kdx_json_writer_member (writer, "label");
          kdx_json_writer_string (writer, kdx_due_item_get_label (item));
        }
      kdx_json_writer_end_object (writer);
    }
  kdx_json_writer_end_array (writer);
  kdx_cli_out ("%s\n", kdx_json_writer_get_text (writer));
}

/* Why the item is there, in words: "3 days overdue", "in 5 days". */
static char *
describe (KdxDueItem *item)
{
  int days = kdx_due_item_get_days (item);
  const char *date = kdx_due_item_get_date (item);

  switch (kdx_due_item_get_reason (item))
    {
    case KDX_DUE_OVERDUE_FOLLOW_UP:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "follow-up on %s, %d day overdue",
                                           "follow-up on %s, %d days overdue", days), date, days);
    case KDX_DUE_FOLLOW_UP_TODAY:
      return g_strdup (_("follow-up today"));
    case KDX_DUE_LOSING_TOUCH:
    case KDX_DUE_GROWING_QUIET:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "last contact %s, %d day ago",
                                           "last contact %s, %d days ago", days), date, days);
    case KDX_DUE_REAPPROACH:
      return days == 0 ? g_strdup (_("re-approach today"))
                       : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "re-approach since %s, %d day ago",
                                                       "re-approach since %s, %d days ago", days), date, days);
    case KDX_DUE_IMPORTANT_DATE:
    case KDX_DUE_FESTIVAL:
    default:
      return days == 0 ? g_strdup_printf (_("%s, today"), kdx_due_item_get_label (item))
                       : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s on %s, in %d day",
                                                       "%s on %s, in %d days", days),
                                          kdx_due_item_get_label (item), date, days);
    }
}

static void
print_text (GPtrArray   *items,
            const GDate *today)
{
  int section = -1;

  if (items->len == 0)
    {
      char day[11];

      g_date_strftime (day, sizeof day, "%Y-%m-%d", today);
      kdx_cli_out (_("Nothing is due on %s.\n"), day);
      return;
    }

  for (guint i = 0; i < items->len; i++)
    {
      KdxDueItem *item = g_ptr_array_index (items, i);
      KdxDueReason reason = kdx_due_item_get_reason (item);
      g_autofree char *why = describe (item);

      if ((int) reason != section)
        {
          kdx_cli_out ("%s%s\n", section < 0 ? "" : "\n", kdx_due_reason_get_label (reason));
          section = reason;
        }
      if (reason == KDX_DUE_FESTIVAL)
        {
          guint n = kdx_due_item_get_kol_ids (item)->len;
          g_autofree char *line = NULL;

          /* Translators: a festival, its day and when, then how many KOLs to greet */
          line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u KOL to greet",
                                               "%s: %u KOLs to greet", n), why, n);
          kdx_cli_out ("  %s\n", line);
        }
      else
        kdx_cli_out ("  %" G_GINT64_FORMAT "\t%s\t%s\n", kdx_due_item_get_id (item),
                     kdx_due_item_get_display_name (item), why);
    }
}

int
kdx_cli_due (const char  *database,
             int          argc,
             char       **argv)
{
  g_autofree char *on = NULL;
  g_autofree char *owner = NULL;
  int days = -1;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "days", 0, 0, G_OPTION_ARG_INT, &days,
      N_("Important dates and festivals in the next N days (by default dates 14, festivals 7)"), N_("N") },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on,
      N_("What is due on this day (YYYY-MM-DD), to plan ahead; by default today"), N_("DATE") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner,
      N_("Only the KOLs of this operator"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array of {id, display_name, reason, date, days, label}"), NULL },
    { NULL }
  };
  g_autoptr(KdxDueSettings) settings = kdx_due_settings_new ();
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  GDate today;

  if (!kdx_cli_parse_options ("due", _("[--days N] [--on DATE] [--owner NAME] [--json]"),
                              _("What is due today (or on DATE), and the important dates and festivals "
                                "coming, each with its reason. The command line uses the default "
                                "Preferences: contact head KOLs every 14 days, waist 30, tail 60, "
                                "unrated none; growing KOLs go quiet after 30 days; festivals are "
                                "greeted for head, waist and tail KOLs."),
                              entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argv[1]);
      return kdx_cli_fail (message);
    }

  if (days != -1)
    {
      if (days < 0 || days > 3650)
        return kdx_cli_fail (_("--days takes a number of days from 0 to 3650"));
      settings->days_ahead = days;
      settings->festival_lead_days = days;
    }

  if (on != NULL)
    {
      if (!kdx_cli_parse_day (on, &today))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not a date; write it as YYYY-MM-DD"), on);
          return kdx_cli_fail (message);
        }
    }
  else
    {
      /* The command line's one look at the clock; the rules never look. */
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      int y, m, d;

      g_date_time_get_ymd (now, &y, &m, &d);
      g_date_clear (&today, 1);
      g_date_set_dmy (&today, d, m, y);
    }

  if ((store = kdx_cli_open_store (database, &status)) == NULL)
    return status;
  if ((items = kdx_due_list (store, settings, &today, owner, &error)) == NULL)
    return kdx_cli_fail_error (error);

  if (json)
    print_json (items);
  else
    print_text (items, &today);
  return 0;
}
