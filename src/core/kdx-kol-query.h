/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kdx-condition.h"
#include "kdx-stage.h"
#include "kdx-types.h"

G_BEGIN_DECLS

/* What a view asks the store for: which KOLs, in which order. The store
 * turns it into SQL; nothing above the store filters or sorts rows. */

#define KDX_TYPE_KOL_QUERY (kdx_kol_query_get_type ())

struct _KdxKolQuery
{
  char     *search;     /* words, each must match names, handles, tags or notes */
  guint     stages;     /* bit (1 << KdxStage) per wanted stage; 0 = any */
  guint     tiers;      /* bit (1 << KdxTier) per wanted tier; 0 = any */
  char    **tags;       /* every one of these tags */
  char     *owner;
  char     *category;
  GArray   *ids;        /* (element-type gint64) only these KOLs; NULL = any */
  char     *sort_field; /* a field of shared/FIELDS.md; NULL = by id */
  gboolean  descending;

  /* Issue 17: any field as a filter, several sort keys. */
  GPtrArray *conditions; /* (element-type KdxCondition) ANDed with the above; NULL = none */
  GPtrArray *then_by;    /* (element-type KdxSortKey) keys after sort_field; ties end by id */
  char      *today;      /* YYYY-MM-DD that "today", "+7d", "within" count from; NULL = the local date */
};

/* One further sort key: a column of kdx-kol-columns.h that can sort. */
typedef struct
{
  char     *field;
  gboolean  descending;
} KdxSortKey;

GType        kdx_kol_query_get_type  (void) G_GNUC_CONST;
KdxKolQuery *kdx_kol_query_new       (void);
KdxKolQuery *kdx_kol_query_copy      (const KdxKolQuery *self);
void         kdx_kol_query_free      (KdxKolQuery       *self);
gboolean     kdx_kol_query_equal     (const KdxKolQuery *self,
                                      const KdxKolQuery *other);
void         kdx_kol_query_set_search (KdxKolQuery      *self,
                                      const char        *search);
void         kdx_kol_query_set_sort  (KdxKolQuery       *self,
                                      const char        *field,
                                      gboolean           descending);

/* Takes @condition (transfer full); ANDed with the others. */
void         kdx_kol_query_add_condition   (KdxKolQuery       *self,
                                            KdxCondition      *condition);
void         kdx_kol_query_clear_conditions (KdxKolQuery      *self);
/* Appends a sort key: the first one becomes sort_field, later ones
 * then_by. kdx_kol_query_set_sort() replaces them all with one. */
void         kdx_kol_query_add_sort        (KdxKolQuery       *self,
                                            const char        *field,
                                            gboolean           descending);
/* "followers" or "-followers" (descending), as the CLI and saved views
 * write a sort key; the error names an unknown or unsortable field. */
gboolean     kdx_kol_query_add_sort_text   (KdxKolQuery       *self,
                                            const char        *text,
                                            GError           **error);
/* The sort keys in that text form, in order ("-followers", "id"...). */
char       **kdx_kol_query_get_sort_texts  (const KdxKolQuery *self);
guint        kdx_kol_query_get_n_sort_keys (const KdxKolQuery *self);
void         kdx_kol_query_set_today       (KdxKolQuery       *self,
                                            const char        *today);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdxKolQuery, kdx_kol_query_free)

G_END_DECLS
