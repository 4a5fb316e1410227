/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The Koldex XML format (docs/xml-format.md, data/koldex.xsd): what the
 * exporter and the importer share. */

#define KDX_XML_NAMESPACE "https://koldex.github.io/ns/koldex/1"
#define KDX_XML_VERSION   "1"

typedef enum
{
  KDX_XML_PROLOG_INCOMPLETE, /* more bytes are needed to tell */
  KDX_XML_PROLOG_ROOT,       /* the root element starts at *root_offset */
  KDX_XML_PROLOG_DOCTYPE,    /* a document type declaration comes first */
  KDX_XML_PROLOG_NOT_XML,    /* not an XML document in an ASCII-based encoding */
} KdxXmlProlog;

GBytes      *kdx_xml_get_schema       (void);
KdxXmlProlog kdx_xml_scan_prolog      (const char *data,
                                       gsize       length,
                                       gsize      *root_offset);
gboolean     kdx_xml_is_koldex_file   (const char *path);
gboolean     kdx_xml_file_has_doctype (const char *path);
const char  *kdx_xml_list_item_name   (const char *list_name);
char        *kdx_xml_sanitize_text    (const char *text);
gboolean     kdx_xml_text_is_clean    (const char *text);

G_END_DECLS
