/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-app-resources.h"
#include "kdx-application.h"
#include "kdx-backups-page.h"
#include "kdx-due-preferences.h"
#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-festival.h"
#include "kdx-application.h"
#include "kdx-pace-preferences.h"
#include "kdx-team-page.h"
#include "kdx-window.h"
#include "kdx-operator.h"
#include "kdx-preferences-window.h"
#include "kdx-window.h"

struct _KdxPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  AdwPreferencesGroup  *operator_group;
  AdwEntryRow          *operator_row;
  AdwPreferencesGroup  *interval_group;
  AdwActionRow         *days_ahead_row;
  AdwPreferencesGroup  *festival_group;
  AdwPreferencesGroup  *tier_group;
  AdwPreferencesGroup  *pace_group;
  GtkSwitch            *background_switch;
};

G_DEFINE_FINAL_TYPE (KdxPreferencesWindow, kdx_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The tiers in the order of the pyramid. */
static const KdxTier tiers[] = { KDX_TIER_HEAD, KDX_TIER_WAIST, KDX_TIER_TAIL, KDX_TIER_UNRATED };

/* A switch stands for one id in a string-list key ("greeted-festivals",
 * "greeted-tiers"): on when the id is in the list; turning it on or off
 * adds or removes just that id, keeping the others as they are. */
typedef struct
{
  GSettings *settings;
  char      *key;
  char      *id;
} MemberSwitch;

static void
member_switch_free (gpointer data)
{
  MemberSwitch *member = data;

  g_object_unref (member->settings);
  g_free (member->key);
  g_free (member->id);
  g_free (member);
}

static gboolean
member_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  MemberSwitch *member = user_data;
  g_autofree const char **ids = g_variant_get_strv (variant, NULL);

  g_value_set_boolean (value, g_strv_contains (ids, member->id));
  return TRUE;
}

static GVariant *
member_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  MemberSwitch *member = user_data;
  g_auto(GStrv) ids = g_settings_get_strv (member->settings, member->key);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;

  for (guint i = 0; ids[i] != NULL; i++)
    if (!g_str_equal (ids[i], member->id))
      g_strv_builder_add (builder, ids[i]);
  if (g_value_get_boolean (value))
    g_strv_builder_add (builder, member->id);
  result = g_strv_builder_end (builder);
  return g_variant_new_strv ((const char * const *) result, -1);
}

static void
add_member_switch (KdxPreferencesWindow *self,
                   AdwPreferencesGroup  *group,
                   const char           *key,
                   const char           *id,
                   const char           *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  MemberSwitch *member = g_new0 (MemberSwitch, 1);

  member->settings = g_object_ref (self->settings);
  member->key = g_strdup (key);
  member->id = g_strdup (id);

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  gtk_widget_set_name (toggle, id);
  adw_preferences_group_add (group, row);

  g_settings_bind_with_mapping (self->settings, key, toggle, "active", G_SETTINGS_BIND_DEFAULT,
                                member_get_mapping, member_set_mapping,
                                member, member_switch_free);
}

/* A number of days, typed or stepped; saved as it changes. */
static GtkWidget *
days_spin_new (GSettings  *settings,
               const char *key,
               guint       max)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 1);

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_name (spin, key);
  g_settings_bind (settings, key, gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin)),
                   "value", G_SETTINGS_BIND_DEFAULT);
  return spin;
}

static void
add_interval_rows (KdxPreferencesWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (tiers); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = days_spin_new (self->settings, kdx_due_preferences_interval_key (tiers[i]), 3650);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     kdx_enum_get_label (KDX_TYPE_TIER, tiers[i]));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Days"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      adw_preferences_group_add (self->interval_group, row);

      add_member_switch (self, self->tier_group, "greeted-tiers",
                         kdx_enum_to_string (KDX_TYPE_TIER, tiers[i]),
                         kdx_enum_get_label (KDX_TYPE_TIER, tiers[i]));
    }
}

/* The categories in use come from the database of the window the
 * preferences opened over (or the application's). */
static void
kdx_preferences_window_constructed (GObject *object)
{
  KdxPreferencesWindow *self = KDX_PREFERENCES_WINDOW (object);
  GtkWindow *parent;
  KdxStore *store = NULL;

  G_OBJECT_CLASS (kdx_preferences_window_parent_class)->constructed (object);

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (KDX_IS_WINDOW (parent))
    store = kdx_window_get_store (KDX_WINDOW (parent));
  else if (parent != NULL && KDX_IS_APPLICATION (gtk_window_get_application (parent)))
    store = kdx_application_get_store (KDX_APPLICATION (gtk_window_get_application (parent)));
  kdx_pace_preferences_fill (self->pace_group, self->settings, store);
}

static void
kdx_preferences_window_dispose (GObject *object)
{
  KdxPreferencesWindow *self = KDX_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kdx_preferences_window_parent_class)->dispose (object);
}

static void
kdx_preferences_window_class_init (KdxPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kdx_preferences_window_constructed;
  object_class->dispose = kdx_preferences_window_dispose;

  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/app/kdx-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxPreferencesWindow, operator_group);
  gtk_widget_class_bind_template_child (widget_class, KdxPreferencesWindow, operator_row);
  gtk_widget_class_bind_template_child (widget_class, KdxPreferencesWindow, interval_group);
  gtk_widget_class_bind_template_child (widget_class, KdxPreferencesWindow, days_ahead_row);
  gtk_widget_class_bind_template_child (widget_class, KdxPreferencesWindow, festival_group);
  gtk_widget_class_bind_template_child (widget_class, KdxPreferencesWindow, tier_group);
  gtk_widget_class_bind_template_child (widget_class, KdxPreferencesWindow, pace_group);
  gtk_widget_class_bind_template_child (widget_class, KdxPreferencesWindow, background_switch);
}

/* Says where the one name is used, and which name an empty row stands
 * for: the login's full name. */
static void
describe_operator (KdxPreferencesWindow *self)
{
  g_autofree char *fallback = kdx_operator_login_name ();
  /* Translators: %s is the login's full name, used when the row is empty */
  g_autofree char *description = g_strdup_printf (_("Goes in the Owner field of the KOLs you add, picks "
                                                    "out your KOLs for My KOLs, and is recorded on the "
                                                    "contacts, stage moves and imports you make. Left "
                                                    "empty: %s."),
                                                  fallback);

  adw_preferences_group_set_description (self->operator_group, description);
}

static void
kdx_preferences_window_init (KdxPreferencesWindow *self)
{
  GtkWidget *days_ahead;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Saved as typed: preferences have no Apply button in GNOME. */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "operator-name", self->operator_row, "text", G_SETTINGS_BIND_DEFAULT);
  describe_operator (self);

  add_interval_rows (self);

  days_ahead = days_spin_new (self->settings, "important-days-ahead", 366);
  adw_action_row_add_suffix (self->days_ahead_row, days_ahead);
  adw_action_row_set_activatable_widget (self->days_ahead_row, days_ahead);

  for (KdxFestival festival = 0; festival < KDX_N_FESTIVALS; festival++)
    add_member_switch (self, self->festival_group, "greeted-festivals",
                       kdx_festival_to_string (festival), kdx_festival_get_label (festival));

  g_settings_bind (self->settings, "run-in-background", self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

/* The database of the window Preferences were opened from, and where it
 * is (none when it could not be opened: then the one the application
 * would open): what the Backups and Team Database pages work on. */
static char *
database_of (GtkWindow  *parent,
             KdxStore  **store)
{
  GApplication *application = g_application_get_default ();

  *store = KDX_IS_WINDOW (parent) ? kdx_window_get_store (KDX_WINDOW (parent)) : NULL;
  if (*store != NULL)
    return g_strdup (kdx_store_get_path (*store));
  if (KDX_IS_APPLICATION (application))
    return kdx_application_get_database (KDX_APPLICATION (application));
  return kdx_store_resolve_path (NULL);
}

GtkWidget *
kdx_preferences_window_new (GtkWindow *parent)
{
  GtkWidget *self = g_object_new (KDX_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  KdxStore *store = NULL;
  g_autofree char *database = database_of (parent, &store);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (kdx_backups_page_new (store, database)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (kdx_team_page_new (store, database)));
  return self;
}
