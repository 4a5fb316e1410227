/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdx-error.h"
#include "kdx-import-zip.h"
#include "kdx-ods-reader.h"

/* Sheets are the table:table elements of office:spreadsheet, at depth 3
 * of content.xml. LibreOffice writes runs of equal rows and cells once
 * with a repeat count, and pads a sheet with a last empty row repeated
 * a million times: empty runs are counted, never materialised, and
 * trailing empty cells are dropped. */
#define TABLE_DEPTH 3

struct _KdxOdsReader
{
  GObject    parent_instance;

  char      *path;
  GStrv      sheet_names;
  guint      sheet_index;
  KdxZipXml *content;
  gboolean   done;
  guint      row;          /* the number of the last row read, repeats included */
  GPtrArray *repeat_cells; /* a row written once with number-rows-repeated */
  guint      repeat_left;
};

static void kdx_ods_reader_iface_init (KdxTableReaderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdxOdsReader, kdx_ods_reader, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KDX_TYPE_TABLE_READER,
                                                      kdx_ods_reader_iface_init))

static guint
parse_repeat (const char *text)
{
  guint64 count;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32, &count, NULL))
    return 1;
  return count;
}

static guint
repeat_attr (xmlTextReaderPtr  reader,
             const char       *name)
{
  g_autofree char *text = kdx_xml_get_attr (reader, name);

  return parse_repeat (text);
}

/* The attributes of a table cell, read in one pass (kdx_xml_get_attrs). */
enum { VALUE_TYPE, VALUE, DATE_VALUE, BOOLEAN_VALUE, STRING_VALUE, COLUMNS_REPEATED, N_CELL_ATTRS };
static const char *const cell_attr_names[N_CELL_ATTRS] = {
  "value-type", "value", "date-value", "boolean-value", "string-value", "number-columns-repeated",
};

static void
clear_cell_attrs (char **attrs)
{
  for (guint i = 0; i < N_CELL_ATTRS; i++)
    g_clear_pointer (&attrs[i], g_free);
}

static gboolean
append_text (GString     *text,
             const char  *more,
             gsize        length,
             GError     **error)
{
  g_string_append_len (text, more, length);
  if (text->len > KDX_TABLE_MAX_CELL_BYTES)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_FILE_LIMIT,
                   _("a cell holds more than %d KB of text"), KDX_TABLE_MAX_CELL_BYTES / 1024);
      return FALSE;
    }
  return TRUE;
}

/* The text of the cell the reader is on: paragraphs joined by line
 * breaks, text:s as spaces, text:tab as a tab, without annotations. */
static char *
read_cell_text (KdxOdsReader  *self,
                GError       **error)
{
  xmlTextReaderPtr reader = kdx_zip_xml_reader (self->content);
  g_autoptr(GString) text = g_string_new (NULL);
  int depth = xmlTextReaderDepth (reader);
  int annotation_depth = 0;
  guint paragraphs = 0;
  int rc;

  if (xmlTextReaderIsEmptyElement (reader))
    return g_strdup ("");

  while ((rc = kdx_zip_xml_read (self->content, error)) == 1)
    {
      int type = xmlTextReaderNodeType (reader);
      const char *name = "";

      /* A node's name costs a dictionary lookup: asked of elements only. */
      if (type == XML_READER_TYPE_ELEMENT || type == XML_READER_TYPE_END_ELEMENT)
        name = (const char *) xmlTextReaderConstLocalName (reader);
      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (reader) == depth)
        return g_string_free (g_steal_pointer (&text), FALSE);

      if (type == XML_READER_TYPE_ELEMENT && g_str_equal (name, "annotation"))
        {
          if (!xmlTextReaderIsEmptyElement (reader))
            annotation_depth++;
          continue;
        }
      if (type == XML_READER_TYPE_END_ELEMENT && g_str_equal (name, "annotation"))
        {
          annotation_depth--;
          continue;
        }
      if (annotation_depth > 0)
        continue;

      if (type == XML_READER_TYPE_ELEMENT)
        {
          if (g_str_equal (name, "p") || g_str_equal (name, "h"))
            {
              if (paragraphs++ > 0 && !append_text (text, "\n", 1, error))
                return NULL;
            }
          else if (g_str_equal (name, "s"))
            {
              guint n = MIN (repeat_attr (reader, "c"), 1024);
              for (guint i = 0; i < n; i++)
                if (!append_text (text, " ", 1, error))
                  return NULL;
            }
          else if (g_str_equal (name, "tab"))
            {
              if (!append_text (text, "\t", 1, error))
                return NULL;
            }
          else if (g_str_equal (name, "line-break"))
            {
              if (!append_text (text, "\n", 1, error))
                return NULL;
            }
        }
      else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA
               || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
        {
          const char *value = (const char *) xmlTextReaderConstValue (reader);
          if (!append_text (text, value, strlen (value), error))
            return NULL;
        }
    }
  if (rc == 0)
    g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
                 _("content.xml ends in the middle of a cell"));
  return NULL;
}

static KdxCell *
read_cell (KdxOdsReader  *self,
           gboolean       covered,
           char         **attrs,
           GError       **error)
{
  const char *value_type = attrs[VALUE_TYPE];
  const char *value = attrs[VALUE];
  char *date_value = attrs[DATE_VALUE];
  const char *boolean_value = attrs[BOOLEAN_VALUE];
  const char *string_value = attrs[STRING_VALUE];
  g_autofree char *text = read_cell_text (self, error);
  KdxCellType type;

  if (text == NULL)
    return NULL;
  /* A cell under a merged one shows nothing, whatever it still holds. */
  if (covered)
    return kdx_cell_new (KDX_CELL_EMPTY, "");

  if ((g_strcmp0 (value_type, "float") == 0 || g_strcmp0 (value_type, "percentage") == 0
       || g_strcmp0 (value_type, "currency") == 0) && value != NULL)
    {
      char *end = NULL;
      double number = g_ascii_strtod (value, &end);

      if (end != value && *end == '\0')
        return kdx_cell_take (KDX_CELL_NUMBER, kdx_cell_format_number (number));
    }
  else if (g_strcmp0 (value_type, "date") == 0 && date_value != NULL)
    {
      char *t = strchr (date_value, 'T');

      if (t != NULL)
        {
          *t = ' ';
          if (g_str_equal (t + 1, "00:00:00") || g_str_has_prefix (t + 1, "00:00:00."))
            *t = '\0';
          else if (strchr (t, '.') != NULL)
            *strchr (t, '.') = '\0';
        }
      return kdx_cell_new (KDX_CELL_DATE, date_value);
    }
  else if (g_strcmp0 (value_type, "boolean") == 0 && boolean_value != NULL)
    return kdx_cell_new (KDX_CELL_BOOL, g_str_equal (boolean_value, "true") ? "true" : "false");

  if (*text == '\0' && string_value != NULL)
    return kdx_cell_new (*string_value != '\0' ? KDX_CELL_TEXT : KDX_CELL_EMPTY, string_value);
  type = *text != '\0' ? KDX_CELL_TEXT : KDX_CELL_EMPTY;
  return kdx_cell_take (type, g_steal_pointer (&text));
}

static GPtrArray *
read_row (KdxOdsReader  *self,
          guint          row,
          GError       **error)
{
  xmlTextReaderPtr reader = kdx_zip_xml_reader (self->content);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func ((GDestroyNotify) kdx_cell_free);
  guint64 pending_empty = 0;
  int rc;

  while ((rc = kdx_zip_xml_read (self->content, error)) == 1)
    {
      int type = xmlTextReaderNodeType (reader);
      g_autoptr(KdxCell) cell = NULL;
      char *attrs[N_CELL_ATTRS];
      const char *name;
      gboolean covered;
      guint repeat;

      /* Each node's type and name asked once, the name of elements only:
       * this loop sees every node of the sheet. */
      if (type != XML_READER_TYPE_ELEMENT && type != XML_READER_TYPE_END_ELEMENT)
        continue;
      name = (const char *) xmlTextReaderConstLocalName (reader);
      if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (g_str_equal (name, "table-row"))
            return g_steal_pointer (&cells);
          continue;
        }
      covered = g_str_equal (name, "covered-table-cell");
      if (!covered && !g_str_equal (name, "table-cell"))
        continue;

      kdx_xml_get_attrs (reader, cell_attr_names, attrs, N_CELL_ATTRS);
      repeat = parse_repeat (attrs[COLUMNS_REPEATED]);
      cell = read_cell (self, covered, attrs, error);
      clear_cell_attrs (attrs);
      if (cell == NULL)
        return NULL;

      if (cell->type == KDX_CELL_EMPTY)
        {
          pending_empty += repeat;
          continue;
        }
      if (cells->len + pending_empty + repeat > KDX_TABLE_MAX_COLUMNS)
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_FILE_LIMIT,
                       _("row %u has more than %d columns"), row, KDX_TABLE_MAX_COLUMNS);
          return NULL;
        }
      for (; pending_empty > 0; pending_empty--)
        g_ptr_array_add (cells, kdx_cell_new (KDX_CELL_EMPTY, ""));
      for (guint i = 0; i < repeat; i++)
        g_ptr_array_add (cells, kdx_cell_new (cell->type, cell->text));
    }
  if (rc == 0)
    g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
                 _("content.xml ends in the middle of row %u"), row);
  return NULL;
}

static GPtrArray *
copy_cells (GPtrArray *cells)
{
  GPtrArray *copy = g_ptr_array_new_full (cells->len, (GDestroyNotify) kdx_cell_free);

  for (guint i = 0; i < cells->len; i++)
    {
      KdxCell *cell = g_ptr_array_index (cells, i);
      g_ptr_array_add (copy, kdx_cell_new (cell->type, cell->text));
    }
  return copy;
}

/* ---- KdxTableReader ------------------------------------------------------- */

static const char *
kdx_ods_reader_get_format (KdxTableReader *reader)
{
  return "ods";
}

static const char *const *
kdx_ods_reader_get_sheets (KdxTableReader *reader)
{
  return (const char *const *) KDX_ODS_READER (reader)->sheet_names;
}

static guint
kdx_ods_reader_get_sheet_index (KdxTableReader *reader)
{
  return KDX_ODS_READER (reader)->sheet_index;
}

static gboolean
kdx_ods_reader_select_sheet (KdxTableReader  *reader,
                             guint            index,
                             GError         **error)
{
  KdxOdsReader *self = KDX_ODS_READER (reader);
  guint seen = 0;
  int rc;

  g_clear_pointer (&self->content, kdx_zip_xml_free);
  g_clear_pointer (&self->repeat_cells, g_ptr_array_unref);
  self->repeat_left = 0;
  self->sheet_index = index;
  self->done = FALSE;
  self->row = 0;

  self->content = kdx_zip_xml_open (self->path, "content.xml", KDX_TABLE_MAX_PART_BYTES, error);
  if (self->content == NULL)
    return FALSE;

  while ((rc = kdx_zip_xml_read (self->content, error)) == 1)
    {
      xmlTextReaderPtr xml = kdx_zip_xml_reader (self->content);

      if (kdx_xml_is_start (xml, "table") && xmlTextReaderDepth (xml) == TABLE_DEPTH && seen++ == index)
        {
          self->done = xmlTextReaderIsEmptyElement (xml);
          return TRUE;
        }
    }
  if (rc == 0)
    g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
                 _("content.xml has no sheet %u"), index + 1);
  return FALSE;
}

static GPtrArray *
kdx_ods_reader_next_row (KdxTableReader  *reader,
                         guint           *row_number,
                         GError         **error)
{
  KdxOdsReader *self = KDX_ODS_READER (reader);
  int rc;

  if (self->repeat_left > 0)
    {
      self->repeat_left--;
      *row_number = ++self->row;
      return copy_cells (self->repeat_cells);
    }
  g_clear_pointer (&self->repeat_cells, g_ptr_array_unref);

  if (self->done || self->content == NULL)
    return NULL;

  while ((rc = kdx_zip_xml_read (self->content, error)) == 1)
    {
      xmlTextReaderPtr xml = kdx_zip_xml_reader (self->content);
      g_autoptr(GPtrArray) cells = NULL;
      guint repeat;

      if (kdx_xml_is_end (xml, "table") && xmlTextReaderDepth (xml) == TABLE_DEPTH)
        break;
      if (!kdx_xml_is_start (xml, "table-row"))
        continue;

      repeat = repeat_attr (xml, "number-rows-repeated");
      if (!xmlTextReaderIsEmptyElement (xml) && (cells = read_row (self, self->row + 1, error)) == NULL)
        return NULL;
      if (cells == NULL || cells->len == 0)
        {
          self->row = (guint) MIN ((guint64) self->row + repeat, G_MAXUINT);
          continue;
        }
      if ((guint64) self->row + repeat > KDX_TABLE_MAX_ROWS)
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_FILE_LIMIT,
                       _("the sheet has more than %d rows"), KDX_TABLE_MAX_ROWS);
          return NULL;
        }
      if (repeat > 1)
        {
          self->repeat_cells = copy_cells (cells);
          self->repeat_left = repeat - 1;
        }
      *row_number = ++self->row;
      return g_steal_pointer (&cells);
    }

  self->done = TRUE;
  return NULL;
}

static double
kdx_ods_reader_get_progress (KdxTableReader *reader)
{
  KdxOdsReader *self = KDX_ODS_READER (reader);

  if (self->done)
    return 1.0;
  return self->content != NULL ? kdx_zip_xml_progress (self->content) : 0.0;
}

static void
kdx_ods_reader_iface_init (KdxTableReaderInterface *iface)
{
  iface->get_format = kdx_ods_reader_get_format;
  iface->get_sheets = kdx_ods_reader_get_sheets;
  iface->get_sheet_index = kdx_ods_reader_get_sheet_index;
  iface->select_sheet = kdx_ods_reader_select_sheet;
  iface->next_row = kdx_ods_reader_next_row;
  iface->get_progress = kdx_ods_reader_get_progress;
}

static void
kdx_ods_reader_finalize (GObject *object)
{
  KdxOdsReader *self = KDX_ODS_READER (object);

  g_clear_pointer (&self->content, kdx_zip_xml_free);
  g_clear_pointer (&self->repeat_cells, g_ptr_array_unref);
  g_free (self->path);
  g_strfreev (self->sheet_names);

  G_OBJECT_CLASS (kdx_ods_reader_parent_class)->finalize (object);
}

static void
kdx_ods_reader_class_init (KdxOdsReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kdx_ods_reader_finalize;
}

static void
kdx_ods_reader_init (KdxOdsReader *self)
{
}

KdxTableReader *
kdx_ods_reader_new (const char  *path,
                    GError     **error)
{
  g_autoptr(KdxOdsReader) self = g_object_new (KDX_TYPE_ODS_READER, NULL);
  g_autoptr(KdxZipXml) content = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  guint n_sheets = 0;
  int rc;

  self->path = g_strdup (path);

  /* One pass over content.xml for the sheet names. */
  if ((content = kdx_zip_xml_open (path, "content.xml", KDX_TABLE_MAX_PART_BYTES, error)) == NULL)
    return NULL;
  while ((rc = kdx_zip_xml_read (content, error)) == 1)
    {
      xmlTextReaderPtr xml = kdx_zip_xml_reader (content);

      if (kdx_xml_is_start (xml, "table") && xmlTextReaderDepth (xml) == TABLE_DEPTH)
        {
          g_autofree char *name = kdx_xml_get_attr (xml, "name");
          g_autofree char *fallback = g_strdup_printf (_("Sheet %u"), n_sheets + 1);

          g_strv_builder_add (names, name != NULL ? name : fallback);
          n_sheets++;
        }
    }
  if (rc < 0)
    return NULL;
  g_clear_pointer (&content, kdx_zip_xml_free);

  self->sheet_names = g_strv_builder_end (names);
  if (n_sheets == 0)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
                   _("the spreadsheet has no sheet"));
      return NULL;
    }

  if (!kdx_ods_reader_select_sheet (KDX_TABLE_READER (self), 0, error))
    return NULL;

  return KDX_TABLE_READER (g_steal_pointer (&self));
}
