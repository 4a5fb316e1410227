/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-fast-paths"

#include "config.h"

#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-value.h"

/* Issue 16's shortcuts for values as Koldex writes them must give what
 * the general way gives: a date-time already in Koldex's form is taken
 * as it is; a platform or enum value written as stored is found before
 * any label is folded. */

/* The general way: GLib reads it, Koldex writes it back in UTC. */
static char *
through_gdatetime (const char *text)
{
  g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (text, NULL);

  return parsed != NULL ? kdx_value_format_datetime (parsed) : NULL;
}

static void
test_canonical_datetimes (void)
{
  static const char *const texts[] = {
    "2024-03-01T10:00:00Z", "2024-02-29T23:59:59Z", "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z", "2026-11-29T00:00:00Z",
    /* Not valid: left to GLib, which refuses them as before. */
    "2023-02-29T10:00:00Z", "2024-13-01T10:00:00Z", "2024-00-10T10:00:00Z",
    "2024-04-31T10:00:00Z", "0000-01-01T00:00:00Z", "2024-03-01T24:00:00Z",
    "2024-03-01T10:60:00Z", "2024-03-01T10:00:60Z",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *fast = kdx_value_parse_datetime (texts[i]);
      g_autofree char *general = through_gdatetime (texts[i]);

      g_test_message ("%s", texts[i]);
      g_assert_cmpstr (fast, ==, general);
    }
  /* Spaces around, as a cell or an element may have them. */
  {
    g_autofree char *spaced = kdx_value_parse_datetime ("  2024-03-01T10:00:00Z\n");
    g_assert_cmpstr (spaced, ==, "2024-03-01T10:00:00Z");
  }
}

/* No platform's label or alias is another platform's value, which the
 * shortcut in kdx_platform_normalize() relies on. */
static void
test_platform_values (void)
{
  const char *const *values = kdx_platform_known_values ();

  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *upper = g_ascii_strup (values[i], -1);

      g_assert_cmpstr (kdx_platform_normalize (values[i]), ==, values[i]);
      g_assert_cmpstr (kdx_platform_normalize (upper), ==, values[i]);
      g_assert_cmpstr (kdx_platform_normalize (kdx_platform_get_label (values[i])), ==, values[i]);
    }
}

/* No enum label names another value of its type (the mapper's
 * shortcut relies on it); a translated label is Chinese, never a nick. */
static void
test_enum_labels (void)
{
  const GType types[] = {
    KDX_TYPE_GENDER, KDX_TYPE_TIER, KDX_TYPE_FANS_PORTABLE, KDX_TYPE_SOURCE,
    KDX_TYPE_PURPOSE, KDX_TYPE_PLAN, KDX_TYPE_STAGE,
  };

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (types[t]);

      for (guint i = 0; i < klass->n_values; i++)
        for (guint j = 0; j < klass->n_values; j++)
          {
            g_autofree char *label = g_utf8_casefold (kdx_enum_get_label (types[t], klass->values[i].value), -1);

            if (i != j)
              g_assert_cmpstr (label, !=, klass->values[j].value_nick);
          }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/fast-paths/canonical-datetimes", test_canonical_datetimes);
  g_test_add_func ("/import/fast-paths/platform-values", test_platform_values);
  g_test_add_func ("/import/fast-paths/enum-labels", test_enum_labels);

  return g_test_run ();
}
