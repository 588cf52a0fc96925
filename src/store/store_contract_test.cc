// The store contract: every test here runs on both engines, SQLite (a
// file) and PostgreSQL (a real server started for the run by
// scripts/test-postgres). ctest runs the two halves as
// store_contract_sqlite and store_contract_postgresql; the second reports
// "skipped" with the reason when no server could be started.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <pqxx/pqxx>
#include <set>
#include <thread>
#include <tuple>

#include "store/internal/pg_text.h"
#include "store/store.h"
#include "testing/test_store.h"

namespace storyline::store {
namespace {

StoredArticle Row(const std::string& id, int64_t t, const std::string& story) {
  StoredArticle r;
  r.article.id = id;
  r.article.url = "https://x.example/" + id;
  r.article.canonical_url = r.article.url;
  r.article.title = "Title " + id;
  r.article.text = "Text of " + id + ".\n\nSecond block.";
  r.article.blocks = {{{0, 11}, {5, 40}, "p"}, {{13, 27}, {41, 80}, "h"}};
  r.article.links = {{"https://doc.example/a.pdf", "a doc"}};
  r.article.published = t;
  r.article.kind = ArticleKind::kOpinion;
  r.article.content_hash = "h" + id;
  r.event_id = "e-" + story;
  r.story_id = story;
  return r;
}

class StoreContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    store_ = std::make_unique<testing::TestStore>(GetParam());
    if (!store_->skip_reason().empty()) GTEST_SKIP() << store_->skip_reason();
  }
  Result<std::unique_ptr<Store>> Open(bool read_only = false) {
    return store_->Open(read_only);
  }
  std::unique_ptr<testing::TestStore> store_;
};

TEST_P(StoreContractTest, ArticlesRoundTripAndPersist) {
  {
    auto st = Open();
    ASSERT_TRUE(st.ok()) << st.status().ToString();
    Store* db = st->get();
    EXPECT_EQ(db->SchemaVersion().value(), kSchemaVersion);
    ASSERT_TRUE(db->Begin().ok());
    ASSERT_TRUE(db->PutArticle(Row("b", 200, "s1")).ok());
    ASSERT_TRUE(db->PutArticle(Row("a", 100, "s1")).ok());
    ASSERT_TRUE(db->PutArticle(Row("c", 150, "s2")).ok());
    ASSERT_TRUE(db->Commit().ok());
  }
  auto st = Open();
  ASSERT_TRUE(st.ok());
  Store* db = st->get();
  EXPECT_EQ(db->ArticleCount().value(), 3);
  std::vector<StoredArticle> all;
  ASSERT_TRUE(db->ScanArticles(&all).ok());
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].article.id, "a");  // publication order
  EXPECT_EQ(all[2].article.id, "b");
  auto got = db->GetArticle("a").value();
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->article.text, Row("a", 100, "s1").article.text);
  EXPECT_EQ(got->article.blocks.size(), 2u);
  EXPECT_EQ(got->article.blocks[1].kind, "h");
  EXPECT_EQ(got->article.blocks[1].source.end, 80u);
  EXPECT_EQ(got->article.links[0].anchor, "a doc");
  EXPECT_EQ(got->article.kind, ArticleKind::kOpinion);
  EXPECT_FALSE(db->GetArticle("zzz").value().has_value());
  EXPECT_EQ(db->ArticleHash("a").value().value(), "ha");
  auto hashes = db->ArticleHashes({"a", "zzz", "c", "a\"q\\"}).value();
  EXPECT_EQ(hashes,
            (std::map<std::string, std::string>{{"a", "ha"}, {"c", "hc"}}));
  std::vector<StoredArticle> s1;
  ASSERT_TRUE(db->StoryArticles("s1", &s1).ok());
  EXPECT_EQ(s1.size(), 2u);
  EXPECT_EQ(db->DirtyStories().value(), (std::vector<std::string>{"s1", "s2"}));
}

TEST_P(StoreContractTest, SnapshotMatchesTheArticlesWrittenWithIt) {
  auto st = Open();
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  Store* db = st->get();
  EXPECT_FALSE(db->GetSnapshot().value().has_value());
  EXPECT_EQ(db->LastArticleSeq().value(), 0);
  ASSERT_TRUE(db->Begin().ok());
  ASSERT_TRUE(db->PutArticle(Row("a", 100, "s1")).ok());
  ASSERT_TRUE(db->PutArticle(Row("b", 300, "s1")).ok());
  // Any bytes: NUL, 0xff, invalid UTF-8.
  std::string bytes("\0\xff\xfe snapshot \0\x80", 14);
  Snapshot snap{db->LastArticleSeq().value(), 1234, bytes};
  ASSERT_TRUE(db->PutSnapshot(snap).ok());
  ASSERT_TRUE(db->Commit().ok());
  // Written after the snapshot: one new article, one replaced.
  ASSERT_TRUE(db->PutArticle(Row("c", 200, "s2")).ok());
  StoredArticle a2 = Row("a", 100, "s1");
  a2.article.content_hash = "changed";
  ASSERT_TRUE(db->PutArticle(a2).ok());
  // A snapshot written in a rolled-back transaction is not kept.
  ASSERT_TRUE(db->Begin().ok());
  ASSERT_TRUE(db->PutSnapshot({99, 1, "lost"}).ok());
  ASSERT_TRUE(db->Rollback().ok());
  auto again = Open();
  ASSERT_TRUE(again.ok());
  auto got = (*again)->GetSnapshot().value();
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->data, bytes);
  EXPECT_EQ(got->written_at, 1234);
  EXPECT_EQ(got->upto_seq, snap.upto_seq);
  EXPECT_GT((*again)->LastArticleSeq().value(), snap.upto_seq);
  std::vector<StoredArticle> after;
  ASSERT_TRUE((*again)->ScanArticlesAfter(got->upto_seq, &after).ok());
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].article.id, "a");  // publication order
  EXPECT_EQ(after[0].article.content_hash, "changed");
  EXPECT_EQ(after[1].article.id, "c");
  // Replaced, not added: one snapshot at most.
  ASSERT_TRUE((*again)->PutSnapshot({7, 8, "second"}).ok());
  EXPECT_EQ((*again)->GetSnapshot().value()->data, "second");
}

TEST_P(StoreContractTest, PruneRemovesWholeOldStoriesOnly) {
  auto st = Open();
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  Store* db = st->get();
  ASSERT_TRUE(db->Begin().ok());
  // old: every article before 1000; mixed: one old, one new; fresh: new.
  for (auto [id, t, story] :
       std::vector<std::tuple<std::string, int64_t, std::string>>{
           {"o1", 100, "old"},
           {"o2", 200, "old"},
           {"m1", 150, "mixed"},
           {"m2", 5000, "mixed"},
           {"f1", 6000, "fresh"}})
    ASSERT_TRUE(db->PutArticle(Row(id, t, story)).ok());
  StoryRow old_row{"old", "Old headline", 2, 1, 100, 200, 0, true, "", ""};
  old_row.summary = "zanzibarian summary";
  ASSERT_TRUE(db->PutPage(old_row, "{\"v\":1}", 5).ok());
  ASSERT_TRUE(db->PutPage(old_row, "{\"v\":2}", 6).ok());
  StoryRow mixed_row{"mixed", "Mixed", 2, 1, 150, 5000, 0, true, "", ""};
  ASSERT_TRUE(db->PutPage(mixed_row, "{\"v\":1}", 7).ok());
  ASSERT_TRUE(db->PutRedirect("gone-into-old", "old").ok());
  ASSERT_TRUE(db->Commit().ok());
  ASSERT_FALSE(db->Search("o1", 10).value().empty());
  ASSERT_TRUE(db->Begin().ok());
  auto rep = db->PruneStories(1000);
  ASSERT_TRUE(rep.ok()) << rep.status().ToString();
  ASSERT_TRUE(db->Commit().ok());
  EXPECT_EQ(rep->stories, 1);
  EXPECT_EQ(rep->articles, 2);
  EXPECT_EQ(rep->pages, 2);
  EXPECT_FALSE(db->GetArticle("o1").value().has_value());
  EXPECT_TRUE(db->GetArticle("m1").value().has_value());  // kept whole
  EXPECT_TRUE(db->GetArticle("f1").value().has_value());
  EXPECT_EQ(db->ArticleCount().value(), 3);
  EXPECT_EQ(db->PageJson("old").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(db->PageJson("mixed").value(), "{\"v\":1}");
  EXPECT_FALSE(db->Redirect("gone-into-old").value().has_value());
  for (const SearchHit& h : db->Search("o1", 10).value()) EXPECT_NE(h.id, "o1");
  for (const StoryRow& r : db->ListStories().value()) EXPECT_NE(r.id, "old");
  // Nothing more to prune.
  ASSERT_TRUE(db->Begin().ok());
  EXPECT_EQ(db->PruneStories(1000).value().stories, 0);
  ASSERT_TRUE(db->Commit().ok());
}

TEST_P(StoreContractTest, PagesAreVersionedOnlyWhenChanged) {
  auto st = Open();
  ASSERT_TRUE(st.ok());
  Store* db = st->get();
  ASSERT_TRUE(db->Begin().ok());
  ASSERT_TRUE(db->PutArticle(Row("a", 100, "s1")).ok());
  StoryRow row{"s1", "Head", 1, 1, 100, 100, 0, true, "", ""};
  ASSERT_TRUE(db->PutPage(row, "{\"v\":1}", 5).ok());
  ASSERT_TRUE(db->PutPage(row, "{\"v\":1}", 6).ok());
  ASSERT_TRUE(db->PutPage(row, "{\"v\":2}", 7).ok());
  ASSERT_TRUE(db->Commit().ok());
  auto rows = db->ListStories().value();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].version, 2);
  EXPECT_TRUE(rows[0].published);
  EXPECT_EQ(db->PageJson("s1").value(), "{\"v\":2}");
  EXPECT_TRUE(db->DirtyStories().value().empty());
  EXPECT_EQ(db->PageJson("nope").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, RollbackLosesNothingCommitted) {
  auto st = Open();
  Store* db = st->get();
  ASSERT_TRUE(db->Begin().ok());
  ASSERT_TRUE(db->PutArticle(Row("a", 1, "s")).ok());
  ASSERT_TRUE(db->Commit().ok());
  ASSERT_TRUE(db->Begin().ok());
  ASSERT_TRUE(db->PutArticle(Row("b", 2, "s")).ok());
  ASSERT_TRUE(db->Rollback().ok());
  EXPECT_EQ(db->ArticleCount().value(), 1);
}

// Processes that open one fresh store at once (serve and ingest started
// together) all find the schema current: the version is read and the
// migrations applied under one lock. Connections on threads stand in for
// the processes; each round is a fresh store.
TEST_P(StoreContractTest, ConcurrentOpensOfAFreshStoreMigrateOnce) {
  for (int round = 0; round < 5; ++round) {
    testing::TestStore fresh(GetParam());
    ASSERT_TRUE(fresh.skip_reason().empty()) << fresh.skip_reason();
    std::vector<std::thread> threads;
    std::atomic<int> failed{0};
    std::string first_error;
    std::mutex mu;
    for (int i = 0; i < 6; ++i) {
      threads.emplace_back([&] {
        auto st = fresh.Open();
        if (!st.ok()) {
          std::lock_guard<std::mutex> l(mu);
          if (failed++ == 0) first_error = st.status().ToString();
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(failed.load(), 0) << first_error;
    auto db = fresh.Open();
    ASSERT_TRUE(db.ok());
    EXPECT_EQ((*db)->SchemaVersion().value(), kSchemaVersion);
  }
}

// One writer per store: a second writer waits, then is refused with the
// holder named; readers are not blocked; the lock goes with its store.
TEST_P(StoreContractTest, OneWriterAtATime) {
  auto first = Open();
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE((*first)->LockWriter(0).ok());
  ASSERT_TRUE((*first)->LockWriter(0).ok());  // held already: no-op
  auto second = Open();
  ASSERT_TRUE(second.ok());
  std::string told;
  Status st =
      (*second)->LockWriter(300, [&](const std::string& who) { told = who; });
  EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(st.message().find(std::to_string(::getpid())), std::string::npos)
      << st.ToString();
  EXPECT_NE(told.find(std::to_string(::getpid())), std::string::npos);
  // A reader is not blocked while the writer holds the lock.
  auto reader = Open(/*read_only=*/true);
  ASSERT_TRUE(reader.ok());
  EXPECT_TRUE((*reader)->ArticleCount().ok());
  EXPECT_FALSE((*reader)->LockWriter(0).ok());
  // The first writer goes: the lock is free (PostgreSQL frees it when the
  // server process of the closed session has ended, a moment later).
  first->reset();
  EXPECT_TRUE((*second)->LockWriter(5000).ok());
}

TEST_P(StoreContractTest, SearchFindsStoriesAndArticlesAndFollowsReplacement) {
  auto st = Open();
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  Store* db = st->get();
  int64_t g0 = db->Generation().value();
  StoredArticle a = Row("a", 100, "s1");
  a.article.title = "Harbour bridge closes";
  a.article.text = "The Kestrel harbour bridge closed on Monday after cracks.";
  a.article.outlet = "Harbour Post";
  ASSERT_TRUE(db->Begin().ok());
  ASSERT_TRUE(db->PutArticle(a).ok());
  StoryRow row{"s1",
               "Bridge closed",
               1,
               1,
               100,
               100,
               0,
               true,
               "The bridge closed.",
               "Bridge closed\nEngineers found cracks."};
  ASSERT_TRUE(db->PutPage(row, "{}", 5).ok());
  ASSERT_TRUE(db->Commit().ok());
  EXPECT_GT(db->Generation().value(), g0);

  auto hits = db->Search("kestrel BRIDGE", 10).value();
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].kind, "article");
  EXPECT_EQ(hits[0].id, "a");
  EXPECT_NE(hits[0].snippet.find("Kestrel"), std::string::npos);
  hits = db->Search("engineers", 10).value();
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].kind, "story");
  EXPECT_EQ(hits[0].title, "Bridge closed");
  // Prefix match on the last word; FTS syntax in user text is inert.
  EXPECT_EQ(db->Search("kestr", 10).value().size(), 1u);
  EXPECT_TRUE(db->Search("\"kestrel OR NEAR(x* ^", 10).ok());
  EXPECT_TRUE(db->Search("", 10).value().empty());
  EXPECT_TRUE(db->Search("\")(*:", 10).value().empty());

  // Replacing the article re-indexes it: the old words stop matching.
  a.article.text = "Ferries replace the closed crossing.";
  a.article.content_hash = "h2";
  ASSERT_TRUE(db->Begin().ok());
  ASSERT_TRUE(db->PutArticle(a).ok());
  ASSERT_TRUE(db->Commit().ok());
  EXPECT_TRUE(db->Search("kestrel", 10).value().empty());
  EXPECT_EQ(db->Search("ferries", 10).value().size(), 1u);
  EXPECT_EQ(db->ArticleCount().value(), 1);

  // The index is written at commit: two versions of one article in one
  // transaction leave only the last one's words; a rolled-back write
  // leaves none; a write outside a transaction is indexed at once.
  ASSERT_TRUE(db->Begin().ok());
  a.article.text = "Divers inspect the pillars.";
  a.article.content_hash = "h3";
  ASSERT_TRUE(db->PutArticle(a).ok());
  a.article.text = "Welders repair the pillars.";
  a.article.content_hash = "h4";
  ASSERT_TRUE(db->PutArticle(a).ok());
  ASSERT_TRUE(db->Commit().ok());
  EXPECT_TRUE(db->Search("divers", 10).value().empty());
  EXPECT_TRUE(db->Search("ferries", 10).value().empty());
  EXPECT_EQ(db->Search("welders", 10).value().size(), 1u);
  ASSERT_TRUE(db->Begin().ok());
  StoredArticle b = Row("b", 200, "s2");
  b.article.text = "Lighthouse keepers strike.";
  ASSERT_TRUE(db->PutArticle(b).ok());
  row.id = "s2";
  row.summary = "Keepers walked out.";
  ASSERT_TRUE(db->PutPage(row, "{\"v\":2}", 6).ok());
  ASSERT_TRUE(db->Rollback().ok());
  EXPECT_TRUE(db->Search("lighthouse", 10).value().empty());
  EXPECT_TRUE(db->Search("walked", 10).value().empty());
  ASSERT_TRUE(db->PutArticle(b).ok());
  EXPECT_EQ(db->Search("lighthouse", 10).value().size(), 1u);
  // A story merged away leaves the index with its pending text.
  ASSERT_TRUE(db->Begin().ok());
  ASSERT_TRUE(db->PutPage(row, "{\"v\":3}", 7).ok());
  ASSERT_TRUE(db->MergeStory("s2", "s1").ok());
  ASSERT_TRUE(db->Commit().ok());
  EXPECT_TRUE(db->Search("walked", 10).value().empty());
  EXPECT_EQ(db->Search("engineers", 10).value().size(), 1u);
}

TEST_P(StoreContractTest, HistoryActivityOutletsAndRedirects) {
  auto st = Open();
  ASSERT_TRUE(st.ok());
  Store* db = st->get();
  ASSERT_TRUE(db->Begin().ok());
  StoredArticle a = Row("a", 86400 * 3 + 5, "s1");
  a.article.outlet = "Post";
  a.article.language = "en";
  StoredArticle b = Row("b", 86400 * 4 + 5, "s1");
  b.article.outlet = "Post";
  b.article.language = "en";
  ASSERT_TRUE(db->PutArticle(a).ok());
  ASSERT_TRUE(db->PutArticle(b).ok());
  StoryRow row{"s1", "H", 2, 1, 0, 0, 0, true, "", ""};
  ASSERT_TRUE(db->PutPage(row, "{\"v\":1}", 10).ok());
  ASSERT_TRUE(db->PutPage(row, "{\"v\":2}", 20).ok());
  ASSERT_TRUE(db->PutRedirect("old", "s0").ok());
  ASSERT_TRUE(db->PutRedirect("s0", "s1").ok());
  ASSERT_TRUE(db->Commit().ok());

  auto hist = db->PageHistory("s1").value();
  ASSERT_EQ(hist.size(), 2u);
  EXPECT_EQ(hist[0].version, 2);
  EXPECT_EQ(hist[1].composed_at, 10);
  EXPECT_EQ(db->PageJsonAt("s1", 1).value(), "{\"v\":1}");
  EXPECT_EQ(db->PageJsonAt("s1", 9).status().code(), StatusCode::kNotFound);

  auto act = db->Activity().value();
  ASSERT_EQ(act.size(), 1u);
  ASSERT_EQ(act[0].cells.size(), 2u);
  EXPECT_EQ(act[0].cells[0].day, 3);
  EXPECT_EQ(act[0].cells[1].day, 4);
  EXPECT_EQ(act[0].cells[1].outlet, "Post");

  auto arts = db->OutletArticles("Post", 10).value();
  ASSERT_EQ(arts.size(), 2u);
  EXPECT_EQ(arts[0].id, "b");  // newest first
  EXPECT_TRUE(db->OutletArticles("Nobody", 10).value().empty());

  // Chains collapse: both old ids lead to the survivor.
  EXPECT_EQ(db->Redirect("old").value().value(), "s1");
  EXPECT_EQ(db->Redirect("s0").value().value(), "s1");
  EXPECT_FALSE(db->Redirect("s1").value().has_value());
}

TEST_P(StoreContractTest, MergeEventMovesArticlesAndDirtiesTheirStory) {
  auto st = Open();
  ASSERT_TRUE(st.ok());
  Store* db = st->get();
  ASSERT_TRUE(db->Begin().ok());
  StoredArticle a = Row("a", 100, "s1"), b = Row("b", 200, "s1"),
                c = Row("c", 300, "s2");
  a.event_id = "e1";
  b.event_id = "e2";
  c.event_id = "e3";
  for (const auto& r : {a, b, c}) ASSERT_TRUE(db->PutArticle(r).ok());
  StoryRow row{"s1", "H", 2, 1, 0, 0, 0, true, "", ""};
  ASSERT_TRUE(db->PutPage(row, "{}", 10).ok());  // composed: clean
  ASSERT_TRUE(db->Commit().ok());
  auto dirty = db->DirtyStories().value();
  ASSERT_TRUE(std::find(dirty.begin(), dirty.end(), "s1") == dirty.end());

  ASSERT_TRUE(db->Begin().ok());
  ASSERT_TRUE(db->MergeEvent("e2", "e1").ok());
  ASSERT_TRUE(db->Commit().ok());
  EXPECT_EQ(db->GetArticle("b").value()->event_id, "e1");
  EXPECT_EQ(db->GetArticle("a").value()->event_id, "e1");
  EXPECT_EQ(db->GetArticle("c").value()->event_id, "e3");  // untouched
  dirty = db->DirtyStories().value();
  EXPECT_TRUE(std::find(dirty.begin(), dirty.end(), "s1") != dirty.end());
  // An unknown event moves nothing and fails nothing.
  ASSERT_TRUE(db->Begin().ok());
  EXPECT_TRUE(db->MergeEvent("nope", "e1").ok());
  ASSERT_TRUE(db->Commit().ok());
  EXPECT_EQ(db->ArticleCount().value(), 3);
}

// Composition by any process (pipeline/composer.h): claims are disjoint
// and leased, and a page composed before a later change leaves the story
// dirty for the next claim.
TEST_P(StoreContractTest, DirtyClaimsAreDisjointAndKeepLaterChanges) {
  auto st = Open();
  ASSERT_TRUE(st.ok());
  Store* db = st->get();
  ASSERT_TRUE(db->Begin().ok());
  for (const char* s : {"s1", "s2", "s3"})
    ASSERT_TRUE(db->PutArticle(Row(std::string("a") + s, 100, s)).ok());
  ASSERT_TRUE(db->PutOutletHosts({"b.example", "a.example"}).ok());
  ASSERT_TRUE(db->PutOutletHosts({"a.example"}).ok());  // once
  ASSERT_TRUE(db->Commit().ok());
  EXPECT_EQ(db->OutletHosts().value(),
            (std::vector<std::string>{"a.example", "b.example"}));
  auto first = db->ClaimDirtyStories("one", 2, 1000, 300).value();
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].story_id, "s1");
  EXPECT_EQ(first[1].story_id, "s2");
  auto second = db->ClaimDirtyStories("two", 5, 1000, 300).value();
  ASSERT_EQ(second.size(), 1u);  // s1 and s2 are held
  EXPECT_EQ(second[0].story_id, "s3");
  EXPECT_TRUE(db->ClaimDirtyStories("three", 5, 1200, 300).value().empty());
  // s1 changes while "one" composes it: its page must not clear that.
  ASSERT_TRUE(db->Begin().ok());
  ASSERT_TRUE(db->PutArticle(Row("a1b", 200, "s1")).ok());
  StoryRow s1{"s1", "H1", 1, 1, 100, 100, 0, false, "", ""};
  s1.dirty_mark = first[0].dirty_mark;
  ASSERT_TRUE(db->PutPage(s1, "{}", 1100).ok());
  StoryRow s2{"s2", "H2", 1, 1, 100, 100, 0, false, "", ""};
  s2.dirty_mark = first[1].dirty_mark;
  ASSERT_TRUE(db->PutPage(s2, "{}", 1100).ok());
  ASSERT_TRUE(db->Commit().ok());
  auto dirty = db->DirtyStories().value();
  EXPECT_EQ(dirty, (std::vector<std::string>{"s1", "s3"}));
  // s1's claim ended with its page: it is free again, with a newer mark.
  auto again = db->ClaimDirtyStories("three", 5, 1200, 300).value();
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].story_id, "s1");
  EXPECT_NE(again[0].dirty_mark, first[0].dirty_mark);
  // "two" died holding s3: its lease runs out.
  auto later = db->ClaimDirtyStories("four", 5, 1000 + 301, 300).value();
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].story_id, "s3");
  // A page without a mark (the assigner's own) clears regardless.
  ASSERT_TRUE(db->Begin().ok());
  s1.dirty_mark = 0;
  ASSERT_TRUE(db->PutPage(s1, "{}", 1300).ok());
  ASSERT_TRUE(db->Commit().ok());
  dirty = db->DirtyStories().value();
  EXPECT_EQ(dirty, (std::vector<std::string>{"s3"}));
}

TEST_P(StoreContractTest, RefusesANewerSchema) {
  { ASSERT_TRUE(Open().ok()); }
  ASSERT_TRUE(
      store_->Exec("UPDATE meta SET value='999' WHERE key='schema_version'"));
  for (bool read_only : {false, true}) {
    auto st = Open(read_only);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.status().code(), StatusCode::kFailedPrecondition)
        << st.status().ToString();
    EXPECT_NE(st.status().message().find("newer"), std::string::npos);
  }
}

TEST_P(StoreContractTest, CrawlStateKeepsFeedsAndQueuesEachArticleOnce) {
  auto st = Open();
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  Store* db = st->get();
  FeedState f{
      "https://feeds.example/a.xml", "\"e1\"", "Mon", "200", 50, 600, 1, 2};
  ASSERT_TRUE(db->PutFeed(f).ok());
  f.etag = "\"e2\"";
  f.polls = 2;
  ASSERT_TRUE(db->PutFeed(f).ok());  // replaces
  auto feeds = db->Feeds().value();
  ASSERT_EQ(feeds.size(), 1u);
  EXPECT_EQ(feeds[0].etag, "\"e2\"");
  EXPECT_EQ(feeds[0].polls, 2);
  EXPECT_EQ(feeds[0].interval_s, 600);

  bool added = false;
  CrawlItem a{"g1", "https://x.example/1", f.url, "queued", "", 20, 0};
  CrawlItem b{"g2", "https://x.example/2", f.url, "queued", "", 10, 0};
  ASSERT_TRUE(db->QueueItem(a, &added).ok());
  EXPECT_TRUE(added);
  ASSERT_TRUE(db->QueueItem(b, &added).ok());
  EXPECT_TRUE(added);
  ASSERT_TRUE(db->QueueItem(a, &added).ok());  // same key
  EXPECT_FALSE(added);
  CrawlItem again{"g3", a.url, f.url, "queued", "", 30, 0};  // same URL
  ASSERT_TRUE(db->QueueItem(again, &added).ok());
  EXPECT_FALSE(added);
  auto queued = db->QueuedItems(10).value();
  ASSERT_EQ(queued.size(), 2u);
  EXPECT_EQ(queued[0].key, "g2");  // oldest discovery first
  ASSERT_TRUE(db->FinishItem("g2", "done", 1, "stored").ok());
  queued = db->QueuedItems(10).value();
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].key, "g1");
  auto counts = db->CrawlCounts().value();
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[0], (std::pair<std::string, int64_t>{"done", 1}));
  EXPECT_EQ(counts[1], (std::pair<std::string, int64_t>{"queued", 1}));
}

// Words in any script are found as written, the last one as a prefix.
TEST_P(StoreContractTest, SearchFindsWordsOfAnyScript) {
  auto st = Open();
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  Store* db = st->get();
  StoredArticle a = Row("ru", 100, "s1");
  a.article.language = "ru";
  a.article.title = "Паводок в Тюмени";
  a.article.text = "Власти Тюмени объявили эвакуацию прибрежных районов.";
  StoredArticle b = Row("el", 100, "s2");
  b.article.language = "el";
  b.article.title = "Σεισμός στην Κρήτη";
  b.article.text = "Ισχυρός σεισμός έπληξε την Κρήτη το πρωί.";
  ASSERT_TRUE(db->PutArticle(a).ok());
  ASSERT_TRUE(db->PutArticle(b).ok());
  auto hits = db->Search("эвакуацию", 10).value();
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].id, "ru");
  hits = db->Search("Κρήτη", 10).value();
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].id, "el");
  EXPECT_EQ(db->Search("эваку", 10).value().size(), 1u);
  EXPECT_TRUE(db->Search("эвакуация Κρήτη", 10).value().empty());
  // Invalid UTF-8 in a query is no error.
  EXPECT_TRUE(db->Search("\xD0 \xFF\xFE", 10).ok());
}

// The work queue hands whole articles from workers to the assigner, byte
// for byte, oldest publication first; a removal rolled back leaves them.
TEST_P(StoreContractTest, WorkQueueKeepsArticlesWholeAndInTimeOrder) {
  auto st = Open();
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  Store* db = st->get();
  Article late = Row("late", 300, "s").article;
  Article early = Row("early", 100, "s").article;
  early.text = "Caf\xC3\xA9 owners \xE2\x80\x9Cwelcome\xE2\x80\x9D it.";
  early.published_guessed = true;
  early.language = "fr";
  ASSERT_TRUE(db->Begin().ok());
  ASSERT_TRUE(db->EnqueueArticles({late, early}, 1000).ok());
  ASSERT_TRUE(db->Commit().ok());
  EXPECT_EQ(db->QueueLength().value(), 2);
  auto q = db->QueuedArticles(10).value();
  ASSERT_EQ(q.size(), 2u);
  const Article& got = q[0].article;
  EXPECT_EQ(got.id, "early");
  EXPECT_EQ(got.text, early.text);
  EXPECT_EQ(got.published, 100);
  EXPECT_TRUE(got.published_guessed);
  EXPECT_EQ(got.language, "fr");
  EXPECT_EQ(got.kind, ArticleKind::kOpinion);
  ASSERT_EQ(got.blocks.size(), 2u);
  EXPECT_EQ(got.blocks[1].source.end, 80u);
  EXPECT_EQ(got.links[0].anchor, "a doc");
  EXPECT_EQ(got.content_hash, "hearly");
  EXPECT_EQ(q[1].article.id, "late");
  ASSERT_EQ(db->QueuedArticles(1).value().size(), 1u);

  ASSERT_TRUE(db->Begin().ok());
  ASSERT_TRUE(db->DeleteQueued({q[0].seq}).ok());
  ASSERT_TRUE(db->Rollback().ok());
  EXPECT_EQ(db->QueueLength().value(), 2);
  ASSERT_TRUE(db->Begin().ok());
  ASSERT_TRUE(db->DeleteQueued({q[0].seq, q[1].seq}).ok());
  ASSERT_TRUE(db->Commit().ok());
  EXPECT_EQ(db->QueueLength().value(), 0);

  Article bad = Row("bad", 1, "s").article;
  bad.title = std::string("nul\0byte", 8);
  Status refused = db->EnqueueArticles({bad}, 1);
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(refused.message().find("bad"), std::string::npos);
  EXPECT_EQ(db->QueueLength().value(), 0);
}

// Fetchers sharing one store never get the same item; an item whose
// lease ran out is claimable again; a settled one never.
TEST_P(StoreContractTest, ClaimsGiveEachItemToOneFetcher) {
  auto a = Open();
  auto b = Open();
  ASSERT_TRUE(a.ok() && b.ok());
  bool added = false;
  for (int i = 0; i < 10; ++i) {
    std::string k = "k" + std::to_string(i);
    ASSERT_TRUE((*a)->QueueItem({k, "https://x.example/" + k, "f", "queued", "",
                                 100 + i, 0},
                                &added)
                    .ok());
  }
  auto first = (*a)->ClaimItems(4, 1000, 600).value();
  auto second = (*b)->ClaimItems(4, 1000, 600).value();
  ASSERT_EQ(first.size(), 4u);
  ASSERT_EQ(second.size(), 4u);
  EXPECT_EQ(first[0].key, "k0");  // oldest first
  std::set<std::string> keys;
  for (const auto* v : {&first, &second})
    for (const CrawlItem& it : *v) keys.insert(it.key);
  EXPECT_EQ(keys.size(), 8u);
  EXPECT_TRUE((*a)->QueuedItems(10).value().size() == 2u);
  // Settled items leave; a lapsed lease frees the rest.
  for (const CrawlItem& it : first)
    ASSERT_TRUE((*a)->FinishItem(it.key, "done", 1, "stored").ok());
  auto third = (*b)->ClaimItems(10, 1000, 600).value();
  EXPECT_EQ(third.size(), 2u);  // only the never-claimed ones
  auto later = (*a)->ClaimItems(10, 1000 + 601, 600).value();
  EXPECT_EQ(later.size(), 6u);  // second's and third's leases ran out
  for (const CrawlItem& settled : first)
    for (const CrawlItem& it : later) EXPECT_NE(it.key, settled.key);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContractTest,
                         ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgresql, StoreContractTest,
                         ::testing::Values("postgresql"));

// --- PostgreSQL only -------------------------------------------------------

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<testing::TestStore>("postgresql");
    if (!store_->skip_reason().empty()) GTEST_SKIP() << store_->skip_reason();
  }
  std::unique_ptr<testing::TestStore> store_;
};

// Each article is indexed under its language's configuration: another form
// of a Russian or English word finds it.
TEST_F(PostgresStoreTest, SearchIsLanguageAware) {
  auto st = store_->Open();
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  Store* db = st->get();
  StoredArticle a = Row("ru", 100, "s1");
  a.article.language = "ru";
  a.article.text = "Власти объявили эвакуацию прибрежных районов.";
  StoredArticle b = Row("en", 100, "s2");
  b.article.language = "en";
  b.article.text = "Engineers were inspecting the bridges all night.";
  ASSERT_TRUE(db->PutArticle(a).ok());
  ASSERT_TRUE(db->PutArticle(b).ok());
  auto hits = db->Search("эвакуация", 10).value();  // nominative form
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].id, "ru");
  hits = db->Search("inspected bridge", 10).value();
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].id, "en");
  // A stop word alone matches nothing and is no error.
  EXPECT_TRUE(db->Search("the", 10).ok());
}

TEST_F(PostgresStoreTest, PasswordsNeverAppearInErrors) {
  std::string why;
  std::string base = testing::TestStore::ServerUrl(&why);
  ASSERT_FALSE(base.empty()) << why;
  // A server that is not there, with a password in the URL.
  std::string url =
      "postgresql://reader:S3cretPass@127.0.0.1:1/news?connect_timeout=2";
  OpenOptions o;
  auto st = Open(url, o);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.status().message().find("S3cretPass"), std::string::npos)
      << st.status().ToString();
  EXPECT_NE(st.status().message().find("***"), std::string::npos)
      << st.status().ToString();
  EXPECT_EQ(RedactTarget("postgresql://u:pw@h/db?password=pw2&x=1"),
            "postgresql://u:***@h/db?password=***&x=1");
  EXPECT_EQ(RedactTarget("/var/lib/storyline.db"), "/var/lib/storyline.db");
  EXPECT_TRUE(IsPostgresTarget("postgres://h/db"));
  EXPECT_FALSE(IsPostgresTarget("postgresql.db"));
}

// PostgreSQL text cannot hold NUL: the article is refused by name, and
// nothing of it is stored; a failed statement fails the whole transaction.
TEST_F(PostgresStoreTest, RefusesWhatItCannotStoreAndKeepsTheRest) {
  auto st = store_->Open();
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  Store* db = st->get();
  StoredArticle bad = Row("bad", 1, "s");
  bad.article.text = std::string("before\0after", 12);
  ASSERT_TRUE(db->Begin().ok());
  ASSERT_TRUE(db->PutArticle(Row("good", 1, "s")).ok());
  Status refused = db->PutArticle(bad);
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(refused.message().find("bad"), std::string::npos);
  ASSERT_TRUE(db->Commit().ok());
  EXPECT_EQ(db->ArticleCount().value(), 1);
  // A statement the server rejects poisons the transaction: Commit says
  // so and nothing of it lands.
  ASSERT_TRUE(db->Begin().ok());
  ASSERT_TRUE(db->PutArticle(Row("later", 2, "s")).ok());
  ASSERT_TRUE(
      store_->Exec("ALTER TABLE pages ADD CONSTRAINT short CHECK "
                   "(length(json) < 5)"));
  StoryRow row{"s", "H", 1, 1, 0, 0, 0, true, "", ""};
  EXPECT_FALSE(db->PutPage(row, "{\"long\":true}", 1).ok());
  EXPECT_FALSE(db->Commit().ok());
  EXPECT_EQ(db->ArticleCount().value(), 1);
}

// A fetcher whose session ends (its process died) leaves its claims to the
// others at once, long before the lease runs out.
TEST_F(PostgresStoreTest, ClaimsOfAGoneSessionAreFree) {
  auto a = store_->Open();
  auto b = store_->Open();
  ASSERT_TRUE(a.ok() && b.ok());
  bool added = false;
  ASSERT_TRUE(
      (*a)->QueueItem({"k", "https://x.example/k", "f", "queued", "", 1, 0},
                      &added)
          .ok());
  ASSERT_EQ((*a)->ClaimItems(5, 1000, 3600).value().size(), 1u);
  EXPECT_TRUE((*b)->ClaimItems(5, 1000, 3600).value().empty());
  a->reset();
  size_t got = 0;
  for (int i = 0; i < 50 && got == 0; ++i) {
    got = (*b)->ClaimItems(5, 1000, 3600).value().size();
    if (got == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(got, 1u);
}

// The server goes away between calls: the store reconnects on its own.
TEST_F(PostgresStoreTest, ReconnectsAfterTheSessionIsKilled) {
  auto st = store_->Open();
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  Store* db = st->get();
  ASSERT_TRUE(db->PutArticle(Row("a", 1, "s")).ok());
  ASSERT_TRUE(store_->Exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
      "datname = current_database() AND pid <> pg_backend_pid()"));
  auto n = db->ArticleCount();
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 1);
  // Inside a transaction the loss is an error, and nothing half-written.
  ASSERT_TRUE(db->Begin().ok());
  ASSERT_TRUE(db->PutArticle(Row("b", 2, "s")).ok());
  ASSERT_TRUE(store_->Exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
      "datname = current_database() AND pid <> pg_backend_pid()"));
  EXPECT_FALSE(db->Commit().ok());
  EXPECT_EQ(db->ArticleCount().value(), 1);
}

}  // namespace
}  // namespace storyline::store
