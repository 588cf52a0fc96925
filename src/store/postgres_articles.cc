// PostgresStore: articles with their assignment, and merges.
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
#include "store/internal/postgres_store.h"
#include "store/internal/schema.h"
#include "store/internal/search.h"
#include "store/store.h"

namespace storyline::store::internal {

Result<std::optional<std::string>> PostgresStore::ArticleHash(
    const std::string& id) {
  std::optional<std::string> out;
  Status st = Run("reading article", [&](pqxx::transaction_base& t) {
    pqxx::result r = t.exec_prepared("article_hash", id);
    if (!r.empty()) out = S(r[0][0]);
  });
  if (!st.ok()) return st;
  return out;
}

Result<std::map<std::string, std::string>> PostgresStore::ArticleHashes(
    const std::vector<std::string>& ids) {
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

Status PostgresStore::PutArticle(const StoredArticle& r) {
  const Article& a = r.article;
  // PostgreSQL text holds neither NUL nor invalid UTF-8; changing the
  // bytes would move every span that points into them, so refuse.
  SL_RETURN_IF_ERROR(internal::CheckQueueable(a));
  std::string cfg = internal::TextSearchConfig(a.language);
  if (!available_configs_.count(cfg)) cfg = "simple";  // an older server
  return Run("storing article", [&](pqxx::transaction_base& t) {
    t.exec_prepared("insert_article", a.id, a.url, a.canonical_url, a.outlet,
                    a.title, a.byline, a.published, a.published_guessed ? 1 : 0,
                    a.language, std::string(ArticleKindName(a.kind)), a.text,
                    internal::EncodeBlocks(a.blocks),
                    internal::EncodeLinks(a.links), a.source, a.content_hash,
                    a.duplicate_of, r.event_id, r.story_id, r.ingested_at, cfg);

    if (configs_seen_.insert(cfg).second) t.exec_prepared("add_config", cfg);
  });
}

Result<std::optional<StoredArticle>> PostgresStore::GetArticle(
    const std::string& id) {
  std::optional<StoredArticle> out;
  Status st = Run("reading article", [&](pqxx::transaction_base& t) {
    pqxx::result r = t.exec_prepared("get_article", id);
    if (!r.empty()) out = ReadArticle(r[0]);
  });
  if (!st.ok()) return st;
  return out;
}

Status PostgresStore::Scan(const std::string& where, const std::string& arg,
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

Status PostgresStore::ScanArticles(std::vector<StoredArticle>* out) {
  return Scan("", "", out);
}

Status PostgresStore::ScanArticlesAfter(int64_t seq,
                                        std::vector<StoredArticle>* out) {
  return Scan("WHERE seq > $1::bigint", std::to_string(seq), out);
}

Result<int64_t> PostgresStore::LastArticleSeq() {
  int64_t n = 0;
  Status st = Run("last article write", [&](pqxx::transaction_base& t) {
    n = I(t.exec("SELECT COALESCE(MAX(seq),0) FROM articles")[0][0]);
  });
  if (!st.ok()) return st;
  return n;
}

Status PostgresStore::PutSnapshot(const Snapshot& snap) {
  return Run("writing the snapshot", [&](pqxx::transaction_base& t) {
    t.exec_params(
        "INSERT INTO assigner_snapshot(id,upto_seq,written_at,data) "
        "VALUES(1,$1,$2,$3) ON CONFLICT(id) DO UPDATE SET "
        "upto_seq=EXCLUDED.upto_seq, written_at=EXCLUDED.written_at, "
        "data=EXCLUDED.data",
        snap.upto_seq, snap.written_at, pqxx::binarystring(snap.data));
  });
}

Result<std::optional<Snapshot>> PostgresStore::GetSnapshot() {
  std::optional<Snapshot> out;
  Status st = Run("reading the snapshot", [&](pqxx::transaction_base& t) {
    out.reset();
    pqxx::result r = t.exec(
        "SELECT upto_seq, written_at, data FROM assigner_snapshot WHERE id=1");
    if (r.empty()) return;
    Snapshot snap;
    snap.upto_seq = I(r[0][0]);
    snap.written_at = I(r[0][1]);
    snap.data = pqxx::binarystring(r[0][2]).str();
    out = std::move(snap);
  });
  if (!st.ok()) return st;
  return out;
}

Status PostgresStore::StoryArticles(const std::string& id,
                                    std::vector<StoredArticle>* out) {
  return Scan("WHERE story_id=$1", id, out);
}

Result<int64_t> PostgresStore::ArticleCount() {
  int64_t n = 0;
  Status st = Run("counting articles", [&](pqxx::transaction_base& t) {
    n = I(t.exec("SELECT COUNT(*) FROM articles")[0][0]);
  });
  if (!st.ok()) return st;
  return n;
}

Status PostgresStore::MergeStory(const std::string& from,
                                 const std::string& into) {
  return Run("merging stories", [&](pqxx::transaction_base& t) {
    t.exec_params("UPDATE articles SET story_id=$1 WHERE story_id=$2", into,
                  from);
    t.exec_params("DELETE FROM stories WHERE id=$1", from);
    t.exec_prepared("mark_story", into);
    InsertRedirect(t, from, into);
  });
}

Status PostgresStore::MergeEvent(const std::string& from,
                                 const std::string& into) {
  return Run("merging events", [&](pqxx::transaction_base& t) {
    t.exec_params(
        "INSERT INTO stories(id,dirty) SELECT DISTINCT story_id,TRUE FROM "
        "articles WHERE event_id=$1 ON CONFLICT(id) DO UPDATE SET "
        "dirty=TRUE, dirty_mark=stories.dirty_mark+1",
        from);
    t.exec_params("UPDATE articles SET event_id=$1 WHERE event_id=$2", into,
                  from);
  });
}

void PostgresStore::InsertRedirect(pqxx::transaction_base& t,
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

Status PostgresStore::PutRedirect(const std::string& old_id,
                                  const std::string& new_id) {
  return Run("storing redirect", [&](pqxx::transaction_base& t) {
    InsertRedirect(t, old_id, new_id);
  });
}

}  // namespace storyline::store::internal
