/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The schema, one migration per version: migrations[0] takes an empty
 * database to version 1, migrations[1] version 1 to 2, and so on. A
 * migration is never edited once released; a change is a new one. */

#define KDX_STORE_APPLICATION_ID 0x4B444C58 /* "KDLX" in the file header */

extern const char *const kdx_store_migrations[];
extern const guint kdx_store_n_migrations;

G_END_DECLS
