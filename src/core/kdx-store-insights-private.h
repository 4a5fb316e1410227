/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the Insights files of the store, and by nothing else:
 *   kdx-store-insights.c         the sections and the drill-down
 *   kdx-store-insights-bounds.c  a period and a filter bound to a query
 *   kdx-store-insights-funnel.c  the funnel, counted in one pass
 *   kdx-store-insights-parts.c   a refresh in parts of the KOLs, in threads
 *   kdx-store-insights-tally.c   bars tallied KOL by KOL beside their events
 *   kdx-store-insights-digest.c  every section KOL by KOL from their digests (SQLite) */

#include "kdx-insights-private.h"
#include "kdx-store-private.h"

G_BEGIN_DECLS

/* The filter of KdxInsightsFilter, on the KOL row k. (Cast: PostgreSQL
 * cannot tell a parameter's type from "IS NULL" alone.) */
#define FILTER \
  " AND (CAST (:owner AS TEXT) IS NULL OR k.owner = :owner)" \
  " AND (CAST (:tier AS TEXT) IS NULL OR k.tier = :tier)" \
  " AND (CAST (:category AS TEXT) IS NULL OR k.category = :category)" \
  " AND (CAST (:source AS TEXT) IS NULL OR k.source = :source)"

/* A UTC time inside the period (its local midnights). An open start is
 * bound as "" (before every time), not NULL, so both bounds can use an
 * index on the time. */
#define IN_PERIOD(column) \
  " AND " column " >= :from AND " column " < :to"

/* A KOL id inside the part of the KOLs a query counts (:lo to :hi; every
 * KOL unless the refresh is split in parts, kdx-store-insights-parts.c).
 * On the driving table's id, so each part reads only its range of the
 * indexes, which all begin with (or lead to) the KOL id. */
#define IN_PART(column) \
  " AND " column " BETWEEN :lo AND :hi"

/* A time's local month. Shifting a time is the slowest part of a pass
 * over a million events, and a time between the 3rd and the 26th of a
 * month is in that month in every time zone (offsets stay within 14
 * hours), so only the times near a month's turn are shifted. The engines
 * shift differently: kdx_local_month() and kdx_local_week() stand for
 * the backend's local_month_sql and local_week_sql, written in when the
 * statement is prepared (_kdx_store_insights_prepare()). */
#define LOCAL_MONTH(column) \
  "CASE WHEN substr (" column ", 9, 2) BETWEEN '03' AND '26' THEN substr (" column ", 1, 7)" \
  " ELSE kdx_local_month (" column ") END"
#define LOCAL_WEEK(column) "kdx_local_week (" column ")"

/* A period and a filter as the values their queries bind (:from, :to,
 * :cut, :shift, :owner, :tier, :category, :source). */
typedef struct
{
  char       *from;
  char       *to;
  char       *cut;
  char       *shift;
  const char *owner;
  const char *tier;
  const char *category;
  const char *source;
  gboolean    by_week;
  gint64      lo;  /* the part's KOL ids: every KOL by default */
  gint64      hi;
  gboolean    from_history;  /* read the history even where digests are kept */
} Bounds;

void      _kdx_store_insights_bounds_init     (Bounds                  *bounds,
                                               const KdxInsightsPeriod *period,
                                               const KdxInsightsFilter *filter);
void      _kdx_store_insights_bounds_clear    (Bounds                  *bounds);
gboolean  _kdx_store_insights_bounds_filtered (const Bounds            *bounds);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Bounds, _kdx_store_insights_bounds_clear)

/* @sql prepared (cached) with @bounds bound to the parameters it names,
 * and @key to :key when given. */
KdxStmt  *_kdx_store_insights_prepare         (KdxStore                *self,
                                               const char              *sql,
                                               const Bounds            *bounds,
                                               const char              *key,
                                               GError                 **error);
/* Resets @stmt after its last step @rc; FALSE with the error unless the
 * rows ended well. */
gboolean  _kdx_store_insights_finish_rows     (KdxStore                *self,
                                               KdxStmt                 *stmt,
                                               int                      rc,
                                               GError                 **error);
/* The funnel's bars: each KOL counted once at every step up to its
 * furthest one in the period, and once per side exit. */
gboolean  _kdx_store_insights_add_funnel      (KdxStore                *self,
                                               KdxInsights             *insights,
                                               const Bounds            *bounds,
                                               GError                 **error);

/* What a bar adds up to while a pass tallies it. */
typedef struct
{
  char   *key;
  gint64  count;
  gint64  attempts;
  gint64  agreed;
  double  amount;
} Tally;

/* What one KOL adds under one key of a chart, until its last event. */
typedef struct
{
  Tally    *chart;    /* the chart's tally of that key */
  gint64    attempts;
  gboolean  agreed;
  double    amount;
} KolPart;

/* @parts (KolPart) into their charts, the KOL counted once in each. */
void      _kdx_store_insights_flush_kol       (GArray                  *parts);
/* An event's part under @chart's key added to the KOL's @parts; @hint:
 * where that key was last (-1: none). */
void      _kdx_store_insights_add_to_kol      (GArray                  *parts,
                                               int                     *hint,
                                               Tally                   *chart,
                                               gint64                   attempts,
                                               gboolean                 agreed,
                                               double                   amount);
void      _kdx_store_insights_tally_free      (Tally                   *tally);

/* The last few keys of a chart whose bars are few (a KOL's tier, owner,
 * plan...), looked up before its table: a KOL row hashed a dozen texts. */
#define TALLY_MEMO_SIZE 8
typedef struct
{
  Tally *tally[TALLY_MEMO_SIZE];
  guint  next;
} TallyMemo;

Tally    *_kdx_store_insights_memo_tally      (TallyMemo               *memo,
                                               GHashTable              *chart,
                                               const char              *key);
/* @text in @chunk, once, as g_string_chunk_insert_const(), looked up
 * first among the last few texts it gave (@recent, TALLY_MEMO_SIZE). */
const char *_kdx_store_insights_intern        (GStringChunk            *chunk,
                                               const char             **recent,
                                               guint                   *next,
                                               const char              *text);
/* @chart's tally of @key (a table of Tally by key), made when new. */
Tally    *_kdx_store_insights_tally_of        (GHashTable              *chart,
                                               const char              *key);

/* The KOLs of a refresh's part that the filter keeps, read once in id
 * order by the pass over the KOLs with the keys the passes over the
 * events need, so that those walk this array beside their events
 * instead of each reading every KOL row again (measured: a read of the
 * 100,000 KOL rows costs about 40 ms of CPU). */
enum { KOL_OWNER, KOL_TIER, KOL_PLAN, KOL_CURRENCY, KOL_N_KEYS };

typedef struct
{
  gint64      id;
  const char *key[KOL_N_KEYS];  /* in the KolRows' chunks */
  const char *display_name;     /* for the stuck KOLs */
  const char *owner;            /* NULL: none */
} KolRow;

typedef struct
{
  GArray       *rows;   /* KolRow, ascending id */
  GStringChunk *texts;  /* each key text once, and the names */
  GPtrArray    *more;   /* GStringChunk: the texts of rows appended */
} KolRows;

void      _kdx_store_insights_kol_rows_init   (KolRows                 *kols);
void      _kdx_store_insights_kol_rows_clear  (KolRows                 *kols);
/* @from's rows (of KOLs after @into's) moved to the end of @into's. */
void      _kdx_store_insights_kol_rows_append (KolRows                 *into,
                                               KolRows                 *from);

/* Where a tally's key comes from: a column of the event query (a UTC
 * time whose local month is the key when event_month), a key of the KOL
 * row (KOL_OWNER…), or both joined by '|' ("2025-03|CNY"); -1 for none. */
typedef struct
{
  int      event_column;
  gboolean event_month;
  int      kol_key;
} KeySpec;

/* One pass over @event_sql's rows, ordered by KOL: its id, the row's
 * attempts (1 or 0), whether it agreed and its amount, then its own
 * keys; each KOL of @kols adds one to the tally of each of its @keys in
 * @charts (new tables, the caller's), with what its events add there. */
gboolean  _kdx_store_insights_tally_by_kol    (KdxStore                *self,
                                               const char              *event_sql,
                                               const Bounds            *bounds,
                                               const KolRows           *kols,
                                               const KeySpec           *keys,
                                               guint                    n_keys,
                                               GHashTable             **charts,
                                               GError                 **error);

/* The local day of @at (a UTC time as the store writes it) @shift
 * minutes off UTC; FALSE for a time in another form. */
gboolean  _kdx_store_insights_local_date      (const char              *at,
                                               gint64                   shift,
                                               guint                   *year,
                                               guint                   *month,
                                               guint                   *day);

/* Where a tier's bars go: head, waist, tail, then the rest. */
int       _kdx_store_insights_tier_rank       (const char              *tier);

/* What one part of the KOLs gives: its bars (which add up across parts
 * of different KOLs), and the numbers whose medians do not add (each
 * stay's days, each departure's), kept until all parts are in. */
typedef struct
{
  KdxInsights *insights;
  GArray      *stays[KDX_N_STAGES];  /* days (double) of each stay */
  GArray      *open[KDX_N_STAGES];   /* (days, KOL id) pairs of doubles, open stays */
  GArray      *churn_days;           /* double */
  KolRows      kols;                 /* the KOLs the part counts */
} InsightsPart;

void      _kdx_store_insights_part_init       (InsightsPart            *part,
                                               const KdxInsightsPeriod *period,
                                               const KdxInsightsFilter *filter);
void      _kdx_store_insights_part_clear      (InsightsPart            *part);
/* Every section's bars of the KOLs in @bounds' part into @part, in the
 * caller's read transaction; time in stage and the churn median left as
 * numbers for _kdx_store_insights_conclude(). */
gboolean  _kdx_store_insights_gather          (KdxStore                *self,
                                               const Bounds            *bounds,
                                               InsightsPart            *part,
                                               GError                 **error);
/* The rest once @part holds every KOL: medians, percentiles, the stuck
 * KOLs (named from @part's KOLs), the totals. */
gboolean  _kdx_store_insights_conclude        (KdxStore                *self,
                                               InsightsPart            *part,
                                               const KdxInsightsTargets *targets,
                                               GError                 **error);

/* The sections worked out KOL by KOL from the digests of their history
 * (kdx-store-insights-digest.c), beside the pass over the KOLs: the
 * funnel, the four outreach charts, the stays (into the part), the
 * payment charts, and for the pass over the KOLs each KOL's onboarding
 * and departure. SQLite's way; PostgreSQL reads the history. */
enum { DIGEST_TIME, DIGEST_OWNER, DIGEST_CHANNEL, DIGEST_TIER, DIGEST_N_OUTREACH };
enum { DIGEST_PLAN, DIGEST_MONTH, DIGEST_CURRENCY, DIGEST_N_PAYMENTS };
#define DIGEST_KEY_SIZE 32
/* The outreach months tallied by index (DigestPass.months), others by text. */
#define DIGEST_FIRST_YEAR 1900
#define DIGEST_N_YEARS 300

/* A bound of the period as a digest's times compare with it. */
typedef struct
{
  const char *text;
  gboolean    canonical;  /* a time as the store writes them, or "" */
  gint64      seconds;
} DigestBound;

typedef struct
{
  KdxStore      *store;
  const Bounds  *bounds;
  DigestBound    from_bound;
  DigestBound    to_bound;
  DigestBound    cut_bound;
  gboolean       cut_after_from;
  InsightsPart  *part;
  gint64         shift;
  const char    *from;      /* "" when the period has no start */
  gboolean       has_cut_day;
  double         cut_day;   /* julianday (:cut) */
  gint64         funnel[8]; /* the steps, then declined and departed */
  GHashTable    *outreach[DIGEST_N_OUTREACH];  /* Tally by key */
  GHashTable    *payments[DIGEST_N_PAYMENTS];
  GArray        *kol_parts; /* what the KOL adds under each key */
  GPtrArray     *moves;     /* the KOL's moves (KdxDigestRecord *) */
  GArray        *records;
  char           last_text[DIGEST_N_OUTREACH + DIGEST_N_PAYMENTS][DIGEST_KEY_SIZE];
  Tally         *last_tally[DIGEST_N_OUTREACH + DIGEST_N_PAYMENTS];
  GString       *buffer;
  char           onboarded[DIGEST_KEY_SIZE];
  Tally         *months[DIGEST_N_YEARS * 12];  /* the outreach's by month */
  TallyMemo      memos[DIGEST_N_OUTREACH + DIGEST_N_PAYMENTS];
  GString       *row_texts[3];  /* the keys a lean KOL row joins */
} DigestPass;

/* A KOL row of the pass over the KOLs, as the charts need it: texts as
 * the engine gives them (coalesce'd to "" where a chart keys on them),
 * valid until the next row. */
enum { KOL_FIELD_TIER, KOL_FIELD_PLATFORM, KOL_FIELD_SOURCE, KOL_FIELD_PLAN /* plan|currency */,
       KOL_FIELD_CURRENCY, KOL_FIELD_CANDIDATE /* month|category, created in the period; or NULL */,
       KOL_FIELD_CATEGORY, KOL_FIELD_REASON, KOL_FIELD_OWNER_KEY, KOL_FIELD_NAME,
       KOL_FIELD_OWNER /* NULL: none */, KOL_N_FIELDS };

typedef struct
{
  const char *text[KOL_N_FIELDS];
  gint64      id;
  gboolean    has_fee;
  double      fee;
  gboolean    active;
} KolFields;

/* The pass over the KOLs beside their digests: the plain columns, read
 * into KolFields by _kdx_store_insights_read_lean_kol(). */
extern const char _kdx_store_insights_lean_kol_sql[];
gboolean  _kdx_store_insights_read_lean_kol   (DigestPass              *pass,
                                               KdxStmt                 *stmt,
                                               KolFields               *kol,
                                               GError                 **error);

/* What one KOL's digest says of its onboarding and departure. */
typedef struct
{
  const char *onboarded_month;  /* its first onboarding's local month, in the period; or NULL */
  gboolean    departed;         /* left in the period */
  gboolean    has_churn_days;
  double      churn_days;       /* from its first onboarding to that departure */
} DigestKol;

gboolean  _kdx_store_insights_digest_begin    (DigestPass              *pass,
                                               KdxStore                *self,
                                               const Bounds            *bounds,
                                               InsightsPart            *part,
                                               GError                 **error);
void      _kdx_store_insights_digest_clear    (DigestPass              *pass);
/* KOL @row's digest (@body, @size bytes) counted; its onboarding and
 * departure into @kol. */
gboolean  _kdx_store_insights_digest_kol      (DigestPass              *pass,
                                               const KolRow            *row,
                                               const void              *body,
                                               gsize                    size,
                                               DigestKol               *kol,
                                               GError                 **error);
/* What a KOL's moves in the period add up to for the funnel: its
 * furthest step plus one (0: none) in the low bits, and whether it
 * declined or departed. */
#define FUNNEL_STEP_MASK 0xff
#define FUNNEL_DECLINED  0x100
#define FUNNEL_DEPARTED  0x200

/* The funnel's bars: each KOL counted once at every step up to its
 * furthest one, once per side exit; @counts as DigestPass.funnel. */
void      _kdx_store_insights_funnel_bars     (KdxInsights             *insights,
                                               const gint64            *counts);

/* kdx_insights_compute() in @n_parts parts of the KOLs, each on a
 * connection and thread of its own (kdx-store-insights-parts.c); 0: as
 * many as the processors and the KOLs call for. The numbers are the
 * same whatever the parts. */
KdxInsights *_kdx_insights_compute_in         (KdxStore                 *store,
                                               const KdxInsightsPeriod  *period,
                                               const KdxInsightsFilter  *filter,
                                               const KdxInsightsTargets *targets,
                                               guint                     n_parts,
                                               GError                  **error);

/* kdx_insights_compute() in one part, read from the history tables as
 * PostgreSQL reads them, even on SQLite, where the digests are read:
 * the second opinion tests hold the digests' numbers to. */
KdxInsights *_kdx_insights_compute_from_history (KdxStore                 *store,
                                                 const KdxInsightsPeriod  *period,
                                                 const KdxInsightsFilter  *filter,
                                                 const KdxInsightsTargets *targets,
                                                 GError                  **error);

G_END_DECLS
