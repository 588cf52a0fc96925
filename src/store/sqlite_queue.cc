// SqliteStore: the article queue between processes and crawl state.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <utility>

#include "store/internal/codec.h"
#include "store/internal/schema.h"
#include "store/internal/search.h"
#include "store/internal/sqlite_store.h"
#include "store/internal/stmt.h"

namespace storyline::store::internal {

Status SqliteStore::EnqueueArticles(const std::vector<Article>& articles,
                                    int64_t now) {
  for (const Article& a : articles)
    SL_RETURN_IF_ERROR(internal::CheckQueueable(a));
  Stmt s(&stmts_,
         "INSERT INTO article_queue(published, enqueued_at, article) "
         "VALUES(?,?,?)");
  for (const Article& a : articles) {
    s.Bind(1, a.published).Bind(2, now).Bind(3, internal::EncodeArticle(a));
    if (s.Step() != SQLITE_DONE) return Error("enqueue article");
    s.Reset();
  }
  return Status::Ok();
}

Result<std::vector<QueuedArticle>> SqliteStore::QueuedArticles(int limit) {
  Stmt s(&stmts_,
         "SELECT seq, article FROM article_queue ORDER BY published, seq "
         "LIMIT ?");
  s.Bind(1, int64_t{limit});
  std::vector<QueuedArticle> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    std::optional<Article> a = internal::DecodeArticle(s.Text(1));
    if (!a)
      return Status::Corruption("queued article " + std::to_string(s.Int(0)) +
                                " cannot be read");
    out.push_back({s.Int(0), std::move(*a)});
  }
  if (rc != SQLITE_DONE) return Error("queued articles");
  return out;
}

Status SqliteStore::DeleteQueued(const std::vector<int64_t>& seqs) {
  Stmt s(&stmts_, "DELETE FROM article_queue WHERE seq=?");
  for (int64_t q : seqs) {
    s.Bind(1, q);
    if (s.Step() != SQLITE_DONE) return Error("dequeue article");
    s.Reset();
  }
  return Status::Ok();
}

Result<int64_t> SqliteStore::QueueLength() {
  Stmt s(&stmts_, "SELECT COUNT(*) FROM article_queue");
  if (!s.ok() || s.Step() != SQLITE_ROW) return Error("queue length");
  return s.Int(0);
}

Status SqliteStore::PutFeed(const FeedState& f) {
  Stmt s(&stmts_,
         "INSERT OR REPLACE INTO crawl_feeds(url, etag, last_modified, "
         "next_poll, interval_s, last_status, polls, items) "
         "VALUES(?,?,?,?,?,?,?,?)");
  s.Bind(1, f.url).Bind(2, f.etag).Bind(3, f.last_modified);
  s.Bind(4, f.next_poll).Bind(5, int64_t{f.interval_s}).Bind(6, f.last_status);
  s.Bind(7, int64_t{f.polls}).Bind(8, int64_t{f.items});
  if (s.Step() != SQLITE_DONE) return Error("store feed");
  return Status::Ok();
}

Status SqliteStore::RemoveFeed(const std::string& url, bool* removed) {
  Stmt s(&stmts_, "DELETE FROM crawl_feeds WHERE url=?");
  s.Bind(1, url);
  if (s.Step() != SQLITE_DONE) return Error("remove feed");
  *removed = sqlite3_changes(db_) > 0;
  return Status::Ok();
}

Result<std::vector<FeedState>> SqliteStore::Feeds() {
  Stmt s(&stmts_,
         "SELECT url, etag, last_modified, next_poll, interval_s, "
         "last_status, polls, items FROM crawl_feeds ORDER BY url");
  std::vector<FeedState> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    FeedState f;
    f.url = s.Text(0);
    f.etag = s.Text(1);
    f.last_modified = s.Text(2);
    f.next_poll = s.Int(3);
    f.interval_s = static_cast<int>(s.Int(4));
    f.last_status = s.Text(5);
    f.polls = static_cast<int>(s.Int(6));
    f.items = static_cast<int>(s.Int(7));
    out.push_back(std::move(f));
  }
  if (rc != SQLITE_DONE) return Error("list feeds");
  return out;
}

Status SqliteStore::QueueItem(const CrawlItem& it, bool* added) {
  Stmt known(&stmts_, "SELECT 1 FROM crawl_items WHERE key=? OR url=? LIMIT 1");
  known.Bind(1, it.key).Bind(2, it.url);
  int rc = known.Step();
  if (rc == SQLITE_ROW) {
    *added = false;
    return Status::Ok();
  }
  if (rc != SQLITE_DONE) return Error("crawl item lookup");
  Stmt s(&stmts_,
         "INSERT INTO crawl_items(key, url, feed, discovered, state, "
         "attempts, detail) VALUES(?,?,?,?,?,?,?)");
  s.Bind(1, it.key).Bind(2, it.url).Bind(3, it.feed).Bind(4, it.discovered);
  s.Bind(5, it.state).Bind(6, int64_t{it.attempts}).Bind(7, it.detail);
  if (s.Step() != SQLITE_DONE) return Error("queue crawl item");
  *added = true;
  return Status::Ok();
}

Result<std::vector<CrawlItem>> SqliteStore::QueuedItems(int limit) {
  Stmt s(&stmts_,
         "SELECT key, url, feed, discovered, state, attempts, detail FROM "
         "crawl_items WHERE state='queued' ORDER BY discovered, rowid "
         "LIMIT ?");
  s.Bind(1, int64_t{limit});
  std::vector<CrawlItem> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    out.push_back(ReadCrawlItem(s));
  }
  if (rc != SQLITE_DONE) return Error("queued items");
  return out;
}

Result<std::vector<CrawlItem>> SqliteStore::ClaimItems(int limit, int64_t now,
                                                       int64_t lease_s) {
  bool own = !InTransaction();
  if (own) SL_RETURN_IF_ERROR(Begin());
  // A SQLite store is shared by processes of one machine: a claim whose
  // process is gone is free.
  {
    std::vector<std::string> claimers;
    Stmt c(&stmts_,
           "SELECT DISTINCT claimed_by FROM crawl_items WHERE "
           "state='claimed'");
    while (c.Step() == SQLITE_ROW) claimers.push_back(c.Text(0));
    Stmt free(&stmts_,
              "UPDATE crawl_items SET claimed_until=0 WHERE "
              "state='claimed' AND claimed_by=?");
    for (const std::string& who : claimers) {
      long pid = std::atol(who.c_str());
      if (pid > 0 &&
          (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH))
        continue;  // alive (or not ours to signal: alive)
      free.Bind(1, who);
      if (free.Step() != SQLITE_DONE) {
        if (own) Rollback();
        return Error("free dead claims");
      }
      free.Reset();
    }
  }
  std::vector<CrawlItem> out;
  {
    Stmt s(&stmts_,
           "SELECT key, url, feed, discovered, state, attempts, detail FROM "
           "crawl_items WHERE state='queued' OR (state='claimed' AND "
           "claimed_until<?) ORDER BY discovered, rowid LIMIT ?");
    s.Bind(1, now).Bind(2, int64_t{limit});
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      out.push_back(ReadCrawlItem(s));
      out.back().state = "claimed";
    }
    if (rc != SQLITE_DONE) {
      if (own) Rollback();
      return Error("claim crawl items");
    }
  }
  Stmt up(&stmts_,
          "UPDATE crawl_items SET state='claimed', claimed_until=?, "
          "claimed_by=? WHERE key=?");
  const std::string me = std::to_string(::getpid());
  for (const CrawlItem& it : out) {
    up.Bind(1, now + lease_s).Bind(2, me).Bind(3, it.key);
    if (up.Step() != SQLITE_DONE) {
      if (own) Rollback();
      return Error("claim crawl items");
    }
    up.Reset();
  }
  if (own) SL_RETURN_IF_ERROR(Commit());
  return out;
}

Status SqliteStore::FinishItem(const std::string& key, const std::string& state,
                               int attempts, const std::string& detail) {
  Stmt s(&stmts_,
         "UPDATE crawl_items SET state=?, attempts=?, detail=? WHERE key=?");
  s.Bind(1, state).Bind(2, int64_t{attempts}).Bind(3, detail).Bind(4, key);
  if (s.Step() != SQLITE_DONE) return Error("finish crawl item");
  return Status::Ok();
}

Result<std::vector<std::pair<std::string, int64_t>>>
SqliteStore::CrawlCounts() {
  Stmt s(&stmts_,
         "SELECT state, COUNT(*) FROM crawl_items GROUP BY state ORDER BY "
         "state");
  std::vector<std::pair<std::string, int64_t>> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back({s.Text(0), s.Int(1)});
  if (rc != SQLITE_DONE) return Error("crawl counts");
  return out;
}

}  // namespace storyline::store::internal
