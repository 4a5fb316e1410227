/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "../export/kdx-export.h"
#include "kdx-types.h"

G_BEGIN_DECLS

gboolean kdx_xml_export_file (KdxStore        *store,
                              const char      *path,
                              GArray          *ids,
                              KdxExportFlags   flags,
                              GCancellable    *cancellable,
                              KdxProgressFunc  progress,
                              gpointer         user_data,
                              GError         **error);

G_END_DECLS
