// Online two-level clustering.
//
// Event level: an article joins the most similar active event (cosine to
// the event centroid ≥ event_threshold), else starts a new one. Story
// level: a new event joins the most similar active story (cosine of its
// first article to the story centroid ≥ story_threshold), else starts a
// new story; later articles of the event follow their event. Candidates
// come from inverted indexes keyed by each vector's features.
#include <algorithm>
#include <cmath>
#include <deque>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "cluster/cluster.h"
#include "cluster/internal/event_model.h"
#include "cluster/internal/vectorizer.h"
#include "common/flat_map.h"
#include "common/serial.h"
#include "common/strings.h"

namespace storyline::cluster {

using internal::FeatureId;
using internal::kEventFeatures;
using internal::kShortWords;
using internal::SparseVec;

namespace {

// Running feature sums of a cluster, sorted by feature, with the inverse of
// their L2 norm: the unit centroid is sum × inv_norm without materialising
// it. At most 2 × max_terms sums are kept; beyond that the lightest half is
// dropped (amortised O(1) per added feature).
struct Centroid {
  SparseVec sum;
  double inv_norm = 0;

  void Add(const SparseVec& v, size_t max_terms) {
    SparseVec merged;
    merged.reserve(sum.size() + v.size());
    size_t i = 0, j = 0;
    while (i < sum.size() || j < v.size()) {
      if (j == v.size() || (i < sum.size() && sum[i].first < v[j].first)) {
        merged.push_back(sum[i++]);
      } else if (i == sum.size() || v[j].first < sum[i].first) {
        merged.push_back(v[j++]);
      } else {
        merged.push_back({sum[i].first, sum[i].second + v[j].second});
        ++i;
        ++j;
      }
    }
    if (merged.size() > 2 * max_terms) {
      std::nth_element(merged.begin(),
                       merged.begin() + static_cast<std::ptrdiff_t>(max_terms),
                       merged.end(),
                       [](auto& x, auto& y) { return x.second > y.second; });
      merged.resize(max_terms);
      std::sort(merged.begin(), merged.end());
    }
    double n = 0;
    for (auto& [f, w] : merged) n += static_cast<double>(w) * w;
    inv_norm = n > 0 ? 1.0 / std::sqrt(n) : 0;
    sum.swap(merged);
  }
  // Cosine with a unit vector.
  double Dot(const SparseVec& unit) const {
    return internal::Dot(unit, sum) * inv_norm;
  }
  // Weight of feature f in the unit centroid (0 when absent).
  float Weight(FeatureId f) const {
    auto w = std::lower_bound(sum.begin(), sum.end(), f,
                              [](const std::pair<FeatureId, float>& e,
                                 FeatureId x) { return e.first < x; });
    return w != sum.end() && w->first == f
               ? static_cast<float>(w->second * inv_norm)
               : 0.0f;
  }
  // The unit centroid, materialised (for the merge checks).
  SparseVec Unit() const {
    SparseVec u = sum;
    for (auto& [f, w] : u) w = static_cast<float>(w * inv_norm);
    return u;
  }
};

void SaveCentroid(const Centroid& c, serial::Writer* w) {
  w->U64(c.sum.size());
  for (const auto& [f, x] : c.sum) {
    w->U64(f);
    w->F32(x);
  }
  w->F64(c.inv_norm);
}

void LoadCentroid(serial::Reader* r, size_t features, Centroid* c) {
  uint64_t n = r->Count(5);
  c->sum.reserve(n);
  for (uint64_t i = 0; i < n && r->ok(); ++i) {
    uint64_t f = r->U64();
    if (f >= features || (i > 0 && f <= c->sum.back().first))
      r->Fail("centroid feature out of range or order");
    c->sum.push_back({static_cast<FeatureId>(f), r->F32()});
  }
  c->inv_norm = r->F64();
}

// Features of a vector whose postings give the candidates, and how many of
// the best candidates by partial cosine get the exact one.
constexpr size_t kCandidateFeatures = 16;
constexpr size_t kExactCandidates = 8;

// What candidate scoring reads comes first, in one cache line.
struct Cluster {
  Centroid centroid;
  int64_t last_time = 0;
  size_t articles = 0;
  int merged_into = -1;  // the survivor's index once merged
  bool active = false;   // listed in Level::active_ (centroid kept)
  std::string id;
  std::string story_id;  // events only
  std::string language;  // of the first article
  // Events only, what the event scorer compares beyond the centroid: the
  // titles' centroid, the core (its first kCoreArticles articles: an event
  // is compared with what it was about, not only where it drifted) and the
  // outlets that reported it.
  Centroid title;
  Centroid core;
  uint32_t core_n = 0;
  int peer = -1;                  // index in the names-only twin level
  std::vector<uint64_t> outlets;  // at most kMaxEventOutlets
};
constexpr uint32_t kCoreArticles = 4;
// The scorer is asked about at most kScoredCandidates events nearest by the
// full vector (none below kMinCandidateCosine), then, when none of those is
// likely, about the events nearest by names at kMinCandidateNames or more.
constexpr size_t kScoredCandidates = 2;
constexpr double kMinCandidateCosine = 0.05;
constexpr double kMinCandidateNames = 0.15;
// Below this cosine over words alone, two full texts in one language are
// never one happening, whatever the names say.
constexpr double kMinWordsCosine = 1e-6;
constexpr size_t kMaxEventOutlets = 32;

void SaveCluster(const Cluster& c, serial::Writer* w) {
  w->Str(c.id);
  w->Str(c.story_id);
  w->Str(c.language);
  w->I64(c.last_time);
  w->U64(c.articles);
  w->I64(c.merged_into);
  w->Bool(c.active);
  w->U64(c.core_n);
  w->I64(c.peer);
  SaveCentroid(c.centroid, w);
  SaveCentroid(c.title, w);
  SaveCentroid(c.core, w);
  w->U64(c.outlets.size());
  for (uint64_t o : c.outlets) w->U64(o);
}

// `self`: the cluster's index. A merge folds into an older (lower) index,
// so chains of merges end; a loaded one must too.
void LoadCluster(serial::Reader* r, size_t features, uint64_t self,
                 Cluster* c) {
  c->id = r->Str();
  c->story_id = r->Str();
  c->language = r->Str();
  c->last_time = r->I64();
  c->articles = r->U64();
  int64_t into = r->I64();
  if (into < -1 || into >= static_cast<int64_t>(self))
    r->Fail("merge target not an older cluster");
  c->merged_into = static_cast<int>(into);
  c->active = r->Bool();
  c->core_n = static_cast<uint32_t>(r->U64());
  int64_t peer = r->I64();
  if (peer < -1 || peer > INT32_MAX) r->Fail("peer out of range");
  c->peer = static_cast<int>(peer);
  LoadCentroid(r, features, &c->centroid);
  LoadCentroid(r, features, &c->title);
  LoadCentroid(r, features, &c->core);
  uint64_t n = r->Count();
  if (n > kMaxEventOutlets) r->Fail("outlets over their bound");
  for (uint64_t i = 0; i < n && r->ok(); ++i) c->outlets.push_back(r->U64());
}

class Level {
 public:
  Level(size_t max_centroid_terms, size_t max_postings, bool exact)
      : max_terms_(max_centroid_terms),
        max_postings_(max_postings),
        exact_(exact) {}

  // Best active cluster for `v` and its similarity (-1 when none).
  // With `decay` > 0, a cluster last seen more than `grace` seconds away
  // scores `decay` less per doubling of the gap.
  // acc_ marks: -1 untouched, kIneligible touched but not a candidate.
  static constexpr float kIneligible = -2.0f;

  // With `shortlist`, every cluster scored exactly is listed there with its
  // similarity (at most kExactCandidates; every eligible one when exact).
  std::pair<int, double> Best(
      const SparseVec& v, int64_t t, int64_t window, size_t max_articles,
      int exclude = -1, double decay = 0, int64_t grace = 1,
      std::vector<std::pair<uint32_t, double>>* shortlist = nullptr) const {
    // Two phases. First, a partial cosine over the vector's heaviest
    // features for every eligible cluster indexed under them (a cluster
    // sharing none of them cannot reach a useful cosine); then the exact
    // cosine for the few best of those.
    if (exact_)
      return Exact(v, t, window, max_articles, exclude, decay, grace,
                   shortlist);
    std::vector<std::pair<float, FeatureId>> top;
    top.reserve(v.size());
    for (auto& [f, w] : v) top.push_back({w, f});
    size_t k = std::min(top.size(), kCandidateFeatures);
    std::partial_sort(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(k),
                      top.end(), std::greater<>());
    // Scratch accumulator indexed by cluster (reset through `touched`).
    if (acc_.size() < clusters_.size()) acc_.resize(clusters_.size(), -1.0f);
    std::vector<uint32_t>& touched = touched_;
    touched.clear();
    for (size_t i = 0; i < k; ++i) postings_.Prefetch(top[i].second);
    for (size_t i = 0; i < k; ++i) {
      const PostingList* list = postings_.Find(top[i].second);
      if (!list) continue;
      for (const Posting& e : list->v) {
        const uint32_t c = e.cluster;
        float& a = acc_[c];
        if (a == kIneligible) continue;  // judged under an earlier feature
        if (a < 0) {
          touched.push_back(c);
          if (!Eligible(c, t, window, max_articles, exclude)) {
            a = kIneligible;
            continue;
          }
          a = 0;
        }
        a += top[i].first * e.raw *
             static_cast<float>(clusters_[c].centroid.inv_norm);
      }
    }
    std::vector<std::pair<float, uint32_t>> ranked;
    ranked.reserve(touched.size());
    for (uint32_t c : touched) {
      if (acc_[c] != kIneligible) ranked.push_back({acc_[c], c});
      acc_[c] = -1.0f;
    }
    size_t m = std::min(ranked.size(), kExactCandidates);
    std::partial_sort(ranked.begin(),
                      ranked.begin() + static_cast<std::ptrdiff_t>(m),
                      ranked.end(), [](const auto& x, const auto& y) {
                        return x.first > y.first ||
                               (x.first == y.first && x.second < y.second);
                      });
    int best = -1;
    double best_s = 0;
    if (shortlist) shortlist->clear();
    for (size_t i = 0; i < m; ++i) {
      uint32_t c = ranked[i].second;
      double s = Similarity(c, v, t, decay, grace);
      if (shortlist) shortlist->push_back({c, s});
      Consider(c, s, &best, &best_s);
    }
    return {best, best < 0 ? -1.0 : best_s};
  }

  // Best() without the index: every active cluster, exact cosine.
  std::pair<int, double> Exact(
      const SparseVec& v, int64_t t, int64_t window, size_t max_articles,
      int exclude, double decay, int64_t grace,
      std::vector<std::pair<uint32_t, double>>* shortlist) const {
    int best = -1;
    double best_s = 0;
    if (shortlist) shortlist->clear();
    for (uint32_t c : active_) {
      if (!Eligible(c, t, window, max_articles, exclude)) continue;
      double s = Similarity(c, v, t, decay, grace);
      if (shortlist && s > 0) shortlist->push_back({c, s});
      Consider(c, s, &best, &best_s);
    }
    return {best, best < 0 ? -1.0 : best_s};
  }

  // Active within the window, not merged away, not full, not excluded.
  bool Eligible(uint32_t c, int64_t t, int64_t window, size_t max_articles,
                int exclude) const {
    const Cluster& cl = clusters_[c];
    return static_cast<int>(c) != exclude && cl.merged_into < 0 &&
           t - cl.last_time <= window && cl.last_time - t <= window &&
           cl.articles < max_articles;
  }

  // Cosine to the centroid, less the time decay.
  double Similarity(uint32_t c, const SparseVec& v, int64_t t, double decay,
                    int64_t grace) const {
    const Cluster& cl = clusters_[c];
    double s = cl.centroid.Dot(v);
    int64_t gap = t > cl.last_time ? t - cl.last_time : cl.last_time - t;
    if (decay > 0 && gap > grace)
      s -= decay * std::log2(static_cast<double>(gap) / grace);
    return s;
  }

  // The higher score wins; ties go to the older cluster.
  static void Consider(uint32_t c, double s, int* best, double* best_s) {
    if (s > *best_s ||
        (s == *best_s && *best >= 0 && c < static_cast<uint32_t>(*best))) {
      *best_s = s;
      *best = static_cast<int>(c);
    }
  }

  uint32_t Create(const std::string& id) {
    auto it = by_id_.find(id);
    if (it != by_id_.end()) return it->second;
    uint32_t idx = static_cast<uint32_t>(clusters_.size());
    Cluster c;
    c.id = id;
    clusters_.push_back(std::move(c));
    by_id_[id] = idx;
    return idx;
  }

  void AddTo(uint32_t idx, const SparseVec& v, int64_t t) {
    Cluster& c = clusters_[idx];
    if (!c.active) {
      c.active = true;
      active_.push_back(idx);
    }
    c.centroid.Add(v, max_terms_);
    c.last_time = std::max(c.last_time, t);
    ++c.articles;
    Index(idx, v);
  }

  // Posts cluster `idx` under each of `features` (sorted) with the
  // feature's current running sum, or refreshes that sum where it is
  // already posted. A sum changes only when an article with the feature
  // joins (or when pruning drops it: then the posting keeps a stale value,
  // which only shifts the first-phase shortlist; the exact cosine decides).
  void Index(uint32_t idx, const SparseVec& features) {
    const SparseVec& sum = clusters_[idx].centroid.sum;
    // The lookups below are cache misses (one into the table, one into the
    // list): start them all first so they overlap.
    for (const auto& fw : features) postings_.Prefetch(fw.first);
    for (const auto& fw : features)
      if (const PostingList* p = postings_.Find(fw.first); p && !p->v.empty())
        __builtin_prefetch(p->v.data() + p->v.size() - 1);
    size_t j = 0;
    for (const auto& [f, w] : features) {
      while (j < sum.size() && sum[j].first < f) ++j;
      float raw = j < sum.size() && sum[j].first == f ? sum[j].second : 0.0f;
      postings_[f].Post(idx, raw, max_postings_);
    }
  }

  // Folds cluster `from` into `into`; `from` is skipped from then on.
  void Absorb(uint32_t into, uint32_t from) {
    Cluster& a = clusters_[into];
    Cluster& b = clusters_[from];
    a.centroid.Add(b.centroid.sum, max_terms_);
    a.last_time = std::max(a.last_time, b.last_time);
    a.articles += b.articles;
    b.merged_into = static_cast<int>(into);
    if (!b.title.sum.empty()) a.title.Add(b.title.sum, max_terms_);
    for (uint64_t o : b.outlets)
      if (a.outlets.size() < kMaxEventOutlets &&
          std::find(a.outlets.begin(), a.outlets.end(), o) == a.outlets.end())
        a.outlets.push_back(o);
    b.centroid = Centroid();  // its weight lives on in `a`
    b.title = Centroid();
    b.core = Centroid();
    b.outlets = {};
    Index(into, a.centroid.sum);
  }

  // Drops the centroids and postings of clusters merged away or idle for
  // more than `idle` seconds before `now`; their small records (id, merge
  // target) stay so ids keep resolving. Costs O(active clusters + indexed
  // features). Returns how many were dropped.
  size_t Evict(int64_t now, int64_t idle) {
    size_t dropped = 0;
    std::vector<uint32_t> keep;
    keep.reserve(active_.size());
    for (uint32_t i : active_) {
      Cluster& c = clusters_[i];
      if (c.merged_into >= 0 || now - c.last_time > idle) {
        c.centroid = Centroid();
        c.title = Centroid();
        c.core = Centroid();
        c.outlets = {};
        c.active = false;
        ++dropped;
      } else {
        keep.push_back(i);
      }
    }
    active_.swap(keep);
    // Postings of dropped clusters are skipped by Best (idle, or merged);
    // purging them walks every feature, so it waits until as many clusters
    // were dropped as are active (amortised O(1) per dropped cluster).
    dropped_since_purge_ += dropped;
    if (dropped_since_purge_ < std::max<size_t>(active_.size(), 64))
      return dropped;
    dropped_since_purge_ = 0;
    postings_.EraseIf([&](FeatureId, PostingList& p) {
      return p
          .RemoveIf(
              [&](const Posting& e) { return !clusters_[e.cluster].active; })
          .empty();
    });
    return dropped;
  }
  size_t active() const { return active_.size(); }

  // Every cluster (with its centroids when active), the postings and the
  // active list, in the order they are kept (ties and sweeps depend on it).
  void Save(serial::Writer* w) const {
    w->U64(clusters_.size());
    for (const Cluster& c : clusters_) SaveCluster(c, w);
    w->U64(postings_.size());
    postings_.ForEach([&](FeatureId f, const PostingList& p) {
      w->U64(f);
      w->U64(p.next);
      w->U64(p.v.size());
      for (const Posting& e : p.v) {
        w->U64(e.cluster);
        w->F32(e.raw);
      }
    });
    w->U64(active_.size());
    for (uint32_t i : active_) w->U64(i);
    w->U64(dropped_since_purge_);
  }

  // Into a fresh Level; every index read is checked against the clusters
  // and `features` (the vectorizer's feature count).
  void Load(serial::Reader* r, size_t features) {
    uint64_t n = r->Count(12);
    clusters_.resize(n);
    for (uint64_t i = 0; i < n && r->ok(); ++i) {
      Cluster& c = clusters_[i];
      LoadCluster(r, features, i, &c);
      if (!by_id_.emplace(c.id, static_cast<uint32_t>(i)).second)
        r->Fail("cluster id twice");
    }
    uint64_t np = r->Count(3);
    for (uint64_t i = 0; i < np && r->ok(); ++i) {
      uint64_t f = r->U64();
      if (f >= features) r->Fail("posting feature out of range");
      PostingList& p = postings_[static_cast<FeatureId>(f)];
      p.next = static_cast<uint32_t>(r->U64());
      uint64_t m = r->Count(5);
      if (m > max_postings_) r->Fail("posting list over its bound");
      for (uint64_t j = 0; j < m && r->ok(); ++j) {
        uint64_t c = r->U64();
        if (c >= n) r->Fail("posting of an unknown cluster");
        p.v.push_back({static_cast<uint32_t>(c), r->F32()});
      }
      if (p.next > 0 && p.next >= p.v.size()) r->Fail("posting ring position");
    }
    uint64_t na = r->Count();
    for (uint64_t i = 0; i < na && r->ok(); ++i) {
      uint64_t c = r->U64();
      if (c >= n || !clusters_[c].active) r->Fail("active list");
      if (r->ok()) active_.push_back(static_cast<uint32_t>(c));
    }
    dropped_since_purge_ = r->U64();
  }

  Cluster& at(uint32_t i) { return clusters_[i]; }
  const Cluster& at(uint32_t i) const { return clusters_[i]; }
  size_t size() const { return clusters_.size(); }
  int Find(const std::string& id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? -1 : static_cast<int>(it->second);
  }

 private:
  size_t max_terms_, max_postings_;
  bool exact_;
  std::vector<Cluster> clusters_;
  std::unordered_map<std::string, uint32_t> by_id_;
  // A cluster under a feature, with that feature's running sum in its
  // centroid when last written (× the centroid's inv_norm = its weight).
  struct Posting {
    uint32_t cluster;
    float raw;
  };
  // The clusters posted under one feature, at most `max` of them: a ring
  // that overwrites the oldest posting once full (`next` is the oldest).
  struct PostingList {
    std::vector<Posting> v;
    uint32_t next = 0;

    // Refreshes `cluster`'s posting, or adds it (evicting the oldest).
    void Post(uint32_t cluster, float raw, size_t max) {
      for (size_t i = v.size(); i-- > 0;) {  // newest first: likelier
        if (v[i].cluster == cluster) {
          v[i].raw = raw;
          return;
        }
      }
      if (v.size() < max) {
        v.push_back({cluster, raw});
      } else {
        v[next] = {cluster, raw};
        next = static_cast<uint32_t>((next + 1) % v.size());
      }
    }
    // Drops the postings matching `pred`, keeping oldest-first order.
    template <typename P>
    const std::vector<Posting>& RemoveIf(P pred) {
      std::rotate(v.begin(), v.begin() + next, v.end());
      next = 0;
      v.erase(std::remove_if(v.begin(), v.end(), pred), v.end());
      return v;
    }
  };
  FlatMap<FeatureId, PostingList> postings_;
  std::vector<uint32_t> active_;  // clusters whose centroid is kept
  size_t dropped_since_purge_ = 0;
  // Best()'s scratch space (Level is single-writer, see cluster.h).
  mutable std::vector<float> acc_;
  mutable std::vector<uint32_t> touched_;
};

}  // namespace

// What a Clusterer holds (cluster.h keeps it opaque).
struct internal::ClustererState {
  explicit ClustererState(const Options& o)
      : opts(o),
        vec(o.title_boost, o.name_boost, o.max_article_terms, o.idf_min_docs),
        events(o.max_centroid_terms, o.max_postings, o.exact_search),
        stories(o.max_centroid_terms, o.max_postings, o.exact_search),
        story_names(o.max_centroid_terms, o.max_postings, o.exact_search),
        event_names(o.max_centroid_terms, o.max_postings, o.exact_search),
        model(o.event_weights) {}
  Options opts;
  internal::Vectorizer vec;
  Level events;
  Level stories;
  Level story_names;  // same clusters as `stories`, name features only
  Level event_names;  // same clusters as `events`, names and numbers only
  internal::EventModel model;
  // Events of each story (by story index), to move them on a merge.
  std::unordered_map<uint32_t, std::vector<uint32_t>> story_events;
  int64_t latest = INT64_MIN;      // newest publication time seen
  int64_t last_sweep = INT64_MIN;  // stream time of the last eviction
};

namespace {

// Distinct names and numbers (or, with `names_only`, names) in both.
int SharedNames(const internal::Vectorizer& vec, const SparseVec& a,
                const SparseVec& b, bool names_only) {
  int n = 0;
  internal::ForEachSharedFeature(a, b, [&](FeatureId f, float, float) {
    n += !names_only || !vec.IsNumber(f);
  });
  return n;
}

// Distinct names and figures two stories' (or an article's and a story's)
// names share, abbreviations written in capitals and months and weekdays
// left out: "ДТП" and "МВД" are on every road-accident report, "September"
// on every quarterly result, not one story's.
int SharedStoryNames(const internal::Vectorizer& vec, const SparseVec& a,
                     const SparseVec& b) {
  int n = 0;
  internal::ForEachSharedFeature(a, b, [&](FeatureId f, float, float) {
    n += !vec.IsAcronym(f) && !vec.IsCalendarName(f);
  });
  return n;
}

// Cosine of `v` and centroid `c` over words alone (names, numbers and stems
// mostly written capitalised left out): what separates two happenings that
// share a place or a person.
double WordsCosine(const internal::Vectorizer& vec, const Centroid& c,
                   const SparseVec& v) {
  double dot = 0, cn = 0, vn = 0;
  size_t j = 0;
  for (const auto& [f, w] : v) {
    if (vec.IsNameLike(f)) continue;
    vn += static_cast<double>(w) * w;
    while (j < c.sum.size() && c.sum[j].first < f) ++j;
    if (j < c.sum.size() && c.sum[j].first == f) dot += w * c.sum[j].second;
  }
  for (const auto& [f, w] : c.sum)
    if (!vec.IsNameLike(f)) cn += static_cast<double>(w) * w;
  return cn > 0 && vn > 0 ? dot / std::sqrt(cn * vn) : 0;
}

void MergeStories(internal::ClustererState& m, uint32_t keep, uint32_t gone,
                  Assignment* as);

// Folds cluster `gone` into `keep` in a level and in its names-only twin
// (same ids, their own indices).
void AbsorbBoth(Level& level, Level& names, uint32_t keep, uint32_t gone) {
  int nk = names.Find(level.at(keep).id), ng = names.Find(level.at(gone).id);
  level.Absorb(keep, gone);
  if (nk >= 0 && ng >= 0)
    names.Absorb(static_cast<uint32_t>(nk), static_cast<uint32_t>(ng));
}

// After an article joined story `s`: if another active story now has
// nearly the same centroid, the two are one story; the older survives.
void MaybeMerge(internal::ClustererState& m, uint32_t s, int64_t t,
                Assignment* as) {
  if (m.opts.story_merge_threshold > 1) return;
  auto [other, sim] =
      m.stories.Best(m.stories.at(s).centroid.Unit(), t, m.opts.story_window,
                     SIZE_MAX, static_cast<int>(s));
  if (other < 0 || sim < m.opts.story_merge_threshold) return;
  // As for a link: the words must agree, and the two must share a name or
  // a number (function words of a language not yet learned agree too).
  const Cluster& o = m.stories.at(static_cast<uint32_t>(other));
  int ns = m.story_names.Find(m.stories.at(s).id),
      no = m.story_names.Find(o.id);
  if (ns < 0 || no < 0 ||
      WordsCosine(m.vec, o.centroid, m.stories.at(s).centroid.Unit()) <
          m.opts.story_min_words ||
      SharedStoryNames(
          m.vec, m.story_names.at(static_cast<uint32_t>(ns)).centroid.sum,
          m.story_names.at(static_cast<uint32_t>(no)).centroid.sum) <
          m.opts.story_min_shared_names)
    return;
  MergeStories(m, std::min(s, static_cast<uint32_t>(other)),
               std::max(s, static_cast<uint32_t>(other)), as);
}

// After event `e` grew: if another active event now has nearly the same
// centroid, the two are one event; the older survives, and when they were
// in different stories those stories are one too.
void MaybeMergeEvents(internal::ClustererState& m, uint32_t e, int64_t t,
                      Assignment* as) {
  if (m.opts.event_merge_threshold > 1) return;
  auto [other, sim] = m.events.Best(
      m.events.at(e).centroid.Unit(), t, m.opts.event_window, SIZE_MAX,
      static_cast<int>(e), m.opts.event_decay, m.opts.event_grace);
  if (other < 0 || sim < m.opts.event_merge_threshold) return;
  // The words must agree too: two events that share a place or a person
  // ("Hong Kong") are two happenings.
  if (WordsCosine(m.vec, m.events.at(static_cast<uint32_t>(other)).centroid,
                  m.events.at(e).centroid.Unit()) <
      m.opts.event_merge_min_words)
    return;
  uint32_t keep = std::min(e, static_cast<uint32_t>(other));
  uint32_t gone = std::max(e, static_cast<uint32_t>(other));
  int sk = m.stories.Find(m.events.at(keep).story_id);
  int sg = m.stories.Find(m.events.at(gone).story_id);
  if (sk >= 0 && sg >= 0 && sk != sg)
    MergeStories(m, static_cast<uint32_t>(std::min(sk, sg)),
                 static_cast<uint32_t>(std::max(sk, sg)), as);
  std::string keep_id = m.events.at(keep).id;
  std::string gone_id = m.events.at(gone).id;
  AbsorbBoth(m.events, m.event_names, keep, gone);
  // The survivor's story lists the absorbed event no more.
  std::vector<uint32_t>& evs = m.story_events[static_cast<uint32_t>(
      m.stories.Find(m.events.at(keep).story_id))];
  evs.erase(std::remove(evs.begin(), evs.end(), gone), evs.end());
  as->merged_events.push_back({gone_id, keep_id});
  if (as->event_id == gone_id) as->event_id = keep_id;
}

// Folds story `gone` into the older story `keep` (events, names, ids).
void MergeStories(internal::ClustererState& m, uint32_t keep, uint32_t gone,
                  Assignment* as) {
  std::string keep_id = m.stories.at(keep).id;
  std::string gone_id = m.stories.at(gone).id;
  AbsorbBoth(m.stories, m.story_names, keep, gone);
  std::vector<uint32_t>& moved = m.story_events[gone];
  for (uint32_t e : moved) m.events.at(e).story_id = keep_id;
  std::vector<uint32_t>& kept = m.story_events[keep];
  kept.insert(kept.end(), moved.begin(), moved.end());
  m.story_events.erase(gone);
  as->merged.push_back({gone_id, keep_id});
  if (as->story_id == gone_id) {
    as->story_id = keep_id;
    as->new_story = false;
  }
}

// Once per `sweep_interval` of stream time, clusters idle for twice their
// window (late articles still find a recently closed one) give up their
// centroids and postings: memory follows the active clusters, not the
// stream.
void MaybeEvict(internal::ClustererState& m, int64_t t) {
  m.latest = std::max(m.latest, t);
  if (m.opts.sweep_interval <= 0) return;
  if (m.last_sweep == INT64_MIN) m.last_sweep = m.latest;
  if (m.latest - m.last_sweep < m.opts.sweep_interval) return;
  m.last_sweep = m.latest;
  m.events.Evict(m.latest, 2 * m.opts.event_window);
  m.event_names.Evict(m.latest, 2 * m.opts.event_window);
  size_t before = m.stories.active();
  m.stories.Evict(m.latest, 2 * m.opts.story_window);
  m.story_names.Evict(m.latest, 2 * m.opts.story_window);
  if (m.stories.active() != before)
    for (auto it = m.story_events.begin(); it != m.story_events.end();)
      it = m.stories.at(it->first).active ? std::next(it)
                                          : m.story_events.erase(it);
}

}  // namespace

// A new event that names people, places, organisations or figures
// continues a story only when it shares `story_min_shared_names` of them
// with the story: the same kind of happening elsewhere (a fire in another
// town, a council meeting in another region) shares words, not names.
// Scripts without capitals (Arabic, Persian) give no names; there the
// words decide alone.
static bool StoryNamesAgree(internal::ClustererState& m, const SparseVec& names,
                            const std::string& story) {
  bool has_name = false;
  for (const auto& [f, w] : names) has_name = has_name || !m.vec.IsNumber(f);
  if (!has_name) return true;
  int nidx = m.story_names.Find(story);
  if (nidx < 0) return false;
  return SharedStoryNames(
             m.vec, names,
             m.story_names.at(static_cast<uint32_t>(nidx)).centroid.sum) >=
         m.opts.story_min_shared_names;
}

Clusterer::Clusterer(const Options& options)
    : impl_(std::make_unique<internal::ClustererState>(options)) {}
Clusterer::~Clusterer() = default;

namespace {

// The index of event `e` in the names-only twin level (created on first use
// and remembered, so scoring needs no lookup by id).
uint32_t NamesPeer(internal::ClustererState& m, uint32_t e) {
  Cluster& c = m.events.at(e);
  if (c.peer < 0) c.peer = static_cast<int>(m.event_names.Create(c.id));
  return static_cast<uint32_t>(c.peer);
}

// Folds an article into event `e`'s extras (title centroid, core, outlets).
void AddEventExtras(internal::ClustererState& m, uint32_t e,
                    const internal::Vectors& v, uint64_t outlet) {
  Cluster& c = m.events.at(e);
  if (!v.title.empty()) c.title.Add(v.title, m.opts.max_centroid_terms);
  if (c.core_n < kCoreArticles) {
    c.core.Add(v.all, m.opts.max_centroid_terms);
    ++c.core_n;
  }
  if (outlet != 0 && c.outlets.size() < kMaxEventOutlets &&
      std::find(c.outlets.begin(), c.outlets.end(), outlet) == c.outlets.end())
    c.outlets.push_back(outlet);
}

// The scorer's features for article `a` (vectors `v`) against event `e`.
void EventFeatures(const internal::ClustererState& m, uint32_t e,
                   const internal::Vectors& v, const Article& a,
                   uint64_t outlet, bool is_short, double cos_all, double* x) {
  const Cluster& c = m.events.at(e);
  int ni = c.peer;
  const Centroid* names =
      ni >= 0 ? &m.event_names.at(static_cast<uint32_t>(ni)).centroid : nullptr;
  int64_t gap = a.published > c.last_time ? a.published - c.last_time
                                          : c.last_time - a.published;
  const double s = is_short ? 1.0 : 0.0;
  x[0] = 1;
  x[1] = cos_all;
  x[2] = c.core.Dot(v.all);
  x[3] = c.title.Dot(v.title);
  x[4] = names ? names->Dot(v.names) : 0;
  x[5] = std::log1p(names ? internal::SharedFeatures(v.names, names->sum) : 0);
  x[6] = std::log1p(static_cast<double>(gap) / 3600.0);
  x[7] = c.language == a.language ? 1 : 0;
  x[8] = outlet != 0 && std::find(c.outlets.begin(), c.outlets.end(), outlet) !=
                            c.outlets.end()
             ? 1
             : 0;
  x[9] = std::log1p(static_cast<double>(c.articles));
  x[10] = s;
  x[11] = s * x[1];
  x[12] = s * x[3];
  x[13] = WordsCosine(m.vec, c.centroid, v.all);
  // Different people and places: the same kind of happening elsewhere.
  x[14] = names && x[5] == 0 && !v.names.empty() && !names->sum.empty() ? 1 : 0;
}

}  // namespace

std::vector<std::string> Clusterer::EventFeatureNames() {
  return std::vector<std::string>(std::begin(internal::kEventFeatureNames),
                                  std::end(internal::kEventFeatureNames));
}

Prepared::Prepared() = default;
Prepared::~Prepared() = default;
Prepared::Prepared(Prepared&&) noexcept = default;
Prepared& Prepared::operator=(Prepared&&) noexcept = default;

Preparer::Preparer() : impl_(std::make_unique<internal::TextPreparer>()) {}
Preparer::~Preparer() = default;

Prepared Preparer::Prepare(const Article& a) {
  Prepared p;
  p.text_ = std::make_unique<internal::PreparedText>(impl_->Prepare(a));
  return p;
}

Assignment Clusterer::Add(const Article& a, const Prepared* prepared) {
  return Decide(a, nullptr, prepared);
}

Assignment Clusterer::AddSupervised(const Article& a,
                                    const std::string& gold_event,
                                    const FeatureSink& sink) {
  Supervision sup{gold_event, &sink};
  return Decide(a, &sup, nullptr);
}

Assignment Clusterer::Decide(const Article& a, const Supervision* sup,
                             const Prepared* prepared) {
  internal::ClustererState& m = *impl_;
  internal::Vectors vecs =
      m.vec.AddAndVectorize(a, prepared ? prepared->text_.get() : nullptr);
  const SparseVec& v = vecs.all;
  const SparseVec& names = vecs.names;
  const uint64_t outlet = internal::OutletKey(a);
  const bool is_short = WordCount(a.text) < kShortWords;
  // In a language whose function words are not known yet (no list, too
  // few articles to learn them), words alone are no evidence: a match
  // must share a name or a number.
  const bool words_trusted = m.vec.WordsTrusted(a.language);
  Assignment as;
  // Candidates: the events nearest by the full vector, and those nearest
  // by names and numbers alone (reports in another language).
  std::vector<std::pair<uint32_t, double>> cands, by_names;
  auto [ev, sim] = m.events.Best(
      v, a.published, m.opts.event_window, m.opts.max_event_articles, -1,
      m.opts.event_decay, m.opts.event_grace, &cands);
  // The scorer is asked about the nearest few by the full vector first;
  // only when none is likely, about those nearest by names and numbers
  // (which is how a report in another language finds its event).
  int chosen = -1;
  double chosen_p = 0;
  std::vector<uint32_t> scored;
  const bool short_cosine =
      !sup && is_short && m.opts.short_event_threshold > 0;
  auto score = [&](uint32_t e, double cos_all) {
    if (std::find(scored.begin(), scored.end(), e) != scored.end()) return;
    scored.push_back(e);
    double x[kEventFeatures];
    EventFeatures(m, e, vecs, a, outlet, is_short, cos_all, x);
    // In one language, two reports of one happening that both name people
    // or places name at least one of the same: otherwise it is the same
    // kind of happening elsewhere.
    if (m.opts.names_must_overlap && !sup && x[7] == 1 && x[14] == 1) return;
    if (!words_trusted && !sup && x[5] == 0) return;
    // Across languages the shared features must include a name: years,
    // dates and round figures are on every page of a season.
    if (!sup && x[7] == 0) {
      const Cluster& c = m.events.at(e);
      if (c.peer < 0 ||
          SharedNames(
              m.vec, vecs.names,
              m.event_names.at(static_cast<uint32_t>(c.peer)).centroid.sum,
              true) == 0)
        return;
    }
    // In one language, full texts that share no word beyond their names
    // ("Hong Kong") report two happenings.
    if (!sup && x[7] == 1 && !is_short && x[13] < kMinWordsCosine) return;
    // With short_event_threshold set, a short text is judged by its cosine
    // to the event alone; the guards above still hold.
    double p = short_cosine ? (cos_all >= m.opts.short_event_threshold
                                   ? 0.5 + 0.5 * cos_all
                                   : 0)
                            : m.model.Probability(x);
    if (sup)
      (*sup->sink)(std::vector<double>(x, x + kEventFeatures),
                   m.events.at(e).id);
    if (p > chosen_p ||
        (p == chosen_p && chosen >= 0 && e < static_cast<uint32_t>(chosen))) {
      chosen_p = p;
      chosen = static_cast<int>(e);
    }
  };
  const bool learned = m.opts.learned_events || sup;
  if (learned) {
    std::sort(cands.begin(), cands.end(), [](const auto& x, const auto& y) {
      return x.second > y.second || (x.second == y.second && x.first < y.first);
    });
    size_t n = 0;
    for (const auto& [e, cos_all] : cands) {
      if (n == kScoredCandidates && !m.opts.exact_search) break;
      if (cos_all < kMinCandidateCosine && !m.opts.exact_search) break;
      score(e, cos_all);
      ++n;
    }
  } else if (ev >= 0 && sim >= (short_cosine ? m.opts.short_event_threshold
                                             : m.opts.event_threshold)) {
    chosen = ev;
    chosen_p = 1;
    as.similarity = sim;
  }
  int xe = -1;
  double xsim = -1;
  if (chosen_p < m.opts.event_min_probability || sup) {
    std::tie(xe, xsim) =
        m.event_names.Best(names, a.published, m.opts.event_window,
                           m.opts.max_event_articles, -1, 0, 1, &by_names);
    if (learned) {
      for (const auto& [nidx, ns] : by_names) {
        if (ns < kMinCandidateNames) continue;
        int e = m.events.Find(m.event_names.at(nidx).id);
        if (e >= 0)
          score(static_cast<uint32_t>(e),
                m.events.at(static_cast<uint32_t>(e)).centroid.Dot(v));
      }
    }
  }
  if (learned) {
    if (chosen_p < m.opts.event_min_probability) chosen = -1;
    as.similarity = chosen >= 0 ? chosen_p : 0;
  }
  const bool forced = sup && !sup->gold_event.empty();
  if (chosen < 0 && !forced) {
    // Another language: names and numbers must carry the match.
    int xe_event =
        xe >= 0 ? m.events.Find(m.event_names.at(static_cast<uint32_t>(xe)).id)
                : -1;
    if (xe_event >= 0 && xsim >= m.opts.cross_language_threshold &&
        !a.language.empty() &&
        SharedNames(m.vec, names,
                    m.event_names.at(static_cast<uint32_t>(xe)).centroid.sum,
                    false) >= m.opts.cross_language_min_shared &&
        SharedNames(m.vec, names,
                    m.event_names.at(static_cast<uint32_t>(xe)).centroid.sum,
                    true) >= 2 &&
        m.events.at(static_cast<uint32_t>(xe_event)).language != a.language) {
      chosen = xe_event;
      as.similarity = xsim;
    }
  }
  if (forced) {
    // Training: the gold event decides (new when it is not active here).
    int g = m.events.Find(sup->gold_event);
    chosen = g >= 0 && m.events.at(static_cast<uint32_t>(g)).active &&
                     m.events.at(static_cast<uint32_t>(g)).merged_into < 0
                 ? g
                 : -1;
  }
  if (chosen >= 0) {
    Cluster& e = m.events.at(static_cast<uint32_t>(chosen));
    as.event_id = e.id;
    as.story_id = e.story_id;
    m.events.AddTo(static_cast<uint32_t>(chosen), v, a.published);
    AddEventExtras(m, static_cast<uint32_t>(chosen), vecs, outlet);
    m.event_names.AddTo(NamesPeer(m, static_cast<uint32_t>(chosen)), names,
                        a.published);
  } else {
    as.new_event = true;
    as.event_id =
        forced && m.events.Find(sup->gold_event) < 0 ? sup->gold_event : a.id;
    auto [st, ssim] =
        m.stories.Best(v, a.published, m.opts.story_window, SIZE_MAX);
    // A story link needs the words (not only the names) to agree: sharing
    // "Trump" or "Star Wars" is a topic, not a story; and, when the
    // article names anyone, some of the same names.
    if (st >= 0 && ssim >= m.opts.story_threshold && words_trusted &&
        WordsCosine(m.vec, m.stories.at(static_cast<uint32_t>(st)).centroid,
                    v) >= m.opts.story_min_words &&
        StoryNamesAgree(m, names, m.stories.at(static_cast<uint32_t>(st)).id)) {
      as.story_id = m.stories.at(static_cast<uint32_t>(st)).id;
    } else {
      as.new_story = true;
      as.story_id = a.id;
    }
    uint32_t e = m.events.Create(as.event_id);
    m.events.at(e).story_id = as.story_id;
    m.events.at(e).language = a.language;
    m.events.AddTo(e, v, a.published);
    AddEventExtras(m, e, vecs, outlet);
    m.story_events[m.stories.Create(as.story_id)].push_back(e);
    m.event_names.AddTo(NamesPeer(m, e), names, a.published);
  }
  uint32_t s = m.stories.Create(as.story_id);
  m.stories.AddTo(s, v, a.published);
  uint32_t sn2 = m.story_names.Create(as.story_id);
  m.story_names.AddTo(sn2, names, a.published);
  // Merge checks cost a story-level search: run them when the story gains
  // an event, and at doubling sizes, so each story is checked O(log n) times.
  size_t n = m.stories.at(s).articles;
  if (as.new_event || (n & (n - 1)) == 0) MaybeMerge(m, s, a.published, &as);
  MaybeEvict(m, a.published);
  int ei = m.events.Find(as.event_id);
  if (ei >= 0) {
    size_t ne = m.events.at(static_cast<uint32_t>(ei)).articles;
    if (ne >= 2 && (ne & (ne - 1)) == 0)
      MaybeMergeEvents(m, static_cast<uint32_t>(ei), a.published, &as);
  }
  return as;
}

std::string Clusterer::CurrentStory(const std::string& story_id) const {
  int i = impl_->stories.Find(story_id);
  if (i < 0) return story_id;
  // Merges always fold into an older story, so the chain ends.
  while (impl_->stories.at(static_cast<uint32_t>(i)).merged_into >= 0)
    i = impl_->stories.at(static_cast<uint32_t>(i)).merged_into;
  return impl_->stories.at(static_cast<uint32_t>(i)).id;
}

std::string Clusterer::CurrentEvent(const std::string& event_id) const {
  int i = impl_->events.Find(event_id);
  if (i < 0) return event_id;
  while (impl_->events.at(static_cast<uint32_t>(i)).merged_into >= 0)
    i = impl_->events.at(static_cast<uint32_t>(i)).merged_into;
  return impl_->events.at(static_cast<uint32_t>(i)).id;
}

void Clusterer::Restore(const Article& a, const std::string& given_event_id,
                        const std::string& given_story_id,
                        const Prepared* prepared) {
  internal::ClustererState& m = *impl_;
  const std::string event_id = CurrentEvent(given_event_id);
  const std::string story_id = CurrentStory(given_story_id);
  internal::Vectors vecs =
      m.vec.AddAndVectorize(a, prepared ? prepared->text_.get() : nullptr);
  const SparseVec& v = vecs.all;
  bool new_event = m.events.Find(event_id) < 0;
  uint32_t e = m.events.Create(event_id);
  m.events.at(e).story_id = story_id;
  if (new_event) m.story_events[m.stories.Create(story_id)].push_back(e);
  if (m.events.at(e).articles == 0) m.events.at(e).language = a.language;
  m.events.AddTo(e, v, a.published);
  AddEventExtras(m, e, vecs, internal::OutletKey(a));
  m.event_names.AddTo(NamesPeer(m, e), vecs.names, a.published);
  uint32_t s = m.stories.Create(story_id);
  m.stories.AddTo(s, v, a.published);
  uint32_t sn = m.story_names.Create(story_id);
  m.story_names.AddTo(sn, vecs.names, a.published);
  // Idle clusters go as in Add(): a replay of a long archive keeps the
  // active window, not every centroid it ever built.
  MaybeEvict(m, a.published);
}

namespace {

// Every option, written in a fixed order: a snapshot is read back only
// under the options it was made with (other options would have decided
// differently).
std::string OptionsKey(const Options& o) {
  serial::Writer w;
  for (double d : {o.event_threshold, o.story_threshold, o.story_min_words,
                   o.cross_language_threshold, o.story_merge_threshold,
                   o.event_merge_threshold, o.event_merge_min_words,
                   o.event_decay, o.idf_min_docs, o.title_boost, o.name_boost,
                   o.event_min_probability, o.short_event_threshold})
    w.F64(d);
  for (int64_t i :
       {int64_t{o.story_min_shared_names}, int64_t{o.cross_language_min_shared},
        o.event_window, o.event_grace, o.story_window, o.sweep_interval})
    w.I64(i);
  for (bool b : {o.learned_events, o.names_must_overlap, o.exact_search})
    w.Bool(b);
  for (size_t n : {o.max_article_terms, o.max_centroid_terms, o.max_postings,
                   o.max_event_articles})
    w.U64(n);
  w.U64(o.event_weights.size());
  for (double d : o.event_weights) w.F64(d);
  return w.Finish();
}

constexpr uint64_t kStateFormat = 1;

}  // namespace

void Clusterer::Save(serial::Writer* w) const {
  const internal::ClustererState& m = *impl_;
  w->U64(kStateFormat);
  w->Str(OptionsKey(m.opts));
  m.vec.Save(w);
  m.events.Save(w);
  m.stories.Save(w);
  m.story_names.Save(w);
  m.event_names.Save(w);
  w->U64(m.story_events.size());
  for (const auto& [story, evs] : m.story_events) {
    w->U64(story);
    w->U64(evs.size());
    for (uint32_t e : evs) w->U64(e);
  }
  w->I64(m.latest);
  w->I64(m.last_sweep);
}

Status Clusterer::Load(serial::Reader* r) {
  internal::ClustererState& m = *impl_;
  if (m.events.size() != 0 || m.vec.feature_count() != 0)
    return Status::FailedPrecondition("Clusterer::Load on a used clusterer");
  if (r->U64() != kStateFormat && r->ok())
    return Status::FailedPrecondition("clusterer state of another format");
  if (r->Str() != OptionsKey(m.opts) && r->ok())
    return Status::FailedPrecondition(
        "clusterer state saved under other options");
  SL_RETURN_IF_ERROR(m.vec.Load(r));
  const size_t features = m.vec.feature_count();
  m.events.Load(r, features);
  m.stories.Load(r, features);
  m.story_names.Load(r, features);
  m.event_names.Load(r, features);
  for (uint32_t e = 0; e < m.events.size() && r->ok(); ++e)
    if (m.events.at(e).peer >= static_cast<int>(m.event_names.size()))
      r->Fail("event's names twin out of range");
  uint64_t n = r->Count(2);
  for (uint64_t i = 0; i < n && r->ok(); ++i) {
    uint64_t story = r->U64();
    if (story >= m.stories.size()) r->Fail("story out of range");
    std::vector<uint32_t>& evs = m.story_events[static_cast<uint32_t>(story)];
    uint64_t k = r->Count();
    for (uint64_t j = 0; j < k && r->ok(); ++j) {
      uint64_t e = r->U64();
      if (e >= m.events.size()) r->Fail("event out of range");
      evs.push_back(static_cast<uint32_t>(e));
    }
  }
  m.latest = r->I64();
  m.last_sweep = r->I64();
  return r->status();
}

size_t Clusterer::event_count() const { return impl_->events.size(); }
size_t Clusterer::active_event_count() const { return impl_->events.active(); }
size_t Clusterer::story_count() const { return impl_->stories.size(); }

}  // namespace storyline::cluster
