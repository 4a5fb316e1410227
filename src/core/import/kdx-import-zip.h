/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libxml/xmlreader.h>

G_BEGIN_DECLS

/* The zip side of XLSX and ODS: members are streamed out of the archive
 * by libarchive straight into libxml2's xmlTextReader, so a sheet is never
 * unpacked whole, and every byte is counted against a limit so a zip bomb
 * stops at the limit instead of at the end of memory. */

typedef struct _KdxZipXml KdxZipXml;

GPtrArray        *kdx_zip_list_entries (const char  *path,
                                        GError     **error);
GBytes           *kdx_zip_read_entry   (const char  *path,
                                        const char  *entry,
                                        gint64       limit,
                                        GError     **error);
KdxZipXml        *kdx_zip_xml_open     (const char  *path,
                                        const char  *entry,
                                        gint64       limit,
                                        GError     **error);
xmlTextReaderPtr  kdx_zip_xml_reader   (KdxZipXml   *self);
int               kdx_zip_xml_read     (KdxZipXml   *self,
                                        GError     **error);
double            kdx_zip_xml_progress (KdxZipXml   *self);
void              kdx_zip_xml_free     (KdxZipXml   *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdxZipXml, kdx_zip_xml_free)

/* Small helpers for walking xmlTextReader nodes. */
gboolean          kdx_xml_is_start     (xmlTextReaderPtr reader,
                                        const char      *local_name);
gboolean          kdx_xml_is_end       (xmlTextReaderPtr reader,
                                        const char      *local_name);
char             *kdx_xml_get_attr     (xmlTextReaderPtr reader,
                                        const char      *local_name);
void              kdx_xml_get_attrs    (xmlTextReaderPtr    reader,
                                        const char *const  *names,
                                        char              **values,
                                        guint               n_names);

G_END_DECLS
