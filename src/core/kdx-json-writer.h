/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kdx-types.h"

G_BEGIN_DECLS

/* A small streaming JSON writer: the stack has no JSON library, and the
 * CLI and exports only ever write JSON, never read it. */

#define KDX_TYPE_JSON_WRITER (kdx_json_writer_get_type ())
G_DECLARE_FINAL_TYPE (KdxJsonWriter, kdx_json_writer, KDX, JSON_WRITER, GObject)

KdxJsonWriter *kdx_json_writer_new          (gboolean       pretty);
void           kdx_json_writer_begin_object (KdxJsonWriter *self);
void           kdx_json_writer_end_object   (KdxJsonWriter *self);
void           kdx_json_writer_begin_array  (KdxJsonWriter *self);
void           kdx_json_writer_end_array    (KdxJsonWriter *self);
void           kdx_json_writer_member       (KdxJsonWriter *self,
                                             const char    *name);
void           kdx_json_writer_string       (KdxJsonWriter *self,
                                             const char    *text);
void           kdx_json_writer_int          (KdxJsonWriter *self,
                                             gint64         number);
void           kdx_json_writer_raw_number   (KdxJsonWriter *self,
                                             const char    *number);
void           kdx_json_writer_bool         (KdxJsonWriter *self,
                                             gboolean       flag);
void           kdx_json_writer_null         (KdxJsonWriter *self);
const char    *kdx_json_writer_get_text     (KdxJsonWriter *self);

G_END_DECLS
