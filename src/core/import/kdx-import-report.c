/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-import"

#include "config.h"

#include "kdx-import-report.h"
#include "kdx-json-writer.h"

#define N_OUTCOMES (KDX_IMPORT_REJECTED + 1)

typedef struct
{
  guint            row;
  KdxImportOutcome outcome;
  gint64           kol_id;
} Duplicate;

struct _KdxImportReport
{
  GObject    parent_instance;

  char      *file;
  char      *format;
  char      *encoding;
  char       delimiter;
  char      *sheet;
  gboolean   dry_run;
  gint64     run_id;           /* in the store's import history, 0 if none */

  guint      counts[N_OUTCOMES];
  GArray    *ids[N_OUTCOMES];  /* gint64 KOL ids, for created, merged, skipped */
  GArray    *duplicates;       /* Duplicate: rows that matched a stored KOL */
  GPtrArray *problems;         /* KdxImportProblem */
};

G_DEFINE_FINAL_TYPE (KdxImportReport, kdx_import_report, G_TYPE_OBJECT)

static const char *const outcome_names[] = { "created", "merged", "skipped", "rejected" };

static void
problem_free (KdxImportProblem *problem)
{
  g_free (problem->column);
  g_free (problem->value);
  g_free (problem->reason);
  g_free (problem);
}

static void
kdx_import_report_finalize (GObject *object)
{
  KdxImportReport *self = KDX_IMPORT_REPORT (object);

  g_free (self->file);
  g_free (self->format);
  g_free (self->encoding);
  g_free (self->sheet);
  for (guint i = 0; i < N_OUTCOMES; i++)
    g_array_unref (self->ids[i]);
  g_array_unref (self->duplicates);
  g_ptr_array_unref (self->problems);

  G_OBJECT_CLASS (kdx_import_report_parent_class)->finalize (object);
}

static void
kdx_import_report_class_init (KdxImportReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kdx_import_report_finalize;
}

static void
kdx_import_report_init (KdxImportReport *self)
{
  for (guint i = 0; i < N_OUTCOMES; i++)
    self->ids[i] = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->duplicates = g_array_new (FALSE, FALSE, sizeof (Duplicate));
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
}

KdxImportReport *
kdx_import_report_new (void)
{
  return g_object_new (KDX_TYPE_IMPORT_REPORT, NULL);
}

void
kdx_import_report_set_source (KdxImportReport *self,
                              const char      *file,
                              const char      *format,
                              const char      *encoding,
                              char             delimiter,
                              const char      *sheet)
{
  g_return_if_fail (KDX_IS_IMPORT_REPORT (self));

  g_free (self->file);
  self->file = g_strdup (file);
  g_free (self->format);
  self->format = g_strdup (format);
  g_free (self->encoding);
  self->encoding = g_strdup (encoding);
  self->delimiter = delimiter;
  g_free (self->sheet);
  self->sheet = g_strdup (sheet);
}

void
kdx_import_report_set_dry_run (KdxImportReport *self,
                               gboolean         dry_run)
{
  g_return_if_fail (KDX_IS_IMPORT_REPORT (self));
  self->dry_run = !!dry_run;
}

gboolean
kdx_import_report_get_dry_run (KdxImportReport *self)
{
  g_return_val_if_fail (KDX_IS_IMPORT_REPORT (self), FALSE);
  return self->dry_run;
}

/* @kol_id: the KOL created, merged into or skipped for; 0 for a rejected row */
void
kdx_import_report_add_row (KdxImportReport  *self,
                           guint             row,
                           KdxImportOutcome  outcome,
                           gint64            kol_id)
{
  g_return_if_fail (KDX_IS_IMPORT_REPORT (self));
  g_return_if_fail (outcome < N_OUTCOMES);

  /* The row's problems were reported while it was read, just before. */
  for (guint i = self->problems->len; i > 0; i--)
    {
      KdxImportProblem *problem = g_ptr_array_index (self->problems, i - 1);

      if (problem->row != row)
        break;
      problem->outcome = outcome;
    }

  self->counts[outcome]++;
  if (kol_id > 0)
    g_array_append_val (self->ids[outcome], kol_id);
  if (outcome == KDX_IMPORT_MERGED || outcome == KDX_IMPORT_SKIPPED)
    {
      Duplicate duplicate = { row, outcome, kol_id };
      g_array_append_val (self->duplicates, duplicate);
    }
}

void
kdx_import_report_add_problem (KdxImportReport *self,
                               guint            row,
                               const char      *column,
                               const char      *value,
                               const char      *reason)
{
  KdxImportProblem *problem;

  g_return_if_fail (KDX_IS_IMPORT_REPORT (self));

  problem = g_new0 (KdxImportProblem, 1);
  problem->row = row;
  problem->column = g_strdup (column != NULL ? column : "");
  problem->value = g_strdup (value != NULL ? value : "");
  problem->reason = g_strdup (reason);
  problem->outcome = KDX_IMPORT_REJECTED; /* until the row's outcome is known */
  g_ptr_array_add (self->problems, problem);
}

/* Rows with a value in them after the header row. */
guint
kdx_import_report_get_rows_read (KdxImportReport *self)
{
  guint total = 0;

  g_return_val_if_fail (KDX_IS_IMPORT_REPORT (self), 0);
  for (guint i = 0; i < N_OUTCOMES; i++)
    total += self->counts[i];
  return total;
}

guint
kdx_import_report_get_count (KdxImportReport  *self,
                             KdxImportOutcome  outcome)
{
  g_return_val_if_fail (KDX_IS_IMPORT_REPORT (self), 0);
  g_return_val_if_fail (outcome < N_OUTCOMES, 0);
  return self->counts[outcome];
}

/**
 * kdx_import_report_get_kol_ids:
 *
 * Returns: (transfer none) (element-type gint64): the ids of the KOLs
 *   the import created, merged into or skipped for, in row order
 */
GArray *
kdx_import_report_get_kol_ids (KdxImportReport  *self,
                               KdxImportOutcome  outcome)
{
  g_return_val_if_fail (KDX_IS_IMPORT_REPORT (self), NULL);
  g_return_val_if_fail (outcome < N_OUTCOMES, NULL);
  return self->ids[outcome];
}

guint
kdx_import_report_get_n_problems (KdxImportReport *self)
{
  g_return_val_if_fail (KDX_IS_IMPORT_REPORT (self), 0);
  return self->problems->len;
}

/* Rows imported (created or merged) without a value that did not fit:
 * they landed, with a warning. */
guint
kdx_import_report_get_n_warned (KdxImportReport *self)
{
  guint warned = 0;
  guint last_row = 0;

  g_return_val_if_fail (KDX_IS_IMPORT_REPORT (self), 0);
  for (guint i = 0; i < self->problems->len; i++)
    {
      const KdxImportProblem *problem = g_ptr_array_index (self->problems, i);

      /* A row's problems sit together and share its outcome. */
      if (problem->row == last_row)
        continue;
      last_row = problem->row;
      if (problem->outcome == KDX_IMPORT_CREATED || problem->outcome == KDX_IMPORT_MERGED)
        warned++;
    }
  return warned;
}

const KdxImportProblem *
kdx_import_report_get_problem (KdxImportReport *self,
                               guint            index)
{
  g_return_val_if_fail (KDX_IS_IMPORT_REPORT (self), NULL);
  g_return_val_if_fail (index < self->problems->len, NULL);
  return g_ptr_array_index (self->problems, index);
}

static void
member_string (KdxJsonWriter *writer,
               const char    *name,
               const char    *value)
{
  kdx_json_writer_member (writer, name);
  if (value != NULL)
    kdx_json_writer_string (writer, value);
  else
    kdx_json_writer_null (writer);
}

static void
member_int (KdxJsonWriter *writer,
            const char    *name,
            gint64         value)
{
  kdx_json_writer_member (writer, name);
  kdx_json_writer_int (writer, value);
}

void
kdx_import_report_write_json (KdxImportReport *self,
                              KdxJsonWriter   *writer)
{
  char delimiter[2] = { self->delimiter, '\0' };

  g_return_if_fail (KDX_IS_IMPORT_REPORT (self));

  kdx_json_writer_begin_object (writer);
  member_string (writer, "file", self->file);
  member_string (writer, "format", self->format);
  member_string (writer, "encoding", self->encoding);
  member_string (writer, "delimiter", self->delimiter != 0 ? delimiter : NULL);
  member_string (writer, "sheet", self->sheet);
  kdx_json_writer_member (writer, "dry_run");
  kdx_json_writer_bool (writer, self->dry_run);
  member_int (writer, "rows_read", kdx_import_report_get_rows_read (self));
  for (guint i = 0; i < N_OUTCOMES; i++)
    member_int (writer, outcome_names[i], self->counts[i]);
  member_int (writer, "warned", kdx_import_report_get_n_warned (self));

  kdx_json_writer_member (writer, "created_ids");
  kdx_json_writer_begin_array (writer);
  for (guint i = 0; i < self->ids[KDX_IMPORT_CREATED]->len; i++)
    kdx_json_writer_int (writer, g_array_index (self->ids[KDX_IMPORT_CREATED], gint64, i));
  kdx_json_writer_end_array (writer);

  kdx_json_writer_member (writer, "duplicates");
  kdx_json_writer_begin_array (writer);
  for (guint i = 0; i < self->duplicates->len; i++)
    {
      const Duplicate *duplicate = &g_array_index (self->duplicates, Duplicate, i);

      kdx_json_writer_begin_object (writer);
      member_int (writer, "row", duplicate->row);
      member_int (writer, "kol_id", duplicate->kol_id);
      member_string (writer, "action", outcome_names[duplicate->outcome]);
      kdx_json_writer_end_object (writer);
    }
  kdx_json_writer_end_array (writer);

  kdx_json_writer_member (writer, "problems");
  kdx_json_writer_begin_array (writer);
  for (guint i = 0; i < self->problems->len; i++)
    {
      const KdxImportProblem *problem = g_ptr_array_index (self->problems, i);

      kdx_json_writer_begin_object (writer);
      member_int (writer, "row", problem->row);
      member_string (writer, "column", problem->column);
      member_string (writer, "value", problem->value);
      member_string (writer, "reason", problem->reason);
      /* "rejected": the row was not imported; otherwise it was, without this value. */
      member_string (writer, "row_outcome", outcome_names[problem->outcome]);
      kdx_json_writer_end_object (writer);
    }
  kdx_json_writer_end_array (writer);
  kdx_json_writer_end_object (writer);
}

/* The import's entry in the store's history, by which it can be undone. */
void
kdx_import_report_set_run_id (KdxImportReport *self,
                              gint64           run_id)
{
  g_return_if_fail (KDX_IS_IMPORT_REPORT (self));
  self->run_id = run_id;
}

gint64
kdx_import_report_get_run_id (KdxImportReport *self)
{
  g_return_val_if_fail (KDX_IS_IMPORT_REPORT (self), 0);
  return self->run_id;
}
