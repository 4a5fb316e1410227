/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "kdx-cli-commands.h"
#include "kdx-cli-util.h"
#include "kdx-dossier.h"
#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-kol-query.h"
#include "kdx-store.h"

/* koldex-cli dossier ID… | --stage STAGE | --all -o FILE.pdf
 *     [--no-contact] [--paper a4|letter]
 *
 * Everything the user typed is checked before the database is opened,
 * and every KOL is loaded before the PDF is written: a mistake leaves no
 * file behind, and kdx_dossier_write_pdf() never leaves half of one. */
int
kdx_cli_dossier (const char  *database,
                 int          argc,
                 char       **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *stage_text = NULL;
  g_autofree char *paper_text = NULL;
  gboolean all = FALSE;
  gboolean no_contact = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The PDF file to write (required)"), N_("FILE.pdf") },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage_text,
      N_("Every KOL in this stage"), N_("STAGE") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      N_("Every KOL"), NULL },
    { "no-contact", 0, 0, G_OPTION_ARG_NONE, &no_contact,
      N_("Leave contact data out (phone, WeChat, email, address, agent)"), NULL },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_text,
      N_("a4 or letter; by default the paper of your locale"), N_("PAPER") },
    { NULL }
  };
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) kols = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  KdxPaper paper = kdx_paper_for_locale ();
  KdxStage stage = KDX_STAGE_CANDIDATE;
  guint n_choices;
  int status = 0;

  if (!kdx_cli_parse_options ("dossier",
                              _("(ID… | --stage STAGE | --all) -o FILE.pdf [--no-contact] [--paper a4|letter]"),
                              _("Print KOL dossiers to a PDF file, one dossier per KOL, each on new pages."),
                              entries, &argc, &argv, &status))
    return status;

  /* Which KOLs: ids, a stage, or all of them; exactly one of the three. */
  n_choices = (argc > 1) + (stage_text != NULL) + (all != FALSE);
  if (n_choices == 0)
    return kdx_cli_fail (_("Which KOLs? Give their ids, --stage STAGE or --all"));
  if (n_choices > 1)
    return kdx_cli_fail (_("Give KOL ids, --stage STAGE or --all, not more than one of them"));

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (int i = 1; i < argc; i++)
    {
      gint64 id;

      if (!kdx_cli_parse_id (argv[i], &id, &status))
        return status;
      g_array_append_val (ids, id);
    }

  if (stage_text != NULL && !kdx_stage_from_string (stage_text, &stage))
    {
      g_autofree char *stages = kdx_enum_list_values (KDX_TYPE_STAGE);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a stage; the stages are: %s"),
                                                  stage_text, stages);
      return kdx_cli_fail (message);
    }

  if (paper_text != NULL && !kdx_paper_from_string (paper_text, &paper))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a paper size; use a4 or letter"),
                                                  paper_text);
      return kdx_cli_fail (message);
    }

  if (output == NULL || *output == '\0')
    return kdx_cli_fail (_("Where to? Give the PDF file with -o FILE.pdf"));
  if (g_file_test (output, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is a folder; give a file name with -o"),
                                                  output);
      return kdx_cli_fail (message);
    }

  if ((store = kdx_cli_open_store (database, &status)) == NULL)
    return status;

  if (stage_text != NULL || all)
    {
      g_clear_pointer (&ids, g_array_unref);
      if (stage_text != NULL)
        query->stages = 1u << stage;
      if ((ids = kdx_store_query_ids (store, query, &error)) == NULL)
        return kdx_cli_fail_error (error);
      if (ids->len == 0)
        {
          g_autofree char *message = stage_text != NULL
            ? g_strdup_printf (_("No KOL is in stage “%s”: nothing to print"), stage_text)
            : g_strdup (_("The database holds no KOL: nothing to print"));
          return kdx_cli_fail (message);
        }
    }

  for (guint i = 0; i < ids->len; i++)
    {
      KdxKol *kol = kdx_store_load_kol (store, g_array_index (ids, gint64, i), &error);

      if (kol == NULL)
        return kdx_cli_fail_error (error);
      g_ptr_array_add (kols, kol);
    }

  dossier = kdx_dossier_new (kols);
  kdx_dossier_set_include_contact (dossier, !no_contact);
  kdx_dossier_set_paper (dossier, paper);
  if (!kdx_dossier_write_pdf (dossier, output, NULL, &error))
    return kdx_cli_fail_error (error);

  return 0;
}
