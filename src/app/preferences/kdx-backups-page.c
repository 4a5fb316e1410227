/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-backups-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-app-resources.h"
#include "kdx-application.h"
#include "kdx-backup-job.h"
#include "kdx-backups-page.h"
#include "kdx-backups.h"
#include "kdx-job-registry.h"

/* Preferences › Backups: how many daily backups are kept, Back Up Now,
 * and the backups there are, each with Restore… (confirmed first). The
 * core does the work (kdx-backups.c); a restore into the open store
 * reaches every view through its "changed", and one over a database that
 * could not be opened (damaged) gives the application the new store. */

struct _KdxBackupsPage
{
  AdwPreferencesPage   parent_instance;

  KdxStore            *store;     /* NULL when the database could not be opened */
  char                *database;
  GSettings           *settings;
  GCancellable        *cancellable;
  GCancellable        *backing_up;  /* Back Up Now's, registered as a running job */
  GPtrArray           *rows;      /* what the list group shows now */

  AdwActionRow        *kept_row;
  AdwActionRow        *folder_row;
  AdwPreferencesGroup *list_group;
  GtkWidget           *back_up_button;
};

G_DEFINE_FINAL_TYPE (KdxBackupsPage, kdx_backups_page, ADW_TYPE_PREFERENCES_PAGE)

/* A backup, as the operator recognises it: when it was made. */
static char *
describe_made (GDateTime *made)
{
  /* Translators: when a backup was made; see g_date_time_format() */
  return g_date_time_format (made, _("%Y-%m-%d %H:%M"));
}

static void
show_toast (KdxBackupsPage *self,
            const char     *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static GtkWidget *
backup_row_new (KdxBackupInfo *info)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));
  g_autofree char *title = describe_made (info->made);
  g_autofree char *size = g_format_size (info->size);
  g_autofree char *subtitle = NULL;

  if (info->problem != NULL)
    subtitle = g_strdup (info->problem);
  else
    /* Translators: a backup's size, then how many KOL files it holds */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d KOL", "%s · %d KOLs",
                                             info->n_kols),
                                size, (int) info->n_kols);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "backups.restore");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", info->path);
  gtk_widget_set_sensitive (button, info->problem == NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

/* The list, read again from the folder. */
static void
refresh (KdxBackupsPage *self)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->list_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  backups = kdx_backups_list (self->database, &error);
  if (backups == NULL || backups->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     backups == NULL ? error->message : _("No backups yet"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_group_add (self->list_group, row);
      g_ptr_array_add (self->rows, row);
      return;
    }

  for (guint i = 0; i < backups->len; i++)
    {
      GtkWidget *row = backup_row_new (g_ptr_array_index (backups, i));

      adw_preferences_group_add (self->list_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

/* ---- Back Up Now ---------------------------------------------------------- */

static void
back_up_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KdxBackupsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_autoptr(GCancellable) backing_up = g_steal_pointer (&self->backing_up);

  kdx_job_registry_remove (kdx_job_registry_get_default (), backing_up);
  if (!kdx_backup_job_run_finish (KDX_BACKUP_JOB (source), result, &error))
    message = g_strdup (error->message);
  else
    message = g_strdup_printf (_("Backed up to %s"), kdx_backup_job_get_path (KDX_BACKUP_JOB (source)));

  /* The page's own, cancelled when it went away (which clears it). */
  if (g_cancellable_is_cancelled (backing_up))
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.back-up", TRUE);
  show_toast (self, message);
  refresh (self);
}

static void
back_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KdxBackupsPage *self = KDX_BACKUPS_PAGE (widget);
  g_autoptr(KdxBackupJob) job = kdx_backup_job_new (self->store, g_settings_get_uint (self->settings, "backups-kept"));

  gtk_widget_action_set_enabled (widget, "backups.back-up", FALSE);
  /* Known to the registry (one at a time: the action waits), so that
   * connecting to another database in Preferences asks first. */
  self->backing_up = g_object_ref (self->cancellable);
  kdx_job_registry_add_kind (kdx_job_registry_get_default (), self->backing_up, KDX_JOB_KIND_BACKUP);
  kdx_backup_job_run_async (job, self->cancellable, back_up_done_cb, g_object_ref (self));
}

/* ---- Restore… ------------------------------------------------------------- */

typedef struct
{
  KdxBackupsPage *page;
  char           *backup;
  GDateTime      *now;    /* names the replaced file, as the dialog said */
} RestoreRequest;

static void
restore_request_free (RestoreRequest *request)
{
  g_object_unref (request->page);
  g_free (request->backup);
  g_date_time_unref (request->now);
  g_free (request);
}

typedef struct
{
  KdxStore  *restored;
  GtkWindow *preferences;
} AdoptLater;

static void
adopt_later_free (AdoptLater *later)
{
  g_object_unref (later->restored);
  g_clear_object (&later->preferences);
  g_free (later);
}

static gboolean
adopt_later_cb (gpointer user_data)
{
  AdoptLater *later = user_data;
  GApplication *application = g_application_get_default ();

  /* Let go of the window it belonged to first: that one is destroyed. */
  if (later->preferences != NULL)
    {
      gtk_window_set_transient_for (later->preferences, NULL);
      gtk_window_destroy (later->preferences);
      g_clear_object (&later->preferences);
    }
  if (KDX_IS_APPLICATION (application))
    kdx_application_adopt_restored (KDX_APPLICATION (application), later->restored);
  return G_SOURCE_REMOVE;
}

static void
restore (RestoreRequest *request)
{
  KdxBackupsPage *self = request->page;
  g_autoptr(KdxStore) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *message = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  restored = kdx_backups_restore (self->database, self->store, request->backup, request->now,
                                  &replaced, &error);
  if (restored == NULL)
    {
      show_toast (self, error->message);
      refresh (self);
      return;
    }

  if (self->store == NULL)
    {
      /* After the confirmation has gone: these preferences close, and the
       * windows that showed the damage give way to the restored data. */
      AdoptLater *later = g_new0 (AdoptLater, 1);

      later->restored = g_steal_pointer (&restored);
      later->preferences = GTK_IS_WINDOW (root) ? g_object_ref (GTK_WINDOW (root)) : NULL;
      g_idle_add_full (G_PRIORITY_DEFAULT, adopt_later_cb, later, (GDestroyNotify) adopt_later_free);
      return;
    }

  message = replaced != NULL
    ? g_strdup_printf (_("Restored. The database it replaced is kept as %s"), replaced)
    : g_strdup (_("Restored"));
  show_toast (self, message);
  refresh (self);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  RestoreRequest *request = user_data;

  if (g_str_equal (response, "restore"))
    restore (request);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KdxBackupsPage *self = KDX_BACKUPS_PAGE (widget);
  RestoreRequest *request = g_new0 (RestoreRequest, 1);
  g_autoptr(GDateTime) made = NULL;
  g_autofree char *when = NULL;
  g_autofree char *kept_as = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  request->page = g_object_ref (self);
  request->backup = g_variant_dup_string (parameter, NULL);
  request->now = g_date_time_new_now_local ();

  /* When the backup was made, and the name the replaced database gets. */
  made = kdx_backups_get_made (self->database, request->backup);
  when = made != NULL ? describe_made (made) : g_path_get_basename (request->backup);
  kept_as = kdx_backups_get_replaced_path (self->database, request->now);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Restore This Backup?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("Replace the current database with the backup of %s? "
                                    "The current one is kept aside as %s."),
                                  when, kept_as);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (confirm_response_cb),
                         request, (GClosureNotify) restore_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- object --------------------------------------------------------------- */

static void
kdx_backups_page_dispose (GObject *object)
{
  KdxBackupsPage *self = KDX_BACKUPS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_BACKUPS_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kdx_backups_page_parent_class)->dispose (object);
}

static void
kdx_backups_page_finalize (GObject *object)
{
  KdxBackupsPage *self = KDX_BACKUPS_PAGE (object);

  g_free (self->database);
  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (kdx_backups_page_parent_class)->finalize (object);
}

static void
kdx_backups_page_class_init (KdxBackupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_backups_page_dispose;
  object_class->finalize = kdx_backups_page_finalize;

  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/app/kdx-backups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxBackupsPage, kept_row);
  gtk_widget_class_bind_template_child (widget_class, KdxBackupsPage, folder_row);
  gtk_widget_class_bind_template_child (widget_class, KdxBackupsPage, list_group);
  gtk_widget_class_bind_template_child (widget_class, KdxBackupsPage, back_up_button);

  gtk_widget_class_install_action (widget_class, "backups.back-up", NULL, back_up_action);
  gtk_widget_class_install_action (widget_class, "backups.restore", "s", restore_action);
}

static void
kdx_backups_page_init (KdxBackupsPage *self)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (1, 365, 1);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_name (spin, "backups-kept");
  g_settings_bind (self->settings, "backups-kept", gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin)),
                   "value", G_SETTINGS_BIND_DEFAULT);
  adw_action_row_add_suffix (self->kept_row, spin);
  adw_action_row_set_activatable_widget (self->kept_row, spin);
}

/**
 * kdx_backups_page_new:
 * @store: (nullable): the open database, or %NULL when it could not be
 *   opened (damaged): then backups can be restored, not made
 * @database: the database's path
 */
GtkWidget *
kdx_backups_page_new (KdxStore   *store,
                      const char *database)
{
  KdxBackupsPage *self = g_object_new (KDX_TYPE_BACKUPS_PAGE, NULL);
  g_autofree char *folder = kdx_backups_get_folder (database);

  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->database = g_strdup (database);
  adw_action_row_set_subtitle (self->folder_row, folder);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.back-up",
                                 store != NULL && !kdx_store_is_damaged (store));
  refresh (self);
  return GTK_WIDGET (self);
}
