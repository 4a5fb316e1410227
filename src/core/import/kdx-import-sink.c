/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-import"

#include "config.h"

#include <string.h>

#include "kdx-import-sink.h"
#include "kdx-kol.h"
#include "kdx-record.h"
#include "kdx-stage-entry.h"
#include "kdx-value.h"

/* The spreadsheet importer and the XML importer both read their input
 * one KOL at a time and hand each KOL here. The sink decides what the KOL
 * becomes, the same way for both:
 *
 *   - a KOL with the uid of a stored file replaces that file (only Koldex
 *     XML carries uids: a spreadsheet row never has one);
 *   - otherwise, a KOL that is the same person as a stored file (same
 *     phone, WeChat ID, or handle on the same platform) is skipped or
 *     merged into it by the duplicate policy, or added under
 *     KDX_DUPLICATE_NEW;
 *   - anything else is added.
 *
 * It all happens inside one store batch, begun by kdx_import_sink_begin()
 * and ended by kdx_import_sink_commit() or kdx_import_sink_rollback(), and
 * every change is noted in the store's import history as it is made: a
 * rewritten file's "before" goes to the database at once instead of being
 * held until the end, and the store is told to stream (a small page
 * cache), so a merge of 100,000 rows needs no more memory than a skip.
 * Undo of the whole import then works the same for both importers
 * (kdx_store_undo_import()). */

struct _KdxImportSink
{
  GObject             parent_instance;

  KdxStore           *store;
  KdxDuplicatePolicy  policy;
  gboolean            contact_omitted; /* the input has no contact fields: keep the stored ones */

  gint64              run_id;          /* the open history entry; 0 outside begin..commit */
  char               *now;             /* when the import began, for what it dates */
  guint               counts[KDX_IMPORT_N_ACTIONS];
  guint               rejected;
};

G_DEFINE_FINAL_TYPE (KdxImportSink, kdx_import_sink, G_TYPE_OBJECT)

/* The stored file's contact fields into @kol, which came without them. */
static void
keep_contact_fields (KdxKol *kol,
                     KdxKol *stored)
{
  const KdxField *fields;
  guint n_fields;

  fields = kdx_record_get_fields (KDX_RECORD (kol), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].flags & KDX_FIELD_FLAG_CONTACT)
      {
        g_auto(GValue) value = G_VALUE_INIT;

        g_value_init (&value, kdx_field_get_gtype (&fields[i]));
        kdx_record_get_value (KDX_RECORD (stored), &fields[i], &value);
        kdx_record_set_value (KDX_RECORD (kol), &fields[i], &value);
      }
}

/* A KOL that matches a stored one by uid replaces it, and keeps what is
 * the database's own: the id (and with it the place on the board), the
 * creation time, and, from an input without them, the contact fields.
 * The input's stage history and update time come along, so the two
 * databases agree afterwards; an input without a history keeps the
 * stored one, its new stage dated now. */
static gboolean
update_kol (KdxImportSink    *self,
            KdxKol           *kol,
            gint64            id,
            KdxImportAction  *action,
            GError          **error)
{
  g_autoptr(KdxKol) stored = NULL;
  g_autoptr(KdxStageEntry) last = NULL;
  GListStore *history = kdx_kol_get_stage_history (kol);
  guint n;

  if ((stored = kdx_store_load_kol (self->store, id, error)) == NULL)
    return FALSE;

  g_object_set (kol,
                "id", id,
                "created-at", kdx_kol_get_created_at (stored),
                NULL);
  if (kdx_kol_get_updated_at (kol) == NULL)
    g_object_set (kol, "updated-at", self->now, NULL);
  if (self->contact_omitted)
    keep_contact_fields (kol, stored);

  if (g_list_model_get_n_items (G_LIST_MODEL (history)) == 0)
    kdx_kol_copy_list (history, kdx_kol_get_stage_history (stored));
  n = g_list_model_get_n_items (G_LIST_MODEL (history));
  if (n > 0)
    last = g_list_model_get_item (G_LIST_MODEL (history), n - 1);
  if (last == NULL || kdx_stage_entry_get_stage (last) != kdx_kol_get_stage (kol))
    {
      g_autoptr(KdxStageEntry) entry = kdx_stage_entry_new ();

      g_object_set (entry, "stage", kdx_kol_get_stage (kol), "at", self->now, NULL);
      kdx_store_stamp_made_by (self->store, KDX_RECORD (entry));
      g_list_store_append (history, entry);
    }

  if (kdx_kol_equal (kol, stored))
    {
      *action = KDX_IMPORT_ACTION_UNCHANGED;
      return TRUE;
    }
  if (!kdx_store_replace_kol (self->store, kol, error)
      || !kdx_store_add_import_change (self->store, self->run_id, id, stored, error))
    return FALSE;
  *action = KDX_IMPORT_ACTION_UPDATED;
  return TRUE;
}

/* @kol's empty fields filled into the stored file @id, its "before" in
 * the history: the store's own path for it, which reads the file once
 * and writes only what the merge changed (issue 16). */
static gboolean
merge_kol (KdxImportSink  *self,
           KdxKol         *kol,
           gint64          id,
           GError        **error)
{
  return kdx_store_merge_import_kol (self->store, self->run_id, id, kol, error);
}

static gboolean
take_kol (KdxImportSink    *self,
          KdxKol           *kol,
          KdxImportAction  *action,
          gint64           *kol_id,
          GError          **error)
{
  gint64 id;

  if ((id = kdx_store_find_uid (self->store, kdx_kol_get_uid (kol), error)) < 0)
    return FALSE;
  if (id > 0)
    {
      *kol_id = id;
      return update_kol (self, kol, id, action, error);
    }

  if (self->policy != KDX_DUPLICATE_NEW
      && (id = kdx_store_find_duplicate (self->store, kol, error)) < 0)
    return FALSE;

  if (id > 0 && self->policy == KDX_DUPLICATE_SKIP)
    {
      *action = KDX_IMPORT_ACTION_SKIPPED;
      *kol_id = id;
      return TRUE;
    }
  if (id > 0)
    {
      *action = KDX_IMPORT_ACTION_MERGED;
      *kol_id = id;
      return merge_kol (self, kol, id, error);
    }

  if (!kdx_store_add_kol (self->store, kol, error))
    return FALSE;
  *action = KDX_IMPORT_ACTION_CREATED;
  *kol_id = kdx_kol_get_id (kol);
  return kdx_store_add_import_change (self->store, self->run_id, *kol_id, NULL, error);
}

static void
kdx_import_sink_dispose (GObject *object)
{
  KdxImportSink *self = KDX_IMPORT_SINK (object);

  /* Never leave the store inside a batch nobody will end. */
  if (self->run_id != 0)
    kdx_import_sink_rollback (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kdx_import_sink_parent_class)->dispose (object);
}

static void
kdx_import_sink_finalize (GObject *object)
{
  KdxImportSink *self = KDX_IMPORT_SINK (object);

  g_free (self->now);

  G_OBJECT_CLASS (kdx_import_sink_parent_class)->finalize (object);
}

static void
kdx_import_sink_class_init (KdxImportSinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdx_import_sink_dispose;
  object_class->finalize = kdx_import_sink_finalize;
}

static void
kdx_import_sink_init (KdxImportSink *self)
{
}

KdxImportSink *
kdx_import_sink_new (KdxStore           *store,
                     KdxDuplicatePolicy  policy)
{
  KdxImportSink *self;

  g_return_val_if_fail (KDX_IS_STORE (store), NULL);

  self = g_object_new (KDX_TYPE_IMPORT_SINK, NULL);
  self->store = g_object_ref (store);
  self->policy = policy;
  return self;
}

/* For an input written without contact fields (Koldex XML exported with
 * contact="false"): a KOL that replaces a stored one by uid keeps the
 * stored phone, WeChat ID, email, address and agent. */
void
kdx_import_sink_set_contact_omitted (KdxImportSink *self,
                                     gboolean       omitted)
{
  g_return_if_fail (KDX_IS_IMPORT_SINK (self));
  self->contact_omitted = !!omitted;
}

/**
 * kdx_import_sink_begin:
 * @file: the input, as the import history names it
 *
 * Begins the import's store batch and its entry in the import history.
 */
gboolean
kdx_import_sink_begin (KdxImportSink  *self,
                       const char     *file,
                       GError        **error)
{
  g_return_val_if_fail (KDX_IS_IMPORT_SINK (self), FALSE);
  g_return_val_if_fail (self->run_id == 0, FALSE);

  memset (self->counts, 0, sizeof self->counts);
  self->rejected = 0;
  g_free (self->now);
  self->now = kdx_value_now ();

  kdx_store_set_streaming (self->store, TRUE);
  if (!kdx_store_begin_batch (self->store, error))
    {
      kdx_store_set_streaming (self->store, FALSE);
      return FALSE;
    }
  if ((self->run_id = kdx_store_open_import_run (self->store, file, error)) == 0)
    {
      kdx_store_rollback_batch (self->store);
      kdx_store_set_streaming (self->store, FALSE);
      return FALSE;
    }
  return TRUE;
}

/**
 * kdx_import_sink_take:
 * @kol: the KOL read; a KOL that replaces a stored one by uid is changed
 *   to be what is stored (its id, creation time, ...)
 * @action: (out): what became of it
 * @kol_id: (out): the stored KOL it became, or the one it was skipped for
 *
 * Puts one KOL into the store by the import's policy (see the top of
 * this file) and notes the change in the import history. On an error
 * nothing of @kol was written; a KDX_ERROR_DATABASE error means the
 * database itself failed and the import cannot go on, any other that the
 * store refused this KOL (the import may go on without it).
 */
gboolean
kdx_import_sink_take (KdxImportSink    *self,
                      KdxKol           *kol,
                      KdxImportAction  *action,
                      gint64           *kol_id,
                      GError          **error)
{
  KdxImportAction done = KDX_IMPORT_ACTION_CREATED;
  gint64 id = 0;

  g_return_val_if_fail (KDX_IS_IMPORT_SINK (self), FALSE);
  g_return_val_if_fail (KDX_IS_KOL (kol), FALSE);
  g_return_val_if_fail (self->run_id != 0, FALSE);

  if (!take_kol (self, kol, &done, &id, error))
    return FALSE;

  self->counts[done]++;
  if (action != NULL)
    *action = done;
  if (kol_id != NULL)
    *kol_id = id;
  return TRUE;
}

/* One input record the import leaves out (it held no KOL, or the store
 * refused it): counted in the history. */
void
kdx_import_sink_reject (KdxImportSink *self)
{
  g_return_if_fail (KDX_IS_IMPORT_SINK (self));
  self->rejected++;
}

/* The input's row (or line) the KOLs taken next come from: a team
 * database refuses rows only when they reach it, some KOLs later, and
 * names the row by it (kdx_store_set_import_row()). */
void
kdx_import_sink_set_row (KdxImportSink *self,
                         guint          row)
{
  g_return_if_fail (KDX_IS_IMPORT_SINK (self));
  kdx_store_set_import_row (self->store, row);
}

/* After a take or the commit failed: what the database refused of rows
 * taken earlier, by their row (kdx_store_get_refusal()), or NULL. */
const KdxStoreRefusal *
kdx_import_sink_get_refusal (KdxImportSink *self)
{
  g_return_val_if_fail (KDX_IS_IMPORT_SINK (self), NULL);
  return kdx_store_get_refusal (self->store);
}

/* How many KOLs taken in since kdx_import_sink_begin() came to @action. */
guint
kdx_import_sink_get_count (KdxImportSink   *self,
                           KdxImportAction  action)
{
  g_return_val_if_fail (KDX_IS_IMPORT_SINK (self), 0);
  g_return_val_if_fail (action < KDX_IMPORT_N_ACTIONS, 0);
  return self->counts[action];
}

/**
 * kdx_import_sink_commit:
 *
 * Ends the history entry with what was counted and commits the import.
 * On an error everything is rolled back.
 *
 * Returns: the import's id in the history, by which it can be undone,
 *   or 0 on error
 */
gint64
kdx_import_sink_commit (KdxImportSink  *self,
                        GError        **error)
{
  gint64 run_id;
  gboolean ok;

  g_return_val_if_fail (KDX_IS_IMPORT_SINK (self), 0);
  g_return_val_if_fail (self->run_id != 0, 0);

  run_id = self->run_id;
  /* Updated by uid or merged: either way undone by putting back what was. */
  if (!kdx_store_close_import_run (self->store, run_id,
                                   self->counts[KDX_IMPORT_ACTION_CREATED],
                                   self->counts[KDX_IMPORT_ACTION_UPDATED]
                                   + self->counts[KDX_IMPORT_ACTION_MERGED],
                                   self->counts[KDX_IMPORT_ACTION_SKIPPED],
                                   self->rejected, error))
    {
      kdx_import_sink_rollback (self);
      return 0;
    }
  /* A failed commit has rolled the batch back already. */
  self->run_id = 0;
  ok = kdx_store_commit_batch (self->store, error);
  kdx_store_set_streaming (self->store, FALSE);
  return ok ? run_id : 0;
}

/* Takes back everything since kdx_import_sink_begin(), history included:
 * a cancel, a dry run, or a failure. */
void
kdx_import_sink_rollback (KdxImportSink *self)
{
  g_return_if_fail (KDX_IS_IMPORT_SINK (self));

  if (self->run_id == 0)
    return;
  self->run_id = 0;
  kdx_store_rollback_batch (self->store);
  kdx_store_set_streaming (self->store, FALSE);
}

/**
 * kdx_import_sink_rehearse:
 *
 * Ends a dry run: every row taken reaches the database (a team database
 * refuses some only then, kdx_store_send_import_rows()), and then
 * everything is taken back, as kdx_import_sink_rollback() does.
 *
 * Returns: FALSE with @error when the database refused a row, which the
 *   import would have failed on
 */
gboolean
kdx_import_sink_rehearse (KdxImportSink  *self,
                          GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (KDX_IS_IMPORT_SINK (self), FALSE);
  g_return_val_if_fail (self->run_id != 0, FALSE);

  ok = kdx_store_send_import_rows (self->store, error);
  kdx_import_sink_rollback (self);
  return ok;
}
