// The single assignment path: news check, copy check, online clustering.
#include "pipeline/assigner.h"

#include "cluster/news.h"

namespace storyline::pipeline {

Assigner::Assigner(const AssignerOptions& options)
    : opts_(options), clusterer_(options.cluster), dedupe_(options.dedupe) {}

Decision Assigner::Add(const Article& a) {
  Decision d;
  // Not news: stored and searchable, its own event and story, never in the
  // clusterer's index (so nothing can join it) nor in the copy index.
  if (opts_.classify_news && !cluster::IsNews(a)) {
    d.news = false;
    d.event_id = d.story_id = a.id;
    Remember(a.id, a.published, d.event_id, d.story_id);
    Forget(a.published);
    return d;
  }
  dedupe::Signature sig = dedupe::Sign(a.text, opts_.dedupe);
  std::string original = dedupe_.Find(sig);
  std::optional<std::pair<std::string, std::string>> of;
  if (!original.empty()) of = Find(original);
  if (of) {
    d.duplicate_of = original;
    d.event_id = of->first;
    d.story_id = of->second;
    clusterer_.Restore(a, d.event_id, d.story_id);
  } else {
    cluster::Assignment x = clusterer_.Add(a);
    d.event_id = x.event_id;
    d.story_id = x.story_id;
    d.stories_merged = std::move(x.merged);
    d.events_merged = std::move(x.merged_events);
    dedupe_.Add(sig, a.id, a.published);
  }
  Remember(a.id, a.published, d.event_id, d.story_id);
  Forget(a.published);
  return d;
}

void Assigner::Restore(const Article& a, const std::string& event_id,
                       const std::string& story_id) {
  // A stored non-news article stays out of the index (see Add).
  bool singleton = event_id == a.id && story_id == a.id;
  if (!(singleton && opts_.classify_news && !cluster::IsNews(a))) {
    clusterer_.Restore(a, event_id, story_id);
    if (a.duplicate_of.empty())
      dedupe_.Add(dedupe::Sign(a.text, opts_.dedupe), a.id, a.published);
  }
  Remember(a.id, a.published, event_id, story_id);
  Forget(a.published);
}

std::optional<std::pair<std::string, std::string>> Assigner::Find(
    const std::string& article_id) const {
  auto it = assigned_.find(article_id);
  if (it == assigned_.end()) return std::nullopt;
  return std::make_pair(clusterer_.CurrentEvent(it->second.first),
                        clusterer_.CurrentStory(it->second.second));
}

void Assigner::Remember(const std::string& id, int64_t t,
                        const std::string& event, const std::string& story) {
  auto [it, inserted] =
      assigned_.insert_or_assign(id, std::make_pair(event, story));
  if (inserted && opts_.dedupe_horizon > 0) order_.push_back({t, id});
}

// Every quarter horizon of stream time: texts older than the horizon are no
// longer matched as originals of copies, and their decisions are forgotten.
void Assigner::Forget(int64_t t) {
  const int64_t horizon = opts_.dedupe_horizon;
  if (horizon <= 0) return;
  if (last_forget_ == INT64_MIN) last_forget_ = t;
  if (t - last_forget_ < horizon / 4) return;
  last_forget_ = t;
  dedupe_.EvictBefore(t - horizon);
  while (!order_.empty() && order_.front().first < t - horizon) {
    assigned_.erase(order_.front().second);
    order_.pop_front();
  }
}

}  // namespace storyline::pipeline
