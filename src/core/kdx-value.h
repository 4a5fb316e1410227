/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parsers for values as people write them. Each returns FALSE when the
 * text is not such a value; the caller words the error, since only it
 * knows which field, row or argument the text came from. */

/* The largest count or whole number Koldex keeps: every integer up to it
 * survives a spreadsheet (a double) and a JSON reader exactly. */
#define KDX_VALUE_MAX_INT G_GINT64_CONSTANT (9007199254740991)

gboolean  kdx_value_parse_count    (const char *text,
                                    gint64     *count);
gboolean  kdx_value_parse_int      (const char *text,
                                    gint64     *value);
char     *kdx_value_parse_date     (const char *text);
char     *kdx_value_explain_date   (const char *text);
char     *kdx_value_parse_datetime (const char *text);
char     *kdx_value_parse_decimal  (const char *text);
char     *kdx_value_scale_decimal  (const char *text,
                                    guint       exponent);
gboolean  kdx_value_parse_bool     (const char *text,
                                    gboolean   *value);
char     *kdx_value_normalize_phone (const char *text);
gboolean  kdx_value_is_email       (const char *text);
char     *kdx_value_now             (void);
char     *kdx_value_format_int      (gint64      value);
/* Whether a CSV cell holding @text needs an apostrophe in front so that
 * no spreadsheet runs it as a formula: it begins, after any apostrophes
 * of its own, with = + - @ tab or CR. Writing one more apostrophe and
 * reading one off is then exact both ways. */
gboolean  kdx_value_csv_needs_guard (const char  *text);
/* FALSE, with an error naming @name (a field, an option), unless @text
 * (may be NULL) is valid UTF-8. */
gboolean  kdx_value_check_utf8      (const char  *name,
                                     const char  *text,
                                     GError     **error);

typedef enum
{
  KDX_COUNT_STYLE_WESTERN, /* 125K, 1.2M */
  KDX_COUNT_STYLE_CHINESE, /* 12.5万, 1.2亿 */
} KdxCountStyle;

KdxCountStyle kdx_value_count_style_for_locale (void);
char         *kdx_value_format_count           (gint64        value,
                                                KdxCountStyle style);
char     *kdx_value_format_datetime (GDateTime *datetime);

G_END_DECLS
