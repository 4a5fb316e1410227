/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-enums"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdx-enum-types.h"
#include "kdx-enums.h"
#include "kdx-stage.h"

/* Labels by value, in the order of each enum's values. */
static const char *const gender_labels[] = {
  NC_("gender", "Unknown"), NC_("gender", "Female"), NC_("gender", "Male"), NC_("gender", "Other"),
};
static const char *const tier_labels[] = {
  NC_("tier", "Unrated"), NC_("tier", "Head"), NC_("tier", "Waist"), NC_("tier", "Tail"),
};
static const char *const fans_portable_labels[] = {
  NC_("fans portable", "Unknown"), NC_("fans portable", "Yes"), NC_("fans portable", "Partly"), NC_("fans portable", "No"),
};
static const char *const source_labels[] = {
  NC_("source", "External"), NC_("source", "Internal"), NC_("source", "Not set"),
};
static const char *const purpose_labels[] = {
  NC_("purpose", "Acquisition"), NC_("purpose", "Activation"), NC_("purpose", "Conversion"),
  NC_("purpose", "Not set"),
};
static const char *const calendar_labels[] = {
  NC_("calendar", "Gregorian"), NC_("calendar", "Chinese lunar"),
};
static const char *const plan_labels[] = {
  NC_("plan", "None"), NC_("plan", "Buyout"), NC_("plan", "Profit share"), NC_("plan", "Free"), NC_("plan", "Other"),
};
static const char *const event_kind_labels[] = {
  NC_("event kind", "Outreach"), NC_("event kind", "Call"), NC_("event kind", "Message"), NC_("event kind", "Meeting"),
  NC_("event kind", "Gift"), NC_("event kind", "Payment"), NC_("event kind", "Content"), NC_("event kind", "Note"),
};
static const char *const outcome_labels[] = {
  NC_("outcome", "None"), NC_("outcome", "No answer"), NC_("outcome", "Refused"), NC_("outcome", "Interested"), NC_("outcome", "Agreed"),
};
static const char *const stage_labels[] = {
  NC_("stage", "Candidate"), NC_("stage", "Contacting"), NC_("stage", "Negotiating"), NC_("stage", "Onboarding"),
  NC_("stage", "Growing"), NC_("stage", "Mature"), NC_("stage", "Declining"), NC_("stage", "Departed"), NC_("stage", "Declined"),
};

typedef struct
{
  const char        *value;
  const char        *label;
  const char *const *aliases; /* how people write it, matched ignoring case */
} KnownValue;

static const char *const weibo_aliases[] = { "微博", "新浪微博", "sina weibo", NULL };
static const char *const douyin_aliases[] = { "抖音", NULL };
static const char *const xhs_aliases[] = { "小红书", "小紅書", "red", "rednote", "xhs", NULL };
static const char *const zhihu_aliases[] = { "知乎", NULL };
static const char *const bilibili_aliases[] = { "哔哩哔哩", "嗶哩嗶哩", "b站", "b 站", NULL };
static const char *const wechat_oa_aliases[] = { "公众号", "微信公众号", "公眾號", "微信公眾號", "wechat official account", "wechat", "微信", NULL };
static const char *const kuaishou_aliases[] = { "快手", NULL };
static const char *const tieba_aliases[] = { "贴吧", "百度贴吧", "貼吧", "百度貼吧", NULL };
static const char *const youtube_aliases[] = { "油管", NULL };
static const char *const tiktok_aliases[] = { NULL };
static const char *const instagram_aliases[] = { "ig", "ins", NULL };
static const char *const facebook_aliases[] = { "fb", "脸书", "臉書", NULL };
static const char *const x_aliases[] = { "twitter", "推特", NULL };
static const char *const own_aliases[] = { "本站", "自有平台", "own platform", NULL };

static const KnownValue platforms[] = {
  { "weibo", N_("Weibo"), weibo_aliases },
  { "douyin", N_("Douyin"), douyin_aliases },
  { "xiaohongshu", N_("Xiaohongshu"), xhs_aliases },
  { "zhihu", N_("Zhihu"), zhihu_aliases },
  { "bilibili", N_("Bilibili"), bilibili_aliases },
  { "wechat_oa", N_("WeChat Official Account"), wechat_oa_aliases },
  { "kuaishou", N_("Kuaishou"), kuaishou_aliases },
  { "tieba", N_("Tieba"), tieba_aliases },
  { "youtube", N_("YouTube"), youtube_aliases },
  { "tiktok", N_("TikTok"), tiktok_aliases },
  { "instagram", N_("Instagram"), instagram_aliases },
  { "facebook", N_("Facebook"), facebook_aliases },
  { "x", N_("X"), x_aliases },
  { "own", N_("Our platform"), own_aliases },
};

/* Ways to reach someone that are not a platform's direct messages.
 * "wechat" is personal WeChat, how Chinese operators reach most KOLs;
 * the platform "wechat_oa" is an Official Account, which no one chats
 * through, so as a channel 微信 means this one. */
static const char *const wechat_aliases[] = { "微信", "weixin", "wx", "微信私聊", "微信私信", "私聊", NULL };
static const char *const phone_aliases[] = { "电话", "電話", "手机", "手機", "tel", "telephone", NULL };
static const char *const sms_aliases[] = { "短信", "簡訊", "短訊", "text message", NULL };
static const char *const email_aliases[] = { "邮件", "郵件", "邮箱", "電郵", "电子邮件", "電子郵件", "e-mail", "mail", NULL };
static const char *const group_aliases[] = { "群", "群聊", "社群", "微信群", "qq群", "group chat", NULL };
static const char *const forum_aliases[] = { "论坛", "論壇", "bbs", NULL };
static const char *const in_person_aliases[] = { "当面", "當面", "见面", "見面", "线下", "線下", "in person", "face to face", NULL };
static const char *const agent_aliases[] = { "经纪人", "經紀人", "经纪", "經紀", "manager", NULL };
static const char *const other_channel_aliases[] = { "其他", "其它", NULL };

static const KnownValue contact_channels[] = {
  { "wechat", NC_("channel", "WeChat"), wechat_aliases },
  { "phone", NC_("channel", "Phone"), phone_aliases },
  { "sms", NC_("channel", "SMS"), sms_aliases },
  { "email", NC_("channel", "Email"), email_aliases },
  { "group", NC_("channel", "Group"), group_aliases },
  { "forum", NC_("channel", "Forum"), forum_aliases },
  { "in_person", NC_("channel", "In person"), in_person_aliases },
  { "agent", NC_("channel", "Through the agent"), agent_aliases },
  { "other", NC_("channel", "Other"), other_channel_aliases },
};

static const KnownValue churn_reasons[] = {
  { "outgrew_platform", NC_("churn reason", "Outgrew the platform"), NULL },
  { "poached", NC_("churn reason", "Poached"), NULL },
  { "lost_interest", NC_("churn reason", "Lost interest"), NULL },
  { "conflict", NC_("churn reason", "Conflict"), NULL },
  { "inactive", NC_("churn reason", "Inactive"), NULL },
  { "brand_mismatch", NC_("churn reason", "Brand mismatch"), NULL },
  { "other", NC_("churn reason", "Other"), NULL },
};

/* Each enum's labels with their translation context ("Other" is a gender,
 * a plan and a churn reason, and may be three words in a language). */
static const char *const *
labels_for_type (GType        enum_type,
                 guint       *n_labels,
                 const char **context)
{
#define LABELS(getter, array, ctx) \
  if (enum_type == getter ()) { *n_labels = G_N_ELEMENTS (array); *context = ctx; return array; }
  LABELS (kdx_gender_get_type, gender_labels, "gender")
  LABELS (kdx_tier_get_type, tier_labels, "tier")
  LABELS (kdx_fans_portable_get_type, fans_portable_labels, "fans portable")
  LABELS (kdx_source_get_type, source_labels, "source")
  LABELS (kdx_purpose_get_type, purpose_labels, "purpose")
  LABELS (kdx_plan_get_type, plan_labels, "plan")
  LABELS (kdx_event_kind_get_type, event_kind_labels, "event kind")
  LABELS (kdx_outcome_get_type, outcome_labels, "outcome")
  LABELS (kdx_stage_get_type, stage_labels, "stage")
  LABELS (kdx_calendar_get_type, calendar_labels, "calendar")
#undef LABELS
  *n_labels = 0;
  *context = NULL;
  return NULL;
}

const char *
kdx_enum_to_string (GType enum_type,
                    int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  return ev != NULL ? ev->value_nick : NULL;
}

gboolean
kdx_enum_from_string (GType       enum_type,
                      const char *text,
                      int        *value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *ev;

  if (text == NULL)
    return FALSE;

  ev = g_enum_get_value_by_nick (klass, text);
  if (ev == NULL)
    return FALSE;

  *value = ev->value;
  return TRUE;
}

const char *
kdx_enum_get_label (GType enum_type,
                    int   value)
{
  const char *context;
  guint n_labels;
  const char *const *labels = labels_for_type (enum_type, &n_labels, &context);

  if (labels == NULL || value < 0 || (guint) value >= n_labels)
    return kdx_enum_to_string (enum_type, value);

  return g_dpgettext2 (GETTEXT_PACKAGE, context, labels[value]);
}

/* "unknown, female, male, other": for error messages that say what fits. */
char *
kdx_enum_list_values (GType enum_type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, klass->values[i].value_nick);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The value that means "nothing known yet": "unset" where the enum has
 * it (source, purpose), otherwise its first value. Empty text parses to
 * it, and a merge fills a field that holds it. */
int
kdx_enum_unknown_value (GType enum_type)
{
  int value;

  if (kdx_enum_from_string (enum_type, "unset", &value))
    return value;
  return 0;
}

/* TRUE for "unset": a value that shows as "Not set" and, like empty
 * text, is left out of dossiers, spreadsheets and XML. */
gboolean
kdx_enum_is_unset (GType enum_type,
                   int   value)
{
  return g_strcmp0 (kdx_enum_to_string (enum_type, value), "unset") == 0;
}

const char *
kdx_stage_to_string (KdxStage stage)
{
  return kdx_enum_to_string (kdx_stage_get_type (), stage);
}

gboolean
kdx_stage_from_string (const char *text,
                       KdxStage   *stage)
{
  int value;

  if (!kdx_enum_from_string (kdx_stage_get_type (), text, &value))
    return FALSE;

  *stage = value;
  return TRUE;
}

const char *
kdx_stage_get_label (KdxStage stage)
{
  return kdx_enum_get_label (kdx_stage_get_type (), stage);
}

/* An import worker may ask first while the main thread asks too: the
 * cache is filled once, and no caller sees it half filled (checking
 * cache[0] alone let a second thread return a list still being written). */
static const char *const *
known_values (const KnownValue *table,
              gsize             n,
              const char      **cache,
              gsize            *filled)
{
  if (g_once_init_enter (filled))
    {
      for (gsize i = 0; i < n; i++)
        cache[i] = table[i].value;
      g_once_init_leave (filled, 1);
    }
  return cache;
}

const char *const *
kdx_platform_known_values (void)
{
  static const char *cache[G_N_ELEMENTS (platforms) + 1];
  static gsize filled;
  return known_values (platforms, G_N_ELEMENTS (platforms), cache, &filled);
}

/* Platforms first (a direct message there), then the other channels. */
const char *const *
kdx_channel_known_values (void)
{
  static const char *cache[G_N_ELEMENTS (platforms) + G_N_ELEMENTS (contact_channels) + 1];
  static gsize filled;

  if (g_once_init_enter (&filled))
    {
      gsize n = 0;

      for (gsize i = 0; i < G_N_ELEMENTS (platforms); i++)
        cache[n++] = platforms[i].value;
      for (gsize i = 0; i < G_N_ELEMENTS (contact_channels); i++)
        cache[n++] = contact_channels[i].value;
      g_once_init_leave (&filled, 1);
    }
  return cache;
}

const char *const *
kdx_churn_reason_known_values (void)
{
  static const char *cache[G_N_ELEMENTS (churn_reasons) + 1];
  static gsize filled;
  return known_values (churn_reasons, G_N_ELEMENTS (churn_reasons), cache, &filled);
}

static const char *
known_label (const KnownValue *table,
             gsize             n,
             const char       *context,
             const char       *value)
{
  if (value == NULL)
    return NULL;
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (table[i].value, value))
      return context != NULL
        ? g_dpgettext2 (GETTEXT_PACKAGE, context, table[i].label)
        : g_dgettext (GETTEXT_PACKAGE, table[i].label);
  return value; /* free text is its own label */
}

const char *
kdx_platform_get_label (const char *platform)
{
  return known_label (platforms, G_N_ELEMENTS (platforms), NULL, platform);
}

const char *
kdx_channel_get_label (const char *channel)
{
  for (gsize i = 0; channel != NULL && i < G_N_ELEMENTS (platforms); i++)
    if (g_str_equal (platforms[i].value, channel))
      return kdx_platform_get_label (channel);
  return known_label (contact_channels, G_N_ELEMENTS (contact_channels), "channel", channel);
}

const char *
kdx_churn_reason_get_label (const char *reason)
{
  return known_label (churn_reasons, G_N_ELEMENTS (churn_reasons), "churn reason", reason);
}

/* Maps "微博", "Weibo" or "WEIBO" to "weibo"; other text comes back as
 * NULL, meaning "keep it as free text". */
const char *
kdx_platform_normalize (const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return NULL;

  folded = g_utf8_casefold (text, -1);
  g_strstrip (folded);

  /* A stored value as it is (every Koldex export, most lists): found
   * without folding every label (issue 16). No label or alias of one
   * platform is another's value, so the loop below would find the same. */
  for (gsize i = 0; i < G_N_ELEMENTS (platforms); i++)
    if (g_str_equal (folded, platforms[i].value))
      return platforms[i].value;

  for (gsize i = 0; i < G_N_ELEMENTS (platforms); i++)
    {
      g_autofree char *label = g_utf8_casefold (platforms[i].label, -1);

      g_autofree char *translated = g_utf8_casefold (g_dgettext (GETTEXT_PACKAGE, platforms[i].label), -1);

      /* The label as shown in any language reads back as the value. */
      if (g_str_equal (folded, platforms[i].value) || g_str_equal (folded, label)
          || g_str_equal (folded, translated))
        return platforms[i].value;
      for (guint j = 0; platforms[i].aliases[j] != NULL; j++)
        if (g_str_equal (folded, platforms[i].aliases[j]))
          return platforms[i].value;
    }

  return NULL;
}

/* Maps "电话", "Phone", "微博" or "weibo" to a known channel; other text
 * comes back as NULL, meaning "keep it as free text". */
const char *
kdx_channel_normalize (const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return NULL;

  folded = g_utf8_casefold (text, -1);
  g_strstrip (folded);

  for (gsize i = 0; i < G_N_ELEMENTS (contact_channels); i++)
    {
      const KnownValue *known = &contact_channels[i];
      g_autofree char *label = g_utf8_casefold (known->label, -1);
      g_autofree char *translated =
        g_utf8_casefold (g_dpgettext2 (GETTEXT_PACKAGE, "channel", known->label), -1);

      if (g_str_equal (folded, known->value) || g_str_equal (folded, label)
          || g_str_equal (folded, translated))
        return known->value;
      for (guint j = 0; known->aliases[j] != NULL; j++)
        if (g_str_equal (folded, known->aliases[j]))
          return known->value;
    }

  return kdx_platform_normalize (text);
}
