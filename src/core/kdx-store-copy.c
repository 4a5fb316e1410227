/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdx-error.h"
#include "kdx-kol.h"
#include "kdx-record.h"
#include "kdx-store-private.h"

/* A whole database into an empty one (issue 14, item 6): a team moving
 * its operator's file onto its server, or a server's database back into
 * a file. Either end may be either engine; both are opened through the
 * backend kdx_store_open() would pick, and the rows go table by table
 * through KdxStmt: one SELECT per table read in one pass from the
 * source, one prepared INSERT on the destination, all of it in one
 * transaction there, ids kept (the import history and the board refer
 * to them). What each engine derives from the rows (SQLite's full-text
 * table, the search text) is made by the destination's backend, as for
 * any KOL written; the stays Insights reads are copied as they are, its
 * digests and the list's facts made again at the end. */

typedef struct
{
  const char *table;
  const char *columns;   /* NULL: made from the field tables */
  const char *order;
} CopiedTable;

/* In the order foreign keys need: a KOL before its parts, a run before
 * its changes. saved_view_seed says whether the default views are still
 * to be written: the source's answer replaces the new database's. */
static const CopiedTable copied_tables[] = {
  { "kol", NULL, "id" },
  { "kol_avatar", "kol_id, image", "kol_id" },
  { "kol_tag", "kol_id, position, tag", "kol_id, position" },
  { "channel", NULL, "kol_id, position" },
  { "event", NULL, "kol_id, position" },
  { "important_date", NULL, "kol_id, position" },
  { "stage_history", NULL, "kol_id, position" },
  { "stage_stay", "kol_id, position, stage, at, left_at, at_day, left_day", "kol_id, position" },
  { "board_order", "kol_id, rank", "kol_id" },
  { "import_run", "id, file, at, created, merged, skipped, rejected, undone_at, made_by", "id" },
  /* import_change has no key; its rows are read by run, as undo does. */
  { "import_change", "run_id, kol_id, kind, before", "run_id, kol_id" },
  { "saved_view", "id, name, position, search, stages, tiers, tags, owner, category, "
                  "conditions, sort, columns", "id" },
  { "saved_view_seed", "pending", "pending" },
};

/* The columns of @table when they follow a record type's fields. */
static char *
field_columns (const char *table)
{
  g_autoptr(GString) columns = g_string_new (NULL);
  const KdxKolListInfo *lists;
  const KdxField *fields;
  guint n_fields;
  guint n_lists;

  if (g_str_equal (table, "kol"))
    {
      fields = kdx_record_type_get_fields (KDX_TYPE_KOL, &n_fields);
      for (guint i = 0; i < n_fields; i++)
        if (_kdx_store_is_kol_column (&fields[i]))
          g_string_append_printf (columns, "%s%s", columns->len > 0 ? ", " : "", fields[i].name);
      /* Not a field, but the file's: how often it was saved, which the
       * editor's saves compare against (schema 10). A copy at version 1
       * would be another file than the one the operator last read. */
      g_string_append (columns, ", row_version");
      return g_string_free (g_steal_pointer (&columns), FALSE);
    }

  lists = kdx_kol_list_infos (&n_lists);
  for (guint j = 0; j < n_lists; j++)
    if (g_strcmp0 (_kdx_store_list_table (lists[j].name), table) == 0)
      {
        fields = kdx_record_type_get_fields (lists[j].item_type (), &n_fields);
        g_string_append (columns, "kol_id, position");
        for (guint k = 0; k < n_fields; k++)
          g_string_append_printf (columns, ", %s", fields[k].name);
        return g_string_free (g_steal_pointer (&columns), FALSE);
      }
  g_return_val_if_reached (NULL);
}

static void
copy_value (KdxStmt *from,
            int      column,
            KdxStmt *to)
{
  switch (kdx_stmt_column_type (from, column))
    {
    case KDX_STMT_TYPE_NULL:
      kdx_stmt_bind_null (to, column + 1);
      break;
    case KDX_STMT_TYPE_INTEGER:
      kdx_stmt_bind_int64 (to, column + 1, kdx_stmt_column_int64 (from, column));
      break;
    case KDX_STMT_TYPE_FLOAT:
      kdx_stmt_bind_double (to, column + 1, kdx_stmt_column_double (from, column));
      break;
    case KDX_STMT_TYPE_BLOB:
      kdx_stmt_bind_blob (to, column + 1, kdx_stmt_column_blob (from, column),
                          kdx_stmt_column_bytes (from, column));
      break;
    case KDX_STMT_TYPE_TEXT:
    default:
      kdx_stmt_bind_text (to, column + 1, kdx_stmt_column_text (from, column));
      break;
    }
}

/* Every row of one table, read in one pass, each written with the same
 * prepared INSERT. */
static gboolean
copy_table (KdxStore          *source,
            KdxStore          *destination,
            const CopiedTable *table,
            gint64            *n_rows,
            GError           **error)
{
  g_autofree char *made = table->columns == NULL ? field_columns (table->table) : NULL;
  const char *columns = made != NULL ? made : table->columns;
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM %s ORDER BY %s",
                                             columns, table->table, table->order);
  g_autoptr(GString) insert = g_string_new (NULL);
  KdxStmt *reader;
  KdxStmt *writer;
  int n_columns;
  int rc;

  if ((reader = _kdx_store_prepare (source, select, error)) == NULL)
    return FALSE;
  n_columns = 1;
  for (const char *p = columns; *p != '\0'; p++)
    n_columns += *p == ',';
  g_string_printf (insert, "INSERT INTO %s (%s) VALUES (", table->table, columns);
  for (int i = 1; i <= n_columns; i++)
    g_string_append_printf (insert, "%s?%d", i > 1 ? ", " : "", i);
  g_string_append_c (insert, ')');
  if ((writer = _kdx_store_prepare (destination, insert->str, error)) == NULL)
    return FALSE;

  while ((rc = kdx_stmt_step (reader)) == KDX_STMT_ROW)
    {
      for (int i = 0; i < n_columns; i++)
        copy_value (reader, i, writer);
      if (!_kdx_store_step_done (destination, writer, error))
        {
          kdx_stmt_reset (reader);
          g_prefix_error (error, _("Copying the table “%s”: "), table->table);
          return FALSE;
        }
      (*n_rows)++;
    }
  kdx_stmt_reset (reader);
  if (rc != KDX_STMT_DONE)
    return _kdx_store_set_error (source, error);
  return TRUE;
}

/* What a non-empty destination holds, said as a count of it. */
static char *
say_held (guint       what,
          const char *path,
          gint64      n)
{
  switch (what)
    {
    case 0:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s is not empty: it holds %d KOL.",
                                           "%s is not empty: it holds %d KOLs.", (gulong) n),
                              path, (int) n);
    case 1:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s is not empty: it holds %d import.",
                                           "%s is not empty: it holds %d imports.", (gulong) n),
                              path, (int) n);
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s is not empty: it holds %d saved view.",
                                           "%s is not empty: it holds %d saved views.", (gulong) n),
                              path, (int) n);
    }
}

/* An empty database is one Koldex has made its tables in and nobody has
 * written to: no KOLs, no import history, no saved views (a database
 * the app has opened has its default views: copying over them would
 * lose any the team changed). */
static gboolean
check_empty (KdxStore  *destination,
             GError   **error)
{
  static const char *const counts[] = {
    "SELECT count(*) FROM kol",
    "SELECT count(*) FROM import_run",
    "SELECT count(*) FROM saved_view",
  };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      gint64 n = 0;

      if (!_kdx_store_query_int (destination, counts[i], &n, error))
        return FALSE;
      if (n > 0)
        {
          g_autofree char *held = say_held (i, kdx_store_get_path (destination), n);

          g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_EMPTY, "%s %s", held,
                       _("A copy goes only into a new file or an empty team database, so that "
                         "nothing there is overwritten or mixed up."));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
index_kol_cb (KdxKol    *kol,
              gpointer   user_data,
              GError   **error)
{
  return _kdx_store_index_new_kol (user_data, kdx_kol_get_id (kol), kol, error);
}

static gboolean
copy_rows (KdxStore  *source,
           KdxStore  *destination,
           GError   **error)
{
  gint64 n_rows = 0;

  /* The default views a new database would get are the source's to say. */
  if (!_kdx_store_run (destination, "DELETE FROM saved_view_seed", error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (copied_tables); i++)
    if (!copy_table (source, destination, &copied_tables[i], &n_rows, error))
      return FALSE;

  g_debug ("Copied %" G_GINT64_FORMAT " rows from %s to %s", n_rows,
           kdx_store_get_path (source), kdx_store_get_path (destination));
  return kdx_store_foreach_kol (destination, index_kol_cb, destination, error)
      && (destination->backend->follow_ids == NULL
          || destination->backend->follow_ids (destination, error));
}

/**
 * kdx_store_copy_to:
 * @destination: a new file's path, or an empty team database's
 *   `postgresql://` URI
 *
 * Copies everything in @self into @destination, which must be empty:
 * every KOL file with its ids, stage history, timeline, avatar and tags,
 * the board's order, the saved views and the import history. The copy
 * is one transaction on the destination: on any failure nothing of it is
 * left there (and a file this call made is removed). A destination that
 * holds anything is refused and left as it was.
 */
gboolean
kdx_store_copy_to (KdxStore    *self,
                   const char  *destination,
                   GError     **error)
{
  const KdxStoreBackend *backend = _kdx_store_pick_backend (destination);
  g_autoptr(KdxStore) to = NULL;
  gboolean created = FALSE;
  gboolean own_read = FALSE;
  gboolean ok;
  guint mark;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  to = _kdx_store_connect_engine (backend, destination, TRUE, &created, error);
  if (to == NULL)
    {
      if (created)
        backend->discard (destination);
      return FALSE;
    }
  _kdx_store_build_sql (to);

  ok = check_empty (to, error)
    && _kdx_store_write_begin (to, &mark, error);
  if (ok)
    {
      /* One state of the source, read table by table. */
      ok = _kdx_store_read_begin (self, &own_read, error)
        && copy_rows (self, to, error)
        /* Made again there: a digest follows the event index's order,
         * which the engines' collations may not share. */
        && _kdx_store_digest_kols (to, KDX_DIGEST_EVERY_KOL, 0, error)
        && _kdx_store_list_facts_kols (to, KDX_DIGEST_EVERY_KOL, 0, error);
      _kdx_store_read_end (self, own_read, ok);
      if (ok)
        ok = _kdx_store_write_commit (to, error);
      else
        _kdx_store_write_rollback (to, mark);
    }

  if (!ok && created)
    {
      g_clear_object (&to);
      backend->discard (destination);
    }
  return ok;
}

/**
 * kdx_store_probe_empty:
 * @location: a database path or a team database's URI
 * @empty: (out): whether it is empty as kdx_store_copy_to() needs it
 *
 * Connects to the database at @location (which must exist) as far as
 * the engine goes, and says whether a copy may go there: no KOLs, no
 * import history, no saved views. Writes nothing of Koldex's own (the
 * default views), unlike kdx_store_open(), so a database found empty
 * stays fit for the copy offered next; a new one gets its tables.
 */
gboolean
kdx_store_probe_empty (const char  *location,
                       gboolean    *empty,
                       GError     **error)
{
  const KdxStoreBackend *backend = _kdx_store_pick_backend (location);
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (location != NULL, FALSE);
  g_return_val_if_fail (empty != NULL, FALSE);

  store = _kdx_store_connect_engine (backend, location, FALSE, NULL, error);
  if (store == NULL)
    return FALSE;
  *empty = check_empty (store, &local_error);
  if (local_error != NULL && !g_error_matches (local_error, KDX_ERROR, KDX_ERROR_NOT_EMPTY))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
