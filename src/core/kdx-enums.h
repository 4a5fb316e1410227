/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The enums of shared/FIELDS.md. The nick of each value is the canonical
 * value stored in the database and written to XML and JSON; the label is
 * the translated text a person reads. */

typedef enum
{
  KDX_GENDER_UNKNOWN,
  KDX_GENDER_FEMALE,
  KDX_GENDER_MALE,
  KDX_GENDER_OTHER,
} KdxGender;

typedef enum
{
  KDX_TIER_UNRATED,
  KDX_TIER_HEAD,
  KDX_TIER_WAIST,
  KDX_TIER_TAIL,
} KdxTier;

typedef enum
{
  KDX_FANS_PORTABLE_UNKNOWN,
  KDX_FANS_PORTABLE_YES,
  KDX_FANS_PORTABLE_PARTLY,
  KDX_FANS_PORTABLE_NO,
} KdxFansPortable;

/* "unset" came with schema 4. It is listed first, so pickers offer it
 * first, but numbered last: import undo snapshots of older Koldex keep
 * enums as numbers, and 0 must still read back as "external". */
typedef enum
{
  KDX_SOURCE_UNSET = 2,
  KDX_SOURCE_EXTERNAL = 0,
  KDX_SOURCE_INTERNAL = 1,
} KdxSource;

typedef enum
{
  KDX_PURPOSE_UNSET = 3,
  KDX_PURPOSE_ACQUISITION = 0,
  KDX_PURPOSE_ACTIVATION = 1,
  KDX_PURPOSE_CONVERSION = 2,
} KdxPurpose;

typedef enum
{
  KDX_PLAN_NONE,
  KDX_PLAN_BUYOUT,
  KDX_PLAN_PROFIT_SHARE, /*< nick=profit_share >*/
  KDX_PLAN_FREE,
  KDX_PLAN_OTHER,
} KdxPlan;

typedef enum
{
  KDX_EVENT_KIND_OUTREACH,
  KDX_EVENT_KIND_CALL,
  KDX_EVENT_KIND_MESSAGE,
  KDX_EVENT_KIND_MEETING,
  KDX_EVENT_KIND_GIFT,
  KDX_EVENT_KIND_PAYMENT,
  KDX_EVENT_KIND_CONTENT,
  KDX_EVENT_KIND_NOTE,
} KdxEventKind;

typedef enum
{
  KDX_OUTCOME_NONE,
  KDX_OUTCOME_NO_ANSWER, /*< nick=no_answer >*/
  KDX_OUTCOME_REFUSED,
  KDX_OUTCOME_INTERESTED,
  KDX_OUTCOME_AGREED,
} KdxOutcome;

/* Which calendar an important date recurs by. */
typedef enum
{
  KDX_CALENDAR_GREGORIAN,
  KDX_CALENDAR_CHINESE,
} KdxCalendar;

/* What an import does with a row that matches a KOL already stored. */
typedef enum
{
  KDX_DUPLICATE_SKIP,  /* keep the stored file as it is */
  KDX_DUPLICATE_MERGE, /* fill the stored file's empty fields */
  KDX_DUPLICATE_NEW,   /* add the row as a KOL of its own */
} KdxDuplicatePolicy;

const char *kdx_enum_to_string   (GType       enum_type,
                                  int         value);
gboolean    kdx_enum_from_string (GType       enum_type,
                                  const char *text,
                                  int        *value);
const char *kdx_enum_get_label   (GType       enum_type,
                                  int         value);
char       *kdx_enum_list_values (GType       enum_type);
int         kdx_enum_unknown_value (GType     enum_type);
gboolean    kdx_enum_is_unset    (GType       enum_type,
                                  int         value);

/* Platforms and churn reasons are "enum+text": a known value or free text. */
const char *const *kdx_platform_known_values (void);
const char        *kdx_platform_get_label    (const char *platform);
const char        *kdx_platform_normalize    (const char *text);

/* An event's channel: a platform (a direct message there) or one of
 * phone, sms, email, group, forum, in_person, agent, other; or free text. */
const char *const *kdx_channel_known_values (void);
const char        *kdx_channel_get_label    (const char *channel);
const char        *kdx_channel_normalize    (const char *text);

const char *const *kdx_churn_reason_known_values (void);
const char        *kdx_churn_reason_get_label    (const char *reason);

G_END_DECLS
