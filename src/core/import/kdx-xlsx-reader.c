/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdx-error.h"
#include "kdx-import-zip.h"
#include "kdx-xlsx-reader.h"

/* Parts are found the way Excel finds them, through relationships:
 * _rels/.rels names the workbook, the workbook's .rels names its sheets,
 * shared strings and styles. Writers name sheet parts as they like
 * (WPS and LibreOffice do not always write sheet1.xml for the first). */

struct _KdxXlsxReader
{
  GObject     parent_instance;

  char       *path;
  GStrv       sheet_names;
  GStrv       sheet_parts;
  /* Shared strings held compactly: every string in one buffer, each
   * ended by a NUL, and where each starts. A workbook Excel wrote keeps
   * millions of them; one allocation each would cost more than the text. */
  GString    *shared_text;
  GArray     *shared_starts; /* guint32 offsets into shared_text */
  GByteArray *date_styles; /* per cellXfs index: is the number a date? */
  gboolean    date_1904;

  guint       sheet_index;
  KdxZipXml  *sheet;
  gboolean    done;
  guint       last_row;
  GString    *value;       /* a cell's <v>, kept from row to row */
  GString    *inline_text; /* a cell's <is> text */
};

static void kdx_xlsx_reader_iface_init (KdxTableReaderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdxXlsxReader, kdx_xlsx_reader, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KDX_TYPE_TABLE_READER,
                                                      kdx_xlsx_reader_iface_init))

/* ---- helpers -------------------------------------------------------------- */

/* Excel writes characters XML cannot hold, and a literal "_x", as
 * _xHHHH_ (ECMA-376 Part 1, 22.4.2.4): "_x000D_" is a carriage return,
 * "_x005F_" an underscore. */
char *
kdx_xlsx_unescape (const char *text)
{
  GString *out;
  const char *p;

  if (strstr (text, "_x") == NULL)
    return g_strdup (text);

  out = g_string_new (NULL);
  for (p = text; *p != '\0';)
    {
      if (p[0] == '_' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3])
          && g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_')
        {
          gunichar c = (g_ascii_xdigit_value (p[2]) << 12) | (g_ascii_xdigit_value (p[3]) << 8)
                       | (g_ascii_xdigit_value (p[4]) << 4) | g_ascii_xdigit_value (p[5]);

          if (c != 0 && g_unichar_validate (c))
            g_string_append_unichar (out, c);
          p += 7;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* Whether a number format shows a date or time: it holds d, m, y, h, s,
 * the CJK era, year and weekday codes (e, g, b, aaa), outside quoted text, escapes
 * and [colour]/[$-804] sections; [h] and friends are elapsed times. */
gboolean
kdx_xlsx_format_is_date (const char *format_code)
{
  g_autofree char *lower = NULL;
  const char *p;

  if (format_code == NULL)
    return FALSE;
  lower = g_ascii_strdown (format_code, -1);
  if (strstr (lower, "general") != NULL)
    return FALSE;

  for (p = lower; *p != '\0' && *p != ';'; p++)
    {
      switch (*p)
        {
        case '"':
          p = strchr (p + 1, '"');
          if (p == NULL)
            return FALSE;
          break;
        case '\\':
        case '_':
        case '*':
          if (p[1] != '\0')
            p++;
          break;
        case '[':
          {
            const char *close = strchr (p, ']');

            if (close == NULL)
              return FALSE;
            if (strspn (p + 1, "hms") == (gsize) (close - p - 1) && close > p + 1)
              return TRUE;
            p = close;
          }
          break;
        case 'e':
          if (p[1] == '+' || p[1] == '-')
            {
              p++; /* scientific: 0.00E+00 */
              break;
            }
          return TRUE;
        case 'a':
          if (p[1] == 'a' && p[2] == 'a')
            return TRUE; /* aaa, aaaa: the weekday in Chinese and Japanese */
          break;
        case 'd':
        case 'm':
        case 'y':
        case 'h':
        case 's':
        case 'g':
        case 'b':
          return TRUE;
        default:
          break;
        }
    }
  return FALSE;
}

/* Built-in formats have no formatCode in styles.xml. 14-22 and 45-47 are
 * dates and times everywhere; 27-36 and 50-58 are the CJK ones
 * (yyyy"年"m"月"d"日" and the like) in Chinese, Japanese and Korean
 * Excel. */
static gboolean
builtin_is_date (guint id)
{
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47)
         || (id >= 50 && id <= 58);
}

static char *
resolve_target (const char *base_dir,
                const char *target)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  if (target[0] == '/')
    joined = g_strdup (target + 1);
  else if (*base_dir != '\0')
    joined = g_strconcat (base_dir, "/", target, NULL);
  else
    joined = g_strdup (target);

  parts = g_strsplit (joined, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_str_equal (parts[i], "..") && out->len > 0)
        g_ptr_array_remove_index (out, out->len - 1);
      else if (*parts[i] != '\0' && !g_str_equal (parts[i], ".") && !g_str_equal (parts[i], ".."))
        g_ptr_array_add (out, parts[i]);
    }
  g_ptr_array_add (out, NULL);
  return g_strjoinv ("/", (char **) out->pdata);
}

static char *
dir_of (const char *part)
{
  const char *slash = strrchr (part, '/');

  return slash != NULL ? g_strndup (part, slash - part) : g_strdup ("");
}

typedef struct
{
  char *type;
  char *target; /* resolved to a zip member name */
} Relationship;

static void
relationship_free (Relationship *rel)
{
  g_free (rel->type);
  g_free (rel->target);
  g_free (rel);
}

/* The relationships of @part, by id; an empty table if it has none. */
static GHashTable *
read_relationships (const char  *path,
                    const char  *part,
                    GError     **error)
{
  g_autoptr(GHashTable) rels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) relationship_free);
  g_autofree char *dir = dir_of (part);
  g_autofree char *base = g_path_get_basename (part);
  g_autofree char *rels_part = NULL;
  g_autoptr(KdxZipXml) xml = NULL;
  g_autoptr(GError) local_error = NULL;
  int rc;

  rels_part = *dir != '\0' ? g_strconcat (dir, "/_rels/", base, ".rels", NULL)
                           : g_strconcat ("_rels/", base, ".rels", NULL);
  if (g_str_equal (part, ""))
    {
      g_free (rels_part);
      rels_part = g_strdup ("_rels/.rels");
    }

  xml = kdx_zip_xml_open (path, rels_part, KDX_TABLE_MAX_PART_BYTES, &local_error);
  if (xml == NULL)
    {
      if (g_error_matches (local_error, KDX_ERROR, KDX_ERROR_NOT_FOUND))
        return g_steal_pointer (&rels); /* no relationships */
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  while ((rc = kdx_zip_xml_read (xml, error)) == 1)
    {
      xmlTextReaderPtr reader = kdx_zip_xml_reader (xml);

      if (kdx_xml_is_start (reader, "Relationship"))
        {
          g_autofree char *id = kdx_xml_get_attr (reader, "Id");
          g_autofree char *type = kdx_xml_get_attr (reader, "Type");
          g_autofree char *target = kdx_xml_get_attr (reader, "Target");
          g_autofree char *mode = kdx_xml_get_attr (reader, "TargetMode");
          Relationship *rel;

          if (id == NULL || type == NULL || target == NULL || g_strcmp0 (mode, "External") == 0)
            continue;
          rel = g_new0 (Relationship, 1);
          rel->type = g_steal_pointer (&type);
          rel->target = resolve_target (dir, target);
          g_hash_table_replace (rels, g_steal_pointer (&id), rel);
        }
    }
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&rels);
}

static const char *
find_relationship (GHashTable *rels,
                   const char *type_suffix)
{
  GHashTableIter iter;
  Relationship *rel;

  g_hash_table_iter_init (&iter, rels);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &rel))
    if (g_str_has_suffix (rel->type, type_suffix))
      return rel->target;
  return NULL;
}

static gboolean
append_text (GString     *text,
             const char  *more,
             GError     **error)
{
  g_string_append (text, more);
  if (text->len > KDX_TABLE_MAX_CELL_BYTES)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_FILE_LIMIT,
                   _("a cell holds more than %d KB of text"), KDX_TABLE_MAX_CELL_BYTES / 1024);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_text_type (int type)
{
  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA
         || type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* ---- workbook, shared strings, styles ------------------------------------- */

static gboolean
read_workbook (KdxXlsxReader  *self,
               const char     *workbook,
               GHashTable     *rels,
               GError        **error)
{
  g_autoptr(KdxZipXml) xml = kdx_zip_xml_open (self->path, workbook, KDX_TABLE_MAX_PART_BYTES, error);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  int rc;

  if (xml == NULL)
    return FALSE;

  while ((rc = kdx_zip_xml_read (xml, error)) == 1)
    {
      xmlTextReaderPtr reader = kdx_zip_xml_reader (xml);

      if (kdx_xml_is_start (reader, "workbookPr"))
        {
          g_autofree char *date1904 = kdx_xml_get_attr (reader, "date1904");
          self->date_1904 = g_strcmp0 (date1904, "1") == 0 || g_strcmp0 (date1904, "true") == 0;
        }
      else if (kdx_xml_is_start (reader, "sheet"))
        {
          g_autofree char *name = kdx_xml_get_attr (reader, "name");
          g_autofree char *id = kdx_xml_get_attr (reader, "id");
          Relationship *rel = id != NULL ? g_hash_table_lookup (rels, id) : NULL;

          /* Chart sheets and dialog sheets hold no rows. */
          if (name == NULL || rel == NULL || !g_str_has_suffix (rel->type, "/worksheet"))
            continue;
          g_strv_builder_add (names, name);
          g_strv_builder_add (parts, rel->target);
        }
    }
  if (rc < 0)
    return FALSE;

  self->sheet_names = g_strv_builder_end (names);
  self->sheet_parts = g_strv_builder_end (parts);
  if (self->sheet_names[0] == NULL)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
                   _("the workbook has no worksheet"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_shared_string (KdxXlsxReader  *self,
                   const char     *raw,
                   GError        **error)
{
  guint32 start;

  /* The part is at most 256 MB, so its text fits 32-bit offsets; the
   * check keeps a hostile file from wrapping them all the same. */
  if (self->shared_text->len >= G_MAXUINT32 - KDX_TABLE_MAX_CELL_BYTES)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_FILE_LIMIT,
                   _("the shared strings hold more than 4 GB of text"));
      return FALSE;
    }
  start = self->shared_text->len;
  if (strstr (raw, "_x") != NULL)
    {
      g_autofree char *text = kdx_xlsx_unescape (raw);
      g_string_append (self->shared_text, text);
    }
  else
    g_string_append (self->shared_text, raw);
  g_string_append_c (self->shared_text, '\0');
  g_array_append_val (self->shared_starts, start);
  return TRUE;
}

/* Shared strings, rich text included: the text of every run, without the
 * phonetic guides (rPh) Japanese and Chinese Excel adds. */
static gboolean
read_shared_strings (KdxXlsxReader  *self,
                     const char     *part,
                     GError        **error)
{
  g_autoptr(KdxZipXml) xml = kdx_zip_xml_open (self->path, part, KDX_TABLE_MAX_PART_BYTES, error);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean in_si = FALSE;
  gboolean in_t = FALSE;
  int phonetic_depth = 0;
  int rc;

  if (xml == NULL)
    return FALSE;

  while ((rc = kdx_zip_xml_read (xml, error)) == 1)
    {
      xmlTextReaderPtr reader = kdx_zip_xml_reader (xml);
      int type = xmlTextReaderNodeType (reader);
      const char *name;

      if (type != XML_READER_TYPE_ELEMENT && type != XML_READER_TYPE_END_ELEMENT)
        {
          if (in_t && phonetic_depth == 0 && in_si && is_text_type (type)
              && !append_text (text, (const char *) xmlTextReaderConstValue (reader), error))
            return FALSE;
          continue;
        }

      name = (const char *) xmlTextReaderConstLocalName (reader);
      if (type == XML_READER_TYPE_ELEMENT)
        {
          gboolean empty = xmlTextReaderIsEmptyElement (reader);

          if (g_str_equal (name, "si"))
            {
              /* An <si> inside an <si> (no writer does it, a hostile
               * file may): the inner one starts afresh, the outer's
               * text is dropped. */
              g_string_truncate (text, 0);
              in_si = !empty;
              if (empty && !add_shared_string (self, "", error))
                return FALSE;
            }
          else if (g_str_equal (name, "rPh") && !empty)
            phonetic_depth++;
          else if (g_str_equal (name, "t") && !empty)
            in_t = TRUE;
        }
      else if (g_str_equal (name, "si") && in_si)
        {
          in_si = FALSE;
          if (!add_shared_string (self, text->str, error))
            return FALSE;
        }
      else if (g_str_equal (name, "rPh"))
        phonetic_depth--;
      else if (g_str_equal (name, "t"))
        in_t = FALSE;
    }
  return rc == 0;
}

static gboolean
read_styles (KdxXlsxReader  *self,
             const char     *part,
             GError        **error)
{
  g_autoptr(KdxZipXml) xml = kdx_zip_xml_open (self->path, part, KDX_TABLE_MAX_PART_BYTES, error);
  g_autoptr(GHashTable) custom = g_hash_table_new (NULL, NULL);
  gboolean in_cell_xfs = FALSE;
  int rc;

  if (xml == NULL)
    return FALSE;

  while ((rc = kdx_zip_xml_read (xml, error)) == 1)
    {
      xmlTextReaderPtr reader = kdx_zip_xml_reader (xml);

      if (kdx_xml_is_start (reader, "numFmt"))
        {
          g_autofree char *id = kdx_xml_get_attr (reader, "numFmtId");
          g_autofree char *code = kdx_xml_get_attr (reader, "formatCode");
          guint64 number;

          if (id != NULL && g_ascii_string_to_unsigned (id, 10, 0, G_MAXUINT, &number, NULL))
            g_hash_table_insert (custom, GUINT_TO_POINTER ((guint) number),
                                 GINT_TO_POINTER (kdx_xlsx_format_is_date (code) ? 2 : 1));
        }
      else if (kdx_xml_is_start (reader, "cellXfs"))
        in_cell_xfs = !xmlTextReaderIsEmptyElement (reader);
      else if (kdx_xml_is_end (reader, "cellXfs"))
        in_cell_xfs = FALSE;
      else if (in_cell_xfs && kdx_xml_is_start (reader, "xf"))
        {
          g_autofree char *id = kdx_xml_get_attr (reader, "numFmtId");
          guint64 number = 0;
          guint8 is_date;
          int known;

          if (id != NULL)
            g_ascii_string_to_unsigned (id, 10, 0, G_MAXUINT, &number, NULL);
          known = GPOINTER_TO_INT (g_hash_table_lookup (custom, GUINT_TO_POINTER ((guint) number)));
          is_date = known != 0 ? known == 2 : builtin_is_date (number);
          if (self->date_styles->len >= 1024 * 1024)
            {
              g_set_error (error, KDX_ERROR, KDX_ERROR_FILE_LIMIT,
                           _("the workbook defines more than a million cell styles"));
              return FALSE;
            }
          g_byte_array_append (self->date_styles, &is_date, 1);
        }
    }
  return rc == 0;
}

/* ---- rows ----------------------------------------------------------------- */

/* "BC12" is column 55; 0 when @ref is not a cell reference. */
static guint
column_of_ref (const char *ref)
{
  guint column = 0;
  guint n = 0;

  for (; g_ascii_isalpha (*ref); ref++, n++)
    {
      if (n >= 3)
        return 0;
      column = column * 26 + (g_ascii_toupper (*ref) - 'A' + 1);
    }
  return column;
}

/* A cell's t attribute. */
typedef enum
{
  CELL_NUMBER,  /* none, "n", or one no writer uses: a number if it reads as one */
  CELL_SHARED,  /* "s": an index into the shared strings */
  CELL_INLINE,  /* "inlineStr": <is><t>…</t></is> */
  CELL_STRING,  /* "str" (a formula's text) or "e" (an error such as #N/A) */
  CELL_BOOL,    /* "b" */
  CELL_DATE,    /* "d": ISO 8601 */
} CellKind;

static CellKind
cell_kind (const char *t)
{
  if (g_str_equal (t, "s"))
    return CELL_SHARED;
  if (g_str_equal (t, "inlineStr"))
    return CELL_INLINE;
  if (g_str_equal (t, "str") || g_str_equal (t, "e"))
    return CELL_STRING;
  if (g_str_equal (t, "b"))
    return CELL_BOOL;
  if (g_str_equal (t, "d"))
    return CELL_DATE;
  return CELL_NUMBER;
}

static KdxCell *
make_cell (KdxXlsxReader  *self,
           CellKind        kind,
           guint           style,
           const char     *value,
           const char     *inline_text,
           guint           row,
           guint           column,
           GError        **error)
{
  if (kind == CELL_SHARED)
    {
      guint64 index;

      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &index, NULL)
          || index >= self->shared_starts->len)
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
                       _("row %u, column %u refers to a shared string the file does not hold"),
                       row, column);
          return NULL;
        }
      value = self->shared_text->str + g_array_index (self->shared_starts, guint32, index);
      return kdx_cell_new (*value != '\0' ? KDX_CELL_TEXT : KDX_CELL_EMPTY, value);
    }
  if (kind == CELL_INLINE)
    return kdx_cell_take (*inline_text != '\0' ? KDX_CELL_TEXT : KDX_CELL_EMPTY,
                          kdx_xlsx_unescape (inline_text));
  if (kind == CELL_STRING)
    return kdx_cell_take (*value != '\0' ? KDX_CELL_TEXT : KDX_CELL_EMPTY, kdx_xlsx_unescape (value));
  if (*value == '\0')
    return kdx_cell_new (KDX_CELL_EMPTY, "");
  if (kind == CELL_BOOL)
    return kdx_cell_new (KDX_CELL_BOOL, g_str_equal (value, "0") ? "false" : "true");
  if (kind == CELL_DATE)
    {
      /* ISO 8601 in the cell itself: 2024-03-01T00:00:00. */
      g_autofree char *iso = g_strdup (value);
      char *t = strchr (iso, 'T');

      if (t != NULL)
        {
          *t = ' ';
          if (g_str_equal (t + 1, "00:00:00") || g_str_has_prefix (t + 1, "00:00:00."))
            *t = '\0';
        }
      return kdx_cell_take (KDX_CELL_DATE, g_steal_pointer (&iso));
    }

  {
    char *end = NULL;
    double number = g_ascii_strtod (value, &end);

    if (end == value || *end != '\0')
      return kdx_cell_new (KDX_CELL_TEXT, value);
    if (style < self->date_styles->len && self->date_styles->data[style])
      {
        char *date = kdx_cell_format_serial (number, self->date_1904);
        if (date != NULL)
          return kdx_cell_take (KDX_CELL_DATE, date);
      }
    return kdx_cell_take (KDX_CELL_NUMBER, kdx_cell_format_number (number));
  }
}

static gboolean
put_cell (GPtrArray  *cells,
          guint       column,
          KdxCell    *cell,
          guint       row,
          GError    **error)
{
  if (column > KDX_TABLE_MAX_COLUMNS)
    {
      kdx_cell_free (cell);
      g_set_error (error, KDX_ERROR, KDX_ERROR_FILE_LIMIT,
                   _("row %u has more than %d columns"), row, KDX_TABLE_MAX_COLUMNS);
      return FALSE;
    }
  if (cell->type == KDX_CELL_EMPTY)
    {
      kdx_cell_free (cell); /* empties are filled in only before a value */
      return TRUE;
    }
  while (cells->len < column)
    g_ptr_array_add (cells, kdx_cell_new (KDX_CELL_EMPTY, ""));
  kdx_cell_free (g_ptr_array_index (cells, column - 1));
  g_ptr_array_index (cells, column - 1) = cell;
  return TRUE;
}

/* The attributes of the <c> the reader is on, in one pass over them and
 * without copies: its column (from r, else the one after @column), its
 * style and its kind. The first attribute of a local name counts, in
 * whatever namespace (Strict OOXML and the transitional form differ). */
static void
read_cell_attributes (xmlTextReaderPtr  reader,
                      guint            *column,
                      guint            *style,
                      CellKind         *kind)
{
  gboolean seen_r = FALSE, seen_s = FALSE, seen_t = FALSE;
  guint ref_column = 0;

  *style = 0;
  *kind = CELL_NUMBER;
  if (xmlTextReaderMoveToFirstAttribute (reader) == 1)
    {
      do
        {
          const char *name = (const char *) xmlTextReaderConstLocalName (reader);
          const char *value;

          if (name == NULL || name[0] == '\0' || name[1] != '\0')
            continue; /* r, s and t are one letter each */
          value = (const char *) xmlTextReaderConstValue (reader);
          if (name[0] == 'r' && !seen_r)
            {
              seen_r = TRUE;
              ref_column = value != NULL ? column_of_ref (value) : 0;
            }
          else if (name[0] == 's' && !seen_s)
            {
              guint64 number;

              seen_s = TRUE;
              if (value != NULL && g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &number, NULL))
                *style = number;
            }
          else if (name[0] == 't' && !seen_t)
            {
              seen_t = TRUE;
              *kind = value != NULL ? cell_kind (value) : CELL_NUMBER;
            }
        }
      while (xmlTextReaderMoveToNextAttribute (reader) == 1);
      xmlTextReaderMoveToElement (reader);
    }
  *column = ref_column != 0 ? ref_column : *column + 1;
}

/* Reads the cells of the <row> the reader is on. Cells without an r
 * attribute follow the previous one, as the schema allows. Each node's
 * type and name are asked for once: this loop runs for every node of the
 * sheet, tens of millions in a large one. */
static GPtrArray *
read_row (KdxXlsxReader  *self,
          guint           row,
          GError        **error)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func ((GDestroyNotify) kdx_cell_free);
  GString *value = self->value;
  GString *inline_text = self->inline_text;
  CellKind kind = CELL_NUMBER;
  guint column = 0;
  guint style = 0;
  gboolean in_cell = FALSE;
  gboolean in_v = FALSE;
  gboolean in_t = FALSE;
  int phonetic_depth = 0;
  int rc;

  while ((rc = kdx_zip_xml_read (self->sheet, error)) == 1)
    {
      xmlTextReaderPtr reader = kdx_zip_xml_reader (self->sheet);
      int type = xmlTextReaderNodeType (reader);
      const char *name;

      if (type != XML_READER_TYPE_ELEMENT && type != XML_READER_TYPE_END_ELEMENT)
        {
          if (in_cell && is_text_type (type))
            {
              const char *text = (const char *) xmlTextReaderConstValue (reader);

              if (in_v && !append_text (value, text, error))
                return NULL;
              if (in_t && phonetic_depth == 0 && !append_text (inline_text, text, error))
                return NULL;
            }
          continue;
        }

      name = (const char *) xmlTextReaderConstLocalName (reader);
      if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (g_str_equal (name, "row"))
            return g_steal_pointer (&cells);
          if (!in_cell)
            continue;
          if (g_str_equal (name, "c"))
            {
              KdxCell *cell = make_cell (self, kind, style, value->str, inline_text->str, row, column, error);

              in_cell = FALSE;
              if (cell == NULL || !put_cell (cells, column, cell, row, error))
                return NULL;
            }
          else if (g_str_equal (name, "v"))
            in_v = FALSE;
          else if (g_str_equal (name, "rPh"))
            phonetic_depth--;
          else if (g_str_equal (name, "t"))
            in_t = FALSE;
        }
      else if (g_str_equal (name, "c"))
        {
          read_cell_attributes (reader, &column, &style, &kind);
          g_string_truncate (value, 0);
          g_string_truncate (inline_text, 0);
          in_cell = !xmlTextReaderIsEmptyElement (reader);
          if (!in_cell && column > KDX_TABLE_MAX_COLUMNS)
            {
              g_set_error (error, KDX_ERROR, KDX_ERROR_FILE_LIMIT,
                           _("row %u has more than %d columns"), row, KDX_TABLE_MAX_COLUMNS);
              return NULL;
            }
        }
      else if (!in_cell)
        continue;
      else if (g_str_equal (name, "v"))
        in_v = !xmlTextReaderIsEmptyElement (reader);
      else if (g_str_equal (name, "rPh"))
        {
          if (!xmlTextReaderIsEmptyElement (reader))
            phonetic_depth++;
        }
      else if (g_str_equal (name, "t"))
        in_t = !xmlTextReaderIsEmptyElement (reader);
    }

  if (rc == 0)
    g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
                 _("%s ends in the middle of row %u"), self->sheet_parts[self->sheet_index], row);
  return NULL;
}

/* ---- KdxTableReader ------------------------------------------------------- */

static const char *
kdx_xlsx_reader_get_format (KdxTableReader *reader)
{
  return "xlsx";
}

static gboolean
kdx_xlsx_reader_get_date_1904 (KdxTableReader *reader)
{
  return KDX_XLSX_READER (reader)->date_1904;
}

static const char *const *
kdx_xlsx_reader_get_sheets (KdxTableReader *reader)
{
  return (const char *const *) KDX_XLSX_READER (reader)->sheet_names;
}

static guint
kdx_xlsx_reader_get_sheet_index (KdxTableReader *reader)
{
  return KDX_XLSX_READER (reader)->sheet_index;
}

static gboolean
kdx_xlsx_reader_select_sheet (KdxTableReader  *reader,
                              guint            index,
                              GError         **error)
{
  KdxXlsxReader *self = KDX_XLSX_READER (reader);
  int rc;

  g_clear_pointer (&self->sheet, kdx_zip_xml_free);
  self->sheet_index = index;
  self->done = FALSE;
  self->last_row = 0;

  self->sheet = kdx_zip_xml_open (self->path, self->sheet_parts[index], KDX_TABLE_MAX_PART_BYTES, error);
  if (self->sheet == NULL)
    return FALSE;

  while ((rc = kdx_zip_xml_read (self->sheet, error)) == 1)
    if (kdx_xml_is_start (kdx_zip_xml_reader (self->sheet), "sheetData"))
      {
        self->done = xmlTextReaderIsEmptyElement (kdx_zip_xml_reader (self->sheet));
        return TRUE;
      }
  if (rc == 0)
    self->done = TRUE; /* a sheet without sheetData is empty */
  return rc == 0;
}

static GPtrArray *
kdx_xlsx_reader_next_row (KdxTableReader  *reader,
                          guint           *row_number,
                          GError         **error)
{
  KdxXlsxReader *self = KDX_XLSX_READER (reader);
  int rc;

  if (self->done || self->sheet == NULL)
    return NULL;

  while ((rc = kdx_zip_xml_read (self->sheet, error)) == 1)
    {
      xmlTextReaderPtr xml = kdx_zip_xml_reader (self->sheet);
      int type = xmlTextReaderNodeType (xml);

      if (type != XML_READER_TYPE_ELEMENT && type != XML_READER_TYPE_END_ELEMENT)
        continue; /* the white space between rows */
      if (kdx_xml_is_end (xml, "sheetData"))
        break;
      if (kdx_xml_is_start (xml, "row"))
        {
          g_autofree char *r = kdx_xml_get_attr (xml, "r");
          g_autoptr(GPtrArray) cells = NULL;
          guint64 number;
          guint row;

          row = r != NULL && g_ascii_string_to_unsigned (r, 10, 1, G_MAXUINT, &number, NULL)
                ? number : self->last_row + 1;
          if (row > KDX_TABLE_MAX_ROWS)
            {
              g_set_error (error, KDX_ERROR, KDX_ERROR_FILE_LIMIT,
                           _("the sheet has more than %d rows"), KDX_TABLE_MAX_ROWS);
              return NULL;
            }
          self->last_row = row;
          if (xmlTextReaderIsEmptyElement (xml))
            continue;
          if ((cells = read_row (self, row, error)) == NULL)
            return NULL;
          if (cells->len == 0)
            continue;
          *row_number = row;
          return g_steal_pointer (&cells);
        }
    }

  self->done = TRUE;
  return NULL;
}

static double
kdx_xlsx_reader_get_progress (KdxTableReader *reader)
{
  KdxXlsxReader *self = KDX_XLSX_READER (reader);

  if (self->done)
    return 1.0;
  return self->sheet != NULL ? kdx_zip_xml_progress (self->sheet) : 0.0;
}

static void
kdx_xlsx_reader_iface_init (KdxTableReaderInterface *iface)
{
  iface->get_format = kdx_xlsx_reader_get_format;
  iface->get_date_1904 = kdx_xlsx_reader_get_date_1904;
  iface->get_sheets = kdx_xlsx_reader_get_sheets;
  iface->get_sheet_index = kdx_xlsx_reader_get_sheet_index;
  iface->select_sheet = kdx_xlsx_reader_select_sheet;
  iface->next_row = kdx_xlsx_reader_next_row;
  iface->get_progress = kdx_xlsx_reader_get_progress;
}

static void
kdx_xlsx_reader_finalize (GObject *object)
{
  KdxXlsxReader *self = KDX_XLSX_READER (object);

  g_clear_pointer (&self->sheet, kdx_zip_xml_free);
  g_free (self->path);
  g_strfreev (self->sheet_names);
  g_strfreev (self->sheet_parts);
  g_string_free (self->shared_text, TRUE);
  g_array_unref (self->shared_starts);
  g_string_free (self->value, TRUE);
  g_string_free (self->inline_text, TRUE);
  g_byte_array_unref (self->date_styles);

  G_OBJECT_CLASS (kdx_xlsx_reader_parent_class)->finalize (object);
}

static void
kdx_xlsx_reader_class_init (KdxXlsxReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kdx_xlsx_reader_finalize;
}

static void
kdx_xlsx_reader_init (KdxXlsxReader *self)
{
  self->shared_text = g_string_new (NULL);
  self->shared_starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->value = g_string_new (NULL);
  self->inline_text = g_string_new (NULL);
  self->date_styles = g_byte_array_new ();
}

KdxTableReader *
kdx_xlsx_reader_new (const char  *path,
                     GError     **error)
{
  g_autoptr(KdxXlsxReader) self = g_object_new (KDX_TYPE_XLSX_READER, NULL);
  g_autoptr(GHashTable) package_rels = NULL;
  g_autoptr(GHashTable) workbook_rels = NULL;
  g_autofree char *workbook = NULL;
  const char *part;

  self->path = g_strdup (path);

  if ((package_rels = read_relationships (path, "", error)) == NULL)
    return NULL;
  part = find_relationship (package_rels, "/officeDocument");
  workbook = g_strdup (part != NULL ? part : "xl/workbook.xml");

  if ((workbook_rels = read_relationships (path, workbook, error)) == NULL)
    return NULL;
  if (!read_workbook (self, workbook, workbook_rels, error))
    return NULL;

  if ((part = find_relationship (workbook_rels, "/sharedStrings")) != NULL
      && !read_shared_strings (self, part, error))
    return NULL;
  if ((part = find_relationship (workbook_rels, "/styles")) != NULL
      && !read_styles (self, part, error))
    return NULL;

  if (!kdx_xlsx_reader_select_sheet (KDX_TABLE_READER (self), 0, error))
    return NULL;

  return KDX_TABLE_READER (g_steal_pointer (&self));
}
