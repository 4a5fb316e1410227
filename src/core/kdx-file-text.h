/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kdx-kol.h"

G_BEGIN_DECLS

/* A KOL file as the text of its fields, for writers that only write
 * text (the XML export): no GObject per file or item, so an export of
 * every file streams from the store's SELECTs (issue 16, item 3). A
 * field's text is what kdx_field_to_string() gives, NULL when the field
 * has no value (kdx_field_value_is_set()). */

typedef struct
{
  const KdxField  *fields;
  guint            n_fields;
  const char     **texts;  /* per field; a tags field: "" when set, see KdxFileText.tags */
} KdxRecordText;

typedef struct _KdxFileText KdxFileText;

KdxFileText         *kdx_file_text_new        (void);
void                 kdx_file_text_free       (KdxFileText   *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdxFileText, kdx_file_text_free)

/* Empties it for the next file, keeping its memory. */
void                 kdx_file_text_clear      (KdxFileText   *self);
KdxRecordText       *kdx_file_text_get_kol    (KdxFileText   *self);
/* The tags, in order (never NULL). */
const char *const   *kdx_file_text_get_tags   (KdxFileText   *self);
void                 kdx_file_text_add_tag    (KdxFileText   *self,
                                               const char    *tag);
/* The items of list @list (an index of kdx_kol_list_infos()). */
guint                kdx_file_text_get_n_items (KdxFileText  *self,
                                                guint         list);
KdxRecordText       *kdx_file_text_get_item   (KdxFileText   *self,
                                               guint          list,
                                               guint          index);
KdxRecordText       *kdx_file_text_add_item   (KdxFileText   *self,
                                               guint          list);
/* Keeps a copy of @text (@length bytes, or up to its NUL when -1) as
 * field @index of @record, or NULL. */
void                 kdx_file_text_set        (KdxFileText   *self,
                                               KdxRecordText *record,
                                               guint          index,
                                               const char    *text,
                                               gssize         length);
/* Fills it from a file already loaded. */
void                 kdx_file_text_set_kol    (KdxFileText   *self,
                                               KdxKol        *kol);

G_END_DECLS
