// The single assignment path: news check, copy check, online clustering.
#include "pipeline/assigner.h"

#include "cluster/news.h"

namespace storyline::pipeline {

Assigner::Assigner(const AssignerOptions& options)
    : opts_(options), clusterer_(options.cluster), dedupe_(options.dedupe) {}

PreparedArticle ArticlePreparer::Prepare(const Article& a) {
  PreparedArticle p;
  p.news = !opts_.classify_news || cluster::IsNews(a);
  if (p.news) {
    p.signature = dedupe::Sign(a.text, opts_.dedupe);
    p.tokens = tokens_.Prepare(a);
  }
  return p;
}

Decision Assigner::Add(const Article& a, const PreparedArticle* prepared) {
  Decision d;
  // Not news: stored and searchable, its own event and story, never in the
  // clusterer's index (so nothing can join it) nor in the copy index.
  const bool news =
      prepared ? prepared->news : !opts_.classify_news || cluster::IsNews(a);
  if (!news) {
    d.news = false;
    d.event_id = d.story_id = a.id;
    Remember(a.id, a.published, d.event_id, d.story_id);
    Forget(a.published);
    return d;
  }
  dedupe::Signature sig =
      prepared ? prepared->signature : dedupe::Sign(a.text, opts_.dedupe);
  const cluster::Prepared* tokens = prepared ? &prepared->tokens : nullptr;
  std::string original = dedupe_.Find(sig);
  std::optional<std::pair<std::string, std::string>> of;
  if (!original.empty()) of = Find(original);
  if (of) {
    d.duplicate_of = original;
    d.event_id = of->first;
    d.story_id = of->second;
    clusterer_.Restore(a, d.event_id, d.story_id, tokens);
  } else {
    cluster::Assignment x = clusterer_.Add(a, tokens);
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
                       const std::string& story_id,
                       const PreparedArticle* prepared) {
  // A stored non-news article stays out of the index (see Add).
  bool singleton = event_id == a.id && story_id == a.id;
  if (!(singleton && opts_.classify_news &&
        !(prepared ? prepared->news : cluster::IsNews(a)))) {
    // Only news is prepared (a non-news article can be in a story when the
    // verdict changed since it was stored).
    if (prepared && !prepared->news) prepared = nullptr;
    clusterer_.Restore(a, event_id, story_id,
                       prepared ? &prepared->tokens : nullptr);
    if (a.duplicate_of.empty())
      dedupe_.Add(
          prepared ? prepared->signature : dedupe::Sign(a.text, opts_.dedupe),
          a.id, a.published);
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

namespace {

std::string OptionsKey(const AssignerOptions& o) {
  serial::Writer w;
  w.F64(o.dedupe.min_jaccard);
  w.I64(o.dedupe.min_words);
  w.I64(o.dedupe_horizon);
  w.Bool(o.classify_news);
  return w.Finish();
}

}  // namespace

void Assigner::Save(serial::Writer* w) const {
  w->Str(OptionsKey(opts_));
  clusterer_.Save(w);
  dedupe_.Save(w);
  w->U64(assigned_.size());
  for (const auto& [id, es] : assigned_) {
    w->Str(id);
    w->Str(es.first);
    w->Str(es.second);
  }
  w->U64(order_.size());
  for (const auto& [t, id] : order_) {
    w->I64(t);
    w->Str(id);
  }
  w->I64(last_forget_);
}

Status Assigner::Load(serial::Reader* r) {
  if (!assigned_.empty())
    return Status::FailedPrecondition("Assigner::Load on a used assigner");
  if (r->Str() != OptionsKey(opts_) && r->ok())
    return Status::FailedPrecondition(
        "assigner state saved under other options");
  SL_RETURN_IF_ERROR(clusterer_.Load(r));
  SL_RETURN_IF_ERROR(dedupe_.Load(r));
  uint64_t n = r->Count(3);
  assigned_.reserve(n);
  for (uint64_t i = 0; i < n && r->ok(); ++i) {
    std::string id = r->Str(), event = r->Str(), story = r->Str();
    assigned_.emplace(std::move(id),
                      std::make_pair(std::move(event), std::move(story)));
  }
  uint64_t k = r->Count(2);
  for (uint64_t i = 0; i < k && r->ok(); ++i) {
    int64_t t = r->I64();
    order_.push_back({t, r->Str()});
  }
  last_forget_ = r->I64();
  return r->status();
}

}  // namespace storyline::pipeline
