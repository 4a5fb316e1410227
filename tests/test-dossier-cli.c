/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-dossier-cli"

#include "config.h"

#include <string.h>

#include "kdx-store.h"
#include "kdx-test-util.h"

/* koldex-cli dossier ($KOLDEX_CLI), run as a user runs it; the PDFs it
 * writes are read back with pdftotext. */

typedef KdxTestFolder Fixture;

static void
assert_ok (KdxCliRun *run)
{
  if (run->status != 0)
    g_error ("koldex-cli failed (%d): %s", run->status, run->err);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpstr (run->out, ==, "");
}

/* Status 1, one line on stderr that says @what, and no PDF. */
static void
assert_fails (KdxCliRun  *run,
              const char *what,
              const char *output)
{
  g_assert_cmpint (run->status, ==, 1);
  g_assert_true (g_str_has_prefix (run->err, "koldex-cli: "));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
  if (strstr (run->err, what) == NULL)
    g_error ("expected “%s” in: %s", what, run->err);
  g_assert_cmpstr (run->out, ==, "");
  if (output != NULL)
    g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

static void
test_cli_ids (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KdxKol) first = kdx_test_add_full_kol (fixture);
  g_autoptr(KdxKol) second = kdx_test_add_named_kol (fixture, "Second Kol", KDX_STAGE_CONTACTING);
  g_autoptr(KdxKol) third = kdx_test_add_named_kol (fixture, "Third Kol", KDX_STAGE_CANDIDATE);
  g_autofree char *output = g_build_filename (fixture->dir, "two.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *first_id = g_strdup_printf ("%" G_GINT64_FORMAT, kdx_kol_get_id (first));
  g_autofree char *second_id = g_strdup_printf ("%" G_GINT64_FORMAT, kdx_kol_get_id (second));
  g_auto(KdxCliRun) run = { 0 };

  g_clear_object (&fixture->store);
  kdx_test_run_cli (&run, fixture->db_path, "dossier", first_id, second_id, "-o", output, NULL);
  assert_ok (&run);

  text = kdx_test_pdf_text (output);
  kdx_test_assert_has (text, "王小美");
  kdx_test_assert_has (text, "Second Kol");
  kdx_test_assert_lacks (text, "Third Kol");
  kdx_test_assert_has (text, "+8613800138000");
  kdx_test_assert_has (text, "Stage history");
  g_assert_cmpuint (kdx_test_pdf_n_pages (output), >=, 2);
}

static void
test_cli_stage_all (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KdxKol) first = kdx_test_add_full_kol (fixture);
  g_autoptr(KdxKol) second = kdx_test_add_named_kol (fixture, "Second Kol", KDX_STAGE_CONTACTING);
  g_autoptr(KdxKol) third = kdx_test_add_named_kol (fixture, "Third Kol", KDX_STAGE_CONTACTING);
  g_autofree char *stage_pdf = g_build_filename (fixture->dir, "stage.pdf", NULL);
  g_autofree char *all_pdf = g_build_filename (fixture->dir, "all.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_auto(KdxCliRun) run = { 0 };

  g_clear_object (&fixture->store);

  kdx_test_run_cli (&run, fixture->db_path, "dossier", "--stage", "contacting", "-o", stage_pdf, NULL);
  assert_ok (&run);
  text = kdx_test_pdf_text (stage_pdf);
  kdx_test_assert_has (text, "Second Kol");
  kdx_test_assert_has (text, "Third Kol");
  kdx_test_assert_lacks (text, "王小美");
  g_clear_pointer (&text, g_free);

  kdx_test_run_cli (&run, fixture->db_path, "dossier", "--all", "--no-contact", "--paper", "letter",
                    "--output", all_pdf, NULL);
  assert_ok (&run);
  text = kdx_test_pdf_text (all_pdf);
  kdx_test_assert_has (text, "王小美");
  kdx_test_assert_has (text, "Second Kol");
  kdx_test_assert_has (text, "Third Kol");
  kdx_test_assert_lacks (text, "8613800138000");
  kdx_test_assert_lacks (text, "xiaomei_88");
  kdx_test_assert_lacks (text, "xm@example.cn");
  kdx_test_assert_lacks (text, "李经纪");
  info = kdx_test_run_tool ("pdfinfo", all_pdf, NULL);
  kdx_test_assert_has (info, "(letter)");
  g_assert_cmpuint (kdx_test_pdf_n_pages (all_pdf), >=, 3);
}

static void
test_cli_errors (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_test_add_named_kol (fixture, "Only One", KDX_STAGE_CANDIDATE);
  g_autofree char *output = g_build_filename (fixture->dir, "out.pdf", NULL);
  g_autofree char *unwritable = g_build_filename (fixture->dir, "missing", "out.pdf", NULL);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, kdx_kol_get_id (kol));
  g_auto(KdxCliRun) run = { 0 };
  guint n_entries;

  g_clear_object (&fixture->store);
  n_entries = kdx_test_count_entries (fixture->dir);

  kdx_test_run_cli (&run, fixture->db_path, "dossier", "-o", output, NULL);
  assert_fails (&run, "--all", output);

  kdx_test_run_cli (&run, fixture->db_path, "dossier", id, NULL);
  assert_fails (&run, "-o", output);

  kdx_test_run_cli (&run, fixture->db_path, "dossier", "999", "-o", output, NULL);
  assert_fails (&run, "999", output);

  /* One unknown id among good ones prints nothing at all. */
  kdx_test_run_cli (&run, fixture->db_path, "dossier", id, "999", "-o", output, NULL);
  assert_fails (&run, "999", output);

  kdx_test_run_cli (&run, fixture->db_path, "dossier", "abc", "-o", output, NULL);
  assert_fails (&run, "abc", output);

  kdx_test_run_cli (&run, fixture->db_path, "dossier", "--stage", "famous", "-o", output, NULL);
  assert_fails (&run, "famous", output);

  kdx_test_run_cli (&run, fixture->db_path, "dossier", "--stage", "mature", "-o", output, NULL);
  assert_fails (&run, "mature", output);

  kdx_test_run_cli (&run, fixture->db_path, "dossier", id, "--all", "-o", output, NULL);
  assert_fails (&run, "not more than one", output);

  kdx_test_run_cli (&run, fixture->db_path, "dossier", id, "--paper", "a5", "-o", output, NULL);
  assert_fails (&run, "a5", output);

  kdx_test_run_cli (&run, fixture->db_path, "dossier", id, "-o", unwritable, NULL);
  assert_fails (&run, "out.pdf", unwritable);

  kdx_test_run_cli (&run, fixture->db_path, "dossier", id, "-o", fixture->dir, NULL);
  assert_fails (&run, "folder", NULL);

  /* No temporary file stays behind either. */
  g_assert_cmpuint (kdx_test_count_entries (fixture->dir), ==, n_entries);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, kdx_test_folder_set_up, func, kdx_test_folder_tear_down)
  ADD ("/dossier/cli/ids", test_cli_ids);
  ADD ("/dossier/cli/stage-all", test_cli_stage_all);
  ADD ("/dossier/cli/errors", test_cli_errors);
#undef ADD

  return g_test_run ();
}
