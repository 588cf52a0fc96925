// store: where articles, their cluster assignments and composed story
// pages live. One interface, two engines: SQLite, the embedded default (one
// file, zero set-up), and PostgreSQL, for several processes or machines
// sharing one store. store::Open picks the engine from the target.
//
//   auto st = store::Open("storyline.db", store::OpenOptions{});
//   // or store::Open("postgresql://user@db.example/news", {})
//   if (!st.ok()) ...;
//   std::unique_ptr<store::Store> db = std::move(st).value();
//   db->Begin(); db->PutArticle(row); db->Commit();
//
// Durability: a write is durable once Commit() returns (SQLite in WAL
// mode; PostgreSQL's own), and a crash at any point leaves the last
// committed state. The schema carries a version, the same numbers on both
// engines; a database newer than this code is refused.
// Thread-safety: a Store object is used by one thread at a time; several
// processes may open the same store (SQLite locking with a busy timeout;
// PostgreSQL sessions).
#ifndef STORYLINE_STORE_STORE_H_
#define STORYLINE_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/model.h"
#include "common/status.h"

namespace storyline::store {

inline constexpr int kSchemaVersion = 9;

struct StoredArticle {
  Article article;
  std::string event_id;
  std::string story_id;
  int64_t ingested_at = 0;
};

struct StoryRow {
  std::string id;
  std::string headline;
  int article_count = 0;
  int outlet_count = 0;
  int64_t created = 0;     // first article's publication time
  int64_t updated = 0;     // newest article's publication time
  int version = 0;         // page version, 0 when never composed
  bool published = false;  // meets the evidence rule and passed verification
  std::string lead;        // first summary sentence (front page)
  std::string summary;     // all summary text; written to the search index
  // PutPage: the dirty mark the page was composed from (DirtyClaim): the
  // story stays dirty when it changed since. 0: clear it regardless (the
  // assigner composing its own changes).
  int64_t dirty_mark = 0;
};

// A dirty story claimed for composition, with its dirty mark then.
struct DirtyClaim {
  std::string story_id;
  int64_t dirty_mark = 0;
};

struct PageVersion {
  int version = 0;
  int64_t composed_at = 0;
};

// A light article row for listings (no text).
struct ArticleSummary {
  std::string id, title, outlet, url, language, kind, story_id, event_id;
  std::string duplicate_of;
  int64_t published = 0;
};

struct SearchHit {
  std::string kind;  // "story" or "article"
  std::string id, title, outlet, snippet;
  int64_t published = 0;
  double score = 0;  // lower is better (SQLite: bm25; PostgreSQL: -rank)
};

// Coverage of one story: article counts per (UTC day, outlet, language).
struct StoryActivity {
  std::string story_id;
  struct Cell {
    int64_t day = 0;  // days since the epoch, UTC
    std::string outlet, language;
    int count = 0;
  };
  std::vector<Cell> cells;
};

// The one writer's in-memory state (pipeline.h), saved so that a restart
// reads it instead of replaying every stored article.
struct Snapshot {
  int64_t upto_seq = 0;    // the newest article write it includes
  int64_t written_at = 0;  // Unix seconds
  std::string data;        // opaque to the store
};

// What PruneStories removed.
struct PruneReport {
  int64_t stories = 0, articles = 0, pages = 0;
};

// An extracted article waiting in the work queue.
struct QueuedArticle {
  int64_t seq = 0;  // queue position, for DeleteQueued
  Article article;
};

// A polled feed: validators for conditional GET and its schedule.
struct FeedState {
  std::string url, etag, last_modified, last_status;
  int64_t next_poll = 0;  // Unix seconds
  int interval_s = 0;     // current poll interval (adaptive)
  int polls = 0, items = 0;
  bool more_items = false;  // the last poll left new items for the next
};

// An article URL found in a feed. state: "queued" (to fetch), "done"
// (fetched and stored, or not an article), "failed" (gave up).
struct CrawlItem {
  std::string key;  // feed GUID, else the URL
  std::string url, feed, state = "queued", detail;
  int64_t discovered = 0;
  int attempts = 0;
};

// Transactions, the one-writer lock and the schema.
class Transactions {
 public:
  virtual ~Transactions() = default;

  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Makes this process the store's one writer of assignments (the
  // clusterer's state lives in the writing process: two writers would each
  // cluster part of the stream and damage the stories). Waits up to
  // `wait_ms` while another process holds it, calling `waiting` once with
  // who holds it; then FailedPrecondition naming that process. Held until
  // the Store is destroyed or the process dies (kill -9 releases it).
  // Readers never take it and are never blocked by it. SQLite: flock(2) on
  // "<file>-writer.lock"; PostgreSQL: a session advisory lock, so the
  // holder may be on any machine.
  virtual Status LockWriter(
      int64_t wait_ms,
      const std::function<void(const std::string&)>& waiting = nullptr) = 0;

  virtual Result<int> SchemaVersion() = 0;
};

// Articles with their assignment (event, story), and the merges the
// clusterer makes. Written by the one writer.
class ArticleStore {
 public:
  virtual ~ArticleStore() = default;

  // The content hash stored for `id`, or nullopt when absent.
  virtual Result<std::optional<std::string>> ArticleHash(
      const std::string& id) = 0;
  // The content hashes of those of `ids` that are stored (one lookup per
  // thousand ids rather than one per article).
  virtual Result<std::map<std::string, std::string>> ArticleHashes(
      const std::vector<std::string>& ids) = 0;
  // Inserts or replaces an article with its assignment; marks its story dirty.
  virtual Status PutArticle(const StoredArticle& a) = 0;
  virtual Result<std::optional<StoredArticle>> GetArticle(
      const std::string& id) = 0;
  // Every article in (published, insertion) order.
  virtual Status ScanArticles(std::vector<StoredArticle>* out) = 0;
  // The articles written (inserted or replaced) after write number `seq`,
  // in (published, insertion) order.
  virtual Status ScanArticlesAfter(int64_t seq,
                                   std::vector<StoredArticle>* out) = 0;
  // The number of the newest article write (0 when none). Every PutArticle
  // takes a larger one.
  virtual Result<int64_t> LastArticleSeq() = 0;
  virtual Status StoryArticles(const std::string& story_id,
                               std::vector<StoredArticle>* out) = 0;
  virtual Result<int64_t> ArticleCount() = 0;

  // Moves every article of story `from` into story `into`, removes
  // `from`'s row and search entry (its page versions stay), records the
  // redirect from -> into and marks `into` dirty.
  virtual Status MergeStory(const std::string& from,
                            const std::string& into) = 0;
  // Moves every article of event `from` into event `into` (the clusterer
  // found them one event) and marks the stories of those articles dirty.
  virtual Status MergeEvent(const std::string& from,
                            const std::string& into) = 0;
  // A merged story's old id answers with the survivor's.
  virtual Status PutRedirect(const std::string& old_id,
                             const std::string& new_id) = 0;
  // Retention: removes every story whose newest article was published
  // before `before` (Unix seconds), whole: its articles and their search
  // entries, its page versions, its row and search entry, and redirects to
  // or from it. A story with any newer article keeps all of them, so no
  // page left cites a removed article. Call inside Begin/Commit, by the
  // one writer (LockWriter).
  virtual Result<PruneReport> PruneStories(int64_t before) = 0;
};

// Story rows and their page versions, as composition writes them.
class PageStore {
 public:
  virtual ~PageStore() = default;

  virtual Result<std::vector<std::string>> DirtyStories() = 0;
  // Claims up to `limit` dirty stories no one else holds (a claim lasts
  // until now + lease_seconds, or until its PutPage), oldest id first, for
  // `claimer`. Concurrent claimers get disjoint sets (PostgreSQL: FOR
  // UPDATE SKIP LOCKED).
  virtual Result<std::vector<DirtyClaim>> ClaimDirtyStories(
      const std::string& claimer, int limit, int64_t now,
      int64_t lease_seconds) = 0;
  // The hosts of the outlets seen so far (composition tells outlets from
  // external resources by them), in byte order; the assigner adds them.
  virtual Status PutOutletHosts(const std::vector<std::string>& hosts) = 0;
  virtual Result<std::vector<std::string>> OutletHosts() = 0;
  // Stores a page version when `json` differs from the latest one, updates
  // the story row, ends its claim and clears its dirty flag (unless
  // row.dirty_mark is set and the story changed since).
  virtual Status PutPage(const StoryRow& row, const std::string& json,
                         int64_t composed_at) = 0;
  virtual Result<std::vector<StoryRow>> ListStories() = 0;
  // Latest page JSON; NotFound when the story has none.
  virtual Result<std::string> PageJson(const std::string& story_id) = 0;
};

// What the web app reads: generation, history, search, outlets, activity,
// redirects of merged stories. Never writes.
class WebReader {
 public:
  virtual ~WebReader() = default;

  // A number that changes with every committed write (by any process), so
  // a reader can cache what it computed from an older generation.
  virtual Result<int64_t> Generation() = 0;
  virtual Result<std::vector<PageVersion>> PageHistory(
      const std::string& story_id) = 0;
  // NotFound when that version does not exist.
  virtual Result<std::string> PageJsonAt(const std::string& story_id,
                                         int version) = 0;
  // Full-text search over story pages and articles. `query` is user text:
  // it is split into words (never interpreted as FTS syntax); every word
  // must match. At most `limit` hits of each kind, best first.
  virtual Result<std::vector<SearchHit>> Search(const std::string& query,
                                                int limit) = 0;
  // Newest first.
  virtual Result<std::vector<ArticleSummary>> OutletArticles(
      const std::string& outlet, int limit) = 0;
  virtual Result<std::vector<StoryActivity>> Activity() = 0;
  virtual Result<std::optional<std::string>> Redirect(
      const std::string& old_id) = 0;
};

// The queue of extracted articles between worker processes and the one
// writer.
class ArticleQueue {
 public:
  virtual ~ArticleQueue() = default;

  // Worker processes (fetch, read, extract) append complete articles; the
  // one writer (LockWriter) takes the oldest by publication time and
  // deletes them in the transaction that stores what it made of them, so
  // an article is never lost between the two nor stored twice. Articles
  // must be valid UTF-8 without NUL (InvalidArgument naming the article).
  virtual Status EnqueueArticles(const std::vector<Article>& articles,
                                 int64_t now) = 0;
  // At most `limit`, ordered by (published, seq).
  virtual Result<std::vector<QueuedArticle>> QueuedArticles(int limit) = 0;
  virtual Status DeleteQueued(const std::vector<int64_t>& seqs) = 0;
  virtual Result<int64_t> QueueLength() = 0;
};

// The writer's snapshot: at most one, replaced in the writer's transaction
// (so it always matches the articles committed with it).
class SnapshotStore {
 public:
  virtual ~SnapshotStore() = default;

  virtual Status PutSnapshot(const Snapshot& s) = 0;
  // nullopt when none was written.
  virtual Result<std::optional<Snapshot>> GetSnapshot() = 0;
};

// Crawler state: feeds and the items found in them.
class CrawlState {
 public:
  virtual ~CrawlState() = default;

  virtual Status PutFeed(const FeedState& f) = 0;  // insert or replace
  // Removes the feed (its items already found stay); *removed says
  // whether it was there.
  virtual Status RemoveFeed(const std::string& url, bool* removed) = 0;
  virtual Result<std::vector<FeedState>> Feeds() = 0;  // by URL
  // Inserts unless the key or the URL is already known; *added says which.
  virtual Status QueueItem(const CrawlItem& item, bool* added) = 0;
  // Queued items, oldest first.
  virtual Result<std::vector<CrawlItem>> QueuedItems(int limit) = 0;
  // Claims up to `limit` items for this store's session, oldest first:
  // queued ones, and claimed ones whose claimer is gone (its process or
  // PostgreSQL session no longer exists: a fetcher killed with kill -9 or
  // restarted) or whose lease ran out (a hung one). They are "claimed"
  // until now + lease_s; FinishItem settles them. Concurrent claimers
  // never get the same item (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite:
  // one write transaction at a time).
  virtual Result<std::vector<CrawlItem>> ClaimItems(int limit, int64_t now,
                                                    int64_t lease_s) = 0;
  virtual Status FinishItem(const std::string& key, const std::string& state,
                            int attempts, const std::string& detail) = 0;
  // Items per state.
  virtual Result<std::vector<std::pair<std::string, int64_t>>>
  CrawlCounts() = 0;
};

// A store: every concern above, on one engine (OpenSqlite, OpenPostgres).
// Components that need one concern take that interface.
class Store : public Transactions,
              public ArticleStore,
              public PageStore,
              public WebReader,
              public ArticleQueue,
              public SnapshotStore,
              public CrawlState {
 public:
  ~Store() override = default;
};

struct SqliteOptions {
  int busy_timeout_ms = 10000;
  bool read_only = false;
  // Page cache of a read-write connection, in KiB (at most; taken as
  // used). 64 MiB holds a 256-article batch with its search index pages.
  int writer_cache_kib = 64 * 1024;
};

Result<std::unique_ptr<Store>> OpenSqlite(const std::string& path,
                                          const SqliteOptions& options);

struct PostgresOptions {
  bool read_only = false;      // every transaction read-only; no migration
  int connect_timeout_s = 10;  // per attempt
  // A lost connection outside a transaction is re-opened this many times,
  // waiting 100 ms, 200 ms, ... between attempts. Inside a transaction the
  // loss is an error: the server has rolled it back, nothing half-written.
  int reconnect_attempts = 5;
};

// `url`: a libpq URI, "postgresql://[user[:password]@][host][:port][/db]
// [?param=value&...]" (host may be a socket folder: ?host=/run/x). Errors
// and messages never contain the password (RedactTarget).
Result<std::unique_ptr<Store>> OpenPostgres(const std::string& url,
                                            const PostgresOptions& options);

// What every command's --db accepts.
struct OpenOptions {
  bool read_only = false;
  int busy_timeout_ms = 10000;  // SQLite
  int connect_timeout_s = 10;   // PostgreSQL
};

// True for "postgresql://..." and "postgres://...".
bool IsPostgresTarget(const std::string& target);
// `target` fit for messages: a URL's password (user:password@ or
// password=...) replaced by "***"; a path unchanged.
std::string RedactTarget(const std::string& target);
// A PostgreSQL URL opens PostgreSQL; anything else is a SQLite file path.
Result<std::unique_ptr<Store>> Open(const std::string& target,
                                    const OpenOptions& options);

// Copies the SQLite store `target` into the new file `dest` with SQLite's
// online backup: one consistent snapshot, taken while other processes go
// on reading and writing. `dest` must not exist (InvalidArgument; nothing
// overwritten). A PostgreSQL target: FailedPrecondition naming pg_dump.
Status Backup(const std::string& target, const std::string& dest);

}  // namespace storyline::store

#endif  // STORYLINE_STORE_STORE_H_
