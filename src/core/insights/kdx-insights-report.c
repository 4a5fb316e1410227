/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-insights"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <sys/stat.h>
#include <xlsxwriter.h>

#include "kdx-chart.h"
#include "kdx-enum-types.h"
#include "kdx-error.h"
#include "kdx-export.h"
#include "kdx-insights-report.h"
#include "kdx-page-flow.h"

/* "Save Report" (issue 11, item 3). The PDF is laid out with the
 * dossier's KdxPageFlow on A4 landscape: a title, then per section its
 * headline numbers, and per chart the chart (drawn by kdx-chart-bars.c
 * into a recording surface, so it stays vector) and its table. The XLSX
 * has the same tables, one sheet each. Both go through a
 * KdxExportTarget: written beside the file, renamed when whole. */

#define A4_LANDSCAPE_WIDTH  841.89
#define A4_LANDSCAPE_HEIGHT 595.28
/* The stuck KOLs a PDF lists, longest first. */
#define MAX_STUCK_ROWS 40

/* Paper colours: GNOME's blue for bars, the page flow's ink, white. */
static const KdxChartStyle paper_style = {
  .accent = { 0.208, 0.518, 0.894, 1.0 },
  .foreground = { 0.141, 0.122, 0.192, 1.0 },
  .background = { 1.0, 1.0, 1.0, 1.0 },
  .font = NULL,
};

gboolean
kdx_insights_report_format_for_path (const char               *path,
                                     KdxInsightsReportFormat  *format,
                                     GError                  **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".pdf"))
    *format = KDX_INSIGHTS_REPORT_PDF;
  else if (g_str_has_suffix (lower, ".xlsx"))
    *format = KDX_INSIGHTS_REPORT_XLSX;
  else
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                   _("Cannot save the report as %s: the name must end in .pdf or .xlsx"),
                   display);
      return FALSE;
    }
  return TRUE;
}

/* "Owner li, tier Head": what the filter keeps, or NULL for everyone. */
static char *
filter_text (const KdxInsightsFilter *filter)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (filter->owner != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("Owner: %s"), filter->owner));
  if (filter->tier >= 0)
    g_ptr_array_add (parts, g_strdup_printf (_("Tier: %s"),
                                             kdx_enum_get_label (kdx_tier_get_type (),
                                                                 filter->tier)));
  if (filter->category != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("Category: %s"), filter->category));
  if (filter->source >= 0)
    g_ptr_array_add (parts, g_strdup_printf (_("Source: %s"),
                                             kdx_enum_get_label (kdx_source_get_type (),
                                                                 filter->source)));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

/* The headline numbers of a section, in a sentence. */
static char *
section_summary (KdxInsights        *insights,
                 KdxInsightsSection  section)
{
  if (section == KDX_INSIGHTS_SECTION_OUTREACH)
    {
      gint64 attempts, approached, agreed;
      double rate;

      kdx_insights_get_outreach (insights, &attempts, &approached, &agreed, &rate);
      if (approached == 0)
        return g_strdup (_("Nobody was approached in this period."));
      /* Translators: the success rate, KOLs agreed, approached, attempts */
      return g_strdup_printf (_("Success rate %.0f %%: %d of %d KOLs approached agreed, in %d "
                                "attempts. 30-40 %% is good."),
                              rate * 100.0, (int) agreed, (int) approached, (int) attempts);
    }
  if (section == KDX_INSIGHTS_SECTION_CHURN)
    {
      gint64 departed;
      double median;

      kdx_insights_get_churn (insights, &departed, &median);
      if (isnan (median))
        return g_strdup_printf (_("%d KOLs departed."), (int) departed);
      return g_strdup_printf (_("%d KOLs departed, a median of %.1f days after they were "
                                "onboarded."), (int) departed, median);
    }
  return NULL;
}

static void
add_table (KdxPageFlow      *flow,
           KdxInsightsChart *chart)
{
  g_auto(GStrv) heads = kdx_insights_chart_get_headings (chart);
  guint n = g_strv_length (heads);
  g_autofree KdxFlowColumn *columns = g_new0 (KdxFlowColumn, n);

  for (guint c = 0; c < n; c++)
    {
      columns[c].title = heads[c];
      /* The first column names the row; numbers right-aligned. */
      columns[c].fraction = c == 0 ? 0.4 : 0.6 / (n - 1);
      columns[c].alignment = c == 0 || (chart->section == KDX_INSIGHTS_SECTION_PACE && c == 1)
                             || (chart->section == KDX_INSIGHTS_SECTION_COST && c == 1
                                 && chart->id != KDX_INSIGHTS_COST_PER_ACTIVE)
                               ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
    }
  kdx_page_flow_begin_table (flow, columns, n);
  for (guint i = 0; i < chart->bars->len; i++)
    {
      g_auto(GStrv) cells = kdx_insights_bar_get_cells (chart, g_ptr_array_index (chart->bars, i));
      kdx_page_flow_add_table_text_row (flow, (const char *const *) cells);
    }
  kdx_page_flow_end_table (flow);
}

/* Below the running head of a continued page. */
#define PAGE_TOP_ROOM 30.0

/* The chart's title and its first rows in one drawing, so a title is never
 * left at the foot of a page without its chart; the rest in pieces. */
static void
add_chart (KdxPageFlow      *flow,
           PangoContext     *context,
           KdxInsightsChart *chart)
{
  double width = kdx_page_flow_get_content_width (flow) * 0.75;
  /* The charts' text in the tables' font. */
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 8");
  g_autoptr(PangoFontDescription) bold = pango_font_description_from_string ("Sans Bold 9");
  KdxChartStyle style = paper_style;
  guint n_bars = MAX (1u, chart->bars->len);
  double bottom = A4_LANDSCAPE_HEIGHT - KDX_PAGE_FLOW_MARGIN_BOTTOM;
  double page_room = bottom - KDX_PAGE_FLOW_MARGIN_TOP - PAGE_TOP_ROOM;
  double row, scale;
  guint n;

  style.font = font;
  row = kdx_chart_get_row_height (chart, context, &style, width);
  /* A success rate's scale, as on screen, above every piece of it. */
  scale = kdx_chart_get_scale_height (chart, context, &style, width);
  for (guint first = 0; first < n_bars; first += n)
    {
      double title = 0;
      double room;
      g_autoptr(PangoLayout) layout = NULL;
      cairo_rectangle_t extents;
      cairo_surface_t *recording;
      cairo_t *cr;

      if (first == 0)
        {
          int h;
          layout = pango_layout_new (context);
          pango_layout_set_font_description (layout, bold);
          pango_layout_set_text (layout, chart->title, -1);
          pango_layout_get_size (layout, NULL, &h);
          title = (double) h / PANGO_SCALE + 4;
        }
      /* As many rows as fit where the flow is (a few at least, else on
       * the next page), then a page's worth at a time. */
      room = bottom - kdx_page_flow_get_y (flow) - title - scale;
      if (room < row * MIN (n_bars - first, 3u))
        room = page_room - title - scale;
      n = MIN (n_bars - first, (guint) MAX (1.0, floor (room / row)));
      extents = (cairo_rectangle_t) { 0, 0, width, title + scale + row * n };
      recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
      cr = cairo_create (recording);
      if (layout != NULL)
        {
          cairo_set_source_rgba (cr, style.foreground.red, style.foreground.green,
                                 style.foreground.blue, style.foreground.alpha);
          cairo_move_to (cr, 0, 0);
          pango_cairo_show_layout (cr, layout);
        }
      cairo_translate (cr, 0, title);
      kdx_chart_draw_scale (chart, cr, context, &style, width);
      cairo_translate (cr, 0, scale);
      kdx_chart_draw_rows (chart, cr, context, &style, width, first, n);
      cairo_destroy (cr);
      kdx_page_flow_add_drawing (flow, recording, extents.height);
      cairo_surface_destroy (recording);
    }
  kdx_page_flow_skip (flow, 6);
  if (chart->bars->len > 0)
    add_table (flow, chart);
  if (chart->not_recorded > 0)
    {
      g_autofree char *note = g_strdup_printf (
        _("%d not recorded, left out of the shares."), (int) chart->not_recorded);
      kdx_page_flow_add_note (flow, note);
    }
  kdx_page_flow_skip (flow, 10);
}

static void
add_stuck (KdxPageFlow *flow,
           KdxInsights *insights)
{
  static const KdxFlowColumn columns[] = {
    { N_("KOL"), 0.35, PANGO_ALIGN_LEFT },
    { N_("Owner"), 0.2, PANGO_ALIGN_LEFT },
    { N_("Stage"), 0.15, PANGO_ALIGN_LEFT },
    { N_("Days"), 0.15, PANGO_ALIGN_RIGHT },
    { N_("Median days"), 0.15, PANGO_ALIGN_RIGHT },
  };
  KdxFlowColumn translated[G_N_ELEMENTS (columns)];
  GPtrArray *stuck = kdx_insights_get_stuck (insights);

  kdx_page_flow_add_text (flow, KDX_TEXT_STYLE_FACT, _("Stuck: more than twice the median"),
                          kdx_page_flow_get_left (flow), kdx_page_flow_get_content_width (flow), 4);
  if (stuck->len == 0)
    {
      kdx_page_flow_add_note (flow, _("No KOL is stuck."));
      return;
    }
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      translated[c] = columns[c];
      translated[c].title = _(columns[c].title);
    }
  kdx_page_flow_begin_table (flow, translated, G_N_ELEMENTS (translated));
  /* The longest first; all of them are in the XLSX and the app. */
  for (guint i = 0; i < MIN (stuck->len, MAX_STUCK_ROWS); i++)
    {
      KdxInsightsStuck *s = g_ptr_array_index (stuck, i);
      g_autofree char *days = g_strdup_printf ("%.1f", s->days);
      g_autofree char *median = g_strdup_printf ("%.1f", s->median);
      const char *row[] = { s->display_name, s->owner != NULL ? s->owner : "",
                            kdx_stage_get_label (s->stage), days, median };
      kdx_page_flow_add_table_text_row (flow, row);
    }
  kdx_page_flow_end_table (flow);
  if (stuck->len > MAX_STUCK_ROWS)
    {
      g_autofree char *more = g_strdup_printf (_("And %d more: the XLSX report lists them all."),
                                               (int) (stuck->len - MAX_STUCK_ROWS));
      kdx_page_flow_add_note (flow, more);
    }
}

static void
lay_out (KdxPageFlow  *flow,
         PangoContext *context,
         KdxInsights  *insights)
{
  g_autofree char *period = kdx_insights_period_get_label (kdx_insights_get_period (insights));
  g_autofree char *title = g_strdup_printf (_("Insights: %s"), period);
  g_autofree char *filter = filter_text (kdx_insights_get_filter (insights));

  kdx_page_flow_begin_document (flow, title);
  kdx_page_flow_add_text (flow, KDX_TEXT_STYLE_NAME, title, kdx_page_flow_get_left (flow),
                          kdx_page_flow_get_content_width (flow), 4);
  kdx_page_flow_add_text (flow, KDX_TEXT_STYLE_SUBTITLE,
                          filter != NULL ? filter : _("All KOLs"),
                          kdx_page_flow_get_left (flow), kdx_page_flow_get_content_width (flow), 8);

  for (guint s = 0; s < KDX_INSIGHTS_N_SECTIONS; s++)
    {
      g_autofree char *summary = section_summary (insights, s);

      /* A section starts on a new page rather than leave its heading
       * with no room for a chart below it. */
      if (kdx_page_flow_get_y (flow) > A4_LANDSCAPE_HEIGHT - KDX_PAGE_FLOW_MARGIN_BOTTOM - 140)
        kdx_page_flow_set_y (flow, A4_LANDSCAPE_HEIGHT);
      kdx_page_flow_add_heading (flow, kdx_insights_section_get_title (s));
      if (summary != NULL)
        kdx_page_flow_add_paragraphs (flow, summary);
      for (guint c = 0; c < KDX_INSIGHTS_N_CHARTS; c++)
        {
          KdxInsightsChart *chart = kdx_insights_get_chart (insights, c);
          if (chart->section == s)
            add_chart (flow, context, chart);
        }
      if (s == KDX_INSIGHTS_SECTION_TIME_IN_STAGE)
        add_stuck (flow, insights);
    }
  kdx_page_flow_end_document (flow);
}

KdxPageFlow *
kdx_insights_report_lay_out (KdxInsights  *insights,
                             PangoContext *context,
                             double        width,
                             double        height)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  KdxPageFlow *flow;

  g_return_val_if_fail (insights != NULL, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  flow = kdx_page_flow_new (context, width, height);
  lay_out (flow, context, insights);
  kdx_page_flow_add_footers (flow, now, NULL);
  return flow;
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  KdxExportTarget *target = closure;

  return kdx_export_target_write (target, data, length, NULL) ? CAIRO_STATUS_SUCCESS
                                                              : CAIRO_STATUS_WRITE_ERROR;
}

static gboolean
write_pdf (KdxInsights      *insights,
           KdxExportTarget  *target,
           const char       *path,
           GError          **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (write_cb, target,
                                                                  A4_LANDSCAPE_WIDTH,
                                                                  A4_LANDSCAPE_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();
  g_autoptr(KdxPageFlow) flow = NULL;
  cairo_status_t status;

  /* Metrics as designed, not snapped to a screen: measured is drawn. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Insights"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Koldex " PACKAGE_VERSION);

  flow = kdx_insights_report_lay_out (insights, context, A4_LANDSCAPE_WIDTH, A4_LANDSCAPE_HEIGHT);
  for (guint i = 0; i < kdx_page_flow_get_n_pages (flow); i++)
    {
      kdx_page_flow_draw_page (flow, cr, i);
      cairo_show_page (cr);
    }
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write %s: %s"), display,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* A sheet name: at most 31 characters, none of []:*?/\, unique. */
static char *
sheet_name (const char *title,
            GHashTable *used)
{
  g_autoptr(GString) name = g_string_new (NULL);
  glong n = 0;

  for (const char *p = title; *p != '\0' && n < 28; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      g_string_append_unichar (name, strchr ("[]:*?/\\", (int) c) != NULL && c < 128 ? '-' : c);
    }
  for (guint i = 2; g_hash_table_contains (used, name->str); i++)
    {
      g_string_truncate (name, 0);
      g_string_append_printf (name, "%.24s %u", title, i);
    }
  g_hash_table_add (used, g_strdup (name->str));
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static lxw_error
write_sheet (lxw_workbook *workbook,
             lxw_format   *bold,
             GHashTable   *used,
             const char   *title,
             GStrv         heads,
             GPtrArray    *rows)
{
  g_autofree char *name = sheet_name (title, used);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, name);
  lxw_error result = LXW_NO_ERROR;

  if (sheet == NULL)
    return LXW_ERROR_MEMORY_MALLOC_FAILED;
  for (guint c = 0; heads[c] != NULL && result == LXW_NO_ERROR; c++)
    {
      result = worksheet_write_string (sheet, 0, c, heads[c], bold);
      worksheet_set_column (sheet, c, c, c == 0 ? 28 : 16, NULL);
    }
  for (guint r = 0; r < rows->len && result == LXW_NO_ERROR; r++)
    {
      GStrv cells = g_ptr_array_index (rows, r);
      for (guint c = 0; cells[c] != NULL && result == LXW_NO_ERROR; c++)
        {
          char *end = NULL;
          double number = g_ascii_strtod (cells[c], &end);

          /* Plain numbers stay numbers, so a spreadsheet can sum them. */
          if (c > 0 && end != cells[c] && *end == '\0')
            result = worksheet_write_number (sheet, r + 1, c, number, NULL);
          else
            result = worksheet_write_string (sheet, r + 1, c, cells[c], NULL);
        }
    }
  worksheet_freeze_panes (sheet, 1, 0);
  return result;
}

static gboolean
write_xlsx (KdxInsights  *insights,
            const char   *temp_path,
            const char   *path,
            GError      **error)
{
  lxw_workbook *workbook = workbook_new (temp_path);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lxw_format *bold;
  lxw_error result = LXW_NO_ERROR;
  GPtrArray *stuck = kdx_insights_get_stuck (insights);

  if (workbook == NULL)
    result = LXW_ERROR_CREATING_XLSX_FILE;
  else
    {
      bold = workbook_add_format (workbook);
      format_set_bold (bold);
      for (guint c = 0; c < KDX_INSIGHTS_N_CHARTS && result == LXW_NO_ERROR; c++)
        {
          KdxInsightsChart *chart = kdx_insights_get_chart (insights, c);
          g_auto(GStrv) heads = kdx_insights_chart_get_headings (chart);
          g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

          for (guint i = 0; i < chart->bars->len; i++)
            g_ptr_array_add (rows, kdx_insights_bar_get_cells (chart,
                                                               g_ptr_array_index (chart->bars, i)));
          result = write_sheet (workbook, bold, used, chart->title, heads, rows);
        }
      if (result == LXW_NO_ERROR)
        {
          g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
          g_autoptr(GStrvBuilder) heads = g_strv_builder_new ();
          g_auto(GStrv) head_strv = NULL;

          g_strv_builder_add_many (heads, _("KOL"), _("Owner"), _("Stage"), _("Days"),
                                   _("Median days"), NULL);
          head_strv = g_strv_builder_end (heads);
          for (guint i = 0; i < stuck->len; i++)
            {
              KdxInsightsStuck *s = g_ptr_array_index (stuck, i);
              g_autoptr(GStrvBuilder) cells = g_strv_builder_new ();
              g_autofree char *days = g_strdup_printf ("%.1f", s->days);
              g_autofree char *median = g_strdup_printf ("%.1f", s->median);

              g_strv_builder_add_many (cells, s->display_name, s->owner != NULL ? s->owner : "",
                                       kdx_stage_get_label (s->stage), days, median, NULL);
              g_ptr_array_add (rows, g_strv_builder_end (cells));
            }
          result = write_sheet (workbook, bold, used, _("Stuck"), head_strv, rows);
        }
      {
        lxw_error closed = workbook_close (workbook);
        if (result == LXW_NO_ERROR)
          result = closed;
      }
    }
  if (result != LXW_NO_ERROR)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write %s: %s"), display,
                   lxw_strerror (result));
      return FALSE;
    }
  return TRUE;
}

gboolean
kdx_insights_report_write (KdxInsights              *insights,
                           KdxInsightsReportFormat   format,
                           const char               *path,
                           GError                  **error)
{
  g_autoptr(KdxExportTarget) target = NULL;

  g_return_val_if_fail (insights != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Names of KOLs are personal data: kept to the owner, as the database,
   * from the file's creation; a report of numbers only follows the umask. */
  if ((target = kdx_export_target_open (path, kdx_insights_lists_names (insights), error)) == NULL)
    return FALSE;
  if (format == KDX_INSIGHTS_REPORT_PDF)
    {
      if (!write_pdf (insights, target, path, error))
        return FALSE;
    }
  else if (!write_xlsx (insights, kdx_export_target_get_temp_path (target), path, error))
    return FALSE;
  return kdx_export_target_commit (target, error);
}
