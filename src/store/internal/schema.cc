// The SQLite schema migrations (see schema.h).
#include "store/internal/schema.h"

namespace storyline::store::internal {

const char* const kMigrations[] = {
    // 1: initial schema.
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT "
    "NULL);"
    "CREATE TABLE articles("
    "  id TEXT PRIMARY KEY, url TEXT NOT NULL, canonical_url TEXT NOT NULL,"
    "  outlet TEXT NOT NULL, title TEXT NOT NULL, byline TEXT NOT NULL,"
    "  published INTEGER NOT NULL, published_guessed INTEGER NOT NULL,"
    "  language TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,"
    "  blocks TEXT NOT NULL, links TEXT NOT NULL, source TEXT NOT NULL,"
    "  content_hash TEXT NOT NULL, duplicate_of TEXT NOT NULL,"
    "  event_id TEXT NOT NULL, story_id TEXT NOT NULL, ingested_at INTEGER NOT "
    "NULL,"
    "  seq INTEGER NOT NULL);"
    "CREATE INDEX articles_story ON articles(story_id);"
    "CREATE INDEX articles_time ON articles(published, seq);"
    "CREATE TABLE stories("
    "  id TEXT PRIMARY KEY, headline TEXT NOT NULL DEFAULT '',"
    "  article_count INTEGER NOT NULL DEFAULT 0, outlet_count INTEGER NOT NULL "
    "DEFAULT 0,"
    "  created INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0,"
    "  version INTEGER NOT NULL DEFAULT 0, published INTEGER NOT NULL DEFAULT "
    "0,"
    "  dirty INTEGER NOT NULL DEFAULT 1);"
    "CREATE TABLE pages("
    "  story_id TEXT NOT NULL, version INTEGER NOT NULL, composed_at INTEGER "
    "NOT NULL,"
    "  json TEXT NOT NULL, PRIMARY KEY(story_id, version));",
    // 2: the web app. Full-text search (FTS5: articles keyed by their seq,
    // which gets an index so inserts stop scanning for MAX(seq)), story
    // leads and search text, redirects of merged stories, outlet lookups,
    // and a generation counter bumped by every committed write so readers
    // can cache.
    "CREATE INDEX articles_seq ON articles(seq);"
    "CREATE INDEX articles_outlet ON articles(outlet, published);"
    "ALTER TABLE stories ADD COLUMN lead TEXT NOT NULL DEFAULT '';"
    "CREATE TABLE redirects(old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL);"
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, outlet,"
    "  content='', tokenize='unicode61 remove_diacritics 2');"
    "INSERT INTO articles_fts(rowid, title, text, outlet)"
    "  SELECT seq, title, text, outlet FROM articles;"
    "CREATE TRIGGER articles_fts_ins AFTER INSERT ON articles BEGIN"
    "  INSERT INTO articles_fts(rowid, title, text, outlet)"
    "  VALUES(new.seq, new.title, new.text, new.outlet); END;"
    "CREATE TRIGGER articles_fts_del AFTER DELETE ON articles BEGIN"
    "  INSERT INTO articles_fts(articles_fts, rowid, title, text, outlet)"
    "  VALUES('delete', old.seq, old.title, old.text, old.outlet); END;"
    "CREATE VIRTUAL TABLE stories_fts USING fts5(story_id UNINDEXED,"
    "  headline, body, tokenize='unicode61 remove_diacritics 2');"
    "INSERT OR REPLACE INTO meta(key, value) VALUES('generation', '0');",
    // 3: the crawler's state: feeds with their validators and schedule,
    // and every item discovered (queued until fetched and stored).
    "CREATE TABLE crawl_feeds(url TEXT PRIMARY KEY, etag TEXT NOT NULL "
    "DEFAULT '',"
    "  last_modified TEXT NOT NULL DEFAULT '', next_poll INTEGER NOT NULL "
    "DEFAULT 0,"
    "  interval_s INTEGER NOT NULL DEFAULT 0, last_status TEXT NOT NULL "
    "DEFAULT '',"
    "  polls INTEGER NOT NULL DEFAULT 0, items INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE crawl_items(key TEXT PRIMARY KEY, url TEXT NOT NULL,"
    "  feed TEXT NOT NULL, discovered INTEGER NOT NULL, state TEXT NOT NULL,"
    "  attempts INTEGER NOT NULL DEFAULT 0, detail TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX crawl_items_state ON crawl_items(state, discovered);"
    "CREATE INDEX crawl_items_url ON crawl_items(url);",
    // 4: events merged by the clusterer's repair move their articles.
    "CREATE INDEX articles_event ON articles(event_id);",
    // 5: the article search index is maintained by PutArticle, not by
    // triggers: a trigger makes every insert a multi-statement write with
    // its own savepoint, and FTS5 flushes a new index segment at each one.
    ("DROP TRIGGER IF EXISTS articles_fts_ins;"
     "DROP TRIGGER IF EXISTS articles_fts_del;"),
    // 6: the work queue: articles extracted by worker processes, waiting
    // for the one assigner, which takes them in publication-time order.
    ("CREATE TABLE article_queue(seq INTEGER PRIMARY KEY AUTOINCREMENT,"
     "  published INTEGER NOT NULL, enqueued_at INTEGER NOT NULL,"
     "  article TEXT NOT NULL);"
     "CREATE INDEX article_queue_time ON article_queue(published, seq);"
     // Fetch workers claim crawl items for a lease (ClaimItems).
     "ALTER TABLE crawl_items ADD COLUMN claimed_until INTEGER NOT NULL "
     "DEFAULT 0;"
     "ALTER TABLE crawl_items ADD COLUMN claimed_by TEXT NOT NULL "
     "DEFAULT '';"),
    // 7: the writer's snapshot (pipeline.h): a restart reads it and the
    // articles written after it instead of every article.
    ("CREATE TABLE assigner_snapshot(id INTEGER PRIMARY KEY CHECK(id=1),"
     "  upto_seq INTEGER NOT NULL, written_at INTEGER NOT NULL,"
     "  data BLOB NOT NULL);"),
    // 8: a story's search entry is keyed by storyline_story_key(story_id)
    // (a function of the connection, sqlite_store.cc), so replacing it is
    // a rowid lookup, not a scan of the index for the unindexed id.
    ("CREATE VIRTUAL TABLE stories_fts_keyed USING fts5(story_id UNINDEXED,"
     "  headline, body, tokenize='unicode61 remove_diacritics 2');"
     "INSERT OR REPLACE INTO stories_fts_keyed(rowid, story_id, headline, body)"
     "  SELECT storyline_story_key(story_id), story_id, headline, body"
     "  FROM stories_fts;"
     "DROP TABLE stories_fts;"
     "ALTER TABLE stories_fts_keyed RENAME TO stories_fts;"),
    // 9: composition by any process. Every change to a story adds one to
    // its dirty_mark; a composer claims a dirty story (claimed_by, a lease
    // until claimed_until) and its page clears the dirty flag only if the
    // mark is still the one it claimed. The outlets' hosts, which
    // composition needs, are kept by the assigner.
    ("ALTER TABLE stories ADD COLUMN dirty_mark INTEGER NOT NULL DEFAULT 1;"
     "ALTER TABLE stories ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';"
     "ALTER TABLE stories ADD COLUMN claimed_until INTEGER NOT NULL "
     "DEFAULT 0;"
     "CREATE TABLE outlet_hosts(host TEXT PRIMARY KEY);"),
};

const size_t kMigrationCount = sizeof(kMigrations) / sizeof(kMigrations[0]);

}  // namespace storyline::store::internal
