// ComposeJob: one dirty story's composition, the one path both the
// assigner's pool (Pipeline::ComposeDirty) and a composing process
// (Composer) take: its inputs read from the store, composed on any
// thread, its page written by the caller.
#ifndef STORYLINE_PIPELINE_INTERNAL_COMPOSE_JOB_H_
#define STORYLINE_PIPELINE_INTERNAL_COMPOSE_JOB_H_

#include <atomic>
#include <string>
#include <vector>

#include "common/status.h"
#include "compose/compose.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace storyline::pipeline::internal {

// Stories read, composed and written per step: bounds the memory of a
// large recomposition (every story after a bulk ingest).
inline constexpr size_t kComposeStepStories = 64;
inline constexpr size_t kComposeStepArticles = 20000;

struct ComposeJob {
  std::string id;
  std::vector<store::StoredArticle> rows;
  std::vector<std::string> previous_events;  // of the page before
  store::StoryRow row;    // the story row to write (row.dirty_mark: the claim)
  std::string json;       // the page ("" when none was composed)
  bool composed = false;  // met the evidence rule and went through Compose
  double seconds = 0;
};

// Reads job->id's articles and the events of its previous page.
Status ReadJob(store::Store* store, ComposeJob* job);

// Composes job's page into job->row and job->json (a story below the
// evidence rule keeps a verbatim title and no page). Reads only `options`;
// thread-safe for distinct jobs and caches.
void ComposeOne(const Options& options, ComposeJob* job,
                compose::AnalysisCache* cache,
                const std::vector<std::string>& hosts);

// One step's jobs shared among `workers` composing threads, each with its
// own analysis cache. A story belongs to the worker picked by its id (so
// its articles are analysed once across recompositions); a worker takes
// its own stories largest first, then what is left of the others' (a
// cache miss for that story, never a different page). Next() is
// thread-safe; `jobs` must outlive the queue and not change under it.
class StepQueue {
 public:
  StepQueue(std::vector<ComposeJob>* jobs, size_t workers);
  StepQueue(const StepQueue&) = delete;
  StepQueue& operator=(const StepQueue&) = delete;

  // The next job for `worker` (< workers), or nullptr when none is left.
  ComposeJob* Next(size_t worker);

 private:
  struct Share {
    std::vector<ComposeJob*> jobs;
    std::atomic<size_t> next{0};
  };
  std::vector<Share> shares_;
};

}  // namespace storyline::pipeline::internal

#endif  // STORYLINE_PIPELINE_INTERNAL_COMPOSE_JOB_H_
