/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-error"

#include "config.h"

#include "kdx-error.h"

G_DEFINE_QUARK (kdx-error-quark, kdx_error)
