// PostgreSQL implementation of Store (libpqxx). One connection per Store;
// statements are prepared once per connection. Every call runs inside the
// caller's transaction (Begin/Commit) or, outside one, in its own
// transaction committed at once. A lost connection outside a transaction
// is re-opened with backoff and the call retried; inside one it is an
// error (the server rolled the transaction back, so nothing is half
// written). Schema changes are migrations (internal/pg_schema.cc) applied
// under an advisory lock, so concurrent first opens migrate once.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/strings.h"
#include "store/internal/codec.h"
#include "store/internal/pg_text.h"
#include "store/internal/schema.h"
#include "store/internal/search.h"
#include "store/store.h"

namespace storyline::store {
namespace {

using internal::kPgMigrationCount;
using internal::kPgMigrations;

// Advisory lock keys (per database): the one writer, and migrations.
constexpr int64_t kWriterLockKey = 0x73746f7279000001;     // "story" 1
constexpr int64_t kMigrationLockKey = 0x73746f7279000002;  // "story" 2

std::string S(const pqxx::field& f) { return std::string(f.c_str(), f.size()); }
int64_t I(const pqxx::field& f) { return f.as<int64_t>(); }

const char* kArticleColumns =
    "id,url,canonical_url,outlet,title,byline,published,published_guessed,"
    "language,kind,text,blocks,links,source,content_hash,duplicate_of,"
    "event_id,story_id,ingested_at";

StoredArticle ReadArticle(const pqxx::row& r) {
  StoredArticle out;
  Article& a = out.article;
  a.id = S(r[0]);
  a.url = S(r[1]);
  a.canonical_url = S(r[2]);
  a.outlet = S(r[3]);
  a.title = S(r[4]);
  a.byline = S(r[5]);
  a.published = I(r[6]);
  a.published_guessed = I(r[7]) != 0;
  a.language = S(r[8]);
  a.kind = ArticleKindFromName(S(r[9]));
  a.text = S(r[10]);
  a.blocks = internal::DecodeBlocks(S(r[11]));
  a.links = internal::DecodeLinks(S(r[12]));
  a.source = S(r[13]);
  a.content_hash = S(r[14]);
  a.duplicate_of = S(r[15]);
  out.event_id = S(r[16]);
  out.story_id = S(r[17]);
  out.ingested_at = I(r[18]);
  return out;
}

// A crawl_items row selected as key, url, feed, discovered, state,
// attempts, detail.
CrawlItem ReadCrawlItem(const pqxx::row& r) {
  CrawlItem it;
  it.key = S(r[0]);
  it.url = S(r[1]);
  it.feed = S(r[2]);
  it.discovered = I(r[3]);
  it.state = S(r[4]);
  it.attempts = r[5].as<int>();
  it.detail = S(r[6]);
  return it;
}

// Statements prepared on every connection: name, SQL.
const std::pair<const char*, const char*> kStatements[] = {
    {"article_hash", "SELECT content_hash FROM articles WHERE id=$1"},
    // One round trip: the article, and its story marked dirty.
    {"insert_article",
     "WITH ins AS (INSERT INTO articles(id,url,canonical_url,outlet,title,"
     "byline,"
     "published,published_guessed,language,kind,text,blocks,links,source,"
     "content_hash,duplicate_of,event_id,story_id,ingested_at,seq,search) "
     "VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,"
     "$19,nextval('article_seq'),"
     " setweight(to_tsvector($20::regconfig,$5),'A')"
     " || setweight(to_tsvector('simple',$4),'B')"
     " || to_tsvector($20::regconfig,$11))"
     // A replaced article gets a new seq: it moves to the end of the
     // insertion order, as on SQLite.
     " ON CONFLICT(id) DO UPDATE SET url=EXCLUDED.url,"
     " canonical_url=EXCLUDED.canonical_url, outlet=EXCLUDED.outlet,"
     " title=EXCLUDED.title, byline=EXCLUDED.byline,"
     " published=EXCLUDED.published,"
     " published_guessed=EXCLUDED.published_guessed,"
     " language=EXCLUDED.language, kind=EXCLUDED.kind, text=EXCLUDED.text,"
     " blocks=EXCLUDED.blocks, links=EXCLUDED.links, source=EXCLUDED.source,"
     " content_hash=EXCLUDED.content_hash,"
     " duplicate_of=EXCLUDED.duplicate_of, event_id=EXCLUDED.event_id,"
     " story_id=EXCLUDED.story_id, ingested_at=EXCLUDED.ingested_at,"
     " seq=EXCLUDED.seq, search=EXCLUDED.search RETURNING story_id) "
     "INSERT INTO stories(id,dirty) SELECT story_id,TRUE FROM ins "
     "ON CONFLICT(id) DO UPDATE SET dirty=TRUE"},
    {"mark_story",
     "INSERT INTO stories(id,dirty) VALUES($1,TRUE) ON CONFLICT(id) DO "
     "UPDATE SET dirty=TRUE"},
    {"add_config",
     "INSERT INTO search_configs(cfg) VALUES($1) ON CONFLICT DO NOTHING"},
    {"get_article", nullptr},  // built from kArticleColumns below
    {"last_page",
     "SELECT version, json FROM pages WHERE story_id=$1 ORDER BY version "
     "DESC LIMIT 1"},
    {"insert_page",
     "INSERT INTO pages(story_id,version,composed_at,json) "
     "VALUES($1,$2,$3,$4)"},
    {"update_story",
     "UPDATE stories SET headline=$1, article_count=$2, outlet_count=$3, "
     "created=$4, updated=$5, version=$6, published=$7, lead=$8, "
     "dirty=FALSE, search_body=CASE WHEN $7 THEN $9 END, "
     "search=CASE WHEN $7 THEN setweight(to_tsvector('simple',$1),'A') || "
     "to_tsvector('simple',$9) END WHERE id=$10"},
};

class PostgresStore : public Store {
 public:
  PostgresStore(std::string url, const PostgresOptions& o)
      : url_(std::move(url)), opts_(o) {}

  Status Connect() {
    std::string conninfo = url_;
    if (conninfo.find("connect_timeout=") == std::string::npos) {
      conninfo += conninfo.find('?') == std::string::npos ? '?' : '&';
      conninfo += "connect_timeout=" + std::to_string(opts_.connect_timeout_s);
    }
    try {
      conn_.reset();
      auto c = std::make_unique<pqxx::connection>(conninfo);
      // Notices (a stop word dropped from a query) are not errors.
      c->set_variable("client_min_messages", "warning");
      c->set_variable("application_name",
                      "'storyline process " + std::to_string(::getpid()) + "'");
      if (opts_.read_only)
        c->set_variable("default_transaction_read_only", "on");
      for (const auto& [name, sql] : kStatements) {
        if (sql != nullptr) c->prepare(name, sql);
      }
      c->prepare("get_article", std::string("SELECT ") + kArticleColumns +
                                    " FROM articles WHERE id=$1");
      available_configs_.clear();
      {
        pqxx::nontransaction n(*c);
        for (const pqxx::row& r : n.exec("SELECT cfgname FROM pg_ts_config"))
          available_configs_.insert(S(r[0]));
      }
      conn_ = std::move(c);
    } catch (const std::exception& e) {
      return Status::IoError("cannot connect to PostgreSQL at " +
                             RedactTarget(url_) + ": " + Clean(e.what()));
    }
    return Status::Ok();
  }

  // The server's words without the password, on one line.
  std::string Clean(const std::string& what) const {
    std::string m = internal::RedactSecrets(url_, what);
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    for (char& c : m)
      if (c == '\n') c = ' ';
    return m;
  }

  // Runs `fn(tx)` in the open transaction, or in one of its own.
  template <typename F>
  Status Run(const char* what, F&& fn) {
    if (tx_) {
      try {
        fn(*tx_);
        return Status::Ok();
      } catch (const std::exception& e) {
        tx_failed_ = true;
        return Status::IoError(std::string("postgresql: ") + what + ": " +
                               Clean(e.what()));
      }
    }
    for (int attempt = 0;; ++attempt) {
      try {
        if (!conn_) SL_RETURN_IF_ERROR(Connect());
        pqxx::work w(*conn_);
        fn(w);
        w.commit();
        return Status::Ok();
      } catch (const pqxx::broken_connection& e) {
        if (attempt >= opts_.reconnect_attempts)
          return Status::IoError(std::string("postgresql: ") + what +
                                 ": connection lost: " + Clean(e.what()));
        conn_.reset();
        std::this_thread::sleep_for(std::chrono::milliseconds(100 << attempt));
        Status st = Reconnect();
        if (!st.ok() && attempt + 1 >= opts_.reconnect_attempts) return st;
      } catch (const std::exception& e) {
        return Status::IoError(std::string("postgresql: ") + what + ": " +
                               Clean(e.what()));
      }
    }
  }

  // A new session; a writer takes its lock back or says it lost it.
  Status Reconnect() {
    SL_RETURN_IF_ERROR(Connect());
    if (!writer_) return Status::Ok();
    bool got = false;
    try {
      pqxx::nontransaction n(*conn_);
      got = n.exec_params1("SELECT pg_try_advisory_lock($1)", kWriterLockKey)[0]
                .as<bool>();
    } catch (const std::exception& e) {
      return Status::IoError("postgresql: retaking the writer lock: " +
                             Clean(e.what()));
    }
    if (!got) {
      writer_ = false;
      return Status::FailedPrecondition(
          "the connection to PostgreSQL was lost and another process took "
          "over writing; stopping");
    }
    return Status::Ok();
  }

  Status Migrate() {
    if (opts_.read_only) return CheckVersion(nullptr);
    Status refused;
    Status st = Run("migration", [&](pqxx::transaction_base& t) {
      t.exec_params("SELECT pg_advisory_xact_lock($1)", kMigrationLockKey);
      t.exec(
          "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, "
          "value TEXT NOT NULL)");
      refused = CheckVersion(&t);
      if (!refused.ok()) throw std::runtime_error(refused.message());
    });
    return refused.ok() ? st : refused;
  }

  // Refuses a schema newer than this build; with `t`, applies the pending
  // migrations in it.
  Status CheckVersion(pqxx::transaction_base* t) {
    int version = 0;
    if (t) {
      pqxx::result r =
          t->exec("SELECT value FROM meta WHERE key='schema_version'");
      if (!r.empty()) version = std::stoi(S(r[0][0]));
    } else {
      Result<int> v = SchemaVersion();
      if (!v.ok()) return v.status();
      version = *v;
    }
    int latest = static_cast<int>(kPgMigrationCount);
    if (version > latest) {
      return Status::FailedPrecondition(
          "database schema version " + std::to_string(version) +
          " is newer than this storyline supports (" + std::to_string(latest) +
          "); upgrade storyline");
    }
    if (!t) {
      if (version < latest)
        return Status::FailedPrecondition(
            "database needs migration; open it read-write once");
      return Status::Ok();
    }
    for (int next = version + 1; next <= latest; ++next) {
      if (*kPgMigrations[next - 1] != '\0') t->exec(kPgMigrations[next - 1]);
      t->exec_params(
          "INSERT INTO meta(key,value) VALUES('schema_version',$1) "
          "ON CONFLICT(key) DO UPDATE SET value=EXCLUDED.value",
          std::to_string(next));
    }
    return Status::Ok();
  }

  Status Begin() override {
    if (tx_) return Status::FailedPrecondition("a transaction is already open");
    for (int attempt = 0;; ++attempt) {
      try {
        if (!conn_) SL_RETURN_IF_ERROR(Connect());
        tx_ = std::make_unique<pqxx::work>(*conn_);
        tx_failed_ = false;
        return Status::Ok();
      } catch (const pqxx::broken_connection& e) {
        conn_.reset();
        if (attempt >= opts_.reconnect_attempts)
          return Status::IoError("postgresql: begin: connection lost: " +
                                 Clean(e.what()));
        std::this_thread::sleep_for(std::chrono::milliseconds(100 << attempt));
        SL_RETURN_IF_ERROR(Reconnect());
      } catch (const std::exception& e) {
        return Status::IoError(std::string("postgresql: begin: ") +
                               Clean(e.what()));
      }
    }
  }

  Status Commit() override {
    if (!tx_) return Status::FailedPrecondition("no transaction to commit");
    std::unique_ptr<pqxx::work> t = std::move(tx_);
    if (tx_failed_) {
      configs_seen_.clear();
      return Status::IoError(
          "postgresql: the transaction had failed and was rolled back");
    }
    try {
      t->exec(
          "UPDATE meta SET value = (value::BIGINT + 1)::TEXT "
          "WHERE key = 'generation'");
      t->commit();
    } catch (const pqxx::in_doubt_error& e) {
      return Status::IoError(
          "postgresql: the connection was lost while committing; whether "
          "the transaction took effect is unknown: " +
          Clean(e.what()));
    } catch (const std::exception& e) {
      std::string m = Clean(e.what());
      bool broken = dynamic_cast<const pqxx::broken_connection*>(&e);
      t.reset();  // a transaction goes before its connection
      if (broken) conn_.reset();
      return Status::IoError("postgresql: commit: " + m);
    }
    return Status::Ok();
  }

  Status Rollback() override {
    configs_seen_.clear();  // rows written in the transaction are gone
    if (!tx_) return Status::Ok();
    std::unique_ptr<pqxx::work> t = std::move(tx_);
    try {
      t->abort();
    } catch (const std::exception&) {
      t.reset();      // a transaction goes before its connection
      conn_.reset();  // the server rolls back what it had when it goes
    }
    return Status::Ok();
  }

  Status LockWriter(
      int64_t wait_ms,
      const std::function<void(const std::string&)>& waiting) override {
    if (writer_) return Status::Ok();
    if (opts_.read_only)
      return Status::FailedPrecondition("a read-only store cannot write");
    if (tx_)
      return Status::FailedPrecondition(
          "take the writer lock outside a transaction");
    bool told = false;
    for (int64_t waited = 0;; waited += 100) {
      bool got = false;
      std::string who;
      Status st = Session("writer lock", [&](pqxx::nontransaction& n) {
        got =
            n.exec_params1("SELECT pg_try_advisory_lock($1)", kWriterLockKey)[0]
                .as<bool>();
        if (got) return;
        pqxx::result r = n.exec_params(
            "SELECT a.application_name, COALESCE(host(a.client_addr),''), "
            "a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid=l.pid "
            "WHERE l.locktype='advisory' AND l.granted AND "
            "l.database = (SELECT oid FROM pg_database WHERE "
            "datname = current_database()) AND "
            "((l.classid::BIGINT << 32) | l.objid::BIGINT) = $1",
            kWriterLockKey);
        if (r.empty()) {
          who = "another session";
        } else {
          // Our sessions are named "storyline process PID" (Connect).
          std::string app = S(r[0][0]);
          const std::string ours = "storyline ";
          if (app.rfind(ours, 0) == 0)
            who = app.substr(ours.size());
          else
            who = app.empty() ? "server process " + S(r[0][2]) : app;
          if (!S(r[0][1]).empty()) who += " on " + S(r[0][1]);
        }
      });
      if (!st.ok()) return st;
      if (got) {
        writer_ = true;
        return Status::Ok();
      }
      if (waited >= wait_ms) {
        return Status::FailedPrecondition(
            who + " is writing to " + RedactTarget(url_) +
            " (one assigner at a time); wait for it to finish or stop it");
      }
      if (!told && waiting) {
        waiting(who);
        told = true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  // Runs `fn` outside any transaction (session-level statements).
  template <typename F>
  Status Session(const char* what, F&& fn) {
    try {
      if (!conn_) SL_RETURN_IF_ERROR(Connect());
      pqxx::nontransaction n(*conn_);
      fn(n);
      return Status::Ok();
    } catch (const std::exception& e) {
      if (dynamic_cast<const pqxx::broken_connection*>(&e)) conn_.reset();
      return Status::IoError(std::string("postgresql: ") + what + ": " +
                             Clean(e.what()));
    }
  }

  Result<int> SchemaVersion() override {
    int version = 0;
    Status st = Run("schema version", [&](pqxx::transaction_base& t) {
      pqxx::result has = t.exec("SELECT to_regclass('meta') IS NOT NULL");
      if (!has[0][0].as<bool>()) return;
      pqxx::result r =
          t.exec("SELECT value FROM meta WHERE key='schema_version'");
      if (!r.empty()) version = std::stoi(S(r[0][0]));
    });
    if (!st.ok()) return st;
    return version;
  }

  Result<std::optional<std::string>> ArticleHash(
      const std::string& id) override {
    std::optional<std::string> out;
    Status st = Run("reading article", [&](pqxx::transaction_base& t) {
      pqxx::result r = t.exec_prepared("article_hash", id);
      if (!r.empty()) out = S(r[0][0]);
    });
    if (!st.ok()) return st;
    return out;
  }

  Result<std::map<std::string, std::string>> ArticleHashes(
      const std::vector<std::string>& ids) override {
    std::map<std::string, std::string> out;
    for (size_t i = 0; i < ids.size(); i += 1000) {
      // A text[] literal: every id double-quoted, '"' and '\\' escaped.
      std::string arr = "{";
      for (size_t k = i; k < std::min(ids.size(), i + 1000); ++k) {
        if (k > i) arr += ',';
        arr += '"';
        for (char c : ids[k]) {
          if (c == '"' || c == '\\') arr += '\\';
          arr += c;
        }
        arr += '"';
      }
      arr += '}';
      Status st = Run("reading articles", [&](pqxx::transaction_base& t) {
        for (const pqxx::row& r :
             t.exec_params("SELECT id, content_hash FROM articles WHERE id = "
                           "ANY($1::TEXT[])",
                           arr))
          out[S(r[0])] = S(r[1]);
      });
      if (!st.ok()) return st;
    }
    return out;
  }

  Status PutArticle(const StoredArticle& r) override {
    const Article& a = r.article;
    // PostgreSQL text holds neither NUL nor invalid UTF-8; changing the
    // bytes would move every span that points into them, so refuse.
    SL_RETURN_IF_ERROR(internal::CheckQueueable(a));
    std::string cfg = internal::TextSearchConfig(a.language);
    if (!available_configs_.count(cfg)) cfg = "simple";  // an older server
    return Run("storing article", [&](pqxx::transaction_base& t) {
      t.exec_prepared(
          "insert_article", a.id, a.url, a.canonical_url, a.outlet, a.title,
          a.byline, a.published, a.published_guessed ? 1 : 0, a.language,
          std::string(ArticleKindName(a.kind)), a.text,
          internal::EncodeBlocks(a.blocks), internal::EncodeLinks(a.links),
          a.source, a.content_hash, a.duplicate_of, r.event_id, r.story_id,
          r.ingested_at, cfg);

      if (configs_seen_.insert(cfg).second) t.exec_prepared("add_config", cfg);
    });
  }

  Result<std::optional<StoredArticle>> GetArticle(
      const std::string& id) override {
    std::optional<StoredArticle> out;
    Status st = Run("reading article", [&](pqxx::transaction_base& t) {
      pqxx::result r = t.exec_prepared("get_article", id);
      if (!r.empty()) out = ReadArticle(r[0]);
    });
    if (!st.ok()) return st;
    return out;
  }

  Status Scan(const std::string& where, const std::string& arg,
              std::vector<StoredArticle>* out) {
    std::string sql = std::string("SELECT ") + kArticleColumns +
                      " FROM articles " + where + " ORDER BY published, seq";
    size_t before = out->size();
    Status st = Run("scanning articles", [&](pqxx::transaction_base& t) {
      out->resize(before);  // a retried attempt starts over
      pqxx::result r = arg.empty() ? t.exec(sql) : t.exec_params(sql, arg);
      for (const pqxx::row& row : r) out->push_back(ReadArticle(row));
    });
    return st;
  }

  Status ScanArticles(std::vector<StoredArticle>* out) override {
    return Scan("", "", out);
  }
  Status StoryArticles(const std::string& id,
                       std::vector<StoredArticle>* out) override {
    return Scan("WHERE story_id=$1", id, out);
  }

  Result<int64_t> ArticleCount() override {
    int64_t n = 0;
    Status st = Run("counting articles", [&](pqxx::transaction_base& t) {
      n = I(t.exec("SELECT COUNT(*) FROM articles")[0][0]);
    });
    if (!st.ok()) return st;
    return n;
  }

  Result<std::vector<std::string>> DirtyStories() override {
    std::vector<std::string> out;
    Status st = Run("dirty stories", [&](pqxx::transaction_base& t) {
      out.clear();
      for (const pqxx::row& r :
           t.exec("SELECT id FROM stories WHERE dirty ORDER BY id"))
        out.push_back(S(r[0]));
    });
    if (!st.ok()) return st;
    return out;
  }

  Status PutPage(const StoryRow& row, const std::string& json,
                 int64_t composed_at) override {
    return Run("storing page", [&](pqxx::transaction_base& t) {
      pqxx::result last = t.exec_prepared("last_page", row.id);
      int version = 0;
      bool same = false;
      if (!last.empty()) {
        version = last[0][0].as<int>();
        same = S(last[0][1]) == json;
      }
      if (!same && !json.empty()) {
        ++version;
        t.exec_prepared("insert_page", row.id, version, composed_at, json);
      }
      t.exec_prepared("update_story", row.headline, row.article_count,
                      row.outlet_count, row.created, row.updated, version,
                      row.published, row.lead, row.summary, row.id);
    });
  }

  Result<std::vector<StoryRow>> ListStories() override {
    std::vector<StoryRow> out;
    Status st = Run("listing stories", [&](pqxx::transaction_base& t) {
      out.clear();
      for (const pqxx::row& s :
           t.exec("SELECT id, headline, article_count, outlet_count, created, "
                  "updated, version, published, lead FROM stories "
                  "ORDER BY article_count DESC, updated DESC, id")) {
        StoryRow r;
        r.id = S(s[0]);
        r.headline = S(s[1]);
        r.article_count = s[2].as<int>();
        r.outlet_count = s[3].as<int>();
        r.created = I(s[4]);
        r.updated = I(s[5]);
        r.version = s[6].as<int>();
        r.published = s[7].as<bool>();
        r.lead = S(s[8]);
        out.push_back(std::move(r));
      }
    });
    if (!st.ok()) return st;
    return out;
  }

  Result<std::string> PageJson(const std::string& id) override {
    std::optional<std::string> out;
    Status st = Run("reading page", [&](pqxx::transaction_base& t) {
      pqxx::result r = t.exec_prepared("last_page", id);
      if (!r.empty()) out = S(r[0][1]);
    });
    if (!st.ok()) return st;
    if (!out) return Status::NotFound("no page for story " + id);
    return *out;
  }

  Result<int64_t> Generation() override {
    int64_t g = 0;
    Status st = Run("reading generation", [&](pqxx::transaction_base& t) {
      g = t.exec("SELECT value::BIGINT FROM meta WHERE key='generation'")[0][0]
              .as<int64_t>();
    });
    if (!st.ok()) return st;
    return g;
  }

  Result<std::vector<PageVersion>> PageHistory(const std::string& id) override {
    std::vector<PageVersion> out;
    Status st = Run("page history", [&](pqxx::transaction_base& t) {
      out.clear();
      for (const pqxx::row& r : t.exec_params(
               "SELECT version, composed_at FROM pages WHERE story_id=$1 "
               "ORDER BY version DESC",
               id))
        out.push_back({r[0].as<int>(), I(r[1])});
    });
    if (!st.ok()) return st;
    return out;
  }

  Result<std::string> PageJsonAt(const std::string& id, int version) override {
    std::optional<std::string> out;
    Status st = Run("reading page", [&](pqxx::transaction_base& t) {
      pqxx::result r = t.exec_params(
          "SELECT json FROM pages WHERE story_id=$1 AND version=$2", id,
          version);
      if (!r.empty()) out = S(r[0][0]);
    });
    if (!st.ok()) return st;
    if (!out)
      return Status::NotFound("story " + id + " has no version " +
                              std::to_string(version));
    return *out;
  }

  Result<std::vector<SearchHit>> Search(const std::string& query,
                                        int limit) override {
    std::vector<std::string> words = internal::QueryWords(query);
    for (std::string& w : words) w = SanitizeUtf8(w);
    std::vector<SearchHit> out;
    if (words.empty() || limit <= 0) return out;
    const std::string q = internal::TsQueryText(words);
    Status st = Run("search", [&](pqxx::transaction_base& t) {
      out.clear();
      // The query under 'simple' (exact words) and stemmed under every
      // configuration articles were indexed with; names come from our own
      // list (TextSearchConfig), never from the user.
      std::string tsq = "to_tsquery('simple',$1)";
      for (const pqxx::row& r :
           t.exec("SELECT cfg FROM search_configs ORDER BY cfg")) {
        std::string cfg = S(r[0]);
        if (internal::IsKnownConfig(cfg) && cfg != "simple")
          tsq += " || to_tsquery('" + cfg + "',$1)";
      }
      for (const pqxx::row& r : t.exec_params(
               "SELECT id, headline, search_body, ts_rank_cd(search, q) AS r "
               "FROM stories, to_tsquery('simple',$1) q WHERE search @@ q "
               "ORDER BY r DESC, id LIMIT $2",
               q, limit)) {
        SearchHit h;
        h.kind = "story";
        h.id = S(r[0]);
        h.title = S(r[1]);
        h.snippet = internal::Snippet(S(r[2]), words, 24);
        h.score = -r[3].as<double>();
        out.push_back(std::move(h));
      }
      for (const pqxx::row& r : t.exec_params(
               "SELECT id, title, outlet, published, text, "
               "ts_rank_cd(search, q) AS r FROM articles, (SELECT " +
                   tsq +
                   " AS q) qq WHERE search @@ q ORDER BY r DESC, seq LIMIT $2",
               q, limit)) {
        SearchHit h;
        h.kind = "article";
        h.id = S(r[0]);
        h.title = S(r[1]);
        h.outlet = S(r[2]);
        h.published = I(r[3]);
        h.snippet = internal::Snippet(S(r[4]), words, 30);
        h.score = -r[5].as<double>();
        out.push_back(std::move(h));
      }
    });
    if (!st.ok()) return st;
    return out;
  }

  Result<std::vector<ArticleSummary>> OutletArticles(const std::string& outlet,
                                                     int limit) override {
    std::vector<ArticleSummary> out;
    Status st = Run("outlet articles", [&](pqxx::transaction_base& t) {
      out.clear();
      for (const pqxx::row& r : t.exec_params(
               "SELECT id, title, outlet, url, language, kind, story_id, "
               "event_id, duplicate_of, published FROM articles WHERE "
               "outlet=$1 ORDER BY published DESC, seq DESC LIMIT $2",
               outlet, limit)) {
        ArticleSummary a;
        a.id = S(r[0]);
        a.title = S(r[1]);
        a.outlet = S(r[2]);
        a.url = S(r[3]);
        a.language = S(r[4]);
        a.kind = S(r[5]);
        a.story_id = S(r[6]);
        a.event_id = S(r[7]);
        a.duplicate_of = S(r[8]);
        a.published = I(r[9]);
        out.push_back(std::move(a));
      }
    });
    if (!st.ok()) return st;
    return out;
  }

  Result<std::vector<StoryActivity>> Activity() override {
    std::vector<StoryActivity> out;
    Status st = Run("story activity", [&](pqxx::transaction_base& t) {
      out.clear();
      // Floor division, as SQLite's integer division on our (non-negative)
      // times.
      for (const pqxx::row& r : t.exec(
               "SELECT story_id, published / 86400, outlet, language, "
               "COUNT(*) FROM articles GROUP BY story_id, published / 86400, "
               "outlet, language ORDER BY story_id, 2, outlet, language")) {
        std::string id = S(r[0]);
        if (out.empty() || out.back().story_id != id) {
          out.emplace_back();
          out.back().story_id = id;
        }
        out.back().cells.push_back(
            {I(r[1]), S(r[2]), S(r[3]), static_cast<int>(I(r[4]))});
      }
    });
    if (!st.ok()) return st;
    return out;
  }

  Status MergeStory(const std::string& from, const std::string& into) override {
    return Run("merging stories", [&](pqxx::transaction_base& t) {
      t.exec_params("UPDATE articles SET story_id=$1 WHERE story_id=$2", into,
                    from);
      t.exec_params("DELETE FROM stories WHERE id=$1", from);
      t.exec_prepared("mark_story", into);
      InsertRedirect(t, from, into);
    });
  }

  Status MergeEvent(const std::string& from, const std::string& into) override {
    return Run("merging events", [&](pqxx::transaction_base& t) {
      t.exec_params(
          "INSERT INTO stories(id,dirty) SELECT DISTINCT story_id,TRUE FROM "
          "articles WHERE event_id=$1 ON CONFLICT(id) DO UPDATE SET "
          "dirty=TRUE",
          from);
      t.exec_params("UPDATE articles SET event_id=$1 WHERE event_id=$2", into,
                    from);
    });
  }

  static void InsertRedirect(pqxx::transaction_base& t,
                             const std::string& old_id,
                             const std::string& new_id) {
    // Earlier redirects to old_id now point at the survivor too.
    t.exec_params("UPDATE redirects SET new_id=$1 WHERE new_id=$2", new_id,
                  old_id);
    t.exec_params(
        "INSERT INTO redirects(old_id,new_id) VALUES($1,$2) ON CONFLICT "
        "(old_id) DO UPDATE SET new_id=EXCLUDED.new_id",
        old_id, new_id);
  }

  Status PutRedirect(const std::string& old_id,
                     const std::string& new_id) override {
    return Run("storing redirect", [&](pqxx::transaction_base& t) {
      InsertRedirect(t, old_id, new_id);
    });
  }

  Result<std::optional<std::string>> Redirect(
      const std::string& old_id) override {
    std::optional<std::string> out;
    Status st = Run("reading redirect", [&](pqxx::transaction_base& t) {
      pqxx::result r =
          t.exec_params("SELECT new_id FROM redirects WHERE old_id=$1", old_id);
      if (!r.empty()) out = S(r[0][0]);
    });
    if (!st.ok()) return st;
    return out;
  }

  Status EnqueueArticles(const std::vector<Article>& articles,
                         int64_t now) override {
    for (const Article& a : articles)
      SL_RETURN_IF_ERROR(internal::CheckQueueable(a));
    return Run("enqueueing articles", [&](pqxx::transaction_base& t) {
      for (const Article& a : articles)
        t.exec_params(
            "INSERT INTO article_queue(published, enqueued_at, article) "
            "VALUES($1,$2,$3)",
            a.published, now, internal::EncodeArticle(a));
    });
  }

  Result<std::vector<QueuedArticle>> QueuedArticles(int limit) override {
    std::vector<QueuedArticle> out;
    Status bad;
    Status st = Run("queued articles", [&](pqxx::transaction_base& t) {
      out.clear();
      for (const pqxx::row& r : t.exec_params(
               "SELECT seq, article FROM article_queue ORDER BY published, "
               "seq LIMIT $1",
               limit)) {
        std::optional<Article> a = internal::DecodeArticle(S(r[1]));
        if (!a) {
          bad = Status::Corruption("queued article " + S(r[0]) +
                                   " cannot be read");
          return;
        }
        out.push_back({I(r[0]), std::move(*a)});
      }
    });
    if (!st.ok()) return st;
    if (!bad.ok()) return bad;
    return out;
  }

  Status DeleteQueued(const std::vector<int64_t>& seqs) override {
    return Run("dequeueing articles", [&](pqxx::transaction_base& t) {
      for (int64_t q : seqs)
        t.exec_params("DELETE FROM article_queue WHERE seq=$1", q);
    });
  }

  Result<int64_t> QueueLength() override {
    int64_t n = 0;
    Status st = Run("queue length", [&](pqxx::transaction_base& t) {
      n = I(t.exec("SELECT COUNT(*) FROM article_queue")[0][0]);
    });
    if (!st.ok()) return st;
    return n;
  }

  Status PutFeed(const FeedState& f) override {
    return Run("storing feed", [&](pqxx::transaction_base& t) {
      t.exec_params(
          "INSERT INTO crawl_feeds(url, etag, last_modified, next_poll, "
          "interval_s, last_status, polls, items) VALUES($1,$2,$3,$4,$5,$6,"
          "$7,$8) ON CONFLICT(url) DO UPDATE SET etag=EXCLUDED.etag, "
          "last_modified=EXCLUDED.last_modified, "
          "next_poll=EXCLUDED.next_poll, interval_s=EXCLUDED.interval_s, "
          "last_status=EXCLUDED.last_status, polls=EXCLUDED.polls, "
          "items=EXCLUDED.items",
          f.url, f.etag, f.last_modified, f.next_poll, f.interval_s,
          f.last_status, f.polls, f.items);
    });
  }

  Result<std::vector<FeedState>> Feeds() override {
    std::vector<FeedState> out;
    Status st = Run("listing feeds", [&](pqxx::transaction_base& t) {
      out.clear();
      for (const pqxx::row& r :
           t.exec("SELECT url, etag, last_modified, next_poll, interval_s, "
                  "last_status, polls, items FROM crawl_feeds ORDER BY url")) {
        FeedState f;
        f.url = S(r[0]);
        f.etag = S(r[1]);
        f.last_modified = S(r[2]);
        f.next_poll = I(r[3]);
        f.interval_s = r[4].as<int>();
        f.last_status = S(r[5]);
        f.polls = r[6].as<int>();
        f.items = r[7].as<int>();
        out.push_back(std::move(f));
      }
    });
    if (!st.ok()) return st;
    return out;
  }

  Status QueueItem(const CrawlItem& it, bool* added) override {
    return Run("queueing crawl item", [&](pqxx::transaction_base& t) {
      // The key conflict is the constraint; the URL check covers the same
      // article under another GUID.
      pqxx::result r = t.exec_params(
          "INSERT INTO crawl_items(key, url, feed, discovered, state, "
          "attempts, detail) SELECT $1,$2,$3,$4,$5,$6,$7 WHERE NOT EXISTS "
          "(SELECT 1 FROM crawl_items WHERE url=$2) ON CONFLICT(key) DO "
          "NOTHING",
          it.key, it.url, it.feed, it.discovered, it.state, it.attempts,
          it.detail);
      *added = r.affected_rows() == 1;
    });
  }

  Result<std::vector<CrawlItem>> QueuedItems(int limit) override {
    std::vector<CrawlItem> out;
    Status st = Run("queued items", [&](pqxx::transaction_base& t) {
      out.clear();
      for (const pqxx::row& r : t.exec_params(
               "SELECT key, url, feed, discovered, state, attempts, detail "
               "FROM crawl_items WHERE state='queued' ORDER BY discovered, n "
               "LIMIT $1",
               limit)) {
        out.push_back(ReadCrawlItem(r));
      }
    });
    if (!st.ok()) return st;
    return out;
  }

  Result<std::vector<CrawlItem>> ClaimItems(int limit, int64_t now,
                                            int64_t lease_s) override {
    std::vector<CrawlItem> out;
    Status st = Run("claiming crawl items", [&](pqxx::transaction_base& t) {
      out.clear();
      for (const pqxx::row& r : t.exec_params(
               "UPDATE crawl_items c SET state='claimed', claimed_until=$3, "
               "claimed_by=pg_backend_pid()::TEXT FROM (SELECT key FROM "
               "crawl_items WHERE state='queued' OR (state='claimed' AND "
               "(claimed_until<$2 OR NOT EXISTS (SELECT 1 FROM "
               "pg_stat_activity a WHERE a.pid::TEXT=claimed_by))) ORDER BY "
               "discovered, n LIMIT $1 FOR UPDATE SKIP LOCKED) pick WHERE "
               "c.key=pick.key "
               "RETURNING c.key, c.url, c.feed, c.discovered, c.state, "
               "c.attempts, c.detail",
               limit, now, now + lease_s))
        out.push_back(ReadCrawlItem(r));
    });
    if (!st.ok()) return st;
    // RETURNING has no order: oldest first, as claimed.
    std::stable_sort(out.begin(), out.end(),
                     [](const CrawlItem& a, const CrawlItem& b) {
                       return a.discovered < b.discovered;
                     });
    return out;
  }

  Status FinishItem(const std::string& key, const std::string& state,
                    int attempts, const std::string& detail) override {
    return Run("finishing crawl item", [&](pqxx::transaction_base& t) {
      t.exec_params(
          "UPDATE crawl_items SET state=$1, attempts=$2, detail=$3 WHERE "
          "key=$4",
          state, attempts, detail, key);
    });
  }

  Result<std::vector<std::pair<std::string, int64_t>>> CrawlCounts() override {
    std::vector<std::pair<std::string, int64_t>> out;
    Status st = Run("crawl counts", [&](pqxx::transaction_base& t) {
      out.clear();
      for (const pqxx::row& r :
           t.exec("SELECT state, COUNT(*) FROM crawl_items GROUP BY state "
                  "ORDER BY state"))
        out.push_back({S(r[0]), I(r[1])});
    });
    if (!st.ok()) return st;
    return out;
  }

 private:
  std::string url_;
  PostgresOptions opts_;
  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::work> tx_;
  bool tx_failed_ = false;  // a statement in tx_ failed: Commit refuses
  bool writer_ = false;     // holds the writer advisory lock
  std::set<std::string> configs_seen_;       // search_configs rows written
  std::set<std::string> available_configs_;  // the server's pg_ts_config
};

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgres(const std::string& url,
                                            const PostgresOptions& o) {
  auto store = std::make_unique<PostgresStore>(url, o);
  SL_RETURN_IF_ERROR(store->Connect());
  Status st = store->Migrate();
  if (!st.ok()) return st.WithContext(RedactTarget(url));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace storyline::store
