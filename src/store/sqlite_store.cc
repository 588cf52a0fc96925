// SQLite implementation of Store. Statements are prepared once per
// connection (internal::StmtCache); schema changes are migrations
// applied in one transaction each, recorded in meta.schema_version.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <utility>

#include "store/internal/codec.h"
#include "store/internal/schema.h"
#include "store/internal/search.h"
#include "store/internal/stmt.h"
#include "store/store.h"

namespace storyline::store {
namespace {

using internal::kMigrationCount;
using internal::kMigrations;
using internal::Stmt;

const char* kArticleColumns =
    "id,url,canonical_url,outlet,title,byline,published,published_guessed,"
    "language,kind,"
    "text,blocks,links,source,content_hash,duplicate_of,event_id,story_id,"
    "ingested_at";

StoredArticle ReadArticle(Stmt& s) {
  StoredArticle r;
  Article& a = r.article;
  a.id = s.Text(0);
  a.url = s.Text(1);
  a.canonical_url = s.Text(2);
  a.outlet = s.Text(3);
  a.title = s.Text(4);
  a.byline = s.Text(5);
  a.published = s.Int(6);
  a.published_guessed = s.Int(7) != 0;
  a.language = s.Text(8);
  a.kind = ArticleKindFromName(s.Text(9));
  a.text = s.Text(10);
  a.blocks = internal::DecodeBlocks(s.Text(11));
  a.links = internal::DecodeLinks(s.Text(12));
  a.source = s.Text(13);
  a.content_hash = s.Text(14);
  a.duplicate_of = s.Text(15);
  r.event_id = s.Text(16);
  r.story_id = s.Text(17);
  r.ingested_at = s.Int(18);
  return r;
}

// A crawl_items row selected as key, url, feed, discovered, state,
// attempts, detail.
CrawlItem ReadCrawlItem(Stmt& s) {
  CrawlItem it;
  it.key = s.Text(0);
  it.url = s.Text(1);
  it.feed = s.Text(2);
  it.discovered = s.Int(3);
  it.state = s.Text(4);
  it.attempts = static_cast<int>(s.Int(5));
  it.detail = s.Text(6);
  return it;
}

class SqliteStore : public Store {
 public:
  SqliteStore(sqlite3* db, std::string path, bool read_only)
      : db_(db), stmts_(db), path_(std::move(path)), read_only_(read_only) {}
  ~SqliteStore() override {
    stmts_.Clear();  // statements first: close fails while any is open
    sqlite3_close(db_);
    if (writer_fd_ >= 0) ::close(writer_fd_);  // releases the writer lock
  }

  // The writer lock is flock(2) on "<db>-writer.lock", holding the
  // owner's pid: the kernel drops it when the process exits in any way.
  Status LockWriter(
      int64_t wait_ms,
      const std::function<void(const std::string&)>& waiting) override {
    if (writer_fd_ >= 0) return Status::Ok();
    if (read_only_)
      return Status::FailedPrecondition("a read-only store cannot write");
    std::string lock = path_ + "-writer.lock";
    int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
      return Status::IoError("cannot open " + lock + ": " +
                             std::strerror(errno));
    auto holder = [&] {
      char buf[32] = {0};
      ssize_t n = ::pread(fd, buf, sizeof(buf) - 1, 0);
      std::string pid = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
      while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' '))
        pid.pop_back();
      return pid.empty() ? std::string("another process") : "process " + pid;
    };
    bool told = false;
    for (int64_t waited = 0;; waited += 100) {
      if (::flock(fd, LOCK_EX | LOCK_NB) == 0) break;
      if (errno != EWOULDBLOCK && errno != EINTR) {
        int e = errno;
        ::close(fd);
        return Status::IoError("cannot lock " + lock + ": " + std::strerror(e));
      }
      if (waited >= wait_ms) {
        std::string who = holder();
        ::close(fd);
        return Status::FailedPrecondition(
            who + " is writing to " + path_ +
            " (only one ingest, crawl or run at a time); wait for it to "
            "finish or stop it");
      }
      if (!told && waiting) {
        waiting(holder());
        told = true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) !=
                                       static_cast<ssize_t>(pid.size())) {
      // The pid only names the holder in messages; the lock is what counts.
    }
    writer_fd_ = fd;
    return Status::Ok();
  }

  Status Exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string m = err ? err : "unknown error";
      sqlite3_free(err);
      return Status::IoError("sqlite: " + m);
    }
    return Status::Ok();
  }
  Status Error(const char* what) {
    return Status::IoError(std::string(what) + ": " + sqlite3_errmsg(db_));
  }

  Status Migrate(bool read_only) {
    if (read_only) return CheckVersion(true);
    // The version is read and every pending migration applied under one
    // write lock: a second process opening a fresh file at the same time
    // waits (busy timeout), then finds the schema current.
    Status begin = Exec("BEGIN IMMEDIATE");
    if (!begin.ok()) return begin.WithContext("locking for migration");
    Status st = Exec(
        "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, "
        "value TEXT NOT NULL);");
    if (st.ok()) st = CheckVersion(false);
    if (!st.ok()) {
      Exec("ROLLBACK");
      return st;
    }
    return Exec("COMMIT");
  }

  // Refuses a schema newer than this build; read-write, applies the
  // pending migrations inside the caller's transaction.
  Status CheckVersion(bool read_only) {
    Result<int> v = SchemaVersion();
    if (!v.ok()) return v.status();
    int version = v.value();
    int latest = static_cast<int>(kMigrationCount);
    if (version > latest) {
      return Status::FailedPrecondition(
          "database schema version " + std::to_string(version) +
          " is newer than this storyline supports (" + std::to_string(latest) +
          "); upgrade storyline");
    }
    if (read_only) {
      if (version < latest)
        return Status::FailedPrecondition(
            "database needs migration; open it read-write once");
      return Status::Ok();
    }
    for (int next = version + 1; next <= latest; ++next) {
      Status st = Exec(kMigrations[next - 1]);
      if (st.ok()) {
        std::string sql =
            "INSERT OR REPLACE INTO meta(key,value) VALUES('schema_version','" +
            std::to_string(next) + "')";
        st = Exec(sql.c_str());
      }
      if (!st.ok())
        return st.WithContext("migration to schema " + std::to_string(next));
    }
    return Status::Ok();
  }

  Status Begin() override { return Exec("BEGIN IMMEDIATE"); }
  Status Commit() override {
    Status st = FlushSearchIndex();
    if (st.ok())
      st = Exec(
          "UPDATE meta SET value = CAST(value AS INTEGER) + 1 "
          "WHERE key = 'generation'");
    if (!st.ok()) {
      Rollback();
      return st;
    }
    return Exec("COMMIT");
  }
  Status Rollback() override {
    unindexed_from_ = 0;
    pending_stories_.clear();
    return Exec("ROLLBACK");
  }

  // Search-index writes wait for the end of the transaction. Once an FTS5
  // table takes part in a transaction, every later statement that needs a
  // statement journal (any insert into a table with a unique index) makes
  // it flush its pending terms as a new segment; written last, the batch
  // becomes one segment.
  bool InTransaction() { return sqlite3_get_autocommit(db_) == 0; }
  Status FlushSearchIndex() {
    if (unindexed_from_ > 0) {
      Stmt s(&stmts_,
             "INSERT INTO articles_fts(rowid, title, text, outlet) "
             "SELECT seq, title, text, outlet FROM articles WHERE seq>=?");
      s.Bind(1, unindexed_from_);
      if (s.Step() != SQLITE_DONE) return Error("index articles");
      unindexed_from_ = 0;
    }
    for (const auto& [id, doc] : pending_stories_) {
      Stmt fd(&stmts_, "DELETE FROM stories_fts WHERE story_id=?");
      fd.Bind(1, id);
      if (fd.Step() != SQLITE_DONE) return Error("update story index");
      if (!doc) continue;
      Stmt fi(&stmts_,
              "INSERT INTO stories_fts(story_id, headline, body) "
              "VALUES(?,?,?)");
      fi.Bind(1, id).Bind(2, doc->first).Bind(3, doc->second);
      if (fi.Step() != SQLITE_DONE) return Error("update story index");
    }
    pending_stories_.clear();
    return Status::Ok();
  }

  Result<int> SchemaVersion() override {
    Stmt s(&stmts_, "SELECT value FROM meta WHERE key='schema_version'");
    if (!s.ok()) {
      // No meta table (read-only fresh file): version 0.
      return 0;
    }
    int rc = s.Step();
    if (rc == SQLITE_ROW) return std::stoi(s.Text(0));
    if (rc == SQLITE_DONE) return 0;
    return Error("reading schema version");
  }

  Result<std::optional<std::string>> ArticleHash(
      const std::string& id) override {
    Stmt s(&stmts_, "SELECT content_hash FROM articles WHERE id=?");
    if (!s.ok()) return Error("prepare");
    s.Bind(1, id);
    int rc = s.Step();
    if (rc == SQLITE_ROW) return std::optional<std::string>(s.Text(0));
    if (rc == SQLITE_DONE) return std::optional<std::string>();
    return Error("reading article");
  }

  Result<std::map<std::string, std::string>> ArticleHashes(
      const std::vector<std::string>& ids) override {
    std::map<std::string, std::string> out;
    Stmt s(&stmts_, "SELECT content_hash FROM articles WHERE id=?");
    for (const std::string& id : ids) {
      s.Bind(1, id);
      int rc = s.Step();
      if (rc == SQLITE_ROW)
        out[id] = s.Text(0);
      else if (rc != SQLITE_DONE)
        return Error("reading articles");
      s.Reset();
    }
    return out;
  }

  Status PutArticle(const StoredArticle& r) override {
    const Article& a = r.article;
    // A replaced row leaves the (contentless) search index first, unless it
    // was written in this transaction and is not indexed yet: FTS5 needs
    // the old values to remove them.
    Stmt unindex(&stmts_,
                 "INSERT INTO articles_fts(articles_fts, rowid, title, text, "
                 "outlet) SELECT 'delete', seq, title, text, outlet FROM "
                 "articles WHERE id=? AND seq<?");
    unindex.Bind(1, a.id).Bind(
        2, unindexed_from_ > 0 ? unindexed_from_ : INT64_MAX);
    if (unindex.Step() != SQLITE_DONE) return Error("replace article index");
    Stmt del(&stmts_, "DELETE FROM articles WHERE id=?");
    del.Bind(1, a.id);
    if (del.Step() != SQLITE_DONE) return Error("replace article");
    Stmt next(&stmts_, "SELECT COALESCE(MAX(seq),0)+1 FROM articles");
    if (next.Step() != SQLITE_ROW) return Error("next article number");
    const int64_t seq = next.Int(0);
    Stmt s(&stmts_,
           "INSERT INTO "
           "articles(id,url,canonical_url,outlet,title,byline,published,"
           "published_guessed,language,kind,text,blocks,links,source,content_"
           "hash,duplicate_of,"
           "event_id,story_id,ingested_at,seq) "
           "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!s.ok()) return Error("prepare insert");
    s.Bind(1, a.id)
        .Bind(2, a.url)
        .Bind(3, a.canonical_url)
        .Bind(4, a.outlet)
        .Bind(5, a.title);
    s.Bind(6, a.byline)
        .Bind(7, a.published)
        .Bind(8, int64_t{a.published_guessed ? 1 : 0});
    s.Bind(9, a.language)
        .Bind(10, std::string(ArticleKindName(a.kind)))
        .Bind(11, a.text);
    s.Bind(12, internal::EncodeBlocks(a.blocks))
        .Bind(13, internal::EncodeLinks(a.links));
    s.Bind(14, a.source).Bind(15, a.content_hash).Bind(16, a.duplicate_of);
    s.Bind(17, r.event_id).Bind(18, r.story_id).Bind(19, r.ingested_at);
    s.Bind(20, seq);
    if (s.Step() != SQLITE_DONE) return Error("insert article");
    if (unindexed_from_ == 0) unindexed_from_ = seq;
    if (!InTransaction()) SL_RETURN_IF_ERROR(FlushSearchIndex());
    Stmt d(&stmts_,
           "INSERT INTO stories(id,dirty) VALUES(?,1) ON CONFLICT(id) DO "
           "UPDATE SET dirty=1");
    d.Bind(1, r.story_id);
    if (d.Step() != SQLITE_DONE) return Error("mark story");
    return Status::Ok();
  }

  Result<std::optional<StoredArticle>> GetArticle(
      const std::string& id) override {
    std::string sql =
        std::string("SELECT ") + kArticleColumns + " FROM articles WHERE id=?";
    Stmt s(&stmts_, sql.c_str());
    if (!s.ok()) return Error("prepare");
    s.Bind(1, id);
    int rc = s.Step();
    if (rc == SQLITE_ROW) return std::optional<StoredArticle>(ReadArticle(s));
    if (rc == SQLITE_DONE) return std::optional<StoredArticle>();
    return Error("reading article");
  }

  Status Scan(const std::string& where, const std::string& arg,
              std::vector<StoredArticle>* out) {
    std::string sql = std::string("SELECT ") + kArticleColumns +
                      " FROM articles " + where + " ORDER BY published, seq";
    Stmt s(&stmts_, sql.c_str());
    if (!s.ok()) return Error("prepare scan");
    if (!arg.empty()) s.Bind(1, arg);
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out->push_back(ReadArticle(s));
    if (rc != SQLITE_DONE) return Error("scan articles");
    return Status::Ok();
  }

  Status ScanArticles(std::vector<StoredArticle>* out) override {
    return Scan("", "", out);
  }
  Status StoryArticles(const std::string& id,
                       std::vector<StoredArticle>* out) override {
    return Scan("WHERE story_id=?", id, out);
  }

  Result<int64_t> ArticleCount() override {
    Stmt s(&stmts_, "SELECT COUNT(*) FROM articles");
    if (!s.ok() || s.Step() != SQLITE_ROW) return Error("count");
    return s.Int(0);
  }

  Result<std::vector<std::string>> DirtyStories() override {
    Stmt s(&stmts_, "SELECT id FROM stories WHERE dirty=1 ORDER BY id");
    if (!s.ok()) return Error("prepare");
    std::vector<std::string> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(s.Text(0));
    if (rc != SQLITE_DONE) return Error("dirty stories");
    return out;
  }

  Status PutPage(const StoryRow& row, const std::string& json,
                 int64_t composed_at) override {
    Stmt last(&stmts_,
              "SELECT version, json FROM pages WHERE story_id=? ORDER BY "
              "version DESC LIMIT 1");
    last.Bind(1, row.id);
    int version = 0;
    bool same = false;
    int rc = last.Step();
    if (rc == SQLITE_ROW) {
      version = static_cast<int>(last.Int(0));
      same = last.Text(1) == json;
    } else if (rc != SQLITE_DONE) {
      return Error("reading page");
    }
    if (!same && !json.empty()) {
      ++version;
      Stmt ins(&stmts_,
               "INSERT INTO pages(story_id,version,composed_at,json) "
               "VALUES(?,?,?,?)");
      ins.Bind(1, row.id)
          .Bind(2, int64_t{version})
          .Bind(3, composed_at)
          .Bind(4, json);
      if (ins.Step() != SQLITE_DONE) return Error("insert page");
    }
    Stmt up(&stmts_,
            "UPDATE stories SET headline=?, article_count=?, outlet_count=?, "
            "created=?, updated=?,"
            " version=?, published=?, lead=?, dirty=0 WHERE id=?");
    up.Bind(1, row.headline)
        .Bind(2, int64_t{row.article_count})
        .Bind(3, int64_t{row.outlet_count});
    up.Bind(4, row.created).Bind(5, row.updated).Bind(6, int64_t{version});
    up.Bind(7, int64_t{row.published ? 1 : 0}).Bind(8, row.lead);
    up.Bind(9, row.id);
    if (up.Step() != SQLITE_DONE) return Error("update story");
    auto& doc = pending_stories_[row.id];
    doc.reset();
    if (row.published) doc.emplace(row.headline, row.summary);
    if (!InTransaction()) SL_RETURN_IF_ERROR(FlushSearchIndex());
    return Status::Ok();
  }

  Result<std::vector<StoryRow>> ListStories() override {
    Stmt s(&stmts_,
           "SELECT id, headline, article_count, outlet_count, created, "
           "updated, version, published, lead "
           "FROM stories ORDER BY article_count DESC, updated DESC, id");
    if (!s.ok()) return Error("prepare");
    std::vector<StoryRow> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      StoryRow r;
      r.id = s.Text(0);
      r.headline = s.Text(1);
      r.article_count = static_cast<int>(s.Int(2));
      r.outlet_count = static_cast<int>(s.Int(3));
      r.created = s.Int(4);
      r.updated = s.Int(5);
      r.version = static_cast<int>(s.Int(6));
      r.published = s.Int(7) != 0;
      r.lead = s.Text(8);
      out.push_back(r);
    }
    if (rc != SQLITE_DONE) return Error("list stories");
    return out;
  }

  Result<std::string> PageJson(const std::string& id) override {
    Stmt s(&stmts_,
           "SELECT json FROM pages WHERE story_id=? ORDER BY version DESC "
           "LIMIT 1");
    s.Bind(1, id);
    int rc = s.Step();
    if (rc == SQLITE_ROW) return s.Text(0);
    if (rc == SQLITE_DONE) return Status::NotFound("no page for story " + id);
    return Error("reading page");
  }

  Result<int64_t> Generation() override {
    Stmt s(&stmts_, "SELECT value FROM meta WHERE key='generation'");
    if (!s.ok() || s.Step() != SQLITE_ROW) return Error("reading generation");
    return s.Int(0);
  }

  Result<std::vector<PageVersion>> PageHistory(const std::string& id) override {
    Stmt s(&stmts_,
           "SELECT version, composed_at FROM pages WHERE story_id=? "
           "ORDER BY version DESC");
    s.Bind(1, id);
    std::vector<PageVersion> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW)
      out.push_back({static_cast<int>(s.Int(0)), s.Int(1)});
    if (rc != SQLITE_DONE) return Error("page history");
    return out;
  }

  Result<std::string> PageJsonAt(const std::string& id, int version) override {
    Stmt s(&stmts_, "SELECT json FROM pages WHERE story_id=? AND version=?");
    s.Bind(1, id).Bind(2, int64_t{version});
    int rc = s.Step();
    if (rc == SQLITE_ROW) return s.Text(0);
    if (rc == SQLITE_DONE)
      return Status::NotFound("story " + id + " has no version " +
                              std::to_string(version));
    return Error("reading page");
  }

  Result<std::vector<SearchHit>> Search(const std::string& query,
                                        int limit) override {
    std::vector<std::string> words = internal::QueryWords(query);
    std::vector<SearchHit> out;
    if (words.empty() || limit <= 0) return out;
    std::string match = internal::MatchExpression(words);
    Stmt st(&stmts_,
            "SELECT story_id, headline, snippet(stories_fts, 2, '', '', "
            "'\xE2\x80\xA6', 24), bm25(stories_fts, 0, 4.0, 1.0) AS r "
            "FROM stories_fts WHERE stories_fts MATCH ? ORDER BY r LIMIT ?");
    if (!st.ok()) return Error("prepare search");
    st.Bind(1, match).Bind(2, int64_t{limit});
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW) {
      SearchHit h;
      h.kind = "story";
      h.id = st.Text(0);
      h.title = st.Text(1);
      h.snippet = st.Text(2);
      h.score = st.Real(3);
      out.push_back(std::move(h));
    }
    if (rc != SQLITE_DONE) return Error("search stories");
    Stmt sa(&stmts_,
            "SELECT a.id, a.title, a.outlet, a.published, a.text, f.r FROM "
            "(SELECT rowid, bm25(articles_fts, 4.0, 1.0, 2.0) AS r FROM "
            "articles_fts WHERE articles_fts MATCH ? ORDER BY r LIMIT ?) f "
            "JOIN articles a ON a.seq = f.rowid ORDER BY f.r");
    if (!sa.ok()) return Error("prepare search");
    sa.Bind(1, match).Bind(2, int64_t{limit});
    while ((rc = sa.Step()) == SQLITE_ROW) {
      SearchHit h;
      h.kind = "article";
      h.id = sa.Text(0);
      h.title = sa.Text(1);
      h.outlet = sa.Text(2);
      h.published = sa.Int(3);
      h.snippet = internal::Snippet(sa.Text(4), words, 30);
      h.score = sa.Real(5);
      out.push_back(std::move(h));
    }
    if (rc != SQLITE_DONE) return Error("search articles");
    return out;
  }

  Result<std::vector<ArticleSummary>> OutletArticles(const std::string& outlet,
                                                     int limit) override {
    Stmt s(&stmts_,
           "SELECT id, title, outlet, url, language, kind, story_id, "
           "event_id, duplicate_of, published FROM articles WHERE outlet=? "
           "ORDER BY published DESC, seq DESC LIMIT ?");
    s.Bind(1, outlet).Bind(2, int64_t{limit});
    std::vector<ArticleSummary> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      ArticleSummary a;
      a.id = s.Text(0);
      a.title = s.Text(1);
      a.outlet = s.Text(2);
      a.url = s.Text(3);
      a.language = s.Text(4);
      a.kind = s.Text(5);
      a.story_id = s.Text(6);
      a.event_id = s.Text(7);
      a.duplicate_of = s.Text(8);
      a.published = s.Int(9);
      out.push_back(std::move(a));
    }
    if (rc != SQLITE_DONE) return Error("outlet articles");
    return out;
  }

  Result<std::vector<StoryActivity>> Activity() override {
    Stmt s(&stmts_,
           "SELECT story_id, published / 86400, outlet, language, COUNT(*) "
           "FROM articles GROUP BY story_id, published / 86400, outlet, "
           "language ORDER BY story_id");
    std::vector<StoryActivity> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      std::string id = s.Text(0);
      if (out.empty() || out.back().story_id != id) {
        out.emplace_back();
        out.back().story_id = id;
      }
      out.back().cells.push_back(
          {s.Int(1), s.Text(2), s.Text(3), static_cast<int>(s.Int(4))});
    }
    if (rc != SQLITE_DONE) return Error("story activity");
    return out;
  }

  Status MergeStory(const std::string& from, const std::string& into) override {
    Stmt mv(&stmts_, "UPDATE articles SET story_id=? WHERE story_id=?");
    mv.Bind(1, into).Bind(2, from);
    if (mv.Step() != SQLITE_DONE) return Error("merge story articles");
    Stmt del(&stmts_, "DELETE FROM stories WHERE id=?");
    del.Bind(1, from);
    if (del.Step() != SQLITE_DONE) return Error("merge story row");
    pending_stories_[from].reset();  // leaves the search index at commit
    if (!InTransaction()) SL_RETURN_IF_ERROR(FlushSearchIndex());
    Stmt dirty(&stmts_,
               "INSERT INTO stories(id,dirty) VALUES(?,1) ON CONFLICT(id) DO "
               "UPDATE SET dirty=1");
    dirty.Bind(1, into);
    if (dirty.Step() != SQLITE_DONE) return Error("merge story mark");
    return PutRedirect(from, into);
  }

  Status MergeEvent(const std::string& from, const std::string& into) override {
    Stmt dirty(&stmts_,
               "INSERT INTO stories(id,dirty) SELECT DISTINCT story_id,1 FROM "
               "articles WHERE event_id=? ON CONFLICT(id) DO UPDATE SET "
               "dirty=1");
    dirty.Bind(1, from);
    if (dirty.Step() != SQLITE_DONE) return Error("merge event mark");
    Stmt mv(&stmts_, "UPDATE articles SET event_id=? WHERE event_id=?");
    mv.Bind(1, into).Bind(2, from);
    if (mv.Step() != SQLITE_DONE) return Error("merge event articles");
    return Status::Ok();
  }

  Status PutRedirect(const std::string& old_id,
                     const std::string& new_id) override {
    // Earlier redirects to old_id now point at the survivor too.
    Stmt up(&stmts_, "UPDATE redirects SET new_id=? WHERE new_id=?");
    up.Bind(1, new_id).Bind(2, old_id);
    if (up.Step() != SQLITE_DONE) return Error("update redirects");
    Stmt s(&stmts_,
           "INSERT OR REPLACE INTO redirects(old_id, new_id) VALUES(?,?)");
    s.Bind(1, old_id).Bind(2, new_id);
    if (s.Step() != SQLITE_DONE) return Error("insert redirect");
    return Status::Ok();
  }

  Result<std::optional<std::string>> Redirect(
      const std::string& old_id) override {
    Stmt s(&stmts_, "SELECT new_id FROM redirects WHERE old_id=?");
    s.Bind(1, old_id);
    int rc = s.Step();
    if (rc == SQLITE_ROW) return std::optional<std::string>(s.Text(0));
    if (rc == SQLITE_DONE) return std::optional<std::string>();
    return Error("reading redirect");
  }

  Status EnqueueArticles(const std::vector<Article>& articles,
                         int64_t now) override {
    for (const Article& a : articles)
      SL_RETURN_IF_ERROR(internal::CheckQueueable(a));
    Stmt s(&stmts_,
           "INSERT INTO article_queue(published, enqueued_at, article) "
           "VALUES(?,?,?)");
    for (const Article& a : articles) {
      s.Bind(1, a.published).Bind(2, now).Bind(3, internal::EncodeArticle(a));
      if (s.Step() != SQLITE_DONE) return Error("enqueue article");
      s.Reset();
    }
    return Status::Ok();
  }

  Result<std::vector<QueuedArticle>> QueuedArticles(int limit) override {
    Stmt s(&stmts_,
           "SELECT seq, article FROM article_queue ORDER BY published, seq "
           "LIMIT ?");
    s.Bind(1, int64_t{limit});
    std::vector<QueuedArticle> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      std::optional<Article> a = internal::DecodeArticle(s.Text(1));
      if (!a)
        return Status::Corruption("queued article " + std::to_string(s.Int(0)) +
                                  " cannot be read");
      out.push_back({s.Int(0), std::move(*a)});
    }
    if (rc != SQLITE_DONE) return Error("queued articles");
    return out;
  }

  Status DeleteQueued(const std::vector<int64_t>& seqs) override {
    Stmt s(&stmts_, "DELETE FROM article_queue WHERE seq=?");
    for (int64_t q : seqs) {
      s.Bind(1, q);
      if (s.Step() != SQLITE_DONE) return Error("dequeue article");
      s.Reset();
    }
    return Status::Ok();
  }

  Result<int64_t> QueueLength() override {
    Stmt s(&stmts_, "SELECT COUNT(*) FROM article_queue");
    if (!s.ok() || s.Step() != SQLITE_ROW) return Error("queue length");
    return s.Int(0);
  }

  Status PutFeed(const FeedState& f) override {
    Stmt s(&stmts_,
           "INSERT OR REPLACE INTO crawl_feeds(url, etag, last_modified, "
           "next_poll, interval_s, last_status, polls, items) "
           "VALUES(?,?,?,?,?,?,?,?)");
    s.Bind(1, f.url).Bind(2, f.etag).Bind(3, f.last_modified);
    s.Bind(4, f.next_poll)
        .Bind(5, int64_t{f.interval_s})
        .Bind(6, f.last_status);
    s.Bind(7, int64_t{f.polls}).Bind(8, int64_t{f.items});
    if (s.Step() != SQLITE_DONE) return Error("store feed");
    return Status::Ok();
  }

  Result<std::vector<FeedState>> Feeds() override {
    Stmt s(&stmts_,
           "SELECT url, etag, last_modified, next_poll, interval_s, "
           "last_status, polls, items FROM crawl_feeds ORDER BY url");
    std::vector<FeedState> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      FeedState f;
      f.url = s.Text(0);
      f.etag = s.Text(1);
      f.last_modified = s.Text(2);
      f.next_poll = s.Int(3);
      f.interval_s = static_cast<int>(s.Int(4));
      f.last_status = s.Text(5);
      f.polls = static_cast<int>(s.Int(6));
      f.items = static_cast<int>(s.Int(7));
      out.push_back(std::move(f));
    }
    if (rc != SQLITE_DONE) return Error("list feeds");
    return out;
  }

  Status QueueItem(const CrawlItem& it, bool* added) override {
    Stmt known(&stmts_,
               "SELECT 1 FROM crawl_items WHERE key=? OR url=? LIMIT 1");
    known.Bind(1, it.key).Bind(2, it.url);
    int rc = known.Step();
    if (rc == SQLITE_ROW) {
      *added = false;
      return Status::Ok();
    }
    if (rc != SQLITE_DONE) return Error("crawl item lookup");
    Stmt s(&stmts_,
           "INSERT INTO crawl_items(key, url, feed, discovered, state, "
           "attempts, detail) VALUES(?,?,?,?,?,?,?)");
    s.Bind(1, it.key).Bind(2, it.url).Bind(3, it.feed).Bind(4, it.discovered);
    s.Bind(5, it.state).Bind(6, int64_t{it.attempts}).Bind(7, it.detail);
    if (s.Step() != SQLITE_DONE) return Error("queue crawl item");
    *added = true;
    return Status::Ok();
  }

  Result<std::vector<CrawlItem>> QueuedItems(int limit) override {
    Stmt s(&stmts_,
           "SELECT key, url, feed, discovered, state, attempts, detail FROM "
           "crawl_items WHERE state='queued' ORDER BY discovered, rowid "
           "LIMIT ?");
    s.Bind(1, int64_t{limit});
    std::vector<CrawlItem> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      out.push_back(ReadCrawlItem(s));
    }
    if (rc != SQLITE_DONE) return Error("queued items");
    return out;
  }

  Result<std::vector<CrawlItem>> ClaimItems(int limit, int64_t now,
                                            int64_t lease_s) override {
    bool own = !InTransaction();
    if (own) SL_RETURN_IF_ERROR(Begin());
    // A SQLite store is shared by processes of one machine: a claim whose
    // process is gone is free.
    {
      std::vector<std::string> claimers;
      Stmt c(&stmts_,
             "SELECT DISTINCT claimed_by FROM crawl_items WHERE "
             "state='claimed'");
      while (c.Step() == SQLITE_ROW) claimers.push_back(c.Text(0));
      Stmt free(&stmts_,
                "UPDATE crawl_items SET claimed_until=0 WHERE "
                "state='claimed' AND claimed_by=?");
      for (const std::string& who : claimers) {
        long pid = std::atol(who.c_str());
        if (pid > 0 &&
            (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH))
          continue;  // alive (or not ours to signal: alive)
        free.Bind(1, who);
        if (free.Step() != SQLITE_DONE) {
          if (own) Rollback();
          return Error("free dead claims");
        }
        free.Reset();
      }
    }
    std::vector<CrawlItem> out;
    {
      Stmt s(&stmts_,
             "SELECT key, url, feed, discovered, state, attempts, detail FROM "
             "crawl_items WHERE state='queued' OR (state='claimed' AND "
             "claimed_until<?) ORDER BY discovered, rowid LIMIT ?");
      s.Bind(1, now).Bind(2, int64_t{limit});
      int rc;
      while ((rc = s.Step()) == SQLITE_ROW) {
        out.push_back(ReadCrawlItem(s));
        out.back().state = "claimed";
      }
      if (rc != SQLITE_DONE) {
        if (own) Rollback();
        return Error("claim crawl items");
      }
    }
    Stmt up(&stmts_,
            "UPDATE crawl_items SET state='claimed', claimed_until=?, "
            "claimed_by=? WHERE key=?");
    const std::string me = std::to_string(::getpid());
    for (const CrawlItem& it : out) {
      up.Bind(1, now + lease_s).Bind(2, me).Bind(3, it.key);
      if (up.Step() != SQLITE_DONE) {
        if (own) Rollback();
        return Error("claim crawl items");
      }
      up.Reset();
    }
    if (own) SL_RETURN_IF_ERROR(Commit());
    return out;
  }

  Status FinishItem(const std::string& key, const std::string& state,
                    int attempts, const std::string& detail) override {
    Stmt s(&stmts_,
           "UPDATE crawl_items SET state=?, attempts=?, detail=? WHERE key=?");
    s.Bind(1, state).Bind(2, int64_t{attempts}).Bind(3, detail).Bind(4, key);
    if (s.Step() != SQLITE_DONE) return Error("finish crawl item");
    return Status::Ok();
  }

  Result<std::vector<std::pair<std::string, int64_t>>> CrawlCounts() override {
    Stmt s(&stmts_,
           "SELECT state, COUNT(*) FROM crawl_items GROUP BY state ORDER BY "
           "state");
    std::vector<std::pair<std::string, int64_t>> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back({s.Text(0), s.Int(1)});
    if (rc != SQLITE_DONE) return Error("crawl counts");
    return out;
  }

 private:
  sqlite3* db_;
  internal::StmtCache stmts_;
  // Search-index work of the open transaction (see FlushSearchIndex): the
  // first article seq not indexed yet (0: none), and each story's new
  // headline and body (nullopt: remove from the index).
  int64_t unindexed_from_ = 0;
  std::string path_;
  bool read_only_ = false;
  int writer_fd_ = -1;  // the writer lock's file, held while open
  std::map<std::string, std::optional<std::pair<std::string, std::string>>>
      pending_stories_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqlite(const std::string& path,
                                          const SqliteOptions& o) {
  sqlite3* db = nullptr;
  int flags = o.read_only ? SQLITE_OPEN_READONLY
                          : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string m = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::IoError("cannot open database " + path + ": " + m);
  }
  sqlite3_busy_timeout(db, o.busy_timeout_ms);
  auto store = std::make_unique<SqliteStore>(db, path, o.read_only);
  if (!o.read_only) {
    // Switching a fresh file to WAL needs it to itself, and SQLite answers
    // "locked" at once (no busy handler) while another process is doing
    // the same: retry until the busy timeout.
    Status st;
    for (int waited = 0;; waited += 20) {
      st = store->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
      bool busy =
          !st.ok() && (st.message().find("locked") != std::string::npos ||
                       st.message().find("busy") != std::string::npos);
      if (!busy || waited >= o.busy_timeout_ms) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!st.ok()) return st.WithContext(path + ": setting WAL mode");
  }
  Status st = store->Migrate(o.read_only);
  if (!st.ok()) return st.WithContext(path);
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace storyline::store
