// Composer: page composition by any process. It claims dirty stories in
// the store, composes them exactly as the assigner would and writes their
// pages. Any number of composers, on any machine sharing the store, run
// beside the one assigner started with Options::compose_pages = false
// (`storyline assign --no-compose`; `storyline compose` runs one).
//
//   pipeline::Composer c(db.get(), opts, "host-42:1234");
//   while (c.ComposeClaimed().value() > 0) {}
//
// A claim lasts kLeaseSeconds or until its page is written. A story the
// assigner changes while it is being composed stays dirty (its dirty mark
// moved on) and is claimed again; a composer that dies leaves its claims
// to expire. Not thread-safe: one Composer per thread.
#ifndef STORYLINE_PIPELINE_COMPOSER_H_
#define STORYLINE_PIPELINE_COMPOSER_H_

#include <string>

#include "common/status.h"
#include "compose/compose.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace storyline::pipeline {

class Composer {
 public:
  static constexpr int64_t kLeaseSeconds = 300;

  // `store` must outlive the Composer; options.clock is required. Uses
  // options.compose, min_articles, min_outlets.
  Composer(store::Store* store, const Options& options, std::string claimer);

  // Claims up to `limit` dirty stories, composes them and writes each page
  // (one transaction per story). Returns how many were written; 0 when no
  // dirty story was free.
  Result<int> ComposeClaimed(int limit = 16);

 private:
  store::Store* store_;
  Options opts_;
  std::string claimer_;
  compose::AnalysisCache cache_;
};

}  // namespace storyline::pipeline

#endif  // STORYLINE_PIPELINE_COMPOSER_H_
