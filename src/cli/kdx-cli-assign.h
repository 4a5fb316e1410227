/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kdx-kol.h"

G_BEGIN_DECLS

/* Applies one FIELD=VALUE argument to a KOL file. Lists take
 * LIST+=KEY=VALUE;KEY=VALUE (append an item), LIST-=N (remove item N,
 * counting from 1) and LIST= (remove all). */
gboolean kdx_cli_assign (KdxKol      *kol,
                         const char  *argument,
                         GError     **error);

char    *kdx_cli_describe_fields (void);

G_END_DECLS
