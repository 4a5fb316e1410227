/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-ods"

#include "config.h"

#include "kdx-fuzz-util.h"
#include "kdx-ods-reader.h"

/* The ODS reader fed whole files: the zip container as well as its XML. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  kdx_fuzz_read_table (kdx_ods_reader_new, kdx_fuzz_write_input (data, size, ".ods"));
  return 0;
}
