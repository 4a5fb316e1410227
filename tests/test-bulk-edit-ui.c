/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-bulk-edit-ui"

#include "config.h"

#include "kdx-bulk-change-group.h"
#include "kdx-bulk-edit-dialog.h"
#include "kdx-ui-test.h"

/* "Edit N KOLs…" as an operator uses it: rows selected in the list, the
 * real menu item or shortcut, the dialog's own rows and buttons; the
 * outcome read from the database. */

static gboolean
dialog_shown (gpointer user_data)
{
  return kdx_ui_find_toplevel (KDX_TYPE_BULK_EDIT_DIALOG) != NULL;
}

static gboolean
dialog_gone (gpointer user_data)
{
  return kdx_ui_find_toplevel (KDX_TYPE_BULK_EDIT_DIALOG) == NULL;
}

static gboolean
apply_enabled (gpointer user_data)
{
  GtkWidget *apply = kdx_ui_find_widget (user_data, GTK_TYPE_BUTTON, "Apply");

  return apply != NULL && gtk_widget_is_sensitive (apply);
}

typedef struct
{
  KdxUiFixture *fixture;
  gint64        id;
  const char   *owner; /* NULL: none */
} StoredOwner;

static gboolean
owner_is (gpointer user_data)
{
  StoredOwner *stored = user_data;
  g_autofree char *owner = kdx_ui_stored_string (stored->fixture->store, stored->id, "owner");

  return g_strcmp0 (owner, stored->owner) == 0;
}

static gint64
add_kol (KdxUiFixture *fixture,
         const char   *name,
         const char   *owner,
         KdxTier       tier)
{
  g_autoptr(KdxKol) kol = kdx_kol_new ();

  g_object_set (kol, "display-name", name, "owner", owner, "tier", tier, NULL);
  return kdx_ui_store_kol (fixture->store, kol);
}

/* Three of four rows selected through the list's own selection (as
 * Shift+click does), as the view shows them (ordered by id). */
static void
select_first_three (KdxUiFixture *fixture)
{
  GtkColumnView *view = kdx_list_view_get_column_view (kdx_window_get_list_view (fixture->window));

  kdx_ui_select_row (fixture, 0);
  gtk_selection_model_select_range (gtk_column_view_get_model (view), 0, 3, TRUE);
  kdx_ui_iterate ();
}

/* Sets the owner (typed) and, in a second change, the tier (the combo),
 * then applies. */
static void
set_owner_and_tier (GtkWindow  *dialog,
                    const char *owner)
{
  GtkWidget *owner_row;
  GtkWidget *tier_row;
  GtkWidget *tier_change;

  /* The first change is on the owner, its value row has the keyboard. */
  owner_row = kdx_ui_find_named (GTK_WIDGET (dialog), "owner");
  g_assert_nonnull (owner_row);
  gtk_widget_grab_focus (owner_row);
  kdx_ui_type (dialog, owner);

  /* "Change Another Field": the next field not yet changed, the tier. */
  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Change Another Field"));
  tier_row = kdx_ui_find_named (GTK_WIDGET (dialog), "tier");
  g_assert_nonnull (tier_row);
  tier_change = gtk_widget_get_ancestor (tier_row, KDX_TYPE_BULK_CHANGE_GROUP);
  g_assert_cmpstr (kdx_bulk_change_group_get_field (KDX_BULK_CHANGE_GROUP (tier_change))->name, ==, "tier");
  /* What a click on "Head" in the combo's list does. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (tier_row), KDX_TIER_HEAD);

  kdx_ui_wait_until (apply_enabled, dialog, 30000);
}

typedef struct
{
  GtkWindow  *dialog;
  const char *summary;
} Preview;

static gboolean
preview_says (gpointer user_data)
{
  Preview *preview = user_data;
  GtkWidget *group = kdx_ui_find_named (GTK_WIDGET (preview->dialog), "preview");

  g_assert_true (ADW_IS_PREFERENCES_GROUP (group));
  return g_strcmp0 (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)),
                    preview->summary) == 0;
}

/* The preview follows the changes after a short pause: wait for it to
 * say @summary. */
static void
wait_for_preview (GtkWindow  *dialog,
                  const char *summary)
{
  Preview preview = { dialog, summary };

  kdx_ui_wait_until (preview_says, &preview, 30000);
}

/* The acceptance: three KOLs selected, owner and tier set in one go from
 * the row menu, one Undo restores both on all three. */
static void
test_owner_and_tier_from_row_menu (KdxUiFixture  *fixture,
                                   gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);
  GtkWidget *list_view = GTK_WIDGET (kdx_window_get_list_view (fixture->window));
  GtkWindow *dialog;
  GtkWidget *menu;
  gint64 ids[4];
  KdxKol *before[4];

  ids[0] = add_kol (fixture, "小美", NULL, KDX_TIER_UNRATED);
  ids[1] = add_kol (fixture, "阿杰", "王强", KDX_TIER_TAIL);
  ids[2] = add_kol (fixture, "Lily", "李娜", KDX_TIER_HEAD);
  ids[3] = add_kol (fixture, "大熊", NULL, KDX_TIER_WAIST);
  for (guint i = 0; i < 4; i++)
    before[i] = kdx_ui_load_kol (fixture->store, ids[i]);
  kdx_ui_iterate ();

  select_first_three (fixture);
  menu = kdx_ui_open_menu (window, list_view, GDK_KEY_Menu, 0);
  kdx_ui_click_menu_item (menu, "Edit 3 KOLs…");
  kdx_ui_wait_until (dialog_shown, NULL, 30000);
  dialog = kdx_ui_find_toplevel (KDX_TYPE_BULK_EDIT_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Edit 3 KOLs");

  set_owner_and_tier (dialog, "李娜");
  /* Lily already has both: two of the three change. */
  wait_for_preview (dialog, "2 of 3 KOLs change");
  kdx_ui_click (kdx_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Apply"));
  kdx_ui_wait_until (dialog_gone, NULL, 30000);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(KdxKol) kol = kdx_ui_load_kol (fixture->store, ids[i]);

      g_assert_cmpstr (kdx_kol_get_owner (kol), ==, "李娜");
      g_assert_cmpint (kdx_kol_get_tier (kol), ==, KDX_TIER_HEAD);
    }
  /* The one not selected is untouched. */
  {
    g_autoptr(KdxKol) kol = kdx_ui_load_kol (fixture->store, ids[3]);
    g_assert_true (kdx_kol_equal (kol, before[3]));
  }

  /* One Undo: all three back, owner and tier alike. */
  kdx_ui_click_toast_button (GTK_WIDGET (fixture->window), "Undo");
  {
    StoredOwner unset = { fixture, ids[0], NULL };
    kdx_ui_wait_until (owner_is, &unset, 30000);
  }
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(KdxKol) kol = kdx_ui_load_kol (fixture->store, ids[i]);

      g_assert_true (kdx_kol_equal (kol, before[i]));
      g_object_unref (before[i]);
    }
}

/* Ctrl+Shift+E on the list's selection; tags added keep each KOL's own;
 * Cancel (Escape) writes nothing. */
static void
test_add_tag_by_shortcut (KdxUiFixture  *fixture,
                          gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);
  GtkWindow *dialog;
  GtkWidget *tags_row;
  GtkWidget *field_row;
  g_autoptr(KdxKol) first = kdx_kol_new ();
  const char *const old_tags[] = { "美妆", NULL };
  gint64 ids[3];

  g_object_set (first, "display-name", "小美", "tags", old_tags, NULL);
  ids[0] = kdx_ui_store_kol (fixture->store, first);
  ids[1] = add_kol (fixture, "阿杰", NULL, KDX_TIER_UNRATED);
  ids[2] = add_kol (fixture, "Lily", NULL, KDX_TIER_UNRATED);
  kdx_ui_iterate ();

  /* Escape cancels: nothing written. */
  select_first_three (fixture);
  g_assert_true (kdx_ui_press_key (window, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  kdx_ui_wait_until (dialog_shown, NULL, 30000);
  dialog = kdx_ui_find_toplevel (KDX_TYPE_BULK_EDIT_DIALOG);
  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_Escape, 0));
  kdx_ui_wait_until (dialog_gone, NULL, 30000);

  g_assert_true (kdx_ui_press_key (window, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  kdx_ui_wait_until (dialog_shown, NULL, 30000);
  dialog = kdx_ui_find_toplevel (KDX_TYPE_BULK_EDIT_DIALOG);
  /* The field: Tags (what a click on it in the Field combo does). */
  field_row = kdx_ui_find_named (GTK_WIDGET (dialog), "field");
  g_assert_nonnull (field_row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (field_row), kdx_bulk_change_group_field_position ("tags"));
  tags_row = kdx_ui_find_named (GTK_WIDGET (dialog), "tags");
  g_assert_nonnull (tags_row);
  gtk_widget_grab_focus (tags_row);
  kdx_ui_type (dialog, "种草, 美妆");
  kdx_ui_wait_until (apply_enabled, dialog, 30000);
  wait_for_preview (dialog, "3 of 3 KOLs change");
  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_Return, 0));
  kdx_ui_wait_until (dialog_gone, NULL, 30000);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(KdxKol) kol = kdx_ui_load_kol (fixture->store, ids[i]);
      const char *const *tags = kdx_kol_get_tags (kol);

      g_assert_true (g_strv_contains (tags, "种草"));
      g_assert_true (g_strv_contains (tags, "美妆"));
      g_assert_cmpuint (g_strv_length ((char **) tags), ==, 2);
    }
  /* 小美 kept her own tag first. */
  {
    g_autoptr(KdxKol) kol = kdx_ui_load_kol (fixture->store, ids[0]);
    g_assert_cmpstr (kdx_kol_get_tags (kol)[0], ==, "美妆");
  }
}

int
main (int   argc,
      char *argv[])
{
  kdx_ui_test_init (&argc, &argv);

  KDX_UI_ADD ("/ui/bulk-edit/owner-and-tier-from-row-menu", test_owner_and_tier_from_row_menu);
  KDX_UI_ADD ("/ui/bulk-edit/add-tag-by-shortcut", test_add_tag_by_shortcut);

  return g_test_run ();
}
