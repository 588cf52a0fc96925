#include <gtest/gtest.h>
#include <sqlite3.h>

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
  StoryRow row{"s1", "Head", 1, 1, 100, 100, 0, true};
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

}  // namespace
}  // namespace storyline::store
