/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-kol-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-app-resources.h"
#include "kdx-avatar-text.h"
#include "kdx-conflict-dialog.h"
#include "kdx-edit-session.h"
#include "kdx-field-row.h"
#include "kdx-item-section.h"
#include "kdx-kol-editor.h"
#include "kdx-log-contact-dialog.h"
#include "kdx-value.h"

/* The editor is a view on a KdxEditSession (src/core): the session holds
 * the copy of the KOL file being edited, saves a valid change a moment
 * later (only the user's changes, on top of the stored file, when the
 * store changed it meanwhile) and replaces the copy when the store's file
 * changed with nothing unsaved. The store's "changed" then brings every
 * view (the list's row too) up to date.
 *
 * Each section of the file is a preferences group: field rows, made per
 * KOL as they hold the record they edit, and for the file's lists a
 * KdxItemSection following its list. */

#define AVATAR_SIZE 256

struct _KdxKolEditor
{
  AdwBin           parent_instance;

  KdxStore        *store;
  KdxEditSession  *session;
  GSignalGroup    *kol_signals;   /* the shown copy's "notify": header and churn row */
  GBindingGroup   *kol_bindings;  /* the shown copy's name and picture in the header */
  GHashTable      *rows;          /* field name -> row */
  GHashTable      *item_sections; /* list name -> KdxItemSection */
  GPtrArray       *groups;        /* every section's group, in the order of sections[] */
  GtkFileChooserNative *chooser;
  KdxConflictDialog *conflict_dialog; /* the one shown, or NULL */

  GtkScrolledWindow *scrolled;
  GtkBox          *content;
  AdwAvatar       *avatar;
  GtkLabel        *name_label;
  GtkLabel        *summary_label;
  GtkWidget       *remove_avatar_button;
  GtkWidget       *choose_avatar_button;
};

G_DEFINE_FINAL_TYPE (KdxKolEditor, kdx_kol_editor, ADW_TYPE_BIN)

enum {
  SIGNAL_SAVED,
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  const char        *title;       /* untranslated */
  const char        *description; /* untranslated, or NULL */
  const char *const *fields;
  const char        *list;        /* one of the file's lists, or NULL */
} Section;

static const char *const personal_fields[] = {
  "display_name", "real_name", "gender", "birthday", "city", "bio", "personality", NULL
};
static const char *const contact_fields[] = { "phone", "wechat", "email", "address", "agent", NULL };
static const char *const business_fields[] = {
  "platform", "handle", "followers", "category", "tags", "tier", "fit_score",
  "content_quality", "activity", "fan_quality", "fans_portable", NULL
};
static const char *const own_platform_fields[] = { "own_account", NULL };
static const char *const cooperation_fields[] = {
  "source", "purpose", "plan", "fee", "currency", "exclusive", "exclusive_since",
  "incentives", "demands", "rules_agreed_on", NULL
};
static const char *const upkeep_fields[] = { "preferences", NULL };
static const char *const lifecycle_fields[] = {
  "stage", "churn_reason", "owner", "next_follow_up", "contact_every_days", "reapproach_on",
  "notes", NULL
};
static const char *const no_fields[] = { NULL };

/* As shared/DOMAIN.md groups a KOL file. */
static const Section sections[] = {
  { N_("Personal"), NULL, personal_fields, NULL },
  { N_("Contact"), N_("Personal data: protect it, and leave it off what you share"), contact_fields, NULL },
  { N_("Business"), NULL, business_fields, NULL },
  { N_("Channels"), N_("Every platform where the KOL is present"), no_fields, "channels" },
  { N_("On Our Platform"), NULL, own_platform_fields, NULL },
  { N_("Cooperation"), NULL, cooperation_fields, NULL },
  { N_("Upkeep"), N_("Preferences, important dates and gifts (gifts are logged in the timeline)"), upkeep_fields, "important_dates" },
  { N_("Timeline"), N_("Outreach, calls, meetings, gifts, payments and notes"), no_fields, "events" },
  { N_("Lifecycle"), NULL, lifecycle_fields, NULL },
  { N_("Stage History"), N_("Every move, with its date: how long the KOL spent in each stage"), no_fields, "stage_history" },
};

/* The copy being edited, or NULL. */
static KdxKol *
shown_kol (KdxKolEditor *self)
{
  return self->session != NULL ? kdx_edit_session_get_kol (self->session) : NULL;
}

/* ---- the header --------------------------------------------------------------- */

/* The name and the Remove Picture button follow the copy through
 * kol_bindings; the rest is said from several fields. */
static void
update_header (KdxKolEditor *self)
{
  KdxKol *kol = shown_kol (self);
  g_autofree char *followers = NULL;
  g_autofree char *summary = NULL;
  const char *platform;

  if (kol == NULL)
    return;

  kdx_avatar_show (self->avatar, kol);

  followers = kdx_value_format_count (kdx_kol_get_followers (kol),
                                      kdx_value_count_style_for_locale ());
  platform = kdx_kol_get_platform (kol);
  if (kdx_kol_get_followers (kol) > 0)
    /* Translators: stage · platform · followers, e.g. "Growing · Weibo · 12.5万 followers" */
    summary = g_strdup_printf (_("%s · %s · %s followers"),
                               kdx_stage_get_label (kdx_kol_get_stage (kol)),
                               platform != NULL ? kdx_platform_get_label (platform) : _("No platform"),
                               followers);
  else
    /* Translators: stage · platform, for a KOL whose followers nobody entered */
    summary = g_strdup_printf (_("%s · %s"),
                               kdx_stage_get_label (kdx_kol_get_stage (kol)),
                               platform != NULL ? kdx_platform_get_label (platform) : _("No platform"));
  gtk_label_set_text (self->summary_label, summary);
}

static gboolean
has_avatar_transform (GBinding     *binding,
                      const GValue *from,
                      GValue       *to,
                      gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_boxed (from) != NULL);
  return TRUE;
}

/* ---- the fields --------------------------------------------------------------- */

/* Only a KOL who left has a reason for leaving. */
static void
update_churn_row (KdxKolEditor *self)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, "churn_reason");
  KdxKol *kol = shown_kol (self);

  if (row != NULL && kol != NULL)
    gtk_widget_set_visible (row, kdx_kol_get_stage (kol) == KDX_STAGE_DEPARTED);
}

static void
kol_notify_cb (KdxKolEditor *self,
               GParamSpec   *pspec)
{
  update_header (self);
  if (g_str_equal (pspec->name, "stage"))
    update_churn_row (self);
}

static void
build_sections (KdxKolEditor *self)
{
  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      const char *description = sections[s].description != NULL ? _(sections[s].description) : NULL;
      GtkWidget *group;

      if (sections[s].list != NULL)
        {
          group = kdx_item_section_new (sections[s].list, _(sections[s].title), description);
          g_hash_table_insert (self->item_sections, (gpointer) sections[s].list, group);
        }
      else
        {
          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(sections[s].title));
          if (description != NULL)
            adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
        }
      gtk_box_append (self->content, group);
      g_ptr_array_add (self->groups, group);
    }
}

/* The row the focus is in holds its field: another operator's value for
 * it waits until the operator leaves it (KdxEditSession). What was typed
 * is taken first; a row with text it refused keeps holding. */
static void
row_focus_enter_cb (GtkEventControllerFocus *controller,
                    KdxKolEditor            *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (self->session != NULL)
    kdx_edit_session_hold (self->session, gtk_widget_get_name (row), TRUE);
}

static void
row_focus_leave_cb (GtkEventControllerFocus *controller,
                    KdxKolEditor            *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (self->session != NULL && kdx_field_row_is_valid (row))
    kdx_edit_session_hold (self->session, gtk_widget_get_name (row), FALSE);
}

static GtkWidget *
new_row (KdxKolEditor   *self,
         KdxKol         *kol,
         const KdxField *field)
{
  GtkWidget *row = kdx_field_row_new (KDX_RECORD (kol), field);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "enter", G_CALLBACK (row_focus_enter_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (row_focus_leave_cb), self);
  gtk_widget_add_controller (row, focus);
  return row;
}

/* Field rows are made per KOL (they hold the record they edit); list rows
 * follow the KOL's lists. Both go in the section's group, fields first. */
static void
fill_sections (KdxKolEditor *self)
{
  KdxKol *kol = shown_kol (self);

  for (guint s = 0; s < self->groups->len; s++)
    {
      AdwPreferencesGroup *group = g_ptr_array_index (self->groups, s);
      const char *const *fields = sections[s].fields;

      if (KDX_IS_ITEM_SECTION (group))
        kdx_item_section_set_model (KDX_ITEM_SECTION (group), NULL);
      for (guint i = 0; fields[i] != NULL; i++)
        {
          GtkWidget *old = g_hash_table_lookup (self->rows, fields[i]);

          if (old != NULL)
            adw_preferences_group_remove (group, old);
          g_hash_table_remove (self->rows, fields[i]);
          if (kol != NULL)
            {
              const KdxField *field = kdx_record_find_field (KDX_RECORD (kol), fields[i]);
              GtkWidget *row = new_row (self, kol, field);

              /* A read-only connection: text stays readable, not editable. */
              if (kdx_store_is_read_only (self->store) && GTK_IS_EDITABLE (row))
                gtk_editable_set_editable (GTK_EDITABLE (row), FALSE);
              else if (kdx_store_is_read_only (self->store))
                gtk_widget_set_sensitive (row, FALSE);
              adw_preferences_group_add (group, row);
              g_hash_table_insert (self->rows, (gpointer) fields[i], row);
            }
        }
      if (KDX_IS_ITEM_SECTION (group) && kol != NULL)
        kdx_item_section_set_model (KDX_ITEM_SECTION (group), kdx_kol_get_list (kol, sections[s].list));
    }
  update_churn_row (self);
}

/* The session edits another copy: another KOL, or the same file as the
 * store now holds it. */
static void
session_kol_changed_cb (KdxKolEditor *self)
{
  KdxKol *kol = shown_kol (self);

  g_signal_group_set_target (self->kol_signals, kol);
  g_binding_group_set_source (self->kol_bindings, kol);
  fill_sections (self);
  update_header (self);
}

/* Another operator's values went into the file shown: the rows show them. */
static void
session_merged_cb (KdxKolEditor       *self,
                   const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      GtkWidget *row = g_hash_table_lookup (self->rows, names[i]);

      if (row != NULL)
        kdx_field_row_refresh (row);
    }
  update_header (self);
}

static void
conflict_response_cb (KdxConflictDialog *dialog,
                      const char        *response,
                      KdxKolEditor      *self)
{
  KdxKol *theirs = g_object_get_data (G_OBJECT (dialog), "theirs");
  gint64 version = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "version"));

  if (self->conflict_dialog == dialog)
    self->conflict_dialog = NULL;
  /* Cancel: the operator's values stay in the rows, unsaved. */
  if (g_str_equal (response, "save") && self->session != NULL)
    {
      g_auto(GStrv) fields = kdx_conflict_dialog_get_fields (dialog);
      g_auto(GStrv) keep_theirs = kdx_conflict_dialog_get_theirs (dialog);

      kdx_edit_session_resolve (self->session, theirs, version,
                                (const char * const *) fields, (const char * const *) keep_theirs);
    }
}

/* A save was refused: another operator changed the same fields. The
 * operator chooses, field by field, against the file as stored now. */
static void
session_conflict_cb (KdxKolEditor       *self,
                     const char * const *fields)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(KdxKol) theirs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 version = 0;

  /* The one shown is settled first; a later save asks again if need be. */
  if (self->conflict_dialog != NULL || shown_kol (self) == NULL)
    return;
  theirs = kdx_store_load_kol_with_version (self->store, kdx_edit_session_get_id (self->session),
                                            &version, &error);
  if (theirs == NULL)
    {
      g_signal_emit (self, signals[SIGNAL_ERROR], 0, error->message);
      return;
    }

  self->conflict_dialog = kdx_conflict_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   shown_kol (self), theirs, fields);
  g_object_set_data_full (G_OBJECT (self->conflict_dialog), "theirs",
                          g_steal_pointer (&theirs), g_object_unref);
  g_object_set_data (G_OBJECT (self->conflict_dialog), "version", GSIZE_TO_POINTER ((gsize) version));
  g_signal_connect_object (self->conflict_dialog, "response", G_CALLBACK (conflict_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (self->conflict_dialog));
}

static void
session_saved_cb (KdxKolEditor *self)
{
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
}

static void
session_error_cb (KdxKolEditor *self,
                  const char   *message)
{
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, message);
}

/* editor.add-item(s): the dialog that adds to the list named. */
static void
add_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KdxKolEditor *self = KDX_KOL_EDITOR (widget);
  KdxItemSection *section = g_hash_table_lookup (self->item_sections,
                                                 g_variant_get_string (parameter, NULL));

  if (section != NULL)
    kdx_item_section_add_item (section);
}

/* editor.log-contact: Log Contact for the file shown, its edits saved first. */
static void
log_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KdxKolEditor *self = KDX_KOL_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = kdx_kol_editor_get_id (self);

  if (id <= 0)
    return;
  kdx_kol_editor_flush (self);
  g_array_append_val (ids, id);
  kdx_log_contact_dialog_present (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store, ids);
}

/**
 * kdx_kol_editor_flush:
 *
 * Saves now what is waiting to be saved: before the editor shows another
 * KOL, closes, or the KOL is deleted.
 */
void
kdx_kol_editor_flush (KdxKolEditor *self)
{
  g_return_if_fail (KDX_IS_KOL_EDITOR (self));

  if (self->session != NULL)
    kdx_edit_session_flush (self->session);
}

/* ---- avatar ------------------------------------------------------------------- */

static void
set_avatar (KdxKolEditor *self,
            GBytes       *bytes)
{
  KdxKol *kol = shown_kol (self);

  if (kol != NULL)
    g_object_set (kol, "avatar", bytes, NULL);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     KdxKolEditor    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *buffer = NULL;
  gsize size;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
      /* Scaled down once here, so the database keeps a small PNG. */
      pixbuf = gdk_pixbuf_new_from_file_at_scale (path, AVATAR_SIZE, AVATAR_SIZE, TRUE, &error);
      if (pixbuf == NULL || !gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL))
        {
          g_autofree char *message = g_strdup_printf (_("Cannot use %s as a picture: %s"),
                                                      g_file_peek_path (file), error->message);
          g_signal_emit (self, signals[SIGNAL_ERROR], 0, message);
        }
      else
        {
          g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&buffer), size);
          set_avatar (self, bytes);
        }
    }

  g_clear_object (&self->chooser);
}

static void
choose_avatar_cb (KdxKolEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Pictures"));
  gtk_file_filter_add_pixbuf_formats (filter);

  self->chooser = gtk_file_chooser_native_new (_("Choose a Picture"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
remove_avatar_cb (KdxKolEditor *self)
{
  set_avatar (self, NULL);
}
/* ---- object ------------------------------------------------------------------- */

static void
kdx_kol_editor_dispose (GObject *object)
{
  KdxKolEditor *self = KDX_KOL_EDITOR (object);

  /* The session saves what waits as it goes; waiting edits live on
   * without it, and are saved later. */
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  if (self->kol_signals != NULL)
    g_signal_group_set_target (self->kol_signals, NULL);
  g_clear_object (&self->kol_signals);
  if (self->kol_bindings != NULL)
    g_binding_group_set_source (self->kol_bindings, NULL);
  g_clear_object (&self->kol_bindings);
  g_clear_object (&self->store);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->conflict_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->conflict_dialog));
  self->conflict_dialog = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_KOL_EDITOR);

  G_OBJECT_CLASS (kdx_kol_editor_parent_class)->dispose (object);
}

static void
kdx_kol_editor_finalize (GObject *object)
{
  KdxKolEditor *self = KDX_KOL_EDITOR (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->item_sections, g_hash_table_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (kdx_kol_editor_parent_class)->finalize (object);
}

static void
kdx_kol_editor_class_init (KdxKolEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdx_kol_editor_dispose;
  object_class->finalize = kdx_kol_editor_finalize;

  /**
   * KdxKolEditor::saved:
   *
   * The edited file was written to the store.
   */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * KdxKolEditor::error:
   * @message: what went wrong, for a person
   */
  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/kdx-kol-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxKolEditor, content);
  gtk_widget_class_bind_template_child (widget_class, KdxKolEditor, avatar);
  gtk_widget_class_bind_template_child (widget_class, KdxKolEditor, name_label);
  gtk_widget_class_bind_template_child (widget_class, KdxKolEditor, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KdxKolEditor, remove_avatar_button);
  gtk_widget_class_bind_template_child (widget_class, KdxKolEditor, choose_avatar_button);
  gtk_widget_class_bind_template_callback (widget_class, choose_avatar_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_avatar_cb);

  gtk_widget_class_install_action (widget_class, "editor.add-item", "s", add_item_action);
  gtk_widget_class_install_action (widget_class, "editor.log-contact", NULL, log_contact_action);
}

static void
kdx_kol_editor_init (KdxKolEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The bin's child is found, not bound: GTK 4.8 unparents bound
   * template children behind AdwBin's back, which AdwBin's dispose then
   * unparents again. */
  self->scrolled = GTK_SCROLLED_WINDOW (adw_bin_get_child (ADW_BIN (self)));

  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->item_sections = g_hash_table_new (g_str_hash, g_str_equal);
  self->groups = g_ptr_array_new ();
  build_sections (self);

  self->kol_signals = g_signal_group_new (KDX_TYPE_KOL);
  g_signal_group_connect_swapped (self->kol_signals, "notify", G_CALLBACK (kol_notify_cb), self);
  self->kol_bindings = g_binding_group_new ();
  g_binding_group_bind (self->kol_bindings, "display-name", self->name_label, "label",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (self->kol_bindings, "avatar", self->remove_avatar_button, "visible",
                             G_BINDING_SYNC_CREATE, has_avatar_transform, NULL, NULL, NULL);
}

/* A read-only connection (issue 14, item 5): the file is shown, and
 * nothing offers to change it (the field rows too, in fill_sections()). */
static void
lock (KdxKolEditor *self)
{
  GHashTableIter iter;
  gpointer section;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-item", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.log-contact", FALSE);
  gtk_widget_set_sensitive (self->choose_avatar_button, FALSE);
  gtk_widget_set_sensitive (self->remove_avatar_button, FALSE);
  g_hash_table_iter_init (&iter, self->item_sections);
  while (g_hash_table_iter_next (&iter, NULL, &section))
    kdx_item_section_set_locked (section, TRUE);
}

GtkWidget *
kdx_kol_editor_new (KdxStore *store)
{
  KdxKolEditor *self = g_object_new (KDX_TYPE_KOL_EDITOR, NULL);

  self->store = g_object_ref (store);
  self->session = kdx_edit_session_new (store);
  g_signal_connect_swapped (self->session, "notify::kol", G_CALLBACK (session_kol_changed_cb), self);
  g_signal_connect_swapped (self->session, "saved", G_CALLBACK (session_saved_cb), self);
  g_signal_connect_swapped (self->session, "error", G_CALLBACK (session_error_cb), self);
  {
    GHashTableIter iter;
    gpointer section;

    g_hash_table_iter_init (&iter, self->item_sections);
    while (g_hash_table_iter_next (&iter, NULL, &section))
      kdx_item_section_set_store (section, store);
  }
  if (kdx_store_is_read_only (store))
    lock (self);
  g_signal_connect_swapped (self->session, "merged", G_CALLBACK (session_merged_cb), self);
  g_signal_connect_swapped (self->session, "conflict", G_CALLBACK (session_conflict_cb), self);
  return GTK_WIDGET (self);
}

/**
 * kdx_kol_editor_show_kol:
 * @id: a KOL, or 0 to show none
 *
 * Saves what is pending for the current KOL, then edits a copy of @id.
 */
gboolean
kdx_kol_editor_show_kol (KdxKolEditor  *self,
                         gint64         id,
                         GError       **error)
{
  g_return_val_if_fail (KDX_IS_KOL_EDITOR (self), FALSE);

  if (kdx_edit_session_get_kol (self->session) != NULL && kdx_edit_session_get_id (self->session) == id)
    return TRUE;
  if (!kdx_edit_session_open (self->session, id, error))
    return FALSE;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
  return TRUE;
}

gint64
kdx_kol_editor_get_id (KdxKolEditor *self)
{
  g_return_val_if_fail (KDX_IS_KOL_EDITOR (self), 0);
  return self->session != NULL ? kdx_edit_session_get_id (self->session) : 0;
}

KdxKol *
kdx_kol_editor_get_kol (KdxKolEditor *self)
{
  g_return_val_if_fail (KDX_IS_KOL_EDITOR (self), NULL);
  return shown_kol (self);
}

GtkWidget *
kdx_kol_editor_get_row (KdxKolEditor *self,
                        const char   *field)
{
  g_return_val_if_fail (KDX_IS_KOL_EDITOR (self), NULL);
  return g_hash_table_lookup (self->rows, field);
}

void
kdx_kol_editor_focus_name (KdxKolEditor *self)
{
  GtkWidget *row;

  g_return_if_fail (KDX_IS_KOL_EDITOR (self));

  row = g_hash_table_lookup (self->rows, "display_name");
  if (row != NULL)
    gtk_widget_grab_focus (row);
}
