/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The median of @n_values timings (sorts @values in place): what the
 * bench programs print, so one slow run on a shared machine does not
 * move the number. */
double kdx_bench_median (double *values,
                         guint   n_values);

G_END_DECLS
