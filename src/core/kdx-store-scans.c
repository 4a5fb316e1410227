/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include "kdx-store-private.h"

/* How many rows this connection has stepped through in full table scans:
 * what proves that a window opens without reading every KOL (issue 16).
 * The engine counts them (SQLite: per statement, in kdx-store-sqlite.c);
 * off unless asked for, since counting times every statement. */

/**
 * kdx_store_watch_scans:
 *
 * Starts counting the rows this store's own connection steps through in
 * full table scans (not a sibling's): for tests that prove a view reads
 * what it shows and nothing over every row. An engine that cannot count
 * them (PostgreSQL) counts nothing.
 */
void
kdx_store_watch_scans (KdxStore *self)
{
  g_return_if_fail (KDX_IS_STORE (self));
  if (self->backend->watch_scans != NULL)
    self->backend->watch_scans (self);
}

/* Rows stepped through in full table scans since kdx_store_watch_scans(). */
guint64
kdx_store_get_n_rows_scanned (KdxStore *self)
{
  g_return_val_if_fail (KDX_IS_STORE (self), 0);
  return self->n_rows_scanned;
}
