// The PostgreSQL schema migrations (see schema.h).
//
// Differences from SQLite, each for a reason:
// - articles.search is a tsvector written with the article: its title
//   and text under the article language's text-search configuration
//   (stemmed; 'simple' for a language without one) and its outlet under
//   'simple'. search_configs lists the configurations in use: a query is
//   tried under each, so a Russian word form finds a Russian article.
// - stories.search holds a published page's headline and summary (exact
//   words); merged and unpublished stories have none.
// - seq comes from a sequence; crawl_items.n keeps discovery order.
#include "store/internal/schema.h"

namespace storyline::store::internal {

const char* const kPgMigrations[] = {
    "",  // 1-4: schemas older than PostgreSQL support
    "",
    "",
    "",
    // 5: everything.
    "CREATE SEQUENCE article_seq;"
    "CREATE TABLE articles("
    "  id TEXT PRIMARY KEY, url TEXT NOT NULL, canonical_url TEXT NOT NULL,"
    "  outlet TEXT NOT NULL, title TEXT NOT NULL, byline TEXT NOT NULL,"
    "  published BIGINT NOT NULL, published_guessed SMALLINT NOT NULL,"
    "  language TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,"
    "  blocks TEXT NOT NULL, links TEXT NOT NULL, source TEXT NOT NULL,"
    "  content_hash TEXT NOT NULL, duplicate_of TEXT NOT NULL,"
    "  event_id TEXT NOT NULL, story_id TEXT NOT NULL,"
    "  ingested_at BIGINT NOT NULL, seq BIGINT NOT NULL UNIQUE,"
    "  search TSVECTOR NOT NULL);"
    "CREATE INDEX articles_story ON articles(story_id);"
    "CREATE INDEX articles_event ON articles(event_id);"
    "CREATE INDEX articles_time ON articles(published, seq);"
    "CREATE INDEX articles_outlet ON articles(outlet, published);"
    "CREATE INDEX articles_search ON articles USING GIN(search);"
    "CREATE TABLE search_configs(cfg TEXT PRIMARY KEY);"
    "CREATE TABLE stories("
    "  id TEXT PRIMARY KEY, headline TEXT NOT NULL DEFAULT '',"
    "  article_count INTEGER NOT NULL DEFAULT 0,"
    "  outlet_count INTEGER NOT NULL DEFAULT 0,"
    "  created BIGINT NOT NULL DEFAULT 0, updated BIGINT NOT NULL DEFAULT 0,"
    "  version INTEGER NOT NULL DEFAULT 0,"
    "  published BOOLEAN NOT NULL DEFAULT FALSE,"
    "  lead TEXT NOT NULL DEFAULT '', dirty BOOLEAN NOT NULL DEFAULT TRUE,"
    "  search_body TEXT, search TSVECTOR);"
    "CREATE INDEX stories_dirty ON stories(id) WHERE dirty;"
    "CREATE INDEX stories_search ON stories USING GIN(search);"
    "CREATE TABLE pages("
    "  story_id TEXT NOT NULL, version INTEGER NOT NULL,"
    "  composed_at BIGINT NOT NULL, json TEXT NOT NULL,"
    "  PRIMARY KEY(story_id, version));"
    "CREATE TABLE redirects(old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL);"
    "CREATE INDEX redirects_new ON redirects(new_id);"
    "CREATE TABLE crawl_feeds(url TEXT PRIMARY KEY,"
    "  etag TEXT NOT NULL DEFAULT '', last_modified TEXT NOT NULL DEFAULT '',"
    "  next_poll BIGINT NOT NULL DEFAULT 0,"
    "  interval_s INTEGER NOT NULL DEFAULT 0,"
    "  last_status TEXT NOT NULL DEFAULT '',"
    "  polls INTEGER NOT NULL DEFAULT 0, items INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE crawl_items(key TEXT PRIMARY KEY, url TEXT NOT NULL,"
    "  feed TEXT NOT NULL, discovered BIGINT NOT NULL, state TEXT NOT NULL,"
    "  attempts INTEGER NOT NULL DEFAULT 0, detail TEXT NOT NULL DEFAULT '',"
    "  n BIGSERIAL);"
    "CREATE INDEX crawl_items_state ON crawl_items(state, discovered, n);"
    "CREATE INDEX crawl_items_url ON crawl_items(url);"
    "INSERT INTO meta(key, value) VALUES('generation', '0')"
    "  ON CONFLICT(key) DO NOTHING;",
    // 6: the work queue (see the SQLite list).
    "CREATE TABLE article_queue(seq BIGSERIAL PRIMARY KEY,"
    "  published BIGINT NOT NULL, enqueued_at BIGINT NOT NULL,"
    "  article TEXT NOT NULL);"
    "CREATE INDEX article_queue_time ON article_queue(published, seq);"
    "ALTER TABLE crawl_items ADD COLUMN claimed_until BIGINT NOT NULL "
    "DEFAULT 0;"
    "ALTER TABLE crawl_items ADD COLUMN claimed_by TEXT NOT NULL "
    "DEFAULT '';",
    // 7: the writer's snapshot (see the SQLite list).
    "CREATE TABLE assigner_snapshot(id INTEGER PRIMARY KEY CHECK(id=1),"
    "  upto_seq BIGINT NOT NULL, written_at BIGINT NOT NULL,"
    "  data BYTEA NOT NULL);",
    // 8: SQLite's story search keys; stories carry their own tsvector here.
    "",
    // 9: composition by any process (see the SQLite list).
    "ALTER TABLE stories ADD COLUMN dirty_mark BIGINT NOT NULL DEFAULT 1;"
    "ALTER TABLE stories ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE stories ADD COLUMN claimed_until BIGINT NOT NULL DEFAULT 0;"
    "CREATE TABLE outlet_hosts(host TEXT PRIMARY KEY);",
};

const size_t kPgMigrationCount =
    sizeof(kPgMigrations) / sizeof(kPgMigrations[0]);

}  // namespace storyline::store::internal
