// FillNewsroomStore: a SQLite file holding the sample newsroom (and any
// extra fixture paths), ingested by the real pipeline; NewsroomParts: its
// pages in three parts (tests only).
#ifndef STORYLINE_TESTING_NEWSROOM_STORE_H_
#define STORYLINE_TESTING_NEWSROOM_STORE_H_

#include <filesystem>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace storyline::testing {

// The newsroom's pages in three parts by the date their file names start
// with (before 20 October 2025, before 3 November, the rest): for tests
// that ingest it in several calls.
inline std::vector<std::vector<std::string>> NewsroomParts() {
  std::vector<std::vector<std::string>> parts(3);
  const std::string dir =
      std::string(STORYLINE_SOURCE_DIR) + "/samples/newsroom";
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    if (e.path().extension() != ".html") continue;
    parts[name < "20251020"   ? 0
          : name < "20251103" ? 1
                              : 2]
        .push_back(e.path().string());
  }
  return parts;
}

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
