/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What kdx-column-mapper-tables.c holds for kdx-column-mapper.c. */

/* Header names of one field, as operators write them. */
typedef struct
{
  const char        *field;
  const char *const *headers;
} KdxMapperHeaders;

/* One enum value of a field, as operators write it in Chinese. */
typedef struct
{
  const char *field;
  const char *value;
  const char *const aliases[12];
} KdxMapperValue;

extern const KdxMapperHeaders kdx_mapper_header_table[];
extern const guint kdx_mapper_n_header_table;
extern const KdxMapperValue kdx_mapper_value_table[];
extern const guint kdx_mapper_n_value_table;

G_END_DECLS
