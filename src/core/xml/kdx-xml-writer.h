/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Koldex XML export's output: elements indented by two spaces, an
 * element of text on one line, the bytes libxml2's xmlTextWriter writes
 * with indentation on (so files written before and after it are the
 * same), but buffered in 64 KiB writes and without a node list per
 * element: the XML export of 100,000 files spent a fifth of its time in
 * xmlTextWriter (issue 16, item 3). Text is escaped, not checked: give
 * it kdx_xml_sanitize_text()'s output or text known to be clean. */

typedef struct _KdxXmlWriter KdxXmlWriter;

KdxXmlWriter *kdx_xml_writer_new          (int            fd);
void          kdx_xml_writer_free         (KdxXmlWriter  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdxXmlWriter, kdx_xml_writer_free)

/* The XML declaration and the root's start tag, with @attributes
 * (name, value pairs up to NULL; values written as given). */
gboolean      kdx_xml_writer_start_document (KdxXmlWriter  *self,
                                             const char    *root,
                                             const char    *first_attribute,
                                             ...) G_GNUC_NULL_TERMINATED;
gboolean      kdx_xml_writer_start        (KdxXmlWriter  *self,
                                           const char    *name);
gboolean      kdx_xml_writer_text_element (KdxXmlWriter  *self,
                                           const char    *name,
                                           const char    *text);
gboolean      kdx_xml_writer_end          (KdxXmlWriter  *self);
/* Closes every open element and writes out what is buffered. */
gboolean      kdx_xml_writer_end_document (KdxXmlWriter  *self);
/* The errno of the first failed write, 0 when none failed. */
int           kdx_xml_writer_get_errno    (KdxXmlWriter  *self);

G_END_DECLS
