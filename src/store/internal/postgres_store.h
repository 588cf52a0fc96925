// The PostgreSQL engine's Store (internal to store/), on libpqxx; its
// methods are defined by concern in postgres_store.cc (connection, retry,
// transactions, the writer lock, schema), postgres_articles.cc,
// postgres_pages.cc and postgres_queue.cc. One connection per Store;
// statements are prepared once per connection. Every call runs inside the
// caller's transaction (Begin/Commit) or, outside one, in its own
// transaction committed at once. A lost connection outside a transaction
// is re-opened with backoff and the call retried; inside one it is an
// error (the server rolled the transaction back, so nothing is half
// written). Schema changes are migrations (internal/pg_schema.cc) applied
// under an advisory lock, so concurrent first opens migrate once.
#ifndef STORYLINE_STORE_INTERNAL_POSTGRES_STORE_H_
#define STORYLINE_STORE_INTERNAL_POSTGRES_STORE_H_

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/strings.h"
#include "store/internal/codec.h"
#include "store/internal/pg_text.h"
#include "store/store.h"

namespace storyline::store::internal {

// Advisory lock keys (per database): the one writer, and migrations.
constexpr int64_t kWriterLockKey = 0x73746f7279000001;     // "story" 1
constexpr int64_t kMigrationLockKey = 0x73746f7279000002;  // "story" 2

inline std::string S(const pqxx::field& f) {
  return std::string(f.c_str(), f.size());
}
inline int64_t I(const pqxx::field& f) { return f.as<int64_t>(); }

StoredArticle ReadArticle(const pqxx::row& r);
// A crawl_items row selected as key, url, feed, discovered, state,
// attempts, detail.
CrawlItem ReadCrawlItem(const pqxx::row& r);

class PostgresStore : public Store {
 public:
  PostgresStore(std::string url, const PostgresOptions& o)
      : url_(std::move(url)), opts_(o) {}

  Status Connect();

  // The server's words without the password, on one line.
  std::string Clean(const std::string& what) const;

  // The first column of `sql`'s rows (a read in its own transaction, or
  // the open one).
  Result<std::vector<std::string>> Strings(const char* what, const char* sql);
  // Runs `fn(tx)` in the open transaction, or in one of its own.
  template <typename F>
  Status Run(const char* what, F&& fn) {
    if (tx_) {
      try {
        fn(*tx_);
        return Status::Ok();
      } catch (const std::exception& e) {
        tx_failed_ = true;
        return Status::IoError(std::string("postgresql: ") + what + ": " +
                               Clean(e.what()));
      }
    }
    for (int attempt = 0;; ++attempt) {
      try {
        if (!conn_) SL_RETURN_IF_ERROR(Connect());
        pqxx::work w(*conn_);
        fn(w);
        w.commit();
        return Status::Ok();
      } catch (const pqxx::broken_connection& e) {
        if (attempt >= opts_.reconnect_attempts)
          return Status::IoError(std::string("postgresql: ") + what +
                                 ": connection lost: " + Clean(e.what()));
        conn_.reset();
        std::this_thread::sleep_for(std::chrono::milliseconds(100 << attempt));
        Status st = Reconnect();
        if (!st.ok() && attempt + 1 >= opts_.reconnect_attempts) return st;
      } catch (const std::exception& e) {
        return Status::IoError(std::string("postgresql: ") + what + ": " +
                               Clean(e.what()));
      }
    }
  }

  // A new session; a writer takes its lock back or says it lost it.
  Status Reconnect();

  Status Migrate();

  // Refuses a schema newer than this build; with `t`, applies the pending
  // migrations in it.
  Status CheckVersion(pqxx::transaction_base* t);

  Status Begin() override;

  Status Commit() override;

  Status Rollback() override;

  Status LockWriter(
      int64_t wait_ms,
      const std::function<void(const std::string&)>& waiting) override;

  // Runs `fn` outside any transaction (session-level statements).
  template <typename F>
  Status Session(const char* what, F&& fn) {
    try {
      if (!conn_) SL_RETURN_IF_ERROR(Connect());
      pqxx::nontransaction n(*conn_);
      fn(n);
      return Status::Ok();
    } catch (const std::exception& e) {
      if (dynamic_cast<const pqxx::broken_connection*>(&e)) conn_.reset();
      return Status::IoError(std::string("postgresql: ") + what + ": " +
                             Clean(e.what()));
    }
  }

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

  static void InsertRedirect(pqxx::transaction_base& t,
                             const std::string& old_id,
                             const std::string& new_id);

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
  std::string url_;
  PostgresOptions opts_;
  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::work> tx_;
  bool tx_failed_ = false;  // a statement in tx_ failed: Commit refuses
  bool writer_ = false;     // holds the writer advisory lock
  std::set<std::string> configs_seen_;       // search_configs rows written
  std::set<std::string> available_configs_;  // the server's pg_ts_config
};

}  // namespace storyline::store::internal

#endif  // STORYLINE_STORE_INTERNAL_POSTGRES_STORE_H_
