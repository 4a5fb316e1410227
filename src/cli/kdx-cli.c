/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "kdx-bulk-edit.h"
#include "kdx-cli-assign.h"
#include "kdx-cli-commands.h"
#include "kdx-cli-util.h"
#include "kdx-cli.h"
#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-error.h"
#include "kdx-json-writer.h"
#include "kdx-kol-query.h"
#include "kdx-store.h"

typedef struct
{
  const char *name;
  const char *parameters; /* untranslated */
  const char *summary;    /* untranslated */
  int       (*run) (const char *database, int argc, char **argv);
} Command;

static const Command *find_command (const char *name);

static gboolean
parse_command_options (const char   *command,
                       GOptionEntry *entries,
                       int          *argc,
                       char       ***argv,
                       int          *status)
{
  const Command *cmd = find_command (command);

  return kdx_cli_parse_options (command, _(cmd->parameters), _(cmd->summary),
                                entries, argc, argv, status);
}

/* ---- add ------------------------------------------------------------------ */

static int
cmd_add (const char  *database,
         int          argc,
         char       **argv)
{
  g_autofree char *display_name = NULL;
  GOptionEntry entries[] = {
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &display_name,
      N_("The name people know the KOL by (required)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxKol) kol = kdx_kol_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!parse_command_options ("add", entries, &argc, &argv, &status))
    return status;

  if (display_name != NULL
      && !kdx_record_set_from_string (KDX_RECORD (kol), "display_name", display_name, &error))
    return kdx_cli_fail_error (error);
  for (int i = 1; i < argc; i++)
    if (!kdx_cli_assign (kol, argv[i], &error))
      return kdx_cli_fail_error (error);
  if (kdx_kol_get_display_name (kol) == NULL)
    return kdx_cli_fail (_("A KOL needs a display name: --display-name NAME"));

  /* Everything is checked before the database is opened or touched. */
  if ((store = kdx_cli_open_store (database, &status)) == NULL)
    return status;
  if (!kdx_store_add_kol (store, kol, &error))
    return kdx_cli_fail_error (error);

  kdx_cli_out ("%" G_GINT64_FORMAT "\n", kdx_kol_get_id (kol));
  return 0;
}

/* ---- set ------------------------------------------------------------------ */

/* One id: the file's every field, lists and stage included. Several ids
 * (or tags+= and tags-=): the same change on all of them through a bulk
 * edit, one transaction, nothing changed when anything is wrong. */
static int
cmd_set (const char  *database,
         int          argc,
         char       **argv)
{
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(KdxBulkEdit) edit = kdx_bulk_edit_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) bulk_error = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  int first_change = 1;

  if (!parse_command_options ("set", NULL, &argc, &argv, &status))
    return status;
  /* The ids, up to the first argument that is not a number. */
  for (; first_change < argc; first_change++)
    {
      gint64 id;

      if (ids->len > 0 && !g_ascii_isdigit (argv[first_change][0]))
        break;
      if (!kdx_cli_parse_id (argv[first_change], &id, &status))
        return status;
      g_array_append_val (ids, id);
    }
  if (ids->len == 0)
    {
      kdx_cli_parse_id (NULL, NULL, &status); /* says the id is missing */
      return status;
    }
  if (first_change >= argc)
    return kdx_cli_fail (_("Nothing to change: give FIELD=VALUE …"));

  for (int i = first_change; i < argc && bulk_error == NULL; i++)
    kdx_bulk_edit_add_text (edit, argv[i], &bulk_error);

  if ((store = kdx_cli_open_store (database, &status)) == NULL)
    return status;

  if (bulk_error == NULL)
    {
      g_autoptr(GPtrArray) before = NULL;

      if (!kdx_bulk_edit_apply (edit, store, ids, &before, &error))
        return kdx_cli_fail_error (error);
      return 0;
    }
  if (ids->len > 1)
    return kdx_cli_fail_error (bulk_error);

  /* What only one file can take: its stage, its lists' items. */
  if ((kol = kdx_store_load_kol (store, g_array_index (ids, gint64, 0), &error)) == NULL)
    return kdx_cli_fail_error (error);
  for (int i = first_change; i < argc; i++)
    if (!kdx_cli_assign (kol, argv[i], &error))
      return kdx_cli_fail_error (error);

  if (!kdx_store_save_kol (store, kol, &error))
    return kdx_cli_fail_error (error);
  return 0;
}

/* ---- move ----------------------------------------------------------------- */

static int
cmd_move (const char  *database,
          int          argc,
          char       **argv)
{
  g_autofree char *note = NULL;
  GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note,
      N_("Why, recorded with the move in the stage history"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  KdxStage stage;
  gint64 id;

  if (!parse_command_options ("move", entries, &argc, &argv, &status))
    return status;
  if (!kdx_cli_parse_id (argc > 1 ? argv[1] : NULL, &id, &status))
    return status;
  if (argc < 3)
    return kdx_cli_fail (_("Give the stage to move to"));
  if (!kdx_stage_from_string (argv[2], &stage))
    {
      g_autofree char *stages = kdx_enum_list_values (KDX_TYPE_STAGE);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a stage; the stages are: %s"),
                                                  argv[2], stages);
      return kdx_cli_fail (message);
    }
  if ((status = kdx_cli_check_no_more (argv, argc, 3)) != 0)
    return status;

  if ((store = kdx_cli_open_store (database, &status)) == NULL)
    return status;
  if (!kdx_store_move_kol (store, id, stage, note, &error))
    return kdx_cli_fail_error (error);
  return 0;
}

/* ---- show ----------------------------------------------------------------- */

static void
print_record (KdxRecord  *record,
              const char *indent)
{
  const KdxField *fields;
  guint n_fields;

  fields = kdx_record_get_fields (record, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *value = NULL;

      if (fields[i].type == KDX_FIELD_IMAGE)
        {
          g_autoptr(GBytes) bytes = NULL;
          g_object_get (record, fields[i].name, &bytes, NULL);
          value = bytes != NULL
            ? g_strdup_printf (_("image, %zu bytes"), g_bytes_get_size (bytes))
            : g_strdup ("");
        }
      else
        value = kdx_record_get_string (record, &fields[i]);

      /* Multi-line notes stay readable: continuation lines are indented. */
      {
        g_autofree char *continuation = g_strdup_printf ("\n%s%18s", indent, "");
        g_auto(GStrv) lines = g_strsplit (value, "\n", -1);
        g_autofree char *joined = g_strjoinv (continuation, lines);

        kdx_cli_out ("%s%-17s %s\n", indent, fields[i].name, joined);
      }
    }
}

static void
print_kol (KdxKol *kol)
{
  const KdxKolListInfo *infos;
  guint n_infos;

  print_record (KDX_RECORD (kol), "");

  infos = kdx_kol_list_infos (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    {
      GListModel *list = G_LIST_MODEL (kdx_kol_get_list (kol, infos[i].name));
      guint n = g_list_model_get_n_items (list);

      kdx_cli_out ("%s (%u)\n", infos[i].name, n);
      for (guint j = 0; j < n; j++)
        {
          g_autoptr(KdxRecord) item = g_list_model_get_item (list, j);

          kdx_cli_out ("  #%u\n", j + 1);
          print_record (item, "    ");
        }
    }
}

static int
cmd_show (const char  *database,
          int          argc,
          char       **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON object whose keys are the field names"), NULL },
    { NULL }
  };
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(KdxKol) kol = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  gint64 id;

  if (!parse_command_options ("show", entries, &argc, &argv, &status))
    return status;
  if (!kdx_cli_parse_id (argc > 1 ? argv[1] : NULL, &id, &status))
    return status;
  if ((status = kdx_cli_check_no_more (argv, argc, 2)) != 0)
    return status;

  if ((store = kdx_cli_open_store (database, &status)) == NULL)
    return status;
  if ((kol = kdx_store_load_kol (store, id, &error)) == NULL)
    return kdx_cli_fail_error (error);

  if (json)
    {
      g_autoptr(KdxJsonWriter) writer = kdx_json_writer_new (TRUE);

      kdx_kol_write_json (kol, writer);
      kdx_cli_out ("%s\n", kdx_json_writer_get_text (writer));
    }
  else
    print_kol (kol);

  return 0;
}

/* ---- delete --------------------------------------------------------------- */

static int
cmd_delete (const char  *database,
            int          argc,
            char       **argv)
{
  g_autoptr(KdxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  gint64 id;

  if (!parse_command_options ("delete", NULL, &argc, &argv, &status))
    return status;
  if (!kdx_cli_parse_id (argc > 1 ? argv[1] : NULL, &id, &status))
    return status;
  if ((status = kdx_cli_check_no_more (argv, argc, 2)) != 0)
    return status;

  if ((store = kdx_cli_open_store (database, &status)) == NULL)
    return status;
  if (!kdx_store_delete_kol (store, id, &error))
    return kdx_cli_fail_error (error);
  return 0;
}

/* ---- dispatch ------------------------------------------------------------- */

static const Command commands[] = {
  { "add", N_("--display-name NAME [FIELD=VALUE …]"),
    N_("Add a KOL file and print its id."), cmd_add },
  { "set", N_("ID… FIELD=VALUE …"),
    N_("Change fields of one or more KOL files, all in one transaction (tags+=TAG and tags-=TAG add and remove tags). Changing “stage” (one KOL at a time) dates the move in the stage history."), cmd_set },
  { "move", N_("ID STAGE [--note TEXT]"),
    N_("Move a KOL to another stage of the lifecycle, recorded in its stage history."), cmd_move },
  { "show", N_("ID [--json]"),
    N_("Print a whole KOL file."), cmd_show },
  { "list", N_("[--where CONDITION]… [--sort [-]FIELD]… [--columns F,F,…] [--view NAME] [--stage STAGE] [--search TEXT] [--json]"),
    N_("List KOLs, filtered by any field, sorted by any keys, with the fields you choose."), kdx_cli_list },
  { "views", "[--json]",
    N_("List the saved views, in their order, with what each selects."), kdx_cli_views },
  { "delete", N_("ID"),
    N_("Delete a KOL file with its timeline and history."), cmd_delete },
  { "dossier", N_("(ID… | --stage STAGE | --all) -o FILE.pdf [--no-contact] [--paper a4|letter]"),
    N_("Print KOL dossiers to a PDF file, one dossier per KOL, each on new pages."), kdx_cli_dossier },
  { "export", N_("FILE [--ids 1,2,…] [--stage STAGE] [--no-contact]"),
    N_("Export KOL files: Koldex XML (FILE.xml) with every field, or a spreadsheet for people (FILE.xlsx or FILE.csv)."), kdx_cli_export },
  { "preview", N_("FILE [--sheet NAME|N] [--rows N] [--json]"),
    N_("Show how a spreadsheet will be read: sheets, header, first rows, column mapping."), kdx_cli_preview },
  { "import", N_("FILE [--sheet NAME|N] [--map HEADER=FIELD]… [--on-duplicate skip|merge|new] [--dry-run] [--json]"),
    N_("Import a candidate list (CSV, TSV, XLSX, ODS); exit status 3 when some rows were rejected."), kdx_cli_import },
  { "due", N_("[--days N] [--on DATE] [--owner NAME] [--json]"),
    N_("What is due today (or on DATE), and the important dates and festivals coming, each with its reason."), kdx_cli_due },
  { "log", N_("ID… KIND [--channel C] [--outcome O] [--amount X] [--note TEXT] [--next DATE|+Nd|+Nw] [--at DATETIME]"),
    N_("Log a contact with one or more KOLs (outreach, call, message, meeting, gift, payment, content, note), and when to follow up."), kdx_cli_log },
  { "backup", N_("[FILE]"),
    N_("Back the database up (by default into the backups folder beside it) and print where."), kdx_cli_backup },
  { "restore", N_("FILE"),
    N_("Replace the database with a backup, keeping the replaced one aside; works on a damaged database."), kdx_cli_restore },
  { "stats", N_("[--from DATE] [--to DATE] [--period NAME] [--owner NAME] [--tier T] [--category C] [--source S] [--json] [--report FILE.pdf|FILE.xlsx]"),
    N_("The numbers of Insights: funnel, outreach success rate, pace, days in stage, churn, mix and cost."), kdx_cli_stats },
  { "copy", N_("--to DEST"),
    N_("Copy the whole database, history included, into a new file or an empty team database (postgresql://…)."), kdx_cli_copy },
  /* more commands here */
};

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

static void
print_help (void)
{
  g_autofree char *path = kdx_store_default_path ();

  kdx_cli_out (_("Usage:\n  koldex-cli [--database PATH] [--operator NAME] COMMAND [ARGUMENTS …]\n\n"));
  kdx_cli_out (_("Koldex keeps a file on every KOL of your programme. This tool reads and\n"
             "changes those files without opening a window.\n\n"));
  kdx_cli_out (_("Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    kdx_cli_out ("  %-7s %s\n          %s\n", commands[i].name, _(commands[i].parameters),
             _(commands[i].summary));
  kdx_cli_out (_("\nOptions:\n"
             "  --database PATH  the database to use (also KOLDEX_DATABASE);\n"
             "                   by default %s\n"
             "  --operator NAME  who is recorded on the contacts, moves and imports made\n"
             "                   (also KOLDEX_OPERATOR); by default the name in Koldex’s\n"
             "                   Preferences, else your login’s full name\n"
             "  -h, --help       this help; “koldex-cli COMMAND --help” explains a command\n\n"),
           path);
  kdx_cli_out (_("Exit status: 0 when the command did what it says, 1 when it did not; then\n"
             "one line on standard error says why, and the database is left as it was.\n"));
}

int
kdx_cli_run (int    argc,
             char **argv)
{
  const char *database = NULL;
  const Command *command;
  int first = 1;

  /* Nothing of an earlier run in the same process (tests) carries over. */
  kdx_cli_set_operator (NULL);

  /* Global options come before the command. */
  while (first < argc && argv[first][0] == '-')
    {
      const char *arg = argv[first];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_help ();
          return 0;
        }
      else if (g_str_equal (arg, "--version"))
        {
          kdx_cli_out ("koldex-cli %s\n", PACKAGE_VERSION);
          return 0;
        }
      else if (g_str_equal (arg, "--database") && first + 1 < argc)
        {
          database = argv[first + 1];
          first += 2;
        }
      else if (g_str_has_prefix (arg, "--database="))
        {
          database = arg + strlen ("--database=");
          first++;
        }
      else if (g_str_equal (arg, "--database"))
        return kdx_cli_fail (_("--database needs a PATH"));
      else if (g_str_equal (arg, "--operator") && first + 1 < argc)
        {
          kdx_cli_set_operator (argv[first + 1]);
          first += 2;
        }
      else if (g_str_has_prefix (arg, "--operator="))
        {
          kdx_cli_set_operator (arg + strlen ("--operator="));
          first++;
        }
      else if (g_str_equal (arg, "--operator"))
        return kdx_cli_fail (_("--operator needs a NAME"));
      else
        {
          g_autofree char *message = g_strdup_printf (_("Unknown option “%s” (see koldex-cli --help)"), arg);
          return kdx_cli_fail (message);
        }
    }

  if (database != NULL && *database == '\0')
    return kdx_cli_fail (_("--database needs a PATH"));

  if (first >= argc)
    {
      print_help ();
      return 1;
    }

  command = find_command (argv[first]);
  if (command == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s” (see koldex-cli --help)"),
                                                  argv[first]);
      return kdx_cli_fail (message);
    }

  return command->run (database, argc - first, argv + first);
}
