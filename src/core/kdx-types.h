/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Forward declarations, so headers need not include each other. */
typedef struct _KdxRecord        KdxRecord;
typedef struct _KdxKol           KdxKol;
typedef struct _KdxChannel       KdxChannel;
typedef struct _KdxEvent         KdxEvent;
typedef struct _KdxImportantDate KdxImportantDate;
typedef struct _KdxStageEntry    KdxStageEntry;
typedef struct _KdxStore         KdxStore;
typedef struct _KdxKolQuery      KdxKolQuery;
typedef struct _KdxKolList       KdxKolList;
typedef struct _KdxField         KdxField;
typedef struct _KdxJsonWriter    KdxJsonWriter;

G_END_DECLS
