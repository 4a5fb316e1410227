/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-xml"

#include "config.h"

#include <string.h>

#include "kdx-xml-shape.h"

/* data/koldex.xsd as tables, element for element in its order. Why it is
 * here at all: libxml2's streaming schema validator took more of an
 * import than parsing the file (issue 16, item 1), while every check the
 * XSD makes of a Koldex file is a comparison of names or a few characters. */

#define OPT(n, t)      { n, KDX_XML_TYPE_##t, FALSE, FALSE, NULL, NULL, 0 }
#define REQ(n, t)      { n, KDX_XML_TYPE_##t, TRUE, FALSE, NULL, NULL, 0 }
#define ENUM(n, c)     { n, KDX_XML_TYPE_ENUM, FALSE, FALSE, c, NULL, 0 }
#define LIST(n, item)  { n, KDX_XML_TYPE_COMPLEX, FALSE, FALSE, NULL, item, 1 }
#define ITEMS(n, t, c) { n, KDX_XML_TYPE_##t, TRUE, TRUE, NULL, c, G_N_ELEMENTS (c) }

static const char *const gender[] = { "unknown", "female", "male", "other", NULL };
static const char *const tier[] = { "unrated", "head", "waist", "tail", NULL };
static const char *const fans_portable[] = { "unknown", "yes", "partly", "no", NULL };
static const char *const source[] = { "unset", "external", "internal", NULL };
static const char *const purpose[] = { "unset", "acquisition", "activation", "conversion", NULL };
static const char *const plan[] = { "none", "buyout", "profit_share", "free", "other", NULL };
static const char *const stage[] = { "candidate", "contacting", "negotiating", "onboarding",
                                     "growing", "mature", "declining", "departed", "declined",
                                     NULL };
static const char *const event_kind[] = { "outreach", "call", "message", "meeting", "gift",
                                          "payment", "content", "note", NULL };
static const char *const outcome[] = { "none", "no_answer", "refused", "interested", "agreed",
                                       NULL };
static const char *const calendar[] = { "gregorian", "chinese", NULL };

static const KdxXmlParticle channel[] = {
  REQ ("platform", REQUIRED_TEXT),
  OPT ("handle", STRING),
  OPT ("url", STRING),
  OPT ("followers", COUNT),
  OPT ("rank", COUNT),
  OPT ("activity", SCORE),
  OPT ("checked_on", DATE),
};

static const KdxXmlParticle event[] = {
  REQ ("at", DATETIME),
  ENUM ("kind", event_kind),
  OPT ("channel", STRING),
  OPT ("summary", STRING),
  ENUM ("outcome", outcome),
  OPT ("amount", DECIMAL),
  OPT ("made_by", STRING),
};

static const KdxXmlParticle important_date[] = {
  REQ ("label", REQUIRED_TEXT),
  REQ ("date", DATE),
  OPT ("yearly", BOOL),
  ENUM ("calendar", calendar),
};

static const KdxXmlParticle stage_entry[] = {
  ENUM ("stage", stage),
  REQ ("at", DATETIME),
  OPT ("note", STRING),
  OPT ("made_by", STRING),
};

static const KdxXmlParticle channels[] = { ITEMS ("channel", COMPLEX, channel) };
static const KdxXmlParticle events[] = { ITEMS ("event", COMPLEX, event) };
static const KdxXmlParticle important_dates[] = { ITEMS ("important_date", COMPLEX, important_date) };
static const KdxXmlParticle stage_history[] = { ITEMS ("stage_entry", COMPLEX, stage_entry) };
static const KdxXmlParticle tags[] = {
  { "tag", KDX_XML_TYPE_REQUIRED_TEXT, TRUE, TRUE, NULL, NULL, 0 },
};

static const KdxXmlParticle kol[] = {
  OPT ("id", ID),
  OPT ("uid", UUID),
  REQ ("display_name", REQUIRED_TEXT),
  OPT ("real_name", STRING),
  ENUM ("gender", gender),
  OPT ("birthday", DATE),
  OPT ("city", STRING),
  OPT ("bio", STRING),
  OPT ("personality", STRING),
  OPT ("preferences", STRING),
  OPT ("avatar", BASE64),
  OPT ("phone", STRING),
  OPT ("wechat", STRING),
  OPT ("email", STRING),
  OPT ("address", STRING),
  OPT ("agent", STRING),
  OPT ("platform", STRING),
  OPT ("handle", STRING),
  OPT ("followers", COUNT),
  OPT ("category", STRING),
  { "tags", KDX_XML_TYPE_COMPLEX, FALSE, FALSE, NULL, tags, 1 },
  ENUM ("tier", tier),
  OPT ("fit_score", SCORE),
  OPT ("content_quality", SCORE),
  OPT ("activity", SCORE),
  OPT ("fan_quality", STRING),
  ENUM ("fans_portable", fans_portable),
  OPT ("own_account", STRING),
  ENUM ("source", source),
  ENUM ("purpose", purpose),
  ENUM ("plan", plan),
  OPT ("fee", DECIMAL),
  OPT ("currency", CURRENCY),
  OPT ("exclusive", BOOL),
  OPT ("exclusive_since", DATE),
  OPT ("incentives", STRING),
  OPT ("demands", STRING),
  OPT ("rules_agreed_on", DATE),
  ENUM ("stage", stage),
  OPT ("churn_reason", STRING),
  OPT ("owner", STRING),
  OPT ("next_follow_up", DATE),
  OPT ("contact_every_days", COUNT),
  OPT ("reapproach_on", DATE),
  OPT ("notes", STRING),
  OPT ("created_at", DATETIME),
  OPT ("updated_at", DATETIME),
  LIST ("channels", channels),
  LIST ("events", events),
  LIST ("important_dates", important_dates),
  LIST ("stage_history", stage_history),
};

static const KdxXmlParticle koldex[] = {
  { "kol", KDX_XML_TYPE_COMPLEX, FALSE, TRUE, NULL, kol, G_N_ELEMENTS (kol) },
};

/* The document: one root element. Its attributes (version, contact) are
 * the importer's to check. */
static const KdxXmlParticle document = {
  "koldex", KDX_XML_TYPE_COMPLEX, TRUE, FALSE, NULL, koldex, G_N_ELEMENTS (koldex)
};

const KdxXmlParticle *
kdx_xml_shape_document (void)
{
  return &document;
}

void
kdx_xml_frame_init (KdxXmlFrame          *frame,
                    const KdxXmlParticle *particle)
{
  frame->particle = particle;
  frame->pos = 0;
  frame->seen = FALSE;
}

static inline gboolean
same_name (const KdxXmlParticle *particle,
           const char           *name)
{
  return particle->name[0] == name[0] && strcmp (particle->name, name) == 0;
}

/**
 * kdx_xml_frame_enter:
 *
 * A child element @name opens inside @frame's element.
 *
 * Returns: its particle, or %NULL when the sequence has no place for it
 *   here (unknown, out of order, twice, or a required one skipped)
 */
const KdxXmlParticle *
kdx_xml_frame_enter (KdxXmlFrame *frame,
                     const char  *name)
{
  const KdxXmlParticle *children = frame->particle->children;
  guint n = frame->particle->n_children;

  if (frame->pos >= n)
    return NULL;
  if (same_name (&children[frame->pos], name)
      && (!frame->seen || children[frame->pos].repeated))
    {
      frame->seen = TRUE;
      return &children[frame->pos];
    }
  if (children[frame->pos].required && !frame->seen)
    return NULL;
  for (guint i = frame->pos + 1; i < n; i++)
    {
      if (same_name (&children[i], name))
        {
          frame->pos = i;
          frame->seen = TRUE;
          return &children[i];
        }
      if (children[i].required)
        return NULL;
    }
  return NULL;
}

/* Whether every required child of @frame's element has come. */
gboolean
kdx_xml_frame_is_complete (const KdxXmlFrame *frame)
{
  const KdxXmlParticle *children = frame->particle->children;

  for (guint i = frame->pos; i < frame->particle->n_children; i++)
    if (children[i].required && !(i == frame->pos && frame->seen))
      return FALSE;
  return TRUE;
}

/* XML's whitespace, what XSD's \s is. */
static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

gboolean
kdx_xml_shape_is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!is_space (*text))
      return FALSE;
  return TRUE;
}

static gboolean
all_digits (const char *text,
            gsize       length)
{
  if (length == 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static guint
number (const char *text,
        gsize       length)
{
  guint value = 0;

  for (gsize i = 0; i < length; i++)
    value = value * 10 + (text[i] - '0');
  return value;
}

/* YYYY-MM-DD, a day that exists; year 0000 is none in XSD 1.0. */
static gboolean
is_date (const char *text)
{
  guint year, month, day;

  if (!all_digits (text, 4) || text[4] != '-' || !all_digits (text + 5, 2)
      || text[7] != '-' || !all_digits (text + 8, 2))
    return FALSE;
  year = number (text, 4);
  month = number (text + 5, 2);
  day = number (text + 8, 2);
  return year > 0 && g_date_valid_dmy (day, month, year);
}

static gboolean
is_datetime (const char *text,
             gsize       length)
{
  return length == 20 && is_date (text) && text[10] == 'T'
      && all_digits (text + 11, 2) && number (text + 11, 2) < 24 && text[13] == ':'
      && all_digits (text + 14, 2) && number (text + 14, 2) < 60 && text[16] == ':'
      && all_digits (text + 17, 2) && number (text + 17, 2) < 60 && text[19] == 'Z';
}

static gboolean
is_uuid (const char *text,
         gsize       length)
{
  if (length != 36)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (i == 8 || i == 13 || i == 18 || i == 23 ? text[i] != '-' : !g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* Base64 as XSD writes its grammar: whitespace anywhere (collapsed to
 * single spaces, which the grammar allows between any two characters),
 * groups of four, at most two '=' at the end, and the bits a '=' leaves
 * over zero. */
static gboolean
is_base64 (const char *text)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  gsize n = 0;
  guint padding = 0;
  char last = '\0';

  for (; *text != '\0'; text++)
    {
      if (is_space (*text))
        continue;
      if (*text == '=')
        padding++;
      else if (padding > 0 || strchr (alphabet, *text) == NULL)
        return FALSE;
      else
        last = *text;
      n++;
    }
  if (n % 4 != 0 || padding > 2)
    return FALSE;
  if (padding == 2)
    return strchr ("AQgw", last) != NULL;
  if (padding == 1)
    return strchr ("AEIMQUYcgkosw048", last) != NULL;
  return TRUE;
}

/**
 * kdx_xml_shape_check_value:
 * @text: the element's text, all of it (@length bytes)
 *
 * Whether the XSD takes @text for @particle's type. Never says yes to
 * what the XSD refuses; says no to a few things it takes (see the top of
 * kdx-xml-shape.h).
 */
gboolean
kdx_xml_shape_check_value (const KdxXmlParticle *particle,
                           const char           *text,
                           gsize                 length)
{
  switch (particle->type)
    {
    case KDX_XML_TYPE_COMPLEX:
      return kdx_xml_shape_is_blank (text);
    case KDX_XML_TYPE_STRING:
      return TRUE;
    case KDX_XML_TYPE_REQUIRED_TEXT:
      return !kdx_xml_shape_is_blank (text);
    case KDX_XML_TYPE_ID:
      /* Up to 18 digits: within a long, and not all zeros. */
      return length <= 18 && all_digits (text, length) && strspn (text, "0") < length;
    case KDX_XML_TYPE_COUNT:
      return length <= 18 && all_digits (text, length);
    case KDX_XML_TYPE_SCORE:
      return length <= 18 && all_digits (text, length) && g_ascii_strtoull (text, NULL, 10) <= 5;
    case KDX_XML_TYPE_DECIMAL:
      {
        const char *point = memchr (text, '.', length);

        /* libxml2 keeps a decimal in at most 24 digits: 18 stay clear of it. */
        if (length > 19)
          return FALSE;
        if (point == NULL)
          return all_digits (text, length);
        return all_digits (text, point - text)
            && all_digits (point + 1, length - (point - text) - 1);
      }
    case KDX_XML_TYPE_CURRENCY:
      return length == 3 && g_ascii_isalpha (text[0]) && g_ascii_isalpha (text[1])
          && g_ascii_isalpha (text[2]);
    case KDX_XML_TYPE_UUID:
      return is_uuid (text, length);
    case KDX_XML_TYPE_BOOL:
      return strcmp (text, "true") == 0 || strcmp (text, "false") == 0;
    case KDX_XML_TYPE_DATE:
      return length == 10 && is_date (text);
    case KDX_XML_TYPE_DATETIME:
      return is_datetime (text, length);
    case KDX_XML_TYPE_BASE64:
      return is_base64 (text);
    case KDX_XML_TYPE_ENUM:
      for (guint i = 0; particle->choices[i] != NULL; i++)
        if (strcmp (particle->choices[i], text) == 0)
          return TRUE;
      return FALSE;
    default:
      g_assert_not_reached ();
    }
}
