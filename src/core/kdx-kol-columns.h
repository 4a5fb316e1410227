/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kdx-field.h"

G_BEGIN_DECLS

/* What a list may show as a column, sort by and filter on (issue 17):
 * every scalar field of the KOL file (shared/FIELDS.md, the avatar
 * aside), its tags, and three facts the store works out from the file:
 *
 *   last_contact   datetime  the newest timeline event that was contact
 *   days_in_stage  int       whole days since the KOL entered its stage
 *   channel_count  int       how many channels the file lists
 *
 * Each is described by a KdxField (name, type, enum, label), so the
 * condition parser, the CLI and the column chooser treat derived facts
 * and stored fields alike. Derived ones are read-only. */

const KdxField *kdx_kol_column_find        (const char     *name);
/* Every column, in FIELDS.md order, the derived ones last. */
const KdxField *const *kdx_kol_column_list (guint          *n_columns);
gboolean        kdx_kol_column_is_derived  (const KdxField *column);
/* TRUE for all but the list fields (tags): those show and filter, but a
 * list has no order of its own. */
gboolean        kdx_kol_column_can_sort    (const KdxField *column);
/* Like kdx_kol_column_find(), but says which name is unknown and lists
 * the known ones (the CLI's --columns, --sort and --where). */
const KdxField *kdx_kol_column_lookup      (const char     *name,
                                            GError        **error);

/* One row of kdx_store_query_rows(): a KOL's id and the values of the
 * columns asked for, typed as kdx_field_get_gtype() says (an enum as its
 * GEnum, tags as a GStrv, a date as YYYY-MM-DD text or NULL). */
typedef struct
{
  gint64  id;
  guint   n_values;
  GValue *values;
} KdxKolRow;

void            kdx_kol_row_free           (KdxKolRow      *row);
/* The canonical text of value @index (kdx_field_to_string()): what the
 * CLI prints and its JSON writes. */
char           *kdx_kol_row_to_string      (const KdxKolRow *row,
                                            const KdxField  *column,
                                            guint            index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdxKolRow, kdx_kol_row_free)

G_END_DECLS
