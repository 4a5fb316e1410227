/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-xml"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>

#include "kdx-error.h"
#include "kdx-kol.h"
#include "kdx-store.h"
#include "kdx-xml-export.h"
#include "kdx-xml-writer.h"
#include "kdx-xml.h"

/* The writer streams: one KOL is read, written and dropped at a time,
 * as the text of its fields (KdxFileText): an export of everything reads
 * it straight from the store's SELECTs, chosen KOLs are loaded first.
 * The output is a function of the data only (fixed element order and
 * indentation, no date of export), so export → import into an empty
 * database → export gives the same bytes. */

static gboolean
write_text_element (KdxXmlWriter  *writer,
                    const char    *name,
                    const char    *text)
{
  g_autofree char *clean = NULL;

  if (!kdx_xml_text_is_clean (text))
    text = clean = kdx_xml_sanitize_text (text);
  return kdx_xml_writer_text_element (writer, name, text);
}

/* One element per field with a value, in the record's field order. Ints,
 * booleans and enums always have one; empty text has none. */
static gboolean
write_fields (KdxXmlWriter        *writer,
              const KdxRecordText *record,
              const char *const   *tags,
              KdxExportFlags       flags)
{
  for (guint i = 0; i < record->n_fields; i++)
    {
      const KdxField *field = &record->fields[i];

      if (record->texts[i] == NULL || !kdx_export_includes_field (field, flags))
        continue;

      if (field->type == KDX_FIELD_TAGS)
        {
          if (!kdx_xml_writer_start (writer, field->name))
            return FALSE;
          for (guint j = 0; tags[j] != NULL; j++)
            if (!write_text_element (writer, "tag", tags[j]))
              return FALSE;
          if (!kdx_xml_writer_end (writer))
            return FALSE;
        }
      /* Images come as one line of base64. */
      else if (!write_text_element (writer, field->name, record->texts[i]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_kol (KdxXmlWriter   *writer,
           KdxFileText    *file,
           KdxExportFlags  flags)
{
  const KdxKolListInfo *infos;
  guint n_infos;

  if (!kdx_xml_writer_start (writer, "kol")
      || !write_fields (writer, kdx_file_text_get_kol (file), kdx_file_text_get_tags (file), flags))
    return FALSE;

  infos = kdx_kol_list_infos (&n_infos);
  for (guint l = 0; l < n_infos; l++)
    {
      guint n = kdx_file_text_get_n_items (file, l);

      if (n == 0)
        continue;
      if (!kdx_xml_writer_start (writer, infos[l].name))
        return FALSE;
      for (guint i = 0; i < n; i++)
        if (!kdx_xml_writer_start (writer, kdx_xml_list_item_name (infos[l].name))
            || !write_fields (writer, kdx_file_text_get_item (file, l, i), NULL, flags)
            || !kdx_xml_writer_end (writer))
          return FALSE;
      if (!kdx_xml_writer_end (writer))
        return FALSE;
    }

  return kdx_xml_writer_end (writer);
}

static gboolean
write_failed (KdxXmlWriter  *writer,
              const char    *path,
              GError       **error)
{
  g_autofree char *display = g_filename_display_name (path);
  int saved_errno = kdx_xml_writer_get_errno (writer) != 0 ? kdx_xml_writer_get_errno (writer) : EIO;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: a file name, then the system's reason */
               _("Cannot write %s: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

/* An export of every file, walked by kdx_store_foreach_file_text(). */
typedef struct
{
  KdxXmlWriter    *writer;
  KdxExportFlags   flags;
  GCancellable    *cancellable;
  KdxProgressFunc  progress;
  gpointer         user_data;
  const char      *path;
  guint            n_done;
} Walk;

static gboolean
write_walked_kol (KdxFileText  *file,
                  gpointer      data,
                  GError      **error)
{
  Walk *walk = data;

  if (g_cancellable_set_error_if_cancelled (walk->cancellable, error))
    return FALSE;
  if (!write_kol (walk->writer, file, walk->flags))
    return write_failed (walk->writer, walk->path, error);
  if (walk->progress != NULL)
    walk->progress (++walk->n_done, walk->user_data);
  return TRUE;
}

/**
 * kdx_xml_export_file:
 * @ids: (nullable): the KOLs to export, in this order; %NULL for all, by id
 * @progress: (nullable): told the number of KOLs written after each one
 *
 * Writes the KOL files to @path in the Koldex XML format. The file
 * appears only when the export succeeds; on an error or a cancel nothing
 * is left behind.
 */
gboolean
kdx_xml_export_file (KdxStore         *store,
                     const char       *path,
                     GArray           *ids,
                     KdxExportFlags    flags,
                     GCancellable     *cancellable,
                     KdxProgressFunc   progress,
                     gpointer          user_data,
                     GError          **error)
{
  g_autoptr(KdxExportTarget) target = NULL;
  g_autoptr(KdxXmlWriter) writer = NULL;
  g_autoptr(KdxFileText) file = kdx_file_text_new ();
  gboolean started;

  g_return_val_if_fail (path != NULL, FALSE);

  /* Every KOL field but the avatar is written, contact data included
   * unless left out on purpose. */
  if ((target = kdx_export_target_open (path, !(flags & KDX_EXPORT_NO_CONTACT), error)) == NULL)
    return FALSE;
  writer = kdx_xml_writer_new (kdx_export_target_get_fd (target));

  /* contact="false" is said in the file, so an import knows the missing
   * contact fields were left out on purpose and keeps the ones it has. */
  if (flags & KDX_EXPORT_NO_CONTACT)
    started = kdx_xml_writer_start_document (writer, "koldex", "xmlns", KDX_XML_NAMESPACE,
                                             "version", KDX_XML_VERSION, "contact", "false", NULL);
  else
    started = kdx_xml_writer_start_document (writer, "koldex", "xmlns", KDX_XML_NAMESPACE,
                                             "version", KDX_XML_VERSION, NULL);
  if (!started)
    return write_failed (writer, path, error);

  if (ids == NULL)
    {
      /* Every file: read in one pass over each table, not file by file. */
      Walk walk = { writer, flags, cancellable, progress, user_data, path, 0 };

      if (!kdx_store_foreach_file_text (store, write_walked_kol, &walk, error))
        return FALSE;
    }
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(KdxKol) kol = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if ((kol = kdx_store_load_kol (store, g_array_index (ids, gint64, i), error)) == NULL)
        return FALSE;
      kdx_file_text_set_kol (file, kol);
      if (!write_kol (writer, file, flags))
        return write_failed (writer, path, error);
      if (progress != NULL)
        progress (i + 1, user_data);
    }

  if (!kdx_xml_writer_end_document (writer))
    return write_failed (writer, path, error);

  return kdx_export_target_commit (target, error);
}
