/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The schema, one migration per version: migrations[0] takes an empty
 * database to version 1, migrations[1] version 1 to 2, and so on. A
 * migration is never edited once released; a change is a new one. */

#define KDX_STORE_APPLICATION_ID 0x4B444C58 /* "KDLX" in the file header */

/* Fills kol_search (schema 7) in one pass from a table of the four
 * search columns (names, handles, tags, notes) whose KOL id is @id: the
 * full-text table itself in migration 7, the texts an import kept for its
 * end in sqlite_index_kept(). The text is what sqlite_index_kol() writes
 * row by row: the four columns joined by line breaks, an empty one as "". */
#define KDX_STORE_FILL_KOL_SEARCH_FROM(id, table) \
  "INSERT INTO kol_search (id, text) SELECT " id ", " \
  "coalesce (names, '') || char (10) || coalesce (handles, '') || char (10) || " \
  "coalesce (tags, '') || char (10) || coalesce (notes, '') FROM " table
#define KDX_STORE_FILL_KOL_SEARCH_SQL KDX_STORE_FILL_KOL_SEARCH_FROM ("rowid", "kol_fts")
/* The stays of schema 9 (kdx-store-summaries.c) from the stage history
 * of the KOLs @where picks: each entry until the next one, with both
 * times as Julian days. Shared by the migration and the store's writes. */
#define KDX_STORE_STAYS_INSERT(where) \
  "INSERT INTO stage_stay (kol_id, position, stage, at, left_at, at_day, left_day)\n" \
  "SELECT kol_id, position, stage, at, lead (at) OVER w, julianday (at),\n" \
  "  julianday (lead (at) OVER w)\n" \
  "FROM stage_history WHERE " where "\n" \
  "WINDOW w AS (PARTITION BY kol_id ORDER BY position)"

extern const char *const kdx_store_migrations[];
extern const guint kdx_store_n_migrations;

G_END_DECLS
