/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-dossier"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <pango/pangocairo.h>

#include "kdx-dossier.h"
#include "kdx-enums.h"
#include "kdx-channel.h"
#include "kdx-event.h"
#include "kdx-important-date.h"
#include "kdx-stage-entry.h"
#include "kdx-store.h"
#include "kdx-test-util.h"

/* Dossiers are checked the way a reader gets them: rendered to PDF and
 * read back with pdftotext, so what is asserted is text on the pages.
 * koldex-cli dossier is checked in test-dossier-cli.c. */

typedef KdxTestFolder Fixture;

/* ---- helpers ---------------------------------------------------------------- */

/* A file whose notes run for pages, with a long timeline. */
static KdxKol *
add_long_kol (Fixture *fixture)
{
  g_autoptr(KdxKol) kol = kdx_test_make_full_kol ();
  g_autoptr(GString) notes = g_string_new (NULL);

  for (guint i = 0; i < 120; i++)
    g_string_append_printf (notes, "Paragraph %u: met at the studio, talked about the autumn campaign "
                            "and the live stream schedule. 第%u段：她希望下个月有更多推荐位，"
                            "并且对分成比例有新的想法，需要和运营主管再确认一次。\n", i + 1, i + 1);
  g_string_append (notes, "END-OF-NOTES");
  g_object_set (kol, "notes", notes->str, NULL);

  for (guint i = 0; i < 45; i++)
    {
      g_autoptr(KdxEvent) event = kdx_event_new ();
      g_autofree char *at = g_strdup_printf ("2024-%02u-%02uT09:00:00Z", 1 + i / 28 % 12, 1 + i % 28);
      g_autofree char *summary = g_strdup_printf ("Follow-up %u 跟进", i + 1);

      g_object_set (event, "at", at, "kind", i % 5 == 0 ? KDX_EVENT_KIND_GIFT : KDX_EVENT_KIND_MESSAGE,
                    "summary", summary, NULL);
      g_list_store_append (kdx_kol_get_events (kol), event);
    }
  return kdx_test_add_kol (fixture, kol);
}

/* What a typical file holds, in one language: who the KOL is, how to
 * reach them, four channels, a cooperation plan, two important dates, a
 * few timeline events and the stage moves that brought them here. */
typedef struct
{
  const char *name;
  const char *real_name;
  const char *city;
  const char *bio;
  const char *wechat;
  const char *email;
  const char *category;
  const char *tags[3];
  const char *owner;
  const char *incentives;
  const char *handles[4];
  const char *dates[2];
  const char *events[4];
  const char *moves[4];
} Typical;

static const Typical typical_english = {
  "Mia Tests Skincare", "Chen Mia", "Hangzhou",
  "Skincare reviewer who tests every product for four weeks before she writes about it. "
  "Known for honest, well-sourced reviews; most of her readers are women of 25 to 35.",
  "mia_reviews", "mia@example.com",
  "beauty", { "skincare", "reviews", NULL },
  "Zhang Wei",
  "Homepage slot once a month; early access to new features",
  { "MiaTestsSkincare", "@mia.tests", "Mia_reviews", "MiaTests" },
  { "Cooperation anniversary", "Channel launch day" },
  { "First WeChat message about the programme", "Call about a profit-share plan",
    "Onboarding meeting: rules and first topics", "Mid-Autumn mooncakes" },
  { "Found in the skincare ranking", "Answered on the second try", "Wants profit share, not a buyout",
    "First review went well" },
};

static const Typical typical_chinese = {
  "小鹿爱测评", "陈晓鹿", "杭州",
  "护肤测评博主，每件产品坚持用满四周再写测评。测评真实、来源清楚，读者以 25 到 35 岁的女性为主。",
  "xiaolu_ceping", "xiaolu@example.cn",
  "美妆", { "护肤", "测评", NULL },
  "张伟",
  "每月一次首页推荐位；新功能抢先体验",
  { "小鹿爱测评", "@小鹿测评", "小鹿爱测评官方", "小鹿测评君" },
  { "合作周年", "开号纪念日" },
  { "微信第一次私信：介绍了 KOL 计划", "电话沟通分成方案",
    "入驻会议：讲规则，定首批选题", "中秋月饼礼盒" },
  { "在护肤榜单上发现", "第二次联系才回复", "要分成，不要买断", "第一篇测评反响很好" },
};

static KdxKol *
make_typical_kol (const Typical *t,
                  guint          n)
{
  static const char *const platforms[] = { "wechat_oa", "xiaohongshu", "weibo", "bilibili" };
  static const gint64 channel_followers[] = { 853000, 420000, 120000, 56000 };
  static const char *const urls[] = { "https://mp.weixin.qq.com/s/mia-tests", "https://www.xiaohongshu.com/user/profile/5f1a2b3c", NULL, NULL };
  static const char *const date_days[] = { "2025-05-01", "2019-08-20" };
  static const KdxEventKind kinds[] = {
    KDX_EVENT_KIND_MESSAGE, KDX_EVENT_KIND_CALL, KDX_EVENT_KIND_MEETING, KDX_EVENT_KIND_GIFT
  };
  static const KdxOutcome outcomes[] = {
    KDX_OUTCOME_INTERESTED, KDX_OUTCOME_AGREED, KDX_OUTCOME_NONE, KDX_OUTCOME_NONE
  };
  static const char *const event_days[] = {
    "2025-03-10T12:00:00Z", "2025-04-02T08:30:00Z", "2025-05-01T06:00:00Z", "2025-09-15T04:00:00Z"
  };
  static const KdxStage stages[] = {
    KDX_STAGE_CANDIDATE, KDX_STAGE_CONTACTING, KDX_STAGE_NEGOTIATING, KDX_STAGE_GROWING
  };
  static const char *const stage_days[] = {
    "2025-03-02T09:00:00Z", "2025-03-10T12:00:00Z", "2025-04-02T08:30:00Z", "2025-06-20T10:00:00Z"
  };
  KdxKol *kol = kdx_kol_new ();
  g_autofree char *name = g_strdup_printf ("%s %u", t->name, n);

  g_object_set (kol,
                "display-name", name, "real-name", t->real_name, "gender", KDX_GENDER_FEMALE,
                "birthday", "1994-07-12", "city", t->city, "bio", t->bio,
                "phone", "+8613800138000", "wechat", t->wechat, "email", t->email,
                "platform", "wechat_oa", "handle", t->handles[0], "followers", (gint64) 1449000,
                "category", t->category, "tags", t->tags, "tier", KDX_TIER_WAIST,
                "fit-score", (gint64) 4,
                "source", KDX_SOURCE_EXTERNAL, "purpose", KDX_PURPOSE_CONVERSION,
                "plan", KDX_PLAN_PROFIT_SHARE, "fee", "8000", "currency", "CNY",
                "incentives", t->incentives,
                "stage", KDX_STAGE_GROWING, "owner", t->owner, "next-follow-up", "2026-12-10",
                NULL);

  for (guint i = 0; i < G_N_ELEMENTS (platforms); i++)
    {
      g_autoptr(KdxChannel) channel = kdx_channel_new ();

      g_object_set (channel, "platform", platforms[i], "handle", t->handles[i], "url", urls[i],
                    "followers", channel_followers[i], "activity", (gint64) 4 - i % 2,
                    "checked-on", "2026-10-01", NULL);
      if (i == 1)
        g_object_set (channel, "rank", (gint64) 85, NULL);
      g_list_store_append (kdx_kol_get_channels (kol), channel);
    }
  for (guint i = 0; i < G_N_ELEMENTS (t->dates); i++)
    {
      g_autoptr(KdxImportantDate) date = kdx_important_date_new ();

      g_object_set (date, "label", t->dates[i], "date", date_days[i], "yearly", TRUE, NULL);
      g_list_store_append (kdx_kol_get_important_dates (kol), date);
    }
  for (guint i = 0; i < G_N_ELEMENTS (t->events); i++)
    {
      g_autoptr(KdxEvent) event = kdx_event_new ();

      g_object_set (event, "at", event_days[i], "kind", kinds[i], "summary", t->events[i],
                    "outcome", outcomes[i], NULL);
      g_list_store_append (kdx_kol_get_events (kol), event);
    }
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autoptr(KdxStageEntry) entry = kdx_stage_entry_new ();

      g_object_set (entry, "stage", stages[i], "at", stage_days[i], "note", t->moves[i], NULL);
      g_list_store_append (kdx_kol_get_stage_history (kol), entry);
    }
  return kol;
}

static GPtrArray *
kols_of (KdxKol *first,
         ...)
{
  GPtrArray *kols = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (KdxKol *kol = first; kol != NULL; kol = va_arg (args, KdxKol *))
    g_ptr_array_add (kols, g_object_ref (kol));
  va_end (args);
  return kols;
}

static char *
write_pdf (Fixture    *fixture,
           KdxDossier *dossier,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (kdx_dossier_write_pdf (dossier, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

/* ---- core tests ------------------------------------------------------------- */

static void
test_sections (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_test_add_full_kol (fixture);
  g_autoptr(GPtrArray) kols = kols_of (kol, NULL);
  g_autoptr(KdxDossier) dossier = kdx_dossier_new (kols);
  g_autofree char *path = write_pdf (fixture, dossier, "full.pdf");
  g_autofree char *text = kdx_test_pdf_text (path);
  const char *const expected[] = {
    /* the header */
    "王小美", "@xiaomei", "Xiaohongshu", "Followers", "125K", "Tier", "Waist", "Stage", "Growing",
    "Days in stage", "0 days",
    /* every section */
    "Personal", "Contact", "Business", "Channels", "Cooperation", "Upkeep", "Recent timeline",
    "Stage history", "Notes",
    /* the fields */
    "Female", "1995-03-08", "直爽", "+8613800138000", "xiaomei_88", "xm@example.cn",
    "李经纪", "beauty", "125,000", "4/5", "Partly", "xm_official", "Internal", "Conversion",
    "Profit share", "12000.50 CNY", "Yes, since 2024-05-01", "流量扶持", "每月一次推荐位",
    "2024-04-20", "阿杰", "2026-12-01", "Poached",
    /* the channel table */
    "Bilibili", "xm_bili", "30,000", "120", "2024-06-01",
    /* upkeep */
    "Important dates", "合作周年 (every year)",
    /* timeline and history */
    "2024-03-01", "Outreach", "Interested", "Duration",
    /* the footer */
    "Page 1 of", "Printed ", "Confidential",
  };

  g_assert_cmpuint (kdx_dossier_get_n_kols (dossier), ==, 1);
  /* A full file fits on a few pages. */
  g_assert_cmpuint (kdx_dossier_get_n_pages (dossier), <=, 3);
  g_assert_cmpuint (kdx_test_pdf_n_pages (path), ==, kdx_dossier_get_n_pages (dossier));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    kdx_test_assert_has (text, expected[i]);
  /* A table cell's markup specials reach the page as text (the link may
   * be wrapped in its narrow column, and paper shows it without its
   * scheme). */
  kdx_test_assert_has (text, "example.cn/xm?");
  kdx_test_assert_lacks (text, "https://");
  kdx_test_assert_has (text, "a=1&b=2");
  kdx_test_assert_has (text, "私信 <第一次>");
  /* No gift was recorded: a line saying so would only take room. */
  kdx_test_assert_lacks (text, "Gifts");
  kdx_test_assert_lacks (text, "No gifts recorded.");

  g_assert_finalize_object (g_steal_pointer (&dossier));
}

static void
test_chinese (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_test_add_full_kol (fixture);
  g_autoptr(GPtrArray) kols = kols_of (kol, NULL);
  g_autoptr(KdxDossier) dossier = kdx_dossier_new (kols);
  g_autofree char *path = write_pdf (fixture, dossier, "chinese.pdf");
  g_autofree char *text = kdx_test_pdf_text (path);
  g_autofree char *fonts = kdx_test_run_tool ("pdffonts", path, NULL);

  /* The text comes back as text, not as shapes or question marks. */
  kdx_test_assert_has (text, "小美");
  kdx_test_assert_has (text, "王小美");
  kdx_test_assert_has (text, "上海");
  kdx_test_assert_has (text, "美妆博主");
  /* pdftotext puts a space where the font changes, after "<" or a
   * quote before Han. */
  kdx_test_assert_has (text, "第二行 \"");
  kdx_test_assert_has (text, "引号\" &");
  kdx_test_assert_has (text, "标签>");
  kdx_test_assert_has (text, "喜欢猫；不喝咖啡");
  kdx_test_assert_has (text, "忠实，女性为主");
  kdx_test_assert_has (text, "美妆, 护肤 &");
  kdx_test_assert_has (text, "测评>");
  kdx_test_assert_has (text, "合作周年");
  kdx_test_assert_has (text, "第一行");
  /* Han glyphs come from a CJK font, found through fontconfig. */
  kdx_test_assert_has (fonts, "CJK");
}

static void
test_no_contact (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_test_add_full_kol (fixture);
  g_autoptr(GPtrArray) kols = kols_of (kol, NULL);
  g_autoptr(KdxDossier) dossier = kdx_dossier_new (kols);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  const char *const contact[] = {
    "8613800138000", "xiaomei_88", "xm@example.cn", "徐汇区", "李经纪", "0000 0000",
    "WeChat ID", "Phone", "Email", "Postal address", "Agent", "Contact",
  };

  g_assert_true (kdx_dossier_get_include_contact (dossier));
  kdx_dossier_set_include_contact (dossier, FALSE);
  g_assert_false (kdx_dossier_get_include_contact (dossier));

  path = write_pdf (fixture, dossier, "no-contact.pdf");
  text = kdx_test_pdf_text (path);
  for (guint i = 0; i < G_N_ELEMENTS (contact); i++)
    kdx_test_assert_lacks (text, contact[i]);
  /* The rest of the file is all there. */
  kdx_test_assert_has (text, "Personal");
  kdx_test_assert_has (text, "Business");
  kdx_test_assert_has (text, "Stage history");
  kdx_test_assert_has (text, "上海");
}

static void
test_long_file (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KdxKol) short_kol = kdx_test_add_full_kol (fixture);
  g_autoptr(KdxKol) long_kol = add_long_kol (fixture);
  g_autoptr(GPtrArray) short_kols = kols_of (short_kol, NULL);
  g_autoptr(GPtrArray) long_kols = kols_of (long_kol, NULL);
  g_autoptr(KdxDossier) short_dossier = kdx_dossier_new (short_kols);
  g_autoptr(KdxDossier) long_dossier = kdx_dossier_new (long_kols);
  g_autofree char *short_path = write_pdf (fixture, short_dossier, "short.pdf");
  g_autofree char *long_path = write_pdf (fixture, long_dossier, "long.pdf");
  g_autofree char *text = kdx_test_pdf_text (long_path);
  guint n_pages = kdx_test_pdf_n_pages (long_path);

  g_assert_cmpuint (n_pages, >, kdx_test_pdf_n_pages (short_path));
  g_assert_cmpuint (n_pages, >=, 3);
  g_assert_cmpuint (kdx_dossier_get_n_pages (long_dossier), ==, n_pages);

  /* Nothing is clipped: the first and the last words of the notes are
   * there, and every paragraph in between. */
  for (guint i = 1; i <= 120; i++)
    {
      g_autofree char *paragraph = g_strdup_printf ("第%u段", i);
      kdx_test_assert_has (text, paragraph);
    }
  kdx_test_assert_has (text, "END-OF-NOTES");

  /* The newest 20 events; the line about the others. */
  kdx_test_assert_has (text, "Follow-up 45 跟进");
  kdx_test_assert_has (text, "Follow-up 27 跟进");
  kdx_test_assert_lacks (text, "Follow-up 25 跟进");
  kdx_test_assert_has (text, "26 older events are not shown.");
  /* Gifts come from the whole timeline, not only the recent part. */
  kdx_test_assert_has (text, "Follow-up 1 跟进");
  kdx_test_assert_lacks (text, "Follow-up 2 跟进");

  /* Every page says which it is; later ones whose file they continue. */
  {
    g_autofree char *page_x = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
    kdx_test_assert_has (text, "Page 1 of");
    kdx_test_assert_has (text, page_x);
    kdx_test_assert_has (text, "(continued)");
  }
}

static void
test_batch (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(KdxKol) alpha = kdx_test_add_named_kol (fixture, "Alpha Lin", KDX_STAGE_CANDIDATE);
  g_autoptr(KdxKol) beta = add_long_kol (fixture);
  g_autoptr(KdxKol) gamma = kdx_test_add_named_kol (fixture, "Gamma Wu", KDX_STAGE_GROWING);
  g_autoptr(GPtrArray) kols = kols_of (alpha, beta, gamma, NULL);
  g_autoptr(KdxDossier) dossier = kdx_dossier_new (kols);
  g_autofree char *path = write_pdf (fixture, dossier, "batch.pdf");
  g_autofree char *text = kdx_test_pdf_text (path);
  g_auto(GStrv) pages = g_strsplit (text, "\f", -1);
  const char *names[] = { "Alpha Lin", "小美", "Gamma Wu" };
  guint n_first_pages = 0;

  g_assert_cmpuint (kdx_dossier_get_n_kols (dossier), ==, 3);
  g_assert_cmpuint (kdx_test_pdf_n_pages (path), >=, 5);

  /* Every dossier starts on a page of its own, in the order given: a
   * first page holds the dossier's name and no other. */
  for (guint i = 0; pages[i] != NULL; i++)
    {
      if (strstr (pages[i], "Page 1 of") == NULL)
        continue;
      g_assert_cmpuint (n_first_pages, <, G_N_ELEMENTS (names));
      kdx_test_assert_has (pages[i], names[n_first_pages]);
      for (guint j = 0; j < G_N_ELEMENTS (names); j++)
        if (j != n_first_pages)
          kdx_test_assert_lacks (pages[i], names[j]);
      n_first_pages++;
    }
  g_assert_cmpuint (n_first_pages, ==, 3);
}

static void
test_paper (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_test_add_full_kol (fixture);
  g_autoptr(GPtrArray) kols = kols_of (kol, NULL);
  g_autoptr(KdxDossier) dossier = kdx_dossier_new (kols);
  g_autofree char *a4_path = NULL;
  g_autofree char *letter_path = NULL;
  g_autofree char *a4_info = NULL;
  g_autofree char *letter_info = NULL;
  g_autofree char *saved_all = g_strdup (g_getenv ("LC_ALL"));
  KdxPaper paper;
  double width, height;

  kdx_paper_get_size (KDX_PAPER_LETTER, &width, &height);
  g_assert_cmpfloat (width, ==, 612);
  g_assert_cmpfloat (height, ==, 792);
  kdx_paper_get_size (KDX_PAPER_A4, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.28, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 841.89, 0.01);

  g_assert_true (kdx_paper_from_string ("letter", &paper));
  g_assert_cmpint (paper, ==, KDX_PAPER_LETTER);
  g_assert_true (kdx_paper_from_string ("a4", &paper));
  g_assert_cmpint (paper, ==, KDX_PAPER_A4);
  g_assert_false (kdx_paper_from_string ("A5", &paper));

  /* Only C.UTF-8 is installed here: the locale's name says the territory. */
  g_unsetenv ("LC_ALL");
  g_setenv ("LC_PAPER", "en_US.UTF-8", TRUE);
  g_assert_cmpint (kdx_paper_for_locale (), ==, KDX_PAPER_LETTER);
  g_setenv ("LC_PAPER", "fr_CA.UTF-8", TRUE);
  g_assert_cmpint (kdx_paper_for_locale (), ==, KDX_PAPER_LETTER);
  g_setenv ("LC_PAPER", "zh_CN.UTF-8", TRUE);
  g_assert_cmpint (kdx_paper_for_locale (), ==, KDX_PAPER_A4);
  g_unsetenv ("LC_PAPER");
  g_setenv ("LANG", "en_GB.UTF-8", TRUE);
  g_assert_cmpint (kdx_paper_for_locale (), ==, KDX_PAPER_A4);
  g_setenv ("LC_ALL", saved_all != NULL ? saved_all : "C.UTF-8", TRUE);

  kdx_dossier_set_paper (dossier, KDX_PAPER_A4);
  a4_path = write_pdf (fixture, dossier, "a4.pdf");
  kdx_dossier_set_paper (dossier, KDX_PAPER_LETTER);
  g_assert_cmpint (kdx_dossier_get_paper (dossier), ==, KDX_PAPER_LETTER);
  letter_path = write_pdf (fixture, dossier, "letter.pdf");

  a4_info = kdx_test_run_tool ("pdfinfo", a4_path, NULL);
  letter_info = kdx_test_run_tool ("pdfinfo", letter_path, NULL);
  kdx_test_assert_has (a4_info, "(A4)");
  kdx_test_assert_has (letter_info, "(letter)");
}

static void
test_avatar (Fixture       *fixture,
             gconstpointer  data)
{
  static const guchar jpeg[] = { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0 };
  g_autoptr(KdxKol) with_png = kdx_test_add_named_kol (fixture, "Tina Tan", KDX_STAGE_CANDIDATE);
  g_autoptr(KdxKol) with_jpeg = kdx_test_add_named_kol (fixture, "Olly Ode", KDX_STAGE_CANDIDATE);
  g_autoptr(KdxKol) without = kdx_test_add_named_kol (fixture, "Rex Ray", KDX_STAGE_CANDIDATE);
  g_autoptr(GBytes) png = kdx_test_tiny_png ();
  g_autoptr(GBytes) jpeg_bytes = g_bytes_new_static (jpeg, sizeof jpeg);
  g_autoptr(GPtrArray) kols = NULL;
  g_autoptr(KdxDossier) dossier = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *images = NULL;
  g_auto(GStrv) lines = NULL;

  g_object_set (with_png, "avatar", png, NULL);
  g_object_set (with_jpeg, "avatar", jpeg_bytes, NULL);
  kols = kols_of (with_png, with_jpeg, without, NULL);
  dossier = kdx_dossier_new (kols);
  path = write_pdf (fixture, dossier, "avatars.pdf");
  text = kdx_test_pdf_text (path);
  images = kdx_test_run_tool ("pdfimages", "-list", path, NULL);
  lines = g_regex_split_simple ("[\n\f]", text, 0, 0);

  /* A PNG is drawn as a picture; otherwise the initials stand in. */
  g_assert_true (g_strv_contains ((const char *const *) lines, "OO"));
  g_assert_true (g_strv_contains ((const char *const *) lines, "RR"));
  g_assert_false (g_strv_contains ((const char *const *) lines, "TT"));
  kdx_test_assert_has (images, "image");
}

static void
test_draw_pages (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KdxKol) kol = add_long_kol (fixture);
  g_autoptr(GPtrArray) kols = kols_of (kol, NULL);
  g_autoptr(KdxDossier) dossier = kdx_dossier_new (kols);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 612, 792);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  guint n_pages;
  guint n_narrow;

  /* As a print dialog does it: its own page size, its own context. */
  n_pages = kdx_dossier_layout (dossier, context, 612, 792);
  g_assert_cmpuint (n_pages, >=, 3);
  g_assert_cmpuint (kdx_dossier_get_n_pages (dossier), ==, n_pages);
  for (guint i = 0; i < n_pages; i++)
    kdx_dossier_draw_page (dossier, cr, i);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  /* The same again gives the same pages; a smaller page more of them. */
  g_assert_cmpuint (kdx_dossier_layout (dossier, context, 612, 792), ==, n_pages);
  n_narrow = kdx_dossier_layout (dossier, context, 420, 595);
  g_assert_cmpuint (n_narrow, >, n_pages);

  /* A changed option drops the layout, which must be made again. */
  kdx_dossier_set_include_contact (dossier, FALSE);
  g_assert_cmpuint (kdx_dossier_get_n_pages (dossier), ==, 0);

  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A page of @dossier as pixels, drawn on @cr (A4 at 1 px per point) over
 * a white sheet. */
static GBytes *
page_pixels (KdxDossier *dossier,
             cairo_t    *cr,
             guint       page)
{
  cairo_surface_t *surface = cairo_get_target (cr);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_restore (cr);
  kdx_dossier_draw_page (dossier, cr, page);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (surface);
  return g_bytes_new (cairo_image_surface_get_data (surface),
                      cairo_image_surface_get_stride (surface) * cairo_image_surface_get_height (surface));
}

/* Pages printed one after the other, as a PDF or a printer gets them,
 * look exactly as each page drawn on its own: nothing of a page (a line
 * from where its last text ended) reaches into the next. */
static void
test_pages_independent (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KdxKol) alpha = kdx_test_add_full_kol (fixture);
  g_autoptr(KdxKol) beta = kdx_test_add_named_kol (fixture, "Beta Bo", KDX_STAGE_CANDIDATE);
  g_autoptr(KdxKol) gamma = kdx_test_add_full_kol (fixture);
  g_autoptr(GPtrArray) kols = kols_of (alpha, beta, gamma, NULL);
  g_autoptr(KdxDossier) dossier = kdx_dossier_new (kols);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 595, 842);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  guint n_pages;

  /* Alpha and Gamma have a picture, Beta initials: both are clipped to a
   * circle, the path that used to start where the page before ended. */
  n_pages = kdx_dossier_layout (dossier, context, 595, 842);
  g_assert_cmpuint (n_pages, >=, 3);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(GBytes) after_others = page_pixels (dossier, cr, i);
      cairo_surface_t *alone_surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 595, 842);
      cairo_t *alone_cr = cairo_create (alone_surface);
      g_autoptr(GBytes) alone = page_pixels (dossier, alone_cr, i);

      if (!g_bytes_equal (after_others, alone))
        g_error ("page %u drawn after page %u differs from page %u drawn alone", i + 1, i, i + 1);
      /* What a page draws leaves no path behind for the caller either. */
      g_assert_false (cairo_has_current_point (cr));
      cairo_show_page (cr);

      cairo_destroy (alone_cr);
      cairo_surface_destroy (alone_surface);
    }

  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_write_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_test_add_full_kol (fixture);
  g_autoptr(GPtrArray) kols = kols_of (kol, NULL);
  g_autoptr(KdxDossier) dossier = kdx_dossier_new (kols);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "x.pdf", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "a-folder", NULL);
  g_autofree char *cancelled = g_build_filename (fixture->dir, "cancelled.pdf", NULL);
  guint n_entries;

  g_assert_false (kdx_dossier_write_pdf (dossier, missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "x.pdf"));
  g_clear_error (&error);

  /* A folder in the way: nothing is left behind, not even the temporary file. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  n_entries = kdx_test_count_entries (fixture->dir);
  g_assert_false (kdx_dossier_write_pdf (dossier, folder, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_clear_error (&error);
  g_assert_cmpuint (kdx_test_count_entries (fixture->dir), ==, n_entries);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));

  g_cancellable_cancel (cancellable);
  g_assert_false (kdx_dossier_write_pdf (dossier, cancelled, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (cancelled, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (kdx_test_count_entries (fixture->dir), ==, n_entries);
}

static void
test_copies (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_test_add_named_kol (fixture, "Before Edit", KDX_STAGE_CANDIDATE);
  g_autoptr(GPtrArray) kols = kols_of (kol, NULL);
  g_autoptr(KdxDossier) dossier = kdx_dossier_new (kols);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2030, 1, 2, 3, 4, 5);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  /* What is printed is the file as it was when the dossier was made. */
  kdx_kol_set_display_name (kol, "After Edit");
  kdx_dossier_set_print_time (dossier, when);
  g_assert_true (g_date_time_equal (kdx_dossier_get_print_time (dossier), when));
  path = write_pdf (fixture, dossier, "copy.pdf");
  text = kdx_test_pdf_text (path);
  kdx_test_assert_has (text, "Before Edit");
  kdx_test_assert_lacks (text, "After Edit");
  kdx_test_assert_has (text, "Printed 2030-01-02");
}

/* @n typical files in the language of the moment (see typical_english). */
static KdxDossier *
typical_dossier (const Typical *t,
                 guint          n)
{
  g_autoptr(GPtrArray) kols = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 20, 9, 0, 0);
  KdxDossier *dossier;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (kols, make_typical_kol (t, i + 1));
  dossier = kdx_dossier_new (kols);
  kdx_dossier_set_paper (dossier, KDX_PAPER_A4);
  kdx_dossier_set_print_time (dossier, when);
  return dossier;
}

/* A typical file on one A4 page, the 48 of a candidate list on at most
 * 60: what an operator carries to a meeting. @words are on the one page. */
static void
check_typical (Fixture           *fixture,
               const Typical     *t,
               const char *const *words)
{
  g_autoptr(KdxDossier) one = typical_dossier (t, 1);
  g_autoptr(KdxDossier) list = typical_dossier (t, 48);
  g_autofree char *one_path = write_pdf (fixture, one, "typical.pdf");
  g_autofree char *list_path = write_pdf (fixture, list, "typical-48.pdf");
  g_autofree char *text = kdx_test_pdf_text (one_path);

  g_assert_cmpuint (kdx_test_pdf_n_pages (one_path), ==, 1);
  g_assert_cmpuint (kdx_test_pdf_n_pages (list_path), <=, 60);
  g_assert_cmpuint (kdx_dossier_get_n_pages (list), ==, kdx_test_pdf_n_pages (list_path));

  /* Nothing was left out to get there. */
  for (guint i = 0; words[i] != NULL; i++)
    kdx_test_assert_has (text, words[i]);
  kdx_test_assert_has (text, t->bio + strlen (t->bio) - 12);
  for (guint i = 0; i < G_N_ELEMENTS (t->events); i++)
    kdx_test_assert_has (text, t->events[i]);
  for (guint i = 0; i < G_N_ELEMENTS (t->moves); i++)
    kdx_test_assert_has (text, t->moves[i]);
  for (guint i = 0; i < G_N_ELEMENTS (t->handles); i++)
    kdx_test_assert_has (text, t->handles[i]);
  for (guint i = 0; i < G_N_ELEMENTS (t->dates); i++)
    kdx_test_assert_has (text, t->dates[i]);
  kdx_test_assert_has (text, t->incentives);
}

static void
test_typical_english (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *const words[] = {
    "Personal", "Contact", "Business", "Channels", "Cooperation", "Upkeep", "Recent timeline",
    "Stage history", "mia@example.com", "Profit share", "8000 CNY", "1.4M", "853,000", "Page 1 of 1",
    NULL
  };
  g_autoptr(KdxDossier) dossier = typical_dossier (&typical_english, 1);
  g_autofree char *path = write_pdf (fixture, dossier, "band.pdf");
  g_autofree char *text = kdx_test_pdf_text (path);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean on_one_line = FALSE;

  check_typical (fixture, &typical_english, words);

  /* The band at the top keeps the longest platform name on one line. */
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "WeChat Official Account") != NULL)
      on_one_line = TRUE;
  g_assert_true (on_one_line);
}

/* The same file in Chinese, with the Chinese labels: a child process,
 * since gettext reads the language once. */
static void
test_typical_chinese (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *const words[] = {
    "个人信息", "联系方式", "商业信息", "渠道", "合作", "维护", "近期时间线", "阶段历史",
    "xiaolu@example.cn", "分成", "8000 CNY", "微信公众号", "145万", "第 1 页，共 1 页",
    NULL
  };

  /* tests/meson.build points it at the build's translations. */
  g_assert_nonnull (g_getenv ("KDX_LOCALEDIR"));
  if (g_test_subprocess ())
    {
      check_typical (fixture, &typical_chinese, words);
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_setenv ("LANGUAGE", "", TRUE);
  g_test_trap_assert_passed ();
}

/* A section with nothing in it is left out, heading and all. */
static void
test_empty_sections (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KdxKol) kol = kdx_test_add_named_kol (fixture, "Empty Eve", KDX_STAGE_CANDIDATE);
  g_autoptr(GPtrArray) kols = kols_of (kol, NULL);
  g_autoptr(KdxDossier) dossier = kdx_dossier_new (kols);
  g_autofree char *path = write_pdf (fixture, dossier, "empty.pdf");
  g_autofree char *text = kdx_test_pdf_text (path);
  /* (Cooperation stays: every file has a source and a purpose.) */
  const char *const absent[] = {
    "Personal", "Contact", "Business", "Channels", "Upkeep", "Recent timeline", "Notes",
    "Nothing recorded", "No channels", "No events", "Unknown", "Unrated", "Fit",
  };

  g_assert_cmpuint (kdx_test_pdf_n_pages (path), ==, 1);
  kdx_test_assert_has (text, "Empty Eve");
  /* The store dated the first stage. */
  kdx_test_assert_has (text, "Stage history");
  for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
    kdx_test_assert_lacks (text, absent[i]);
}

int
main (int    argc,
      char **argv)
{
  /* The Chinese test reads the translations of the build (see
   * test_typical_chinese()). */
  setlocale (LC_ALL, "");
  if (g_getenv ("KDX_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KDX_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
    }
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, kdx_test_folder_set_up, func, kdx_test_folder_tear_down)
  ADD ("/dossier/sections", test_sections);
  ADD ("/dossier/chinese", test_chinese);
  ADD ("/dossier/no-contact", test_no_contact);
  ADD ("/dossier/long-file", test_long_file);
  ADD ("/dossier/batch", test_batch);
  ADD ("/dossier/paper", test_paper);
  ADD ("/dossier/avatar", test_avatar);
  ADD ("/dossier/draw-pages", test_draw_pages);
  ADD ("/dossier/pages-independent", test_pages_independent);
  ADD ("/dossier/typical/english", test_typical_english);
  ADD ("/dossier/typical/chinese", test_typical_chinese);
  ADD ("/dossier/empty-sections", test_empty_sections);
  ADD ("/dossier/write-errors", test_write_errors);
  ADD ("/dossier/copies", test_copies);
#undef ADD

  return g_test_run ();
}
