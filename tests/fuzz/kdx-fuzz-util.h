/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "kdx-table-reader.h"

G_BEGIN_DECLS

/* What the libFuzzer harnesses of tests/fuzz share (issue 15). Each
 * harness gives libFuzzer its LLVMFuzzerTestOneInput; the
 * LLVMFuzzerInitialize here sets up the rest. A finding is a crash, a
 * sanitizer report, or one of these promises broken (g_error aborts):
 *  - a reader that returns nothing says why (a GError);
 *  - every cell a reader returns is valid UTF-8;
 *  - no GLib warning or critical. */

/* The parts of an input that several files share, in order, are
 * separated by this byte: XML holds no NUL. */
#define KDX_FUZZ_PART_SEPARATOR '\0'

const char     *kdx_fuzz_write_input    (const uint8_t *data,
                                         size_t         size,
                                         const char    *suffix);
void            kdx_fuzz_check_result   (gconstpointer  result,
                                         GError        *error,
                                         const char    *what);
void            kdx_fuzz_drain_reader   (KdxTableReader *reader);
void            kdx_fuzz_read_table     (KdxTableReader *(*open) (const char  *path,
                                                                  GError     **error),
                                         const char      *path);
GPtrArray      *kdx_fuzz_split_parts    (const uint8_t *data,
                                         size_t         size);
void            kdx_fuzz_write_zip      (const char    *path,
                                         const char *const *names,
                                         GBytes *const *contents,
                                         guint          n_entries);

G_END_DECLS
