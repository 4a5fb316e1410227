/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kdx-store.h"

G_BEGIN_DECLS

/* The backups of a database: files in a folder beside it, their names,
 * their rotation, and restoring one (kdx-backups.c; the copying itself
 * is the store's, kdx-store-backup.c). */

#define KDX_BACKUP_SUFFIX ".koldex-backup"

/* One backup, as Preferences and the CLI list it. */
typedef struct
{
  char      *path;
  GDateTime *made;     /* local time, from its name */
  guint64    size;     /* bytes */
  gint64     n_kols;   /* -1 when it cannot be read */
  char      *problem;  /* why it cannot be restored, or NULL */
} KdxBackupInfo;

void kdx_backup_info_free (KdxBackupInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdxBackupInfo, kdx_backup_info_free)

char      *kdx_backups_get_folder (const char  *database);
GDateTime *kdx_backups_get_made   (const char  *database,
                                   const char  *backup);
char      *kdx_backups_get_replaced_path (const char *database,
                                          GDateTime  *now);
gboolean   kdx_backups_is_due     (const char  *database,
                                   GDateTime   *now);
char      *kdx_backups_make       (KdxStore    *store,
                                   GDateTime   *now,
                                   guint        keep,
                                   GError     **error);
GPtrArray *kdx_backups_list       (const char  *database,
                                   GError     **error);
KdxStore  *kdx_backups_restore    (const char  *database,
                                   KdxStore    *store,
                                   const char  *backup,
                                   GDateTime   *now,
                                   char       **replaced_out,
                                   GError     **error);

G_END_DECLS
