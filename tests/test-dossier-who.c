/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-dossier-who"

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "dossier/kdx-dossier.h"
#include "kdx-event.h"
#include "kdx-stage-entry.h"
#include "kdx-test-util.h"

/* The printed dossier says who made each timeline event and stage move
 * (made_by, schema 11; issue 14, item 5), in English and in Chinese,
 * and leaves the column out when nobody is named: history from before
 * schema 11 names nobody. */

static const char *const makers[] = { "王小明", "李四", "Zoe" };

/* A KOL with a history from before schema 11 (no names), then two moves
 * and a call by named operators; printed into @name in @dir. */
static char *
print_named_file (KdxTestFolder *fixture,
                  const char    *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxKol) kol = kdx_test_kol_with_history ("小美", "candidate@2026-03-02 contacting@2026-03-05");
  g_autoptr(KdxEvent) call = kdx_event_new ();
  g_autoptr(GPtrArray) kols = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KdxDossier) dossier = NULL;
  g_autoptr(GDateTime) printed = g_date_time_new_utc (2026, 11, 30, 2, 0, 0);
  char *path = g_build_filename (fixture->dir, name, NULL);
  gint64 id;

  g_object_set (call, "at", "2026-03-06T03:00:00Z", "kind", KDX_EVENT_KIND_CALL, "summary", "谈报价",
                "made-by", makers[2], NULL);
  g_list_store_append (kdx_kol_get_events (kol), call);
  id = kdx_test_store_kol (fixture->store, kol);

  kdx_store_set_operator (fixture->store, makers[0]);
  g_assert_true (kdx_store_move_kol (fixture->store, id, KDX_STAGE_NEGOTIATING, "报价", &error));
  g_assert_no_error (error);
  kdx_store_set_operator (fixture->store, makers[1]);
  g_assert_true (kdx_store_move_kol (fixture->store, id, KDX_STAGE_ONBOARDING, NULL, &error));
  g_assert_no_error (error);

  g_ptr_array_add (kols, kdx_test_load_kol (fixture->store, id));
  dossier = kdx_dossier_new (kols);
  kdx_dossier_set_print_time (dossier, printed);
  g_assert_true (kdx_dossier_write_pdf (dossier, path, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static void
check_named (KdxTestFolder *fixture,
             const char    *by)
{
  g_autofree char *path = print_named_file (fixture, "named.pdf");
  g_autofree char *text = kdx_test_pdf_text (path);

  for (guint i = 0; i < G_N_ELEMENTS (makers); i++)
    kdx_test_assert_has (text, makers[i]);
  kdx_test_assert_has (text, by);
}

static void
test_named (KdxTestFolder *fixture,
            gconstpointer  data)
{
  check_named (fixture, "\nBy\n");
}

/* 操作人 is the Chinese of "By" (po/zh_CN.po). */
static void
test_named_chinese (KdxTestFolder *fixture,
                    gconstpointer  data)
{
  g_assert_nonnull (g_getenv ("KDX_LOCALEDIR"));
  if (g_test_subprocess ())
    {
      check_named (fixture, "操作人");
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_setenv ("LANGUAGE", "", TRUE);
  g_test_trap_assert_passed ();
}

/* Nobody named anywhere: no column of empty cells. */
static void
test_nobody_named (KdxTestFolder *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdxKol) kol = kdx_test_kol_with_history ("阿强", "candidate@2026-03-02 contacting@2026-03-05");
  g_autoptr(KdxEvent) call = kdx_event_new ();
  g_autoptr(GPtrArray) kols = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KdxDossier) dossier = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "nobody.pdf", NULL);
  g_autofree char *text = NULL;

  g_object_set (call, "at", "2026-03-06T03:00:00Z", "kind", KDX_EVENT_KIND_CALL, NULL);
  g_list_store_append (kdx_kol_get_events (kol), call);
  kdx_store_set_operator (fixture->store, NULL);
  g_ptr_array_add (kols, kdx_test_load_kol (fixture->store, kdx_test_store_kol (fixture->store, kol)));
  dossier = kdx_dossier_new (kols);
  g_assert_true (kdx_dossier_write_pdf (dossier, path, NULL, &error));
  g_assert_no_error (error);
  text = kdx_test_pdf_text (path);
  kdx_test_assert_has (text, "Stage history");
  kdx_test_assert_lacks (text, "\nBy\n");
}

int
main (int    argc,
      char **argv)
{
  /* The Chinese case reads the translations of the build. */
  setlocale (LC_ALL, "");
  if (g_getenv ("KDX_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KDX_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
    }
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, KdxTestFolder, NULL, kdx_test_folder_set_up, func, kdx_test_folder_tear_down)
  ADD ("/dossier/who/named", test_named);
  ADD ("/dossier/who/named-chinese", test_named_chinese);
  ADD ("/dossier/who/nobody-named", test_nobody_named);
  return g_test_run ();
}
