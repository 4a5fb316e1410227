/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kdx-export.h"
#include "kdx-field.h"
#include "kdx-kol-query.h"
#include "kdx-store.h"

struct _KdxExportTarget
{
  char *path;
  char *temp_path;
  int   fd;
};

gboolean
kdx_export_includes_field (const KdxField *field,
                           KdxExportFlags  flags)
{
  return !((flags & KDX_EXPORT_NO_CONTACT) && (field->flags & KDX_FIELD_FLAG_CONTACT));
}

/* Whether any of @fields is contact data by the field table (phone,
 * WeChat ID, email, address, agent): such an export is made 0600. */
gboolean
kdx_export_columns_hold_contact (const KdxField **fields,
                                 guint            n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    if (fields[i]->flags & KDX_FIELD_FLAG_CONTACT)
      return TRUE;
  return FALSE;
}

/* Every KOL, by id: the order of "export everything". */
GArray *
kdx_export_all_ids (KdxStore  *store,
                    GError   **error)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();

  return kdx_store_query_ids (store, query, error);
}

static void
set_file_error (GError     **error,
                int          saved_errno,
                const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: a file name, then the system's reason */
               _("Cannot write %s: %s"), display, g_strerror (saved_errno));
}

/* @private_data: the file will hold contact data (phone numbers, WeChat
 * IDs): it is made 0600 whatever the umask, as the database is, before a
 * byte is written; other exports get 0666 less the umask, as any file. */
KdxExportTarget *
kdx_export_target_open (const char  *path,
                        gboolean     private_data,
                        GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
  KdxExportTarget *self;
  int fd;
  char *temp_path = g_build_filename (dir, name, NULL);

  fd = g_mkstemp_full (temp_path, O_RDWR | O_CLOEXEC, private_data ? 0600 : 0666);
  if (fd >= 0 && private_data && fchmod (fd, 0600) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (temp_path);
      g_free (temp_path);
      set_file_error (error, saved_errno, path);
      return NULL;
    }
  if (fd < 0)
    {
      int saved_errno = errno;

      g_free (temp_path);
      set_file_error (error, saved_errno, path);
      return NULL;
    }

  self = g_new0 (KdxExportTarget, 1);
  self->path = g_strdup (path);
  self->temp_path = temp_path;
  self->fd = fd;
  return self;
}

int
kdx_export_target_get_fd (KdxExportTarget *self)
{
  return self->fd;
}

const char *
kdx_export_target_get_temp_path (KdxExportTarget *self)
{
  return self->temp_path;
}

gboolean
kdx_export_target_write (KdxExportTarget  *self,
                         const void       *data,
                         gsize             length,
                         GError          **error)
{
  gsize done = 0;

  while (done < length)
    {
      gssize n = write (self->fd, (const char *) data + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_file_error (error, errno, self->path);
          return FALSE;
        }
      done += n;
    }
  return TRUE;
}

gboolean
kdx_export_target_commit (KdxExportTarget  *self,
                          GError          **error)
{
  g_return_val_if_fail (self->temp_path != NULL, FALSE);

  if (self->fd >= 0)
    {
      int fd = self->fd;

      self->fd = -1;
      if (fsync (fd) != 0 || close (fd) != 0)
        {
          set_file_error (error, errno, self->path);
          return FALSE;
        }
    }

  if (g_rename (self->temp_path, self->path) != 0)
    {
      set_file_error (error, errno, self->path);
      return FALSE;
    }
  g_clear_pointer (&self->temp_path, g_free);
  return TRUE;
}

/* Without a commit, the temporary file goes: nothing partial stays. */
void
kdx_export_target_free (KdxExportTarget *self)
{
  if (self->fd >= 0)
    close (self->fd);
  if (self->temp_path != NULL)
    g_unlink (self->temp_path);
  g_free (self->temp_path);
  g_free (self->path);
  g_free (self);
}
