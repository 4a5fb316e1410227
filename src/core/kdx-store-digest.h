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
 * amount):
 *   'M' stage (KdxStage, 255: not a stage's name), has_day (0/1),
 *       day (double: julianday (at)), at
 *   'O' agreed (0/1), at, channel ("" for none)
 *   'P' amount (double: the amount as the engine casts it), at
 * Times are the text the store wrote, so they compare with a period's
 * bounds as the engine compares them. */

#define KDX_DIGEST_MOVE     'M'
#define KDX_DIGEST_OUTREACH 'O'
#define KDX_DIGEST_PAYMENT  'P'
#define KDX_DIGEST_NO_STAGE 255

/* The schema version that brought the digests in, on both engines. */
#define KDX_STORE_DIGEST_SCHEMA 13

typedef struct
{
  int         kind;     /* KDX_DIGEST_MOVE... */
  const char *at;
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

G_END_DECLS
