#include "server/internal/context.h"

#include <algorithm>
#include <cmath>

#include "common/strings.h"
#include "common/time.h"

namespace storyline::server::internal {

Result<StorePool::Lease> StorePool::Acquire() {
  {
    std::unique_lock<std::mutex> l(mu_);
    freed_.wait(l, [&] { return !idle_.empty() || open_ < max_open_; });
    if (!idle_.empty()) {
      std::unique_ptr<store::Store> s = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(s));
    }
    ++open_;  // reserved; opened outside the lock
  }
  store::OpenOptions o;
  o.read_only = true;
  Result<std::unique_ptr<store::Store>> s = store::Open(path_, o);
  if (!s.ok()) {
    std::lock_guard<std::mutex> l(mu_);
    --open_;
    freed_.notify_one();
    return s.status();
  }
  return Lease(this, std::move(s).value());
}

Status StorePool::Prewarm(int n) {
  std::vector<Lease> held;
  for (int i = 0; i < std::min(n, max_open_); ++i) {
    Result<Lease> l = Acquire();
    if (!l.ok()) return l.status();
    held.push_back(std::move(l).value());
  }
  return Status::Ok();  // the leases go back to the pool here
}

void StorePool::Return(std::unique_ptr<store::Store> s) {
  std::lock_guard<std::mutex> l(mu_);
  idle_.push_back(std::move(s));
  freed_.notify_one();
}

void DefineHttpMetrics(Metrics* m) {
  m->Define(kHttpRequests, Metrics::kCounter,
            "HTTP requests answered, by route and status.");
  m->Define(kHttpSeconds, Metrics::kHistogram,
            "Time from a request's headers to its response being queued, by "
            "route.",
            Metrics::SecondsBuckets());
}

double StoryScore(const StoryCard& c, int64_t reference_time) {
  double age_h =
      std::max<double>(0, static_cast<double>(reference_time - c.row.updated)) /
      3600.0;
  double growth = std::clamp((c.recent + 1.0) / (c.previous + 1.0), 0.5, 2.0);
  return (1 + std::log1p(c.recent)) *
         (1 + 0.5 * std::log(std::max(1, c.row.outlet_count))) * growth *
         std::pow(0.5, age_h / 24.0);
}

Result<int64_t> Context::Generation() {
  Result<StorePool::Lease> db = pool_.Acquire();
  if (!db.ok()) return db.status();
  return (*db)->Generation();
}

Result<std::shared_ptr<const Snapshot>> Context::Current() {
  auto now_ns = [] {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  };
  const int64_t refresh_ns = int64_t{opts_.refresh_ms} * 1000000;
  {
    std::shared_lock<std::shared_mutex> l(snap_mu_);
    if (snapshot_ &&
        (background_ || now_ns() - checked_ns_.load() < refresh_ns))
      return snapshot_;
  }
  // One thread re-reads the generation; the others keep serving the
  // snapshot they have meanwhile.
  std::unique_lock<std::mutex> refresh(refresh_mu_, std::try_to_lock);
  if (!refresh.owns_lock()) {
    {
      std::shared_lock<std::shared_mutex> l(snap_mu_);
      if (snapshot_) return snapshot_;
    }
    refresh.lock();
  }
  std::shared_ptr<const Snapshot> current;
  {
    std::shared_lock<std::shared_mutex> l(snap_mu_);
    current = snapshot_;
  }
  if (current && now_ns() - checked_ns_.load() < refresh_ns) return current;
  return RefreshLocked(std::move(current));
}

Result<std::shared_ptr<const Snapshot>> Context::RefreshLocked(
    std::shared_ptr<const Snapshot> current) {
  Result<int64_t> gen = Generation();
  if (!gen.ok()) return gen.status();
  checked_ns_.store(std::chrono::duration_cast<std::chrono::nanoseconds>(
                        std::chrono::steady_clock::now().time_since_epoch())
                        .count());
  if (current && *gen == current->generation) return current;
  Result<std::shared_ptr<const Snapshot>> built = Build(*gen);
  if (!built.ok()) return built.status();
  std::unique_lock<std::shared_mutex> l(snap_mu_);
  snapshot_ = *built;
  return snapshot_;
}

void Context::StartRefresher() {
  std::lock_guard<std::mutex> l(stop_mu_);
  if (refresher_.joinable()) return;
  stop_ = false;
  background_ = true;
  refresher_ = std::thread([this] {
    std::unique_lock<std::mutex> l(stop_mu_);
    while (!stop_) {
      l.unlock();
      {
        std::lock_guard<std::mutex> r(refresh_mu_);
        std::shared_ptr<const Snapshot> current;
        {
          std::shared_lock<std::shared_mutex> sl(snap_mu_);
          current = snapshot_;
        }
        // A failed read keeps the snapshot readers have; the next round
        // tries again.
        (void)RefreshLocked(std::move(current));
      }
      l.lock();
      stop_cv_.wait_for(l, std::chrono::milliseconds(opts_.refresh_ms),
                        [this] { return stop_; });
    }
  });
}

void Context::StopRefresher() {
  {
    std::lock_guard<std::mutex> l(stop_mu_);
    stop_ = true;
  }
  stop_cv_.notify_all();
  if (refresher_.joinable()) refresher_.join();
  background_ = false;
}

Result<std::shared_ptr<const Snapshot>> Context::Build(int64_t generation) {
  Result<StorePool::Lease> db = pool_.Acquire();
  if (!db.ok()) return db.status();
  Result<std::vector<store::StoryRow>> rows = (*db)->ListStories();
  if (!rows.ok()) return rows.status();
  Result<std::vector<store::StoryActivity>> act = (*db)->Activity();
  if (!act.ok()) return act.status();

  auto snap = std::make_shared<Snapshot>();
  snap->generation = generation;
  int64_t newest = 0;
  for (const store::StoryRow& r : *rows) newest = std::max(newest, r.updated);
  snap->reference_time = std::min(clock_->NowSeconds(), newest);
  if (snap->reference_time <= 0) snap->reference_time = clock_->NowSeconds();
  int64_t ref_day = snap->reference_time / 86400;

  std::map<std::string, const store::StoryActivity*> activity;
  for (const store::StoryActivity& a : *act) activity[a.story_id] = &a;
  for (const store::StoryRow& r : *rows) {
    if (!r.published) continue;
    StoryCard c;
    c.row = r;
    std::map<std::string, int> outlets, langs;
    if (auto it = activity.find(r.id); it != activity.end()) {
      auto& cov = snap->coverage[r.id];
      for (const store::StoryActivity::Cell& cell : it->second->cells) {
        c.per_day[cell.day] += cell.count;
        outlets[cell.outlet] += cell.count;
        if (!cell.language.empty()) langs[cell.language] += cell.count;
        cov[{cell.day, cell.outlet}] += cell.count;
        if (cell.day > ref_day - 3 && cell.day <= ref_day)
          c.recent += cell.count;
        if (cell.day > ref_day - 6 && cell.day <= ref_day - 3)
          c.previous += cell.count;
      }
    }
    auto by_count = [](const std::map<std::string, int>& m) {
      std::vector<std::pair<int, std::string>> v;
      for (const auto& [k, n] : m) v.push_back({-n, k});
      std::sort(v.begin(), v.end());
      std::vector<std::string> out;
      for (const auto& p : v) out.push_back(p.second);
      return out;
    };
    c.outlets = by_count(outlets);
    c.languages = by_count(langs);
    c.score = StoryScore(c, snap->reference_time);
    snap->ranked.push_back(std::move(c));
  }
  std::stable_sort(snap->ranked.begin(), snap->ranked.end(),
                   [](const StoryCard& a, const StoryCard& b) {
                     if (a.score != b.score) return a.score > b.score;
                     return a.row.id < b.row.id;
                   });
  for (size_t i = 0; i < snap->ranked.size(); ++i)
    snap->by_id[snap->ranked[i].row.id] = i;
  return std::shared_ptr<const Snapshot>(std::move(snap));
}

std::shared_ptr<const Response> Context::CacheGet(const std::string& key,
                                                  int64_t generation) {
  std::shared_lock<std::shared_mutex> l(cache_mu_);
  auto it = cache_.find(key);
  if (it == cache_.end() || it->second.first != generation) return nullptr;
  return it->second.second;
}

void Context::CachePut(const std::string& key, int64_t generation,
                       std::shared_ptr<const Response> r) {
  std::unique_lock<std::shared_mutex> l(cache_mu_);
  if (cache_.size() >= opts_.cache_entries) {
    // Drop entries of older generations first; else start over.
    for (auto it = cache_.begin(); it != cache_.end();)
      it = it->second.first != generation ? cache_.erase(it) : std::next(it);
    if (cache_.size() >= opts_.cache_entries) cache_.clear();
  }
  cache_[key] = {generation, std::move(r)};
}

}  // namespace storyline::server::internal
