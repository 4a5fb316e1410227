/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-page-flow"

#include "config.h"

#include <string.h>

#include "kdx-page-flow-private.h"

/* The blocks a printed document is built of, on the flow of
 * kdx-page-flow.c: headings, paragraphs, fields in two columns, tables
 * whose head repeats on every page, a round picture and a shaded band. */

static const double avatar_fill[3] = { 0.600, 0.757, 0.945 };

/* ---- text ------------------------------------------------------------------- */

/* Free text, one block per paragraph with a little space between them:
 * pages of notes stay readable. Paragraphs flow across pages. */
void
kdx_page_flow_add_paragraphs (KdxPageFlow *self,
                              const char  *text)
{
  g_auto(GStrv) paragraphs = NULL;

  g_return_if_fail (KDX_IS_PAGE_FLOW (self));

  paragraphs = g_strsplit (text, "\n", -1);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      KdxFlowCell cell = { NULL, self->left, KDX_TEXT_STYLE_BODY };

      if (*g_strstrip (paragraphs[i]) == '\0')
        continue;
      layout = kdx_page_flow_make_layout (self, KDX_TEXT_STYLE_BODY, paragraphs[i],
                                          kdx_page_flow_get_content_width (self));
      cell.layout = layout;
      kdx_page_flow_add_cells (self, &cell, 1, FALSE, 1.5, FALSE);
      self->y += 2.5;
    }
}

/* A heading, or two side by side (@right_title not NULL): two short
 * sections share a band of the page, see kdx_page_flow_add_grid(). */
void
kdx_page_flow_add_headings (KdxPageFlow *self,
                            const char  *left_title,
                            const char  *right_title)
{
  double width = right_title != NULL ? kdx_page_flow_half_width (self) : kdx_page_flow_get_content_width (self);
  g_autoptr(PangoLayout) left = kdx_page_flow_make_layout (self, KDX_TEXT_STYLE_HEADING, left_title, width);
  g_autoptr(PangoLayout) right = right_title != NULL
                                   ? kdx_page_flow_make_layout (self, KDX_TEXT_STYLE_HEADING, right_title, width)
                                   : NULL;
  double height = MAX (kdx_page_flow_layout_height (left),
                       right != NULL ? kdx_page_flow_layout_height (right) : 0);
  const double *color = kdx_page_flow_style_color (KDX_TEXT_STYLE_HEADING);

  /* A heading never ends a page: it needs room for a few lines, or a
   * table's head and first row, after it (see kdx_page_flow_begin_table()). */
  if (!self->fresh && self->y + HEADING_GAP + height + 5 + HEADING_ROOM_AFTER > self->bottom)
    kdx_page_flow_new_page (self);
  if (!self->fresh)
    self->y += HEADING_GAP;

  kdx_page_flow_place_text (self, left, self->left, self->y, color);
  if (right != NULL)
    kdx_page_flow_place_text (self, right, self->right - width, self->y, color);
  self->y += height + 1;
  kdx_page_flow_add_op (self, OP_RULE, self->left, self->y, width, 0.75, kdx_page_flow_accent);
  if (right != NULL)
    kdx_page_flow_add_op (self, OP_RULE, self->right - width, self->y, width, 0.75, kdx_page_flow_accent);
  self->y += 4;
}

void
kdx_page_flow_add_heading (KdxPageFlow *self,
                           const char  *title)
{
  kdx_page_flow_add_headings (self, title, NULL);
}

/* A remark in small italics, such as what a section leaves out. */
void
kdx_page_flow_add_note (KdxPageFlow *self,
                        const char  *text)
{
  kdx_page_flow_add_text (self, KDX_TEXT_STYLE_NOTE, text, self->left,
                          kdx_page_flow_get_content_width (self), 1.5);
}

/* A label and its value across the page, for long text: the label in
 * the same column as the labels of kdx_page_flow_add_grid(), so they
 * line up. */
void
kdx_page_flow_add_row (KdxPageFlow *self,
                       const char  *label,
                       const char  *value)
{
  g_autoptr(PangoLayout) label_layout = kdx_page_flow_make_layout (self, KDX_TEXT_STYLE_LABEL, label,
                                                                   GRID_LABEL_WIDTH - COLUMN_GAP);
  g_autoptr(PangoLayout) value_layout = kdx_page_flow_make_layout (self, KDX_TEXT_STYLE_BODY, value,
                                                                   kdx_page_flow_get_content_width (self)
                                                                   - GRID_LABEL_WIDTH);
  KdxFlowCell cells[] = {
    { label_layout, self->left, KDX_TEXT_STYLE_LABEL },
    { value_layout, self->left + GRID_LABEL_WIDTH, KDX_TEXT_STYLE_BODY },
  };

  kdx_page_flow_add_cells (self, cells, G_N_ELEMENTS (cells), TRUE, 1, FALSE);
}

/* ---- fields in two columns --------------------------------------------------- */

/* A label and its value, the value owned. */
typedef struct
{
  const char *label;
  char       *value;
} Pair;

static void
pair_clear (gpointer data)
{
  Pair *pair = data;

  g_free (pair->value);
}

/* An array of labelled values for kdx_page_flow_add_grid() and
 * kdx_page_flow_add_field_section(). The labels are not copied: they are
 * static or translated strings. */
GArray *
kdx_flow_pairs_new (void)
{
  GArray *pairs = g_array_new (FALSE, FALSE, sizeof (Pair));

  g_array_set_clear_func (pairs, pair_clear);
  return pairs;
}

/* Adds @label and @value, taking @value; nothing when @value is NULL. */
void
kdx_flow_pairs_add_take (GArray     *pairs,
                         const char *label,
                         char       *value)
{
  Pair pair = { label, value };

  if (value == NULL)
    return;
  g_array_append_val (pairs, pair);
}

/* The cells of one side of a row of the grid: a label and its value. */
static void
grid_cells (KdxPageFlow *self,
            Pair        *pair,
            double       x,
            KdxFlowCell *cells)
{
  cells[0] = (KdxFlowCell) { kdx_page_flow_make_layout (self, KDX_TEXT_STYLE_LABEL, pair->label,
                                                        GRID_LABEL_WIDTH - COLUMN_GAP),
                             x, KDX_TEXT_STYLE_LABEL };
  cells[1] = (KdxFlowCell) { kdx_page_flow_make_layout (self, KDX_TEXT_STYLE_BODY, pair->value,
                                                        kdx_page_flow_half_width (self) - GRID_LABEL_WIDTH),
                             x + GRID_LABEL_WIDTH, KDX_TEXT_STYLE_BODY };
}

/* Enough room for the pairs of @side stacked, above the page's bottom. */
static double
grid_side_height (KdxPageFlow *self,
                  GArray      *side)
{
  double height = 0;

  for (guint i = 0; i < side->len; i++)
    {
      KdxFlowCell cells[2];

      grid_cells (self, &g_array_index (side, Pair, i), 0, cells);
      /* The padding of a row, and the most that sharing a baseline can
       * lower the smaller label. */
      height += MAX (kdx_page_flow_layout_height (cells[0].layout),
                     kdx_page_flow_layout_height (cells[1].layout)) + 2 + 2;
      g_object_unref (cells[0].layout);
      g_object_unref (cells[1].layout);
    }
  return height;
}

/* Short fields (a date, a name, a score) in two columns: on paper a
 * column of them would leave most of the page's width empty. When both
 * columns fit on the page, each runs down on its own, so a value of two
 * lines on one side leaves no gap on the other; otherwise row i holds
 * @left's i-th pair and @right's i-th pair, and rows flow onto the next
 * page. */
void
kdx_page_flow_add_grid (KdxPageFlow *self,
                        GArray      *left,
                        GArray      *right)
{
  double x[2] = { self->left, self->right - kdx_page_flow_half_width (self) };
  GArray *sides[2] = { left, right };
  guint n_rows = MAX (left->len, right->len);
  double start = self->y;

  if (self->y + MAX (grid_side_height (self, left), grid_side_height (self, right)) <= self->bottom)
    {
      double end = start;

      for (guint side = 0; side < 2; side++)
        {
          self->y = start;
          for (guint row = 0; row < sides[side]->len; row++)
            {
              KdxFlowCell cells[2];

              grid_cells (self, &g_array_index (sides[side], Pair, row), x[side], cells);
              kdx_page_flow_add_cells (self, cells, 2, TRUE, 1, FALSE);
              g_object_unref (cells[0].layout);
              g_object_unref (cells[1].layout);
            }
          end = MAX (end, self->y);
        }
      self->y = end;
      return;
    }

  for (guint row = 0; row < n_rows; row++)
    {
      KdxFlowCell cells[4];
      guint n_cells = 0;

      for (guint side = 0; side < 2; side++)
        {
          if (row >= sides[side]->len)
            continue;
          grid_cells (self, &g_array_index (sides[side], Pair, row), x[side], cells + n_cells);
          n_cells += 2;
        }
      kdx_page_flow_add_cells (self, cells, n_cells, TRUE, 1, FALSE);
      for (guint i = 0; i < n_cells; i++)
        g_object_unref (cells[i].layout);
    }
}

/* A section of short fields, in two columns read down the left first,
 * then @long_pairs across the page. Nothing at all when it has nothing:
 * an empty section is paper that says nothing. @pairs is emptied. */
void
kdx_page_flow_add_field_section (KdxPageFlow *self,
                                 const char  *title,
                                 GArray      *pairs,
                                 GArray      *long_pairs)
{
  g_autoptr(GArray) left = kdx_flow_pairs_new ();
  g_autoptr(GArray) right = kdx_flow_pairs_new ();
  guint n_left = (pairs->len + 1) / 2;

  if (pairs->len == 0 && long_pairs->len == 0)
    return;

  kdx_page_flow_add_heading (self, title);
  /* The pairs move to the columns, which free them. */
  g_array_set_clear_func (pairs, NULL);
  for (guint i = 0; i < pairs->len; i++)
    g_array_append_val (i < n_left ? left : right, g_array_index (pairs, Pair, i));
  g_array_set_size (pairs, 0);
  g_array_set_clear_func (pairs, pair_clear);

  kdx_page_flow_add_grid (self, left, right);
  for (guint i = 0; i < long_pairs->len; i++)
    {
      Pair *pair = &g_array_index (long_pairs, Pair, i);
      kdx_page_flow_add_row (self, pair->label, pair->value);
    }
}

/* ---- tables ----------------------------------------------------------------- */

void
kdx_page_flow_add_table_head (KdxPageFlow *self)
{
  double width = kdx_page_flow_get_content_width (self);
  double x = self->left;
  double height = 0;
  Op *fill;

  fill = kdx_page_flow_add_op (self, OP_FILL, self->left, self->y, width, 0, kdx_page_flow_band);
  for (guint i = 0; i < self->n_columns; i++)
    {
      double cell_width = width * self->columns[i].fraction;
      g_autoptr(PangoLayout) layout = kdx_page_flow_make_layout (self, KDX_TEXT_STYLE_TABLE_HEAD,
                                                                 self->columns[i].title,
                                                                 cell_width - 2 * CELL_PAD_X);

      pango_layout_set_alignment (layout, self->columns[i].alignment);
      kdx_page_flow_place_text (self, layout, x + CELL_PAD_X, self->y + CELL_PAD,
                                kdx_page_flow_style_color (KDX_TEXT_STYLE_TABLE_HEAD));
      height = MAX (height, kdx_page_flow_layout_height (layout));
      x += cell_width;
    }
  fill->height = height + 2 * CELL_PAD;
  self->y += fill->height;
  kdx_page_flow_add_op (self, OP_RULE, self->left, self->y, width, 0.75, kdx_page_flow_muted);
}

/* Starts a table of @columns, which must live until
 * kdx_page_flow_end_table(): their head repeats on every page the table
 * runs onto. */
void
kdx_page_flow_begin_table (KdxPageFlow         *self,
                           const KdxFlowColumn *columns,
                           guint                n_columns)
{
  g_return_if_fail (KDX_IS_PAGE_FLOW (self));
  g_return_if_fail (n_columns > 0 && n_columns <= 16);

  /* The head and at least one row stay together. */
  if (!self->fresh && self->y + HEADING_ROOM_AFTER > self->bottom)
    kdx_page_flow_new_page (self);
  else if (!self->fresh)
    self->y += 2;

  self->columns = columns;
  self->n_columns = n_columns;
  kdx_page_flow_add_table_head (self);
}

void
kdx_page_flow_end_table (KdxPageFlow *self)
{
  g_return_if_fail (KDX_IS_PAGE_FLOW (self));

  self->columns = NULL;
  self->n_columns = 0;
  self->y += 2;
}

/* @markups: one Pango markup text per column. */
void
kdx_page_flow_add_table_row (KdxPageFlow       *self,
                             const char *const *markups)
{
  double width = kdx_page_flow_get_content_width (self);
  double x = self->left;
  PangoLayout *layouts[16];
  KdxFlowCell cells[16];

  g_return_if_fail (KDX_IS_PAGE_FLOW (self));
  g_return_if_fail (self->columns != NULL);

  for (guint i = 0; i < self->n_columns; i++)
    {
      double cell_width = width * self->columns[i].fraction;

      layouts[i] = kdx_page_flow_make_markup_layout (self, KDX_TEXT_STYLE_TABLE, markups[i],
                                                     cell_width - 2 * CELL_PAD_X);
      pango_layout_set_alignment (layouts[i], self->columns[i].alignment);
      cells[i] = (KdxFlowCell) { layouts[i], x + CELL_PAD_X, KDX_TEXT_STYLE_TABLE };
      x += cell_width;
    }

  kdx_page_flow_add_cells (self, cells, self->n_columns, TRUE, CELL_PAD, TRUE);

  for (guint i = 0; i < self->n_columns; i++)
    g_object_unref (layouts[i]);
}

/* @texts: one plain text per column, NULL for an empty cell. */
void
kdx_page_flow_add_table_text_row (KdxPageFlow       *self,
                                  const char *const *texts)
{
  char *markups[16];

  g_return_if_fail (KDX_IS_PAGE_FLOW (self));
  g_return_if_fail (self->columns != NULL);

  for (guint i = 0; i < self->n_columns; i++)
    markups[i] = g_markup_escape_text (texts[i] != NULL ? texts[i] : "", -1);
  kdx_page_flow_add_table_row (self, (const char *const *) markups);
  for (guint i = 0; i < self->n_columns; i++)
    g_free (markups[i]);
}

/* ---- a picture, a band ------------------------------------------------------- */

typedef struct
{
  const guchar *data;
  gsize         size;
  gsize         offset;
} ReadCursor;

static cairo_status_t
read_bytes_cb (void          *closure,
               unsigned char *data,
               unsigned int   length)
{
  ReadCursor *cursor = closure;

  if (cursor->size - cursor->offset < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, cursor->data + cursor->offset, length);
  cursor->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

/* The picture as a small square, cropped to fill it. A photo of any size
 * goes into the PDF at four times the printed size: sharp on paper, and a
 * stack of dossiers does not carry every original photo. JPEG would need
 * an image library in core for a picture of an inch: a JPEG picture is
 * printed as initials instead. */
static cairo_surface_t *
make_picture (GBytes *bytes,
              double  size)
{
  ReadCursor cursor = { 0 };
  cairo_surface_t *source;
  cairo_surface_t *target;
  cairo_t *cr;
  int side = (int) (size * 4);
  double width, height, scale;

  if (bytes == NULL)
    return NULL;
  cursor.data = g_bytes_get_data (bytes, &cursor.size);
  if (cursor.size < 8 || memcmp (cursor.data, "\x89PNG\r\n\x1a\n", 8) != 0)
    return NULL;

  source = cairo_image_surface_create_from_png_stream (read_bytes_cb, &cursor);
  if (cairo_surface_status (source) != CAIRO_STATUS_SUCCESS
      || cairo_image_surface_get_width (source) == 0
      || cairo_image_surface_get_height (source) == 0)
    {
      cairo_surface_destroy (source);
      return NULL;
    }

  width = cairo_image_surface_get_width (source);
  height = cairo_image_surface_get_height (source);
  scale = MAX (side / width, side / height);

  target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
  cr = cairo_create (target);
  cairo_translate (cr, (side - width * scale) / 2, (side - height * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, source, 0, 0);
  /* A tiny picture scaled up stays sharp-edged rather than blurred. */
  if (width < side / 4.0)
    cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (source);

  return target;
}

/* A round picture of @size points at the left margin, from PNG data, or
 * @initials in a circle when there is no picture or it cannot be read.
 * The position stays where it is: text may go beside it. */
void
kdx_page_flow_add_picture (KdxPageFlow *self,
                           double       size,
                           GBytes      *png,
                           const char  *initials)
{
  Op *op;

  g_return_if_fail (KDX_IS_PAGE_FLOW (self));

  op = kdx_page_flow_add_op (self, OP_AVATAR, self->left, self->y, size, size, avatar_fill);
  op->image = make_picture (png, size);
  if (op->image == NULL)
    {
      op->layout = kdx_page_flow_make_layout (self, KDX_TEXT_STYLE_INITIALS, initials, size);
      pango_layout_set_alignment (op->layout, PANGO_ALIGN_CENTER);
    }
  self->fresh = FALSE;
}

/* A drawing made elsewhere (an Insights chart), @height points tall, in a
 * recording surface whose origin is its top left corner: placed at the
 * left margin, on the next page when it does not fit on this one. */
void
kdx_page_flow_add_drawing (KdxPageFlow     *self,
                           cairo_surface_t *recording,
                           double           height)
{
  Op *op;

  g_return_if_fail (KDX_IS_PAGE_FLOW (self));
  g_return_if_fail (recording != NULL);

  if (!self->fresh && self->y + height > self->bottom)
    kdx_page_flow_new_page (self);
  op = kdx_page_flow_add_op (self, OP_DRAWING, self->left, self->y,
                             kdx_page_flow_get_content_width (self), height, NULL);
  op->image = cairo_surface_reference (recording);
  self->y += height;
  self->fresh = FALSE;
}

/* A shaded band across the page behind what is placed until
 * kdx_page_flow_end_band(), when it all stays on one page. */
void
kdx_page_flow_begin_band (KdxPageFlow *self)
{
  g_return_if_fail (KDX_IS_PAGE_FLOW (self));
  g_return_if_fail (self->band == NULL);

  self->band = kdx_page_flow_add_op (self, OP_FILL, self->left, self->y,
                                     kdx_page_flow_get_content_width (self), 0, kdx_page_flow_band);
  self->band_page = self->page;
  self->band_top = self->y;
}

void
kdx_page_flow_end_band (KdxPageFlow *self)
{
  g_return_if_fail (KDX_IS_PAGE_FLOW (self));
  g_return_if_fail (self->band != NULL);

  if (self->page == self->band_page)
    self->band->height = self->y - self->band_top;
  self->band = NULL;
  self->band_page = NULL;
}

