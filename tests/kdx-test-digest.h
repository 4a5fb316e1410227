/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A SHA-256 of everything a Koldex database holds: every table (the
 * full-text index's own text included, its shadow tables not), every
 * column but those named in @skip ("table.column", or "*.column" for
 * that column in every table), rows in the order of their values, so
 * two databases with the same content have the same digest however
 * their rows were written. Each table's row count and own digest go to
 * g_test_message(), so a mismatch says where. The one place outside the
 * store that reads SQLite directly: a test must see the file as it is,
 * not as the store chooses to show it. */
char *kdx_test_database_digest (const char         *path,
                                const char *const  *skip);

G_END_DECLS

G_BEGIN_DECLS

/* The names of the indexes the database at @path has, sorted, one per
 * line ("" for none): what a bulk import drops and builds again (on the
 * test server, kdx_test_database_location(), against PostgreSQL). */
char *kdx_test_database_indexes (const char *path);

G_END_DECLS
