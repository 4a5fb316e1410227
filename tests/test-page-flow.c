/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-page-flow"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "kdx-page-flow.h"

/* The page-flow engine on its own, with documents that are no KOL file:
 * what a report other than the dossier gets from it. The dossier's own
 * tests (test-dossier.c) check what it prints for a KOL. */

#define N_ROWS 150

/* The text of a PDF, pages separated by form feeds, as pdftotext reads it. */
static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-layout", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &text, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (wait_status, &error);
  g_assert_no_error (error);
  return text;
}

/* Where @what is in @text, and that it is there once only. */
static gsize
find_once (const char *text,
           const char *what)
{
  const char *found = strstr (text, what);

  if (found == NULL || strstr (found + 1, what) != NULL)
    g_error ("expected “%s” once in the PDF text", what);
  return found - text;
}

/* Two documents: a long one (a table of N_ROWS rows, then paragraphs)
 * and a short one, laid out on A5 so the first runs over pages. */
static KdxPageFlow *
lay_out (cairo_t *cr)
{
  static const KdxFlowColumn columns[] = {
    { "Item", 0.3, PANGO_ALIGN_LEFT },
    { "Amount", 0.2, PANGO_ALIGN_RIGHT },
    { "Remark", 0.5, PANGO_ALIGN_LEFT },
  };
  PangoContext *context = pango_cairo_create_context (cr);
  KdxPageFlow *flow = kdx_page_flow_new (context, 420, 595);
  g_autoptr(GArray) pairs = kdx_flow_pairs_new ();
  g_autoptr(GArray) long_pairs = kdx_flow_pairs_new ();
  g_autoptr(GString) paragraphs = g_string_new (NULL);
  g_autoptr(GDateTime) when = g_date_time_new_local (2025, 3, 4, 9, 30, 0);

  g_object_unref (context);

  kdx_page_flow_begin_document (flow, "Quarterly report");
  kdx_flow_pairs_add_take (pairs, "Quarter", g_strdup ("Q1"));
  kdx_flow_pairs_add_take (pairs, "Missing", NULL);
  kdx_flow_pairs_add_take (pairs, "Owner", g_strdup ("Li Na"));
  kdx_flow_pairs_add_take (long_pairs, "Summary", g_strdup ("A quarter of steady growth."));
  kdx_page_flow_add_field_section (flow, "Overview", pairs, long_pairs);
  g_assert_cmpuint (pairs->len, ==, 0);

  kdx_page_flow_add_heading (flow, "Items");
  kdx_page_flow_begin_table (flow, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autofree char *item = g_strdup_printf ("item-%03u", i);
      g_autofree char *amount = g_strdup_printf ("%u", i * 7);
      const char *cells[] = { item, amount, i % 10 == 0 ? "a remark long enough to wrap onto a second line of its cell" : "" };

      kdx_page_flow_add_table_row (flow, cells);
    }
  kdx_page_flow_end_table (flow);

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (paragraphs, "Paragraph %u: the text flows on, line by line, "
                            "and nothing of it is ever clipped at the foot of a page.\n", i);
  kdx_page_flow_add_heading (flow, "Notes");
  kdx_page_flow_add_paragraphs (flow, paragraphs->str);
  kdx_page_flow_end_document (flow);

  kdx_page_flow_begin_document (flow, "Short memo");
  kdx_page_flow_add_heading (flow, "Memo");
  kdx_page_flow_add_note (flow, "Nothing else to say.");
  kdx_page_flow_end_document (flow);

  kdx_page_flow_add_footers (flow, when, "For internal use.");
  return flow;
}

static void
test_documents (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-page-flow-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 420, 595);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(KdxPageFlow) flow = lay_out (cr);
  guint n_pages = kdx_page_flow_get_n_pages (flow);
  guint n_first = 0;
  g_autofree char *text = NULL;
  g_auto(GStrv) pages = NULL;
  gsize last = 0;

  /* Pages are numbered within their document. */
  g_assert_cmpuint (n_pages, >=, 4);
  for (guint i = 0; i < n_pages; i++)
    {
      guint document, page_in_document;

      kdx_page_flow_get_page_document (flow, i, &document, &page_in_document);
      if (document == 0)
        {
          g_assert_cmpuint (page_in_document, ==, i);
          n_first++;
        }
      else
        {
          g_assert_cmpuint (document, ==, 1);
          g_assert_cmpuint (page_in_document, ==, i - n_first);
        }
    }
  g_assert_cmpuint (n_first, ==, n_pages - 1);

  for (guint i = 0; i < n_pages; i++)
    {
      kdx_page_flow_draw_page (flow, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  text = pdf_text (path);
  pages = g_strsplit (text, "\f", -1);
  g_assert_cmpuint (g_strv_length (pages), >=, n_pages);

  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *page_of = g_strdup_printf ("Page %u of %u", i < n_first ? i + 1 : i - n_first + 1,
                                                  i < n_first ? n_first : 1);
      const char *title = i < n_first ? "Quarterly report" : "Short memo";

      /* Every page says whose it is, which of how many, and the notice. */
      g_assert_nonnull (strstr (pages[i], page_of));
      g_assert_nonnull (strstr (pages[i], title));
      g_assert_nonnull (strstr (pages[i], "Printed 2025-03-04 09:30"));
      g_assert_nonnull (strstr (pages[i], "For internal use."));
      /* A continued page says so at its head; a first page does not. */
      if (i > 0 && i < n_first)
        g_assert_nonnull (strstr (pages[i], "Quarterly report (continued)"));
      else
        g_assert_null (strstr (pages[i], "(continued)"));
      /* The table's head repeats on every page it runs onto. */
      if (strstr (pages[i], "item-") != NULL)
        g_assert_nonnull (strstr (pages[i], "Amount"));
    }

  /* The fields with a value, none without. */
  g_assert_nonnull (strstr (pages[0], "Quarter"));
  g_assert_nonnull (strstr (pages[0], "Li Na"));
  g_assert_null (strstr (text, "Missing"));

  /* Every row and every paragraph is there, in order: flowing across
   * pages loses and repeats nothing. */
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autofree char *item = g_strdup_printf ("item-%03u", i);
      gsize at = find_once (text, item);

      g_assert_true (i == 0 || at > last);
      last = at;
    }
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *paragraph = g_strdup_printf ("Paragraph %u:", i);
      gsize at = find_once (text, paragraph);

      g_assert_true (at > last);
      last = at;
    }
  g_assert_nonnull (strstr (pages[n_pages - 1], "Nothing else to say."));

  g_assert_finalize_object (g_steal_pointer (&flow));
  g_unlink (path);
  g_rmdir (dir);
}

/* Text beside a picture, a band behind a row: the position can be moved
 * and read back, and the band only covers what is inside it. */
static void
test_position (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 420, 595);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(KdxPageFlow) flow = lay_out (cr);
  g_autoptr(KdxPageFlow) other = NULL;
  PangoContext *context = pango_cairo_create_context (cr);
  g_autoptr(GDateTime) when = g_date_time_new_local (2025, 3, 4, 9, 30, 0);
  double top;

  g_assert_false (kdx_page_flow_page_size_fits (80, 595));
  g_assert_false (kdx_page_flow_page_size_fits (420, 150));
  g_assert_true (kdx_page_flow_page_size_fits (420, 595));

  other = kdx_page_flow_new (context, 420, 595);
  g_object_unref (context);
  g_assert_cmpfloat (kdx_page_flow_get_left (other), ==, KDX_PAGE_FLOW_MARGIN_SIDE);
  g_assert_cmpfloat (kdx_page_flow_get_right (other), ==, 420 - KDX_PAGE_FLOW_MARGIN_SIDE);
  g_assert_cmpfloat (kdx_page_flow_get_content_width (other), ==, 420 - 2 * KDX_PAGE_FLOW_MARGIN_SIDE);

  kdx_page_flow_begin_document (other, "Picture");
  top = kdx_page_flow_get_y (other);
  g_assert_cmpfloat (top, ==, KDX_PAGE_FLOW_MARGIN_TOP);
  /* No PNG: initials in a circle, and the position stays for text beside it. */
  kdx_page_flow_add_picture (other, 60, NULL, "AB");
  g_assert_cmpfloat (kdx_page_flow_get_y (other), ==, top);
  kdx_page_flow_add_text (other, KDX_TEXT_STYLE_NAME, "A name", 120, 200, 0);
  g_assert_cmpfloat (kdx_page_flow_get_y (other), >, top);
  kdx_page_flow_set_y (other, top + 70);
  kdx_page_flow_skip (other, 5);
  g_assert_cmpfloat (kdx_page_flow_get_y (other), ==, top + 75);
  kdx_page_flow_begin_band (other);
  kdx_page_flow_add_text (other, KDX_TEXT_STYLE_FACT, "In the band", 50, 200, 0);
  kdx_page_flow_end_band (other);
  kdx_page_flow_end_document (other);
  kdx_page_flow_add_footers (other, when, "Notice");
  g_assert_cmpuint (kdx_page_flow_get_n_pages (other), ==, 1);

  kdx_page_flow_draw_page (other, cr, 0);
  kdx_page_flow_draw_page (flow, cr, 0);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/page-flow/documents", test_documents);
  g_test_add_func ("/page-flow/position", test_position);

  return g_test_run ();
}
