/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* koldex-cli: the same core as the app, no display needed. Returns the
 * process exit status: 0 success, 1 failure (one line on stderr). */
int kdx_cli_run (int    argc,
                 char **argv);

G_END_DECLS
