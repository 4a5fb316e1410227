/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-import"

#include "config.h"

#include "kdx-column-mapper-private.h"

/* KdxColumnMapper's data, apart from its code so that neither outgrows
 * a file. */

/* ---- the data: headers and values as operators write them ----------------- */

/* Header names per field, English and Chinese (simplified and
 * traditional). They are compared folded: case, width, spaces, _ - . : *
 * and a bracketed remark ("手机（必填）") do not count. Only whole
 * headers match, so a column is never guessed from a part of its name. */
static const char *const display_name_headers[] = {
  "display name", "name", "nickname", "nick name", "nick", "kol", "kol name", "influencer",
  "creator", "blogger",
  "昵称", "昵稱", "暱稱", "名字", "姓名", "名称", "名稱", "达人", "達人", "达人昵称", "達人暱稱",
  "达人名称", "達人名稱", "博主", "博主昵称", "博主暱稱", "网名", "網名", "红人", "紅人",
  "kol昵称", "kol暱稱", "kol名称", "kol名稱", "账号昵称", "帳號暱稱", "账号名称", "帳號名稱", NULL
};
static const char *const real_name_headers[] = {
  "real name", "true name", "full name", "legal name",
  "真实姓名", "真實姓名", "真名", "本名", "实名", "實名", NULL
};
static const char *const gender_headers[] = { "gender", "sex", "性别", "性別", NULL };
static const char *const birthday_headers[] = {
  "birthday", "birth date", "date of birth", "dob", "生日", "出生日期", "出生年月日", NULL
};
static const char *const city_headers[] = {
  "city", "location", "region", "城市", "所在城市", "地区", "地區", "所在地", "所在地区",
  "所在地區", "地域", NULL
};
static const char *const bio_headers[] = {
  "bio", "biography", "intro", "introduction", "about", "简介", "簡介", "个人简介", "個人簡介",
  "介绍", "介紹", NULL
};
static const char *const personality_headers[] = { "personality", "性格", "个性", "個性", NULL };
static const char *const preferences_headers[] = {
  "preferences", "likes", "hobbies", "喜好", "偏好", "爱好", "愛好", "兴趣", "興趣", NULL
};
static const char *const phone_headers[] = {
  "phone", "phone number", "phone no", "mobile", "mobile phone", "mobile number", "cell",
  "cell phone", "tel", "telephone", "contact number",
  "电话", "電話", "手机", "手機", "手机号", "手機號", "手机号码", "手機號碼", "电话号码",
  "電話號碼", "联系电话", "聯繫電話", "聯絡電話", "联系方式", "聯繫方式", "聯絡方式", NULL
};
static const char *const wechat_headers[] = {
  "wechat", "wechat id", "weixin", "wx", "vx",
  "微信", "微信号", "微信號", "微信id", "微信账号", "微信帳號", NULL
};
static const char *const email_headers[] = {
  "email", "e-mail", "mail", "email address",
  "邮箱", "郵箱", "电子邮件", "電子郵件", "电子邮箱", "電子郵箱", "电邮", "電郵", "邮件", "郵件", NULL
};
static const char *const address_headers[] = {
  "address", "postal address", "mailing address", "地址", "邮寄地址", "郵寄地址", "收货地址",
  "收貨地址", "通讯地址", "通訊地址", "联系地址", "聯繫地址", NULL
};
static const char *const agent_headers[] = {
  "agent", "manager", "agency", "经纪人", "經紀人", "经纪", "經紀", "经纪公司", "經紀公司",
  "机构", "機構", "mcn", NULL
};
static const char *const platform_headers[] = {
  "platform", "site", "平台", "平臺", "所在平台", "所在平臺", "主平台", "主平臺", "渠道", NULL
};
static const char *const handle_headers[] = {
  "handle", "account", "account id", "id", "user id", "username", "user name",
  "账号", "賬號", "帳號", "账户", "帳戶", "平台账号", "平臺帳號", "平台id", "平臺id",
  "用户名", "用戶名", "用户id", "用戶id", NULL
};
static const char *const followers_headers[] = {
  "followers", "follower", "follower count", "followers count", "fans", "fan count",
  "fans count", "subscribers",
  "粉丝", "粉丝数", "粉丝量", "粉丝数量", "粉絲", "粉絲數", "粉絲量", "粉絲數量", "关注者",
  "關注者", "订阅数", "訂閱數", "订阅者", "訂閱者", NULL
};
static const char *const category_headers[] = {
  "category", "type", "niche", "vertical",
  "领域", "領域", "类别", "類別", "类型", "類型", "分类", "分類", "垂类", "垂類", "赛道",
  "賽道", "行业", "行業", NULL
};
static const char *const tags_headers[] = {
  "tags", "tag", "labels", "keywords", "标签", "標籤", "标记", "關鍵詞", "关键词", NULL
};
static const char *const tier_headers[] = {
  "tier", "level", "层级", "層級", "级别", "級別", "等级", "等級", NULL
};
static const char *const fit_score_headers[] = { "fit", "fit score", "匹配度", "契合度", NULL };
static const char *const content_quality_headers[] = {
  "content quality", "内容质量", "內容質量", "內容品質", NULL
};
static const char *const activity_headers[] = { "activity", "活跃度", "活躍度", NULL };
static const char *const fan_quality_headers[] = {
  "fan quality", "粉丝质量", "粉絲質量", "粉絲品質", NULL
};
static const char *const own_account_headers[] = {
  "own account", "本站账号", "本站帳號", NULL
};
static const char *const source_headers[] = { "source", "来源", "來源", NULL };
static const char *const purpose_headers[] = { "purpose", "goal", "目的", NULL };
static const char *const plan_headers[] = { "plan", "合作方式", NULL };
static const char *const fee_headers[] = {
  "fee", "price", "quote", "rate", "报价", "報價", "费用", "費用", "价格", "價格", "合作费用",
  "合作費用", NULL
};
static const char *const currency_headers[] = { "currency", "币种", "幣種", "货币", "貨幣", NULL };
static const char *const exclusive_headers[] = { "exclusive", "独家", "獨家", NULL };
static const char *const incentives_headers[] = { "incentives", "激励", "激勵", NULL };
static const char *const demands_headers[] = {
  "demands", "requirements", "诉求", "訴求", "要求", "需求", NULL
};
static const char *const stage_headers[] = {
  "stage", "status", "阶段", "階段", "状态", "狀態", NULL
};
static const char *const churn_reason_headers[] = { "churn reason", "流失原因", NULL };
static const char *const owner_headers[] = {
  "owner", "operator", "负责人", "負責人", "对接人", "對接人", "运营", "運營", NULL
};
static const char *const next_follow_up_headers[] = {
  "next follow up", "follow up", "下次跟进", "下次跟進", "跟进日期", "跟進日期", NULL
};
/* A column of days ("联系周期（天）": brackets are dropped when matching). */
static const char *const contact_every_days_headers[] = {
  "contact every days", "contact every", "contact interval", "contact cadence", "cadence",
  "联系周期", "聯繫週期", "聯繫周期", "聯絡週期", "联系频率", "聯繫頻率", "聯絡頻率",
  "跟进周期", "跟進週期", "跟進周期", NULL
};
static const char *const reapproach_on_headers[] = {
  "reapproach on", "reapproach", "reapproach date", "try again on",
  "再次接触", "再次接觸", "再次联系", "再次聯繫", "再次聯絡", "重新接触", "重新接觸",
  "再次接触日期", "再次接觸日期", NULL
};
static const char *const notes_headers[] = {
  "notes", "note", "remarks", "remark", "comments", "comment", "memo",
  "备注", "備註", "备注信息", "備註信息", "说明", "說明", "附注", "附註", NULL
};

const KdxMapperHeaders kdx_mapper_header_table[] = {
  { "display_name", display_name_headers },
  { "real_name", real_name_headers },
  { "gender", gender_headers },
  { "birthday", birthday_headers },
  { "city", city_headers },
  { "bio", bio_headers },
  { "personality", personality_headers },
  { "preferences", preferences_headers },
  { "phone", phone_headers },
  { "wechat", wechat_headers },
  { "email", email_headers },
  { "address", address_headers },
  { "agent", agent_headers },
  { "platform", platform_headers },
  { "handle", handle_headers },
  { "followers", followers_headers },
  { "category", category_headers },
  { "tags", tags_headers },
  { "tier", tier_headers },
  { "fit_score", fit_score_headers },
  { "content_quality", content_quality_headers },
  { "activity", activity_headers },
  { "fan_quality", fan_quality_headers },
  { "own_account", own_account_headers },
  { "source", source_headers },
  { "purpose", purpose_headers },
  { "plan", plan_headers },
  { "fee", fee_headers },
  { "currency", currency_headers },
  { "exclusive", exclusive_headers },
  { "incentives", incentives_headers },
  { "demands", demands_headers },
  { "stage", stage_headers },
  { "churn_reason", churn_reason_headers },
  { "owner", owner_headers },
  { "next_follow_up", next_follow_up_headers },
  { "contact_every_days", contact_every_days_headers },
  { "reapproach_on", reapproach_on_headers },
  { "notes", notes_headers },
};

/* Enum values as operators write them in Chinese; English nicks and the
 * labels in the user's language are recognised without a table. */
const KdxMapperValue kdx_mapper_value_table[] = {
  { "gender", "male", { "男", "男性", "先生", "m", NULL } },
  { "gender", "female", { "女", "女性", "女士", "f", NULL } },
  { "gender", "unknown", { "未知", "保密", NULL } },
  { "gender", "other", { "其他", NULL } },
  { "tier", "head", { "头部", "頭部", NULL } },
  { "tier", "waist", { "腰部", NULL } },
  { "tier", "tail", { "尾部", NULL } },
  { "tier", "unrated", { "未评级", "未評級", NULL } },
  { "stage", "candidate", { "候选", "候選", "待联系", "待聯繫", "待聯絡", NULL } },
  { "stage", "contacting", { "联系中", "聯繫中", "聯絡中", "沟通中", "溝通中", NULL } },
  { "stage", "negotiating", { "洽谈中", "洽談中", "谈判中", "談判中", "洽谈", "洽談", NULL } },
  { "stage", "onboarding", { "入驻", "入駐", "签约", "簽約", "入驻中", "入駐中", NULL } },
  { "stage", "growing", { "成长", "成長", "成长期", "成長期", NULL } },
  { "stage", "mature", { "成熟", "成熟期", NULL } },
  { "stage", "declining", { "衰退", "衰退期", NULL } },
  { "stage", "departed", { "已离开", "已離開", "离开", "離開", "流失", "已流失", NULL } },
  { "stage", "declined", { "已拒绝", "已拒絕", "拒绝", "拒絕", NULL } },
  { "source", "external", { "外部", NULL } },
  { "source", "internal", { "内部", "內部", "站内", "站內", NULL } },
  { "source", "unset", { "未设置", "未設置", "未知", NULL } },
  { "purpose", "acquisition", { "拉新", "获客", "獲客", NULL } },
  { "purpose", "activation", { "促活", "活跃", "活躍", NULL } },
  { "purpose", "conversion", { "转化", "轉化", "付费转化", "付費轉化", NULL } },
  { "purpose", "unset", { "未设置", "未設置", "未知", NULL } },
  { "fans_portable", "yes", { "是", "会", "會", NULL } },
  { "fans_portable", "partly", { "部分", NULL } },
  { "fans_portable", "no", { "否", "不会", "不會", NULL } },
};

const guint kdx_mapper_n_header_table = G_N_ELEMENTS (kdx_mapper_header_table);
const guint kdx_mapper_n_value_table = G_N_ELEMENTS (kdx_mapper_value_table);
