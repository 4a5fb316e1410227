/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "koldex-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "kdx-cli.h"

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return kdx_cli_run (argc, argv);
}
