/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kdx-types.h"

G_BEGIN_DECLS

/* What every export (XML, XLSX, CSV) and the XML import share. */

/* Called with the number of KOLs done so far, from the thread doing the
 * work (a GTask thread in the app: hop to the main context from there). */
typedef void (*KdxProgressFunc) (guint    n_done,
                                 gpointer user_data);

typedef enum
{
  KDX_EXPORT_FLAGS_NONE = 0,
  KDX_EXPORT_NO_CONTACT = 1 << 0, /* leave out the contact fields, for sharing outside the team */
} KdxExportFlags;

gboolean  kdx_export_includes_field (const KdxField *field,
                                     KdxExportFlags  flags);
GArray   *kdx_export_all_ids        (KdxStore       *store,
                                     GError        **error);

/* A file written beside its destination and renamed over it on success,
 * so a failed or cancelled export leaves no partial file behind. A file
 * with contact data is 0600 from its creation (kdx_export_target_open()). */
typedef struct _KdxExportTarget KdxExportTarget;

KdxExportTarget *kdx_export_target_open     (const char       *path,
                                             gboolean          private_data,
                                             GError          **error);
gboolean         kdx_export_columns_hold_contact (const KdxField **fields,
                                                  guint            n_fields);
int              kdx_export_target_get_fd   (KdxExportTarget  *self);
const char      *kdx_export_target_get_temp_path (KdxExportTarget *self);
gboolean         kdx_export_target_write    (KdxExportTarget  *self,
                                             const void       *data,
                                             gsize             length,
                                             GError          **error);
gboolean         kdx_export_target_commit   (KdxExportTarget  *self,
                                             GError          **error);
void             kdx_export_target_free     (KdxExportTarget  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdxExportTarget, kdx_export_target_free)

G_END_DECLS
