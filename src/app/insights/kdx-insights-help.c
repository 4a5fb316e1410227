/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-insights-help"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kdx-insights.h"
#include "kdx-insights-help.h"

/* One paragraph per section, in the view's order; keep them in step with
 * docs/insights.md, which says the same for the team. */
static const char *const definitions[KDX_INSIGHTS_N_SECTIONS] = {
  [KDX_INSIGHTS_SECTION_FUNNEL] =
    N_("How many KOLs reached each stage of the main path: Candidate, Contacting, Negotiating, "
       "Onboarding, Growing, Mature. A KOL reached a stage when their stage history entered that "
       "stage or a later one on the main path within the period. The percentage beside a step is "
       "the conversion from the step before it. Declined and Departed count the KOLs who moved "
       "there within the period."),
  [KDX_INSIGHTS_SECTION_OUTREACH] =
    N_("Attempts are outreach events in the period. KOLs approached had at least one; KOLs "
       "agreed had an outreach with the outcome Agreed. The success rate is agreed divided by "
       "approached, by week or month, owner, channel and tier. The band marks 30–40 %, a good "
       "rate; nine refusals in ten are common."),
  [KDX_INSIGHTS_SECTION_PACE] =
    N_("New candidates (KOLs added) and newly onboarded KOLs (a first move to Onboarding) per "
       "month and category, against the monthly targets set in Preferences. Too many at once "
       "leaves each KOL too little attention; too few starves the community."),
  [KDX_INSIGHTS_SECTION_TIME_IN_STAGE] =
    N_("How long KOLs stay in each stage, in days: the median and the 90th percentile of the "
       "stays that overlap the period, a stay still going counted up to the period's end. KOLs "
       "in a stage for more than twice its median are listed as stuck."),
  [KDX_INSIGHTS_SECTION_CHURN] =
    N_("KOLs who departed in the period, by churn reason, by source (pulled from outside or "
       "grown inside) and by tier, and the median days from their first move to Onboarding to "
       "their departure."),
  [KDX_INSIGHTS_SECTION_MIX] =
    N_("Active KOLs (now in Onboarding, Growing, Mature or Declining) by tier, platform and source, "
       "as they are now: the period does not apply. A field left unset shows as Not recorded: it is "
       "counted, said, and left out of the shares."),
  [KDX_INSIGHTS_SECTION_COST] =
    N_("The fees of the active KOLs as recorded on their files, by plan; the payments logged in the "
       "period, by plan and by month; and the payments per active KOL. Each currency has its own "
       "bar: amounts in different currencies are never added up."),
};

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

void
kdx_insights_help_present (GtkWidget *widget)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_window_set_title (GTK_WINDOW (window), _("What the Numbers Mean"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 640);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));

  gtk_box_append (GTK_BOX (content), adw_header_bar_new ());
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_box_append (GTK_BOX (box),
                  label_new (_("Every number counts the KOLs the filters let through, over the period "
                               "chosen. Click a bar, a funnel step or a row of a table to see exactly "
                               "those KOLs in the List."), NULL));
  for (KdxInsightsSection s = 0; s < KDX_INSIGHTS_N_SECTIONS; s++)
    {
      GtkWidget *title = label_new (kdx_insights_section_get_title (s), "heading");

      gtk_widget_set_margin_top (title, 12);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), label_new (_(definitions[s]), NULL));
    }
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (content), scrolled);
  adw_window_set_content (ADW_WINDOW (window), content);
  gtk_window_present (GTK_WINDOW (window));
}
