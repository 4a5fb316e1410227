/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-value"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdx-error.h"
#include "kdx-value.h"

/* Follower counts as people write them: 3000, 125,000, 45k, 1.2M, 12.5万,
 * 1.2w, 3亿. The multiplier is applied to the decimal text exactly, so
 * 12.5万 is 125000 and not 124999. */
gboolean
kdx_value_parse_count (const char *text,
                       gint64     *count)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autofree char *trimmed = NULL;
  const char *p;
  const char *end;
  int decimals = -1;
  int exponent = 0;
  guint64 value = 0;

  if (text == NULL)
    return FALSE;

  trimmed = g_strstrip (g_strdup (text));
  /* "10万+" means at least 10万; the plus says nothing we can store. */
  if (g_str_has_suffix (trimmed, "+"))
    trimmed[strlen (trimmed) - 1] = '\0';
  p = trimmed;
  end = p + strlen (p);

  /* The suffix first, reading back from the end. */
  if (g_str_has_suffix (p, "万") || g_str_has_suffix (p, "萬"))
    { exponent = 4; end -= strlen ("万"); }
  else if (g_str_has_suffix (p, "亿") || g_str_has_suffix (p, "億"))
    { exponent = 8; end -= strlen ("亿"); }
  else if (g_str_has_suffix (p, "千"))
    { exponent = 3; end -= strlen ("千"); }
  else if (end > p && (end[-1] == 'w' || end[-1] == 'W'))
    { exponent = 4; end--; }
  else if (end > p && (end[-1] == 'k' || end[-1] == 'K'))
    { exponent = 3; end--; }
  else if (end > p && (end[-1] == 'm' || end[-1] == 'M'))
    { exponent = 6; end--; }
  else if (end > p && (end[-1] == 'b' || end[-1] == 'B'))
    { exponent = 9; end--; }

  while (end > p && g_ascii_isspace (end[-1]))
    end--;

  for (; p < end; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (digits, *p);
          if (decimals >= 0)
            decimals++;
        }
      else if (*p == '.' && decimals < 0)
        decimals = 0;
      else if ((*p == ',' || *p == ' ' || *p == '_') && decimals < 0 && digits->len > 0)
        continue; /* thousands separators */
      else
        return FALSE;
    }

  if (digits->len == 0)
    return FALSE;
  /* 12.5 followers is no count: likely 12.5万 without its unit. Say so
   * rather than keep 12. Zeros after the point (1234.0) are fine. */
  if (exponent == 0 && decimals > 0
      && strspn (digits->str + digits->len - decimals, "0") != (gsize) decimals)
    return FALSE;
  if (decimals > exponent)
    {
      /* 1.25k is fine, 1.2345k is not a whole number of followers, but
       * people round; keep what the multiplier can carry and drop the rest. */
      g_string_truncate (digits, digits->len - (decimals - exponent));
      decimals = exponent;
    }
  if (decimals < 0)
    decimals = 0;

  /* Beyond 64 bits the count saturates: the caller then says "too large"
   * with the limit, which helps more than "not a count". */
  errno = 0;
  value = g_ascii_strtoull (digits->str, NULL, 10);
  if (errno == ERANGE || value > G_MAXINT64)
    value = G_MAXINT64;
  for (int i = 0; i < exponent - decimals; i++)
    value = value > G_MAXINT64 / 10 ? G_MAXINT64 : value * 10;

  *count = (gint64) value;
  return TRUE;
}

gboolean
kdx_value_parse_int (const char *text,
                     gint64     *value)
{
  g_autofree char *trimmed = NULL;
  char *end = NULL;
  gint64 parsed;

  if (text == NULL)
    return FALSE;

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return FALSE;

  /* Out of range, strtoll saturates at G_MININT64 or G_MAXINT64 with
   * ERANGE: kept, so the caller can say "too large" with the limit. */
  errno = 0;
  parsed = g_ascii_strtoll (trimmed, &end, 10);
  if ((errno != 0 && errno != ERANGE) || end == trimmed || *end != '\0')
    return FALSE;

  *value = parsed;
  return TRUE;
}

/* Dates as YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日, and D.M.YYYY
 * as Europeans write it: the year, month and day written, whether or not
 * such a day exists. */
static gboolean
date_parts (const char *text,
            int        *year,
            int        *month,
            int        *day)
{
  g_autofree char *trimmed = NULL;
  int a = 0, b = 0, c = 0;
  int a_digits = 0;
  char sep1 = 0, sep2 = 0;
  char tail = 0;

  if (text == NULL)
    return FALSE;

  trimmed = g_strstrip (g_strdup (text));

  /* YYYY-MM-DD, as Koldex writes every date, read without the two
   * sscanf() calls below, which give the same for it. */
  if (strlen (trimmed) == 10 && trimmed[4] == '-' && trimmed[7] == '-'
      && g_ascii_isdigit (trimmed[0]) && g_ascii_isdigit (trimmed[1])
      && g_ascii_isdigit (trimmed[2]) && g_ascii_isdigit (trimmed[3])
      && g_ascii_isdigit (trimmed[5]) && g_ascii_isdigit (trimmed[6])
      && g_ascii_isdigit (trimmed[8]) && g_ascii_isdigit (trimmed[9]))
    {
      *year = g_ascii_digit_value (trimmed[0]) * 1000 + g_ascii_digit_value (trimmed[1]) * 100
            + g_ascii_digit_value (trimmed[2]) * 10 + g_ascii_digit_value (trimmed[3]);
      *month = g_ascii_digit_value (trimmed[5]) * 10 + g_ascii_digit_value (trimmed[6]);
      *day = g_ascii_digit_value (trimmed[8]) * 10 + g_ascii_digit_value (trimmed[9]);
      return TRUE;
    }

  if (sscanf (trimmed, "%d年%d月%d日%c", &a, &b, &c, &tail) == 3)
    {
      *year = a; *month = b; *day = c;
    }
  else if (sscanf (trimmed, "%d%n%c%d%c%d%c", &a, &a_digits, &sep1, &b, &sep2, &c, &tail) == 5
           && sep1 == sep2 && strchr ("-/.", sep1) != NULL)
    {
      /* A year comes first when written with four digits: 0596-01-01 is
       * how Koldex itself writes the year 596 (年 dates take any year),
       * and must read back. */
      if (a >= 1000 || (a_digits >= 4 && g_ascii_isdigit (trimmed[0])))
        { *year = a; *month = b; *day = c; }
      else if (c >= 1000 && sep1 == '.')
        { *year = c; *month = b; *day = a; }
      else
        return FALSE;
    }
  else
    return FALSE;
  return TRUE;
}

/* @value (0 ≤ value < 10^@width) as @width digits, zeros in front, at
 * @out; returns the end. printf's "%04d" did the same at several times
 * the cost, twice for every date cell of an import (issue 16). */
static char *
put_digits (char *out,
            int   value,
            int   width)
{
  for (int i = width - 1; i >= 0; i--, value /= 10)
    out[i] = (char) ('0' + value % 10);
  return out + width;
}

/* Returns the ISO form, or NULL. */
char *
kdx_value_parse_date (const char *text)
{
  int year, month, day;
  char *iso, *out;

  if (!date_parts (text, &year, &month, &day))
    return NULL;
  if (year < 1 || year > 9999 || !g_date_valid_dmy (day, month, year))
    return NULL;

  /* "%04d-%02d-%02d" */
  out = iso = g_malloc (11);
  out = put_digits (out, year, 4);
  *out++ = '-';
  out = put_digits (out, month, 2);
  *out++ = '-';
  out = put_digits (out, day, 2);
  *out = '\0';
  return iso;
}

/* Why text written as a date is not one ("February 1990 has no day 30"),
 * or NULL when it is a date, or is not written like one at all: then
 * "write it as YYYY-MM-DD" is the help, and the caller gives it. */
char *
kdx_value_explain_date (const char *text)
{
  g_autoptr(GDateTime) first = NULL;
  g_autofree char *month_name = NULL;
  int year, month, day;

  if (!date_parts (text, &year, &month, &day))
    return NULL;
  if (year < 1 || year > 9999)
    return g_strdup_printf (_("there is no year %d"), year);
  if (month < 1 || month > 12)
    return g_strdup_printf (_("there is no month %d"), month);
  if (g_date_valid_dmy (day, month, year))
    return NULL;
  first = g_date_time_new_utc (year, month, 1, 0, 0, 0);
  /* Translators: a month and its year, in g_date_time_format() codes:
   * "February 1990"; in Chinese "%Y年%-m月" */
  month_name = g_date_time_format (first, _("%B %Y"));
  /* Translators: "February 1990 has no day 30" */
  return g_strdup_printf (_("%s has no day %d"), month_name, day);
}

char *
kdx_value_format_datetime (GDateTime *datetime)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (datetime);

  /* Not g_date_time_format's %Y: it writes the year 596 with three
   * digits, which ISO 8601 (and kdx_value_parse_datetime) refuses. */
  char *text, *out;

  /* "%04d-%02d-%02dT%02d:%02d:%02dZ"; a GDateTime's year is 1 to 9999 */
  out = text = g_malloc (21);
  out = put_digits (out, g_date_time_get_year (utc), 4);
  *out++ = '-';
  out = put_digits (out, g_date_time_get_month (utc), 2);
  *out++ = '-';
  out = put_digits (out, g_date_time_get_day_of_month (utc), 2);
  *out++ = 'T';
  out = put_digits (out, g_date_time_get_hour (utc), 2);
  *out++ = ':';
  out = put_digits (out, g_date_time_get_minute (utc), 2);
  *out++ = ':';
  out = put_digits (out, g_date_time_get_second (utc), 2);
  *out++ = 'Z';
  *out = '\0';
  return text;
}

char *
kdx_value_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return kdx_value_format_datetime (now);
}

/* A time that says its zone (every time Koldex writes: "…Z") is read
 * without the local zone: g_time_zone_new_local() looks at the zone file
 * on every call, 7 % of a Koldex XML import (issue 16). One without a
 * zone is local time. */
static GDateTime *
parse_iso8601 (const char *text)
{
  g_autoptr(GTimeZone) local = NULL;
  GDateTime *parsed = g_date_time_new_from_iso8601 (text, NULL);

  if (parsed != NULL)
    return parsed;
  local = g_time_zone_new_local ();
  return g_date_time_new_from_iso8601 (text, local);
}

/* Whether @text is a valid date-time exactly as Koldex writes one,
 * "2024-03-01T10:00:00Z", which parses and formats back to itself. */
static gboolean
is_canonical_datetime (const char *text)
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";
  int year, month, day;

  for (guint i = 0; i < sizeof pattern - 1; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
      return FALSE;
  if (text[sizeof pattern - 1] != '\0')
    return FALSE;

  year = atoi (text);
  month = atoi (text + 5);
  day = atoi (text + 8);
  return year >= 1 && g_date_valid_dmy (day, month, year)
      && atoi (text + 11) < 24 && atoi (text + 14) < 60 && atoi (text + 17) < 60;
}

/* ISO 8601 date-times, stored in UTC. A time without a zone is local time,
 * as the person typing it meant; a bare date is local midnight. */
char *
kdx_value_parse_datetime (const char *text)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *date = NULL;
  g_autoptr(GDateTime) parsed = NULL;

  if (text == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (text));

  /* Every time in a Koldex XML file: no GDateTime made and formatted
   * back for it (a tenth of an XML import, issue 16). */
  if (is_canonical_datetime (trimmed))
    return g_steal_pointer (&trimmed);

  date = kdx_value_parse_date (trimmed);
  if (date != NULL)
    {
      g_autofree char *midnight = g_strconcat (date, "T00:00:00", NULL);
      parsed = parse_iso8601 (midnight);
    }
  else
    {
      /* "2024-03-01 10:00" is as common as the T form. */
      g_autofree char *full = NULL;

      if (strlen (trimmed) > 10 && trimmed[10] == ' ')
        trimmed[10] = 'T';
      /* GLib wants seconds; "10:00" is how people write ten o'clock. */
      if (strlen (trimmed) == 16 && trimmed[10] == 'T' && trimmed[13] == ':')
        full = g_strconcat (trimmed, ":00", NULL);
      parsed = parse_iso8601 (full != NULL ? full : trimmed);
    }

  if (parsed == NULL)
    return NULL;

  return kdx_value_format_datetime (parsed);
}

/* Decimals stay text so money is exact: "12000", "12000.50", "1,200.5". */
char *
kdx_value_parse_decimal (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *trimmed = NULL;
  gboolean seen_point = FALSE;
  guint n_digits = 0;

  if (text == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (text));

  for (const char *p = trimmed; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (out, *p);
          n_digits++;
        }
      else if (*p == '.' && !seen_point && n_digits > 0)
        {
          g_string_append_c (out, '.');
          seen_point = TRUE;
        }
      else if (*p == ',' && !seen_point && n_digits > 0)
        continue;
      else
        return NULL;
    }

  if (n_digits == 0 || out->str[out->len - 1] == '.' || n_digits > 30)
    return NULL;

  /* Leading zeros say nothing: "007" is 7. */
  while (out->len > 1 && out->str[0] == '0' && out->str[1] != '.')
    g_string_erase (out, 0, 1);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * kdx_value_scale_decimal:
 *
 * A plain amount times 10^@exponent, worked on the digits so nothing is
 * lost to floating point: "12.5" and 4 give "125000", "1.23456" and 4
 * give "12345.6". For a column headed 粉丝数（万）.
 *
 * Returns: (nullable): the scaled amount, or NULL when @text is not a
 *   plain amount (it may carry a unit of its own, such as 12.5万)
 */
char *
kdx_value_scale_decimal (const char *text,
                         guint       exponent)
{
  g_autofree char *plain = kdx_value_parse_decimal (text);
  g_autoptr(GString) out = NULL;
  const char *point;
  const char *fraction = "";

  if (plain == NULL)
    return NULL;

  point = strchr (plain, '.');
  out = g_string_new_len (plain, point != NULL ? point - plain : -1);
  if (point != NULL)
    fraction = point + 1;

  for (guint i = 0; i < exponent; i++)
    g_string_append_c (out, *fraction != '\0' ? *fraction++ : '0');
  if (*fraction != '\0')
    g_string_append_printf (out, ".%s", fraction);

  while (out->len > 1 && out->str[0] == '0' && out->str[1] != '.')
    g_string_erase (out, 0, 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
kdx_value_parse_bool (const char *text,
                      gboolean   *value)
{
  static const char *const yes[] = { "true", "yes", "y", "1", "是", "对", "對", "有", NULL };
  static const char *const no[] = { "false", "no", "n", "0", "否", "不", "无", "無", NULL };
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;

  folded = g_strstrip (g_utf8_casefold (text, -1));

  if (g_strv_contains (yes, folded))
    *value = TRUE;
  else if (g_strv_contains (no, folded))
    *value = FALSE;
  else
    return FALSE;

  return TRUE;
}

/* Phone numbers keep their digits and a leading +; spaces, dashes, dots
 * and brackets are how people group digits and carry nothing. */
char *
kdx_value_normalize_phone (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *trimmed = NULL;

  if (text == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (text));

  for (const char *p = trimmed; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (out, *p);
      else if (*p == '+' && out->len == 0 && p == trimmed)
        g_string_append_c (out, '+');
      else if (strchr (" -.()/", *p) == NULL)
        return NULL;
    }

  if (out->len - (out->str[0] == '+') < 3 || out->len > 20)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
kdx_value_is_email (const char *text)
{
  const char *at;
  const char *dot;

  if (text == NULL || *text == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>')
      return FALSE;

  at = strchr (text, '@');
  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    return FALSE;

  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

/* The apostrophes a value begins with are counted as its own: "'=1"
 * exported becomes "''=1" and reads back as "'=1", so the guard is
 * exact for every value, and a foreign file's "'abc" is left alone. */
gboolean
kdx_value_csv_needs_guard (const char *text)
{
  if (text == NULL)
    return FALSE;
  text += strspn (text, "'");
  return *text != '\0' && strchr ("=+-@\t\r", *text) != NULL;
}

/* Names the bad byte and shows the text before it, which is valid, so
 * the user can find the place in a long note. */
gboolean
kdx_value_check_utf8 (const char  *name,
                      const char  *text,
                      GError     **error)
{
  const char *bad = NULL;
  g_autofree char *before = NULL;

  if (text == NULL || g_utf8_validate (text, -1, &bad))
    return TRUE;

  before = g_strndup (text, bad - text);
  if (*before != '\0')
    g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                 /* Translators: a field name, a byte in hex, the text before it */
                 _("%s: the text is not valid UTF-8 (byte 0x%02X after “%s”)"),
                 name, (guchar) *bad, before);
  else
    g_set_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE,
                 /* Translators: a field name, then a byte in hex */
                 _("%s: the text is not valid UTF-8 (byte 0x%02X at its start)"),
                 name, (guchar) *bad);
  return FALSE;
}

/* An exact count with its digits grouped by three: 100,000. Grouped the
 * same in every language Koldex speaks, and unambiguous on paper. */
char *
kdx_value_format_int (gint64 value)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                             value < 0 ? -(guint64) value : (guint64) value);
  g_autoptr(GString) out = g_string_new (value < 0 ? "-" : "");
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Chinese counts in 万 and 亿 wherever the user reads Chinese; K and M
 * everywhere else. */
KdxCountStyle
kdx_value_count_style_for_locale (void)
{
  const char *const *languages = g_get_language_names ();

  if (languages[0] != NULL && g_str_has_prefix (languages[0], "zh"))
    return KDX_COUNT_STYLE_CHINESE;
  return KDX_COUNT_STYLE_WESTERN;
}

/* One decimal below 100 of a unit, none above: 12.5万, 125万, 1.2M, 125K. */
static char *
format_in_unit (gint64      value,
                gint64      unit,
                const char *suffix)
{
  /* Whole units and the remainder apart, so no product overflows even at
   * G_MAXINT64 (value * 10 once printed "-844674407.-3B"). */
  gint64 tenths = value / unit * 10 + ((value % unit) * 10 + unit / 2) / unit;

  if (tenths >= 1000 || tenths % 10 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "%s", (tenths + 5) / 10, suffix);
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%d%s", tenths / 10, (int) (tenths % 10), suffix);
}

/* A follower count as people write it in a list: short and approximate. */
char *
kdx_value_format_count (gint64        value,
                        KdxCountStyle style)
{
  if (value < 0)
    value = 0;

  if (style == KDX_COUNT_STYLE_CHINESE)
    {
      if (value >= 100000000)
        return format_in_unit (value, 100000000, "亿");
      if (value >= 10000)
        return format_in_unit (value, 10000, "万");
      return g_strdup_printf ("%" G_GINT64_FORMAT, value);
    }

  if (value >= 1000000000)
    return format_in_unit (value, 1000000000, "B");
  if (value >= 1000000)
    return format_in_unit (value, 1000000, "M");
  if (value >= 1000)
    return format_in_unit (value, 1000, "K");
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}
