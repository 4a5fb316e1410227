/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

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
};

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdxKolQuery, kdx_kol_query_free)

G_END_DECLS
