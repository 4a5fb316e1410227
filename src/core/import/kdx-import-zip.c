/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-import"

#include "config.h"

#include <inttypes.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdx-error.h"
#include "kdx-import-zip.h"
#include "kdx-table-reader.h"

struct _KdxZipXml
{
  struct archive   *archive;
  xmlTextReaderPtr  reader;
  char             *entry;
  gint64            size;       /* as the central directory declares it, or -1 */
  gint64            read;       /* bytes unpacked so far */
  gint64            limit;
  gboolean          over_limit;
  char             *archive_error;
  char             *xml_error;
};

static struct archive *
open_archive (const char  *path,
              GError     **error)
{
  struct archive *archive = archive_read_new ();

  /* The seekable reader trusts the central directory, as Excel and
   * LibreOffice do, so members written with data descriptors work too. */
  archive_read_support_format_zip_seekable (archive);
  if (archive_read_open_filename (archive, path, 64 * 1024) != ARCHIVE_OK)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
                   _("the file is a damaged zip archive (%s)"),
                   archive_error_string (archive) != NULL ? archive_error_string (archive) : "?");
      archive_read_free (archive);
      return NULL;
    }
  return archive;
}

static void
set_damaged (GError         **error,
             struct archive  *archive)
{
  g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
               _("the file is a damaged zip archive (%s)"),
               archive_error_string (archive) != NULL ? archive_error_string (archive) : "?");
}

GPtrArray *
kdx_zip_list_entries (const char  *path,
                      GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  struct archive *archive;
  struct archive_entry *entry;
  int rc;

  if ((archive = open_archive (path, error)) == NULL)
    return NULL;

  while ((rc = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);

      if (names->len >= KDX_TABLE_MAX_ZIP_ENTRIES)
        {
          g_set_error (error, KDX_ERROR, KDX_ERROR_FILE_LIMIT,
                       _("the zip archive holds more than %d files"), KDX_TABLE_MAX_ZIP_ENTRIES);
          archive_read_free (archive);
          return NULL;
        }
      g_ptr_array_add (names, g_strdup (name != NULL ? name : ""));
    }
  if (rc != ARCHIVE_EOF)
    {
      set_damaged (error, archive);
      archive_read_free (archive);
      return NULL;
    }
  archive_read_free (archive);
  return g_steal_pointer (&names);
}

/* Positions the archive at @name's data. Names compare ignoring case:
 * some writers spell a part differently in the relationships. */
static gboolean
seek_entry (struct archive  *archive,
            const char      *name,
            gint64          *size,
            GError         **error)
{
  struct archive_entry *entry;
  int rc;

  while ((rc = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *pathname = archive_entry_pathname (entry);

      if (pathname != NULL && g_ascii_strcasecmp (pathname, name) == 0)
        {
          *size = archive_entry_size_is_set (entry) ? archive_entry_size (entry) : -1;
          return TRUE;
        }
    }
  if (rc != ARCHIVE_EOF)
    set_damaged (error, archive);
  else
    g_set_error (error, KDX_ERROR, KDX_ERROR_NOT_FOUND,
                 _("the spreadsheet has no part “%s”"), name);
  return FALSE;
}

static void
set_over_limit (GError     **error,
                const char  *entry,
                gint64       limit)
{
  g_set_error (error, KDX_ERROR, KDX_ERROR_FILE_LIMIT,
               _("%s unpacks to more than %" PRId64 " MB, the most Koldex reads"),
               entry, limit / (1024 * 1024));
}

GBytes *
kdx_zip_read_entry (const char  *path,
                    const char  *entry,
                    gint64       limit,
                    GError     **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  struct archive *archive;
  gint64 size;
  guint8 buffer[16 * 1024];
  la_ssize_t n;

  if ((archive = open_archive (path, error)) == NULL)
    return NULL;
  if (!seek_entry (archive, entry, &size, error))
    {
      archive_read_free (archive);
      return NULL;
    }
  if (size > limit)
    {
      set_over_limit (error, entry, limit);
      archive_read_free (archive);
      return NULL;
    }
  while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
    {
      if ((gint64) data->len + n > limit)
        {
          set_over_limit (error, entry, limit);
          archive_read_free (archive);
          return NULL;
        }
      g_byte_array_append (data, buffer, n);
    }
  if (n < 0)
    {
      set_damaged (error, archive);
      archive_read_free (archive);
      return NULL;
    }
  archive_read_free (archive);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static int
xml_read_cb (void *context,
             char *buffer,
             int   len)
{
  KdxZipXml *self = context;
  la_ssize_t n;

  if (self->read >= self->limit)
    {
      self->over_limit = TRUE;
      return -1;
    }
  if ((gint64) len > self->limit - self->read)
    len = self->limit - self->read + 1;

  n = archive_read_data (self->archive, buffer, len);
  if (n < 0)
    {
      g_free (self->archive_error);
      self->archive_error = g_strdup (archive_error_string (self->archive));
      return -1;
    }
  self->read += n;
  if (self->read > self->limit)
    {
      self->over_limit = TRUE;
      return -1;
    }
  return (int) n;
}

static int
xml_close_cb (void *context)
{
  return 0;
}

static void
xml_error_cb (void                    *context,
              const char              *message,
              xmlParserSeverities      severity,
              xmlTextReaderLocatorPtr  locator)
{
  KdxZipXml *self = context;

  if (self->xml_error == NULL
      && (severity == XML_PARSER_SEVERITY_ERROR || severity == XML_PARSER_SEVERITY_VALIDITY_ERROR))
    self->xml_error = g_strstrip (g_strdup (message));
}

KdxZipXml *
kdx_zip_xml_open (const char  *path,
                  const char  *entry,
                  gint64       limit,
                  GError     **error)
{
  g_autoptr(KdxZipXml) self = g_new0 (KdxZipXml, 1);

  self->entry = g_strdup (entry);
  self->limit = limit;
  if ((self->archive = open_archive (path, error)) == NULL)
    return NULL;
  if (!seek_entry (self->archive, entry, &self->size, error))
    return NULL;
  /* The central directory may lie; the size is checked again as bytes
   * come out, but an honest bomb is refused before any unpacking. */
  if (self->size > limit)
    {
      set_over_limit (error, entry, limit);
      return NULL;
    }

  /* No network, no DTD loading, no entity substitution: a spreadsheet
   * part has no business reaching outside the file. */
  self->reader = xmlReaderForIO (xml_read_cb, xml_close_cb, self, entry, NULL,
                                 XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR
                                 | XML_PARSE_COMPACT);
  if (self->reader == NULL)
    {
      g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
                   _("%s is not XML"), entry);
      return NULL;
    }
  xmlTextReaderSetErrorHandler (self->reader, xml_error_cb, self);
  return g_steal_pointer (&self);
}

xmlTextReaderPtr
kdx_zip_xml_reader (KdxZipXml *self)
{
  return self->reader;
}

static void
set_read_error (KdxZipXml  *self,
                GError    **error)
{
  if (self->over_limit)
    set_over_limit (error, self->entry, self->limit);
  else if (self->archive_error != NULL)
    g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
                 _("the file is a damaged zip archive (%s)"), self->archive_error);
  else
    g_set_error (error, KDX_ERROR, KDX_ERROR_UNREADABLE_FILE,
                 _("%s is damaged: %s"), self->entry,
                 self->xml_error != NULL ? self->xml_error : _("not well-formed XML"));
}

/* xmlTextReaderRead with the reason for a failure as a GError: 1 for a
 * node, 0 at the end, -1 on error. */
int
kdx_zip_xml_read (KdxZipXml  *self,
                  GError    **error)
{
  int rc = xmlTextReaderRead (self->reader);

  if (rc < 0 || (rc == 0 && (self->over_limit || self->archive_error != NULL)))
    {
      set_read_error (self, error);
      return -1;
    }
  return rc;
}

double
kdx_zip_xml_progress (KdxZipXml *self)
{
  if (self->size <= 0)
    return 0.0;
  return MIN (1.0, (double) self->read / (double) self->size);
}

void
kdx_zip_xml_free (KdxZipXml *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->reader, xmlFreeTextReader);
  g_clear_pointer (&self->archive, archive_read_free);
  g_free (self->entry);
  g_free (self->archive_error);
  g_free (self->xml_error);
  g_free (self);
}

gboolean
kdx_xml_is_start (xmlTextReaderPtr  reader,
                  const char       *local_name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT
         && g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), local_name) == 0;
}

gboolean
kdx_xml_is_end (xmlTextReaderPtr  reader,
                const char       *local_name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_END_ELEMENT
         && g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), local_name) == 0;
}

/* An attribute by local name, whatever its namespace prefix: Strict OOXML
 * and the transitional form use different namespaces for the same names. */
char *
kdx_xml_get_attr (xmlTextReaderPtr  reader,
                  const char       *local_name)
{
  char *value = NULL;

  if (xmlTextReaderMoveToFirstAttribute (reader) != 1)
    return NULL;
  do
    {
      if (g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), local_name) == 0)
        {
          value = g_strdup ((const char *) xmlTextReaderConstValue (reader));
          break;
        }
    }
  while (xmlTextReaderMoveToNextAttribute (reader) == 1);
  xmlTextReaderMoveToElement (reader);
  return value;
}

/* Copies of the attributes called @names (local names, whatever their
 * namespace; the first of each name counts), as kdx_xml_get_attr() gives
 * each, but in one pass over the attributes: asking an attribute's name
 * costs a dictionary lookup, and a cell asks for six. */
void
kdx_xml_get_attrs (xmlTextReaderPtr    reader,
                   const char *const  *names,
                   char              **values,
                   guint               n_names)
{
  guint64 seen = 0; /* a bit per name */

  g_return_if_fail (n_names <= 64);

  memset (values, 0, n_names * sizeof *values);
  if (xmlTextReaderMoveToFirstAttribute (reader) != 1)
    return;
  do
    {
      const char *name = (const char *) xmlTextReaderConstLocalName (reader);

      for (guint i = 0; name != NULL && i < n_names; i++)
        if (!(seen & (G_GUINT64_CONSTANT (1) << i)) && g_str_equal (name, names[i]))
          {
            seen |= G_GUINT64_CONSTANT (1) << i;
            values[i] = g_strdup ((const char *) xmlTextReaderConstValue (reader));
            break;
          }
    }
  while (xmlTextReaderMoveToNextAttribute (reader) == 1);
  xmlTextReaderMoveToElement (reader);
}
