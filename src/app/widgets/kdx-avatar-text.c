/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-avatar-text"

#include "config.h"

#include "kdx-avatar-text.h"
#include "kdx-kol.h"

char *
kdx_avatar_text (const char *display_name)
{
  g_autoptr(KdxKol) probe = kdx_kol_new ();
  g_autofree char *initials = NULL;
  g_autoptr(GString) spaced = g_string_new (NULL);

  kdx_kol_set_display_name (probe, display_name);
  initials = kdx_kol_get_initials (probe);
  for (const char *p = initials; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (spaced->len > 0)
        g_string_append_c (spaced, ' ');
      g_string_append_unichar (spaced, g_utf8_get_char (p));
    }
  return g_string_free (g_steal_pointer (&spaced), FALSE);
}

void
kdx_avatar_show (AdwAvatar *avatar,
                 KdxKol    *kol)
{
  g_autofree char *text = kdx_avatar_text (kdx_kol_get_display_name (kol));
  GBytes *picture = kdx_kol_get_avatar (kol);

  adw_avatar_set_text (avatar, text);
  if (picture != NULL)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (picture, NULL);
      adw_avatar_set_custom_image (avatar, GDK_PAINTABLE (texture));
    }
  else
    adw_avatar_set_custom_image (avatar, NULL);
}
