#include "pipeline/pipeline.h"

#include <gtest/gtest.h>

#include <fstream>

#include "testing/temp_dir.h"

namespace storyline::pipeline {
namespace {

const char* kJsonl =
    "{\"url\":\"https://a.example/1\",\"title\":\"Dockworkers strike at Port "
    "of Valmera\","
    "\"outlet\":\"A\",\"published\":\"2025-10-07T10:00:00Z\",\"text\":"
    "\"Dockworkers at the Port "
    "of Valmera walked out on Tuesday over pay.\\nThe Harbour Workers' Union "
    "demands a 9 percent "
    "rise and shorter night shifts.\"}\n"
    "{\"url\":\"https://b.example/1\",\"title\":\"Valmera port shut by "
    "strike\",\"outlet\":\"B\","
    "\"published\":\"2025-10-07T12:00:00Z\",\"text\":\"A strike shut the Port "
    "of Valmera on "
    "Tuesday as dockworkers walked out over pay.\\nThe Harbour Workers' Union "
    "demands a 9 "
    "percent rise and shorter night shifts.\"}\n";

TEST(PipelineTest, IngestIsIdempotentAndPagesVerify) {
  testing::TempDir dir("pipeline");
  std::ofstream(dir.Path("in.jsonl")) << kJsonl;
  auto st = store::OpenSqlite(dir.Path("p.db"), {});
  ASSERT_TRUE(st.ok());
  FixedClock clock(1760000000);
  Options o;
  o.clock = &clock;
  {
    auto p = Pipeline::Open(st->get(), o);
    ASSERT_TRUE(p.ok());
    IngestReport r = (*p)->IngestPaths({dir.Path("in.jsonl")}).value();
    EXPECT_EQ(r.added, 2);
    EXPECT_EQ(r.stories_composed, 1);
    EXPECT_EQ(r.pages_published, 1);
  }
  auto rows = (*st)->ListStories().value();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].version, 1);
  std::vector<std::string> problems;
  int pages = 0;
  ASSERT_TRUE(VerifyPages(st->get(), "", &problems, &pages).ok());
  EXPECT_EQ(pages, 1);
  EXPECT_TRUE(problems.empty()) << problems[0];
  // Re-ingest with a fresh pipeline (a restart): nothing changes.
  auto p2 = Pipeline::Open(st->get(), o);
  IngestReport again = (*p2)->IngestPaths({dir.Path("in.jsonl")}).value();
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.unchanged, 2);
  EXPECT_EQ(again.stories_composed, 0);
  EXPECT_EQ((*st)->ListStories().value()[0].version, 1);
}

TEST(PipelineTest, OpenRequiresAClock) {
  testing::TempDir dir("noclock");
  auto st = store::OpenSqlite(dir.Path("p.db"), {});
  EXPECT_FALSE(Pipeline::Open(st->get(), Options{}).ok());
}

TEST(PipelineTest, ChangedArticleIsUpdatedInPlace) {
  testing::TempDir dir("update");
  auto st = store::OpenSqlite(dir.Path("p.db"), {});
  FixedClock clock(1760000000);
  Options o;
  o.clock = &clock;
  auto p = Pipeline::Open(st->get(), o).value();
  std::ofstream(dir.Path("a.jsonl")) << kJsonl;
  p->IngestPaths({dir.Path("a.jsonl")}).value();
  std::string changed = kJsonl;
  changed.replace(changed.find("over pay."), 9, "over pay and rules.");
  std::ofstream(dir.Path("b.jsonl")) << changed;
  IngestReport r = p->IngestPaths({dir.Path("b.jsonl")}).value();
  EXPECT_EQ(r.updated, 1);
  EXPECT_EQ(r.added, 0);
  EXPECT_EQ((*st)->ArticleCount().value(), 2);
  EXPECT_EQ((*st)->ListStories().value()[0].version, 2);
}

// Two versions of one article (one URL, one time) in a batch: the one read
// first is kept, whatever the ids of the other articles around it (the
// batch sort is stable).
TEST(PipelineTest, OfTwoVersionsInOneBatchTheFirstReadWins) {
  testing::TempDir dir("versions");
  std::string jsonl;
  auto line = [](const std::string& url, const std::string& text) {
    return "{\"url\":\"" + url +
           "\",\"title\":\"Harbour note\",\"outlet\":\"A\","
           "\"published\":\"2025-10-07T10:00:00Z\",\"text\":\"" +
           text + "\"}\n";
  };
  for (int i = 0; i < 40; ++i)
    jsonl += line("https://a.example/other-" + std::to_string(i),
                  "Filler report number " + std::to_string(i) +
                      " about the harbour and its cranes.");
  jsonl += line("https://a.example/story", "FIRST version of the report.");
  for (int i = 40; i < 80; ++i)
    jsonl += line("https://a.example/other-" + std::to_string(i),
                  "Filler report number " + std::to_string(i) +
                      " about the harbour and its cranes.");
  jsonl += line("https://a.example/story", "SECOND version of the report.");
  std::ofstream(dir.Path("in.jsonl")) << jsonl;
  auto st = store::OpenSqlite(dir.Path("p.db"), {});
  ASSERT_TRUE(st.ok());
  FixedClock clock(1760000000);
  Options o;
  o.clock = &clock;
  auto p = Pipeline::Open(st->get(), o).value();
  ASSERT_TRUE(p->IngestPaths({dir.Path("in.jsonl")}).ok());
  std::vector<store::StoredArticle> all;
  ASSERT_TRUE((*st)->ScanArticles(&all).ok());
  int found = 0;
  for (const store::StoredArticle& a : all) {
    if (a.article.url != "https://a.example/story") continue;
    ++found;
    EXPECT_EQ(a.article.text.rfind("FIRST", 0), 0u) << a.article.text;
  }
  EXPECT_EQ(found, 1);
}

TEST(PipelineTest, MergedStoriesMoveTheirArticlesAndRedirect) {
  testing::TempDir dir("merge");
  // Two reports of one strike, then a third: with every article its own
  // event and story (thresholds above 1), the merge check must join them.
  std::string lines = kJsonl;
  lines +=
      "{\"url\":\"https://c.example/1\",\"title\":\"Strike closes Port of "
      "Valmera\",\"outlet\":\"C\",\"published\":\"2025-10-07T14:00:00Z\","
      "\"text\":\"Dockworkers at the Port of Valmera walked out on Tuesday; "
      "the Harbour Workers' Union demands a 9 percent rise.\"}\n";
  std::ofstream(dir.Path("in.jsonl")) << lines;
  auto st = store::OpenSqlite(dir.Path("m.db"), {});
  ASSERT_TRUE(st.ok());
  FixedClock clock(1760000000);
  Options o;
  o.clock = &clock;
  o.cluster.learned_events = false;  // thresholds force every split
  o.cluster.event_threshold = 2;
  o.cluster.story_threshold = 2;
  o.cluster.cross_language_threshold = 2;
  o.cluster.story_merge_threshold = 0.3;
  auto p = Pipeline::Open(st->get(), o);
  ASSERT_TRUE(p.ok());
  IngestReport r = (*p)->IngestPaths({dir.Path("in.jsonl")}).value();
  EXPECT_EQ(r.added, 3);
  EXPECT_GE(r.stories_merged, 1);
  auto rows = (*st)->ListStories().value();
  ASSERT_EQ(rows.size(), 1u);  // absorbed stories have no row left
  EXPECT_EQ(rows[0].article_count, 3);
  EXPECT_TRUE(rows[0].published);
  std::vector<store::StoredArticle> all;
  ASSERT_TRUE((*st)->ScanArticles(&all).ok());
  for (const auto& a : all) {
    EXPECT_EQ(a.story_id, rows[0].id);
    if (a.article.id != rows[0].id) {
      // Every absorbed id redirects to the survivor.
      auto to = (*st)->Redirect(a.article.id).value();
      ASSERT_TRUE(to.has_value()) << a.article.id;
      EXPECT_EQ(*to, rows[0].id);
    }
  }
  // A restart replays the merged assignments unchanged.
  auto p2 = Pipeline::Open(st->get(), o);
  ASSERT_TRUE(p2.ok());
  EXPECT_EQ((*p2)->IngestPaths({dir.Path("in.jsonl")}).value().unchanged, 3);
}

}  // namespace
}  // namespace storyline::pipeline
