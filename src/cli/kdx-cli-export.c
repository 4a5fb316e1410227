/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-cli-commands.h"
#include "kdx-cli-util.h"
#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-kol-query.h"
#include "kdx-sheet-export.h"
#include "kdx-store.h"
#include "kdx-xml-export.h"

/* koldex-cli export FILE: the format is the file name's extension. */

static GArray *
parse_ids (const char  *text,
           int         *status)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 id;

      if (!kdx_cli_parse_id (g_strstrip (parts[i]), &id, status))
        return NULL;
      g_array_append_val (ids, id);
    }
  if (ids->len == 0)
    {
      *status = kdx_cli_fail (_("--ids needs KOL ids, such as --ids 1,2,3"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* The KOLs to export: --ids in their order, those of --stage by id, or
 * both (the ids that are in the stage), or everyone. */
static GArray *
select_ids (KdxStore   *store,
            GArray     *ids,
            const char *stage_text,
            int        *status)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  g_autoptr(GArray) in_stage = NULL;
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(GArray) selected = NULL;
  g_autoptr(GError) error = NULL;
  KdxStage stage;

  if (stage_text == NULL)
    {
      if (ids != NULL)
        return g_array_ref (ids);
      if ((in_stage = kdx_export_all_ids (store, &error)) == NULL)
        *status = kdx_cli_fail_error (error);
      return g_steal_pointer (&in_stage);
    }

  if (!kdx_stage_from_string (stage_text, &stage))
    {
      g_autofree char *stages = kdx_enum_list_values (KDX_TYPE_STAGE);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a stage; the stages are: %s"),
                                                  stage_text, stages);
      *status = kdx_cli_fail (message);
      return NULL;
    }
  query->stages = 1u << stage;
  if ((in_stage = kdx_store_query_ids (store, query, &error)) == NULL)
    {
      *status = kdx_cli_fail_error (error);
      return NULL;
    }
  if (ids == NULL)
    return g_steal_pointer (&in_stage);

  wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < in_stage->len; i++)
    g_hash_table_add (wanted, &g_array_index (in_stage, gint64, i));
  selected = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < ids->len; i++)
    if (g_hash_table_contains (wanted, &g_array_index (ids, gint64, i)))
      g_array_append_val (selected, g_array_index (ids, gint64, i));
  return g_steal_pointer (&selected);
}

int
kdx_cli_export (const char  *database,
                int          argc,
                char       **argv)
{
  g_autofree char *ids_text = NULL;
  g_autofree char *stage_text = NULL;
  g_autofree char *columns_text = NULL;
  gboolean no_contact = FALSE;
  GOptionEntry entries[] = {
    { "ids", 0, 0, G_OPTION_ARG_STRING, &ids_text,
      N_("Only these KOLs, in this order"), N_("1,2,…") },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage_text,
      N_("Only KOLs in this stage"), N_("STAGE") },
    { "no-contact", 0, 0, G_OPTION_ARG_NONE, &no_contact,
      N_("Leave out phone, WeChat, email, address and agent, for sharing outside the team"), NULL },
    { "columns", 0, 0, G_OPTION_ARG_STRING, &columns_text,
      N_("Spreadsheets only: these fields as columns, in this order"), N_("FIELD,…") },
    { NULL }
  };
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) selected = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) columns = NULL;
  KdxExportFlags flags;
  KdxSheetFormat sheet_format = KDX_SHEET_FORMAT_CSV;
  g_autofree char *folded = NULL;
  gboolean xml;
  const char *path;
  int status = 0;

  if (!kdx_cli_parse_options ("export", _("FILE [--ids 1,2,…] [--stage STAGE] [--no-contact]"),
                              _("Export KOL files: Koldex XML (FILE.xml) with every field, "
                                "or a spreadsheet for people (FILE.xlsx or FILE.csv)."),
                              entries, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return kdx_cli_fail (_("Give the file to export to: FILE.xml, FILE.xlsx or FILE.csv"));
  if (argc > 2)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argv[2]);
      return kdx_cli_fail (message);
    }
  path = argv[1];

  folded = g_ascii_strdown (path, -1);
  xml = g_str_has_suffix (folded, ".xml");
  if (!xml && !kdx_sheet_format_for_path (path, &sheet_format))
    {
      g_autofree char *message = g_strdup_printf (_("%s: the name must end in .xml, .xlsx or .csv "
                                                    "(it chooses the format)"), path);
      return kdx_cli_fail (message);
    }
  if (xml && columns_text != NULL)
    return kdx_cli_fail (_("--columns is for spreadsheets; an XML export has every field"));
  if (ids_text != NULL && (ids = parse_ids (ids_text, &status)) == NULL)
    return status;
  if (columns_text != NULL)
    {
      columns = g_strsplit (columns_text, ",", -1);
      for (guint i = 0; columns[i] != NULL; i++)
        g_strstrip (columns[i]);
    }
  flags = no_contact ? KDX_EXPORT_NO_CONTACT : KDX_EXPORT_FLAGS_NONE;

  if ((store = kdx_cli_open_store (database, &status)) == NULL)
    return status;
  /* Everyone: NULL, so the export reads each table in one pass. */
  if ((ids != NULL || stage_text != NULL)
      && (selected = select_ids (store, ids, stage_text, &status)) == NULL)
    return status;

  if (xml)
    {
      if (!kdx_xml_export_file (store, path, selected, flags, NULL, NULL, NULL, &error))
        return kdx_cli_fail_error (error);
    }
  else if (!kdx_sheet_export_file (store, path, sheet_format, selected,
                                   (const char *const *) columns, flags,
                                   NULL, NULL, NULL, &error))
    return kdx_cli_fail_error (error);

  return 0;
}
