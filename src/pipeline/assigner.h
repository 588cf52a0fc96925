// assigner: the one place where an article gets its event and story.
//
//   pipeline::Assigner as(pipeline::AssignerOptions{});
//   for (const Article& a : articles_in_time_order) {
//     pipeline::Decision d = as.Add(a);   // d.event_id, d.story_id, d.news
//   }
//
// The rule, in order: an article that is not news (cluster::IsNews says so)
// is its own event and story and never joins or forms a larger one; a
// near-duplicate of a remembered original (dedupe) takes the original's
// event and story; anything else is clustered online (cluster::Clusterer),
// and the merges that clustering decides are reported so callers can move
// stored rows. `storyline ingest`, `storyline cluster` (what every
// evaluation scores), `storyline page` and the store replay all go through
// this class, so every figure measures what users get.
//
// Memory: originals and decisions are remembered for `dedupe_horizon`
// seconds of stream time; the clusterer bounds its own state. Save/Load
// carry all of it across a restart (pipeline.h: the snapshot).
// Not thread-safe: one writer.
#ifndef STORYLINE_PIPELINE_ASSIGNER_H_
#define STORYLINE_PIPELINE_ASSIGNER_H_

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cluster/cluster.h"
#include "common/model.h"
#include "dedupe/dedupe.h"

namespace storyline::pipeline {

struct AssignerOptions {
  cluster::Options cluster;
  dedupe::Options dedupe;
  // Seconds of stream time an original stays findable for its copies (and
  // an article's decision stays in memory: Find). 0: never forgotten.
  int64_t dedupe_horizon = 30 * 86400;
  // Decide news vs not per article (false: everything is news).
  bool classify_news = true;
};

struct Decision {
  std::string event_id;
  std::string story_id;
  std::string duplicate_of;  // the original's id when a near-duplicate
  bool news = true;
  // Merges decided by this article: (absorbed id, surviving id).
  std::vector<std::pair<std::string, std::string>> stories_merged;
  std::vector<std::pair<std::string, std::string>> events_merged;
};

// What Add() reads of an article apart from the assigner's state: its
// news verdict, its copy signature and its clustering tokens. Made on any
// thread by an ArticlePreparer; Add(a, &p) decides exactly as Add(a).
struct PreparedArticle {
  bool news = true;
  dedupe::Signature signature;
  cluster::Prepared tokens;
};

// Not thread-safe: one per thread.
class ArticlePreparer {
 public:
  explicit ArticlePreparer(const AssignerOptions& options) : opts_(options) {}
  // `a` as it will be given to Add (its text final).
  PreparedArticle Prepare(const Article& a);

 private:
  AssignerOptions opts_;
  cluster::Preparer tokens_;
};

class Assigner {
 public:
  explicit Assigner(const AssignerOptions& options);

  // Decides `a` (articles should come in publication-time order).
  // `prepared`, when given, is ArticlePreparer::Prepare(a) with this
  // assigner's options.
  Decision Add(const Article& a, const PreparedArticle* prepared = nullptr);
  // Replays a stored decision after a restart (no new decision is made).
  // `prepared` as for Add; the state is the same either way.
  void Restore(const Article& a, const std::string& event_id,
               const std::string& story_id,
               const PreparedArticle* prepared = nullptr);
  // The current (event, story) of a remembered article, merges resolved.
  std::optional<std::pair<std::string, std::string>> Find(
      const std::string& article_id) const;

  std::string CurrentEvent(const std::string& id) const {
    return clusterer_.CurrentEvent(id);
  }
  std::string CurrentStory(const std::string& id) const {
    return clusterer_.CurrentStory(id);
  }
  const cluster::Clusterer& clusterer() const { return clusterer_; }
  const AssignerOptions& options() const { return opts_; }

  // Everything the decisions so far built. Load() into a fresh Assigner
  // made with the same options gives one that decides every later article
  // as this one would. Corruption on damaged data, FailedPrecondition when
  // saved under other options; the Assigner must then be discarded.
  void Save(serial::Writer* w) const;
  Status Load(serial::Reader* r);

 private:
  void Remember(const std::string& id, int64_t t, const std::string& event,
                const std::string& story);
  void Forget(int64_t t);

  AssignerOptions opts_;
  cluster::Clusterer clusterer_;
  dedupe::Index dedupe_;
  std::unordered_map<std::string, std::pair<std::string, std::string>>
      assigned_;
  std::deque<std::pair<int64_t, std::string>> order_;  // for Forget
  int64_t last_forget_ = INT64_MIN;
};

}  // namespace storyline::pipeline

#endif  // STORYLINE_PIPELINE_ASSIGNER_H_
