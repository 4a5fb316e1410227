/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-store.h"

G_BEGIN_DECLS

#define KDX_TYPE_TEAM_PAGE (kdx_team_page_get_type ())
G_DECLARE_FINAL_TYPE (KdxTeamPage, kdx_team_page, KDX, TEAM_PAGE, AdwPreferencesPage)

GtkWidget *kdx_team_page_new (KdxStore   *store,
                              const char *database);

G_END_DECLS
