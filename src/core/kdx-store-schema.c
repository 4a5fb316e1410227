/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kdx-store"

#include "config.h"

#include "kdx-store-schema.h"

/* Version 1: the KOL file of shared/FIELDS.md. Columns carry the field
 * names; enums hold their canonical values; decimals, dates and
 * date-times are ISO text so they stay exact and sort as text. */
static const char migration_1[] =
  "PRAGMA application_id = 1262767192;\n" /* KDX_STORE_APPLICATION_ID */
  "CREATE TABLE kol (\n"
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n" /* ids are never reused */
  "  uid TEXT NOT NULL UNIQUE,\n"
  "  display_name TEXT NOT NULL CHECK (display_name <> ''),\n"
  "  real_name TEXT,\n"
  "  gender TEXT NOT NULL DEFAULT 'unknown'\n"
  "    CHECK (gender IN ('unknown','female','male','other')),\n"
  "  birthday TEXT,\n"
  "  city TEXT,\n"
  "  bio TEXT,\n"
  "  personality TEXT,\n"
  "  preferences TEXT,\n"
  "  phone TEXT,\n"
  "  wechat TEXT,\n"
  "  email TEXT,\n"
  "  address TEXT,\n"
  "  agent TEXT,\n"
  "  platform TEXT,\n"
  "  handle TEXT,\n"
  "  followers INTEGER NOT NULL DEFAULT 0 CHECK (followers >= 0),\n"
  "  category TEXT,\n"
  "  tier TEXT NOT NULL DEFAULT 'unrated'\n"
  "    CHECK (tier IN ('unrated','head','waist','tail')),\n"
  "  fit_score INTEGER NOT NULL DEFAULT 0 CHECK (fit_score BETWEEN 0 AND 5),\n"
  "  content_quality INTEGER NOT NULL DEFAULT 0 CHECK (content_quality BETWEEN 0 AND 5),\n"
  "  activity INTEGER NOT NULL DEFAULT 0 CHECK (activity BETWEEN 0 AND 5),\n"
  "  fan_quality TEXT,\n"
  "  fans_portable TEXT NOT NULL DEFAULT 'unknown'\n"
  "    CHECK (fans_portable IN ('unknown','yes','partly','no')),\n"
  "  own_account TEXT,\n"
  "  source TEXT NOT NULL DEFAULT 'external' CHECK (source IN ('external','internal')),\n"
  "  purpose TEXT NOT NULL DEFAULT 'acquisition'\n"
  "    CHECK (purpose IN ('acquisition','activation','conversion')),\n"
  "  plan TEXT NOT NULL DEFAULT 'none'\n"
  "    CHECK (plan IN ('none','buyout','profit_share','free','other')),\n"
  "  fee TEXT,\n"
  "  currency TEXT,\n"
  "  exclusive INTEGER NOT NULL DEFAULT 0 CHECK (exclusive IN (0, 1)),\n"
  "  exclusive_since TEXT,\n"
  "  incentives TEXT,\n"
  "  demands TEXT,\n"
  "  rules_agreed_on TEXT,\n"
  "  stage TEXT NOT NULL DEFAULT 'candidate'\n"
  "    CHECK (stage IN ('candidate','contacting','negotiating','onboarding','growing',\n"
  "                     'mature','declining','departed','declined')),\n"
  "  churn_reason TEXT,\n"
  "  owner TEXT,\n"
  "  next_follow_up TEXT,\n"
  "  notes TEXT,\n"
  "  created_at TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL\n"
  ");\n"
  "CREATE INDEX kol_display_name ON kol (display_name);\n"
  "CREATE INDEX kol_followers ON kol (followers);\n"
  "CREATE INDEX kol_stage ON kol (stage);\n"
  "CREATE INDEX kol_owner ON kol (owner);\n"
  "CREATE INDEX kol_next_follow_up ON kol (next_follow_up);\n"
  "CREATE INDEX kol_updated_at ON kol (updated_at);\n"
  "CREATE INDEX kol_phone ON kol (phone);\n"
  "CREATE INDEX kol_wechat ON kol (wechat);\n"
  "CREATE INDEX kol_platform_handle ON kol (platform, handle);\n"
  /* Avatars apart, so scanning kol never walks image overflow pages. */
  "CREATE TABLE kol_avatar (\n"
  "  kol_id INTEGER PRIMARY KEY REFERENCES kol (id) ON DELETE CASCADE,\n"
  "  image BLOB NOT NULL\n"
  ");\n"
  "CREATE TABLE kol_tag (\n"
  "  kol_id INTEGER NOT NULL REFERENCES kol (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL,\n"
  "  tag TEXT NOT NULL,\n"
  "  PRIMARY KEY (kol_id, tag)\n"
  ");\n"
  "CREATE INDEX kol_tag_tag ON kol_tag (tag);\n"
  "CREATE TABLE channel (\n"
  "  kol_id INTEGER NOT NULL REFERENCES kol (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL,\n"
  "  platform TEXT NOT NULL,\n"
  "  handle TEXT,\n"
  "  url TEXT,\n"
  "  followers INTEGER NOT NULL DEFAULT 0 CHECK (followers >= 0),\n"
  "  rank INTEGER NOT NULL DEFAULT 0 CHECK (rank >= 0),\n"
  "  activity INTEGER NOT NULL DEFAULT 0 CHECK (activity BETWEEN 0 AND 5),\n"
  "  checked_on TEXT,\n"
  "  PRIMARY KEY (kol_id, position)\n"
  ");\n"
  "CREATE TABLE event (\n"
  "  kol_id INTEGER NOT NULL REFERENCES kol (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL,\n"
  "  at TEXT NOT NULL,\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('outreach','call','message','meeting','gift',\n"
  "                                     'payment','content','note')),\n"
  "  summary TEXT,\n"
  "  outcome TEXT NOT NULL DEFAULT 'none'\n"
  "    CHECK (outcome IN ('none','no_answer','refused','interested','agreed')),\n"
  "  PRIMARY KEY (kol_id, position)\n"
  ");\n"
  "CREATE INDEX event_at ON event (kol_id, at);\n"
  "CREATE TABLE important_date (\n"
  "  kol_id INTEGER NOT NULL REFERENCES kol (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL,\n"
  "  label TEXT NOT NULL,\n"
  "  date TEXT NOT NULL,\n"
  "  yearly INTEGER NOT NULL DEFAULT 1 CHECK (yearly IN (0, 1)),\n"
  "  PRIMARY KEY (kol_id, position)\n"
  ");\n"
  "CREATE TABLE stage_history (\n"
  "  kol_id INTEGER NOT NULL REFERENCES kol (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL,\n"
  "  stage TEXT NOT NULL,\n"
  "  at TEXT NOT NULL,\n"
  "  note TEXT,\n"
  "  PRIMARY KEY (kol_id, position)\n"
  ");\n"
  /* Trigram tokens find Chinese words inside unspaced text (小红 in
   * 小红书达人); the store keeps the rows in step, rowid = kol id. */
  "CREATE VIRTUAL TABLE kol_fts USING fts5 (\n"
  "  names, handles, tags, notes, tokenize = 'trigram'\n"
  ");\n";

/* Version 2: the board's manual order. It is the team's arrangement of
 * cards, not a fact about a KOL, so it lives beside the file. */
static const char migration_2[] =
  "CREATE TABLE board_order (\n"
  "  kol_id INTEGER PRIMARY KEY REFERENCES kol (id) ON DELETE CASCADE,\n"
  "  rank REAL NOT NULL\n"
  ");\n";

/* Version 3: what each import did, so it can be undone as a whole, now
 * or later: the KOLs it created, and a copy of each file it merged into
 * as it was before (a GVariant snapshot, see kdx-kol-snapshot.c). */
static const char migration_3[] =
  "CREATE TABLE import_run (\n"
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
  "  file TEXT NOT NULL,\n"
  "  at TEXT NOT NULL,\n"
  "  created INTEGER NOT NULL,\n"
  "  merged INTEGER NOT NULL,\n"
  "  skipped INTEGER NOT NULL,\n"
  "  rejected INTEGER NOT NULL,\n"
  "  undone_at TEXT\n"
  ");\n"
  "CREATE TABLE import_change (\n"
  "  run_id INTEGER NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,\n"
  "  kol_id INTEGER NOT NULL,\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('created', 'merged')),\n"
  "  before BLOB\n"
  ");\n"
  "CREATE INDEX import_change_run ON import_change (run_id);\n";

/* Version 4: the operator's day (issue 10). Events say through which
 * channel and for how much; important dates say which calendar they
 * recur by; a KOL gets its own contact interval and a re-approach date;
 * source and purpose may be "unset", which new KOLs get.
 *
 * SQLite cannot change a CHECK constraint in place, so kol is rebuilt the
 * way SQLite documents (ALTER TABLE, "making other kinds of table schema
 * changes"): a new table, every row copied with its id, the old one
 * dropped, the new one renamed, the indexes made again. The store turns
 * foreign keys off around migrations, so dropping kol does not cascade
 * into the tables that refer to it. The AUTOINCREMENT counter is carried
 * over, so ids of deleted KOLs are still never reused. Stored source and
 * purpose values stay as they are. */
static const char migration_4[] =
  "ALTER TABLE event ADD COLUMN channel TEXT;\n"
  "ALTER TABLE event ADD COLUMN amount TEXT;\n"
  "ALTER TABLE important_date ADD COLUMN calendar TEXT NOT NULL DEFAULT 'gregorian'\n"
  "  CHECK (calendar IN ('gregorian','chinese'));\n"
  "CREATE TABLE kol_v4 (\n"
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
  "  uid TEXT NOT NULL UNIQUE,\n"
  "  display_name TEXT NOT NULL CHECK (display_name <> ''),\n"
  "  real_name TEXT,\n"
  "  gender TEXT NOT NULL DEFAULT 'unknown'\n"
  "    CHECK (gender IN ('unknown','female','male','other')),\n"
  "  birthday TEXT,\n"
  "  city TEXT,\n"
  "  bio TEXT,\n"
  "  personality TEXT,\n"
  "  preferences TEXT,\n"
  "  phone TEXT,\n"
  "  wechat TEXT,\n"
  "  email TEXT,\n"
  "  address TEXT,\n"
  "  agent TEXT,\n"
  "  platform TEXT,\n"
  "  handle TEXT,\n"
  "  followers INTEGER NOT NULL DEFAULT 0 CHECK (followers >= 0),\n"
  "  category TEXT,\n"
  "  tier TEXT NOT NULL DEFAULT 'unrated'\n"
  "    CHECK (tier IN ('unrated','head','waist','tail')),\n"
  "  fit_score INTEGER NOT NULL DEFAULT 0 CHECK (fit_score BETWEEN 0 AND 5),\n"
  "  content_quality INTEGER NOT NULL DEFAULT 0 CHECK (content_quality BETWEEN 0 AND 5),\n"
  "  activity INTEGER NOT NULL DEFAULT 0 CHECK (activity BETWEEN 0 AND 5),\n"
  "  fan_quality TEXT,\n"
  "  fans_portable TEXT NOT NULL DEFAULT 'unknown'\n"
  "    CHECK (fans_portable IN ('unknown','yes','partly','no')),\n"
  "  own_account TEXT,\n"
  "  source TEXT NOT NULL DEFAULT 'unset'\n"
  "    CHECK (source IN ('unset','external','internal')),\n"
  "  purpose TEXT NOT NULL DEFAULT 'unset'\n"
  "    CHECK (purpose IN ('unset','acquisition','activation','conversion')),\n"
  "  plan TEXT NOT NULL DEFAULT 'none'\n"
  "    CHECK (plan IN ('none','buyout','profit_share','free','other')),\n"
  "  fee TEXT,\n"
  "  currency TEXT,\n"
  "  exclusive INTEGER NOT NULL DEFAULT 0 CHECK (exclusive IN (0, 1)),\n"
  "  exclusive_since TEXT,\n"
  "  incentives TEXT,\n"
  "  demands TEXT,\n"
  "  rules_agreed_on TEXT,\n"
  "  stage TEXT NOT NULL DEFAULT 'candidate'\n"
  "    CHECK (stage IN ('candidate','contacting','negotiating','onboarding','growing',\n"
  "                     'mature','declining','departed','declined')),\n"
  "  churn_reason TEXT,\n"
  "  owner TEXT,\n"
  "  next_follow_up TEXT,\n"
  "  contact_every_days INTEGER NOT NULL DEFAULT 0 CHECK (contact_every_days >= 0),\n"
  "  reapproach_on TEXT,\n"
  "  notes TEXT,\n"
  "  created_at TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL\n"
  ");\n"
  "INSERT INTO kol_v4 (id, uid, display_name, real_name, gender, birthday, city, bio,\n"
  "  personality, preferences, phone, wechat, email, address, agent, platform, handle,\n"
  "  followers, category, tier, fit_score, content_quality, activity, fan_quality,\n"
  "  fans_portable, own_account, source, purpose, plan, fee, currency, exclusive,\n"
  "  exclusive_since, incentives, demands, rules_agreed_on, stage, churn_reason, owner,\n"
  "  next_follow_up, notes, created_at, updated_at)\n"
  "SELECT id, uid, display_name, real_name, gender, birthday, city, bio,\n"
  "  personality, preferences, phone, wechat, email, address, agent, platform, handle,\n"
  "  followers, category, tier, fit_score, content_quality, activity, fan_quality,\n"
  "  fans_portable, own_account, source, purpose, plan, fee, currency, exclusive,\n"
  "  exclusive_since, incentives, demands, rules_agreed_on, stage, churn_reason, owner,\n"
  "  next_follow_up, notes, created_at, updated_at FROM kol;\n"
  "DELETE FROM sqlite_sequence WHERE name = 'kol_v4';\n"
  "INSERT INTO sqlite_sequence (name, seq) SELECT 'kol_v4', seq FROM sqlite_sequence\n"
  "  WHERE name = 'kol';\n"
  "DROP TABLE kol;\n"
  "ALTER TABLE kol_v4 RENAME TO kol;\n"
  "CREATE INDEX kol_display_name ON kol (display_name);\n"
  "CREATE INDEX kol_followers ON kol (followers);\n"
  "CREATE INDEX kol_stage ON kol (stage);\n"
  "CREATE INDEX kol_owner ON kol (owner);\n"
  "CREATE INDEX kol_next_follow_up ON kol (next_follow_up);\n"
  "CREATE INDEX kol_updated_at ON kol (updated_at);\n"
  "CREATE INDEX kol_phone ON kol (phone);\n"
  "CREATE INDEX kol_wechat ON kol (wechat);\n"
  "CREATE INDEX kol_platform_handle ON kol (platform, handle);\n"
  /* Today asks for re-approach dates reached among 100,000 KOLs. */
  "CREATE INDEX kol_reapproach_on ON kol (reapproach_on);\n";

/* Version 5: saved views (issue 17). A view keeps what the list showed:
 * its search, filters, conditions (text form, one a line, see
 * kdx-condition.h), sort keys ("-followers", comma-separated) and column
 * names. Its name is translated when the view is made, so the defaults
 * are written by the store in the operator's language, not here: the
 * one row of saved_view_seed asks the store to write them once, on the
 * first open after this migration (kdx-store-views.c). */
static const char migration_5[] =
  "CREATE TABLE saved_view (\n"
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
  "  name TEXT NOT NULL UNIQUE CHECK (name <> ''),\n"
  "  position INTEGER NOT NULL,\n"
  "  search TEXT,\n"
  "  stages TEXT,\n"     /* stage values, comma-separated */
  "  tiers TEXT,\n"      /* tier values, comma-separated */
  "  tags TEXT,\n"       /* one a line */
  "  owner TEXT,\n"
  "  category TEXT,\n"
  "  conditions TEXT,\n" /* one a line */
  "  sort TEXT,\n"
  "  columns TEXT\n"
  ");\n"
  "CREATE TABLE saved_view_seed (pending INTEGER NOT NULL);\n"
  "INSERT INTO saved_view_seed (pending) VALUES (1);\n";

/* Version 6: indexes for Insights (issue 11, item 5: a full refresh
 * under 200 ms at 100,000 KOLs and 1,000,000 events). The queries of
 * kdx-store-insights.c read the events of one kind, and the moves into
 * one stage, KOL by KOL: in the order they group by (no sort), with every
 * column they need in the index itself (no lookup of the table row). */
static const char migration_6[] =
  "CREATE INDEX event_kind ON event (kind, kol_id, at, channel, outcome, amount);\n"
  "CREATE INDEX stage_history_stage ON stage_history (stage, kol_id, at);\n";

/* Version 7: the search text of each KOL once more, in one plain column
 * (issue 16, item 5). Trigrams cannot find a word under three characters
 * (美妆, Li), so such a word is looked for with LIKE; over the FTS5 table
 * that reads four columns of every row through the virtual table, here
 * one string of a plain table (about 2.5x faster at 100,000 KOLs). The
 * four columns are joined by a line break, which a search word never
 * holds, so no word matches across two of them, as before. Filled from
 * the full-text table in one INSERT ... SELECT, as a bulk import may. */
static const char migration_7[] =
  "CREATE TABLE kol_search (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  text TEXT NOT NULL\n"
  ");\n"
  KDX_STORE_FILL_KOL_SEARCH_SQL ";\n";

/* Version 8 (issue 16): the enum checks
 * as chains of comparisons. SQLite 3.40 turns `col IN ('a','b','c')` (more
 * than two values) into a temporary b-tree that it builds and drops again
 * on every INSERT and UPDATE: seven of them per kol row, two per event,
 * which made an import of 20,000 rows spend a third of its time opening
 * and closing them. `col = 'a' OR col = 'b' ...` accepts and refuses the
 * very same values with plain comparisons.
 *
 * kol and event are rebuilt as version 4 rebuilt kol (SQLite's documented
 * way to change a constraint; foreign keys are off around migrations),
 * with the same columns in the same order, every row and id kept, the
 * AUTOINCREMENT counter carried over and the indexes made again. */
static const char migration_8[] =
  "CREATE TABLE kol_v8 (\n"
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
  "  uid TEXT NOT NULL UNIQUE,\n"
  "  display_name TEXT NOT NULL CHECK (display_name <> ''),\n"
  "  real_name TEXT,\n"
  "  gender TEXT NOT NULL DEFAULT 'unknown'\n"
  "    CHECK (gender = 'unknown' OR gender = 'female' OR gender = 'male' OR gender = 'other'),\n"
  "  birthday TEXT,\n"
  "  city TEXT,\n"
  "  bio TEXT,\n"
  "  personality TEXT,\n"
  "  preferences TEXT,\n"
  "  phone TEXT,\n"
  "  wechat TEXT,\n"
  "  email TEXT,\n"
  "  address TEXT,\n"
  "  agent TEXT,\n"
  "  platform TEXT,\n"
  "  handle TEXT,\n"
  "  followers INTEGER NOT NULL DEFAULT 0 CHECK (followers >= 0),\n"
  "  category TEXT,\n"
  "  tier TEXT NOT NULL DEFAULT 'unrated'\n"
  "    CHECK (tier = 'unrated' OR tier = 'head' OR tier = 'waist' OR tier = 'tail'),\n"
  "  fit_score INTEGER NOT NULL DEFAULT 0 CHECK (fit_score BETWEEN 0 AND 5),\n"
  "  content_quality INTEGER NOT NULL DEFAULT 0 CHECK (content_quality BETWEEN 0 AND 5),\n"
  "  activity INTEGER NOT NULL DEFAULT 0 CHECK (activity BETWEEN 0 AND 5),\n"
  "  fan_quality TEXT,\n"
  "  fans_portable TEXT NOT NULL DEFAULT 'unknown'\n"
  "    CHECK (fans_portable = 'unknown' OR fans_portable = 'yes' OR fans_portable = 'partly'\n"
  "           OR fans_portable = 'no'),\n"
  "  own_account TEXT,\n"
  "  source TEXT NOT NULL DEFAULT 'unset'\n"
  "    CHECK (source = 'unset' OR source = 'external' OR source = 'internal'),\n"
  "  purpose TEXT NOT NULL DEFAULT 'unset'\n"
  "    CHECK (purpose = 'unset' OR purpose = 'acquisition' OR purpose = 'activation'\n"
  "           OR purpose = 'conversion'),\n"
  "  plan TEXT NOT NULL DEFAULT 'none'\n"
  "    CHECK (plan = 'none' OR plan = 'buyout' OR plan = 'profit_share' OR plan = 'free'\n"
  "           OR plan = 'other'),\n"
  "  fee TEXT,\n"
  "  currency TEXT,\n"
  "  exclusive INTEGER NOT NULL DEFAULT 0 CHECK (exclusive IN (0, 1)),\n"
  "  exclusive_since TEXT,\n"
  "  incentives TEXT,\n"
  "  demands TEXT,\n"
  "  rules_agreed_on TEXT,\n"
  "  stage TEXT NOT NULL DEFAULT 'candidate'\n"
  "    CHECK (stage = 'candidate' OR stage = 'contacting' OR stage = 'negotiating'\n"
  "           OR stage = 'onboarding' OR stage = 'growing' OR stage = 'mature'\n"
  "           OR stage = 'declining' OR stage = 'departed' OR stage = 'declined'),\n"
  "  churn_reason TEXT,\n"
  "  owner TEXT,\n"
  "  next_follow_up TEXT,\n"
  "  contact_every_days INTEGER NOT NULL DEFAULT 0 CHECK (contact_every_days >= 0),\n"
  "  reapproach_on TEXT,\n"
  "  notes TEXT,\n"
  "  created_at TEXT NOT NULL,\n"
  "  updated_at TEXT NOT NULL\n"
  ");\n"
  "INSERT INTO kol_v8 SELECT * FROM kol;\n"
  "DELETE FROM sqlite_sequence WHERE name = 'kol_v8';\n"
  "INSERT INTO sqlite_sequence (name, seq) SELECT 'kol_v8', seq FROM sqlite_sequence\n"
  "  WHERE name = 'kol';\n"
  "DROP TABLE kol;\n"
  "ALTER TABLE kol_v8 RENAME TO kol;\n"
  "CREATE INDEX kol_display_name ON kol (display_name);\n"
  "CREATE INDEX kol_followers ON kol (followers);\n"
  "CREATE INDEX kol_stage ON kol (stage);\n"
  "CREATE INDEX kol_owner ON kol (owner);\n"
  "CREATE INDEX kol_next_follow_up ON kol (next_follow_up);\n"
  "CREATE INDEX kol_updated_at ON kol (updated_at);\n"
  "CREATE INDEX kol_phone ON kol (phone);\n"
  "CREATE INDEX kol_wechat ON kol (wechat);\n"
  "CREATE INDEX kol_platform_handle ON kol (platform, handle);\n"
  "CREATE INDEX kol_reapproach_on ON kol (reapproach_on);\n"
  "CREATE TABLE event_v8 (\n"
  "  kol_id INTEGER NOT NULL REFERENCES kol (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL,\n"
  "  at TEXT NOT NULL,\n"
  "  kind TEXT NOT NULL\n"
  "    CHECK (kind = 'outreach' OR kind = 'call' OR kind = 'message' OR kind = 'meeting'\n"
  "           OR kind = 'gift' OR kind = 'payment' OR kind = 'content' OR kind = 'note'),\n"
  "  summary TEXT,\n"
  "  outcome TEXT NOT NULL DEFAULT 'none'\n"
  "    CHECK (outcome = 'none' OR outcome = 'no_answer' OR outcome = 'refused'\n"
  "           OR outcome = 'interested' OR outcome = 'agreed'),\n"
  "  channel TEXT,\n"
  "  amount TEXT,\n"
  "  PRIMARY KEY (kol_id, position)\n"
  ");\n"
  "INSERT INTO event_v8 SELECT * FROM event;\n"
  "DROP TABLE event;\n"
  "ALTER TABLE event_v8 RENAME TO event;\n"
  "CREATE INDEX event_at ON event (kol_id, at);\n"
  "CREATE INDEX event_kind ON event (kind, kol_id, at, channel, outcome, amount);\n";

/* Version 9: what Insights reads instead of the history itself (issue 11,
 * item 5): the stays (kdx-store-summaries.c), filled here for the
 * KOLs of before. at_day and left_day are julianday() of at and left_at,
 * so a refresh subtracts numbers instead of parsing two times per stay. */
static const char migration_9[] =
  "CREATE TABLE stage_stay (\n"
  "  kol_id INTEGER NOT NULL REFERENCES kol (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL,\n"
  "  stage TEXT NOT NULL,\n"
  "  at TEXT NOT NULL,\n"
  "  left_at TEXT,\n"      /* the next entry's time; NULL: still in it */
  "  at_day REAL NOT NULL,\n"
  "  left_day REAL,\n"
  "  PRIMARY KEY (kol_id, position)\n"
  ") WITHOUT ROWID;\n"
  KDX_STORE_STAYS_INSERT ("1") ";\n";

/* Version 10: a row version per KOL (issue 14, item 3), raised by every
 * write of the file (kdx-store-writes.c), so a save based on an older
 * version knows another writer came in between. */
static const char migration_10[] =
  "ALTER TABLE kol ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;\n";

/* Version 11: who did what (issue 14, item 5). The operator's name on
 * each timeline event, stage move and import run, as they were made
 * (kdx_store_set_operator()); NULL for everything made before, which
 * shows no name rather than a guessed one. */
static const char migration_11[] =
  "ALTER TABLE event ADD COLUMN made_by TEXT;\n"
  "ALTER TABLE stage_history ADD COLUMN made_by TEXT;\n"
  "ALTER TABLE import_run ADD COLUMN made_by TEXT;\n";

/* Version 12 is PostgreSQL's (kdx-store-pg-schema.c: its search text
 * kept lowered and indexes in the list's order); SQLite has nothing to
 * do for it, and keeps the number so a version means the same schema on
 * both engines. */
static const char migration_12[] = "-- PostgreSQL's version 12: nothing to do on SQLite\n";

/* Version 13: each KOL's digest of its history for Insights (issue 11,
 * item 5; kdx-store-digest.c), filled for the KOLs of before in C, after
 * this SQL (_kdx_store_migrated_to()). */
static const char migration_13[] =
  "CREATE TABLE kol_digest (\n"
  "  kol_id INTEGER PRIMARY KEY REFERENCES kol (id) ON DELETE CASCADE,\n"
  "  body BLOB NOT NULL\n"
  ");\n";

/* Version 14 is PostgreSQL's (autovacuum of kol after fewer changes, for
 * its sorts' visibility map); nothing to do on SQLite. */
static const char migration_14[] = "-- PostgreSQL's version 14: nothing to do on SQLite\n";

/* Version 15: what the list shows of each KOL's parts, kept beside it
 * (kdx-store-list-facts.c), filled for the KOLs of before in C, after
 * this SQL (_kdx_store_migrated_to()). */
static const char migration_15[] =
  "CREATE TABLE kol_list_facts (\n"
  "  kol_id INTEGER PRIMARY KEY REFERENCES kol (id) ON DELETE CASCADE,\n"
  "  last_contact TEXT,\n"
  "  stage_since TEXT,\n"
  "  channel_count INTEGER NOT NULL DEFAULT 0,\n"
  "  tags TEXT\n"
  ");\n";

/* Version 16 is PostgreSQL's (its search text's statistics target);
 * nothing to do on SQLite. */
static const char migration_16[] = "-- PostgreSQL's version 16: nothing to do on SQLite\n";

const char *const kdx_store_migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
  migration_8,
  migration_9,
  migration_10,
  migration_11,
  migration_12,
  migration_13,
  migration_14,
  migration_15,
  migration_16,
};

const guint kdx_store_n_migrations = G_N_ELEMENTS (kdx_store_migrations);
