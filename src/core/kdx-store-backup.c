/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kdx-backups.h"
#include "kdx-error.h"
#include "kdx-store-sqlite-private.h"
#include "kdx-store-schema.h"

/* A damaged database, and the way back from one: backups and restores
 * through SQLite's online backup API (the SQLite half of the backend's
 * check_health, backup_to, restore_from and inspect_backup), and the
 * store's calls on top of them. Once any statement meets damage, the
 * store writes nothing more for the rest of the session: a write into a
 * damaged file can spread the damage to what is still sound. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)

/* ---- damage --------------------------------------------------------------- */

void
_kdx_store_mark_damaged (KdxStore *self)
{
  g_autoptr(KdxStore) origin = g_weak_ref_get (&self->origin);

  if (!g_atomic_int_compare_and_exchange (&self->damaged, FALSE, TRUE))
    return;
  g_debug ("%s is damaged; writes are refused from now on", self->path);
  _kdx_store_notify_damaged (self);

  /* A worker that met the damage tells the store it came from. */
  if (origin != NULL)
    _kdx_store_mark_damaged (origin);
}

/* The one message of a damaged database: what happened and what to do. */
gboolean
_kdx_store_damaged_error (KdxStore  *self,
                          GError   **error)
{
  g_autofree char *folder = kdx_backups_get_folder (self->path);

  g_set_error (error, KDX_ERROR, KDX_ERROR_DAMAGED,
               _("%s is damaged, so Koldex will not change it. Restore a backup: "
                 "Preferences › Backups in Koldex, or “koldex-cli restore FILE” "
                 "with a backup from %s"),
               self->path, folder);
  return FALSE;
}

/**
 * kdx_store_is_damaged:
 *
 * Whether the database was found damaged in this session; then every
 * write fails with %KDX_ERROR_DAMAGED until a backup is restored.
 */
gboolean
kdx_store_is_damaged (KdxStore *self)
{
  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  return g_atomic_int_get (&self->damaged);
}

/**
 * kdx_store_damage_error:
 *
 * Sets @error to what a damaged database says (which file, and how to
 * restore a backup), for a view to show; returns %FALSE.
 */
gboolean
kdx_store_damage_error (KdxStore  *self,
                        GError   **error)
{
  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  return _kdx_store_damaged_error (self, error);
}

/* ---- SQLite --------------------------------------------------------------- */

/* The first row of "PRAGMA quick_check" is "ok" for a sound database. */
static int
quick_check (sqlite3  *db,
             char    **problem)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return rc;
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      *problem = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      return SQLITE_CORRUPT;
    }
  return SQLITE_OK;
}

static int
query_int (sqlite3    *db,
           const char *sql,
           gint64     *value)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return rc;
  *value = sqlite3_column_int64 (stmt, 0);
  return SQLITE_OK;
}

/* Every page is read, the structure checked (not every index against its
 * table: that is integrity_check, many times slower). Measured under
 * load on this project's machine: 0.6 s for 20,000 KOLs (22 MB), 1.5 s
 * for 100,000 (112 MB), too long before the window's first frame or
 * before each koldex-cli command; so at open only files up to
 * CHECK_AT_OPEN_BYTES, and the app checks a larger one in a worker at
 * start. Damage met later by any statement is caught anyway. */
#define CHECK_AT_OPEN_BYTES (32 * 1024 * 1024)

gboolean
_kdx_store_sqlite_check_health (KdxStore  *self,
                                gboolean   at_open,
                                gboolean  *checked,
                                GError   **error)
{
  g_autofree char *problem = NULL;
  GStatBuf st;
  int rc;

  if (at_open && g_stat (self->path, &st) == 0 && st.st_size > CHECK_AT_OPEN_BYTES)
    {
      g_debug ("%s is large: checked for damage later, not at open", self->path);
      *checked = FALSE;
      return TRUE;
    }

  *checked = TRUE;
  rc = quick_check (self->db, &problem);

  if (rc == SQLITE_OK)
    return TRUE;
  if (problem != NULL)
    {
      g_debug ("quick_check of %s: %s", self->path, problem);
      _kdx_store_mark_damaged (self);
      return _kdx_store_damaged_error (self, error);
    }
  return _kdx_store_set_error (self, error);
}

gboolean
_kdx_store_sqlite_backup_to (KdxStore    *self,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(sqlite3) copy = NULL;
  g_autofree char *problem = NULL;
  sqlite3_backup *backup;
  int rc;

  if (!_kdx_store_sqlite_create_file (path, error))
    return FALSE;

  rc = sqlite3_open_v2 (path, &copy, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (copy, "main", self->db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (copy);
      else
        {
          /* All pages in one step: the copy is one moment of the
           * database; in WAL mode writers go on meanwhile. */
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
    }
  /* One file that stands alone (no -wal beside it), and sound: a copy
   * of a damaged database is no backup, and must never push a good one
   * out of the rotation. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = quick_check (copy, &problem);
  g_clear_pointer (&copy, sqlite3_close);

  if (rc == SQLITE_OK)
    return TRUE;

  g_unlink (path);
  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    {
      g_debug ("The copy of %s is damaged: %s", self->path, problem);
      _kdx_store_mark_damaged (self);
      return _kdx_store_damaged_error (self, error);
    }
  if ((rc & 0xff) == SQLITE_FULL)
    g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                 _("Cannot write the backup %s: the disk is full"), path);
  else
    g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                 _("Cannot write the backup %s: %s"), path, sqlite3_errstr (rc));
  return FALSE;
}

gboolean
_kdx_store_sqlite_restore_from (KdxStore    *self,
                                const char  *path,
                                GError     **error)
{
  g_autoptr(sqlite3) source = NULL;
  sqlite3_backup *backup;
  int rc;

  /* Statements would hold the old schema; they are prepared again. */
  g_hash_table_remove_all (self->statements);

  rc = sqlite3_open_v2 (path, &source, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (self->db, "main", source, "main");
      if (backup == NULL)
        return _kdx_store_set_error (self, error);
      /* One step, one transaction on the database: every connection
       * sees the old database or the restored one, never a mixture. */
      rc = sqlite3_backup_step (backup, -1);
      sqlite3_backup_finish (backup);
      if (rc == SQLITE_DONE)
        return TRUE;
    }

  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    g_set_error (error, KDX_ERROR, KDX_ERROR_BUSY,
                 _("Cannot restore into %s while another program writes to it; try again"),
                 self->path);
  else
    g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                 _("Cannot restore %s into %s: %s"), path, self->path, sqlite3_errstr (rc));
  return FALSE;
}

gboolean
_kdx_store_sqlite_inspect_backup (const char  *path,
                                  gboolean     verify,
                                  gint64      *schema,
                                  gint64      *n_kols,
                                  GError     **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autofree char *problem = NULL;
  gint64 application_id = 0;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND,
                   _("There is no backup file %s"), path);
      return FALSE;
    }

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = query_int (db, "PRAGMA application_id", &application_id);
  if (rc == SQLITE_OK && application_id != KDX_STORE_APPLICATION_ID)
    rc = SQLITE_NOTADB;
  if (rc == SQLITE_OK)
    rc = query_int (db, "PRAGMA user_version", schema);
  if (rc == SQLITE_OK && *schema > KDX_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_NEWER_SCHEMA,
                   _("The backup %s was made by a newer Koldex (schema %" PRId64
                     ", this Koldex knows up to %d); update Koldex to restore it"),
                   path, *schema, KDX_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if (rc == SQLITE_OK && verify)
    rc = quick_check (db, &problem);
  if (rc == SQLITE_OK)
    rc = query_int (db, "SELECT count(*) FROM kol", n_kols);

  if (rc == SQLITE_OK)
    return TRUE;
  if ((rc & 0xff) == SQLITE_NOTADB)
    g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_A_DATABASE,
                 _("%s is not a Koldex database, so it cannot be restored"), path);
  else if ((rc & 0xff) == SQLITE_CORRUPT)
    g_set_error (error, KDX_ERROR, KDX_ERROR_DAMAGED,
                 _("The backup %s is damaged; choose another one"), path);
  else
    g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                 _("Cannot read the backup %s: %s"), path, sqlite3_errstr (rc));
  return FALSE;
}

/* ---- the store's calls ---------------------------------------------------- */

/**
 * kdx_store_check:
 *
 * Reads the whole database to find damage (opening checks only a small
 * file: kdx_store_was_checked() says whether it did). On damage, marks
 * the store (and the one it is a sibling of) damaged and returns
 * %KDX_ERROR_DAMAGED. Slow on a large database: call it in a worker, on
 * a sibling.
 */
gboolean
kdx_store_check (KdxStore  *self,
                 GError   **error)
{
  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);

  if (!self->backend->check_health (self, FALSE, &self->checked, error))
    return FALSE;
  return TRUE;
}

/**
 * kdx_store_was_checked:
 *
 * Whether opening read the whole database for damage (a small one), so
 * kdx_store_check() need not.
 */
gboolean
kdx_store_was_checked (KdxStore *self)
{
  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  return self->checked;
}

/**
 * kdx_store_backup:
 * @path: a file that does not exist yet
 *
 * Copies the database, as one moment of it, to @path (made 0600), a
 * file that stands alone, and checks the copy. A damaged database is not
 * copied: the store is marked damaged and %KDX_ERROR_DAMAGED returned.
 */
gboolean
kdx_store_backup (KdxStore    *self,
                  const char  *path,
                  GError     **error)
{
  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (kdx_store_is_damaged (self))
    return _kdx_store_damaged_error (self, error);
  return self->backend->backup_to (self, path, error);
}

/**
 * kdx_store_inspect_backup:
 * @verify: read every page, to refuse a damaged backup (slower)
 * @schema: (out) (optional): the backup's schema version
 * @n_kols: (out) (optional): how many KOLs it holds
 *
 * Reads the backup at @path without changing it, and refuses one that
 * is not a Koldex database, is newer than this Koldex, or is damaged.
 */
gboolean
kdx_store_inspect_backup (const char  *path,
                          gboolean     verify,
                          gint64      *schema,
                          gint64      *n_kols,
                          GError     **error)
{
  gint64 schema_found = 0;
  gint64 n_found = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!kdx_store_sqlite_backend.inspect_backup (path, verify, &schema_found, &n_found, error))
    return FALSE;
  if (schema != NULL)
    *schema = schema_found;
  if (n_kols != NULL)
    *n_kols = n_found;
  return TRUE;
}

/**
 * kdx_store_restore:
 * @backup: a backup (or any Koldex database) to restore
 *
 * Replaces the whole database with @backup, in one step, migrates it
 * when it is older, and emits "changed" with no ids. Works on a damaged
 * database too (that is what it is for), and then clears the damage.
 * The caller keeps the database it replaces, if it wants it, with
 * kdx_store_backup() first.
 */
gboolean
kdx_store_restore (KdxStore    *self,
                   const char  *backup,
                   GError     **error)
{
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean was_damaged;

  g_return_val_if_fail (KDX_IS_STORE (self), FALSE);
  g_return_val_if_fail (backup != NULL, FALSE);
  g_return_val_if_fail (!self->in_batch && self->write_depth == 0, FALSE);

  if (self->read_only)
    return kdx_store_read_only_error (self, error);
  if (!kdx_store_inspect_backup (backup, TRUE, NULL, NULL, error))
    return FALSE;
  if (g_atomic_int_get (&self->writes_held) > 0)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_BUSY,
                   _("An import is writing to this database; try again when it has finished"));
      return FALSE;
    }
  if (!self->backend->restore_from (self, backup, error))
    return FALSE;

  /* The file is another one now: sound, as the backup was checked. */
  was_damaged = g_atomic_int_exchange (&self->damaged, FALSE);
  if (!self->backend->check_health (self, FALSE, &self->checked, error)
      || !self->backend->migrate (self, error))
    return FALSE;

  g_debug ("Restored %s from %s", self->path, backup);
  if (was_damaged)
    _kdx_store_notify_damaged (self);
  /* No ids: every file may have changed. */
  _kdx_store_emit (self, none);
  _kdx_store_sibling_committed (self);
  return TRUE;
}
