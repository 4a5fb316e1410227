/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-import"

#include "config.h"

#include "kdx-column-mapper.h"
#include "kdx-sheet-chooser.h"

/* How many fields the sheet's header row names, as the importer would
 * find that row; 0 for a sheet that cannot be read or is empty. */
static guint
sheet_score (const char                  *path,
             const KdxTableReaderOptions *options,
             const char                  *sheet)
{
  KdxTableReaderOptions sheet_options = *options;
  g_autoptr(KdxTableReader) reader = NULL;
  g_autoptr(KdxColumnMapper) mapper = kdx_column_mapper_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  guint header, score = 0;

  sheet_options.sheet = sheet;
  if ((reader = kdx_table_reader_open (path, &sheet_options, NULL)) == NULL)
    return 0;
  while (rows->len < KDX_IMPORT_HEADER_SEARCH_ROWS)
    {
      guint number;
      GPtrArray *cells = kdx_table_reader_next_row (reader, &number, NULL);

      if (cells == NULL)
        break;
      g_ptr_array_add (rows, cells);
    }
  if (rows->len == 0)
    return 0;

  header = kdx_column_mapper_find_header (mapper, rows);
  if (!kdx_column_mapper_set_header (mapper, g_ptr_array_index (rows, header), header + 1, NULL))
    return 0;
  for (guint i = 0; i < kdx_column_mapper_get_n_columns (mapper); i++)
    score += kdx_column_mapper_get_field (mapper, i) != NULL;
  return score;
}

/**
 * kdx_sheet_chooser_pick:
 * @options: (nullable): the encoding and delimiter; its sheet is ignored
 *
 * The sheet whose header row names the most fields, the first of equals.
 *
 * Returns: (transfer full): its name, or NULL with @error set when the
 *   file cannot be read
 */
char *
kdx_sheet_chooser_pick (const char                   *path,
                        const KdxTableReaderOptions  *options,
                        GError                      **error)
{
  KdxTableReaderOptions first = { 0 };
  g_autoptr(KdxTableReader) probe = NULL;
  const char *const *names;
  guint best_score = 0;
  guint best = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (options != NULL)
    first = *options;
  first.sheet = NULL;
  if ((probe = kdx_table_reader_open (path, &first, error)) == NULL)
    return NULL;
  names = kdx_table_reader_get_sheets (probe);

  /* A file of one sheet (every CSV) needs no second reading. */
  for (guint i = 0; names[0] != NULL && names[1] != NULL && names[i] != NULL; i++)
    {
      guint score = sheet_score (path, &first, names[i]);

      if (score > best_score)
        {
          best_score = score;
          best = i;
        }
    }
  return g_strdup (names[best]);
}
