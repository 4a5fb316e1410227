/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kdx-types.h"

G_BEGIN_DECLS

/* One row of shared/FIELDS.md. The same table drives the GObject
 * properties, the SQLite columns, the JSON keys and the CLI's FIELD=VALUE,
 * so a name can never drift between them. */

typedef enum
{
  KDX_FIELD_TEXT,
  KDX_FIELD_INT,
  KDX_FIELD_DECIMAL,  /* text, exact */
  KDX_FIELD_DATE,     /* text, YYYY-MM-DD */
  KDX_FIELD_DATETIME, /* text, YYYY-MM-DDTHH:MM:SSZ */
  KDX_FIELD_BOOL,
  KDX_FIELD_ENUM,
  KDX_FIELD_IMAGE,    /* GBytes of PNG or JPEG */
  KDX_FIELD_TAGS,     /* GStrv */
} KdxFieldType;

typedef enum
{
  KDX_FIELD_FLAG_NONE      = 0,
  KDX_FIELD_FLAG_REQUIRED  = 1 << 0,
  KDX_FIELD_FLAG_READ_ONLY = 1 << 1, /* only the store writes it */
  KDX_FIELD_FLAG_CONTACT   = 1 << 2, /* personal contact data */
} KdxFieldFlags;

typedef enum
{
  KDX_FIELD_CHECK_NONE,
  KDX_FIELD_CHECK_COUNT,        /* an int >= 0 written as people write counts */
  KDX_FIELD_CHECK_SCORE,        /* an int 0-5 */
  KDX_FIELD_CHECK_PHONE,
  KDX_FIELD_CHECK_EMAIL,
  KDX_FIELD_CHECK_PLATFORM,     /* a known platform or free text */
  KDX_FIELD_CHECK_CHURN_REASON, /* a known reason or free text */
  KDX_FIELD_CHECK_CURRENCY,
  KDX_FIELD_CHECK_UID,
  KDX_FIELD_CHECK_CHANNEL,      /* a known contact channel or free text */
  KDX_FIELD_CHECK_DAYS,         /* a whole number of days >= 0 */
} KdxFieldCheck;

struct _KdxField
{
  const char    *name;
  KdxFieldType   type;
  KdxFieldFlags  flags;
  KdxFieldCheck  check;
  GType        (*enum_type) (void);
  gsize          offset; /* of the value in the record's instance struct */
  const char    *label;  /* untranslated; translate with kdx_field_get_label() */
};

const char *kdx_field_get_label     (const KdxField *field);
GType       kdx_field_get_gtype     (const KdxField *field);
gboolean    kdx_field_parse         (const KdxField *field,
                                     const char     *text,
                                     GValue         *value,
                                     GError        **error);
char       *kdx_field_to_string     (const KdxField *field,
                                     const GValue   *value);
gboolean    kdx_field_value_is_set  (const KdxField *field,
                                     const GValue   *value);
void        kdx_field_write_json    (const KdxField *field,
                                     const GValue   *value,
                                     KdxJsonWriter  *writer);

G_END_DECLS
