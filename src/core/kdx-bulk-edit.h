/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kdx-field.h"
#include "kdx-store.h"

G_BEGIN_DECLS

/* The same change on many KOLs (issue 17, item 1: "Edit N KOLs…",
 * `koldex-cli set ID... FIELD=VALUE...`): a list of changes, each a field
 * and an operation, previewed (who changes, from what to what) and then
 * applied in ONE transaction, which returns the files as they were so one
 * Undo (kdx_store_replace_kols()) puts every one back.
 *
 * Every writable field of shared/FIELDS.md can be bulk-edited except:
 * the stage (Move To writes the stage history and asks why a KOL leaves),
 * the avatar (an image per person), and the store's own fields (id, uid,
 * created_at, updated_at). kdx_bulk_edit_field_is_editable() says which. */

typedef enum
{
  KDX_BULK_SET,         /* field = value */
  KDX_BULK_CLEAR,       /* field = empty (an enum's unset value, 0, false) */
  KDX_BULK_ADD_TAGS,    /* tags only: add these, keep the others */
  KDX_BULK_REMOVE_TAGS, /* tags only: remove these, keep the others */
} KdxBulkOp;

typedef struct _KdxBulkEdit KdxBulkEdit;

/* One field of one KOL that the edit changes, for the preview. */
typedef struct
{
  gint64          id;
  char           *display_name;
  const KdxField *field;
  char           *before;  /* canonical text (kdx_field_to_string()), "" when empty */
  char           *after;
} KdxBulkChange;

typedef struct
{
  guint      n_kols;   /* how many KOLs change at all */
  GPtrArray *changes;  /* (element-type KdxBulkChange) by KOL (in the ids' order),
                        * then by change; KOLs and fields that stay as they are
                        * are left out */
} KdxBulkPreview;

void            kdx_bulk_preview_free      (KdxBulkPreview   *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdxBulkPreview, kdx_bulk_preview_free)

KdxBulkEdit    *kdx_bulk_edit_new          (void);
void            kdx_bulk_edit_free         (KdxBulkEdit      *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdxBulkEdit, kdx_bulk_edit_free)

gboolean        kdx_bulk_edit_field_is_editable (const KdxField *field);
/* The fields "Edit N KOLs…" offers, in FIELDS.md order. */
const KdxField *const *kdx_bulk_edit_list_fields (guint     *n_fields);

/* Adds a change; @value is parsed with the field's own parser (ignored
 * for KDX_BULK_CLEAR; for tags a list "a, b"). The error names the field
 * and the bad value, or says why the field cannot be bulk-edited. A later
 * change of the same field replaces an earlier one, except that tag
 * additions and removals accumulate. */
gboolean        kdx_bulk_edit_add          (KdxBulkEdit      *self,
                                            const char       *field,
                                            KdxBulkOp         op,
                                            const char       *value,
                                            GError          **error);
/* The CLI's form: "FIELD=VALUE" sets, "FIELD=" clears, "tags+=a,b" adds
 * tags, "tags-=a" removes them (and "tags=a,b" sets the whole list). */
gboolean        kdx_bulk_edit_add_text     (KdxBulkEdit      *self,
                                            const char       *text,
                                            GError          **error);
gboolean        kdx_bulk_edit_is_empty     (const KdxBulkEdit *self);
guint           kdx_bulk_edit_get_n_changes (const KdxBulkEdit *self);

/* What applying the edit to @ids would change; reads the files, writes
 * nothing. An unknown id is an error that names it. */
KdxBulkPreview *kdx_bulk_edit_preview      (const KdxBulkEdit *self,
                                            KdxStore          *store,
                                            GArray            *ids,
                                            GError           **error);
/* Applies the edit to every KOL of @ids in one transaction: all or
 * nothing (an unknown id, a busy database, a failed write: nothing
 * changed, the error says which id). KOLs the edit leaves as they are are
 * not written. @before_out gets the files as they were, of the KOLs that
 * changed: hand them to kdx_store_replace_kols() to undo. */
gboolean        kdx_bulk_edit_apply        (const KdxBulkEdit *self,
                                            KdxStore          *store,
                                            GArray            *ids,
                                            GPtrArray        **before_out,
                                            GError           **error);

G_END_DECLS
