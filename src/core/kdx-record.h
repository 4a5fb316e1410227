/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kdx-field.h"
#include "kdx-types.h"

G_BEGIN_DECLS

/* KdxRecord is the base of every part of a KOL file: its properties are
 * the rows of a KdxField table that each subclass declares once. */

#define KDX_TYPE_RECORD (kdx_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (KdxRecord, kdx_record, KDX, RECORD, GObject)

struct _KdxRecordClass
{
  GObjectClass parent_class;

  /*< private >*/
  const KdxField *fields;
  guint           n_fields;
  GParamSpec    **pspecs; /* one per field, same order */
};

void            kdx_record_class_install_fields (KdxRecordClass *klass,
                                                 const KdxField *fields,
                                                 guint           n_fields);

const KdxField *kdx_record_get_fields           (KdxRecord      *self,
                                                 guint          *n_fields);
const KdxField *kdx_record_type_get_fields      (GType           record_type,
                                                 guint          *n_fields);
const KdxField *kdx_record_find_field           (KdxRecord      *self,
                                                 const char     *name);
const KdxField *kdx_record_type_find_field      (GType           record_type,
                                                 const char     *name);
void            kdx_record_get_value            (KdxRecord      *self,
                                                 const KdxField *field,
                                                 GValue         *value);
void            kdx_record_set_value            (KdxRecord      *self,
                                                 const KdxField *field,
                                                 const GValue   *value);
gboolean        kdx_record_set_from_string      (KdxRecord      *self,
                                                 const char     *name,
                                                 const char     *text,
                                                 GError        **error);
const char     *kdx_record_peek_string          (KdxRecord      *self,
                                                 const KdxField *field);
gint64          kdx_record_peek_number          (KdxRecord      *self,
                                                 const KdxField *field);
gboolean        kdx_record_set_field_from_string (KdxRecord     *self,
                                                 const KdxField *field,
                                                 const char     *text,
                                                 GError        **error);
char           *kdx_record_get_string           (KdxRecord      *self,
                                                 const KdxField *field);
void            kdx_record_assign               (KdxRecord      *self,
                                                 KdxRecord      *source);
gboolean        kdx_record_equal                (KdxRecord      *self,
                                                 KdxRecord      *other);
void            kdx_record_write_json           (KdxRecord      *self,
                                                 KdxJsonWriter  *writer);

/* Direct access for subclasses' typed getters. */
#define KDX_RECORD_MEMBER(self, type, field) \
  G_STRUCT_MEMBER (type, (self), (field)->offset)

G_END_DECLS
