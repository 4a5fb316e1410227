/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pango.h>

#include "kdx-kol.h"

G_BEGIN_DECLS

/* Printed dossiers: one KOL file laid out on pages, several KOLs one
 * after the other, each starting on a new page.
 *
 * The same object serves the PDF export and GtkPrintOperation:
 *
 *   begin-print: kdx_dossier_layout (dossier, gtk_print_context_get_pango_context (context),
 *                                    gtk_print_context_get_width (context),
 *                                    gtk_print_context_get_height (context));
 *                gtk_print_operation_set_n_pages (op, kdx_dossier_get_n_pages (dossier));
 *   draw-page:   kdx_dossier_draw_page (dossier, gtk_print_context_get_cairo_context (context), page_nr);
 *
 * with gtk_print_operation_set_use_full_page (op, TRUE) and the unit set to
 * GTK_UNIT_POINTS: the dossier draws its own margins. The dossier keeps
 * copies of the KOLs it is given, so it may be laid out and written from a
 * worker thread while the originals keep changing. */

typedef enum
{
  KDX_PAPER_A4,
  KDX_PAPER_LETTER,
} KdxPaper;

#define KDX_TYPE_PAPER (kdx_paper_get_type ())
GType       kdx_paper_get_type        (void) G_GNUC_CONST;
KdxPaper    kdx_paper_for_locale      (void);
gboolean    kdx_paper_from_string     (const char *text,
                                       KdxPaper   *paper);
void        kdx_paper_get_size        (KdxPaper    paper,
                                       double     *width,
                                       double     *height);

#define KDX_DOSSIER_RECENT_EVENTS 20

#define KDX_TYPE_DOSSIER (kdx_dossier_get_type ())
G_DECLARE_FINAL_TYPE (KdxDossier, kdx_dossier, KDX, DOSSIER, GObject)

KdxDossier *kdx_dossier_new                 (GPtrArray     *kols);
guint       kdx_dossier_get_n_kols          (KdxDossier    *self);
gboolean    kdx_dossier_get_include_contact (KdxDossier    *self);
void        kdx_dossier_set_include_contact (KdxDossier    *self,
                                             gboolean       include_contact);
KdxPaper    kdx_dossier_get_paper           (KdxDossier    *self);
void        kdx_dossier_set_paper           (KdxDossier    *self,
                                             KdxPaper       paper);
GDateTime  *kdx_dossier_get_print_time      (KdxDossier    *self);
void        kdx_dossier_set_print_time      (KdxDossier    *self,
                                             GDateTime     *print_time);

guint       kdx_dossier_layout              (KdxDossier    *self,
                                             PangoContext  *context,
                                             double         page_width,
                                             double         page_height);
guint       kdx_dossier_get_n_pages         (KdxDossier    *self);
void        kdx_dossier_draw_page           (KdxDossier    *self,
                                             cairo_t       *cr,
                                             guint          page);
gboolean    kdx_dossier_write_pdf           (KdxDossier    *self,
                                             const char    *path,
                                             GCancellable  *cancellable,
                                             GError       **error);

G_END_DECLS
