/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-backups.h"
#include "kdx-cli-commands.h"
#include "kdx-cli-util.h"
#include "kdx-error.h"

/* koldex-cli backup [FILE] and koldex-cli restore FILE, on the core's
 * kdx-backups.c: the same backups folder, names and checks as the app's
 * daily backups and its Backups page in Preferences. */

static int
fail_unexpected (const char *argument)
{
  g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argument);

  return kdx_cli_fail (message);
}

int
kdx_cli_backup (const char  *database,
                int          argc,
                char       **argv)
{
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int status = 0;

  if (!kdx_cli_parse_options ("backup", _("[FILE]"),
                              _("Back the database up into FILE, or by default into a new file in the "
                                "backups folder beside it, and print where. The copy is checked; a "
                                "damaged database is not backed up. The app deletes the oldest backups "
                                "in that folder beyond the number its Preferences keep."),
                              NULL, &argc, &argv, &status))
    return status;
  if (argc > 2)
    return fail_unexpected (argv[2]);

  if ((store = kdx_cli_open_store (database, &status)) == NULL)
    return status;

  if (argc == 2)
    {
      if (!kdx_store_backup (store, argv[1], &error))
        return kdx_cli_fail_error (error);
      path = g_strdup (argv[1]);
    }
  else if ((path = kdx_backups_make (store, now, 0, &error)) == NULL)
    return kdx_cli_fail_error (error);

  kdx_cli_out ("%s\n", path);
  return 0;
}

int
kdx_cli_restore (const char  *database,
                 int          argc,
                 char       **argv)
{
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxStore) restored = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kdx_store_resolve_path (database);
  g_autofree char *replaced = NULL;
  gint64 n_kols = 0;
  int status = 0;

  if (!kdx_cli_parse_options ("restore", _("FILE"),
                              _("Replace the database with the backup FILE (see “koldex-cli backup”). "
                                "The replaced database is kept aside beside it, and its name printed. "
                                "Works on a damaged database; refuses a FILE that is not a Koldex "
                                "database, is damaged, or is from a newer Koldex."),
                              NULL, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return kdx_cli_fail (_("Which backup? Name its file (they are in the backups folder beside the database)"));
  if (argc > 2)
    return fail_unexpected (argv[2]);

  /* A database that cannot be opened because it is damaged is replaced
   * file and all; any other reason not to open it stands. */
  if (g_file_test (path, G_FILE_TEST_EXISTS)
      && (store = kdx_store_open (path, &error)) == NULL
      && !g_error_matches (error, KDX_ERROR, KDX_ERROR_DAMAGED))
    return kdx_cli_fail_error (error);
  g_clear_error (&error);

  restored = kdx_backups_restore (path, store, argv[1], now, &replaced, &error);
  if (restored == NULL)
    return kdx_cli_fail_error (error);
  n_kols = kdx_store_count_kols (restored, NULL);

  kdx_cli_out (g_dngettext (GETTEXT_PACKAGE, "Restored %s from %s: %d KOL.\n",
                            "Restored %s from %s: %d KOLs.\n", n_kols),
               path, argv[1], (int) n_kols);
  if (replaced != NULL)
    kdx_cli_out (_("The database it replaced is kept as %s\n"), replaced);
  return 0;
}
