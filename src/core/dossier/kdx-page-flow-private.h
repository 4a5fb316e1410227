/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kdx-page-flow.h"

G_BEGIN_DECLS

/* What kdx-page-flow.c (pages, text, replay) and kdx-page-flow-blocks.c
 * (headings, fields, tables) share. A page is a list of drawing
 * operations, made while laying out and only replayed when drawing. */

typedef enum
{
  OP_TEXT,   /* lines [first_line, first_line + n_lines) of a layout */
  OP_FILL,   /* a rectangle */
  OP_RULE,   /* a horizontal line, height is its thickness */
  OP_AVATAR, /* a round picture, or initials in a circle */
  OP_DRAWING, /* a recording surface replayed at x, y (a chart) */
} OpKind;

typedef struct
{
  OpKind           kind;
  double           x;
  double           y;
  double           width;
  double           height;
  const double    *color;
  PangoLayout     *layout;
  int              first_line;
  int              n_lines;
  cairo_surface_t *image;
} Op;

typedef struct
{
  GPtrArray *ops;
  guint      document;
  guint      page_in_document;
} Page;

struct _KdxPageFlow
{
  GObject               parent_instance;

  PangoContext         *context;
  PangoFontDescription *fonts[KDX_N_TEXT_STYLES];
  double                left;
  double                right;
  double                top;
  double                bottom;

  GPtrArray            *pages;            /* of Page */
  GArray               *document_n_pages; /* guint per document ended */
  GPtrArray            *titles;           /* char * per document begun */

  /* The state of the walk down the pages. */
  double                y;
  gboolean              fresh;  /* nothing placed on the page but its running head */
  Page                 *page;
  guint                 document;
  guint                 page_in_document;
  const KdxFlowColumn  *columns; /* the table being laid out, its head repeats */
  guint                 n_columns;
  Op                   *band;    /* the fill of kdx_page_flow_begin_band() */
  Page                 *band_page;
  double                band_top;
};

/* In points. */
#define COLUMN_GAP       12.0
#define HALF_GAP         24.0 /* between two columns of fields */
#define GRID_LABEL_WIDTH 104.0 /* a field's label, value beside it */
#define HEADING_GAP      9.0 /* above a section */
#define CELL_PAD         2.0 /* above and below a table cell's text */
#define CELL_PAD_X       4.0 /* beside it: a number right-aligned stays clear of the next column */
/* Below a heading, at least: a table's head and first row, or a few lines. */
#define HEADING_ROOM_AFTER 44.0

/* The palette of paper, see kdx-page-flow.c. */
extern const double kdx_page_flow_muted[3];
extern const double kdx_page_flow_accent[3];
extern const double kdx_page_flow_hairline[3];
extern const double kdx_page_flow_band[3];

const double *kdx_page_flow_style_color (KdxTextStyle  style);
double        kdx_page_flow_layout_height (PangoLayout *layout);
double        kdx_page_flow_half_width  (KdxPageFlow  *self);
Op           *kdx_page_flow_add_op      (KdxPageFlow  *self,
                                         OpKind        kind,
                                         double        x,
                                         double        y,
                                         double        width,
                                         double        height,
                                         const double *color);
void          kdx_page_flow_place_text  (KdxPageFlow  *self,
                                         PangoLayout  *layout,
                                         double        x,
                                         double        y,
                                         const double *color);
void          kdx_page_flow_new_page    (KdxPageFlow  *self);
void          kdx_page_flow_add_table_head (KdxPageFlow *self);

G_END_DECLS
