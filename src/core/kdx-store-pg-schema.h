/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The PostgreSQL schema, one migration per version, version for version
 * the same as kdx-store-schema.h's (a test checks the counts agree). */

extern const char *const kdx_store_pg_migrations[];
extern const guint kdx_store_pg_n_migrations;

G_END_DECLS
