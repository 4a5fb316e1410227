/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "kdx-error.h"
#include "kdx-store-sqlite-private.h"
#include "kdx-store-schema.h"

/* The SQLite backend (kdx-store-backend.h): one file on disk, protected
 * by its mode; identity and schema version in the file header
 * (application_id, user_version); WAL and pragmas; FTS5 with trigrams. */

/* How long a write waits for another connection's transaction. */
#define BUSY_TIMEOUT_MS 10000

/* ---- errors --------------------------------------------------------------- */

/* Whether the file begins as every SQLite database does: then
 * SQLITE_NOTADB means a damaged database, not some other kind of file. */
static gboolean
has_sqlite_header (const char *path)
{
  static const char magic[16] = "SQLite format 3";
  char head[16] = { 0 };
  FILE *file = g_fopen (path, "rb");
  size_t n = 0;

  if (file == NULL)
    return FALSE;
  n = fread (head, 1, sizeof head, file);
  fclose (file);
  return n == sizeof head && memcmp (head, magic, sizeof head) == 0;
}

/* SQLite's extended codes, as messages an operator can act on. */
static gboolean
sqlite_set_error (KdxStore  *self,
                  GError   **error)
{
  int code = sqlite3_extended_errcode (self->db);

  /* Damage is one state with one message, whatever statement met it. */
  if ((code & 0xff) == SQLITE_CORRUPT
      || ((code & 0xff) == SQLITE_NOTADB && has_sqlite_header (self->path)))
    {
      _kdx_store_mark_damaged (self);
      return _kdx_store_damaged_error (self, error);
    }
  if ((code & 0xff) == SQLITE_NOTADB)
    g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_A_DATABASE,
                 _("%s is not a Koldex database"), self->path);
  else if ((code & 0xff) == SQLITE_READONLY)
    g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                 _("Cannot write to %s: the file or its folder is read-only"), self->path);
  else if ((code & 0xff) == SQLITE_FULL)
    g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                 _("Cannot write to %s: the disk is full"), self->path);
  else if ((code & 0xff) == SQLITE_BUSY)
    g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                 _("%s is busy: another program kept it locked too long"), self->path);
  else
    g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                 _("Database error in %s: %s"), self->path, sqlite3_errmsg (self->db));
  return FALSE;
}

/* ---- the file ------------------------------------------------------------- */

/* Makes the default folder (0700) and checks a named one. */
static gboolean
prepare_folder (const char  *path,
                gboolean     is_default,
                GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (is_default && g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, KDX_ERROR, KDX_ERROR_FOLDER,
                   _("Cannot create the folder %s: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_FOLDER,
                   _("The folder %s does not exist"), folder);
      return FALSE;
    }

  return TRUE;
}

/* A new database file (or a backup) is made 0600 before SQLite sees it;
 * SQLite gives its -wal and -shm files the same mode. */
gboolean
_kdx_store_sqlite_create_file (const char  *path,
                               GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd;

  if (access (folder, W_OK | X_OK) != 0)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_FOLDER,
                   _("Cannot create %s: the folder %s is read-only"), path, folder);
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, KDX_ERROR, KDX_ERROR_FOLDER,
                   _("Cannot create %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* A file its owner made read-only (no write permission for anyone, as
 * `chmod a-w` leaves it) is opened for reading only, even by root, whom
 * the system would let write it: the operator said "do not change". A
 * file the system refuses to write SQLite opens for reading by itself. */
static gboolean
marked_read_only (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 && (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0;
}

/* SQLite counts the memory it allocates under one lock for the whole
 * process unless told not to: with Insights' parts reading in threads
 * (kdx-store-insights-parts.c), each row's allocations waited for the
 * other threads' (perf: about a seventh of a refresh's samples waiting
 * on that lock or waking another thread from it; none since).
 * Koldex never asks for the counts. Only possible before SQLite's first
 * use; if something else in the process used it first, nothing changes. */
static void
configure_sqlite_once (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      if (sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
        g_debug ("SQLite was in use before Koldex: its memory counts stay on");
      g_once_init_leave (&done, 1);
    }
}

static gboolean
sqlite_connect (KdxStore  *self,
                gboolean   may_create,
                gboolean  *created,
                GError   **error)
{
  g_autofree char *default_path = kdx_store_default_path ();
  int rc;

  if (!prepare_folder (self->path, g_str_equal (self->path, default_path), error))
    return FALSE;

  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_A_DATABASE,
                   _("%s is a folder, not a Koldex database"), self->path);
      return FALSE;
    }

  if (may_create && !g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      if (!_kdx_store_sqlite_create_file (self->path, error))
        return FALSE;
      *created = TRUE;
    }

  /* Never SQLITE_OPEN_CREATE: a missing file is made above, 0600, or is
   * an error (a sibling whose database has gone). */
  configure_sqlite_once ();
  rc = sqlite3_open_v2 (self->path, (sqlite3 **) &self->db,
                        (marked_read_only (self->path) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE)
                        | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                   _("Cannot open %s: %s"), self->path,
                   self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }
  /* Before the first statement, the identity check included: a lock
   * another program holds at that moment is waited for, not fatal. */
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);
  return TRUE;
}

static void
sqlite_disconnect (KdxStore *self)
{
  g_clear_pointer (&self->db, sqlite3_close);
}

/* SQLite's unix VFS compares the open file's inode with the path's and
 * looks at its link count: the check a long import ends with. */
static gboolean
sqlite_is_in_place (KdxStore *self)
{
  int moved = 0;

  if (sqlite3_file_control (self->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK)
    return g_file_test (self->path, G_FILE_TEST_IS_REGULAR);
  return !moved;
}

/* SQLite opens a write-protected file for reading only, silently: asked
 * once, so the store refuses writes with a clear message up front. */
static gboolean
sqlite_is_read_only (KdxStore  *self,
                     gboolean  *read_only,
                     GError   **error)
{
  *read_only = sqlite3_db_readonly (self->db, "main") == 1;
  return TRUE;
}

/* Anything that is not another engine's URI is a file's path. */
static gboolean
sqlite_handles (const char *location)
{
  return TRUE;
}

static char *
sqlite_display_name (const char *location)
{
  return g_strdup (location);
}

static void
sqlite_discard (const char *path)
{
  g_unlink (path);
}

/* ---- identity, tuning, schema --------------------------------------------- */

/* Refuses files that are not ours, from a newer Koldex, or read-only,
 * before anything is written to them. */
static gboolean
sqlite_check_identity (KdxStore  *self,
                       GError   **error)
{
  gint64 application_id = 0;
  gint64 n_tables = 0;
  gint64 version = 0;

  if (!_kdx_store_query_int (self, "PRAGMA user_version", &version, error)
      || !_kdx_store_query_int (self, "PRAGMA application_id", &application_id, error)
      || !_kdx_store_query_int (self, "SELECT count(*) FROM sqlite_schema", &n_tables, error))
    return FALSE;

  if ((version == 0 && n_tables > 0)
      || (version > 0 && application_id != KDX_STORE_APPLICATION_ID))
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_A_DATABASE,
                   _("%s is an SQLite database of another program, not a Koldex database"),
                   self->path);
      return FALSE;
    }

  if (version > KDX_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_NEWER_SCHEMA,
                   _("%s was written by a newer Koldex (schema %" PRId64
                     ", this Koldex knows up to %d); update Koldex to open it"),
                   self->path, version, KDX_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  /* A read-only file is opened for reading (issue 14, item 5: a manager
   * looks, without changing anything); the store refuses its writes with
   * KDX_ERROR_READ_ONLY (sqlite_is_read_only()). */
  return TRUE;
}

static gboolean
sqlite_configure (KdxStore  *self,
                  GError   **error)
{
  g_autofree char *mode = NULL;
  KdxStmt *stmt;
  int rc;

  if (!_kdx_store_run (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;
  if (!_kdx_store_run (self, "PRAGMA synchronous = NORMAL", error))
    return FALSE;
  /* An import writes many pages in one transaction; with SQLite's 2 MB
   * default they spill to the WAL page by page (measured: ~56 writes a KOL). */
  if (!_kdx_store_run (self, "PRAGMA cache_size = -32768", error))
    return FALSE;
  /* SQLite builds small temporary b-trees for its own work (an IN list
   * of a CHECK constraint, on every INSERT into kol). In a file, each one
   * was an allocation, a heap trim and page faults: 46 s of system time
   * in a 100,000-row import (issue 16). They fit in memory. */
  if (!_kdx_store_run (self, "PRAGMA temp_store = MEMORY", error))
    return FALSE;

  /* journal_mode answers with a row, the mode now in force. */
  if ((stmt = _kdx_store_prepare (self, "PRAGMA journal_mode = WAL", error)) == NULL)
    return FALSE;
  rc = kdx_stmt_step (stmt);
  if (rc == KDX_STMT_ROW)
    mode = g_strdup (kdx_stmt_column_text (stmt, 0));
  kdx_stmt_reset (stmt);
  if (rc != KDX_STMT_ROW)
    return _kdx_store_set_error (self, error);
  if (g_ascii_strcasecmp (mode, "wal") != 0)
    g_debug ("%s stays in %s journal mode", self->path, mode);

  return TRUE;
}

/* One transaction per version, holding the write lock from the start. */
static gboolean
migrate_versions (KdxStore  *self,
                  GError   **error)
{
  gint64 current = 0;

  /* Up to date (every open but the first after an update, and every
   * sibling of a worker): no write lock, so opening never waits for an
   * import that holds it. */
  if (!_kdx_store_query_int (self, "PRAGMA user_version", &current, error))
    return FALSE;
  if (current >= (gint64) kdx_store_n_migrations)
    return TRUE;

  for (;;)
    {
      g_autofree char *set_version = NULL;
      gint64 version = 0;
      char *errmsg = NULL;

      if (!_kdx_store_run (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      /* Read again inside the lock: another Koldex may have migrated. */
      if (!_kdx_store_query_int (self, "PRAGMA user_version", &version, error))
        {
          _kdx_store_run (self, "ROLLBACK", NULL);
          return FALSE;
        }
      if (version >= (gint64) kdx_store_n_migrations)
        return _kdx_store_run (self, "COMMIT", error);

      g_debug ("Migrating %s from schema %" G_GINT64_FORMAT, self->path, version);

      /* Migrations are fixed, parameterless scripts of several statements. */
      set_version = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, version + 1);
      if (sqlite3_exec (self->db, kdx_store_migrations[version], NULL, NULL, &errmsg) != SQLITE_OK
          || sqlite3_exec (self->db, set_version, NULL, NULL, &errmsg) != SQLITE_OK)
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                       _("Could not update %s to schema %" PRId64 ": %s"),
                       self->path, version + 1, errmsg);
          sqlite3_free (errmsg);
          _kdx_store_run (self, "ROLLBACK", NULL);
          return FALSE;
        }
      /* What the version's SQL leaves to C (filling the digests). */
      if (!_kdx_store_migrated_to (self, version + 1, error))
        {
          _kdx_store_run (self, "ROLLBACK", NULL);
          return FALSE;
        }

      if (!_kdx_store_run (self, "COMMIT", error))
        return FALSE;
    }
}

/* Foreign keys are off while migrations run: a migration that rebuilds a
 * table (SQLite's way to change a constraint) drops the old one, and with
 * foreign keys on that would delete every row that refers to it. The
 * pragma is a no-op inside a transaction, so it is set around them. */
static gboolean
sqlite_migrate (KdxStore  *self,
                GError   **error)
{
  gboolean migrated;

  if (!_kdx_store_run (self, "PRAGMA foreign_keys = OFF", error))
    return FALSE;
  migrated = migrate_versions (self, error);
  if (!_kdx_store_run (self, "PRAGMA foreign_keys = ON", migrated ? error : NULL))
    return FALSE;
  return migrated;
}

/* ---- full-text search ------------------------------------------------------ */

/* "quoted" for FTS5, so words are phrases and never query syntax. */
static char *
fts_phrase (const char *word)
{
  g_autoptr(GString) out = g_string_new ("\"");

  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
sqlite_match_word (GString    *sql,
                   GPtrArray  *params,
                   const char *word,
                   gboolean    early_stop)
{
  /* Trigrams need three characters; a shorter word (two-character
   * Chinese names and words are common) is looked for with LIKE in
   * kol_search, each KOL's search text in one plain column (schema 7):
   * at 100,000 KOLs a third of the time the four columns of the FTS5
   * table took (koldex-cli list --search 美妆). */
  if (g_utf8_strlen (word, -1) >= 3)
    {
      g_ptr_array_add (params, fts_phrase (word));
      g_string_append_printf (sql, " AND id IN (SELECT rowid FROM kol_fts WHERE kol_fts MATCH ?%u)",
                              params->len);
    }
  else if (early_stop)
    {
      /* Per row, by rowid: SQLite walks kol in id order and stops at the
       * LIMIT; the IN set below would LIKE-scan all 100,000 texts first
       * (measured: 1 ms against 70-140 ms for 美妆 at 100k). For the
       * whole list the set is faster than a lookup per row. */
      g_ptr_array_add (params, _kdx_store_like_pattern (word));
      g_string_append_printf (sql, " AND EXISTS (SELECT 1 FROM kol_search WHERE kol_search.id = kol.id "
                                   "AND kol_search.text LIKE ?%u ESCAPE '\\')",
                              params->len);
    }
  else
    {
      g_ptr_array_add (params, _kdx_store_like_pattern (word));
      g_string_append_printf (sql, " AND id IN (SELECT id FROM kol_search WHERE text LIKE ?%u ESCAPE '\\')",
                              params->len);
    }
}

static gboolean
sqlite_unindex_kol (KdxStore  *self,
                    gint64     id,
                    GError   **error)
{
  KdxStmt *stmt;

  if (self->index_kept)
    {
      /* A KOL this import added and now merges into. */
      if ((stmt = _kdx_store_prepare (self, "DELETE FROM temp.kol_index_kept WHERE id = ?", error)) == NULL)
        return FALSE;
      kdx_stmt_bind_int64 (stmt, 1, id);
      if (!_kdx_store_step_done (self, stmt, error))
        return FALSE;
    }

  if ((stmt = _kdx_store_prepare (self, "DELETE FROM kol_fts WHERE rowid = ?", error)) == NULL)
    return FALSE;
  kdx_stmt_bind_int64 (stmt, 1, id);
  if (!_kdx_store_step_done (self, stmt, error))
    return FALSE;
  if ((stmt = _kdx_store_prepare (self, "DELETE FROM kol_search WHERE id = ?", error)) == NULL)
    return FALSE;
  kdx_stmt_bind_int64 (stmt, 1, id);
  return _kdx_store_step_done (self, stmt, error);
}

static gboolean
sqlite_index_kol (KdxStore            *self,
                  gint64               id,
                  const KdxSearchText *text,
                  GError             **error)
{
  g_autofree char *joined = NULL;
  KdxStmt *stmt;

  stmt = _kdx_store_prepare (self, self->index_kept
                             ? "INSERT INTO temp.kol_index_kept (id, names, handles, tags, notes) VALUES (?, ?, ?, ?, ?)"
                             : "INSERT INTO kol_fts (rowid, names, handles, tags, notes) VALUES (?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  kdx_stmt_bind_int64 (stmt, 1, id);
  _kdx_store_bind_text (stmt, 2, text->names);
  _kdx_store_bind_text (stmt, 3, text->handles);
  _kdx_store_bind_text (stmt, 4, text->tags);
  _kdx_store_bind_text (stmt, 5, text->notes);
  if (!_kdx_store_step_done (self, stmt, error))
    return FALSE;
  if (self->index_kept)
    return TRUE;

  /* The same text as KDX_STORE_FILL_KOL_SEARCH_SQL makes of these columns. */
  joined = g_strjoin ("\n", text->names ? text->names : "", text->handles ? text->handles : "",
                      text->tags ? text->tags : "", text->notes ? text->notes : "", NULL);
  if ((stmt = _kdx_store_prepare (self, "INSERT INTO kol_search (id, text) VALUES (?, ?)", error)) == NULL)
    return FALSE;
  kdx_stmt_bind_int64 (stmt, 1, id);
  kdx_stmt_bind_text (stmt, 2, joined);
  return _kdx_store_step_done (self, stmt, error);
}

/* An import keeps its KOLs' search texts in a plain temporary table (in
 * memory: temp_store) and indexes them at its end with one INSERT…SELECT
 * into each search table: row by row, each FTS5 insert and the kol_search
 * insert beside it were a fifth of a CSV import's instructions (callgrind,
 * 5,000 rows). The table lives in the import's transaction, so a
 * rollback takes it away with everything else. */
static gboolean
sqlite_keep_index (KdxStore  *self,
                   GError   **error)
{
  if (self->index_kept)
    return TRUE;
  if (sqlite3_exec (self->db, "CREATE TEMP TABLE kol_index_kept "
                              "(id INTEGER PRIMARY KEY, names TEXT, handles TEXT, tags TEXT, notes TEXT)",
                    NULL, NULL, NULL) != SQLITE_OK)
    return _kdx_store_set_error (self, error);
  self->index_kept = TRUE;
  return TRUE;
}

static gboolean
sqlite_index_kept (KdxStore  *self,
                   GError   **error)
{
  if (!self->index_kept)
    return TRUE;
  if (sqlite3_exec (self->db,
                    "INSERT INTO kol_fts (rowid, names, handles, tags, notes) "
                    "SELECT id, names, handles, tags, notes FROM temp.kol_index_kept ORDER BY id;"
                    KDX_STORE_FILL_KOL_SEARCH_FROM ("id", "temp.kol_index_kept") ";"
                    "DROP TABLE temp.kol_index_kept",
                    NULL, NULL, NULL) != SQLITE_OK)
    return _kdx_store_set_error (self, error);
  self->index_kept = FALSE;
  return TRUE;
}

/* An import touches each KOL once, so a big cache only fills with pages
 * nobody reads again, and a merge, which dirties many, needed that much
 * more memory than a skip (build-aux/bench: a 20,000-row merge peaked at
 * 57 MB against 25 MB; with the 2 MB default both are alike, in the same
 * time). A hint: nothing fails. */
static void
sqlite_set_streaming (KdxStore *self,
                      gboolean  streaming)
{
  _kdx_store_run (self, streaming ? "PRAGMA cache_size = -2000" : "PRAGMA cache_size = -32768", NULL);
}

/* The indexes an import reads as it goes, to find a KOL's duplicate
 * among those already stored (kdx_store_find_duplicate(); the uid's is
 * SQLite's own and never dropped). Every other one can wait. */
static const char *const import_indexes[] = { "kol_phone", "kol_wechat", "kol_platform_handle" };

static gboolean
sqlite_defer_indexes (KdxStore  *self,
                      GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gint64 empty = 0;
  int rc;

  if (!_kdx_store_query_int (self, "SELECT NOT EXISTS (SELECT 1 FROM kol)", &empty, error))
    return FALSE;
  if (!empty)
    return TRUE;

  /* Not through the statement cache: read once per import. */
  if (sqlite3_prepare_v2 (self->db, "SELECT name, sql FROM sqlite_schema "
                                    "WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _kdx_store_set_error (self, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strv_contains (import_indexes, name))
        continue;
      g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_add (self->deferred_indexes, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    return _kdx_store_set_error (self, error);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP INDEX \"%s\"", (const char *) names->pdata[i]);

      if (sqlite3_exec (self->db, drop, NULL, NULL, NULL) != SQLITE_OK)
        return _kdx_store_set_error (self, error);
    }
  g_debug ("%s: %u indexes built after the import", self->path, names->len);
  return TRUE;
}

static gboolean
sqlite_restore_indexes (KdxStore  *self,
                        GError   **error)
{
  for (guint i = 0; i < self->deferred_indexes->len; i++)
    if (sqlite3_exec (self->db, self->deferred_indexes->pdata[i], NULL, NULL, NULL) != SQLITE_OK)
      return _kdx_store_set_error (self, error);
  g_ptr_array_set_size (self->deferred_indexes, 0);
  return TRUE;
}

/* SQLite counts a statement's steps through full table scans
 * (SQLITE_STMTSTATUS_FULLSCAN_STEP); the profile callback, called as each
 * statement finishes, adds them up (reset as read, so a cached statement
 * run again counts only its new steps). */
static int
sqlite_statement_done_cb (unsigned int  type,
                          void         *data,
                          void         *statement,
                          void         *elapsed)
{
  KdxStore *self = data;

  self->n_rows_scanned += sqlite3_stmt_status (statement, SQLITE_STMTSTATUS_FULLSCAN_STEP, TRUE);
  return 0;
}

static void
sqlite_watch_scans (KdxStore *self)
{
  sqlite3_trace_v2 (self->db, SQLITE_TRACE_PROFILE, sqlite_statement_done_cb, self);
}

const KdxStoreBackend kdx_store_sqlite_backend = {
  .name = "SQLite",
  .begin_write_sql = "BEGIN IMMEDIATE",
  .tags_in_order_sql = "(SELECT group_concat(tag, char(31)) FROM "
                       "(SELECT tag FROM kol_tag WHERE kol_tag.kol_id = kol.id ORDER BY position))",
  .tags_by_kol_sql = "SELECT kol_id, group_concat (tag, char(31)) AS tags FROM "
                     "(SELECT kol_id, tag FROM kol_tag WHERE %s ORDER BY kol_id, position) GROUP BY kol_id",
  .no_limit = "-1",
  .local_month_sql = "strftime ('%Y-%m', %s, :shift)",
  .local_week_sql = "date (%s, :shift, '-6 days', 'weekday 1')",
  .import_savepoints = FALSE,
  .import_change_order = "rowid DESC",
  .import_first_change_only = FALSE,
  .byte_order_collation = "",
  .explain = "EXPLAIN QUERY PLAN ",
  .lock_before_rewrite = FALSE,
  .keep_reader = FALSE,
  .reader_setup = NULL,
  .ids_as_array = FALSE,
  .first_rows_at_once = FALSE,
  .handles = sqlite_handles,
  .display_name = sqlite_display_name,
  .connect = sqlite_connect,
  .disconnect = sqlite_disconnect,
  .discard = sqlite_discard,
  .check_identity = sqlite_check_identity,
  .configure = sqlite_configure,
  .set_streaming = sqlite_set_streaming,
  .defer_indexes = sqlite_defer_indexes,
  .restore_indexes = sqlite_restore_indexes,
  .migrate = sqlite_migrate,
  .check_health = _kdx_store_sqlite_check_health,
  .backup_to = _kdx_store_sqlite_backup_to,
  .restore_from = _kdx_store_sqlite_restore_from,
  .inspect_backup = _kdx_store_sqlite_inspect_backup,
  .is_in_place = sqlite_is_in_place,
  .is_read_only = sqlite_is_read_only,
  .watch_scans = sqlite_watch_scans,
  .set_error = sqlite_set_error,
  .match_word = sqlite_match_word,
  .index_kol = sqlite_index_kol,
  .unindex_kol = sqlite_unindex_kol,
  .keep_index = sqlite_keep_index,
  .index_kept = sqlite_index_kept,
  .last_failure = _kdx_store_sqlite_last_failure,
  .insert_returning = "",
  .last_insert_id = _kdx_store_sqlite_last_insert_id,
  .prepare = _kdx_store_sqlite_prepare,
  .exec = _kdx_store_sqlite_exec,
  .changes = _kdx_store_sqlite_changes,
  .total_changes = _kdx_store_sqlite_total_changes,
  .in_transaction = _kdx_store_sqlite_in_transaction,
  .set_interrupt = _kdx_store_sqlite_set_interrupt,
};
