/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-reminder"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-clock.h"
#include "kdx-due-tracker.h"
#include "kdx-reminder.h"

struct _KdxReminder
{
  GObject       parent_instance;

  GApplication *application;  /* not owned: the application owns us */
  KdxStore     *store;
  GSettings    *settings;     /* "run-in-background" */
  GDate         last_day;     /* of the last check; cleared before the first */
  guint         timer_id;
  gulong        answer_handler; /* waiting for the tracker's first answer */
  gboolean      holding;
};

G_DEFINE_FINAL_TYPE (KdxReminder, kdx_reminder, G_TYPE_OBJECT)

/* Often enough to notice a new day soon after midnight or after waking
 * from sleep; the check itself costs one query. */
#define CHECK_INTERVAL_SECONDS (15 * 60)

#define NOTIFICATION_ID "due-today"

char *
kdx_reminder_summarize (GPtrArray *items)
{
  guint counts[KDX_N_DUE_REASONS] = { 0 };
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint follow_ups, quiet;

  for (guint i = 0; i < items->len; i++)
    counts[kdx_due_item_get_reason (g_ptr_array_index (items, i))]++;

  follow_ups = counts[KDX_DUE_OVERDUE_FOLLOW_UP] + counts[KDX_DUE_FOLLOW_UP_TODAY];
  quiet = counts[KDX_DUE_LOSING_TOUCH] + counts[KDX_DUE_GROWING_QUIET];
  if (follow_ups > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u follow-up due",
                                                          "%u follow-ups due", follow_ups), follow_ups));
  if (quiet > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u KOL losing touch",
                                                          "%u KOLs losing touch", quiet), quiet));
  if (counts[KDX_DUE_REAPPROACH] > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to approach again",
                                                          "%u to approach again", counts[KDX_DUE_REAPPROACH]),
                                             counts[KDX_DUE_REAPPROACH]));
  if (counts[KDX_DUE_IMPORTANT_DATE] > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u important date coming up",
                                                          "%u important dates coming up",
                                                          counts[KDX_DUE_IMPORTANT_DATE]),
                                             counts[KDX_DUE_IMPORTANT_DATE]));
  if (counts[KDX_DUE_FESTIVAL] > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u festival to greet on",
                                                          "%u festivals to greet on", counts[KDX_DUE_FESTIVAL]),
                                             counts[KDX_DUE_FESTIVAL]));
  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  /* Translators: between the parts of a reminder: "3 follow-ups due; 2 KOLs losing touch" */
  return g_strjoinv (_("; "), (char **) parts->pdata);
}

char *
kdx_reminder_check (KdxReminder *self)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *body = NULL;
  GDate today = kdx_clock_today ();

  g_return_val_if_fail (KDX_IS_REMINDER (self), NULL);

  if (g_date_valid (&self->last_day) && g_date_compare (&self->last_day, &today) == 0)
    return NULL;
  self->last_day = today;

  body = kdx_reminder_summarize (kdx_due_tracker_get_fresh_items (kdx_due_tracker_for_store (self->store)));
  if (body == NULL)
    {
      /* Yesterday's reminder is no longer true. */
      g_application_withdraw_notification (self->application, NOTIFICATION_ID);
      return NULL;
    }

  notification = g_notification_new (_("Due Today"));
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.show-today");
  g_notification_add_button (notification, _("Open Today"), "app.show-today");
  g_application_send_notification (self->application, NOTIFICATION_ID, notification);
  return g_steal_pointer (&body);
}

static void
first_answer_cb (KdxReminder   *self,
                 KdxDueTracker *tracker)
{
  g_clear_signal_handler (&self->answer_handler, tracker);
  g_free (kdx_reminder_check (self));
}

/**
 * kdx_reminder_check_when_ready:
 *
 * The first check of a run: at once when the store's due tracker has an
 * answer, else when its first answer comes (the window asks for it after
 * its first frame), so that the check never computes a due list before
 * the window is shown.
 */
void
kdx_reminder_check_when_ready (KdxReminder *self)
{
  KdxDueTracker *tracker;

  g_return_if_fail (KDX_IS_REMINDER (self));

  tracker = kdx_due_tracker_for_store (self->store);
  if (kdx_due_tracker_has_answer (tracker))
    g_free (kdx_reminder_check (self));
  else if (self->answer_handler == 0)
    self->answer_handler = g_signal_connect_swapped (tracker, "changed", G_CALLBACK (first_answer_cb), self);
}

static gboolean
timer_cb (gpointer user_data)
{
  g_free (kdx_reminder_check (user_data));
  return G_SOURCE_CONTINUE;
}

/* The preference decides whether Koldex lives on without a window. */
static void
update_hold (KdxReminder *self)
{
  gboolean wanted = g_settings_get_boolean (self->settings, "run-in-background");

  if (wanted == self->holding)
    return;
  self->holding = wanted;
  if (wanted)
    g_application_hold (self->application);
  else
    g_application_release (self->application);
}

void
kdx_reminder_release (KdxReminder *self)
{
  g_return_if_fail (KDX_IS_REMINDER (self));

  g_signal_handlers_disconnect_by_func (self->settings, update_hold, self);
  if (self->holding)
    g_application_release (self->application);
  self->holding = FALSE;
}

static void
kdx_reminder_dispose (GObject *object)
{
  KdxReminder *self = KDX_REMINDER (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->answer_handler, kdx_due_tracker_for_store (self->store));
  if (self->settings != NULL)
    kdx_reminder_release (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kdx_reminder_parent_class)->dispose (object);
}

static void
kdx_reminder_class_init (KdxReminderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kdx_reminder_dispose;
}

static void
kdx_reminder_init (KdxReminder *self)
{
  g_date_clear (&self->last_day, 1);
}

KdxReminder *
kdx_reminder_new (GApplication *application,
                  KdxStore     *store)
{
  KdxReminder *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (KDX_IS_STORE (store), NULL);

  self = g_object_new (KDX_TYPE_REMINDER, NULL);
  self->application = application;
  self->store = g_object_ref (store);
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_swapped (self->settings, "changed::run-in-background", G_CALLBACK (update_hold), self);
  update_hold (self);
  self->timer_id = g_timeout_add_seconds (CHECK_INTERVAL_SECONDS, timer_cb, self);
  return self;
}
