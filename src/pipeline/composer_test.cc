// Composition by other processes: the one assigner stores and marks
// stories dirty without composing them (Options::compose_pages = false),
// two Composers on their own connections to the same SQLite file take
// turns claiming and composing, and every story ends with the page the
// assigner would have composed itself, byte for byte.
#include "pipeline/composer.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "pipeline/pipeline.h"
#include "testing/newsroom_store.h"
#include "testing/temp_dir.h"

namespace storyline::pipeline {
namespace {

std::map<std::string, std::string> Pages(store::Store* db) {
  std::map<std::string, std::string> out;
  for (const store::StoryRow& row : db->ListStories().value()) {
    Result<std::string> json = db->PageJson(row.id);
    out[row.id] = row.headline + "|" + row.lead + "|" +
                  std::to_string(row.published) + "|" +
                  std::to_string(row.article_count) + "|" +
                  (json.ok() ? *json : "");
  }
  return out;
}

TEST(ComposerTest, ComposersWriteThePagesTheAssignerWould) {
  testing::TempDir dir("composer");
  FixedClock clock(1767225600);
  Options opts;
  opts.clock = &clock;
  const auto parts = testing::NewsroomParts();

  auto reference = store::OpenSqlite(dir.Path("ref.db"), {}).value();
  {
    auto p = Pipeline::Open(reference.get(), opts).value();
    for (const auto& part : parts) p->IngestPaths(part).value();
  }

  const std::string path = dir.Path("split.db");
  auto db = store::OpenSqlite(path, {}).value();
  auto c1db = store::OpenSqlite(path, {}).value();
  auto c2db = store::OpenSqlite(path, {}).value();
  Options assign_only = opts;
  assign_only.compose_pages = false;
  auto p = Pipeline::Open(db.get(), assign_only).value();
  Composer one(c1db.get(), opts, "one"), two(c2db.get(), opts, "two");
  int by_one = 0, by_two = 0;
  for (const auto& part : parts) {
    IngestReport r = p->IngestPaths(part).value();
    EXPECT_EQ(r.stories_composed, 0);
    EXPECT_FALSE(db->DirtyStories().value().empty());
    // Small claims, in turns, until neither finds a dirty story.
    for (;;) {
      int a = one.ComposeClaimed(5).value();
      int b = two.ComposeClaimed(5).value();
      by_one += a;
      by_two += b;
      if (a == 0 && b == 0) break;
    }
    EXPECT_TRUE(db->DirtyStories().value().empty());
  }
  EXPECT_GT(by_one, 0);
  EXPECT_GT(by_two, 0);
  std::map<std::string, std::string> want = Pages(reference.get()),
                                     got = Pages(db.get());
  ASSERT_EQ(want.size(), got.size());
  int published = 0;
  for (const auto& [id, page] : want) {
    EXPECT_EQ(got[id], page) << "story " << id;
    published += page.find("|1|") != std::string::npos;
  }
  EXPECT_GT(published, 5);
  std::vector<std::string> problems;
  int pages = 0;
  ASSERT_TRUE(VerifyPages(db.get(), "", &problems, &pages).ok());
  EXPECT_TRUE(problems.empty());
  EXPECT_GT(pages, 5);
}

}  // namespace
}  // namespace storyline::pipeline
