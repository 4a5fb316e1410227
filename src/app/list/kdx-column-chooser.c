/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-column-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-column-chooser.h"
#include "kdx-kol-columns.h"

/* One row per column, in display order: its check box (named after the
 * column) and Up/Down buttons. The rows are rebuilt on every change;
 * there are fewer than sixty. */

struct _KdxColumnChooser
{
  GtkPopover  parent_instance;

  GPtrArray  *order;   /* (element-type utf8) every column name, shown ones first */
  GHashTable *shown;   /* name -> present */
  GtkBox     *rows;
  gboolean    building;
};

G_DEFINE_FINAL_TYPE (KdxColumnChooser, kdx_column_chooser, GTK_TYPE_POPOVER)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild (KdxColumnChooser *self);

static void
toggled_cb (GtkCheckButton   *check,
            KdxColumnChooser *self)
{
  const char *name = gtk_widget_get_name (GTK_WIDGET (check));

  if (self->building)
    return;
  kdx_column_chooser_set_shown (self, name, gtk_check_button_get_active (check));
}

static guint
index_of (KdxColumnChooser *self,
          const char       *name)
{
  guint index = 0;

  g_ptr_array_find_with_equal_func (self->order, name, g_str_equal, &index);
  return index;
}

/* Shown columns stay ahead of hidden ones: a move never crosses that line. */
static void
move (KdxColumnChooser *self,
      const char       *name,
      int               step)
{
  guint from = index_of (self, name);
  int to = (int) from + step;
  gpointer moved;

  if (to < 1 || to >= (int) self->order->len
      || !g_hash_table_contains (self->shown, g_ptr_array_index (self->order, to)))
    return;
  moved = self->order->pdata[from];
  self->order->pdata[from] = self->order->pdata[to];
  self->order->pdata[to] = moved;
  rebuild (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
up_clicked_cb (GtkButton        *button,
               KdxColumnChooser *self)
{
  move (self, g_object_get_data (G_OBJECT (button), "kdx-column"), -1);
}

static void
down_clicked_cb (GtkButton        *button,
                 KdxColumnChooser *self)
{
  move (self, g_object_get_data (G_OBJECT (button), "kdx-column"), 1);
}

static GtkWidget *
move_button (const char       *icon,
             const char       *tooltip,
             const char       *name,
             gboolean          sensitive,
             GCallback         callback,
             KdxColumnChooser *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_sensitive (button, sensitive);
  g_object_set_data_full (G_OBJECT (button), "kdx-column", g_strdup (name), g_free);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static void
rebuild (KdxColumnChooser *self)
{
  self->building = TRUE;
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self->rows))) != NULL;)
    gtk_box_remove (self->rows, child);

  for (guint i = 0; i < self->order->len; i++)
    {
      const char *name = g_ptr_array_index (self->order, i);
      const KdxField *column = kdx_kol_column_find (name);
      gboolean shown = g_hash_table_contains (self->shown, name);
      gboolean next_shown = i + 1 < self->order->len
                            && g_hash_table_contains (self->shown, g_ptr_array_index (self->order, i + 1));
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *check = gtk_check_button_new_with_label (kdx_field_get_label (column));

      gtk_widget_set_name (check, name);
      gtk_widget_set_hexpand (check, TRUE);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), shown);
      /* The name says which KOL a row is: it always shows, first. */
      gtk_widget_set_sensitive (check, i > 0);
      g_signal_connect (check, "toggled", G_CALLBACK (toggled_cb), self);
      gtk_box_append (GTK_BOX (row), check);
      gtk_box_append (GTK_BOX (row), move_button ("go-up-symbolic", _("Move Up"), name,
                                                  shown && i > 1, G_CALLBACK (up_clicked_cb), self));
      gtk_box_append (GTK_BOX (row), move_button ("go-down-symbolic", _("Move Down"), name,
                                                  shown && i > 0 && next_shown,
                                                  G_CALLBACK (down_clicked_cb), self));
      /* Only shown columns have an order; hidden ones keep the space. */
      for (GtkWidget *button = gtk_widget_get_next_sibling (check); button != NULL;
           button = gtk_widget_get_next_sibling (button))
        gtk_widget_set_opacity (button, shown ? 1.0 : 0.0);
      gtk_box_append (self->rows, row);
    }
  self->building = FALSE;
}

static void
kdx_column_chooser_finalize (GObject *object)
{
  KdxColumnChooser *self = KDX_COLUMN_CHOOSER (object);

  g_clear_pointer (&self->order, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_hash_table_unref);

  G_OBJECT_CLASS (kdx_column_chooser_parent_class)->finalize (object);
}

static void
kdx_column_chooser_class_init (KdxColumnChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdx_column_chooser_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdx_column_chooser_init (KdxColumnChooser *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_("Columns"));
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->order = g_ptr_array_new_with_free_func (g_free);
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);
  self->rows = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->rows));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 420);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_popover_set_child (GTK_POPOVER (self), box);
}

GtkWidget *
kdx_column_chooser_new (void)
{
  return g_object_new (KDX_TYPE_COLUMN_CHOOSER, NULL);
}

void
kdx_column_chooser_set_columns (KdxColumnChooser  *self,
                                const char *const *columns)
{
  guint n_columns = 0;
  const KdxField *const *all = kdx_kol_column_list (&n_columns);

  g_return_if_fail (KDX_IS_COLUMN_CHOOSER (self));

  g_ptr_array_set_size (self->order, 0);
  g_hash_table_remove_all (self->shown);
  g_ptr_array_add (self->order, g_strdup ("display_name"));
  g_hash_table_add (self->shown, g_strdup ("display_name"));
  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    if (kdx_kol_column_find (columns[i]) != NULL && !g_hash_table_contains (self->shown, columns[i]))
      {
        g_ptr_array_add (self->order, g_strdup (columns[i]));
        g_hash_table_add (self->shown, g_strdup (columns[i]));
      }
  for (guint i = 0; i < n_columns; i++)
    if (!g_hash_table_contains (self->shown, all[i]->name))
      g_ptr_array_add (self->order, g_strdup (all[i]->name));
  rebuild (self);
}

char **
kdx_column_chooser_get_columns (KdxColumnChooser *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (KDX_IS_COLUMN_CHOOSER (self), NULL);

  for (guint i = 0; i < self->order->len; i++)
    if (g_hash_table_contains (self->shown, g_ptr_array_index (self->order, i)))
      g_strv_builder_add (builder, g_ptr_array_index (self->order, i));
  return g_strv_builder_end (builder);
}

/* A column shown goes last of the shown ones; one hidden goes first of
 * the hidden ones, so the shown ones stay together at the top. */
void
kdx_column_chooser_set_shown (KdxColumnChooser *self,
                              const char       *name,
                              gboolean          shown)
{
  guint from, n_shown;
  char *moved;

  g_return_if_fail (KDX_IS_COLUMN_CHOOSER (self));

  if (g_str_equal (name, "display_name") || shown == g_hash_table_contains (self->shown, name)
      || kdx_kol_column_find (name) == NULL)
    return;
  from = index_of (self, name);
  moved = g_ptr_array_steal_index (self->order, from);
  if (shown)
    g_hash_table_add (self->shown, g_strdup (name));
  else
    g_hash_table_remove (self->shown, name);
  n_shown = g_hash_table_size (self->shown);
  g_ptr_array_insert (self->order, shown ? (int) n_shown - 1 : (int) n_shown, moved);
  rebuild (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}
