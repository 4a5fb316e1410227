/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kdx-store.h"

G_BEGIN_DECLS

/* The slow steps of moving to another database, each in a worker so the
 * window never waits on a server: trying the connection (and whether
 * the database there is empty), copying the local database into it,
 * opening it. */

void      kdx_team_probe_async  (const char           *location,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
gboolean  kdx_team_probe_finish (GAsyncResult         *result,
                                 gboolean             *empty,
                                 GError              **error);

void      kdx_team_copy_async   (KdxStore             *source,
                                 const char           *location,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
gboolean  kdx_team_copy_finish  (GAsyncResult         *result,
                                 GError              **error);

void      kdx_team_open_async   (const char           *location,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
KdxStore *kdx_team_open_finish  (GAsyncResult         *result,
                                 GError              **error);

G_END_DECLS
