/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "kdx-error.h"
#include "kdx-store-pg-private.h"
#include "kdx-store-pg-schema.h"
#include "kdx-store-schema.h"

/* The PostgreSQL backend (kdx-store-backend.h, issue 14): a team's
 * database on a server, reached through libpq by a postgresql:// URI.
 * Identity and schema version in the table koldex_meta; migrations under
 * an advisory lock; search through pg_trgm. The engine functions here
 * speak libpq directly; the store's own statements go through its
 * statement layer, kdx-store-pg-stmt.c.
 *
 * The password: an operator's URI may carry one. It is kept only in
 * self->location (to connect siblings); self->path, which every message
 * shows, is the URI without it, and any message from the server or from
 * libpq has it blotted out before anyone sees it. */

/* Advisory lock key of migrations: the application id, so no other
 * program's lock is taken by mistake. */
#define MIGRATION_LOCK_KEY "1262767192"

/* How long a statement waits for another connection's row or table
 * lock before it fails, as SQLite's busy timeout. */
#define LOCK_TIMEOUT "10s"

/* ---- the URI and its password --------------------------------------------- */

static gboolean
pg_handles (const char *location)
{
  return location != NULL
         && (g_str_has_prefix (location, "postgresql://")
             || g_str_has_prefix (location, "postgres://"));
}

/* The password libpq would read from @location, or NULL. */
static char *
uri_password (const char *location)
{
  PQconninfoOption *options = PQconninfoParse (location, NULL);
  char *password = NULL;

  if (options == NULL)
    return NULL;
  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    if (g_str_equal (option->keyword, "password") && option->val != NULL && *option->val != '\0')
      password = g_strdup (option->val);
  PQconninfoFree (options);
  return password;
}

/* @location without its password: the user info's ":password" and any
 * password= parameter are left out. */
static char *
pg_display_name (const char *location)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *authority = strstr (location, "://");
  const char *query;
  const char *end;
  const char *at = NULL;

  if (authority == NULL)
    return g_strdup (location);
  authority += 3;
  end = authority + strcspn (authority, "/?");
  for (const char *p = authority; p < end; p++)
    if (*p == '@')
      at = p;

  g_string_append_len (out, location, authority - location);
  if (at != NULL)
    {
      const char *colon = memchr (authority, ':', at - authority);

      g_string_append_len (out, authority, (colon != NULL ? colon : at) - authority);
      g_string_append_len (out, at, end - at);
    }
  else
    g_string_append_len (out, authority, end - authority);

  query = strchr (end, '?');
  g_string_append_len (out, end, (query != NULL ? query : end + strlen (end)) - end);
  if (query != NULL)
    {
      g_auto(GStrv) params = g_strsplit (query + 1, "&", -1);
      gboolean first = TRUE;

      for (guint i = 0; params[i] != NULL; i++)
        {
          if (g_ascii_strncasecmp (params[i], "password=", 9) == 0 || *params[i] == '\0')
            continue;
          g_string_append_c (out, first ? '?' : '&');
          g_string_append (out, params[i]);
          first = FALSE;
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A message from libpq or the server, first line only, trimmed, with the
 * password blotted out wherever it appears. */
char *
_kdx_store_pg_clean_message (KdxStore   *self,
                             const char *message)
{
  g_autofree char *password = uri_password (self->location);
  g_autofree char *line = g_strndup (message, strcspn (message, "\n"));
  KdxPgConnection *pg = KDX_PG (self);
  const char *saved = pg != NULL ? pg->password : NULL;

  g_strstrip (line);
  if (g_str_has_prefix (line, "ERROR:") || g_str_has_prefix (line, "FATAL:"))
    memmove (line, line + 6, strlen (line + 6) + 1), g_strstrip (line);
  /* The URI's password and the keyring's alike. */
  for (guint i = 0; i < 2; i++)
    {
      const char *secret = i == 0 ? password : saved;
      g_auto(GStrv) parts = NULL;

      if (secret == NULL || *secret == '\0')
        continue;
      parts = g_strsplit (line, secret, -1);
      g_free (line);
      line = g_strjoinv ("***", parts);
    }
  return g_steal_pointer (&line);
}

/* ---- errors --------------------------------------------------------------- */

static gboolean
pg_set_error (KdxStore  *self,
              GError   **error)
{
  g_autofree char *message = NULL;
  KdxPgConnection *pg = KDX_PG (self);
  const char *state = pg != NULL ? pg->state : "";

  if (pg == NULL || pg->conn == NULL || PQstatus (pg->conn) != CONNECTION_OK)
    {
      /* The server went away: the store makes the connection again,
       * and says so ("connected"); the caller may keep what it wanted
       * to write and try again then. */
      if (pg != NULL && pg->conn != NULL)
        _kdx_store_pg_connection_lost (self);
      g_set_error (error, KDX_ERROR, KDX_ERROR_CONNECTION_LOST,
                   _("Lost the connection to %s; nothing more was saved"), self->path);
      return FALSE;
    }

  message = _kdx_store_pg_clean_message (self, PQerrorMessage (pg->conn));
  /* Rows an import sent refused: by the input's row and field. */
  if (pg->refused && self->refusal != NULL)
    {
      const KdxStoreRefusal *refusal = self->refusal;
      g_autofree char *refused = kdx_store_refusal_describe (refusal);

      if (refusal->row > 0 && refusal->field != NULL && refusal->value != NULL)
        /* Translators: the input's row, field name, the value, then why it was refused */
        g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE, _("row %u, field %s: “%s” %s"),
                     refusal->row, refusal->field, refusal->value, refusal->reason);
      else if (refusal->row > 0 && refusal->field != NULL)
        /* Translators: the input's row, field name, then what was refused there */
        g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE, _("row %u, field %s: %s"),
                     refusal->row, refusal->field, refusal->reason);
      else if (refusal->row > 0)
        /* Translators: the input's row, then what was refused there */
        g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE, _("row %u: %s"), refusal->row, refused);
      else
        g_set_error_literal (error, KDX_ERROR, KDX_ERROR_DATABASE, refused);
    }
  else if (g_str_equal (state, "25006"))
    g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                 _("Cannot write to %s: the server allows reading only"), self->path);
  else if (g_str_equal (state, "42501"))
    g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                 _("Cannot write to %s: your database role may not change it (%s)"),
                 self->path, message);
  else if (g_str_equal (state, "53100"))
    g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                 _("Cannot write to %s: the server's disk is full"), self->path);
  else if (g_str_equal (state, "55P03") || g_str_equal (state, "40P01"))
    g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                 _("%s is busy: another operator's change kept it locked too long"), self->path);
  else
    g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                 _("Database error in %s: %s"), self->path, message);
  return FALSE;
}

/* Keeps the SQLSTATE of a failed result for pg_set_error(); TRUE when
 * @result is what @expected says. */
gboolean
_kdx_store_pg_result_ok (KdxStore       *self,
                         PGresult       *result,
                         ExecStatusType  expected)
{
  const char *state;

  if (result != NULL && PQresultStatus (result) == expected)
    return TRUE;
  state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  g_strlcpy (KDX_PG (self)->state, state != NULL ? state : "", sizeof KDX_PG (self)->state);
  return FALSE;
}


/* Runs a fixed statement (or several) with no parameters and no rows. */
static gboolean
exec_command (KdxStore    *self,
              const char  *sql,
              GError     **error)
{
  g_autoptr(PGresult) result = PQexec (KDX_PG (self)->conn, sql);
  gboolean has_rows = result != NULL && PQresultStatus (result) == PGRES_TUPLES_OK;

  if (!_kdx_store_pg_result_ok (self, result, has_rows ? PGRES_TUPLES_OK : PGRES_COMMAND_OK))
    return pg_set_error (self, error);
  return TRUE;
}

/* The one row of a fixed query; NULL (and @error) when it fails. */
static PGresult *
exec_row (KdxStore    *self,
          const char  *sql,
          GError     **error)
{
  g_autoptr(PGresult) result = PQexec (KDX_PG (self)->conn, sql);

  if (!_kdx_store_pg_result_ok (self, result, PGRES_TUPLES_OK))
    {
      pg_set_error (self, error);
      return NULL;
    }
  if (PQntuples (result) != 1)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                   _("Database error in %s: %s"), self->path, "expected one row");
      return NULL;
    }
  return g_steal_pointer (&result);
}

/* libpq writes the server's notices to stderr; they go to the debug log. */
static void
notice_cb (void       *data,
           const char *message)
{
  g_debug ("PostgreSQL: %s", message);
}

/* ---- the connection ------------------------------------------------------- */

/* A server's database is made by its administrator (with the roles of
 * the team: README), never by Koldex, so @created stays FALSE. */
static gboolean
pg_connect (KdxStore  *self,
            gboolean   may_create,
            gboolean  *created,
            GError   **error)
{
  g_autofree char *message = NULL;
  g_autofree char *given = uri_password (self->location);
  KdxPgConnection *pg = g_new0 (KdxPgConnection, 1);

  self->db = pg;
  if (given == NULL)
    pg->password = _kdx_store_pg_saved_password (self->location);
  pg->conn = _kdx_store_pg_connect_db (self);
  if (pg->conn == NULL)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                   _("Cannot connect to %s: out of memory"), self->path);
      return FALSE;
    }
  if (PQstatus (pg->conn) != CONNECTION_OK)
    {
      message = _kdx_store_pg_clean_message (self, PQerrorMessage (pg->conn));
      g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                   _("Cannot connect to %s: %s"), self->path, message);
      return FALSE;
    }
  if (PQsetClientEncoding (pg->conn, "UTF8") != 0)
    return pg_set_error (self, error);
  return TRUE;
}

/* The URI as the operator gave it, and the keyring's password when it
 * has none: libpq reads the URI as a connection string (expand_dbname)
 * and the password after it. */
PGconn *
_kdx_store_pg_connect_db (KdxStore *self)
{
  const char *keywords[] = { "dbname", "password", NULL };
  const char *values[] = { self->location, KDX_PG (self)->password, NULL };

  PGconn *conn;

  if (KDX_PG (self)->password == NULL)
    keywords[1] = NULL;
  conn = PQconnectdbParams (keywords, values, 1);
  /* The server's notices (and its "terminating connection" as it
   * stops) go to the debug log, not to stderr. */
  if (conn != NULL)
    PQsetNoticeProcessor (conn, notice_cb, NULL);
  return conn;
}

static void
pg_disconnect (KdxStore *self)
{
  KdxPgConnection *pg = KDX_PG (self);

  if (pg == NULL)
    return;
  _kdx_store_pg_stop_reconnecting (self);
  _kdx_store_pg_stop_listening (self);
  _kdx_store_pg_bulk_end (self);
  _kdx_store_pg_forget_kept (self);
  g_clear_pointer (&pg->conn, PQfinish);
  g_clear_pointer (&pg->password, _kdx_store_pg_free_password);
  g_clear_pointer (&self->db, g_free);
}

static void
pg_discard (const char *location)
{
  /* Nothing to remove: connect() never makes a database. */
}

/* A server database does not move; what can go is the way to it. */
static gboolean
pg_is_in_place (KdxStore *self)
{
  return KDX_PG (self)->conn != NULL && PQstatus (KDX_PG (self)->conn) == CONNECTION_OK;
}

/* A manager's role may only SELECT (README: the read-only role): asked
 * of the server once, so no write is tried only to be refused halfway. */
static gboolean
pg_is_read_only (KdxStore  *self,
                 gboolean  *read_only,
                 GError   **error)
{
  gint64 may_update = 0;

  if (!_kdx_store_query_int (self,
                             "SELECT CASE WHEN has_table_privilege (current_user, 'kol', 'UPDATE')"
                             " THEN 1 ELSE 0 END",
                             &may_update, error))
    return FALSE;
  *read_only = may_update == 0;
  return TRUE;
}

/* ---- identity, tuning, schema --------------------------------------------- */

/* The schema version of koldex_meta, 0 when the table is not there yet;
 * refuses a database that is not Koldex's. */
static gboolean
read_version (KdxStore  *self,
              gint64    *version,
              GError   **error)
{
  g_autoptr(PGresult) row = NULL;
  gint64 n_tables;

  row = exec_row (self,
                  "SELECT to_regclass ('koldex_meta') IS NOT NULL,"
                  " (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                  "  WHERE n.nspname = current_schema () AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S'))",
                  error);
  if (row == NULL)
    return FALSE;
  n_tables = g_ascii_strtoll (PQgetvalue (row, 0, 1), NULL, 10);
  if (!g_str_equal (PQgetvalue (row, 0, 0), "t"))
    {
      if (n_tables > 0)
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_A_DATABASE,
                       _("%s holds tables of another program, not a Koldex database; "
                         "a team database must be empty when Koldex first opens it"),
                       self->path);
          return FALSE;
        }
      *version = 0;
      return TRUE;
    }

  g_clear_pointer (&row, PQclear);
  if ((row = exec_row (self, "SELECT application_id, schema_version FROM koldex_meta", error)) == NULL)
    return FALSE;
  if (g_ascii_strtoll (PQgetvalue (row, 0, 0), NULL, 10) != KDX_STORE_APPLICATION_ID)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_A_DATABASE,
                   _("%s is a database of another program, not a Koldex database"), self->path);
      return FALSE;
    }
  *version = g_ascii_strtoll (PQgetvalue (row, 0, 1), NULL, 10);
  return TRUE;
}

static gboolean
pg_check_identity (KdxStore  *self,
                   GError   **error)
{
  g_autoptr(PGresult) row = NULL;
  gint64 version = 0;

  if (!read_version (self, &version, error))
    return FALSE;
  if (version > (gint64) kdx_store_pg_n_migrations)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_NEWER_SCHEMA,
                   _("%s was written by a newer Koldex (schema %" PRId64
                     ", this Koldex knows up to %d); update Koldex to open it"),
                   self->path, version, (int) kdx_store_pg_n_migrations);
      return FALSE;
    }

  /* A standby server, or a database set read-only, takes no writes. */
  if ((row = exec_row (self, "SELECT pg_is_in_recovery () OR current_setting ('default_transaction_read_only') = 'on'", error)) == NULL)
    return FALSE;
  if (g_str_equal (PQgetvalue (row, 0, 0), "t"))
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                   _("Cannot write to %s: the server allows reading only"), self->path);
      return FALSE;
    }
  return TRUE;
}

/* Session settings: messages and dates the same whatever the server's
 * defaults; a lock waited for as long as SQLite's busy timeout; room to
 * sort a list of 100,000 KOLs in memory (the default 4 MB sorted a
 * column clicked in the list on disk, 2.4× slower: build-aux/bench). */
static gboolean
pg_configure (KdxStore  *self,
              GError   **error)
{
  return exec_command (self,
                       "SET client_min_messages = warning;"
                       " SET standard_conforming_strings = on;"
                       " SET TIME ZONE 'UTC';"
                       " SET lock_timeout = '" LOCK_TIMEOUT "';"
                       " SET work_mem = '32MB'",
                       error);
}

/* One transaction per version, each under the advisory lock, so two
 * Koldex opening a new database at once migrate it once: the second
 * waits for the first's commit, then reads the version again. */
static gboolean
pg_migrate (KdxStore  *self,
            GError   **error)
{
  gint64 current = 0;

  /* Up to date: no lock, so opening never waits for another's write. */
  if (!read_version (self, &current, error))
    return FALSE;
  if (current >= (gint64) kdx_store_pg_n_migrations)
    return TRUE;

  for (;;)
    {
      g_autofree char *set_version = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 version = 0;

      if (!exec_command (self, "BEGIN; SELECT pg_advisory_xact_lock (" MIGRATION_LOCK_KEY ")", error))
        {
          exec_command (self, "ROLLBACK", NULL);
          return FALSE;
        }
      if (!read_version (self, &version, error))
        {
          exec_command (self, "ROLLBACK", NULL);
          return FALSE;
        }
      if (version >= (gint64) kdx_store_pg_n_migrations)
        return exec_command (self, "COMMIT", error);

      g_debug ("Migrating %s from schema %" G_GINT64_FORMAT, self->path, version);
      set_version = g_strdup_printf ("UPDATE koldex_meta SET schema_version = %" G_GINT64_FORMAT,
                                     version + 1);
      /* pg_trgm is a trusted extension: a database owner may add it. */
      if ((version == 0 && !exec_command (self, "CREATE EXTENSION IF NOT EXISTS pg_trgm", &local_error))
          || (local_error == NULL && !exec_command (self, kdx_store_pg_migrations[version], &local_error))
          || (local_error == NULL && !_kdx_store_migrated_to (self, version + 1, &local_error))
          || (local_error == NULL && !exec_command (self, set_version, &local_error)))
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                       _("Could not update %s to schema %" PRId64 ": %s"),
                       self->path, version + 1, local_error->message);
          exec_command (self, "ROLLBACK", NULL);
          return FALSE;
        }
      if (!exec_command (self, "COMMIT", error))
        return FALSE;
    }
}

/* ---- health and backups ----------------------------------------------------- */

/* The server guards its own pages (write-ahead log, and data checksums
 * when the cluster has them); Koldex has no whole-file check to run. */
static gboolean
pg_check_health (KdxStore  *self,
                 gboolean   at_open,
                 gboolean  *checked,
                 GError   **error)
{
  *checked = TRUE;
  return TRUE;
}

/* Backups of a team database are the server administrator's (pg_dump,
 * the server's base backups): a copy on each operator's machine would
 * spread the team's contact data over laptops, and pg_dump must match
 * the server's version, which Koldex cannot promise. So the store says
 * so rather than half-doing it. */
static gboolean
not_on_a_server (KdxStore  *self,
                 GError   **error)
{
  g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
               _("%s is a team database on a server: its backups are made and restored "
                 "by the server's administrator (pg_dump), not by Koldex"),
               self->path);
  return FALSE;
}

static gboolean
pg_backup_to (KdxStore   *self,
              const char *path,
              GError    **error)
{
  return not_on_a_server (self, error);
}

static gboolean
pg_restore_from (KdxStore   *self,
                 const char *path,
                 GError    **error)
{
  return not_on_a_server (self, error);
}

/* ---- search ------------------------------------------------------------------ */

/* The same words as FTS5's kol_fts, one text per KOL (kdx-store-pg-schema.c). */
static char *
search_words (const KdxSearchText *text)
{
  return g_strjoin ("\n",
                    text->names != NULL ? text->names : "",
                    text->handles != NULL ? text->handles : "",
                    text->tags != NULL ? text->tags : "",
                    text->notes != NULL ? text->notes : "",
                    NULL);
}

/* Case ignored, as FTS5's trigrams ignore it: the text as the server
 * lowered it when it was written (folded, schema 12) LIKE the word
 * lowered the same way, which is what ILIKE does, without lowering every
 * text read (three to four times faster where every text is read). From
 * three characters on the trigram index finds the candidates; a shorter
 * word reads the texts.
 *
 * The word is written into the statement as a literal, not sent as a
 * parameter: a statement is prepared once per text and kept
 * (kdx-store-pg-stmt.c), so each word's statement is planned once, for
 * that word, and run again as it is (the same search refreshed after
 * another operator's change, sorted, scrolled). As a parameter the
 * server planned the whole first screen again at every run, for the
 * word (a plan made for any word sends a short one to the trigram
 * index: 阿雪, every hit, 0.6 s instead of 0.13 s): 1.0 ms of a search's
 * first screen of 1.85 ms at 100,000 KOLs. The literal is quoted as the
 * session reads it (standard_conforming_strings, configure()). */
static void
pg_match_word (GString    *sql,
               GPtrArray  *params,
               const char *word,
               gboolean    early_stop)
{
  g_autofree char *pattern = _kdx_store_like_pattern (word);
  g_autoptr(GString) literal = g_string_new ("'");

  for (const char *p = pattern; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append_c (literal, '\'');
      g_string_append_c (literal, *p);
    }
  g_string_append_c (literal, '\'');
  if (early_stop)
    g_string_append_printf (sql, " AND EXISTS (SELECT 1 FROM kol_search WHERE kol_search.kol_id = kol.id"
                                 " AND kol_search.folded LIKE lower (%s) ESCAPE '\\')",
                            literal->str);
  else
    g_string_append_printf (sql, " AND id IN (SELECT kol_id FROM kol_search WHERE folded LIKE lower (%s) ESCAPE '\\')",
                            literal->str);
}

static gboolean
pg_unindex_kol (KdxStore  *self,
                gint64     id,
                GError   **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *values[] = { id_text };
  g_autoptr(PGresult) result = NULL;

  /* A text an import buffered may be the one to forget. */
  if (!_kdx_store_pg_bulk_flush (self))
    return pg_set_error (self, error);
  result = PQexecParams (KDX_PG (self)->conn, "DELETE FROM kol_search WHERE kol_id = $1",
                         1, NULL, values, NULL, NULL, 0);
  if (!_kdx_store_pg_result_ok (self, result, PGRES_COMMAND_OK))
    return pg_set_error (self, error);
  return TRUE;
}

static gboolean
pg_index_kol (KdxStore            *self,
              gint64               id,
              const KdxSearchText *text,
              GError             **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *words = search_words (text);
  const char *values[] = { id_text, words };
  g_autoptr(PGresult) result = NULL;

  /* An import's texts are sent with its other rows, by COPY. */
  if (_kdx_store_pg_bulk_active (self))
    return _kdx_store_pg_bulk_index (self, id, words) || pg_set_error (self, error);
  result = PQexecParams (KDX_PG (self)->conn, "INSERT INTO kol_search (kol_id, words) VALUES ($1, $2)",
                         2, NULL, values, NULL, NULL, 0);
  if (!_kdx_store_pg_result_ok (self, result, PGRES_COMMAND_OK))
    return pg_set_error (self, error);
  return TRUE;
}

/* ---- imports ----------------------------------------------------------------- */

/* The server has no page cache of the connection's to shrink. An
 * import's end (committed or rolled back) ends its buffering of rows
 * (kdx-store-pg-bulk.c). */
static void
pg_set_streaming (KdxStore *self,
                  gboolean  streaming)
{
  if (!streaming)
    _kdx_store_pg_bulk_end (self);
}

/* As SQLite's: into an empty database every index but those the
 * duplicate finder reads (and those behind constraints) is dropped and
 * built once at the end; DROP INDEX is transactional, so a rollback
 * brings them back. */
static gboolean
pg_defer_indexes (KdxStore  *self,
                  GError   **error)
{
  g_autoptr(PGresult) empty = NULL;
  g_autoptr(PGresult) indexes = NULL;

  if ((empty = exec_row (self, "SELECT NOT EXISTS (SELECT 1 FROM kol)", error)) == NULL)
    return FALSE;
  if (!g_str_equal (PQgetvalue (empty, 0, 0), "t"))
    return TRUE;

  indexes = PQexec (KDX_PG (self)->conn,
                    "SELECT i.relname, pg_get_indexdef (i.oid) FROM pg_index x"
                    " JOIN pg_class i ON i.oid = x.indexrelid"
                    " JOIN pg_namespace n ON n.oid = i.relnamespace"
                    " WHERE n.nspname = current_schema () AND NOT x.indisunique AND NOT x.indisprimary"
                    " AND i.relname NOT IN ('kol_phone', 'kol_wechat', 'kol_platform_handle')"
                    " ORDER BY i.relname");
  if (!_kdx_store_pg_result_ok (self, indexes, PGRES_TUPLES_OK))
    return pg_set_error (self, error);
  for (int i = 0; i < PQntuples (indexes); i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP INDEX \"%s\"", PQgetvalue (indexes, i, 0));

      if (!exec_command (self, drop, error))
        return FALSE;
      g_ptr_array_add (self->deferred_indexes, g_strdup (PQgetvalue (indexes, i, 1)));
    }
  g_debug ("%s: %d indexes built after the import", self->path, PQntuples (indexes));
  return TRUE;
}

/* From the start of an import's batch its rows, search texts among
 * them, are buffered and sent with COPY (kdx-store-pg-bulk.c); into an
 * empty database the trigram index is built once at the end, with the
 * others (defer_indexes()). */
static gboolean
pg_keep_index (KdxStore  *self,
               GError   **error)
{
  /* Only an import that streams (kdx_import_sink_begin()) ends the
   * buffering when it ends (set_streaming()). */
  if (self->streaming && self->in_batch)
    _kdx_store_pg_bulk_begin (self);
  return TRUE;
}

/* At the import's end, before its indexes are built and it commits:
 * whatever is still buffered goes to the server, the KOL ids it took
 * and did not use back to the sequence. */
static gboolean
pg_index_kept (KdxStore  *self,
               GError   **error)
{
  if (!_kdx_store_pg_bulk_finish (self))
    return pg_set_error (self, error);
  return TRUE;
}

/* A dry run's rows to the server before it rolls back, so that it
 * finds what the server would refuse, by row, as the import would. */
static gboolean
pg_send_held (KdxStore  *self,
              GError   **error)
{
  if (!_kdx_store_pg_bulk_flush (self))
    return pg_set_error (self, error);
  return TRUE;
}

static gboolean
pg_restore_indexes (KdxStore  *self,
                    GError   **error)
{
  for (guint i = 0; i < self->deferred_indexes->len; i++)
    if (!exec_command (self, self->deferred_indexes->pdata[i], error))
      return FALSE;
  g_ptr_array_set_size (self->deferred_indexes, 0);
  return TRUE;
}

/* A copy (kdx-store-copy.c) inserts rows with the ids they had: an
 * identity column's sequence does not see them, so it is moved past the
 * highest, or the next KOL added would be given id 1 again. */
static gboolean
pg_follow_ids (KdxStore  *self,
               GError   **error)
{
  static const char *const tables[] = { "kol", "import_run", "saved_view" };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf (
        "SELECT setval (pg_get_serial_sequence ('%s', 'id'),"
        " coalesce ((SELECT max (id) FROM %s), 0) + 1, FALSE)", tables[i], tables[i]);
      gint64 next;

      if (!_kdx_store_query_int (self, sql, &next, error))
        return FALSE;
    }
  return TRUE;
}

const KdxStoreBackend kdx_store_pg_backend = {
  .name = "PostgreSQL",
  /* READ COMMITTED: each statement sees what others committed, and rows
   * are locked as they are written, so two writers never both read and
   * then fail to take a lock, the reason SQLite needs BEGIN IMMEDIATE. */
  .begin_write_sql = "BEGIN",
  .tags_in_order_sql = "(SELECT string_agg(tag, chr(31) ORDER BY position) "
                       "FROM kol_tag WHERE kol_tag.kol_id = kol.id)",
  .tags_by_kol_sql = "SELECT kol_id, string_agg (tag, chr(31) ORDER BY position) AS tags "
                     "FROM kol_tag WHERE %s GROUP BY kol_id",
  .no_limit = "ALL",
  /* The session's time zone is UTC (configure()), as the stored times. */
  .local_month_sql = "to_char (%s::timestamptz + :shift::interval, 'YYYY-MM')",
  .local_week_sql = "to_char (date_trunc ('week', %s::timestamptz + :shift::interval), 'YYYY-MM-DD')",
  /* What the server would refuse is refused in C before an import's
   * rows are buffered for COPY (kdx-store-pg-bulk.c). */
  .import_savepoints = FALSE,
  .import_change_order = "kol_id DESC",
  .import_first_change_only = TRUE,
  .byte_order_collation = " COLLATE \"C\"",
  .explain = "EXPLAIN (ANALYZE, BUFFERS) ",
  .lock_before_rewrite = TRUE,
  .keep_reader = TRUE,
  .reader_setup = "SET plan_cache_mode = force_custom_plan",
  .ids_as_array = TRUE,
  .first_rows_at_once = TRUE,
  .handles = pg_handles,
  .display_name = pg_display_name,
  .connect = pg_connect,
  .disconnect = pg_disconnect,
  .discard = pg_discard,
  .check_identity = pg_check_identity,
  .configure = pg_configure,
  .set_streaming = pg_set_streaming,
  .defer_indexes = pg_defer_indexes,
  .restore_indexes = pg_restore_indexes,
  .migrate = pg_migrate,
  .check_health = pg_check_health,
  .backup_to = pg_backup_to,
  .restore_from = pg_restore_from,
  /* Backups are SQLite files whatever the store: kdx-store-backup.c
   * reads them with the SQLite backend's. */
  .inspect_backup = NULL,
  .is_in_place = pg_is_in_place,
  .is_read_only = pg_is_read_only,
  .set_error = pg_set_error,
  .listen = _kdx_store_pg_listen,
  .reconnect = _kdx_store_pg_reconnect,
  .announce = _kdx_store_pg_announce,
  .match_word = pg_match_word,
  .index_kol = pg_index_kol,
  .unindex_kol = pg_unindex_kol,
  .keep_index = pg_keep_index,
  .index_kept = pg_index_kept,
  .send_held = pg_send_held,
  .follow_ids = pg_follow_ids,
  .last_failure = _kdx_store_pg_last_failure,
  .insert_returning = " RETURNING id",
  .last_insert_id = _kdx_store_pg_last_insert_id,
  .prepare = _kdx_store_pg_prepare,
  .exec = _kdx_store_pg_exec,
  .changes = _kdx_store_pg_changes,
  .total_changes = _kdx_store_pg_total_changes,
  .in_transaction = _kdx_store_pg_in_transaction,
  .set_interrupt = _kdx_store_pg_set_interrupt,
};
