/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdx-error.h"
#include "kdx-import-sink.h"
#include "kdx-importer.h"
#include "kdx-sheet-chooser.h"
#include "kdx-table-reader.h"

struct _KdxImporter
{
  GObject                parent_instance;

  KdxStore              *store;
  char                  *sheet;
  char                  *encoding;
  char                   delimiter;
  KdxColumnMapper       *mapper;
  KdxDuplicatePolicy     policy;
  gboolean               dry_run;
  gboolean               check_only;    /* kdx_importer_check(): no store */

  KdxImportProgressFunc  progress_func;
  gpointer               progress_data;
  GDestroyNotify         progress_destroy;
};

G_DEFINE_FINAL_TYPE (KdxImporter, kdx_importer, G_TYPE_OBJECT)

#define PROGRESS_EVERY 50

static void
kdx_importer_dispose (GObject *object)
{
  KdxImporter *self = KDX_IMPORTER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->mapper);
  if (self->progress_destroy != NULL)
    g_clear_pointer (&self->progress_data, self->progress_destroy);
  self->progress_destroy = NULL;

  G_OBJECT_CLASS (kdx_importer_parent_class)->dispose (object);
}

static void
kdx_importer_finalize (GObject *object)
{
  KdxImporter *self = KDX_IMPORTER (object);

  g_free (self->sheet);
  g_free (self->encoding);

  G_OBJECT_CLASS (kdx_importer_parent_class)->finalize (object);
}

static void
kdx_importer_class_init (KdxImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdx_importer_dispose;
  object_class->finalize = kdx_importer_finalize;
}

static void
kdx_importer_init (KdxImporter *self)
{
  self->mapper = kdx_column_mapper_new ();
  self->policy = KDX_DUPLICATE_SKIP;
}

KdxImporter *
kdx_importer_new (KdxStore *store)
{
  KdxImporter *self;

  g_return_val_if_fail (store == NULL || KDX_IS_STORE (store), NULL);

  self = g_object_new (KDX_TYPE_IMPORTER, NULL);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  return self;
}

/* @sheet: (nullable): a sheet name or a number from 1; NULL for the first */
void
kdx_importer_set_sheet (KdxImporter *self,
                        const char  *sheet)
{
  g_return_if_fail (KDX_IS_IMPORTER (self));
  g_free (self->sheet);
  self->sheet = g_strdup (sheet);
}

/* @encoding: (nullable): of a text file; NULL to detect it */
void
kdx_importer_set_encoding (KdxImporter *self,
                           const char  *encoding)
{
  g_return_if_fail (KDX_IS_IMPORTER (self));
  g_free (self->encoding);
  self->encoding = g_strdup (encoding);
}

/* @delimiter: of a text file; 0 to sniff it */
void
kdx_importer_set_delimiter (KdxImporter *self,
                            char         delimiter)
{
  g_return_if_fail (KDX_IS_IMPORTER (self));
  self->delimiter = delimiter;
}

/* See kdx_column_mapper_add_override(). */
gboolean
kdx_importer_add_mapping (KdxImporter  *self,
                          const char   *header,
                          const char   *field,
                          GError      **error)
{
  g_return_val_if_fail (KDX_IS_IMPORTER (self), FALSE);
  return kdx_column_mapper_add_override (self->mapper, header, field, error);
}

void
kdx_importer_set_duplicate_policy (KdxImporter        *self,
                                   KdxDuplicatePolicy  policy)
{
  g_return_if_fail (KDX_IS_IMPORTER (self));
  self->policy = policy;
}

void
kdx_importer_set_unmapped_policy (KdxImporter       *self,
                                  KdxUnmappedPolicy  policy)
{
  g_return_if_fail (KDX_IS_IMPORTER (self));
  kdx_column_mapper_set_unmapped_policy (self->mapper, policy);
}

/* A dry run does all the work inside the transaction, then rolls it back:
 * the report is exactly what a real import would say. */
void
kdx_importer_set_dry_run (KdxImporter *self,
                          gboolean     dry_run)
{
  g_return_if_fail (KDX_IS_IMPORTER (self));
  self->dry_run = !!dry_run;
}

void
kdx_importer_set_progress_func (KdxImporter           *self,
                                KdxImportProgressFunc  func,
                                gpointer               user_data,
                                GDestroyNotify         destroy)
{
  g_return_if_fail (KDX_IS_IMPORTER (self));

  if (self->progress_destroy != NULL && self->progress_data != NULL)
    self->progress_destroy (self->progress_data);
  self->progress_func = func;
  self->progress_data = user_data;
  self->progress_destroy = destroy;
}

static void
report_progress (KdxImporter    *self,
                 KdxTableReader *reader,
                 guint           rows_done)
{
  if (self->progress_func != NULL)
    self->progress_func (rows_done, kdx_table_reader_get_progress (reader), self->progress_data);
}

/* A row is counted as the report knows rows: a stored file rewritten
 * from it (only XML can match one by uid, so for a row this is a merge)
 * is "merged". */
static KdxImportOutcome
outcome_of (KdxImportAction action)
{
  switch (action)
    {
    case KDX_IMPORT_ACTION_CREATED:
      return KDX_IMPORT_CREATED;
    case KDX_IMPORT_ACTION_SKIPPED:
      return KDX_IMPORT_SKIPPED;
    case KDX_IMPORT_ACTION_UPDATED:
    case KDX_IMPORT_ACTION_UNCHANGED:
    case KDX_IMPORT_ACTION_MERGED:
    default:
      return KDX_IMPORT_MERGED;
    }
}

static void
reject_row (KdxImportReport *report,
            KdxImportSink   *sink,
            guint            row)
{
  kdx_import_report_add_row (report, row, KDX_IMPORT_REJECTED, 0);
  if (sink != NULL)
    kdx_import_sink_reject (sink);
}

/* One row into @sink, which applies the duplicate policy (NULL for
 * kdx_importer_check()). FALSE only when the database itself fails; a
 * row the store refuses is rejected. */
static gboolean
import_row (KdxImporter      *self,
            KdxImportSink    *sink,
            GPtrArray        *cells,
            guint             row,
            KdxImportReport  *report,
            GError          **error)
{
  g_autoptr(KdxKol) kol = kdx_column_mapper_make_kol (self->mapper, cells, row, report);
  g_autoptr(GError) local_error = NULL;
  KdxImportAction action;
  gint64 id;

  if (kol == NULL)
    {
      reject_row (report, sink, row);
      return TRUE;
    }
  if (sink == NULL)
    {
      kdx_import_report_add_row (report, row, KDX_IMPORT_CREATED, 0);
      return TRUE;
    }

  /* A team database refuses rows some rows later: it names this one. */
  kdx_import_sink_set_row (sink, row);
  if (!kdx_import_sink_take (sink, kol, &action, &id, &local_error))
    {
      if (g_error_matches (local_error, KDX_ERROR, KDX_ERROR_DATABASE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      kdx_import_report_add_problem (report, row, NULL, NULL, local_error->message);
      reject_row (report, sink, row);
      return TRUE;
    }

  kdx_import_report_add_row (report, row, outcome_of (action), id);
  return TRUE;
}

/* With no sheet asked for, the one the assistant starts on too. */
static gboolean
select_best_sheet (KdxTableReader               *reader,
                   const char                   *path,
                   const KdxTableReaderOptions  *options,
                   GError                      **error)
{
  g_autofree char *best = kdx_sheet_chooser_pick (path, options, error);
  guint index;

  if (best == NULL || !kdx_table_reader_find_sheet (reader, best, &index, error))
    return FALSE;
  if (index == kdx_table_reader_get_sheet_index (reader))
    return TRUE;
  return kdx_table_reader_select_sheet (reader, index, error);
}

static gboolean
names_display_name (KdxColumnMapper *mapper)
{
  for (guint i = 0; i < kdx_column_mapper_get_n_columns (mapper); i++)
    if (g_strcmp0 (kdx_column_mapper_get_field (mapper, i), "display_name") == 0)
      return TRUE;
  return FALSE;
}

/* Names the sheets looked at, so the user can tell which one was meant. */
static void
no_rows_error (KdxImporter        *self,
               const char *const  *sheets,
               guint               sheet,
               GError            **error)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n_sheets = g_strv_length ((char **) sheets);

  if (n_sheets <= 1)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND, _("no rows to import below the header row"));
      return;
    }
  if (self->sheet != NULL)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND,
                   _("the sheet “%s” has no rows to import below its header row"), sheets[sheet]);
      return;
    }
  for (guint i = 0; i < n_sheets; i++)
    /* Translators: the separator between sheet names in a list */
    g_string_append_printf (names, "%s“%s”", i > 0 ? _(", ") : "", sheets[i]);
  g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND,
               _("no rows to import in any sheet (looked at %s; the best was “%s”: choose another with --sheet)"),
               names->str, sheets[sheet]);
}

/* Reads rows up to the header row, buffering them, and maps the header.
 * Returns the rows after it that were read along the way. */
static GPtrArray *
read_header (KdxImporter     *self,
             KdxTableReader  *reader,
             GArray         **row_numbers,
             GError         **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) local_error = NULL;
  guint header;

  while (rows->len < KDX_IMPORT_HEADER_SEARCH_ROWS)
    {
      guint number = 0;
      GPtrArray *cells = kdx_table_reader_next_row (reader, &number, &local_error);

      if (cells == NULL)
        break;
      g_ptr_array_add (rows, cells);
      g_array_append_val (numbers, number);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (rows->len == 0)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE, _("the sheet is empty"));
      return NULL;
    }

  header = kdx_column_mapper_find_header (self->mapper, rows);
  if (!kdx_column_mapper_set_header (self->mapper, g_ptr_array_index (rows, header),
                                     g_array_index (numbers, guint, header), error))
    return NULL;

  g_ptr_array_remove_range (rows, 0, header + 1);
  g_array_remove_range (numbers, 0, header + 1);
  *row_numbers = g_steal_pointer (&numbers);
  return g_steal_pointer (&rows);
}

static KdxImportReport *
import_file (KdxImporter   *self,
             const char    *path,
             GCancellable  *cancellable,
             GError       **error);

/**
 * kdx_importer_run:
 *
 * Imports the candidate list at @path (CSV/TSV/TXT, XLSX or ODS, known by
 * its content). A value that does not fit is left out and reported, a
 * row without a name rejected, the rest imported; a file that cannot be
 * read (or holds no rows to import), a database failure or a cancel
 * fails the whole import and leaves the database as it was.
 *
 * Returns: (transfer full): the report, or NULL with @error set
 */
KdxImportReport *
kdx_importer_run (KdxImporter   *self,
                  const char    *path,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_return_val_if_fail (KDX_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  self->check_only = FALSE;
  return import_file (self, path, cancellable, error);
}

/**
 * kdx_importer_check:
 *
 * Reads and maps every row of @path as kdx_importer_run() would, without
 * the store (the importer may have none): the report says which rows
 * would be imported ("created") or left out, with every problem, before
 * the user commits to the import. Duplicates are not looked for.
 *
 * Returns: (transfer full): the report, or NULL with @error set, as
 *   kdx_importer_run() would fail
 */
KdxImportReport *
kdx_importer_check (KdxImporter   *self,
                    const char    *path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_return_val_if_fail (KDX_IS_IMPORTER (self), NULL);

  self->check_only = TRUE;
  return import_file (self, path, cancellable, error);
}

/* Both: kdx_importer_check() stops short of the store. */
static KdxImportReport *
import_file (KdxImporter   *self,
             const char    *path,
             GCancellable  *cancellable,
             GError       **error)
{
  KdxTableReaderOptions options = { self->encoding, self->delimiter, self->sheet };
  g_autoptr(KdxImportReport) report = kdx_import_report_new ();
  g_autoptr(KdxImportSink) sink = NULL;
  g_autoptr(KdxTableReader) reader = NULL;
  g_autoptr(GPtrArray) buffered = NULL;
  g_autoptr(GArray) numbers = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = NULL;
  const char *const *sheets;
  guint rows_done = 0;
  guint sheet;

  g_return_val_if_fail (KDX_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  display_name = g_filename_display_basename (path);

  if ((reader = kdx_table_reader_open (path, &options, &local_error)) == NULL)
    goto fail;
  kdx_column_mapper_set_date_1904 (self->mapper, kdx_table_reader_get_date_1904 (reader));

  sheets = kdx_table_reader_get_sheets (reader);
  if (self->sheet == NULL && g_strv_length ((char **) sheets) > 1
      && !select_best_sheet (reader, path, &options, &local_error))
    goto fail;
  sheet = kdx_table_reader_get_sheet_index (reader);
  kdx_import_report_set_source (report, path, kdx_table_reader_get_format (reader),
                                kdx_table_reader_get_encoding (reader),
                                kdx_table_reader_get_delimiter (reader), sheets[sheet]);
  kdx_import_report_set_dry_run (report, self->dry_run);

  if ((buffered = read_header (self, reader, &numbers, &local_error)) == NULL)
    goto fail;

  /* The history entry is written as the rows land, in the same
   * transaction, so it stands or falls with the import. */
  if (!self->check_only)
    {
      sink = kdx_import_sink_new (self->store, self->policy);
      if (!kdx_import_sink_begin (sink, path, error))
        return NULL;
    }

  for (guint i = 0;; i++)
    {
      g_autoptr(GPtrArray) cells = NULL;
      guint row = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        break;

      if (i < buffered->len)
        {
          cells = g_ptr_array_ref (g_ptr_array_index (buffered, i));
          row = g_array_index (numbers, guint, i);
        }
      else if ((cells = kdx_table_reader_next_row (reader, &row, &local_error)) == NULL)
        break;

      if (!import_row (self, sink, cells, row, report, &local_error))
        break;

      if (++rows_done % PROGRESS_EVERY == 0)
        report_progress (self, reader, rows_done);
    }

  /* A list that yields nothing is not a success: most likely the wrong
   * sheet (an instructions sheet has no name column), or a header with
   * nothing under it. */
  if (local_error == NULL
      && (kdx_import_report_get_rows_read (report) == 0
          || (kdx_import_report_get_count (report, KDX_IMPORT_REJECTED) == kdx_import_report_get_rows_read (report)
              && !names_display_name (self->mapper))))
    no_rows_error (self, sheets, sheet, &local_error);

  if (local_error != NULL)
    {
      if (sink != NULL)
        kdx_import_sink_rollback (sink);
      goto fail;
    }

  if (sink == NULL)
    ;
  else if (self->dry_run && !kdx_import_sink_rehearse (sink, &local_error))
    goto fail;
  else if (self->dry_run)
    ;
  else
    {
      gint64 run_id = kdx_import_sink_commit (sink, &local_error);

      /* Its last rows sent and refused (a team database): which file. */
      if (run_id == 0)
        goto fail;
      kdx_import_report_set_run_id (report, run_id);
    }

  report_progress (self, reader, rows_done);
  return g_steal_pointer (&report);

fail:
  /* Say which file, unless it is a cancel: the user knows what they did. */
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (&local_error, "%s: ", display_name);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}
