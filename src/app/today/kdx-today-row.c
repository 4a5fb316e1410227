/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-today-row"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-app-resources.h"
#include "kdx-kol.h"
#include "kdx-today-row.h"

struct _KdxTodayRow
{
  GtkBox     parent_instance;

  GtkLabel  *header_label;
  GtkLabel  *name_label;
  GtkLabel  *reason_label;
  GtkButton *open_button;
  GtkButton *log_button;
};

G_DEFINE_FINAL_TYPE (KdxTodayRow, kdx_today_row, GTK_TYPE_BOX)

/* A festival names the first few KOLs to greet; the rest are counted. */
#define N_NAMED_GREETINGS 5

/* The interval a losing-touch KOL went past: its own, or its tier's. */
static guint
kol_interval (KdxStore             *store,
              const KdxDueSettings *settings,
              KdxDueItem           *item)
{
  g_autoptr(KdxKol) kol = kdx_store_load_kol (store, kdx_due_item_get_id (item), NULL);
  gint64 own = 0;

  if (kol != NULL)
    g_object_get (kol, "contact-every-days", &own, NULL);
  return kdx_due_settings_get_interval (settings, kdx_due_item_get_tier (item), own);
}

static char *
coming (const char *what,
        int         days)
{
  if (days == 0)
    /* Translators: an important date or a festival, e.g. "农历生日 today" */
    return g_strdup_printf (_("%s today"), what);
  if (days == 1)
    return g_strdup_printf (_("%s tomorrow"), what);
  /* Translators: an important date or a festival, e.g. "Birthday in 5 days" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s in %d day", "%s in %d days", days),
                          what, days);
}

/* "Greet: 小美, 阿杰 and 4 more" */
static char *
greetings (KdxStore *store,
           GArray   *ids)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n_named = MIN (ids->len, N_NAMED_GREETINGS);

  if (ids->len == 0)
    return g_strdup (_("No KOL to greet"));

  for (guint i = 0; i < n_named; i++)
    {
      g_autoptr(KdxKol) kol = kdx_store_load_kol (store, g_array_index (ids, gint64, i), NULL);

      if (kol == NULL)
        continue;
      if (names->len > 0)
        /* Translators: between the names of KOLs in a list */
        g_string_append (names, _(", "));
      g_string_append (names, kdx_kol_get_display_name (kol));
    }
  if (ids->len > n_named)
    {
      guint more = ids->len - n_named;

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Greet: %s and %u more",
                                           "Greet: %s and %u more", more),
                              names->str, more);
    }
  return g_strdup_printf (_("Greet: %s"), names->str);
}

char *
kdx_today_row_describe (KdxStore             *store,
                        const KdxDueSettings *settings,
                        KdxDueItem           *item)
{
  int days = kdx_due_item_get_days (item);

  switch (kdx_due_item_get_reason (item))
    {
    case KDX_DUE_OVERDUE_FOLLOW_UP:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Follow-up was due %d day ago",
                                           "Follow-up was due %d days ago", days), days);
    case KDX_DUE_FOLLOW_UP_TODAY:
      return g_strdup (_("Follow-up is due today"));
    case KDX_DUE_LOSING_TOUCH:
      {
        guint interval = kol_interval (store, settings, item);

        /* Translators: "No contact for 45 days (every 30)" */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No contact for %d day (every %u)",
                                             "No contact for %d days (every %u)", days),
                                days, interval);
      }
    case KDX_DUE_GROWING_QUIET:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Growing, but no contact for %d day",
                                           "Growing, but no contact for %d days", days), days);
    case KDX_DUE_REAPPROACH:
      if (days == 0)
        return g_strdup (_("Time to approach again: today"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Time to approach again: since %d day ago",
                                           "Time to approach again: since %d days ago", days), days);
    case KDX_DUE_IMPORTANT_DATE:
      return coming (kdx_due_item_get_label (item), days);
    case KDX_DUE_FESTIVAL:
      {
        g_autofree char *when = NULL;

        /* The row's title is the festival: the text says only when. */
        if (days == 0)
          when = g_strdup (_("Today"));
        else if (days == 1)
          when = g_strdup (_("Tomorrow"));
        else
          when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "In %d day", "In %d days", days), days);
        g_autofree char *whom = greetings (store, kdx_due_item_get_kol_ids (item));

        return g_strdup_printf ("%s · %s", when, whom);
      }
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

static void
kdx_today_row_class_init (KdxTodayRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/kdx-today-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxTodayRow, header_label);
  gtk_widget_class_bind_template_child (widget_class, KdxTodayRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, KdxTodayRow, reason_label);
  gtk_widget_class_bind_template_child (widget_class, KdxTodayRow, open_button);
  gtk_widget_class_bind_template_child (widget_class, KdxTodayRow, log_button);
}

static void
kdx_today_row_init (KdxTodayRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kdx_today_row_new (void)
{
  return g_object_new (KDX_TYPE_TODAY_ROW, NULL);
}

/* @header: the section's title when this row opens a section, else NULL. */
void
kdx_today_row_set_item (KdxTodayRow          *self,
                        KdxStore             *store,
                        const KdxDueSettings *settings,
                        KdxDueItem           *item,
                        const char           *header)
{
  g_autofree char *reason = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean festival = kdx_due_item_get_reason (item) == KDX_DUE_FESTIVAL;
  gint64 id = kdx_due_item_get_id (item);

  g_return_if_fail (KDX_IS_TODAY_ROW (self));

  gtk_label_set_text (self->header_label, header != NULL ? header : "");
  gtk_widget_set_visible (GTK_WIDGET (self->header_label), header != NULL);

  gtk_label_set_text (self->name_label, kdx_due_item_get_display_name (item));
  reason = kdx_today_row_describe (store, settings, item);
  gtk_label_set_text (self->reason_label, reason);

  /* A festival is logged for every KOL greeted; it has no file to open. */
  if (festival)
    {
      GArray *greeted = kdx_due_item_get_kol_ids (item);

      g_array_append_vals (ids, greeted->data, greeted->len);
    }
  else
    g_array_append_val (ids, id);
  gtk_widget_set_visible (GTK_WIDGET (self->open_button), !festival);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->open_button),
                                          g_variant_new_int64 (id));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->log_button),
                                          g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids->data,
                                                                     ids->len, sizeof (gint64)));
  /* Named after their first target: an action with a parameter warns of
   * a button without one. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->open_button), "win.open-kol");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->log_button), "win.log-contact-for");
  gtk_widget_set_sensitive (GTK_WIDGET (self->log_button), ids->len > 0);
}
