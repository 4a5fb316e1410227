/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-field"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdx-enums.h"
#include "kdx-error.h"
#include "kdx-field.h"
#include "kdx-json-writer.h"
#include "kdx-value.h"

const char *
kdx_field_get_label (const KdxField *field)
{
  return g_dgettext (GETTEXT_PACKAGE, field->label);
}

GType
kdx_field_get_gtype (const KdxField *field)
{
  switch (field->type)
    {
    case KDX_FIELD_INT:
      return G_TYPE_INT64;
    case KDX_FIELD_BOOL:
      return G_TYPE_BOOLEAN;
    case KDX_FIELD_ENUM:
      return field->enum_type ();
    case KDX_FIELD_IMAGE:
      return G_TYPE_BYTES;
    case KDX_FIELD_TAGS:
      return G_TYPE_STRV;
    case KDX_FIELD_TEXT:
    case KDX_FIELD_DECIMAL:
    case KDX_FIELD_DATE:
    case KDX_FIELD_DATETIME:
    default:
      return G_TYPE_STRING;
    }
}

static gboolean
invalid (GError        **error,
         const KdxField *field,
         const char     *text,
         const char     *why)
{
  g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
               /* Translators: field name, the value given, then why it does not fit */
               _("%s: “%s” %s"), field->name, text, why);
  return FALSE;
}

static gboolean
is_image (GBytes *bytes)
{
  gsize size;
  const guchar *data = g_bytes_get_data (bytes, &size);

  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return TRUE;
  if (size >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
    return TRUE;
  return FALSE;
}

/* The length of the tag separator at @p, or 0. People separate tags
 * with commas of either width, 、 or semicolons. (A regex compiled per
 * call cost an import of 100,000 rows seconds: issue 16.) */
static gsize
separator_length (const char *p)
{
  static const char *const wide[] = { "，", "；", "、" };

  if (*p == ',' || *p == ';')
    return 1;
  for (guint i = 0; i < G_N_ELEMENTS (wide); i++)
    if (strncmp (p, wide[i], strlen (wide[i])) == 0)
      return strlen (wide[i]);
  return 0;
}

static void
add_tag (GPtrArray  *tags,
         const char *start,
         gsize       length)
{
  char *tag = g_strstrip (g_strndup (start, length));

  if (*tag != '\0' && !g_ptr_array_find_with_equal_func (tags, tag, g_str_equal, NULL))
    g_ptr_array_add (tags, tag);
  else
    g_free (tag);
}

static char **
split_tags (const char *text)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  const char *start = text;

  for (const char *p = text; *p != '\0';)
    {
      gsize length = separator_length (p);

      if (length == 0)
        {
          p++;
          continue;
        }
      add_tag (tags, start, (gsize) (p - start));
      p += length;
      start = p;
    }
  add_tag (tags, start, strlen (start));

  g_ptr_array_add (tags, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&tags), FALSE);
}

/* Turns text (from the CLI, a spreadsheet cell, an editor entry) into the
 * field's value, normalised, or says why it cannot. Empty text means
 * "no value" for every field that may be empty. */
gboolean
kdx_field_parse (const KdxField *field,
                 const char     *text,
                 GValue         *value,
                 GError        **error)
{
  g_autofree char *trimmed = NULL;

  /* Every value from the CLI, a spreadsheet, Koldex XML or an editor is
   * parsed here before it is stored: text that is not UTF-8 stops here,
   * so nothing undisplayable ever reaches the database. */
  if (!kdx_value_check_utf8 (field->name, text, error))
    return FALSE;

  trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_value_init (value, kdx_field_get_gtype (field));

  if (*trimmed == '\0' && field->type != KDX_FIELD_IMAGE)
    {
      if (field->flags & KDX_FIELD_FLAG_REQUIRED)
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                       _("%s: a value is required"), field->name);
          g_value_unset (value);
          return FALSE;
        }
      if (field->type == KDX_FIELD_ENUM)
        g_value_set_enum (value, kdx_enum_unknown_value (field->enum_type ()));
      return TRUE;
    }

  switch (field->type)
    {
    case KDX_FIELD_TEXT:
      switch (field->check)
        {
        case KDX_FIELD_CHECK_PHONE:
          {
            char *phone = kdx_value_normalize_phone (trimmed);
            if (phone == NULL)
              goto fail_phone;
            g_value_take_string (value, phone);
            return TRUE;
          }
        case KDX_FIELD_CHECK_EMAIL:
          if (!kdx_value_is_email (trimmed))
            {
              g_value_unset (value);
              return invalid (error, field, trimmed, _("is not an email address"));
            }
          break;
        case KDX_FIELD_CHECK_PLATFORM:
          {
            const char *known = kdx_platform_normalize (trimmed);
            if (known != NULL)
              {
                g_value_set_string (value, known);
                return TRUE;
              }
          }
          break;
        case KDX_FIELD_CHECK_CHANNEL:
          {
            const char *known = kdx_channel_normalize (trimmed);
            if (known != NULL)
              {
                g_value_set_string (value, known);
                return TRUE;
              }
          }
          break;
        case KDX_FIELD_CHECK_CHURN_REASON:
          {
            const char *const *known = kdx_churn_reason_known_values ();
            for (guint i = 0; known[i] != NULL; i++)
              if (g_ascii_strcasecmp (known[i], trimmed) == 0)
                {
                  g_value_set_string (value, known[i]);
                  return TRUE;
                }
          }
          break;
        case KDX_FIELD_CHECK_CURRENCY:
          {
            if (strlen (trimmed) != 3 || !g_ascii_isalpha (trimmed[0])
                || !g_ascii_isalpha (trimmed[1]) || !g_ascii_isalpha (trimmed[2]))
              {
                g_value_unset (value);
                return invalid (error, field, trimmed,
                                _("is not a currency code (three letters, such as CNY or USD)"));
              }
            g_value_take_string (value, g_ascii_strup (trimmed, -1));
            return TRUE;
          }
        case KDX_FIELD_CHECK_UID:
          if (!g_uuid_string_is_valid (trimmed))
            {
              g_value_unset (value);
              return invalid (error, field, trimmed, _("is not a UUID"));
            }
          {
            g_value_take_string (value, g_ascii_strdown (trimmed, -1));
            return TRUE;
          }
        default:
          break;
        }
      g_value_set_string (value, trimmed);
      return TRUE;

    case KDX_FIELD_INT:
      {
        gint64 number;

        if (field->check == KDX_FIELD_CHECK_COUNT)
          {
            if (trimmed[0] == '-')
              {
                g_value_unset (value);
                return invalid (error, field, trimmed, _("is negative; it must be 0 or more"));
              }
            if (!kdx_value_parse_count (trimmed, &number))
              {
                g_value_unset (value);
                return invalid (error, field, trimmed,
                                _("is not a count (write it like 3000, 125,000, 45k, 1.2M or 12.5万)"));
              }
          }
        else if (!kdx_value_parse_int (trimmed, &number))
          {
            g_value_unset (value);
            return invalid (error, field, trimmed, _("is not a whole number"));
          }

        if (number > KDX_VALUE_MAX_INT || number < -KDX_VALUE_MAX_INT)
          {
            g_autofree char *limit = kdx_value_format_int (KDX_VALUE_MAX_INT);
            g_autofree char *why = number > 0
              /* Translators: %s is the largest number, such as 9,007,199,254,740,991 */
              ? g_strdup_printf (_("is too large; Koldex keeps whole numbers up to %s"), limit)
              /* Translators: %s is the largest number, such as 9,007,199,254,740,991 */
              : g_strdup_printf (_("is too small; Koldex keeps whole numbers down to -%s"), limit);

            g_value_unset (value);
            return invalid (error, field, trimmed, why);
          }
        if (field->check == KDX_FIELD_CHECK_DAYS && number < 0)
          {
            g_value_unset (value);
            return invalid (error, field, trimmed, _("is negative; it must be 0 or more"));
          }
        /* Days are a 32-bit integer in a team database (INTEGER), as
         * SQLite does not care: refused here, alike on both, rather than
         * by the server when an import's rows reach it. */
        if (field->check == KDX_FIELD_CHECK_DAYS && number > G_MAXINT32)
          {
            g_autofree char *limit = kdx_value_format_int (G_MAXINT32);
            /* Translators: %s is the largest number, such as 9,007,199,254,740,991 */
            g_autofree char *why = g_strdup_printf (_("is too large; Koldex keeps whole numbers up to %s"), limit);

            g_value_unset (value);
            return invalid (error, field, trimmed, why);
          }
        if (field->check == KDX_FIELD_CHECK_SCORE && (number < 0 || number > 5))
          {
            g_value_unset (value);
            return invalid (error, field, trimmed, _("is not a score from 0 to 5"));
          }
        g_value_set_int64 (value, number);
        return TRUE;
      }

    case KDX_FIELD_DECIMAL:
      {
        char *decimal = kdx_value_parse_decimal (trimmed);
        if (decimal == NULL)
          {
            g_value_unset (value);
            return invalid (error, field, trimmed,
                            _("is not an amount (digits with an optional decimal point, such as 12000.50)"));
          }
        g_value_take_string (value, decimal);
        return TRUE;
      }

    case KDX_FIELD_DATE:
      {
        char *date = kdx_value_parse_date (trimmed);
        if (date == NULL)
          {
            /* 1990-02-30 is written right; the day is what is wrong. */
            g_autofree char *why = kdx_value_explain_date (trimmed);
            g_autofree char *reason = why != NULL ? g_strdup_printf (_("does not exist: %s"), why) : NULL;

            g_value_unset (value);
            return invalid (error, field, trimmed,
                            reason != NULL ? reason : _("is not a date (write it as YYYY-MM-DD)"));
          }
        g_value_take_string (value, date);
        return TRUE;
      }

    case KDX_FIELD_DATETIME:
      {
        char *datetime = kdx_value_parse_datetime (trimmed);
        if (datetime == NULL)
          {
            g_value_unset (value);
            return invalid (error, field, trimmed,
                            _("is not a date and time (write it as YYYY-MM-DDTHH:MM:SSZ)"));
          }
        g_value_take_string (value, datetime);
        return TRUE;
      }

    case KDX_FIELD_BOOL:
      {
        gboolean flag;
        if (!kdx_value_parse_bool (trimmed, &flag))
          {
            g_value_unset (value);
            return invalid (error, field, trimmed, _("is not yes or no (write true or false)"));
          }
        g_value_set_boolean (value, flag);
        return TRUE;
      }

    case KDX_FIELD_ENUM:
      {
        int number;
        if (!kdx_enum_from_string (field->enum_type (), trimmed, &number))
          {
            g_autofree char *values = kdx_enum_list_values (field->enum_type ());
            g_autofree char *why = g_strdup_printf (_("is not one of: %s"), values);
            g_value_unset (value);
            return invalid (error, field, trimmed, why);
          }
        g_value_set_enum (value, number);
        return TRUE;
      }

    case KDX_FIELD_IMAGE:
      {
        /* Text for an image is the path of a PNG or JPEG file. */
        g_autoptr(GError) local_error = NULL;
        g_autoptr(GBytes) bytes = NULL;
        g_autofree char *contents = NULL;
        gsize length;

        if (*trimmed == '\0')
          return TRUE;
        if (!g_file_get_contents (trimmed, &contents, &length, &local_error))
          {
            g_value_unset (value);
            return invalid (error, field, trimmed, local_error->message);
          }
        if (length > 8 * 1024 * 1024)
          {
            g_value_unset (value);
            return invalid (error, field, trimmed, _("is larger than 8 MB"));
          }
        bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
        if (!is_image (bytes))
          {
            g_value_unset (value);
            return invalid (error, field, trimmed, _("is not a PNG or JPEG image"));
          }
        g_value_set_boxed (value, bytes);
        return TRUE;
      }

    case KDX_FIELD_TAGS:
      g_value_take_boxed (value, split_tags (trimmed));
      return TRUE;

    default:
      g_assert_not_reached ();
    }

fail_phone:
  g_value_unset (value);
  return invalid (error, field, trimmed, _("is not a phone number"));
}

gboolean
kdx_field_value_is_set (const KdxField *field,
                        const GValue   *value)
{
  switch (field->type)
    {
    case KDX_FIELD_INT:
    case KDX_FIELD_BOOL:
      return TRUE;
    case KDX_FIELD_ENUM:
      return !kdx_enum_is_unset (field->enum_type (), g_value_get_enum (value));
    case KDX_FIELD_IMAGE:
      return g_value_get_boxed (value) != NULL;
    case KDX_FIELD_TAGS:
      {
        const char *const *tags = g_value_get_boxed (value);
        return tags != NULL && tags[0] != NULL;
      }
    default:
      {
        const char *text = g_value_get_string (value);
        return text != NULL && *text != '\0';
      }
    }
}

/* The canonical text of a value: what `show` prints and the store keeps. */
char *
kdx_field_to_string (const KdxField *field,
                     const GValue   *value)
{
  switch (field->type)
    {
    case KDX_FIELD_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (value));
    case KDX_FIELD_BOOL:
      return g_strdup (g_value_get_boolean (value) ? "true" : "false");
    case KDX_FIELD_ENUM:
      return g_strdup (kdx_enum_to_string (field->enum_type (), g_value_get_enum (value)));
    case KDX_FIELD_IMAGE:
      {
        GBytes *bytes = g_value_get_boxed (value);
        gsize size;
        const guchar *data;

        if (bytes == NULL)
          return g_strdup ("");
        data = g_bytes_get_data (bytes, &size);
        return g_base64_encode (data, size);
      }
    case KDX_FIELD_TAGS:
      {
        const char *const *tags = g_value_get_boxed (value);
        return tags != NULL ? g_strjoinv (", ", (char **) tags) : g_strdup ("");
      }
    default:
      return g_strdup (g_value_get_string (value) != NULL ? g_value_get_string (value) : "");
    }
}

/* A value as JSON: numbers and booleans as such, a decimal as an exact
 * number, an enum as its canonical value, tags as an array, empty text
 * as null. The `show --json` of a file and `list --columns --json` agree. */
void
kdx_field_write_json (const KdxField *field,
                      const GValue   *value,
                      KdxJsonWriter  *writer)
{
  switch (field->type)
    {
    case KDX_FIELD_INT:
      kdx_json_writer_int (writer, g_value_get_int64 (value));
      break;
    case KDX_FIELD_BOOL:
      kdx_json_writer_bool (writer, g_value_get_boolean (value));
      break;
    case KDX_FIELD_DECIMAL:
      if (g_value_get_string (value) != NULL)
        kdx_json_writer_raw_number (writer, g_value_get_string (value));
      else
        kdx_json_writer_null (writer);
      break;
    case KDX_FIELD_ENUM:
      /* An enum always has its canonical value, "unset" included. */
      kdx_json_writer_string (writer, kdx_enum_to_string (field->enum_type (), g_value_get_enum (value)));
      break;
    case KDX_FIELD_TAGS:
      {
        const char *const *tags = g_value_get_boxed (value);
        kdx_json_writer_begin_array (writer);
        for (guint j = 0; tags != NULL && tags[j] != NULL; j++)
          kdx_json_writer_string (writer, tags[j]);
        kdx_json_writer_end_array (writer);
      }
      break;
    default:
      if (kdx_field_value_is_set (field, value))
        {
          g_autofree char *text = kdx_field_to_string (field, value);
          kdx_json_writer_string (writer, text);
        }
      else
        kdx_json_writer_null (writer);
      break;
    }
}
