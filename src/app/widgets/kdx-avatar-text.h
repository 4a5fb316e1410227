/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kdx-kol.h"

G_BEGIN_DECLS

/* AdwAvatar takes its initials from the first two words of its text. Given
 * the initials spaced out, a Chinese name shows its first two characters
 * (小美) and a Latin one its initials (TT), not "L1" for "Leo月宠物 1". */
char *kdx_avatar_text (const char *display_name);

/* Shows a KOL on an AdwAvatar: the picture, or the initials. */
void  kdx_avatar_show (AdwAvatar  *avatar,
                       KdxKol     *kol);

G_END_DECLS
