/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include "kdx-store-private.h"

/* How many rows this connection has stepped through in full table scans:
 * what proves that a window opens without reading every KOL (issue 16).
 * SQLite counts the steps per statement (SQLITE_STMTSTATUS_FULLSCAN_STEP);
 * the profile callback, called as each statement finishes, adds them up.
 * Off unless asked for: the callback times every statement. */

static int
statement_done_cb (unsigned int  type,
                   void         *data,
                   void         *statement,
                   void         *elapsed)
{
  KdxStore *self = data;

  /* Reset as read: a cached statement run again counts its new steps. */
  self->n_rows_scanned += sqlite3_stmt_status (statement, SQLITE_STMTSTATUS_FULLSCAN_STEP, TRUE);
  return 0;
}

/**
 * kdx_store_watch_scans:
 *
 * Starts counting the rows this store's own connection steps through in
 * full table scans (not a sibling's): for tests that prove a view reads
 * what it shows and nothing over every row.
 */
void
kdx_store_watch_scans (KdxStore *self)
{
  g_return_if_fail (KDX_IS_STORE (self));
  sqlite3_trace_v2 (self->db, SQLITE_TRACE_PROFILE, statement_done_cb, self);
}

/* Rows stepped through in full table scans since kdx_store_watch_scans(). */
guint64
kdx_store_get_n_rows_scanned (KdxStore *self)
{
  g_return_val_if_fail (KDX_IS_STORE (self), 0);
  return self->n_rows_scanned;
}
