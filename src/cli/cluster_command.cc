// storyline cluster: the clustering evaluation and scale entry point.
//
// Output: `id<TAB>event<TAB>story<TAB>news` (news 1 or 0), one row per
// article, decided by pipeline::Assigner exactly as `storyline ingest`
// decides. Default: reads the whole JSONL, sorts it by publication time,
// clusters it online and writes each article's final event and story (ids
// resolved through later merges). With --sorted the input must already be in
// time order and is streamed: memory follows the active clusters, and each row
// is written as the article is assigned (later merges are not rewritten).
// --stats prints throughput, RSS and active clusters at 10^k articles.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cli/commands.h"
#include "cli/flags.h"
#include "cluster/cluster.h"
#include "common/strings.h"
#include "ingest/ingest.h"
#include "pipeline/assigner.h"

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

// The whole of `s` as a finite number.
bool ParseNumber(const std::string& s, double* out) {
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(d))
    return false;
  *out = d;
  return true;
}

double PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;
}

}  // namespace

int ClusterCmd(const Args& args) {
  Flags f =
      ParseFlags(args,
                 {"input", "out", "event-threshold", "event-window-days",
                  "story-threshold", "event-merge-threshold", "event-decay",
                  "dedupe-days", "event-weights", "story-merge-threshold",
                  "story-min-words", "story-min-shared-names",
                  "event-min-probability", "short-event-threshold",
                  "event-merge-min-words", "idf-min-docs", "train-features"},
                 {"ignore-time", "sorted", "stats", "exact", "no-news",
                  "cosine-events", "train-online", "names-may-differ"});
  if (!f.error.empty() || !f.Has("input") || !f.Has("out")) {
    std::fprintf(stderr,
                 "storyline cluster: usage: storyline cluster --input "
                 "FILE.jsonl --out FILE.tsv [--ignore-time] [--sorted] "
                 "[--stats] [--dedupe-days N] [--no-news]\n");
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
  double dedupe_days =
      static_cast<double>(pipeline::AssignerOptions{}.dedupe_horizon) / 86400;
  double window_days = static_cast<double>(copts.event_window) / 86400;
  double story_shared = copts.story_min_shared_names;
  const std::pair<const char*, double*> knobs[] = {
      {"event-threshold", &copts.event_threshold},
      {"story-threshold", &copts.story_threshold},
      {"event-merge-threshold", &copts.event_merge_threshold},
      {"event-min-probability", &copts.event_min_probability},
      {"short-event-threshold", &copts.short_event_threshold},
      {"event-merge-min-words", &copts.event_merge_min_words},
      {"story-min-words", &copts.story_min_words},
      {"story-merge-threshold", &copts.story_merge_threshold},
      {"event-decay", &copts.event_decay},
      {"idf-min-docs", &copts.idf_min_docs},
      {"story-min-shared-names", &story_shared},
      {"event-window-days", &window_days},
      {"dedupe-days", &dedupe_days}};
  for (const auto& [name, value] : knobs) {
    if (f.Has(name) && !ParseNumber(f.Get(name), value)) {
      std::fprintf(stderr, "storyline cluster: --%s: '%s' is not a number\n",
                   name, f.Get(name).c_str());
      return 2;
    }
  }
  copts.event_window = static_cast<int64_t>(window_days * 86400);
  copts.story_min_shared_names = static_cast<int>(story_shared);
  copts.exact_search = f.Has("exact");
  copts.learned_events = !f.Has("cosine-events");
  copts.names_must_overlap = !f.Has("names-may-differ");
  if (f.Has("event-weights")) {
    // Comma-separated, one per feature (leave-one-set-out experiments).
    for (const std::string& w : Split(f.Get("event-weights"), ',')) {
      double d = 0;
      if (!ParseNumber(w, &d)) {
        std::fprintf(stderr,
                     "storyline cluster: --event-weights: '%s' is "
                     "not a number\n",
                     w.c_str());
        return 2;
      }
      copts.event_weights.push_back(d);
    }
    if (copts.event_weights.size() !=
        cluster::Clusterer::EventFeatureNames().size()) {
      std::fprintf(stderr,
                   "storyline cluster: --event-weights needs %zu numbers\n",
                   cluster::Clusterer::EventFeatureNames().size());
      return 2;
    }
  }
  // Training: every article joins its gold event (the JSONL "cluster"
  // label) and the scorer's features for each candidate are written out.
  std::ofstream train;
  cluster::Clusterer teacher(copts);
  std::unordered_map<std::string, std::string> gold_event;  // label -> id
  if (f.Has("train-features")) {
    train.open(f.Get("train-features"));
    if (!train) {
      std::fprintf(stderr, "storyline cluster: cannot write %s\n",
                   f.Get("train-features").c_str());
      return 1;
    }
    train << "same";
    for (const std::string& n : cluster::Clusterer::EventFeatureNames())
      train << '\t' << n;
    train << '\n';
  }
  // Gold labels seen in each event, to label candidates online: a
  // candidate is right when its most frequent gold label is the article's.
  std::unordered_map<std::string, std::unordered_map<std::string, int>>
      event_labels;
  const bool online = f.Has("train-online");
  const std::string* current_gold = nullptr;
  auto plurality = [&](const std::string& event) -> std::string {
    auto it = event_labels.find(teacher.CurrentEvent(event));
    if (it == event_labels.end()) return "";
    std::string best;
    int n = 0;
    for (const auto& [label, c] : it->second)
      if (c > n || (c == n && label < best)) {
        best = label;
        n = c;
      }
    return best;
  };
  const cluster::Clusterer::FeatureSink sink = [&](const std::vector<double>& x,
                                                   const std::string& event) {
    train << (plurality(event) == *current_gold ? 1 : 0);
    for (double v : x) train << '\t' << v;
    train << '\n';
  };
  const bool sorted = f.Has("sorted"), stats = f.Has("stats");
  pipeline::AssignerOptions ao;
  ao.cluster = copts;
  ao.dedupe_horizon = static_cast<int64_t>(dedupe_days * 86400);
  ao.classify_news = !f.Has("no-news");
  pipeline::Assigner stream(ao);

  struct Item {
    std::string ext_id;
    Article a;
    std::string gold;  // the "cluster" label, for --train-features
  };
  std::vector<Item> items;
  struct Row {
    std::string ext_id, event, story;
    bool news;
  };
  std::vector<Row> rows;
  const auto start = std::chrono::steady_clock::now();
  auto last = start;
  size_t done = 0, next_report = 10000, last_done = 0;
  auto assign = [&](Item& it) {
    if (train.is_open()) {
      auto [g, fresh] = gold_event.try_emplace(it.gold, it.ext_id);
      current_gold = &it.gold;
      cluster::Assignment x =
          teacher.AddSupervised(it.a, online ? "" : g->second, sink);
      ++event_labels[teacher.CurrentEvent(x.event_id)][it.gold];
      ++done;
      return;
    }
    pipeline::Decision d = stream.Add(it.a);
    if (sorted)
      out << it.ext_id << '\t' << d.event_id << '\t' << d.story_id << '\t'
          << (d.news ? 1 : 0) << '\n';
    else
      rows.push_back({it.ext_id, d.event_id, d.story_id, d.news});
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
    Item it{ext.empty() ? std::to_string(line_no) : ext, std::move(a).value(),
            ""};
    if (f.Has("train-features")) {
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_object() && j.contains("cluster"))
        it.gold = j["cluster"].is_string() ? j["cluster"].get<std::string>()
                                           : j["cluster"].dump();
      if (it.gold.empty()) it.gold = "\x01" + it.ext_id;  // a singleton
    }
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
    for (const Row& r : rows)
      out << r.ext_id << '\t' << stream.CurrentEvent(r.event) << '\t'
          << stream.CurrentStory(r.story) << '\t' << (r.news ? 1 : 0) << '\n';
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
