// End-to-end: the sample newsroom through every stage into a real SQLite
// file. Checks clustering against gold.tsv, that every published page has
// every section, that every page unit is faithful to its source, that
// re-ingesting changes nothing, and that a restart mid-stream gives the
// same stories as one continuous run.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "common/strings.h"
#include "common/url.h"
#include "eval/scorers.h"
#include "extract/extract.h"
#include "pipeline/pipeline.h"
#include "testing/temp_dir.h"

namespace storyline::pipeline {
namespace {
namespace fs = std::filesystem;

const std::string kNewsroom = STORYLINE_SOURCE_DIR "/samples/newsroom";

struct Gold {
  std::map<std::string, std::string> event, story;  // canonical url → label
};

Gold ReadGold() {
  Gold g;
  std::ifstream in(kNewsroom + "/gold.tsv");
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> f = Split(line, '\t');
    if (line.empty() || line[0] == '#' || f.size() != 4 || f[0] == "file")
      continue;
    g.event[f[1]] = f[2];
    g.story[f[1]] = f[3];
  }
  return g;
}

std::map<std::string, std::pair<std::string, std::string>> Assignments(
    store::Store* db) {
  std::vector<store::StoredArticle> all;
  EXPECT_TRUE(db->ScanArticles(&all).ok());
  std::map<std::string, std::pair<std::string, std::string>> out;
  for (const auto& a : all)
    out[a.article.canonical_url] = {a.event_id, a.story_id};
  return out;
}

class NewsroomTest : public ::testing::Test {
 protected:
  NewsroomTest() : dir_("newsroom"), clock_(1767225600) {
    opts_.clock = &clock_;
    db_ = store::OpenSqlite(dir_.Path("n.db"), {}).value();
  }
  testing::TempDir dir_;
  FixedClock clock_;
  Options opts_;
  std::unique_ptr<store::Store> db_;
};

TEST_F(NewsroomTest, EndToEnd) {
  auto p = Pipeline::Open(db_.get(), opts_).value();
  IngestReport r = p->IngestPaths({kNewsroom}).value();
  EXPECT_GE(r.added, 120);
  EXPECT_TRUE(r.problems.empty());
  EXPECT_GT(r.copies, 0);  // wire copies are recognised
  {
    // Every re-posted update is folded under its original; originals are not.
    std::vector<store::StoredArticle> all;
    ASSERT_TRUE(db_->ScanArticles(&all).ok());
    int updates = 0;
    for (const auto& a : all) {
      if (EndsWith(a.article.title, "(updated)")) {
        ++updates;
        EXPECT_FALSE(a.article.duplicate_of.empty()) << a.article.title;
      }
    }
    EXPECT_GE(updates, 5);
  }

  // Clustering quality against the gold labels.
  Gold gold = ReadGold();
  ASSERT_EQ(gold.event.size(), static_cast<size_t>(r.added));
  std::map<std::string, std::string> pe, ps;
  for (const auto& [url, a] : Assignments(db_.get())) {
    pe[url] = a.first;
    ps[url] = a.second;
  }
  eval::Prf ev = eval::BCubed(gold.event, pe);
  eval::Prf st = eval::BCubed(gold.story, ps);
  std::printf(
      "newsroom B-cubed events P=%.3f R=%.3f F1=%.3f; stories P=%.3f R=%.3f "
      "F1=%.3f\n",
      ev.p, ev.r, ev.f1, st.p, st.r, st.f1);
  EXPECT_GE(ev.f1, 0.90);
  EXPECT_GE(st.f1, 0.85);

  // Every published page has every section and is faithful.
  std::set<std::string> outlet_hosts;
  {
    std::vector<store::StoredArticle> all;
    ASSERT_TRUE(db_->ScanArticles(&all).ok());
    for (const auto& a : all) outlet_hosts.insert(url::HostOf(a.article.url));
  }
  auto rows = db_->ListStories().value();
  int published = 0;
  for (const store::StoryRow& row : rows) {
    if (!row.published) continue;
    ++published;
    compose::StoryPage page = LoadPage(db_.get(), row.id).value();
    EXPECT_FALSE(page.headline.empty()) << row.id;
    EXPECT_GE(page.article_count, 2) << row.id;
    EXPECT_FALSE(page.sections.empty()) << row.id;
    for (const auto& s : page.sections) {
      EXPECT_FALSE(s.heading.empty());
      EXPECT_LE(WordCount(s.heading), compose::Options{}.max_heading_words);
      EXPECT_FALSE(s.sentences.empty());
    }
    EXPECT_FALSE(page.sources.empty()) << row.id;
    EXPECT_FALSE(page.timeline.empty()) << row.id;
    EXPECT_FALSE(page.substories.empty()) << row.id;
    EXPECT_FALSE(page.related.empty()) << row.id;
    // External resources: present whenever an article of the story cites a
    // link outside the newsroom's outlets.
    std::vector<store::StoredArticle> arts;
    ASSERT_TRUE(db_->StoryArticles(row.id, &arts).ok());
    bool cites_outside = false;
    for (const auto& a : arts)
      for (const Link& l : a.article.links)
        cites_outside |= !outlet_hosts.count(url::HostOf(l.url));
    EXPECT_EQ(!page.resources.empty(), cites_outside)
        << row.id << " " << page.headline;
    std::string text = compose::RenderText(page);
    for (const char* heading :
         {"Sources (", "Timeline", "Stories about this story (",
          "All related articles (", "External resources ("}) {
      EXPECT_NE(text.find(heading), std::string::npos) << heading;
    }
    for (const auto& src : page.sources) EXPECT_LE(WordCount(src.gist), 26);
  }
  EXPECT_GE(published, 12);
  std::vector<std::string> problems;
  int pages = 0;
  ASSERT_TRUE(VerifyPages(db_.get(), "", &problems, &pages).ok());
  EXPECT_GE(pages, published);
  for (const std::string& pr : problems) ADD_FAILURE() << pr;

  // Idempotent: the same files again change nothing.
  std::map<std::string, int> versions;
  for (const auto& row : rows) versions[row.id] = row.version;
  IngestReport again = p->IngestPaths({kNewsroom}).value();
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.stories_composed, 0);
  for (const auto& row : db_->ListStories().value())
    EXPECT_EQ(versions[row.id], row.version);
  EXPECT_EQ(db_->ArticleCount().value(), r.added);
}

TEST_F(NewsroomTest, RestartMidStreamKeepsIdentities) {
  // One continuous run.
  auto p = Pipeline::Open(db_.get(), opts_).value();
  p->IngestPaths({kNewsroom}).value();
  auto reference = Assignments(db_.get());
  // The same stream split in two, with a restart (new process state) between.
  testing::TempDir other("newsroom_split");
  std::vector<std::string> early, late;
  for (const auto& e : fs::directory_iterator(kNewsroom)) {
    std::string name = e.path().filename().string();
    if (e.path().extension() != ".html") continue;
    (name < "20251101" ? early : late).push_back(e.path().string());
  }
  auto db2 = store::OpenSqlite(other.Path("s.db"), {}).value();
  Pipeline::Open(db2.get(), opts_).value()->IngestPaths(early).value();
  Pipeline::Open(db2.get(), opts_).value()->IngestPaths(late).value();
  EXPECT_EQ(Assignments(db2.get()), reference);
  // Pages recomposed by the second batch name what is new since their first
  // version, with verbatim titles (checked by Verify).
  int with_news = 0;
  for (const store::StoryRow& row : db2->ListStories().value()) {
    if (row.version < 2) continue;
    compose::StoryPage page = LoadPage(db2.get(), row.id).value();
    with_news += page.whats_new.empty() ? 0 : 1;
  }
  EXPECT_GE(with_news, 3);
  std::vector<std::string> problems;
  int pages = 0;
  ASSERT_TRUE(VerifyPages(db2.get(), "", &problems, &pages).ok());
  for (const std::string& pr : problems) ADD_FAILURE() << pr;
}

}  // namespace
}  // namespace storyline::pipeline
