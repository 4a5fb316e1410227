/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Who the operator is (issue 14, item 5): the name recorded on what they
 * log, move and import, and what "My KOLs" compares owners with. The app
 * and the CLI agree on it: the name chosen in Preferences ("operator-name",
 * empty by default), else the login's full name, else the login itself.
 * The same name is the Owner of the KOLs the operator adds. */

char *kdx_operator_login_name (void);
char *kdx_operator_resolve    (const char *chosen);
char *kdx_operator_from_settings (GSettings *settings);
gboolean kdx_operator_merge_names (GSettings *settings);

G_END_DECLS
