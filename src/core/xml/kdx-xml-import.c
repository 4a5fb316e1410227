/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-xml"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <string.h>

#include "../import/kdx-import-sink.h"
#include "kdx-enums.h"
#include "kdx-error.h"
#include "kdx-kol.h"
#include "kdx-store.h"
#include "kdx-xml-import.h"
#include "kdx-xml-import-private.h"
#include "kdx-xml-shape.h"
#include "kdx-xml.h"

/* The importer streams the file through an xmlTextReader, checks each
 * element against the schema's shape as it arrives (kdx-xml-shape.c, in
 * C, in the same pass), and writes each KOL as its </kol> arrives, all
 * inside one store batch. Any problem anywhere (not well-formed, not
 * valid, a value Koldex cannot take, a cancel) rolls the whole batch
 * back: a file is imported whole or not at all. A file with a problem is
 * then read once more, validated by libxml2 against the compiled-in XSD
 * itself, so that what the operator is told is the schema's own account
 * of every problem (up to MAX_ISSUES), as before the shape existed; that
 * second reading is also what takes a file the shape was stricter with
 * than the XSD (a count written " 12 ").
 *
 * Safety: the prolog is scanned by hand first and a DOCTYPE refused before
 * libxml2 parses a byte, so no entity can be declared, fetched or
 * expanded; the parser runs without network access, DTD loading or entity
 * substitution, and within libxml2's default size limits. */

#define MAX_PROLOG (1024 * 1024)
#define MAX_AVATAR (8 * 1024 * 1024)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlTextReader, xmlFreeTextReader)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlSchemaParserCtxt, xmlSchemaFreeParserCtxt)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlSchema, xmlSchemaFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlSchemaValidCtxt, xmlSchemaFreeValidCtxt)


static int
input_read_cb (void *context,
               char *buffer,
               int   length)
{
  Import *imp = context;
  gssize n;

  if (imp->prefix_pos < imp->prefix->len)
    {
      gsize available = imp->prefix->len - imp->prefix_pos;
      gsize count = MIN (available, (gsize) length);

      memcpy (buffer, imp->prefix->data + imp->prefix_pos, count);
      imp->prefix_pos += count;
      return count;
    }

  n = g_input_stream_read (imp->stream, buffer, length, NULL,
                           imp->read_error == NULL ? &imp->read_error : NULL);
  return n < 0 ? -1 : (int) n;
}

static int
input_close_cb (void *context)
{
  return 0; /* the stream is the importer's to close */
}

static gboolean
fail_file (GError     **error,
           const char  *display_path,
           const char  *why)
{
  g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_XML, "%s: %s", display_path, why);
  return FALSE;
}

/* Reads the prolog into imp->prefix and refuses what must never reach
 * the parser. */
static gboolean
check_prolog (Import  *imp,
              GError **error)
{
  for (;;)
    {
      guint8 chunk[4096];
      gssize n;
      KdxXmlProlog prolog = kdx_xml_scan_prolog ((const char *) imp->prefix->data,
                                                 imp->prefix->len, NULL);

      switch (prolog)
        {
        case KDX_XML_PROLOG_ROOT:
          return TRUE;
        case KDX_XML_PROLOG_DOCTYPE:
          return fail_file (error, imp->display_path,
                            _("the file has a document type declaration (<!DOCTYPE …>); "
                              "Koldex XML files have none, and Koldex refuses such files "
                              "because entities declared there can read other files or "
                              "exhaust memory"));
        case KDX_XML_PROLOG_NOT_XML:
          return fail_file (error, imp->display_path,
                            _("not a Koldex XML file (Koldex reads XML in UTF-8 only)"));
        case KDX_XML_PROLOG_INCOMPLETE:
        default:
          break;
        }

      if (imp->prefix->len > MAX_PROLOG)
        return fail_file (error, imp->display_path,
                          _("not a Koldex XML file (no root element in the first megabyte)"));

      n = g_input_stream_read (imp->stream, chunk, sizeof chunk, NULL, error);
      if (n < 0)
        return FALSE;
      if (n == 0)
        return fail_file (error, imp->display_path,
                          _("not a Koldex XML file (it is empty or has no root element)"));
      g_byte_array_append (imp->prefix, chunk, n);
    }
}

/* The field of @record named @name, or NULL. */
static const KdxField *
find_field (Import     *imp,
            KdxRecord  *record,
            const char *name)
{
  gpointer type = GSIZE_TO_POINTER (G_OBJECT_TYPE (record));
  GHashTable *fields = g_hash_table_lookup (imp->fields_by_type, type);

  if (fields == NULL)
    {
      const KdxField *all;
      guint n_fields;

      fields = g_hash_table_new (g_str_hash, g_str_equal);
      all = kdx_record_get_fields (record, &n_fields);
      for (guint i = 0; i < n_fields; i++)
        g_hash_table_insert (fields, (gpointer) all[i].name, (gpointer) &all[i]);
      g_hash_table_insert (imp->fields_by_type, type, fields);
    }
  return g_hash_table_lookup (fields, name);
}

/* ---- values --------------------------------------------------------------- */

static gboolean
is_image (GBytes *bytes)
{
  gsize size;
  const guchar *data = g_bytes_get_data (bytes, &size);

  return (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
      || (size >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF);
}

/* Every field back to "no value" (a new KdxKol starts with the locale's
 * currency): what the file does not say, the KOL does not have. */
static void
reset_fields (KdxRecord *record)
{
  const KdxField *fields;
  guint n_fields;

  fields = kdx_record_get_fields (record, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, kdx_field_get_gtype (&fields[i]));
      /* An enum's "no value" is "unset" where it has one (source, purpose). */
      if (fields[i].type == KDX_FIELD_ENUM)
        g_value_set_enum (&value, kdx_enum_unknown_value (fields[i].enum_type ()));
      kdx_record_set_value (record, &fields[i], &value);
    }
}

/* The fields in which a new KdxKol has a value its file may not give
 * (the locale's currency): found once per import, so that each KOL read
 * resets those alone instead of every field. */
static GPtrArray *
find_blank_fields (void)
{
  g_autoptr(KdxKol) fresh = kdx_kol_new ();
  g_autoptr(KdxKol) blank = kdx_kol_new ();
  GPtrArray *fields_to_reset = g_ptr_array_new ();
  const KdxField *fields;
  guint n_fields;

  reset_fields (KDX_RECORD (blank));
  fields = kdx_record_get_fields (KDX_RECORD (blank), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *was = kdx_record_get_string (KDX_RECORD (fresh), &fields[i]);
      g_autofree char *is = kdx_record_get_string (KDX_RECORD (blank), &fields[i]);

      if (g_strcmp0 (was, is) != 0)
        g_ptr_array_add (fields_to_reset, (gpointer) &fields[i]);
    }
  return fields_to_reset;
}

static KdxKol *
new_blank_kol (Import *imp)
{
  KdxKol *kol = kdx_kol_new ();

  for (guint i = 0; i < imp->blank_fields->len; i++)
    {
      const KdxField *field = g_ptr_array_index (imp->blank_fields, i);
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, kdx_field_get_gtype (field));
      if (field->type == KDX_FIELD_ENUM)
        g_value_set_enum (&value, kdx_enum_unknown_value (field->enum_type ()));
      kdx_record_set_value (KDX_RECORD (kol), field, &value);
    }
  return kol;
}

/* The line of the element the reader is on. An element keeps its line
 * in 16 bits: 65535 for any line after. With XML_PARSE_BIG_LINES libxml2
 * keeps the whole number on text nodes, and the text last read before a
 * start tag (the indentation) ends on the tag's line: before, a problem in
 * the 50,000th KOL of a file was said to be on line 65535. */
static guint
element_line (Import *imp)
{
  guint line = xmlGetLineNo (xmlTextReaderCurrentNode (imp->reader));

  return line >= G_MAXUINT16 && imp->text_line > 0 ? imp->text_line : line;
}

/* A value the shape check has found in the very form kdx_field_parse()
 * would make of it, set without parsing it again: counts, scores, enums,
 * flags, dates, times, uids, currencies, and platforms by their values
 * (their parse was 5 % of an import). */
static gboolean
take_checked (Import *imp,
              GValue *value)
{
  const KdxField *field = imp->field;
  const char *text = imp->text->str;

  switch (imp->leaf->type)
    {
    case KDX_XML_TYPE_ID:
    case KDX_XML_TYPE_COUNT:
    case KDX_XML_TYPE_SCORE:
      /* Digits only; 15 of them stay within Koldex's largest number,
       * 9 within the days a team database keeps (32 bits): a longer
       * one is parsed, which refuses what does not fit. */
      if (field->type != KDX_FIELD_INT || imp->text->len > 15
          || (field->check == KDX_FIELD_CHECK_DAYS && imp->text->len > 9))
        return FALSE;
      g_value_init (value, kdx_field_get_gtype (field));
      g_value_set_int64 (value, g_ascii_strtoll (text, NULL, 10));
      return TRUE;
    case KDX_XML_TYPE_ENUM:
      {
        int number;

        if (field->type != KDX_FIELD_ENUM || !kdx_enum_from_string (field->enum_type (), text, &number))
          return FALSE;
        g_value_init (value, kdx_field_get_gtype (field));
        g_value_set_enum (value, number);
        return TRUE;
      }
    case KDX_XML_TYPE_BOOL:
      if (field->type != KDX_FIELD_BOOL)
        return FALSE;
      g_value_init (value, kdx_field_get_gtype (field));
      g_value_set_boolean (value, text[0] == 't');
      return TRUE;
    case KDX_XML_TYPE_DATE:
    case KDX_XML_TYPE_DATETIME:
      if (field->type != (imp->leaf->type == KDX_XML_TYPE_DATE ? KDX_FIELD_DATE : KDX_FIELD_DATETIME))
        return FALSE;
      break;
    case KDX_XML_TYPE_UUID:
      /* Stored in lower case. */
      if (field->check != KDX_FIELD_CHECK_UID || strpbrk (text, "ABCDEF") != NULL
          || !g_uuid_string_is_valid (text))
        return FALSE;
      break;
    case KDX_XML_TYPE_CURRENCY:
      /* Stored in upper case. */
      if (field->check != KDX_FIELD_CHECK_CURRENCY || !g_ascii_isupper (text[0])
          || !g_ascii_isupper (text[1]) || !g_ascii_isupper (text[2]))
        return FALSE;
      break;
    case KDX_XML_TYPE_STRING:
      /* A platform by its value, as Koldex writes it (no label or alias
       * of a platform is another's value: kdx_platform_normalize()). */
      if (field->check != KDX_FIELD_CHECK_PLATFORM
          || !g_strv_contains (kdx_platform_known_values (), text))
        return FALSE;
      break;
    default:
      return FALSE;
    }

  /* Text kept as it stands. */
  if (field->type == KDX_FIELD_TAGS || field->type == KDX_FIELD_IMAGE
      || kdx_field_get_gtype (field) != G_TYPE_STRING)
    return FALSE;
  g_value_init (value, G_TYPE_STRING);
  g_value_set_string (value, text);
  return TRUE;
}

static void
apply_leaf (Import *imp)
{
  const KdxField *field = imp->field;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) local_error = NULL;
  const char *text = imp->text->str;

  if (field->type == KDX_FIELD_IMAGE)
    {
      g_autofree char *copy = g_strdup (text);
      g_autoptr(GBytes) bytes = NULL;
      guchar *data;
      gsize size = 0;

      /* The XSD has checked it is base64; whitespace may wrap it. */
      g_strdelimit (copy, " \t\r\n", '\n');
      {
        g_auto(GStrv) parts = g_strsplit (copy, "\n", -1);
        g_autofree char *joined = g_strjoinv ("", parts);

        if (*joined == '\0')
          return;
        data = g_base64_decode (joined, &size);
      }
      bytes = g_bytes_new_take (data, size);
      if (size > MAX_AVATAR)
        {
          _kdx_xml_add_element_issue (imp, imp->leaf_line, imp->leaf_name->str,
                                      _("avatar: the image is larger than 8 MB"));
          return;
        }
      if (!is_image (bytes))
        {
          _kdx_xml_add_element_issue (imp, imp->leaf_line, imp->leaf_name->str,
                                      _("avatar: not a PNG or JPEG image"));
          return;
        }
      g_value_init (&value, G_TYPE_BYTES);
      g_value_set_boxed (&value, bytes);
    }
  else if (imp->leaf != NULL && take_checked (imp, &value))
    ; /* the shape has checked it is in Koldex's own form */
  else if (field->type == KDX_FIELD_TEXT && field->check == KDX_FIELD_CHECK_NONE)
    {
      /* Free text as written, spaces and line breaks included. */
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, text);
    }
  else if (!kdx_field_parse (field, text, &value, &local_error))
    {
      _kdx_xml_add_element_issue (imp, imp->leaf_line, imp->leaf_name->str, local_error->message);
      return;
    }

  kdx_record_set_value (imp->field_record, field, &value);
}

/* ---- storing -------------------------------------------------------------- */

/* The sink does what the spreadsheet importer does too: a KOL with the
 * uid of a stored one updates it, any other is added, or when it is the
 * same person as a stored one, skipped or merged by the policy. */
static gboolean
store_kol (Import  *imp,
           KdxKol  *kol,
           GError **error)
{
  gint64 file_id = kdx_kol_get_id (kol);
  KdxImportAction action;
  gint64 id;

  /* A restore into an empty database keeps the ids the file has, so a
   * backup comes back as it was; otherwise the database numbers. A KOL
   * that updates or merges into a stored one keeps that one's id. */
  if (!imp->restore_ids || file_id <= 0
      || g_hash_table_contains (imp->used_ids, &file_id))
    g_object_set (kol, "id", (gint64) 0, NULL);

  kdx_import_sink_set_row (imp->sink, imp->kol_line);
  if (!kdx_import_sink_take (imp->sink, kol, &action, &id, error))
    return FALSE;

  switch (action)
    {
    case KDX_IMPORT_ACTION_CREATED:
      g_hash_table_add (imp->used_ids, g_memdup2 (&id, sizeof id));
      imp->report->created++;
      break;
    case KDX_IMPORT_ACTION_UPDATED:
      imp->report->updated++;
      break;
    case KDX_IMPORT_ACTION_UNCHANGED:
      imp->report->unchanged++;
      break;
    case KDX_IMPORT_ACTION_MERGED:
      imp->report->merged++;
      break;
    case KDX_IMPORT_ACTION_SKIPPED:
      imp->report->skipped++;
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* ---- the reader ----------------------------------------------------------- */

/* Whether the element the reader is on is in the Koldex namespace. The
 * root's declaration of it lives as long as the root, to the end of the
 * file, so elements under it are known by its pointer: asking the reader
 * for the namespace's name looked it up in libxml2's dictionary each time
 * (2.4 % of an import). */
static gboolean
is_ours (Import *imp)
{
  xmlNode *node = xmlTextReaderCurrentNode (imp->reader);

  if (node->ns != NULL && node->ns == imp->our_ns)
    return TRUE;
  if (node->ns == NULL || g_strcmp0 ((const char *) node->ns->href, KDX_XML_NAMESPACE) != 0)
    return FALSE;
  if (node->parent == NULL || node->parent->type == XML_DOCUMENT_NODE)
    imp->our_ns = node->ns;
  return TRUE;
}

static void
check_root (Import *imp)
{
  const char *name = (const char *) xmlTextReaderConstLocalName (imp->reader);
  guint line = xmlGetLineNo (xmlTextReaderCurrentNode (imp->reader));
  g_autofree char *version = NULL;
  g_autofree char *contact = NULL;

  if (g_strcmp0 (name, "koldex") != 0 || !is_ours (imp))
    {
      g_autofree char *why = g_strdup_printf (_("not a Koldex XML file: the root element is “%s”, "
                                                "not “koldex” in the namespace %s"),
                                              name, KDX_XML_NAMESPACE);
      g_ptr_array_set_size (imp->report->issues, 0);
      _kdx_xml_add_element_issue (imp, line, name, why);
      imp->stop = TRUE;
      return;
    }

  version = (char *) xmlTextReaderGetAttribute (imp->reader, BAD_CAST "version");
  if (g_strcmp0 (version, KDX_XML_VERSION) != 0)
    {
      g_autofree char *why = NULL;

      if (version != NULL && g_ascii_strtoull (version, NULL, 10) > 1)
        why = g_strdup_printf (_("written by a newer Koldex (format version %s); "
                                 "this Koldex reads version %s"), version, KDX_XML_VERSION);
      else
        why = g_strdup_printf (_("the format version “%s” is not one Koldex knows"),
                               version != NULL ? version : "");
      /* Said alone: the schema's complaints about a newer format would only bury it. */
      g_ptr_array_set_size (imp->report->issues, 0);
      _kdx_xml_add_element_issue (imp, line, name, why);
      imp->stop = TRUE;
      return;
    }

  contact = (char *) xmlTextReaderGetAttribute (imp->reader, BAD_CAST "contact");
  /* <koldex contact="false">: a KOL updated by uid keeps its stored contact fields. */
  kdx_import_sink_set_contact_omitted (imp->sink, g_strcmp0 (contact, "false") == 0);
}

static void
start_element (Import *imp,
               int     depth)
{
  const char *name = (const char *) xmlTextReaderConstLocalName (imp->reader);

  if (depth == 0)
    {
      check_root (imp);
      return;
    }
  if (!is_ours (imp))
    return; /* the schema has said what is wrong */

  if (depth == 1 && g_str_equal (name, "kol"))
    {
      g_clear_object (&imp->kol);
      imp->kol = new_blank_kol (imp);
      imp->kol_line = element_line (imp);
      return;
    }
  if (imp->kol == NULL)
    return;

  if (depth == 2)
    {
      const KdxField *field;

      if ((imp->list = kdx_kol_get_list (imp->kol, name)) != NULL)
        return;
      if (g_str_equal (name, "tags"))
        {
          g_clear_pointer (&imp->tags, g_ptr_array_unref);
          imp->tags = g_ptr_array_new_with_free_func (g_free);
          return;
        }
      if ((field = find_field (imp, KDX_RECORD (imp->kol), name)) != NULL)
        {
          imp->field = field;
          imp->field_record = KDX_RECORD (imp->kol);
        }
    }
  else if (depth == 3 && imp->tags != NULL && g_str_equal (name, "tag"))
    imp->in_tag = TRUE;
  else if (depth == 3 && imp->list != NULL)
    {
      g_clear_object (&imp->item);
      imp->item = g_object_new (g_list_model_get_item_type (G_LIST_MODEL (imp->list)), NULL);
      return;
    }
  else if (depth == 4 && imp->item != NULL)
    {
      imp->field = find_field (imp, imp->item, name);
      imp->field_record = imp->item;
    }

  if (imp->field != NULL || imp->in_tag)
    {
      g_string_truncate (imp->text, 0);
      /* Where the value is, for a problem with it. */
      imp->leaf_line = element_line (imp);
      g_string_assign (imp->leaf_name, name);
    }
}

static void
end_element (Import        *imp,
             int            depth,
             GCancellable  *cancellable,
             KdxProgressFunc progress,
             gpointer       user_data)
{
  if (imp->field != NULL)
    {
      apply_leaf (imp);
      imp->field = NULL;
      imp->field_record = NULL;
      return;
    }
  if (imp->in_tag)
    {
      g_ptr_array_add (imp->tags, g_strdup (imp->text->str));
      imp->in_tag = FALSE;
      return;
    }

  if (depth == 3 && imp->item != NULL)
    {
      g_list_store_append (imp->list, imp->item);
      g_clear_object (&imp->item);
    }
  else if (depth == 2 && imp->tags != NULL)
    {
      g_ptr_array_add (imp->tags, NULL);
      g_object_set (imp->kol, "tags", imp->tags->pdata, NULL);
      g_clear_pointer (&imp->tags, g_ptr_array_unref);
    }
  else if (depth == 2)
    imp->list = NULL;
  else if (depth == 1 && imp->kol != NULL)
    {
      g_autoptr(KdxKol) kol = g_steal_pointer (&imp->kol);
      guint line = element_line (imp);

      /* After the first problem, the rest is read only to list problems. */
      if (imp->report->issues->len == 0)
        {
          g_autoptr(GError) local_error = NULL;

          if (!store_kol (imp, kol, &local_error) && !_kdx_xml_add_refusal_issue (imp))
            _kdx_xml_add_issue (imp, line, 1, local_error->message);
        }

      imp->n_done++;
      if (progress != NULL)
        progress (imp->n_done, user_data);
      if (g_cancellable_is_cancelled (cancellable))
        imp->stop = TRUE;
    }
}

/* ---- the shape check (the first reading) ---------------------------------- */

/* The shape refused the file: read no further, and again with the XSD. */
static void
misshapen (Import *imp)
{
  imp->misshapen = TRUE;
  imp->stop = TRUE;
}

/* The root's attributes as the XSD declares them: version and contact,
 * unqualified, contact true or false (version is check_root()'s). */
static gboolean
root_attributes_fit (xmlTextReader *reader)
{
  gboolean fit = TRUE;

  while (fit && xmlTextReaderMoveToNextAttribute (reader) == 1)
    {
      const char *name = (const char *) xmlTextReaderConstLocalName (reader);
      const char *value = (const char *) xmlTextReaderConstValue (reader);

      if (xmlTextReaderIsNamespaceDecl (reader) == 1)
        continue;
      if (xmlTextReaderConstNamespaceUri (reader) != NULL)
        fit = FALSE;
      else if (g_strcmp0 (name, "contact") == 0)
        fit = g_strcmp0 (value, "true") == 0 || g_strcmp0 (value, "false") == 0;
      else
        fit = g_strcmp0 (name, "version") == 0;
    }
  xmlTextReaderMoveToElement (reader);
  return fit;
}

static void
shape_start (Import *imp,
             int     depth)
{
  const char *name = (const char *) xmlTextReaderConstLocalName (imp->reader);
  const KdxXmlParticle *particle;

  if (depth == 0)
    {
      if (!root_attributes_fit (imp->reader))
        misshapen (imp);
      kdx_xml_frame_init (&imp->frames[0], kdx_xml_shape_document ());
      return;
    }

  /* No attribute (nor namespace declaration) below the root, no element
   * inside one of simple type, none from another namespace. */
  if (depth >= MAX_DEPTH || imp->leaf != NULL
      || xmlTextReaderHasAttributes (imp->reader) != 0 || !is_ours (imp)
      || (particle = kdx_xml_frame_enter (&imp->frames[depth - 1], name)) == NULL)
    {
      misshapen (imp);
      return;
    }
  kdx_xml_frame_init (&imp->frames[depth], particle);
  if (particle->type != KDX_XML_TYPE_COMPLEX)
    {
      imp->leaf = particle;
      g_string_truncate (imp->text, 0);
    }
}

static void
shape_end (Import *imp,
           int     depth)
{
  const KdxXmlFrame *frame = &imp->frames[depth];

  if (frame->particle->type == KDX_XML_TYPE_COMPLEX
      ? !kdx_xml_frame_is_complete (frame)
      : !kdx_xml_shape_check_value (frame->particle, imp->text->str, imp->text->len))
    misshapen (imp);
}

/* Text between elements: whitespace only, but in an element of simple type. */
static void
shape_text (Import     *imp,
            const char *text)
{
  if (imp->leaf == NULL && !kdx_xml_shape_is_blank (text))
    misshapen (imp);
}

static void
import_clear (Import *imp)
{
  g_clear_object (&imp->kol);
  g_clear_object (&imp->item);
  g_clear_pointer (&imp->tags, g_ptr_array_unref);
  if (imp->text != NULL)
    g_string_free (g_steal_pointer (&imp->text), TRUE);
  if (imp->leaf_name != NULL)
    g_string_free (g_steal_pointer (&imp->leaf_name), TRUE);
  g_clear_pointer (&imp->blank_fields, g_ptr_array_unref);
}

/* One reading of the file: with @check_shape, checked against the
 * schema's shape in C, and on any problem at all rolled back with
 * *@again set, for a second reading validated by the XSD (see the top of
 * this file). */
static gboolean
import_pass (KdxStore            *store,
             const char          *path,
             KdxDuplicatePolicy   policy,
             GCancellable        *cancellable,
             KdxProgressFunc      progress,
             gpointer             user_data,
             gboolean             check_shape,
             KdxXmlImportReport  *own_report,
             gboolean            *again,
             GError             **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) prefix = g_byte_array_new ();
  g_autoptr(GHashTable) used_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) fields_by_type = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                                (GDestroyNotify) g_hash_table_unref);
  g_autoptr(KdxImportSink) sink = NULL;
  g_autoptr(xmlSchemaParserCtxt) schema_parser = NULL;
  g_autoptr(xmlSchema) schema = NULL;
  g_autoptr(xmlSchemaValidCtxt) validator = NULL;
  g_autoptr(xmlTextReader) reader = NULL;
  g_autoptr(GBytes) xsd = NULL;
  g_autofree char *display_path = NULL;
  Import imp = { 0 };
  gint64 n_stored;
  gboolean ok = FALSE;
  g_autoptr(GError) commit_error = NULL;
  int rc = 0;

  *again = FALSE;
  g_ptr_array_set_size (own_report->issues, 0);

  display_path = g_filename_display_name (path);
  file = g_file_new_for_path (path);
  if ((stream = g_file_read (file, cancellable, error)) == NULL)
    goto out;

  sink = kdx_import_sink_new (store, policy);
  imp.sink = sink;
  imp.path = path;
  imp.display_path = display_path;
  imp.report = own_report;
  imp.stream = G_INPUT_STREAM (stream);
  imp.prefix = prefix;
  imp.used_ids = used_ids;
  imp.fields_by_type = fields_by_type;
  imp.text = g_string_new (NULL);
  imp.leaf_name = g_string_new (NULL);
  imp.blank_fields = find_blank_fields ();
  imp.check_shape = check_shape;

  if (!check_prolog (&imp, error))
    goto out;

  /* No XML_PARSE_NOENT (substitute entities), XML_PARSE_DTDLOAD,
   * XML_PARSE_DTDATTR, XML_PARSE_DTDVALID or XML_PARSE_HUGE; lines past
   * 65535 counted (leaf_line()). */
  reader = xmlReaderForIO (input_read_cb, input_close_cb, &imp, path, NULL,
                           XML_PARSE_NONET | XML_PARSE_BIG_LINES);
  if (reader == NULL)
    {
      fail_file (error, display_path, _("cannot start reading the file"));
      goto out;
    }
  imp.reader = reader;
  xmlResetLastError ();
  xmlTextReaderSetStructuredErrorHandler (reader, _kdx_xml_structured_error_cb, &imp);

  if (!check_shape)
    {
      xsd = kdx_xml_get_schema ();
      schema_parser = xmlSchemaNewMemParserCtxt (g_bytes_get_data (xsd, NULL), g_bytes_get_size (xsd));
      if (schema_parser == NULL || (schema = xmlSchemaParse (schema_parser)) == NULL
          || (validator = xmlSchemaNewValidCtxt (schema)) == NULL)
        g_error ("The compiled-in Koldex XML schema does not compile");
      if (xmlTextReaderSchemaValidateCtxt (reader, validator, 0) != 0)
        g_error ("Cannot validate against the compiled-in Koldex XML schema");
    }

  if ((n_stored = kdx_store_count_kols (store, error)) < 0)
    goto out;
  imp.restore_ids = n_stored == 0;

  if (!kdx_import_sink_begin (sink, path, error))
    goto out;

  while (!imp.stop && (rc = xmlTextReaderRead (reader)) == 1)
    {
      int type = xmlTextReaderNodeType (reader);
      int depth = xmlTextReaderDepth (reader);

      switch (type)
        {
        case XML_READER_TYPE_DOCUMENT_TYPE:
          /* Never reached past the prolog scan; kept as a second lock. */
          g_ptr_array_set_size (own_report->issues, 0);
          _kdx_xml_add_issue (&imp, xmlTextReaderGetParserLineNumber (reader), 1,
                              _("the file has a document type declaration (<!DOCTYPE …>)"));
          imp.stop = TRUE;
          break;

        case XML_READER_TYPE_ELEMENT:
          if (check_shape)
            {
              shape_start (&imp, depth);
              if (imp.stop)
                break;
            }
          start_element (&imp, depth);
          if (xmlTextReaderIsEmptyElement (reader))
            {
              if (check_shape && (shape_end (&imp, depth), imp.stop))
                break;
              end_element (&imp, depth, cancellable, progress, user_data);
              imp.leaf = NULL;
            }
          break;

        case XML_READER_TYPE_END_ELEMENT:
          if (check_shape && (shape_end (&imp, depth), imp.stop))
            break;
          /* The leaf's value is set with what the shape found of it. */
          end_element (&imp, depth, cancellable, progress, user_data);
          imp.leaf = NULL;
          break;

        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          {
            const char *text = (const char *) xmlTextReaderConstValue (reader);
            xmlNode *node = xmlTextReaderCurrentNode (reader);

            if (node != NULL && node->line == G_MAXUINT16)
              imp.text_line = xmlGetLineNo (node);

            if (check_shape && (shape_text (&imp, text), imp.stop))
              break;
            if (imp.field != NULL || imp.in_tag || imp.leaf != NULL)
              g_string_append (imp.text, text);
          }
          break;

        case XML_READER_TYPE_ENTITY_REFERENCE:
          _kdx_xml_add_issue (&imp, xmlTextReaderGetParserLineNumber (reader),
                              xmlTextReaderGetParserColumnNumber (reader),
                              _("the file refers to an entity; Koldex XML files use none"));
          imp.stop = TRUE;
          break;

        default:
          break;
        }

      /* The first problem ends the first reading: the second tells them all. */
      if (check_shape && own_report->issues->len > 0)
        imp.stop = TRUE;
    }

  if (imp.read_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&imp.read_error));
      kdx_import_sink_rollback (sink);
      goto out;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      kdx_import_sink_rollback (sink);
      goto out;
    }
  if (check_shape && (imp.misshapen || own_report->issues->len > 0 || rc < 0))
    {
      kdx_import_sink_rollback (sink);
      *again = TRUE;
      goto out;
    }
  if (own_report->issues->len == 0 && rc < 0)
    {
      /* Some fatal errors (the end of a cut-off file) reach no handler. */
      xmlError *last = xmlGetLastError ();

      if (last != NULL && last->message != NULL)
        _kdx_xml_add_issue (&imp, MAX (last->line, 1), MAX (last->int2, 1), last->message);
      else
        _kdx_xml_add_issue (&imp, xmlTextReaderGetParserLineNumber (reader),
                            xmlTextReaderGetParserColumnNumber (reader),
                            _("the file is not well-formed XML"));
    }
  if (!check_shape && own_report->issues->len == 0 && xmlTextReaderIsValid (reader) != 1)
    _kdx_xml_add_issue (&imp, xmlTextReaderGetParserLineNumber (reader),
                        xmlTextReaderGetParserColumnNumber (reader),
                        _("the file does not follow the Koldex XML schema"));
  if (own_report->issues->len > 0)
    {
      KdxXmlIssue *first = g_ptr_array_index (own_report->issues, 0);

      kdx_import_sink_rollback (sink);
      if (own_report->issues->len == 1)
        g_set_error_literal (error, KDX_ERROR, KDX_ERROR_INVALID_XML, first->message);
      else
        g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_XML,
                     /* Translators: the first problem, then how many more there are */
                     g_dngettext (GETTEXT_PACKAGE, "%s (and %u more problem)",
                                  "%s (and %u more problems)",
                                  own_report->issues->len - 1),
                     first->message, own_report->issues->len - 1);
      goto out;
    }

  if ((own_report->run_id = kdx_import_sink_commit (sink, &commit_error)) != 0)
    ok = TRUE;
  else if (_kdx_xml_add_refusal_issue (&imp))
    g_set_error_literal (error, KDX_ERROR, KDX_ERROR_DATABASE,
                         ((KdxXmlIssue *) g_ptr_array_index (own_report->issues, 0))->message);
  else
    g_propagate_error (error, g_steal_pointer (&commit_error));

out:
  /* Rolled back: what was counted did not happen. */
  if (!ok)
    own_report->created = own_report->updated = own_report->unchanged
      = own_report->merged = own_report->skipped = 0;
  g_clear_error (&imp.read_error);
  import_clear (&imp);
  return ok;
}

/**
 * kdx_xml_import_file:
 * @policy: what to do with a KOL that has no stored match by uid but is
 *   the same person as a stored one (same phone, WeChat, or handle on the
 *   same platform)
 * @progress: (nullable): told the number of KOLs done after each one
 * @report: (out) (optional): what was done, and every problem found; set
 *   on failure too, so a dialog can list the problems
 *
 * Imports a Koldex XML file: a KOL with the uid of a stored one updates
 * it, any other is added (or, when it is a duplicate, handled by
 * @policy). All in one transaction: an invalid file, a value Koldex
 * cannot take or a cancel leaves the database as it was. A file with a
 * problem is read twice (see the top of this file), and @progress counts
 * from 0 again for the second reading.
 *
 * Returns: %TRUE when the whole file was imported
 */
gboolean
kdx_xml_import_file (KdxStore             *store,
                     const char           *path,
                     KdxDuplicatePolicy    policy,
                     GCancellable         *cancellable,
                     KdxProgressFunc       progress,
                     gpointer              user_data,
                     KdxXmlImportReport  **report,
                     GError              **error)
{
  g_autoptr(KdxXmlImportReport) own_report = g_new0 (KdxXmlImportReport, 1);
  gboolean again = FALSE;
  gboolean ok;

  g_return_val_if_fail (KDX_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  own_report->issues = g_ptr_array_new_with_free_func (_kdx_xml_issue_free);
  if (report != NULL)
    *report = NULL;

  ok = import_pass (store, path, policy, cancellable, progress, user_data, TRUE,
                    own_report, &again, error);
  if (again)
    {
      g_debug ("%s does not fit the schema's shape: reading it again with the XSD", path);
      ok = import_pass (store, path, policy, cancellable, progress, user_data, FALSE,
                        own_report, &again, error);
    }

  if (report != NULL)
    *report = g_steal_pointer (&own_report);
  return ok;
}
