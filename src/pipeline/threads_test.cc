// Every thread count gives the same store: the sample newsroom ingested
// with one thread and with several (a store writer beside the assigner,
// inputs prepared ahead, pages composed by a pool with a cache each) must
// store the same articles with the same events, stories and copies, and
// the same page of every story, byte for byte. Also the pieces: the
// store writer applies its ops in order and stops at the first failure;
// the assigner decides a prepared article as an unprepared one; a step's
// compose jobs are shared so that each is composed exactly once.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "ingest/ingest.h"
#include "pipeline/assigner.h"
#include "pipeline/internal/compose_job.h"
#include "pipeline/internal/prepare.h"
#include "pipeline/internal/writer.h"
#include "pipeline/pipeline.h"
#include "testing/newsroom_store.h"
#include "testing/temp_dir.h"

namespace storyline::pipeline {
namespace {

// Everything stored that a thread count could change.
struct Contents {
  std::map<std::string, std::string> articles;  // id → decision and text
  std::map<std::string, std::string> pages;     // story → row and page JSON
};

Contents Read(store::Store* db) {
  Contents c;
  std::vector<store::StoredArticle> all;
  EXPECT_TRUE(db->ScanArticles(&all).ok());
  for (const store::StoredArticle& a : all)
    c.articles[a.article.id] = a.event_id + "|" + a.story_id + "|" +
                               a.article.duplicate_of + "|" + a.article.text;
  for (const store::StoryRow& row : db->ListStories().value()) {
    Result<std::string> page = db->PageJson(row.id);
    std::string json = page.ok() ? *page : "";
    c.pages[row.id] = row.headline + "|" + row.lead + "|" +
                      std::to_string(row.published) + "|" + json;
  }
  return c;
}

Contents Ingest(const std::string& path, int threads) {
  FixedClock clock(1767225600);
  Options opts;
  opts.clock = &clock;
  opts.ingest.threads = threads;
  opts.batch_size = 16;  // several commits per call on the writer's thread
  auto db = store::OpenSqlite(path, {}).value();
  {
    auto p = Pipeline::Open(db.get(), opts).value();
    for (const auto& part : testing::NewsroomParts()) {
      IngestReport r = p->IngestPaths(part).value();
      EXPECT_GT(r.added, 0);
    }
  }
  return Read(db.get());
}

TEST(ThreadsTest, OneThreadAndSeveralStoreTheSame) {
  testing::TempDir dir("threads");
  Contents one = Ingest(dir.Path("one.db"), 1);
  Contents four = Ingest(dir.Path("four.db"), 4);
  ASSERT_GT(one.articles.size(), 100u);
  int published = 0;
  for (const auto& [id, page] : one.pages)
    published += page.find("|1|{") != std::string::npos;
  EXPECT_GT(published, 5);
  EXPECT_EQ(one.articles, four.articles);
  ASSERT_EQ(one.pages.size(), four.pages.size());
  for (const auto& [id, page] : one.pages)
    EXPECT_EQ(page, four.pages[id]) << "story " << id;
}

// A fictional report of `n` words about a storm in Valmera.
Article Report(const std::string& id, int64_t t, int variant) {
  Article a;
  a.id = id;
  a.url = "https://" + id + ".example/storm";
  a.outlet = id + " Post";
  a.published = t;
  a.language = "en";
  a.title = "Storm Orla floods the old town of Valmera, " +
            std::to_string(variant) + " streets closed";
  a.text =
      "Storm Orla brought the heaviest rain in forty years to Valmera on "
      "Sunday. The Civil Protection Agency closed " +
      std::to_string(variant * 3) +
      " roads and Mayor Ilse Brandt said the NATO-built levee held. "
      "Residents of the Harbour District were told to stay indoors.";
  return a;
}

TEST(ThreadsTest, APreparedArticleIsDecidedAsAnUnpreparedOne) {
  AssignerOptions o;
  Assigner plain(o), prepared(o);
  ArticlePreparer preparer(o);
  for (int i = 0; i < 12; ++i) {
    Article a = Report("r" + std::to_string(i), 1000 + 60 * i, i % 4);
    PreparedArticle p = preparer.Prepare(a);
    Decision x = plain.Add(a);
    Decision y = prepared.Add(a, &p);
    EXPECT_EQ(x.event_id, y.event_id) << i;
    EXPECT_EQ(x.story_id, y.story_id) << i;
    EXPECT_EQ(x.duplicate_of, y.duplicate_of) << i;
    EXPECT_EQ(x.news, y.news) << i;
  }
}

TEST(ThreadsTest, PrepareAheadHandsOverWhatItPrepared) {
  std::vector<Article> articles;
  std::vector<char> take;
  for (int i = 0; i < 200; ++i) {
    articles.push_back(Report("p" + std::to_string(i), 1000 + i, i % 5));
    take.push_back(i % 7 != 3);
  }
  const std::vector<Article> originals = articles;
  AssignerOptions o;
  ArticlePreparer preparer(o), reference(o);
  int handed = 0, taken = 0;
  {
    internal::PrepareAhead ahead(articles, take, &preparer, true);
    // Let the helper get ahead (bounded: a stuck helper fails below).
    for (int waited = 0; ahead.prepared() < 5 && waited < 10000; ++waited)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    for (size_t i = 0; i < articles.size(); ++i) {
      if (!take[i]) continue;
      ++taken;
      std::unique_ptr<PreparedArticle> p = ahead.Take(i);
      if (p) {
        ++handed;
        PreparedArticle want = reference.Prepare(originals[i]);
        EXPECT_EQ(p->news, want.news) << i;
        EXPECT_EQ(p->signature.min, want.signature.min) << i;
      }
      // The caller owns a taken article: it may change it at once.
      articles[i].text.clear();
    }
  }
  EXPECT_EQ(taken, 171);
  EXPECT_GE(handed, 5);
  // Unthreaded: nothing is prepared, every article is decided inline.
  internal::PrepareAhead none(articles, take, &preparer, false);
  EXPECT_EQ(none.Take(0), nullptr);
}

store::StoredArticle Row(const std::string& id, int64_t t) {
  store::StoredArticle r;
  r.article = Report(id, t, 1);
  r.article.content_hash = "h" + id;
  r.article.canonical_url = r.article.url;
  r.event_id = r.story_id = id;
  return r;
}

TEST(ThreadsTest, TheStoreWriterAppliesInOrderAndStopsAtTheFirstFailure) {
  for (bool threaded : {false, true}) {
    SCOPED_TRACE(threaded ? "threaded" : "inline");
    testing::TempDir dir("writer");
    auto db = store::OpenSqlite(dir.Path("w.db"), {}).value();
    ASSERT_TRUE(db->Begin().ok());
    {
      internal::StoreWriter w(db.get(), threaded);
      w.Put(Row("a1", 100));
      w.Put(Row("a2", 200));
      w.Commit();
      w.Put(Row("a3", 300));
      w.MergeStory("a3", "a1");
      w.Snapshot("state", 400);
      ASSERT_TRUE(w.Finish().ok());
      EXPECT_GE(w.busy_seconds(), 0);
    }
    ASSERT_TRUE(db->Commit().ok());
    EXPECT_EQ(db->ArticleCount().value(), 3);
    auto a3 = db->GetArticle("a3").value();
    ASSERT_TRUE(a3.has_value());
    EXPECT_EQ(a3->story_id, "a1");  // the merge came after the row
    auto snap = db->GetSnapshot().value();
    ASSERT_TRUE(snap.has_value());
    EXPECT_EQ(snap->data, "state");
    EXPECT_EQ(snap->upto_seq, db->LastArticleSeq().value());

    // A commit without a transaction fails; what follows is dropped.
    internal::StoreWriter broken(db.get(), threaded);
    broken.Commit();
    broken.Put(Row("a4", 500));
    Status st = broken.Finish();
    EXPECT_FALSE(st.ok());
    EXPECT_TRUE(broken.failed());
    EXPECT_FALSE(db->GetArticle("a4").value().has_value());
  }
}

TEST(ThreadsTest, AStepQueueHandsOutEachJobOnceOwnStoriesLargestFirst) {
  std::vector<internal::ComposeJob> jobs(200);
  for (size_t i = 0; i < jobs.size(); ++i) {
    jobs[i].id = "story-" + std::to_string(i);
    jobs[i].rows.resize((i * 37) % 23);  // sizes in no order
  }
  const size_t workers = 3;
  auto owner = [&](const internal::ComposeJob& j) {
    return std::hash<std::string>{}(j.id) % workers;
  };
  {
    // One worker alone: its own stories largest first, then the others'.
    internal::StepQueue q(&jobs, workers);
    std::vector<internal::ComposeJob*> order;
    while (internal::ComposeJob* j = q.Next(1)) order.push_back(j);
    ASSERT_EQ(order.size(), jobs.size());
    size_t own = 0;
    while (own < order.size() && owner(*order[own]) == 1) ++own;
    ASSERT_GT(own, 0u);
    for (size_t i = own; i < order.size(); ++i)
      EXPECT_NE(owner(*order[i]), 1u) << "an own story after another's";
    for (size_t i = 1; i < own; ++i)
      EXPECT_GE(order[i - 1]->rows.size(), order[i]->rows.size());
  }
  // Three threads at once: every job exactly once.
  internal::StepQueue q(&jobs, workers);
  std::mutex mu;
  std::multiset<const internal::ComposeJob*> taken;
  {
    std::vector<std::jthread> pool;
    for (size_t w = 0; w < workers; ++w)
      pool.emplace_back([&, w] {
        while (internal::ComposeJob* j = q.Next(w)) {
          std::lock_guard<std::mutex> l(mu);
          taken.insert(j);
        }
      });
  }
  EXPECT_EQ(taken.size(), jobs.size());
  for (const internal::ComposeJob& j : jobs) EXPECT_EQ(taken.count(&j), 1u);
}

}  // namespace
}  // namespace storyline::pipeline
