/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-app-resources"

#include "config.h"

#include "kdx-app-resources.h"
#include "koldex-resources.h"

void
kdx_app_ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      kdx_app_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}
