/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-xml"

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "kdx-xml-writer.h"

#define FLUSH_AT (64 * 1024)

struct _KdxXmlWriter
{
  int        fd;
  int        saved_errno;
  GString   *buffer;
  GPtrArray *open;     /* names of the open elements, outermost first */
  gboolean   tag_open; /* the last start tag still lacks its ">" */
};

KdxXmlWriter *
kdx_xml_writer_new (int fd)
{
  KdxXmlWriter *self = g_new0 (KdxXmlWriter, 1);

  self->fd = fd;
  self->buffer = g_string_sized_new (FLUSH_AT + 4096);
  self->open = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
kdx_xml_writer_free (KdxXmlWriter *self)
{
  if (self == NULL)
    return;
  g_string_free (self->buffer, TRUE);
  g_ptr_array_unref (self->open);
  g_free (self);
}

int
kdx_xml_writer_get_errno (KdxXmlWriter *self)
{
  return self->saved_errno;
}

static gboolean
flush (KdxXmlWriter *self)
{
  gsize done = 0;

  while (done < self->buffer->len && self->saved_errno == 0)
    {
      ssize_t n = write (self->fd, self->buffer->str + done, self->buffer->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        self->saved_errno = errno;
      else
        done += n;
    }
  g_string_truncate (self->buffer, 0);
  return self->saved_errno == 0;
}

static gboolean
maybe_flush (KdxXmlWriter *self)
{
  return self->buffer->len < FLUSH_AT ? self->saved_errno == 0 : flush (self);
}

static void
indent (KdxXmlWriter *self,
        guint         depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append_len (self->buffer, "  ", 2);
}

/* As xmlEncodeSpecialChars() escapes text content. */
static void
append_escaped (GString    *out,
                const char *text)
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
      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
}

gboolean
kdx_xml_writer_start_document (KdxXmlWriter *self,
                               const char   *root,
                               const char   *first_attribute,
                               ...)
{
  va_list args;

  g_string_append (self->buffer, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append_printf (self->buffer, "<%s", root);
  va_start (args, first_attribute);
  for (const char *name = first_attribute; name != NULL; name = va_arg (args, const char *))
    g_string_append_printf (self->buffer, " %s=\"%s\"", name, va_arg (args, const char *));
  va_end (args);
  g_ptr_array_add (self->open, g_strdup (root));
  self->tag_open = TRUE;
  return maybe_flush (self);
}

/* A start tag inside the open element: the parent's ">" first if it is
 * still open, each on a line of its own. */
static void
open_tag (KdxXmlWriter *self,
          const char   *name)
{
  if (self->tag_open)
    g_string_append_len (self->buffer, ">\n", 2);
  indent (self, self->open->len);
  g_string_append_c (self->buffer, '<');
  g_string_append (self->buffer, name);
}

gboolean
kdx_xml_writer_start (KdxXmlWriter *self,
                      const char   *name)
{
  open_tag (self, name);
  g_ptr_array_add (self->open, g_strdup (name));
  self->tag_open = TRUE;
  return maybe_flush (self);
}

gboolean
kdx_xml_writer_text_element (KdxXmlWriter *self,
                             const char   *name,
                             const char   *text)
{
  open_tag (self, name);
  g_string_append_c (self->buffer, '>');
  append_escaped (self->buffer, text);
  g_string_append_len (self->buffer, "</", 2);
  g_string_append (self->buffer, name);
  g_string_append_len (self->buffer, ">\n", 2);
  self->tag_open = FALSE;
  return maybe_flush (self);
}

gboolean
kdx_xml_writer_end (KdxXmlWriter *self)
{
  g_return_val_if_fail (self->open->len > 0, FALSE);

  if (self->tag_open)
    g_string_append_len (self->buffer, "/>\n", 3);
  else
    {
      indent (self, self->open->len - 1);
      g_string_append_len (self->buffer, "</", 2);
      g_string_append (self->buffer, g_ptr_array_index (self->open, self->open->len - 1));
      g_string_append_len (self->buffer, ">\n", 2);
    }
  g_ptr_array_remove_index (self->open, self->open->len - 1);
  self->tag_open = FALSE;
  return maybe_flush (self);
}

gboolean
kdx_xml_writer_end_document (KdxXmlWriter *self)
{
  while (self->open->len > 0)
    kdx_xml_writer_end (self);
  return flush (self);
}
