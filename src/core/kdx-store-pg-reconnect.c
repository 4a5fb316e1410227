/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include <glib-unix.h>

#include "kdx-store-pg-private.h"

/* A lost connection to a team database, made again (issue 14, item 1):
 * the server restarts, the network drops, a laptop sleeps. Whoever
 * finds it gone (a statement that failed, or the listening connection
 * hearing its socket close) calls _kdx_store_pg_connection_lost(); in
 * the store's context the store then says it is not connected
 * ("connected" is FALSE: the window shows its banner) and tries again,
 * after a pause that doubles up to MAX_PAUSE_MS, until the server
 * answers: the statement connection is reset (PQresetStart and
 * PQresetPoll, driven by its socket, so the window never waits on a
 * server that does not answer), the session set up again, LISTEN made
 * again on a new listening connection, and "changed" emitted with no
 * ids (other operators may have written meanwhile).
 *
 * Only the operator's store (the one that listens) reconnects: a
 * worker's sibling fails its work with the message, and the next one
 * opens a new connection. The prepared statements died with the old
 * session; they are forgotten and prepared again as used. */

#define FIRST_PAUSE_MS 250
#define MAX_PAUSE_MS   5000

static void attempt (KdxStore *self);
static void pause_then_attempt (KdxStore *self);

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
restored (KdxStore *self)
{
  KdxPgConnection *pg = KDX_PG (self);
  g_autoptr(GError) error = NULL;

  if (PQsetClientEncoding (pg->conn, "UTF8") != 0
      || !self->backend->configure (self, &error)
      || !_kdx_store_pg_listen (self, &error))
    {
      g_debug ("Reconnected to %s, but could not set it up: %s", self->path,
               error != NULL ? error->message : "client encoding");
      _kdx_store_pg_stop_listening (self);
      pause_then_attempt (self);
      return;
    }

  g_debug ("Reconnected to %s", self->path);
  pg->reconnecting = FALSE;
  pg->retry_ms = 0;
  _kdx_store_set_connected (self, TRUE);
  /* What others wrote while this store could not hear them: no ids,
   * "look again at everything". */
  {
    g_autoptr(GArray) everything = g_array_new (FALSE, FALSE, sizeof (gint64));

    _kdx_store_emit (self, everything);
  }
}

static gboolean retry_cb (gpointer user_data);

/* The pause before the next attempt, twice as long as the last one.
 * KOLDEX_RECONNECT_PAUSE_MS makes it one fixed pause: a test of Retry
 * makes it longer than itself, so that only Retry brings the connection
 * back (tests/test-team-offer-ui.c). */
static guint
next_pause_ms (guint last_ms)
{
  const char *fixed = g_getenv ("KOLDEX_RECONNECT_PAUSE_MS");

  if (fixed != NULL && *fixed != '\0')
    return (guint) MIN (g_ascii_strtoull (fixed, NULL, 10), G_MAXUINT);
  return last_ms == 0 ? FIRST_PAUSE_MS : MIN (last_ms * 2, MAX_PAUSE_MS);
}

/* The next attempt after a pause. */
static void
pause_then_attempt (KdxStore *self)
{
  KdxPgConnection *pg = KDX_PG (self);

  pg->retry_ms = next_pause_ms (pg->retry_ms);
  clear_source (&pg->retry_source);
  pg->retry_source = g_timeout_source_new (pg->retry_ms);
  g_source_set_callback (pg->retry_source, retry_cb, self, NULL);
  g_source_set_name (pg->retry_source, "[koldex] reconnect");
  g_source_attach (pg->retry_source, self->context);
}

static gboolean poll_cb (int fd, GIOCondition condition, gpointer user_data);

/* Waits for the socket libpq asked for, then polls again. */
static void
wait_on_socket (KdxStore     *self,
                GIOCondition  condition)
{
  KdxPgConnection *pg = KDX_PG (self);

  clear_source (&pg->poll_source);
  pg->poll_source = g_unix_fd_source_new (PQsocket (pg->conn), condition | G_IO_ERR | G_IO_HUP);
  g_source_set_callback (pg->poll_source, G_SOURCE_FUNC (poll_cb), self, NULL);
  g_source_set_name (pg->poll_source, "[koldex] reconnecting");
  g_source_attach (pg->poll_source, self->context);
}

static void
step (KdxStore                  *self,
      PostgresPollingStatusType  status)
{
  KdxPgConnection *pg = KDX_PG (self);

  switch (status)
    {
    case PGRES_POLLING_READING:
      wait_on_socket (self, G_IO_IN);
      break;
    case PGRES_POLLING_WRITING:
      wait_on_socket (self, G_IO_OUT);
      break;
    case PGRES_POLLING_OK:
      restored (self);
      break;
    case PGRES_POLLING_FAILED:
    default:
      {
        g_autofree char *message = _kdx_store_pg_clean_message (self, PQerrorMessage (pg->conn));

        g_debug ("Still no connection to %s: %s", self->path, message);
        pause_then_attempt (self);
      }
      break;
    }
}

static gboolean
poll_cb (int          fd,
         GIOCondition condition,
         gpointer     user_data)
{
  KdxStore *self = user_data;
  KdxPgConnection *pg = KDX_PG (self);

  g_clear_pointer (&pg->poll_source, g_source_unref);
  step (self, PQresetPoll (pg->conn));
  return G_SOURCE_REMOVE;
}

static void
attempt (KdxStore *self)
{
  KdxPgConnection *pg = KDX_PG (self);

  clear_source (&pg->retry_source);
  clear_source (&pg->poll_source);
  if (!PQresetStart (pg->conn))
    {
      pause_then_attempt (self);
      return;
    }
  /* libpq's rule: start as if the poll had said "writing". */
  step (self, PGRES_POLLING_WRITING);
}

static gboolean
retry_cb (gpointer user_data)
{
  KdxStore *self = user_data;

  g_clear_pointer (&KDX_PG (self)->retry_source, g_source_unref);
  attempt (self);
  return G_SOURCE_REMOVE;
}

static gboolean
lost_cb (gpointer user_data)
{
  KdxStore *self = user_data;
  KdxPgConnection *pg = KDX_PG (self);

  pg->lost_idle = 0;
  if (pg->reconnecting)
    return G_SOURCE_REMOVE;

  g_debug ("Lost the connection to %s; reconnecting", self->path);
  pg->reconnecting = TRUE;
  _kdx_store_pg_stop_listening (self);
  /* Named after the dead session: PostgreSQL forgot them with it. */
  g_hash_table_remove_all (self->statements);
  _kdx_store_pg_forget_kept (self);
  _kdx_store_set_connected (self, FALSE);
  attempt (self);
  return G_SOURCE_REMOVE;
}

void
_kdx_store_pg_connection_lost (KdxStore *self)
{
  KdxPgConnection *pg = KDX_PG (self);

  /* Not in the middle of a statement: the statements it may be using
   * are forgotten. The store owns the source (removed in disconnect). */
  if (!pg->follows || pg->reconnecting || pg->lost_idle != 0)
    return;
  {
    g_autoptr(GSource) source = g_idle_source_new ();

    g_source_set_callback (source, lost_cb, self, NULL);
    g_source_set_name (source, "[koldex] connection lost");
    pg->lost_idle = g_source_attach (source, self->context);
  }
}

/* Retry: an attempt now, instead of after the pause. */
void
_kdx_store_pg_reconnect (KdxStore *self)
{
  KdxPgConnection *pg = KDX_PG (self);

  if (!pg->reconnecting || pg->poll_source != NULL)
    return;
  pg->retry_ms = 0;
  attempt (self);
}

void
_kdx_store_pg_stop_reconnecting (KdxStore *self)
{
  KdxPgConnection *pg = KDX_PG (self);

  if (pg->lost_idle != 0)
    {
      GSource *source = g_main_context_find_source_by_id (self->context, pg->lost_idle);

      if (source != NULL)
        g_source_destroy (source);
      pg->lost_idle = 0;
    }
  clear_source (&pg->retry_source);
  clear_source (&pg->poll_source);
  pg->reconnecting = FALSE;
}
