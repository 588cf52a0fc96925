// The SQLite engine's Store (internal to store/). One class; its methods
// are defined by concern: sqlite_store.cc (connection, transactions, the
// writer lock, schema), sqlite_articles.cc (articles and merges),
// sqlite_pages.cc (pages and what the web app reads), sqlite_queue.cc (the
// article queue and crawl state). Statements are prepared once per
// connection (StmtCache). Thread-compatible: one connection, one thread.
#ifndef STORYLINE_STORE_INTERNAL_SQLITE_STORE_H_
#define STORYLINE_STORE_INTERNAL_SQLITE_STORE_H_

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/internal/codec.h"
#include "store/internal/stmt.h"
#include "store/store.h"

namespace storyline::store::internal {

StoredArticle ReadArticle(Stmt& s);
// A crawl_items row selected as key, url, feed, discovered, state,
// attempts, detail.
CrawlItem ReadCrawlItem(Stmt& s);

// The rowid of a story's entry in stories_fts (schema 8): a hash of its id.
int64_t StoryIndexKey(std::string_view story_id);

class SqliteStore : public Store {
 public:
  SqliteStore(sqlite3* db, std::string path, bool read_only)
      : db_(db), stmts_(db), path_(std::move(path)), read_only_(read_only) {}
  ~SqliteStore() override {
    stmts_.Clear();  // statements first: close fails while any is open
    sqlite3_close(db_);
    if (writer_fd_ >= 0) ::close(writer_fd_);  // releases the writer lock
  }

  // The writer lock is flock(2) on "<db>-writer.lock", holding the
  // owner's pid: the kernel drops it when the process exits in any way.
  Status LockWriter(
      int64_t wait_ms,
      const std::function<void(const std::string&)>& waiting) override;

  Status Exec(const char* sql);
  Status Error(const char* what);

  Status Migrate(bool read_only);

  // Refuses a schema newer than this build; read-write, applies the
  // pending migrations inside the caller's transaction.
  Status CheckVersion(bool read_only);

  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;

  // Search-index writes wait for the end of the transaction. Once an FTS5
  // table takes part in a transaction, every later statement that needs a
  // statement journal (any insert into a table with a unique index) makes
  // it flush its pending terms as a new segment; written last, the batch
  // becomes one segment.
  bool InTransaction();
  Status FlushSearchIndex();

  Result<int> SchemaVersion() override;

  Result<std::optional<std::string>> ArticleHash(
      const std::string& id) override;

  Result<std::map<std::string, std::string>> ArticleHashes(
      const std::vector<std::string>& ids) override;

  Status PutArticle(const StoredArticle& r) override;

  Result<std::optional<StoredArticle>> GetArticle(
      const std::string& id) override;

  Status Scan(const std::string& where, const std::string& arg,
              std::vector<StoredArticle>* out);

  Status ScanArticles(std::vector<StoredArticle>* out) override;
  Status ScanArticlesAfter(int64_t seq,
                           std::vector<StoredArticle>* out) override;
  Result<int64_t> LastArticleSeq() override;
  Status PutSnapshot(const Snapshot& s) override;
  Result<std::optional<Snapshot>> GetSnapshot() override;
  Status StoryArticles(const std::string& id,
                       std::vector<StoredArticle>* out) override;

  Result<int64_t> ArticleCount() override;

  Result<std::vector<std::string>> DirtyStories() override;
  Result<std::vector<DirtyClaim>> ClaimDirtyStories(
      const std::string& claimer, int limit, int64_t now,
      int64_t lease_seconds) override;
  Status PutOutletHosts(const std::vector<std::string>& hosts) override;
  Result<std::vector<std::string>> OutletHosts() override;

  Status PutPage(const StoryRow& row, const std::string& json,
                 int64_t composed_at) override;

  Result<std::vector<StoryRow>> ListStories() override;

  Result<std::string> PageJson(const std::string& id) override;

  Result<int64_t> Generation() override;

  Result<std::vector<PageVersion>> PageHistory(const std::string& id) override;

  Result<std::string> PageJsonAt(const std::string& id, int version) override;

  Result<std::vector<SearchHit>> Search(const std::string& query,
                                        int limit) override;

  Result<std::vector<ArticleSummary>> OutletArticles(const std::string& outlet,
                                                     int limit) override;

  Result<std::vector<StoryActivity>> Activity() override;

  Status MergeStory(const std::string& from, const std::string& into) override;

  Status MergeEvent(const std::string& from, const std::string& into) override;
  Result<PruneReport> PruneStories(int64_t before) override;

  Status PutRedirect(const std::string& old_id,
                     const std::string& new_id) override;

  Result<std::optional<std::string>> Redirect(
      const std::string& old_id) override;

  Status EnqueueArticles(const std::vector<Article>& articles,
                         int64_t now) override;

  Result<std::vector<QueuedArticle>> QueuedArticles(int limit) override;

  Status DeleteQueued(const std::vector<int64_t>& seqs) override;

  Result<int64_t> QueueLength() override;

  Status PutFeed(const FeedState& f) override;
  Status RemoveFeed(const std::string& url, bool* removed) override;

  Result<std::vector<FeedState>> Feeds() override;

  Status QueueItem(const CrawlItem& it, bool* added) override;

  Result<std::vector<CrawlItem>> QueuedItems(int limit) override;

  Result<std::vector<CrawlItem>> ClaimItems(int limit, int64_t now,
                                            int64_t lease_s) override;

  Status FinishItem(const std::string& key, const std::string& state,
                    int attempts, const std::string& detail) override;

  Result<std::vector<std::pair<std::string, int64_t>>> CrawlCounts() override;

 private:
  sqlite3* db_;
  internal::StmtCache stmts_;
  // Search-index work of the open transaction (see FlushSearchIndex): the
  // first article seq not indexed yet (0: none), and each story's new
  // headline and body (nullopt: remove from the index).
  int64_t unindexed_from_ = 0;
  std::string path_;
  bool read_only_ = false;
  int writer_fd_ = -1;  // the writer lock's file, held while open
  std::map<std::string, std::optional<std::pair<std::string, std::string>>>
      pending_stories_;
};

}  // namespace storyline::store::internal

#endif  // STORYLINE_STORE_INTERNAL_SQLITE_STORE_H_
