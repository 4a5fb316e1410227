/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kdx-kol.h"

G_BEGIN_DECLS

/* A list cell: when the team last reached a KOL, kept current as the
 * KOL's timeline changes. */

#define KDX_TYPE_LAST_CONTACT_LABEL (kdx_last_contact_label_get_type ())
G_DECLARE_FINAL_TYPE (KdxLastContactLabel, kdx_last_contact_label, KDX, LAST_CONTACT_LABEL, GtkWidget)

GtkWidget *kdx_last_contact_label_new     (void);
KdxKol    *kdx_last_contact_label_get_kol (KdxLastContactLabel *self);
void       kdx_last_contact_label_set_kol (KdxLastContactLabel *self,
                                           KdxKol              *kol);
const char *kdx_last_contact_label_get_text (KdxLastContactLabel *self);

G_END_DECLS
