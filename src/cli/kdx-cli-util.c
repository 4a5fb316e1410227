/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "kdx-cli-assign.h"
#include "kdx-cli-util.h"
#include "kdx-operator.h"
#include "kdx-value.h"

/* Output is UTF-8 whatever the locale: JSON must be, and a name in
 * Chinese must not turn into question marks in a C locale, as g_print's
 * conversion to the locale's charset would make it. */
void
kdx_cli_print_to (FILE       *stream,
          const char *format,
          ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  fputs (text, stream);
}


/* One line on stderr, whatever the message holds, then status 1. */
int
kdx_cli_fail (const char *message)
{
  g_autofree char *line = g_strdup (message != NULL ? message
                                    : _("The command failed for an unknown reason"));

  g_strdelimit (line, "\r\n", ' ');
  kdx_cli_print_to (stderr, "koldex-cli: %s\n", line);
  return 1;
}

/* A failure without its error is a bug elsewhere, yet the user still
 * gets a line and status 1 rather than a crash. */
int
kdx_cli_fail_error (GError *error)
{
  return kdx_cli_fail (error != NULL ? error->message : _("The command failed for an unknown reason"));
}

/* Arguments that are not UTF-8 are refused before GOption's own "Invalid
 * byte sequence in conversion input", which names nothing: the error
 * names the option (--note), the field (notes=…) or the argument. */
static gboolean
check_arguments_utf8 (int      argc,
                      char   **argv,
                      GError **error)
{
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *name = NULL;
      const char *equals;

      if (g_utf8_validate (argv[i], -1, NULL))
        continue;

      equals = strchr (argv[i], '=');
      if (equals != NULL && g_utf8_validate (argv[i], equals - argv[i], NULL))
        {
          name = g_strndup (argv[i], equals - argv[i]);
          return kdx_value_check_utf8 (name, equals + 1, error);
        }
      if (i > 1 && argv[i - 1][0] == '-' && g_utf8_validate (argv[i - 1], -1, NULL))
        return kdx_value_check_utf8 (argv[i - 1], argv[i], error);
      /* Translators: the position of a command-line argument */
      name = g_strdup_printf (_("argument %d"), i);
      return kdx_value_check_utf8 (name, argv[i], error);
    }
  return TRUE;
}

/* Parses a command's options; on --help prints it and sets *status 0. */
gboolean
kdx_cli_parse_options (const char   *command,
                       const char   *parameters,
                       const char   *summary,
                       GOptionEntry *entries,
                       int          *argc,
                       char       ***argv,
                       int          *status)
{
  g_autofree char *parameter_string = g_strdup_printf ("%s %s", command, parameters);
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;
  g_autofree char *fields = NULL;

  g_option_context_set_summary (context, summary);
  if (g_str_equal (command, "add") || g_str_equal (command, "set"))
    {
      fields = kdx_cli_describe_fields ();
      g_option_context_set_description (context, fields);
    }
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!check_arguments_utf8 (*argc, *argv, &error)
      || !g_option_context_parse (context, argc, argv, &error))
    {
      *status = kdx_cli_fail_error (error);
      return FALSE;
    }
  return TRUE;
}

/* --operator NAME, before the command; NULL: not given. */
static char *operator_option;

void
kdx_cli_set_operator (const char *name)
{
  g_free (operator_option);
  operator_option = g_strdup (name);
}

/* The app's Preferences, when its schema is installed where GLib looks
 * (the CLI runs without it too: then the login's name). */
static GSettings *
app_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL
      || (schema = g_settings_schema_source_lookup (source, "io.github.koldex.Koldex", TRUE)) == NULL
      || !g_settings_schema_has_key (schema, "operator-name"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/* Who the CLI writes as: --operator, else KOLDEX_OPERATOR, else the name
 * in the app's Preferences, else the login's full name. */
char *
kdx_cli_operator_name (void)
{
  const char *env = g_getenv ("KOLDEX_OPERATOR");
  g_autoptr(GSettings) settings = NULL;

  if (operator_option != NULL && *operator_option != '\0')
    return kdx_operator_resolve (operator_option);
  if (env != NULL && *env != '\0')
    return kdx_operator_resolve (env);
  settings = app_settings ();
  /* Run before the app after the two names became one: the owner name
   * moves in here as it would there, so both write as the same person. */
  if (settings != NULL && kdx_operator_merge_names (settings))
    g_settings_sync ();
  return kdx_operator_from_settings (settings);
}

KdxStore *
kdx_cli_open_store (const char *database,
            int        *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *operator_name = NULL;
  /* A command writes and ends: it need not hear other operators. */
  KdxStore *store = kdx_store_open_once (database, &error);

  if (store == NULL)
    {
      *status = kdx_cli_fail_error (error);
      return NULL;
    }
  operator_name = kdx_cli_operator_name ();
  kdx_store_set_operator (store, operator_name);
  return store;
}

gboolean
kdx_cli_parse_id (const char *text,
          gint64     *id,
          int        *status)
{
  guint64 value;

  if (text == NULL)
    {
      *status = kdx_cli_fail (_("A KOL id is missing (see “koldex-cli list”)"));
      return FALSE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a KOL id (a whole number from 1)"), text);
      *status = kdx_cli_fail (message);
      return FALSE;
    }
  *id = value;
  return TRUE;
}


int
kdx_cli_check_no_more (char **argv,
                       int    argc,
                       int    used)
{
  if (argc > used)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argv[used]);
      return kdx_cli_fail (message);
    }
  return 0;
}

gboolean
kdx_cli_parse_day (const char *text,
                   GDate      *date)
{
  guint year, month, day;
  char end;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3
      || strlen (text) != 10 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}
