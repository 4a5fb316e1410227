/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-conditions"

#include "config.h"

#include <string.h>

#include "kdx-channel.h"
#include "kdx-condition.h"
#include "kdx-error.h"
#include "kdx-event.h"
#include "kdx-kol-columns.h"
#include "kdx-stage-entry.h"
#include "kdx-test-util.h"

/* Any field as a filter (issue 17, item 3): every operator on every type
 * against four files whose expected ids are written down below, combined
 * with the old filters and the search; and every column sorts in SQL. */

#define TODAY "2025-06-15"

static void
set (gpointer    record,
     const char *field,
     const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kdx_record_set_from_string (KDX_RECORD (record), field, text, &error));
  g_assert_no_error (error);
}

static void
add_event (KdxKol     *kol,
           const char *kind,
           const char *at)
{
  g_autoptr(KdxEvent) event = kdx_event_new ();

  set (event, "kind", kind);
  set (event, "at", at);
  g_list_store_append (kdx_kol_get_events (kol), event);
}

static void
add_channel (KdxKol     *kol,
             const char *platform)
{
  g_autoptr(KdxChannel) channel = kdx_channel_new ();

  set (channel, "platform", platform);
  g_list_store_append (kdx_kol_get_channels (kol), channel);
}

/* Dates the KOL's stage, so days_in_stage is known on TODAY. */
static void
stage_since (KdxKol     *kol,
             const char *stage,
             const char *at)
{
  g_autoptr(KdxStageEntry) entry = kdx_stage_entry_new ();

  set (kol, "stage", stage);
  set (entry, "stage", stage);
  set (entry, "at", at);
  g_list_store_append (kdx_kol_get_stage_history (kol), entry);
}

/* The fixture, ids 1 to 4 in this order:
 *
 *        name  city  tier     stage        since   fol.    fit src       excl tags        owner fee      follow-up  last contact       ch
 *   1    小美  上海  head     negotiating  05-16   125000  5   internal  yes  美妆,护肤   Lin   12000.50 06-18      06-01 (message)    2
 *   2    阿杰  北京  waist    candidate    06-10   3000    4   internal  no   科技        -     -        06-10      -                  0
 *   3    Anna  -     tail     growing      01-01   45000   2   external  no   美妆个护    Lin   800      -          04-01 (a note 06-14) 0
 *   4    老王  上海市 unrated negotiating  06-15   0       0   unset     no   -           Zhao  99       07-30      -                  1
 */
static void
add_fixture (KdxTestFolder *fixture)
{
  g_autoptr(KdxKol) mei = kdx_kol_new ();
  g_autoptr(KdxKol) jie = kdx_kol_new ();
  g_autoptr(KdxKol) anna = kdx_kol_new ();
  g_autoptr(KdxKol) wang = kdx_kol_new ();
  KdxKol *stored[4];

  set (mei, "display_name", "小美");
  set (mei, "city", "上海");
  set (mei, "tier", "head");
  stage_since (mei, "negotiating", "2025-05-16T09:00:00Z");
  set (mei, "followers", "12.5万");
  set (mei, "fit_score", "5");
  set (mei, "source", "internal");
  set (mei, "exclusive", "true");
  set (mei, "tags", "美妆, 护肤");
  set (mei, "owner", "Lin");
  set (mei, "fee", "12000.50");
  set (mei, "next_follow_up", "2025-06-18");
  add_event (mei, "message", "2025-06-01T10:00:00Z");
  add_channel (mei, "weibo");
  add_channel (mei, "xiaohongshu");

  set (jie, "display_name", "阿杰");
  set (jie, "city", "北京");
  set (jie, "tier", "waist");
  stage_since (jie, "candidate", "2025-06-10T09:00:00Z");
  set (jie, "followers", "3000");
  set (jie, "fit_score", "4");
  set (jie, "source", "internal");
  set (jie, "tags", "科技");
  set (jie, "next_follow_up", "2025-06-10");

  set (anna, "display_name", "Anna");
  set (anna, "tier", "tail");
  stage_since (anna, "growing", "2025-01-01T09:00:00Z");
  set (anna, "followers", "45k");
  set (anna, "fit_score", "2");
  set (anna, "source", "external");
  set (anna, "tags", "美妆个护");
  set (anna, "owner", "Lin");
  set (anna, "fee", "800");
  add_event (anna, "outreach", "2025-04-01T08:00:00Z");
  add_event (anna, "note", "2025-06-14T08:00:00Z");

  set (wang, "display_name", "老王");
  set (wang, "city", "上海市");
  stage_since (wang, "negotiating", "2025-06-15T01:00:00Z");
  set (wang, "owner", "Zhao");
  set (wang, "fee", "99");
  set (wang, "next_follow_up", "2025-07-30");
  add_channel (wang, "bilibili");

  stored[0] = kdx_test_add_kol (fixture, mei);
  stored[1] = kdx_test_add_kol (fixture, jie);
  stored[2] = kdx_test_add_kol (fixture, anna);
  stored[3] = kdx_test_add_kol (fixture, wang);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpint (kdx_kol_get_id (stored[i]), ==, i + 1);
      g_object_unref (stored[i]);
    }
}

/* The ids @query selects, as "1,3". */
static char *
ids_text (KdxStore    *store,
          KdxKolQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = kdx_store_query_ids (store, query, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (ids, gint64, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Which KOLs the condition @text selects on TODAY. */
static char *
select_where (KdxStore   *store,
              const char *text)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  g_autoptr(GError) error = NULL;
  KdxCondition *condition = kdx_condition_parse (text, &error);

  g_assert_no_error (error);
  kdx_kol_query_add_condition (query, condition);
  kdx_kol_query_set_today (query, TODAY);
  return ids_text (store, query);
}

typedef struct
{
  const char *condition;
  const char *ids;
} Expected;

static const Expected expected[] = {
  /* text */
  { "city=上海", "1" },
  { "city!=上海", "2,3,4" },          /* "is not" includes the empty */
  { "city~上海", "1,4" },
  { "city~ai", "" },
  { "city=", "3" },
  { "city!=", "1,2,4" },
  { "city empty", "3" },
  { "city !empty", "1,2,4" },
  { "display_name~ANNA", "3" },      /* contains ignores ASCII case */
  /* int, written as people write counts */
  { "fit_score=4", "2" },
  { "fit_score!=4", "1,3,4" },
  { "fit_score>=4", "1,2" },
  { "fit_score<=2", "3,4" },
  { "followers>=12.5万", "1" },
  { "followers>=45k", "1,3" },
  { "followers<=3000", "2,4" },
  /* enum */
  { "tier=head", "1" },
  { "tier!=head", "2,3,4" },
  { "tier=", "4" },                  /* unrated */
  { "tier!=", "1,2,3" },
  { "source=internal", "1,2" },
  { "source=", "4" },                /* unset */
  { "stage=negotiating", "1,4" },
  { "stage!=negotiating", "2,3" },
  /* bool */
  { "exclusive=true", "1" },
  { "exclusive=no", "2,3,4" },
  { "exclusive!=true", "2,3,4" },
  /* date, absolute and relative to TODAY */
  { "next_follow_up=2025-06-18", "1" },
  { "next_follow_up=2025/6/18", "1" },
  { "next_follow_up!=2025-06-18", "2,3,4" },
  { "next_follow_up<today", "2" },
  { "next_follow_up>today", "1,4" },
  { "next_follow_up>=2025-06-18", "1,4" },
  { "next_follow_up<=+7d", "1,2" },
  { "next_follow_up within 7", "1,2" },
  { "next_follow_up within 2", "" },
  { "next_follow_up !within 7", "3,4" }, /* no date is not within */
  { "next_follow_up=", "3" },
  { "next_follow_up!=", "1,2,4" },
  /* datetime (derived): contact, notes not counted */
  { "last_contact within 30", "1" },
  { "last_contact !within 30", "2,3,4" },
  { "last_contact<-30d", "3" },
  { "last_contact>=2025-06-01", "1" },
  { "last_contact=", "2,4" },
  /* list */
  { "tags=美妆", "1" },
  { "tags!=美妆", "2,3,4" },
  { "tags~美妆", "1,3" },
  { "tags=", "4" },
  { "tags!=", "1,2,3" },
  /* decimal, compared as numbers (12000.50 > 800 > 99) */
  { "fee>=800", "1,3" },
  { "fee<=800", "3,4" },
  { "fee=800.00", "3" },
  { "fee=", "2" },
  /* int, derived */
  { "channel_count>=1", "1,4" },
  { "channel_count=0", "2,3" },
  { "channel_count=2", "1" },
  { "days_in_stage>=30", "1,3" },
  { "days_in_stage<=5", "2,4" },
  { "days_in_stage=0", "4" },
};

static void
test_every_operator (KdxTestFolder *fixture,
                     gconstpointer  data)
{
  add_fixture (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *ids = select_where (fixture->store, expected[i].condition);

      g_test_message ("%s → %s", expected[i].condition, ids);
      g_assert_cmpstr (ids, ==, expected[i].ids);
    }
}

/* Conditions AND with each other, the old filters and the search. */
static void
test_combined (KdxTestFolder *fixture,
               gconstpointer  data)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  g_autofree char *both = NULL;
  g_autofree char *with_filters = NULL;
  g_autofree char *with_search = NULL;

  add_fixture (fixture);
  kdx_kol_query_set_today (query, TODAY);
  kdx_kol_query_add_condition (query, kdx_condition_parse ("source=internal", NULL));
  kdx_kol_query_add_condition (query, kdx_condition_parse ("fit_score>=4", NULL));
  both = ids_text (fixture->store, query);
  g_assert_cmpstr (both, ==, "1,2");

  query->tiers = 1u << KDX_TIER_HEAD;
  with_filters = ids_text (fixture->store, query);
  g_assert_cmpstr (with_filters, ==, "1");

  query->tiers = 0;
  kdx_kol_query_clear_conditions (query);
  kdx_kol_query_add_condition (query, kdx_condition_parse ("owner=Lin", NULL));
  kdx_kol_query_set_search (query, "美妆");
  with_search = ids_text (fixture->store, query);
  g_assert_cmpstr (with_search, ==, "1,3");
}

typedef struct
{
  const char *text;
  int         code;
  const char *says; /* the message names this */
} BadCondition;

static const BadCondition bad_conditions[] = {
  { "fans=5", KDX_ERROR_UNKNOWN_FIELD, "fans" },
  { "fit_score>=9", KDX_ERROR_INVALID_VALUE, "“9”" },
  { "fit_score>=9", KDX_ERROR_INVALID_VALUE, "fit_score" },
  { "tier=vip", KDX_ERROR_INVALID_VALUE, "head" },
  { "followers>=12.5x", KDX_ERROR_INVALID_VALUE, "12.5x" },
  { "next_follow_up<2025-02-30", KDX_ERROR_INVALID_VALUE, "2025-02-30" },
  { "next_follow_up within soon", KDX_ERROR_INVALID_VALUE, "soon" },
  { "city>=上海", KDX_ERROR_INVALID_VALUE, "does not apply" },
  { "exclusive~yes", KDX_ERROR_INVALID_VALUE, "exclusive" },
  { "fit_score=", KDX_ERROR_INVALID_VALUE, "fit_score" },
  { "city empty 上海", KDX_ERROR_INVALID_VALUE, "上海" },
  { "avatar=", KDX_ERROR_UNKNOWN_FIELD, "avatar" },
  { "tier", KDX_ERROR_INVALID_VALUE, "FIELD OP VALUE" },
  { "=head", KDX_ERROR_INVALID_VALUE, "FIELD OP VALUE" },
};

static void
test_errors_name_what (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_conditions); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KdxCondition) condition = kdx_condition_parse (bad_conditions[i].text, &error);

      g_test_message ("%s: %s", bad_conditions[i].text, error != NULL ? error->message : "(no error)");
      g_assert_null (condition);
      g_assert_error (error, KDX_ERROR, bad_conditions[i].code);
      kdx_test_assert_has (error->message, bad_conditions[i].says);
    }
}

/* The text form reads back to the same condition; relative dates stay
 * relative; the description is for people. */
static void
test_text_form (void)
{
  static const char *const texts[] = {
    "tier=head", "owner=", "owner!=", "tags~美妆", "fit_score>=4", "next_follow_up<=+7d",
    "last_contact !within 30", "next_follow_up within 7", "birthday>2000-01-01", "exclusive=true",
    "fee<=99.5",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(KdxCondition) condition = kdx_condition_parse (texts[i], NULL);
      g_autofree char *text = kdx_condition_to_string (condition);
      g_autoptr(KdxCondition) again = kdx_condition_parse (text, NULL);

      g_assert_cmpstr (text, ==, texts[i]);
      g_assert_true (kdx_condition_equal (condition, again));
    }

  {
    g_autoptr(KdxCondition) spaced = kdx_condition_parse (" tier = head ", NULL);
    g_autoptr(KdxCondition) tier = kdx_condition_new ("tier", KDX_CONDITION_IS, "head", NULL);
    g_autofree char *described = kdx_condition_describe (tier);
    g_autoptr(KdxCondition) within = kdx_condition_parse ("next_follow_up within 7", NULL);
    g_autofree char *described_within = kdx_condition_describe (within);

    g_assert_true (kdx_condition_equal (spaced, tier));
    g_assert_cmpstr (described, ==, "Tier is Head");
    g_assert_cmpstr (described_within, ==, "Next follow-up within 7 days");
    g_assert_cmpstr (kdx_condition_get_value (tier), ==, "head");
  }

  g_assert_false (kdx_condition_op_applies (kdx_kol_column_find ("fit_score"), KDX_CONDITION_CONTAINS));
  g_assert_true (kdx_condition_op_applies (kdx_kol_column_find ("last_contact"), KDX_CONDITION_WITHIN_DAYS));
  g_assert_false (kdx_condition_op_applies (kdx_kol_column_find ("stage"), KDX_CONDITION_EMPTY));
}

/* The order of two values of @column, as the store should sort them:
 * numbers and enums by value, decimals as numbers, text byte by byte. */
static int
compare_values (const KdxField *column,
                const GValue   *a,
                const GValue   *b)
{
  if (G_VALUE_HOLDS_INT64 (a))
    return (g_value_get_int64 (a) > g_value_get_int64 (b)) - (g_value_get_int64 (a) < g_value_get_int64 (b));
  if (G_VALUE_HOLDS_BOOLEAN (a))
    return g_value_get_boolean (a) - g_value_get_boolean (b);
  if (G_VALUE_HOLDS_ENUM (a))
    return g_value_get_enum (a) - g_value_get_enum (b);
  if (column->type == KDX_FIELD_DECIMAL)
    {
      double x = g_ascii_strtod (g_value_get_string (a), NULL);
      double y = g_ascii_strtod (g_value_get_string (b), NULL);
      return (x > y) - (x < y);
    }
  return strcmp (g_value_get_string (a), g_value_get_string (b));
}

static gboolean
is_empty (const GValue *value)
{
  return G_VALUE_HOLDS_STRING (value) && g_value_get_string (value) == NULL;
}

/* Every column that sorts, both ways: the rows come in the column's
 * order, empty values last, ties by id. */
static void
test_sort_every_column (KdxTestFolder *fixture,
                        gconstpointer  data)
{
  guint n_columns;
  const KdxField *const *columns = kdx_kol_column_list (&n_columns);

  add_fixture (fixture);
  for (guint i = 0; i < n_columns; i++)
    for (int descending = 0; descending <= 1; descending++)
      {
        g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
        g_autoptr(GPtrArray) rows = NULL;
        g_autoptr(GError) error = NULL;
        const char *names[] = { columns[i]->name, NULL };

        if (!kdx_kol_column_can_sort (columns[i]))
          {
            g_assert_cmpint (columns[i]->type, ==, KDX_FIELD_TAGS);
            continue;
          }
        kdx_kol_query_set_today (query, TODAY);
        kdx_kol_query_add_sort (query, columns[i]->name, descending);
        rows = kdx_store_query_rows (fixture->store, query, names, 0, 0, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (rows->len, ==, 4);
        for (guint r = 1; r < rows->len; r++)
          {
            KdxKolRow *prev = g_ptr_array_index (rows, r - 1);
            KdxKolRow *row = g_ptr_array_index (rows, r);
            int order;

            if (is_empty (&prev->values[0]) || is_empty (&row->values[0]))
              {
                g_assert_true (is_empty (&row->values[0])); /* the empty ones come last */
                if (is_empty (&prev->values[0]))
                  g_assert_cmpint (prev->id, <, row->id);
                continue;
              }
            order = compare_values (columns[i], &prev->values[0], &row->values[0]);
            if (descending)
              order = -order;
            g_test_message ("%s%s: %" G_GINT64_FORMAT " then %" G_GINT64_FORMAT,
                            descending ? "-" : "", columns[i]->name, prev->id, row->id);
            g_assert_cmpint (order, <=, 0);
            if (order == 0)
              g_assert_cmpint (prev->id, <, row->id);
          }
      }
}

/* Several keys: the second orders within the first; ties end by id. */
static void
test_several_keys (KdxTestFolder *fixture,
                   gconstpointer  data)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) texts = NULL;
  g_autofree char *by_owner_fit = NULL;
  g_autofree char *by_stage = NULL;

  add_fixture (fixture);
  g_assert_true (kdx_kol_query_add_sort_text (query, "owner", &error));
  g_assert_true (kdx_kol_query_add_sort_text (query, "-fit_score", &error));
  g_assert_no_error (error);
  by_owner_fit = ids_text (fixture->store, query);
  g_assert_cmpstr (by_owner_fit, ==, "1,3,4,2"); /* Lin (5, 2), Zhao, then no owner */

  texts = kdx_kol_query_get_sort_texts (query);
  g_assert_cmpstrv (texts, ((const char *[]) { "owner", "-fit_score", NULL }));

  /* Stages in the lifecycle's order, not alphabetically; ties by id. */
  kdx_kol_query_set_sort (query, "stage", FALSE);
  by_stage = ids_text (fixture->store, query);
  g_assert_cmpstr (by_stage, ==, "2,1,4,3");

  g_assert_false (kdx_kol_query_add_sort_text (query, "tags", &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (kdx_kol_query_add_sort_text (query, "-fans", &error));
  g_assert_error (error, KDX_ERROR, KDX_ERROR_UNKNOWN_FIELD);
  kdx_test_assert_has (error->message, "fans");
}

/* Columns come typed, a range at a time, without reading a file whole. */
static void
test_read_columns (KdxTestFolder *fixture,
                   gconstpointer  data)
{
  g_autoptr(KdxKolQuery) query = kdx_kol_query_new ();
  const char *names[] = { "display_name", "tier", "tags", "followers", "exclusive", "last_contact",
                          "days_in_stage", "channel_count", "fee", NULL };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n_read;
  KdxKolRow *row;

  add_fixture (fixture);
  n_read = kdx_store_get_n_kols_read (fixture->store);
  kdx_kol_query_set_today (query, TODAY);
  kdx_kol_query_set_sort (query, "followers", TRUE);
  rows = kdx_store_query_rows (fixture->store, query, names, 1, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpuint (kdx_store_get_n_kols_read (fixture->store), ==, n_read);

  row = g_ptr_array_index (rows, 0); /* Anna, 45000: the second by followers */
  g_assert_cmpint (row->id, ==, 3);
  g_assert_cmpuint (row->n_values, ==, 9);
  g_assert_cmpstr (g_value_get_string (&row->values[0]), ==, "Anna");
  g_assert_cmpint (g_value_get_enum (&row->values[1]), ==, KDX_TIER_TAIL);
  g_assert_cmpstrv (g_value_get_boxed (&row->values[2]), ((const char *[]) { "美妆个护", NULL }));
  g_assert_cmpint (g_value_get_int64 (&row->values[3]), ==, 45000);
  g_assert_false (g_value_get_boolean (&row->values[4]));
  g_assert_cmpstr (g_value_get_string (&row->values[5]), ==, "2025-04-01T08:00:00Z");
  g_assert_cmpint (g_value_get_int64 (&row->values[6]), ==, 165);
  g_assert_cmpint (g_value_get_int64 (&row->values[7]), ==, 0);
  {
    g_autofree char *fee = kdx_kol_row_to_string (row, kdx_kol_column_find ("fee"), 8);
    g_autofree char *tier = kdx_kol_row_to_string (row, kdx_kol_column_find ("tier"), 1);
    g_assert_cmpstr (fee, ==, "800");
    g_assert_cmpstr (tier, ==, "tail");
  }
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpint (row->id, ==, 2);
  g_assert_cmpstrv (g_value_get_boxed (&row->values[2]), ((const char *[]) { "科技", NULL }));

  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = kdx_store_query_rows (fixture->store, query, (const char *[]) { "display_name", "bogus", NULL },
                               0, 0, &error);
  g_assert_null (rows);
  g_assert_error (error, KDX_ERROR, KDX_ERROR_UNKNOWN_FIELD);
  kdx_test_assert_has (error->message, "bogus");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/conditions/every-operator", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_every_operator, kdx_test_folder_tear_down);
  g_test_add ("/conditions/combined", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_combined, kdx_test_folder_tear_down);
  g_test_add_func ("/conditions/errors-name-what", test_errors_name_what);
  g_test_add_func ("/conditions/text-form", test_text_form);
  g_test_add ("/conditions/sort/every-column", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_sort_every_column, kdx_test_folder_tear_down);
  g_test_add ("/conditions/sort/several-keys", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_several_keys, kdx_test_folder_tear_down);
  g_test_add ("/conditions/read-columns", KdxTestFolder, NULL,
              kdx_test_folder_set_up, test_read_columns, kdx_test_folder_tear_down);

  return g_test_run ();
}
