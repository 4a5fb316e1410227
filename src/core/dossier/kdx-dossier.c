/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-dossier"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <langinfo.h>
#include <locale.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kdx-dossier-sections.h"
#include "kdx-dossier.h"
#include "kdx-page-flow.h"

/* How a dossier is made: kdx_dossier_layout() lays each KOL file out
 * (kdx-dossier-sections.c) on a page flow (kdx-page-flow.c), which keeps
 * what goes on each page; kdx_dossier_draw_page() only replays a page.
 * This file holds the object: its KOLs and options, the paper, the PDF. */

struct _KdxDossier
{
  GObject       parent_instance;

  GPtrArray    *kols;          /* our own copies, see kdx_dossier_new() */
  gboolean      include_contact;
  KdxPaper      paper;
  GDateTime    *print_time;

  KdxPageFlow  *flow;          /* the last layout */
};

G_DEFINE_FINAL_TYPE (KdxDossier, kdx_dossier, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (KdxPaper, kdx_paper,
  G_DEFINE_ENUM_VALUE (KDX_PAPER_A4, "a4"),
  G_DEFINE_ENUM_VALUE (KDX_PAPER_LETTER, "letter"))

enum {
  PROP_0,
  PROP_INCLUDE_CONTACT,
  PROP_PAPER,
  PROP_PRINT_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- GObject ---------------------------------------------------------------- */

static void
clear_layout (KdxDossier *self)
{
  g_clear_object (&self->flow);
}

static void
kdx_dossier_finalize (GObject *object)
{
  KdxDossier *self = KDX_DOSSIER (object);

  clear_layout (self);
  g_ptr_array_unref (self->kols);
  g_date_time_unref (self->print_time);

  G_OBJECT_CLASS (kdx_dossier_parent_class)->finalize (object);
}

static void
kdx_dossier_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KdxDossier *self = KDX_DOSSIER (object);

  switch (prop_id)
    {
    case PROP_INCLUDE_CONTACT:
      g_value_set_boolean (value, self->include_contact);
      break;
    case PROP_PAPER:
      g_value_set_enum (value, self->paper);
      break;
    case PROP_PRINT_TIME:
      g_value_set_boxed (value, self->print_time);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_dossier_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  KdxDossier *self = KDX_DOSSIER (object);

  switch (prop_id)
    {
    case PROP_INCLUDE_CONTACT:
      kdx_dossier_set_include_contact (self, g_value_get_boolean (value));
      break;
    case PROP_PAPER:
      kdx_dossier_set_paper (self, g_value_get_enum (value));
      break;
    case PROP_PRINT_TIME:
      kdx_dossier_set_print_time (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdx_dossier_class_init (KdxDossierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdx_dossier_finalize;
  object_class->get_property = kdx_dossier_get_property;
  object_class->set_property = kdx_dossier_set_property;

  /* Changing a property drops the layout: lay out again before drawing. */
  properties[PROP_INCLUDE_CONTACT] =
    g_param_spec_boolean ("include-contact", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAPER] =
    g_param_spec_enum ("paper", NULL, NULL, KDX_TYPE_PAPER, KDX_PAPER_A4,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRINT_TIME] =
    g_param_spec_boxed ("print-time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdx_dossier_init (KdxDossier *self)
{
  self->kols = g_ptr_array_new_with_free_func (g_object_unref);
  self->include_contact = TRUE;
  self->paper = kdx_paper_for_locale ();
  self->print_time = g_date_time_new_now_local ();
}

/* ---- paper ------------------------------------------------------------------ */

/* Letter where the locale says so, A4 everywhere else, as GTK decides.
 * glibc knows the paper of each locale; a locale that is named but not
 * installed (LC_PAPER=en_US.UTF-8 on a system with only C.UTF-8) still
 * says its territory. */
KdxPaper
kdx_paper_for_locale (void)
{
  static const char *const variables[] = { "LC_ALL", "LC_PAPER", "LANG" };
  const char *current = setlocale (LC_PAPER, NULL);
  int width = (int) (gsize) nl_langinfo (_NL_PAPER_WIDTH);

  if (current != NULL && !g_str_equal (current, "C") && !g_str_equal (current, "POSIX")
      && !g_str_has_prefix (current, "C."))
    return width == 216 ? KDX_PAPER_LETTER : KDX_PAPER_A4;

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      const char *name = g_getenv (variables[i]);

      if (name == NULL || *name == '\0')
        continue;
      if (strstr (name, "_US") != NULL || strstr (name, "_CA") != NULL)
        return KDX_PAPER_LETTER;
      return KDX_PAPER_A4;
    }
  return KDX_PAPER_A4;
}

gboolean
kdx_paper_from_string (const char *text,
                       KdxPaper   *paper)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (KDX_TYPE_PAPER);
  GEnumValue *value;

  if (text == NULL)
    return FALSE;
  value = g_enum_get_value_by_nick (klass, text);
  if (value == NULL)
    return FALSE;
  *paper = value->value;
  return TRUE;
}

/* In points: A4 is 210 × 297 mm, Letter 8.5 × 11 in. */
void
kdx_paper_get_size (KdxPaper  paper,
                    double   *width,
                    double   *height)
{
  if (paper == KDX_PAPER_LETTER)
    {
      *width = 612.0;
      *height = 792.0;
    }
  else
    {
      *width = 210.0 / 25.4 * 72.0;
      *height = 297.0 / 25.4 * 72.0;
    }
}

/* ---- public API ------------------------------------------------------------- */

/**
 * kdx_dossier_new:
 * @kols: (element-type KdxKol): the KOLs, one dossier each, in this order
 *
 * The dossier copies the files, so what it prints is the files as they
 * were when it was made, whatever the editor does meanwhile.
 */
KdxDossier *
kdx_dossier_new (GPtrArray *kols)
{
  KdxDossier *self;

  g_return_val_if_fail (kols != NULL, NULL);
  for (guint i = 0; i < kols->len; i++)
    g_return_val_if_fail (KDX_IS_KOL (kols->pdata[i]), NULL);

  self = g_object_new (KDX_TYPE_DOSSIER, NULL);
  for (guint i = 0; i < kols->len; i++)
    g_ptr_array_add (self->kols, kdx_kol_dup (kols->pdata[i]));
  return self;
}

guint
kdx_dossier_get_n_kols (KdxDossier *self)
{
  g_return_val_if_fail (KDX_IS_DOSSIER (self), 0);
  return self->kols->len;
}

gboolean
kdx_dossier_get_include_contact (KdxDossier *self)
{
  g_return_val_if_fail (KDX_IS_DOSSIER (self), TRUE);
  return self->include_contact;
}

void
kdx_dossier_set_include_contact (KdxDossier *self,
                                 gboolean    include_contact)
{
  g_return_if_fail (KDX_IS_DOSSIER (self));

  include_contact = !!include_contact;
  if (self->include_contact == include_contact)
    return;
  self->include_contact = include_contact;
  clear_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_CONTACT]);
}

KdxPaper
kdx_dossier_get_paper (KdxDossier *self)
{
  g_return_val_if_fail (KDX_IS_DOSSIER (self), KDX_PAPER_A4);
  return self->paper;
}

/* The paper of kdx_dossier_write_pdf(); a print dialog passes its own
 * page size to kdx_dossier_layout() instead. */
void
kdx_dossier_set_paper (KdxDossier *self,
                       KdxPaper    paper)
{
  g_return_if_fail (KDX_IS_DOSSIER (self));

  if (self->paper == paper)
    return;
  self->paper = paper;
  clear_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAPER]);
}

GDateTime *
kdx_dossier_get_print_time (KdxDossier *self)
{
  g_return_val_if_fail (KDX_IS_DOSSIER (self), NULL);
  return self->print_time;
}

/* The time printed in the footer and counted from for "days in stage";
 * now by default. NULL means now. */
void
kdx_dossier_set_print_time (KdxDossier *self,
                            GDateTime  *print_time)
{
  g_autoptr(GDateTime) time = NULL;

  g_return_if_fail (KDX_IS_DOSSIER (self));

  time = print_time != NULL ? g_date_time_ref (print_time) : g_date_time_new_now_local ();
  if (g_date_time_equal (time, self->print_time))
    return;
  g_date_time_unref (self->print_time);
  self->print_time = g_steal_pointer (&time);
  clear_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRINT_TIME]);
}

/**
 * kdx_dossier_layout:
 * @context: the PangoContext of the target (the print context's, or one
 *   made with pango_cairo_create_context())
 * @page_width: in points, the whole sheet
 * @page_height: in points
 *
 * Lays every dossier out on pages of this size. Returns the number of pages.
 */
guint
kdx_dossier_layout (KdxDossier   *self,
                    PangoContext *context,
                    double        page_width,
                    double        page_height)
{
  g_return_val_if_fail (KDX_IS_DOSSIER (self), 0);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), 0);
  g_return_val_if_fail (kdx_page_flow_page_size_fits (page_width, page_height), 0);

  clear_layout (self);
  self->flow = kdx_page_flow_new (context, page_width, page_height);
  for (guint i = 0; i < self->kols->len; i++)
    kdx_dossier_add_kol (self->flow, self->kols->pdata[i], self->include_contact, self->print_time);
  /* The paper holds personal data: every page says so. */
  kdx_page_flow_add_footers (self->flow, self->print_time,
                             _("Confidential: for the team’s internal use only. "
                               "Holds personal data; do not pass on."));

  return kdx_page_flow_get_n_pages (self->flow);
}

guint
kdx_dossier_get_n_pages (KdxDossier *self)
{
  g_return_val_if_fail (KDX_IS_DOSSIER (self), 0);
  return self->flow != NULL ? kdx_page_flow_get_n_pages (self->flow) : 0;
}

/* Draws page @page (from 0) of the last layout, in points from the top
 * left corner of the sheet. */
void
kdx_dossier_draw_page (KdxDossier *self,
                       cairo_t    *cr,
                       guint       page)
{
  g_return_if_fail (KDX_IS_DOSSIER (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < kdx_dossier_get_n_pages (self));

  kdx_page_flow_draw_page (self->flow, cr, page);
}

typedef struct
{
  FILE    *file;
  gboolean failed;
} WriteTarget;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  WriteTarget *target = closure;

  if (fwrite (data, 1, length, target->file) != length)
    {
      target->failed = TRUE;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
set_file_error (GError    **error,
                const char *path,
                int         saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

static void
render_pdf (KdxDossier      *self,
            cairo_surface_t *surface,
            double           width,
            double           height,
            GCancellable    *cancellable)
{
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Metrics as designed, not snapped to a screen's pixels: the text
   * measured is the text drawn. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  kdx_dossier_layout (self, context, width, height);

  for (guint i = 0; i < kdx_page_flow_get_n_pages (self->flow); i++)
    {
      guint kol_index;
      guint page_in_kol;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      kdx_page_flow_get_page_document (self->flow, i, &kol_index, &page_in_kol);
      if (page_in_kol == 0)
        {
          KdxKol *kol = self->kols->pdata[kol_index];
          g_autofree char *link = g_strdup_printf ("page=%u", i + 1);

          /* A bookmark per KOL, so a stack of dossiers can be navigated. */
          cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT,
                                         kdx_kol_get_display_name (kol), link, 0);
        }
      kdx_dossier_draw_page (self, cr, i);
      cairo_show_page (cr);
    }

  g_object_unref (context);
  cairo_destroy (cr);
}

/**
 * kdx_dossier_write_pdf:
 *
 * Writes the dossiers as a PDF on the dossier's paper. The file appears
 * whole or not at all: it is written next to @path under another name and
 * renamed when complete. Like the database it is readable by its owner
 * only, since it holds personal data. Fails with G_IO_ERROR codes.
 */
gboolean
kdx_dossier_write_pdf (KdxDossier    *self,
                       const char    *path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_name = NULL;
  g_autofree char *tmp_path = NULL;
  WriteTarget target = { NULL, FALSE };
  cairo_surface_t *surface;
  cairo_status_t status;
  double width, height;
  int fd;
  int saved_errno;

  g_return_val_if_fail (KDX_IS_DOSSIER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_name = g_strdup_printf (".%s.XXXXXX", base);
  tmp_path = g_build_filename (dir, tmp_name, NULL);

  fd = g_mkstemp_full (tmp_path, O_WRONLY, 0600);
  if (fd < 0)
    return set_file_error (error, path, errno);
  target.file = fdopen (fd, "wb");
  if (target.file == NULL)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (tmp_path);
      return set_file_error (error, path, saved_errno);
    }

  kdx_paper_get_size (self->paper, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (write_cb, &target, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  self->kols->len == 1
                                    ? kdx_kol_get_display_name (self->kols->pdata[0])
                                    : _("KOL dossiers"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Koldex " PACKAGE_VERSION);

  render_pdf (self, surface, width, height, cancellable);

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  saved_errno = 0;
  if (fflush (target.file) != 0 || fsync (fileno (target.file)) != 0)
    saved_errno = errno;
  if (fclose (target.file) != 0 && saved_errno == 0)
    saved_errno = errno;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (tmp_path);
      return FALSE;
    }
  if (saved_errno == 0 && (target.failed || status != CAIRO_STATUS_SUCCESS))
    saved_errno = target.failed ? EIO : ENOMEM;
  if (saved_errno != 0)
    {
      g_unlink (tmp_path);
      return set_file_error (error, path, saved_errno);
    }

  if (g_rename (tmp_path, path) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp_path);
      return set_file_error (error, path, saved_errno);
    }
  return TRUE;
}
