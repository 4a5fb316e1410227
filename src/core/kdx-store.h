/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kdx-enums.h"
#include "kdx-file-text.h"
#include "kdx-kol-query.h"
#include "kdx-kol.h"
#include "kdx-saved-view.h"
#include "kdx-types.h"

G_BEGIN_DECLS

/* One import, as the history lists it. */
typedef struct
{
  gint64  id;
  char   *file;
  char   *at;        /* when, ISO 8601 UTC */
  guint   created;
  guint   merged;
  guint   skipped;
  guint   rejected;
  char   *undone_at; /* NULL while it stands */
  char   *made_by;   /* who imported (schema 11); NULL before */
} KdxImportRun;

void kdx_import_run_free (KdxImportRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdxImportRun, kdx_import_run_free)

/* A KOL that may be due on a day, with what the rules of kdx_due_list()
 * need; the store preselects them (kdx-store-due.c). */
typedef struct
{
  gint64    id;
  char     *display_name;
  KdxStage  stage;
  KdxTier   tier;
  char     *owner;
  char     *next_follow_up;     /* YYYY-MM-DD or NULL */
  char     *reapproach_on;      /* YYYY-MM-DD or NULL */
  gint64    contact_every_days;
  char     *last_contact;       /* ISO 8601 UTC of the newest non-note event, or NULL */
  char     *stage_since;        /* ISO 8601 UTC of the newest stage move (else of its creation) */
} KdxDueKol;

void kdx_due_kol_free (KdxDueKol *row);

/* Where a coming date of a KOL comes from. */
typedef enum
{
  KDX_DUE_DATE_IMPORTANT,   /* an entry of important_dates */
  KDX_DUE_DATE_BIRTHDAY,    /* the birthday field (Gregorian, yearly) */
  KDX_DUE_DATE_ANNIVERSARY, /* the first move to Onboarding (a datetime) */
} KdxDueDateKind;

typedef struct
{
  gint64          id;
  char           *display_name;
  KdxStage        stage;
  KdxTier         tier;
  char           *owner;
  KdxDueDateKind  kind;
  char           *label;    /* the important date's; NULL for the others */
  char           *date;     /* YYYY-MM-DD; a datetime for an anniversary */
  gboolean        yearly;
  KdxCalendar     calendar;
} KdxDueDate;

void kdx_due_date_free (KdxDueDate *row);

/* The only code that speaks SQL. Every write is one transaction; a batch
 * makes many writes one transaction. After a write commits, "changed"
 * carries the ids of the KOLs it touched (added, saved, moved or deleted).
 * Saved views are not KOLs: their writes emit "views-changed" instead. */

#define KDX_TYPE_STORE (kdx_store_get_type ())
G_DECLARE_FINAL_TYPE (KdxStore, kdx_store, KDX, STORE, GObject)

#define KDX_STORE_SCHEMA_VERSION 16

char       *kdx_store_default_path   (void);
char       *kdx_store_resolve_path   (const char   *path);
KdxStore   *kdx_store_open           (const char   *path,
                                      GError      **error);
KdxStore   *kdx_store_open_once      (const char   *path,
                                      GError      **error);
KdxStore   *kdx_store_open_sibling   (KdxStore     *self,
                                      GError      **error);
/* kdx-store-siblings.c: a sibling for a worker that only reads (the
 * list's rest of a search), kept open between workers where connecting
 * is slow (a server); any thread, one worker at a time per reader. */
KdxStore   *kdx_store_borrow_reader  (KdxStore     *self,
                                      GError      **error);
void        kdx_store_give_back_reader (KdxStore   *self,
                                        KdxStore   *reader);
GArray     *kdx_store_query_ids_in_worker (KdxStore          *self,
                                           const KdxKolQuery *query,
                                           GCancellable      *cancellable,
                                           GError           **error);
const char *kdx_store_get_path       (KdxStore     *self);
void        kdx_store_set_single_pass (KdxStore    *self,
                                       gboolean     single_pass);
gboolean    kdx_store_is_damaged     (KdxStore     *self);
gboolean    kdx_store_is_connected   (KdxStore     *self);
void        kdx_store_reconnect      (KdxStore     *self);

/* kdx-store-pg-secret.c: a team database's server, and its password in
 * the operator's keyring (never in settings, logs or messages) */
gboolean    kdx_store_get_server     (const char   *location,
                                      char        **database,
                                      char        **host);
gboolean    kdx_store_location_has_password (const char *location);
gboolean    kdx_store_save_password  (const char   *location,
                                      const char   *password,
                                      GError      **error);
gboolean    kdx_store_damage_error   (KdxStore     *self,
                                      GError      **error);
gboolean    kdx_store_check          (KdxStore     *self,
                                      GError      **error);
gboolean    kdx_store_was_checked    (KdxStore     *self);
/* Who makes the writes that follow (issue 14, item 5): events, stage moves
 * and imports record the name; NULL or "" records none. */
void        kdx_store_set_operator   (KdxStore     *self,
                                      const char   *name);
const char *kdx_store_get_operator   (KdxStore     *self);
void        kdx_store_stamp_made_by  (KdxStore     *self,
                                      KdxRecord    *item);
/* The connection may only read (a SELECT-only role, a read-only file):
 * every write fails with KDX_ERROR_READ_ONLY and changes nothing. */
gboolean    kdx_store_is_read_only   (KdxStore     *self);
gboolean    kdx_store_read_only_error (KdxStore    *self,
                                       GError     **error);

/* kdx-store-copy.c: everything into an empty database (a file or a team's) */
gboolean    kdx_store_copy_to        (KdxStore     *self,
                                      const char   *destination,
                                      GError      **error);
gboolean    kdx_store_probe_empty    (const char   *location,
                                      gboolean     *empty,
                                      GError      **error);

/* kdx-store-backup.c: SQLite's online backup API */
gboolean    kdx_store_backup         (KdxStore     *self,
                                      const char   *path,
                                      GError      **error);
gboolean    kdx_store_restore        (KdxStore     *self,
                                      const char   *backup,
                                      GError      **error);
gboolean    kdx_store_inspect_backup (const char   *path,
                                      gboolean      verify,
                                      gint64       *schema,
                                      gint64       *n_kols,
                                      GError      **error);
gboolean    kdx_store_check_in_place (KdxStore     *self,
                                      GError      **error);

gboolean    kdx_store_add_kol        (KdxStore     *self,
                                      KdxKol       *kol,
                                      GError      **error);
gboolean    kdx_store_save_kol       (KdxStore     *self,
                                      KdxKol       *kol,
                                      GError      **error);
/* kdx-store-versions.c: several writers, a row version per KOL */
gboolean    kdx_store_get_kol_version (KdxStore    *self,
                                       gint64       id,
                                       gint64      *version,
                                       GError     **error);
KdxKol     *kdx_store_load_kol_with_version (KdxStore  *self,
                                             gint64     id,
                                             gint64    *version,
                                             GError   **error);
gboolean    kdx_store_save_kol_changes (KdxStore            *self,
                                        KdxKol              *kol,
                                        KdxKol              *base,
                                        gint64               base_version,
                                        const char * const  *names,
                                        gint64              *new_version,
                                        GStrv               *conflicts,
                                        GError             **error);
/* Told each file of kdx_store_foreach_kol(); FALSE (with @error) stops. */
typedef gboolean (*KdxKolFunc) (KdxKol    *kol,
                                gpointer   user_data,
                                GError   **error);
gboolean    kdx_store_foreach_kol    (KdxStore     *self,
                                      KdxKolFunc    func,
                                      gpointer      user_data,
                                      GError      **error);
KdxKol     *kdx_store_load_kol       (KdxStore     *self,
                                      gint64        id,
                                      GError      **error);
gboolean    kdx_store_reload_kol     (KdxStore     *self,
                                      KdxKol       *kol,
                                      GError      **error);
gboolean    kdx_store_delete_kol     (KdxStore     *self,
                                      gint64        id,
                                      GError      **error);
gboolean    kdx_store_move_kol       (KdxStore     *self,
                                      gint64        id,
                                      KdxStage      stage,
                                      const char   *note,
                                      GError      **error);
gboolean    kdx_store_move_kols      (KdxStore     *self,
                                      GArray       *ids,
                                      KdxStage      stage,
                                      const char   *churn_reason,
                                      const char   *note,
                                      GError      **error);
gboolean    kdx_store_replace_kol    (KdxStore     *self,
                                      KdxKol       *kol,
                                      GError      **error);
gboolean    kdx_store_delete_kols    (KdxStore     *self,
                                      GArray       *ids,
                                      GPtrArray   **deleted_out,
                                      GError      **error);
gboolean    kdx_store_restore_kols   (KdxStore     *self,
                                      GPtrArray    *files,
                                      GError      **error);
gboolean    kdx_store_replace_kols   (KdxStore     *self,
                                      GPtrArray    *files,
                                      GError      **error);
/* Changes one file read inside kdx_store_edit_kols()'s transaction;
 * returns FALSE, with @error set, to fail the whole edit. */
typedef gboolean (*KdxKolEditFunc) (KdxKol    *kol,
                                    gpointer   user_data,
                                    GError   **error);

gboolean    kdx_store_edit_kols      (KdxStore      *self,
                                      GArray        *ids,
                                      KdxKolEditFunc edit,
                                      gpointer       user_data,
                                      GPtrArray    **before_out,
                                      GError       **error);
gboolean    kdx_store_place_on_board (KdxStore     *self,
                                      GArray       *ids,
                                      KdxStage      stage,
                                      gint64        before_id,
                                      GError      **error);

gboolean    kdx_store_begin_batch    (KdxStore     *self,
                                      GError      **error);
gboolean    kdx_store_commit_batch   (KdxStore     *self,
                                      GError      **error);
void        kdx_store_rollback_batch (KdxStore     *self);
gboolean    kdx_store_in_batch       (KdxStore     *self);

GArray     *kdx_store_query_ids      (KdxStore          *self,
                                      const KdxKolQuery *query,
                                      GError           **error);
char       *kdx_store_explain_query_ids (KdxStore          *self,
                                         const KdxKolQuery *query,
                                         GError           **error);
GArray     *kdx_store_query_first_ids (KdxStore          *self,
                                      const KdxKolQuery *query,
                                      guint              limit,
                                      guint              budget,
                                      gboolean          *whole,
                                      GError           **error);
gboolean    kdx_store_reads_first_rows_at_once (KdxStore *self);
GPtrArray  *kdx_store_query_first_rows (KdxStore          *self,
                                       const KdxKolQuery *query,
                                       guint              limit,
                                       guint              budget,
                                       gboolean          *whole,
                                       GError           **error);
GArray     *kdx_store_query_ids_cancellable (KdxStore          *self,
                                            const KdxKolQuery *query,
                                            GCancellable      *cancellable,
                                            GError           **error);
gint64      kdx_store_count_kols     (KdxStore     *self,
                                      GError      **error);
gboolean    kdx_store_query_stats    (KdxStore          *self,
                                      const KdxKolQuery *query,
                                      gint64            *count,
                                      gint64            *followers,
                                      GError           **error);
gboolean    kdx_store_is_sort_field  (const char   *field);
gint64      kdx_store_find_duplicate (KdxStore     *self,
                                      KdxKol       *kol,
                                      GError      **error);
gint64      kdx_store_record_import  (KdxStore     *self,
                                      const char   *file,
                                      GArray       *created_ids,
                                      GPtrArray    *merged_before,
                                      guint         skipped,
                                      guint         rejected,
                                      GError      **error);
void        kdx_store_set_streaming    (KdxStore   *self,
                                        gboolean    streaming);
gint64      kdx_store_open_import_run  (KdxStore   *self,
                                        const char *file,
                                        GError    **error);
gboolean    kdx_store_add_import_change (KdxStore  *self,
                                         gint64     run_id,
                                         gint64     kol_id,
                                         KdxKol    *before,
                                         GError   **error);
gboolean    kdx_store_merge_import_kol (KdxStore   *self,
                                        gint64      run_id,
                                        gint64      id,
                                        KdxKol     *kol,
                                        GError    **error);
gboolean    kdx_store_close_import_run (KdxStore   *self,
                                        gint64      run_id,
                                        guint       created,
                                        guint       merged,
                                        guint       skipped,
                                        guint       rejected,
                                        GError    **error);
GPtrArray  *kdx_store_list_imports   (KdxStore     *self,
                                      GError      **error);
gboolean    kdx_store_undo_import    (KdxStore     *self,
                                      gint64        run_id,
                                      GError      **error);
/* What a database refused of an import only when its rows reached it
 * (a team database: the server, at a COPY of buffered rows), traced back
 * to the input: kdx_store_get_refusal() after the import failed. */
typedef struct
{
  guint  row;     /* the input's row or line (kdx_store_set_import_row()); 0 unknown */
  char  *field;   /* the canonical field name ("uid", "tags", "channels.handle"); NULL unknown */
  char  *value;   /* the value refused, shortened to be shown; NULL unknown */
  char  *reason;  /* why, translated: what follows “value” in a sentence */
} KdxStoreRefusal;

gboolean    kdx_store_send_import_rows (KdxStore   *self,
                                        GError    **error);
void        kdx_store_set_import_row (KdxStore     *self,
                                      guint         row);
const KdxStoreRefusal *kdx_store_get_refusal (KdxStore *self);
char       *kdx_store_refusal_describe (const KdxStoreRefusal *refusal);
gint64      kdx_store_find_uid       (KdxStore     *self,
                                      const char   *uid,
                                      GError      **error);
char      **kdx_store_list_values    (KdxStore     *self,
                                      const char   *field,
                                      GError      **error);

/* Issue 17: columns read in SQL, and saved views (kdx-store-columns.c,
 * kdx-store-views.c). */

/* The values of @columns (names of kdx-kol-columns.h) for rows @offset ..
 * @offset + @limit - 1 (@limit 0: to the end) of what @query selects, in
 * its order, in ONE query and without building a KdxKol.
 * Returns: (transfer full) (element-type KdxKolRow) */
GPtrArray  *kdx_store_query_rows     (KdxStore          *self,
                                      const KdxKolQuery *query,
                                      const char *const *columns,
                                      guint              offset,
                                      guint              limit,
                                      GError           **error);
/* The list's rows (kdx-store-rows.c): the KOLs @ids, in ONE query, each
 * with every field of the kol table, its tags and avatar, but only a
 * summary of its timeline, channels and history (kdx_kol_is_row()): for
 * showing, never for editing or saving. KOLs that are gone are left out;
 * the order is the store's. Counted by kdx_store_get_n_rows_read().
 * Returns: (transfer full) (element-type KdxKol) */
GPtrArray  *kdx_store_load_kol_rows  (KdxStore          *self,
                                      const gint64      *ids,
                                      guint              n_ids,
                                      GError           **error);
guint64     kdx_store_get_n_rows_read (KdxStore         *self);
/* Told each row of kdx_store_foreach_row(): the KOL's id and one value
 * per field asked for, typed as kdx_field_get_gtype() says; FALSE (with
 * @error) stops. */
typedef gboolean (*KdxStoreRowFunc) (gint64         id,
                                     const GValue  *values,
                                     gpointer       user_data,
                                     GError       **error);
gboolean    kdx_store_foreach_row    (KdxStore              *self,
                                      GArray                *ids,
                                      const KdxField *const *fields,
                                      guint                  n_fields,
                                      KdxStoreRowFunc        func,
                                      gpointer               user_data,
                                      GError               **error);
/* Told each file of kdx_store_foreach_file_text(); FALSE (with @error)
 * stops. */
typedef gboolean (*KdxFileTextFunc) (KdxFileText  *file,
                                     gpointer      user_data,
                                     GError      **error);
gboolean    kdx_store_foreach_file_text (KdxStore         *self,
                                         KdxFileTextFunc   func,
                                         gpointer          user_data,
                                         GError          **error);
/* How many KOL files this store has read whole (load, reload, edits):
 * for tests and benches that prove a list reads only what it shows. */
guint64     kdx_store_get_n_kols_read (KdxStore    *self);
/* Rows stepped through in full table scans by this connection, counted
 * from kdx_store_watch_scans() on: for tests that prove a view runs no
 * query over every row. */
void        kdx_store_watch_scans     (KdxStore    *self);
guint64     kdx_store_get_n_rows_scanned (KdxStore *self);

/* (transfer full) (element-type KdxSavedView) by position */
GPtrArray    *kdx_store_list_views   (KdxStore     *self,
                                      GError      **error);
/* The view named @name; NULL with KDX_ERROR_NOT_FOUND naming it. */
KdxSavedView *kdx_store_find_view    (KdxStore     *self,
                                      const char   *name,
                                      GError      **error);
/* Stores a new view at the end of the list (the view gets its id and
 * position). A view that has an id (one kdx_store_delete_view() handed
 * back, for Undo) comes back with it, at its old position. Names are
 * unique and not empty: the error says which name is taken. */
gboolean      kdx_store_add_view     (KdxStore     *self,
                                      KdxSavedView *view,
                                      GError      **error);
/* Writes name, query and columns of a stored view. */
gboolean      kdx_store_save_view    (KdxStore     *self,
                                      KdxSavedView *view,
                                      GError      **error);
gboolean      kdx_store_rename_view  (KdxStore     *self,
                                      gint64        id,
                                      const char   *name,
                                      GError      **error);
/* Moves the view to @position (0 = first; past the end = last); the
 * others close up. */
gboolean      kdx_store_move_view    (KdxStore     *self,
                                      gint64        id,
                                      guint         position,
                                      GError      **error);
/* @deleted_out: (optional) the view as it was, for Undo. */
gboolean      kdx_store_delete_view  (KdxStore     *self,
                                      gint64        id,
                                      KdxSavedView **deleted_out,
                                      GError      **error);

GPtrArray  *kdx_store_query_due_kols  (KdxStore     *self,
                                       const char   *today,
                                       const guint  *interval_days,
                                       guint         growing_quiet_days,
                                       const char   *owner,
                                       GError      **error);
GPtrArray  *kdx_store_query_due_dates (KdxStore     *self,
                                       const char   *today,
                                       guint         days_ahead,
                                       const char   *owner,
                                       GError      **error);
GArray     *kdx_store_query_greeted   (KdxStore     *self,
                                       guint         tiers,
                                       const char   *owner,
                                       GError      **error);

G_END_DECLS
