#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/internal/schema.h"
#include "store/internal/search.h"
#include "store/internal/stmt.h"
#include "store/store.h"
#include "testing/temp_dir.h"

namespace storyline::store {
namespace {

// The SQLite-only half of the store tests; everything both engines
// promise is in store_contract_test.cc.

TEST(SqliteStoreTest, RefusesFilesThatAreNotDatabases) {
  testing::TempDir dir("schema");
  EXPECT_FALSE(OpenSqlite(dir.Path("missing/dir/x.db"), {}).ok());
  std::string junk = dir.Path("junk.db");
  {
    FILE* f = fopen(junk.c_str(), "w");
    fputs("this is not a database file at all", f);
    fclose(f);
  }
  EXPECT_FALSE(OpenSqlite(junk, {}).ok());
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

int StoryHits(Store* db, const std::string& q) {
  int n = 0;
  for (const SearchHit& h : db->Search(q, 10).value())
    n += h.kind == "story" && h.id == "s1";
  return n;
}

TEST(SqliteStoreTest, SchemaEightKeysStorySearchEntriesAndMigratesOldOnes) {
  testing::TempDir dir("migrate8");
  std::string path = dir.Path("m.db");
  auto publish = [](Store* db, const std::string& headline) {
    StoryRow row;
    row.id = "s1";
    row.headline = headline;
    row.summary = headline + " drew crowds\n";
    row.article_count = row.outlet_count = 2;
    row.published = true;
    return db->PutPage(row, "{}", 2000);
  };
  {
    auto db = OpenSqlite(path, {}).value();
    StoredArticle a;
    a.article.id = "a1";
    a.article.url = a.article.canonical_url = "https://x.example/a1";
    a.article.title = "Notes";
    a.article.text = "Notes.";
    a.article.content_hash = "h";
    a.event_id = a.story_id = "s1";
    ASSERT_TRUE(db->PutArticle(a).ok());
    ASSERT_TRUE(publish(db.get(), "Quokka festival").ok());
    EXPECT_EQ(StoryHits(db.get(), "quokka"), 1);
  }
  // A schema-7 file, its entry under a rowid of its own.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(raw,
                   "CREATE TEMP TABLE keep AS SELECT story_id, headline,"
                   " body FROM stories_fts;"
                   "DELETE FROM stories_fts;"
                   "INSERT INTO stories_fts(rowid, story_id, headline,"
                   " body) SELECT 7, * FROM keep;"
                   "ALTER TABLE stories DROP COLUMN dirty_mark;"
                   "ALTER TABLE stories DROP COLUMN claimed_by;"
                   "ALTER TABLE stories DROP COLUMN claimed_until;"
                   "DROP TABLE outlet_hosts;"
                   "UPDATE meta SET value='7' WHERE key='schema_version';",
                   nullptr, nullptr, nullptr),
      SQLITE_OK)
      << sqlite3_errmsg(raw);
  sqlite3_close(raw);
  auto db = OpenSqlite(path, {}).value();
  EXPECT_EQ(db->SchemaVersion().value(), kSchemaVersion);
  EXPECT_EQ(StoryHits(db.get(), "quokka"), 1);
  // A new version replaces the migrated entry (found by its key).
  ASSERT_TRUE(publish(db.get(), "Wombat parade").ok());
  EXPECT_EQ(StoryHits(db.get(), "quokka"), 0);
  EXPECT_EQ(StoryHits(db.get(), "wombat"), 1);
  // An unpublished version leaves no entry.
  StoryRow hidden;
  hidden.id = "s1";
  hidden.headline = "Wombat parade";
  ASSERT_TRUE(db->PutPage(hidden, "{}", 3000).ok());
  EXPECT_EQ(StoryHits(db.get(), "wombat"), 0);
}

StoredArticle BackupRow(int i) {
  StoredArticle r;
  r.article.id = "b" + std::to_string(i);
  r.article.url = "https://x.example/" + r.article.id;
  r.article.canonical_url = r.article.url;
  r.article.title = "Title " + r.article.id;
  r.article.text = "Text " + r.article.id;
  r.article.published = 1000 + i;
  r.article.content_hash = "h";
  r.event_id = r.story_id = "s";
  return r;
}

TEST(SqliteStoreTest, BackupIsOneConsistentCopyTakenWhileWriting) {
  testing::TempDir dir("backup");
  std::string path = dir.Path("live.db");
  auto db = OpenSqlite(path, {}).value();
  ASSERT_TRUE(db->Begin().ok());
  for (int i = 0; i < 500; ++i) ASSERT_TRUE(db->PutArticle(BackupRow(i)).ok());
  ASSERT_TRUE(db->Commit().ok());
  // A write transaction stays open (uncommitted) during the backup.
  ASSERT_TRUE(db->Begin().ok());
  ASSERT_TRUE(db->PutArticle(BackupRow(999)).ok());
  ASSERT_TRUE(Backup(path, dir.Path("copy.db")).ok());
  ASSERT_TRUE(db->Commit().ok());
  auto copy = OpenSqlite(dir.Path("copy.db"), {}).value();
  EXPECT_EQ(copy->ArticleCount().value(), 500);  // the committed state
  EXPECT_EQ(copy->SchemaVersion().value(), kSchemaVersion);
  EXPECT_TRUE(copy->GetArticle("b42").value().has_value());
  // Never overwrites; a missing source and PostgreSQL say what to do.
  Status again = Backup(path, dir.Path("copy.db"));
  EXPECT_EQ(again.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenSqlite(dir.Path("copy.db"), {}).value()->ArticleCount().value(),
            500);
  EXPECT_EQ(Backup(dir.Path("none.db"), dir.Path("x.db")).code(),
            StatusCode::kNotFound);
  Status pg = Backup("postgresql://u:secret@db.example/news", dir.Path("y.db"));
  EXPECT_EQ(pg.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(pg.message().find("pg_dump"), std::string::npos);
  EXPECT_EQ(pg.message().find("secret"), std::string::npos);
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
