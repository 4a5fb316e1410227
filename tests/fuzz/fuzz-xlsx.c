/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-xlsx"

#include "config.h"

#include "kdx-fuzz-util.h"
#include "kdx-xlsx-reader.h"

/* The XLSX reader fed whole files: the zip container as well as its XML. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  kdx_fuzz_read_table (kdx_xlsx_reader_new, kdx_fuzz_write_input (data, size, ".xlsx"));
  return 0;
}
