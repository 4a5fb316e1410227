/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-store.h"

G_BEGIN_DECLS

#define KDX_TYPE_CONNECTION_BANNER (kdx_connection_banner_get_type ())
G_DECLARE_FINAL_TYPE (KdxConnectionBanner, kdx_connection_banner, KDX, CONNECTION_BANNER, GtkWidget)

void kdx_connection_banner_set_store (KdxConnectionBanner *self,
                                      KdxStore            *store);

G_END_DECLS
