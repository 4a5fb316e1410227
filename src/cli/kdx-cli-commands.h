/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Commands that live in files of their own (kdx-cli-NAME.c). Each takes
 * the --database value (or NULL) and argv from the command name on, and
 * returns the exit status. */

int kdx_cli_dossier (const char *database, int argc, char **argv);
int kdx_cli_export (const char *database, int argc, char **argv);
int kdx_cli_preview (const char  *database,
                     int          argc,
                     char       **argv);
int kdx_cli_import  (const char  *database,
                     int          argc,
                     char       **argv);
int kdx_cli_due     (const char  *database,
                     int          argc,
                     char       **argv);
int kdx_cli_log     (const char  *database,
                     int          argc,
                     char       **argv);
int kdx_cli_list    (const char  *database,
                     int          argc,
                     char       **argv);
int kdx_cli_views   (const char  *database,
                     int          argc,
                     char       **argv);
int kdx_cli_backup  (const char  *database,
                     int          argc,
                     char       **argv);
int kdx_cli_restore (const char  *database,
                     int          argc,
                     char       **argv);
int kdx_cli_stats   (const char  *database,
                     int          argc,
                     char       **argv);
int kdx_cli_copy    (const char  *database,
                     int          argc,
                     char       **argv);
/* more command declarations here */

G_END_DECLS
