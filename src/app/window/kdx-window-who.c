/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-board-view.h"
#include "kdx-condition.h"
#include "kdx-list-view.h"
#include "kdx-operator.h"
#include "kdx-window-private.h"

/* Who works in the window (issue 14, item 5): the operator's name from
 * Preferences told to the store, which records it on what it writes and
 * the window gives new KOLs as their Owner;
 * "My KOLs", the list and the board narrowed to the KOLs the operator
 * owns (a condition `owner = NAME` over the filters, so counts and
 * columns are the store's); and a read-only connection, said by a banner
 * with every action that would write turned off. */

/* The window's actions that write (the list's, board's and editor's own
 * turn themselves off: they ask the store when made). */
static const char *const writing_actions[] = {
  "win.add-kol", "win.delete", "win.undo", "win.log-contact", "win.log-contact-for",
  "win.bulk-edit", "win.bulk-edit-for", "win.import", "win.undo-import",
  "win.save-view", "win.manage-views",
};

static void
operator_changed_cb (KdxWindow *self)
{
  g_autofree char *name = kdx_operator_from_settings (self->settings);

  kdx_store_set_operator (self->store, name);
  if (g_settings_get_boolean (self->settings, "my-kols"))
    _kdx_window_filters_changed (self);
}

/* Shown where there are KOLs to narrow: the list and the board. */
static void
visible_view_cb (KdxWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  gtk_widget_set_visible (self->my_kols_button,
                          g_strcmp0 (name, "list") == 0 || g_strcmp0 (name, "board") == 0);
}

static GtkWidget *
my_kols_button_new (KdxWindow *self)
{
  GtkWidget *button = gtk_toggle_button_new ();

  gtk_button_set_icon_name (GTK_BUTTON (button), "avatar-default-symbolic");
  gtk_widget_set_tooltip_text (button, _("Show Only My KOLs"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("My KOLs"), -1);
  g_settings_bind (self->settings, "my-kols", button, "active", G_SETTINGS_BIND_DEFAULT);
  return button;
}

/* libadwaita 1.2 has no AdwBanner (1.3): the same strip, made of a label. */
static GtkWidget *
read_only_banner_new (KdxWindow *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *label;

  kdx_store_read_only_error (self->store, &error);
  label = gtk_label_new (error->message);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "kdx-banner");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Read-only database"), -1);
  return label;
}

/* Turns off what would write, when the connection may only read. */
void
_kdx_window_lock_writes (KdxWindow *self)
{
  if (self->store == NULL || !kdx_store_is_read_only (self->store))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (writing_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), writing_actions[i], FALSE);
}

/* Adds "owner is me" to @query when My KOLs is on. */
void
_kdx_window_narrow_to_mine (KdxWindow   *self,
                            KdxKolQuery *query)
{
  const char *name;
  KdxCondition *mine;

  if (self->store == NULL || !g_settings_get_boolean (self->settings, "my-kols"))
    return;
  name = kdx_store_get_operator (self->store);
  /* A name the condition refuses cannot be anyone's owner: show none. */
  mine = kdx_condition_new ("owner", KDX_CONDITION_IS, name != NULL ? name : "", NULL);
  if (mine == NULL)
    mine = kdx_condition_new ("owner", KDX_CONDITION_IS, "\x01", NULL);
  if (mine != NULL)
    kdx_kol_query_add_condition (query, mine);
}

void
_kdx_window_who_init (KdxWindow *self)
{
  GtkWidget *banner;

  /* A name set as the owner of new KOLs before it was the one name. */
  kdx_operator_merge_names (self->settings);
  operator_changed_cb (self);
  g_signal_connect_object (self->settings, "changed::operator-name",
                           G_CALLBACK (operator_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::my-kols",
                           G_CALLBACK (_kdx_window_filters_changed), self, G_CONNECT_SWAPPED);

  self->my_kols_button = my_kols_button_new (self);
  adw_header_bar_pack_start (self->header_bar, self->my_kols_button);
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (visible_view_cb), self, G_CONNECT_SWAPPED);
  visible_view_cb (self);

  if (!kdx_store_is_read_only (self->store))
    return;
  banner = read_only_banner_new (self);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->header_bar))),
                              banner, GTK_WIDGET (self->header_bar));
  self->read_only_banner = banner;
  _kdx_window_lock_writes (self);
}
