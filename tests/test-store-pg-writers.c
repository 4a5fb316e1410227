/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-pg-writers"

#include "config.h"

#include "kdx-store.h"
#include "kdx-test-pg.h"

/* Two writers of the same KOLs on one PostgreSQL database (issue 14,
 * item 8: ten writers lose no write and see no deadlock). Writer A edits
 * KOLs with kdx_store_edit_kols(); while A's edit holds them, writer B,
 * on another connection in a thread, edits another field of the same
 * KOLs, named in the other order. B must wait for A (not slip in between
 * A's read and A's write, whose file would then overwrite B's field) and
 * must not deadlock with A; afterwards each KOL holds both fields.
 *
 * Nothing is timed: A's edit goes on once B has finished or is seen
 * waiting for a lock in pg_stat_activity (30 s without either is a
 * failure, not a measure). */

typedef struct
{
  char      *uri;
  GArray    *ids;      /* in the order the writer names them */
  const char *field;
  const char *value;
  gboolean   ok;
  GError    *error;
  gint       done;     /* atomic: B's edit has returned */
} Writer;

typedef struct
{
  Writer *self;        /* A */
  Writer *other;       /* B, started when A's edit reaches @trigger */
  gint64  trigger;
  GThread *thread;
} Race;

static gboolean
set_field_cb (KdxKol    *kol,
              gpointer   data,
              GError   **error)
{
  Writer *writer = data;

  g_object_set (kol, writer->field, writer->value, NULL);
  return TRUE;
}

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(KdxStore) store = kdx_store_open (writer->uri, &writer->error);

  if (store != NULL)
    writer->ok = kdx_store_edit_kols (store, writer->ids, set_field_cb, writer, NULL, &writer->error);
  g_atomic_int_set (&writer->done, 1);
  return NULL;
}

/* Whether a connection to the database waits for a lock. */
static gboolean
someone_waits_for_a_lock (const char *uri)
{
  g_autofree char *waiting = kdx_test_pg_run_sql (
    uri, "SELECT count(*) FROM pg_stat_activity"
         " WHERE datname = current_database () AND wait_event_type = 'Lock'");

  return g_strcmp0 (waiting, "0") != 0;
}

/* A's edit: at @trigger, B starts and A waits until B is done or blocked. */
static gboolean
race_cb (KdxKol    *kol,
         gpointer   data,
         GError   **error)
{
  Race *race = data;

  if (race->thread == NULL && kdx_kol_get_id (kol) == race->trigger)
    {
      gint64 give_up = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

      race->thread = g_thread_new ("writer-b", writer_thread, race->other);
      while (!g_atomic_int_get (&race->other->done) && !someone_waits_for_a_lock (race->self->uri))
        {
          g_assert_cmpint (g_get_monotonic_time (), <, give_up);
          g_usleep (G_USEC_PER_SEC / 100);
        }
    }
  return set_field_cb (kol, race->self, error);
}

static GArray *
ids_of (gint64 first,
        gint64 second)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (ids, first);
  if (second > 0)
    g_array_append_val (ids, second);
  return ids;
}

static gint64
add_kol (KdxStore   *store,
         const char *name)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (kol, "display-name", name, NULL);
  g_assert_true (kdx_store_add_kol (store, kol, &error));
  g_assert_no_error (error);
  return kdx_kol_get_id (kol);
}

static void
assert_field (KdxStore   *store,
              gint64      id,
              const char *field,
              const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxKol) kol = kdx_store_load_kol (store, id, &error);
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  g_object_get (kol, field, &value, NULL);
  g_assert_cmpstr (value, ==, expected);
}

/* A names @a_first then @a_second; B the other way round, and starts
 * when A's edit reaches @trigger. */
static void
race (gboolean two_kols,
      gboolean trigger_on_second)
{
  g_autofree char *uri = kdx_test_pg_make_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxStore) store = kdx_store_open (uri, &error);
  g_autoptr(GArray) a_ids = NULL;
  g_autoptr(GArray) b_ids = NULL;
  gint64 first, second = 0;
  Writer a = { 0 }, b = { 0 };
  Race state = { 0 };

  g_assert_no_error (error);
  first = add_kol (store, "小美");
  if (two_kols)
    second = add_kol (store, "Leo");
  a_ids = ids_of (first, second);
  b_ids = two_kols ? ids_of (second, first) : ids_of (first, 0);

  a = (Writer) { uri, a_ids, "city", "杭州", FALSE, NULL, 0 };
  b = (Writer) { uri, b_ids, "bio", "B's bio", FALSE, NULL, 0 };
  state = (Race) { &a, &b, trigger_on_second ? second : first, NULL };

  a.ok = kdx_store_edit_kols (store, a_ids, race_cb, &state, NULL, &a.error);
  g_assert_nonnull (state.thread);
  g_thread_join (state.thread);

  g_assert_no_error (a.error);
  g_assert_true (a.ok);
  g_assert_no_error (b.error);
  g_assert_true (b.ok);
  for (guint i = 0; i < a_ids->len; i++)
    {
      gint64 id = g_array_index (a_ids, gint64, i);

      assert_field (store, id, "city", "杭州");
      assert_field (store, id, "bio", "B's bio");
    }
}

/* B edits the KOL A has read and is about to write back. */
static void
test_edit_waits_for_the_other (void)
{
  race (FALSE, FALSE);
}

/* A holds its first KOL when B, naming them the other way round, comes:
 * without the locks taken in one order, each would wait for the other. */
static void
test_crossed_order_does_not_deadlock (void)
{
  race (TRUE, TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store-pg-writers/edit-waits-for-the-other", test_edit_waits_for_the_other);
  g_test_add_func ("/store-pg-writers/crossed-order-does-not-deadlock", test_crossed_order_does_not_deadlock);
  return g_test_run ();
}
