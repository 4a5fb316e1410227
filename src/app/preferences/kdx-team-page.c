/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-team-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-app-resources.h"
#include "kdx-application.h"
#include "kdx-job-registry.h"
#include "kdx-team-page.h"
#include "kdx-team-switch.h"
#include "kdx-window.h"

/* Preferences › Team Database (issue 14, items 1 and 6): where Koldex
 * keeps its files, a file on this computer or a team's PostgreSQL
 * database, and the password of that, which goes to the keyring
 * (kdx_store_save_password()) and nowhere else. Connect tries the
 * connection in a worker; a team database found empty while this one
 * holds KOLs is offered a copy of them; then every window reopens on
 * the new database (kdx_application_switch_store()), which the next
 * start opens too. */

struct _KdxTeamPage
{
  AdwPreferencesPage  parent_instance;

  KdxStore           *store;     /* the window's, NULL when it could not be opened */
  char               *location;  /* what Connect is connecting to */
  GCancellable       *cancellable;
  guint               pulse_source;
  gulong              waiting_id;  /* for the running jobs to end, then Connect */

  AdwActionRow       *current_row;
  AdwEntryRow        *address_row;
  AdwPasswordEntryRow *password_row;
  GtkLabel           *status_label;
  GtkProgressBar     *progress_bar;
  GtkWidget          *connect_button;
};

G_DEFINE_FINAL_TYPE (KdxTeamPage, kdx_team_page, ADW_TYPE_PREFERENCES_PAGE)

static void open_location (KdxTeamPage *self);

/* ---- what the page says ------------------------------------------------------ */

static void
say (KdxTeamPage *self,
     const char  *message,
     gboolean     is_error)
{
  gtk_label_set_text (self->status_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static gboolean
pulse_cb (gpointer user_data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (user_data));
  return G_SOURCE_CONTINUE;
}

/* Working: the rows and Connect wait, the bar moves. */
static void
set_busy (KdxTeamPage *self,
          const char  *message)
{
  gboolean busy = message != NULL;

  /* Not made insensitive: a focused entry that is loses its focus
   * without being told (GTK warns). */
  gtk_editable_set_editable (GTK_EDITABLE (self->address_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
  gtk_widget_set_sensitive (self->connect_button, !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (busy)
    {
      say (self, message, FALSE);
      self->pulse_source = g_timeout_add (150, pulse_cb, self->progress_bar);
    }
}

static void
fail (KdxTeamPage  *self,
      const GError *error)
{
  set_busy (self, NULL);
  say (self, error->message, TRUE);
}

/* ---- the steps ------------------------------------------------------------------- */

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KdxTeamPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_team_open_finish (result, &error);
  GApplication *application = g_application_get_default ();
  g_autofree char *where = NULL;
  g_autofree char *message = NULL;
  GtkRoot *preferences;
  GtkWindow *window;

  if (store == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, error);
      return;
    }
  if (!KDX_IS_APPLICATION (application))
    return;

  /* The windows reopen on the new database; these preferences were
   * about the old one's window, and go with it. */
  preferences = gtk_widget_get_root (GTK_WIDGET (self));
  kdx_application_switch_store (KDX_APPLICATION (application), store);
  if (GTK_IS_WINDOW (preferences))
    gtk_window_destroy (GTK_WINDOW (preferences));

  where = kdx_window_describe_database (kdx_store_get_path (store));
  /* Translators: %s says where, e.g. "Team database: koldex on db.example.com" */
  message = g_strdup_printf (_("Connected. %s"), where);
  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  if (KDX_IS_WINDOW (window))
    kdx_window_show_toast (KDX_WINDOW (window), message);
}

static void
open_location (KdxTeamPage *self)
{
  set_busy (self, _("Opening the database…"));
  kdx_team_open_async (self->location, self->cancellable, opened_cb, g_object_ref (self));
}

static void
copied_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KdxTeamPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kdx_team_copy_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, error);
      return;
    }
  open_location (self);
}

static void
copy_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  KdxTeamPage      *self)
{
  g_autofree char *message = NULL;
  g_autofree char *count = NULL;
  gint64 n_kols;

  if (g_str_equal (response, "cancel"))
    {
      set_busy (self, NULL);
      say (self, NULL, FALSE);
      return;
    }
  if (!g_str_equal (response, "copy") || self->store == NULL)
    {
      open_location (self);
      return;
    }

  n_kols = kdx_store_count_kols (self->store, NULL);
  count = g_strdup_printf ("%'" G_GINT64_FORMAT, n_kols);
  /* Translators: %s is a number of KOLs, with its thousands separators */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Copying %s KOL to the team database…",
                                          "Copying %s KOLs to the team database…", n_kols),
                             count);
  set_busy (self, message);
  kdx_team_copy_async (self->store, self->location, self->cancellable, copied_cb, g_object_ref (self));
}

/* A new team database, and KOLs here: the operator may take them along. */
static void
offer_copy (KdxTeamPage *self,
            gint64       n_kols)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *count = g_strdup_printf ("%'" G_GINT64_FORMAT, n_kols);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: %s is a number of KOLs, with its thousands separators */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Copy your %s KOL to the team database?",
                                          "Copy your %s KOLs to the team database?", n_kols),
                             count);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The team database is empty. Every file goes along with its "
                                     "history and the import history; the database on this computer "
                                     "stays as it is."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "empty", _("_Start Empty"),
                                    "copy", _("Co_py"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "copy",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "copy");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (copy_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
probed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KdxTeamPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean empty = FALSE;
  gint64 n_kols;

  if (!kdx_team_probe_finish (result, &empty, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, error);
      return;
    }

  n_kols = self->store != NULL ? kdx_store_count_kols (self->store, NULL) : 0;
  if (empty && n_kols > 0)
    offer_copy (self, n_kols);
  else
    open_location (self);
}

/* ---- Connect ------------------------------------------------------------------------ */

/* What Connect does once no job stands in the way. */
static void
connect_now (KdxTeamPage *self)
{
  g_autofree char *address = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address_row))));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->location, g_free);

  /* Empty: the database on this computer, where Koldex keeps it. */
  if (*address == '\0')
    {
      self->location = kdx_store_default_path ();
      open_location (self);
      return;
    }
  self->location = g_steal_pointer (&address);
  if (!kdx_store_get_server (self->location, NULL, NULL))
    {
      open_location (self);
      return;
    }

  if (kdx_store_location_has_password (self->location))
    {
      say (self, _("Leave the password out of the address and type it in Password: the address is "
                   "kept in Koldex’s settings, the password only in your keyring."), TRUE);
      return;
    }
  if (*password != '\0' && !kdx_store_save_password (self->location, password, &error))
    {
      say (self, error->message, TRUE);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");

  set_busy (self, _("Connecting…"));
  kdx_team_probe_async (self->location, self->cancellable, probed_cb, g_object_ref (self));
}

/* ---- while work runs ------------------------------------------------------------- */

static void
stop_waiting (KdxTeamPage *self)
{
  if (self->waiting_id != 0)
    g_signal_handler_disconnect (kdx_job_registry_get_default (), self->waiting_id);
  self->waiting_id = 0;
}

static void
jobs_changed_cb (KdxJobRegistry *registry,
                 GParamSpec     *pspec,
                 KdxTeamPage    *self)
{
  if (kdx_job_registry_get_n_running (registry) > 0)
    return;
  stop_waiting (self);
  set_busy (self, NULL);
  connect_now (self);
}

/* Wait: Connect goes on by itself once the last job has ended. */
static void
wait_for_jobs (KdxTeamPage *self)
{
  KdxJobRegistry *registry = kdx_job_registry_get_default ();

  stop_waiting (self);
  self->waiting_id = g_signal_connect (registry, "notify::n-running", G_CALLBACK (jobs_changed_cb), self);
  set_busy (self, _("Waiting for the running work to finish; then Koldex connects."));
}

static void
jobs_stopped_cb (GObject      *registry,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KdxTeamPage) self = user_data;

  kdx_job_registry_stop_all_finish (KDX_JOB_REGISTRY (registry), result, NULL);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  set_busy (self, NULL);
  connect_now (self);
}

static void
busy_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  KdxTeamPage      *self)
{
  if (g_str_equal (response, "wait"))
    wait_for_jobs (self);
  else if (g_str_equal (response, "switch"))
    {
      set_busy (self, _("Stopping the running work…"));
      kdx_job_registry_stop_all_async (kdx_job_registry_get_default (), jobs_stopped_cb,
                                       g_object_ref (self));
    }
}

/* The windows about to give way belong to the database an import,
 * export or backup is working on: ask first, as closing a window does. */
static void
ask_about_jobs (KdxTeamPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = kdx_job_registry_describe (kdx_job_registry_get_default ());
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Switching to the other database now stops it: an import is "
                                     "taken back as a whole, an export or a backup leaves no file. "
                                     "Wait connects once it has finished."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "wait", _("_Wait"),
                                    "switch", _("_Switch Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "switch",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "wait");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (busy_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
connect_clicked_cb (KdxTeamPage *self)
{
  if (!gtk_widget_get_sensitive (self->connect_button))
    return;
  say (self, NULL, FALSE);
  if (kdx_job_registry_get_n_running (kdx_job_registry_get_default ()) > 0)
    ask_about_jobs (self);
  else
    connect_now (self);
}

/* ---- object ------------------------------------------------------------------------ */

static void
kdx_team_page_dispose (GObject *object)
{
  KdxTeamPage *self = KDX_TEAM_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  stop_waiting (self);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_TEAM_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kdx_team_page_parent_class)->dispose (object);
}

static void
kdx_team_page_finalize (GObject *object)
{
  KdxTeamPage *self = KDX_TEAM_PAGE (object);

  g_free (self->location);

  G_OBJECT_CLASS (kdx_team_page_parent_class)->finalize (object);
}

static void
kdx_team_page_class_init (KdxTeamPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_team_page_dispose;
  object_class->finalize = kdx_team_page_finalize;

  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/kdx-team-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxTeamPage, current_row);
  gtk_widget_class_bind_template_child (widget_class, KdxTeamPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, KdxTeamPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, KdxTeamPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, KdxTeamPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KdxTeamPage, connect_button);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);
}

static void
kdx_team_page_init (KdxTeamPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * kdx_team_page_new:
 * @store: (nullable): the database of the window Preferences were opened
 *   from, whose KOLs may be copied
 * @database: where that database is (its path, or its URI without a
 *   password)
 */
GtkWidget *
kdx_team_page_new (KdxStore   *store,
                   const char *database)
{
  KdxTeamPage *self = g_object_new (KDX_TYPE_TEAM_PAGE, NULL);
  g_autofree char *where = kdx_window_describe_database (database);

  g_set_object (&self->store, store);
  adw_action_row_set_subtitle (self->current_row, where);
  /* A team database's address is shown to edit; a file is the default's
   * or the operator's own, and the empty address stands for the default. */
  if (kdx_store_get_server (database, NULL, NULL))
    gtk_editable_set_text (GTK_EDITABLE (self->address_row), database);
  return GTK_WIDGET (self);
}
