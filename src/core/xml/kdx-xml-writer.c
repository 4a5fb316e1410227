/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-xml"

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "kdx-xml-writer.h"

#define BUFFER_SIZE (64 * 1024)

struct _KdxXmlWriter
{
  int        fd;
  int        saved_errno;
  char      *buffer;   /* plain memcpy: GString's appends showed in perf */
  gsize      length;
  GPtrArray *open;     /* names of the open elements, outermost first */
  gboolean   tag_open; /* the last start tag still lacks its ">" */
};

KdxXmlWriter *
kdx_xml_writer_new (int fd)
{
  KdxXmlWriter *self = g_new0 (KdxXmlWriter, 1);

  self->fd = fd;
  self->buffer = g_malloc (BUFFER_SIZE);
  self->open = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
kdx_xml_writer_free (KdxXmlWriter *self)
{
  if (self == NULL)
    return;
  g_free (self->buffer);
  g_ptr_array_unref (self->open);
  g_free (self);
}

int
kdx_xml_writer_get_errno (KdxXmlWriter *self)
{
  return self->saved_errno;
}

static gboolean
write_out (KdxXmlWriter *self,
           const char   *data,
           gsize         length)
{
  gsize done = 0;

  while (done < length && self->saved_errno == 0)
    {
      ssize_t n = write (self->fd, data + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        self->saved_errno = errno;
      else
        done += n;
    }
  return self->saved_errno == 0;
}

static gboolean
flush (KdxXmlWriter *self)
{
  gboolean ok = write_out (self, self->buffer, self->length);

  self->length = 0;
  return ok;
}

static void
put (KdxXmlWriter *self,
     const char   *data,
     gsize         length)
{
  if (self->length + length > BUFFER_SIZE)
    {
      flush (self);
      if (length > BUFFER_SIZE)
        {
          write_out (self, data, length);
          return;
        }
    }
  memcpy (self->buffer + self->length, data, length);
  self->length += length;
}

static void
put_string (KdxXmlWriter *self,
            const char   *text)
{
  put (self, text, strlen (text));
}

static void
indent (KdxXmlWriter *self,
        guint         depth)
{
  static const char spaces[] = "                                ";

  for (; depth > 16; depth -= 16)
    put (self, spaces, 32);
  put (self, spaces, depth * 2);
}

/* As xmlEncodeSpecialChars() escapes text content. */
static void
put_escaped (KdxXmlWriter *self,
             const char   *text)
{
  const char *run = text;
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '&': entity = "&amp;"; break;
        case '"': entity = "&quot;"; break;
        case '\r': entity = "&#13;"; break;
        default: continue;
        }
      put (self, run, p - run);
      put_string (self, entity);
      run = p + 1;
    }
  put (self, run, p - run);
}

gboolean
kdx_xml_writer_start_document (KdxXmlWriter *self,
                               const char   *root,
                               const char   *first_attribute,
                               ...)
{
  va_list args;

  put_string (self, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<");
  put_string (self, root);
  va_start (args, first_attribute);
  for (const char *name = first_attribute; name != NULL; name = va_arg (args, const char *))
    {
      put_string (self, " ");
      put_string (self, name);
      put_string (self, "=\"");
      put_string (self, va_arg (args, const char *));
      put_string (self, "\"");
    }
  va_end (args);
  g_ptr_array_add (self->open, g_strdup (root));
  self->tag_open = TRUE;
  return self->saved_errno == 0;
}

/* A start tag inside the open element: the parent's ">" first if it is
 * still open, each on a line of its own. */
static void
open_tag (KdxXmlWriter *self,
          const char   *name)
{
  if (self->tag_open)
    put (self, ">\n", 2);
  indent (self, self->open->len);
  put (self, "<", 1);
  put_string (self, name);
}

gboolean
kdx_xml_writer_start (KdxXmlWriter *self,
                      const char   *name)
{
  open_tag (self, name);
  g_ptr_array_add (self->open, g_strdup (name));
  self->tag_open = TRUE;
  return self->saved_errno == 0;
}

gboolean
kdx_xml_writer_text_element (KdxXmlWriter *self,
                             const char   *name,
                             const char   *text)
{
  open_tag (self, name);
  put (self, ">", 1);
  put_escaped (self, text);
  put (self, "</", 2);
  put_string (self, name);
  put (self, ">\n", 2);
  self->tag_open = FALSE;
  return self->saved_errno == 0;
}

gboolean
kdx_xml_writer_end (KdxXmlWriter *self)
{
  g_return_val_if_fail (self->open->len > 0, FALSE);

  if (self->tag_open)
    put (self, "/>\n", 3);
  else
    {
      indent (self, self->open->len - 1);
      put (self, "</", 2);
      put_string (self, g_ptr_array_index (self->open, self->open->len - 1));
      put (self, ">\n", 2);
    }
  g_ptr_array_remove_index (self->open, self->open->len - 1);
  self->tag_open = FALSE;
  return self->saved_errno == 0;
}

gboolean
kdx_xml_writer_end_document (KdxXmlWriter *self)
{
  while (self->open->len > 0)
    kdx_xml_writer_end (self);
  return flush (self);
}
