/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the SQLite backend's own files, and by nothing else:
 *   kdx-store-sqlite.c       the backend (kdx-store-backend.h)
 *   kdx-store-sqlite-stmt.c  its statement layer (kdx-store-stmt.h)
 *   kdx-store-backup.c       SQLite's online backup: backups, restores, damage
 * The only files of the store that include sqlite3.h. */

#include <sqlite3.h>

#include "kdx-store-private.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* kdx-store-sqlite-stmt.c */
KdxStmt        *_kdx_store_sqlite_prepare        (KdxStore             *self,
                                                  const char           *sql,
                                                  gboolean              cached,
                                                  GError              **error);
gboolean        _kdx_store_sqlite_exec           (KdxStore             *self,
                                                  const char           *script,
                                                  GError              **error);
gint64          _kdx_store_sqlite_last_insert_id (KdxStore             *self);
gint64          _kdx_store_sqlite_changes        (KdxStore             *self);
gint64          _kdx_store_sqlite_total_changes  (KdxStore             *self);
gboolean        _kdx_store_sqlite_in_transaction (KdxStore             *self);
void            _kdx_store_sqlite_set_interrupt  (KdxStore             *self,
                                                  KdxStoreInterruptFunc func,
                                                  gpointer              data);
KdxStoreFailure _kdx_store_sqlite_last_failure   (KdxStore             *self);

G_END_DECLS
