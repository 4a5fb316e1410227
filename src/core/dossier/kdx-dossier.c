/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-dossier"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <langinfo.h>
#include <locale.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kdx-channel.h"
#include "kdx-dossier.h"
#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-event.h"
#include "kdx-important-date.h"
#include "kdx-stage-entry.h"
#include "kdx-value.h"

/* How a dossier is made: kdx_dossier_layout() walks each KOL file and
 * turns it into a list of drawing operations per page (text lines, rules,
 * fills, the avatar); kdx_dossier_draw_page() only replays them. Text is
 * measured once, with the PangoContext of the target, and long text is
 * split between lines, so a note of any length flows onto the next page
 * instead of being clipped. */

typedef enum
{
  OP_TEXT,   /* lines [first_line, first_line + n_lines) of a layout */
  OP_FILL,   /* a rectangle */
  OP_RULE,   /* a horizontal line, height is its thickness */
  OP_AVATAR, /* a round picture, or initials in a circle */
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
  guint      kol_index;
  guint      page_in_kol;
} Page;

struct _KdxDossier
{
  GObject       parent_instance;

  GPtrArray    *kols;          /* our own copies, see kdx_dossier_new() */
  gboolean      include_contact;
  KdxPaper      paper;
  GDateTime    *print_time;

  PangoContext *context;       /* of the last layout */
  GPtrArray    *pages;         /* of Page */
  GArray       *kol_n_pages;   /* guint per KOL */
};

G_DEFINE_FINAL_TYPE (KdxDossier, kdx_dossier, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (KdxPaper, kdx_paper,
  G_DEFINE_ENUM_VALUE (KDX_PAPER_A4, "a4"),
  G_DEFINE_ENUM_VALUE (KDX_PAPER_LETTER, "letter"))

enum {
  PROP_0,
  PROP_INCLUDE_CONTACT,
  PROP_PAPER,
  PROP_PRINT_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Colours for paper: dark ink, a grey that survives a cheap printer, and
 * one accent (GNOME's blue 5) for headings. */
static const double ink[3] = { 0.141, 0.122, 0.192 };
static const double muted[3] = { 0.369, 0.361, 0.392 };
static const double accent[3] = { 0.102, 0.373, 0.706 };
static const double hairline[3] = { 0.753, 0.749, 0.737 };
static const double band[3] = { 0.953, 0.949, 0.945 };
static const double avatar_fill[3] = { 0.600, 0.757, 0.945 };
static const double white[3] = { 1.0, 1.0, 1.0 };

/* In points. The bottom margin holds the footer. */
#define MARGIN_SIDE      45.0
#define MARGIN_TOP       36.0
#define MARGIN_BOTTOM    48.0
#define FOOTER_TOP_GAP   12.0
#define AVATAR_SIZE      60.0
#define COLUMN_GAP       12.0
#define HALF_GAP         24.0 /* between two columns of fields */
#define GRID_LABEL_WIDTH 104.0 /* a field's label, value beside it */
#define HEADING_GAP      9.0 /* above a section */
#define CELL_PAD         2.0 /* above and below a table cell's text */
#define CELL_PAD_X       4.0 /* beside it: a number right-aligned stays clear of the next column */
/* Below a heading, at least: a table's head and first row, or a few lines. */
#define HEADING_ROOM_AFTER 44.0

typedef enum
{
  STYLE_BODY,
  STYLE_LABEL,
  STYLE_SMALL,
  STYLE_NOTE,
  STYLE_HEADING,
  STYLE_NAME,
  STYLE_SUBTITLE,
  STYLE_CAPTION,
  STYLE_FACT,
  STYLE_TABLE,
  STYLE_TABLE_HEAD,
  STYLE_FOOTER,
  STYLE_INITIALS,
  N_STYLES
} Style;

/* Every line of a style is equally high, whatever fonts its characters
 * come from: Chinese glyphs come from a CJK font with a taller line than
 * the Latin one, and rows would otherwise be spaced unevenly. */
static const struct
{
  const char   *font;
  const double *color;
  double        line_height; /* times the font size */
} styles[N_STYLES] = {
  [STYLE_BODY] = { "Sans 9", ink, 1.3 },
  [STYLE_LABEL] = { "Sans 8", muted, 1.3 },
  [STYLE_SMALL] = { "Sans 8", muted, 1.35 },
  [STYLE_NOTE] = { "Sans Italic 8", muted, 1.35 },
  [STYLE_HEADING] = { "Sans Bold 10.5", accent, 1.3 },
  [STYLE_NAME] = { "Sans Bold 19", ink, 1.25 },
  [STYLE_SUBTITLE] = { "Sans 10", muted, 1.35 },
  [STYLE_CAPTION] = { "Sans 7.5", muted, 1.35 },
  [STYLE_FACT] = { "Sans Bold 9.5", ink, 1.3 },
  [STYLE_TABLE] = { "Sans 8", ink, 1.3 },
  [STYLE_TABLE_HEAD] = { "Sans Bold 7.5", muted, 1.3 },
  [STYLE_FOOTER] = { "Sans 7", muted, 1.35 },
  [STYLE_INITIALS] = { "Sans Bold 22", white, 1.2 },
};

typedef struct
{
  const char     *title;
  double          fraction; /* of the content width */
  PangoAlignment  alignment;
} Column;

/* One block of text being placed: which of its lines are placed yet. */
typedef struct
{
  PangoLayout  *layout;
  double        x;
  const double *color;
  GArray       *boxes; /* LineBox per line */
  guint         next;
  double        dy;    /* lowers the first line, to share a baseline (set by flow_cells) */
} Cell;

typedef struct
{
  int top;      /* Pango units, from the layout's top */
  int height;
  int baseline;
} LineBox;

/* The state of one layout pass. */
typedef struct
{
  KdxDossier           *self;
  PangoContext         *context;
  PangoFontDescription *fonts[N_STYLES];
  double                left;
  double                right;
  double                top;
  double                bottom;
  double                y;
  gboolean              fresh;  /* nothing placed on the page but its running head */
  Page                 *page;
  guint                 kol_index;
  guint                 page_in_kol;
  const char           *name;
  const Column         *columns; /* the table being laid out, its head repeats */
  guint                 n_columns;
} Builder;

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

static Op *
add_op (Builder *b,
        OpKind   kind,
        double   x,
        double   y,
        double   width,
        double   height,
        const double *color)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->x = x;
  op->y = y;
  op->width = width;
  op->height = height;
  op->color = color;
  g_ptr_array_add (b->page->ops, op);
  return op;
}

static double
content_width (Builder *b)
{
  return b->right - b->left;
}

/* One of two columns side by side. */
static double
half_width (Builder *b)
{
  return (content_width (b) - HALF_GAP) / 2;
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
                 Style        style)
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

static PangoLayout *
make_layout (Builder    *b,
             Style       style,
             const char *text,
             double      width)
{
  PangoLayout *layout = pango_layout_new (b->context);

  pango_layout_set_font_description (layout, b->fonts[style]);
  pango_layout_set_width (layout, pango_units_from_double (MAX (width, 1.0)));
  /* Words where there are spaces, characters where there are none: Chinese
   * text and long links wrap as well as English does. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  set_attributes (layout, style);
  return layout;
}

static PangoLayout *
make_markup_layout (Builder    *b,
                    Style       style,
                    const char *markup,
                    double      width)
{
  PangoLayout *layout = make_layout (b, style, NULL, width);

  pango_layout_set_markup (layout, markup, -1);
  set_attributes (layout, style);
  return layout;
}

static double
layout_height (PangoLayout *layout)
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

static void
place_text (Builder      *b,
            PangoLayout  *layout,
            double        x,
            double        y,
            const double *color)
{
  Op *op = add_op (b, OP_TEXT, x, y, 0, layout_height (layout), color);

  op->layout = g_object_ref (layout);
  op->first_line = 0;
  op->n_lines = pango_layout_get_line_count (layout);
  b->fresh = FALSE;
}

static void add_table_head (Builder *b);

static void
new_page (Builder *b)
{
  Page *page = g_new0 (Page, 1);

  page->ops = g_ptr_array_new_with_free_func (op_free);
  page->kol_index = b->kol_index;
  page->page_in_kol = b->page_in_kol++;
  g_ptr_array_add (b->self->pages, page);
  b->page = page;
  b->y = b->top;

  /* A page that continues a file says whose file it is, since pages of
   * a stack get separated. */
  if (page->page_in_kol > 0)
    {
      g_autofree char *text = g_strdup_printf (_("%s (continued)"), b->name);
      g_autoptr(PangoLayout) layout = make_layout (b, STYLE_SMALL, text, content_width (b));

      place_text (b, layout, b->left, b->y, styles[STYLE_SMALL].color);
      b->y += layout_height (layout) + 4;
      add_op (b, OP_RULE, b->left, b->y, content_width (b), 0.5, hairline);
      b->y += 10;
    }

  if (b->columns != NULL)
    add_table_head (b);
  b->fresh = TRUE;
}

/* Places cells side by side, their tops on one line, and flows them onto
 * the next pages when they do not fit: line by line, so nothing is ever
 * clipped. Short rows (@keep_together) move whole to the next page rather
 * than split. @pad goes above and below; @rule draws a hairline under each
 * piece, as table rows have. */
static void
flow_cells (Builder  *b,
            Cell     *cells,
            guint     n_cells,
            gboolean  keep_together,
            double    pad,
            gboolean  rule)
{
  double total = 0;
  int baseline = 0;
  gboolean remaining = TRUE;

  for (guint i = 0; i < n_cells; i++)
    {
      LineBox *box;

      cells[i].boxes = line_boxes (cells[i].layout);
      cells[i].next = 0;
      box = &g_array_index (cells[i].boxes, LineBox, 0);
      baseline = MAX (baseline, box->baseline - box->top);
    }
  /* The first lines of the cells share a baseline, whatever their size
   * or script. */
  for (guint i = 0; i < n_cells; i++)
    {
      LineBox *box = &g_array_index (cells[i].boxes, LineBox, 0);

      cells[i].dy = pango_units_to_double (baseline - (box->baseline - box->top));
      total = MAX (total, layout_height (cells[i].layout) + cells[i].dy);
    }
  total += 2 * pad;

  if (keep_together && !b->fresh && b->y + total > b->bottom
      && total <= (b->bottom - b->top) / 3)
    new_page (b);

  while (remaining)
    {
      double avail = b->bottom - b->y - 2 * pad;
      double slice = 0;
      guint ends[16];
      gboolean first_lines_fit = TRUE;

      g_assert (n_cells <= G_N_ELEMENTS (ends));

      for (guint i = 0; i < n_cells; i++)
        {
          GArray *boxes = cells[i].boxes;
          guint end = cells[i].next;

          if (end < boxes->len)
            {
              int top = g_array_index (boxes, LineBox, end).top;
              double dy = cells[i].next == 0 ? cells[i].dy : 0;

              while (end < boxes->len)
                {
                  LineBox *box = &g_array_index (boxes, LineBox, end);

                  if (pango_units_to_double (box->top + box->height - top) + dy > avail + 0.01)
                    break;
                  end++;
                }
              if (end == cells[i].next)
                {
                  first_lines_fit = FALSE;
                  /* On an empty page a line goes in whatever happens:
                   * waiting for a bigger page would never end. */
                  if (b->fresh)
                    end = cells[i].next + 1;
                }
            }
          ends[i] = end;
        }

      if (!first_lines_fit && !b->fresh)
        {
          new_page (b);
          continue;
        }

      remaining = FALSE;
      for (guint i = 0; i < n_cells; i++)
        {
          GArray *boxes = cells[i].boxes;
          LineBox *first;
          LineBox *last;
          double dy;
          Op *op;

          if (ends[i] == cells[i].next)
            continue;

          first = &g_array_index (boxes, LineBox, cells[i].next);
          last = &g_array_index (boxes, LineBox, ends[i] - 1);
          dy = cells[i].next == 0 ? cells[i].dy : 0;
          op = add_op (b, OP_TEXT, cells[i].x, b->y + pad + dy, 0,
                       pango_units_to_double (last->top + last->height - first->top) + dy,
                       cells[i].color);
          op->layout = g_object_ref (cells[i].layout);
          op->first_line = cells[i].next;
          op->n_lines = ends[i] - cells[i].next;
          slice = MAX (slice, op->height);

          cells[i].next = ends[i];
          if (cells[i].next < boxes->len)
            remaining = TRUE;
        }

      b->fresh = FALSE;
      b->y += slice + 2 * pad;
      if (rule)
        add_op (b, OP_RULE, b->left, b->y, content_width (b), 0.5, hairline);
      if (remaining)
        new_page (b);
    }

  for (guint i = 0; i < n_cells; i++)
    g_clear_pointer (&cells[i].boxes, g_array_unref);
}

static void
flow_text (Builder *b,
           Style    style,
           const char *text,
           double   x,
           double   width,
           double   pad)
{
  g_autoptr(PangoLayout) layout = make_layout (b, style, text, width);
  Cell cell = { layout, x, styles[style].color, NULL, 0, 0 };

  flow_cells (b, &cell, 1, TRUE, pad, FALSE);
}

/* Free text, one block per paragraph with a little space between them:
 * pages of notes stay readable. Paragraphs flow across pages. */
static void
flow_paragraphs (Builder    *b,
                 const char *text)
{
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n", -1);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      Cell cell = { NULL, b->left, styles[STYLE_BODY].color, NULL, 0, 0 };

      if (*g_strstrip (paragraphs[i]) == '\0')
        continue;
      layout = make_layout (b, STYLE_BODY, paragraphs[i], content_width (b));
      cell.layout = layout;
      flow_cells (b, &cell, 1, FALSE, 1.5, FALSE);
      b->y += 2.5;
    }
}

/* A heading, or two side by side (@right_title not NULL): two short
 * sections share a band of the page, see add_grid(). */
static void
add_headings (Builder    *b,
              const char *left_title,
              const char *right_title)
{
  double width = right_title != NULL ? half_width (b) : content_width (b);
  g_autoptr(PangoLayout) left = make_layout (b, STYLE_HEADING, left_title, width);
  g_autoptr(PangoLayout) right = right_title != NULL ? make_layout (b, STYLE_HEADING, right_title, width)
                                                     : NULL;
  double height = MAX (layout_height (left), right != NULL ? layout_height (right) : 0);

  /* A heading never ends a page: it needs room for a few lines, or a
   * table's head and first row, after it (see begin_table()). */
  if (!b->fresh && b->y + HEADING_GAP + height + 5 + HEADING_ROOM_AFTER > b->bottom)
    new_page (b);
  if (!b->fresh)
    b->y += HEADING_GAP;

  place_text (b, left, b->left, b->y, styles[STYLE_HEADING].color);
  if (right != NULL)
    place_text (b, right, b->right - width, b->y, styles[STYLE_HEADING].color);
  b->y += height + 1;
  add_op (b, OP_RULE, b->left, b->y, width, 0.75, accent);
  if (right != NULL)
    add_op (b, OP_RULE, b->right - width, b->y, width, 0.75, accent);
  b->y += 4;
}

static void
add_heading (Builder    *b,
             const char *title)
{
  add_headings (b, title, NULL);
}

static void
add_nothing (Builder    *b,
             const char *text)
{
  flow_text (b, STYLE_NOTE, text, b->left, content_width (b), 1.5);
}

/* A label and its value across the page, for long text: the label in
 * the same column as the labels of add_grid(), so they line up. */
static void
add_row (Builder    *b,
         const char *label,
         const char *value)
{
  g_autoptr(PangoLayout) label_layout = make_layout (b, STYLE_LABEL, label, GRID_LABEL_WIDTH - COLUMN_GAP);
  g_autoptr(PangoLayout) value_layout = make_layout (b, STYLE_BODY, value,
                                                     content_width (b) - GRID_LABEL_WIDTH);
  Cell cells[] = {
    { label_layout, b->left, styles[STYLE_LABEL].color, NULL, 0, 0 },
    { value_layout, b->left + GRID_LABEL_WIDTH, styles[STYLE_BODY].color, NULL, 0, 0 },
  };

  flow_cells (b, cells, G_N_ELEMENTS (cells), TRUE, 1, FALSE);
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

static GArray *
pairs_new (void)
{
  GArray *pairs = g_array_new (FALSE, FALSE, sizeof (Pair));

  g_array_set_clear_func (pairs, pair_clear);
  return pairs;
}

static void
pairs_add_take (GArray     *pairs,
                const char *label,
                char       *value)
{
  Pair pair = { label, value };

  if (value == NULL)
    return;
  g_array_append_val (pairs, pair);
}

/* The cells of one side of a row of add_grid(): a label and its value. */
static void
grid_cells (Builder *b,
            Pair    *pair,
            double   x,
            Cell    *cells)
{
  cells[0] = (Cell) { make_layout (b, STYLE_LABEL, pair->label, GRID_LABEL_WIDTH - COLUMN_GAP),
                      x, styles[STYLE_LABEL].color, NULL, 0, 0 };
  cells[1] = (Cell) { make_layout (b, STYLE_BODY, pair->value, half_width (b) - GRID_LABEL_WIDTH),
                      x + GRID_LABEL_WIDTH, styles[STYLE_BODY].color, NULL, 0, 0 };
}

/* Enough room for the pairs of @side stacked, above the page's bottom. */
static double
grid_side_height (Builder *b,
                  GArray  *side)
{
  double height = 0;

  for (guint i = 0; i < side->len; i++)
    {
      Cell cells[2];

      grid_cells (b, &g_array_index (side, Pair, i), 0, cells);
      /* The padding of a row, and the most that sharing a baseline can
       * lower the smaller label. */
      height += MAX (layout_height (cells[0].layout), layout_height (cells[1].layout)) + 2 + 2;
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
static void
add_grid (Builder *b,
          GArray  *left,
          GArray  *right)
{
  double x[2] = { b->left, b->right - half_width (b) };
  GArray *sides[2] = { left, right };
  guint n_rows = MAX (left->len, right->len);
  double start = b->y;

  if (b->y + MAX (grid_side_height (b, left), grid_side_height (b, right)) <= b->bottom)
    {
      double end = start;

      for (guint side = 0; side < 2; side++)
        {
          b->y = start;
          for (guint row = 0; row < sides[side]->len; row++)
            {
              Cell cells[2];

              grid_cells (b, &g_array_index (sides[side], Pair, row), x[side], cells);
              flow_cells (b, cells, 2, TRUE, 1, FALSE);
              g_object_unref (cells[0].layout);
              g_object_unref (cells[1].layout);
            }
          end = MAX (end, b->y);
        }
      b->y = end;
      return;
    }

  for (guint row = 0; row < n_rows; row++)
    {
      Cell cells[4];
      guint n_cells = 0;

      for (guint side = 0; side < 2; side++)
        {
          if (row >= sides[side]->len)
            continue;
          grid_cells (b, &g_array_index (sides[side], Pair, row), x[side], cells + n_cells);
          n_cells += 2;
        }
      flow_cells (b, cells, n_cells, TRUE, 1, FALSE);
      for (guint i = 0; i < n_cells; i++)
        g_object_unref (cells[i].layout);
    }
}

/* A section of short fields, in two columns read down the left first,
 * then @long_pairs across the page. Nothing at all when it has nothing:
 * an empty section is paper that says nothing. */
static void
add_field_section (Builder    *b,
                   const char *title,
                   GArray     *pairs,
                   GArray     *long_pairs)
{
  g_autoptr(GArray) left = pairs_new ();
  g_autoptr(GArray) right = pairs_new ();
  guint n_left = (pairs->len + 1) / 2;

  if (pairs->len == 0 && long_pairs->len == 0)
    return;

  add_heading (b, title);
  /* The pairs move to the columns, which free them. */
  g_array_set_clear_func (pairs, NULL);
  for (guint i = 0; i < pairs->len; i++)
    g_array_append_val (i < n_left ? left : right, g_array_index (pairs, Pair, i));
  g_array_set_size (pairs, 0);
  g_array_set_clear_func (pairs, pair_clear);

  add_grid (b, left, right);
  for (guint i = 0; i < long_pairs->len; i++)
    {
      Pair *pair = &g_array_index (long_pairs, Pair, i);
      add_row (b, pair->label, pair->value);
    }
}

/* ---- tables ----------------------------------------------------------------- */

static void
add_table_head (Builder *b)
{
  double width = content_width (b);
  double x = b->left;
  double height = 0;
  Op *fill;

  fill = add_op (b, OP_FILL, b->left, b->y, width, 0, band);
  for (guint i = 0; i < b->n_columns; i++)
    {
      double cell_width = width * b->columns[i].fraction;
      g_autoptr(PangoLayout) layout = make_layout (b, STYLE_TABLE_HEAD, b->columns[i].title,
                                                   cell_width - 2 * CELL_PAD_X);

      pango_layout_set_alignment (layout, b->columns[i].alignment);
      place_text (b, layout, x + CELL_PAD_X, b->y + CELL_PAD, styles[STYLE_TABLE_HEAD].color);
      height = MAX (height, layout_height (layout));
      x += cell_width;
    }
  fill->height = height + 2 * CELL_PAD;
  b->y += fill->height;
  add_op (b, OP_RULE, b->left, b->y, width, 0.75, muted);
}

static void
begin_table (Builder      *b,
             const Column *columns,
             guint         n_columns)
{
  /* The head and at least one row stay together. */
  if (!b->fresh && b->y + HEADING_ROOM_AFTER > b->bottom)
    new_page (b);
  else if (!b->fresh)
    b->y += 2;

  b->columns = columns;
  b->n_columns = n_columns;
  add_table_head (b);
}

static void
end_table (Builder *b)
{
  b->columns = NULL;
  b->n_columns = 0;
  b->y += 2;
}

/* @markups: one Pango markup text per column. */
static void
add_table_row (Builder           *b,
               const char *const *markups)
{
  double width = content_width (b);
  double x = b->left;
  PangoLayout *layouts[16];
  Cell cells[16];

  g_assert (b->n_columns <= G_N_ELEMENTS (cells));

  for (guint i = 0; i < b->n_columns; i++)
    {
      double cell_width = width * b->columns[i].fraction;

      layouts[i] = make_markup_layout (b, STYLE_TABLE, markups[i], cell_width - 2 * CELL_PAD_X);
      pango_layout_set_alignment (layouts[i], b->columns[i].alignment);
      cells[i] = (Cell) { layouts[i], x + CELL_PAD_X, styles[STYLE_TABLE].color, NULL, 0, 0 };
      x += cell_width;
    }

  flow_cells (b, cells, b->n_columns, TRUE, CELL_PAD, TRUE);

  for (guint i = 0; i < b->n_columns; i++)
    g_object_unref (layouts[i]);
}

/* ---- values ----------------------------------------------------------------- */

static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) datetime = NULL;

  if (iso == NULL || *iso == '\0')
    return NULL;
  /* Date-times are stored in UTC; people read them in their own zone. */
  datetime = g_date_time_new_from_iso8601 (iso, NULL);
  if (datetime == NULL)
    return g_strdup (iso);
  {
    g_autoptr(GDateTime) local = g_date_time_to_local (datetime);
    return g_date_time_format (local, "%Y-%m-%d");
  }
}

static char *
format_days (gint64 days)
{
  int n = (int) CLAMP (days, 0, G_MAXINT);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", n), n);
}

static gint64
days_between (const char *from_iso,
              GDateTime  *to)
{
  g_autoptr(GDateTime) from = g_date_time_new_from_iso8601 (from_iso, NULL);

  if (from == NULL)
    return -1;
  return MAX (0, g_date_time_difference (to, from) / G_TIME_SPAN_DAY);
}

static const char *const unset_nicks[] = { "unknown", "unset", "none", "unrated", NULL };

/* A field's value as a person reads it, or NULL when it has none. */
static char *
display_value (KdxRecord  *record,
               const char *name)
{
  const KdxField *field = kdx_record_find_field (record, name);
  g_auto(GValue) value = G_VALUE_INIT;

  g_return_val_if_fail (field != NULL, NULL);

  g_value_init (&value, kdx_field_get_gtype (field));
  kdx_record_get_value (record, field, &value);
  if (!kdx_field_value_is_set (field, &value))
    return NULL;

  switch (field->type)
    {
    case KDX_FIELD_ENUM:
      {
        const char *nick = kdx_enum_to_string (field->enum_type (), g_value_get_enum (&value));

        /* "Unknown", "Unset", "None", "Unrated": nothing was chosen, and
         * paper that says so only takes room. */
        if (g_strv_contains (unset_nicks, nick))
          return NULL;
        return g_strdup (kdx_enum_get_label (field->enum_type (), g_value_get_enum (&value)));
      }
    case KDX_FIELD_BOOL:
      return g_strdup (g_value_get_boolean (&value) ? _("Yes") : _("No"));
    case KDX_FIELD_INT:
      if (field->check == KDX_FIELD_CHECK_SCORE)
        {
          gint64 score = g_value_get_int64 (&value);
          /* 0 means "not rated", not a bad score. */
          return score > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT "/5", score) : NULL;
        }
      /* A count of 0 is what a new file holds before anyone counted:
       * unknown, not a KOL without a follower. */
      if (field->check == KDX_FIELD_CHECK_COUNT && g_value_get_int64 (&value) <= 0)
        return NULL;
      return kdx_value_format_int (g_value_get_int64 (&value));
    case KDX_FIELD_TAGS:
      return g_strjoinv (", ", g_value_get_boxed (&value));
    case KDX_FIELD_DATETIME:
      return format_date (g_value_get_string (&value));
    case KDX_FIELD_IMAGE:
      return NULL;
    case KDX_FIELD_TEXT:
      if (field->check == KDX_FIELD_CHECK_PLATFORM)
        return g_strdup (kdx_platform_get_label (g_value_get_string (&value)));
      if (field->check == KDX_FIELD_CHECK_CHURN_REASON)
        return g_strdup (kdx_churn_reason_get_label (g_value_get_string (&value)));
      return g_value_dup_string (&value);
    case KDX_FIELD_DECIMAL:
    case KDX_FIELD_DATE:
    default:
      return g_value_dup_string (&value);
    }
}

static const char *
field_label (KdxRecord  *record,
             const char *name)
{
  return kdx_field_get_label (kdx_record_find_field (record, name));
}

static gint
compare_at_newest_first (gconstpointer a,
                         gconstpointer b)
{
  KdxRecord *ra = *(KdxRecord **) a;
  KdxRecord *rb = *(KdxRecord **) b;
  g_autofree char *at_a = kdx_record_get_string (ra, kdx_record_find_field (ra, "at"));
  g_autofree char *at_b = kdx_record_get_string (rb, kdx_record_find_field (rb, "at"));

  /* ISO 8601 in UTC sorts as text. */
  return g_strcmp0 (at_b, at_a);
}

/* The items of a list, newest first. */
static GPtrArray *
sorted_newest_first (GListStore *store)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n = g_list_model_get_n_items (model);
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  g_ptr_array_sort (items, compare_at_newest_first);
  return items;
}

static char *
record_string (gpointer    record,
               const char *name)
{
  return kdx_record_get_string (KDX_RECORD (record), kdx_record_find_field (KDX_RECORD (record), name));
}

/* ---- avatar ----------------------------------------------------------------- */

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

/* The avatar as a small square picture, cropped to fill it. A photo of
 * any size goes into the PDF at four times the printed size: sharp on
 * paper, and a stack of dossiers does not carry every original photo.
 * JPEG would need an image library in core for a picture of an inch: a
 * JPEG avatar is printed as initials instead. */
static cairo_surface_t *
make_avatar_image (GBytes *bytes)
{
  ReadCursor cursor = { 0 };
  cairo_surface_t *source;
  cairo_surface_t *target;
  cairo_t *cr;
  int side = (int) (AVATAR_SIZE * 4);
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

/* ---- the sections ----------------------------------------------------------- */

static GPtrArray *
stage_history_newest_first (KdxKol *kol)
{
  return sorted_newest_first (kdx_kol_get_stage_history (kol));
}

/* The widths of the band's cells: each as wide as its caption or fact
 * on one line, the room left shared out; only when the facts do not fit
 * on one line together do they wrap, each in proportion to its length. */
static void
band_widths (PangoLayout **captions,
             PangoLayout **facts,
             guint         n,
             double        width,
             double        padding,
             double       *widths)
{
  double total = 0;

  for (guint i = 0; i < n; i++)
    {
      int caption_width, fact_width;

      pango_layout_set_width (captions[i], -1);
      pango_layout_set_width (facts[i], -1);
      pango_layout_get_size (captions[i], &caption_width, NULL);
      pango_layout_get_size (facts[i], &fact_width, NULL);
      widths[i] = pango_units_to_double (MAX (caption_width, fact_width)) + padding;
      total += widths[i];
    }
  for (guint i = 0; i < n; i++)
    {
      if (total <= width)
        widths[i] += (width - total) / n;
      else
        widths[i] *= width / total;
      pango_layout_set_width (captions[i], pango_units_from_double (widths[i] - padding));
      pango_layout_set_width (facts[i], pango_units_from_double (widths[i] - padding));
    }
}

static void
add_header (Builder *b,
            KdxKol  *kol)
{
  static const char *const fact_fields[] = { "platform", "followers", "tier", "stage" };
  double text_x = b->left + AVATAR_SIZE + 16;
  double text_width = b->right - text_x;
  double start = b->y;
  double width = content_width (b);
  double widths[5];
  double fact_x = b->left;
  Op *avatar;
  Op *fill;
  Page *band_page;
  g_autofree char *real_name = display_value (KDX_RECORD (kol), "real_name");
  g_autofree char *city = display_value (KDX_RECORD (kol), "city");
  g_autofree char *bio = display_value (KDX_RECORD (kol), "bio");
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autoptr(GPtrArray) history = stage_history_newest_first (kol);
  char *facts[5] = { NULL };
  const char *captions[5];
  Cell caption_cells[5];
  Cell fact_cells[5];
  PangoLayout *caption_layouts[5] = { NULL };
  PangoLayout *fact_layouts[5] = { NULL };
  KdxCountStyle count_style = kdx_value_count_style_for_locale ();

  /* Avatar, name, who they are and where. */
  avatar = add_op (b, OP_AVATAR, b->left, b->y, AVATAR_SIZE, AVATAR_SIZE, avatar_fill);
  avatar->image = make_avatar_image (kdx_kol_get_avatar (kol));
  if (avatar->image == NULL)
    {
      g_autofree char *initials = kdx_kol_get_initials (kol);

      avatar->layout = make_layout (b, STYLE_INITIALS, initials, AVATAR_SIZE);
      pango_layout_set_alignment (avatar->layout, PANGO_ALIGN_CENTER);
    }
  b->fresh = FALSE;

  b->y += 2;
  flow_text (b, STYLE_NAME, kdx_kol_get_display_name (kol), text_x, text_width, 0);

  if (real_name != NULL)
    g_string_append (subtitle, real_name);
  if (kdx_kol_get_handle (kol) != NULL)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, kdx_kol_get_handle (kol));
    }
  if (city != NULL)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, city);
    }
  if (subtitle->len > 0)
    {
      b->y += 1;
      flow_text (b, STYLE_SUBTITLE, subtitle->str, text_x, text_width, 0);
    }
  /* The bio introduces the person: beside the picture, under the name. */
  if (bio != NULL)
    {
      b->y += 4;
      flow_text (b, STYLE_BODY, bio, text_x, text_width, 0);
    }
  b->y = MAX (b->y, start + AVATAR_SIZE) + 10;

  /* The facts an operator looks for first, in a band across the page. */
  for (guint i = 0; i < G_N_ELEMENTS (fact_fields); i++)
    {
      captions[i] = field_label (KDX_RECORD (kol), fact_fields[i]);
      facts[i] = display_value (KDX_RECORD (kol), fact_fields[i]);
    }
  if (facts[1] != NULL)
    {
      g_free (facts[1]);
      facts[1] = kdx_value_format_count (kdx_kol_get_followers (kol), count_style);
    }
  captions[4] = _("Days in stage");
  if (history->len > 0)
    {
      g_autofree char *at = record_string (history->pdata[0], "at");
      gint64 days = days_between (at, b->self->print_time);

      if (days >= 0)
        facts[4] = format_days (days);
    }

  for (guint i = 0; i < 5; i++)
    {
      caption_layouts[i] = make_layout (b, STYLE_CAPTION, captions[i], width);
      fact_layouts[i] = make_layout (b, STYLE_FACT, facts[i] != NULL ? facts[i] : "—", width);
    }
  band_widths (caption_layouts, fact_layouts, 5, width - 16, 12, widths);
  for (guint i = 0; i < 5; i++)
    {
      double x = fact_x + 8;

      caption_cells[i] = (Cell) { caption_layouts[i], x, styles[STYLE_CAPTION].color, NULL, 0, 0 };
      fact_cells[i] = (Cell) { fact_layouts[i], x, styles[STYLE_FACT].color, NULL, 0, 0 };
      fact_x += widths[i];
    }

  fill = add_op (b, OP_FILL, b->left, b->y, width, 0, band);
  band_page = b->page;
  start = b->y;
  b->y += 5;
  flow_cells (b, caption_cells, 5, TRUE, 0, FALSE);
  b->y += 1;
  flow_cells (b, fact_cells, 5, TRUE, 0, FALSE);
  b->y += 5;
  if (b->page == band_page)
    fill->height = b->y - start;
  for (guint i = 0; i < 5; i++)
    {
      g_free (facts[i]);
      g_object_unref (caption_layouts[i]);
      g_object_unref (fact_layouts[i]);
    }
}

/* Adds the named fields that have a value. */
static void
pairs_add_fields (GArray            *pairs,
                  KdxKol            *kol,
                  const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    pairs_add_take (pairs, field_label (KDX_RECORD (kol), names[i]),
                    display_value (KDX_RECORD (kol), names[i]));
}

/* Personal and contact details are both short: side by side, each under
 * its heading; either alone fills both columns. */
static void
add_personal_and_contact (Builder *b,
                          KdxKol  *kol)
{
  static const char *const personal_names[] = { "gender", "birthday", "personality", NULL };
  static const char *const contact_names[] = { "phone", "wechat", "email", "agent", "address", NULL };
  g_autoptr(GArray) personal = pairs_new ();
  g_autoptr(GArray) contact = pairs_new ();
  g_autoptr(GArray) none = pairs_new ();

  pairs_add_fields (personal, kol, personal_names);
  if (b->self->include_contact)
    pairs_add_fields (contact, kol, contact_names);

  if (personal->len > 0 && contact->len > 0)
    {
      add_headings (b, _("Personal"), _("Contact"));
      add_grid (b, personal, contact);
    }
  else if (personal->len > 0)
    add_field_section (b, _("Personal"), personal, none);
  else
    add_field_section (b, _("Contact"), contact, none);
}

static void
add_business (Builder *b,
              KdxKol  *kol)
{
  /* The tier is in the band at the top. */
  static const char *const names[] = {
    "category", "followers", "tags", "fit_score", "content_quality", "activity",
    "fans_portable", "own_account", "fan_quality", NULL
  };
  g_autoptr(GArray) pairs = pairs_new ();
  g_autoptr(GArray) none = pairs_new ();

  pairs_add_fields (pairs, kol, names);
  add_field_section (b, _("Business"), pairs, none);
}

static const char *
url_for_print (const char *url)
{
  if (g_str_has_prefix (url, "https://"))
    return url + strlen ("https://");
  if (g_str_has_prefix (url, "http://"))
    return url + strlen ("http://");
  return url;
}

static void
add_channels (Builder *b,
              KdxKol  *kol)
{
  GListModel *channels = G_LIST_MODEL (kdx_kol_get_channels (kol));
  guint n = g_list_model_get_n_items (channels);
  g_autoptr(KdxChannel) probe = kdx_channel_new ();
  Column columns[] = {
    /* Room for "WeChat Official Account" and a link under the handle. */
    { field_label (KDX_RECORD (probe), "platform"), 0.21, PANGO_ALIGN_LEFT },
    { field_label (KDX_RECORD (probe), "handle"), 0.29, PANGO_ALIGN_LEFT },
    { field_label (KDX_RECORD (probe), "followers"), 0.13, PANGO_ALIGN_RIGHT },
    { field_label (KDX_RECORD (probe), "rank"), 0.08, PANGO_ALIGN_RIGHT },
    { field_label (KDX_RECORD (probe), "activity"), 0.11, PANGO_ALIGN_RIGHT },
    { field_label (KDX_RECORD (probe), "checked_on"), 0.18, PANGO_ALIGN_RIGHT },
  };

  if (n == 0)
    return;
  add_heading (b, _("Channels"));

  begin_table (b, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdxRecord) channel = g_list_model_get_item (channels, i);
      g_autofree char *platform = display_value (channel, "platform");
      g_autofree char *handle = display_value (channel, "handle");
      g_autofree char *url = display_value (channel, "url");
      g_autofree char *followers = display_value (channel, "followers");
      g_autofree char *rank = display_value (channel, "rank");
      g_autofree char *activity = display_value (channel, "activity");
      g_autofree char *checked = display_value (channel, "checked_on");
      g_autofree char *handle_markup = NULL;
      char *cells[6] = { NULL };

      /* The link goes under the handle, smaller: it is long and read less.
       * Paper cannot be clicked: the scheme is left out, as print does. */
      if (url != NULL)
        handle_markup = g_markup_printf_escaped ("%s%s<span size=\"smaller\" foreground=\"#5e5c64\">%s</span>",
                                                 handle != NULL ? handle : "",
                                                 handle != NULL ? "\n" : "", url_for_print (url));
      else
        handle_markup = g_markup_escape_text (handle != NULL ? handle : "", -1);

      cells[0] = g_markup_escape_text (platform != NULL ? platform : "", -1);
      cells[1] = g_steal_pointer (&handle_markup);
      cells[2] = g_markup_escape_text (followers != NULL ? followers : "", -1);
      /* Rank 0 means "not ranked". */
      cells[3] = g_markup_escape_text (rank != NULL && g_strcmp0 (rank, "0") != 0 ? rank : "", -1);
      cells[4] = g_markup_escape_text (activity != NULL ? activity : "", -1);
      cells[5] = g_markup_escape_text (checked != NULL ? checked : "", -1);
      add_table_row (b, (const char *const *) cells);
      for (guint j = 0; j < G_N_ELEMENTS (cells); j++)
        g_free (cells[j]);
    }
  end_table (b);
}

static void
add_cooperation (Builder *b,
                 KdxKol  *kol)
{
  static const char *const first[] = { "source", "purpose", "plan", NULL };
  static const char *const rest[] = {
    "rules_agreed_on", "owner", "next_follow_up", "churn_reason", NULL
  };
  static const char *const long_names[] = { "incentives", "demands", NULL };
  g_autofree char *fee = display_value (KDX_RECORD (kol), "fee");
  g_autofree char *currency = display_value (KDX_RECORD (kol), "currency");
  g_autofree char *since = display_value (KDX_RECORD (kol), "exclusive_since");
  g_autoptr(GArray) pairs = pairs_new ();
  g_autoptr(GArray) long_pairs = pairs_new ();
  gboolean exclusive = FALSE;

  pairs_add_fields (pairs, kol, first);
  if (fee != NULL)
    pairs_add_take (pairs, field_label (KDX_RECORD (kol), "fee"),
                    currency != NULL ? g_strdup_printf ("%s %s", fee, currency) : g_strdup (fee));

  /* Not exclusive is what every candidate is: only the agreement is news. */
  g_object_get (kol, "exclusive", &exclusive, NULL);
  if (exclusive)
    /* Translators: exclusive cooperation, since a date */
    pairs_add_take (pairs, field_label (KDX_RECORD (kol), "exclusive"),
                    since != NULL ? g_strdup_printf (_("Yes, since %s"), since) : g_strdup (_("Yes")));

  pairs_add_fields (pairs, kol, rest);
  pairs_add_fields (long_pairs, kol, long_names);
  add_field_section (b, _("Cooperation"), pairs, long_pairs);
}

/* "date  what" lines, one per item. */
static void
append_dated_line (GString    *lines,
                   const char *date,
                   const char *what)
{
  if (lines->len > 0)
    g_string_append_c (lines, '\n');
  g_string_append_printf (lines, "%s   %s", date != NULL ? date : "", what != NULL ? what : "");
}

static void
add_upkeep (Builder *b,
            KdxKol  *kol)
{
  g_autoptr(GPtrArray) events = sorted_newest_first (kdx_kol_get_events (kol));
  GListModel *dates = G_LIST_MODEL (kdx_kol_get_important_dates (kol));
  guint n_dates = g_list_model_get_n_items (dates);
  g_autoptr(GString) date_lines = g_string_new (NULL);
  g_autoptr(GString) gift_lines = g_string_new (NULL);
  g_autoptr(GArray) none = pairs_new ();
  g_autoptr(GArray) long_pairs = pairs_new ();
  static const char *const names[] = { "preferences", NULL };

  pairs_add_fields (long_pairs, kol, names);

  for (guint i = 0; i < n_dates; i++)
    {
      g_autoptr(KdxRecord) date = g_list_model_get_item (dates, i);
      g_autofree char *when = display_value (date, "date");
      g_autofree char *label = display_value (date, "label");
      gboolean yearly = FALSE;
      g_autofree char *text = NULL;

      g_object_get (date, "yearly", &yearly, NULL);
      /* Translators: an important date's label, then that it comes back every year */
      text = yearly ? g_strdup_printf (_("%s (every year)"), label != NULL ? label : "")
                    : g_strdup (label != NULL ? label : "");
      append_dated_line (date_lines, when, text);
    }
  if (date_lines->len > 0)
    pairs_add_take (long_pairs, _("Important dates"), g_strdup (date_lines->str));

  for (guint i = 0; i < events->len; i++)
    {
      KdxRecord *event = events->pdata[i];
      g_autofree char *kind = record_string (event, "kind");
      g_autofree char *at = NULL;
      g_autofree char *summary = NULL;

      if (g_strcmp0 (kind, "gift") != 0)
        continue;
      at = display_value (event, "at");
      summary = display_value (event, "summary");
      append_dated_line (gift_lines, at, summary);
    }
  if (gift_lines->len > 0)
    pairs_add_take (long_pairs, _("Gifts"), g_strdup (gift_lines->str));

  add_field_section (b, _("Upkeep"), none, long_pairs);
}

static void
add_timeline (Builder *b,
              KdxKol  *kol)
{
  g_autoptr(GPtrArray) events = sorted_newest_first (kdx_kol_get_events (kol));
  g_autoptr(KdxEvent) probe = kdx_event_new ();
  Column columns[] = {
    { field_label (KDX_RECORD (probe), "at"), 0.15, PANGO_ALIGN_LEFT },
    { field_label (KDX_RECORD (probe), "kind"), 0.13, PANGO_ALIGN_LEFT },
    { field_label (KDX_RECORD (probe), "summary"), 0.56, PANGO_ALIGN_LEFT },
    { field_label (KDX_RECORD (probe), "outcome"), 0.16, PANGO_ALIGN_LEFT },
  };
  guint shown = MIN (events->len, KDX_DOSSIER_RECENT_EVENTS);

  if (events->len == 0)
    return;
  add_heading (b, _("Recent timeline"));

  begin_table (b, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < shown; i++)
    {
      KdxRecord *event = events->pdata[i];
      g_autofree char *at = display_value (event, "at");
      g_autofree char *kind = display_value (event, "kind");
      g_autofree char *summary = display_value (event, "summary");
      g_autofree char *outcome_nick = record_string (event, "outcome");
      g_autofree char *outcome = NULL;
      char *cells[4] = { NULL };

      /* "None" says nothing an empty cell does not. */
      if (g_strcmp0 (outcome_nick, "none") != 0)
        outcome = display_value (event, "outcome");

      cells[0] = g_markup_escape_text (at != NULL ? at : "", -1);
      cells[1] = g_markup_escape_text (kind != NULL ? kind : "", -1);
      cells[2] = g_markup_escape_text (summary != NULL ? summary : "", -1);
      cells[3] = g_markup_escape_text (outcome != NULL ? outcome : "", -1);
      add_table_row (b, (const char *const *) cells);
      for (guint j = 0; j < G_N_ELEMENTS (cells); j++)
        g_free (cells[j]);
    }
  end_table (b);

  if (events->len > shown)
    {
      guint older = events->len - shown;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u older event is not shown.",
                                                            "%u older events are not shown.",
                                                            older), older);
      add_nothing (b, text);
    }
}

static void
add_stage_history (Builder *b,
                   KdxKol  *kol)
{
  g_autoptr(GPtrArray) history = stage_history_newest_first (kol);
  g_autoptr(KdxStageEntry) probe = kdx_stage_entry_new ();
  Column columns[] = {
    { field_label (KDX_RECORD (probe), "at"), 0.15, PANGO_ALIGN_LEFT },
    { field_label (KDX_RECORD (probe), "stage"), 0.17, PANGO_ALIGN_LEFT },
    /* Translators: how long a KOL stayed in a stage, a table column */
    { _("Duration"), 0.13, PANGO_ALIGN_RIGHT },
    { field_label (KDX_RECORD (probe), "note"), 0.55, PANGO_ALIGN_LEFT },
  };

  if (history->len == 0)
    return;
  add_heading (b, _("Stage history"));

  begin_table (b, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < history->len; i++)
    {
      KdxRecord *entry = history->pdata[i];
      g_autofree char *at_iso = record_string (entry, "at");
      g_autofree char *at = display_value (entry, "at");
      g_autofree char *stage = display_value (entry, "stage");
      g_autofree char *note = display_value (entry, "note");
      g_autofree char *duration = NULL;
      char *cells[4] = { NULL };
      gint64 days;

      /* A stage lasts until the next move; the newest one until today. */
      if (i == 0)
        days = days_between (at_iso, b->self->print_time);
      else
        {
          g_autofree char *next_iso = record_string (history->pdata[i - 1], "at");
          g_autoptr(GDateTime) next = g_date_time_new_from_iso8601 (next_iso, NULL);

          days = next != NULL ? days_between (at_iso, next) : -1;
        }
      if (days >= 0)
        duration = format_days (days);

      cells[0] = g_markup_escape_text (at != NULL ? at : "", -1);
      cells[1] = g_markup_escape_text (stage != NULL ? stage : "", -1);
      cells[2] = g_markup_escape_text (duration != NULL ? duration : "", -1);
      cells[3] = g_markup_escape_text (note != NULL ? note : "", -1);
      add_table_row (b, (const char *const *) cells);
      for (guint j = 0; j < G_N_ELEMENTS (cells); j++)
        g_free (cells[j]);
    }
  end_table (b);
}

static void
add_notes (Builder *b,
           KdxKol  *kol)
{
  g_autofree char *notes = display_value (KDX_RECORD (kol), "notes");

  if (notes == NULL)
    return;
  add_heading (b, field_label (KDX_RECORD (kol), "notes"));
  flow_paragraphs (b, notes);
}

/* The footer of every page: whose file, when printed, page X of Y of this
 * file (each file of a stack is read on its own), and a reminder that the
 * paper holds personal data. */
static void
add_footers (Builder *b)
{
  KdxDossier *self = b->self;
  g_autofree char *date = g_date_time_format (self->print_time, "%Y-%m-%d %H:%M");
  g_autofree char *printed = g_strdup_printf (_("Printed %s"), date);

  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = self->pages->pdata[i];
      KdxKol *kol = self->kols->pdata[page->kol_index];
      guint n_pages = g_array_index (self->kol_n_pages, guint, page->kol_index);
      g_autofree char *left_text = g_strdup_printf ("%s · %s", kdx_kol_get_display_name (kol), printed);
      g_autofree char *right_text = g_strdup_printf (_("Page %u of %u"), page->page_in_kol + 1, n_pages);
      g_autoptr(PangoLayout) left = NULL;
      g_autoptr(PangoLayout) right = NULL;
      g_autoptr(PangoLayout) notice = NULL;
      double y = b->bottom + FOOTER_TOP_GAP;
      double right_width;
      int width;

      b->page = page;
      right = make_layout (b, STYLE_FOOTER, right_text, content_width (b));
      pango_layout_set_width (right, -1);
      pango_layout_get_size (right, &width, NULL);
      right_width = pango_units_to_double (width);
      left = make_layout (b, STYLE_FOOTER, left_text, content_width (b) - right_width - COLUMN_GAP);
      pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_MIDDLE);
      notice = make_layout (b, STYLE_FOOTER, _("Confidential: for the team’s internal use only. "
                                               "Holds personal data; do not pass on."),
                            content_width (b));

      add_op (b, OP_RULE, b->left, y - 5, content_width (b), 0.5, hairline);
      place_text (b, left, b->left, y, styles[STYLE_FOOTER].color);
      place_text (b, right, b->right - right_width, y, styles[STYLE_FOOTER].color);
      y += MAX (layout_height (left), layout_height (right)) + 1;
      place_text (b, notice, b->left, y, styles[STYLE_FOOTER].color);
    }
}

/* ---- GObject ---------------------------------------------------------------- */

static void
clear_layout (KdxDossier *self)
{
  g_ptr_array_set_size (self->pages, 0);
  g_array_set_size (self->kol_n_pages, 0);
  g_clear_object (&self->context);
}

static void
kdx_dossier_finalize (GObject *object)
{
  KdxDossier *self = KDX_DOSSIER (object);

  clear_layout (self);
  g_ptr_array_unref (self->pages);
  g_array_unref (self->kol_n_pages);
  g_ptr_array_unref (self->kols);
  g_date_time_unref (self->print_time);

  G_OBJECT_CLASS (kdx_dossier_parent_class)->finalize (object);
}

static void
kdx_dossier_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KdxDossier *self = KDX_DOSSIER (object);

  switch (prop_id)
    {
    case PROP_INCLUDE_CONTACT:
      g_value_set_boolean (value, self->include_contact);
      break;
    case PROP_PAPER:
      g_value_set_enum (value, self->paper);
      break;
    case PROP_PRINT_TIME:
      g_value_set_boxed (value, self->print_time);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_dossier_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  KdxDossier *self = KDX_DOSSIER (object);

  switch (prop_id)
    {
    case PROP_INCLUDE_CONTACT:
      kdx_dossier_set_include_contact (self, g_value_get_boolean (value));
      break;
    case PROP_PAPER:
      kdx_dossier_set_paper (self, g_value_get_enum (value));
      break;
    case PROP_PRINT_TIME:
      kdx_dossier_set_print_time (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_dossier_class_init (KdxDossierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdx_dossier_finalize;
  object_class->get_property = kdx_dossier_get_property;
  object_class->set_property = kdx_dossier_set_property;

  /* Changing a property drops the layout: lay out again before drawing. */
  properties[PROP_INCLUDE_CONTACT] =
    g_param_spec_boolean ("include-contact", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAPER] =
    g_param_spec_enum ("paper", NULL, NULL, KDX_TYPE_PAPER, KDX_PAPER_A4,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRINT_TIME] =
    g_param_spec_boxed ("print-time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdx_dossier_init (KdxDossier *self)
{
  self->kols = g_ptr_array_new_with_free_func (g_object_unref);
  self->include_contact = TRUE;
  self->paper = kdx_paper_for_locale ();
  self->print_time = g_date_time_new_now_local ();
  self->pages = g_ptr_array_new_with_free_func (page_free);
  self->kol_n_pages = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* ---- paper ------------------------------------------------------------------ */

/* Letter where the locale says so, A4 everywhere else, as GTK decides.
 * glibc knows the paper of each locale; a locale that is named but not
 * installed (LC_PAPER=en_US.UTF-8 on a system with only C.UTF-8) still
 * says its territory. */
KdxPaper
kdx_paper_for_locale (void)
{
  static const char *const variables[] = { "LC_ALL", "LC_PAPER", "LANG" };
  const char *current = setlocale (LC_PAPER, NULL);
  int width = (int) (gsize) nl_langinfo (_NL_PAPER_WIDTH);

  if (current != NULL && !g_str_equal (current, "C") && !g_str_equal (current, "POSIX")
      && !g_str_has_prefix (current, "C."))
    return width == 216 ? KDX_PAPER_LETTER : KDX_PAPER_A4;

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      const char *name = g_getenv (variables[i]);

      if (name == NULL || *name == '\0')
        continue;
      if (strstr (name, "_US") != NULL || strstr (name, "_CA") != NULL)
        return KDX_PAPER_LETTER;
      return KDX_PAPER_A4;
    }
  return KDX_PAPER_A4;
}

gboolean
kdx_paper_from_string (const char *text,
                       KdxPaper   *paper)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (KDX_TYPE_PAPER);
  GEnumValue *value;

  if (text == NULL)
    return FALSE;
  value = g_enum_get_value_by_nick (klass, text);
  if (value == NULL)
    return FALSE;
  *paper = value->value;
  return TRUE;
}

/* In points: A4 is 210 × 297 mm, Letter 8.5 × 11 in. */
void
kdx_paper_get_size (KdxPaper  paper,
                    double   *width,
                    double   *height)
{
  if (paper == KDX_PAPER_LETTER)
    {
      *width = 612.0;
      *height = 792.0;
    }
  else
    {
      *width = 210.0 / 25.4 * 72.0;
      *height = 297.0 / 25.4 * 72.0;
    }
}

/* ---- public API ------------------------------------------------------------- */

/**
 * kdx_dossier_new:
 * @kols: (element-type KdxKol): the KOLs, one dossier each, in this order
 *
 * The dossier copies the files, so what it prints is the files as they
 * were when it was made, whatever the editor does meanwhile.
 */
KdxDossier *
kdx_dossier_new (GPtrArray *kols)
{
  KdxDossier *self;

  g_return_val_if_fail (kols != NULL, NULL);
  for (guint i = 0; i < kols->len; i++)
    g_return_val_if_fail (KDX_IS_KOL (kols->pdata[i]), NULL);

  self = g_object_new (KDX_TYPE_DOSSIER, NULL);
  for (guint i = 0; i < kols->len; i++)
    g_ptr_array_add (self->kols, kdx_kol_dup (kols->pdata[i]));
  return self;
}

guint
kdx_dossier_get_n_kols (KdxDossier *self)
{
  g_return_val_if_fail (KDX_IS_DOSSIER (self), 0);
  return self->kols->len;
}

gboolean
kdx_dossier_get_include_contact (KdxDossier *self)
{
  g_return_val_if_fail (KDX_IS_DOSSIER (self), TRUE);
  return self->include_contact;
}

void
kdx_dossier_set_include_contact (KdxDossier *self,
                                 gboolean    include_contact)
{
  g_return_if_fail (KDX_IS_DOSSIER (self));

  include_contact = !!include_contact;
  if (self->include_contact == include_contact)
    return;
  self->include_contact = include_contact;
  clear_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_CONTACT]);
}

KdxPaper
kdx_dossier_get_paper (KdxDossier *self)
{
  g_return_val_if_fail (KDX_IS_DOSSIER (self), KDX_PAPER_A4);
  return self->paper;
}

/* The paper of kdx_dossier_write_pdf(); a print dialog passes its own
 * page size to kdx_dossier_layout() instead. */
void
kdx_dossier_set_paper (KdxDossier *self,
                       KdxPaper    paper)
{
  g_return_if_fail (KDX_IS_DOSSIER (self));

  if (self->paper == paper)
    return;
  self->paper = paper;
  clear_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAPER]);
}

GDateTime *
kdx_dossier_get_print_time (KdxDossier *self)
{
  g_return_val_if_fail (KDX_IS_DOSSIER (self), NULL);
  return self->print_time;
}

/* The time printed in the footer and counted from for "days in stage";
 * now by default. NULL means now. */
void
kdx_dossier_set_print_time (KdxDossier *self,
                            GDateTime  *print_time)
{
  g_autoptr(GDateTime) time = NULL;

  g_return_if_fail (KDX_IS_DOSSIER (self));

  time = print_time != NULL ? g_date_time_ref (print_time) : g_date_time_new_now_local ();
  if (g_date_time_equal (time, self->print_time))
    return;
  g_date_time_unref (self->print_time);
  self->print_time = g_steal_pointer (&time);
  clear_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRINT_TIME]);
}

/**
 * kdx_dossier_layout:
 * @context: the PangoContext of the target (the print context's, or one
 *   made with pango_cairo_create_context())
 * @page_width: in points, the whole sheet
 * @page_height: in points
 *
 * Lays every dossier out on pages of this size. Returns the number of pages.
 */
guint
kdx_dossier_layout (KdxDossier   *self,
                    PangoContext *context,
                    double        page_width,
                    double        page_height)
{
  Builder b = { 0 };

  g_return_val_if_fail (KDX_IS_DOSSIER (self), 0);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), 0);
  g_return_val_if_fail (page_width > 2 * MARGIN_SIDE && page_height > MARGIN_TOP + MARGIN_BOTTOM + 100, 0);

  clear_layout (self);
  self->context = g_object_ref (context);

  b.self = self;
  b.context = context;
  for (guint i = 0; i < N_STYLES; i++)
    b.fonts[i] = pango_font_description_from_string (styles[i].font);
  b.left = MARGIN_SIDE;
  b.right = page_width - MARGIN_SIDE;
  b.top = MARGIN_TOP;
  b.bottom = page_height - MARGIN_BOTTOM;

  for (guint i = 0; i < self->kols->len; i++)
    {
      KdxKol *kol = self->kols->pdata[i];
      guint first_page = self->pages->len;
      guint n_pages;

      b.kol_index = i;
      b.page_in_kol = 0;
      b.name = kdx_kol_get_display_name (kol);
      new_page (&b);

      add_header (&b, kol);
      add_personal_and_contact (&b, kol);
      add_business (&b, kol);
      add_channels (&b, kol);
      add_cooperation (&b, kol);
      add_upkeep (&b, kol);
      add_timeline (&b, kol);
      add_stage_history (&b, kol);
      add_notes (&b, kol);

      n_pages = self->pages->len - first_page;
      g_array_append_val (self->kol_n_pages, n_pages);
    }

  add_footers (&b);

  for (guint i = 0; i < N_STYLES; i++)
    pango_font_description_free (b.fonts[i]);

  return self->pages->len;
}

guint
kdx_dossier_get_n_pages (KdxDossier *self)
{
  g_return_val_if_fail (KDX_IS_DOSSIER (self), 0);
  return self->pages->len;
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
          cairo_set_source_rgb (cr, white[0], white[1], white[2]);
          cairo_move_to (cr, op->x, op->y + (op->height - pango_units_to_double (height)) / 2);
          pango_cairo_show_layout (cr, op->layout);
        }
    }
  cairo_restore (cr);
}

/* Draws page @page (from 0) of the last layout, in points from the top
 * left corner of the sheet. */
void
kdx_dossier_draw_page (KdxDossier *self,
                       cairo_t    *cr,
                       guint       page)
{
  Page *p;

  g_return_if_fail (KDX_IS_DOSSIER (self));
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
        default:
          g_assert_not_reached ();
        }
    }
  cairo_restore (cr);
  cairo_new_path (cr);
}

typedef struct
{
  FILE    *file;
  gboolean failed;
} WriteTarget;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  WriteTarget *target = closure;

  if (fwrite (data, 1, length, target->file) != length)
    {
      target->failed = TRUE;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
set_file_error (GError    **error,
                const char *path,
                int         saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

static void
render_pdf (KdxDossier      *self,
            cairo_surface_t *surface,
            double           width,
            double           height,
            GCancellable    *cancellable)
{
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Metrics as designed, not snapped to a screen's pixels: the text
   * measured is the text drawn. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  kdx_dossier_layout (self, context, width, height);

  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = self->pages->pdata[i];

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (page->page_in_kol == 0)
        {
          KdxKol *kol = self->kols->pdata[page->kol_index];
          g_autofree char *link = g_strdup_printf ("page=%u", i + 1);

          /* A bookmark per KOL, so a stack of dossiers can be navigated. */
          cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT,
                                         kdx_kol_get_display_name (kol), link, 0);
        }
      kdx_dossier_draw_page (self, cr, i);
      cairo_show_page (cr);
    }

  g_object_unref (context);
  cairo_destroy (cr);
}

/**
 * kdx_dossier_write_pdf:
 *
 * Writes the dossiers as a PDF on the dossier's paper. The file appears
 * whole or not at all: it is written next to @path under another name and
 * renamed when complete. Like the database it is readable by its owner
 * only, since it holds personal data. Fails with G_IO_ERROR codes.
 */
gboolean
kdx_dossier_write_pdf (KdxDossier    *self,
                       const char    *path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_name = NULL;
  g_autofree char *tmp_path = NULL;
  WriteTarget target = { NULL, FALSE };
  cairo_surface_t *surface;
  cairo_status_t status;
  double width, height;
  int fd;
  int saved_errno;

  g_return_val_if_fail (KDX_IS_DOSSIER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_name = g_strdup_printf (".%s.XXXXXX", base);
  tmp_path = g_build_filename (dir, tmp_name, NULL);

  fd = g_mkstemp_full (tmp_path, O_WRONLY, 0600);
  if (fd < 0)
    return set_file_error (error, path, errno);
  target.file = fdopen (fd, "wb");
  if (target.file == NULL)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (tmp_path);
      return set_file_error (error, path, saved_errno);
    }

  kdx_paper_get_size (self->paper, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (write_cb, &target, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  self->kols->len == 1
                                    ? kdx_kol_get_display_name (self->kols->pdata[0])
                                    : _("KOL dossiers"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Koldex " PACKAGE_VERSION);

  render_pdf (self, surface, width, height, cancellable);

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  saved_errno = 0;
  if (fflush (target.file) != 0 || fsync (fileno (target.file)) != 0)
    saved_errno = errno;
  if (fclose (target.file) != 0 && saved_errno == 0)
    saved_errno = errno;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (tmp_path);
      return FALSE;
    }
  if (saved_errno == 0 && (target.failed || status != CAIRO_STATUS_SUCCESS))
    saved_errno = target.failed ? EIO : ENOMEM;
  if (saved_errno != 0)
    {
      g_unlink (tmp_path);
      return set_file_error (error, path, saved_errno);
    }

  if (g_rename (tmp_path, path) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp_path);
      return set_file_error (error, path, saved_errno);
    }
  return TRUE;
}
