// PostgresStore (internal/postgres_store.h): connection, retry,
// transactions, the writer lock and the schema; the other methods are in
// postgres_articles.cc, postgres_pages.cc and postgres_queue.cc.
#include "store/internal/postgres_store.h"

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

namespace storyline::store::internal {
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
     "ON CONFLICT(id) DO UPDATE SET dirty=TRUE, "
     "dirty_mark=stories.dirty_mark+1"},
    {"mark_story",
     "INSERT INTO stories(id,dirty) VALUES($1,TRUE) ON CONFLICT(id) DO "
     "UPDATE SET dirty=TRUE, dirty_mark=stories.dirty_mark+1"},
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
     "claimed_by='', claimed_until=0, "
     "dirty=CASE WHEN $11=0 OR dirty_mark=$11 THEN FALSE ELSE dirty END, "
     "search_body=CASE WHEN $7 THEN $9 END, "
     "search=CASE WHEN $7 THEN setweight(to_tsvector('simple',$1),'A') || "
     "to_tsvector('simple',$9) END WHERE id=$10"},
};

Status PostgresStore::Connect() {
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
    if (opts_.read_only) c->set_variable("default_transaction_read_only", "on");
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

std::string PostgresStore::Clean(const std::string& what) const {
  std::string m = internal::RedactSecrets(url_, what);
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  for (char& c : m)
    if (c == '\n') c = ' ';
  return m;
}

Status PostgresStore::Reconnect() {
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

Status PostgresStore::Migrate() {
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

Status PostgresStore::CheckVersion(pqxx::transaction_base* t) {
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

Status PostgresStore::Begin() {
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

Status PostgresStore::Commit() {
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

Status PostgresStore::Rollback() {
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

Status PostgresStore::LockWriter(
    int64_t wait_ms, const std::function<void(const std::string&)>& waiting) {
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
      got = n.exec_params1("SELECT pg_try_advisory_lock($1)", kWriterLockKey)[0]
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

Result<int> PostgresStore::SchemaVersion() {
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

}  // namespace storyline::store::internal

namespace storyline::store {

Result<std::unique_ptr<Store>> OpenPostgres(const std::string& url,
                                            const PostgresOptions& o) {
  auto store = std::make_unique<internal::PostgresStore>(url, o);
  SL_RETURN_IF_ERROR(store->Connect());
  Status st = store->Migrate();
  if (!st.ok()) return st.WithContext(RedactTarget(url));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace storyline::store
