/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kdx-kol.h"
#include "kdx-page-flow.h"

G_BEGIN_DECLS

/* Private to the dossier: what it prints for one KOL file. */

void kdx_dossier_add_kol (KdxPageFlow *flow,
                          KdxKol      *kol,
                          gboolean     include_contact,
                          GDateTime   *print_time);

G_END_DECLS
