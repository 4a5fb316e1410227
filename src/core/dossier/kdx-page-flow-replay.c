/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-page-flow"

#include "config.h"

#include <pango/pangocairo.h>

#include "kdx-page-flow-private.h"

/* Drawing a page replays the operations its layout made: nothing is
 * measured again, so what is drawn is what was laid out, on a PDF
 * surface, a print context or an image in a test alike. */

guint
kdx_page_flow_get_n_pages (KdxPageFlow *self)
{
  g_return_val_if_fail (KDX_IS_PAGE_FLOW (self), 0);
  return self->pages->len;
}

/* Which document @page belongs to, and which of its pages it is (from 0). */
void
kdx_page_flow_get_page_document (KdxPageFlow *self,
                                 guint        page,
                                 guint       *document,
                                 guint       *page_in_document)
{
  Page *p;

  g_return_if_fail (KDX_IS_PAGE_FLOW (self));
  g_return_if_fail (page < self->pages->len);

  p = self->pages->pdata[page];
  if (document != NULL)
    *document = p->document;
  if (page_in_document != NULL)
    *page_in_document = p->page_in_document;
}

static void
draw_text (cairo_t *cr,
           Op      *op)
{
  PangoLayoutIter *iter = pango_layout_get_iter (op->layout);
  int index = 0;
  int top = 0;

  do
    {
      PangoRectangle logical;

      if (index >= op->first_line + op->n_lines)
        break;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      if (index == op->first_line)
        top = logical.y;
      if (index >= op->first_line)
        {
          int baseline = pango_layout_iter_get_baseline (iter);

          cairo_move_to (cr, op->x + pango_units_to_double (logical.x),
                         op->y + pango_units_to_double (baseline - top));
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      index++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_avatar (cairo_t *cr,
             Op      *op)
{
  const double *initials = kdx_page_flow_style_color (KDX_TEXT_STYLE_INITIALS);
  double radius = op->width / 2;

  cairo_save (cr);
  /* An arc starts with a line from the current point, if there is one:
   * after text that is where the last line ended, and the clip would
   * reach from there to the circle (the faint line across a page). */
  cairo_new_path (cr);
  cairo_arc (cr, op->x + radius, op->y + radius, radius, 0, 2 * G_PI);
  cairo_clip (cr);
  if (op->image != NULL)
    {
      double scale = op->width / cairo_image_surface_get_width (op->image);

      cairo_translate (cr, op->x, op->y);
      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, op->image, 0, 0);
      cairo_paint (cr);
    }
  else
    {
      cairo_set_source_rgb (cr, op->color[0], op->color[1], op->color[2]);
      cairo_paint (cr);
      if (op->layout != NULL)
        {
          int height;

          pango_layout_get_size (op->layout, NULL, &height);
          cairo_set_source_rgb (cr, initials[0], initials[1], initials[2]);
          cairo_move_to (cr, op->x, op->y + (op->height - pango_units_to_double (height)) / 2);
          pango_cairo_show_layout (cr, op->layout);
        }
    }
  cairo_restore (cr);
}

/* Draws page @page (from 0), in points from the top left corner of the
 * sheet. */
void
kdx_page_flow_draw_page (KdxPageFlow *self,
                         cairo_t     *cr,
                         guint        page)
{
  Page *p;

  g_return_if_fail (KDX_IS_PAGE_FLOW (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  p = self->pages->pdata[page];
  /* Nothing of what was drawn before, on this page or the previous one,
   * joins what is drawn here: the path is not part of the state that
   * cairo_save() keeps, and a current point outlives cairo_show_page(). */
  cairo_new_path (cr);
  cairo_save (cr);
  for (guint i = 0; i < p->ops->len; i++)
    {
      Op *op = p->ops->pdata[i];

      switch (op->kind)
        {
        case OP_TEXT:
          cairo_set_source_rgb (cr, op->color[0], op->color[1], op->color[2]);
          draw_text (cr, op);
          break;
        case OP_FILL:
          cairo_set_source_rgb (cr, op->color[0], op->color[1], op->color[2]);
          cairo_rectangle (cr, op->x, op->y, op->width, op->height);
          cairo_fill (cr);
          break;
        case OP_RULE:
          cairo_set_source_rgb (cr, op->color[0], op->color[1], op->color[2]);
          cairo_set_line_width (cr, op->height);
          cairo_move_to (cr, op->x, op->y);
          cairo_line_to (cr, op->x + op->width, op->y);
          cairo_stroke (cr);
          break;
        case OP_AVATAR:
          draw_avatar (cr, op);
          break;
        case OP_DRAWING:
          /* Replayed, not rasterised: a chart stays vector in a PDF. */
          cairo_save (cr);
          cairo_set_source_surface (cr, op->image, op->x, op->y);
          cairo_paint (cr);
          cairo_restore (cr);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  cairo_restore (cr);
  cairo_new_path (cr);
}
