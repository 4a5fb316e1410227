/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-kol"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>

#include "kdx-channel.h"
#include "kdx-enum-types.h"
#include "kdx-event.h"
#include "kdx-important-date.h"
#include "kdx-json-writer.h"
#include "kdx-kol.h"
#include "kdx-stage-entry.h"

struct _KdxKol
{
  KdxRecord   parent_instance;

  gint64      id;
  char       *uid;
  char       *display_name;
  char       *real_name;
  int         gender;
  char       *birthday;
  char       *city;
  char       *bio;
  char       *personality;
  char       *preferences;
  GBytes     *avatar;
  char       *phone;
  char       *wechat;
  char       *email;
  char       *address;
  char       *agent;
  char       *platform;
  char       *handle;
  gint64      followers;
  char       *category;
  char      **tags;
  int         tier;
  gint64      fit_score;
  gint64      content_quality;
  gint64      activity;
  char       *fan_quality;
  int         fans_portable;
  char       *own_account;
  int         source;
  int         purpose;
  int         plan;
  char       *fee;
  char       *currency;
  gboolean    exclusive;
  char       *exclusive_since;
  char       *incentives;
  char       *demands;
  char       *rules_agreed_on;
  int         stage;
  char       *churn_reason;
  char       *owner;
  char       *next_follow_up;
  gint64      contact_every_days;
  char       *reapproach_on;
  char       *notes;
  char       *created_at;
  char       *updated_at;

  GListStore *channels;
  GListStore *events;
  GListStore *important_dates;
  GListStore *stage_history;

  /* A list row (kdx_store_load_kol_rows()): the lists above stay empty,
   * and what the list shows of them was worked out by the store. */
  gboolean    is_row;
  char       *row_last_contact;
  char       *row_stage_since;
  guint       row_n_channels;
};

G_DEFINE_FINAL_TYPE (KdxKol, kdx_kol, KDX_TYPE_RECORD)

#define FIELD(name, type, flags, check, enum_getter, label) \
  { #name, KDX_FIELD_##type, flags, KDX_FIELD_CHECK_##check, enum_getter, \
    G_STRUCT_OFFSET (KdxKol, name), label }
#define RO KDX_FIELD_FLAG_READ_ONLY
#define CONTACT KDX_FIELD_FLAG_CONTACT

/* In the order of shared/FIELDS.md, which is also the JSON order. */
static const KdxField kol_fields[] = {
  FIELD (id, INT, RO, NONE, NULL, N_("ID")),
  FIELD (uid, TEXT, RO, UID, NULL, N_("UID")),
  FIELD (display_name, TEXT, KDX_FIELD_FLAG_REQUIRED, NONE, NULL, N_("Display name")),
  FIELD (real_name, TEXT, 0, NONE, NULL, N_("Real name")),
  FIELD (gender, ENUM, 0, NONE, kdx_gender_get_type, N_("Gender")),
  FIELD (birthday, DATE, 0, NONE, NULL, N_("Birthday")),
  FIELD (city, TEXT, 0, NONE, NULL, N_("City")),
  FIELD (bio, TEXT, 0, NONE, NULL, N_("Bio")),
  FIELD (personality, TEXT, 0, NONE, NULL, N_("Personality")),
  FIELD (preferences, TEXT, 0, NONE, NULL, N_("Preferences")),
  FIELD (avatar, IMAGE, 0, NONE, NULL, N_("Avatar")),
  FIELD (phone, TEXT, CONTACT, PHONE, NULL, N_("Phone")),
  FIELD (wechat, TEXT, CONTACT, NONE, NULL, N_("WeChat ID")),
  FIELD (email, TEXT, CONTACT, EMAIL, NULL, N_("Email")),
  FIELD (address, TEXT, CONTACT, NONE, NULL, N_("Postal address")),
  FIELD (agent, TEXT, CONTACT, NONE, NULL, N_("Agent")),
  FIELD (platform, TEXT, 0, PLATFORM, NULL, N_("Platform")),
  FIELD (handle, TEXT, 0, NONE, NULL, N_("Handle")),
  FIELD (followers, INT, 0, COUNT, NULL, N_("Followers")),
  FIELD (category, TEXT, 0, NONE, NULL, N_("Category")),
  FIELD (tags, TAGS, 0, NONE, NULL, N_("Tags")),
  FIELD (tier, ENUM, 0, NONE, kdx_tier_get_type, N_("Tier")),
  FIELD (fit_score, INT, 0, SCORE, NULL, N_("Fit")),
  FIELD (content_quality, INT, 0, SCORE, NULL, N_("Content quality")),
  FIELD (activity, INT, 0, SCORE, NULL, N_("Activity")),
  FIELD (fan_quality, TEXT, 0, NONE, NULL, N_("Fan quality")),
  FIELD (fans_portable, ENUM, 0, NONE, kdx_fans_portable_get_type, N_("Fans would follow")),
  FIELD (own_account, TEXT, 0, NONE, NULL, N_("Account on our platform")),
  FIELD (source, ENUM, 0, NONE, kdx_source_get_type, N_("Source")),
  FIELD (purpose, ENUM, 0, NONE, kdx_purpose_get_type, N_("Purpose")),
  FIELD (plan, ENUM, 0, NONE, kdx_plan_get_type, N_("Plan")),
  FIELD (fee, DECIMAL, 0, NONE, NULL, N_("Fee")),
  FIELD (currency, TEXT, 0, CURRENCY, NULL, N_("Currency")),
  FIELD (exclusive, BOOL, 0, NONE, NULL, N_("Exclusive")),
  FIELD (exclusive_since, DATE, 0, NONE, NULL, N_("Exclusive since")),
  FIELD (incentives, TEXT, 0, NONE, NULL, N_("Incentives")),
  FIELD (demands, TEXT, 0, NONE, NULL, N_("Demands")),
  FIELD (rules_agreed_on, DATE, 0, NONE, NULL, N_("Rules agreed on")),
  FIELD (stage, ENUM, 0, NONE, kdx_stage_get_type, N_("Stage")),
  FIELD (churn_reason, TEXT, 0, CHURN_REASON, NULL, N_("Churn reason")),
  FIELD (owner, TEXT, 0, NONE, NULL, N_("Owner")),
  FIELD (next_follow_up, DATE, 0, NONE, NULL, N_("Next follow-up")),
  FIELD (contact_every_days, INT, 0, DAYS, NULL, N_("Days between contacts")),
  FIELD (reapproach_on, DATE, 0, NONE, NULL, N_("Re-approach on")),
  FIELD (notes, TEXT, 0, NONE, NULL, N_("Notes")),
  FIELD (created_at, DATETIME, RO, NONE, NULL, N_("Created")),
  FIELD (updated_at, DATETIME, RO, NONE, NULL, N_("Updated")),
};

#undef FIELD
#undef RO
#undef CONTACT

static const KdxKolListInfo list_infos[] = {
  { "channels", kdx_channel_get_type, FALSE },
  { "events", kdx_event_get_type, FALSE },
  { "important_dates", kdx_important_date_get_type, FALSE },
  { "stage_history", kdx_stage_entry_get_type, TRUE },
};

/* ISO 4217 code of the user's locale ("CNY " in zh_CN, "USD " in en_US);
 * CNY where the locale has none, since most Koldex users work in China. */
static char *
locale_currency (void)
{
  const char *symbol = nl_langinfo (INT_CURR_SYMBOL);
  g_autofree char *code = g_strstrip (g_strdup (symbol != NULL ? symbol : ""));

  if (strlen (code) == 3)
    return g_steal_pointer (&code);
  return g_strdup ("CNY");
}

static void
kdx_kol_dispose (GObject *object)
{
  KdxKol *self = KDX_KOL (object);

  g_clear_object (&self->channels);
  g_clear_object (&self->events);
  g_clear_object (&self->important_dates);
  g_clear_object (&self->stage_history);
  g_clear_pointer (&self->row_last_contact, g_free);
  g_clear_pointer (&self->row_stage_since, g_free);

  G_OBJECT_CLASS (kdx_kol_parent_class)->dispose (object);
}

static void
kdx_kol_class_init (KdxKolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdx_kol_dispose;

  kdx_record_class_install_fields (KDX_RECORD_CLASS (klass),
                                   kol_fields, G_N_ELEMENTS (kol_fields));
}

static void
kdx_kol_init (KdxKol *self)
{
  self->currency = locale_currency ();
  /* Nobody has said yet where a new KOL came from or what it is for. */
  self->source = KDX_SOURCE_UNSET;
  self->purpose = KDX_PURPOSE_UNSET;

  self->channels = g_list_store_new (KDX_TYPE_CHANNEL);
  self->events = g_list_store_new (KDX_TYPE_EVENT);
  self->important_dates = g_list_store_new (KDX_TYPE_IMPORTANT_DATE);
  self->stage_history = g_list_store_new (KDX_TYPE_STAGE_ENTRY);
}

KdxKol *
kdx_kol_new (void)
{
  return g_object_new (KDX_TYPE_KOL, NULL);
}

/* Replaces the items of @to by copies of those of @from. */
void
kdx_kol_copy_list (GListStore *to,
                   GListStore *from)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (from));
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdxRecord) item = g_list_model_get_item (G_LIST_MODEL (from), i);
      KdxRecord *copy = g_object_new (G_OBJECT_TYPE (item), NULL);

      kdx_record_assign (copy, item);
      g_ptr_array_add (copies, copy);
    }

  g_list_store_splice (to, 0, g_list_model_get_n_items (G_LIST_MODEL (to)),
                       copies->pdata, copies->len);
}

/* A deep copy: the whole file, lists included (for undo). */
KdxKol *
kdx_kol_dup (KdxKol *self)
{
  KdxKol *copy;

  g_return_val_if_fail (KDX_IS_KOL (self), NULL);

  copy = kdx_kol_new ();
  kdx_kol_assign (copy, self);
  return copy;
}

void
kdx_kol_assign (KdxKol *self,
                KdxKol *source)
{
  g_return_if_fail (KDX_IS_KOL (self));
  g_return_if_fail (KDX_IS_KOL (source));

  kdx_record_assign (KDX_RECORD (self), KDX_RECORD (source));
  kdx_kol_copy_list (self->channels, source->channels);
  kdx_kol_copy_list (self->events, source->events);
  kdx_kol_copy_list (self->important_dates, source->important_dates);
  kdx_kol_copy_list (self->stage_history, source->stage_history);
  kdx_kol_set_row_summary (self, source->is_row, source->row_last_contact,
                           source->row_stage_since, source->row_n_channels);
}

/* A list row (kdx_store_load_kol_rows()) holds no timeline, channels or
 * history: the facts the list derives from them are given here instead,
 * so a screenful of rows costs one query, not a whole file each. */
void
kdx_kol_set_row_summary (KdxKol     *self,
                         gboolean    is_row,
                         const char *last_contact,
                         const char *stage_since,
                         guint       n_channels)
{
  g_return_if_fail (KDX_IS_KOL (self));

  self->is_row = is_row;
  if (g_strcmp0 (self->row_last_contact, last_contact) != 0)
    {
      g_free (self->row_last_contact);
      self->row_last_contact = g_strdup (last_contact);
      /* A row's timeline is this summary: who listens to the timeline
       * for its last contact (the list's cell) hears it changed. */
      if (is_row)
        g_list_model_items_changed (G_LIST_MODEL (self->events), 0, 0, 0);
    }
  if (self->row_stage_since != stage_since)
    {
      g_free (self->row_stage_since);
      self->row_stage_since = g_strdup (stage_since);
    }
  self->row_n_channels = n_channels;
}

gboolean
kdx_kol_is_row (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), FALSE);
  return self->is_row;
}

guint
kdx_kol_get_n_channels (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), 0);
  if (self->is_row)
    return self->row_n_channels;
  return g_list_model_get_n_items (G_LIST_MODEL (self->channels));
}

/* Which fields merging never touches: who the file is, and where it
 * stands (a stage changes by a move, dated, not by an import). */
static gboolean
kept_on_merge (const KdxField *field)
{
  static const char *const kept[] = { "id", "uid", "created_at", "updated_at", "stage", NULL };
  return g_strv_contains (kept, field->name);
}

static gboolean
list_has_equal (GListStore *list,
                KdxRecord  *item)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdxRecord) existing = g_list_model_get_item (G_LIST_MODEL (list), i);
      if (kdx_record_equal (existing, item))
        return TRUE;
    }
  return FALSE;
}

/**
 * kdx_kol_apply_list_edit:
 * @stored: the list as it is stored now, changed in place
 * @before: the list as the user found it
 * @after: the list as the user left it
 *
 * Puts one person's edit of a list on top of a list that changed
 * meanwhile (an import added a channel): what the user removed goes,
 * what the user added comes, and the rest of @stored stays. An item the
 * user changed is a removal and an addition.
 */
void
kdx_kol_apply_list_edit (GListStore *stored,
                         GListStore *before,
                         GListStore *after)
{
  guint n_before = g_list_model_get_n_items (G_LIST_MODEL (before));
  guint n_after = g_list_model_get_n_items (G_LIST_MODEL (after));

  for (guint i = 0; i < n_before; i++)
    {
      g_autoptr(KdxRecord) gone = g_list_model_get_item (G_LIST_MODEL (before), i);

      if (list_has_equal (after, gone))
        continue;
      for (guint j = g_list_model_get_n_items (G_LIST_MODEL (stored)); j > 0; j--)
        {
          g_autoptr(KdxRecord) item = g_list_model_get_item (G_LIST_MODEL (stored), j - 1);
          if (kdx_record_equal (item, gone))
            g_list_store_remove (stored, j - 1);
        }
    }

  for (guint i = 0; i < n_after; i++)
    {
      g_autoptr(KdxRecord) added = g_list_model_get_item (G_LIST_MODEL (after), i);
      g_autoptr(KdxRecord) copy = NULL;

      if (list_has_equal (before, added) || list_has_equal (stored, added))
        continue;
      copy = g_object_new (G_OBJECT_TYPE (added), NULL);
      kdx_record_assign (copy, added);
      g_list_store_append (stored, copy);
    }
}

/**
 * kdx_kol_merge:
 * @other: a file describing the same KOL, e.g. an imported row
 *
 * Fills what @self does not know from @other and keeps what it knows:
 * empty fields take @other's value, tags are joined, and list items
 * @self does not have yet are added.
 */
void
kdx_kol_merge (KdxKol *self,
               KdxKol *other)
{
  const KdxField *fields;
  guint n_fields;

  g_return_if_fail (KDX_IS_KOL (self));
  g_return_if_fail (KDX_IS_KOL (other));

  g_object_freeze_notify (G_OBJECT (self));
  fields = kdx_record_get_fields (KDX_RECORD (self), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const KdxField *field = &fields[i];
      g_auto(GValue) mine = G_VALUE_INIT;
      g_auto(GValue) theirs = G_VALUE_INIT;
      gboolean empty;

      if (kept_on_merge (field))
        continue;

      g_value_init (&mine, kdx_field_get_gtype (field));
      g_value_init (&theirs, kdx_field_get_gtype (field));
      kdx_record_get_value (KDX_RECORD (self), field, &mine);
      kdx_record_get_value (KDX_RECORD (other), field, &theirs);

      if (field->type == KDX_FIELD_TAGS)
        {
          const char *const *a = g_value_get_boxed (&mine);
          const char *const *b = g_value_get_boxed (&theirs);
          g_autoptr(GStrvBuilder) joined = g_strv_builder_new ();
          g_auto(GStrv) result = NULL;

          for (guint j = 0; a != NULL && a[j] != NULL; j++)
            g_strv_builder_add (joined, a[j]);
          for (guint j = 0; b != NULL && b[j] != NULL; j++)
            if (a == NULL || !g_strv_contains (a, b[j]))
              g_strv_builder_add (joined, b[j]);
          result = g_strv_builder_end (joined);
          g_object_set (self, "tags", result, NULL);
          continue;
        }

      /* The defaults (0, false, "unset" or else the first enum value)
       * mean "not known". */
      switch (field->type)
        {
        case KDX_FIELD_INT:
          empty = g_value_get_int64 (&mine) == 0;
          break;
        case KDX_FIELD_BOOL:
          empty = !g_value_get_boolean (&mine);
          break;
        case KDX_FIELD_ENUM:
          empty = g_value_get_enum (&mine) == kdx_enum_unknown_value (field->enum_type ());
          break;
        default:
          empty = !kdx_field_value_is_set (field, &mine);
          break;
        }
      if (empty)
        kdx_record_set_value (KDX_RECORD (self), field, &theirs);
    }
  g_object_thaw_notify (G_OBJECT (self));

  for (guint l = 0; l < G_N_ELEMENTS (list_infos); l++)
    {
      GListStore *mine = kdx_kol_get_list (self, list_infos[l].name);
      GListStore *theirs = kdx_kol_get_list (other, list_infos[l].name);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (theirs));

      if (list_infos[l].read_only)
        continue;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(KdxRecord) item = g_list_model_get_item (G_LIST_MODEL (theirs), i);
          if (!list_has_equal (mine, item))
            {
              g_autoptr(KdxRecord) copy = g_object_new (G_OBJECT_TYPE (item), NULL);
              kdx_record_assign (copy, item);
              g_list_store_append (mine, copy);
            }
        }
    }
}

/* Whether two lists of the file hold equal items in the same order. */
gboolean
kdx_kol_lists_equal (GListStore *a,
                     GListStore *b)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (a));

  if (n != g_list_model_get_n_items (G_LIST_MODEL (b)))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdxRecord) x = g_list_model_get_item (G_LIST_MODEL (a), i);
      g_autoptr(KdxRecord) y = g_list_model_get_item (G_LIST_MODEL (b), i);

      if (!kdx_record_equal (x, y))
        return FALSE;
    }

  return TRUE;
}

gboolean
kdx_kol_equal (KdxKol *self,
               KdxKol *other)
{
  g_return_val_if_fail (KDX_IS_KOL (self), FALSE);
  g_return_val_if_fail (KDX_IS_KOL (other), FALSE);

  return kdx_record_equal (KDX_RECORD (self), KDX_RECORD (other))
      && kdx_kol_lists_equal (self->channels, other->channels)
      && kdx_kol_lists_equal (self->events, other->events)
      && kdx_kol_lists_equal (self->important_dates, other->important_dates)
      && kdx_kol_lists_equal (self->stage_history, other->stage_history);
}

gint64
kdx_kol_get_id (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), 0);
  return self->id;
}

const char *
kdx_kol_get_uid (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), NULL);
  return self->uid;
}

const char *
kdx_kol_get_display_name (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), NULL);
  return self->display_name;
}

void
kdx_kol_set_display_name (KdxKol     *self,
                          const char *display_name)
{
  g_return_if_fail (KDX_IS_KOL (self));
  g_object_set (self, "display-name", display_name, NULL);
}

const char *
kdx_kol_get_real_name (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), NULL);
  return self->real_name;
}

const char *
kdx_kol_get_platform (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), NULL);
  return self->platform;
}

const char *
kdx_kol_get_handle (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), NULL);
  return self->handle;
}

gint64
kdx_kol_get_followers (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), 0);
  return self->followers;
}

void
kdx_kol_set_followers (KdxKol *self,
                       gint64  followers)
{
  g_return_if_fail (KDX_IS_KOL (self));
  g_return_if_fail (followers >= 0);
  g_object_set (self, "followers", followers, NULL);
}

const char *const *
kdx_kol_get_tags (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), NULL);
  return (const char *const *) self->tags;
}

KdxStage
kdx_kol_get_stage (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), KDX_STAGE_CANDIDATE);
  return self->stage;
}

void
kdx_kol_set_stage (KdxKol   *self,
                   KdxStage  stage)
{
  g_return_if_fail (KDX_IS_KOL (self));
  g_object_set (self, "stage", stage, NULL);
}

const char *
kdx_kol_get_owner (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), NULL);
  return self->owner;
}

const char *
kdx_kol_get_notes (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), NULL);
  return self->notes;
}

const char *
kdx_kol_get_next_follow_up (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), NULL);
  return self->next_follow_up;
}

/* 0 means "the interval of the KOL's tier", set in Preferences. */
gint64
kdx_kol_get_contact_every_days (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), 0);
  return self->contact_every_days;
}

const char *
kdx_kol_get_reapproach_on (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), NULL);
  return self->reapproach_on;
}

KdxTier
kdx_kol_get_tier (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), KDX_TIER_UNRATED);
  return self->tier;
}

GBytes *
kdx_kol_get_avatar (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), NULL);
  return self->avatar;
}

/* When the team last reached the KOL: the newest event of the timeline
 * that is not a note (ISO 8601 UTC), or NULL. The one rule for "last
 * contact": the list's cell shows it, and the store sorts and computes
 * Today's cadence by the same rule (KDX_STORE_LAST_CONTACT_SQL). */
char *
kdx_kol_get_last_contact (KdxKol *self)
{
  GListModel *events;
  const char *newest = NULL;
  g_autofree char *result = NULL;

  g_return_val_if_fail (KDX_IS_KOL (self), NULL);

  if (self->is_row)
    return g_strdup (self->row_last_contact);
  events = G_LIST_MODEL (self->events);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(KdxEvent) event = g_list_model_get_item (events, i);
      g_autofree char *at = NULL;
      int kind;

      g_object_get (event, "at", &at, "kind", &kind, NULL);
      /* Every kind but a note is contact (issue 10, item 1): a payment, a
       * gift or published content all mean someone was in touch. */
      if (kind == KDX_EVENT_KIND_NOTE || at == NULL)
        continue;
      if (newest == NULL || g_strcmp0 (at, result) > 0)
        {
          g_free (result);
          result = g_steal_pointer (&at);
          newest = result;
        }
    }

  return g_steal_pointer (&result);
}

/* Up to two letters for an avatar without a picture: the first two
 * characters of a Chinese name (小美), the initials of a Latin one (TT). */
char *
kdx_kol_get_initials (KdxKol *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *name;
  gboolean word_start = TRUE;
  guint n = 0;

  g_return_val_if_fail (KDX_IS_KOL (self), NULL);

  name = self->display_name != NULL ? self->display_name : "";
  for (const char *p = name; *p != '\0' && n < 2; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c))
        {
          word_start = TRUE;
          continue;
        }
      if (g_unichar_iswide (c) || word_start)
        {
          g_string_append_unichar (out, g_unichar_toupper (c));
          n++;
        }
      word_start = FALSE;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* When the KOL entered its current stage: the newest history entry. */
const char *
kdx_kol_get_stage_since (KdxKol *self)
{
  guint n;

  g_return_val_if_fail (KDX_IS_KOL (self), NULL);

  if (self->is_row)
    return self->row_stage_since != NULL ? self->row_stage_since : self->created_at;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->stage_history));
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(KdxStageEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->stage_history), i - 1);
      if (kdx_stage_entry_get_stage (entry) == (KdxStage) self->stage)
        return kdx_stage_entry_get_at (entry);
    }
  return self->created_at;
}

/* Whole days since the KOL entered its stage, counted in local days, so
 * a move yesterday evening is one day ago this morning. */
int
kdx_kol_get_days_in_stage (KdxKol    *self,
                           GDateTime *now)
{
  const char *since = kdx_kol_get_stage_since (self);
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now_local = NULL;
  g_autoptr(GDate) from = NULL;
  g_autoptr(GDate) to = NULL;

  if (since == NULL || (utc = g_date_time_new_from_iso8601 (since, NULL)) == NULL)
    return 0;

  local = g_date_time_to_local (utc);
  now_local = g_date_time_to_local (now);
  from = g_date_new_dmy (g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                         g_date_time_get_year (local));
  to = g_date_new_dmy (g_date_time_get_day_of_month (now_local), g_date_time_get_month (now_local),
                       g_date_time_get_year (now_local));
  return MAX (0, g_date_days_between (from, to));
}

const char *
kdx_kol_get_created_at (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), NULL);
  return self->created_at;
}

const char *
kdx_kol_get_updated_at (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), NULL);
  return self->updated_at;
}

GListStore *
kdx_kol_get_channels (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), NULL);
  return self->channels;
}

GListStore *
kdx_kol_get_events (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), NULL);
  return self->events;
}

GListStore *
kdx_kol_get_important_dates (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), NULL);
  return self->important_dates;
}

GListStore *
kdx_kol_get_stage_history (KdxKol *self)
{
  g_return_val_if_fail (KDX_IS_KOL (self), NULL);
  return self->stage_history;
}

const KdxKolListInfo *
kdx_kol_list_infos (guint *n_lists)
{
  *n_lists = G_N_ELEMENTS (list_infos);
  return list_infos;
}

GListStore *
kdx_kol_get_list (KdxKol     *self,
                  const char *name)
{
  g_return_val_if_fail (KDX_IS_KOL (self), NULL);

  if (g_strcmp0 (name, "channels") == 0)
    return self->channels;
  if (g_strcmp0 (name, "events") == 0)
    return self->events;
  if (g_strcmp0 (name, "important_dates") == 0)
    return self->important_dates;
  if (g_strcmp0 (name, "stage_history") == 0)
    return self->stage_history;
  return NULL;
}

/* One JSON object with the canonical keys; lists as arrays of objects. */
void
kdx_kol_write_json (KdxKol        *self,
                    KdxJsonWriter *writer)
{
  g_return_if_fail (KDX_IS_KOL (self));

  kdx_json_writer_begin_object (writer);
  kdx_record_write_json (KDX_RECORD (self), writer);

  for (guint i = 0; i < G_N_ELEMENTS (list_infos); i++)
    {
      GListModel *list = G_LIST_MODEL (kdx_kol_get_list (self, list_infos[i].name));
      guint n = g_list_model_get_n_items (list);

      kdx_json_writer_member (writer, list_infos[i].name);
      kdx_json_writer_begin_array (writer);
      for (guint j = 0; j < n; j++)
        {
          g_autoptr(KdxRecord) item = g_list_model_get_item (list, j);

          kdx_json_writer_begin_object (writer);
          kdx_record_write_json (item, writer);
          kdx_json_writer_end_object (writer);
        }
      kdx_json_writer_end_array (writer);
    }

  kdx_json_writer_end_object (writer);
}
