/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kdx-kol.h"
#include "kdx-store.h"

G_BEGIN_DECLS

/* A KOL file with every field and every list filled, Chinese, emoji,
 * newlines and XML specials included. */
KdxKol   *kdx_test_make_full_kol        (void);
GBytes   *kdx_test_tiny_png             (void);
char     *kdx_test_make_tmp_dir         (void);
GBytes   *kdx_test_read_file            (const char *path);
void      kdx_test_drop_root            (gpointer    user_data);
gboolean  kdx_test_is_root              (void);
void      kdx_test_add_args             (GPtrArray            *argv,
                                         const char           *first,
                                         va_list               args);
int       kdx_test_run_argv             (GPtrArray            *argv,
                                         GSpawnChildSetupFunc  setup,
                                         char                **out,
                                         char                **err);

/* Store helpers that assert: for tests with or without a display. */
gint64    kdx_test_store_kol            (KdxStore   *store,
                                         KdxKol     *kol);
KdxKol   *kdx_test_load_kol             (KdxStore   *store,
                                         gint64      id);
void      kdx_test_remove_database      (const char *path);

G_END_DECLS
