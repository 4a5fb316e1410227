/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-page-flow"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdx-page-flow-private.h"

/* How a page is made: laying out turns what a document holds into a list
 * of drawing operations per page (text lines, rules, fills, a picture);
 * drawing only replays them. The blocks a document is built of (headings,
 * fields in two columns, tables) are in kdx-page-flow-blocks.c; this file
 * holds what they stand on: text in the house style, pages, text flowing
 * line by line across them, and the replay. */

G_DEFINE_FINAL_TYPE (KdxPageFlow, kdx_page_flow, G_TYPE_OBJECT)

/* Colours for paper: dark ink, a grey that survives a cheap printer, and
 * one accent (GNOME's blue 5) for headings. */
static const double ink[3] = { 0.141, 0.122, 0.192 };
const double kdx_page_flow_muted[3] = { 0.369, 0.361, 0.392 };
const double kdx_page_flow_accent[3] = { 0.102, 0.373, 0.706 };
const double kdx_page_flow_hairline[3] = { 0.753, 0.749, 0.737 };
const double kdx_page_flow_band[3] = { 0.953, 0.949, 0.945 };
static const double white[3] = { 1.0, 1.0, 1.0 };

#define FOOTER_TOP_GAP 12.0

/* Every line of a style is equally high, whatever fonts its characters
 * come from: Chinese glyphs come from a CJK font with a taller line than
 * the Latin one, and rows would otherwise be spaced unevenly. */
static const struct
{
  const char   *font;
  const double *color;
  double        line_height; /* times the font size */
} styles[KDX_N_TEXT_STYLES] = {
  [KDX_TEXT_STYLE_BODY] = { "Sans 9", ink, 1.3 },
  [KDX_TEXT_STYLE_LABEL] = { "Sans 8", kdx_page_flow_muted, 1.3 },
  [KDX_TEXT_STYLE_SMALL] = { "Sans 8", kdx_page_flow_muted, 1.35 },
  [KDX_TEXT_STYLE_NOTE] = { "Sans Italic 8", kdx_page_flow_muted, 1.35 },
  [KDX_TEXT_STYLE_HEADING] = { "Sans Bold 10.5", kdx_page_flow_accent, 1.3 },
  [KDX_TEXT_STYLE_NAME] = { "Sans Bold 19", ink, 1.25 },
  [KDX_TEXT_STYLE_SUBTITLE] = { "Sans 10", kdx_page_flow_muted, 1.35 },
  [KDX_TEXT_STYLE_CAPTION] = { "Sans 7.5", kdx_page_flow_muted, 1.35 },
  [KDX_TEXT_STYLE_FACT] = { "Sans Bold 9.5", ink, 1.3 },
  [KDX_TEXT_STYLE_TABLE] = { "Sans 8", ink, 1.3 },
  [KDX_TEXT_STYLE_TABLE_HEAD] = { "Sans Bold 7.5", kdx_page_flow_muted, 1.3 },
  [KDX_TEXT_STYLE_FOOTER] = { "Sans 7", kdx_page_flow_muted, 1.35 },
  [KDX_TEXT_STYLE_INITIALS] = { "Sans Bold 22", white, 1.2 },
};

/* The lines of one cell of kdx_page_flow_add_cells(), and which of them
 * are placed yet. */
typedef struct
{
  GArray *boxes; /* LineBox per line */
  guint   next;
  double  dy;    /* lowers the first line, to share a baseline */
} CellState;

typedef struct
{
  int top;      /* Pango units, from the layout's top */
  int height;
  int baseline;
} LineBox;

/* ---- helpers ---------------------------------------------------------------- */

static void
op_free (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->layout);
  g_clear_pointer (&op->image, cairo_surface_destroy);
  g_free (op);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->ops);
  g_free (page);
}

const double *
kdx_page_flow_style_color (KdxTextStyle style)
{
  return styles[style].color;
}

Op *
kdx_page_flow_add_op (KdxPageFlow  *self,
                      OpKind        kind,
                      double        x,
                      double        y,
                      double        width,
                      double        height,
                      const double *color)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->x = x;
  op->y = y;
  op->width = width;
  op->height = height;
  op->color = color;
  g_ptr_array_add (self->page->ops, op);
  return op;
}

/* One of two columns side by side. */
double
kdx_page_flow_half_width (KdxPageFlow *self)
{
  return (kdx_page_flow_get_content_width (self) - HALF_GAP) / 2;
}

/* Han characters are shared by Chinese and Japanese, with different
 * forms: without a language fontconfig may pick a Japanese font for them.
 * The files are Chinese, so wide characters (Han, CJK punctuation) are
 * marked as simplified Chinese unless the user reads traditional Chinese,
 * Japanese or Korean. Only those: Latin letters and digits keep the Latin
 * font, which a language on the whole text would give to the CJK one. */
static void
mark_cjk_language (PangoLayout   *layout,
                   PangoAttrList *attrs)
{
  const char *text = pango_layout_get_text (layout);
  const char *language = "zh-cn";
  const char *const *languages = g_get_language_names ();
  const char *run = NULL;

  if (languages[0] != NULL
      && (g_str_has_prefix (languages[0], "ja") || g_str_has_prefix (languages[0], "ko")
          || g_str_has_prefix (languages[0], "zh_TW") || g_str_has_prefix (languages[0], "zh_HK")))
    language = languages[0];

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gboolean wide = *p != '\0' && g_unichar_iswide (g_utf8_get_char (p));

      if (wide && run == NULL)
        run = p;
      else if (!wide && run != NULL)
        {
          PangoAttribute *attr = pango_attr_language_new (pango_language_from_string (language));

          attr->start_index = run - text;
          attr->end_index = p - text;
          pango_attr_list_insert (attrs, attr);
          run = NULL;
        }
      if (*p == '\0')
        break;
    }
}

static void
set_attributes (PangoLayout *layout,
                KdxTextStyle style)
{
  const PangoFontDescription *font = pango_layout_get_font_description (layout);
  PangoAttrList *attrs = pango_layout_get_attributes (layout);
  int height = (int) (pango_font_description_get_size (font) * styles[style].line_height);

  attrs = attrs != NULL ? pango_attr_list_copy (attrs) : pango_attr_list_new ();
  pango_attr_list_insert_before (attrs, pango_attr_line_height_new_absolute (height));
  /* A word broken because it is longer than its column (a handle, a link,
   * a platform name) must not gain a hyphen it does not have. */
  pango_attr_list_insert_before (attrs, pango_attr_insert_hyphens_new (FALSE));
  mark_cjk_language (layout, attrs);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

double
kdx_page_flow_layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return pango_units_to_double (height);
}

static GArray *
line_boxes (PangoLayout *layout)
{
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (LineBox));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoRectangle logical;
      LineBox box;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      box.top = logical.y;
      box.height = logical.height;
      box.baseline = pango_layout_iter_get_baseline (iter);
      g_array_append_val (boxes, box);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  return boxes;
}

void
kdx_page_flow_place_text (KdxPageFlow  *self,
                          PangoLayout  *layout,
                          double        x,
                          double        y,
                          const double *color)
{
  Op *op = kdx_page_flow_add_op (self, OP_TEXT, x, y, 0, kdx_page_flow_layout_height (layout), color);

  op->layout = g_object_ref (layout);
  op->first_line = 0;
  op->n_lines = pango_layout_get_line_count (layout);
  self->fresh = FALSE;
}

void
kdx_page_flow_new_page (KdxPageFlow *self)
{
  Page *page = g_new0 (Page, 1);

  page->ops = g_ptr_array_new_with_free_func (op_free);
  page->document = self->document;
  page->page_in_document = self->page_in_document++;
  g_ptr_array_add (self->pages, page);
  self->page = page;
  self->y = self->top;

  /* A page that continues a document says whose it is, since pages of a
   * stack get separated. */
  if (page->page_in_document > 0)
    {
      const char *title = g_ptr_array_index (self->titles, self->document);
      g_autofree char *text = g_strdup_printf (_("%s (continued)"), title);
      g_autoptr(PangoLayout) layout = kdx_page_flow_make_layout (self, KDX_TEXT_STYLE_SMALL, text,
                                                                 kdx_page_flow_get_content_width (self));

      kdx_page_flow_place_text (self, layout, self->left, self->y, styles[KDX_TEXT_STYLE_SMALL].color);
      self->y += kdx_page_flow_layout_height (layout) + 4;
      kdx_page_flow_add_op (self, OP_RULE, self->left, self->y, kdx_page_flow_get_content_width (self),
                            0.5, kdx_page_flow_hairline);
      self->y += 10;
    }

  if (self->columns != NULL)
    kdx_page_flow_add_table_head (self);
  self->fresh = TRUE;
}

/* ---- GObject ---------------------------------------------------------------- */

static void
kdx_page_flow_finalize (GObject *object)
{
  KdxPageFlow *self = KDX_PAGE_FLOW (object);

  g_ptr_array_unref (self->pages);
  g_array_unref (self->document_n_pages);
  g_ptr_array_unref (self->titles);
  for (guint i = 0; i < KDX_N_TEXT_STYLES; i++)
    pango_font_description_free (self->fonts[i]);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kdx_page_flow_parent_class)->finalize (object);
}

static void
kdx_page_flow_class_init (KdxPageFlowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kdx_page_flow_finalize;
}

static void
kdx_page_flow_init (KdxPageFlow *self)
{
  self->pages = g_ptr_array_new_with_free_func (page_free);
  self->document_n_pages = g_array_new (FALSE, FALSE, sizeof (guint));
  self->titles = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < KDX_N_TEXT_STYLES; i++)
    self->fonts[i] = pango_font_description_from_string (styles[i].font);
}

/* ---- public API ------------------------------------------------------------- */

/* Whether a sheet of this size, in points, leaves room for content
 * inside the margins. */
gboolean
kdx_page_flow_page_size_fits (double page_width,
                              double page_height)
{
  return page_width > 2 * KDX_PAGE_FLOW_MARGIN_SIDE
         && page_height > KDX_PAGE_FLOW_MARGIN_TOP + KDX_PAGE_FLOW_MARGIN_BOTTOM + 100;
}

/**
 * kdx_page_flow_new:
 * @context: the PangoContext of the target (a print context's, or one
 *   made with pango_cairo_create_context()): text is measured with it
 * @page_width: in points, the whole sheet
 * @page_height: in points
 */
KdxPageFlow *
kdx_page_flow_new (PangoContext *context,
                   double        page_width,
                   double        page_height)
{
  KdxPageFlow *self;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (kdx_page_flow_page_size_fits (page_width, page_height), NULL);

  self = g_object_new (KDX_TYPE_PAGE_FLOW, NULL);
  self->context = g_object_ref (context);
  self->left = KDX_PAGE_FLOW_MARGIN_SIDE;
  self->right = page_width - KDX_PAGE_FLOW_MARGIN_SIDE;
  self->top = KDX_PAGE_FLOW_MARGIN_TOP;
  self->bottom = page_height - KDX_PAGE_FLOW_MARGIN_BOTTOM;
  return self;
}

double
kdx_page_flow_get_left (KdxPageFlow *self)
{
  g_return_val_if_fail (KDX_IS_PAGE_FLOW (self), 0);
  return self->left;
}

double
kdx_page_flow_get_right (KdxPageFlow *self)
{
  g_return_val_if_fail (KDX_IS_PAGE_FLOW (self), 0);
  return self->right;
}

double
kdx_page_flow_get_content_width (KdxPageFlow *self)
{
  g_return_val_if_fail (KDX_IS_PAGE_FLOW (self), 0);
  return self->right - self->left;
}

/* The current position, in points from the top of the sheet. */
double
kdx_page_flow_get_y (KdxPageFlow *self)
{
  g_return_val_if_fail (KDX_IS_PAGE_FLOW (self), 0);
  return self->y;
}

/* Moves the current position on this page, to place things beside what
 * was placed last (text beside a picture, then below the taller). */
void
kdx_page_flow_set_y (KdxPageFlow *self,
                     double       y)
{
  g_return_if_fail (KDX_IS_PAGE_FLOW (self));
  self->y = y;
}

/* Leaves @dy points of space. */
void
kdx_page_flow_skip (KdxPageFlow *self,
                    double       dy)
{
  g_return_if_fail (KDX_IS_PAGE_FLOW (self));
  self->y += dy;
}

/* Starts a document on a new page. @title runs at the head of its
 * continued pages and in its footers. */
void
kdx_page_flow_begin_document (KdxPageFlow *self,
                              const char  *title)
{
  g_return_if_fail (KDX_IS_PAGE_FLOW (self));
  g_return_if_fail (self->titles->len == self->document_n_pages->len);

  self->document = self->titles->len;
  self->page_in_document = 0;
  g_ptr_array_add (self->titles, g_strdup (title != NULL ? title : ""));
  kdx_page_flow_new_page (self);
}

void
kdx_page_flow_end_document (KdxPageFlow *self)
{
  g_return_if_fail (KDX_IS_PAGE_FLOW (self));
  g_return_if_fail (self->titles->len == self->document_n_pages->len + 1);

  g_array_append_val (self->document_n_pages, self->page_in_document);
}

PangoLayout *
kdx_page_flow_make_layout (KdxPageFlow *self,
                           KdxTextStyle style,
                           const char  *text,
                           double       width)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, self->fonts[style]);
  pango_layout_set_width (layout, pango_units_from_double (MAX (width, 1.0)));
  /* Words where there are spaces, characters where there are none: Chinese
   * text and long links wrap as well as English does. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  set_attributes (layout, style);
  return layout;
}

PangoLayout *
kdx_page_flow_make_markup_layout (KdxPageFlow *self,
                                  KdxTextStyle style,
                                  const char  *markup,
                                  double       width)
{
  PangoLayout *layout = kdx_page_flow_make_layout (self, style, NULL, width);

  pango_layout_set_markup (layout, markup, -1);
  set_attributes (layout, style);
  return layout;
}

/* Places cells side by side, their tops on one line, and flows them onto
 * the next pages when they do not fit: line by line, so nothing is ever
 * clipped. Short rows (@keep_together) move whole to the next page rather
 * than split. @pad goes above and below; @rule draws a hairline under each
 * piece, as table rows have. */
void
kdx_page_flow_add_cells (KdxPageFlow       *self,
                         const KdxFlowCell *cells,
                         guint              n_cells,
                         gboolean           keep_together,
                         double             pad,
                         gboolean           rule)
{
  CellState states[16];
  double total = 0;
  int baseline = 0;
  gboolean remaining = TRUE;

  g_return_if_fail (KDX_IS_PAGE_FLOW (self));
  g_return_if_fail (n_cells > 0 && n_cells <= G_N_ELEMENTS (states));

  for (guint i = 0; i < n_cells; i++)
    {
      LineBox *box;

      states[i].boxes = line_boxes (cells[i].layout);
      states[i].next = 0;
      box = &g_array_index (states[i].boxes, LineBox, 0);
      baseline = MAX (baseline, box->baseline - box->top);
    }
  /* The first lines of the cells share a baseline, whatever their size
   * or script. */
  for (guint i = 0; i < n_cells; i++)
    {
      LineBox *box = &g_array_index (states[i].boxes, LineBox, 0);

      states[i].dy = pango_units_to_double (baseline - (box->baseline - box->top));
      total = MAX (total, kdx_page_flow_layout_height (cells[i].layout) + states[i].dy);
    }
  total += 2 * pad;

  if (keep_together && !self->fresh && self->y + total > self->bottom
      && total <= (self->bottom - self->top) / 3)
    kdx_page_flow_new_page (self);

  while (remaining)
    {
      double avail = self->bottom - self->y - 2 * pad;
      double slice = 0;
      guint ends[G_N_ELEMENTS (states)];
      gboolean first_lines_fit = TRUE;

      for (guint i = 0; i < n_cells; i++)
        {
          GArray *boxes = states[i].boxes;
          guint end = states[i].next;

          if (end < boxes->len)
            {
              int top = g_array_index (boxes, LineBox, end).top;
              double dy = states[i].next == 0 ? states[i].dy : 0;

              while (end < boxes->len)
                {
                  LineBox *box = &g_array_index (boxes, LineBox, end);

                  if (pango_units_to_double (box->top + box->height - top) + dy > avail + 0.01)
                    break;
                  end++;
                }
              if (end == states[i].next)
                {
                  first_lines_fit = FALSE;
                  /* On an empty page a line goes in whatever happens:
                   * waiting for a bigger page would never end. */
                  if (self->fresh)
                    end = states[i].next + 1;
                }
            }
          ends[i] = end;
        }

      if (!first_lines_fit && !self->fresh)
        {
          kdx_page_flow_new_page (self);
          continue;
        }

      remaining = FALSE;
      for (guint i = 0; i < n_cells; i++)
        {
          GArray *boxes = states[i].boxes;
          LineBox *first;
          LineBox *last;
          double dy;
          Op *op;

          if (ends[i] == states[i].next)
            continue;

          first = &g_array_index (boxes, LineBox, states[i].next);
          last = &g_array_index (boxes, LineBox, ends[i] - 1);
          dy = states[i].next == 0 ? states[i].dy : 0;
          op = kdx_page_flow_add_op (self, OP_TEXT, cells[i].x, self->y + pad + dy, 0,
                                     pango_units_to_double (last->top + last->height - first->top) + dy,
                                     styles[cells[i].style].color);
          op->layout = g_object_ref (cells[i].layout);
          op->first_line = states[i].next;
          op->n_lines = ends[i] - states[i].next;
          slice = MAX (slice, op->height);

          states[i].next = ends[i];
          if (states[i].next < boxes->len)
            remaining = TRUE;
        }

      self->fresh = FALSE;
      self->y += slice + 2 * pad;
      if (rule)
        kdx_page_flow_add_op (self, OP_RULE, self->left, self->y, kdx_page_flow_get_content_width (self),
                              0.5, kdx_page_flow_hairline);
      if (remaining)
        kdx_page_flow_new_page (self);
    }

  for (guint i = 0; i < n_cells; i++)
    g_clear_pointer (&states[i].boxes, g_array_unref);
}

/* One block of text, kept whole on a page when it is short. */
void
kdx_page_flow_add_text (KdxPageFlow *self,
                        KdxTextStyle style,
                        const char  *text,
                        double       x,
                        double       width,
                        double       pad)
{
  g_autoptr(PangoLayout) layout = kdx_page_flow_make_layout (self, style, text, width);
  KdxFlowCell cell = { layout, x, style };

  kdx_page_flow_add_cells (self, &cell, 1, TRUE, pad, FALSE);
}

/* The footer of every page: the document's title, when it was printed,
 * page X of Y of this document (each document of a stack is read on its
 * own), and @notice under them. Call it once, when every document ended. */
void
kdx_page_flow_add_footers (KdxPageFlow *self,
                           GDateTime   *print_time,
                           const char  *notice)
{
  g_autofree char *date = NULL;
  g_autofree char *printed = NULL;
  double width;

  g_return_if_fail (KDX_IS_PAGE_FLOW (self));
  g_return_if_fail (print_time != NULL);
  g_return_if_fail (self->titles->len == self->document_n_pages->len);

  date = g_date_time_format (print_time, "%Y-%m-%d %H:%M");
  printed = g_strdup_printf (_("Printed %s"), date);
  width = kdx_page_flow_get_content_width (self);

  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = self->pages->pdata[i];
      const char *title = g_ptr_array_index (self->titles, page->document);
      guint n_pages = g_array_index (self->document_n_pages, guint, page->document);
      g_autofree char *left_text = g_strdup_printf ("%s · %s", title, printed);
      g_autofree char *right_text = g_strdup_printf (_("Page %u of %u"), page->page_in_document + 1, n_pages);
      g_autoptr(PangoLayout) left = NULL;
      g_autoptr(PangoLayout) right = NULL;
      g_autoptr(PangoLayout) notice_layout = NULL;
      const double *color = styles[KDX_TEXT_STYLE_FOOTER].color;
      double y = self->bottom + FOOTER_TOP_GAP;
      double right_width;
      int text_width;

      self->page = page;
      right = kdx_page_flow_make_layout (self, KDX_TEXT_STYLE_FOOTER, right_text, width);
      pango_layout_set_width (right, -1);
      pango_layout_get_size (right, &text_width, NULL);
      right_width = pango_units_to_double (text_width);
      left = kdx_page_flow_make_layout (self, KDX_TEXT_STYLE_FOOTER, left_text, width - right_width - COLUMN_GAP);
      pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_MIDDLE);
      notice_layout = kdx_page_flow_make_layout (self, KDX_TEXT_STYLE_FOOTER, notice, width);

      kdx_page_flow_add_op (self, OP_RULE, self->left, y - 5, width, 0.5, kdx_page_flow_hairline);
      kdx_page_flow_place_text (self, left, self->left, y, color);
      kdx_page_flow_place_text (self, right, self->right - right_width, y, color);
      y += MAX (kdx_page_flow_layout_height (left), kdx_page_flow_layout_height (right)) + 1;
      kdx_page_flow_place_text (self, notice_layout, self->left, y, color);
    }
}

