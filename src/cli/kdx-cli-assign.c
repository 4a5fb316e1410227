/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-cli-assign.h"
#include "kdx-enums.h"
#include "kdx-error.h"

/* Splits "a=1;b=x\;y" at unescaped semicolons; "\;" is a literal one. */
static GPtrArray *
split_item (const char *text)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) part = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] == ';')
        {
          g_string_append_c (part, ';');
          p++;
        }
      else if (*p == ';')
        {
          g_ptr_array_add (parts, g_strdup (part->str));
          g_string_truncate (part, 0);
        }
      else
        g_string_append_c (part, *p);
    }
  g_ptr_array_add (parts, g_strdup (part->str));
  return parts;
}

static gboolean
append_item (GListStore  *list,
             const char  *list_name,
             const char  *text,
             GError     **error)
{
  g_autoptr(GPtrArray) parts = split_item (text);
  g_autoptr(KdxRecord) item = g_object_new (g_list_model_get_item_type (G_LIST_MODEL (list)), NULL);
  const KdxField *fields;
  guint n_fields;

  for (guint i = 0; i < parts->len; i++)
    {
      const char *part = g_ptr_array_index (parts, i);
      const char *equals = strchr (part, '=');
      g_autofree char *key = NULL;
      g_autoptr(GError) local_error = NULL;

      if (*g_strstrip ((char *) part) == '\0')
        continue;
      if (equals == NULL)
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                       _("%s: “%s” is not KEY=VALUE"), list_name, part);
          return FALSE;
        }
      key = g_strstrip (g_strndup (part, equals - part));
      if (!kdx_record_set_from_string (item, key, equals + 1, &local_error))
        {
          g_set_error (error, KDX_ERROR, local_error->code, "%s.%s", list_name, local_error->message);
          return FALSE;
        }
    }

  /* Fields an item cannot be without must have been given. */
  fields = kdx_record_get_fields (item, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *value = kdx_record_get_string (item, &fields[i]);

      if ((fields[i].flags & KDX_FIELD_FLAG_REQUIRED) && *value == '\0')
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                       _("%s.%s: a value is required"), list_name, fields[i].name);
          return FALSE;
        }
    }

  g_list_store_append (list, item);
  return TRUE;
}

static gboolean
assign_list (KdxKol      *kol,
             const char  *name,
             char         op,
             const char  *value,
             GError     **error)
{
  GListStore *list = kdx_kol_get_list (kol, name);
  const KdxKolListInfo *infos;
  guint n_infos;

  infos = kdx_kol_list_infos (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    if (g_str_equal (infos[i].name, name) && infos[i].read_only)
      {
        g_set_error (error, KDX_ERROR, KDX_ERROR_READ_ONLY_FIELD,
                     _("%s: this list is kept by Koldex; use “move” to change the stage"), name);
        return FALSE;
      }

  switch (op)
    {
    case '+':
      return append_item (list, name, value, error);

    case '-':
      {
        guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
        guint64 index;

        if (!g_ascii_string_to_unsigned (value, 10, 1, MAX (n, 1), &index, NULL) || n == 0)
          {
            g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                         _("%s: “%s” is not an item number (this file has %u)"), name, value, n);
            return FALSE;
          }
        g_list_store_remove (list, index - 1);
        return TRUE;
      }

    default:
      if (*value != '\0')
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                       _("%s: add items with %s+=KEY=VALUE;KEY=VALUE, or empty it with %s="),
                       name, name, name);
          return FALSE;
        }
      g_list_store_remove_all (list);
      return TRUE;
    }
}

gboolean
kdx_cli_assign (KdxKol      *kol,
                const char  *argument,
                GError     **error)
{
  const char *equals = strchr (argument, '=');
  g_autofree char *name = NULL;
  char op = '=';

  if (equals == NULL || equals == argument)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                   _("“%s” is not FIELD=VALUE"), argument);
      return FALSE;
    }

  name = g_strndup (argument, equals - argument);
  if (name[strlen (name) - 1] == '+' || name[strlen (name) - 1] == '-')
    {
      op = name[strlen (name) - 1];
      name[strlen (name) - 1] = '\0';
    }

  if (kdx_kol_get_list (kol, name) != NULL)
    return assign_list (kol, name, op, equals + 1, error);

  if (op != '=')
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                   _("%s: %c= only works on the lists channels, events and important_dates"),
                   name, op);
      return FALSE;
    }

  return kdx_record_set_from_string (KDX_RECORD (kol), name, equals + 1, error);
}

static const char *
type_name (const KdxField *field)
{
  switch (field->type)
    {
    case KDX_FIELD_INT:
      if (field->check == KDX_FIELD_CHECK_SCORE)
        return _("0-5");
      if (field->check == KDX_FIELD_CHECK_COUNT)
        return _("count, e.g. 12.5万");
      if (field->check == KDX_FIELD_CHECK_DAYS)
        return _("days, 0 = the tier's interval");
      return _("number");
    case KDX_FIELD_DECIMAL:
      return _("amount");
    case KDX_FIELD_DATE:
      return _("YYYY-MM-DD");
    case KDX_FIELD_DATETIME:
      return _("YYYY-MM-DDTHH:MM:SSZ");
    case KDX_FIELD_BOOL:
      return _("true/false");
    case KDX_FIELD_IMAGE:
      return _("path of a PNG or JPEG file");
    case KDX_FIELD_TAGS:
      return _("comma-separated");
    case KDX_FIELD_ENUM:
      return NULL;
    default:
      return _("text");
    }
}

static void
describe (GString        *out,
          const KdxField *fields,
          guint           n_fields,
          const char     *indent)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const KdxField *field = &fields[i];
      g_autofree char *values = NULL;
      const char *kind = type_name (field);

      if (field->type == KDX_FIELD_ENUM)
        kind = values = kdx_enum_list_values (field->enum_type ());

      g_string_append_printf (out, "%s%-16s %s%s%s\n", indent, field->name, kind,
                              field->flags & KDX_FIELD_FLAG_REQUIRED ? _(", required") : "",
                              field->flags & KDX_FIELD_FLAG_READ_ONLY ? _(", set by Koldex") : "");
    }
}

/* The FIELDS section of --help, made from the field tables themselves. */
char *
kdx_cli_describe_fields (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(KdxKol) probe = kdx_kol_new ();
  g_autofree char *platforms = NULL;
  g_autofree char *reasons = NULL;
  g_autofree char *channels = NULL;
  const KdxKolListInfo *infos;
  const KdxField *fields;
  guint n_infos;
  guint n_fields;

  g_string_append (out, _("Fields (FIELD=VALUE; an empty VALUE clears the field):\n"));
  fields = kdx_record_get_fields (KDX_RECORD (probe), &n_fields);
  describe (out, fields, n_fields, "  ");

  g_string_append (out, _("\nLists (LIST+=KEY=VALUE;KEY=VALUE adds an item, LIST-=N removes item N, LIST= empties):\n"));
  infos = kdx_kol_list_infos (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    {
      g_autoptr(KdxRecord) item = g_object_new (infos[i].item_type (), NULL);

      g_string_append_printf (out, "  %s%s\n", infos[i].name,
                              infos[i].read_only ? _(" (kept by Koldex: see “move”)") : "");
      fields = kdx_record_get_fields (item, &n_fields);
      describe (out, fields, n_fields, "    ");
    }

  platforms = g_strjoinv (", ", (char **) kdx_platform_known_values ());
  reasons = g_strjoinv (", ", (char **) kdx_churn_reason_known_values ());
  channels = g_strjoinv (", ", (char **) kdx_channel_known_values ());
  g_string_append_printf (out, _("\nKnown platforms (other text is kept as written): %s"), platforms);
  g_string_append_printf (out, _("\nKnown churn reasons (other text is kept as written): %s"), reasons);
  g_string_append_printf (out, _("\nKnown event channels (other text is kept as written): %s"), channels);
  g_string_append_c (out, '\n');

  return g_string_free (g_steal_pointer (&out), FALSE);
}
