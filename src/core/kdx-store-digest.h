/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A KOL's digest (kdx-store-digest.c): the parts of its history that
 * Insights counts, in one value of `kol_digest` (schema 13), read by a
 * refresh instead of the history's rows. These declarations are the
 * store's and its tests', nobody else's.
 *
 * The body is a run of records, each a tag byte then its fields
 * (numbers little-endian, texts ended by a NUL), in this order: the
 * stage moves in the history's order, then the outreach and payment
 * events in the order of the event_kind index (time, channel, outcome,
 * amount). A time the store wrote ("2025-03-01T02:30:00Z") is kept as
 * its seconds since 1970 (8 bytes); any other text as it is, the tag
 * then carrying KDX_DIGEST_TEXT_TIME:
 *   'M' stage (KdxStage, 255: not a stage's name), time; after a text
 *       time, has_day (0/1) and day (double: julianday (at))
 *   'O' agreed (0/1), time, channel ("" for none)
 *   'P' amount (double: the amount as the engine casts it), time
 * Seconds compare as the text they come from would (the text is of
 * fixed width), and the day of a time the store wrote is SQLite's
 * julianday() of it, worked out (kdx_digest_julian_day()). */

#define KDX_DIGEST_MOVE      'M'
#define KDX_DIGEST_OUTREACH  'O'
#define KDX_DIGEST_PAYMENT   'P'
#define KDX_DIGEST_TEXT_TIME 0x80
#define KDX_DIGEST_NO_STAGE  255

/* The schema version that brought the digests in, on both engines. */
#define KDX_STORE_DIGEST_SCHEMA 13

/* "2025-03-01T02:30:00Z" and the NUL */
#define KDX_DIGEST_TIME_SIZE 21

typedef struct
{
  int         kind;     /* KDX_DIGEST_MOVE... */
  const char *at;       /* a time not as the store writes it; NULL: @seconds */
  gint64      seconds;
  guint       stage;    /* moves */
  gboolean    has_day;
  double      day;
  gboolean    agreed;   /* outreach */
  const char *channel;
  double      amount;   /* payments */
} KdxDigestRecord;

typedef struct
{
  const guint8 *next;
  const guint8 *end;
} KdxDigestReader;

void      kdx_digest_reader_init (KdxDigestReader *reader,
                                  const void      *body,
                                  gsize            size);
/* The next record into @record, whose texts point into the body: FALSE
 * at the end (or where a body is cut short). */
gboolean  kdx_digest_reader_next (KdxDigestReader *reader,
                                  KdxDigestRecord *record);

/* The seconds since 1970 of @text when it is a time as the store writes
 * it (a valid UTC time, "YYYY-MM-DDTHH:MM:SSZ", years 2 to 9998): the
 * text comes back from them exactly (kdx_digest_format_time()). */
gboolean  kdx_digest_seconds_of  (const char      *text,
                                  gint64          *seconds);
void      kdx_digest_format_time (gint64           seconds,
                                  char             text[KDX_DIGEST_TIME_SIZE]);
/* "2025-03-07" into @text (11 bytes), or "2025-03" with @day 0: what
 * "%04u-%02u-%02u" writes for years of four digits, without printf. */
void      kdx_digest_format_date (guint            year,
                                  guint            month,
                                  guint            day,
                                  char            *text);
/* SQLite's julianday() of such a time: its whole milliseconds since
 * noon of 24 November 4714 BC over a day's, divided as SQLite divides. */
double    kdx_digest_julian_day  (gint64           seconds);
/* The civil date of a day counted from 1970-01-01. */
void      kdx_digest_civil_date  (gint64           days,
                                  guint           *year,
                                  guint           *month,
                                  guint           *day);

G_END_DECLS
