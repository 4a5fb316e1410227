/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-operator"

#include "config.h"

#include "kdx-operator.h"

/* The login's full name from the password database; GLib answers
 * "Unknown" when it has none, which is nobody's name: then the login. */
char *
kdx_operator_login_name (void)
{
  const char *real = g_get_real_name ();

  if (real != NULL && *real != '\0' && g_strcmp0 (real, "Unknown") != 0
      && g_utf8_validate (real, -1, NULL))
    return g_strdup (real);
  return g_strdup (g_get_user_name ());
}

/* @chosen (an option, a variable, a setting) when it holds more than
 * spaces, else the login's name. */
char *
kdx_operator_resolve (const char *chosen)
{
  g_autofree char *clean = g_strstrip (g_strdup (chosen != NULL ? chosen : ""));

  if (*clean != '\0' && g_utf8_validate (clean, -1, NULL))
    return g_steal_pointer (&clean);
  return kdx_operator_login_name ();
}

/* A string setting of @settings, or NULL where its schema lacks @key. */
static char *
setting (GSettings  *settings,
         const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return NULL;
  return g_settings_get_string (settings, key);
}

/* The name Preferences holds in @settings (the app's schema, its one
 * key "operator-name"), resolved; with @settings NULL, the login's name. */
char *
kdx_operator_from_settings (GSettings *settings)
{
  g_autofree char *chosen = NULL;

  if (settings != NULL)
    chosen = setting (settings, "operator-name");
  return kdx_operator_resolve (chosen);
}

/* Until this change the operator had two names in Preferences: the owner
 * of new KOLs ("default-owner", older) and the name recorded on what they
 * log and move ("operator-name"). They are one now, "operator-name". A
 * name left in the old key moves into it, over a different operator
 * name: the KOLs the operator added carry the owner name in their Owner
 * field already, and My KOLs must go on finding them. The old key is
 * emptied, so this happens once (and never again undoes a later choice).
 * TRUE when it moved a name. */
gboolean
kdx_operator_merge_names (GSettings *settings)
{
  g_autofree char *owner = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);

  owner = setting (settings, "default-owner");
  if (owner == NULL || *g_strstrip (owner) == '\0')
    return FALSE;
  g_settings_set_string (settings, "operator-name", owner);
  g_settings_reset (settings, "default-owner");
  return TRUE;
}
