/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-item-row"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "kdx-app-resources.h"
#include "kdx-channel.h"
#include "kdx-date-picker.h"
#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-event.h"
#include "kdx-important-date.h"
#include "kdx-item-row.h"
#include "kdx-stage-entry.h"
#include "kdx-value.h"

struct _KdxItemRow
{
  AdwActionRow  parent_instance;

  KdxRecord    *item;
  GSignalGroup *item_signals; /* the item's "notify": the row says what it holds now */
  guint         position;     /* in the list it came from */
  char         *next_at;      /* for a stage: when the next one began; NULL while it runs */
  gboolean      read_only;

  GtkWidget    *remove_button;
  GtkWidget    *edit_image;
};

G_DEFINE_FINAL_TYPE (KdxItemRow, kdx_item_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_POSITION,
  PROP_NEXT_AT,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- what an item says ------------------------------------------------------- */

static char *
local_time (const char *iso)
{
  return kdx_date_picker_format (iso, TRUE);
}

/* How long a stage lasted, in the unit people would say: "3 days",
 * "2 months", "4 years". */
static char *
format_duration (GTimeSpan span)
{
  gint64 days = span / G_TIME_SPAN_DAY;

  if (days < 1)
    return g_strdup (_("less than a day"));
  if (days < 60)
    return g_strdup_printf (ngettext ("%d day", "%d days", days), (int) days);
  if (days < 730)
    {
      int months = (int) ((days * 12 + 182) / 365);
      return g_strdup_printf (ngettext ("%d month", "%d months", months), months);
    }
  return g_strdup_printf (ngettext ("%d year", "%d years", days / 365),
                          (int) (days / 365));
}

/* The time from @from to @until (NULL: now), said as a duration; the
 * stage still running is "so far". */
static char *
stage_duration (const char *from,
                const char *until)
{
  g_autoptr(GDateTime) start = from != NULL ? g_date_time_new_from_iso8601 (from, NULL) : NULL;
  g_autoptr(GDateTime) end = until != NULL ? g_date_time_new_from_iso8601 (until, NULL)
                                           : g_date_time_new_now_utc ();
  g_autofree char *duration = NULL;

  if (start == NULL || end == NULL)
    return NULL;
  duration = format_duration (MAX (g_date_time_difference (end, start), 0));
  if (until == NULL)
    /* Translators: how long the KOL has been in the current stage, e.g. "3 days so far" */
    return g_strdup_printf (_("%s so far"), duration);
  return g_steal_pointer (&duration);
}

static void
describe_channel (KdxRecord  *item,
                  char      **title,
                  char      **subtitle)
{
  g_autofree char *platform = NULL;
  g_autofree char *handle = NULL;
  g_autofree char *checked_on = NULL;
  g_autofree char *count = NULL;
  gint64 followers, rank;

  g_object_get (item, "platform", &platform, "handle", &handle, "followers", &followers,
                "rank", &rank, "checked-on", &checked_on, NULL);
  count = kdx_value_format_count (followers, kdx_value_count_style_for_locale ());
  *title = handle != NULL
    ? g_strdup_printf ("%s · %s", kdx_platform_get_label (platform), handle)
    : g_strdup (kdx_platform_get_label (platform));
  /* A count of 0 is one nobody entered: said by saying nothing. */
  if (rank > 0 && followers > 0)
    /* Translators: followers on a platform, then the KOL's rank there */
    *subtitle = g_strdup_printf (_("%s followers · rank %" PRId64), count, rank);
  else if (rank > 0)
    *subtitle = g_strdup_printf (_("Rank %" PRId64), rank);
  else if (followers > 0)
    *subtitle = g_strdup_printf (_("%s followers"), count);
  if (checked_on != NULL)
    {
      g_autofree char *day = kdx_date_picker_format (checked_on, FALSE);
      g_autofree char *with_date = *subtitle != NULL
        ? g_strdup_printf (_("%s · checked %s"), *subtitle, day)
        : g_strdup_printf (_("Checked %s"), day);
      g_free (*subtitle);
      *subtitle = g_steal_pointer (&with_date);
    }
}

/* Who made it, when Koldex knows (schema 11): older items say nothing,
 * rather than a guess. */
static void
append_made_by (GString    *text,
                const char *made_by)
{
  if (made_by == NULL || *made_by == '\0')
    return;
  /* Translators: who logged an event or moved a KOL, after its time */
  g_string_append_printf (text, _(" · by %s"), made_by);
}

static void
describe_event (KdxRecord  *item,
                char      **title,
                char      **subtitle)
{
  g_autofree char *at = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *when = NULL;
  g_autofree char *channel = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *made_by = NULL;
  g_autoptr(GString) text = NULL;
  int kind, outcome;

  g_object_get (item, "at", &at, "kind", &kind, "channel", &channel, "summary", &summary,
                "outcome", &outcome, "amount", &amount, "made-by", &made_by, NULL);
  when = local_time (at);
  *title = g_strdup (summary != NULL ? summary : kdx_enum_get_label (KDX_TYPE_EVENT_KIND, kind));
  /* When · kind · channel · outcome · amount, each only when known. */
  text = g_string_new (when);
  g_string_append_printf (text, " · %s", kdx_enum_get_label (KDX_TYPE_EVENT_KIND, kind));
  if (channel != NULL)
    g_string_append_printf (text, " · %s", kdx_channel_get_label (channel));
  if (outcome != KDX_OUTCOME_NONE)
    g_string_append_printf (text, " · %s", kdx_enum_get_label (KDX_TYPE_OUTCOME, outcome));
  if (amount != NULL)
    g_string_append_printf (text, " · %s", amount);
  append_made_by (text, made_by);
  *subtitle = g_string_free (g_steal_pointer (&text), FALSE);
}

static void
describe_important_date (KdxRecord  *item,
                         char      **title,
                         char      **subtitle)
{
  g_autofree char *label = NULL;
  g_autofree char *date = NULL;
  g_autofree char *day = NULL;
  gboolean yearly;
  int calendar;

  g_object_get (item, "label", &label, "date", &date, "yearly", &yearly, "calendar", &calendar, NULL);
  day = kdx_date_picker_format (date, FALSE);
  *title = g_strdup (label);
  if (calendar == KDX_CALENDAR_CHINESE)
    *subtitle = yearly ? g_strdup_printf (_("%s, every year by the lunar calendar"), day)
                       : g_strdup_printf (_("%s (lunar calendar)"), day);
  else
    *subtitle = yearly ? g_strdup_printf (_("%s, every year"), day) : g_strdup (day);
}

static void
describe_stage (KdxStageEntry  *entry,
                const char     *next_at,
                char          **title,
                char          **subtitle)
{
  g_autofree char *when = local_time (kdx_stage_entry_get_at (entry));
  g_autofree char *lasted = stage_duration (kdx_stage_entry_get_at (entry), next_at);
  const char *note = kdx_stage_entry_get_note (entry);
  g_autoptr(GString) text = g_string_new (when);

  if (lasted != NULL)
    g_string_append_printf (text, " · %s", lasted);
  append_made_by (text, kdx_stage_entry_get_made_by (entry));
  if (note != NULL)
    g_string_append_printf (text, " · %s", note);
  *title = g_strdup (kdx_stage_get_label (kdx_stage_entry_get_stage (entry)));
  *subtitle = g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update (KdxItemRow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *remove_label = NULL;

  if (self->item == NULL)
    return;

  if (KDX_IS_CHANNEL (self->item))
    describe_channel (self->item, &title, &subtitle);
  else if (KDX_IS_EVENT (self->item))
    describe_event (self->item, &title, &subtitle);
  else if (KDX_IS_IMPORTANT_DATE (self->item))
    describe_important_date (self->item, &title, &subtitle);
  else
    describe_stage (KDX_STAGE_ENTRY (self->item), self->next_at, &title, &subtitle);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle != NULL ? subtitle : "");
  remove_label = g_strdup_printf (_("Remove “%s”"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_REMOVE], 0);
}

/* ---- object ------------------------------------------------------------------ */

static void
kdx_item_row_constructed (GObject *object)
{
  KdxItemRow *self = KDX_ITEM_ROW (object);

  G_OBJECT_CLASS (kdx_item_row_parent_class)->constructed (object);

  /* The stage history is written by stage moves only. */
  gtk_widget_set_visible (self->remove_button, !self->read_only);
  gtk_widget_set_visible (self->edit_image, !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "item.remove", !self->read_only);
  if (!self->read_only)
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
}

static void
kdx_item_row_dispose (GObject *object)
{
  KdxItemRow *self = KDX_ITEM_ROW (object);

  if (self->item_signals != NULL)
    g_signal_group_set_target (self->item_signals, NULL);
  g_clear_object (&self->item_signals);
  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_ITEM_ROW);

  G_OBJECT_CLASS (kdx_item_row_parent_class)->dispose (object);
}

static void
kdx_item_row_finalize (GObject *object)
{
  KdxItemRow *self = KDX_ITEM_ROW (object);

  g_free (self->next_at);

  G_OBJECT_CLASS (kdx_item_row_parent_class)->finalize (object);
}

static void
kdx_item_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KdxItemRow *self = KDX_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    case PROP_NEXT_AT:
      g_value_set_string (value, self->next_at);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_item_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KdxItemRow *self = KDX_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      kdx_item_row_set_item (self, g_value_get_object (value));
      break;
    case PROP_POSITION:
      self->position = g_value_get_uint (value);
      break;
    case PROP_NEXT_AT:
      kdx_item_row_set_next_at (self, g_value_get_string (value));
      break;
    case PROP_READ_ONLY:
      self->read_only = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_item_row_class_init (KdxItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kdx_item_row_constructed;
  object_class->dispose = kdx_item_row_dispose;
  object_class->finalize = kdx_item_row_finalize;
  object_class->get_property = kdx_item_row_get_property;
  object_class->set_property = kdx_item_row_set_property;

  /* KdxItemRow:item: the list item shown, followed as it changes */
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, KDX_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* KdxItemRow:position: where the item is in its list (rows may be shown in another order) */
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* KdxItemRow:next-at: for a stage, when the next began, to say how long it lasted */
  properties[PROP_NEXT_AT] =
    g_param_spec_string ("next-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* KdxItemRow:read-only: shown only, neither edited nor removed */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KdxItemRow::remove:
   *
   * The user asked to remove the item.
   */
  signals[SIGNAL_REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/kdx-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxItemRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, KdxItemRow, edit_image);

  gtk_widget_class_install_action (widget_class, "item.remove", NULL, remove_action);
}

static void
kdx_item_row_init (KdxItemRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->item_signals = g_signal_group_new (KDX_TYPE_RECORD);
  g_signal_group_connect_swapped (self->item_signals, "notify", G_CALLBACK (update), self);
}

GtkWidget *
kdx_item_row_new (KdxRecord  *item,
                  guint       position,
                  const char *next_at,
                  gboolean    read_only)
{
  return g_object_new (KDX_TYPE_ITEM_ROW,
                       "item", item,
                       "position", position,
                       "next-at", next_at,
                       "read-only", read_only,
                       NULL);
}

KdxRecord *
kdx_item_row_get_item (KdxItemRow *self)
{
  g_return_val_if_fail (KDX_IS_ITEM_ROW (self), NULL);
  return self->item;
}

void
kdx_item_row_set_item (KdxItemRow *self,
                       KdxRecord  *item)
{
  g_return_if_fail (KDX_IS_ITEM_ROW (self));

  if (!g_set_object (&self->item, item))
    return;
  g_signal_group_set_target (self->item_signals, item);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

guint
kdx_item_row_get_position (KdxItemRow *self)
{
  g_return_val_if_fail (KDX_IS_ITEM_ROW (self), 0);
  return self->position;
}

const char *
kdx_item_row_get_next_at (KdxItemRow *self)
{
  g_return_val_if_fail (KDX_IS_ITEM_ROW (self), NULL);
  return self->next_at;
}

void
kdx_item_row_set_next_at (KdxItemRow *self,
                          const char *next_at)
{
  g_return_if_fail (KDX_IS_ITEM_ROW (self));

  if (g_strcmp0 (self->next_at, next_at) == 0)
    return;
  g_free (self->next_at);
  self->next_at = g_strdup (next_at);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_AT]);
}

gboolean
kdx_item_row_get_read_only (KdxItemRow *self)
{
  g_return_val_if_fail (KDX_IS_ITEM_ROW (self), FALSE);
  return self->read_only;
}
