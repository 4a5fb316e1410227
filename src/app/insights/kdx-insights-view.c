/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-insights-view"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "kdx-app-resources.h"
#include "kdx-clock.h"
#include "kdx-date-picker.h"
#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-insights-card.h"
#include "kdx-insights-filters.h"
#include "kdx-insights-help.h"
#include "kdx-insights-saving.h"
#include "kdx-insights-view.h"
#include "kdx-stage.h"

/* The view is a column of sections, each a title, a line of totals where
 * the section has them, and its charts as cards side by side (one a line
 * when narrow). Cards are made once; a new answer from the tracker is
 * handed to each of them. */

struct _KdxInsightsView
{
  AdwBin              parent_instance;

  KdxStore           *store;
  KdxInsightsTracker *tracker;
  KdxInsightsFilters *filters;
  GtkWidget          *cards[KDX_INSIGHTS_N_CHARTS];
  GtkLabel           *outreach_summary;
  GtkLabel           *churn_summary;
  GtkWidget          *stuck_box;
  GtkListBox         *stuck_list;

  GtkDropDown        *period_dropdown;
  GtkMenuButton      *filter_button;
  GtkSpinner         *spinner;
  GtkWidget          *range_box;
  KdxDatePicker      *from_picker;
  KdxDatePicker      *to_picker;
  GtkLabel           *range_error;
  GtkStack           *stack;
  GtkBox             *sections_box;
  AdwStatusPage      *error_page;

  GCancellable       *drilling;  /* the lookup of a clicked bar's KOLs */
};

G_DEFINE_FINAL_TYPE (KdxInsightsView, kdx_insights_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SHOW_KOLS,
  SIGNAL_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The period dropdown's items, in order; the last is two dates. */
static const KdxInsightsPeriodKind period_kinds[] = {
  KDX_INSIGHTS_PERIOD_THIS_MONTH,
  KDX_INSIGHTS_PERIOD_LAST_MONTH,
  KDX_INSIGHTS_PERIOD_THIS_QUARTER,
  KDX_INSIGHTS_PERIOD_THIS_YEAR,
  KDX_INSIGHTS_PERIOD_ALL_TIME,
  KDX_INSIGHTS_PERIOD_RANGE,
};

static void
show_toast (KdxInsightsView *self,
            const char      *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  g_autoptr(AdwToast) toast = g_object_ref_sink (adw_toast_new (escaped));

  adw_toast_set_timeout (toast, 8);
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, toast);
}

/* ---- the numbers ------------------------------------------------------------------- */

static char *
format_rate (double rate)
{
  if (isnan (rate))
    /* Translators: a rate with nothing to divide by */
    return g_strdup (_("—"));
  return g_strdup_printf ("%.0f %%", rate * 100);
}

static void
update_summaries (KdxInsightsView *self,
                  KdxInsights     *insights)
{
  gint64 attempts, approached, agreed, departed;
  double rate, median;
  g_autofree char *rate_text = NULL;
  g_autofree char *outreach = NULL;
  g_autofree char *churn = NULL;

  kdx_insights_get_outreach (insights, &attempts, &approached, &agreed, &rate);
  rate_text = format_rate (rate);
  /* Translators: the outreach section's totals */
  outreach = g_strdup_printf (_("%u outreach attempts · %u KOLs approached · %u agreed · success rate %s"),
                              (guint) attempts, (guint) approached, (guint) agreed, rate_text);
  gtk_label_set_text (self->outreach_summary, outreach);

  kdx_insights_get_churn (insights, &departed, &median);
  if (isnan (median))
    churn = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u KOL departed", "%u KOLs departed", departed),
                             (guint) departed);
  else
    /* Translators: the churn section's totals */
    churn = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u KOL departed · median %.0f days from onboarding to departure",
                                          "%u KOLs departed · median %.0f days from onboarding to departure",
                                          departed),
                             (guint) departed, median);
  gtk_label_set_text (self->churn_summary, churn);
}

static GtkWidget *
stuck_row_new (KdxInsightsStuck *stuck)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;
  g_autofree char *name = g_markup_escape_text (stuck->display_name, -1);

  /* Translators: a KOL stuck in a stage: "Negotiating · 45 days (median 12)" */
  subtitle = g_strdup_printf (_("%s · %.0f days (median %.0f)"), kdx_stage_get_label (stuck->stage),
                              stuck->days, stuck->median);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-kol");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (stuck->id));
  return row;
}

/* The stuck KOLs shown here, longest first; the rest are in the List,
 * one row away. At 100,000 KOLs "all time" finds thousands, and a list
 * box of thousands of rows held the window for minutes. */
#define N_STUCK_SHOWN 20

static void
show_all_stuck_cb (KdxInsightsView *self)
{
  KdxInsights *insights = kdx_insights_tracker_get_insights (self->tracker);
  GPtrArray *stuck;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (insights == NULL)
    return;
  stuck = kdx_insights_get_stuck (insights);
  for (guint i = 0; i < stuck->len; i++)
    {
      KdxInsightsStuck *one = g_ptr_array_index (stuck, i);
      g_array_append_val (ids, one->id);
    }
  g_signal_emit (self, signals[SIGNAL_SHOW_KOLS], 0, _("Stuck KOLs"), ids);
}

static GtkWidget *
show_all_stuck_row_new (KdxInsightsView *self,
                        guint            n_stuck)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u Stuck KOL in the List",
                                                         "Show All %u Stuck KOLs in the List", n_stuck),
                                            n_stuck);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect_object (row, "activated", G_CALLBACK (show_all_stuck_cb), self, G_CONNECT_SWAPPED);
  return row;
}

static void
update_stuck (KdxInsightsView *self,
              KdxInsights     *insights)
{
  GPtrArray *stuck = kdx_insights_get_stuck (insights);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stuck_list))) != NULL)
    gtk_list_box_remove (self->stuck_list, child);
  for (guint i = 0; i < MIN (stuck->len, N_STUCK_SHOWN); i++)
    gtk_list_box_append (self->stuck_list, stuck_row_new (g_ptr_array_index (stuck, i)));
  if (stuck->len > N_STUCK_SHOWN)
    gtk_list_box_append (self->stuck_list, show_all_stuck_row_new (self, stuck->len));
  gtk_widget_set_visible (self->stuck_box, stuck->len > 0);
}

static void
tracker_changed_cb (KdxInsightsView *self)
{
  KdxInsights *insights = kdx_insights_tracker_get_insights (self->tracker);
  const char *error = kdx_insights_tracker_get_error (self->tracker);

  if (error != NULL)
    {
      adw_status_page_set_description (self->error_page, error);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  if (insights == NULL)
    return;

  for (guint i = 0; i < KDX_INSIGHTS_N_CHARTS; i++)
    kdx_insights_card_set_insights (KDX_INSIGHTS_CARD (self->cards[i]), insights);
  update_summaries (self, insights);
  update_stuck (self, insights);
  gtk_stack_set_visible_child_name (self->stack, "content");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "insights.save-report", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "insights.print", TRUE);
}

static void
busy_changed_cb (KdxInsightsView *self)
{
  gboolean busy = kdx_insights_tracker_get_busy (self->tracker);

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
}

/* ---- a click on a bar ------------------------------------------------------------------ */

/* The lookup of a bar's KOLs: at 100,000 KOLs a pairs query for one key
 * still reads every event of the period, so it runs in a worker on a
 * connection of its own, as the numbers do, and the window stays live. */
typedef struct
{
  KdxStore           *sibling;  /* opened here: the worker never sees the store */
  KdxInsights        *insights; /* the numbers clicked: their period and filter */
  KdxInsightsChartId  chart_id;
  char               *key;
  char               *title;
} Drill;

static void
drill_free (Drill *drill)
{
  g_clear_object (&drill->sibling);
  g_clear_pointer (&drill->insights, kdx_insights_unref);
  g_free (drill->key);
  g_free (drill->title);
  g_free (drill);
}

static void
drill_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Drill *drill = task_data;
  GError *error = NULL;
  GArray *ids = kdx_insights_bar_ids (drill->sibling, kdx_insights_get_period (drill->insights),
                                      kdx_insights_get_filter (drill->insights), drill->chart_id,
                                      drill->key, &error);

  if (ids == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

static void
drilled_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  KdxInsightsView *self = KDX_INSIGHTS_VIEW (source);
  Drill *drill = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->drilling);
  if (ids == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SHOW_KOLS], 0, drill->title, ids);
}

static void
drill_cb (KdxInsightsCard *card,
          int              index,
          KdxInsightsView *self)
{
  KdxInsights *insights = kdx_insights_tracker_get_insights (self->tracker);
  KdxInsightsChartId chart_id = kdx_insights_card_get_chart_id (card);
  KdxInsightsChart *chart;
  KdxInsightsBar *bar;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Drill *drill;

  if (insights == NULL)
    return;
  chart = kdx_insights_get_chart (insights, chart_id);
  if (index < 0 || (guint) index >= chart->bars->len)
    return;
  bar = g_ptr_array_index (chart->bars, index);

  drill = g_new0 (Drill, 1);
  if ((drill->sibling = kdx_store_open_sibling (self->store, &error)) == NULL)
    {
      drill_free (drill);
      show_toast (self, error->message);
      return;
    }
  /* The period and filter of the numbers shown, not of a newer choice
   * still being counted: the List shows what the bar said. */
  drill->insights = kdx_insights_ref (insights);
  drill->chart_id = chart_id;
  drill->key = g_strdup (bar->key);
  if (bar->group != NULL)
    /* Translators: what the List shows after a click on a chart's bar:
     * "Pace: new candidates · 2026-03 · Beauty" */
    drill->title = g_strdup_printf (C_("chart bar", "%s · %s · %s"), chart->title, bar->group,
                                    bar->label);
  else
    /* Translators: what the List shows after a click on a chart's bar:
     * "Funnel · Negotiating" */
    drill->title = g_strdup_printf (C_("chart bar", "%s · %s"), chart->title, bar->label);

  /* A second click before the first answer: the List shows the last. */
  g_cancellable_cancel (self->drilling);
  g_clear_object (&self->drilling);
  self->drilling = g_cancellable_new ();
  task = g_task_new (self, self->drilling, drilled_cb, NULL);
  g_task_set_source_tag (task, drill_cb);
  g_task_set_task_data (task, drill, (GDestroyNotify) drill_free);
  g_task_run_in_thread (task, drill_thread);
}

/* ---- period and filters --------------------------------------------------------------- */

static gboolean
parse_day (const char *value,
           GDate      *date)
{
  int year, month, day;

  g_date_clear (date, 1);
  if (value == NULL || sscanf (value, "%d-%d-%d", &year, &month, &day) != 3
      || !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static void
apply_range (KdxInsightsView *self)
{
  GDate today = kdx_clock_today ();
  GDate from, to;
  gboolean has_from = parse_day (kdx_date_picker_get_value (self->from_picker), &from);
  gboolean has_to = parse_day (kdx_date_picker_get_value (self->to_picker), &to);
  g_autoptr(KdxInsightsPeriod) period = NULL;
  g_autoptr(GError) error = NULL;

  period = kdx_insights_period_new_range (has_from ? &from : NULL, has_to ? &to : NULL, &today, &error);
  gtk_widget_set_visible (GTK_WIDGET (self->range_error), period == NULL);
  if (period == NULL)
    {
      /* The numbers stay those of the last good period. */
      gtk_label_set_text (self->range_error, error->message);
      return;
    }
  kdx_insights_tracker_set_period (self->tracker, period);
}

static void
range_picked_cb (KdxInsightsView *self)
{
  apply_range (self);
}

static void
period_changed_cb (KdxInsightsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);
  KdxInsightsPeriodKind kind;
  GDate today = kdx_clock_today ();
  g_autoptr(KdxInsightsPeriod) period = NULL;

  if (selected >= G_N_ELEMENTS (period_kinds))
    return;
  kind = period_kinds[selected];
  gtk_widget_set_visible (self->range_box, kind == KDX_INSIGHTS_PERIOD_RANGE);
  if (kind == KDX_INSIGHTS_PERIOD_RANGE)
    {
      apply_range (self);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->range_error), FALSE);
  period = kdx_insights_period_new (kind, &today);
  kdx_insights_tracker_set_period (self->tracker, period);
}

static void
filters_changed_cb (KdxInsightsView *self)
{
  g_autoptr(KdxInsightsFilter) filter = kdx_insights_filters_get_filter (self->filters);
  guint count = kdx_insights_filters_count (self->filters);

  kdx_insights_tracker_set_filter (self->tracker, filter);
  if (count > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
}

/* ---- help and the report ----------------------------------------------------------- */

static void
help_clicked_cb (KdxInsightsView *self)
{
  kdx_insights_help_present (GTK_WIDGET (self));
}

static void
save_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KdxInsightsView *self = KDX_INSIGHTS_VIEW (widget);
  KdxInsights *insights = kdx_insights_tracker_get_insights (self->tracker);

  if (insights != NULL)
    kdx_insights_save_report (GTK_WIDGET (self), insights);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KdxInsightsView *self = KDX_INSIGHTS_VIEW (widget);
  KdxInsights *insights = kdx_insights_tracker_get_insights (self->tracker);

  if (insights != NULL)
    kdx_insights_print_report (GTK_WIDGET (self), insights);
}

/* ---- building ------------------------------------------------------------------------- */

static KdxInsightsSection
section_of_chart (KdxInsightsChartId chart)
{
  if (chart == KDX_INSIGHTS_FUNNEL)
    return KDX_INSIGHTS_SECTION_FUNNEL;
  if (chart <= KDX_INSIGHTS_OUTREACH_BY_TIER)
    return KDX_INSIGHTS_SECTION_OUTREACH;
  if (chart <= KDX_INSIGHTS_PACE_ONBOARDED)
    return KDX_INSIGHTS_SECTION_PACE;
  if (chart == KDX_INSIGHTS_TIME_IN_STAGE)
    return KDX_INSIGHTS_SECTION_TIME_IN_STAGE;
  if (chart <= KDX_INSIGHTS_CHURN_BY_TIER)
    return KDX_INSIGHTS_SECTION_CHURN;
  if (chart <= KDX_INSIGHTS_MIX_SOURCE)
    return KDX_INSIGHTS_SECTION_MIX;
  return KDX_INSIGHTS_SECTION_COST;
}

static GtkLabel *
summary_label_new (void)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (label, 0);
  gtk_label_set_wrap (label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (label), "numeric");
  return label;
}

static void
build_stuck_box (KdxInsightsView *self,
                 GtkBox          *section)
{
  GtkWidget *title = gtk_label_new (_("Stuck: longer than twice the stage’s median"));

  self->stuck_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (self->stuck_box), title);

  self->stuck_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->stuck_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->stuck_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->stuck_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Stuck KOLs"), -1);
  gtk_box_append (GTK_BOX (self->stuck_box), GTK_WIDGET (self->stuck_list));
  gtk_widget_set_visible (self->stuck_box, FALSE);
  gtk_box_append (section, self->stuck_box);
}

static void
build_sections (KdxInsightsView *self)
{
  for (KdxInsightsSection s = 0; s < KDX_INSIGHTS_N_SECTIONS; s++)
    {
      GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 9);
      GtkWidget *title = gtk_label_new (kdx_insights_section_get_title (s));
      GtkWidget *cards = gtk_flow_box_new ();

      gtk_widget_set_margin_top (section, s > 0 ? 12 : 0);
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "title-3");
      gtk_accessible_update_property (GTK_ACCESSIBLE (section), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      kdx_insights_section_get_title (s), -1);
      gtk_box_append (GTK_BOX (section), title);

      if (s == KDX_INSIGHTS_SECTION_OUTREACH)
        {
          self->outreach_summary = summary_label_new ();
          gtk_box_append (GTK_BOX (section), GTK_WIDGET (self->outreach_summary));
        }
      else if (s == KDX_INSIGHTS_SECTION_CHURN)
        {
          self->churn_summary = summary_label_new ();
          gtk_box_append (GTK_BOX (section), GTK_WIDGET (self->churn_summary));
        }

      /* Two cards a line when there is room, one when narrow. */
      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (cards), GTK_SELECTION_NONE);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (cards), 2);
      gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (cards), TRUE);
      gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (cards), 12);
      gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (cards), 12);
      for (KdxInsightsChartId c = 0; c < KDX_INSIGHTS_N_CHARTS; c++)
        {
          GtkWidget *child;

          if (section_of_chart (c) != s)
            continue;
          self->cards[c] = kdx_insights_card_new (c);
          g_signal_connect (self->cards[c], "drill", G_CALLBACK (drill_cb), self);
          gtk_flow_box_append (GTK_FLOW_BOX (cards), self->cards[c]);
          child = gtk_widget_get_parent (self->cards[c]);
          gtk_widget_set_focusable (child, FALSE);
          gtk_widget_set_valign (child, GTK_ALIGN_START);
        }
      gtk_box_append (GTK_BOX (section), cards);

      if (s == KDX_INSIGHTS_SECTION_TIME_IN_STAGE)
        build_stuck_box (self, GTK_BOX (section));
      gtk_box_append (self->sections_box, section);
    }
}

/* ---- object --------------------------------------------------------------------------- */

static void
kdx_insights_view_map (GtkWidget *widget)
{
  KdxInsightsView *self = KDX_INSIGHTS_VIEW (widget);

  GTK_WIDGET_CLASS (kdx_insights_view_parent_class)->map (widget);
  /* Counted while someone looks; marked stale otherwise. */
  kdx_insights_tracker_set_active (self->tracker, TRUE);
}

static void
kdx_insights_view_unmap (GtkWidget *widget)
{
  KdxInsightsView *self = KDX_INSIGHTS_VIEW (widget);

  kdx_insights_tracker_set_active (self->tracker, FALSE);
  GTK_WIDGET_CLASS (kdx_insights_view_parent_class)->unmap (widget);
}

static void
kdx_insights_view_constructed (GObject *object)
{
  KdxInsightsView *self = KDX_INSIGHTS_VIEW (object);

  G_OBJECT_CLASS (kdx_insights_view_parent_class)->constructed (object);

  self->tracker = kdx_insights_tracker_new (self->store);
  g_signal_connect_object (self->tracker, "changed", G_CALLBACK (tracker_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tracker, "notify::busy", G_CALLBACK (busy_changed_cb), self, G_CONNECT_SWAPPED);
  busy_changed_cb (self);

  self->filters = kdx_insights_filters_new (self->store);
  gtk_menu_button_set_popover (self->filter_button, GTK_WIDGET (self->filters));
  g_signal_connect_object (self->filters, "changed", G_CALLBACK (filters_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->period_dropdown, "notify::selected", G_CALLBACK (period_changed_cb), self,
                           G_CONNECT_SWAPPED);
  period_changed_cb (self);
}

static void
kdx_insights_view_dispose (GObject *object)
{
  KdxInsightsView *self = KDX_INSIGHTS_VIEW (object);

  g_cancellable_cancel (self->drilling);
  g_clear_object (&self->drilling);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_INSIGHTS_VIEW);
  /* A worker still counting keeps the tracker a moment longer, but not
   * the store: disposed now, it lets go of it and stops the worker. */
  if (self->tracker != NULL)
    g_object_run_dispose (G_OBJECT (self->tracker));
  g_clear_object (&self->tracker);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kdx_insights_view_parent_class)->dispose (object);
}

static void
kdx_insights_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KdxInsightsView *self = KDX_INSIGHTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_insights_view_class_init (KdxInsightsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kdx_insights_view_constructed;
  object_class->dispose = kdx_insights_view_dispose;
  object_class->set_property = kdx_insights_view_set_property;
  widget_class->map = kdx_insights_view_map;
  widget_class->unmap = kdx_insights_view_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KDX_TYPE_STORE,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KdxInsightsView::show-kols:
   * @title: what the KOLs are ("Funnel · Negotiating")
   * @ids: (element-type gint64): exactly the KOLs behind the bar
   */
  signals[SIGNAL_SHOW_KOLS] =
    g_signal_new ("show-kols", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ARRAY);
  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_install_action (widget_class, "insights.save-report", NULL, save_report_action);
  gtk_widget_class_install_action (widget_class, "insights.print", NULL, print_action);

  g_type_ensure (KDX_TYPE_DATE_PICKER);
  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/kdx-insights-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxInsightsView, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KdxInsightsView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, KdxInsightsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, KdxInsightsView, range_box);
  gtk_widget_class_bind_template_child (widget_class, KdxInsightsView, from_picker);
  gtk_widget_class_bind_template_child (widget_class, KdxInsightsView, to_picker);
  gtk_widget_class_bind_template_child (widget_class, KdxInsightsView, range_error);
  gtk_widget_class_bind_template_child (widget_class, KdxInsightsView, stack);
  gtk_widget_class_bind_template_child (widget_class, KdxInsightsView, sections_box);
  gtk_widget_class_bind_template_child (widget_class, KdxInsightsView, error_page);
  gtk_widget_class_bind_template_callback (widget_class, help_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, range_picked_cb);
}

static void
kdx_insights_view_init (KdxInsightsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_sections (self);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "insights.save-report", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "insights.print", FALSE);
}

GtkWidget *
kdx_insights_view_new (KdxStore *store)
{
  g_return_val_if_fail (KDX_IS_STORE (store), NULL);
  return g_object_new (KDX_TYPE_INSIGHTS_VIEW, "store", store, NULL);
}

KdxInsightsTracker *
kdx_insights_view_get_tracker (KdxInsightsView *self)
{
  g_return_val_if_fail (KDX_IS_INSIGHTS_VIEW (self), NULL);
  return self->tracker;
}

GtkWidget *
kdx_insights_view_get_card (KdxInsightsView    *self,
                            KdxInsightsChartId  chart)
{
  g_return_val_if_fail (KDX_IS_INSIGHTS_VIEW (self), NULL);
  g_return_val_if_fail (chart < KDX_INSIGHTS_N_CHARTS, NULL);
  return self->cards[chart];
}
