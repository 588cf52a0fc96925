// SQLite implementation of Store: the connection, transactions, the writer
// lock and the schema (migrations applied in one transaction each,
// recorded in meta.schema_version). The other methods are in
// sqlite_articles.cc, sqlite_pages.cc and sqlite_queue.cc.
#include "store/internal/sqlite_store.h"

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

#include "common/strings.h"
#include "store/internal/codec.h"
#include "store/internal/schema.h"
#include "store/internal/search.h"
#include "store/internal/stmt.h"

namespace storyline::store::internal {

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

Status SqliteStore::LockWriter(
    int64_t wait_ms, const std::function<void(const std::string&)>& waiting) {
  if (writer_fd_ >= 0) return Status::Ok();
  if (read_only_)
    return Status::FailedPrecondition("a read-only store cannot write");
  std::string lock = path_ + "-writer.lock";
  int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    return Status::IoError("cannot open " + lock + ": " + std::strerror(errno));
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

Status SqliteStore::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "unknown error";
    sqlite3_free(err);
    return Status::IoError("sqlite: " + m);
  }
  return Status::Ok();
}

Status SqliteStore::Error(const char* what) {
  return Status::IoError(std::string(what) + ": " + sqlite3_errmsg(db_));
}

Status SqliteStore::Migrate(bool read_only) {
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

Status SqliteStore::CheckVersion(bool read_only) {
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

Status SqliteStore::Begin() { return Exec("BEGIN IMMEDIATE"); }

Status SqliteStore::Commit() {
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

Status SqliteStore::Rollback() {
  unindexed_from_ = 0;
  pending_stories_.clear();
  return Exec("ROLLBACK");
}

bool SqliteStore::InTransaction() { return sqlite3_get_autocommit(db_) == 0; }

int64_t StoryIndexKey(std::string_view story_id) {
  return static_cast<int64_t>(Fnv1a64(story_id) & 0x7fffffffffffffffULL);
}

Status SqliteStore::FlushSearchIndex() {
  if (unindexed_from_ > 0) {
    Stmt s(&stmts_,
           "INSERT INTO articles_fts(rowid, title, text, outlet) "
           "SELECT seq, title, text, outlet FROM articles WHERE seq>=?");
    s.Bind(1, unindexed_from_);
    if (s.Step() != SQLITE_DONE) return Error("index articles");
    unindexed_from_ = 0;
  }
  for (const auto& [id, doc] : pending_stories_) {
    const int64_t key = StoryIndexKey(id);
    Stmt fd(&stmts_, "DELETE FROM stories_fts WHERE rowid=? AND story_id=?");
    fd.Bind(1, key).Bind(2, id);
    if (fd.Step() != SQLITE_DONE) return Error("update story index");
    if (!doc) continue;
    // Two ids with one key (for any two of a million stories, a chance
    // of about 5 in 10^8): the later one's entry replaces the other's,
    // which search then misses until it is recomposed. Nothing else
    // depends on the entry.
    Stmt fi(&stmts_,
            "INSERT OR REPLACE INTO stories_fts(rowid, story_id, headline, "
            "body) VALUES(?,?,?,?)");
    fi.Bind(1, key).Bind(2, id).Bind(3, doc->first).Bind(4, doc->second);
    if (fi.Step() != SQLITE_DONE) return Error("update story index");
  }
  pending_stories_.clear();
  return Status::Ok();
}

Result<int> SqliteStore::SchemaVersion() {
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

}  // namespace storyline::store::internal

namespace storyline::store {

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
  // The story search key (schema 8), for the migration's SQL.
  sqlite3_create_function(
      db, "storyline_story_key", 1,
      SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
      [](sqlite3_context* ctx, int, sqlite3_value** argv) {
        const unsigned char* t = sqlite3_value_text(argv[0]);
        std::string_view id(
            reinterpret_cast<const char*>(t ? t : nullptr),
            t ? static_cast<size_t>(sqlite3_value_bytes(argv[0])) : 0);
        sqlite3_result_int64(ctx, internal::StoryIndexKey(id));
      },
      nullptr, nullptr);
  auto store = std::make_unique<internal::SqliteStore>(db, path, o.read_only);
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
    // A writer's page cache: SQLite's default (2 MB) is smaller than one
    // batch's pages (rows, search index), which it then writes to the WAL
    // and reads back mid-transaction. Memory is taken as pages are used.
    const std::string cache =
        "PRAGMA cache_size=" + std::to_string(-o.writer_cache_kib) + ";";
    st = store->Exec(cache.c_str());
    if (!st.ok()) return st.WithContext(path + ": setting the page cache");
  }
  Status st = store->Migrate(o.read_only);
  if (!st.ok()) return st.WithContext(path);
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace storyline::store
