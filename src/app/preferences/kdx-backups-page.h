/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-store.h"

G_BEGIN_DECLS

#define KDX_TYPE_BACKUPS_PAGE (kdx_backups_page_get_type ())
G_DECLARE_FINAL_TYPE (KdxBackupsPage, kdx_backups_page, KDX, BACKUPS_PAGE, AdwPreferencesPage)

GtkWidget *kdx_backups_page_new (KdxStore   *store,
                                 const char *database);

G_END_DECLS
