/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-xml"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdx-xml-import-private.h"

/* What the XML import says about a problem: the file, the line and the
 * column of the element, and why; libxml2's own errors (not well-formed,
 * not valid for the XSD) given their column too. */

void
_kdx_xml_issue_free (gpointer data)
{
  KdxXmlIssue *issue = data;

  g_free (issue->message);
  g_free (issue);
}

void
kdx_xml_import_report_free (KdxXmlImportReport *report)
{
  g_clear_pointer (&report->issues, g_ptr_array_unref);
  g_free (report);
}

/* Where on @line the start tag <@name (with or without a prefix) begins,
 * counted in characters from 1. libxml2 keeps the line of each element but
 * not its column, and the parser's own position runs ahead of the reader. */
static guint
find_column (Import     *imp,
             guint       line,
             const char *name)
{
  g_autoptr(GFile) file = g_file_new_for_path (imp->path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autoptr(GDataInputStream) data = NULL;
  g_autofree char *text = NULL;
  g_autofree char *unprefixed = NULL;
  g_autofree char *prefixed = NULL;

  if (stream == NULL || name == NULL || line == 0)
    return 1;
  data = g_data_input_stream_new (G_INPUT_STREAM (stream));
  g_data_input_stream_set_newline_type (data, G_DATA_STREAM_NEWLINE_TYPE_LF);
  for (guint i = 1; i <= line; i++)
    {
      g_clear_pointer (&text, g_free);
      if ((text = g_data_input_stream_read_line (data, NULL, NULL, NULL)) == NULL)
        return 1;
    }

  unprefixed = g_strconcat ("<", name, NULL);
  prefixed = g_strconcat (":", name, NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      const char *after = NULL;

      if (g_str_has_prefix (p, unprefixed))
        after = p + strlen (unprefixed);
      else if (*p == '<' && g_ascii_isalpha (p[1]))
        {
          const char *colon = p + 1;
          while (g_ascii_isalnum (*colon) || *colon == '_' || *colon == '-' || *colon == '.')
            colon++;
          if (g_str_has_prefix (colon, prefixed))
            after = colon + strlen (prefixed);
        }
      if (after != NULL && (*after == '>' || *after == '/' || g_ascii_isspace (*after) || *after == '\0'))
        return g_utf8_strlen (text, p - text) + 1;
    }
  return 1;
}

void
_kdx_xml_add_issue (Import     *imp,
                    guint       line,
                    guint       column,
                    const char *why)
{
  KdxXmlIssue *issue;
  /* libxml2 quotes what it read verbatim, invalid UTF-8 included; the
   * message goes to a terminal, a dialog, and JSON. */
  g_autofree char *clean = g_strstrip (g_utf8_make_valid (why, -1));

  if (imp->report->issues->len >= MAX_ISSUES)
    {
      imp->stop = TRUE;
      return;
    }

  issue = g_new0 (KdxXmlIssue, 1);
  issue->line = line;
  issue->column = column;
  /* Translators: file name, line, column, then what is wrong there */
  issue->message = g_strdup_printf (_("%s:%u:%u: %s"), imp->display_path, line, column, clean);
  g_ptr_array_add (imp->report->issues, issue);
}

/* A problem at the element @name that starts on @line. */
void
_kdx_xml_add_element_issue (Import     *imp,
                            guint       line,
                            const char *name,
                            const char *why)
{
  guint column = find_column (imp, line, name);
  GPtrArray *issues = imp->report->issues;

  /* One problem per element: the schema has usually said it already. */
  if (issues->len > 0)
    {
      KdxXmlIssue *last = g_ptr_array_index (issues, issues->len - 1);
      if (last->line == line && last->column == column)
        return;
    }
  _kdx_xml_add_issue (imp, line, column, why);
}

/* What a team database refused of a KOL stored before, when its rows
 * reached the server some KOLs later: said at that KOL's <kol>, as a
 * value the file holds ("uid: “…” is already …"). FALSE when the store
 * failed otherwise. */
gboolean
_kdx_xml_add_refusal_issue (Import *imp)
{
  const KdxStoreRefusal *refusal = kdx_import_sink_get_refusal (imp->sink);
  g_autofree char *what = NULL;

  if (refusal == NULL || refusal->row == 0)
    return FALSE;
  what = kdx_store_refusal_describe (refusal);
  _kdx_xml_add_element_issue (imp, refusal->row, "kol", what);
  return TRUE;
}

void
_kdx_xml_structured_error_cb (void        *user_data,
                              xmlErrorPtr  error)
{
  Import *imp = user_data;
  guint line = error->line > 0 ? error->line : 0;
  guint column = error->int2 > 0 ? error->int2 : 0;

  if (error->level == XML_ERR_WARNING)
    return;
  if (error->level == XML_ERR_FATAL)
    imp->stop = TRUE;

  /* Schema errors carry the line of the element but no column, and no
   * node when validating a stream; their message names the element
   * ("Element '{namespace}followers': …"), so its start tag is looked up. */
  if (error->domain == XML_FROM_SCHEMASV && error->message != NULL
      && g_str_has_prefix (error->message, "Element '"))
    {
      const char *name = error->message + strlen ("Element '");
      const char *end = strchr (name, '\'');
      const char *brace = memchr (name, '}', end != NULL ? end - name : 0);

      if (brace != NULL)
        name = brace + 1;
      if (end != NULL && end > name)
        {
          g_autofree char *element = g_strndup (name, end - name);
          column = find_column (imp, line, element);
        }
    }
  else if (column == 0 && error->node != NULL
           && ((xmlNode *) error->node)->type == XML_ELEMENT_NODE)
    column = find_column (imp, line, (const char *) ((xmlNode *) error->node)->name);
  _kdx_xml_add_issue (imp, line, MAX (column, 1), error->message != NULL ? error->message : "");
}
