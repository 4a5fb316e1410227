/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kdx-due-item.h"

G_BEGIN_DECLS

/* What kdx_due_list() fills in to make an item (kdx-due-item.h says what
 * each field means). Strings are copied. */
typedef struct
{
  gint64        id;
  const char   *display_name;
  KdxDueReason  reason;
  const char   *date;
  int           days;
  const char   *label;
  const char   *festival;
  KdxStage      stage;
  KdxTier       tier;
  const char   *owner;
} KdxDueItemFields;

KdxDueItem *_kdx_due_item_new (const KdxDueItemFields *fields,
                               GArray                 *kol_ids);

G_END_DECLS
