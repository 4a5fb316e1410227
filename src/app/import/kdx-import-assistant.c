/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-import-assistant"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-app-resources.h"
#include "kdx-column-mapper.h"
#include "kdx-enums.h"
#include "kdx-import-assistant.h"
#include "kdx-import-job.h"
#include "kdx-import-report-view.h"
#include "kdx-job-registry.h"
#include "kdx-sheet-chooser.h"
#include "kdx-table-reader.h"

/* How many data rows the columns' examples come from. */
#define SAMPLE_ROWS 5

static const char *const encodings[] = { NULL, "UTF-8", "GB18030", "BIG5-HKSCS", "UTF-16" };
static const char *const encoding_labels[] = {
  N_("Detect automatically"), "UTF-8", N_("GB18030 (Chinese Windows)"), N_("Big5 (Taiwan, Hong Kong)"), "UTF-16", NULL
};
static const char delimiters[] = { 0, ',', ';', '\t', '|' };
static const char *const delimiter_labels[] = {
  N_("Detect automatically"), N_("Comma"), N_("Semicolon"), N_("Tab"), N_("Vertical bar"), NULL
};
/* By KdxDuplicatePolicy; a row each, so no label is cut short. */
static const struct
{
  const char *title;
  const char *subtitle;
} policies[] = {
  { N_("Skip Them"), N_("Keep the stored file as it is") },
  { N_("Merge Them"), N_("Fill the stored file's empty fields") },
  { N_("Add Them as New KOLs"), N_("Even if they are the same person") },
};
static const char *const unmapped_labels[] = {
  N_("Keep them in Notes"), N_("Leave them out"), NULL
};

struct _KdxImportAssistant
{
  AdwWindow            parent_instance;

  KdxStore            *store;
  char                *path;
  GSettings           *settings;
  GCancellable        *cancellable;
  GPtrArray           *headers;         /* of the header row, in order */
  GPtrArray           *column_rows;     /* AdwComboRow per header */
  GPtrArray           *field_names;     /* what the column rows offer; [0] is "don't import" */
  GPtrArray           *groups;          /* groups of the setup page, rebuilt with the preview */
  char               **sheets;
  char                *format;
  gboolean             loading;
  gboolean             closed;          /* the window is gone; a run still ending */
  guint                reload_source;
  KdxDuplicatePolicy   policy;
  GCancellable        *check_cancellable; /* the forecast under way */
  gboolean             check_failed;

  AdwComboRow         *sheet_row;
  AdwComboRow         *encoding_row;
  AdwComboRow         *delimiter_row;
  GtkCheckButton      *policy_checks[G_N_ELEMENTS (policies)];
  AdwComboRow         *unmapped_row;
  AdwActionRow        *forecast_row;

  AdwWindowTitle      *window_title;
  GtkWidget           *cancel_button;
  GtkWidget           *import_button;
  GtkStack            *stack;
  AdwPreferencesPage  *setup_page;
  AdwStatusPage       *progress_page;
  GtkProgressBar      *progress_bar;
  KdxImportReportView *report_view;
};

G_DEFINE_FINAL_TYPE (KdxImportAssistant, kdx_import_assistant, ADW_TYPE_WINDOW)

enum {
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static AdwComboRow *
combo_row (const char        *title,
           const char *const *labels,
           gboolean           translate)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  for (guint i = 0; labels[i] != NULL; i++)
    gtk_string_list_append (model, translate ? _(labels[i]) : labels[i]);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}

/* The columns a spreadsheet may fill: every field but the ones Koldex
 * keeps itself, and pictures, which a cell cannot hold. */
static void
collect_fields (KdxImportAssistant *self,
                GtkStringList      *labels)
{
  const KdxField *fields;
  guint n_fields;

  g_ptr_array_add (self->field_names, g_strdup ("-"));
  gtk_string_list_append (labels, _("Don't import"));
  fields = kdx_record_type_get_fields (KDX_TYPE_KOL, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      if (fields[i].flags & KDX_FIELD_FLAG_READ_ONLY || fields[i].type == KDX_FIELD_IMAGE)
        continue;
      g_ptr_array_add (self->field_names, g_strdup (fields[i].name));
      gtk_string_list_append (labels, kdx_field_get_label (&fields[i]));
    }
}

/* The mapping last used for this set of headers. */
static char *
mapping_key (KdxImportAssistant *self)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < self->headers->len; i++)
    g_string_append_printf (joined, "%s\n", (char *) g_ptr_array_index (self->headers, i));
  return g_compute_checksum_for_string (G_CHECKSUM_SHA1, joined->str, -1);
}

static const char *
remembered_field (KdxImportAssistant *self,
                  GVariant           *remembered,
                  const char         *header)
{
  const char *field = NULL;

  if (remembered != NULL)
    g_variant_lookup (remembered, header, "&s", &field);
  return field;
}

/* The rows go with their groups: the pointers to them are cleared too,
 * so read what they show before. */
static void
clear_groups (KdxImportAssistant *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->setup_page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  g_ptr_array_set_size (self->column_rows, 0);
  g_ptr_array_set_size (self->headers, 0);
  self->sheet_row = NULL;
  self->encoding_row = NULL;
  self->delimiter_row = NULL;
  memset (self->policy_checks, 0, sizeof self->policy_checks);
  self->unmapped_row = NULL;
  self->forecast_row = NULL;
}

static AdwPreferencesGroup *
add_group (KdxImportAssistant *self,
           const char         *title,
           const char         *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (self->setup_page, ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);
  return ADW_PREFERENCES_GROUP (group);
}

static void options_changed_cb (KdxImportAssistant *self);

static void start_check (KdxImportAssistant *self);

static void
column_changed_cb (KdxImportAssistant *self)
{
  if (!self->loading)
    start_check (self);
}

static void
policy_toggled_cb (GtkCheckButton     *check,
                   KdxImportAssistant *self)
{
  if (!gtk_check_button_get_active (check))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (policies); i++)
    if (self->policy_checks[i] == check)
      self->policy = i;
}

/* Reads the file as the import will, up to the header and a few rows,
 * and shows it: the options that fit its format, and a row per column. */
static gboolean
load_preview (KdxImportAssistant  *self,
              GError             **error)
{
  KdxTableReaderOptions options = { 0 };
  g_autoptr(KdxTableReader) reader = NULL;
  g_autoptr(KdxColumnMapper) mapper = kdx_column_mapper_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GVariant) all_remembered = g_settings_get_value (self->settings, "import-mappings");
  g_autoptr(GVariant) remembered = NULL;
  g_autoptr(GtkStringList) field_labels = gtk_string_list_new (NULL);
  g_autofree char *key = NULL;
  g_autofree char *detected = NULL;
  AdwPreferencesGroup *group;
  GPtrArray *header_cells;
  guint header = 0;
  guint sheet = 0;

  /* What the rows show now, before they are rebuilt. */
  guint encoding = self->encoding_row != NULL ? adw_combo_row_get_selected (self->encoding_row) : 0;
  guint delimiter = self->delimiter_row != NULL ? adw_combo_row_get_selected (self->delimiter_row) : 0;
  guint unmapped = self->unmapped_row != NULL ? adw_combo_row_get_selected (self->unmapped_row) : 0;

  if (self->sheet_row != NULL && self->sheets != NULL)
    sheet = adw_combo_row_get_selected (self->sheet_row);
  else if (self->sheets == NULL)
    {
      /* First look: start on the sheet the import would read by itself
       * (koldex-cli picks the same one). */
      KdxTableReaderOptions first = { 0 };
      g_autoptr(KdxTableReader) probe = kdx_table_reader_open (self->path, &first, error);
      g_autofree char *best = NULL;
      const char *const *names;

      if (probe == NULL || (best = kdx_sheet_chooser_pick (self->path, &first, error)) == NULL)
        return FALSE;
      names = kdx_table_reader_get_sheets (probe);
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], best))
          {
            sheet = i;
            break;
          }
      self->sheets = g_strdupv ((char **) names);
      self->format = g_strdup (kdx_table_reader_get_format (probe));
    }
  options.sheet = self->sheets != NULL && self->sheets[sheet] != NULL ? self->sheets[sheet] : NULL;
  options.encoding = encodings[encoding];
  options.delimiter = delimiters[delimiter];

  if ((reader = kdx_table_reader_open (self->path, &options, error)) == NULL)
    return FALSE;

  while (rows->len < KDX_IMPORT_HEADER_SEARCH_ROWS + SAMPLE_ROWS)
    {
      guint number = 0;
      GPtrArray *cells = kdx_table_reader_next_row (reader, &number, error);

      if (cells == NULL)
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          break;
        }
      g_ptr_array_add (rows, cells);
      g_array_append_val (numbers, number);
    }

  self->loading = TRUE;
  clear_groups (self);

  /* What the import will make of the whole file, before Import. */
  group = add_group (self, NULL, NULL);
  self->forecast_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->forecast_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->forecast_row), _("Checking the rows…"));
  adw_preferences_group_add (group, GTK_WIDGET (self->forecast_row));

  /* The file: what Koldex made of it, and what can be changed. */
  if (self->sheets == NULL)
    {
      self->sheets = g_strdupv ((char **) kdx_table_reader_get_sheets (reader));
      g_free (self->format);
      self->format = g_strdup (kdx_table_reader_get_format (reader));
    }
  group = add_group (self, _("File"), NULL);
  if (self->sheets != NULL && g_strv_length (self->sheets) > 1)
    {
      self->sheet_row = combo_row (_("Sheet"), (const char *const *) self->sheets, FALSE);
      adw_combo_row_set_selected (self->sheet_row, sheet);
      adw_preferences_group_add (group, GTK_WIDGET (self->sheet_row));
      g_signal_connect_swapped (self->sheet_row, "notify::selected", G_CALLBACK (options_changed_cb), self);
    }
  else
    self->sheet_row = NULL;

  if (g_strcmp0 (self->format, "csv") == 0)
    {
      self->encoding_row = combo_row (_("Encoding"), encoding_labels, TRUE);
      adw_combo_row_set_selected (self->encoding_row, encoding);
      detected = g_strdup_printf (_("Read as %s"), kdx_table_reader_get_encoding (reader));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encoding_row), detected);
      self->delimiter_row = combo_row (_("Separator"), delimiter_labels, TRUE);
      adw_combo_row_set_selected (self->delimiter_row, delimiter);
      adw_preferences_group_add (group, GTK_WIDGET (self->encoding_row));
      adw_preferences_group_add (group, GTK_WIDGET (self->delimiter_row));
      g_signal_connect_swapped (self->encoding_row, "notify::selected", G_CALLBACK (options_changed_cb), self);
      g_signal_connect_swapped (self->delimiter_row, "notify::selected", G_CALLBACK (options_changed_cb), self);
    }
  /* A workbook of one sheet has nothing to choose: no empty heading. */
  gtk_widget_set_visible (GTK_WIDGET (group), self->sheet_row != NULL || self->encoding_row != NULL);

  /* The columns: the header row as found, and what each one fills. */
  if (rows->len > 0)
    {
      header = kdx_column_mapper_find_header (mapper, rows);
      header_cells = g_ptr_array_index (rows, header);
      if (!kdx_column_mapper_set_header (mapper, header_cells, g_array_index (numbers, guint, header), error))
        {
          self->loading = FALSE;
          return FALSE;
        }
    }

  for (guint i = 0; i < kdx_column_mapper_get_n_columns (mapper); i++)
    g_ptr_array_add (self->headers, g_strdup (kdx_column_mapper_get_header (mapper, i)));
  key = mapping_key (self);
  remembered = g_variant_lookup_value (all_remembered, key, G_VARIANT_TYPE ("a{ss}"));

  g_ptr_array_set_size (self->field_names, 0);
  collect_fields (self, field_labels);
  group = add_group (self, _("Columns"),
                     _("What each column of the sheet fills in a KOL's file. Koldex guessed from the headers."));
  for (guint i = 0; i < self->headers->len; i++)
    {
      const char *header_text = g_ptr_array_index (self->headers, i);
      const char *field = remembered_field (self, remembered, header_text);
      g_autoptr(GString) examples = g_string_new (NULL);
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      guint selected = 0;

      if (field == NULL)
        field = kdx_column_mapper_get_field (mapper, i);
      for (guint j = 0; field != NULL && j < self->field_names->len; j++)
        if (g_str_equal (g_ptr_array_index (self->field_names, j), field))
          selected = j;

      for (guint r = header + 1; r < rows->len && r <= header + SAMPLE_ROWS; r++)
        {
          GPtrArray *cells = g_ptr_array_index (rows, r);
          const KdxCell *cell = i < cells->len ? g_ptr_array_index (cells, i) : NULL;

          if (cell == NULL || cell->text == NULL || *cell->text == '\0')
            continue;
          if (examples->len > 0)
            g_string_append (examples, "  ·  ");
          g_string_append (examples, cell->text);
        }
      g_strdelimit (examples->str, "\r\n", ' ');
      /* Said first, so the sample values cannot push it out of sight. */
      if (kdx_column_mapper_get_scale (mapper, i) > 0)
        {
          g_autofree char *factor = kdx_column_mapper_get_scale_factor (mapper, i);
          g_autofree char *scaled = g_strdup_printf (_("Plain numbers × %s, as the header says"), factor);

          g_string_prepend (examples, examples->len > 0 ? "  ·  " : "");
          g_string_prepend (examples, scaled);
        }

      adw_combo_row_set_model (row, G_LIST_MODEL (field_labels));
      adw_combo_row_set_selected (row, selected);
      /* The header and its examples are the user's text, shown as
       * written: "粉丝 & 互动", "<b>" and all. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), header_text);
      g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (column_changed_cb), self);
      if (examples->len > 0)
        {
          g_autofree char *subtitle = g_utf8_substring (examples->str, 0, MIN (g_utf8_strlen (examples->str, -1), 80));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      adw_preferences_group_add (group, GTK_WIDGET (row));
      g_ptr_array_add (self->column_rows, row);
    }

  /* What to do with what does not fit. */
  group = add_group (self, _("KOLs Already Stored"),
                     _("Rows with the phone, WeChat ID, or handle on the same platform of a stored KOL"));
  for (guint i = 0; i < G_N_ELEMENTS (policies); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (i > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->policy_checks[0]);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), i == self->policy);
      g_signal_connect (check, "toggled", G_CALLBACK (policy_toggled_cb), self);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(policies[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(policies[i].subtitle));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (group, row);
      self->policy_checks[i] = GTK_CHECK_BUTTON (check);
    }
  group = add_group (self, _("Other Columns"), NULL);
  self->unmapped_row = combo_row (_("Columns Not Imported"), unmapped_labels, TRUE);
  adw_combo_row_set_selected (self->unmapped_row, unmapped);
  adw_preferences_group_add (group, GTK_WIDGET (self->unmapped_row));

  self->loading = FALSE;
  start_check (self);
  return TRUE;
}

static void
show_error (KdxImportAssistant *self,
            const char         *message)
{
  AdwPreferencesGroup *group;
  GtkWidget *label = gtk_label_new (message);

  clear_groups (self);
  g_cancellable_cancel (self->check_cancellable);
  group = add_group (self, _("This File Cannot Be Read"), NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  adw_preferences_group_add (group, label);
  gtk_widget_set_sensitive (self->import_button, FALSE);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  KdxImportAssistant *self = user_data;
  g_autoptr(GError) error = NULL;

  self->reload_source = 0;
  if (!load_preview (self, &error))
    show_error (self, error->message);
  return G_SOURCE_REMOVE;
}

/* The row that changed is among those the preview rebuilds: rebuild once
 * it is done emitting, not from inside its own signal. */
static void
options_changed_cb (KdxImportAssistant *self)
{
  if (self->loading || self->reload_source != 0)
    return;
  self->reload_source = g_idle_add (reload_idle_cb, self);
}

/* ---- running ---------------------------------------------------------------------- */

/* In the main context, as the job notifies it. */
static void
progress_cb (KdxImportAssistant *self,
             GParamSpec         *pspec,
             KdxImportJob       *job)
{
  guint rows = kdx_import_job_get_n_done (job);
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row read", "%u rows read",
                                                        rows), rows);

  if (self->closed)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, kdx_import_job_get_fraction (job));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  KdxImportAssistant *self = KDX_IMPORT_ASSISTANT (user_data);
  KdxImportJob *job = KDX_IMPORT_JOB (source);
  g_autoptr(GError) error = NULL;
  KdxImportReport *report = NULL;

  if (kdx_import_job_run_finish (job, result, &error))
    report = kdx_import_job_get_report (job);
  g_signal_handlers_disconnect_by_data (job, self);
  kdx_job_registry_remove (kdx_job_registry_get_default (), self->cancellable);
  g_clear_object (&self->cancellable);

  /* Closed while running: the import was cancelled, and nothing is shown. */
  if (self->closed)
    {
      g_object_unref (self);
      return;
    }

  gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("_Close"));
  gtk_widget_set_visible (self->import_button, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "report");
  if (report == NULL)
    {
      gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      kdx_import_report_view_show_failure (self->report_view,
                                           cancelled ? _("Import Cancelled") : _("Nothing Was Imported"),
                                           cancelled ? _("The database is as it was before.") : error->message,
                                           error->message);
    }
  else
    {
      kdx_import_report_view_show_report (self->report_view, report);
      /* Undo is offered only for an import that changed something. */
      if (kdx_import_report_get_run_id (report) > 0
          && kdx_import_report_get_count (report, KDX_IMPORT_CREATED)
             + kdx_import_report_get_count (report, KDX_IMPORT_MERGED) > 0)
        {
          g_autofree char *name = g_filename_display_basename (self->path);
          g_autofree char *summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "%u KOL imported from %s",
                                                                   "%u KOLs imported from %s",
                                                                   kdx_import_report_get_count (report, KDX_IMPORT_CREATED)),
                                                      kdx_import_report_get_count (report, KDX_IMPORT_CREATED),
                                                      name);
          g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, kdx_import_report_get_run_id (report), summary);
        }
    }
  g_object_unref (self);
}

/* The choices shown, as a job; what each column is mapped to goes into
 * @mapping too, when given. The mapping goes by header; two columns of
 * the same name cannot be told apart by it. */
static KdxImportJob *
new_job (KdxImportAssistant *self,
         gboolean            check_only,
         GVariantBuilder    *mapping)
{
  KdxImportJob *job = kdx_import_job_new (self->store, self->path);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  kdx_import_job_set_check_only (job, check_only);
  if (self->sheet_row != NULL)
    kdx_import_job_set_sheet (job, self->sheets[adw_combo_row_get_selected (self->sheet_row)]);
  if (self->encoding_row != NULL)
    kdx_import_job_set_encoding (job, encodings[adw_combo_row_get_selected (self->encoding_row)]);
  if (self->delimiter_row != NULL)
    kdx_import_job_set_delimiter (job, delimiters[adw_combo_row_get_selected (self->delimiter_row)]);
  kdx_import_job_set_duplicate_policy (job, self->policy);
  kdx_import_job_set_unmapped_policy (job, self->unmapped_row == NULL
                                           || adw_combo_row_get_selected (self->unmapped_row) == 0
                                           ? KDX_UNMAPPED_NOTES : KDX_UNMAPPED_SKIP);
  for (guint i = 0; i < self->column_rows->len; i++)
    {
      const char *header = g_ptr_array_index (self->headers, i);
      const char *field = g_ptr_array_index (self->field_names,
                                             adw_combo_row_get_selected (g_ptr_array_index (self->column_rows, i)));

      if (g_ptr_array_find_with_equal_func (seen, header, g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, (gpointer) header);
      kdx_import_job_add_mapping (job, header, field);
      if (mapping != NULL)
        g_variant_builder_add (mapping, "{ss}", header, field);
    }
  return job;
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  KdxImportAssistant *self = KDX_IMPORT_ASSISTANT (user_data);
  KdxImportJob *job = KDX_IMPORT_JOB (source);
  g_autoptr(GError) error = NULL;
  KdxImportReport *report = NULL;

  if (kdx_import_job_run_finish (job, result, &error))
    report = kdx_import_job_get_report (job);
  /* A newer check replaced this one, or the window went. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->closed || self->forecast_row == NULL)
    {
      g_object_unref (self);
      return;
    }
  g_clear_object (&self->check_cancellable);

  if (report == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->forecast_row), _("Nothing can be imported"));
      adw_action_row_set_subtitle (self->forecast_row, error->message);
      adw_action_row_set_icon_name (self->forecast_row, "dialog-error-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->forecast_row), "error");
      self->check_failed = TRUE;
    }
  else
    {
      guint imported = kdx_import_report_get_count (report, KDX_IMPORT_CREATED);
      guint problems = kdx_import_report_get_n_warned (report)
                       + kdx_import_report_get_count (report, KDX_IMPORT_REJECTED);
      g_autofree char *will = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row will be imported",
                                                            "%u rows will be imported", imported), imported);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (problems > 0)
        {
          g_autofree char *have = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u has problems",
                                                                "%u have problems", problems), problems);
          g_autofree char *first = kdx_import_problem_text (kdx_import_report_get_problem (report, 0));
          guint more = kdx_import_report_get_n_problems (report) - 1;

          /* Translators: "12 rows will be imported, 2 have problems" */
          title = g_strdup_printf (_("%s, %s"), will, have);
          subtitle = more == 0 ? g_steal_pointer (&first)
                               : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (and %u more)",
                                                               "%s (and %u more)", more), first, more);
        }
      else
        title = g_steal_pointer (&will);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->forecast_row), title);
      adw_action_row_set_subtitle (self->forecast_row, subtitle != NULL ? subtitle : "");
      adw_action_row_set_icon_name (self->forecast_row, problems > 0 ? "dialog-warning-symbolic" : "emblem-ok-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->forecast_row), "error");
      self->check_failed = imported == 0;
    }
  gtk_widget_set_sensitive (self->import_button, !self->check_failed && self->cancellable == NULL);
  g_object_unref (self);
}

/* Reads the whole file with the choices shown, in a worker, and says
 * what the import would make of it; a newer choice replaces the check. */
static void
start_check (KdxImportAssistant *self)
{
  g_autoptr(KdxImportJob) job = NULL;

  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  if (self->forecast_row == NULL)
    return;

  self->check_cancellable = g_cancellable_new ();
  self->check_failed = TRUE;
  gtk_widget_set_sensitive (self->import_button, FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->forecast_row), _("Checking the rows…"));
  adw_action_row_set_subtitle (self->forecast_row, "");
  job = new_job (self, TRUE, NULL);
  kdx_import_job_run_async (job, self->check_cancellable, check_done_cb, g_object_ref (self));
}

/**
 * kdx_import_assistant_run:
 *
 * Imports with the choices shown, in a worker thread. What each column
 * was mapped to is remembered for the next file with the same headers.
 */
void
kdx_import_assistant_run (KdxImportAssistant *self)
{
  g_autoptr(KdxImportJob) job = NULL;
  g_autoptr(GVariantBuilder) mapping = g_variant_builder_new (G_VARIANT_TYPE ("a{ss}"));
  g_autoptr(GVariantBuilder) all = g_variant_builder_new (G_VARIANT_TYPE ("a{sa{ss}}"));
  g_autoptr(GVariant) remembered = g_settings_get_value (self->settings, "import-mappings");
  g_autofree char *key = mapping_key (self);
  GVariantIter iter;
  const char *other_key;
  GVariant *other_value;

  g_return_if_fail (KDX_IS_IMPORT_ASSISTANT (self));

  job = new_job (self, FALSE, mapping);
  g_variant_iter_init (&iter, remembered);
  while (g_variant_iter_next (&iter, "{&s@a{ss}}", &other_key, &other_value))
    {
      if (!g_str_equal (other_key, key))
        g_variant_builder_add (all, "{s@a{ss}}", other_key, other_value);
      g_variant_unref (other_value);
    }
  g_variant_builder_add (all, "{s@a{ss}}", key, g_variant_builder_end (mapping));
  g_settings_set_value (self->settings, "import-mappings", g_variant_builder_end (all));

  /* What the import reports replaces the forecast. */
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_widget_set_sensitive (self->import_button, FALSE);

  /* Known to the registry, so that closing the main window or quitting
   * asks first, as for any other import. */
  kdx_job_registry_add_kind (kdx_job_registry_get_default (), self->cancellable, KDX_JOB_KIND_IMPORT);
  g_signal_connect_object (job, "notify::fraction", G_CALLBACK (progress_cb), self, G_CONNECT_SWAPPED);
  kdx_import_job_run_async (job, self->cancellable, run_done_cb, g_object_ref (self));
}

static void
import_clicked_cb (KdxImportAssistant *self)
{
  kdx_import_assistant_run (self);
}

static void
cancel_clicked_cb (KdxImportAssistant *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* ---- object ----------------------------------------------------------------------- */

/* Closing the window cancels an import under way: it rolls back. */
static gboolean
kdx_import_assistant_close_request (GtkWindow *window)
{
  KdxImportAssistant *self = KDX_IMPORT_ASSISTANT (window);

  self->closed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (kdx_import_assistant_parent_class)->close_request (window);
}

/* gtk_window_destroy() does not ask first; a window taken off the screen
 * while importing cancels the import all the same. */
static void
kdx_import_assistant_unmap (GtkWidget *widget)
{
  KdxImportAssistant *self = KDX_IMPORT_ASSISTANT (widget);

  self->closed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  GTK_WIDGET_CLASS (kdx_import_assistant_parent_class)->unmap (widget);
}

static void
kdx_import_assistant_dispose (GObject *object)
{
  KdxImportAssistant *self = KDX_IMPORT_ASSISTANT (object);

  self->closed = TRUE;
  g_clear_handle_id (&self->reload_source, g_source_remove);
  /* Cleared once the import has ended: run_done_cb() takes it out of the
   * job registry, and holds the assistant until then. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDX_TYPE_IMPORT_ASSISTANT);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kdx_import_assistant_parent_class)->dispose (object);
}

static void
kdx_import_assistant_finalize (GObject *object)
{
  KdxImportAssistant *self = KDX_IMPORT_ASSISTANT (object);

  g_free (self->path);
  g_free (self->format);
  g_strfreev (self->sheets);
  g_ptr_array_unref (self->headers);
  g_ptr_array_unref (self->column_rows);
  g_ptr_array_unref (self->field_names);
  g_ptr_array_unref (self->groups);

  G_OBJECT_CLASS (kdx_import_assistant_parent_class)->finalize (object);
}

static void
kdx_import_assistant_class_init (KdxImportAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (KDX_TYPE_IMPORT_REPORT_VIEW);
  object_class->dispose = kdx_import_assistant_dispose;
  object_class->finalize = kdx_import_assistant_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = kdx_import_assistant_close_request;
  widget_class->unmap = kdx_import_assistant_unmap;

  /**
   * KdxImportAssistant::imported:
   * @run_id: the import in the store's history, to undo it by
   * @summary: what was imported, for a person
   */
  signals[SIGNAL_IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  kdx_app_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/kdx-import-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, KdxImportAssistant, window_title);
  gtk_widget_class_bind_template_child (widget_class, KdxImportAssistant, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KdxImportAssistant, import_button);
  gtk_widget_class_bind_template_child (widget_class, KdxImportAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, KdxImportAssistant, setup_page);
  gtk_widget_class_bind_template_child (widget_class, KdxImportAssistant, progress_page);
  gtk_widget_class_bind_template_child (widget_class, KdxImportAssistant, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KdxImportAssistant, report_view);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kdx_import_assistant_init (KdxImportAssistant *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  self->headers = g_ptr_array_new_with_free_func (g_free);
  self->column_rows = g_ptr_array_new ();
  self->field_names = g_ptr_array_new_with_free_func (g_free);
  self->groups = g_ptr_array_new ();
  /* The same default as koldex-cli import: a stored file stays as it is. */
  self->policy = KDX_DUPLICATE_SKIP;
}

/**
 * kdx_import_assistant_new:
 *
 * Returns: (transfer none) (nullable): the assistant, owned by GTK like
 *   any toplevel window; present it
 *
 * Reads the start of @path; fails with the reason when Koldex cannot
 * read it as a spreadsheet at all.
 */
KdxImportAssistant *
kdx_import_assistant_new (GtkWindow   *parent,
                          KdxStore    *store,
                          const char  *path,
                          GError     **error)
{
  /* Like gtk_window_new(): the window belongs to GTK's list of toplevels. */
  KdxImportAssistant *self = g_object_new (KDX_TYPE_IMPORT_ASSISTANT, "transient-for", parent, NULL);
  g_autofree char *name = g_filename_display_basename (path);

  self->store = g_object_ref (store);
  self->path = g_strdup (path);
  adw_window_title_set_subtitle (self->window_title, name);

  if (!load_preview (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  return self;
}

const char *
kdx_import_assistant_get_page (KdxImportAssistant *self)
{
  g_return_val_if_fail (KDX_IS_IMPORT_ASSISTANT (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

char *
kdx_import_assistant_get_report (KdxImportAssistant *self)
{
  g_return_val_if_fail (KDX_IS_IMPORT_ASSISTANT (self), NULL);
  return kdx_import_report_view_get_text (self->report_view);
}

GtkWidget *
kdx_import_assistant_get_column_row (KdxImportAssistant *self,
                                     const char         *header)
{
  g_return_val_if_fail (KDX_IS_IMPORT_ASSISTANT (self), NULL);

  for (guint i = 0; i < self->headers->len; i++)
    if (g_str_equal (g_ptr_array_index (self->headers, i), header))
      return g_ptr_array_index (self->column_rows, i);
  return NULL;
}
