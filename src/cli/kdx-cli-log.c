/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kdx-cli-commands.h"
#include "kdx-cli-util.h"
#include "kdx-contact-log.h"
#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-value.h"

/* koldex-cli log ID… KIND: a contact on one or many KOLs, as the Log
 * Contact dialog logs it (kdx-contact-log.c), in one transaction. */

/* "outcome: …" from the core names the field; here the option. */
static const struct
{
  const char *field;
  const char *option;
} options_of_fields[] = {
  { "outcome", "--outcome" },
  { "amount", "--amount" },
  { "at", "--at" },
  { "channel", "--channel" },
  { "next_follow_up", "--next" },
};

static int
fail_naming_option (GError *error)
{
  for (guint i = 0; i < G_N_ELEMENTS (options_of_fields); i++)
    {
      gsize length = strlen (options_of_fields[i].field);

      if (strncmp (error->message, options_of_fields[i].field, length) == 0
          && error->message[length] == ':')
        {
          g_autofree char *message = g_strconcat (options_of_fields[i].option,
                                                  error->message + length, NULL);
          return kdx_cli_fail (message);
        }
    }
  return kdx_cli_fail_error (error);
}

static gboolean
parse_enum (GType        type,
            const char  *option,
            const char  *text,
            int         *value,
            int         *status)
{
  g_autofree char *values = NULL;
  g_autofree char *message = NULL;

  if (kdx_enum_from_string (type, text, value))
    return TRUE;
  values = kdx_enum_list_values (type);
  /* Translators: an option, the value given, and the values it takes */
  message = g_strdup_printf (_("%s: “%s” is not one of: %s"), option, text, values);
  *status = kdx_cli_fail (message);
  return FALSE;
}

/* --next: a date, +Nd, +Nw, or none. */
static gboolean
parse_next (const char    *text,
            KdxContactLog *log,
            int           *status)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;
  g_autofree char *message = NULL;

  if (text == NULL)
    return TRUE;
  if (g_str_equal (text, "none"))
    {
      log->follow_up = KDX_FOLLOW_UP_CLEAR;
      return TRUE;
    }

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  log->next_follow_up = kdx_contact_log_parse_next (text, &today);
  if (log->next_follow_up != NULL)
    {
      log->follow_up = KDX_FOLLOW_UP_SET;
      return TRUE;
    }
  message = g_strdup_printf (_("--next: “%s” is not a date; write YYYY-MM-DD, +3d (days), +2w (weeks) or none"),
                             text);
  *status = kdx_cli_fail (message);
  return FALSE;
}

int
kdx_cli_log (const char  *database,
             int          argc,
             char       **argv)
{
  g_autofree char *channel = NULL;
  g_autofree char *outcome_text = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *note = NULL;
  g_autofree char *next = NULL;
  g_autofree char *at = NULL;
  GOptionEntry entries[] = {
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel,
      N_("How: wechat, phone, sms, email, group, forum, in_person, agent, a platform, or your own words"),
      N_("CHANNEL") },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome_text,
      N_("Outreach only: no_answer, refused, interested or agreed"), N_("OUTCOME") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount,
      N_("Payments and gifts only: the amount, in the KOL’s currency"), N_("AMOUNT") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note,
      N_("What was said or done"), N_("TEXT") },
    { "next", 0, 0, G_OPTION_ARG_STRING, &next,
      N_("The next follow-up: a date, +3d, +2w, or none (by default it stays as it is)"),
      N_("DATE") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at,
      N_("When it happened (by default now)"), N_("DATETIME") },
    { NULL }
  };
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxContactLog) log = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  int status = 0;
  int kind;
  int outcome = KDX_OUTCOME_NONE;

  if (!kdx_cli_parse_options ("log", _("ID… KIND [--channel C] [--outcome O] [--amount X] [--note TEXT] [--next DATE|+Nd|+Nw] [--at DATETIME]"),
                              _("Log a contact with one or more KOLs: a timeline event for each, "
                                "and their next follow-up."),
                              entries, &argc, &argv, &status))
    return status;
  if (argc < 3)
    return kdx_cli_fail (_("Give the KOL ids and the kind of contact, such as: log 1 2 outreach"));

  for (int i = 1; i < argc - 1; i++)
    {
      gint64 id;

      if (!kdx_cli_parse_id (argv[i], &id, &status))
        return status;
      g_array_append_val (ids, id);
    }
  if (!parse_enum (KDX_TYPE_EVENT_KIND, _("kind"), argv[argc - 1], &kind, &status))
    return status;
  if (outcome_text != NULL
      && !parse_enum (KDX_TYPE_OUTCOME, "--outcome", outcome_text, &outcome, &status))
    return status;

  log = kdx_contact_log_new (kind);
  log->outcome = outcome;
  log->channel = g_steal_pointer (&channel);
  log->amount = g_steal_pointer (&amount);
  log->note = g_steal_pointer (&note);
  log->at = g_steal_pointer (&at);
  if (!parse_next (next, log, &status))
    return status;
  /* Wrong values are told before the database is even opened. */
  if (!kdx_contact_log_check (log, &error))
    return fail_naming_option (error);

  if ((store = kdx_cli_open_store (database, &status)) == NULL)
    return status;
  if (!kdx_contact_log_apply (store, ids, log, &before, &error))
    return fail_naming_option (error);

  for (guint i = 0; i < before->len; i++)
    {
      KdxKol *kol = g_ptr_array_index (before, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, kdx_kol_get_id (kol));

      if (i > 0)
        g_string_append (names, C_("list separator", ", "));
      /* Translators: a KOL's name and id, e.g. 小美 (1) */
      g_string_append_printf (names, _("%s (%s)"), kdx_kol_get_display_name (kol), id);
    }
  kdx_cli_out (_("Contact logged: %s\n"), names->str);
  return 0;
}
