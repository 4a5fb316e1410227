/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdio.h>

#include "kdx-store.h"

G_BEGIN_DECLS

/* What every koldex-cli command shares: UTF-8 output, one-line errors
 * with status 1, option parsing with --help, opening the database. */

void      kdx_cli_print_to      (FILE          *stream,
                                 const char    *format,
                                 ...) G_GNUC_PRINTF (2, 3);
#define kdx_cli_out(...) kdx_cli_print_to (stdout, __VA_ARGS__)

int       kdx_cli_fail          (const char    *message);
int       kdx_cli_fail_error    (GError        *error);
gboolean  kdx_cli_parse_options (const char    *command,
                                 const char    *parameters,
                                 const char    *summary,
                                 GOptionEntry  *entries,
                                 int           *argc,
                                 char        ***argv,
                                 int           *status);
KdxStore *kdx_cli_open_store    (const char    *database,
                                 int           *status);
/* Who writes (--operator, KOLDEX_OPERATOR, Preferences, the login). */
void      kdx_cli_set_operator  (const char    *name);
char     *kdx_cli_operator_name (void);
gboolean  kdx_cli_parse_id      (const char    *text,
                                 gint64        *id,
                                 int           *status);
/* A day written YYYY-MM-DD, exactly; FALSE for anything else. */
gboolean  kdx_cli_parse_day     (const char    *text,
                                 GDate         *date);

/* 0 when argv has no more than @used arguments, else says which one is
 * unexpected and returns 1. */
int       kdx_cli_check_no_more (char         **argv,
                                 int            argc,
                                 int            used);

G_END_DECLS
