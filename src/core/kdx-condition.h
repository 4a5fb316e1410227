/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kdx-field.h"

G_BEGIN_DECLS

/* One condition of a list filter (issue 17, item 3): a column of
 * kdx-kol-columns.h, an operator and a value, parsed and checked with the
 * field's own parser. A query ANDs its conditions with the stage, tier,
 * tag, owner and category filters and the search text; the store turns
 * them into SQL (kdx-store-conditions.c). Nothing here speaks SQL.
 *
 * Which operators a column takes depends on its type:
 *
 *   text, decimal   is, is not, contains, empty, not empty (decimal: also >=, <=)
 *   int             is, is not, >=, <=
 *   enum            is, is not, empty (its "unset" value), not empty
 *   bool            is, is not
 *   date, datetime  is, is not, before, after, >=, <=, within N days,
 *                   not within N days, empty, not empty
 *   list (tags)     is (has that tag), is not (lacks it), contains (a tag
 *                   holds the text), empty (no tags), not empty
 *
 * Text form (the CLI's --where, saved views): one string FIELD OP VALUE.
 *
 *   FIELD=VALUE  is            FIELD=       empty
 *   FIELD!=VALUE is not        FIELD!=      not empty
 *   FIELD~TEXT   contains      FIELD>=V     at least / on or after
 *   FIELD<=V     at most / on or before
 *   FIELD<DATE   before        FIELD>DATE   after
 *   FIELD within N      within N days of today (either side: the last N
 *                       days for a past fact such as last_contact, the
 *                       coming N for next_follow_up)
 *   FIELD !within N     not within N days, or empty (never contacted
 *                       counts as not contacted in 30 days)
 *   FIELD empty, FIELD !empty   the spelled forms of FIELD= and FIELD!=
 *
 * Date values are YYYY-MM-DD (or anything kdx_field_parse() reads for a
 * date), or relative to the query's day: "today", "+7d", "-30d". They
 * are kept as written and resolved when the query runs, so a saved view
 * "next_follow_up<=+7d" means the coming week every day. Datetime fields
 * (created_at, updated_at, last_contact) compare by their UTC date. */

typedef enum
{
  KDX_CONDITION_IS,
  KDX_CONDITION_IS_NOT,
  KDX_CONDITION_CONTAINS,
  KDX_CONDITION_EMPTY,
  KDX_CONDITION_NOT_EMPTY,
  KDX_CONDITION_AT_LEAST,        /* >=; for dates: on or after */
  KDX_CONDITION_AT_MOST,         /* <=; for dates: on or before */
  KDX_CONDITION_BEFORE,          /* dates only */
  KDX_CONDITION_AFTER,           /* dates only */
  KDX_CONDITION_WITHIN_DAYS,     /* dates only; the value is a number of days */
  KDX_CONDITION_NOT_WITHIN_DAYS, /* dates only; empty dates match */
  KDX_CONDITION_N_OPS
} KdxConditionOp;

#define KDX_TYPE_CONDITION (kdx_condition_get_type ())

typedef struct _KdxCondition KdxCondition;

GType           kdx_condition_get_type     (void) G_GNUC_CONST;

/* Checks that @field is a column, that @op applies to its type and that
 * @value (ignored for empty and not empty) is one of its values; the
 * error names the field and the bad value. */
KdxCondition   *kdx_condition_new          (const char          *field,
                                            KdxConditionOp       op,
                                            const char          *value,
                                            GError             **error);
/* The text form above; errors name the unknown field, operator or value. */
KdxCondition   *kdx_condition_parse        (const char          *text,
                                            GError             **error);
KdxCondition   *kdx_condition_copy         (const KdxCondition  *self);
void            kdx_condition_free         (KdxCondition        *self);
gboolean        kdx_condition_equal        (const KdxCondition  *self,
                                            const KdxCondition  *other);

const KdxField *kdx_condition_get_field    (const KdxCondition  *self);
KdxConditionOp  kdx_condition_get_op       (const KdxCondition  *self);
/* Canonical text of the value (an enum's stored value, a date as written
 * when relative); NULL for empty and not empty. For within: the days. */
const char     *kdx_condition_get_value    (const KdxCondition  *self);

/* The text form, which kdx_condition_parse() reads back to an equal one. */
char           *kdx_condition_to_string    (const KdxCondition  *self);
/* For people, translated: "Tier is Head", "Next follow-up within 7 days":
 * a filter chip's label. */
char           *kdx_condition_describe     (const KdxCondition  *self);

/* Whether @op applies to @column's type; the operators that do, in the
 * order a menu offers them (@n_ops set). */
gboolean        kdx_condition_op_applies   (const KdxField      *column,
                                            KdxConditionOp       op);
const KdxConditionOp *kdx_condition_ops_for (const KdxField     *column,
                                             guint              *n_ops);
/* "is", "is not", "contains", ..., translated. */
const char     *kdx_condition_op_get_label (KdxConditionOp       op);
/* Whether @op takes a value (all but empty and not empty). */
gboolean        kdx_condition_op_has_value (KdxConditionOp       op);

/* Resolves a date value ("2025-03-01", "today", "+7d", "-30d") against
 * @today (YYYY-MM-DD): the date it means, or NULL when it is no date. */
char           *kdx_condition_resolve_date (const char          *value,
                                            const char          *today);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdxCondition, kdx_condition_free)

G_END_DECLS
