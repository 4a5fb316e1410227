/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-json-writer"

#include "config.h"

#include "kdx-json-writer.h"

struct _KdxJsonWriter
{
  GObject   parent_instance;

  GString  *out;
  GArray   *first;      /* per open container: nothing written in it yet */
  gboolean  pretty;
  gboolean  after_name; /* a member name was written, its value comes next */
};

G_DEFINE_FINAL_TYPE (KdxJsonWriter, kdx_json_writer, G_TYPE_OBJECT)

static void
newline (KdxJsonWriter *self)
{
  if (!self->pretty)
    return;
  g_string_append_c (self->out, '\n');
  for (guint i = 0; i < self->first->len; i++)
    g_string_append (self->out, "  ");
}

/* Commas and indentation before a value or a member name. */
static void
before_item (KdxJsonWriter *self)
{
  gboolean *first;

  if (self->after_name)
    {
      self->after_name = FALSE;
      return;
    }
  if (self->first->len == 0)
    return;

  first = &g_array_index (self->first, gboolean, self->first->len - 1);
  if (!*first)
    g_string_append_c (self->out, ',');
  *first = FALSE;
  newline (self);
}

static void
open_container (KdxJsonWriter *self,
                char           bracket)
{
  gboolean first = TRUE;

  before_item (self);
  g_string_append_c (self->out, bracket);
  g_array_append_val (self->first, first);
}

static void
close_container (KdxJsonWriter *self,
                 char           bracket)
{
  gboolean was_empty;

  g_return_if_fail (self->first->len > 0);

  was_empty = g_array_index (self->first, gboolean, self->first->len - 1);
  g_array_set_size (self->first, self->first->len - 1);
  if (!was_empty)
    newline (self);
  g_string_append_c (self->out, bracket);
}

static void
kdx_json_writer_finalize (GObject *object)
{
  KdxJsonWriter *self = KDX_JSON_WRITER (object);

  g_string_free (self->out, TRUE);
  g_array_unref (self->first);

  G_OBJECT_CLASS (kdx_json_writer_parent_class)->finalize (object);
}

static void
kdx_json_writer_class_init (KdxJsonWriterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kdx_json_writer_finalize;
}

static void
kdx_json_writer_init (KdxJsonWriter *self)
{
  self->out = g_string_new (NULL);
  self->first = g_array_new (FALSE, FALSE, sizeof (gboolean));
}

KdxJsonWriter *
kdx_json_writer_new (gboolean pretty)
{
  KdxJsonWriter *self = g_object_new (KDX_TYPE_JSON_WRITER, NULL);

  self->pretty = pretty;
  return self;
}

void
kdx_json_writer_begin_object (KdxJsonWriter *self)
{
  open_container (self, '{');
}

void
kdx_json_writer_end_object (KdxJsonWriter *self)
{
  close_container (self, '}');
}

void
kdx_json_writer_begin_array (KdxJsonWriter *self)
{
  open_container (self, '[');
}

void
kdx_json_writer_end_array (KdxJsonWriter *self)
{
  close_container (self, ']');
}

static void
append_quoted (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p); /* UTF-8 passes through */
        }
    }
  g_string_append_c (out, '"');
}

void
kdx_json_writer_member (KdxJsonWriter *self,
                        const char    *name)
{
  before_item (self);
  append_quoted (self->out, name);
  g_string_append (self->out, self->pretty ? ": " : ":");
  self->after_name = TRUE;
}

void
kdx_json_writer_string (KdxJsonWriter *self,
                        const char    *text)
{
  before_item (self);
  if (text == NULL)
    g_string_append (self->out, "null");
  else if (!g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);
      append_quoted (self->out, valid);
    }
  else
    append_quoted (self->out, text);
}

void
kdx_json_writer_int (KdxJsonWriter *self,
                     gint64         number)
{
  before_item (self);
  g_string_append_printf (self->out, "%" G_GINT64_FORMAT, number);
}

/* For decimals kept as exact text: written as they are, digits and a point. */
void
kdx_json_writer_raw_number (KdxJsonWriter *self,
                            const char    *number)
{
  before_item (self);
  g_string_append (self->out, number);
}

void
kdx_json_writer_bool (KdxJsonWriter *self,
                      gboolean       flag)
{
  before_item (self);
  g_string_append (self->out, flag ? "true" : "false");
}

void
kdx_json_writer_null (KdxJsonWriter *self)
{
  before_item (self);
  g_string_append (self->out, "null");
}

const char *
kdx_json_writer_get_text (KdxJsonWriter *self)
{
  return self->out->str;
}
