#include "pipeline/internal/compose_job.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <set>

namespace storyline::pipeline::internal {

Status ReadJob(store::Store* store, ComposeJob* job) {
  SL_RETURN_IF_ERROR(store->StoryArticles(job->id, &job->rows));
  // The previous version's events: anything else is "what's new".
  if (Result<compose::StoryPage> prev = LoadPage(store, job->id); prev.ok()) {
    for (const compose::SubStory& sub : prev->substories)
      job->previous_events.push_back(sub.event_id);
  }
  return Status::Ok();
}

void ComposeOne(const Options& opts, ComposeJob* job,
                compose::AnalysisCache* cache,
                const std::vector<std::string>& hosts) {
  const std::vector<store::StoredArticle>& rows = job->rows;
  store::StoryRow& row = job->row;
  row.id = job->id;
  row.created = rows.empty() ? 0 : rows.front().article.published;
  std::set<std::string> outlets;
  std::map<std::string, const Article*> by_id;
  compose::StoryInput in;
  in.story_id = job->id;
  in.outlet_hosts = hosts;
  in.cache = cache;
  in.previous_events = job->previous_events;
  for (const store::StoredArticle& r : rows) {
    in.articles.push_back({&r.article, r.event_id});
    by_id[r.article.id] = &r.article;
    outlets.insert(r.article.outlet);
    row.updated = std::max(row.updated, r.article.published);
  }
  row.article_count = static_cast<int>(rows.size());
  row.outlet_count = static_cast<int>(outlets.size());
  if (row.article_count < opts.min_articles ||
      row.outlet_count < opts.min_outlets) {
    // Not enough evidence for a page yet: no composition (most stories of
    // a real stream are single reports); the row keeps a verbatim title.
    row.headline = rows.empty() ? "" : rows.back().article.title;
    return;
  }
  const auto began = std::chrono::steady_clock::now();
  job->composed = true;
  Result<compose::StoryPage> page = compose::Compose(in, opts.compose);
  if (page.ok()) {
    auto lookup = [&](const std::string& aid) -> const Article* {
      auto it = by_id.find(aid);
      return it == by_id.end() ? nullptr : it->second;
    };
    bool faithful = compose::Verify(*page, lookup).empty();
    row.headline = page->headline;
    row.published = faithful && !page->sections.empty();
    job->json = compose::ToJson(*page);
    for (const compose::Section& sec : page->sections) {
      row.summary += sec.heading + "\n";
      for (const compose::SummarySentence& ss : sec.sentences) {
        if (row.lead.empty() && ss.attribution.empty()) row.lead = ss.text;
        row.summary += ss.text + "\n";
      }
    }
  }
  job->seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - began)
          .count();
}

StepQueue::StepQueue(std::vector<ComposeJob>* jobs, size_t workers)
    : shares_(std::max<size_t>(1, workers)) {
  for (ComposeJob& job : *jobs)
    shares_[std::hash<std::string>{}(job.id) % shares_.size()].jobs.push_back(
        &job);
  // Largest first: a big story started last would hold up the step.
  for (Share& s : shares_)
    std::stable_sort(s.jobs.begin(), s.jobs.end(),
                     [](const ComposeJob* a, const ComposeJob* b) {
                       return a->rows.size() > b->rows.size();
                     });
}

ComposeJob* StepQueue::Next(size_t worker) {
  const size_t n = shares_.size();
  for (size_t k = 0; k < n; ++k) {
    Share& s = shares_[(worker + k) % n];
    if (s.next.load(std::memory_order_relaxed) >= s.jobs.size()) continue;
    size_t i = s.next.fetch_add(1, std::memory_order_relaxed);
    if (i < s.jobs.size()) return s.jobs[i];
  }
  return nullptr;
}

}  // namespace storyline::pipeline::internal
