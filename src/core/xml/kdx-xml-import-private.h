/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/xmlreader.h>

#include "../import/kdx-import-sink.h"
#include "kdx-xml-import.h"
#include "kdx-xml-shape.h"

G_BEGIN_DECLS

/* What kdx-xml-import.c (the reading) and kdx-xml-import-issues.c (what
 * is said about a problem, and where) share. */

#define MAX_ISSUES 20
/* koldex > kol > list > item > field: one more for a child that may not be. */
#define MAX_DEPTH 6

typedef struct
{
  KdxImportSink      *sink;            /* the duplicate policy and the history */
  const char         *path;
  char               *display_path;
  KdxXmlImportReport *report;
  xmlTextReader      *reader;
  gboolean            stop;            /* a fatal problem: read no further */

  /* Input: the bytes read to scan the prolog, then the rest of the stream. */
  GInputStream       *stream;
  GByteArray         *prefix;
  gsize               prefix_pos;
  GError             *read_error;

  gboolean            restore_ids;     /* the database was empty: keep the file's ids */
  GHashTable         *used_ids;

  /* Each record type's fields by element name (a GType to a table of
   * name to KdxField), looked up per element: a search of the field
   * table by name took 2 % of an import. */
  GHashTable         *fields_by_type;

  /* Where the reader is. */
  KdxKol             *kol;
  GListStore         *list;
  KdxRecord          *item;
  GPtrArray          *tags;
  const KdxField     *field;           /* of the leaf element being read */
  KdxRecord          *field_record;
  gboolean            in_tag;
  guint               n_done;
  guint               kol_line;        /* where the <kol> being read starts */
  GString            *text;
  guint               leaf_line;
  guint               text_line;       /* where the last text read ended, past line 65535 */
  GString            *leaf_name;       /* a buffer kept from leaf to leaf */

  /* The shape check, when the XSD does not validate (the first reading). */
  gboolean            check_shape;
  gboolean            misshapen;       /* the shape refused something: read again with the XSD */
  KdxXmlFrame         frames[MAX_DEPTH];
  const KdxXmlParticle *leaf;          /* the open element of simple type, or NULL */
  GPtrArray          *blank_fields;    /* the fields a new KdxKol has a value in */
  xmlNs              *our_ns;          /* the root's Koldex namespace */
} Import;

void _kdx_xml_issue_free             (gpointer     data);
void _kdx_xml_add_issue              (Import      *imp,
                                      guint        line,
                                      guint        column,
                                      const char  *why);
void _kdx_xml_add_element_issue      (Import      *imp,
                                      guint        line,
                                      const char  *name,
                                      const char  *why);
/* A team database's refusal of a KOL stored before, at its <kol>. */
gboolean _kdx_xml_add_refusal_issue  (Import      *imp);
void _kdx_xml_structured_error_cb    (void        *user_data,
                                      xmlErrorPtr  error);

G_END_DECLS
