#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "store/internal/schema.h"
#include "store/internal/search.h"
#include "store/internal/stmt.h"
#include "store/store.h"
#include "testing/temp_dir.h"

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

TEST(SqliteStoreTest, ArticlesRoundTripAndPersist) {
  testing::TempDir dir("store");
  std::string path = dir.Path("t.db");
  {
    auto st = OpenSqlite(path, {});
    ASSERT_TRUE(st.ok()) << st.status().ToString();
    Store* db = st->get();
    EXPECT_EQ(db->SchemaVersion().value(), kSchemaVersion);
    ASSERT_TRUE(db->Begin().ok());
    ASSERT_TRUE(db->PutArticle(Row("b", 200, "s1")).ok());
    ASSERT_TRUE(db->PutArticle(Row("a", 100, "s1")).ok());
    ASSERT_TRUE(db->PutArticle(Row("c", 150, "s2")).ok());
    ASSERT_TRUE(db->Commit().ok());
  }
  auto st = OpenSqlite(path, {});
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
  std::vector<StoredArticle> s1;
  ASSERT_TRUE(db->StoryArticles("s1", &s1).ok());
  EXPECT_EQ(s1.size(), 2u);
  EXPECT_EQ(db->DirtyStories().value(), (std::vector<std::string>{"s1", "s2"}));
}

TEST(SqliteStoreTest, PagesAreVersionedOnlyWhenChanged) {
  testing::TempDir dir("pages");
  auto st = OpenSqlite(dir.Path("p.db"), {});
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

TEST(SqliteStoreTest, RollbackLosesNothingCommitted) {
  testing::TempDir dir("rollback");
  auto st = OpenSqlite(dir.Path("r.db"), {});
  Store* db = st->get();
  ASSERT_TRUE(db->Begin().ok());
  ASSERT_TRUE(db->PutArticle(Row("a", 1, "s")).ok());
  ASSERT_TRUE(db->Commit().ok());
  ASSERT_TRUE(db->Begin().ok());
  ASSERT_TRUE(db->PutArticle(Row("b", 2, "s")).ok());
  ASSERT_TRUE(db->Rollback().ok());
  EXPECT_EQ(db->ArticleCount().value(), 1);
}

TEST(SqliteStoreTest, RefusesNewerSchemaAndBadFiles) {
  testing::TempDir dir("schema");
  std::string path = dir.Path("n.db");
  { ASSERT_TRUE(OpenSqlite(path, {}).ok()); }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(
                raw, "UPDATE meta SET value='999' WHERE key='schema_version'",
                nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  auto st = OpenSqlite(path, {});
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(st.status().message().find("newer"), std::string::npos);
  EXPECT_FALSE(OpenSqlite(dir.Path("missing/dir/x.db"), {}).ok());
  std::string junk = dir.Path("junk.db");
  {
    FILE* f = fopen(junk.c_str(), "w");
    fputs("this is not a database file at all", f);
    fclose(f);
  }
  EXPECT_FALSE(OpenSqlite(junk, {}).ok());
}

// Processes that open one fresh file at once (serve and ingest started
// together) all find the schema current: the version is read and the
// migrations applied under one write lock. Connections on threads stand in
// for the processes; each round is a fresh file.
TEST(SqliteStoreTest, ConcurrentOpensOfAFreshFileMigrateOnce) {
  testing::TempDir dir("race");
  for (int round = 0; round < 10; ++round) {
    std::string path = dir.Path("r" + std::to_string(round) + ".db");
    std::vector<std::thread> threads;
    std::atomic<int> failed{0};
    std::string first_error;
    std::mutex mu;
    for (int i = 0; i < 6; ++i) {
      threads.emplace_back([&] {
        auto st = OpenSqlite(path, {});
        if (!st.ok()) {
          std::lock_guard<std::mutex> l(mu);
          if (failed++ == 0) first_error = st.status().ToString();
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(failed.load(), 0) << first_error;
    auto db = OpenSqlite(path, {});
    ASSERT_TRUE(db.ok());
    EXPECT_EQ((*db)->SchemaVersion().value(),
              static_cast<int>(internal::kMigrationCount));
  }
}

// One writer per store: a second writer waits, then is refused with the
// holder named; readers are not blocked; the lock goes with its store.
TEST(SqliteStoreTest, OneWriterAtATime) {
  testing::TempDir dir("writer");
  std::string path = dir.Path("w.db");
  auto first = OpenSqlite(path, {});
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE((*first)->LockWriter(0).ok());
  ASSERT_TRUE((*first)->LockWriter(0).ok());  // held already: no-op
  auto second = OpenSqlite(path, {});
  ASSERT_TRUE(second.ok());
  std::string told;
  Status st =
      (*second)->LockWriter(300, [&](const std::string& who) { told = who; });
  EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(st.message().find(std::to_string(::getpid())), std::string::npos)
      << st.ToString();
  EXPECT_NE(told.find(std::to_string(::getpid())), std::string::npos);
  // A reader is not blocked while the writer holds the lock.
  SqliteOptions ro;
  ro.read_only = true;
  auto reader = OpenSqlite(path, ro);
  ASSERT_TRUE(reader.ok());
  EXPECT_TRUE((*reader)->ArticleCount().ok());
  EXPECT_FALSE((*reader)->LockWriter(0).ok());
  first->reset();  // the first writer goes: the lock is free
  EXPECT_TRUE((*second)->LockWriter(0).ok());
}

TEST(SqliteStoreTest, SearchFindsStoriesAndArticlesAndFollowsReplacement) {
  testing::TempDir dir("search");
  auto st = OpenSqlite(dir.Path("s.db"), {});
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

TEST(SqliteStoreTest, HistoryActivityOutletsAndRedirects) {
  testing::TempDir dir("hist");
  auto st = OpenSqlite(dir.Path("h.db"), {});
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

TEST(SqliteStoreTest, MergeEventMovesArticlesAndDirtiesTheirStory) {
  testing::TempDir dir("mergeev");
  auto st = OpenSqlite(dir.Path("m.db"), {});
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

TEST(SqliteStoreTest, MigratesSchemaOneAndIndexesExistingArticles) {
  testing::TempDir dir("migrate");
  std::string path = dir.Path("m.db");
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(raw, internal::kMigrations[0], nullptr, nullptr, nullptr),
      SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(raw,
                   "INSERT INTO meta VALUES('schema_version','1');"
                   "INSERT INTO articles VALUES('x','u','u','O','Old title',"
                   "'',1,0,'en','news','Quokka census results','[]','[]','',"
                   "'h','','e','s',0,1);",
                   nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(raw);
  auto st = OpenSqlite(path, {});
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_EQ((*st)->SchemaVersion().value(), kSchemaVersion);
  auto hits = (*st)->Search("quokka", 5).value();
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].id, "x");
}

TEST(SearchWordsTest, SplitsLowersAndBounds) {
  EXPECT_EQ(internal::QueryWords("  Tax-Reform  \"OR\" x* "),
            (std::vector<std::string>{"tax", "reform", "x"}));
  EXPECT_EQ(internal::QueryWords("Zürich"),
            (std::vector<std::string>{"z\xC3\xbcrich"}));
  EXPECT_EQ(internal::QueryWords(std::string(200, 'a') + " b")[0].size(), 64u);
  EXPECT_EQ(internal::MatchExpression({"a", "b"}), "\"a\" \"b\"*");
  std::string s = internal::Snippet(
      "one two three four five six seven eight nine ten eleven twelve "
      "thirteen fourteen fifteen sixteen",
      {"twelve"}, 6);
  EXPECT_NE(s.find("twelve"), std::string::npos);
  EXPECT_EQ(s.rfind("\xE2\x80\xA6 ", 0), 0u);  // starts with an ellipsis
}

// A cached statement is reset and reused; one still borrowed by an
// enclosing call is not handed out twice (the inner call gets its own).
TEST(StmtCacheTest, ReusesStatementsAndNeverSharesABorrowedOne) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  {
    internal::StmtCache cache(db);
    const char* sql = "SELECT ?1 * 2";
    {
      internal::Stmt outer(&cache, sql);
      ASSERT_TRUE(outer.ok());
      outer.Bind(1, int64_t{3});
      ASSERT_EQ(outer.Step(), SQLITE_ROW);
      internal::Stmt inner(&cache, sql);  // same SQL while outer is live
      ASSERT_TRUE(inner.ok());
      inner.Bind(1, int64_t{5});
      ASSERT_EQ(inner.Step(), SQLITE_ROW);
      EXPECT_EQ(inner.Int(0), 10);
      EXPECT_EQ(outer.Int(0), 6);  // untouched by the inner statement
    }
    internal::Stmt again(&cache, sql);  // reset, bindings cleared
    ASSERT_TRUE(again.ok());
    again.Bind(1, int64_t{7});
    ASSERT_EQ(again.Step(), SQLITE_ROW);
    EXPECT_EQ(again.Int(0), 14);
    internal::Stmt bad(&cache, "SELEC nonsense");
    EXPECT_FALSE(bad.ok());
  }  // cache finalizes its statements before the connection closes
  EXPECT_EQ(sqlite3_close(db), SQLITE_OK);
}

}  // namespace
}  // namespace storyline::store
