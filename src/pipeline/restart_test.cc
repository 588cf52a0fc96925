// Restarts: the writer's snapshot (pipeline.h). The sample newsroom is
// ingested in three parts with restarts between them; a restart from a
// clean checkpoint must decide as if there had been none, a restart after
// a crash restores only the articles written after the snapshot, and a
// snapshot that is damaged or saved under other options is replayed around;
// a replay with inputs prepared on a helper thread restores the same state.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "pipeline/pipeline.h"
#include "testing/newsroom_store.h"
#include "testing/temp_dir.h"

namespace storyline::pipeline {
namespace {

using Assignments = std::map<std::string, std::pair<std::string, std::string>>;

Assignments Stored(store::Store* db) {
  std::vector<store::StoredArticle> all;
  EXPECT_TRUE(db->ScanArticles(&all).ok());
  Assignments out;
  for (const auto& a : all) out[a.article.id] = {a.event_id, a.story_id};
  return out;
}

std::map<std::string, std::string> Pages(store::Store* db) {
  std::map<std::string, std::string> out;
  for (const store::StoryRow& row : db->ListStories().value())
    if (row.version > 0) out[row.id] = row.headline + "|" + row.lead;
  return out;
}

class RestartTest : public ::testing::Test {
 protected:
  RestartTest()
      : dir_("restart"), clock_(1767225600), parts_(testing::NewsroomParts()) {
    opts_.clock = &clock_;
  }
  std::unique_ptr<store::Store> NewStore(const std::string& name) {
    return store::OpenSqlite(dir_.Path(name), {}).value();
  }
  // One process, no restart, the parts ingested one call each.
  std::unique_ptr<store::Store> Continuous() {
    auto db = NewStore("continuous.db");
    auto p = Pipeline::Open(db.get(), opts_).value();
    for (const auto& part : parts_) p->IngestPaths(part).value();
    return db;
  }
  testing::TempDir dir_;
  FixedClock clock_;
  Options opts_;
  std::vector<std::vector<std::string>> parts_;
};

TEST_F(RestartTest, FromACheckpointItDecidesAsWithoutARestart) {
  ASSERT_FALSE(parts_[1].empty());
  auto reference = Continuous();
  auto db = NewStore("restarted.db");
  int64_t first_part = 0;
  {
    auto p = Pipeline::Open(db.get(), opts_).value();
    EXPECT_FALSE(p->start().from_snapshot);
    EXPECT_EQ(p->start().why_replayed, "no snapshot");
    first_part = p->IngestPaths(parts_[0]).value().added;
    ASSERT_TRUE(p->Checkpoint().ok());
  }
  for (size_t i = 1; i < parts_.size(); ++i) {
    auto p = Pipeline::Open(db.get(), opts_).value();
    EXPECT_TRUE(p->start().from_snapshot) << p->start().why_replayed;
    EXPECT_EQ(p->start().articles_restored, 0);  // nothing after it
    EXPECT_GT(p->start().snapshot_bytes, 0);
    p->IngestPaths(parts_[i]).value();
    ASSERT_TRUE(p->Checkpoint().ok());
  }
  EXPECT_GT(first_part, 10);
  EXPECT_EQ(Stored(db.get()), Stored(reference.get()));
  EXPECT_EQ(Pages(db.get()), Pages(reference.get()));
}

TEST_F(RestartTest, AfterACrashOnlyTheArticlesAfterTheSnapshotAreRestored) {
  auto reference = Continuous();
  auto db = NewStore("crashed.db");
  {
    auto p = Pipeline::Open(db.get(), opts_).value();
    p->IngestPaths(parts_[0]).value();
    ASSERT_TRUE(p->Checkpoint().ok());
  }
  int64_t second = 0;
  {
    // No checkpoint at the end: what a kill -9 leaves.
    auto p = Pipeline::Open(db.get(), opts_).value();
    second = p->IngestPaths(parts_[1]).value().added;
  }
  auto p = Pipeline::Open(db.get(), opts_).value();
  EXPECT_TRUE(p->start().from_snapshot);
  EXPECT_EQ(p->start().articles_restored, second);
  p->IngestPaths(parts_[2]).value();
  // Restoring stored decisions is what a full replay does for every
  // article; on the newsroom both give the continuous run's stories.
  EXPECT_EQ(Stored(db.get()), Stored(reference.get()));
  std::vector<std::string> problems;
  int pages = 0;
  ASSERT_TRUE(VerifyPages(db.get(), "", &problems, &pages).ok());
  for (const std::string& pr : problems) ADD_FAILURE() << pr;
  EXPECT_GT(pages, 5);
}

TEST_F(RestartTest, SnapshotsAreWrittenWithTheBatchesThatReachTheCount) {
  opts_.snapshot_every = 10;  // every call of more than 10 new articles
  auto db = NewStore("periodic.db");
  {
    auto p = Pipeline::Open(db.get(), opts_).value();
    p->IngestPaths(parts_[0]).value();
  }
  // No checkpoint, yet a snapshot exists, written with the part's batch.
  auto snap = db->GetSnapshot().value();
  ASSERT_TRUE(snap.has_value());
  EXPECT_EQ(snap->upto_seq, db->LastArticleSeq().value());
  auto p = Pipeline::Open(db.get(), opts_).value();
  EXPECT_TRUE(p->start().from_snapshot);
  EXPECT_EQ(p->start().articles_restored, 0);
}

TEST_F(RestartTest, ADamagedOrForeignSnapshotIsReplayedAround) {
  auto reference = Continuous();
  auto db = NewStore("damaged.db");
  {
    auto p = Pipeline::Open(db.get(), opts_).value();
    p->IngestPaths(parts_[0]).value();
    ASSERT_TRUE(p->Checkpoint().ok());
  }
  // One byte flipped in the middle.
  store::Snapshot snap = db->GetSnapshot().value().value();
  snap.data[snap.data.size() / 2] ^= 0x20;
  ASSERT_TRUE(db->PutSnapshot(snap).ok());
  {
    auto p = Pipeline::Open(db.get(), opts_).value();
    EXPECT_FALSE(p->start().from_snapshot);
    EXPECT_NE(p->start().why_replayed.find("checksum"), std::string::npos)
        << p->start().why_replayed;
    EXPECT_EQ(p->start().articles_restored, db->ArticleCount().value());
    p->IngestPaths(parts_[1]).value();
    ASSERT_TRUE(p->Checkpoint().ok());  // a good one again
  }
  {
    // Other clustering options: the saved state would decide differently.
    Options other = opts_;
    other.cluster.event_window = 86400;
    auto p = Pipeline::Open(db.get(), other).value();
    EXPECT_FALSE(p->start().from_snapshot);
    EXPECT_NE(p->start().why_replayed.find("other options"), std::string::npos)
        << p->start().why_replayed;
  }
  auto p = Pipeline::Open(db.get(), opts_).value();
  EXPECT_TRUE(p->start().from_snapshot) << p->start().why_replayed;
  p->IngestPaths(parts_[2]).value();
  EXPECT_EQ(Stored(db.get()), Stored(reference.get()));
}

TEST_F(RestartTest, AReplayRestoresTheSameStateOnOneThreadAsOnSeveral) {
  auto db = NewStore("threads.db");
  store::Snapshot first;
  {
    auto p = Pipeline::Open(db.get(), opts_).value();
    p->IngestPaths(parts_[0]).value();
    ASSERT_TRUE(p->Checkpoint().ok());
    first = db->GetSnapshot().value().value();
    p->IngestPaths(parts_[1]).value();  // no checkpoint: a crash
  }
  // The state each start builds, as its checkpoint writes it.
  auto state_after_start = [&](int threads, bool from_first) {
    // A damaged snapshot is replayed around: every article restored.
    store::Snapshot snap = first;
    if (!from_first) snap.data[snap.data.size() / 2] ^= 0x20;
    EXPECT_TRUE(db->PutSnapshot(snap).ok());
    Options o = opts_;
    o.ingest.threads = threads;
    auto p = Pipeline::Open(db.get(), o).value();
    EXPECT_EQ(p->start().from_snapshot, from_first);
    EXPECT_GT(p->start().articles_restored, 16);  // enough for the helper
    EXPECT_TRUE(p->Checkpoint().ok());
    return db->GetSnapshot().value().value().data;
  };
  for (bool from_first : {true, false}) {
    SCOPED_TRACE(from_first ? "the articles after a snapshot" : "all");
    std::string one = state_after_start(1, from_first);
    std::string two = state_after_start(2, from_first);
    EXPECT_FALSE(one.empty());
    EXPECT_TRUE(one == two);
  }
}

}  // namespace
}  // namespace storyline::pipeline
