// Shared state of a running server: a pool of read-only store
// connections, the store generation, and the data derived from one
// generation (internal). Thread-safe.
#ifndef STORYLINE_SERVER_INTERNAL_CONTEXT_H_
#define STORYLINE_SERVER_INTERNAL_CONTEXT_H_

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "common/metrics.h"
#include "server/internal/http.h"
#include "server/server.h"
#include "store/store.h"

namespace storyline::server::internal {

// The families the server counts into: requests by route and status, and
// their latency by route.
inline constexpr char kHttpRequests[] = "storyline_http_requests_total";
inline constexpr char kHttpSeconds[] =
    "storyline_http_request_duration_seconds";
void DefineHttpMetrics(Metrics* m);

// Read-only store connections shared by the handlers: at most `max_open`,
// a handler waits for a free one.
class StorePool {
 public:
  StorePool(std::string path, int max_open)
      : path_(std::move(path)), max_open_(std::max(1, max_open)) {}
  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<store::Store> s)
        : pool_(pool), s_(std::move(s)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (s_) pool_->Return(std::move(s_));
    }
    store::Store* operator->() const { return s_.get(); }
    store::Store* get() const { return s_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<store::Store> s_;
  };
  Result<Lease> Acquire();
  // Opens up to `n` connections now (fewer on error; says why).
  Status Prewarm(int n);

 private:
  void Return(std::unique_ptr<store::Store> s);
  std::string path_;
  int max_open_;
  int open_ = 0;  // connections in existence (idle or leased)
  std::mutex mu_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<store::Store>> idle_;
};

// A story as the front page and feeds see it.
struct StoryCard {
  store::StoryRow row;
  std::vector<std::string> outlets;    // by article count, most first
  std::vector<std::string> languages;  // by article count
  std::map<int64_t, int> per_day;      // day → articles
  int recent = 0;    // articles in the last 72 h before the reference time
  int previous = 0;  // in the 72 h before that
  double score = 0;
};

// Everything derived from one store generation.
struct Snapshot {
  int64_t generation = -1;
  int64_t reference_time = 0;           // min(now, newest article)
  std::vector<StoryCard> ranked;        // published stories, best first
  std::map<std::string, size_t> by_id;  // story id → index in ranked
  // Per story: (day, outlet) → articles, for the coverage chart.
  std::map<std::string, std::map<std::pair<int64_t, std::string>, int>>
      coverage;
};

class Context {
 public:
  Context(std::string db_path, const Options& options, const Clock* clock)
      : pool_(db_path, options.max_store_connections),
        db_path_(std::move(db_path)),
        opts_(options),
        clock_(clock),
        metrics_(options.metrics ? options.metrics : &own_metrics_) {
    DefineHttpMetrics(metrics_);
  }

  StorePool& pool() { return pool_; }
  const std::string& db_path() const { return db_path_; }
  // Absolute site URL without a trailing slash (set once before serving).
  const std::string& base_url() const { return base_url_; }
  void set_base_url(std::string b) { base_url_ = std::move(b); }
  const Options& options() const { return opts_; }
  const Clock& clock() const { return *clock_; }
  Metrics& metrics() { return *metrics_; }

  ~Context() { StopRefresher(); }
  // The current snapshot (rebuilt when the generation moved). With the
  // refresher running it never touches the store once a snapshot exists;
  // without it, one request thread at a time re-reads the generation at
  // most every refresh_ms.
  Result<std::shared_ptr<const Snapshot>> Current();
  // A thread of its own re-reads the generation every refresh_ms, so no
  // request waits on the store for it: on an event-loop server a slow
  // store read on the request path would stall every connection of that
  // loop. Idempotent; StopRefresher() joins it.
  void StartRefresher();
  void StopRefresher();

  // Response cache keyed by request target, valid for one generation.
  // Entries are shared, never copied under the lock.
  std::shared_ptr<const Response> CacheGet(const std::string& key,
                                           int64_t generation);
  void CachePut(const std::string& key, int64_t generation,
                std::shared_ptr<const Response> r);

 private:
  Result<int64_t> Generation();
  Result<std::shared_ptr<const Snapshot>> Build(int64_t generation);
  // Re-reads the generation and rebuilds the snapshot when it moved; the
  // caller holds refresh_mu_.
  Result<std::shared_ptr<const Snapshot>> RefreshLocked(
      std::shared_ptr<const Snapshot> current);
  StorePool pool_;
  std::string db_path_;
  std::string base_url_;
  Options opts_;
  const Clock* clock_;
  Metrics own_metrics_;
  Metrics* metrics_;

  // Readers take snap_mu_ shared; one refresher at a time holds
  // refresh_mu_ and swaps the snapshot under snap_mu_ exclusively.
  std::shared_mutex snap_mu_;
  std::shared_ptr<const Snapshot> snapshot_;
  std::atomic<int64_t> checked_ns_{0};  // steady clock, last generation read
  std::mutex refresh_mu_;
  std::thread refresher_;
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stop_ = false;
  std::atomic<bool> background_{false};

  std::shared_mutex cache_mu_;
  std::map<std::string, std::pair<int64_t, std::shared_ptr<const Response>>>
      cache_;
};

// Front-page score (docs/design/server.md).
double StoryScore(const StoryCard& c, int64_t reference_time);

}  // namespace storyline::server::internal

#endif  // STORYLINE_SERVER_INTERNAL_CONTEXT_H_
