/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* The page-flow engine: lays printed documents out on pages of one size,
 * with the house style of Koldex's paper (fonts, colours, margins, a
 * running head on continued pages, a footer on every page), and replays
 * the pages on any cairo context. It knows nothing of what it prints: the
 * dossier lays out KOL files with it, a report could lay out anything
 * else.
 *
 * Laying out is a walk from the top of the first page down: each call
 * places something at the current position (kdx_page_flow_get_y()) and
 * moves it down. Text is measured once, with the PangoContext of the
 * target, and split between its lines, so text of any length flows onto
 * the next page instead of being clipped. Several documents may share one
 * flow, each starting on a new page and numbering its own pages:
 *
 *   flow = kdx_page_flow_new (context, width, height);
 *   kdx_page_flow_begin_document (flow, title);
 *   kdx_page_flow_add_heading (flow, _("Notes"));
 *   kdx_page_flow_add_paragraphs (flow, notes);
 *   kdx_page_flow_end_document (flow);
 *   kdx_page_flow_add_footers (flow, print_time, notice);
 *   for each page: kdx_page_flow_draw_page (flow, cr, page);
 */

/* In points, around the content. The bottom margin holds the footer. */
#define KDX_PAGE_FLOW_MARGIN_SIDE   45.0
#define KDX_PAGE_FLOW_MARGIN_TOP    36.0
#define KDX_PAGE_FLOW_MARGIN_BOTTOM 48.0

typedef enum
{
  KDX_TEXT_STYLE_BODY,
  KDX_TEXT_STYLE_LABEL,
  KDX_TEXT_STYLE_SMALL,
  KDX_TEXT_STYLE_NOTE,
  KDX_TEXT_STYLE_HEADING,
  KDX_TEXT_STYLE_NAME,
  KDX_TEXT_STYLE_SUBTITLE,
  KDX_TEXT_STYLE_CAPTION,
  KDX_TEXT_STYLE_FACT,
  KDX_TEXT_STYLE_TABLE,
  KDX_TEXT_STYLE_TABLE_HEAD,
  KDX_TEXT_STYLE_FOOTER,
  KDX_TEXT_STYLE_INITIALS,
  KDX_N_TEXT_STYLES
} KdxTextStyle;

/* A column of a table: its head, its share of the content width. */
typedef struct
{
  const char     *title;
  double          fraction;
  PangoAlignment  alignment;
} KdxFlowColumn;

/* A block of text placed beside others by kdx_page_flow_add_cells(): a
 * layout of kdx_page_flow_make_layout(), where it starts, and the style
 * that gives its colour. */
typedef struct
{
  PangoLayout  *layout;
  double        x;
  KdxTextStyle  style;
} KdxFlowCell;

#define KDX_TYPE_PAGE_FLOW (kdx_page_flow_get_type ())
G_DECLARE_FINAL_TYPE (KdxPageFlow, kdx_page_flow, KDX, PAGE_FLOW, GObject)

KdxPageFlow *kdx_page_flow_new               (PangoContext      *context,
                                              double             page_width,
                                              double             page_height);
gboolean     kdx_page_flow_page_size_fits    (double             page_width,
                                              double             page_height);

/* Where things go. */
double       kdx_page_flow_get_left          (KdxPageFlow       *self);
double       kdx_page_flow_get_right         (KdxPageFlow       *self);
double       kdx_page_flow_get_content_width (KdxPageFlow       *self);
double       kdx_page_flow_get_y             (KdxPageFlow       *self);
void         kdx_page_flow_set_y             (KdxPageFlow       *self,
                                              double             y);
void         kdx_page_flow_skip              (KdxPageFlow       *self,
                                              double             dy);

/* Documents, each from a new page. */
void         kdx_page_flow_begin_document    (KdxPageFlow       *self,
                                              const char        *title);
void         kdx_page_flow_end_document      (KdxPageFlow       *self);
void         kdx_page_flow_add_footers       (KdxPageFlow       *self,
                                              GDateTime         *print_time,
                                              const char        *notice);

/* Text in the house style. */
PangoLayout *kdx_page_flow_make_layout       (KdxPageFlow       *self,
                                              KdxTextStyle       style,
                                              const char        *text,
                                              double             width);
PangoLayout *kdx_page_flow_make_markup_layout (KdxPageFlow      *self,
                                              KdxTextStyle       style,
                                              const char        *markup,
                                              double             width);
void         kdx_page_flow_add_cells         (KdxPageFlow       *self,
                                              const KdxFlowCell *cells,
                                              guint              n_cells,
                                              gboolean           keep_together,
                                              double             pad,
                                              gboolean           rule);
void         kdx_page_flow_add_text          (KdxPageFlow       *self,
                                              KdxTextStyle       style,
                                              const char        *text,
                                              double             x,
                                              double             width,
                                              double             pad);

/* Pictures and bands. */
void         kdx_page_flow_add_picture       (KdxPageFlow       *self,
                                              double             size,
                                              GBytes            *png,
                                              const char        *initials);
void         kdx_page_flow_add_drawing       (KdxPageFlow       *self,
                                              cairo_surface_t   *recording,
                                              double             height);
void         kdx_page_flow_begin_band        (KdxPageFlow       *self);
void         kdx_page_flow_end_band          (KdxPageFlow       *self);

/* Blocks of a document (kdx-page-flow-blocks.c). */
void         kdx_page_flow_add_heading       (KdxPageFlow       *self,
                                              const char        *title);
void         kdx_page_flow_add_headings      (KdxPageFlow       *self,
                                              const char        *left_title,
                                              const char        *right_title);
void         kdx_page_flow_add_note          (KdxPageFlow       *self,
                                              const char        *text);
void         kdx_page_flow_add_paragraphs    (KdxPageFlow       *self,
                                              const char        *text);
void         kdx_page_flow_add_row           (KdxPageFlow       *self,
                                              const char        *label,
                                              const char        *value);

GArray      *kdx_flow_pairs_new              (void);
void         kdx_flow_pairs_add_take         (GArray            *pairs,
                                              const char        *label,
                                              char              *value);
void         kdx_page_flow_add_grid          (KdxPageFlow       *self,
                                              GArray            *left,
                                              GArray            *right);
void         kdx_page_flow_add_field_section (KdxPageFlow       *self,
                                              const char        *title,
                                              GArray            *pairs,
                                              GArray            *long_pairs);

void         kdx_page_flow_begin_table       (KdxPageFlow         *self,
                                              const KdxFlowColumn *columns,
                                              guint                n_columns);
void         kdx_page_flow_add_table_row     (KdxPageFlow         *self,
                                              const char *const   *markups);
void         kdx_page_flow_add_table_text_row (KdxPageFlow        *self,
                                              const char *const   *texts);
void         kdx_page_flow_end_table         (KdxPageFlow         *self);

/* Replay. */
guint        kdx_page_flow_get_n_pages       (KdxPageFlow       *self);
void         kdx_page_flow_get_page_document (KdxPageFlow       *self,
                                              guint              page,
                                              guint             *document,
                                              guint             *page_in_document);
void         kdx_page_flow_draw_page         (KdxPageFlow       *self,
                                              cairo_t           *cr,
                                              guint              page);

G_END_DECLS
