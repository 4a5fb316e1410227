/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "kdx-error.h"
#include "kdx-store-pg-private.h"

/* A team database's password (issue 14, item 1): kept in the operator's
 * keyring (the Secret Service: GNOME Keyring) through libsecret, never
 * in GSettings, a URI on disk, a log line or a message. It is keyed by
 * the server and the account it opens (host, port, user, database), so
 * the URI the operator saves carries no password and any Koldex that
 * opens the same database finds it: the app, koldex-cli, a worker's
 * sibling connection. Only GLib and libsecret here: no GTK in core. */

static const SecretSchema *
team_schema (void)
{
  static const SecretSchema schema = {
    "org.koldex.TeamDatabase", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "dbname", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  return &schema;
}

/* The server and account @location names, with libpq's defaults for what
 * it leaves out (port 5432, the login's user, a database named after
 * the user), so two spellings of one database find one password. */
typedef struct
{
  char *host;
  char *port;
  char *user;
  char *dbname;
} ServerIdentity;

static void
server_identity_clear (ServerIdentity *identity)
{
  g_free (identity->host);
  g_free (identity->port);
  g_free (identity->user);
  g_free (identity->dbname);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ServerIdentity, server_identity_clear)

static gboolean
read_identity (const char     *location,
               ServerIdentity *identity)
{
  PQconninfoOption *options;

  if (!kdx_store_pg_backend.handles (location)
      || (options = PQconninfoParse (location, NULL)) == NULL)
    return FALSE;
  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    {
      char **field = NULL;

      if (g_str_equal (option->keyword, "host"))
        field = &identity->host;
      else if (g_str_equal (option->keyword, "port"))
        field = &identity->port;
      else if (g_str_equal (option->keyword, "user"))
        field = &identity->user;
      else if (g_str_equal (option->keyword, "dbname"))
        field = &identity->dbname;
      if (field != NULL && option->val != NULL && *option->val != '\0')
        *field = g_strdup (option->val);
    }
  PQconninfoFree (options);

  if (identity->host == NULL)
    identity->host = g_strdup ("localhost");
  if (identity->port == NULL)
    identity->port = g_strdup ("5432");
  if (identity->user == NULL)
    identity->user = g_strdup (g_get_user_name ());
  if (identity->dbname == NULL)
    identity->dbname = g_strdup (identity->user);
  return TRUE;
}

/**
 * kdx_store_get_server:
 * @location: a database path or URI, as kdx_store_open() takes it
 * @database: (out) (optional): the database's name on the server
 * @host: (out) (optional): the server: a host name, or the folder of a
 *   Unix socket
 *
 * Whether @location names a team database on a server, and which.
 */
gboolean
kdx_store_get_server (const char  *location,
                      char       **database,
                      char       **host)
{
  g_auto(ServerIdentity) identity = { 0 };

  if (location == NULL || !read_identity (location, &identity))
    return FALSE;
  if (database != NULL)
    *database = g_steal_pointer (&identity.dbname);
  if (host != NULL)
    *host = g_steal_pointer (&identity.host);
  return TRUE;
}

/**
 * kdx_store_save_password:
 * @location: a team database's `postgresql://` URI (without a password)
 * @password: the password of its user
 *
 * Keeps @password in the operator's keyring for the server and account
 * of @location, where opening it looks (when the URI carries none).
 */
gboolean
kdx_store_save_password (const char  *location,
                         const char  *password,
                         GError     **error)
{
  g_auto(ServerIdentity) identity = { 0 };
  g_autofree char *label = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (password != NULL, FALSE);

  if (location == NULL || !read_identity (location, &identity))
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                   _("“%s” is not a team database’s postgresql:// address"),
                   location != NULL ? location : "");
      return FALSE;
    }
  /* Translators: the keyring's name for a saved password: database, server */
  label = g_strdup_printf (_("Koldex team database %s on %s"), identity.dbname, identity.host);
  if (!secret_password_store_sync (team_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                   NULL, &local_error,
                                   "host", identity.host, "port", identity.port,
                                   "user", identity.user, "dbname", identity.dbname, NULL))
    {
      /* libsecret's message names the keyring, never the password. */
      g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                   _("Could not keep the password in the keyring: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* The password the keyring keeps for @location, or NULL (none, or no
 * keyring to ask: then the server says what it misses). */
char *
_kdx_store_pg_saved_password (const char *location)
{
  g_auto(ServerIdentity) identity = { 0 };
  g_autoptr(GError) error = NULL;
  char *password = NULL;
  char *found;

  if (!read_identity (location, &identity))
    return NULL;
  found = secret_password_lookup_sync (team_schema (), NULL, &error,
                                          "host", identity.host, "port", identity.port,
                                          "user", identity.user, "dbname", identity.dbname, NULL);
  if (error != NULL)
    g_debug ("No password from the keyring: %s", error->message);
  /* libsecret's own memory goes back through libsecret, wiped. */
  if (found != NULL)
    password = g_strdup (found);
  secret_password_free (found);
  return password;
}

/* Frees a password, its bytes overwritten first. */
void
_kdx_store_pg_free_password (char *password)
{
  if (password == NULL)
    return;
  explicit_bzero (password, strlen (password));
  g_free (password);
}

/**
 * kdx_store_location_has_password:
 *
 * Whether a team database's URI carries its password (":secret@" or
 * password=): such a URI must not be saved where settings live.
 */
gboolean
kdx_store_location_has_password (const char *location)
{
  PQconninfoOption *options;
  gboolean found = FALSE;

  if (location == NULL || !kdx_store_pg_backend.handles (location)
      || (options = PQconninfoParse (location, NULL)) == NULL)
    return FALSE;
  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    if (g_str_equal (option->keyword, "password") && option->val != NULL && *option->val != '\0')
      found = TRUE;
  PQconninfoFree (options);
  return found;
}
