/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-list-view"

#include "config.h"

#include "kdx-avatar-text.h"
#include "kdx-clock.h"
#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-list-cells.h"
#include "kdx-value.h"

/* What the list's cells show of a KOL's properties: the closures that
 * kdx-list-view.ui names in its <closure> bindings, pure functions of
 * the value they are given (the first argument is the template's
 * object, unused). */

static char *
initials_text (gpointer    this,
               const char *display_name)
{
  return kdx_avatar_text (display_name);
}

static GdkPaintable *
avatar_paintable (gpointer  this,
                  GBytes   *avatar)
{
  if (avatar == NULL)
    return NULL;
  return GDK_PAINTABLE (gdk_texture_new_from_bytes (avatar, NULL));
}

static char *
platform_text (gpointer    this,
               const char *platform)
{
  return g_strdup (platform != NULL ? kdx_platform_get_label (platform) : "");
}

static char *
followers_text (gpointer this,
                gint64   followers)
{
  /* 0 is "not counted yet" (a new KOL), shown as nothing, as in the file. */
  if (followers <= 0)
    return g_strdup ("");
  return kdx_value_format_count (followers, kdx_value_count_style_for_locale ());
}

static char *
tier_text (gpointer this,
           KdxTier  tier)
{
  return g_strdup (tier == KDX_TIER_UNRATED ? "" : kdx_enum_get_label (KDX_TYPE_TIER, tier));
}

static char *
stage_text (gpointer this,
            KdxStage stage)
{
  return g_strdup (kdx_stage_get_label (stage));
}

static char **
follow_up_classes (gpointer    this,
                   const char *next_follow_up)
{
  /* The app's today, as Today and the due list see it (KOLDEX_TODAY can
   * fix it), so the list and Today never disagree about what is overdue. */
  GDate date = kdx_clock_today ();
  char today[16];
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_date_strftime (today, sizeof today, "%Y-%m-%d", &date);

  g_strv_builder_add (builder, "numeric");
  /* Overdue: the day has passed and nobody moved the date. */
  if (next_follow_up != NULL && strcmp (next_follow_up, today) < 0)
    g_strv_builder_add (builder, "error");
  return g_strv_builder_end (builder);
}

void
kdx_list_cells_bind_closures (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, initials_text);
  gtk_widget_class_bind_template_callback (widget_class, avatar_paintable);
  gtk_widget_class_bind_template_callback (widget_class, platform_text);
  gtk_widget_class_bind_template_callback (widget_class, followers_text);
  gtk_widget_class_bind_template_callback (widget_class, tier_text);
  gtk_widget_class_bind_template_callback (widget_class, stage_text);
  gtk_widget_class_bind_template_callback (widget_class, follow_up_classes);
}
