/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdx-column-mapper-private.h"
#include "kdx-column-mapper.h"
#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-error.h"
#include "kdx-field.h"
#include "kdx-stage.h"
#include "kdx-value.h"

struct _KdxColumnMapper
{
  GObject            parent_instance;

  GHashTable        *overrides; /* folded header -> field name, "" to skip */
  GHashTable        *override_headers; /* folded header -> the header as given */
  KdxUnmappedPolicy  unmapped;
  gboolean           date_1904;

  GPtrArray         *headers;   /* char *, one per column */
  GPtrArray         *fields;    /* const char * or NULL, one per column */
  GArray            *scales;    /* guint power of ten, one per column */
  /* Looked up once per header, not once per cell (issue 16): */
  GPtrArray         *kol_fields; /* const KdxField * or NULL, one per column */
  GArray            *skipped;   /* gboolean: an unmapped column the user skipped */
};

G_DEFINE_FINAL_TYPE (KdxColumnMapper, kdx_column_mapper, G_TYPE_OBJECT)

/* ---- folding -------------------------------------------------------------- */

static char *
fold_header (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  g_autofree char *folded = NULL;
  GString *out = g_string_new (NULL);
  int brackets = 0;

  if (normal == NULL)
    return g_string_free (out, FALSE);
  folded = g_utf8_casefold (normal, -1);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '(' || c == '[' || c == 0x3010 /* 【 */)
        brackets++;
      else if (c == ')' || c == ']' || c == 0x3011 /* 】 */)
        brackets = MAX (brackets - 1, 0);
      else if (brackets > 0 || g_unichar_isspace (c) || strchr ("_-.:*#/'\"", c) != NULL
               || c == 0x3000 || c == 0x00B7 /* · */)
        continue;
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The unit a header gives its numbers, as a power of ten: 粉丝数（万）,
 * 报价/万元, Followers (k). People keep such columns short and mean
 * 12.5 as 125,000. 0 when the header names no unit. */
static guint
header_scale (const char *header)
{
  /* Single letters only in brackets: "Fee/m" is a fee per month. */
  static const struct { const char *unit; guint exponent; gboolean letter; } units[] = {
    { "十万", 5 }, { "十萬", 5 }, { "百万", 6 }, { "百萬", 6 }, { "千万", 7 },
    { "千萬", 7 }, { "万", 4 }, { "萬", 4 }, { "千", 3 }, { "亿", 8 }, { "億", 8 },
    { "thousand", 3 }, { "thousands", 3 }, { "million", 6 }, { "millions", 6 },
    { "w", 4, TRUE }, { "k", 3, TRUE }, { "m", 6, TRUE }, { "mn", 6, TRUE },
  };
  gboolean bracketed = FALSE;
  static const char *const noise[] = {
    "单位", "單位", "unit", ":", "人", "元", "rmb", "cny", "yuan", "¥", "$",
  };
  g_autofree char *normal = g_utf8_normalize (header, -1, G_NORMALIZE_NFKC);
  g_autofree char *folded = NULL;
  g_autoptr(GString) hint = NULL;
  const char *open;
  const char *close;

  if (normal == NULL)
    return 0;
  folded = g_utf8_casefold (normal, -1);

  /* The hint is what the last brackets hold, or what follows a slash. */
  close = strrchr (folded, ')');
  open = close != NULL ? g_strrstr_len (folded, close - folded, "(") : NULL;
  if (open == NULL && (close = g_strrstr (folded, "】")) != NULL)
    open = g_strrstr_len (folded, close - folded, "【");
  if (open == NULL && (close = strrchr (folded, ']')) != NULL)
    open = g_strrstr_len (folded, close - folded, "[");
  if (open != NULL)
    {
      hint = g_string_new_len (g_utf8_next_char (open), close - g_utf8_next_char (open));
      bracketed = TRUE;
    }
  else if ((open = strrchr (folded, '/')) != NULL)
    hint = g_string_new (open + 1);
  else
    return 0;

  g_strstrip (hint->str);
  g_string_set_size (hint, strlen (hint->str));
  if (g_str_has_prefix (hint->str, "in "))
    g_string_erase (hint, 0, 3);
  for (guint i = 0; i < G_N_ELEMENTS (noise); i++)
    g_string_replace (hint, noise[i], "", 0);
  g_string_replace (hint, " ", "", 0);

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (hint->str, units[i].unit) && (bracketed || !units[i].letter))
      return units[i].exponent;
  return 0;
}

static GHashTable *
header_index (void)
{
  static GHashTable *index = NULL;

  if (g_once_init_enter (&index))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      const KdxField *fields;
      guint n_fields;

      for (guint i = 0; i < kdx_mapper_n_header_table; i++)
        for (guint j = 0; kdx_mapper_header_table[i].headers[j] != NULL; j++)
          g_hash_table_insert (table, fold_header (kdx_mapper_header_table[i].headers[j]),
                               (gpointer) kdx_mapper_header_table[i].field);

      /* The canonical names and labels of every field a spreadsheet may
       * set, unless a header above already means something else ("ID"). */
      fields = kdx_record_type_get_fields (KDX_TYPE_KOL, &n_fields);
      for (guint i = 0; i < n_fields; i++)
        {
          const char *names[] = { fields[i].name, fields[i].label, kdx_field_get_label (&fields[i]) };

          if (fields[i].flags & KDX_FIELD_FLAG_READ_ONLY || fields[i].type == KDX_FIELD_IMAGE)
            continue;
          for (guint j = 0; j < G_N_ELEMENTS (names); j++)
            {
              char *key = fold_header (names[j]);

              if (g_hash_table_contains (table, key))
                g_free (key);
              else
                g_hash_table_insert (table, key, (gpointer) fields[i].name);
            }
        }
      g_once_init_leave (&index, table);
    }
  return index;
}

/**
 * kdx_column_mapper_guess_field:
 *
 * Returns: (nullable): the field a header names, such as "followers" for
 *   粉丝数 or "Followers", or NULL
 */
const char *
kdx_column_mapper_guess_field (const char *header)
{
  g_autofree char *folded = NULL;
  const char *field;
  const char *slash;

  if (header == NULL)
    return NULL;
  folded = fold_header (header);
  if (*folded == '\0')
    return NULL;
  if ((field = g_hash_table_lookup (header_index (), folded)) != NULL)
    return field;

  /* 粉丝数/万, 昵称/Nickname: what comes before a slash may name it. */
  if ((slash = strrchr (header, '/')) != NULL && slash > header)
    {
      g_autofree char *before = g_strndup (header, slash - header);
      return kdx_column_mapper_guess_field (before);
    }
  return NULL;
}

/* ---- GObject -------------------------------------------------------------- */

static void
kdx_column_mapper_finalize (GObject *object)
{
  KdxColumnMapper *self = KDX_COLUMN_MAPPER (object);

  g_hash_table_unref (self->overrides);
  g_hash_table_unref (self->override_headers);
  g_ptr_array_unref (self->headers);
  g_ptr_array_unref (self->fields);
  g_array_unref (self->scales);
  g_ptr_array_unref (self->kol_fields);
  g_array_unref (self->skipped);

  G_OBJECT_CLASS (kdx_column_mapper_parent_class)->finalize (object);
}

static void
kdx_column_mapper_class_init (KdxColumnMapperClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kdx_column_mapper_finalize;
}

static void
kdx_column_mapper_init (KdxColumnMapper *self)
{
  self->overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->override_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->headers = g_ptr_array_new_with_free_func (g_free);
  self->fields = g_ptr_array_new ();
  self->scales = g_array_new (FALSE, TRUE, sizeof (guint));
  self->kol_fields = g_ptr_array_new ();
  self->skipped = g_array_new (FALSE, TRUE, sizeof (gboolean));
}

KdxColumnMapper *
kdx_column_mapper_new (void)
{
  return g_object_new (KDX_TYPE_COLUMN_MAPPER, NULL);
}

/* ---- the header ----------------------------------------------------------- */

/**
 * kdx_column_mapper_add_override:
 * @field: (nullable): a field of shared/FIELDS.md, or NULL, "" or "-" to
 *   skip the column
 *
 * Maps the column headed @header to @field, whatever the guess would be.
 */
gboolean
kdx_column_mapper_add_override (KdxColumnMapper  *self,
                                const char       *header,
                                const char       *field,
                                GError          **error)
{
  g_return_val_if_fail (KDX_IS_COLUMN_MAPPER (self), FALSE);
  g_return_val_if_fail (header != NULL, FALSE);

  if (field == NULL || g_str_equal (field, "-"))
    field = "";
  if (*field != '\0')
    {
      const KdxField *known = kdx_record_type_find_field (KDX_TYPE_KOL, field);

      if (known == NULL)
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_UNKNOWN_FIELD,
                       _("%s: no such field (“koldex-cli add --help” lists them)"), field);
          return FALSE;
        }
      if (known->flags & KDX_FIELD_FLAG_READ_ONLY || known->type == KDX_FIELD_IMAGE)
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_READ_ONLY_FIELD,
                       _("%s: this field cannot be imported from a spreadsheet"), field);
          return FALSE;
        }
    }

  g_hash_table_replace (self->overrides, fold_header (header), g_strdup (field));
  g_hash_table_replace (self->override_headers, fold_header (header), g_strdup (header));
  return TRUE;
}

void
kdx_column_mapper_set_unmapped_policy (KdxColumnMapper   *self,
                                       KdxUnmappedPolicy  policy)
{
  g_return_if_fail (KDX_IS_COLUMN_MAPPER (self));
  self->unmapped = policy;
}

/* Date serials in plain number cells count from 1904 in old Mac workbooks. */
void
kdx_column_mapper_set_date_1904 (KdxColumnMapper *self,
                                 gboolean         date_1904)
{
  g_return_if_fail (KDX_IS_COLUMN_MAPPER (self));
  self->date_1904 = !!date_1904;
}

/* The field for a header, the user's choice first. "" means skip. */
static const char *
field_for_header (KdxColumnMapper *self,
                  const char      *header)
{
  g_autofree char *folded = fold_header (header);
  const char *field = g_hash_table_lookup (self->overrides, folded);

  if (field != NULL)
    return field;
  return kdx_column_mapper_guess_field (header);
}

/* Whether the user said to leave this column out (--map HEADER=, or
 * "Don't import" in the assistant): such a column is not kept in notes. */
static gboolean
is_skipped (KdxColumnMapper *self,
            const char      *header)
{
  g_autofree char *folded = header != NULL ? fold_header (header) : NULL;
  const char *field = folded != NULL ? g_hash_table_lookup (self->overrides, folded) : NULL;

  return field != NULL && *field == '\0';
}

/* Whether the (folded) header is the field's own name or label, in
 * English or as translated, rather than one of the ways people write it. */
static gboolean
names_field (const char *folded,
             const char *field_name)
{
  const KdxField *fields;
  guint n_fields;

  fields = kdx_record_type_get_fields (KDX_TYPE_KOL, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *names[] = { fields[i].name, fields[i].label, kdx_field_get_label (&fields[i]) };

      if (!g_str_equal (fields[i].name, field_name))
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (names); j++)
        {
          g_autofree char *name = fold_header (names[j]);
          if (g_str_equal (name, folded))
            return TRUE;
        }
    }
  return FALSE;
}

static guint
score_row (KdxColumnMapper *self,
           GPtrArray       *cells)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < cells->len; i++)
    {
      const KdxCell *cell = g_ptr_array_index (cells, i);
      const char *field;

      if (cell->type != KDX_CELL_TEXT)
        continue;
      field = field_for_header (self, cell->text);
      if (field != NULL && *field != '\0')
        g_hash_table_add (seen, (gpointer) field);
    }
  return g_hash_table_size (seen);
}

/**
 * kdx_column_mapper_find_header:
 * @rows: (element-type GPtrArray): the first rows of a sheet
 *
 * The header row is the one whose cells name the most fields: lists often
 * start with a title row or two ("2024 KOL 候选名单") above it. When no
 * row names a field, the first row is the header. Only the first
 * %KDX_IMPORT_HEADER_SEARCH_ROWS rows are looked at.
 *
 * Returns: its index in @rows
 */
guint
kdx_column_mapper_find_header (KdxColumnMapper *self,
                               GPtrArray       *rows)
{
  guint best = 0;
  guint best_score = 0;

  g_return_val_if_fail (KDX_IS_COLUMN_MAPPER (self), 0);

  for (guint i = 0; i < MIN (rows->len, KDX_IMPORT_HEADER_SEARCH_ROWS); i++)
    {
      guint score = score_row (self, g_ptr_array_index (rows, i));

      if (score > best_score)
        {
          best = i;
          best_score = score;
        }
    }
  return best;
}

/* Takes @cells as the header row and maps each column. A field already
 * taken by a column to the left leaves this one unmapped, except notes
 * and tags, which gather every column mapped to them. */
gboolean
kdx_column_mapper_set_header (KdxColumnMapper  *self,
                              GPtrArray        *cells,
                              guint             row_number,
                              GError          **error)
{
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) used_overrides = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  const char *folded_override;

  g_return_val_if_fail (KDX_IS_COLUMN_MAPPER (self), FALSE);

  g_ptr_array_set_size (self->headers, 0);
  g_ptr_array_set_size (self->fields, 0);
  g_array_set_size (self->scales, 0);

  /* Two rounds: a header that names its field exactly (the field's name
   * or label, or the user's --map) claims it before one that only
   * resembles it. A Koldex export has both "ID" (the KOL's id) and
   * "Handle"; "ID" must not take the handle away. */
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < cells->len; i++)
      {
        const KdxCell *cell = g_ptr_array_index (cells, i);
        g_autofree char *header = g_strstrip (g_strdup (cell->text));
        g_autofree char *folded = fold_header (header);
        const char *field;
        gboolean exact;

        if (*header == '\0')
          {
            g_free (header);
            header = g_strdup_printf (_("Column %u"), i + 1);
          }
        if (round == 0 && g_hash_table_contains (self->overrides, folded))
          g_hash_table_add (used_overrides, g_hash_table_lookup (self->override_headers, folded));

        field = field_for_header (self, header);
        if (field != NULL && *field == '\0')
          field = NULL;
        exact = field != NULL && (g_hash_table_contains (self->overrides, folded) || names_field (folded, field));

        if (round == 0)
          {
            guint scale = header_scale (header);

            g_array_append_val (self->scales, scale);
            g_ptr_array_add (self->headers, g_steal_pointer (&header));
            g_ptr_array_add (self->fields, NULL);
            if (!exact)
              continue;
          }
        else if (exact || g_ptr_array_index (self->fields, i) != NULL)
          continue;

        if (field != NULL && g_hash_table_contains (taken, field)
            && !g_str_equal (field, "notes") && !g_str_equal (field, "tags"))
          field = NULL;
        if (field != NULL)
          g_hash_table_add (taken, (gpointer) field);
        g_ptr_array_index (self->fields, i) = (gpointer) field;
      }

  g_ptr_array_set_size (self->kol_fields, 0);
  g_array_set_size (self->skipped, 0);
  for (guint i = 0; i < self->fields->len; i++)
    {
      const char *field = g_ptr_array_index (self->fields, i);
      gboolean skipped = is_skipped (self, g_ptr_array_index (self->headers, i));

      g_ptr_array_add (self->kol_fields, field != NULL ? (gpointer) kdx_record_type_find_field (KDX_TYPE_KOL, field) : NULL);
      g_array_append_val (self->skipped, skipped);
    }

  /* A --map for a header that is not there is a typo the user wants to know of. */
  g_hash_table_iter_init (&iter, self->override_headers);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &folded_override))
    if (!g_hash_table_contains (used_overrides, folded_override))
      {
        g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND,
                     _("there is no column “%s” in the header row (row %u)"),
                     folded_override, row_number);
        return FALSE;
      }
  return TRUE;
}

guint
kdx_column_mapper_get_n_columns (KdxColumnMapper *self)
{
  g_return_val_if_fail (KDX_IS_COLUMN_MAPPER (self), 0);
  return self->headers->len;
}

const char *
kdx_column_mapper_get_header (KdxColumnMapper *self,
                              guint            column)
{
  g_return_val_if_fail (KDX_IS_COLUMN_MAPPER (self), NULL);
  return column < self->headers->len ? g_ptr_array_index (self->headers, column) : NULL;
}

/* Returns: (nullable): the field column @column (from 0) goes to */
const char *
kdx_column_mapper_get_field (KdxColumnMapper *self,
                             guint            column)
{
  g_return_val_if_fail (KDX_IS_COLUMN_MAPPER (self), NULL);
  return column < self->fields->len ? g_ptr_array_index (self->fields, column) : NULL;
}

/**
 * kdx_column_mapper_get_scale:
 *
 * Returns: the power of ten the header of column @column (from 0) says
 *   its counts and amounts are in, such as 4 for 粉丝数（万）; 0 for none
 */
guint
kdx_column_mapper_get_scale (KdxColumnMapper *self,
                             guint            column)
{
  const KdxField *field;

  g_return_val_if_fail (KDX_IS_COLUMN_MAPPER (self), 0);

  /* Only counts and amounts have units: "Height (m)" in notes stays text. */
  if (column >= self->kol_fields->len || (field = g_ptr_array_index (self->kol_fields, column)) == NULL)
    return 0;
  if (field->check != KDX_FIELD_CHECK_COUNT && field->type != KDX_FIELD_DECIMAL)
    return 0;
  return g_array_index (self->scales, guint, column);
}

/* Returns: the scale of column @column as a number to show, "10,000" */
char *
kdx_column_mapper_get_scale_factor (KdxColumnMapper *self,
                                    guint            column)
{
  gint64 factor = 1;

  for (guint i = 0; i < kdx_column_mapper_get_scale (self, column); i++)
    factor *= 10;
  return kdx_value_format_int (factor);
}

/* ---- values --------------------------------------------------------------- */

/* kdx_mapper_value_table as field name → (alias → value), made once:
 * the table was scanned, a string compared per entry, for every enum
 * cell of an import. The first entry of an alias wins, as in the scan. */
static GHashTable *
value_aliases (void)
{
  static GHashTable *fields;

  if (g_once_init_enter (&fields))
    {
      GHashTable *made = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                (GDestroyNotify) g_hash_table_unref);

      for (guint i = 0; i < kdx_mapper_n_value_table; i++)
        {
          const KdxMapperValue *entry = &kdx_mapper_value_table[i];
          GHashTable *aliases = g_hash_table_lookup (made, entry->field);

          if (aliases == NULL)
            {
              aliases = g_hash_table_new (g_str_hash, g_str_equal);
              g_hash_table_insert (made, (gpointer) entry->field, aliases);
            }
          for (guint j = 0; entry->aliases[j] != NULL; j++)
            if (!g_hash_table_contains (aliases, entry->aliases[j]))
              g_hash_table_insert (aliases, (gpointer) entry->aliases[j], (gpointer) entry->value);
        }
      g_once_init_leave (&fields, made);
    }
  return fields;
}

static char *
normalize_enum (const KdxField *field,
                const char     *text)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (field->enum_type ());
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GHashTable *aliases = g_hash_table_lookup (value_aliases (), field->name);
  const char *value;

  if (aliases != NULL && (value = g_hash_table_lookup (aliases, folded)) != NULL)
    return g_strdup (value);

  /* Most cells hold a stored value as it is (a Koldex export always
   * does): no need to fold every label for it. No label of one value is
   * another value's name, so this finds what the loop below would. */
  for (guint i = 0; i < klass->n_values; i++)
    if (g_str_equal (folded, klass->values[i].value_nick))
      return g_strdup (klass->values[i].value_nick);

  for (guint i = 0; i < klass->n_values; i++)
    {
      g_autofree char *nick = g_utf8_casefold (klass->values[i].value_nick, -1);
      g_autofree char *label = g_utf8_casefold (kdx_enum_get_label (field->enum_type (),
                                                                    klass->values[i].value), -1);
      if (g_str_equal (folded, nick) || g_str_equal (folded, label))
        return g_strdup (klass->values[i].value_nick);
    }
  return g_strdup (text);
}

static char *
serial_to_date (const char *text,
                gboolean    date_1904)
{
  g_autofree char *iso = NULL;
  char *end = NULL;
  double serial = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0' || serial < 1)
    return NULL;
  iso = kdx_cell_format_serial (serial, date_1904);
  if (iso == NULL || strlen (iso) < 10 || iso[4] != '-')
    return NULL;
  iso[10] = '\0';
  return g_steal_pointer (&iso);
}

/* NFKC (full-width to plain digits), which leaves ASCII as it is: most
 * counts are plain digits, and NFKC of every one was a cost per row. */
static char *
normalize_width (char *text)
{
  g_autofree char *owned = text;

  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  return g_steal_pointer (&owned);
}

/**
 * kdx_column_mapper_normalize:
 *
 * The text kdx_record_set_from_string() should get for @cell in @field:
 * dates from date cells, spreadsheet serials and "2024-03-01 10:00";
 * enum values written in Chinese or as labels; full-width digits.
 */
char *
kdx_column_mapper_normalize (KdxColumnMapper *self,
                             const KdxField  *field,
                             const KdxCell   *cell)
{
  g_autofree char *text = g_strstrip (g_strdup (cell->text));

  /* Excel keeps Alt+Enter line breaks as CRLF (_x000D_ and a newline);
   * a KOL file's text has plain newlines. */
  if (strchr (text, '\r') != NULL)
    {
      g_autoptr(GString) lines = g_string_new (text);

      g_string_replace (lines, "\r\n", "\n", 0);
      g_string_replace (lines, "\r", "\n", 0);
      g_free (text);
      text = g_string_free (g_steal_pointer (&lines), FALSE);
    }

  switch (field->type)
    {
    case KDX_FIELD_DATE:
      {
        g_autofree char *date = NULL;

        if (cell->type == KDX_CELL_DATE || (strlen (text) > 10 && text[10] == ' '))
          {
            /* The day of a date and time. */
            char *space = strchr (text, ' ');
            if (space != NULL)
              *space = '\0';
          }
        if ((date = kdx_value_parse_date (text)) != NULL)
          return g_steal_pointer (&date);
        /* A serial from a number cell, or typed as digits into a CSV. */
        if ((cell->type == KDX_CELL_NUMBER || cell->type == KDX_CELL_TEXT)
            && (date = serial_to_date (text, self->date_1904)) != NULL)
          return g_steal_pointer (&date);
        return g_steal_pointer (&text);
      }

    case KDX_FIELD_ENUM:
      return normalize_enum (field, text);

    case KDX_FIELD_INT:
    case KDX_FIELD_DECIMAL:
      /* Full-width digits and commas from a Chinese input method. */
      return normalize_width (g_steal_pointer (&text));

    case KDX_FIELD_TEXT:
      if (field->check == KDX_FIELD_CHECK_PHONE)
        return normalize_width (g_steal_pointer (&text));
      return g_steal_pointer (&text);

    default:
      return g_steal_pointer (&text);
    }
}

/* "followers: “12.5x” is not a count" says its column and value twice in
 * a report that has both already. */
static const char *
reason_of (const GError *error,
           const char   *field,
           const char   *value)
{
  /* Made as the error was, so it matches in every language. */
  g_autofree char *prefix = g_strdup_printf (_("%s: “%s” %s"), field, value, "");

  if (g_str_has_prefix (error->message, prefix))
    return error->message + strlen (prefix);
  return error->message;
}

/**
 * kdx_column_mapper_make_kol:
 *
 * A KOL file from one row, or NULL when the row is rejected: it has no
 * display name. A value that does not fit its field is left out of the
 * file. Each reason goes to @report as a problem of row @row_number.
 */
KdxKol *
kdx_column_mapper_make_kol (KdxColumnMapper *self,
                            GPtrArray       *cells,
                            guint            row_number,
                            KdxImportReport *report)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_return_val_if_fail (KDX_IS_COLUMN_MAPPER (self), NULL);

  for (guint i = 0; i < cells->len; i++)
    {
      const KdxCell *cell = g_ptr_array_index (cells, i);
      const char *name = kdx_column_mapper_get_field (self, i);
      const char *header = kdx_column_mapper_get_header (self, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      const KdxField *field;

      if (cell->type == KDX_CELL_EMPTY || *g_strstrip (cell->text) == '\0')
        continue;

      if (name == NULL)
        {
          if (self->unmapped == KDX_UNMAPPED_NOTES && !g_array_index (self->skipped, gboolean, i))
            {
              g_autofree char *numbered = header == NULL ? g_strdup_printf (_("Column %u"), i + 1) : NULL;

              g_ptr_array_add (extra, g_strconcat (header != NULL ? header : numbered, ": ", cell->text, NULL));
            }
          continue;
        }

      field = g_ptr_array_index (self->kol_fields, i);
      text = kdx_column_mapper_normalize (self, field, cell);
      if (g_str_equal (name, "notes"))
        {
          g_ptr_array_add (notes, g_steal_pointer (&text));
          continue;
        }
      if (g_str_equal (name, "tags"))
        {
          g_ptr_array_add (tags, g_steal_pointer (&text));
          continue;
        }
      /* 12.5 in a column headed in 万 is 125,000; a value with a unit of
       * its own (12.5万) is left as it was written. */
      if (kdx_column_mapper_get_scale (self, i) > 0)
        {
          char *scaled = kdx_value_scale_decimal (text, kdx_column_mapper_get_scale (self, i));
          if (scaled != NULL)
            {
              g_free (text);
              text = scaled;
            }
        }
      /* One bad cell costs that field, not the row: the rest of what
       * the operator collected still lands, and the cell is reported. */
      if (!kdx_record_set_field_from_string (KDX_RECORD (kol), field, text, &error))
        kdx_import_report_add_problem (report, row_number, header, cell->text,
                                       reason_of (error, name, g_strstrip (text)));
    }

  if (notes->len > 0 || extra->len > 0)
    {
      g_autoptr(GString) joined = g_string_new (NULL);

      for (guint i = 0; i < notes->len; i++)
        {
          if (joined->len > 0)
            g_string_append_c (joined, '\n');
          g_string_append (joined, g_ptr_array_index (notes, i));
        }
      for (guint i = 0; i < extra->len; i++)
        {
          if (joined->len > 0)
            g_string_append_c (joined, '\n');
          g_string_append (joined, g_ptr_array_index (extra, i));
        }
      g_object_set (kol, "notes", joined->str, NULL);
    }
  if (tags->len > 0)
    {
      g_ptr_array_add (tags, NULL);
      {
        g_autofree char *joined = g_strjoinv (",", (char **) tags->pdata);
        g_autoptr(GError) error = NULL;

        if (!kdx_record_set_from_string (KDX_RECORD (kol), "tags", joined, &error))
          kdx_import_report_add_problem (report, row_number, "tags", joined, error->message);
      }
    }

  if (kdx_kol_get_display_name (kol) == NULL || *kdx_kol_get_display_name (kol) == '\0')
    {
      const char *column = NULL;

      for (guint i = 0; i < self->fields->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->fields, i), "display_name") == 0)
          column = g_ptr_array_index (self->headers, i);
      kdx_import_report_add_problem (report, row_number, column, "",
                                     column != NULL
                                       ? _("the display name is missing")
                                       : _("no column holds the display name (map one with --map HEADER=display_name)"));
      return NULL;
    }

  return g_steal_pointer (&kol);
}
