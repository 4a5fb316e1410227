/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-editor-ui"

#include "config.h"

#include "kdx-channel.h"
#include "kdx-date-picker.h"
#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-event.h"
#include "kdx-field-row.h"
#include "kdx-kol-editor.h"
#include "kdx-list-view.h"
#include "kdx-record-dialog.h"
#include "kdx-stage-entry.h"
#include "kdx-test-util.h"
#include "kdx-ui-test.h"
#include "kdx-value.h"

/* The KOL editor and its item dialogs as a person uses them: the calendar
 * picker, the rows of the lists, the Add buttons. What was done is
 * checked in the database. */

/* ---- helpers ------------------------------------------------------------------ */

static KdxKolEditor *
editor_of (KdxUiFixture *fixture)
{
  return kdx_list_view_get_editor (kdx_window_get_list_view (fixture->window));
}


/* An icon button, found by the tooltip a person reads. */
static gboolean
is_button_with_tooltip (GtkWidget     *widget,
                        gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  g_autoptr(GPtrArray) texts = kdx_ui_label_texts (root);

  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), text))
      return TRUE;
  return FALSE;
}

static char *
row_subtitle (GtkWidget *row)
{
  return g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
}

typedef struct
{
  KdxUiFixture *fixture;
  gint64        id;
  const char   *property;
  const char   *expected;
} StoredIs;

static gboolean
stored_is (gpointer user_data)
{
  StoredIs *check = user_data;
  g_autofree char *value = kdx_ui_stored_string (check->fixture->store, check->id, check->property);

  return g_strcmp0 (value, check->expected) == 0;
}

static void
wait_stored (KdxUiFixture *fixture,
             gint64        id,
             const char   *property,
             const char   *expected)
{
  StoredIs check = { fixture, id, property, expected };

  kdx_ui_wait_until (stored_is, &check, 30000);
}

static gboolean
widget_is_visible (gpointer user_data)
{
  return gtk_widget_get_mapped (user_data);
}

static gboolean
widget_is_sensitive (gpointer user_data)
{
  return gtk_widget_get_sensitive (user_data);
}

static gboolean
widget_is_insensitive (gpointer user_data)
{
  return !gtk_widget_get_sensitive (user_data);
}

/* Opens the row's calendar and picks @year-@month-@day in it. */
static void
pick_day (GtkWidget *row,
          int        year,
          int        month,
          int        day)
{
  GtkWidget *picker = kdx_ui_find_widget (row, KDX_TYPE_DATE_PICKER, NULL);
  GtkCalendar *calendar;
  g_autoptr(GDateTime) date = NULL;

  g_assert_nonnull (picker);
  kdx_date_picker_popup (KDX_DATE_PICKER (picker));
  calendar = kdx_date_picker_get_calendar (KDX_DATE_PICKER (picker));
  kdx_ui_wait_until (widget_is_visible, calendar, 30000);
  date = g_date_time_new_local (year, month, day, 0, 0, 0);
  /* As a click on the day does: select it, which emits "day-selected". */
  gtk_calendar_select_day (calendar, date);
  kdx_ui_iterate ();
}

/* ---- dates -------------------------------------------------------------------- */

static void
test_pick_birthday (KdxUiFixture  *fixture,
                    gconstpointer  data)
{
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 1000);
  KdxKolEditor *editor = kdx_ui_open_kol (fixture, id);
  GtkWidget *row = kdx_kol_editor_get_row (editor, "birthday");
  g_autofree char *shown = kdx_date_picker_format ("1990-02-15", FALSE);

  pick_day (row, 1990, 2, 15);
  wait_stored (fixture, id, "birthday", "1990-02-15");
  /* Shown the locale's way, which is no ISO text (but for a locale that
   * writes it so). */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, shown);

  /* Typing as before, and typing the form shown. */
  gtk_editable_set_text (GTK_EDITABLE (row), "2001/7/4");
  wait_stored (fixture, id, "birthday", "2001-07-04");
  row = kdx_kol_editor_get_row (editor, "next_follow_up");
  g_clear_pointer (&shown, g_free);
  shown = kdx_date_picker_format ("2027-03-09", FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), shown);
  wait_stored (fixture, id, "next-follow-up", "2027-03-09");

  /* Every date of the file has its calendar. */
  for (guint i = 0; i < 4; i++)
    {
      const char *fields[] = { "birthday", "next_follow_up", "exclusive_since", "rules_agreed_on" };
      g_assert_nonnull (kdx_ui_find_widget (kdx_kol_editor_get_row (editor, fields[i]),
                                            KDX_TYPE_DATE_PICKER, NULL));
    }
}

typedef struct
{
  KdxUiFixture *fixture;
  gint64        id;
  const char   *expected;
} EventAt;

static gboolean
event_at_is (gpointer user_data)
{
  EventAt *check = user_data;
  g_autoptr(KdxKol) kol = kdx_ui_load_kol (check->fixture->store, check->id);
  GListModel *events = G_LIST_MODEL (kdx_kol_get_list (kol, "events"));
  g_autoptr(KdxRecord) event = NULL;
  g_autofree char *at = NULL;

  if (g_list_model_get_n_items (events) != 1)
    return FALSE;
  event = g_list_model_get_item (events, 0);
  g_object_get (event, "at", &at, NULL);
  return g_strcmp0 (at, check->expected) == 0;
}

static void
test_timeline_dialog_picks_date_and_time (KdxUiFixture  *fixture,
                                          gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  g_autoptr(KdxEvent) event = kdx_event_new ();
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *row, *at_row, *time_entry, *calendar;
  GtkWindow *dialog;
  KdxKolEditor *editor;
  gint64 id;

  kdx_kol_set_display_name (kol, "小美");
  g_object_set (event, "at", "2026-11-29T15:45:51Z", "summary", "First call", NULL);
  g_list_store_append (kdx_kol_get_list (kol, "events"), event);
  id = kdx_ui_store_kol (fixture->store, kol);
  editor = kdx_ui_open_kol (fixture, id);

  row = kdx_ui_find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "First call");
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activated");
  kdx_ui_iterate ();
  dialog = kdx_ui_find_toplevel (KDX_TYPE_RECORD_DIALOG);
  g_assert_nonnull (dialog);
  at_row = kdx_ui_find_named (GTK_WIDGET (dialog), "at");
  g_assert_nonnull (at_row);
  g_assert_null (strstr (gtk_editable_get_text (GTK_EDITABLE (at_row)), "T15:45:51Z"));
  g_assert_null (strstr (gtk_editable_get_text (GTK_EDITABLE (at_row)), "2026-11-29T"));
  {
    g_autofree char *shown = kdx_date_picker_format ("2026-11-29T15:45:51Z", TRUE);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (at_row)), ==, shown);
  }

  /* Day in the calendar, then the time, in local time. */
  pick_day (at_row, 2026, 11, 20);
  /* The time entry sits under the calendar, in the same popover. */
  calendar = GTK_WIDGET (kdx_date_picker_get_calendar (
    KDX_DATE_PICKER (kdx_ui_find_widget (at_row, KDX_TYPE_DATE_PICKER, NULL))));
  time_entry = kdx_ui_find_widget (gtk_widget_get_parent (calendar), GTK_TYPE_ENTRY, NULL);
  g_assert_nonnull (time_entry);
  gtk_editable_set_text (GTK_EDITABLE (time_entry), "09:30");
  g_signal_emit_by_name (time_entry, "activate");
  kdx_ui_iterate ();

  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Done"));
  local = g_date_time_new_local (2026, 11, 20, 9, 30, 0);
  expected = kdx_value_format_datetime (local);
  {
    EventAt check = { fixture, id, expected };
    kdx_ui_wait_until (event_at_is, &check, 30000);
  }
  /* The timeline row shows it the local way too. */
  row = kdx_ui_find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "First call");
  {
    g_autofree char *subtitle = row_subtitle (row);
    g_autofree char *shown = kdx_date_picker_format (expected, TRUE);
    g_assert_true (g_str_has_prefix (subtitle, shown));
  }
}

/* ---- stage history -------------------------------------------------------------- */

static void
add_stage (KdxKol     *kol,
           KdxStage    stage,
           int         days_ago,
           const char *note)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) at = g_date_time_add_days (now, -days_ago);
  g_autofree char *text = kdx_value_format_datetime (at);
  g_autoptr(KdxStageEntry) entry = kdx_stage_entry_new ();

  g_object_set (entry, "stage", stage, "at", text, "note", note, NULL);
  g_list_store_append (kdx_kol_get_stage_history (kol), entry);
}

static void
test_stage_history_durations (KdxUiFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  KdxKolEditor *editor;
  struct { KdxStage stage; const char *lasted; } expected[] = {
    { KDX_STAGE_CANDIDATE, "3 days" },
    { KDX_STAGE_CONTACTING, "2 months" },
    { KDX_STAGE_NEGOTIATING, "30 days" },
    { KDX_STAGE_ONBOARDING, "1 day" },
    { KDX_STAGE_GROWING, "4 days so far" },
  };

  kdx_kol_set_display_name (kol, "小美");
  add_stage (kol, KDX_STAGE_CANDIDATE, 100, NULL);
  add_stage (kol, KDX_STAGE_CONTACTING, 97, NULL); /* 62 days: 2 months */
  add_stage (kol, KDX_STAGE_NEGOTIATING, 35, NULL);
  add_stage (kol, KDX_STAGE_ONBOARDING, 5, NULL);
  add_stage (kol, KDX_STAGE_GROWING, 4, NULL);
  g_object_set (kol, "stage", KDX_STAGE_GROWING, NULL);
  editor = kdx_ui_open_kol (fixture, kdx_ui_store_kol (fixture->store, kol));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkWidget *row = kdx_ui_find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW,
                                           kdx_stage_get_label (expected[i].stage));
      g_autofree char *subtitle = NULL;
      g_autofree char *part = g_strconcat (" · ", expected[i].lasted, NULL);

      g_assert_nonnull (row);
      subtitle = row_subtitle (row);
      g_test_message ("%s: %s", kdx_stage_get_label (expected[i].stage), subtitle);
      g_assert_true (g_str_has_suffix (subtitle, part));
    }
}

/* ---- avatar ------------------------------------------------------------------- */

static void
test_avatar_button_name (KdxUiFixture  *fixture,
                         gconstpointer  data)
{
  KdxKolEditor *editor = kdx_ui_open_kol (fixture, kdx_ui_add_kol (fixture->store, "小美", 1000));
  GtkWidget *button = kdx_ui_find_widget (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "Choose Picture…");
  g_autofree char *problem = NULL;

  g_assert_nonnull (button);
  /* The name read out is the clean label, without the mnemonic's "_". */
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (button),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL, "Choose Picture…");
  g_assert_null (problem);
}

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  guint *frames = data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
three_frames (gpointer data)
{
  return *(guint *) data >= 3;
}

/* The header's buttons stay within the header, above the "Personal"
 * heading, with labels as short as Chinese ones: in a flow box they were
 * measured on one line for the whole width, wrapped where the box's
 * natural width ran out, and grew over the heading (seen in Chinese at
 * 1280 pixels). */
static void
test_header_buttons_above_heading (KdxUiFixture  *fixture,
                                   gconstpointer  data)
{
  KdxKolEditor *editor = kdx_ui_open_kol (fixture, kdx_ui_add_kol (fixture->store, "阿强", 1000));
  GtkWidget *log = kdx_ui_find_widget (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "Log Contact…");
  GtkWidget *choose = kdx_ui_find_widget (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "Choose Picture…");
  GtkWidget *heading = kdx_ui_find_widget (GTK_WIDGET (editor), GTK_TYPE_LABEL, "Personal");
  GtkWidget *buttons[] = { log, choose };
  graphene_rect_t below;
  guint frames = 0;
  guint tick;

  g_assert_nonnull (log);
  g_assert_nonnull (choose);
  g_assert_nonnull (heading);
  gtk_button_set_label (GTK_BUTTON (log), "记录联系…");
  gtk_button_set_label (GTK_BUTTON (choose), "选择图片…");
  /* Laid out again: a few frames drawn since. */
  tick = gtk_widget_add_tick_callback (log, count_frame_cb, &frames, NULL);
  kdx_ui_wait_until (three_frames, &frames, 5000);
  gtk_widget_remove_tick_callback (log, tick);

  g_assert_true (gtk_widget_compute_bounds (heading, GTK_WIDGET (editor), &below));
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_get_mapped (buttons[i]));
      g_assert_true (gtk_widget_compute_bounds (buttons[i], GTK_WIDGET (editor), &bounds));
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, below.origin.y);
    }
}

static gboolean
has_picture_chooser (gpointer data)
{
  return kdx_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static gboolean
chooser_has_file (gpointer data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (data));

  return file != NULL;
}

typedef struct
{
  KdxStore *store;
  gint64    id;
  gboolean  want;
} PictureWait;

static gboolean
stored_picture_is (gpointer data)
{
  PictureWait *wait = data;
  g_autoptr(KdxKol) kol = kdx_ui_load_kol (wait->store, wait->id);

  return (kdx_kol_get_avatar (kol) != NULL) == wait->want;
}

static gboolean
is_remove_picture (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Remove Picture") == 0;
}

/* The picture's two buttons in the header's new place: Choose Picture
 * opens the chooser and the file picked is the KOL's picture in the
 * database; the bin beside it, shown then, takes it away again. */
static void
test_picture_buttons (KdxUiFixture  *fixture,
                      gconstpointer  data)
{
  PictureWait wait = { fixture->store, kdx_ui_add_kol (fixture->store, "阿强", 1000), TRUE };
  KdxKolEditor *editor = kdx_ui_open_kol (fixture, wait.id);
  g_autofree char *png = g_build_filename (fixture->dir, "face.png", NULL);
  g_autoptr(GBytes) bytes = kdx_test_tiny_png ();
  g_autoptr(GFile) file = g_file_new_for_path (png);
  GtkWidget *remove = kdx_ui_find_first (GTK_WIDGET (editor), is_remove_picture, NULL);
  GtkWindow *chooser;

  g_assert_true (g_file_set_contents (png, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  g_assert_nonnull (remove);
  g_assert_false (gtk_widget_get_visible (remove));

  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "Choose Picture…"));
  kdx_ui_wait_until (has_picture_chooser, NULL, 30000);
  chooser = kdx_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL));
  /* Selected once the chooser has read the folder, as a click would. */
  kdx_ui_wait_until (chooser_has_file, chooser, 30000);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  kdx_ui_wait_until (stored_picture_is, &wait, 30000);
  kdx_ui_iterate ();
  g_assert_true (gtk_widget_get_visible (remove));

  kdx_ui_click (remove);
  wait.want = FALSE;
  kdx_ui_wait_until (stored_picture_is, &wait, 30000);
}

/* ---- item dialogs ----------------------------------------------------------------- */

static KdxChannel *
new_channel (const char *platform,
             const char *handle)
{
  KdxChannel *channel = g_object_new (KDX_TYPE_CHANNEL, NULL);

  g_object_set (channel, "platform", platform, "handle", handle, NULL);
  return channel;
}

typedef struct
{
  KdxKolEditor *editor;
  guint         n;
} EditorChannels;

static gboolean
editor_has_n_channels (gpointer user_data)
{
  EditorChannels *check = user_data;
  KdxKol *kol = kdx_kol_editor_get_kol (check->editor);

  return kol != NULL
    && g_list_model_get_n_items (G_LIST_MODEL (kdx_kol_get_list (kol, "channels"))) == check->n;
}

static char *
stored_handles (KdxUiFixture *fixture,
                gint64        id)
{
  g_autoptr(KdxKol) kol = kdx_ui_load_kol (fixture->store, id);
  GListModel *channels = G_LIST_MODEL (kdx_kol_get_list (kol, "channels"));
  g_autoptr(GString) handles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(KdxRecord) channel = g_list_model_get_item (channels, i);
      g_autofree char *handle = NULL;

      g_object_get (channel, "handle", &handle, NULL);
      g_string_append_printf (handles, "%s%s", i > 0 ? "," : "", handle);
    }
  return g_string_free (g_steal_pointer (&handles), FALSE);
}

typedef struct
{
  KdxUiFixture *fixture;
  gint64        id;
  const char   *expected;
} HandlesAre;

static gboolean
handles_are (gpointer user_data)
{
  HandlesAre *check = user_data;
  g_autofree char *handles = stored_handles (check->fixture, check->id);

  return g_strcmp0 (handles, check->expected) == 0;
}

static void
test_item_dialog_after_reload (KdxUiFixture  *fixture,
                               gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  g_autoptr(KdxChannel) first = new_channel ("weibo", "first");
  g_autoptr(KdxChannel) second = new_channel ("douyin", "second");
  g_autoptr(KdxChannel) inserted = new_channel ("zhihu", "inserted");
  g_autoptr(KdxKol) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  KdxKolEditor *editor;
  GtkWindow *dialog;
  GtkWidget *row;
  gint64 id;

  kdx_kol_set_display_name (kol, "小美");
  g_list_store_append (kdx_kol_get_list (kol, "channels"), first);
  g_list_store_append (kdx_kol_get_list (kol, "channels"), second);
  id = kdx_ui_store_kol (fixture->store, kol);
  editor = kdx_ui_open_kol (fixture, id);

  title = g_strdup_printf ("%s · second", kdx_platform_get_label ("douyin"));
  row = kdx_ui_find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, title);
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activated");
  kdx_ui_iterate ();
  dialog = kdx_ui_find_toplevel (KDX_TYPE_RECORD_DIALOG);
  g_assert_nonnull (dialog);

  /* Meanwhile another part of Koldex puts a channel before it. */
  changed = kdx_ui_load_kol (fixture->store, id);
  g_list_store_insert (kdx_kol_get_list (changed, "channels"), 0, inserted);
  g_assert_true (kdx_store_save_kol (fixture->store, changed, &error));
  g_assert_no_error (error);
  {
    EditorChannels check = { editor, 3 };
    kdx_ui_wait_until (editor_has_n_channels, &check, 30000);
  }

  gtk_editable_set_text (GTK_EDITABLE (kdx_ui_find_named (GTK_WIDGET (dialog), "handle")), "second, edited");
  kdx_ui_iterate ();
  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Done"));
  {
    HandlesAre check = { fixture, id, "inserted,first,second, edited" };
    kdx_ui_wait_until (handles_are, &check, 30000);
  }
}

static void
test_user_text_is_not_markup (KdxUiFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  g_autoptr(KdxChannel) channel = new_channel ("A&B <x>", "A&B <x>");
  g_autoptr(KdxEvent) event = kdx_event_new ();
  g_autoptr(KdxRecord) date = NULL;
  KdxKolEditor *editor;
  GListStore *dates;
  g_autofree char *channel_title = NULL;

  kdx_kol_set_display_name (kol, "小美");
  g_list_store_append (kdx_kol_get_list (kol, "channels"), channel);
  g_object_set (event, "summary", "A&B <x>", NULL);
  g_list_store_append (kdx_kol_get_list (kol, "events"), event);
  dates = kdx_kol_get_list (kol, "important_dates");
  date = g_object_new (g_list_model_get_item_type (G_LIST_MODEL (dates)), NULL);
  g_object_set (date, "label", "A&B <x>", "date", "2024-03-01", NULL);
  g_list_store_append (dates, date);
  add_stage (kol, KDX_STAGE_CANDIDATE, 3, "A&B <x>");
  editor = kdx_ui_open_kol (fixture, kdx_ui_store_kol (fixture->store, kol));

  channel_title = g_strdup_printf ("%s · %s", kdx_platform_get_label ("A&B <x>"), "A&B <x>");
  g_assert_true (shows_label (GTK_WIDGET (editor), channel_title));
  g_assert_true (shows_label (GTK_WIDGET (editor), "A&B <x>"));
  {
    GtkWidget *row = kdx_ui_find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW,
                                         kdx_stage_get_label (KDX_STAGE_CANDIDATE));
    g_autoptr(GPtrArray) texts = NULL;
    gboolean found = FALSE;

    g_assert_nonnull (row);
    texts = kdx_ui_label_texts (row);
    for (guint i = 0; i < texts->len; i++)
      found |= g_str_has_suffix (g_ptr_array_index (texts, i), " · A&B <x>");
    g_assert_true (found);
  }
}

/* ---- rough edges ---------------------------------------------------------------- */

static void
test_counts_as_people_write_them (KdxUiFixture  *fixture,
                                  gconstpointer  data)
{
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 8534123);
  gint64 other = kdx_ui_add_kol (fixture->store, "小丽", 1);
  KdxKolEditor *editor = kdx_ui_open_kol (fixture, id);
  GtkWidget *row = kdx_kol_editor_get_row (editor, "followers");
  g_autoptr(KdxKol) stored = NULL;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "8.5M");
  /* Edited, it shows every digit, so nothing is lost by editing. */
  g_assert_true (gtk_widget_grab_focus (row));
  kdx_ui_wait_for_text (GTK_EDITABLE (row), "8,534,123");

  /* Typed as before. */
  gtk_editable_set_text (GTK_EDITABLE (row), "12.5万");
  kdx_ui_wait_for_stored (fixture->store, id, "followers", "125000");
  stored = kdx_ui_load_kol (fixture->store, id);
  g_assert_cmpint (kdx_kol_get_followers (stored), ==, 125000);
  gtk_widget_grab_focus (kdx_kol_editor_get_row (editor, "city"));
  kdx_ui_wait_for_text (GTK_EDITABLE (row), "125K");

  /* In Chinese, in 万. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  kdx_ui_open_kol (fixture, other);
  editor = kdx_ui_open_kol (fixture, id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (kdx_kol_editor_get_row (editor, "followers"))),
                   ==, "12.5万");
  g_unsetenv ("LANGUAGE");
}

static void
test_new_kol_followers_unknown (KdxUiFixture  *fixture,
                                gconstpointer  data)
{
  KdxKolEditor *editor = editor_of (fixture);
  GtkWidget *row;

  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 0);
  kdx_ui_add_kol_by_keyboard (fixture, "小美");
  g_assert_cmpint (kdx_store_count_kols (fixture->store, NULL), ==, 1);
  kdx_ui_iterate ();

  g_assert_cmpint (kdx_kol_editor_get_id (editor), >, 0);
  row = kdx_kol_editor_get_row (editor, "followers");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  g_assert_false (shows_label (GTK_WIDGET (editor), "Candidate · No platform · 0 followers"));
}

static void
test_churn_reason_only_when_departed (KdxUiFixture  *fixture,
                                      gconstpointer  data)
{
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 1000);
  KdxKolEditor *editor = kdx_ui_open_kol (fixture, id);
  GtkWidget *churn = kdx_kol_editor_get_row (editor, "churn_reason");

  g_assert_false (gtk_widget_get_visible (churn));
  adw_combo_row_set_selected (ADW_COMBO_ROW (kdx_kol_editor_get_row (editor, "stage")), KDX_STAGE_DEPARTED);
  kdx_ui_iterate ();
  g_assert_true (gtk_widget_get_visible (churn));
  adw_combo_row_set_selected (ADW_COMBO_ROW (kdx_kol_editor_get_row (editor, "stage")), KDX_STAGE_GROWING);
  kdx_ui_iterate ();
  g_assert_false (gtk_widget_get_visible (churn));
}

static void
test_empty_sections_and_add_button (KdxUiFixture  *fixture,
                                    gconstpointer  data)
{
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 1000);
  KdxKolEditor *editor = kdx_ui_open_kol (fixture, id);
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(KdxRecord) channel = NULL;
  g_autofree char *platform = NULL;
  GtkWidget *empty, *add;
  GtkWindow *dialog;
  gint64 followers;

  /* Both empty sections say so, each with its Add button. */
  g_assert_nonnull (kdx_ui_find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "Nothing in the timeline yet"));
  empty = kdx_ui_find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "No channels yet");
  g_assert_nonnull (empty);
  add = kdx_ui_find_widget (empty, GTK_TYPE_BUTTON, "Add Channel");
  kdx_ui_click (add);
  dialog = kdx_ui_find_toplevel (KDX_TYPE_RECORD_DIALOG);
  g_assert_nonnull (dialog);

  gtk_editable_set_text (GTK_EDITABLE (kdx_ui_find_named (GTK_WIDGET (dialog), "platform")), "weibo");
  gtk_editable_set_text (GTK_EDITABLE (kdx_ui_find_named (GTK_WIDGET (dialog), "followers")), "4.5万");
  kdx_ui_iterate ();
  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Add"));
  {
    KdxUiStoredList check = { fixture, id, "channels", 1 };
    kdx_ui_wait_until (kdx_ui_stored_list_has_n, &check, 30000);
  }
  stored = kdx_ui_load_kol (fixture->store, id);
  channel = g_list_model_get_item (G_LIST_MODEL (kdx_kol_get_list (stored, "channels")), 0);
  g_object_get (channel, "platform", &platform, "followers", &followers, NULL);
  g_assert_cmpstr (platform, ==, "weibo");
  g_assert_cmpint (followers, ==, 45000);
  g_assert_null (kdx_ui_find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "No channels yet"));
}

/* Add waits for a valid item: here a platform, and a count that is one. */
static void
test_add_waits_for_valid_item (KdxUiFixture  *fixture,
                               gconstpointer  data)
{
  gint64 id = kdx_ui_add_kol (fixture->store, "小美", 1000);
  KdxKolEditor *editor = kdx_ui_open_kol (fixture, id);
  GtkWidget *done;
  GtkWindow *dialog;

  kdx_ui_click (kdx_ui_find_first (GTK_WIDGET (editor), is_button_with_tooltip, "Add to Channels"));
  dialog = kdx_ui_find_toplevel (KDX_TYPE_RECORD_DIALOG);
  g_assert_nonnull (dialog);
  done = kdx_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Add");
  g_assert_nonnull (done);
  g_assert_false (gtk_widget_get_sensitive (done));
  gtk_editable_set_text (GTK_EDITABLE (kdx_ui_find_named (GTK_WIDGET (dialog), "platform")), "weibo");
  kdx_ui_wait_until (widget_is_sensitive, done, 30000);
  gtk_editable_set_text (GTK_EDITABLE (kdx_ui_find_named (GTK_WIDGET (dialog), "followers")), "lots");
  kdx_ui_wait_until (widget_is_insensitive, done, 30000);
  gtk_editable_set_text (GTK_EDITABLE (kdx_ui_find_named (GTK_WIDGET (dialog), "followers")), "4.5万");
  kdx_ui_wait_until (widget_is_sensitive, done, 30000);
  kdx_ui_click (done);
  {
    KdxUiStoredList check = { fixture, id, "channels", 1 };
    kdx_ui_wait_until (kdx_ui_stored_list_has_n, &check, 30000);
  }
}

int
main (int    argc,
      char **argv)
{
  kdx_ui_test_init (&argc, &argv);

  KDX_UI_ADD ("/ui/editor/dates/pick-birthday", test_pick_birthday);
  KDX_UI_ADD ("/ui/editor/dates/timeline-dialog", test_timeline_dialog_picks_date_and_time);
  KDX_UI_ADD ("/ui/editor/stage-history/durations", test_stage_history_durations);
  KDX_UI_ADD ("/ui/editor/avatar/accessible-name", test_avatar_button_name);
  KDX_UI_ADD ("/ui/editor/header/buttons-above-heading", test_header_buttons_above_heading);
  KDX_UI_ADD ("/ui/editor/header/picture-buttons", test_picture_buttons);
  KDX_UI_ADD ("/ui/editor/items/dialog-after-reload", test_item_dialog_after_reload);
  KDX_UI_ADD ("/ui/editor/items/text-not-markup", test_user_text_is_not_markup);
  KDX_UI_ADD ("/ui/editor/counts/as-people-write-them", test_counts_as_people_write_them);
  KDX_UI_ADD ("/ui/editor/counts/new-kol-unknown", test_new_kol_followers_unknown);
  KDX_UI_ADD ("/ui/editor/churn-reason-only-departed", test_churn_reason_only_when_departed);
  KDX_UI_ADD ("/ui/editor/items/empty-sections-and-add", test_empty_sections_and_add_button);
  KDX_UI_ADD ("/ui/editor/items/add-waits-for-valid", test_add_waits_for_valid_item);

  return g_test_run ();
}
