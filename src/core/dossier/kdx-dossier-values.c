/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-dossier"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdx-dossier-values.h"
#include "kdx-enums.h"
#include "kdx-value.h"

/* Values of a KOL file as a dossier prints them: dates in the reader's
 * zone, enums by their label, nothing at all for what was never set. */

char *
kdx_dossier_format_date (const char *iso)
{
  g_autoptr(GDateTime) datetime = NULL;

  if (iso == NULL || *iso == '\0')
    return NULL;
  /* Date-times are stored in UTC; people read them in their own zone. */
  datetime = g_date_time_new_from_iso8601 (iso, NULL);
  if (datetime == NULL)
    return g_strdup (iso);
  {
    g_autoptr(GDateTime) local = g_date_time_to_local (datetime);
    return g_date_time_format (local, "%Y-%m-%d");
  }
}

char *
kdx_dossier_format_days (gint64 days)
{
  int n = (int) CLAMP (days, 0, G_MAXINT);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", n), n);
}

gint64
kdx_dossier_days_between (const char *from_iso,
                          GDateTime  *to)
{
  g_autoptr(GDateTime) from = g_date_time_new_from_iso8601 (from_iso, NULL);

  if (from == NULL)
    return -1;
  return MAX (0, g_date_time_difference (to, from) / G_TIME_SPAN_DAY);
}

static const char *const unset_nicks[] = { "unknown", "unset", "none", "unrated", NULL };

/* A field's value as a person reads it, or NULL when it has none. */
char *
kdx_dossier_display_value (KdxRecord  *record,
                           const char *name)
{
  const KdxField *field = kdx_record_find_field (record, name);
  g_auto(GValue) value = G_VALUE_INIT;

  g_return_val_if_fail (field != NULL, NULL);

  g_value_init (&value, kdx_field_get_gtype (field));
  kdx_record_get_value (record, field, &value);
  if (!kdx_field_value_is_set (field, &value))
    return NULL;

  switch (field->type)
    {
    case KDX_FIELD_ENUM:
      {
        const char *nick = kdx_enum_to_string (field->enum_type (), g_value_get_enum (&value));

        /* "Unknown", "Unset", "None", "Unrated": nothing was chosen, and
         * paper that says so only takes room. */
        if (g_strv_contains (unset_nicks, nick))
          return NULL;
        return g_strdup (kdx_enum_get_label (field->enum_type (), g_value_get_enum (&value)));
      }
    case KDX_FIELD_BOOL:
      return g_strdup (g_value_get_boolean (&value) ? _("Yes") : _("No"));
    case KDX_FIELD_INT:
      if (field->check == KDX_FIELD_CHECK_SCORE)
        {
          gint64 score = g_value_get_int64 (&value);
          /* 0 means "not rated", not a bad score. */
          return score > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT "/5", score) : NULL;
        }
      /* A count of 0 is what a new file holds before anyone counted:
       * unknown, not a KOL without a follower. */
      if (field->check == KDX_FIELD_CHECK_COUNT && g_value_get_int64 (&value) <= 0)
        return NULL;
      /* 0 days is "the tier's interval", which the file does not hold. */
      if (field->check == KDX_FIELD_CHECK_DAYS && g_value_get_int64 (&value) <= 0)
        return NULL;
      return kdx_value_format_int (g_value_get_int64 (&value));
    case KDX_FIELD_TAGS:
      return g_strjoinv (", ", g_value_get_boxed (&value));
    case KDX_FIELD_DATETIME:
      return kdx_dossier_format_date (g_value_get_string (&value));
    case KDX_FIELD_IMAGE:
      return NULL;
    case KDX_FIELD_TEXT:
      if (field->check == KDX_FIELD_CHECK_PLATFORM)
        return g_strdup (kdx_platform_get_label (g_value_get_string (&value)));
      if (field->check == KDX_FIELD_CHECK_CHANNEL)
        return g_strdup (kdx_channel_get_label (g_value_get_string (&value)));
      if (field->check == KDX_FIELD_CHECK_CHURN_REASON)
        return g_strdup (kdx_churn_reason_get_label (g_value_get_string (&value)));
      return g_value_dup_string (&value);
    case KDX_FIELD_DECIMAL:
    case KDX_FIELD_DATE:
    default:
      return g_value_dup_string (&value);
    }
}

const char *
kdx_dossier_field_label (KdxRecord  *record,
                         const char *name)
{
  return kdx_field_get_label (kdx_record_find_field (record, name));
}

static gint
compare_at_newest_first (gconstpointer a,
                         gconstpointer b)
{
  KdxRecord *ra = *(KdxRecord **) a;
  KdxRecord *rb = *(KdxRecord **) b;
  g_autofree char *at_a = kdx_record_get_string (ra, kdx_record_find_field (ra, "at"));
  g_autofree char *at_b = kdx_record_get_string (rb, kdx_record_find_field (rb, "at"));

  /* ISO 8601 in UTC sorts as text. */
  return g_strcmp0 (at_b, at_a);
}

/* The items of a list, newest first. */
GPtrArray *
kdx_dossier_sorted_newest_first (GListStore *store)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n = g_list_model_get_n_items (model);
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  g_ptr_array_sort (items, compare_at_newest_first);
  return items;
}

char *
kdx_dossier_record_string (gpointer    record,
                           const char *name)
{
  return kdx_record_get_string (KDX_RECORD (record), kdx_record_find_field (KDX_RECORD (record), name));
}
