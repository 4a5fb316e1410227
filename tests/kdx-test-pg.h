/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "kdx-store.h"

G_BEGIN_DECLS

/* The test PostgreSQL server (tests/pg-server sets KOLDEX_TEST_PG_URI):
 * its maintenance database's URI, password included; aborts without one. */
const char *kdx_test_pg_server_uri        (void);
/* A new empty database on the test server; its URI. */
char       *kdx_test_pg_make_database     (void);
/* The same, made with @options after its name (a locale, a template). */
char       *kdx_test_pg_make_database_with (const char *options);
/* A new empty database on the test server (its URI in @uri) and a store
 * open on it, Koldex's tables made. */
KdxStore   *kdx_test_pg_open_new_store    (char      **uri);
/* Runs @sql on the database at @uri as its administrator would; the
 * first value of the first row, or NULL. */
char       *kdx_test_pg_run_sql           (const char *uri,
                                           const char *sql);
/* A new role of the test's own (roles belong to the whole server) that
 * may only SELECT the tables of the database at @uri, as README tells an
 * administrator to make a manager's; the URI of that database as it. */
char       *kdx_test_pg_make_reader       (const char *uri);
/* What a test opens for the database at @path, the same each time it
 * names @path, as a file is: the path itself, or, when the suite runs
 * against PostgreSQL (KOLDEX_TEST_BACKEND=pg inside tests/pg-server), a
 * new empty database on the test server, made when @path is first named
 * (kdx_test_run_cli() hands koldex-cli its database through this too). A
 * URI stays as it is. */
char       *kdx_test_database_location    (const char *path);
/* Opens the store a test uses for @path: kdx_store_open() of
 * kdx_test_database_location (@path). */
KdxStore   *kdx_test_open_store           (const char *path,
                                           GError    **error);
/* What the database a test names by @path holds, to compare before and
 * after: the file's bytes, or, against PostgreSQL, every row of every
 * table as text, table by table, rows in order. */
GBytes     *kdx_test_database_snapshot    (const char *path);
/* The names of the indexes in the database at @uri, one a line, sorted. */
char       *kdx_test_pg_index_names       (const char *uri);
/* Whether the tests run against PostgreSQL (KOLDEX_TEST_BACKEND=pg). */
gboolean    kdx_test_on_pg                (void);
/* Stops ("stop") or starts ("start") the test server, as it going away
 * and coming back under a test's clients (KOLDEX_TEST_PG_CONTROL, set by
 * tests/pg-server); returns once it has stopped or answers. */
void        kdx_test_pg_control           (const char *what);

G_END_DECLS
