/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "kdx-error.h"
#include "kdx-store-pg-private.h"

/* Live changes on a team database (issue 14, item 4): what one operator
 * commits, every other operator's store hears within a moment and
 * announces with its own "changed" signal, so lists, the board, an open
 * file, Today and Insights follow as they follow local writes.
 *
 * A write announces its KOLs with NOTIFY inside its transaction, just
 * before COMMIT: PostgreSQL delivers it when, and only if, the
 * transaction commits. The payload is the writer's family (the backend
 * pid of the store's connection, or of the store a worker's sibling was
 * opened from) and the ids: "PID:1,2,3". PostgreSQL takes at most 8,000
 * bytes; an import of thousands says "PID:*", "look again at
 * everything", which is what "changed" with no ids means. A store skips
 * its own family's payloads: it emitted "changed" for them already.
 *
 * Each store listens on a connection of its own beside the one that runs
 * its statements: libpq queues a notification that arrives while a
 * query runs and the socket then stays quiet, so a source polling the
 * statement connection would hear it only at the next notification. */

#define CHANNEL "koldex_changed"

/* Below PostgreSQL's 8,000 bytes, with room for the family prefix. */
#define PAYLOAD_MAX 7900

/* The backend pid that marks what @self and its siblings write. */
static int
family_pid (KdxStore *self)
{
  g_autoptr(KdxStore) origin = g_weak_ref_get (&self->origin);
  KdxStore *head = origin != NULL ? origin : self;

  return PQbackendPID (KDX_PG (head)->conn);
}

gboolean
_kdx_store_pg_announce (KdxStore  *self,
                        GArray    *ids,
                        GError   **error)
{
  g_autoptr(GString) payload = g_string_new (NULL);
  g_autoptr(PGresult) result = NULL;
  const char *values[1];
  gsize prefix;

  g_string_printf (payload, "%d:", family_pid (self));
  prefix = payload->len;
  for (guint i = 0; i < ids->len; i++)
    {
      if (i > 0)
        g_string_append_c (payload, ',');
      g_string_append_printf (payload, "%" G_GINT64_FORMAT, g_array_index (ids, gint64, i));
      if (payload->len > PAYLOAD_MAX)
        {
          g_string_truncate (payload, prefix);
          g_string_append_c (payload, '*');
          break;
        }
    }

  values[0] = payload->str;
  result = PQexecParams (KDX_PG (self)->conn, "SELECT pg_notify ('" CHANNEL "', $1)",
                         1, NULL, values, NULL, NULL, 0);
  if (!_kdx_store_pg_result_ok (self, result, PGRES_TUPLES_OK))
    return _kdx_store_set_error (self, error);
  return TRUE;
}

/* Adds the ids of @payload to @ids, or says @everything; nothing for
 * what @own_pid's family wrote. A payload Koldex did not write (someone
 * ran NOTIFY by hand) is heard as "everything", never as wrong ids. */
static void
read_payload (const char *payload,
              int         own_pid,
              GArray     *ids,
              gboolean   *everything)
{
  g_auto(GStrv) parts = NULL;
  char *end = NULL;
  gint64 pid = g_ascii_strtoll (payload, &end, 10);

  if (end == payload || *end != ':')
    {
      *everything = TRUE;
      return;
    }
  if (pid == own_pid)
    return;
  if (g_str_equal (end + 1, "*"))
    {
      *everything = TRUE;
      return;
    }
  parts = g_strsplit (end + 1, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 id;

      if (!g_ascii_string_to_signed (parts[i], 10, 1, G_MAXINT64, &id, NULL))
        {
          *everything = TRUE;
          return;
        }
      g_array_append_val (ids, id);
    }
}

/* In the store's context, whenever the listening socket can be read:
 * every notification waiting, one "changed" for them all. */
static gboolean
hear_cb (int           fd,
         GIOCondition  condition,
         gpointer      user_data)
{
  KdxStore *self = user_data;
  KdxPgConnection *pg = KDX_PG (self);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int own_pid = PQbackendPID (pg->conn);
  gboolean everything = FALSE;
  PGnotify *notify;

  if (!PQconsumeInput (pg->listener))
    {
      g_autofree char *message = _kdx_store_pg_clean_message (self, PQerrorMessage (pg->listener));

      /* The server went away (or the network): the store makes both
       * connections again and tells the window meanwhile. */
      g_debug ("Stopped hearing other operators' changes to %s: %s", self->path, message);
      g_clear_pointer (&pg->listen_source, g_source_unref);
      _kdx_store_pg_connection_lost (self);
      return G_SOURCE_REMOVE;
    }
  while ((notify = PQnotifies (pg->listener)) != NULL)
    {
      read_payload (notify->extra, own_pid, ids, &everything);
      PQfreemem (notify);
    }

  if (everything)
    g_array_set_size (ids, 0);
  if (everything || ids->len > 0)
    _kdx_store_emit (self, ids);
  return G_SOURCE_CONTINUE;
}

gboolean
_kdx_store_pg_listen (KdxStore  *self,
                      GError   **error)
{
  KdxPgConnection *pg = KDX_PG (self);
  g_autoptr(PGresult) result = NULL;

  pg->listener = _kdx_store_pg_connect_db (self);
  if (pg->listener == NULL)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                   _("Cannot connect to %s: out of memory"), self->path);
      return FALSE;
    }
  if (PQstatus (pg->listener) == CONNECTION_OK)
    result = PQexec (pg->listener, "LISTEN " CHANNEL);
  if (result == NULL || PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      g_autofree char *message = _kdx_store_pg_clean_message (self, PQerrorMessage (pg->listener));

      g_set_error (error, KDX_ERROR, KDX_ERROR_DATABASE,
                   _("Cannot follow other operators' changes to %s: %s"), self->path, message);
      return FALSE;
    }

  pg->listen_source = g_unix_fd_source_new (PQsocket (pg->listener), G_IO_IN | G_IO_ERR | G_IO_HUP);
  g_source_set_callback (pg->listen_source, G_SOURCE_FUNC (hear_cb), self, NULL);
  g_source_set_name (pg->listen_source, "[koldex] other operators' changes");
  g_source_attach (pg->listen_source, self->context);
  pg->follows = TRUE;
  return TRUE;
}

/* Before the store goes: the source holds it without a reference. */
void
_kdx_store_pg_stop_listening (KdxStore *self)
{
  KdxPgConnection *pg = KDX_PG (self);

  if (pg->listen_source != NULL)
    {
      g_source_destroy (pg->listen_source);
      g_clear_pointer (&pg->listen_source, g_source_unref);
    }
  g_clear_pointer (&pg->listener, PQfinish);
}
