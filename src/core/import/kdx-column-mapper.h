/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kdx-import-report.h"
#include "kdx-kol.h"
#include "kdx-table-reader.h"

G_BEGIN_DECLS

/* From a spreadsheet's header row to the fields of shared/FIELDS.md, and
 * from its cells to the values of a KOL file. */

typedef enum
{
  KDX_UNMAPPED_NOTES, /* "Header: value" lines appended to the notes */
  KDX_UNMAPPED_SKIP,  /* dropped */
} KdxUnmappedPolicy;

#define KDX_TYPE_COLUMN_MAPPER (kdx_column_mapper_get_type ())
G_DECLARE_FINAL_TYPE (KdxColumnMapper, kdx_column_mapper, KDX, COLUMN_MAPPER, GObject)

KdxColumnMapper *kdx_column_mapper_new                 (void);
const char      *kdx_column_mapper_guess_field         (const char        *header);
gboolean         kdx_column_mapper_add_override        (KdxColumnMapper   *self,
                                                        const char        *header,
                                                        const char        *field,
                                                        GError           **error);
void             kdx_column_mapper_set_unmapped_policy (KdxColumnMapper   *self,
                                                        KdxUnmappedPolicy  policy);
void             kdx_column_mapper_set_date_1904       (KdxColumnMapper   *self,
                                                        gboolean           date_1904);
/* How far down a sheet its header row is looked for. */
#define KDX_IMPORT_HEADER_SEARCH_ROWS 20

guint            kdx_column_mapper_find_header         (KdxColumnMapper   *self,
                                                        GPtrArray         *rows);
gboolean         kdx_column_mapper_set_header          (KdxColumnMapper   *self,
                                                        GPtrArray         *cells,
                                                        guint              row_number,
                                                        GError           **error);
guint            kdx_column_mapper_get_n_columns       (KdxColumnMapper   *self);
const char      *kdx_column_mapper_get_header          (KdxColumnMapper   *self,
                                                        guint              column);
const char      *kdx_column_mapper_get_field           (KdxColumnMapper   *self,
                                                        guint              column);
guint            kdx_column_mapper_get_scale           (KdxColumnMapper   *self,
                                                        guint              column);
char            *kdx_column_mapper_get_scale_factor    (KdxColumnMapper   *self,
                                                        guint              column);
char            *kdx_column_mapper_normalize           (KdxColumnMapper   *self,
                                                        const KdxField    *field,
                                                        const KdxCell     *cell);
KdxKol          *kdx_column_mapper_make_kol            (KdxColumnMapper   *self,
                                                        GPtrArray         *cells,
                                                        guint              row_number,
                                                        KdxImportReport   *report);

G_END_DECLS
