/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-store.h"

G_BEGIN_DECLS

#define KDX_TYPE_APPLICATION (kdx_application_get_type ())
G_DECLARE_FINAL_TYPE (KdxApplication, kdx_application, KDX, APPLICATION, AdwApplication)

KdxApplication *kdx_application_new       (void);
KdxStore       *kdx_application_get_store (KdxApplication *self);
char           *kdx_application_get_database (KdxApplication *self);
void            kdx_application_adopt_restored (KdxApplication *self,
                                                KdxStore       *restored);

void            kdx_application_switch_store   (KdxApplication *self,
                                                KdxStore       *store);

G_END_DECLS
