// PostgresStore: the article queue between processes and crawl state.
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
#include "store/internal/postgres_store.h"
#include "store/internal/schema.h"
#include "store/internal/search.h"
#include "store/store.h"

namespace storyline::store::internal {

Status PostgresStore::EnqueueArticles(const std::vector<Article>& articles,
                                      int64_t now) {
  for (const Article& a : articles)
    SL_RETURN_IF_ERROR(internal::CheckQueueable(a));
  return Run("enqueueing articles", [&](pqxx::transaction_base& t) {
    for (const Article& a : articles)
      t.exec_params(
          "INSERT INTO article_queue(published, enqueued_at, article) "
          "VALUES($1,$2,$3)",
          a.published, now, internal::EncodeArticle(a));
  });
}

Result<std::vector<QueuedArticle>> PostgresStore::QueuedArticles(int limit) {
  std::vector<QueuedArticle> out;
  Status bad;
  Status st = Run("queued articles", [&](pqxx::transaction_base& t) {
    out.clear();
    for (const pqxx::row& r : t.exec_params(
             "SELECT seq, article FROM article_queue ORDER BY published, "
             "seq LIMIT $1",
             limit)) {
      std::optional<Article> a = internal::DecodeArticle(S(r[1]));
      if (!a) {
        bad =
            Status::Corruption("queued article " + S(r[0]) + " cannot be read");
        return;
      }
      out.push_back({I(r[0]), std::move(*a)});
    }
  });
  if (!st.ok()) return st;
  if (!bad.ok()) return bad;
  return out;
}

Status PostgresStore::DeleteQueued(const std::vector<int64_t>& seqs) {
  return Run("dequeueing articles", [&](pqxx::transaction_base& t) {
    for (int64_t q : seqs)
      t.exec_params("DELETE FROM article_queue WHERE seq=$1", q);
  });
}

Result<int64_t> PostgresStore::QueueLength() {
  int64_t n = 0;
  Status st = Run("queue length", [&](pqxx::transaction_base& t) {
    n = I(t.exec("SELECT COUNT(*) FROM article_queue")[0][0]);
  });
  if (!st.ok()) return st;
  return n;
}

Status PostgresStore::PutFeed(const FeedState& f) {
  return Run("storing feed", [&](pqxx::transaction_base& t) {
    t.exec_params(
        "INSERT INTO crawl_feeds(url, etag, last_modified, next_poll, "
        "interval_s, last_status, polls, items) VALUES($1,$2,$3,$4,$5,$6,"
        "$7,$8) ON CONFLICT(url) DO UPDATE SET etag=EXCLUDED.etag, "
        "last_modified=EXCLUDED.last_modified, "
        "next_poll=EXCLUDED.next_poll, interval_s=EXCLUDED.interval_s, "
        "last_status=EXCLUDED.last_status, polls=EXCLUDED.polls, "
        "items=EXCLUDED.items",
        f.url, f.etag, f.last_modified, f.next_poll, f.interval_s,
        f.last_status, f.polls, f.items);
  });
}

Status PostgresStore::RemoveFeed(const std::string& url, bool* removed) {
  return Run("removing feed", [&](pqxx::transaction_base& t) {
    *removed = t.exec_params("DELETE FROM crawl_feeds WHERE url=$1", url)
                   .affected_rows() > 0;
  });
}

Result<std::vector<FeedState>> PostgresStore::Feeds() {
  std::vector<FeedState> out;
  Status st = Run("listing feeds", [&](pqxx::transaction_base& t) {
    out.clear();
    for (const pqxx::row& r :
         t.exec("SELECT url, etag, last_modified, next_poll, interval_s, "
                "last_status, polls, items FROM crawl_feeds ORDER BY url")) {
      FeedState f;
      f.url = S(r[0]);
      f.etag = S(r[1]);
      f.last_modified = S(r[2]);
      f.next_poll = I(r[3]);
      f.interval_s = r[4].as<int>();
      f.last_status = S(r[5]);
      f.polls = r[6].as<int>();
      f.items = r[7].as<int>();
      out.push_back(std::move(f));
    }
  });
  if (!st.ok()) return st;
  return out;
}

Status PostgresStore::QueueItem(const CrawlItem& it, bool* added) {
  return Run("queueing crawl item", [&](pqxx::transaction_base& t) {
    // The key conflict is the constraint; the URL check covers the same
    // article under another GUID.
    pqxx::result r = t.exec_params(
        "INSERT INTO crawl_items(key, url, feed, discovered, state, "
        "attempts, detail) SELECT $1,$2,$3,$4,$5,$6,$7 WHERE NOT EXISTS "
        "(SELECT 1 FROM crawl_items WHERE url=$2) ON CONFLICT(key) DO "
        "NOTHING",
        it.key, it.url, it.feed, it.discovered, it.state, it.attempts,
        it.detail);
    *added = r.affected_rows() == 1;
  });
}

Result<std::vector<CrawlItem>> PostgresStore::QueuedItems(int limit) {
  std::vector<CrawlItem> out;
  Status st = Run("queued items", [&](pqxx::transaction_base& t) {
    out.clear();
    for (const pqxx::row& r : t.exec_params(
             "SELECT key, url, feed, discovered, state, attempts, detail "
             "FROM crawl_items WHERE state='queued' ORDER BY discovered, n "
             "LIMIT $1",
             limit)) {
      out.push_back(ReadCrawlItem(r));
    }
  });
  if (!st.ok()) return st;
  return out;
}

Result<std::vector<CrawlItem>> PostgresStore::ClaimItems(int limit, int64_t now,
                                                         int64_t lease_s) {
  std::vector<CrawlItem> out;
  Status st = Run("claiming crawl items", [&](pqxx::transaction_base& t) {
    out.clear();
    for (const pqxx::row& r : t.exec_params(
             "UPDATE crawl_items c SET state='claimed', claimed_until=$3, "
             "claimed_by=pg_backend_pid()::TEXT FROM (SELECT key FROM "
             "crawl_items WHERE state='queued' OR (state='claimed' AND "
             "(claimed_until<$2 OR NOT EXISTS (SELECT 1 FROM "
             "pg_stat_activity a WHERE a.pid::TEXT=claimed_by))) ORDER BY "
             "discovered, n LIMIT $1 FOR UPDATE SKIP LOCKED) pick WHERE "
             "c.key=pick.key "
             "RETURNING c.key, c.url, c.feed, c.discovered, c.state, "
             "c.attempts, c.detail",
             limit, now, now + lease_s))
      out.push_back(ReadCrawlItem(r));
  });
  if (!st.ok()) return st;
  // RETURNING has no order: oldest first, as claimed.
  std::stable_sort(out.begin(), out.end(),
                   [](const CrawlItem& a, const CrawlItem& b) {
                     return a.discovered < b.discovered;
                   });
  return out;
}

Status PostgresStore::FinishItem(const std::string& key,
                                 const std::string& state, int attempts,
                                 const std::string& detail) {
  return Run("finishing crawl item", [&](pqxx::transaction_base& t) {
    t.exec_params(
        "UPDATE crawl_items SET state=$1, attempts=$2, detail=$3 WHERE "
        "key=$4",
        state, attempts, detail, key);
  });
}

Result<std::vector<std::pair<std::string, int64_t>>>
PostgresStore::CrawlCounts() {
  std::vector<std::pair<std::string, int64_t>> out;
  Status st = Run("crawl counts", [&](pqxx::transaction_base& t) {
    out.clear();
    for (const pqxx::row& r :
         t.exec("SELECT state, COUNT(*) FROM crawl_items GROUP BY state "
                "ORDER BY state"))
      out.push_back({S(r[0]), I(r[1])});
  });
  if (!st.ok()) return st;
  return out;
}

}  // namespace storyline::store::internal
