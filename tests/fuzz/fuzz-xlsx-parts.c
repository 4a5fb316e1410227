/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-xlsx-parts"

#include "config.h"

#include "kdx-fuzz-util.h"
#include "kdx-xlsx-reader.h"

/* The XLSX reader's XML on its own: the input is up to five parts,
 * separated by NUL (sheet, shared strings, workbook, styles, the
 * workbook's relationships); the harness puts them into a valid zip with
 * the package files around them, so every input reaches the XML parsers
 * instead of stopping at the container. A part the input does not give
 * is a small valid one. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char *const names[] = {
  "xl/worksheets/sheet1.xml",
  "xl/sharedStrings.xml",
  "xl/workbook.xml",
  "xl/styles.xml",
  "xl/_rels/workbook.xml.rels",
  "[Content_Types].xml",
  "_rels/.rels",
};

static const char *const defaults[] = {
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
  "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
  "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" s=\"1\"><v>45000</v></c></row>"
  "</sheetData></worksheet>",
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"3\" uniqueCount=\"3\">"
  "<si><t>昵称</t></si><si><t>生日</t></si><si><r><t>小美</t></r><r><t xml:space=\"preserve\"> 美</t></r></si></sst>",
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
  "<workbookPr date1904=\"false\"/><sheets><sheet name=\"名单\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
  "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/></numFmts>"
  "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>",
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
  "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
  "</Relationships>",
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
  "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
  "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
  "</Types>",
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
  "</Relationships>",
};

G_STATIC_ASSERT (G_N_ELEMENTS (names) == G_N_ELEMENTS (defaults));
#define N_FUZZED_PARTS 5

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) given = kdx_fuzz_split_parts (data, size);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  const char *path;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (parts, i < N_FUZZED_PARTS && i < given->len
                              ? g_bytes_ref (g_ptr_array_index (given, i))
                              : g_bytes_new_static (defaults[i], strlen (defaults[i])));

  path = kdx_fuzz_write_input ((const uint8_t *) "", 0, ".xlsx");
  kdx_fuzz_write_zip (path, names, (GBytes *const *) parts->pdata, parts->len);
  kdx_fuzz_read_table (kdx_xlsx_reader_new, path);
  return 0;
}
