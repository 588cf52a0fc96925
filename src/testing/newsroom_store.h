// FillNewsroomStore: a SQLite file holding the sample newsroom (and any
// extra fixture paths), ingested by the real pipeline (tests only).
#ifndef STORYLINE_TESTING_NEWSROOM_STORE_H_
#define STORYLINE_TESTING_NEWSROOM_STORE_H_

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace storyline::testing {

// Returns the ingest report; `clock` must outlive the call only.
inline Result<pipeline::IngestReport> FillNewsroomStore(
    const std::string& db_path, const Clock* clock,
    std::vector<std::string> extra_paths = {}) {
  auto db = store::OpenSqlite(db_path, {});
  if (!db.ok()) return db.status();
  pipeline::Options o;
  o.clock = clock;
  auto p = pipeline::Pipeline::Open(db->get(), o);
  if (!p.ok()) return p.status();
  extra_paths.insert(extra_paths.begin(),
                     std::string(STORYLINE_SOURCE_DIR) + "/samples/newsroom");
  return (*p)->IngestPaths(extra_paths);
}

}  // namespace storyline::testing

#endif  // STORYLINE_TESTING_NEWSROOM_STORE_H_
