/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The shape data/koldex.xsd gives a Koldex XML file, in C: which element
 * may come where, in which order, how often, and what text each may hold.
 * The importer checks a file against it as it reads, in the same pass,
 * instead of running libxml2's schema validator beside the parser. It is
 * never more lenient than the XSD (tests/test-xml-import-stream.c compares
 * the two on every element and type), only sometimes stricter (whitespace
 * around a number, a sign, a leading "+"): whatever it refuses, the
 * importer reads again with the XSD itself, which then gives the exact
 * message, or takes a file the shape was only too strict for. */

typedef enum
{
  KDX_XML_TYPE_COMPLEX,       /* elements only (whitespace between them) */
  KDX_XML_TYPE_STRING,        /* xs:string: any text */
  KDX_XML_TYPE_REQUIRED_TEXT, /* some character that is not whitespace */
  KDX_XML_TYPE_ID,            /* a long >= 1 */
  KDX_XML_TYPE_UUID,
  KDX_XML_TYPE_COUNT,         /* a long >= 0 */
  KDX_XML_TYPE_SCORE,         /* an integer 0-5 */
  KDX_XML_TYPE_DECIMAL,       /* [0-9]+(\.[0-9]+)? */
  KDX_XML_TYPE_CURRENCY,      /* [A-Za-z]{3} */
  KDX_XML_TYPE_BOOL,          /* true|false */
  KDX_XML_TYPE_DATE,          /* YYYY-MM-DD, a day that exists */
  KDX_XML_TYPE_DATETIME,      /* YYYY-MM-DDTHH:MM:SSZ, a time that exists */
  KDX_XML_TYPE_BASE64,        /* xs:base64Binary */
  KDX_XML_TYPE_ENUM,          /* one of @choices, as written */
} KdxXmlType;

typedef struct _KdxXmlParticle KdxXmlParticle;

/* One element declared in a sequence. */
struct _KdxXmlParticle
{
  const char           *name;
  KdxXmlType            type;
  gboolean              required;   /* minOccurs 1 */
  gboolean              repeated;   /* maxOccurs unbounded */
  const char *const    *choices;    /* KDX_XML_TYPE_ENUM: the values, NULL-ended */
  const KdxXmlParticle *children;   /* KDX_XML_TYPE_COMPLEX: its sequence */
  guint                 n_children;
};

/* Where a check stands inside one open element: the particle of its
 * sequence last matched, and whether it was. */
typedef struct
{
  const KdxXmlParticle *particle;   /* the open element */
  guint                 pos;
  gboolean              seen;
} KdxXmlFrame;

const KdxXmlParticle *kdx_xml_shape_document    (void);
void                  kdx_xml_frame_init        (KdxXmlFrame          *frame,
                                                 const KdxXmlParticle *particle);
const KdxXmlParticle *kdx_xml_frame_enter       (KdxXmlFrame          *frame,
                                                 const char           *name);
gboolean              kdx_xml_frame_is_complete (const KdxXmlFrame    *frame);
gboolean              kdx_xml_shape_check_value (const KdxXmlParticle *particle,
                                                 const char           *text,
                                                 gsize                 length);
gboolean              kdx_xml_shape_is_blank    (const char           *text);

G_END_DECLS
