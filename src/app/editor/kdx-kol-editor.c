/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-kol-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "kdx-app-resources.h"
#include "kdx-avatar-text.h"
#include "kdx-date-picker.h"
#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-error.h"
#include "kdx-field-row.h"
#include "kdx-kol-editor.h"
#include "kdx-pending-edits.h"
#include "kdx-record-dialog.h"
#include "kdx-stage-entry.h"
#include "kdx-value.h"

/* The editor works on its own copy of the KOL file. A valid change goes
 * into the copy and, a moment later, into the store; the store's
 * "changed" then brings every view (the list's row too) up to date. */

/* How long typing may pause before the file is saved. */
#define SAVE_DELAY_MS 400
#define AVATAR_SIZE 256

struct _KdxKolEditor
{
  AdwBin          parent_instance;

  KdxStore       *store;
  KdxKol         *kol;          /* the copy being edited */
  KdxKol         *before;       /* the file as it was shown, to tell what the user changed */
  guint           reload_source;
  GHashTable     *rows;         /* field name -> row */
  GHashTable     *list_groups;  /* list name -> AdwPreferencesGroup */
  GPtrArray      *groups;       /* every group, in order */
  guint           save_source;
  GHashTable     *dirty;        /* names of what the user changed since the last save */
  KdxPendingEdits *pending;     /* edits held back by an import */
  gboolean        stale;        /* the store changed the file while it was being edited */
  gboolean        saving;       /* our own save is reloading the copy */
  gulong          store_handler;
  GtkFileChooserNative *chooser;

  GtkScrolledWindow *scrolled;
  GtkBox         *content;
  AdwAvatar      *avatar;
  GtkLabel       *name_label;
  GtkLabel       *summary_label;
  GtkWidget      *remove_avatar_button;
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
  "stage", "churn_reason", "owner", "next_follow_up", "notes", NULL
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

/* ---- saving ------------------------------------------------------------------ */

/* Only the user's changes go, on top of the file as stored: now, or when
 * an import holding the database has finished (the window never waits). */
static void
save_on_top (KdxKolEditor *self)
{
  kdx_pending_edits_add (self->pending, self->kol, self->before, self->dirty);
  g_hash_table_remove_all (self->dirty);
  kdx_pending_edits_save_now (self->pending);
}

static void
save_now (KdxKolEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->kol == NULL || self->store == NULL)
    return;

  /* Saving the whole copy would undo what was changed since (an import,
   * a move on the board). */
  if (self->stale || kdx_pending_edits_lookup (self->pending, kdx_kol_get_id (self->kol)) != NULL)
    {
      save_on_top (self);
      return;
    }

  self->saving = TRUE;
  if (!kdx_store_save_kol (self->store, self->kol, &error))
    {
      self->saving = FALSE;
      if (g_error_matches (error, KDX_ERROR, KDX_ERROR_BUSY))
        save_on_top (self);
      else
        g_signal_emit (self, signals[SIGNAL_ERROR], 0, error->message);
      return;
    }
  self->saving = FALSE;
  g_hash_table_remove_all (self->dirty);
  g_clear_object (&self->before);
  self->before = kdx_kol_dup (self->kol);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  KdxKolEditor *self = user_data;

  self->save_source = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (KdxKolEditor *self)
{
  if (self->saving)
    return;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
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

  if (self->save_source != 0)
    save_now (self);
  /* Edits waiting since an import that has now finished go too. */
  if (self->pending != NULL)
    kdx_pending_edits_save_now (self->pending);
}

/* ---- the header --------------------------------------------------------------- */

static void
update_header (KdxKolEditor *self)
{
  g_autofree char *followers = NULL;
  g_autofree char *summary = NULL;
  const char *platform;

  if (self->kol == NULL)
    return;

  gtk_label_set_text (self->name_label, kdx_kol_get_display_name (self->kol));
  kdx_avatar_show (self->avatar, self->kol);
  gtk_widget_set_visible (self->remove_avatar_button, kdx_kol_get_avatar (self->kol) != NULL);

  followers = kdx_value_format_count (kdx_kol_get_followers (self->kol),
                                      kdx_value_count_style_for_locale ());
  platform = kdx_kol_get_platform (self->kol);
  if (kdx_kol_get_followers (self->kol) > 0)
    /* Translators: stage · platform · followers, e.g. "Growing · Weibo · 12.5万 followers" */
    summary = g_strdup_printf (_("%s · %s · %s followers"),
                               kdx_stage_get_label (kdx_kol_get_stage (self->kol)),
                               platform != NULL ? kdx_platform_get_label (platform) : _("No platform"),
                               followers);
  else
    /* Translators: stage · platform, for a KOL whose followers nobody entered */
    summary = g_strdup_printf (_("%s · %s"),
                               kdx_stage_get_label (kdx_kol_get_stage (self->kol)),
                               platform != NULL ? kdx_platform_get_label (platform) : _("No platform"));
  gtk_label_set_text (self->summary_label, summary);
}

/* ---- the lists ---------------------------------------------------------------- */

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

/* @next_at: for a stage, when the next one began (NULL: it still runs). */
static void
describe_item (const char  *list,
               KdxRecord   *item,
               const char  *next_at,
               char       **title,
               char       **subtitle)
{
  if (g_str_equal (list, "channels"))
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
  else if (g_str_equal (list, "events"))
    {
      g_autofree char *at = NULL;
      g_autofree char *summary = NULL;
      g_autofree char *when = NULL;
      int kind, outcome;

      g_object_get (item, "at", &at, "kind", &kind, "summary", &summary, "outcome", &outcome, NULL);
      when = local_time (at);
      *title = g_strdup (summary != NULL ? summary : kdx_enum_get_label (KDX_TYPE_EVENT_KIND, kind));
      if (outcome != KDX_OUTCOME_NONE)
        *subtitle = g_strdup_printf ("%s · %s · %s", when, kdx_enum_get_label (KDX_TYPE_EVENT_KIND, kind),
                                     kdx_enum_get_label (KDX_TYPE_OUTCOME, outcome));
      else
        *subtitle = g_strdup_printf ("%s · %s", when, kdx_enum_get_label (KDX_TYPE_EVENT_KIND, kind));
    }
  else if (g_str_equal (list, "important_dates"))
    {
      g_autofree char *label = NULL;
      g_autofree char *date = NULL;
      gboolean yearly;

      g_autofree char *day = NULL;

      g_object_get (item, "label", &label, "date", &date, "yearly", &yearly, NULL);
      day = kdx_date_picker_format (date, FALSE);
      *title = g_strdup (label);
      *subtitle = yearly ? g_strdup_printf (_("%s, every year"), day) : g_strdup (day);
    }
  else
    {
      KdxStageEntry *entry = KDX_STAGE_ENTRY (item);
      g_autofree char *when = local_time (kdx_stage_entry_get_at (entry));
      g_autofree char *lasted = stage_duration (kdx_stage_entry_get_at (entry), next_at);
      const char *note = kdx_stage_entry_get_note (entry);
      g_autoptr(GString) text = g_string_new (when);

      if (lasted != NULL)
        g_string_append_printf (text, " · %s", lasted);
      if (note != NULL)
        g_string_append_printf (text, " · %s", note);
      *title = g_strdup (kdx_stage_get_label (kdx_stage_entry_get_stage (entry)));
      *subtitle = g_string_free (g_steal_pointer (&text), FALSE);
    }
}

static void rebuild_list (KdxKolEditor *self, const char *list);

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  GPtrArray *times = user_data;
  const char *ta = g_ptr_array_index (times, *(const guint *) a);
  const char *tb = g_ptr_array_index (times, *(const guint *) b);
  int by_time = g_strcmp0 (tb, ta);

  /* Same time: the later entry first, as it was recorded later. */
  return by_time != 0 ? by_time : (int) *(const guint *) b - (int) *(const guint *) a;
}

/* Positions in display order: timelines newest first by their time
 * (events are often logged after the fact), other lists as they are. */
static GArray *
timeline_order (GListModel *items,
                gboolean    newest_first)
{
  guint n = g_list_model_get_n_items (items);
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);
      char *at = NULL;

      if (newest_first)
        g_object_get (item, "at", &at, NULL);
      g_ptr_array_add (times, at);
      g_array_append_val (order, i);
    }
  if (newest_first)
    g_array_sort_with_data (order, compare_newest_first, times);
  return order;
}

/* An item dialog edits a copy. The item it came from is found again by
 * what it held when the dialog opened, not by its position then: the
 * store may have reloaded the file meanwhile (an import, another view),
 * and a position would then name another item or none. */
typedef struct
{
  KdxKolEditor *editor;
  char         *list;
  KdxRecord    *original; /* a copy of the item as it was opened; NULL for a new item */
} ItemEdit;

static void
item_edit_free (ItemEdit *edit)
{
  g_object_unref (edit->editor);
  g_free (edit->list);
  g_clear_object (&edit->original);
  g_free (edit);
}

static guint
find_item (GListModel *items,
           KdxRecord  *original)
{
  guint n = g_list_model_get_n_items (items);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdxRecord) item = g_list_model_get_item (items, i);

      if (kdx_record_equal (item, original))
        return i;
    }
  return G_MAXUINT;
}

static void
item_done_cb (KdxRecordDialog *dialog,
              ItemEdit        *edit)
{
  KdxKolEditor *self = edit->editor;
  GListStore *store;
  KdxRecord *record = kdx_record_dialog_get_record (dialog);
  guint position = G_MAXUINT;

  if (self->kol == NULL)
    return;

  store = kdx_kol_get_list (self->kol, edit->list);
  if (edit->original != NULL)
    position = find_item (G_LIST_MODEL (store), edit->original);
  /* An item removed meanwhile comes back as edited: the user's edit is
   * not lost. */
  if (position == G_MAXUINT)
    g_list_store_append (store, record);
  else
    g_list_store_splice (store, position, 1, (gpointer *) &record, 1);
}

static void
edit_item (KdxKolEditor *self,
           const char   *list,
           guint         position)
{
  GListStore *store = kdx_kol_get_list (self->kol, list);
  GType item_type = g_list_model_get_item_type (G_LIST_MODEL (store));
  g_autoptr(KdxRecord) record = g_object_new (item_type, NULL);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  KdxRecordDialog *dialog;
  ItemEdit *edit;
  const char *title;
  const char *done;

  edit = g_new0 (ItemEdit, 1);
  edit->editor = g_object_ref (self);
  edit->list = g_strdup (list);
  if (position != G_MAXUINT)
    {
      g_autoptr(KdxRecord) current = g_list_model_get_item (G_LIST_MODEL (store), position);

      kdx_record_assign (record, current);
      edit->original = g_object_new (item_type, NULL);
      kdx_record_assign (edit->original, current);
    }

  if (g_str_equal (list, "channels"))
    title = position == G_MAXUINT ? _("Add Channel") : _("Edit Channel");
  else if (g_str_equal (list, "events"))
    title = position == G_MAXUINT ? _("Add to Timeline") : _("Edit Timeline Entry");
  else
    title = position == G_MAXUINT ? _("Add Important Date") : _("Edit Important Date");
  done = position == G_MAXUINT ? _("_Add") : _("_Done");

  dialog = kdx_record_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, title, done, record);
  g_signal_connect_data (dialog, "done", G_CALLBACK (item_done_cb), edit,
                         (GClosureNotify) item_edit_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KdxKolEditor *self = KDX_KOL_EDITOR (widget);
  const char *list = g_variant_get_string (parameter, NULL);
  const KdxKolListInfo *infos;
  guint n_infos;

  if (self->kol == NULL)
    return;

  infos = kdx_kol_list_infos (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    if (g_str_equal (infos[i].name, list) && !infos[i].read_only)
      edit_item (self, list, G_MAXUINT);
}

static void
edit_item_cb (GtkWidget    *widget,
              KdxKolEditor *self)
{
  edit_item (self, g_object_get_data (G_OBJECT (widget), "kdx-list"),
             GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "kdx-position")));
}

static void
remove_item_cb (GtkButton    *button,
                KdxKolEditor *self)
{
  const char *list = g_object_get_data (G_OBJECT (button), "kdx-list");
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "kdx-position"));

  g_list_store_remove (kdx_kol_get_list (self->kol, list), position);
}

static void
clear_group_rows (AdwPreferencesGroup *group)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (group), "kdx-item-rows");

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  if (rows != NULL)
    g_ptr_array_set_size (rows, 0);
}

/* An empty Channels or Timeline section says so, and offers to add. */
static GtkWidget *
empty_list_row (const char *list)
{
  GtkWidget *row;
  GtkWidget *add;
  const char *title;
  const char *add_label;

  if (g_str_equal (list, "channels"))
    {
      title = _("No channels yet");
      add_label = _("Add Channel");
    }
  else if (g_str_equal (list, "events"))
    {
      title = _("Nothing in the timeline yet");
      add_label = _("Add to Timeline");
    }
  else
    return NULL;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, "empty");
  add = gtk_button_new_with_label (add_label);
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "editor.add-item");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (add), "s", list);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), add);
  return row;
}

static void
rebuild_list (KdxKolEditor *self,
              const char   *list)
{
  AdwPreferencesGroup *group = g_hash_table_lookup (self->list_groups, list);
  GPtrArray *rows = g_object_get_data (G_OBJECT (group), "kdx-item-rows");
  gboolean read_only = g_str_equal (list, "stage_history");
  g_autoptr(GArray) order = NULL;
  GListModel *items;
  guint n;

  clear_group_rows (group);
  if (self->kol == NULL)
    return;

  items = G_LIST_MODEL (kdx_kol_get_list (self->kol, list));
  n = g_list_model_get_n_items (items);
  if (n == 0 && !read_only)
    {
      GtkWidget *row = empty_list_row (list);

      if (row != NULL)
        {
          adw_preferences_group_add (group, row);
          g_ptr_array_add (rows, row);
        }
      return;
    }

  order = timeline_order (items, g_str_equal (list, "events") || read_only);
  for (guint i = 0; i < n; i++)
    {
      guint position = g_array_index (order, guint, i);
      g_autoptr(KdxRecord) item = g_list_model_get_item (items, position);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *next_at = NULL;
      GtkWidget *row = adw_action_row_new ();

      /* Newest first: the stage shown above this one followed it. */
      if (read_only && i > 0)
        {
          g_autoptr(KdxStageEntry) next = g_list_model_get_item (items, g_array_index (order, guint, i - 1));
          next_at = g_strdup (kdx_stage_entry_get_at (next));
        }
      describe_item (list, item, next_at, &title, &subtitle);
      /* What operators type is text, never Pango markup: "A&B <x>". */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");

      if (!read_only)
        {
          GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
          GtkWidget *edit = gtk_image_new_from_icon_name ("go-next-symbolic");
          g_autofree char *remove_label = g_strdup_printf (_("Remove “%s”"), title);

          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_set_tooltip_text (remove, _("Remove"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          remove_label, -1);
          g_object_set_data_full (G_OBJECT (remove), "kdx-list", g_strdup (list), g_free);
          g_object_set_data (G_OBJECT (remove), "kdx-position", GUINT_TO_POINTER (position));
          g_signal_connect (remove, "clicked", G_CALLBACK (remove_item_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data_full (G_OBJECT (row), "kdx-list", g_strdup (list), g_free);
          g_object_set_data (G_OBJECT (row), "kdx-position", GUINT_TO_POINTER (position));
          g_signal_connect (row, "activated", G_CALLBACK (edit_item_cb), self);
        }

      adw_preferences_group_add (group, row);
      g_ptr_array_add (rows, row);
    }
}

static void
list_changed_cb (GListModel   *list,
                 guint         position,
                 guint         removed,
                 guint         added,
                 KdxKolEditor *self)
{
  const char *name = g_object_get_data (G_OBJECT (list), "kdx-list-name");

  rebuild_list (self, name);
  if (self->saving)
    return;
  g_hash_table_add (self->dirty, (gpointer) name);
  schedule_save (self);
}

/* ---- the fields --------------------------------------------------------------- */

/* Only a KOL who left has a reason for leaving. */
static void
update_churn_row (KdxKolEditor *self)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, "churn_reason");

  if (row != NULL && self->kol != NULL)
    gtk_widget_set_visible (row, kdx_kol_get_stage (self->kol) == KDX_STAGE_DEPARTED);
}

static void
kol_notify_cb (KdxKol       *kol,
               GParamSpec   *pspec,
               KdxKolEditor *self)
{
  update_header (self);
  if (g_str_equal (pspec->name, "stage"))
    update_churn_row (self);
  if (g_str_equal (pspec->name, "updated-at") || g_str_equal (pspec->name, "id") || self->saving)
    return;
  g_hash_table_add (self->dirty, (gpointer) g_intern_string (pspec->name));
  schedule_save (self);
}

static void
build_sections (KdxKolEditor *self)
{
  g_autoptr(KdxKol) probe = kdx_kol_new ();

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(sections[s].title));
      if (sections[s].description != NULL)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                               _(sections[s].description));
      gtk_box_append (self->content, group);
      g_ptr_array_add (self->groups, group);

      if (sections[s].list != NULL)
        {
          g_object_set_data_full (G_OBJECT (group), "kdx-item-rows",
                                  g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);
          g_object_set_data (G_OBJECT (group), "kdx-fields", (gpointer) sections[s].fields);
          g_hash_table_insert (self->list_groups, (gpointer) sections[s].list, group);

          if (!g_str_equal (sections[s].list, "stage_history"))
            {
              GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
              g_autofree char *label = g_strdup_printf (_("Add to %s"), _(sections[s].title));

              gtk_widget_add_css_class (add, "flat");
              gtk_widget_set_tooltip_text (add, label);
              gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              label, -1);
              gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "editor.add-item");
              gtk_actionable_set_action_target (GTK_ACTIONABLE (add), "s", sections[s].list);
              adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
            }
        }
      else
        g_object_set_data (G_OBJECT (group), "kdx-fields", (gpointer) sections[s].fields);
    }
}

/* Field rows are made per KOL (they hold the record they edit); list rows
 * follow the KOL's list stores. Both go in the section's group, fields
 * first. */
static void
fill_sections (KdxKolEditor *self)
{
  for (guint s = 0; s < self->groups->len; s++)
    {
      AdwPreferencesGroup *group = g_ptr_array_index (self->groups, s);
      const char *const *fields = sections[s].fields;

      for (guint i = 0; fields[i] != NULL; i++)
        {
          GtkWidget *old = g_hash_table_lookup (self->rows, fields[i]);

          if (old != NULL)
            adw_preferences_group_remove (group, old);
          g_hash_table_remove (self->rows, fields[i]);
          if (self->kol != NULL)
            {
              const KdxField *field = kdx_record_find_field (KDX_RECORD (self->kol), fields[i]);
              GtkWidget *row = kdx_field_row_new (KDX_RECORD (self->kol), field);

              adw_preferences_group_add (group, row);
              g_hash_table_insert (self->rows, (gpointer) fields[i], row);
            }
        }
      if (sections[s].list != NULL)
        rebuild_list (self, sections[s].list);
    }
  update_churn_row (self);
}

static void
disconnect_kol (KdxKolEditor *self)
{
  const KdxKolListInfo *infos;
  guint n_infos;

  if (self->kol == NULL)
    return;

  kdx_kol_editor_flush (self);
  g_signal_handlers_disconnect_by_data (self->kol, self);
  infos = kdx_kol_list_infos (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    g_signal_handlers_disconnect_by_data (kdx_kol_get_list (self->kol, infos[i].name), self);
  g_clear_object (&self->kol);
}

static void
set_kol (KdxKolEditor *self,
         KdxKol       *kol)
{
  const KdxKolListInfo *infos;
  guint n_infos;

  disconnect_kol (self);
  g_hash_table_remove_all (self->dirty);
  self->stale = FALSE;
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_object (&self->before);
  self->kol = kol != NULL ? g_object_ref (kol) : NULL;
  self->before = kol != NULL ? kdx_kol_dup (kol) : NULL;
  fill_sections (self);
  update_header (self);

  if (self->kol == NULL)
    return;

  g_signal_connect (self->kol, "notify", G_CALLBACK (kol_notify_cb), self);
  infos = kdx_kol_list_infos (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    {
      GListStore *list = kdx_kol_get_list (self->kol, infos[i].name);

      g_object_set_data (G_OBJECT (list), "kdx-list-name", (gpointer) infos[i].name);
      g_signal_connect (list, "items-changed", G_CALLBACK (list_changed_cb), self);
    }
}

/* Another part of Koldex changed or deleted the file being edited. */
static void
store_changed_cb (KdxKolEditor *self,
                  GArray       *ids,
                  KdxStore     *store)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->kol == NULL || self->saving)
    return;
  id = kdx_kol_get_id (self->kol);

  /* An edit still to be saved is newer than what the store holds; the
   * change is kept by saving only the edit, on top of it. */
  if (self->save_source != 0 || kdx_pending_edits_lookup (self->pending, id) != NULL)
    {
      for (guint i = 0; i < MAX (ids->len, 1); i++)
        if (ids->len == 0 || g_array_index (ids, gint64, i) == id)
          self->stale = TRUE;
      return;
    }

  for (guint i = 0; i < MAX (ids->len, 1); i++)
    {
      g_autoptr(KdxKol) fresh = NULL;

      /* No ids means anything may have changed. */
      if (ids->len > 0 && g_array_index (ids, gint64, i) != id)
        continue;

      fresh = kdx_store_load_kol (self->store, id, &error);
      if (fresh == NULL)
        {
          set_kol (self, NULL);
          return;
        }
      if (!kdx_kol_equal (fresh, self->kol))
        set_kol (self, fresh);
      return;
    }
}

/* Shows the file as saved with what was merged in, unless the user is
 * editing on. From idle: the save may have come from inside a flush. */
static gboolean
reload_idle_cb (gpointer user_data)
{
  KdxKolEditor *self = user_data;
  g_autoptr(KdxKol) fresh = NULL;

  self->reload_source = 0;
  if (self->kol == NULL)
    return G_SOURCE_REMOVE;
  if (self->save_source != 0 || g_hash_table_size (self->dirty) > 0)
    {
      /* The copy lacks what was merged in: its next save merges again. */
      self->stale = TRUE;
      return G_SOURCE_REMOVE;
    }
  fresh = kdx_store_load_kol (self->store, kdx_kol_get_id (self->kol), NULL);
  if (fresh != NULL && !kdx_kol_equal (fresh, self->kol))
    set_kol (self, fresh);
  else
    self->stale = FALSE;
  return G_SOURCE_REMOVE;
}

/* A waiting edit was saved on top of what changed meanwhile. */
static void
pending_saved_cb (KdxKolEditor *self,
                  gint64        id)
{
  if (self->kol == NULL || kdx_kol_get_id (self->kol) != id)
    return;
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_idle_cb, self);
}

static void
pending_error_cb (KdxKolEditor *self,
                  const char   *message)
{
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, message);
}

/* ---- avatar ------------------------------------------------------------------- */

static void
set_avatar (KdxKolEditor *self,
            GBytes       *bytes)
{
  if (self->kol != NULL)
    g_object_set (self->kol, "avatar", bytes, NULL);
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

  disconnect_kol (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_object (&self->before);
  /* Waiting edits live on without the editor, and are saved later. */
  if (self->pending != NULL)
    g_signal_handlers_disconnect_by_data (self->pending, self);
  g_clear_object (&self->pending);
  g_clear_signal_handler (&self->store_handler, self->store);
  g_clear_object (&self->store);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_KOL_EDITOR);

  G_OBJECT_CLASS (kdx_kol_editor_parent_class)->dispose (object);
}

static void
kdx_kol_editor_finalize (GObject *object)
{
  KdxKolEditor *self = KDX_KOL_EDITOR (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->list_groups, g_hash_table_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);

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
  gtk_widget_class_bind_template_callback (widget_class, choose_avatar_cb);

  gtk_widget_class_install_action (widget_class, "editor.add-item", "s", add_item_action);
  gtk_widget_class_bind_template_callback (widget_class, remove_avatar_cb);
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
  self->list_groups = g_hash_table_new (g_str_hash, g_str_equal);
  self->groups = g_ptr_array_new ();
  self->dirty = g_hash_table_new (g_str_hash, g_str_equal);
  build_sections (self);
}

GtkWidget *
kdx_kol_editor_new (KdxStore *store)
{
  KdxKolEditor *self = g_object_new (KDX_TYPE_KOL_EDITOR, NULL);

  self->store = g_object_ref (store);
  self->store_handler = g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);
  self->pending = kdx_pending_edits_new (store);
  g_signal_connect_swapped (self->pending, "saved", G_CALLBACK (pending_saved_cb), self);
  g_signal_connect_swapped (self->pending, "error", G_CALLBACK (pending_error_cb), self);
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
  g_autoptr(KdxKol) kol = NULL;

  g_return_val_if_fail (KDX_IS_KOL_EDITOR (self), FALSE);

  if (self->kol != NULL && kdx_kol_get_id (self->kol) == id)
    return TRUE;

  /* A file whose edit waits for an import is shown with that edit. */
  if (id > 0 && (kol = kdx_pending_edits_lookup (self->pending, id)) != NULL)
    g_object_ref (kol);
  else if (id > 0 && (kol = kdx_store_load_kol (self->store, id, error)) == NULL)
    return FALSE;

  set_kol (self, kol);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
  return TRUE;
}

gint64
kdx_kol_editor_get_id (KdxKolEditor *self)
{
  g_return_val_if_fail (KDX_IS_KOL_EDITOR (self), 0);
  return self->kol != NULL ? kdx_kol_get_id (self->kol) : 0;
}

KdxKol *
kdx_kol_editor_get_kol (KdxKolEditor *self)
{
  g_return_val_if_fail (KDX_IS_KOL_EDITOR (self), NULL);
  return self->kol;
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
