/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-cli-commands.h"
#include "kdx-cli-util.h"
#include "kdx-error.h"
#include "kdx-store.h"

/* koldex-cli copy --to DEST: the open database, whole, into an empty one
 * (issue 14, item 6): an operator's file onto the team's server, or the
 * server's database back into a file. The copy is the core's
 * (kdx-store-copy.c); this prints what arrived, reading it back. */

int
kdx_cli_copy (const char  *database,
              int          argc,
              char       **argv)
{
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *to = NULL;
  gint64 n_kols;
  int status = 0;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      N_("The new file, or the empty team database (postgresql://…)"), N_("DEST") },
    { NULL },
  };

  if (!kdx_cli_parse_options ("copy", _("--to DEST"),
                              _("Copy the whole database (every KOL file with its history and "
                                "timeline, the board's order, the saved views and the import "
                                "history, ids kept) into DEST: a new file, or an empty team "
                                "database given by its postgresql:// URI. A DEST that holds "
                                "anything is refused and left as it was."),
                              entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argv[1]);

      return kdx_cli_fail (message);
    }
  if (to == NULL || *to == '\0')
    return kdx_cli_fail (_("Say where to copy the database: --to FILE or --to postgresql://…"));

  if ((store = kdx_cli_open_store (database, &status)) == NULL)
    return status;
  if (!kdx_store_copy_to (store, to, &error))
    return kdx_cli_fail_error (error);

  /* Read back through the store as anyone will open it. */
  if ((copy = kdx_store_open (to, &error)) == NULL
      || (n_kols = kdx_store_count_kols (copy, &error)) < 0)
    return kdx_cli_fail_error (error);
  kdx_cli_out (g_dngettext (GETTEXT_PACKAGE, "Copied %d KOL to %s\n", "Copied %d KOLs to %s\n",
                            (gulong) n_kols),
               (int) n_kols, kdx_store_get_path (copy));
  return 0;
}
