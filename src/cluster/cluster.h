// cluster: online, single-pass assignment of articles to events (one
// happening) and of events to stories (a chain of events over time).
//
//   cluster::Clusterer c(cluster::Options{});
//   for (const Article& a : articles_in_time_order) {
//     cluster::Assignment as = c.Add(a);   // as.event_id, as.story_id
//   }
//
// Ids are stable: an event or story is named after the id of its first
// article, so replaying the same stream gives the same ids. When two
// stories turn out to be one, the older id survives (Assignment::merged).
// Restore() replays persisted assignments after a restart without re-deciding
// them. Cost per article is bounded: candidates come from an inverted index
// over each article's strongest features, postings are capped, and only
// clusters active within the time window are scored.
// Not thread-safe: one writer.
#ifndef STORYLINE_CLUSTER_CLUSTER_H_
#define STORYLINE_CLUSTER_CLUSTER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/model.h"
#include "common/serial.h"
#include "common/status.h"

namespace storyline::cluster {

struct Options {
  // --- behaviour ---
  // Minimum cosine between an article and an event centroid to join it.
  double event_threshold = 0.20;
  // Minimum cosine between a new event's first article and a story
  // centroid to link the event into that story.
  double story_threshold = 0.18;
  // A link by the full cosine also needs this cosine over words alone
  // (names and numbers left out): a shared name is a topic, not a story.
  double story_min_words = 0.10;
  // ...and, when the event's first article names people, places or
  // organisations, this many distinct names or figures shared with the
  // story (docs/design/cluster.md: on the labelled real sets most wrong
  // links shared at most one, every right one at least two).
  int story_min_shared_names = 2;
  // An article in another language than an event joins it when the cosine
  // over names and numbers alone reaches this (translations and foreign
  // reports share people, places and figures, not words).
  double cross_language_threshold = 0.18;
  // ...and they share at least this many distinct names or numbers.
  int cross_language_min_shared = 3;
  // Two stories whose centroids reach this cosine are one story that
  // arrival order split (its events were linked before they converged):
  // the younger is merged into the older. Above 1: never merge.
  double story_merge_threshold = 0.35;
  // Two events whose centroids reach this cosine are one event that
  // arrival order split (repair): the younger is folded into the older.
  // Above 1: never merge.
  double event_merge_threshold = 0.3;
  // ...and whose centroids' cosine over words alone (names and numbers
  // left out) reaches this.
  double event_merge_min_words = 0.3;
  // An event accepts articles up to this long after its last article (s).
  int64_t event_window = 5 * 86400;
  // Beyond `event_grace` seconds from an event's last article, the
  // similarity needed to join it rises by `event_decay` per doubling of
  // the gap (a long-running event takes a closer match).
  double event_decay = 0;
  int64_t event_grace = 2 * 86400;
  // A story accepts new events up to this long after its last article (s).
  int64_t story_window = 60 * 86400;
  // Idf as if a language (and the stream, for names and numbers) had at
  // least this many articles: a cold start, or a language with a few
  // articles in a long stream, otherwise weighs every word two articles
  // share as near worthless (four reports of one happening came out as
  // four stories). B3-F1 at 0 / 1000: newswcl50 0.82 / 0.89, basil
  // 0.94 / 0.97, giveme5w1h 0.76 / 0.82 (docs/design/cluster.md).
  double idf_min_docs = 1000;
  // Extra weight of title terms, and of capitalised names and numbers.
  double title_boost = 1.5;
  double name_boost = 1.5;
  // Event decisions by the learned scorer (cluster/internal/event_model.h):
  // an article joins the candidate event it most probably reports, when
  // that probability is at least 0.5. False: the cosine threshold above
  // (kept for comparison).
  bool learned_events = true;
  // ...when that probability is at least this.
  double event_min_probability = 0.5;
  // Experiment (off): short texts (under kShortWords words: headlines,
  // snippets) join the nearest event whose cosine reaches this instead of
  // asking the scorer. At 0.17 it lifts the headline sets (googlenews
  // 0.870 -> 0.902, uci 0.654 -> 0.675) but joins wrong pairs of short
  // real-stream pages (docs/design/cluster.md), so it stays off. 0: off.
  double short_event_threshold = 0;
  // An article never joins an event of its own language when both name
  // people, places or figures and they share none of them.
  bool names_must_overlap = true;
  // The scorer's weights, one per feature (Clusterer::EventFeatureNames());
  // empty: the compiled-in ones.
  std::vector<double> event_weights;
  // Score every active cluster exactly instead of the candidates from the
  // postings (the reference the differential test compares against; cost
  // grows with the active clusters).
  bool exact_search = false;
  // --- budgets ---
  // Stream time between eviction sweeps (clusters idle for twice their
  // window drop their centroids and postings). 0: never evict.
  int64_t sweep_interval = 86400;
  size_t max_article_terms = 48;    // features kept per article vector
  size_t max_centroid_terms = 160;  // features kept per centroid
  size_t max_postings = 64;         // clusters remembered per feature
  size_t max_event_articles = 400;  // a full event starts a new one
};

struct Assignment {
  std::string event_id;
  std::string story_id;
  bool new_event = false;
  bool new_story = false;
  double similarity = 0;  // to the event joined (0 for a new event)
  // Stories merged by this article: (absorbed story, surviving story). The
  // absorbed story's articles and events now belong to the survivor;
  // callers move them and redirect the absorbed id.
  std::vector<std::pair<std::string, std::string>> merged;
  // Events merged by this article: (absorbed event, surviving event), both
  // of the same story once `merged` is applied.
  std::vector<std::pair<std::string, std::string>> merged_events;
};

namespace internal {
struct ClustererState;  // clusterer.cc
struct PreparedText;    // internal/vectorizer.h
class TextPreparer;
}  // namespace internal

// What Add() and Restore() read of an article that does not depend on the
// clusterer's state: the tokens of its title and lead, their stems and
// name keys. Made by a Preparer (on any thread, one Preparer per thread)
// for the article as it will be added; Add(a, &prepared) decides exactly
// as Add(a), only without tokenising on the clusterer's thread.
class Prepared {
 public:
  Prepared();
  ~Prepared();
  Prepared(Prepared&&) noexcept;
  Prepared& operator=(Prepared&&) noexcept;

 private:
  friend class Clusterer;
  friend class Preparer;
  std::unique_ptr<internal::PreparedText> text_;
};

// Not thread-safe: one per thread (it owns tokenizers and a memo).
class Preparer {
 public:
  Preparer();
  ~Preparer();
  Prepared Prepare(const Article& a);

 private:
  std::unique_ptr<internal::TextPreparer> impl_;
};

class Clusterer {
 public:
  explicit Clusterer(const Options& options);
  ~Clusterer();
  Clusterer(const Clusterer&) = delete;
  Clusterer& operator=(const Clusterer&) = delete;

  // Assigns `a` (articles must come in non-decreasing `published` order for
  // the time window to mean anything; late articles are still accepted).
  // `prepared`, when given, is Preparer::Prepare(a).
  Assignment Add(const Article& a, const Prepared* prepared = nullptr);
  // Training: `sink` receives the scorer's features for every candidate
  // event with that event's id (the caller knows which is right). With a
  // `gold_event`, the article then joins it (the id an earlier article's
  // gold event was given here, or, when no such event is active, a new
  // event named `gold_event`); with "" the scorer decides, as in Add(), so
  // the features follow what the scorer meets online.
  using FeatureSink = std::function<void(const std::vector<double>& features,
                                         const std::string& event_id)>;
  Assignment AddSupervised(const Article& a, const std::string& gold_event,
                           const FeatureSink& sink);
  // Names of the scorer's features, in the order of FeatureSink vectors.
  static std::vector<std::string> EventFeatureNames();
  // Replays a persisted assignment.
  void Restore(const Article& a, const std::string& event_id,
               const std::string& story_id, const Prepared* prepared = nullptr);

  // Writes everything Add() and Restore() built. Load() into a fresh
  // Clusterer made with the same Options gives one that decides every
  // later article exactly as this one would (clusterer_test checks it).
  // Load fails with Corruption on damaged data and FailedPrecondition on
  // state saved under other Options or by another format; the Clusterer
  // must then be discarded.
  void Save(serial::Writer* w) const;
  Status Load(serial::Reader* r);

  // The story `story_id` now is (itself unless merged into another).
  std::string CurrentStory(const std::string& story_id) const;
  // The event `event_id` now is (itself unless merged into another).
  std::string CurrentEvent(const std::string& event_id) const;

  size_t event_count() const;         // ever created
  size_t active_event_count() const;  // with a centroid in memory
  size_t story_count() const;

 private:
  struct Supervision {
    std::string gold_event;
    const FeatureSink* sink;
  };
  Assignment Decide(const Article& a, const Supervision* sup,
                    const Prepared* prepared);
  std::unique_ptr<internal::ClustererState> impl_;
};

}  // namespace storyline::cluster

#endif  // STORYLINE_CLUSTER_CLUSTER_H_
