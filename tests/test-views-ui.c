/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-views-ui"

#include "config.h"

#include "kdx-condition-editor.h"
#include "kdx-manage-views-dialog.h"
#include "kdx-saved-view.h"
#include "kdx-ui-test.h"

/* A filter condition added through the filter popover, a chip taken off,
 * a view saved and applied from the Views menu, as an operator does it;
 * the list's rows checked against what the database holds. */

typedef struct
{
  const char *name;
  gint64      fit_score;
  gint64      followers;
} Fixture;

/* Two KOLs with a fit of 4 or more, three without. */
static const Fixture kols[] = {
  { "小美", 5, 12000 },
  { "阿杰", 2, 800000 },
  { "Lily", 4, 450000 },
  { "大熊", 0, 30000 },
  { "Coco", 3, 99000 },
};

static void
add_kols (KdxUiFixture *fixture,
          gint64       *ids)
{
  for (guint i = 0; i < G_N_ELEMENTS (kols); i++)
    {
      g_autoptr(KdxKol) kol = kdx_kol_new ();

      g_object_set (kol, "display-name", kols[i].name, "fit-score", kols[i].fit_score,
                    "followers", kols[i].followers, NULL);
      ids[i] = kdx_ui_store_kol (fixture->store, kol);
    }
  kdx_ui_iterate ();
}

/* The names the list shows, in order, read back from the database by
 * each row's id. */
static char *
shown_names (KdxUiFixture *fixture)
{
  GListModel *list = kdx_ui_list_of (fixture);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(KdxKol) row = g_list_model_get_item (list, i);
      g_autoptr(KdxKol) stored = kdx_ui_load_kol (fixture->store, kdx_kol_get_id (row));

      g_string_append_printf (names, "%s%s", i > 0 ? "," : "", kdx_kol_get_display_name (stored));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

typedef struct
{
  KdxUiFixture *fixture;
  const char   *names;
} Shown;

static gboolean
shows (gpointer user_data)
{
  Shown *shown = user_data;
  g_autofree char *names = shown_names (shown->fixture);

  return g_str_equal (names, shown->names);
}

static void
wait_for_rows (KdxUiFixture *fixture,
               const char   *names)
{
  Shown shown = { fixture, names };

  kdx_ui_wait_until (shows, &shown, 30000);
}

/* A menu button as a person tells it apart: by its tooltip. */
static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  tooltip)
{
  return GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
button_with_tooltip (GtkWidget     *widget,
                     gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static GtkWidget *
open_menu_button (KdxUiFixture *fixture,
                  const char   *tooltip)
{
  GtkWidget *button = kdx_ui_find_first (GTK_WIDGET (fixture->window), has_tooltip, tooltip);

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  kdx_ui_iterate ();
  return GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
}

static gboolean
is_chip (GtkWidget     *widget,
         gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "filter-chip")
         && gtk_widget_get_mapped (widget);
}

static gboolean
no_chip (gpointer user_data)
{
  return kdx_ui_find_first (user_data, is_chip, NULL) == NULL;
}

static gboolean
message_dialog_shown (gpointer user_data)
{
  return kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

typedef struct
{
  KdxStore   *store;
  const char *name;
} Named;

static gboolean
view_stored (gpointer user_data)
{
  Named *named = user_data;
  g_autoptr(KdxSavedView) view = kdx_store_find_view (named->store, named->name, NULL);

  return view != NULL;
}

/* Fit score ≥ 4, typed in the popover's condition editor; the list then
 * holds exactly the two KOLs with such a fit, and a chip says so. */
static void
add_fit_condition (KdxUiFixture *fixture)
{
  GtkWidget *popover = open_menu_button (fixture, "Filter by stage, tier, category, tags, owner and any field");
  GtkWidget *editor;
  GtkWidget *value_row;

  kdx_ui_click (kdx_ui_find_widget (popover, GTK_TYPE_TOGGLE_BUTTON, "Add Condition…"));
  editor = kdx_ui_find_widget (popover, KDX_TYPE_CONDITION_EDITOR, NULL);
  g_assert_nonnull (editor);
  /* What a pick in the Field and Operator drop-downs does. */
  kdx_condition_editor_set_field (KDX_CONDITION_EDITOR (editor), "fit_score");
  kdx_condition_editor_set_op (KDX_CONDITION_EDITOR (editor), KDX_CONDITION_AT_LEAST);
  /* The value in the file's own score row: "4". */
  value_row = kdx_ui_find_named (editor, "fit_score");
  g_assert_true (ADW_IS_COMBO_ROW (value_row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (value_row), 4);
  kdx_ui_click (kdx_ui_find_widget (editor, GTK_TYPE_BUTTON, "Add Condition"));
  gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
test_condition_and_saved_view (KdxUiFixture  *fixture,
                               gconstpointer  data)
{
  GtkColumnView *view = kdx_list_view_get_column_view (kdx_window_get_list_view (fixture->window));
  g_autoptr(GtkColumnViewColumn) followers = NULL;
  g_autoptr(KdxSavedView) saved = NULL;
  GtkWidget *menu;
  GtkWidget *chip;
  GtkWindow *dialog;
  const KdxKolQuery *query;
  g_autofree char *condition = NULL;
  gint64 ids[G_N_ELEMENTS (kols)];
  Named named = { fixture->store, "Fit 4+" };

  add_kols (fixture, ids);
  wait_for_rows (fixture, "小美,阿杰,Lily,大熊,Coco");

  add_fit_condition (fixture);
  wait_for_rows (fixture, "小美,Lily");
  chip = kdx_ui_find_first (GTK_WIDGET (fixture->window), is_chip, NULL);
  g_assert_nonnull (chip);
  {
    g_autofree char *text = kdx_ui_widget_text (chip);
    g_assert_cmpstr (text, ==, "Fit ≥ 4");
  }

  /* Most followers first: what a click on the header does. */
  followers = g_list_model_get_item (gtk_column_view_get_columns (view), 2);
  g_assert_cmpstr (gtk_column_view_column_get_title (followers), ==, "Followers");
  gtk_column_view_sort_by_column (view, followers, GTK_SORT_DESCENDING);
  wait_for_rows (fixture, "Lily,小美");

  /* Views menu → Save View…, a name, Enter. */
  menu = open_menu_button (fixture, "Saved Views");
  kdx_ui_click_menu_item (menu, "Save View…");
  kdx_ui_wait_until (message_dialog_shown, NULL, 30000);
  dialog = kdx_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  kdx_ui_type (dialog, "Fit 4+");
  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_Return, 0));
  kdx_ui_wait_until (view_stored, &named, 30000);

  /* In the database: the condition and the sort. */
  saved = kdx_store_find_view (fixture->store, "Fit 4+", NULL);
  query = kdx_saved_view_get_query (saved);
  g_assert_nonnull (query->conditions);
  g_assert_cmpuint (query->conditions->len, ==, 1);
  condition = kdx_condition_to_string (g_ptr_array_index (query->conditions, 0));
  g_assert_cmpstr (condition, ==, "fit_score>=4");
  g_assert_cmpstr (query->sort_field, ==, "followers");
  g_assert_true (query->descending);
  g_assert_null (query->ids);

  /* The chip's click takes the condition off: every KOL again. */
  kdx_ui_click (chip);
  kdx_ui_wait_until (no_chip, fixture->window, 30000);
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  wait_for_rows (fixture, "小美,阿杰,Lily,大熊,Coco");

  /* One click on the view in the Views menu: filtered and sorted again. */
  menu = open_menu_button (fixture, "Saved Views");
  kdx_ui_click_menu_item (menu, "Fit 4+");
  wait_for_rows (fixture, "Lily,小美");
  g_assert_nonnull (kdx_ui_find_first (GTK_WIDGET (fixture->window), is_chip, NULL));
}

/* The core's default views show in the menu on first start, in order. */
static void
test_defaults_listed (KdxUiFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) views = kdx_store_list_views (fixture->store, NULL);
  GtkWidget *menu;

  g_assert_cmpuint (views->len, >=, 1);
  menu = open_menu_button (fixture, "Saved Views");
  for (guint i = 0; i < views->len; i++)
    g_assert_nonnull (kdx_ui_find_widget (menu, GTK_TYPE_WIDGET,
                                          kdx_saved_view_get_name (g_ptr_array_index (views, i))));
  gtk_popover_popdown (GTK_POPOVER (menu));
}

typedef struct
{
  KdxStore *store;
  guint     n;
} NViews;

static gboolean
has_n_views (gpointer user_data)
{
  NViews *n_views = user_data;
  g_autoptr(GPtrArray) views = kdx_store_list_views (n_views->store, NULL);

  return views->len == n_views->n;
}

static gboolean
widget_mapped (gpointer user_data)
{
  return gtk_widget_get_mapped (user_data);
}

/* The focus of @user_data's window is in it (an entry row's own text):
 * where the typing goes. */
static gboolean
focus_in (gpointer user_data)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (user_data));

  return focus != NULL && (focus == user_data || gtk_widget_is_ancestor (focus, user_data));
}

/* Manage Views: rename in place, move down, delete and Undo. */
static void
test_manage_views (KdxUiFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) before = kdx_store_list_views (fixture->store, NULL);
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *first = g_strdup (kdx_saved_view_get_name (g_ptr_array_index (before, 0)));
  g_autofree char *second = g_strdup (kdx_saved_view_get_name (g_ptr_array_index (before, 1)));
  NViews n_views = { fixture->store, before->len - 1 };
  Named renamed = { fixture->store, "我的头部 KOL" };
  GtkWidget *menu;
  GtkWindow *dialog;
  GtkWidget *row;

  menu = open_menu_button (fixture, "Saved Views");
  kdx_ui_click_menu_item (menu, "Manage Views…");
  dialog = kdx_ui_find_toplevel (KDX_TYPE_MANAGE_VIEWS_DIALOG);
  g_assert_nonnull (dialog);

  /* Rename the first: its name row, new text, Enter. The dialog is on
   * screen first: a window that maps later gives its first focusable row
   * the focus, and the typing would go there. */
  kdx_ui_wait_until (widget_mapped, dialog, 30000);
  row = kdx_ui_find_named (GTK_WIDGET (dialog), first);
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  gtk_widget_grab_focus (row);
  kdx_ui_wait_until (focus_in, row, 30000);
  kdx_ui_type (dialog, "我的头部 KOL");
  g_assert_true (kdx_ui_press_key (dialog, GDK_KEY_Return, 0));
  kdx_ui_wait_until (view_stored, &renamed, 30000);

  /* Move it down: the second comes first. */
  row = kdx_ui_find_named (GTK_WIDGET (dialog), "我的头部 KOL");
  kdx_ui_click (kdx_ui_find_first (row, button_with_tooltip, "Move Down"));
  after = kdx_store_list_views (fixture->store, NULL);
  g_assert_cmpstr (kdx_saved_view_get_name (g_ptr_array_index (after, 0)), ==, second);
  g_assert_cmpstr (kdx_saved_view_get_name (g_ptr_array_index (after, 1)), ==, "我的头部 KOL");

  /* Delete it; Undo puts it back where it was. */
  row = kdx_ui_find_named (GTK_WIDGET (dialog), "我的头部 KOL");
  kdx_ui_click (kdx_ui_find_first (row, button_with_tooltip, "Delete View"));
  kdx_ui_wait_until (has_n_views, &n_views, 30000);
  kdx_ui_click_toast_button (GTK_WIDGET (dialog), "Undo");
  n_views.n = before->len;
  kdx_ui_wait_until (has_n_views, &n_views, 30000);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = kdx_store_list_views (fixture->store, NULL);
  g_assert_cmpstr (kdx_saved_view_get_name (g_ptr_array_index (after, 1)), ==, "我的头部 KOL");
  gtk_window_destroy (dialog);
}

static GtkColumnViewColumn *
column_titled (GtkColumnView *view,
               const char    *title,
               guint         *position)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        {
          if (position != NULL)
            *position = i;
          return column;
        }
    }
  return NULL;
}

/* Columns…: the fit score shown, sorted on through the store, moved,
 * remembered, hidden again. */
static void
test_columns (KdxUiFixture  *fixture,
              gconstpointer  data)
{
  GtkColumnView *view = kdx_list_view_get_column_view (kdx_window_get_list_view (fixture->window));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) remembered = NULL;
  gint64 ids[G_N_ELEMENTS (kols)];
  GtkColumnViewColumn *fit;
  GtkWidget *chooser;
  GtkWidget *check;
  guint before, after;

  add_kols (fixture, ids);
  wait_for_rows (fixture, "小美,阿杰,Lily,大熊,Coco");
  g_assert_null (column_titled (view, "Fit", NULL));

  chooser = open_menu_button (fixture, "Choose the columns of the list and their order");
  check = kdx_ui_find_named (chooser, "fit_score");
  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  fit = column_titled (view, "Fit", &before);
  g_assert_nonnull (fit);
  remembered = g_settings_get_strv (settings, "list-columns");
  g_assert_true (g_strv_contains ((const char *const *) remembered, "fit_score"));

  /* A header click on it: the store sorts (the list's query says so). */
  gtk_column_view_sort_by_column (view, fit, GTK_SORT_DESCENDING);
  wait_for_rows (fixture, "小美,Lily,Coco,阿杰,大熊");
  g_assert_cmpstr (kdx_kol_list_get_query (kdx_list_view_get_list (kdx_window_get_list_view (fixture->window)))->sort_field,
                   ==, "fit_score");

  /* Up one place, in the view and in what is remembered. */
  check = kdx_ui_find_named (chooser, "fit_score");
  kdx_ui_click (kdx_ui_find_first (gtk_widget_get_parent (check), button_with_tooltip, "Move Up"));
  g_assert_true (column_titled (view, "Fit", &after) != NULL);
  g_assert_cmpuint (after, ==, before - 1);
  g_clear_pointer (&remembered, g_strfreev);
  remembered = g_settings_get_strv (settings, "list-columns");
  g_assert_cmpstr (remembered[after], ==, "fit_score");

  /* Hidden again. */
  check = kdx_ui_find_named (chooser, "fit_score");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  g_assert_null (column_titled (view, "Fit", NULL));
  gtk_popover_popdown (GTK_POPOVER (chooser));
}

int
main (int   argc,
      char *argv[])
{
  kdx_ui_test_init (&argc, &argv);

  KDX_UI_ADD ("/ui/views/condition-and-saved-view", test_condition_and_saved_view);
  KDX_UI_ADD ("/ui/views/defaults-listed", test_defaults_listed);
  KDX_UI_ADD ("/ui/views/manage", test_manage_views);
  KDX_UI_ADD ("/ui/views/columns", test_columns);

  return g_test_run ();
}
