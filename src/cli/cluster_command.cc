// storyline cluster: the clustering evaluation and scale entry point.
//
// Default: reads the whole JSONL, sorts it by publication time, clusters it
// online and writes each article's final event and story (ids resolved
// through later merges). With --sorted the input must already be in time
// order and is streamed: memory follows the active clusters, and each row
// is written as the article is assigned (later merges are not rewritten).
// --stats prints throughput, RSS and active clusters at 10^k articles.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cli/commands.h"
#include "cli/flags.h"
#include "cluster/cluster.h"
#include "common/strings.h"
#include "dedupe/dedupe.h"
#include "ingest/ingest.h"

namespace storyline::cli {
namespace {

// Resident set size now, from /proc (0 where unavailable).
double RssMb() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  long pages = 0, resident = 0;
  int n = std::fscanf(f, "%ld %ld", &pages, &resident);
  std::fclose(f);
  return n == 2 ? resident * 4096.0 / (1 << 20) : 0;
}

double PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;
}

// Dedupe + online assignment, one article at a time, with copies of an
// article remembered only while the dedupe index remembers it.
class Stream {
 public:
  Stream(const cluster::Options& o, int64_t dedupe_horizon)
      : clusterer_(o), horizon_(dedupe_horizon) {}

  std::pair<std::string, std::string> Add(const Article& a) {
    dedupe::Signature h = dedupe::Sign(a.text);
    std::string orig = index_.Find(h);
    std::pair<std::string, std::string> as;
    auto it = orig.empty() ? assigned_.end() : assigned_.find(orig);
    if (it != assigned_.end()) {
      as = {clusterer_.CurrentEvent(it->second.first), it->second.second};
      clusterer_.Restore(a, as.first, as.second);
      as.second = clusterer_.CurrentStory(as.second);
    } else {
      cluster::Assignment x = clusterer_.Add(a);
      as = {x.event_id, x.story_id};
      index_.Add(h, a.id, a.published);
      assigned_[a.id] = as;
      order_.push_back({a.published, a.id});
    }
    Forget(a.published);
    return as;
  }
  const cluster::Clusterer& clusterer() const { return clusterer_; }

 private:
  // Every quarter horizon of stream time: texts older than the horizon are
  // no longer matched as originals of copies.
  void Forget(int64_t t) {
    if (horizon_ <= 0) return;
    if (last_forget_ == INT64_MIN) last_forget_ = t;
    if (t - last_forget_ < horizon_ / 4) return;
    last_forget_ = t;
    index_.EvictBefore(t - horizon_);
    while (!order_.empty() && order_.front().first < t - horizon_) {
      assigned_.erase(order_.front().second);
      order_.pop_front();
    }
  }

  cluster::Clusterer clusterer_;
  dedupe::Index index_;
  std::unordered_map<std::string, std::pair<std::string, std::string>>
      assigned_;
  std::deque<std::pair<int64_t, std::string>> order_;
  int64_t horizon_;
  int64_t last_forget_ = INT64_MIN;
};

}  // namespace

int ClusterCmd(const Args& args) {
  Flags f = ParseFlags(args,
                       {"input", "out", "event-threshold", "event-window-days",
                        "story-threshold", "event-merge-threshold",
                        "event-decay", "dedupe-days"},
                       {"ignore-time", "sorted", "stats", "exact"});
  if (!f.error.empty() || !f.Has("input") || !f.Has("out")) {
    std::fprintf(stderr,
                 "storyline cluster: usage: storyline cluster --input "
                 "FILE.jsonl --out FILE.tsv [--ignore-time] [--sorted] "
                 "[--stats] [--dedupe-days N]\n");
    return 2;
  }
  std::ifstream in(f.Get("input"));
  if (!in) {
    std::fprintf(stderr, "storyline cluster: cannot open %s\n",
                 f.Get("input").c_str());
    return 1;
  }
  std::ofstream out(f.Get("out"));
  if (!out) {
    std::fprintf(stderr, "storyline cluster: cannot write %s\n",
                 f.Get("out").c_str());
    return 1;
  }
  // Experiment knobs only: evaluations run with the defaults.
  cluster::Options copts;
  double dedupe_days = 30;
  try {
    if (f.Has("event-threshold"))
      copts.event_threshold = std::stod(f.Get("event-threshold"));
    if (f.Has("story-threshold"))
      copts.story_threshold = std::stod(f.Get("story-threshold"));
    if (f.Has("event-merge-threshold"))
      copts.event_merge_threshold = std::stod(f.Get("event-merge-threshold"));
    if (f.Has("event-decay"))
      copts.event_decay = std::stod(f.Get("event-decay"));
    if (f.Has("event-window-days"))
      copts.event_window =
          static_cast<int64_t>(std::stod(f.Get("event-window-days")) * 86400);
    if (f.Has("dedupe-days")) dedupe_days = std::stod(f.Get("dedupe-days"));
  } catch (const std::exception&) {
    std::fprintf(stderr,
                 "storyline cluster: a numeric option is not a number\n");
    return 2;
  }
  copts.exact_search = f.Has("exact");
  const bool sorted = f.Has("sorted"), stats = f.Has("stats");
  Stream stream(copts, static_cast<int64_t>(dedupe_days * 86400));

  struct Item {
    std::string ext_id;
    Article a;
  };
  std::vector<Item> items;
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> rows;
  const auto start = std::chrono::steady_clock::now();
  auto last = start;
  size_t done = 0, next_report = 10000, last_done = 0;
  auto assign = [&](Item& it) {
    std::pair<std::string, std::string> as = stream.Add(it.a);
    if (sorted)
      out << it.ext_id << '\t' << as.first << '\t' << as.second << '\n';
    else
      rows.push_back({it.ext_id, as});
    if (++done == next_report && stats) {
      auto now = std::chrono::steady_clock::now();
      double secs = std::chrono::duration<double>(now - start).count();
      double lap = std::chrono::duration<double>(now - last).count();
      std::fprintf(stderr,
                   "clustered %9zu  %9.0f articles/s overall  %9.0f/s last "
                   "interval  RSS %7.1f MB  active events %zu of %zu\n",
                   done, done / secs, (done - last_done) / lap, RssMb(),
                   stream.clusterer().active_event_count(),
                   stream.clusterer().event_count());
      last = now;
      last_done = done;
      next_report *= 10;
    }
  };
  std::string line;
  size_t line_no = 0;
  ingest::Options io;
  int bad = 0;
  int64_t prev_time = INT64_MIN;
  while (std::getline(in, line)) {
    ++line_no;
    if (Trim(line).empty()) continue;
    std::string ext;
    auto a = ingest::ArticleFromJsonLine(line, io, &ext);
    if (!a.ok()) {
      std::fprintf(stderr, "storyline cluster: %s:%zu: %s\n",
                   f.Get("input").c_str(), line_no,
                   a.status().ToString().c_str());
      ++bad;
      continue;
    }
    Item it{ext.empty() ? std::to_string(line_no) : ext, std::move(a).value()};
    if (f.Has("ignore-time")) it.a.published = 0;
    it.a.id = it.ext_id;
    if (!sorted) {
      items.push_back(std::move(it));
      continue;
    }
    if (it.a.published < prev_time) {
      std::fprintf(stderr,
                   "storyline cluster: %s:%zu: out of time order with "
                   "--sorted (drop --sorted to sort in memory)\n",
                   f.Get("input").c_str(), line_no);
      return 1;
    }
    prev_time = it.a.published;
    assign(it);
  }
  if (!sorted) {
    std::stable_sort(items.begin(), items.end(),
                     [](const Item& x, const Item& y) {
                       return x.a.published < y.a.published;
                     });
    for (Item& it : items) assign(it);
    // Events and stories merged later take their survivor's id.
    for (const auto& [ext, as] : rows)
      out << ext << '\t' << stream.clusterer().CurrentEvent(as.first) << '\t'
          << stream.clusterer().CurrentStory(as.second) << '\n';
  }
  if (stats) {
    double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    std::fprintf(stderr,
                 "clustered %9zu  %9.0f articles/s overall  peak RSS %.1f MB  "
                 "events %zu (active %zu)\n",
                 done, done / (secs > 0 ? secs : 1), PeakRssMb(),
                 stream.clusterer().event_count(),
                 stream.clusterer().active_event_count());
  }
  return done == 0 && bad > 0 ? 1 : 0;
}

}  // namespace storyline::cli
