/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-xml-writer"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <libxml/xmlwriter.h>
#include <unistd.h>

#include "kdx-test-util.h"
#include "kdx-xml-writer.h"
#include "kdx-xml.h"

/* The XML export writes through KdxXmlWriter instead of libxml2's
 * xmlTextWriter (issue 16, item 3); files must stay the same bytes, so
 * both write the same document here, every character that gets escaped
 * and the shapes the export uses (nested lists, empty ones, an empty
 * root) included. */

typedef enum { START, TEXT, END } Step;

typedef struct
{
  Step        step;
  const char *name;
  const char *text;
} Node;

static const Node document[] = {
  { START, "kol" },
  { TEXT, "id", "1" },
  { TEXT, "display_name", "小美 & <Co> \"quoted\" 'single'" },
  { TEXT, "notes", "line one\nline two\r\nthree\ttabbed >" },
  { TEXT, "empty", "" },
  { START, "tags" },
  { TEXT, "tag", "美妆" },
  { TEXT, "tag", "a]]>b" },
  { END },
  { START, "channels" },
  { START, "channel" },
  { TEXT, "platform", "weibo" },
  { END },
  { START, "channel" },
  { END },
  { END },
  { END },
  { START, "kol" },
  { TEXT, "emoji", "😀 \xE2\x80\x8B" },
  { END },
};

static char *
write_libxml2 (const char *dir,
               guint       n_nodes,
               gboolean    contact)
{
  g_autofree char *path = g_build_filename (dir, "libxml2.xml", NULL);
  xmlTextWriterPtr writer = xmlNewTextWriterFilename (path, 0);
  char *text;

  g_assert_nonnull (writer);
  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterSetIndentString (writer, BAD_CAST "  ");
  g_assert_cmpint (xmlTextWriterStartDocument (writer, "1.0", "UTF-8", NULL), >=, 0);
  g_assert_cmpint (xmlTextWriterStartElement (writer, BAD_CAST "koldex"), >=, 0);
  g_assert_cmpint (xmlTextWriterWriteAttribute (writer, BAD_CAST "xmlns", BAD_CAST "urn:x"), >=, 0);
  g_assert_cmpint (xmlTextWriterWriteAttribute (writer, BAD_CAST "version", BAD_CAST "1"), >=, 0);
  if (!contact)
    g_assert_cmpint (xmlTextWriterWriteAttribute (writer, BAD_CAST "contact", BAD_CAST "false"), >=, 0);
  for (guint i = 0; i < n_nodes; i++)
    {
      const Node *node = &document[i];

      if (node->step == START)
        g_assert_cmpint (xmlTextWriterStartElement (writer, BAD_CAST node->name), >=, 0);
      else if (node->step == TEXT)
        g_assert_cmpint (xmlTextWriterWriteElement (writer, BAD_CAST node->name, BAD_CAST node->text), >=, 0);
      else
        g_assert_cmpint (xmlTextWriterEndElement (writer), >=, 0);
    }
  g_assert_cmpint (xmlTextWriterEndDocument (writer), >=, 0);
  xmlFreeTextWriter (writer);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static char *
write_koldex (const char *dir,
              guint       n_nodes,
              gboolean    contact)
{
  g_autofree char *path = g_build_filename (dir, "koldex.xml", NULL);
  g_autoptr(KdxXmlWriter) writer = NULL;
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  char *text;

  g_assert_cmpint (fd, >=, 0);
  writer = kdx_xml_writer_new (fd);
  if (contact)
    g_assert_true (kdx_xml_writer_start_document (writer, "koldex", "xmlns", "urn:x",
                                                  "version", "1", NULL));
  else
    g_assert_true (kdx_xml_writer_start_document (writer, "koldex", "xmlns", "urn:x",
                                                  "version", "1", "contact", "false", NULL));
  for (guint i = 0; i < n_nodes; i++)
    {
      const Node *node = &document[i];

      if (node->step == START)
        g_assert_true (kdx_xml_writer_start (writer, node->name));
      else if (node->step == TEXT)
        g_assert_true (kdx_xml_writer_text_element (writer, node->name, node->text));
      else
        g_assert_true (kdx_xml_writer_end (writer));
    }
  g_assert_true (kdx_xml_writer_end_document (writer));
  g_assert_cmpint (kdx_xml_writer_get_errno (writer), ==, 0);
  close (fd);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
test_same_bytes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-xml-writer-XXXXXX", NULL);

  /* Every prefix of the document, closed by the end of the document:
   * open lists, empty elements and an empty root included. */
  for (guint n = 0; n <= G_N_ELEMENTS (document); n++)
    for (int contact = 0; contact <= 1; contact++)
      {
        g_autofree char *expected = write_libxml2 (dir, n, contact);
        g_autofree char *got = write_koldex (dir, n, contact);

        g_assert_cmpstr (got, ==, expected);
      }
  kdx_test_remove_tree (dir);
}

/* Every ASCII character and a long text that crosses the buffer. */
static void
test_every_character (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-xml-writer-XXXXXX", NULL);
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autofree char *path = g_build_filename (dir, "long.xml", NULL);
  xmlTextWriterPtr writer;
  int fd;

  for (int c = 1; c < 128; c++)
    if (c == '\t' || c == '\n' || c == '\r' || c >= 0x20)
      g_string_append_c (all, c);
  for (guint i = 0; i < 2000; i++)
    g_string_append (all, "档案 <&> ");

  writer = xmlNewTextWriterFilename (path, 0);
  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterSetIndentString (writer, BAD_CAST "  ");
  xmlTextWriterStartDocument (writer, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElement (writer, BAD_CAST "koldex");
  xmlTextWriterWriteAttribute (writer, BAD_CAST "version", BAD_CAST "1");
  for (guint i = 0; i < 10; i++)
    xmlTextWriterWriteElement (writer, BAD_CAST "notes", BAD_CAST all->str);
  xmlTextWriterEndDocument (writer);
  xmlFreeTextWriter (writer);
  g_assert_true (g_file_get_contents (path, &expected, NULL, NULL));

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  {
    g_autoptr(KdxXmlWriter) ours = kdx_xml_writer_new (fd);

    g_assert_true (kdx_xml_writer_start_document (ours, "koldex", "version", "1", NULL));
    for (guint i = 0; i < 10; i++)
      g_assert_true (kdx_xml_writer_text_element (ours, "notes", all->str));
    g_assert_true (kdx_xml_writer_end_document (ours));
  }
  close (fd);
  g_assert_true (g_file_get_contents (path, &got, NULL, NULL));
  g_assert_cmpuint (strlen (got), >, 64 * 1024);
  g_assert_cmpstr (got, ==, expected);
  kdx_test_remove_tree (dir);
}

/* The export skips kdx_xml_sanitize_text() for text that is clean: the
 * quick check must say clean exactly when sanitizing changes nothing. */
static void
test_clean_text (void)
{
  const char *texts[] = {
    "", "plain", "档案 美妆 😀", "tab\tline\nreturn\r", "form\ffeed", "\x01", "bell\a",
    "\x7f delete", "\xEF\xBF\xBD replacement", "\xEF\xBF\xBE", "\xEF\xBF\xBF", "a\xEF\xBF\xBF" "b",
    "\xED\xA0\x80 surrogate", "\xF4\x90\x80\x80 past U+10FFFF", "\xC3 cut", "\xC3\xA9",
    "\xFF\xFE", "\xEE\x80\x80 private use", "\xF0\x9F\x98", "x\x1fy",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *clean = kdx_xml_sanitize_text (texts[i]);

      g_assert_cmpint (kdx_xml_text_is_clean (texts[i]), ==, g_str_equal (clean, texts[i]));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xml/writer/same-bytes", test_same_bytes);
  g_test_add_func ("/xml/writer/every-character", test_every_character);
  g_test_add_func ("/xml/writer/clean-text", test_clean_text);

  return g_test_run ();
}
