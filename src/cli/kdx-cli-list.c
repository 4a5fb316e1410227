/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kdx-cli-commands.h"
#include "kdx-cli-util.h"
#include "kdx-condition.h"
#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-json-writer.h"
#include "kdx-kol-columns.h"
#include "kdx-value.h"

/* koldex-cli list and views (issue 17, item 5): any field as a filter
 * (--where), a sort of several keys (--sort), chosen columns read in one
 * query (--columns), a saved view (--view); and the saved views. */

/* What `list` prints without --columns: the columns it always printed. */
static const char *const default_columns[] = {
  "id", "stage", "followers", "platform", "display_name", NULL
};

/* KOLDEX_TODAY pins the day relative dates count from, as in the app. */
static void
set_today (KdxKolQuery *query)
{
  const char *pinned = g_getenv ("KOLDEX_TODAY");
  g_autofree char *today = pinned != NULL ? kdx_value_parse_date (pinned) : NULL;

  if (today != NULL)
    kdx_kol_query_set_today (query, today);
}

static int
print_rows (GPtrArray          *rows,
            GPtrArray          *columns,
            gboolean            json,
            gboolean            header)
{
  if (json)
    {
      g_autoptr(KdxJsonWriter) writer = kdx_json_writer_new (TRUE);

      kdx_json_writer_begin_array (writer);
      for (guint r = 0; r < rows->len; r++)
        {
          KdxKolRow *row = g_ptr_array_index (rows, r);

          kdx_json_writer_begin_object (writer);
          for (guint c = 0; c < columns->len; c++)
            {
              const KdxField *column = g_ptr_array_index (columns, c);
              kdx_json_writer_member (writer, column->name);
              kdx_field_write_json (column, &row->values[c], writer);
            }
          kdx_json_writer_end_object (writer);
        }
      kdx_json_writer_end_array (writer);
      kdx_cli_out ("%s\n", kdx_json_writer_get_text (writer));
      return 0;
    }

  /* A table: tab-separated, one KOL a line, "-" for nothing, so that
   * cut and awk can take it apart; with --columns, a header first. */
  if (header)
    for (guint c = 0; c < columns->len; c++)
      kdx_cli_out ("%s%s", ((const KdxField *) g_ptr_array_index (columns, c))->name,
                   c + 1 < columns->len ? "\t" : "\n");
  for (guint r = 0; r < rows->len; r++)
    {
      KdxKolRow *row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < columns->len; c++)
        {
          const KdxField *column = g_ptr_array_index (columns, c);
          g_autofree char *text = kdx_kol_row_to_string (row, column, c);

          /* A cell is one line: newlines and tabs of notes become spaces. */
          g_strdelimit (text, "\t\n\r", ' ');
          kdx_cli_out ("%s%s", *text != '\0' ? text : "-", c + 1 < columns->len ? "\t" : "\n");
        }
    }
  return 0;
}

int
kdx_cli_list (const char  *database,
              int          argc,
              char       **argv)
{
  g_autofree char *stage_text = NULL;
  g_autofree char *search = NULL;
  g_autofree char *columns_text = NULL;
  g_autofree char *view_name = NULL;
  g_auto(GStrv) wheres = NULL;
  g_auto(GStrv) sorts = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "where", 0, 0, G_OPTION_ARG_STRING_ARRAY, &wheres,
      N_("Only KOLs where FIELD OP VALUE holds; OP is = != ~ (contains) >= <= < > or “within N” "
         "(days); FIELD= is empty; dates may be today, +7d, -30d; repeat to combine"), N_("CONDITION") },
    { "sort", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sorts,
      N_("Sort by FIELD, or -FIELD for descending; repeat for further keys"), N_("[-]FIELD") },
    { "columns", 0, 0, G_OPTION_ARG_STRING, &columns_text,
      N_("Print these fields as a table (with a header), or JSON objects with these keys"), N_("F,F,…") },
    { "view", 0, 0, G_OPTION_ARG_STRING, &view_name,
      N_("Start from a saved view (see “koldex-cli views”): its filters, sort and columns"), N_("NAME") },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage_text,
      N_("Only KOLs in this stage"), N_("STAGE") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_("Only KOLs whose names, handles, tags or notes hold these words"), N_("TEXT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print JSON: whole KOL files, or with --columns or --view objects with those keys"), NULL },
    { NULL }
  };
  g_autoptr(KdxKolQuery) query = NULL;
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxSavedView) view = NULL;
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  int status = 0;

  if (!kdx_cli_parse_options ("list", _("[--where CONDITION]… [--sort [-]FIELD]… [--columns F,F,…] "
                                        "[--view NAME] [--stage STAGE] [--search TEXT] [--json]"),
                              _("List KOLs, filtered by any field, sorted by any keys, with the fields you choose."),
                              entries, &argc, &argv, &status))
    return status;
  if ((status = kdx_cli_check_no_more (argv, argc, 1)) != 0)
    return status;

  if ((store = kdx_cli_open_store (database, &status)) == NULL)
    return status;

  /* A saved view first; what the command line says comes on top. */
  if (view_name != NULL)
    {
      if ((view = kdx_store_find_view (store, view_name, &error)) == NULL)
        return kdx_cli_fail_error (error);
      query = kdx_kol_query_copy (kdx_saved_view_get_query (view));
    }
  else
    query = kdx_kol_query_new ();

  if (stage_text != NULL)
    {
      KdxStage stage;

      if (!kdx_stage_from_string (stage_text, &stage))
        {
          g_autofree char *stages = kdx_enum_list_values (KDX_TYPE_STAGE);
          g_autofree char *message = g_strdup_printf (_("“%s” is not a stage; the stages are: %s"),
                                                      stage_text, stages);
          return kdx_cli_fail (message);
        }
      query->stages = 1u << stage;
    }
  if (search != NULL)
    kdx_kol_query_set_search (query, search);
  for (guint i = 0; wheres != NULL && wheres[i] != NULL; i++)
    {
      KdxCondition *condition = kdx_condition_parse (wheres[i], &error);
      if (condition == NULL)
        return kdx_cli_fail_error (error);
      kdx_kol_query_add_condition (query, condition);
    }
  if (sorts != NULL)
    {
      kdx_kol_query_set_sort (query, NULL, FALSE);
      for (guint i = 0; sorts[i] != NULL; i++)
        if (!kdx_kol_query_add_sort_text (query, sorts[i], &error))
          return kdx_cli_fail_error (error);
    }
  set_today (query);

  /* Whole files for plain --json (as before); else the columns, read in
   * one query without loading files. */
  if (json && columns_text == NULL && (view == NULL || kdx_saved_view_get_columns (view)[0] == NULL))
    {
      g_autoptr(KdxJsonWriter) writer = kdx_json_writer_new (TRUE);
      g_autoptr(GArray) ids = kdx_store_query_ids (store, query, &error);

      if (ids == NULL)
        return kdx_cli_fail_error (error);
      kdx_json_writer_begin_array (writer);
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(KdxKol) kol = kdx_store_load_kol (store, g_array_index (ids, gint64, i), &error);
          if (kol == NULL)
            return kdx_cli_fail_error (error);
          kdx_kol_write_json (kol, writer);
        }
      kdx_json_writer_end_array (writer);
      kdx_cli_out ("%s\n", kdx_json_writer_get_text (writer));
      return 0;
    }

  if (columns_text != NULL)
    names = g_strsplit (columns_text, ",", -1);
  else if (view != NULL && kdx_saved_view_get_columns (view)[0] != NULL)
    names = g_strdupv ((char **) kdx_saved_view_get_columns (view));
  else
    names = g_strdupv ((char **) default_columns);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const KdxField *column;

      g_strstrip (names[i]);
      if ((column = kdx_kol_column_lookup (names[i], &error)) == NULL)
        return kdx_cli_fail_error (error);
      g_ptr_array_add (columns, (gpointer) column);
    }

  /* One pass over many rows, each read once: a small cache, as an import
   * has, rather than a page allocated (and at exit freed) for every page
   * read, a third of the CPU time of list --search 美妆 at 100,000 KOLs. */
  kdx_store_set_single_pass (store, TRUE);
  rows = kdx_store_query_rows (store, query, (const char *const *) names, 0, 0, &error);
  if (rows == NULL)
    return kdx_cli_fail_error (error);
  return print_rows (rows, columns, json, columns_text != NULL || view != NULL);
}

int
kdx_cli_views (const char  *database,
               int          argc,
               char       **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array of views"), NULL },
    { NULL }
  };
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(GPtrArray) views = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxJsonWriter) writer = NULL;
  int status = 0;

  if (!kdx_cli_parse_options ("views", "[--json]",
                              _("List the saved views, in their order, with what each selects."),
                              entries, &argc, &argv, &status))
    return status;
  if ((status = kdx_cli_check_no_more (argv, argc, 1)) != 0)
    return status;
  if ((store = kdx_cli_open_store (database, &status)) == NULL)
    return status;
  if ((views = kdx_store_list_views (store, &error)) == NULL)
    return kdx_cli_fail_error (error);

  if (json)
    {
      writer = kdx_json_writer_new (TRUE);
      kdx_json_writer_begin_array (writer);
    }
  for (guint i = 0; i < views->len; i++)
    {
      KdxSavedView *view = g_ptr_array_index (views, i);
      const KdxKolQuery *query = kdx_saved_view_get_query (view);
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      g_auto(GStrv) sort = kdx_kol_query_get_sort_texts (query);
      g_autofree char *where = NULL;
      g_autofree char *sort_text = g_strjoinv (",", sort);

      /* What the view selects, in --where's words. */
      for (guint s = 0; s < 32 && query->stages != 0; s++)
        if (query->stages & (1u << s))
          g_ptr_array_add (parts, g_strdup_printf ("stage=%s", kdx_enum_to_string (KDX_TYPE_STAGE, s)));
      for (guint t = 0; t < 32 && query->tiers != 0; t++)
        if (query->tiers & (1u << t))
          g_ptr_array_add (parts, g_strdup_printf ("tier=%s", kdx_enum_to_string (KDX_TYPE_TIER, t)));
      for (guint t = 0; query->tags != NULL && query->tags[t] != NULL; t++)
        g_ptr_array_add (parts, g_strdup_printf ("tags=%s", query->tags[t]));
      if (query->owner != NULL)
        g_ptr_array_add (parts, g_strdup_printf ("owner=%s", query->owner));
      if (query->category != NULL)
        g_ptr_array_add (parts, g_strdup_printf ("category=%s", query->category));
      for (guint c = 0; query->conditions != NULL && c < query->conditions->len; c++)
        g_ptr_array_add (parts, kdx_condition_to_string (g_ptr_array_index (query->conditions, c)));
      if (query->search != NULL)
        g_ptr_array_add (parts, g_strdup_printf ("search: %s", query->search));
      g_ptr_array_add (parts, NULL);
      where = g_strjoinv ("; ", (char **) parts->pdata);

      if (json)
        {
          const char *const *columns = kdx_saved_view_get_columns (view);

          kdx_json_writer_begin_object (writer);
          kdx_json_writer_member (writer, "name");
          kdx_json_writer_string (writer, kdx_saved_view_get_name (view));
          kdx_json_writer_member (writer, "where");
          kdx_json_writer_string (writer, where);
          kdx_json_writer_member (writer, "sort");
          kdx_json_writer_string (writer, sort_text);
          kdx_json_writer_member (writer, "columns");
          kdx_json_writer_begin_array (writer);
          for (guint c = 0; columns[c] != NULL; c++)
            kdx_json_writer_string (writer, columns[c]);
          kdx_json_writer_end_array (writer);
          kdx_json_writer_end_object (writer);
        }
      else
        kdx_cli_out ("%s\t%s\t%s\n", kdx_saved_view_get_name (view), *where != '\0' ? where : "-",
                     *sort_text != '\0' ? sort_text : "-");
    }
  if (json)
    {
      kdx_json_writer_end_array (writer);
      kdx_cli_out ("%s\n", kdx_json_writer_get_text (writer));
    }
  return 0;
}
