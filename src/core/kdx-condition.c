/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-condition"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "kdx-condition.h"
#include "kdx-enums.h"
#include "kdx-error.h"
#include "kdx-enum-types.h"
#include "kdx-kol-columns.h"
#include "kdx-value.h"

/* A condition is checked once, when it is made; after that it holds only
 * canonical text, so the store, the CLI and saved views agree on it. */
struct _KdxCondition
{
  const KdxField *field;
  KdxConditionOp  op;
  char           *value; /* canonical; NULL for empty and not empty */
};

G_DEFINE_BOXED_TYPE (KdxCondition, kdx_condition, kdx_condition_copy, kdx_condition_free)

typedef struct
{
  const char *symbol; /* in the text form; a word is followed by a space */
  const char *label;  /* untranslated */
} OpInfo;

/* Indexed by KdxConditionOp. */
static const OpInfo op_infos[KDX_CONDITION_N_OPS] = {
  [KDX_CONDITION_IS]              = { "=",       N_("is") },
  [KDX_CONDITION_IS_NOT]          = { "!=",      N_("is not") },
  [KDX_CONDITION_CONTAINS]        = { "~",       N_("contains") },
  [KDX_CONDITION_EMPTY]           = { "=",       N_("is empty") },
  [KDX_CONDITION_NOT_EMPTY]       = { "!=",      N_("is not empty") },
  [KDX_CONDITION_AT_LEAST]        = { ">=",      N_("≥") },
  [KDX_CONDITION_AT_MOST]         = { "<=",      N_("≤") },
  [KDX_CONDITION_BEFORE]          = { "<",       N_("before") },
  [KDX_CONDITION_AFTER]           = { ">",       N_("after") },
  [KDX_CONDITION_WITHIN_DAYS]     = { "within",  N_("within") },
  [KDX_CONDITION_NOT_WITHIN_DAYS] = { "!within", N_("not within") },
};

/* What each type of column takes, in the order a menu offers it. */
static const KdxConditionOp text_ops[] = {
  KDX_CONDITION_IS, KDX_CONDITION_IS_NOT, KDX_CONDITION_CONTAINS,
  KDX_CONDITION_EMPTY, KDX_CONDITION_NOT_EMPTY,
};
static const KdxConditionOp decimal_ops[] = {
  KDX_CONDITION_IS, KDX_CONDITION_IS_NOT, KDX_CONDITION_AT_LEAST, KDX_CONDITION_AT_MOST,
  KDX_CONDITION_EMPTY, KDX_CONDITION_NOT_EMPTY,
};
static const KdxConditionOp int_ops[] = {
  KDX_CONDITION_IS, KDX_CONDITION_IS_NOT, KDX_CONDITION_AT_LEAST, KDX_CONDITION_AT_MOST,
};
static const KdxConditionOp enum_ops[] = {
  KDX_CONDITION_IS, KDX_CONDITION_IS_NOT, KDX_CONDITION_EMPTY, KDX_CONDITION_NOT_EMPTY,
};
static const KdxConditionOp bool_ops[] = {
  KDX_CONDITION_IS, KDX_CONDITION_IS_NOT,
};
static const KdxConditionOp date_ops[] = {
  KDX_CONDITION_IS, KDX_CONDITION_IS_NOT, KDX_CONDITION_BEFORE, KDX_CONDITION_AFTER,
  KDX_CONDITION_AT_LEAST, KDX_CONDITION_AT_MOST, KDX_CONDITION_WITHIN_DAYS,
  KDX_CONDITION_NOT_WITHIN_DAYS, KDX_CONDITION_EMPTY, KDX_CONDITION_NOT_EMPTY,
};
static const KdxConditionOp list_ops[] = {
  KDX_CONDITION_IS, KDX_CONDITION_IS_NOT, KDX_CONDITION_CONTAINS,
  KDX_CONDITION_EMPTY, KDX_CONDITION_NOT_EMPTY,
};

const KdxConditionOp *
kdx_condition_ops_for (const KdxField *column,
                       guint          *n_ops)
{
#define OPS(list) (*n_ops = G_N_ELEMENTS (list), list)
  switch (column->type)
    {
    case KDX_FIELD_INT:
      return OPS (int_ops);
    case KDX_FIELD_DECIMAL:
      return OPS (decimal_ops);
    case KDX_FIELD_DATE:
    case KDX_FIELD_DATETIME:
      return OPS (date_ops);
    case KDX_FIELD_BOOL:
      return OPS (bool_ops);
    case KDX_FIELD_ENUM:
      /* Every KOL has a stage; its first value is Candidate, not "none". */
      if (column->enum_type == kdx_stage_get_type)
        return OPS (bool_ops);
      return OPS (enum_ops);
    case KDX_FIELD_TAGS:
      return OPS (list_ops);
    case KDX_FIELD_IMAGE:
      *n_ops = 0;
      return NULL;
    case KDX_FIELD_TEXT:
    default:
      return OPS (text_ops);
    }
#undef OPS
}

gboolean
kdx_condition_op_applies (const KdxField *column,
                          KdxConditionOp  op)
{
  guint n_ops;
  const KdxConditionOp *ops = kdx_condition_ops_for (column, &n_ops);

  for (guint i = 0; i < n_ops; i++)
    if (ops[i] == op)
      return TRUE;
  return FALSE;
}

const char *
kdx_condition_op_get_label (KdxConditionOp op)
{
  g_return_val_if_fail (op < KDX_CONDITION_N_OPS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, op_infos[op].label);
}

gboolean
kdx_condition_op_has_value (KdxConditionOp op)
{
  return op != KDX_CONDITION_EMPTY && op != KDX_CONDITION_NOT_EMPTY;
}

/* "today", "+7d", "-30d" (the d may be left out): the number of days
 * from today, or FALSE when @text is not relative. */
static gboolean
parse_relative (const char *text,
                gint64     *days)
{
  const char *p = text;
  char *end = NULL;
  gint64 n;

  if (g_ascii_strcasecmp (text, "today") == 0)
    {
      *days = 0;
      return TRUE;
    }
  if (*p != '+' && *p != '-')
    return FALSE;
  if (!g_ascii_isdigit (p[1]))
    return FALSE;
  n = g_ascii_strtoll (p + 1, &end, 10);
  if (*end == 'd' || *end == 'D')
    end++;
  if (*end != '\0' || n > 100000)
    return FALSE;
  *days = *p == '-' ? -n : n;
  return TRUE;
}

char *
kdx_condition_resolve_date (const char *value,
                            const char *today)
{
  gint64 days;
  GDate date;

  if (value == NULL)
    return NULL;
  if (!parse_relative (value, &days))
    return kdx_value_parse_date (value);

  {
    /* @today is always ISO: take its parts, whatever the locale's order. */
    int y, m, d;

    if (today == NULL || strlen (today) != 10 || sscanf (today, "%4d-%2d-%2d", &y, &m, &d) != 3
        || !g_date_valid_dmy (d, m, y))
      return NULL;
    g_date_clear (&date, 1);
    g_date_set_dmy (&date, d, m, y);
  }
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date));
}

static gboolean
fail_value (GError        **error,
            const KdxField *field,
            const char     *value,
            const char     *why)
{
  g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
               /* Translators: field name, the value given, then why it does not fit */
               _("%s: “%s” %s"), field->name, value, why);
  return FALSE;
}

/* The canonical form of @value for a condition @op on @field, or FALSE
 * with an error naming both. */
static gboolean
canonical_value (const KdxField  *field,
                 KdxConditionOp   op,
                 const char      *value,
                 char           **canonical,
                 GError         **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value != NULL ? value : ""));

  if (op == KDX_CONDITION_WITHIN_DAYS || op == KDX_CONDITION_NOT_WITHIN_DAYS)
    {
      char *end = NULL;
      gint64 days;

      if (!g_ascii_isdigit (trimmed[0]))
        return fail_value (error, field, trimmed, _("is not a number of days"));
      days = g_ascii_strtoll (trimmed, &end, 10);
      if (*end == 'd' || *end == 'D')
        end++;
      if (*end != '\0' || days > 100000)
        return fail_value (error, field, trimmed, _("is not a number of days"));
      *canonical = g_strdup_printf ("%" G_GINT64_FORMAT, days);
      return TRUE;
    }

  if (*trimmed == '\0')
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                   _("%s: the condition “%s” needs a value"),
                   field->name, kdx_condition_op_get_label (op));
      return FALSE;
    }

  if (field->type == KDX_FIELD_DATE || field->type == KDX_FIELD_DATETIME)
    {
      gint64 days;
      char *date;

      /* Relative dates stay as written: they move with the day. */
      if (parse_relative (trimmed, &days))
        {
          *canonical = g_ascii_strdown (trimmed, -1);
          return TRUE;
        }
      date = kdx_value_parse_date (trimmed);
      if (date == NULL)
        return fail_value (error, field, trimmed,
                           _("is not a date (write it as YYYY-MM-DD, today, +7d or -30d)"));
      *canonical = date;
      return TRUE;
    }

  if (field->type == KDX_FIELD_TAGS || op == KDX_CONDITION_CONTAINS)
    {
      /* A tag or a piece of text, as typed. */
      *canonical = g_steal_pointer (&trimmed);
      return TRUE;
    }

  {
    g_auto(GValue) parsed = G_VALUE_INIT;

    if (!kdx_field_parse (field, trimmed, &parsed, error))
      return FALSE;
    *canonical = kdx_field_to_string (field, &parsed);
    return TRUE;
  }
}

KdxCondition *
kdx_condition_new (const char      *field,
                   KdxConditionOp   op,
                   const char      *value,
                   GError         **error)
{
  const KdxField *column;
  g_autofree char *canonical = NULL;
  KdxCondition *self;

  g_return_val_if_fail (op < KDX_CONDITION_N_OPS, NULL);

  if ((column = kdx_kol_column_lookup (field, error)) == NULL)
    return NULL;

  /* "is" nothing is "is empty" (owner= in the CLI). */
  if (op == KDX_CONDITION_IS || op == KDX_CONDITION_IS_NOT)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (value != NULL ? value : ""));
      if (*trimmed == '\0' && kdx_condition_op_applies (column, KDX_CONDITION_EMPTY))
        op = op == KDX_CONDITION_IS ? KDX_CONDITION_EMPTY : KDX_CONDITION_NOT_EMPTY;
    }

  if (!kdx_condition_op_applies (column, op))
    {
      g_autoptr(GString) fits = g_string_new (NULL);
      guint n_ops;
      const KdxConditionOp *ops = kdx_condition_ops_for (column, &n_ops);

      for (guint i = 0; i < n_ops; i++)
        g_string_append_printf (fits, "%s%s", i > 0 ? ", " : "", kdx_condition_op_get_label (ops[i]));
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                   /* Translators: a field name, an operator such as "contains", the operators that fit */
                   _("%s: “%s” does not apply to this field (it takes: %s)"),
                   column->name, kdx_condition_op_get_label (op), fits->str);
      return NULL;
    }

  if (kdx_condition_op_has_value (op)
      && !canonical_value (column, op, value, &canonical, error))
    return NULL;

  self = g_new0 (KdxCondition, 1);
  self->field = column;
  self->op = op;
  self->value = g_steal_pointer (&canonical);
  return self;
}

/* The operator at @text, longest first; a word needs a space or the end
 * after it. Returns its length, 0 when there is none. */
static gsize
match_op (const char     *text,
          KdxConditionOp *op)
{
  static const struct { const char *symbol; KdxConditionOp op; gboolean word; } ops[] = {
    { "!within", KDX_CONDITION_NOT_WITHIN_DAYS, TRUE },
    { "within", KDX_CONDITION_WITHIN_DAYS, TRUE },
    { "!empty", KDX_CONDITION_NOT_EMPTY, TRUE },
    { "empty", KDX_CONDITION_EMPTY, TRUE },
    { "!=", KDX_CONDITION_IS_NOT, FALSE },
    { ">=", KDX_CONDITION_AT_LEAST, FALSE },
    { "<=", KDX_CONDITION_AT_MOST, FALSE },
    { "=", KDX_CONDITION_IS, FALSE },
    { "~", KDX_CONDITION_CONTAINS, FALSE },
    { "<", KDX_CONDITION_BEFORE, FALSE },
    { ">", KDX_CONDITION_AFTER, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      gsize len = strlen (ops[i].symbol);

      if (strncmp (text, ops[i].symbol, len) != 0)
        continue;
      if (ops[i].word && text[len] != '\0' && !g_ascii_isspace (text[len]))
        continue;
      *op = ops[i].op;
      return len;
    }
  return 0;
}

KdxCondition *
kdx_condition_parse (const char  *text,
                     GError     **error)
{
  g_autofree char *field = NULL;
  const char *p = text;
  const char *start;
  KdxConditionOp op;
  gsize op_len;

  g_return_val_if_fail (text != NULL, NULL);

  while (g_ascii_isspace (*p))
    p++;
  start = p;
  while (g_ascii_isalnum (*p) || *p == '_')
    p++;
  field = g_strndup (start, p - start);
  while (g_ascii_isspace (*p))
    p++;

  if (*field == '\0' || (op_len = match_op (p, &op)) == 0)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                   _("“%s” is not a condition: write FIELD OP VALUE with OP one of "
                     "= != ~ >= <= < > within !within (for example tier=head, "
                     "fit_score>=4, tags~美妆, owner= for empty)"), text);
      return NULL;
    }
  p += op_len;

  while (g_ascii_isspace (*p))
    p++;
  if ((op == KDX_CONDITION_EMPTY || op == KDX_CONDITION_NOT_EMPTY) && *p != '\0')
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                   _("%s: “%s” takes no value, but “%s” follows it"),
                   field, kdx_condition_op_get_label (op), p);
      return NULL;
    }
  return kdx_condition_new (field, op, p, error);
}

KdxCondition *
kdx_condition_copy (const KdxCondition *self)
{
  KdxCondition *copy = g_new0 (KdxCondition, 1);

  copy->field = self->field;
  copy->op = self->op;
  copy->value = g_strdup (self->value);
  return copy;
}

void
kdx_condition_free (KdxCondition *self)
{
  if (self == NULL)
    return;
  g_free (self->value);
  g_free (self);
}

gboolean
kdx_condition_equal (const KdxCondition *self,
                     const KdxCondition *other)
{
  return self->field == other->field && self->op == other->op
         && g_strcmp0 (self->value, other->value) == 0;
}

const KdxField *
kdx_condition_get_field (const KdxCondition *self)
{
  return self->field;
}

KdxConditionOp
kdx_condition_get_op (const KdxCondition *self)
{
  return self->op;
}

const char *
kdx_condition_get_value (const KdxCondition *self)
{
  return self->value;
}

char *
kdx_condition_to_string (const KdxCondition *self)
{
  const char *symbol = op_infos[self->op].symbol;

  if (self->op == KDX_CONDITION_WITHIN_DAYS || self->op == KDX_CONDITION_NOT_WITHIN_DAYS)
    return g_strdup_printf ("%s %s %s", self->field->name, symbol, self->value);
  return g_strdup_printf ("%s%s%s", self->field->name, symbol, self->value != NULL ? self->value : "");
}

/* The value as people read it: an enum's label, yes or no, a relative
 * date in words. */
static char *
describe_value (const KdxCondition *self)
{
  const KdxField *field = self->field;
  gint64 days;

  switch (field->type)
    {
    case KDX_FIELD_ENUM:
      {
        int number;
        if (kdx_enum_from_string (field->enum_type (), self->value, &number))
          return g_strdup (kdx_enum_get_label (field->enum_type (), number));
        break;
      }
    case KDX_FIELD_BOOL:
      return g_strdup (g_str_equal (self->value, "true") ? _("yes") : _("no"));
    case KDX_FIELD_DATE:
    case KDX_FIELD_DATETIME:
      if (self->op != KDX_CONDITION_WITHIN_DAYS && self->op != KDX_CONDITION_NOT_WITHIN_DAYS
          && parse_relative (self->value, &days))
        {
          if (days == 0)
            return g_strdup (_("today"));
          /* At most 100,000 days either way (parse_relative()): an int. */
          if (days > 0)
            return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days", days),
                                    (int) days);
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", -days),
                                  (int) -days);
        }
      break;
    default:
      break;
    }
  return g_strdup (self->value);
}

char *
kdx_condition_describe (const KdxCondition *self)
{
  const char *label = kdx_field_get_label (self->field);
  const char *op = kdx_condition_op_get_label (self->op);
  g_autofree char *value = NULL;

  if (!kdx_condition_op_has_value (self->op))
    /* Translators: a field, then "is empty" or "is not empty" */
    return g_strdup_printf (_("%s %s"), label, op);

  if (self->op == KDX_CONDITION_WITHIN_DAYS || self->op == KDX_CONDITION_NOT_WITHIN_DAYS)
    {
      int days = (int) g_ascii_strtoll (self->value, NULL, 10); /* at most 100,000 */
      g_autofree char *span = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), days);
      /* Translators: a field, "within" or "not within", a number of days */
      return g_strdup_printf (_("%s %s %s"), label, op, span);
    }

  value = describe_value (self);
  /* Translators: a field, an operator such as "is" or "contains", a value */
  return g_strdup_printf (_("%s %s %s"), label, op, value);
}
