/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-application"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-application.h"
#include "kdx-app-resources.h"
#include "kdx-backup-job.h"
#include "kdx-preferences-window.h"
#include "kdx-reminder.h"
#include "kdx-window.h"

struct _KdxApplication
{
  AdwApplication  parent_instance;

  char           *database;  /* --database, NULL for the default */
  KdxStore       *store;
  KdxReminder    *reminder;  /* once the store is open */
  GCancellable   *backup_cancellable;  /* the daily backup at start */
};

G_DEFINE_FINAL_TYPE (KdxApplication, kdx_application, ADW_TYPE_APPLICATION)

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  KdxApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Koldex developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", window,
                        "modal", TRUE,
                        "application-name", _("Koldex"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Koldex developers"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("Keep a file on every KOL of your programme, from candidate to departed. "
                                      "Your data stays on this computer."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (kdx_preferences_window_new (window)));
}

/* The notification's action: the window, on Today; a new window when
 * Koldex ran in the background without one. */
static void
show_today_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (user_data));
  window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  if (KDX_IS_WINDOW (window))
    kdx_window_show_view (KDX_WINDOW (window), "today");
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  KdxApplication *self = user_data;

  /* A copy: a window that closes leaves the application's list. */
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Quit ends Koldex even when it keeps running in the background. */
  if (self->reminder != NULL)
    kdx_reminder_release (self->reminder);

  /* Each window closes as if its close button were pressed: it saves the
   * edit being typed and its size, and asks before stopping running work.
   * The application ends with its last window. */
  g_list_foreach (windows, (GFunc) g_object_ref, NULL);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
  { "show-today", show_today_action },
};

/* The store is opened once, by the first window that needs it; a failure
 * is shown in that window rather than ending the program silently. */
/* --database, else KOLDEX_DATABASE (NULL: the store reads it), else the
 * database chosen in Preferences › Team Database, else NULL (the
 * default file). */
static char *
configured_database (KdxApplication *self)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *chosen = NULL;

  if (self->database != NULL || g_getenv ("KOLDEX_DATABASE") != NULL)
    return g_strdup (self->database);
  settings = g_settings_new (APP_ID);
  chosen = g_settings_get_string (settings, "database");
  return *chosen != '\0' ? g_steal_pointer (&chosen) : NULL;
}

static KdxStore *
ensure_store (KdxApplication  *self,
              GError         **error)
{
  if (self->store == NULL)
    {
      g_autofree char *database = configured_database (self);

      self->store = kdx_store_open (database, error);
    }
  return self->store;
}

/* KOLDEX_QUIT_AFTER_FIRST_FRAME=1: build-aux/bench times the start to
 * the first frame painted, and the memory that took, by running the app
 * until then. Nothing else reads it. */
static void
first_frame_cb (GdkFrameClock *clock,
                GApplication  *app)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, app);
  g_application_quit (app);
}

static void
quit_after_first_frame (GApplication *app,
                        GtkWindow    *window)
{
  GdkFrameClock *clock;

  if (g_getenv ("KOLDEX_QUIT_AFTER_FIRST_FRAME") == NULL
      || (clock = gtk_widget_get_frame_clock (GTK_WIDGET (window))) == NULL)
    return;
  g_signal_connect (clock, "after-paint", G_CALLBACK (first_frame_cb), app);
}

static void
daily_backup_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  KdxBackupJob *job = KDX_BACKUP_JOB (source);
  g_autoptr(GError) error = NULL;

  /* Damage found here reaches the window through the store's "damaged";
   * anything else is no reason to trouble the operator at start. */
  if (!kdx_backup_job_run_finish (job, result, &error))
    g_debug ("No daily backup: %s", error->message);
  else if (kdx_backup_job_get_path (job) != NULL)
    g_debug ("Backed up to %s", kdx_backup_job_get_path (job));
}

/* Once a day, when Koldex starts: a backup, in a worker on its own
 * connection, so the first frame never waits for it; a database too large
 * to check at open is checked there. */
static void
start_daily_backup (KdxApplication *self)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(KdxBackupJob) job = kdx_backup_job_new (self->store, g_settings_get_uint (settings, "backups-kept"));

  self->backup_cancellable = g_cancellable_new ();
  kdx_backup_job_set_daily (job, TRUE);
  kdx_backup_job_run_async (job, self->backup_cancellable, daily_backup_done_cb, NULL);
}

/* The first time the store opens: what runs beside the windows. The
 * reminder speaks when the due list is there; the backup starts once the
 * window has shown its first frame: at 100,000 KOLs copying and checking
 * the database took a core from the window's start (issue 16). */
static void
store_opened (KdxApplication *self)
{
  if (self->reminder != NULL)
    return;
  self->reminder = kdx_reminder_new (G_APPLICATION (self), self->store);
  kdx_reminder_check_when_ready (self->reminder);
}

static void
backup_after_first_frame_cb (GdkFrameClock  *clock,
                             KdxApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, backup_after_first_frame_cb, self);
  if (self->backup_cancellable == NULL && self->store != NULL)
    start_daily_backup (self);
}

static void
back_up_after_first_frame (KdxApplication *self,
                           GtkWindow      *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  if (self->backup_cancellable != NULL || self->store == NULL)
    return;
  if (clock == NULL)
    start_daily_backup (self);
  else
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (backup_after_first_frame_cb), self, 0);
}

static void
kdx_application_activate (GApplication *app)
{
  KdxApplication *self = KDX_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      KdxStore *store = ensure_store (self, &error);

      window = GTK_WINDOW (kdx_window_new (self, store, error));
      /* The first window of a run: what is due is said at once. */
      if (store != NULL)
        store_opened (self);
    }

  gtk_window_present (window);
  back_up_after_first_frame (self, window);
  quit_after_first_frame (app, window);
}

/* koldex FILE: the window, then the file's import. */
static void
kdx_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  GtkWindow *window;

  g_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  for (int i = 0; i < n_files && KDX_IS_WINDOW (window); i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      if (path != NULL)
        kdx_window_import_file (KDX_WINDOW (window), path);
    }
}

static int
kdx_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  KdxApplication *self = KDX_APPLICATION (app);
  const char *database = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("koldex %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "database", "^&ay", &database))
    {
      g_free (self->database);
      self->database = g_strdup (database);
    }

  /* Another database is another Koldex: it must not hand its window to a
   * running instance that shows a different file. */
  if (self->database != NULL || g_getenv ("KOLDEX_DATABASE") != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

/* Every accelerator of the app, in one place (listed in the shortcuts
 * window, src/app/gtk/help-overlay.ui). */
static const struct
{
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "win.add-kol", { "<Control>n", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "win.delete", { "Delete", NULL } },
  { "win.log-contact", { "<Control>l", NULL } },
  { "win.bulk-edit", { "<Control><Shift>e", NULL } },
  { "win.print", { "<Control>p", NULL } },
  { "win.export", { "<Control>e", NULL } },
  { "win.import", { "<Control>o", NULL } },
  { "win.show-view('list')", { "<Alt>1", NULL } },
  { "win.show-view('board')", { "<Alt>2", NULL } },
  { "win.show-view('today')", { "<Alt>3", NULL } },
  { "win.show-view('insights')", { "<Alt>4", NULL } },
};

static void
kdx_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (kdx_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static void
kdx_application_shutdown (GApplication *app)
{
  KdxApplication *self = KDX_APPLICATION (app);

  g_clear_object (&self->reminder);
  g_cancellable_cancel (self->backup_cancellable);
  g_clear_object (&self->backup_cancellable);

  G_APPLICATION_CLASS (kdx_application_parent_class)->shutdown (app);
}

static void
kdx_application_finalize (GObject *object)
{
  KdxApplication *self = KDX_APPLICATION (object);

  g_clear_object (&self->store);
  g_free (self->database);

  G_OBJECT_CLASS (kdx_application_parent_class)->finalize (object);
}

static void
kdx_application_class_init (KdxApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  kdx_app_ensure_resources ();

  object_class->finalize = kdx_application_finalize;
  app_class->activate = kdx_application_activate;
  app_class->open = kdx_application_open;
  app_class->startup = kdx_application_startup;
  app_class->shutdown = kdx_application_shutdown;
  app_class->handle_local_options = kdx_application_handle_local_options;
}

static void
kdx_application_init (KdxApplication *self)
{
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open this database instead of the default one"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

KdxApplication *
kdx_application_new (void)
{
  return g_object_new (KDX_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

KdxStore *
kdx_application_get_store (KdxApplication *self)
{
  g_return_val_if_fail (KDX_IS_APPLICATION (self), NULL);
  return self->store;
}

/* The database Koldex opens: --database, KOLDEX_DATABASE, the one chosen
 * in Preferences or the default. */
char *
kdx_application_get_database (KdxApplication *self)
{
  g_autofree char *database = NULL;

  g_return_val_if_fail (KDX_IS_APPLICATION (self), NULL);
  database = configured_database (self);
  return kdx_store_resolve_path (database);
}

/**
 * kdx_application_adopt_restored:
 * @restored: the store open on a restored database
 *
 * After a backup was restored over a database that could not be opened
 * (damaged): the application keeps @restored, and each window that had
 * no database gives way to one that shows it. (A restore into an open
 * store needs none of this: the store says "changed".)
 */
void
kdx_application_adopt_restored (KdxApplication *self,
                                KdxStore       *restored)
{
  g_autoptr(GList) windows = NULL;

  g_return_if_fail (KDX_IS_APPLICATION (self));
  g_return_if_fail (KDX_IS_STORE (restored));

  if (self->store == restored)
    return;
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (restored);
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (!KDX_IS_WINDOW (l->data) || kdx_window_get_store (l->data) != NULL)
        continue;
      gtk_window_present (GTK_WINDOW (kdx_window_new (self, restored, NULL)));
      gtk_window_destroy (l->data);
    }
  store_opened (self);
}

/* A window and what it opened over itself (an import assistant showing
 * its report, the shortcuts, a dialog): they were about its database,
 * and left behind they point at a window that is gone. */
static void
destroy_with_children (GtkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i - 1);

      if (gtk_window_get_transient_for (toplevel) == window)
        destroy_with_children (toplevel);
    }
  gtk_window_destroy (window);
}

/**
 * kdx_application_switch_store:
 * @store: the store open on the database chosen in Preferences
 *
 * Preferences › Team Database connected another database: the
 * application keeps @store, remembers where it is for the next start
 * (its location without any password: the password is in the keyring),
 * and each window gives way to one on @store, in the same place.
 */
void
kdx_application_switch_store (KdxApplication *self,
                              KdxStore       *store)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GList) windows = NULL;
  const char *location;

  g_return_if_fail (KDX_IS_APPLICATION (self));
  g_return_if_fail (KDX_IS_STORE (store));

  location = kdx_store_get_path (store);
  g_settings_set_string (settings, "database", location);
  g_free (self->database);
  self->database = g_strdup (location);

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  g_set_object (&self->store, store);
  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (!KDX_IS_WINDOW (l->data))
        continue;
      gtk_window_present (GTK_WINDOW (kdx_window_new (self, store, NULL)));
      destroy_with_children (l->data);
    }
  /* The reminder, once running, follows the database the windows show. */
  if (self->reminder != NULL)
    {
      kdx_reminder_release (self->reminder);
      g_clear_object (&self->reminder);
      store_opened (self);
    }
}
