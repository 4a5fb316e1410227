/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-insights-ui"

#include "config.h"

#include <string.h>

#include "kdx-ui-test.h"

#include "kdx-chart-area.h"
#include "kdx-date-picker.h"
#include "kdx-insights-card.h"
#include "kdx-insights-view.h"
#include "kdx-kol.h"
#include "kdx-preferences-window.h"
#include "kdx-stage-entry.h"
#include "kdx-test-util.h"

/* Insights driven as an operator drives it: Alt+4 opens it, a funnel
 * step opens the List on exactly its KOLs, Save Report writes a PDF, and
 * Preferences keeps the pace targets. The day is fixed (KOLDEX_TODAY, set
 * in main()). */

#define TODAY "2026-03-20"

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* A KOL with a dated stage history (kdx_test_kol_with_history()), stored. */
static gint64
add_with_history (KdxStore   *store,
                  const char *name,
                  const char *history)
{
  g_autoptr(KdxKol) kol = kdx_test_kol_with_history (name, history);

  return kdx_ui_store_kol (store, kol);
}

/* This month (March 2026): Nina and Olga reached Negotiating (Olga went
 * on to Onboarding), Carl stopped at Contacting, Cora is a candidate.
 * Gus reached Negotiating last year: only All Time counts him. */
static void
add_funnel_fixture (KdxUiFixture *fixture)
{
  add_with_history (fixture->store, "Negotiating Nina",
                    "candidate@2026-03-02 contacting@2026-03-05 negotiating@2026-03-10");
  add_with_history (fixture->store, "Onboarded Olga 小美",
                    "candidate@2026-03-01 contacting@2026-03-03 negotiating@2026-03-08 onboarding@2026-03-15");
  add_with_history (fixture->store, "Contacted Carl", "candidate@2026-03-04 contacting@2026-03-09");
  add_with_history (fixture->store, "Candidate Cora", "candidate@2026-03-12");
  add_with_history (fixture->store, "Old Gus",
                    "candidate@2025-06-01 contacting@2025-06-05 negotiating@2025-07-01");
}

/* From the database, not from Insights: the KOLs whose stage history
 * entered @stage or a later stage of the main path on a day from @from
 * (NULL: any) to TODAY. */
static GArray *
stored_ids_reaching (KdxStore   *store,
                     KdxStage    stage,
                     const char *from)
{
  g_autoptr(GArray) all = kdx_store_query_ids (store, NULL, NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_nonnull (all);
  for (guint i = 0; i < all->len; i++)
    {
      gint64 id = g_array_index (all, gint64, i);
      g_autoptr(KdxKol) kol = kdx_ui_load_kol (store, id);
      GListModel *history = G_LIST_MODEL (kdx_kol_get_stage_history (kol));
      gboolean reached = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (history); j++)
        {
          g_autoptr(KdxStageEntry) entry = g_list_model_get_item (history, j);
          KdxStage entered = kdx_stage_entry_get_stage (entry);
          const char *at = kdx_stage_entry_get_at (entry);

          if (entered >= stage && entered <= KDX_STAGE_MATURE
              && (from == NULL || strcmp (at, from) >= 0) && strncmp (at, TODAY, 10) <= 0)
            reached = TRUE;
        }
      if (reached)
        g_array_append_val (ids, id);
    }
  g_array_sort (ids, compare_ids);
  return ids;
}

/* The ids the List's model holds, ascending. */
static GArray *
listed_ids (KdxUiFixture *fixture)
{
  KdxKolList *list = kdx_list_view_get_list (kdx_window_get_list_view (fixture->window));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      gint64 id = kdx_kol_list_get_id (list, i);
      g_array_append_val (ids, id);
    }
  g_array_sort (ids, compare_ids);
  return ids;
}

static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  tooltip)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
insights_counted (gpointer user_data)
{
  KdxUiFixture *fixture = user_data;
  KdxInsightsView *view = KDX_INSIGHTS_VIEW (kdx_window_get_insights_view (fixture->window));
  KdxInsightsTracker *tracker = kdx_insights_view_get_tracker (view);

  return kdx_insights_tracker_get_insights (tracker) != NULL && !kdx_insights_tracker_get_busy (tracker);
}

static const char *
visible_view (KdxUiFixture *fixture)
{
  GtkWidget *stack = kdx_ui_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK, NULL);

  return adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack));
}

/* Alt+4, as the shortcuts window lists it; returns once the numbers of
 * the period shown (This Month at first) are counted. */
static KdxInsightsView *
open_insights (KdxUiFixture *fixture)
{
  KdxInsightsView *view = KDX_INSIGHTS_VIEW (kdx_window_get_insights_view (fixture->window));

  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_4, GDK_ALT_MASK));
  g_assert_cmpstr (visible_view (fixture), ==, "insights");
  kdx_ui_wait_until (insights_counted, fixture, 30000);
  return view;
}

/* Picks @position of the period chooser (the first chooser of the view's
 * bar) and waits for the numbers. */
static void
choose_period (KdxUiFixture    *fixture,
               KdxInsightsView *view,
               guint            position)
{
  GtkDropDown *period = GTK_DROP_DOWN (kdx_ui_find_widget (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN, NULL));

  gtk_drop_down_set_selected (period, position);
  kdx_ui_wait_until (insights_counted, fixture, 30000);
}

/* The funnel card's table row of the stage @key, checked to stand for
 * @count KOLs; shows the table first, as its button does. */
static GtkListBoxRow *
funnel_row (KdxInsightsView *view,
            const char      *key,
            gint64           count)
{
  KdxInsightsCard *card = KDX_INSIGHTS_CARD (kdx_insights_view_get_card (view, KDX_INSIGHTS_FUNNEL));
  KdxInsightsChart *chart = kdx_chart_area_get_chart (KDX_CHART_AREA (kdx_insights_card_get_area (card)));
  GtkToggleButton *table_button =
    GTK_TOGGLE_BUTTON (kdx_ui_find_first (GTK_WIDGET (card), has_tooltip, "Show the Numbers as a Table"));
  GtkListBox *table = kdx_insights_card_get_table (card);

  g_assert_nonnull (chart);
  if (!gtk_toggle_button_get_active (table_button))
    kdx_ui_click (GTK_WIDGET (table_button));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (table)));
  for (guint i = 0; i < chart->bars->len; i++)
    {
      KdxInsightsBar *bar = g_ptr_array_index (chart->bars, i);

      if (g_str_equal (bar->key, key))
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (table, i);

          g_assert_cmpint (bar->count, ==, count);
          g_assert_true (gtk_list_box_row_get_activatable (row));
          return row;
        }
    }
  g_assert_not_reached ();
}

static gboolean
list_is_shown (gpointer user_data)
{
  return g_str_equal (visible_view (user_data), "list");
}

/* A bar's KOLs are looked up in a worker (item 2 of issue 11: a click at
 * 100,000 KOLs never freezes the window): just after the click the view
 * is still Insights, and the List comes when the worker answers. */
static void
wait_for_drill (KdxUiFixture *fixture)
{
  g_assert_cmpstr (visible_view (fixture), ==, "insights");
  kdx_ui_wait_until (list_is_shown, fixture, 30000);
}

static void
assert_list_shows (KdxUiFixture *fixture,
                   GArray       *expected)
{
  g_autoptr(GArray) shown = listed_ids (fixture);

  g_assert_cmpstr (visible_view (fixture), ==, "list");
  g_assert_cmpuint (shown->len, ==, expected->len);
  g_assert_cmpmem (shown->data, shown->len * sizeof (gint64), expected->data, expected->len * sizeof (gint64));
}

static void
test_funnel_step_shows_its_kols (KdxUiFixture  *fixture,
                                 gconstpointer  data)
{
  KdxInsightsView *view;
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GArray) shown = NULL;
  GtkWidget *show_all;

  add_funnel_fixture (fixture);
  view = open_insights (fixture);

  /* A screen reader hears the chart's title and its numbers. */
  {
    GtkWidget *area = kdx_insights_card_get_area (KDX_INSIGHTS_CARD (kdx_insights_view_get_card (view, KDX_INSIGHTS_FUNNEL)));
    KdxInsightsChart *chart = kdx_chart_area_get_chart (KDX_CHART_AREA (area));

    gtk_test_accessible_assert_role (area, GTK_ACCESSIBLE_ROLE_IMG);
    gtk_test_accessible_assert_property (area, GTK_ACCESSIBLE_PROPERTY_LABEL, chart->title);
    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  }

  /* Enter on This Month's Negotiating row: Nina and Olga. */
  g_signal_emit_by_name (funnel_row (view, "negotiating", 2), "activate");
  wait_for_drill (fixture);
  expected = stored_ids_reaching (fixture->store, KDX_STAGE_NEGOTIATING, "2026-03-01");
  g_assert_cmpuint (expected->len, ==, 2);
  assert_list_shows (fixture, expected);

  /* The bar says what the List shows, and Show All ends it. */
  show_all = kdx_ui_find_widget (GTK_WIDGET (kdx_window_get_list_view (fixture->window)), GTK_TYPE_BUTTON,
                                 "Show All");
  g_assert_nonnull (show_all);
  g_assert_true (gtk_widget_get_mapped (show_all));
  kdx_ui_click (show_all);
  shown = listed_ids (fixture);
  g_assert_cmpuint (shown->len, ==, 5);
  g_assert_false (gtk_widget_get_mapped (show_all));

  /* All Time counts Gus too. */
  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_4, GDK_ALT_MASK));
  choose_period (fixture, view, 4);
  g_signal_emit_by_name (funnel_row (view, "negotiating", 3), "activate");
  wait_for_drill (fixture);
  g_clear_pointer (&expected, g_array_unref);
  expected = stored_ids_reaching (fixture->store, KDX_STAGE_NEGOTIATING, NULL);
  g_assert_cmpuint (expected->len, ==, 3);
  assert_list_shows (fixture, expected);
}

static GtkEventController *
click_gesture_of (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        return controller;  /* the widget keeps it */
    }
  g_assert_not_reached ();
}

static gboolean
area_has_size (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_height (data) > 0;
}

/* A click on the drawn funnel step (where the core's hit-testing puts
 * it) does the same as the table's row. */
static void
test_funnel_click_on_chart (KdxUiFixture  *fixture,
                            gconstpointer  data)
{
  KdxInsightsView *view;
  KdxInsightsCard *card;
  KdxChartArea *area;
  KdxInsightsChart *chart;
  int width, target = -1;
  double hit_y = -1;
  g_autoptr(GArray) expected = NULL;

  add_funnel_fixture (fixture);
  view = open_insights (fixture);
  card = KDX_INSIGHTS_CARD (kdx_insights_view_get_card (view, KDX_INSIGHTS_FUNNEL));
  area = KDX_CHART_AREA (kdx_insights_card_get_area (card));
  chart = kdx_chart_area_get_chart (area);
  for (guint i = 0; i < chart->bars->len; i++)
    if (g_str_equal (((KdxInsightsBar *) g_ptr_array_index (chart->bars, i))->key, "contacting"))
      target = i;
  g_assert_cmpint (target, >=, 0);

  /* The chart is drawn once the card has its size. */
  kdx_ui_wait_until (area_has_size, area, 30000);

  /* Down the middle of the chart to the step. */
  width = gtk_widget_get_width (GTK_WIDGET (area));
  for (double y = 0; y < gtk_widget_get_height (GTK_WIDGET (area)) && hit_y < 0; y += 1)
    if (kdx_chart_area_hit (area, width / 2.0, y) == target)
      hit_y = y;
  g_assert_cmpfloat (hit_y, >=, 0);

  /* The area's click gesture, released on that point. */
  g_signal_emit_by_name (click_gesture_of (GTK_WIDGET (area)), "released", 1, width / 2.0, hit_y);
  wait_for_drill (fixture);

  /* Nina, Olga and Carl contacted this month. */
  expected = stored_ids_reaching (fixture->store, KDX_STAGE_CONTACTING, "2026-03-01");
  g_assert_cmpuint (expected->len, ==, 3);
  assert_list_shows (fixture, expected);
}

static gboolean
has_file_chooser (gpointer user_data)
{
  return kdx_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static gboolean
is_pdf (gpointer user_data)
{
  const char *path = user_data;
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* Written whole or not at all: a file there is the report. */
  return g_file_get_contents (path, &contents, &length, NULL) && length > 5
         && memcmp (contents, "%PDF-", 5) == 0;
}

static gboolean
is_xlsx (gpointer user_data)
{
  const char *path = user_data;
  g_autofree char *contents = NULL;
  gsize length = 0;

  return g_file_get_contents (path, &contents, &length, NULL) && length > 2
         && memcmp (contents, "PK", 2) == 0;
}

static void
test_save_report_pdf (KdxUiFixture  *fixture,
                      gconstpointer  data)
{
  KdxInsightsView *view;
  GtkWidget *button;
  GtkWindow *chooser;
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  g_autofree char *path = g_build_filename (fixture->dir, "report.pdf", NULL);

  add_funnel_fixture (fixture);
  view = open_insights (fixture);

  button = kdx_ui_find_widget (GTK_WIDGET (view), GTK_TYPE_BUTTON, "Save Report…");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  kdx_ui_click (button);

  kdx_ui_wait_until (has_file_chooser, NULL, 30000);
  chooser = kdx_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "report.pdf");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  kdx_ui_wait_until (is_pdf, path, 30000);
}

/* A name without an extension takes the type chosen in the dialog. */
static void
test_save_report_xlsx_by_type (KdxUiFixture  *fixture,
                               gconstpointer  data)
{
  KdxInsightsView *view;
  GtkWindow *chooser;
  GListModel *filters;
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  g_autofree char *path = g_build_filename (fixture->dir, "numbers.xlsx", NULL);

  add_funnel_fixture (fixture);
  view = open_insights (fixture);
  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (view), GTK_TYPE_BUTTON, "Save Report…"));
  kdx_ui_wait_until (has_file_chooser, NULL, 30000);
  chooser = kdx_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 2);
  {
    g_autoptr(GtkFileFilter) xlsx = g_list_model_get_item (filters, 1);

    g_assert_cmpstr (gtk_file_filter_get_name (xlsx), ==, "Excel Workbook");
    gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), xlsx);
  }
  g_object_unref (filters);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "numbers");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  /* An XLSX is a zip. */
  kdx_ui_wait_until (is_xlsx, path, 30000);
}

static void
test_pace_targets_in_preferences (KdxUiFixture  *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GVariant) targets = NULL;
  GtkWindow *preferences;
  GtkWidget *spin;
  guint32 candidates = 0, onboarded = 0;

  KdxInsightsView *view;
  KdxInsightsChart *pace;
  KdxInsightsBar *bar;
  gint64 id = add_with_history (fixture->store, "Beauty Bea", "candidate@2026-03-05");
  {
    g_autoptr(KdxKol) kol = kdx_ui_load_kol (fixture->store, id);
    g_autoptr(GError) error = NULL;

    g_object_set (kol, "category", "beauty", NULL);
    g_assert_true (kdx_store_save_kol (fixture->store, kol, &error));
  }

  g_assert_true (kdx_ui_press_key (GTK_WINDOW (fixture->window), GDK_KEY_comma, GDK_CONTROL_MASK));
  kdx_ui_iterate ();
  preferences = kdx_ui_find_toplevel (KDX_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);

  /* The category in use has its row; its first spin button is the
   * number of new candidates a month. */
  spin = kdx_ui_find_widget (kdx_ui_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, "beauty"),
                             GTK_TYPE_SPIN_BUTTON, NULL);
  g_assert_nonnull (spin);
  /* The Insights page, as its tab opens it. */
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences),
                                           ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (spin, ADW_TYPE_PREFERENCES_PAGE)));
  kdx_ui_iterate ();
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 6);
  kdx_ui_iterate ();

  targets = g_settings_get_value (settings, "pace-targets");
  g_assert_true (g_variant_lookup (targets, "beauty", "(uu)", &candidates, &onboarded));
  g_assert_cmpuint (candidates, ==, 6);
  g_assert_cmpuint (onboarded, ==, 0);

  /* Insights draws this month's new beauty candidates against it. */
  gtk_window_destroy (preferences);
  view = open_insights (fixture);
  pace = kdx_insights_get_chart (kdx_insights_tracker_get_insights (kdx_insights_view_get_tracker (view)),
                                 KDX_INSIGHTS_PACE_CANDIDATES);
  bar = kdx_insights_chart_find_bar (pace, "2026-03|beauty");
  g_assert_nonnull (bar);
  g_assert_cmpint (bar->count, ==, 1);
  g_assert_cmpint (bar->target, ==, 6);
}

typedef struct
{
  KdxInsightsView *view;
  gint64           candidates;
} FunnelCount;

static gboolean
candidates_counted (gpointer user_data)
{
  FunnelCount *expected = user_data;
  KdxInsightsTracker *tracker = kdx_insights_view_get_tracker (expected->view);
  KdxInsights *insights = kdx_insights_tracker_get_insights (tracker);
  KdxInsightsBar *bar = kdx_insights_chart_find_bar (kdx_insights_get_chart (insights, KDX_INSIGHTS_FUNNEL),
                                                     "candidate");

  return bar != NULL && bar->count == expected->candidates;
}

/* A KOL added while Insights is shown is counted without a click: the
 * numbers follow the store (in a worker; the window keeps drawing). */
static void
test_follows_the_store (KdxUiFixture  *fixture,
                        gconstpointer  data)
{
  FunnelCount expected = { NULL, 5 };
  GtkWidget *card;

  add_funnel_fixture (fixture);
  expected.view = open_insights (fixture);
  /* Nina, Olga, Carl, Cora: Gus was a candidate last year. */
  expected.candidates = 4;
  g_assert_true (candidates_counted (&expected));

  add_with_history (fixture->store, "New Nora", "candidate@2026-03-18");
  expected.candidates = 5;
  kdx_ui_wait_until (candidates_counted, &expected, 30000);

  /* The card's table shows the new answer too. */
  card = kdx_insights_view_get_card (expected.view, KDX_INSIGHTS_FUNNEL);
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (kdx_insights_card_get_table (KDX_INSIGHTS_CARD (card)), 0);
    g_autoptr(GPtrArray) texts = kdx_ui_label_texts (GTK_WIDGET (row));

    g_assert_true (g_ptr_array_find_with_equal_func (texts, "5 KOLs", g_str_equal, NULL));
  }
}

/* The print dialog's type, by name: its header is GTK's separate
 * gtk4-unix-print. */
static GType
print_dialog_type (void)
{
  GType type = g_type_from_name ("GtkPrintUnixDialog");

  g_assert_true (type != 0);
  return type;
}

static gboolean
has_print_dialog (gpointer user_data)
{
  return g_type_from_name ("GtkPrintUnixDialog") != 0 && kdx_ui_find_toplevel (print_dialog_type ()) != NULL;
}

/* The print button opens the print dialog on the report's pages. */
static void
test_print_opens_dialog (KdxUiFixture  *fixture,
                         gconstpointer  data)
{
  KdxInsightsView *view;

  add_funnel_fixture (fixture);
  view = open_insights (fixture);
  kdx_ui_click (kdx_ui_find_first (GTK_WIDGET (view), has_tooltip, "Print the Report"));
  kdx_ui_wait_until (has_print_dialog, NULL, 30000);
  gtk_dialog_response (GTK_DIALOG (kdx_ui_find_toplevel (print_dialog_type ())), GTK_RESPONSE_CANCEL);
  kdx_ui_iterate ();
}

static gboolean
is_date_picker (GtkWidget     *widget,
                gconstpointer  data)
{
  return KDX_IS_DATE_PICKER (widget);
}

/* Two dates the wrong way round: the bar says why, and the numbers stay
 * those of the last good period. */
static void
test_dates_the_wrong_way_round (KdxUiFixture  *fixture,
                                gconstpointer  data)
{
  KdxInsightsView *view;
  KdxInsightsTracker *tracker;
  GtkWidget *range_box;
  KdxDatePicker *from, *to;
  GtkWidget *error;
  GDate last_to, shown_to;
  gboolean found = FALSE;

  add_funnel_fixture (fixture);
  view = open_insights (fixture);
  tracker = kdx_insights_view_get_tracker (view);
  choose_period (fixture, view, 5);  /* Between Dates: from the start to today */

  from = KDX_DATE_PICKER (kdx_ui_find_first (GTK_WIDGET (view), is_date_picker, NULL));
  range_box = gtk_widget_get_parent (GTK_WIDGET (from));
  g_assert_true (gtk_widget_get_mapped (range_box));
  to = KDX_DATE_PICKER (gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (GTK_WIDGET (from))));
  g_assert_true (KDX_IS_DATE_PICKER (to));

  /* March, then a "to" before the "from", as the calendar picks them. */
  kdx_date_picker_set_value (from, "2026-03-01");
  g_signal_emit_by_name (from, "picked", "2026-03-01");
  kdx_date_picker_set_value (to, "2026-03-20");
  g_signal_emit_by_name (to, "picked", "2026-03-20");
  kdx_ui_wait_until (insights_counted, fixture, 30000);
  kdx_insights_period_get_to (kdx_insights_tracker_get_period (tracker), &last_to);

  kdx_date_picker_set_value (to, "2026-02-10");
  g_signal_emit_by_name (to, "picked", "2026-02-10");
  kdx_ui_iterate ();

  for (error = gtk_widget_get_first_child (range_box); error != NULL; error = gtk_widget_get_next_sibling (error))
    if (GTK_IS_LABEL (error) && gtk_widget_has_css_class (error, "error"))
      {
        found = TRUE;
        break;
      }
  g_assert_true (found);
  g_assert_true (gtk_widget_get_visible (error));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error)), !=, "");
  kdx_insights_period_get_to (kdx_insights_tracker_get_period (tracker), &shown_to);
  g_assert_cmpint (g_date_compare (&last_to, &shown_to), ==, 0);
}

/* The list under the heading "Stuck: …", as a person finds it. */
static gboolean
is_stuck_list (GtkWidget     *widget,
               gconstpointer  data)
{
  GtkWidget *heading = gtk_widget_get_prev_sibling (widget);

  return GTK_IS_LIST_BOX (widget) && GTK_IS_LABEL (heading)
      && g_str_equal (gtk_label_get_label (GTK_LABEL (heading)), "Stuck: longer than twice the stage’s median");
}

/* 30 KOLs in Contacting since January 2025 while 40 others passed it in a
 * day: the 30 are stuck (over twice the median of one day). The view
 * lists the 20 longest and one row more that shows all 30 in the List:
 * thousands of rows at 100,000 KOLs held the window for minutes. */
static void
test_stuck_many_shown_in_list (KdxUiFixture  *fixture,
                               gconstpointer  data)
{
  g_autoptr(GArray) stuck_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  KdxInsightsView *view;
  GtkWidget *stuck_list;
  GtkListBoxRow *show_all;
  guint n_rows = 0;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("Stuck %u", i);
      gint64 id = add_with_history (fixture->store, name, "candidate@2025-01-01 contacting@2025-01-02");
      g_array_append_val (stuck_ids, id);
    }
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("Quick %u", i);
      add_with_history (fixture->store, name,
                        "candidate@2026-03-01 contacting@2026-03-02 negotiating@2026-03-03");
    }
  kdx_ui_wait_for_n_kols (fixture, 70, 30000);

  view = open_insights (fixture);
  choose_period (fixture, view, 4);  /* All Time */
  stuck_list = kdx_ui_find_first (GTK_WIDGET (view), is_stuck_list, NULL);
  g_assert_nonnull (stuck_list);
  g_assert_true (gtk_widget_get_mapped (stuck_list));
  for (GtkWidget *row = gtk_widget_get_first_child (stuck_list); row != NULL; row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_assert_cmpuint (n_rows, ==, 21);

  show_all = gtk_list_box_get_row_at_index (GTK_LIST_BOX (stuck_list), 20);
  g_assert_nonnull (show_all);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (show_all)), ==,
                   "Show All 30 Stuck KOLs in the List");
  g_signal_emit_by_name (show_all, "activate");
  kdx_ui_wait_until (list_is_shown, fixture, 30000);
  kdx_ui_wait_for_n_items (G_LIST_MODEL (kdx_list_view_get_list (kdx_window_get_list_view (fixture->window))),
                           stuck_ids->len);
  g_array_sort (stuck_ids, compare_ids);
  assert_list_shows (fixture, stuck_ids);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("KOLDEX_TODAY", TODAY, TRUE);
  kdx_ui_test_init (&argc, &argv);

  KDX_UI_ADD ("/insights-ui/funnel-step-shows-its-kols", test_funnel_step_shows_its_kols);
  KDX_UI_ADD ("/insights-ui/funnel-click-on-chart", test_funnel_click_on_chart);
  KDX_UI_ADD ("/insights-ui/save-report-pdf", test_save_report_pdf);
  KDX_UI_ADD ("/insights-ui/save-report-xlsx-by-type", test_save_report_xlsx_by_type);
  KDX_UI_ADD ("/insights-ui/pace-targets-in-preferences", test_pace_targets_in_preferences);
  KDX_UI_ADD ("/insights-ui/follows-the-store", test_follows_the_store);
  KDX_UI_ADD ("/insights-ui/print-opens-dialog", test_print_opens_dialog);
  KDX_UI_ADD ("/insights-ui/dates-the-wrong-way-round", test_dates_the_wrong_way_round);
  KDX_UI_ADD ("/insights-ui/stuck-many-shown-in-list", test_stuck_many_shown_in_list);

  return g_test_run ();
}
