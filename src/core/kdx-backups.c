/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-backups"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kdx-backups.h"
#include "kdx-error.h"

/* Where a database's backups live and what they are called:
 *   <folder of the database>/backups/<name>-YYYYMMDD-HHMMSS.koldex-backup
 * (folder 0700, files 0600, local time: names sort as they were made and
 * read well in a file manager). A day after the newest, the app makes
 * another (kdx-backup-job.c) and deletes the oldest beyond the number the
 * operator keeps. Restoring keeps the replaced database aside as
 * <database>.replaced-YYYYMMDD-HHMMSS. Nothing here speaks SQL: the
 * copies are the store's (kdx-store-backup.c). */

#define STAMP_FORMAT "%Y%m%d-%H%M%S"
#define STAMP_LENGTH 15  /* YYYYMMDD-HHMMSS */

void
kdx_backup_info_free (KdxBackupInfo *info)
{
  g_free (info->path);
  g_clear_pointer (&info->made, g_date_time_unref);
  g_free (info->problem);
  g_free (info);
}

/* "koldex" for koldex.db: what a backup's name begins with. */
static char *
database_stem (const char *database)
{
  g_autofree char *base = g_path_get_basename (database);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

/**
 * kdx_backups_get_folder:
 *
 * The folder of @database's backups, beside it.
 */
char *
kdx_backups_get_folder (const char *database)
{
  g_autofree char *folder = g_path_get_dirname (database);

  return g_build_filename (folder, "backups", NULL);
}

/* When the backup called @name (of @stem) was made, or NULL for a file
 * that is not one. */
static GDateTime *
parse_backup_name (const char *stem,
                   const char *name)
{
  size_t stem_len = strlen (stem);
  int year, month, day, hour, minute, second;
  char tail[2];

  if (!g_str_has_prefix (name, stem) || name[stem_len] != '-'
      || !g_str_has_suffix (name, KDX_BACKUP_SUFFIX)
      || strlen (name) < stem_len + 1 + STAMP_LENGTH + strlen (KDX_BACKUP_SUFFIX))
    return NULL;
  if (sscanf (name + stem_len + 1, "%4d%2d%2d-%2d%2d%2d%1[-.]",
              &year, &month, &day, &hour, &minute, &second, tail) != 7)
    return NULL;
  return g_date_time_new_local (year, month, day, hour, minute, second);
}

static gint
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const KdxBackupInfo *left = *(KdxBackupInfo **) a;
  const KdxBackupInfo *right = *(KdxBackupInfo **) b;
  int order = g_date_time_compare (right->made, left->made);

  return order != 0 ? order : g_strcmp0 (right->path, left->path);
}

/* The backups in the folder, newest first, with their dates and sizes;
 * @inspect reads each for its number of KOLs. */
static GPtrArray *
find_backups (const char  *database,
              gboolean     inspect,
              GError     **error)
{
  g_autofree char *folder = kdx_backups_get_folder (database);
  g_autofree char *stem = database_stem (database);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) kdx_backup_info_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      /* No folder yet: no backups yet. */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&found);
      g_set_error (error, KDX_ERROR, KDX_ERROR_FOLDER,
                   _("Cannot read the backups folder %s: %s"), folder, local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GDateTime) made = parse_backup_name (stem, name);
      KdxBackupInfo *info;
      GStatBuf st;

      if (made == NULL)
        continue;
      info = g_new0 (KdxBackupInfo, 1);
      info->path = g_build_filename (folder, name, NULL);
      info->made = g_steal_pointer (&made);
      info->n_kols = -1;
      if (g_stat (info->path, &st) == 0)
        info->size = st.st_size;
      if (inspect)
        {
          g_autoptr(GError) problem = NULL;
          if (!kdx_store_inspect_backup (info->path, FALSE, NULL, &info->n_kols, &problem))
            {
              info->n_kols = -1;
              info->problem = g_strdup (problem->message);
            }
        }
      g_ptr_array_add (found, info);
    }

  g_ptr_array_sort (found, compare_newest_first);
  return g_steal_pointer (&found);
}

/**
 * kdx_backups_list:
 *
 * @database's backups, newest first (#KdxBackupInfo), each with its
 * number of KOLs, or why it cannot be read.
 */
GPtrArray *
kdx_backups_list (const char  *database,
                  GError     **error)
{
  g_return_val_if_fail (database != NULL, NULL);
  return find_backups (database, TRUE, error);
}

/**
 * kdx_backups_get_made:
 *
 * When @backup, one of @database's backups, was made (from its name), or
 * %NULL for another file.
 */
GDateTime *
kdx_backups_get_made (const char *database,
                      const char *backup)
{
  g_autofree char *stem = database_stem (database);
  g_autofree char *name = g_path_get_basename (backup);

  return parse_backup_name (stem, name);
}

/**
 * kdx_backups_is_due:
 *
 * Whether a day has passed since @database's newest backup (or there is
 * none): then the app makes one when it starts.
 */
gboolean
kdx_backups_is_due (const char *database,
                    GDateTime  *now)
{
  g_autoptr(GPtrArray) backups = find_backups (database, FALSE, NULL);
  KdxBackupInfo *newest;

  if (backups == NULL || backups->len == 0)
    return TRUE;
  newest = g_ptr_array_index (backups, 0);
  return g_date_time_difference (now, newest->made) >= G_TIME_SPAN_DAY;
}

/* Deletes the oldest backups beyond @keep. */
static void
prune (const char *database,
       guint       keep)
{
  g_autoptr(GPtrArray) backups = find_backups (database, FALSE, NULL);

  for (guint i = keep; backups != NULL && i < backups->len; i++)
    {
      KdxBackupInfo *info = g_ptr_array_index (backups, i);

      g_debug ("Deleting the old backup %s", info->path);
      if (g_unlink (info->path) != 0)
        g_warning ("Cannot delete the old backup %s: %s", info->path, g_strerror (errno));
    }
}

/* @base@suffix, or with -2, -3, ... before @suffix when two are made in
 * one second; the names still sort by time. */
static char *
unused_name (const char *base,
             const char *suffix)
{
  char *path = g_strconcat (base, suffix, NULL);

  for (guint n = 2; g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_free (path);
      path = g_strdup_printf ("%s-%u%s", base, n, suffix);
    }
  return path;
}

static gboolean
ensure_folder (const char  *folder,
               GError     **error)
{
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, KDX_ERROR, KDX_ERROR_FOLDER,
                   _("Cannot create the backups folder %s: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/**
 * kdx_backups_make:
 * @now: when, for the backup's name
 * @keep: how many backups to keep (the oldest beyond are deleted); 0 keeps all
 *
 * Makes a new backup of @store in its backups folder and returns its path.
 * A failed backup deletes nothing.
 */
char *
kdx_backups_make (KdxStore   *store,
                  GDateTime  *now,
                  guint       keep,
                  GError    **error)
{
  const char *database = kdx_store_get_path (store);
  g_autofree char *folder = kdx_backups_get_folder (database);
  g_autofree char *stem = database_stem (database);
  g_autofree char *stamp = g_date_time_format (now, STAMP_FORMAT);
  g_autofree char *partial = NULL;
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;

  if (!ensure_folder (folder, error))
    return NULL;

  base = g_strdup_printf ("%s%c%s-%s", folder, G_DIR_SEPARATOR, stem, stamp);
  path = unused_name (base, KDX_BACKUP_SUFFIX);

  /* Written under another name and renamed when whole and checked: a
   * backup cut short is never listed, nor counted in the rotation. */
  partial = g_strconcat (path, ".partial", NULL);
  g_unlink (partial);
  if (!kdx_store_backup (store, partial, error))
    return NULL;
  if (g_rename (partial, path) != 0)
    {
      int saved_errno = errno;
      g_unlink (partial);
      g_set_error (error, KDX_ERROR, KDX_ERROR_FOLDER,
                   _("Cannot write the backup %s: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  if (keep > 0)
    prune (database, keep);
  return g_steal_pointer (&path);
}

/* ---- restoring ------------------------------------------------------------ */

static const char *const companions[] = { "", "-wal", "-shm" };

/* Moves the database file and its companions from @from to @to. */
static gboolean
move_database (const char  *from,
               const char  *to,
               GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *source = g_strconcat (from, companions[i], NULL);
      g_autofree char *target = g_strconcat (to, companions[i], NULL);

      if (!g_file_test (source, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (source, target) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, KDX_ERROR, KDX_ERROR_FOLDER,
                       _("Cannot move %s to %s: %s"), source, target, g_strerror (saved_errno));
          return FALSE;
        }
    }
  return TRUE;
}

static void
remove_database (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *file = g_strconcat (path, companions[i], NULL);
      g_unlink (file);
    }
}

/* Copies the database file and its write-ahead log as they are, 0600. */
static gboolean
copy_database (const char  *from,
               const char  *to,
               GError     **error)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *source_path = g_strconcat (from, companions[i], NULL);
      g_autofree char *target_path = g_strconcat (to, companions[i], NULL);
      g_autoptr(GFile) source = g_file_new_for_path (source_path);
      g_autoptr(GFile) target = g_file_new_for_path (target_path);
      g_autoptr(GFileOutputStream) out = NULL;
      g_autoptr(GFileInputStream) in = NULL;

      if (!g_file_test (source_path, G_FILE_TEST_EXISTS))
        continue;
      out = g_file_create (target, G_FILE_CREATE_PRIVATE, NULL, error);
      if (out == NULL || (in = g_file_read (source, NULL, error)) == NULL
          || g_output_stream_splice (G_OUTPUT_STREAM (out), G_INPUT_STREAM (in),
                                     G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                     NULL, error) < 0)
        return FALSE;
    }
  return TRUE;
}

/* A database that cannot be opened (damaged): its files are moved aside
 * as they are, a new database is made at its path and the backup
 * restored into it. Any failure puts the old files back. */
static KdxStore *
restore_over_closed (const char  *database,
                     const char  *backup,
                     const char  *replaced,
                     GError     **error)
{
  g_autoptr(KdxStore) store = NULL;
  gboolean moved = g_file_test (database, G_FILE_TEST_EXISTS);

  if (moved && !move_database (database, replaced, error))
    {
      move_database (replaced, database, NULL);
      return NULL;
    }

  store = kdx_store_open (database, error);
  if (store == NULL || !kdx_store_restore (store, backup, error))
    {
      g_clear_object (&store);
      remove_database (database);
      if (moved)
        move_database (replaced, database, NULL);
      return NULL;
    }
  return g_steal_pointer (&store);
}

/**
 * kdx_backups_get_replaced_path:
 *
 * Where a restore at @now keeps the database it replaces:
 * <database>.replaced-YYYYMMDD-HHMMSS (numbered when that exists).
 */
char *
kdx_backups_get_replaced_path (const char *database,
                               GDateTime  *now)
{
  g_autofree char *stamp = g_date_time_format (now, STAMP_FORMAT);
  g_autofree char *base = g_strconcat (database, ".replaced-", stamp, NULL);

  return unused_name (base, "");
}

/**
 * kdx_backups_restore:
 * @database: the database's path
 * @store: (nullable): the store open on it, or %NULL when it could not be
 *   opened (it is damaged, or missing)
 * @backup: the backup to restore
 * @now: when, for the name of the replaced database
 * @replaced_out: (out) (optional): where the replaced database was kept
 *   (%NULL when there was none)
 *
 * Replaces the database with @backup, first checked: a file that is not
 * a Koldex database, is damaged, or is from a newer Koldex is refused and
 * nothing changes. The replaced database is kept aside as
 * <database>.replaced-YYYYMMDD-HHMMSS. An older backup is migrated.
 * Returns the store open on the restored database: @store itself (which
 * emits "changed"), or a new one when @store was %NULL.
 */
KdxStore *
kdx_backups_restore (const char  *database,
                     KdxStore    *store,
                     const char  *backup,
                     GDateTime   *now,
                     char       **replaced_out,
                     GError     **error)
{
  g_autofree char *replaced = kdx_backups_get_replaced_path (database, now);
  KdxStore *restored;

  g_return_val_if_fail (database != NULL && backup != NULL, NULL);

  if (!kdx_store_inspect_backup (backup, TRUE, NULL, NULL, error))
    return NULL;

  if (store != NULL && !kdx_store_is_damaged (store))
    {
      /* Open and sound: kept aside as a checked copy, then replaced in
       * place, so every view (and worker) of it sees the restored one. */
      if (!kdx_store_backup (store, replaced, error))
        return NULL;
      if (!kdx_store_restore (store, backup, error))
        {
          g_unlink (replaced);
          return NULL;
        }
      restored = g_object_ref (store);
    }
  else if (store != NULL)
    {
      /* Damaged while open: a copy of its pages would be refused, so the
       * files are copied as they are (the connection keeps its file). */
      if (!copy_database (database, replaced, error)
          || !kdx_store_restore (store, backup, error))
        {
          remove_database (replaced);
          return NULL;
        }
      restored = g_object_ref (store);
    }
  else if ((restored = restore_over_closed (database, backup, replaced, error)) == NULL)
    return NULL;

  if (replaced_out != NULL)
    *replaced_out = g_file_test (replaced, G_FILE_TEST_EXISTS) ? g_steal_pointer (&replaced) : NULL;
  return restored;
}
