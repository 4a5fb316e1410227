/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-edit-session"

#include "config.h"

#include "kdx-edit-session.h"
#include "kdx-error.h"
#include "kdx-pending-edits.h"

/* How long typing may pause before the file is saved. */
#define DEFAULT_SAVE_DELAY_MS 400

struct _KdxEditSession
{
  GObject          parent_instance;

  KdxStore        *store;
  KdxKol          *kol;          /* the copy being edited */
  KdxKol          *before;       /* the file as it was shown, to tell what the user changed */
  gint64           version;      /* the row version @before was read at */
  GHashTable      *dirty;        /* interned names of what the user changed since the last save */
  GHashTable      *held;         /* interned property names of the fields the user is in */
  KdxPendingEdits *pending;      /* edits held back while the store is busy */
  GSignalGroup    *store_signals;
  GSignalGroup    *kol_signals;  /* the copy's "notify" */
  GPtrArray       *list_signals; /* one group per list of the file, its "items-changed" */
  guint            save_delay;
  guint            save_source;
  guint            reload_source;
  gboolean         stale;        /* the store changed the file while it was being edited */
  gboolean         saving;       /* our own save is updating the copy */
  gboolean         merging;      /* another writer's values are going into the copy */
  gboolean         behind;       /* a field kept for the user lags the store (version kept) */
};

G_DEFINE_FINAL_TYPE (KdxEditSession, kdx_edit_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KOL,
  PROP_STALE,
  PROP_SAVE_DELAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SAVED,
  SIGNAL_ERROR,
  SIGNAL_CONFLICT,
  SIGNAL_MERGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_stale (KdxEditSession *self,
           gboolean        stale)
{
  if (self->stale == stale)
    return;
  self->stale = stale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
}

/* ---- another writer's values --------------------------------------------------- */

/* Whether field @field has the same value in @a and @b. */
static gboolean
same_value (const KdxField *field,
            KdxKol         *a,
            KdxKol         *b)
{
  g_autofree char *text_a = kdx_record_get_string (KDX_RECORD (a), field);
  g_autofree char *text_b = kdx_record_get_string (KDX_RECORD (b), field);

  return g_strcmp0 (text_a, text_b) == 0;
}

static void
copy_value (const KdxField *field,
            KdxKol         *to,
            KdxKol         *from)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, kdx_field_get_gtype (field));
  kdx_record_get_value (KDX_RECORD (from), field, &value);
  kdx_record_set_value (KDX_RECORD (to), field, &value);
}

/* The property name of field @field ("display-name"), interned: the
 * dirty and held sets hold these, as the copy's notify names them. */
static const char *
property_of (const KdxField *field)
{
  g_autofree char *name = g_strdelimit (g_strdup (field->name), "_", '-');

  return g_intern_string (name);
}

/* Brings the copy and the file it is based on up to @fresh, the file
 * as stored at @version, except for the fields and lists in @kept (the
 * user's unsaved changes, the field the user is in): those keep the
 * user's value and the value it was based on, so that a save still
 * sees another writer's change to them as a conflict. The row version
 * moves on only when every field kept is based on @fresh's value: the
 * version stands for the fields merged, and a save from an older one
 * makes the store check each field the user changed. Says which fields
 * and lists of the copy changed ("merged"), for the views to show. */
static void
adopt (KdxEditSession *self,
       KdxKol         *fresh,
       gint64          version,
       GHashTable     *kept)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  const KdxKolListInfo *infos;
  const KdxField *fields;
  guint n_fields, n_infos;
  gboolean behind = FALSE;

  self->merging = TRUE;
  fields = kdx_record_get_fields (KDX_RECORD (fresh), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const KdxField *field = &fields[i];

      if (g_hash_table_contains (kept, property_of (field)))
        {
          behind |= !same_value (field, self->before, fresh);
          continue;
        }
      if (!same_value (field, self->kol, fresh))
        {
          copy_value (field, self->kol, fresh);
          g_ptr_array_add (changed, (gpointer) field->name);
        }
      if (!same_value (field, self->before, fresh))
        copy_value (field, self->before, fresh);
    }

  infos = kdx_kol_list_infos (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    {
      const char *name = infos[i].name;
      GListStore *from = kdx_kol_get_list (fresh, name);

      if (g_hash_table_contains (kept, name))
        {
          behind |= !kdx_kol_lists_equal (kdx_kol_get_list (self->before, name), from);
          continue;
        }
      if (!kdx_kol_lists_equal (kdx_kol_get_list (self->kol, name), from))
        {
          kdx_kol_copy_list (kdx_kol_get_list (self->kol, name), from);
          g_ptr_array_add (changed, (gpointer) name);
        }
      if (!kdx_kol_lists_equal (kdx_kol_get_list (self->before, name), from))
        kdx_kol_copy_list (kdx_kol_get_list (self->before, name), from);
    }
  self->merging = FALSE;

  if (!behind)
    self->version = version;
  self->behind = behind;
  if (changed->len > 0)
    {
      g_ptr_array_add (changed, NULL);
      g_signal_emit (self, signals[SIGNAL_MERGED], 0, (GStrv) changed->pdata);
    }
}

/* What the user is changing or in: kept out of adopt(). */
static GHashTable *
user_fields (KdxEditSession *self,
             GHashTable     *except)
{
  GHashTable *kept = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer name;

  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    g_hash_table_add (kept, name);
  g_hash_table_iter_init (&iter, self->held);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (except == NULL || !g_hash_table_contains (except, name))
      g_hash_table_add (kept, name);
  return kept;
}

/* ---- saving ------------------------------------------------------------------- */

/* Only the user's changes go, on top of the file as stored: now, or when
 * the import holding the database has finished (the caller never waits). */
static void
save_on_top (KdxEditSession *self)
{
  kdx_pending_edits_add (self->pending, self->kol, self->before, self->dirty);
  g_hash_table_remove_all (self->dirty);
  kdx_pending_edits_save_now (self->pending);
}

static void
save_now (KdxEditSession *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree GStrv names = NULL;
  g_auto(GStrv) conflicts = NULL;
  g_autoptr(KdxKol) saved = NULL;
  g_autoptr(GHashTable) just_saved = NULL;
  g_autoptr(GHashTable) kept = NULL;
  gint64 version = 0;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->kol == NULL)
    return;

  /* Saving the whole copy would undo what was changed since. */
  if (self->stale || kdx_pending_edits_lookup (self->pending, kdx_kol_get_id (self->kol)) != NULL)
    {
      save_on_top (self);
      return;
    }

  if (g_hash_table_size (self->dirty) == 0)
    return;

  /* Only what the user changed goes, onto the file as stored now: what
   * another writer saved meanwhile stays, and the same field changed by
   * both is refused (KDX_ERROR_CONFLICT), the user's values kept here. */
  names = (GStrv) g_hash_table_get_keys_as_array (self->dirty, NULL);
  saved = kdx_kol_dup (self->kol);
  self->saving = TRUE;
  if (!kdx_store_save_kol_changes (self->store, saved, self->before, self->version,
                                   (const char * const *) names, &version, &conflicts, &error))
    {
      self->saving = FALSE;
      /* An import holds the database, or the team database's server is
       * gone for a moment: the edit waits and is saved after. */
      if (g_error_matches (error, KDX_ERROR, KDX_ERROR_BUSY)
          || g_error_matches (error, KDX_ERROR, KDX_ERROR_CONNECTION_LOST))
        save_on_top (self);
      else if (g_error_matches (error, KDX_ERROR, KDX_ERROR_CONFLICT) && conflicts != NULL
               && g_signal_has_handler_pending (self, signals[SIGNAL_CONFLICT], 0, FALSE))
        /* The user's values stay, unsaved, until the user chooses. */
        g_signal_emit (self, signals[SIGNAL_CONFLICT], 0, conflicts);
      else
        g_signal_emit (self, signals[SIGNAL_ERROR], 0, error->message);
      return;
    }
  self->saving = FALSE;

  /* The fields saved are based on what was saved; the others come from
   * the file as saved (another writer's merged changes), but for the
   * one the user is in. */
  just_saved = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; names[i] != NULL; i++)
    g_hash_table_add (just_saved, names[i]);
  g_hash_table_remove_all (self->dirty);
  kept = user_fields (self, just_saved);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = g_strdelimit (g_strdup (names[i]), "-", '_');
      const KdxField *field = kdx_record_find_field (KDX_RECORD (saved), name);
      GListStore *list = kdx_kol_get_list (saved, name);

      if (list != NULL)
        kdx_kol_copy_list (kdx_kol_get_list (self->before, name), list);
      else if (field != NULL)
        copy_value (field, self->before, saved);
    }
  adopt (self, saved, version, kept);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  KdxEditSession *self = user_data;

  self->save_source = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (KdxEditSession *self)
{
  if (self->saving)
    return;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (self->save_delay, save_timeout_cb, self);
}

/* ---- following the copy --------------------------------------------------------- */

static void
kol_notify_cb (KdxKol         *kol,
               GParamSpec     *pspec,
               KdxEditSession *self)
{
  /* The store's own bookkeeping, or our save writing it back. */
  if (g_str_equal (pspec->name, "updated-at") || g_str_equal (pspec->name, "id")
      || self->saving || self->merging)
    return;
  g_hash_table_add (self->dirty, (gpointer) g_intern_string (pspec->name));
  schedule_save (self);
}

static void
list_changed_cb (GListModel     *list,
                 guint           position,
                 guint           removed,
                 guint           added,
                 KdxEditSession *self)
{
  const KdxKolListInfo *infos;
  guint n_infos;

  if (self->saving || self->merging || self->kol == NULL)
    return;

  infos = kdx_kol_list_infos (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    if (G_LIST_MODEL (kdx_kol_get_list (self->kol, infos[i].name)) == list)
      {
        g_hash_table_add (self->dirty, (gpointer) g_intern_static_string (infos[i].name));
        schedule_save (self);
        return;
      }
}

/* The file and the row version it was read at. The version first: read
 * after, it could count another writer's save as seen. */
static KdxKol *
load_kol (KdxEditSession  *self,
          gint64           id,
          gint64          *version,
          GError         **error)
{
  if (!kdx_store_get_kol_version (self->store, id, version, error))
    return NULL;
  return kdx_store_load_kol (self->store, id, error);
}

static void
set_kol (KdxEditSession *self,
         KdxKol         *kol,
         gint64          version)
{
  const KdxKolListInfo *infos;
  guint n_infos;

  /* What was typed into the file shown until now lands first. */
  if (self->kol != NULL)
    kdx_edit_session_flush (self);

  g_hash_table_remove_all (self->dirty);
  g_hash_table_remove_all (self->held);
  self->behind = FALSE;
  set_stale (self, FALSE);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_object (&self->before);
  g_set_object (&self->kol, kol);
  self->before = kol != NULL ? kdx_kol_dup (kol) : NULL;
  self->version = version;

  g_signal_group_set_target (self->kol_signals, kol);
  infos = kdx_kol_list_infos (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    {
      g_signal_group_set_target (g_ptr_array_index (self->list_signals, i),
                                 kol != NULL ? kdx_kol_get_list (kol, infos[i].name) : NULL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KOL]);
}

/* ---- following the store ---------------------------------------------------------- */

/* The store's file as it is now (@fresh, at @version) into the view:
 * the whole copy replaced when the user has nothing in it, else only the
 * fields the user is not changing or in (adopt()). */
static void
follow (KdxEditSession *self,
        KdxKol         *fresh,
        gint64          version)
{
  g_autoptr(GHashTable) kept = NULL;

  if (self->save_source == 0 && g_hash_table_size (self->dirty) == 0
      && g_hash_table_size (self->held) == 0)
    {
      if (!kdx_kol_equal (fresh, self->kol))
        set_kol (self, fresh, version);
      else
        self->version = version;
      return;
    }
  kept = user_fields (self, NULL);
  adopt (self, fresh, version, kept);
}

/* Whether @ids (none: anything may have changed) takes in KOL @id. */
static gboolean
names_kol (GArray *ids,
           gint64  id)
{
  if (ids->len == 0)
    return TRUE;
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* Another part of Koldex, or another operator on a team database,
 * changed or deleted the file being edited. */
static void
store_changed_cb (KdxEditSession *self,
                  GArray         *ids,
                  KdxStore       *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxKol) fresh = NULL;
  gint64 id, version = 0;

  if (self->kol == NULL || self->saving)
    return;
  id = kdx_kol_get_id (self->kol);
  if (!names_kol (ids, id))
    return;

  /* An edit held back by an import is newer than what the store holds;
   * the change is kept by saving only the edit, on top of it. */
  if (kdx_pending_edits_lookup (self->pending, id) != NULL)
    {
      set_stale (self, TRUE);
      return;
    }

  fresh = load_kol (self, id, &version, &error);
  if (fresh == NULL)
    {
      set_kol (self, NULL, 0);
      return;
    }
  follow (self, fresh, version);
}

/* Shows the file as saved with what was merged in, unless the user is
 * editing on. From idle: the save may have come from inside a flush. */
static gboolean
reload_idle_cb (gpointer user_data)
{
  KdxEditSession *self = user_data;
  g_autoptr(KdxKol) fresh = NULL;
  gint64 version = 0;

  self->reload_source = 0;
  if (self->kol == NULL)
    return G_SOURCE_REMOVE;
  if (self->save_source != 0 || g_hash_table_size (self->dirty) > 0)
    {
      /* The copy lacks what was merged in: its next save merges again. */
      set_stale (self, TRUE);
      return G_SOURCE_REMOVE;
    }
  fresh = load_kol (self, kdx_kol_get_id (self->kol), &version, NULL);
  set_stale (self, FALSE);
  if (fresh != NULL)
    follow (self, fresh, version);
  return G_SOURCE_REMOVE;
}

/* A waiting edit was saved on top of what changed meanwhile. */
static void
pending_saved_cb (KdxEditSession *self,
                  gint64          id)
{
  if (self->kol == NULL || kdx_kol_get_id (self->kol) != id)
    return;
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_idle_cb, self);
}

static void
pending_error_cb (KdxEditSession *self,
                  const char     *message)
{
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, message);
}

/* ---- object ------------------------------------------------------------------------ */

static void
kdx_edit_session_dispose (GObject *object)
{
  KdxEditSession *self = KDX_EDIT_SESSION (object);

  /* Waiting edits live on without the session, and are saved later. */
  if (self->kol != NULL)
    set_kol (self, NULL, 0);
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->kol_signals);
  g_clear_pointer (&self->list_signals, g_ptr_array_unref);
  g_clear_object (&self->before);
  g_clear_object (&self->pending);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kdx_edit_session_parent_class)->dispose (object);
}

static void
kdx_edit_session_finalize (GObject *object)
{
  KdxEditSession *self = KDX_EDIT_SESSION (object);

  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->held, g_hash_table_unref);

  G_OBJECT_CLASS (kdx_edit_session_parent_class)->finalize (object);
}

static void
kdx_edit_session_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KdxEditSession *self = KDX_EDIT_SESSION (object);

  switch (prop_id)
    {
    case PROP_KOL:
      g_value_set_object (value, self->kol);
      break;
    case PROP_STALE:
      g_value_set_boolean (value, self->stale);
      break;
    case PROP_SAVE_DELAY:
      g_value_set_uint (value, self->save_delay);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_edit_session_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KdxEditSession *self = KDX_EDIT_SESSION (object);

  switch (prop_id)
    {
    case PROP_SAVE_DELAY:
      kdx_edit_session_set_save_delay (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_edit_session_class_init (KdxEditSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdx_edit_session_dispose;
  object_class->finalize = kdx_edit_session_finalize;
  object_class->get_property = kdx_edit_session_get_property;
  object_class->set_property = kdx_edit_session_set_property;

  /**
   * KdxEditSession:kol:
   *
   * The copy being edited, or %NULL; replaced when the store's file
   * changed and the copy held nothing unsaved.
   */
  properties[PROP_KOL] =
    g_param_spec_object ("kol", NULL, NULL, KDX_TYPE_KOL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * KdxEditSession:stale:
   *
   * The store changed the file while the user's change waited to be
   * saved: the change will be saved on top of the stored file.
   */
  properties[PROP_STALE] =
    g_param_spec_boolean ("stale", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * KdxEditSession:save-delay:
   *
   * Milliseconds a change waits for the next one before it is saved.
   */
  properties[PROP_SAVE_DELAY] =
    g_param_spec_uint ("save-delay", NULL, NULL, 0, G_MAXUINT, DEFAULT_SAVE_DELAY_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KdxEditSession::saved:
   *
   * The edited file was written to the store.
   */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * KdxEditSession::error:
   * @message: what went wrong, for a person
   */
  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * KdxEditSession::conflict:
   * @fields: the fields (FIELDS.md names) another writer changed too
   *
   * A save was refused: another writer changed some of the fields the
   * user changed, to other values. Nothing was saved; the user's values
   * stay in the copy until kdx_edit_session_resolve().
   */
  signals[SIGNAL_CONFLICT] =
    g_signal_new ("conflict", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
  /**
   * KdxEditSession::merged:
   * @names: the fields (FIELDS.md names) and lists of the copy that took
   *   the store's values
   *
   * Another writer's values went into the copy, which was kept: views
   * show these fields again (the copy's lists say so themselves).
   */
  signals[SIGNAL_MERGED] =
    g_signal_new ("merged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
kdx_edit_session_init (KdxEditSession *self)
{
  guint n_infos;

  self->save_delay = DEFAULT_SAVE_DELAY_MS;
  self->dirty = g_hash_table_new (g_str_hash, g_str_equal);
  self->held = g_hash_table_new (g_str_hash, g_str_equal);

  self->kol_signals = g_signal_group_new (KDX_TYPE_KOL);
  g_signal_group_connect (self->kol_signals, "notify", G_CALLBACK (kol_notify_cb), self);

  kdx_kol_list_infos (&n_infos);
  self->list_signals = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_infos; i++)
    {
      GSignalGroup *group = g_signal_group_new (G_TYPE_LIST_STORE);

      g_signal_group_connect (group, "items-changed", G_CALLBACK (list_changed_cb), self);
      g_ptr_array_add (self->list_signals, group);
    }

  self->store_signals = g_signal_group_new (KDX_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed", G_CALLBACK (store_changed_cb), self);
}

KdxEditSession *
kdx_edit_session_new (KdxStore *store)
{
  KdxEditSession *self;

  g_return_val_if_fail (KDX_IS_STORE (store), NULL);

  self = g_object_new (KDX_TYPE_EDIT_SESSION, NULL);
  self->store = g_object_ref (store);
  g_signal_group_set_target (self->store_signals, store);
  self->pending = kdx_pending_edits_new (store);
  g_signal_connect_object (self->pending, "saved", G_CALLBACK (pending_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pending, "error", G_CALLBACK (pending_error_cb), self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * kdx_edit_session_open:
 * @id: a KOL, or 0 to edit none
 *
 * Saves what waits for the current KOL, then edits a copy of @id: the
 * copy holding its waiting edit, if an import held that back.
 */
gboolean
kdx_edit_session_open (KdxEditSession  *self,
                       gint64           id,
                       GError         **error)
{
  g_autoptr(KdxKol) kol = NULL;
  gint64 version = 0;

  g_return_val_if_fail (KDX_IS_EDIT_SESSION (self), FALSE);

  if (self->kol != NULL && kdx_kol_get_id (self->kol) == id)
    return TRUE;

  if (id > 0 && (kol = kdx_pending_edits_lookup (self->pending, id)) != NULL)
    g_object_ref (kol);
  else if (id > 0 && (kol = load_kol (self, id, &version, error)) == NULL)
    return FALSE;

  set_kol (self, kol, version);
  return TRUE;
}

/* Returns: (nullable) (transfer none): the copy being edited */
KdxKol *
kdx_edit_session_get_kol (KdxEditSession *self)
{
  g_return_val_if_fail (KDX_IS_EDIT_SESSION (self), NULL);
  return self->kol;
}

gint64
kdx_edit_session_get_id (KdxEditSession *self)
{
  g_return_val_if_fail (KDX_IS_EDIT_SESSION (self), 0);
  return self->kol != NULL ? kdx_kol_get_id (self->kol) : 0;
}

/* Returns: (nullable) (transfer none): the file as it was shown, or as
 * last saved */
KdxKol *
kdx_edit_session_get_original (KdxEditSession *self)
{
  g_return_val_if_fail (KDX_IS_EDIT_SESSION (self), NULL);
  return self->before;
}

/**
 * kdx_edit_session_is_changed:
 * @name: a property ("city") or list ("channels") of the file
 *
 * Returns: whether the user changed @name since the last save
 */
gboolean
kdx_edit_session_is_changed (KdxEditSession *self,
                             const char     *name)
{
  g_return_val_if_fail (KDX_IS_EDIT_SESSION (self), FALSE);
  return g_hash_table_contains (self->dirty, name);
}

gboolean
kdx_edit_session_get_stale (KdxEditSession *self)
{
  g_return_val_if_fail (KDX_IS_EDIT_SESSION (self), FALSE);
  return self->stale;
}

guint
kdx_edit_session_get_save_delay (KdxEditSession *self)
{
  g_return_val_if_fail (KDX_IS_EDIT_SESSION (self), 0);
  return self->save_delay;
}

void
kdx_edit_session_set_save_delay (KdxEditSession *self,
                                 guint           delay_ms)
{
  g_return_if_fail (KDX_IS_EDIT_SESSION (self));

  if (self->save_delay == delay_ms)
    return;
  self->save_delay = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVE_DELAY]);
}

/**
 * kdx_edit_session_flush:
 *
 * Saves now what waits to be saved: before another KOL is edited, the
 * window closes, or the KOL is deleted.
 */
void
kdx_edit_session_flush (KdxEditSession *self)
{
  g_return_if_fail (KDX_IS_EDIT_SESSION (self));

  if (self->save_source != 0)
    save_now (self);
  /* Edits waiting since an import that has now finished go too. */
  if (self->pending != NULL)
    kdx_pending_edits_save_now (self->pending);
}

/**
 * kdx_edit_session_hold:
 * @field: a field of the file (FIELDS.md name, "city")
 * @held: whether the user is in it (its row has the focus)
 *
 * While a field is held, another writer's value for it does not replace
 * what the user sees (nor what its next save is checked against); when
 * it is let go unchanged, the field catches up with the store.
 */
void
kdx_edit_session_hold (KdxEditSession *self,
                       const char     *field,
                       gboolean        held)
{
  g_autofree char *property = NULL;
  const char *name;

  g_return_if_fail (KDX_IS_EDIT_SESSION (self));
  g_return_if_fail (field != NULL);

  property = g_strdelimit (g_strdup (field), "_", '-');
  name = g_intern_string (property);
  if (held)
    {
      g_hash_table_add (self->held, (gpointer) name);
      return;
    }
  if (!g_hash_table_remove (self->held, name) || !self->behind || self->kol == NULL
      || kdx_pending_edits_lookup (self->pending, kdx_kol_get_id (self->kol)) != NULL)
    return;

  /* What another writer saved in it meanwhile is shown now, in the copy
   * shown: the focus is on its way to another of its rows. */
  {
    g_autoptr(KdxKol) fresh = NULL;
    g_autoptr(GHashTable) kept = NULL;
    gint64 version = 0;

    fresh = load_kol (self, kdx_kol_get_id (self->kol), &version, NULL);
    if (fresh == NULL)
      return;
    kept = user_fields (self, NULL);
    adopt (self, fresh, version, kept);
  }
}

/**
 * kdx_edit_session_resolve:
 * @theirs: the file as stored now (kdx_store_load_kol_with_version())
 * @version: the row version @theirs was read at
 * @conflicts: the fields of the conflict (FIELDS.md names)
 * @keep_theirs: those of @conflicts whose stored value the user keeps;
 *   for the others the user's value is saved
 *
 * Settles a conflict the user was shown: saves the user's choice from
 * @version, the user's other changes with it. Returns FALSE when the
 * session no longer edits @theirs' KOL.
 */
gboolean
kdx_edit_session_resolve (KdxEditSession     *self,
                          KdxKol             *theirs,
                          gint64              version,
                          const char * const *conflicts,
                          const char * const *keep_theirs)
{
  g_autoptr(GHashTable) kept = NULL;
  g_autoptr(GPtrArray) taken = g_ptr_array_new ();

  g_return_val_if_fail (KDX_IS_EDIT_SESSION (self), FALSE);
  g_return_val_if_fail (KDX_IS_KOL (theirs), FALSE);
  g_return_val_if_fail (conflicts != NULL, FALSE);

  if (self->kol == NULL || kdx_kol_get_id (self->kol) != kdx_kol_get_id (theirs))
    return FALSE;

  self->merging = TRUE;
  for (guint i = 0; conflicts[i] != NULL; i++)
    {
      const KdxField *field = kdx_record_find_field (KDX_RECORD (theirs), conflicts[i]);

      if (field == NULL)
        continue;
      /* Based on their value now: "mine" overwrites it knowingly. */
      copy_value (field, self->before, theirs);
      if (keep_theirs != NULL && g_strv_contains (keep_theirs, conflicts[i]))
        {
          copy_value (field, self->kol, theirs);
          g_hash_table_remove (self->dirty, property_of (field));
          g_ptr_array_add (taken, (gpointer) field->name);
        }
    }
  self->merging = FALSE;
  if (taken->len > 0)
    {
      g_ptr_array_add (taken, NULL);
      g_signal_emit (self, signals[SIGNAL_MERGED], 0, (GStrv) taken->pdata);
    }

  kept = user_fields (self, NULL);
  adopt (self, theirs, version, kept);
  if (g_hash_table_size (self->dirty) > 0)
    save_now (self);
  else
    g_signal_emit (self, signals[SIGNAL_SAVED], 0);
  return TRUE;
}
